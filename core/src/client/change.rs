//! Change requests: what changes, impact analysis on a copy of the plan, the decision
//! workflow, and atomic application with a change history.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{ClientError, Engagement, dup, unknown};
use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::model::{Project, Task, TaskKind};

/// One change to the plan or the scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// A new task, finish-to-start after `after` and before `before`.
    AddTask {
        /// Its name.
        name: String,
        /// Its duration (working minutes).
        duration: Duration,
        /// Its summary task.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        parent: Option<TaskId>,
        /// Predecessors.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        after: Vec<TaskId>,
        /// Successors.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        before: Vec<TaskId>,
        /// Its fixed cost.
        #[serde(default)]
        fixed_cost: f64,
    },
    /// Remove a task (and its subtree and links).
    RemoveTask {
        /// The task.
        task: TaskId,
    },
    /// Re-estimate a task.
    SetDuration {
        /// The task.
        task: TaskId,
        /// Its new duration.
        duration: Duration,
    },
    /// Change a task's fixed cost.
    SetCost {
        /// The task.
        task: TaskId,
        /// Its new fixed cost.
        fixed_cost: f64,
    },
    /// A new finish-to-start link.
    AddLink {
        /// Predecessor.
        predecessor: TaskId,
        /// Successor.
        successor: TaskId,
    },
    /// Remove a link.
    RemoveLink {
        /// Predecessor.
        predecessor: TaskId,
        /// Successor.
        successor: TaskId,
    },
    /// Add an in-scope statement.
    AddScope {
        /// The statement.
        statement: String,
    },
    /// Move an in-scope statement out of scope.
    RemoveScope {
        /// The statement (as written in scope).
        statement: String,
    },
}

/// Where a change request is in its workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    /// Asked for.
    #[default]
    Submitted,
    /// Its impact is known.
    Analysed,
    /// Approved by the client.
    Approved,
    /// Rejected.
    Rejected,
    /// Applied to the plan.
    Implemented,
}

/// The recorded decision on a change request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Stakeholder id who decided.
    pub by: String,
    /// Day.
    pub date: NaiveDate,
    /// Approved or rejected.
    pub approved: bool,
    /// Why.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A milestone the change moves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct MilestoneShift {
    /// The milestone.
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// Its finish before the change.
    pub before: NaiveDateTime,
    /// Its finish after the change.
    pub after: NaiveDateTime,
}

/// What a change request does to the plan, computed on a copy of the project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ImpactAnalysis {
    /// [`Project::fingerprint`] of the project analysed, as 16 hex digits (a string, so
    /// JavaScript reads it exactly).
    pub fingerprint: String,
    /// Project finish before.
    pub finish_before: NaiveDateTime,
    /// Project finish after.
    pub finish_after: NaiveDateTime,
    /// Working time the finish moves (negative: earlier), on the project calendar.
    pub finish_shift: Duration,
    /// The critical path before.
    pub critical_before: Vec<TaskId>,
    /// The critical path after.
    pub critical_after: Vec<TaskId>,
    /// Planned cost before (`resources::costs`).
    pub cost_before: f64,
    /// Planned cost after.
    pub cost_after: f64,
    /// Milestones whose finish moves.
    pub milestones: Vec<MilestoneShift>,
    /// Deliverables whose last task finishes at another time, or whose tasks change or
    /// go.
    pub deliverables: Vec<String>,
}

/// A change request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ChangeRequest {
    /// Key ("CR-1").
    pub id: String,
    /// Title.
    pub title: String,
    /// Stakeholder id who asked.
    pub requested_by: String,
    /// Why.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Day submitted.
    pub date: NaiveDate,
    /// The changes, applied in order.
    pub changes: Vec<Change>,
    /// Workflow status.
    #[serde(default)]
    pub status: ChangeStatus,
    /// The latest impact analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<ImpactAnalysis>,
    /// The decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

impl ChangeRequest {
    /// A submitted change request.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        requested_by: impl Into<String>,
        date: NaiveDate,
        changes: Vec<Change>,
    ) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            requested_by: requested_by.into(),
            reason: String::new(),
            date,
            changes,
            status: ChangeStatus::Submitted,
            analysis: None,
            decision: None,
        }
    }
}

/// A change request as its requester submits it (status, analysis and decision come
/// later, from the workflow).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ChangeSpec {
    /// Unique id ("CR-1").
    pub id: String,
    /// Short title.
    pub title: String,
    /// The stakeholder asking for it.
    pub requested_by: String,
    /// When it was asked for.
    pub date: NaiveDate,
    /// What it changes.
    pub changes: Vec<Change>,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

impl From<ChangeSpec> for ChangeRequest {
    fn from(s: ChangeSpec) -> Self {
        let mut c = ChangeRequest::new(s.id, s.title, s.requested_by, s.date, s.changes);
        c.reason = s.reason;
        c
    }
}

