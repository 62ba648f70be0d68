//! `cpm/layered/N`: schedule layered networks of 1k, 100k and 1M tasks.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use planix::schedule::{CpmOptions, cpm};
use planix_benches::layered;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("cpm");
    g.sample_size(10);
    for n in [1_000usize, 100_000, 1_000_000] {
        let p = layered(n, 1);
        let opts = CpmOptions::new();
        g.bench_with_input(BenchmarkId::new("layered", n), &p, |b, p| {
            b.iter(|| cpm(black_box(p), &opts))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
