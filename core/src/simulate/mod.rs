//! Schedule and cost risk: analytic PERT and calendar-exact Monte Carlo simulation.
//!
//! [`simulate`] runs N iterations; each samples every task's duration from its
//! [`Estimate`](crate::Estimate) and runs a full CPM forward pass over the compact
//! array form of the network, honouring every link type, lag, constraint, summary and
//! calendar. Iteration `i` draws from its own random stream derived from the seed, so
//! the report is byte-identical for any thread count. [`pert`] gives the classic
//! analytic PERT numbers.
//!
//! # Example
//! ```
//! use chrono::NaiveDate;
//! use planix::{Duration, Estimate, Project, Task};
//! use planix::simulate::{simulate, SimulationOptions};
//!
//! let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
//! let mut p = Project::new("Portal", start);
//! let d = |n| Duration::from_days(n, 480);
//! let a = p.add_task(Task::new("Design").with_duration(d(3)).with_estimate(Estimate::pert(d(2), d(3), d(6))))?;
//! let b = p.add_task(Task::new("Build").with_duration(d(5)).with_estimate(Estimate::pert(d(4), d(5), d(10))))?;
//! p.link(a, b)?;
//! let r = simulate(&p, &SimulationOptions::new(2_000, 42))?;
//! assert!(r.percentile(80.0) > r.planned_finish);
//! assert_eq!(r.task(a).unwrap().criticality, 1.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod engine;
mod error;
mod options;
mod pert;
mod report;
mod sampler;

use chrono::NaiveDateTime;

pub use error::SimulateError;
pub use options::{CorrelationGroup, CostEstimate, RiskEvent, SimulationOptions, TaskDistribution};
pub use pert::{Pert, PertMoments, PertTask, pert};
pub use report::{
    CostDistribution, DateDistribution, DatePercentile, HistogramBin, MilestoneStats, RiskStats,
    SimulationReport, TaskStats, ValuePercentile,
};

use crate::calendar::Duration;
use crate::model::{Project, TaskKind};
use crate::schedule::cpm::Ctx;
use engine::{ChunkOut, Compiled};

/// Most iterations accepted.
pub const MAX_ITERATIONS: usize = 10_000_000;

/// Most quantiles of one [`TaskDistribution`].
pub const MAX_QUANTILES: usize = 10_001;

/// Most sampled durations kept for sensitivity (4 bytes each: 128 MiB). Sensitivity uses
/// the first `SENSITIVITY_CELLS / uncertain tasks` iterations when all of them would not
/// fit (at least [`MIN_SENSITIVITY_ITERATIONS`]); every other statistic uses every
/// iteration. The report says how many in `sensitivity_iterations`.
pub const SENSITIVITY_CELLS: usize = 1 << 25;

/// Fewest iterations a sensitivity estimate is made from (Spearman's ρ then has a
/// standard error of about 0.03).
pub const MIN_SENSITIVITY_ITERATIONS: usize = 1_000;

/// Most memory a simulation's per-iteration results may take (finish, finish without
/// risks, cost, milestone finishes and risk occurrences of every iteration, plus the
/// sensitivity samples): 2 GiB. Past it, [`SimulateError::LimitExceeded`].
pub const MAX_RESULT_BYTES: u64 = 2 << 30;

/// The iterations kept for sensitivity with `uncertain` uncertain tasks.
pub(crate) fn sensitivity_iterations(iterations: usize, uncertain: usize) -> usize {
    iterations.min((SENSITIVITY_CELLS / uncertain.max(1)).max(MIN_SENSITIVITY_ITERATIONS))
}

/// The bytes of per-iteration results a run keeps (see [`MAX_RESULT_BYTES`]).
fn result_bytes(o: &SimulationOptions, uncertain: usize, milestones: usize) -> u64 {
    let it = o.iterations as u64;
    let risks = o.risks.len() as u64;
    // finish (16) + its sorted copy (8) + without risks (16 + 8) + cost (8 + 8).
    let per_iteration = 24 + if risks > 0 { 24 } else { 0 } + 16 + 16 * milestones as u64 + risks;
    let sens = if o.sensitivity {
        sensitivity_iterations(o.iterations, uncertain) as u64 * uncertain as u64 * 4
    } else {
        0
    };
    it.saturating_mul(per_iteration).saturating_add(sens)
}

