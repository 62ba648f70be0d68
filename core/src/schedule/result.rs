use std::sync::Arc;

use chrono::NaiveDateTime;
use serde::{Serialize, Serializer};

use crate::calendar::Duration;
use crate::ids::{CalendarId, TaskId};
use crate::model::{ConstraintKind, LinkKind, Project, TaskKind};

/// A task name inside one buffer shared by a whole schedule (one allocation for all
/// names instead of one per task).
#[derive(Clone)]
pub(crate) struct SharedName {
    all: Arc<str>,
    from: usize,
    to: usize,
}

impl SharedName {
    /// The names at `spans` (byte ranges) of `buf`, sharing it.
    pub(crate) fn split(buf: String, spans: Vec<(usize, usize)>) -> Vec<SharedName> {
        let all: Arc<str> = Arc::from(buf);
        spans
            .into_iter()
            .map(|(from, to)| SharedName {
                all: Arc::clone(&all),
                from,
                to,
            })
            .collect()
    }

    /// A name in a buffer of its own.
    pub(crate) fn owned(name: String) -> SharedName {
        let to = name.len();
        SharedName {
            all: Arc::from(name),
            from: 0,
            to,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        self.all.get(self.from..self.to).unwrap_or("")
    }
}

impl PartialEq for SharedName {
    fn eq(&self, o: &Self) -> bool {
        self.as_str() == o.as_str()
    }
}

impl Eq for SharedName {}

impl std::fmt::Debug for SharedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// Why a task starts when it does: the binding bound of the forward pass.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Driver {
    /// Nothing else: the task starts at the project start.
    ProjectStart,
    /// A link from this predecessor.
    Predecessor {
        /// The driving predecessor (a summary when the link comes from one).
        task: TaskId,
        /// The link type.
        kind: LinkKind,
    },
    /// The task's own date constraint.
    Constraint {
        /// The constraint kind.
        kind: ConstraintKind,
    },
    /// A link into an enclosing summary task, inherited by this task.
    Summary {
        /// The summary task.
        task: TaskId,
    },
    /// The task is manually scheduled: it starts where the user put it.
    Manual,
    /// Resource leveling delayed the task (see the leveling report for the resource and
    /// the tasks that held it).
    Leveling,
    /// The bound fell in non-working time, and the calendar moved the start to the next working time.
    Calendar {
        /// The task's calendar.
        calendar: CalendarId,
        /// The bound that fell in non-working time.
        cause: Box<Driver>,
    },
}

/// Something a scheduler user should look at; the schedule is still computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Warning {
    /// A hard constraint won over the task's links, so a link is violated and float goes negative.
    ConstraintConflict {
        /// The constrained task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The constraint kind.
        constraint: ConstraintKind,
        /// The constraint date.
        date: NaiveDateTime,
        /// The start the links asked for.
        links_want_start: NaiveDateTime,
    },
    /// The task finishes after its deadline.
    MissedDeadline {
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The deadline.
        deadline: NaiveDateTime,
        /// The scheduled finish.
        finish: NaiveDateTime,
    },
    /// These tasks have negative total float: the plan cannot meet its constraints or deadlines.
    NegativeFloat {
        /// The tasks, in id order.
        tasks: Vec<TaskId>,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::ConstraintConflict {
                task,
                name,
                constraint,
                date,
                links_want_start,
            } => write!(
                f,
                "{task} ({name:?}): {constraint} {date} conflicts with its links, which want a start at {links_want_start}"
            ),
            Warning::MissedDeadline {
                task,
                name,
                deadline,
                finish,
            } => {
                write!(
                    f,
                    "{task} ({name:?}) finishes {finish}, after its deadline {deadline}"
                )
            }
            Warning::NegativeFloat { tasks } => {
                let list: Vec<String> = tasks.iter().map(|t| t.0.to_string()).collect();
                write!(f, "negative total float on tasks {}", list.join(", "))
            }
        }
    }
}

fn at(epoch: NaiveDateTime, minutes: i64) -> NaiveDateTime {
    // Every time stored was produced by calendar tables bounded to years 1..9999.
    epoch
        .checked_add_signed(chrono::TimeDelta::minutes(minutes))
        .unwrap_or(epoch)
}

