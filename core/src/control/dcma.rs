//! The DCMA 14-point schedule assessment (US Defense Contract Management Agency,
//! *Earned Value Management System Program Analysis Pamphlet*, DCMA-EA PAM 200.1, 2012).

use serde::Serialize;

use super::ControlError;
use super::progress::reschedule;
use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::model::{Constraint, LinkKind, Project, TaskKind};

/// One metric of the assessment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DcmaMetric {
    /// Number 1–14.
    pub number: u8,
    /// Name ("Logic", "Leads", …).
    pub name: &'static str,
    /// The measured value (a percentage, a count or a ratio, see `unit`); `None` when it
    /// cannot be measured (no baseline, nothing due yet).
    pub value: Option<f64>,
    /// `"%"`, `"count"` or `"ratio"`.
    pub unit: &'static str,
    /// The threshold, read with `rule`.
    pub threshold: f64,
    /// `"<="` or `">="`.
    pub rule: &'static str,
    /// Whether the value meets the threshold (`None` when it cannot be measured, e.g.
    /// no baseline or nothing due yet).
    pub pass: Option<bool>,
    /// The tasks that count against the metric.
    pub tasks: Vec<TaskId>,
}

/// The 14 metrics, in order.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DcmaReport {
    /// The metrics.
    pub metrics: Vec<DcmaMetric>,
}

impl DcmaReport {
    /// The metrics that fail.
    pub fn failed(&self) -> impl Iterator<Item = &DcmaMetric> {
        self.metrics.iter().filter(|m| m.pass == Some(false))
    }
}

const HIGH_DAYS: i64 = 44;

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn metric(
    number: u8,
    name: &'static str,
    value: f64,
    unit: &'static str,
    threshold: f64,
    rule: &'static str,
    tasks: Vec<TaskId>,
) -> DcmaMetric {
    let pass = if value.is_nan() {
        None
    } else if rule == "<=" {
        Some(value <= threshold + 1e-9)
    } else {
        Some(value + 1e-9 >= threshold)
    };
    DcmaMetric {
        number,
        name,
        value: (!value.is_nan()).then_some(value),
        unit,
        threshold,
        rule,
        pass,
        tasks,
    }
}

