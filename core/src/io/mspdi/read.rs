//! MSPDI → [`Project`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDateTime};

use super::Ctx;
use super::calendars::RawCal;
use super::values::{
    boolean, datetime, format_is_elapsed, format_is_percent, format_known, iso_minutes,
};
use super::xml::{Cursor, Item, Node, Tree};
use crate::calendar::{Calendar, Duration};
use crate::ids::{CalendarId, ResourceId, TaskId};
use crate::io::IoError;
use crate::model::{
    Assignment, Availability, Baseline, BaselineTask, Constraint, ConstraintKind, CostRate,
    Dependency, Foreign, ForeignAssignment, Lag, LinkKind, Project, Resource, ResourceKind,
    ScheduleFrom, Task,
};

/// Task children planix models or recomputes; every other child is kept verbatim.
static TASK_READ: &[&str] = &[
    "UID",
    "ID",
    "Name",
    "Manual",
    "IsNull",
    "OutlineNumber",
    "OutlineLevel",
    "Priority",
    "LevelingDelay",
    "LevelingDelayFormat",
    "Start",
    "Finish",
    "Duration",
    "ManualStart",
    "ManualFinish",
    "ManualDuration",
    "DurationFormat",
    "Work",
    "Stop",
    "Resume",
    "ResumeValid",
    "EffortDriven",
    "Milestone",
    "Summary",
    "Critical",
    "EarlyStart",
    "EarlyFinish",
    "LateStart",
    "LateFinish",
    "StartVariance",
    "FinishVariance",
    "WorkVariance",
    "FreeSlack",
    "StartSlack",
    "FinishSlack",
    "TotalSlack",
    "FixedCost",
    "PercentComplete",
    "PercentWorkComplete",
    "Cost",
    "OvertimeCost",
    "OvertimeWork",
    "ActualStart",
    "ActualFinish",
    "ActualDuration",
    "ActualCost",
    "ActualOvertimeCost",
    "ActualWork",
    "ActualOvertimeWork",
    "RegularWork",
    "RemainingDuration",
    "RemainingCost",
    "RemainingWork",
    "RemainingOvertimeCost",
    "RemainingOvertimeWork",
    "ACWP",
    "CV",
    "ConstraintType",
    "CalendarUID",
    "ConstraintDate",
    "Deadline",
    "Notes",
    "BCWS",
    "BCWP",
    "PhysicalPercentComplete",
    "PredecessorLink",
    "Baseline",
];

static RESOURCE_READ: &[&str] = &[
    "UID",
    "ID",
    "Name",
    "Type",
    "IsNull",
    "MaterialLabel",
    "MaxUnits",
    "StandardRate",
    "StandardRateFormat",
    "OvertimeRate",
    "OvertimeRateFormat",
    "CostPerUse",
    "CalendarUID",
    "IsCostResource",
    "Rates",
    "AvailabilityPeriods",
    "AvailableFrom",
    "AvailableTo",
    "Work",
    "RegularWork",
    "Cost",
    "RemainingWork",
    "RemainingCost",
    "ActualWork",
    "ActualCost",
    "ACWP",
    "BCWS",
    "BCWP",
    "CV",
    "SV",
    "PeakUnits",
    "OverAllocated",
    "PercentWorkComplete",
    "OvertimeCost",
    "OvertimeWork",
    "ActualOvertimeCost",
    "ActualOvertimeWork",
    "RemainingOvertimeCost",
    "RemainingOvertimeWork",
    "WorkVariance",
    "CostVariance",
];

static ASSIGNMENT_READ: &[&str] = &[
    "UID",
    "TaskUID",
    "ResourceUID",
    "Units",
    "Cost",
    "OvertimeWork",
    "Work",
    "RegularWork",
    "Start",
    "Finish",
    "RemainingWork",
    "RemainingCost",
    "BCWS",
    "BCWP",
    "ACWP",
    "CV",
    "SV",
    "VAC",
    "CostVariance",
    "WorkVariance",
    "StartVariance",
    "FinishVariance",
];

/// A static name list as an open-addressing table of (key, name), built once.
struct NameSet {
    slots: Vec<(u64, &'static str)>,
    bits: u32,
}

impl NameSet {
    fn new(list: &[&'static str]) -> Self {
        let bits = (4 * list.len()).next_power_of_two().trailing_zeros().max(4);
        let mut slots = vec![(0, ""); 1 << bits];
        let mask = slots.len() - 1;
        for n in list {
            let k = super::xml::key(n);
            let mut at = Self::slot(k, bits);
            while !slots[at].1.is_empty() && slots[at].1 != *n {
                at = (at + 1) & mask;
            }
            slots[at] = (k, n);
        }
        NameSet { slots, bits }
    }

    fn slot(k: u64, bits: u32) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    fn contains(&self, name: &str) -> bool {
        let k = super::xml::key(name);
        let mask = self.slots.len() - 1;
        let mut at = Self::slot(k, self.bits);
        loop {
            let (sk, sn) = self.slots[at];
            if sn.is_empty() {
                return false;
            }
            if sk == k && sn == name {
                return true;
            }
            at = (at + 1) & mask;
        }
    }
}

/// The name set of one of the lists above (statics: one address each).
fn name_set(list: &'static [&'static str]) -> &'static NameSet {
    use std::sync::OnceLock;
    static TASK: OnceLock<NameSet> = OnceLock::new();
    static RESOURCE: OnceLock<NameSet> = OnceLock::new();
    static ASSIGNMENT: OnceLock<NameSet> = OnceLock::new();
    let cell = if std::ptr::eq(list, RESOURCE_READ) {
        &RESOURCE
    } else if std::ptr::eq(list, ASSIGNMENT_READ) {
        &ASSIGNMENT
    } else {
        &TASK
    };
    cell.get_or_init(|| NameSet::new(list))
}

