//! Resource loading: demand against availability per period, and over-allocations.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::calendar::{Calendar, Period};
use crate::ids::{ResourceId, TaskId};
use crate::model::{Project, Resource, ResourceKind};
use crate::schedule::Schedule;

fn infinite_if_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    use serde::Deserialize;
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::INFINITY))
}

/// A time when a resource is booked beyond what it has.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Overallocation {
    /// The resource.
    pub resource: ResourceId,
    /// Its name.
    pub name: String,
    /// Start of the over-allocated stretch.
    pub from: NaiveDateTime,
    /// End of the stretch.
    pub to: NaiveDateTime,
    /// Highest booked units in the stretch.
    pub peak: f64,
    /// Units available then (the least in the stretch).
    pub available: f64,
    /// Tasks booked on the resource in the stretch, by id.
    pub tasks: Vec<TaskId>,
}

/// One row of the loading table: a resource in a period.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct LoadRow {
    /// The resource.
    pub resource: ResourceId,
    /// Its name.
    pub name: String,
    /// First day of the period.
    pub period: NaiveDate,
    /// Booked work in hours.
    pub demand_hours: f64,
    /// Available working hours (units × working time of the resource's calendar,
    /// leave and availability rows applied).
    pub available_hours: f64,
    /// `demand / available` (0 when nothing is available and nothing booked; infinite
    /// when work is booked on no availability, written `null` in JSON and read back as
    /// infinite).
    #[serde(deserialize_with = "infinite_if_null")]
    #[cfg_attr(feature = "tsify", tsify(type = "number | null"))]
    pub utilisation: f64,
    /// Whether an over-allocation touches the period.
    pub overallocated: bool,
}

/// Working minutes of `cal` on `day` inside `[a, b)`.
pub(crate) fn day_minutes(
    cal: &Calendar,
    day: NaiveDate,
    a: NaiveDateTime,
    b: NaiveDateTime,
) -> i64 {
    let midnight = day.and_time(NaiveTime::MIN);
    let lo = a.signed_duration_since(midnight).num_minutes();
    let hi = b.signed_duration_since(midnight).num_minutes();
    cal.intervals_on(day)
        .iter()
        .map(|iv| {
            let s = i64::from(iv.start()).max(lo);
            let e = i64::from(iv.end()).min(hi);
            (e - s).max(0)
        })
        .sum()
}

fn days(a: NaiveDate, b: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    a.iter_days().take_while(move |d| *d <= b)
}

/// The calendar a resource works on.
pub(crate) fn resource_calendar<'a>(project: &'a Project, r: &Resource) -> &'a Calendar {
    r.calendar
        .and_then(|c| project.calendar(c))
        .unwrap_or_else(|| project.project_calendar())
}

/// The calendar a task works on.
pub(crate) fn task_calendar(project: &Project, task: TaskId) -> &Calendar {
    project
        .task(task)
        .and_then(|t| t.calendar)
        .and_then(|c| project.calendar(c))
        .unwrap_or_else(|| project.project_calendar())
}

/// Units a resource has on a day (0 on leave or a day off in its calendar).
fn units_on(project: &Project, r: &Resource, day: NaiveDate) -> f64 {
    if resource_calendar(project, r).is_working_day(day) {
        r.units_on(day)
    } else if project.project_calendar().is_working_day(day) {
        0.0
    } else {
        r.units_on(day)
    }
}

