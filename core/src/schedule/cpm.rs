//! Forward and backward passes over the compact network.

use chrono::{Datelike, NaiveDateTime, NaiveTime};

use super::ScheduleError;
use super::network::{EdgeKind, Network};
use super::result::{Driver, Schedule, ScheduledTask, Warning};
use crate::calendar::timeline::Timeline;
use crate::calendar::{CalendarError, Duration};
use crate::ids::{CalendarId, TaskId};
use crate::model::{Constraint, Lag, LinkKind, Project, ScheduleFrom, TaskKind};

/// Options of [`cpm`].
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpmOptions {
    /// The most critical paths to enumerate (the count of paths can grow exponentially).
    pub max_critical_paths: usize,
}

impl Default for CpmOptions {
    fn default() -> Self {
        CpmOptions {
            max_critical_paths: 16,
        }
    }
}

impl CpmOptions {
    /// Default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the most critical paths to enumerate.
    pub fn max_critical_paths(mut self, n: usize) -> Self {
        self.max_critical_paths = n;
        self
    }
}

const SRC_START: u32 = u32::MAX;
const SRC_CONSTRAINT: u32 = u32::MAX - 1;
const SRC_LEVELING: u32 = u32::MAX - 2;

pub(crate) struct Ctx<'a> {
    p: &'a Project,
    pub(crate) net: &'a Network,
    pub(crate) tls: Vec<Timeline<'a>>,
    pub(crate) task_tl: Vec<u16>,
    pub(crate) dur: Vec<i64>,
    cons: Vec<Constraint>,
    deadline: Vec<Option<NaiveDateTime>>,
    pub(crate) epoch: NaiveDateTime,
    pub(crate) es: Vec<i64>,
    pub(crate) ef: Vec<i64>,
    ls: Vec<i64>,
    lf: Vec<i64>,
    tf: Vec<i64>,
    ff: Vec<i64>,
    sff: Vec<i64>,
    /// Per edge: the lagged forward bound (before FF/SF conversion), reused for free float.
    lagged: Vec<i64>,
    src: Vec<u32>,
    cal_shift: Vec<bool>,
    /// Per task: earliest start set by resource leveling (minutes; `i64::MIN`: none).
    pub(crate) floor: Vec<i64>,
    pub(crate) warnings: Vec<Warning>,
}

/// Schedules a project with the critical path method.
///
/// Forward pass from the project start (or, when scheduling from the finish, a
/// backward pass from the finish first), honouring FS/SS/FF/SF links with working,
/// elapsed or percent lags, every constraint type, deadlines, task calendars and summary
/// tasks. Late dates come from the backward pass; total float is `min(LS − ES, LF − EF)`
/// in working minutes on the task's calendar; tasks with total float ≤ 0 are critical.
/// Hard constraints that conflict with links are honoured, and the conflict shows as
/// negative float plus a [`Warning`].
///
/// # Errors
/// [`ScheduleError::Cycle`] naming the tasks of a cycle (links through summaries included);
/// [`ScheduleError::Calendar`] or [`ScheduleError::DateOutOfRange`] when dates leave years 1–9999.
///
/// # Complexity
/// O(|T| + |D|) time and memory, plus O(days spanned) to compile each calendar used.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::{schedule, Duration, Project, Task};
/// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let mut p = Project::new("Demo", start);
/// let a = p.add_task(Task::new("A").with_duration(Duration::hours(8)))?;
/// let b = p.add_task(Task::new("B").with_duration(Duration::hours(16)))?;
/// p.link(a, b)?;
/// let s = schedule::cpm(&p, &schedule::CpmOptions::new())?;
/// assert_eq!(s.finish().to_string(), "2027-01-06 17:00:00");
/// assert_eq!(s.critical_path(), &[a, b]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cpm(project: &Project, options: &CpmOptions) -> Result<Schedule, ScheduleError> {
    cpm_with_floors(project, options, &[])
}

/// [`cpm`] with leveling floors: `(task, earliest start)` pairs that act like a leveling
/// delay (the start is at least the floor, after links and constraints).
pub(crate) fn cpm_with_floors(
    project: &Project,
    options: &CpmOptions,
    floors: &[(TaskId, NaiveDateTime)],
) -> Result<Schedule, ScheduleError> {
    let net = Network::build(project)?;
    let mut c = Ctx::new(project, &net)?;
    for &(task, at) in floors {
        if let Ok(i) = net.ids.binary_search(&task) {
            c.floor[i] = at.signed_duration_since(c.epoch).num_minutes();
        }
    }
    let (start, finish, late) = c.dates()?;
    c.roll_up();
    c.deadline_warnings()?;
    let critical_paths = c.critical_paths(options.max_critical_paths)?;
    c.finish_result(start, finish, late, critical_paths)
}

