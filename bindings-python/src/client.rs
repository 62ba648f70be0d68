//! `planix.Engagement`: the client side (account, stakeholders, communication, scope,
//! requirements, deliverables, change requests, feedback) and the lifecycle gates.
//!
//! Every add call takes the core type's fields: the positional arguments and the
//! keywords are the field names of the engagement JSON document, read by
//! `convert::from_kwargs` into the core type (its defaults fill the rest).

use chrono::NaiveDate;
use planix::client::{ClientError, Engagement, RequirementStatus};
use planix::lifecycle::{self, Phase};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{Int, from_kwargs, named, to_py};
use crate::errors::BindingError;
use crate::project::PyProject;
use crate::risk::PyRiskRegister;

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

/// The positional arguments of an add call, by field name (the `None` ones left out,
/// so the core type's default applies).
fn fields<'py>(
    named: &[(&'static str, Option<&Bound<'py, PyAny>>)],
) -> Vec<(&'static str, Bound<'py, PyAny>)> {
    named
        .iter()
        .filter_map(|(k, v)| v.map(|v| (*k, v.clone())))
        .collect()
}

#[pymethods]
impl PyEngagement {
    /// A new engagement with a client organisation; the keywords are the contract terms
    /// (`industry`, `contract_value`, `contract_type`: "fixed_price",
    /// "time_and_materials", "retainer" or "milestone_based").
    #[new]
    #[pyo3(signature = (organisation, **terms))]
    fn new(
        py: Python<'_>,
        organisation: String,
        terms: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let t: planix::client::AccountSpec = from_kwargs(py, &[], terms, "account")?;
        Ok(Self {
            inner: Engagement::with_terms(organisation, t),
        })
    }

    /// Add a client contact (`role`, `email`, `phone`).
    #[pyo3(signature = (name, role = None, **more))]
    fn add_contact(
        &mut self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        role: Option<&Bound<'_, PyAny>>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let f = fields(&[("name", Some(name)), ("role", role)]);
        let c = from_kwargs(py, &f, more, "contact")?;
        self.inner.add_contact(c).map_err(err)
    }

