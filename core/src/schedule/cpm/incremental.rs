//! Incremental re-scheduling: a [`Scheduler`] keeps the network and every pass's arrays
//! of its project, and after an edit recomputes only the cone the edit can reach.
//!
//! After a task edit (duration, constraint, deadline, manual start, leveling delay, name,
//! milestone flag, …) the forward pass re-runs at the edited task and then at each
//! successor whose inputs moved, in topological order (a heap of topological positions),
//! stopping where dates stop changing. The project finish is the largest early finish of
//! the leaves; when it is unchanged the backward pass re-runs the same way from the
//! nodes whose early dates or durations moved and their predecessors (free float reads
//! the successors' early dates), in reverse topological order; when it moved, every
//! late date can move and the backward pass runs whole. Summary roll-ups, warnings and
//! critical paths are derived afterwards from the kept arrays.
//!
//! Edits that change the network's shape (a link added or removed, a task's parent or
//! calendar changed, a task added or removed) rebuild the network and run every pass,
//! as [`cpm`](super::cpm) does. Projects scheduled from their finish always run whole.
//!
//! Every result equals [`cpm`](super::cpm) on the edited project: a property test applies
//! random edit sequences to random networks and compares the two schedules' JSON.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use chrono::NaiveDateTime;

use super::{CpmOptions, Ctx, compile_timelines};
use crate::calendar::Duration;
use crate::error::Error;
use crate::ids::TaskId;
use crate::model::{Constraint, Dependency, DependencySpec, Project, ScheduleFrom, Task, TaskEdit};
use crate::schedule::ScheduleError;
use crate::schedule::network::{EdgeKind, NONE, Network};
use crate::schedule::result::{Schedule, ScheduledTask, Warning};

/// The arrays of the passes, kept between edits (see [`Ctx`]).
#[derive(Clone)]
struct Arrays {
    dur: Vec<i64>,
    es: Vec<i64>,
    ef: Vec<i64>,
    ls: Vec<i64>,
    lf: Vec<i64>,
    tf: Vec<i64>,
    ff: Vec<i64>,
    sff: Vec<i64>,
    esw: Vec<i64>,
    efw: Vec<i64>,
    lsw: Vec<i64>,
    lfw: Vec<i64>,
    lagged_w: Vec<i64>,
    src: Vec<u32>,
    cal_shift: Vec<bool>,
    floor: Vec<i64>,
    delay: Vec<i64>,
}

impl<'a> Ctx<'a> {
    fn into_arrays(self) -> Arrays {
        Arrays {
            dur: self.dur,
            es: self.es,
            ef: self.ef,
            ls: self.ls,
            lf: self.lf,
            tf: self.tf,
            ff: self.ff,
            sff: self.sff,
            esw: self.esw,
            efw: self.efw,
            lsw: self.lsw,
            lfw: self.lfw,
            lagged_w: self.lagged_w,
            src: self.src,
            cal_shift: self.cal_shift,
            floor: self.floor,
            delay: self.delay,
        }
    }

    fn from_arrays(
        p: &'a Project,
        net: &'a Network,
        tls: Vec<crate::calendar::timeline::Timeline<'a>>,
        a: Arrays,
    ) -> Ctx<'a> {
        let anchor = match p.from {
            ScheduleFrom::Start(d) | ScheduleFrom::Finish(d) => d,
        };
        Ctx {
            p,
            net,
            tls,
            task_tl: &net.task_tl,
            dur: a.dur,
            cons: &net.cons,
            deadline: &net.deadline,
            epoch: anchor.date().and_time(chrono::NaiveTime::MIN),
            es: a.es,
            ef: a.ef,
            ls: a.ls,
            lf: a.lf,
            tf: a.tf,
            ff: a.ff,
            sff: a.sff,
            esw: a.esw,
            efw: a.efw,
            lsw: a.lsw,
            lfw: a.lfw,
            lagged_w: a.lagged_w,
            src: a.src,
            cal_shift: a.cal_shift,
            floor: a.floor,
            delay: a.delay,
            applied: Vec::new(),
            limits: None,
            warnings: vec![],
        }
    }
}

