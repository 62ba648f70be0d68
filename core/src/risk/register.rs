//! Risk records, assessments with history, and the register.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::matrix::{HeatCell, RiskMatrix};
use crate::ids::TaskId;
use crate::model::{Distribution, Estimate};
use crate::simulate::{CostEstimate, RiskEvent};

/// Threat (harms the project; the default) or opportunity (helps it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    /// A possible harm: its EMV is negative.
    #[default]
    Threat,
    /// A possible benefit: its EMV is positive.
    Opportunity,
}

/// Where a risk is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    /// Written down.
    #[default]
    Identified,
    /// Probability and impact assessed.
    Analysed,
    /// A response is planned.
    ResponsePlanned,
    /// Being watched.
    Monitored,
    /// It happened.
    Occurred,
    /// No longer relevant.
    Closed,
}

/// A dimension a risk's impact is scored on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Time: the finish date and milestones.
    Schedule,
    /// Money: budget and margin.
    Cost,
    /// Scope and quality of the deliverables.
    ScopeQuality,
    /// The firm's standing with the client and beyond.
    Reputation,
}

use crate::names::named;

named!(Dimension {
    Schedule = "schedule",
    Cost = "cost",
    ScopeQuality = "scope_quality",
    Reputation = "reputation",
});
named!(RiskKind {
    Threat = "threat",
    Opportunity = "opportunity",
});
named!(RiskStatus {
    Identified = "identified",
    Analysed = "analysed",
    ResponsePlanned = "response_planned",
    Monitored = "monitored",
    Occurred = "occurred",
    Closed = "closed",
});
named!(Strategy {
    Avoid = "avoid",
    Mitigate = "mitigate",
    Transfer = "transfer",
    Accept = "accept",
    Escalate = "escalate",
    Exploit = "exploit",
    Enhance = "enhance",
    Share = "share",
});
named!(ActionStatus {
    Open = "open",
    InProgress = "in_progress",
    Done = "done",
});

/// Probability and impact of a risk at one point in time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Probability of occurrence in `[0, 1]`.
    pub probability: f64,
    /// Overall impact level, `1..=` the matrix's impact levels; at least the worst
    /// dimension's level.
    pub impact: u8,
    /// Impact level per dimension (optional; the overall `impact` is at least the
    /// highest of them).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Partial<Record<Dimension, number>>"))]
    pub impacts: BTreeMap<Dimension, u8>,
    /// Money at stake if it occurs (≥ 0; the sign comes from the risk's kind).
    #[serde(default)]
    pub cost: f64,
    /// Extra working time on the risk's tasks if it occurs (a threat's schedule impact).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<Estimate>,
}

impl Assessment {
    /// An assessment with a probability and an impact level.
    pub fn new(probability: f64, impact: u8) -> Self {
        Self {
            probability,
            impact,
            impacts: BTreeMap::new(),
            cost: 0.0,
            delay: None,
        }
    }

    /// An assessment scored per dimension; the overall impact is the worst of them
    /// (0, which no matrix accepts, when `impacts` is empty).
    ///
    /// ```
    /// use planix::risk::{Assessment, Dimension};
    /// let a = Assessment::by_dimension(0.4, &[(Dimension::Cost, 2), (Dimension::Reputation, 4)]);
    /// assert_eq!(a.impact, 4);
    /// ```
    pub fn by_dimension(probability: f64, impacts: &[(Dimension, u8)]) -> Self {
        let mut a = Self::new(probability, 0);
        for &(d, l) in impacts {
            a.impacts.insert(d, l);
            a.impact = a.impact.max(l);
        }
        a
    }

    /// The same assessment with money at stake.
    pub fn with_cost(mut self, cost: f64) -> Self {
        self.cost = cost;
        self
    }

    /// The same assessment with a schedule impact.
    pub fn with_delay(mut self, delay: Estimate) -> Self {
        self.delay = Some(delay);
        self
    }

    /// Expected monetary value for a risk of `kind`: probability × cost, negative for a
    /// threat.
    pub fn emv(&self, kind: RiskKind) -> f64 {
        let v = self.probability * self.cost;
        match kind {
            RiskKind::Threat => -v,
            RiskKind::Opportunity => v,
        }
    }

    /// Probability × impact level.
    pub fn score(&self) -> f64 {
        self.probability * f64::from(self.impact)
    }
}

