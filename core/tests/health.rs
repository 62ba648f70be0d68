#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Health rules: each fires on a crafted case and stays silent on a healthy project.

use chrono::{NaiveDate, NaiveDateTime};
use planix::client::{CommItem, Deliverable, Engagement, Frequency, Stakeholder};
use planix::control::{Health, HealthOptions, Rag, Severity, health, save_baseline};
use planix::risk::{Assessment, Risk, RiskKind, RiskRegister};
use planix::{Assignment, Duration, Project, Resource, Task, TaskId};

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn days(n: i64) -> Duration {
    Duration::minutes(n * 480)
}

/// A (5 d, 5,000) → B (5 d, 10,000) → M (milestone), baseline 0; status Mon 11 Jan 17:00.
/// On plan: A done on time at 5,000; B one day in (20%) at 2,000 → SPI = CPI = 1.
fn healthy() -> (Project, [TaskId; 3]) {
    let mut p = Project::new("h", at(1, 4, 8));
    let mut a = Task::new("A").with_duration(days(5));
    a.fixed_cost = 5_000.0;
    let a = p.add_task(a).unwrap();
    let mut b = Task::new("B").with_duration(days(5));
    b.fixed_cost = 10_000.0;
    let b = p.add_task(b).unwrap();
    let m = p.add_task(Task::new("M")).unwrap();
    p.link(a, b).unwrap();
    p.link(b, m).unwrap();
    save_baseline(&mut p, 0, None).unwrap();
    p.set_status_date(Some(at(1, 11, 17))).unwrap();
    p.edit_task(a, |t| {
        t.progress.actual_start = Some(at(1, 4, 8));
        t.progress.actual_finish = Some(at(1, 8, 17));
        t.progress.percent_complete = 100;
        t.progress.actual_cost = Some(5_000.0);
    })
    .unwrap();
    p.edit_task(b, |t| {
        t.progress.actual_start = Some(at(1, 11, 8));
        t.progress.percent_complete = 20;
        t.progress.actual_cost = Some(2_000.0);
    })
    .unwrap();
    (p, [a, b, m])
}

fn rules(h: &Health) -> Vec<(&'static str, Severity)> {
    h.findings
        .iter()
        .map(|f| (f.rule.name(), f.severity))
        .collect()
}

#[test]
fn a_healthy_project_is_green() {
    let (p, _) = healthy();
    let e = Engagement::new("Client");
    let reg = RiskRegister::new();
    let h = health(&p, Some(&e), Some(&reg), &HealthOptions::default()).unwrap();
    assert_eq!(rules(&h), vec![]);
    assert_eq!(h.overall, Rag::Green);
    assert!(h.areas.iter().all(|a| a.rag == Rag::Green));
}

