//! A plain-text schedule table for people.

use crate::model::Project;
use crate::schedule::Schedule;

/// Width of the name column.
const NAME_WIDTH: usize = 44;
/// Deepest indent of the name column, in levels (two spaces each).
const MAX_INDENT: usize = 10;
/// Outline levels shown in full; deeper numbers show "…" and the last levels.
const OUTLINE_LEVELS: usize = 8;

/// "2.3.1" from an outline path; "…" and the last levels for a very deep task.
fn outline_text(path: &[u32]) -> String {
    let tail = &path[path.len().saturating_sub(OUTLINE_LEVELS)..];
    let text: Vec<String> = tail.iter().map(u32::to_string).collect();
    if tail.len() < path.len() {
        format!("….{}", text.join("."))
    } else {
        text.join(".")
    }
}

/// Renders a schedule as a fixed-width text table in WBS order: outline number, name
/// (indented by level), start, finish, duration in days, total and free float in days,
/// and a `*` for critical tasks; then the project finish, critical path and warnings.
pub fn schedule_table(project: &Project, schedule: &Schedule) -> String {
    let mpd = project.project_calendar().minutes_per_day();
    let days = |m: i64| format!("{:.1}d", m as f64 / f64::from(mpd));
    let mut out = String::new();
    out.push_str(&format!(
        "{:<8} {:<44} {:<16} {:<16} {:>7} {:>7} {:>7} {}\n",
        "WBS", "Task", "Start", "Finish", "Dur", "TF", "FF", "Crit"
    ));
    // One walk of the WBS gives every row its outline number and depth (linear; a
    // very deep WBS shows the last levels of the number and an indent capped at the
    // name column's width, so no row grows with the depth).
    project.for_each_outline(|id, path| {
        let Some(t) = schedule.task(id) else {
            return;
        };
        let indent = (path.len() - 1).min(MAX_INDENT);
        let mut name = format!("{}{}", "  ".repeat(indent), t.name());
        if name.chars().count() > NAME_WIDTH {
            name = name.chars().take(NAME_WIDTH - 1).collect::<String>() + "…";
        }
        out.push_str(&format!(
            "{:<8} {:<44} {:<16} {:<16} {:>7} {:>7} {:>7} {}\n",
            outline_text(path),
            name,
            t.start().format("%Y-%m-%d %H:%M"),
            t.finish().format("%Y-%m-%d %H:%M"),
            days(t.duration().as_minutes()),
            days(t.total_float().as_minutes()),
            days(t.free_float().as_minutes()),
            if t.is_critical() { "*" } else { "" }
        ));
    });
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
