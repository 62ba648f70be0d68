//! The client side of a project: the account and its stakeholders, the communication
//! plan and log, scope (objectives, requirements, deliverables) with traceability to the
//! plan's tasks, change requests with impact analysis, and client feedback.
//!
//! An [`Engagement`] sits beside the [`Project`](crate::Project) (like the risk register):
//! it names tasks by id, and the calls that need the plan take the project.
//!
//! ```
//! use chrono::NaiveDate;
//! use planix::client::{Engagement, Level, Stakeholder, Strategy};
//! let mut e = Engagement::new("Northwind Logistics");
//! e.add_stakeholder(Stakeholder::new("S1", "Dana Kim", "CIO").with_grid(Level::High, Level::High))?;
//! assert_eq!(e.stakeholder("S1").unwrap().strategy(), Strategy::ManageClosely);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod change;
mod comms;
mod error;
mod feedback;
mod issue_csv;
mod raid;
mod scope;
mod stakeholders;
mod tables;

use serde::{Deserialize, Serialize};

pub use change::{
    Change, ChangeRecord, ChangeRequest, ChangeSpec, ChangeStatus, Decision, ImpactAnalysis,
    MilestoneShift,
};
pub use comms::{ActionItem, CommItem, Due, Frequency, LogEntry, LogKind};
pub use error::ClientError;
pub use feedback::{
    Feedback, Score, Sentiment, SurveyKind, SurveyResponse, SurveySpec, SurveyTrend,
};
pub use issue_csv::ISSUE_COLUMNS;
pub use raid::{
    Assumption, AssumptionKind, AssumptionStatus, DecisionRow, FixTask, Issue, IssueAge,
    IssueEvent, IssueImpact, IssueScale, IssueStatus, SeverityLevel,
};
pub use scope::{
    Deliverable, Moscow, Objective, Requirement, RequirementStatus, SignOff, SuccessCriterion,
    TraceRow, Traceability,
};
pub use stakeholders::{
    Account, AccountSpec, Channel, Contact, ContractType, Level, Stakeholder, Strategy,
};
pub use tables::TABLES;

/// Everything client-side about one project.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(rename = "EngagementDocument")
)]
#[serde(deny_unknown_fields)]
pub struct Engagement {
    /// The client account.
    pub account: Account,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) stakeholders: Vec<Stakeholder>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) comm_plan: Vec<CommItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) log: Vec<LogEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) objectives: Vec<Objective>,
    /// In-scope statements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_scope: Vec<String>,
    /// Out-of-scope statements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub out_of_scope: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) requirements: Vec<Requirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) deliverables: Vec<Deliverable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) changes: Vec<ChangeRequest>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) change_history: Vec<ChangeRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) feedback: Vec<Feedback>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) surveys: Vec<SurveyResponse>,
    /// The scale issues are scored on (severities with service targets, priorities).
    #[serde(default, skip_serializing_if = "is_default_scale")]
    pub(crate) issue_scale: IssueScale,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) issues: Vec<Issue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) assumptions: Vec<Assumption>,
    /// Lessons learned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lessons: Vec<String>,
    /// Where the project is in its lifecycle, and how it got there.
    #[serde(default)]
    pub lifecycle: crate::lifecycle::Lifecycle,
}

fn is_default_scale(s: &IssueScale) -> bool {
    *s == IssueScale::default()
}

fn dup<T>(
    items: &[T],
    id: &str,
    kind: &'static str,
    key: impl Fn(&T) -> &str,
) -> Result<(), ClientError> {
    if id.trim().is_empty() {
        return Err(ClientError::Invalid {
            kind,
            id: id.to_string(),
            message: "an id must not be empty".into(),
        });
    }
    if items.iter().any(|x| key(x) == id) {
        return Err(ClientError::Duplicate {
            kind,
            id: id.to_string(),
        });
    }
    Ok(())
}

