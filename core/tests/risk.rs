#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Risk register: hand-worked EMV and scores, matrix boundaries, append-only history, bad
//! input, and the link into the Monte Carlo simulation.

use chrono::NaiveDate;
use planix::risk::{
    Assessment, ProbabilityLevel, Risk, RiskError, RiskKind, RiskMatrix, RiskRegister, RiskStatus,
};
use planix::simulate::{SimulationOptions, simulate};
use planix::{Duration, Estimate, Project, Task};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn register() -> RiskRegister {
    let mut reg = RiskRegister::new();
    let a = reg
        .add(Risk::new("R1", "Key developer leaves", RiskKind::Threat))
        .unwrap();
    let b = reg
        .add(Risk::new("R2", "Client approvals late", RiskKind::Threat))
        .unwrap();
    let c = reg
        .add(Risk::new(
            "O1",
            "Reuse the client's test suite",
            RiskKind::Opportunity,
        ))
        .unwrap();
    reg.assess(&a, Assessment::new(0.3, 4).with_cost(20_000.0), day(2, 1))
        .unwrap();
    reg.assess(&b, Assessment::new(0.6, 3).with_cost(8_000.0), day(2, 1))
        .unwrap();
    reg.assess(&c, Assessment::new(0.5, 2).with_cost(6_000.0), day(2, 1))
        .unwrap();
    reg
}

/// EMV = probability × cost, threats negative, opportunities positive (PMBOK 7, §4.4):
/// R1 −6,000, R2 −4,800, O1 +3,000; totals −10,800 / +3,000 / −7,800.
#[test]
fn emv_and_scores_hand_worked() {
    let mut reg = register();
    assert_eq!(reg.emv("R1"), Some(-6_000.0));
    assert!((reg.emv("R2").unwrap() + 4_800.0).abs() < 1e-9);
    assert_eq!(reg.emv("O1"), Some(3_000.0));
    let (t, o, net) = reg.total_emv();
    assert!((t + 10_800.0).abs() < 1e-9 && o == 3_000.0 && (net + 7_800.0).abs() < 1e-9);
    // Scores: R1 0.3 × 4 = 1.2, R2 0.6 × 3 = 1.8, O1 1.0: R2 first.
    let top: Vec<&str> = reg.top(2).iter().map(|r| r.id.as_str()).collect();
    assert_eq!(top, ["R2", "R1"]);
    // Closed risks leave the totals and the ranking.
    reg.set_status("R2", RiskStatus::Closed, day(3, 1)).unwrap();
    assert_eq!(reg.total_emv().0, -6_000.0);
    assert_eq!(reg.top(1)[0].id, "R1");
}

#[test]
fn matrix_bands_at_their_boundaries() {
    let m = RiskMatrix::default();
    m.validate().unwrap();
    // Bands are [min, max); the top band includes 1.
    assert_eq!(m.band_of(0.0), Some(1));
    assert_eq!(m.band_of(0.099_999), Some(1));
    assert_eq!(m.band_of(0.1), Some(2));
    assert_eq!(m.band_of(0.3), Some(3));
    assert_eq!(m.band_of(0.7), Some(5));
    assert_eq!(m.band_of(1.0), Some(5));
    assert_eq!(m.band_of(1.01), None);
    assert_eq!(m.band_of(-0.01), None);
    assert_eq!(m.rating((1, 1)), Some("low"));
    assert_eq!(m.rating((5, 5)), Some("critical"));
    assert_eq!(m.rating((6, 1)), None);
    let reg = register();
    // R1: 0.3 → Possible, impact 4 → high; R2: 0.6 → Likely, impact 3 → high.
    assert_eq!(reg.rating("R1").as_deref(), Some("high"));
    let cells = reg.placement(false);
    assert_eq!(cells[2][3], vec!["R1".to_string()]);
    assert_eq!(cells[3][2], vec!["R2".to_string()]);
    assert_eq!(cells.iter().flatten().map(Vec::len).sum::<usize>(), 3);
}

