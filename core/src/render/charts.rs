//! Charts on one small toolkit: risk heat map, resource histogram, Monte Carlo finish
//! histogram, sensitivity tornado, earned-value S-curve and cost curve.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::kit::{Linear, date_ticks, day_label, fit, nice_ticks, palette, text_width, tick_label};
use super::svg::{Anchor, Svg};
use super::{RenderError, check_size};
use crate::ResourceId;
use crate::calendar::Period;
use crate::control::{EvmReport, SCurvePoint};
use crate::resources::PeriodCost;
use crate::risk::RiskRegister;
use crate::simulate::SimulationReport;

const CSS: &str = ".bg{fill:#fff}.tt{font-size:14px;font-weight:bold;fill:#222}.ax{stroke:#444;stroke-width:1}\
.gr{stroke:#e3e3e3;stroke-width:.7}.tk{font-size:10px;fill:#444}.lb{font-size:11px;fill:#222}\
.lg{font-size:10px;fill:#222}.cw{font-size:10px;fill:#fff}.cb{font-size:10px;fill:#222}\
.cwn{font-size:16px;font-weight:bold;fill:#fff}.cbn{font-size:16px;font-weight:bold;fill:#222}\
.cell{stroke:#fff;stroke-width:2}.bar{fill:#0072B2}.over{fill:#D55E00}.before{fill:#bbbbbb}\
.avail{fill:none;stroke:#222;stroke-width:1.5;stroke-dasharray:4 2}.cum{fill:none;stroke:#D55E00;stroke-width:2}\
.pl{stroke-width:1.5;stroke-dasharray:5 3}.p50{stroke:#0072B2}.p80{stroke:#E69F00}.p90{stroke:#CC79A7}\
.tg{stroke:#009E73;stroke-width:2}.cpm{stroke:#999;stroke-width:1.5;stroke-dasharray:2 2}\
.pos{fill:#D55E00}.neg{fill:#0072B2}.pv{fill:none;stroke:#0072B2;stroke-width:2}\
.ev{fill:none;stroke:#009E73;stroke-width:2}.ac{fill:none;stroke:#CC79A7;stroke-width:2}\
.eac{fill:none;stroke:#CC79A7;stroke-width:1.5;stroke-dasharray:5 3}.bac{stroke:#999;stroke-width:1;stroke-dasharray:4 3}\
.sd{stroke:#444;stroke-width:1;stroke-dasharray:2 3}.panel{font-size:12px;font-weight:bold;fill:#222}";

/// The plot area of an XY chart.
struct Frame {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Frame {
    fn bottom(&self) -> f64 {
        self.y + self.h
    }
    fn right(&self) -> f64 {
        self.x + self.w
    }
}

fn minutes(t: NaiveDateTime) -> f64 {
    (t - NaiveDate::MIN.and_time(NaiveTime::MIN)).num_minutes() as f64
}

/// Draws a value axis on the left (or right) of the frame with grid lines.
fn y_axis(
    svg: &mut Svg,
    f: &Frame,
    ticks: &[f64],
    y: &Linear,
    right: bool,
    fmt: &dyn Fn(f64) -> String,
) {
    let x = if right { f.right() } else { f.x };
    svg.line(x, f.y, x, f.bottom(), "ax");
    for &t in ticks {
        let yy = y.at(t);
        if !right {
            svg.line(f.x, yy, f.right(), yy, "gr");
        }
        let (tx, a) = if right {
            (x + 5.0, Anchor::Start)
        } else {
            (x - 5.0, Anchor::End)
        };
        svg.text(tx, yy + 3.5, a, "tk", &fmt(t));
    }
}

/// Draws a date axis under the frame.
fn x_date_axis(svg: &mut Svg, f: &Frame, lo: NaiveDateTime, hi: NaiveDateTime, x: &Linear) {
    svg.line(f.x, f.bottom(), f.right(), f.bottom(), "ax");
    let n = ((f.w / 90.0) as usize).max(2);
    for d in date_ticks(lo, hi, n) {
        let xx = x.at(minutes(d.and_time(NaiveTime::MIN)));
        svg.line(xx, f.bottom(), xx, f.bottom() + 4.0, "ax");
        svg.text(xx, f.bottom() + 15.0, Anchor::Middle, "tk", &day_label(d));
    }
}

/// A legend row of coloured swatches.
fn legend(svg: &mut Svg, x: f64, y: f64, items: &[(&str, &str)]) {
    let mut cx = x;
    for (fill, label) in items {
        svg.rect_fill(cx, y - 8.0, 12.0, 8.0, "", fill);
        svg.text(cx + 16.0, y, Anchor::Start, "lg", label);
        cx += 16.0 + text_width(label, 10.0) + 16.0;
    }
}

fn title_of(t: &Option<String>, default: &str) -> String {
    t.clone().unwrap_or_else(|| default.to_string())
}

/// Which assessments a heat map shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum HeatmapView {
    /// Inherent and residual side by side.
    #[default]
    Both,
    /// The first (inherent) assessment of each risk.
    Inherent,
    /// The current assessment (residual where assessed).
    Residual,
}

crate::names::named!(HeatmapView {
    Both = "both",
    Inherent = "inherent",
    Residual = "residual",
});

/// Options of [`heatmap`].
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct HeatmapOptions {
    /// Inherent, residual or both.
    pub view: HeatmapView,
    /// Title; "Risk heat map" when absent.
    pub title: Option<String>,
}