    /// The account as a dict.
    #[getter]
    fn account<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.account)
    }

    /// Add a stakeholder; keywords `organisation`, `power` and `interest` ("low" or
    /// "high"), `channel` ("email", "call", "meeting", "report", "chat"), `email`.
    #[pyo3(signature = (id, name, role = None, **more))]
    fn add_stakeholder(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        role: Option<&Bound<'_, PyAny>>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let f = fields(&[("id", Some(id)), ("name", Some(name)), ("role", role)]);
        let s = from_kwargs(py, &f, more, "stakeholder")?;
        self.inner.add_stakeholder(s).map_err(err)
    }

    /// The engagement strategy of a stakeholder's quadrant ("manage_closely",
    /// "keep_satisfied", "keep_informed", "monitor").
    fn strategy(&self, id: &str) -> Option<&'static str> {
        self.inner.stakeholder(id).map(|s| s.strategy().name())
    }

    /// Add an objective with success criteria as (measure, target) pairs.
    #[pyo3(signature = (id, description, success_criteria = None))]
    fn add_objective(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        description: &Bound<'_, PyAny>,
        success_criteria: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let f = fields(&[
            ("id", Some(id)),
            ("description", Some(description)),
            ("success_criteria", success_criteria),
        ]);
        let o = from_kwargs(py, &f, None, "objective")?;
        self.inner.add_objective(o).map_err(err)
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

    /// Add a deliverable (`acceptance`, `due`, `tasks`).
    #[pyo3(signature = (id, name, **more))]
    fn add_deliverable(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let f = fields(&[("id", Some(id)), ("name", Some(name))]);
        let d = from_kwargs(py, &f, more, "deliverable")?;
        self.inner.add_deliverable(d).map_err(err)
    }

    /// Set a deliverable's agreed acceptance criteria.
    fn set_acceptance(&mut self, id: &str, criteria: Vec<String>) -> PyResult<()> {
        self.inner.set_acceptance(id, criteria).map_err(err)
    }

    /// Record the client's sign-off on a deliverable (a rejection needs reasons).
    #[pyo3(signature = (deliverable, by, date, accepted = true, reasons = None))]
    fn sign_off(
        &mut self,
        py: Python<'_>,
        deliverable: &str,
        by: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        accepted: bool,
        reasons: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let accepted = pyo3::types::PyBool::new(py, accepted).to_owned().into_any();
        let f = fields(&[
            ("by", Some(by)),
            ("date", Some(date)),
            ("accepted", Some(&accepted)),
            ("reasons", reasons),
        ]);
        let s = from_kwargs(py, &f, None, "sign-off")?;
        self.inner.sign_off(deliverable, s).map_err(err)
    }

    /// Add a requirement; priority "must" (default), "should", "could" or "wont";
    /// keywords `source`, `status` ("proposed", "approved", "implemented", "verified",
    /// "rejected"), `acceptance`, `deliverables`, `tasks`.
    #[pyo3(signature = (id, title, priority = None, **more))]
    fn add_requirement(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        title: &Bound<'_, PyAny>,
        priority: Option<&Bound<'_, PyAny>>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let f = fields(&[
            ("id", Some(id)),
            ("title", Some(title)),
            ("priority", priority),
        ]);
        let r = from_kwargs(py, &f, more, "requirement")?;
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
    /// "monthly" or "quarterly"; keywords `channel`, `until`, `owner`.
    #[pyo3(signature = (id, what, audience, frequency, start, **more))]
    #[allow(clippy::too_many_arguments)]
    fn add_comm_item(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        what: &Bound<'_, PyAny>,
        audience: &Bound<'_, PyAny>,
        frequency: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let f = fields(&[
            ("id", Some(id)),
            ("what", Some(what)),
            ("audience", Some(audience)),
            ("frequency", Some(frequency)),
            ("start", Some(start)),
        ]);
        let c = from_kwargs(py, &f, more, "communication item")?;
        self.inner.add_comm_item(c).map_err(err)
    }

    /// Add a log entry; kind "meeting", "call", "email", "decision" or "note"; keywords
    /// `stakeholders`, `requirements`, `risks`, `changes`, `plan_item`, `actions` (dicts
    /// {"description", "owner", "due", "done"}).
    #[pyo3(signature = (id, date, kind, summary, **more))]
    fn add_log_entry(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        summary: &Bound<'_, PyAny>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let f = fields(&[
            ("id", Some(id)),
            ("date", Some(date)),
            ("kind", Some(kind)),
            ("summary", Some(summary)),
        ]);
        let l = from_kwargs(py, &f, more, "log entry")?;
        self.inner.add_log_entry(l).map_err(err)
    }

    /// Mark action `index` of a log entry done.
    fn complete_action(&mut self, entry: &str, index: Int<usize>) -> PyResult<()> {
        self.inner.complete_action(entry, index.0).map_err(err)
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
    #[pyo3(signature = (id, title, requested_by, date, changes, reason = None))]
    #[allow(clippy::too_many_arguments)]
    fn submit_change(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        title: &Bound<'_, PyAny>,
        requested_by: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        changes: &Bound<'_, PyAny>,
        reason: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let f = fields(&[
            ("id", Some(id)),
            ("title", Some(title)),
            ("requested_by", Some(requested_by)),
            ("date", Some(date)),
            ("changes", Some(changes)),
            ("reason", reason),
        ]);
        let c: planix::client::ChangeSpec = from_kwargs(py, &f, None, "change request")?;
        self.inner.submit_change(c.into()).map_err(err)
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
    #[pyo3(signature = (id, by, date, approved, note = None))]
    fn decide_change(
        &mut self,
        py: Python<'_>,
        id: &str,
        by: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        approved: &Bound<'_, PyAny>,
        note: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let f = fields(&[
            ("by", Some(by)),
            ("date", Some(date)),
            ("approved", Some(approved)),
            ("note", note),
        ]);
        let d = from_kwargs(py, &f, None, "decision")?;
        self.inner.decide_change(id, d).map_err(err)
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

    /// Add a feedback entry; sentiment "positive", "neutral" or "negative"; keywords
    /// `stakeholder`, `topic`, `links`.
    #[pyo3(signature = (id, date, sentiment, text, **more))]
    fn add_feedback(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        sentiment: &Bound<'_, PyAny>,
        text: &Bound<'_, PyAny>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let f = fields(&[
            ("id", Some(id)),
            ("date", Some(date)),
            ("sentiment", Some(sentiment)),
            ("text", Some(text)),
        ]);
        let x = from_kwargs(py, &f, more, "feedback")?;
        self.inner.add_feedback(x).map_err(err)
    }

    /// Record a survey answer: kind "csat" (1–5) or "nps" (0–10).
    #[pyo3(signature = (date, kind, score, stakeholder = None))]
    fn add_survey_response(
        &mut self,
        py: Python<'_>,
        date: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        score: &Bound<'_, PyAny>,
        stakeholder: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let f = fields(&[
            ("date", Some(date)),
            ("kind", Some(kind)),
            ("score", Some(score)),
            ("stakeholder", stakeholder),
        ]);
        let s = from_kwargs(py, &f, None, "survey response")?;
        self.inner.add_survey(s).map_err(err)
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
            &lifecycle::current_gate(&self.inner, &project.inner, date),
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
        let rows = self
            .inner
            .table(name, project.map(|p| &p.inner))
            .map_err(err)?;
        crate::convert::frame(py, &planix::io::columns::Columns::from_rows(&rows, &["id"]))
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
