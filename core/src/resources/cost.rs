//! Costs: per task, per resource, per summary and for the project, time-phased by day,
//! week or month (the planned value curve).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::loading::{day_minutes, task_calendar};
use crate::calendar::Period;
use crate::ids::{ResourceId, TaskId};
use crate::model::{BaselineDay, Project, ResourceKind};
use crate::schedule::Schedule;

/// The cost of one task.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TaskCost {
    /// The task.
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// Fixed cost plus the task's own run rate (`cost_rate` × hours).
    pub fixed: f64,
    /// Cost of its resource assignments.
    pub resources: f64,
    /// `fixed + resources`; for a summary, the sum over its subtree (itself included).
    pub total: f64,
    /// Work of its work-resource assignments, in hours (summaries: the subtree's).
    pub work_hours: f64,
}

/// The cost of one resource over the project.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ResourceCost {
    /// The resource.
    pub resource: ResourceId,
    /// Its name.
    pub name: String,
    /// Total cost.
    pub cost: f64,
    /// Work hours (work resources) or quantity (materials).
    pub amount: f64,
}

/// The cost of one assignment over its task.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct AssignmentCost {
    /// The task.
    pub task: TaskId,
    /// The resource.
    pub resource: ResourceId,
    /// Its cost.
    pub cost: f64,
    /// Work hours (work resources) or quantity (materials).
    pub amount: f64,
}

/// Cost in one period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PeriodCost {
    /// First day of the period.
    pub period: NaiveDate,
    /// Cost falling in the period.
    pub cost: f64,
    /// Cost up to the end of the period (the planned value curve).
    pub cumulative: f64,
}

/// Costs of a scheduled project.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct CostReport {
    /// Per task (summaries roll up), by id.
    pub tasks: Vec<TaskCost>,
    /// Per resource, by id.
    pub resources: Vec<ResourceCost>,
    /// Per assignment, by task then resource.
    pub assignments: Vec<AssignmentCost>,
    /// Project total.
    pub total: f64,
    /// Cost per day (days with cost only).
    pub daily: Vec<(NaiveDate, f64)>,
}

impl CostReport {
    /// The cost of a task (its subtree for a summary).
    pub fn task(&self, id: TaskId) -> Option<&TaskCost> {
        self.tasks.iter().find(|t| t.task == id)
    }

    /// The cost of a resource.
    pub fn resource(&self, id: ResourceId) -> Option<&ResourceCost> {
        self.resources.iter().find(|r| r.resource == id)
    }

    /// Cost per period with its running total, every period from the first cost to the
    /// last included.
    pub fn timephased(&self, period: Period) -> Vec<PeriodCost> {
        let mut out: Vec<PeriodCost> = Vec::new();
        let (Some(first), Some(last)) = (self.daily.first(), self.daily.last()) else {
            return out;
        };
        let mut p = period.start_of(first.0);
        let end = period.start_of(last.0);
        let mut k = 0;
        let mut cum = 0.0;
        while p <= end {
            let next = period.next_start(p);
            let mut c = 0.0;
            while k < self.daily.len() && self.daily[k].0 < next {
                c += self.daily[k].1;
                k += 1;
            }
            cum += c;
            out.push(PeriodCost {
                period: p,
                cost: c,
                cumulative: cum,
            });
            p = next;
        }
        out
    }
}

/// The share of a task's prorated accrual falling on each day: its working minutes that
/// day over the task's, or everything on the start day when it has no working time.
fn shares(
    per_day: &[(NaiveDate, i64)],
    total_minutes: i64,
    start: NaiveDateTime,
) -> Vec<(NaiveDate, f64)> {
    if total_minutes <= 0 {
        return vec![(start.date(), 1.0)];
    }
    per_day
        .iter()
        .filter(|x| x.1 > 0)
        .map(|&(d, m)| (d, m as f64 / total_minutes as f64))
        .collect()
}

