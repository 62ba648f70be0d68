//! Leveling at scale on the peers' generated networks (`../shared/tools/peers/gen_network.py
//! --resources K`): builds the plan in Rust, levels it in fast mode on one core, and
//! reports the time, the peak resident memory after each phase and the makespan against
//! the resource bound (the largest total work of a resource over its capacity).
//!
//! ```text
//! python3 ../shared/tools/peers/gen_network.py --n 100000 --seed 1 --resources 3 --out net.json
//! cargo run --release -p planix-benches --bin level_scale -- net.json
//! ```
//! `level_scale NETWORK.json --save PLAN.json` writes the plan as planix JSON instead of
//! leveling it (the input of `planix schedule` and `load` at the same sizes).
//!
//! One day of the neutral format is one elapsed day (a 24-hour calendar), as in
//! `benches/peers/run_planix.py`. Peak RSS is the kernel's `VmHWM` (Linux only).

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

use planix::resources::{LevelOptions, level};
use planix::{Assignment, Calendar, Dependency, Duration, Project, Resource, Task};

fn peak_rss_mib() -> u64 {
    status_mib("VmHWM:")
}

/// A `/proc/self/status` memory line in MiB.
fn status_mib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .unwrap_or(0)
        / 1024
}

/// The plan and its resource bound in days.
fn build(net: &serde_json::Value, start: chrono::NaiveDateTime) -> Result<(Project, f64), String> {
    let mut p = Project::new("peers", start);
    let cal = p
        .add_calendar(Calendar::twenty_four_hours())
        .map_err(|e| e.to_string())?;
    p.set_project_calendar(cal).map_err(|e| e.to_string())?;
    let mut res = HashMap::new();
    let mut caps = HashMap::new();
    if let Some(rs) = net["resources"].as_object() {
        for (name, cap) in rs {
            let c = cap.as_f64().ok_or("capacity")?;
            let id = p
                .add_resource(Resource::work(name.clone(), c))
                .map_err(|e| e.to_string())?;
            res.insert(name.clone(), id);
            caps.insert(name.clone(), c);
        }
    }
    let tasks = net["tasks"].as_array().ok_or("tasks")?;
    let mut ids = HashMap::with_capacity(tasks.len());
    let mut work: HashMap<String, f64> = HashMap::new();
    for t in tasks {
        let name = t["id"].as_str().ok_or("id")?;
        let d = t["duration"].as_i64().ok_or("duration")?;
        let id = p
            .add_task(Task::new(name).with_duration(Duration::minutes(d * 1440)))
            .map_err(|e| e.to_string())?;
        ids.insert(name.to_string(), id);
        if let Some(dem) = t["demand"].as_object() {
            for (r, k) in dem {
                let k = k.as_f64().ok_or("demand")?;
                let rid = *res.get(r).ok_or("resource")?;
                p.assign(Assignment::new(id, rid, k))
                    .map_err(|e| e.to_string())?;
                *work.entry(r.clone()).or_default() += k * d as f64;
            }
        }
    }
    for t in tasks {
        let succ = ids[t["id"].as_str().ok_or("id")?];
        for pr in t["preds"].as_array().ok_or("preds")? {
            let pred = *ids.get(pr.as_str().ok_or("pred")?).ok_or("unknown pred")?;
            p.add_dependency(Dependency::new(pred, succ))
                .map_err(|e| e.to_string())?;
        }
    }
    let bound = work.iter().map(|(r, w)| w / caps[r]).fold(0.0, f64::max);
    Ok((p, bound))
}

/// The resource bound of a plan in days of 1,440 minutes: the largest total work of a
/// resource (units × duration) over its max units.
fn bound_of(p: &Project) -> f64 {
    let mut work: HashMap<planix::ResourceId, f64> = HashMap::new();
    for a in p.assignments() {
        let d = p.task(a.task).map_or(0, |t| t.duration.as_minutes());
        *work.entry(a.resource).or_default() += a.units * d as f64 / 1440.0;
    }
    work.iter()
        .filter_map(|(r, w)| p.resource(*r).map(|r| w / r.max_units))
        .fold(0.0, f64::max)
}

fn main() -> ExitCode {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: level_scale NETWORK.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(1);
        }
    };
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    // A planix JSON plan (as `--save` writes) loads through the streaming reader, so the
    // resident set before leveling is the plan's; a neutral network goes through a
    // `serde_json::Value`, whose freed pages stay counted.
    let built = if text.contains("\"format\": \"planix\"") {
        planix::io::from_json(&text)
            .map_err(|e| e.to_string())
            .map(|p| {
                let b = bound_of(&p);
                (p, b)
            })
    } else {
        serde_json::from_str(&text)
            .map_err(|e| e.to_string())
            .and_then(|net: serde_json::Value| build(&net, start))
    };
    drop(text);
    let (p, bound) = match built {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(1);
        }
    };
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--save") {
        let Some(out) = args.get(i + 1) else {
            eprintln!("--save needs a file");
            return ExitCode::from(2);
        };
        let written = std::fs::File::create(out).and_then(|f| {
            use std::io::Write;
            let mut w = std::io::BufWriter::new(f);
            w.write_all(planix::io::to_json(&p).as_bytes())?;
            w.flush()
        });
        return match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{out}: {e}");
                ExitCode::from(1)
            }
        };
    }
    // Reset the peak to the current resident set, so the leveling's own peak shows
    // apart from the parsed network text (Linux: `5` to clear_refs resets VmHWM).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let built = peak_rss_mib();
    let resident = status_mib("VmRSS:");
    let t0 = Instant::now();
    let lv = match level(&p, &LevelOptions::default()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(1);
        }
    };
    let secs = t0.elapsed().as_secs_f64();
    let after = peak_rss_mib();
    let makespan = (lv.schedule.finish() - start).num_minutes() as f64 / 1440.0;
    let widest = lv
        .delays
        .iter()
        .map(|d| d.blocked_by.len())
        .max()
        .unwrap_or(0);
    println!(
        "{{\"n\": {}, \"seconds\": {secs:.3}, \"peak_rss_built_mib\": {built}, \"rss_before_level_mib\": {resident}, \"peak_rss_mib\": {after}, \"makespan\": {makespan}, \"bound\": {:.1}, \"above_bound_pct\": {:.3}, \"delayed\": {}, \"widest_explanation\": {widest}, \"remaining\": {}}}",
        p.task_count(),
        bound,
        100.0 * (makespan / bound.ceil() - 1.0),
        lv.delays.len(),
        lv.remaining.len()
    );
    ExitCode::SUCCESS
}
