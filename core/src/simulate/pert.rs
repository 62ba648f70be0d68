//! Analytic PERT: expected durations, the critical path's mean and σ, and normal
//! approximation probabilities.

use chrono::{NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::SimulateError;
use crate::calendar::timeline::Timeline;
use crate::calendar::{Calendar, CalendarError, Duration};
use crate::ids::{CalendarId, TaskId};
use crate::model::Project;
use crate::model::estimate::{normal_cdf, normal_quantile};
use crate::schedule::{CpmOptions, ScheduleError, cpm};

/// Expected duration and standard deviation of one task.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PertTask {
    /// The task.
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// Expected duration in working minutes.
    pub mean: f64,
    /// Standard deviation in working minutes.
    pub std_dev: f64,
    /// On the expected-duration critical path.
    pub critical: bool,
}

/// The classic PERT analysis of a project.
///
/// Each task's expected duration and σ are the textbook `(o + 4m + p)/6` and `(p − o)/6`
/// ([`PertMoments::Classic`]) or the exact moments of its distribution
/// ([`PertMoments::Exact`]; for beta-PERT λ = 4 the same mean, σ = `√((μ−o)(p−μ)/7)`).
/// Tasks without an estimate count with their planned duration and σ = 0. The project's expected finish
/// is the CPM finish with expected durations; its σ is the root of the summed variances
/// along the critical path; probabilities use the normal approximation (central limit
/// theorem), which ignores merge bias: near-critical parallel paths make the true finish
/// later, as [`simulate`](super::simulate) shows.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(rename = "PertReport"))]
pub struct Pert {
    /// Project start.
    pub start: NaiveDateTime,
    /// CPM finish with expected durations.
    pub expected_finish: NaiveDateTime,
    /// Sum of the expected durations along the critical path, in working minutes.
    pub path_mean: f64,
    /// Standard deviation of the critical path, in working minutes.
    pub std_dev: f64,
    /// The critical path used (the first critical chain).
    pub critical_path: Vec<TaskId>,
    /// Per leaf task, in id order.
    pub tasks: Vec<PertTask>,
    #[serde(skip)]
    calendar: Calendar,
    #[serde(skip)]
    epoch: NaiveDateTime,
}

fn cal_err(source: CalendarError) -> SimulateError {
    SimulateError::Schedule(ScheduleError::Calendar {
        task: TaskId(0),
        name: String::new(),
        source,
    })
}

impl Pert {
    fn with_timeline<R>(
        &self,
        f: impl FnOnce(&mut Timeline<'_>, i64) -> Result<R, CalendarError>,
    ) -> Result<R, SimulateError> {
        let fin = self
            .expected_finish
            .signed_duration_since(self.epoch)
            .num_minutes();
        let mut tl = Timeline::new(
            &self.calendar,
            CalendarId(0),
            self.epoch.date(),
            30,
            fin / 1440 + 60,
        )
        .map_err(cal_err)?;
        let w = tl.work_at(fin).map_err(cal_err)?;
        f(&mut tl, w).map_err(cal_err)
    }

    /// Probability of finishing by `date` (normal approximation, working time on the
    /// project calendar).
    ///
    /// # Errors
    /// [`SimulateError::Schedule`] when `date` is outside years 1–9999.
    pub fn probability_by(&self, date: NaiveDateTime) -> Result<f64, SimulateError> {
        let m = date.signed_duration_since(self.epoch).num_minutes();
        let sd = self.std_dev;
        self.with_timeline(|tl, wf| {
            let w = tl.work_at(m)?;
            let x = (w - wf) as f64;
            Ok(if sd <= 0.0 {
                if x >= 0.0 { 1.0 } else { 0.0 }
            } else {
                normal_cdf(x / sd)
            })
        })
    }

    /// The finish date reached with probability `p` (in (0, 1)).
    ///
    /// # Errors
    /// [`SimulateError::InvalidOption`] for `p` outside (0, 1).
    pub fn date_at(&self, p: f64) -> Result<NaiveDateTime, SimulateError> {
        if !(p > 0.0 && p < 1.0) {
            return Err(SimulateError::InvalidOption(format!(
                "probability must be in (0, 1), got {p}"
            )));
        }
        let z = normal_quantile(p);
        let sd = self.std_dev;
        let m = self.with_timeline(|tl, wf| tl.finish_at(wf + (z * sd).round() as i64))?;
        Ok(self
            .epoch
            .checked_add_signed(chrono::TimeDelta::minutes(m))
            .unwrap_or(self.epoch))
    }

    /// The critical path's standard deviation as a duration.
    pub fn std_dev_duration(&self) -> Duration {
        Duration::minutes(self.std_dev.round() as i64)
    }
}

/// Which moments [`pert`] gives each task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PertMoments {
    /// The textbook formulas for every estimate: mean `(o + 4m + p)/6`, σ `(p − o)/6`.
    #[default]
    Classic,
    /// The exact moments of each estimate's own distribution (what [`simulate`](super::simulate) samples).
    Exact,
}

