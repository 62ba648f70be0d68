#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Monte Carlo and PERT: statistics against theory, exactness against the CPM, determinism.

mod common;
use common::*;
use planix::simulate::{
    CorrelationGroup, CostEstimate, PertMoments, RiskEvent, SimulateError, SimulationOptions, pert,
    simulate,
};
use planix::{
    Calendar, Constraint, Dependency, Distribution, Duration, Estimate, Lag, LinkKind, Project,
    Task, TaskId,
};
use proptest::prelude::*;

const DAY: i64 = 1440;

/// A project on the 24-hour calendar: working minutes are elapsed minutes.
fn p24() -> Project {
    let mut p = Project::new("mc", dt("2027-01-01T00:00"));
    let c = p.add_calendar(Calendar::twenty_four_hours()).unwrap();
    p.set_project_calendar(c).unwrap();
    p
}

fn est(o: i64, m: i64, pe: i64, d: Distribution) -> Estimate {
    Estimate::new(
        Duration::minutes(o),
        Duration::minutes(m),
        Duration::minutes(pe),
        d,
    )
}

fn add(p: &mut Project, name: &str, e: Estimate) -> TaskId {
    let d = Duration::minutes(e.most_likely.as_minutes());
    p.add_task(Task::new(name).with_duration(d).with_estimate(e))
        .unwrap()
}

fn minutes_since(p: &Project, t: chrono::NaiveDateTime) -> f64 {
    let s = match p.schedule_from() {
        planix::ScheduleFrom::Start(d) | planix::ScheduleFrom::Finish(d) => d,
    };
    (t - s).num_minutes() as f64
}

/// A chain of n beta-PERT tasks: the finish is the sum of n independent durations, so its
/// mean and variance are the sums of the tasks' exact moments. Tolerance: 4 standard
/// errors (SE of the mean σ/√N; SE of the sample σ ≈ σ/√(2N) for a near-normal sum).
#[test]
fn chain_matches_analytic_sums() {
    let mut p = p24();
    let mut prev = None;
    let (mut mu, mut var) = (0.0, 0.0);
    for k in 0..12 {
        let o = (2 + k % 3) * DAY;
        let e = est(o, o + DAY, o + (3 + k % 5) * DAY, Distribution::PERT);
        let (m, s) = e.moments();
        mu += m;
        var += s * s;
        let t = add(&mut p, &format!("T{k}"), e);
        if let Some(a) = prev {
            p.link(a, t).unwrap();
        }
        prev = Some(t);
    }
    let n = 40_000;
    let r = simulate(&p, &SimulationOptions::new(n, 11)).unwrap();
    assert_eq!(r.kernel, "fast");
    let sd = var.sqrt();
    let got_mean = minutes_since(&p, r.finish.mean);
    let se = sd / (n as f64).sqrt();
    assert!(
        (got_mean - mu).abs() < 4.0 * se + 1.0,
        "mean {got_mean} vs {mu} (se {se})"
    );
    let got_sd = r.finish.std_dev.as_minutes() as f64;
    let se_sd = sd / (2.0 * n as f64).sqrt();
    assert!(
        (got_sd - sd).abs() < 4.0 * se_sd + 1.0,
        "sd {got_sd} vs {sd}"
    );
    // Every task of a chain is always critical.
    assert!(r.tasks.iter().all(|t| t.criticality == 1.0));
    // The exact analytic PERT of a chain agrees with the same sums.
    let a = pert(&p, PertMoments::Exact).unwrap();
    assert!((a.path_mean - mu).abs() < 1e-6);
    assert!((a.std_dev - sd).abs() < 1e-6);
}