/// One dated change of a risk's assessment (the history is append-only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// Day of the assessment.
    pub date: NaiveDate,
    /// `true` for a residual (after response) assessment.
    pub residual: bool,
    /// The assessment.
    pub assessment: Assessment,
}

/// A risk record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// The register's key ("R1").
    pub id: String,
    /// Short title.
    pub title: String,
    /// Threat or opportunity.
    pub kind: RiskKind,
    /// Longer text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Cause → event → effect.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cause: String,
    /// The uncertain event.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub event: String,
    /// Its effect on the objectives.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub effect: String,
    /// Category in the user's risk breakdown structure.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// Owner (a stakeholder or resource name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Status.
    #[serde(default)]
    pub status: RiskStatus,
    /// Tasks the risk affects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskId>,
    /// Deliverables the risk threatens (or helps), by name or id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<String>,
    /// Warning signs that the risk is about to occur.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<String>,
    /// Day the risk was identified (assessments given to [`RiskRegister::add`] are
    /// dated on it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identified: Option<NaiveDate>,
    /// Proximity: the earliest day the risk could occur.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proximity: Option<NaiveDate>,
    /// Day the risk was closed or occurred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
    /// Assessment before any response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherent: Option<Assessment>,
    /// Assessment after the planned response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<Assessment>,
    /// Every assessment ever made, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryEntry>,
    /// Next review date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_review: Option<NaiveDate>,
    /// Planned responses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    /// Contingency held for the risk: working time and money.
    #[serde(default, skip_serializing_if = "Contingency::is_empty")]
    pub contingency: Contingency,
}

/// How a risk is answered (PMBOK strategies: avoid, mitigate, transfer, accept and
/// escalate for threats; exploit, enhance, share and accept for opportunities).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Remove the threat.
    Avoid,
    /// Reduce its probability or impact.
    Mitigate,
    /// Hand it to a third party (insurance, contract).
    Transfer,
    /// Take it as it is.
    Accept,
    /// Hand it above the project.
    Escalate,
    /// Make the opportunity certain.
    Exploit,
    /// Raise its probability or impact.
    Enhance,
    /// Share it with a partner.
    Share,
}

impl Strategy {
    /// Whether the strategy fits a risk of this kind.
    pub fn fits(self, kind: RiskKind) -> bool {
        use Strategy::*;
        match kind {
            RiskKind::Threat => matches!(self, Avoid | Mitigate | Transfer | Accept | Escalate),
            RiskKind::Opportunity => matches!(self, Exploit | Enhance | Share | Accept | Escalate),
        }
    }
}

/// Status of a response action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Not started.
    #[default]
    Open,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
}

/// One action of a response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What to do.
    pub description: String,
    /// Who does it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// What it costs (≥ 0).
    #[serde(default)]
    pub cost: f64,
    /// Progress.
    #[serde(default)]
    pub status: ActionStatus,
    /// The schedule task that carries it out, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<TaskId>,
}

/// A response: a strategy and its actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The strategy.
    pub strategy: Strategy,
    /// The actions.
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// Time and money held back for a risk.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Contingency {
    /// Working time.
    #[serde(default)]
    pub time: crate::calendar::Duration,
    /// Money.
    #[serde(default)]
    pub cost: f64,
}

impl Contingency {
    fn is_empty(&self) -> bool {
        self.time.is_zero() && self.cost == 0.0
    }
}

/// Something about a risk a project manager should act on.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RiskAlert {
    /// The review date has passed.
    ReviewOverdue {
        /// The risk.
        risk: String,
        /// The missed review date.
        due: NaiveDate,
    },
    /// Rated high or above without an owner.
    HighWithoutOwner {
        /// The risk.
        risk: String,
        /// Its rating.
        rating: String,
    },
    /// Rated high or above without any response.
    HighWithoutResponse {
        /// The risk.
        risk: String,
        /// Its rating.
        rating: String,
    },
    /// A response action is past its due date and not done.
    ActionOverdue {
        /// The risk.
        risk: String,
        /// The action's description.
        action: String,
        /// Its due date.
        due: NaiveDate,
    },
}

