//! The RAID log beside the risk register: issues (problems that have happened) with a
//! dated status history, service targets per severity and an impact on the plan;
//! assumptions and constraints with a date to validate them by; and the decision
//! register drawn from the communication log and the change requests.
//!
//! Risks stay in the [`RiskRegister`](crate::risk::RiskRegister); a risk that occurs
//! becomes an issue with [`Engagement::issue_from_risk`], keeping the link both ways.
//!
//! ```
//! use chrono::NaiveDate;
//! use planix::client::{Engagement, Issue, IssueStatus, Stakeholder};
//! let day = |d| NaiveDate::from_ymd_opt(2027, 5, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
//! let mut e = Engagement::new("Northwind");
//! e.add_stakeholder(Stakeholder::new("S1", "Dana Kim", "CIO"))?;
//! e.add_issue(Issue::new("I-1", "Login fails on Safari", "S1", day(3), "high"))?;
//! e.set_issue_status("I-1", IssueStatus::InProgress, day(4), "S1", "reproduced")?;
//! assert_eq!(e.issue("I-1").unwrap().history.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Change, ClientError, Engagement, ImpactAnalysis, dup, unknown};
use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::model::Project;
use crate::risk::{RiskRegister, RiskStatus};
use crate::simulate::RiskEvent;

/// Where an issue is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum IssueStatus {
    /// Raised, nobody working on it yet.
    #[default]
    Open,
    /// Being worked on.
    InProgress,
    /// Waiting for the client (information, a test, an approval): the resolution clock
    /// stops meanwhile, as a CRM case's does.
    WaitingOnClient,
    /// Fixed; may be re-opened.
    Resolved,
    /// Done for good: no further change.
    Closed,
}

impl IssueStatus {
    /// `true` until it is resolved or closed.
    pub fn is_open(self) -> bool {
        !matches!(self, IssueStatus::Resolved | IssueStatus::Closed)
    }
}

/// One severity of the issue scale, with its service targets (working time on the
/// project calendar; `None`: no target).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SeverityLevel {
    /// Its name ("critical").
    pub name: String,
    /// Time to the first response (the first status after `open`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Duration>,
    /// Time to resolution, not counting time waiting on the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Duration>,
    /// A high severity: an issue of it without an owner is a critical finding.
    #[serde(default)]
    pub high: bool,
}

/// The severities (most severe first) and priorities (highest first) issues are
/// scored on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct IssueScale {
    /// Severities, most severe first.
    pub severities: Vec<SeverityLevel>,
    /// Priorities, highest first.
    pub priorities: Vec<String>,
}

impl Default for IssueScale {
    /// critical (respond in 4 h, resolve in 2 working days), high (1 d, 5 d), medium
    /// (2 d, 10 d), low (5 d, no resolution target); priorities high, medium, low.
    fn default() -> Self {
        let lvl = |name: &str, response: i64, resolution: Option<i64>, high: bool| SeverityLevel {
            name: name.into(),
            response: Some(Duration::minutes(response)),
            resolution: resolution.map(Duration::minutes),
            high,
        };
        IssueScale {
            severities: vec![
                lvl("critical", 240, Some(960), true),
                lvl("high", 480, Some(2400), true),
                lvl("medium", 960, Some(4800), false),
                lvl("low", 2400, None, false),
            ],
            priorities: vec!["high".into(), "medium".into(), "low".into()],
        }
    }
}

impl IssueScale {
    /// The severity called `name`.
    pub fn severity(&self, name: &str) -> Option<&SeverityLevel> {
        self.severities.iter().find(|s| s.name == name)
    }

    fn check(&self) -> Result<(), ClientError> {
        let bad = |m: String| ClientError::Invalid {
            kind: "issue scale",
            id: String::new(),
            message: m,
        };
        if self.severities.is_empty() {
            return Err(bad("it has no severities".into()));
        }
        for (i, s) in self.severities.iter().enumerate() {
            if s.name.trim().is_empty() || self.severities[..i].iter().any(|x| x.name == s.name) {
                return Err(bad(format!("severity {:?} is empty or repeated", s.name)));
            }
            for t in [s.response, s.resolution].into_iter().flatten() {
                if t.as_minutes() < 0 {
                    return Err(bad(format!("severity {:?} has a negative target", s.name)));
                }
            }
        }
        for (i, p) in self.priorities.iter().enumerate() {
            if p.trim().is_empty() || self.priorities[..i].contains(p) {
                return Err(bad(format!("priority {p:?} is empty or repeated")));
            }
        }
        Ok(())
    }
}

