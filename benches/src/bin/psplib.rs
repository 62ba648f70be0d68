//! PSPLIB benchmark runner: levels every `.sm` instance of a directory (or one file) and
//! reports feasibility, deviation from the critical-path bound and from the best known
//! makespans, and time per instance.
//!
//! ```text
//! cargo run --release -p planix-benches --bin psplib -- ../shared/data/psplib/j30
//! cargo run --release -p planix-benches --bin psplib -- --mode optimize --time-limit 1 ../shared/data/psplib/j120
//! target/release/psplib --mode fast ../shared/data/psplib/j30/j301_1.sm   # one JSON line
//! ```
//! Options: `--mode fast|optimize`, `--time-limit SECONDS`, `--max-schedules N`,
//! `--seed N`, `--every K` (every K-th instance), `--best-known FILE`, `--verbose` (one line
//! per instance).
//! Exits 1 on any infeasible schedule or unreadable instance.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use planix::io::psplib::level_psplib;
use planix::io::psplib::{self, PsplibInstance};
use planix::resources::{LevelMode, LevelOptions};

struct Args {
    path: PathBuf,
    opts: LevelOptions,
    every: usize,
    best_known: Option<PathBuf>,
    verbose: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut opts = LevelOptions::default();
    let mut path = None;
    let mut every = 1;
    let mut best_known = None;
    let mut verbose = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--mode" => {
                let m = val("--mode")?;
                opts.mode = LevelMode::from_name(&m).ok_or_else(|| {
                    format!("unknown mode {m:?} ({})", LevelMode::NAMES.join("|"))
                })?;
            }
            "--time-limit" => {
                opts.time_limit = Some(
                    val("--time-limit")?
                        .parse()
                        .map_err(|e| format!("--time-limit: {e}"))?,
                );
                opts.max_schedules = u64::MAX;
            }
            "--max-schedules" => {
                opts.max_schedules = val("--max-schedules")?
                    .parse()
                    .map_err(|e| format!("--max-schedules: {e}"))?
            }
            "--seed" => opts.seed = val("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--every" => {
                every = val("--every")?
                    .parse()
                    .map_err(|e| format!("--every: {e}"))?
            }
            "--best-known" => best_known = Some(PathBuf::from(val("--best-known")?)),
            "--verbose" => verbose = true,
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => path = Some(PathBuf::from(a)),
        }
    }
    let path = path.ok_or(
        "usage: psplib [--mode fast|optimize] [--time-limit S] [--seed N] [--every K] DIR|FILE.sm",
    )?;
    Ok(Args {
        path,
        opts,
        every: every.max(1),
        best_known,
        verbose,
    })
}

fn load(path: &Path) -> Result<PsplibInstance, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    psplib::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Independent feasibility check: precedence and every resource at every period.
fn feasible(inst: &PsplibInstance, starts: &[i64]) -> Result<i64, String> {
    let n = inst.durations.len();
    if starts.len() != n {
        return Err("wrong number of starts".into());
    }
    let mut makespan = 0;
    for (i, &s) in starts.iter().enumerate() {
        if s < 0 {
            return Err(format!("job {} starts before 0", i + 1));
        }
        makespan = makespan.max(s + inst.durations[i]);
        for &j in &inst.successors[i] {
            if starts[j] < s + inst.durations[i] {
                return Err(format!(
                    "job {} starts before job {} finishes",
                    j + 1,
                    i + 1
                ));
            }
        }
    }
    for (r, &cap) in inst.capacities.iter().enumerate() {
        let mut use_ = vec![0i64; makespan as usize + 1];
        for (i, &s) in starts.iter().enumerate() {
            for t in s..s + inst.durations[i] {
                use_[t as usize] += i64::from(inst.requests[i][r]);
            }
        }
        if let Some(t) = use_.iter().position(|&u| u > i64::from(cap)) {
            return Err(format!("resource {} over capacity at period {t}", r + 1));
        }
    }
    Ok(makespan)
}

