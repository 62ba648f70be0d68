//! Inputs of a simulation: options, correlation groups and discrete risk events.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::ids::TaskId;
use crate::model::{Distribution, Estimate};

/// Options of [`simulate`](super::simulate).
///
/// # Example
/// ```
/// use planix::simulate::SimulationOptions;
/// let o = SimulationOptions::new(5_000, 7).with_percentiles(&[50.0, 80.0]);
/// assert_eq!(o.iterations, 5_000);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct SimulationOptions {
    /// Number of iterations (1 to 10,000,000).
    pub iterations: usize,
    /// Seed: the same seed gives the same report, byte for byte, on any thread count.
    pub seed: u64,
    /// Percentiles reported (each in (0, 100]); default P5, P10, …, P95.
    pub percentiles: Vec<f64>,
    /// A target finish date whose probability is reported.
    pub target: Option<NaiveDateTime>,
    /// Number of histogram bins of the finish distribution.
    pub histogram_bins: usize,
    /// Groups of tasks whose durations move together.
    pub correlations: Vec<CorrelationGroup>,
    /// Discrete risk events.
    pub risks: Vec<RiskEvent>,
    /// Compute the Spearman sensitivity of every uncertain task (stores one sample per task
    /// and iteration; turn off for very large runs).
    pub sensitivity: bool,
    /// Resolve resource conflicts in every iteration (resource-constrained Monte Carlo):
    /// each iteration's forward pass is a serial schedule generation — tasks take their
    /// work resources in a fixed list order (higher leveling priority first, then earlier
    /// planned early start, then earlier planned late start, then id, predecessors always
    /// first), each at the earliest time its links allow where every resource it needs
    /// has room for its whole span. Do-not-level, MSO/MFO and ALAP tasks keep their dates
    /// and still book their units. The report then also gives the finish without the
    /// limits ([`SimulationReport::finish_without_resource_limits`](super::SimulationReport::finish_without_resource_limits)).
    pub resource_constrained: bool,
    /// Tasks whose duration is sampled from a measured distribution instead of their
    /// estimate: a backlog bound to the plan through its throughput forecast
    /// ([`agile::plan_duration`](crate::agile::plan_duration)), or any distribution known by
    /// its quantiles. Risk events and correlation groups apply to them as to any task.
    pub durations: Vec<TaskDistribution>,
    /// Progress and cancel hook: called after every chunk of iterations with
    /// (iterations finished, iterations); returning `false` stops the run with
    /// [`SimulateError::Cancelled`](super::SimulateError::Cancelled). Not serialized.
    #[serde(skip)]
    pub watch: Option<crate::Watch>,
}

impl Default for SimulationOptions {
    fn default() -> Self {
        SimulationOptions {
            iterations: 10_000,
            seed: 0,
            percentiles: (1..=19).map(|k| f64::from(k) * 5.0).collect(),
            target: None,
            histogram_bins: 40,
            correlations: vec![],
            risks: vec![],
            sensitivity: true,
            resource_constrained: false,
            durations: vec![],
            watch: None,
        }
    }
}

impl SimulationOptions {
    /// Options with the given iteration count and seed, other fields at their defaults.
    pub fn new(iterations: usize, seed: u64) -> Self {
        SimulationOptions {
            iterations,
            seed,
            ..Self::default()
        }
    }

    /// Sets the reported percentiles.
    pub fn with_percentiles(mut self, p: &[f64]) -> Self {
        self.percentiles = p.to_vec();
        self
    }

    /// Sets the target date.
    pub fn with_target(mut self, target: NaiveDateTime) -> Self {
        self.target = Some(target);
        self
    }

    /// Adds a correlation group.
    pub fn with_correlation(mut self, group: CorrelationGroup) -> Self {
        self.correlations.push(group);
        self
    }

    /// Adds a risk event.
    pub fn with_risk(mut self, risk: RiskEvent) -> Self {
        self.risks.push(risk);
        self
    }
}

