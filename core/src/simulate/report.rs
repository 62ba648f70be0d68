//! What a simulation returns.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::model::TaskKind;

/// The nearest-rank index of percentile `p` (in (0, 100]) among `n` sorted samples.
fn rank_index(p: f64, n: usize) -> usize {
    let r = (p / 100.0 * n as f64).ceil() as usize;
    r.clamp(1, n.max(1)) - 1
}

/// Percentile `p` of `sorted` by nearest rank (`p` clamped to (0, 100], NaN read as 50).
fn nearest_rank<T: Copy>(sorted: &[T], p: f64) -> Option<T> {
    let p = clamp_p(p);
    (!sorted.is_empty()).then(|| sorted[rank_index(p, sorted.len())])
}

/// Share of `sorted` at or below `x` (0 for no samples).
fn share_at_or_below<T: PartialOrd + Copy>(sorted: &[T], x: T) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted.partition_point(|&v| v <= x) as f64 / sorted.len() as f64
}

/// `p` as `nearest_rank` reads it: clamped to (0, 100], NaN as 50.
fn clamp_p(p: f64) -> f64 {
    if p.is_nan() {
        50.0
    } else {
        p.clamp(1e-9, 100.0)
    }
}

fn at(epoch: NaiveDateTime, m: i64) -> NaiveDateTime {
    epoch
        .checked_add_signed(chrono::TimeDelta::minutes(m))
        .unwrap_or(epoch)
}

/// A percentile of a date distribution.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DatePercentile {
    /// Percent, e.g. 80 for P80.
    pub p: f64,
    /// The date by which `p`% of the iterations finished.
    pub date: NaiveDateTime,
}

/// One bar of a histogram of dates.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct HistogramBin {
    /// Start of the bin (inclusive).
    pub start: NaiveDateTime,
    /// End of the bin (exclusive).
    pub end: NaiveDateTime,
    /// Iterations finishing in the bin.
    pub count: usize,
    /// Share of iterations finishing before `end` (the cumulative curve).
    pub cumulative: f64,
}

/// The simulated distribution of a finish date.
///
/// Percentiles use the nearest-rank definition: P`p` is the earliest simulated date by
/// which at least `p`% of the iterations finished, so it is always a real outcome.
/// Mean and standard deviation are taken in working time on the project calendar.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DateDistribution {
    #[serde(skip)]
    pub(crate) epoch: NaiveDateTime,
    /// Sorted samples, minutes since the epoch.
    #[serde(skip)]
    pub(crate) sorted: Vec<i64>,
    /// Mean finish.
    pub mean: NaiveDateTime,
    /// Standard deviation, in working time on the project calendar.
    pub std_dev: Duration,
    /// Earliest simulated finish.
    pub min: NaiveDateTime,
    /// Latest simulated finish.
    pub max: NaiveDateTime,
    /// The requested percentiles.
    pub percentiles: Vec<DatePercentile>,
    /// Histogram and cumulative curve (empty for milestone distributions).
    pub histogram: Vec<HistogramBin>,
}

impl DateDistribution {
    /// The date by which `p`% of iterations finished (`p` clamped to (0, 100]).
    ///
    /// # Example
    /// ```
    /// # use planix::{Duration, Estimate, Project, Task};
    /// # use planix::simulate::{simulate, SimulationOptions};
    /// # let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
    /// # let mut p = Project::new("x", start);
    /// # let h = Duration::hours;
    /// # p.add_task(Task::new("A").with_duration(h(16)).with_estimate(Estimate::pert(h(8), h(16), h(40))))?;
    /// let r = simulate(&p, &SimulationOptions::new(1_000, 1))?;
    /// assert!(r.finish.percentile(50.0) <= r.finish.percentile(80.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// A distribution read back from JSON (or unpickled) has no samples: it answers from
    /// its reported percentiles — exactly for those, else the nearest reported one at or
    /// above `p` (the latest simulated finish past the last) — never a made-up date.
    pub fn percentile(&self, p: f64) -> NaiveDateTime {
        if let Some(m) = nearest_rank(&self.sorted, p) {
            return at(self.epoch, m);
        }
        let p = clamp_p(p);
        self.percentiles
            .iter()
            .filter(|x| x.p >= p - 1e-9)
            .min_by(|a, b| a.p.total_cmp(&b.p))
            .map_or(self.max, |x| x.date)
    }

