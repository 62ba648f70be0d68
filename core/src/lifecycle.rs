//! The project lifecycle: five phases (initiation, planning, execution, monitoring,
//! closing) with gates between them. Each gate is a list of criteria checked against the
//! engagement and the plan; the default ones follow the usual practice, and users add
//! their own. [`advance_phase`] moves on only when every criterion of the gate is met,
//! and otherwise lists every unmet one.
//!
//! ```
//! use planix::client::Engagement;
//! use planix::lifecycle::{LifecycleError, Phase, advance_phase};
//! use planix::Project;
//! let p = Project::new("p", "2027-01-04T08:00:00".parse()?);
//! let mut e = Engagement::new("Client");
//! let err = advance_phase(&mut e, &p, "2027-01-10".parse()?).unwrap_err();
//! let LifecycleError::GateNotMet { unmet, .. } = err else { panic!() };
//! assert_eq!(unmet.len(), 4); // objectives, scope, deliverables, sponsor
//! assert_eq!(e.lifecycle.phase, Phase::Initiation);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::client::{ChangeStatus, Engagement, Level, Moscow, RequirementStatus};
use crate::model::Project;

/// A lifecycle phase.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Why and what: objectives, scope, stakeholders.
    #[default]
    Initiation,
    /// How and when: schedule, budget, requirements, communication.
    Planning,
    /// Building the deliverables.
    Execution,
    /// Checking and controlling: changes settled, actions closed.
    Monitoring,
    /// Handing over: acceptance, feedback, lessons.
    Closing,
    /// Done.
    Closed,
}

impl Phase {
    /// The phase after this one.
    pub fn next(self) -> Option<Phase> {
        Some(match self {
            Phase::Initiation => Phase::Planning,
            Phase::Planning => Phase::Execution,
            Phase::Execution => Phase::Monitoring,
            Phase::Monitoring => Phase::Closing,
            Phase::Closing => Phase::Closed,
            Phase::Closed => return None,
        })
    }
}

/// A user-defined gate criterion, ticked by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CustomCriterion {
    /// Key.
    pub id: String,
    /// The phase whose exit it gates.
    pub phase: Phase,
    /// What must be true.
    pub description: String,
    /// Whether it is.
    #[serde(default)]
    pub met: bool,
}

/// Entering a phase.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PhaseEntry {
    /// The phase entered.
    pub phase: Phase,
    /// The day.
    pub entered: NaiveDate,
}

/// Where the project is, how it got there, and the user's own gate criteria.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    /// The current phase.
    #[serde(default)]
    pub phase: Phase,
    /// Phases entered after initiation, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<PhaseEntry>,
    /// User-defined criteria.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<CustomCriterion>,
}

/// One criterion of a gate, checked.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct GateCheck {
    /// Criterion key ("objectives", or the custom id).
    pub id: String,
    /// What must be true.
    pub description: String,
    /// Whether it is.
    pub met: bool,
    /// Why not, naming the items at fault (empty when met).
    pub detail: String,
}

/// Errors of the lifecycle. A failed call changes nothing.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LifecycleError {
    /// The gate out of the current phase is not passed.
    #[error("cannot leave {from:?} for {to:?}: {}", unmet.join("; "))]
    GateNotMet {
        /// The current phase.
        from: Phase,
        /// The next phase.
        to: Phase,
        /// Every unmet criterion: `"id: detail"`.
        unmet: Vec<String>,
    },
    /// The project is closed.
    #[error("the project is closed")]
    Closed,
    /// No custom criterion has this id.
    #[error("unknown gate criterion {0:?}")]
    UnknownCriterion(String),
    /// Two custom criteria share an id, or one reuses a built-in id.
    #[error("duplicate gate criterion {0:?}")]
    DuplicateCriterion(String),
}

fn check(id: &str, description: &str, faults: Vec<String>) -> GateCheck {
    GateCheck {
        id: id.into(),
        description: description.into(),
        met: faults.is_empty(),
        detail: faults.join(", "),
    }
}

const BUILT_IN: [&str; 16] = [
    "objectives",
    "scope",
    "deliverables",
    "sponsor",
    "schedule",
    "requirements_approved",
    "must_traced",
    "communication_plan",
    "must_implemented",
    "changes_decided",
    "changes_closed",
    "actions_closed",
    "communications",
    "deliverables_accepted",
    "final_feedback",
    "lessons",
];

