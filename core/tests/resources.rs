#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Resources, costs, loading and leveling: hand-worked examples, PSPLIB instances with
//! published optima, and properties of leveled schedules.

use chrono::{NaiveDate, NaiveDateTime};
use planix::io::psplib;
use planix::io::psplib::level_psplib;
use planix::resources::{
    LevelError, LevelMode, LevelOptions, Period, costs, level, loading, overallocations,
};
use planix::{
    Assignment, CostRate, Dependency, Duration, Lag, LinkKind, ModelError, Project, Resource, Task,
};
use proptest::prelude::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, m, d).unwrap()
}

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(h, 0, 0).unwrap()
}

fn hours(h: i64) -> Duration {
    Duration::hours(h)
}

fn psplib_dir(set: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/psplib")
        .join(set)
}

/// Two tasks compete for one designer; leveling puts them in sequence and names the cause.
#[test]
fn leveling_sequences_a_shared_person_and_explains_the_delay() {
    // Mon 2027-01-04. Logo 2 days and Flyer 1 day both need Ana full time.
    let mut p = Project::new("Agency", at(1, 4, 8));
    let ana = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let logo = p
        .add_task(Task::new("Logo").with_duration(hours(16)))
        .unwrap();
    let flyer = p
        .add_task(Task::new("Flyer").with_duration(hours(8)))
        .unwrap();
    let print = p
        .add_task(Task::new("Print").with_duration(hours(8)))
        .unwrap();
    p.link(flyer, print).unwrap();
    p.assign(Assignment::new(logo, ana, 1.0)).unwrap();
    p.assign(Assignment::new(flyer, ana, 1.0)).unwrap();
    let cpm = p.schedule().unwrap();
    let before = overallocations(&p, &cpm);
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].tasks, vec![logo, flyer]);
    assert_eq!((before[0].from, before[0].to), (at(1, 4, 8), at(1, 4, 17)));
    assert_eq!(before[0].peak, 2.0);

    let l = level(&p, &LevelOptions::default()).unwrap();
    assert!(l.remaining.is_empty());
    // Best order: Flyer first (its successor Print waits for it), then Logo: 3 days.
    assert_eq!(l.schedule.task(flyer).unwrap().start(), at(1, 4, 8));
    assert_eq!(l.schedule.task(logo).unwrap().start(), at(1, 5, 8));
    assert_eq!(l.schedule.finish(), at(1, 6, 17));
    let d = l.delay(logo).unwrap();
    assert_eq!(d.delay, hours(8));
    assert_eq!(d.resource, Some(ana));
    assert_eq!(d.resource_name, "Ana");
    assert_eq!(d.blocked_by, vec![flyer]);
    assert!(matches!(
        l.schedule.task(logo).unwrap().driver(),
        planix::Driver::Leveling
    ));
    // The CPM schedule is a separate value and is not changed.
    assert_eq!(cpm.task(logo).unwrap().start(), at(1, 4, 8));
}

/// Hand-solved: capacity 2; A (3 days, 2 units) → D (1 day, 1 unit); B and C (2 days,
/// 1 unit each). Work = 6 + 2 + 2 + 1 = 11 unit-days over 2 units → at least 6 days,
/// reached by B ∥ C, then A, then D.
#[test]
fn hand_solved_instance_reaches_its_optimum() {
    let mut p = Project::new("Crew", at(1, 4, 8));
    let crew = p.add_resource(Resource::work("Crew", 2.0)).unwrap();
    let d = |n: i64| hours(8 * n);
    let a = p.add_task(Task::new("A").with_duration(d(3))).unwrap();
    let b = p.add_task(Task::new("B").with_duration(d(2))).unwrap();
    let c = p.add_task(Task::new("C").with_duration(d(2))).unwrap();
    let dd = p.add_task(Task::new("D").with_duration(d(1))).unwrap();
    p.link(a, dd).unwrap();
    for (t, u) in [(a, 2.0), (b, 1.0), (c, 1.0), (dd, 1.0)] {
        p.assign(Assignment::new(t, crew, u)).unwrap();
    }
    for mode in [LevelMode::Fast, LevelMode::Optimize] {
        let l = level(
            &p,
            &LevelOptions {
                mode,
                max_schedules: 2_000,
                ..LevelOptions::default()
            },
        )
        .unwrap();
        assert!(l.remaining.is_empty());
        // Six working days from Mon 4 Jan: Mon 11 Jan 17:00.
        assert_eq!(l.schedule.finish(), at(1, 11, 17), "{mode:?}");
    }
}

/// PSPLIB j301_1 has the proven optimum 43 (Demeulemeester & Herroelen, j30opt.sm).
#[test]
fn psplib_j301_1_reaches_the_published_optimum() {
    let text = std::fs::read_to_string(psplib_dir("j30").join("j301_1.sm")).unwrap();
    let inst = psplib::parse(&text).unwrap();
    let s = level_psplib(
        &inst,
        &LevelOptions {
            mode: LevelMode::Optimize,
            max_schedules: 20_000,
            ..LevelOptions::default()
        },
    )
    .unwrap();
    assert_eq!(s.critical_path, 38); // the file's own MPM-Time
    assert_eq!(s.makespan, 43);
}

