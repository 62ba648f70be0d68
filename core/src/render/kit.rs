//! The chart toolkit every chart shares: palette, text width estimate, linear axes with
//! round ticks, and the calendar time scale with its two header rows.

use chrono::{Datelike, Duration as ChronoDuration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::svg::{Anchor, Svg};

/// The Okabe–Ito palette (distinguishable with the common colour-vision deficiencies).
pub(crate) mod palette {
    /// Vermillion: critical work, over-allocation, the worst rating.
    pub const RED: &str = "#D55E00";
    /// Blue: ordinary work.
    pub const BLUE: &str = "#0072B2";
    /// Sky blue: float, availability.
    pub const SKY: &str = "#56B4E9";
    /// Orange: warnings, the P80 line.
    pub const ORANGE: &str = "#E69F00";
    /// Bluish green: done, earned value.
    pub const GREEN: &str = "#009E73";
    /// Yellow.
    pub const YELLOW: &str = "#F0E442";
    /// Reddish purple: actual cost.
    pub const PURPLE: &str = "#CC79A7";
    /// Near-black text and milestones.
    pub const INK: &str = "#222222";

    /// A sequential ramp from low to high (blue, sky, yellow, orange, vermillion) for
    /// ratings and criticality, sampled at `t` in `[0, 1]`.
    pub fn ramp(t: f64) -> &'static str {
        const STOPS: [&str; 5] = [BLUE, SKY, YELLOW, ORANGE, RED];
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        STOPS[((t * 4.0).round() as usize).min(4)]
    }
}

/// Estimated width in pixels of `s` at `size` px in a sans-serif font (DejaVu Sans-like
/// advance widths by character class), for layout without a font file.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    let mut w = 0.0;
    for c in s.chars() {
        w += match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' => 0.3,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '[' | ']' | '-' | '/' => 0.38,
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.88,
            '0'..='9' => 0.64,
            c if c.is_ascii_uppercase() => 0.7,
            c if c.is_ascii() => 0.6,
            // CJK and other wide scripts take about a full em.
            c if (c as u32) >= 0x2E80 => 1.0,
            _ => 0.62,
        };
    }
    w * size
}

