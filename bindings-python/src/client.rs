//! `planix.Engagement`: the client side (account, stakeholders, communication, scope,
//! requirements, deliverables, change requests, feedback) and the lifecycle gates.

use chrono::NaiveDate;
use planix::TaskId;
use planix::client::{
    ActionItem, Channel, ClientError, CommItem, Contact, ContractType, Decision, Deliverable,
    Engagement, Feedback, Frequency, Level, LogEntry, LogKind, Moscow, Objective, Requirement,
    RequirementStatus, Score, Sentiment, SignOff, Stakeholder, SurveyResponse,
};
use planix::lifecycle::{self, Phase};
use pyo3::prelude::*;

use crate::convert::Int;
use pyo3::types::PyDict;

use crate::convert::{named, to_py};
use crate::errors::{BindingError, bad_choice};
use crate::project::PyProject;
use crate::risk::PyRiskRegister;

fn tasks(ids: Vec<u32>) -> Vec<TaskId> {
    ids.into_iter().map(TaskId).collect()
}

/// One action item as a Python dict.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct PyActionItem {
    description: String,
    #[pyo3(default)]
    owner: String,
    #[pyo3(default)]
    due: Option<NaiveDate>,
    #[pyo3(default)]
    done: bool,
}

fn action_item(d: &Bound<'_, PyDict>) -> PyResult<ActionItem> {
    crate::convert::known_keys(d, &["description", "owner", "due", "done"], "action item")?;
    let a: PyActionItem = d.extract()?;
    Ok(ActionItem {
        description: a.description,
        owner: a.owner,
        due: a.due,
        done: a.done,
    })
}

/// The client side of a project: account, stakeholders, communication plan and log,
/// objectives, scope, requirements, deliverables, change requests, feedback and the
/// lifecycle.
#[pyclass(name = "Engagement", module = "planix")]
#[derive(Clone)]
pub(crate) struct PyEngagement {
    pub(crate) inner: Engagement,
}

fn err(e: ClientError) -> PyErr {
    BindingError::from(e).into()
}

#[pymethods]
impl PyEngagement {
    /// A new engagement with a client organisation; contract_type is "fixed_price",
    /// "time_and_materials", "retainer" or "milestone_based".
    #[new]
    #[pyo3(signature = (organisation, industry = String::new(), contract_value = 0.0, contract_type = "fixed_price"))]
    fn new(
        organisation: String,
        industry: String,
        contract_value: f64,
        contract_type: &str,
    ) -> PyResult<Self> {
        let mut inner = Engagement::new(organisation);
        inner.account.industry = industry;
        inner.account.contract_value = contract_value;
        inner.account.contract_type = named(
            "contract type",
            contract_type,
            ContractType::from_name,
            ContractType::NAMES,
        )?;
        Ok(Self { inner })
    }

    /// Add a client contact.
    #[pyo3(signature = (name, role = String::new(), email = String::new(), phone = String::new()))]
    fn add_contact(
        &mut self,
        name: String,
        role: String,
        email: String,
        phone: String,
    ) -> PyResult<()> {
        self.inner
            .add_contact(Contact {
                name,
                role,
                email,
                phone,
            })
            .map_err(err)
    }

