#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! The RAID log (issue #22): issues with a dated history and service targets on the
//! project calendar, their impact on the plan, risk → issue, assumptions, the decision
//! register, health rules, the status and closing reports, JSON and CSV round trips and
//! bad input. Expected numbers are worked by hand in the comments.

use chrono::{NaiveDate, NaiveDateTime};
use planix::client::{
    Assumption, AssumptionStatus, ClientError, Deliverable, Engagement, FixTask, Issue,
    IssueImpact, IssueStatus, LogEntry, LogKind, Stakeholder,
};
use planix::control::{HealthOptions, health, save_baseline};
use planix::risk::{Risk, RiskKind, RiskRegister, RiskStatus};
use planix::{Duration, Project, Task, TaskId};

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn days(n: i64) -> Duration {
    Duration::minutes(n * 480)
}

/// A (2 d) → C (2 d) → M; B (1 d) → C, so B has one day of float. Standard calendar
/// (Mon–Fri 08:00–12:00, 13:00–17:00), start Monday 3 May 2027.
fn plan() -> (Project, [TaskId; 4]) {
    let mut p = Project::new("Portal", at(5, 3, 8));
    let a = p.add_task(Task::new("A").with_duration(days(2))).unwrap();
    let b = p.add_task(Task::new("B").with_duration(days(1))).unwrap();
    let c = p.add_task(Task::new("C").with_duration(days(2))).unwrap();
    let m = p.add_task(Task::new("UAT done")).unwrap();
    p.link(a, c).unwrap();
    p.link(b, c).unwrap();
    p.link(c, m).unwrap();
    (p, [a, b, c, m])
}

fn engagement() -> Engagement {
    let mut e = Engagement::new("Northwind");
    e.add_stakeholder(Stakeholder::new("S1", "Dana Kim", "CIO"))
        .unwrap();
    e.add_stakeholder(Stakeholder::new("S2", "Lee Park", "QA lead"))
        .unwrap();
    e.add_deliverable(Deliverable::new("D1", "Order portal"))
        .unwrap();
    e
}

#[test]
fn history_is_append_only_in_date_order_and_closed_is_final() {
    let mut e = engagement();
    e.add_issue(Issue::new(
        "I-1",
        "Login fails",
        "S1",
        at(5, 7, 15),
        "critical",
    ))
    .unwrap();
    let i = e.issue("I-1").unwrap();
    assert_eq!(i.history.len(), 1);
    assert_eq!(i.history[0].status, IssueStatus::Open);
    assert_eq!(i.history[0].at, at(5, 7, 15));
    e.set_issue_status("I-1", IssueStatus::InProgress, at(5, 10, 10), "S2", "")
        .unwrap();
    let before = e.clone();
    // Out of date order: refused, nothing changed.
    let err = e
        .set_issue_status("I-1", IssueStatus::Resolved, at(5, 10, 9), "S2", "")
        .unwrap_err();
    assert!(
        matches!(err, ClientError::Invalid { ref id, .. } if id == "I-1"),
        "{err}"
    );
    assert_eq!(e, before);
    e.resolve_issue("I-1", at(5, 11, 9), "S2", "patched", "missing test")
        .unwrap();
    // Resolving a resolved issue is refused; re-opening is allowed; closing is final.
    assert!(matches!(
        e.resolve_issue("I-1", at(5, 11, 10), "S2", "again", ""),
        Err(ClientError::IssueState { .. })
    ));
    e.set_issue_status("I-1", IssueStatus::Open, at(5, 12, 9), "S1", "back")
        .unwrap();
    e.resolve_issue("I-1", at(5, 12, 15), "S2", "patched again", "")
        .unwrap();
    e.set_issue_status("I-1", IssueStatus::Closed, at(5, 13, 9), "S1", "")
        .unwrap();
    let before = e.clone();
    let err = e
        .resolve_issue("I-1", at(5, 14, 9), "S2", "x", "")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "issue \"I-1\" is closed; a status change needs it not closed"
    );
    assert_eq!(e, before);
    let statuses: Vec<_> = e
        .issue("I-1")
        .unwrap()
        .history
        .iter()
        .map(|h| h.status)
        .collect();
    assert_eq!(
        statuses,
        [
            IssueStatus::Open,
            IssueStatus::InProgress,
            IssueStatus::Resolved,
            IssueStatus::Open,
            IssueStatus::Resolved,
            IssueStatus::Closed
        ]
    );
    assert_eq!(e.issue("I-1").unwrap().root_cause, "missing test");
}

