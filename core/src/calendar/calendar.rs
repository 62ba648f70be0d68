use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{CalendarError, Duration, WorkingInterval};
use crate::ids::CalendarId;

/// Working intervals for each day of the week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct WeekPattern {
    /// Monday's working intervals.
    #[serde(default)]
    pub monday: Vec<WorkingInterval>,
    /// Tuesday's working intervals.
    #[serde(default)]
    pub tuesday: Vec<WorkingInterval>,
    /// Wednesday's working intervals.
    #[serde(default)]
    pub wednesday: Vec<WorkingInterval>,
    /// Thursday's working intervals.
    #[serde(default)]
    pub thursday: Vec<WorkingInterval>,
    /// Friday's working intervals.
    #[serde(default)]
    pub friday: Vec<WorkingInterval>,
    /// Saturday's working intervals.
    #[serde(default)]
    pub saturday: Vec<WorkingInterval>,
    /// Sunday's working intervals.
    #[serde(default)]
    pub sunday: Vec<WorkingInterval>,
}

impl WeekPattern {
    /// The intervals of one weekday.
    pub fn day(&self, day: Weekday) -> &[WorkingInterval] {
        match day {
            Weekday::Mon => &self.monday,
            Weekday::Tue => &self.tuesday,
            Weekday::Wed => &self.wednesday,
            Weekday::Thu => &self.thursday,
            Weekday::Fri => &self.friday,
            Weekday::Sat => &self.saturday,
            Weekday::Sun => &self.sunday,
        }
    }

    pub(crate) fn day_mut(&mut self, day: Weekday) -> &mut Vec<WorkingInterval> {
        match day {
            Weekday::Mon => &mut self.monday,
            Weekday::Tue => &mut self.tuesday,
            Weekday::Wed => &mut self.wednesday,
            Weekday::Thu => &mut self.thursday,
            Weekday::Fri => &mut self.friday,
            Weekday::Sat => &mut self.saturday,
            Weekday::Sun => &mut self.sunday,
        }
    }
}

/// A date range whose working time differs from the weekly pattern.
///
/// With no `working` intervals it is a holiday (non-working); otherwise those
/// intervals replace the weekday's hours on every day of the range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CalendarException {
    /// Name shown to people ("Christmas", "Release weekend").
    pub name: String,
    /// First day of the range.
    pub from: NaiveDate,
    /// Last day of the range (inclusive).
    pub to: NaiveDate,
    /// Working intervals on those days; empty for a holiday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working: Vec<WorkingInterval>,
}

/// A non-working day that recurs every year on the same month and day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct YearlyHoliday {
    /// Name shown to people.
    pub name: String,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

/// A working-time calendar: weekly hours, exceptions and yearly holidays.
///
/// [`Calendar::standard`] is MS Project's "Standard": Monday–Friday 08:00–12:00 and
/// 13:00–17:00, 8 hours a day, 40 a week. Exceptions take precedence over yearly
/// holidays, which take precedence over the weekly pattern.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use planix::Calendar;
/// let cal = Calendar::standard()
///     .with_holiday("New Year", NaiveDate::from_ymd_opt(2027, 1, 1).unwrap())?
///     .with_yearly_holiday("Christmas", 12, 25)?;
/// assert_eq!(cal.days(2).as_minutes(), 960);
/// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2030, 12, 25).unwrap()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    name: String,
    week: WeekPattern,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    exceptions: Vec<CalendarException>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    yearly_holidays: Vec<YearlyHoliday>,
    minutes_per_day: u32,
    minutes_per_week: u32,
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn standard_day() -> Vec<WorkingInterval> {
    // 08:00-12:00 and 13:00-17:00 are valid by construction.
    vec![
        WorkingInterval::new(480, 720).unwrap_or_else(|_| unreachable!("constant interval")),
        WorkingInterval::new(780, 1020).unwrap_or_else(|_| unreachable!("constant interval")),
    ]
}

impl Calendar {
    /// MS Project's "Standard" calendar: Mon–Fri 08:00–12:00, 13:00–17:00.
    pub fn standard() -> Self {
        let day = standard_day();
        Calendar {
            name: "Standard".into(),
            week: WeekPattern {
                monday: day.clone(),
                tuesday: day.clone(),
                wednesday: day.clone(),
                thursday: day.clone(),
                friday: day,
                saturday: vec![],
                sunday: vec![],
            },
            exceptions: vec![],
            yearly_holidays: vec![],
            minutes_per_day: 480,
            minutes_per_week: 2400,
        }
    }

