#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Risk register, second part: impact dimensions and scales, matrix scoring and heat map,
//! exposure over time from the history, the risk-adjusted forecast with its tornado and
//! contingency reserves, and the JSON document. Expected numbers are worked by hand in
//! the comments.

use chrono::NaiveDate;
use planix::resources::Period;
use planix::risk::{
    Action, ActionStatus, Assessment, Dimension, ImpactLevel, Response, Risk, RiskError, RiskKind,
    RiskMatrix, RiskRegister, RiskStatus, Scoring, Strategy,
};
use planix::simulate::{SimulateError, SimulationOptions};
use planix::{Duration, Error, Estimate, Project, Task, TaskId};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn days(n: i64) -> Duration {
    Duration::minutes(n * 480)
}

#[test]
fn impact_scale_dimensions_and_scoring_rules() {
    let m = RiskMatrix::default();
    // Default scale thresholds: Low from 5,000 or 2 days, Very high from 100,000 or 20.
    assert_eq!(m.impact_for_cost(0.0), Some(1));
    assert_eq!(m.impact_for_cost(4_999.99), Some(1));
    assert_eq!(m.impact_for_cost(5_000.0), Some(2));
    assert_eq!(m.impact_for_cost(99_999.0), Some(4));
    assert_eq!(m.impact_for_cost(100_000.0), Some(5));
    assert_eq!(m.impact_for_cost(-1.0), None);
    assert_eq!(m.impact_for_days(4.5), Some(2));
    assert_eq!(m.impact_for_days(5.0), Some(3));
    assert_eq!(m.impact_label(3), "Moderate");

    // The overall impact is the worst dimension.
    let a = Assessment::by_dimension(0.4, &[(Dimension::Cost, 2), (Dimension::Reputation, 4)]);
    assert_eq!((a.impact, a.impacts.len()), (4, 2));

    // R1: 0.30 × 4 → P×I 1.2, band "Possible" (3) × 4 = 12.
    // R2: 0.69 × 2 → P×I 1.38, band "Likely" (4) × 2 = 8.
    let build = |scoring| {
        let m = RiskMatrix {
            scoring,
            ..RiskMatrix::default()
        };
        let mut reg = RiskRegister::with_matrix(m).unwrap();
        for (id, p, i) in [("R1", 0.3, 4), ("R2", 0.69, 2)] {
            reg.add(Risk::new(id, id, RiskKind::Threat)).unwrap();
            reg.assess(id, Assessment::new(p, i), day(1, 4)).unwrap();
        }
        reg
    };
    let pi = build(Scoring::ProbabilityTimesImpact);
    assert!((pi.score("R1").unwrap() - 1.2).abs() < 1e-12);
    assert!((pi.score("R2").unwrap() - 1.38).abs() < 1e-12);
    assert_eq!(pi.top(1)[0].id, "R2");
    let mx = build(Scoring::Matrix);
    assert_eq!((mx.score("R1"), mx.score("R2")), (Some(12.0), Some(8.0)));
    assert_eq!(mx.top(1)[0].id, "R1");

    // A dimension outside the scale, or above the overall impact, is refused.
    let mut reg = RiskRegister::new();
    reg.add(Risk::new("R1", "x", RiskKind::Threat)).unwrap();
    let before = reg.clone();
    let mut a = Assessment::new(0.5, 3);
    a.impacts.insert(Dimension::Schedule, 4);
    assert!(matches!(
        reg.assess("R1", a, day(1, 4)),
        Err(RiskError::InvalidAssessment { .. })
    ));
    let mut a = Assessment::new(0.5, 3);
    a.impacts.insert(Dimension::Cost, 0);
    assert!(reg.assess("R1", a, day(1, 4)).is_err());
    assert_eq!(reg, before);

    // Scales: one level per column, starting at zero, strictly increasing.
    let mut m = RiskMatrix::default();
    m.impact_scale.pop();
    assert!(matches!(m.validate(), Err(RiskError::InvalidMatrix(_))));
    let mut m = RiskMatrix::default();
    m.impact_scale[2] = ImpactLevel {
        label: "flat".into(),
        cost_from: 5_000.0,
        days_from: 5.0,
    };
    assert!(matches!(m.validate(), Err(RiskError::InvalidMatrix(_))));
}