/// Two parallel paths of equal expected length: E[max(X, Y)] > E[X] (merge bias). For
/// two iid normal paths the excess is σ/√π ≈ 0.56σ; we require more than 0.4σ.
#[test]
fn merge_bias_of_parallel_paths() {
    let mut p = p24();
    let start = add(&mut p, "start", est(0, 0, 0, Distribution::Fixed));
    let end = add(&mut p, "end", est(0, 0, 0, Distribution::Fixed));
    for path in 0..2 {
        let mut prev = start;
        for k in 0..4 {
            let t = add(
                &mut p,
                &format!("P{path}.{k}"),
                est(3 * DAY, 5 * DAY, 10 * DAY, Distribution::PERT),
            );
            p.link(prev, t).unwrap();
            prev = t;
        }
        p.link(prev, end).unwrap();
    }
    let a = pert(&p, PertMoments::Exact).unwrap();
    let r = simulate(&p, &SimulationOptions::new(20_000, 3)).unwrap();
    let excess = minutes_since(&p, r.finish.mean) - a.path_mean;
    assert!(excess > 0.4 * a.std_dev, "excess {excess}, σ {}", a.std_dev);
    // Each path is critical about half the time.
    let c = r.task(TaskId(3)).unwrap().criticality;
    assert!((c - 0.5).abs() < 0.03, "criticality {c}");
    // Fully correlated paths move together: the merge bias vanishes.
    let ids: Vec<TaskId> = p
        .tasks()
        .filter(|t| t.name.starts_with('P') && t.name.ends_with(".0"))
        .map(|t| t.id())
        .collect();
    let mut o = SimulationOptions::new(20_000, 3);
    for k in 0..4 {
        let g: Vec<TaskId> = p
            .tasks()
            .filter(|t| t.name.starts_with('P') && t.name.ends_with(&format!(".{k}")))
            .map(|t| t.id())
            .collect();
        o = o.with_correlation(CorrelationGroup::new(g, 1.0));
    }
    assert_eq!(ids.len(), 2);
    let rc = simulate(&p, &o).unwrap();
    let excess = minutes_since(&p, rc.finish.mean) - a.path_mean;
    assert!(
        excess.abs() < 4.0 * a.std_dev / 20_000f64.sqrt() + 1.0,
        "correlated excess {excess}"
    );
}

/// Hillier & Lieberman, *Introduction to Operations Research*, Reliable Construction Co.,
/// PERT three-estimate approach: mean critical path 44 weeks, σ² = 9, and
/// P(T ≤ 47 weeks) = P(Z ≤ 1) ≈ 0.8413. (One week = one day on the 24-hour calendar.)
#[test]
fn reliable_construction_pert() {
    let acts = RELIABLE;
    // (o, m, p) in half-weeks, from the book's table of three estimates.
    let three: [(i64, i64, i64); 14] = [
        (2, 4, 6),
        (4, 7, 16),
        (12, 18, 36),
        (8, 11, 20),
        (2, 9, 10),
        (8, 8, 20),
        (10, 13, 22),
        (10, 16, 34),
        (6, 15, 18),
        (6, 18, 18),
        (8, 8, 8),
        (2, 11, 14),
        (2, 4, 6),
        (10, 11, 18),
    ];
    let (mut p, ids) = textbook(acts);
    let half = DAY / 2;
    for (i, (o, m, pe)) in three.iter().enumerate() {
        p.edit_task(ids[i], |t| {
            t.estimate = Some(est(o * half, m * half, pe * half, Distribution::PERT))
        })
        .unwrap();
    }
    let a = pert(&p, PertMoments::Classic).unwrap();
    let names: Vec<&str> = a
        .critical_path
        .iter()
        .map(|id| p.task(*id).unwrap().name.as_str())
        .collect();
    assert_eq!(names, ["A", "B", "C", "E", "F", "J", "L", "N"]);
    assert_eq!(a.path_mean, 44.0 * DAY as f64);
    assert!((a.std_dev - 3.0 * DAY as f64).abs() < 1e-6);
    let p47 = a.probability_by(dt("2027-02-17T00:00")).unwrap();
    assert!((p47 - 0.8413).abs() < 1e-4, "{p47}");
    assert_eq!(a.date_at(0.5).unwrap(), dt("2027-02-14T00:00"));
    // The simulation of the same network is later than PERT's 44 weeks (merge bias) but
    // close: near-critical paths exist (e.g. through D, G, H, M).
    let r = simulate(&p, &SimulationOptions::new(10_000, 5)).unwrap();
    let mean_weeks = minutes_since(&p, r.finish.mean) / DAY as f64;
    assert!(mean_weeks > 44.0 && mean_weeks < 46.5, "{mean_weeks}");
}

