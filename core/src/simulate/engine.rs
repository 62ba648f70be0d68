//! The Monte Carlo engine: compiled inputs, the per-iteration kernels and the chunk loop.
//!
//! Two kernels compute an iteration's dates:
//! - the *fast* kernel, used when every leaf task works on the project calendar and no
//!   link has an elapsed lag, runs in working-minute space: a time is the key
//!   `2w + s`, where `w` is the working index on the project calendar and `s = 1` for the
//!   start of the next working minute, `s = 0` for the end of the last one (17:00 rather
//!   than 08:00 the next day). Keys order exactly as the instants they stand for, so the
//!   pass is integer arithmetic over arrays and gives the CPM's dates exactly;
//! - the *general* kernel re-runs the CPM forward pass itself (every calendar, elapsed
//!   lags), slower but identical by construction.

use super::SimulateError;
use super::options::SimulationOptions;
use super::sampler::{Sampler, Tables};
use crate::calendar::timeline::Timeline;
use crate::model::estimate::{normal_cdf, normal_quantile};
use crate::model::{Constraint, Distribution, Lag, LinkKind, MAX_MINUTES, Project};
use crate::rng::{GAMMA, mix, unit};
use crate::schedule::ScheduleError;
use crate::schedule::cpm::Ctx;
use crate::schedule::network::{EdgeKind, NONE, Network};

const LEAF: u8 = 0;
const OPEN: u8 = 1;
const CLOSE: u8 = 2;
const FS: u8 = 0;
const SS: u8 = 1;
const FF: u8 = 2;
const SF: u8 = 3;
const E_OPEN: u8 = 4;
const E_CLOSE: u8 = 5;
/// Iterations sampled together, task by task (keeps each quantile table hot).
const BLOCK: usize = 64;

/// Constraint of a leaf or open node in key space.
#[derive(Clone, Copy)]
struct KeyCons {
    kind: Constraint,
    key: i64,
    w: i64,
}

/// One in-edge of the fast kernel, in topological-position space.
#[derive(Clone, Copy)]
struct EdgeRec {
    /// Position of the predecessor node.
    from: u32,
    /// Link code (FS, SS, FF, SF, E_OPEN, E_CLOSE) | HAS_LAG | IS_PCT | SEL_EF | SLOW.
    code: u32,
    /// Twice the working lag in minutes (a key offset), or the percent for a percent lag.
    lag: i64,
}

const CODE_MASK: u32 = 0x7;
const HAS_LAG: u32 = 0x8;
const IS_PCT: u32 = 0x10;
/// The bound starts from the predecessor's early finish (FS, FF) rather than its start.
const SEL_EF: u32 = 0x20;
/// Percent lag or FF/SF link: the general bound computation is needed.
const SLOW: u32 = 0x40;

/// One node of the fast kernel, in topological order (16 bytes).
#[derive(Clone, Copy)]
struct NodeOp {
    /// In-edges: `edges[lo..hi]`.
    lo: u32,
    hi: u32,
    kind: u8,
    /// Constraint code (`C_*`; `C_NONE` without one) and its index in `Fast::cons`.
    ccode: u8,
    cidx: u32,
}

const C_NONE: u8 = 0;
const C_SNET: u8 = 1;
const C_FNET: u8 = 2;
const C_MSO: u8 = 3;
const C_SNLT: u8 = 4;
const C_MFO: u8 = 5;
const C_FNLT: u8 = 6;

/// The fast kernel's program: nodes renumbered in topological order, in-edges stored
/// contiguously in that order, so a pass reads memory front to back.
struct Fast {
    ops: Vec<NodeOp>,
    /// Constraint dates: (key, working index).
    cons: Vec<(i64, i64)>,
    edges: Vec<EdgeRec>,
    /// Position of each task's node (leaf or summary close node).
    pos_of_task: Vec<u32>,
    /// Task of each position (`NONE` for open nodes).
    task_of_pos: Vec<u32>,
    pstart_key: i64,
}

struct CRisk {
    p: f64,
    tasks: Vec<u32>,
    delay: Option<Sampler>,
    cost: Option<Sampler>,
}

/// Everything an iteration needs, shared read-only between threads.
pub(crate) struct Compiled<'a> {
    pub(crate) p: &'a Project,
    pub(crate) net: Network,
    pub(crate) n: usize,
    samplers: Vec<Sampler>,
    /// Tasks whose duration varies (sensitivity columns), in task order.
    pub(crate) uncertain: Vec<u32>,
    /// (task, sensitivity column) of the uncertain tasks, sorted by quantile table.
    sample_order: Vec<(u32, u32)>,
    group_of: Vec<u32>,
    groups: Vec<(f64, f64)>,
    risks: Vec<CRisk>,
    tables: Tables,
    rate: Vec<f64>,
    pub(crate) fixed_cost: f64,
    pub(crate) has_cost: bool,
    pub(crate) milestones: Vec<u32>,
    /// Compiled calendars, cloned into each chunk's pass context.
    tls: Vec<Timeline<'a>>,
    fast: Option<Fast>,
    /// Resource limits of a resource-constrained run (each chunk's pass gets a copy).
    limits: Option<crate::schedule::limits::Limits>,
    pub(crate) pstart: i64,
    pub(crate) sensitivity: bool,
    /// Iterations whose durations are kept for sensitivity: the first `sens_iters`
    /// (all of them unless the columns would pass [`super::SENSITIVITY_CELLS`]).
    pub(crate) sens_iters: usize,
    seed: u64,
}

