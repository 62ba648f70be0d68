//! Rescheduling with actuals, saving baselines, and variance against a baseline.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::ControlError;
use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::model::{Baseline, BaselineTask, Constraint, Project, TaskKind};
use crate::resources::costs;
use crate::schedule::Schedule;

use crate::resources::task_calendar;

/// Schedules the project honouring its recorded progress at the status date.
///
/// - A finished task stays where it happened: it starts at its actual start and lasts
///   the working time to its actual finish.
/// - A task in progress starts at its actual start; its remaining work (the recorded
///   remaining duration, or what its percent complete leaves) runs from the status date.
/// - A task not started starts no earlier than the status date (an as-soon-as-possible
///   or start-no-earlier-than constraint becomes start-no-earlier-than the later date;
///   other constraints are kept), plus its adopted leveling delay, if any; a started
///   task's leveling delay no longer applies.
///
/// Links and constraints still hold for the remaining work. Progress recorded against
/// the logic (a successor started before its predecessor finished) keeps its actual
/// dates; the schedule then warns of the conflict. Without progress and status date it
/// is the plain CPM schedule.
///
/// # Errors
/// [`ControlError::NoStatusDate`] when a task records progress but the project has no
/// status date, and the CPM's errors. The project is not changed.
///
/// # Example
/// ```
/// use planix::{Duration, Project, Task};
/// let day = |n| Duration::from_days(n, 480);
/// let mut p = Project::new("p", "2027-01-04T08:00:00".parse()?);
/// let a = p.add_task(Task::new("A").with_duration(day(4)))?;
/// p.set_status_date(Some("2027-01-06T17:00:00".parse()?))?;
/// p.edit_task(a, |t| {
///     t.progress.actual_start = Some("2027-01-04T08:00:00".parse().unwrap());
///     t.progress.percent_complete = 50;
/// })?;
/// // Three days worked, two remain (50% of 4) from the status date: Thu and Fri.
/// let s = planix::control::reschedule(&p)?;
/// assert_eq!(s.finish(), "2027-01-08T17:00:00".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reschedule(project: &Project) -> Result<Schedule, ControlError> {
    Ok(progressed(project)?.schedule()?)
}

/// How [`reschedule_with`] places work around the status date: MS Project's four
/// "move" options (File → Options → Advanced → "Calculation options for this project")
/// and whether unstarted tasks wait for the status date.
///
/// planix has no split tasks, so a moved part takes the rest of the task with it where
/// Project would split: a task stays one stretch from its (moved) start to its finish.
///
/// The default is planix's rule (remaining work and unstarted tasks from the status
/// date, as [`reschedule`] does); [`RescheduleOptions::ms_project`] is Microsoft
/// Project's default, under which nothing moves: the remaining work of a task in
/// progress follows its done part at once, and a task not started is scheduled by its
/// links and constraints even before the status date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct RescheduleOptions {
    /// "Move end of completed parts after status date back to status date": a task whose
    /// done part reaches past the status date starts earlier, so that part ends there.
    pub move_completed_ends_back: bool,
    /// "… and move start of remaining parts back as well": with the option above, the
    /// remaining work follows the moved done part (else the task keeps its finish).
    pub move_remaining_starts_back: bool,
    /// "Move start of remaining parts before status date forward to status date": the
    /// remaining work of a task behind schedule starts at the status date.
    pub move_remaining_starts_forward: bool,
    /// "… and move end of completed parts forward as well": with the option above, the
    /// done part is moved to end at the status date (the task starts later).
    pub move_completed_ends_forward: bool,
    /// A task not started starts no earlier than the status date.
    pub unstarted_after_status_date: bool,
}

impl Default for RescheduleOptions {
    fn default() -> Self {
        RescheduleOptions {
            move_completed_ends_back: false,
            move_remaining_starts_back: false,
            move_remaining_starts_forward: true,
            move_completed_ends_forward: false,
            unstarted_after_status_date: true,
        }
    }
}

impl RescheduleOptions {
    /// Microsoft Project's defaults: nothing moves to the status date.
    pub fn ms_project() -> Self {
        RescheduleOptions {
            move_completed_ends_back: false,
            move_remaining_starts_back: false,
            move_remaining_starts_forward: false,
            move_completed_ends_forward: false,
            unstarted_after_status_date: false,
        }
    }
}

/// [`reschedule`] with the status-date rules given.
///
/// # Errors
/// As [`reschedule`].
pub fn reschedule_with(
    project: &Project,
    options: &RescheduleOptions,
) -> Result<Schedule, ControlError> {
    Ok(progressed_with(project, options)?.schedule()?)
}

