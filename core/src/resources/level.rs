//! Resource leveling of a [`Project`]: maps the project onto the scheduling kernel
//! ([`rcpsp`](super::rcpsp)) in working minutes of the project calendar, solves it, and
//! re-schedules the project with each task's leveled start as a floor, so every link,
//! constraint and calendar of the CPM engine still holds in the result.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::rcpsp::{Arc, Capacity, Instance, InstanceError, Job, SolveOptions};
use super::{LevelMode, LevelOptions, Overallocation, overallocations};
use crate::calendar::Duration;
use crate::calendar::timeline::Timeline;
use crate::ids::{ResourceId, TaskId};
use crate::model::{Constraint, DO_NOT_LEVEL, Lag, LinkKind, Project, ResourceKind, ScheduleFrom};
use crate::schedule::cpm::{cpm_with_floors, project_timelines};
use crate::schedule::{CpmOptions, Schedule, ScheduleError};

/// Why [`level`] failed. The project is never changed.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LevelError {
    /// The project cannot be scheduled at all.
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    /// A task needs more of a resource than the resource ever has for the task's duration.
    #[error(
        "{task} ({name:?}) needs {units} units of {resource} ({resource_name:?}), which never has more than {available} for the task's duration"
    )]
    NeverFits {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The resource.
        resource: ResourceId,
        /// Its name.
        resource_name: String,
        /// Units the task needs.
        units: f64,
        /// The most the resource has.
        available: f64,
    },
    /// Leveling a project scheduled from its finish date is not supported.
    #[error("leveling needs a project scheduled from its start date")]
    ScheduledFromFinish,
    /// An option is out of range (a negative or non-finite time limit, or a time limit
    /// on a target without a clock such as wasm32).
    #[error("invalid leveling option: {0}")]
    InvalidOption(String),
    /// The plan spans more leveling periods (× resources) than the kernel's limits
    /// ([`rcpsp::MAX_HORIZON`](super::rcpsp::MAX_HORIZON),
    /// [`rcpsp::MAX_PROFILE_CELLS`](super::rcpsp::MAX_PROFILE_CELLS)).
    #[error(
        "the plan is too large to level: a horizon of {horizon} periods for {resources} resources is past the limit of {} period × resource cells",
        super::rcpsp::MAX_PROFILE_CELLS
    )]
    LimitExceeded {
        /// The horizon in leveling periods.
        horizon: u64,
        /// Number of resources levelled.
        resources: usize,
    },
}

/// Most tasks a [`LevelingDelay`] names in `blocked_by` (the count is in `holders`), so
/// the explanation of a busy resource stays linear in the plan.
pub const BLOCKED_BY: usize = 5;

/// Why a task starts later in the leveled schedule than its links allow.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct LevelingDelay {
    /// The task.
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// Working time (project calendar) the task waits for a resource after its links,
    /// constraints and the leveled predecessors allow it to start (MS Project's
    /// "leveling delay").
    pub delay: Duration,
    /// How far the start moved from the CPM early start, in working time.
    pub shift: Duration,
    /// The resource the task waited for.
    pub resource: Option<ResourceId>,
    /// That resource's name.
    pub resource_name: String,
    /// How many tasks held that resource while the task waited.
    #[serde(default)]
    pub holders: usize,
    /// The tasks whose finish released the resource for this task (the last of the
    /// holders to finish by its leveled start, at most
    /// [`BLOCKED_BY`](crate::resources::BLOCKED_BY)), by id.
    pub blocked_by: Vec<TaskId>,
    /// The leveling delay [`Project::apply_leveling`] stores for the task: elapsed time
    /// from the start its links and constraints allow to its leveled start (MS Project
    /// keeps leveling delay in elapsed days by default).
    #[serde(default)]
    pub leveling_delay: Duration,
}

/// A leveled schedule and its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Leveled {
    /// The leveled schedule (the CPM schedule is not edited).
    pub schedule: Schedule,
    /// Every task the leveling delayed, sorted by task id.
    pub delays: Vec<LevelingDelay>,
    /// Over-allocations of the CPM schedule.
    pub before: Vec<Overallocation>,
    /// Over-allocations left (only with `within_float`, "do not level" tasks, or hard
    /// date constraints).
    pub remaining: Vec<Overallocation>,
    /// Schedules the search generated.
    pub schedules: u64,
    /// The project revision the leveling was computed from
    /// ([`Project::apply_leveling`] refuses a result of another revision).
    #[serde(default)]
    pub revision: u64,
}