/// Results of a run of consecutive iterations.
#[derive(Default)]
pub(crate) struct ChunkOut {
    pub(crate) first: usize,
    pub(crate) len: usize,
    /// Per iteration: project finish (minutes since the epoch) and its working index.
    pub(crate) finish: Vec<(i64, i64)>,
    /// Same without risk events (empty without events).
    pub(crate) base: Vec<(i64, i64)>,
    pub(crate) crit: Vec<u32>,
    /// `[sensitivity column][iteration]` sampled durations of this chunk's first `slen`
    /// iterations (those below `Compiled::sens_iters`; empty without sensitivity).
    pub(crate) samples: Vec<i32>,
    pub(crate) slen: usize,
    /// `[milestone][iteration]` finishes.
    pub(crate) ms: Vec<(i64, i64)>,
    pub(crate) cost: Vec<f64>,
    /// `[risk][iteration]` occurred.
    pub(crate) occurred: Vec<bool>,
}

/// A topological order of `net`'s nodes that takes, among the nodes whose predecessors
/// are placed, the one with the smallest key of its task (the serial list of the
/// resource-constrained simulation), ties by node index.
fn priority_topo(net: &Network, keys: &[(i64, i64, i64)]) -> Vec<u32> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let nodes = net.nodes();
    let mut indeg: Vec<u32> = (0..nodes)
        .map(|v| net.in_start[v + 1] - net.in_start[v])
        .collect();
    let key = |v: usize| {
        let t = net.node_task[v] as usize;
        let k = keys.get(t).copied().unwrap_or_default();
        Reverse((k, v as u32))
    };
    let mut heap: BinaryHeap<_> = (0..nodes).filter(|&v| indeg[v] == 0).map(key).collect();
    let mut out = Vec::with_capacity(nodes);
    while let Some(Reverse((_, v))) = heap.pop() {
        out.push(v);
        for &e in net.outs(v as usize) {
            let to = net.edges[e as usize].to as usize;
            indeg[to] -= 1;
            if indeg[to] == 0 {
                heap.push(key(to));
            }
        }
    }
    out
}

/// The seed of iteration `i`'s random stream: independent of threads and chunking.
#[inline]
fn stream_base(seed: u64, i: usize) -> u64 {
    mix(mix(seed.wrapping_add(GAMMA)) ^ mix((i as u64).wrapping_add(0xA5A5_5A5A_0F0F_F0F0)))
}

/// Draw number `k` of the stream with seed `base`: the `k`-th output of a SplitMix64
/// generator seeded with `base`, computed directly (random access), so tasks can be
/// sampled in any order and still get the same values.
#[inline(always)]
fn draw(base: u64, k: u64) -> f64 {
    unit(draw_bits(base, k))
}

/// The raw 64 bits of draw number `k`.
#[inline(always)]
fn draw_bits(base: u64, k: u64) -> u64 {
    mix(base.wrapping_add(k.wrapping_add(1).wrapping_mul(GAMMA)))
}

/// Rounds a sampled duration to whole minutes in `[0, MAX_MINUTES]` (half up; NaN → 0),
/// with a truncating conversion instead of a libm `round` call.
#[inline]
fn clamp_minutes(x: f64) -> i64 {
    let v = x + 0.5;
    if v >= 1.0 {
        if v >= MAX_MINUTES as f64 {
            MAX_MINUTES
        } else {
            v as i64
        }
    } else {
        0
    }
}

/// `ceil` key of an instant: the key of the instant a bound at `t` snaps to.
fn ceil_key(tl: &mut Timeline<'_>, t: i64) -> Result<i64, crate::calendar::CalendarError> {
    let w = tl.work_at(t)?;
    Ok(if tl.finish_at(w)? == t {
        2 * w
    } else {
        2 * w + 1
    })
}

fn key_to_abs(tl: &mut Timeline<'_>, k: i64) -> Result<i64, crate::calendar::CalendarError> {
    let w = k.div_euclid(2);
    if k.rem_euclid(2) == 0 {
        tl.finish_at(w)
    } else {
        tl.start_at(w)
    }
}

