//! Throughput and velocity forecasts: Monte Carlo over the team's own history.
//!
//! Each trial walks forward one period at a time (a working day of the team calendar,
//! or a sprint), drawing each team's throughput for the period uniformly from its
//! history (a bootstrap, as Troy Magennis's spreadsheets do), until the work is done.
//! Trials are drawn in fixed blocks from the seed, so the result is the same for a seed
//! whatever the thread count. Percentiles are nearest rank over the trials: the "when"
//! P85 is the date 85% of trials finish by; the "how many" P85 is the count at least
//! 85% of trials reach.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::AgileError;
use crate::calendar::Calendar;
use crate::rng::{GAMMA, SplitMix64, mix};

/// Most periods one trial may walk.
pub const MAX_PERIODS: u32 = 100_000;
/// Most trials per forecast.
pub const MAX_TRIALS: u32 = 10_000_000;
/// Most features of a cut-line forecast.
pub const MAX_FEATURES: usize = 100_000;
/// Trials per block (the unit of parallel work and of seeding).
const BLOCK: u32 = 2048;

/// What a forecast's periods are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum Cadence {
    /// Working days of the calendar (history: items per working day).
    #[default]
    WorkingDay,
    /// Sprints of `days` calendar days (history: velocity per sprint).
    Sprint {
        /// Sprint length in calendar days.
        days: u32,
    },
}

/// Options of every forecast.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ThroughputOptions {
    /// Trials (default 10,000).
    pub trials: u32,
    /// Seed (default 0).
    pub seed: u64,
    /// Periods.
    pub cadence: Cadence,
}

impl Default for ThroughputOptions {
    fn default() -> Self {
        ThroughputOptions {
            trials: 10_000,
            seed: 0,
            cadence: Cadence::WorkingDay,
        }
    }
}

/// A team's throughput history: items (or points) per period, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TeamHistory {
    /// The team.
    #[serde(default)]
    pub team: String,
    /// Completed work per period.
    pub samples: Vec<f64>,
}

impl TeamHistory {
    /// A named team's history.
    pub fn new(team: impl Into<String>, samples: Vec<f64>) -> Self {
        TeamHistory {
            team: team.into(),
            samples,
        }
    }
}

/// A forecast's history as the bindings and the CLI take it: one team's completed work
/// per period (`[3, 0, 5, …]`), or several teams (`[{"team": "web", "samples": […]}, …]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum Histories {
    /// One unnamed team.
    Samples(Vec<f64>),
    /// Several teams (their throughputs add up each period).
    Teams(Vec<TeamHistory>),
}

impl Histories {
    /// The teams' histories.
    ///
    /// ```
    /// use planix::agile::Histories;
    /// let h: Histories = serde_json::from_str("[3, 0, 5]")?;
    /// assert_eq!(h.into_teams()[0].samples, vec![3.0, 0.0, 5.0]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn into_teams(self) -> Vec<TeamHistory> {
        match self {
            Histories::Samples(s) => vec![TeamHistory::new("", s)],
            Histories::Teams(t) => t,
        }
    }
}

/// When the work is done: P50/P85/P95 dates and the whole distribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct WhenForecast {
    /// The work forecast.
    pub work: f64,
    /// Trials run.
    pub trials: u32,
    /// The first period's day.
    pub start: NaiveDate,
    /// Half the trials finish by this day.
    pub p50: NaiveDate,
    /// 85% finish by this day.
    pub p85: NaiveDate,
    /// 95% finish by this day.
    pub p95: NaiveDate,
    /// Periods needed at P50, P85 and P95.
    pub periods: [u32; 3],
    /// Trials finishing after exactly `k` periods, as (k, trials), k ascending.
    pub histogram: Vec<(u32, u32)>,
    /// What a period is (working days, or sprints of some days).
    #[serde(default)]
    pub cadence: Cadence,
}

impl WhenForecast {
    /// The share of trials finished within `periods` periods.
    pub fn probability_within(&self, periods: u32) -> f64 {
        let n: u32 = self
            .histogram
            .iter()
            .filter(|(k, _)| *k <= periods)
            .map(|(_, c)| c)
            .sum();
        f64::from(n) / f64::from(self.trials.max(1))
    }
}

