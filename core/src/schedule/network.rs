//! The compact array form of a project network, built once per computation.
//!
//! Node `i < n` is task `ids[i]` (for a summary: its rolled-up "close" node); each
//! summary also gets an "open" node `n + k` that carries the links into the summary
//! and hands their bound to its children. Edges are stored in CSR form, in and out.

use chrono::NaiveDateTime;

use super::ScheduleError;
use super::result::SharedName;
use crate::ids::{CalendarId, TaskId};
use crate::model::{Constraint, Lag, LinkKind, Project};

pub(crate) const NONE: u32 = u32::MAX;

/// What an edge means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EdgeKind {
    /// A user link.
    Link(LinkKind),
    /// Open node of a summary → a child (leaf or open node of a child summary).
    Open,
    /// A child (leaf or summary close node) → its summary's close node.
    Close,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    pub(crate) from: u32,
    pub(crate) to: u32,
    pub(crate) kind: EdgeKind,
    pub(crate) lag: Lag,
}

#[derive(Debug)]
pub(crate) struct Network {
    pub(crate) n: usize,
    pub(crate) ids: Vec<TaskId>,
    /// For a node, the task index it belongs to.
    pub(crate) node_task: Vec<u32>,
    /// For a task, its open node (or `NONE` for leaves).
    pub(crate) open_of: Vec<u32>,
    pub(crate) edges: Vec<Edge>,
    pub(crate) in_start: Vec<u32>,
    pub(crate) in_edges: Vec<u32>,
    pub(crate) out_start: Vec<u32>,
    pub(crate) out_edges: Vec<u32>,
    pub(crate) topo: Vec<u32>,
    /// Per task, read once from the model: duration (minutes), timeline index into
    /// `cal_ids`, constraint, deadline, milestone flag and name.
    pub(crate) dur: Vec<i64>,
    pub(crate) task_tl: Vec<u16>,
    pub(crate) cons: Vec<Constraint>,
    pub(crate) deadline: Vec<Option<NaiveDateTime>>,
    pub(crate) milestone: Vec<bool>,
    /// Per task: manually scheduled (its `cons` is then `Mso` of the manual start, which
    /// the forward pass applies without a conflict warning and the backward pass skips).
    pub(crate) manual: Vec<bool>,
    /// Per task: adopted leveling delay in elapsed minutes (empty when no task has one).
    pub(crate) delay: Vec<i64>,
    pub(crate) names: Vec<SharedName>,
    /// The calendars in use: the project calendar first, then task calendars by first use.
    pub(crate) cal_ids: Vec<CalendarId>,
}

/// One task's per-task fields of a [`Network`] (kept to undo a refresh).
#[derive(Clone)]
pub(crate) struct TaskFields {
    dur: i64,
    cons: Constraint,
    deadline: Option<NaiveDateTime>,
    milestone: bool,
    manual: bool,
    delay: Option<i64>,
    name: SharedName,
}

impl Network {
    /// Task `i`'s per-task fields.
    pub(crate) fn task_fields(&self, i: usize) -> TaskFields {
        TaskFields {
            dur: self.dur[i],
            cons: self.cons[i],
            deadline: self.deadline[i],
            milestone: self.milestone[i],
            manual: self.manual[i],
            delay: self.delay.get(i).copied(),
            name: self.names[i].clone(),
        }
    }

    /// Puts back fields saved by [`task_fields`](Self::task_fields).
    pub(crate) fn restore_task_fields(&mut self, i: usize, f: TaskFields) {
        self.dur[i] = f.dur;
        self.cons[i] = f.cons;
        self.deadline[i] = f.deadline;
        self.milestone[i] = f.milestone;
        self.manual[i] = f.manual;
        match f.delay {
            Some(d) => {
                if let Some(x) = self.delay.get_mut(i) {
                    *x = d;
                }
            }
            None => self.delay.clear(),
        }
        self.names[i] = f.name;
    }

