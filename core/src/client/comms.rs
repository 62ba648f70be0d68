//! The communication plan (who gets what, how often) and the communication log.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Channel, ClientError, Engagement, dup, unknown};

/// How often a communication recurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every day.
    Daily,
    /// Every 7 days.
    Weekly,
    /// Every 14 days.
    Fortnightly,
    /// Same day each month (clamped to the month's last day).
    Monthly,
    /// Every 3 months.
    Quarterly,
}

impl Frequency {
    /// The `n`-th occurrence after `start` (0 = `start`), or `None` past year 9999.
    pub fn nth(self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        match self {
            Frequency::Daily => start.checked_add_days(Days::new(u64::from(n))),
            Frequency::Weekly => start.checked_add_days(Days::new(7 * u64::from(n))),
            Frequency::Fortnightly => start.checked_add_days(Days::new(14 * u64::from(n))),
            Frequency::Monthly => start.checked_add_months(Months::new(n)),
            Frequency::Quarterly => start.checked_add_months(Months::new(3 * n)),
        }
    }
}

/// One line of the communication plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CommItem {
    /// Key ("C1").
    pub id: String,
    /// What is communicated ("Status report").
    pub what: String,
    /// Stakeholder ids who receive it.
    pub audience: Vec<String>,
    /// Channel.
    #[serde(default)]
    pub channel: Channel,
    /// How often.
    pub frequency: Frequency,
    /// First occurrence.
    pub start: NaiveDate,
    /// Last day it recurs (inclusive), if it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Who sends it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
}

/// One occurrence of a planned communication.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Due {
    /// The plan item.
    pub item: String,
    /// What it is.
    pub what: String,
    /// The day it is due.
    pub date: NaiveDate,
    /// Whether a log entry for the item falls on or after this day and before the next
    /// occurrence.
    pub done: bool,
}

/// What kind of contact a log entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum LogKind {
    /// A meeting.
    Meeting,
    /// A call.
    Call,
    /// An e-mail.
    Email,
    /// A decision taken.
    Decision,
    /// A note.
    Note,
}

/// An action agreed in a meeting or call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    /// What to do.
    pub description: String,
    /// Who does it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Whether it is done.
    #[serde(default)]
    pub done: bool,
}

/// One entry of the communication log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    /// Key ("L1").
    pub id: String,
    /// Day.
    pub date: NaiveDate,
    /// Kind.
    pub kind: LogKind,
    /// What was said or decided.
    pub summary: String,
    /// Stakeholder ids involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stakeholders: Vec<String>,
    /// Requirement ids discussed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// Risk ids discussed (of the risk register; not checked here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<String>,
    /// Change request ids discussed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    /// The communication-plan item this entry fulfils.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_item: Option<String>,
    /// Actions agreed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    /// The options considered (for a decision: the decision register lists them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Issue ids discussed (of the issue log).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
}

impl LogEntry {
    /// An entry with an id, a day, a kind and a summary.
    pub fn new(
        id: impl Into<String>,
        date: NaiveDate,
        kind: LogKind,
        summary: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            date,
            kind,
            summary: summary.into(),
            stakeholders: vec![],
            requirements: vec![],
            risks: vec![],
            changes: vec![],
            plan_item: None,
            actions: vec![],
            options: vec![],
            issues: vec![],
        }
    }
}

/// Most occurrences one plan item may produce in a query.
const MAX_OCCURRENCES: u32 = 100_000;

impl Engagement {
    /// Adds a communication-plan item.
    ///
    /// # Errors
    /// [`ClientError::Duplicate`], [`ClientError::Unknown`] for an audience member who is
    /// not a stakeholder, [`ClientError::Invalid`] for an empty audience or an end
    /// before the start.
    pub fn add_comm_item(&mut self, c: CommItem) -> Result<(), ClientError> {
        dup(&self.comm_plan, &c.id, "communication", |x| &x.id)?;
        let bad = |message: &str| ClientError::Invalid {
            kind: "communication",
            id: c.id.clone(),
            message: message.into(),
        };
        if c.audience.is_empty() {
            return Err(bad("the audience is empty"));
        }
        if c.until.is_some_and(|u| u < c.start) {
            return Err(bad("it ends before it starts"));
        }
        for s in &c.audience {
            self.need_stakeholder(s)?;
        }
        self.comm_plan.push(c);
        Ok(())
    }