/// `s` cut with an ellipsis to fit `max` pixels at `size` px.
pub(crate) fn fit(s: &str, size: f64, max: f64) -> std::borrow::Cow<'_, str> {
    if text_width(s, size) <= max {
        return std::borrow::Cow::Borrowed(s);
    }
    let budget = max - text_width("…", size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = text_width(c.encode_utf8(&mut [0; 4]), size);
        if w + cw > budget {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    std::borrow::Cow::Owned(out)
}

/// A linear map from a value domain to pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Linear {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Linear {
    pub(crate) fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Self {
        let d1 = if (d1 - d0).abs() < f64::EPSILON {
            d0 + 1.0
        } else {
            d1
        };
        Linear { d0, d1, r0, r1 }
    }

    pub(crate) fn at(&self, v: f64) -> f64 {
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// Round tick values (1, 2 or 5 × 10ᵏ apart) covering `[lo, hi]`, about `n` of them;
/// returns the ticks and the rounded-out domain.
pub(crate) fn nice_ticks(lo: f64, hi: f64, n: usize) -> (Vec<f64>, f64, f64) {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    let span = if hi - lo > 0.0 {
        hi - lo
    } else {
        hi.abs().max(1.0)
    };
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let a = (lo / step).floor() * step;
    let b = if hi - lo > 0.0 {
        (hi / step).ceil() * step
    } else {
        a + step * n.max(1) as f64
    };
    let count = (((b - a) / step).round() as usize).min(1000);
    let ticks = (0..=count).map(|i| a + step * i as f64).collect();
    (ticks, a, b)
}

/// A tick label: whole numbers with thousands separators, else up to two decimals.
pub(crate) fn tick_label(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        let n = v.round() as i64;
        let s = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if n < 0 {
            out.insert(0, '-');
        }
        out
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The unit of a Gantt time scale's lower header row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Days under weeks.
    Day,
    /// ISO weeks (Monday) under months.
    Week,
    /// Months under years.
    Month,
    /// Quarters under years.
    Quarter,
    /// Years under decades.
    Year,
}

crate::names::named!(TimeUnit {
    Day = "day",
    Week = "week",
    Month = "month",
    Quarter = "quarter",
    Year = "year",
});

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["M", "T", "W", "T", "F", "S", "S"];

/// `4 Jan 2027` (labels and tooltips).
pub(crate) fn day_label(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

impl TimeUnit {
    /// Pixels per calendar day when the scale is chosen for this unit.
    pub(crate) fn px_per_day(self) -> f64 {
        match self {
            TimeUnit::Day => 26.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => 2.4,
            TimeUnit::Quarter => 0.9,
            TimeUnit::Year => 0.25,
        }
    }

    /// The unit whose scale draws a span of `days` calendar days in a readable width.
    pub(crate) fn for_span(days: f64) -> TimeUnit {
        if days <= 50.0 {
            TimeUnit::Day
        } else if days <= 200.0 {
            TimeUnit::Week
        } else if days <= 800.0 {
            TimeUnit::Month
        } else if days <= 3000.0 {
            TimeUnit::Quarter
        } else {
            TimeUnit::Year
        }
    }

    /// Start of the lower-row period holding `d`.
    fn floor(self, d: NaiveDate) -> NaiveDate {
        match self {
            TimeUnit::Day => d,
            TimeUnit::Week => {
                d - ChronoDuration::days(i64::from(d.weekday().num_days_from_monday()))
            }
            TimeUnit::Month => d.with_day(1).unwrap_or(d),
            TimeUnit::Quarter => {
                NaiveDate::from_ymd_opt(d.year(), d.month0() / 3 * 3 + 1, 1).unwrap_or(d)
            }
            TimeUnit::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        }
    }

    fn next(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            TimeUnit::Day => d.succ_opt(),
            TimeUnit::Week => d.checked_add_days(chrono::Days::new(7)),
            TimeUnit::Month => d.checked_add_months(chrono::Months::new(1)),
            TimeUnit::Quarter => d.checked_add_months(chrono::Months::new(3)),
            TimeUnit::Year => d.checked_add_months(chrono::Months::new(12)),
        }
    }

    /// The upper header row's unit and its label of a period start.
    fn upper(self) -> UpperUnit {
        match self {
            TimeUnit::Day => UpperUnit::Week,
            TimeUnit::Week => UpperUnit::Month,
            TimeUnit::Month | TimeUnit::Quarter => UpperUnit::Year,
            TimeUnit::Year => UpperUnit::Decade,
        }
    }

    fn label(self, d: NaiveDate, width: f64) -> String {
        match self {
            TimeUnit::Day => {
                if width >= 18.0 {
                    d.day().to_string()
                } else {
                    WEEKDAYS[d.weekday().num_days_from_monday() as usize].to_string()
                }
            }
            TimeUnit::Week => {
                if width >= 34.0 {
                    format!("{} {}", d.day(), MONTHS[d.month0() as usize])
                } else {
                    d.day().to_string()
                }
            }
            TimeUnit::Month => {
                let m = MONTHS[d.month0() as usize];
                if width >= 24.0 {
                    m.to_string()
                } else {
                    m[..1].to_string()
                }
            }
            TimeUnit::Quarter => format!("Q{}", d.month0() / 3 + 1),
            TimeUnit::Year => {
                if width >= 30.0 {
                    d.year().to_string()
                } else {
                    format!("{:02}", d.year().rem_euclid(100))
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
enum UpperUnit {
    Week,
    Month,
    Year,
    Decade,
}

impl UpperUnit {
    fn floor(self, d: NaiveDate) -> NaiveDate {
        match self {
            UpperUnit::Week => TimeUnit::Week.floor(d),
            UpperUnit::Month => TimeUnit::Month.floor(d),
            UpperUnit::Year => TimeUnit::Year.floor(d),
            UpperUnit::Decade => {
                NaiveDate::from_ymd_opt(d.year().div_euclid(10) * 10, 1, 1).unwrap_or(d)
            }
        }
    }

    fn next(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            UpperUnit::Week => TimeUnit::Week.next(d),
            UpperUnit::Month => TimeUnit::Month.next(d),
            UpperUnit::Year => TimeUnit::Year.next(d),
            UpperUnit::Decade => d.checked_add_months(chrono::Months::new(120)),
        }
    }

    fn label(self, d: NaiveDate) -> String {
        match self {
            UpperUnit::Week => format!("Week of {}", day_label(d)),
            UpperUnit::Month => format!("{} {}", MONTHS[d.month0() as usize], d.year()),
            UpperUnit::Year => d.year().to_string(),
            UpperUnit::Decade => format!("{}s", d.year()),
        }
    }
}

/// A calendar time scale: dates to pixels, continuous in elapsed time.
#[derive(Clone, Debug)]
pub(crate) struct TimeScale {
    /// First day drawn (midnight).
    pub(crate) from: NaiveDate,
    /// Day after the last day drawn.
    pub(crate) to: NaiveDate,
    /// Left edge in pixels.
    pub(crate) x0: f64,
    /// Pixels per calendar day.
    pub(crate) px_per_day: f64,
    /// Lower header row unit.
    pub(crate) unit: TimeUnit,
}

/// The most periods a header row draws; a span needing more at the asked unit is refused.
pub(crate) const MAX_COLUMNS: usize = 20_000;

impl TimeScale {
    /// A scale covering `[lo, hi]` rounded out to whole lower-row periods, with a margin.
    pub(crate) fn new(
        lo: NaiveDateTime,
        hi: NaiveDateTime,
        unit: Option<TimeUnit>,
        px_per_day: Option<f64>,
        x0: f64,
    ) -> Result<Self, super::RenderError> {
        let days = (hi - lo).num_minutes().max(0) as f64 / 1440.0;
        let unit = unit.unwrap_or_else(|| TimeUnit::for_span(days));
        let px = px_per_day.unwrap_or_else(|| unit.px_per_day());
        let from = unit.floor(lo.date());
        let mut to = unit.floor(hi.date());
        let mut n = 0usize;
        while to <= hi.date() || n == 0 {
            to = unit
                .next(to)
                .ok_or_else(|| too_large("the time scale passes year 9999"))?;
            n += 1;
        }
        let periods = match unit {
            TimeUnit::Day => (to - from).num_days() as usize,
            TimeUnit::Week => (to - from).num_days() as usize / 7,
            TimeUnit::Month => (to - from).num_days() as usize / 28,
            TimeUnit::Quarter => (to - from).num_days() as usize / 90,
            TimeUnit::Year => (to - from).num_days() as usize / 365,
        };
        if periods > MAX_COLUMNS {
            return Err(too_large(&format!(
                "{periods} {} columns from {} to {} (at most {MAX_COLUMNS}); choose a larger scale",
                unit.name(),
                from,
                to
            )));
        }
        Ok(TimeScale {
            from,
            to,
            x0,
            px_per_day: px,
            unit,
        })
    }

    /// Width in pixels.
    pub(crate) fn width(&self) -> f64 {
        (self.to - self.from).num_days() as f64 * self.px_per_day
    }

    /// The x of a moment.
    pub(crate) fn x(&self, t: NaiveDateTime) -> f64 {
        let m = (t - self.from.and_time(NaiveTime::MIN)).num_minutes() as f64;
        self.x0 + m / 1440.0 * self.px_per_day
    }

    /// The x of a date's midnight.
    pub(crate) fn xd(&self, d: NaiveDate) -> f64 {
        self.x0 + (d - self.from).num_days() as f64 * self.px_per_day
    }

    /// Draws the two header rows at `y` (each `h` high) and the period grid down to `bottom`.
    pub(crate) fn header(&self, svg: &mut Svg, y: f64, h: f64, bottom: f64) {
        let upper = self.unit.upper();
        let mut d = upper.floor(self.from);
        while d < self.to {
            let Some(n) = upper.next(d) else { break };
            let a = self.xd(d.max(self.from));
            let b = self.xd(n.min(self.to));
            svg.rect(a, y, b - a, h, "hd");
            let label = upper.label(d);
            if super::kit::text_width(&label, 11.0) + 6.0 <= b - a {
                svg.text(a + 4.0, y + h - 5.0, Anchor::Start, "ht", &label);
            }
            d = n;
        }
        let mut d = self.from;
        while d < self.to {
            let Some(n) = self.unit.next(d) else { break };
            let a = self.xd(d);
            let b = self.xd(n.min(self.to));
            svg.rect(a, y + h, b - a, h, "hd");
            let label = self.unit.label(d, b - a);
            if text_width(&label, 10.0) + 2.0 <= b - a {
                svg.text(
                    (a + b) / 2.0,
                    y + 2.0 * h - 5.0,
                    Anchor::Middle,
                    "hs",
                    &label,
                );
            }
            if bottom > y + 2.0 * h {
                svg.line(a, y + 2.0 * h, a, bottom, "gr");
            }
            d = n;
        }
    }
}

pub(crate) fn too_large(message: &str) -> super::RenderError {
    super::RenderError::TooLarge {
        message: message.to_string(),
    }
}

/// Dates on a value axis: round ticks in days, weeks or months across `[lo, hi]`.
pub(crate) fn date_ticks(lo: NaiveDateTime, hi: NaiveDateTime, n: usize) -> Vec<NaiveDate> {
    let days = ((hi - lo).num_days()).max(1);
    let step = [1, 2, 7, 14, 30, 61, 91, 182, 365]
        .into_iter()
        .find(|s| days / s <= n as i64)
        .unwrap_or(365 * ((days / 365 / n.max(1) as i64) + 1));
    let mut out = vec![];
    let mut d = if step >= 30 {
        lo.date().with_day(1).unwrap_or(lo.date())
    } else if step >= 7 {
        TimeUnit::Week.floor(lo.date())
    } else {
        lo.date()
    };
    while d.and_time(NaiveTime::MIN) <= hi && out.len() < 1000 {
        if d.and_time(NaiveTime::MIN) >= lo {
            out.push(d);
        }
        let next = if step >= 30 {
            d.checked_add_months(chrono::Months::new((step / 30) as u32))
        } else {
            d.checked_add_days(chrono::Days::new(step as u64))
        };
        match next {
            Some(n) => d = n,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_are_round() {
        let (t, a, b) = nice_ticks(3.0, 97.0, 5);
        assert_eq!((a, b), (0.0, 100.0));
        assert_eq!(t, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(tick_label(12_500.0), "12,500");
        assert_eq!(tick_label(0.25), "0.25");
    }

    #[test]
    fn the_scale_maps_days_to_pixels() {
        let lo = "2027-01-06T08:00:00".parse().unwrap();
        let hi = "2027-01-20T17:00:00".parse().unwrap();
        let s = TimeScale::new(lo, hi, None, None, 100.0).unwrap();
        assert_eq!(s.unit, TimeUnit::Day);
        assert_eq!(s.from.to_string(), "2027-01-06");
        assert_eq!(s.x(lo), 100.0 + 8.0 / 24.0 * 26.0);
        let w = TimeScale::new(lo, hi, Some(TimeUnit::Week), None, 0.0).unwrap();
        assert_eq!(w.from.to_string(), "2027-01-04");
        assert_eq!(w.to.to_string(), "2027-01-25");
    }

    #[test]
    fn text_is_cut_to_fit() {
        let s = fit("A very long task name indeed", 11.0, 60.0);
        assert!(s.ends_with('…'));
        assert!(text_width(&s, 11.0) <= 60.0);
        assert_eq!(fit("Short", 11.0, 60.0), "Short");
    }
}
