#![allow(dead_code, clippy::unwrap_used, clippy::panic)]
//! Helpers shared by the integration tests.

use chrono::{NaiveDate, NaiveDateTime};
use planix::{Calendar, Dependency, Duration, Lag, LinkKind, Project, Task, TaskId};

pub fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A project on the 24-hour calendar, so one "week" of a textbook network can be one elapsed day.
pub fn textbook(acts: &[(&str, i64, &[&str])]) -> (Project, Vec<TaskId>) {
    let mut p = Project::new("textbook", dt("2027-01-01T00:00"));
    let c = p.add_calendar(Calendar::twenty_four_hours()).unwrap();
    p.set_project_calendar(c).unwrap();
    let mut ids = vec![];
    for (name, d, _) in acts {
        ids.push(
            p.add_task(Task::new(*name).with_duration(Duration::minutes(d * 1440)))
                .unwrap(),
        );
    }
    for (i, (_, _, preds)) in acts.iter().enumerate() {
        for pr in *preds {
            let j = acts.iter().position(|a| a.0 == *pr).unwrap();
            p.add_dependency(Dependency::new(ids[j], ids[i])).unwrap();
        }
    }
    (p, ids)
}

pub fn link(p: &mut Project, a: TaskId, b: TaskId, kind: LinkKind, lag_minutes: i64) {
    p.add_dependency(
        Dependency::new(a, b)
            .with_kind(kind)
            .with_lag(Lag::Working(Duration::minutes(lag_minutes))),
    )
    .unwrap();
}

/// Hillier & Lieberman's Reliable Construction Co. network: (activity, weeks, predecessors).
pub const RELIABLE: &[(&str, i64, &[&str])] = &[
    ("A", 2, &[]),
    ("B", 4, &["A"]),
    ("C", 10, &["B"]),
    ("D", 6, &["C"]),
    ("E", 4, &["C"]),
    ("F", 5, &["E"]),
    ("G", 7, &["D"]),
    ("H", 9, &["E", "G"]),
    ("I", 7, &["C"]),
    ("J", 8, &["F", "I"]),
    ("K", 4, &["J"]),
    ("L", 5, &["J"]),
    ("M", 2, &["H"]),
    ("N", 6, &["K", "L"]),
];

/// Every MSPDI file of `shared/data/mspdi/` (saved by MS Project), sorted.
pub fn mspdi_corpus() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/mspdi");
    let mut v = vec![];
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}
