//! Data for the common JavaScript Gantt widgets and plotting libraries, computed by
//! planix: each row carries the computed dates, the critical flag and the WBS, in the
//! shape the widget documents. No widget code is involved; the bindings hand these
//! rows over (the JavaScript one turns the ISO dates of [`WidgetTask`] into `Date`s).

use serde::{Deserialize, Serialize};

use super::kit::palette;
use crate::{LinkKind, Project, Schedule, TaskKind};

fn outline(p: &Project, s: &Schedule) -> Vec<(crate::TaskId, String)> {
    let mut v = Vec::with_capacity(p.task_count());
    p.for_each_outline(|id, path| {
        if s.task(id).is_some() {
            let n: Vec<String> = path.iter().map(u32::to_string).collect();
            v.push((id, n.join(".")));
        }
    });
    v
}

fn percent(p: &Project, id: crate::TaskId) -> u8 {
    p.task(id)
        .map_or(0, |t| t.progress.percent_complete.min(100))
}

/// One task for frappe-gantt (`new Gantt(el, tasks)`): its documented fields `id`,
/// `name`, `start`, `end` (`"YYYY-MM-DD HH:MM:SS"`, the text frappe-gantt parses),
/// `progress` (0–100), `dependencies` (predecessor ids, comma-separated) and
/// `custom_class` (one token, as frappe-gantt adds it: `planix-critical`,
/// `planix-milestone`, `planix-summary`, `planix-critical-milestone`,
/// `planix-critical-summary`, or empty).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct FrappeTask {
    /// Task id as text.
    pub id: String,
    /// Name.
    pub name: String,
    /// Start, `YYYY-MM-DD HH:MM:SS`.
    pub start: String,
    /// Finish, `YYYY-MM-DD HH:MM:SS`.
    pub end: String,
    /// Percent complete.
    pub progress: u8,
    /// Predecessor ids, comma-separated (frappe-gantt draws every link as finish-to-start).
    pub dependencies: String,
    /// One class for styling (critical and kind).
    pub custom_class: String,
}

/// One task for gantt-task-react (`<Gantt tasks={…}/>`): `start` and `end` as ISO
/// date-times here (the JavaScript binding gives `Date` objects), `type` (`task`,
/// `milestone`, `project`), `progress` (0–100), `dependencies` (predecessor ids),
/// `project` (the summary task's id), `displayOrder` and critical styling.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WidgetTask {
    /// Task id as text.
    pub id: String,
    /// Name.
    pub name: String,
    /// Start.
    pub start: chrono::NaiveDateTime,
    /// Finish.
    pub end: chrono::NaiveDateTime,
    /// `task`, `milestone` or `project` (a summary).
    #[serde(rename = "type")]
    pub kind: String,
    /// Percent complete.
    pub progress: u8,
    /// Predecessor ids.
    pub dependencies: Vec<String>,
    /// The summary task's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Row order (1-based, outline order).
    pub display_order: usize,
    /// Whether the task is critical.
    pub is_critical: bool,
    /// Bar colours (`backgroundColor`, `progressColor`, …), vermillion for critical tasks.
    pub styles: WidgetStyles,
}

/// Bar colours of a [`WidgetTask`], as gantt-task-react names them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct WidgetStyles {
    /// Bar colour.
    pub background_color: String,
    /// Bar colour when selected.
    pub background_selected_color: String,
    /// Progress colour.
    pub progress_color: String,
    /// Progress colour when selected.
    pub progress_selected_color: String,
}

/// A task row of dhtmlxGantt's data (`gantt.parse({data, links})`), with dates as
/// `"YYYY-MM-DD HH:MM"` (set `gantt.config.date_format = "%Y-%m-%d %H:%i"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DhtmlxTask {
    /// Task id.
    pub id: u32,
    /// Name.
    pub text: String,
    /// Start.
    pub start_date: String,
    /// Finish.
    pub end_date: String,
    /// Working duration in days of the project calendar.
    pub duration: f64,
    /// Progress, 0–1.
    pub progress: f64,
    /// Parent id (0 at the top).
    pub parent: u32,
    /// `task`, `project` (summary) or `milestone`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Summaries open.
    pub open: bool,
    /// Whether the task is critical.
    pub critical: bool,
}

