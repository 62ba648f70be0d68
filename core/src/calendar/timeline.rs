//! The compiled form of a [`Calendar`] used inside the scheduler.
//!
//! Times are absolute minutes since the epoch (midnight of the project's start date);
//! a working index is the number of working minutes between the epoch and a time
//! (negative before the epoch). A day table with prefix sums makes `work_at` O(1) and
//! a bucket index makes `start_at`/`finish_at` O(1) amortized; within a day, per-pattern
//! look-up tables give the working minutes before a minute of the day and the minute at
//! which a working minute starts or ends, so every working-time addition in the CPM
//! passes is integer arithmetic plus a few table reads.
//! The table grows by doubling when a computation leaves it, up to a cap that rises
//! with the number of queries answered ([`DENSE_MIN_DAYS`], then [`DAYS_PER_QUERY`]
//! per query): a date a file merely names thousands of years away (a deadline in year
//! 1, a start in 9999) is answered by [`Far`]'s arithmetic over weeks, 400-year cycles
//! of yearly holidays and prefix sums of exceptions, in time and memory independent of
//! the distance.

use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate};

use super::{Calendar, CalendarError};
use crate::ids::CalendarId;

const BUCKET: i64 = 256;
/// Days the dense tables may always span (about 45 years).
const DENSE_MIN_DAYS: i64 = 1 << 14;
/// Days of dense table each answered query pays for past [`DENSE_MIN_DAYS`]: a plan whose
/// work really spans centuries gets its tables, a far date named once does not.
const DAYS_PER_QUERY: i64 = 64;
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
    /// Queries answered so far (they pay for dense growth).
    queries: i64,
    /// Days the dense tables may span before queries pay for more.
    min_cap: i64,
    /// Days each query pays for ([`DAYS_PER_QUERY`]; 0 in tests of the far arithmetic).
    per_query: i64,
    /// Arithmetic for days outside the dense tables, built on first use.
    far: Option<Arc<Far>>,
}

/// Working time over any range of days without walking them: the week pattern by whole
/// weeks, yearly holidays by 400-year Gregorian cycles (146,097 days, a whole number of
/// weeks), exceptions by prefix sums of how much they change. Agrees day for day with
/// [`Calendar::intervals_on`] (exceptions over yearly holidays over the week).
#[derive(Debug)]
struct Far {
    epoch: NaiveDate,
    /// Weekday of the epoch, 0 = Monday.
    epoch_wd: i64,
    /// Working minutes per weekday, Monday first.
    week: [i64; 7],
    week_total: i64,
    /// Distinct yearly holidays as (month, day).
    holidays: Vec<(u32, u32)>,
    /// Per holiday, 401 prefix sums over the years 0..400 of a cycle: the working minutes
    /// the holiday takes out of years `0..k` (0 in a year without that date).
    cycle: Vec<i64>,
    /// Exceptions as `[from, end)` day numbers and their working minutes per day.
    exc: Vec<(i64, i64, i64)>,
    /// `exc_pre[i]`: how much exceptions `0..i` change the working time of their days.
    exc_pre: Vec<i64>,
}

fn interval_minutes(v: &[super::WorkingInterval]) -> i64 {
    v.iter().map(|w| i64::from(w.end() - w.start())).sum()
}

impl Far {
    fn new(cal: &Calendar, epoch: NaiveDate) -> Far {
        use chrono::Weekday::*;
        let week = [Mon, Tue, Wed, Thu, Fri, Sat, Sun].map(|d| interval_minutes(cal.week().day(d)));
        let mut holidays: Vec<(u32, u32)> = cal
            .yearly_holidays()
            .iter()
            .map(|h| (h.month, h.day))
            .collect();
        holidays.sort_unstable();
        holidays.dedup();
        let mut cycle = Vec::with_capacity(holidays.len() * 401);
        for &(m, d) in &holidays {
            let mut acc = 0;
            cycle.push(0);
            for y in 0..400 {
                acc += NaiveDate::from_ymd_opt(y, m, d)
                    .map_or(0, |o| week[o.weekday().num_days_from_monday() as usize]);
                cycle.push(acc);
            }
        }
        let day = |d: NaiveDate| (d - epoch).num_days();
        let exc: Vec<(i64, i64, i64)> = cal
            .exceptions()
            .iter()
            .map(|e| (day(e.from), day(e.to) + 1, interval_minutes(&e.working)))
            .collect();
        let mut far = Far {
            epoch,
            epoch_wd: i64::from(epoch.weekday().num_days_from_monday()),
            week,
            week_total: week.iter().sum(),
            holidays,
            cycle,
            exc,
            exc_pre: vec![],
        };
        let mut pre = Vec::with_capacity(far.exc.len() + 1);
        let mut acc = 0;
        pre.push(0);
        for i in 0..far.exc.len() {
            acc += far.delta(i);
            pre.push(acc);
        }
        far.exc_pre = pre;
        far
    }

