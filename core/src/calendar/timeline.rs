//! The compiled form of a [`Calendar`] used inside the scheduler.
//!
//! Times are absolute minutes since the epoch (midnight of the project's start date);
//! a working index is the number of working minutes between the epoch and a time
//! (negative before the epoch). A day table with prefix sums makes `work_at` O(1) and
//! a bucket index makes `start_at`/`finish_at` O(1) amortized; within a day, per-pattern
//! look-up tables give the working minutes before a minute of the day and the minute at
//! which a working minute starts or ends, so every working-time addition in the CPM
//! passes is integer arithmetic plus a few table reads.
//! The table grows by doubling when a computation leaves it.

use chrono::{Days, NaiveDate};

use super::{Calendar, CalendarError};
use crate::ids::CalendarId;

const BUCKET: i64 = 256;
const MIN_DATE: NaiveDate = NaiveDate::MIN;

/// A calendar compiled over a growing range of days around the epoch.
#[derive(Debug, Clone)]
pub(crate) struct Timeline<'a> {
    cal: &'a Calendar,
    id: CalendarId,
    epoch: NaiveDate,
    /// Day number (relative to the epoch) of `cum[0]`; always ≤ 0.
    first_day: i64,
    /// `cum[i]` = working minutes from the epoch to the start of day `first_day + i`.
    cum: Vec<i64>,
    /// Pattern index per day.
    day_pat: Vec<u32>,
    /// Distinct interval sets, as (start, end) minute pairs.
    patterns: Vec<Vec<(i64, i64)>>,
    /// `bucket[k]` = largest day index `i` with `cum[i] <= cum[0] + k * BUCKET`.
    bucket: Vec<u32>,
    /// Per pattern, 1440 entries: working minutes of the day before minute-of-day `m`.
    pat_work: Vec<u16>,
    /// Per pattern, from `pat_off[p]`: the minute of the day at which the day's working
    /// minute `r` starts (a start), then, from `pat_off[p] + len`, at which it ends.
    pat_at: Vec<u16>,
    /// Offsets into `pat_at`, one per pattern plus one.
    pat_off: Vec<u32>,
}

fn date_limit_days(epoch: NaiveDate) -> (i64, i64) {
    let lo = (NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(MIN_DATE) - epoch).num_days();
    let hi = (NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(MIN_DATE) - epoch).num_days();
    (lo, hi)
}

impl<'a> Timeline<'a> {
    /// Compiles `cal` for days `[-before, after)` around `epoch`.
    pub(crate) fn new(
        cal: &'a Calendar,
        id: CalendarId,
        epoch: NaiveDate,
        before: i64,
        after: i64,
    ) -> Result<Self, CalendarError> {
        let mut t = Timeline {
            cal,
            id,
            epoch,
            first_day: 0,
            cum: vec![0],
            day_pat: vec![],
            patterns: vec![],
            bucket: vec![],
            pat_work: vec![],
            pat_at: vec![],
            pat_off: vec![0],
        };
        t.rebuild(-before.max(1), after.max(1))?;
        Ok(t)
    }

    /// The calendar's id (for errors).
    pub(crate) fn id(&self) -> CalendarId {
        self.id
    }

    fn overflow(&self) -> CalendarError {
        CalendarError::Overflow { calendar: self.id }
    }

    fn end_day(&self) -> i64 {
        self.first_day + self.day_pat.len() as i64
    }