/// A link of dhtmlxGantt's data: `type` "0" FS, "1" SS, "2" FF, "3" SF; `lag` in days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DhtmlxLink {
    /// Link id (1-based, in link order).
    pub id: u32,
    /// Predecessor.
    pub source: u32,
    /// Successor.
    pub target: u32,
    /// Link type code.
    #[serde(rename = "type")]
    pub kind: String,
    /// Lag in working days (negative for a lead; percent lags as their working time).
    pub lag: f64,
}

/// dhtmlxGantt's `{data, links}` document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DhtmlxData {
    /// Tasks in outline order.
    pub data: Vec<DhtmlxTask>,
    /// Links.
    pub links: Vec<DhtmlxLink>,
}

/// A row for a timeline plot (plotly's `px.timeline(df, x_start="start",
/// x_end="finish", y="name", color="critical")`, Vega-Lite, Observable Plot).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TimelineRow {
    /// Task id.
    pub id: u32,
    /// Outline number.
    pub wbs: String,
    /// Name.
    pub name: String,
    /// `task`, `milestone` or `summary`.
    pub kind: TaskKind,
    /// Start.
    pub start: chrono::NaiveDateTime,
    /// Finish.
    pub finish: chrono::NaiveDateTime,
    /// Whether the task is critical.
    pub critical: bool,
    /// Total float in working days.
    pub total_float_days: f64,
    /// Percent complete.
    pub percent_complete: u8,
    /// Assigned resources, comma-separated.
    pub resources: String,
    /// Outline level (1 at the top).
    pub level: usize,
}

fn preds(p: &Project) -> std::collections::HashMap<crate::TaskId, Vec<String>> {
    let mut m: std::collections::HashMap<crate::TaskId, Vec<String>> =
        std::collections::HashMap::new();
    for d in p.dependencies() {
        m.entry(d.successor)
            .or_default()
            .push(d.predecessor.0.to_string());
    }
    m
}

/// The plan as frappe-gantt tasks, in outline order.
pub fn frappe_gantt(p: &Project, s: &Schedule) -> Vec<FrappeTask> {
    let pr = preds(p);
    outline(p, s)
        .into_iter()
        .filter_map(|(id, _)| {
            let t = s.task(id)?;
            let kind = p.kind(id).unwrap_or(t.kind());
            // frappe-gantt adds the class as one token.
            let class = match (t.is_critical(), kind) {
                (true, TaskKind::Task) => "planix-critical",
                (true, TaskKind::Milestone) => "planix-critical-milestone",
                (true, TaskKind::Summary) => "planix-critical-summary",
                (false, TaskKind::Task) => "",
                (false, TaskKind::Milestone) => "planix-milestone",
                (false, TaskKind::Summary) => "planix-summary",
            };
            let f = |d: chrono::NaiveDateTime| d.format("%Y-%m-%d %H:%M:%S").to_string();
            Some(FrappeTask {
                id: id.0.to_string(),
                name: t.name().to_string(),
                start: f(t.start()),
                end: f(t.finish()),
                progress: percent(p, id),
                dependencies: pr.get(&id).map(|v| v.join(", ")).unwrap_or_default(),
                custom_class: class.to_string(),
            })
        })
        .collect()
}