impl<'a> Ctx<'a> {
    /// Prepares the passes: task arrays and one compiled timeline per calendar in use.
    pub(crate) fn new(project: &'a Project, net: &'a Network) -> Result<Self, ScheduleError> {
        Self::build(project, net, None)
    }

    /// Like [`new`](Self::new), reusing timelines compiled by an earlier `Ctx` of the same
    /// project (cheaper than compiling them again, e.g. once per simulation chunk).
    pub(crate) fn with_timelines(
        project: &'a Project,
        net: &'a Network,
        tls: Vec<Timeline<'a>>,
    ) -> Result<Self, ScheduleError> {
        Self::build(project, net, Some(tls))
    }

    fn build(
        project: &'a Project,
        net: &'a Network,
        given: Option<Vec<Timeline<'a>>>,
    ) -> Result<Self, ScheduleError> {
        let anchor = match project.from {
            ScheduleFrom::Start(d) | ScheduleFrom::Finish(d) => d,
        };
        let epoch = anchor.date().and_time(NaiveTime::MIN);
        let n = net.n;
        let nodes = net.nodes();
        let edges = net.edges.len();
        // Calendars: index 0 is the project calendar; task calendars follow on first use.
        let mut cal_ids: Vec<CalendarId> = vec![project.calendar];
        let mut task_tl = Vec::with_capacity(n);
        let mut dur = Vec::with_capacity(n);
        let mut cons = Vec::with_capacity(n);
        let mut deadline = Vec::with_capacity(n);
        for t in project.tasks.values() {
            let cid = t.calendar.unwrap_or(project.calendar);
            let k = match cal_ids.iter().position(|c| *c == cid) {
                Some(k) => k,
                None => {
                    cal_ids.push(cid);
                    cal_ids.len() - 1
                }
            };
            task_tl.push(k as u16);
            dur.push(t.duration.as_minutes());
            cons.push(t.constraint);
            deadline.push(t.deadline);
        }
        let tls = match given.filter(|g| g.len() == cal_ids.len()) {
            Some(g) => g,
            None => compile_timelines(project, &cal_ids, epoch, &dur)?,
        };
        Ok(Ctx {
            p: project,
            net,
            tls,
            task_tl,
            dur,
            cons,
            deadline,
            epoch,
            es: vec![0; nodes],
            ef: vec![0; nodes],
            ls: vec![0; nodes],
            lf: vec![0; nodes],
            tf: vec![0; n],
            ff: vec![0; n],
            sff: vec![i64::MAX; n],
            lagged: vec![0; edges],
            src: vec![SRC_START; nodes],
            cal_shift: vec![false; nodes],
            floor: vec![i64::MIN; n],
            warnings: vec![],
        })
    }

    /// Runs the passes the scheduling direction needs; returns (start, finish, late mode).
    pub(crate) fn dates(&mut self) -> Result<(i64, i64, bool), ScheduleError> {
        let anchor = match self.p.from {
            ScheduleFrom::Start(d) | ScheduleFrom::Finish(d) => d,
        };
        let anchor_min = self.minutes(anchor, TaskId(0), "")?;
        let n = self.net.n;
        Ok(match self.p.from {
            ScheduleFrom::Start(_) => {
                self.forward(anchor_min)?;
                let pf = self.project_finish(anchor_min);
                self.backward(pf)?;
                (anchor_min, pf, false)
            }
            ScheduleFrom::Finish(_) => {
                let pf = self.tls[0]
                    .snap_finish(anchor_min)
                    .map_err(|e| self.cal_err(0, e))?;
                self.backward(pf)?;
                let ps = (0..n)
                    .filter(|&i| !self.net.is_summary(i))
                    .map(|i| self.ls[i])
                    .min()
                    .unwrap_or(pf);
                self.warnings.clear();
                self.forward(ps)?;
                self.backward(pf)?;
                (ps, pf, true)
            }
        })
    }
}

