#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! The incremental scheduler equals a full CPM after every edit of random edit sequences
//! on random networks (WBS, mixed links and lags, constraints, deadlines, manual tasks,
//! leveling delays, a second calendar), and it reports exactly the tasks that changed.

mod common;
use common::*;
use planix::schedule::{CpmOptions, Scheduler, cpm};
use planix::{
    Calendar, Constraint, Dependency, Duration, Lag, LinkKind, Project, Task, TaskId, io,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Edit {
    Duration(usize, i64),
    Constraint(usize, u8, i64),
    Deadline(usize, Option<i64>),
    Manual(usize, Option<i64>),
    Delay(usize, i64),
    Link(usize, usize, u8, i64),
    Unlink(usize),
    Parent(usize, Option<usize>),
    Name(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        8 => (0usize..64, 0i64..6).prop_map(|(t, d)| Edit::Duration(t, d * 240)),
        3 => (0usize..64, 0u8..8, 0i64..40).prop_map(|(t, k, h)| Edit::Constraint(t, k, h)),
        2 => (0usize..64, prop::option::of(0i64..40)).prop_map(|(t, h)| Edit::Deadline(t, h)),
        1 => (0usize..64, prop::option::of(0i64..40)).prop_map(|(t, h)| Edit::Manual(t, h)),
        1 => (0usize..64, 0i64..3).prop_map(|(t, d)| Edit::Delay(t, d * 600)),
        2 => (0usize..64, 0usize..64, 0u8..4, -2i64..4).prop_map(|(a, b, k, l)| Edit::Link(a, b, k, l)),
        1 => (0usize..64).prop_map(Edit::Unlink),
        1 => (0usize..64, prop::option::of(0usize..64)).prop_map(|(t, p)| Edit::Parent(t, p)),
        1 => (0usize..64).prop_map(Edit::Name),
    ]
}

fn kind(k: u8) -> LinkKind {
    [LinkKind::Fs, LinkKind::Ss, LinkKind::Ff, LinkKind::Sf][k as usize % 4]
}

/// A network: tasks (every fifth a summary of the next four), links forward in id
/// order, a second calendar on some tasks.
fn build(n: usize, links: &[(usize, usize, u8, i64)], durs: &[i64]) -> (Project, Vec<TaskId>) {
    let mut p = Project::new("inc", dt("2027-01-04T08:00"));
    let night = p.add_calendar(Calendar::twenty_four_hours()).unwrap();
    let mut ids = vec![];
    let mut summary = None;
    for i in 0..n {
        let mut t =
            Task::new(format!("T{i}")).with_duration(Duration::minutes(durs[i % durs.len()]));
        if i % 5 == 0 {
            summary = None;
        }
        if let Some(s) = summary {
            t = t.with_parent(s);
        }
        if i % 7 == 3 {
            t.calendar = Some(night);
        }
        let id = p.add_task(t).unwrap();
        if i % 5 == 0 && i + 1 < n {
            summary = Some(id);
        }
        ids.push(id);
    }
    for &(a, b, k, l) in links {
        let (a, b) = (a % n, b % n);
        if a < b {
            let _ = p.add_dependency(
                Dependency::new(ids[a], ids[b])
                    .with_kind(kind(k))
                    .with_lag(Lag::Working(Duration::minutes(l * 60))),
            );
        }
    }
    (p, ids)
}

fn hours(h: i64) -> chrono::NaiveDateTime {
    dt("2027-01-04T08:00") + chrono::TimeDelta::hours(h * 7)
}

/// Applies one edit through the scheduler (errors are allowed: the edit is refused and
/// nothing changes, which the comparison after it checks too).
fn apply(s: &mut Scheduler, ids: &[TaskId], e: &Edit) -> Option<planix::schedule::Rescheduled> {
    let n = ids.len();
    let id = |i: usize| ids[i % n];
    let r = match *e {
        Edit::Duration(t, d) => s.set_duration(id(t), Duration::minutes(d)),
        Edit::Constraint(t, k, h) => {
            let at = hours(h);
            let c = match k {
                0 => Constraint::Asap,
                1 => Constraint::Alap,
                2 => Constraint::Snet(at),
                3 => Constraint::Snlt(at),
                4 => Constraint::Fnet(at),
                5 => Constraint::Fnlt(at),
                6 => Constraint::Mso(at),
                _ => Constraint::Mfo(at),
            };
            s.set_constraint(id(t), c)
        }
        Edit::Deadline(t, h) => s.set_deadline(id(t), h.map(hours)),
        Edit::Manual(t, h) => s.edit_task(id(t), |x| x.manual_start = h.map(hours)),
        Edit::Delay(t, d) => s.edit_task(id(t), |x| x.leveling_delay = Duration::minutes(d)),
        Edit::Link(a, b, k, l) => s.add_dependency(
            Dependency::new(id(a), id(b))
                .with_kind(kind(k))
                .with_lag(Lag::Working(Duration::minutes(l * 60))),
        ),
        Edit::Unlink(k) => {
            let links: Vec<(TaskId, TaskId)> = s
                .project()
                .dependencies()
                .map(|d| (d.predecessor, d.successor))
                .collect();
            if links.is_empty() {
                return None;
            }
            let (a, b) = links[k % links.len()];
            s.remove_dependency(a, b)
        }
        Edit::Parent(t, par) => s.edit_task(id(t), |x| x.parent = par.map(id)),
        Edit::Name(t) => s.edit_task(id(t), |x| x.name.push('!')),
    };
    r.ok()
}

type Row = (
    TaskId,
    chrono::NaiveDateTime,
    chrono::NaiveDateTime,
    chrono::NaiveDateTime,
    chrono::NaiveDateTime,
    Duration,
    Duration,
    String,
);

fn rows(s: &planix::Schedule) -> std::collections::BTreeMap<TaskId, Row> {
    s.tasks()
        .iter()
        .map(|t| {
            (
                t.id(),
                (
                    t.id(),
                    t.early_start(),
                    t.early_finish(),
                    t.late_start(),
                    t.late_finish(),
                    t.total_float(),
                    t.free_float(),
                    format!("{:?}", t.driver()),
                ),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]
    #[test]
    fn equals_a_full_cpm_after_every_edit(
        n in 2usize..40,
        links in prop::collection::vec((0usize..40, 0usize..40, 0u8..4, -2i64..4), 0..60),
        durs in prop::collection::vec(0i64..5, 1..8),
        edits in prop::collection::vec(edit(), 1..25),
    ) {
        let durs: Vec<i64> = durs.into_iter().map(|d| d * 240).collect();
        let (p, ids) = build(n, &links, &durs);
        let opts = CpmOptions::new();
        let Ok(mut s) = Scheduler::new(p, opts.clone()) else { return Ok(()); };
        let mut before = s.schedule().unwrap();
        prop_assert_eq!(io::schedule_to_json(&before), io::schedule_to_json(&cpm(s.project(), &opts).unwrap()));
        for e in &edits {
            let revision = s.project().revision();
            let r = apply(&mut s, &ids, e);
            let full = cpm(s.project(), &opts).unwrap();
            let now = s.schedule().unwrap();
            prop_assert_eq!(io::schedule_to_json(&now), io::schedule_to_json(&full), "after {:?}", e);
            match r {
                None => {
                    // A refused edit changes nothing.
                    prop_assert_eq!(s.project().revision(), revision);
                    prop_assert_eq!(io::schedule_to_json(&now), io::schedule_to_json(&before));
                }
                Some(r) => {
                    prop_assert_eq!(r.finish, now.finish());
                    let (a, b) = (rows(&before), rows(&now));
                    let moved: Vec<TaskId> = b
                        .iter()
                        .filter(|(id, row)| a.get(id) != Some(row))
                        .map(|(id, _)| *id)
                        .collect();
                    prop_assert_eq!(&r.changed, &moved, "after {:?}", e);
                    for id in &r.changed {
                        let one = s.task(*id);
                        prop_assert_eq!(one.as_ref(), now.task(*id), "task {:?}", id);
                    }
                }
            }
            before = now;
        }
    }
}
