use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Assignment, Resource};
use super::{
    Constraint, ConstraintKind, Dependency, Lag, LinkKind, MAX_MINUTES, MAX_PERCENT_LAG,
    ModelError, Task, TaskKind,
};
use crate::calendar::{Calendar, CalendarError, Duration};
use crate::ids::{CalendarId, ResourceId, TaskId};

/// Whether the project is scheduled forward from its start or backward from its finish.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ScheduleFrom {
    /// Forward from the project start date (the usual case).
    Start(NaiveDateTime),
    /// Backward from the project finish date: every task is placed as late as possible.
    Finish(NaiveDateTime),
}

/// An editable project: WBS tasks, dependencies, calendars and scheduling anchor.
///
/// Ids are allocated monotonically and never reused. Every mutator validates first,
/// so a failed call leaves the project unchanged, and bumps [`Project::revision`].
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::{Dependency, Duration, Project, Task};
/// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let mut p = Project::new("Website", start);
/// let design = p.add_task(Task::new("Design").with_duration(Duration::hours(16)))?;
/// let build = p.add_task(Task::new("Build").with_duration(Duration::hours(24)))?;
/// p.add_dependency(Dependency::new(design, build))?;
/// assert_eq!(p.tasks().count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Project {
    pub(crate) name: String,
    pub(crate) from: ScheduleFrom,
    pub(crate) calendar: CalendarId,
    pub(crate) calendars: BTreeMap<CalendarId, Calendar>,
    pub(crate) tasks: super::store::SortedMap<TaskId, Task>,
    pub(crate) links: super::store::SortedMap<(TaskId, TaskId), Dependency>,
    pub(crate) children: BTreeMap<TaskId, BTreeSet<TaskId>>,
    pub(crate) resources: BTreeMap<ResourceId, Resource>,
    pub(crate) assignments: BTreeMap<(TaskId, ResourceId), Assignment>,
    pub(crate) next_resource: u32,
    pub(crate) next_task: u32,
    pub(crate) next_calendar: u32,
    pub(crate) status_date: Option<NaiveDateTime>,
    pub(crate) baselines: BTreeMap<u8, super::Baseline>,
    pub(crate) foreign: Box<super::Foreign>,
    pub(crate) revision: u64,
}

/// Equality compares the model only; the edit counter [`Project::revision`] is not part of it.
impl PartialEq for Project {
    fn eq(&self, o: &Self) -> bool {
        self.name == o.name
            && self.from == o.from
            && self.calendar == o.calendar
            && self.calendars == o.calendars
            && self.tasks == o.tasks
            && self.links == o.links
            && self.resources == o.resources
            && self.assignments == o.assignments
            && self.next_resource == o.next_resource
            && self.next_task == o.next_task
            && self.next_calendar == o.next_calendar
            && self.status_date == o.status_date
            && self.baselines == o.baselines
            && self.foreign == o.foreign
    }
}

impl Project {
    /// A new project scheduled forward from `start`, with MS Project's standard
    /// calendar as project calendar (id 1).
    pub fn new(name: impl Into<String>, start: NaiveDateTime) -> Self {
        let mut calendars = BTreeMap::new();
        calendars.insert(CalendarId(1), Calendar::standard());
        Project {
            name: name.into(),
            from: ScheduleFrom::Start(start),
            calendar: CalendarId(1),
            calendars,
            tasks: Default::default(),
            links: Default::default(),
            children: BTreeMap::new(),
            resources: BTreeMap::new(),
            assignments: BTreeMap::new(),
            next_resource: 1,
            next_task: 1,
            next_calendar: 2,
            status_date: None,
            baselines: BTreeMap::new(),
            foreign: Box::default(),
            revision: 0,
        }
    }

    /// What a foreign file carried that planix does not model (see [`Foreign`](super::Foreign)).
    pub fn foreign(&self) -> &super::Foreign {
        &self.foreign
    }

    /// Replaces the foreign data kept with the project.
    pub fn set_foreign(&mut self, foreign: super::Foreign) {
        *self.foreign = foreign;
        self.revision += 1;
    }

    /// The project's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Renames the project.
    pub fn set_name(&mut self, name: impl Into<String>) {
        self.name = name.into();
        self.revision += 1;
    }

    /// The scheduling anchor (start or finish date).
    pub fn schedule_from(&self) -> ScheduleFrom {
        self.from
    }

    /// Sets the scheduling anchor.
    pub fn set_schedule_from(&mut self, from: ScheduleFrom) {
        self.from = from;
        self.revision += 1;
    }

