use serde::{Deserialize, Serialize};

/// A span of working time, counted in whole working minutes.
///
/// Durations of tasks are never negative; lags may be (a negative lag is a lead).
/// Convert from days and weeks with the calendar's units
/// ([`Calendar::days`](crate::calendar::Calendar::days)) or with
/// [`Duration::from_days`] when the minutes per day are known.
///
/// # Example
/// ```
/// use planix::Duration;
/// assert_eq!(Duration::hours(8), Duration::from_days(1, 480));
/// assert_eq!(Duration::hours(8).as_minutes(), 480);
/// ```
#[repr(transparent)]
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(transparent)]
pub struct Duration(i64);

impl Duration {
    /// No time at all.
    pub const ZERO: Duration = Duration(0);

    /// A duration of `m` working minutes.
    pub const fn minutes(m: i64) -> Self {
        Duration(m)
    }

    /// A duration of `h` working hours.
    pub const fn hours(h: i64) -> Self {
        Duration(h.saturating_mul(60))
    }

    /// `days` working days of `minutes_per_day` minutes each.
    pub const fn from_days(days: i64, minutes_per_day: u32) -> Self {
        Duration(days.saturating_mul(minutes_per_day as i64))
    }

    /// Whether the duration is zero.
    pub const fn is_zero(&self) -> bool {
        self.0 == 0
    }

    /// The number of working minutes.
    pub const fn as_minutes(self) -> i64 {
        self.0
    }

    /// The number of working days of `minutes_per_day` minutes, as a fraction.
    pub fn as_days(self, minutes_per_day: u32) -> f64 {
        self.0 as f64 / f64::from(minutes_per_day.max(1))
    }

    /// `true` when the duration is below zero (a lead, for lags).
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Checked addition; `None` on overflow.
    pub const fn checked_add(self, other: Duration) -> Option<Duration> {
        match self.0.checked_add(other.0) {
            Some(v) => Some(Duration(v)),
            None => None,
        }
    }
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}min", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(Duration::from_days(5, 480).as_minutes(), 2400);
        assert_eq!(Duration::minutes(720).as_days(480), 1.5);
        assert!(Duration::minutes(-1).is_negative());
        assert_eq!(
            Duration::minutes(i64::MAX).checked_add(Duration::minutes(1)),
            None
        );
    }
}