/// Records one item's daily (work, cost) in the project's daily cost and, when kept, in
/// the time-phased list.
fn accrue(
    daily: &mut BTreeMap<NaiveDate, f64>,
    phased: &mut Option<&mut Vec<BaselineDay>>,
    task: TaskId,
    resource: Option<ResourceId>,
    days: &[(NaiveDate, f64, f64)],
) {
    for &(date, _, cost) in days {
        *daily.entry(date).or_default() += cost;
    }
    let Some(out) = phased else {
        return;
    };
    // Per day once: a work resource's per-use charge shares the start day with its hours.
    let mut merged: BTreeMap<NaiveDate, (f64, f64)> = BTreeMap::new();
    for &(date, work, cost) in days {
        let e = merged.entry(date).or_default();
        e.0 += work;
        e.1 += cost;
    }
    out.extend(
        merged
            .into_iter()
            .filter(|(_, (w, c))| *w != 0.0 || *c != 0.0)
            .map(|(date, (work, cost))| BaselineDay {
                task,
                resource,
                date,
                work,
                cost,
            }),
    );
}

/// Costs of `project` on `schedule` (a CPM or a leveled schedule).
///
/// - Work resources: hours × the standard rate in effect each day (overtime hours at the
///   overtime rate), plus the per-use cost at the start.
/// - Materials: quantity × the standard rate in effect at the start, plus per use.
/// - Cost resources: the assignment's amount.
/// - Task fixed cost and run rate (`fixed_cost + cost_rate × hours`).
///
/// Everything accrues prorated over the task's working time (at the start for
/// milestones); summaries roll up their subtree.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::resources::{costs, Period};
/// use planix::{Assignment, CostRate, Duration, Project, Resource, Task};
/// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let mut p = Project::new("p", start);
/// let ana = p.add_resource(Resource::work("Ana", 1.0).with_rate(CostRate::new(100.0)))?;
/// let t = p.add_task(Task::new("Logo").with_duration(Duration::hours(16)).with_cost(500.0, 0.0))?;
/// p.assign(Assignment::new(t, ana, 1.0))?;
/// let c = costs(&p, &p.schedule()?);
/// assert_eq!(c.total, 2_100.0); // 16 h × 100 + 500 fixed
/// assert_eq!(c.timephased(Period::Day)[0].cost, 1_050.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn costs(project: &Project, schedule: &Schedule) -> CostReport {
    costs_into(project, schedule, None)
}

/// [`costs`], also keeping each leaf task's own cost and each assignment's work and cost
/// per day (the time-phased budget of a baseline).
pub(crate) fn costs_phased(
    project: &Project,
    schedule: &Schedule,
) -> (CostReport, Vec<BaselineDay>) {
    let mut phased = vec![];
    let report = costs_into(project, schedule, Some(&mut phased));
    (report, phased)
}