impl Leveled {
    /// The delay record of a task, if leveling delayed it.
    pub fn delay(&self, task: TaskId) -> Option<&LevelingDelay> {
        self.delays
            .binary_search_by_key(&task, |d| d.task)
            .ok()
            .map(|i| &self.delays[i])
    }

    /// Every task that held the resource a delayed task waited for, while it waited: the
    /// full list behind [`LevelingDelay::holders`] (the record itself names at most
    /// [`BLOCKED_BY`] of them, so a plan's explanation stays linear in its size). The
    /// tasks are the leaves assigned to that resource whose leveled span overlaps the
    /// wait (from the start the task's links allowed, `delay` of project working time
    /// before its leveled start, to that start), by id. Empty when leveling did not
    /// delay the task for a resource. One call reads every assignment once.
    ///
    /// `project` is the project the leveling was computed from.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use planix::resources::{level, LevelOptions};
    /// use planix::{Assignment, Duration, Project, Resource, Task};
    /// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
    /// let mut p = Project::new("One designer", start);
    /// let ana = p.add_resource(Resource::work("Ana", 1.0))?;
    /// let mut jobs = vec![];
    /// for k in 0..8 {
    ///     let t = p.add_task(Task::new(format!("Job {k}")).with_duration(Duration::hours(8)))?;
    ///     p.assign(Assignment::new(t, ana, 1.0))?;
    ///     jobs.push(t);
    /// }
    /// let leveled = level(&p, &LevelOptions::default())?;
    /// let last = leveled.delays.iter().max_by_key(|d| d.delay).unwrap();
    /// assert_eq!(last.holders, 7);                      // the seven other jobs ran first
    /// assert_eq!(last.blocked_by.len(), 5);             // the record names the last five
    /// assert_eq!(leveled.holders(&p, last.task).len(), 7);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn holders(&self, project: &Project, task: TaskId) -> Vec<TaskId> {
        let (Some(rec), Some(me)) = (self.delay(task), self.schedule.task(task)) else {
            return Vec::new();
        };
        let Some(r) = rec.resource else {
            return Vec::new();
        };
        let start = me.start();
        let ready = project
            .project_calendar()
            .add_working_time(start, Duration::minutes(-rec.delay.as_minutes()))
            .unwrap_or(start);
        let mut out: Vec<TaskId> = project
            .assignments()
            .filter(|a| a.resource == r && a.units > 0.0 && a.task != task)
            .filter(|a| !project.is_summary(a.task))
            .filter_map(|a| self.schedule.task(a.task))
            .filter(|t| t.finish() > t.start() && t.start() < start && t.finish() > ready)
            .map(|t| t.id())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The kernel form of a project.
struct Mapped {
    tasks: Vec<TaskId>,
    jobs: Vec<Job>,
    arcs: Vec<Arc>,
    caps: Vec<Capacity>,
    res: Vec<ResourceId>,
    /// Early start (kernel units).
    es: Vec<i64>,
    unit: i64,
}

fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Levels a project's work resources.
///
/// The project is mapped onto working minutes of its calendar; each leaf task becomes a
/// job holding its work-resource units (summed per resource) for its CPM span, links
/// become minimum start-to-start distances, a task's CPM early start is its release
/// (leveling only ever delays), and each resource's capacity follows its `max_units`,
/// availability rows, leave and base calendar. Tasks with priority 1000, "must start/finish
/// on" constraints or ALAP keep their CPM dates (their over-allocations are reported in
/// [`Leveled::remaining`]). Higher-priority tasks get resources first.
///
/// The solution is turned back into a schedule by the CPM engine itself, with every
/// leveled start as a floor; when a calendar or an elapsed lag moves a task further, the
/// kernel is re-run from there (up to 4 rounds).
///
/// # Errors
/// [`LevelError::NeverFits`] naming the task and resource when a demand can never be met;
/// [`LevelError::Schedule`] when the project cannot be scheduled;
/// [`LevelError::ScheduledFromFinish`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::resources::{level, LevelOptions};
/// use planix::{Assignment, Duration, Project, Resource, Task};
/// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let mut p = Project::new("Two jobs, one designer", start);
/// let ana = p.add_resource(Resource::work("Ana", 1.0))?;
/// let a = p.add_task(Task::new("Logo").with_duration(Duration::hours(16)))?;
/// let b = p.add_task(Task::new("Flyer").with_duration(Duration::hours(8)))?;
/// p.assign(Assignment::new(a, ana, 1.0))?;
/// p.assign(Assignment::new(b, ana, 1.0))?;
/// let leveled = level(&p, &LevelOptions::default())?;
/// assert_eq!(leveled.before.len(), 1);           // Ana is double-booked on Monday
/// assert!(leveled.remaining.is_empty());
/// assert_eq!(leveled.schedule.finish().to_string(), "2027-01-06 17:00:00");
/// let why = &leveled.delays[0];                  // one task waits for Ana
/// assert_eq!(why.resource, Some(ana));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn level(project: &Project, opts: &LevelOptions) -> Result<Leveled, LevelError> {
    level_weighted(project, opts, &|t| {
        project.task(t).map_or(0, |t| i64::from(t.priority))
    })
}