/// The project path (Project → level → schedule) gives the kernel's makespan on PSPLIB.
#[test]
fn psplib_through_a_project_matches_the_kernel() {
    for name in ["j301_1", "j3010_5", "j3025_3"] {
        let text = std::fs::read_to_string(psplib_dir("j30").join(format!("{name}.sm"))).unwrap();
        let inst = psplib::parse(&text).unwrap();
        let direct = level_psplib(&inst, &LevelOptions::default()).unwrap();
        let p = inst.to_project(name).unwrap();
        let l = level(&p, &LevelOptions::default()).unwrap();
        assert!(l.remaining.is_empty(), "{name}");
        let hours = l
            .schedule
            .finish()
            .signed_duration_since(l.schedule.start())
            .num_hours();
        assert_eq!(hours, direct.makespan, "{name}");
    }
}

/// Every 24th instance of J30, J60, J90 and J120 (85 instances): fast mode is feasible
/// under the benchmark's own rules (checked here independently of the kernel).
#[test]
fn psplib_every_24th_instance_is_leveled_feasibly() {
    let mut files = Vec::new();
    for set in ["j30", "j60", "j90", "j120"] {
        let mut f: Vec<_> = std::fs::read_dir(psplib_dir(set))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "sm"))
            .collect();
        f.sort();
        files.extend(f.into_iter().step_by(24));
    }
    assert_eq!(files.len(), 85);
    for f in files {
        let inst = psplib::parse(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let s = level_psplib(&inst, &LevelOptions::default()).unwrap();
        let n = inst.durations.len();
        let mut end = 0;
        for i in 0..n {
            end = end.max(s.starts[i] + inst.durations[i]);
            for &j in &inst.successors[i] {
                assert!(s.starts[j] >= s.starts[i] + inst.durations[i], "{f:?}");
            }
        }
        assert_eq!(end, s.makespan);
        assert!(s.makespan >= s.critical_path);
        for (r, &cap) in inst.capacities.iter().enumerate() {
            for t in 0..end {
                let used: i32 = (0..n)
                    .filter(|&i| s.starts[i] <= t && t < s.starts[i] + inst.durations[i])
                    .map(|i| inst.requests[i][r])
                    .sum();
                assert!(used <= cap, "{f:?}: resource {r} at {t}");
            }
        }
    }
}

#[test]
fn a_demand_that_never_fits_is_a_typed_error_naming_task_and_resource() {
    let mut p = Project::new("p", at(1, 4, 8));
    let duo = p.add_resource(Resource::work("Duo", 2.0)).unwrap();
    let t = p
        .add_task(Task::new("Heavy lift").with_duration(hours(8)))
        .unwrap();
    p.assign(Assignment::new(t, duo, 3.0)).unwrap();
    let before = p.clone();
    match level(&p, &LevelOptions::default()) {
        Err(LevelError::NeverFits {
            task,
            name,
            resource,
            resource_name,
            units,
            available,
        }) => {
            assert_eq!((task, name.as_str()), (t, "Heavy lift"));
            assert_eq!((resource, resource_name.as_str()), (duo, "Duo"));
            assert_eq!((units, available), (3.0, 2.0));
        }
        other => panic!("expected NeverFits, got {other:?}"),
    }
    assert_eq!(p, before);
}

#[test]
fn bad_resources_and_assignments_are_rejected_and_change_nothing() {
    let mut p = Project::new("p", at(1, 4, 8));
    let t = p.add_task(Task::new("T").with_duration(hours(8))).unwrap();
    let ana = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let before = p.clone();
    assert!(matches!(
        p.add_resource(Resource::work("Neg", -1.0)),
        Err(ModelError::InvalidResource { .. })
    ));
    assert!(matches!(
        p.add_resource(Resource::work("NaN", f64::NAN)),
        Err(ModelError::InvalidResource { .. })
    ));
    assert!(matches!(
        p.add_resource(Resource::work("Rate", 1.0).with_rate(CostRate::new(-5.0))),
        Err(ModelError::InvalidResource { .. })
    ));
    assert!(matches!(
        p.add_resource(Resource::work("Leave", 1.0).with_leave(day(2, 2), day(2, 1))),
        Err(ModelError::InvalidResource { .. })
    ));
    assert!(matches!(
        p.assign(Assignment::new(t, planix::ResourceId(99), 1.0)),
        Err(ModelError::UnknownResource(_))
    ));
    assert!(matches!(
        p.assign(Assignment::new(planix::TaskId(99), ana, 1.0)),
        Err(ModelError::UnknownTask(_))
    ));
    assert!(matches!(
        p.assign(Assignment::new(t, ana, f64::INFINITY)),
        Err(ModelError::InvalidAssignment { .. })
    ));
    assert!(matches!(
        p.edit_task(t, |t| t.priority = 1001),
        Err(ModelError::InvalidPriority { .. })
    ));
    assert_eq!(p, before);
}

