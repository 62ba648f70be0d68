//! A Gantt chart in text for terminals: Unicode blocks on a character time scale.

use chrono::{Datelike, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::RenderError;
use super::gantt::{GanttOptions, layout};
use crate::{Project, Schedule, TaskKind};

/// Options of [`text_gantt`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct TextGanttOptions {
    /// Total width in characters (40–1000).
    pub width: usize,
    /// Collapse the WBS below this outline level.
    pub max_level: Option<usize>,
    /// Only these tasks (with their summary tasks).
    pub tasks: Option<Vec<crate::TaskId>>,
    /// Only critical tasks (with their summary tasks).
    pub critical_only: bool,
}

impl Default for TextGanttOptions {
    fn default() -> Self {
        TextGanttOptions {
            width: 100,
            max_level: None,
            tasks: None,
            critical_only: false,
        }
    }
}

/// Draws the Gantt chart as text lines: the WBS with names, then a bar per task on a
/// scale of the plan's span (`█` critical work, `▒` other work, `─` float, `◆`
/// milestone, `▔` summary), a date ruler on top and a legend below.
///
/// # Errors
/// [`RenderError::Option`] for a width outside 40–1000, and as [`super::gantt`].
pub fn text_gantt(
    project: &Project,
    schedule: &Schedule,
    opts: &TextGanttOptions,
) -> Result<String, RenderError> {
    if !(40..=1000).contains(&opts.width) {
        return Err(RenderError::Option {
            option: "width",
            message: format!("{} is not in 40–1000", opts.width),
        });
    }
    let g = GanttOptions {
        max_level: opts.max_level,
        tasks: opts.tasks.clone(),
        critical_only: opts.critical_only,
        links: false,
        resources: false,
        baselines: Some(vec![]),
        status_date: false,
        nonworking: false,
        columns: Some(vec![]),
        title: Some(String::new()),
        scale: Some(super::TimeUnit::Year),
        ..GanttOptions::default()
    };
    let l = layout(project, schedule, None, &g)?;
    let name_w = (opts.width / 3).clamp(12, 40);
    let cols = opts.width.saturating_sub(name_w + 1).max(10);
    let lo = l
        .rows
        .iter()
        .map(|r| r.start)
        .min()
        .unwrap_or(schedule.start());
    let hi = l
        .rows
        .iter()
        .map(|r| {
            if r.critical {
                r.finish
            } else {
                r.late_finish.max(r.finish)
            }
        })
        .max()
        .unwrap_or(schedule.finish())
        .max(lo + chrono::Duration::minutes(1));
    let span = (hi - lo).num_minutes() as f64;
    let col = |t: NaiveDateTime| -> usize {
        let c = ((t - lo).num_minutes() as f64 / span * cols as f64).floor();
        (c.max(0.0) as usize).min(cols - 1)
    };
    let mut out = String::new();
    // Ruler: the first day of each month (or week, for short plans) that fits.
    let mut ruler = vec![' '; cols];
    let days = (hi - lo).num_days();
    let mut d = lo.date();
    let mut last_end = 0usize;
    while d.and_time(NaiveTime::MIN) <= hi {
        let mark = if days > 120 {
            d.day() == 1
        } else {
            d.weekday() == chrono::Weekday::Mon
        };
        if mark {
            let c = col(d.and_time(NaiveTime::MIN).max(lo));
            let label = if days > 120 {
                d.format("%b %Y").to_string()
            } else {
                d.format("%d %b").to_string()
            };
            if c >= last_end && c + label.chars().count() < cols {
                for (k, ch) in label.chars().enumerate() {
                    ruler[c + k] = ch;
                }
                last_end = c + label.chars().count() + 1;
            }
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    out.push_str(&format!(
        "{:<name_w$} ",
        project.name().chars().take(name_w).collect::<String>()
    ));
    out.extend(ruler.iter());
    out.push('\n');
    for r in &l.rows {
        let indent = (r.level - 1).min(8) * 2;
        let label: String = format!("{}{} {}", " ".repeat(indent), r.wbs, r.name);
        let label: String = if label.chars().count() > name_w {
            label
                .chars()
                .take(name_w - 1)
                .chain(std::iter::once('…'))
                .collect()
        } else {
            label
        };
        let mut line = vec![' '; cols];
        let (a, b) = (col(r.start), col(r.finish));
        match r.kind {
            TaskKind::Milestone => line[a] = '◆',
            TaskKind::Summary => line[a..=b.max(a)].iter_mut().for_each(|c| *c = '▔'),
            TaskKind::Task => {
                if !r.critical && r.late_finish > r.finish {
                    let e = col(r.late_finish);
                    line[b..=e.max(b)].iter_mut().for_each(|c| *c = '─');
                }
                let ch = if r.critical { '█' } else { '▒' };
                line[a..=b.max(a)].iter_mut().for_each(|c| *c = ch);
            }
        }
        let pad = name_w - label.chars().count();
        out.push_str(&label);
        out.push_str(&" ".repeat(pad));
        out.push(' ');
        let s: String = line.iter().collect();
        out.push_str(s.trim_end());
        out.push('\n');
    }
    out.push_str(&format!(
        "{:<name_w$} █ critical  ▒ task  ─ float  ◆ milestone  ▔ summary   {} → {}\n",
        "",
        lo.format("%Y-%m-%d"),
        hi.format("%Y-%m-%d")
    ));
    Ok(out)
}
