#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Portfolios: cross-project links, a shared pool with roles, leveling across projects by
//! priority, adoption into every project, Monte Carlo, rollups, the document, bad input.
//! Dates are hand-worked on the standard calendar (Mon–Fri 08:00–12:00, 13:00–17:00).

mod common;
use common::dt;
use planix::portfolio::{CrossLink, PoolResource, Portfolio, PortfolioError, TaskRef};
use planix::resources::LevelOptions;
use planix::simulate::SimulationOptions;
use planix::{Assignment, Distribution, Duration, Estimate, Project, Resource, Task, TaskId};

fn days(n: i64) -> Duration {
    Duration::minutes(480 * n)
}

/// A client project: `Design` (n days) then a `Handover` milestone; `who` does the design.
fn client(name: &str, n: i64, who: &str) -> (Project, TaskId, TaskId) {
    let mut p = Project::new(name, dt("2027-01-04T08:00"));
    let r = p.add_resource(Resource::work(who, 1.0)).unwrap();
    let d = p
        .add_task(
            Task::new("Design")
                .with_duration(days(n))
                .with_estimate(Estimate::new(
                    days(n - 1),
                    days(n),
                    days(n + 3),
                    Distribution::PERT,
                )),
        )
        .unwrap();
    let h = p.add_task(Task::new("Handover").as_milestone()).unwrap();
    p.link(d, h).unwrap();
    p.assign(Assignment::new(d, r, 1.0)).unwrap();
    (p, d, h)
}

fn agency() -> (Portfolio, TaskId, TaskId) {
    let mut pf = Portfolio::new("Agency");
    pf.add_pool_resource(PoolResource::new("Ana", 1.0)).unwrap();
    let (a, _, ah) = client("Acme", 2, "Ana");
    let (b, bd, _) = client("Globex", 3, "Ana");
    pf.add_project("acme", a, 800).unwrap();
    pf.add_project("globex", b, 500).unwrap();
    (pf, ah, bd)
}

#[test]
fn a_cross_project_link_moves_the_waiting_project() {
    let (mut pf, ah, bd) = agency();
    // Globex's design waits for Acme's handover.
    pf.link(CrossLink {
        predecessor: TaskRef::new("acme", ah),
        successor: TaskRef::new("globex", bd),
        kind: planix::LinkKind::Fs,
        lag: Duration::ZERO,
    })
    .unwrap();
    let s = pf.schedule().unwrap();
    // Acme: Mon–Tue; Globex: Wed–Fri, without any resource leveling.
    assert_eq!(s.schedule("acme").unwrap().finish(), dt("2027-01-05T17:00"));
    let g = s.schedule("globex").unwrap();
    assert_eq!(g.task(bd).unwrap().start(), dt("2027-01-06T08:00"));
    assert_eq!(g.finish(), dt("2027-01-08T17:00"));
    assert_eq!(s.finish(), dt("2027-01-08T17:00"));
    // Alone, Globex would start on Monday.
    assert_eq!(
        pf.project("globex").unwrap().schedule().unwrap().finish(),
        dt("2027-01-06T17:00")
    );
}

#[test]
fn leveling_across_projects_follows_project_priority_names_the_competitor_and_is_adopted() {
    let (mut pf, _, bd) = agency();
    let l = pf.level(&LevelOptions::default()).unwrap();
    assert_eq!(l.schedule("acme").unwrap().finish(), dt("2027-01-05T17:00"));
    assert_eq!(
        l.schedule("globex").unwrap().task(bd).unwrap().start(),
        dt("2027-01-06T08:00")
    );
    assert_eq!(l.delays.len(), 1);
    let d = &l.delays[0];
    assert_eq!(d.task, TaskRef::new("globex", bd));
    assert_eq!(d.resource_name, "Ana");
    assert_eq!(d.competing_projects, vec!["acme".to_string()]);
    assert_eq!(d.delay, days(2));
    // Priorities swapped, Acme waits instead.
    let mut swapped = pf.clone();
    swapped.member_mut("globex").unwrap().priority = 900;
    let l2 = swapped.level(&LevelOptions::default()).unwrap();
    assert_eq!(l2.delays[0].task.project, "acme");
    // Adopted: each project's own schedule is its leveled schedule.
    pf.apply_leveling(&l).unwrap();
    for key in ["acme", "globex"] {
        let own = pf.project(key).unwrap().schedule().unwrap();
        assert_eq!(
            own.with_revision(0),
            l.schedule(key).unwrap().clone().with_revision(0),
            "{key}"
        );
    }
    // Stale: the result no longer applies once a project changed.
    let l = pf.level(&LevelOptions::default()).unwrap();
    pf.member_mut("acme")
        .unwrap()
        .project
        .add_task(Task::new("Extra"))
        .unwrap();
    let before = pf.clone();
    assert!(matches!(
        pf.apply_leveling(&l),
        Err(PortfolioError::Stale { .. })
    ));
    assert_eq!(pf, before);
}