/// One dated status change of an issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct IssueEvent {
    /// When.
    pub at: NaiveDateTime,
    /// The status it moved to.
    pub status: IssueStatus,
    /// Who (a stakeholder id or a resource name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// Why, or what was done.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A task added to fix an issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct FixTask {
    /// Its name.
    pub name: String,
    /// Its duration (working minutes).
    pub duration: Duration,
    /// Predecessors (finish-to-start).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<TaskId>,
    /// Successors (finish-to-start): the work the fix holds up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<TaskId>,
    /// Its summary task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TaskId>,
}

/// What an issue does to the plan while it is open.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct IssueImpact {
    /// Working time added to each linked task's duration.
    #[serde(default)]
    pub delay: Duration,
    /// Cost added: to the fix task when there is one, else to the first linked task.
    #[serde(default)]
    pub extra_cost: f64,
    /// A new task that fixes the problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix_task: Option<FixTask>,
}

/// A problem that has happened: raised by someone, scored on the [`IssueScale`],
/// owned, tracked through a dated status history, linked to what it touches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// Key ("I-1").
    pub id: String,
    /// Title.
    pub title: String,
    /// What happened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Who raised it: a stakeholder id, or a resource name of the project.
    pub raised_by: String,
    /// When it was raised (the service clocks start here).
    pub raised: NaiveDateTime,
    /// Category ("defect", "integration", "approval").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// A severity of the scale.
    pub severity: String,
    /// A priority of the scale (empty: none given).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub priority: String,
    /// Who owns it: a stakeholder id or a resource name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Day it should be resolved by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Current status (the last history entry's).
    #[serde(default)]
    pub status: IssueStatus,
    /// Every status change, oldest first, starting with `open` at `raised`; append-only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<IssueEvent>,
    /// How it was resolved.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resolution: String,
    /// Why it happened (the closing report groups lessons by it).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub root_cause: String,
    /// Escalation level (0: not escalated).
    #[serde(default)]
    pub escalation: u8,
    /// A decision is needed from the client to move it on.
    #[serde(default)]
    pub decision_needed: bool,
    /// Tasks it touches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskId>,
    /// Deliverable ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<String>,
    /// Requirement ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// Risk ids of the register (a risk that occurred and became this issue).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<String>,
    /// Change request ids (one raised to fix it, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    /// Communication-log entry ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<String>,
    /// What it does to the plan while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<IssueImpact>,
    /// The latest impact analysis ([`Engagement::analyse_issue`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<ImpactAnalysis>,
}

impl Issue {
    /// An open issue with its key, title, who raised it, when, and a severity.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        raised_by: impl Into<String>,
        raised: NaiveDateTime,
        severity: impl Into<String>,
    ) -> Self {
        Issue {
            id: id.into(),
            title: title.into(),
            description: String::new(),
            raised_by: raised_by.into(),
            raised,
            category: String::new(),
            severity: severity.into(),
            priority: String::new(),
            owner: None,
            due: None,
            status: IssueStatus::Open,
            history: vec![],
            resolution: String::new(),
            root_cause: String::new(),
            escalation: 0,
            decision_needed: false,
            tasks: vec![],
            deliverables: vec![],
            requirements: vec![],
            risks: vec![],
            changes: vec![],
            log: vec![],
            impact: None,
            analysis: None,
        }
    }

    /// When it was first responded to (its first status after `open`).
    pub fn responded(&self) -> Option<NaiveDateTime> {
        self.history
            .iter()
            .find(|e| e.status != IssueStatus::Open)
            .map(|e| e.at)
    }

    /// When it was last resolved or closed, if it is now.
    pub fn resolved(&self) -> Option<NaiveDateTime> {
        if self.status.is_open() {
            return None;
        }
        self.history
            .iter()
            .rev()
            .take_while(|e| !e.status.is_open())
            .last()
            .map(|e| e.at)
    }
}