fn costs_into(
    project: &Project,
    schedule: &Schedule,
    mut phased: Option<&mut Vec<BaselineDay>>,
) -> CostReport {
    let mut daily: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    let mut own: BTreeMap<TaskId, (f64, f64, f64)> = BTreeMap::new(); // fixed, resources, work h
    let mut by_res: BTreeMap<ResourceId, (f64, f64)> = BTreeMap::new();
    let mut assignments = vec![];
    for t in project.tasks() {
        let Some(st) = schedule.task(t.id) else {
            continue;
        };
        let cal = task_calendar(project, t.id);
        let per_day: Vec<(NaiveDate, i64)> = st
            .start()
            .date()
            .iter_days()
            .take_while(|d| *d <= st.finish().date())
            .map(|d| (d, day_minutes(cal, d, st.start(), st.finish())))
            .collect();
        let minutes: i64 = per_day.iter().map(|x| x.1).sum();
        let summary = project.is_summary(t.id);
        let fixed = if summary {
            t.fixed_cost
        } else {
            t.cost_for(minutes)
        };
        let share = shares(&per_day, minutes, st.start());
        let spread = |work: f64, cost: f64| -> Vec<(NaiveDate, f64, f64)> {
            share
                .iter()
                .map(|&(d, f)| (d, work * f, cost * f))
                .collect()
        };
        if summary {
            for (d, _, c) in spread(0.0, fixed) {
                *daily.entry(d).or_default() += c;
            }
        } else {
            accrue(&mut daily, &mut phased, t.id, None, &spread(0.0, fixed));
        }
        let mut res_cost = 0.0;
        let mut work_h = 0.0;
        for a in project.assignments_of(t.id) {
            let Some(r) = project.resource(a.resource) else {
                continue;
            };
            let start_rate = r.rate_on(st.start().date());
            let (cost, amount) = match r.kind {
                ResourceKind::Work => {
                    let work_min = minutes as f64 * a.units;
                    let ot = (a.overtime.as_minutes() as f64).min(work_min);
                    let share = if work_min > 0.0 {
                        (work_min - ot) / work_min
                    } else {
                        0.0
                    };
                    let mut c = 0.0;
                    let mut days = vec![(st.start().date(), 0.0, start_rate.per_use)];
                    for &(d, m) in &per_day {
                        if m == 0 {
                            continue;
                        }
                        let rate = r.rate_on(d);
                        let h = m as f64 * a.units / 60.0;
                        let day_cost =
                            h * share * rate.standard + h * (1.0 - share) * rate.overtime;
                        days.push((d, h, day_cost));
                        c += day_cost;
                    }
                    accrue(&mut daily, &mut phased, t.id, Some(a.resource), &days);
                    (c + start_rate.per_use, work_min / 60.0)
                }
                ResourceKind::Material => {
                    let c = a.units * start_rate.standard + start_rate.per_use;
                    let days = spread(a.units, c);
                    accrue(&mut daily, &mut phased, t.id, Some(a.resource), &days);
                    (c, a.units)
                }
                ResourceKind::Cost => {
                    let days = spread(0.0, a.cost);
                    accrue(&mut daily, &mut phased, t.id, Some(a.resource), &days);
                    (a.cost, 0.0)
                }
            };
            if r.kind == ResourceKind::Work {
                work_h += amount;
            }
            res_cost += cost;
            assignments.push(AssignmentCost {
                task: t.id,
                resource: a.resource,
                cost,
                amount,
            });
            let e = by_res.entry(a.resource).or_default();
            e.0 += cost;
            e.1 += amount;
        }
        own.insert(t.id, (fixed, res_cost, work_h));
    }
    // Roll up: each task's own numbers added to every ancestor.
    let mut rolled: BTreeMap<TaskId, (f64, f64)> = BTreeMap::new();
    for (&id, &(f, r, w)) in &own {
        let mut cur = Some(id);
        while let Some(c) = cur {
            let e = rolled.entry(c).or_default();
            e.0 += f + r;
            e.1 += w;
            cur = project.task(c).and_then(|t| t.parent);
        }
    }
    let tasks = project
        .tasks()
        .filter_map(|t| {
            let &(fixed, resources, _) = own.get(&t.id)?;
            let &(total, work_hours) = rolled.get(&t.id)?;
            Some(TaskCost {
                task: t.id,
                name: t.name.clone(),
                fixed,
                resources,
                total,
                work_hours,
            })
        })
        .collect();
    let total = own.values().map(|x| x.0 + x.1).sum();
    let resources = project
        .resources()
        .map(|r| {
            let (cost, amount) = by_res.get(&r.id).copied().unwrap_or((0.0, 0.0));
            ResourceCost {
                resource: r.id,
                name: r.name.clone(),
                cost,
                amount,
            }
        })
        .collect();
    CostReport {
        tasks,
        resources,
        assignments,
        total,
        daily: daily.into_iter().filter(|x| x.1 != 0.0).collect(),
    }
}
