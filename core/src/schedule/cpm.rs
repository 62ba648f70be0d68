//! Forward and backward passes over the compact network.

use chrono::{Datelike, NaiveDateTime, NaiveTime};

use super::ScheduleError;
use super::limits::{Check, Limits};
use super::network::{EdgeKind, Network};
use super::result::{Driver, Schedule, ScheduledTask, Warning};
use crate::calendar::timeline::Timeline;
use crate::calendar::{CalendarError, Duration};
use crate::ids::{CalendarId, TaskId};
use crate::model::{Constraint, Lag, LinkKind, Project, ScheduleFrom, TaskKind};

mod incremental;
pub use incremental::{Rescheduled, Scheduler};

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

/// A time in the passes: absolute minutes, its working index, and the timeline that
/// index is on ([`UNKNOWN`]: none yet). Carrying the index saves looking it up again.
type At = (i64, i64, usize);
const UNKNOWN: usize = usize::MAX;

pub(crate) struct Ctx<'a> {
    p: &'a Project,
    pub(crate) net: &'a Network,
    pub(crate) tls: Vec<Timeline<'a>>,
    pub(crate) task_tl: &'a [u16],
    pub(crate) dur: Vec<i64>,
    cons: &'a [Constraint],
    deadline: &'a [Option<NaiveDateTime>],
    pub(crate) epoch: NaiveDateTime,
    pub(crate) es: Vec<i64>,
    pub(crate) ef: Vec<i64>,
    ls: Vec<i64>,
    lf: Vec<i64>,
    tf: Vec<i64>,
    ff: Vec<i64>,
    sff: Vec<i64>,
    /// Working indexes of `es`, `ef`, `ls` and `lf` on each node's timeline.
    pub(crate) esw: Vec<i64>,
    pub(crate) efw: Vec<i64>,
    lsw: Vec<i64>,
    lfw: Vec<i64>,
    /// Per edge: the working index, on the predecessor's timeline, of the lagged forward
    /// bound (before FF/SF conversion), reused for free float.
    lagged_w: Vec<i64>,
    src: Vec<u32>,
    cal_shift: Vec<bool>,
    /// Per task: earliest start set by resource leveling (minutes; `i64::MIN`: none).
    pub(crate) floor: Vec<i64>,
    /// Per task: the adopted leveling delays in elapsed minutes (the network's, or empty
    /// when the leveler asks for the plan without them).
    pub(crate) delay: Vec<i64>,
    /// Per task, when floors are set: how far (elapsed minutes) the floor moved the start
    /// past the bound of links and constraints, i.e. the leveling delay that reproduces it.
    pub(crate) applied: Vec<i64>,
    /// Resource limits resolved inside the forward pass (resource-constrained Monte
    /// Carlo); `None` for the plain CPM.
    pub(crate) limits: Option<Box<Limits>>,
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
    let net = Network::build(project)?;
    Ok(Ctx::new(project, &net)?.result(options)?.0)
}

/// The early start of every leaf task from the forward pass alone (no late dates, floats
/// or critical paths): what a caller that only needs dates pays for.
///
/// # Errors
/// As [`cpm`].
pub(crate) fn early_starts(
    project: &Project,
) -> Result<Vec<(TaskId, NaiveDateTime)>, ScheduleError> {
    let net = Network::build(project)?;
    let mut c = Ctx::new(project, &net)?;
    match project.from {
        ScheduleFrom::Start(anchor) => {
            let a = c.minutes(anchor, TaskId(0), "")?;
            c.forward(a)?;
        }
        ScheduleFrom::Finish(_) => {
            c.dates()?;
        }
    }
    Ok((0..net.n)
        .filter(|&i| !net.is_summary(i))
        .map(|i| (net.ids[i], c.at(c.es[i])))
        .collect())
}

