//! The resource-constrained scheduling kernel: integer time, renewable resources with
//! piecewise-constant capacity, generalised start-to-start minimum lags and release
//! dates.
//!
//! [`level`](super::level) maps a [`Project`](crate::Project) onto an [`Instance`] and
//! back; the PSPLIB benchmark runner uses the same kernel. Everything here is
//! deterministic: the only randomness is a SplitMix64 stream seeded by the caller.
//!
//! Algorithms (see `ARCHITECTURE.md`, "Resource leveling"):
//! - the **serial schedule generation scheme** (SSGS): jobs in a precedence-feasible
//!   order, each at the earliest time its predecessors and the remaining capacity allow;
//! - **forward–backward improvement** (justification, Valls, Ballestín & Quintanilla
//!   2005): right-justify every job in decreasing finish order, then left-justify in
//!   increasing start order; never longer, often shorter;
//! - **fast mode**: priority rules (latest finish, latest start, most total successors,
//!   greatest rank positional weight) and regret-biased random sampling, each justified;
//! - **optimising mode**: a genetic algorithm over activity lists (Hartmann 1998:
//!   two-point crossover, precedence-safe swap mutation, ranking selection) in which
//!   every child is justified and re-encoded by its start times, under a schedule-count
//!   and/or wall-time budget.

use std::collections::BinaryHeap;

/// One job of an [`Instance`].
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// Duration in time units (≥ 0).
    pub duration: i64,
    /// Earliest start (≥ 0).
    pub release: i64,
    /// Units held of each resource for the whole duration: `(resource index, units)`.
    pub demand: Vec<(usize, i32)>,
    /// Starts at the earliest time its predecessors allow, ignoring resources
    /// (MS Project's "do not level").
    pub fixed: bool,
    /// Latest start the search may give the job (leveling within float). When no
    /// resource-feasible start exists by then, the job takes its precedence-feasible
    /// start and the conflict is counted as unresolved.
    pub latest: Option<i64>,
}

/// A minimum start-to-start lag: `start[to] ≥ start[from] + lag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    /// Predecessor job.
    pub from: usize,
    /// Successor job.
    pub to: usize,
    /// Minimum distance of the starts (may be negative).
    pub lag: i64,
}

/// Capacity of one resource over time: `(from time, units)` steps, sorted, the first at 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capacity {
    steps: Vec<(i64, i32)>,
}

impl Capacity {
    /// A constant capacity.
    pub fn constant(units: i32) -> Self {
        Self {
            steps: vec![(0, units.max(0))],
        }
    }

    /// A step function; steps are sorted and merged, times before 0 are clamped to 0,
    /// and the capacity before the first step is 0.
    pub fn steps(mut steps: Vec<(i64, i32)>) -> Self {
        steps.sort_by_key(|s| s.0);
        let mut out: Vec<(i64, i32)> = vec![(0, 0)];
        for (t, u) in steps {
            let t = t.max(0);
            let u = u.max(0);
            match out.last_mut() {
                Some(last) if last.0 == t => last.1 = u,
                _ => out.push((t, u)),
            }
        }
        out.dedup_by(|b, a| a.1 == b.1);
        Self { steps: out }
    }

    /// Units available at time `t`.
    pub fn at(&self, t: i64) -> i32 {
        let i = self.steps.partition_point(|s| s.0 <= t);
        if i == 0 { 0 } else { self.steps[i - 1].1 }
    }

    /// The `(from time, units)` steps.
    pub fn step_list(&self) -> &[(i64, i32)] {
        &self.steps
    }

    /// The largest capacity ever available.
    pub fn max(&self) -> i32 {
        self.steps.iter().map(|s| s.1).max().unwrap_or(0)
    }

    /// Capacity from the last step on.
    pub fn tail(&self) -> i32 {
        self.steps.last().map_or(0, |s| s.1)
    }

    /// Time of the last step.
    pub fn last_change(&self) -> i64 {
        self.steps.last().map_or(0, |s| s.0)
    }

    /// Whether `units` fit for `len` consecutive time units somewhere.
    pub fn has_window(&self, units: i32, len: i64) -> bool {
        if self.tail() >= units {
            return true;
        }
        let mut run_start: Option<i64> = None;
        for (k, &(t, u)) in self.steps.iter().enumerate() {
            let end = self.steps.get(k + 1).map_or(i64::MAX, |s| s.0);
            if u >= units {
                let s = *run_start.get_or_insert(t);
                if end.saturating_sub(s) >= len {
                    return true;
                }
            } else {
                run_start = None;
            }
        }
        false
    }

    fn is_constant(&self) -> bool {
        self.steps.len() == 1
    }
}

/// A job whose demand can never be met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "job {job} needs {units} of resource {resource}, which never has more than {available} for the job's duration"
)]
pub struct NeverFits {
    /// The job.
    pub job: usize,
    /// The resource.
    pub resource: usize,
    /// Units demanded.
    pub units: i32,
    /// The most the resource ever has for the job's duration.
    pub available: i32,
}

/// A single-mode resource-constrained scheduling problem.
#[derive(Debug, Clone)]
pub struct Instance {
    jobs: Vec<Job>,
    caps: Vec<Capacity>,
    succ: Vec<Vec<(usize, i64)>>,
    pred: Vec<Vec<(usize, i64)>>,
    topo: Vec<usize>,
    /// Compressed rows of `pred` and of the mirrored problem's predecessors
    /// (`*_idx[j]..*_idx[j + 1]` in `*_list`) and of
    /// the demands, for the SGS hot loop.
    fpred_idx: Vec<u32>,
    fpred_list: Vec<(u32, i64)>,
    bpred_idx: Vec<u32>,
    bpred_list: Vec<(u32, i64)>,
    dem_idx: Vec<u32>,
    dem_list: Vec<(u32, i32)>,
    /// The last capacity change of any resource.
    settled: i64,
    /// Position of each job in `topo`.
    rank: Vec<u32>,
    /// Every forward (backward) lag is ≥ 0, so sorting by start (finish) time with ties
    /// broken by `rank` is precedence-feasible.
    sortable: [bool; 2],
    constant: bool,
    /// Longest-path lower bound and latest starts against it.
    cpm_len: i64,
    es: Vec<i64>,
    ls: Vec<i64>,
    total_succ: Vec<usize>,
    grpw: Vec<i64>,
}