/// PERT analysis with the chosen moments.
///
/// # Errors
/// The CPM's errors (cycle, dates out of range).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::{Duration, Estimate, Project, Task};
/// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let mut p = Project::new("x", start);
/// let d = |n| Duration::from_days(n, 480);
/// let a = p.add_task(Task::new("A").with_estimate(Estimate::pert(d(1), d(4), d(7))))?;
/// let b = p.add_task(Task::new("B").with_estimate(Estimate::pert(d(2), d(5), d(14))))?;
/// p.link(a, b)?;
/// let r = planix::simulate::pert(&p, planix::simulate::PertMoments::Classic)?;
/// // te = 4 + 6 = 10 days; the finish is reached with probability 1/2.
/// assert_eq!(r.path_mean, 10.0 * 480.0);
/// assert!((r.probability_by(r.expected_finish)? - 0.5).abs() < 1e-9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pert(project: &Project, moments_of: PertMoments) -> Result<Pert, SimulateError> {
    let mut q = project.clone();
    let mut moments = Vec::with_capacity(q.tasks.len());
    let summaries: Vec<bool> = q.tasks.keys().map(|id| q.is_summary(*id)).collect();
    for (t, &summary) in q.tasks.values_mut().zip(&summaries) {
        let (m, s) = match t.estimate {
            Some(e) if moments_of == PertMoments::Classic => e.classic_moments(),
            Some(e) if e.distribution != crate::Distribution::Fixed => e.moments(),
            _ => (t.duration.as_minutes() as f64, 0.0),
        };
        if !summary {
            t.duration = Duration::minutes(m.round() as i64);
        }
        moments.push((m, s));
    }
    let s = cpm(&q, &CpmOptions::new().max_critical_paths(1))?;
    let path: Vec<TaskId> = s.critical_paths().first().cloned().unwrap_or_default();
    let mut var = 0.0;
    let mut mean = 0.0;
    let mut tasks = vec![];
    for ((id, t), (m, sd)) in project.tasks.iter().zip(&moments) {
        if project.is_summary(*id) {
            continue;
        }
        let on = path.contains(id);
        if on {
            var += sd * sd;
            mean += m;
        }
        tasks.push(PertTask {
            task: *id,
            name: t.name.clone(),
            mean: *m,
            std_dev: *sd,
            critical: s.task(*id).is_some_and(|x| x.is_critical()),
        });
    }
    let epoch = s.start().date().and_time(NaiveTime::MIN);
    let epoch = match project.schedule_from() {
        crate::ScheduleFrom::Start(d) | crate::ScheduleFrom::Finish(d) => {
            d.date().and_time(NaiveTime::MIN).min(epoch)
        }
    };
    Ok(Pert {
        start: s.start(),
        expected_finish: s.finish(),
        path_mean: mean,
        std_dev: var.sqrt(),
        critical_path: path,
        tasks,
        calendar: project.project_calendar().clone(),
        epoch,
    })
}