fn check(o: &SimulationOptions) -> Result<(), SimulateError> {
    if o.iterations == 0 || o.iterations > MAX_ITERATIONS {
        return Err(SimulateError::InvalidOption(format!(
            "iterations must be in 1..={MAX_ITERATIONS}, got {}",
            o.iterations
        )));
    }
    if let Some(p) = o.percentiles.iter().find(|p| !(**p > 0.0 && **p <= 100.0)) {
        return Err(SimulateError::InvalidOption(format!(
            "percentiles must be in (0, 100], got {p}"
        )));
    }
    for d in &o.durations {
        let q = &d.quantiles;
        let bad = if q.len() < 2 || q.len() > MAX_QUANTILES {
            Some(format!("{} quantiles (2 to {MAX_QUANTILES})", q.len()))
        } else if let Some(x) = q
            .iter()
            .find(|x| !(0..=crate::model::MAX_MINUTES).contains(&x.as_minutes()))
        {
            Some(format!("a quantile of {} minutes", x.as_minutes()))
        } else if q.windows(2).any(|w| w[1] < w[0]) {
            Some("quantiles that decrease".to_string())
        } else {
            None
        };
        if let Some(why) = bad {
            return Err(SimulateError::InvalidOption(format!(
                "durations: {} has {why}",
                d.task
            )));
        }
    }
    if o.histogram_bins == 0 || o.histogram_bins > 10_000 {
        return Err(SimulateError::InvalidOption(format!(
            "histogram_bins must be in 1..=10000, got {}",
            o.histogram_bins
        )));
    }
    Ok(())
}

/// Runs a Monte Carlo simulation of the project's schedule and cost.
///
/// Each iteration samples every leaf task's duration from its estimate (tasks without
/// one, or with the `Fixed` distribution, keep their planned duration), applies the risk
/// events that occur, and runs the CPM forward pass. See [`SimulationReport`] for what is
/// measured. Native builds with the default `parallel` feature spread iterations over all
/// cores; the result does not depend on the thread count.
///
/// # Errors
/// [`SimulateError::InvalidOption`] for out-of-range options, [`SimulateError::UnknownTask`]
/// or [`SimulateError::SummaryTask`] for bad task ids in groups or events, and the CPM's
/// errors (cycle, dates out of range). The project is never modified.
///
/// # Complexity
/// O(N · (|T| + |D|)) time; O(N · (uncertain tasks + milestones)) memory.
pub fn simulate(
    project: &Project,
    options: &SimulationOptions,
) -> Result<SimulationReport, SimulateError> {
    check(options)?;
    let plan = crate::schedule::cpm(project, &crate::schedule::CpmOptions::new())?;
    let epoch = match project.schedule_from() {
        crate::ScheduleFrom::Start(d) | crate::ScheduleFrom::Finish(d) => {
            d.date().and_time(chrono::NaiveTime::MIN)
        }
    };
    let pstart = plan.start().signed_duration_since(epoch).num_minutes();
    let c = Compiled::new(project, options, pstart)?;
    let bytes = result_bytes(options, c.uncertain.len(), c.milestones.len());
    if bytes > MAX_RESULT_BYTES {
        return Err(SimulateError::LimitExceeded {
            bytes,
            limit: MAX_RESULT_BYTES,
            milestones: c.milestones.len(),
            iterations: options.iterations,
        });
    }
    let n_iter = options.iterations;
    let chunks: Vec<(usize, usize)> = (0..n_iter)
        .step_by(CHUNK)
        .map(|f| (f, CHUNK.min(n_iter - f)))
        .collect();
    let watch = Watch {
        hook: options.watch.as_ref(),
        done: std::sync::Mutex::new(0),
        stop: std::sync::atomic::AtomicBool::new(false),
        total: n_iter as u64,
    };
    let outs: Vec<ChunkOut> = run_chunks(&c, &chunks, &watch)?;
    if watch.stop.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(SimulateError::Cancelled {
            done: *watch
                .done
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) as usize,
        });
    }
    let mut report = build_report(project, options, &c, &plan, outs)?;
    if options.resource_constrained {
        // The same iterations without the limits: the plain run with the same seed draws
        // the same durations and events (its fast kernel when the plan allows).
        let mut free = options.clone();
        free.resource_constrained = false;
        free.sensitivity = false;
        free.watch = None;
        report.finish_without_resource_limits = Some(simulate(project, &free)?.finish);
    }
    Ok(report)
}

