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

#[derive(Clone, Copy, Serialize, Deserialize)]
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

/// A document as read: tasks and links go straight into the project's maps while the
/// text is parsed (no intermediate list of every task), so loading needs about one copy
/// of the model.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProjectDoc {
    #[allow(dead_code)]
    pub(crate) format: String,
    #[allow(dead_code)]
    pub(crate) version: u32,
    pub(crate) name: String,
    pub(crate) schedule_from: ScheduleFrom,
    pub(crate) calendar: CalendarId,
    pub(crate) calendars: BTreeMap<CalendarId, Calendar>,
    #[serde(default)]
    pub(crate) tasks: TaskList,
    #[serde(default)]
    pub(crate) dependencies: LinkList,
    #[serde(default)]
    pub(crate) resources: Vec<Resource>,
    #[serde(default)]
    pub(crate) assignments: Vec<Assignment>,
    #[serde(default)]
    pub(crate) next_ids: Option<NextIds>,
    #[serde(default)]
    pub(crate) status_date: Option<chrono::NaiveDateTime>,
    #[serde(default)]
    pub(crate) baselines: BTreeMap<u8, super::Baseline>,
    #[serde(default)]
    pub(crate) mspdi: super::Foreign,
}

/// A document as written, borrowing the project (nothing is copied to write it).
#[derive(Serialize)]
pub(crate) struct ProjectDocRef<'a> {
    format: &'static str,
    version: u32,
    name: &'a str,
    schedule_from: ScheduleFrom,
    calendar: CalendarId,
    calendars: &'a BTreeMap<CalendarId, Calendar>,
    tasks: Values<'a, TaskId, Task>,
    dependencies: Values<'a, (TaskId, TaskId), Dependency>,
    #[serde(skip_serializing_if = "Values::is_empty")]
    resources: Values<'a, crate::ids::ResourceId, Resource>,
    #[serde(skip_serializing_if = "Values::is_empty")]
    assignments: Values<'a, (TaskId, crate::ids::ResourceId), Assignment>,
    next_ids: NextIds,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_date: Option<chrono::NaiveDateTime>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    baselines: &'a BTreeMap<u8, super::Baseline>,
    #[serde(skip_serializing_if = "super::Foreign::is_empty")]
    mspdi: &'a super::Foreign,
}

/// A map's values written as a JSON list, in key order.
enum Values<'a, K, V> {
    Tree(&'a BTreeMap<K, V>),
    Sorted(&'a super::store::SortedMap<K, V>),
}

impl<K: Ord + Copy, V> Values<'_, K, V> {
    fn is_empty(&self) -> bool {
        match self {
            Values::Tree(m) => m.is_empty(),
            Values::Sorted(m) => m.is_empty(),
        }
    }
}

impl<K: Ord + Copy, V: Serialize> Serialize for Values<'_, K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Values::Tree(m) => s.collect_seq(m.values()),
            Values::Sorted(m) => s.collect_seq(m.values()),
        }
    }
}

static NO_TASKS: super::store::SortedMap<TaskId, Task> = super::store::SortedMap::EMPTY;
static NO_LINKS: super::store::SortedMap<(TaskId, TaskId), Dependency> =
    super::store::SortedMap::EMPTY;
static NO_CALENDARS: BTreeMap<CalendarId, Calendar> = BTreeMap::new();

impl<'a> ProjectDocRef<'a> {
    /// The document with its calendars, tasks, links, resources and assignments left
    /// out: the project's own fields (for `history`'s field-level comparison).
    pub(crate) fn shell(p: &'a Project) -> Self {
        let mut d = ProjectDocRef::from(p);
        d.calendars = &NO_CALENDARS;
        d.tasks = Values::Sorted(&NO_TASKS);
        d.dependencies = Values::Sorted(&NO_LINKS);
        d.resources = Values::Sorted(&NO_RES);
        d.assignments = Values::Sorted(&NO_ASSIGN);
        d
    }
}

static NO_RES: super::store::SortedMap<crate::ids::ResourceId, Resource> =
    super::store::SortedMap::EMPTY;
static NO_ASSIGN: super::store::SortedMap<(TaskId, crate::ids::ResourceId), Assignment> =
    super::store::SortedMap::EMPTY;

impl<'a> From<&'a Project> for ProjectDocRef<'a> {
    fn from(p: &'a Project) -> Self {
        ProjectDocRef {
            format: FORMAT,
            version: VERSION,
            name: &p.name,
            schedule_from: p.from,
            calendar: p.calendar,
            calendars: &p.calendars,
            tasks: Values::Sorted(&p.tasks),
            dependencies: Values::Sorted(&p.links),
            resources: Values::Tree(&p.resources),
            assignments: Values::Tree(&p.assignments),
            next_ids: NextIds {
                task: p.next_task,
                calendar: p.next_calendar,
                resource: p.next_resource,
            },
            status_date: p.status_date,
            baselines: &p.baselines,
            mspdi: &p.foreign,
        }
    }
}

/// The task list of a document, read into the id-ordered map as it is parsed. The first
/// model problem (a task without an id, a repeated id) is kept and reported after the
/// whole text has parsed, so JSON shape errors still come first.
#[derive(Default)]
pub(crate) struct TaskList {
    map: super::store::SortedMap<TaskId, Task>,
    problem: Option<ModelError>,
}

impl<'de> Deserialize<'de> for TaskList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = TaskList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of tasks")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<TaskList, A::Error> {
                let mut out = TaskList::default();
                let mut position = 0usize;
                while let Some(t) = seq.next_element::<Task>()? {
                    position += 1;
                    if out.problem.is_some() {
                        continue;
                    }
                    let id = t.id;
                    if out.map.len() >= super::MAX_TASKS {
                        out.problem = Some(ModelError::TooManyTasks {
                            limit: super::MAX_TASKS,
                        });
                    } else if id.0 == 0 {
                        out.problem = Some(ModelError::MissingTaskId {
                            position,
                            name: t.name,
                        });
                    } else if out.map.insert(id, t).is_some() {
                        out.problem = Some(ModelError::DuplicateTask(id));
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V)
    }
}

/// The link list of a document, read into the (predecessor, successor) map as it is parsed.
#[derive(Default)]
pub(crate) struct LinkList {
    map: super::store::SortedMap<(TaskId, TaskId), Dependency>,
    problem: Option<ModelError>,
}

impl<'de> Deserialize<'de> for LinkList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = LinkList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of dependencies")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<LinkList, A::Error> {
                let mut out = LinkList::default();
                while let Some(d) = seq.next_element::<Dependency>()? {
                    let key = (d.predecessor, d.successor);
                    if out.problem.is_none() && out.map.insert(key, d).is_some() {
                        out.problem = Some(ModelError::DuplicateLink {
                            predecessor: key.0,
                            successor: key.1,
                        });
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V)
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
        if let Some(e) = self.tasks.problem.or(self.dependencies.problem) {
            return Err(e);
        }
        p.tasks = self.tasks.map;
        for t in p.tasks.values() {
            if let Some(parent) = t.parent {
                p.children.entry(parent).or_default().insert(t.id);
            }
        }
        p.links = self.dependencies.map;
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
        *p.foreign = self.mspdi;
        let max_task = p.tasks.last_key().map_or(0, |t: &TaskId| t.0);
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
        ProjectDocRef::from(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Project {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let doc = ProjectDoc::deserialize(d)?;
        Project::try_from(doc).map_err(serde::de::Error::custom)
    }
}