/// A network with every link type, lags of every kind, constraints, a summary and
/// milestones; `task_cal` puts one task on a calendar of its own (general kernel).
fn rich(task_cal: bool, dist: Distribution) -> Project {
    let mut p = Project::new("rich", dt("2027-03-01T08:00"));
    let cal = p.project_calendar().clone();
    let d = |n: i64| Duration::from_days(n, 480);
    let mk = |name: &str, n: i64| {
        Task::new(name)
            .with_duration(d(n))
            .with_estimate(Estimate::new(d(n), d(n), d(2 * n + 1), dist))
    };
    let sum = p.add_task(Task::new("Phase")).unwrap();
    let a = p.add_task(mk("A", 3).with_parent(sum)).unwrap();
    let b = p.add_task(mk("B", 2).with_parent(sum)).unwrap();
    let c = p.add_task(mk("C", 4)).unwrap();
    let e = p
        .add_task(mk("E", 2).with_constraint(Constraint::Snet(dt("2027-03-10T13:00"))))
        .unwrap();
    let f = p.add_task(mk("F", 5)).unwrap();
    let m1 = p.add_task(Task::new("Sign-off").as_milestone()).unwrap();
    let m2 = p
        .add_task(
            Task::new("Go-live")
                .as_milestone()
                .with_constraint(Constraint::Fnlt(dt("2027-06-01T17:00"))),
        )
        .unwrap();
    p.link(a, b).unwrap();
    p.add_dependency(
        Dependency::new(sum, c)
            .with_kind(LinkKind::Ss)
            .with_lag(Lag::Working(cal.days(1))),
    )
    .unwrap();
    p.add_dependency(
        Dependency::new(c, e)
            .with_kind(LinkKind::Ff)
            .with_lag(Lag::Percent(25)),
    )
    .unwrap();
    p.add_dependency(Dependency::new(b, f).with_lag(Lag::Working(Duration::hours(-4))))
        .unwrap();
    p.add_dependency(Dependency::new(e, m1).with_kind(LinkKind::Sf))
        .unwrap();
    p.link(f, m2).unwrap();
    p.link(sum, m2).unwrap();
    if task_cal {
        let mut night = Calendar::twenty_four_hours();
        night = night.with_name("24h");
        let nc = p.add_calendar(night).unwrap();
        p.edit_task(f, |t| t.calendar = Some(nc)).unwrap();
        p.add_dependency(Dependency::new(c, f).with_lag(Lag::Elapsed(Duration::hours(30))))
            .unwrap();
    }
    p
}

#[test]
fn fixed_distributions_reproduce_cpm_exactly() {
    for task_cal in [false, true] {
        let p = rich(task_cal, Distribution::Fixed);
        let plan = p.schedule().unwrap();
        let r = simulate(&p, &SimulationOptions::new(64, 1)).unwrap();
        assert_eq!(r.kernel, if task_cal { "general" } else { "fast" });
        assert_eq!(r.finish.min, plan.finish());
        assert_eq!(r.finish.max, plan.finish());
        for m in &r.milestones {
            assert_eq!(
                m.finish.min,
                plan.task(m.task).unwrap().finish(),
                "{}",
                m.name
            );
            assert_eq!(m.finish.max, m.finish.min);
            assert_eq!(m.probability_by_planned, 1.0);
        }
        // Critical in every iteration exactly when critical in the CPM (no constraint
        // here creates float of its own).
        for t in &r.tasks {
            let cpm_crit = plan.task(t.task).unwrap().is_critical();
            assert_eq!(t.criticality == 1.0, cpm_crit, "{}", t.name);
            assert_eq!(t.sensitivity, Some(0.0));
        }
    }
}