impl<'a> Compiled<'a> {
    /// Compiles the inputs; `pstart` is the start of the forward passes (the deterministic
    /// schedule's start, minutes since the epoch: for schedule-from-finish projects, the
    /// start the backward pass found).
    pub(crate) fn new(
        p: &'a Project,
        o: &SimulationOptions,
        pstart: i64,
    ) -> Result<Self, SimulateError> {
        let mut net = Network::build(p)?;
        let n = net.n;
        let limits = if o.resource_constrained {
            let (limits, keys) = crate::resources::level::limits_for(p, &net)?;
            net.topo = priority_topo(&net, &keys);
            Some(limits)
        } else {
            None
        };
        // Start of the forward passes: the CPM's own (for schedule-from-finish projects,
        // the start the backward pass found).
        let tls = crate::schedule::cpm::project_timelines(p)?;
        super::sampler::prewarm(p.tasks.values().filter_map(|t| match t.estimate {
            Some(e) => match e.distribution {
                Distribution::BetaPert { lambda } => Some((
                    e.optimistic.as_minutes() as f64,
                    e.most_likely.as_minutes() as f64,
                    e.pessimistic.as_minutes() as f64,
                    lambda,
                )),
                _ => None,
            },
            None => None,
        }));
        // Measured distributions replace the estimates of their tasks.
        let mut measured: std::collections::HashMap<crate::TaskId, Vec<f64>> =
            std::collections::HashMap::with_capacity(o.durations.len());
        for d in &o.durations {
            match net.ids.binary_search(&d.task) {
                Err(_) => {
                    return Err(SimulateError::UnknownTask {
                        task: d.task,
                        context: "durations".into(),
                    });
                }
                Ok(i) if net.is_summary(i) => {
                    return Err(SimulateError::SummaryTask {
                        task: d.task,
                        name: p.tasks[&d.task].name.clone(),
                        context: "durations".into(),
                    });
                }
                Ok(_) => {}
            }
            let q = d.quantiles.iter().map(|x| x.as_minutes() as f64).collect();
            if measured.insert(d.task, q).is_some() {
                return Err(SimulateError::InvalidOption(format!(
                    "durations: {} is given twice",
                    d.task
                )));
            }
        }
        let mut tables = Tables::default();
        let mut samplers = Vec::with_capacity(n);
        let mut uncertain = vec![];
        let mut rate = Vec::with_capacity(n);
        let mut milestones = vec![];
        let mut fixed_cost = 0.0;
        let mut has_cost = false;
        for (i, t) in p.tasks.values().enumerate() {
            let summary = net.is_summary(i);
            let d = t.duration.as_minutes() as f64;
            let s = match (summary, t.estimate, measured.get(&t.id)) {
                (true, ..) => Sampler::Const(0.0),
                (false, _, Some(q)) => tables.empirical(q),
                (false, Some(e), None) if e.distribution != Distribution::Fixed => tables.sampler(
                    e.optimistic.as_minutes() as f64,
                    e.most_likely.as_minutes() as f64,
                    e.pessimistic.as_minutes() as f64,
                    e.distribution,
                ),
                _ => Sampler::Const(d),
            };
            if !s.is_const() {
                uncertain.push(i as u32);
            }
            samplers.push(s);
            if !summary {
                fixed_cost += t.fixed_cost;
                has_cost |= t.fixed_cost != 0.0 || t.cost_rate != 0.0;
                rate.push(t.cost_rate / 60.0);
                if t.milestone || t.duration.as_minutes() == 0 {
                    milestones.push(i as u32);
                }
            } else {
                rate.push(0.0);
            }
        }
        let index = |id: crate::TaskId, what: &str| -> Result<u32, SimulateError> {
            match net.ids.binary_search(&id).ok() {
                None => Err(SimulateError::UnknownTask {
                    task: id,
                    context: what.to_string(),
                }),
                Some(i) if net.is_summary(i) => Err(SimulateError::SummaryTask {
                    task: id,
                    name: p.tasks[&id].name.clone(),
                    context: what.to_string(),
                }),
                Some(i) => Ok(i as u32),
            }
        };
        let mut group_of = vec![NONE; n];
        let mut groups = vec![];
        for (g, cg) in o.correlations.iter().enumerate() {
            if !(0.0..=1.0).contains(&cg.rho) {
                return Err(SimulateError::InvalidOption(format!(
                    "correlation group {g}: rho must be in [0, 1], got {}",
                    cg.rho
                )));
            }
            for &t in &cg.tasks {
                let i = index(t, &format!("correlation group {g}"))? as usize;
                if group_of[i] != NONE {
                    return Err(SimulateError::InvalidOption(format!(
                        "{t} is in more than one correlation group"
                    )));
                }
                group_of[i] = g as u32;
            }
            groups.push((cg.rho.sqrt(), (1.0 - cg.rho).sqrt()));
        }
        let mut risks = vec![];
        for r in &o.risks {
            let ctx = format!("risk {:?}", r.id);
            if !(0.0..=1.0).contains(&r.probability) {
                return Err(SimulateError::InvalidOption(format!(
                    "{ctx}: probability must be in [0, 1], got {}",
                    r.probability
                )));
            }
            let tasks = r
                .tasks
                .iter()
                .map(|&t| index(t, &ctx))
                .collect::<Result<Vec<_>, _>>()?;
            let delay = match r.delay {
                Some(e) => {
                    if let Some(problem) = e.problem() {
                        return Err(SimulateError::InvalidOption(format!(
                            "{ctx}: delay {problem}"
                        )));
                    }
                    Some(tables.sampler(
                        e.optimistic.as_minutes() as f64,
                        e.most_likely.as_minutes() as f64,
                        e.pessimistic.as_minutes() as f64,
                        e.distribution,
                    ))
                }
                None => None,
            };
            let cost = match r.cost {
                Some(c) => {
                    let ok = [c.optimistic, c.most_likely, c.pessimistic]
                        .iter()
                        .all(|x| x.is_finite())
                        && c.optimistic <= c.most_likely
                        && c.most_likely <= c.pessimistic;
                    if !ok {
                        return Err(SimulateError::InvalidOption(format!(
                            "{ctx}: cost estimate must be finite with optimistic <= most likely <= pessimistic"
                        )));
                    }
                    has_cost = true;
                    Some(tables.sampler(c.optimistic, c.most_likely, c.pessimistic, c.distribution))
                }
                None => None,
            };
            risks.push(CRisk {
                p: r.probability,
                tasks,
                delay,
                cost,
            });
        }
        let mut sample_order: Vec<(u32, u32)> = uncertain
            .iter()
            .enumerate()
            .map(|(k, &t)| (t, k as u32))
            .collect();
        sample_order.sort_by_key(|&(t, _)| (samplers[t as usize].table_key(), t));
        let uncertain_len = uncertain.len();
        let mut c = Compiled {
            p,
            net,
            n,
            samplers,
            uncertain,
            sample_order,
            group_of,
            groups,
            risks,
            tables,
            rate,
            fixed_cost,
            has_cost,
            milestones,
            tls,
            fast: None,
            limits,
            pstart,
            sensitivity: o.sensitivity,
            sens_iters: if o.sensitivity {
                super::sensitivity_iterations(o.iterations, uncertain_len)
            } else {
                0
            },
            seed: o.seed,
        };
        if c.limits.is_none() {
            c.fast = c.build_fast()?;
        }
        Ok(c)
    }

