//! Earned value (PV, EV, AC and the indices and forecasts built on them) and earned
//! schedule (Lipke, 2003), measured at the status date against a baseline.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::ControlError;
use super::progress::reschedule;
use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::model::{Baseline, BaselineTask, Project, TaskKind};
use crate::resources::costs;
use crate::resources::task_calendar;

/// What the earned-value calls measure against: the baseline, how value is earned, and
/// the period of the S-curve and the time-phased budget. Deserializes from a partial
/// object (missing fields take the defaults: baseline 0, percent complete, weeks).
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct EvmOptions {
    /// The baseline number (0–10).
    pub baseline: u8,
    /// Percent complete or physical percent complete.
    pub method: EvMethod,
    /// The period of the S-curve and the time-phased budget.
    pub period: crate::calendar::Period,
}

/// How earned value is credited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum EvMethod {
    /// EV = budget × percent complete (duration).
    #[default]
    PercentComplete,
    /// EV = budget × physical percent complete (percent complete when not recorded).
    Physical,
}

crate::names::named!(EvMethod {
    PercentComplete = "percent_complete",
    Physical = "physical",
});

/// The earned-value figures derived from four totals.
///
/// The usual formulas (PMI, *Practice Standard for Earned Value Management*, 2nd ed.):
/// SV = EV − PV, CV = EV − AC, SPI = EV / PV, CPI = EV / AC, EAC = AC + (BAC − EV)
/// (remaining work at budget), BAC / CPI (at the cost efficiency so far), AC + (BAC − EV)
/// / (CPI × SPI) (cost and schedule efficiency), ETC = EAC − AC (CPI form), VAC = BAC −
/// EAC (CPI form), TCPI = (BAC − EV) / (BAC − AC) to hit the budget, (BAC − EV) / (EAC −
/// AC) to hit the CPI estimate. Ratios with a zero denominator are `None`.
///
/// ```
/// use planix::control::EvmFigures;
/// // Schwalbe, *Information Technology Project Management*, ch. 7 exercise: a 6-month,
/// // 200,000 project after 3 months with PV 120,000, EV 100,000, AC 90,000.
/// let f = EvmFigures::new(200_000.0, 120_000.0, 100_000.0, 90_000.0);
/// assert_eq!((f.cv, f.sv), (10_000.0, -20_000.0));
/// assert!((f.cpi.unwrap() - 1.1111).abs() < 1e-4 && (f.spi.unwrap() - 0.8333).abs() < 1e-4);
/// assert!((f.eac_cpi.unwrap() - 180_000.0).abs() < 1e-6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct EvmFigures {
    /// Budget at completion.
    pub bac: f64,
    /// Planned value at the status date.
    pub pv: f64,
    /// Earned value.
    pub ev: f64,
    /// Actual cost.
    pub ac: f64,
    /// Schedule variance EV − PV.
    pub sv: f64,
    /// Cost variance EV − AC.
    pub cv: f64,
    /// Schedule performance index EV / PV.
    pub spi: Option<f64>,
    /// Cost performance index EV / AC.
    pub cpi: Option<f64>,
    /// EAC = AC + (BAC − EV).
    pub eac_remaining_at_budget: f64,
    /// EAC = BAC / CPI.
    pub eac_cpi: Option<f64>,
    /// EAC = AC + (BAC − EV) / (CPI × SPI).
    pub eac_cpi_spi: Option<f64>,
    /// ETC = EAC(CPI) − AC.
    pub etc: Option<f64>,
    /// VAC = BAC − EAC(CPI).
    pub vac: Option<f64>,
    /// TCPI to reach the BAC: (BAC − EV) / (BAC − AC).
    pub tcpi_bac: Option<f64>,
    /// TCPI to reach the EAC(CPI): (BAC − EV) / (EAC − AC).
    pub tcpi_eac: Option<f64>,
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b)
}

impl EvmFigures {
    /// The figures of a BAC, PV, EV and AC.
    pub fn new(bac: f64, pv: f64, ev: f64, ac: f64) -> Self {
        let spi = ratio(ev, pv);
        let cpi = ratio(ev, ac);
        let eac_cpi = cpi.and_then(|c| ratio(bac, c));
        let eac_cpi_spi = match (cpi, spi) {
            (Some(c), Some(s)) => ratio(bac - ev, c * s).map(|x| ac + x),
            _ => None,
        };
        Self {
            bac,
            pv,
            ev,
            ac,
            sv: ev - pv,
            cv: ev - ac,
            spi,
            cpi,
            eac_remaining_at_budget: ac + (bac - ev),
            eac_cpi,
            eac_cpi_spi,
            etc: eac_cpi.map(|e| e - ac),
            vac: eac_cpi.map(|e| bac - e),
            tcpi_bac: ratio(bac - ev, bac - ac),
            tcpi_eac: eac_cpi.and_then(|e| ratio(bac - ev, e - ac)),
        }
    }
}