impl std::fmt::Display for WhenForecast {
    /// One line: `10 items from 2027-03-01: P50 2027-03-05, P85 …, P95 … (10000 trials)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} items from {}: P50 {}, P85 {}, P95 {} ({} trials)",
            self.work, self.start, self.p50, self.p85, self.p95, self.trials
        )
    }
}

/// How much work gets done by a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct HowManyForecast {
    /// Periods until the date.
    pub periods: u32,
    /// Trials run.
    pub trials: u32,
    /// Reached in half the trials.
    pub p50: f64,
    /// Reached in 85% of the trials.
    pub p85: f64,
    /// Reached in 95% of the trials.
    pub p95: f64,
    /// Mean.
    pub mean: f64,
}

impl std::fmt::Display for HowManyForecast {
    /// One line: `in 7 periods: at least 14 (P50), 12 (P85), 11 (P95); mean 14.0`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "in {} periods: at least {} (P50), {} (P85), {} (P95); mean {:.1} ({} trials)",
            self.periods, self.p50, self.p85, self.p95, self.mean, self.trials
        )
    }
}

/// A feature of a cut-line forecast: its size as a range of items, before splitting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Feature {
    /// The feature.
    pub name: String,
    /// Fewest items.
    pub low: u32,
    /// Most items.
    pub high: u32,
}

/// How stories split once work starts: each feature's count is multiplied by a factor
/// drawn uniformly from `[low, high]` per trial (1–1 for none).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct SplitRate {
    /// Smallest factor (≥ 1 usually).
    pub low: f64,
    /// Largest factor.
    pub high: f64,
}

impl Default for SplitRate {
    fn default() -> Self {
        SplitRate {
            low: 1.0,
            high: 1.0,
        }
    }
}

/// One feature's forecast in a cut line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct FeatureForecast {
    /// The feature.
    pub name: String,
    /// Half the trials finish it (and every feature before it) by this day.
    pub p50: NaiveDate,
    /// 85% by this day.
    pub p85: NaiveDate,
    /// 95% by this day.
    pub p95: NaiveDate,
    /// The share of trials finishing it by the deadline (when one is given).
    pub by_deadline: Option<f64>,
}

/// A multi-feature forecast: features in priority order and where the cut line falls.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct CutLine {
    /// Trials run.
    pub trials: u32,
    /// Each feature, in the order given.
    pub features: Vec<FeatureForecast>,
    /// How many leading features finish by the deadline at P85 (none without one).
    pub above_line: Option<usize>,
}

/// Work amounts a walk adds up: whole items (`u64`, exact and fastest) or any
/// non-negative amount (`f64`, velocity in points).
trait Work: Copy + PartialOrd + std::ops::AddAssign + Default + Send + Sync {
    /// The target a walk must reach for `work` (whole items: rounded up).
    fn target(work: f64) -> Self;
    /// A whole number of items.
    fn items(n: i64) -> Self;
    /// Above every amount (the sentinel after a walk's last period).
    const MAX: Self;
}

impl Work for u64 {
    const MAX: Self = u64::MAX;
    fn target(work: f64) -> Self {
        ceil(work) as u64
    }
    #[inline]
    fn items(n: i64) -> Self {
        n as u64
    }
}

impl Work for f64 {
    const MAX: Self = f64::INFINITY;
    fn target(work: f64) -> Self {
        work
    }
    #[inline]
    fn items(n: i64) -> Self {
        n as f64
    }
}

/// `⌈x⌉` for 0 ≤ x < 2^53, through the signed conversion (one instruction on x86-64,
/// where the unsigned one and `f64::ceil` are not).
#[inline]
fn ceil(x: f64) -> i64 {
    let c = x as i64;
    // Branch-free: the comparison's 0 or 1 (a branch here mispredicts half the time).
    c + i64::from((c as f64) < x)
}

/// The per-period draws of every team, as one amount per period.
struct Walk<T> {
    teams: Vec<Vec<T>>,
}

