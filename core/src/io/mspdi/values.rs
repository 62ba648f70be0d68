//! MSPDI value formats: ISO 8601 durations, dates, numbers, duration and lag formats.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::MAX_MINUTES;

/// Minutes of an XSD duration as MSPDI writes them (`PT8H0M0S`, `-PT1H30M0S`,
/// `P2DT4H0M0.5S`); a day is 24 hours. Years and months have no fixed length and are
/// refused. `None` with the reason for anything else.
pub(crate) fn iso_minutes(text: &str) -> Result<i64, String> {
    let t = text.trim();
    let (neg, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let rest = rest
        .strip_prefix('P')
        .ok_or_else(|| format!("duration {t:?} does not start with P"))?;
    let mut seconds = 0f64;
    let mut in_time = false;
    let mut num = String::new();
    let mut any = false;
    for c in rest.chars() {
        match c {
            'T' if !in_time && num.is_empty() => in_time = true,
            '0'..='9' | '.' => num.push(c),
            'Y' | 'W' | 'D' | 'H' | 'M' | 'S' => {
                let v: f64 = num
                    .parse()
                    .map_err(|_| format!("duration {t:?} has a bad number"))?;
                num.clear();
                any = true;
                let unit = match (c, in_time) {
                    ('W', false) => 7.0 * 86_400.0,
                    ('D', false) => 86_400.0,
                    ('H', true) => 3_600.0,
                    ('M', true) => 60.0,
                    ('S', true) => 1.0,
                    ('Y', false) | ('M', false) => {
                        return Err(format!(
                            "duration {t:?} is in years or months, which have no fixed length"
                        ));
                    }
                    _ => return Err(format!("duration {t:?} is not an ISO 8601 duration")),
                };
                seconds += v * unit;
            }
            _ => return Err(format!("duration {t:?} is not an ISO 8601 duration")),
        }
    }
    if !num.is_empty() || !any {
        return Err(format!("duration {t:?} is not an ISO 8601 duration"));
    }
    let minutes = (seconds / 60.0).round();
    if !minutes.is_finite() || minutes > MAX_MINUTES as f64 {
        return Err(format!("duration {t:?} is longer than planix accepts"));
    }
    let m = minutes as i64;
    Ok(if neg { -m } else { m })
}

/// MSPDI's form of a duration in minutes: `PT8H0M0S`.
pub(crate) fn iso(minutes: i64) -> Iso {
    Iso(minutes)
}

/// A duration in minutes, displayed in MSPDI's form.
#[derive(Clone, Copy)]
pub(crate) struct Iso(i64);

impl std::fmt::Display for Iso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let m = self.0.unsigned_abs();
        write!(f, "{sign}PT{}H{}M0S", m / 60, m % 60)
    }
}

/// A date-time (`2018-10-18T08:00:00`, seconds and fractions optional, a date alone
/// is its midnight).
pub(crate) fn datetime(text: &str) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Ok(d);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d.and_time(NaiveTime::MIN));
    }
    Err(format!("{t:?} is not a date and time"))
}

/// MSPDI's form of a date-time.
pub(crate) fn dt(d: NaiveDateTime) -> Dt {
    Dt(d)
}

/// A date-time displayed as `2018-10-18T08:00:00` (years 0–9999; others through chrono).
#[derive(Clone, Copy)]
pub(crate) struct Dt(NaiveDateTime);

impl std::fmt::Display for Dt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use chrono::{Datelike, Timelike};
        let d = self.0;
        let y = d.year();
        if !(0..=9999).contains(&y) {
            return write!(f, "{}", d.format("%Y-%m-%dT%H:%M:%S"));
        }
        let mut b = *b"0000-00-00T00:00:00";
        let put = |b: &mut [u8; 19], at: usize, v: u32, n: usize| {
            let mut v = v;
            for k in (0..n).rev() {
                b[at + k] = b'0' + (v % 10) as u8;
                v /= 10;
            }
        };
        put(&mut b, 0, y as u32, 4);
        put(&mut b, 5, d.month(), 2);
        put(&mut b, 8, d.day(), 2);
        put(&mut b, 11, d.hour(), 2);
        put(&mut b, 14, d.minute(), 2);
        put(&mut b, 17, d.second(), 2);
        f.write_str(std::str::from_utf8(&b).unwrap_or("1984-01-01T00:00:00"))
    }
}

/// A time of day in minutes after midnight (`08:00:00`); `24:00:00` and, as an end,
/// `00:00:00` are midnight at the end of the day.
pub(crate) fn time_minutes(text: &str, end: bool) -> Result<u32, String> {
    let t = text.trim();
    let mut parts = t.split(':');
    let h: u32 = parts
        .next()
        .and_then(|x| x.parse().ok())
        .ok_or_else(|| format!("{t:?} is not a time"))?;
    let m: u32 = match parts.next() {
        Some(x) => x.parse().map_err(|_| format!("{t:?} is not a time"))?,
        None => 0,
    };
    if h > 24 || m > 59 || (h == 24 && m > 0) {
        return Err(format!("{t:?} is not a time"));
    }
    let v = h * 60 + m;
    Ok(if end && v == 0 { 1440 } else { v })
}

/// Whether an MSPDI duration or lag format code is elapsed time (`em`, `eh`, `ed`,
/// `ew`, `emo`, `e%`, and their estimated forms).
pub(crate) fn format_is_elapsed(code: i64) -> bool {
    matches!(code, 4 | 6 | 8 | 10 | 12 | 20 | 36 | 38 | 40 | 42 | 44 | 52)
}

/// Whether an MSPDI lag format code is a percentage (`%`, `e%`, estimated or not).
pub(crate) fn format_is_percent(code: i64) -> bool {
    matches!(code, 19 | 20 | 51 | 52)
}

/// Whether a code is one MSPDI defines for durations and lags.
pub(crate) fn format_known(code: i64) -> bool {
    matches!(code, 3..=12 | 19..=21 | 35..=44 | 51..=53)
}

/// A boolean element (`1`/`0`, `true`/`false`).
pub(crate) fn boolean(text: &str) -> Result<bool, String> {
    match text.trim() {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        t => Err(format!("{t:?} is not a boolean")),
    }
}

/// Escapes text for element content.
pub(crate) fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations() {
        assert_eq!(iso_minutes("PT8H0M0S"), Ok(480));
        assert_eq!(iso_minutes("PT0H0M0S"), Ok(0));
        assert_eq!(iso_minutes("-PT1H30M0S"), Ok(-90));
        assert_eq!(iso_minutes("P1DT2H"), Ok(1560));
        assert_eq!(iso_minutes("PT0H0M30.5S"), Ok(1));
        assert!(iso_minutes("P1Y").is_err());
        assert!(iso_minutes("PT").is_err());
        assert!(iso_minutes("8h").is_err());
        assert!(iso_minutes("PT99999999999999H").is_err());
        for m in [0, 1, 59, 60, 481, -4800] {
            assert_eq!(iso_minutes(&iso(m).to_string()), Ok(m));
        }
        let d = datetime("2018-10-08T07:05:09").unwrap();
        assert_eq!(dt(d).to_string(), "2018-10-08T07:05:09");
    }

    #[test]
    fn times() {
        assert_eq!(time_minutes("08:00:00", false), Ok(480));
        assert_eq!(time_minutes("00:00:00", true), Ok(1440));
        assert_eq!(time_minutes("00:00:00", false), Ok(0));
        assert!(time_minutes("25:00:00", false).is_err());
    }
}