/// Earned value of one task (a summary sums its subtree).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct EvmTask {
    /// The task.
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// Summary, task or milestone.
    pub kind: TaskKind,
    /// The figures.
    pub figures: EvmFigures,
}

/// Earned schedule (Lipke, *Schedule is Different*, The Measurable News, 2003; PMI
/// *Practice Standard for EVM*, 2nd ed., appendix D), in working days of the project
/// calendar counted from the baseline start.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct EarnedSchedule {
    /// ES = C + I: whole days whose cumulative PV the EV reaches, plus the fraction
    /// (EV − PV_C) / (PV_C+1 − PV_C) of the next.
    pub es: f64,
    /// Actual time: working days from the baseline start to the status date.
    pub at: f64,
    /// Planned duration: working days of the baseline.
    pub pd: f64,
    /// SV(t) = ES − AT (days; negative: behind).
    pub sv_t: f64,
    /// SPI(t) = ES / AT.
    pub spi_t: Option<f64>,
    /// TSPI = (PD − ES) / (PD − AT).
    pub tspi: Option<f64>,
    /// IEAC(t) = PD / SPI(t), in working days.
    pub ieac_t: Option<f64>,
    /// The forecast finish: the baseline start plus IEAC(t) working days.
    pub forecast_finish: Option<NaiveDateTime>,
}

/// Earned value at the status date.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct EvmReport {
    /// The status date.
    pub status_date: NaiveDateTime,
    /// The baseline measured against.
    pub baseline: u8,
    /// The crediting method.
    pub method: EvMethod,
    /// The project's figures.
    pub project: EvmFigures,
    /// EAC bottom-up: actual cost plus the current estimate of the remaining work.
    pub eac_bottom_up: f64,
    /// Per task (summaries included), in id order.
    pub tasks: Vec<EvmTask>,
    /// Earned schedule.
    pub earned_schedule: EarnedSchedule,
}

/// Planned value of a baseline task at `t`. With a time-phased baseline: the task's
/// daily budget (own cost and assignments) of the days before `t`, plus the share of
/// `t`'s day elapsed by `t` in the task's working time that day. Without one (baselines
/// saved before it was recorded): its budget accrued evenly over its working span.
fn pv_at(
    project: &Project,
    b: &Baseline,
    id: TaskId,
    bt: &BaselineTask,
    t: NaiveDateTime,
) -> Result<f64, ControlError> {
    if t <= bt.start {
        return Ok(if t >= bt.finish { bt.cost } else { 0.0 });
    }
    if t >= bt.finish {
        return Ok(bt.cost);
    }
    let cal = task_calendar(project, id);
    if !b.timephased.is_empty() {
        let lo = b.timephased.partition_point(|d| d.task < id);
        let hi = b.timephased.partition_point(|d| d.task <= id);
        let day = t.date();
        let mut pv = 0.0;
        for d in &b.timephased[lo..hi] {
            if d.date < day {
                pv += d.cost;
            } else if d.date == day {
                let all = crate::resources::day_minutes(cal, day, bt.start, bt.finish);
                let done = crate::resources::day_minutes(cal, day, bt.start, t);
                if all > 0 {
                    pv += d.cost * done as f64 / all as f64;
                }
            }
        }
        return Ok(pv);
    }
    let span = cal.working_time_between(bt.start, bt.finish)?.as_minutes();
    if span <= 0 {
        return Ok(bt.cost);
    }
    let done = cal.working_time_between(bt.start, t)?.as_minutes();
    Ok(bt.cost * done as f64 / span as f64)
}

/// Project PV at `t`: the sum over the baseline's leaf tasks.
fn project_pv(
    project: &Project,
    b: &Baseline,
    leaves: &[TaskId],
    t: NaiveDateTime,
) -> Result<f64, ControlError> {
    let mut pv = 0.0;
    for id in leaves {
        if let Some(bt) = b.tasks.get(id) {
            pv += pv_at(project, b, *id, bt, t)?;
        }
    }
    Ok(pv)
}