/// Hand-worked costs: Ana 100/h until 2027-01-06, 120/h from then, 50 per use; Ben 80/h
/// with 2 h overtime at 120/h; 10 licences at 30 each; travel 400; a fixed cost of 250.
#[test]
fn costs_per_task_resource_summary_and_time_phased() {
    let mut p = Project::new("p", at(1, 4, 8));
    let ana = p
        .add_resource(
            Resource::work("Ana", 1.0)
                .with_rate(CostRate {
                    from: None,
                    standard: 100.0,
                    overtime: 150.0,
                    per_use: 50.0,
                })
                .with_rate(CostRate {
                    from: Some(day(1, 6)),
                    standard: 120.0,
                    overtime: 180.0,
                    per_use: 50.0,
                }),
        )
        .unwrap();
    let ben = p
        .add_resource(Resource::work("Ben", 1.0).with_rate(CostRate {
            from: None,
            standard: 80.0,
            overtime: 120.0,
            per_use: 0.0,
        }))
        .unwrap();
    let lic = p
        .add_resource(Resource::material("Licence", "seat").with_rate(CostRate::new(30.0)))
        .unwrap();
    let travel = p.add_resource(Resource::cost("Travel")).unwrap();
    let phase = p.add_task(Task::new("Phase")).unwrap();
    // Build: Mon–Wed (24 h), Ana full time: Mon+Tue 16 h × 100 + Wed 8 h × 120 + 50 = 2,610.
    let build = p
        .add_task(
            Task::new("Build")
                .with_duration(hours(24))
                .with_parent(phase)
                .with_cost(250.0, 0.0),
        )
        .unwrap();
    // Test: Thu (8 h), Ben half time = 4 h, of which 2 h overtime: 2 × 80 + 2 × 120 = 400.
    let test = p
        .add_task(Task::new("Test").with_duration(hours(8)).with_parent(phase))
        .unwrap();
    p.link(build, test).unwrap();
    p.assign(Assignment::new(build, ana, 1.0)).unwrap();
    p.assign(Assignment::new(build, lic, 10.0)).unwrap();
    p.assign(Assignment {
        overtime: hours(2),
        ..Assignment::new(test, ben, 0.5)
    })
    .unwrap();
    p.assign(Assignment::cost(test, travel, 400.0)).unwrap();
    let s = p.schedule().unwrap();
    let c = costs(&p, &s);
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-9, "{a} != {b}");
    close(c.task(build).unwrap().resources, 2_610.0 + 300.0);
    close(c.task(build).unwrap().total, 2_610.0 + 300.0 + 250.0);
    close(c.task(test).unwrap().total, 400.0 + 400.0);
    close(c.task(phase).unwrap().total, 3_160.0 + 800.0);
    close(c.task(phase).unwrap().work_hours, 24.0 + 4.0);
    close(c.total, 3_960.0);
    close(c.resource(ana).unwrap().cost, 2_610.0);
    close(c.resource(ana).unwrap().amount, 24.0);
    close(c.resource(lic).unwrap().amount, 10.0);
    // Per day: Mon 800 + 50 per use + a third of (300 + 250) = 1,033.33…; Tue 983.33…;
    // Wed 960 + 183.33…; Thu 400 + 400.
    let daily = c.timephased(Period::Day);
    assert_eq!(daily.len(), 4);
    close(daily[0].cost, 850.0 + 550.0 / 3.0);
    close(daily[1].cost, 800.0 + 550.0 / 3.0);
    close(daily[2].cost, 960.0 + 550.0 / 3.0);
    close(daily[3].cost, 800.0);
    close(daily[3].cumulative, 3_960.0);
    let weekly = c.timephased(Period::Week);
    assert_eq!(weekly.len(), 1);
    assert_eq!(weekly[0].period, day(1, 4));
    close(weekly[0].cost, 3_960.0);
}

/// A person's leave blocks leveling: the task waits until she is back.
#[test]
fn leave_is_respected_by_leveling_and_shows_in_loading() {
    let mut p = Project::new("p", at(1, 4, 8));
    let ana = p
        .add_resource(Resource::work("Ana", 1.0).with_leave(day(1, 5), day(1, 6)))
        .unwrap();
    let t = p
        .add_task(Task::new("Review").with_duration(hours(16)))
        .unwrap();
    p.assign(Assignment::new(t, ana, 1.0)).unwrap();
    let cpm = p.schedule().unwrap();
    // Mon–Tue as scheduled collides with the leave on Tuesday.
    let over = overallocations(&p, &cpm);
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].available, 0.0);
    let l = level(&p, &LevelOptions::default()).unwrap();
    assert!(l.remaining.is_empty(), "{:?}", l.remaining);
    assert_eq!(l.schedule.task(t).unwrap().start(), at(1, 7, 8));
    // Week of 4 Jan: 5 days − 2 days of leave = 24 h available; 16 h booked.
    let rows = loading(&p, &l.schedule, Period::Week);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].demand_hours, rows[0].available_hours),
        (16.0, 24.0)
    );
    assert!(!rows[0].overallocated);
    let rows = loading(&p, &cpm, Period::Day);
    assert_eq!(rows[1].period, day(1, 5));
    assert_eq!(rows[1].available_hours, 0.0);
    assert!(rows[1].overallocated);
}