    /// A pass context reusing the compiled timelines.
    pub(crate) fn ctx(&self) -> Result<Ctx<'_>, SimulateError> {
        Ok(Ctx::with_timelines(self.p, &self.net, self.tls.clone())?)
    }

    /// `true` when the fast kernel applies.
    pub(crate) fn is_fast(&self) -> bool {
        self.fast.is_some()
    }

    fn build_fast(&self) -> Result<Option<Fast>, SimulateError> {
        let p = self.p;
        let net = &self.net;
        let same_cal = p
            .tasks
            .values()
            .all(|t| t.calendar.is_none_or(|c| c == p.calendar));
        let elapsed = net.edges.iter().any(|e| matches!(e.lag, Lag::Elapsed(_)));
        // Adopted leveling delays are elapsed time: the general kernel applies them.
        if !same_cal || elapsed || !net.delay.is_empty() {
            return Ok(None);
        }
        let mut ctx = self.ctx()?;
        let nodes = net.nodes();
        let mut pos = vec![0u32; nodes];
        for (k, &v) in net.topo.iter().enumerate() {
            pos[v as usize] = k as u32;
        }
        let tl = &mut ctx.tls[0];
        let mut task_cons = Vec::with_capacity(net.n);
        for t in p.tasks.values() {
            task_cons.push(match t.constraint.date() {
                None => None,
                Some(d) => {
                    let m = d.signed_duration_since(ctx.epoch).num_minutes();
                    let w = tl.work_at(m).map_err(|e| calendar_err(t, e))?;
                    let key = ceil_key(tl, m).map_err(|e| calendar_err(t, e))?;
                    Some(KeyCons {
                        kind: t.constraint,
                        key,
                        w,
                    })
                }
            });
        }
        let mut ops = Vec::with_capacity(nodes);
        let mut cons_tab = vec![];
        let mut edges = Vec::with_capacity(net.edges.len());
        for &v in &net.topo {
            let v = v as usize;
            let kind = if v >= net.n {
                OPEN
            } else if net.is_summary(v) {
                CLOSE
            } else {
                LEAF
            };
            let lo = edges.len() as u32;
            for &e in net.ins(v) {
                let ed = &net.edges[e as usize];
                let mut code = u32::from(match ed.kind {
                    EdgeKind::Link(LinkKind::Fs) => FS,
                    EdgeKind::Link(LinkKind::Ss) => SS,
                    EdgeKind::Link(LinkKind::Ff) => FF,
                    EdgeKind::Link(LinkKind::Sf) => SF,
                    EdgeKind::Open => E_OPEN,
                    EdgeKind::Close => E_CLOSE,
                });
                let lag = match ed.lag {
                    Lag::Percent(pc) => {
                        code |= IS_PCT | SLOW;
                        i64::from(pc)
                    }
                    Lag::Working(d) | Lag::Elapsed(d) => 2 * d.as_minutes(),
                };
                if !ed.lag.is_zero() {
                    code |= HAS_LAG;
                }
                let k = (code & CODE_MASK) as u8;
                if k == FS || k == FF {
                    code |= SEL_EF;
                }
                if k == FF || k == SF {
                    code |= SLOW;
                }
                edges.push(EdgeRec {
                    from: pos[ed.from as usize],
                    code,
                    lag,
                });
            }
            let cons = if kind == CLOSE {
                None
            } else {
                task_cons[net.node_task[v] as usize]
            };
            let (ccode, cidx) = match cons {
                None => (C_NONE, 0),
                Some(c) => {
                    let code = match c.kind {
                        Constraint::Snet(_) => C_SNET,
                        Constraint::Fnet(_) => C_FNET,
                        Constraint::Mso(_) => C_MSO,
                        Constraint::Snlt(_) => C_SNLT,
                        Constraint::Mfo(_) => C_MFO,
                        Constraint::Fnlt(_) => C_FNLT,
                        Constraint::Asap | Constraint::Alap => C_NONE,
                    };
                    cons_tab.push((c.key, c.w));
                    (code, cons_tab.len() as u32 - 1)
                }
            };
            ops.push(NodeOp {
                lo,
                hi: edges.len() as u32,
                kind,
                ccode,
                cidx,
            });
        }
        let pstart_key =
            ceil_key(tl, self.pstart).map_err(|e| out_of_range("the project start", e))?;
        let pos_of_task = (0..net.n).map(|t| pos[t]).collect();
        let task_of_pos = net
            .topo
            .iter()
            .map(|&v| if (v as usize) < net.n { v } else { NONE })
            .collect();
        Ok(Some(Fast {
            ops,
            cons: cons_tab,
            edges,
            pos_of_task,
            task_of_pos,
            pstart_key,
        }))
    }

    /// Where task `t`'s duration lives in the per-iteration duration array.
    #[inline]
    fn slot(&self, t: usize) -> usize {
        match &self.fast {
            Some(f) => f.pos_of_task[t] as usize,
            None => t,
        }
    }

    /// Length of the per-iteration duration array.
    fn width(&self) -> usize {
        match &self.fast {
            Some(f) => f.ops.len(),
            None => self.n,
        }
    }

    /// Runs iterations `first .. first + len`.
    pub(crate) fn run_chunk(&self, first: usize, len: usize) -> Result<ChunkOut, SimulateError> {
        let n = self.n;
        let nr = self.risks.len();
        let nm = self.milestones.len();
        let width = self.width();
        let slen = self.sens_iters.saturating_sub(first).min(len);
        let mut out = ChunkOut {
            first,
            len,
            finish: Vec::with_capacity(len),
            base: Vec::with_capacity(if nr > 0 { len } else { 0 }),
            crit: vec![0; n],
            samples: vec![0; self.uncertain.len() * slen],
            slen,
            ms: vec![(0, 0); nm * len],
            cost: Vec::with_capacity(if self.has_cost { len } else { 0 }),
            occurred: vec![false; nr * len],
        };
        let nodes = self.net.nodes();
        let mut ctx = self.ctx()?;
        ctx.limits = self.limits.clone().map(Box::new);
        let mut w = Work {
            ctx,
            les: vec![[0; L]; nodes],
            lef: vec![[0; L]; nodes],
            dg: vec![[0; L]; nodes],
            dgd: vec![[0; L]; nodes],
            stamp: vec![0; 3 * nodes],
            epoch_no: 0,
            stack: vec![],
        };
        let slots: Vec<usize> = (0..n).map(|t| self.slot(t)).collect();
        let ng = self.groups.len() as u64;
        let ngu = self.groups.len();
        // Draw numbers: group factors 0..G, task t: G + t, risk r: G + n + 3r + {0, 1, 2}.
        let task_draw = |t: usize| ng + t as u64;
        let risk_draw = |r: usize| ng + n as u64 + 3 * r as u64;
        // `[slot][iteration in block]`, so sampling writes runs of BLOCK values.
        let mut dur = vec![0i32; BLOCK * width];
        // The block transposed to `[iteration][slot]` for the passes.
        let general = self.fast.is_none();
        let mut dt = if general {
            vec![0i64; BLOCK * width]
        } else {
            vec![]
        };
        let mut bases = vec![0u64; BLOCK];
        let mut zg = vec![0.0f64; BLOCK * ngu];
        let mut rdelay = vec![-1i64; BLOCK * nr];
        let mut rcost = vec![0.0f64; BLOCK];
        let mut delayed = if general { vec![0i64; width] } else { vec![] };
        for (t, &slot) in slots.iter().enumerate() {
            if let Sampler::Const(v) = self.samplers[t] {
                let m = clamp_minutes(v) as i32;
                dur[slot * BLOCK..(slot + 1) * BLOCK].fill(m);
            }
        }
        // Column k of the sensitivity samples gets the block's iterations below `slen`.
        let keep = |samples: &mut Vec<i32>, k: usize, b0: usize, row: &[i32]| {
            let m = row.len().min(slen.saturating_sub(b0));
            if m > 0 {
                samples[k * slen + b0..k * slen + b0 + m].copy_from_slice(&row[..m]);
            }
        };
        let mut b0 = 0;
        while b0 < len {
            let bl = BLOCK.min(len - b0);
            for (b, base) in bases.iter_mut().enumerate().take(bl) {
                *base = stream_base(self.seed, first + b0 + b);
            }
            for g in 0..ngu {
                for b in 0..bl {
                    zg[b * ngu + g] = normal_quantile(draw(bases[b], g as u64).max(1e-300));
                }
            }
            // Tasks in order of their quantile tables, so each table stays in cache.
            for &(t, k) in &self.sample_order {
                let (t, k) = (t as usize, k as usize);
                let s = &self.samplers[t];
                let slot = slots[t];
                let g = self.group_of[t];
                let row = &mut dur[slot * BLOCK..slot * BLOCK + bl];
                let kd = task_draw(t);
                if g == NONE {
                    for (x, &base) in row.iter_mut().zip(&bases) {
                        *x = clamp_minutes(self.tables.sample_bits(s, draw_bits(base, kd))) as i32;
                    }
                    keep(&mut out.samples, k, b0, row);
                    continue;
                }
                for (b, x) in row.iter_mut().enumerate() {
                    let u = draw(bases[b], kd);
                    let (a, c) = self.groups[g as usize];
                    let z = a * zg[b * ngu + g as usize] + c * normal_quantile(u.max(1e-300));
                    let u = normal_cdf(z).min(1.0 - 1e-16);
                    *x = clamp_minutes(self.tables.sample(s, u)) as i32;
                }
                keep(&mut out.samples, k, b0, row);
            }
            for b in 0..bl {
                rcost[b] = 0.0;
                for (r, risk) in self.risks.iter().enumerate() {
                    let k = risk_draw(r);
                    let (uo, ud, uc) = (
                        draw(bases[b], k),
                        draw(bases[b], k + 1),
                        draw(bases[b], k + 2),
                    );
                    rdelay[b * nr + r] = -1;
                    if uo < risk.p {
                        rdelay[b * nr + r] = risk
                            .delay
                            .as_ref()
                            .map_or(0, |s| clamp_minutes(self.tables.sample(s, ud)));
                        if let Some(c) = &risk.cost {
                            rcost[b] += self.tables.sample(c, uc);
                        }
                    }
                }
            }
            if let Some(fk) = &self.fast {
                let blk = BlockIn {
                    dur: &dur,
                    bl,
                    b0,
                    len,
                    rdelay: &rdelay,
                    rcost: &rcost,
                    slots: &slots,
                };
                self.run_lanes(fk, &mut w, &blk, &mut out)?;
                b0 += bl;
                continue;
            }
            transpose(&dur, &mut dt, width);
            for b in 0..bl {
                let it = b0 + b;
                let d = &dt[b * width..(b + 1) * width];
                let d = if nr > 0 {
                    out.base.push(self.pass(&mut w, d)?.0);
                    delayed.copy_from_slice(d);
                    for (r, risk) in self.risks.iter().enumerate() {
                        let x = rdelay[b * nr + r];
                        out.occurred[r * len + it] = x >= 0;
                        if x > 0 {
                            for &t in &risk.tasks {
                                let v = &mut delayed[slots[t as usize]];
                                *v = (*v + x).min(MAX_MINUTES);
                            }
                        }
                    }
                    &delayed[..]
                } else {
                    d
                };
                let (f, fin_cmp) = self.pass(&mut w, d)?;
                out.finish.push(f);
                self.trace_general(&mut w, fin_cmp, &mut out.crit)?;
                for (j, &m) in self.milestones.iter().enumerate() {
                    out.ms[j * len + it] = self.task_finish(&mut w, m as usize)?;
                }
                if self.has_cost {
                    let mut c = self.fixed_cost + rcost[b];
                    for (t, &r) in self.rate.iter().enumerate() {
                        if r != 0.0 {
                            c += r * d[slots[t]] as f64;
                        }
                    }
                    out.cost.push(c);
                }
            }
            b0 += bl;
        }
        Ok(out)
    }

    /// General kernel: one forward pass. Returns the project finish (minutes since the
    /// epoch, working index) and the value the trace compares leaf finishes with.
    fn pass(&self, w: &mut Work<'_>, d: &[i64]) -> Result<((i64, i64), i64), SimulateError> {
        let ctx = &mut w.ctx;
        ctx.dur.copy_from_slice(d);
        ctx.warnings.clear();
        ctx.forward(self.pstart)?;
        self.finish_of(ctx)
    }

    fn finish_of(&self, ctx: &mut Ctx<'_>) -> Result<((i64, i64), i64), SimulateError> {
        let mut fin = i64::MIN;
        for t in 0..self.n {
            if !self.net.is_summary(t) {
                fin = fin.max(ctx.ef[t]);
            }
        }
        if fin == i64::MIN {
            fin = self.pstart;
        }
        let wi = ctx.tls[0].work_at(fin).map_err(|e| ctx.cal_err(0, e))?;
        Ok(((fin, wi), wi))
    }

    /// General kernel: a leaf's finish after [`pass`](Self::pass) (minutes since the
    /// epoch, working index).
    fn task_finish(&self, w: &mut Work<'_>, t: usize) -> Result<(i64, i64), SimulateError> {
        let ctx = &mut w.ctx;
        let f = ctx.ef[t];
        let wi = ctx.tls[0].work_at(f).map_err(|e| ctx.cal_err(t, e))?;
        Ok((f, wi))
    }

    /// Fast kernel: the passes, traces, milestones and costs of one sampled block,
    /// `L` iterations at a time.
    fn run_lanes(
        &self,
        f: &Fast,
        w: &mut Work<'_>,
        blk: &BlockIn<'_>,
        out: &mut ChunkOut,
    ) -> Result<(), SimulateError> {
        let width = f.ops.len();
        let nr = self.risks.len();
        let mut g0 = 0;
        while g0 < blk.bl {
            let ln = L.min(blk.bl - g0);
            // Lanes past the block's end repeat its last iteration; their results are dropped.
            for (slot, lanes) in w.dg.iter_mut().enumerate().take(width) {
                let row = &blk.dur[slot * BLOCK + g0..slot * BLOCK + g0 + ln];
                for l in 0..L {
                    lanes[l] = i64::from(row[l.min(ln - 1)]);
                }
            }
            let use_delayed = nr > 0;
            if use_delayed {
                let fin = pass_lanes(f, &w.dg, &mut w.les, &mut w.lef);
                for &k in fin.iter().take(ln) {
                    let abs = key_to_abs(&mut w.ctx.tls[0], k)
                        .map_err(|e| out_of_range("the simulated project finish", e))?;
                    out.base.push((abs, k >> 1));
                }
                w.dgd.copy_from_slice(&w.dg);
                for l in 0..ln {
                    let b = g0 + l;
                    let it = blk.b0 + b;
                    for (r, risk) in self.risks.iter().enumerate() {
                        let x = blk.rdelay[b * nr + r];
                        out.occurred[r * blk.len + it] = x >= 0;
                        if x > 0 {
                            for &t in &risk.tasks {
                                let v = &mut w.dgd[blk.slots[t as usize]][l];
                                *v = (*v + x).min(MAX_MINUTES);
                            }
                        }
                    }
                }
            }
            let fin = {
                let d = if use_delayed { &w.dgd } else { &w.dg };
                pass_lanes(f, d, &mut w.les, &mut w.lef)
            };
            let d = if use_delayed {
                std::mem::take(&mut w.dgd)
            } else {
                std::mem::take(&mut w.dg)
            };
            for (l, &k) in fin.iter().enumerate().take(ln) {
                let b = g0 + l;
                let it = blk.b0 + b;
                let abs = key_to_abs(&mut w.ctx.tls[0], k)
                    .map_err(|e| out_of_range("the simulated project finish", e))?;
                out.finish.push((abs, k >> 1));
                trace_lane(f, w, &d, l, k >> 1, &mut out.crit);
                for (j, &m) in self.milestones.iter().enumerate() {
                    let mk = w.lef[f.pos_of_task[m as usize] as usize][l];
                    let mabs = key_to_abs(&mut w.ctx.tls[0], mk).map_err(|e| {
                        let t = self.p.tasks.values().nth(m as usize);
                        let (id, name) =
                            t.map_or((crate::TaskId(0), ""), |t| (t.id(), t.name.as_str()));
                        out_of_range(
                            &format!("the simulated finish of milestone {id} ({name:?})"),
                            e,
                        )
                    })?;
                    out.ms[j * blk.len + it] = (mabs, mk >> 1);
                }
                if self.has_cost {
                    let mut c = self.fixed_cost + blk.rcost[b];
                    for (t, &r) in self.rate.iter().enumerate() {
                        if r != 0.0 {
                            c += r * d[blk.slots[t]][l] as f64;
                        }
                    }
                    out.cost.push(c);
                }
            }
            if use_delayed {
                w.dgd = d;
            } else {
                w.dg = d;
            }
            g0 += ln;
        }
        Ok(())
    }

    /// General kernel: marks the leaves on a chain of tight links ending at the finish.
    fn trace_general(
        &self,
        w: &mut Work<'_>,
        fin: i64,
        crit: &mut [u32],
    ) -> Result<(), SimulateError> {
        let net = &self.net;
        let n = self.n;
        let stamp_no = next_stamp(w);
        let nodes = net.nodes();
        w.stack.clear();
        for t in 0..n {
            if net.is_summary(t) {
                continue;
            }
            let x = w.ctx.tls[0]
                .work_at(w.ctx.ef[t])
                .map_err(|e| w.ctx.cal_err(t, e))?;
            if x == fin {
                w.stack.push((t as u32, 0));
            }
        }
        while let Some((v, mode)) = w.stack.pop() {
            let v = v as usize;
            let slot = usize::from(mode) * nodes + v;
            if w.stamp[slot] == stamp_no {
                continue;
            }
            w.stamp[slot] = stamp_no;
            let ins = net.in_start[v] as usize..net.in_start[v + 1] as usize;
            if mode > 0 {
                // A summary reached as predecessor: children that set its start or finish.
                for i in ins {
                    let c = net.edges[net.in_edges[i] as usize].from as usize;
                    let hit = if mode == 1 {
                        w.ctx.ef[c] == w.ctx.ef[v]
                    } else {
                        w.ctx.es[c] == w.ctx.es[v]
                    };
                    if hit {
                        let m = if c < n && net.is_summary(c) { mode } else { 0 };
                        w.stack.push((c as u32, m));
                    }
                }
                continue;
            }
            if v < n {
                crit[v] += 1;
            }
            for i in ins {
                let e = net.in_edges[i] as usize;
                let b = w.ctx.edge_start_bound(e as u32, v)?;
                let tight = if v >= n {
                    b == w.ctx.es[v]
                } else {
                    let k = w.ctx.task_tl[v] as usize;
                    let (es_v, t) = (w.ctx.es[v], &mut w.ctx.tls[k]);
                    let r = t.work_at(b).and_then(|x| Ok(x == t.work_at(es_v)?));
                    r.map_err(|er| w.ctx.cal_err(v, er))?
                };
                if !tight {
                    continue;
                }
                let ed = &net.edges[e];
                let from = ed.from as usize;
                let m = if from < n && net.is_summary(from) {
                    match ed.kind {
                        EdgeKind::Link(LinkKind::Ss | LinkKind::Sf) => 2,
                        _ => 1,
                    }
                } else {
                    0
                };
                w.stack.push((from as u32, m));
            }
        }
        Ok(())
    }
}