/// Whether a RAID entry is an assumption or a constraint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum AssumptionKind {
    /// Believed true without proof ("the client provides test data by May").
    #[default]
    Assumption,
    /// A limit the project must work within ("go-live before the trade fair").
    Constraint,
}

/// Whether an assumption has been checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum AssumptionStatus {
    /// Not yet checked.
    #[default]
    Unvalidated,
    /// Checked and true.
    Valid,
    /// Checked and false: it should become a risk or an issue.
    Invalid,
}

/// An assumption or constraint of the charter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    /// Key ("A-1").
    pub id: String,
    /// Assumption or constraint.
    #[serde(default)]
    pub kind: AssumptionKind,
    /// The statement.
    pub statement: String,
    /// Who checks it (a stakeholder id or a resource name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Day to check it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validate_by: Option<NaiveDate>,
    /// Checked or not, and the answer.
    #[serde(default)]
    pub status: AssumptionStatus,
    /// Day it was checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validated_on: Option<NaiveDate>,
    /// What was found.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The issue or risk id it became when found false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub became: Option<String>,
}

impl Assumption {
    /// An unvalidated assumption.
    pub fn new(id: impl Into<String>, statement: impl Into<String>) -> Self {
        Assumption {
            id: id.into(),
            kind: AssumptionKind::Assumption,
            statement: statement.into(),
            owner: None,
            validate_by: None,
            status: AssumptionStatus::Unvalidated,
            validated_on: None,
            note: String::new(),
            became: None,
        }
    }
}

/// One row of the decision register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DecisionRow {
    /// The log entry or change request id.
    pub id: String,
    /// "log" (a decision entry of the communication log) or "change" (a change
    /// request's decision).
    pub source: String,
    /// Day.
    pub date: NaiveDate,
    /// Who decided (stakeholder ids).
    pub by: Vec<String>,
    /// What was decided.
    pub what: String,
    /// The options that were on the table.
    pub options: Vec<String>,
    /// Linked items: requirement, risk, change and issue ids.
    pub links: Vec<String>,
}

/// Service-target status of one issue at a time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct IssueAge {
    /// The issue.
    pub id: String,
    /// Its status then.
    pub status: IssueStatus,
    /// Its severity.
    pub severity: String,
    /// Working time from raised to then (or to its resolution), on the project calendar.
    pub age: Duration,
    /// `age` in working days of the project calendar.
    pub age_days: f64,
    /// Working time spent waiting on the client.
    pub waiting: Duration,
    /// The severity's response target.
    pub response_target: Option<Duration>,
    /// Working time to the first response (`None`: not responded yet).
    pub responded_after: Option<Duration>,
    /// Past the response target (responded late, or not yet and the target has passed).
    pub response_breached: bool,
    /// The severity's resolution target.
    pub resolution_target: Option<Duration>,
    /// Working time to resolution, waiting on the client not counted (`None`: open).
    pub resolved_after: Option<Duration>,
    /// Past the resolution target (counting time so far while open).
    pub resolution_breached: bool,
}

fn bad_issue(id: &str, message: impl Into<String>) -> ClientError {
    ClientError::Invalid {
        kind: "issue",
        id: id.to_string(),
        message: message.into(),
    }
}

fn issue_state(i: &Issue, action: &'static str, needed: &'static str) -> ClientError {
    ClientError::IssueState {
        id: i.id.clone(),
        status: i.status.name(),
        action,
        needed,
    }
}

impl Engagement {
    /// The scale issues are scored on.
    pub fn issue_scale(&self) -> &IssueScale {
        &self.issue_scale
    }

    /// Replaces the issue scale.
    ///
    /// # Errors
    /// [`ClientError::Invalid`] for an empty or repeated severity or priority, a
    /// negative target, or a scale that no longer has a severity or priority an issue
    /// uses.
    pub fn set_issue_scale(&mut self, scale: IssueScale) -> Result<(), ClientError> {
        scale.check()?;
        for i in &self.issues {
            check_scored(&scale, i)?;
        }
        self.issue_scale = scale;
        Ok(())
    }

