//! Scope: objectives with success criteria, requirements (MoSCoW) traced to deliverables
//! and tasks, deliverables with acceptance criteria and sign-off.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ClientError, Engagement, dup, unknown};
use crate::ids::TaskId;
use crate::model::{Project, TaskKind};

/// A measurable success criterion of an objective.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SuccessCriterion {
    /// What is measured ("Order processing time").
    pub measure: String,
    /// The target ("under 2 minutes").
    pub target: String,
}

/// A project objective.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Key ("O1").
    pub id: String,
    /// The objective.
    pub description: String,
    /// How success is measured.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub success_criteria: Vec<SuccessCriterion>,
    /// What was achieved (filled in at closing).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    /// Whether the objective was met (`None` until judged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
}

impl Objective {
    /// An objective with its success criteria as `(measure, target)` pairs.
    pub fn new(
        id: impl Into<String>,
        description: impl Into<String>,
        criteria: &[(&str, &str)],
    ) -> Self {
        Self {
            id: id.into(),
            description: description.into(),
            success_criteria: criteria
                .iter()
                .map(|(m, t)| SuccessCriterion {
                    measure: (*m).into(),
                    target: (*t).into(),
                })
                .collect(),
            outcome: String::new(),
            met: None,
        }
    }
}

/// MoSCoW priority.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Moscow {
    /// Must have (the default).
    #[default]
    Must,
    /// Should have.
    Should,
    /// Could have.
    Could,
    /// Won't have this time.
    Wont,
}

/// Where a requirement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RequirementStatus {
    /// Proposed, not yet agreed.
    #[default]
    Proposed,
    /// Agreed with the client.
    Approved,
    /// Built.
    Implemented,
    /// Tested against its acceptance criteria.
    Verified,
    /// Dropped.
    Rejected,
}

/// A client requirement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Key ("REQ-1").
    pub id: String,
    /// Short title.
    pub title: String,
    /// Priority.
    #[serde(default)]
    pub priority: Moscow,
    /// The stakeholder who asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: RequirementStatus,
    /// Acceptance criteria.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acceptance: Vec<String>,
    /// Deliverable ids that satisfy it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<String>,
    /// Task ids that implement it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskId>,
}

impl Requirement {
    /// A proposed requirement.
    pub fn new(id: impl Into<String>, title: impl Into<String>, priority: Moscow) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            priority,
            source: None,
            status: RequirementStatus::Proposed,
            acceptance: vec![],
            deliverables: vec![],
            tasks: vec![],
        }
    }
}

/// A client's sign-off decision on a deliverable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    /// Stakeholder id who signed.
    pub by: String,
    /// Day.
    pub date: NaiveDate,
    /// Accepted or rejected.
    pub accepted: bool,
    /// Reasons (required for a rejection).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reasons: String,
}

/// A deliverable handed to the client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Deliverable {
    /// Key ("D1").
    pub id: String,
    /// Name.
    pub name: String,
    /// Acceptance criteria agreed with the client.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acceptance: Vec<String>,
    /// Contractual due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Task ids that produce it (the last one to finish dates it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskId>,
    /// Sign-off decisions, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signoffs: Vec<SignOff>,
}

impl Deliverable {
    /// A deliverable with an id and a name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            acceptance: vec![],
            due: None,
            tasks: vec![],
            signoffs: vec![],
        }
    }

    /// The accepting sign-off, if any.
    pub fn accepted(&self) -> Option<&SignOff> {
        self.signoffs.iter().find(|s| s.accepted)
    }
}

/// One row of the traceability matrix.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct TraceRow {
    /// Requirement id.
    pub requirement: String,
    /// Its title.
    pub title: String,
    /// Its priority.
    pub priority: Moscow,
    /// Its status.
    pub status: RequirementStatus,
    /// Deliverables that satisfy it.
    pub deliverables: Vec<String>,
    /// Tasks that implement it: its own plus its deliverables' tasks, by id.
    pub tasks: Vec<TaskId>,
}