impl std::fmt::Display for RiskAlert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RiskAlert::ReviewOverdue { risk, due } => {
                write!(f, "{risk}: review overdue since {due}")
            }
            RiskAlert::HighWithoutOwner { risk, rating } => {
                write!(f, "{risk}: rated {rating} and has no owner")
            }
            RiskAlert::HighWithoutResponse { risk, rating } => {
                write!(f, "{risk}: rated {rating} and has no response")
            }
            RiskAlert::ActionOverdue { risk, action, due } => {
                write!(f, "{risk}: action {action:?} overdue since {due}")
            }
        }
    }
}

impl Risk {
    /// A new risk with an id, a title and a kind.
    pub fn new(id: impl Into<String>, title: impl Into<String>, kind: RiskKind) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            kind,
            description: String::new(),
            cause: String::new(),
            event: String::new(),
            effect: String::new(),
            category: String::new(),
            owner: String::new(),
            status: RiskStatus::Identified,
            tasks: Vec::new(),
            deliverables: Vec::new(),
            triggers: Vec::new(),
            identified: None,
            proximity: None,
            closed: None,
            inherent: None,
            residual: None,
            history: Vec::new(),
            next_review: None,
            responses: Vec::new(),
            contingency: Contingency::default(),
        }
    }

    /// The same risk affecting these tasks.
    pub fn with_tasks(mut self, tasks: Vec<TaskId>) -> Self {
        self.tasks = tasks;
        self
    }

    /// The assessment in force: the residual one if any, else the inherent one.
    pub fn current(&self) -> Option<&Assessment> {
        self.residual.as_ref().or(self.inherent.as_ref())
    }

    /// Whether the risk still counts (not closed, not occurred).
    pub fn is_open(&self) -> bool {
        !matches!(self.status, RiskStatus::Closed | RiskStatus::Occurred)
    }
}

/// Errors of the risk register. A failed call changes nothing.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RiskError {
    /// No risk has this id.
    #[error("unknown risk {0:?}")]
    UnknownRisk(String),
    /// Two risks share an id.
    #[error("duplicate risk id {0:?}")]
    DuplicateRisk(String),
    /// An assessment value is out of range.
    #[error("risk {risk:?}: {message}")]
    InvalidAssessment {
        /// The risk.
        risk: String,
        /// What is wrong.
        message: String,
    },
    /// The matrix is malformed.
    #[error("invalid risk matrix: {0}")]
    InvalidMatrix(String),
    /// A risk record is incomplete or inconsistent.
    #[error("risk {risk:?}: {message}")]
    InvalidRisk {
        /// The risk.
        risk: String,
        /// What is wrong.
        message: String,
    },
    /// A risk or one of its actions names a task the project does not have.
    #[error("risk {risk:?}: {context} names unknown task {task}")]
    UnknownTask {
        /// The risk.
        risk: String,
        /// The task id.
        task: TaskId,
        /// Where it was named ("tasks", or the action).
        context: String,
    },
    /// A response does not fit the risk.
    #[error("risk {risk:?}: {message}")]
    InvalidResponse {
        /// The risk.
        risk: String,
        /// What is wrong.
        message: String,
    },
    /// A register document could not be read.
    #[error("risk register JSON: {0}")]
    Json(String),
    /// A CSV field could not be read.
    #[error("risk CSV row {row}, column {column:?}: {message}")]
    Csv {
        /// Data row, 1-based (0: the header or the whole file).
        row: usize,
        /// Column name (empty when the row itself is malformed).
        column: String,
        /// What is wrong.
        message: String,
    },
}

/// One risk as a flat table row (what `to_pandas()` and spreadsheets show).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct RiskRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `"threat"` or `"opportunity"`.
    pub kind: &'static str,
    /// Status name.
    pub status: &'static str,
    /// Category.
    pub category: String,
    /// Owner.
    pub owner: String,
    /// Current probability (residual when assessed).
    pub probability: Option<f64>,
    /// Current overall impact level.
    pub impact: Option<u8>,
    /// Score by the matrix's rule.
    pub score: Option<f64>,
    /// Rating of the current cell.
    pub rating: Option<String>,
    /// Expected monetary value (negative for threats).
    pub emv: Option<f64>,
    /// Mean schedule impact if it occurs, in working minutes.
    pub delay_minutes: Option<f64>,
    /// Inherent probability.
    pub inherent_probability: Option<f64>,
    /// Inherent impact level.
    pub inherent_impact: Option<u8>,
    /// Strategies of the responses, comma separated.
    pub responses: String,
    /// Linked task ids.
    pub tasks: Vec<u32>,
    /// Next review date.
    pub next_review: Option<NaiveDate>,
}

