//! A risk register for a small client website project: four risks on a 5×5 matrix, their
//! EMV, the heat map, alerts, and the finish date with and without them.
//!
//! Run: `cargo run --release -p planix-examples --example risk_register`

use chrono::NaiveDate;
use planix::risk::{Assessment, Dimension, Risk, RiskKind, RiskRegister, forecast_table};
use planix::simulate::SimulationOptions;
use planix::{Estimate, Project, Task};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let date = |m, d| NaiveDate::from_ymd_opt(2027, m, d).ok_or("bad date");
    let mut p = Project::new(
        "Website relaunch",
        date(3, 1)?.and_hms_opt(8, 0, 0).ok_or("bad time")?,
    );
    let cal = p.project_calendar().clone();
    let day = |n| cal.days(n);
    let (d3, d5, d8, d10) = (day(3), day(5), day(8), day(10));
    let design = p.add_task(Task::new("Design").with_duration(d5))?;
    let content = p.add_task(Task::new("Content from client").with_duration(d8))?;
    let build = p.add_task(Task::new("Build").with_duration(d10))?;
    let launch = p.add_task(Task::new("Launch").with_duration(d3))?;
    p.link(design, build)?;
    p.link(content, launch)?;
    p.link(build, launch)?;

    let mut reg = RiskRegister::new();
    let threat = RiskKind::Threat;
    for (id, title, kind, task, prob, dims, cost, delay) in [
        (
            "R1",
            "Client content arrives late",
            threat,
            content,
            0.6,
            vec![(Dimension::Schedule, 3)],
            3_000.0,
            Some((2, 5, 10)),
        ),
        (
            "R2",
            "Design rework after stakeholder review",
            threat,
            design,
            0.35,
            vec![(Dimension::Schedule, 3), (Dimension::Cost, 2)],
            6_000.0,
            Some((2, 4, 8)),
        ),
        (
            "R3",
            "CMS plug-in incompatible",
            threat,
            build,
            0.2,
            vec![(Dimension::Schedule, 4), (Dimension::ScopeQuality, 3)],
            8_000.0,
            Some((3, 6, 12)),
        ),
        (
            "O1",
            "Reuse the client's brand component library",
            RiskKind::Opportunity,
            design,
            0.5,
            vec![(Dimension::Cost, 2)],
            4_000.0,
            None,
        ),
    ] {
        let mut r = Risk::new(id, title, kind).with_tasks(vec![task]);
        r.identified = Some(date(2, 20)?);
        r.next_review = Some(date(3, 15)?);
        r.owner = if id == "R3" {
            String::new()
        } else {
            "Account lead".into()
        };
        let mut a = Assessment::by_dimension(prob, &dims).with_cost(cost);
        a.delay = delay.map(|(o, m, pe)| Estimate::pert(day(o), day(m), day(pe)));
        r.inherent = Some(a);
        reg.add(r)?;
    }
    for id in ["R1", "R2", "R3", "O1"] {
        println!(
            "{id}: EMV {:>7.0}  score {:.2}  {}",
            reg.emv(id).unwrap_or(0.0),
            reg.score(id).unwrap_or(0.0),
            reg.rating(id).unwrap_or_default()
        );
    }
    for a in reg.alerts(date(3, 20)?) {
        println!("alert: {a}");
    }
    let f = reg.forecast(&p, &SimulationOptions::new(5_000, 1), 80.0)?;
    print!("{}", forecast_table(&reg, &f));
    Ok(())
}