/// Earned value and earned schedule of `project` at its status date against baseline
/// `n`. PV accrues each task's baseline cost over its baseline working span; EV credits
/// the baseline cost by percent complete (or physical percent); AC is the recorded
/// actual cost, or the current planned cost of the work done when none is recorded.
///
/// # Errors
/// [`ControlError::StatusDateNeeded`],
/// [`ControlError::NoBaseline`], and [`reschedule`]'s errors.
pub fn earned_value(project: &Project, n: u8, method: EvMethod) -> Result<EvmReport, ControlError> {
    let status = project
        .status_date()
        .ok_or(ControlError::StatusDateNeeded)?;
    let b = project.baseline(n).ok_or(ControlError::NoBaseline(n))?;
    let current = reschedule(project)?;
    let cur_costs = costs(project, &current);
    let leaves = super::leaves(project);
    // Per leaf: (bac, pv, ev, ac, remaining current cost).
    let mut leaf = std::collections::BTreeMap::new();
    for &id in &leaves {
        let Some(t) = project.task(id) else { continue };
        let pr = t.progress;
        let pct = match method {
            EvMethod::PercentComplete => pr.percent_complete,
            EvMethod::Physical => pr.physical_percent.unwrap_or(pr.percent_complete),
        };
        let done = f64::from(pct) / 100.0;
        let (bac, pv) = match b.tasks.get(&id) {
            Some(bt) => (bt.cost, pv_at(project, b, id, bt, status)?),
            None => (0.0, 0.0),
        };
        let cur = cur_costs.task(id).map_or(0.0, |c| c.total);
        let work_done = f64::from(pr.percent_complete) / 100.0;
        let ac = pr.actual_cost.unwrap_or(cur * work_done);
        leaf.insert(id, (bac, pv, bac * done, ac, cur * (1.0 - work_done)));
    }
    let sum = |ids: &mut dyn Iterator<Item = TaskId>| {
        let mut s = (0.0, 0.0, 0.0, 0.0, 0.0);
        for id in ids {
            if let Some(x) = leaf.get(&id) {
                s.0 += x.0;
                s.1 += x.1;
                s.2 += x.2;
                s.3 += x.3;
                s.4 += x.4;
            }
        }
        s
    };
    let descendants = |root: TaskId| {
        let mut out = vec![];
        let mut stack = vec![root];
        while let Some(x) = stack.pop() {
            out.push(x);
            stack.extend(project.children(x));
        }
        out
    };
    let tasks = project
        .tasks()
        .map(|t| {
            let (bac, pv, ev, ac, _) = sum(&mut descendants(t.id()).into_iter());
            EvmTask {
                task: t.id(),
                name: t.name.clone(),
                kind: project.kind(t.id()).unwrap_or(TaskKind::Task),
                figures: EvmFigures::new(bac, pv, ev, ac),
            }
        })
        .collect();
    let (bac, pv, ev, ac, remaining) = sum(&mut leaves.iter().copied());
    let figures = EvmFigures::new(bac, pv, ev, ac);
    let earned_schedule = earned_schedule(project, b, &leaves, ev, status)?;
    Ok(EvmReport {
        status_date: status,
        baseline: n,
        method,
        eac_bottom_up: ac + remaining,
        project: figures,
        tasks,
        earned_schedule,
    })
}

