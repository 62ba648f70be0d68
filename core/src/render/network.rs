//! The PERT network diagram: activity-on-node boxes in layers, links between them.
//!
//! Layout (Sugiyama's four steps): (1) each task's layer is the longest chain of links
//! before it; (2) a link spanning several layers passes through one placeholder per
//! layer in between; (3) the order inside each layer is improved by barycentre sweeps
//! (each node moved to the mean position of its neighbours in the layer before, then
//! after), keeping the order with the fewest crossings, counted exactly per layer pair
//! with a Fenwick tree; (4) each node is pulled towards the median height of its
//! neighbours while keeping its order and spacing. Links run horizontally through the
//! layers and turn only in the gaps between them, so they never cross a box.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::kit::fit;
use super::svg::{Anchor, Svg};
use super::{RenderError, check_size, days_text};
use crate::simulate::Pert;
use crate::{Project, Schedule, TaskId, TaskKind};

/// What a network diagram shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct NetworkOptions {
    /// Draw every summary task as a node (summary tasks with links always are).
    pub summaries: bool,
    /// Only these tasks (and the links between them).
    pub tasks: Option<Vec<TaskId>>,
    /// Highlight critical nodes and the links between them.
    pub critical: bool,
    /// Barycentre sweeps for crossing reduction (0–64).
    pub sweeps: usize,
    /// A title above the diagram; the project name when absent.
    pub title: Option<String>,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        NetworkOptions {
            summaries: false,
            tasks: None,
            critical: true,
            sweeps: 8,
            title: None,
        }
    }
}

/// The most tasks a network diagram draws.
pub const MAX_NODES: usize = 20_000;
/// The most placeholders (link × layer crossings) a network diagram lays out.
pub const MAX_DUMMIES: usize = 400_000;

const BOX_W: f64 = 186.0;
const BOX_H: f64 = 70.0;
const GAP_X: f64 = 56.0;
const GAP_Y: f64 = 18.0;
const LANE: f64 = 10.0;

/// A node of the layered graph: a task or a placeholder of a long link.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) task: Option<usize>,
    pub(crate) layer: usize,
    pub(crate) y: f64,
    pub(crate) h: f64,
}

/// The computed layout, kept for tests.
#[derive(Debug)]
pub(crate) struct NetLayout {
    pub(crate) nodes: Vec<Node>,
    pub(crate) layers: Vec<Vec<usize>>,
    /// Per link: the node chain from predecessor to successor.
    pub(crate) chains: Vec<(Vec<usize>, bool)>,
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) crossings: usize,
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) initial_crossings: usize,
}

struct Info {
    id: TaskId,
    name: String,
    es: String,
    ef: String,
    ls: String,
    lf: String,
    dur: String,
    tf: String,
    critical: bool,
    milestone: bool,
    summary: bool,
    pert: Option<(f64, f64)>,
}

/// Draws the project's network diagram (activity on node) as SVG: one box per task with
/// its early and late dates, duration and total float, critical tasks and the links
/// between them highlighted.
///
/// # Errors
/// [`RenderError`] for an unknown task in `tasks`, more than [`MAX_NODES`] tasks, or
/// a layering needing more than [`MAX_DUMMIES`] placeholders.
pub fn network(
    project: &Project,
    schedule: &Schedule,
    opts: &NetworkOptions,
) -> Result<String, RenderError> {
    draw(project, schedule, None, opts)
}

/// The network diagram with each task's PERT expected duration `te` and standard
/// deviation σ (from [`pert`](crate::simulate::pert)) in its box.
///
/// # Errors
/// As [`network`].
pub fn pert_network(
    project: &Project,
    schedule: &Schedule,
    pert: &Pert,
    opts: &NetworkOptions,
) -> Result<String, RenderError> {
    draw(project, schedule, Some(pert), opts)
}

