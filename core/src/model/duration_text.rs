//! Durations and lags as people type them in MS Project: `"3d"`, `"4h 30m"`, `"2w"`,
//! `"1.5ed"` (elapsed), `"50%"` (percent lag), `"-1d"` (a lead).
//!
//! One parser for every door: the bindings and the CLI hand the text to
//! [`Project::parse_duration`](super::Project::parse_duration) or
//! [`Project::parse_lag`](super::Project::parse_lag), which read it on the project
//! calendar's minutes per day and per week (MS Project converts days and weeks the same
//! way, with its "hours per day" and "hours per week" options).
//!
//! | unit | spellings | minutes |
//! |---|---|---|
//! | minute | `m`, `min`, `mins`, `minute`, `minutes` | 1 |
//! | hour | `h`, `hr`, `hrs`, `hour`, `hours` | 60 |
//! | day | `d`, `dy`, `day`, `days` | minutes per day |
//! | week | `w`, `wk`, `wks`, `week`, `weeks` | minutes per week |
//! | month | `mo`, `mon`, `month`, `months` | 20 × minutes per day (MS Project's 20 days per month) |
//!
//! An `e` before the unit (`em`, `eh`, `ed`, `ew`, `emo`) makes it elapsed: wall-clock
//! time, a day of 24 hours, a week of 7 days, a month of 30 days. Parts add up
//! (`"1w 2d 4h"`), a trailing `?` (MS Project's estimated flag) is accepted and ignored,
//! and letters are case-insensitive. A number without a unit is refused: plain numbers
//! are minutes only when passed as numbers, never as text.

use serde::{Deserialize, Deserializer};

use super::{Lag, MAX_MINUTES, MAX_PERCENT_LAG};
use crate::calendar::{Calendar, Duration};

/// What is wrong with a duration text (the error is
/// [`ModelError::InvalidDuration`](super::ModelError::InvalidDuration)).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DurationProblem {
    /// Nothing to read.
    Empty,
    /// A number with no unit after it.
    NoUnit,
    /// A unit that is not one of the spellings above.
    UnknownUnit(String),
    /// Something that is not a number where a number belongs.
    NotANumber,
    /// Working and elapsed parts mixed (`"1d 2ed"`).
    MixedElapsed,
    /// A percent mixed with other parts, or a percent where only time is allowed.
    Percent,
    /// Elapsed time where only working time is allowed (task durations).
    ElapsedNotAllowed,
    /// A lead where only a non-negative duration is allowed.
    Negative,
    /// Larger than [`MAX_MINUTES`] (or [`MAX_PERCENT_LAG`] for a percent).
    TooLarge,
}

impl std::fmt::Display for DurationProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DurationProblem::Empty => f.write_str("it is empty"),
            DurationProblem::NoUnit => f.write_str("a number needs a unit"),
            DurationProblem::UnknownUnit(u) => write!(f, "unknown unit {u:?}"),
            DurationProblem::NotANumber => f.write_str("expected a number"),
            DurationProblem::MixedElapsed => f.write_str("working and elapsed parts are mixed"),
            DurationProblem::Percent => {
                f.write_str("a percent stands alone and only as a lag")
            }
            DurationProblem::ElapsedNotAllowed => f.write_str(
                "task durations are working time; elapsed units (em, eh, ed, ew, emo) apply to lags",
            ),
            DurationProblem::Negative => f.write_str("a duration cannot be negative"),
            DurationProblem::TooLarge => write!(
                f,
                "it is larger than {MAX_MINUTES} minutes (or {MAX_PERCENT_LAG}%)"
            ),
        }
    }
}

/// The units the parser accepts, for error messages.
pub const DURATION_UNITS: &str =
    "m, h, d, w, mo (working) or em, eh, ed, ew, emo (elapsed), e.g. \"3d\", \"4h 30m\", \"1.5ed\"";