/// The computed dates and floats of one task.
///
/// Early and late dates come from the forward and backward passes; `start`/`finish`
/// are the scheduled dates (late dates for ALAP tasks and when scheduling from the
/// project finish, early dates otherwise). Floats are working minutes on the task's
/// calendar; for a summary task they are the smallest of its children's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduledTask {
    pub(crate) id: TaskId,
    pub(crate) name: SharedName,
    pub(crate) kind: TaskKind,
    pub(crate) epoch: NaiveDateTime,
    pub(crate) es: i64,
    pub(crate) ef: i64,
    pub(crate) ls: i64,
    pub(crate) lf: i64,
    pub(crate) late: bool,
    pub(crate) duration: Duration,
    pub(crate) total_float: Duration,
    pub(crate) free_float: Duration,
    pub(crate) critical: bool,
    pub(crate) driver: Driver,
}

impl ScheduledTask {
    /// The task's id.
    pub fn id(&self) -> TaskId {
        self.id
    }
    /// The task's name.
    pub fn name(&self) -> &str {
        self.name.as_str()
    }
    /// Summary, task or milestone.
    pub fn kind(&self) -> TaskKind {
        self.kind
    }
    /// Working duration (for a summary: working time from its start to its finish on the project calendar).
    pub fn duration(&self) -> Duration {
        self.duration
    }
    /// Early start.
    pub fn early_start(&self) -> NaiveDateTime {
        at(self.epoch, self.es)
    }
    /// Early finish.
    pub fn early_finish(&self) -> NaiveDateTime {
        at(self.epoch, self.ef)
    }
    /// Late start.
    pub fn late_start(&self) -> NaiveDateTime {
        at(self.epoch, self.ls)
    }
    /// Late finish.
    pub fn late_finish(&self) -> NaiveDateTime {
        at(self.epoch, self.lf)
    }
    /// Scheduled start.
    pub fn start(&self) -> NaiveDateTime {
        if self.late {
            self.late_start()
        } else {
            self.early_start()
        }
    }
    /// Scheduled finish.
    pub fn finish(&self) -> NaiveDateTime {
        if self.late {
            self.late_finish()
        } else {
            self.early_finish()
        }
    }
    /// Total float: how far the task can slip without delaying the project (negative on conflicts).
    pub fn total_float(&self) -> Duration {
        self.total_float
    }
    /// Free float: how far the task can slip without delaying any successor.
    pub fn free_float(&self) -> Duration {
        self.free_float
    }
    /// `true` when total float ≤ 0.
    pub fn is_critical(&self) -> bool {
        self.critical
    }
    /// Why the task starts when it does.
    pub fn driver(&self) -> &Driver {
        &self.driver
    }
}

#[derive(Serialize)]
struct TaskView<'a> {
    id: TaskId,
    name: &'a str,
    kind: TaskKind,
    start: crate::iso::Iso,
    finish: crate::iso::Iso,
    early_start: crate::iso::Iso,
    early_finish: crate::iso::Iso,
    late_start: crate::iso::Iso,
    late_finish: crate::iso::Iso,
    duration: Duration,
    total_float: Duration,
    free_float: Duration,
    critical: bool,
    driver: &'a Driver,
}

impl Serialize for ScheduledTask {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        TaskView {
            id: self.id,
            name: self.name.as_str(),
            kind: self.kind,
            start: crate::iso::Iso(self.start()),
            finish: crate::iso::Iso(self.finish()),
            early_start: crate::iso::Iso(self.early_start()),
            early_finish: crate::iso::Iso(self.early_finish()),
            late_start: crate::iso::Iso(self.late_start()),
            late_finish: crate::iso::Iso(self.late_finish()),
            duration: self.duration,
            total_float: self.total_float,
            free_float: self.free_float,
            critical: self.critical,
            driver: &self.driver,
        }
        .serialize(s)
    }
}

/// The immutable result of [`cpm`](crate::schedule::cpm).
///
/// Serializes to the documented schedule JSON shape (`docs/format.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub(crate) revision: u64,
    pub(crate) epoch: NaiveDateTime,
    pub(crate) start: i64,
    pub(crate) finish: i64,
    pub(crate) tasks: Vec<ScheduledTask>,
    pub(crate) critical_paths: Vec<Vec<TaskId>>,
    pub(crate) warnings: Vec<Warning>,
}

