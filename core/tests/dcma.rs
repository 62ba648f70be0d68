#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! The DCMA 14-point assessment on a crafted project where every metric's value is known.

use chrono::{NaiveDate, NaiveDateTime};
use planix::control::{DcmaReport, dcma, save_baseline};
use planix::{Constraint, Dependency, Duration, Lag, LinkKind, Project, Task, TaskId};

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn days(n: i64) -> Duration {
    Duration::minutes(n * 480)
}

/// A (5 d, has a cost) → B (5 d) → E (2 d, lead 1 d, SNLT Fri 29 Jan); A →SS+2d→ C (3 d);
/// D (60 d) on its own, the longest and last. Start Mon 4 Jan 2027.
fn crafted() -> (Project, [TaskId; 5]) {
    let mut p = Project::new("dcma", at(1, 4, 8));
    let mut a = Task::new("A").with_duration(days(5));
    a.fixed_cost = 1_000.0;
    let a = p.add_task(a).unwrap();
    let b = p.add_task(Task::new("B").with_duration(days(5))).unwrap();
    let c = p.add_task(Task::new("C").with_duration(days(3))).unwrap();
    let d = p.add_task(Task::new("D").with_duration(days(60))).unwrap();
    let e = p.add_task(Task::new("E").with_duration(days(2))).unwrap();
    p.link(a, b).unwrap();
    let mut ss = Dependency::new(a, c);
    ss.kind = LinkKind::Ss;
    ss.lag = Lag::Working(days(2));
    p.add_dependency(ss).unwrap();
    let mut lead = Dependency::new(b, e);
    lead.lag = Lag::Working(days(-1));
    p.add_dependency(lead).unwrap();
    p.set_constraint(e, Constraint::Snlt(at(1, 29, 8))).unwrap();
    save_baseline(
        &mut p,
        0,
        Some(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()),
    )
    .unwrap();
    p.set_status_date(Some(at(1, 4, 8))).unwrap();
    (p, [a, b, c, d, e])
}

/// (value rounded to 4 places, NaN when unmeasured; pass; tasks).
fn m(r: &DcmaReport, n: u8) -> (f64, Option<bool>, Vec<TaskId>) {
    let x = &r.metrics[usize::from(n - 1)];
    assert_eq!(x.number, n);
    let v = x.value.map_or(f64::NAN, |v| (v * 1e4).round() / 1e4);
    (v, x.pass, x.tasks.clone())
}

#[test]
fn every_metric_on_a_crafted_project() {
    let (p, [a, b, c, d, e]) = crafted();
    let _ = (a, b);
    let r = dcma(&p, Some(0)).unwrap();
    assert_eq!(r.metrics.len(), 14);
    // 1 Logic: C has no successor, D no predecessor (A starts first), E no successor
    // (D finishes last): 3 of 5 incomplete tasks.
    assert_eq!(m(&r, 1), (60.0, Some(false), vec![c, d, e]));
    // 2 Leads: B → E has −1 d.
    assert_eq!(m(&r, 2), (1.0, Some(false), vec![e]));
    // 3 Lags: 1 of 3 links (A →SS+2d→ C).
    assert_eq!(m(&r, 3), (33.3333, Some(false), vec![c]));
    // 4 Relationship types: 2 of 3 links are FS.
    assert_eq!(m(&r, 4), (66.6667, Some(false), vec![c]));
    // 5 Hard constraints: E's SNLT, 1 of 5.
    assert_eq!(m(&r, 5), (20.0, Some(false), vec![e]));
    // 6 High float: the finish is day 60 (D). C ends day 5 with nothing after it: 55 d of
    // float. E's SNLT (29 Jan, day 19) holds A, B and E to 10 d of float.
    assert_eq!(m(&r, 6), (20.0, Some(false), vec![c]));
    // 7 Negative float: none.
    assert_eq!(m(&r, 7), (0.0, Some(true), vec![]));
    // 8 High duration: D's baseline 60 d > 44 d.
    assert_eq!(m(&r, 8), (20.0, Some(false), vec![d]));
    // 9 Invalid dates: none at the start.
    assert_eq!(m(&r, 9), (0.0, Some(true), vec![]));
    // 10 Resources: only A carries a cost: 4 of 5 have neither resources nor cost.
    assert_eq!(m(&r, 10), (80.0, Some(false), vec![b, c, d, e]));
    // 11 Missed tasks, 14 BEI: nothing is due at the start, so they are not measured.
    assert_eq!(m(&r, 11).1, None);
    assert_eq!(m(&r, 14).1, None);
    // 12 Critical path test: 600 d on D move the finish by 600 d.
    assert_eq!(m(&r, 12), (1.0, Some(true), vec![]));
    // 13 CPLI: on plan, (60 + 0) / 60.
    assert_eq!(m(&r, 13), (1.0, Some(true), vec![]));
    assert_eq!(r.failed().count(), 8); // 1, 2, 3, 4, 5, 6, 8 and 10
}

/// Status Fri 15 Jan 17:00 (end of day 10): A finished on time, B half done, C and D not
/// started. Due by then in the baseline: A (day 5), B (day 10), C (day 5); finished: A.
/// D now starts Mon 18 Jan and ends 10 days after its baseline finish.
#[test]
fn missed_tasks_bei_and_cpli_mid_project() {
    let (mut p, [a, b, c, _, _]) = crafted();
    p.set_status_date(Some(at(1, 15, 17))).unwrap();
    p.edit_task(a, |t| {
        t.progress.actual_start = Some(at(1, 4, 8));
        t.progress.actual_finish = Some(at(1, 8, 17));
        t.progress.percent_complete = 100;
    })
    .unwrap();
    p.edit_task(b, |t| {
        t.progress.actual_start = Some(at(1, 11, 8));
        t.progress.percent_complete = 50;
    })
    .unwrap();
    let r = dcma(&p, Some(0)).unwrap();
    assert_eq!(m(&r, 11), (66.6667, Some(false), vec![b, c]));
    assert_eq!(m(&r, 14), (0.3333, Some(false), vec![b, c]));
    // CPLI: 60 d of critical path left from the status date, 10 d late: (60 − 10) / 60.
    assert_eq!(m(&r, 13), (0.8333, Some(false), vec![]));
    // None uses baseline 0 when it is saved; a baseline that is not saved is an error
    // (it used to give unmeasured metrics silently).
    assert_eq!(dcma(&p, None).unwrap(), r);
    assert_eq!(
        dcma(&p, Some(11)).unwrap_err(),
        planix::control::ControlError::NoBaseline(11)
    );
    // Without any baseline the baseline metrics are not measured.
    p.clear_baseline(0);
    let r = dcma(&p, None).unwrap();
    for n in [8, 11, 13, 14] {
        assert_eq!(m(&r, n).1, None, "metric {n}");
    }
}

/// Invalid dates: D has not started but a must-start-on 11 Jan keeps its forecast before
/// the status date (15 Jan).
#[test]
fn invalid_dates_fire() {
    let (mut p, [_, _, _, d, _]) = crafted();
    p.set_status_date(Some(at(1, 15, 17))).unwrap();
    p.set_constraint(d, Constraint::Mso(at(1, 11, 8))).unwrap();
    let r = dcma(&p, Some(0)).unwrap();
    assert_eq!(m(&r, 9), (1.0, Some(false), vec![d]));
}
