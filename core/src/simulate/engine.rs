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

use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::SimulateError;
use super::options::SimulationOptions;
use super::sampler::{Sampler, Tables, unit};
use crate::calendar::timeline::Timeline;
use crate::model::estimate::{normal_cdf, normal_quantile};
use crate::model::{Constraint, Distribution, Lag, LinkKind, MAX_MINUTES, Project};
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
const NO_PCT: i32 = i32::MIN;
/// Iterations sampled together, task by task (keeps each quantile table hot).
const BLOCK: usize = 32;

/// Constraint of a leaf or open node in key space.
#[derive(Clone, Copy)]
struct KeyCons {
    kind: Constraint,
    key: i64,
    w: i64,
}

/// Arrays of the fast kernel.
struct Fast {
    kind: Vec<u8>,
    e_from: Vec<u32>,
    e_code: Vec<u8>,
    e_lag: Vec<i64>,
    e_haslag: Vec<bool>,
    e_pct: Vec<i32>,
    cons: Vec<Option<KeyCons>>,
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
    group_of: Vec<u32>,
    groups: Vec<(f64, f64)>,
    risks: Vec<CRisk>,
    tables: Tables,
    rate: Vec<f64>,
    pub(crate) fixed_cost: f64,
    pub(crate) has_cost: bool,
    pub(crate) milestones: Vec<u32>,
    fast: Option<Fast>,
    pub(crate) pstart: i64,
    pub(crate) sensitivity: bool,
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
    /// `[uncertain task][iteration]` sampled durations.
    pub(crate) samples: Vec<i32>,
    /// `[milestone][iteration]` finishes.
    pub(crate) ms: Vec<(i64, i64)>,
    pub(crate) cost: Vec<f64>,
    /// `[risk][iteration]` occurred.
    pub(crate) occurred: Vec<bool>,
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The random stream of iteration `i`: independent of threads and chunking.
fn stream(seed: u64, i: usize) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(splitmix(seed) ^ splitmix(i as u64 ^ 0xA5A5_5A5A_0F0F_F0F0))
}

