//! The bindings' input path: duration and lag text, and the specs and options every
//! door deserializes (then applies to a small project). Nothing may panic; a bad input
//! is a typed error and leaves the project unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planix::{DependencySpec, Project, ResourceSpec, Task, TaskEdit, TaskId, TaskSpec};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("a date");
    let mut p = Project::new("fuzz", start);
    let a = p.add_task(Task::new("A")).expect("a task");
    let b = p.add_task(Task::new("B")).expect("a task");
    let _ = p.parse_duration(text);
    let _ = p.parse_lag(text);
    // Every failed call must leave the project as it was just before that call (a text
    // can be several specs at once, so later calls may change it legitimately).
    let unchanged = |p: &Project, before: &str, what: &str| {
        assert_eq!(planix::io::to_json(p), before, "a failed {what} changed the project");
    };
    if let Ok(spec) = serde_json::from_str::<TaskSpec>(text) {
        let before = planix::io::to_json(&p);
        if p.add_task_spec(spec).is_err() {
            unchanged(&p, &before, "add");
        }
    }
    if let Ok(edit) = serde_json::from_str::<TaskEdit>(text) {
        let before = planix::io::to_json(&p);
        if p.apply_edit(a, &edit).is_err() {
            unchanged(&p, &before, "edit");
        }
    }
    if let Ok(mut dep) = serde_json::from_str::<DependencySpec>(text) {
        dep.predecessor = TaskId(dep.predecessor.0 % 4);
        let before = planix::io::to_json(&p);
        if p.add_dependency_spec(dep).is_err() {
            unchanged(&p, &before, "link");
        }
    }
    if let Ok(r) = serde_json::from_str::<ResourceSpec>(text) {
        let before = planix::io::to_json(&p);
        match p.add_resource_spec(r) {
            Ok(id) => {
                let before = planix::io::to_json(&p);
                if p.assign_spec(b, id, &planix::AssignmentSpec::default()).is_err() {
                    unchanged(&p, &before, "assignment");
                }
            }
            Err(_) => unchanged(&p, &before, "resource add"),
        }
    }
    let _ = serde_json::from_str::<planix::resources::LevelOptions>(text);
    let _ = serde_json::from_str::<planix::risk::ForecastOptions>(text);
    let _ = serde_json::from_str::<planix::control::HealthOptions>(text);
    let _ = serde_json::from_str::<planix::risk::RiskSpec>(text);
    let _ = serde_json::from_str::<planix::risk::AssessmentSpec>(text);
});