/// Runs the DCMA 14-point assessment on the project as rescheduled at its status date
/// (the project start when none is set), against baseline `baseline` for the metrics
/// that need one (high duration, missed tasks, CPLI and BEI). `None` uses baseline 0
/// when one is saved; without a baseline those metrics are not measured.
///
/// "Incomplete tasks" are leaf tasks that are not milestones and not 100% complete; the
/// project's first and last activities are not required to have a predecessor or a
/// successor. High float and high duration mean more than 44 working days. The critical
/// path test delays the first unfinished work task on the driving path to the finish
/// (walking back from the last task) by 600 working days (its remaining work when it
/// has started) and checks that the finish moves by as much.
///
/// # Errors
/// [`ControlError::NoBaseline`] when `baseline` names one that is not saved, or
/// [`reschedule`]'s errors.
///
/// # Complexity
/// O(|T| + |D|) besides the two reschedules.
pub fn dcma(project: &Project, baseline: Option<u8>) -> Result<DcmaReport, ControlError> {
    if let Some(n) = baseline.filter(|&n| project.baseline(n).is_none()) {
        return Err(ControlError::NoBaseline(n));
    }
    let baseline = baseline.or_else(|| project.baseline(0).map(|_| 0));
    let s = reschedule(project)?;
    let mpd = i64::from(project.project_calendar().minutes_per_day().max(1));
    let high = Duration::minutes(HIGH_DAYS * mpd);
    let b = baseline.and_then(|n| project.baseline(n));
    let status = project.status_date();
    let leaves = super::leaves(project);
    let incomplete: Vec<TaskId> = leaves
        .iter()
        .copied()
        .filter(|&id| {
            project.kind(id) == Some(TaskKind::Task)
                && project
                    .task(id)
                    .is_some_and(|t| t.progress.percent_complete < 100)
        })
        .collect();
    let n_inc = incomplete.len();
    let links: Vec<_> = project.dependencies().collect();
    let with_pred: std::collections::BTreeSet<TaskId> = links.iter().map(|d| d.successor).collect();
    let with_succ: std::collections::BTreeSet<TaskId> =
        links.iter().map(|d| d.predecessor).collect();
    let has_pred = |id: TaskId| with_pred.contains(&id);
    let has_succ = |id: TaskId| with_succ.contains(&id);
    let first = leaves
        .iter()
        .copied()
        .min_by_key(|&id| s.task(id).map(|x| x.start()));
    let last = leaves
        .iter()
        .copied()
        .max_by_key(|&id| s.task(id).map(|x| x.finish()));
    let mut out = vec![];

    // 1 Logic: incomplete tasks missing a predecessor or a successor.
    let missing: Vec<TaskId> = incomplete
        .iter()
        .copied()
        .filter(|&id| (!has_pred(id) && Some(id) != first) || (!has_succ(id) && Some(id) != last))
        .collect();
    out.push(metric(
        1,
        "Logic",
        pct(missing.len(), n_inc),
        "%",
        5.0,
        "<=",
        missing,
    ));
    // 2 Leads: links with a negative lag.
    let lead_tasks: Vec<TaskId> = links
        .iter()
        .filter(|d| d.lag.is_negative())
        .map(|d| d.successor)
        .collect();
    out.push(metric(
        2,
        "Leads",
        lead_tasks.len() as f64,
        "count",
        0.0,
        "<=",
        lead_tasks,
    ));
    // 3 Lags: share of links with a positive lag.
    let lag_tasks: Vec<TaskId> = links
        .iter()
        .filter(|d| d.lag.is_positive())
        .map(|d| d.successor)
        .collect();
    out.push(metric(
        3,
        "Lags",
        pct(lag_tasks.len(), links.len()),
        "%",
        5.0,
        "<=",
        lag_tasks,
    ));
    // 4 Relationship types: share of finish-to-start links.
    let non_fs: Vec<TaskId> = links
        .iter()
        .filter(|d| d.kind != LinkKind::Fs)
        .map(|d| d.successor)
        .collect();
    let fs_share = if links.is_empty() {
        100.0
    } else {
        100.0 - pct(non_fs.len(), links.len())
    };
    out.push(metric(
        4,
        "Relationship types",
        fs_share,
        "%",
        90.0,
        ">=",
        non_fs,
    ));
    // 5 Hard constraints.
    let hard: Vec<TaskId> = incomplete
        .iter()
        .copied()
        .filter(|&id| {
            project.task(id).is_some_and(|t| {
                matches!(
                    t.constraint,
                    Constraint::Mso(_)
                        | Constraint::Mfo(_)
                        | Constraint::Snlt(_)
                        | Constraint::Fnlt(_)
                )
            })
        })
        .collect();
    out.push(metric(
        5,
        "Hard constraints",
        pct(hard.len(), n_inc),
        "%",
        5.0,
        "<=",
        hard,
    ));
    // 6 High float.
    let high_float: Vec<TaskId> = incomplete
        .iter()
        .copied()
        .filter(|&id| s.task(id).is_some_and(|x| x.total_float() > high))
        .collect();
    out.push(metric(
        6,
        "High float",
        pct(high_float.len(), n_inc),
        "%",
        5.0,
        "<=",
        high_float,
    ));
    // 7 Negative float.
    let negative: Vec<TaskId> = incomplete
        .iter()
        .copied()
        .filter(|&id| s.task(id).is_some_and(|x| x.total_float().is_negative()))
        .collect();
    out.push(metric(
        7,
        "Negative float",
        negative.len() as f64,
        "count",
        0.0,
        "<=",
        negative,
    ));
    // 8 High duration (baseline duration).
    let (value, tasks) = match b {
        None => (f64::NAN, vec![]),
        Some(b) => {
            let long: Vec<TaskId> = incomplete
                .iter()
                .copied()
                .filter(|id| b.tasks.get(id).is_some_and(|bt| bt.duration > high))
                .collect();
            (pct(long.len(), n_inc), long)
        }
    };
    out.push(metric(8, "High duration", value, "%", 5.0, "<=", tasks));
    // 9 Invalid dates: forecasts before the status date without actuals, actuals after it.
    let invalid: Vec<TaskId> = match status {
        None => vec![],
        Some(d) => leaves
            .iter()
            .copied()
            .filter(|&id| {
                let (Some(t), Some(x)) = (project.task(id), s.task(id)) else {
                    return false;
                };
                let pr = t.progress;
                (pr.actual_start.is_none() && x.start() < d)
                    || (pr.actual_finish.is_none() && x.finish() < d)
                    || pr.actual_start.is_some_and(|a| a > d)
                    || pr.actual_finish.is_some_and(|a| a > d)
            })
            .collect(),
    };
    out.push(metric(
        9,
        "Invalid dates",
        invalid.len() as f64,
        "count",
        0.0,
        "<=",
        invalid,
    ));
    // 10 Resources: incomplete tasks with a duration and neither resources nor cost.
    let unresourced: Vec<TaskId> = incomplete
        .iter()
        .copied()
        .filter(|&id| {
            project.task(id).is_some_and(|t| {
                !t.duration.is_zero()
                    && t.fixed_cost == 0.0
                    && t.cost_rate == 0.0
                    && project.assignments_of(id).next().is_none()
            })
        })
        .collect();
    out.push(metric(
        10,
        "Resources",
        pct(unresourced.len(), n_inc),
        "%",
        0.0,
        "<=",
        unresourced,
    ));
    // 11 Missed tasks and 14 BEI: tasks due by the status date in the baseline.
    let due: Vec<TaskId> = match (b, status) {
        (Some(b), Some(d)) => leaves
            .iter()
            .copied()
            .filter(|id| b.tasks.get(id).is_some_and(|bt| bt.finish <= d))
            .collect(),
        _ => vec![],
    };
    let missed: Vec<TaskId> = due
        .iter()
        .copied()
        .filter(|&id| {
            let (Some(t), Some(bt)) = (project.task(id), b.and_then(|b| b.tasks.get(&id))) else {
                return false;
            };
            t.progress.actual_finish.is_none_or(|f| f > bt.finish)
        })
        .collect();
    let missed_value = if due.is_empty() {
        f64::NAN
    } else {
        pct(missed.len(), due.len())
    };
    out.push(metric(
        11,
        "Missed tasks",
        missed_value,
        "%",
        5.0,
        "<=",
        missed,
    ));
    // 12 Critical path test.
    // The task to delay: walking back from the task that finishes last along the driving
    // links, the first unfinished work task (the critical path that sets the finish).
    let critical = {
        let mut at = last;
        let mut found = None;
        let mut steps = 0;
        while let (Some(id), None) = (at, found) {
            if incomplete.contains(&id) {
                found = Some(id);
            }
            at = match s.driver(id) {
                Some(crate::schedule::Driver::Predecessor { task, .. }) => Some(*task),
                _ => None,
            };
            steps += 1;
            if steps > project.task_count() {
                break;
            }
        }
        found
    };
    let (value, tasks) = match critical {
        None => (f64::NAN, vec![]),
        Some(id) => {
            let mut q = project.clone();
            let delay = Duration::minutes(600 * mpd);
            q.edit_task(id, |t| {
                if t.progress.actual_start.is_some() {
                    // Started: the delay goes on the remaining work, which is what
                    // rescheduling runs from the status date.
                    let rem = t.progress.remaining_of(t.duration).as_minutes();
                    t.progress.remaining = Some(Duration::minutes(rem + delay.as_minutes()));
                } else {
                    t.duration = Duration::minutes(t.duration.as_minutes() + delay.as_minutes());
                }
            })?;
            let moved = project
                .project_calendar()
                .working_time_between(s.finish(), reschedule(&q)?.finish())?;
            (
                if moved == delay { 1.0 } else { 0.0 },
                if moved == delay { vec![] } else { vec![id] },
            )
        }
    };
    out.push(metric(
        12,
        "Critical path test",
        value,
        "ratio",
        1.0,
        ">=",
        tasks,
    ));
    // 13 CPLI = (critical path length + project total float) / critical path length.
    let (value, tasks) = match b {
        None => (f64::NAN, vec![]),
        Some(b) => {
            let cal = project.project_calendar();
            let from = status.unwrap_or(s.start()).max(s.start());
            let cpl = cal.working_time_between(from, s.finish())?.as_minutes() as f64;
            let ptf = cal.working_time_between(s.finish(), b.finish)?.as_minutes() as f64;
            if cpl <= 0.0 {
                (f64::NAN, vec![])
            } else {
                (((cpl + ptf) / cpl * 1e6).round() / 1e6, vec![])
            }
        }
    };
    out.push(metric(13, "CPLI", value, "ratio", 0.95, ">=", tasks));
    // 14 BEI = tasks finished / tasks due by the status date in the baseline.
    let finished = leaves
        .iter()
        .filter(|&&id| {
            project
                .task(id)
                .is_some_and(|t| t.progress.actual_finish.is_some())
        })
        .count();
    let bei = if due.is_empty() {
        f64::NAN
    } else {
        finished as f64 / due.len() as f64
    };
    let unfinished: Vec<TaskId> = due
        .iter()
        .copied()
        .filter(|&id| {
            project
                .task(id)
                .is_some_and(|t| t.progress.actual_finish.is_none())
        })
        .collect();
    out.push(metric(14, "BEI", bei, "ratio", 0.95, ">=", unfinished));
    Ok(DcmaReport { metrics: out })
}

/// The assessment as a text table: number, name, value, threshold, pass, and the
/// offending task ids.
pub fn dcma_table(r: &DcmaReport) -> String {
    let mut out = format!(
        "{:>2}  {:<20} {:>9}  {:>9}  {:<4}  tasks\n",
        "#", "metric", "value", "threshold", "pass"
    );
    for m in &r.metrics {
        let value = m.value.map_or_else(
            || "-".to_string(),
            |v| match m.unit {
                "%" => format!("{v:.1}%"),
                "count" => format!("{v:.0}"),
                _ => format!("{v:.2}"),
            },
        );
        let threshold = match m.unit {
            "%" => format!("{} {}%", m.rule, m.threshold),
            _ => format!("{} {}", m.rule, m.threshold),
        };
        let pass = match m.pass {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "-",
        };
        let tasks = m
            .tasks
            .iter()
            .map(|t| t.0.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "{:>2}  {:<20} {:>9}  {:>9}  {:<4}  {}\n",
            m.number, m.name, value, threshold, pass, tasks
        ));
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out
}