/// The calendars a project's passes use, in `Ctx` order: the project calendar, then task
/// calendars by first use.
fn calendar_ids(project: &Project) -> Vec<CalendarId> {
    let mut ids = vec![project.calendar];
    for t in project.tasks.values() {
        let cid = t.calendar.unwrap_or(project.calendar);
        if !ids.contains(&cid) {
            ids.push(cid);
        }
    }
    ids
}

/// Compiles the timelines of `cal_ids` around `epoch`, sized by a first guess of the
/// horizon from the durations (tables grow by doubling when left).
fn compile_timelines<'a>(
    project: &'a Project,
    cal_ids: &[CalendarId],
    epoch: NaiveDateTime,
    dur: &[i64],
) -> Result<Vec<Timeline<'a>>, ScheduleError> {
    let total: i64 = dur.iter().sum::<i64>().min(3_000_000);
    let days_guess = 60 + total / 240;
    let mut tls = Vec::with_capacity(cal_ids.len());
    for cid in cal_ids {
        let cal = project
            .calendars
            .get(cid)
            .ok_or_else(|| unreachable_cal(*cid))?;
        tls.push(
            Timeline::new(cal, *cid, epoch.date(), 30, days_guess).map_err(|source| {
                ScheduleError::Calendar {
                    task: TaskId(0),
                    name: String::new(),
                    source,
                }
            })?,
        );
    }
    Ok(tls)
}

/// The timelines a `Ctx` of `project` would compile, for [`Ctx::with_timelines`].
pub(crate) fn project_timelines(project: &Project) -> Result<Vec<Timeline<'_>>, ScheduleError> {
    let anchor = match project.from {
        ScheduleFrom::Start(d) | ScheduleFrom::Finish(d) => d,
    };
    let epoch = anchor.date().and_time(NaiveTime::MIN);
    let dur: Vec<i64> = project
        .tasks
        .values()
        .map(|t| t.duration.as_minutes())
        .collect();
    compile_timelines(project, &calendar_ids(project), epoch, &dur)
}

fn unreachable_cal(c: CalendarId) -> ScheduleError {
    ScheduleError::Calendar {
        task: TaskId(0),
        name: String::new(),
        source: CalendarError::NoWorkingTime {
            calendar: c,
            name: String::new(),
        },
    }
}

impl<'a> Ctx<'a> {
    fn name(&self, task: usize) -> String {
        self.p
            .tasks
            .get(&self.net.ids[task])
            .map(|t| t.name.clone())
            .unwrap_or_default()
    }

    pub(crate) fn cal_err(&self, task: usize, source: CalendarError) -> ScheduleError {
        if self.net.n == 0 {
            return ScheduleError::Calendar {
                task: TaskId(0),
                name: String::new(),
                source,
            };
        }
        ScheduleError::Calendar {
            task: self.net.ids[task],
            name: self.name(task),
            source,
        }
    }

    pub(crate) fn minutes(
        &self,
        dt: NaiveDateTime,
        task: TaskId,
        name: &str,
    ) -> Result<i64, ScheduleError> {
        let m = dt.signed_duration_since(self.epoch).num_minutes();
        if !(1..=9999).contains(&dt.year()) {
            return Err(ScheduleError::DateOutOfRange {
                task,
                name: name.into(),
                date: dt.to_string(),
            });
        }
        Ok(m)
    }

    fn cons_minutes(&self, ti: usize) -> Result<Option<i64>, ScheduleError> {
        match self.cons[ti].date() {
            Some(d) => Ok(Some(self.minutes(d, self.net.ids[ti], &self.name(ti))?)),
            None => Ok(None),
        }
    }

    fn at(&self, m: i64) -> NaiveDateTime {
        self.epoch
            .checked_add_signed(chrono::TimeDelta::minutes(m))
            .unwrap_or(self.epoch)
    }

    /// Working lag in minutes for a link from task node `from`.
    fn lag_minutes(&mut self, lag: Lag, from: usize) -> i64 {
        match lag {
            Lag::Working(d) | Lag::Elapsed(d) => d.as_minutes(),
            Lag::Percent(pc) => {
                let t = self.net.node_task[from] as usize;
                let d = if self.net.is_summary(t) {
                    let (a, b) = (self.es[t], self.ef[t]);
                    match (self.tls[0].work_at(a), self.tls[0].work_at(b)) {
                        (Ok(x), Ok(y)) => y - x,
                        _ => 0,
                    }
                } else {
                    self.dur[t]
                };
                let x = d * i64::from(pc);
                if x >= 0 {
                    (x + 50) / 100
                } else {
                    (x - 50) / 100
                }
            }
        }
    }