/// Random networks with all link types and lags: with degenerate estimates (o = m = p)
/// the fast kernel gives the CPM finish exactly; with real spread the fast and general
/// kernels agree sample for sample.
fn arb_project() -> impl Strategy<Value = Project> {
    let links = prop::collection::vec(
        (0usize..12, 0usize..12, 0u8..4, -600i64..1500, any::<bool>()),
        0..24,
    );
    let durs = prop::collection::vec(0i64..4000, 3..12);
    (durs, links).prop_map(|(durs, links)| {
        let mut p = Project::new("prop", dt("2027-01-04T08:00"));
        let ids: Vec<TaskId> = durs
            .iter()
            .enumerate()
            .map(|(i, &d)| {
                p.add_task(
                    Task::new(format!("T{i}"))
                        .with_duration(Duration::minutes(d))
                        .with_estimate(est(d / 2, d, 2 * d + 60, Distribution::Triangular)),
                )
                .unwrap()
            })
            .collect();
        for (a, b, k, lag, pct) in links {
            let (a, b) = (a % ids.len(), b % ids.len());
            if a >= b {
                continue;
            }
            let kind = [LinkKind::Fs, LinkKind::Ss, LinkKind::Ff, LinkKind::Sf][k as usize];
            let lag = if pct {
                Lag::Percent((lag / 10) as i32)
            } else {
                Lag::Working(Duration::minutes(lag))
            };
            let _ = p.add_dependency(
                Dependency::new(ids[a], ids[b])
                    .with_kind(kind)
                    .with_lag(lag),
            );
        }
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn fast_kernel_is_exact(p in arb_project()) {
        let mut q = p.clone();
        let ids: Vec<TaskId> = q.tasks().map(|t| t.id()).collect();
        for id in &ids {
            q.edit_task(*id, |t| t.estimate = Some(est(t.duration.as_minutes(), t.duration.as_minutes(), t.duration.as_minutes(), Distribution::PERT))).unwrap();
        }
        let plan = q.schedule().unwrap();
        let r = simulate(&q, &SimulationOptions::new(8, 2)).unwrap();
        prop_assert_eq!(r.finish.min, plan.finish());
        prop_assert_eq!(r.finish.max, plan.finish());
        // Same network with the project calendar copied onto one task: general kernel.
        let mut g = p.clone();
        let copy = g.project_calendar().clone();
        let c = g.add_calendar(copy).unwrap();
        g.edit_task(ids[0], |t| t.calendar = Some(c)).unwrap();
        let a = simulate(&p, &SimulationOptions::new(40, 9)).unwrap();
        let b = simulate(&g, &SimulationOptions::new(40, 9)).unwrap();
        prop_assert_eq!(a.kernel, "fast");
        prop_assert_eq!(b.kernel, "general");
        prop_assert_eq!(a.finish.samples().collect::<Vec<_>>(), b.finish.samples().collect::<Vec<_>>());
        for (x, y) in a.tasks.iter().zip(&b.tasks) {
            prop_assert_eq!(x.criticality, y.criticality, "{}", x.name);
        }
    }
}

#[test]
fn same_seed_same_bytes_any_thread_count() {
    let p = rich(false, Distribution::PERT);
    let o = SimulationOptions::new(3_000, 77).with_risk(
        RiskEvent::new("R1", 0.4, vec![TaskId(4)]).with_delay(Estimate::pert(
            Duration::hours(4),
            Duration::hours(8),
            Duration::hours(30),
        )),
    );
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let r = simulate(&p, &o).unwrap();
            (
                serde_json::to_string(&r).unwrap(),
                r.finish.samples().collect::<Vec<_>>(),
            )
        })
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
    let other = simulate(&p, &SimulationOptions::new(3_000, 78)).unwrap();
    assert_ne!(one.1, other.finish.samples().collect::<Vec<_>>());
}

