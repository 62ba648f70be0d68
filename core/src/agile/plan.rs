//! A backlog bound to the plan: its throughput forecast becomes the duration
//! distribution of the schedule task it stands for, so the project's Monte Carlo (and
//! every milestone's P80 after it) includes the agile phase.

use super::error::AgileError;
use super::forecast::{Cadence, WhenForecast};
use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::simulate::TaskDistribution;

/// Percentiles of a bound duration (P0, P1, …, P100).
const STEPS: usize = 100;

/// The duration distribution of `task` from a "when" forecast of the work it stands for:
/// each trial's periods as working time on the task's calendar (a working day is the
/// calendar's `minutes_per_day`; a sprint of `d` days is `d / 7` of its
/// `minutes_per_week`), given as the percentiles P0…P100 of the trials. Pass it in
/// [`SimulationOptions::durations`](crate::simulate::SimulationOptions::durations).
///
/// ```
/// use planix::agile::{TeamHistory, ThroughputOptions, forecast_when, plan_duration};
/// use planix::simulate::{SimulationOptions, simulate};
/// use planix::{Project, Task};
/// let start = "2027-03-01T08:00:00".parse()?; // a Monday
/// let mut p = Project::new("Portal", start);
/// let build = p.add_task(Task::new("Build (the backlog)"))?;
/// let uat = p.add_task(Task::new("UAT sign-off").as_milestone())?;
/// p.link(build, uat)?;
/// // 9 items at 2 a day take 5 working days in every trial.
/// let h = [TeamHistory::new("web", vec![2.0; 5])];
/// let cal = p.project_calendar().clone();
/// let f = forecast_when(&h, 9.0, start.date(), &cal, &ThroughputOptions::default())?;
/// let mut o = SimulationOptions::new(1_000, 1);
/// o.durations.push(plan_duration(&f, &p, build)?);
/// let r = simulate(&p, &o)?;
/// assert_eq!(r.percentile(80.0).to_string(), "2027-03-05 17:00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`AgileError::Unknown`] for a task not in the project, [`AgileError::SummaryTask`]
/// for a summary (bind the backlog to one of its leaves), [`AgileError::OutOfRange`]
/// for a forecast whose histogram holds no trials.
pub fn plan_duration(
    forecast: &WhenForecast,
    project: &crate::Project,
    task: TaskId,
) -> Result<TaskDistribution, AgileError> {
    let t = project.task(task).ok_or_else(|| AgileError::Unknown {
        kind: "task",
        id: task.to_string(),
    })?;
    if project.is_summary(task) {
        return Err(AgileError::SummaryTask {
            task: task.to_string(),
            name: t.name.clone(),
        });
    }
    let cal = t
        .calendar
        .and_then(|c| project.calendar(c))
        .unwrap_or_else(|| project.project_calendar());
    let per_period = match forecast.cadence {
        Cadence::WorkingDay => f64::from(cal.minutes_per_day()),
        Cadence::Sprint { days } => f64::from(days) * f64::from(cal.minutes_per_week()) / 7.0,
    };
    let total: u64 = forecast.histogram.iter().map(|&(_, c)| u64::from(c)).sum();
    if total == 0 {
        return Err(AgileError::OutOfRange {
            kind: "forecast",
            id: task.to_string(),
            field: "trials in its histogram",
            value: 0.0,
            range: "at least 1",
        });
    }
    // Nearest rank: percentile j is the fewest periods reached by j% of the trials.
    let mut quantiles = Vec::with_capacity(STEPS + 1);
    let (mut seen, mut bins) = (0u64, forecast.histogram.iter().peekable());
    for j in 0..=STEPS as u64 {
        let need = (j * total).div_ceil(STEPS as u64).max(1);
        while let Some(&&(k, c)) = bins.peek() {
            if seen + u64::from(c) >= need {
                quantiles.push(Duration::minutes((f64::from(k) * per_period).round() as i64));
                break;
            }
            seen += u64::from(c);
            bins.next();
        }
    }
    Ok(TaskDistribution { task, quantiles })
}
