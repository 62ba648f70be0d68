//! Data a foreign project file carried that planix does not model, kept verbatim so
//! that writing the file back loses nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{CalendarId, ResourceId, TaskId};

/// The elements of an MS Project XML (MSPDI) file that planix does not model (views,
/// custom field definitions and values, extended attributes, GUIDs, hyperlinks, …), as
/// the XML text they had, keyed by the item they belonged to. [`crate::io::mspdi`] fills
/// it when reading and writes it back when writing; editing the project in planix keeps
/// it (an item's data is dropped with the item).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct Foreign {
    /// Children of `<Project>` itself.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub project: String,
    /// Children of each `<Calendar>`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub calendars: BTreeMap<CalendarId, String>,
    /// Children of each `<Task>`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tasks: BTreeMap<TaskId, String>,
    /// Children of each `<Resource>`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub resources: BTreeMap<ResourceId, String>,
    /// Children of each `<Assignment>`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assignments: Vec<ForeignAssignment>,
}

/// The unmodelled XML of one assignment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ForeignAssignment {
    /// The task.
    pub task: TaskId,
    /// The resource.
    pub resource: ResourceId,
    /// The XML text.
    pub xml: String,
}

impl Foreign {
    /// Nothing kept.
    pub fn is_empty(&self) -> bool {
        *self == Foreign::default()
    }
}