#[test]
fn every_rule_fires_on_its_case() {
    let (mut p, [a, b, m]) = healthy();
    // B has not started and A cost 6,000: behind the baseline on the critical path,
    // SPI = 5,000 / 7,000 = 0.71 and CPI = 5,000 / 6,000 = 0.83, both more than 0.1 low.
    p.edit_task(b, |t| t.progress = Default::default()).unwrap();
    p.edit_task(a, |t| t.progress.actual_cost = Some(6_000.0))
        .unwrap();
    // A deadline before the finish: negative float, and no chance of meeting it.
    p.edit_task(m, |t| t.deadline = Some(at(1, 14, 17)))
        .unwrap();
    // One person on two parallel tasks.
    let r = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let x = p.add_task(Task::new("X").with_duration(days(2))).unwrap();
    let y = p.add_task(Task::new("Y").with_duration(days(2))).unwrap();
    p.assign(Assignment::new(x, r, 1.0)).unwrap();
    p.assign(Assignment::new(y, r, 1.0)).unwrap();
    // A risk past review, and a high one with no owner and no response.
    let mut reg = RiskRegister::new();
    let mut r1 = Risk::new("R1", "Late data", RiskKind::Threat);
    r1.next_review = Some(day(1, 5));
    r1.owner = "PM".into();
    reg.add(r1).unwrap();
    reg.add(Risk::new("R2", "Vendor fails", RiskKind::Threat))
        .unwrap();
    reg.assess("R2", Assessment::new(0.6, 4), day(1, 4))
        .unwrap();
    // A weekly report never sent, and a deliverable due 30 Dec not accepted.
    let mut e = Engagement::new("Client");
    e.add_stakeholder(Stakeholder::new("S1", "Dana", "CIO"))
        .unwrap();
    e.add_comm_item(CommItem {
        id: "C1".into(),
        what: "Status".into(),
        audience: vec!["S1".into()],
        channel: Default::default(),
        frequency: Frequency::Weekly,
        start: day(1, 4),
        until: None,
        owner: String::new(),
    })
    .unwrap();
    let mut d = Deliverable::new("D1", "Design pack");
    d.due = NaiveDate::from_ymd_opt(2026, 12, 30);
    e.add_deliverable(d).unwrap();

    let h = health(&p, Some(&e), Some(&reg), &HealthOptions::default()).unwrap();
    assert_eq!(
        rules(&h),
        vec![
            ("behind_baseline", Severity::Critical),
            ("negative_float", Severity::Critical),
            ("milestone_probability", Severity::Warning),
            ("spi", Severity::Critical),
            ("cpi", Severity::Critical),
            ("overallocation", Severity::Warning),
            ("risk_review", Severity::Warning),
            ("risk_unowned", Severity::Critical),
            ("communications_overdue", Severity::Warning),
            ("acceptance_overdue", Severity::Warning),
        ]
    );
    let find = |rule| h.findings.iter().find(|f| f.rule.name() == rule).unwrap();
    assert_eq!(find("overallocation").items, vec!["Ana"]);
    assert_eq!(find("risk_review").items, vec!["R1"]);
    assert_eq!(find("risk_unowned").items, vec!["R2"]); // no owner and no response
    assert_eq!(find("acceptance_overdue").items, vec!["D1"]);
    assert_eq!(find("communications_overdue").items, vec!["C1 2027-01-04"]);
    assert!(find("milestone_probability").message.contains("M 0%"));
    let rag: Vec<_> = h.areas.iter().map(|a| (a.area, a.rag)).collect();
    assert_eq!(
        rag,
        vec![
            ("schedule", Rag::Red),
            ("cost", Rag::Red),
            ("resources", Rag::Amber),
            ("risk", Rag::Red),
            ("client", Rag::Amber)
        ]
    );
    assert_eq!(h.overall, Rag::Red);
    // Rules can be switched off.
    let o = HealthOptions {
        disabled: planix::control::HealthRule::ALL.to_vec(),
        ..HealthOptions::default()
    };
    let quiet = health(&p, Some(&e), Some(&reg), &o).unwrap();
    assert!(quiet.findings.is_empty() && quiet.overall == Rag::Green);
}

#[test]
fn status_report_on_plan() {
    let (p, [_, b, _]) = healthy();
    let mut e = Engagement::new("Client");
    e.add_stakeholder(Stakeholder::new("S1", "Dana", "CIO"))
        .unwrap();
    e.submit_change(planix::client::ChangeRequest::new(
        "CR-1",
        "Extra report",
        "S1",
        day(1, 11),
        vec![planix::client::Change::SetDuration {
            task: b,
            duration: days(6),
        }],
    ))
    .unwrap();
    e.analyse_change("CR-1", &p).unwrap();
    let md = planix::io::status_report(&p, Some(&e), None, &planix::io::StatusOptions::default())
        .unwrap();
    for line in [
        "# Status report: h",
        "**Overall: GREEN**",
        // EV 7,000 of BAC 15,000.
        "- Work complete (earned value / budget): 47%",
        "- Forecast finish: 2027-01-15 (baseline 2027-01-15, +0.0 working days)",
        "- Earned schedule forecast: 2027-01-15",
        "- Monte Carlo P80: 2027-01-15",
        "| M | 2027-01-15 | 2027-01-15 | +0.0 d |",
        "| 15,000 | 7,000 | 7,000 | 7,000 | 0 | 0 | 1.00 | 1.00 | 15,000 | 0 |",
        // EV 7,000 equals PV at the end of day 6: ES = 6 = AT.
        "Earned schedule: ES 6.0 of AT 6.0 working days, SV(t) +0.0, SPI(t) 1.00, IEAC(t) 10.00 days.",
        "| CR-1 Extra report | analysed | +1.0 d | 0 |",
        "- Approve or reject CR-1 (Extra report)",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    let mut bare = p.clone();
    bare.set_status_date(None).unwrap();
    assert!(matches!(
        planix::io::status_report(&bare, None, None, &planix::io::StatusOptions::default()),
        Err(planix::Error::Control(
            planix::control::ControlError::StatusDateNeeded
        ))
    ));
}

#[test]
fn a_misspelt_rule_name_is_refused_with_the_allowed_names() {
    let e = serde_json::from_str::<HealthOptions>(r#"{"disabled": ["spii"]}"#).unwrap_err();
    assert!(e.to_string().contains("unknown variant `spii`"), "{e}");
    assert!(e.to_string().contains("`spi`"), "{e}");
    let o: HealthOptions = serde_json::from_str(r#"{"disabled": ["spi", "cpi"]}"#).unwrap();
    assert_eq!(
        o.disabled,
        vec![
            planix::control::HealthRule::Spi,
            planix::control::HealthRule::Cpi
        ]
    );
}
