//! `incremental/…/N`: one duration edit through `schedule::Scheduler` on layered networks
//! (`layered(n, 1)`, as the `cpm` bench), against a full `cpm` of the same network.
//!
//! - `float`: a task with float; alternately +1 h and back, so every iteration moves its
//!   finish and its successors' free float but not the project finish;
//! - `critical`: a critical task; the project finish moves with it, so every late date
//!   can move and the backward pass runs whole (the forward pass stays incremental);
//! - `chain`: a 10,000-task FS chain, its first task (every task moves): the DHTMLX row.

#![allow(clippy::panic)] // a benchmark whose setup fails has nothing to measure

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use planix::schedule::{CpmOptions, Scheduler, cpm};
use planix::{Duration, Project, Task, TaskId};
use planix_benches::layered;
use std::hint::black_box;

fn pick(s: &Scheduler, critical: bool) -> (TaskId, Duration) {
    let sch = s.schedule().unwrap_or_else(|e| panic!("{e}"));
    let all: Vec<_> = sch
        .tasks()
        .iter()
        .filter(|t| t.is_critical() == critical && t.duration() > Duration::ZERO)
        .filter(|t| critical || t.total_float() > Duration::hours(8))
        .collect();
    let t = all
        .get(all.len() / 2)
        .unwrap_or_else(|| panic!("no task to edit"));
    (t.id(), t.duration())
}

fn chain(n: usize) -> Project {
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap_or_default();
    let mut p = Project::new("chain", start);
    let mut prev = None;
    for i in 0..n {
        let t = p
            .add_task(Task::new(format!("T{i}")).with_duration(Duration::hours(8)))
            .unwrap_or_else(|e| panic!("{e}"));
        if let Some(a) = prev {
            p.link(a, t).unwrap_or_else(|e| panic!("{e}"));
        }
        prev = Some(t);
    }
    p
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("incremental");
    g.sample_size(20);
    let opts = CpmOptions::new();
    for n in [10_000usize, 100_000] {
        let p = layered(n, 1);
        g.bench_with_input(BenchmarkId::new("full_cpm", n), &p, |b, p| {
            b.iter(|| cpm(black_box(p), &opts))
        });
        for critical in [false, true] {
            let mut s = Scheduler::new(p.clone(), opts.clone()).unwrap_or_else(|e| panic!("{e}"));
            let (id, d) = pick(&s, critical);
            let name = if critical { "critical" } else { "float" };
            let mut k = 0i64;
            g.bench_function(BenchmarkId::new(name, n), |b| {
                b.iter(|| {
                    k += 1;
                    let to = Duration::minutes(d.as_minutes() + 60 * (k % 2));
                    s.set_duration(id, black_box(to))
                })
            });
        }
    }
    let p = chain(10_000);
    g.bench_with_input(BenchmarkId::new("full_cpm_chain", 10_000), &p, |b, p| {
        b.iter(|| cpm(black_box(p), &opts))
    });
    let first = p.tasks().next().map(|t| t.id()).unwrap_or(TaskId(1));
    let mut s = Scheduler::new(p, opts.clone()).unwrap_or_else(|e| panic!("{e}"));
    let mut k = 0i64;
    g.bench_function(BenchmarkId::new("chain_first", 10_000), |b| {
        b.iter(|| {
            k += 1;
            s.set_duration(first, black_box(Duration::hours(8 + k % 2)))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
