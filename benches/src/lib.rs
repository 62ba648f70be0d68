//! Seeded network generators shared by the benches.

use chrono::NaiveDate;
use planix::{Dependency, Duration, Lag, LinkKind, Project, Task, TaskId};

/// A small deterministic generator (SplitMix64), so inputs are identical on every run.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// A layered network of `n` tasks: about sqrt(n) layers, about two predecessors per task
/// from the previous layers, mixed link types (80% FS) with small lags, one calendar.
pub fn layered(n: usize, seed: u64) -> Project {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap_or_default();
    let mut p = Project::new("bench", start);
    let mut r = Rng::new(seed);
    let layers = (n as f64).sqrt().round().max(1.0) as usize;
    let per = n.div_ceil(layers);
    let mut ids: Vec<TaskId> = Vec::with_capacity(n);
    for i in 0..n {
        let d = Duration::minutes(480 * (1 + r.below(20) as i64));
        let id = p
            .add_task(Task::new(format!("T{i}")).with_duration(d))
            .unwrap_or(TaskId(0));
        let layer = i / per;
        if layer > 0 {
            for k in 0..2 {
                let back = if k == 0 { 1 } else { 1 + r.below(3) as usize };
                let l = layer.saturating_sub(back);
                let lo = l * per;
                let j = lo + r.below(per as u64) as usize;
                if j >= i {
                    continue;
                }
                let kind = match r.below(10) {
                    0 => LinkKind::Ss,
                    1 => LinkKind::Ff,
                    _ => LinkKind::Fs,
                };
                let lag = Lag::Working(Duration::minutes(60 * (r.below(5) as i64)));
                let _ = p.add_dependency(Dependency::new(ids[j], id).with_kind(kind).with_lag(lag));
            }
        }
        ids.push(id);
    }
    p
}

/// The same network as [`layered`] with a beta-PERT (λ = 4) estimate on every task:
/// optimistic 0.5–1 × planned, most likely = planned, pessimistic 1–2 × planned (the
/// shape of the peers harness's generator).
pub fn layered_pert(n: usize, seed: u64) -> Project {
    let mut p = layered(n, seed);
    let mut r = Rng::new(seed ^ 0x5EED);
    let ids: Vec<TaskId> = p.tasks().map(|t| t.id()).collect();
    for id in ids {
        let (o_pct, p_pct) = (50 + r.below(51) as i64, 100 + r.below(101) as i64);
        let _ = p.edit_task(id, |t| {
            let d = t.duration.as_minutes();
            t.estimate = Some(planix::Estimate::pert(
                Duration::minutes(d * o_pct / 100),
                t.duration,
                Duration::minutes(d * p_pct / 100),
            ));
        });
    }
    p
}

/// The project with 30 one-day holidays on its calendar, every other Wednesday from
/// its start (a calendar with exceptions, as real plans have).
pub fn with_holidays(mut p: Project) -> Project {
    let (planix::ScheduleFrom::Start(s) | planix::ScheduleFrom::Finish(s)) = p.schedule_from();
    let mut cal = p.project_calendar().clone();
    let mut day = s.date();
    for k in 0..30 {
        day += chrono::Duration::days(16 - i64::from(k == 0) * 14);
        if let Ok(c) = cal.clone().with_holiday(format!("Holiday {k}"), day) {
            cal = c;
        }
    }
    let id = p.calendar_id();
    let _ = p.replace_calendar(id, cal);
    p
}

/// [`layered_pert`] with a team: resources `names` (each `units` wide), every task
/// booking one of them at 1 unit, chosen by the seed.
pub fn staffed(n: usize, seed: u64, names: &[&str], units: f64) -> Project {
    let mut p = layered_pert(n, seed);
    let mut r = Rng::new(seed ^ 0x7EA3);
    let res: Vec<planix::ResourceId> = names
        .iter()
        .filter_map(|name| p.add_resource(planix::Resource::work(*name, units)).ok())
        .collect();
    let ids: Vec<TaskId> = p.tasks().map(|t| t.id()).collect();
    for id in ids {
        if let Some(&rid) = res.get(r.below(res.len() as u64) as usize) {
            let _ = p.assign(planix::Assignment::new(id, rid, 1.0));
        }
    }
    p
}

/// A portfolio of `projects` staffed plans of `n` tasks each, sharing a pool of four
/// people-groups (`Dev`, `QA`, `Ops`, `UX`, `units` wide each), with every project
/// after the first waiting for the previous one's first task (a cross-project link).
pub fn portfolio(projects: usize, n: usize, units: f64) -> planix::portfolio::Portfolio {
    use planix::portfolio::{CrossLink, PoolResource, Portfolio, TaskRef};
    let names = ["Dev", "QA", "Ops", "UX"];
    let mut pf = Portfolio::new("bench");
    for name in names {
        let _ = pf.add_pool_resource(PoolResource::new(name, units));
    }
    for k in 0..projects {
        let p = staffed(n, k as u64 + 1, &names, units);
        let _ = pf.add_project(format!("P{k}"), p, 500 + (k % 3) as u16 * 100);
        if k > 0 {
            let _ = pf.link(CrossLink {
                predecessor: TaskRef::new(format!("P{}", k - 1), TaskId(1)),
                successor: TaskRef::new(format!("P{k}"), TaskId(1)),
                kind: LinkKind::Ss,
                lag: Duration::ZERO,
            });
        }
    }
    pf
}