impl Schedule {
    /// The project start: the earliest early start (or the anchor when scheduling forward).
    pub fn start(&self) -> NaiveDateTime {
        at(self.epoch, self.start)
    }
    /// The project finish: the latest early finish (or the anchor when scheduling from the finish).
    pub fn finish(&self) -> NaiveDateTime {
        at(self.epoch, self.finish)
    }
    /// Every task's result, in id order.
    pub fn tasks(&self) -> &[ScheduledTask] {
        &self.tasks
    }
    /// One task's result.
    pub fn task(&self, id: TaskId) -> Option<&ScheduledTask> {
        self.tasks
            .binary_search_by_key(&id, |t| t.id)
            .ok()
            .map(|i| &self.tasks[i])
    }
    /// Why a task starts when it does (see [`Driver`]).
    pub fn driver(&self, id: TaskId) -> Option<&Driver> {
        self.task(id).map(|t| &t.driver)
    }
    /// The first critical path: a chain of critical tasks, each driven by the one before.
    /// Empty when nothing is critical.
    pub fn critical_path(&self) -> &[TaskId] {
        self.critical_paths.first().map_or(&[], |p| p.as_slice())
    }
    /// Every critical path (up to [`CpmOptions::max_critical_paths`](crate::schedule::CpmOptions)), ordered by their first task ids.
    pub fn critical_paths(&self) -> &[Vec<TaskId>] {
        &self.critical_paths
    }
    /// Warnings: constraint conflicts, missed deadlines, negative float.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
    /// The project revision this schedule was computed from.
    pub fn revision(&self) -> u64 {
        self.revision
    }
    /// `true` when the project has not been edited since this schedule was computed.
    pub fn is_current_for(&self, project: &Project) -> bool {
        project.revision() == self.revision
    }
}

#[derive(Serialize)]
struct ScheduleView<'a> {
    start: NaiveDateTime,
    finish: NaiveDateTime,
    critical_path: &'a [TaskId],
    critical_paths: &'a [Vec<TaskId>],
    warnings: &'a [Warning],
    tasks: &'a [ScheduledTask],
}

impl Serialize for Schedule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ScheduleView {
            start: self.start(),
            finish: self.finish(),
            critical_path: self.critical_path(),
            critical_paths: &self.critical_paths,
            warnings: &self.warnings,
            tasks: &self.tasks,
        }
        .serialize(s)
    }
}

/// The owned form of the task JSON shape, read back by [`ScheduledTask`]'s `Deserialize`.
#[derive(serde::Deserialize)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(rename = "ScheduledTask")
)]
#[serde(deny_unknown_fields)]
struct TaskDoc {
    id: TaskId,
    name: String,
    kind: TaskKind,
    start: NaiveDateTime,
    finish: NaiveDateTime,
    early_start: NaiveDateTime,
    early_finish: NaiveDateTime,
    late_start: NaiveDateTime,
    late_finish: NaiveDateTime,
    duration: Duration,
    total_float: Duration,
    free_float: Duration,
    critical: bool,
    driver: Driver,
}

fn minutes_from(epoch: NaiveDateTime, t: NaiveDateTime) -> i64 {
    (t - epoch).num_minutes()
}

impl<'de> serde::Deserialize<'de> for ScheduledTask {
    /// Reads the documented task shape back (for pickling and caches); the scheduled
    /// dates tell whether the task sits at its late dates.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = TaskDoc::deserialize(d)?;
        let epoch = t.early_start;
        let late = t.start != t.early_start || t.finish != t.early_finish;
        Ok(ScheduledTask {
            id: t.id,
            name: SharedName::owned(t.name),
            kind: t.kind,
            epoch,
            es: 0,
            ef: minutes_from(epoch, t.early_finish),
            ls: minutes_from(epoch, t.late_start),
            lf: minutes_from(epoch, t.late_finish),
            late,
            duration: t.duration,
            total_float: t.total_float,
            free_float: t.free_float,
            critical: t.critical,
            driver: t.driver,
        })
    }
}

/// The owned form of the schedule JSON shape.
#[derive(serde::Deserialize)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(rename = "ScheduleDocument")
)]
#[serde(deny_unknown_fields)]
struct ScheduleDoc {
    start: NaiveDateTime,
    finish: NaiveDateTime,
    #[allow(dead_code)]
    critical_path: Vec<TaskId>,
    critical_paths: Vec<Vec<TaskId>>,
    warnings: Vec<Warning>,
    tasks: Vec<ScheduledTask>,
}

impl<'de> serde::Deserialize<'de> for Schedule {
    /// Reads the documented schedule JSON back (revision 0: a read schedule is not
    /// current for any project until compared by its dates).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = ScheduleDoc::deserialize(d)?;
        let epoch = s.start;
        let mut tasks = s.tasks;
        tasks.sort_by_key(|t| t.id);
        Ok(Schedule {
            revision: 0,
            epoch,
            start: 0,
            finish: minutes_from(epoch, s.finish),
            tasks,
            critical_paths: s.critical_paths,
            warnings: s.warnings,
        })
    }
}

impl Schedule {
    /// The same schedule marked as computed from project revision `revision` (used when
    /// a schedule read back from JSON belongs to a known project state, as in pickling).
    pub fn with_revision(mut self, revision: u64) -> Self {
        self.revision = revision;
        self
    }
}