#[test]
fn service_targets_count_working_time_across_the_weekend() {
    let (p, _) = plan();
    let mut e = engagement();
    // Critical (respond in 4 h, resolve in 2 d) raised Friday 7 May 15:00.
    e.add_issue(Issue::new(
        "I-1",
        "Orders lost",
        "S1",
        at(5, 7, 15),
        "critical",
    ))
    .unwrap();
    // Responded Monday 10:00: Fri 15–17 (2 h) + Mon 8–10 (2 h) = 240 min, on target.
    e.set_issue_status("I-1", IssueStatus::InProgress, at(5, 10, 10), "S2", "")
        .unwrap();
    // Waiting on the client Mon 13:00 → Wed 13:00: Mon 13–17 (4 h), Tue (8 h), Wed 8–12
    // (4 h) = 960 min, off the resolution clock.
    e.set_issue_status("I-1", IssueStatus::WaitingOnClient, at(5, 10, 13), "S2", "")
        .unwrap();
    e.set_issue_status("I-1", IssueStatus::InProgress, at(5, 12, 13), "S2", "")
        .unwrap();
    // Resolved Thursday 12:00. Age: Fri 120 + Mon 480 + Tue 480 + Wed 480 + Thu 8–12 240
    // = 1,800 min; net of waiting 840 ≤ 960: on target.
    e.resolve_issue("I-1", at(5, 13, 12), "S2", "fixed", "")
        .unwrap();
    // High (respond in 1 d, resolve in 5 d) raised Friday 16:00, never answered: at
    // Monday 17:00 its age is 60 + 480 = 540 min > 480, response breached.
    e.add_issue(Issue::new("I-2", "Slow search", "S2", at(5, 7, 16), "high"))
        .unwrap();
    let ages = e.issue_ages(&p, at(5, 10, 17)).unwrap();
    let i2 = &ages[1];
    assert_eq!(i2.age.as_minutes(), 540);
    assert!((i2.age_days - 1.125).abs() < 1e-12);
    assert_eq!(i2.responded_after, None);
    assert!(i2.response_breached && !i2.resolution_breached);
    let ages = e.issue_ages(&p, at(6, 1, 8)).unwrap();
    let i1 = &ages[0];
    assert_eq!(i1.age.as_minutes(), 1_800);
    assert_eq!(i1.waiting.as_minutes(), 960);
    assert_eq!(i1.responded_after.map(|d| d.as_minutes()), Some(240));
    assert_eq!(i1.resolved_after.map(|d| d.as_minutes()), Some(840));
    assert!(!i1.response_breached && !i1.resolution_breached);
    // I-2 still open on Tuesday 1 June 08:00: Fri 60 + 16 working days (10–31 May) =
    // 7,740 > 2,400.
    assert_eq!(ages[1].age.as_minutes(), 60 + 16 * 480);
    assert!(ages[1].resolution_breached);
}