fn next_stamp(w: &mut Work<'_>) -> u32 {
    w.epoch_no = w.epoch_no.wrapping_add(1);
    if w.epoch_no == 0 {
        w.stamp.fill(0);
        w.epoch_no = 1;
    }
    w.epoch_no
}

/// Iterations the fast kernel advances together through each node.
const L: usize = 8;

/// Per-lane values of one node.
type Lanes = [i64; L];

/// Percent lag in minutes from position `from` in lane `l` (the CPM's rounding).
#[inline]
fn pct_lag(
    f: &Fast,
    pc: i64,
    from: usize,
    d: &[Lanes],
    es: &[Lanes],
    ef: &[Lanes],
    l: usize,
) -> i64 {
    let span = if f.ops[from].kind == CLOSE {
        (ef[from][l] >> 1) - (es[from][l] >> 1)
    } else {
        d[from][l]
    };
    let x = span * pc;
    if x >= 0 {
        (x + 50) / 100
    } else {
        (x - 50) / 100
    }
}

/// The key bound edge `e` puts on the start of a node in lane `l` (any edge kind).
#[inline]
#[allow(clippy::too_many_arguments)]
fn bound_lane(
    f: &Fast,
    e: &EdgeRec,
    v_leaf: bool,
    dv: i64,
    d: &[Lanes],
    es: &[Lanes],
    ef: &[Lanes],
    l: usize,
) -> i64 {
    let from = e.from as usize;
    let mut base = if e.code & SEL_EF != 0 {
        ef[from][l]
    } else {
        es[from][l]
    };
    if e.code & SLOW == 0 {
        let mask = !i64::from((e.code & HAS_LAG) >> 3);
        return (base & mask) + e.lag;
    }
    let code = (e.code & CODE_MASK) as u8;
    if e.code & HAS_LAG != 0 {
        let lag = if e.code & IS_PCT != 0 {
            pct_lag(f, e.lag, from, d, es, ef, l)
        } else {
            e.lag >> 1
        };
        base = 2 * ((base >> 1) + lag);
    }
    if (code == FF || code == SF) && v_leaf && dv > 0 {
        base = 2 * ((base >> 1) - dv) + 1;
    }
    base
}

