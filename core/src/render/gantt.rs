//! The Gantt chart: WBS table, bars on a calendar scale, links routed around bars.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::kit::{TimeScale, TimeUnit, fit, palette, text_width};
use super::svg::{Anchor, Svg, num, push_uint};
use super::{RenderError, check_size, days_text, positive};
use crate::resources::Leveled;
use crate::{LinkKind, Project, Schedule, TaskId, TaskKind};

/// A column of the Gantt's task table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum GanttColumn {
    /// Outline number ("2.3.1").
    Wbs,
    /// Task name, indented by outline level.
    Name,
    /// Working duration in days.
    Duration,
    /// Scheduled start date.
    Start,
    /// Scheduled finish date.
    Finish,
    /// Total float in days.
    TotalFloat,
}

crate::names::named!(GanttColumn {
    Wbs = "wbs",
    Name = "name",
    Duration = "duration",
    Start = "start",
    Finish = "finish",
    TotalFloat = "total_float",
});

/// What a Gantt chart shows. Every field has a default; `GanttOptions::default()` draws
/// the whole plan with links, critical path, float, baseline 0 (when saved), the status
/// date, non-working days and resource names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct GanttOptions {
    /// Lower header row unit (day, week, month, quarter, year); chosen from the span when absent.
    pub scale: Option<TimeUnit>,
    /// Pixels per calendar day (0 < x ≤ 500); the unit's own when absent.
    pub px_per_day: Option<f64>,
    /// Collapse the WBS below this outline level (1 = top-level tasks only).
    pub max_level: Option<usize>,
    /// Only these tasks (with their summary tasks, for context).
    pub tasks: Option<Vec<TaskId>>,
    /// Only critical tasks (with their summary tasks).
    pub critical_only: bool,
    /// Rows per page; absent draws every row on one page.
    pub rows_per_page: Option<usize>,
    /// The page to draw, from 1.
    pub page: usize,
    /// Highlight critical tasks and the links between them.
    pub critical: bool,
    /// Draw total float as a thin tail after each non-critical bar.
    pub float: bool,
    /// Baselines drawn as thin bars beneath each task; absent draws baseline 0 when saved.
    pub baselines: Option<Vec<u8>>,
    /// Draw the status date as a vertical line.
    pub status_date: bool,
    /// Shade the project calendar's non-working days (day and week scales).
    pub nonworking: bool,
    /// Write assigned resource names beside the bars.
    pub resources: bool,
    /// Draw link arrows.
    pub links: bool,
    /// Draw percent complete inside the bars.
    pub progress: bool,
    /// Columns of the task table (empty: no table). When absent: WBS, name, duration,
    /// start and finish up to [`FULL_TABLE_ROWS`] rows, WBS and name beyond (dates stay
    /// in each bar's tooltip), which keeps a 10,000-task chart to about 2.5 MB.
    pub columns: Option<Vec<GanttColumn>>,
    /// Colour bars by criticality index (0–1 per task, e.g. a simulation's `criticality()`)
    /// instead of critical or not.
    pub criticality: Option<BTreeMap<TaskId, f64>>,
    /// Row height in pixels (16–80).
    pub row_height: f64,
    /// Width of the name column in pixels (40–1000).
    pub name_width: f64,
    /// A title above the chart; the project name when absent.
    pub title: Option<String>,
}

impl Default for GanttOptions {
    fn default() -> Self {
        GanttOptions {
            scale: None,
            px_per_day: None,
            max_level: None,
            tasks: None,
            critical_only: false,
            rows_per_page: None,
            page: 1,
            critical: true,
            float: true,
            baselines: None,
            status_date: true,
            nonworking: true,
            resources: true,
            links: true,
            progress: true,
            columns: None,
            criticality: None,
            row_height: 22.0,
            name_width: 200.0,
            title: None,
        }
    }
}

impl GanttOptions {
    /// The defaults for an inline display (a notebook cell): the first
    /// [`DISPLAY_ROWS`] rows, the title saying which rows of how many are shown.
    pub fn display() -> Self {
        GanttOptions {
            rows_per_page: Some(DISPLAY_ROWS),
            ..GanttOptions::default()
        }
    }

    fn check(&self, p: &Project) -> Result<(), RenderError> {
        if let Some(x) = self.px_per_day {
            positive("px_per_day", x, 500.0)?;
        }
        if !(16.0..=80.0).contains(&self.row_height) {
            return Err(RenderError::Option {
                option: "row_height",
                message: format!("{} is not in 16–80", self.row_height),
            });
        }
        if !(40.0..=1000.0).contains(&self.name_width) {
            return Err(RenderError::Option {
                option: "name_width",
                message: format!("{} is not in 40–1000", self.name_width),
            });
        }
        if self.max_level == Some(0) {
            return Err(RenderError::Option {
                option: "max_level",
                message: "levels count from 1".into(),
            });
        }
        if self.rows_per_page == Some(0) || self.page == 0 {
            return Err(RenderError::Option {
                option: if self.page == 0 {
                    "page"
                } else {
                    "rows_per_page"
                },
                message: "counts from 1".into(),
            });
        }
        if let Some(ts) = &self.tasks {
            if let Some(t) = ts.iter().find(|t| p.task(**t).is_none()) {
                return Err(RenderError::UnknownTask(*t));
            }
        }
        if let Some(c) = &self.criticality {
            if let Some((t, v)) = c.iter().find(|(_, v)| !(0.0..=1.0).contains(*v)) {
                return Err(RenderError::Option {
                    option: "criticality",
                    message: format!("task {t}: {v} is not in 0–1"),
                });
            }
        }
        Ok(())
    }
}

/// Rows a notebook shows of a Gantt chart by default ([`GanttOptions::display`]).
pub const DISPLAY_ROWS: usize = 2_000;

/// Rows up to which the default table has duration, start and finish columns.
pub const FULL_TABLE_ROWS: usize = 1_000;