#[test]
fn availability_changes_over_date_ranges() {
    // Two people in January's first week, one from 11 Jan on.
    let mut p = Project::new("p", at(1, 4, 8));
    let team = p
        .add_resource(Resource::work("Team", 1.0).with_availability(day(1, 4), day(1, 8), 2.0))
        .unwrap();
    let a = p.add_task(Task::new("A").with_duration(hours(40))).unwrap();
    let b = p.add_task(Task::new("B").with_duration(hours(40))).unwrap();
    let c = p.add_task(Task::new("C").with_duration(hours(8))).unwrap();
    for t in [a, b, c] {
        p.assign(Assignment::new(t, team, 1.0)).unwrap();
    }
    let l = level(&p, &LevelOptions::default()).unwrap();
    assert!(l.remaining.is_empty());
    // A and B fill the first week with two people; C runs alone on Monday 11th.
    assert_eq!(l.schedule.finish(), at(1, 11, 17));
}

#[test]
fn within_float_never_moves_the_finish_and_reports_what_is_left() {
    let mut p = Project::new("p", at(1, 4, 8));
    let ana = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let long = p
        .add_task(Task::new("Long").with_duration(hours(40)))
        .unwrap();
    let short = p
        .add_task(Task::new("Short").with_duration(hours(8)))
        .unwrap();
    let other = p
        .add_task(Task::new("Other").with_duration(hours(32)))
        .unwrap();
    p.assign(Assignment::new(short, ana, 1.0)).unwrap();
    p.assign(Assignment::new(other, ana, 1.0)).unwrap();
    let _ = long;
    let cpm = p.schedule().unwrap();
    let opts = LevelOptions {
        within_float: true,
        ..LevelOptions::default()
    };
    let l = level(&p, &opts).unwrap();
    // Short (1 day, float 4) and Other (4 days, float 1) fit one after the other within
    // the week that Long sets, and the finish stays.
    assert_eq!(l.schedule.finish(), cpm.finish());
    assert!(l.remaining.is_empty());
    let (s, o) = (
        l.schedule.task(short).unwrap(),
        l.schedule.task(other).unwrap(),
    );
    assert!(s.finish() <= o.start() || o.finish() <= s.start());
    // With only 2 days of float for both, one conflict cannot be resolved.
    p.edit_task(short, |t| t.duration = hours(24)).unwrap();
    p.edit_task(other, |t| t.duration = hours(24)).unwrap();
    let l = level(&p, &opts).unwrap();
    assert_eq!(l.schedule.finish(), cpm.finish());
    assert_eq!(l.remaining.len(), 1);
}

#[test]
fn do_not_level_and_priority() {
    let mut p = Project::new("p", at(1, 4, 8));
    let ana = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let low = p
        .add_task(Task::new("Low").with_duration(hours(8)).with_priority(100))
        .unwrap();
    let high = p
        .add_task(Task::new("High").with_duration(hours(8)).with_priority(900))
        .unwrap();
    p.assign(Assignment::new(low, ana, 1.0)).unwrap();
    p.assign(Assignment::new(high, ana, 1.0)).unwrap();
    let l = level(&p, &LevelOptions::default()).unwrap();
    assert_eq!(l.schedule.task(high).unwrap().start(), at(1, 4, 8));
    assert_eq!(l.schedule.task(low).unwrap().start(), at(1, 5, 8));
    // "Do not level" keeps both at their CPM dates; the conflict remains, reported.
    p.edit_task(low, |t| t.priority = 1000).unwrap();
    p.edit_task(high, |t| t.priority = 1000).unwrap();
    let l = level(&p, &LevelOptions::default()).unwrap();
    assert_eq!(l.schedule.task(low).unwrap().start(), at(1, 4, 8));
    assert_eq!(l.remaining.len(), 1);
    assert!(l.delays.is_empty());
}

