#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Diff and three-way merge of plans (issue #21): hand-worked merges, every conflict
//! kind, and properties over random concurrent edits.

mod common;
use common::*;
use planix::history::{self, Change, Conflict, Item};
use planix::{Duration, Project, Task, TaskId, io};
use proptest::prelude::*;

fn base() -> (Project, [TaskId; 4]) {
    let mut p = Project::new("Site", dt("2027-01-04T08:00"));
    let design = p
        .add_task(Task::new("Design").with_duration(Duration::hours(16)))
        .unwrap();
    let build = p
        .add_task(Task::new("Build").with_duration(Duration::hours(40)))
        .unwrap();
    let docs = p
        .add_task(Task::new("Docs").with_duration(Duration::hours(8)))
        .unwrap();
    let live = p.add_task(Task::new("Go live")).unwrap();
    p.link(design, build).unwrap();
    p.link(build, live).unwrap();
    (p, [design, build, docs, live])
}

#[test]
fn non_conflicting_edits_from_both_sides_merge_and_reschedule() {
    let (b, [design, build, docs, live]) = base();
    let mut ours = b.clone();
    ours.edit_task(build, |t| t.duration = Duration::hours(48))
        .unwrap();
    let qa = ours
        .add_task(Task::new("QA").with_duration(Duration::hours(8)))
        .unwrap();
    ours.link(build, qa).unwrap();
    let mut theirs = b.clone();
    theirs
        .edit_task(design, |t| t.name = "UX design".into())
        .unwrap();
    theirs.remove_task(docs).unwrap();
    let m = history::merge(&b, &ours, &theirs);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let p = m.project.unwrap();
    assert_eq!(p.task(design).unwrap().name, "UX design");
    assert_eq!(p.task(build).unwrap().duration, Duration::hours(48));
    assert!(p.task(docs).is_none());
    assert!(p.dependency(build, qa).is_some());
    // Design Mon-Tue, Build 48 h = 6 days Wed 6 Jan - Wed 13 Jan, QA Thu 14 Jan.
    let s = p.schedule().unwrap();
    assert_eq!(s.task(live).unwrap().early_start(), dt("2027-01-13T17:00"));
    assert_eq!(s.finish(), dt("2027-01-14T17:00"));
    // Merging is symmetric in what it applies.
    let back = history::merge(&b, &theirs, &ours).project.unwrap();
    assert_eq!(io::to_json(&back), io::to_json(&p));
    // The readable diff of the approved plan against the merge.
    assert_eq!(
        history::diff(&b, &p).to_string(),
        "task 1: name \"Design\" -> \"UX design\"\n\
         task 2: duration 2400 -> 2880\n\
         task 3 \"Docs\" removed\n\
         task 5 \"QA\" added\n\
         link 2 -> 5 added\n"
    );
}

#[test]
fn conflicts_are_typed_and_nothing_of_them_is_applied() {
    let (b, [design, build, docs, live]) = base();
    // Same field, different values; an edit of a task the other side removed; a link to
    // a task the other side removed.
    let mut ours = b.clone();
    ours.edit_task(build, |t| t.duration = Duration::hours(48))
        .unwrap();
    ours.edit_task(docs, |t| t.notes = "API reference".into())
        .unwrap();
    let mut theirs = b.clone();
    theirs
        .edit_task(build, |t| t.duration = Duration::hours(32))
        .unwrap();
    theirs.remove_task(docs).unwrap();
    let mut ours2 = ours.clone();
    ours2.link(live, docs).unwrap();
    let m = history::merge(&b, &ours2, &theirs);
    let kinds: Vec<String> = m
        .conflicts
        .iter()
        .map(|c| match c {
            Conflict::Both { item, field, .. } => format!("both {item} {field:?}"),
            Conflict::RemovedAndChanged {
                item,
                removed_by_us,
                ..
            } => {
                format!("removed {item} by us {removed_by_us}")
            }
            Conflict::LinkToRemovedTask { link, task, .. } => format!("link {link} to {task}"),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "both task 2 Some(\"duration\")",
            "removed task 3 by us false",
            "link link 4 -> 3 to 3",
        ]
    );
    let p = m.project.unwrap();
    assert_eq!(p.task(build).unwrap().duration, Duration::hours(40)); // the base's
    assert!(p.task(docs).is_some()); // neither the removal nor the edit
    assert_eq!(p.task(docs).unwrap().notes, "");
    let _ = design;
}