impl<T: Work> Walk<T> {
    /// One period's work: each team's draw, uniform over its history.
    #[inline]
    fn period(&self, rng: &mut SplitMix64) -> T {
        let mut s = T::default();
        for t in &self.teams {
            let r = rng.next_u64();
            s += t[(((r >> 32) * t.len() as u64) >> 32) as usize];
        }
        s
    }

    /// Walks on from `(done, k)` until `done ≥ target` or `k` reaches [`MAX_PERIODS`].
    /// One team (the common case) draws two periods per 64 random bits.
    #[inline]
    fn advance(&self, rng: &mut SplitMix64, done: &mut T, k: &mut u32, target: T) {
        let (mut d, mut n) = (*done, *k);
        if let [t] = &self.teams[..] {
            let len = t.len() as u64;
            while d < target && n < MAX_PERIODS {
                let r = rng.next_u64();
                d += t[(((r >> 32) * len) >> 32) as usize];
                n += 1;
                if d >= target {
                    break;
                }
                d += t[(((r & 0xFFFF_FFFF) * len) >> 32) as usize];
                n += 1;
            }
        } else {
            while d < target && n < MAX_PERIODS {
                d += self.period(rng);
                n += 1;
            }
        }
        *done = d;
        *k = n;
    }
}

impl<T: Work> Walk<T> {
    /// The cumulative work after each period, `path[k]` after `k` periods (`path[0]` is
    /// zero), until it reaches `total` or [`MAX_PERIODS`] periods.
    fn fill(&self, rng: &mut SplitMix64, path: &mut Vec<T>, total: T) {
        path.clear();
        let mut d = T::default();
        path.push(d);
        if let [t] = &self.teams[..] {
            let len = t.len() as u64;
            while d < total && path.len() <= MAX_PERIODS as usize {
                let r = rng.next_u64();
                d += t[(((r >> 32) * len) >> 32) as usize];
                path.push(d);
                d += t[(((r & 0xFFFF_FFFF) * len) >> 32) as usize];
                path.push(d);
            }
        } else {
            while d < total && path.len() <= MAX_PERIODS as usize {
                d += self.period(rng);
                path.push(d);
            }
        }
    }
}

/// The checked history as whole items when every value is one, else as amounts.
enum Sampler {
    Items(Walk<u64>),
    Amounts(Walk<f64>),
}

fn check_history(history: &[TeamHistory]) -> Result<Sampler, AgileError> {
    if history.is_empty() {
        return Err(AgileError::History {
            team: String::new(),
            problem: "is empty (no team)",
        });
    }
    let mut any = false;
    for (k, h) in history.iter().enumerate() {
        let team = if h.team.is_empty() {
            format!("#{}", k + 1)
        } else {
            h.team.clone()
        };
        if h.samples.is_empty() {
            return Err(AgileError::History {
                team,
                problem: "is empty",
            });
        }
        if h.samples.iter().any(|x| !x.is_finite() || *x < 0.0) {
            return Err(AgileError::History {
                team,
                problem: "has a negative or non-finite value",
            });
        }
        any |= h.samples.iter().any(|x| *x > 0.0);
    }
    if !any {
        let team = match history {
            [one] if !one.team.is_empty() => one.team.clone(),
            [_] => "#1".to_string(),
            _ => "(all teams)".to_string(),
        };
        return Err(AgileError::History {
            team,
            problem: "has no completed work (every period is 0)",
        });
    }
    let whole = history
        .iter()
        .flat_map(|h| &h.samples)
        .all(|&x| x == x.trunc() && x <= 1e9);
    Ok(if whole {
        Sampler::Items(Walk {
            teams: history
                .iter()
                .map(|h| h.samples.iter().map(|&x| x as u64).collect())
                .collect(),
        })
    } else {
        Sampler::Amounts(Walk {
            teams: history.iter().map(|h| h.samples.clone()).collect(),
        })
    })
}

fn check_opts(o: &ThroughputOptions) -> Result<(), AgileError> {
    if o.trials == 0 || o.trials > MAX_TRIALS {
        return Err(AgileError::OutOfRange {
            kind: "forecast",
            id: String::new(),
            field: "trials",
            value: f64::from(o.trials),
            range: "1 to 10,000,000",
        });
    }
    if let Cadence::Sprint { days } = o.cadence
        && !(1..=366).contains(&days)
    {
        return Err(AgileError::OutOfRange {
            kind: "forecast",
            id: String::new(),
            field: "sprint days",
            value: f64::from(days),
            range: "1 to 366",
        });
    }
    Ok(())
}

