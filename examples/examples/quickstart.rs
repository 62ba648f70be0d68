//! Quickstart: three tasks, one link with a lag, the schedule printed.

use chrono::NaiveDate;
use planix::{Dependency, Lag, Project, Task};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .ok_or("date")?;
    let mut p = Project::new("Website relaunch", start);
    let cal = p.project_calendar().clone();
    let design = p.add_task(Task::new("Design").with_duration(cal.days(3)))?;
    let build = p.add_task(Task::new("Build").with_duration(cal.days(5)))?;
    let live = p.add_task(Task::new("Go live"))?;
    p.add_dependency(Dependency::new(design, build).with_lag(Lag::Working(cal.days(1))))?;
    p.link(build, live)?;
    let s = p.schedule()?;
    for t in s.tasks() {
        println!(
            "{:<8} {} -> {}  float {} min",
            t.name(),
            t.start(),
            t.finish(),
            t.total_float().as_minutes()
        );
    }
    println!("finish: {}", s.finish());
    Ok(())
}