fn infos(
    p: &Project,
    s: &Schedule,
    pert: Option<&Pert>,
    opts: &NetworkOptions,
) -> Result<Vec<Info>, RenderError> {
    if let Some(ts) = &opts.tasks {
        if let Some(t) = ts.iter().find(|t| p.task(**t).is_none()) {
            return Err(RenderError::UnknownTask(*t));
        }
    }
    if opts.sweeps > 64 {
        return Err(RenderError::Option {
            option: "sweeps",
            message: format!("{} is not in 0–64", opts.sweeps),
        });
    }
    let wanted: Option<std::collections::HashSet<TaskId>> =
        opts.tasks.as_ref().map(|t| t.iter().copied().collect());
    let pert_of: HashMap<TaskId, (f64, f64)> = pert
        .map(|x| {
            x.tasks
                .iter()
                .map(|t| (t.task, (t.mean, t.std_dev)))
                .collect()
        })
        .unwrap_or_default();
    let per_day = p.project_calendar().minutes_per_day();
    // Summary tasks with links are nodes: without them, the work linked through a
    // phase would float free of it.
    let linked: std::collections::HashSet<TaskId> = p
        .dependencies()
        .flat_map(|d| [d.predecessor, d.successor])
        .collect();
    let mut out = vec![];
    for st in s.tasks() {
        let kind = p.kind(st.id()).unwrap_or(st.kind());
        if kind == TaskKind::Summary && !opts.summaries && !linked.contains(&st.id()) {
            continue;
        }
        if wanted.as_ref().is_some_and(|w| !w.contains(&st.id())) {
            continue;
        }
        if p.task(st.id()).is_none() {
            continue;
        }
        if out.len() >= MAX_NODES {
            return Err(super::kit::too_large(&format!(
                "more than {MAX_NODES} tasks in a network diagram; filter with `tasks`"
            )));
        }
        let d = |t: chrono::NaiveDateTime| t.date().format("%Y-%m-%d").to_string();
        out.push(Info {
            id: st.id(),
            name: st.name().to_string(),
            es: d(st.early_start()),
            ef: d(st.early_finish()),
            ls: d(st.late_start()),
            lf: d(st.late_finish()),
            dur: days_text(st.duration().as_minutes(), per_day),
            tf: days_text(st.total_float().as_minutes(), per_day),
            critical: st.is_critical(),
            milestone: kind == TaskKind::Milestone,
            summary: kind == TaskKind::Summary,
            pert: pert_of.get(&st.id()).copied(),
        });
    }
    Ok(out)
}

