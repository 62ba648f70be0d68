use crate::calendar::CalendarError;
use crate::ids::TaskId;

/// Errors of [`cpm`](crate::schedule::cpm).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The links (with summary tasks expanded) form a cycle; `tasks` lists it in link order.
    #[error("dependency cycle: {}", crate::names::id_chain(.tasks, .names))]
    Cycle {
        /// The tasks of the cycle, in order; the last links back to the first.
        tasks: Vec<TaskId>,
        /// Their names, in the same order.
        names: Vec<String>,
    },
    /// Working-time arithmetic for a task left the supported date range.
    #[error("{task} ({name:?}) cannot be scheduled: {source}")]
    Calendar {
        /// The task being scheduled.
        task: TaskId,
        /// Its name.
        name: String,
        /// The calendar failure.
        #[source]
        source: CalendarError,
    },
    /// A date (project start, constraint, deadline) is outside the supported range.
    #[error("{task} ({name:?}): date {date} is outside the supported range")]
    DateOutOfRange {
        /// The task whose date it is (task #0 for the project start or finish).
        task: TaskId,
        /// Its name.
        name: String,
        /// The date, as given.
        date: String,
    },
}