#[test]
fn history_is_append_only_and_residual_wins() {
    let mut reg = register();
    reg.assess_residual("R1", Assessment::new(0.1, 2).with_cost(20_000.0), day(3, 1))
        .unwrap();
    reg.assess(
        "R1",
        Assessment::new(0.35, 4).with_cost(20_000.0),
        day(4, 1),
    )
    .unwrap();
    let r = reg.get("R1").unwrap();
    assert_eq!(r.history.len(), 3);
    assert_eq!(r.history[0].date, day(2, 1));
    assert_eq!(r.history[0].assessment.probability, 0.3);
    assert!(r.history[1].residual);
    // EMV and the current cell use the residual assessment.
    assert_eq!(reg.emv("R1"), Some(-2_000.0));
    assert_eq!(reg.placement(true)[1][1], vec!["R1".to_string()]);
    // Inherent 0.35 (Possible), impact 4.
    assert_eq!(reg.placement(false)[2][3], vec!["R1".to_string()]);
}

#[test]
fn bad_input_is_a_typed_error_and_changes_nothing() {
    let mut reg = register();
    let before = reg.clone();
    for a in [
        Assessment::new(1.5, 3),
        Assessment::new(-0.1, 3),
        Assessment::new(0.5, 0),
        Assessment::new(0.5, 6),
        Assessment::new(0.5, 3).with_cost(-1.0),
        Assessment::new(0.5, 3).with_cost(f64::NAN),
    ] {
        assert!(matches!(
            reg.assess("R1", a, day(5, 1)),
            Err(RiskError::InvalidAssessment { ref risk, .. }) if risk == "R1"
        ));
    }
    assert_eq!(
        reg.assess("R9", Assessment::new(0.5, 3), day(5, 1)),
        Err(RiskError::UnknownRisk("R9".into()))
    );
    assert_eq!(
        reg.add(Risk::new("R1", "again", RiskKind::Threat)),
        Err(RiskError::DuplicateRisk("R1".into()))
    );
    assert_eq!(reg, before);
    // Matrices: too small, a missing cell, a gap between bands.
    let mut m = RiskMatrix::default();
    m.cells[2].pop();
    assert!(matches!(
        RiskRegister::with_matrix(m),
        Err(RiskError::InvalidMatrix(_))
    ));
    let mut m = RiskMatrix::default();
    m.probability[1] = ProbabilityLevel {
        label: "gap".into(),
        min: 0.15,
        max: 0.3,
    };
    assert!(matches!(m.validate(), Err(RiskError::InvalidMatrix(_))));
    let m = RiskMatrix {
        impact_levels: 2,
        ..RiskMatrix::default()
    };
    assert!(matches!(m.validate(), Err(RiskError::InvalidMatrix(_))));
}

/// A chain A (5 d) → B (5 d), plus C (2 d) with 8 days of float. A fixed 2-day delay:
/// at probability 0 the simulation equals the plain one; at probability 1 on A the
/// finish moves by exactly 2 days; on C (float 8 days) it does not move.
#[test]
fn register_feeds_the_simulation() {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let mut p = Project::new("p", start);
    let d = |n: i64| Duration::minutes(n * 480);
    let a = p
        .add_task(
            Task::new("A")
                .with_duration(d(5))
                .with_estimate(Estimate::pert(d(4), d(5), d(8))),
        )
        .unwrap();
    let b = p.add_task(Task::new("B").with_duration(d(5))).unwrap();
    let c = p.add_task(Task::new("C").with_duration(d(2))).unwrap();
    p.link(a, b).unwrap();
    let fixed = Estimate::new(d(2), d(2), d(2), planix::Distribution::Fixed);
    let plain = simulate(&p, &SimulationOptions::new(2_000, 9)).unwrap();
    let run = |prob: f64, task| {
        let mut reg = RiskRegister::new();
        let id = reg
            .add(Risk::new("R1", "late", RiskKind::Threat).with_tasks(vec![task]))
            .unwrap();
        reg.assess(&id, Assessment::new(prob, 3).with_delay(fixed), day(1, 4))
            .unwrap();
        let mut o = SimulationOptions::new(2_000, 9);
        o.risks = reg.to_risk_events();
        assert_eq!(o.risks.len(), 1);
        simulate(&p, &o).unwrap()
    };
    let zero = run(0.0, a);
    for q in [5.0, 50.0, 95.0] {
        assert_eq!(zero.percentile(q), plain.percentile(q));
    }
    let one = run(1.0, a);
    for q in [5.0, 50.0, 95.0] {
        // Two working days later: 2 × 480 working minutes on the standard calendar.
        let shift = one.percentile(q) - plain.percentile(q);
        assert!(
            shift.num_hours() >= 48 && shift.num_days() <= 4,
            "P{q}: {shift}"
        );
        assert_eq!(one.finish.std_dev, plain.finish.std_dev);
    }
    let floaty = run(1.0, c);
    for q in [5.0, 50.0, 95.0] {
        assert_eq!(floaty.percentile(q), plain.percentile(q));
    }
}

