//! Errors of the agile model.

/// Which WIP limit a move met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum LimitScope {
    /// A board column's limit.
    Column,
    /// A swimlane's limit.
    Lane,
    /// A person's limit (cards in progress assigned to them).
    Assignee,
}

crate::names::named!(LimitScope {
    Column = "column",
    Lane = "lane",
    Assignee = "assignee",
});

impl std::fmt::Display for LimitScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an agile call failed. A failed call changes nothing.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AgileError {
    /// No item of this kind has this id.
    #[error("unknown {kind} {id:?}")]
    Unknown {
        /// What was looked for ("item", "column", "lane", "sprint").
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// An id is used twice, or is empty.
    #[error("{kind} id {id:?} is already used (ids are non-empty and unique)")]
    Duplicate {
        /// The kind of item.
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// A number is negative, not finite or out of its range.
    #[error("{kind} {id:?}: {field} {value} is out of range ({range})")]
    OutOfRange {
        /// The kind of item.
        kind: &'static str,
        /// Its id.
        id: String,
        /// The field.
        field: &'static str,
        /// The value given.
        value: f64,
        /// The allowed range, for people.
        range: &'static str,
    },
    /// A hard WIP limit would be exceeded by the move.
    #[error(
        "moving {item:?} into {scope} {name:?} would exceed its WIP limit of {limit} (held by {})",
        .holders.join(", ")
    )]
    WipLimit {
        /// The card moved.
        item: String,
        /// The limit's kind.
        scope: LimitScope,
        /// The column, lane or person.
        name: String,
        /// The limit.
        limit: u32,
        /// The cards that hold it now.
        holders: Vec<String>,
    },
    /// Two sprints of one team overlap.
    #[error("sprint {sprint:?} ({start}..{end}) overlaps sprint {other:?} of team {team:?}")]
    SprintOverlap {
        /// The new sprint.
        sprint: String,
        /// The existing one.
        other: String,
        /// The team.
        team: String,
        /// The new sprint's first day.
        start: chrono::NaiveDate,
        /// Its last day.
        end: chrono::NaiveDate,
    },
    /// A sprint ends before it starts.
    #[error("sprint {sprint:?} ends ({end}) before it starts ({start})")]
    SprintDates {
        /// The sprint.
        sprint: String,
        /// First day.
        start: chrono::NaiveDate,
        /// Last day.
        end: chrono::NaiveDate,
    },
    /// A sprint is not in the state the call needs.
    #[error("sprint {sprint:?} is {state}; {action} needs it {needed}")]
    SprintState {
        /// The sprint.
        sprint: String,
        /// Its state.
        state: &'static str,
        /// What was attempted.
        action: &'static str,
        /// The state required.
        needed: &'static str,
    },
    /// An item is already in the scope of another open sprint (or of this one).
    #[error("item {item:?} is already in sprint {sprint:?}")]
    InSprint {
        /// The item.
        item: String,
        /// The sprint holding it.
        sprint: String,
    },
    /// An item is not in a sprint's scope.
    #[error("item {item:?} is not in sprint {sprint:?}")]
    NotInSprint {
        /// The item.
        item: String,
        /// The sprint.
        sprint: String,
    },
    /// A backlog was bound to a summary task (its duration comes from its children).
    #[error("task {task} ({name:?}) is a summary task: bind the backlog to one of its leaves")]
    SummaryTask {
        /// The task.
        task: String,
        /// Its name.
        name: String,
    },
    /// A parent chain loops (an item would be its own ancestor).
    #[error("item {item:?} cannot have parent {parent:?}: the parent chain would loop")]
    ParentLoop {
        /// The item.
        item: String,
        /// The parent asked for.
        parent: String,
    },
    /// A recorded time is earlier than the last one recorded: the history is
    /// append-only and in time order.
    #[error("{what} at {at} is earlier than the last recorded event ({last})")]
    BackDated {
        /// What was recorded ("move", "comment", "edit", …).
        what: &'static str,
        /// Its time.
        at: chrono::NaiveDateTime,
        /// The last recorded time.
        last: chrono::NaiveDateTime,
    },
    /// A forecast has no history to sample (no periods, or none with completed work).
    #[error("forecast: the throughput history of team {team:?} {problem}")]
    History {
        /// The team (its position when unnamed).
        team: String,
        /// What is wrong ("is empty", "has no completed work", "has a negative or non-finite value").
        problem: &'static str,
    },
    /// A forecast would need more periods than [`MAX_PERIODS`](super::MAX_PERIODS).
    #[error("forecast: {work} items need more than {limit} periods at this throughput")]
    Horizon {
        /// The work forecast.
        work: f64,
        /// The limit.
        limit: u32,
    },
    /// The calendar has no working day (or the date arithmetic left years 1–9999).
    #[error("forecast: {0}")]
    Calendar(#[from] crate::calendar::CalendarError),
    /// A board document that cannot be read.
    #[error("board document: {0}")]
    Document(String),
}
