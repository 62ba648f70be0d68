//! `history/…`: diff and three-way merge of two 10,000-task revisions (`layered(10_000, 1)`),
//! each side with 100 duration edits on different tasks (issue #21: diff ≤ 20 ms, merge
//! ≤ 50 ms).
#![allow(clippy::panic)] // a benchmark whose setup fails has nothing to measure

use criterion::{Criterion, criterion_group, criterion_main};
use planix::{Duration, TaskId, history};
use planix_benches::layered;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let base = layered(10_000, 1);
    let ids: Vec<TaskId> = base.tasks().map(|t| t.id()).collect();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for k in 0..100 {
        ours.edit_task(ids[k * 97], |t| t.duration = Duration::hours(3))
            .unwrap_or_else(|e| panic!("{e}"));
        theirs
            .edit_task(ids[k * 97 + 31], |t| t.duration = Duration::hours(5))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut g = c.benchmark_group("history");
    g.sample_size(20);
    g.bench_function("diff/10000", |b| {
        b.iter(|| history::diff(black_box(&base), &ours))
    });
    g.bench_function("merge/10000", |b| {
        b.iter(|| history::merge(black_box(&base), &ours, &theirs))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