/// The project as [`reschedule`] schedules it: finished tasks pinned at their actual
/// dates with no uncertainty left, tasks in progress pinned at their actual start with
/// the done part certain and their three-point estimate (if any) scaled to the remaining
/// work, unstarted tasks held after the status date. Simulating it gives a Monte Carlo
/// forecast from the status date.
///
/// # Errors
/// As [`reschedule`].
pub fn progressed(project: &Project) -> Result<Project, ControlError> {
    progressed_with(project, &RescheduleOptions::default())
}

/// [`progressed`] with the status-date rules given.
///
/// # Errors
/// As [`reschedule`].
pub fn progressed_with(
    project: &Project,
    options: &RescheduleOptions,
) -> Result<Project, ControlError> {
    let status = project.status_date();
    let mut q = project.clone();
    for t in project.tasks() {
        let id = t.id();
        if project.kind(id) == Some(TaskKind::Summary) {
            continue;
        }
        let pr = t.progress;
        let Some(status) = status else {
            if !pr.is_empty() {
                return Err(ControlError::NoStatusDate(id));
            }
            continue;
        };
        let cal = task_calendar(project, id);
        let overflow = || crate::calendar::CalendarError::Overflow {
            calendar: t.calendar.unwrap_or(project.calendar_id()),
        };
        match (pr.actual_start, pr.actual_finish) {
            (Some(s), Some(f)) => {
                let d = cal.working_time_between(s, f)?;
                q.edit_task(id, |x| {
                    x.duration = d;
                    x.constraint = Constraint::Mso(s);
                    x.estimate = None;
                    // A started task is where it is: leveling no longer delays it.
                    x.leveling_delay = Duration::ZERO;
                })?;
            }
            (Some(s), None) => {
                let planned = t.duration.as_minutes();
                let remaining = pr.remaining_of(t.duration);
                let pct = i64::from(pr.percent_complete.min(100));
                let by_pct = Duration::minutes((planned * pct + 50) / 100);
                let add = |a: Duration, b: Duration| a.checked_add(b).ok_or_else(overflow);
                // Where the done part ends if the work ran from the actual start.
                let done_end = cal.add_working_time(s, by_pct)?;
                let (start, done, total) = if options.move_remaining_starts_forward
                    && (done_end <= status || !options.move_completed_ends_back)
                {
                    if options.move_completed_ends_forward && done_end < status {
                        // The done part ends at the status date, the rest follows.
                        let st =
                            cal.add_working_time(status, Duration::minutes(-by_pct.as_minutes()))?;
                        (st, by_pct, add(by_pct, remaining)?)
                    } else {
                        // The remaining work runs from the status date.
                        let done = cal.working_time_between(s, status)?.max(Duration::ZERO);
                        (s, done, add(done, remaining)?)
                    }
                } else if options.move_completed_ends_back && done_end > status {
                    let st =
                        cal.add_working_time(status, Duration::minutes(-by_pct.as_minutes()))?;
                    if options.move_remaining_starts_back {
                        (st, by_pct, add(by_pct, remaining)?)
                    } else {
                        // The remaining work stays where it was: the task keeps its finish.
                        let finish = cal.add_working_time(done_end, remaining)?;
                        (st, by_pct, cal.working_time_between(st, finish)?)
                    }
                } else if pr.remaining.is_none() {
                    // The remaining work follows the done part: the task keeps its
                    // duration (MS Project's Duration = actual + remaining).
                    (s, by_pct, t.duration)
                } else {
                    (s, by_pct, add(by_pct, remaining)?)
                };
                // The estimate's spread applies to the remaining work only.
                let estimate = t.estimate.filter(|_| planned > 0).map(|e| {
                    let r = remaining.as_minutes() as f64 / planned as f64;
                    let scale = |d: Duration| {
                        Duration::minutes(
                            done.as_minutes() + (d.as_minutes() as f64 * r).round() as i64,
                        )
                    };
                    crate::model::Estimate::new(
                        scale(e.optimistic),
                        scale(e.most_likely),
                        scale(e.pessimistic),
                        e.distribution,
                    )
                });
                q.edit_task(id, |x| {
                    x.duration = total;
                    x.constraint = Constraint::Mso(start);
                    x.estimate = estimate;
                    x.leveling_delay = Duration::ZERO;
                })?;
            }
            _ if !options.unstarted_after_status_date => {}
            _ => {
                let c = match t.constraint {
                    Constraint::Asap => Some(Constraint::Snet(status)),
                    Constraint::Snet(d) => Some(Constraint::Snet(d.max(status))),
                    _ => None,
                };
                if let Some(c) = c {
                    q.edit_task(id, |x| x.constraint = c)?;
                }
            }
        }
    }
    Ok(q)
}