/// The fast forward pass for `L` iterations at once over positions: the per-node work
/// (decoding ops and edges, bounds checks, branches) is shared by the lanes, and the
/// common FS/SS edge is a branch-free loop over the lanes. Returns each lane's finish key.
fn pass_lanes(f: &Fast, d: &[Lanes], es: &mut [Lanes], ef: &mut [Lanes]) -> Lanes {
    let mut fin = [i64::MIN; L];
    for (v, op) in f.ops.iter().enumerate() {
        let ins = &f.edges[op.lo as usize..op.hi as usize];
        if op.kind == CLOSE {
            let (mut a, mut z) = ([i64::MAX; L], [i64::MIN; L]);
            for e in ins {
                let c = e.from as usize;
                let (ca, cz) = (es[c], ef[c]);
                for l in 0..L {
                    a[l] = a[l].min(ca[l]);
                    z[l] = z[l].max(cz[l]);
                }
            }
            es[v] = a;
            ef[v] = z;
            continue;
        }
        let leaf = op.kind == LEAF;
        let dv = d[v];
        let mut b = [f.pstart_key; L];
        for e in ins {
            if e.code & SLOW == 0 {
                let src = if e.code & SEL_EF != 0 {
                    ef[e.from as usize]
                } else {
                    es[e.from as usize]
                };
                let mask = !i64::from((e.code & HAS_LAG) >> 3);
                for l in 0..L {
                    b[l] = b[l].max((src[l] & mask) + e.lag);
                }
            } else if e.code & IS_PCT == 0 {
                // FF/SF with a constant working lag: the bound on the finish, less the
                // lane's duration, is the bound on the start (leaves with a duration only).
                let src = if e.code & SEL_EF != 0 {
                    ef[e.from as usize]
                } else {
                    es[e.from as usize]
                };
                let mask = !i64::from((e.code & HAS_LAG) >> 3);
                for l in 0..L {
                    let t = (src[l] & mask) + e.lag;
                    let t = if leaf && dv[l] > 0 {
                        (t & !1) - 2 * dv[l] + 1
                    } else {
                        t
                    };
                    b[l] = b[l].max(t);
                }
            } else {
                for l in 0..L {
                    b[l] = b[l].max(bound_lane(f, e, leaf, dv[l], d, es, ef, l));
                }
            }
        }
        if op.ccode != C_NONE {
            let (key, cw) = f.cons[op.cidx as usize];
            for l in 0..L {
                let from_finish = |dv: i64| if dv == 0 { key } else { 2 * (cw - dv) + 1 };
                let bl = &mut b[l];
                if !leaf {
                    if op.ccode == C_SNET {
                        *bl = (*bl).max(key);
                    }
                    continue;
                }
                match op.ccode {
                    C_SNET => *bl = (*bl).max(key),
                    C_FNET => *bl = (*bl).max(from_finish(dv[l])),
                    C_MSO => *bl = key,
                    C_SNLT => {
                        if (*bl >> 1) > cw {
                            *bl = key;
                        }
                    }
                    C_MFO => *bl = from_finish(dv[l]),
                    _ => {
                        let s = from_finish(dv[l]);
                        if (*bl >> 1) > (s >> 1) {
                            *bl = s;
                        }
                    }
                }
            }
        }
        if !leaf {
            es[v] = b;
            ef[v] = b;
            continue;
        }
        let (mut s, mut e) = ([0i64; L], [0i64; L]);
        for l in 0..L {
            let wb = b[l] >> 1;
            let pos = dv[l] > 0;
            s[l] = if pos { 2 * wb + 1 } else { b[l] };
            e[l] = if pos { 2 * (wb + dv[l]) } else { b[l] };
            fin[l] = fin[l].max(e[l]);
        }
        es[v] = s;
        ef[v] = e;
    }
    for x in &mut fin {
        if *x == i64::MIN {
            *x = f.pstart_key;
        }
    }
    fin
}