/// What an edit through a [`Scheduler`] changed (serialized as
/// `{"changed": [ids], "finish": "…", "rebuilt": false}`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct Rescheduled {
    /// The tasks whose early or late dates, floats, criticality or driver changed, in id
    /// order (summaries included when their rolled-up values moved).
    pub changed: Vec<TaskId>,
    /// The project finish after the edit.
    pub finish: NaiveDateTime,
    /// Whether the edit rebuilt the network and ran every pass (a change of shape, or a
    /// project scheduled from its finish) instead of re-running the affected cone.
    pub rebuilt: bool,
}

/// A project with its schedule kept up to date edit by edit (incremental CPM).
///
/// The scheduler owns the project: edits go through it, so it knows what changed.
/// [`schedule`](Self::schedule) always equals [`cpm`](super::cpm) on
/// [`project`](Self::project) with the scheduler's options; a failed edit leaves both
/// unchanged.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::{schedule::{self, Scheduler}, Duration, Project, Task};
/// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let mut p = Project::new("Demo", start);
/// let a = p.add_task(Task::new("A").with_duration(Duration::hours(8)))?;
/// let b = p.add_task(Task::new("B").with_duration(Duration::hours(16)))?;
/// let c = p.add_task(Task::new("C").with_duration(Duration::hours(8)))?;
/// p.link(a, b)?;
/// let mut s = Scheduler::new(p, schedule::CpmOptions::new())?;
/// // A has no float: two more days move B and the finish.
/// let r = s.set_duration(a, Duration::hours(24))?;
/// assert_eq!(r.changed, vec![a, b, c]); // C's float grows with the finish
/// assert_eq!(r.finish.to_string(), "2027-01-08 17:00:00");
/// assert!(!r.rebuilt);
/// assert_eq!(s.task(b).unwrap().early_start().to_string(), "2027-01-07 08:00:00");
/// assert_eq!(s.schedule()?, schedule::cpm(s.project(), &schedule::CpmOptions::new())?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Scheduler {
    project: Project,
    options: CpmOptions,
    net: Network,
    arrays: Arrays,
    /// Topological position of every node.
    pos: Vec<u32>,
    /// Forward-pass warnings (constraint conflicts) by the topological position of the
    /// node that raised them, so a re-run node replaces its own.
    fwarn: BTreeMap<u32, Vec<Warning>>,
    /// The backward pass's late start and finish of each summary node before the
    /// roll-up overwrote them (the backward pass of its children reads these).
    summary_late: Vec<(u32, i64, i64)>,
    start: i64,
    finish: i64,
    /// Scheduled from the finish: every edit runs whole.
    whole: bool,
    /// Per-node stamps of the heap (no clearing per edit).
    stamp: Vec<u32>,
    generation: u32,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("project", &self.project.name())
            .field("tasks", &self.net.n)
            .field("revision", &self.project.revision())
            .finish()
    }
}

impl Scheduler {
    /// Schedules `project` and keeps it for incremental edits.
    ///
    /// # Errors
    /// As [`cpm`](super::cpm).
    pub fn new(project: Project, options: CpmOptions) -> Result<Scheduler, ScheduleError> {
        let net = Network::build(&project)?;
        let mut s = Scheduler {
            arrays: empty_arrays(),
            project,
            options,
            net,
            pos: vec![],
            fwarn: BTreeMap::new(),
            summary_late: vec![],
            start: 0,
            finish: 0,
            whole: false,
            stamp: vec![],
            generation: 0,
        };
        s.run_whole()?;
        Ok(s)
    }

    /// The project as edited so far.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Gives the project back.
    pub fn into_project(self) -> Project {
        self.project
    }

    /// The project finish.
    pub fn finish(&self) -> NaiveDateTime {
        self.at(self.finish)
    }

    fn at(&self, m: i64) -> NaiveDateTime {
        let anchor = match self.project.from {
            ScheduleFrom::Start(d) | ScheduleFrom::Finish(d) => d,
        };
        anchor
            .date()
            .and_time(chrono::NaiveTime::MIN)
            .checked_add_signed(chrono::TimeDelta::minutes(m))
            .unwrap_or(anchor)
    }