    /// Applies a lag forward (`sign = 1`) or backward (`sign = -1`) to time `t`, for a link from node `from`.
    #[inline]
    fn apply_lag(
        &mut self,
        t: i64,
        lag: Lag,
        from: usize,
        sign: i64,
        task: usize,
    ) -> Result<i64, ScheduleError> {
        if lag.is_zero() {
            return Ok(t);
        }
        let m = self.lag_minutes(lag, from) * sign;
        let tl = &mut self.tls[0];
        let r = match lag {
            Lag::Elapsed(_) => t
                .checked_add(m)
                .ok_or(CalendarError::Overflow { calendar: tl.id() }),
            // Forward, the bound is the end of the lag's last working minute; backward, the
            // latest instant whose forward image still meets `t`: the start of the next working minute.
            _ if sign < 0 => tl
                .work_at(t)
                .and_then(|w| tl.add(w, m))
                .and_then(|w| tl.start_at(w)),
            _ => tl
                .work_at(t)
                .and_then(|w| tl.add(w, m))
                .and_then(|w| tl.finish_at(w)),
        };
        r.map_err(|e| self.cal_err(task, e))
    }

    /// Start bound of a task of duration `d` that must finish at or after `f`.
    #[inline]
    fn finish_to_start(&mut self, task: usize, f: i64) -> Result<i64, ScheduleError> {
        let d = self.dur[task];
        if d == 0 {
            return Ok(f);
        }
        let tl = &mut self.tls[self.task_tl[task] as usize];
        let r = tl
            .work_at(f)
            .and_then(|w| tl.add(w, -d))
            .and_then(|w| tl.start_at(w));
        r.map_err(|e| self.cal_err(task, e))
    }

    /// Finish bound of a task of duration `d` that must start at or before `s`.
    #[inline]
    fn start_to_finish(&mut self, task: usize, s: i64) -> Result<i64, ScheduleError> {
        let d = self.dur[task];
        if d == 0 {
            return Ok(s);
        }
        let tl = &mut self.tls[self.task_tl[task] as usize];
        let r = tl
            .work_at(s)
            .and_then(|w| tl.add(w, d))
            .and_then(|w| tl.finish_at(w));
        r.map_err(|e| self.cal_err(task, e))
    }

    /// The start bound an in-edge puts on node `node` (a leaf or an open node).
    #[inline]
    pub(crate) fn edge_start_bound(&mut self, e: u32, node: usize) -> Result<i64, ScheduleError> {
        let ed = self.net.edges[e as usize];
        let from = ed.from as usize;
        let task = self.net.node_task[node] as usize;
        match ed.kind {
            EdgeKind::Open => Ok(self.es[from]),
            EdgeKind::Link(k) => {
                let base = match k {
                    LinkKind::Fs | LinkKind::Ff => self.ef[from],
                    LinkKind::Ss | LinkKind::Sf => self.es[from],
                };
                let t = self.apply_lag(base, ed.lag, from, 1, task)?;
                self.lagged[e as usize] = t;
                match k {
                    LinkKind::Ff | LinkKind::Sf if node < self.net.n => {
                        self.finish_to_start(task, t)
                    }
                    _ => Ok(t),
                }
            }
            EdgeKind::Close => unreachable!("close edges only enter summary close nodes"),
        }
    }

    fn conflict(&mut self, ti: usize, date: i64, want: i64) {
        let c = self.cons[ti];
        self.warnings.push(Warning::ConstraintConflict {
            task: self.net.ids[ti],
            name: self.name(ti),
            constraint: c.kind(),
            date: c.date().unwrap_or(self.epoch),
            links_want_start: self.at(want.max(date)),
        });
    }

