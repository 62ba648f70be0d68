#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Dates checked against Microsoft Project's own results and hand-worked calendar cases.

mod common;
use common::*;
use planix::schedule::{CpmOptions, cpm};
use planix::{
    Calendar, CalendarException, Constraint, Dependency, Driver, Duration, Lag, LinkKind, Project,
    ScheduleFrom, Task, Warning,
};

/// Transcribed from `shared/data/mspdi/generated/task-links/task-links-project2019-mspdi.xml`
/// (saved by Microsoft Project 2019; MPXJ test data). Project start Thu 2018-10-18 08:00,
/// Standard calendar, 1-day tasks; LinkLag in tenths of minutes (4800 = 1 day).
/// Each row: link type, lag in minutes, Project's successor start and finish, Project's
/// total slack of the successor in minutes.
#[test]
fn task_links_match_ms_project_2019() {
    let cases: &[(LinkKind, i64, &str, &str, i64)] = &[
        (
            LinkKind::Fs,
            0,
            "2018-10-19T08:00",
            "2018-10-19T17:00",
            4800,
        ),
        (
            LinkKind::Fs,
            480,
            "2018-10-22T08:00",
            "2018-10-22T17:00",
            4320,
        ),
        (
            LinkKind::Fs,
            960,
            "2018-10-23T08:00",
            "2018-10-23T17:00",
            3840,
        ),
        (
            LinkKind::Fs,
            2400,
            "2018-10-26T08:00",
            "2018-10-26T17:00",
            2400,
        ),
        (
            LinkKind::Fs,
            4800,
            "2018-11-02T08:00",
            "2018-11-02T17:00",
            0,
        ),
        (
            LinkKind::Sf,
            960,
            "2018-10-19T08:00",
            "2018-10-19T17:00",
            4800,
        ),
        (
            LinkKind::Ss,
            960,
            "2018-10-22T08:00",
            "2018-10-22T17:00",
            4320,
        ),
        (
            LinkKind::Ff,
            960,
            "2018-10-22T08:00",
            "2018-10-22T17:00",
            4320,
        ),
    ];
    let mut p = Project::new("task-links", dt("2018-10-18T08:00"));
    let mut pairs = vec![];
    for (kind, lag, ..) in cases {
        let a = p
            .add_task(Task::new("Task 1").with_duration(Duration::hours(8)))
            .unwrap();
        let b = p
            .add_task(Task::new("Task 2").with_duration(Duration::hours(8)))
            .unwrap();
        link(&mut p, a, b, *kind, *lag);
        pairs.push((a, b));
    }
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.finish(), dt("2018-11-02T17:00"));
    for ((kind, lag, start, finish, slack), (a, b)) in cases.iter().zip(&pairs) {
        let t = s.task(*b).unwrap();
        assert_eq!(t.start(), dt(start), "{kind} {lag}");
        assert_eq!(t.finish(), dt(finish), "{kind} {lag}");
        assert_eq!(t.total_float().as_minutes(), *slack, "{kind} {lag} slack");
        let pred = s.task(*a).unwrap();
        assert_eq!(
            (pred.start(), pred.finish()),
            (dt("2018-10-18T08:00"), dt("2018-10-18T17:00"))
        );
    }
}

fn one_task(p: &mut Project, name: &str, hours: i64) -> planix::TaskId {
    p.add_task(Task::new(name).with_duration(Duration::hours(hours)))
        .unwrap()
}

/// Hand-worked: a task ending at the end of a working day finishes 17:00 that day,
/// and its successor starts 08:00 on the next working day, skipping the weekend and a holiday.
#[test]
fn weekends_holidays_and_end_of_day() {
    // Mon 2027-01-04; Friday 2027-01-08 is a holiday.
    let mut p = Project::new("cal", dt("2027-01-04T08:00"));
    let cal = Calendar::standard()
        .with_holiday("Company day", day(2027, 1, 8))
        .unwrap();
    p.replace_calendar(p.calendar_id(), cal).unwrap();
    let a = one_task(&mut p, "A", 32); // Mon-Thu
    let b = one_task(&mut p, "B", 12); // Mon 11th 08:00 - Tue 12th 12:00
    let m = p.add_task(Task::new("Sign-off")).unwrap();
    p.link(a, b).unwrap();
    p.link(b, m).unwrap();
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.task(a).unwrap().finish(), dt("2027-01-07T17:00"));
    assert_eq!(s.task(b).unwrap().start(), dt("2027-01-11T08:00"));
    assert_eq!(s.task(b).unwrap().finish(), dt("2027-01-12T12:00"));
    // A milestone sits at its predecessor's finish.
    assert_eq!(s.task(m).unwrap().start(), dt("2027-01-12T12:00"));
    assert_eq!(s.task(m).unwrap().finish(), dt("2027-01-12T12:00"));
    assert_eq!(
        s.driver(b),
        Some(&Driver::Predecessor {
            task: a,
            kind: LinkKind::Fs
        })
    );
}