/// Saves baseline `n` (0–10) of the plan as rescheduled now: every task's dates,
/// duration, work and cost, and the planned cost per day. An existing baseline `n` is
/// replaced. `saved` defaults to the status date's day, else the schedule's start day.
///
/// # Errors
/// [`reschedule`]'s errors, and the model's for a number above 10.
pub fn save_baseline(
    project: &mut Project,
    n: u8,
    saved: Option<NaiveDate>,
) -> Result<(), ControlError> {
    let s = reschedule(project)?;
    let saved = saved
        .or(project.status_date().map(|d| d.date()))
        .unwrap_or(s.start().date());
    let (c, timephased) = crate::resources::costs_phased(project, &s);
    let tasks = project
        .tasks()
        .filter_map(|t| {
            let st = s.task(t.id())?;
            let tc = c.task(t.id());
            Some((
                t.id(),
                BaselineTask {
                    start: st.start(),
                    finish: st.finish(),
                    duration: st.duration(),
                    cost: tc.map_or(0.0, |x| x.total),
                    work: tc.map_or(0.0, |x| x.work_hours),
                },
            ))
        })
        .collect();
    let assignments = c
        .assignments
        .iter()
        .map(|a| crate::model::BaselineAssignment {
            task: a.task,
            resource: a.resource,
            work: a.amount,
            cost: a.cost,
        })
        .collect();
    let b = Baseline {
        saved,
        start: s.start(),
        finish: s.finish(),
        tasks,
        assignments,
        daily_cost: c.daily.clone(),
        timephased,
    };
    project.set_baseline(n, b)?;
    Ok(())
}

/// One period of a baseline's time-phased budget: a leaf task's own cost (fixed cost
/// and run rate; `resource` absent) or one assignment's work and cost in the period.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct BaselinePeriod {
    /// The task.
    pub task: TaskId,
    /// The assignment's resource; absent for the task's own cost.
    pub resource: Option<crate::ids::ResourceId>,
    /// First day of the period.
    pub period: NaiveDate,
    /// Planned work in the period, in hours (quantity for a material).
    pub work: f64,
    /// Planned cost in the period.
    pub cost: f64,
}

/// Baseline `n`'s time-phased budget by period, per leaf task (its own cost) and per
/// assignment, in task, resource (own cost first) and period order. Summing the rows of
/// a task gives its baseline cost; of an assignment, its baseline work and cost.
///
/// # Errors
/// [`ControlError::NoBaseline`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::control::{baseline_timephased, save_baseline};
/// use planix::resources::Period;
/// use planix::{Assignment, CostRate, Duration, Project, Resource, Task};
/// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let mut p = Project::new("p", start);
/// let ana = p.add_resource(Resource::work("Ana", 1.0).with_rate(CostRate::new(100.0)))?;
/// let t = p.add_task(Task::new("Build").with_duration(Duration::hours(80)))?;
/// p.assign(Assignment::new(t, ana, 1.0))?;
/// save_baseline(&mut p, 0, None)?;
/// let weeks = baseline_timephased(&p, 0, Period::Week)?;
/// // Two working weeks of 40 h at 100 an hour.
/// assert_eq!(weeks.len(), 2);
/// assert_eq!((weeks[0].work, weeks[0].cost), (40.0, 4_000.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn baseline_timephased(
    project: &Project,
    n: u8,
    period: crate::calendar::Period,
) -> Result<Vec<BaselinePeriod>, ControlError> {
    let b = project.baseline(n).ok_or(ControlError::NoBaseline(n))?;
    let mut acc: BTreeMap<(TaskId, Option<crate::ids::ResourceId>, NaiveDate), (f64, f64)> =
        BTreeMap::new();
    for d in &b.timephased {
        let e = acc
            .entry((d.task, d.resource, period.start_of(d.date)))
            .or_default();
        e.0 += d.work;
        e.1 += d.cost;
    }
    Ok(acc
        .into_iter()
        .map(|((task, resource, period), (work, cost))| BaselinePeriod {
            task,
            resource,
            period,
            work,
            cost,
        })
        .collect())
}