/// Requirements ↔ deliverables ↔ tasks, and the gaps both ways.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Traceability {
    /// One row per requirement (rejected ones included), in register order.
    pub rows: Vec<TraceRow>,
    /// Requirements (not rejected or won't-have) with no deliverable.
    pub without_deliverable: Vec<String>,
    /// Requirements (not rejected or won't-have) with no task.
    pub without_task: Vec<String>,
    /// Work tasks (leaves that are not milestones) that serve no requirement.
    pub unrequired_tasks: Vec<TaskId>,
}

impl Engagement {
    /// Adds an objective.
    ///
    /// # Errors
    /// [`ClientError::Duplicate`] or [`ClientError::Invalid`] (empty description).
    pub fn add_objective(&mut self, o: Objective) -> Result<(), ClientError> {
        dup(&self.objectives, &o.id, "objective", |x| &x.id)?;
        if o.description.trim().is_empty() {
            return Err(ClientError::Invalid {
                kind: "objective",
                id: o.id,
                message: "an objective needs a description".into(),
            });
        }
        self.objectives.push(o);
        Ok(())
    }

    /// The objectives.
    pub fn objectives(&self) -> &[Objective] {
        &self.objectives
    }

    /// Adds a deliverable (without sign-offs: use [`Engagement::sign_off`]).
    ///
    /// # Errors
    /// [`ClientError::Duplicate`], or [`ClientError::Invalid`] when it comes with
    /// sign-offs or without a name.
    pub fn add_deliverable(&mut self, d: Deliverable) -> Result<(), ClientError> {
        dup(&self.deliverables, &d.id, "deliverable", |x| &x.id)?;
        if d.name.trim().is_empty() || !d.signoffs.is_empty() {
            return Err(ClientError::Invalid {
                kind: "deliverable",
                id: d.id,
                message: "a new deliverable needs a name and no sign-offs".into(),
            });
        }
        self.deliverables.push(d);
        Ok(())
    }

    /// The deliverables.
    pub fn deliverables(&self) -> &[Deliverable] {
        &self.deliverables
    }

    /// A deliverable by id.
    pub fn deliverable(&self, id: &str) -> Option<&Deliverable> {
        self.deliverables.iter().find(|d| d.id == id)
    }

    /// Adds a requirement.
    ///
    /// # Errors
    /// [`ClientError::Duplicate`], [`ClientError::Unknown`] for a source stakeholder or
    /// deliverable that does not exist, [`ClientError::Invalid`] for an empty title.
    pub fn add_requirement(&mut self, r: Requirement) -> Result<(), ClientError> {
        dup(&self.requirements, &r.id, "requirement", |x| &x.id)?;
        if r.title.trim().is_empty() {
            return Err(ClientError::Invalid {
                kind: "requirement",
                id: r.id,
                message: "a requirement needs a title".into(),
            });
        }
        if let Some(s) = &r.source {
            self.need_stakeholder(s)?;
        }
        for d in &r.deliverables {
            if self.deliverable(d).is_none() {
                return Err(unknown("deliverable", d));
            }
        }
        self.requirements.push(r);
        Ok(())
    }

    /// The requirements.
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    /// A requirement by id.
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// Records the outcome of an objective (at closing).
    ///
    /// # Errors
    /// [`ClientError::Unknown`].
    pub fn record_outcome(
        &mut self,
        id: &str,
        outcome: impl Into<String>,
        met: bool,
    ) -> Result<(), ClientError> {
        let o = self
            .objectives
            .iter_mut()
            .find(|o| o.id == id)
            .ok_or_else(|| unknown("objective", id))?;
        o.outcome = outcome.into();
        o.met = Some(met);
        Ok(())
    }