#[test]
fn impact_on_a_critical_task_moves_the_finish_and_on_a_floating_task_does_not() {
    let (p, [a, b, c, _]) = plan();
    let mut e = engagement();
    let mut on_a = Issue::new("I-1", "API late", "S1", at(5, 3, 9), "high");
    on_a.tasks = vec![a];
    on_a.impact = Some(IssueImpact {
        delay: days(1),
        ..IssueImpact::default()
    });
    e.add_issue(on_a).unwrap();
    let mut on_b = Issue::new("I-2", "Copy late", "S1", at(5, 3, 9), "low");
    on_b.tasks = vec![b];
    on_b.impact = Some(IssueImpact {
        delay: days(1),
        ..IssueImpact::default()
    });
    e.add_issue(on_b).unwrap();
    let before = p.clone();
    // A is critical (A Mon–Tue, C Wed–Thu): the finish moves by the day, Thu 6 May
    // 17:00 → Fri 7 May 17:00.
    let x = e.analyse_issue("I-1", &p).unwrap().clone();
    assert_eq!(x.finish_shift.as_minutes(), 480);
    assert_eq!(x.finish_before, at(5, 6, 17));
    assert_eq!(x.finish_after, at(5, 7, 17));
    assert_eq!(x.milestones.len(), 1);
    // B has a day of float: nothing moves.
    let y = e.analyse_issue("I-2", &p).unwrap().clone();
    assert_eq!(y.finish_shift.as_minutes(), 0);
    assert!(y.milestones.is_empty());
    assert_eq!(p, before, "analysis works on a copy");
    assert!(e.issue("I-1").unwrap().analysis.is_some());

    // A fix task between A and C (1 d, 750 of cost) moves the finish a day and the cost.
    let mut fix = Issue::new("I-3", "Data migration bug", "S2", at(5, 3, 9), "critical");
    fix.impact = Some(IssueImpact {
        delay: Duration::minutes(0),
        extra_cost: 750.0,
        fix_task: Some(FixTask {
            name: "Fix migration".into(),
            duration: days(1),
            after: vec![a],
            before: vec![c],
            parent: None,
        }),
    });
    e.add_issue(fix).unwrap();
    let z = e.analyse_issue("I-3", &p).unwrap().clone();
    assert_eq!(z.finish_shift.as_minutes(), 480);
    assert_eq!(z.cost_after - z.cost_before, 750.0);
    // As a change request: the usual workflow applies it.
    e.issue_to_change(
        "I-3",
        "CR-9",
        "S1",
        NaiveDate::from_ymd_opt(2027, 5, 3).unwrap(),
        &p,
    )
    .unwrap();
    assert_eq!(e.issue("I-3").unwrap().changes, vec!["CR-9".to_string()]);
    let mut q = p.clone();
    e.analyse_change("CR-9", &q).unwrap();
    e.decide_change(
        "CR-9",
        planix::client::Decision {
            by: "S1".into(),
            date: NaiveDate::from_ymd_opt(2027, 5, 4).unwrap(),
            approved: true,
            note: String::new(),
        },
    )
    .unwrap();
    let new = e
        .implement_change("CR-9", &mut q, NaiveDate::from_ymd_opt(2027, 5, 4).unwrap())
        .unwrap();
    assert_eq!(new.len(), 1);
    assert_eq!(q.schedule().unwrap().finish(), at(5, 7, 17));

    // Open issues' delays are certain events of the Monte Carlo: no estimates, so every
    // iteration finishes a day late with I-1 (critical) and on time with I-2 alone.
    let events = e.issue_events(&p);
    assert_eq!(
        events.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ["issue:I-1", "issue:I-2"]
    );
    let mut o = planix::simulate::SimulationOptions::new(200, 1);
    o.risks = events;
    let r = planix::simulate::simulate(&p, &o).unwrap();
    assert_eq!(r.percentile(50.0), at(5, 7, 17));
    // The risk-adjusted forecast takes them after the register's own events.
    let reg = RiskRegister::new();
    let fo = planix::risk::ForecastOptions {
        simulation: o.clone(),
        ..Default::default()
    };
    let f = reg.forecast_with(&p, &fo).unwrap();
    assert_eq!(f.percentile(50.0), at(5, 7, 17));
    assert_eq!(f.percentile_without_risks(50.0), at(5, 6, 17));
    e.resolve_issue("I-1", at(5, 4, 9), "S2", "API delivered", "")
        .unwrap();
    assert_eq!(e.issue_events(&p).len(), 1);
}