/// [`level`] with the priority of each task given by `weight` (higher gets resources
/// first): the portfolio ranks project priority before task priority.
pub(crate) fn level_weighted(
    project: &Project,
    opts: &LevelOptions,
    weight: &dyn Fn(TaskId) -> i64,
) -> Result<Leveled, LevelError> {
    if matches!(project.from, ScheduleFrom::Finish(_)) {
        return Err(LevelError::ScheduledFromFinish);
    }
    if let Some(t) = opts.time_limit {
        if !(t.is_finite() && t >= 0.0) {
            return Err(LevelError::InvalidOption(format!(
                "time limit {t} must be a finite number of seconds ≥ 0"
            )));
        }
        if cfg!(target_arch = "wasm32") {
            return Err(LevelError::InvalidOption(
                "a time limit needs a clock, which wasm32 does not have; use max_schedules".into(),
            ));
        }
    }
    // Leveling starts from the plan without any adopted leveling delays (MS Project's
    // "clear leveling values before leveling").
    let (cpm, _) = cpm_with_floors(project, &CpmOptions::default(), &[])?;
    let before = overallocations(project, &cpm);
    let anchor = match project.from {
        ScheduleFrom::Start(d) | ScheduleFrom::Finish(d) => d,
    };
    let epoch = anchor.date().and_time(NaiveTime::MIN);
    let mut tls = project_timelines(project)?;
    let tl = &mut tls[0];
    let mut releases: BTreeMap<TaskId, i64> = BTreeMap::new();
    let mut schedules = 0;
    let mut result = cpm.clone();
    let mut mapped_final: Option<(Mapped, Vec<i64>)> = None;
    let mut applied: Vec<(TaskId, i64)> = Vec::new();
    for _round in 0..4 {
        let m = map(project, &cpm, tl, epoch, opts, &releases)?;
        let kernel = Instance::new(m.jobs.clone(), &m.arcs, m.caps.clone())
            .map_err(|e| instance_error(project, &m, e))?;
        let sol = kernel
            .solve(&solve_options(&m, opts, weight))
            .map_err(|nf| instance_error(project, &m, InstanceError::NeverFits(nf)))?;
        schedules += sol.schedules;
        // Floors only where resources (not links) set the start: the CPM pass moves the
        // successors of a delayed task by itself.
        let t0 = precedence_earliest(&m, &sol.starts);
        let mut floors = Vec::new();
        for (k, &task) in m.tasks.iter().enumerate() {
            if sol.starts[k] > t0[k] {
                let w = sol.starts[k] * m.unit;
                let minute = tl.start_at(w).map_err(|e| cal_err(project, task, e))?;
                floors.push((task, at(epoch, minute)));
            }
        }
        (result, applied) = cpm_with_floors(project, &CpmOptions::default(), &floors)?;
        // Did exact link and calendar arithmetic move a task past its kernel start?
        let mut moved = false;
        for (k, &task) in m.tasks.iter().enumerate() {
            let Some(st) = result.task(task) else {
                continue;
            };
            let w = tl
                .work_at(minutes(epoch, st.start()))
                .map_err(|e| cal_err(project, task, e))?;
            if w > sol.starts[k] * m.unit && !m.jobs[k].fixed {
                releases.insert(task, w);
                moved = true;
            }
        }
        mapped_final = Some((m, sol.starts));
        if !moved {
            break;
        }
    }
    let mut delays = match &mapped_final {
        Some((m, starts)) => explain(project, m, starts),
        None => Vec::new(),
    };
    attach_elapsed(project, &mut delays, &applied);
    let remaining = overallocations(project, &result);
    Ok(Leveled {
        schedule: result,
        delays,
        before,
        remaining,
        schedules,
        revision: project.revision(),
    })
}

