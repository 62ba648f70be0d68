//! Resource limits inside the CPM forward pass: a serial schedule generation scheme whose
//! activity list is the pass's own topological order. Used by the resource-constrained
//! Monte Carlo (each iteration's sampled durations are resolved against the team's
//! capacity) — the same rule as the leveler's fast serial SGS, on a fixed list.
//!
//! Time is the working-minute index of the project calendar. Each resource keeps its
//! booked units as a step function (sorted change points), so a check or a booking costs
//! the change points inside the task's span, not the length of the plan.

use crate::resources::rcpsp::Capacity;

/// Demands, capacities and the booked profiles of one pass.
#[derive(Clone, Debug)]
pub(crate) struct Limits {
    /// Per task (network index): `dem[dem_idx[t]..dem_idx[t + 1]]` = (resource, units × 1000).
    dem_idx: Vec<u32>,
    dem: Vec<(u32, i32)>,
    /// Per task: keeps its dates whatever the resources (do-not-level, MSO/MFO, ALAP).
    fixed: Vec<bool>,
    /// Capacity per resource on the working-minute axis.
    caps: Vec<Capacity>,
    /// Booked units per resource: `(from, units)` steps, the first at `i64::MIN`.
    booked: Vec<Vec<(i64, i32)>>,
    /// Resolve conflicts in this pass (off: the pass ignores resources).
    pub(crate) on: bool,
    /// Tasks of the last pass that could not be given a conflict-free span.
    pub(crate) unresolved: u32,
    /// Per demand of the task being placed: its resource is known free from the span's
    /// start up to here (a retry only moves the start later, so nothing before is
    /// scanned twice).
    clean: Vec<i64>,
}

/// A walk over one resource's segments from a time on: each step is one stretch
/// `[from, next)` over which both the booked units and the capacity stay the same
/// (`next` is `i64::MAX` for the open-ended last stretch).
struct Segments<'a> {
    booked: &'a [(i64, i32)],
    steps: &'a [(i64, i32)],
    bi: usize,
    ci: usize,
}

/// One stretch of [`Segments`].
struct Segment {
    used: i32,
    avail: i32,
    next: i64,
}

impl<'a> Segments<'a> {
    fn new(booked: &'a [(i64, i32)], steps: &'a [(i64, i32)], from: i64) -> Self {
        Segments {
            booked,
            steps,
            bi: booked.partition_point(|s| s.0 <= from) - 1,
            ci: steps.partition_point(|s| s.0 <= from),
        }
    }
}

impl Iterator for Segments<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        let used = self.booked.get(self.bi)?.1;
        let avail = match self.ci {
            0 => self.steps.first().map_or(0, |s| s.1),
            c => self.steps[c - 1].1,
        };
        let nb = self.booked.get(self.bi + 1).map_or(i64::MAX, |s| s.0);
        let nc = self.steps.get(self.ci).map_or(i64::MAX, |s| s.0);
        let next = nb.min(nc);
        if next == i64::MAX {
            self.bi = usize::MAX - 1; // the open-ended stretch is the last
        } else {
            self.bi += usize::from(nb == next);
            self.ci += usize::from(nc == next);
        }
        Some(Segment { used, avail, next })
    }
}

/// What [`Limits::check`] found for a span.
pub(crate) enum Check {
    /// Every resource has room.
    Fits,
    /// Try again from this working index (the end of the last conflict in the span).
    RetryAt(i64),
    /// A conflict that never ends (capacity below the demand from there on).
    Never,
}