/// Draws the register's risk heat map on its own matrix: probability bands up, impact
/// levels across, each cell in its rating's colour (the matrix's `colours`, else a
/// colour-blind-safe ramp from the lowest rating to the highest) with the count and ids
/// of the open risks in it; inherent and residual side by side.
///
/// # Errors
/// None in practice (the register's matrix is validated); a matrix too large to draw
/// is refused with [`RenderError::TooLarge`].
pub fn heatmap(register: &RiskRegister, opts: &HeatmapOptions) -> Result<String, RenderError> {
    let m = register.matrix();
    let views: Vec<bool> = match opts.view {
        HeatmapView::Both => vec![false, true],
        HeatmapView::Inherent => vec![false],
        HeatmapView::Residual => vec![true],
    };
    let (cw, ch) = (86.0, 58.0);
    let rows = m.probability.len();
    let cols = m.impact_levels;
    let label_w = m
        .probability
        .iter()
        .map(|p| text_width(&p.label, 10.0))
        .fold(40.0, f64::max)
        .min(160.0)
        + 12.0;
    let panel_w = label_w + cols as f64 * cw + 30.0;
    let width = panel_w * views.len() as f64 + 20.0;
    let height = 60.0 + rows as f64 * ch + 70.0;
    check_size(width, height)?;
    let title = title_of(&opts.title, "Risk heat map");
    let mut svg = Svg::new(width, height, CSS, &title, 4096 + rows * cols * 300);
    svg.text(10.0, 20.0, Anchor::Start, "tt", &title);
    let nr = m.ratings.len().max(2) - 1;
    for (k, &residual) in views.iter().enumerate() {
        let x0 = 10.0 + k as f64 * panel_w + label_w;
        let y0 = 56.0;
        svg.text(
            x0,
            44.0,
            Anchor::Start,
            "panel",
            if residual {
                "Residual (current)"
            } else {
                "Inherent"
            },
        );
        for cell in register.heatmap(residual) {
            let (pi, ii) = (cell.probability - 1, cell.impact - 1);
            let x = x0 + ii as f64 * cw;
            let y = y0 + (rows - 1 - pi) as f64 * ch;
            let idx = m
                .cells
                .get(pi)
                .and_then(|r| r.get(ii))
                .copied()
                .unwrap_or(0);
            let fill = rating_colour(m, idx, nr);
            let tip = format!(
                "{} × {}: {} ({} risk{}){}{}",
                cell.probability_label,
                cell.impact_label,
                cell.rating,
                cell.risks.len(),
                if cell.risks.len() == 1 { "" } else { "s" },
                if cell.risks.is_empty() { "" } else { ": " },
                cell.risks.join(", ")
            );
            svg.group_titled("", &tip);
            svg.rect_fill(x, y, cw, ch, "cell", fill);
            let dark = is_dark(fill);
            if !cell.risks.is_empty() {
                svg.text(
                    x + cw / 2.0,
                    y + 24.0,
                    Anchor::Middle,
                    if dark { "cwn" } else { "cbn" },
                    &cell.risks.len().to_string(),
                );
                let joined = cell.risks.join(" ");
                let ids = fit(&joined, 10.0, cw - 8.0);
                svg.text(
                    x + cw / 2.0,
                    y + 42.0,
                    Anchor::Middle,
                    if dark { "cw" } else { "cb" },
                    &ids,
                );
            }
            svg.end();
        }
        for (pi, p) in m.probability.iter().enumerate() {
            let y = y0 + (rows - 1 - pi) as f64 * ch + ch / 2.0 + 3.5;
            svg.text(
                x0 - 6.0,
                y,
                Anchor::End,
                "tk",
                &fit(&p.label, 10.0, label_w - 10.0),
            );
        }
        for i in 0..cols {
            let x = x0 + i as f64 * cw + cw / 2.0;
            svg.text(
                x,
                y0 + rows as f64 * ch + 14.0,
                Anchor::Middle,
                "tk",
                &fit(&m.impact_label(i + 1), 10.0, cw - 4.0),
            );
        }
        svg.text(
            x0 + cols as f64 * cw / 2.0,
            y0 + rows as f64 * ch + 32.0,
            Anchor::Middle,
            "lb",
            "Impact",
        );
        svg.text_vertical(
            x0 - label_w + 2.0,
            y0 + rows as f64 * ch / 2.0,
            "lb",
            "Probability",
        );
    }
    let items: Vec<(&str, &str)> = m
        .ratings
        .iter()
        .enumerate()
        .map(|(i, r)| (rating_colour(m, i, nr), r.as_str()))
        .collect();
    legend(&mut svg, 10.0 + label_w, height - 12.0, &items);
    Ok(svg.finish())
}

/// The colour of rating `idx`: the matrix's own, else the ramp.
fn rating_colour(m: &crate::risk::RiskMatrix, idx: usize, top: usize) -> &str {
    match m.colours.get(idx) {
        Some(c) => c.as_str(),
        None => palette::ramp(idx as f64 / top as f64),
    }
}

