//! Saved baselines of the plan (MS Project keeps up to 11, numbered 0 to 10).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::calendar::Duration;
use crate::ids::TaskId;

/// Most baselines a project keeps (numbers 0 to 10).
pub const MAX_BASELINES: u8 = 11;

/// One task as it stood in a baseline.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct BaselineTask {
    /// Planned start.
    pub start: NaiveDateTime,
    /// Planned finish.
    pub finish: NaiveDateTime,
    /// Planned working duration.
    pub duration: Duration,
    /// Planned cost (budget at completion of the task).
    pub cost: f64,
    /// Planned work in hours.
    pub work: f64,
}

/// One assignment as it stood in a baseline.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct BaselineAssignment {
    /// The task.
    pub task: TaskId,
    /// The resource.
    pub resource: crate::ids::ResourceId,
    /// Planned work in hours (quantity for a material).
    pub work: f64,
    /// Planned cost.
    pub cost: f64,
}

/// One day of a baseline's time-phased budget: a task's own cost (fixed cost and run
/// rate, `resource` absent) or one assignment's work and cost on that day.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct BaselineDay {
    /// The task.
    pub task: TaskId,
    /// The resource of an assignment; absent for the task's own cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<crate::ids::ResourceId>,
    /// The day.
    pub date: NaiveDate,
    /// Planned work that day in hours (quantity for a material, 0 for the task's own cost).
    pub work: f64,
    /// Planned cost that day.
    pub cost: f64,
}

/// A saved copy of the plan's dates, durations, work and cost per task and per
/// assignment, time-phased by day per task and per assignment (the budget earned value
/// is measured against), with the planned cost per day of the whole project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// When it was saved.
    pub saved: NaiveDate,
    /// Project start in the baseline.
    pub start: NaiveDateTime,
    /// Project finish in the baseline.
    pub finish: NaiveDateTime,
    /// Every task (summaries included).
    pub tasks: BTreeMap<TaskId, BaselineTask>,
    /// Every assignment, by task then resource.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignments: Vec<BaselineAssignment>,
    /// Planned cost per day (days with cost only), in date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub daily_cost: Vec<(NaiveDate, f64)>,
    /// Planned work and cost per day, per leaf task (its own cost) and per assignment, by
    /// task, then resource (own cost first), then date; days with work or cost only.
    /// Baselines saved before planix recorded it have none, and earned value then
    /// accrues each task's cost evenly over its working time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timephased: Vec<BaselineDay>,
}

impl Baseline {
    /// Budget at completion: the baseline's total planned cost.
    pub fn bac(&self) -> f64 {
        self.daily_cost.iter().map(|d| d.1).sum()
    }
}