/// One task against the baseline. Date variances are working time on the task's
/// calendar (positive: later than planned).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TaskVariance {
    /// The task.
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// Summary, task or milestone.
    pub kind: TaskKind,
    /// Baseline start.
    pub baseline_start: NaiveDateTime,
    /// Current start.
    pub start: NaiveDateTime,
    /// Start variance.
    pub start_variance: Duration,
    /// Baseline finish.
    pub baseline_finish: NaiveDateTime,
    /// Current finish.
    pub finish: NaiveDateTime,
    /// Finish variance.
    pub finish_variance: Duration,
    /// Duration variance.
    pub duration_variance: Duration,
    /// Cost variance (current − baseline).
    pub cost_variance: f64,
    /// Work variance in hours.
    pub work_variance: f64,
}

/// One assignment against the baseline (current − baseline).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct AssignmentVariance {
    /// The task.
    pub task: TaskId,
    /// The resource.
    pub resource: crate::ids::ResourceId,
    /// Work variance in hours (quantity for a material).
    pub work_variance: f64,
    /// Cost variance.
    pub cost_variance: f64,
}

/// A schedule against a baseline.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Variance {
    /// The baseline compared with.
    pub baseline: u8,
    /// Project finish variance (working time on the project calendar).
    pub finish_variance: Duration,
    /// Per task in the baseline, in id order (tasks added since are not listed).
    pub tasks: Vec<TaskVariance>,
    /// Per assignment in the baseline or now (a missing side counts as zero).
    pub assignments: Vec<AssignmentVariance>,
    /// Tasks (not milestones) finishing later than planned, worst first.
    pub slipped_tasks: Vec<TaskId>,
    /// Milestones later than planned, worst first.
    pub slipped_milestones: Vec<TaskId>,
}

/// Compares `schedule` (usually [`reschedule`]'s) with baseline `n`.
///
/// # Errors
/// [`ControlError::NoBaseline`], or a calendar error for dates out of range.
pub fn variance(project: &Project, schedule: &Schedule, n: u8) -> Result<Variance, ControlError> {
    let b = project.baseline(n).ok_or(ControlError::NoBaseline(n))?;
    let c = costs(project, schedule);
    let mut tasks = vec![];
    for (&id, bt) in &b.tasks {
        let (Some(t), Some(st)) = (project.task(id), schedule.task(id)) else {
            continue;
        };
        let cal = task_calendar(project, id);
        let tc = c.task(id);
        tasks.push(TaskVariance {
            task: id,
            name: t.name.clone(),
            kind: st.kind(),
            baseline_start: bt.start,
            start: st.start(),
            start_variance: cal.working_time_between(bt.start, st.start())?,
            baseline_finish: bt.finish,
            finish: st.finish(),
            finish_variance: cal.working_time_between(bt.finish, st.finish())?,
            duration_variance: Duration::minutes(
                st.duration().as_minutes() - bt.duration.as_minutes(),
            ),
            cost_variance: tc.map_or(0.0, |x| x.total) - bt.cost,
            work_variance: tc.map_or(0.0, |x| x.work_hours) - bt.work,
        });
    }
    let slipped = |kind: TaskKind| {
        let mut v: Vec<&TaskVariance> = tasks
            .iter()
            .filter(|x| x.kind == kind && x.finish_variance.as_minutes() > 0)
            .collect();
        v.sort_by_key(|x| (std::cmp::Reverse(x.finish_variance), x.task));
        v.into_iter().map(|x| x.task).collect::<Vec<_>>()
    };
    let mut keys: Vec<(TaskId, crate::ids::ResourceId)> = b
        .assignments
        .iter()
        .map(|a| (a.task, a.resource))
        .chain(c.assignments.iter().map(|a| (a.task, a.resource)))
        .collect();
    keys.sort();
    keys.dedup();
    let assignments = keys
        .into_iter()
        .map(|(task, resource)| {
            let was = b
                .assignments
                .iter()
                .find(|a| a.task == task && a.resource == resource);
            let now = c
                .assignments
                .iter()
                .find(|a| a.task == task && a.resource == resource);
            AssignmentVariance {
                task,
                resource,
                work_variance: now.map_or(0.0, |a| a.amount) - was.map_or(0.0, |a| a.work),
                cost_variance: now.map_or(0.0, |a| a.cost) - was.map_or(0.0, |a| a.cost),
            }
        })
        .collect();
    Ok(Variance {
        baseline: n,
        assignments,
        finish_variance: project
            .project_calendar()
            .working_time_between(b.finish, schedule.finish())?,
        slipped_tasks: slipped(TaskKind::Task),
        slipped_milestones: slipped(TaskKind::Milestone),
        tasks,
    })
}