/// A task's place in the serial list: (−priority, planned early start, planned late start).
pub(crate) type ListKey = (i64, i64, i64);

/// The resource model of a project for the resource-constrained simulation: per task of
/// `net` (network order), its work-resource demands (units × 1000) and whether it keeps
/// its dates (do-not-level, MSO/MFO, ALAP), the capacities on the project calendar's
/// working-minute axis, and per task the priority key of the serial list
/// (leveling priority, planned early start, planned late start).
///
/// # Errors
/// [`LevelError::NeverFits`] naming the task and resource when a planned demand can never
/// be met; [`LevelError::ScheduledFromFinish`]; schedule errors.
pub(crate) fn limits_for(
    project: &Project,
    net: &crate::schedule::network::Network,
) -> Result<(crate::schedule::limits::Limits, Vec<ListKey>), LevelError> {
    if matches!(project.from, ScheduleFrom::Finish(_)) {
        return Err(LevelError::ScheduledFromFinish);
    }
    let cpm = crate::schedule::cpm(project, &CpmOptions::default())?;
    let anchor = match project.from {
        ScheduleFrom::Start(d) | ScheduleFrom::Finish(d) => d,
    };
    let epoch = anchor.date().and_time(NaiveTime::MIN);
    let mut tls = project_timelines(project)?;
    let tl = &mut tls[0];
    let m = map(
        project,
        &cpm,
        tl,
        epoch,
        &LevelOptions::default(),
        &BTreeMap::new(),
    )?;
    // The planned demands must fit somewhere (the kernel's own check).
    Instance::new(m.jobs.clone(), &m.arcs, m.caps.clone())
        .map_err(|e| instance_error(project, &m, e))?;
    let caps = m
        .caps
        .iter()
        .map(|c| {
            Capacity::steps(
                c.step_list()
                    .iter()
                    .map(|&(t, u)| (t * m.unit, u))
                    .collect(),
            )
        })
        .collect();
    let mut demands = Vec::with_capacity(net.n);
    let mut keys = Vec::with_capacity(net.n);
    for &id in &net.ids {
        let prio = project.task(id).map_or(0, |t| i64::from(t.priority));
        let (es, ls) = cpm.task(id).map_or((0, 0), |st| {
            (
                minutes(epoch, st.early_start()),
                minutes(epoch, st.late_start()),
            )
        });
        keys.push((-prio, es, ls));
        match m.tasks.binary_search(&id) {
            Ok(k) => demands.push((
                m.jobs[k]
                    .demand
                    .iter()
                    .map(|&(r, q)| (r as u32, q))
                    .collect(),
                m.jobs[k].fixed,
            )),
            Err(_) => demands.push((Vec::new(), true)),
        }
    }
    Ok((crate::schedule::limits::Limits::new(demands, caps), keys))
}

fn at(epoch: NaiveDateTime, minute: i64) -> NaiveDateTime {
    epoch
        .checked_add_signed(chrono::TimeDelta::minutes(minute))
        .unwrap_or(epoch)
}

fn minutes(epoch: NaiveDateTime, dt: NaiveDateTime) -> i64 {
    dt.signed_duration_since(epoch).num_minutes()
}

fn cal_err(project: &Project, task: TaskId, source: crate::CalendarError) -> ScheduleError {
    ScheduleError::Calendar {
        task,
        name: project
            .task(task)
            .map(|t| t.name.clone())
            .unwrap_or_default(),
        source,
    }
}

fn solve_options(m: &Mapped, opts: &LevelOptions, weight: &dyn Fn(TaskId) -> i64) -> SolveOptions {
    let weights = m.tasks.iter().map(|&t| weight(t)).collect();
    SolveOptions {
        optimize: opts.mode == LevelMode::Optimize,
        max_schedules: opts.max_schedules,
        time_limit: opts.time_limit,
        seed: opts.seed,
        weights,
        watch: opts.watch.clone(),
        ..SolveOptions::default()
    }
}