fn earned_schedule(
    project: &Project,
    b: &Baseline,
    leaves: &[TaskId],
    ev: f64,
    status: NaiveDateTime,
) -> Result<EarnedSchedule, ControlError> {
    let cal = project.project_calendar();
    let mpd = f64::from(cal.minutes_per_day().max(1));
    let day = i64::from(cal.minutes_per_day().max(1));
    let at = cal.working_time_between(b.start, status)?.as_minutes() as f64 / mpd;
    let pd = cal.working_time_between(b.start, b.finish)?.as_minutes() as f64 / mpd;
    let end_of = |k: i64| cal.add_working_time(b.start, Duration::minutes(k * day));
    let total_days = pd.ceil() as i64;
    let pv = |k: i64| -> Result<f64, ControlError> {
        if k == 0 {
            return Ok(0.0);
        }
        project_pv(project, b, leaves, end_of(k)?)
    };
    // C: whole days whose cumulative PV the EV reaches. PV only grows with time, so the
    // first day whose PV exceeds EV is found by bisection (log₂ of the days, each a pass
    // over the tasks).
    let es = if total_days == 0 || pv(total_days)? <= ev + 1e-9 {
        pd
    } else {
        let (mut lo, mut hi) = (1, total_days);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pv(mid)? > ev + 1e-9 {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        let c = lo - 1;
        let (pv_c, next) = (pv(c)?, pv(lo)?);
        let i = if next > pv_c {
            (ev - pv_c) / (next - pv_c)
        } else {
            0.0
        };
        c as f64 + i.clamp(0.0, 1.0)
    };
    let es = es.min(pd);
    let spi_t = ratio(es, at);
    let ieac_t = spi_t.and_then(|s| ratio(pd, s));
    let forecast_finish = match ieac_t {
        Some(d) if d.is_finite() => {
            Some(cal.add_working_time(b.start, Duration::minutes((d * mpd).round() as i64))?)
        }
        _ => None,
    };
    Ok(EarnedSchedule {
        es,
        at,
        pd,
        sv_t: es - at,
        spi_t,
        tspi: ratio(pd - es, pd - at),
        ieac_t,
        forecast_finish,
    })
}

/// One point of the S-curve: cumulative PV, EV and AC at the end of a period.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct SCurvePoint {
    /// First day of the period.
    pub period: chrono::NaiveDate,
    /// The period's end (the baseline's or status date's end for the last one).
    pub at: NaiveDateTime,
    /// Cumulative planned value at `at`.
    pub pv: f64,
    /// Cumulative earned value at `at` or the status date, whichever is first (`None`
    /// for periods after the status date).
    pub ev: Option<f64>,
    /// Cumulative actual cost, likewise.
    pub ac: Option<f64>,
}

/// The S-curve of baseline `n` by period, from the baseline start to the later of its
/// finish and the status date: PV from the baseline; EV and AC up to the status date.
/// Without a status history, each task's EV and AC at the status date are spread over its
/// actual working time so far (from its actual start to its actual finish or the status
/// date), which makes the curves end exactly at the reported EV and AC.
///
/// # Errors
/// As [`earned_value`].
pub fn s_curve(
    project: &Project,
    n: u8,
    method: EvMethod,
    period: crate::calendar::Period,
) -> Result<Vec<SCurvePoint>, ControlError> {
    let r = earned_value(project, n, method)?;
    let b = project.baseline(n).ok_or(ControlError::NoBaseline(n))?;
    let status = r.status_date;
    let leaves = super::leaves(project);
    let last = b.finish.max(status);
    let mut out = vec![];
    let mut d = period.start_of(b.start.date());
    while d <= last.date() && out.len() < 100_000 {
        let next = period.next_start(d);
        let end = next.and_time(chrono::NaiveTime::MIN).min(last);
        let pv = project_pv(project, b, &leaves, end)?;
        let (ev, ac) = if d <= status.date() {
            let t = end.min(status);
            let (mut ev, mut ac) = (0.0, 0.0);
            for row in r.tasks.iter().filter(|x| leaves.contains(&x.task)) {
                let Some(task) = project.task(row.task) else {
                    continue;
                };
                let frac = actual_fraction(project, row.task, &task.progress, status, t)?;
                ev += row.figures.ev * frac;
                ac += row.figures.ac * frac;
            }
            (Some(ev), Some(ac))
        } else {
            (None, None)
        };
        out.push(SCurvePoint {
            period: d,
            at: end,
            pv,
            ev,
            ac,
        });
        d = next;
    }
    Ok(out)
}

/// Share of a task's progress to date reached by `t`, spread over its actual working time.
fn actual_fraction(
    project: &Project,
    id: TaskId,
    pr: &crate::model::Progress,
    status: NaiveDateTime,
    t: NaiveDateTime,
) -> Result<f64, ControlError> {
    let Some(s) = pr.actual_start else {
        return Ok(0.0);
    };
    let f = pr.actual_finish.unwrap_or(status);
    if t >= f {
        return Ok(1.0);
    }
    if t <= s {
        return Ok(0.0);
    }
    let cal = task_calendar(project, id);
    let span = cal.working_time_between(s, f)?.as_minutes();
    if span <= 0 {
        return Ok(1.0);
    }
    Ok(cal.working_time_between(s, t)?.as_minutes() as f64 / span as f64)
}

impl EvmReport {
    /// One flat row per task (id, name, kind and every figure): the per-task table.
    pub fn rows(&self) -> Vec<serde_json::Value> {
        self.tasks
            .iter()
            .map(|t| {
                let mut row = serde_json::json!({"task": t.task, "name": t.name, "kind": t.kind});
                if let (Some(m), Ok(serde_json::Value::Object(f))) =
                    (row.as_object_mut(), serde_json::to_value(&t.figures))
                {
                    m.extend(f);
                }
                row
            })
            .collect()
    }
}
