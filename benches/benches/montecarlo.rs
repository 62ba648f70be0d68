//! `montecarlo/layered/N`: 10,000 iterations of a beta-PERT network of 1,000 tasks
//! (two predecessors per task on average, mixed link types and lags, one calendar).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use planix::simulate::{SimulationOptions, simulate};
use planix_benches::layered_pert;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("montecarlo");
    g.sample_size(10);
    for (n, iters) in [(100usize, 10_000usize), (1_000, 10_000)] {
        let p = layered_pert(n, 1);
        let opts = SimulationOptions::new(iters, 42);
        g.bench_with_input(BenchmarkId::new("layered", n), &p, |b, p| {
            b.iter(|| simulate(black_box(p), &opts))
        });
        let mut lean = SimulationOptions::new(iters, 42);
        lean.sensitivity = false;
        g.bench_with_input(BenchmarkId::new("layered_no_sensitivity", n), &p, |b, p| {
            b.iter(|| simulate(black_box(p), &lean))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