    /// The account as a dict.
    #[getter]
    fn account<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.account)
    }

    /// Add a stakeholder; power and interest are "low" or "high"; channel "email",
    /// "call", "meeting", "report" or "chat".
    #[pyo3(signature = (id, name, role = String::new(), *, organisation = String::new(), power = "low", interest = "low", channel = "email", email = String::new()))]
    #[allow(clippy::too_many_arguments)]
    fn add_stakeholder(
        &mut self,
        id: String,
        name: String,
        role: String,
        organisation: String,
        power: &str,
        interest: &str,
        channel: &str,
        email: String,
    ) -> PyResult<()> {
        let mut s = Stakeholder::new(id, name, role).with_grid(
            named("power", power, Level::from_name, Level::NAMES)?,
            named("interest", interest, Level::from_name, Level::NAMES)?,
        );
        s.organisation = organisation;
        s.channel = named("channel", channel, Channel::from_name, Channel::NAMES)?;
        s.email = email;
        self.inner.add_stakeholder(s).map_err(err)
    }

    /// The engagement strategy of a stakeholder's quadrant ("manage_closely",
    /// "keep_satisfied", "keep_informed", "monitor").
    fn strategy(&self, id: &str) -> Option<&'static str> {
        self.inner.stakeholder(id).map(|s| s.strategy().name())
    }

    /// Add an objective with success criteria as (measure, target) pairs.
    #[pyo3(signature = (id, description, success_criteria = vec![]))]
    fn add_objective(
        &mut self,
        id: String,
        description: String,
        success_criteria: Vec<(String, String)>,
    ) -> PyResult<()> {
        let pairs: Vec<(&str, &str)> = success_criteria
            .iter()
            .map(|(m, t)| (m.as_str(), t.as_str()))
            .collect();
        self.inner
            .add_objective(Objective::new(id, description, &pairs))
            .map_err(err)
    }

    /// Record what an objective achieved (at closing).
    fn record_outcome(&mut self, id: &str, outcome: String, met: bool) -> PyResult<()> {
        self.inner.record_outcome(id, outcome, met).map_err(err)
    }

    /// Add an in-scope (or, with in_scope=False, out-of-scope) statement.
    #[pyo3(signature = (statement, in_scope = true))]
    fn add_scope(&mut self, statement: String, in_scope: bool) -> PyResult<()> {
        self.inner.add_scope(statement, in_scope).map_err(err)
    }

    /// In-scope statements.
    #[getter]
    fn in_scope(&self) -> Vec<String> {
        self.inner.in_scope.clone()
    }

    /// Out-of-scope statements.
    #[getter]
    fn out_of_scope(&self) -> Vec<String> {
        self.inner.out_of_scope.clone()
    }

    /// Add a deliverable.
    #[pyo3(signature = (id, name, acceptance = vec![], due = None, tasks = vec![]))]
    fn add_deliverable(
        &mut self,
        id: String,
        name: String,
        acceptance: Vec<String>,
        due: Option<NaiveDate>,
        tasks: Vec<u32>,
    ) -> PyResult<()> {
        let mut d = Deliverable::new(id, name);
        d.acceptance = acceptance;
        d.due = due;
        d.tasks = self::tasks(tasks);
        self.inner.add_deliverable(d).map_err(err)
    }

    /// Set a deliverable's agreed acceptance criteria.
    fn set_acceptance(&mut self, id: &str, criteria: Vec<String>) -> PyResult<()> {
        self.inner.set_acceptance(id, criteria).map_err(err)
    }

    /// Record the client's sign-off on a deliverable (a rejection needs reasons).
    #[pyo3(signature = (deliverable, by, date, accepted = true, reasons = String::new()))]
    fn sign_off(
        &mut self,
        deliverable: &str,
        by: String,
        date: NaiveDate,
        accepted: bool,
        reasons: String,
    ) -> PyResult<()> {
        self.inner
            .sign_off(
                deliverable,
                SignOff {
                    by,
                    date,
                    accepted,
                    reasons,
                },
            )
            .map_err(err)
    }

    /// Add a requirement; priority "must", "should", "could" or "wont"; status
    /// "proposed", "approved", "implemented", "verified" or "rejected".
    #[pyo3(signature = (id, title, priority = "must", *, source = None, status = "proposed", acceptance = vec![], deliverables = vec![], tasks = vec![]))]
    #[allow(clippy::too_many_arguments)]
    fn add_requirement(
        &mut self,
        id: String,
        title: String,
        priority: &str,
        source: Option<String>,
        status: &str,
        acceptance: Vec<String>,
        deliverables: Vec<String>,
        tasks: Vec<u32>,
    ) -> PyResult<()> {
        let mut r = Requirement::new(
            id,
            title,
            named("priority", priority, Moscow::from_name, Moscow::NAMES)?,
        );
        r.source = source;
        r.status = named(
            "status",
            status,
            RequirementStatus::from_name,
            RequirementStatus::NAMES,
        )?;
        r.acceptance = acceptance;
        r.deliverables = deliverables;
        r.tasks = self::tasks(tasks);
        self.inner.add_requirement(r).map_err(err)
    }

    /// Set a requirement's status.
    fn set_requirement_status(&mut self, id: &str, status: &str) -> PyResult<()> {
        let s = named(
            "status",
            status,
            RequirementStatus::from_name,
            RequirementStatus::NAMES,
        )?;
        self.inner.set_requirement_status(id, s).map_err(err)
    }

    /// The traceability matrix against `project`: {"rows", "without_deliverable",
    /// "without_task", "unrequired_tasks"}.
    fn traceability<'py>(
        &self,
        py: Python<'py>,
        project: &PyProject,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.traceability(&project.inner).map_err(err)?)
    }

    /// Add a communication-plan item; frequency "daily", "weekly", "fortnightly",
    /// "monthly" or "quarterly".
    #[pyo3(signature = (id, what, audience, frequency, start, *, channel = "email", until = None, owner = String::new()))]
    #[allow(clippy::too_many_arguments)]
    fn add_comm_item(
        &mut self,
        id: String,
        what: String,
        audience: Vec<String>,
        frequency: &str,
        start: NaiveDate,
        channel: &str,
        until: Option<NaiveDate>,
        owner: String,
    ) -> PyResult<()> {
        let c = CommItem {
            id,
            what,
            audience,
            channel: named("channel", channel, Channel::from_name, Channel::NAMES)?,
            frequency: named(
                "frequency",
                frequency,
                Frequency::from_name,
                Frequency::NAMES,
            )?,
            start,
            until,
            owner,
        };
        self.inner.add_comm_item(c).map_err(err)
    }

    /// Add a log entry; kind "meeting", "call", "email", "decision" or "note"; actions
    /// as dicts {"description", "owner", "due", "done"}.
    #[pyo3(signature = (id, date, kind, summary, *, stakeholders = vec![], requirements = vec![], risks = vec![], changes = vec![], plan_item = None, actions = None))]
    #[allow(clippy::too_many_arguments)]
    fn add_log_entry(
        &mut self,
        id: String,
        date: NaiveDate,
        kind: &str,
        summary: String,
        stakeholders: Vec<String>,
        requirements: Vec<String>,
        risks: Vec<String>,
        changes: Vec<String>,
        plan_item: Option<String>,
        actions: Option<Vec<Bound<'_, PyDict>>>,
    ) -> PyResult<()> {
        let mut l = LogEntry::new(
            id,
            date,
            named("log kind", kind, LogKind::from_name, LogKind::NAMES)?,
            summary,
        );
        l.stakeholders = stakeholders;
        l.requirements = requirements;
        l.risks = risks;
        l.changes = changes;
        l.plan_item = plan_item;
        l.actions = actions
            .unwrap_or_default()
            .iter()
            .map(action_item)
            .collect::<PyResult<_>>()?;
        self.inner.add_log_entry(l).map_err(err)
    }

    /// Mark action `index` of a log entry done.
    fn complete_action(&mut self, entry: &str, index: Int<usize>) -> PyResult<()> {
        let index = index.0;
        self.inner.complete_action(entry, index).map_err(err)
    }

    /// Planned communications due from `start` to `end`: dicts {"item", "what", "date",
    /// "done"}.
    fn communications_due<'py>(
        &self,
        py: Python<'py>,
        start: NaiveDate,
        end: NaiveDate,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.communications_due(start, end))
    }

    /// Planned communications due before `today` with no log entry.
    fn overdue_communications<'py>(
        &self,
        py: Python<'py>,
        today: NaiveDate,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.overdue_communications(today))
    }

    /// Open action items due before `today`: (log entry id, action dict).
    fn overdue_actions<'py>(
        &self,
        py: Python<'py>,
        today: NaiveDate,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.overdue_actions(today))
    }

    /// Submit a change request; changes are dicts with "type" ("add_task",
    /// "remove_task", "set_duration", "set_cost", "add_link", "remove_link",
    /// "add_scope", "remove_scope") and their fields (durations in working minutes).
    #[pyo3(signature = (id, title, requested_by, date, changes, reason = String::new()))]
    fn submit_change(
        &mut self,
        id: String,
        title: String,
        requested_by: String,
        date: NaiveDate,
        changes: &Bound<'_, PyAny>,
        reason: String,
    ) -> PyResult<()> {
        let changes = pythonize::depythonize(changes)
            .map_err(|e| crate::errors::argument_error(format!("invalid changes: {e}")))?;
        let mut c = planix::client::ChangeRequest::new(id, title, requested_by, date, changes);
        c.reason = reason;
        self.inner.submit_change(c).map_err(err)
    }

    /// Analyse a change request on a copy of `project`: {"finish_before",
    /// "finish_after", "finish_shift" (working minutes), "critical_before",
    /// "critical_after", "cost_before", "cost_after", "milestones", "deliverables"}.
    fn analyse_change<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        project: &PyProject,
    ) -> PyResult<Bound<'py, PyAny>> {
        let a = self.inner.analyse_change(id, &project.inner).map_err(err)?;
        to_py(py, a)
    }

    /// Record the decision on an analysed change request.
    #[pyo3(signature = (id, by, date, approved, note = String::new()))]
    fn decide_change(
        &mut self,
        id: &str,
        by: String,
        date: NaiveDate,
        approved: bool,
        note: String,
    ) -> PyResult<()> {
        self.inner
            .decide_change(
                id,
                Decision {
                    by,
                    date,
                    approved,
                    note,
                },
            )
            .map_err(err)
    }

    /// Apply an approved change request to `project` (all or nothing); returns the ids
    /// of new tasks.
    fn implement_change(
        &mut self,
        id: &str,
        mut project: PyRefMut<'_, PyProject>,
        date: NaiveDate,
    ) -> PyResult<Vec<u32>> {
        let new = self
            .inner
            .implement_change(id, &mut project.inner, date)
            .map_err(err)?;
        Ok(new.into_iter().map(|t| t.0).collect())
    }

    /// A change request as a dict, or None.
    fn change<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.change(id).map(|c| to_py(py, c)).transpose()
    }

    /// The applied changes, oldest first.
    #[getter]
    fn change_history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.change_history())
    }

    /// Add a feedback entry; sentiment "positive", "neutral" or "negative".
    #[pyo3(signature = (id, date, sentiment, text, *, stakeholder = None, topic = String::new(), links = vec![]))]
    #[allow(clippy::too_many_arguments)]
    fn add_feedback(
        &mut self,
        id: String,
        date: NaiveDate,
        sentiment: &str,
        text: String,
        stakeholder: Option<String>,
        topic: String,
        links: Vec<String>,
    ) -> PyResult<()> {
        let f = Feedback {
            id,
            date,
            stakeholder,
            sentiment: named(
                "sentiment",
                sentiment,
                Sentiment::from_name,
                Sentiment::NAMES,
            )?,
            topic,
            text,
            links,
        };
        self.inner.add_feedback(f).map_err(err)
    }

    /// Record a survey answer: kind "csat" (1–5) or "nps" (0–10).
    #[pyo3(signature = (date, kind, score, stakeholder = None))]
    fn add_survey_response(
        &mut self,
        date: NaiveDate,
        kind: &str,
        score: Int<u8>,
        stakeholder: Option<String>,
    ) -> PyResult<()> {
        let score = score.0;
        let score = Score::of_kind(kind, score)
            .ok_or_else(|| bad_choice("survey kind", kind, &Score::KINDS))?;
        self.inner
            .add_survey_response(SurveyResponse {
                date,
                stakeholder,
                score,
            })
            .map_err(err)
    }

    /// CSAT: percent of 4 and 5 answers (None without answers).
    #[getter]
    fn csat(&self) -> Option<f64> {
        self.inner.csat()
    }

    /// NPS: percent promoters minus percent detractors (None without answers).
    #[getter]
    fn nps(&self) -> Option<f64> {
        self.inner.nps()
    }

    /// CSAT and NPS per period ("day", "week", "month") from `start` to `end`.
    #[pyo3(signature = (start, end, period = "month"))]
    fn satisfaction_trend<'py>(
        &self,
        py: Python<'py>,
        start: NaiveDate,
        end: NaiveDate,
        period: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = crate::resources::period(period)?;
        to_py(py, &self.inner.satisfaction_trend(start, end, p))
    }

    /// Record a lesson learned.
    fn add_lesson(&mut self, lesson: String) -> PyResult<()> {
        self.inner.add_lesson(lesson).map_err(err)
    }

    /// The current phase ("initiation", "planning", "execution", "monitoring",
    /// "closing", "closed").
    #[getter]
    fn phase(&self) -> &'static str {
        self.inner.lifecycle.phase.name()
    }

    /// Phases entered, oldest first: [{"phase", "entered"}].
    #[getter]
    fn phase_history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.lifecycle.history)
    }

    /// The gate out of the current phase, checked on `date`: [{"id", "description",
    /// "met", "detail"}].
    fn gate<'py>(
        &self,
        py: Python<'py>,
        project: &PyProject,
        date: NaiveDate,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(
            py,
            &lifecycle::gate(
                &self.inner,
                &project.inner,
                self.inner.lifecycle.phase,
                date,
            ),
        )
    }

    /// Move to the next phase if its gate passes; raises LifecycleError with `.unmet`
    /// otherwise. Returns the new phase.
    fn advance_phase(&mut self, project: &PyProject, date: NaiveDate) -> PyResult<&'static str> {
        let p = lifecycle::advance_phase(&mut self.inner, &project.inner, date)
            .map_err(BindingError::from)?;
        Ok(p.name())
    }

    /// Add your own criterion to the gate out of `phase` (unticked).
    fn add_criterion(&mut self, id: String, phase: &str, description: String) -> PyResult<()> {
        let ph = named("phase", phase, Phase::from_name, Phase::NAMES)?;
        Ok(self
            .inner
            .lifecycle
            .add_criterion(id, ph, description)
            .map_err(BindingError::from)?)
    }

    /// Tick (or untick) your own criterion.
    #[pyo3(signature = (id, met = true))]
    fn set_criterion(&mut self, id: &str, met: bool) -> PyResult<()> {
        Ok(self
            .inner
            .lifecycle
            .set_criterion(id, met)
            .map_err(BindingError::from)?)
    }

    /// The project charter as Markdown (top risks when a register is given).
    #[pyo3(signature = (project, risks = None))]
    fn charter(&self, project: &PyProject, risks: Option<&PyRiskRegister>) -> PyResult<String> {
        Ok(
            planix::io::charter(&project.inner, &self.inner, risks.map(|r| &r.inner))
                .map_err(BindingError::from)?,
        )
    }

    /// The closing report as Markdown (variance against `baseline`, the plan as
    /// chartered, when given).
    #[pyo3(signature = (project, baseline = None))]
    fn closing_report(
        &self,
        project: &PyProject,
        baseline: Option<&PyProject>,
    ) -> PyResult<String> {
        Ok(
            planix::io::closing_report(&project.inner, &self.inner, baseline.map(|b| &b.inner))
                .map_err(BindingError::from)?,
        )
    }

    /// A table as a list of dicts: "stakeholders", "requirements", "deliverables",
    /// "log", "changes", "feedback" or "traceability" (needs the project).
    #[pyo3(signature = (name, project = None))]
    fn table<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        project: Option<&PyProject>,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(
            py,
            &self
                .inner
                .table(name, project.map(|p| &p.inner))
                .map_err(err)?,
        )
    }

    /// A table as a pandas DataFrame (see `table`).
    #[pyo3(signature = (name, project = None))]
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        project: Option<&PyProject>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::frame(py, self.table(py, name, project)?, &["id"])
    }

    /// The engagement as a JSON document (format "planix-client", version 1).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Read an engagement written by `to_json`.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        Ok(Self {
            inner: Engagement::from_json(text).map_err(err)?,
        })
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.inner == other.inner
    }

    fn __repr__(&self) -> String {
        format!(
            "Engagement({:?}, phase {}, {} stakeholders, {} requirements, {} deliverables)",
            self.inner.account.organisation,
            self.inner.lifecycle.phase.name(),
            self.inner.stakeholders().len(),
            self.inner.requirements().len(),
            self.inner.deliverables().len()
        )
    }
}