impl RiskError {
    /// The risk the error names, if any.
    pub fn risk(&self) -> Option<&str> {
        match self {
            RiskError::UnknownRisk(r) | RiskError::DuplicateRisk(r) => Some(r),
            RiskError::InvalidAssessment { risk, .. }
            | RiskError::InvalidRisk { risk, .. }
            | RiskError::UnknownTask { risk, .. }
            | RiskError::InvalidResponse { risk, .. } => Some(risk).filter(|r| !r.is_empty()),
            _ => None,
        }
        .map(String::as_str)
    }
}

/// The register: risks and the matrix they are rated on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(rename = "RiskRegisterDocument")
)]
#[serde(deny_unknown_fields, from = "RegisterDoc")]
pub struct RiskRegister {
    risks: Vec<Risk>,
    #[serde(default)]
    matrix: RiskMatrix,
    /// Position of each id's first risk in `risks`, so look-ups by id are O(log n).
    #[serde(skip)]
    index: BTreeMap<String, usize>,
}

/// The register as read, before its id index is built.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterDoc {
    risks: Vec<Risk>,
    #[serde(default)]
    matrix: RiskMatrix,
}

impl From<RegisterDoc> for RiskRegister {
    fn from(d: RegisterDoc) -> Self {
        let mut index = BTreeMap::new();
        for (k, r) in d.risks.iter().enumerate() {
            index.entry(r.id.clone()).or_insert(k);
        }
        RiskRegister {
            risks: d.risks,
            matrix: d.matrix,
            index,
        }
    }
}

impl RiskRegister {
    /// An empty register on the default 5×5 matrix.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty register on a custom matrix.
    ///
    /// # Errors
    /// [`RiskError::InvalidMatrix`].
    pub fn with_matrix(matrix: RiskMatrix) -> Result<Self, RiskError> {
        matrix.validate()?;
        Ok(Self {
            risks: Vec::new(),
            matrix,
            index: BTreeMap::new(),
        })
    }

    /// The matrix.
    pub fn matrix(&self) -> &RiskMatrix {
        &self.matrix
    }

    /// Every risk, in the order added.
    pub fn risks(&self) -> &[Risk] {
        &self.risks
    }

    /// A risk by id.
    pub fn get(&self, id: &str) -> Option<&Risk> {
        self.index.get(id).map(|&k| &self.risks[k])
    }

    fn check(&self, id: &str, a: &Assessment) -> Result<(), RiskError> {
        let bad = |message: String| {
            Err(RiskError::InvalidAssessment {
                risk: id.to_string(),
                message,
            })
        };
        if !(0.0..=1.0).contains(&a.probability) {
            return bad(format!("probability {} is outside [0, 1]", a.probability));
        }
        if a.impact == 0 || usize::from(a.impact) > self.matrix.impact_levels {
            return bad(format!(
                "impact level {} is outside 1..={}",
                a.impact, self.matrix.impact_levels
            ));
        }
        if !(a.cost.is_finite() && a.cost >= 0.0) {
            return bad(format!("cost {} must be finite and ≥ 0", a.cost));
        }
        if let Some(p) = a.delay.as_ref().and_then(Estimate::problem) {
            return bad(format!("delay: {p}"));
        }
        for (d, &l) in &a.impacts {
            if l == 0 || usize::from(l) > self.matrix.impact_levels {
                return bad(format!(
                    "{} impact level {l} is outside 1..={}",
                    d.name(),
                    self.matrix.impact_levels
                ));
            }
            if l > a.impact {
                return bad(format!(
                    "overall impact {} is below the {} impact {l}",
                    a.impact,
                    d.name()
                ));
            }
        }
        Ok(())
    }