    /// The whole schedule, equal to [`cpm`](super::cpm) on [`project`](Self::project):
    /// O(tasks), like `cpm`'s result step, without its passes.
    ///
    /// # Errors
    /// As [`cpm`](super::cpm) (a deadline or date outside years 1–9999).
    pub fn schedule(&self) -> Result<Schedule, ScheduleError> {
        let tls = compile_timelines(
            &self.project,
            &self.net.cal_ids,
            self.epoch(),
            &self.net.dur,
        )?;
        let mut c = Ctx::from_arrays(&self.project, &self.net, tls, self.arrays.clone());
        c.warnings = self.fwarn.values().flatten().cloned().collect();
        c.deadline_warnings()?;
        let paths = c.critical_paths(self.options.max_critical_paths)?;
        c.finish_result(self.start, self.finish, self.whole, paths)
    }

    /// One task's scheduled values (O(1) after the edit, without building the whole
    /// schedule); `None` for an unknown id.
    ///
    /// Takes `&mut self` only to lend the kept arrays to the result step without copying
    /// them; nothing changes.
    pub fn task(&mut self, id: TaskId) -> Option<ScheduledTask> {
        let ti = self.net.ids.binary_search(&id).ok()?;
        let tls = compile_timelines(
            &self.project,
            &self.net.cal_ids,
            self.epoch(),
            &self.net.dur,
        )
        .ok()?;
        let arrays = std::mem::replace(&mut self.arrays, empty_arrays());
        let mut c = Ctx::from_arrays(&self.project, &self.net, tls, arrays);
        let t = c.scheduled_task(ti, self.whole).ok();
        self.arrays = c.into_arrays();
        t
    }

    fn epoch(&self) -> NaiveDateTime {
        let anchor = match self.project.from {
            ScheduleFrom::Start(d) | ScheduleFrom::Finish(d) => d,
        };
        anchor.date().and_time(chrono::NaiveTime::MIN)
    }

    /// Sets a task's duration (as [`Project::edit_task`] would) and re-schedules.
    ///
    /// # Errors
    /// The model's error for a bad duration, or a scheduling error; either way the
    /// project and the schedule are unchanged.
    pub fn set_duration(&mut self, id: TaskId, d: Duration) -> Result<Rescheduled, Error> {
        self.edit_task(id, |t| t.duration = d)
    }

    /// Sets a task's constraint ([`Project::set_constraint`]) and re-schedules.
    ///
    /// # Errors
    /// As [`set_duration`](Self::set_duration).
    pub fn set_constraint(&mut self, id: TaskId, c: Constraint) -> Result<Rescheduled, Error> {
        let old = task_before(&self.project, id)?;
        self.project.set_constraint(id, c)?;
        self.after_task_edit(id, old)
    }

    /// Sets or clears a task's deadline and re-schedules.
    ///
    /// # Errors
    /// As [`set_duration`](Self::set_duration).
    pub fn set_deadline(
        &mut self,
        id: TaskId,
        deadline: Option<NaiveDateTime>,
    ) -> Result<Rescheduled, Error> {
        self.edit_task(id, |t| t.deadline = deadline)
    }

    /// Applies a [`TaskEdit`] ([`Project::apply_edit`]) and re-schedules.
    ///
    /// # Errors
    /// As [`set_duration`](Self::set_duration).
    pub fn apply_edit(&mut self, id: TaskId, edit: &TaskEdit) -> Result<Rescheduled, Error> {
        let old = task_before(&self.project, id)?;
        self.project.apply_edit(id, edit)?;
        self.after_task_edit(id, old)
    }

    /// Edits a task through a closure ([`Project::edit_task`]) and re-schedules.
    ///
    /// # Errors
    /// As [`set_duration`](Self::set_duration).
    pub fn edit_task(
        &mut self,
        id: TaskId,
        f: impl FnOnce(&mut Task),
    ) -> Result<Rescheduled, Error> {
        let old = task_before(&self.project, id)?;
        self.project.edit_task(id, f)?;
        self.after_task_edit(id, old)
    }