#[test]
fn resources_and_assignments_round_trip_through_json() {
    let mut p = Project::new("p", at(1, 4, 8));
    let ana = p
        .add_resource(
            Resource::work("Ana", 0.8)
                .with_rate(CostRate::new(95.0))
                .with_leave(day(3, 1), day(3, 5))
                .with_availability(day(4, 1), day(4, 30), 0.5),
        )
        .unwrap();
    let m = p
        .add_resource(Resource::material("Concrete", "m³"))
        .unwrap();
    let t = p
        .add_task(
            Task::new("Pour")
                .with_duration(hours(8))
                .effort_driven()
                .with_priority(700),
        )
        .unwrap();
    p.assign(Assignment::new(t, ana, 0.5)).unwrap();
    p.assign(Assignment::new(t, m, 12.5)).unwrap();
    let json = planix::io::to_json(&p);
    let back = planix::io::from_json(&json).unwrap();
    assert_eq!(back, p);
    assert_eq!(planix::io::to_json(&back), json);
    // A new resource after loading gets a fresh id.
    let mut back = back;
    let next = back.add_resource(Resource::cost("Fees")).unwrap();
    assert_eq!(next.get(), 3);
}

#[test]
fn removing_a_task_or_resource_removes_its_assignments() {
    let mut p = Project::new("p", at(1, 4, 8));
    let ana = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let ben = p.add_resource(Resource::work("Ben", 1.0)).unwrap();
    let t = p.add_task(Task::new("T").with_duration(hours(8))).unwrap();
    let u = p.add_task(Task::new("U").with_duration(hours(8))).unwrap();
    p.assign(Assignment::new(t, ana, 1.0)).unwrap();
    p.assign(Assignment::new(u, ben, 1.0)).unwrap();
    p.remove_task(t).unwrap();
    p.remove_resource(ben).unwrap();
    assert_eq!(p.assignments().count(), 0);
}

// ----- properties -----

#[derive(Debug, Clone)]
struct Net {
    durations: Vec<i64>,
    links: Vec<(usize, usize, bool, i64)>, // (pred, succ, start-to-start?, lag hours)
    caps: Vec<f64>,
    demand: Vec<Vec<(usize, f64)>>,
}

fn net() -> impl Strategy<Value = Net> {
    (2usize..14).prop_flat_map(|n| {
        let durations = prop::collection::vec(0i64..24, n);
        let links = prop::collection::vec((0..n, 0..n, any::<bool>(), -4i64..8), 0..2 * n);
        let caps = prop::collection::vec(prop::sample::select(vec![1.0, 1.5, 2.0, 3.0]), 1..3);
        let demand = prop::collection::vec(
            prop::collection::vec((0usize..2, prop::sample::select(vec![0.5, 1.0, 1.5])), 0..3),
            n,
        );
        (durations, links, caps, demand).prop_map(|(durations, links, caps, demand)| Net {
            links: links
                .into_iter()
                .filter(|l| l.0 < l.1)
                .map(|(a, b, ss, lag)| (a, b, ss, if ss { lag.max(0) } else { lag }))
                .collect(),
            durations,
            caps,
            demand,
        })
    })
}

