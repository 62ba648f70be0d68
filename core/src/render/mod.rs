//! Pictures of a plan: SVG Gantt and PERT network diagrams, risk heat maps, resource
//! histograms, Monte Carlo, tornado, earned-value and cost charts, and a text Gantt for
//! terminals.
//!
//! Pure functions: values in, SVG text out, the same bytes for the same input. The SVG is
//! static (no script, no `foreignObject`; styling in one `<style>` block of class rules;
//! a `<title>` tooltip per bar, box and cell), so it looks the same in JupyterLab, VS
//! Code, GitHub, browsers and `resvg`. Colours come from the Okabe–Ito palette, which
//! stays distinguishable with the common colour-vision deficiencies.
//!
//! # Example
//! ```
//! use planix::{render, Project, Task};
//! # let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
//! let mut p = Project::new("Portal", start);
//! let cal = p.project_calendar().clone();
//! let a = p.add_task(Task::new("Design").with_duration(cal.days(3)))?;
//! let b = p.add_task(Task::new("Build").with_duration(cal.days(5)))?;
//! p.link(a, b)?;
//! let s = p.schedule()?;
//! let svg = render::gantt(&p, &s, &render::GanttOptions::default())?;
//! assert!(svg.starts_with("<svg") && svg.contains("Design"));
//! let net = render::network(&p, &s, &render::NetworkOptions::default())?;
//! assert!(net.contains("Build"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod charts;
mod gantt;
mod kit;
mod network;
mod svg;
mod text;
mod widgets;

pub use charts::{
    CostCurveOptions, FlowChartOptions, HeatmapOptions, HeatmapView, HistogramOptions,
    ResourceChartOptions, SCurveOptions, TornadoOptions, burndown, cfd, cost_curve, heatmap,
    histogram, resource_chart, s_curve, tornado,
};
pub use gantt::{DISPLAY_ROWS, FULL_TABLE_ROWS, GanttColumn, GanttOptions, gantt, leveled_gantt};
pub use kit::TimeUnit;
pub use network::{MAX_DUMMIES, MAX_NODES, NetworkOptions, network, pert_network};
pub use text::{TextGanttOptions, text_gantt};
pub use widgets::{
    DhtmlxData, DhtmlxLink, DhtmlxTask, FrappeTask, TimelineRow, WidgetTask, dhtmlx_gantt,
    frappe_gantt, gantt_task_react, timeline_rows,
};

#[cfg(feature = "png")]
mod png;
#[cfg(feature = "png")]
pub use png::{MAX_PNG_PIXELS, PngOptions, png};

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// An option is out of range.
    #[error("render option `{option}`: {message}")]
    Option {
        /// The option's name.
        option: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A task named in the options is not in the project.
    #[error("render: {0} is not in the project")]
    UnknownTask(crate::TaskId),
    /// The picture would be too large to draw (columns, nodes or pixels).
    #[error("render: the chart is too large: {message}")]
    TooLarge {
        /// What exceeded its limit.
        message: String,
    },
    /// A date computation failed (a date beyond year 9999).
    #[error("render: {0}")]
    Calendar(#[from] crate::CalendarError),
    /// The report behind the chart could not be computed.
    #[error("render: {0}")]
    Source(String),
    /// PNG rasterisation failed.
    #[error("render: PNG: {0}")]
    Png(String),
}

/// The largest width or height of a chart in pixels.
pub const MAX_PIXELS: f64 = 4_000_000.0;

fn check_size(width: f64, height: f64) -> Result<(), RenderError> {
    if !(width.is_finite() && height.is_finite()) || width > MAX_PIXELS || height > MAX_PIXELS {
        return Err(kit::too_large(&format!(
            "{width:.0} × {height:.0} px (at most {MAX_PIXELS:.0} each way); collapse, filter or page the chart"
        )));
    }
    Ok(())
}

fn positive(option: &'static str, v: f64, max: f64) -> Result<(), RenderError> {
    if !(v.is_finite() && v > 0.0 && v <= max) {
        return Err(RenderError::Option {
            option,
            message: format!("{v} is not in (0, {max}]"),
        });
    }
    Ok(())
}

/// Whole or decimal days of working minutes: `3d`, `2.5d`, `0d`.
fn days_text(minutes: i64, per_day: u32) -> String {
    let d = minutes as f64 / f64::from(per_day.max(1));
    let r = (d * 10.0).round() / 10.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}d", r.round() as i64)
    } else {
        format!("{r:.1}d")
    }
}

/// The schedule the charts draw: the plan rescheduled from its recorded progress
/// ([`control::reschedule`](crate::control::reschedule)) when it has a status date and
/// progress, else the CPM schedule.
///
/// # Errors
/// As [`Project::schedule`](crate::Project::schedule) or the reschedule.
pub fn chart_schedule(project: &crate::Project) -> Result<crate::Schedule, crate::Error> {
    let progressed =
        project.status_date().is_some() && project.tasks().any(|t| !t.progress.is_empty());
    if progressed {
        Ok(crate::control::reschedule(project)?)
    } else {
        Ok(project.schedule()?)
    }
}

