//! Critical path of the General Foundry network (Render, Stair & Hanna), with drivers.

use chrono::NaiveDate;
use planix::{Calendar, Duration, Project, Task};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .ok_or("date")?;
    let mut p = Project::new("General Foundry", start);
    let c = p.add_calendar(Calendar::standard())?;
    p.set_project_calendar(c)?;
    let week = p.project_calendar().weeks(1).as_minutes();
    let acts = [
        ("A", 2, vec![]),
        ("B", 3, vec![]),
        ("C", 2, vec![0]),
        ("D", 4, vec![1]),
        ("E", 4, vec![2]),
        ("F", 3, vec![2]),
        ("G", 5, vec![3, 4]),
        ("H", 2, vec![5, 6]),
    ];
    let mut ids = vec![];
    for (name, w, preds) in &acts {
        let id = p.add_task(Task::new(*name).with_duration(Duration::minutes(w * week)))?;
        for &i in preds {
            p.link(ids[i], id)?;
        }
        ids.push(id);
    }
    let s = p.schedule()?;
    for t in s.tasks() {
        println!(
            "{} ES {} LF {} slack {:.0} weeks, driver {:?}",
            t.name(),
            t.early_start().date(),
            t.late_finish().date(),
            t.total_float().as_minutes() as f64 / week as f64,
            t.driver()
        );
    }
    let path: Vec<&str> = s
        .critical_path()
        .iter()
        .filter_map(|id| p.task(*id).map(|t| t.name.as_str()))
        .collect();
    println!("critical path: {}", path.join(" -> "));
    Ok(())
}
