#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Properties of CPM over generated DAGs with mixed link types and lags.

mod common;
use common::*;
use planix::{
    Calendar, Dependency, Duration, Lag, LinkKind, Project, ScheduleError, Task, TaskId, io,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Net {
    durs: Vec<i64>,
    edges: Vec<(usize, usize, u8, i64)>,
}

/// Edges only go from a lower to a higher index, so the network is acyclic by construction.
fn arb_dag(max: usize) -> impl Strategy<Value = Net> {
    (2..max).prop_flat_map(|n| {
        (
            proptest::collection::vec(0i64..5, n),
            proptest::collection::vec((0..n, 0..n, 0u8..4, -2i64..4), 0..2 * n),
        )
            .prop_map(|(durs, raw)| {
                let mut seen = std::collections::BTreeSet::new();
                let edges = raw
                    .into_iter()
                    .filter(|(a, b, ..)| a < b)
                    .filter(|(a, b, ..)| seen.insert((*a, *b)))
                    .map(|(a, b, k, l)| (a, b, k, l * 60))
                    .collect();
                Net {
                    durs: durs.into_iter().map(|d| d * 240).collect(),
                    edges,
                }
            })
    })
}

fn kind(k: u8) -> LinkKind {
    [LinkKind::Fs, LinkKind::Ss, LinkKind::Ff, LinkKind::Sf][k as usize]
}

fn build(net: &Net, twenty_four: bool) -> (Project, Vec<TaskId>) {
    let mut p = Project::new("prop", dt("2027-01-04T08:00"));
    if twenty_four {
        let c = p.add_calendar(Calendar::twenty_four_hours()).unwrap();
        p.set_project_calendar(c).unwrap();
    }
    let ids: Vec<TaskId> = net
        .durs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            p.add_task(Task::new(format!("T{i}")).with_duration(Duration::minutes(*d)))
                .unwrap()
        })
        .collect();
    for (a, b, k, l) in &net.edges {
        p.add_dependency(
            Dependency::new(ids[*a], ids[*b])
                .with_kind(kind(*k))
                .with_lag(Lag::Working(Duration::minutes(*l))),
        )
        .unwrap();
    }
    (p, ids)
}

proptest! {
    /// On the 24-hour calendar, working time is wall time, so every link can be checked exactly.
    #[test]
    fn every_link_holds(net in arb_dag(40)) {
        let (p, ids) = build(&net, true);
        let s = p.schedule().unwrap();
        for (a, b, k, l) in &net.edges {
            let (x, y) = (s.task(ids[*a]).unwrap(), s.task(ids[*b]).unwrap());
            let lag = chrono::TimeDelta::minutes(*l);
            match kind(*k) {
                LinkKind::Fs => prop_assert!(y.early_start() >= x.early_finish() + lag),
                LinkKind::Ss => prop_assert!(y.early_start() >= x.early_start() + lag),
                LinkKind::Ff => prop_assert!(y.early_finish() >= x.early_finish() + lag),
                LinkKind::Sf => prop_assert!(y.early_finish() >= x.early_start() + lag),
            }
            prop_assert!(y.early_start() >= s.start());
        }
    }

    /// Floats, critical chains, project finish, determinism and the JSON round trip.
    #[test]
    fn floats_paths_and_determinism(net in arb_dag(40), tf24 in any::<bool>()) {
        let (p, _) = build(&net, tf24);
        let s = p.schedule().unwrap();
        let max_ef = s.tasks().iter().map(|t| t.early_finish()).max().unwrap();
        prop_assert_eq!(s.finish(), max_ef);
        for t in s.tasks() {
            prop_assert!(t.total_float() >= t.free_float(), "{:?}", t);
            prop_assert!(t.free_float() >= Duration::ZERO);
            prop_assert!(t.total_float() >= Duration::ZERO);
            prop_assert!(t.late_start() >= t.early_start());
        }
        for path in s.critical_paths() {
            for w in path.windows(2) {
                // Consecutive tasks of a chain are linked (leads may let a successor start first).
                prop_assert!(p.dependency(w[0], w[1]).is_some());
            }
            for id in path {
                prop_assert!(s.task(*id).unwrap().is_critical());
            }
        }
        // Without constraints something is always critical, and the first chain ends on a task finishing last.
        prop_assert!(s.tasks().iter().any(|t| t.is_critical()));
        let again = p.schedule().unwrap();
        prop_assert_eq!(io::schedule_to_json(&s), io::schedule_to_json(&again));
        let text = io::to_json(&p);
        let back = io::from_json(&text).unwrap();
        prop_assert_eq!(io::to_json(&back), text);
        prop_assert_eq!(io::schedule_to_json(&back.schedule().unwrap()), io::schedule_to_json(&s));
    }

    /// Adding one back edge closes a cycle: rejected at insertion, and caught by cpm when forced in through JSON.
    #[test]
    fn back_edge_is_a_cycle(net in arb_dag(30)) {
        prop_assume!(!net.edges.is_empty());
        let (mut p, ids) = build(&net, false);
        let (a, b, ..) = net.edges[0];
        prop_assert!(p.link(ids[b], ids[a]).is_err());
        let mut doc: serde_json::Value = serde_json::from_str(&io::to_json(&p)).unwrap();
        doc["dependencies"].as_array_mut().unwrap().push(serde_json::json!({"predecessor": ids[b].0, "successor": ids[a].0}));
        let q = io::from_json(&doc.to_string()).unwrap();
        match q.schedule() {
            Err(ScheduleError::Cycle { tasks, .. }) => {
                // Consecutive tasks of the reported cycle are really linked, and it closes.
                for i in 0..tasks.len() {
                    let (x, y) = (tasks[i], tasks[(i + 1) % tasks.len()]);
                    prop_assert!(q.dependency(x, y).is_some(), "{:?} -> {:?}", x, y);
                }
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }

    /// Random JSON-shaped values never panic the loader.
    #[test]
    fn loader_never_panics(v in arb_json()) {
        let _ = io::from_json(&v.to_string());
        let mut doc = v;
        if let Some(o) = doc.as_object_mut() {
            o.insert("format".into(), "planix".into());
            o.insert("version".into(), 1.into());
        }
        let _ = io::from_json(&doc.to_string());
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z0-9:T-]{0,20}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("name".to_string()),
                    Just("tasks".to_string()),
                    Just("dependencies".to_string()),
                    Just("calendars".to_string()),
                    Just("schedule_from".to_string()),
                    Just("id".to_string()),
                    Just("duration".to_string()),
                    "[a-z]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