#[test]
fn risk_events_shift_the_finish() {
    let mut p = p24();
    let a = add(
        &mut p,
        "A",
        est(2 * DAY, 2 * DAY, 2 * DAY, Distribution::Fixed),
    );
    let b = add(
        &mut p,
        "B",
        est(3 * DAY, 3 * DAY, 3 * DAY, Distribution::Fixed),
    );
    p.link(a, b).unwrap();
    let fixed_day = Estimate::new(
        Duration::minutes(DAY),
        Duration::minutes(DAY),
        Duration::minutes(DAY),
        Distribution::Uniform,
    );
    // Certain event: exactly one day later; its cost is added once.
    let o = SimulationOptions::new(500, 1).with_risk(
        RiskEvent::new("late supplier", 1.0, vec![a])
            .with_delay(fixed_day)
            .with_cost(CostEstimate::pert(100.0, 100.0, 100.0)),
    );
    let r = simulate(&p, &o).unwrap();
    assert_eq!(r.finish.min, dt("2027-01-07T00:00"));
    assert_eq!(r.finish.max, dt("2027-01-07T00:00"));
    let base = r.finish_without_risks.as_ref().unwrap();
    assert_eq!(base.max, dt("2027-01-06T00:00"));
    assert_eq!(r.risks[0].occurred, 1.0);
    assert_eq!(r.risks[0].mean_finish_shift, None);
    assert_eq!(r.cost.as_ref().unwrap().mean, 100.0);
    // A 30% event: occurs in 30% ± 4 SE of iterations and shifts the finish by one day.
    let o = SimulationOptions::new(10_000, 2)
        .with_risk(RiskEvent::new("R", 0.3, vec![b]).with_delay(fixed_day));
    let r = simulate(&p, &o).unwrap();
    let se = (0.3f64 * 0.7 / 10_000.0).sqrt();
    assert!((r.risks[0].occurred - 0.3).abs() < 4.0 * se);
    assert_eq!(r.risks[0].mean_finish_shift, Some(Duration::minutes(DAY)));
    assert!((r.probability_by(dt("2027-01-06T00:00")) - 0.7).abs() < 4.0 * se);
}

#[test]
fn costs_follow_durations() {
    let mut p = p24();
    let a = p
        .add_task(
            Task::new("A")
                .with_duration(Duration::hours(10))
                .with_estimate(est(600, 600, 600, Distribution::Uniform))
                .with_cost(500.0, 60.0),
        )
        .unwrap();
    let b = p
        .add_task(
            Task::new("B")
                .with_duration(Duration::hours(10))
                .with_estimate(est(0, 600, 1200, Distribution::Uniform))
                .with_cost(0.0, 30.0),
        )
        .unwrap();
    p.link(a, b).unwrap();
    let r = simulate(&p, &SimulationOptions::new(20_000, 4)).unwrap();
    let c = r.cost.as_ref().unwrap();
    // Planned: 500 + 10 h × 60 + 10 h × 30 = 1400; B's hours are uniform on [0, 20].
    assert_eq!(c.planned, 1400.0);
    let sd = 30.0 * 20.0 / 12f64.sqrt();
    assert!((c.mean - 1400.0).abs() < 4.0 * sd / 20_000f64.sqrt());
    assert!(c.percentile(0.01) >= 1100.0 && c.percentile(100.0) <= 1700.0);
    // B carries all the uncertainty: sensitivity ≈ 1 (rank correlation of a sum with its only varying term).
    assert!(r.task(b).unwrap().sensitivity.unwrap() > 0.99);
    assert_eq!(r.task(a).unwrap().sensitivity, Some(0.0));
    assert_eq!(r.tornado(1)[0].task, b);
}