#[test]
fn csv_round_trip_is_lossless_and_bad_rows_name_row_and_column() {
    let mut reg = register();
    let d = |n: i64| Duration::minutes(n * 480);
    let id = reg
        .add(
            Risk::new(
                "R3",
                "Integration with the client's \"legacy\" ERP,\nphase 2",
                RiskKind::Threat,
            )
            .with_tasks(vec![planix::TaskId(4), planix::TaskId(7)]),
        )
        .unwrap();
    reg.assess(
        &id,
        Assessment::new(0.4, 5)
            .with_cost(30_000.0)
            .with_delay(Estimate::new(
                d(2),
                d(5),
                d(15),
                planix::Distribution::Triangular,
            )),
        day(2, 1),
    )
    .unwrap();
    reg.assess_residual(
        &id,
        Assessment::new(0.2, 3).with_delay(Estimate::pert(d(1), d(2), d(4))),
        day(2, 1),
    )
    .unwrap();
    reg.set_status(&id, RiskStatus::ResponsePlanned, day(2, 1))
        .unwrap();
    let mut r4 = Risk::new("R4", "Hardware delivery", RiskKind::Threat);
    r4.next_review = Some(day(3, 15));
    r4.contingency = planix::risk::Contingency {
        time: d(3),
        cost: 5_000.0,
    };
    reg.add(r4).unwrap();
    reg.assess("R4", Assessment::new(0.4, 5), day(2, 1))
        .unwrap();
    let text = reg.to_csv().unwrap();
    let back = RiskRegister::from_csv(&text, day(2, 1)).unwrap();
    assert_eq!(back.risks().len(), 5);
    assert_eq!(back, reg);
    assert_eq!(back.to_csv().unwrap(), text);

    let header = text.lines().next().unwrap();
    let columns: Vec<&str> = header.split(',').collect();
    // A row from (column, value) pairs; every other column empty.
    let row_of = |cells: &[(&str, &str)]| {
        columns
            .iter()
            .map(|c| {
                cells
                    .iter()
                    .find(|x| x.0 == *c)
                    .map_or("", |x| x.1)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let base = [
        ("id", "R9"),
        ("title", "T"),
        ("kind", "threat"),
        ("status", "identified"),
        ("probability", "0.5"),
        ("impact", "3"),
        ("cost", "100"),
    ];
    let with = |col: &'static str, v: &'static str| {
        let mut cells: Vec<(&str, &str)> = base.iter().filter(|x| x.0 != col).copied().collect();
        cells.push((col, v));
        row_of(&cells)
    };
    let bad = |row: &str| RiskRegister::from_csv(&format!("{header}\n{row}\n"), day(2, 1));
    let good = row_of(&base);
    assert!(bad(&good).is_ok(), "{:?}", bad(&good));
    let cases = [
        (with("probability", "abc"), "probability"),
        (with("kind", "danger"), "kind"),
        (with("tasks", "x;2"), "tasks"),
        (with("next_review", "2027-13-01"), "next_review"),
        (with("identified", "yesterday"), "identified"),
        (with("impact_cost", "x"), "impact_cost"),
        (with("probability", ""), "probability"),
        (
            row_of(&[
                ("id", "R9"),
                ("title", "T"),
                ("kind", "threat"),
                ("status", "identified"),
                ("impact_schedule", "2"),
            ]),
            "probability",
        ),
    ];
    for (row, column) in cases {
        match bad(&row) {
            Err(RiskError::Csv {
                row: 1, column: c, ..
            }) => assert_eq!(c, column, "{row}"),
            other => panic!("{row}: expected a CSV error in column {column}, got {other:?}"),
        }
    }
    // Values out of range are the register's own typed errors.
    assert!(matches!(
        bad(&with("probability", "1.5")),
        Err(RiskError::InvalidAssessment { .. })
    ));
    assert!(matches!(
        bad(&with("impact", "9")),
        Err(RiskError::InvalidAssessment { .. })
    ));
    // A dimension above the overall impact is inconsistent.
    assert!(matches!(
        bad(&with("impact_reputation", "5")),
        Err(RiskError::InvalidAssessment { .. })
    ));
    assert!(matches!(
        RiskRegister::from_csv(&format!("{header}\n{good}\n{good}\n"), day(2, 1)),
        Err(RiskError::DuplicateRisk(_))
    ));
}

#[test]
fn responses_and_alerts() {
    use planix::risk::{Action, ActionStatus, Response, RiskAlert, Strategy};
    let mut reg = register();
    // R1 is high (Possible × 4) with no owner and no response; R2 is high too.
    let today = day(3, 1);
    reg.add(Risk::new("R5", "Review me", RiskKind::Threat))
        .unwrap();
    let mut r5 = reg.get("R5").unwrap().clone();
    r5.next_review = Some(day(2, 15));
    let mut fresh = RiskRegister::new();
    for r in reg.risks() {
        if r.id == "R5" {
            fresh.add(r5.clone()).unwrap();
        } else {
            fresh.add(r.clone()).unwrap();
            if let Some(a) = &r.inherent {
                fresh.assess(&r.id, a.clone(), day(2, 1)).unwrap();
            }
        }
    }
    let mut reg = fresh;
    assert!(matches!(
        reg.add_response(
            "R1",
            Response {
                strategy: Strategy::Exploit,
                actions: vec![]
            }
        ),
        Err(planix::risk::RiskError::InvalidResponse { .. })
    ));
    reg.add_response(
        "R2",
        Response {
            strategy: Strategy::Mitigate,
            actions: vec![Action {
                description: "Weekly approval slot with the client".into(),
                owner: "PM".into(),
                due: Some(day(2, 20)),
                cost: 500.0,
                status: ActionStatus::Open,
                task: None,
            }],
        },
    )
    .unwrap();
    assert_eq!(reg.get("R2").unwrap().status, RiskStatus::ResponsePlanned);
    let alerts = reg.alerts(today);
    assert_eq!(
        alerts,
        vec![
            RiskAlert::HighWithoutOwner {
                risk: "R1".into(),
                rating: "high".into()
            },
            RiskAlert::HighWithoutResponse {
                risk: "R1".into(),
                rating: "high".into()
            },
            RiskAlert::HighWithoutOwner {
                risk: "R2".into(),
                rating: "high".into()
            },
            RiskAlert::ActionOverdue {
                risk: "R2".into(),
                action: "Weekly approval slot with the client".into(),
                due: day(2, 20),
            },
            RiskAlert::ReviewOverdue {
                risk: "R5".into(),
                due: day(2, 15)
            },
        ]
    );
    // Closed risks raise nothing.
    reg.set_status("R1", RiskStatus::Closed, day(3, 1)).unwrap();
    assert!(
        reg.alerts(today)
            .iter()
            .all(|a| !matches!(a, RiskAlert::HighWithoutOwner { risk, .. } if risk == "R1"))
    );
}