/// Every stretch in which a work resource is booked beyond its units, per resource and
/// in time order. Work on a day the resource is on leave or off counts as over-allocated.
///
/// # Example
/// See [`level`](super::level).
pub fn overallocations(project: &Project, schedule: &Schedule) -> Vec<Overallocation> {
    let mut out = Vec::new();
    for r in project.resources() {
        if r.kind != ResourceKind::Work {
            continue;
        }
        let rcal = resource_calendar(project, r);
        // (time, +units / −units, task)
        let mut events: Vec<(NaiveDateTime, f64, TaskId)> = Vec::new();
        for a in project.assignments().filter(|a| a.resource == r.id) {
            if project.is_summary(a.task) || a.units <= 0.0 {
                continue;
            }
            let Some(st) = schedule.task(a.task) else {
                continue;
            };
            if st.finish() <= st.start() {
                continue;
            }
            events.push((st.start(), a.units, a.task));
            events.push((st.finish(), -a.units, a.task));
        }
        if events.is_empty() {
            continue;
        }
        // Capacity changes at midnight of every day in the span.
        let first = events.iter().map(|e| e.0).min().unwrap_or_default().date();
        let last = events.iter().map(|e| e.0).max().unwrap_or_default().date();
        let t_lo = events.iter().map(|e| e.0).min().unwrap_or_default();
        let t_hi = events.iter().map(|e| e.0).max().unwrap_or_default();
        let mut times: BTreeSet<NaiveDateTime> = events.iter().map(|e| e.0).collect();
        let mut prev_units = None;
        for d in days(first, last) {
            let u = units_on(project, r, d);
            if prev_units != Some(u) {
                let m = d.and_time(NaiveTime::MIN);
                if m > t_lo && m < t_hi {
                    times.insert(m);
                }
                prev_units = Some(u);
            }
        }
        events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let times: Vec<NaiveDateTime> = times.into_iter().collect();
        // The tasks running and their summed units, kept as events arrive; the open
        // over-allocation's tasks grow by the tasks that start while it lasts (each task
        // is added once, so a long over-allocation costs its events, not its length
        // times its width).
        let mut active: BTreeMap<TaskId, f64> = BTreeMap::new();
        let mut load = 0.0f64;
        let mut k = 0;
        let mut open: Option<Overallocation> = None;
        let mut open_tasks: BTreeSet<TaskId> = BTreeSet::new();
        for w in 0..times.len().saturating_sub(1) {
            let t = times[w];
            while k < events.len() && events[k].0 <= t {
                let (_, u, task) = events[k];
                if u > 0.0 {
                    *active.entry(task).or_insert(0.0) += u;
                    load += u;
                    if open.is_some() {
                        open_tasks.insert(task);
                    }
                } else if let Some(v) = active.remove(&task) {
                    load -= v;
                }
                if active.is_empty() {
                    load = 0.0;
                }
                k += 1;
            }
            let cap = units_on(project, r, t.date());
            // Only working time matters: stretches without working minutes (nights,
            // weekends) neither extend nor end an over-allocation.
            let busy = days(t.date(), times[w + 1].date())
                .any(|d| day_minutes(rcal, d, t, times[w + 1]) > 0);
            if !busy {
                continue;
            }
            if load <= cap + 1e-9 {
                if let Some(mut o) = open.take() {
                    o.tasks = std::mem::take(&mut open_tasks).into_iter().collect();
                    out.push(o);
                }
                continue;
            }
            match open.as_mut() {
                Some(o) => {
                    o.to = times[w + 1];
                    o.peak = o.peak.max(load);
                    o.available = o.available.min(cap);
                }
                None => {
                    open_tasks = active.keys().copied().collect();
                    open = Some(Overallocation {
                        resource: r.id,
                        name: r.name.clone(),
                        from: t,
                        to: times[w + 1],
                        peak: load,
                        available: cap,
                        tasks: Vec::new(),
                    });
                }
            }
        }
        if let Some(mut o) = open.take() {
            o.tasks = std::mem::take(&mut open_tasks).into_iter().collect();
            out.push(o);
        }
    }
    out
}

/// The loading table: for every work resource and every period from the schedule's
/// start to its finish, booked hours, available hours and utilisation.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::resources::{loading, Period};
/// use planix::{Assignment, Duration, Project, Resource, Task};
/// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let mut p = Project::new("p", start);
/// let ana = p.add_resource(Resource::work("Ana", 1.0))?;
/// let t = p.add_task(Task::new("Logo").with_duration(Duration::hours(16)))?;
/// p.assign(Assignment::new(t, ana, 0.5))?;
/// let rows = loading(&p, &p.schedule()?, Period::Week);
/// assert_eq!(rows.len(), 1);
/// assert_eq!((rows[0].demand_hours, rows[0].available_hours), (8.0, 40.0));
/// assert_eq!(rows[0].utilisation, 0.2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn loading(project: &Project, schedule: &Schedule, period: Period) -> Vec<LoadRow> {
    let over = overallocations(project, schedule);
    let first = period.start_of(schedule.start().date());
    let last = period.end_of(schedule.finish().date());
    let mut starts: Vec<NaiveDate> = Vec::new();
    for d in days(first, last) {
        let p = period.start_of(d);
        if starts.last() != Some(&p) {
            starts.push(p);
        }
    }
    let idx = |d: NaiveDate| starts.partition_point(|s| *s <= d).saturating_sub(1);
    let mut rows = Vec::new();
    for r in project.resources() {
        if r.kind != ResourceKind::Work {
            continue;
        }
        let mut demand = vec![0.0f64; starts.len()];
        let mut avail = vec![0.0f64; starts.len()];
        let rcal = resource_calendar(project, r);
        for d in days(first, last) {
            let whole = day_minutes(
                rcal,
                d,
                d.and_time(NaiveTime::MIN),
                d.and_time(NaiveTime::MIN) + chrono::TimeDelta::days(1),
            );
            avail[idx(d)] += units_on(project, r, d) * whole as f64 / 60.0;
        }
        for a in project.assignments().filter(|a| a.resource == r.id) {
            if project.is_summary(a.task) {
                continue;
            }
            let Some(st) = schedule.task(a.task) else {
                continue;
            };
            let cal = task_calendar(project, a.task);
            for d in days(st.start().date(), st.finish().date()) {
                let m = day_minutes(cal, d, st.start(), st.finish());
                if d >= first && d <= last {
                    demand[idx(d)] += a.units * m as f64 / 60.0;
                }
            }
        }
        for (k, &p) in starts.iter().enumerate() {
            let end = period.end_of(p);
            let overallocated = over.iter().any(|o| {
                o.resource == r.id && o.from.date() <= end && o.to > p.and_time(NaiveTime::MIN)
            });
            let util = if avail[k] > 0.0 {
                demand[k] / avail[k]
            } else if demand[k] > 0.0 {
                f64::INFINITY
            } else {
                0.0
            };
            rows.push(LoadRow {
                resource: r.id,
                name: r.name.clone(),
                period: p,
                demand_hours: demand[k],
                available_hours: avail[k],
                utilisation: util,
                overallocated,
            });
        }
    }
    rows
}