fn instance_error(project: &Project, m: &Mapped, e: InstanceError) -> LevelError {
    match e {
        InstanceError::NeverFits(nf) => {
            let task = m.tasks.get(nf.job).copied().unwrap_or_default();
            let resource = m.res.get(nf.resource).copied().unwrap_or_default();
            LevelError::NeverFits {
                task,
                name: project
                    .task(task)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                resource,
                resource_name: project
                    .resource(resource)
                    .map(|r| r.name.clone())
                    .unwrap_or_default(),
                units: f64::from(nf.units) / 1000.0,
                available: f64::from(nf.available) / 1000.0,
            }
        }
        InstanceError::Cycle(jobs) => {
            let tasks: Vec<TaskId> = jobs
                .iter()
                .filter_map(|&j| m.tasks.get(j).copied())
                .collect();
            let names = tasks
                .iter()
                .map(|t| project.task(*t).map(|t| t.name.clone()).unwrap_or_default())
                .collect();
            LevelError::Schedule(ScheduleError::Cycle { tasks, names })
        }
        InstanceError::TooLarge { horizon, resources } => {
            LevelError::LimitExceeded { horizon, resources }
        }
        InstanceError::Invalid(j) => {
            let task = m.tasks.get(j).copied().unwrap_or_default();
            LevelError::Schedule(ScheduleError::DateOutOfRange {
                task,
                name: project
                    .task(task)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                date: "before the project start".into(),
            })
        }
    }
}

/// Leaf tasks under `id` (itself when it is a leaf), in outline order; an explicit
/// stack, so a deep WBS costs no call stack.
fn leaves_of(project: &Project, id: TaskId, out: &mut Vec<TaskId>) {
    let mut stack = vec![id];
    while let Some(id) = stack.pop() {
        if project.is_summary(id) {
            let at = stack.len();
            stack.extend(project.children(id));
            stack[at..].reverse();
        } else {
            out.push(id);
        }
    }
}

