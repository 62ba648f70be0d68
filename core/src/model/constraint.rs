use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A date constraint on a task, as in MS Project.
///
/// With MS Project's default "tasks honor their constraint dates", a hard constraint
/// (MSO, MFO, SNLT, FNLT) wins over a conflicting link; the conflict shows as negative
/// total float and a [`Warning::ConstraintConflict`](crate::schedule::Warning).
///
/// Serialized as `{"type": "snet", "date": "2027-01-04T08:00:00"}` or `{"type": "asap"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(tag = "type", content = "date", rename_all = "lowercase")]
pub enum Constraint {
    /// As soon as possible (the default).
    #[default]
    Asap,
    /// As late as possible: the task is scheduled at its late dates.
    Alap,
    /// Start no earlier than.
    Snet(NaiveDateTime),
    /// Start no later than.
    Snlt(NaiveDateTime),
    /// Finish no earlier than.
    Fnet(NaiveDateTime),
    /// Finish no later than.
    Fnlt(NaiveDateTime),
    /// Must start on.
    Mso(NaiveDateTime),
    /// Must finish on.
    Mfo(NaiveDateTime),
}

/// The kind of a [`Constraint`], without its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ConstraintKind {
    /// As soon as possible.
    Asap,
    /// As late as possible.
    Alap,
    /// Start no earlier than.
    Snet,
    /// Start no later than.
    Snlt,
    /// Finish no earlier than.
    Fnet,
    /// Finish no later than.
    Fnlt,
    /// Must start on.
    Mso,
    /// Must finish on.
    Mfo,
}

impl Constraint {
    /// The constraint's kind.
    pub fn kind(&self) -> ConstraintKind {
        match self {
            Constraint::Asap => ConstraintKind::Asap,
            Constraint::Alap => ConstraintKind::Alap,
            Constraint::Snet(_) => ConstraintKind::Snet,
            Constraint::Snlt(_) => ConstraintKind::Snlt,
            Constraint::Fnet(_) => ConstraintKind::Fnet,
            Constraint::Fnlt(_) => ConstraintKind::Fnlt,
            Constraint::Mso(_) => ConstraintKind::Mso,
            Constraint::Mfo(_) => ConstraintKind::Mfo,
        }
    }

    /// The constraint's date, if it has one.
    pub fn date(&self) -> Option<NaiveDateTime> {
        match *self {
            Constraint::Asap | Constraint::Alap => None,
            Constraint::Snet(d)
            | Constraint::Snlt(d)
            | Constraint::Fnet(d)
            | Constraint::Fnlt(d)
            | Constraint::Mso(d)
            | Constraint::Mfo(d) => Some(d),
        }
    }
}

impl std::fmt::Display for ConstraintKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = match self {
            ConstraintKind::Asap => "ASAP",
            ConstraintKind::Alap => "ALAP",
            ConstraintKind::Snet => "SNET",
            ConstraintKind::Snlt => "SNLT",
            ConstraintKind::Fnet => "FNET",
            ConstraintKind::Fnlt => "FNLT",
            ConstraintKind::Mso => "MSO",
            ConstraintKind::Mfo => "MFO",
        };
        f.write_str(s)
    }
}