/// Why an [`Instance`] cannot be built or solved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    /// The lags contain a cycle through these jobs (0-based indices, in arc order; the
    /// last job leads back to the first).
    #[error("the lags form a cycle through jobs {0:?}")]
    Cycle(Vec<usize>),
    /// A demand can never fit.
    #[error(transparent)]
    NeverFits(NeverFits),
    /// A job refers to a resource or job index out of range, or has a negative duration
    /// or release.
    #[error("job {0} has a negative duration or release, or an index out of range")]
    Invalid(usize),
    /// The time-indexed resource profiles the kernel keeps (one cell per period and
    /// resource, up to the horizon every job in a row could need) would exceed
    /// [`MAX_PROFILE_CELLS`] or the horizon [`MAX_HORIZON`].
    #[error(
        "the instance needs a horizon of {horizon} periods for {resources} resources, past the leveling limit ({MAX_HORIZON} periods, {MAX_PROFILE_CELLS} period × resource cells)"
    )]
    TooLarge {
        /// The horizon: latest capacity change + latest release + every duration and
        /// positive lag (saturated at `u64::MAX`).
        horizon: u64,
        /// Number of resources.
        resources: usize,
    },
}

/// Longest horizon, in periods, the kernel schedules over.
pub const MAX_HORIZON: u64 = 1 << 31;
/// Most period × resource cells of the kernel's resource profiles (4 bytes each: 512 MiB).
pub const MAX_PROFILE_CELLS: u64 = 1 << 27;

impl Instance {
    /// Builds an instance and checks it: arcs acyclic, every demand fits somewhere.
    ///
    /// # Errors
    /// [`InstanceError`] naming the job.
    pub fn new(jobs: Vec<Job>, arcs: &[Arc], caps: Vec<Capacity>) -> Result<Self, InstanceError> {
        let n = jobs.len();
        for (j, job) in jobs.iter().enumerate() {
            if job.duration < 0 || job.release < 0 || job.demand.iter().any(|d| d.0 >= caps.len()) {
                return Err(InstanceError::Invalid(j));
            }
            if job.fixed || job.duration == 0 {
                continue;
            }
            for &(r, q) in &job.demand {
                if q > 0 && !caps[r].has_window(q, job.duration) {
                    return Err(InstanceError::NeverFits(NeverFits {
                        job: j,
                        resource: r,
                        units: q,
                        available: caps[r].max(),
                    }));
                }
            }
        }
        // The serial scheme never places a job later than everything before it plus its
        // own duration and lag (after the last capacity change and release): this bounds
        // the profiles, so a huge duration is an error here, not an allocation later.
        let mut horizon: i128 = caps
            .iter()
            .map(|c| i128::from(c.last_change()))
            .max()
            .unwrap_or(0)
            + jobs
                .iter()
                .map(|j| i128::from(j.release))
                .max()
                .unwrap_or(0);
        horizon += jobs.iter().map(|j| i128::from(j.duration)).sum::<i128>();
        horizon += arcs.iter().map(|a| i128::from(a.lag.max(0))).sum::<i128>();
        let cells = horizon.saturating_mul(caps.len().max(1) as i128);
        if horizon > i128::from(MAX_HORIZON) || cells > i128::from(MAX_PROFILE_CELLS) {
            return Err(InstanceError::TooLarge {
                horizon: u64::try_from(horizon).unwrap_or(u64::MAX),
                resources: caps.len(),
            });
        }
        let mut succ = vec![Vec::new(); n];
        let mut pred = vec![Vec::new(); n];
        for a in arcs {
            if a.from >= n || a.to >= n {
                return Err(InstanceError::Invalid(a.from.min(a.to)));
            }
            succ[a.from].push((a.to, a.lag));
            pred[a.to].push((a.from, a.lag));
        }
        for l in succ.iter_mut().chain(pred.iter_mut()) {
            l.sort_unstable();
        }
        // Kahn's algorithm, smallest index first (deterministic).
        let mut indeg: Vec<usize> = pred.iter().map(Vec::len).collect();
        let mut heap: BinaryHeap<std::cmp::Reverse<usize>> = (0..n)
            .filter(|&j| indeg[j] == 0)
            .map(std::cmp::Reverse)
            .collect();
        let mut topo = Vec::with_capacity(n);
        while let Some(std::cmp::Reverse(j)) = heap.pop() {
            topo.push(j);
            for &(s, _) in &succ[j] {
                indeg[s] -= 1;
                if indeg[s] == 0 {
                    heap.push(std::cmp::Reverse(s));
                }
            }
        }
        if topo.len() < n {
            let cycle = crate::schedule::cycle::cycle_among(
                n,
                |j| indeg[j] > 0,
                |j, out| out.extend(pred[j].iter().map(|p| p.0)),
            );
            return Err(InstanceError::Cycle(cycle));
        }
        let dur: Vec<i64> = jobs.iter().map(|j| j.duration).collect();

        let mut rpred = vec![Vec::new(); n];
        for a in arcs {
            // Mirrored time S' = H − S − d: start[to] ≥ start[from] + lag becomes
            // start'[from] ≥ start'[to] + d_to − d_from + lag.
            let l = dur[a.to] - dur[a.from] + a.lag;
            rpred[a.from].push((a.to, l));
        }
        let constant = caps.iter().all(Capacity::is_constant);
        let mut rank = vec![0u32; n];
        for (k, &j) in topo.iter().enumerate() {
            rank[j] = k as u32;
        }
        let sortable = [
            arcs.iter().all(|a| a.lag >= 0),
            rpred.iter().flatten().all(|&(_, l)| l >= 0),
        ];
        let csr = |rows: &Vec<Vec<(usize, i64)>>| {
            let mut idx = Vec::with_capacity(rows.len() + 1);
            let mut list = Vec::new();
            idx.push(0u32);
            for r in rows {
                list.extend(r.iter().map(|&(p, l)| (p as u32, l)));
                idx.push(list.len() as u32);
            }
            (idx, list)
        };
        let (fpred_idx, fpred_list) = csr(&pred);
        let (bpred_idx, bpred_list) = csr(&rpred);
        let mut dem_idx = vec![0u32];
        let mut dem_list = Vec::new();
        for job in &jobs {
            dem_list.extend(
                job.demand
                    .iter()
                    .filter(|d| d.1 > 0)
                    .map(|&(r, q)| (r as u32, q)),
            );
            dem_idx.push(dem_list.len() as u32);
        }
        let settled = caps.iter().map(Capacity::last_change).max().unwrap_or(0);
        let mut inst = Self {
            fpred_idx,
            fpred_list,
            bpred_idx,
            bpred_list,
            dem_idx,
            dem_list,
            settled,
            jobs,
            caps,
            succ,
            pred,
            topo,
            rank,
            sortable,
            constant,
            cpm_len: 0,
            es: vec![0; n],
            ls: vec![0; n],
            total_succ: vec![0; n],
            grpw: vec![0; n],
        };
        inst.analyse();
        Ok(inst)
    }