    /// Share of iterations that finished at or before `date`. Read back from JSON (no
    /// samples), the share from the cumulative histogram (the bins ending by `date`),
    /// else from the reported percentiles.
    pub fn probability_by(&self, date: NaiveDateTime) -> f64 {
        if !self.sorted.is_empty() {
            return share_at_or_below(
                &self.sorted,
                date.signed_duration_since(self.epoch).num_minutes(),
            );
        }
        if date >= self.max {
            return 1.0;
        }
        if date < self.min {
            return 0.0;
        }
        if !self.histogram.is_empty() {
            return self
                .histogram
                .iter()
                .filter(|b| b.end <= date)
                .map(|b| b.cumulative)
                .fold(0.0, f64::max);
        }
        self.percentiles
            .iter()
            .filter(|x| x.date <= date)
            .map(|x| x.p / 100.0)
            .fold(0.0, f64::max)
    }

    /// Every simulated finish, sorted.
    pub fn samples(&self) -> impl ExactSizeIterator<Item = NaiveDateTime> + '_ {
        self.sorted.iter().map(|&m| at(self.epoch, m))
    }
}

/// Simulated outcomes of one task.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TaskStats {
    /// The task.
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// Task or milestone.
    pub kind: TaskKind,
    /// Mean sampled duration (working time, before risk delays).
    pub mean_duration: Duration,
    /// Standard deviation of the sampled duration.
    pub std_dev_duration: Duration,
    /// Share of iterations in which the task lies on a chain of tight links ending at the
    /// project finish (the critical path of that iteration).
    pub criticality: f64,
    /// Spearman rank correlation of the task's duration with the project finish (0 for a
    /// task whose duration does not vary; `None` when sensitivity was turned off).
    pub sensitivity: Option<f64>,
}

/// The simulated finish of a milestone.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct MilestoneStats {
    /// The milestone.
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// Its finish in the deterministic CPM schedule.
    pub planned: NaiveDateTime,
    /// Its deadline, if any.
    pub deadline: Option<NaiveDateTime>,
    /// Probability of finishing by the deadline.
    pub probability_by_deadline: Option<f64>,
    /// Probability of finishing by the planned date.
    pub probability_by_planned: f64,
    /// The distribution of its finish.
    pub finish: DateDistribution,
}

/// A percentile of a money distribution.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ValuePercentile {
    /// Percent.
    pub p: f64,
    /// Value.
    pub value: f64,
}

/// The simulated distribution of the project cost.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct CostDistribution {
    #[serde(skip)]
    pub(crate) sorted: Vec<f64>,
    /// Cost of the deterministic plan (planned durations, no risk events).
    pub planned: f64,
    /// Mean.
    pub mean: f64,
    /// Standard deviation.
    pub std_dev: f64,
    /// The requested percentiles.
    pub percentiles: Vec<ValuePercentile>,
}

impl CostDistribution {
    /// The cost not exceeded in `p`% of iterations (nearest rank).
    /// Read back from JSON (no samples), the nearest reported percentile at or above `p`.
    pub fn percentile(&self, p: f64) -> f64 {
        if let Some(v) = nearest_rank(&self.sorted, p) {
            return v;
        }
        let p = clamp_p(p);
        self.percentiles
            .iter()
            .filter(|x| x.p >= p - 1e-9)
            .min_by(|a, b| a.p.total_cmp(&b.p))
            .or_else(|| self.percentiles.iter().max_by(|a, b| a.p.total_cmp(&b.p)))
            .map_or(self.mean, |x| x.value)
    }

    /// Share of iterations whose cost is at or below `budget` (read back from JSON: from
    /// the reported percentiles).
    pub fn probability_within(&self, budget: f64) -> f64 {
        if self.sorted.is_empty() {
            return self
                .percentiles
                .iter()
                .filter(|x| x.value <= budget)
                .map(|x| x.p / 100.0)
                .fold(0.0, f64::max);
        }
        share_at_or_below(&self.sorted, budget)
    }
}

/// What a risk event did over the run.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct RiskStats {
    /// The event's id.
    pub id: String,
    /// Share of iterations in which it occurred.
    pub occurred: f64,
    /// Mean project finish when it occurred minus when it did not, in working time
    /// (`None` when it always or never occurred): the bar of a risk tornado.
    pub mean_finish_shift: Option<Duration>,
}

