//! `render/gantt/N` and `render/network/N`: SVG of generated layered networks (about two
//! links per task, mixed link types), Gantt at 1,000 and 10,000 tasks, network diagram
//! at 100 and 1,000 tasks. The schedule is computed once, outside the timing.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use planix::render::{GanttOptions, NetworkOptions, gantt, network};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    g.sample_size(10);
    for n in [1_000usize, 10_000] {
        let p = planix_benches::layered(n, 1);
        let Ok(s) = p.schedule() else { continue };
        g.bench_with_input(BenchmarkId::new("gantt", n), &(p, s), |b, (p, s)| {
            b.iter(|| gantt(black_box(p), s, &GanttOptions::default()))
        });
    }
    for n in [100usize, 1_000] {
        let p = planix_benches::layered(n, 1);
        let Ok(s) = p.schedule() else { continue };
        g.bench_with_input(BenchmarkId::new("network", n), &(p, s), |b, (p, s)| {
            b.iter(|| network(black_box(p), s, &NetworkOptions::default()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