    /// How much exception `i` changes the working time of its days.
    fn delta(&self, i: usize) -> i64 {
        let (f, e, per) = self.exc[i];
        per * (e - f) - self.regular(f, e)
    }

    fn date(&self, day: i64) -> NaiveDate {
        // Callers stay within years 1–9999, where this cannot fail.
        let d = Days::new(day.unsigned_abs());
        if day < 0 {
            self.epoch.checked_sub_days(d)
        } else {
            self.epoch.checked_add_days(d)
        }
        .unwrap_or(self.epoch)
    }

    /// Working minutes of days `[a, b)` by the week and the yearly holidays alone.
    fn regular(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        let n = b - a;
        let wd = (self.epoch_wd + a).rem_euclid(7);
        let mut s = (n / 7) * self.week_total;
        for k in 0..n % 7 {
            s += self.week[((wd + k) % 7) as usize];
        }
        if self.holidays.is_empty() {
            return s;
        }
        let (first, last) = (self.date(a), self.date(b - 1));
        let (ya, yl) = (first.year(), last.year());
        for (h, &(m, d)) in self.holidays.iter().enumerate() {
            let on = |y: i32| {
                NaiveDate::from_ymd_opt(y, m, d)
                    .filter(|o| *o >= first && *o <= last)
                    .map_or(0, |o| {
                        self.week[o.weekday().num_days_from_monday() as usize]
                    })
            };
            s -= on(ya);
            if yl > ya {
                s -= on(yl) + self.years(h, ya + 1, yl);
            }
        }
        s
    }

    /// Working minutes holiday `h` takes out of the years `[y1, y2)`.
    fn years(&self, h: usize, y1: i32, y2: i32) -> i64 {
        let c = &self.cycle[h * 401..(h + 1) * 401];
        let upto = |y: i32| i64::from(y.div_euclid(400)) * c[400] + c[y.rem_euclid(400) as usize];
        upto(y2) - upto(y1)
    }

