//! MPSPLIB multi-project benchmark runner: levels every instance of
//! `../shared/data/mpsplib/` (planix project JSON saved from Microsoft Project, see its
//! README), checks each leveled schedule itself (every link with its lag, every resource at
//! every instant), and reports the makespan in working days against the lower bound and
//! CP-SAT at 15 s from `bounds.csv`.
//!
//! ```text
//! cargo run --release -p planix-benches --bin mpsplib -- ../shared/data/mpsplib
//! cargo run --release -p planix-benches --bin mpsplib -- --mode optimize --time-limit 2 ../shared/data/mpsplib
//! cargo run --release -p planix-benches --bin mpsplib -- --portfolio ../shared/data/mpsplib
//! ```
//! Options: `--mode fast|optimize`, `--time-limit SECONDS`, `--max-schedules N`, `--seed N`,
//! `--only NAME` (instances whose name contains NAME), `--portfolio` (split each instance
//! into one project per MPSPLIB project sharing one resource pool, level the portfolio,
//! and check the makespan equals the single-project run's).
//! Exits 1 on any infeasible schedule or unreadable instance.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDateTime;
use planix::resources::{LevelMode, LevelOptions, level};
use planix::{Lag, LinkKind, Project, ResourceKind, Schedule};

struct Args {
    dir: PathBuf,
    opts: LevelOptions,
    only: Option<String>,
    portfolio: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut opts = LevelOptions::default();
    let mut dir = None;
    let mut only = None;
    let mut portfolio = false;
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
            "--only" => only = Some(val("--only")?),
            "--portfolio" => portfolio = true,
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    Ok(Args {
        dir: dir.ok_or("usage: mpsplib [--mode fast|optimize] [--time-limit S] DIR")?,
        opts,
        only,
        portfolio,
    })
}

/// `bounds.csv`: instance → (lower bound, CP-SAT 15 s) in days.
fn bounds(dir: &Path) -> Result<HashMap<String, (i64, i64)>, String> {
    let text = std::fs::read_to_string(dir.join("bounds.csv"))
        .map_err(|e| format!("{}/bounds.csv: {e}", dir.display()))?;
    let mut m = HashMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() >= 5 {
            let lb = f[3]
                .parse()
                .map_err(|e| format!("bounds.csv {line:?}: {e}"))?;
            let cp = f[4]
                .parse()
                .map_err(|e| format!("bounds.csv {line:?}: {e}"))?;
            m.insert(f[0].to_string(), (lb, cp));
        }
    }
    Ok(m)
}

/// Independent check of a leveled schedule: every FS link with its working lag, every
/// duration kept, and no work resource above its units at any instant. Returns the
/// makespan in working days of the project calendar.
fn check(p: &Project, base: &Schedule, s: &Schedule) -> Result<i64, String> {
    let cal = p.project_calendar();
    let wt = |a: NaiveDateTime, b: NaiveDateTime| -> Result<i64, String> {
        cal.working_time_between(a, b)
            .map(|d| d.as_minutes())
            .map_err(|e| e.to_string())
    };
    for d in p.dependencies() {
        let (Some(a), Some(b)) = (s.task(d.predecessor), s.task(d.successor)) else {
            return Err(format!("link {d:?}: task missing from the schedule"));
        };
        let lag = match (d.kind, d.lag) {
            (LinkKind::Fs, Lag::Working(x)) => x.as_minutes(),
            other => return Err(format!("unexpected link {other:?}")),
        };
        if wt(a.finish(), b.start())? < lag {
            return Err(format!(
                "{} starts {} before {} finishes {} + lag {lag} min",
                d.successor,
                b.start(),
                d.predecessor,
                a.finish()
            ));
        }
    }
    for t in base.tasks() {
        let l = s.task(t.id()).ok_or("task missing")?;
        if wt(l.start(), l.finish())? != wt(t.start(), t.finish())? {
            return Err(format!("{} changed duration", t.id()));
        }
    }
    for r in p.resources().filter(|r| r.kind == ResourceKind::Work) {
        let mut ev: Vec<(NaiveDateTime, i64)> = Vec::new();
        for a in p.assignments().filter(|a| a.resource == r.id()) {
            let t = s.task(a.task).ok_or("assigned task missing")?;
            if t.finish() > t.start() {
                let u = (a.units * 1000.0).round() as i64;
                ev.push((t.start(), u));
                ev.push((t.finish(), -u));
            }
        }
        ev.sort();
        let cap = (r.max_units * 1000.0).round() as i64;
        let mut used = 0;
        for (at, u) in ev {
            used += u;
            if used > cap {
                return Err(format!("{} over capacity at {at}: {used} > {cap}", r.name));
            }
        }
    }
    let start = base.start();
    Ok((wt(start, s.finish())? + 479) / 480)
}