    /// Sets a requirement's status.
    ///
    /// # Errors
    /// [`ClientError::Unknown`].
    pub fn set_requirement_status(
        &mut self,
        id: &str,
        status: RequirementStatus,
    ) -> Result<(), ClientError> {
        let r = self
            .requirements
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or_else(|| unknown("requirement", id))?;
        r.status = status;
        Ok(())
    }

    /// Sets the acceptance criteria agreed for a deliverable.
    ///
    /// # Errors
    /// [`ClientError::Unknown`], or [`ClientError::AlreadyAccepted`] once it is accepted.
    pub fn set_acceptance(
        &mut self,
        deliverable: &str,
        criteria: Vec<String>,
    ) -> Result<(), ClientError> {
        let d = self
            .deliverables
            .iter_mut()
            .find(|d| d.id == deliverable)
            .ok_or_else(|| unknown("deliverable", deliverable))?;
        if d.accepted().is_some() {
            return Err(ClientError::AlreadyAccepted(d.id.clone()));
        }
        d.acceptance = criteria;
        Ok(())
    }

    /// Records the client's sign-off decision on a deliverable.
    ///
    /// # Errors
    /// [`ClientError::Unknown`] for the deliverable or the signing stakeholder,
    /// [`ClientError::AlreadyAccepted`] for a second acceptance (or any decision after
    /// acceptance), [`ClientError::Invalid`] for a rejection without reasons.
    pub fn sign_off(&mut self, deliverable: &str, s: SignOff) -> Result<(), ClientError> {
        self.need_stakeholder(&s.by)?;
        let d = self
            .deliverables
            .iter_mut()
            .find(|d| d.id == deliverable)
            .ok_or_else(|| unknown("deliverable", deliverable))?;
        if d.accepted().is_some() {
            return Err(ClientError::AlreadyAccepted(d.id.clone()));
        }
        if !s.accepted && s.reasons.trim().is_empty() {
            return Err(ClientError::Invalid {
                kind: "deliverable",
                id: d.id.clone(),
                message: "a rejection needs its reasons".into(),
            });
        }
        d.signoffs.push(s);
        Ok(())
    }

    /// The traceability matrix against `project`, with the gaps in both directions.
    ///
    /// # Errors
    /// [`ClientError::UnknownTask`] when an item names a task the project lacks.
    pub fn traceability(&self, project: &Project) -> Result<Traceability, ClientError> {
        self.check_links(project)?;
        let mut served = BTreeSet::new();
        let mut rows = vec![];
        let (mut without_deliverable, mut without_task) = (vec![], vec![]);
        for r in &self.requirements {
            let mut tasks: BTreeSet<TaskId> = r.tasks.iter().copied().collect();
            for d in r.deliverables.iter().filter_map(|d| self.deliverable(d)) {
                tasks.extend(d.tasks.iter().copied());
            }
            let live = r.status != RequirementStatus::Rejected && r.priority != Moscow::Wont;
            if live {
                if r.deliverables.is_empty() {
                    without_deliverable.push(r.id.clone());
                }
                if tasks.is_empty() {
                    without_task.push(r.id.clone());
                }
                served.extend(tasks.iter().copied());
            }
            rows.push(TraceRow {
                requirement: r.id.clone(),
                title: r.title.clone(),
                priority: r.priority,
                status: r.status,
                deliverables: r.deliverables.clone(),
                tasks: tasks.into_iter().collect(),
            });
        }
        // A task serves a requirement when it, or a summary above it, is traced.
        let serves = |mut t: TaskId| loop {
            if served.contains(&t) {
                return true;
            }
            match project.task(t).and_then(|x| x.parent) {
                Some(p) => t = p,
                None => return false,
            }
        };
        let unrequired_tasks = project
            .tasks()
            .map(|t| t.id())
            .filter(|&t| project.kind(t) == Some(TaskKind::Task) && !serves(t))
            .collect();
        Ok(Traceability {
            rows,
            without_deliverable,
            without_task,
            unrequired_tasks,
        })
    }
}