fn check_work(work: f64) -> Result<(), AgileError> {
    if !(work.is_finite() && (0.0..=1e9).contains(&work)) {
        return Err(AgileError::OutOfRange {
            kind: "forecast",
            id: String::new(),
            field: "work",
            value: work,
            range: "0 to 1e9",
        });
    }
    Ok(())
}

/// The blocks of `trials`, as (first trial, count).
fn blocks(trials: u32) -> Vec<(u32, u32)> {
    (0..trials.div_ceil(BLOCK))
        .map(|b| (b * BLOCK, BLOCK.min(trials - b * BLOCK)))
        .collect()
}

fn block_rng(seed: u64, first: u32) -> SplitMix64 {
    SplitMix64::new(mix(seed ^ u64::from(first / BLOCK + 1).wrapping_mul(GAMMA)))
}

#[cfg(feature = "parallel")]
fn run<T: Send>(b: &[(u32, u32)], f: impl Fn(u32, u32) -> T + Sync) -> Vec<T> {
    use rayon::prelude::*;
    b.par_iter().map(|&(a, n)| f(a, n)).collect()
}

#[cfg(not(feature = "parallel"))]
fn run<T>(b: &[(u32, u32)], f: impl Fn(u32, u32) -> T) -> Vec<T> {
    b.iter().map(|&(a, n)| f(a, n)).collect()
}

/// The date of period `k` (1-based): the k-th working day from `start` (inclusive), or
/// the last day of the k-th sprint.
fn period_date(
    start: NaiveDate,
    k: u32,
    cadence: Cadence,
    calendar: &Calendar,
) -> Result<NaiveDate, AgileError> {
    let out_of_range = || {
        AgileError::Calendar(crate::calendar::CalendarError::Overflow {
            calendar: crate::ids::CalendarId(0),
        })
    };
    match cadence {
        Cadence::Sprint { days } => start
            .checked_add_days(chrono::Days::new(u64::from(k) * u64::from(days)))
            .and_then(|d| d.pred_opt())
            .ok_or_else(out_of_range),
        Cadence::WorkingDay => {
            let mut n = 0;
            let mut d = start;
            // A calendar with working time works at least one day a week or has a
            // finite set of exceptions; 7 × k + a year's holidays bounds the walk.
            let limit = 7 * u64::from(k) + 3660;
            for _ in 0..limit {
                if calendar.is_working_day(d) {
                    n += 1;
                    if n == k {
                        return Ok(d);
                    }
                }
                d = d.succ_opt().ok_or_else(out_of_range)?;
            }
            Err(AgileError::Calendar(
                crate::calendar::CalendarError::NoWorkingTime {
                    calendar: crate::ids::CalendarId(0),
                    name: calendar.name().to_string(),
                },
            ))
        }
    }
}

/// Nearest-rank percentile from a histogram of periods (counts indexed by period).
fn hist_rank(hist: &[u32], trials: u32, p: f64) -> u32 {
    let want = ((p / 100.0) * f64::from(trials)).ceil().max(1.0) as u64;
    let mut acc = 0u64;
    for (k, &c) in hist.iter().enumerate() {
        acc += u64::from(c);
        if acc >= want {
            return k as u32;
        }
    }
    hist.len().saturating_sub(1) as u32
}