#[test]
fn non_working_project_start_is_a_calendar_driver() {
    // Saturday start: the first task starts Monday 08:00, moved by the calendar.
    let mut p = Project::new("sat", dt("2027-01-02T08:00"));
    let a = one_task(&mut p, "A", 8);
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.task(a).unwrap().start(), dt("2027-01-04T08:00"));
    assert!(
        matches!(s.driver(a), Some(Driver::Calendar { cause, .. }) if **cause == Driver::ProjectStart)
    );
}

#[test]
fn elapsed_and_percent_lags() {
    let mut p = Project::new("lags", dt("2027-01-04T08:00"));
    let a = one_task(&mut p, "A", 40); // Mon-Fri 17:00
    let b = one_task(&mut p, "B", 8);
    let c = one_task(&mut p, "C", 8);
    // 2 elapsed days from Fri 17:00 is Sun 17:00: the start moves to Mon 08:00, driven by the calendar.
    p.add_dependency(Dependency::new(a, b).with_lag(Lag::Elapsed(Duration::minutes(2 * 1440))))
        .unwrap();
    // SS 50%: half of A's 40 h = 20 h after Mon 08:00 = Wed 12:00 → start Wed 13:00.
    p.add_dependency(
        Dependency::new(a, c)
            .with_kind(LinkKind::Ss)
            .with_lag(Lag::Percent(50)),
    )
    .unwrap();
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.task(b).unwrap().start(), dt("2027-01-11T08:00"));
    assert!(matches!(s.driver(b), Some(Driver::Calendar { .. })));
    assert_eq!(s.task(c).unwrap().start(), dt("2027-01-06T13:00"));
    assert_eq!(s.task(c).unwrap().finish(), dt("2027-01-07T12:00"));
    // A lead: FS -1 day starts the successor on A's last day.
    let d = one_task(&mut p, "D", 8);
    link(&mut p, a, d, LinkKind::Fs, -480);
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.task(d).unwrap().start(), dt("2027-01-08T08:00"));
}

#[test]
fn every_constraint_type() {
    let mut p = Project::new("cons", dt("2027-01-04T08:00"));
    let a = one_task(&mut p, "A", 16); // Mon-Tue
    let mk = |p: &mut Project, c: Constraint| {
        let t = p
            .add_task(
                Task::new("T")
                    .with_duration(Duration::hours(8))
                    .with_constraint(c),
            )
            .unwrap();
        p.link(a, t).unwrap();
        t
    };
    let snet = mk(&mut p, Constraint::Snet(dt("2027-01-07T08:00")));
    let fnet = mk(&mut p, Constraint::Fnet(dt("2027-01-08T17:00")));
    let mso = mk(&mut p, Constraint::Mso(dt("2027-01-11T08:00")));
    let mfo = mk(&mut p, Constraint::Mfo(dt("2027-01-12T17:00")));
    let snlt_ok = mk(&mut p, Constraint::Snlt(dt("2027-01-08T08:00")));
    let snlt_bad = mk(&mut p, Constraint::Snlt(dt("2027-01-05T08:00")));
    let fnlt_bad = mk(&mut p, Constraint::Fnlt(dt("2027-01-05T17:00")));
    let alap = mk(&mut p, Constraint::Alap);
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.task(snet).unwrap().start(), dt("2027-01-07T08:00"));
    assert_eq!(s.task(fnet).unwrap().start(), dt("2027-01-08T08:00"));
    assert_eq!(s.task(mso).unwrap().start(), dt("2027-01-11T08:00"));
    assert_eq!(s.task(mso).unwrap().total_float().as_minutes(), 0);
    assert_eq!(s.task(mfo).unwrap().finish(), dt("2027-01-12T17:00"));
    assert_eq!(s.task(snlt_ok).unwrap().start(), dt("2027-01-06T08:00"));
    // SNLT before the links allow: the constraint wins, float goes negative, a warning names the task.
    let bad = s.task(snlt_bad).unwrap();
    assert_eq!(bad.start(), dt("2027-01-05T08:00"));
    assert!(
        bad.total_float().as_minutes() < 0 || s.task(a).unwrap().total_float().as_minutes() < 0
    );
    assert!(
        s.warnings()
            .iter()
            .any(|w| matches!(w, Warning::ConstraintConflict { task, .. } if *task == snlt_bad))
    );
    assert!(
        s.warnings()
            .iter()
            .any(|w| matches!(w, Warning::ConstraintConflict { task, .. } if *task == fnlt_bad))
    );
    // A is pushed to negative float by the conflicting SNLT: it must finish before Tue 08:00.
    assert_eq!(s.task(a).unwrap().total_float().as_minutes(), -480);
    assert!(
        s.warnings()
            .iter()
            .any(|w| matches!(w, Warning::NegativeFloat { tasks } if tasks.contains(&a)))
    );
    // ALAP: scheduled at its late dates (the project finishes Tue 12th 17:00 because of MFO).
    assert_eq!(s.task(alap).unwrap().finish(), dt("2027-01-12T17:00"));
    assert_eq!(s.task(alap).unwrap().early_start(), dt("2027-01-06T08:00"));
}

