use chrono::NaiveDate;

use crate::ids::CalendarId;

/// Errors of calendar definitions and working-time arithmetic.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A working interval is empty, reversed or outside 00:00–24:00.
    #[error(
        "invalid working interval {text:?}: expected HH:MM-HH:MM with start before end, within 00:00-24:00"
    )]
    InvalidInterval {
        /// The offending text or minute pair.
        text: String,
    },
    /// Two working intervals of one day overlap or are out of order.
    #[error("working intervals {first} and {second} overlap or are not in increasing order")]
    OverlappingIntervals {
        /// The earlier interval.
        first: String,
        /// The interval that overlaps it.
        second: String,
    },
    /// An exception ends before it starts.
    #[error("calendar exception {name:?} ends ({to}) before it starts ({from})")]
    ReversedException {
        /// The exception's name.
        name: String,
        /// First day.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
    },
    /// Two exceptions cover the same day.
    #[error("calendar exceptions {first:?} and {second:?} overlap")]
    OverlappingExceptions {
        /// The earlier exception.
        first: String,
        /// The exception that overlaps it.
        second: String,
    },
    /// A yearly holiday names a day that does not exist in any year.
    #[error("yearly holiday {name:?} has an invalid month/day {month}/{day}")]
    InvalidYearlyHoliday {
        /// The holiday's name.
        name: String,
        /// Month 1–12.
        month: u32,
        /// Day of month.
        day: u32,
    },
    /// The calendar has no working time at all, so no task could ever be scheduled on it.
    #[error("{calendar} ({name:?}) has no working time")]
    NoWorkingTime {
        /// The calendar.
        calendar: CalendarId,
        /// Its name.
        name: String,
    },
    /// Minutes per day or per week is zero.
    #[error("calendar {name:?} must have positive minutes per day and per week")]
    InvalidUnits {
        /// The calendar's name.
        name: String,
    },
    /// Working-time arithmetic left the supported date range (years 1–9999).
    #[error(
        "working-time arithmetic on {calendar} overflows the supported date range (years 1-9999)"
    )]
    Overflow {
        /// The calendar being used.
        calendar: CalendarId,
    },
}