    /// Adds a link ([`Project::add_dependency`]) and re-schedules (the network is
    /// rebuilt: O(tasks + links)).
    ///
    /// # Errors
    /// The model's error for a bad link, or [`ScheduleError::Cycle`]; either way the
    /// project and the schedule are unchanged.
    pub fn add_dependency(&mut self, d: Dependency) -> Result<Rescheduled, Error> {
        let key = (d.predecessor, d.successor);
        self.project.add_dependency(d)?;
        self.rebuild().inspect_err(|_| {
            self.project.links.remove(&key);
            self.project.revision -= 1;
        })
    }

    /// Adds a link from a [`DependencySpec`] (lag as text or minutes, as
    /// [`Project::add_dependency_spec`]) and re-schedules.
    ///
    /// # Errors
    /// As [`add_dependency`](Self::add_dependency).
    pub fn add_dependency_spec(&mut self, spec: DependencySpec) -> Result<Rescheduled, Error> {
        let lag = self.project.resolve_lag(&spec.lag)?;
        self.add_dependency(Dependency {
            predecessor: spec.predecessor,
            successor: spec.successor,
            kind: spec.kind,
            lag,
        })
    }

    /// Removes a link ([`Project::remove_dependency`]) and re-schedules (rebuilt).
    ///
    /// # Errors
    /// The model's error for an unknown link; the project is then unchanged.
    pub fn remove_dependency(
        &mut self,
        predecessor: TaskId,
        successor: TaskId,
    ) -> Result<Rescheduled, Error> {
        let old = self.project.remove_dependency(predecessor, successor)?;
        self.rebuild().inspect_err(|_| {
            self.project.links.insert((predecessor, successor), old);
            self.project.revision -= 1;
        })
    }

    /// Rebuilds the network and runs every pass (after edits made outside the
    /// scheduler's calls, e.g. on [`into_project`](Self::into_project)'s result).
    fn rebuild(&mut self) -> Result<Rescheduled, Error> {
        let before = self.snapshot_all();
        let net = Network::build(&self.project)?;
        let old = std::mem::replace(&mut self.net, net);
        if let Err(e) = self.run_whole() {
            self.net = old;
            return Err(e.into());
        }
        Ok(self.report_all(before, true))
    }

    /// Every task's (id, es, ef, ls, lf, tf, ff, src) before an edit that runs whole.
    fn snapshot_all(&self) -> BTreeMap<TaskId, [i64; 7]> {
        (0..self.net.n)
            .map(|ti| (self.net.ids[ti], self.values(ti)))
            .collect()
    }

    /// Task `ti`'s values with its driver named by task (comparable across rebuilds).
    fn values(&self, ti: usize) -> [i64; 7] {
        let mut v = self.values_raw(ti);
        v[6] = driver_code(
            &self.net,
            self.arrays.src[ti],
            self.arrays.cal_shift[ti],
            ti,
        );
        v
    }

    /// Task `ti`'s values with its driver as an edge index (comparable while the network
    /// stays the same: cheaper, no look-up of the edge).
    fn values_raw(&self, ti: usize) -> [i64; 7] {
        let a = &self.arrays;
        [
            a.es[ti],
            a.ef[ti],
            a.ls[ti],
            a.lf[ti],
            a.tf[ti],
            a.ff[ti],
            raw_driver(&self.net, a.src[ti], a.cal_shift[ti], ti),
        ]
    }

    fn report_all(&self, before: BTreeMap<TaskId, [i64; 7]>, rebuilt: bool) -> Rescheduled {
        let changed = (0..self.net.n)
            .filter(|&ti| before.get(&self.net.ids[ti]) != Some(&self.values(ti)))
            .map(|ti| self.net.ids[ti])
            .chain(
                before
                    .keys()
                    .filter(|id| self.net.ids.binary_search(id).is_err())
                    .copied(),
            )
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        Rescheduled {
            changed,
            finish: self.finish(),
            rebuilt,
        }
    }

