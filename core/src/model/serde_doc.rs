//! The serialized shape of a [`Project`]: native planix JSON, version 1.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Assignment, Dependency, ModelError, Project, Resource, ScheduleFrom, Task};
use crate::calendar::Calendar;
use crate::ids::{CalendarId, TaskId};

/// The value of the `"format"` field of native documents.
pub(crate) const FORMAT: &str = "planix";
/// The current version of the native format.
pub(crate) const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NextIds {
    pub(crate) task: u32,
    pub(crate) calendar: u32,
    #[serde(default, skip_serializing_if = "is_one")]
    pub(crate) resource: u32,
}

fn is_one(v: &u32) -> bool {
    *v <= 1
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProjectDoc {
    pub(crate) format: String,
    pub(crate) version: u32,
    pub(crate) name: String,
    pub(crate) schedule_from: ScheduleFrom,
    pub(crate) calendar: CalendarId,
    pub(crate) calendars: BTreeMap<CalendarId, Calendar>,
    #[serde(default)]
    pub(crate) tasks: Vec<Task>,
    #[serde(default)]
    pub(crate) dependencies: Vec<Dependency>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) resources: Vec<Resource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) assignments: Vec<Assignment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) next_ids: Option<NextIds>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) status_date: Option<chrono::NaiveDateTime>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) baselines: BTreeMap<u8, super::Baseline>,
}

impl From<&Project> for ProjectDoc {
    fn from(p: &Project) -> Self {
        ProjectDoc {
            format: FORMAT.into(),
            version: VERSION,
            name: p.name.clone(),
            schedule_from: p.from,
            calendar: p.calendar,
            calendars: p.calendars.clone(),
            tasks: p.tasks.values().cloned().collect(),
            dependencies: p.links.values().copied().collect(),
            resources: p.resources.values().cloned().collect(),
            assignments: p.assignments.values().copied().collect(),
            next_ids: Some(NextIds {
                task: p.next_task,
                calendar: p.next_calendar,
                resource: p.next_resource,
            }),
            status_date: p.status_date,
            baselines: p.baselines.clone(),
        }
    }
}

impl ProjectDoc {
    /// Builds and validates the project (the envelope is checked by the caller).
    pub(crate) fn into_project(self) -> Result<Project, ModelError> {
        let mut p = Project::new(self.name, chrono::NaiveDateTime::MIN);
        p.from = self.schedule_from;
        p.calendars = BTreeMap::new();
        p.calendars.extend(self.calendars);
        p.calendar = self.calendar;
        for t in self.tasks {
            let id = t.id;
            if let Some(parent) = t.parent {
                p.children.entry(parent).or_default().insert(id);
            }
            if p.tasks.insert(id, t).is_some() {
                return Err(ModelError::DuplicateTask(id));
            }
        }
        for d in self.dependencies {
            let key = (d.predecessor, d.successor);
            if p.links.insert(key, d).is_some() {
                return Err(ModelError::DuplicateLink {
                    predecessor: key.0,
                    successor: key.1,
                });
            }
        }
        for r in self.resources {
            if p.resources.insert(r.id, r.clone()).is_some() {
                return Err(ModelError::InvalidResource {
                    resource: r.id,
                    name: r.name,
                    message: "duplicate resource id".into(),
                });
            }
        }
        for a in self.assignments {
            if p.assignments.insert((a.task, a.resource), a).is_some() {
                return Err(ModelError::InvalidAssignment {
                    task: a.task,
                    name: String::new(),
                    resource: a.resource,
                    message: "assigned twice".into(),
                });
            }
        }
        p.validate()?;
        let baselines = self.baselines;
        for (n, b) in baselines {
            p.set_baseline(n, b)?;
        }
        p.set_status_date(self.status_date)?;
        let max_task = p.tasks.keys().next_back().map_or(0, |t: &TaskId| t.0);
        let max_cal = p
            .calendars
            .keys()
            .next_back()
            .map_or(0, |c: &CalendarId| c.0);
        let max_res = p.resources.keys().next_back().map_or(0, |r| r.0);
        let next = self.next_ids.unwrap_or(NextIds {
            task: 0,
            calendar: 0,
            resource: 0,
        });
        p.next_resource = next.resource.max(max_res.saturating_add(1));
        p.next_task = next.task.max(max_task.saturating_add(1));
        p.next_calendar = next.calendar.max(max_cal.saturating_add(1));
        p.revision = 0;
        Ok(p)
    }
}

/// Why a document could not become a project through plain serde.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DocError {
    #[error("not a planix document: format is {0:?}")]
    Format(String),
    #[error("unsupported planix format version {0} (this build reads versions 1 to {VERSION})")]
    Version(u32),
    #[error(transparent)]
    Model(#[from] ModelError),
}

impl TryFrom<ProjectDoc> for Project {
    type Error = DocError;

    fn try_from(doc: ProjectDoc) -> Result<Self, DocError> {
        if doc.format != FORMAT {
            return Err(DocError::Format(doc.format));
        }
        if doc.version == 0 || doc.version > VERSION {
            return Err(DocError::Version(doc.version));
        }
        Ok(doc.into_project()?)
    }
}

impl Serialize for Project {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ProjectDoc::from(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Project {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let doc = ProjectDoc::deserialize(d)?;
        Project::try_from(doc).map_err(serde::de::Error::custom)
    }
}