fn clamp_minutes(x: f64) -> i64 {
    if x.is_nan() {
        0
    } else {
        x.round().clamp(0.0, MAX_MINUTES as f64) as i64
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
    pub(crate) fn new(p: &'a Project, o: &SimulationOptions) -> Result<Self, SimulateError> {
        let net = Network::build(p)?;
        let n = net.n;
        // Start of the forward passes: the CPM's own (for schedule-from-finish projects,
        // the start the backward pass found).
        let mut ctx = Ctx::new(p, &net)?;
        let (pstart, _, _) = ctx.dates()?;
        drop(ctx);
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
            let s = match (summary, t.estimate) {
                (true, _) => Sampler::Const(0.0),
                (false, Some(e)) if e.distribution != Distribution::Fixed => tables.sampler(
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
            match p.tasks.keys().position(|k| *k == id) {
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
        let mut c = Compiled {
            p,
            net,
            n,
            samplers,
            uncertain,
            group_of,
            groups,
            risks,
            tables,
            rate,
            fixed_cost,
            has_cost,
            milestones,
            fast: None,
            pstart,
            sensitivity: o.sensitivity,
            seed: o.seed,
        };
        c.fast = c.build_fast()?;
        Ok(c)
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
        if !same_cal || elapsed {
            return Ok(None);
        }
        let mut ctx = Ctx::new(p, &self.net)?;
        let nodes = net.nodes();
        let mut kind = vec![LEAF; nodes];
        for (v, k) in kind.iter_mut().enumerate() {
            *k = if v >= net.n {
                OPEN
            } else if net.is_summary(v) {
                CLOSE
            } else {
                LEAF
            };
        }
        let ne = net.edges.len();
        let (mut e_from, mut e_code, mut e_lag, mut e_haslag, mut e_pct) = (
            Vec::with_capacity(ne),
            Vec::with_capacity(ne),
            Vec::with_capacity(ne),
            Vec::with_capacity(ne),
            Vec::with_capacity(ne),
        );
        for e in &net.edges {
            e_from.push(e.from);
            e_code.push(match e.kind {
                EdgeKind::Link(LinkKind::Fs) => FS,
                EdgeKind::Link(LinkKind::Ss) => SS,
                EdgeKind::Link(LinkKind::Ff) => FF,
                EdgeKind::Link(LinkKind::Sf) => SF,
                EdgeKind::Open => E_OPEN,
                EdgeKind::Close => E_CLOSE,
            });
            e_haslag.push(!e.lag.is_zero());
            match e.lag {
                Lag::Percent(pc) => {
                    e_pct.push(pc);
                    e_lag.push(0);
                }
                Lag::Working(d) | Lag::Elapsed(d) => {
                    e_pct.push(NO_PCT);
                    e_lag.push(d.as_minutes());
                }
            }
        }
        let tl = &mut ctx.tls[0];
        let mut cons = Vec::with_capacity(net.n);
        for t in p.tasks.values() {
            cons.push(match t.constraint.date() {
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
        let pstart_key = ceil_key(tl, self.pstart).map_err(|e| calendar_err_p(p, e))?;
        Ok(Some(Fast {
            kind,
            e_from,
            e_code,
            e_lag,
            e_haslag,
            e_pct,
            cons,
            pstart_key,
        }))
    }

    /// Runs iterations `first .. first + len`.
    pub(crate) fn run_chunk(&self, first: usize, len: usize) -> Result<ChunkOut, SimulateError> {
        let n = self.n;
        let nu = self.uncertain.len();
        let nr = self.risks.len();
        let nm = self.milestones.len();
        let mut out = ChunkOut {
            first,
            len,
            finish: Vec::with_capacity(len),
            base: Vec::with_capacity(if nr > 0 { len } else { 0 }),
            crit: vec![0; n],
            samples: if self.sensitivity {
                vec![0; nu * len]
            } else {
                vec![]
            },
            ms: vec![(0, 0); nm * len],
            cost: Vec::with_capacity(if self.has_cost { len } else { 0 }),
            occurred: vec![false; nr * len],
        };
        let mut w = Work {
            ctx: Ctx::new(self.p, &self.net)?,
            es: vec![0; self.net.nodes()],
            ef: vec![0; self.net.nodes()],
            stamp: vec![0; 3 * self.net.nodes()],
            epoch_no: 0,
            stack: vec![],
        };
        let ng = self.groups.len();
        let mut dur = vec![0i64; BLOCK * n];
        let mut rngs: Vec<Xoshiro256PlusPlus> = Vec::with_capacity(BLOCK);
        let mut zg = vec![0.0f64; BLOCK * ng];
        let mut rdelay = vec![-1i64; BLOCK * nr];
        let mut rcost = vec![0.0f64; BLOCK];
        let mut delayed = vec![0i64; n];
        let mut b0 = 0;
        while b0 < len {
            let bl = BLOCK.min(len - b0);
            rngs.clear();
            for b in 0..bl {
                rngs.push(stream(self.seed, first + b0 + b));
            }
            // Each iteration's stream: group factors, task durations in task order, risks.
            for g in 0..ng {
                for (b, rng) in rngs.iter_mut().enumerate() {
                    zg[b * ng + g] = normal_quantile(unit(rng.next_u64()).max(1e-300));
                }
            }
            for t in 0..n {
                let s = &self.samplers[t];
                if let Sampler::Const(v) = *s {
                    let m = clamp_minutes(v);
                    for b in 0..bl {
                        dur[b * n + t] = m;
                    }
                    continue;
                }
                let g = self.group_of[t];
                for (b, rng) in rngs.iter_mut().enumerate() {
                    let mut u = unit(rng.next_u64());
                    if g != NONE {
                        let (a, c) = self.groups[g as usize];
                        let z = a * zg[b * ng + g as usize] + c * normal_quantile(u.max(1e-300));
                        u = normal_cdf(z).min(1.0 - 1e-16);
                    }
                    dur[b * n + t] = clamp_minutes(self.tables.sample(s, u));
                }
            }
            for (b, rng) in rngs.iter_mut().enumerate() {
                rcost[b] = 0.0;
                for (r, risk) in self.risks.iter().enumerate() {
                    let (uo, ud, uc) = (
                        unit(rng.next_u64()),
                        unit(rng.next_u64()),
                        unit(rng.next_u64()),
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
            for b in 0..bl {
                let it = b0 + b;
                let d = &dur[b * n..(b + 1) * n];
                if self.sensitivity {
                    for (k, &t) in self.uncertain.iter().enumerate() {
                        out.samples[k * len + it] = d[t as usize] as i32;
                    }
                }
                let d = if nr > 0 {
                    out.base.push(self.pass(&mut w, d)?);
                    delayed.copy_from_slice(d);
                    for (r, risk) in self.risks.iter().enumerate() {
                        let x = rdelay[b * nr + r];
                        out.occurred[r * len + it] = x >= 0;
                        if x > 0 {
                            for &t in &risk.tasks {
                                let v = &mut delayed[t as usize];
                                *v = (*v + x).min(MAX_MINUTES);
                            }
                        }
                    }
                    &delayed[..]
                } else {
                    d
                };
                let f = self.pass(&mut w, d)?;
                out.finish.push(f);
                self.trace(&mut w, d, &mut out.crit)?;
                for (k, &m) in self.milestones.iter().enumerate() {
                    out.ms[k * len + it] = self.task_finish(&mut w, m as usize)?;
                }
                if self.has_cost {
                    let mut c = self.fixed_cost + rcost[b];
                    for (t, &r) in self.rate.iter().enumerate() {
                        if r != 0.0 {
                            c += r * d[t] as f64;
                        }
                    }
                    out.cost.push(c);
                }
            }
            b0 += bl;
        }
        Ok(out)
    }

    /// Percent lag in minutes from node `from` (the CPM's rounding).
    #[inline]
    fn pct_lag(&self, pc: i32, from: usize, d: &[i64], es: &[i64], ef: &[i64]) -> i64 {
        let t = self.net.node_task[from] as usize;
        let span = if self.net.is_summary(t) {
            (ef[t] >> 1) - (es[t] >> 1)
        } else {
            d[t]
        };
        let x = span * i64::from(pc);
        if x >= 0 {
            (x + 50) / 100
        } else {
            (x - 50) / 100
        }
    }

    /// The key bound edge `e` puts on the start of node `v` (fast kernel).
    #[inline]
    fn bound(&self, f: &Fast, e: usize, v: usize, d: &[i64], es: &[i64], ef: &[i64]) -> i64 {
        let from = f.e_from[e] as usize;
        let code = f.e_code[e];
        let mut base = match code {
            FS | FF => ef[from],
            _ => es[from],
        };
        if code < E_OPEN {
            if f.e_haslag[e] {
                let lag = if f.e_pct[e] != NO_PCT {
                    self.pct_lag(f.e_pct[e], from, d, es, ef)
                } else {
                    f.e_lag[e]
                };
                base = 2 * ((base >> 1) + lag);
            }
            if (code == FF || code == SF) && f.kind[v] == LEAF {
                let dv = d[v];
                if dv > 0 {
                    base = 2 * ((base >> 1) - dv) + 1;
                }
            }
        }
        base
    }

    /// One forward pass; returns the project finish (minutes since the epoch, working index).
    fn pass(&self, w: &mut Work<'_>, d: &[i64]) -> Result<(i64, i64), SimulateError> {
        let Some(f) = &self.fast else {
            let ctx = &mut w.ctx;
            ctx.dur.copy_from_slice(d);
            ctx.warnings.clear();
            ctx.forward(self.pstart)?;
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
            return Ok((fin, wi));
        };
        let net = &self.net;
        let (es, ef) = (&mut w.es, &mut w.ef);
        let mut fin = i64::MIN;
        for &v in &net.topo {
            let v = v as usize;
            let ins = net.in_start[v] as usize..net.in_start[v + 1] as usize;
            if f.kind[v] == CLOSE {
                let (mut a, mut z) = (i64::MAX, i64::MIN);
                for &e in &net.in_edges[ins] {
                    let c = f.e_from[e as usize] as usize;
                    a = a.min(es[c]);
                    z = z.max(ef[c]);
                }
                es[v] = a;
                ef[v] = z;
                continue;
            }
            let mut b = f.pstart_key;
            for &e in &net.in_edges[ins] {
                b = b.max(self.bound(f, e as usize, v, d, es, ef));
            }
            let ti = net.node_task[v] as usize;
            if f.kind[v] == OPEN {
                if let Some(c) = f.cons[ti] {
                    if matches!(c.kind, Constraint::Snet(_)) {
                        b = b.max(c.key);
                    }
                }
                es[v] = b;
                ef[v] = b;
                continue;
            }
            let dv = d[v];
            if let Some(c) = f.cons[ti] {
                let from_finish = |dv: i64| if dv == 0 { c.key } else { 2 * (c.w - dv) + 1 };
                match c.kind {
                    Constraint::Snet(_) => b = b.max(c.key),
                    Constraint::Fnet(_) => b = b.max(from_finish(dv)),
                    Constraint::Mso(_) => b = c.key,
                    Constraint::Snlt(_) => {
                        if (b >> 1) > c.w {
                            b = c.key;
                        }
                    }
                    Constraint::Mfo(_) => b = from_finish(dv),
                    Constraint::Fnlt(_) => {
                        let s = from_finish(dv);
                        if (b >> 1) > (s >> 1) {
                            b = s;
                        }
                    }
                    Constraint::Asap | Constraint::Alap => {}
                }
            }
            if dv > 0 {
                let wb = b >> 1;
                es[v] = 2 * wb + 1;
                ef[v] = 2 * (wb + dv);
            } else {
                es[v] = b;
                ef[v] = b;
            }
            fin = fin.max(ef[v]);
        }
        if fin == i64::MIN {
            fin = f.pstart_key;
        }
        let tl = &mut w.ctx.tls[0];
        let abs = key_to_abs(tl, fin).map_err(|e| calendar_err_p(self.p, e))?;
        Ok((abs, fin >> 1))
    }

    /// A leaf's finish after [`pass`](Self::pass): minutes since the epoch and working index.
    fn task_finish(&self, w: &mut Work<'_>, t: usize) -> Result<(i64, i64), SimulateError> {
        if self.fast.is_some() {
            let k = w.ef[t];
            let tl = &mut w.ctx.tls[0];
            let abs = key_to_abs(tl, k).map_err(|e| calendar_err_p(self.p, e))?;
            return Ok((abs, k >> 1));
        }
        let ctx = &mut w.ctx;
        let f = ctx.ef[t];
        let wi = ctx.tls[0].work_at(f).map_err(|e| ctx.cal_err(t, e))?;
        Ok((f, wi))
    }

    /// Marks the leaves on a chain of tight links that ends at the project finish.
    fn trace(&self, w: &mut Work<'_>, d: &[i64], crit: &mut [u32]) -> Result<(), SimulateError> {
        let net = &self.net;
        let n = self.n;
        w.epoch_no = w.epoch_no.wrapping_add(1);
        if w.epoch_no == 0 {
            w.stamp.fill(0);
            w.epoch_no = 1;
        }
        let epoch_no = w.epoch_no;
        let nodes = net.nodes();
        // Comparable values: working index on the project calendar (fast) or per task calendar.
        let fin = match &self.fast {
            Some(_) => (0..n)
                .filter(|&t| !net.is_summary(t))
                .map(|t| w.ef[t] >> 1)
                .max(),
            None => {
                let mut m = None;
                for t in (0..n).filter(|&t| !net.is_summary(t)) {
                    let x = w.ctx.tls[0]
                        .work_at(w.ctx.ef[t])
                        .map_err(|e| w.ctx.cal_err(t, e))?;
                    m = Some(m.map_or(x, |y: i64| y.max(x)));
                }
                m
            }
        };
        let Some(fin) = fin else { return Ok(()) };
        w.stack.clear();
        for t in 0..n {
            if net.is_summary(t) {
                continue;
            }
            let x = match &self.fast {
                Some(_) => w.ef[t] >> 1,
                None => w.ctx.tls[0]
                    .work_at(w.ctx.ef[t])
                    .map_err(|e| w.ctx.cal_err(t, e))?,
            };
            if x == fin {
                w.stack.push((t as u32, 0));
            }
        }
        while let Some((v, mode)) = w.stack.pop() {
            let v = v as usize;
            let slot = usize::from(mode) * nodes + v;
            if w.stamp[slot] == epoch_no {
                continue;
            }
            w.stamp[slot] = epoch_no;
            let ins = net.in_start[v] as usize..net.in_start[v + 1] as usize;
            if mode > 0 {
                // A summary reached as predecessor: children that set its start or finish.
                for i in ins {
                    let c = net.edges[net.in_edges[i] as usize].from as usize;
                    let hit = match &self.fast {
                        Some(_) if mode == 1 => w.ef[c] >> 1 == w.ef[v] >> 1,
                        Some(_) => w.es[c] >> 1 == w.es[v] >> 1,
                        None if mode == 1 => w.ctx.ef[c] == w.ctx.ef[v],
                        None => w.ctx.es[c] == w.ctx.es[v],
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
                let tight = match &self.fast {
                    Some(f) => (self.bound(f, e, v, d, &w.es, &w.ef) >> 1) == (w.es[v] >> 1),
                    None => {
                        let b = w.ctx.edge_start_bound(e as u32, v)?;
                        if v >= n {
                            b == w.ctx.es[v]
                        } else {
                            let k = w.ctx.task_tl[v] as usize;
                            let (es_v, t) = (w.ctx.es[v], &mut w.ctx.tls[k]);
                            let r = t.work_at(b).and_then(|x| Ok(x == t.work_at(es_v)?));
                            r.map_err(|er| w.ctx.cal_err(v, er))?
                        }
                    }
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

/// Per-thread scratch space.
struct Work<'a> {
    ctx: Ctx<'a>,
    es: Vec<i64>,
    ef: Vec<i64>,
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

fn calendar_err_p(_p: &Project, source: crate::calendar::CalendarError) -> SimulateError {
    SimulateError::Schedule(ScheduleError::Calendar {
        task: crate::TaskId(0),
        name: String::new(),
        source,
    })
}
