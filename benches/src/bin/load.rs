//! Loads planix JSON files and reports the load time and the peak resident memory.
//!
//! `load FILE [--schedule]`: prints tasks, links, seconds, peak RSS before and after the
//! load and the growth per task (the file text itself is counted in "before").
//! Peak RSS is the kernel's `VmHWM` of this process (Linux only).

use std::time::Instant;

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: load FILE [--schedule]");
        return std::process::ExitCode::from(2);
    };
    eprintln!(
        "size_of Task {} B, Dependency {} B",
        std::mem::size_of::<planix::Task>(),
        std::mem::size_of::<planix::Dependency>()
    );
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    let before = peak_rss_kib();
    let t0 = Instant::now();
    let p = match planix::io::from_json(&text) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{file}: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    let load = t0.elapsed().as_secs_f64();
    let after = peak_rss_kib();
    let n = p.task_count();
    let per_task = (after.saturating_sub(before) * 1024) as f64 / n.max(1) as f64;
    println!(
        "{file}: {n} tasks, {} links, load {load:.3} s, peak RSS {} MiB -> {} MiB, {per_task:.0} B/task over the text",
        p.dependencies().len(),
        before / 1024,
        after / 1024
    );
    if args.iter().any(|a| a == "--schedule") {
        let t1 = Instant::now();
        match p.schedule() {
            Ok(s) => println!(
                "schedule {:.3} s, finish {}, peak RSS {} MiB",
                t1.elapsed().as_secs_f64(),
                s.finish(),
                peak_rss_kib() / 1024
            ),
            Err(e) => println!(
                "schedule error after {:.3} s: {e}",
                t1.elapsed().as_secs_f64()
            ),
        }
    }
    std::process::ExitCode::SUCCESS
}