/// Whether white text reads better than dark text on a `#RRGGBB` fill (relative
/// luminance below 0.4).
fn is_dark(fill: &str) -> bool {
    let ch = |i: usize| {
        fill.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map_or(0.0, |v| f64::from(v) / 255.0)
    };
    let lin = |c: f64| {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(ch(1)) + 0.7152 * lin(ch(3)) + 0.0722 * lin(ch(5));
    l < 0.4
}

/// Options of [`resource_chart`].
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct ResourceChartOptions {
    /// Period of the rows (the bar widths); inferred from the rows when absent (one
    /// day apart: days; seven: weeks; else months).
    pub period: Option<Period>,
    /// Only these resources (work resources by default).
    pub resources: Option<Vec<ResourceId>>,
    /// Title; "Resource loading" when absent.
    pub title: Option<String>,
}

/// Draws a resource histogram from loading rows ([`loading`](crate::resources::loading)):
/// one panel per resource, its booked hours per period as bars (vermillion where an
/// over-allocation touches the period), its available hours as a dashed step line.
/// With `before` (the rows of the schedule before leveling), those are drawn as grey
/// bars behind the leveled ones. Resources appear in the rows' order.
///
/// # Errors
/// [`RenderError::Option`] for a resource in `opts.resources` absent from the rows;
/// [`RenderError::TooLarge`] past the size limits.
pub fn resource_chart(
    rows: &[crate::resources::LoadRow],
    before: Option<&[crate::resources::LoadRow]>,
    opts: &ResourceChartOptions,
) -> Result<String, RenderError> {
    let mut ids: Vec<(ResourceId, String)> = vec![];
    let mut seen = std::collections::HashSet::new();
    for r in rows.iter().chain(before.unwrap_or(&[])) {
        if seen.insert(r.resource) {
            ids.push((r.resource, r.name.clone()));
        }
    }
    if let Some(wanted) = &opts.resources {
        if let Some(x) = wanted.iter().find(|x| !seen.contains(*x)) {
            return Err(RenderError::Option {
                option: "resources",
                message: format!("{x} has no loading rows"),
            });
        }
        ids.retain(|i| wanted.contains(&i.0));
    }
    let main = rows;
    let after = before.is_some();
    let period = opts.period.unwrap_or_else(|| infer_period(main));
    let before = before.unwrap_or(&[]);
    let periods: std::collections::BTreeSet<NaiveDate> =
        main.iter().chain(before).map(|r| r.period).collect();
    let periods: Vec<NaiveDate> = periods.into_iter().collect();
    let (Some(&first), Some(&last)) = (periods.first(), periods.last()) else {
        let mut svg = Svg::new(420.0, 60.0, CSS, "Resource loading", 512);
        svg.text(
            10.0,
            34.0,
            Anchor::Start,
            "lb",
            "No work is assigned to a resource.",
        );
        return Ok(svg.finish());
    };
    let end = period.next_start(last);
    let pw = 780.0f64.max(periods.len() as f64 * 8.0);
    let panel_h = 130.0;
    let height = 40.0 + ids.len() as f64 * (panel_h + 36.0) + 40.0;
    let width = 70.0 + pw + 30.0;
    check_size(width, height)?;
    let title = title_of(&opts.title, "Resource loading");
    let mut svg = Svg::new(
        width,
        height,
        CSS,
        &title,
        4096 + periods.len() * ids.len() * 120,
    );
    svg.text(10.0, 20.0, Anchor::Start, "tt", &title);
    let lo = first.and_time(NaiveTime::MIN);
    let hi = end.and_time(NaiveTime::MIN);
    let x = Linear::new(minutes(lo), minutes(hi), 70.0, 70.0 + pw);
    let px = |d: NaiveDate| x.at(minutes(d.and_time(NaiveTime::MIN)));
    type Rows<'a> = (
        Vec<&'a crate::resources::LoadRow>,
        Vec<&'a crate::resources::LoadRow>,
    );
    let mut by_resource: std::collections::HashMap<ResourceId, Rows<'_>> =
        std::collections::HashMap::new();
    for r in main {
        by_resource.entry(r.resource).or_default().0.push(r);
    }
    for r in before {
        by_resource.entry(r.resource).or_default().1.push(r);
    }
    for (k, (id, name)) in ids.iter().enumerate() {
        let (rows, brows) = by_resource.remove(id).unwrap_or_default();
        let top = 40.0 + k as f64 * (panel_h + 36.0) + 18.0;
        let f = Frame {
            x: 70.0,
            y: top,
            w: pw,
            h: panel_h,
        };
        let max = rows
            .iter()
            .chain(&brows)
            .map(|r| r.demand_hours.max(r.available_hours))
            .fold(1.0, f64::max);
        let (ticks, _, ymax) = nice_ticks(0.0, max, 4);
        let y = Linear::new(0.0, ymax, f.bottom(), f.y);
        svg.text(f.x, top - 6.0, Anchor::Start, "panel", name);
        y_axis(&mut svg, &f, &ticks, &y, false, &|v| {
            format!("{}h", tick_label(v))
        });
        for r in &brows {
            let (a, b) = (px(r.period), px(period.next_start(r.period)));
            svg.rect(
                a + 1.0,
                y.at(r.demand_hours),
                (b - a - 2.0).max(0.5),
                f.bottom() - y.at(r.demand_hours),
                "before",
            );
        }
        for r in &rows {
            let (a, b) = (px(r.period), px(period.next_start(r.period)));
            let inset = if after { (b - a) * 0.2 } else { 1.0 };
            let tip = format!(
                "{name}, {}: {:.1} h booked of {:.1} h available{}",
                day_label(r.period),
                r.demand_hours,
                r.available_hours,
                if r.overallocated {
                    " — over-allocated"
                } else {
                    ""
                }
            );
            svg.rect_titled(
                a + inset,
                y.at(r.demand_hours),
                (b - a - 2.0 * inset).max(0.5),
                f.bottom() - y.at(r.demand_hours),
                if r.overallocated { "over" } else { "bar" },
                &tip,
            );
        }
        let mut pts = vec![];
        for r in &rows {
            let (a, b) = (px(r.period), px(period.next_start(r.period)));
            pts.push((a, y.at(r.available_hours)));
            pts.push((b, y.at(r.available_hours)));
        }
        svg.polyline(&pts, "avail");
        x_date_axis(&mut svg, &f, lo, hi, &x);
    }
    let mut items = vec![
        (palette::BLUE, "booked"),
        (palette::RED, "over-allocated"),
        (palette::INK, "available (dashed)"),
    ];
    if after {
        items.insert(0, ("#bbbbbb", "before leveling"));
    }
    legend(&mut svg, 70.0, height - 12.0, &items);
    Ok(svg.finish())
}

