//! MSPDI calendars → planix calendars: base and derived calendars flattened, exceptions
//! (recurring ones expanded to their days), work weeks and old-style exception days,
//! with MS Project's precedence: a calendar's own exceptions over its work weeks over its
//! week, and a derived calendar's own definitions over its base calendar's.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::values::{boolean, datetime, time_minutes};
use super::xml::Node;
use super::{Ctx, MAX_CALENDAR_DAYS};
use crate::calendar::{Calendar, CalendarException, WeekPattern, WorkingInterval};
use crate::io::IoError;

/// Planix weekday order (Monday first) of an MSPDI `DayType` (1 = Sunday … 7 = Saturday).
fn weekday_of(day_type: i64) -> Option<usize> {
    match day_type {
        1 => Some(6),
        2..=7 => Some((day_type - 2) as usize),
        _ => None,
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

type Hours = Vec<WorkingInterval>;

fn default_hours() -> Hours {
    [(480, 720), (780, 1020)]
        .into_iter()
        .filter_map(|(a, b)| WorkingInterval::new(a, b).ok())
        .collect()
}

/// One `<Calendar>` as read, before base calendars are resolved.
pub(crate) struct RawCal {
    pub(crate) uid: u32,
    pub(crate) name: String,
    base: Option<u32>,
    /// Per weekday (Monday first): the day's hours, or `None` to inherit.
    days: [Option<Hours>; 7],
    /// Dated days from exceptions: name and hours (empty = non-working).
    exceptions: BTreeMap<NaiveDate, (String, Hours)>,
    /// Work weeks: range, name and per-weekday hours.
    weeks: Vec<(NaiveDate, NaiveDate, String, [Option<Hours>; 7])>,
    pub(crate) foreign: String,
}

impl Ctx<'_> {
    fn hours(&self, node: Node<'_, '_>, uid: u32) -> Result<Hours, IoError> {
        let mut out = vec![];
        if let Some(times) = node.child("WorkingTimes") {
            for w in times.all("WorkingTime") {
                let (Some(from), Some(to)) = (w.get("FromTime"), w.get("ToTime")) else {
                    continue;
                };
                let bad = |m: String| self.err("Calendar", Some(uid.into()), m);
                let a = time_minutes(from, false).map_err(bad)?;
                let b = time_minutes(to, true).map_err(bad)?;
                let iv = WorkingInterval::new(a, b).map_err(|e| {
                    self.err("Calendar", Some(uid.into()), format!("working time: {e}"))
                })?;
                out.push(iv);
            }
        }
        out.sort_by_key(|w| w.start());
        for w in out.windows(2) {
            if w[1].start() < w[0].end() {
                return Err(self.err(
                    "Calendar",
                    Some(uid.into()),
                    "working times overlap".to_string(),
                ));
            }
        }
        Ok(out)
    }

    fn day_def(&self, d: Node<'_, '_>, uid: u32) -> Result<Hours, IoError> {
        let working = match d.get("DayWorking") {
            Some(t) => boolean(t).map_err(|m| self.err("Calendar", Some(uid.into()), m))?,
            None => false,
        };
        if !working {
            return Ok(vec![]);
        }
        let h = self.hours(d, uid)?;
        Ok(if h.is_empty() { default_hours() } else { h })
    }

    fn date_range(
        &self,
        node: Node<'_, '_>,
        uid: u32,
    ) -> Result<Option<(NaiveDate, NaiveDate)>, IoError> {
        let Some(tp) = node.child("TimePeriod") else {
            return Ok(None);
        };
        let (Some(a), Some(b)) = (tp.get("FromDate"), tp.get("ToDate")) else {
            return Ok(None);
        };
        let bad = |m: String| self.err("Calendar", Some(uid.into()), m);
        let a = datetime(a).map_err(bad)?.date();
        let b = datetime(b).map_err(bad)?.date();
        if b < a {
            return Err(self.err(
                "Calendar",
                Some(uid.into()),
                format!("time period ends ({b}) before it starts ({a})"),
            ));
        }
        Ok(Some((a, b)))
    }

    /// Reads one `<Calendar>`.
    pub(crate) fn raw_calendar(&mut self, node: Node<'_, '_>) -> Result<RawCal, IoError> {
        let uid = self.uid(node, "Calendar")?;
        let name = node.get("Name").unwrap_or("").to_string();
        let base = match node.get("BaseCalendarUID") {
            Some(t) => match t.parse::<i64>() {
                Ok(v) if v > 0 && v <= u32::MAX as i64 => Some(v as u32),
                Ok(_) => None,
                Err(_) => {
                    return Err(self.err("Calendar", Some(uid.into()), "bad BaseCalendarUID"));
                }
            },
            None => None,
        };
        let mut cal = RawCal {
            uid,
            name,
            base: base.filter(|b| *b != uid),
            days: Default::default(),
            exceptions: BTreeMap::new(),
            weeks: vec![],
            foreign: String::new(),
        };
        let mut budget = MAX_CALENDAR_DAYS;
        if let Some(ex) = node.child("Exceptions") {
            for e in ex.all("Exception") {
                self.exception(&mut cal, e, &mut budget)?;
            }
        }
        let read_old = cal.exceptions.is_empty();
        if let Some(days) = node.child("WeekDays") {
            for d in days.all("WeekDay") {
                let t: i64 = d.get("DayType").and_then(|t| t.parse().ok()).unwrap_or(-1);
                if t == 0 {
                    if read_old {
                        if let Some((a, b)) = self.date_range(d, uid)? {
                            let hours = self.day_def(d, uid)?;
                            add_days(self, &mut cal, a, b, "", &hours, &mut budget)?;
                        }
                    }
                } else if let Some(i) = weekday_of(t) {
                    cal.days[i] = Some(self.day_def(d, uid)?);
                } else {
                    return Err(self.err(
                        "Calendar",
                        Some(uid.into()),
                        format!("unknown DayType {t}"),
                    ));
                }
            }
        }
        if let Some(ww) = node.child("WorkWeeks") {
            for w in ww.all("WorkWeek") {
                let Some((a, b)) = self.date_range(w, uid)? else {
                    continue;
                };
                let span = (b - a).num_days().unsigned_abs() as usize + 1;
                if span > budget {
                    return Err(self.err(
                        "Calendar",
                        Some(uid.into()),
                        format!("work weeks cover more than {MAX_CALENDAR_DAYS} days"),
                    ));
                }
                budget -= span;
                let mut days: [Option<Hours>; 7] = Default::default();
                if let Some(wd) = w.child("WeekDays") {
                    for d in wd.all("WeekDay") {
                        let t: i64 = d.get("DayType").and_then(|t| t.parse().ok()).unwrap_or(-1);
                        if let Some(i) = weekday_of(t) {
                            days[i] = Some(self.day_def(d, uid)?);
                        }
                    }
                }
                let name = w.get("Name").unwrap_or("").to_string();
                cal.weeks.push((a, b, name, days));
            }
        }
        for k in node.kids() {
            if !matches!(
                k.name(),
                "UID"
                    | "Name"
                    | "IsBaseCalendar"
                    | "BaseCalendarUID"
                    | "WeekDays"
                    | "Exceptions"
                    | "WorkWeeks"
            ) {
                cal.foreign.push_str(self.cur.slice(k.span()));
            }
        }
        Ok(cal)
    }

    fn exception(
        &self,
        cal: &mut RawCal,
        e: Node<'_, '_>,
        budget: &mut usize,
    ) -> Result<(), IoError> {
        let uid = cal.uid;
        let Some((from, to)) = self.date_range(e, uid)? else {
            return Ok(());
        };
        let name = e.get("Name").unwrap_or("").to_string();
        let hours = self.day_def(e, uid)?;
        let int = |n: &str| -> Result<Option<i64>, IoError> {
            match e.get(n) {
                Some(t) => t.parse().map(Some).map_err(|_| {
                    self.err(
                        "Calendar",
                        Some(uid.into()),
                        format!("bad exception {n} {t:?}"),
                    )
                }),
                None => Ok(None),
            }
        };
        let kind = int("Type")?.unwrap_or(1);
        let period = int("Period")?.unwrap_or(1).max(1) as u64;
        let occurrences = int("Occurrences")?.filter(|n| *n > 0).map(|n| n as usize);
        let by_occurrences = match e.get("EnteredByOccurrences") {
            Some(t) => boolean(t).map_err(|m| self.err("Calendar", Some(uid.into()), m))?,
            None => false,
        };
        let limit = if by_occurrences { occurrences } else { None };
        let mut dates = vec![];
        let push = |d: NaiveDate, dates: &mut Vec<NaiveDate>| -> bool {
            if d > to || limit.is_some_and(|l| dates.len() >= l) {
                return false;
            }
            if d >= from {
                dates.push(d);
            }
            true
        };
        let too_many = || {
            self.err(
                "Calendar",
                Some(uid.into()),
                format!("exceptions cover more than {MAX_CALENDAR_DAYS} days"),
            )
        };
        let weekday_item = |item: Option<i64>| -> Option<Weekday> {
            // MonthItem 3 = Sunday … 9 = Saturday.
            match item {
                Some(3) => Some(Weekday::Sun),
                Some(i @ 4..=9) => Some(WEEK[(i - 4) as usize]),
                _ => None,
            }
        };
        match kind {
            // Daily: every `period` days from the start.
            1 | 7 => {
                let mut d = from;
                while push(d, &mut dates) {
                    if dates.len() > *budget {
                        return Err(too_many());
                    }
                    d = match d.checked_add_days(Days::new(period)) {
                        Some(n) => n,
                        None => break,
                    };
                }
            }
            // Weekly: the listed weekdays every `period` weeks (weeks start on Sunday).
            6 => {
                let mask = int("DaysOfWeek")?.unwrap_or(0);
                let week0 = from - Days::new(u64::from(from.weekday().num_days_from_sunday()));
                let mut d = from;
                loop {
                    let w = (d - week0).num_days() / 7;
                    let bit = 1i64 << d.weekday().num_days_from_sunday();
                    if w as u64 % period == 0 && mask & bit != 0 && !push(d, &mut dates) {
                        break;
                    }
                    if d > to || dates.len() > *budget {
                        break;
                    }
                    d = match d.succ_opt() {
                        Some(n) => n,
                        None => break,
                    };
                }
                if dates.len() > *budget {
                    return Err(too_many());
                }
            }
            // Monthly by day (4) or by position (5); yearly by date (2) or position (3).
            2..=5 => {
                let yearly = kind <= 3;
                let step = if yearly { 12 } else { period as u32 };
                let relative = kind == 3 || kind == 5;
                let month = int("Month")?.unwrap_or(0);
                let mut m = NaiveDate::from_ymd_opt(from.year(), from.month(), 1);
                if yearly {
                    m = NaiveDate::from_ymd_opt(from.year(), (month.clamp(0, 11) + 1) as u32, 1);
                }
                let Some(mut m) = m else { return Ok(()) };
                if m > to {
                    // Nothing in range.
                }
                let mut months = 0usize;
                while m <= to {
                    months += 1;
                    if months > MAX_CALENDAR_DAYS {
                        return Err(too_many());
                    }
                    let day = if relative {
                        let wd = weekday_item(int("MonthItem")?);
                        let pos = int("MonthPosition")?.unwrap_or(0);
                        wd.and_then(|wd| nth_weekday(m, wd, pos))
                    } else {
                        let md = int("MonthDay")?.unwrap_or(1);
                        u32::try_from(md)
                            .ok()
                            .and_then(|md| NaiveDate::from_ymd_opt(m.year(), m.month(), md))
                    };
                    if let Some(d) = day {
                        if !push(d, &mut dates) {
                            break;
                        }
                        if dates.len() > *budget {
                            return Err(too_many());
                        }
                    }
                    m = match m.checked_add_months(Months::new(step)) {
                        Some(n) => n,
                        None => break,
                    };
                }
            }
            // Not recurring: the whole range.
            _ => {
                return add_days(self, cal, from, to, &name, &hours, budget);
            }
        }
        if dates.len() > *budget {
            return Err(too_many());
        }
        *budget -= dates.len();
        for d in dates {
            cal.exceptions.insert(d, (name.clone(), hours.clone()));
        }
        Ok(())
    }

    /// Resolves base calendars and builds the planix calendars, keyed by UID.
    pub(crate) fn calendars(
        &self,
        raw: &BTreeMap<u32, RawCal>,
        per_day: u32,
        per_week: u32,
    ) -> Result<BTreeMap<u32, Calendar>, IoError> {
        let mut out = BTreeMap::new();
        for (&uid, c) in raw {
            // The chain of base calendars, own first (a loop or a missing base ends it).
            let mut chain = vec![c];
            let mut seen = vec![uid];
            while let Some(b) = chain.last().and_then(|c| c.base) {
                if seen.contains(&b) || chain.len() > 16 {
                    break;
                }
                seen.push(b);
                match raw.get(&b) {
                    Some(bc) => chain.push(bc),
                    None => break,
                }
            }
            let mut week: [Hours; 7] = Default::default();
            for (i, w) in week.iter_mut().enumerate() {
                *w = chain
                    .iter()
                    .find_map(|c| c.days[i].clone())
                    .unwrap_or_else(|| if i < 5 { default_hours() } else { vec![] });
            }
            // Dated days, base calendars first so that derived definitions win; within
            // a calendar, work weeks first and its exceptions over them.
            let mut dated: BTreeMap<NaiveDate, (String, Hours)> = BTreeMap::new();
            for c in chain.iter().rev() {
                for (a, b, name, days) in &c.weeks {
                    let mut d = *a;
                    while d <= *b {
                        let i = d.weekday().num_days_from_monday() as usize;
                        if let Some(h) = &days[i] {
                            dated.insert(d, (name.clone(), h.clone()));
                        }
                        d = match d.succ_opt() {
                            Some(n) => n,
                            None => break,
                        };
                    }
                }
                for (d, v) in &c.exceptions {
                    dated.insert(*d, v.clone());
                }
            }
            if dated.len() > MAX_CALENDAR_DAYS {
                return Err(self.err(
                    "Calendar",
                    Some(uid.into()),
                    format!("exceptions cover more than {MAX_CALENDAR_DAYS} days"),
                ));
            }
            // Consecutive days with the same name and hours become one exception; days
            // that equal the week are dropped.
            let mut exceptions: Vec<CalendarException> = vec![];
            for (d, (name, hours)) in dated {
                let i = d.weekday().num_days_from_monday() as usize;
                if *hours == week[i] && name.is_empty() {
                    continue;
                }
                if let Some(last) = exceptions.last_mut() {
                    if last.name == name && last.working == hours && last.to.succ_opt() == Some(d) {
                        last.to = d;
                        continue;
                    }
                }
                exceptions.push(CalendarException {
                    name,
                    from: d,
                    to: d,
                    working: hours,
                });
            }
            let mut pattern = WeekPattern::default();
            for (i, h) in week.into_iter().enumerate() {
                *pattern.day_mut(WEEK[i]) = h;
            }
            let name = if c.name.is_empty() {
                format!("Calendar {uid}")
            } else {
                c.name.clone()
            };
            let cal = Calendar::from_parts(name, pattern, exceptions, per_day, per_week)
                .map_err(|e| self.err("Calendar", Some(uid.into()), e.to_string()))?;
            out.insert(uid, cal);
        }
        Ok(out)
    }
}

/// The `pos`-th (0 = first … 3 = fourth, 4 = last) weekday `wd` of the month of `m`.
fn nth_weekday(m: NaiveDate, wd: Weekday, pos: i64) -> Option<NaiveDate> {
    if pos >= 4 {
        let next = m.checked_add_months(Months::new(1))?;
        let mut d = next.pred_opt()?;
        while d.weekday() != wd {
            d = d.pred_opt()?;
        }
        return Some(d);
    }
    let mut d = m;
    while d.weekday() != wd {
        d = d.succ_opt()?;
    }
    let d = d.checked_add_days(Days::new(7 * pos.max(0) as u64))?;
    (d.month() == m.month()).then_some(d)
}

fn add_days(
    ctx: &Ctx<'_>,
    cal: &mut RawCal,
    from: NaiveDate,
    to: NaiveDate,
    name: &str,
    hours: &Hours,
    budget: &mut usize,
) -> Result<(), IoError> {
    let span = (to - from).num_days().unsigned_abs() as usize + 1;
    if span > *budget {
        return Err(ctx.err(
            "Calendar",
            Some(cal.uid.into()),
            format!("exceptions cover more than {MAX_CALENDAR_DAYS} days"),
        ));
    }
    *budget -= span;
    let mut d = from;
    while d <= to {
        cal.exceptions.insert(d, (name.to_string(), hours.clone()));
        d = match d.succ_opt() {
            Some(n) => n,
            None => break,
        };
    }
    Ok(())
}
