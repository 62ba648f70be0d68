//! The main job: plan a client project end to end.
//!
//! A software company delivers a custom enterprise management system to a large client.
//! About 40 tasks across initiation, planning, execution, monitoring and closing; a
//! national-holiday calendar (UK bank holidays 2027); client sign-off milestones; links
//! of every type with lags and leads; a named team with day rates and holidays. Prints the
//! schedule with the critical path marked, the Monte Carlo forecast, the resource
//! over-allocations before and after leveling with the reason for each delay, and the
//! budget; then the risk register (13 risks with responses), its matrix, EMV, alerts and
//! the risk-adjusted forecast (P50/P80 with and without risks, the risk tornado and the
//! contingency reserve). Writes the project as planix JSON (first argument, default
//! `target/case_study.json`) and as MS Project XML beside it (`target/case_study.xml`,
//! read back to the same schedule), and the register (second argument, default
//! `target/case_study_risks.json`).
//!
//! The build phase then runs as three two-week sprints on a board with WIP limits
//! (`planix_examples::agile`): the board, each sprint's burndown, the velocity and the
//! throughput forecasts are printed, and the core platform bound to the team's measured
//! throughput moves the UAT acceptance milestone's P80.
//!
//! Run: `cargo run --release --example case_study`

use chrono::{NaiveDate, NaiveDateTime};
use planix::client::Engagement;
use planix::resources::{LevelOptions, Period, costs, level, overallocations};
use planix::risk::{
    Action, ActionStatus, Assessment, Response, Risk, RiskKind, RiskRegister, Strategy,
};
use planix::{
    Assignment, Calendar, Constraint, CostRate, Dependency, Estimate, Lag, LinkKind, Project,
    Resource, Task, TaskId, io,
};

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|x| x.and_hms_opt(h, 0, 0))
        .unwrap_or_default()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut p = Project::new(
        "Enterprise management system for Northwind Logistics",
        at(2027, 3, 1, 8),
    );
    // UK bank holidays 2027 (Christmas and Boxing Day fall on a weekend and are substituted).
    let mut cal = Calendar::standard().with_name("UK working week");
    for (name, m, d) in [
        ("New Year's Day", 1, 1),
        ("Good Friday", 3, 26),
        ("Easter Monday", 3, 29),
        ("Early May bank holiday", 5, 3),
        ("Spring bank holiday", 5, 31),
        ("Summer bank holiday", 8, 30),
        ("Christmas Day (substitute)", 12, 27),
        ("Boxing Day (substitute)", 12, 28),
    ] {
        cal = cal.with_holiday(name, NaiveDate::from_ymd_opt(2027, m, d).ok_or("bad date")?)?;
    }
    let c = p.add_calendar(cal)?;
    p.set_project_calendar(c)?;
    let cal = p.project_calendar().clone();
    let d = |n: i64| cal.days(n);

    let phase = |p: &mut Project, name: &str| p.add_task(Task::new(name));
    let task = |p: &mut Project,
                parent: TaskId,
                name: &str,
                days: i64|
     -> Result<TaskId, planix::ModelError> {
        p.add_task(Task::new(name).with_duration(d(days)).with_parent(parent))
    };
    let milestone = |p: &mut Project, parent: TaskId, name: &str| {
        p.add_task(Task::new(name).with_parent(parent))
    };

    // 1 Initiation
    let init = phase(&mut p, "Initiation")?;
    let kickoff = milestone(&mut p, init, "Contract signed")?;
    let goals = task(
        &mut p,
        init,
        "Agree goals and success criteria with client",
        3,
    )?;
    let scope = task(&mut p, init, "Scope statement: in / out of scope", 4)?;
    let stake = task(&mut p, init, "Stakeholder and contact register", 2)?;
    let charter = task(&mut p, init, "Project charter", 2)?;
    let charter_ok = milestone(&mut p, init, "Client approves charter")?;
    // 2 Planning
    let plan = phase(&mut p, "Planning")?;
    let wbs = task(&mut p, plan, "Work breakdown and estimates", 5)?;
    let sched = task(&mut p, plan, "Schedule and critical path", 3)?;
    let res = task(&mut p, plan, "Resource plan and budget", 4)?;
    let risk = task(&mut p, plan, "Risk register and responses", 3)?;
    let comms = task(&mut p, plan, "Communication plan", 2)?;
    let plan_ok = milestone(&mut p, plan, "Client approves project plan")?;
    // 3 Execution (with sub-phases)
    let exec = phase(&mut p, "Execution")?;
    let req = task(&mut p, exec, "Requirements workshops", 10)?;
    let arch = task(&mut p, exec, "Solution architecture", 8)?;
    let req_ok = milestone(&mut p, exec, "Client signs off requirements")?;
    let build = p.add_task(Task::new("Build").with_parent(exec))?;
    let core_mod = task(&mut p, build, "Core platform and data model", 20)?;
    let inv = task(&mut p, build, "Inventory module", 15)?;
    let fin = task(&mut p, build, "Finance module", 18)?;
    let hr = task(&mut p, build, "HR module", 12)?;
    let integ = task(&mut p, build, "Integration with client ERP", 14)?;
    let reports = task(&mut p, build, "Reporting and dashboards", 10)?;
    let migr = task(&mut p, exec, "Data migration", 12)?;
    let sit = task(&mut p, exec, "System integration testing", 10)?;
    let uat = task(&mut p, exec, "User acceptance testing with client", 10)?;
    let train = task(&mut p, exec, "Client staff training", 6)?;
    let uat_ok = milestone(&mut p, exec, "Client accepts UAT")?;
    let golive = task(&mut p, exec, "Go-live and cut-over", 3)?;
    // 4 Monitoring and control
    let mon = phase(&mut p, "Monitoring and control")?;
    let status1 = task(&mut p, mon, "Steering committee review 1", 1)?;
    let status2 = task(&mut p, mon, "Steering committee review 2", 1)?;
    let status3 = task(&mut p, mon, "Steering committee review 3", 1)?;
    let evm = task(&mut p, mon, "Earned value and variance report", 2)?;
    let cr = task(&mut p, mon, "Change request impact review", 3)?;
    // 5 Closing
    let close = phase(&mut p, "Closing")?;
    let hyper = task(&mut p, close, "Hypercare support", 15)?;
    let accept = milestone(&mut p, close, "Final acceptance of all deliverables")?;
    let lessons = task(&mut p, close, "Lessons learned workshop", 2)?;
    let report = task(
        &mut p,
        close,
        "Closing report and client feedback survey",
        3,
    )?;
    let closed = milestone(&mut p, close, "Project closed")?;

    let fs = |p: &mut Project, a: TaskId, b: TaskId| p.link(a, b);
    let with = |p: &mut Project, a: TaskId, b: TaskId, k: LinkKind, lag_days: i64| {
        p.add_dependency(
            Dependency::new(a, b)
                .with_kind(k)
                .with_lag(Lag::Working(cal.days(lag_days))),
        )
    };
    fs(&mut p, kickoff, goals)?;
    with(&mut p, goals, scope, LinkKind::Ss, 1)?;
    with(&mut p, goals, stake, LinkKind::Ss, 0)?;
    fs(&mut p, scope, charter)?;
    fs(&mut p, stake, charter)?;
    with(&mut p, charter, charter_ok, LinkKind::Fs, 2)?; // two days for the client to review
    fs(&mut p, charter_ok, plan)?; // the whole planning phase waits for the charter
    fs(&mut p, wbs, sched)?;
    with(&mut p, wbs, res, LinkKind::Ss, 2)?;
    with(&mut p, wbs, risk, LinkKind::Ss, 3)?;
    with(&mut p, sched, comms, LinkKind::Ff, 0)?;
    fs(&mut p, sched, plan_ok)?;
    fs(&mut p, res, plan_ok)?;
    fs(&mut p, risk, plan_ok)?;
    fs(&mut p, comms, plan_ok)?;
    fs(&mut p, plan_ok, req)?;
    with(&mut p, req, arch, LinkKind::Ss, 5)?;
    fs(&mut p, req, req_ok)?;
    fs(&mut p, req_ok, build)?;
    fs(&mut p, arch, build)?;
    with(&mut p, core_mod, inv, LinkKind::Ss, 10)?;
    with(&mut p, core_mod, fin, LinkKind::Ss, 10)?;
    fs(&mut p, core_mod, hr)?;
    with(&mut p, core_mod, integ, LinkKind::Fs, -5)?; // lead: start integration a week before the core is done
    with(&mut p, fin, reports, LinkKind::Ff, 3)?;
    with(&mut p, core_mod, migr, LinkKind::Fs, 0)?;
    fs(&mut p, build, sit)?;
    fs(&mut p, migr, sit)?;
    fs(&mut p, sit, uat)?;
    with(&mut p, uat, train, LinkKind::Ss, 4)?;
    fs(&mut p, uat, uat_ok)?;
    fs(&mut p, uat_ok, golive)?;
    fs(&mut p, train, golive)?;
    fs(&mut p, plan_ok, status1)?;
    fs(&mut p, req_ok, status2)?;
    fs(&mut p, sit, status3)?;
    with(&mut p, status3, evm, LinkKind::Ss, 0)?;
    fs(&mut p, req_ok, cr)?;
    fs(&mut p, golive, hyper)?;
    fs(&mut p, hyper, accept)?;
    fs(&mut p, accept, lessons)?;
    fs(&mut p, accept, report)?;
    fs(&mut p, lessons, closed)?;
    fs(&mut p, report, closed)?;
    // The client wants go-live before the autumn trading peak.
    p.edit_task(golive, |t| t.deadline = Some(at(2027, 10, 29, 17)))?;
    // The steering committee meets on a fixed date.
    p.set_constraint(status2, Constraint::Snet(at(2027, 6, 14, 8)))?;

    // Three-point estimates: every task may finish 20% early or run 60% late (beta-PERT).
    let leaves: Vec<_> = p
        .tasks()
        .filter(|t| !p.is_summary(t.id()) && t.duration.as_minutes() > 0)
        .map(|t| (t.id(), t.duration.as_minutes()))
        .collect();
    for (id, d) in leaves {
        let m = planix::Duration::minutes;
        p.edit_task(id, |t| {
            t.estimate = Some(planix::Estimate::pert(m(d * 8 / 10), m(d), m(d * 16 / 10)))
        })?;
    }

    // The team: day rates (8-hour days) and booked holidays.
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2027, m, d).ok_or("bad date");
    let person = |name: &str, units: f64, day_rate: f64| {
        Resource::work(name, units).with_rate(CostRate::new(day_rate / 8.0))
    };
    let priya = p.add_resource(person("Priya Shah (project manager)", 1.0, 650.0))?;
    let tom = p.add_resource(
        person("Tom Evans (business analyst)", 1.0, 550.0).with_leave(day(8, 2)?, day(8, 13)?),
    )?;
    let lena = p.add_resource(person("Lena Kowalski (architect)", 1.0, 750.0))?;
    let devs = p.add_resource(person("Developers (team of 3)", 3.0, 500.0))?;
    let marco = p.add_resource(
        person("Marco Rossi (test lead)", 1.0, 520.0).with_leave(day(7, 19)?, day(7, 30)?),
    )?;
    let aisha = p.add_resource(person("Aisha Bello (trainer)", 1.0, 450.0))?;
    let hosting = p.add_resource(Resource::cost("Cloud hosting"))?;
    let manuals = p.add_resource(
        Resource::material("Training manuals", "copies").with_rate(CostRate::new(15.0)),
    )?;
    let assign = |p: &mut Project, t: TaskId, r, units: f64| p.assign(Assignment::new(t, r, units));
    for t in [
        goals, charter, wbs, sched, res, comms, status1, status2, status3, evm, cr, report,
    ] {
        assign(&mut p, t, priya, 1.0)?;
    }
    for t in [goals, scope, stake, req, uat, lessons] {
        assign(&mut p, t, tom, 1.0)?;
    }
    for (t, u) in [(arch, 1.0), (core_mod, 0.5), (integ, 0.5), (risk, 0.5)] {
        assign(&mut p, t, lena, u)?;
    }
    for (t, u) in [
        (core_mod, 3.0),
        (inv, 2.0),
        (fin, 2.0),
        (hr, 1.0),
        (integ, 2.0),
        (reports, 1.0),
        (migr, 1.0),
        (golive, 2.0),
        (hyper, 1.0),
    ] {
        assign(&mut p, t, devs, u)?;
    }
    for (t, u) in [(sit, 1.0), (uat, 0.5), (migr, 0.5)] {
        assign(&mut p, t, marco, u)?;
    }
    assign(&mut p, train, aisha, 1.0)?;
    p.assign(Assignment::cost(golive, hosting, 18_000.0))?;
    assign(&mut p, train, manuals, 120.0)?;

    let schedule = p.schedule()?;
    print!("{}", io::schedule_table(&p, &schedule));

    // How sure is the go-live date? 10,000 calendar-exact iterations.
    let sim =
        planix::simulate::simulate(&p, &planix::simulate::SimulationOptions::new(10_000, 2027))?;
    let pert = planix::simulate::pert(&p, planix::simulate::PertMoments::Classic)?;
    println!(
        "\nMonte Carlo, {} iterations (seed {}):",
        sim.iterations, sim.seed
    );
    println!(
        "  planned finish {}  (probability {:.0}%)",
        sim.planned_finish,
        100.0 * sim.probability_by_planned
    );
    for q in [50.0, 80.0, 90.0] {
        println!("  P{q:.0} finish     {}", sim.percentile(q));
    }
    println!(
        "  PERT expected  {}  (normal approximation P80 {})",
        pert.expected_finish,
        pert.date_at(0.8)?
    );
    let name = |id| p.task(id).map_or(String::new(), |t| t.name.clone());
    println!(
        "  most critical:  {}",
        sim.most_critical(5)
            .iter()
            .map(|t| format!("{} {:.0}%", name(t.task), 100.0 * t.criticality))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  most sensitive: {}",
        sim.tornado(5)
            .iter()
            .map(|t| format!("{} {:.2}", name(t.task), t.sensitivity.unwrap_or(0.0)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(m) = sim.milestones.iter().find(|m| m.deadline.is_some()) {
        println!(
            "  {}: P(by deadline {}) = {:.0}%",
            m.name,
            m.deadline.map(|d| d.to_string()).unwrap_or_default(),
            100.0 * m.probability_by_deadline.unwrap_or(0.0)
        );
    }
    // Who is double-booked, and what leveling does about it.
    let before = overallocations(&p, &schedule);
    let leveled = level(&p, &LevelOptions::default())?;
    println!(
        "\nResources: {} over-allocations before leveling, {} after",
        before.len(),
        leveled.remaining.len()
    );
    for o in before.iter().take(4) {
        println!(
            "  {}: {:.1} units booked of {:.1}, {} to {}",
            o.name, o.peak, o.available, o.from, o.to
        );
    }
    println!(
        "  leveled finish {} (CPM finish {}); {} tasks delayed, e.g.:",
        leveled.schedule.finish(),
        schedule.finish(),
        leveled.delays.len()
    );
    let best = level(
        &p,
        &LevelOptions {
            mode: planix::resources::LevelMode::Optimize,
            max_schedules: 20_000,
            ..LevelOptions::default()
        },
    )?;
    println!(
        "  optimising mode (20,000 schedules, seed 1): finish {}",
        best.schedule.finish()
    );
    let mut delays = leveled.delays.clone();
    delays.sort_by_key(|d| std::cmp::Reverse(d.delay));
    for d in delays.iter().take(4) {
        println!(
            "  {} waits {:.1} days for {} (held by {})",
            d.name,
            d.delay.as_days(cal.minutes_per_day()),
            d.resource_name,
            d.blocked_by
                .iter()
                .map(|t| name(*t))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    // The budget on the leveled plan.
    let budget = costs(&p, &leveled.schedule);
    println!("\nBudget: {:.0}", budget.total);
    for r in &budget.resources {
        println!("  {:<32} {:>9.0}", r.name, r.cost);
    }
    let months = budget.timephased(Period::Month);
    println!(
        "  planned value by month: {}",
        months
            .iter()
            .map(|m| format!("{} {:.0}", m.period.format("%b"), m.cumulative))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // The risk register, and what it does to the forecast.
    let ids = Ids {
        req,
        core_mod,
        inv,
        hr,
        fin,
        integ,
        reports,
        migr,
        sit,
        uat,
        train,
        golive,
    };
    let reg = risk_register(&ids, &cal)?;
    let (threats, opportunities, net) = reg.total_emv();
    println!(
        "\nRisk register: {} risks; EMV threats {threats:.0}, opportunities {opportunities:.0}, net {net:.0}",
        reg.risks().len()
    );
    println!("Risk matrix (current assessments: rating and risk ids per cell):");
    print!("{}", reg.heatmap_text(true));
    println!(
        "  top risks: {}",
        reg.top(5)
            .iter()
            .map(|r| format!(
                "{} {} ({})",
                r.id,
                r.title,
                reg.rating(&r.id).unwrap_or_default()
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let status_date = NaiveDate::from_ymd_opt(2027, 5, 17).ok_or("bad date")?;
    for a in reg.alerts(status_date) {
        println!("  alert on {status_date}: {a}");
    }
    let f = reg.forecast(
        &p,
        &planix::simulate::SimulationOptions::new(10_000, 2027),
        80.0,
    )?;
    println!(
        "Risk-adjusted forecast ({} iterations): P50 {} / P80 {} with risks; P50 {} / P80 {} without",
        f.report.iterations,
        f.percentile(50.0),
        f.percentile(80.0),
        f.percentile_without_risks(50.0),
        f.percentile_without_risks(80.0)
    );
    println!(
        "  risk tornado: {}",
        f.tornado
            .iter()
            .take(5)
            .map(|b| format!(
                "{} +{:.1}d",
                b.id,
                b.finish_shift
                    .map_or(0.0, |d| d.as_days(cal.minutes_per_day()))
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  contingency reserve at P80: {:.1} working days ({:.1} from risk events), cost {:.0} (EMV {:.0})",
        f.reserve.schedule.as_days(cal.minutes_per_day()),
        f.reserve.schedule_from_risks.as_days(cal.minutes_per_day()),
        f.reserve.cost.unwrap_or(0.0),
        f.reserve.emv
    );

    // The client side: account, stakeholders, scope and traceability, a change request,
    // satisfaction, and the phase gates from initiation to closed (on a copy of the plan
    // that lives through delivery; the file written below stays the plan as chartered).
    let mut live = p.clone();
    let engagement = client_side(&mut live, &ids, &reg)?;

    // Monitoring mid-execution: adopt the leveled plan (the developers are not booked
    // three times over), baseline it, record progress at 14 May, and look at earned
    // value, earned schedule, the alerts and the DCMA check.
    let mut tracked = p.clone();
    tracked.apply_leveling(&leveled)?;
    let adopted = tracked.schedule()?;
    println!(
        "\nAdopted the leveled plan: finish {} ({} tasks carry a leveling delay); baselined from it",
        adopted.finish(),
        tracked
            .tasks()
            .filter(|t| !t.leveling_delay.is_zero())
            .count()
    );
    let status_md = monitoring(&mut tracked, &engagement, &reg)?;

    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/case_study.json".into());
    std::fs::write(&out, io::to_json(&p))?;
    let risks_out = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "target/case_study_risks.json".into());
    std::fs::write(&risks_out, reg.to_json())?;
    let client_out = std::env::args()
        .nth(3)
        .unwrap_or_else(|| "target/case_study_client.json".into());
    std::fs::write(&client_out, engagement.to_json())?;
    let tracked_out = std::env::args()
        .nth(4)
        .unwrap_or_else(|| "target/case_study_tracked.json".into());
    std::fs::write(&tracked_out, io::to_json(&tracked))?;
    let status_out = std::env::args()
        .nth(5)
        .unwrap_or_else(|| "target/case_study_status.md".into());
    std::fs::write(&status_out, status_md)?;
    // The plan as Microsoft Project XML, read back: the same schedule.
    let xml_out = std::path::Path::new(&out).with_extension("xml");
    let xml = io::mspdi::to_mspdi(&p)?;
    std::fs::write(&xml_out, &xml)?;
    let back = io::mspdi::from_mspdi(&xml)?;
    let (a, b) = (p.schedule()?, back.schedule()?);
    if io::schedule_to_json(&a) != io::schedule_to_json(&b) {
        return Err(format!(
            "{} does not read back to the same schedule",
            xml_out.display()
        )
        .into());
    }
    println!(
        "MS Project XML written to {} and read back: {} tasks, finish {}, the same schedule",
        xml_out.display(),
        back.task_count(),
        b.finish()
    );
    // The build phase as three two-week sprints on a board, and the plan bound to the
    // team's throughput (planix_examples::agile; `--example agile` writes the board
    // document and its charts).
    println!("\n== Build phase: three two-week sprints on the board");
    print!("{}", planix_examples::agile::story(&p)?.report);
    // The pictures (committed copies under docs/img/, compared by the test command).
    let dir = std::path::Path::new(&out).with_file_name("");
    let stem = std::path::Path::new(&out)
        .file_stem()
        .map_or("case_study".into(), |s| s.to_string_lossy().into_owned());
    use planix::render::{Chart, chart};
    for (name, project, kind, register) in [
        ("gantt", &tracked, Chart::Gantt, None),
        ("network", &p, Chart::Network, None),
        ("heatmap", &p, Chart::Heatmap, Some(&reg)),
        ("histogram", &p, Chart::Histogram, Some(&reg)),
        ("scurve", &tracked, Chart::Scurve, None),
    ] {
        let path = dir.join(format!("{stem}_{name}.svg"));
        std::fs::write(&path, chart(project, kind, register)?)?;
    }
    println!(
        "Charts written to {}: {stem}_gantt.svg, _network.svg, _heatmap.svg, _histogram.svg, _scurve.svg",
        dir.display()
    );
    println!(
        "\n{} tasks; project written to {out}, risk register to {risks_out}, engagement to {client_out}, tracked plan to {tracked_out}, status report to {status_out}",
        p.task_count()
    );
    Ok(())
}

/// The tasks the register links to.
struct Ids {
    req: TaskId,
    core_mod: TaskId,
    inv: TaskId,
    hr: TaskId,
    fin: TaskId,
    integ: TaskId,
    reports: TaskId,
    migr: TaskId,
    sit: TaskId,
    uat: TaskId,
    train: TaskId,
    golive: TaskId,
}

/// The register a delivery lead would keep for this project: threats and opportunities
/// with cause → event → effect, owners, dated assessments (inherent, then residual after
/// the response), responses with actions, and review dates.
fn risk_register(t: &Ids, cal: &Calendar) -> Result<RiskRegister, Box<dyn std::error::Error>> {
    use planix::risk::Dimension::{Cost, Reputation, Schedule, ScopeQuality};
    let date = |m: u32, d: u32| NaiveDate::from_ymd_opt(2027, m, d).ok_or("bad date");
    let days = |o: i64, m: i64, p: i64| Estimate::pert(cal.days(o), cal.days(m), cal.days(p));
    let identified = date(2, 15)?;
    let mut reg = RiskRegister::new();
    // (id, title, kind, category, owner, tasks, probability, [(dimension, level)], cost, delay)
    type Row<'a> = (
        &'a str,
        &'a str,
        RiskKind,
        &'a str,
        &'a str,
        Vec<TaskId>,
        f64,
        Vec<(planix::risk::Dimension, u8)>,
        f64,
        Option<Estimate>,
    );
    let threat = RiskKind::Threat;
    let opportunity = RiskKind::Opportunity;
    let rows: Vec<Row> = vec![
        (
            "R1",
            "Scope creep through informal client requests",
            threat,
            "Scope",
            "Project manager",
            vec![t.core_mod],
            0.5,
            vec![(Schedule, 4), (Cost, 3), (ScopeQuality, 3)],
            40_000.0,
            Some(days(3, 8, 15)),
        ),
        (
            "R2",
            "Lead developer leaves mid-build",
            threat,
            "People",
            "Delivery lead",
            vec![t.fin],
            0.2,
            vec![(Schedule, 4), (Cost, 3)],
            25_000.0,
            Some(days(5, 10, 20)),
        ),
        (
            "R3",
            "Client approvals arrive late",
            threat,
            "Client",
            "Account director",
            vec![t.uat],
            0.6,
            vec![(Schedule, 3), (Reputation, 2)],
            8_000.0,
            Some(days(2, 5, 10)),
        ),
        (
            "R4",
            "Client's legacy ERP interface is undocumented",
            threat,
            "Technical",
            "Solution architect",
            vec![t.integ],
            0.45,
            vec![(Schedule, 5), (Cost, 4)],
            60_000.0,
            Some(days(5, 10, 25)),
        ),
        (
            "R5",
            "Legacy data quality worse than sampled",
            threat,
            "Technical",
            "Data lead",
            vec![t.migr],
            0.55,
            vec![(Schedule, 3), (ScopeQuality, 3)],
            15_000.0,
            Some(days(3, 6, 12)),
        ),
        (
            "R6",
            "Performance below target at production load",
            threat,
            "Technical",
            "Solution architect",
            vec![t.sit],
            0.25,
            vec![(Schedule, 3), (ScopeQuality, 4), (Reputation, 4)],
            20_000.0,
            Some(days(3, 5, 10)),
        ),
        (
            "R7",
            "Client subject experts unavailable for workshops",
            threat,
            "Client",
            "Business analyst",
            vec![t.req],
            0.4,
            vec![(Schedule, 3)],
            6_000.0,
            Some(days(2, 4, 8)),
        ),
        (
            "R8",
            "Security audit raises findings before go-live",
            threat,
            "Compliance",
            "",
            vec![t.sit],
            0.2,
            vec![(Schedule, 2), (Reputation, 3)],
            12_000.0,
            Some(days(2, 3, 6)),
        ),
        (
            "R9",
            "Production hosting delivered late",
            threat,
            "Supplier",
            "Infrastructure lead",
            vec![t.golive],
            0.15,
            vec![(Schedule, 2)],
            5_000.0,
            Some(days(1, 3, 5)),
        ),
        (
            "R10",
            "Training material reworked after UI changes",
            threat,
            "Scope",
            "Training lead",
            vec![t.train],
            0.3,
            vec![(Cost, 1), (Schedule, 2)],
            4_000.0,
            Some(days(1, 2, 4)),
        ),
        (
            "R11",
            "Licence prices rise with the exchange rate",
            threat,
            "Commercial",
            "Commercial manager",
            vec![],
            0.3,
            vec![(Cost, 2)],
            10_000.0,
            None,
        ),
        (
            "O1",
            "Reuse reporting components from a previous project",
            opportunity,
            "Technical",
            "Solution architect",
            vec![t.reports],
            0.5,
            vec![(Cost, 3), (Schedule, 2)],
            15_000.0,
            None,
        ),
        (
            "O2",
            "Client contributes its test automation suite",
            opportunity,
            "Client",
            "Test lead",
            vec![t.sit],
            0.3,
            vec![(Cost, 2)],
            8_000.0,
            None,
        ),
    ];
    for (id, title, kind, category, owner, tasks, p, dims, cost, delay) in rows {
        let mut r = Risk::new(id, title, kind).with_tasks(tasks);
        r.category = category.into();
        r.owner = owner.into();
        r.identified = Some(identified);
        // Fortnightly reviews for the two risks the client steering group watches.
        r.next_review = Some(if matches!(id, "R3" | "R5") {
            date(5, 10)?
        } else {
            date(6, 1)?
        });
        let mut a = Assessment::by_dimension(p, &dims).with_cost(cost);
        a.delay = delay;
        r.inherent = Some(a);
        reg.add(r)?;
    }
    // Responses, and what is left after them (residual assessments on 1 April).
    let action = |description: &str, owner: &str, due: NaiveDate, cost: f64, status| Action {
        description: description.into(),
        owner: owner.into(),
        due: Some(due),
        cost,
        status,
        task: None,
    };
    let respond = |reg: &mut RiskRegister, id: &str, strategy, actions| {
        reg.add_response(id, Response { strategy, actions })
    };
    respond(
        &mut reg,
        "R1",
        Strategy::Mitigate,
        vec![action(
            "Change control board; every request priced before work starts",
            "Project manager",
            date(3, 15)?,
            2_000.0,
            ActionStatus::Done,
        )],
    )?;
    respond(
        &mut reg,
        "R4",
        Strategy::Mitigate,
        vec![action(
            "Two-week interface spike with the client's ERP team",
            "Solution architect",
            date(4, 30)?,
            9_000.0,
            ActionStatus::InProgress,
        )],
    )?;
    respond(
        &mut reg,
        "R5",
        Strategy::Mitigate,
        vec![action(
            "Profile a full data extract before migration design",
            "Data lead",
            date(5, 14)?,
            3_000.0,
            ActionStatus::Open,
        )],
    )?;
    respond(
        &mut reg,
        "R2",
        Strategy::Mitigate,
        vec![action(
            "Pair a second developer on the finance module",
            "Delivery lead",
            date(6, 1)?,
            0.0,
            ActionStatus::Open,
        )],
    )?;
    respond(
        &mut reg,
        "R11",
        Strategy::Transfer,
        vec![action(
            "Fix licence prices in the client contract",
            "Commercial manager",
            date(3, 1)?,
            0.0,
            ActionStatus::Done,
        )],
    )?;
    respond(&mut reg, "O1", Strategy::Exploit, vec![])?;
    let on = date(4, 1)?;
    let residual = |p: f64, dims: &[(planix::risk::Dimension, u8)], cost: f64, delay| {
        let mut a = Assessment::by_dimension(p, dims).with_cost(cost);
        a.delay = delay;
        a
    };
    reg.assess_residual(
        "R1",
        residual(
            0.3,
            &[(Schedule, 3), (Cost, 3)],
            30_000.0,
            Some(days(2, 5, 10)),
        ),
        on,
    )?;
    reg.assess_residual(
        "R4",
        residual(
            0.3,
            &[(Schedule, 4), (Cost, 4)],
            50_000.0,
            Some(days(4, 8, 18)),
        ),
        on,
    )?;
    reg.assess_residual("R11", residual(0.05, &[(Cost, 2)], 10_000.0, None), on)?;
    reg.set_status("R11", planix::risk::RiskStatus::Monitored, on)?;
    Ok(reg)
}

/// The client side of the Northwind project, walked through its lifecycle.
fn client_side(
    live: &mut Project,
    t: &Ids,
    reg: &RiskRegister,
) -> Result<Engagement, Box<dyn std::error::Error>> {
    use planix::client::{
        ActionItem, Change, ChangeRequest, CommItem, Decision, Deliverable, Frequency, Level,
        LogEntry, LogKind, Moscow, Objective, Requirement, RequirementStatus, Score, SignOff,
        Stakeholder, SurveyResponse,
    };
    use planix::lifecycle::advance_phase;
    let date = |m: u32, d: u32| NaiveDate::from_ymd_opt(2027, m, d).ok_or("bad date");
    let mut e = Engagement::new("Northwind Logistics");
    e.account.industry = "Logistics".into();
    e.account.contract_value = 1_250_000.0;
    e.add_contact(planix::client::Contact {
        name: "Dana Kim".into(),
        role: "CIO".into(),
        email: "dana.kim@northwind.example".into(),
        phone: String::new(),
    })?;
    for (id, name, role, org, power, interest) in [
        (
            "S1",
            "Dana Kim",
            "CIO (sponsor)",
            "Northwind",
            Level::High,
            Level::High,
        ),
        (
            "S2",
            "Lee Park",
            "CFO",
            "Northwind",
            Level::High,
            Level::Low,
        ),
        (
            "S3",
            "Ana Ruiz",
            "Warehouse operations manager",
            "Northwind",
            Level::Low,
            Level::High,
        ),
        (
            "S4",
            "Sam Okoye",
            "IT operations lead",
            "Northwind",
            Level::Low,
            Level::Low,
        ),
    ] {
        let mut s = Stakeholder::new(id, name, role).with_grid(power, interest);
        s.organisation = org.into();
        e.add_stakeholder(s)?;
    }
    e.add_objective(Objective::new(
        "O1",
        "Cut order-to-dispatch time",
        &[("Median order-to-dispatch time", "under 4 hours")],
    ))?;
    e.add_objective(Objective::new(
        "O2",
        "One system of record for stock",
        &[("Stock accuracy at cycle count", "at least 99.5%")],
    ))?;
    for s in [
        "Inventory, finance and HR modules",
        "Integration with the client ERP",
        "Data migration and training",
    ] {
        e.add_scope(s, true)?;
    }
    e.add_scope("Mobile apps for drivers", false)?;
    let deliverable = |id: &str, name: &str, tasks: Vec<TaskId>, due: NaiveDate, criteria: &str| {
        let mut d = Deliverable::new(id, name);
        d.tasks = tasks;
        d.due = Some(due);
        d.acceptance = vec![criteria.into()];
        d
    };
    e.add_deliverable(deliverable(
        "D1",
        "Core platform",
        vec![t.core_mod],
        date(6, 30)?,
        "Data model reviewed by the client architect",
    ))?;
    e.add_deliverable(deliverable(
        "D2",
        "Inventory, finance and HR modules",
        vec![t.inv, t.fin, t.hr],
        date(7, 31)?,
        "UAT scripts pass",
    ))?;
    e.add_deliverable(deliverable(
        "D3",
        "ERP interface",
        vec![t.integ],
        date(7, 31)?,
        "Orders and invoices reconcile for a full week",
    ))?;
    e.add_deliverable(deliverable(
        "D4",
        "Migrated data",
        vec![t.migr],
        date(8, 31)?,
        "Stock counts match the legacy system",
    ))?;
    e.add_deliverable(deliverable(
        "D5",
        "Trained users",
        vec![t.train],
        date(9, 15)?,
        "80% of users pass the course quiz",
    ))?;
    e.add_deliverable(deliverable(
        "D6",
        "Live system with reports",
        vec![t.reports, t.sit, t.uat, t.golive],
        date(9, 30)?,
        "Go-live checklist signed",
    ))?;
    for (id, title, p, dels, tasks) in [
        (
            "REQ-1",
            "Orders flow from the ERP to the warehouse without re-keying",
            Moscow::Must,
            vec!["D3"],
            vec![],
        ),
        (
            "REQ-2",
            "Real-time stock by location",
            Moscow::Must,
            vec!["D1", "D2"],
            vec![],
        ),
        (
            "REQ-3",
            "Month-end close in the finance module",
            Moscow::Must,
            vec!["D2"],
            vec![],
        ),
        (
            "REQ-4",
            "Historic stock and orders available from day one",
            Moscow::Must,
            vec!["D4"],
            vec![],
        ),
        (
            "REQ-5",
            "Dispatch dashboards for shift leads",
            Moscow::Should,
            vec!["D6"],
            vec![],
        ),
        (
            "REQ-6",
            "Staff able to use the system at go-live",
            Moscow::Should,
            vec!["D5"],
            vec![],
        ),
        (
            "REQ-7",
            "Leave planning in the HR module",
            Moscow::Could,
            vec!["D2"],
            vec![t.hr],
        ),
        ("REQ-8", "Driver mobile app", Moscow::Wont, vec![], vec![]),
    ] {
        let mut r = Requirement::new(id, title, p);
        r.source = Some(if id == "REQ-3" { "S2" } else { "S3" }.into());
        r.deliverables = dels.into_iter().map(String::from).collect();
        r.tasks = tasks;
        e.add_requirement(r)?;
    }
    let tr = e.traceability(live)?;
    println!(
        "\nClient: {} ({} stakeholders; {} requirements, {} deliverables)",
        e.account.organisation,
        e.stakeholders().len(),
        e.requirements().len(),
        e.deliverables().len()
    );
    for s in e.stakeholders() {
        println!("  {:<10} {:<30} {:?}", s.name, s.role, s.strategy());
    }
    println!(
        "  traceability: {} requirements without a deliverable {:?}, {} work tasks serve no requirement (project management and closing work)",
        tr.without_deliverable.len(),
        tr.without_deliverable,
        tr.unrequired_tasks.len()
    );
    e.add_comm_item(CommItem {
        id: "C1".into(),
        what: "Weekly status report".into(),
        audience: vec!["S1".into(), "S2".into()],
        channel: planix::client::Channel::Report,
        frequency: Frequency::Weekly,
        start: date(3, 5)?,
        until: None,
        owner: "Delivery lead".into(),
    })?;
    let mut kickoff = LogEntry::new(
        "L1",
        date(3, 2)?,
        LogKind::Meeting,
        "Kick-off with the client leadership",
    );
    kickoff.stakeholders = vec!["S1".into(), "S2".into(), "S3".into()];
    kickoff.actions = vec![ActionItem {
        description: "Send a full legacy data extract".into(),
        owner: "Sam Okoye".into(),
        due: Some(date(3, 19)?),
        done: false,
    }];
    e.add_log_entry(kickoff)?;

    // Initiation → planning once the charter is agreed.
    advance_phase(&mut e, live, date(3, 12)?)?;
    for id in ["REQ-1", "REQ-2", "REQ-3", "REQ-4"] {
        e.set_requirement_status(id, RequirementStatus::Approved)?;
    }
    e.complete_action("L1", 0)?;
    advance_phase(&mut e, live, date(3, 26)?)?;

    // The client asks for an order-tracking portal: analysed, approved, applied.
    let cr = ChangeRequest::new(
        "CR-1",
        "Customer order-tracking portal",
        "S3",
        date(5, 10)?,
        vec![
            Change::AddTask {
                name: "Customer order-tracking portal".into(),
                duration: live.project_calendar().days(10),
                parent: live.task(t.reports).and_then(|x| x.parent),
                after: vec![t.reports],
                before: vec![t.sit],
                fixed_cost: 18_000.0,
            },
            Change::AddScope {
                statement: "Customer order-tracking portal".into(),
            },
        ],
    );
    e.submit_change(cr)?;
    let a = e.analyse_change("CR-1", live)?.clone();
    let mpd = live.project_calendar().minutes_per_day();
    println!(
        "  CR-1 Customer order-tracking portal: finish {} -> {} ({:+.1} working days), cost {:+.0}, milestones moved: {}, deliverables affected: {}",
        a.finish_before,
        a.finish_after,
        a.finish_shift.as_days(mpd),
        a.cost_after - a.cost_before,
        a.milestones.len(),
        a.deliverables.join(", ")
    );
    e.decide_change(
        "CR-1",
        Decision {
            by: "S1".into(),
            date: date(5, 14)?,
            approved: true,
            note: "Worth two weeks".into(),
        },
    )?;
    e.implement_change("CR-1", live, date(5, 17)?)?;

    // UAT: two issues the client reports. The legacy-data risk R5 occurs (it becomes an
    // issue, and the register kept through delivery marks it occurred); a label-printing
    // crash needs a fix and a re-test before the client accepts UAT, raised as change
    // request CR-2 and implemented. A status report during UAT shows both open.
    uat_issues(&mut e, live, t, reg)?;

    // Execution → monitoring when the must-haves are built.
    for id in ["REQ-1", "REQ-2", "REQ-3", "REQ-4"] {
        e.set_requirement_status(id, RequirementStatus::Implemented)?;
    }
    let finish = live.schedule()?.finish().date();
    advance_phase(&mut e, live, date(8, 2)?)?;
    // Every weekly status report sent (logged) up to the monitoring gate.
    for (k, due) in e
        .communications_due(date(3, 1)?, finish)
        .into_iter()
        .enumerate()
    {
        let mut l = LogEntry::new(
            format!("W{}", k + 1),
            due.date,
            LogKind::Email,
            "Status report sent",
        );
        l.plan_item = Some(due.item);
        e.add_log_entry(l)?;
    }
    advance_phase(&mut e, live, finish)?;

    // Closing: acceptance, satisfaction, lessons.
    let signed = finish + chrono::Days::new(7);
    for d in ["D1", "D2", "D3", "D4", "D5", "D6"] {
        e.sign_off(
            d,
            SignOff {
                by: "S1".into(),
                date: signed,
                accepted: true,
                reasons: String::new(),
            },
        )?;
    }
    for (who, csat, nps) in [("S1", 5, 9), ("S2", 4, 8), ("S3", 5, 10), ("S4", 3, 6)] {
        e.add_survey_response(SurveyResponse {
            date: signed,
            stakeholder: Some(who.into()),
            score: Score::Csat(csat),
        })?;
        e.add_survey_response(SurveyResponse {
            date: signed,
            stakeholder: Some(who.into()),
            score: Score::Nps(nps),
        })?;
    }
    e.add_lesson("Profile the legacy data before estimating the migration")?;
    e.add_lesson("Price every change request before work starts")?;
    e.record_outcome(
        "O1",
        "Median order-to-dispatch 3 h 10 min after four weeks",
        true,
    )?;
    e.record_outcome("O2", "Stock accuracy 99.7% at the first cycle count", true)?;
    advance_phase(&mut e, live, signed + chrono::Days::new(3))?;
    println!(
        "  CSAT {:.0}%, NPS {:+.0} (4 respondents)",
        e.csat().unwrap_or(0.0),
        e.nps().unwrap_or(0.0)
    );
    println!(
        "  phases: {}",
        e.lifecycle
            .history
            .iter()
            .map(|h| format!("{:?} {}", h.phase, h.entered))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let charter = planix::io::charter(live, &e, Some(reg))?;
    println!(
        "  charter: {} lines of Markdown ({})",
        charter.lines().count(),
        charter.lines().next().unwrap_or_default()
    );
    Ok(e)
}

/// Baseline 0 of the plan, then progress at Fri 14 May 2027 17:00: work due by then is
/// done (requirements workshops two days late), work under way is 80% as far along as
/// planned, and actual costs run 8–10% over. Prints earned value, earned schedule, the
/// alerts and the failed DCMA metrics; returns the status report.
fn monitoring(
    p: &mut Project,
    engagement: &Engagement,
    reg: &RiskRegister,
) -> Result<String, Box<dyn std::error::Error>> {
    use planix::control::{EvMethod, HealthOptions, dcma, earned_value, health, save_baseline};
    save_baseline(p, 0, None)?;
    let b = p.baseline(0).ok_or("no baseline")?.clone();
    let status = at(2027, 5, 14, 17);
    p.set_status_date(Some(status))?;
    let cal = p.project_calendar().clone();
    let leaves: Vec<TaskId> = p
        .tasks()
        .map(|t| t.id())
        .filter(|&id| p.kind(id) != Some(planix::TaskKind::Summary))
        .collect();
    for id in leaves {
        let Some(bt) = b.tasks.get(&id).copied() else {
            continue;
        };
        if bt.start >= status {
            continue;
        }
        let name = p.task(id).map(|t| t.name.clone()).unwrap_or_default();
        if bt.finish <= status {
            let finish = if name == "Requirements workshops" {
                cal.add_working_time(bt.finish, cal.days(2))?.min(status)
            } else {
                bt.finish
            };
            p.edit_task(id, |t| {
                t.progress.actual_start = Some(bt.start);
                t.progress.actual_finish = Some(finish);
                t.progress.percent_complete = 100;
                t.progress.actual_cost = Some((bt.cost * 1.08).round());
            })?;
        } else {
            let span = cal
                .working_time_between(bt.start, bt.finish)?
                .as_minutes()
                .max(1);
            let done = cal.working_time_between(bt.start, status)?.as_minutes();
            let pct = ((80 * done) / span).clamp(1, 99) as u8;
            p.edit_task(id, |t| {
                t.progress.actual_start = Some(bt.start);
                t.progress.percent_complete = pct;
                t.progress.actual_cost = Some((bt.cost * f64::from(pct) / 100.0 * 1.1).round());
            })?;
        }
    }
    let ev = earned_value(p, 0, EvMethod::PercentComplete)?;
    let f = &ev.project;
    let es = &ev.earned_schedule;
    println!("\nMonitoring at {status} against baseline 0:");
    println!(
        "  PV {:.0}, EV {:.0}, AC {:.0}; SPI {:.2}, CPI {:.2}; EAC {:.0} (BAC {:.0}), TCPI {:.2}",
        f.pv,
        f.ev,
        f.ac,
        f.spi.unwrap_or(0.0),
        f.cpi.unwrap_or(0.0),
        f.eac_cpi.unwrap_or(0.0),
        f.bac,
        f.tcpi_bac.unwrap_or(0.0)
    );
    println!(
        "  earned schedule: ES {:.1} of AT {:.1} working days, SPI(t) {:.2}, forecast finish {}",
        es.es,
        es.at,
        es.spi_t.unwrap_or(0.0),
        es.forecast_finish
            .map(|d| d.to_string())
            .unwrap_or_default()
    );
    let h = health(p, Some(engagement), Some(reg), &HealthOptions::default())?;
    println!("  health: {:?}", h.overall);
    for x in &h.findings {
        println!("    {:?} {}: {}", x.severity, x.area, x.message);
    }
    let d = dcma(p, Some(0))?;
    println!(
        "  DCMA: {} of 14 metrics fail: {}",
        d.failed().count(),
        d.failed()
            .map(|m| format!("{} {}", m.number, m.name))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(planix::io::status_report(
        p,
        Some(engagement),
        Some(reg),
        &planix::io::StatusOptions::default(),
    )?)
}

/// The UAT issues of the case study (see the call in `client_side`).
fn uat_issues(
    e: &mut Engagement,
    live: &mut Project,
    t: &Ids,
    reg: &RiskRegister,
) -> Result<(), Box<dyn std::error::Error>> {
    use planix::client::{Decision, FixTask, Issue, IssueImpact, IssueStatus, LogEntry, LogKind};
    let cal = live.project_calendar().clone();
    let s = live.schedule()?;
    let uat_start = s.task(t.uat).ok_or("no UAT task")?.start();
    let accept = live
        .tasks()
        .find(|x| x.name == "Client accepts UAT")
        .map(|x| x.id())
        .ok_or("no UAT milestone")?;
    let accepted_before = s.task(accept).ok_or("no UAT milestone")?.finish();
    let day = |n: i64, h: u32| -> Result<chrono::NaiveDateTime, Box<dyn std::error::Error>> {
        let d = cal.add_working_time(uat_start, cal.days(n))?.date();
        Ok(d.and_hms_opt(h, 0, 0).ok_or("bad hour")?)
    };
    let mut live_reg = reg.clone();
    let mut data = Issue::new(
        "I-1",
        "Migrated customer addresses fail validation",
        "S3",
        day(1, 10)?,
        "high",
    );
    data.category = "data".into();
    data.owner = Some("Tom Evans (business analyst)".into());
    data.description = "412 of 18,000 migrated addresses lack a postcode; dispatch labels cannot be printed for them.".into();
    e.issue_from_risk(&mut live_reg, "R5", data)?;
    e.set_issue_status(
        "I-1",
        IssueStatus::InProgress,
        day(1, 14)?,
        "Tom Evans (business analyst)",
        "cleansing script written",
    )?;
    e.set_issue_status(
        "I-1",
        IssueStatus::WaitingOnClient,
        day(2, 11)?,
        "Tom Evans (business analyst)",
        "client to confirm 37 addresses by phone",
    )?;

    let mut crash = Issue::new(
        "I-2",
        "Label printing crashes at dispatch",
        "S1",
        day(3, 9)?,
        "critical",
    );
    crash.category = "defect".into();
    crash.owner = Some("Developers (team of 3)".into());
    crash.tasks = vec![t.uat];
    crash.decision_needed = true;
    crash.impact = Some(IssueImpact {
        extra_cost: 4_800.0,
        fix_task: Some(FixTask {
            name: "Fix label printing and re-test".into(),
            duration: cal.days(3),
            after: vec![t.uat],
            before: vec![accept],
            parent: None,
        }),
        ..IssueImpact::default()
    });
    e.add_issue(crash)?;
    e.set_issue_status(
        "I-2",
        IssueStatus::InProgress,
        day(3, 11)?,
        "Developers (team of 3)",
        "reproduced on the warehouse printers",
    )?;
    let a = e.analyse_issue("I-2", live)?.clone();

    // A status report in the middle of UAT: the plan baselined as it stands, progress as
    // planned up to the status date.
    let status = day(4, 17)?;
    let mut view = live.clone();
    planix::control::save_baseline(&mut view, 0, None)?;
    view.set_status_date(Some(status))?;
    let b = view.baseline(0).ok_or("no baseline")?.clone();
    let leaves: Vec<TaskId> = view
        .tasks()
        .map(|x| x.id())
        .filter(|&id| view.kind(id) != Some(planix::TaskKind::Summary))
        .collect();
    for id in leaves {
        let Some(bt) = b.tasks.get(&id).copied() else {
            continue;
        };
        if bt.start >= status {
            continue;
        }
        let span = cal
            .working_time_between(bt.start, bt.finish)?
            .as_minutes()
            .max(1);
        let done = cal.working_time_between(bt.start, status)?.as_minutes();
        view.edit_task(id, |x| {
            x.progress.actual_start = Some(bt.start);
            if bt.finish <= status {
                x.progress.actual_finish = Some(bt.finish);
                x.progress.percent_complete = 100;
            } else {
                x.progress.percent_complete = ((100 * done) / span).clamp(1, 99) as u8;
            }
        })?;
    }
    let report = planix::io::status_report(
        &view,
        Some(e),
        Some(&live_reg),
        &planix::io::StatusOptions::default(),
    )?;
    let issues = report
        .split("\n## Open issues")
        .nth(1)
        .and_then(|x| x.split("\n## ").next())
        .unwrap_or_default();
    println!(
        "\nUAT status report at {status}, open issues:{}",
        issues.trim_end()
    );

    // The client approves the fix as CR-2; it moves UAT acceptance.
    e.issue_to_change("I-2", "CR-2", "S1", status.date(), live)?;
    e.analyse_change("CR-2", live)?;
    let mut log = LogEntry::new(
        "L-UAT",
        status.date(),
        LogKind::Decision,
        "Fix label printing before UAT sign-off rather than ship with a manual workaround",
    );
    log.stakeholders = vec!["S1".into(), "S3".into()];
    log.options = vec![
        "fix before sign-off".into(),
        "manual labels for four weeks".into(),
    ];
    log.issues = vec!["I-2".into()];
    log.changes = vec!["CR-2".into()];
    e.add_log_entry(log)?;
    e.decide_change(
        "CR-2",
        Decision {
            by: "S1".into(),
            date: status.date(),
            approved: true,
            note: "Dispatch cannot run on manual labels".into(),
        },
    )?;
    e.implement_change("CR-2", live, status.date())?;
    let fixed = live.schedule()?;
    let accepted_after = fixed.task(accept).ok_or("no UAT milestone")?.finish();
    e.set_issue_status(
        "I-1",
        IssueStatus::InProgress,
        day(5, 9)?,
        "Tom Evans (business analyst)",
        "client confirmed the addresses",
    )?;
    e.resolve_issue(
        "I-1",
        day(5, 15)?,
        "Tom Evans (business analyst)",
        "addresses cleansed and re-migrated",
        "legacy data not profiled before estimating the migration",
    )?;
    e.resolve_issue(
        "I-2",
        day(8, 16)?,
        "Developers (team of 3)",
        "printer driver updated, dispatch re-tested",
        "printer model not in the test lab",
    )?;
    println!(
        "  I-2's fix (CR-2, {:+.1} working days on the finish): UAT accepted {} -> {}; R5 now {:?} in the live register",
        a.finish_shift.as_days(cal.minutes_per_day()),
        accepted_before,
        accepted_after,
        live_reg.get("R5").map(|r| r.status).ok_or("no R5")?
    );
    let ages = e.issue_ages(live, day(9, 9)?)?;
    for x in &ages {
        println!(
            "  {} {}: {:.1} working days to resolve, {:.1} waiting on the client, {}",
            x.id,
            x.severity,
            x.resolved_after
                .map_or(0.0, |d| d.as_days(cal.minutes_per_day())),
            x.waiting.as_days(cal.minutes_per_day()),
            if x.resolution_breached {
                "past its target"
            } else {
                "within its target"
            }
        );
    }
    Ok(())
}