/// Reads a duration or lag text on `calendar`'s units; see the module docs.
///
/// # Errors
/// The [`DurationProblem`] found.
pub(crate) fn parse(text: &str, calendar: &Calendar) -> Result<Lag, DurationProblem> {
    let s = text.trim();
    let s = s.strip_suffix('?').unwrap_or(s).trim_end();
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.strip_prefix('+').map_or(s, str::trim_start)),
    };
    if body.is_empty() {
        return Err(DurationProblem::Empty);
    }
    let sign = if negative { -1.0 } else { 1.0 };
    if let Some(num) = body.strip_suffix('%') {
        if num.contains(|c: char| c.is_ascii_alphabetic()) {
            return Err(DurationProblem::Percent);
        }
        let v = number(num.trim_end())? * sign;
        if v.abs() > MAX_PERCENT_LAG as f64 {
            return Err(DurationProblem::TooLarge);
        }
        return Ok(Lag::Percent(v.round() as i32));
    }
    let per_day = f64::from(calendar.minutes_per_day());
    let per_week = f64::from(calendar.minutes_per_week());
    let mut total = 0.0_f64;
    let mut elapsed: Option<bool> = None;
    let mut rest = body;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let value = number(&rest[..num_len])?;
        rest = rest[num_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = rest[..unit_len].to_ascii_lowercase();
        rest = rest[unit_len..].trim_start();
        if rest.starts_with('%') {
            return Err(DurationProblem::Percent);
        }
        if unit.is_empty() {
            return Err(DurationProblem::NoUnit);
        }
        let (is_elapsed, minutes) = unit_minutes(&unit, per_day, per_week)
            .ok_or_else(|| DurationProblem::UnknownUnit(unit.clone()))?;
        if elapsed.is_some_and(|e| e != is_elapsed) {
            return Err(DurationProblem::MixedElapsed);
        }
        elapsed = Some(is_elapsed);
        total += value * minutes;
        if total > MAX_MINUTES as f64 {
            return Err(DurationProblem::TooLarge);
        }
    }
    let minutes = Duration::minutes((total * sign).round() as i64);
    Ok(if elapsed == Some(true) {
        Lag::Elapsed(minutes)
    } else {
        Lag::Working(minutes)
    })
}

fn number(s: &str) -> Result<f64, DurationProblem> {
    if s.is_empty() {
        return Err(DurationProblem::NotANumber);
    }
    // Digits and at most one point: `f64::from_str` alone would take "inf" or "1e9".
    if s.bytes().filter(|&b| b == b'.').count() > 1
        || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || s == "."
    {
        return Err(DurationProblem::NotANumber);
    }
    s.parse::<f64>().map_err(|_| DurationProblem::NotANumber)
}

/// `(elapsed, minutes per unit)` of a lower-case unit spelling.
fn unit_minutes(unit: &str, per_day: f64, per_week: f64) -> Option<(bool, f64)> {
    let working = |u: &str| -> Option<f64> {
        Some(match u {
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "d" | "dy" | "day" | "days" => per_day,
            "w" | "wk" | "wks" | "week" | "weeks" => per_week,
            "mo" | "mon" | "month" | "months" => 20.0 * per_day,
            _ => return None,
        })
    };
    let elapsed = |u: &str| -> Option<f64> {
        Some(match u {
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "d" | "dy" | "day" | "days" => 1440.0,
            "w" | "wk" | "wks" | "week" | "weeks" => 10_080.0,
            "mo" | "mon" | "month" | "months" => 43_200.0,
            _ => return None,
        })
    };
    if let Some(m) = working(unit) {
        return Some((false, m));
    }
    unit.strip_prefix('e').and_then(elapsed).map(|m| (true, m))
}

/// A duration or lag as a caller gives it: whole minutes as a number, or text such as
/// `"3d"` read on the project calendar (see the module docs). Deserializes from either.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(type = "number | string")
)]
pub enum DurationInput {
    /// Working minutes (elapsed minutes for an elapsed lag).
    Minutes(i64),
    /// Text with units.
    Text(String),
}

impl From<i64> for DurationInput {
    fn from(m: i64) -> Self {
        DurationInput::Minutes(m)
    }
}

impl From<&str> for DurationInput {
    fn from(s: &str) -> Self {
        DurationInput::Text(s.to_string())
    }
}

impl<'de> Deserialize<'de> for DurationInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = DurationInput;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "whole minutes or a text with units ({DURATION_UNITS})")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(DurationInput::Minutes(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                i64::try_from(v)
                    .map(DurationInput::Minutes)
                    .map_err(|_| E::custom(format!("{v} minutes is out of range")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
                // JavaScript numbers arrive as floats: whole ones are minutes.
                if v.fract() == 0.0 && v.abs() <= MAX_MINUTES as f64 {
                    Ok(DurationInput::Minutes(v as i64))
                } else {
                    Err(E::custom(format!(
                        "{v} is not a whole number of minutes; use a text such as \"1.5h\""
                    )))
                }
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(DurationInput::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}
