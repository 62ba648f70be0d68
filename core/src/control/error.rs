//! Errors of monitoring and control.

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