/// One drawn row.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) id: TaskId,
    pub(crate) wbs: String,
    pub(crate) level: usize,
    pub(crate) kind: TaskKind,
    pub(crate) name: String,
    pub(crate) start: NaiveDateTime,
    pub(crate) finish: NaiveDateTime,
    pub(crate) late_finish: NaiveDateTime,
    pub(crate) float: i64,
    pub(crate) duration: i64,
    pub(crate) critical: bool,
    pub(crate) percent: u8,
    pub(crate) resources: String,
    pub(crate) deadline: Option<NaiveDateTime>,
    pub(crate) baselines: Vec<(u8, NaiveDateTime, NaiveDateTime)>,
    /// Leveling: the CPM early start the task was delayed from, and the delay.
    pub(crate) leveled_from: Option<(NaiveDateTime, i64)>,
    /// Bar extent in pixels, set by the layout.
    pub(crate) x0: f64,
    pub(crate) x1: f64,
}

/// A drawn link: its rows, kind and route.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) from: usize,
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) to: usize,
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) kind: LinkKind,
    pub(crate) critical: bool,
    /// Whether the route avoids every bar (false only when no such route was found).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) clear: bool,
    pub(crate) route: Vec<(f64, f64)>,
}

/// Everything the drawing needs, computed first so tests can check the geometry.
#[derive(Debug)]
pub(crate) struct Layout {
    pub(crate) rows: Vec<Row>,
    pub(crate) links: Vec<Link>,
    pub(crate) scale: TimeScale,
    pub(crate) top: f64,
    pub(crate) rh: f64,
    pub(crate) width: f64,
    pub(crate) height: f64,
    pub(crate) columns: Vec<(GanttColumn, f64, f64)>,
    pub(crate) status: Option<NaiveDateTime>,
    pub(crate) title: String,
    pub(crate) per_day: u32,
    pub(crate) label_x: Vec<f64>,
    /// Runs of non-working days of the project calendar: first day, day after the last.
    pub(crate) nonworking: Vec<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// Draws a Gantt chart of a scheduled project as SVG.
///
/// Rows follow the WBS in outline order: summary tasks as brackets, tasks as bars with
/// percent complete, milestones as diamonds. Links of all four types are drawn as
/// orthogonal arrows from the predecessor's finish (FS, FF) or start (SS, SF) to the
/// successor's start (FS, SS) or finish (FF, SF), routed so that no segment crosses
/// another task's bar where such a route exists. Tasks missing from the schedule (an
/// edit since it was computed) are left out.
///
/// # Errors
/// [`RenderError`] for out-of-range options, an unknown task in `tasks`, or a chart
/// beyond the size limits (more than 20,000 scale columns or 4,000,000 px).
pub fn gantt(
    project: &Project,
    schedule: &Schedule,
    opts: &GanttOptions,
) -> Result<String, RenderError> {
    let l = layout(project, schedule, None, opts)?;
    Ok(draw(&l, opts))
}

/// Draws the Gantt chart of a leveled schedule: as [`gantt`], with each delayed task's
/// leveling delay drawn as a thin line from its CPM early start to its leveled start.
///
/// # Errors
/// As [`gantt`].
pub fn leveled_gantt(
    project: &Project,
    leveled: &Leveled,
    opts: &GanttOptions,
) -> Result<String, RenderError> {
    let l = layout(project, &leveled.schedule, Some(leveled), opts)?;
    Ok(draw(&l, opts))
}

/// The rows to draw, in outline order, after collapsing, filtering and paging.
/// The picked rows, and (first row, last row, rows in all) when paging cut them.
type Picked = (Vec<(TaskId, String, usize)>, Option<(usize, usize, usize)>);

fn pick_rows(p: &Project, opts: &GanttOptions, s: &Schedule) -> Picked {
    let keep: Option<HashSet<TaskId>> = if opts.tasks.is_some() || opts.critical_only {
        let mut keep = HashSet::new();
        let mut wanted: Vec<TaskId> = opts.tasks.clone().unwrap_or_default();
        if opts.critical_only {
            wanted.extend(s.tasks().iter().filter(|t| t.is_critical()).map(|t| t.id()));
        }
        for t in wanted {
            let mut cur = Some(t);
            while let Some(c) = cur {
                if !keep.insert(c) {
                    break;
                }
                cur = p.task(c).and_then(|x| x.parent);
            }
        }
        Some(keep)
    } else {
        None
    };
    let mut out = Vec::new();
    let mut wbs = String::new();
    p.for_each_outline(|id, path| {
        if opts.max_level.is_some_and(|m| path.len() > m) {
            return;
        }
        if keep.as_ref().is_some_and(|k| !k.contains(&id)) {
            return;
        }
        if s.task(id).is_none() {
            return;
        }
        wbs.clear();
        for (i, n) in path.iter().enumerate() {
            if i > 0 {
                wbs.push('.');
            }
            push_uint(&mut wbs, u64::from(*n));
        }
        out.push((id, wbs.clone(), path.len()));
    });
    let mut cut = None;
    if let Some(per) = opts.rows_per_page {
        let all = out.len();
        let from = (opts.page - 1).saturating_mul(per).min(all);
        let to = from.saturating_add(per).min(all);
        if to - from < all {
            cut = Some((from + 1, to, all));
        }
        out = out[from..to].to_vec();
    }
    (out, cut)
}

pub(crate) fn layout(
    p: &Project,
    s: &Schedule,
    leveled: Option<&Leveled>,
    opts: &GanttOptions,
) -> Result<Layout, RenderError> {
    opts.check(p)?;
    let (picked, cut) = pick_rows(p, opts, s);
    let baselines: Vec<u8> = match &opts.baselines {
        Some(b) => b.clone(),
        None if p.baseline(0).is_some() => vec![0],
        None => vec![],
    };
    let delays: HashMap<TaskId, &crate::resources::LevelingDelay> = leveled
        .map(|l| l.delays.iter().map(|d| (d.task, d)).collect())
        .unwrap_or_default();
    let cal = p.project_calendar();
    let per_day = cal.minutes_per_day();
    let mut rows = Vec::with_capacity(picked.len());
    for (id, wbs, level) in picked {
        let Some(st) = s.task(id) else { continue };
        let task = p.task(id);
        let kind = p.kind(id).unwrap_or(st.kind());
        let mut res = String::new();
        if opts.resources {
            for a in p.assignments_of(id) {
                if let Some(r) = p.resource(a.resource) {
                    if !res.is_empty() {
                        res.push_str(", ");
                    }
                    res.push_str(&r.name);
                    if r.kind == crate::ResourceKind::Work && (a.units - 1.0).abs() > 1e-9 {
                        res.push_str(&format!("[{}%]", (a.units * 100.0).round()));
                    }
                }
            }
        }
        let mut bl = vec![];
        for &n in &baselines {
            if let Some(b) = p.baseline(n).and_then(|b| b.tasks.get(&id)) {
                bl.push((n, b.start, b.finish));
            }
        }
        let leveled_from = match delays.get(&id) {
            Some(d) if d.shift.as_minutes() > 0 => {
                let back = crate::Duration::minutes(-d.shift.as_minutes());
                Some((
                    cal.add_working_time(st.start(), back)?,
                    d.delay.as_minutes(),
                ))
            }
            _ => None,
        };
        rows.push(Row {
            id,
            wbs,
            level,
            kind,
            name: st.name().to_string(),
            start: st.start(),
            finish: st.finish(),
            late_finish: st.late_finish(),
            float: st.total_float().as_minutes(),
            duration: st.duration().as_minutes(),
            critical: st.is_critical(),
            percent: task.map_or(0, |t| t.progress.percent_complete),
            resources: res,
            deadline: task.and_then(|t| t.deadline),
            baselines: bl,
            leveled_from,
            x0: 0.0,
            x1: 0.0,
        });
    }
    // Time span of what is drawn.
    let status = if opts.status_date {
        p.status_date()
    } else {
        None
    };
    let mut lo = rows.iter().map(|r| r.start).min().unwrap_or(s.start());
    let mut hi = rows.iter().map(|r| r.finish).max().unwrap_or(s.finish());
    for r in &rows {
        if opts.float && !r.critical && r.kind != TaskKind::Summary {
            hi = hi.max(r.late_finish);
        }
        for b in &r.baselines {
            lo = lo.min(b.1);
            hi = hi.max(b.2);
        }
        if let Some(d) = r.deadline {
            hi = hi.max(d);
        }
        if let Some((f, _)) = r.leveled_from {
            lo = lo.min(f);
        }
    }
    if let Some(sd) = status {
        lo = lo.min(sd);
        hi = hi.max(sd);
    }
    let rh = opts.row_height;
    // Table columns.
    let mut columns = vec![];
    let mut x = 0.0;
    let chosen = match &opts.columns {
        Some(c) => c.clone(),
        None if rows.len() <= FULL_TABLE_ROWS => vec![
            GanttColumn::Wbs,
            GanttColumn::Name,
            GanttColumn::Duration,
            GanttColumn::Start,
            GanttColumn::Finish,
        ],
        None => vec![GanttColumn::Wbs, GanttColumn::Name],
    };
    for &c in &chosen {
        let w = match c {
            GanttColumn::Wbs => {
                rows.iter()
                    .map(|r| text_width(&r.wbs, 10.0))
                    .fold(24.0, f64::max)
                    .min(120.0)
                    + 10.0
            }
            GanttColumn::Name => opts.name_width,
            GanttColumn::Duration | GanttColumn::TotalFloat => 52.0,
            GanttColumn::Start | GanttColumn::Finish => 78.0,
        };
        columns.push((c, x, w));
        x += w;
    }
    let table = x;
    let mut title = opts.title.clone().unwrap_or_else(|| p.name().to_string());
    if let (Some((a, b, n)), false) = (cut, title.is_empty()) {
        title.push_str(&format!(" · rows {a}–{b} of {n}"));
    }
    let top = if title.is_empty() { 0.0 } else { 26.0 };
    let scale = TimeScale::new(lo, hi, opts.scale, opts.px_per_day, table + 1.0)?;
    for r in &mut rows {
        let (a, b) = (scale.x(r.start), scale.x(r.finish));
        let (a, b) = match r.kind {
            TaskKind::Milestone => (a - rh * 0.3, a + rh * 0.3),
            TaskKind::Summary => (a - 3.0, b.max(a) + 3.0),
            TaskKind::Task => (a, b.max(a + 1.0)),
        };
        r.x0 = a;
        r.x1 = b;
    }
    let mut label_x = Vec::with_capacity(rows.len());
    let mut right = scale.x0 + scale.width();
    for r in &rows {
        let mut e = r.x1;
        if opts.float && !r.critical && r.kind == TaskKind::Task {
            e = e.max(scale.x(r.late_finish));
        }
        let lx = e + 5.0;
        if !r.resources.is_empty() {
            right = right.max(lx + text_width(&r.resources, 10.0).min(200.0));
        }
        label_x.push(lx);
    }
    let width = right + 10.0;
    let height = top + 2.0 * 18.0 + rows.len() as f64 * rh + 6.0 + LEGEND_H;
    check_size(width, height)?;
    let links = if opts.links {
        route_links(p, &rows, top + 36.0, rh, opts)
    } else {
        vec![]
    };
    let mut nonworking = vec![];
    if opts.nonworking && scale.px_per_day >= 4.0 {
        let mut run = None;
        let mut d = scale.from;
        while d <= scale.to {
            let working = d == scale.to || cal.is_working_day(d);
            match (working, run) {
                (false, None) => run = Some(d),
                (true, Some(r)) => {
                    nonworking.push((r, d));
                    run = None;
                }
                _ => {}
            }
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
    }
    Ok(Layout {
        nonworking,
        rows,
        links,
        scale,
        top,
        rh,
        width,
        height,
        columns,
        status,
        title,
        per_day,
        label_x,
    })
}

/// The bars of the rows as a segment tree over rows: each node keeps the union of its
/// rows' bar extents (widened by a margin) as sorted disjoint intervals, so "the nearest
/// x left or right of here that no bar in rows `[a, b)` covers" takes a few binary
/// searches in O(log n) nodes, however crowded the rows are.
struct Bars {
    size: usize,
    /// Every node's intervals, one after the other; node `n` owns `span[n]`.
    all: Vec<(f64, f64)>,
    span: Vec<(u32, u32)>,
}

/// Space kept between a link's vertical segment and a bar.
const MARGIN: f64 = 2.0;

impl Bars {
    fn new(rows: &[Row]) -> Self {
        let size = rows.len().next_power_of_two().max(1);
        let mut all: Vec<(f64, f64)> = Vec::with_capacity(rows.len() * 8);
        let mut span = vec![(0u32, 0u32); 2 * size];
        for (i, r) in rows.iter().enumerate() {
            span[size + i] = (all.len() as u32, 1);
            all.push((r.x0 - MARGIN, r.x1 + MARGIN));
        }
        for n in (1..size).rev() {
            let (a0, al) = span[2 * n];
            let (b0, bl) = span[2 * n + 1];
            let start = all.len();
            let (mut i, mut j) = (a0 as usize, b0 as usize);
            let (ae, be) = (i + al as usize, j + bl as usize);
            while i < ae || j < be {
                let e = if j >= be || (i < ae && all[i].0 <= all[j].0) {
                    i += 1;
                    all[i - 1]
                } else {
                    j += 1;
                    all[j - 1]
                };
                let merged = all.len() > start;
                match all.last_mut() {
                    Some(last) if merged && e.0 <= last.1 => last.1 = last.1.max(e.1),
                    _ => all.push(e),
                }
            }
            span[n] = (start as u32, (all.len() - start) as u32);
        }
        Bars { size, all, span }
    }

    fn union(&self, n: usize) -> &[(f64, f64)] {
        let (a, l) = self.span[n];
        &self.all[a as usize..a as usize + l as usize]
    }

    /// Nodes covering rows `[a, b)`.
    fn nodes(&self, a: usize, b: usize, out: &mut Vec<usize>) {
        out.clear();
        let (mut l, mut r) = (a + self.size, b + self.size);
        while l < r {
            if l & 1 == 1 {
                out.push(l);
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                out.push(r);
            }
            l >>= 1;
            r >>= 1;
        }
    }

    /// The interval of node `n` covering `x`, if any.
    fn covering(&self, n: usize, x: f64) -> Option<(f64, f64)> {
        let v = self.union(n);
        let k = v.partition_point(|e| e.0 <= x);
        (k > 0 && v[k - 1].1 >= x).then(|| v[k - 1])
    }

    /// The nearest x at or beyond `x` (rightwards or leftwards) that no bar in rows
    /// `[a, b)` covers.
    fn free(
        &self,
        a: usize,
        b: usize,
        mut x: f64,
        rightwards: bool,
        nodes: &mut Vec<usize>,
    ) -> f64 {
        self.nodes(a, b, nodes);
        // Each pass moves past every covering interval; a few passes settle it.
        for _ in 0..64 {
            let mut moved = false;
            for &n in nodes.iter() {
                if let Some((lo, hi)) = self.covering(n, x) {
                    x = if rightwards { hi + 0.5 } else { lo - 0.5 };
                    moved = true;
                }
            }
            if !moved {
                break;
            }
        }
        x
    }
}

const GAP: f64 = 6.0;

/// A free x for a vertical segment through rows `[a, b)` in `[lo, hi]`, searching from
/// `lo` rightwards (or from `hi` leftwards).
fn free_x(
    bars: &Bars,
    a: usize,
    b: usize,
    lo: f64,
    hi: f64,
    rightwards: bool,
    nodes: &mut Vec<usize>,
) -> Option<f64> {
    if lo > hi {
        return None;
    }
    if a >= b {
        return Some(if rightwards { lo } else { hi });
    }
    let x = bars.free(a, b, if rightwards { lo } else { hi }, rightwards, nodes);
    (lo <= x && x <= hi).then_some(x)
}

fn route_links(p: &Project, rows: &[Row], y0: f64, rh: f64, opts: &GanttOptions) -> Vec<Link> {
    let index: HashMap<TaskId, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let bars = Bars::new(rows);
    let mut nodes = Vec::with_capacity(64);
    let far = rows.iter().map(|r| r.x1).fold(0.0, f64::max) + 4.0 * GAP;
    let near = rows.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min) - 4.0 * GAP;
    let mut out = vec![];
    let cy = |i: usize| y0 + i as f64 * rh + rh / 2.0;
    for d in p.dependencies() {
        let (Some(&a), Some(&b)) = (index.get(&d.predecessor), index.get(&d.successor)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let (pr, sr) = (&rows[a], &rows[b]);
        let from_finish = matches!(d.kind, LinkKind::Fs | LinkKind::Ff);
        let to_start = matches!(d.kind, LinkKind::Fs | LinkKind::Ss);
        let fx = if from_finish { pr.x1 } else { pr.x0 };
        let tx = if to_start { sr.x0 } else { sr.x1 };
        // Rows strictly between the two ends.
        let (lo_row, hi_row) = (a.min(b) + 1, a.max(b));
        // Three segments: out of the predecessor, one vertical, into the successor.
        let lo = if from_finish {
            fx + GAP
        } else {
            f64::NEG_INFINITY
        };
        let hi = if from_finish { f64::INFINITY } else { fx - GAP };
        let lo = if to_start { lo } else { lo.max(tx + GAP) };
        let hi = if to_start { hi.min(tx - GAP) } else { hi };
        let (lo, hi) = (lo.max(near), hi.min(far));
        let direct = free_x(&bars, lo_row, hi_row, lo, hi, from_finish, &mut nodes);
        let mut clear = true;
        let route = if let Some(vx) = direct {
            vec![(fx, cy(a)), (vx, cy(a)), (vx, cy(b)), (tx, cy(b))]
        } else {
            // Five segments: a stub out of the predecessor to the row boundary towards the
            // successor, along the boundary, then down beside the successor's end.
            let ex = if from_finish { fx + GAP } else { fx - GAP };
            let down = b > a;
            let edge = if down {
                y0 + (a + 1) as f64 * rh
            } else {
                y0 + a as f64 * rh
            };
            let (between_lo, between_hi) = if down { (a + 1, b) } else { (b + 1, a) };
            let ax = if to_start {
                free_x(
                    &bars,
                    between_lo,
                    between_hi,
                    near,
                    tx - GAP,
                    false,
                    &mut nodes,
                )
            } else {
                free_x(
                    &bars,
                    between_lo,
                    between_hi,
                    tx + GAP,
                    far,
                    true,
                    &mut nodes,
                )
            }
            .unwrap_or_else(|| {
                clear = false;
                if to_start { tx - GAP } else { tx + GAP }
            });
            vec![
                (fx, cy(a)),
                (ex, cy(a)),
                (ex, edge),
                (ax, edge),
                (ax, cy(b)),
                (tx, cy(b)),
            ]
        };
        out.push(Link {
            from: a,
            to: b,
            kind: d.kind,
            critical: opts.critical && pr.critical && sr.critical,
            clear,
            route,
        });
    }
    out
}

const CSS: &str = ".bg{fill:#fff}.hd{fill:#f4f4f4;stroke:#ccc;stroke-width:.5}.ht{font-size:11px;fill:#222}\
.hs{font-size:10px;fill:#444}.gr{stroke:#e6e6e6;stroke-width:.5}.nw{fill:#f0f0f0}\
.tt{font-size:14px;font-weight:bold;fill:#222}.th{font-size:10px;font-weight:bold;fill:#444}\
.sep{stroke:#bbb;stroke-width:.5}.sd{stroke:#CC79A7;stroke-width:1.5;stroke-dasharray:5 3}.sl{font-size:10px;fill:#CC79A7}\
.r text{font-size:10px;fill:#222}.r rect{fill:#0072B2}.r path{fill:none;stroke:#666;stroke-width:1;marker-end:url(#ah)}\
.r .ts{font-weight:bold}.r .rs{fill:#444}.r .bc{fill:#D55E00}.r .p{fill:#000;fill-opacity:.35}.r .bl{fill:#999}\
.r .m{fill:#222;stroke:none;marker-end:none}.r .mc{fill:#D55E00;stroke:none;marker-end:none}\
.r .s{fill:#222;stroke:none;marker-end:none}.r .sc{fill:#8a3c00;stroke:none;marker-end:none}\
.r .dl{fill:#009E73;stroke:none;marker-end:none}.r .f{stroke:#56B4E9;stroke-width:2;marker-end:none}\
.r .lv{stroke:#E69F00;stroke-width:2;stroke-dasharray:3 2;marker-end:none}\
.r .lc{stroke:#D55E00;stroke-width:1.2;marker-end:url(#ahc)}\
.lgd{font-size:10px;fill:#444}.lb{fill:#0072B2}.lbc{fill:#D55E00}.lp{fill:#555}.lm{fill:#222}\
.lf{stroke:#56B4E9;stroke-width:2}.lbl{fill:#999}.llv{stroke:#E69F00;stroke-width:2;stroke-dasharray:3 2}.ldl{fill:#009E73}";

const DEFS: &str = "<defs><marker id=\"ah\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0 0L6 3L0 6z\" fill=\"#666\"/></marker>\
<marker id=\"ahc\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0 0L6 3L0 6z\" fill=\"#D55E00\"/></marker></defs>";

fn draw(l: &Layout, opts: &GanttOptions) -> String {
    let mut svg = Svg::new(l.width, l.height, CSS, &l.title, 256 + l.rows.len() * 420);
    svg.raw(DEFS);
    let head = l.top;
    let body = head + 36.0;
    let bottom = body + l.rows.len() as f64 * l.rh;
    if !l.title.is_empty() {
        svg.text(6.0, 18.0, Anchor::Start, "tt", &l.title);
    }
    let sc = &l.scale;
    // Non-working days under everything else.
    for &(a, b) in &l.nonworking {
        svg.rect(sc.xd(a), body, sc.xd(b) - sc.xd(a), bottom - body, "nw");
    }
    sc.header(&mut svg, head, 18.0, bottom);
    // Table header and cells.
    for &(c, x, w) in &l.columns {
        svg.rect(x, head, w, 36.0, "hd");
        let label = match c {
            GanttColumn::Wbs => "WBS",
            GanttColumn::Name => "Task name",
            GanttColumn::Duration => "Duration",
            GanttColumn::Start => "Start",
            GanttColumn::Finish => "Finish",
            GanttColumn::TotalFloat => "Float",
        };
        svg.text(x + 4.0, head + 22.0, Anchor::Start, "th", label);
    }
    if let Some(&(_, x, w)) = l.columns.last() {
        svg.line(x + w, body, x + w, bottom, "sep");
    }
    // Status date.
    if let Some(sd) = l.status {
        let x = sc.x(sd);
        svg.line(x, body, x, bottom, "sd");
        svg.text(x + 3.0, body + 10.0, Anchor::Start, "sl", "status");
    }
    let crit = |r: &Row| opts.critical && r.critical;
    let nb = l.rows.iter().map(|r| r.baselines.len()).max().unwrap_or(0) as f64;
    let bar_h = (l.rh - 10.0 - nb * 4.0).max(6.0);
    // Links start in the chunk of their predecessor's row.
    // Links by predecessor row (one sorted index, not a list per row).
    let mut by_row: Vec<usize> = (0..l.links.len()).collect();
    by_row.sort_by_key(|&k| l.links[k].from);
    let mut next_link = 0;
    let mut tip = String::new();
    // Rows in chunks: coordinates inside a chunk are relative to its top, which keeps
    // the numbers short on long charts.
    for c0 in (0..l.rows.len()).step_by(CHUNK) {
        let c1 = (c0 + CHUNK).min(l.rows.len());
        let y0 = body + c0 as f64 * l.rh;
        svg.raw("<g class=\"r\" transform=\"translate(0 ");
        num(&mut svg.out, y0);
        svg.raw(")\">");
        for i in c0..c1 {
            let r = &l.rows[i];
            let y = (i - c0) as f64 * l.rh;
            let ty = y + (l.rh / 2.0 + 3.5).round();
            let cls = if r.kind == TaskKind::Summary {
                "ts"
            } else {
                ""
            };
            for &(c, x, w) in &l.columns {
                match c {
                    GanttColumn::Wbs => svg.text(x + 4.0, ty, Anchor::Start, "", &r.wbs),
                    GanttColumn::Name => {
                        let indent = ((r.level - 1) as f64 * 10.0).min(w / 2.0);
                        let s = fit(&r.name, 10.0, w - indent - 8.0);
                        let s: &str = &s;
                        svg.text(x + 4.0 + indent, ty, Anchor::Start, cls, s);
                    }
                    GanttColumn::Duration | GanttColumn::TotalFloat => {
                        let m = if c == GanttColumn::Duration {
                            r.duration
                        } else {
                            r.float
                        };
                        svg.text(x + w - 6.0, ty, Anchor::End, cls, &days_text(m, l.per_day))
                    }
                    GanttColumn::Start => {
                        svg.text(x + 4.0, ty, Anchor::Start, cls, &short_date(r.start))
                    }
                    GanttColumn::Finish => {
                        svg.text(x + 4.0, ty, Anchor::Start, cls, &short_date(r.finish))
                    }
                }
            }
            let mid = y + 5.0 + bar_h / 2.0;
            for (k, b) in r.baselines.iter().enumerate() {
                let by = y + 5.0 + bar_h + 1.0 + k as f64 * 4.0;
                let (a, e) = (sc.x(b.1), sc.x(b.2));
                tip.clear();
                tip.push_str("Baseline ");
                tip.push_str(&b.0.to_string());
                tip.push_str(": ");
                moment(&mut tip, b.1);
                tip.push_str(" – ");
                moment(&mut tip, b.2);
                svg.rect_titled(a, by, (e - a).max(1.0), 3.0, "bl", &tip);
            }
            if opts.float && !r.critical && r.kind == TaskKind::Task && r.late_finish > r.finish {
                svg.polyline(&[(r.x1, mid), (sc.x(r.late_finish), mid)], "f");
            }
            if let Some((from, delay)) = r.leveled_from {
                let t = format!("Leveling delay {}", days_text(delay, l.per_day));
                svg.polyline_titled(&[(sc.x(from), mid), (r.x0, mid)], "lv", &t);
            }
            if let Some(dl) = r.deadline {
                let x = sc.x(dl);
                tip.clear();
                tip.push_str("Deadline ");
                moment(&mut tip, dl);
                svg.polygon(
                    &[(x - 4.0, y + 2.0), (x + 4.0, y + 2.0), (x, y + 8.0)],
                    "dl",
                    &tip,
                );
            }
        }
        // Links under the bars.
        let mut pts: Vec<(f64, f64)> = Vec::with_capacity(8);
        while next_link < by_row.len() && l.links[by_row[next_link]].from < c1 {
            let link = &l.links[by_row[next_link]];
            next_link += 1;
            pts.clear();
            pts.extend(link.route.iter().map(|&(x, y)| (x, y - y0)));
            svg.polyline(&pts, if link.critical { "lc" } else { "" });
        }
        for i in c0..c1 {
            let r = &l.rows[i];
            let y = (i - c0) as f64 * l.rh;
            tooltip(&mut tip, r, l.per_day);
            let fill = opts
                .criticality
                .as_ref()
                .map(|c| palette::ramp(c.get(&r.id).copied().unwrap_or(0.0)));
            match r.kind {
                TaskKind::Task => {
                    let w = r.x1 - r.x0;
                    match fill {
                        Some(f) => svg.rect_fill_titled(r.x0, y + 5.0, w, bar_h, f, &tip),
                        None => svg.rect_titled(
                            r.x0,
                            y + 5.0,
                            w,
                            bar_h,
                            if crit(r) { "bc" } else { "" },
                            &tip,
                        ),
                    }
                    if opts.progress && r.percent > 0 {
                        svg.rect(
                            r.x0,
                            y + 5.0 + bar_h / 3.0,
                            w * f64::from(r.percent.min(100)) / 100.0,
                            bar_h / 3.0,
                            "p",
                        );
                    }
                }
                TaskKind::Milestone => {
                    let cx = (r.x0 + r.x1) / 2.0;
                    let cyy = y + 5.0 + bar_h / 2.0;
                    let h = (bar_h / 2.0 + 2.0).min(l.rh * 0.3);
                    let diamond = [(cx, cyy - h), (cx + h, cyy), (cx, cyy + h), (cx - h, cyy)];
                    svg.polygon(&diamond, if crit(r) { "mc" } else { "m" }, &tip);
                }
                TaskKind::Summary => {
                    let (a, b) = (r.x0, r.x1);
                    let top = y + 5.0;
                    // A bracket: the bar with a downward tooth at each end.
                    let bracket = [
                        (a, top),
                        (b, top),
                        (b, top + 9.0),
                        (b - 4.0, top + 5.0),
                        (a + 4.0, top + 5.0),
                        (a, top + 9.0),
                    ];
                    svg.polygon(&bracket, if crit(r) { "sc" } else { "s" }, &tip);
                }
            }
            if !r.resources.is_empty() {
                svg.text(
                    l.label_x[i],
                    y + l.rh / 2.0 + 3.5,
                    Anchor::Start,
                    "rs",
                    &r.resources,
                );
            }
        }
        svg.end();
    }
    legend(&mut svg, l, opts, bottom + 16.0);
    svg.finish()
}

/// Height of the legend row under the chart.
const LEGEND_H: f64 = 22.0;

/// The key of the symbols drawn, under the table.
fn legend(svg: &mut Svg, l: &Layout, opts: &GanttOptions, y: f64) {
    let has = |f: &dyn Fn(&Row) -> bool| l.rows.iter().any(f);
    let mut x = 6.0;
    let mut item = |svg: &mut Svg, draw: &dyn Fn(&mut Svg, f64), label: &str| {
        draw(svg, x);
        svg.text(x + 22.0, y, Anchor::Start, "lgd", label);
        x += 22.0 + text_width(label, 10.0) + 16.0;
    };
    if opts.critical && has(&|r| r.critical && r.kind == TaskKind::Task) {
        item(
            svg,
            &|s, x| s.rect(x, y - 8.0, 16.0, 8.0, "lbc"),
            "critical task",
        );
    }
    if has(&|r| !(opts.critical && r.critical) && r.kind == TaskKind::Task) {
        item(svg, &|s, x| s.rect(x, y - 8.0, 16.0, 8.0, "lb"), "task");
    }
    if opts.progress && has(&|r| r.percent > 0) {
        item(
            svg,
            &|s, x| s.rect(x, y - 6.0, 16.0, 4.0, "lp"),
            "% complete",
        );
    }
    if has(&|r| r.kind == TaskKind::Milestone) {
        item(
            svg,
            &|s, x| s.path(&format!("M{} {}l4 4l-4 4l-4 -4z", x + 8.0, y - 9.0), "lm"),
            "milestone",
        );
    }
    if has(&|r| r.kind == TaskKind::Summary) {
        item(svg, &|s, x| s.rect(x, y - 8.0, 16.0, 4.0, "lm"), "summary");
    }
    if opts.float && has(&|r| !r.critical && r.kind == TaskKind::Task && r.late_finish > r.finish) {
        item(
            svg,
            &|s, x| s.line(x, y - 4.0, x + 16.0, y - 4.0, "lf"),
            "total float",
        );
    }
    if has(&|r| !r.baselines.is_empty()) {
        item(
            svg,
            &|s, x| s.rect(x, y - 5.0, 16.0, 3.0, "lbl"),
            "baseline",
        );
    }
    if has(&|r| r.leveled_from.is_some()) {
        item(
            svg,
            &|s, x| s.line(x, y - 4.0, x + 16.0, y - 4.0, "llv"),
            "leveling delay",
        );
    }
    if has(&|r| r.deadline.is_some()) {
        item(
            svg,
            &|s, x| s.path(&format!("M{} {}h8l-4 6z", x + 4.0, y - 9.0), "ldl"),
            "deadline",
        );
    }
    if l.status.is_some() {
        item(
            svg,
            &|s, x| s.line(x + 8.0, y - 11.0, x + 8.0, y + 2.0, "sd"),
            "status date",
        );
    }
}

/// Rows per `<g>` chunk of the drawing.
const CHUNK: usize = 100;

/// Appends `2027-01-04 08:00`.
fn moment(out: &mut String, t: NaiveDateTime) {
    use chrono::{Datelike, Timelike};
    use std::fmt::Write;
    let two = |out: &mut String, v: u32| {
        out.push(char::from(b'0' + (v / 10 % 10) as u8));
        out.push(char::from(b'0' + (v % 10) as u8));
    };
    let y = t.year();
    if (0..10_000).contains(&y) {
        two(out, y as u32 / 100);
        two(out, y as u32 % 100);
    } else {
        let _ = write!(out, "{y}");
    }
    out.push('-');
    two(out, t.month());
    out.push('-');
    two(out, t.day());
    out.push(' ');
    two(out, t.hour());
    out.push(':');
    two(out, t.minute());
}

fn short_date(t: NaiveDateTime) -> String {
    t.date().format("%Y-%m-%d").to_string()
}

/// The tooltip of a row: name, dates, duration, float, progress, resources.
fn tooltip(s: &mut String, r: &Row, per_day: u32) {
    s.clear();
    s.push_str(&r.name);
    s.push('\n');
    moment(s, r.start);
    if r.kind != TaskKind::Milestone {
        s.push_str(" – ");
        moment(s, r.finish);
        s.push_str(" (");
        s.push_str(&days_text(r.duration, per_day));
        s.push(')');
    }
    s.push_str(", float ");
    s.push_str(&days_text(r.float, per_day));
    if r.critical {
        s.push_str(", critical");
    }
    if r.percent > 0 {
        s.push_str(&format!(", {}% complete", r.percent));
    }
    if !r.resources.is_empty() {
        s.push('\n');
        s.push_str(&r.resources);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dependency, Task};

    fn at(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    /// A seeded network: tasks of 1–15 days, links of all four types to tasks 1–40
    /// rows later, some under summaries.
    fn generated(n: u32, seed: u64) -> Project {
        let mut p = Project::new("g", at("2027-01-04T08:00:00"));
        let cal = p.project_calendar().clone();
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut next = move |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let mut ids = vec![];
        for i in 0..n {
            let t = Task::new(format!("T{i}")).with_duration(cal.days(1 + next(15) as i64));
            ids.push(p.add_task(t).unwrap());
        }
        for i in 0..n as usize {
            for _ in 0..next(3) {
                let j = i + 1 + next(40) as usize;
                if j >= ids.len() {
                    continue;
                }
                let kind = [
                    LinkKind::Fs,
                    LinkKind::Fs,
                    LinkKind::Ss,
                    LinkKind::Ff,
                    LinkKind::Sf,
                ][next(5) as usize];
                let _ = p.add_dependency(Dependency::new(ids[i], ids[j]).with_kind(kind));
            }
        }
        p
    }

    #[test]
    fn bars_span_their_dates_and_arrows_leave_from_the_right_end() {
        let mut p = Project::new("p", at("2027-01-04T08:00:00"));
        let cal = p.project_calendar().clone();
        let a = p
            .add_task(Task::new("A").with_duration(cal.days(3)))
            .unwrap();
        let b = p
            .add_task(Task::new("B").with_duration(cal.days(2)))
            .unwrap();
        let c = p
            .add_task(Task::new("C").with_duration(cal.days(2)))
            .unwrap();
        let d = p
            .add_task(Task::new("D").with_duration(cal.days(4)))
            .unwrap();
        p.link(a, b).unwrap();
        p.add_dependency(Dependency::new(a, c).with_kind(LinkKind::Ss))
            .unwrap();
        p.add_dependency(Dependency::new(b, d).with_kind(LinkKind::Ff))
            .unwrap();
        let s = p.schedule().unwrap();
        let l = layout(&p, &s, None, &GanttOptions::default()).unwrap();
        let (ra, rb) = (&l.rows[0], &l.rows[1]);
        // A: Mon 4 Jan 08:00 – Wed 6 Jan 17:00 on the day scale (26 px per day).
        assert_eq!(l.scale.unit, TimeUnit::Day);
        assert_eq!(ra.x0, l.scale.x(at("2027-01-04T08:00:00")));
        assert_eq!(ra.x1, l.scale.x(at("2027-01-06T17:00:00")));
        assert!((ra.x1 - ra.x0 - (2.0 + 9.0 / 24.0) * 26.0).abs() < 1e-9);
        let fs = l.links.iter().find(|k| k.kind == LinkKind::Fs).unwrap();
        assert_eq!(fs.route[0].0, ra.x1, "FS leaves A's finish");
        assert_eq!(fs.route.last().unwrap().0, rb.x0, "FS enters B's start");
        let ss = l.links.iter().find(|k| k.kind == LinkKind::Ss).unwrap();
        assert_eq!(ss.route[0].0, ra.x0, "SS leaves A's start");
        assert_eq!(ss.route.last().unwrap().0, l.rows[2].x0);
        let ff = l.links.iter().find(|k| k.kind == LinkKind::Ff).unwrap();
        assert_eq!(ff.route[0].0, rb.x1, "FF leaves B's finish");
        assert_eq!(
            ff.route.last().unwrap().0,
            l.rows[3].x1,
            "FF enters D's finish"
        );
        // The SVG draws A's bar exactly there.
        let svg = draw(&l, &GanttOptions::default());
        let mut x = String::new();
        num(&mut x, ra.x0);
        let mut w = String::new();
        num(&mut w, ra.x1 - ra.x0);
        assert!(
            svg.contains(&format!("<rect x=\"{x}\" y=\"5\" width=\"{w}\"")),
            "{svg}"
        );
    }

    /// Whether segment (p, q) passes through the inside of a bar of a row other than
    /// `own` rows it may touch at their ends.
    fn crosses(l: &Layout, p: (f64, f64), q: (f64, f64)) -> Option<usize> {
        let y0 = l.top + 36.0;
        for (i, r) in l.rows.iter().enumerate() {
            let (top, bottom) = (y0 + i as f64 * l.rh + 4.0, y0 + (i + 1) as f64 * l.rh - 4.0);
            let (xa, xb) = (p.0.min(q.0), p.0.max(q.0));
            let (ya, yb) = (p.1.min(q.1), p.1.max(q.1));
            let eps = 0.01;
            if xb > r.x0 + eps && xa < r.x1 - eps && yb > top && ya < bottom {
                return Some(i);
            }
        }
        None
    }

    #[test]
    fn no_arrow_crosses_a_bar_where_a_route_exists() {
        for seed in 1..=6 {
            let p = generated(300, seed);
            let s = p.schedule().unwrap();
            let l = layout(&p, &s, None, &GanttOptions::default()).unwrap();
            let clear = l.links.iter().filter(|k| k.clear).count();
            assert!(l.links.len() > 200);
            assert!(
                clear * 100 >= l.links.len() * 95,
                "seed {seed}: {clear} of {} routed clear",
                l.links.len()
            );
            for k in l.links.iter().filter(|k| k.clear) {
                for w in k.route.windows(2) {
                    if let Some(i) = crosses(&l, w[0], w[1]) {
                        panic!(
                            "seed {seed}: link {}→{} {:?} crosses row {i} ({:?})",
                            k.from, k.to, k.kind, k.route
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_same_plan_draws_the_same_bytes() {
        let p = generated(200, 3);
        let s = p.schedule().unwrap();
        let a = gantt(&p, &s, &GanttOptions::default()).unwrap();
        let b = gantt(&p, &s, &GanttOptions::default()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn bad_options_are_named() {
        let p = generated(5, 1);
        let s = p.schedule().unwrap();
        let o = GanttOptions {
            row_height: 2.0,
            ..Default::default()
        };
        assert!(matches!(
            gantt(&p, &s, &o),
            Err(RenderError::Option {
                option: "row_height",
                ..
            })
        ));
        let o = GanttOptions {
            tasks: Some(vec![TaskId(999)]),
            ..Default::default()
        };
        assert_eq!(
            gantt(&p, &s, &o),
            Err(RenderError::UnknownTask(TaskId(999)))
        );
        let o = GanttOptions {
            scale: Some(TimeUnit::Day),
            px_per_day: Some(400.0),
            ..Default::default()
        };
        assert!(gantt(&p, &s, &o).is_ok());
    }
}
