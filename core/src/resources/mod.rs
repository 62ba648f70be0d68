//! Resources, assignments, costs, loading and resource leveling.
//!
//! - [`costs`]: cost per task, resource, summary and project, time-phased.
//! - [`loading`] and [`overallocations`]: demand against availability.
//! - [`level`]: a new schedule in which no work resource is over its availability, with
//!   the reason for every delay; [`io::psplib::level_psplib`](crate::io::psplib::level_psplib)
//!   runs the same kernel on PSPLIB instances.

mod cost;
pub(crate) mod level;
mod loading;
pub mod rcpsp;

pub use crate::calendar::Period;
pub(crate) use cost::costs_phased;
pub use cost::{AssignmentCost, CostReport, PeriodCost, ResourceCost, TaskCost, costs};
pub use level::{BLOCKED_BY, LevelError, Leveled, LevelingDelay, level};
pub use loading::{LoadRow, Overallocation, loading, overallocations};
pub(crate) use loading::{day_minutes, task_calendar};

use rcpsp::SolveOptions;

/// How [`level`] searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LevelMode {
    /// Priority rules and biased sampling, each followed by forward–backward improvement.
    #[default]
    Fast,
    /// Fast mode, then a genetic algorithm under the budget.
    Optimize,
}

impl LevelMode {
    /// The names [`from_name`](Self::from_name) accepts.
    pub const NAMES: [&'static str; 2] = ["fast", "optimize"];

    /// Parses "fast" or "optimize".
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "fast" => Some(LevelMode::Fast),
            "optimize" => Some(LevelMode::Optimize),
            _ => None,
        }
    }
}

/// Options of [`level`] and [`level_psplib`](crate::io::psplib::level_psplib). Deserializes from a partial object
/// (missing fields take the defaults below; unknown ones are an error), so every door
/// takes its defaults from this one `Default`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct LevelOptions {
    /// Search mode.
    pub mode: LevelMode,
    /// Schedule budget of the optimising mode (deterministic).
    pub max_schedules: u64,
    /// Wall-time budget of the optimising mode, in seconds. With a time budget the result
    /// depends on the machine's speed; use `max_schedules` alone for reproducible results.
    pub time_limit: Option<f64>,
    /// Seed of the sampling and of the genetic algorithm.
    pub seed: u64,
    /// Delay tasks only within their total float (the project finish never moves);
    /// conflicts that do not fit stay and are reported.
    pub within_float: bool,
    /// Progress and cancel hook of the optimising mode: called about every 256
    /// schedules with (schedules so far, `max_schedules`); returning `false` stops the
    /// search, which keeps the best schedule found. Not serialized.
    #[serde(skip)]
    pub watch: Option<crate::Watch>,
}

impl Default for LevelOptions {
    fn default() -> Self {
        Self {
            mode: LevelMode::Fast,
            max_schedules: 50_000,
            time_limit: None,
            seed: 1,
            within_float: false,
            watch: None,
        }
    }
}

impl LevelOptions {
    pub(crate) fn solve_options(&self) -> SolveOptions {
        SolveOptions {
            optimize: self.mode == LevelMode::Optimize,
            max_schedules: self.max_schedules,
            time_limit: self.time_limit,
            seed: self.seed,
            watch: self.watch.clone(),
            ..SolveOptions::default()
        }
    }
}