/// The gate out of the engagement's current phase, checked on `date`.
pub fn current_gate(e: &Engagement, project: &Project, date: NaiveDate) -> Vec<GateCheck> {
    gate(e, project, e.lifecycle.phase, date)
}

/// Every criterion of the gate out of `phase`, checked against the engagement and the
/// plan on `date`: the built-in ones, then the user's.
pub fn gate(e: &Engagement, project: &Project, phase: Phase, date: NaiveDate) -> Vec<GateCheck> {
    let live_must = || {
        e.requirements()
            .iter()
            .filter(|r| r.priority == Moscow::Must && r.status != RequirementStatus::Rejected)
    };
    let mut out = match phase {
        Phase::Initiation => vec![
            check(
                "objectives",
                "at least one objective, each with a measurable success criterion",
                if e.objectives().is_empty() {
                    vec!["no objectives".into()]
                } else {
                    e.objectives()
                        .iter()
                        .filter(|o| o.success_criteria.is_empty())
                        .map(|o| format!("{} has no success criterion", o.id))
                        .collect()
                },
            ),
            check(
                "scope",
                "an in-scope statement",
                if e.in_scope.is_empty() {
                    vec!["no in-scope statement".into()]
                } else {
                    vec![]
                },
            ),
            check(
                "deliverables",
                "at least one deliverable, each with agreed acceptance criteria",
                if e.deliverables().is_empty() {
                    vec!["no deliverables".into()]
                } else {
                    e.deliverables()
                        .iter()
                        .filter(|d| d.acceptance.is_empty())
                        .map(|d| format!("{} has no acceptance criteria", d.id))
                        .collect()
                },
            ),
            check(
                "sponsor",
                "a stakeholder with high power (the sponsor)",
                if e.stakeholders().iter().any(|s| s.power == Level::High) {
                    vec![]
                } else {
                    vec!["no high-power stakeholder".into()]
                },
            ),
        ],
        Phase::Planning => vec![
            check(
                "schedule",
                "the plan has tasks and schedules without error",
                if project.task_count() == 0 {
                    vec!["the plan has no tasks".into()]
                } else {
                    match project.schedule() {
                        Ok(_) => vec![],
                        Err(err) => vec![err.to_string()],
                    }
                },
            ),
            check(
                "requirements_approved",
                "every must-have requirement approved by the client",
                live_must()
                    .filter(|r| r.status == RequirementStatus::Proposed)
                    .map(|r| format!("{} is only proposed", r.id))
                    .collect(),
            ),
            check(
                "must_traced",
                "every must-have requirement traced to a deliverable and a task",
                match e.traceability(project) {
                    Err(err) => vec![err.to_string()],
                    Ok(t) => {
                        let musts: Vec<&str> = live_must().map(|r| r.id.as_str()).collect();
                        t.without_deliverable
                            .iter()
                            .filter(|r| musts.contains(&r.as_str()))
                            .map(|r| format!("{r} has no deliverable"))
                            .chain(
                                t.without_task
                                    .iter()
                                    .filter(|r| musts.contains(&r.as_str()))
                                    .map(|r| format!("{r} has no task")),
                            )
                            .collect()
                    }
                },
            ),
            check(
                "communication_plan",
                "a communication plan",
                if e.comm_plan().is_empty() {
                    vec!["no communication plan".into()]
                } else {
                    vec![]
                },
            ),
        ],
        Phase::Execution => vec![
            check(
                "must_implemented",
                "every must-have requirement implemented or verified",
                live_must()
                    .filter(|r| {
                        !matches!(
                            r.status,
                            RequirementStatus::Implemented | RequirementStatus::Verified
                        )
                    })
                    .map(|r| format!("{} is not implemented", r.id))
                    .collect(),
            ),
            check(
                "changes_decided",
                "no change request waiting for analysis or a decision",
                e.changes()
                    .iter()
                    .filter(|c| {
                        matches!(c.status, ChangeStatus::Submitted | ChangeStatus::Analysed)
                    })
                    .map(|c| format!("{} awaits a decision", c.id))
                    .collect(),
            ),
        ],
        Phase::Monitoring => vec![
            check(
                "changes_closed",
                "every change request decided, and every approved one implemented",
                e.changes()
                    .iter()
                    .filter(|c| {
                        !matches!(c.status, ChangeStatus::Rejected | ChangeStatus::Implemented)
                    })
                    .map(|c| format!("{} is still open", c.id))
                    .collect(),
            ),
            check(
                "actions_closed",
                "no overdue action item",
                e.overdue_actions(date)
                    .into_iter()
                    .map(|(l, a)| format!("{l}: {:?} is overdue", a.description))
                    .collect(),
            ),
            check(
                "communications",
                "no overdue planned communication",
                e.overdue_communications(date)
                    .into_iter()
                    .map(|d| format!("{} due {}", d.item, d.date))
                    .collect(),
            ),
        ],
        Phase::Closing => {
            let since = e
                .lifecycle
                .history
                .iter()
                .rev()
                .find(|h| h.phase == Phase::Closing)
                .map(|h| h.entered);
            let final_feedback = e
                .survey_responses()
                .iter()
                .map(|s| s.date)
                .chain(e.feedback().iter().map(|f| f.date))
                .any(|d| since.is_none_or(|s| d >= s));
            vec![
                check(
                    "deliverables_accepted",
                    "every deliverable accepted by the client",
                    e.deliverables()
                        .iter()
                        .filter(|d| d.accepted().is_none())
                        .map(|d| format!("{} is not accepted", d.id))
                        .collect(),
                ),
                check(
                    "final_feedback",
                    "final client feedback (a survey answer or feedback since closing began)",
                    if final_feedback {
                        vec![]
                    } else {
                        vec!["no client feedback since closing began".into()]
                    },
                ),
                check(
                    "lessons",
                    "lessons learned recorded",
                    if e.lessons.is_empty() {
                        vec!["no lessons learned".into()]
                    } else {
                        vec![]
                    },
                ),
            ]
        }
        Phase::Closed => vec![],
    };
    out.extend(
        e.lifecycle
            .criteria
            .iter()
            .filter(|c| c.phase == phase)
            .map(|c| GateCheck {
                id: c.id.clone(),
                description: c.description.clone(),
                met: c.met,
                detail: if c.met {
                    String::new()
                } else {
                    "not ticked".into()
                },
            }),
    );
    out
}