/// One planix project per MPSPLIB project (tasks named `<project>-Task <j>`), the resources two or
/// more projects use in one shared pool, the others local; links across projects (the
/// arrival lags) become cross-project links.
fn split(p: &Project) -> Result<planix::portfolio::Portfolio, String> {
    use planix::portfolio::{CrossLink, PoolResource, Portfolio, TaskRef};
    use std::collections::{BTreeMap, BTreeSet};
    // "P3-Task 5", "j9032_8-5-Task 91": the project is what comes before "-Task".
    let group = |name: &str| name.rsplit_once("-Task").map_or(name, |x| x.0).to_string();
    let start = p.schedule().map_err(|e| e.to_string())?.start();
    let mut members: BTreeMap<String, (Project, BTreeMap<planix::TaskId, planix::TaskId>)> =
        BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut of_task = BTreeMap::new();
    for t in p.tasks() {
        let g = group(&t.name);
        if !members.contains_key(&g) {
            let mut q = Project::new(g.clone(), start);
            let c = q
                .add_calendar(p.project_calendar().clone())
                .map_err(|e| e.to_string())?;
            q.set_project_calendar(c).map_err(|e| e.to_string())?;
            members.insert(g.clone(), (q, BTreeMap::new()));
            order.push(g.clone());
        }
        let (q, map) = members.get_mut(&g).ok_or("group")?;
        let mut nt = planix::Task::new(t.name.clone()).with_duration(t.duration);
        nt.milestone = t.milestone;
        let id = q.add_task(nt).map_err(|e| e.to_string())?;
        map.insert(t.id(), id);
        of_task.insert(t.id(), g);
    }
    let mut users: BTreeMap<planix::ResourceId, BTreeSet<String>> = BTreeMap::new();
    for a in p.assignments() {
        users
            .entry(a.resource)
            .or_default()
            .insert(of_task[&a.task].clone());
    }
    let mut pf = Portfolio::new("MPSPLIB");
    for r in p.resources() {
        if users.get(&r.id()).is_some_and(|u| u.len() > 1) {
            pf.add_pool_resource(PoolResource::new(r.name.clone(), r.max_units))
                .map_err(|e| e.to_string())?;
        }
    }
    let mut cross = Vec::new();
    for d in p.dependencies() {
        let (ga, gb) = (&of_task[&d.predecessor], &of_task[&d.successor]);
        let a = members[ga].1[&d.predecessor];
        let b = members[gb].1[&d.successor];
        if ga == gb {
            let q = &mut members.get_mut(ga).ok_or("group")?.0;
            q.add_dependency(planix::Dependency::new(a, b).with_lag(d.lag))
                .map_err(|e| e.to_string())?;
        } else {
            let Lag::Working(lag) = d.lag else {
                return Err(format!("unexpected lag {:?}", d.lag));
            };
            cross.push(CrossLink {
                predecessor: TaskRef::new(ga.clone(), a),
                successor: TaskRef::new(gb.clone(), b),
                kind: d.kind,
                lag,
            });
        }
    }
    let mut res_of: BTreeMap<(String, planix::ResourceId), planix::ResourceId> = BTreeMap::new();
    for a in p.assignments() {
        let g = of_task[&a.task].clone();
        let r = p.resource(a.resource).ok_or("resource")?;
        let (q, map) = members.get_mut(&g).ok_or("group")?;
        let rid = match res_of.get(&(g.clone(), a.resource)) {
            Some(&x) => x,
            None => {
                let x = q
                    .add_resource(planix::Resource::work(r.name.clone(), r.max_units))
                    .map_err(|e| e.to_string())?;
                res_of.insert((g.clone(), a.resource), x);
                x
            }
        };
        q.assign(planix::Assignment::new(map[&a.task], rid, a.units))
            .map_err(|e| e.to_string())?;
    }
    for g in order {
        let (q, _) = members.remove(&g).ok_or("group")?;
        pf.add_project(g, q, 500).map_err(|e| e.to_string())?;
    }
    for l in cross {
        pf.link(l).map_err(|e| e.to_string())?;
    }
    Ok(pf)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("mpsplib: {e}");
            return ExitCode::from(2);
        }
    };
    let bounds = match bounds(&args.dir) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("mpsplib: {e}");
            return ExitCode::from(2);
        }
    };
    let mut names: Vec<String> = bounds.keys().cloned().collect();
    names.sort();
    if let Some(o) = &args.only {
        names.retain(|n| n.contains(o.as_str()));
    }
    println!(
        "{:<18} {:>5} {:>4} {:>4} {:>6} {:>6} {:>7} {:>8}",
        "instance", "tasks", "LB", "CP", "planix", "%LB", "vs CP", "time s"
    );
    let (mut dev, mut secs, mut hits, mut better, mut equal, mut worse) = (0.0, 0.0, 0, 0, 0, 0);
    let mut failed = false;
    for name in &names {
        let (lb, cp) = bounds[name];
        let path = args.dir.join(format!("{name}.json"));
        let p = match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| planix::io::from_json(&t).map_err(|e| e.to_string()))
        {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{name}: {e}");
                failed = true;
                continue;
            }
        };
        let base = match p.schedule() {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{name}: {e}");
                failed = true;
                continue;
            }
        };
        let t0 = Instant::now();
        let leveled = match level(&p, &args.opts) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{name}: {e}");
                failed = true;
                continue;
            }
        };
        let el = t0.elapsed().as_secs_f64();
        let days = match check(&p, &base, &leveled.schedule) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{name}: INFEASIBLE: {e}");
                failed = true;
                continue;
            }
        };
        let d = 100.0 * (days - lb) as f64 / lb as f64;
        dev += d;
        secs += el;
        hits += usize::from(days == lb);
        let vs = match days.cmp(&cp) {
            std::cmp::Ordering::Less => {
                better += 1;
                "better"
            }
            std::cmp::Ordering::Equal => {
                equal += 1;
                "equal"
            }
            std::cmp::Ordering::Greater => {
                worse += 1;
                "worse"
            }
        };
        println!(
            "{name:<18} {:>5} {lb:>4} {cp:>4} {days:>6} {d:>6.2} {vs:>7} {el:>8.2}",
            p.tasks().count()
        );
        if args.portfolio {
            match split(&p) {
                Ok(pf) => match pf.level(&args.opts) {
                    Ok(pl) => {
                        let merged = pl.finish();
                        let same = merged == leveled.schedule.finish();
                        println!(
                            "  portfolio of {} projects: finish {merged} ({})",
                            pf.projects().len(),
                            if same { "same makespan" } else { "DIFFERENT" }
                        );
                        failed |= !same;
                    }
                    Err(e) => {
                        eprintln!("{name}: portfolio: {e}");
                        failed = true;
                    }
                },
                Err(e) => {
                    eprintln!("{name}: portfolio: {e}");
                    failed = true;
                }
            }
        }
    }
    let n = names.len().max(1) as f64;
    println!(
        "{} instances, mode {:?}: {:.2}% above the lower bound on average, {hits} at the bound; vs CP-SAT 15 s: {better} better, {equal} equal, {worse} worse; {:.2} s per instance",
        names.len(),
        args.opts.mode,
        dev / n,
        secs / n
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
