#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! The client side: stakeholder grid, communication plan and log, traceability, change
//! requests with impact analysis, sign-off, CSAT/NPS, the lifecycle gates and the
//! documents. Expected numbers are worked by hand in the comments.

use chrono::NaiveDate;
use planix::client::{
    ActionItem, Change, ChangeRequest, ChangeStatus, ClientError, CommItem, Decision, Deliverable,
    Engagement, Feedback, Frequency, Level, LogEntry, LogKind, Moscow, Objective, Requirement,
    RequirementStatus, Score, Sentiment, SignOff, Stakeholder, Strategy, SurveyResponse,
};
use planix::lifecycle::{LifecycleError, Phase, advance_phase, gate};
use planix::resources::Period;
use planix::{Duration, Project, Task, TaskId};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn days(n: i64) -> Duration {
    Duration::minutes(n * 480)
}

/// A (5 d) → B (5 d) → M (milestone); C (2 d) in parallel with 8 days of float; D (1 d)
/// serves no requirement. A carries a fixed cost of 1,000.
fn plan() -> (Project, [TaskId; 5]) {
    let mut p = Project::new("Portal", day(1, 4).and_hms_opt(8, 0, 0).unwrap());
    let mut a = Task::new("A").with_duration(days(5));
    a.fixed_cost = 1_000.0;
    let a = p.add_task(a).unwrap();
    let b = p.add_task(Task::new("B").with_duration(days(5))).unwrap();
    let c = p.add_task(Task::new("C").with_duration(days(2))).unwrap();
    let d = p.add_task(Task::new("D").with_duration(days(1))).unwrap();
    let m = p.add_task(Task::new("Go-live")).unwrap();
    p.link(a, b).unwrap();
    p.link(b, m).unwrap();
    (p, [a, b, c, d, m])
}

fn engagement(t: &[TaskId; 5]) -> Engagement {
    let mut e = Engagement::new("Northwind");
    e.add_stakeholder(
        Stakeholder::new("S1", "Dana Kim", "CIO").with_grid(Level::High, Level::High),
    )
    .unwrap();
    e.add_stakeholder(
        Stakeholder::new("S2", "Lee Park", "Finance").with_grid(Level::High, Level::Low),
    )
    .unwrap();
    e.add_stakeholder(
        Stakeholder::new("S3", "Ana Ruiz", "Warehouse").with_grid(Level::Low, Level::High),
    )
    .unwrap();
    e.add_stakeholder(Stakeholder::new("S4", "IT support", "Support"))
        .unwrap();
    let mut d1 = Deliverable::new("D1", "Order portal");
    d1.acceptance = vec!["Orders placed end to end".into()];
    d1.tasks = vec![t[0], t[1]];
    e.add_deliverable(d1).unwrap();
    let mut d2 = Deliverable::new("D2", "Reports");
    d2.tasks = vec![t[2]];
    e.add_deliverable(d2).unwrap();
    let mut r1 = Requirement::new("REQ-1", "Place orders online", Moscow::Must);
    r1.source = Some("S1".into());
    r1.deliverables = vec!["D1".into()];
    e.add_requirement(r1).unwrap();
    let mut r2 = Requirement::new("REQ-2", "Weekly stock report", Moscow::Should);
    r2.deliverables = vec!["D2".into()];
    e.add_requirement(r2).unwrap();
    e.add_requirement(Requirement::new("REQ-3", "Mobile app", Moscow::Must))
        .unwrap();
    e
}

#[test]
fn grid_quadrants_give_the_mendelow_strategies() {
    let (_, t) = plan();
    let e = engagement(&t);
    let got: Vec<_> = e.stakeholders().iter().map(|s| s.strategy()).collect();
    assert_eq!(
        got,
        vec![
            Strategy::ManageClosely,
            Strategy::KeepSatisfied,
            Strategy::KeepInformed,
            Strategy::Monitor
        ]
    );
}

