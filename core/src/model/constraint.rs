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
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
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
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
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

crate::names::named!(ConstraintKind {
    Asap = "asap",
    Alap = "alap",
    Snet = "snet",
    Snlt = "snlt",
    Fnet = "fnet",
    Fnlt = "fnlt",
    Mso = "mso",
    Mfo = "mfo",
});

impl Constraint {
    /// The constraint of `kind` on `date`: the dated kinds (SNET … MFO) need a date and
    /// ASAP/ALAP take none.
    ///
    /// # Errors
    /// [`ModelError::ConstraintDate`](super::ModelError::ConstraintDate).
    ///
    /// # Example
    /// ```
    /// use planix::{Constraint, ConstraintKind};
    /// let d = "2027-01-11T08:00:00".parse().unwrap();
    /// assert_eq!(Constraint::of_kind(ConstraintKind::Snet, Some(d)), Ok(Constraint::Snet(d)));
    /// assert!(Constraint::of_kind(ConstraintKind::Snet, None).is_err());
    /// ```
    pub fn of_kind(
        kind: ConstraintKind,
        date: Option<NaiveDateTime>,
    ) -> Result<Constraint, super::ModelError> {
        let need = || date.ok_or(super::ModelError::ConstraintDate { kind, given: false });
        Ok(match kind {
            ConstraintKind::Asap | ConstraintKind::Alap if date.is_some() => {
                return Err(super::ModelError::ConstraintDate { kind, given: true });
            }
            ConstraintKind::Asap => Constraint::Asap,
            ConstraintKind::Alap => Constraint::Alap,
            ConstraintKind::Snet => Constraint::Snet(need()?),
            ConstraintKind::Snlt => Constraint::Snlt(need()?),
            ConstraintKind::Fnet => Constraint::Fnet(need()?),
            ConstraintKind::Fnlt => Constraint::Fnlt(need()?),
            ConstraintKind::Mso => Constraint::Mso(need()?),
            ConstraintKind::Mfo => Constraint::Mfo(need()?),
        })
    }

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
