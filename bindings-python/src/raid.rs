//! The RAID log on `planix.Engagement`: issues, assumptions and constraints, the
//! decision register and the RAID summary. Each call converts its arguments into the
//! core type (the engagement JSON document's field names) and calls core.

use chrono::NaiveDate;
use planix::client::{Issue, IssueScale, IssueStatus};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::client::PyEngagement;
use crate::control::{PyTable, table};
use crate::convert::{Int, When, from_kwargs, from_py, to_py};
use crate::errors::BindingError;
use crate::project::PyProject;
use crate::risk::PyRiskRegister;

fn err(e: planix::client::ClientError) -> PyErr {
    BindingError::from(e).into()
}

/// An issue from its positional fields (`id`, `title`, `raised_by`, `raised`,
/// `severity`) and the keywords (`Issue`'s other fields); `raised` may be a `datetime`,
/// a `date` (midnight) or ISO text.
fn issue<'py>(
    py: Python<'py>,
    head: [&Bound<'py, PyAny>; 5],
    more: Option<&Bound<'py, PyDict>>,
) -> PyResult<Issue> {
    let names = ["id", "title", "raised_by", "raised", "severity"];
    let mut f = Vec::with_capacity(head.len());
    for (k, v) in names.into_iter().zip(head) {
        let v = if k == "raised" {
            v.extract::<When>()?.0.into_pyobject(py)?.into_any()
        } else {
            v.clone()
        };
        f.push((k, v));
    }
    from_kwargs(py, &f, more, "issue")
}

#[pymethods]
impl PyEngagement {
    /// Add an issue (a problem that has happened); severity on the issue scale
    /// (default "critical", "high", "medium", "low"). Keywords are `Issue`'s fields:
    /// `description`, `category`, `priority`, `owner`, `due`, `escalation`,
    /// `decision_needed`, `tasks`, `deliverables`, `requirements`, `risks`, `changes`,
    /// `log`, `impact` ({"delay" (working minutes), "extra_cost", "fix_task": {"name",
    /// "duration", "after", "before"}}), `status` and `history`.
    #[pyo3(signature = (id, title, raised_by, raised, severity, **more))]
    #[allow(clippy::too_many_arguments)]
    fn add_issue(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        title: &Bound<'_, PyAny>,
        raised_by: &Bound<'_, PyAny>,
        raised: &Bound<'_, PyAny>,
        severity: &Bound<'_, PyAny>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let i = issue(py, [id, title, raised_by, raised, severity], more)?;
        self.inner.add_issue(i).map_err(err)
    }

    /// Move an issue to a status ("open", "in_progress", "waiting_on_client",
    /// "resolved", "closed") at a time, appending to its history.
    #[pyo3(signature = (id, status, at, by = "", note = ""))]
    fn set_issue_status(
        &mut self,
        id: &str,
        status: &Bound<'_, PyAny>,
        at: When,
        by: &str,
        note: &str,
    ) -> PyResult<()> {
        let s: IssueStatus = from_py(status, "issue status")?;
        self.inner
            .set_issue_status(id, s, at.0, by, note)
            .map_err(err)
    }

    /// Resolve an issue with how it was fixed and its root cause.
    #[pyo3(signature = (id, at, by, resolution, root_cause = ""))]
    fn resolve_issue(
        &mut self,
        id: &str,
        at: When,
        by: &str,
        resolution: &str,
        root_cause: &str,
    ) -> PyResult<()> {
        self.inner
            .resolve_issue(id, at.0, by, resolution, root_cause)
            .map_err(err)
    }

    /// Set an issue's owner ("" clears it), escalation level or due day.
    #[pyo3(signature = (id, owner = None, escalation = None, due = None))]
    fn update_issue(
        &mut self,
        id: &str,
        owner: Option<&str>,
        escalation: Option<Int<u8>>,
        due: Option<NaiveDate>,
    ) -> PyResult<()> {
        self.inner
            .update_issue(id, owner, escalation.map(|e| e.0), due)
            .map_err(err)
    }