/// The resource histogram of a schedule: the loading of its work resources per
/// `opts.period` (weeks by default), with the loading of `before` (e.g. the CPM schedule
/// behind a leveled one) drawn behind it in grey. The call behind `Chart::Resources`,
/// Python's `Leveling.loading_chart()` and JS's `resourceChart` / `loadingChart`.
///
/// # Errors
/// As [`resource_chart`].
pub fn loading_chart(
    project: &crate::Project,
    schedule: &crate::Schedule,
    before: Option<&crate::Schedule>,
    opts: &ResourceChartOptions,
) -> Result<String, RenderError> {
    let period = opts.period.unwrap_or_default();
    let rows = |s: &crate::Schedule| {
        let mut rows = crate::resources::loading(project, s, period);
        rows.retain(|r| {
            project
                .resource(r.resource)
                .is_some_and(|x| x.kind == crate::ResourceKind::Work)
        });
        rows
    };
    let o = ResourceChartOptions {
        period: Some(period),
        ..opts.clone()
    };
    let behind = before.map(rows);
    resource_chart(&rows(schedule), behind.as_deref(), &o)
}

/// A chart [`chart`] draws from a project (and a risk register for the heat map).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Chart {
    /// [`gantt`] of the (rescheduled, when progress is recorded) plan.
    Gantt,
    /// [`pert_network`] with PERT numbers when tasks carry estimates, else [`network`].
    Network,
    /// [`heatmap`] of the register (needs one).
    Heatmap,
    /// [`histogram`] of a default Monte Carlo run (the register's open threats included).
    Histogram,
    /// [`s_curve`] of baseline 0 by week at the status date.
    Scurve,
    /// [`tornado`] of a default Monte Carlo run.
    Tornado,
    /// [`resource_chart`] before and after default leveling.
    Resources,
    /// [`cost_curve`] by week.
    Cost,
}

crate::names::named!(Chart {
    Gantt = "gantt",
    Network = "network",
    Heatmap = "heatmap",
    Histogram = "histogram",
    Scurve = "scurve",
    Tornado = "tornado",
    Resources = "resources",
    Cost = "cost",
});

/// Draws one chart of a project with default options, computing what it needs (the
/// schedule, a simulation with [`SimulationOptions::default`](crate::simulate::SimulationOptions),
/// default leveling, earned value of baseline 0): the one call behind `planix render`,
/// Python's `Project.chart()` and JavaScript's `project.chart()`.
///
/// # Errors
/// The error of the computation behind the chart (a cycle, no baseline or status date
/// for the S-curve, no register for the heat map) or of the drawing.
pub fn chart(
    project: &crate::Project,
    chart: Chart,
    register: Option<&crate::risk::RiskRegister>,
) -> Result<String, crate::Error> {
    use crate::simulate::{SimulationOptions, simulate};
    let sim = || -> Result<crate::simulate::SimulationReport, crate::Error> {
        let mut o = SimulationOptions::default();
        if let Some(r) = register {
            o.risks = r.to_risk_events();
        }
        Ok(simulate(project, &o)?)
    };
    let schedule = || chart_schedule(project);
    Ok(match chart {
        Chart::Gantt => gantt(project, &schedule()?, &GanttOptions::default())?,
        Chart::Network => {
            let s = schedule()?;
            if project.tasks().any(|t| t.estimate.is_some()) {
                let pe = crate::simulate::pert(project, crate::simulate::PertMoments::Classic)?;
                pert_network(project, &s, &pe, &NetworkOptions::default())?
            } else {
                network(project, &s, &NetworkOptions::default())?
            }
        }
        Chart::Heatmap => {
            let Some(r) = register else {
                return Err(RenderError::Source("a heat map needs a risk register".into()).into());
            };
            heatmap(r, &HeatmapOptions::default())?
        }
        Chart::Histogram => histogram(&sim()?, &HistogramOptions::default())?,
        Chart::Tornado => tornado(&sim()?, &TornadoOptions::default())?,
        Chart::Scurve => {
            let method = crate::control::EvMethod::default();
            let pts = crate::control::s_curve(project, 0, method, crate::calendar::Period::Week)?;
            let r = crate::control::earned_value(project, 0, method)?;
            s_curve(&pts, Some(&r), &SCurveOptions::default())?
        }
        Chart::Resources => {
            let s = project.schedule()?;
            let l = crate::resources::level(project, &crate::resources::LevelOptions::default())?;
            loading_chart(
                project,
                &l.schedule,
                Some(&s),
                &ResourceChartOptions::default(),
            )?
        }
        Chart::Cost => {
            let s = schedule()?;
            let c = crate::resources::costs(project, &s);
            let period = crate::calendar::Period::Week;
            cost_curve(
                &c.timephased(period),
                &CostCurveOptions {
                    period,
                    title: None,
                },
            )?
        }
    })
}