/// Weekly status report from Mon 4 Jan; logged on 5 Jan and 20 Jan. Occurrences 4, 11, 18
/// and 25 Jan: done, missing, done (20 Jan falls in the 18–24 window), missing.
#[test]
fn communication_plan_due_and_overdue() {
    let (_, t) = plan();
    let mut e = engagement(&t);
    e.add_comm_item(CommItem {
        id: "C1".into(),
        what: "Status report".into(),
        audience: vec!["S1".into(), "S2".into()],
        channel: planix::client::Channel::Report,
        frequency: Frequency::Weekly,
        start: day(1, 4),
        until: None,
        owner: "PM".into(),
    })
    .unwrap();
    for (id, d) in [("L1", day(1, 5)), ("L2", day(1, 20))] {
        let mut l = LogEntry::new(id, d, LogKind::Email, "Status sent");
        l.plan_item = Some("C1".into());
        e.add_log_entry(l).unwrap();
    }
    let due = e.communications_due(day(1, 1), day(1, 25));
    let got: Vec<_> = due.iter().map(|d| (d.date, d.done)).collect();
    assert_eq!(
        got,
        vec![
            (day(1, 4), true),
            (day(1, 11), false),
            (day(1, 18), true),
            (day(1, 25), false)
        ]
    );
    let overdue: Vec<_> = e
        .overdue_communications(day(1, 26))
        .iter()
        .map(|d| d.date)
        .collect();
    assert_eq!(overdue, vec![day(1, 11), day(1, 25)]);
    // Monthly from 31 Jan clamps to month ends: 28 Feb, 31 Mar.
    assert_eq!(Frequency::Monthly.nth(day(1, 31), 1), Some(day(2, 28)));
    assert_eq!(Frequency::Monthly.nth(day(1, 31), 2), Some(day(3, 31)));
    // Bad references are typed errors and change nothing.
    let before = e.clone();
    let mut l = LogEntry::new("L3", day(1, 6), LogKind::Meeting, "x");
    l.stakeholders = vec!["S9".into()];
    assert!(matches!(
        e.add_log_entry(l),
        Err(ClientError::Unknown {
            kind: "stakeholder",
            ..
        })
    ));
    let mut l = LogEntry::new("L1", day(1, 6), LogKind::Meeting, "dup");
    l.actions = vec![];
    assert!(matches!(
        e.add_log_entry(l),
        Err(ClientError::Duplicate { .. })
    ));
    assert_eq!(e, before);
    // Action items: open and overdue.
    let mut l = LogEntry::new("L4", day(1, 6), LogKind::Meeting, "Kick-off");
    l.actions = vec![ActionItem {
        description: "Send data sample".into(),
        owner: "Ana".into(),
        due: Some(day(1, 8)),
        done: false,
    }];
    e.add_log_entry(l).unwrap();
    assert_eq!(e.overdue_actions(day(1, 9)).len(), 1);
    e.complete_action("L4", 0).unwrap();
    assert!(e.overdue_actions(day(1, 9)).is_empty());
}

/// REQ-1 → D1 → {A, B}; REQ-2 → D2 → {C}; REQ-3 has neither. D serves nothing (the
/// milestone is not a work task).
#[test]
fn traceability_gaps_both_ways() {
    let (p, t) = plan();
    let e = engagement(&t);
    let tr = e.traceability(&p).unwrap();
    assert_eq!(tr.rows[0].tasks, vec![t[0], t[1]]);
    assert_eq!(tr.without_deliverable, vec!["REQ-3"]);
    assert_eq!(tr.without_task, vec!["REQ-3"]);
    assert_eq!(tr.unrequired_tasks, vec![t[3]]);
    let mut bad = e.clone();
    let mut r = Requirement::new("REQ-9", "Ghost", Moscow::Could);
    r.tasks = vec![TaskId(77)];
    bad.add_requirement(r).unwrap();
    assert!(matches!(
        bad.traceability(&p),
        Err(ClientError::UnknownTask {
            task: TaskId(77),
            ..
        })
    ));
}

fn approve(e: &mut Engagement, id: &str) {
    e.decide_change(
        id,
        Decision {
            by: "S1".into(),
            date: day(1, 8),
            approved: true,
            note: String::new(),
        },
    )
    .unwrap();
}