    /// The issue log, in the order raised.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// The issue with this id.
    pub fn issue(&self, id: &str) -> Option<&Issue> {
        self.issues.iter().find(|i| i.id == id)
    }

    fn issue_mut(&mut self, id: &str) -> Result<&mut Issue, ClientError> {
        self.issues
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or_else(|| unknown("issue", id))
    }

    /// Adds an issue. Its history starts with `open` at `raised` when empty; a given
    /// history must be in date order from `raised` and end in its `status`.
    ///
    /// # Errors
    /// [`ClientError::Duplicate`]; [`ClientError::Invalid`] for a severity or priority
    /// off the scale, history out of date order, or a negative delay or cost;
    /// [`ClientError::Unknown`] for a deliverable, requirement, change request or log
    /// entry the engagement does not have. Tasks and resource names are checked by
    /// [`Engagement::check_links`].
    pub fn add_issue(&mut self, mut issue: Issue) -> Result<(), ClientError> {
        dup(&self.issues, &issue.id, "issue", |x| &x.id)?;
        if issue.title.trim().is_empty() {
            return Err(bad_issue(&issue.id, "the title is empty"));
        }
        if issue.raised_by.trim().is_empty() {
            return Err(bad_issue(&issue.id, "raised_by is empty"));
        }
        check_scored(&self.issue_scale, &issue)?;
        if issue.history.is_empty() {
            issue.history.push(IssueEvent {
                at: issue.raised,
                status: IssueStatus::Open,
                by: issue.raised_by.clone(),
                note: String::new(),
            });
            if issue.status != IssueStatus::Open {
                return Err(bad_issue(
                    &issue.id,
                    "a status other than open needs the history that led to it",
                ));
            }
        }
        let mut last = issue.raised;
        for e in &issue.history {
            if e.at < last {
                return Err(bad_issue(
                    &issue.id,
                    format!("history dates out of order at {}", e.at),
                ));
            }
            last = e.at;
        }
        if issue.history.last().map(|e| e.status) != Some(issue.status) {
            return Err(bad_issue(
                &issue.id,
                "status differs from its last history entry",
            ));
        }
        if let Some(im) = &issue.impact {
            check_impact(&issue.id, im)?;
        }
        for d in &issue.deliverables {
            if self.deliverable(d).is_none() {
                return Err(unknown("deliverable", d));
            }
        }
        for r in &issue.requirements {
            if self.requirements.iter().all(|x| &x.id != r) {
                return Err(unknown("requirement", r));
            }
        }
        for c in &issue.changes {
            if self.change(c).is_none() {
                return Err(unknown("change request", c));
            }
        }
        for l in &issue.log {
            if self.log.iter().all(|x| &x.id != l) {
                return Err(unknown("log entry", l));
            }
        }
        self.issues.push(issue);
        Ok(())
    }

    /// Moves an issue to `status` at `at`, appending to its history. A closed issue
    /// does not change again; a resolved one may be re-opened.
    ///
    /// # Errors
    /// [`ClientError::Unknown`]; [`ClientError::IssueState`] for a closed issue or a
    /// move to the status it has; [`ClientError::Invalid`] for a time before its last
    /// history entry.
    pub fn set_issue_status(
        &mut self,
        id: &str,
        status: IssueStatus,
        at: NaiveDateTime,
        by: &str,
        note: &str,
    ) -> Result<(), ClientError> {
        let i = self.issue_mut(id)?;
        if i.status == IssueStatus::Closed {
            return Err(issue_state(i, "a status change", "not closed"));
        }
        if i.status == status {
            return Err(issue_state(
                i,
                "a move to the same status",
                "in another status",
            ));
        }
        if let Some(last) = i.history.last().filter(|e| at < e.at) {
            return Err(bad_issue(
                id,
                format!("{at} is before its last change ({})", last.at),
            ));
        }
        i.history.push(IssueEvent {
            at,
            status,
            by: by.to_string(),
            note: note.to_string(),
        });
        i.status = status;
        Ok(())
    }