struct RawTask {
    task: Task,
    calendar: Option<u32>,
    elapsed: bool,
    /// The leveling delay was given in working time (converted with the file's minutes
    /// per day once the header is read).
    working_delay: bool,
    level: u32,
    links: Vec<RawLink>,
    baselines: Vec<(u8, BaselineTask)>,
}

struct RawLink {
    predecessor: i64,
    kind: LinkKind,
    lag: Lag,
    xml: (usize, usize),
}

struct RawResource {
    resource: Resource,
    calendar: Option<u32>,
}

#[derive(Default)]
struct Props {
    name: Option<String>,
    title: Option<String>,
    from_start: bool,
    start: Option<NaiveDateTime>,
    finish: Option<NaiveDateTime>,
    status: Option<NaiveDateTime>,
    current: Option<NaiveDateTime>,
    calendar: Option<u32>,
    per_day: Option<u32>,
    per_week: Option<u32>,
}

/// The largest task, resource or calendar UID read (planix ids are 32-bit).
const MAX_UID: i64 = u32::MAX as i64 - 1;

impl<'a> Ctx<'a> {
    pub(crate) fn uid(&self, node: Node<'_, '_>, element: &'static str) -> Result<u32, IoError> {
        let t = node
            .get("UID")
            .ok_or_else(|| self.err(element, None, "has no UID"))?;
        match t.parse::<i64>() {
            Ok(v) if (0..=MAX_UID).contains(&v) => Ok(v as u32),
            _ => Err(self.err(
                element,
                None,
                format!("UID {t:?} is not a number from 0 to {MAX_UID}"),
            )),
        }
    }

    /// A child's text parsed by `parse`, or `None` when absent; a bad value is an error
    /// naming the element, its UID and the field.
    fn field<T>(
        &self,
        n: Node<'_, '_>,
        name: &str,
        element: &'static str,
        uid: u32,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, IoError> {
        n.get(name)
            .map(|t| {
                parse(t).map_err(|m| self.err(element, Some(uid.into()), format!("{name}: {m}")))
            })
            .transpose()
    }

    fn int(
        &self,
        n: Node<'_, '_>,
        name: &str,
        e: &'static str,
        uid: u32,
    ) -> Result<Option<i64>, IoError> {
        self.field(n, name, e, uid, |t| {
            t.parse()
                .map_err(|_| format!("{t:?} is not a whole number"))
        })
    }

    fn num(
        &self,
        n: Node<'_, '_>,
        name: &str,
        e: &'static str,
        uid: u32,
    ) -> Result<Option<f64>, IoError> {
        self.field(n, name, e, uid, |t| {
            t.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("{t:?} is not a number"))
        })
    }

    fn flag(
        &self,
        n: Node<'_, '_>,
        name: &str,
        e: &'static str,
        uid: u32,
    ) -> Result<bool, IoError> {
        Ok(self.field(n, name, e, uid, boolean)?.unwrap_or(false))
    }

    fn date(
        &self,
        n: Node<'_, '_>,
        name: &str,
        e: &'static str,
        uid: u32,
    ) -> Result<Option<NaiveDateTime>, IoError> {
        self.field(n, name, e, uid, datetime)
    }

    fn minutes(
        &self,
        n: Node<'_, '_>,
        name: &str,
        e: &'static str,
        uid: u32,
    ) -> Result<Option<i64>, IoError> {
        self.field(n, name, e, uid, iso_minutes)
    }