    fn rebuild(&mut self, first: i64, end: i64) -> Result<(), CalendarError> {
        let (lo, hi) = date_limit_days(self.epoch);
        let first = first.max(lo).min(0);
        let end = end.min(hi).max(1);
        let n = (end - first) as usize;
        let mut day_pat = Vec::with_capacity(n);
        let mut cum = Vec::with_capacity(n + 1);
        let start_date = if first < 0 {
            self.epoch.checked_sub_days(Days::new(first.unsigned_abs()))
        } else {
            Some(self.epoch)
        }
        .ok_or_else(|| self.overflow())?;
        let mut acc = 0i64;
        let mut at_epoch = 0i64;
        let mut date = start_date;
        for i in 0..n {
            if first + i as i64 == 0 {
                at_epoch = acc;
            }
            cum.push(acc);
            let iv = self.cal.intervals_on(date);
            let pat = match self.patterns.iter().position(|p| {
                p.len() == iv.len()
                    && p.iter()
                        .zip(iv)
                        .all(|(a, b)| a.0 == i64::from(b.start()) && a.1 == i64::from(b.end()))
            }) {
                Some(p) => p,
                None => {
                    self.patterns.push(
                        iv.iter()
                            .map(|w| (i64::from(w.start()), i64::from(w.end())))
                            .collect(),
                    );
                    self.patterns.len() - 1
                }
            };
            acc += self.patterns[pat].iter().map(|(s, e)| e - s).sum::<i64>();
            day_pat.push(pat as u32);
            date = match date.succ_opt() {
                Some(d) => d,
                None if i + 1 == n => date,
                None => return Err(self.overflow()),
            };
        }
        cum.push(acc);
        for c in &mut cum {
            *c -= at_epoch;
        }
        // Bucket index over working time.
        let base = cum[0];
        let total = cum[n] - base;
        let nb = (total / BUCKET + 1) as usize;
        let mut bucket = Vec::with_capacity(nb);
        let mut i = 0usize;
        for k in 0..nb {
            let w = base + k as i64 * BUCKET;
            while i + 1 < n && cum[i + 1] <= w {
                i += 1;
            }
            bucket.push(i as u32);
        }
        self.first_day = first;
        self.cum = cum;
        self.day_pat = day_pat;
        self.bucket = bucket;
        self.index_patterns();
        Ok(())
    }

    /// Look-up tables for the patterns added since the last call, so that a conversion
    /// is a table read instead of a walk over the day's intervals.
    fn index_patterns(&mut self) {
        for p in &self.patterns[self.pat_off.len() - 1..] {
            let mut w = 0u16;
            let mut k = 0;
            for m in 0..1440i64 {
                // Working minutes strictly before minute `m`.
                self.pat_work.push(w);
                while k < p.len() && p[k].1 <= m {
                    k += 1;
                }
                if k < p.len() && p[k].0 <= m {
                    w += 1;
                }
            }
            // Starts: working minute r begins at minute s + r of its interval; finishes:
            // working minute r ends one minute later.
            for &(s, e) in p {
                self.pat_at.extend((s..e).map(|m| m as u16));
            }
            for &(s, e) in p {
                self.pat_at.extend((s + 1..=e).map(|m| m as u16));
            }
            self.pat_off.push(self.pat_at.len() as u32);
        }
    }

    fn grow(&mut self, want_first: i64, want_end: i64) -> Result<(), CalendarError> {
        let len = self.day_pat.len() as i64;
        let first = if want_first < self.first_day {
            want_first.min(self.first_day - len)
        } else {
            self.first_day
        };
        let end = if want_end > self.end_day() {
            want_end.max(self.end_day() + len)
        } else {
            self.end_day()
        };
        let (old_first, old_end) = (self.first_day, self.end_day());
        self.rebuild(first, end)?;
        if self.first_day == old_first && self.end_day() == old_end {
            return Err(self.overflow());
        }
        Ok(())
    }

    fn ensure_day(&mut self, day: i64) -> Result<(), CalendarError> {
        while day < self.first_day || day >= self.end_day() {
            self.grow(day, day + 1)?;
        }
        Ok(())
    }