/// Fast kernel, lane `l`: marks the leaves on a chain of tight links ending at the finish
/// (`fin`: the finish's working index).
fn trace_lane(f: &Fast, w: &mut Work<'_>, d: &[Lanes], l: usize, fin: i64, crit: &mut [u32]) {
    let stamp_no = next_stamp(w);
    let nodes = f.ops.len();
    w.stack.clear();
    for (v, op) in f.ops.iter().enumerate() {
        if op.kind == LEAF && w.lef[v][l] >> 1 == fin {
            w.stack.push((v as u32, 0));
        }
    }
    while let Some((v, mode)) = w.stack.pop() {
        let v = v as usize;
        let slot = usize::from(mode) * nodes + v;
        if w.stamp[slot] == stamp_no {
            continue;
        }
        w.stamp[slot] = stamp_no;
        let op = f.ops[v];
        let ins = &f.edges[op.lo as usize..op.hi as usize];
        if mode > 0 {
            // A summary reached as predecessor: children that set its start (mode 2) or finish.
            for e in ins {
                let c = e.from as usize;
                let hit = if mode == 1 {
                    w.lef[c][l] >> 1 == w.lef[v][l] >> 1
                } else {
                    w.les[c][l] >> 1 == w.les[v][l] >> 1
                };
                if hit {
                    let m = if f.ops[c].kind == CLOSE { mode } else { 0 };
                    w.stack.push((c as u32, m));
                }
            }
            continue;
        }
        let leaf = op.kind == LEAF;
        if leaf {
            crit[f.task_of_pos[v] as usize] += 1;
        }
        for e in ins {
            let b = bound_lane(f, e, leaf, d[v][l], d, &w.les, &w.lef, l);
            if b >> 1 != w.les[v][l] >> 1 {
                continue;
            }
            let from = e.from as usize;
            let m = if f.ops[from].kind == CLOSE {
                match (e.code & CODE_MASK) as u8 {
                    SS | SF => 2,
                    _ => 1,
                }
            } else {
                0
            };
            w.stack.push((from as u32, m));
        }
    }
}