/// Tasks whose durations are correlated: a one-factor Gaussian copula in which every pair
/// of tasks of the group has correlation `rho` between their normal scores (each task
/// keeps its own distribution). A task may belong to one group at most.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CorrelationGroup {
    /// The tasks.
    pub tasks: Vec<TaskId>,
    /// Correlation in `[0, 1]`.
    pub rho: f64,
}

impl CorrelationGroup {
    /// A group of tasks with pairwise correlation `rho`.
    pub fn new(tasks: Vec<TaskId>, rho: f64) -> Self {
        CorrelationGroup { tasks, rho }
    }
}

/// A task's duration distribution given by its quantiles at equal probability steps:
/// `quantiles[0]` is the shortest duration (u = 0), the last the longest (u = 1), and a
/// sample is interpolated linearly between the two around its u (101 values are the
/// percentiles P0…P100). What [`agile::plan_duration`](crate::agile::plan_duration) makes of
/// a throughput forecast.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct TaskDistribution {
    /// The task (a leaf: a summary's duration comes from its children).
    pub task: TaskId,
    /// Its quantiles in working minutes, non-decreasing, 2 to
    /// [`MAX_QUANTILES`](super::MAX_QUANTILES) of them.
    pub quantiles: Vec<crate::calendar::Duration>,
}

/// A three-point money estimate (e.g. a risk's cost impact).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CostEstimate {
    /// Best case.
    pub optimistic: f64,
    /// Most likely.
    pub most_likely: f64,
    /// Worst case.
    pub pessimistic: f64,
    /// Distribution between the bounds.
    #[serde(default = "pert")]
    pub distribution: Distribution,
}

fn pert() -> Distribution {
    Distribution::PERT
}

impl CostEstimate {
    /// A beta-PERT (λ = 4) money estimate.
    pub fn pert(optimistic: f64, most_likely: f64, pessimistic: f64) -> Self {
        CostEstimate {
            optimistic,
            most_likely,
            pessimistic,
            distribution: Distribution::PERT,
        }
    }
}

/// A discrete risk event: with probability `probability` it occurs in an iteration; then
/// each task of `tasks` takes `delay` longer (one sample per occurrence, applied to each
/// task) and the project cost grows by `cost` (negative for an opportunity's saving).
///
/// # Example
/// ```
/// use planix::{Duration, Estimate, TaskId};
/// use planix::simulate::{CostEstimate, RiskEvent};
/// let r = RiskEvent::new("R1", 0.3, vec![TaskId(2)])
///     .with_delay(Estimate::pert(Duration::hours(8), Duration::hours(16), Duration::hours(40)))
///     .with_cost(CostEstimate::pert(1_000.0, 2_000.0, 5_000.0));
/// assert_eq!(r.probability, 0.3);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RiskEvent {
    /// Identifier reported back (e.g. the risk register's id).
    pub id: String,
    /// Probability of occurrence in `[0, 1]`.
    pub probability: f64,
    /// Tasks delayed when the event occurs (leaf tasks).
    #[serde(default)]
    pub tasks: Vec<TaskId>,
    /// Extra working time added to each affected task when it occurs (a negative
    /// optimistic bound is not allowed; use an opportunity's cost for savings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<Estimate>,
    /// Cost added to the project when it occurs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostEstimate>,
}

impl RiskEvent {
    /// A risk event with no impact yet.
    pub fn new(id: impl Into<String>, probability: f64, tasks: Vec<TaskId>) -> Self {
        RiskEvent {
            id: id.into(),
            probability,
            tasks,
            delay: None,
            cost: None,
        }
    }

    /// The same event with a schedule impact.
    pub fn with_delay(mut self, delay: Estimate) -> Self {
        self.delay = Some(delay);
        self
    }

    /// The same event with a cost impact.
    pub fn with_cost(mut self, cost: CostEstimate) -> Self {
        self.cost = Some(cost);
        self
    }
}