    /// A calendar where every minute of every day is working time ("24 Hours").
    pub fn twenty_four_hours() -> Self {
        let day = vec![
            WorkingInterval::new(0, 1440).unwrap_or_else(|_| unreachable!("constant interval")),
        ];
        Calendar {
            name: "24 Hours".into(),
            week: WeekPattern {
                monday: day.clone(),
                tuesday: day.clone(),
                wednesday: day.clone(),
                thursday: day.clone(),
                friday: day.clone(),
                saturday: day.clone(),
                sunday: day,
            },
            exceptions: vec![],
            yearly_holidays: vec![],
            minutes_per_day: 1440,
            minutes_per_week: 10080,
        }
    }

    /// A calendar with the given weekly pattern and units, and no exceptions.
    ///
    /// # Errors
    /// Any error of [`Calendar::validate`].
    pub fn new(
        name: impl Into<String>,
        week: WeekPattern,
        minutes_per_day: u32,
        minutes_per_week: u32,
    ) -> Result<Self, CalendarError> {
        let cal = Calendar {
            name: name.into(),
            week,
            exceptions: vec![],
            yearly_holidays: vec![],
            minutes_per_day,
            minutes_per_week,
        };
        cal.validate()?;
        Ok(cal)
    }

    /// The same calendar under another name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The same calendar with one weekday's working intervals replaced (empty = non-working).
    ///
    /// # Errors
    /// [`CalendarError::OverlappingIntervals`] when the intervals overlap or are out of order.
    pub fn with_weekday(
        mut self,
        day: Weekday,
        intervals: Vec<WorkingInterval>,
    ) -> Result<Self, CalendarError> {
        check_intervals(&intervals)?;
        *self.week.day_mut(day) = intervals;
        Ok(self)
    }

    /// The same calendar with one more exception.
    ///
    /// # Errors
    /// [`CalendarError::ReversedException`], [`CalendarError::OverlappingExceptions`] or
    /// [`CalendarError::OverlappingIntervals`].
    pub fn with_exception(mut self, exception: CalendarException) -> Result<Self, CalendarError> {
        let pos = self
            .exceptions
            .partition_point(|e| e.from <= exception.from);
        self.exceptions.insert(pos, exception);
        self.validate_exceptions()?;
        Ok(self)
    }

    /// The same calendar with a one-day holiday.
    ///
    /// # Errors
    /// [`CalendarError::OverlappingExceptions`] when the day already has an exception.
    pub fn with_holiday(
        self,
        name: impl Into<String>,
        date: NaiveDate,
    ) -> Result<Self, CalendarError> {
        self.with_exception(CalendarException {
            name: name.into(),
            from: date,
            to: date,
            working: vec![],
        })
    }

    /// The same calendar with a holiday recurring every year on `month`/`day`.
    ///
    /// # Errors
    /// [`CalendarError::InvalidYearlyHoliday`] for a month/day that never exists.
    pub fn with_yearly_holiday(
        mut self,
        name: impl Into<String>,
        month: u32,
        day: u32,
    ) -> Result<Self, CalendarError> {
        let h = YearlyHoliday {
            name: name.into(),
            month,
            day,
        };
        check_yearly(&h)?;
        self.yearly_holidays.push(h);
        Ok(self)
    }

    /// The same calendar with other units for day and week helpers.
    ///
    /// # Errors
    /// [`CalendarError::InvalidUnits`] for zero units.
    pub fn with_units(
        mut self,
        minutes_per_day: u32,
        minutes_per_week: u32,
    ) -> Result<Self, CalendarError> {
        self.minutes_per_day = minutes_per_day;
        self.minutes_per_week = minutes_per_week;
        if minutes_per_day == 0 || minutes_per_week == 0 {
            return Err(CalendarError::InvalidUnits { name: self.name });
        }
        Ok(self)
    }

    /// The calendar's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The weekly pattern.
    pub fn week(&self) -> &WeekPattern {
        &self.week
    }

