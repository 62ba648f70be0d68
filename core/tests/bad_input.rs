#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Bad input gets a typed error naming the item, and leaves the project unchanged.

mod common;
use common::*;
use planix::{
    Calendar, Dependency, Duration, Error, IoError, Lag, ModelError, Project, ScheduleError, Task,
    TaskId, WeekPattern, io,
};

fn base() -> (Project, TaskId, TaskId, TaskId) {
    let mut p = Project::new("bad", dt("2027-01-04T08:00"));
    let a = p
        .add_task(Task::new("A").with_duration(Duration::hours(8)))
        .unwrap();
    let b = p
        .add_task(Task::new("B").with_duration(Duration::hours(8)))
        .unwrap();
    let c = p
        .add_task(Task::new("C").with_duration(Duration::hours(8)))
        .unwrap();
    p.link(a, b).unwrap();
    p.link(b, c).unwrap();
    (p, a, b, c)
}

#[test]
fn model_edits_are_rejected_without_change() {
    let (mut p, a, b, c) = base();
    let before = p.clone();
    let path = match p.link(c, a) {
        Err(ModelError::CycleLink { path, .. }) => path,
        other => panic!("{other:?}"),
    };
    assert_eq!(path, vec![a, b, c]);
    assert_eq!(
        p.link(a, a),
        Err(ModelError::SelfLink {
            task: a,
            name: "A".into()
        })
    );
    assert_eq!(
        p.link(a, b),
        Err(ModelError::DuplicateLink {
            predecessor: a,
            successor: b
        })
    );
    assert_eq!(
        p.link(a, TaskId(99)),
        Err(ModelError::UnknownTask(TaskId(99)))
    );
    assert!(matches!(
        p.add_task(Task::new("neg").with_duration(Duration::minutes(-5))),
        Err(ModelError::NegativeDuration { minutes: -5, .. })
    ));
    assert!(matches!(
        p.add_task(Task::new("huge").with_duration(Duration::minutes(i64::MAX))),
        Err(ModelError::OutOfRange {
            what: "duration",
            ..
        })
    ));
    assert!(matches!(
        p.add_dependency(
            Dependency::new(a, c).with_lag(Lag::Working(Duration::minutes(i64::MIN / 2)))
        ),
        Err(ModelError::OutOfRange { what: "lag", .. })
    ));
    assert!(matches!(
        p.add_dependency(Dependency::new(a, c).with_lag(Lag::Percent(2_000_000_000))),
        Err(ModelError::PercentLagOutOfRange {
            percent: 2_000_000_000,
            ..
        })
    ));
    // At the limit a percent lag is fine.
    let mut q = p.clone();
    assert!(
        q.add_dependency(Dependency::new(a, c).with_lag(Lag::Percent(10_000_000)))
            .is_ok()
    );
    assert!(matches!(
        p.edit_task(a, |t| t.parent = Some(TaskId(42))),
        Err(ModelError::UnknownParent { .. })
    ));
    let none = WeekPattern::default();
    assert!(matches!(
        Calendar::new("never", none, 480, 2400),
        Err(planix::CalendarError::NoWorkingTime { .. })
    ));
    assert_eq!(p, before);
    assert_eq!(p.revision(), before.revision());
}

#[test]
fn cycle_through_summaries_is_reported_with_names() {
    let mut p = Project::new("cyc", dt("2027-01-04T08:00"));
    let s1 = p.add_task(Task::new("Phase 1")).unwrap();
    let a = p
        .add_task(
            Task::new("A")
                .with_duration(Duration::hours(8))
                .with_parent(s1),
        )
        .unwrap();
    let b = p
        .add_task(Task::new("B").with_duration(Duration::hours(8)))
        .unwrap();
    p.link(s1, b).unwrap();
    // B -> A is not a direct cycle in the link graph, but A is inside Phase 1, which B follows.
    p.link(b, a).unwrap();
    match p.schedule() {
        Err(ScheduleError::Cycle { tasks, names }) => {
            assert!(
                tasks.contains(&b) && (tasks.contains(&a) || tasks.contains(&s1)),
                "{tasks:?}"
            );
            assert!(names.iter().any(|n| n == "B"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn constraint_dates_that_overflow_are_errors() {
    let mut p = Project::new("far", dt("2027-01-04T08:00"));
    let a = p
        .add_task(Task::new("A").with_duration(Duration::hours(8)))
        .unwrap();
    let far = chrono::NaiveDate::from_ymd_opt(120000, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    p.set_constraint(a, planix::Constraint::Snet(far)).unwrap();
    assert!(matches!(p.schedule(), Err(ScheduleError::DateOutOfRange { task, .. }) if task == a));
    // A duration that runs past year 9999 is a calendar overflow naming the task.
    let mut q = Project::new("long", dt("9990-01-04T08:00"));
    let b = q
        .add_task(Task::new("B").with_duration(Duration::minutes(900_000_000)))
        .unwrap();
    assert!(matches!(q.schedule(), Err(ScheduleError::Calendar { task, .. }) if task == b));
}

#[test]
fn malformed_json_is_typed() {
    assert!(matches!(
        io::from_json("{\"format\": \"planix\", "),
        Err(IoError::Json { line: 1, .. })
    ));
    assert!(matches!(
        io::from_json("{\"format\": \"mpp\"}"),
        Err(IoError::WrongFormat { .. })
    ));
    assert!(matches!(
        io::from_json("{\"format\": \"planix\", \"version\": 7}"),
        Err(IoError::UnsupportedVersion { found: 7, .. })
    ));
    let (p, ..) = base();
    let text = io::to_json(&p).replace("\"duration\": 480", "\"duration\": -480");
    assert!(matches!(
        io::from_json(&text),
        Err(IoError::Invalid(ModelError::NegativeDuration { .. }))
    ));
    let text = io::to_json(&p).replace("\"successor\": 3", "\"successor\": 30");
    assert!(matches!(
        io::from_json(&text),
        Err(IoError::Invalid(ModelError::UnknownTask(TaskId(30))))
    ));
    let text = io::to_json(&p).replace("\"name\": \"A\"", "\"name\": 5");
    match io::from_json(&text) {
        Err(IoError::Json { line, column, .. }) => assert!(line > 1 && column > 1),
        other => panic!("{other:?}"),
    }
    // The umbrella error composes with `?`.
    let e: Error = io::from_json("[]").unwrap_err().into();
    assert!(e.to_string().contains("not a planix document"));
}