/// [`cpm`] without the adopted leveling delays and with leveling floors: `(task, earliest
/// start)` pairs (the start is at least the floor, after links and constraints). Returns
/// the schedule and, per floored task that the floor moved, the elapsed delay (minutes)
/// that reproduces its start as an adopted leveling delay.
pub(crate) fn cpm_with_floors(
    project: &Project,
    options: &CpmOptions,
    floors: &[(TaskId, NaiveDateTime)],
) -> Result<(Schedule, Vec<(TaskId, i64)>), ScheduleError> {
    let net = Network::build(project)?;
    let mut c = Ctx::new(project, &net)?;
    c.delay = Vec::new();
    if !floors.is_empty() {
        c.applied = vec![0; net.n];
    }
    for &(task, at) in floors {
        if let Ok(i) = net.ids.binary_search(&task) {
            c.floor[i] = at.signed_duration_since(c.epoch).num_minutes();
        }
    }
    let (s, applied) = c.result(options)?;
    let delays = applied
        .iter()
        .enumerate()
        .filter(|&(_, &d)| d > 0)
        .map(|(i, &d)| (net.ids[i], d))
        .collect();
    Ok((s, delays))
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
        let tls = match given.filter(|g| g.len() == net.cal_ids.len()) {
            Some(g) => g,
            None => compile_timelines(project, &net.cal_ids, epoch, &net.dur)?,
        };
        Ok(Ctx {
            p: project,
            net,
            tls,
            task_tl: &net.task_tl,
            dur: net.dur.clone(),
            cons: &net.cons,
            deadline: &net.deadline,
            epoch,
            es: vec![0; nodes],
            ef: vec![0; nodes],
            ls: vec![0; nodes],
            lf: vec![0; nodes],
            tf: vec![0; n],
            ff: vec![0; n],
            sff: vec![i64::MAX; n],
            esw: vec![0; nodes],
            efw: vec![0; nodes],
            lsw: vec![0; nodes],
            lfw: vec![0; nodes],
            lagged_w: vec![0; edges],
            src: vec![SRC_START; nodes],
            cal_shift: vec![false; nodes],
            floor: vec![i64::MIN; n],
            delay: net.delay.clone(),
            applied: Vec::new(),
            limits: None,
            warnings: vec![],
        })
    }

    /// Every pass and the result document, with the floor delays (see `applied`).
    fn result(mut self, options: &CpmOptions) -> Result<(Schedule, Vec<i64>), ScheduleError> {
        let (start, finish, late) = self.dates()?;
        self.roll_up();
        self.deadline_warnings()?;
        let critical_paths = self.critical_paths(options.max_critical_paths)?;
        let applied = std::mem::take(&mut self.applied);
        Ok((
            self.finish_result(start, finish, late, critical_paths)?,
            applied,
        ))
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
/// calendars by first use (the order `Network::build` gives `cal_ids`).
fn calendar_ids(project: &Project) -> Vec<CalendarId> {
    let mut ids = vec![project.calendar];
    for t in project.tasks.values() {
        super::network::timeline_index(&mut ids, t.calendar.unwrap_or(project.calendar));
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
                    let k = self.task_tl[t] as usize;
                    let (a, b) = ((self.es[t], self.esw[t], k), (self.ef[t], self.efw[t], k));
                    match (self.w_on(a, 0, t), self.w_on(b, 0, t)) {
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

    /// The timeline of a node (its task's).
    #[inline]
    fn tl_of(&self, node: usize) -> usize {
        self.task_tl[self.net.node_task[node] as usize] as usize
    }

    /// The working index of `at` on timeline `k`: its own when it is on `k`, else looked up.
    #[inline(always)]
    fn w_on(&mut self, at: At, k: usize, task: usize) -> Result<i64, ScheduleError> {
        if at.2 == k {
            return Ok(at.1);
        }
        self.look_up(at.0, k, task)
    }

    #[cold]
    #[inline(never)]
    fn look_up(&mut self, t: i64, k: usize, task: usize) -> Result<i64, ScheduleError> {
        self.tls[k].work_at(t).map_err(|e| self.cal_err(task, e))
    }

    /// Applies a lag forward (`sign = 1`) or backward (`sign = -1`) to `at`, for a link from
    /// node `from`. Working and percent lags count on the project calendar.
    #[inline]
    fn apply_lag(
        &mut self,
        at: At,
        lag: Lag,
        from: usize,
        sign: i64,
        task: usize,
    ) -> Result<At, ScheduleError> {
        if lag.is_zero() {
            return Ok(at);
        }
        let m = self.lag_minutes(lag, from) * sign;
        if let Lag::Elapsed(_) = lag {
            let t = at.0.checked_add(m).ok_or_else(|| {
                self.cal_err(
                    task,
                    CalendarError::Overflow {
                        calendar: self.tls[0].id(),
                    },
                )
            })?;
            return Ok((t, 0, UNKNOWN));
        }
        let w = self.w_on(at, 0, task)?;
        let tl = &mut self.tls[0];
        // Forward, the bound is the end of the lag's last working minute; backward, the
        // latest instant whose forward image still meets `t`: the start of the next working minute.
        let r = tl.add(w, m).and_then(|x| {
            let t = if sign < 0 {
                tl.start_at(x)?
            } else {
                tl.finish_at(x)?
            };
            Ok((t, x, 0))
        });
        r.map_err(|e| self.cal_err(task, e))
    }

    /// Start bound of a task that must finish at or after `f`.
    #[inline]
    fn finish_to_start(&mut self, task: usize, f: At) -> Result<At, ScheduleError> {
        let d = self.dur[task];
        if d == 0 {
            return Ok(f);
        }
        let k = self.task_tl[task] as usize;
        let w = self.w_on(f, k, task)?;
        let tl = &mut self.tls[k];
        let r = tl.add(w, -d).and_then(|x| Ok((tl.start_at(x)?, x, k)));
        r.map_err(|e| self.cal_err(task, e))
    }

    /// Finish bound of a task that must start at or before `s`.
    #[inline]
    fn start_to_finish(&mut self, task: usize, s: At) -> Result<At, ScheduleError> {
        let d = self.dur[task];
        if d == 0 {
            return Ok(s);
        }
        let k = self.task_tl[task] as usize;
        let w = self.w_on(s, k, task)?;
        let tl = &mut self.tls[k];
        let r = tl.add(w, d).and_then(|x| Ok((tl.finish_at(x)?, x, k)));
        r.map_err(|e| self.cal_err(task, e))
    }

    /// The start bound an in-edge puts on node `node` (a leaf or an open node), in minutes.
    #[inline]
    pub(crate) fn edge_start_bound(&mut self, e: u32, node: usize) -> Result<i64, ScheduleError> {
        Ok(self.edge_bound(e, node)?.0)
    }

    /// The start bound an in-edge puts on node `node`, with its working index.
    #[inline]
    fn edge_bound(&mut self, e: u32, node: usize) -> Result<At, ScheduleError> {
        let ed = self.net.edges[e as usize];
        let from = ed.from as usize;
        let task = self.net.node_task[node] as usize;
        let fc = self.tl_of(from);
        match ed.kind {
            EdgeKind::Open => Ok((self.es[from], self.esw[from], fc)),
            EdgeKind::Link(k) => {
                let base = match k {
                    LinkKind::Fs | LinkKind::Ff => (self.ef[from], self.efw[from], fc),
                    LinkKind::Ss | LinkKind::Sf => (self.es[from], self.esw[from], fc),
                };
                let t = self.apply_lag(base, ed.lag, from, 1, task)?;
                self.lagged_w[e as usize] = self.w_on(t, fc, task)?;
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
        // Resource limits (resource-constrained simulation): taken out of `self` for the
        // pass so the search can borrow the timelines. Put back on success.
        let mut limits = self.limits.take();
        if let Some(l) = limits.as_deref_mut() {
            l.reset();
        }
        for k in 0..self.net.topo.len() {
            let node = self.net.topo[k] as usize;
            self.forward_node(node, pstart, &mut limits)?;
        }
        self.limits = limits;
        Ok(())
    }

    /// The forward pass at one node (its predecessors done): early dates, working
    /// indexes, driver and calendar shift.
    #[inline(always)]
    pub(crate) fn forward_node(
        &mut self,
        node: usize,
        pstart: i64,
        limits: &mut Option<Box<Limits>>,
    ) -> Result<(), ScheduleError> {
        let n = self.net.n;
        let ti = self.net.node_task[node] as usize;
        let tlk = self.task_tl[ti] as usize;
        if node < n && self.net.is_summary(node) {
            // Close node: roll up the children.
            let (mut first, mut last) = (usize::MAX, usize::MAX);
            for &e in self.net.ins(node) {
                let f = self.net.edges[e as usize].from as usize;
                if first == usize::MAX || self.es[f] < self.es[first] {
                    first = f;
                }
                if last == usize::MAX || self.ef[f] > self.ef[last] {
                    last = f;
                }
            }
            if first == usize::MAX {
                return Ok(()); // a summary always has children
            }
            let (fa, la) = (self.tl_of(first), self.tl_of(last));
            self.esw[node] = self.w_on((self.es[first], self.esw[first], fa), tlk, ti)?;
            self.efw[node] = self.w_on((self.ef[last], self.efw[last], la), tlk, ti)?;
            self.es[node] = self.es[first];
            self.ef[node] = self.ef[last];
            let open = self.net.open_of[node] as usize;
            self.src[node] = self.src[open];
            self.cal_shift[node] = self.cal_shift[open];
            return Ok(());
        }
        let mut b: At = (pstart, 0, UNKNOWN);
        let mut src = SRC_START;
        let ins = self.net.in_start[node] as usize..self.net.in_start[node + 1] as usize;
        for i in ins.clone() {
            let e = self.net.in_edges[i];
            let sb = self.edge_bound(e, node)?;
            if sb.0 > b.0 {
                b = sb;
                src = e;
            }
        }
        let cdate = self.cons_minutes(ti)?;
        // Driven by nothing but the project start, a start-no-earlier-than or
        // finish-no-earlier-than date before the project start holds (Microsoft
        // documents that SNET, like MSO, can place a task before the project start).
        // (Looked at only for an early SNET/FNET date: off the common path.)
        let free = || {
            src == SRC_START
                && !ins.clone().any(|i| {
                    let e = self.net.in_edges[i] as usize;
                    matches!(self.net.edges[e].kind, EdgeKind::Link(_))
                })
        };
        if node >= n {
            // Open node of a summary: only SNET applies.
            if let (Constraint::Snet(_), Some(c)) = (self.cons[ti], cdate) {
                if c > b.0 || free() {
                    b = (c, 0, UNKNOWN);
                    src = SRC_CONSTRAINT;
                }
            }
            let w = self.w_on(b, tlk, ti)?;
            self.es[node] = b.0;
            self.ef[node] = b.0;
            self.esw[node] = w;
            self.efw[node] = w;
            self.src[node] = src;
            return Ok(());
        }
        if let Some(c) = cdate {
            let cons = self.cons[ti];
            let wb = self.w_on(b, tlk, ti)?;
            match cons {
                Constraint::Snet(_) => {
                    if c > b.0 || free() {
                        b = (c, 0, UNKNOWN);
                        src = SRC_CONSTRAINT;
                    }
                }
                Constraint::Fnet(_) => {
                    let s = self.finish_to_start(ti, (c, 0, UNKNOWN))?;
                    if s.0 > b.0 || free() {
                        b = s;
                        src = SRC_CONSTRAINT;
                    }
                }
                Constraint::Mso(_) | Constraint::Snlt(_) => {
                    let wc = self.w_on((c, 0, UNKNOWN), tlk, ti)?;
                    if wb > wc && !self.net.manual[ti] {
                        self.conflict(ti, c, b.0);
                    }
                    if wb > wc || matches!(cons, Constraint::Mso(_)) {
                        b = (c, wc, tlk);
                        src = SRC_CONSTRAINT;
                    }
                }
                Constraint::Mfo(_) | Constraint::Fnlt(_) => {
                    let s = self.finish_to_start(ti, (c, 0, UNKNOWN))?;
                    let ws = self.w_on(s, tlk, ti)?;
                    if wb > ws {
                        self.conflict(ti, s.0, b.0);
                    }
                    if wb > ws || matches!(cons, Constraint::Mfo(_)) {
                        b = s;
                        src = SRC_CONSTRAINT;
                    }
                }
                Constraint::Asap | Constraint::Alap => {}
            }
        }
        if let Some(&d) = self.delay.get(ti) {
            if d > 0 {
                b = (b.0.saturating_add(d), 0, UNKNOWN);
                src = SRC_LEVELING;
            }
        }
        if self.floor[ti] > b.0 {
            if let Some(a) = self.applied.get_mut(ti) {
                *a = self.floor[ti] - b.0;
            }
            b = (self.floor[ti], 0, UNKNOWN);
            src = SRC_LEVELING;
        }
        let d = self.dur[ti];
        let (mut s, mut f, mut shifted, mut w) = self.place(ti, tlk, b)?;
        if let Some(lim) = limits.as_deref_mut() {
            if lim.books(ti) && d > 0 && tlk == 0 && lim.searches(ti) {
                // On the project calendar a span is `d` working minutes wherever
                // it lands: one walk finds the earliest window.
                match lim.earliest(ti, w, d) {
                    Some(w2) => {
                        if w2 > w {
                            let m = self.tls[0].start_at(w2).map_err(|x| self.cal_err(ti, x))?;
                            src = SRC_LEVELING;
                            (s, f, shifted, w) = self.place(ti, tlk, (m, 0, UNKNOWN))?;
                        }
                        lim.book(ti, w, w + d);
                    }
                    None => {
                        lim.unresolved += 1;
                        lim.book(ti, w, w + d);
                    }
                }
            } else if lim.books(ti) && d > 0 {
                let search = lim.searches(ti);
                lim.begin(ti);
                loop {
                    let tl0 = &mut self.tls[0];
                    let ws = tl0.work_at(s);
                    let wf = tl0.work_at(f);
                    let (ws, wf) = match (ws, wf) {
                        (Ok(a), Ok(z)) => (a, z),
                        (Err(e), _) | (_, Err(e)) => return Err(self.cal_err(ti, e)),
                    };
                    let verdict = if search {
                        lim.check(ti, ws, wf)
                    } else {
                        Check::Fits
                    };
                    match verdict {
                        Check::Fits => {
                            lim.book(ti, ws, wf);
                            break;
                        }
                        Check::Never => {
                            lim.unresolved += 1;
                            lim.book(ti, ws, wf);
                            break;
                        }
                        Check::RetryAt(e) => {
                            let m = self.tls[0].start_at(e).map_err(|x| self.cal_err(ti, x))?;
                            src = SRC_LEVELING;
                            (s, f, shifted, w) = self.place(ti, tlk, (m, 0, UNKNOWN))?;
                        }
                    }
                }
            }
        }
        self.es[node] = s;
        self.ef[node] = f;
        self.esw[node] = w;
        self.efw[node] = w + d;
        self.src[node] = src;
        self.cal_shift[node] = shifted;
        Ok(())
    }

    /// A leaf's dates from its start bound: (start, finish, moved by its calendar, working
    /// index of the start on its timeline).
    fn place(
        &mut self,
        ti: usize,
        tlk: usize,
        b: At,
    ) -> Result<(i64, i64, bool, i64), ScheduleError> {
        let d = self.dur[ti];
        let w = self.w_on(b, tlk, ti)?;
        let b = b.0;
        let tl = &mut self.tls[tlk];
        let r = (|| -> Result<(i64, i64, bool), CalendarError> {
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
        Ok((s, f, shifted, w))
    }

    fn project_finish(&self, pstart: i64) -> i64 {
        (0..self.net.n)
            .filter(|&i| !self.net.is_summary(i))
            .map(|i| self.ef[i])
            .max()
            .unwrap_or(pstart)
    }

    pub(crate) fn backward(&mut self, pf: i64) -> Result<(), ScheduleError> {
        let pfw = self.finish_indexes(pf)?;
        for k in (0..self.net.topo.len()).rev() {
            let node = self.net.topo[k] as usize;
            self.backward_node(node, pf, &pfw)?;
        }
        Ok(())
    }

    /// The project finish's working index on every timeline.
    pub(crate) fn finish_indexes(&mut self, pf: i64) -> Result<Vec<i64>, ScheduleError> {
        let mut pfw = Vec::with_capacity(self.tls.len());
        for k in 0..self.tls.len() {
            pfw.push(self.w_on((pf, 0, UNKNOWN), k, 0)?);
        }
        Ok(pfw)
    }

    /// The backward pass at one node (its successors done): late dates, total and free
    /// float (`pfw`: [`finish_indexes`](Self::finish_indexes) of `pf`).
    #[inline(always)]
    pub(crate) fn backward_node(
        &mut self,
        node: usize,
        pf: i64,
        pfw: &[i64],
    ) -> Result<(), ScheduleError> {
        let n = self.net.n;
        let ti = self.net.node_task[node] as usize;
        let tlk = self.task_tl[ti] as usize;
        if node >= n {
            // Open node: the earliest late start of its children.
            let mut first = usize::MAX;
            for &e in self.net.outs(node) {
                let c = self.net.edges[e as usize].to as usize;
                if first == usize::MAX || self.ls[c] < self.ls[first] {
                    first = c;
                }
            }
            let ls = self.ls.get(first).copied().unwrap_or(i64::MAX);
            let w = if ls == i64::MAX {
                i64::MAX
            } else {
                let fa = self.tl_of(first);
                self.w_on((ls, self.lsw[first], fa), tlk, ti)?
            };
            self.ls[node] = ls;
            self.lf[node] = ls;
            self.lsw[node] = w;
            self.lfw[node] = w;
            return Ok(());
        }
        let summary = self.net.is_summary(node);
        let mut fb: At = (pf, pfw[0], 0);
        let mut sb: At = (i64::MAX, i64::MAX, UNKNOWN);
        let mut ffree = i64::MAX;
        let outs = self.net.out_start[node] as usize..self.net.out_start[node + 1] as usize;
        for i in outs {
            let e = self.net.out_edges[i];
            let ed = self.net.edges[e as usize];
            let to = ed.to as usize;
            let tc = self.tl_of(to);
            match ed.kind {
                EdgeKind::Link(kind) => {
                    let (base, on_start) = match kind {
                        LinkKind::Fs => ((self.ls[to], self.lsw[to], tc), false),
                        LinkKind::Ss => ((self.ls[to], self.lsw[to], tc), true),
                        LinkKind::Ff => ((self.lf[to], self.lfw[to], tc), false),
                        LinkKind::Sf => ((self.lf[to], self.lfw[to], tc), true),
                    };
                    let t = self.apply_lag(base, ed.lag, node, -1, ti)?;
                    if on_start {
                        if t.0 < sb.0 {
                            sb = t;
                        }
                    } else if t.0 < fb.0 {
                        fb = t;
                    }
                    // Free float: slack of this link against the successor's early dates.
                    let theirs = match kind {
                        LinkKind::Fs | LinkKind::Ss => (self.es[to], self.esw[to], tc),
                        LinkKind::Ff | LinkKind::Sf => (self.ef[to], self.efw[to], tc),
                    };
                    // The forward pass already lagged this task's date for this edge.
                    let slack = self.w_on(theirs, tlk, ti)? - self.lagged_w[e as usize];
                    ffree = ffree.min(slack);
                }
                EdgeKind::Close => {
                    if self.lf[to] < fb.0 {
                        fb = (self.lf[to], self.lfw[to], tc);
                    }
                    if self.es[node] == self.es[to] && self.ls[to] < sb.0 {
                        sb = (self.ls[to], self.lsw[to], tc);
                    }
                    let up = self.sff[to];
                    if up != i64::MAX {
                        let gap =
                            self.w_on((self.ef[to], self.efw[to], tc), tlk, ti)? - self.efw[node];
                        ffree = ffree.min(gap.saturating_add(up));
                    }
                }
                EdgeKind::Open => unreachable!("open edges leave open nodes only"),
            }
        }
        if summary {
            self.lf[node] = fb.0;
            self.lfw[node] = self.w_on(fb, tlk, ti)?;
            self.ls[node] = sb.0;
            self.lsw[node] = if sb.0 == i64::MAX {
                i64::MAX
            } else {
                self.w_on(sb, tlk, ti)?
            };
            self.sff[ti] = ffree;
            return Ok(());
        }
        if sb.0 != i64::MAX {
            let f = self.start_to_finish(ti, sb)?;
            if f.0 < fb.0 {
                fb = f;
            }
        }
        if let Some(dl) = self.deadline[ti] {
            let m = self.minutes(dl, self.net.ids[ti], &self.name(ti))?;
            if m < fb.0 {
                fb = (m, 0, UNKNOWN);
            }
        }
        if let Some(c) = self.cons_minutes(ti)?.filter(|_| !self.net.manual[ti]) {
            match self.cons[ti] {
                Constraint::Mso(_) | Constraint::Snlt(_) => {
                    let f = self.start_to_finish(ti, (c, 0, UNKNOWN))?;
                    if f.0 < fb.0 {
                        fb = f;
                    }
                }
                Constraint::Mfo(_) | Constraint::Fnlt(_) if c < fb.0 => fb = (c, 0, UNKNOWN),
                _ => {}
            }
        }
        let d = self.dur[ti];
        let w = self.w_on(fb, tlk, ti)?;
        let fb = fb.0;
        // A manually scheduled task shows a late finish at the start of a working
        // period where its successor's bound put it, as MS Project does.
        let manual = self.net.manual[ti];
        let tl = &mut self.tls[tlk];
        let r = (|| -> Result<(i64, i64, i64), CalendarError> {
            let f = tl.finish_at(w)?;
            if d == 0 {
                let keep = f == fb || tl.start_at(w)? == fb;
                let lf = if keep { fb } else { f };
                return Ok((lf, lf, w));
            }
            let lf = if manual && tl.start_at(w)? == fb {
                fb
            } else {
                f
            };
            let wls = tl.add(w, -d)?;
            Ok((tl.start_at(wls)?, lf, wls))
        })();
        let (ls, lf, wls) = r.map_err(|e| self.cal_err(ti, e))?;
        self.ls[node] = ls;
        self.lf[node] = lf;
        self.lsw[node] = wls;
        self.lfw[node] = w;
        let tf = (wls - self.esw[node]).min(w - self.efw[node]);
        let to_end = pfw[tlk] - self.efw[node];
        self.tf[ti] = tf;
        let free = if ffree == i64::MAX { to_end } else { ffree };
        self.ff[ti] = free.min(tf).max(0);
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
        // Most predecessors are leaves: no walk, no allocation.
        if from < n && !self.net.is_summary(from) {
            if self.critical(from) {
                out.push(from as u32);
            }
            return Ok(());
        }
        // Depth first with an explicit stack (a deep WBS would overflow the call
        // stack, 1 MiB in wasm): the same order as the recursive walk, children pushed
        // in reverse.
        let mut stack: Vec<(usize, EdgeKind)> = vec![(from, kind)];
        let mut next: Vec<(usize, EdgeKind)> = vec![];
        while let Some((from, kind)) = stack.pop() {
            next.clear();
            if from >= n {
                // Open node: follow its own tight in-edges.
                let es = self.es[from];
                for i in self.net.in_start[from] as usize..self.net.in_start[from + 1] as usize {
                    let e = self.net.in_edges[i];
                    if self.edge_start_bound(e, from)? == es {
                        let ed = self.net.edges[e as usize];
                        next.push((ed.from as usize, ed.kind));
                    }
                }
            } else if !self.net.is_summary(from) {
                if self.critical(from) {
                    out.push(from as u32);
                }
            } else {
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
                        next.push((c, kind));
                    }
                }
            }
            stack.extend(next.drain(..).rev());
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
            let wes = self.esw[j];
            for i in self.net.in_start[j] as usize..self.net.in_start[j + 1] as usize {
                let e = self.net.in_edges[i];
                let b = self.edge_bound(e, j)?;
                let tight = (self.dur[j] == 0 && b.0 == self.es[j]) || self.w_on(b, tlk, j)? == wes;
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
        for ti in 0..n {
            tasks.push(self.scheduled_task(ti, late_mode)?);
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

    /// Task `ti`'s entry of the result.
    #[inline]
    fn scheduled_task(
        &mut self,
        ti: usize,
        late_mode: bool,
    ) -> Result<ScheduledTask, ScheduleError> {
        let net = self.net;
        let summary = net.is_summary(ti);
        let d = net.dur[ti];
        let kind = if summary {
            TaskKind::Summary
        } else if net.milestone[ti] || d == 0 {
            TaskKind::Milestone
        } else {
            TaskKind::Task
        };
        let duration = if summary {
            let k = self.task_tl[ti] as usize;
            let f = self.w_on((self.ef[ti], self.efw[ti], k), 0, ti)?;
            let s = self.w_on((self.es[ti], self.esw[ti], k), 0, ti)?;
            Duration::minutes(f - s)
        } else {
            Duration::minutes(d)
        };
        Ok(ScheduledTask {
            id: net.ids[ti],
            name: net.names[ti].clone(),
            kind,
            epoch: self.epoch,
            es: self.es[ti],
            ef: self.ef[ti],
            ls: self.ls[ti],
            lf: self.lf[ti],
            late: late_mode || net.cons[ti] == Constraint::Alap,
            duration,
            total_float: Duration::minutes(self.tf[ti]),
            free_float: Duration::minutes(self.ff[ti]),
            critical: self.tf[ti] <= 0,
            driver: self.driver(ti),
        })
    }

    fn driver(&self, node: usize) -> Driver {
        let src = self.src[node];
        let base = match src {
            SRC_START => Driver::ProjectStart,
            SRC_CONSTRAINT if self.net.manual[self.net.node_task[node] as usize] => Driver::Manual,
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
            let ti = self.net.node_task[node] as usize;
            Driver::Calendar {
                calendar: self.net.cal_ids[self.net.task_tl[ti] as usize],
                cause: Box::new(base),
            }
        } else {
            base
        }
    }
}
