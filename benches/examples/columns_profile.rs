//! Times `Columns::schedule` and `Columns::from_rows` on a planix JSON plan.
//! `cargo run --release -p planix-benches --example columns_profile -- PLAN.json`
use std::time::Instant;

fn main() {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: columns_profile PLAN.json");
        return;
    };
    let Ok(text) = std::fs::read_to_string(&file) else {
        eprintln!("cannot read {file}");
        return;
    };
    let Ok(p) = planix::io::from_json(&text) else {
        eprintln!("cannot load {file}");
        return;
    };
    let Ok(s) = p.schedule() else {
        eprintln!("cannot schedule {file}");
        return;
    };
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    let (mut a, mut b) = (f64::MAX, f64::MAX);
    for _ in 0..runs {
        let t = Instant::now();
        let c = planix::io::columns::Columns::schedule(&s);
        a = a.min(t.elapsed().as_secs_f64());
        drop(c);
        if std::env::var_os("ONLY_SCHEDULE").is_some() {
            continue;
        }
        let t = Instant::now();
        let g = planix::io::columns::Columns::from_rows(s.tasks(), &["id"]);
        b = b.min(t.elapsed().as_secs_f64());
        drop(g);
    }
    println!(
        "best of {runs}: schedule columns {:.1} ms, generic rows {:.1} ms",
        a * 1e3,
        b * 1e3,
    );
}
