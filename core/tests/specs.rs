//! Duration texts and the input specs (`TaskSpec`, `DependencySpec`, `TaskEdit`).
//!
//! Expected minutes are worked by hand from MS Project's conversion rules (Project ▸
//! Options ▸ Schedule: 8 hours per day, 40 per week, 20 days per month by default; an
//! elapsed day is 24 hours).
#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]

use chrono::NaiveDate;
use planix::{
    Calendar, Constraint, DependencySpec, Duration, Lag, LinkKind, ModelError, Project, Task,
    TaskEdit, TaskId, TaskSpec,
};
use proptest::prelude::*;

fn project() -> Project {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("date");
    Project::new("p", start)
}

#[test]
fn working_units_on_the_standard_calendar() {
    let p = project();
    let cases = [
        ("30m", 30),
        ("90 min", 90),
        ("4h", 240),
        ("4h 30m", 270),
        ("4H30M", 270),
        ("1.5h", 90),
        ("3d", 1440),
        ("0.5d", 240),
        ("2w", 4800),
        ("1w 2d 4h", 2400 + 960 + 240),
        ("1mo", 20 * 480),
        ("2 days", 960),
        ("3d?", 1440),
        ("  1 week ", 2400),
        ("0d", 0),
    ];
    for (text, minutes) in cases {
        assert_eq!(
            p.parse_duration(text).map(Duration::as_minutes),
            Ok(minutes),
            "{text}"
        );
    }
}

#[test]
fn days_follow_the_project_calendar() {
    // A 6-hour day and a 30-hour week: "1d" is 360 minutes, "1w" 1800.
    let mut p = project();
    let cal = Calendar::standard()
        .with_units(360, 1800)
        .expect("calendar");
    let id = p.add_calendar(cal).expect("added");
    p.set_project_calendar(id).expect("set");
    assert_eq!(p.parse_duration("1d").map(Duration::as_minutes), Ok(360));
    assert_eq!(p.parse_duration("1w").map(Duration::as_minutes), Ok(1800));
    assert_eq!(p.parse_duration("1mo").map(Duration::as_minutes), Ok(7200));
}

#[test]
fn lags_working_elapsed_percent_and_leads() {
    let p = project();
    let m = Duration::minutes;
    assert_eq!(p.parse_lag("2d"), Ok(Lag::Working(m(960))));
    assert_eq!(p.parse_lag("-1d"), Ok(Lag::Working(m(-480))));
    assert_eq!(p.parse_lag("1.5ed"), Ok(Lag::Elapsed(m(2160))));
    assert_eq!(p.parse_lag("2ew"), Ok(Lag::Elapsed(m(20_160))));
    assert_eq!(p.parse_lag("1emo"), Ok(Lag::Elapsed(m(43_200))));
    assert_eq!(p.parse_lag("3eh 15em"), Ok(Lag::Elapsed(m(195))));
    assert_eq!(p.parse_lag("50%"), Ok(Lag::Percent(50)));
    assert_eq!(p.parse_lag("-25 %"), Ok(Lag::Percent(-25)));
}