#[test]
fn an_occurred_risk_becomes_an_issue_keeping_both_records() {
    let (p, [a, ..]) = plan();
    let mut reg = RiskRegister::new();
    let mut r = Risk::new("R5", "Test data late", RiskKind::Threat);
    r.tasks = vec![a];
    reg.add(r).unwrap();
    let mut e = engagement();
    e.issue_from_risk(
        &mut reg,
        "R5",
        Issue::new("I-1", "Test data not delivered", "S2", at(5, 5, 9), "high"),
    )
    .unwrap();
    let i = e.issue("I-1").unwrap();
    assert_eq!(i.risks, vec!["R5".to_string()]);
    assert_eq!(i.tasks, vec![a]);
    let risk = reg.get("R5").unwrap();
    assert_eq!(risk.status, RiskStatus::Occurred);
    assert_eq!(risk.closed, NaiveDate::from_ymd_opt(2027, 5, 5));
    // An unknown risk changes neither record.
    let (e0, r0) = (e.clone(), reg.clone());
    assert!(matches!(
        e.issue_from_risk(
            &mut reg,
            "R9",
            Issue::new("I-2", "x", "S1", at(5, 5, 9), "low")
        ),
        Err(ClientError::Unknown { kind: "risk", .. })
    ));
    // A duplicate issue id leaves the risk as it was.
    let mut r6 = Risk::new("R6", "Vendor", RiskKind::Threat);
    r6.tasks = vec![a];
    reg.add(r6).unwrap();
    let r1 = reg.clone();
    assert!(
        e.issue_from_risk(
            &mut reg,
            "R6",
            Issue::new("I-1", "dup", "S1", at(5, 5, 9), "low")
        )
        .is_err()
    );
    assert_eq!(reg, r1);
    assert_eq!(e, e0);
    let _ = (r0, p);
}

#[test]
fn assumptions_decisions_health_and_reports() {
    let (mut p, [a, ..]) = plan();
    save_baseline(&mut p, 0, None).unwrap();
    p.set_status_date(Some(at(5, 20, 17))).unwrap();
    let mut e = engagement();
    let mut a1 = Assumption::new("A-1", "The client provides test data by 10 May");
    a1.validate_by = NaiveDate::from_ymd_opt(2027, 5, 10);
    e.add_assumption(a1).unwrap();
    let mut a2 = Assumption::new("A-2", "SSO is available");
    a2.validate_by = NaiveDate::from_ymd_opt(2027, 5, 1);
    e.add_assumption(a2).unwrap();
    e.validate_assumption(
        "A-2",
        false,
        NaiveDate::from_ymd_opt(2027, 5, 2).unwrap(),
        "no SSO",
    )
    .unwrap();
    let mut sso = Issue::new("I-9", "No SSO", "S1", at(5, 3, 9), "medium");
    sso.owner = Some("S2".into());
    e.assumption_to_issue("A-2", sso).unwrap();
    assert_eq!(e.assumptions()[1].became.as_deref(), Some("I-9"));
    assert_eq!(e.assumptions()[1].status, AssumptionStatus::Invalid);
    // Only once.
    assert!(
        e.assumption_to_issue("A-2", Issue::new("I-10", "x", "S1", at(5, 3, 9), "low"))
            .is_err()
    );
    // A critical issue without an owner, waiting on the client since 12 May.
    let mut i1 = Issue::new("I-1", "Orders lost", "S1", at(5, 11, 9), "critical");
    i1.tasks = vec![a];
    i1.decision_needed = true;
    e.add_issue(i1).unwrap();
    e.set_issue_status(
        "I-1",
        IssueStatus::WaitingOnClient,
        at(5, 12, 9),
        "S2",
        "need logs",
    )
    .unwrap();
    let mut log = LogEntry::new(
        "L1",
        NaiveDate::from_ymd_opt(2027, 5, 6).unwrap(),
        LogKind::Decision,
        "Go with the vendor's SSO next release",
    );
    log.stakeholders = vec!["S1".into()];
    log.options = vec!["build".into(), "buy".into()];
    log.issues = vec!["I-9".into()];
    e.add_log_entry(log).unwrap();
    let d = e.decisions();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].options, ["build", "buy"]);
    assert_eq!(d[0].links, ["I-9"]);
    assert_eq!(
        e.decisions_needed(),
        vec![("I-1".to_string(), "Orders lost".to_string())]
    );

    let h = health(&p, Some(&e), None, &HealthOptions::default()).unwrap();
    let find = |r: &str| h.findings.iter().find(|f| f.rule.name() == r);
    // I-1: raised Tue 11 May 09:00, responded (waiting) Wed 09:00 = 480 min > 240; I-9
    // (medium, respond in 2 d) raised Mon 3 May and never answered.
    assert_eq!(find("issue_overdue").unwrap().items, ["I-9", "I-1"]);
    assert_eq!(
        find("issue_overdue").unwrap().severity,
        planix::control::Severity::Critical
    );
    assert_eq!(find("issue_unowned").unwrap().items, ["I-1"]);
    assert_eq!(find("issue_waiting_on_client").unwrap().items, ["I-1"]);
    assert_eq!(find("assumption_overdue").unwrap().items, ["A-1"]);

    let md = planix::io::status_report(&p, Some(&e), None, &planix::io::StatusOptions::default())
        .unwrap();
    for line in [
        "## Open issues",
        "| I-1 Orders lost | critical | waiting_on_client | **none** |",
        "| I-9 No SSO | medium | open | Lee Park |",
        "- Decide on issue I-1 (Orders lost)",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    e.resolve_issue(
        "I-9",
        at(5, 21, 9),
        "S2",
        "vendor SSO",
        "assumption not checked",
    )
    .unwrap();
    let closing = planix::io::closing_report(&p, &e, None).unwrap();
    assert!(
        closing.contains("| assumption not checked | I-9 No SSO (resolved) |"),
        "{closing}"
    );
    let charter = planix::io::charter(&p, &e, None).unwrap();
    assert!(
        charter.contains("## Assumptions and constraints"),
        "{charter}"
    );
    assert!(charter.contains("| A-1 | assumption | The client provides test data by 10 May | – | 2027-05-10 | unvalidated |"), "{charter}");
    let raid = e.raid_summary(None);
    let kinds: Vec<_> = raid.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["assumption", "assumption", "issue", "issue", "decision"]
    );
}