/// The period of loading rows from the gap between the first two period starts of a
/// resource.
fn infer_period(rows: &[crate::resources::LoadRow]) -> Period {
    let Some(first) = rows.first() else {
        return Period::Week;
    };
    let next = rows
        .iter()
        .filter(|r| r.resource == first.resource && r.period > first.period)
        .map(|r| r.period)
        .min();
    match next.map(|n| (n - first.period).num_days()) {
        Some(1) => Period::Day,
        Some(7) | None => Period::Week,
        Some(d) if d % 7 == 0 => Period::Week,
        _ => Period::Month,
    }
}

/// Options of [`histogram`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct HistogramOptions {
    /// Percentile lines (0 < p ≤ 100), 50, 80 and 90 by default; at most three are coloured.
    pub percentiles: Vec<f64>,
    /// Title; "Project finish: N iterations" when absent.
    pub title: Option<String>,
}

impl Default for HistogramOptions {
    fn default() -> Self {
        HistogramOptions {
            percentiles: vec![50.0, 80.0, 90.0],
            title: None,
        }
    }
}

/// Draws the Monte Carlo finish histogram: iterations per finish-date bin as bars, the
/// cumulative probability curve on the right axis, P-lines, the deterministic (CPM)
/// finish and the target date with its probability.
///
/// # Errors
/// [`RenderError::Option`] for a percentile outside (0, 100].
pub fn histogram(
    report: &SimulationReport,
    opts: &HistogramOptions,
) -> Result<String, RenderError> {
    if let Some(p) = opts
        .percentiles
        .iter()
        .find(|p| !(**p > 0.0 && **p <= 100.0))
    {
        return Err(RenderError::Option {
            option: "percentiles",
            message: format!("{p} is not in (0, 100]"),
        });
    }
    let bins = &report.finish.histogram;
    let mut lo = bins
        .first()
        .map_or(report.finish.min, |b| b.start)
        .min(report.planned_finish);
    let mut hi = bins
        .last()
        .map_or(report.finish.max, |b| b.end)
        .max(report.planned_finish);
    if let Some(t) = report.target {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    if hi <= lo {
        hi = lo + chrono::Duration::days(1);
    }
    let (width, height) = (820.0, 400.0);
    let title = title_of(
        &opts.title,
        &format!("Project finish: {} iterations", report.iterations),
    );
    let mut svg = Svg::new(width, height, CSS, &title, 8192 + bins.len() * 200);
    svg.text(10.0, 20.0, Anchor::Start, "tt", &title);
    let f = Frame {
        x: 64.0,
        y: 56.0,
        w: width - 64.0 - 60.0,
        h: height - 56.0 - 60.0,
    };
    let x = Linear::new(minutes(lo), minutes(hi), f.x, f.right());
    let max = bins.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64;
    let (ticks, _, ymax) = nice_ticks(0.0, max, 5);
    let y = Linear::new(0.0, ymax, f.bottom(), f.y);
    y_axis(&mut svg, &f, &ticks, &y, false, &|v| tick_label(v));
    let yc = Linear::new(0.0, 1.0, f.bottom(), f.y);
    y_axis(
        &mut svg,
        &f,
        &[0.0, 0.25, 0.5, 0.75, 1.0],
        &yc,
        true,
        &|v| format!("{}%", (v * 100.0).round()),
    );
    for b in bins {
        let (a, e) = (x.at(minutes(b.start)), x.at(minutes(b.end)));
        let tip = format!(
            "{} – {}: {} iterations, {:.1}% by the end",
            day_label(b.start.date()),
            day_label(b.end.date()),
            b.count,
            b.cumulative * 100.0
        );
        svg.rect_titled(
            a + 0.5,
            y.at(b.count as f64),
            (e - a - 1.0).max(0.5),
            f.bottom() - y.at(b.count as f64),
            "bar",
            &tip,
        );
    }
    let mut pts = vec![];
    if let Some(b) = bins.first() {
        pts.push((x.at(minutes(b.start)), yc.at(0.0)));
    }
    for b in bins {
        pts.push((x.at(minutes(b.end)), yc.at(b.cumulative)));
    }
    svg.polyline(&pts, "cum");
    x_date_axis(&mut svg, &f, lo, hi, &x);
    // Reference lines and their labels above the plot.
    let mut labels: Vec<(f64, String, &str)> = vec![];
    let classes = ["p50", "p80", "p90"];
    for (i, p) in opts.percentiles.iter().enumerate() {
        let d = report.finish.percentile(*p);
        let xx = x.at(minutes(d));
        let cls = classes.get(i).copied().unwrap_or("p90");
        svg.line(xx, f.y, xx, f.bottom(), &format!("pl {cls}"));
        labels.push((
            xx,
            format!("P{} {}", tick_label(*p), day_label(d.date())),
            cls,
        ));
    }
    let xp = x.at(minutes(report.planned_finish));
    svg.line(xp, f.y, xp, f.bottom(), "cpm");
    labels.push((
        xp,
        format!(
            "CPM {} ({:.0}%)",
            day_label(report.planned_finish.date()),
            report.probability_by_planned * 100.0
        ),
        "cpm",
    ));
    if let Some(t) = report.target {
        let xt = x.at(minutes(t));
        svg.line(xt, f.y, xt, f.bottom(), "tg");
        labels.push((
            xt,
            format!(
                "Target {} ({:.0}%)",
                day_label(t.date()),
                report.target_probability.unwrap_or(0.0) * 100.0
            ),
            "tg",
        ));
    }
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (k, (xx, text, _)) in labels.iter().enumerate() {
        svg.text(
            *xx + 3.0,
            f.y - 4.0 - (k % 2) as f64 * 12.0,
            Anchor::Start,
            "lg",
            text,
        );
    }
    svg.text(f.x, height - 14.0, Anchor::Start, "lg", "Bars: iterations per finish date; red curve: probability of finishing by the date (right axis).");
    Ok(svg.finish())
}

/// Options of [`tornado`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct TornadoOptions {
    /// How many tasks (1–100), 10 by default.
    pub count: usize,
    /// Title; "Sensitivity: duration vs project finish" when absent.
    pub title: Option<String>,
}