    /// Runs every pass on the current network (keeping per-node warnings).
    fn run_whole(&mut self) -> Result<(), ScheduleError> {
        let p = &self.project;
        let net = &self.net;
        let mut c = Ctx::new(p, net)?;
        let mut fwarn = BTreeMap::new();
        let (start, finish) = match p.from {
            ScheduleFrom::Start(anchor) => {
                let a = c.minutes(anchor, TaskId(0), "")?;
                let mut limits = None;
                for k in 0..net.topo.len() {
                    c.forward_node(net.topo[k] as usize, a, &mut limits)?;
                    if !c.warnings.is_empty() {
                        fwarn.insert(k as u32, std::mem::take(&mut c.warnings));
                    }
                }
                let pf = c.project_finish(a);
                c.backward(pf)?;
                (a, pf)
            }
            ScheduleFrom::Finish(_) => {
                let (s, f, _) = c.dates()?;
                fwarn.insert(0, std::mem::take(&mut c.warnings));
                (s, f)
            }
        };
        let summary_late = summary_late(&c);
        c.roll_up();
        let mut pos = vec![0u32; net.nodes()];
        for (k, &node) in net.topo.iter().enumerate() {
            pos[node as usize] = k as u32;
        }
        let arrays = c.into_arrays();
        self.whole = matches!(self.project.from, ScheduleFrom::Finish(_));
        self.arrays = arrays;
        self.fwarn = fwarn;
        self.summary_late = summary_late;
        self.pos = pos;
        self.start = start;
        self.finish = finish;
        self.stamp = vec![0; self.net.nodes()];
        self.generation = 0;
        Ok(())
    }

    /// Re-schedules after `id` was edited in the model (`old`: the task before it).
    fn after_task_edit(&mut self, id: TaskId, old: Task) -> Result<Rescheduled, Error> {
        // Put the task back through the model (which also restores the WBS maps); the
        // old task was valid in the old project, so this cannot fail.
        let undo = |s: &mut Scheduler| {
            if s.project.edit_task(id, |t| *t = old.clone()).is_ok() {
                s.project.revision -= 2;
            }
        };
        let Ok(ti) = self.net.ids.binary_search(&id) else {
            return self.rebuild().inspect_err(|_| undo(self));
        };
        let shape = {
            let t = &self.project.tasks[&id];
            t.parent != old.parent
                || t.calendar != old.calendar
                || (t.manual_start.is_some() != old.manual_start.is_some()
                    && self.net.is_summary(ti))
        };
        if self.whole || shape {
            return self.rebuild().inspect_err(|_| undo(self));
        }
        let saved_net = self.net.task_fields(ti);
        let saved = (
            self.arrays.clone(),
            self.fwarn.clone(),
            self.summary_late.clone(),
            self.finish,
        );
        // The edited task's values read with its old constraint (its driver's kind).
        let was = self.values_raw(ti);
        self.net.refresh_task(&self.project, ti);
        match self.cone(ti, was) {
            Ok(r) => Ok(r),
            Err(e) => {
                self.net.restore_task_fields(ti, saved_net);
                (self.arrays, self.fwarn, self.summary_late, self.finish) = saved;
                undo(self);
                Err(e.into())
            }
        }
    }

