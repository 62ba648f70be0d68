//! A small agency's portfolio: three client projects, one team shared through a pool
//! (two developers by role, a designer and a tester by name), a cross-project link (the
//! Globex shop reuses Acme's payment module), project priorities. Schedules, levels
//! across projects, adopts the leveling into every project, forecasts the portfolio with
//! and without the team's limits, prints the rollup and writes the portfolio document.
//!
//! `cargo run -p planix-examples --example portfolio [OUT.json]`

use chrono::NaiveDate;
use planix::portfolio::{CrossLink, PoolResource, Portfolio, TaskRef};
use planix::resources::LevelOptions;
use planix::simulate::SimulationOptions;
use planix::{Assignment, Estimate, LinkKind, Project, Resource, Task, TaskId};

/// One client project: (task, days, who) in a chain, with a three-point estimate each.
fn client(
    name: &str,
    start: (i32, u32, u32),
    steps: &[(&str, i64, &str)],
) -> Result<(Project, Vec<TaskId>), Box<dyn std::error::Error>> {
    let at = NaiveDate::from_ymd_opt(start.0, start.1, start.2)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .ok_or("date")?;
    let mut p = Project::new(name, at);
    let cal = p.project_calendar().clone();
    let mut people = std::collections::BTreeMap::new();
    let mut ids = Vec::new();
    for &(task, days, who) in steps {
        let d = cal.days(days);
        let m = d.as_minutes();
        let e = Estimate::pert(
            planix::Duration::minutes(m * 8 / 10),
            d,
            planix::Duration::minutes(m * 16 / 10),
        );
        let t = p.add_task(Task::new(task).with_duration(d).with_estimate(e))?;
        if let Some(&prev) = ids.last() {
            p.link(prev, t)?;
        }
        if !who.is_empty() {
            let r = match people.get(who) {
                Some(&r) => r,
                None => {
                    let r = p.add_resource(Resource::work(who, 1.0))?;
                    people.insert(who, r);
                    r
                }
            };
            p.assign(Assignment::new(t, r, 1.0))?;
        }
        ids.push(t);
    }
    let done = p.add_task(Task::new("Handover").as_milestone())?;
    if let Some(&last) = ids.last() {
        p.link(last, done)?;
    }
    ids.push(done);
    Ok((p, ids))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut pf = Portfolio::new("Northwind Digital: client work, Q1 2027");
    let rate = |r: PoolResource, per_hour: f64| PoolResource {
        standard_rate: per_hour,
        ..r
    };
    pf.add_pool_resource(rate(
        PoolResource::new("Ana", 1.0).with_role("developer"),
        95.0,
    ))?;
    pf.add_pool_resource(rate(
        PoolResource::new("Ben", 1.0).with_role("developer"),
        95.0,
    ))?;
    pf.add_pool_resource(rate(PoolResource::new("Chloe (designer)", 1.0), 85.0))?;
    pf.add_pool_resource(rate(PoolResource::new("Dev (tester)", 1.0), 70.0))?;
    let (acme, a) = client(
        "Acme payments",
        (2027, 1, 4),
        &[
            ("Design", 5, "Chloe (designer)"),
            ("Payment module", 10, "role:developer"),
            ("Checkout", 8, "role:developer"),
            ("Test", 5, "Dev (tester)"),
        ],
    )?;
    let (globex, g) = client(
        "Globex shop",
        (2027, 1, 11),
        &[
            ("Design", 6, "Chloe (designer)"),
            ("Catalogue", 8, "role:developer"),
            ("Shop front", 10, "role:developer"),
            ("Test", 4, "Dev (tester)"),
        ],
    )?;
    let (initech, _) = client(
        "Initech intranet",
        (2027, 1, 4),
        &[
            ("Design", 4, "Chloe (designer)"),
            ("Build", 12, "role:developer"),
            ("Test", 3, "Dev (tester)"),
        ],
    )?;
    pf.add_project("acme", acme, 800)?;
    pf.add_project("globex", globex, 600)?;
    pf.add_project("initech", initech, 400)?;
    // Globex's shop front takes payments with Acme's module.
    pf.link(CrossLink {
        predecessor: TaskRef::new("acme", a[1]),
        successor: TaskRef::new("globex", g[2]),
        kind: LinkKind::Fs,
        lag: planix::Duration::ZERO,
    })?;
    let plan = pf.schedule()?;
    println!("Unleveled (the team booked several times over):");
    for (k, s) in &plan.projects {
        println!("  {k:<8} {} -> {}", s.start(), s.finish());
    }
    let leveled = pf.level(&LevelOptions::default())?;
    println!("Leveled across projects, by priority:");
    for (k, s) in &leveled.projects {
        println!("  {k:<8} {} -> {}", s.start(), s.finish());
    }
    for d in leveled.delays.iter().take(4) {
        println!(
            "  {}:{} {} waits {:.1} days for {} (held by {})",
            d.task.project,
            d.task.task,
            d.name,
            d.delay.as_days(480),
            d.resource_name,
            d.competing_projects.join(", ")
        );
    }
    pf.apply_leveling(&leveled)?;
    let mut o = SimulationOptions::new(5_000, 2027);
    o.resource_constrained = true;
    let mc = pf.simulate(&o)?;
    println!(
        "Portfolio P50 {} / P80 {} with the team's limits; P80 {} without",
        mc.percentile(50.0),
        mc.percentile(80.0),
        mc.finish_without_resource_limits
            .as_ref()
            .map(|d| d.percentile(80.0).to_string())
            .unwrap_or_default()
    );
    for m in &mc.milestones {
        if m.name.ends_with(" finish") {
            println!("  {:<16} P80 {}", m.name, m.finish.percentile(80.0));
        }
    }
    print!("{}", pf.rollup()?.table());
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/portfolio.json".into());
    std::fs::write(&out, pf.to_json())?;
    println!("portfolio written to {out}");
    Ok(())
}