    pub(crate) fn forward(&mut self, pstart: i64) -> Result<(), ScheduleError> {
        let n = self.net.n;
        for k in 0..self.net.topo.len() {
            let node = self.net.topo[k] as usize;
            let ti = self.net.node_task[node] as usize;
            if node < n && self.net.is_summary(node) {
                // Close node: roll up the children.
                let (mut es, mut ef) = (i64::MAX, i64::MIN);
                for &e in self.net.ins(node) {
                    let f = self.net.edges[e as usize].from as usize;
                    es = es.min(self.es[f]);
                    ef = ef.max(self.ef[f]);
                }
                self.es[node] = es;
                self.ef[node] = ef;
                let open = self.net.open_of[node] as usize;
                self.src[node] = self.src[open];
                self.cal_shift[node] = self.cal_shift[open];
                continue;
            }
            let mut b = pstart;
            let mut src = SRC_START;
            let ins = self.net.in_start[node] as usize..self.net.in_start[node + 1] as usize;
            for i in ins {
                let e = self.net.in_edges[i];
                let sb = self.edge_start_bound(e, node)?;
                if sb > b {
                    b = sb;
                    src = e;
                }
            }
            let cdate = self.cons_minutes(ti)?;
            if node >= n {
                // Open node of a summary: only SNET applies.
                if let (Constraint::Snet(_), Some(c)) = (self.cons[ti], cdate) {
                    if c > b {
                        b = c;
                        src = SRC_CONSTRAINT;
                    }
                }
                self.es[node] = b;
                self.ef[node] = b;
                self.src[node] = src;
                continue;
            }
            let tlk = self.task_tl[ti] as usize;
            if let Some(c) = cdate {
                let cons = self.cons[ti];
                let wb = self.tls[tlk].work_at(b).map_err(|e| self.cal_err(ti, e))?;
                match cons {
                    Constraint::Snet(_) => {
                        if c > b {
                            b = c;
                            src = SRC_CONSTRAINT;
                        }
                    }
                    Constraint::Fnet(_) => {
                        let s = self.finish_to_start(ti, c)?;
                        if s > b {
                            b = s;
                            src = SRC_CONSTRAINT;
                        }
                    }
                    Constraint::Mso(_) | Constraint::Snlt(_) => {
                        let wc = self.tls[tlk].work_at(c).map_err(|e| self.cal_err(ti, e))?;
                        if wb > wc {
                            self.conflict(ti, c, b);
                        }
                        if wb > wc || matches!(cons, Constraint::Mso(_)) {
                            b = c;
                            src = SRC_CONSTRAINT;
                        }
                    }
                    Constraint::Mfo(_) | Constraint::Fnlt(_) => {
                        let s = self.finish_to_start(ti, c)?;
                        let ws = self.tls[tlk].work_at(s).map_err(|e| self.cal_err(ti, e))?;
                        if wb > ws {
                            self.conflict(ti, s, b);
                        }
                        if wb > ws || matches!(cons, Constraint::Mfo(_)) {
                            b = s;
                            src = SRC_CONSTRAINT;
                        }
                    }
                    Constraint::Asap | Constraint::Alap => {}
                }
            }
            if self.floor[ti] > b {
                b = self.floor[ti];
                src = SRC_LEVELING;
            }
            let d = self.dur[ti];
            let tl = &mut self.tls[tlk];
            let r = (|| -> Result<(i64, i64, bool), CalendarError> {
                let w = tl.work_at(b)?;
                let s = tl.start_at(w)?;
                if s == b {
                    let f = if d == 0 {
                        s
                    } else {
                        tl.finish_at(tl.add(w, d)?)?
                    };
                    return Ok((s, f, false));
                }
                let fin = tl.finish_at(w)?;
                if d == 0 && fin == b {
                    return Ok((b, b, false));
                }
                let f = if d == 0 {
                    s
                } else {
                    tl.finish_at(tl.add(w, d)?)?
                };
                Ok((s, f, fin != b))
            })();
            let (s, f, shifted) = r.map_err(|e| self.cal_err(ti, e))?;
            self.es[node] = s;
            self.ef[node] = f;
            self.src[node] = src;
            self.cal_shift[node] = shifted;
        }
        Ok(())
    }

    fn project_finish(&self, pstart: i64) -> i64 {
        (0..self.net.n)
            .filter(|&i| !self.net.is_summary(i))
            .map(|i| self.ef[i])
            .max()
            .unwrap_or(pstart)
    }

