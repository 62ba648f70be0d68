//! Work items (Asana's model): the unit a board, a backlog and a sprint hold.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::ids::TaskId;

/// What a work item is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum ItemKind {
    /// A large body of work split into stories.
    Epic,
    /// A user story (the default).
    #[default]
    Story,
    /// A piece of technical work.
    Task,
    /// A defect.
    Bug,
    /// A step of a story or task.
    Subtask,
}

crate::names::named!(ItemKind {
    Epic = "epic",
    Story = "story",
    Task = "task",
    Bug = "bug",
    Subtask = "subtask",
});

/// How urgent an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum Priority {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Urgent (the expedite class).
    Urgent,
}

crate::names::named!(Priority {
    Low = "low",
    Medium = "medium",
    High = "high",
    Urgent = "urgent",
});

/// What an item traces to in the plan and the engagement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ItemLinks {
    /// Requirement ids of the engagement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// Deliverable ids of the engagement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<String>,
    /// Risk ids of the register.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<String>,
    /// Schedule tasks of the project.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskId>,
}

impl ItemLinks {
    fn is_empty(&self) -> bool {
        *self == ItemLinks::default()
    }
}

/// A comment in an item's thread. Comments are append-only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Comment {
    /// Its number in the thread (1, 2, …).
    pub number: u32,
    /// When it was written.
    pub at: NaiveDateTime,
    /// Who wrote it.
    pub by: String,
    /// The text.
    pub text: String,
    /// The `@name` mentions found in the text, in order of appearance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<String>,
    /// The comment it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<u32>,
}

/// What an activity record says happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum ActivityKind {
    /// The item was created.
    Created,
    /// A field changed (`field`, `from`, `to`).
    Edited,
    /// The card moved (`from` and `to` are columns; absent is the backlog).
    Moved,
    /// A comment was added (`to` is its number).
    Commented,
    /// The item joined a sprint (`to`).
    AddedToSprint,
    /// The item left a sprint (`from`).
    RemovedFromSprint,
}

crate::names::named!(ActivityKind {
    Created = "created",
    Edited = "edited",
    Moved = "moved",
    Commented = "commented",
    AddedToSprint = "added_to_sprint",
    RemovedFromSprint = "removed_from_sprint",
});

/// One entry of an item's activity history (who, when, what changed). Append-only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Activity {
    /// When.
    pub at: NaiveDateTime,
    /// Who.
    pub by: String,
    /// What happened.
    pub kind: ActivityKind,
    /// The field edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "unknown"))]
    pub from: Option<serde_json::Value>,
    /// The value after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "unknown"))]
    pub to: Option<serde_json::Value>,
}

/// Where a card sits on the board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Card {
    /// The column id.
    pub column: String,
    /// The swimlane id (none: the board has no lanes, or the default lane).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<String>,
    /// Order inside the column (smaller first).
    pub rank: u64,
    /// In a split column, `true` when the card is in its Done sub-column (ready to pull).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ready: bool,
}

/// A work item: title, description, assignees, due date, tags, priority, estimate,
/// parent, links, its comment thread and its activity history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct WorkItem {
    /// Unique id ("PX-12").
    pub id: String,
    /// Title.
    pub title: String,
    /// Longer description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Epic, story, task, bug or subtask.
    #[serde(default)]
    pub kind: ItemKind,
    /// The parent item (epic → story → subtask).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Resource or stakeholder names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignees: Vec<String>,
    /// Due day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// Estimate in the board's unit (story points or hours); ≥ 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<f64>,
    /// Traceability.
    #[serde(default, skip_serializing_if = "ItemLinks::is_empty")]
    pub links: ItemLinks,
    /// When it was created (the start of its lead time).
    pub created: NaiveDateTime,
    /// Where it is on the board (none: in the backlog).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
    /// The comment thread.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// The activity history, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Activity>,
}

/// A new work item, as [`Board::add_item`](super::Board::add_item) takes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ItemSpec {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Kind (default story).
    pub kind: ItemKind,
    /// Parent item.
    pub parent: Option<String>,
    /// Assignees.
    pub assignees: Vec<String>,
    /// Due day.
    pub due: Option<NaiveDate>,
    /// Tags.
    pub tags: Vec<String>,
    /// Priority.
    pub priority: Option<Priority>,
    /// Estimate (≥ 0).
    pub estimate: Option<f64>,
    /// Links.
    pub links: ItemLinks,
}

impl ItemSpec {
    /// An item with an id and a title.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        ItemSpec {
            id: id.into(),
            title: title.into(),
            ..ItemSpec::default()
        }
    }

    /// With an estimate.
    pub fn with_estimate(mut self, estimate: f64) -> Self {
        self.estimate = Some(estimate);
        self
    }

    /// With a kind.
    pub fn with_kind(mut self, kind: ItemKind) -> Self {
        self.kind = kind;
        self
    }

    /// With a parent.
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(parent.into());
        self
    }

    /// With assignees.
    pub fn with_assignees<S: Into<String>>(mut self, who: impl IntoIterator<Item = S>) -> Self {
        self.assignees = who.into_iter().map(Into::into).collect();
        self
    }
}

/// Changes to an item's fields; a field left out is unchanged. `parent`, `due`,
/// `priority` and `estimate` take `null` to clear.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ItemEdit {
    /// New title.
    pub title: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New kind.
    pub kind: Option<ItemKind>,
    /// New parent (`Some(None)` clears).
    #[serde(deserialize_with = "double")]
    pub parent: Option<Option<String>>,
    /// New assignees.
    pub assignees: Option<Vec<String>>,
    /// New due day (`Some(None)` clears).
    #[serde(deserialize_with = "double")]
    pub due: Option<Option<NaiveDate>>,
    /// New tags.
    pub tags: Option<Vec<String>>,
    /// New priority (`Some(None)` clears).
    #[serde(deserialize_with = "double")]
    pub priority: Option<Option<Priority>>,
    /// New estimate (`Some(None)` clears).
    #[serde(deserialize_with = "double")]
    pub estimate: Option<Option<f64>>,
    /// New links.
    pub links: Option<ItemLinks>,
}

/// A present `null` is `Some(None)`; an absent field stays `None` (serde default).
fn double<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// The `@name` mentions of a comment: `@` at the start or after a non-word character,
/// then letters, digits, `_`, `-` or `.` (a trailing `.` is punctuation).
pub(crate) fn mentions(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c == '@' && !prev.is_some_and(|p| p.is_alphanumeric() || p == '_') {
            let rest = &text[i + 1..];
            let end = rest
                .char_indices()
                .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '_' || ch == '-' || ch == '.'))
                .map_or(rest.len(), |(j, _)| j);
            let name = rest[..end].trim_end_matches('.');
            if !name.is_empty() && !out.iter().any(|m: &String| m == name) {
                out.push(name.to_string());
            }
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn mentions_are_found_once_in_order() {
        assert_eq!(
            super::mentions("@dana please check with @lee.k. Cc @dana; mail a@b.c"),
            ["dana", "lee.k"]
        );
    }
}