fn best_known(path: &Path) -> HashMap<String, i64> {
    let mut m = HashMap::new();
    if let Ok(text) = std::fs::read_to_string(path) {
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            if f.len() >= 3 {
                if let Ok(v) = f[2].parse() {
                    m.insert(f[1].to_string(), v);
                }
            }
        }
    }
    m
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("psplib: {e}");
            return ExitCode::from(2);
        }
    };
    if args.path.is_file() {
        let inst = match load(&args.path) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("psplib: {e}");
                return ExitCode::from(1);
            }
        };
        return match level_psplib(&inst, &args.opts) {
            Ok(s) => {
                let starts: Vec<String> = s
                    .starts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| format!("\"{}\": {t}", i + 1))
                    .collect();
                println!(
                    "{{\"makespan\": {}, \"starts\": {{{}}}}}",
                    s.makespan,
                    starts.join(", ")
                );
                match feasible(&inst, &s.starts) {
                    Ok(_) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("psplib: infeasible: {e}");
                        ExitCode::from(1)
                    }
                }
            }
            Err(e) => {
                eprintln!("psplib: {e}");
                ExitCode::from(1)
            }
        };
    }
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&args.path) {
        Ok(d) => d
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "sm"))
            .collect(),
        Err(e) => {
            eprintln!("psplib: {}: {e}", args.path.display());
            return ExitCode::from(2);
        }
    };
    // Natural order: j301_1, j301_2, ..., j3010_1.
    let key = |p: &PathBuf| {
        let stem = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let nums: Vec<u64> = stem
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        (nums, stem)
    };
    files.sort_by_key(key);
    let files: Vec<PathBuf> = files.into_iter().step_by(args.every).collect();
    let bk_path = args
        .best_known
        .clone()
        .unwrap_or_else(|| args.path.join("..").join("best_known.csv"));
    let bk = best_known(&bk_path);
    let (mut count, mut infeasible, mut at_best, mut with_best) = (0usize, 0usize, 0usize, 0usize);
    let (mut dev_lb, mut dev_best) = (0.0f64, 0.0f64);
    let (mut total_secs, mut max_secs) = (0.0f64, 0.0f64);
    let mut schedules = 0u64;
    for f in &files {
        let name = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let inst = match load(f) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("psplib: {e}");
                infeasible += 1;
                continue;
            }
        };
        let t0 = Instant::now();
        let res = level_psplib(&inst, &args.opts);
        let secs = t0.elapsed().as_secs_f64();
        total_secs += secs;
        max_secs = max_secs.max(secs);
        count += 1;
        let s = match res {
            Ok(s) => s,
            Err(e) => {
                eprintln!("psplib: {name}: {e}");
                infeasible += 1;
                continue;
            }
        };
        schedules += s.schedules;
        match feasible(&inst, &s.starts) {
            Ok(m) if m == s.makespan => {}
            Ok(m) => {
                eprintln!(
                    "psplib: {name}: reported makespan {} but schedule ends at {m}",
                    s.makespan
                );
                infeasible += 1;
                continue;
            }
            Err(e) => {
                eprintln!("psplib: {name}: infeasible: {e}");
                infeasible += 1;
                continue;
            }
        }
        if args.verbose {
            println!(
                "{name} makespan {} best {} lb0 {} ms {:.1}",
                s.makespan,
                bk.get(&name).map_or("-".into(), |b| b.to_string()),
                s.critical_path,
                secs * 1000.0
            );
        }
        let lb = s.critical_path.max(1) as f64;
        dev_lb += (s.makespan as f64 - lb) / lb * 100.0;
        if let Some(&b) = bk.get(&name) {
            with_best += 1;
            dev_best += (s.makespan - b) as f64 / b as f64 * 100.0;
            if s.makespan <= b {
                at_best += 1;
            }
        }
    }
    let feasible_n = count - infeasible.min(count);
    println!("instances          {count}");
    println!(
        "feasible           {feasible_n} ({:.1}%)",
        100.0 * feasible_n as f64 / count.max(1) as f64
    );
    println!(
        "avg dev from LB0   {:.2}%",
        dev_lb / feasible_n.max(1) as f64
    );
    if with_best > 0 {
        println!("avg dev from best  {:.3}%", dev_best / with_best as f64);
        println!("at best known      {at_best} / {with_best}");
    }
    println!(
        "time per instance  {:.2} ms mean, {:.2} ms max",
        1000.0 * total_secs / count.max(1) as f64,
        1000.0 * max_secs
    );
    println!(
        "schedules/instance {:.0}",
        schedules as f64 / count.max(1) as f64
    );
    if infeasible > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