    fn backward(&mut self, pf: i64) -> Result<(), ScheduleError> {
        let n = self.net.n;
        for k in (0..self.net.topo.len()).rev() {
            let node = self.net.topo[k] as usize;
            let ti = self.net.node_task[node] as usize;
            if node >= n {
                // Open node: the earliest late start of its children.
                let mut ls = i64::MAX;
                for &e in self.net.outs(node) {
                    ls = ls.min(self.ls[self.net.edges[e as usize].to as usize]);
                }
                self.ls[node] = ls;
                self.lf[node] = ls;
                continue;
            }
            let summary = self.net.is_summary(node);
            let mut fb = pf;
            let mut sb = i64::MAX;
            let mut ffree = i64::MAX;
            let outs = self.net.out_start[node] as usize..self.net.out_start[node + 1] as usize;
            for i in outs {
                let e = self.net.out_edges[i];
                let ed = self.net.edges[e as usize];
                let to = ed.to as usize;
                match ed.kind {
                    EdgeKind::Link(kind) => {
                        let (base, on_start) = match kind {
                            LinkKind::Fs => (self.ls[to], false),
                            LinkKind::Ss => (self.ls[to], true),
                            LinkKind::Ff => (self.lf[to], false),
                            LinkKind::Sf => (self.lf[to], true),
                        };
                        let t = self.apply_lag(base, ed.lag, node, -1, ti)?;
                        if on_start {
                            sb = sb.min(t);
                        } else {
                            fb = fb.min(t);
                        }
                        // Free float: slack of this link against the successor's early dates.
                        let theirs = match kind {
                            LinkKind::Fs | LinkKind::Ss => self.es[to],
                            LinkKind::Ff | LinkKind::Sf => self.ef[to],
                        };
                        // The forward pass already lagged this task's date for this edge.
                        let bound = self.lagged[e as usize];
                        let tl = &mut self.tls[self.task_tl[ti] as usize];
                        let slack = tl.work_at(theirs).and_then(|a| Ok(a - tl.work_at(bound)?));
                        ffree = ffree.min(slack.map_err(|e| self.cal_err(ti, e))?);
                    }
                    EdgeKind::Close => {
                        fb = fb.min(self.lf[to]);
                        if self.es[node] == self.es[to] {
                            sb = sb.min(self.ls[to]);
                        }
                        let up = self.sff[to];
                        if up != i64::MAX {
                            let tl = &mut self.tls[self.task_tl[ti] as usize];
                            let gap = tl
                                .work_at(self.ef[to])
                                .and_then(|a| Ok(a - tl.work_at(self.ef[node])?));
                            ffree =
                                ffree.min(gap.map_err(|e| self.cal_err(ti, e))?.saturating_add(up));
                        }
                    }
                    EdgeKind::Open => unreachable!("open edges leave open nodes only"),
                }
            }
            if summary {
                self.lf[node] = fb;
                self.ls[node] = sb;
                self.sff[ti] = ffree;
                continue;
            }
            if sb != i64::MAX {
                fb = fb.min(self.start_to_finish(ti, sb)?);
            }
            if let Some(dl) = self.deadline[ti] {
                fb = fb.min(self.minutes(dl, self.net.ids[ti], &self.name(ti))?);
            }
            if let Some(c) = self.cons_minutes(ti)? {
                match self.cons[ti] {
                    Constraint::Mso(_) | Constraint::Snlt(_) => {
                        fb = fb.min(self.start_to_finish(ti, c)?)
                    }
                    Constraint::Mfo(_) | Constraint::Fnlt(_) => fb = fb.min(c),
                    _ => {}
                }
            }
            let d = self.dur[ti];
            let tl = &mut self.tls[self.task_tl[ti] as usize];
            let (es, ef) = (self.es[node], self.ef[node]);
            let r = (|| -> Result<(i64, i64, i64, i64), CalendarError> {
                let w = tl.work_at(fb)?;
                let f = tl.finish_at(w)?;
                let (ls, lf) = if d == 0 {
                    let keep = f == fb || tl.start_at(w)? == fb;
                    let lf = if keep { fb } else { f };
                    (lf, lf)
                } else {
                    (tl.start_at(tl.add(w, -d)?)?, f)
                };
                let wls = tl.work_at(ls)?;
                let wes = tl.work_at(es)?;
                let wlf = tl.work_at(lf)?;
                let wef = tl.work_at(ef)?;
                let tf = (wls - wes).min(wlf - wef);
                let to_end = tl.work_at(pf)? - wef;
                Ok((ls, lf, tf, to_end))
            })();
            let (ls, lf, tf, to_end) = r.map_err(|e| self.cal_err(ti, e))?;
            self.ls[node] = ls;
            self.lf[node] = lf;
            self.tf[ti] = tf;
            let free = if ffree == i64::MAX { to_end } else { ffree };
            self.ff[ti] = free.min(tf).max(0);
        }
        Ok(())
    }