const CHUNK: usize = 256;

/// Progress of a run, shared by the chunks (threads).
struct Watch<'a> {
    hook: Option<&'a crate::Watch>,
    /// Iterations reported; the lock makes the hook see one report at a time, in
    /// increasing order (chunks finish on several threads).
    done: std::sync::Mutex<u64>,
    stop: std::sync::atomic::AtomicBool,
    total: u64,
}

impl Watch<'_> {
    /// Runs one chunk unless the run was stopped, then reports it.
    fn chunk(&self, c: &Compiled<'_>, f: usize, l: usize) -> Result<ChunkOut, SimulateError> {
        use std::sync::atomic::Ordering;
        if self.stop.load(Ordering::Relaxed) {
            return Ok(ChunkOut::default());
        }
        let out = c.run_chunk(f, l)?;
        if let Some(h) = self.hook {
            let mut done = self
                .done
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *done += l as u64;
            if !h.tick(*done, self.total) {
                self.stop.store(true, Ordering::Relaxed);
            }
        }
        Ok(out)
    }
}

#[cfg(feature = "parallel")]
fn run_chunks(
    c: &Compiled<'_>,
    chunks: &[(usize, usize)],
    w: &Watch<'_>,
) -> Result<Vec<ChunkOut>, SimulateError> {
    use rayon::prelude::*;
    chunks.par_iter().map(|&(f, l)| w.chunk(c, f, l)).collect()
}

#[cfg(not(feature = "parallel"))]
fn run_chunks(
    c: &Compiled<'_>,
    chunks: &[(usize, usize)],
    w: &Watch<'_>,
) -> Result<Vec<ChunkOut>, SimulateError> {
    chunks.iter().map(|&(f, l)| w.chunk(c, f, l)).collect()
}