/// Counts crossings between two adjacent layers: `edges` as (upper position, lower
/// position), by inversions in O(E log V).
fn crossings(edges: &mut [(usize, usize)], width: usize) -> usize {
    edges.sort_unstable();
    let mut tree = vec![0usize; width + 1];
    let mut count = 0;
    for (seen, &(_, b)) in edges.iter().enumerate() {
        // Edges seen so far ending after b cross this one.
        let mut i = b + 1;
        let mut le = 0;
        while i > 0 {
            le += tree[i];
            i &= i - 1;
        }
        count += seen - le;
        let mut i = b + 1;
        while i <= width {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}

/// Lays out `n_tasks` nodes joined by `links` (drawn) and `order` (layering only; its
/// node indices may run up to `n_tasks + hidden`, hidden nodes being never drawn).
pub(crate) fn lay_out(
    n_tasks: usize,
    links: &[(usize, usize, bool)],
    order: &[(usize, usize)],
    hidden: usize,
    sweeps: usize,
) -> Result<NetLayout, RenderError> {
    // 1. Layers by longest path (Kahn's order; anything left by a cycle goes last).
    let n_all = n_tasks + hidden;
    let mut succ: Vec<Vec<usize>> = vec![vec![]; n_all];
    let mut indeg = vec![0usize; n_all];
    for (a, b) in links
        .iter()
        .map(|l| (l.0, l.1))
        .chain(order.iter().copied())
    {
        succ[a].push(b);
        indeg[b] += 1;
    }
    let mut layer = vec![0usize; n_all];
    let mut queue: Vec<usize> = (0..n_all).filter(|&i| indeg[i] == 0).collect();
    let mut head = 0;
    while head < queue.len() {
        let u = queue[head];
        head += 1;
        for &v in &succ[u] {
            layer[v] = layer[v].max(layer[u] + 1);
            indeg[v] -= 1;
            if indeg[v] == 0 {
                queue.push(v);
            }
        }
    }
    if queue.len() < n_all {
        let last = layer.iter().copied().max().unwrap_or(0) + 1;
        for (i, d) in indeg.iter().enumerate() {
            if *d > 0 {
                layer[i] = last;
            }
        }
    }
    layer.truncate(n_tasks);
    // Hidden nodes may leave empty layers: close the gaps.
    let mut used: Vec<usize> = layer.clone();
    used.sort_unstable();
    used.dedup();
    for l in &mut layer {
        *l = used.partition_point(|u| u < l);
    }
    let depth = used.len();
    // 2. Placeholders for long links.
    let mut nodes: Vec<Node> = (0..n_tasks)
        .map(|i| Node {
            task: Some(i),
            layer: layer[i],
            y: 0.0,
            h: BOX_H,
        })
        .collect();
    let mut chains = Vec::with_capacity(links.len());
    let mut dummies = 0usize;
    for &(a, b, crit) in links {
        let (la, lb) = (layer[a], layer[b]);
        let mut chain = vec![a];
        if lb > la + 1 {
            dummies += lb - la - 1;
            if dummies > MAX_DUMMIES {
                return Err(super::kit::too_large(&format!(
                    "the layering needs more than {MAX_DUMMIES} link placeholders; filter with `tasks`"
                )));
            }
            for l in la + 1..lb {
                nodes.push(Node {
                    task: None,
                    layer: l,
                    y: 0.0,
                    h: LANE,
                });
                chain.push(nodes.len() - 1);
            }
        }
        chain.push(b);
        chains.push((chain, crit));
    }
    let mut layers: Vec<Vec<usize>> = vec![vec![]; depth];
    for (i, n) in nodes.iter().enumerate() {
        layers[n.layer].push(i);
    }
    // Adjacent-layer edges (upper node, lower node).
    let mut up: Vec<Vec<usize>> = vec![vec![]; nodes.len()];
    let mut down: Vec<Vec<usize>> = vec![vec![]; nodes.len()];
    for (c, _) in &chains {
        for w in c.windows(2) {
            if nodes[w[0]].layer < nodes[w[1]].layer {
                down[w[0]].push(w[1]);
                up[w[1]].push(w[0]);
            }
        }
    }
    // 3. Crossing reduction.
    let mut pos = vec![0usize; nodes.len()];
    let set_pos = |layers: &Vec<Vec<usize>>, pos: &mut Vec<usize>| {
        for l in layers {
            for (k, &n) in l.iter().enumerate() {
                pos[n] = k;
            }
        }
    };
    set_pos(&layers, &mut pos);
    let total = |layers: &Vec<Vec<usize>>, pos: &Vec<usize>| -> usize {
        let mut t = 0;
        for k in 0..layers.len().saturating_sub(1) {
            let mut e: Vec<(usize, usize)> = vec![];
            for &u in &layers[k] {
                for &v in &down[u] {
                    e.push((pos[u], pos[v]));
                }
            }
            t += crossings(&mut e, layers[k + 1].len());
        }
        t
    };
    let initial = total(&layers, &pos);
    let mut best = initial;
    let mut best_layers = layers.clone();
    for sweep in 0..sweeps {
        if best == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..depth).collect()
        } else {
            (0..depth.saturating_sub(1)).rev().collect()
        };
        for k in order {
            let mut keyed: Vec<(f64, usize, usize)> = layers[k]
                .iter()
                .map(|&n| {
                    let nb = if downward { &up[n] } else { &down[n] };
                    let b = if nb.is_empty() {
                        pos[n] as f64
                    } else {
                        nb.iter().map(|&m| pos[m] as f64).sum::<f64>() / nb.len() as f64
                    };
                    (b, pos[n], n)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            layers[k] = keyed.into_iter().map(|x| x.2).collect();
            for (i, &n) in layers[k].iter().enumerate() {
                pos[n] = i;
            }
        }
        let t = total(&layers, &pos);
        if t < best {
            best = t;
            best_layers = layers.clone();
        }
    }
    layers = best_layers;
    set_pos(&layers, &mut pos);
    // 4. Heights: stack each layer, then pull towards the neighbours' median.
    for l in &layers {
        let mut y = 0.0;
        for &n in l {
            nodes[n].y = y;
            y += nodes[n].h + GAP_Y;
        }
    }
    for round in 0..4 {
        let order: Vec<usize> = if round % 2 == 0 {
            (0..depth).collect()
        } else {
            (0..depth).rev().collect()
        };
        for k in order {
            let l = &layers[k];
            let desired: Vec<f64> = l
                .iter()
                .map(|&n| {
                    let mut c: Vec<f64> = up[n]
                        .iter()
                        .chain(&down[n])
                        .map(|&m| nodes[m].y + nodes[m].h / 2.0)
                        .collect();
                    if c.is_empty() {
                        return nodes[n].y;
                    }
                    c.sort_by(f64::total_cmp);
                    let med = c[c.len() / 2];
                    med - nodes[n].h / 2.0
                })
                .collect();
            let mut ys = desired.clone();
            for i in 1..l.len() {
                let min = ys[i - 1] + nodes[l[i - 1]].h + GAP_Y;
                if ys[i] < min {
                    ys[i] = min;
                }
            }
            for i in (0..l.len().saturating_sub(1)).rev() {
                let max = ys[i + 1] - nodes[l[i]].h - GAP_Y;
                if ys[i] > max {
                    ys[i] = max.max(desired[i].min(ys[i]));
                    ys[i] = ys[i].min(max);
                }
            }
            for (i, &n) in l.iter().enumerate() {
                nodes[n].y = ys[i];
            }
        }
    }
    let min = nodes.iter().map(|n| n.y).fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        for n in &mut nodes {
            n.y -= min;
        }
    }
    Ok(NetLayout {
        nodes,
        layers,
        chains,
        crossings: best,
        initial_crossings: initial,
    })
}

const CSS: &str = ".bg{fill:#fff}.tt{font-size:14px;font-weight:bold;fill:#222}\
.n{fill:#fff;stroke:#0072B2;stroke-width:1.2}.nc{fill:#fdf0e6;stroke:#D55E00;stroke-width:2}\
.ns{fill:#f4f4f4;stroke:#222;stroke-width:1.2}.g{stroke:#bbb;stroke-width:.6}\
.v{font-size:9.5px;fill:#222}.k{font-size:8px;fill:#777}.nm{font-size:11px;font-weight:bold;fill:#222}\
.pe{font-size:9px;fill:#0072B2}.l{fill:none;stroke:#666;stroke-width:1;marker-end:url(#ah)}\
.lc{fill:none;stroke:#D55E00;stroke-width:1.6;marker-end:url(#ahc)}.lg{font-size:9px;fill:#444}";

const DEFS: &str = "<defs><marker id=\"ah\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0 0L6 3L0 6z\" fill=\"#666\"/></marker>\
<marker id=\"ahc\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0 0L6 3L0 6z\" fill=\"#D55E00\"/></marker></defs>";

fn draw(
    p: &Project,
    s: &Schedule,
    pert: Option<&Pert>,
    opts: &NetworkOptions,
) -> Result<String, RenderError> {
    let info = infos(p, s, pert, opts)?;
    let index: HashMap<TaskId, usize> = info.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let mut links = vec![];
    for d in p.dependencies() {
        if let (Some(&a), Some(&b)) = (index.get(&d.predecessor), index.get(&d.successor)) {
            if a != b {
                links.push((a, b, opts.critical && info[a].critical && info[b].critical));
            }
        }
    }
    // A summary node comes before the nodes inside it, and its outgoing links after
    // them: a hidden "end" node per summary node carries that order.
    let mut order = vec![];
    let mut end_of: HashMap<usize, usize> = HashMap::new();
    for (i, t) in info.iter().enumerate() {
        if t.summary {
            let e = info.len() + end_of.len();
            end_of.insert(i, e);
        }
    }
    for (i, t) in info.iter().enumerate() {
        let mut cur = p.task(t.id).and_then(|x| x.parent);
        let mut hops = 0;
        while let Some(c) = cur {
            if let Some(&a) = index.get(&c) {
                order.push((a, i));
                if let Some(&ea) = end_of.get(&a) {
                    order.push((end_of.get(&i).copied().unwrap_or(i), ea));
                }
                break;
            }
            hops += 1;
            if hops > 10_000 {
                break;
            }
            cur = p.task(c).and_then(|x| x.parent);
        }
    }
    for l in &links {
        if let Some(&e) = end_of.get(&l.0) {
            order.push((e, l.1));
        }
    }
    let lay = lay_out(info.len(), &links, &order, end_of.len(), opts.sweeps)?;
    let title = opts.title.clone().unwrap_or_else(|| p.name().to_string());
    let top = if title.is_empty() { 40.0 } else { 64.0 };
    let left = 16.0;
    let depth = lay.layers.len();
    let col_x = |l: usize| left + l as f64 * (BOX_W + GAP_X);
    let height = top + lay.nodes.iter().map(|n| n.y + n.h).fold(0.0, f64::max) + 20.0;
    let width = (col_x(depth.max(1)) - GAP_X + 16.0).max(420.0);
    check_size(width, height)?;
    let mut svg = Svg::new(width, height, CSS, &title, 512 + info.len() * 900);
    svg.raw(DEFS);
    if !title.is_empty() {
        svg.text(left, 20.0, Anchor::Start, "tt", &title);
    }
    // Legend: the layout of a box.
    let ly = top - 30.0;
    svg.text(left, ly, Anchor::Start, "lg", "Box: ES · Duration · EF / task / LS · Total float · LF (dates as computed; red = critical)");
    // Links first, turning only in the gaps between layers.
    for (chain, crit) in &lay.chains {
        let mut pts: Vec<(f64, f64)> = vec![];
        for (k, &n) in chain.iter().enumerate() {
            let node = &lay.nodes[n];
            let cy = top + node.y + node.h / 2.0;
            let x = col_x(node.layer);
            if k == 0 {
                pts.push((x + BOX_W, cy));
                continue;
            }
            let prev = *pts.last().unwrap_or(&(x, cy));
            let target_pos = lay.layers[node.layer]
                .iter()
                .position(|&m| m == n)
                .unwrap_or(0);
            let frac = (target_pos as f64 + 1.0) / (lay.layers[node.layer].len() as f64 + 1.0);
            let gap_left = x - GAP_X;
            let xm = gap_left + GAP_X * (0.2 + 0.6 * frac);
            if (prev.1 - cy).abs() > 0.05 {
                pts.push((xm, prev.1));
                pts.push((xm, cy));
            }
            pts.push((x, cy));
            if node.task.is_none() {
                pts.push((x + BOX_W, cy));
            }
        }
        svg.polyline(&pts, if *crit { "lc" } else { "l" });
    }
    // Boxes.
    for node in &lay.nodes {
        let Some(t) = node.task else { continue };
        let t = &info[t];
        let x = col_x(node.layer);
        let y = top + node.y;
        let mut tip = format!(
            "#{} {}\nES {} · EF {}\nLS {} · LF {}\nDuration {} · total float {}",
            t.id.0, t.name, t.es, t.ef, t.ls, t.lf, t.dur, t.tf
        );
        if let Some((m, sd)) = t.pert {
            tip.push_str(&format!(
                "\nPERT te {} · σ {}",
                days_text(m.round() as i64, p.project_calendar().minutes_per_day()),
                days_text(sd.round() as i64, p.project_calendar().minutes_per_day())
            ));
        }
        svg.group_titled("", &tip);
        let cls = if opts.critical && t.critical {
            "nc"
        } else if t.summary {
            "ns"
        } else {
            "n"
        };
        if t.milestone {
            // A box with cut corners.
            let (r, b) = (x + BOX_W, y + BOX_H);
            let corners = [
                (x + 8.0, y),
                (r - 8.0, y),
                (r, y + 8.0),
                (r, b - 8.0),
                (r - 8.0, b),
                (x + 8.0, b),
                (x, b - 8.0),
                (x, y + 8.0),
            ];
            svg.polygon(&corners, cls, "");
        } else {
            svg.rect(x, y, BOX_W, BOX_H, cls);
        }
        svg.line(x, y + 17.0, x + BOX_W, y + 17.0, "g");
        svg.line(x, y + BOX_H - 17.0, x + BOX_W, y + BOX_H - 17.0, "g");
        let third = BOX_W / 3.0;
        svg.line(x + third, y, x + third, y + 17.0, "g");
        svg.line(x + 2.0 * third, y, x + 2.0 * third, y + 17.0, "g");
        svg.line(x + third, y + BOX_H - 17.0, x + third, y + BOX_H, "g");
        svg.line(
            x + 2.0 * third,
            y + BOX_H - 17.0,
            x + 2.0 * third,
            y + BOX_H,
            "g",
        );
        let c = |i: f64| x + third * (i + 0.5);
        svg.text(c(0.0), y + 12.5, Anchor::Middle, "v", &t.es);
        svg.text(c(1.0), y + 12.5, Anchor::Middle, "v", &t.dur);
        svg.text(c(2.0), y + 12.5, Anchor::Middle, "v", &t.ef);
        svg.text(c(0.0), y + BOX_H - 4.5, Anchor::Middle, "v", &t.ls);
        svg.text(
            c(1.0),
            y + BOX_H - 4.5,
            Anchor::Middle,
            "v",
            &format!("TF {}", t.tf),
        );
        svg.text(c(2.0), y + BOX_H - 4.5, Anchor::Middle, "v", &t.lf);
        let name = fit(&t.name, 11.0, BOX_W - 12.0);
        match t.pert {
            Some((m, sd)) => {
                svg.text(x + BOX_W / 2.0, y + 32.0, Anchor::Middle, "nm", &name);
                let per = p.project_calendar().minutes_per_day();
                let pe = format!(
                    "#{} · te {} · σ {}",
                    t.id.0,
                    days_text(m.round() as i64, per),
                    days_text(sd.round() as i64, per)
                );
                svg.text(x + BOX_W / 2.0, y + 45.0, Anchor::Middle, "pe", &pe);
            }
            None => {
                svg.text(x + BOX_W / 2.0, y + 34.0, Anchor::Middle, "nm", &name);
                svg.text(
                    x + BOX_W / 2.0,
                    y + 46.0,
                    Anchor::Middle,
                    "k",
                    &format!("#{}", t.id.0),
                );
            }
        }
        svg.end();
    }
    Ok(svg.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossings_are_counted_exactly() {
        // Upper 0→lower 1 and upper 1→lower 0 cross once.
        assert_eq!(crossings(&mut [(0, 1), (1, 0)], 2), 1);
        assert_eq!(crossings(&mut [(0, 0), (1, 1)], 2), 0);
        // K(3,3)-like: three edges all reversed cross pairwise.
        assert_eq!(crossings(&mut [(0, 2), (1, 1), (2, 0)], 3), 3);
    }

    #[test]
    fn sweeps_remove_an_avoidable_crossing() {
        // 0→3, 1→2 with 2 listed before 3 in layer 1: one crossing, fixable.
        let l = lay_out(4, &[(0, 3, false), (1, 2, false)], &[], 0, 8).unwrap();
        assert_eq!(l.initial_crossings, 1);
        assert_eq!(l.crossings, 0);
    }

    #[test]
    fn long_links_get_placeholders_and_layers_follow_longest_paths() {
        // 0→1→2 and 0→2: the direct link spans two layers, one placeholder.
        let l = lay_out(3, &[(0, 1, false), (1, 2, false), (0, 2, false)], &[], 0, 4).unwrap();
        assert_eq!(l.layers.len(), 3);
        assert_eq!(l.nodes.len(), 4);
        assert_eq!(l.chains[2].0.len(), 3);
        // Boxes in one layer never overlap.
        for layer in &l.layers {
            let mut ys: Vec<(f64, f64)> = layer
                .iter()
                .map(|&n| (l.nodes[n].y, l.nodes[n].h))
                .collect();
            ys.sort_by(|a, b| a.0.total_cmp(&b.0));
            for w in ys.windows(2) {
                assert!(w[0].0 + w[0].1 <= w[1].0 + 1e-9);
            }
        }
    }
}