    fn keep(&self, node: Node<'_, '_>, read: &'static [&'static str], out: &mut String) {
        let read = name_set(read);
        for k in node.kids() {
            if !read.contains(k.name()) {
                out.push_str(self.cur.slice(k.span()));
            }
        }
    }

    fn raw_task(
        &self,
        node: Node<'_, '_>,
        foreign: &mut String,
    ) -> Result<Option<RawTask>, IoError> {
        const E: &str = "Task";
        let uid = self.uid(node, E)?;
        if self.flag(node, "IsNull", E, uid)? || uid == 0 {
            return Ok(None);
        }
        let level = match self.int(node, "OutlineLevel", E, uid)? {
            Some(l) if (0..=1000).contains(&l) => l as u32,
            Some(l) => {
                return Err(self.err(
                    E,
                    Some(uid.into()),
                    format!("OutlineLevel {l} is out of range"),
                ));
            }
            None => node
                .get("OutlineNumber")
                .map_or(1, |n| n.split('.').count() as u32),
        };
        if level == 0 {
            return Ok(None);
        }
        let mut t = Task::new(node.get("Name").unwrap_or(""));
        t.id = TaskId(uid);
        let fmt = self.int(node, "DurationFormat", E, uid)?;
        if let Some(f) = fmt.filter(|f| !format_known(*f)) {
            return Err(self.err(E, Some(uid.into()), format!("unknown DurationFormat {f}")));
        }
        let elapsed = fmt.is_some_and(format_is_elapsed);
        let d = self.minutes(node, "Duration", E, uid)?.unwrap_or(0);
        if d < 0 {
            return Err(self.err(E, Some(uid.into()), "negative Duration"));
        }
        t.duration = Duration::minutes(d);
        t.milestone = self.flag(node, "Milestone", E, uid)?;
        if let Some(p) = self.int(node, "Priority", E, uid)? {
            t.priority = u16::try_from(p)
                .ok()
                .filter(|p| *p <= 1000)
                .ok_or_else(|| {
                    self.err(
                        E,
                        Some(uid.into()),
                        format!("Priority {p} is not 0 to 1000"),
                    )
                })?;
        }
        let kind = match self.int(node, "ConstraintType", E, uid)?.unwrap_or(0) {
            0 => ConstraintKind::Asap,
            1 => ConstraintKind::Alap,
            2 => ConstraintKind::Mso,
            3 => ConstraintKind::Mfo,
            4 => ConstraintKind::Snet,
            5 => ConstraintKind::Snlt,
            6 => ConstraintKind::Fnet,
            7 => ConstraintKind::Fnlt,
            k => return Err(self.err(E, Some(uid.into()), format!("unknown ConstraintType {k}"))),
        };
        let cdate = self.date(node, "ConstraintDate", E, uid)?;
        t.constraint = match kind {
            ConstraintKind::Asap | ConstraintKind::Alap => Constraint::of_kind(kind, None),
            _ => Constraint::of_kind(kind, cdate),
        }
        .map_err(|e| self.err(E, Some(uid.into()), e.to_string()))?;
        t.deadline = self.date(node, "Deadline", E, uid)?;
        // Leveling delay: tenths of minutes in LevelingDelayFormat (elapsed days, 8, by
        // default). planix levels forward only, so a negative delay (Project allows one
        // when scheduling from the finish) reads as none.
        let lev = self.int(node, "LevelingDelay", E, uid)?.unwrap_or(0);
        if lev.unsigned_abs() > (crate::model::MAX_MINUTES as u64) * 10 {
            return Err(self.err(
                E,
                Some(uid.into()),
                format!("LevelingDelay {lev} is out of range"),
            ));
        }
        let lev_fmt = self.int(node, "LevelingDelayFormat", E, uid)?.unwrap_or(8);
        if !format_known(lev_fmt) || format_is_percent(lev_fmt) {
            return Err(self.err(
                E,
                Some(uid.into()),
                format!("unknown LevelingDelayFormat {lev_fmt}"),
            ));
        }
        t.leveling_delay = Duration::minutes((lev.max(0) as f64 / 10.0).round() as i64);
        let working_delay = !format_is_elapsed(lev_fmt) && !t.leveling_delay.is_zero();
        t.notes = node.get("Notes").unwrap_or("").to_string();
        t.fixed_cost = self.num(node, "FixedCost", E, uid)?.unwrap_or(0.0);
        t.effort_driven = self.flag(node, "EffortDriven", E, uid)?;
        if self.flag(node, "Manual", E, uid)? {
            t.manual_start =
                self.date(node, "Start", E, uid)?
                    .or(self.date(node, "ManualStart", E, uid)?);
        }
        let calendar = match self.int(node, "CalendarUID", E, uid)? {
            Some(c) if c > 0 && c <= MAX_UID => Some(c as u32),
            _ => None,
        };
        // Progress.
        let pr = &mut t.progress;
        pr.actual_start = self.date(node, "ActualStart", E, uid)?;
        pr.actual_finish = self.date(node, "ActualFinish", E, uid)?;
        let pct = self.int(node, "PercentComplete", E, uid)?.unwrap_or(0);
        pr.percent_complete = u8::try_from(pct)
            .ok()
            .filter(|p| *p <= 100)
            .ok_or_else(|| {
                self.err(
                    E,
                    Some(uid.into()),
                    format!("PercentComplete {pct} is not 0 to 100"),
                )
            })?;
        if let Some(p) = self
            .int(node, "PhysicalPercentComplete", E, uid)?
            .filter(|p| *p != 0)
        {
            pr.physical_percent =
                Some(u8::try_from(p).ok().filter(|p| *p <= 100).ok_or_else(|| {
                    self.err(
                        E,
                        Some(uid.into()),
                        format!("PhysicalPercentComplete {p} is not 0 to 100"),
                    )
                })?);
        }
        if pr.actual_start.is_some() && pr.actual_finish.is_none() {
            // Project keeps Duration = ActualDuration + RemainingDuration; a remaining
            // duration is recorded only when the file breaks that.
            if let Some(r) = self.minutes(node, "RemainingDuration", E, uid)? {
                let actual = self.minutes(node, "ActualDuration", E, uid)?;
                let consistent = actual.is_some_and(|a| a + r == d);
                if !consistent && r != pr.remaining_of(t.duration).as_minutes() {
                    pr.remaining = Some(Duration::minutes(r.max(0)));
                }
            }
        }
        if let Some(w) = self.minutes(node, "ActualWork", E, uid)?.filter(|w| *w > 0) {
            pr.actual_work = Some(w as f64 / 60.0);
        }
        if let Some(c) = self.num(node, "ActualCost", E, uid)?.filter(|c| *c != 0.0) {
            pr.actual_cost = Some(c);
        }
        // Project keeps progress consistent; where a file does not, read it the way
        // Project shows it: a task with done work has started (at its start), a 100%
        // task has finished (at its finish), an actual finish means 100%.
        if pr.actual_start.is_none() && pr.percent_complete == 0 && pr.actual_finish.is_none() {
            // An actual cost (a fixed cost accrued at the start) or a physical percent
            // can be recorded before work starts.
            pr.actual_work = None;
            pr.actual_cost = None;
            pr.physical_percent = None;
        }
        if pr.actual_start.is_none() && (pr.percent_complete > 0 || pr.actual_finish.is_some()) {
            pr.actual_start = self.date(node, "Start", E, uid)?.or(pr.actual_finish);
        }
        if pr.actual_finish.is_some() {
            pr.percent_complete = 100;
        } else if pr.percent_complete == 100 {
            pr.actual_finish = self.date(node, "Finish", E, uid)?.or(pr.actual_start);
        }
        if let (Some(s), Some(f)) = (pr.actual_start, pr.actual_finish) {
            if f < s {
                pr.actual_finish = Some(s);
            }
        }
        // Links.
        let mut links = vec![];
        for l in node.all("PredecessorLink") {
            let cross = match l.get("CrossProject") {
                Some(x) => {
                    boolean(x).map_err(|m| self.err("PredecessorLink", Some(uid.into()), m))?
                }
                None => false,
            };
            let Some(p) = l.get("PredecessorUID") else {
                foreign.push_str(self.cur.slice(l.span()));
                continue;
            };
            if cross {
                foreign.push_str(self.cur.slice(l.span()));
                continue;
            }
            let bad = |m: String| self.err("PredecessorLink", Some(uid.into()), m);
            let predecessor: i64 = p
                .parse()
                .map_err(|_| bad(format!("PredecessorUID {p:?} is not a number")))?;
            let kind = match l.get("Type").unwrap_or("1").parse::<i64>() {
                Ok(0) => LinkKind::Ff,
                Ok(1) => LinkKind::Fs,
                Ok(2) => LinkKind::Sf,
                Ok(3) => LinkKind::Ss,
                _ => {
                    return Err(bad(format!(
                        "unknown link Type {:?}",
                        l.get("Type").unwrap_or("")
                    )));
                }
            };
            let lag_raw: i64 = match l.get("LinkLag") {
                Some(x) => x
                    .parse()
                    .map_err(|_| bad(format!("LinkLag {x:?} is not a whole number")))?,
                None => 0,
            };
            if lag_raw.unsigned_abs() > (crate::model::MAX_MINUTES as u64) * 10 {
                return Err(bad(format!("LinkLag {lag_raw} is out of range")));
            }
            let f: i64 = match l.get("LagFormat") {
                Some(x) => x
                    .parse()
                    .map_err(|_| bad(format!("LagFormat {x:?} is not a number")))?,
                None => 7,
            };
            if !format_known(f) {
                return Err(bad(format!("unknown LagFormat {f}")));
            }
            let lag = if format_is_percent(f) {
                Lag::Percent(lag_raw as i32)
            } else {
                // Tenths of minutes, rounded to the minute.
                let m = Duration::minutes((lag_raw as f64 / 10.0).round() as i64);
                if format_is_elapsed(f) {
                    Lag::Elapsed(m)
                } else {
                    Lag::Working(m)
                }
            };
            links.push(RawLink {
                predecessor,
                kind,
                lag,
                xml: l.span(),
            });
        }
        // Baselines.
        let mut baselines = vec![];
        for b in node.all("Baseline") {
            let Some(n) = self.int(b, "Number", E, uid)? else {
                continue;
            };
            let Ok(n) = u8::try_from(n) else { continue };
            if usize::from(n) > usize::from(crate::model::MAX_BASELINES) {
                continue;
            }
            let (Some(start), Some(finish)) = (
                self.date(b, "Start", E, uid)?,
                self.date(b, "Finish", E, uid)?,
            ) else {
                continue;
            };
            baselines.push((
                n,
                BaselineTask {
                    start,
                    finish,
                    duration: Duration::minutes(
                        self.minutes(b, "Duration", E, uid)?.unwrap_or(0).max(0),
                    ),
                    cost: self.num(b, "Cost", E, uid)?.unwrap_or(0.0),
                    work: self.minutes(b, "Work", E, uid)?.unwrap_or(0).max(0) as f64 / 60.0,
                },
            ));
        }
        self.keep(node, TASK_READ, foreign);
        Ok(Some(RawTask {
            task: t,
            calendar,
            elapsed,
            working_delay,
            level,
            links,
            baselines,
        }))
    }

    fn raw_resource(
        &self,
        node: Node<'_, '_>,
        foreign: &mut String,
    ) -> Result<Option<RawResource>, IoError> {
        const E: &str = "Resource";
        let uid = self.uid(node, E)?;
        if uid == 0 || self.flag(node, "IsNull", E, uid)? {
            return Ok(None);
        }
        let kind = match self.int(node, "Type", E, uid)?.unwrap_or(1) {
            0 if self.flag(node, "IsCostResource", E, uid)? => ResourceKind::Cost,
            0 => ResourceKind::Material,
            1 => ResourceKind::Work,
            2 => ResourceKind::Cost,
            k => return Err(self.err(E, Some(uid.into()), format!("unknown resource Type {k}"))),
        };
        let mut r = Resource::of_kind(node.get("Name").unwrap_or(""), kind);
        r.id = ResourceId(uid);
        if kind == ResourceKind::Work {
            if let Some(m) = self.num(node, "MaxUnits", E, uid)? {
                r.max_units = m;
            }
        }
        if let Some(l) = node.get("MaterialLabel") {
            r.material_label = l.to_string();
        }
        let mut rates = vec![];
        if let Some(rs) = node.child("Rates") {
            for rate in rs.all("Rate") {
                if self.int(rate, "RateTable", E, uid)?.unwrap_or(0) != 0 {
                    foreign.push_str(self.cur.slice(rate.span()));
                    continue;
                }
                let from = self
                    .date(rate, "RatesFrom", E, uid)?
                    .map(|d| d.date())
                    .filter(|d| d.year() > 1984);
                rates.push(CostRate {
                    from,
                    standard: self.num(rate, "StandardRate", E, uid)?.unwrap_or(0.0),
                    overtime: self.num(rate, "OvertimeRate", E, uid)?.unwrap_or(0.0),
                    per_use: self.num(rate, "CostPerUse", E, uid)?.unwrap_or(0.0),
                });
            }
        }
        if rates.is_empty() {
            let standard = self.num(node, "StandardRate", E, uid)?.unwrap_or(0.0);
            let overtime = self.num(node, "OvertimeRate", E, uid)?.unwrap_or(0.0);
            let per_use = self.num(node, "CostPerUse", E, uid)?.unwrap_or(0.0);
            if standard != 0.0 || overtime != 0.0 || per_use != 0.0 {
                rates.push(CostRate {
                    from: None,
                    standard,
                    overtime,
                    per_use,
                });
            }
        }
        rates.sort_by_key(|r| r.from);
        rates.dedup_by_key(|r| r.from);
        r.rates = rates;
        if let Some(ap) = node.child("AvailabilityPeriods") {
            for p in ap.all("AvailabilityPeriod") {
                let from = self.date(p, "AvailableFrom", E, uid)?.map(|d| d.date());
                let to = self.date(p, "AvailableTo", E, uid)?.map(|d| d.date());
                let units = self
                    .num(p, "AvailableUnits", E, uid)?
                    .unwrap_or(r.max_units);
                let (Some(from), Some(until)) = (from, to) else {
                    continue;
                };
                if until < from {
                    return Err(self.err(
                        E,
                        Some(uid.into()),
                        "availability period ends before it starts",
                    ));
                }
                if from.year() <= 1984 && until.year() >= 2049 {
                    r.max_units = units;
                    continue;
                }
                r.availability.push(Availability { from, until, units });
            }
            r.availability.sort_by_key(|a| a.from);
        }
        let calendar = match self.int(node, "CalendarUID", E, uid)? {
            Some(c) if c > 0 && c <= MAX_UID => Some(c as u32),
            _ => None,
        };
        self.keep(node, RESOURCE_READ, foreign);
        Ok(Some(RawResource {
            resource: r,
            calendar,
        }))
    }

    /// Reads a whole MSPDI document.
    pub(crate) fn project(&mut self) -> Result<Project, IoError> {
        // The root.
        let (root, at) = match self.cur.next()? {
            Item::Start(name, at) => (name, at),
            Item::End | Item::Eof => {
                return Err(self.err("Project", None, "the document has no root element"));
            }
        };
        if root != "Project" {
            let what = match root {
                "APIBusinessObjects" => " (it looks like Primavera P6 XML, PMXML)",
                "project" => " (it looks like a GanttProject or Planner file)",
                _ => "",
            };
            let (line, column) = self.cur.line_col(at);
            return Err(IoError::Mspdi {
                element: root.to_string(),
                uid: None,
                message: format!(
                    "not an MS Project XML (MSPDI) file: the root element is <{root}> at line {line}, column {column}, not <Project>{what}"
                ),
            });
        }
        self.cur.enter()?;
        let mut props = Props {
            from_start: true,
            ..Props::default()
        };
        let mut foreign = Foreign::default();
        let mut raw_cals: BTreeMap<u32, RawCal> = BTreeMap::new();
        let mut tasks: Vec<RawTask> = vec![];
        let mut task_foreign: Vec<String> = vec![];
        let mut resources: Vec<RawResource> = vec![];
        let mut assignments: Vec<(i64, i64, Assignment, String)> = vec![];
        let mut assign_nodes = 0usize;
        let mut tree = Tree::default();
        loop {
            let (name, at) = match self.cur.next()? {
                Item::Start(name, at) => (name, at),
                Item::End => break,
                Item::Eof => {
                    return Err(self.err("Project", None, "the document ends inside <Project>"));
                }
            };
            match name {
                "Calendars" | "Tasks" | "Resources" | "Assignments" => {
                    if !self.cur.enter()? {
                        continue;
                    }
                    loop {
                        let (child, cat) = match self.cur.next()? {
                            Item::Start(c, a) => (c, a),
                            Item::End => break,
                            Item::Eof => {
                                return Err(self.err(
                                    name,
                                    None,
                                    "the document ends inside the list",
                                ));
                            }
                        };
                        self.cur.node_into(&mut tree, child, cat)?;
                        let node = tree.root();
                        match (name, child) {
                            ("Calendars", "Calendar") => {
                                let c = self.raw_calendar(node)?;
                                if raw_cals.contains_key(&c.uid) {
                                    return Err(self.err(
                                        "Calendar",
                                        Some(c.uid.into()),
                                        "duplicate UID",
                                    ));
                                }
                                raw_cals.insert(c.uid, c);
                            }
                            ("Tasks", "Task") => {
                                if tasks.len() >= crate::model::MAX_TASKS {
                                    return Err(IoError::Invalid(
                                        crate::model::ModelError::TooManyTasks {
                                            limit: crate::model::MAX_TASKS,
                                        },
                                    ));
                                }
                                let mut f = String::new();
                                if let Some(t) = self.raw_task(node, &mut f)? {
                                    tasks.push(t);
                                    task_foreign.push(f);
                                } else if node.get("UID") == Some("0") {
                                    // The project summary task: its dates are the
                                    // schedule's; what else it carries is kept.
                                    let mut f = String::new();
                                    self.keep(node, TASK_READ, &mut f);
                                    if !f.is_empty() {
                                        foreign.tasks.insert(TaskId(0), f);
                                    }
                                }
                            }
                            ("Resources", "Resource") => {
                                let mut f = String::new();
                                if let Some(r) = self.raw_resource(node, &mut f)? {
                                    if !f.is_empty() {
                                        foreign.resources.insert(r.resource.id, f);
                                    }
                                    resources.push(r);
                                }
                            }
                            ("Assignments", "Assignment") => {
                                assign_nodes += 1;
                                const E: &str = "Assignment";
                                let uid = self.uid(node, E).unwrap_or(assign_nodes as u32);
                                let (Some(t), Some(r)) = (
                                    self.int(node, "TaskUID", E, uid)?,
                                    self.int(node, "ResourceUID", E, uid)?,
                                ) else {
                                    return Err(self.err(
                                        E,
                                        Some(uid.into()),
                                        "needs a TaskUID and a ResourceUID",
                                    ));
                                };
                                let units = self.num(node, "Units", E, uid)?.unwrap_or(1.0);
                                let mut a = Assignment::new(TaskId(0), ResourceId(0), units);
                                a.cost = self.num(node, "Cost", E, uid)?.unwrap_or(0.0);
                                a.overtime = Duration::minutes(
                                    self.minutes(node, "OvertimeWork", E, uid)?
                                        .unwrap_or(0)
                                        .max(0),
                                );
                                let mut f = String::new();
                                self.keep(node, ASSIGNMENT_READ, &mut f);
                                assignments.push((t, r, a, f));
                            }
                            _ => foreign.project.push_str(self.cur.slice(node.span())),
                        }
                    }
                }
                _ => {
                    self.cur.node_into(&mut tree, name, at)?;
                    let node = tree.root();
                    self.property(node, &mut props, &mut foreign.project)?;
                }
            }
        }
        self.build(
            props,
            foreign,
            raw_cals,
            tasks,
            task_foreign,
            resources,
            assignments,
        )
    }

    fn property(
        &self,
        node: Node<'_, '_>,
        p: &mut Props,
        foreign: &mut String,
    ) -> Result<(), IoError> {
        let t = node.text().trim();
        let bad = |m: String| self.err(node.name(), None, m);
        let date = || datetime(t).map(Some).map_err(bad);
        let int = || {
            t.parse::<u32>()
                .map_err(|_| bad(format!("{t:?} is not a whole number")))
        };
        match node.name() {
            "Name" => p.name = Some(t.to_string()),
            "Title" => p.title = Some(t.to_string()),
            "ScheduleFromStart" => p.from_start = boolean(t).map_err(bad)?,
            "StartDate" => p.start = date()?,
            "FinishDate" => p.finish = date()?,
            "StatusDate" => p.status = date()?,
            "CalendarUID" => p.calendar = Some(int()?),
            "MinutesPerDay" => p.per_day = Some(int()?),
            "MinutesPerWeek" => p.per_week = Some(int()?),
            "CurrentDate" => {
                p.current = date()?;
                foreign.push_str(self.cur.slice(node.span()));
            }
            _ => foreign.push_str(self.cur.slice(node.span())),
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        &self,
        props: Props,
        mut foreign: Foreign,
        raw_cals: BTreeMap<u32, RawCal>,
        tasks: Vec<RawTask>,
        task_foreign: Vec<String>,
        resources: Vec<RawResource>,
        assignments: Vec<(i64, i64, Assignment, String)>,
    ) -> Result<Project, IoError> {
        let per_day = props
            .per_day
            .filter(|m| (1..=1440).contains(m))
            .unwrap_or(480);
        let per_week = props
            .per_week
            .filter(|m| (1..=10080).contains(m))
            .unwrap_or(2400);
        let anchor = if props.from_start {
            props.start
        } else {
            props.finish.or(props.start)
        };
        let anchor = anchor.ok_or_else(|| {
            self.err(
                "Project",
                None,
                if props.from_start {
                    "has no StartDate"
                } else {
                    "has no FinishDate"
                },
            )
        })?;
        let name = props
            .title
            .filter(|t| !t.is_empty())
            .or(props.name)
            .unwrap_or_else(|| "Project".into());
        let mut p = Project::new(name, anchor);
        if !props.from_start {
            p.from = ScheduleFrom::Finish(anchor);
        }
        // Calendars.
        let cals = self.calendars(&raw_cals, per_day, per_week)?;
        p.calendars = BTreeMap::new();
        for (uid, c) in cals {
            p.calendars.insert(CalendarId(uid), c);
        }
        for c in raw_cals.values() {
            if !c.foreign.is_empty() {
                foreign
                    .calendars
                    .insert(CalendarId(c.uid), c.foreign.clone());
            }
        }
        let standard = || Calendar::standard().with_units(per_day, per_week);
        p.calendar = match props
            .calendar
            .filter(|c| p.calendars.contains_key(&CalendarId(*c)))
        {
            Some(c) => CalendarId(c),
            None => match p
                .calendars
                .iter()
                .find(|(_, c)| c.name() == "Standard")
                .map(|(id, _)| *id)
                .or_else(|| p.calendars.keys().next().copied())
            {
                Some(id) => id,
                None => {
                    let cal = standard().map_err(|e| self.err("Project", None, e.to_string()))?;
                    p.calendars.insert(CalendarId(1), cal);
                    CalendarId(1)
                }
            },
        };
        let mut next_cal = p
            .calendars
            .keys()
            .next_back()
            .map_or(1, |c| c.0.saturating_add(1));
        let mut elapsed_cal: Option<CalendarId> = None;
        let known: BTreeSet<u32> = p.calendars.keys().map(|c| c.0).collect();
        let cal_of = |uid: Option<u32>,
                      element: &'static str,
                      id: u32|
         -> Result<Option<CalendarId>, IoError> {
            match uid {
                None => Ok(None),
                Some(c) if known.contains(&c) => Ok(Some(CalendarId(c))),
                Some(c) => Err(self.err(
                    element,
                    Some(id.into()),
                    format!("CalendarUID {c} is not a calendar of the file"),
                )),
            }
        };
        // Tasks and the WBS from outline levels.
        let mut stack: Vec<(u32, TaskId)> = vec![];
        let mut map: BTreeMap<TaskId, Task> = BTreeMap::new();
        let mut links: Vec<(TaskId, RawLink)> = vec![];
        let mut baselines: BTreeMap<u8, Baseline> = BTreeMap::new();
        let mut resolved = vec![];
        for rt in tasks {
            let c = cal_of(rt.calendar, "Task", rt.task.id.0)?;
            resolved.push((rt, c));
        }
        let mut need_elapsed = false;
        for (rt, _) in &resolved {
            need_elapsed |= rt.elapsed;
        }
        if need_elapsed {
            let id = CalendarId(next_cal);
            next_cal = next_cal.saturating_add(1);
            let cal = Calendar::twenty_four_hours()
                .with_name("24 Hours (elapsed durations)")
                .with_units(per_day, per_week)
                .map_err(|e| self.err("Project", None, e.to_string()))?;
            p.calendars.insert(id, cal);
            elapsed_cal = Some(id);
        }
        for ((rt, cal), f) in resolved.into_iter().zip(task_foreign) {
            let RawTask {
                mut task,
                elapsed,
                working_delay,
                level,
                links: tl,
                baselines: tb,
                ..
            } = rt;
            let id = task.id;
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            let top = stack.last().map_or(0, |(l, _)| *l);
            if level > top + 1 {
                return Err(self.err(
                    "Task",
                    Some(id.0.into()),
                    format!("OutlineLevel jumps from {top} to {level}"),
                ));
            }
            task.parent = stack.last().map(|(_, t)| *t);
            stack.push((level, id));
            task.calendar = if elapsed { elapsed_cal } else { cal };
            if working_delay {
                // A delay in working time becomes elapsed time day for day (one working
                // day of the file's length is one elapsed day): planix stores leveling
                // delay elapsed, as Project does by default.
                let m = task.leveling_delay.as_minutes();
                task.leveling_delay =
                    Duration::minutes(m.saturating_mul(1440) / i64::from(per_day));
            }
            if map.insert(id, task).is_some() {
                return Err(self.err("Task", Some(id.0.into()), "duplicate UID"));
            }
            if !f.is_empty() {
                foreign.tasks.insert(id, f);
            }
            for l in tl {
                links.push((id, l));
            }
            for (n, bt) in tb {
                let b = baselines.entry(n).or_insert_with(|| Baseline {
                    saved: bt.start.date(),
                    start: bt.start,
                    finish: bt.finish,
                    tasks: BTreeMap::new(),
                    assignments: vec![],
                    daily_cost: vec![],
                    timephased: vec![],
                });
                b.start = b.start.min(bt.start);
                b.finish = b.finish.max(bt.finish);
                b.saved = b.saved.min(bt.start.date());
                b.tasks.insert(id, bt);
            }
        }
        for t in map.values() {
            if let Some(parent) = t.parent {
                p.children.entry(parent).or_default().insert(t.id);
            }
        }
        // A summary keeps only what a summary can carry (Project lets some other
        // constraints stand on summaries; planix schedules them from their children).
        for (id, t) in map.iter_mut() {
            if p.children.contains_key(id) {
                if !matches!(t.constraint, Constraint::Asap | Constraint::Snet(_)) {
                    t.constraint = Constraint::Asap;
                }
                t.manual_start = None;
            }
        }
        p.tasks = map.into_iter().collect();
        // Links.
        let mut seen: BTreeSet<(TaskId, TaskId)> = BTreeSet::new();
        for (succ, l) in links {
            let pred = u32::try_from(l.predecessor)
                .ok()
                .map(TaskId)
                .filter(|t| p.tasks.contains_key(t));
            let Some(pred) = pred else {
                return Err(self.err(
                    "PredecessorLink",
                    Some(succ.0.into()),
                    format!("PredecessorUID {} is not a task of the file", l.predecessor),
                ));
            };
            let into_summary =
                p.children.contains_key(&succ) && matches!(l.kind, LinkKind::Ff | LinkKind::Sf);
            if into_summary || pred == succ {
                // Kept as written; planix does not schedule FF/SF links into a summary.
                foreign
                    .tasks
                    .entry(succ)
                    .or_default()
                    .push_str(self.cur.slice(l.xml));
                continue;
            }
            if !seen.insert((pred, succ)) {
                return Err(self.err(
                    "PredecessorLink",
                    Some(succ.0.into()),
                    format!("links from task {} twice", pred.0),
                ));
            }
            let d = Dependency::new(pred, succ)
                .with_kind(l.kind)
                .with_lag(l.lag);
            p.links.insert((pred, succ), d);
        }
        // Resources.
        for rr in resources {
            let RawResource {
                mut resource,
                calendar,
            } = rr;
            resource.calendar = cal_of(calendar, "Resource", resource.id.0)?;
            let id = resource.id;
            if p.resources.insert(id, resource).is_some() {
                return Err(self.err("Resource", Some(id.0.into()), "duplicate UID"));
            }
        }
        for (t, r, mut a, f) in assignments {
            let task = u32::try_from(t)
                .ok()
                .map(TaskId)
                .filter(|t| p.tasks.contains_key(t));
            let res = u32::try_from(r)
                .ok()
                .map(ResourceId)
                .filter(|r| p.resources.contains_key(r));
            let (Some(task), Some(res)) = (task, res) else {
                // Project writes assignments of the "unassigned" resource (-65535) and
                // of null tasks; they carry nothing planix schedules.
                continue;
            };
            a.task = task;
            a.resource = res;
            if p.resources[&res].kind != ResourceKind::Cost {
                a.cost = 0.0;
            }
            if p.assignments.insert((task, res), a).is_some() {
                return Err(self.err(
                    "Assignment",
                    Some(t),
                    format!("resource {r} is assigned to task {t} twice"),
                ));
            }
            if !f.is_empty() {
                foreign.assignments.push(ForeignAssignment {
                    task,
                    resource: res,
                    xml: f,
                });
            }
        }
        p.validate().map_err(IoError::Invalid)?;
        // Status date: the file's, else Project's current date when progress is recorded;
        // never before the latest actual (Project lets actuals pass the status date,
        // planix reads the date forward to them).
        let progress = p.tasks.values().any(|t| !t.progress.is_empty());
        let latest = p
            .tasks
            .values()
            .flat_map(|t| [t.progress.actual_start, t.progress.actual_finish])
            .flatten()
            .max();
        let mut status = props.status.or(if progress { props.current } else { None });
        if progress && status.is_none() {
            status = latest;
        }
        if let (Some(s), Some(l)) = (status, latest) {
            status = Some(s.max(l));
        }
        if let (Some(s), ScheduleFrom::Start(st)) = (status, p.from) {
            status = Some(s.max(st));
        }
        p.set_status_date(status).map_err(IoError::Invalid)?;
        for (n, b) in baselines {
            p.set_baseline(n, b).map_err(IoError::Invalid)?;
        }
        *p.foreign = foreign;
        let max_task = p.tasks.last_key().map_or(0, |t| t.0);
        p.next_task = max_task.saturating_add(1);
        p.next_calendar = next_cal;
        p.next_resource = p
            .resources
            .keys()
            .next_back()
            .map_or(1, |r| r.0.saturating_add(1));
        p.revision = 0;
        Ok(p)
    }
}

/// Reads MSPDI text whose first element has been checked by nobody yet.
pub(crate) fn read(text: &str) -> Result<Project, IoError> {
    let mut ctx = Ctx {
        cur: Cursor::new(text),
    };
    ctx.project()
}