#[test]
fn heatmap_cells_carry_labels_ratings_and_ids() {
    let mut reg = RiskRegister::new();
    for (id, p, i) in [("R1", 0.3, 4), ("R2", 0.35, 4), ("R3", 0.05, 1)] {
        reg.add(Risk::new(id, id, RiskKind::Threat)).unwrap();
        reg.assess(id, Assessment::new(p, i), day(1, 4)).unwrap();
    }
    reg.assess_residual("R2", Assessment::new(0.1, 2), day(2, 1))
        .unwrap();
    let inherent = reg.heatmap(false);
    assert_eq!(inherent.len(), 25);
    let cell = inherent
        .iter()
        .find(|c| c.probability == 3 && c.impact == 4)
        .unwrap();
    assert_eq!(cell.probability_label, "Possible");
    assert_eq!(cell.impact_label, "High");
    assert_eq!(cell.rating, "high");
    assert_eq!(cell.risks, vec!["R1", "R2"]);
    assert_eq!(inherent.iter().map(|c| c.risks.len()).sum::<usize>(), 3);
    // Residual view: R2 moves to "Unlikely" × 2 (low).
    let residual = reg.heatmap(true);
    let moved = residual
        .iter()
        .find(|c| c.risks.contains(&"R2".to_string()))
        .unwrap();
    assert_eq!((moved.probability, moved.impact), (2, 2));
    assert_eq!(moved.rating, "low");
}

/// T1 identified 4 Jan: 50% × 10,000 (EMV −5,000); residual on 1 Feb: 20% × 10,000
/// (−2,000); closed 1 Mar. O1 identified 1 Jan: 50% × 6,000 (+3,000), never closed.
#[test]
fn exposure_follows_the_history() {
    let mut reg = RiskRegister::new();
    let mut t1 = Risk::new("T1", "Legacy interface", RiskKind::Threat);
    t1.identified = Some(day(1, 4));
    t1.inherent = Some(Assessment::new(0.5, 3).with_cost(10_000.0));
    reg.add(t1).unwrap();
    assert_eq!(reg.get("T1").unwrap().history.len(), 1);
    let mut o1 = Risk::new("O1", "Reuse the test suite", RiskKind::Opportunity);
    o1.identified = Some(day(1, 1));
    o1.inherent = Some(Assessment::new(0.5, 2).with_cost(6_000.0));
    reg.add(o1).unwrap();
    reg.assess_residual("T1", Assessment::new(0.2, 3).with_cost(10_000.0), day(2, 1))
        .unwrap();
    reg.set_status("T1", RiskStatus::Closed, day(3, 1)).unwrap();
    assert_eq!(reg.get("T1").unwrap().closed, Some(day(3, 1)));

    let e = reg.exposure(day(1, 1), day(3, 31), Period::Month).unwrap();
    let got: Vec<_> = e
        .iter()
        .map(|x| (x.date, x.open, x.threats, x.opportunities, x.net))
        .collect();
    assert_eq!(
        got,
        vec![
            (day(1, 1), 1, 0.0, 3_000.0, 3_000.0),
            (day(2, 1), 2, -2_000.0, 3_000.0, 1_000.0),
            (day(3, 1), 1, 0.0, 3_000.0, 3_000.0),
        ]
    );
    let mid_jan = reg.exposure_on(&[day(1, 10)]);
    assert_eq!(mid_jan[0].threats, -5_000.0);
    // Scores (P × I): 0.5 × 3 + 0.5 × 2 = 2.5.
    assert!((mid_jan[0].score - 2.5).abs() < 1e-12);
    assert!(reg.exposure(day(3, 1), day(1, 1), Period::Week).is_err());
}

/// A (5 d, fixed) → B (5 d), and C (2 d) in parallel with 8 days of float. RA: 50% on A,
/// a fixed 2-day delay and 10,000; RC: 50% on C, a fixed 3-day delay.
fn network() -> (Project, TaskId, TaskId) {
    let start = day(1, 4).and_hms_opt(8, 0, 0).unwrap();
    let mut p = Project::new("p", start);
    let a = p.add_task(Task::new("A").with_duration(days(5))).unwrap();
    let b = p.add_task(Task::new("B").with_duration(days(5))).unwrap();
    let c = p.add_task(Task::new("C").with_duration(days(2))).unwrap();
    p.link(a, b).unwrap();
    (p, a, c)
}