impl Limits {
    /// Limits for `n` tasks from per-task demands (`None` for tasks without any).
    pub(crate) fn new(demands: Vec<(Vec<(u32, i32)>, bool)>, caps: Vec<Capacity>) -> Self {
        let mut dem_idx = Vec::with_capacity(demands.len() + 1);
        let mut dem = Vec::new();
        let mut fixed = Vec::with_capacity(demands.len());
        dem_idx.push(0);
        for (d, f) in demands {
            dem.extend(d);
            dem_idx.push(dem.len() as u32);
            fixed.push(f);
        }
        let booked = vec![vec![(i64::MIN, 0)]; caps.len()];
        Limits {
            dem_idx,
            dem,
            fixed,
            caps,
            booked,
            on: true,
            unresolved: 0,
            clean: Vec::new(),
        }
    }

    /// Clears the bookings before a pass.
    pub(crate) fn reset(&mut self) {
        for b in &mut self.booked {
            b.clear();
            b.push((i64::MIN, 0));
        }
        self.unresolved = 0;
    }

    /// `true` when task `t` takes part in the search (has demands and is not fixed).
    #[inline]
    pub(crate) fn searches(&self, t: usize) -> bool {
        self.on
            && !self.fixed.get(t).copied().unwrap_or(true)
            && self.dem_idx[t] < self.dem_idx[t + 1]
    }

    /// `true` when task `t` books any resource.
    #[inline]
    pub(crate) fn books(&self, t: usize) -> bool {
        self.on && t + 1 < self.dem_idx.len() && self.dem_idx[t] < self.dem_idx[t + 1]
    }

    /// Starts the search for task `t`'s span: nothing is known free yet.
    pub(crate) fn begin(&mut self, t: usize) {
        let k = (self.dem_idx[t + 1] - self.dem_idx[t]) as usize;
        self.clean.clear();
        self.clean.resize(k, i64::MIN);
    }

    /// Whether task `t` fits every resource over working span `[ws, wf)`; after
    /// [`begin`](Self::begin), with `ws` never moving earlier between calls.
    pub(crate) fn check(&mut self, t: usize, ws: i64, wf: i64) -> Check {
        if wf <= ws {
            return Check::Fits;
        }
        let mut retry: Option<i64> = None;
        let (a, b) = (self.dem_idx[t] as usize, self.dem_idx[t + 1] as usize);
        for (k, &(r, q)) in self.dem[a..b].iter().enumerate() {
            let (cap, booked) = (&self.caps[r as usize], &self.booked[r as usize]);
            let steps = cap.step_list();
            let from = self.clean.get(k).copied().unwrap_or(i64::MIN).max(ws);
            if from >= wf {
                continue;
            }
            let mut last: Option<i64> = None; // end of the last conflicting segment
            let mut never = false;
            for seg in Segments::new(booked, steps, from) {
                if seg.used + q > seg.avail {
                    if seg.next == i64::MAX {
                        never = seg.avail < q;
                        last = Some(if never { i64::MAX } else { wf });
                    } else {
                        last = Some(seg.next);
                    }
                }
                if seg.next >= wf {
                    break;
                }
            }
            if never {
                return Check::Never;
            }
            if let Some(e) = last {
                retry = Some(retry.map_or(e, |r: i64| r.max(e)));
            }
        }
        // Past the last conflict every resource is free up to `wf`.
        for c in &mut self.clean {
            *c = (*c).max(wf);
        }
        match retry {
            None => Check::Fits,
            Some(e) => Check::RetryAt(e),
        }
    }

    /// The earliest working index `w ≥ ws` at which task `t` fits every resource for the
    /// `d` working minutes of a span on the project calendar (`[w, w + d)`): one walk
    /// per resource from the current candidate, repeated until every resource agrees,
    /// so a busy profile is crossed once, not once per conflict. `None`: never fits.
    pub(crate) fn earliest(&self, t: usize, ws: i64, d: i64) -> Option<i64> {
        let (a, b) = (self.dem_idx[t] as usize, self.dem_idx[t + 1] as usize);
        let mut c = ws;
        loop {
            let mut moved = false;
            for &(r, q) in &self.dem[a..b] {
                let c2 = self.earliest_on(r as usize, q, c, d)?;
                if c2 > c {
                    c = c2;
                    moved = true;
                }
            }
            if !moved {
                return Some(c);
            }
        }
    }