#[test]
fn bad_options_are_typed_errors() {
    let p = rich(false, Distribution::PERT);
    let e = |o: SimulationOptions| simulate(&p, &o).unwrap_err();
    assert!(matches!(
        e(SimulationOptions::new(0, 1)),
        SimulateError::InvalidOption(_)
    ));
    assert!(matches!(
        e(SimulationOptions::new(10, 1).with_percentiles(&[0.0])),
        SimulateError::InvalidOption(_)
    ));
    assert!(matches!(
        e(SimulationOptions::new(10, 1).with_risk(RiskEvent::new("x", 1.5, vec![]))),
        SimulateError::InvalidOption(_)
    ));
    assert_eq!(
        e(SimulationOptions::new(10, 1).with_risk(RiskEvent::new("x", 0.5, vec![TaskId(99)]))),
        SimulateError::UnknownTask {
            task: TaskId(99),
            context: "risk \"x\"".into()
        }
    );
    assert!(matches!(
        e(SimulationOptions::new(10, 1)
            .with_correlation(CorrelationGroup::new(vec![TaskId(1)], 0.5))),
        SimulateError::SummaryTask { .. }
    ));
    assert!(matches!(
        e(SimulationOptions::new(10, 1)
            .with_correlation(CorrelationGroup::new(vec![TaskId(2)], 1.5))),
        SimulateError::InvalidOption(_)
    ));
    // Invalid estimates are rejected by the model, naming the task.
    let mut q = p.clone();
    let err = q
        .edit_task(TaskId(2), |t| {
            t.estimate = Some(est(100, 50, 200, Distribution::PERT))
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("optimistic <= most likely"),
        "{err}"
    );
    assert_eq!(q, p);
}

/// A project with no work finishes at its start in every iteration; the mean says so too.
#[test]
fn empty_project_finishes_at_its_start() {
    let p = Project::new("empty", dt("2027-01-04T08:00"));
    let r = simulate(&p, &SimulationOptions::new(10, 1)).unwrap();
    assert_eq!(r.finish.min, dt("2027-01-04T08:00"));
    assert_eq!(r.finish.mean, dt("2027-01-04T08:00"));
    assert_eq!(r.percentile(50.0), dt("2027-01-04T08:00"));
    assert!(r.tasks.is_empty());
}

// ----- resource-constrained Monte Carlo -----

fn rc(iterations: usize, seed: u64) -> SimulationOptions {
    let mut o = SimulationOptions::new(iterations, seed);
    o.resource_constrained = true;
    o
}

fn samples(d: &planix::simulate::DateDistribution) -> Vec<chrono::NaiveDateTime> {
    d.samples().collect()
}

/// Two uncertain tasks, no link, one person: in every iteration the second waits for the
/// first, so the finish is the sum of the two sampled durations: sample for sample the
/// plain simulation of the same tasks chained A → B (the draws depend on seed, iteration
/// and task only). Without the limits it is the plain simulation of the unlinked pair.
#[test]
fn two_tasks_one_person_finish_after_the_sum_of_their_sampled_durations() {
    let build = |chain: bool, person: bool| {
        let mut p = Project::new("rc", dt("2027-01-04T08:00"));
        let a = add(&mut p, "A", est(480, 960, 2400, Distribution::PERT));
        let b = add(&mut p, "B", est(240, 480, 1920, Distribution::Triangular));
        if chain {
            p.link(a, b).unwrap();
        }
        if person {
            let r = p.add_resource(planix::Resource::work("Ana", 1.0)).unwrap();
            p.assign(planix::Assignment::new(a, r, 1.0)).unwrap();
            p.assign(planix::Assignment::new(b, r, 1.0)).unwrap();
        }
        p
    };
    let limited = simulate(&build(false, true), &rc(4_000, 11)).unwrap();
    let chained = simulate(&build(true, false), &SimulationOptions::new(4_000, 11)).unwrap();
    let free = simulate(&build(false, false), &SimulationOptions::new(4_000, 11)).unwrap();
    assert_eq!(samples(&limited.finish), samples(&chained.finish));
    assert_eq!(
        samples(limited.finish_without_resource_limits.as_ref().unwrap()),
        samples(&free.finish)
    );
    assert!(limited.finish.percentile(80.0) > free.finish.percentile(80.0));
    assert!(free.finish_without_resource_limits.is_none());
}

/// With capacity to spare the resource-constrained run is the plain run, sample for
/// sample, on a network with summaries, every link type, lags, constraints and a task
/// calendar (general kernel against the fast one where it applies); and it is the same
/// report on every run.
#[test]
fn unlimited_capacity_gives_the_plain_simulation() {
    let mut p = Project::new("wide", dt("2027-01-04T08:00"));
    let team = p
        .add_resource(planix::Resource::work("Team", 50.0))
        .unwrap();
    let phase = p.add_task(Task::new("Phase")).unwrap();
    let mut ids = vec![];
    for k in 0..12i64 {
        let mut t = Task::new(format!("T{k}"))
            .with_duration(Duration::minutes(480 + 60 * k))
            .with_estimate(est(
                240 + 30 * k,
                480 + 60 * k,
                1440 + 120 * k,
                Distribution::PERT,
            ));
        if k < 6 {
            t = t.with_parent(phase);
        }
        if k == 7 {
            t = t.with_constraint(Constraint::Snet(dt("2027-01-12T08:00")));
        }
        let id = p.add_task(t).unwrap();
        p.assign(planix::Assignment::new(id, team, 1.0 + (k % 3) as f64))
            .unwrap();
        ids.push(id);
    }
    for (a, b, kind, lag) in [
        (0, 1, LinkKind::Fs, 0),
        (1, 2, LinkKind::Ss, 120),
        (2, 3, LinkKind::Ff, -60),
        (3, 6, LinkKind::Fs, 480),
        (4, 8, LinkKind::Sf, 960),
        (6, 9, LinkKind::Fs, 0),
        (7, 10, LinkKind::Fs, 0),
        (9, 11, LinkKind::Fs, 0),
    ] {
        link(&mut p, ids[a], ids[b], kind, lag);
    }
    p.add_dependency(Dependency::new(phase, ids[11]).with_lag(Lag::Elapsed(Duration::hours(30))))
        .unwrap();
    let plain = simulate(&p, &SimulationOptions::new(3_000, 5)).unwrap();
    let limited = simulate(&p, &rc(3_000, 5)).unwrap();
    assert_eq!(samples(&limited.finish), samples(&plain.finish));
    assert_eq!(
        samples(limited.finish_without_resource_limits.as_ref().unwrap()),
        samples(&plain.finish)
    );
    assert_eq!(limited.milestones, plain.milestones);
    assert_eq!(simulate(&p, &rc(3_000, 5)).unwrap(), limited);
}

/// The resource-constrained run never books a person twice: on a chain-free plan of
/// five tasks for one person its finish is never before the five durations back to back,
/// and a demand the person can never meet is a typed error naming task and resource.
#[test]
fn resource_limits_bind_and_bad_demands_are_typed_errors() {
    let mut p = Project::new("rc", dt("2027-01-04T08:00"));
    let ana = p.add_resource(planix::Resource::work("Ana", 1.0)).unwrap();
    for k in 0..5 {
        let t = add(
            &mut p,
            &format!("T{k}"),
            est(480, 480, 480, Distribution::Uniform),
        );
        p.assign(planix::Assignment::new(t, ana, 1.0)).unwrap();
    }
    let r = simulate(&p, &rc(200, 1)).unwrap();
    // Five working days back to back: Monday 08:00 to Friday 17:00.
    assert_eq!(r.finish.min, dt("2027-01-08T17:00"));
    assert_eq!(
        r.finish_without_resource_limits.unwrap().max,
        dt("2027-01-04T17:00")
    );
    let mut q = p.clone();
    let duo = q.add_resource(planix::Resource::work("Duo", 2.0)).unwrap();
    let t = q
        .add_task(Task::new("Lift").with_duration(Duration::hours(8)))
        .unwrap();
    q.assign(planix::Assignment::new(t, duo, 3.0)).unwrap();
    match simulate(&q, &rc(100, 1)) {
        Err(SimulateError::Resources(e)) => {
            assert!(
                e.to_string().contains("Lift") && e.to_string().contains("Duo"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A report read back from its JSON (or unpickled) has no samples: its percentiles are
/// the reported ones, exactly, and probabilities come from the cumulative histogram.
#[test]
fn a_report_read_back_answers_from_its_reported_percentiles() {
    use planix::io::{FromJson, ToJson};
    let mut p = Project::new("rb", dt("2027-01-04T08:00"));
    add(&mut p, "A", est(480, 960, 4800, Distribution::PERT));
    let r = simulate(&p, &SimulationOptions::new(3_000, 9)).unwrap();
    let back = planix::simulate::SimulationReport::from_json(&r.to_json()).unwrap();
    for q in [5.0, 50.0, 80.0, 95.0] {
        assert_eq!(back.percentile(q), r.percentile(q), "P{q}");
    }
    // Between reported percentiles: the next reported one (P82 → P85).
    assert_eq!(back.percentile(82.0), r.percentile(85.0));
    assert_eq!(back.percentile(100.0), r.finish.max);
    assert_eq!(back.finish.probability_by(r.finish.max), 1.0);
    let mid = r.finish.histogram[10].end;
    assert_eq!(
        back.finish.probability_by(mid),
        r.finish.histogram[10].cumulative
    );
}