    /// Summary tasks: late dates and floats rolled up from the children (children come first in topological order).
    fn roll_up(&mut self) {
        let n = self.net.n;
        for k in 0..self.net.topo.len() {
            let node = self.net.topo[k] as usize;
            if node >= n || !self.net.is_summary(node) {
                continue;
            }
            let (mut ls, mut lf, mut tf, mut ff) = (i64::MAX, i64::MIN, i64::MAX, i64::MAX);
            for &e in self.net.ins(node) {
                let f = self.net.edges[e as usize].from as usize;
                ls = ls.min(self.ls[f]);
                lf = lf.max(self.lf[f]);
                tf = tf.min(self.tf[f]);
                ff = ff.min(self.ff[f]);
            }
            self.ls[node] = ls;
            self.lf[node] = lf;
            self.tf[node] = tf;
            self.ff[node] = ff;
        }
    }

    fn deadline_warnings(&mut self) -> Result<(), ScheduleError> {
        for ti in 0..self.net.n {
            let Some(dl) = self.deadline[ti] else {
                continue;
            };
            let m = self.minutes(dl, self.net.ids[ti], &self.name(ti))?;
            if self.ef[ti] > m {
                self.warnings.push(Warning::MissedDeadline {
                    task: self.net.ids[ti],
                    name: self.name(ti),
                    deadline: dl,
                    finish: self.at(self.ef[ti]),
                });
            }
        }
        let neg: Vec<TaskId> = (0..self.net.n)
            .filter(|&i| !self.net.is_summary(i) && self.tf[i] < 0)
            .map(|i| self.net.ids[i])
            .collect();
        if !neg.is_empty() {
            self.warnings.push(Warning::NegativeFloat { tasks: neg });
        }
        Ok(())
    }

    fn critical(&self, ti: usize) -> bool {
        self.tf[ti] <= 0
    }

    /// Critical leaves that drive `from` through an edge of kind `kind`, pushed to `out`.
    fn expand_pred(
        &mut self,
        from: usize,
        kind: EdgeKind,
        out: &mut Vec<u32>,
    ) -> Result<(), ScheduleError> {
        let n = self.net.n;
        if from >= n {
            // Open node: follow its own tight in-edges.
            let es = self.es[from];
            for i in self.net.in_start[from] as usize..self.net.in_start[from + 1] as usize {
                let e = self.net.in_edges[i];
                if self.edge_start_bound(e, from)? == es {
                    let ed = self.net.edges[e as usize];
                    self.expand_pred(ed.from as usize, ed.kind, out)?;
                }
            }
            return Ok(());
        }
        if !self.net.is_summary(from) {
            if self.critical(from) {
                out.push(from as u32);
            }
            return Ok(());
        }
        // A summary as predecessor: the children that set its rolled-up start or finish.
        let by_start = matches!(kind, EdgeKind::Link(LinkKind::Ss | LinkKind::Sf));
        let target = if by_start {
            self.es[from]
        } else {
            self.ef[from]
        };
        for i in self.net.in_start[from] as usize..self.net.in_start[from + 1] as usize {
            let c = self.net.edges[self.net.in_edges[i] as usize].from as usize;
            let v = if by_start { self.es[c] } else { self.ef[c] };
            if v == target {
                self.expand_pred(c, kind, out)?;
            }
        }
        Ok(())
    }

