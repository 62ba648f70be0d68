#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Regression tests of issue #14: inputs a user can write that used to hang, overflow
//! the stack or be accepted silently. Each asserts the typed error and what it names.

use planix::{Error, IoError, ModelError, ScheduleError, TaskId, io};

const HEAD: &str = r#"{"format":"planix","version":1,"name":"p","schedule_from":{"start":"2027-03-01T08:00:00"},"calendar":1,"calendars":{"1":{"name":"S","week":{"monday":["08:00-12:00","13:00-17:00"],"tuesday":["08:00-12:00","13:00-17:00"],"wednesday":["08:00-12:00","13:00-17:00"],"thursday":["08:00-12:00","13:00-17:00"],"friday":["08:00-12:00","13:00-17:00"]},"minutes_per_day":480,"minutes_per_week":2400}},"#;

fn doc(tasks: &str, links: &str) -> String {
    format!(r#"{HEAD}"tasks":[{tasks}],"dependencies":[{links}]}}"#)
}

fn invalid(text: &str) -> ModelError {
    match io::from_json(text) {
        Err(IoError::Invalid(e)) => e,
        other => panic!("expected an invalid-project error, got {other:?}"),
    }
}

#[test]
fn a_parent_loop_that_misses_the_first_task_is_an_error_not_a_hang() {
    // The issue's reproducer: task 2 is its own parent, task 1 sits under it.
    let e = invalid(&doc(
        r#"{"id":1,"name":"A","parent":2},{"id":2,"name":"B","parent":2}"#,
        "",
    ));
    assert_eq!(
        e,
        ModelError::ParentLoop {
            tasks: vec![TaskId(2)],
            names: vec!["B".into()]
        }
    );
    // 2 -> 3 -> 4 -> 3: the loop is {3, 4}, reported from its smallest id.
    let e = invalid(&doc(
        r#"{"id":1,"name":"A"},{"id":2,"name":"B","parent":3},{"id":3,"name":"C","parent":4},{"id":4,"name":"D","parent":3}"#,
        "",
    ));
    assert_eq!(
        e,
        ModelError::ParentLoop {
            tasks: vec![TaskId(3), TaskId(4)],
            names: vec!["C".into(), "D".into()]
        }
    );
    assert_eq!(
        e.to_string(),
        r#"the WBS parents form a loop: task #3 ("C") -> task #4 ("D") -> task #3 ("C")"#
    );
}

fn ring(n: u32) -> String {
    let tasks: Vec<String> = (1..=n)
        .map(|i| format!(r#"{{"id":{i},"name":"T{i}","duration":480}}"#))
        .collect();
    let links: Vec<String> = (1..=n)
        .map(|i| format!(r#"{{"predecessor":{i},"successor":{}}}"#, i % n + 1))
        .collect();
    doc(&tasks.join(","), &links.join(","))
}

#[test]
fn a_long_dependency_cycle_is_reported_without_recursion() {
    // 100,000 tasks in one ring: the recursive SCC search overflowed the stack here
    // (test threads have 2 MiB). The error keeps every task and prints a short line.
    let n = 100_000;
    let p = io::from_json(&ring(n)).unwrap();
    let check = |e: &ScheduleError| {
        let ScheduleError::Cycle { tasks, names } = e else {
            panic!("{e:?}")
        };
        assert_eq!(tasks.len(), n as usize);
        assert_eq!(tasks[0], TaskId(1));
        // In link order: 1 -> 2 -> ... -> n (-> 1).
        assert!(tasks.windows(2).all(|w| w[1].0 == w[0].0 + 1));
        assert_eq!(names[9], "T10");
        let text = e.to_string();
        assert!(text.len() < 400, "{} bytes", text.len());
        assert!(text.starts_with(r#"dependency cycle: task #1 ("T1") -> task #2 ("T2")"#));
        assert!(
            text.ends_with(r#"task #100000 ("T100000") -> task #1 ("T1") (100000 tasks)"#),
            "{text}"
        );
    };
    check(&p.schedule().unwrap_err());
    match planix::simulate::simulate(&p, &planix::simulate::SimulationOptions::new(10, 1)) {
        Err(planix::simulate::SimulateError::Schedule(e)) => check(&e),
        other => panic!("{other:?}"),
    }
    match planix::resources::level(&p, &planix::resources::LevelOptions::default()) {
        Err(e) => assert!(e.to_string().contains("(100000 tasks)"), "{e}"),
        Ok(_) => panic!("levelled a cycle"),
    }
}

#[test]
fn a_short_cycle_is_listed_in_full_in_link_order() {
    // 3 -> 1 -> 2 -> 3 among other tasks; task 4 hangs off the cycle.
    let text = doc(
        r#"{"id":1,"name":"A","duration":480},{"id":2,"name":"B","duration":480},{"id":3,"name":"C","duration":480},{"id":4,"name":"D","duration":480}"#,
        r#"{"predecessor":1,"successor":2},{"predecessor":2,"successor":3},{"predecessor":3,"successor":1},{"predecessor":3,"successor":4}"#,
    );
    let e = io::from_json(&text).unwrap().schedule().unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"dependency cycle: task #1 ("A") -> task #2 ("B") -> task #3 ("C") -> task #1 ("A")"#
    );
}

#[test]
fn deep_and_wide_wbs_load_and_schedule() {
    // 20,000 levels deep (each ancestry test used to walk the whole depth), with links
    // between leaves of a second, wide tree.
    let depth = 20_000u32;
    let mut tasks: Vec<String> = vec![r#"{"id":1,"name":"L1"}"#.into()];
    tasks.extend((2..=depth).map(|i| format!(r#"{{"id":{i},"name":"L{i}","parent":{}}}"#, i - 1)));
    let leaves: Vec<u32> = (0..2_000).map(|k| depth + 2 + k).collect();
    tasks.push(format!(r#"{{"id":{},"name":"S"}}"#, depth + 1));
    tasks.extend(leaves.iter().map(|i| {
        format!(
            r#"{{"id":{i},"name":"W","parent":{},"duration":60}}"#,
            depth + 1
        )
    }));
    let links: Vec<String> = leaves
        .windows(2)
        .map(|w| format!(r#"{{"predecessor":{},"successor":{}}}"#, w[0], w[1]))
        .collect();
    let p = io::from_json(&doc(&tasks.join(","), &links.join(","))).unwrap();
    assert_eq!(p.outline_level(TaskId(depth)), Some(depth as usize));
    let s = p.schedule().unwrap();
    // 2,000 one-hour leaves in a chain from Mon 2027-03-01 08:00: 250 working days.
    assert_eq!(
        s.task(TaskId(depth + 1))
            .unwrap()
            .early_finish()
            .to_string(),
        "2028-02-11 17:00:00"
    );
    // A link from a deep task to its own ancestor is still refused.
    let bad = doc(
        r#"{"id":1,"name":"A"},{"id":2,"name":"B","parent":1},{"id":3,"name":"C","parent":2}"#,
        r#"{"predecessor":3,"successor":1}"#,
    );
    assert!(matches!(
        invalid(&bad),
        ModelError::LinkWithinSummary {
            summary: TaskId(1),
            task: TaskId(3),
            ..
        }
    ));
}

#[test]
fn a_task_without_id_is_named_by_its_position() {
    let e = invalid(&doc(r#"{"id":1,"name":"A"},{"name":"B"}"#, ""));
    assert_eq!(
        e,
        ModelError::MissingTaskId {
            position: 2,
            name: "B".into()
        }
    );
    assert_eq!(
        e.to_string(),
        r#"task number 2 ("B") has no id (ids start at 1)"#
    );
    assert!(matches!(
        invalid(&doc(r#"{"id":0,"name":"Zero"}"#, "")),
        ModelError::MissingTaskId { position: 1, .. }
    ));
    assert!(matches!(
        invalid(&doc(r#"{"id":1,"name":"A"},{"id":1,"name":"B"}"#, "")),
        ModelError::DuplicateTask(TaskId(1))
    ));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!(
        "\u{feff}{}",
        doc(r#"{"id":1,"name":"A","duration":480}"#, "")
    );
    let p = io::from_json(&text).unwrap();
    assert_eq!(p.task_count(), 1);
    // Not accepted in the middle of the text.
    assert!(matches!(
        io::from_json(&format!(" \u{feff}{}", &text[3..])),
        Err(IoError::Json { line: 1, .. })
    ));
}

#[test]
fn lognormal_is_read_in_both_spellings_and_written_as_documented() {
    for spelling in ["lognormal", "log_normal"] {
        let t = format!(
            r#"{{"id":1,"name":"A","duration":480,"estimate":{{"optimistic":240,"most_likely":480,"pessimistic":1440,"distribution":{{"type":"{spelling}"}}}}}}"#
        );
        let p = io::from_json(&doc(&t, "")).unwrap_or_else(|e| panic!("{spelling}: {e}"));
        let out = io::to_json(&p);
        assert!(out.contains(r#""type": "lognormal""#), "{out}");
    }
}

#[test]
fn foreign_and_newer_documents_are_named_before_their_shape_is_judged() {
    let e = io::from_json(r#"{"format":"mspdi","tasks":[{"x":1}]}"#).unwrap_err();
    assert_eq!(
        e,
        IoError::WrongFormat {
            found: "mspdi".into()
        }
    );
    let e = io::from_json(r#"{"tasks":7,"format":"planix","version":9}"#).unwrap_err();
    assert!(matches!(e, IoError::UnsupportedVersion { found: 9, .. }));
    // Broken JSON still names its line and column.
    assert!(matches!(
        io::from_json("{\n  \"format\": \"planix\",\n  \"version\": 1,\n  \"name\": }"),
        Err(IoError::Json {
            line: 4,
            column: 11,
            ..
        })
    ));
    let _: Error = e.into();
}