fn unknown(kind: &'static str, id: &str) -> ClientError {
    ClientError::Unknown {
        kind,
        id: id.to_string(),
    }
}

impl Engagement {
    /// An engagement for a client organisation.
    pub fn new(organisation: impl Into<String>) -> Self {
        Self {
            account: Account {
                organisation: organisation.into(),
                ..Account::default()
            },
            ..Self::default()
        }
    }

    /// Checks that every task an item names exists in `project`.
    ///
    /// # Errors
    /// [`ClientError::UnknownTask`] naming the item.
    pub fn check_links(&self, project: &crate::Project) -> Result<(), ClientError> {
        let reqs = self
            .requirements
            .iter()
            .flat_map(|r| r.tasks.iter().map(move |t| ("requirement", &r.id, *t)));
        let dels = self
            .deliverables
            .iter()
            .flat_map(|d| d.tasks.iter().map(move |t| ("deliverable", &d.id, *t)));
        let issues = self
            .issues
            .iter()
            .flat_map(|i| i.tasks.iter().map(move |t| ("issue", &i.id, *t)));
        for (kind, id, task) in reqs.chain(dels).chain(issues) {
            if project.task(task).is_none() {
                return Err(ClientError::UnknownTask {
                    kind,
                    id: id.clone(),
                    task,
                });
            }
        }
        // People on issues and assumptions: stakeholder ids or the project's resources.
        let person = |kind: &'static str, id: &str, who: &str| {
            let known =
                self.stakeholder(who).is_some() || project.resources().any(|r| r.name == who);
            if known {
                Ok(())
            } else {
                Err(ClientError::Invalid {
                    kind,
                    id: id.to_string(),
                    message: format!(
                        "{who:?} is neither a stakeholder id nor a resource of the project"
                    ),
                })
            }
        };
        for i in &self.issues {
            person("issue", &i.id, &i.raised_by)?;
            if let Some(o) = &i.owner {
                person("issue", &i.id, o)?;
            }
        }
        for a in &self.assumptions {
            if let Some(o) = &a.owner {
                person("assumption", &a.id, o)?;
            }
        }
        Ok(())
    }

    /// The engagement as a versioned JSON document (`"format": "planix-client"`,
    /// `"version": 1`).
    pub fn to_json(&self) -> String {
        let mut v = serde_json::to_value(self)
            .unwrap_or_else(|_| unreachable!("engagements always serialize"));
        if let Some(m) = v.as_object_mut() {
            let mut doc = serde_json::Map::new();
            doc.insert("format".into(), "planix-client".into());
            doc.insert("version".into(), 1.into());
            doc.append(m);
            v = serde_json::Value::Object(doc);
        }
        let mut s = serde_json::to_string_pretty(&v)
            .unwrap_or_else(|_| unreachable!("engagements always serialize"));
        s.push('\n');
        s
    }

    /// Reads an engagement written by [`to_json`](Self::to_json), checking ids, scores
    /// and references between its items.
    ///
    /// # Errors
    /// [`ClientError::Json`] for malformed JSON or another format, and the validation
    /// errors of the `add_*` calls.
    pub fn from_json(text: &str) -> Result<Engagement, ClientError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ClientError::Json(e.to_string()))?;
        let (format, version) = (
            v.get("format")
                .and_then(|f| f.as_str())
                .unwrap_or("")
                .to_string(),
            v.get("version").and_then(|x| x.as_u64()).unwrap_or(0),
        );
        if format != "planix-client" || version != 1 {
            return Err(ClientError::Json(format!(
                "expected format \"planix-client\" version 1, found {format:?} version {version}"
            )));
        }
        if let Some(m) = v.as_object_mut() {
            m.remove("format");
            m.remove("version");
        }
        let e: Engagement =
            serde_json::from_value(v).map_err(|e| ClientError::Json(e.to_string()))?;
        e.validate()?;
        Ok(e)
    }

    /// Re-checks a whole engagement (as read from a file) the way the `add_*` calls do.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), ClientError> {
        let mut fresh = Engagement::new(self.account.organisation.clone());
        for s in &self.stakeholders {
            fresh.add_stakeholder(s.clone())?;
        }
        for o in &self.objectives {
            fresh.add_objective(o.clone())?;
        }
        for d in &self.deliverables {
            let mut d = d.clone();
            d.signoffs.clear();
            fresh.add_deliverable(d)?;
        }
        for r in &self.requirements {
            fresh.add_requirement(r.clone())?;
        }
        // Change requests before the log, which may name them.
        for c in &self.changes {
            dup(&fresh.changes, &c.id, "change request", |x| &x.id)?;
            fresh.need_stakeholder(&c.requested_by)?;
            if let Some(d) = &c.decision {
                fresh.need_stakeholder(&d.by)?;
            }
            fresh.changes.push(c.clone());
        }
        for c in &self.comm_plan {
            fresh.add_comm_item(c.clone())?;
        }
        for l in &self.log {
            fresh.add_log_entry(l.clone())?;
        }
        for f in &self.feedback {
            fresh.add_feedback(f.clone())?;
        }
        for s in &self.surveys {
            fresh.add_survey_response(s.clone())?;
        }
        fresh.set_issue_scale(self.issue_scale.clone())?;
        for i in &self.issues {
            fresh.add_issue(i.clone())?;
        }
        for a in &self.assumptions {
            fresh.add_assumption(a.clone())?;
        }
        for d in &self.deliverables {
            if d.signoffs.iter().filter(|s| s.accepted).count() > 1 {
                return Err(ClientError::AlreadyAccepted(d.id.clone()));
            }
            for s in &d.signoffs {
                fresh.need_stakeholder(&s.by)?;
            }
        }
        Ok(())
    }
}

