use crate::calendar::CalendarError;
use crate::ids::{CalendarId, ResourceId, TaskId};
use crate::model::{ConstraintKind, LinkKind};

/// Errors of edits to the project model. A failed edit leaves the project unchanged.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// No task has this id.
    #[error("unknown {0}")]
    UnknownTask(TaskId),
    /// No calendar has this id.
    #[error("unknown {0}")]
    UnknownCalendar(CalendarId),
    /// Two tasks share an id (in a loaded document).
    #[error("duplicate {0}")]
    DuplicateTask(TaskId),
    /// Two calendars share an id (in a loaded document).
    #[error("duplicate {0}")]
    DuplicateCalendar(CalendarId),
    /// A result computed from an earlier revision of the project was given back to it.
    #[error(
        "the {what} was computed from revision {computed} of the project, which is now at revision {current}; compute it again"
    )]
    StaleResult {
        /// What was given ("leveling result").
        what: &'static str,
        /// The revision it was computed from.
        computed: u64,
        /// The project's revision now.
        current: u64,
    },
    /// A task's parent does not exist.
    #[error("{task} ({name:?}) has unknown parent {parent}")]
    UnknownParent {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The missing parent.
        parent: TaskId,
    },
    /// Making `parent` the parent of `task` would put the task inside itself.
    #[error("{task} ({name:?}) cannot be placed under {parent}, which is inside it")]
    ParentCycle {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The proposed parent.
        parent: TaskId,
    },
    /// The WBS parents of a loaded document form a loop (`tasks[0]` under `tasks[1]`
    /// under … under `tasks[0]`).
    #[error("the WBS parents form a loop: {}", crate::names::id_chain(.tasks, .names))]
    ParentLoop {
        /// The tasks of the loop, each under the next; the last is under the first.
        tasks: Vec<TaskId>,
        /// Their names, in the same order.
        names: Vec<String>,
    },
    /// A task of a loaded document has no id (or id 0, which stands for the project).
    #[error("task number {position} ({name:?}) has no id (ids start at 1)")]
    MissingTaskId {
        /// 1-based position of the task in the document's task list.
        position: usize,
        /// Its name.
        name: String,
    },
    /// The project would hold more than [`MAX_TASKS`](crate::model::MAX_TASKS) tasks.
    #[error("a project holds at most {limit} tasks")]
    TooManyTasks {
        /// The limit.
        limit: usize,
    },
    /// A link from a task to itself.
    #[error("{task} ({name:?}) cannot be linked to itself")]
    SelfLink {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
    },
    /// The two tasks are already linked.
    #[error("{predecessor} and {successor} are already linked")]
    DuplicateLink {
        /// The predecessor.
        predecessor: TaskId,
        /// The successor.
        successor: TaskId,
    },
    /// The link would close a cycle; `path` runs from the successor back to the predecessor.
    #[error(
        "linking {predecessor} to {successor} would close the cycle {}",
        crate::names::task_chain(.path)
    )]
    CycleLink {
        /// The predecessor.
        predecessor: TaskId,
        /// The successor.
        successor: TaskId,
        /// Existing chain of links from the successor to the predecessor.
        path: Vec<TaskId>,
    },
    /// A summary task linked with one of its own subtasks.
    #[error("{summary} ({name:?}) cannot be linked with {task}, which is inside it")]
    LinkWithinSummary {
        /// The summary task.
        summary: TaskId,
        /// Its name.
        name: String,
        /// The subtask.
        task: TaskId,
    },
    /// FF and SF links cannot end on a summary task (as in MS Project).
    #[error("{kind} link cannot have summary {successor} ({name:?}) as successor")]
    SummarySuccessor {
        /// The link type.
        kind: LinkKind,
        /// The summary task.
        successor: TaskId,
        /// Its name.
        name: String,
    },
    /// A negative task duration.
    #[error("{task} ({name:?}) has negative duration {minutes} min")]
    NegativeDuration {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The duration given.
        minutes: i64,
    },
    /// A duration or lag whose magnitude exceeds [`MAX_MINUTES`](crate::model::MAX_MINUTES).
    #[error("{task} ({name:?}): {what} of {minutes} min is out of range")]
    OutOfRange {
        /// The task (the successor, for a lag).
        task: TaskId,
        /// Its name.
        name: String,
        /// What was out of range ("duration", "lag").
        what: &'static str,
        /// The value given.
        minutes: i64,
    },
    /// A percent lag whose magnitude exceeds [`MAX_PERCENT_LAG`](crate::model::MAX_PERCENT_LAG).
    #[error("{task} ({name:?}): percent lag of {percent}% is out of range (at most ±10,000,000%)")]
    PercentLagOutOfRange {
        /// The successor of the link.
        task: TaskId,
        /// Its name.
        name: String,
        /// The percent given.
        percent: i32,
    },
    /// An invalid three-point estimate.
    #[error("{task} ({name:?}): {problem}")]
    InvalidEstimate {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// What is wrong.
        problem: String,
    },
    /// A cost that is not finite, or a negative cost rate.
    #[error("{task} ({name:?}): {what} {value} is not allowed")]
    InvalidCost {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// Which cost ("fixed_cost", "cost_rate").
        what: &'static str,
        /// The value given.
        value: f64,
    },
    /// Recorded progress is inconsistent (percent outside 0–100, a finish before the
    /// start, progress without an actual start, …).
    #[error("{task} ({name:?}): {problem}")]
    InvalidProgress {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// What is wrong.
        problem: String,
    },
    /// A baseline that cannot be stored.
    #[error("invalid baseline: {0}")]
    InvalidBaseline(String),
    /// A status date before the project start.
    #[error("status date {status} is before the project start {start}")]
    InvalidStatusDate {
        /// The status date given.
        status: chrono::NaiveDateTime,
        /// The project start.
        start: chrono::NaiveDateTime,
    },
    /// A leveling priority above 1000.
    #[error("{task} ({name:?}): leveling priority {priority} is out of range (0 to 1000)")]
    InvalidPriority {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The priority given.
        priority: u16,
    },
    /// A duration or lag text that cannot be read (`"3"` without a unit, `"3x"`, an
    /// elapsed duration for a task, …).
    #[error("invalid duration {text:?}: {problem}; units: {units}", units = super::duration_text::DURATION_UNITS)]
    InvalidDuration {
        /// The text given.
        text: String,
        /// What is wrong with it.
        problem: super::duration_text::DurationProblem,
    },
    /// A dated constraint kind without its date, or ASAP/ALAP with one.
    #[error("{} constraint {}", kind.name(), if *given { "takes no date" } else { "needs a date" })]
    ConstraintDate {
        /// The kind.
        kind: ConstraintKind,
        /// Whether a date was given.
        given: bool,
    },
    /// A distribution name that is not one of [`Distribution::NAMES`](super::Distribution::NAMES).
    #[error("invalid distribution {name:?}; allowed: {}", super::Distribution::NAMES.join(", "))]
    UnknownDistribution {
        /// The name given.
        name: String,
    },
    /// No resource has this id.
    #[error("unknown {0}")]
    UnknownResource(ResourceId),
    /// A resource's fields are out of range.
    #[error("{resource} ({name:?}): {message}")]
    InvalidResource {
        /// The resource.
        resource: ResourceId,
        /// Its name.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// An assignment's fields are out of range, or it puts a resource on a summary task.
    #[error("assignment of {resource} to {task} ({name:?}): {message}")]
    InvalidAssignment {
        /// The task.
        task: TaskId,
        /// The task's name.
        name: String,
        /// The resource.
        resource: ResourceId,
        /// What is wrong.
        message: String,
    },
    /// A constraint planix does not support on this kind of task.
    #[error("{task} ({name:?}): {kind} constraint is not supported on a summary task")]
    SummaryConstraint {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The constraint kind.
        kind: ConstraintKind,
    },
    /// A task cannot become a summary while FF/SF links end on it.
    #[error(
        "{parent} ({name:?}) cannot become a summary task: it is the successor of an FF or SF link"
    )]
    CannotBecomeSummary {
        /// The would-be summary.
        parent: TaskId,
        /// Its name.
        name: String,
    },
    /// A calendar could not be used.
    #[error("{calendar}: {source}")]
    Calendar {
        /// The calendar.
        calendar: CalendarId,
        /// What is wrong with it.
        #[source]
        source: CalendarError,
    },
    /// A calendar still used by tasks or as project calendar cannot be removed.
    #[error("{calendar} is still in use")]
    CalendarInUse {
        /// The calendar.
        calendar: CalendarId,
    },
}
