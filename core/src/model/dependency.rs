use serde::{Deserialize, Serialize};

use crate::calendar::Duration;
use crate::ids::TaskId;

/// The four link types between a predecessor and a successor.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// Finish-to-start: the successor starts after the predecessor finishes.
    #[default]
    Fs,
    /// Start-to-start.
    Ss,
    /// Finish-to-finish.
    Ff,
    /// Start-to-finish.
    Sf,
}

crate::names::named!(LinkKind {
    Fs = "fs",
    Ss = "ss",
    Ff = "ff",
    Sf = "sf",
});

impl std::fmt::Display for LinkKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LinkKind::Fs => "FS",
            LinkKind::Ss => "SS",
            LinkKind::Ff => "FF",
            LinkKind::Sf => "SF",
        })
    }
}

/// Lag (positive) or lead (negative) of a link.
///
/// * `Working`: working minutes on the project calendar (MS Project computes
///   relationship lag on the project calendar).
/// * `Elapsed`: wall-clock minutes, nights and weekends included (`2ed` in MS Project).
/// * `Percent`: a percentage of the predecessor's duration, in working time.
///
/// Serialized as `{"working": 480}`, `{"elapsed": 2880}` or `{"percent": 50}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Lag {
    /// Working minutes on the project calendar.
    Working(Duration),
    /// Elapsed (calendar) minutes.
    Elapsed(Duration),
    /// Percent of the predecessor's duration.
    Percent(i32),
}

impl Default for Lag {
    fn default() -> Self {
        Lag::Working(Duration::ZERO)
    }
}

impl Lag {
    /// `true` for a zero lag of any kind.
    pub fn is_zero(&self) -> bool {
        match self {
            Lag::Working(d) | Lag::Elapsed(d) => d.as_minutes() == 0,
            Lag::Percent(p) => *p == 0,
        }
    }

    /// `true` for a lead (a negative lag).
    pub fn is_negative(&self) -> bool {
        match self {
            Lag::Working(d) | Lag::Elapsed(d) => d.as_minutes() < 0,
            Lag::Percent(p) => *p < 0,
        }
    }

    /// `true` for a positive lag.
    pub fn is_positive(&self) -> bool {
        match self {
            Lag::Working(d) | Lag::Elapsed(d) => d.as_minutes() > 0,
            Lag::Percent(p) => *p > 0,
        }
    }
}

/// A link between two tasks.
///
/// Links to or from a summary task apply as MS Project applies them: a predecessor of
/// a summary constrains every task inside it, and a summary as predecessor acts with
/// its rolled-up start and finish. FF and SF links into a summary are rejected.
///
/// # Example
/// ```
/// use planix::{Dependency, Duration, Lag, LinkKind, TaskId};
/// let d = Dependency::new(TaskId(1), TaskId(2))
///     .with_kind(LinkKind::Ss)
///     .with_lag(Lag::Working(Duration::hours(4)));
/// assert_eq!(d.kind, LinkKind::Ss);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// The predecessor.
    pub predecessor: TaskId,
    /// The successor.
    pub successor: TaskId,
    /// Link type.
    #[serde(default)]
    pub kind: LinkKind,
    /// Lag or lead.
    #[serde(default, skip_serializing_if = "Lag::is_zero")]
    pub lag: Lag,
}

impl Dependency {
    /// A finish-to-start link with no lag.
    pub fn new(predecessor: TaskId, successor: TaskId) -> Self {
        Dependency {
            predecessor,
            successor,
            kind: LinkKind::Fs,
            lag: Lag::default(),
        }
    }

    /// The same link with another type.
    pub fn with_kind(mut self, kind: LinkKind) -> Self {
        self.kind = kind;
        self
    }

    /// The same link with another lag.
    pub fn with_lag(mut self, lag: Lag) -> Self {
        self.lag = lag;
        self
    }
}