/// A is critical: +3 days on A moves the finish (Fri 15 Jan) and the go-live milestone by 3
/// working days to Wed 20 Jan; +3 days on C (8 days of float) moves nothing. A new task
/// after B with 2,000 fixed cost adds 2 days and 2,000.
#[test]
fn change_impact_workflow_and_atomic_application() {
    let (mut p, t) = plan();
    let mut e = engagement(&t);
    let cr = |id: &str, changes| ChangeRequest::new(id, "change", "S1", day(1, 6), changes);
    e.submit_change(cr(
        "CR-1",
        vec![Change::SetDuration {
            task: t[0],
            duration: days(8),
        }],
    ))
    .unwrap();
    e.submit_change(cr(
        "CR-2",
        vec![Change::SetDuration {
            task: t[2],
            duration: days(5),
        }],
    ))
    .unwrap();
    e.submit_change(cr(
        "CR-3",
        vec![
            Change::AddTask {
                name: "Data export".into(),
                duration: days(2),
                parent: None,
                after: vec![t[1]],
                before: vec![t[4]],
                fixed_cost: 2_000.0,
            },
            Change::AddScope {
                statement: "CSV export".into(),
            },
        ],
    ))
    .unwrap();

    let a1 = e.analyse_change("CR-1", &p).unwrap().clone();
    assert_eq!(a1.finish_before, day(1, 15).and_hms_opt(17, 0, 0).unwrap());
    assert_eq!(a1.finish_after, day(1, 20).and_hms_opt(17, 0, 0).unwrap());
    assert_eq!(a1.finish_shift, days(3));
    assert_eq!(a1.milestones.len(), 1);
    assert_eq!(a1.milestones[0].task, t[4]);
    assert_eq!(a1.deliverables, vec!["D1"]);
    assert_eq!(a1.cost_after - a1.cost_before, 0.0);
    let a2 = e.analyse_change("CR-2", &p).unwrap().clone();
    assert_eq!(a2.finish_shift, days(0));
    assert!(a2.milestones.is_empty());
    assert_eq!(a2.deliverables, vec!["D2"]); // its task changed, its date moved
    let a3 = e.analyse_change("CR-3", &p).unwrap().clone();
    assert_eq!(a3.finish_shift, days(2));
    assert_eq!(a3.cost_after - a3.cost_before, 2_000.0);
    assert_eq!(p.task_count(), 5, "analysis never touches the project");

    // Decisions: a rejected request cannot be approved; nothing is implemented unapproved.
    e.decide_change(
        "CR-2",
        Decision {
            by: "S2".into(),
            date: day(1, 8),
            approved: false,
            note: "not now".into(),
        },
    )
    .unwrap();
    assert!(matches!(
        e.decide_change(
            "CR-2",
            Decision {
                by: "S1".into(),
                date: day(1, 9),
                approved: true,
                note: String::new()
            }
        ),
        Err(ClientError::ChangeState { .. })
    ));
    assert!(matches!(
        e.implement_change("CR-1", &mut p, day(1, 9)),
        Err(ClientError::ChangeState { .. })
    ));

    // Stale: the project changed after the analysis of CR-3.
    approve(&mut e, "CR-3");
    approve(&mut e, "CR-1");
    let mut edited = p.clone();
    edited.edit_task(t[3], |x| x.duration = days(2)).unwrap();
    let (before_p, before_e) = (edited.clone(), e.clone());
    assert_eq!(
        e.implement_change("CR-3", &mut edited, day(1, 9)),
        Err(ClientError::StaleRevision { id: "CR-3".into() })
    );
    assert_eq!((&edited, &e), (&before_p, &before_e));

    // Applied atomically: the task exists, linked, scope updated, history kept.
    let new = e.implement_change("CR-3", &mut p, day(1, 9)).unwrap();
    assert_eq!(new.len(), 1);
    assert_eq!(p.schedule().unwrap().finish(), a3.finish_after);
    assert!(e.in_scope.contains(&"CSV export".to_string()));
    assert_eq!(e.change("CR-3").unwrap().status, ChangeStatus::Implemented);
    assert_eq!(e.change_history()[0].cost_delta, 2_000.0);
    // CR-1 was analysed before CR-3 changed the plan: stale now.
    assert!(matches!(
        e.implement_change("CR-1", &mut p, day(1, 9)),
        Err(ClientError::StaleRevision { .. })
    ));
    // The project's JSON round trip stays lossless after the change.
    let text = planix::io::to_json(&p);
    assert_eq!(
        planix::io::to_json(&planix::io::from_json(&text).unwrap()),
        text
    );
    // A change that makes a cycle fails analysis with the schedule's error.
    e.submit_change(cr(
        "CR-4",
        vec![Change::AddLink {
            predecessor: t[1],
            successor: t[0],
        }],
    ))
    .unwrap();
    let err = e.analyse_change("CR-4", &p).unwrap_err();
    assert!(matches!(err, ClientError::Apply { .. }), "{err:?}");
    assert_eq!(e.change("CR-4").unwrap().status, ChangeStatus::Submitted);
}