    /// The exceptions, ordered by first day.
    pub fn exceptions(&self) -> &[CalendarException] {
        &self.exceptions
    }

    /// The recurring yearly holidays.
    pub fn yearly_holidays(&self) -> &[YearlyHoliday] {
        &self.yearly_holidays
    }

    /// Working minutes in one "day" unit (480 for the standard calendar).
    pub fn minutes_per_day(&self) -> u32 {
        self.minutes_per_day
    }

    /// Working minutes in one "week" unit (2400 for the standard calendar).
    pub fn minutes_per_week(&self) -> u32 {
        self.minutes_per_week
    }

    /// `n` working days as a [`Duration`], in this calendar's units.
    pub fn days(&self, n: i64) -> Duration {
        Duration::from_days(n, self.minutes_per_day)
    }

    /// `n` working weeks as a [`Duration`], in this calendar's units.
    pub fn weeks(&self, n: i64) -> Duration {
        Duration::minutes(n.saturating_mul(i64::from(self.minutes_per_week)))
    }

    /// Working time from `from` to `to` on this calendar (negative when `to` is
    /// earlier).
    ///
    /// ```
    /// use planix::Calendar;
    /// let cal = Calendar::standard();
    /// let fri = "2027-01-08T13:00:00".parse()?;
    /// let mon = "2027-01-11T10:00:00".parse()?;
    /// // Friday 13:00–17:00 and Monday 08:00–10:00: 6 working hours.
    /// assert_eq!(cal.working_time_between(fri, mon)?.as_minutes(), 360);
    /// assert_eq!(cal.working_time_between(mon, fri)?.as_minutes(), -360);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`CalendarError`] when a date lies outside years 1–9999.
    pub fn working_time_between(
        &self,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    ) -> Result<Duration, CalendarError> {
        let epoch = from.date();
        let span = (to.date() - epoch).num_days();
        let mut tl = super::timeline::Timeline::new(
            self,
            crate::ids::CalendarId(0),
            epoch,
            (-span).max(0) + 2,
            span.max(0) + 2,
        )?;
        let m =
            |t: chrono::NaiveDateTime| (t - epoch.and_time(chrono::NaiveTime::MIN)).num_minutes();
        let (a, b) = (tl.work_at(m(from))?, tl.work_at(m(to))?);
        Ok(Duration::minutes(b - a))
    }