    /// Resolves an issue at `at` with how it was fixed and why it happened.
    ///
    /// # Errors
    /// As [`Engagement::set_issue_status`]; resolving a resolved or closed issue is an
    /// [`ClientError::IssueState`].
    pub fn resolve_issue(
        &mut self,
        id: &str,
        at: NaiveDateTime,
        by: &str,
        resolution: &str,
        root_cause: &str,
    ) -> Result<(), ClientError> {
        self.set_issue_status(id, IssueStatus::Resolved, at, by, resolution)?;
        let i = self.issue_mut(id)?;
        i.resolution = resolution.to_string();
        if !root_cause.is_empty() {
            i.root_cause = root_cause.to_string();
        }
        Ok(())
    }

    /// Assigns an owner, escalation level or due day (`None` leaves a field as it is).
    ///
    /// # Errors
    /// [`ClientError::Unknown`]; [`ClientError::IssueState`] for a closed issue.
    pub fn update_issue(
        &mut self,
        id: &str,
        owner: Option<&str>,
        escalation: Option<u8>,
        due: Option<NaiveDate>,
    ) -> Result<(), ClientError> {
        let i = self.issue_mut(id)?;
        if i.status == IssueStatus::Closed {
            return Err(issue_state(i, "an update", "not closed"));
        }
        if let Some(o) = owner {
            i.owner = (!o.is_empty()).then(|| o.to_string());
        }
        if let Some(e) = escalation {
            i.escalation = e;
        }
        if due.is_some() {
            i.due = due;
        }
        Ok(())
    }

    /// Turns a risk of `register` that has occurred into an issue: the issue links the
    /// risk (and takes its tasks and deliverables when it names none), the risk is marked
    /// occurred on the day the issue is raised. All or nothing.
    ///
    /// # Errors
    /// [`ClientError::Unknown`] for the risk; the errors of [`Engagement::add_issue`].
    pub fn issue_from_risk(
        &mut self,
        register: &mut RiskRegister,
        risk: &str,
        mut issue: Issue,
    ) -> Result<(), ClientError> {
        let r = register.get(risk).ok_or_else(|| unknown("risk", risk))?;
        if !issue.risks.iter().any(|x| x == risk) {
            issue.risks.push(risk.to_string());
        }
        if issue.tasks.is_empty() {
            issue.tasks.clone_from(&r.tasks);
        }
        if issue.deliverables.is_empty() {
            issue.deliverables.clone_from(&r.deliverables);
        }
        let date = issue.raised.date();
        self.add_issue(issue)?;
        register
            .set_status(risk, RiskStatus::Occurred, date)
            .map_err(|_| unknown("risk", risk))?;
        Ok(())
    }

    /// The changes an issue's impact makes to `project`: each linked task's duration
    /// grows by the delay, the fix task is added (after/before its links), the extra
    /// cost goes to the fix task or else the first linked task.
    ///
    /// # Errors
    /// [`ClientError::Unknown`]; [`ClientError::Invalid`] without an impact, or an
    /// extra cost with nowhere to go; [`ClientError::UnknownTask`] for a linked task
    /// the project does not have.
    pub fn issue_changes(&self, id: &str, project: &Project) -> Result<Vec<Change>, ClientError> {
        let i = self.issue(id).ok_or_else(|| unknown("issue", id))?;
        let im = i
            .impact
            .as_ref()
            .ok_or_else(|| bad_issue(id, "it has no impact to apply"))?;
        let mut out = vec![];
        for &t in &i.tasks {
            let task = project.task(t).ok_or_else(|| ClientError::UnknownTask {
                kind: "issue",
                id: id.to_string(),
                task: t,
            })?;
            if im.delay.as_minutes() > 0 && !project.is_summary(t) {
                out.push(Change::SetDuration {
                    task: t,
                    duration: Duration::minutes(
                        task.duration
                            .as_minutes()
                            .saturating_add(im.delay.as_minutes()),
                    ),
                });
            }
        }
        if let Some(f) = &im.fix_task {
            out.push(Change::AddTask {
                name: f.name.clone(),
                duration: f.duration,
                parent: f.parent,
                after: f.after.clone(),
                before: f.before.clone(),
                fixed_cost: im.extra_cost,
            });
        } else if im.extra_cost != 0.0 {
            let &t = i
                .tasks
                .iter()
                .find(|t| !project.is_summary(**t))
                .ok_or_else(|| bad_issue(id, "an extra cost needs a linked task or a fix task"))?;
            let cost = project.task(t).map_or(0.0, |x| x.fixed_cost);
            out.push(Change::SetCost {
                task: t,
                fixed_cost: cost + im.extra_cost,
            });
        }
        Ok(out)
    }

