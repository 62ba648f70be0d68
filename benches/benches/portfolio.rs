//! `portfolio/*`: a portfolio of 20 staffed plans × 1,000 tasks sharing a four-group pool
//! (schedule with cross-project links; fast leveling across projects), and the
//! resource-constrained Monte Carlo of one staffed 1,000-task plan (10,000 iterations).

use criterion::{Criterion, criterion_group, criterion_main};
use planix::resources::LevelOptions;
use planix::simulate::{SimulationOptions, simulate};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("portfolio");
    g.sample_size(10);
    let pf = planix_benches::portfolio(20, 1000, 20.0);
    g.bench_function("schedule_20x1000", |b| b.iter(|| black_box(&pf).schedule()));
    g.bench_function("level_fast_20x1000", |b| {
        b.iter(|| black_box(&pf).level(&LevelOptions::default()))
    });
    let p = planix_benches::staffed(1000, 1, &["Dev", "QA", "Ops"], 4.0);
    let mut o = SimulationOptions::new(10_000, 42);
    o.resource_constrained = true;
    g.bench_function("resource_constrained_mc_1000x10000", |b| {
        b.iter(|| simulate(black_box(&p), &o))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