    fn earliest_on(&self, r: usize, q: i32, from: i64, d: i64) -> Option<i64> {
        let mut cand = from;
        for seg in Segments::new(&self.booked[r], self.caps[r].step_list(), from) {
            if seg.used + q > seg.avail {
                if seg.next == i64::MAX {
                    return None;
                }
                cand = seg.next;
            } else if seg.next == i64::MAX || seg.next - cand >= d {
                return Some(cand);
            }
        }
        None
    }

    /// Books task `t`'s units over `[ws, wf)`.
    pub(crate) fn book(&mut self, t: usize, ws: i64, wf: i64) {
        if wf <= ws {
            return;
        }
        let (a, b) = (self.dem_idx[t] as usize, self.dem_idx[t + 1] as usize);
        for k in a..b {
            let (r, q) = self.dem[k];
            let steps = &mut self.booked[r as usize];
            let split = |steps: &mut Vec<(i64, i32)>, x: i64| -> usize {
                let i = steps.partition_point(|s| s.0 <= x) - 1;
                if steps[i].0 == x {
                    i
                } else {
                    let v = steps[i].1;
                    steps.insert(i + 1, (x, v));
                    i + 1
                }
            };
            let i = split(steps, ws);
            let j = split(steps, wf);
            for s in &mut steps[i..j] {
                s.1 = s.1.saturating_add(q);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(cap: i32) -> Limits {
        Limits::new(
            vec![(vec![(0, 1000)], false), (vec![(0, 1000)], false)],
            vec![Capacity::constant(cap)],
        )
    }

    #[test]
    fn a_booked_span_sends_the_next_task_to_its_end() {
        let mut l = limits(1000);
        l.begin(0);
        assert!(matches!(l.check(0, 0, 480), Check::Fits));
        l.book(0, 0, 480);
        l.begin(1);
        assert!(matches!(l.check(1, 100, 200), Check::RetryAt(480)));
        assert!(matches!(l.check(1, 480, 960), Check::Fits));
        l.book(1, 480, 960);
        l.begin(1);
        assert!(matches!(l.check(1, 0, 1000), Check::RetryAt(960)));
        l.reset();
        l.begin(1);
        assert!(matches!(l.check(1, 0, 1000), Check::Fits));
    }

    #[test]
    fn the_earliest_window_is_found_in_one_walk() {
        let mut l = limits(1000);
        l.book(0, 0, 480);
        l.book(0, 600, 900);
        // 100 minutes fit between 480 and 600; 200 do not, so after 900.
        assert_eq!(l.earliest(1, 0, 100), Some(480));
        assert_eq!(l.earliest(1, 0, 200), Some(900));
        assert_eq!(l.earliest(1, 950, 200), Some(950));
        let never = limits(500);
        assert_eq!(never.earliest(0, 0, 10), None);
        let steps = Limits::new(
            vec![(vec![(0, 1000)], false)],
            vec![Capacity::steps(vec![(0, 0), (960, 1000), (1920, 0)])],
        );
        assert_eq!(steps.earliest(0, 0, 480), Some(960));
        assert_eq!(steps.earliest(0, 0, 1200), None);
    }

    #[test]
    fn a_demand_above_the_capacity_never_fits() {
        let mut l = limits(500);
        l.begin(0);
        assert!(matches!(l.check(0, 0, 480), Check::Never));
        let mut steps = Limits::new(
            vec![(vec![(0, 1000)], false)],
            vec![Capacity::steps(vec![(0, 0), (960, 1000), (1920, 0)])],
        );
        steps.begin(0);
        assert!(matches!(steps.check(0, 0, 480), Check::RetryAt(960)));
        assert!(matches!(steps.check(0, 960, 1440), Check::Fits));
        steps.begin(0);
        assert!(matches!(steps.check(0, 1500, 2000), Check::Never));
    }
}