fn map(
    project: &Project,
    cpm: &Schedule,
    tl: &mut Timeline<'_>,
    epoch: NaiveDateTime,
    opts: &LevelOptions,
    releases: &BTreeMap<TaskId, i64>,
) -> Result<Mapped, LevelError> {
    let tasks: Vec<TaskId> = project
        .tasks
        .keys()
        .copied()
        .filter(|&t| !project.is_summary(t))
        .collect();
    let index: BTreeMap<TaskId, usize> = tasks.iter().enumerate().map(|(k, &t)| (t, k)).collect();
    let res: Vec<ResourceId> = project
        .resources
        .values()
        .filter(|r| r.kind == ResourceKind::Work)
        .map(|r| r.id)
        .collect();
    let rindex: BTreeMap<ResourceId, usize> =
        res.iter().enumerate().map(|(k, &r)| (r, k)).collect();
    let mut es = Vec::with_capacity(tasks.len());
    let mut ls = Vec::with_capacity(tasks.len());
    let mut dur = Vec::with_capacity(tasks.len());
    let mut jobs = Vec::with_capacity(tasks.len());
    for &id in &tasks {
        let (Some(st), Some(task)) = (cpm.task(id), project.task(id)) else {
            continue;
        };
        let e = tl
            .work_at(minutes(epoch, st.early_start()))
            .map_err(|x| cal_err(project, id, x))?;
        let f = tl
            .work_at(minutes(epoch, st.early_finish()))
            .map_err(|x| cal_err(project, id, x))?;
        let l = tl
            .work_at(minutes(epoch, st.late_start()))
            .map_err(|x| cal_err(project, id, x))?;
        let release = e.max(releases.get(&id).copied().unwrap_or(0));
        let d = (f - e).max(0);
        let mut demand: Vec<(usize, i32)> = Vec::new();
        for a in project.assignments_of(id) {
            if let Some(&r) = rindex.get(&a.resource) {
                let q = (a.units * 1000.0)
                    .round()
                    .clamp(0.0, f64::from(i32::MAX / 4)) as i32;
                match demand.iter_mut().find(|x| x.0 == r) {
                    Some(x) => x.1 = x.1.saturating_add(q),
                    None => demand.push((r, q)),
                }
            }
        }
        demand.retain(|x| x.1 > 0);
        let fixed = task.priority >= DO_NOT_LEVEL
            || matches!(
                task.constraint,
                Constraint::Mso(_) | Constraint::Mfo(_) | Constraint::Alap
            );
        es.push(e);
        ls.push(l);
        dur.push(d);
        jobs.push(Job {
            duration: d,
            release,
            demand,
            fixed,
            latest: opts.within_float.then_some(l.max(release)),
        });
    }
    // Links, with summaries expanded to their leaves (conservative for SS/FF/SF from a
    // summary; the final CPM pass applies the exact rule).
    let mpw = f64::from(project.project_calendar().minutes_per_week().max(1));
    let mut arcs = Vec::new();
    let (mut from_leaves, mut to_leaves) = (Vec::new(), Vec::new());
    for d in project.dependencies() {
        from_leaves.clear();
        to_leaves.clear();
        leaves_of(project, d.predecessor, &mut from_leaves);
        leaves_of(project, d.successor, &mut to_leaves);
        for &p in &from_leaves {
            for &s in &to_leaves {
                let (Some(&i), Some(&j)) = (index.get(&p), index.get(&s)) else {
                    continue;
                };
                let lag = match d.lag {
                    Lag::Working(x) => x.as_minutes(),
                    Lag::Elapsed(x) => {
                        (x.as_minutes() as f64 * mpw / (7.0 * 1440.0)).round() as i64
                    }
                    Lag::Percent(pc) => dur[i] * i64::from(pc) / 100,
                };
                let ss = match d.kind {
                    LinkKind::Fs => dur[i] + lag,
                    LinkKind::Ss => lag,
                    LinkKind::Ff => dur[i] + lag - dur[j],
                    LinkKind::Sf => lag - dur[j],
                };
                arcs.push(Arc {
                    from: i,
                    to: j,
                    lag: ss,
                });
            }
        }
    }
    // Capacities on the working-minute axis.
    let finish_day = cpm.finish().date();
    let total_days: i64 =
        dur.iter().sum::<i64>() / i64::from(project.project_calendar().minutes_per_day().max(1));
    let horizon = finish_day + chrono::Days::new((total_days + 60).clamp(0, 36_500) as u64);
    let mut caps = Vec::with_capacity(res.len());
    for &rid in &res {
        let Some(r) = project.resource(rid) else {
            continue;
        };
        let mut days: Vec<NaiveDate> = vec![epoch.date()];
        days.extend(r.change_days());
        let own_cal = r
            .calendar
            .filter(|c| *c != project.calendar)
            .and_then(|c| project.calendar(c));
        if let Some(cal) = own_cal {
            let pcal = project.project_calendar();
            let mut d = epoch.date();
            let mut prev = None;
            while d <= horizon {
                let off = pcal.is_working_day(d) && !cal.is_working_day(d);
                if prev != Some(off) {
                    days.push(d);
                    prev = Some(off);
                }
                match d.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }
        days.retain(|d| *d >= epoch.date() && *d <= horizon);
        days.sort();
        days.dedup();
        let mut steps = Vec::with_capacity(days.len());
        for day in days {
            let off = own_cal.is_some_and(|c| {
                project.project_calendar().is_working_day(day) && !c.is_working_day(day)
            });
            let units = if off { 0.0 } else { r.units_on(day) };
            let w = tl
                .work_at(minutes(epoch, day.and_time(NaiveTime::MIN)))
                .map_err(|x| cal_err(project, TaskId(0), x))?;
            steps.push((
                w,
                (units * 1000.0).round().clamp(0.0, f64::from(i32::MAX / 4)) as i32,
            ));
        }
        caps.push(Capacity::steps(steps));
    }
    // Common time unit: the gcd of every duration, start, lag and capacity step.
    let mut g = 0i64;
    for (k, j) in jobs.iter().enumerate() {
        g = gcd(g, j.duration);
        g = gcd(g, j.release);
        g = gcd(g, ls[k]);
    }
    for a in &arcs {
        g = gcd(g, a.lag);
    }
    for c in &caps {
        for &(t, _) in c.step_list() {
            g = gcd(g, t);
        }
    }
    let unit = g.max(1);
    for j in &mut jobs {
        j.duration /= unit;
        j.release /= unit;
        j.latest = j.latest.map(|l| l / unit);
    }
    for a in &mut arcs {
        a.lag /= unit;
    }
    let caps = caps
        .into_iter()
        .map(|c| Capacity::steps(c.step_list().iter().map(|&(t, u)| (t / unit, u)).collect()))
        .collect();
    let es = es.iter().map(|e| e / unit).collect();
    Ok(Mapped {
        tasks,
        jobs,
        arcs,
        caps,
        res,
        es,
        unit,
    })
}

/// Each job's earliest start given its release and the other jobs' starts.
fn precedence_earliest(m: &Mapped, starts: &[i64]) -> Vec<i64> {
    let mut t0: Vec<i64> = m.jobs.iter().map(|j| j.release).collect();
    for a in &m.arcs {
        t0[a.to] = t0[a.to].max(starts[a.from] + a.lag);
    }
    t0
}

/// Writes each floored task's elapsed delay into its record (a task the kernel did not
/// delay but the floor moved gets a record without a resource).
fn attach_elapsed(project: &Project, delays: &mut Vec<LevelingDelay>, applied: &[(TaskId, i64)]) {
    let mut extra = Vec::new();
    for &(task, d) in applied {
        match delays.binary_search_by_key(&task, |x| x.task) {
            Ok(i) => delays[i].leveling_delay = Duration::minutes(d),
            Err(_) => extra.push(LevelingDelay {
                task,
                name: project
                    .task(task)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                delay: Duration::ZERO,
                shift: Duration::ZERO,
                resource: None,
                resource_name: String::new(),
                holders: 0,
                blocked_by: Vec::new(),
                leveling_delay: Duration::minutes(d),
            }),
        }
    }
    if !extra.is_empty() {
        delays.extend(extra);
        delays.sort_by_key(|x| x.task);
    }
}

/// The leveling delay of every delayed job and what held it.
fn explain(project: &Project, m: &Mapped, starts: &[i64]) -> Vec<LevelingDelay> {
    let n = m.jobs.len();
    let t0s = precedence_earliest(m, starts);
    // Per resource: the starts and the finishes of its jobs (zero-length jobs hold
    // nothing), sorted, so the holders of any window are counted by two binary searches
    // and the few that released it are read off the end of the finishes.
    let nres = m.res.len();
    let mut by_start: Vec<Vec<i64>> = vec![Vec::new(); nres];
    let mut by_finish: Vec<Vec<(i64, usize)>> = vec![Vec::new(); nres];
    for (k, job) in m.jobs.iter().enumerate() {
        if job.duration == 0 {
            continue;
        }
        for &(r, _) in &job.demand {
            if let (Some(a), Some(b)) = (by_start.get_mut(r), by_finish.get_mut(r)) {
                a.push(starts[k]);
                b.push((starts[k] + job.duration, k));
            }
        }
    }
    for (a, b) in by_start.iter_mut().zip(&mut by_finish) {
        a.sort_unstable();
        b.sort_unstable();
    }
    let mut out = Vec::new();
    for j in 0..n {
        let job = &m.jobs[j];
        if job.fixed {
            continue;
        }
        let t0 = t0s[j];
        let s = starts[j];
        if s <= t0 {
            continue;
        }
        // The resource with the most tasks holding it while job j waited: those that
        // started before s and finish after t0 (job j itself starts at s).
        let mut best: Option<(usize, usize)> = None;
        for &(r, _) in &job.demand {
            let (Some(a), Some(b)) = (by_start.get(r), by_finish.get(r)) else {
                continue;
            };
            let count = a.partition_point(|&x| x < s) - b.partition_point(|x| x.0 <= t0);
            if best.is_none_or(|x| count > x.1) {
                best = Some((r, count));
            }
        }
        let (resource, holders, blocked_by) = match best {
            Some((r, count)) => {
                // The last tasks to finish by s: the ones whose finish let job j start.
                let b = &by_finish[r];
                let hi = b.partition_point(|x| x.0 <= s);
                let mut few: Vec<TaskId> = b[..hi]
                    .iter()
                    .rev()
                    .take_while(|x| x.0 > t0)
                    .filter(|x| x.1 != j)
                    .take(BLOCKED_BY)
                    .map(|x| m.tasks[x.1])
                    .collect();
                few.sort_unstable();
                (m.res.get(r).copied(), count, few)
            }
            None => (None, 0, Vec::new()),
        };
        let task = m.tasks[j];
        out.push(LevelingDelay {
            task,
            name: project
                .task(task)
                .map(|t| t.name.clone())
                .unwrap_or_default(),
            delay: Duration::minutes((s - t0) * m.unit),
            shift: Duration::minutes((s - m.es[j]) * m.unit),
            resource,
            resource_name: resource
                .and_then(|r| project.resource(r))
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            holders,
            blocked_by,
            leveling_delay: Duration::ZERO,
        });
    }
    out.sort_by_key(|x| x.task);
    out
}