crate::names::named!(Level { Low = "low", High = "high" });
crate::names::named!(Strategy {
    ManageClosely = "manage_closely",
    KeepSatisfied = "keep_satisfied",
    KeepInformed = "keep_informed",
    Monitor = "monitor",
});
crate::names::named!(Channel {
    Email = "email",
    Call = "call",
    Meeting = "meeting",
    Report = "report",
    Chat = "chat",
});
crate::names::named!(ContractType {
    FixedPrice = "fixed_price",
    TimeAndMaterials = "time_and_materials",
    Retainer = "retainer",
    MilestoneBased = "milestone_based",
});
crate::names::named!(Moscow {
    Must = "must",
    Should = "should",
    Could = "could",
    Wont = "wont",
});
crate::names::named!(RequirementStatus {
    Proposed = "proposed",
    Approved = "approved",
    Implemented = "implemented",
    Verified = "verified",
    Rejected = "rejected",
});
crate::names::named!(LogKind {
    Meeting = "meeting",
    Call = "call",
    Email = "email",
    Decision = "decision",
    Note = "note",
});
crate::names::named!(Frequency {
    Daily = "daily",
    Weekly = "weekly",
    Fortnightly = "fortnightly",
    Monthly = "monthly",
    Quarterly = "quarterly",
});
crate::names::named!(Sentiment {
    Positive = "positive",
    Neutral = "neutral",
    Negative = "negative",
});
crate::names::named!(ChangeStatus {
    Submitted = "submitted",
    Analysed = "analysed",
    Approved = "approved",
    Rejected = "rejected",
    Implemented = "implemented",
});
crate::names::named!(IssueStatus {
    Open = "open",
    InProgress = "in_progress",
    WaitingOnClient = "waiting_on_client",
    Resolved = "resolved",
    Closed = "closed",
});
crate::names::named!(AssumptionKind {
    Assumption = "assumption",
    Constraint = "constraint",
});
crate::names::named!(AssumptionStatus {
    Unvalidated = "unvalidated",
    Valid = "valid",
    Invalid = "invalid",
});