impl Default for TornadoOptions {
    fn default() -> Self {
        TornadoOptions {
            count: 10,
            title: None,
        }
    }
}

/// Draws the sensitivity tornado: the tasks whose durations correlate most with the
/// project finish (Spearman rank correlation), largest first.
///
/// # Errors
/// [`RenderError::Option`] for a count outside 1–100; [`RenderError::Source`] when the
/// simulation ran without sensitivity.
pub fn tornado(report: &SimulationReport, opts: &TornadoOptions) -> Result<String, RenderError> {
    if !(1..=100).contains(&opts.count) {
        return Err(RenderError::Option {
            option: "count",
            message: format!("{} is not in 1–100", opts.count),
        });
    }
    let items = report.tornado(opts.count);
    if report.tasks.iter().all(|t| t.sensitivity.is_none()) {
        return Err(RenderError::Source(
            "the simulation ran without sensitivity".into(),
        ));
    }
    let label_w = items
        .iter()
        .map(|t| text_width(&t.name, 10.0))
        .fold(80.0, f64::max)
        .min(260.0)
        + 12.0;
    let width = label_w + 520.0;
    let height = 70.0 + items.len() as f64 * 24.0 + 40.0;
    let title = title_of(&opts.title, "Sensitivity: duration vs project finish");
    let mut svg = Svg::new(width, height, CSS, &title, 4096 + items.len() * 300);
    svg.text(10.0, 20.0, Anchor::Start, "tt", &title);
    let f = Frame {
        x: label_w,
        y: 50.0,
        w: 480.0,
        h: items.len() as f64 * 24.0,
    };
    let x = Linear::new(-1.0, 1.0, f.x, f.right());
    for t in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        let xx = x.at(t);
        svg.line(xx, f.y, xx, f.bottom(), if t == 0.0 { "ax" } else { "gr" });
        svg.text(xx, f.bottom() + 14.0, Anchor::Middle, "tk", &tick_label(t));
    }
    for (i, t) in items.iter().enumerate() {
        let v = t.sensitivity.unwrap_or(0.0);
        let yy = f.y + i as f64 * 24.0;
        let (a, b) = (x.at(v.min(0.0)), x.at(v.max(0.0)));
        let tip = format!(
            "#{} {}: ρ = {:.3}, criticality {:.0}%",
            t.task.0,
            t.name,
            v,
            t.criticality * 100.0
        );
        svg.rect_titled(
            a,
            yy + 4.0,
            (b - a).max(0.5),
            16.0,
            if v >= 0.0 { "pos" } else { "neg" },
            &tip,
        );
        svg.text(
            f.x - 6.0,
            yy + 15.5,
            Anchor::End,
            "lb",
            &fit(&t.name, 10.0, label_w - 16.0),
        );
        let (tx, anchor) = if v >= 0.0 {
            (b + 4.0, Anchor::Start)
        } else {
            (a - 4.0, Anchor::End)
        };
        svg.text(tx, yy + 15.5, anchor, "tk", &format!("{v:.2}"));
    }
    svg.text(
        f.x,
        height - 12.0,
        Anchor::Start,
        "lg",
        "Spearman rank correlation of each task's sampled duration with the project finish.",
    );
    Ok(svg.finish())
}

/// Options of [`s_curve`].
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct SCurveOptions {
    /// Title; "Earned value" when absent.
    pub title: Option<String>,
}