    /// Reads task `i`'s per-task fields from the model again (as [`build`](Self::build)
    /// reads them), after an edit that kept the network's shape (same parent, calendar
    /// and summary status).
    pub(crate) fn refresh_task(&mut self, p: &Project, i: usize) {
        let id = self.ids[i];
        let Some(t) = p.tasks.get(&id) else {
            return;
        };
        let summary = self.is_summary(i);
        self.dur[i] = t.duration.as_minutes();
        let lev = t.leveling_delay.as_minutes();
        let lev = if lev > 0 && !summary && t.manual_start.is_none() {
            lev
        } else {
            0
        };
        if lev > 0 && self.delay.is_empty() {
            self.delay = vec![0; self.n];
        }
        if let Some(x) = self.delay.get_mut(i) {
            *x = lev;
        }
        match t.manual_start.filter(|_| !summary) {
            Some(d) => {
                self.cons[i] = Constraint::Mso(d);
                self.manual[i] = true;
            }
            None => {
                self.cons[i] = t.constraint;
                self.manual[i] = false;
            }
        }
        self.deadline[i] = t.deadline;
        self.milestone[i] = t.milestone;
        if self.names[i].as_str() != t.name {
            self.names[i] = SharedName::owned(t.name.clone());
        }
    }
}

impl Network {
    pub(crate) fn nodes(&self) -> usize {
        self.node_task.len()
    }

    pub(crate) fn is_summary(&self, task: usize) -> bool {
        self.open_of[task] != NONE
    }

    #[inline]
    pub(crate) fn ins(&self, node: usize) -> &[u32] {
        &self.in_edges[self.in_start[node] as usize..self.in_start[node + 1] as usize]
    }

    #[inline]
    pub(crate) fn outs(&self, node: usize) -> &[u32] {
        &self.out_edges[self.out_start[node] as usize..self.out_start[node + 1] as usize]
    }

    /// Builds the network and a topological order.
    ///
    /// # Errors
    /// [`ScheduleError::Cycle`] naming the tasks of one cycle.
    pub(crate) fn build(p: &Project) -> Result<Network, ScheduleError> {
        let n = p.tasks.len();
        // One pass over the model's tasks gathers everything the passes and the result need.
        let mut ids: Vec<TaskId> = Vec::with_capacity(n);
        let mut parents: Vec<Option<TaskId>> = Vec::with_capacity(n);
        let mut dur = Vec::with_capacity(n);
        let mut task_tl = Vec::with_capacity(n);
        let mut cons = Vec::with_capacity(n);
        let mut deadline = Vec::with_capacity(n);
        let mut milestone = Vec::with_capacity(n);
        let mut manual = Vec::with_capacity(n);
        let mut delay: Vec<i64> = Vec::new();
        let mut cal_ids: Vec<CalendarId> = vec![p.calendar];
        let mut name_buf = String::new();
        let mut spans = Vec::with_capacity(n);
        for (&id, t) in &p.tasks {
            let from = name_buf.len();
            name_buf.push_str(&t.name);
            spans.push((from, name_buf.len()));
            ids.push(id);
            parents.push(t.parent);
            dur.push(t.duration.as_minutes());
            task_tl.push(timeline_index(&mut cal_ids, t.calendar.unwrap_or(p.calendar)) as u16);
            let summary = p.is_summary(id);
            let lev = t.leveling_delay.as_minutes();
            if lev > 0 && !summary && t.manual_start.is_none() {
                if delay.is_empty() {
                    delay = vec![0; n];
                }
                delay[ids.len() - 1] = lev;
            }
            match t.manual_start.filter(|_| !summary) {
                Some(d) => {
                    cons.push(Constraint::Mso(d));
                    manual.push(true);
                }
                None => {
                    cons.push(t.constraint);
                    manual.push(false);
                }
            }
            deadline.push(t.deadline);
            milestone.push(t.milestone);
        }
        let names = SharedName::split(name_buf, spans);
        let max_id = ids.last().map_or(0, |t| t.0 as usize);
        let dense = max_id <= 2 * n + 1024;
        let table: Vec<u32> = if dense {
            let mut t = vec![NONE; max_id + 1];
            for (i, id) in ids.iter().enumerate() {
                t[id.0 as usize] = i as u32;
            }
            t
        } else {
            vec![]
        };
        let idx = |id: TaskId| -> u32 {
            if dense {
                table[id.0 as usize]
            } else {
                ids.binary_search(&id).map_or(NONE, |i| i as u32)
            }
        };
        let mut open_of = vec![NONE; n];
        let mut node_task: Vec<u32> = (0..n as u32).collect();
        for (parent, kids) in &p.children {
            if kids.is_empty() {
                continue;
            }
            let i = idx(*parent) as usize;
            open_of[i] = node_task.len() as u32;
            node_task.push(i as u32);
        }
        let mut edges = Vec::with_capacity(p.links.len() + 2 * n);
        for d in p.links.values() {
            let from = idx(d.predecessor);
            let s = idx(d.successor) as usize;
            let to = if open_of[s] != NONE {
                open_of[s]
            } else {
                s as u32
            };
            edges.push(Edge {
                from,
                to,
                kind: EdgeKind::Link(d.kind),
                lag: d.lag,
            });
        }
        for (i, parent) in parents.iter().enumerate() {
            if let Some(par) = *parent {
                let pi = idx(par) as usize;
                let entry = if open_of[i] != NONE {
                    open_of[i]
                } else {
                    i as u32
                };
                edges.push(Edge {
                    from: open_of[pi],
                    to: entry,
                    kind: EdgeKind::Open,
                    lag: Lag::default(),
                });
                edges.push(Edge {
                    from: i as u32,
                    to: pi as u32,
                    kind: EdgeKind::Close,
                    lag: Lag::default(),
                });
            }
        }
        let nodes = node_task.len();
        let (in_start, in_edges) = csr(nodes, &edges, |e| e.to);
        let (out_start, out_edges) = csr(nodes, &edges, |e| e.from);
        // Links usually run from earlier to later tasks: then the index order is already
        // topological, and the passes walk every array front to back. Otherwise Kahn's
        // algorithm; ties are irrelevant to the result, which depends only on the order
        // being topological.
        let mut indeg: Vec<u32> = vec![];
        let topo: Vec<u32> = if edges.iter().all(|e| e.from < e.to) {
            (0..nodes as u32).collect()
        } else {
            indeg = (0..nodes).map(|v| in_start[v + 1] - in_start[v]).collect();
            let mut topo: Vec<u32> = (0..nodes as u32)
                .filter(|&v| indeg[v as usize] == 0)
                .collect();
            topo.reserve(nodes - topo.len());
            let mut head = 0;
            while head < topo.len() {
                let v = topo[head] as usize;
                head += 1;
                for &e in &out_edges[out_start[v] as usize..out_start[v + 1] as usize] {
                    let w = edges[e as usize].to as usize;
                    indeg[w] -= 1;
                    if indeg[w] == 0 {
                        topo.push(w as u32);
                    }
                }
            }
            topo
        };
        let net = Network {
            n,
            ids,
            node_task,
            open_of,
            edges,
            in_start,
            in_edges,
            out_start,
            out_edges,
            topo,
            dur,
            task_tl,
            cons,
            deadline,
            milestone,
            manual,
            delay,
            names,
            cal_ids,
        };
        if net.topo.len() < nodes {
            return Err(net.cycle_error(p, &indeg));
        }
        Ok(net)
    }

