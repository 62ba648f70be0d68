//! One JSON writer (and, where the result can be read back, one reader) per result, so
//! Rust, the CLI, Python and JS print the same bytes by construction.
//!
//! Documents (the project, the schedule, the risk forecast, reports) are pretty-printed
//! with a final newline; bulk results (Monte Carlo reports, leveling, costs, PERT) are
//! compact.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::IoError;

/// A result with one canonical JSON text.
pub trait ToJson: Serialize {
    /// Pretty-printed with a final newline (`true`) or compact (`false`).
    const PRETTY: bool;

    /// The canonical JSON text.
    fn to_json(&self) -> String {
        let out = if Self::PRETTY {
            serde_json::to_string_pretty(self).map(|mut s| {
                s.push('\n');
                s
            })
        } else {
            serde_json::to_string(self)
        };
        // Results hold only finite numbers, strings and string-keyed maps.
        out.unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
    }

    /// The same bytes as [`to_json`](Self::to_json), written to `w` as they are made,
    /// without building the text in memory (the CLI streams a million-task schedule
    /// this way). Wrap a file or stdout in a `BufWriter`.
    ///
    /// # Errors
    /// The writer's error.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use planix::io::ToJson;
    /// use planix::{Duration, Project, Task};
    /// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
    /// let mut p = Project::new("Site", start);
    /// p.add_task(Task::new("Survey").with_duration(Duration::hours(8)))?;
    /// let s = p.schedule()?;
    /// let mut bytes = Vec::new();
    /// s.write_json(&mut bytes)?;
    /// assert_eq!(String::from_utf8(bytes)?, s.to_json());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn write_json<W: std::io::Write>(&self, mut w: W) -> std::io::Result<()> {
        if Self::PRETTY {
            serde_json::to_writer_pretty(&mut w, self)?;
            w.write_all(b"\n")
        } else {
            serde_json::to_writer(&mut w, self).map_err(std::io::Error::from)
        }
    }
}

/// A result that reads back from its canonical JSON (pickling, caches, workers).
pub trait FromJson: ToJson + DeserializeOwned {
    /// Reads the text [`ToJson::to_json`] wrote.
    ///
    /// # Errors
    /// [`IoError::Json`] with the line and column.
    fn from_json(text: &str) -> Result<Self, IoError> {
        serde_json::from_str(text).map_err(|e| super::json::json_err(&e))
    }
}

macro_rules! results {
    ($pretty:literal: $($t:ty),* $(,)?) => {$(
        impl ToJson for $t {
            const PRETTY: bool = $pretty;
        }
    )*};
}
macro_rules! readable {
    ($($t:ty),* $(,)?) => {$(
        impl FromJson for $t {}
    )*};
}

results!(true: crate::Schedule, crate::risk::RiskForecast, crate::control::EvmReport,
    crate::control::DcmaReport, crate::control::Health, crate::control::Variance);
results!(false: crate::simulate::SimulationReport, crate::resources::Leveled,
    crate::resources::CostReport, crate::simulate::Pert);
readable!(
    crate::Schedule,
    crate::risk::RiskForecast,
    crate::control::EvmReport,
    crate::control::Variance,
    crate::simulate::SimulationReport,
    crate::resources::Leveled,
    crate::resources::CostReport,
    crate::simulate::Pert
);