    /// Ensures `cum[0] <= lo` and `cum[n] >= hi`.
    fn ensure_work(&mut self, lo: i64, hi: i64) -> Result<(), CalendarError> {
        while self.cum[0] > lo {
            let len = self.day_pat.len() as i64;
            self.grow(self.first_day - len, self.end_day())?;
        }
        while self.cum[self.cum.len() - 1] < hi {
            let len = self.day_pat.len() as i64;
            self.grow(self.first_day, self.end_day() + len)?;
        }
        Ok(())
    }

    /// Working minutes between the epoch and absolute minute `t`.
    #[inline(always)]
    pub(crate) fn work_at(&mut self, t: i64) -> Result<i64, CalendarError> {
        let day = t.div_euclid(1440);
        if day < self.first_day || day >= self.end_day() {
            self.ensure_day(day)?;
        }
        let i = (day - self.first_day) as usize;
        let m = t.rem_euclid(1440) as usize;
        Ok(self.cum[i] + i64::from(self.pat_work[self.day_pat[i] as usize * 1440 + m]))
    }

    /// Index of the day holding working minute `w` (the minute from index `w` to `w + 1`).
    #[inline(always)]
    fn day_of(&mut self, w: i64) -> Result<usize, CalendarError> {
        let n = self.day_pat.len();
        if w < self.cum[0] || w >= self.cum[n] {
            self.ensure_work(w, w.checked_add(1).ok_or_else(|| self.overflow())?)?;
        }
        let k = ((w - self.cum[0]) / BUCKET) as usize;
        let mut i = self.bucket[k.min(self.bucket.len() - 1)] as usize;
        while self.cum[i + 1] <= w {
            i += 1;
        }
        Ok(i)
    }

    /// The absolute minute at which working minute `w` starts (a task start).
    #[inline(always)]
    pub(crate) fn start_at(&mut self, w: i64) -> Result<i64, CalendarError> {
        let i = self.day_of(w)?;
        let r = (w - self.cum[i]) as usize;
        let base = (self.first_day + i as i64) * 1440;
        let off = self.pat_off[self.day_pat[i] as usize] as usize;
        Ok(base + i64::from(self.pat_at[off + r]))
    }

    /// The absolute minute at which working minute `w - 1` ends (a task finish).
    #[inline(always)]
    pub(crate) fn finish_at(&mut self, w: i64) -> Result<i64, CalendarError> {
        let i = self.day_of(w.checked_sub(1).ok_or_else(|| self.overflow())?)?;
        let r = (w - self.cum[i]) as usize;
        let base = (self.first_day + i as i64) * 1440;
        let p = self.day_pat[i] as usize;
        let (off, end) = (self.pat_off[p] as usize, self.pat_off[p + 1] as usize);
        // The finish half of the pattern's entries starts halfway.
        Ok(base + i64::from(self.pat_at[off + (end - off) / 2 + r - 1]))
    }

    /// Adds `d` working minutes to working index `w`, checked.
    #[inline(always)]
    pub(crate) fn add(&self, w: i64, d: i64) -> Result<i64, CalendarError> {
        w.checked_add(d).ok_or_else(|| self.overflow())
    }

    /// The next working instant at or after `t`, for a start.
    #[cfg_attr(not(test), allow(dead_code))]
    #[inline(always)]
    pub(crate) fn snap_start(&mut self, t: i64) -> Result<i64, CalendarError> {
        let w = self.work_at(t)?;
        self.start_at(w)
    }

    /// The last working instant at or before `t`, for a finish.
    #[inline(always)]
    pub(crate) fn snap_finish(&mut self, t: i64) -> Result<i64, CalendarError> {
        let w = self.work_at(t)?;
        self.finish_at(w)
    }