#[test]
fn forecast_tornado_and_reserves_hand_worked() {
    let (p, a, c) = network();
    let mut reg = RiskRegister::new();
    reg.add(Risk::new("RC", "Test rig late", RiskKind::Threat).with_tasks(vec![c]))
        .unwrap();
    reg.add(Risk::new("RA", "Legacy API", RiskKind::Threat).with_tasks(vec![a]))
        .unwrap();
    reg.assess(
        "RA",
        Assessment::new(0.5, 3)
            .with_delay(Estimate::fixed(days(2)))
            .with_cost(10_000.0),
        day(1, 4),
    )
    .unwrap();
    reg.assess(
        "RC",
        Assessment::new(0.5, 2).with_delay(Estimate::fixed(days(3))),
        day(1, 4),
    )
    .unwrap();
    let f = reg
        .forecast(&p, &SimulationOptions::new(4_000, 3), 80.0)
        .unwrap();
    // Planned finish: 10 working days from Mon 4 Jan → Fri 15 Jan 17:00.
    let planned = day(1, 15).and_hms_opt(17, 0, 0).unwrap();
    assert_eq!(f.report.planned_finish, planned);
    assert_eq!(f.percentile_without_risks(80.0), planned);
    // RA happens in ~half the iterations, so P80 is 2 working days later: Tue 19 Jan.
    assert_eq!(
        f.percentile(80.0),
        day(1, 19).and_hms_opt(17, 0, 0).unwrap()
    );
    assert_eq!(f.percentile(20.0), planned);
    // Tornado: RA moves the finish by exactly 2 days; RC (8 days of float) moves it by
    // nothing, but its bar compares iterations where it occurred with those where it did
    // not, and those hold RA in slightly different shares: 960 min × (share difference),
    // σ ≈ 960 × 0.5 × √(2/2000) ≈ 15 min, so |bar| stays under 4σ = 60 min.
    let ids: Vec<_> = f.tornado.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, vec!["RA", "RC"]);
    assert_eq!(f.tornado[0].finish_shift, Some(days(2)));
    assert!(f.tornado[1].finish_shift.unwrap().as_minutes().abs() < 60);
    assert!((f.tornado[0].occurred - 0.5).abs() < 0.03);
    assert_eq!(f.tornado[0].emv, -5_000.0);
    // Reserves: EMV 0.5 × 10,000; schedule 2 days; cost P80 of {0, 10,000} = 10,000.
    assert_eq!(f.reserve.emv, 5_000.0);
    assert_eq!(f.reserve.schedule, days(2));
    assert_eq!(f.reserve.schedule_from_risks, days(2));
    assert_eq!(f.reserve.cost, Some(10_000.0));
    // Same seed, same bytes.
    let again = reg
        .forecast(&p, &SimulationOptions::new(4_000, 3), 80.0)
        .unwrap();
    assert_eq!(
        serde_json::to_string(&again).unwrap(),
        serde_json::to_string(&f).unwrap()
    );

    // Bad links and options are typed errors.
    let mut bad = reg.clone();
    bad.add(Risk::new("RX", "Ghost", RiskKind::Threat).with_tasks(vec![TaskId(99)]))
        .unwrap();
    assert!(matches!(
        bad.forecast(&p, &SimulationOptions::new(10, 1), 80.0),
        Err(Error::Risk(RiskError::UnknownTask {
            task: TaskId(99),
            ..
        }))
    ));
    let mut bad = reg.clone();
    bad.add_response(
        "RA",
        Response {
            strategy: Strategy::Mitigate,
            actions: vec![Action {
                description: "Spike".into(),
                owner: String::new(),
                due: None,
                cost: 0.0,
                status: ActionStatus::Open,
                task: Some(TaskId(42)),
            }],
        },
    )
    .unwrap();
    assert!(matches!(
        bad.check_links(&p),
        Err(RiskError::UnknownTask {
            task: TaskId(42),
            ..
        })
    ));
    assert!(
        reg.forecast(&p, &SimulationOptions::new(10, 1), 0.0)
            .is_err()
    );
    assert!(
        reg.forecast(&p, &SimulationOptions::new(0, 1), 80.0)
            .is_err()
    );
}

#[test]
fn forecast_on_a_summary_task_is_refused() {
    let (mut p, a, _) = network();
    let s = p.add_task(Task::new("Phase")).unwrap();
    p.add_task(Task::new("Leaf").with_duration(days(1)).with_parent(s))
        .unwrap();
    let _ = a;
    let mut reg = RiskRegister::new();
    reg.add(Risk::new("R1", "x", RiskKind::Threat).with_tasks(vec![s]))
        .unwrap();
    reg.assess(
        "R1",
        Assessment::new(0.5, 2).with_delay(Estimate::fixed(days(1))),
        day(1, 4),
    )
    .unwrap();
    assert!(matches!(
        reg.forecast(&p, &SimulationOptions::new(10, 1), 80.0),
        Err(Error::Simulate(SimulateError::SummaryTask { .. }))
    ));
}

