//! Errors of the client model.

use crate::ids::TaskId;

/// Errors of the client model. A failed call changes nothing.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// No item of this kind has this id.
    #[error("unknown {kind} {id:?}")]
    Unknown {
        /// What was looked for ("stakeholder", "requirement", …).
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// Two items of a kind share an id.
    #[error("duplicate {kind} id {id:?}")]
    Duplicate {
        /// The kind.
        kind: &'static str,
        /// The id.
        id: String,
    },
    /// An item names a task the project does not have.
    #[error("{kind} {id:?} names unknown task {task}")]
    UnknownTask {
        /// The kind of item.
        kind: &'static str,
        /// Its id.
        id: String,
        /// The task.
        task: TaskId,
    },
    /// A value is out of range or inconsistent.
    #[error("{kind} {id:?}: {message}")]
    Invalid {
        /// The kind of item.
        kind: &'static str,
        /// Its id.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// The deliverable already has an accepted sign-off.
    #[error("deliverable {0:?} is already accepted")]
    AlreadyAccepted(String),
    /// A change request is not in the state the call needs.
    #[error("change request {id:?} is {status}; {action} needs it {needed}")]
    ChangeState {
        /// The change request.
        id: String,
        /// Its status.
        status: &'static str,
        /// What was attempted.
        action: &'static str,
        /// The state(s) required.
        needed: &'static str,
    },
    /// An issue is not in the state the call needs.
    #[error("issue {id:?} is {status}; {action} needs it {needed}")]
    IssueState {
        /// The issue.
        id: String,
        /// Its status.
        status: &'static str,
        /// What was attempted.
        action: &'static str,
        /// The state required.
        needed: &'static str,
    },
    /// The project changed since the change request was analysed.
    #[error(
        "change request {id:?} was analysed on another version of the project; analyse it again"
    )]
    StaleRevision {
        /// The change request.
        id: String,
    },
    /// Applying a change to the project failed (the project is unchanged).
    #[error("change request {id:?}: {source}")]
    Apply {
        /// The change request.
        id: String,
        /// The model or schedule error.
        source: Box<crate::Error>,
    },
    /// A CSV text (the issue log) could not be read.
    #[error("issue CSV row {row}{}: {message}", if column.is_empty() { String::new() } else { format!(", column {column:?}") })]
    Csv {
        /// Data row, 1-based (0: the header or the whole file).
        row: usize,
        /// Column name (empty when the row itself is malformed).
        column: String,
        /// What is wrong.
        message: String,
    },
    /// An engagement document could not be read.
    #[error("engagement JSON: {0}")]
    Json(String),
}
