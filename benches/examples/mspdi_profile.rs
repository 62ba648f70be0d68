//! Reads and writes a generated MSPDI file in a loop, for profiling:
//! `mspdi_profile N read|write [ROUNDS]`, or `mspdi_profile N gen FILE` to write the
//! generated file.
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = a.first().and_then(|x| x.parse().ok()).unwrap_or(10_000);
    let what = a.get(1).map_or("read", String::as_str);
    let rounds: usize = a.get(2).and_then(|x| x.parse().ok()).unwrap_or(20);
    let p = planix_benches::with_holidays(planix_benches::layered(n, 1));
    let xml = planix::io::mspdi::to_mspdi(&p).unwrap_or_default();
    let s = p.schedule().ok();
    eprintln!("{} bytes", xml.len());
    if what == "gen" {
        let out = a.get(2).map_or("generated.xml", String::as_str);
        if let Err(e) = std::fs::write(out, &xml) {
            eprintln!("cannot write {out}: {e}");
        }
        return;
    }
    let t = std::time::Instant::now();
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let r = std::time::Instant::now();
        if what == "read" {
            std::hint::black_box(planix::io::mspdi::from_mspdi(&xml).ok());
        } else if let Some(s) = &s {
            std::hint::black_box(planix::io::mspdi::to_mspdi_with(&p, s));
        }
        best = best.min(r.elapsed().as_secs_f64());
    }
    eprintln!("{:.1} ms best", best * 1000.0);
    eprintln!(
        "{:.1} ms per round",
        t.elapsed().as_secs_f64() * 1000.0 / rounds as f64
    );
}