/// The plan as gantt-task-react tasks, in outline order.
pub fn gantt_task_react(p: &Project, s: &Schedule) -> Vec<WidgetTask> {
    let pr = preds(p);
    outline(p, s)
        .into_iter()
        .enumerate()
        .filter_map(|(i, (id, _))| {
            let t = s.task(id)?;
            let kind = p.kind(id).unwrap_or(t.kind());
            let (bg, sel) = if t.is_critical() {
                (palette::RED, "#a84700")
            } else if kind == TaskKind::Summary {
                ("#555555", "#333333")
            } else {
                (palette::BLUE, "#005282")
            };
            Some(WidgetTask {
                id: id.0.to_string(),
                name: t.name().to_string(),
                start: t.start(),
                end: t.finish(),
                kind: match kind {
                    TaskKind::Task => "task",
                    TaskKind::Milestone => "milestone",
                    TaskKind::Summary => "project",
                }
                .into(),
                progress: percent(p, id),
                dependencies: pr.get(&id).cloned().unwrap_or_default(),
                project: p.task(id).and_then(|x| x.parent).map(|x| x.0.to_string()),
                display_order: i + 1,
                is_critical: t.is_critical(),
                styles: WidgetStyles {
                    background_color: bg.into(),
                    background_selected_color: sel.into(),
                    progress_color: "#222222".into(),
                    progress_selected_color: "#000000".into(),
                },
            })
        })
        .collect()
}

/// The plan as dhtmlxGantt data, in outline order, with every link type and lag.
pub fn dhtmlx_gantt(p: &Project, s: &Schedule) -> DhtmlxData {
    let cal = p.project_calendar();
    let per_day = f64::from(cal.minutes_per_day().max(1));
    let f = |d: chrono::NaiveDateTime| d.format("%Y-%m-%d %H:%M").to_string();
    let data = outline(p, s)
        .into_iter()
        .filter_map(|(id, _)| {
            let t = s.task(id)?;
            let kind = p.kind(id).unwrap_or(t.kind());
            Some(DhtmlxTask {
                id: id.0,
                text: t.name().to_string(),
                start_date: f(t.start()),
                end_date: f(t.finish()),
                duration: (t.duration().as_minutes() as f64 / per_day * 100.0).round() / 100.0,
                progress: f64::from(percent(p, id)) / 100.0,
                parent: p.task(id).and_then(|x| x.parent).map_or(0, |x| x.0),
                kind: match kind {
                    TaskKind::Task => "task",
                    TaskKind::Milestone => "milestone",
                    TaskKind::Summary => "project",
                }
                .into(),
                open: true,
                critical: t.is_critical(),
            })
        })
        .collect();
    let links = p
        .dependencies()
        .enumerate()
        .map(|(i, d)| {
            let lag_min = match d.lag {
                crate::Lag::Working(x) => x.as_minutes() as f64,
                crate::Lag::Elapsed(x) => x.as_minutes() as f64 * per_day / 1440.0,
                crate::Lag::Percent(pc) => p.task(d.predecessor).map_or(0.0, |t| {
                    t.duration.as_minutes() as f64 * f64::from(pc) / 100.0
                }),
            };
            DhtmlxLink {
                id: i as u32 + 1,
                source: d.predecessor.0,
                target: d.successor.0,
                kind: match d.kind {
                    LinkKind::Fs => "0",
                    LinkKind::Ss => "1",
                    LinkKind::Ff => "2",
                    LinkKind::Sf => "3",
                }
                .into(),
                lag: (lag_min / per_day * 100.0).round() / 100.0,
            }
        })
        .collect();
    DhtmlxData { data, links }
}

/// The plan as timeline rows, in outline order.
pub fn timeline_rows(p: &Project, s: &Schedule) -> Vec<TimelineRow> {
    let per_day = f64::from(p.project_calendar().minutes_per_day().max(1));
    outline(p, s)
        .into_iter()
        .filter_map(|(id, wbs)| {
            let t = s.task(id)?;
            let resources: Vec<&str> = p
                .assignments_of(id)
                .filter_map(|a| p.resource(a.resource).map(|r| r.name.as_str()))
                .collect();
            Some(TimelineRow {
                id: id.0,
                level: wbs.split('.').count(),
                wbs,
                name: t.name().to_string(),
                kind: p.kind(id).unwrap_or(t.kind()),
                start: t.start(),
                finish: t.finish(),
                critical: t.is_critical(),
                total_float_days: (t.total_float().as_minutes() as f64 / per_day * 100.0).round()
                    / 100.0,
                percent_complete: percent(p, id),
                resources: resources.join(", "),
            })
        })
        .collect()
}