#[test]
fn json_and_csv_round_trips_are_lossless() {
    let (p, [a, b, c, _]) = plan();
    let mut e = engagement();
    let mut i = Issue::new(
        "I-1",
        "Login, \"SSO\" fails",
        "S1",
        at(5, 7, 15),
        "critical",
    );
    i.description = "Multi-line\ndescription".into();
    i.category = "defect".into();
    i.priority = "high".into();
    i.owner = Some("S2".into());
    i.due = NaiveDate::from_ymd_opt(2027, 5, 14);
    i.tasks = vec![a, b];
    i.deliverables = vec!["D1".into()];
    i.escalation = 2;
    i.decision_needed = true;
    i.impact = Some(IssueImpact {
        delay: Duration::minutes(90),
        extra_cost: 1234.5,
        fix_task: Some(FixTask {
            name: "Hotfix".into(),
            duration: days(1),
            after: vec![a],
            before: vec![c],
            parent: None,
        }),
    });
    e.add_issue(i).unwrap();
    e.set_issue_status(
        "I-1",
        IssueStatus::InProgress,
        at(5, 10, 10),
        "S2",
        "on it; really",
    )
    .unwrap();
    e.analyse_issue("I-1", &p).unwrap();
    let mut j = Issue::new("I-2", "Zero impact", "S1", at(5, 8, 9), "low");
    j.impact = Some(IssueImpact::default());
    e.add_issue(j).unwrap();
    e.add_issue(Issue::new("I-3", "No impact", "S1", at(5, 8, 9), "low"))
        .unwrap();
    e.check_links(&p).unwrap();

    let back = Engagement::from_json(&e.to_json()).unwrap();
    assert_eq!(back, e);
    let csv = e.issues_to_csv().unwrap();
    let mut fresh = engagement();
    assert_eq!(fresh.issues_from_csv(&csv).unwrap(), 3);
    assert_eq!(fresh.issues(), e.issues());
    assert_eq!(fresh.issues_to_csv().unwrap(), csv);
    // An empty log writes its header and reads back empty.
    let empty = engagement().issues_to_csv().unwrap();
    assert!(empty.starts_with("id,title,description,raised_by,raised,"));
    assert_eq!(engagement().issues_from_csv(&empty).unwrap(), 0);
}