    /// The instant `d` working time after `from` (a finish: the end of the last working
    /// minute; `d` may be negative to go back).
    ///
    /// ```
    /// use planix::{Calendar, Duration};
    /// let cal = Calendar::standard();
    /// let fri = "2027-01-08T13:00:00".parse()?;
    /// let at = cal.add_working_time(fri, Duration::hours(6))?;
    /// assert_eq!(at, "2027-01-11T10:00:00".parse()?); // Friday afternoon, then Monday
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`CalendarError`] when the result lies outside years 1–9999.
    pub fn add_working_time(
        &self,
        from: chrono::NaiveDateTime,
        d: Duration,
    ) -> Result<chrono::NaiveDateTime, CalendarError> {
        let epoch = from.date();
        let days = d.as_minutes() / 60 + 2;
        let mut tl = super::timeline::Timeline::new(
            self,
            crate::ids::CalendarId(0),
            epoch,
            (-days).max(0) + 2,
            days.max(0) + 2,
        )?;
        let m = (from - epoch.and_time(chrono::NaiveTime::MIN)).num_minutes();
        let w = tl.work_at(m)?;
        let target = tl.add(w, d.as_minutes())?;
        let at = tl.finish_at(target)?;
        Ok(epoch.and_time(chrono::NaiveTime::MIN) + chrono::Duration::minutes(at))
    }

    /// The working intervals of one date, after exceptions and holidays.
    pub fn intervals_on(&self, date: NaiveDate) -> &[WorkingInterval] {
        let i = self.exceptions.partition_point(|e| e.from <= date);
        if i > 0 {
            let e = &self.exceptions[i - 1];
            if date <= e.to {
                return &e.working;
            }
        }
        if self
            .yearly_holidays
            .iter()
            .any(|h| h.month == date.month() && h.day == date.day())
        {
            return &[];
        }
        self.week.day(date.weekday())
    }

    /// `true` when the date has any working time.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.intervals_on(date).is_empty()
    }

    /// Checks every invariant: ordered, non-overlapping intervals; ordered, disjoint
    /// exceptions; valid yearly holidays; positive units; and that working time exists.
    ///
    /// # Errors
    /// The first violated invariant, as a [`CalendarError`]
    /// (`NoWorkingTime` names calendar id 0; the project re-labels it).
    pub fn validate(&self) -> Result<(), CalendarError> {
        for d in WEEKDAYS {
            check_intervals(self.week.day(d))?;
        }
        self.validate_exceptions()?;
        for h in &self.yearly_holidays {
            check_yearly(h)?;
        }
        if self.minutes_per_day == 0 || self.minutes_per_week == 0 {
            return Err(CalendarError::InvalidUnits {
                name: self.name.clone(),
            });
        }
        let week_has_work = WEEKDAYS.iter().any(|d| !self.week.day(*d).is_empty());
        if !week_has_work {
            return Err(CalendarError::NoWorkingTime {
                calendar: CalendarId(0),
                name: self.name.clone(),
            });
        }
        Ok(())
    }

    /// A calendar from its parts, exceptions sorted by `from` and not overlapping,
    /// validated once (readers of foreign files build calendars with many exceptions).
    pub(crate) fn from_parts(
        name: String,
        week: WeekPattern,
        exceptions: Vec<CalendarException>,
        minutes_per_day: u32,
        minutes_per_week: u32,
    ) -> Result<Self, CalendarError> {
        let cal = Calendar {
            name,
            week,
            exceptions,
            yearly_holidays: vec![],
            minutes_per_day,
            minutes_per_week,
        };
        cal.validate()?;
        Ok(cal)
    }

    fn validate_exceptions(&self) -> Result<(), CalendarError> {
        for e in &self.exceptions {
            if e.to < e.from {
                return Err(CalendarError::ReversedException {
                    name: e.name.clone(),
                    from: e.from,
                    to: e.to,
                });
            }
            check_intervals(&e.working)?;
        }
        for w in self.exceptions.windows(2) {
            if w[1].from <= w[0].to {
                return Err(CalendarError::OverlappingExceptions {
                    first: w[0].name.clone(),
                    second: w[1].name.clone(),
                });
            }
        }
        Ok(())
    }
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::standard()
    }
}

fn check_intervals(v: &[WorkingInterval]) -> Result<(), CalendarError> {
    for w in v.windows(2) {
        if w[1].start() < w[0].end() {
            return Err(CalendarError::OverlappingIntervals {
                first: w[0].to_string(),
                second: w[1].to_string(),
            });
        }
    }
    Ok(())
}

fn check_yearly(h: &YearlyHoliday) -> Result<(), CalendarError> {
    // 2000 is a leap year, so 29 February is accepted.
    if NaiveDate::from_ymd_opt(2000, h.month, h.day).is_none() {
        return Err(CalendarError::InvalidYearlyHoliday {
            name: h.name.clone(),
            month: h.month,
            day: h.day,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn precedence_and_validation() {
        let cal = Calendar::standard()
            .with_exception(CalendarException {
                name: "Saturday release".into(),
                from: d(2026, 12, 5),
                to: d(2026, 12, 5),
                working: vec!["09:00-13:00".parse().unwrap()],
            })
            .unwrap()
            .with_yearly_holiday("Christmas", 12, 25)
            .unwrap();
        assert_eq!(cal.intervals_on(d(2026, 12, 5)).len(), 1);
        assert!(!cal.is_working_day(d(2026, 12, 25)));
        assert!(cal.is_working_day(d(2026, 12, 24)));
        assert!(!cal.is_working_day(d(2026, 12, 6)));
        assert!(matches!(
            cal.clone().with_holiday("x", d(2026, 12, 5)),
            Err(CalendarError::OverlappingExceptions { .. })
        ));
        assert!(matches!(
            cal.with_yearly_holiday("bad", 2, 30),
            Err(CalendarError::InvalidYearlyHoliday { .. })
        ));
        let empty = Calendar::new("none", WeekPattern::default(), 480, 2400);
        assert!(matches!(empty, Err(CalendarError::NoWorkingTime { .. })));
    }
}