    /// Analyses an issue's impact as a change request's: applied to a copy of `project`,
    /// both rescheduled; the difference in finish, critical path, cost, milestones and
    /// deliverables is recorded on the issue and returned. The project is not changed.
    ///
    /// # Errors
    /// As [`Engagement::issue_changes`]; [`ClientError::Apply`] when the result cannot
    /// be scheduled.
    pub fn analyse_issue(
        &mut self,
        id: &str,
        project: &Project,
    ) -> Result<&ImpactAnalysis, ClientError> {
        let changes = self.issue_changes(id, project)?;
        let a = self.impact_of(id, project, &changes)?;
        Ok(self.issue_mut(id)?.analysis.insert(a))
    }

    /// Raises a change request that applies an issue's impact (the usual workflow then
    /// analyses, decides and implements it) and links it from the issue.
    ///
    /// # Errors
    /// As [`Engagement::issue_changes`] and [`Engagement::submit_change`].
    pub fn issue_to_change(
        &mut self,
        id: &str,
        change_id: &str,
        requested_by: &str,
        date: NaiveDate,
        project: &Project,
    ) -> Result<(), ClientError> {
        let changes = self.issue_changes(id, project)?;
        let title = self
            .issue(id)
            .map(|i| format!("Fix for {}: {}", i.id, i.title))
            .unwrap_or_default();
        let mut cr = super::ChangeRequest::new(change_id, title, requested_by, date, changes);
        cr.reason = format!("issue {id}");
        self.submit_change(cr)?;
        self.issue_mut(id)?.changes.push(change_id.to_string());
        Ok(())
    }

    /// The open issues' delays as certain events for the Monte Carlo (probability 1,
    /// the delay on each linked leaf task), ids `issue:<id>`: pass them with the risk
    /// register's events so forecasts carry the problems already known.
    pub fn issue_events(&self, project: &Project) -> Vec<RiskEvent> {
        self.issues
            .iter()
            .filter(|i| i.status.is_open())
            .filter_map(|i| {
                let d = i.impact.as_ref()?.delay;
                let tasks: Vec<TaskId> = i
                    .tasks
                    .iter()
                    .copied()
                    .filter(|t| project.task(*t).is_some() && !project.is_summary(*t))
                    .collect();
                (d.as_minutes() > 0 && !tasks.is_empty()).then(|| {
                    let mut e = RiskEvent::new(format!("issue:{}", i.id), 1.0, tasks);
                    e.delay = Some(crate::model::Estimate::fixed(d));
                    e
                })
            })
            .collect()
    }

