//! Fast ISO 8601 text for the date-times of large results.
//!
//! chrono serializes a `NaiveDateTime` through its `Debug` format, one character at a
//! time into the serializer's escaping writer; in a 100,000-task schedule written as
//! JSON that was about a fifth of the whole `planix schedule` process. [`Iso`] writes the
//! same text from a stack buffer in one call. It takes the fast path only where chrono's
//! text is exactly `YYYY-MM-DDTHH:MM:SS` (years 0–9999, no fraction of a second) and
//! hands anything else to chrono, so the bytes never differ (a unit test compares them).

use chrono::{Datelike, NaiveDateTime, Timelike};
use serde::{Serialize, Serializer};

/// A date-time serialized as chrono would, faster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Iso(pub(crate) NaiveDateTime);

impl Serialize for Iso {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let year = d.year();
        if !(0..=9999).contains(&year) || d.nanosecond() != 0 {
            return d.serialize(s);
        }
        let mut b = *b"0000-00-00T00:00:00";
        let mut put = |at: usize, v: u32, width: usize| {
            let mut v = v;
            for k in (0..width).rev() {
                b[at + k] = b'0' + (v % 10) as u8;
                v /= 10;
            }
        };
        put(0, year as u32, 4);
        put(5, d.month(), 2);
        put(8, d.day(), 2);
        put(11, d.hour(), 2);
        put(14, d.minute(), 2);
        put(17, d.second(), 2);
        match std::str::from_utf8(&b) {
            Ok(text) => s.serialize_str(text),
            Err(_) => d.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_same_text_as_chrono(secs in -70_000_000_000i64..260_000_000_000, nanos in prop_oneof![Just(0u32), 0u32..2_000_000_000]) {
            if let Some(d) = chrono::DateTime::from_timestamp(secs, nanos).map(|d| d.naive_utc()) {
                prop_assert_eq!(
                    serde_json::to_string(&Iso(d)).unwrap(),
                    serde_json::to_string(&d).unwrap()
                );
            }
        }
    }
}