#[test]
fn bad_input_is_a_typed_error_naming_the_item_and_changes_nothing() {
    let (p, _) = plan();
    let mut e = engagement();
    let before = e.clone();
    let mut bad = Issue::new("I-1", "x", "S1", at(5, 3, 9), "catastrophic");
    let err = e.add_issue(bad.clone()).unwrap_err();
    assert!(
        err.to_string().contains(
            "severity \"catastrophic\" is not on the scale (critical, high, medium, low)"
        ),
        "{err}"
    );
    bad.severity = "low".into();
    bad.deliverables = vec!["D9".into()];
    assert_eq!(
        e.add_issue(bad.clone()).unwrap_err(),
        ClientError::Unknown {
            kind: "deliverable",
            id: "D9".into()
        }
    );
    bad.deliverables.clear();
    bad.impact = Some(IssueImpact {
        delay: Duration::minutes(-5),
        ..IssueImpact::default()
    });
    assert!(e.add_issue(bad.clone()).is_err());
    bad.impact = None;
    bad.status = IssueStatus::Resolved;
    assert!(
        e.add_issue(bad.clone()).is_err(),
        "a resolved issue needs its history"
    );
    bad.status = IssueStatus::Open;
    bad.tasks = vec![TaskId(99)];
    e.add_issue(bad).unwrap();
    assert_eq!(
        e.check_links(&p).unwrap_err(),
        ClientError::UnknownTask {
            kind: "issue",
            id: "I-1".into(),
            task: TaskId(99)
        }
    );
    let mut e = before.clone();
    let mut who = Issue::new("I-2", "x", "Nobody", at(5, 3, 9), "low");
    who.owner = Some("S1".into());
    e.add_issue(who).unwrap();
    let err = e.check_links(&p).unwrap_err();
    assert!(
        err.to_string()
            .contains("\"Nobody\" is neither a stakeholder id nor a resource"),
        "{err}"
    );

    // Malformed CSV rows: the row and the column are named, nothing is added.
    let mut e = before.clone();
    let head = "id,title,raised_by,raised,severity,tasks,status\n";
    for (text, row, column) in [
        (
            format!(
                "{head}I-1,x,S1,2027-05-03T09:00:00,low,1,open\nI-2,y,S1,yesterday,low,,open\n"
            ),
            2,
            "raised",
        ),
        (
            format!("{head}I-1,x,S1,2027-05-03T09:00:00,low,one,open\n"),
            1,
            "tasks",
        ),
        (
            format!("{head}I-1,x,S1,2027-05-03T09:00:00,low,,shelved\n"),
            1,
            "status",
        ),
        ("title,severity\nx,low\n".to_string(), 1, "id"),
    ] {
        match e.issues_from_csv(&text) {
            Err(ClientError::Csv {
                row: r, column: c, ..
            }) => {
                assert_eq!((r, c.as_str()), (row, column), "{text}");
            }
            other => panic!("expected a CSV error for {text:?}, got {other:?}"),
        }
        assert_eq!(e, before);
    }
    // A row add_issue refuses names the row; the rows before it are not kept.
    let text = format!(
        "{head}I-1,x,S1,2027-05-03T09:00:00,low,,open\nI-1,dup,S1,2027-05-03T09:00:00,low,,open\n"
    );
    let err = e.issues_from_csv(&text).unwrap_err();
    assert!(matches!(err, ClientError::Csv { row: 2, .. }), "{err}");
    assert!(
        err.to_string().contains("duplicate issue id \"I-1\""),
        "{err}"
    );
    assert_eq!(e, before);
}