    /// Service-target status of every issue at `at`, on `project`'s calendar.
    ///
    /// # Errors
    /// [`CalendarError`](crate::calendar::CalendarError) when a date lies outside years
    /// 1–9999.
    pub fn issue_ages(
        &self,
        project: &Project,
        at: NaiveDateTime,
    ) -> Result<Vec<IssueAge>, crate::calendar::CalendarError> {
        let cal = project.project_calendar();
        let mpd = f64::from(cal.minutes_per_day().max(1));
        let work = |a: NaiveDateTime, b: NaiveDateTime| cal.working_time_between(a, b.max(a));
        let mut out = Vec::with_capacity(self.issues.len());
        for i in &self.issues {
            let end = i.resolved().unwrap_or(at).max(i.raised);
            let age = work(i.raised, end)?;
            // Time waiting on the client, up to `end`.
            let mut waiting = 0i64;
            for (k, e) in i.history.iter().enumerate() {
                if e.status == IssueStatus::WaitingOnClient && e.at < end {
                    let until = i.history.get(k + 1).map_or(end, |n| n.at.min(end));
                    waiting += work(e.at, until)?.as_minutes();
                }
            }
            let sev = self.issue_scale.severity(&i.severity);
            let response_target = sev.and_then(|s| s.response);
            let resolution_target = sev.and_then(|s| s.resolution);
            let responded_after = match i.responded() {
                Some(r) => Some(work(i.raised, r)?),
                None => None,
            };
            let response_breached = response_target.is_some_and(|t| {
                responded_after.map_or(age.as_minutes() > t.as_minutes(), |r| {
                    r.as_minutes() > t.as_minutes()
                })
            });
            let net = age.as_minutes() - waiting;
            let resolved_after = i.resolved().map(|_| Duration::minutes(net));
            let resolution_breached = resolution_target.is_some_and(|t| net > t.as_minutes());
            out.push(IssueAge {
                id: i.id.clone(),
                status: i.status,
                severity: i.severity.clone(),
                age,
                age_days: age.as_minutes() as f64 / mpd,
                waiting: Duration::minutes(waiting),
                response_target,
                responded_after,
                response_breached,
                resolution_target,
                resolved_after,
                resolution_breached,
            });
        }
        Ok(out)
    }

    /// The assumptions and constraints.
    pub fn assumptions(&self) -> &[Assumption] {
        &self.assumptions
    }

    /// Adds an assumption or constraint.
    ///
    /// # Errors
    /// [`ClientError::Duplicate`]; [`ClientError::Invalid`] for an empty statement or a
    /// validation day on an unvalidated one.
    pub fn add_assumption(&mut self, a: Assumption) -> Result<(), ClientError> {
        dup(&self.assumptions, &a.id, "assumption", |x| &x.id)?;
        if a.statement.trim().is_empty() {
            return Err(ClientError::Invalid {
                kind: "assumption",
                id: a.id.clone(),
                message: "the statement is empty".into(),
            });
        }
        if (a.status == AssumptionStatus::Unvalidated) != a.validated_on.is_none() {
            return Err(ClientError::Invalid {
                kind: "assumption",
                id: a.id.clone(),
                message: "validated_on goes with a valid or invalid status".into(),
            });
        }
        self.assumptions.push(a);
        Ok(())
    }

    /// Records the check of an assumption on `date`: valid or not, and what was found.
    ///
    /// # Errors
    /// [`ClientError::Unknown`]; [`ClientError::Invalid`] when already checked.
    pub fn validate_assumption(
        &mut self,
        id: &str,
        valid: bool,
        date: NaiveDate,
        note: &str,
    ) -> Result<(), ClientError> {
        let a = self
            .assumptions
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or_else(|| unknown("assumption", id))?;
        if a.status != AssumptionStatus::Unvalidated {
            return Err(ClientError::Invalid {
                kind: "assumption",
                id: id.to_string(),
                message: "it was already validated".into(),
            });
        }
        a.status = if valid {
            AssumptionStatus::Valid
        } else {
            AssumptionStatus::Invalid
        };
        a.validated_on = Some(date);
        a.note = note.to_string();
        Ok(())
    }

    /// Turns an invalid assumption into an issue (added as by [`Engagement::add_issue`])
    /// and records what it became.
    ///
    /// # Errors
    /// [`ClientError::Unknown`]; [`ClientError::Invalid`] unless it is invalid and not
    /// yet turned into something; the errors of `add_issue`.
    pub fn assumption_to_issue(&mut self, id: &str, issue: Issue) -> Result<(), ClientError> {
        self.need_invalid(id)?;
        let iid = issue.id.clone();
        self.add_issue(issue)?;
        self.mark_became(id, iid);
        Ok(())
    }

    /// Turns an invalid assumption into a risk of `register` and records what it became.
    ///
    /// # Errors
    /// As [`Engagement::assumption_to_issue`]; [`ClientError::Invalid`] when the register
    /// refuses the risk.
    pub fn assumption_to_risk(
        &mut self,
        id: &str,
        register: &mut RiskRegister,
        risk: crate::risk::Risk,
    ) -> Result<String, ClientError> {
        self.need_invalid(id)?;
        let rid = register.add(risk).map_err(|e| ClientError::Invalid {
            kind: "assumption",
            id: id.to_string(),
            message: e.to_string(),
        })?;
        self.mark_became(id, rid.clone());
        Ok(rid)
    }