#[test]
fn sign_off_rules() {
    let (_, t) = plan();
    let mut e = engagement(&t);
    let s = |accepted: bool, reasons: &str| SignOff {
        by: "S1".into(),
        date: day(2, 1),
        accepted,
        reasons: reasons.into(),
    };
    assert!(matches!(
        e.sign_off("D1", s(false, "")),
        Err(ClientError::Invalid { .. })
    ));
    e.sign_off("D1", s(false, "Search is too slow")).unwrap();
    e.sign_off("D1", s(true, "")).unwrap();
    assert_eq!(
        e.sign_off("D1", s(true, "")),
        Err(ClientError::AlreadyAccepted("D1".into()))
    );
    assert!(matches!(
        e.sign_off(
            "D1",
            SignOff {
                by: "S9".into(),
                ..s(true, "")
            }
        ),
        Err(ClientError::Unknown { .. })
    ));
    assert_eq!(e.deliverable("D1").unwrap().signoffs.len(), 2);
}

/// NPS answers 10, 9, 9, 8, 7, 6, 3, 10: promoters 4, passives 2, detractors 2 →
/// (4 − 2) / 8 = +25. CSAT 5, 4, 3, 2, 5: three of five are 4 or 5 → 60%.
#[test]
fn csat_and_nps_hand_worked() {
    let (_, t) = plan();
    let mut e = engagement(&t);
    for x in [10, 9, 9, 8, 7, 6, 3, 10] {
        e.add_survey_response(SurveyResponse {
            date: day(3, 10),
            stakeholder: None,
            score: Score::Nps(x),
        })
        .unwrap();
    }
    for (x, m) in [(5, 2), (4, 2), (3, 3), (2, 3), (5, 3)] {
        e.add_survey_response(SurveyResponse {
            date: day(m, 15),
            stakeholder: Some("S1".into()),
            score: Score::Csat(x),
        })
        .unwrap();
    }
    assert_eq!(e.nps(), Some(25.0));
    assert_eq!(e.csat(), Some(60.0));
    let trend = e.satisfaction_trend(day(2, 1), day(3, 31), Period::Month);
    // February: 5, 4 → 100%; March: 3, 2, 5 → 33.3%; NPS only in March.
    assert_eq!(trend.len(), 2);
    assert_eq!((trend[0].csat, trend[0].nps), (Some(100.0), None));
    assert!((trend[1].csat.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert_eq!(trend[1].nps, Some(25.0));
    for bad in [Score::Csat(0), Score::Csat(6), Score::Nps(11)] {
        assert!(matches!(
            e.add_survey_response(SurveyResponse {
                date: day(3, 1),
                stakeholder: None,
                score: bad
            }),
            Err(ClientError::Invalid { .. })
        ));
    }
    assert_eq!(e.survey_responses().len(), 13);
}

/// Walks the gates from initiation to closed, checking each criterion fails first and
/// passes once its cause is fixed.
#[test]
fn lifecycle_gates_from_initiation_to_closed() {
    let (mut p, t) = plan();
    let mut e = Engagement::new("Northwind");
    let unmet = |e: &Engagement, p: &Project, phase, date| -> Vec<String> {
        gate(e, p, phase, date)
            .into_iter()
            .filter(|c| !c.met)
            .map(|c| c.id)
            .collect()
    };
    let today = day(1, 4);
    assert_eq!(
        unmet(&e, &p, Phase::Initiation, today),
        ["objectives", "scope", "deliverables", "sponsor"]
    );
    e.add_objective(Objective::new("O1", "Halve order handling time", &[]))
        .unwrap();
    assert_eq!(unmet(&e, &p, Phase::Initiation, today)[0], "objectives"); // no success criterion
    e = engagement(&t);
    e.add_objective(Objective::new(
        "O1",
        "Halve order handling time",
        &[("Handling time", "< 2 min")],
    ))
    .unwrap();
    e.in_scope.push("Order portal".into());
    // D2 has no acceptance criteria yet.
    assert_eq!(unmet(&e, &p, Phase::Initiation, today), ["deliverables"]);
    let err = advance_phase(&mut e, &p, today).unwrap_err();
    assert!(
        matches!(&err, LifecycleError::GateNotMet { from: Phase::Initiation, to: Phase::Planning, unmet } if unmet.len() == 1 && unmet[0].contains("D2"))
    );
    assert_eq!(e.lifecycle.phase, Phase::Initiation);
    e.set_acceptance("D2", vec!["Matches the stock ledger".into()])
        .unwrap();
    assert_eq!(advance_phase(&mut e, &p, today).unwrap(), Phase::Planning);

    // Planning: REQ-1 and REQ-3 proposed; REQ-3 untraced; no communication plan.
    assert_eq!(
        unmet(&e, &p, Phase::Planning, today),
        ["requirements_approved", "must_traced", "communication_plan"]
    );
    e.set_requirement_status("REQ-1", RequirementStatus::Approved)
        .unwrap();
    e.set_requirement_status("REQ-3", RequirementStatus::Rejected)
        .unwrap();
    e.add_comm_item(CommItem {
        id: "C1".into(),
        what: "Status".into(),
        audience: vec!["S1".into()],
        channel: planix::client::Channel::Email,
        frequency: Frequency::Weekly,
        start: day(1, 4),
        until: Some(day(1, 11)),
        owner: String::new(),
    })
    .unwrap();
    e.lifecycle
        .add_criterion("budget_signed", Phase::Planning, "Budget signed by finance")
        .unwrap();
    assert_eq!(unmet(&e, &p, Phase::Planning, today), ["budget_signed"]);
    e.lifecycle.set_criterion("budget_signed", true).unwrap();
    assert!(matches!(
        e.lifecycle.add_criterion("schedule", Phase::Planning, "x"),
        Err(LifecycleError::DuplicateCriterion(_))
    ));
    assert_eq!(
        advance_phase(&mut e, &p, day(1, 5)).unwrap(),
        Phase::Execution
    );

    // Execution: REQ-1 not implemented; a change awaiting a decision.
    e.submit_change(ChangeRequest::new(
        "CR-1",
        "More reports",
        "S3",
        day(1, 6),
        vec![Change::SetDuration {
            task: t[2],
            duration: days(3),
        }],
    ))
    .unwrap();
    assert_eq!(
        unmet(&e, &p, Phase::Execution, day(1, 6)),
        ["must_implemented", "changes_decided"]
    );
    e.set_requirement_status("REQ-1", RequirementStatus::Verified)
        .unwrap();
    e.analyse_change("CR-1", &p).unwrap();
    approve(&mut e, "CR-1");
    assert_eq!(
        advance_phase(&mut e, &p, day(1, 12)).unwrap(),
        Phase::Monitoring
    );

    // Monitoring: CR-1 approved but not implemented; the 11 Jan status was never logged.
    assert_eq!(
        unmet(&e, &p, Phase::Monitoring, day(1, 13)),
        ["changes_closed", "communications"]
    );
    e.implement_change("CR-1", &mut p, day(1, 13)).unwrap();
    for (id, d) in [("L1", day(1, 4)), ("L2", day(1, 11))] {
        let mut l = LogEntry::new(id, d, LogKind::Email, "Status");
        l.plan_item = Some("C1".into());
        e.add_log_entry(l).unwrap();
    }
    assert_eq!(
        advance_phase(&mut e, &p, day(1, 14)).unwrap(),
        Phase::Closing
    );

    // Closing: deliverables, final feedback (after entering closing) and lessons.
    e.add_feedback(Feedback {
        id: "F0".into(),
        date: day(1, 10),
        stakeholder: Some("S1".into()),
        sentiment: Sentiment::Positive,
        topic: "demo".into(),
        text: "Nice demo".into(),
        links: vec![],
    })
    .unwrap();
    assert_eq!(
        unmet(&e, &p, Phase::Closing, day(1, 20)),
        ["deliverables_accepted", "final_feedback", "lessons"]
    );
    for d in ["D1", "D2"] {
        e.sign_off(
            d,
            SignOff {
                by: "S1".into(),
                date: day(1, 20),
                accepted: true,
                reasons: String::new(),
            },
        )
        .unwrap();
    }
    e.add_survey_response(SurveyResponse {
        date: day(1, 21),
        stakeholder: Some("S1".into()),
        score: Score::Csat(5),
    })
    .unwrap();
    e.lessons
        .push("Agree the report formats before the build".into());
    assert_eq!(
        advance_phase(&mut e, &p, day(1, 22)).unwrap(),
        Phase::Closed
    );
    assert_eq!(
        advance_phase(&mut e, &p, day(1, 23)),
        Err(LifecycleError::Closed)
    );
    let phases: Vec<_> = e
        .lifecycle
        .history
        .iter()
        .map(|h| (h.phase, h.entered))
        .collect();
    assert_eq!(phases.len(), 5);
    assert_eq!(phases[4], (Phase::Closed, day(1, 22)));

    // The documents come from the model.
    let charter = planix::io::charter(&p, &e, None).unwrap();
    assert!(charter.contains("# Project charter: Portal"));
    assert!(charter.contains("| Dana Kim | CIO |  | manage closely |"));
    assert!(charter.contains("- **O1** Halve order handling time\n  - Handling time: < 2 min"));
    let (base, _) = plan();
    e.record_outcome("O1", "1 min 40 s on average", true)
        .unwrap();
    let report = planix::io::closing_report(&p, &e, Some(&base)).unwrap();
    assert!(
        report.contains("| Finish | 2027-01-15 | 2027-01-15 | +0.0 working days |"),
        "{report}"
    );
    assert!(report.contains("| O1 Halve order handling time | 1 min 40 s on average | yes |"));
    assert!(report.contains("| D1 Order portal | 2027-01-20 by Dana Kim |"));
    assert!(report.contains("- CSAT: 100"));

    // The whole engagement round-trips through its JSON document.
    let text = e.to_json();
    assert_eq!(Engagement::from_json(&text).unwrap().to_json(), text);
}

#[test]
fn engagement_json_is_validated() {
    let (_, t) = plan();
    let mut e = engagement(&t);
    // A log entry that names a change request survives the round trip.
    e.submit_change(ChangeRequest::new(
        "CR-1",
        "x",
        "S1",
        day(1, 6),
        vec![Change::AddScope {
            statement: "CSV export".into(),
        }],
    ))
    .unwrap();
    let mut l = LogEntry::new("L1", day(1, 7), LogKind::Decision, "Discussed CR-1");
    l.changes = vec!["CR-1".into()];
    e.add_log_entry(l).unwrap();
    assert_eq!(Engagement::from_json(&e.to_json()).unwrap(), e);
    let text = e.to_json();
    for (from, to) in [
        ("\"planix-client\"", "\"planix\""),
        ("\"source\": \"S1\"", "\"source\": \"S9\""),
        ("\"id\": \"S2\"", "\"id\": \"S1\""),
        ("\"priority\": \"must\"", "\"priority\": \"essential\""),
        ("\"organisation\"", "\"organization\""),
    ] {
        assert!(text.contains(from), "{from}");
        assert!(
            Engagement::from_json(&text.replacen(from, to, 1)).is_err(),
            "{from} → {to} accepted"
        );
    }
}

/// The two gate criteria the walk above never trips: a plan that cannot be scheduled
/// (planning) and an overdue action item (monitoring).
#[test]
fn schedule_and_action_criteria() {
    let (mut p, t) = plan();
    let mut e = engagement(&t);
    let failing = |e: &Engagement, p: &Project, phase, on| -> Vec<(String, String)> {
        gate(e, p, phase, on)
            .into_iter()
            .filter(|c| !c.met)
            .map(|c| (c.id, c.detail))
            .collect()
    };
    // Links refuse cycles, so make the plan unschedulable by running past year 9999.
    let end = NaiveDate::from_ymd_opt(9999, 12, 30)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    p.set_constraint(t[0], planix::Constraint::Mso(end))
        .unwrap();
    let f = failing(&e, &p, Phase::Planning, day(1, 4));
    assert_eq!(f[0].0, "schedule", "{f:?}");
    let empty = Project::new("empty", day(1, 4).and_hms_opt(8, 0, 0).unwrap());
    assert_eq!(
        failing(&e, &empty, Phase::Planning, day(1, 4))[0].1,
        "the plan has no tasks"
    );

    let mut l = LogEntry::new("L1", day(1, 5), LogKind::Meeting, "Review");
    l.actions = vec![ActionItem {
        description: "Send the data extract".into(),
        owner: "Sam".into(),
        due: Some(day(1, 8)),
        done: false,
    }];
    e.add_log_entry(l).unwrap();
    let (p, _) = plan();
    assert!(failing(&e, &p, Phase::Monitoring, day(1, 8)).is_empty()); // due today: not yet overdue
    let f = failing(&e, &p, Phase::Monitoring, day(1, 9));
    assert_eq!(
        f,
        vec![(
            "actions_closed".to_string(),
            "L1: \"Send the data extract\" is overdue".to_string()
        )]
    );
}
