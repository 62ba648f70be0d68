//! Reporting periods: days, ISO weeks and calendar months.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A reporting period (weeks by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    #[default]
    Week,
    /// Calendar months.
    Month,
}

impl Period {
    /// Parses "day", "week" or "month".
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "day" => Some(Period::Day),
            "week" => Some(Period::Week),
            "month" => Some(Period::Month),
            _ => None,
        }
    }

    /// First day of the period holding `d`.
    pub fn start_of(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => d,
            Period::Week => d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday())),
            Period::Month => d.with_day(1).unwrap_or(d),
        }
    }

    /// First day of the period after the one starting on `start`.
    pub fn next_start(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => start + chrono::Days::new(1),
            Period::Week => start + chrono::Days::new(7),
            Period::Month => start + chrono::Months::new(1),
        }
    }

    /// Last day of the period holding `d`.
    pub fn end_of(self, d: NaiveDate) -> NaiveDate {
        self.next_start(self.start_of(d)) - chrono::Days::new(1)
    }
}