/// Draws the earned-value S-curve: cumulative planned value, earned value and actual cost
/// by period, the budget at completion, the status date, and (with the report) the
/// projection of actual cost to the estimate at completion (EAC = BAC / CPI, or
/// AC + BAC − EV without a CPI) at the forecast finish.
///
/// # Errors
/// None in practice; an empty curve draws an empty frame.
pub fn s_curve(
    points: &[SCurvePoint],
    report: Option<&EvmReport>,
    opts: &SCurveOptions,
) -> Result<String, RenderError> {
    let (width, height) = (820.0, 420.0);
    let title = title_of(&opts.title, "Earned value");
    let mut svg = Svg::new(width, height, CSS, &title, 8192 + points.len() * 100);
    svg.text(10.0, 20.0, Anchor::Start, "tt", &title);
    let f = Frame {
        x: 80.0,
        y: 50.0,
        w: width - 80.0 - 30.0,
        h: height - 50.0 - 70.0,
    };
    let first = points.first().map(|p| p.period.and_time(NaiveTime::MIN));
    let mut lo = first.unwrap_or(NaiveDateTime::MIN);
    let mut hi = points.last().map_or(lo, |p| p.at);
    let mut max = points
        .iter()
        .map(|p| p.pv.max(p.ev.unwrap_or(0.0)).max(p.ac.unwrap_or(0.0)))
        .fold(1.0, f64::max);
    let eac = report.map(|r| {
        let e = r
            .project
            .eac_cpi
            .unwrap_or(r.project.eac_remaining_at_budget);
        let at = r
            .earned_schedule
            .forecast_finish
            .unwrap_or(hi)
            .max(r.status_date);
        (r.status_date, r.project.ac, at, e, r.project.bac)
    });
    if let Some((_, _, at, e, bac)) = eac {
        hi = hi.max(at);
        max = max.max(e).max(bac);
    }
    if points.is_empty() {
        lo = hi - chrono::Duration::days(1);
    }
    let x = Linear::new(minutes(lo), minutes(hi), f.x, f.right());
    let (ticks, _, ymax) = nice_ticks(0.0, max, 5);
    let y = Linear::new(0.0, ymax, f.bottom(), f.y);
    y_axis(&mut svg, &f, &ticks, &y, false, &|v| tick_label(v));
    if let Some((_, _, _, _, bac)) = eac {
        svg.line(f.x, y.at(bac), f.right(), y.at(bac), "bac");
        svg.text(
            f.x + 4.0,
            y.at(bac) - 4.0,
            Anchor::Start,
            "lg",
            &format!("BAC {}", tick_label(bac.round())),
        );
    }
    let start = first.map(|t| (x.at(minutes(t)), y.at(0.0)));
    let line = |sel: &dyn Fn(&SCurvePoint) -> Option<f64>| {
        let mut pts: Vec<(f64, f64)> = start.into_iter().collect();
        pts.extend(
            points
                .iter()
                .filter_map(|p| sel(p).map(|v| (x.at(minutes(p.at)), y.at(v)))),
        );
        pts
    };
    svg.polyline(&line(&|p| Some(p.pv)), "pv");
    svg.polyline(&line(&|p| p.ev), "ev");
    svg.polyline(&line(&|p| p.ac), "ac");
    if let Some((sd, ac, at, e, _)) = eac {
        let xs = x.at(minutes(sd));
        svg.line(xs, f.y, xs, f.bottom(), "sd");
        svg.text(
            xs + 3.0,
            f.y + 10.0,
            Anchor::Start,
            "lg",
            &format!("status {}", day_label(sd.date())),
        );
        svg.polyline(&[(xs, y.at(ac)), (x.at(minutes(at)), y.at(e))], "eac");
        svg.text(
            x.at(minutes(at)) - 4.0,
            y.at(e) - 6.0,
            Anchor::End,
            "lg",
            &format!("EAC {}", tick_label(e.round())),
        );
    }
    x_date_axis(&mut svg, &f, lo, hi, &x);
    legend(
        &mut svg,
        f.x,
        height - 16.0,
        &[
            (palette::BLUE, "planned value (PV)"),
            (palette::GREEN, "earned value (EV)"),
            (
                palette::PURPLE,
                "actual cost (AC), dashed: projection to EAC",
            ),
        ],
    );
    Ok(svg.finish())
}

/// Options of [`cost_curve`].
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct CostCurveOptions {
    /// The period of the rows (for the bar widths), week by default.
    pub period: Period,
    /// Title; "Cost by period" when absent.
    pub title: Option<String>,
}

/// Draws cost per period as bars and the cumulative cost (the planned value curve) as a
/// line on the right axis.
///
/// # Errors
/// None in practice; no periods draw an empty frame.
pub fn cost_curve(periods: &[PeriodCost], opts: &CostCurveOptions) -> Result<String, RenderError> {
    let (width, height) = (820.0, 380.0);
    let title = title_of(&opts.title, "Cost by period");
    let mut svg = Svg::new(width, height, CSS, &title, 4096 + periods.len() * 150);
    svg.text(10.0, 20.0, Anchor::Start, "tt", &title);
    let f = Frame {
        x: 80.0,
        y: 50.0,
        w: width - 80.0 - 80.0,
        h: height - 50.0 - 70.0,
    };
    let lo = periods
        .first()
        .map_or(NaiveDateTime::MIN, |p| p.period.and_time(NaiveTime::MIN));
    let hi = periods.last().map_or(lo + chrono::Duration::days(1), |p| {
        opts.period.next_start(p.period).and_time(NaiveTime::MIN)
    });
    let x = Linear::new(minutes(lo), minutes(hi), f.x, f.right());
    let max = periods.iter().map(|p| p.cost).fold(1.0, f64::max);
    let cmax = periods.iter().map(|p| p.cumulative).fold(1.0, f64::max);
    let (ticks, _, ymax) = nice_ticks(0.0, max, 5);
    let (cticks, _, cymax) = nice_ticks(0.0, cmax, 5);
    let y = Linear::new(0.0, ymax, f.bottom(), f.y);
    let yc = Linear::new(0.0, cymax, f.bottom(), f.y);
    y_axis(&mut svg, &f, &ticks, &y, false, &|v| tick_label(v));
    y_axis(&mut svg, &f, &cticks, &yc, true, &|v| tick_label(v));
    let mut pts = vec![(f.x, yc.at(0.0))];
    for p in periods {
        let a = x.at(minutes(p.period.and_time(NaiveTime::MIN)));
        let b = x.at(minutes(
            opts.period.next_start(p.period).and_time(NaiveTime::MIN),
        ));
        let tip = format!(
            "{}: {} (cumulative {})",
            day_label(p.period),
            tick_label(p.cost.round()),
            tick_label(p.cumulative.round())
        );
        let v = p.cost.max(0.0);
        svg.rect_titled(
            a + 1.0,
            y.at(v),
            (b - a - 2.0).max(0.5),
            f.bottom() - y.at(v),
            "bar",
            &tip,
        );
        pts.push((b, yc.at(p.cumulative)));
    }
    svg.polyline(&pts, "cum");
    x_date_axis(&mut svg, &f, lo, hi, &x);
    legend(
        &mut svg,
        f.x,
        height - 16.0,
        &[
            (palette::BLUE, "cost in the period (left axis)"),
            (palette::RED, "cumulative (right axis)"),
        ],
    );
    Ok(svg.finish())
}

