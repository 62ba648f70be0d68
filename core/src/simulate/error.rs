//! Errors of the simulation.

use crate::ids::TaskId;
use crate::schedule::ScheduleError;

/// Errors of [`simulate`](super::simulate) and [`pert`](super::pert).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimulateError {
    /// The network cannot be scheduled (cycle, dates out of range).
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    /// The resource-constrained simulation cannot map the project's resources (a demand
    /// that never fits, a project scheduled from its finish).
    #[error(transparent)]
    Resources(#[from] crate::resources::LevelError),
    /// An option is out of range.
    #[error("invalid simulation option: {0}")]
    InvalidOption(String),
    /// A correlation group or risk event names a task the project does not have.
    #[error("{context}: unknown {task}")]
    UnknownTask {
        /// The id.
        task: TaskId,
        /// Where it was named.
        context: String,
    },
    /// A correlation group or risk event names a summary task (only leaves have durations).
    #[error("{context}: {task} ({name:?}) is a summary task")]
    SummaryTask {
        /// The id.
        task: TaskId,
        /// Its name.
        name: String,
        /// Where it was named.
        context: String,
    },
    /// A simulated date of the project (its finish, a milestone's finish) leaves the
    /// calendar's supported range: the sampled durations reach past year 9999.
    #[error("{what} cannot be dated: {source}")]
    OutOfRange {
        /// Which date.
        what: String,
        /// The calendar failure.
        #[source]
        source: crate::calendar::CalendarError,
    },
    /// The run's [`Watch`](crate::Watch) hook asked it to stop.
    #[error("the simulation was stopped after {done} iterations")]
    Cancelled {
        /// Iterations finished when it stopped.
        done: usize,
    },
    /// The per-iteration results would take more memory than [`MAX_RESULT_BYTES`](super::MAX_RESULT_BYTES).
    #[error(
        "{iterations} iterations with {milestones} milestones need {bytes} bytes of results, past the limit of {limit}; run fewer iterations (or turn sensitivity off)"
    )]
    LimitExceeded {
        /// Bytes the run would keep.
        bytes: u64,
        /// The limit.
        limit: u64,
        /// Milestones tracked (each keeps one finish per iteration).
        milestones: usize,
        /// Iterations asked for.
        iterations: usize,
    },
}