    /// Triggers and deliverables must survive the CSV form: each non-empty, without
    /// surrounding spaces; a trigger on one line, a deliverable without `;`.
    fn check_lists(r: &Risk) -> Result<(), RiskError> {
        let lists = [
            ("trigger", &r.triggers, '\n'),
            ("deliverable", &r.deliverables, ';'),
        ];
        for (what, items, sep) in lists {
            if let Some(x) = items
                .iter()
                .find(|x| x.is_empty() || x.trim() != x.as_str() || x.contains(sep))
            {
                return Err(RiskError::InvalidRisk {
                    risk: r.id.clone(),
                    message: format!(
                        "{what} {x:?} must be non-empty, without surrounding spaces and without {sep:?}"
                    ),
                });
            }
        }
        let c = &r.contingency;
        let minutes = c.time.as_minutes();
        let in_range = c.cost.is_finite()
            && c.cost >= 0.0
            && (0..=crate::model::MAX_MINUTES).contains(&minutes);
        if !in_range {
            return Err(RiskError::InvalidRisk {
                risk: r.id.clone(),
                message: format!(
                    "contingency of {minutes} min and cost {} is out of range (time 0 to {} min, cost finite and not negative)",
                    c.cost,
                    crate::model::MAX_MINUTES
                ),
            });
        }
        Ok(())
    }

    /// Adds a risk; returns its id. Its assessments are validated and, when the risk
    /// has an `identified` date, recorded in its history on that day (a history given
    /// with the risk is replaced: the history only grows through the register).
    ///
    /// # Errors
    /// [`RiskError::DuplicateRisk`], [`RiskError::InvalidAssessment`], or
    /// [`RiskError::InvalidRisk`] for an empty id or title.
    pub fn add(&mut self, mut risk: Risk) -> Result<String, RiskError> {
        if self.get(&risk.id).is_some() {
            return Err(RiskError::DuplicateRisk(risk.id));
        }
        if risk.id.trim().is_empty() || risk.title.trim().is_empty() {
            return Err(RiskError::InvalidRisk {
                risk: risk.id,
                message: "a risk needs an id and a title".into(),
            });
        }
        Self::check_lists(&risk)?;
        for a in risk.inherent.iter().chain(risk.residual.iter()) {
            self.check(&risk.id, a)?;
        }
        risk.history.clear();
        if let Some(date) = risk.identified {
            for (residual, a) in [(false, &risk.inherent), (true, &risk.residual)] {
                if let Some(a) = a {
                    risk.history.push(HistoryEntry {
                        date,
                        residual,
                        assessment: a.clone(),
                    });
                }
            }
        }
        let id = risk.id.clone();
        self.index.insert(id.clone(), self.risks.len());
        self.risks.push(risk);
        Ok(id)
    }

    /// Records a new inherent assessment, dated, in the risk's history; the status moves
    /// from identified to analysed.
    ///
    /// # Errors
    /// [`RiskError::UnknownRisk`] or [`RiskError::InvalidAssessment`].
    pub fn assess(&mut self, id: &str, a: Assessment, date: NaiveDate) -> Result<(), RiskError> {
        self.record(id, a, date, false)
    }

    /// Records a new residual (after response) assessment in the risk's history.
    ///
    /// # Errors
    /// As [`RiskRegister::assess`].
    pub fn assess_residual(
        &mut self,
        id: &str,
        a: Assessment,
        date: NaiveDate,
    ) -> Result<(), RiskError> {
        self.record(id, a, date, true)
    }

    fn record(
        &mut self,
        id: &str,
        a: Assessment,
        date: NaiveDate,
        residual: bool,
    ) -> Result<(), RiskError> {
        self.check(id, &a)?;
        let r = self.risk_mut(id)?;
        // History stays in date order; a back-dated assessment goes in at its date and
        // becomes current only when nothing of its kind is newer (same day: the later
        // call wins).
        let at = r.history.partition_point(|h| h.date <= date);
        let newest = !r.history[at..].iter().any(|h| h.residual == residual);
        r.history.insert(
            at,
            HistoryEntry {
                date,
                residual,
                assessment: a.clone(),
            },
        );
        if newest {
            if residual {
                r.residual = Some(a);
            } else {
                r.inherent = Some(a);
            }
        }
        if r.status == RiskStatus::Identified {
            r.status = RiskStatus::Analysed;
        }
        Ok(())
    }