    fn critical_paths(&mut self, max: usize) -> Result<Vec<Vec<TaskId>>, ScheduleError> {
        let n = self.net.n;
        let crit: Vec<usize> = (0..n)
            .filter(|&i| !self.net.is_summary(i) && self.critical(i))
            .collect();
        if crit.is_empty() || max == 0 {
            return Ok(vec![]);
        }
        let mut preds: Vec<Vec<u32>> = vec![vec![]; n];
        let mut succs: Vec<Vec<u32>> = vec![vec![]; n];
        let mut buf = vec![];
        for &j in &crit {
            buf.clear();
            let tlk = self.task_tl[j] as usize;
            let wes = self.tls[tlk]
                .work_at(self.es[j])
                .map_err(|e| self.cal_err(j, e))?;
            for i in self.net.in_start[j] as usize..self.net.in_start[j + 1] as usize {
                let e = self.net.in_edges[i];
                let b = self.edge_start_bound(e, j)?;
                let tight = if self.dur[j] == 0 {
                    b == self.es[j]
                        || self.tls[tlk].work_at(b).map_err(|e| self.cal_err(j, e))? == wes
                } else {
                    self.tls[tlk].work_at(b).map_err(|e| self.cal_err(j, e))? == wes
                };
                if tight {
                    let ed = self.net.edges[e as usize];
                    self.expand_pred(ed.from as usize, ed.kind, &mut buf)?;
                }
            }
            buf.sort_unstable();
            buf.dedup();
            for &p in &buf {
                preds[j].push(p);
                succs[p as usize].push(j as u32);
            }
        }
        let mut paths = vec![];
        // Iterative depth-first enumeration from every critical start, in id order.
        for &s in crit.iter().filter(|&&j| preds[j].is_empty()) {
            let mut stack: Vec<(u32, usize)> = vec![(s as u32, 0)];
            while let Some(&mut (v, ref mut next)) = stack.last_mut() {
                let sv = &succs[v as usize];
                if sv.is_empty() {
                    paths.push(
                        stack
                            .iter()
                            .map(|(x, _)| self.net.ids[*x as usize])
                            .collect::<Vec<_>>(),
                    );
                    if paths.len() >= max {
                        return Ok(paths);
                    }
                    stack.pop();
                    continue;
                }
                if *next < sv.len() {
                    let w = sv[*next];
                    *next += 1;
                    stack.push((w, 0));
                } else {
                    stack.pop();
                }
            }
        }
        Ok(paths)
    }

    fn finish_result(
        mut self,
        start: i64,
        finish: i64,
        late_mode: bool,
        critical_paths: Vec<Vec<TaskId>>,
    ) -> Result<Schedule, ScheduleError> {
        let n = self.net.n;
        let mut tasks = Vec::with_capacity(n);
        let p = self.p;
        for (ti, t) in p.tasks.values().enumerate() {
            let id = self.net.ids[ti];
            let summary = self.net.is_summary(ti);
            let kind = if summary {
                TaskKind::Summary
            } else if t.milestone || t.duration.as_minutes() == 0 {
                TaskKind::Milestone
            } else {
                TaskKind::Task
            };
            let duration = if summary {
                let tl = &mut self.tls[0];
                let r = tl
                    .work_at(self.ef[ti])
                    .and_then(|b| Ok(b - tl.work_at(self.es[ti])?));
                Duration::minutes(r.map_err(|e| self.cal_err(ti, e))?)
            } else {
                t.duration
            };
            tasks.push(ScheduledTask {
                id,
                name: t.name.clone(),
                kind,
                epoch: self.epoch,
                es: self.es[ti],
                ef: self.ef[ti],
                ls: self.ls[ti],
                lf: self.lf[ti],
                late: late_mode || t.constraint == Constraint::Alap,
                duration,
                total_float: Duration::minutes(self.tf[ti]),
                free_float: Duration::minutes(self.ff[ti]),
                critical: self.tf[ti] <= 0,
                driver: self.driver(ti, t.calendar),
            });
        }
        debug_assert_eq!(tasks.len(), n);
        Ok(Schedule {
            revision: self.p.revision,
            epoch: self.epoch,
            start,
            finish,
            tasks,
            critical_paths,
            warnings: self.warnings,
        })
    }

    fn driver(&self, node: usize, calendar: Option<CalendarId>) -> Driver {
        let src = self.src[node];
        let base = match src {
            SRC_START => Driver::ProjectStart,
            SRC_CONSTRAINT => Driver::Constraint {
                kind: self.cons[self.net.node_task[node] as usize].kind(),
            },
            SRC_LEVELING => Driver::Leveling,
            e => {
                let ed = self.net.edges[e as usize];
                let from_task = self.net.ids[self.net.node_task[ed.from as usize] as usize];
                match ed.kind {
                    EdgeKind::Link(kind) => Driver::Predecessor {
                        task: from_task,
                        kind,
                    },
                    _ => Driver::Summary { task: from_task },
                }
            }
        };
        if self.cal_shift[node] {
            let cal = calendar.unwrap_or(self.p.calendar);
            Driver::Calendar {
                calendar: cal,
                cause: Box::new(base),
            }
        } else {
            base
        }
    }
}
