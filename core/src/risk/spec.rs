//! Input specs of the register: a risk with a flat contingency, an assessment with
//! named dimensions, and the EMV totals, folded in one place for every door.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::register::{Assessment, Dimension, Risk, RiskError, RiskKind, RiskRegister};
use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::model::Estimate;

/// A new risk as a caller gives it: the fields of [`Risk`] a person fills in, with the
/// contingency as `contingency_minutes` and `contingency_cost` (the CSV columns).
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct RiskSpec {
    /// Unique id ("R1").
    pub id: String,
    /// Short title.
    pub title: String,
    /// Threat (default) or opportunity.
    pub kind: RiskKind,
    /// Who owns it.
    pub owner: String,
    /// Category (free text).
    pub category: String,
    /// Description.
    pub description: String,
    /// Cause ("because of …").
    pub cause: String,
    /// Event ("… may happen …").
    pub event: String,
    /// Effect ("… leading to …").
    pub effect: String,
    /// Tasks it touches.
    pub tasks: Vec<TaskId>,
    /// Deliverables it touches.
    pub deliverables: Vec<String>,
    /// Early warning signs.
    pub triggers: Vec<String>,
    /// When it was identified.
    pub identified: Option<NaiveDate>,
    /// When it could happen.
    pub proximity: Option<NaiveDate>,
    /// When to review it next.
    pub next_review: Option<NaiveDate>,
    /// Contingency time, working minutes.
    pub contingency_minutes: i64,
    /// Contingency money.
    pub contingency_cost: f64,
}

impl From<RiskSpec> for Risk {
    fn from(s: RiskSpec) -> Risk {
        let mut r = Risk::new(s.id, s.title, s.kind).with_tasks(s.tasks);
        r.owner = s.owner;
        r.category = s.category;
        r.description = s.description;
        r.cause = s.cause;
        r.event = s.event;
        r.effect = s.effect;
        r.deliverables = s.deliverables;
        r.triggers = s.triggers;
        r.identified = s.identified;
        r.proximity = s.proximity;
        r.next_review = s.next_review;
        r.contingency.time = Duration::minutes(s.contingency_minutes);
        r.contingency.cost = s.contingency_cost;
        r
    }
}

/// A dated assessment as a caller gives it: the probability, per-dimension impacts
/// (the overall impact is the worst of them unless `impact` is given), an optional
/// cost and delay, and whether it is the residual (after-response) assessment.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct AssessmentSpec {
    /// Probability, 0–1.
    pub probability: f64,
    /// Overall impact level (default: the worst dimension, or 1 without any).
    #[serde(default)]
    pub impact: Option<u8>,
    /// The date of the assessment.
    pub date: NaiveDate,
    /// Money at stake if it occurs.
    #[serde(default)]
    pub cost: f64,
    /// Working delay if it occurs.
    #[serde(default)]
    pub delay: Option<Estimate>,
    /// Impact level per dimension (`schedule`, `cost`, `scope_quality`, `reputation`).
    #[serde(default)]
    #[cfg_attr(feature = "tsify", tsify(type = "Partial<Record<Dimension, number>>"))]
    pub impacts: BTreeMap<Dimension, u8>,
    /// Record as the residual assessment.
    #[serde(default)]
    pub residual: bool,
}

impl AssessmentSpec {
    /// The [`Assessment`] this spec describes.
    pub fn assessment(&self) -> Assessment {
        let dims: Vec<(Dimension, u8)> = self.impacts.iter().map(|(d, v)| (*d, *v)).collect();
        let mut a = Assessment::by_dimension(self.probability, &dims).with_cost(self.cost);
        if let Some(i) = self.impact {
            a.impact = i;
        }
        if let Some(d) = self.delay {
            a = a.with_delay(d);
        }
        a
    }
}

/// Expected monetary value of the open risks.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct EmvTotals {
    /// Sum over threats (≤ 0).
    pub threats: f64,
    /// Sum over opportunities (≥ 0).
    pub opportunities: f64,
    /// Threats plus opportunities.
    pub net: f64,
}

impl RiskRegister {
    /// Adds a risk given as a [`RiskSpec`]; returns its id.
    ///
    /// # Errors
    /// As [`RiskRegister::add`].
    pub fn add_spec(&mut self, spec: RiskSpec) -> Result<String, RiskError> {
        self.add(spec.into())
    }

    /// Records an assessment given as an [`AssessmentSpec`] (inherent, or residual when
    /// `residual` is set).
    ///
    /// # Errors
    /// As [`RiskRegister::assess`].
    pub fn assess_spec(&mut self, id: &str, spec: &AssessmentSpec) -> Result<(), RiskError> {
        let a = spec.assessment();
        if spec.residual {
            self.assess_residual(id, a, spec.date)
        } else {
            self.assess(id, a, spec.date)
        }
    }

    /// [`total_emv`](Self::total_emv) as named fields.
    pub fn emv_totals(&self) -> EmvTotals {
        let (threats, opportunities, net) = self.total_emv();
        EmvTotals {
            threats,
            opportunities,
            net,
        }
    }
}