    /// Finds one cycle among the nodes Kahn's algorithm could not order, as tasks in
    /// link order (a summary's open and close nodes count once).
    fn cycle_error(&self, p: &Project, indeg: &[u32]) -> ScheduleError {
        let path = super::cycle::cycle_among(
            self.nodes(),
            |v| indeg[v] > 0,
            |v, out| {
                out.extend(
                    self.ins(v)
                        .iter()
                        .map(|&e| self.edges[e as usize].from as usize),
                )
            },
        );
        let mut tasks: Vec<TaskId> = vec![];
        for v in path {
            let t = self.ids[self.node_task[v] as usize];
            if tasks.last() != Some(&t) {
                tasks.push(t);
            }
        }
        while tasks.len() > 1 && tasks.first() == tasks.last() {
            tasks.pop();
        }
        // Start at the smallest task id (node order and id order differ for summaries).
        if let Some(k) = tasks
            .iter()
            .enumerate()
            .min_by_key(|(_, t)| **t)
            .map(|(k, _)| k)
        {
            tasks.rotate_left(k);
        }
        let names = tasks
            .iter()
            .map(|t| p.tasks.get(t).map(|x| x.name.clone()).unwrap_or_default())
            .collect();
        ScheduleError::Cycle { tasks, names }
    }
}

/// The index of calendar `cid` in `ids` (calendars in order of first use), added when new.
pub(crate) fn timeline_index(ids: &mut Vec<CalendarId>, cid: CalendarId) -> usize {
    match ids.iter().position(|c| *c == cid) {
        Some(k) => k,
        None => {
            ids.push(cid);
            ids.len() - 1
        }
    }
}

fn csr(nodes: usize, edges: &[Edge], key: impl Fn(&Edge) -> u32) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; nodes + 1];
    for e in edges {
        start[key(e) as usize + 1] += 1;
    }
    for i in 0..nodes {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut list = vec![0u32; edges.len()];
    for (i, e) in edges.iter().enumerate() {
        let k = key(e) as usize;
        list[fill[k] as usize] = i as u32;
        fill[k] += 1;
    }
    (start, list)
}