/// `src[slot][b]` (BLOCK columns) → `dst[b][slot]`, in 8 × 8 tiles to stay in cache.
fn transpose(src: &[i32], dst: &mut [i64], width: usize) {
    const T: usize = 8;
    let mut s0 = 0;
    while s0 < width {
        let s1 = (s0 + T).min(width);
        for b0 in (0..BLOCK).step_by(T) {
            for slot in s0..s1 {
                let row = &src[slot * BLOCK + b0..slot * BLOCK + b0 + T];
                for (k, &x) in row.iter().enumerate() {
                    dst[(b0 + k) * width + slot] = i64::from(x);
                }
            }
        }
        s0 = s1;
    }
}

/// One sampled block, as `run_lanes` reads it.
struct BlockIn<'a> {
    /// `[slot][BLOCK]` durations.
    dur: &'a [i32],
    /// Iterations in the block.
    bl: usize,
    /// First iteration of the block within the chunk.
    b0: usize,
    /// Iterations in the chunk.
    len: usize,
    /// `[iteration in block][risk]` delay (-1: did not occur).
    rdelay: &'a [i64],
    /// Risk cost per iteration in block.
    rcost: &'a [f64],
    slots: &'a [usize],
}

/// Per-thread scratch space.
struct Work<'a> {
    ctx: Ctx<'a>,
    /// Fast kernel: early start and finish keys per position and lane.
    les: Vec<Lanes>,
    lef: Vec<Lanes>,
    /// Fast kernel: durations per position and lane (and with risk delays applied).
    dg: Vec<Lanes>,
    dgd: Vec<Lanes>,
    stamp: Vec<u32>,
    epoch_no: u32,
    stack: Vec<(u32, u8)>,
}

fn calendar_err(t: &crate::Task, source: crate::calendar::CalendarError) -> SimulateError {
    SimulateError::Schedule(ScheduleError::Calendar {
        task: t.id(),
        name: t.name.clone(),
        source,
    })
}

/// A simulated date of the project (`what`: its finish, a milestone's finish, its start)
/// that leaves the calendar's range.
fn out_of_range(what: &str, source: crate::calendar::CalendarError) -> SimulateError {
    SimulateError::OutOfRange {
        what: what.to_string(),
        source,
    }
}