#[test]
fn a_role_is_any_pool_resource_with_it() {
    let mut pf = Portfolio::new("Roles");
    pf.add_pool_resource(PoolResource::new("Ana", 1.0).with_role("developer"))
        .unwrap();
    pf.add_pool_resource(PoolResource::new("Ben", 1.0).with_role("developer"))
        .unwrap();
    let mut p = Project::new("Shop", dt("2027-01-04T08:00"));
    let dev = p
        .add_resource(Resource::work("role:developer", 1.0))
        .unwrap();
    let mut ids = vec![];
    for k in 0..3 {
        let t = p
            .add_task(Task::new(format!("Feature {k}")).with_duration(days(1)))
            .unwrap();
        p.assign(Assignment::new(t, dev, 1.0)).unwrap();
        ids.push(t);
    }
    pf.add_project("shop", p.clone(), 500).unwrap();
    let l = pf.level(&LevelOptions::default()).unwrap();
    let s = l.schedule("shop").unwrap();
    // Two developers: two features on Monday, the third on Tuesday.
    let monday = ids
        .iter()
        .filter(|&&t| s.task(t).unwrap().start() == dt("2027-01-04T08:00"))
        .count();
    assert_eq!(monday, 2);
    assert_eq!(s.finish(), dt("2027-01-05T17:00"));
    // A role nobody has.
    let mut q = p.clone();
    let qa = q.add_resource(Resource::work("role:tester", 1.0)).unwrap();
    q.assign(Assignment::new(ids[0], qa, 1.0)).unwrap();
    let mut bad = Portfolio::new("Bad");
    bad.add_pool_resource(PoolResource::new("Ana", 1.0).with_role("developer"))
        .unwrap();
    bad.add_project("shop", q, 500).unwrap();
    match bad.level(&LevelOptions::default()) {
        Err(PortfolioError::UnknownRole {
            project,
            task,
            role,
            ..
        }) => {
            assert_eq!(
                (project.as_str(), task, role.as_str()),
                ("shop", ids[0], "tester")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_input_is_typed_and_changes_nothing() {
    let (mut pf, ah, bd) = agency();
    let before = pf.clone();
    let bad_project = pf.link(CrossLink {
        predecessor: TaskRef::new("initech", ah),
        successor: TaskRef::new("globex", bd),
        kind: planix::LinkKind::Fs,
        lag: Duration::ZERO,
    });
    assert!(
        matches!(bad_project, Err(PortfolioError::UnknownProject { ref key, .. }) if key == "initech")
    );
    let bad_task = pf.link(CrossLink {
        predecessor: TaskRef::new("acme", TaskId(99)),
        successor: TaskRef::new("globex", bd),
        kind: planix::LinkKind::Fs,
        lag: Duration::ZERO,
    });
    assert!(matches!(
        bad_task,
        Err(PortfolioError::UnknownTask {
            task: TaskId(99),
            ..
        })
    ));
    assert!(matches!(
        pf.add_project("acme", Project::new("x", dt("2027-01-04T08:00")), 1),
        Err(PortfolioError::DuplicateProject(_))
    ));
    assert!(matches!(
        pf.add_pool_resource(PoolResource::new("Nobody", 0.0)),
        Err(PortfolioError::NoCapacity { .. })
    ));
    // A calendar that never works (every weekday emptied).
    let mut closed = planix::Calendar::standard();
    for d in [
        chrono::Weekday::Mon,
        chrono::Weekday::Tue,
        chrono::Weekday::Wed,
        chrono::Weekday::Thu,
        chrono::Weekday::Fri,
    ] {
        closed = closed.with_weekday(d, vec![]).unwrap();
    }
    let mut r = PoolResource::new("Ghost", 1.0);
    r.calendar = Some(closed);
    let ghost = pf.add_pool_resource(r);
    assert!(
        matches!(ghost, Err(PortfolioError::NoCapacity { ref name, .. }) if name == "Ghost"),
        "{ghost:?}"
    );
    assert_eq!(pf, before);
    // A cycle across projects, listed with both projects.
    let acme_design = pf.project("acme").unwrap().tasks().next().unwrap().id();
    let (_, gh) = {
        let g = pf.project("globex").unwrap();
        let ids: Vec<TaskId> = g.tasks().map(|t| t.id()).collect();
        (ids[0], ids[1])
    };
    pf.link(CrossLink {
        predecessor: TaskRef::new("acme", ah),
        successor: TaskRef::new("globex", bd),
        kind: planix::LinkKind::Fs,
        lag: Duration::ZERO,
    })
    .unwrap();
    pf.link(CrossLink {
        predecessor: TaskRef::new("globex", gh),
        successor: TaskRef::new("acme", acme_design),
        kind: planix::LinkKind::Fs,
        lag: Duration::ZERO,
    })
    .unwrap();
    match pf.schedule() {
        Err(PortfolioError::Cycle { tasks, names }) => {
            let projects: std::collections::BTreeSet<&str> =
                tasks.iter().map(|t| t.project.as_str()).collect();
            assert_eq!(projects.len(), 2, "{tasks:?}");
            assert!(names.iter().any(|n| n == "Handover"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        pf.level(&LevelOptions::default()),
        Err(PortfolioError::Cycle { .. })
    ));
}

#[test]
fn the_document_round_trips_and_checks_what_it_reads() {
    let (mut pf, ah, bd) = agency();
    pf.link(CrossLink {
        predecessor: TaskRef::new("acme", ah),
        successor: TaskRef::new("globex", bd),
        kind: planix::LinkKind::Fs,
        lag: Duration::hours(4),
    })
    .unwrap();
    let text = pf.to_json();
    let back = Portfolio::from_json(&text).unwrap();
    assert_eq!(back.to_json(), text);
    let (a, b) = (back.schedule().unwrap(), pf.schedule().unwrap());
    for ((ka, sa), (kb, sb)) in a.projects.into_iter().zip(b.projects) {
        assert_eq!((ka, sa.with_revision(0)), (kb, sb.with_revision(0)));
    }
    assert!(text.contains("\"format\": \"planix-portfolio\""));
    let e = Portfolio::from_json(&text.replace("\"version\": 1", "\"version\": 9")).unwrap_err();
    assert!(e.to_string().contains("version 9"), "{e}");
    let e = Portfolio::from_json(&text.replace("\"project\": \"acme\"", "\"project\": \"nobody\""))
        .unwrap_err();
    assert!(matches!(e, PortfolioError::UnknownProject { .. }), "{e}");
    assert!(Portfolio::from_json("{").is_err());
}

#[test]
fn portfolio_monte_carlo_reports_each_project_and_shares_the_pool() {
    let (pf, _, _) = agency();
    let plain = pf.simulate(&SimulationOptions::new(2_000, 3)).unwrap();
    let names: Vec<&str> = plain.milestones.iter().map(|m| m.name.as_str()).collect();
    assert!(
        names.contains(&"acme finish") && names.contains(&"globex finish"),
        "{names:?}"
    );
    let mut o = SimulationOptions::new(2_000, 3);
    o.resource_constrained = true;
    let shared = pf.simulate(&o).unwrap();
    // One Ana for both projects: the portfolio finishes later at P80 than with two Anas.
    assert!(shared.percentile(80.0) > plain.percentile(80.0));
    assert_eq!(
        shared
            .finish_without_resource_limits
            .as_ref()
            .unwrap()
            .percentile(80.0),
        plain.percentile(80.0)
    );
    assert_eq!(pf.simulate(&o).unwrap(), shared);
}

#[test]
fn rollups_per_project_and_for_the_portfolio() {
    let (mut pf, _, _) = agency();
    pf.member_mut("acme")
        .unwrap()
        .project
        .edit_task(TaskId(1), |t| t.fixed_cost = 1_000.0)
        .unwrap();
    let r = pf.rollup().unwrap();
    assert_eq!(r.projects.len(), 3);
    assert_eq!(r.projects[0].key, "acme");
    assert_eq!(r.projects[0].cost, 1_000.0);
    assert_eq!(r.projects[2].key, "portfolio");
    assert_eq!(r.projects[2].tasks, 4);
    assert_eq!(r.projects[2].finish, dt("2027-01-06T17:00"));
    // Ana is booked twice in the first week by the unleveled plans.
    assert!(
        r.utilisation
            .iter()
            .any(|u| u.name == "Ana" && u.overallocated)
    );
}