    fn analyse(&mut self) {
        let n = self.jobs.len();
        for &j in &self.topo {
            let mut t = self.jobs[j].release;
            for &(p, l) in &self.pred[j] {
                t = t.max(self.es[p] + l);
            }
            self.es[j] = t;
        }
        self.cpm_len = (0..n)
            .map(|j| self.es[j] + self.jobs[j].duration)
            .max()
            .unwrap_or(0);
        for &j in self.topo.iter().rev() {
            let mut t = self.cpm_len - self.jobs[j].duration;
            for &(s, l) in &self.succ[j] {
                t = t.min(self.ls[s] - l);
            }
            self.ls[j] = t;
        }
        // Total successors via bitsets (small instances) or direct counts (large ones).
        if n <= 4096 {
            let words = n.div_ceil(64);
            let mut reach = vec![0u64; n * words];
            for &j in self.topo.iter().rev() {
                for &(s, _) in &self.succ[j] {
                    reach[j * words + s / 64] |= 1 << (s % 64);
                    for w in 0..words {
                        let v = reach[s * words + w];
                        reach[j * words + w] |= v;
                    }
                }
                self.total_succ[j] = reach[j * words..(j + 1) * words]
                    .iter()
                    .map(|w| w.count_ones() as usize)
                    .sum();
            }
        } else {
            for j in 0..n {
                self.total_succ[j] = self.succ[j].len();
            }
        }
        for j in 0..n {
            self.grpw[j] = self.jobs[j].duration
                + self.succ[j]
                    .iter()
                    .map(|&(s, _)| self.jobs[s].duration)
                    .sum::<i64>();
        }
    }

    /// Number of jobs.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// Whether the instance has no jobs.
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// The jobs.
    pub fn jobs(&self) -> &[Job] {
        &self.jobs
    }

    /// Length of the longest lag path, ignoring resources (LB0).
    pub fn critical_path_length(&self) -> i64 {
        self.cpm_len
    }

    /// Earliest starts ignoring resources.
    pub fn early_starts(&self) -> &[i64] {
        &self.es
    }

    /// Latest starts against the critical path length.
    pub fn late_starts(&self) -> &[i64] {
        &self.ls
    }

    /// A lower bound on the makespan: the critical path, and for constant capacities
    /// the total work of each resource over its capacity.
    pub fn lower_bound(&self) -> i64 {
        let mut lb = self.cpm_len;
        if self.constant {
            for (r, cap) in self.caps.iter().enumerate() {
                let c = i64::from(cap.tail());
                if c <= 0 {
                    continue;
                }
                // Wide sums: demand × duration of every job may pass i64.
                let work: i128 = self
                    .jobs
                    .iter()
                    .filter(|j| !j.fixed)
                    .map(|j| {
                        j.demand
                            .iter()
                            .filter(|d| d.0 == r)
                            .map(|d| i128::from(d.1) * i128::from(j.duration))
                            .sum::<i128>()
                    })
                    .sum();
                let c = i128::from(c);
                lb = lb.max(i64::try_from((work + c - 1) / c).unwrap_or(i64::MAX));
            }
        }
        lb
    }

