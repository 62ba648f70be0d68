#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Monitoring and control: rescheduling with actuals, baselines and variance, earned
//! value and earned schedule. Every expected figure is worked by hand in the comments;
//! the formulas are PMI's (*Practice Standard for Earned Value Management*, 2nd ed.) and
//! Lipke's (*Schedule is Different*, The Measurable News, 2003).

use chrono::{NaiveDate, NaiveDateTime};
use planix::control::{
    ControlError, EvMethod, EvmFigures, earned_value, reschedule, save_baseline, variance,
};
use planix::{Duration, ModelError, Project, Task, TaskId};

fn at(m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn days(n: i64) -> Duration {
    Duration::minutes(n * 480)
}

/// A (4 d) → B (4 d); C (2 d) on its own. Start Mon 4 Jan 2027; status Wed 6 Jan 17:00.
fn plan() -> (Project, TaskId, TaskId, TaskId) {
    let mut p = Project::new("p", at(1, 4, 8, 0));
    let a = p.add_task(Task::new("A").with_duration(days(4))).unwrap();
    let b = p.add_task(Task::new("B").with_duration(days(4))).unwrap();
    let c = p.add_task(Task::new("C").with_duration(days(2))).unwrap();
    p.link(a, b).unwrap();
    p.set_status_date(Some(at(1, 6, 17, 0))).unwrap();
    (p, a, b, c)
}

fn started(p: &mut Project, t: TaskId, start: NaiveDateTime, pct: u8) {
    p.edit_task(t, |x| {
        x.progress.actual_start = Some(start);
        x.progress.percent_complete = pct;
    })
    .unwrap();
}

#[test]
fn a_task_half_done_at_the_status_date() {
    let (mut p, a, b, c) = plan();
    started(&mut p, a, at(1, 4, 8, 0), 50);
    let s = reschedule(&p).unwrap();
    // A worked Mon–Wed (3 d); 50% of 4 d = 2 d remain from the status date: Thu, Fri.
    assert_eq!(s.task(a).unwrap().start(), at(1, 4, 8, 0));
    assert_eq!(s.task(a).unwrap().finish(), at(1, 8, 17, 0));
    // B follows A: Mon 11 to Thu 14. C (not started) waits for the status date.
    assert_eq!(s.task(b).unwrap().start(), at(1, 11, 8, 0));
    assert_eq!(s.task(b).unwrap().finish(), at(1, 14, 17, 0));
    assert_eq!(s.task(c).unwrap().start(), at(1, 7, 8, 0));
    // A recorded remaining duration wins over the percent: 3 d remain → Mon 11.
    p.edit_task(a, |x| x.progress.remaining = Some(days(3)))
        .unwrap();
    assert_eq!(
        reschedule(&p).unwrap().task(a).unwrap().finish(),
        at(1, 11, 17, 0)
    );
    // The project itself is not changed by rescheduling.
    assert_eq!(p.task(a).unwrap().duration, days(4));
}

#[test]
fn completed_work_stays_where_it_happened() {
    let (mut p, _, _, c) = plan();
    p.edit_task(c, |x| {
        x.progress.actual_start = Some(at(1, 4, 8, 0));
        x.progress.actual_finish = Some(at(1, 5, 12, 0));
        x.progress.percent_complete = 100;
    })
    .unwrap();
    let s = reschedule(&p).unwrap();
    assert_eq!(s.task(c).unwrap().start(), at(1, 4, 8, 0));
    assert_eq!(s.task(c).unwrap().finish(), at(1, 5, 12, 0));
    assert_eq!(s.task(c).unwrap().duration(), Duration::hours(12));
}

#[test]
fn out_of_sequence_progress_keeps_the_actual_start() {
    let (mut p, a, b, _) = plan();
    started(&mut p, a, at(1, 4, 8, 0), 50);
    // B started Tue 5 Jan although A is not finished; 25% of 4 d done → 3 d remain.
    started(&mut p, b, at(1, 5, 8, 0), 25);
    let s = reschedule(&p).unwrap();
    assert_eq!(s.task(b).unwrap().start(), at(1, 5, 8, 0));
    // Remaining 3 d from the status date: Thu, Fri, Mon.
    assert_eq!(s.task(b).unwrap().finish(), at(1, 11, 17, 0));
    assert!(!s.warnings().is_empty(), "the broken link is reported");
}

#[test]
fn progress_is_validated() {
    let (mut p, a, _, _) = plan();
    let before = p.clone();
    let bad = |p: &mut Project, f: &dyn Fn(&mut Task)| {
        assert!(matches!(
            p.edit_task(a, f),
            Err(ModelError::InvalidProgress { .. })
        ));
    };
    bad(&mut p, &|t| t.progress.percent_complete = 101);
    bad(&mut p, &|t| t.progress.percent_complete = 10); // no actual start
    bad(&mut p, &|t| {
        t.progress.actual_start = Some(at(1, 5, 8, 0));
        t.progress.actual_finish = Some(at(1, 4, 8, 0));
        t.progress.percent_complete = 100;
    });
    bad(&mut p, &|t| {
        t.progress.actual_start = Some(at(1, 4, 8, 0));
        t.progress.percent_complete = 100; // 100% without a finish
    });
    bad(&mut p, &|t| {
        t.progress.actual_start = Some(at(1, 7, 8, 0)); // after the status date
        t.progress.percent_complete = 10;
    });
    assert_eq!(p, before);
    assert!(matches!(
        p.set_status_date(Some(at(1, 1, 8, 0))),
        Err(ModelError::InvalidStatusDate { .. })
    ));
    started(&mut p, a, at(1, 4, 8, 0), 50);
    assert!(p.set_status_date(Some(at(1, 4, 9, 0))).is_ok());
    assert!(matches!(
        p.set_status_date(Some(at(1, 4, 7, 0))),
        Err(ModelError::InvalidStatusDate { .. })
    ));
    p.set_status_date(None).unwrap();
    assert_eq!(reschedule(&p).unwrap_err(), ControlError::NoStatusDate(a));
}

#[test]
fn baseline_variance() {
    let (mut p, a, b, c) = plan();
    // The baseline is the plan before any status date: A Mon 4–Thu 7, B Fri 8–Wed 13.
    p.set_status_date(None).unwrap();
    save_baseline(
        &mut p,
        0,
        Some(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()),
    )
    .unwrap();
    p.set_status_date(Some(at(1, 6, 17, 0))).unwrap();
    started(&mut p, a, at(1, 4, 8, 0), 50);
    let s = reschedule(&p).unwrap();
    let v = variance(&p, &s, 0).unwrap();
    // Baseline: A Mon 4–Thu 7, B Fri 8–Wed 13. Now A ends Fri 8, B Thu 14: one day late.
    assert_eq!(v.finish_variance, days(1));
    let vb = v.tasks.iter().find(|t| t.task == b).unwrap();
    assert_eq!((vb.start_variance, vb.finish_variance), (days(1), days(1)));
    let va = v.tasks.iter().find(|t| t.task == a).unwrap();
    assert_eq!(va.duration_variance, days(1)); // 3 d worked + 2 d remaining vs 4 d
    // C was planned Mon 4–Tue 5 but has not started by the status date: it now runs Thu
    // 7–Fri 8, three days late, the worst slip.
    assert_eq!(v.slipped_tasks, vec![c, a, b]);
    assert_eq!(
        v.tasks
            .iter()
            .find(|t| t.task == c)
            .unwrap()
            .finish_variance,
        days(3)
    );
    assert_eq!(
        variance(&p, &s, 3).unwrap_err(),
        ControlError::NoBaseline(3)
    );
    // Baselines are numbered 0–10 and name only known tasks.
    let base = p.baseline(0).unwrap().clone();
    assert!(matches!(
        p.set_baseline(11, base.clone()),
        Err(ModelError::InvalidBaseline(_))
    ));
    let mut ghost = base;
    ghost
        .tasks
        .insert(TaskId(99), *ghost.tasks.values().next().unwrap());
    assert_eq!(
        p.set_baseline(1, ghost),
        Err(ModelError::UnknownTask(TaskId(99)))
    );
    // Progress, status date and baselines survive the JSON round trip.
    let text = planix::io::to_json(&p);
    let back = planix::io::from_json(&text).unwrap();
    assert_eq!(back, p);
    assert_eq!(planix::io::to_json(&back), text);
}

/// Summary S over A (5 d, 5,000 fixed: 1,000 a day) → B (5 d, 10,000: 2,000 a day).
/// Baseline Mon 4 – Fri 15 Jan, BAC 15,000, PD 10 working days. Status end of day 6
/// (Mon 11 Jan 17:00): A done at 6,000 actual cost, B 25% done at 2,000.
fn evm_project(b_pct: u8) -> (Project, TaskId, TaskId, TaskId) {
    let mut p = Project::new("evm", at(1, 4, 8, 0));
    let s = p.add_task(Task::new("S")).unwrap();
    let mut a = Task::new("A").with_duration(days(5)).with_parent(s);
    a.fixed_cost = 5_000.0;
    let a = p.add_task(a).unwrap();
    let mut b = Task::new("B").with_duration(days(5)).with_parent(s);
    b.fixed_cost = 10_000.0;
    let b = p.add_task(b).unwrap();
    p.link(a, b).unwrap();
    save_baseline(
        &mut p,
        0,
        Some(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
    )
    .unwrap();
    p.set_status_date(Some(at(1, 11, 17, 0))).unwrap();
    p.edit_task(a, |t| {
        t.progress.actual_start = Some(at(1, 4, 8, 0));
        t.progress.actual_finish = Some(at(1, 8, 17, 0));
        t.progress.percent_complete = 100;
        t.progress.actual_cost = Some(6_000.0);
    })
    .unwrap();
    if b_pct > 0 {
        p.edit_task(b, |t| {
            t.progress.actual_start = Some(at(1, 11, 8, 0));
            t.progress.percent_complete = b_pct;
            t.progress.actual_cost = Some(2_000.0);
        })
        .unwrap();
    }
    (p, s, a, b)
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() < 1e-6
}

#[test]
fn earned_value_hand_worked() {
    let (p, s, a, _) = evm_project(25);
    let r = earned_value(&p, 0, EvMethod::PercentComplete).unwrap();
    let f = &r.project;
    // PV = 5,000 + 1 day of B (2,000); EV = 5,000 + 25% × 10,000; AC = 6,000 + 2,000.
    assert_eq!(
        (f.bac, f.pv, f.ev, f.ac),
        (15_000.0, 7_000.0, 7_500.0, 8_000.0)
    );
    assert_eq!((f.sv, f.cv), (500.0, -500.0));
    assert!(close(f.spi.unwrap(), 7_500.0 / 7_000.0));
    assert!(close(f.cpi.unwrap(), 0.9375));
    assert!(close(f.eac_cpi.unwrap(), 16_000.0)); // 15,000 / 0.9375
    assert!(close(f.eac_remaining_at_budget, 15_500.0)); // 8,000 + 7,500
    // 8,000 + 7,500 / (0.9375 × 1.0714286) = 8,000 + 7,466.67
    assert!(close(
        f.eac_cpi_spi.unwrap(),
        8_000.0 + 7_500.0 / (0.9375 * 7_500.0 / 7_000.0)
    ));
    assert!(close(f.etc.unwrap(), 8_000.0) && close(f.vac.unwrap(), -1_000.0));
    assert!(close(f.tcpi_bac.unwrap(), 7_500.0 / 7_000.0)); // (15,000 − 7,500) / (15,000 − 8,000)
    assert!(close(f.tcpi_eac.unwrap(), 0.9375)); // 7,500 / (16,000 − 8,000)
    // Bottom-up: AC + the remaining 75% of B at its current cost.
    assert!(close(r.eac_bottom_up, 8_000.0 + 7_500.0));
    // Per task and per summary.
    let row = |id| &r.tasks.iter().find(|t| t.task == id).unwrap().figures;
    assert_eq!(
        (row(a).pv, row(a).ev, row(a).ac),
        (5_000.0, 5_000.0, 6_000.0)
    );
    assert_eq!((row(s).bac, row(s).ev), (15_000.0, 7_500.0));
    // Earned schedule: PV at the end of days 1..7 = 1,000 … 5,000, 7,000, 9,000. EV 7,500
    // passes day 6 (7,000): ES = 6 + (7,500 − 7,000) / (9,000 − 7,000) = 6.25, AT = 6.
    let es = &r.earned_schedule;
    assert!(close(es.es, 6.25) && close(es.at, 6.0) && close(es.pd, 10.0));
    assert!(close(es.sv_t, 0.25) && close(es.spi_t.unwrap(), 6.25 / 6.0));
    assert!(close(es.tspi.unwrap(), 3.75 / 4.0));
    // IEAC(t) = 10 / 1.041667 = 9.6 days: 9 days to Thu 14 Jan, then 4.8 h on Fri 15
    // (08:00–12:00 and 13:00–13:48).
    assert!(close(es.ieac_t.unwrap(), 9.6));
    assert_eq!(es.forecast_finish, Some(at(1, 15, 13, 48)));
}

#[test]
fn earned_schedule_behind_plan() {
    // B not started: EV = 5,000 = PV at the end of day 5, so ES = 5 and AT = 6:
    // SV(t) = −1 day, SPI(t) = 0.8333, IEAC(t) = 12 days → Tue 19 Jan 17:00.
    let (p, _, _, _) = evm_project(0);
    let r = earned_value(&p, 0, EvMethod::PercentComplete).unwrap();
    let es = &r.earned_schedule;
    assert!(close(es.es, 5.0) && close(es.sv_t, -1.0));
    assert!(close(es.spi_t.unwrap(), 5.0 / 6.0));
    assert!(close(es.ieac_t.unwrap(), 12.0));
    assert_eq!(es.forecast_finish, Some(at(1, 19, 17, 0)));
    // Physical percent complete credits EV differently from duration percent.
    let (mut p, _, _, b) = evm_project(25);
    p.edit_task(b, |t| t.progress.physical_percent = Some(40))
        .unwrap();
    let phys = earned_value(&p, 0, EvMethod::Physical).unwrap();
    assert_eq!(phys.project.ev, 5_000.0 + 4_000.0);
    assert_eq!(
        earned_value(&p, 0, EvMethod::PercentComplete)
            .unwrap()
            .project
            .ev,
        7_500.0
    );
    assert_eq!(
        earned_value(&p, 4, EvMethod::Physical).unwrap_err(),
        ControlError::NoBaseline(4)
    );
}

/// Published worked examples of the aggregate formulas.
#[test]
fn published_examples() {
    // Schwalbe, *Information Technology Project Management* (ch. 7 exercise): BAC 200,000,
    // PV 120,000, EV 100,000, AC 90,000 → CV 10,000, SV −20,000, CPI 1.11, SPI 0.83,
    // EAC 180,000.
    let f = EvmFigures::new(200_000.0, 120_000.0, 100_000.0, 90_000.0);
    assert_eq!((f.cv, f.sv), (10_000.0, -20_000.0));
    assert!(close(f.cpi.unwrap(), 100.0 / 90.0) && close(f.spi.unwrap(), 100.0 / 120.0));
    assert!(close(f.eac_cpi.unwrap(), 180_000.0) && close(f.vac.unwrap(), 20_000.0));
    // Course solution (IE 5411, status at week 12, $00): BAC 248, PV 158, EV 148, AC 210
    // → CV −62, SV −10, CPI 0.7048, EAC = 248 / 0.7048 = 352, VAC = −104.
    let g = EvmFigures::new(248.0, 158.0, 148.0, 210.0);
    assert_eq!((g.cv, g.sv), (-62.0, -10.0));
    assert!((g.cpi.unwrap() - 0.7048).abs() < 1e-4);
    assert!((g.eac_cpi.unwrap() - 351.89).abs() < 0.01 && (g.vac.unwrap() + 103.89).abs() < 0.01);
    // "What's in Earned Value Management? Part IV", example I: one task baselined at 100
    // h × 100 = 10,000, 110 h spent, 10 h to go → EV = 10,000 × 11/12 = 9,166.67,
    // AC 11,000, EAC 12,000, VAC −2,000 (the CPI form gives the same 12,000 here).
    let h = EvmFigures::new(10_000.0, 10_000.0, 10_000.0 * 11.0 / 12.0, 11_000.0);
    assert!(close(h.ev, 9_166.666_666_666_666) && close(h.cpi.unwrap(), 0.833_333_333_333_333_4));
    assert!(close(h.eac_cpi.unwrap(), 12_000.0) && close(h.vac.unwrap(), -2_000.0));
    // Zero denominators give no ratio rather than infinity.
    let z = EvmFigures::new(100.0, 0.0, 0.0, 0.0);
    assert_eq!((z.spi, z.cpi, z.eac_cpi), (None, None, None));
}

/// Weekly S-curve of the earned-value project: weeks of 4 and 11 Jan. PV reaches 5,000 at
/// the end of week 1 and 15,000 at the end of week 2 (Fri 15 17:00); EV and AC stop at the
/// status date (Mon 11 17:00), at 7,500 and 8,000.
#[test]
fn s_curve_by_week() {
    let (p, _, _, _) = evm_project(25);
    let c = planix::control::s_curve(
        &p,
        0,
        EvMethod::PercentComplete,
        planix::resources::Period::Week,
    )
    .unwrap();
    assert_eq!(c.len(), 2);
    assert_eq!(
        (c[0].pv, c[0].ev, c[0].ac),
        (5_000.0, Some(5_000.0), Some(6_000.0))
    );
    assert_eq!(c[1].at, at(1, 15, 17, 0));
    assert_eq!(
        (c[1].pv, c[1].ev, c[1].ac),
        (15_000.0, Some(7_500.0), Some(8_000.0))
    );
}

/// Assignment baselines: Ana (100 an hour, full time) on A (4 d = 32 h, 3,200). Half done
/// at the status date with 2 d left, A now runs 5 d: 40 h and 4,000, so +8 h and +800.
#[test]
fn assignment_baseline_variance() {
    let (mut p, a, _, _) = plan();
    let ana = p
        .add_resource(planix::Resource::work("Ana", 1.0).with_rate(planix::CostRate::new(100.0)))
        .unwrap();
    p.assign(planix::Assignment::new(a, ana, 1.0)).unwrap();
    p.set_status_date(None).unwrap();
    save_baseline(&mut p, 0, None).unwrap();
    let b = p.baseline(0).unwrap();
    assert_eq!(b.assignments.len(), 1);
    assert_eq!(
        (b.assignments[0].work, b.assignments[0].cost),
        (32.0, 3_200.0)
    );
    p.set_status_date(Some(at(1, 6, 17, 0))).unwrap();
    started(&mut p, a, at(1, 4, 8, 0), 50);
    let v = variance(&p, &reschedule(&p).unwrap(), 0).unwrap();
    assert_eq!(v.assignments.len(), 1);
    assert_eq!(
        (
            v.assignments[0].work_variance,
            v.assignments[0].cost_variance
        ),
        (8.0, 800.0)
    );
    // A baseline naming an unknown resource is refused.
    let mut bad = p.baseline(0).unwrap().clone();
    bad.assignments[0].resource = planix::ResourceId(9);
    assert_eq!(
        p.set_baseline(2, bad),
        Err(ModelError::UnknownResource(planix::ResourceId(9)))
    );
}

/// Time-phased baseline from the cost engine, hand-worked: A (4 d, Mon 4 – Thu 7 Jan
/// 2027) with Ana at 100/h until Tue 5 Jan and 150/h from Wed 6 Jan, plus a 40 per-use
/// charge at the start and 200 of fixed cost. Per day: Mon 8 h × 100 + 40 = 840,
/// Tue 800, Wed 8 h × 150 = 1,200, Thu 1,200 (4,040), and fixed cost 50 a day (200): 4,240
/// in all. An even accrual would put PV at Wed 12:00 at 2.5/4 × 4,240 = 2,650; the
/// time-phased budget gives Mon + Tue in full (840 + 800 + 100 fixed) + half of Wed
/// (600 + 25) = 2,365.
#[test]
fn time_phased_baseline_follows_the_rate_table() {
    let (mut p, a, _, _) = plan();
    let mut rise = planix::CostRate::new(150.0);
    rise.from = NaiveDate::from_ymd_opt(2027, 1, 6);
    let mut first = planix::CostRate::new(100.0);
    first.per_use = 40.0;
    let ana = p
        .add_resource(
            planix::Resource::work("Ana", 1.0)
                .with_rate(first)
                .with_rate(rise),
        )
        .unwrap();
    p.assign(planix::Assignment::new(a, ana, 1.0)).unwrap();
    p.edit_task(a, |t| t.fixed_cost = 200.0).unwrap();
    p.set_status_date(None).unwrap();
    save_baseline(&mut p, 0, None).unwrap();
    let days = planix::control::baseline_timephased(&p, 0, planix::resources::Period::Day).unwrap();
    let ana_days: Vec<(u32, f64, f64)> = days
        .iter()
        .filter(|d| d.task == a && d.resource == Some(ana))
        .map(|d| (chrono::Datelike::day(&d.period), d.work, d.cost))
        .collect();
    assert_eq!(
        ana_days,
        vec![
            (4, 8.0, 840.0),
            (5, 8.0, 800.0),
            (6, 8.0, 1_200.0),
            (7, 8.0, 1_200.0)
        ]
    );
    let own: Vec<f64> = days
        .iter()
        .filter(|d| d.task == a && d.resource.is_none())
        .map(|d| d.cost)
        .collect();
    assert_eq!(own, vec![50.0; 4]);
    // By week: one row per item, summing to the baseline's task cost.
    let weeks =
        planix::control::baseline_timephased(&p, 0, planix::resources::Period::Week).unwrap();
    let a_total: f64 = weeks.iter().filter(|w| w.task == a).map(|w| w.cost).sum();
    assert_eq!(a_total, p.baseline(0).unwrap().tasks[&a].cost);
    assert_eq!(a_total, 4_240.0);
    // PV at Wed 12:00 from the time-phased budget.
    p.set_status_date(Some(at(1, 6, 12, 0))).unwrap();
    let r = earned_value(&p, 0, EvMethod::PercentComplete).unwrap();
    let pv_a = r.tasks.iter().find(|t| t.task == a).unwrap().figures.pv;
    assert!(close(pv_a, 2_365.0), "PV of A {pv_a}");
    // A time-phased row naming an unknown task is refused.
    let mut bad = p.baseline(0).unwrap().clone();
    bad.timephased[0].task = TaskId(99);
    assert_eq!(
        p.set_baseline(3, bad),
        Err(ModelError::UnknownTask(TaskId(99)))
    );
}

/// The tracked case study (progress, a status date and a time-phased baseline) survives
/// JSON → Project → JSON byte for byte, and its time-phased rows add up to the baseline's
/// budget at completion.
#[test]
fn tracked_case_study_round_trips_with_its_time_phased_baseline() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/case_study_tracked.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let p = planix::io::from_json(&text).unwrap();
    assert!(
        planix::io::to_json(&p).trim_end() == text.trim_end(),
        "round trip differs"
    );
    let b = p.baseline(0).unwrap();
    assert!(!b.timephased.is_empty());
    let phased: f64 = b.timephased.iter().map(|d| d.cost).sum();
    assert!(
        (phased - b.bac()).abs() < 1e-6 * b.bac().max(1.0),
        "{phased} vs {}",
        b.bac()
    );
}