/// Options of [`burndown`] and [`cfd`].
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct FlowChartOptions {
    /// Title; the sprint ("Sprint S1") or "Cumulative flow" when absent.
    pub title: Option<String>,
}

/// The most days a flow chart draws (about ten years; a CFD's range may be longer, up
/// to [`MAX_RANGE_DAYS`](crate::agile::MAX_RANGE_DAYS), and is then refused here as too
/// large rather than drawn as a multi-megabyte SVG).
const FLOW_DAYS: usize = 3_700;

/// Day labels under an index axis, about one per 70 px.
fn day_axis(svg: &mut Svg, f: &Frame, days: &[NaiveDate], x: &dyn Fn(usize) -> f64) {
    svg.line(f.x, f.bottom(), f.right(), f.bottom(), "ax");
    let every = ((days.len() as f64 * 70.0 / f.w).ceil() as usize).max(1);
    for (i, d) in days.iter().enumerate().step_by(every) {
        let xx = x(i);
        svg.line(xx, f.bottom(), xx, f.bottom() + 4.0, "ax");
        svg.text(xx, f.bottom() + 15.0, Anchor::Middle, "tk", &day_label(*d));
    }
}

fn flow_frame(n: usize, title: &str, css: &str) -> Result<(Svg, Frame, f64, f64), RenderError> {
    if n > FLOW_DAYS {
        return Err(super::kit::too_large(&format!(
            "{n} days (at most {FLOW_DAYS}); draw a shorter range"
        )));
    }
    let (width, height) = (820.0, 400.0);
    let mut svg = Svg::new(width, height, css, title, 8192 + n * 160);
    svg.text(10.0, 20.0, Anchor::Start, "tt", title);
    let f = Frame {
        x: 70.0,
        y: 45.0,
        w: width - 70.0 - 30.0,
        h: height - 45.0 - 70.0,
    };
    Ok((svg, f, width, height))
}

/// Draws a sprint's burndown and burnup: the remaining work (the burndown), the scope
/// and the completed work (the burnup), and the ideal line from the committed total to
/// zero, one point per sprint day. Scope added mid-sprint raises the scope line instead
/// of hiding as progress; work finished outside the sprint is noted under the chart.
///
/// ```
/// # use planix::agile::*;
/// # let t = |s: &str| s.parse::<chrono::NaiveDateTime>().unwrap();
/// # let mut b = Board::new("B");
/// # b.add_column(Column::new("todo", "To do", Stage::Todo))?;
/// # b.add_column(Column::new("done", "Done", Stage::Done))?;
/// # b.add_item(ItemSpec::new("A", "A").with_estimate(3.0), t("2027-03-01T09:00:00"), "")?;
/// # b.add_sprint(SprintSpec::new("S1", "2027-03-01".parse()?, "2027-03-05".parse()?))?;
/// # b.add_to_sprint("S1", "A", t("2027-03-01T09:10:00"), "")?;
/// # b.start_sprint("S1", t("2027-03-01T09:20:00"))?;
/// let svg = planix::render::burndown(&b.burndown("S1", None, None)?, &Default::default())?;
/// assert!(svg.contains("Sprint S1") && svg.contains("remaining"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`RenderError::TooLarge`] past 3,700 days.
pub fn burndown(
    b: &crate::agile::Burndown,
    opts: &FlowChartOptions,
) -> Result<String, RenderError> {
    let title = title_of(&opts.title, &format!("Sprint {}", b.sprint));
    let css = format!(
        "{CSS}.ideal{{fill:none;stroke:#999;stroke-width:1.5;stroke-dasharray:5 3}}\
.rem{{fill:none;stroke:{};stroke-width:2.5}}.scope{{fill:none;stroke:{};stroke-width:1.5}}\
.done{{fill:none;stroke:{};stroke-width:1.5}}",
        palette::BLUE,
        palette::ORANGE,
        palette::GREEN
    );
    let n = b.days.len();
    let (mut svg, f, _, height) = flow_frame(n, &title, &css)?;
    let max = b
        .days
        .iter()
        .map(|d| d.scope.max(d.ideal).max(d.remaining))
        .fold(b.committed.max(1.0), f64::max);
    let (ticks, _, ymax) = nice_ticks(0.0, max, 5);
    let y = Linear::new(0.0, ymax, f.bottom(), f.y);
    y_axis(&mut svg, &f, &ticks, &y, false, &|v| tick_label(v));
    let step = f.w / (n.max(2) - 1) as f64;
    let x = |i: usize| f.x + step * i as f64;
    let line = |sel: &dyn Fn(&crate::agile::BurndownRow) -> f64| -> Vec<(f64, f64)> {
        b.days
            .iter()
            .enumerate()
            .map(|(i, d)| (x(i), y.at(sel(d))))
            .collect()
    };
    svg.polyline(&line(&|d| d.ideal), "ideal");
    svg.polyline(&line(&|d| d.scope), "scope");
    svg.polyline(&line(&|d| d.completed), "done");
    let rem = line(&|d| d.remaining);
    for (i, d) in b.days.iter().enumerate() {
        if d.added > 0.0 || d.removed > 0.0 {
            let tip = format!(
                "{}: scope +{} −{} (a baseline shift, not progress)",
                d.date,
                tick_label(d.added),
                tick_label(d.removed)
            );
            svg.rect_fill_titled(
                x(i) - 3.0,
                y.at(d.scope) - 3.0,
                6.0,
                6.0,
                palette::ORANGE,
                &tip,
            );
        }
    }
    svg.polyline_titled(&rem, "rem", "remaining work at the end of each day");
    let days: Vec<NaiveDate> = b.days.iter().map(|d| d.date).collect();
    day_axis(&mut svg, &f, &days, &x);
    legend(
        &mut svg,
        f.x,
        height - 30.0,
        &[
            (palette::BLUE, "remaining (burndown)"),
            (palette::ORANGE, "scope"),
            (palette::GREEN, "completed (burnup)"),
            ("#999999", "ideal, from the commitment"),
        ],
    );
    if !b.outside.is_empty() {
        let total: f64 = b.outside.iter().map(|o| o.estimate).sum();
        svg.text(
            f.x,
            height - 10.0,
            Anchor::Start,
            "lg",
            &format!(
                "{} item(s), {} finished outside the sprint: not counted as progress",
                b.outside.len(),
                tick_label(total)
            ),
        );
    }
    Ok(svg.finish())
}