fn build(net: &Net) -> (Project, Vec<planix::TaskId>) {
    let mut p = Project::new("prop", at(1, 4, 8));
    let res: Vec<_> = net
        .caps
        .iter()
        .enumerate()
        .map(|(k, &c)| p.add_resource(Resource::work(format!("R{k}"), c)).unwrap())
        .collect();
    let ids: Vec<_> = net
        .durations
        .iter()
        .enumerate()
        .map(|(k, &d)| {
            p.add_task(Task::new(format!("T{k}")).with_duration(hours(d)))
                .unwrap()
        })
        .collect();
    for &(a, b, ss, lag) in &net.links {
        let kind = if ss { LinkKind::Ss } else { LinkKind::Fs };
        let dep = Dependency::new(ids[a], ids[b])
            .with_kind(kind)
            .with_lag(Lag::Working(hours(lag)));
        let _ = p.add_dependency(dep);
    }
    for (k, dem) in net.demand.iter().enumerate() {
        for &(r, u) in dem {
            if let Some(&rid) = res.get(r) {
                let u = u.min(net.caps[r]);
                p.assign(Assignment::new(ids[k], rid, u)).unwrap();
            }
        }
    }
    (p, ids)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A leveled schedule never exceeds any capacity, keeps every link, never starts a
    /// task before its CPM early start, and is the same on every run.
    #[test]
    fn leveled_schedules_are_feasible_and_deterministic(net in net(), optimize in any::<bool>()) {
        let (p, ids) = build(&net);
        let cpm = p.schedule().unwrap();
        let opts = LevelOptions {
            mode: if optimize { LevelMode::Optimize } else { LevelMode::Fast },
            max_schedules: 300,
            ..LevelOptions::default()
        };
        let l = level(&p, &opts).unwrap();
        prop_assert!(l.remaining.is_empty(), "{:?}", l.remaining);
        prop_assert!(overallocations(&p, &l.schedule).is_empty());
        for &t in &ids {
            prop_assert!(l.schedule.task(t).unwrap().start() >= cpm.task(t).unwrap().early_start());
        }
        for d in p.dependencies() {
            let a = l.schedule.task(d.predecessor).unwrap();
            let b = l.schedule.task(d.successor).unwrap();
            let cal = p.project_calendar();
            let lag = match d.lag { Lag::Working(x) => x.as_minutes(), _ => 0 };
            let from = if d.kind == LinkKind::Ss { a.start() } else { a.finish() };
            // Working minutes from the predecessor's date to the successor's start ≥ lag.
            let mut gap = 0i64;
            let (lo, hi, sign) = if b.start() >= from { (from, b.start(), 1) } else { (b.start(), from, -1) };
            for day in lo.date().iter_days().take_while(|x| *x <= hi.date()) {
                for iv in cal.intervals_on(day) {
                    let s = day.and_hms_opt(0, 0, 0).unwrap() + chrono::TimeDelta::minutes(i64::from(iv.start()));
                    let e = day.and_hms_opt(0, 0, 0).unwrap() + chrono::TimeDelta::minutes(i64::from(iv.end()));
                    let (s, e) = (s.max(lo), e.min(hi));
                    if e > s { gap += (e - s).num_minutes(); }
                }
            }
            prop_assert!(sign * gap >= lag, "link {:?} broken: gap {} < lag {}", d, sign * gap, lag);
        }
        prop_assert_eq!(level(&p, &opts).unwrap(), l);
    }

    /// An adopted leveling is the plan: the CPM of the adopting project is the leveled
    /// schedule (every date and float), it survives the JSON and MSPDI round trips, a
    /// second leveling of the adopted plan finds the same result, and clearing gives the
    /// CPM schedule back.
    #[test]
    fn adopted_leveling_reproduces_the_leveled_schedule(net in net(), optimize in any::<bool>()) {
        let (mut p, _) = build(&net);
        let cpm = p.schedule().unwrap();
        let opts = LevelOptions {
            mode: if optimize { LevelMode::Optimize } else { LevelMode::Fast },
            max_schedules: 300,
            ..LevelOptions::default()
        };
        let l = level(&p, &opts).unwrap();
        p.apply_leveling(&l).unwrap();
        let adopted = p.schedule().unwrap();
        prop_assert_eq!(&adopted.clone().with_revision(0), &l.schedule.clone().with_revision(0));
        let back = planix::io::from_json(&planix::io::to_json(&p)).unwrap();
        prop_assert_eq!(&back, &p);
        let xml = planix::io::mspdi::to_mspdi(&p).unwrap();
        let read = planix::io::mspdi::from_mspdi(&xml).unwrap();
        let rs = read.schedule().unwrap();
        for t in adopted.tasks() {
            let r = rs.task(t.id()).unwrap();
            prop_assert_eq!((r.start(), r.finish()), (t.start(), t.finish()));
        }
        let again = level(&p, &opts).unwrap();
        prop_assert_eq!(again.schedule.with_revision(0), l.schedule.clone().with_revision(0));
        p.clear_leveling();
        prop_assert_eq!(p.schedule().unwrap().with_revision(0), cpm.with_revision(0));
    }

    /// The delay records count the tasks that held the resource, name at most
    /// BLOCKED_BY of them, and `Leveled::holders` gives the full list with that count.
    #[test]
    fn delay_records_are_bounded_and_holders_lists_them_all(net in net()) {
        let (p, _) = build(&net);
        let l = level(&p, &LevelOptions::default()).unwrap();
        for d in &l.delays {
            prop_assert!(d.blocked_by.len() <= planix::resources::BLOCKED_BY);
            let all = l.holders(&p, d.task);
            if d.resource.is_some() {
                prop_assert_eq!(all.len(), d.holders, "{:?}", d);
                prop_assert!(d.blocked_by.iter().all(|b| all.contains(b)), "{:?} {:?}", d, all);
            } else {
                prop_assert!(all.is_empty());
            }
        }
    }

    /// Leveling within float never moves the project finish.
    #[test]
    fn within_float_keeps_the_finish(net in net()) {
        let (p, _) = build(&net);
        let cpm = p.schedule().unwrap();
        let l = level(&p, &LevelOptions { within_float: true, ..LevelOptions::default() }).unwrap();
        prop_assert_eq!(l.schedule.finish(), cpm.finish());
    }
}