    /// Whether `starts` keeps every lag, release and (for non-fixed jobs) every capacity.
    /// Returns the first violation found, naming the job.
    pub fn check(&self, starts: &[i64]) -> Result<(), String> {
        if starts.len() != self.jobs.len() {
            return Err("wrong number of starts".into());
        }
        for (j, job) in self.jobs.iter().enumerate() {
            if starts[j] < job.release {
                return Err(format!("job {j} starts before its release"));
            }
            for &(p, l) in &self.pred[j] {
                if starts[j] < starts[p] + l {
                    return Err(format!("job {j} starts too early after job {p}"));
                }
            }
        }
        let mut events: Vec<i64> = Vec::new();
        for (j, job) in self.jobs.iter().enumerate() {
            if job.duration > 0 {
                events.push(starts[j]);
            }
        }
        for (r, cap) in self.caps.iter().enumerate() {
            let mut ev = events.clone();
            ev.extend(cap.steps.iter().map(|s| s.0));
            ev.sort_unstable();
            ev.dedup();
            for &t in &ev {
                let used: i32 = self
                    .jobs
                    .iter()
                    .enumerate()
                    .filter(|(j, job)| starts[*j] <= t && t < starts[*j] + job.duration)
                    .flat_map(|(_, job)| job.demand.iter().filter(|d| d.0 == r).map(|d| d.1))
                    .sum();
                let fixed_only: bool = self.jobs.iter().enumerate().all(|(j, job)| {
                    !(starts[j] <= t && t < starts[j] + job.duration)
                        || job.fixed
                        || !job.demand.iter().any(|d| d.0 == r)
                });
                if used > cap.at(t) && !fixed_only {
                    return Err(format!(
                        "resource {r} over capacity at time {t}: {used} > {}",
                        cap.at(t)
                    ));
                }
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Schedule generation
// ---------------------------------------------------------------------------------------

/// Reusable buffers of the schedule generation scheme.
#[derive(Debug, Default, Clone)]
struct Workspace {
    /// Remaining capacity per resource and time unit.
    avail: Vec<Vec<i32>>,
    /// Capacity per resource from the end of `avail` on (for growth).
    fill: Vec<i32>,
    starts: Vec<i64>,
    prev: Vec<i64>,
    rstarts: Vec<i64>,
    order: Vec<usize>,
    keys: Vec<i64>,
    /// A job that found no window (forward passes only).
    stuck: Option<usize>,
    /// Jobs placed over capacity because of their `latest` start (forward passes only).
    unresolved: i64,
    /// Repeat justification while it improves (fast mode).
    repeat: bool,
}

/// Direction of a pass.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Forward,
    /// Mirrored time against a horizon.
    Backward(i64),
}

impl Instance {
    fn reset(&self, ws: &mut Workspace, dir: Dir, len: usize) {
        let nres = self.caps.len();
        ws.avail.resize_with(nres, Vec::new);
        ws.fill.resize(nres, 0);
        for r in 0..nres {
            let cap = &self.caps[r];
            let a = &mut ws.avail[r];
            let len = len.max(a.len());
            a.clear();
            if self.constant {
                a.resize(len, cap.tail());
                ws.fill[r] = cap.tail();
                continue;
            }
            match dir {
                Dir::Forward => {
                    a.extend((0..len as i64).map(|t| cap.at(t)));
                    ws.fill[r] = cap.tail();
                }
                Dir::Backward(h) => {
                    a.extend((0..len as i64).map(|t| cap.at((h - 1 - t).max(0))));
                    ws.fill[r] = cap.at(0);
                }
            }
        }
    }

    #[inline]
    fn grow(&self, ws: &mut Workspace, dir: Dir, len: usize) {
        if ws.avail.first().is_none_or(|a| a.len() >= len) {
            return;
        }
        self.grow_slow(ws, dir, len);
    }

    #[cold]
    fn grow_slow(&self, ws: &mut Workspace, dir: Dir, len: usize) {
        let len = len.max(ws.avail.first().map_or(0, Vec::len) * 3 / 2);
        for r in 0..self.caps.len() {
            let a = &mut ws.avail[r];
            if a.len() >= len {
                continue;
            }
            if self.constant {
                a.resize(len, ws.fill[r]);
                continue;
            }
            let cap = &self.caps[r];
            let from = a.len() as i64;
            match dir {
                Dir::Forward => a.extend((from..len as i64).map(|t| cap.at(t))),
                Dir::Backward(h) => {
                    a.extend((from..len as i64).map(|t| cap.at((h - 1 - t).max(0))))
                }
            }
        }
    }

    /// Serial SGS over `order` (precedence-feasible for the direction). Writes starts into
    /// `ws.starts` (forward) or `ws.rstarts` (backward) and returns the makespan.
    fn sgs(&self, ws: &mut Workspace, order: &[usize], dir: Dir) -> i64 {
        let n = self.jobs.len();
        let guess = (self.cpm_len.max(1) as usize) * 2 + 16;
        self.reset(ws, dir, guess);
        let mut starts = std::mem::take(match dir {
            Dir::Forward => &mut ws.starts,
            Dir::Backward(_) => &mut ws.rstarts,
        });
        starts.clear();
        starts.resize(n, 0);
        let (pidx, plist) = match dir {
            Dir::Forward => (&self.fpred_idx, &self.fpred_list),
            Dir::Backward(_) => (&self.bpred_idx, &self.bpred_list),
        };
        let mut makespan = 0i64;
        let mut max_finish = 0i64;
        ws.unresolved = 0;
        for &j in order {
            let job = &self.jobs[j];
            let mut t = match dir {
                Dir::Forward => job.release,
                Dir::Backward(_) => 0,
            };
            for &(p, l) in &plist[pidx[j] as usize..pidx[j + 1] as usize] {
                t = t.max(starts[p as usize] + l);
            }
            t = t.max(0);
            let d = job.duration;
            let dem = &self.dem_list[self.dem_idx[j] as usize..self.dem_idx[j + 1] as usize];
            if d > 0 && !job.fixed && !dem.is_empty() {
                let t0 = t;
                t = self.find(ws, dir, j, dem, t, max_finish);
                if let (Dir::Forward, Some(l)) = (dir, job.latest) {
                    if t > l {
                        t = t0;
                        ws.unresolved += 1;
                    }
                }
            }
            starts[j] = t;
            if d > 0 {
                let end = (t + d) as usize;
                self.grow(ws, dir, end);
                for &(r, q) in dem {
                    for v in &mut ws.avail[r as usize][t as usize..end] {
                        *v -= q;
                    }
                }
                max_finish = max_finish.max(t + d);
            }
            makespan = makespan.max(t + d);
        }
        match dir {
            Dir::Forward => ws.starts = starts,
            Dir::Backward(_) => ws.rstarts = starts,
        }
        makespan
    }

    /// What the search minimises: unresolved conflicts first, then the makespan.
    fn score(ws: &Workspace, makespan: i64) -> i64 {
        ws.unresolved * (1 << 40) + makespan
    }

    /// Earliest `t ≥ t0` at which job `j` fits every resource for its duration.
    fn find(
        &self,
        ws: &mut Workspace,
        dir: Dir,
        j: usize,
        dem: &[(u32, i32)],
        mut t: i64,
        max_finish: i64,
    ) -> i64 {
        let d = self.jobs[j].duration;
        // Beyond this time every capacity is constant and nothing is scheduled.
        let settled = match dir {
            Dir::Forward => self.settled,
            Dir::Backward(h) => h,
        }
        .max(max_finish);
        // verified[k]: the window of demand k is known clean from the current `t` up to
        // this time, so a resource is never rescanned over periods it already passed.
        let mut verified = [0i64; 8];
        loop {
            if t > settled {
                // Past every change and every scheduled job: the job fits now if the
                // tail capacity allows, and never otherwise.
                if dem.iter().any(|&(r, q)| ws.fill[r as usize] < q) {
                    ws.stuck.get_or_insert(j);
                }
                return t;
            }
            let end = t + d;
            self.grow(ws, dir, end as usize);
            let mut moved = false;
            for (k, &(r, q)) in dem.iter().enumerate() {
                let from = verified.get(k).map_or(t, |v| (*v).max(t));
                if from >= end {
                    continue;
                }
                let a = &ws.avail[r as usize][from as usize..end as usize];
                // Scan from the end: the last conflict gives the longest jump.
                let hit = a.iter().rposition(|&v| v < q);
                if let Some(v) = verified.get_mut(k) {
                    *v = end;
                }
                if let Some(p) = hit {
                    t = from + p as i64 + 1;
                    moved = true;
                    break;
                }
            }
            if !moved {
                return t;
            }
        }
    }

    /// Forward–backward improvement of the forward schedule in `ws.starts` with
    /// makespan `m`: a backward pass (decreasing finish) and a forward pass (decreasing
    /// backward finish), repeated while they shorten the schedule when `ws.repeat` is set
    /// (fast mode: J120 39.27% → 38.48% above LB0 for 2.5 → 4.2 ms) and done once in the
    /// genetic algorithm, where the schedules are better spent on children. Leaves the
    /// better forward schedule in `ws.starts` and returns its makespan; counts the
    /// schedules into `count`.
    fn justify(&self, ws: &mut Workspace, m: i64, count: &mut u64) -> i64 {
        let mut m = m;
        // Past SAMPLE_JOBS jobs a few rounds take most of the gain; each round is two
        // passes over the whole plan.
        let mut rounds = if self.jobs.len() > SAMPLE_JOBS {
            3
        } else {
            usize::MAX
        };
        loop {
            let m2 = self.justify_once(ws, m, count);
            rounds -= 1;
            if !(ws.repeat && m2 < m) || rounds == 0 {
                return m2;
            }
            m = m2;
        }
    }

    fn justify_once(&self, ws: &mut Workspace, m: i64, count: &mut u64) -> i64 {
        let n = self.jobs.len();
        let score = Self::score(ws, m);
        let mut keys = std::mem::take(&mut ws.keys);
        let mut order = std::mem::take(&mut ws.order);
        keys.clear();
        keys.extend((0..n).map(|j| -(ws.starts[j] + self.jobs[j].duration)));
        self.keyed_order(&keys, true, &mut order);
        self.sgs(ws, &order, Dir::Backward(m));
        keys.clear();
        keys.extend((0..n).map(|j| -(ws.rstarts[j] + self.jobs[j].duration)));
        self.keyed_order(&keys, false, &mut order);
        std::mem::swap(&mut ws.starts, &mut ws.prev);
        let prev_stuck = ws.stuck;
        let prev_unresolved = ws.unresolved;
        let m2 = self.sgs(ws, &order, Dir::Forward);
        let s2 = Self::score(ws, m2);
        *count += 2;
        ws.keys = keys;
        ws.order = order;
        if s2 <= score && ws.stuck.is_none() {
            return m2;
        }
        std::mem::swap(&mut ws.starts, &mut ws.prev);
        ws.stuck = prev_stuck;
        ws.unresolved = prev_unresolved;
        m
    }

    /// The precedence-feasible order closest to sorting by `keys`: Kahn's algorithm taking
    /// the eligible job with the smallest `(key, index)` (on the reversed graph when
    /// `backward`).
    fn keyed_order(&self, keys: &[i64], backward: bool, out: &mut Vec<usize>) {
        let n = self.jobs.len();
        if self.sortable[usize::from(backward)] && n > 0 {
            // Ties by topological rank (reversed when backward) keep arcs in order. Keys
            // are times, usually within a few times n of each other: a stable counting
            // sort over the jobs in rank order gives the same order as sorting by
            // (key, rank), in O(n + range).
            let lo = keys.iter().copied().min().unwrap_or(0);
            let hi = keys.iter().copied().max().unwrap_or(0);
            let range = hi.saturating_sub(lo).saturating_add(1);
            if range <= 8 * n as i64 + 64 {
                let mut next = vec![0u32; range as usize + 1];
                for &k in keys {
                    next[(k - lo) as usize + 1] += 1;
                }
                for b in 1..next.len() {
                    next[b] += next[b - 1];
                }
                out.clear();
                out.resize(n, 0);
                let mut place = |j: usize| {
                    let b = (keys[j] - lo) as usize;
                    out[next[b] as usize] = j;
                    next[b] += 1;
                };
                if backward {
                    self.topo.iter().rev().for_each(|&j| place(j));
                } else {
                    self.topo.iter().for_each(|&j| place(j));
                }
                return;
            }
        }
        if self.sortable[usize::from(backward)] && n < (1 << 20) {
            let mut packed: Vec<i64> = keys
                .iter()
                .enumerate()
                .map(|(j, &k)| {
                    let r = i64::from(self.rank[j]);
                    k * (1 << 20) + if backward { (1 << 20) - 1 - r } else { r }
                })
                .collect();
            packed.sort_unstable();
            out.clear();
            const MASK: i64 = (1 << 20) - 1;
            out.extend(packed.iter().map(|&p| {
                let tv = p & MASK;
                self.topo[if backward { MASK - tv } else { tv } as usize]
            }));
            return;
        }
        let (into, outof) = if backward {
            (&self.succ, &self.pred)
        } else {
            (&self.pred, &self.succ)
        };
        let mut indeg: Vec<u32> = into.iter().map(|l| l.len() as u32).collect();
        let mut heap: BinaryHeap<std::cmp::Reverse<(i64, usize)>> = (0..n)
            .filter(|&j| indeg[j] == 0)
            .map(|j| std::cmp::Reverse((keys[j], j)))
            .collect();
        out.clear();
        while let Some(std::cmp::Reverse((_, j))) = heap.pop() {
            out.push(j);
            for &(s, _) in &outof[j] {
                indeg[s] -= 1;
                if indeg[s] == 0 {
                    heap.push(std::cmp::Reverse((keys[s], s)));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Priority rules and sampling
// ---------------------------------------------------------------------------------------

/// A priority rule for the serial SGS (smaller value first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriorityRule {
    /// Latest finish time.
    LatestFinish,
    /// Latest start time.
    LatestStart,
    /// Most total successors.
    MostSuccessors,
    /// Greatest rank positional weight.
    Grpw,
    /// Earliest start time.
    EarliestStart,
}

impl PriorityRule {
    /// Every rule, in the order fast mode tries them.
    pub const ALL: [PriorityRule; 5] = [
        PriorityRule::LatestFinish,
        PriorityRule::LatestStart,
        PriorityRule::MostSuccessors,
        PriorityRule::Grpw,
        PriorityRule::EarliestStart,
    ];
}

/// Above this many jobs, sampling perturbs priorities instead of regret sampling.
const RBRS_MAX_JOBS: usize = 1000;

use crate::rng::SplitMix64 as Rng;

impl Instance {
    /// Priority value of job `j` (smaller schedules first), with a user priority
    /// `bias` subtracted (higher user priority first).
    fn priority(&self, rule: PriorityRule, j: usize) -> i64 {
        match rule {
            PriorityRule::LatestFinish => self.ls[j] + self.jobs[j].duration,
            PriorityRule::LatestStart => self.ls[j],
            PriorityRule::MostSuccessors => -(self.total_succ[j] as i64),
            PriorityRule::Grpw => -self.grpw[j],
            PriorityRule::EarliestStart => self.es[j],
        }
    }

    /// A precedence-feasible order: eligible jobs by `(weight, priority, index)`.
    fn rule_order(&self, rule: PriorityRule, weights: &[i64]) -> Vec<usize> {
        let n = self.jobs.len();
        let mut indeg: Vec<usize> = self.pred.iter().map(Vec::len).collect();
        let key = |j: usize| std::cmp::Reverse((-weights[j], self.priority(rule, j), j));
        let mut heap: BinaryHeap<_> = (0..n).filter(|&j| indeg[j] == 0).map(key).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(std::cmp::Reverse((_, _, j))) = heap.pop() {
            order.push(j);
            for &(s, _) in &self.succ[j] {
                indeg[s] -= 1;
                if indeg[s] == 0 {
                    heap.push(key(s));
                }
            }
        }
        order
    }

    /// Regret-based biased random sampling on latest finish (Kolisch 1995); above
    /// `RBRS_MAX_JOBS` jobs, where the eligible set makes regret sampling quadratic, latest
    /// finish perturbed by uniform noise (a tenth of the critical path) instead, in
    /// O(n log n).
    fn sample_order(&self, rng: &mut Rng, weights: &[i64]) -> Vec<usize> {
        let n = self.jobs.len();
        if n > RBRS_MAX_JOBS {
            let spread = (self.cpm_len / 10).max(1) as f64;
            let keys: Vec<i64> = (0..n)
                .map(|j| {
                    self.ls[j] + self.jobs[j].duration - weights[j] * 1_000_000
                        + (rng.unit() * spread) as i64
                })
                .collect();
            let mut indeg: Vec<usize> = self.pred.iter().map(Vec::len).collect();
            let key = |j: usize| std::cmp::Reverse((keys[j], j));
            let mut heap: BinaryHeap<_> = (0..n).filter(|&j| indeg[j] == 0).map(key).collect();
            let mut order = Vec::with_capacity(n);
            while let Some(std::cmp::Reverse((_, j))) = heap.pop() {
                order.push(j);
                for &(s, _) in &self.succ[j] {
                    indeg[s] -= 1;
                    if indeg[s] == 0 {
                        heap.push(key(s));
                    }
                }
            }
            return order;
        }
        let mut indeg: Vec<usize> = self.pred.iter().map(Vec::len).collect();
        let mut elig: Vec<usize> = (0..n).filter(|&j| indeg[j] == 0).collect();
        let mut order = Vec::with_capacity(n);
        let prio = |j: usize| self.ls[j] + self.jobs[j].duration - weights[j] * 1_000_000;
        let mut w: Vec<f64> = Vec::new();
        while !elig.is_empty() {
            let worst = elig.iter().map(|&j| prio(j)).max().unwrap_or(0);
            w.clear();
            w.extend(elig.iter().map(|&j| {
                let r = (worst - prio(j)) as f64 + 1.0;
                r * r
            }));
            let total: f64 = w.iter().sum();
            let mut x = rng.unit() * total;
            let mut k = elig.len() - 1;
            for (i, wi) in w.iter().enumerate() {
                if x < *wi {
                    k = i;
                    break;
                }
                x -= wi;
            }
            let j = elig.swap_remove(k);
            order.push(j);
            for &(s, _) in &self.succ[j] {
                indeg[s] -= 1;
                if indeg[s] == 0 {
                    elig.push(s);
                }
            }
        }
        order
    }
}

// ---------------------------------------------------------------------------------------
// Solver
// ---------------------------------------------------------------------------------------

/// Jobs up to which fast mode draws all of [`SolveOptions::samples`].
pub const SAMPLE_JOBS: usize = 4_000;

/// How hard to search.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveOptions {
    /// Run the genetic algorithm after the priority rules.
    pub optimize: bool,
    /// Biased random samples in fast mode (each justified). Past
    /// [`SAMPLE_JOBS`] jobs the count shrinks in proportion (at least 2), so fast mode's
    /// work grows linearly with the plan instead of as 45 full passes of it.
    pub samples: usize,
    /// Schedule budget of the genetic algorithm (SGS passes, justification included).
    pub max_schedules: u64,
    /// Wall-time budget of the genetic algorithm in seconds (`None`: schedules only).
    /// A time budget makes the result depend on machine speed.
    pub time_limit: Option<f64>,
    /// Seed of the random stream.
    pub seed: u64,
    /// User priority per job (higher is scheduled first); empty for none.
    pub weights: Vec<i64>,
    /// Progress and cancel hook of the genetic algorithm (see [`crate::Watch`]).
    pub watch: Option<crate::Watch>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        Self {
            optimize: false,
            samples: 40,
            max_schedules: 50_000,
            time_limit: None,
            seed: 1,
            weights: Vec::new(),
            watch: None,
        }
    }
}

/// A solution of an [`Instance`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// Start of every job.
    pub starts: Vec<i64>,
    /// Latest finish.
    pub makespan: i64,
    /// Jobs left over capacity because of their latest start.
    pub unresolved: usize,
    /// Schedules generated (SGS passes).
    pub schedules: u64,
}

#[derive(Clone)]
struct Individual {
    order: Vec<usize>,
    makespan: i64,
    starts: Vec<i64>,
    stuck: Option<usize>,
    unresolved: i64,
    /// Secondary objective: the sum of finish times.
    tie: i64,
}

impl Instance {
    /// Decodes an order, justifies it, and re-encodes the order by start time.
    fn evaluate(&self, ws: &mut Workspace, order: &[usize], count: &mut u64) -> Individual {
        ws.stuck = None;
        let m = self.sgs(ws, order, Dir::Forward);
        *count += 1;
        let m = if ws.stuck.is_none() {
            self.justify(ws, m, count)
        } else {
            m
        };
        let starts = ws.starts.clone();
        let mut reordered = Vec::with_capacity(order.len());
        self.keyed_order(&starts, false, &mut reordered);
        Individual {
            order: reordered,
            // An order that strands a job is never preferred.
            makespan: if ws.stuck.is_some() {
                i64::MAX / 4
            } else {
                Self::score(ws, m)
            },
            tie: starts
                .iter()
                .zip(&self.jobs)
                .map(|(s, j)| s + j.duration)
                .sum(),
            starts,
            stuck: ws.stuck,
            unresolved: ws.unresolved,
        }
    }

    /// Moves a random job of `order` to a random position between its last predecessor
    /// and its first successor.
    fn shift(&self, order: &mut Vec<usize>, rng: &mut Rng) {
        let n = order.len();
        if n < 2 {
            return;
        }
        let i = rng.below(n);
        let j = order[i];
        let mut pos = vec![0usize; n];
        for (k, &x) in order.iter().enumerate() {
            pos[x] = k;
        }
        let lo = self.pred[j]
            .iter()
            .map(|&(p, _)| pos[p] + 1)
            .max()
            .unwrap_or(0);
        let hi = self.succ[j]
            .iter()
            .map(|&(q, _)| pos[q])
            .min()
            .unwrap_or(n)
            .saturating_sub(1);
        if hi <= lo {
            return;
        }
        let to = lo + rng.below(hi - lo + 1);
        let job = order.remove(i);
        order.insert(to, job);
    }

    fn is_arc(&self, a: usize, b: usize) -> bool {
        self.succ[a].binary_search_by(|x| x.0.cmp(&b)).is_ok()
    }

    /// Solves the instance: priority rules and sampling, then (optionally) the genetic
    /// algorithm. Deterministic for a seed and a schedule budget.
    ///
    /// # Errors
    /// [`NeverFits`] when some job cannot be placed in any order (its only capacity
    /// window lies before its precedence-feasible start).
    pub fn solve(&self, opts: &SolveOptions) -> Result<Solution, NeverFits> {
        let n = self.jobs.len();
        let zero = vec![0i64; n];
        let weights: &[i64] = if opts.weights.len() == n {
            &opts.weights
        } else {
            &zero
        };
        let mut ws = Workspace {
            repeat: true,
            ..Workspace::default()
        };
        let mut count = 0u64;
        let lb = self.lower_bound();
        let mut pool: Vec<Individual> = Vec::new();
        for rule in PriorityRule::ALL {
            let order = self.rule_order(rule, weights);
            pool.push(self.evaluate(&mut ws, &order, &mut count));
        }
        let mut best = pool
            .iter()
            .min_by_key(|i| i.makespan)
            .cloned()
            .unwrap_or(Individual {
                order: Vec::new(),
                makespan: 0,
                starts: Vec::new(),
                stuck: None,
                unresolved: 0,
                tie: 0,
            });
        let mut rng = Rng::new(opts.seed);
        let samples = if n > SAMPLE_JOBS {
            (opts.samples * SAMPLE_JOBS / n).max(2)
        } else {
            opts.samples
        };
        for _ in 0..samples {
            if best.makespan <= lb {
                break;
            }
            let order = self.sample_order(&mut rng, weights);
            let ind = self.evaluate(&mut ws, &order, &mut count);
            if ind.makespan < best.makespan {
                best = ind.clone();
            }
            pool.push(ind);
        }
        if opts.optimize && best.makespan > lb {
            ws.repeat = false;
            self.genetic(
                &mut ws, &mut rng, opts, weights, pool, &mut best, &mut count, lb,
            );
        }
        if let Some(job) = best.stuck {
            let (resource, units) = self.jobs[job]
                .demand
                .iter()
                .copied()
                .find(|&(r, q)| self.caps[r].tail() < q)
                .unwrap_or((0, 0));
            return Err(NeverFits {
                job,
                resource,
                units,
                available: self.caps.get(resource).map_or(0, Capacity::tail),
            });
        }
        let makespan = (0..n)
            .map(|j| best.starts[j] + self.jobs[j].duration)
            .max()
            .unwrap_or(0);
        Ok(Solution {
            starts: if n == 0 { Vec::new() } else { best.starts },
            makespan,
            unresolved: best.unresolved as usize,
            schedules: count,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn genetic(
        &self,
        ws: &mut Workspace,
        rng: &mut Rng,
        opts: &SolveOptions,
        weights: &[i64],
        mut pop: Vec<Individual>,
        best: &mut Individual,
        count: &mut u64,
        lb: i64,
    ) {
        let n = self.jobs.len();
        // Only read the clock when there is a time budget (wasm32 has no clock).
        let started = opts.time_limit.map(|_| std::time::Instant::now());
        // Tuned on every 20th J120 instance at 50,000 schedules (BENCHMARKS.md):
        // population 40 → 26.05%, 100 → 25.27%, 200 → 25.00% above LB0; mutation
        // 0.02–0.10 and the restart threshold hardly matter.
        let size = 200usize;
        let pm = 0.05;
        let stale_max = 30usize;
        // Plateau breaking and intensification, measured on J30 (every 4th, 100,000
        // schedules) and J120 (every 20th, 50,000): ranking ties by the sum of finish
        // times: J30 0.154% → 0.148% above optimum, J120 25.00% → 24.76% above LB0;
        // plus shift moves around the elite in the second half of the budget (half the
        // children): J30 0.130%, J120 24.73%.
        let p_ls = 0.5;
        let late = 0.5;
        let key = |a: &Individual| (a.makespan, a.tie);
        // Half the crossovers are peak crossovers: J30 0.130% → 0.111%, J120 24.73% →
        // 24.62% on the subsets above (all peak: J30 0.101%, J120 25.07%).
        let p_peak = 0.5;
        let mut rur: Vec<f64> = Vec::new();
        while pop.len() < size {
            let order = self.sample_order(rng, weights);
            pop.push(self.evaluate(ws, &order, count));
        }
        // The hook is asked once per 256 schedules (a generation is about 200).
        let mut next_tick = 0u64;
        let mut stopped = false;
        let mut out_of_budget = |count: u64| {
            if let Some(w) = opts.watch.as_ref().filter(|_| count >= next_tick) {
                next_tick = count + 256;
                stopped |= !w.tick(count.min(opts.max_schedules), opts.max_schedules);
            }
            stopped
                || count >= opts.max_schedules
                || opts
                    .time_limit
                    .zip(started)
                    .is_some_and(|(s, t0)| t0.elapsed().as_secs_f64() >= s)
        };
        let mut stale = 0usize;
        let mut used = vec![false; n];
        while !out_of_budget(*count) {
            pop.sort_by_key(key);
            pop.dedup_by(|b, a| a.makespan == b.makespan && a.starts == b.starts);
            pop.truncate(size);
            let top = pop[0].makespan;
            if top < best.makespan {
                *best = pop[0].clone();
                stale = 0;
            } else {
                stale += 1;
            }
            if top <= lb {
                return;
            }
            if stale > stale_max {
                // Diversify: keep the elite, resample the rest.
                pop.truncate(size / 5);
                while pop.len() < size {
                    let order = self.sample_order(rng, weights);
                    pop.push(self.evaluate(ws, &order, count));
                }
                stale = 0;
                continue;
            }
            let parents = pop.len();
            let mut children = Vec::with_capacity(parents);
            for _ in 0..parents / 2 {
                // Ranking selection: the better of two random parents, twice.
                let pick = |rng: &mut Rng| {
                    let a = rng.below(parents);
                    let b = rng.below(parents);
                    a.min(b)
                };
                let mo = pick(rng);
                let mut fa = pick(rng);
                if fa == mo {
                    fa = (fa + 1) % parents;
                }
                let q1 = rng.below(n + 1);
                let q2 = rng.below(n + 1);
                let (q1, q2) = (q1.min(q2), q1.max(q2));
                for (x, y) in [(mo, fa), (fa, mo)] {
                    let frac = (*count as f64 / opts.max_schedules as f64).max(
                        opts.time_limit
                            .zip(started)
                            .map_or(0.0, |(l, t0)| t0.elapsed().as_secs_f64() / l),
                    );
                    if frac >= late && rng.unit() < p_ls {
                        let e = rng.below(parents.min(5));
                        let mut child = pop[e].order.clone();
                        let moves = 1 + rng.below(3);
                        for _ in 0..moves {
                            self.shift(&mut child, rng);
                        }
                        children.push(self.evaluate(ws, &child, count));
                        continue;
                    }
                    let mut child = if rng.unit() < p_peak {
                        self.peak_crossover(&pop[x], &pop[y], rng, &mut rur, &mut used)
                    } else {
                        two_point(&pop[x].order, &pop[y].order, q1, q2, &mut used)
                    };
                    for i in 0..n.saturating_sub(1) {
                        if rng.unit() < pm && !self.is_arc(child[i], child[i + 1]) {
                            child.swap(i, i + 1);
                        }
                    }
                    children.push(self.evaluate(ws, &child, count));
                    if out_of_budget(*count) {
                        break;
                    }
                }
                if out_of_budget(*count) {
                    break;
                }
            }
            pop.extend(children);
        }
        pop.sort_by_key(|a| a.makespan);
        if let Some(top) = pop.first() {
            if top.makespan < best.makespan {
                *best = top.clone();
            }
        }
    }
}

impl Instance {
    /// Peak crossover (Valls, Ballestín & Quintanilla 2008): the jobs the mother starts
    /// in her busiest stretch of time keep her order; the rest follow the father. The
    /// child is `[jobs the mother starts before the peak, father's order] + [peak jobs,
    /// by the mother's start] + [the rest, father's order]`, precedence-feasible because
    /// each block is closed under predecessors given the blocks before it.
    fn peak_crossover(
        &self,
        mother: &Individual,
        father: &Individual,
        rng: &mut Rng,
        rur: &mut Vec<f64>,
        used: &mut [bool],
    ) -> Vec<usize> {
        let n = self.jobs.len();
        let span = mother.makespan.clamp(1, 1 << 24) as usize;
        rur.clear();
        rur.resize(span + 1, 0.0);
        for (j, job) in self.jobs.iter().enumerate() {
            let s = mother.starts[j].clamp(0, span as i64) as usize;
            let e = (mother.starts[j] + job.duration).clamp(0, span as i64) as usize;
            for &(r, q) in &job.demand {
                let c = f64::from(self.caps[r].tail().max(1));
                for v in &mut rur[s..e] {
                    *v += f64::from(q) / c;
                }
            }
        }
        // Window of a random length between a quarter and a half of the makespan.
        let len = (span / 4 + rng.below(span / 4 + 1)).max(1).min(span);
        let mut sum: f64 = rur[..len].iter().sum();
        let (mut best, mut t1) = (sum, 0usize);
        for t in len..span {
            sum += rur[t] - rur[t - len];
            if sum > best {
                best = sum;
                t1 = t + 1 - len;
            }
        }
        let (lo, hi) = (t1 as i64, (t1 + len) as i64);
        used.iter_mut().for_each(|u| *u = false);
        let mut out = Vec::with_capacity(n);
        for &j in &father.order {
            if mother.starts[j] < lo {
                used[j] = true;
                out.push(j);
            }
        }
        for &j in &mother.order {
            if !used[j] && mother.starts[j] < hi {
                used[j] = true;
                out.push(j);
            }
        }
        for &j in &father.order {
            if !used[j] {
                used[j] = true;
                out.push(j);
            }
        }
        out
    }
}

/// Hartmann's two-point crossover: positions `..q1` from `a`, then `q1..q2` the jobs of
/// `b` not yet taken in `b`'s order, then the rest from `a`'s order. Precedence-feasible
/// when both parents are.
fn two_point(a: &[usize], b: &[usize], q1: usize, q2: usize, used: &mut [bool]) -> Vec<usize> {
    let n = a.len();
    used.iter_mut().for_each(|u| *u = false);
    let mut out = Vec::with_capacity(n);
    for &j in &a[..q1] {
        used[j] = true;
        out.push(j);
    }
    for &j in b {
        if out.len() >= q2 {
            break;
        }
        if !used[j] {
            used[j] = true;
            out.push(j);
        }
    }
    for &j in a {
        if !used[j] {
            used[j] = true;
            out.push(j);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(d: i64, demand: Vec<(usize, i32)>) -> Job {
        Job {
            duration: d,
            release: 0,
            demand,
            fixed: false,
            latest: None,
        }
    }

    #[test]
    fn two_jobs_share_one_resource_in_sequence() {
        let inst = Instance::new(
            vec![job(3, vec![(0, 1)]), job(2, vec![(0, 1)])],
            &[],
            vec![Capacity::constant(1)],
        )
        .unwrap();
        let s = inst.solve(&SolveOptions::default()).unwrap();
        assert_eq!(s.makespan, 5);
        inst.check(&s.starts).unwrap();
    }

    #[test]
    fn capacity_steps_and_windows() {
        let c = Capacity::steps(vec![(0, 1), (10, 3), (20, 0)]);
        assert_eq!(c.at(5), 1);
        assert_eq!(c.at(15), 3);
        assert_eq!(c.at(25), 0);
        assert!(c.has_window(3, 10));
        assert!(!c.has_window(3, 11));
        assert_eq!(c.max(), 3);
    }

    #[test]
    fn never_fits_is_reported() {
        let e = Instance::new(vec![job(3, vec![(0, 4)])], &[], vec![Capacity::constant(2)]);
        assert!(matches!(
            e,
            Err(InstanceError::NeverFits(NeverFits {
                job: 0,
                resource: 0,
                units: 4,
                available: 2
            }))
        ));
    }

    #[test]
    fn a_job_waits_for_capacity_to_return() {
        // Capacity 0 during [2, 6): a 3-unit job cannot start before 6.
        let inst = Instance::new(
            vec![job(3, vec![(0, 1)])],
            &[],
            vec![Capacity::steps(vec![(0, 1), (2, 0), (6, 1)])],
        )
        .unwrap();
        let s = inst.solve(&SolveOptions::default()).unwrap();
        assert_eq!(s.starts, vec![6]);
    }
}