    /// A counter bumped by every successful edit; results record the revision they were computed from.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Adopts a leveled schedule as the plan: stores each task's leveling delay
    /// ([`Task::leveling_delay`]) from `leveled` and clears every other task's, so that
    /// [`schedule::cpm`](crate::schedule::cpm) afterwards gives the leveled dates exactly,
    /// and baselines, earned value, Monte Carlo, health checks and reports follow the
    /// leveled plan (MS Project writes leveling into the plan the same way).
    ///
    /// # Errors
    /// [`ModelError::StaleResult`] when the project changed since `leveled` was computed
    /// ([`Leveled::revision`](crate::resources::Leveled::revision); a project read back
    /// from JSON starts again at revision 0); [`ModelError::UnknownTask`] for a delay naming a task the project
    /// lacks. The project is unchanged on error.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use planix::resources::{level, LevelOptions};
    /// use planix::{schedule, Assignment, Duration, Project, Resource, Task};
    /// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
    /// let mut p = Project::new("Two jobs, one designer", start);
    /// let ana = p.add_resource(Resource::work("Ana", 1.0))?;
    /// let a = p.add_task(Task::new("Logo").with_duration(Duration::hours(16)))?;
    /// let b = p.add_task(Task::new("Flyer").with_duration(Duration::hours(8)))?;
    /// p.assign(Assignment::new(a, ana, 1.0))?;
    /// p.assign(Assignment::new(b, ana, 1.0))?;
    /// let leveled = level(&p, &LevelOptions::default())?;
    /// p.apply_leveling(&leveled)?;
    /// let s = schedule::cpm(&p, &schedule::CpmOptions::new())?;
    /// assert_eq!(s.finish(), leveled.schedule.finish());   // the plan is the leveled one
    /// // Flyer waits from Monday 08:00 to Wednesday 08:00: two elapsed days.
    /// assert_eq!(p.task(b).unwrap().leveling_delay, Duration::minutes(2 * 24 * 60));
    /// p.clear_leveling();
    /// assert_eq!(schedule::cpm(&p, &schedule::CpmOptions::new())?.finish().to_string(), "2027-01-05 17:00:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_leveling(
        &mut self,
        leveled: &crate::resources::Leveled,
    ) -> Result<(), ModelError> {
        let computed = leveled.revision;
        if computed != self.revision {
            return Err(ModelError::StaleResult {
                what: "leveling result",
                computed,
                current: self.revision,
            });
        }
        let mut set: BTreeMap<TaskId, Duration> = BTreeMap::new();
        for d in &leveled.delays {
            let Some(t) = self.tasks.get(&d.task) else {
                return Err(ModelError::UnknownTask(d.task));
            };
            let m = d.leveling_delay.as_minutes();
            if !(0..=MAX_MINUTES).contains(&m) {
                return Err(ModelError::OutOfRange {
                    task: d.task,
                    name: t.name.clone(),
                    what: "leveling delay",
                    minutes: m,
                });
            }
            if m > 0 {
                set.insert(d.task, d.leveling_delay);
            }
        }
        for (id, t) in self.tasks.iter_mut() {
            t.leveling_delay = set.get(id).copied().unwrap_or(Duration::ZERO);
        }
        self.revision += 1;
        Ok(())
    }

    /// Clears every task's leveling delay (MS Project's "Clear Leveling"): the plan is the
    /// unleveled CPM schedule again.
    pub fn clear_leveling(&mut self) {
        for t in self.tasks.values_mut() {
            t.leveling_delay = Duration::ZERO;
        }
        self.revision += 1;
    }

    /// A 64-bit fingerprint of the model: FNV-1a over its canonical planix JSON (the
    /// bytes [`io::to_json`](crate::io::to_json) writes, without the edit counter),
    /// hashed as they are written, so no text of the plan is held. Equal projects have
    /// equal fingerprints, and any edit that changes the document changes it (up to hash
    /// collisions); it depends only on the documented format, so a fingerprint saved in
    /// an engagement stays valid across planix versions that write the same document.
    /// Used to detect that a project changed since an analysis was made on it.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use planix::{Duration, Project, Task};
    /// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
    /// let mut p = Project::new("Site", start);
    /// let t = p.add_task(Task::new("Survey").with_duration(Duration::hours(8)))?;
    /// let before = p.fingerprint();
    /// assert_eq!(planix::io::from_json(&planix::io::to_json(&p))?.fingerprint(), before);
    /// p.edit_task(t, |t| t.duration = Duration::hours(16))?;
    /// assert_ne!(p.fingerprint(), before);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fingerprint(&self) -> u64 {
        /// FNV-1a as an `io::Write` sink.
        struct Fnv(u64);
        impl std::io::Write for Fnv {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                for &b in bytes {
                    self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
                }
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        // Pretty-printed with the final newline, as `io::to_json` writes it.
        let doc = super::serde_doc::ProjectDocRef::from(self);
        if serde_json::to_writer_pretty(&mut h, &doc).is_ok() {
            let _ = std::io::Write::write_all(&mut h, b"\n");
        }
        h.0
    }

    // ----- status date and baselines -----

    /// The status date progress is recorded at, if set.
    pub fn status_date(&self) -> Option<NaiveDateTime> {
        self.status_date
    }

    /// Sets (or clears) the status date.
    ///
    /// # Errors
    /// [`ModelError::InvalidStatusDate`] for a date before the project start (projects
    /// scheduled forward), or before an actual start or finish recorded on a task
    /// ([`ModelError::InvalidProgress`]).
    pub fn set_status_date(&mut self, date: Option<NaiveDateTime>) -> Result<(), ModelError> {
        if let (Some(d), ScheduleFrom::Start(start)) = (date, self.from) {
            if d < start {
                return Err(ModelError::InvalidStatusDate { status: d, start });
            }
        }
        if let Some(d) = date {
            if let Some(t) = self.tasks.values().find(|t| {
                t.progress.actual_start.is_some_and(|s| s > d)
                    || t.progress.actual_finish.is_some_and(|f| f > d)
            }) {
                return Err(ModelError::InvalidProgress {
                    task: t.id,
                    name: t.name.clone(),
                    problem: format!("actuals after the status date {d}"),
                });
            }
        }
        self.status_date = date;
        self.revision += 1;
        Ok(())
    }

    /// Baseline `n` (0–10), if saved.
    pub fn baseline(&self, n: u8) -> Option<&super::Baseline> {
        self.baselines.get(&n)
    }

    /// The saved baselines by number.
    pub fn baselines(&self) -> impl Iterator<Item = (u8, &super::Baseline)> {
        self.baselines.iter().map(|(k, v)| (*k, v))
    }

    /// Stores baseline `n` (see `control::save_baseline` to compute one from the plan).
    ///
    /// # Errors
    /// [`ModelError::InvalidBaseline`] for a number above 10, [`ModelError::UnknownTask`]
    /// for a task the project does not have.
    pub fn set_baseline(&mut self, n: u8, baseline: super::Baseline) -> Result<(), ModelError> {
        if n >= super::MAX_BASELINES {
            return Err(ModelError::InvalidBaseline(format!(
                "baseline {n}: numbers run from 0 to {}",
                super::MAX_BASELINES - 1
            )));
        }
        if let Some(t) = baseline.tasks.keys().find(|t| !self.tasks.contains_key(t)) {
            return Err(ModelError::UnknownTask(*t));
        }
        for a in &baseline.assignments {
            if !self.tasks.contains_key(&a.task) {
                return Err(ModelError::UnknownTask(a.task));
            }
            if !self.resources.contains_key(&a.resource) {
                return Err(ModelError::UnknownResource(a.resource));
            }
        }
        for d in &baseline.timephased {
            if !self.tasks.contains_key(&d.task) {
                return Err(ModelError::UnknownTask(d.task));
            }
            if let Some(r) = d.resource.filter(|r| !self.resources.contains_key(r)) {
                return Err(ModelError::UnknownResource(r));
            }
        }
        let mut baseline = baseline;
        baseline
            .timephased
            .sort_by_key(|d| (d.task, d.resource, d.date));
        self.baselines.insert(n, baseline);
        self.revision += 1;
        Ok(())
    }

    /// Removes baseline `n`; returns it.
    pub fn clear_baseline(&mut self, n: u8) -> Option<super::Baseline> {
        let b = self.baselines.remove(&n);
        if b.is_some() {
            self.revision += 1;
        }
        b
    }

    // ----- calendars -----

    /// The project calendar's id.
    pub fn calendar_id(&self) -> CalendarId {
        self.calendar
    }

    /// The project calendar.
    pub fn project_calendar(&self) -> &Calendar {
        // The project calendar is validated to exist by every mutator and by load.
        match self.calendars.get(&self.calendar) {
            Some(c) => c,
            None => unreachable!("project calendar exists"),
        }
    }

    /// A calendar by id.
    pub fn calendar(&self, id: CalendarId) -> Option<&Calendar> {
        self.calendars.get(&id)
    }

    /// All calendars in id order.
    pub fn calendars(&self) -> impl Iterator<Item = (CalendarId, &Calendar)> {
        self.calendars.iter().map(|(k, v)| (*k, v))
    }

    /// Adds a calendar and returns its id.
    ///
    /// # Errors
    /// [`ModelError::Calendar`] when the calendar is invalid.
    pub fn add_calendar(&mut self, calendar: Calendar) -> Result<CalendarId, ModelError> {
        let id = CalendarId(self.next_calendar);
        check_calendar(id, &calendar)?;
        self.calendars.insert(id, calendar);
        self.next_calendar += 1;
        self.revision += 1;
        Ok(id)
    }

    /// Replaces a calendar.
    ///
    /// # Errors
    /// [`ModelError::UnknownCalendar`] or [`ModelError::Calendar`].
    pub fn replace_calendar(
        &mut self,
        id: CalendarId,
        calendar: Calendar,
    ) -> Result<(), ModelError> {
        if !self.calendars.contains_key(&id) {
            return Err(ModelError::UnknownCalendar(id));
        }
        check_calendar(id, &calendar)?;
        self.calendars.insert(id, calendar);
        self.revision += 1;
        Ok(())
    }

    /// Makes `id` the project calendar.
    ///
    /// # Errors
    /// [`ModelError::UnknownCalendar`].
    pub fn set_project_calendar(&mut self, id: CalendarId) -> Result<(), ModelError> {
        if !self.calendars.contains_key(&id) {
            return Err(ModelError::UnknownCalendar(id));
        }
        self.calendar = id;
        self.revision += 1;
        Ok(())
    }

    /// Removes a calendar no task uses.
    ///
    /// # Errors
    /// [`ModelError::UnknownCalendar`] or [`ModelError::CalendarInUse`].
    pub fn remove_calendar(&mut self, id: CalendarId) -> Result<Calendar, ModelError> {
        if id == self.calendar || self.tasks.values().any(|t| t.calendar == Some(id)) {
            return Err(ModelError::CalendarInUse { calendar: id });
        }
        let cal = self
            .calendars
            .remove(&id)
            .ok_or(ModelError::UnknownCalendar(id))?;
        self.revision += 1;
        Ok(cal)
    }

    // ----- tasks -----

    /// A task by id.
    pub fn task(&self, id: TaskId) -> Option<&Task> {
        self.tasks.get(&id)
    }

    /// All tasks in id order.
    pub fn tasks(&self) -> impl ExactSizeIterator<Item = &Task> {
        self.tasks.values()
    }

    /// Number of tasks.
    pub fn task_count(&self) -> usize {
        self.tasks.len()
    }

    /// The direct children of a task, in id order (empty for non-summaries).
    pub fn children(&self, id: TaskId) -> impl Iterator<Item = TaskId> + '_ {
        self.children.get(&id).into_iter().flatten().copied()
    }

    /// The top-level tasks of the WBS, in id order.
    pub fn roots(&self) -> impl Iterator<Item = TaskId> + '_ {
        self.tasks
            .values()
            .filter(|t| t.parent.is_none())
            .map(|t| t.id)
    }

    /// `true` when the task has children.
    pub fn is_summary(&self, id: TaskId) -> bool {
        self.children.get(&id).is_some_and(|c| !c.is_empty())
    }

    /// The task's kind, derived from children, duration and milestone flag.
    pub fn kind(&self, id: TaskId) -> Option<TaskKind> {
        let t = self.tasks.get(&id)?;
        Some(if self.is_summary(id) {
            TaskKind::Summary
        } else if t.milestone || t.duration.as_minutes() == 0 {
            TaskKind::Milestone
        } else {
            TaskKind::Task
        })
    }

    /// The outline number ("2.3.1") of a task, derived from the WBS tree in id order.
    pub fn outline_number(&self, id: TaskId) -> Option<String> {
        let mut parts = vec![];
        let mut cur = self.tasks.get(&id)?;
        loop {
            let pos = match cur.parent {
                Some(p) => self.children(p).position(|c| c == cur.id),
                None => self.roots().position(|c| c == cur.id),
            };
            parts.push(pos.map_or(0, |p| p + 1).to_string());
            match cur.parent.and_then(|p| self.tasks.get(&p)) {
                Some(p) => cur = p,
                None => break,
            }
        }
        parts.reverse();
        Some(parts.join("."))
    }

    /// Walks the WBS depth first, in outline order, calling `f` with each task and its
    /// outline path: the 1-based position among its siblings at every level from the
    /// top (`[2, 3, 1]` is outline number "2.3.1"; the depth is the path's length).
    ///
    /// # Complexity
    /// O(|T|) with an explicit stack (no recursion), however deep the WBS.
    ///
    /// # Example
    /// ```
    /// # use chrono::NaiveDate;
    /// # use planix::{Project, Task};
    /// # let mut p = Project::new("p", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap());
    /// let phase = p.add_task(Task::new("Phase"))?;
    /// let a = p.add_task(Task::new("A").with_parent(phase))?;
    /// let b = p.add_task(Task::new("B"))?;
    /// let mut rows = vec![];
    /// p.for_each_outline(|id, path| rows.push((id, path.to_vec())));
    /// assert_eq!(rows, [(phase, vec![1]), (a, vec![1, 1]), (b, vec![2])]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_each_outline(&self, mut f: impl FnMut(TaskId, &[u32])) {
        let empty = BTreeSet::new();
        let mut path: Vec<u32> = vec![];
        // Per task on the path: the iterator over its children and how many were visited.
        let mut stack: Vec<(std::collections::btree_set::Iter<'_, TaskId>, u32)> = vec![];
        for (k, root) in self.roots().enumerate() {
            path.push(k as u32 + 1);
            f(root, &path);
            stack.push((self.children.get(&root).unwrap_or(&empty).iter(), 0));
            while let Some((kids, seen)) = stack.last_mut() {
                match kids.next() {
                    Some(&c) => {
                        *seen += 1;
                        path.push(*seen);
                        f(c, &path);
                        stack.push((self.children.get(&c).unwrap_or(&empty).iter(), 0));
                    }
                    None => {
                        stack.pop();
                        path.pop();
                    }
                }
            }
        }
    }

    /// The depth of a task in the WBS (1 for top-level tasks).
    pub fn outline_level(&self, id: TaskId) -> Option<usize> {
        let mut level = 1;
        let mut cur = self.tasks.get(&id)?;
        while let Some(p) = cur.parent.and_then(|p| self.tasks.get(&p)) {
            level += 1;
            cur = p;
        }
        Some(level)
    }

    fn is_ancestor(&self, ancestor: TaskId, mut of: TaskId) -> bool {
        while let Some(p) = self.tasks.get(&of).and_then(|t| t.parent) {
            if p == ancestor {
                return true;
            }
            of = p;
        }
        false
    }

    /// The checks of one task that do not depend on the shape of the WBS tree or the
    /// links (its parent must exist).
    fn check_fields(&self, t: &Task) -> Result<(), ModelError> {
        if t.priority > super::DO_NOT_LEVEL {
            return Err(ModelError::InvalidPriority {
                task: t.id,
                name: t.name.clone(),
                priority: t.priority,
            });
        }
        let m = t.duration.as_minutes();
        if m < 0 {
            return Err(ModelError::NegativeDuration {
                task: t.id,
                name: t.name.clone(),
                minutes: m,
            });
        }
        if m > MAX_MINUTES {
            return Err(ModelError::OutOfRange {
                task: t.id,
                name: t.name.clone(),
                what: "duration",
                minutes: m,
            });
        }
        let lev = t.leveling_delay.as_minutes();
        if !(0..=MAX_MINUTES).contains(&lev) {
            return Err(ModelError::OutOfRange {
                task: t.id,
                name: t.name.clone(),
                what: "leveling delay",
                minutes: lev,
            });
        }
        if let Some(problem) = t.progress.problem() {
            return Err(ModelError::InvalidProgress {
                task: t.id,
                name: t.name.clone(),
                problem,
            });
        }
        if let Some(d) = self.status_date {
            let after = [t.progress.actual_start, t.progress.actual_finish]
                .into_iter()
                .flatten()
                .any(|x| x > d);
            if after {
                return Err(ModelError::InvalidProgress {
                    task: t.id,
                    name: t.name.clone(),
                    problem: format!("actuals after the status date {d}"),
                });
            }
        }
        if let Some(problem) = t.estimate.as_ref().and_then(|e| e.problem()) {
            return Err(ModelError::InvalidEstimate {
                task: t.id,
                name: t.name.clone(),
                problem,
            });
        }
        for (what, value, ok) in [
            ("fixed_cost", t.fixed_cost, t.fixed_cost.is_finite()),
            (
                "cost_rate",
                t.cost_rate,
                t.cost_rate.is_finite() && t.cost_rate >= 0.0,
            ),
        ] {
            if !ok {
                return Err(ModelError::InvalidCost {
                    task: t.id,
                    name: t.name.clone(),
                    what,
                    value,
                });
            }
        }
        if let Some(c) = t.calendar {
            if !self.calendars.contains_key(&c) {
                return Err(ModelError::UnknownCalendar(c));
            }
        }
        if let Some(p) = t.parent.filter(|p| !self.tasks.contains_key(p)) {
            return Err(ModelError::UnknownParent {
                task: t.id,
                name: t.name.clone(),
                parent: p,
            });
        }
        Ok(())
    }

    /// Every check of one task about to be added or edited, against a project whose
    /// WBS is a tree (the invariant every edit keeps).
    ///
    /// # Complexity
    /// O(depth) for the parent walk, plus O(|D|) when the edit makes a task a summary
    /// for the first time (the links ending on it are looked up).
    fn check_task(&self, t: &Task) -> Result<(), ModelError> {
        self.check_fields(t)?;
        if let Some(p) = t.parent {
            if p == t.id || self.is_ancestor(t.id, p) {
                return Err(ModelError::ParentCycle {
                    task: t.id,
                    name: t.name.clone(),
                    parent: p,
                });
            }
            // The parent becomes (or stays) a summary: no FF/SF links may end on it,
            // and it may only carry a start constraint. A parent that already is a
            // summary was checked when it became one.
            let parent = &self.tasks[&p];
            if !self.is_summary(p)
                && self
                    .links
                    .values()
                    .any(|l| l.successor == p && matches!(l.kind, LinkKind::Ff | LinkKind::Sf))
            {
                return Err(ModelError::CannotBecomeSummary {
                    parent: p,
                    name: parent.name.clone(),
                });
            }
            check_summary_constraint(parent)?;
        }
        if self.is_summary(t.id) {
            check_summary_constraint(t)?;
        }
        Ok(())
    }

    /// Adds a task and returns its new id.
    ///
    /// # Errors
    /// [`ModelError::UnknownParent`], [`ModelError::UnknownCalendar`],
    /// [`ModelError::NegativeDuration`], [`ModelError::OutOfRange`], or
    /// [`ModelError::SummaryConstraint`] when the parent carries a constraint a summary cannot have.
    pub fn add_task(&mut self, mut task: Task) -> Result<TaskId, ModelError> {
        if self.tasks.len() >= super::MAX_TASKS || self.next_task == u32::MAX {
            return Err(ModelError::TooManyTasks {
                limit: super::MAX_TASKS,
            });
        }
        let id = TaskId(self.next_task);
        task.id = id;
        self.check_task(&task)?;
        if let Some(p) = task.parent {
            self.children.entry(p).or_default().insert(id);
        }
        self.tasks.insert(id, task);
        self.next_task += 1;
        self.revision += 1;
        Ok(id)
    }

    /// Edits a task in place through a closure; the edit is validated and undone if invalid.
    ///
    /// # Errors
    /// [`ModelError::UnknownTask`] or any error of [`Project::add_task`].
    ///
    /// # Example
    /// ```
    /// # use chrono::NaiveDate;
    /// # use planix::{Duration, Project, Task};
    /// # let mut p = Project::new("p", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap());
    /// let t = p.add_task(Task::new("Design"))?;
    /// p.edit_task(t, |t| t.duration = Duration::hours(8))?;
    /// assert!(p.edit_task(t, |t| t.duration = Duration::hours(-1)).is_err());
    /// assert_eq!(p.task(t).unwrap().duration, Duration::hours(8));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn edit_task(&mut self, id: TaskId, f: impl FnOnce(&mut Task)) -> Result<(), ModelError> {
        let mut task = self
            .tasks
            .get(&id)
            .cloned()
            .ok_or(ModelError::UnknownTask(id))?;
        f(&mut task);
        task.id = id;
        self.check_task(&task)?;
        let old_parent = self.tasks[&id].parent;
        if old_parent != task.parent {
            if let Some(np) = task.parent {
                self.check_move(id, np)?;
            }
        }
        if old_parent != task.parent {
            if let Some(p) = old_parent {
                if let Some(c) = self.children.get_mut(&p) {
                    c.remove(&id);
                }
            }
            if let Some(p) = task.parent {
                self.children.entry(p).or_default().insert(id);
            }
        }
        self.tasks.insert(id, task);
        self.revision += 1;
        Ok(())
    }

    /// Moving `id` under `parent` must not put a link between a summary and one of its
    /// descendants: checks the links between the new ancestors and the moved subtree
    /// (O(links + subtree + depth)).
    fn check_move(&self, id: TaskId, parent: TaskId) -> Result<(), ModelError> {
        let mut above = BTreeSet::from([parent]);
        let mut at = parent;
        while let Some(p) = self.tasks.get(&at).and_then(|t| t.parent) {
            if !above.insert(p) {
                break;
            }
            at = p;
        }
        let mut below = vec![id];
        let mut i = 0;
        while i < below.len() {
            below.extend(self.children(below[i]));
            i += 1;
        }
        let below: BTreeSet<TaskId> = below.into_iter().collect();
        for l in self.links.values() {
            let (a, b) = (l.predecessor, l.successor);
            let summary = if above.contains(&a) && below.contains(&b) {
                Some((a, b))
            } else if above.contains(&b) && below.contains(&a) {
                Some((b, a))
            } else {
                None
            };
            if let Some((summary, task)) = summary {
                return Err(ModelError::LinkWithinSummary {
                    summary,
                    name: self.name_of(summary),
                    task,
                });
            }
        }
        Ok(())
    }

    /// Removes a task, its whole subtree and every link touching them; returns the removed ids.
    ///
    /// # Errors
    /// [`ModelError::UnknownTask`].
    pub fn remove_task(&mut self, id: TaskId) -> Result<Vec<TaskId>, ModelError> {
        if !self.tasks.contains_key(&id) {
            return Err(ModelError::UnknownTask(id));
        }
        let mut gone = vec![id];
        let mut i = 0;
        while i < gone.len() {
            gone.extend(self.children(gone[i]).collect::<Vec<_>>());
            i += 1;
        }
        let set: BTreeSet<TaskId> = gone.iter().copied().collect();
        self.links
            .retain(|(a, b), _| !set.contains(a) && !set.contains(b));
        self.assignments.retain(|(t, _), _| !set.contains(t));
        self.foreign.tasks.retain(|t, _| !set.contains(t));
        self.foreign.assignments.retain(|a| !set.contains(&a.task));
        if let Some(p) = self.tasks[&id].parent {
            if let Some(c) = self.children.get_mut(&p) {
                c.remove(&id);
            }
        }
        for g in &gone {
            self.tasks.remove(g);
            self.children.remove(g);
        }
        gone.sort();
        self.revision += 1;
        Ok(gone)
    }

    // ----- dependencies -----

    /// All links, ordered by (predecessor, successor).
    pub fn dependencies(&self) -> impl ExactSizeIterator<Item = &Dependency> {
        self.links.values()
    }

    /// The link between two tasks, if any.
    pub fn dependency(&self, predecessor: TaskId, successor: TaskId) -> Option<&Dependency> {
        self.links.get(&(predecessor, successor))
    }

    /// The links whose predecessor is `id`.
    pub fn successors(&self, id: TaskId) -> impl Iterator<Item = &Dependency> {
        self.links
            .range((id, TaskId(0))..=(id, TaskId(u32::MAX)))
            .map(|(_, d)| d)
    }

    fn name_of(&self, id: TaskId) -> String {
        self.tasks
            .get(&id)
            .map(|t| t.name.clone())
            .unwrap_or_default()
    }

    pub(crate) fn check_link(&self, d: &Dependency, check_cycle: bool) -> Result<(), ModelError> {
        self.check_link_with(d, check_cycle, |a, b| self.is_ancestor(a, b))
    }

    /// [`Project::check_link`] with the WBS ancestry test supplied by the caller
    /// (`is_ancestor(a, b)`: `a` is a proper ancestor of `b`).
    fn check_link_with(
        &self,
        d: &Dependency,
        check_cycle: bool,
        is_ancestor: impl Fn(TaskId, TaskId) -> bool,
    ) -> Result<(), ModelError> {
        let (p, s) = (d.predecessor, d.successor);
        for id in [p, s] {
            if !self.tasks.contains_key(&id) {
                return Err(ModelError::UnknownTask(id));
            }
        }
        if p == s {
            return Err(ModelError::SelfLink {
                task: p,
                name: self.name_of(p),
            });
        }
        if is_ancestor(p, s) {
            return Err(ModelError::LinkWithinSummary {
                summary: p,
                name: self.name_of(p),
                task: s,
            });
        }
        if is_ancestor(s, p) {
            return Err(ModelError::LinkWithinSummary {
                summary: s,
                name: self.name_of(s),
                task: p,
            });
        }
        if matches!(d.kind, LinkKind::Ff | LinkKind::Sf) && self.is_summary(s) {
            return Err(ModelError::SummarySuccessor {
                kind: d.kind,
                successor: s,
                name: self.name_of(s),
            });
        }
        let lag = match d.lag {
            Lag::Working(x) | Lag::Elapsed(x) => x.as_minutes(),
            Lag::Percent(pc) => {
                if i64::from(pc).abs() > MAX_PERCENT_LAG {
                    return Err(ModelError::PercentLagOutOfRange {
                        task: s,
                        name: self.name_of(s),
                        percent: pc,
                    });
                }
                0
            }
        };
        if lag.abs() > MAX_MINUTES {
            return Err(ModelError::OutOfRange {
                task: s,
                name: self.name_of(s),
                what: "lag",
                minutes: lag,
            });
        }
        if check_cycle {
            if let Some(path) = self.path(s, p) {
                return Err(ModelError::CycleLink {
                    predecessor: p,
                    successor: s,
                    path,
                });
            }
        }
        Ok(())
    }

    /// A chain of links from `from` to `to`, if one exists (depth-first, deterministic).
    fn path(&self, from: TaskId, to: TaskId) -> Option<Vec<TaskId>> {
        let mut parent: BTreeMap<TaskId, TaskId> = BTreeMap::new();
        let mut stack = vec![from];
        let mut seen = BTreeSet::from([from]);
        while let Some(n) = stack.pop() {
            if n == to {
                let mut path = vec![to];
                let mut cur = to;
                while let Some(&p) = parent.get(&cur) {
                    path.push(p);
                    cur = p;
                }
                path.reverse();
                return Some(path);
            }
            for d in self.successors(n) {
                if seen.insert(d.successor) {
                    parent.insert(d.successor, n);
                    stack.push(d.successor);
                }
            }
        }
        None
    }

    /// Adds a link.
    ///
    /// # Errors
    /// [`ModelError::UnknownTask`], [`ModelError::SelfLink`], [`ModelError::DuplicateLink`],
    /// [`ModelError::CycleLink`], [`ModelError::LinkWithinSummary`],
    /// [`ModelError::SummarySuccessor`] or [`ModelError::OutOfRange`] for a huge lag.
    ///
    /// # Complexity
    /// O(|T| + |D|) in the worst case for the cycle check; O(1) when the successor has no successors yet.
    pub fn add_dependency(&mut self, dependency: Dependency) -> Result<(), ModelError> {
        let key = (dependency.predecessor, dependency.successor);
        if self.links.contains_key(&key) {
            return Err(ModelError::DuplicateLink {
                predecessor: key.0,
                successor: key.1,
            });
        }
        self.check_link(&dependency, true)?;
        self.links.insert(key, dependency);
        self.revision += 1;
        Ok(())
    }

    /// Finish-to-start link with no lag; shorthand for `add_dependency(Dependency::new(p, s))`.
    ///
    /// # Errors
    /// As [`Project::add_dependency`].
    pub fn link(&mut self, predecessor: TaskId, successor: TaskId) -> Result<(), ModelError> {
        self.add_dependency(Dependency::new(predecessor, successor))
    }

    /// Removes a link and returns it.
    ///
    /// # Errors
    /// [`ModelError::UnknownTask`] when no such link exists (naming the successor).
    pub fn remove_dependency(
        &mut self,
        predecessor: TaskId,
        successor: TaskId,
    ) -> Result<Dependency, ModelError> {
        let d = self
            .links
            .remove(&(predecessor, successor))
            .ok_or(ModelError::UnknownTask(successor))?;
        self.revision += 1;
        Ok(d)
    }

    /// Sets a task's constraint; shorthand for [`Project::edit_task`].
    ///
    /// # Errors
    /// As [`Project::edit_task`].
    pub fn set_constraint(&mut self, id: TaskId, constraint: Constraint) -> Result<(), ModelError> {
        self.edit_task(id, |t| t.constraint = constraint)
    }

    /// Checks every invariant of a whole project (used when loading documents).
    ///
    /// # Errors
    /// The first [`ModelError`] found; a loop of WBS parents is
    /// [`ModelError::ParentLoop`] listing the loop.
    ///
    /// # Complexity
    /// O(|T| + |D| + |R| + |A|) (times the logarithm of the map look-ups): the WBS is
    /// checked for loops and numbered once, so ancestry tests are O(1).
    pub fn validate(&self) -> Result<(), ModelError> {
        if !self.calendars.contains_key(&self.calendar) {
            return Err(ModelError::UnknownCalendar(self.calendar));
        }
        for (id, c) in &self.calendars {
            check_calendar(*id, c)?;
        }
        for t in self.tasks.values() {
            self.check_fields(t)?;
        }
        let tree = Wbs::number(self)?;
        // Summaries: no FF/SF link may end on one, and only start constraints.
        let ff_sf_successors: BTreeSet<TaskId> = self
            .links
            .values()
            .filter(|l| matches!(l.kind, LinkKind::Ff | LinkKind::Sf))
            .map(|l| l.successor)
            .collect();
        for (&s, kids) in &self.children {
            if kids.is_empty() {
                continue;
            }
            let Some(t) = self.tasks.get(&s) else {
                continue;
            };
            if ff_sf_successors.contains(&s) {
                return Err(ModelError::CannotBecomeSummary {
                    parent: s,
                    name: t.name.clone(),
                });
            }
            check_summary_constraint(t)?;
        }
        for d in self.links.values() {
            self.check_link_with(d, false, |a, b| tree.is_ancestor(a, b))?;
        }
        for r in self.resources.values() {
            self.check_resource(r)?;
        }
        for a in self.assignments.values() {
            self.check_assignment(a)?;
        }
        Ok(())
    }
}