/// "When will this work be done": the periods each trial needs to complete `work`
/// items (or points), as dates from `start` on `calendar`.
///
/// ```
/// use planix::agile::{TeamHistory, ThroughputOptions, forecast_when};
/// use planix::Calendar;
/// // Three items every working day: ten items take four days, in every trial.
/// let h = [TeamHistory::new("web", vec![3.0, 3.0, 3.0])];
/// let start = "2027-03-01".parse()?; // a Monday
/// let f = forecast_when(&h, 10.0, start, &Calendar::standard(), &ThroughputOptions::default())?;
/// assert_eq!(f.periods, [4, 4, 4]);
/// assert_eq!(f.p85.to_string(), "2027-03-04");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`AgileError::History`] for an empty history or one without completed work, a
/// negative work or a bad option, [`AgileError::Horizon`] past [`MAX_PERIODS`].
pub fn forecast_when(
    history: &[TeamHistory],
    work: f64,
    start: NaiveDate,
    calendar: &Calendar,
    opts: &ThroughputOptions,
) -> Result<WhenForecast, AgileError> {
    let s = check_history(history)?;
    check_opts(opts)?;
    check_work(work)?;
    let parts = match &s {
        Sampler::Items(w) => when_trials(w, work, opts),
        Sampler::Amounts(w) => when_trials(w, work, opts),
    };
    let parts: Vec<Vec<u32>> = parts.into_iter().collect::<Result<_, _>>()?;
    let hist = merge_rows(parts.into_iter().map(|h| (0, h)));
    let ks = [50.0, 85.0, 95.0].map(|p| hist_rank(&hist, opts.trials, p));
    let date = |k: u32| {
        if k == 0 {
            Ok(start)
        } else {
            period_date(start, k, opts.cadence, calendar)
        }
    };
    Ok(WhenForecast {
        work,
        trials: opts.trials,
        start,
        p50: date(ks[0])?,
        p85: date(ks[1])?,
        p95: date(ks[2])?,
        periods: ks,
        histogram: hist
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(k, &c)| (k as u32, c))
            .collect(),
        cadence: opts.cadence,
    })
}

/// Per block, the trials of a "when" forecast as a histogram of periods.
fn when_trials<T: Work>(
    w: &Walk<T>,
    work: f64,
    opts: &ThroughputOptions,
) -> Vec<Result<Vec<u32>, AgileError>> {
    let target = T::target(work);
    run(&blocks(opts.trials), |first, n| {
        let mut rng = block_rng(opts.seed, first);
        let mut hist: Vec<u32> = vec![];
        for _ in 0..n {
            let (mut done, mut k) = (T::default(), 0u32);
            w.advance(&mut rng, &mut done, &mut k, target);
            if done < target {
                return Err(AgileError::Horizon {
                    work,
                    limit: MAX_PERIODS,
                });
            }
            let k = k as usize;
            if hist.len() <= k {
                hist.resize(k + 1, 0);
            }
            hist[k] += 1;
        }
        Ok(hist)
    })
}

/// Per block, the trials of a cut line: for each feature a histogram of the periods by
/// which it and every feature before it are done.
/// Entries of the branch-free crossing search: each feature's first period at or past
/// its bound is found by counting, in a window of this many periods, those still below
/// it (no data-dependent branch unless the bound lies further on).
const WINDOW: usize = 4;

/// Independent crossing searches per trial (see `cut_trials`).
const CHAINS: usize = 4;

/// Most histogram cells one block of trials may hold (features × the spread of their
/// finishing periods), 128 MiB of `u16`.
const MAX_HIST_CELLS: usize = 1 << 26;

/// One block's finishing periods per feature: feature `f` counts trials finishing at
/// period `lo[f] + i` in `cells[f * width + i]`. The window follows the spread actually
/// seen (it grows and re-centres when a trial falls outside), so memory is features ×
/// spread, not features × horizon.
struct Hist {
    width: usize,
    lo: Vec<u32>,
    cells: Vec<u16>,
}

const _: () = assert!(BLOCK as usize <= u16::MAX as usize);

impl Hist {
    fn new(nf: usize) -> Self {
        Hist {
            width: 0,
            lo: vec![u32::MAX; nf],
            cells: vec![],
        }
    }

    #[inline]
    fn add(&mut self, f: usize, k: u32) -> Result<(), AgileError> {
        // In u64: an unplaced feature (lo = u32::MAX) always takes the cold path.
        let i = u64::from(k).wrapping_sub(u64::from(self.lo[f])) as usize;
        if i >= self.width {
            return self.grow(f, k);
        }
        self.cells[f * self.width + i] += 1;
        Ok(())
    }