    fn need_invalid(&self, id: &str) -> Result<(), ClientError> {
        let a = self
            .assumptions
            .iter()
            .find(|a| a.id == id)
            .ok_or_else(|| unknown("assumption", id))?;
        if a.status != AssumptionStatus::Invalid || a.became.is_some() {
            return Err(ClientError::Invalid {
                kind: "assumption",
                id: id.to_string(),
                message:
                    "only an invalid assumption not yet turned into a risk or issue can become one"
                        .into(),
            });
        }
        Ok(())
    }

    fn mark_became(&mut self, id: &str, what: String) {
        if let Some(a) = self.assumptions.iter_mut().find(|a| a.id == id) {
            a.became = Some(what);
        }
    }

    /// The decision register: the communication log's decision entries and the change
    /// requests' decisions, by date.
    pub fn decisions(&self) -> Vec<DecisionRow> {
        let mut out: Vec<DecisionRow> = self
            .log
            .iter()
            .filter(|l| l.kind == super::LogKind::Decision)
            .map(|l| DecisionRow {
                id: l.id.clone(),
                source: "log".into(),
                date: l.date,
                by: l.stakeholders.clone(),
                what: l.summary.clone(),
                options: l.options.clone(),
                links: l
                    .requirements
                    .iter()
                    .chain(&l.risks)
                    .chain(&l.changes)
                    .chain(&l.issues)
                    .cloned()
                    .collect(),
            })
            .collect();
        for c in &self.changes {
            if let Some(d) = &c.decision {
                out.push(DecisionRow {
                    id: c.id.clone(),
                    source: "change".into(),
                    date: d.date,
                    by: vec![d.by.clone()],
                    what: format!(
                        "{} {}{}",
                        if d.approved { "Approved" } else { "Rejected" },
                        c.title,
                        if d.note.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", d.note)
                        }
                    ),
                    options: vec!["approve".into(), "reject".into()],
                    links: vec![],
                });
            }
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// Decisions the client owes: open issues marked `decision_needed` and change
    /// requests analysed but not decided, as (id, what) pairs.
    pub fn decisions_needed(&self) -> Vec<(String, String)> {
        let issues = self
            .issues
            .iter()
            .filter(|i| i.status.is_open() && i.decision_needed)
            .map(|i| (i.id.clone(), i.title.clone()));
        let changes = self
            .changes
            .iter()
            .filter(|c| c.status == super::ChangeStatus::Analysed)
            .map(|c| (c.id.clone(), c.title.clone()));
        issues.chain(changes).collect()
    }
}

fn check_scored(scale: &IssueScale, i: &Issue) -> Result<(), ClientError> {
    if scale.severity(&i.severity).is_none() {
        return Err(bad_issue(
            &i.id,
            format!(
                "severity {:?} is not on the scale ({})",
                i.severity,
                scale
                    .severities
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    if !i.priority.is_empty() && !scale.priorities.contains(&i.priority) {
        return Err(bad_issue(
            &i.id,
            format!(
                "priority {:?} is not on the scale ({})",
                i.priority,
                scale.priorities.join(", ")
            ),
        ));
    }
    Ok(())
}

fn check_impact(id: &str, im: &IssueImpact) -> Result<(), ClientError> {
    if im.delay.as_minutes() < 0 {
        return Err(bad_issue(id, "the impact's delay is negative"));
    }
    if !im.extra_cost.is_finite() || im.extra_cost < 0.0 {
        return Err(bad_issue(
            id,
            "the impact's extra cost must be a finite amount ≥ 0",
        ));
    }
    if let Some(f) = &im.fix_task {
        if f.duration.as_minutes() < 0 || f.name.trim().is_empty() {
            return Err(bad_issue(
                id,
                "the fix task needs a name and a duration ≥ 0",
            ));
        }
    }
    Ok(())
}
