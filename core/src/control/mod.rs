//! Monitoring and control: rescheduling with actuals, baselines and variance, earned
//! value and earned schedule.
//!
//! Progress lives on the tasks ([`Progress`](crate::model::Progress)) and the status date
//! on the project. [`reschedule`] keeps completed work where it happened, starts the
//! remaining work of tasks in progress at the status date, and never starts unstarted
//! work before it. [`save_baseline`] stores the plan's dates, durations, work and cost;
//! [`variance`] compares a schedule with it; [`earned_value`] measures PV, EV and AC at
//! the status date against it, with the earned schedule (Lipke) alongside; [`dcma`]
//! runs the DCMA 14-point schedule assessment.

mod dcma;
mod evm;
mod health;
mod progress;

pub use dcma::{DcmaMetric, DcmaReport, dcma, dcma_table};
pub use evm::{
    EarnedSchedule, EvMethod, EvmFigures, EvmOptions, EvmReport, EvmTask, SCurvePoint,
    earned_value, s_curve,
};
pub use health::{
    AreaStatus, Finding, Health, HealthOptions, HealthRule, RULES, Rag, Severity, health,
};
pub use progress::{
    AssignmentVariance, BaselinePeriod, TaskVariance, Variance, baseline_timephased, progressed,
    reschedule, save_baseline, variance,
};

use crate::ids::TaskId;

/// Errors of monitoring and control. A failed call changes nothing.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ControlError {
    /// The project records progress but has no status date.
    #[error("the project records progress on {0} but has no status date")]
    NoStatusDate(TaskId),
    /// The measurement needs a status date and the project has none.
    #[error("set a status date first: earned value and status reports are measured at it")]
    StatusDateNeeded,
    /// No baseline with this number is saved.
    #[error("no baseline {0} is saved")]
    NoBaseline(u8),
    /// A baseline names a task the project no longer has, or misses one it has.
    #[error("baseline {baseline}: {message}")]
    BaselineMismatch {
        /// The baseline.
        baseline: u8,
        /// What does not match.
        message: String,
    },
    /// The plan cannot be scheduled.
    #[error(transparent)]
    Schedule(#[from] crate::schedule::ScheduleError),
    /// The Monte Carlo run of a health check failed.
    #[error(transparent)]
    Simulate(#[from] crate::simulate::SimulateError),
    /// Working-time arithmetic left years 1–9999.
    #[error(transparent)]
    Calendar(#[from] crate::calendar::CalendarError),
    /// The model refused an edit made while rescheduling.
    #[error(transparent)]
    Model(#[from] crate::model::ModelError),
}

/// Every task that is not a summary (work tasks and milestones), in id order.
pub(crate) fn leaves(project: &crate::model::Project) -> Vec<TaskId> {
    project
        .tasks()
        .map(|t| t.id())
        .filter(|&id| project.kind(id) != Some(crate::model::TaskKind::Summary))
        .collect()
}