/// Moves the project into the next phase on `date` when every criterion of the gate is
/// met, and records the move in the phase history.
///
/// # Errors
/// [`LifecycleError::GateNotMet`] listing every unmet criterion, or
/// [`LifecycleError::Closed`]. Nothing changes on error.
pub fn advance_phase(
    e: &mut Engagement,
    project: &Project,
    date: NaiveDate,
) -> Result<Phase, LifecycleError> {
    let from = e.lifecycle.phase;
    let to = from.next().ok_or(LifecycleError::Closed)?;
    let unmet: Vec<String> = gate(e, project, from, date)
        .into_iter()
        .filter(|c| !c.met)
        .map(|c| format!("{}: {}", c.id, c.detail))
        .collect();
    if !unmet.is_empty() {
        return Err(LifecycleError::GateNotMet { from, to, unmet });
    }
    e.lifecycle.phase = to;
    e.lifecycle.history.push(PhaseEntry {
        phase: to,
        entered: date,
    });
    Ok(to)
}

impl Lifecycle {
    /// Adds a user criterion to the gate out of `phase` (unticked).
    ///
    /// # Errors
    /// [`LifecycleError::DuplicateCriterion`] for an id already used (built-in ids too).
    pub fn add_criterion(
        &mut self,
        id: impl Into<String>,
        phase: Phase,
        description: impl Into<String>,
    ) -> Result<(), LifecycleError> {
        let id = id.into();
        if BUILT_IN.contains(&id.as_str()) || self.criteria.iter().any(|c| c.id == id) {
            return Err(LifecycleError::DuplicateCriterion(id));
        }
        self.criteria.push(CustomCriterion {
            id,
            phase,
            description: description.into(),
            met: false,
        });
        Ok(())
    }

    /// Ticks (or unticks) a user criterion.
    ///
    /// # Errors
    /// [`LifecycleError::UnknownCriterion`].
    pub fn set_criterion(&mut self, id: &str, met: bool) -> Result<(), LifecycleError> {
        let c = self
            .criteria
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| LifecycleError::UnknownCriterion(id.to_string()))?;
        c.met = met;
        Ok(())
    }
}

crate::names::named!(Phase {
    Initiation = "initiation",
    Planning = "planning",
    Execution = "execution",
    Monitoring = "monitoring",
    Closing = "closing",
    Closed = "closed",
});
