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
mod error;
mod evm;
mod health;
mod progress;

pub use dcma::{DcmaMetric, DcmaReport, dcma, dcma_table};
pub use error::ControlError;
pub use evm::{
    EarnedSchedule, EvMethod, EvmFigures, EvmOptions, EvmReport, EvmTask, SCurvePoint,
    earned_value, s_curve,
};
pub use health::{
    AreaStatus, Finding, Health, HealthOptions, HealthRule, RULES, Rag, Severity, health,
    health_with_board,
};
pub use progress::{
    AssignmentVariance, BaselinePeriod, RescheduleOptions, TaskVariance, Variance,
    baseline_timephased, progressed, progressed_with, reschedule, reschedule_with, save_baseline,
    variance,
};

use crate::ids::TaskId;

/// Every task that is not a summary (work tasks and milestones), in id order.
pub(crate) fn leaves(project: &crate::model::Project) -> Vec<TaskId> {
    project
        .tasks()
        .map(|t| t.id())
        .filter(|&id| project.kind(id) != Some(crate::model::TaskKind::Summary))
        .collect()
}
