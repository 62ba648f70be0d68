//! Schedules one generated network N times, for profilers: `cargo run --release -p planix-benches --example profile_cpm -- 100000 5`.

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let reps: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let p = planix_benches::layered(n, 1);
    let t = std::time::Instant::now();
    for _ in 0..reps {
        let s = p.schedule();
        std::hint::black_box(&s);
    }
    println!(
        "{n} tasks: {:.1} ms per schedule",
        t.elapsed().as_secs_f64() * 1000.0 / reps as f64
    );
}