    /// Checks a whole register (as read from a file): the matrix, unique non-empty ids
    /// and titles, every assessment (current and in the history) in range, and every
    /// response fitting its risk.
    ///
    /// # Errors
    /// The first problem found, as the matching [`RiskError`].
    pub fn validate(&self) -> Result<(), RiskError> {
        self.matrix.validate()?;
        let mut seen = std::collections::BTreeSet::new();
        for r in &self.risks {
            if r.id.trim().is_empty() || r.title.trim().is_empty() {
                return Err(RiskError::InvalidRisk {
                    risk: r.id.clone(),
                    message: "a risk needs an id and a title".into(),
                });
            }
            if !seen.insert(r.id.as_str()) {
                return Err(RiskError::DuplicateRisk(r.id.clone()));
            }
            Self::check_lists(r)?;
            let all = r.inherent.iter().chain(r.residual.iter());
            for a in all.chain(r.history.iter().map(|h| &h.assessment)) {
                self.check(&r.id, a)?;
            }
            for x in &r.responses {
                Self::check_response(r, x)?;
            }
        }
        Ok(())
    }

    fn check_response(r: &Risk, response: &Response) -> Result<(), RiskError> {
        let bad = |message: String| {
            Err(RiskError::InvalidResponse {
                risk: r.id.clone(),
                message,
            })
        };
        if !response.strategy.fits(r.kind) {
            return bad(format!(
                "{:?} does not fit a {:?}",
                response.strategy, r.kind
            ));
        }
        if let Some(a) = response
            .actions
            .iter()
            .find(|a| !(a.cost.is_finite() && a.cost >= 0.0))
        {
            return bad(format!("action {:?} costs {}", a.description, a.cost));
        }
        Ok(())
    }

    /// Adds a response to a risk.
    ///
    /// # Errors
    /// [`RiskError::UnknownRisk`], or [`RiskError::InvalidResponse`] when the strategy
    /// does not fit the risk's kind or an action's cost is negative or not finite.
    pub fn add_response(&mut self, id: &str, response: Response) -> Result<(), RiskError> {
        let r = self.risk_mut(id)?;
        Self::check_response(r, &response)?;
        r.responses.push(response);
        if r.status == RiskStatus::Analysed || r.status == RiskStatus::Identified {
            r.status = RiskStatus::ResponsePlanned;
        }
        Ok(())
    }

    /// What needs attention on `today`, risk by risk in register order: reviews past
    /// due, open risks rated at or above the upper half of the ratings ("high" and
    /// "critical" on the default matrix) without an owner or without a response, and
    /// actions past due that are not done.
    pub fn alerts(&self, today: NaiveDate) -> Vec<RiskAlert> {
        let high_from = self.matrix.ratings.len() / 2;
        let mut out = Vec::new();
        for r in self.risks.iter().filter(|r| r.is_open()) {
            if let Some(due) = r.next_review.filter(|d| *d < today) {
                out.push(RiskAlert::ReviewOverdue {
                    risk: r.id.clone(),
                    due,
                });
            }
            let rating = self.matrix.cell_of(r).and_then(|c| {
                let idx = *self.matrix.cells.get(c.0 - 1)?.get(c.1 - 1)?;
                // `get`: a register deserialized without `validate` may name no rating.
                self.matrix
                    .ratings
                    .get(idx)
                    .filter(|_| idx >= high_from)
                    .cloned()
            });
            if let Some(rating) = rating {
                if r.owner.trim().is_empty() {
                    out.push(RiskAlert::HighWithoutOwner {
                        risk: r.id.clone(),
                        rating: rating.clone(),
                    });
                }
                if r.responses.is_empty() {
                    out.push(RiskAlert::HighWithoutResponse {
                        risk: r.id.clone(),
                        rating,
                    });
                }
            }
            for a in r.responses.iter().flat_map(|x| &x.actions) {
                if let Some(due) = a
                    .due
                    .filter(|d| *d < today && a.status != ActionStatus::Done)
                {
                    out.push(RiskAlert::ActionOverdue {
                        risk: r.id.clone(),
                        action: a.description.clone(),
                        due,
                    });
                }
            }
        }
        out
    }

    /// Sets a risk's status on `date`: closing it (or marking it occurred) records
    /// `date` as its closing day; re-opening it clears that day.
    ///
    /// # Errors
    /// [`RiskError::UnknownRisk`].
    pub fn set_status(
        &mut self,
        id: &str,
        status: RiskStatus,
        date: NaiveDate,
    ) -> Result<(), RiskError> {
        let open = !matches!(status, RiskStatus::Closed | RiskStatus::Occurred);
        self.restore_status(id, status, (!open).then_some(date))
    }

