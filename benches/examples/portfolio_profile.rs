//! Profile target: a portfolio of 20 × 1,000 tasks sharing one pool (schedule, fast
//! leveling), and the resource-constrained Monte Carlo of one staffed 1,000-task plan.
//! `cargo run --release -p planix-benches --example portfolio_profile [PROJECTS N ITERS]`
use planix::resources::LevelOptions;
use planix::simulate::{SimulationOptions, simulate};
use std::time::Instant;

fn main() {
    let arg = |k: usize, d: usize| {
        std::env::args()
            .nth(k)
            .and_then(|s| s.parse().ok())
            .unwrap_or(d)
    };
    let (projects, n, iters) = (arg(1, 20), arg(2, 1000), arg(3, 10_000));
    let units: f64 = std::env::var("UNITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20.0);
    let pf = planix_benches::portfolio(projects, n, units);
    let best = |f: &dyn Fn() -> String| {
        let mut t = f64::MAX;
        let mut out = String::new();
        for _ in 0..3 {
            let s = Instant::now();
            out = f();
            t = t.min(s.elapsed().as_secs_f64());
        }
        (t, out)
    };
    let (t, out) = best(&|| match pf.schedule() {
        Ok(s) => format!("finish {}", s.finish()),
        Err(e) => format!("error {e}"),
    });
    println!(
        "portfolio {projects} x {n}: schedule {:.1} ms ({out})",
        t * 1e3
    );
    if std::env::var_os("ONLY_SCHEDULE").is_some() {
        for _ in 0..30 {
            let _ = pf.schedule();
        }
        return;
    }
    let (t, out) = best(&|| match pf.level(&LevelOptions::default()) {
        Ok(l) => format!("finish {}, {} delays", l.finish(), l.delays.len()),
        Err(e) => format!("error {e}"),
    });
    println!("portfolio {projects} x {n}: level (fast) {t:.3} s ({out})");
    let p = planix_benches::staffed(n, 1, &["Dev", "QA", "Ops"], 4.0);
    let mut o = SimulationOptions::new(iters, 42);
    o.resource_constrained = true;
    let (t, out) = best(&|| match simulate(&p, &o) {
        Ok(r) => format!(
            "P50 {} / P80 {}; without limits P80 {}",
            r.percentile(50.0),
            r.percentile(80.0),
            r.finish_without_resource_limits
                .as_ref()
                .map(|d| d.percentile(80.0).to_string())
                .unwrap_or_default()
        ),
        Err(e) => format!("error {e}"),
    });
    println!("resource-constrained Monte Carlo {n} x {iters}: {t:.3} s ({out})");
}