    #[cfg_attr(not(test), allow(dead_code))]
    /// `true` when `t` lies within or on the boundary of a working interval.
    pub(crate) fn is_working_instant(&mut self, t: i64) -> Result<bool, CalendarError> {
        Ok(self.snap_start(t)? == t || self.snap_finish(t)? == t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epoch() -> NaiveDate {
        // A Monday.
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
    }

    #[test]
    fn standard_week_arithmetic() {
        let cal = Calendar::standard();
        let mut t = Timeline::new(&cal, CalendarId(0), epoch(), 1, 2).unwrap();
        // Monday 08:00 is working index 0.
        assert_eq!(t.work_at(8 * 60).unwrap(), 0);
        assert_eq!(t.start_at(0).unwrap(), 8 * 60);
        // One day of work from Monday 08:00 finishes Monday 17:00, not Tuesday 08:00.
        assert_eq!(t.finish_at(480).unwrap(), 17 * 60);
        assert_eq!(t.start_at(480).unwrap(), 1440 + 8 * 60);
        // Five days finish Friday 17:00; the next start is Monday 08:00 (growth past the table).
        assert_eq!(t.finish_at(2400).unwrap(), 4 * 1440 + 17 * 60);
        assert_eq!(t.start_at(2400).unwrap(), 7 * 1440 + 8 * 60);
        // Lunch: 12:00 is a finish, 13:00 a start.
        assert_eq!(t.finish_at(240).unwrap(), 12 * 60);
        assert_eq!(t.start_at(240).unwrap(), 13 * 60);
        // Before the epoch: Friday 17:00 of the previous week is working index 0 too.
        assert_eq!(t.finish_at(0).unwrap(), -3 * 1440 + 17 * 60);
        assert_eq!(t.work_at(-3 * 1440 + 12 * 60).unwrap(), -240);
        // Far future growth keeps arithmetic exact: 52 weeks later.
        let w = 52 * 2400;
        assert_eq!(t.start_at(w).unwrap(), 52 * 7 * 1440 + 8 * 60);
        assert!(t.is_working_instant(17 * 60).unwrap());
        assert!(!t.is_working_instant(18 * 60).unwrap());
    }

    /// The look-up tables against a minute-by-minute count, on a calendar with a working
    /// midnight (00:00–00:30), adjacent intervals, a 22:00–24:00 evening and a 24-hour
    /// Sunday, over three weeks either side of the epoch.
    #[test]
    fn tables_match_a_minute_count() {
        use super::super::WorkingInterval;
        use chrono::Weekday;
        let iv = |a, b| WorkingInterval::new(a, b).unwrap();
        let cal = Calendar::standard()
            .with_weekday(
                Weekday::Tue,
                vec![iv(0, 30), iv(480, 600), iv(600, 700), iv(1320, 1440)],
            )
            .unwrap()
            .with_weekday(Weekday::Sun, vec![iv(0, 1440)])
            .unwrap();
        let mut t = Timeline::new(&cal, CalendarId(0), epoch(), 1, 2).unwrap();
        let working = |m: i64| {
            let date = epoch() + chrono::TimeDelta::days(m.div_euclid(1440));
            let x = m.rem_euclid(1440) as u32;
            cal.intervals_on(date)
                .iter()
                .any(|w| w.start() <= x && x < w.end())
        };
        let (lo, hi) = (-21 * 1440, 21 * 1440);
        let mut w = t.work_at(lo).unwrap();
        for m in lo..hi {
            assert_eq!(t.work_at(m).unwrap(), w, "work_at({m})");
            if working(m) {
                // Working minute `w` runs from `m` to `m + 1`.
                assert_eq!(t.start_at(w).unwrap(), m, "start_at({w})");
                assert_eq!(t.finish_at(w + 1).unwrap(), m + 1, "finish_at({})", w + 1);
                w += 1;
            }
        }
    }

    #[test]
    fn overflow_is_an_error() {
        let cal = Calendar::standard();
        let mut t = Timeline::new(&cal, CalendarId(3), epoch(), 1, 2).unwrap();
        assert_eq!(
            t.start_at(i64::MAX / 2),
            Err(CalendarError::Overflow {
                calendar: CalendarId(3)
            })
        );
        assert!(t.add(i64::MAX, 1).is_err());
    }
}