/// An applied change, kept in the engagement's change history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ChangeRecord {
    /// The change request.
    pub change: String,
    /// Day applied.
    pub date: NaiveDate,
    /// Tasks it created.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_tasks: Vec<TaskId>,
    /// Finish shift measured at analysis.
    pub finish_shift: Duration,
    /// Cost change measured at analysis.
    pub cost_delta: f64,
}

/// Applies the plan changes to `p` (scope changes are not the project's); returns the
/// ids of new tasks.
fn apply(p: &mut Project, changes: &[Change]) -> crate::Result<Vec<TaskId>> {
    let mut new = vec![];
    for c in changes {
        match c {
            Change::AddTask {
                name,
                duration,
                parent,
                after,
                before,
                fixed_cost,
            } => {
                let mut t = Task::new(name.clone()).with_duration(*duration);
                t.parent = *parent;
                t.fixed_cost = *fixed_cost;
                let id = p.add_task(t)?;
                for &a in after {
                    p.link(a, id)?;
                }
                for &b in before {
                    p.link(id, b)?;
                }
                new.push(id);
            }
            Change::RemoveTask { task } => {
                p.remove_task(*task)?;
            }
            Change::SetDuration { task, duration } => {
                p.edit_task(*task, |t| t.duration = *duration)?;
            }
            Change::SetCost { task, fixed_cost } => {
                p.edit_task(*task, |t| t.fixed_cost = *fixed_cost)?;
            }
            Change::AddLink {
                predecessor,
                successor,
            } => p.link(*predecessor, *successor)?,
            Change::RemoveLink {
                predecessor,
                successor,
            } => {
                p.remove_dependency(*predecessor, *successor)?;
            }
            Change::AddScope { .. } | Change::RemoveScope { .. } => {}
        }
    }
    Ok(new)
}

fn state(c: &ChangeRequest, action: &'static str, needed: &'static str) -> ClientError {
    ClientError::ChangeState {
        id: c.id.clone(),
        status: c.status.name(),
        action,
        needed,
    }
}

impl Engagement {
    /// Submits a change request.
    ///
    /// # Errors
    /// [`ClientError::Duplicate`], [`ClientError::Unknown`] for a requester who is not a
    /// stakeholder, [`ClientError::Invalid`] for a request with no changes, a negative or
    /// non-finite cost, or one that is not in the submitted state.
    pub fn submit_change(&mut self, c: ChangeRequest) -> Result<(), ClientError> {
        dup(&self.changes, &c.id, "change request", |x| &x.id)?;
        self.need_stakeholder(&c.requested_by)?;
        let bad = |m: &str| ClientError::Invalid {
            kind: "change request",
            id: c.id.clone(),
            message: m.into(),
        };
        if c.changes.is_empty() {
            return Err(bad("a change request needs at least one change"));
        }
        if c.status != ChangeStatus::Submitted || c.analysis.is_some() || c.decision.is_some() {
            return Err(bad(
                "a new change request is submitted, without analysis or decision",
            ));
        }
        let cost_ok = c.changes.iter().all(|x| match x {
            Change::AddTask { fixed_cost, .. } | Change::SetCost { fixed_cost, .. } => {
                fixed_cost.is_finite() && *fixed_cost >= 0.0
            }
            _ => true,
        });
        if !cost_ok {
            return Err(bad("costs must be finite and ≥ 0"));
        }
        self.changes.push(c);
        Ok(())
    }

    /// Every change request.
    pub fn changes(&self) -> &[ChangeRequest] {
        &self.changes
    }

    /// A change request by id.
    pub fn change(&self, id: &str) -> Option<&ChangeRequest> {
        self.changes.iter().find(|c| c.id == id)
    }

    /// The applied changes, oldest first.
    pub fn change_history(&self) -> &[ChangeRecord] {
        &self.change_history
    }