#[test]
fn a_merge_that_closes_a_cycle_is_a_conflict_not_a_plan() {
    let (b, [design, build, docs, _]) = base();
    let mut ours = b.clone();
    ours.link(build, docs).unwrap();
    let mut theirs = b.clone();
    theirs.link(docs, design).unwrap();
    let m = history::merge(&b, &ours, &theirs);
    assert!(m.project.is_none());
    match &m.conflicts[..] {
        [Conflict::Cycle { tasks }] => {
            let mut t = tasks.clone();
            t.sort();
            assert_eq!(t, vec![design, build, docs]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_stale_diff_is_refused_naming_the_item() {
    let (b, [_, build, ..]) = base();
    let mut x = b.clone();
    x.edit_task(build, |t| t.duration = Duration::hours(48))
        .unwrap();
    let d = history::diff(&b, &x);
    assert!(matches!(
        d.changes.last(),
        Some(Change::Changed {
            item: Item::Task { id: 2 },
            ..
        })
    ));
    // Applied twice: the second finds 2880, not 2400.
    let e = d.apply(&x).unwrap_err();
    assert_eq!(e.to_string(), "task 2: duration to be 2400");
}

#[derive(Debug, Clone)]
enum Edit {
    Duration(usize, i64),
    Rename(usize),
    Add(usize),
    Remove(usize),
    Link(usize, usize),
    Parent(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..20, 0i64..5).prop_map(|(t, d)| Edit::Duration(t, d * 480)),
        (0usize..20).prop_map(Edit::Rename),
        (0usize..20).prop_map(Edit::Add),
        (0usize..20).prop_map(Edit::Remove),
        (0usize..20, 0usize..20).prop_map(|(a, b)| Edit::Link(a, b)),
        (0usize..20, 0usize..20).prop_map(|(a, b)| Edit::Parent(a, b)),
    ]
}

fn apply(p: &mut Project, e: &Edit, tag: &str) {
    let ids: Vec<TaskId> = p.tasks().map(|t| t.id()).collect();
    if ids.is_empty() {
        return;
    }
    let id = |i: usize| ids[i % ids.len()];
    let _ = match *e {
        Edit::Duration(t, d) => p.edit_task(id(t), |x| x.duration = Duration::minutes(d)),
        Edit::Rename(t) => p.edit_task(id(t), |x| x.name = format!("{}{tag}", x.name)),
        Edit::Add(t) => p.add_task(Task::new(format!("N{tag}{t}"))).map(|_| ()),
        Edit::Remove(t) => p.remove_task(id(t)).map(|_| ()),
        Edit::Link(a, b) => p.link(id(a), id(b)),
        Edit::Parent(a, b) => p.edit_task(id(a), |x| x.parent = Some(id(b))),
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn diffs_replay_and_merges_are_valid_and_deterministic(
        ours_edits in prop::collection::vec(edit(), 0..12),
        theirs_edits in prop::collection::vec(edit(), 0..12),
    ) {
        let (b, _) = base();
        let (mut ours, mut theirs) = (b.clone(), b.clone());
        for e in &ours_edits { apply(&mut ours, e, "o"); }
        for e in &theirs_edits { apply(&mut theirs, e, "t"); }
        // A diff replays exactly.
        let d = history::diff(&b, &ours);
        prop_assert_eq!(io::to_json(&d.apply(&b).unwrap()), io::to_json(&ours));
        // One side unchanged: the merge is the other side, unless that side's own links
        // close a cycle through a summary (the model leaves those to the scheduler), which
        // the merge reports instead of a plan.
        for m in [history::merge(&b, &ours, &b), history::merge(&b, &ours, &ours)] {
            if ours.schedule().is_ok() {
                prop_assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
                prop_assert_eq!(io::to_json(m.project.as_ref().unwrap()), io::to_json(&ours));
            } else {
                prop_assert!(m.project.is_none());
                prop_assert!(matches!(m.conflicts[..], [Conflict::Cycle { .. }]), "{:?}", m.conflicts);
            }
        }
        // Any two sides: deterministic, and a merged plan always loads and schedules.
        let m1 = history::merge(&b, &ours, &theirs);
        let m2 = history::merge(&b, &ours, &theirs);
        prop_assert_eq!(&m1.conflicts, &m2.conflicts);
        if let Some(p) = &m1.project {
            prop_assert_eq!(Some(io::to_json(p)), m2.project.as_ref().map(io::to_json));
            let text = io::to_json(p);
            prop_assert!(io::from_json(&text).is_ok());
            prop_assert!(p.schedule().is_ok());
        } else {
            prop_assert!(!m1.conflicts.is_empty());
        }
    }
}

proptest! {
    /// Edits that commute (durations of different tasks) merge to what applying both in
    /// sequence gives.
    #[test]
    fn commuting_edits_merge_to_the_sequential_result(
        ds in prop::collection::vec((0usize..4, 0i64..6), 0..8),
    ) {
        let (b, ids) = base();
        let (mut ours, mut theirs, mut both) = (b.clone(), b.clone(), b.clone());
        for &(t, d) in &ds {
            let side = if t % 2 == 0 { &mut ours } else { &mut theirs };
            side.edit_task(ids[t], |x| x.duration = Duration::hours(d * 8)).unwrap();
            both.edit_task(ids[t], |x| x.duration = Duration::hours(d * 8)).unwrap();
        }
        let m = history::merge(&b, &ours, &theirs);
        prop_assert!(m.conflicts.is_empty());
        let p = m.project.unwrap();
        prop_assert_eq!(io::schedule_to_json(&p.schedule().unwrap()), io::schedule_to_json(&both.schedule().unwrap()));
        let tasks = |q: &Project| q.tasks().map(|t| (t.id(), t.duration)).collect::<Vec<_>>();
        prop_assert_eq!(tasks(&p), tasks(&both));
    }
}