    /// The incremental passes from task `ti` (its network fields refreshed).
    fn cone(&mut self, ti: usize, was: [i64; 7]) -> Result<Rescheduled, ScheduleError> {
        let net = &self.net;
        let n = net.n;
        let tls = compile_timelines(&self.project, &net.cal_ids, self.epoch(), &net.dur)?;
        let arrays = std::mem::replace(&mut self.arrays, empty_arrays());
        let mut c = Ctx::from_arrays(&self.project, net, tls, arrays);
        c.dur[ti] = net.dur[ti];
        if c.delay.len() != net.delay.len() {
            c.delay.clone_from(&net.delay);
        } else if let Some(d) = c.delay.get_mut(ti) {
            *d = net.delay[ti];
        }
        // Back to the backward pass's summary values (the roll-up overwrote them).
        let mut rolled = Vec::with_capacity(self.summary_late.len());
        for &(node, ls, lf) in &self.summary_late {
            let k = node as usize;
            rolled.push((node, c.ls[k], c.lf[k], c.tf[k], c.ff[k]));
            c.ls[k] = ls;
            c.lf[k] = lf;
        }
        self.generation = self.generation.wrapping_add(2);
        if self.generation < 2 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.generation = 2;
        }
        let (fgen, bgen) = (self.generation, self.generation + 1);
        let mut old: Vec<(usize, [i64; 7])> = vec![(ti, was)];
        // Forward, in topological order from the edited task (and its open node).
        let mut heap: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
        let push_f = |heap: &mut BinaryHeap<Reverse<u32>>, stamp: &mut [u32], node: usize| {
            if stamp[node] != fgen {
                stamp[node] = fgen;
                heap.push(Reverse(self.pos[node]));
            }
        };
        push_f(&mut heap, &mut self.stamp, ti);
        if net.open_of[ti] != NONE {
            push_f(&mut heap, &mut self.stamp, net.open_of[ti] as usize);
        }
        let mut limits = None;
        let mut fchanged: Vec<usize> = vec![];
        while let Some(Reverse(k)) = heap.pop() {
            let node = net.topo[k as usize] as usize;
            let before = (c.es[node], c.ef[node], c.esw[node], c.efw[node]);
            let driver = (c.src[node], c.cal_shift[node]);
            if node < n {
                old.push((node, task_values(&c, node, &rolled)));
            }
            c.warnings.clear();
            c.forward_node(node, self.start, &mut limits)?;
            if c.warnings.is_empty() {
                self.fwarn.remove(&k);
            } else {
                self.fwarn.insert(k, std::mem::take(&mut c.warnings));
            }
            let moved = before != (c.es[node], c.ef[node], c.esw[node], c.efw[node]);
            if node >= n && driver != (c.src[node], c.cal_shift[node]) {
                // A summary's close node shows its open node's driver.
                push_f(&mut heap, &mut self.stamp, net.node_task[node] as usize);
            }
            if moved || node == ti {
                fchanged.push(node);
                for &e in net.outs(node) {
                    push_f(
                        &mut heap,
                        &mut self.stamp,
                        net.edges[e as usize].to as usize,
                    );
                }
            }
        }
        let pf = c.project_finish(self.start);
        let rebuilt_backward = pf != self.finish;
        // Late values (ls, lf, tf, ff) of leaves before the backward pass: whole arrays
        // when it runs whole, else per re-run node. Summaries are compared through `rolled`.
        let mut late_before: Option<[Vec<i64>; 4]> = None;
        let mut bold: Vec<(usize, [i64; 4])> = vec![];
        if rebuilt_backward {
            // Every late date can move with the finish.
            late_before = Some([c.ls.clone(), c.lf.clone(), c.tf.clone(), c.ff.clone()]);
            c.backward(pf)?;
        } else {
            let pfw = c.finish_indexes(pf)?;
            let mut heap: BinaryHeap<u32> = BinaryHeap::new();
            let push_b = |heap: &mut BinaryHeap<u32>, stamp: &mut [u32], node: usize| {
                if stamp[node] != bgen {
                    stamp[node] = bgen;
                    heap.push(self.pos[node]);
                }
            };
            for &node in &fchanged {
                push_b(&mut heap, &mut self.stamp, node);
                for &e in net.ins(node) {
                    push_b(
                        &mut heap,
                        &mut self.stamp,
                        net.edges[e as usize].from as usize,
                    );
                }
            }
            while let Some(k) = heap.pop() {
                let node = net.topo[k as usize] as usize;
                let ts = net.node_task[node] as usize;
                let before = (c.ls[node], c.lf[node], c.lsw[node], c.lfw[node], c.sff[ts]);
                if node < n {
                    bold.push((node, [c.ls[node], c.lf[node], c.tf[node], c.ff[node]]));
                }
                c.backward_node(node, pf, &pfw)?;
                let after = (c.ls[node], c.lf[node], c.lsw[node], c.lfw[node], c.sff[ts]);
                if before != after || node == ti {
                    for &e in net.ins(node) {
                        push_b(
                            &mut heap,
                            &mut self.stamp,
                            net.edges[e as usize].from as usize,
                        );
                    }
                }
            }
        }
        self.summary_late = summary_late(&c);
        c.roll_up();
        for (node, ls, lf, tf, ff) in rolled {
            let k = node as usize;
            if (c.ls[k], c.lf[k], c.tf[k], c.ff[k]) != (ls, lf, tf, ff) {
                old.push((k, [c.es[k], c.ef[k], ls, lf, tf, ff, i64::MIN]));
            }
        }
        self.finish = pf;
        let arrays = c.into_arrays();
        self.arrays = arrays;
        let a = &self.arrays;
        let late = |k: usize| [a.ls[k], a.lf[k], a.tf[k], a.ff[k]];
        let mut changed: Vec<TaskId> = old
            .iter()
            .filter(|(node, v)| *v != self.values_raw(*node))
            .map(|(node, _)| *node)
            .chain(
                bold.iter()
                    .filter(|(k, v)| !self.net.is_summary(*k) && *v != late(*k))
                    .map(|(k, _)| *k),
            )
            .map(|k| self.net.ids[k])
            .collect();
        if let Some([ls, lf, tf, ff]) = late_before {
            for k in 0..n {
                if (ls[k], lf[k], tf[k], ff[k]) != (a.ls[k], a.lf[k], a.tf[k], a.ff[k])
                    && !self.net.is_summary(k)
                {
                    changed.push(self.net.ids[k]);
                }
            }
        }
        changed.sort_unstable();
        changed.dedup();
        Ok(Rescheduled {
            changed,
            finish: self.finish(),
            rebuilt: false,
        })
    }
}