    fn change_mut(&mut self, id: &str) -> Result<&mut ChangeRequest, ClientError> {
        self.changes
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| unknown("change request", id))
    }

    /// Analyses a submitted (or re-analyses an analysed) change request: applies it to a
    /// copy of `project`, reschedules both, and records the difference in finish,
    /// critical path, cost, milestones and deliverables. The project is not changed.
    ///
    /// # Errors
    /// [`ClientError::Unknown`], [`ClientError::ChangeState`] after a decision,
    /// [`ClientError::Apply`] when a change cannot be applied or the result cannot be
    /// scheduled (a cycle, an unknown task).
    pub fn analyse_change(
        &mut self,
        id: &str,
        project: &Project,
    ) -> Result<&ImpactAnalysis, ClientError> {
        let c = self
            .change(id)
            .ok_or_else(|| unknown("change request", id))?;
        if !matches!(c.status, ChangeStatus::Submitted | ChangeStatus::Analysed) {
            return Err(state(c, "analysis", "submitted or analysed"));
        }
        let changes = c.changes.clone();
        let analysis = self.impact_of(id, project, &changes)?;
        let c = self.change_mut(id)?;
        c.status = ChangeStatus::Analysed;
        Ok(c.analysis.insert(analysis))
    }

    /// What `changes` do to `project`, computed on a copy: the impact analysis shared by
    /// change requests and issues (`id` names the item in errors).
    pub(crate) fn impact_of(
        &self,
        id: &str,
        project: &Project,
        changes: &[Change],
    ) -> Result<ImpactAnalysis, ClientError> {
        let fail = |e: crate::Error| ClientError::Apply {
            id: id.to_string(),
            source: Box::new(e),
        };
        let mut after = project.clone();
        apply(&mut after, changes).map_err(fail)?;
        let s0 = project.schedule().map_err(|e| fail(e.into()))?;
        let s1 = after.schedule().map_err(|e| fail(e.into()))?;
        let finish_shift = project
            .project_calendar()
            .working_time_between(s0.finish(), s1.finish())
            .map_err(|e| fail(e.into()))?;
        let milestones = project
            .tasks()
            .filter(|t| project.kind(t.id()) == Some(TaskKind::Milestone))
            .filter_map(|t| {
                let (a, b) = (s0.task(t.id())?, s1.task(t.id())?);
                (a.finish() != b.finish()).then(|| MilestoneShift {
                    task: t.id(),
                    name: t.name.clone(),
                    before: a.finish(),
                    after: b.finish(),
                })
            })
            .collect();
        let touched: Vec<TaskId> = changes
            .iter()
            .filter_map(|x| match x {
                Change::RemoveTask { task }
                | Change::SetDuration { task, .. }
                | Change::SetCost { task, .. } => Some(*task),
                _ => None,
            })
            .collect();
        let last = |s: &crate::Schedule, tasks: &[TaskId]| {
            tasks
                .iter()
                .filter_map(|t| s.task(*t).map(|x| x.finish()))
                .max()
        };
        let deliverables = self
            .deliverables
            .iter()
            .filter(|d| {
                d.tasks.iter().any(|t| touched.contains(t))
                    || last(&s0, &d.tasks) != last(&s1, &d.tasks)
            })
            .map(|d| d.id.clone())
            .collect();
        let analysis = ImpactAnalysis {
            fingerprint: format!("{:016x}", project.fingerprint()),
            finish_before: s0.finish(),
            finish_after: s1.finish(),
            finish_shift,
            critical_before: s0.critical_path().to_vec(),
            critical_after: s1.critical_path().to_vec(),
            cost_before: crate::resources::costs(project, &s0).total,
            cost_after: crate::resources::costs(&after, &s1).total,
            milestones,
            deliverables,
        };
        Ok(analysis)
    }

    /// Records the decision on an analysed change request.
    ///
    /// # Errors
    /// [`ClientError::Unknown`] for the request or the deciding stakeholder,
    /// [`ClientError::ChangeState`] unless it is analysed (so a rejected request cannot
    /// be approved).
    pub fn decide_change(&mut self, id: &str, decision: Decision) -> Result<(), ClientError> {
        self.need_stakeholder(&decision.by)?;
        let c = self.change_mut(id)?;
        if c.status != ChangeStatus::Analysed {
            return Err(state(c, "a decision", "analysed"));
        }
        c.status = if decision.approved {
            ChangeStatus::Approved
        } else {
            ChangeStatus::Rejected
        };
        c.decision = Some(decision);
        Ok(())
    }

    /// Applies an approved change request to `project`, all or nothing, on `date`, and
    /// records it in the change history. Scope changes update the scope statements.
    ///
    /// # Errors
    /// [`ClientError::ChangeState`] unless approved, [`ClientError::StaleRevision`] when
    /// the project changed since the analysis, [`ClientError::Apply`] when a change fails
    /// (the project and the engagement are then unchanged).
    pub fn implement_change(
        &mut self,
        id: &str,
        project: &mut Project,
        date: NaiveDate,
    ) -> Result<Vec<TaskId>, ClientError> {
        let c = self
            .change(id)
            .ok_or_else(|| unknown("change request", id))?;
        if c.status != ChangeStatus::Approved {
            return Err(state(c, "implementation", "approved"));
        }
        let analysis = c
            .analysis
            .as_ref()
            .ok_or_else(|| state(c, "implementation", "analysed"))?;
        if analysis.fingerprint != format!("{:016x}", project.fingerprint()) {
            return Err(ClientError::StaleRevision { id: id.to_string() });
        }
        let mut after = project.clone();
        let new_tasks = apply(&mut after, &c.changes).map_err(|e| ClientError::Apply {
            id: id.to_string(),
            source: Box::new(e),
        })?;
        let record = ChangeRecord {
            change: id.to_string(),
            date,
            new_tasks: new_tasks.clone(),
            finish_shift: analysis.finish_shift,
            cost_delta: analysis.cost_after - analysis.cost_before,
        };
        let changes = c.changes.clone();
        *project = after;
        for x in &changes {
            match x {
                Change::AddScope { statement } => self.in_scope.push(statement.clone()),
                Change::RemoveScope { statement } => {
                    self.in_scope.retain(|s| s != statement);
                    self.out_of_scope.push(statement.clone());
                }
                _ => {}
            }
        }
        self.change_history.push(record);
        self.change_mut(id)?.status = ChangeStatus::Implemented;
        Ok(new_tasks)
    }
}