/// Summaries, FF/SF links with leads and lags, a holiday, elapsed lags and a task on its
/// own 24-hour calendar: leveling still ends without over-allocation, never pulls a task
/// before its CPM early start, and keeps the task calendar's working time.
#[test]
fn leveling_with_summaries_calendars_and_every_link_type() {
    use planix::{Calendar, Constraint};
    let mut p = Project::new("mixed", at(1, 4, 8));
    let cal = p
        .add_calendar(
            Calendar::standard()
                .with_holiday("Holiday", day(1, 6))
                .unwrap(),
        )
        .unwrap();
    p.set_project_calendar(cal).unwrap();
    let h24 = p.add_calendar(Calendar::twenty_four_hours()).unwrap();
    let ana = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let crew = p.add_resource(Resource::work("Crew", 2.0)).unwrap();
    let phase = p.add_task(Task::new("Phase")).unwrap();
    let a = p
        .add_task(Task::new("A").with_duration(hours(16)).with_parent(phase))
        .unwrap();
    let b = p
        .add_task(Task::new("B").with_duration(hours(24)).with_parent(phase))
        .unwrap();
    let c = p.add_task(Task::new("C").with_duration(hours(8))).unwrap();
    let d = p
        .add_task(
            Task::new("D (24 h)")
                .with_duration(hours(24))
                .with_calendar(h24),
        )
        .unwrap();
    let e = p
        .add_task(
            Task::new("E")
                .with_duration(hours(8))
                .with_constraint(Constraint::Snet(at(1, 5, 8))),
        )
        .unwrap();
    let f = p.add_task(Task::new("F").with_duration(hours(16))).unwrap();
    p.add_dependency(
        Dependency::new(a, b)
            .with_kind(LinkKind::Ff)
            .with_lag(Lag::Working(hours(4))),
    )
    .unwrap();
    p.add_dependency(Dependency::new(phase, c)).unwrap();
    p.add_dependency(
        Dependency::new(c, d)
            .with_kind(LinkKind::Sf)
            .with_lag(Lag::Working(hours(12))),
    )
    .unwrap();
    p.add_dependency(Dependency::new(e, f).with_lag(Lag::Elapsed(hours(36))))
        .unwrap();
    p.add_dependency(
        Dependency::new(a, f)
            .with_kind(LinkKind::Ss)
            .with_lag(Lag::Working(hours(-4))),
    )
    .unwrap();
    for (t, r, u) in [
        (a, ana, 1.0),
        (b, crew, 2.0),
        (c, ana, 1.0),
        (d, crew, 1.0),
        (e, ana, 1.0),
        (f, crew, 1.5),
    ] {
        p.assign(Assignment::new(t, r, u)).unwrap();
    }
    let cpm = p.schedule().unwrap();
    assert!(!overallocations(&p, &cpm).is_empty());
    for mode in [LevelMode::Fast, LevelMode::Optimize] {
        let opts = LevelOptions {
            mode,
            max_schedules: 2_000,
            ..LevelOptions::default()
        };
        let l = level(&p, &opts).unwrap();
        assert!(l.remaining.is_empty(), "{mode:?}: {:?}", l.remaining);
        for t in [a, b, c, d, e, f] {
            let (lt, ct) = (l.schedule.task(t).unwrap(), cpm.task(t).unwrap());
            assert!(
                lt.start() >= ct.early_start(),
                "{mode:?}: {t} moved earlier"
            );
            assert_eq!(lt.duration(), ct.duration());
        }
        // The 24-hour task runs 24 elapsed hours wherever it lands.
        let dt = l.schedule.task(d).unwrap();
        assert_eq!((dt.finish() - dt.start()).num_hours(), 24);
        // Nothing runs on the holiday for the project calendar's tasks.
        for t in [a, b, c, e, f] {
            let st = l.schedule.task(t).unwrap();
            assert!(
                st.start().date() != day(1, 6) && st.finish().date() != day(1, 6)
                    || st.start().date() < day(1, 6) && st.finish().date() > day(1, 6)
            );
        }
        assert_eq!(level(&p, &opts).unwrap(), l);
        // Adopted, the plan's CPM is the leveled schedule, calendars and lags included.
        let mut adopted = p.clone();
        adopted.apply_leveling(&l).unwrap();
        assert!(adopted.tasks().any(|t| !t.leveling_delay.is_zero()));
        assert_eq!(
            adopted.schedule().unwrap().with_revision(0),
            l.schedule.clone().with_revision(0)
        );
    }
}

/// Applying a leveling result to a project edited since is a typed error naming both
/// revisions, and changes nothing; so is a result naming a task the project lacks.
#[test]
fn a_stale_or_foreign_leveling_result_is_refused_and_changes_nothing() {
    let mut p = Project::new("stale", at(1, 4, 8));
    let ana = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let a = p.add_task(Task::new("A").with_duration(hours(8))).unwrap();
    let b = p.add_task(Task::new("B").with_duration(hours(8))).unwrap();
    p.assign(Assignment::new(a, ana, 1.0)).unwrap();
    p.assign(Assignment::new(b, ana, 1.0)).unwrap();
    let l = level(&p, &LevelOptions::default()).unwrap();
    p.add_task(Task::new("C").with_duration(hours(8))).unwrap();
    let before = p.clone();
    let rev = p.revision();
    let e = p.apply_leveling(&l).unwrap_err();
    assert!(
        matches!(e, ModelError::StaleResult { computed, current, .. } if computed == rev - 1 && current == rev),
        "{e:?}"
    );
    assert!(e.to_string().contains("compute it again"), "{e}");
    assert_eq!(p, before);
    assert_eq!(p.revision(), rev);
    // A result from another project whose delay names a task this one lacks.
    let mut other = Project::new("other", at(1, 4, 8));
    other.add_task(Task::new("X")).unwrap();
    let mut foreign = level(&other, &LevelOptions::default()).unwrap();
    let mut d = l.delays[0].clone();
    d.task = planix::TaskId(99);
    foreign.delays.push(d);
    let e = other.apply_leveling(&foreign).unwrap_err();
    assert_eq!(e, ModelError::UnknownTask(planix::TaskId(99)));
    assert!(other.tasks().all(|t| t.leveling_delay.is_zero()));
}