/// Draws the cumulative flow diagram: one stacked band per column (the last column at
/// the bottom, the backlog on top), one point per day; a widening band is a queue
/// growing.
///
/// # Errors
/// [`RenderError::TooLarge`] past 3,700 days.
pub fn cfd(c: &crate::agile::Cfd, opts: &FlowChartOptions) -> Result<String, RenderError> {
    const FILLS: [&str; 7] = [
        palette::SKY,
        palette::ORANGE,
        palette::BLUE,
        palette::YELLOW,
        palette::PURPLE,
        palette::RED,
        palette::GREEN,
    ];
    let title = title_of(&opts.title, "Cumulative flow");
    let nc = c.columns.len();
    // Bands bottom-up: the last column first (green for the last), the backlog on top.
    let mut css = String::from(CSS);
    let fill = |k: usize| -> &'static str {
        if k == 0 && nc > 0 {
            palette::GREEN
        } else {
            FILLS[k % 6]
        }
    };
    for k in 0..=nc {
        let f = if k == nc { "#dddddd" } else { fill(k) };
        css.push_str(&format!(".b{k}{{fill:{f};stroke:#fff;stroke-width:.5}}"));
    }
    let n = c.days.len();
    let (mut svg, f, _, height) = flow_frame(n, &title, &css)?;
    let band = |d: &crate::agile::CfdRow, k: usize| -> f64 {
        if k == nc {
            f64::from(d.backlog)
        } else {
            f64::from(d.counts.get(nc - 1 - k).copied().unwrap_or(0))
        }
    };
    let max = c
        .days
        .iter()
        .map(|d| (0..=nc).map(|k| band(d, k)).sum::<f64>())
        .fold(1.0, f64::max);
    let (ticks, _, ymax) = nice_ticks(0.0, max, 5);
    let y = Linear::new(0.0, ymax, f.bottom(), f.y);
    y_axis(&mut svg, &f, &ticks, &y, false, &|v| tick_label(v));
    let step = f.w / (n.max(2) - 1) as f64;
    let x = |i: usize| f.x + step * i as f64;
    let mut below = vec![0.0; n];
    for k in 0..=nc {
        let top: Vec<f64> = c
            .days
            .iter()
            .zip(&below)
            .map(|(d, b)| b + band(d, k))
            .collect();
        let mut pts: Vec<(f64, f64)> = (0..n).map(|i| (x(i), y.at(top[i]))).collect();
        pts.extend((0..n).rev().map(|i| (x(i), y.at(below[i]))));
        let name = if k == nc {
            "backlog"
        } else {
            c.columns[nc - 1 - k].as_str()
        };
        if n > 0 {
            svg.polygon(&pts, &format!("b{k}"), name);
        }
        below = top;
    }
    let days: Vec<NaiveDate> = c.days.iter().map(|d| d.date).collect();
    day_axis(&mut svg, &f, &days, &x);
    let items: Vec<(&str, &str)> = (0..=nc)
        .rev()
        .map(|k| {
            if k == nc {
                ("#dddddd", "backlog")
            } else {
                (fill(k), c.columns[nc - 1 - k].as_str())
            }
        })
        .collect();
    legend(&mut svg, f.x, height - 20.0, &items);
    Ok(svg.finish())
}