fn mean_sd(xs: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let (mut n, mut s) = (0usize, 0.0);
    for x in xs.clone() {
        n += 1;
        s += x;
    }
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = s / n as f64;
    let mut v = 0.0;
    for x in xs {
        v += (x - mean) * (x - mean);
    }
    let sd = if n > 1 {
        (v / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    (mean, sd)
}

/// Average ranks (1-based, ties averaged) of `xs`.
fn ranks(xs: &[i64]) -> Vec<f64> {
    let n = xs.len();
    let mut out = vec![0.0; n];
    let (lo, hi) = xs
        .iter()
        .fold((i64::MAX, i64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    if n == 0 {
        return out;
    }
    let range = (hi - lo) as u128 + 1;
    if range <= (4 * n as u128).max(1024) {
        // Counting sort.
        let r = range as usize;
        let mut cnt = vec![0u32; r + 1];
        for &x in xs {
            cnt[(x - lo) as usize + 1] += 1;
        }
        let mut avg = vec![0.0; r];
        let mut cum = 0u64;
        for v in 0..r {
            let c = u64::from(cnt[v + 1]);
            avg[v] = cum as f64 + (c as f64 + 1.0) / 2.0;
            cum += c;
        }
        for (o, &x) in out.iter_mut().zip(xs) {
            *o = avg[(x - lo) as usize];
        }
        return out;
    }
    let mut idx: Vec<u32> = (0..n as u32).collect();
    idx.sort_unstable_by_key(|&i| (xs[i as usize], i));
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && xs[idx[j + 1] as usize] == xs[idx[i] as usize] {
            j += 1;
        }
        let r = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            out[idx[k] as usize] = r;
        }
        i = j + 1;
    }
    out
}

/// Pearson correlation of `x` (ranks) with `y` (ranks, mean `my`, centred sum of squares `syy`).
/// Spearman correlation of a task's durations (the concatenated `cols`, one value per
/// iteration) with the finish ranks (`yc`: centred on their mean `my`, centred sum of
/// squares `syy`), plus the mean and standard deviation of the durations. Ties get
/// average ranks. With a small value range (minutes of one task: the usual case) one pass
/// histograms the counts and the finish ranks per value, and the ranks come from the
/// running count: O(N + range) with no sort.
fn spearman_cols(
    cols: &[&[i32]],
    yc: &[f64],
    my: f64,
    syy: f64,
    buf: &mut (Vec<u32>, Vec<f64>),
) -> (f64, f64, f64) {
    let n: usize = cols.iter().map(|c| c.len()).sum();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let (mut lo, mut hi, mut sum) = (i32::MAX, i32::MIN, 0i64);
    for c in cols {
        for &x in *c {
            lo = lo.min(x);
            hi = hi.max(x);
            sum += i64::from(x);
        }
    }
    let mean = sum as f64 / n as f64;
    let sd_of = |ss: f64| {
        if n > 1 {
            (ss / (n - 1) as f64).sqrt()
        } else {
            0.0
        }
    };
    let range = (i64::from(hi) - i64::from(lo)) as usize + 1;
    if hi == lo || syy <= 0.0 || range > 2 * n + 64 {
        let mut ss = 0.0;
        for c in cols {
            for &x in *c {
                let dx = f64::from(x) - mean;
                ss += dx * dx;
            }
        }
        let sd = sd_of(ss);
        if hi == lo || syy <= 0.0 {
            return (0.0, mean, sd);
        }
        return (spearman_sparse(cols, yc, my, syy, lo, range, n), mean, sd);
    }
    let (cnt, sy) = buf;
    cnt.clear();
    cnt.resize(range, 0);
    sy.clear();
    sy.resize(range, 0.0);
    let mut i = 0;
    for c in cols {
        for &x in *c {
            let v = (x - lo) as usize;
            cnt[v] += 1;
            sy[v] += yc[i];
            i += 1;
        }
    }
    // Average rank of value v: (number below) + (count + 1) / 2.
    // The variance comes from the histogram too: Σ count(v)·(v − mean)².
    let (mut below, mut sxy, mut sxx, mut ss) = (0u64, 0.0, 0.0, 0.0);
    for (v, (&c, &y)) in cnt.iter().zip(sy.iter()).enumerate() {
        if c == 0 {
            continue;
        }
        let cf = f64::from(c);
        let rc = below as f64 + (cf + 1.0) / 2.0 - my;
        sxy += rc * y;
        sxx += cf * rc * rc;
        let dx = f64::from(lo) + v as f64 - mean;
        ss += cf * dx * dx;
        below += u64::from(c);
    }
    let sd = sd_of(ss);
    let rho = if sxx <= 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    };
    (rho, mean, sd)
}

/// Spearman's ρ when the value range is wide compared with the sample count: a bucket
/// sort on the high bits of the value (about one value per bucket), exact order inside
/// each bucket, then tie groups in order. O(N) expected.
fn spearman_sparse(
    cols: &[&[i32]],
    yc: &[f64],
    my: f64,
    syy: f64,
    lo: i32,
    range: usize,
    n: usize,
) -> f64 {
    let mut shift = 0u32;
    while (range - 1) >> shift >= n.max(1) {
        shift += 1;
    }
    let buckets = ((range - 1) >> shift) + 1;
    let mut start = vec![0u32; buckets + 1];
    for c in cols {
        for &x in *c {
            start[((x - lo) as usize >> shift) + 1] += 1;
        }
    }
    for b in 1..=buckets {
        start[b] += start[b - 1];
    }
    let mut order: Vec<(i32, f64)> = vec![(0, 0.0); n];
    let mut fill = start.clone();
    let mut i = 0;
    for c in cols {
        for &x in *c {
            let b = (x - lo) as usize >> shift;
            order[fill[b] as usize] = (x, yc[i]);
            fill[b] += 1;
            i += 1;
        }
    }
    for b in 0..buckets {
        let s = &mut order[start[b] as usize..start[b + 1] as usize];
        if s.len() > 1 {
            s.sort_unstable_by_key(|p| p.0);
        }
    }
    let (mut sxy, mut sxx) = (0.0, 0.0);
    let mut k = 0;
    while k < n {
        let mut j = k;
        let mut ysum = 0.0;
        while j < n && order[j].0 == order[k].0 {
            ysum += order[j].1;
            j += 1;
        }
        let c = (j - k) as f64;
        let rc = k as f64 + (c + 1.0) / 2.0 - my;
        sxy += rc * ysum;
        sxx += c * rc * rc;
        k = j;
    }
    if sxx <= 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

#[cfg(test)]
fn pearson(x: &[f64], y: &[f64], my: f64, syy: f64) -> f64 {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

fn date_dist(
    ctx: &mut Ctx<'_>,
    epoch: NaiveDateTime,
    samples: &[(i64, i64)],
    percentiles: &[f64],
    bins: usize,
) -> Result<DateDistribution, SimulateError> {
    let mut sorted: Vec<i64> = samples.iter().map(|s| s.0).collect();
    sorted.sort_unstable();
    let (mw, sw) = mean_sd(samples.iter().map(|s| s.1 as f64));
    let tl = &mut ctx.tls[0];
    let mean_abs = tl
        .finish_at(mw.round() as i64)
        .map_err(|e| SimulateError::OutOfRange {
            what: "the mean simulated finish".into(),
            source: e,
        })?;
    let at = |m: i64| {
        epoch
            .checked_add_signed(chrono::TimeDelta::minutes(m))
            .unwrap_or(epoch)
    };
    let n = sorted.len();
    let (lo, hi) = (sorted[0], sorted[n - 1]);
    let mut histogram = vec![];
    if bins > 0 {
        let width = ((hi - lo) / bins as i64 + 1).max(1);
        let mut cum = 0usize;
        let mut k = 0usize;
        for b in 0..bins as i64 {
            let (s, e) = (lo + b * width, lo + (b + 1) * width);
            if s > hi {
                break;
            }
            let start_k = k;
            while k < n && sorted[k] < e {
                k += 1;
            }
            cum += k - start_k;
            histogram.push(HistogramBin {
                start: at(s),
                end: at(e),
                count: k - start_k,
                cumulative: cum as f64 / n as f64,
            });
        }
    }
    let mut d = DateDistribution {
        epoch,
        sorted,
        // The mean working instant, shown in the samples' range (a finish at the start of a
        // day, e.g. a project with no work, must not show as the previous evening).
        mean: at(mean_abs.clamp(lo, hi)),
        std_dev: Duration::minutes(sw.round() as i64),
        min: at(lo),
        max: at(hi),
        percentiles: vec![],
        histogram,
    };
    d.percentiles = percentiles
        .iter()
        .map(|&p| DatePercentile {
            p,
            date: d.percentile(p),
        })
        .collect();
    Ok(d)
}

fn build_report(
    p: &Project,
    o: &SimulationOptions,
    c: &Compiled<'_>,
    plan: &crate::Schedule,
    outs: Vec<ChunkOut>,
) -> Result<SimulationReport, SimulateError> {
    let n_iter = o.iterations;
    let n = c.n;
    let mut finish = Vec::with_capacity(n_iter);
    let mut base = vec![];
    let mut crit = vec![0u64; n];
    let nu = c.uncertain.len();
    let nm = c.milestones.len();
    let nr = o.risks.len();
    let mut ms = vec![(0i64, 0i64); nm * n_iter];
    let mut cost = vec![];
    let mut occurred = vec![false; nr * n_iter];
    for ch in &outs {
        finish.extend_from_slice(&ch.finish);
        base.extend_from_slice(&ch.base);
        cost.extend_from_slice(&ch.cost);
        for (a, b) in crit.iter_mut().zip(&ch.crit) {
            *a += u64::from(*b);
        }
        for k in 0..nm {
            ms[k * n_iter + ch.first..k * n_iter + ch.first + ch.len]
                .copy_from_slice(&ch.ms[k * ch.len..(k + 1) * ch.len]);
        }
        for r in 0..nr {
            occurred[r * n_iter + ch.first..r * n_iter + ch.first + ch.len]
                .copy_from_slice(&ch.occurred[r * ch.len..(r + 1) * ch.len]);
        }
    }
    let mut ctx = c.ctx()?;
    let epoch = ctx.epoch;
    let fin_dist = date_dist(&mut ctx, epoch, &finish, &o.percentiles, o.histogram_bins)?;
    let base_dist = if nr > 0 {
        Some(date_dist(
            &mut ctx,
            epoch,
            &base,
            &o.percentiles,
            o.histogram_bins,
        )?)
    } else {
        None
    };
    // Sensitivity: Spearman correlation of each uncertain task's duration with the finish.
    // (Over the first `sens_iters` iterations, whose durations were kept.)
    let fin_w: Vec<i64> = finish[..c.sens_iters].iter().map(|f| f.1).collect();
    let fin_rank = ranks(&fin_w);
    let my = (c.sens_iters as f64 + 1.0) / 2.0;
    let syy: f64 = fin_rank.iter().map(|r| (r - my) * (r - my)).sum();
    // Per uncertain task: (Spearman ρ, mean, σ) from its column, gathered from the chunks.
    let yc: Vec<f64> = fin_rank.iter().map(|r| r - my).collect();
    let sens_col = |buf: &mut (Vec<u32>, Vec<f64>), k: usize| -> (f64, f64, f64) {
        let cols: Vec<&[i32]> = outs
            .iter()
            .map(|ch| &ch.samples[k * ch.slen..(k + 1) * ch.slen])
            .collect();
        spearman_cols(&cols, &yc, my, syy, buf)
    };
    #[cfg(feature = "parallel")]
    let sens: Vec<(f64, f64, f64)> = if c.sensitivity {
        use rayon::prelude::*;
        (0..nu)
            .into_par_iter()
            .map_init(|| (Vec::new(), Vec::new()), sens_col)
            .collect()
    } else {
        vec![]
    };
    #[cfg(not(feature = "parallel"))]
    let sens: Vec<(f64, f64, f64)> = if c.sensitivity {
        let mut buf = (Vec::new(), Vec::new());
        (0..nu).map(|k| sens_col(&mut buf, k)).collect()
    } else {
        vec![]
    };
    drop(outs);
    let mut col_of = vec![usize::MAX; n];
    for (k, &t) in c.uncertain.iter().enumerate() {
        col_of[t as usize] = k;
    }
    let mut tasks = vec![];
    for (i, t) in p.tasks.values().enumerate() {
        if c.net.is_summary(i) {
            continue;
        }
        let k = col_of[i];
        let (mean, sd) = if k != usize::MAX && c.sensitivity {
            (sens[k].1, sens[k].2)
        } else if k != usize::MAX {
            t.estimate.map_or((0.0, 0.0), |e| e.moments())
        } else {
            (t.duration.as_minutes() as f64, 0.0)
        };
        tasks.push(TaskStats {
            task: t.id(),
            name: t.name.clone(),
            kind: if t.milestone || t.duration.as_minutes() == 0 {
                TaskKind::Milestone
            } else {
                TaskKind::Task
            },
            mean_duration: Duration::minutes(mean.round() as i64),
            std_dev_duration: Duration::minutes(sd.round() as i64),
            criticality: crit[i] as f64 / n_iter as f64,
            sensitivity: if !c.sensitivity {
                None
            } else if k == usize::MAX {
                Some(0.0)
            } else {
                Some(sens[k].0)
            },
        });
    }
    let mut milestones = vec![];
    for (k, &m) in c.milestones.iter().enumerate() {
        let t = &p.tasks[&c.net.ids[m as usize]];
        let d = date_dist(
            &mut ctx,
            epoch,
            &ms[k * n_iter..(k + 1) * n_iter],
            &o.percentiles,
            0,
        )?;
        let planned = plan.task(t.id()).map_or(plan.finish(), |s| s.finish());
        milestones.push(MilestoneStats {
            task: t.id(),
            name: t.name.clone(),
            planned,
            deadline: t.deadline,
            probability_by_deadline: t.deadline.map(|dl| d.probability_by(dl)),
            probability_by_planned: d.probability_by(planned),
            finish: d,
        });
    }
    let cost_dist = if c.has_cost {
        let (mean, std_dev) = mean_sd(cost.iter().copied());
        let mut sorted = cost;
        sorted.sort_unstable_by(f64::total_cmp);
        let planned = p
            .tasks
            .values()
            .enumerate()
            .filter(|(i, _)| !c.net.is_summary(*i))
            .map(|(_, t)| t.cost_for(t.duration.as_minutes()))
            .sum();
        let mut cd = CostDistribution {
            sorted,
            planned,
            mean,
            std_dev,
            percentiles: vec![],
        };
        cd.percentiles = o
            .percentiles
            .iter()
            .map(|&q| ValuePercentile {
                p: q,
                value: cd.percentile(q),
            })
            .collect();
        Some(cd)
    } else {
        None
    };
    let mut risks = vec![];
    for (r, ev) in o.risks.iter().enumerate() {
        let occ = &occurred[r * n_iter..(r + 1) * n_iter];
        let hits = occ.iter().filter(|x| **x).count();
        let shift = if hits == 0 || hits == n_iter {
            None
        } else {
            let (mut a, mut b) = (0.0, 0.0);
            for (i, &h) in occ.iter().enumerate() {
                if h {
                    a += finish[i].1 as f64;
                } else {
                    b += finish[i].1 as f64;
                }
            }
            let d = a / hits as f64 - b / (n_iter - hits) as f64;
            Some(Duration::minutes(d.round() as i64))
        };
        risks.push(RiskStats {
            id: ev.id.clone(),
            occurred: hits as f64 / n_iter as f64,
            mean_finish_shift: shift,
        });
    }
    Ok(SimulationReport {
        iterations: n_iter,
        sensitivity_iterations: (c.sensitivity && c.sens_iters < n_iter).then_some(c.sens_iters),
        seed: o.seed,
        start: plan.start(),
        planned_finish: plan.finish(),
        probability_by_planned: fin_dist.probability_by(plan.finish()),
        target: o.target,
        target_probability: o.target.map(|t| fin_dist.probability_by(t)),
        finish: fin_dist,
        finish_without_risks: base_dist,
        finish_without_resource_limits: None,
        tasks,
        milestones,
        cost: cost_dist,
        risks,
        minutes_per_day: p.project_calendar().minutes_per_day(),
        kernel: if c.is_fast() { "fast" } else { "general" },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitivity_keeps_every_iteration_until_the_cells_run_out() {
        assert_eq!(sensitivity_iterations(10_000, 1_000), 10_000);
        // 2,000 uncertain tasks × 10^7 iterations would be 80 GB: 16,777 iterations kept.
        assert_eq!(sensitivity_iterations(10_000_000, 2_000), (1 << 25) / 2_000);
        assert_eq!(
            sensitivity_iterations(10_000_000, 10_000_000),
            MIN_SENSITIVITY_ITERATIONS
        );
        assert_eq!(sensitivity_iterations(500, 10_000_000), 500);
    }

    /// Sensitivity from the first iterations only: the same estimator on a prefix, so
    /// its ρ is close to the full run's (here within 0.05 on 2,000 of 20,000).
    #[test]
    fn sensitivity_on_a_prefix_of_the_iterations_is_close_to_the_full_run() {
        use crate::{Duration, Estimate, Project, Task};
        let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .unwrap_or_default();
        let mut p = Project::new("p", start);
        let d = |n| Duration::from_days(n, 480);
        let mut prev = None;
        for (k, (o, m, pe)) in [(2, 3, 9), (1, 2, 3), (4, 5, 12)].into_iter().enumerate() {
            let t = p
                .add_task(
                    Task::new(format!("T{k}"))
                        .with_duration(d(m))
                        .with_estimate(Estimate::pert(d(o), d(m), d(pe))),
                )
                .unwrap_or_default();
            if let Some(a) = prev {
                p.link(a, t).unwrap_or_default();
            }
            prev = Some(t);
        }
        let o = SimulationOptions::new(20_000, 3);
        let full = simulate(&p, &o).unwrap_or_else(|e| unreachable!("{e}"));
        let plan = p.schedule().unwrap_or_else(|e| unreachable!("{e}"));
        let epoch = start.date().and_time(chrono::NaiveTime::MIN);
        let pstart = plan.start().signed_duration_since(epoch).num_minutes();
        let mut c = Compiled::new(&p, &o, pstart).unwrap_or_else(|e| unreachable!("{e}"));
        c.sens_iters = 2_000;
        let chunks: Vec<(usize, usize)> = (0..20_000)
            .step_by(CHUNK)
            .map(|f| (f, CHUNK.min(20_000 - f)))
            .collect();
        let w = Watch {
            hook: None,
            done: std::sync::Mutex::new(0),
            stop: std::sync::atomic::AtomicBool::new(false),
            total: 20_000,
        };
        let outs = run_chunks(&c, &chunks, &w).unwrap_or_else(|e| unreachable!("{e}"));
        let part = build_report(&p, &o, &c, &plan, outs).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(part.sensitivity_iterations, Some(2_000));
        assert_eq!(full.sensitivity_iterations, None);
        assert_eq!(part.finish, full.finish);
        for (a, b) in part.tasks.iter().zip(&full.tasks) {
            let (a, b) = (a.sensitivity.unwrap_or(0.0), b.sensitivity.unwrap_or(0.0));
            assert!((a - b).abs() < 0.05, "{a} vs {b}");
            assert!(b > 0.2, "{b}");
        }
    }

    /// The histogram form of Spearman's ρ equals Pearson's r of tie-averaged ranks.
    #[test]
    fn spearman_cols_matches_ranks_then_pearson() {
        let mut z = 7u64;
        let mut next = |m: u64| {
            z = z
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (z >> 33) % m
        };
        let n = 5_000;
        let xs: Vec<i32> = (0..n).map(|_| next(300) as i32 + 1000).collect();
        let fin: Vec<i64> = xs
            .iter()
            .map(|&x| i64::from(x) * 3 + next(900) as i64)
            .collect();
        let y = ranks(&fin);
        let my = (n as f64 + 1.0) / 2.0;
        let syy: f64 = y.iter().map(|r| (r - my) * (r - my)).sum();
        let yc: Vec<f64> = y.iter().map(|r| r - my).collect();
        let x64: Vec<i64> = xs.iter().map(|&x| i64::from(x)).collect();
        let want = pearson(&ranks(&x64), &y, my, syy);
        let cols: Vec<&[i32]> = xs.chunks(777).collect();
        let (got, mean, _) = spearman_cols(&cols, &yc, my, syy, &mut (vec![], vec![]));
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        assert!(got > 0.5);
        let m = x64.iter().sum::<i64>() as f64 / n as f64;
        assert!((mean - m).abs() < 1e-9);
        let (_, sd_want) = mean_sd(x64.iter().map(|&x| x as f64));
        let (_, _, sd) = spearman_cols(&cols, &yc, my, syy, &mut (vec![], vec![]));
        assert!((sd - sd_want).abs() < 1e-9 * sd_want, "{sd} vs {sd_want}");
        // Wide range (bucket path), with ties.
        let xs: Vec<i32> = (0..n)
            .map(|_| (next(40) * 100_000) as i32 + next(3) as i32)
            .collect();
        let x64: Vec<i64> = xs.iter().map(|&x| i64::from(x)).collect();
        let want = pearson(&ranks(&x64), &y, my, syy);
        let cols: Vec<&[i32]> = xs.chunks(1000).collect();
        let (got, _, _) = spearman_cols(&cols, &yc, my, syy, &mut (vec![], vec![]));
        assert!((got - want).abs() < 1e-12, "sparse {got} vs {want}");
    }
}