/// MSPDI's LevelingDelay is read (elapsed days, and working days converted day for day)
/// and moves the task; written back as elapsed tenths of minutes.
#[test]
fn mspdi_leveling_delay_is_read_and_written() {
    let xml = |delay: i64, fmt: i64| {
        format!(
            r#"<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2027-01-04T08:00:00</StartDate><MinutesPerDay>480</MinutesPerDay><Tasks>
<Task><UID>1</UID><ID>1</ID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
<Task><UID>2</UID><ID>2</ID><Name>B</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration><LevelingDelay>{delay}</LevelingDelay><LevelingDelayFormat>{fmt}</LevelingDelayFormat></Task>
</Tasks></Project>"#
        )
    };
    // 2 elapsed days (28,800 tenths of minutes × 10): Monday 08:00 → Wednesday 08:00.
    let p = planix::io::mspdi::from_mspdi(&xml(2 * 1440 * 10, 8)).unwrap();
    let b = planix::TaskId(2);
    assert_eq!(p.task(b).unwrap().leveling_delay, Duration::minutes(2880));
    let s = p.schedule().unwrap();
    assert_eq!(s.task(b).unwrap().start(), at(1, 6, 8));
    // 1 working day (480 min) becomes one elapsed day: Tuesday 08:00.
    let p1 = planix::io::mspdi::from_mspdi(&xml(480 * 10, 7)).unwrap();
    assert_eq!(p1.task(b).unwrap().leveling_delay, Duration::minutes(1440));
    assert_eq!(p1.schedule().unwrap().task(b).unwrap().start(), at(1, 5, 8));
    let out = planix::io::mspdi::to_mspdi(&p).unwrap();
    assert!(
        out.contains(
            "<LevelingDelay>28800</LevelingDelay><LevelingDelayFormat>8</LevelingDelayFormat>"
        ),
        "{out}"
    );
    assert_eq!(out.matches("<LevelingDelay>").count(), 1);
    // Bad values are typed errors naming the task.
    let e = planix::io::mspdi::from_mspdi(&xml(1, 19))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("LevelingDelayFormat 19") && e.contains('2'),
        "{e}"
    );
    let e = planix::io::mspdi::from_mspdi(&xml(i64::MAX / 2, 8))
        .unwrap_err()
        .to_string();
    assert!(e.contains("out of range"), "{e}");
}

/// One designer, 300 one-day jobs: the last job waits for 299 others, yet its record
/// names only the last BLOCKED_BY to finish (the count says 299), the whole explanation
/// stays a few hundred bytes per delayed task, and `holders` lists all 299 on request.
#[test]
fn the_explanation_of_a_heavily_delayed_task_stays_bounded() {
    let mut p = Project::new("queue", at(1, 4, 8));
    let ana = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let ids: Vec<_> = (0..300)
        .map(|k| {
            let t = p
                .add_task(Task::new(format!("Job {k}")).with_duration(hours(8)))
                .unwrap();
            p.assign(Assignment::new(t, ana, 1.0)).unwrap();
            t
        })
        .collect();
    let l = level(&p, &LevelOptions::default()).unwrap();
    assert!(l.remaining.is_empty());
    assert_eq!(l.delays.len(), 299);
    let last = l.delays.iter().max_by_key(|d| d.delay).unwrap();
    // 299 working days of waiting on the standard calendar (8 h a day).
    assert_eq!(last.delay, hours(8 * 299));
    assert_eq!(last.holders, 299);
    assert_eq!(last.blocked_by.len(), planix::resources::BLOCKED_BY);
    // The last five to finish before it: the five jobs of the five days before.
    let start = l.schedule.task(last.task).unwrap().start();
    for b in &last.blocked_by {
        let f = l.schedule.task(*b).unwrap().finish();
        assert!(
            f <= start && (start - f).num_days() <= 7,
            "{b:?} finished {f}"
        );
    }
    let all = l.holders(&p, last.task);
    assert_eq!(all.len(), 299);
    assert!(!all.contains(&last.task));
    assert!(all.iter().all(|t| ids.contains(t)));
    let json = serde_json::to_string(&l.delays).unwrap();
    assert!(
        json.len() < 299 * 300,
        "{} bytes for 299 records",
        json.len()
    );
    // Not delayed, or not for a resource: nothing.
    let first = ids.iter().find(|t| l.delay(**t).is_none()).unwrap();
    assert!(l.holders(&p, *first).is_empty());
}
