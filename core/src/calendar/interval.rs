use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::CalendarError;

/// One stretch of working time within a day, `start` inclusive to `end` exclusive,
/// in minutes after midnight (`end` may be 1440, written `24:00`).
///
/// Serialized as the text `"08:00-12:00"`.
///
/// # Example
/// ```
/// use planix::WorkingInterval;
/// let morning: WorkingInterval = "08:00-12:00".parse()?;
/// assert_eq!((morning.start(), morning.end()), (480, 720));
/// assert_eq!(morning.to_string(), "08:00-12:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(type = "string"))]
pub struct WorkingInterval {
    start: u16,
    end: u16,
}

impl WorkingInterval {
    /// An interval from `start` to `end` minutes after midnight.
    ///
    /// # Errors
    /// [`CalendarError::InvalidInterval`] unless `start < end <= 1440`.
    pub fn new(start: u32, end: u32) -> Result<Self, CalendarError> {
        if start < end && end <= 1440 {
            Ok(WorkingInterval {
                start: start as u16,
                end: end as u16,
            })
        } else {
            Err(CalendarError::InvalidInterval {
                text: format!("{start}-{end} minutes"),
            })
        }
    }

    /// An interval between two wall-clock times given as `(hour, minute)`; `(24, 0)` is midnight at the end of the day.
    ///
    /// # Errors
    /// [`CalendarError::InvalidInterval`] for an empty, reversed or out-of-day interval.
    pub fn hm(start: (u32, u32), end: (u32, u32)) -> Result<Self, CalendarError> {
        if start.1 >= 60 || end.1 >= 60 {
            return Err(CalendarError::InvalidInterval {
                text: format!("{start:?}-{end:?}"),
            });
        }
        Self::new(start.0 * 60 + start.1, end.0 * 60 + end.1)
    }

    /// Start, in minutes after midnight.
    pub const fn start(self) -> u32 {
        self.start as u32
    }

    /// End (exclusive), in minutes after midnight.
    pub const fn end(self) -> u32 {
        self.end as u32
    }

    /// Length in minutes.
    pub const fn minutes(self) -> u32 {
        (self.end - self.start) as u32
    }
}

impl std::fmt::Display for WorkingInterval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

fn parse_hm(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (m < 60 && h <= 24).then_some(h * 60 + m)
}

impl std::str::FromStr for WorkingInterval {
    type Err = CalendarError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || CalendarError::InvalidInterval {
            text: s.to_string(),
        };
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let (a, b) = (parse_hm(a).ok_or_else(bad)?, parse_hm(b).ok_or_else(bad)?);
        Self::new(a, b).map_err(|_| bad())
    }
}

impl Serialize for WorkingInterval {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WorkingInterval {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_reject() {
        let i: WorkingInterval = "13:00-24:00".parse().unwrap();
        assert_eq!((i.start(), i.end(), i.minutes()), (780, 1440, 660));
        for bad in [
            "",
            "08:00",
            "12:00-08:00",
            "08:00-08:00",
            "08:60-09:00",
            "25:00-26:00",
            "a-b",
        ] {
            assert!(bad.parse::<WorkingInterval>().is_err(), "{bad}");
        }
    }
}
