//! A plain-text schedule table for people.

use crate::model::Project;
use crate::schedule::Schedule;

/// Renders a schedule as a fixed-width text table in WBS order: outline number, name
/// (indented by level), start, finish, duration in days, total and free float in days,
/// and a `*` for critical tasks; then the project finish, critical path and warnings.
pub fn schedule_table(project: &Project, schedule: &Schedule) -> String {
    let mpd = project.project_calendar().minutes_per_day();
    let days = |m: i64| format!("{:.1}d", m as f64 / f64::from(mpd));
    let mut order = vec![];
    let mut stack: Vec<_> = project
        .roots()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    while let Some(id) = stack.pop() {
        order.push(id);
        let kids: Vec<_> = project.children(id).collect();
        stack.extend(kids.into_iter().rev());
    }
    let mut out = String::new();
    out.push_str(&format!(
        "{:<8} {:<44} {:<16} {:<16} {:>7} {:>7} {:>7} {}\n",
        "WBS", "Task", "Start", "Finish", "Dur", "TF", "FF", "Crit"
    ));
    for id in order {
        let (Some(t), Some(level)) = (schedule.task(id), project.outline_level(id)) else {
            continue;
        };
        let mut name = format!("{}{}", "  ".repeat(level - 1), t.name());
        if name.chars().count() > 44 {
            name = name.chars().take(43).collect::<String>() + "…";
        }
        out.push_str(&format!(
            "{:<8} {:<44} {:<16} {:<16} {:>7} {:>7} {:>7} {}\n",
            project.outline_number(id).unwrap_or_default(),
            name,
            t.start().format("%Y-%m-%d %H:%M"),
            t.finish().format("%Y-%m-%d %H:%M"),
            days(t.duration().as_minutes()),
            days(t.total_float().as_minutes()),
            days(t.free_float().as_minutes()),
            if t.is_critical() { "*" } else { "" }
        ));
    }
    out.push_str(&format!(
        "\nProject finish: {}\n",
        schedule.finish().format("%Y-%m-%d %H:%M")
    ));
    let path: Vec<String> = schedule
        .critical_path()
        .iter()
        .map(|id| project.task(*id).map_or(id.to_string(), |t| t.name.clone()))
        .collect();
    out.push_str(&format!("Critical path: {}\n", path.join(" -> ")));
    for w in schedule.warnings() {
        out.push_str(&format!("warning: {w}\n"));
    }
    out
}