    #[cold]
    fn grow(&mut self, f: usize, k: u32) -> Result<(), AgileError> {
        let nf = self.lo.len();
        let (lo, hi) = if self.lo[f] == u32::MAX {
            (k, k)
        } else {
            // The counts actually held (the window may be wider than its data).
            let row = &self.cells[f * self.width..(f + 1) * self.width];
            let top = row.iter().rposition(|&c| c > 0).unwrap_or(0) as u32;
            let bottom = row.iter().position(|&c| c > 0).unwrap_or(0) as u32;
            ((self.lo[f] + bottom).min(k), (self.lo[f] + top).max(k))
        };
        let need = (hi - lo + 1) as usize;
        let mut width = self.width.max(16);
        while width < need {
            width *= 2;
        }
        if width != self.width {
            if nf.saturating_mul(width) > MAX_HIST_CELLS {
                return Err(AgileError::OutOfRange {
                    kind: "forecast",
                    id: String::new(),
                    field: "features × spread of their finishing periods",
                    value: (nf as f64) * (width as f64),
                    range: "at most 67,108,864 (fewer features, or a steadier history)",
                });
            }
            let mut cells = vec![0u16; nf * width];
            for g in 0..nf {
                let old = &self.cells[g * self.width..(g + 1) * self.width];
                cells[g * width..g * width + self.width].copy_from_slice(old);
            }
            self.cells = cells;
            self.width = width;
        }
        // Centre the feature's counts and k in its (possibly wider) window.
        let new_lo = lo.saturating_sub(((width - need) / 2) as u32);
        if self.lo[f] != u32::MAX && new_lo != self.lo[f] {
            let row = &mut self.cells[f * width..(f + 1) * width];
            let old: Vec<u16> = row.to_vec();
            row.fill(0);
            for (i, &c) in old.iter().enumerate() {
                if c > 0 {
                    row[(self.lo[f] + i as u32 - new_lo) as usize] = c;
                }
            }
        }
        self.lo[f] = new_lo;
        self.cells[f * width + (k - new_lo) as usize] += 1;
        Ok(())
    }

    /// Each feature's counts as (first period, counts), trimmed of empty ends.
    fn rows(self) -> Vec<Row> {
        (0..self.lo.len())
            .map(|f| {
                let row = &self.cells[f * self.width..(f + 1) * self.width];
                match (
                    row.iter().position(|&c| c > 0),
                    row.iter().rposition(|&c| c > 0),
                ) {
                    (Some(a), Some(b)) => (
                        self.lo[f] + a as u32,
                        row[a..=b].iter().map(|&c| u32::from(c)).collect(),
                    ),
                    _ => (0, vec![]),
                }
            })
            .collect()
    }
}

/// A feature's finishing periods in one block: (first period, counts from it).
type Row = (u32, Vec<u32>);

/// Adds ranged histograms (first period, counts) into one from period 0.
fn merge_rows(parts: impl Iterator<Item = Row>) -> Vec<u32> {
    let mut h: Vec<u32> = vec![];
    for (lo, counts) in parts {
        let end = lo as usize + counts.len();
        if h.len() < end {
            h.resize(end, 0);
        }
        for (a, b) in h[lo as usize..end].iter_mut().zip(counts) {
            *a += b;
        }
    }
    h
}