/// The WBS numbered in depth-first order: `a` is an ancestor of `b` exactly when
/// `b`'s number falls inside `a`'s subtree range.
struct Wbs {
    /// Per task (in id order): its depth-first number and the end of its subtree.
    ids: Vec<TaskId>,
    span: Vec<(u32, u32)>,
}

impl Wbs {
    /// Checks that the parent links form a forest and numbers it, without recursion.
    ///
    /// # Errors
    /// [`ModelError::ParentLoop`] naming the tasks of the first loop found.
    fn number(p: &Project) -> Result<Wbs, ModelError> {
        if p.children.is_empty() {
            // No task has a parent: no loop, and no task is another's ancestor (an empty
            // numbering answers `false` to every question without a per-task array).
            return Ok(Wbs {
                ids: Vec::new(),
                span: Vec::new(),
            });
        }
        let ids: Vec<TaskId> = p.tasks.keys().copied().collect();
        let index = |id: TaskId| ids.binary_search(&id).ok();
        // Parent positions as u32 (`u32::MAX` for none): 4 bytes per task, not 16.
        const NONE: u32 = u32::MAX;
        let parents: Vec<u32> = p
            .tasks
            .values()
            .map(|t| t.parent.and_then(index).map_or(NONE, |i| i as u32))
            .collect();
        let parent = |v: usize| Some(parents[v]).filter(|&x| x != NONE).map(|x| x as usize);
        // Loop search: follow parent links, stamping each task with the walk that
        // reached it; meeting the current walk's stamp again closes a loop.
        const UNSEEN: u32 = u32::MAX;
        let mut stamp = vec![UNSEEN; ids.len()];
        for start in 0..ids.len() {
            if stamp[start] != UNSEEN {
                continue;
            }
            let walk = start as u32;
            let mut cur = Some(start);
            while let Some(v) = cur {
                if stamp[v] == walk {
                    let mut tasks = vec![ids[v]];
                    let mut w = parent(v);
                    while let Some(x) = w.filter(|&x| x != v) {
                        tasks.push(ids[x]);
                        w = parent(x);
                    }
                    // Report the loop from its smallest id, in child → parent order.
                    let k = tasks
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, t)| **t)
                        .map_or(0, |(k, _)| k);
                    tasks.rotate_left(k);
                    let names = tasks.iter().map(|t| p.tasks[t].name.clone()).collect();
                    return Err(ModelError::ParentLoop { tasks, names });
                }
                if stamp[v] != UNSEEN {
                    break;
                }
                stamp[v] = walk;
                cur = parent(v);
            }
        }
        // Depth-first numbering with an explicit stack over the children lists.
        let mut span = vec![(0u32, 0u32); ids.len()];
        let mut next = 0u32;
        let mut stack: Vec<(usize, std::collections::btree_set::Iter<'_, TaskId>)> = vec![];
        let empty = BTreeSet::new();
        for (root, t) in p.tasks.values().enumerate() {
            if t.parent.is_some() {
                continue;
            }
            span[root].0 = next;
            next += 1;
            stack.push((root, p.children.get(&ids[root]).unwrap_or(&empty).iter()));
            while let Some((v, kids)) = stack.last_mut() {
                match kids.next().and_then(|&c| index(c)) {
                    Some(c) => {
                        span[c].0 = next;
                        next += 1;
                        stack.push((c, p.children.get(&ids[c]).unwrap_or(&empty).iter()));
                    }
                    None => {
                        span[*v].1 = next;
                        stack.pop();
                    }
                }
            }
        }
        Ok(Wbs { ids, span })
    }

    fn is_ancestor(&self, a: TaskId, b: TaskId) -> bool {
        match (self.ids.binary_search(&a), self.ids.binary_search(&b)) {
            (Ok(a), Ok(b)) => {
                let (sa, sb) = (self.span[a], self.span[b]);
                a != b && sa.0 <= sb.0 && sb.0 < sa.1
            }
            _ => false,
        }
    }
}

fn check_summary_constraint(t: &Task) -> Result<(), ModelError> {
    match t.constraint.kind() {
        ConstraintKind::Asap | ConstraintKind::Snet => Ok(()),
        kind => Err(ModelError::SummaryConstraint {
            task: t.id,
            name: t.name.clone(),
            kind,
        }),
    }
}

fn check_calendar(id: CalendarId, c: &Calendar) -> Result<(), ModelError> {
    c.validate().map_err(|e| {
        let source = match e {
            CalendarError::NoWorkingTime { name, .. } => {
                CalendarError::NoWorkingTime { calendar: id, name }
            }
            other => other,
        };
        ModelError::Calendar {
            calendar: id,
            source,
        }
    })
}