/// The result of [`simulate`](super::simulate).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct SimulationReport {
    /// Iterations run.
    pub iterations: usize,
    /// When sensitivity was measured on fewer iterations than were run (the first ones;
    /// see [`SENSITIVITY_CELLS`](super::SENSITIVITY_CELLS)), how many; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity_iterations: Option<usize>,
    /// The seed.
    pub seed: u64,
    /// The project start of every iteration.
    pub start: NaiveDateTime,
    /// Finish of the deterministic CPM schedule.
    pub planned_finish: NaiveDateTime,
    /// Probability of finishing by the deterministic finish.
    pub probability_by_planned: f64,
    /// The simulated project finish (risk events included).
    pub finish: DateDistribution,
    /// The project finish without risk events (same duration samples), when events were given.
    pub finish_without_risks: Option<DateDistribution>,
    /// The project finish of the same iterations without resource limits, when the run
    /// was resource-constrained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_without_resource_limits: Option<DateDistribution>,
    /// The target date, if given.
    pub target: Option<NaiveDateTime>,
    /// Probability of finishing by the target date.
    pub target_probability: Option<f64>,
    /// Per leaf task, in id order.
    pub tasks: Vec<TaskStats>,
    /// Per milestone, in id order.
    pub milestones: Vec<MilestoneStats>,
    /// Project cost, when tasks or risks carry costs.
    pub cost: Option<CostDistribution>,
    /// Per risk event, in input order.
    pub risks: Vec<RiskStats>,
    /// Working minutes per day of the project calendar (to express durations in days).
    pub minutes_per_day: u32,
    /// `"fast"` (working-minute arrays) or `"general"` (full CPM pass per iteration): a
    /// diagnostic of this run, not part of the JSON report.
    #[serde(skip)]
    pub kernel: &'static str,
}

impl SimulationReport {
    /// The date by which `p` percent of iterations finished without resource limits
    /// (`None` unless the run was resource-constrained).
    pub fn percentile_without_resource_limits(&self, p: f64) -> Option<NaiveDateTime> {
        self.finish_without_resource_limits
            .as_ref()
            .map(|d| d.percentile(p))
    }

    /// The criticality index of every task (share of iterations on the critical path).
    pub fn criticality(&self) -> std::collections::BTreeMap<TaskId, f64> {
        self.tasks.iter().map(|t| (t.task, t.criticality)).collect()
    }

    /// The Spearman sensitivity of every task that has one.
    pub fn sensitivity(&self) -> std::collections::BTreeMap<TaskId, f64> {
        self.tasks
            .iter()
            .filter_map(|t| t.sensitivity.map(|s| (t.task, s)))
            .collect()
    }

    /// The finish date by which `p`% of iterations finished.
    pub fn percentile(&self, p: f64) -> NaiveDateTime {
        self.finish.percentile(p)
    }

    /// Probability of finishing at or before `date`.
    pub fn probability_by(&self, date: NaiveDateTime) -> f64 {
        self.finish.probability_by(date)
    }

    /// Stats of one task.
    pub fn task(&self, id: TaskId) -> Option<&TaskStats> {
        self.tasks
            .binary_search_by_key(&id, |t| t.task)
            .ok()
            .map(|i| &self.tasks[i])
    }

    /// The `k` tasks with the highest criticality index (ties by id).
    pub fn most_critical(&self, k: usize) -> Vec<&TaskStats> {
        let mut v: Vec<&TaskStats> = self.tasks.iter().collect();
        v.sort_by(|a, b| {
            b.criticality
                .total_cmp(&a.criticality)
                .then(a.task.cmp(&b.task))
        });
        v.truncate(k);
        v
    }

    /// The `k` tasks with the largest |sensitivity|: the bars of a tornado chart.
    pub fn tornado(&self, k: usize) -> Vec<&TaskStats> {
        let mut v: Vec<&TaskStats> = self
            .tasks
            .iter()
            .filter(|t| t.sensitivity.is_some())
            .collect();
        v.sort_by(|a, b| {
            let (x, y) = (
                a.sensitivity.unwrap_or(0.0).abs(),
                b.sensitivity.unwrap_or(0.0).abs(),
            );
            y.total_cmp(&x).then(a.task.cmp(&b.task))
        });
        v.truncate(k);
        v
    }
}