    /// The communication plan.
    pub fn comm_plan(&self) -> &[CommItem] {
        &self.comm_plan
    }

    /// Adds a log entry.
    ///
    /// # Errors
    /// [`ClientError::Duplicate`], or [`ClientError::Unknown`] for a stakeholder,
    /// requirement, change request or plan item that does not exist.
    pub fn add_log_entry(&mut self, e: LogEntry) -> Result<(), ClientError> {
        dup(&self.log, &e.id, "log entry", |x| &x.id)?;
        for s in &e.stakeholders {
            self.need_stakeholder(s)?;
        }
        for r in &e.requirements {
            if self.requirement(r).is_none() {
                return Err(unknown("requirement", r));
            }
        }
        for c in &e.changes {
            if self.change(c).is_none() {
                return Err(unknown("change request", c));
            }
        }
        if let Some(p) = &e.plan_item {
            if !self.comm_plan.iter().any(|c| &c.id == p) {
                return Err(unknown("communication", p));
            }
        }
        self.log.push(e);
        Ok(())
    }

    /// The log, in the order added.
    pub fn log(&self) -> &[LogEntry] {
        &self.log
    }

    /// Marks action `index` of log entry `entry` done.
    ///
    /// # Errors
    /// [`ClientError::Unknown`] for a missing entry or action.
    pub fn complete_action(&mut self, entry: &str, index: usize) -> Result<(), ClientError> {
        let e = self
            .log
            .iter_mut()
            .find(|e| e.id == entry)
            .ok_or_else(|| unknown("log entry", entry))?;
        let a = e
            .actions
            .get_mut(index)
            .ok_or_else(|| unknown("action", &format!("{entry}#{index}")))?;
        a.done = true;
        Ok(())
    }

    /// Open action items due before `today`, as `(log entry id, action)`.
    pub fn overdue_actions(&self, today: NaiveDate) -> Vec<(&str, &ActionItem)> {
        self.log
            .iter()
            .flat_map(|e| e.actions.iter().map(move |a| (e.id.as_str(), a)))
            .filter(|(_, a)| !a.done && a.due.is_some_and(|d| d < today))
            .collect()
    }

    /// Every planned communication due from `from` to `to` (inclusive), by day then plan
    /// order, each marked done when the log holds an entry for it.
    pub fn communications_due(&self, from: NaiveDate, to: NaiveDate) -> Vec<Due> {
        let mut out = vec![];
        for c in &self.comm_plan {
            let last = c.until.map_or(to, |u| u.min(to));
            for n in 0..MAX_OCCURRENCES {
                let Some(d) = c.frequency.nth(c.start, n) else {
                    break;
                };
                if d > last {
                    break;
                }
                if d < from {
                    continue;
                }
                let next = c.frequency.nth(c.start, n + 1);
                let done = self.log.iter().any(|e| {
                    e.plan_item.as_deref() == Some(&c.id)
                        && e.date >= d
                        && next.is_none_or(|x| e.date < x)
                });
                out.push(Due {
                    item: c.id.clone(),
                    what: c.what.clone(),
                    date: d,
                    done,
                });
            }
        }
        out.sort_by_key(|d| d.date);
        out
    }

    /// Planned communications due before `today` with no log entry: the overdue ones.
    pub fn overdue_communications(&self, today: NaiveDate) -> Vec<Due> {
        let Some(first) = self.comm_plan.iter().map(|c| c.start).min() else {
            return vec![];
        };
        match today.pred_opt() {
            Some(y) if y >= first => self
                .communications_due(first, y)
                .into_iter()
                .filter(|d| !d.done)
                .collect(),
            _ => vec![],
        }
    }
}