fn cut_trials<T: Work>(
    w: &Walk<T>,
    features: &[Feature],
    split: SplitRate,
    opts: &ThroughputOptions,
) -> Vec<Result<Vec<Row>, AgileError>> {
    let nf = features.len();
    if nf == 0 {
        return vec![];
    }
    // Each feature's smallest count and span, packed (the names stay out of the loop).
    let sizes: Vec<(i64, u64)> = features
        .iter()
        .map(|f| (i64::from(f.low), u64::from(f.high - f.low) + 1))
        .collect();
    run(&blocks(opts.trials), |first, n| {
        let mut rng = block_rng(opts.seed, first);
        let mut hist = Hist::new(nf);
        let mut bound = vec![T::default(); nf];
        let mut path: Vec<T> = Vec::new();
        for _ in 0..n {
            // One draw per feature: its count from the high 32 bits, its split factor
            // from the low 32.
            let mut acc = 0i64;
            for (b, &(low, span)) in bound.iter_mut().zip(&sizes) {
                let r = rng.next_u64();
                let count = low + (((r >> 32) * span) >> 32) as i64;
                let u = (r & 0xFFFF_FFFF) as f64 * (1.0 / 4_294_967_296.0);
                let factor = split.low + (split.high - split.low) * u;
                acc += ceil(count as f64 * factor);
                *b = T::items(acc);
            }
            // The whole walk first (a loop without data-dependent branches), then each
            // feature's first period at or past its bound: the count of the window's
            // periods still below it (sentinels after the last period end every search).
            w.fill(&mut rng, &mut path, bound[nf - 1]);
            if path.last().is_some_and(|&l| l < bound[nf - 1]) {
                return Err(AgileError::Horizon {
                    work: acc as f64,
                    limit: MAX_PERIODS,
                });
            }
            path.extend(std::iter::repeat_n(T::MAX, WINDOW));
            // Four independent chains: the features in four runs, each run's first
            // crossing found by a binary search, then the runs stepped round-robin so the
            // processor overlaps their dependent loads (the counts do not depend on the
            // order).
            let periods = path.len() - WINDOW;
            let seg = |c: usize| c * nf / CHAINS;
            let mut ks = [0usize; CHAINS];
            for (c, k) in ks.iter_mut().enumerate().skip(1) {
                if seg(c) < nf {
                    let b = bound[seg(c)];
                    *k = path[..periods].partition_point(|x| *x < b);
                }
            }
            let longest = (0..CHAINS).map(|c| seg(c + 1) - seg(c)).max().unwrap_or(0);
            for j in 0..longest {
                for (c, k) in ks.iter_mut().enumerate() {
                    let f = seg(c) + j;
                    if f >= seg(c + 1) {
                        continue;
                    }
                    let b = &bound[f];
                    while let Ok(w) = <&[T; WINDOW]>::try_from(&path[*k..*k + WINDOW]) {
                        let n = usize::from(w[0] < *b)
                            + usize::from(w[1] < *b)
                            + usize::from(w[2] < *b)
                            + usize::from(w[3] < *b);
                        *k += n;
                        if n < WINDOW {
                            break;
                        }
                    }
                    hist.add(f, *k as u32)?;
                }
            }
        }
        Ok(hist.rows())
    })
}

/// The number of periods from `start` to `end` (inclusive): working days of the
/// calendar, or whole sprints.
fn periods_until(
    start: NaiveDate,
    end: NaiveDate,
    cadence: Cadence,
    calendar: &Calendar,
) -> Result<u32, AgileError> {
    let span = (end - start).num_days() + 1;
    if !(0..=i64::from(MAX_PERIODS)).contains(&span) {
        return Err(AgileError::OutOfRange {
            kind: "forecast",
            id: format!("{start}..{end}"),
            field: "days",
            value: span as f64,
            range: "0 to 100,000 days, from before to",
        });
    }
    Ok(match cadence {
        Cadence::Sprint { days } => (span / i64::from(days)) as u32,
        Cadence::WorkingDay => start
            .iter_days()
            .take(span as usize)
            .filter(|d| calendar.is_working_day(*d))
            .count() as u32,
    })
}

/// "How many by this date": the work completed from `start` to `end` (inclusive).
///
/// # Errors
/// As [`forecast_when`], and a range longer than [`MAX_PERIODS`] days.
pub fn forecast_how_many(
    history: &[TeamHistory],
    start: NaiveDate,
    end: NaiveDate,
    calendar: &Calendar,
    opts: &ThroughputOptions,
) -> Result<HowManyForecast, AgileError> {
    let s = check_history(history)?;
    check_opts(opts)?;
    let periods = periods_until(start, end, opts.cadence, calendar)?;
    let parts = run(&blocks(opts.trials), |first, n| {
        let mut rng = block_rng(opts.seed, first);
        (0..n)
            .map(|_| match &s {
                Sampler::Items(w) => (0..periods).map(|_| w.period(&mut rng)).sum::<u64>() as f64,
                Sampler::Amounts(w) => (0..periods)
                    .map(|_| w.period(&mut rng))
                    .fold(0.0, |a, b| a + b),
            })
            .collect::<Vec<f64>>()
    });
    let mut all: Vec<f64> = parts.into_iter().flatten().collect();
    let mean = all.iter().sum::<f64>() / all.len() as f64;
    all.sort_by(f64::total_cmp);
    // "Reached in p% of trials": the (100 − p)th percentile, nearest rank from the top.
    let at_least = |p: f64| {
        let n = all.len();
        let r = ((p / 100.0) * n as f64).ceil() as usize;
        all[n - r.clamp(1, n)]
    };
    Ok(HowManyForecast {
        periods,
        trials: opts.trials,
        p50: at_least(50.0),
        p85: at_least(85.0),
        p95: at_least(95.0),
        mean,
    })
}