#[test]
fn json_document_round_trips_and_is_validated() {
    let m = RiskMatrix {
        scoring: Scoring::Matrix,
        ..RiskMatrix::default()
    };
    let mut reg = RiskRegister::with_matrix(m).unwrap();
    let mut r = Risk::new("R1", "Key developer leaves", RiskKind::Threat);
    r.owner = "Delivery lead".into();
    r.triggers = vec!["Résumé on LinkedIn".into(), "Missed stand-ups".into()];
    r.deliverables = vec!["D2 Portal".into()];
    r.identified = Some(day(1, 4));
    r.proximity = Some(day(4, 1));
    r.inherent = Some(Assessment::by_dimension(
        0.3,
        &[(Dimension::Schedule, 4), (Dimension::Cost, 3)],
    ));
    reg.add(r).unwrap();
    reg.add_response(
        "R1",
        Response {
            strategy: Strategy::Mitigate,
            actions: vec![],
        },
    )
    .unwrap();
    reg.assess_residual("R1", Assessment::new(0.1, 3), day(2, 1))
        .unwrap();
    let text = reg.to_json();
    assert!(text.starts_with("{\n  \"format\": \"planix-risks\",\n  \"version\": 1,"));
    let back = RiskRegister::from_json(&text).unwrap();
    assert_eq!(back, reg);
    assert_eq!(back.to_json(), text);
    // CSV keeps the new fields too.
    let csv = reg.to_csv().unwrap();
    let from_csv = RiskRegister::from_csv(&csv, day(9, 9)).unwrap();
    let (x, y) = (&from_csv.risks()[0], &reg.risks()[0]);
    assert_eq!(
        (
            &x.triggers,
            &x.deliverables,
            x.proximity,
            &x.inherent,
            &x.residual
        ),
        (
            &y.triggers,
            &y.deliverables,
            y.proximity,
            &y.inherent,
            &y.residual
        )
    );

    for (from, to) in [
        ("\"planix-risks\"", "\"planix\""),
        ("\"probability\": 0.3", "\"probability\": 1.3"),
        ("\"schedule\": 4", "\"schedule\": 7"),
        ("\"strategy\": \"mitigate\"", "\"strategy\": \"exploit\""),
        ("\"version\": 1", "\"version\": 2"),
        ("\"owner\"", "\"ownr\""),
    ] {
        assert!(text.contains(from), "{from}");
        let e = RiskRegister::from_json(&text.replacen(from, to, 1));
        assert!(e.is_err(), "{from} → {to} accepted");
    }
    let two = text.replacen(
        "\"risks\": [",
        "\"risks\": [{\"id\": \"R1\", \"title\": \"dup\", \"kind\": \"threat\"},",
        1,
    );
    assert_eq!(
        RiskRegister::from_json(&two),
        Err(RiskError::DuplicateRisk("R1".into()))
    );
}

/// The example in docs/format.md is a real register: it loads, and writing it back gives
/// the same document (the docs print the matrix rows compactly, so values are compared).
#[test]
fn documented_register_example_round_trips() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/format.md")).unwrap();
    let section = &doc[doc.find("## Risk register").unwrap()..];
    let start = section.find("```json\n").unwrap() + "```json\n".len();
    let end = start + section[start..].find("```").unwrap();
    let text = &section[start..end];
    let reg = RiskRegister::from_json(text).unwrap();
    let value = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    assert_eq!(value(&reg.to_json()), value(text));
    assert_eq!(reg.emv("R1"), Some(-15_000.0)); // residual 30% × 50,000
    assert_eq!(reg.get("R1").unwrap().history.len(), 2);
}

/// An opportunity's money enters the simulation as a saving: RA (50%, 10,000) and O1
/// (certain, 3,000 saved): P80 cost = 10,000 − 3,000 = 7,000; EMV reserve 5,000 − 3,000.
/// Its schedule gain is not simulated: the finish is RA's alone.
#[test]
fn opportunities_save_money_in_the_forecast() {
    let (p, a, c) = network();
    let mut reg = RiskRegister::new();
    reg.add(Risk::new("RA", "Legacy API", RiskKind::Threat).with_tasks(vec![a]))
        .unwrap();
    reg.add(Risk::new("O1", "Reuse test rig", RiskKind::Opportunity).with_tasks(vec![c]))
        .unwrap();
    reg.assess(
        "RA",
        Assessment::new(0.5, 3)
            .with_delay(Estimate::fixed(days(2)))
            .with_cost(10_000.0),
        day(1, 4),
    )
    .unwrap();
    reg.assess(
        "O1",
        Assessment::new(1.0, 2)
            .with_delay(Estimate::fixed(days(1)))
            .with_cost(3_000.0),
        day(1, 4),
    )
    .unwrap();
    let events = reg.to_risk_events();
    assert_eq!(events.len(), 2);
    assert!(events[1].delay.is_none());
    assert_eq!(events[1].cost.unwrap().most_likely, -3_000.0);
    let f = reg
        .forecast(&p, &SimulationOptions::new(2_000, 5), 80.0)
        .unwrap();
    assert_eq!(f.reserve.cost, Some(7_000.0));
    assert_eq!(f.reserve.emv, 2_000.0);
    assert_eq!(f.reserve.schedule_from_risks, days(2));
}
