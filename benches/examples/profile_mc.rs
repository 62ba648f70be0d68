//! Profile target: 10,000 Monte Carlo iterations on the 1,000-task bench network.
use planix::simulate::{SimulationOptions, simulate};
use planix_benches::layered_pert;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let iters: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let mut p = layered_pert(n, 1);
    // PLANIX_MC=fixed: no sampling (pass + trace only); nosens: no sensitivity; general: general kernel.
    let mode = std::env::var("PLANIX_MC").unwrap_or_default();
    if mode == "fixed" {
        let ids: Vec<_> = p.tasks().map(|t| t.id()).collect();
        for id in ids {
            let _ = p.edit_task(id, |t| t.estimate = None);
        }
    }
    if mode == "general" {
        // A task calendar (a copy of the project calendar) forces the general kernel.
        let copy = p.project_calendar().clone();
        let first = p.tasks().next().map(|t| t.id());
        if let (Ok(c), Some(first)) = (p.add_calendar(copy), first) {
            let _ = p.edit_task(first, |t| t.calendar = Some(c));
        }
    }
    let mut opts = SimulationOptions::new(iters, 42);
    opts.sensitivity = mode != "nosens";
    let t = Instant::now();
    let r = simulate(&p, &opts);
    let el = t.elapsed();
    match r {
        Ok(r) => println!(
            "{} tasks x {} iterations: {:.3} s, kernel {}, P50 {}, P80 {}",
            n,
            iters,
            el.as_secs_f64(),
            r.kernel,
            r.percentile(50.0),
            r.percentile(80.0)
        ),
        Err(e) => println!("error: {e}"),
    }
}