#[test]
fn deadline_limits_late_finish_and_warns() {
    let mut p = Project::new("dl", dt("2027-01-04T08:00"));
    let a = p
        .add_task(
            Task::new("A")
                .with_duration(Duration::hours(24))
                .with_deadline(dt("2027-01-05T17:00")),
        )
        .unwrap();
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.task(a).unwrap().total_float().as_minutes(), -480);
    assert!(
        s.warnings()
            .iter()
            .any(|w| matches!(w, Warning::MissedDeadline { task, .. } if *task == a))
    );
}

#[test]
fn summary_tasks_roll_up_and_pass_links_to_children() {
    let mut p = Project::new("wbs", dt("2027-01-04T08:00"));
    let design = one_task(&mut p, "Design", 16); // Mon-Tue
    let build = p.add_task(Task::new("Build")).unwrap();
    let x = p
        .add_task(
            Task::new("X")
                .with_duration(Duration::hours(8))
                .with_parent(build),
        )
        .unwrap();
    let y = p
        .add_task(
            Task::new("Y")
                .with_duration(Duration::hours(24))
                .with_parent(build),
        )
        .unwrap();
    let test = one_task(&mut p, "Test", 8);
    p.link(design, build).unwrap(); // into the summary: both children wait
    p.link(build, test).unwrap(); // from the summary: waits for its finish
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.task(x).unwrap().start(), dt("2027-01-06T08:00"));
    assert_eq!(s.task(y).unwrap().start(), dt("2027-01-06T08:00"));
    assert_eq!(s.task(build).unwrap().start(), dt("2027-01-06T08:00"));
    assert_eq!(s.task(build).unwrap().finish(), dt("2027-01-08T17:00"));
    assert_eq!(s.task(test).unwrap().start(), dt("2027-01-11T08:00"));
    assert_eq!(s.driver(x), Some(&Driver::Summary { task: build }));
    assert_eq!(s.critical_path(), &[design, y, test]);
    assert_eq!(s.task(x).unwrap().total_float().as_minutes(), 960);
    assert_eq!(p.outline_number(y).unwrap(), "2.2");
}

#[test]
fn schedule_from_finish_places_tasks_late() {
    let mut p = Project::new("back", dt("2027-01-04T08:00"));
    p.set_schedule_from(ScheduleFrom::Finish(dt("2027-01-15T17:00")));
    let a = one_task(&mut p, "A", 16);
    let b = one_task(&mut p, "B", 8);
    p.link(a, b).unwrap();
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.task(b).unwrap().finish(), dt("2027-01-15T17:00"));
    assert_eq!(s.task(a).unwrap().start(), dt("2027-01-13T08:00"));
    assert_eq!(s.start(), dt("2027-01-13T08:00"));
}

#[test]
fn task_calendar_is_honoured() {
    let mut p = Project::new("tc", dt("2027-01-04T08:00"));
    // A weekend-only shift calendar for one task.
    let we = Calendar::standard()
        .with_weekday(chrono::Weekday::Sat, vec!["09:00-13:00".parse().unwrap()])
        .unwrap()
        .with_exception(CalendarException {
            name: "No weekdays".into(),
            from: day(2027, 1, 4),
            to: day(2027, 1, 8),
            working: vec![],
        })
        .unwrap();
    let cid = p.add_calendar(we).unwrap();
    let a = p
        .add_task(
            Task::new("Saturday job")
                .with_duration(Duration::hours(4))
                .with_calendar(cid),
        )
        .unwrap();
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    assert_eq!(s.task(a).unwrap().start(), dt("2027-01-09T09:00"));
    assert_eq!(s.task(a).unwrap().finish(), dt("2027-01-09T13:00"));
}