    /// Working minutes of days `[a, b)`, `a <= b`.
    fn work(&self, a: i64, b: i64) -> i64 {
        let mut s = self.regular(a, b);
        let i0 = self.exc.partition_point(|e| e.1 <= a);
        let i1 = self.exc.partition_point(|e| e.0 < b);
        if i0 < i1 {
            s += self.exc_pre[i1] - self.exc_pre[i0];
            for i in [i0, i1 - 1] {
                let (f, e, per) = self.exc[i];
                if f < a || e > b {
                    // Only part of it is inside: its overlap's change instead.
                    let (x, y) = (f.max(a), e.min(b));
                    s += per * (y - x) - self.regular(x, y) - self.delta(i);
                }
                if i0 == i1 - 1 {
                    break;
                }
            }
        }
        s
    }
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
            queries: 0,
            min_cap: DENSE_MIN_DAYS,
            per_query: DAYS_PER_QUERY,
            far: None,
        };
        let half = DENSE_MIN_DAYS / 2;
        t.rebuild(-before.clamp(1, half), after.clamp(1, half))?;
        Ok(t)
    }

    /// As [`Timeline::new`] with the dense tables capped at `cap` days whatever the
    /// queries, so tests reach the far arithmetic (small caps) or never use it (large).
    #[cfg(test)]
    fn with_cap(cal: &'a Calendar, epoch: NaiveDate, cap: i64) -> Self {
        let mut t = Timeline::new(cal, CalendarId(0), epoch, 1, 2).unwrap();
        t.min_cap = cap;
        t.per_query = 0;
        t
    }

    /// Days the dense tables span now.
    #[cfg(test)]
    fn dense_days(&self) -> usize {
        self.day_pat.len()
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
            let pat = self.pattern_id(date);
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

    /// The index of `date`'s interval set in `patterns`, added when new (its look-up
    /// tables come with the next [`Timeline::index_patterns`]).
    fn pattern_id(&mut self, date: NaiveDate) -> usize {
        let iv = self.cal.intervals_on(date);
        match self.patterns.iter().position(|p| {
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
        }
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

    /// Days the dense tables may span now.
    fn cap(&self) -> i64 {
        self.min_cap
            .max(self.queries.saturating_mul(self.per_query))
    }

    /// Grows the tables to hold days `[want_first, want_end)`, doubling their span when
    /// that stays within the cap.
    fn grow(&mut self, want_first: i64, want_end: i64) -> Result<(), CalendarError> {
        let len = self.day_pat.len() as i64;
        let mut first = if want_first < self.first_day {
            want_first.min(self.first_day - len)
        } else {
            self.first_day
        };
        let mut end = if want_end > self.end_day() {
            want_end.max(self.end_day() + len)
        } else {
            self.end_day()
        };
        let excess = (end - first) - self.cap();
        if excess > 0 {
            // Give back the doubling past what is wanted.
            let spare = (want_first.min(self.first_day) - first).min(excess);
            first += spare;
            end -= (end - want_end.max(self.end_day())).min(excess - spare);
        }
        let (old_first, old_end) = (self.first_day, self.end_day());
        self.rebuild(first, end)?;
        if self.first_day == old_first && self.end_day() == old_end {
            return Err(self.overflow());
        }
        Ok(())
    }

    /// Grows the tables to hold `day` when the cap allows; `false` when it does not
    /// (the far arithmetic answers).
    #[cold]
    fn cover_day(&mut self, day: i64) -> Result<bool, CalendarError> {
        let (lo, hi) = date_limit_days(self.epoch);
        if day < lo || day > hi {
            return Err(self.overflow());
        }
        if self.end_day().max(day + 1) - self.first_day.min(day) > self.cap() {
            return Ok(false);
        }
        while day < self.first_day || day >= self.end_day() {
            self.grow(day, day + 1)?;
        }
        Ok(true)
    }

    /// Grows the tables until they hold working minute `w`, doubling within the cap;
    /// `false` when the cap stops it first.
    #[cold]
    fn cover_work(&mut self, w: i64) -> Result<bool, CalendarError> {
        let (lo, hi) = date_limit_days(self.epoch);
        while w < self.cum[0] {
            if self.first_day <= lo {
                return Err(self.overflow());
            }
            let want = (self.first_day - self.day_pat.len() as i64).max(lo);
            if self.end_day() - want > self.cap() {
                return Ok(false);
            }
            self.grow(want, self.end_day())?;
        }
        while w >= self.cum[self.cum.len() - 1] {
            if self.end_day() > hi {
                return Err(self.overflow());
            }
            let want = (self.end_day() + self.day_pat.len() as i64).min(hi + 1);
            if want - self.first_day > self.cap() {
                return Ok(false);
            }
            self.grow(self.first_day, want)?;
        }
        Ok(true)
    }

    fn far(&mut self) -> Arc<Far> {
        let (cal, epoch) = (self.cal, self.epoch);
        self.far
            .get_or_insert_with(|| Arc::new(Far::new(cal, epoch)))
            .clone()
    }

    /// Working minutes from the epoch to the start of `day`, a day outside the tables.
    fn far_cum(&self, far: &Far, day: i64) -> i64 {
        if day >= self.end_day() {
            self.cum[self.cum.len() - 1] + far.work(self.end_day(), day)
        } else {
            self.cum[0] - far.work(day, self.first_day)
        }
    }

    /// The pattern of `day`, a day outside the tables, with its look-up tables.
    fn far_pattern(&mut self, far: &Far, day: i64) -> usize {
        let p = self.pattern_id(far.date(day));
        self.index_patterns();
        p
    }

    #[cold]
    fn far_work_at(&mut self, t: i64) -> Result<i64, CalendarError> {
        let far = self.far();
        let day = t.div_euclid(1440);
        let c = self.far_cum(&far, day);
        let p = self.far_pattern(&far, day);
        Ok(c + i64::from(self.pat_work[p * 1440 + t.rem_euclid(1440) as usize]))
    }

    /// The day holding working minute `w` outside the tables: a binary search over
    /// days with the far arithmetic.
    #[cold]
    fn far_day_of(&mut self, w: i64) -> Result<(i64, i64, usize), CalendarError> {
        let far = self.far();
        let (lo, hi) = date_limit_days(self.epoch);
        // Invariant: cum(a) <= w < cum(b).
        let (mut a, mut b) = if w >= self.cum[self.cum.len() - 1] {
            let end = self.end_day();
            if end > hi || w >= self.far_cum(&far, hi + 1) {
                return Err(self.overflow());
            }
            (end, hi + 1)
        } else {
            if self.first_day <= lo || w < self.far_cum(&far, lo) {
                return Err(self.overflow());
            }
            (lo, self.first_day)
        };
        while b - a > 1 {
            let m = a + (b - a) / 2;
            if self.far_cum(&far, m) <= w {
                a = m;
            } else {
                b = m;
            }
        }
        let c = self.far_cum(&far, a);
        Ok((a, c, self.far_pattern(&far, a)))
    }

    /// Working minutes between the epoch and absolute minute `t`.
    #[inline(always)]
    pub(crate) fn work_at(&mut self, t: i64) -> Result<i64, CalendarError> {
        self.queries += 1;
        let day = t.div_euclid(1440);
        if (day < self.first_day || day >= self.end_day()) && !self.cover_day(day)? {
            return self.far_work_at(t);
        }
        let i = (day - self.first_day) as usize;
        let m = t.rem_euclid(1440) as usize;
        Ok(self.cum[i] + i64::from(self.pat_work[self.day_pat[i] as usize * 1440 + m]))
    }

    /// The day holding working minute `w` (the minute from index `w` to `w + 1`): its
    /// day number, the working minutes before it and its pattern.
    #[inline(always)]
    fn day_of(&mut self, w: i64) -> Result<(i64, i64, usize), CalendarError> {
        self.queries += 1;
        let n = self.day_pat.len();
        if (w < self.cum[0] || w >= self.cum[n]) && !self.cover_work(w)? {
            return self.far_day_of(w);
        }
        let k = ((w - self.cum[0]) / BUCKET) as usize;
        let mut i = self.bucket[k.min(self.bucket.len() - 1)] as usize;
        while self.cum[i + 1] <= w {
            i += 1;
        }
        Ok((
            self.first_day + i as i64,
            self.cum[i],
            self.day_pat[i] as usize,
        ))
    }

    /// The absolute minute at which working minute `w` starts (a task start).
    #[inline(always)]
    pub(crate) fn start_at(&mut self, w: i64) -> Result<i64, CalendarError> {
        let (day, cum, p) = self.day_of(w)?;
        let r = (w - cum) as usize;
        let off = self.pat_off[p] as usize;
        Ok(day * 1440 + i64::from(self.pat_at[off + r]))
    }

    /// The absolute minute at which working minute `w - 1` ends (a task finish).
    #[inline(always)]
    pub(crate) fn finish_at(&mut self, w: i64) -> Result<i64, CalendarError> {
        let (day, cum, p) = self.day_of(w.checked_sub(1).ok_or_else(|| self.overflow())?)?;
        let r = (w - cum) as usize;
        let (off, end) = (self.pat_off[p] as usize, self.pat_off[p + 1] as usize);
        // The finish half of the pattern's entries starts halfway.
        Ok(day * 1440 + i64::from(self.pat_at[off + (end - off) / 2 + r - 1]))
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

    /// A date a file names far away is answered without tables spanning the distance:
    /// a deadline in year 1 of a plan in year 9990, and back.
    #[test]
    fn far_dates_do_not_grow_the_tables() {
        let cal = Calendar::standard()
            .with_yearly_holiday("Xmas", 12, 25)
            .unwrap();
        let epoch = NaiveDate::from_ymd_opt(9990, 3, 1).unwrap();
        let mut t = Timeline::new(&cal, CalendarId(0), epoch, 30, 60).unwrap();
        let year1 = (NaiveDate::from_ymd_opt(1, 1, 5).unwrap() - epoch).num_days() * 1440;
        let w = t.work_at(year1 + 8 * 60).unwrap();
        assert!(
            t.dense_days() <= DENSE_MIN_DAYS as usize,
            "{}",
            t.dense_days()
        );
        assert_eq!(t.start_at(w).unwrap(), year1 + 8 * 60);
        assert_eq!(t.finish_at(w + 480).unwrap(), year1 + 17 * 60);
        assert!(t.dense_days() <= DENSE_MIN_DAYS as usize);
        // The count agrees with whole weeks: 1 Jan 0001 was a Monday; from Monday 5 Jan
        // 0001 to Monday 1 Mar 9990 (also a Monday? checked below) every week has 2,400
        // working minutes less 480 for each 25 December on a weekday.
        let start = NaiveDate::from_ymd_opt(1, 1, 5).unwrap();
        let days = (epoch - start).num_days();
        let mut xmas = 0;
        for y in 1..=9989 {
            let d = NaiveDate::from_ymd_opt(y, 12, 25).unwrap();
            if d.weekday().num_days_from_monday() < 5 {
                xmas += 480;
            }
        }
        let mut rest = 0;
        let mut d = start + Days::new((days / 7 * 7) as u64);
        while d < epoch {
            if d.weekday().num_days_from_monday() < 5 {
                rest += 480;
            }
            d = d.succ_opt().unwrap();
        }
        assert_eq!(-w, days / 7 * 2400 + rest - xmas);
    }

    fn arb_intervals()
    -> impl proptest::strategy::Strategy<Value = Vec<super::super::WorkingInterval>> {
        use proptest::prelude::*;
        prop::collection::vec((0u32..1440, 1u32..600), 0..3).prop_map(|v| {
            let mut cuts: Vec<(u32, u32)> =
                v.into_iter().map(|(a, l)| (a, (a + l).min(1440))).collect();
            cuts.sort_unstable();
            let mut out: Vec<super::super::WorkingInterval> = vec![];
            for (a, b) in cuts {
                let a = out.last().map_or(a, |w| a.max(w.end()));
                if a < b {
                    out.push(super::super::WorkingInterval::new(a, b).unwrap());
                }
            }
            out
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// The far arithmetic equals the dense tables on random calendars (week
        /// patterns, dated exceptions of every length, yearly holidays with 29
        /// February) at random minutes up to two centuries either side.
        #[test]
        fn far_arithmetic_equals_the_tables(
            week in proptest::collection::vec(arb_intervals(), 7),
            exc in proptest::collection::vec((-30_000i64..30_000, 0i64..900, proptest::option::of(arb_intervals())), 0..12),
            yearly in proptest::collection::vec((1u32..13, 1u32..32), 0..5),
            epoch_off in -200_000i64..200_000,
            ts in proptest::collection::vec(-70_000i64 * 1440..70_000 * 1440, 1..40),
        ) {
            use chrono::Weekday::*;
            let mut cal = Calendar::standard();
            for (d, iv) in [Mon, Tue, Wed, Thu, Fri, Sat, Sun].into_iter().zip(week) {
                cal = cal.with_weekday(d, iv).unwrap();
            }
            let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::TimeDelta::days(epoch_off);
            let mut spans: Vec<(i64, i64, Option<Vec<super::super::WorkingInterval>>)> = exc;
            spans.sort_by_key(|e| e.0);
            let mut last = i64::MIN;
            for (from, len, working) in spans {
                if from <= last {
                    continue;
                }
                let f = epoch + chrono::TimeDelta::days(from);
                let to = f + chrono::TimeDelta::days(len);
                last = from + len;
                cal = match working {
                    None => cal.with_exception(super::super::CalendarException { name: "x".into(), from: f, to, working: vec![] }),
                    Some(w) => cal.with_exception(super::super::CalendarException { name: "x".into(), from: f, to, working: w }),
                }.unwrap();
            }
            for (m, d) in yearly {
                if let Ok(c) = cal.clone().with_yearly_holiday("y", m, d) {
                    cal = c;
                }
            }
            proptest::prop_assume!(cal.validate().is_ok());
            let mut dense = Timeline::with_cap(&cal, epoch, 1 << 19);
            let mut far = Timeline::with_cap(&cal, epoch, 8);
            for &t in &ts {
                let w = dense.work_at(t);
                proptest::prop_assert_eq!(&far.work_at(t), &w, "work_at({})", t);
                if let Ok(w) = w {
                    for x in [w - 1, w, w + 1, w + 777] {
                        proptest::prop_assert_eq!(far.start_at(x), dense.start_at(x), "start_at({})", x);
                        proptest::prop_assert_eq!(far.finish_at(x), dense.finish_at(x), "finish_at({})", x);
                    }
                }
            }
            proptest::prop_assert!(far.dense_days() <= 16);
        }
    }
}