/// Task `ti`'s values as they were before the edit: a summary's late dates from
/// `rolled` (its rolled-up values, which the passes replace while they run).
fn task_values(c: &Ctx<'_>, ti: usize, rolled: &[(u32, i64, i64, i64, i64)]) -> [i64; 7] {
    let (ls, lf) = match rolled.binary_search_by_key(&(ti as u32), |r| r.0) {
        Ok(k) => (rolled[k].1, rolled[k].2),
        Err(_) => (c.ls[ti], c.lf[ti]),
    };
    [
        c.es[ti],
        c.ef[ti],
        ls,
        lf,
        c.tf[ti],
        c.ff[ti],
        raw_driver(c.net, c.src[ti], c.cal_shift[ti], ti),
    ]
}

/// What [`Ctx::driver`] reads, as one number: the source edge or kind, the calendar
/// shift, and for a constraint its kind and whether the task is manual.
/// Edges are named by the task they come from and their kind, not their index (which a
/// rebuilt network renumbers).
fn driver_code(net: &Network, src: u32, shift: bool, ti: usize) -> i64 {
    if src < super::SRC_LEVELING {
        let shift = if shift { 1 << 33 } else { 0 };
        let e = net.edges[src as usize];
        let from = net.ids[net.node_task[e.from as usize] as usize].0;
        let kind = match e.kind {
            EdgeKind::Link(k) => k as i64,
            EdgeKind::Open => 4,
            EdgeKind::Close => 5,
        };
        return i64::from(from) | kind << 34 | shift | 1 << 40;
    }
    raw_driver(net, src, shift, ti)
}

/// [`driver_code`] with edges as their index.
fn raw_driver(net: &Network, src: u32, shift: bool, ti: usize) -> i64 {
    let mut code = i64::from(src) | if shift { 1 << 33 } else { 0 };
    if src == super::SRC_CONSTRAINT {
        code |= (net.cons[ti].kind() as i64) << 34 | i64::from(net.manual[ti]) << 42;
    }
    code
}

/// The backward pass's late dates of every summary node, before the roll-up.
fn summary_late(c: &Ctx<'_>) -> Vec<(u32, i64, i64)> {
    (0..c.net.n)
        .filter(|&i| c.net.is_summary(i))
        .map(|i| (i as u32, c.ls[i], c.lf[i]))
        .collect()
}

fn empty_arrays() -> Arrays {
    Arrays {
        dur: vec![],
        es: vec![],
        ef: vec![],
        ls: vec![],
        lf: vec![],
        tf: vec![],
        ff: vec![],
        sff: vec![],
        esw: vec![],
        efw: vec![],
        lsw: vec![],
        lfw: vec![],
        lagged_w: vec![],
        src: vec![],
        cal_shift: vec![],
        floor: vec![],
        delay: vec![],
    }
}

/// The task as it is before an edit (to undo it if scheduling fails).
fn task_before(p: &Project, id: TaskId) -> Result<Task, crate::model::ModelError> {
    p.tasks
        .get(&id)
        .cloned()
        .ok_or(crate::model::ModelError::UnknownTask(id))
}