    fn risk_mut(&mut self, id: &str) -> Result<&mut Risk, RiskError> {
        match self.index.get(id) {
            Some(&k) => Ok(&mut self.risks[k]),
            None => Err(RiskError::UnknownRisk(id.to_string())),
        }
    }

    /// Sets status and closing day as read from a file.
    pub(super) fn restore_status(
        &mut self,
        id: &str,
        status: RiskStatus,
        closed: Option<NaiveDate>,
    ) -> Result<(), RiskError> {
        let r = self.risk_mut(id)?;
        r.status = status;
        r.closed = closed;
        Ok(())
    }

    /// Expected monetary value of a risk's current assessment: probability × cost,
    /// negative for threats, positive for opportunities (`None` before assessment).
    pub fn emv(&self, id: &str) -> Option<f64> {
        let r = self.get(id)?;
        Some(r.current()?.emv(r.kind))
    }

    /// Total EMV of the open risks: `(threats, opportunities, net)`.
    pub fn total_emv(&self) -> (f64, f64, f64) {
        let (mut t, mut o) = (0.0, 0.0);
        for r in self.risks.iter().filter(|r| r.is_open()) {
            match (r.kind, self.emv(&r.id)) {
                (RiskKind::Threat, Some(v)) => t += v,
                (RiskKind::Opportunity, Some(v)) => o += v,
                _ => {}
            }
        }
        (t, o, t + o)
    }

    /// The rating label of a risk's cell.
    pub fn rating(&self, id: &str) -> Option<String> {
        let cell = self.matrix.cell_of(self.get(id)?)?;
        self.matrix.rating(cell).map(str::to_string)
    }

    /// Ids of the open risks per cell, `[probability band][impact]` (0-based indices),
    /// on the inherent or the current (residual when present) assessments: the data a
    /// heat map draws.
    pub fn placement(&self, residual: bool) -> Vec<Vec<Vec<String>>> {
        let m = &self.matrix;
        let mut cells = vec![vec![Vec::new(); m.impact_levels]; m.probability.len()];
        for r in self.risks.iter().filter(|r| r.is_open()) {
            let a = if residual {
                r.current()
            } else {
                r.inherent.as_ref()
            };
            if let Some((p, i)) = a.and_then(|a| m.cell(a)) {
                cells[p - 1][i - 1].push(r.id.clone());
            }
        }
        cells
    }

    /// A risk's score on its current assessment by the matrix's scoring rule.
    pub fn score(&self, id: &str) -> Option<f64> {
        self.matrix.score(self.get(id)?.current()?)
    }

    /// The open risks cell by cell (probability bands lowest first, then impact),
    /// with labels and ratings: the inherent view (`residual = false`) or the current
    /// one (residual where assessed).
    pub fn heatmap(&self, residual: bool) -> Vec<HeatCell> {
        let m = &self.matrix;
        let mut out = Vec::new();
        for (p, row) in self.placement(residual).into_iter().enumerate() {
            for (i, risks) in row.into_iter().enumerate() {
                out.push(HeatCell {
                    probability: p + 1,
                    probability_label: m.probability[p].label.clone(),
                    impact: i + 1,
                    impact_label: m.impact_label(i + 1),
                    rating: m.rating((p + 1, i + 1)).unwrap_or_default().to_string(),
                    risks,
                });
            }
        }
        out
    }

    /// Every risk as a flat row, in register order.
    pub fn table(&self) -> Vec<RiskRow> {
        self.risks
            .iter()
            .map(|r| {
                let a = r.current();
                RiskRow {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    kind: r.kind.name(),
                    status: r.status.name(),
                    category: r.category.clone(),
                    owner: r.owner.clone(),
                    probability: a.map(|a| a.probability),
                    impact: a.map(|a| a.impact),
                    score: a.and_then(|a| self.matrix.score(a)),
                    rating: self.rating(&r.id),
                    emv: self.emv(&r.id),
                    delay_minutes: a.and_then(|a| a.delay.as_ref()).map(Estimate::mean_minutes),
                    inherent_probability: r.inherent.as_ref().map(|a| a.probability),
                    inherent_impact: r.inherent.as_ref().map(|a| a.impact),
                    responses: r
                        .responses
                        .iter()
                        .map(|x| x.strategy.name())
                        .collect::<Vec<_>>()
                        .join(", "),
                    tasks: r.tasks.iter().map(|t| t.0).collect(),
                    next_review: r.next_review,
                }
            })
            .collect()
    }