#[test]
fn bad_texts_name_the_problem() {
    let p = project();
    for (text, needle) in [
        ("", "empty"),
        ("3", "needs a unit"),
        ("3x", "unknown unit \"x\""),
        ("d", "expected a number"),
        ("1.2.3d", "expected a number"),
        ("inf d", "expected a number"),
        ("1d 2ed", "mixed"),
        ("2ed", "elapsed units"),
        ("50%", "percent"),
        ("-1d", "negative"),
        ("99999999999999d", "larger than"),
        ("1d 50%", "percent"),
    ] {
        match p.parse_duration(text) {
            Err(e @ ModelError::InvalidDuration { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains(needle), "{text:?}: {msg}");
                assert!(msg.contains(&format!("{text:?}")), "{msg}");
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
}

#[test]
fn task_spec_and_dependency_spec_from_json() {
    let mut p = project();
    let a: TaskSpec =
        serde_json::from_str(r#"{"name": "Design", "duration": "3d"}"#).expect("spec");
    let b: TaskSpec = serde_json::from_str(r#"{"name": "Build", "duration": 2400}"#).expect("spec");
    let a = p.add_task_spec(a).expect("a");
    let b = p.add_task_spec(b).expect("b");
    let d: DependencySpec = serde_json::from_str(&format!(
        r#"{{"predecessor": {}, "successor": {}, "kind": "ss", "lag": "1ed"}}"#,
        a.0, b.0
    ))
    .expect("dep");
    p.add_dependency_spec(d).expect("link");
    let link = p.dependency(a, b).expect("stored");
    assert_eq!(link.kind, LinkKind::Ss);
    assert_eq!(link.lag, Lag::Elapsed(Duration::minutes(1440)));
    let s = p.schedule().expect("schedule");
    // Design 08:00 Mon 4 Jan for 3 days; Build starts one elapsed day after Design's
    // start (SS + 1ed) = Tue 5 Jan 08:00 and lasts 5 days, to Mon 11 Jan 17:00.
    assert_eq!(s.finish().to_string(), "2027-01-11 17:00:00");

    // The JSON document's lag object still works, and a float of whole minutes is fine (JS).
    let d: DependencySpec = serde_json::from_str(&format!(
        r#"{{"predecessor": {}, "successor": {}, "lag": {{"percent": 50}}, "kind": "ff"}}"#,
        a.0, b.0
    ))
    .expect("dep");
    assert!(matches!(d.lag, planix::LagInput::Lag(Lag::Percent(50))));
    let spec: TaskSpec =
        serde_json::from_str(r#"{"name": "x", "duration": 480.0}"#).expect("whole float");
    assert_eq!(spec.into_task(&p).expect("task").duration.as_minutes(), 480);
    let err = serde_json::from_str::<TaskSpec>(r#"{"name": "x", "duration": 1.5}"#)
        .expect_err("fraction of a minute");
    assert!(err.to_string().contains("whole number of minutes"), "{err}");
    let err =
        serde_json::from_str::<TaskSpec>(r#"{"name": "x", "durations": 1}"#).expect_err("typo");
    assert!(
        err.to_string().contains("unknown field `durations`"),
        "{err}"
    );

    // A bad text is a typed error and adds nothing.
    let bad: TaskSpec =
        serde_json::from_str(r#"{"name": "x", "duration": "3 parsecs"}"#).expect("spec");
    let n = p.task_count();
    assert!(matches!(
        p.add_task_spec(bad),
        Err(ModelError::InvalidDuration { .. })
    ));
    assert_eq!(p.task_count(), n);
}

#[test]
fn task_edit_changes_only_the_named_fields() {
    let mut p = project();
    let deadline = NaiveDate::from_ymd_opt(2027, 2, 1)
        .and_then(|d| d.and_hms_opt(17, 0, 0))
        .expect("date");
    let mut t = Task::new("Design").with_duration(Duration::minutes(480));
    t.deadline = Some(deadline);
    t.notes = "keep".into();
    let id = p.add_task(t).expect("task");
    let edit: TaskEdit = serde_json::from_str(
        r#"{"duration": "1w", "constraint": {"type": "snet", "date": "2027-01-11T08:00:00"}}"#,
    )
    .expect("edit");
    p.apply_edit(id, &edit).expect("applied");
    let t = p.task(id).expect("task");
    assert_eq!(t.duration.as_minutes(), 2400);
    assert_eq!(t.deadline, Some(deadline));
    assert_eq!(t.notes, "keep");
    assert!(matches!(t.constraint, Constraint::Snet(_)));

    // `null` clears a clearable field.
    let clear: TaskEdit = serde_json::from_str(r#"{"deadline": null}"#).expect("edit");
    p.apply_edit(id, &clear).expect("applied");
    assert_eq!(p.task(id).expect("task").deadline, None);

    // A failing edit changes nothing, even the fields that were valid.
    let before = p.task(id).cloned();
    let bad: TaskEdit = serde_json::from_str(r#"{"name": "Renamed", "parent": 99}"#).expect("edit");
    assert!(p.apply_edit(id, &bad).is_err());
    assert_eq!(p.task(id).cloned(), before);
    assert!(matches!(
        p.apply_edit(TaskId(77), &TaskEdit::default()),
        Err(ModelError::UnknownTask(TaskId(77)))
    ));
}

proptest! {
    /// Any minute count written as weeks, days, hours and minutes reads back exactly.
    #[test]
    fn written_durations_read_back(minutes in 0i64..10_000_000) {
        let p = project();
        let (w, r) = (minutes / 2400, minutes % 2400);
        let (d, r) = (r / 480, r % 480);
        let (h, m) = (r / 60, r % 60);
        let text = format!("{w}w {d}d {h}h {m}m");
        prop_assert_eq!(p.parse_duration(&text).map(Duration::as_minutes), Ok(minutes));
        let lead = format!("-{w}ew {d}ed {h}eh {m}em");
        let elapsed = -(w * 10_080 + d * 1440 + h * 60 + m);
        prop_assert_eq!(p.parse_lag(&lead), Ok(Lag::Elapsed(Duration::minutes(elapsed))));
    }

    /// No text makes the parser panic; every failure is `InvalidDuration`.
    #[test]
    fn any_text_is_a_value_or_a_typed_error(text in "[-+0-9.a-zA-Z% ?]{0,12}") {
        let p = project();
        match p.parse_lag(&text) {
            Ok(_) | Err(ModelError::InvalidDuration { .. }) => {}
            Err(e) => prop_assert!(false, "{e:?}"),
        }
    }
}

#[test]
fn options_deserialize_partially_with_core_defaults() {
    use planix::control::HealthOptions;
    use planix::io::StatusOptions;
    use planix::resources::{LevelMode, LevelOptions};
    use planix::risk::ForecastOptions;
    let l: LevelOptions = serde_json::from_str(r#"{"mode": "optimize"}"#).expect("level");
    assert_eq!(l.mode, LevelMode::Optimize);
    assert_eq!(l.max_schedules, LevelOptions::default().max_schedules);
    let e = serde_json::from_str::<LevelOptions>(r#"{"mode": "optimise"}"#).expect_err("typo");
    assert!(
        e.to_string().contains("expected `fast` or `optimize`"),
        "{e}"
    );
    let e = serde_json::from_str::<LevelOptions>(r#"{"max_schedule": 3}"#).expect_err("typo");
    assert!(
        e.to_string().contains("unknown field `max_schedule`"),
        "{e}"
    );
    let h: HealthOptions = serde_json::from_str(r#"{"spi_min": 0.9}"#).expect("health");
    assert_eq!(h.cpi_min, HealthOptions::default().cpi_min);
    let s: StatusOptions = serde_json::from_str(r#"{"seed": 4}"#).expect("status");
    assert_eq!(s.iterations, StatusOptions::default().iterations);
    let f: ForecastOptions =
        serde_json::from_str(r#"{"iterations": 300, "confidence": 90}"#).expect("forecast");
    assert_eq!((f.simulation.iterations, f.confidence), (300, 90.0));
    assert_eq!(ForecastOptions::default().confidence, 80.0);
    let e = serde_json::from_str::<ForecastOptions>(r#"{"iteration": 300}"#).expect_err("typo");
    assert!(e.to_string().contains("iteration"), "{e}");
}

#[test]
fn a_closing_link_names_the_cycle_in_words() {
    let mut p = project();
    let a = p.add_task(Task::new("A")).expect("a");
    let b = p.add_task(Task::new("B")).expect("b");
    let c = p.add_task(Task::new("C")).expect("c");
    p.link(a, b).expect("ab");
    p.link(b, c).expect("bc");
    let msg = p.link(c, a).expect_err("cycle").to_string();
    assert_eq!(
        msg,
        "linking task #3 to task #1 would close the cycle task #1 -> task #2 -> task #3 -> task #1"
    );
}

#[test]
fn leave_and_availability_read_the_pair_and_triple_forms() {
    let l: planix::Leave = serde_json::from_str(r#"["2027-01-06", "2027-01-07"]"#).expect("pair");
    let o: planix::Leave =
        serde_json::from_str(r#"{"from": "2027-01-06", "until": "2027-01-07"}"#).expect("object");
    assert_eq!(l, o);
    let a: planix::Availability =
        serde_json::from_str(r#"["2027-01-06", "2027-01-07", 0.5]"#).expect("triple");
    assert_eq!(a.units, 0.5);
    assert!(
        serde_json::from_str::<planix::Leave>(r#"{"from": "2027-01-06", "til": "x"}"#).is_err()
    );
}