    /// An issue as a dict, or None.
    fn issue<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.issue(id).map(|i| to_py(py, i)).transpose()
    }

    /// The issue log, in the order raised.
    #[getter]
    fn issues<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.issues())
    }

    /// The severities (with response/resolution targets in working minutes) and
    /// priorities issues are scored on.
    #[getter]
    fn issue_scale<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.issue_scale())
    }

    /// Replace the issue scale: severities as dicts {"name", "response", "resolution",
    /// "high"}, most severe first; priorities highest first.
    fn set_issue_scale(
        &mut self,
        py: Python<'_>,
        severities: &Bound<'_, PyAny>,
        priorities: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let f = [
            ("severities", severities.clone()),
            ("priorities", priorities.clone()),
        ];
        let s: IssueScale = from_kwargs(py, &f, None, "issue scale")?;
        self.inner.set_issue_scale(s).map_err(err)
    }

    /// Turn an occurred risk of `register` into an issue (linked both ways; the risk is
    /// marked occurred).
    #[pyo3(signature = (register, risk, id, title, raised_by, raised, severity, **more))]
    #[allow(clippy::too_many_arguments)]
    fn issue_from_risk(
        &mut self,
        py: Python<'_>,
        mut register: PyRefMut<'_, PyRiskRegister>,
        risk: &str,
        id: &Bound<'_, PyAny>,
        title: &Bound<'_, PyAny>,
        raised_by: &Bound<'_, PyAny>,
        raised: &Bound<'_, PyAny>,
        severity: &Bound<'_, PyAny>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let i = issue(py, [id, title, raised_by, raised, severity], more)?;
        self.inner
            .issue_from_risk(&mut register.inner, risk, i)
            .map_err(err)
    }

    /// Analyse an issue's impact on a copy of `project` (as `analyse_change`).
    fn analyse_issue<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        project: &PyProject,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(
            py,
            self.inner.analyse_issue(id, &project.inner).map_err(err)?,
        )
    }

    /// Raise a change request applying an issue's impact (then analyse, decide and
    /// implement it as any change request).
    fn issue_to_change(
        &mut self,
        id: &str,
        change_id: &str,
        requested_by: &str,
        date: NaiveDate,
        project: &PyProject,
    ) -> PyResult<()> {
        self.inner
            .issue_to_change(id, change_id, requested_by, date, &project.inner)
            .map_err(err)
    }

    /// The open issues' delays as Monte Carlo events (pass as `simulate(risks=...)`).
    fn issue_events<'py>(
        &self,
        py: Python<'py>,
        project: &PyProject,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.issue_events(&project.inner))
    }

    /// Service-target status of every issue at `at` on the project calendar: age,
    /// waiting time, response and resolution against their targets, breaches.
    fn issue_ages(&self, project: &PyProject, at: When) -> PyResult<PyTable> {
        let a = self
            .inner
            .issue_ages(&project.inner, at.0)
            .map_err(BindingError::from)?;
        table(&a)
    }

    /// Add an assumption or constraint; keywords `kind` ("assumption", "constraint"),
    /// `owner`, `validate_by`, `status`, `validated_on`, `note`.
    #[pyo3(signature = (id, statement, **more))]
    fn add_assumption(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        statement: &Bound<'_, PyAny>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let f = [("id", id.clone()), ("statement", statement.clone())];
        let a = from_kwargs(py, &f, more, "assumption")?;
        self.inner.add_assumption(a).map_err(err)
    }

    /// Record the check of an assumption: valid or not, on a day, with what was found.
    #[pyo3(signature = (id, valid, date, note = ""))]
    fn validate_assumption(
        &mut self,
        id: &str,
        valid: bool,
        date: NaiveDate,
        note: &str,
    ) -> PyResult<()> {
        self.inner
            .validate_assumption(id, valid, date, note)
            .map_err(err)
    }

    /// Turn an invalid assumption into an issue (the issue's fields as for `add_issue`).
    #[pyo3(signature = (assumption, id, title, raised_by, raised, severity, **more))]
    #[allow(clippy::too_many_arguments)]
    fn assumption_to_issue(
        &mut self,
        py: Python<'_>,
        assumption: &str,
        id: &Bound<'_, PyAny>,
        title: &Bound<'_, PyAny>,
        raised_by: &Bound<'_, PyAny>,
        raised: &Bound<'_, PyAny>,
        severity: &Bound<'_, PyAny>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let i = issue(py, [id, title, raised_by, raised, severity], more)?;
        self.inner.assumption_to_issue(assumption, i).map_err(err)
    }

    /// Turn an invalid assumption into a risk of `register` (the risk's fields as for
    /// `RiskRegister.add`); returns the risk id.
    #[pyo3(signature = (assumption, register, id, title, kind = None, **more))]
    #[allow(clippy::too_many_arguments)]
    fn assumption_to_risk(
        &mut self,
        py: Python<'_>,
        assumption: &str,
        mut register: PyRefMut<'_, PyRiskRegister>,
        id: &Bound<'_, PyAny>,
        title: &Bound<'_, PyAny>,
        kind: Option<&Bound<'_, PyAny>>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let spec = crate::risk::risk_spec(py, id, title, kind, more)?;
        self.inner
            .assumption_to_risk(assumption, &mut register.inner, spec.into())
            .map_err(err)
    }

    /// The assumptions and constraints.
    #[getter]
    fn assumptions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.assumptions())
    }

    /// The decision register (the log's decision entries and the change decisions).
    fn decisions(&self) -> PyResult<PyTable> {
        table(&self.inner.decisions())
    }

    /// Decisions the client owes: (id, what) of open issues marked `decision_needed`
    /// and change requests awaiting a decision.
    fn decisions_needed(&self) -> Vec<(String, String)> {
        self.inner.decisions_needed()
    }

    /// The RAID summary: risks (of `risks`, when given), assumptions, issues and
    /// decisions, one row each (`.to_pandas()` for a DataFrame).
    #[pyo3(signature = (risks = None))]
    fn raid_summary(&self, risks: Option<&PyRiskRegister>) -> PyResult<PyTable> {
        table(&self.inner.raid_summary(risks.map(|r| &r.inner)))
    }

    /// The issue log as CSV (lists separated by ";", history and fix task as JSON).
    fn issues_to_csv(&self) -> PyResult<String> {
        self.inner.issues_to_csv().map_err(err)
    }

    /// Add the issues of a CSV text (as `issues_to_csv` writes), all or nothing;
    /// returns how many were added.
    fn issues_from_csv(&mut self, text: &str) -> PyResult<usize> {
        self.inner.issues_from_csv(text).map_err(err)
    }
}