    /// The heat map as a text table: probability bands from the highest down, impact
    /// levels left to right, each cell its rating and the ids of the open risks in it.
    ///
    /// ```
    /// use planix::risk::{Assessment, Risk, RiskKind, RiskRegister};
    /// let mut reg = RiskRegister::new();
    /// reg.add(Risk::new("R1", "Scope creep", RiskKind::Threat))?;
    /// reg.assess("R1", Assessment::new(0.5, 4), "2027-01-04".parse()?)?;
    /// let text = reg.heatmap_text(false);
    /// let likely = text.lines().nth(3).unwrap(); // header, rule, "Almost certain", "Likely"
    /// assert!(likely.starts_with("Likely") && likely.contains("high: R1"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn heatmap_text(&self, residual: bool) -> String {
        let m = &self.matrix;
        let cells = self.heatmap(residual);
        let label = |c: &HeatCell| {
            let ids = if c.risks.is_empty() {
                "-".to_string()
            } else {
                c.risks.join(" ")
            };
            format!("{}: {ids}", c.rating)
        };
        let head_w = m
            .probability
            .iter()
            .map(|b| b.label.chars().count())
            .max()
            .unwrap_or(0);
        let mut widths: Vec<usize> = (1..=m.impact_levels)
            .map(|i| format!("{i} {}", m.impact_label(i)).chars().count())
            .collect();
        for c in &cells {
            let w = &mut widths[c.impact - 1];
            *w = (*w).max(label(c).chars().count());
        }
        let mut out = format!("{:head_w$}", "");
        for (i, w) in widths.iter().enumerate() {
            out.push_str(&format!(
                " | {:w$}",
                format!("{} {}", i + 1, m.impact_label(i + 1))
            ));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out.push_str(&"-".repeat(head_w + widths.iter().map(|w| w + 3).sum::<usize>()));
        out.push('\n');
        for (p, band) in m.probability.iter().enumerate().rev() {
            out.push_str(&format!("{:head_w$}", band.label));
            for c in cells.iter().filter(|c| c.probability == p + 1) {
                let w = widths[c.impact - 1];
                out.push_str(&format!(" | {:w$}", label(c)));
            }
            out.truncate(out.trim_end().len());
            out.push('\n');
        }
        out
    }

    /// The `k` open risks with the highest score by the matrix's scoring rule (ties:
    /// register order).
    pub fn top(&self, k: usize) -> Vec<&Risk> {
        let mut v: Vec<(usize, &Risk, f64)> = self
            .risks
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_open())
            .filter_map(|(n, r)| Some((n, r, self.matrix.score(r.current()?)?)))
            .collect();
        v.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        v.into_iter().take(k).map(|x| x.1).collect()
    }

    /// The open, assessed risks with a schedule or cost impact, as Monte Carlo risk
    /// events (`simulate::SimulationOptions::risks`), in register order: the current
    /// probability and tasks; a threat's delay estimate and its cost as a fixed extra
    /// amount; an opportunity's money as a fixed saving (a negative cost). An
    /// opportunity's schedule gain is not simulated: an event only lengthens tasks.
    pub fn to_risk_events(&self) -> Vec<RiskEvent> {
        self.risks
            .iter()
            .filter(|r| r.is_open())
            .filter_map(|r| {
                let a = r.current()?;
                let threat = r.kind == RiskKind::Threat;
                let delay = a.delay.filter(|_| threat);
                if delay.is_none() && a.cost == 0.0 {
                    return None;
                }
                let mut e = RiskEvent::new(r.id.clone(), a.probability, r.tasks.clone());
                if let Some(d) = delay {
                    e = e.with_delay(d);
                }
                if a.cost > 0.0 {
                    let amount = if threat { a.cost } else { -a.cost };
                    e = e.with_cost(CostEstimate {
                        optimistic: amount,
                        most_likely: amount,
                        pessimistic: amount,
                        distribution: Distribution::Fixed,
                    });
                }
                Some(e)
            })
            .collect()
    }
}