/// A multi-feature cut line: features in priority order, each a count range with a
/// split rate; for each, when it (and every feature before it) is done, and with a
/// deadline, the chance it makes it and where the P85 cut line falls.
///
/// # Errors
/// As [`forecast_when`]; a feature with `low > high`, a split rate outside 0.01–100 or
/// reversed, more than [`MAX_FEATURES`] features.
pub fn forecast_cut_line(
    history: &[TeamHistory],
    features: &[Feature],
    split: SplitRate,
    start: NaiveDate,
    deadline: Option<NaiveDate>,
    calendar: &Calendar,
    opts: &ThroughputOptions,
) -> Result<CutLine, AgileError> {
    let s = check_history(history)?;
    check_opts(opts)?;
    if features.len() > MAX_FEATURES {
        return Err(AgileError::OutOfRange {
            kind: "forecast",
            id: String::new(),
            field: "features",
            value: features.len() as f64,
            range: "at most 100,000",
        });
    }
    for f in features {
        if f.low > f.high || f.high > 1_000_000 {
            return Err(AgileError::OutOfRange {
                kind: "feature",
                id: f.name.clone(),
                field: "low",
                value: f64::from(f.low),
                range: "0 to high (at most 1,000,000)",
            });
        }
    }
    if !(split.low.is_finite()
        && split.high.is_finite()
        && 0.01 <= split.low
        && split.low <= split.high
        && split.high <= 100.0)
    {
        return Err(AgileError::OutOfRange {
            kind: "forecast",
            id: String::new(),
            field: "split rate",
            value: split.low,
            range: "0.01 ≤ low ≤ high ≤ 100",
        });
    }
    let nf = features.len();
    let parts = match &s {
        Sampler::Items(w) => cut_trials(w, features, split, opts),
        Sampler::Amounts(w) => cut_trials(w, features, split, opts),
    };
    let parts: Vec<Vec<Row>> = parts.into_iter().collect::<Result<_, _>>()?;
    let mut per: Vec<Vec<Row>> = vec![vec![]; nf];
    for p in parts {
        for (k, h) in p.into_iter().enumerate() {
            per[k].push(h);
        }
    }
    let limit = match deadline {
        Some(d) => Some(periods_until(start, d, opts.cadence, calendar)?),
        None => None,
    };
    let date = |k: u32| {
        if k == 0 {
            Ok(start)
        } else {
            period_date(start, k, opts.cadence, calendar)
        }
    };
    let mut out = Vec::with_capacity(nf);
    let mut above = limit.map(|_| 0usize);
    let mut still = true;
    for (f, parts) in features.iter().zip(per) {
        let h = merge_rows(parts.into_iter());
        let ks = [50.0, 85.0, 95.0].map(|p| hist_rank(&h, opts.trials, p));
        let by = limit.map(|l| {
            let n: u32 = h.iter().take(l as usize + 1).sum();
            f64::from(n) / f64::from(opts.trials)
        });
        if let (Some(l), Some(a)) = (limit, above.as_mut())
            && still
        {
            if ks[1] <= l {
                *a += 1;
            } else {
                still = false;
            }
        }
        out.push(FeatureForecast {
            name: f.name.clone(),
            p50: date(ks[0])?,
            p85: date(ks[1])?,
            p95: date(ks[2])?,
            by_deadline: by,
        });
    }
    Ok(CutLine {
        trials: opts.trials,
        features: out,
        above_line: above,
    })
}
