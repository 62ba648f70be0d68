//! `planix.RiskRegister` and `planix.RiskForecast`: the register, matrix, scoring, EMV,
//! alerts, exposure, CSV/JSON, and the risk-adjusted Monte Carlo forecast.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use planix::risk::{
    Action, Response, RiskForecast, RiskMatrix, RiskRegister, RiskStatus, Strategy,
};
use pyo3::prelude::*;

use crate::convert::Int;
use pyo3::types::PyDict;

use crate::convert::{from_kwargs, from_py, named, to_py};
use crate::errors::BindingError;
use crate::project::PyProject;
use crate::simulation::PySimulation;

/// A risk register on a probability × impact matrix (default 5×5).
#[pyclass(name = "RiskRegister", module = "planix")]
#[derive(Clone)]
pub(crate) struct PyRiskRegister {
    pub(crate) inner: RiskRegister,
}

/// A risk from its id, title, optional kind and the keywords (`RiskSpec`'s fields).
pub(crate) fn risk_spec<'py>(
    py: Python<'py>,
    id: &Bound<'py, PyAny>,
    title: &Bound<'py, PyAny>,
    kind: Option<&Bound<'py, PyAny>>,
    more: Option<&Bound<'py, PyDict>>,
) -> PyResult<planix::risk::RiskSpec> {
    let mut f = vec![("id", id.clone()), ("title", title.clone())];
    f.extend(kind.map(|k| ("kind", k.clone())));
    from_kwargs(py, &f, more, "risk")
}

#[pymethods]
impl PyRiskRegister {
    /// An empty register; `matrix` is a dict in the JSON shape of `matrix` (probability
    /// bands, impact_levels, ratings, cells, optional impact_scale and scoring).
    #[new]
    #[pyo3(signature = (matrix = None))]
    fn new(matrix: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let inner = match matrix {
            None => RiskRegister::new(),
            Some(m) => {
                let m: RiskMatrix = pythonize::depythonize(m).map_err(|e| {
                    BindingError::from(planix::risk::RiskError::InvalidMatrix(e.to_string()))
                })?;
                RiskRegister::with_matrix(m).map_err(BindingError::from)?
            }
        };
        Ok(Self { inner })
    }

    /// Add a risk; returns its id. kind: "threat" (default) or "opportunity"; the
    /// keywords are `RiskSpec`'s fields (`owner`, `category`, `description`, `cause`,
    /// `event`, `effect`, `tasks`, `deliverables`, `triggers`, `identified`, `proximity`,
    /// `next_review`, `contingency_minutes`, `contingency_cost`).
    #[pyo3(signature = (id, title, kind = None, **more))]
    fn add(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        title: &Bound<'_, PyAny>,
        kind: Option<&Bound<'_, PyAny>>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let spec = risk_spec(py, id, title, kind, more)?;
        Ok(self.inner.add_spec(spec).map_err(BindingError::from)?)
    }

    /// Record a dated assessment (inherent, or residual with `residual=True`).
    /// `impacts` scores dimensions ("schedule", "cost", "scope_quality", "reputation");
    /// without `impact` the overall impact is the worst dimension. `delay` is a
    /// three-point estimate in working minutes (optimistic, most likely, pessimistic)
    /// with `distribution` (default beta-PERT) and its shape `lam`.
    #[pyo3(signature = (id, probability, impact = None, *, date, cost = None, delay = None, distribution = None, lam = None, impacts = None, residual = None))]
    #[pyo3(
        text_signature = "($self, id, probability, impact=None, *, date, cost=0.0, delay=None, distribution=\"beta_pert\", lam=4.0, impacts=None, residual=False)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn assess(
        &mut self,
        py: Python<'_>,
        id: &str,
        probability: &Bound<'_, PyAny>,
        impact: Option<&Bound<'_, PyAny>>,
        date: &Bound<'_, PyAny>,
        cost: Option<&Bound<'_, PyAny>>,
        delay: Option<(Int<i64>, Int<i64>, Int<i64>)>,
        distribution: Option<&str>,
        lam: Option<f64>,
        impacts: Option<&Bound<'_, PyAny>>,
        residual: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let f: Vec<_> = [
            ("probability", Some(probability)),
            ("impact", impact),
            ("date", Some(date)),
            ("cost", cost),
            ("impacts", impacts),
            ("residual", residual),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v.clone())))
        .collect();
        let mut spec: planix::risk::AssessmentSpec = from_kwargs(py, &f, None, "assessment")?;
        if let Some((o, m, p)) = delay {
            let dist =
                planix::Distribution::choose(distribution, lam).map_err(BindingError::from)?;
            let d = planix::Duration::minutes;
            spec.delay = Some(planix::Estimate::new(d(o.0), d(m.0), d(p.0), dist));
        }
        Ok(self
            .inner
            .assess_spec(id, &spec)
            .map_err(BindingError::from)?)
    }

    /// Add a response: strategy ("avoid", "mitigate", "transfer", "accept", "escalate",
    /// "exploit", "enhance", "share") and actions as dicts {"description", "owner",
    /// "due", "cost", "status" ("open", "in_progress", "done"), "task"}.
    #[pyo3(signature = (id, strategy, actions = None))]
    fn respond(
        &mut self,
        id: &str,
        strategy: &Bound<'_, PyAny>,
        actions: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let strategy: Strategy = from_py(strategy, "strategy")?;
        let actions: Vec<Action> = match actions {
            Some(a) => from_py(a, "actions")?,
            None => vec![],
        };
        Ok(self
            .inner
            .add_response(id, Response { strategy, actions })
            .map_err(BindingError::from)?)
    }

    /// Set a risk's status on `date` ("identified", "analysed", "response_planned",
    /// "monitored", "occurred", "closed").
    fn set_status(&mut self, id: &str, status: &str, date: NaiveDate) -> PyResult<()> {
        let s = named("status", status, RiskStatus::from_name, RiskStatus::NAMES)?;
        Ok(self
            .inner
            .set_status(id, s, date)
            .map_err(BindingError::from)?)
    }

    /// Ids of every risk, in register order.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.inner.risks().iter().map(|r| r.id.clone()).collect()
    }

    /// One risk as a dict (its record, history and responses), or None.
    fn get<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.get(id).map(|r| to_py(py, r)).transpose()
    }

    /// The matrix as a dict.
    #[getter]
    fn matrix<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.matrix())
    }

    /// Expected monetary value of a risk (negative for threats), None before assessment.
    fn emv(&self, id: &str) -> Option<f64> {
        self.inner.emv(id)
    }

    /// Total EMV of the open risks: {"threats", "opportunities", "net"}.
    fn total_emv(&self) -> BTreeMap<&'static str, f64> {
        let (t, o, n) = self.inner.total_emv();
        BTreeMap::from([("threats", t), ("opportunities", o), ("net", n)])
    }

    /// A risk's score by the matrix's scoring rule.
    fn score(&self, id: &str) -> Option<f64> {
        self.inner.score(id)
    }

    /// A risk's rating ("low", "medium", "high", "critical" on the default matrix).
    fn rating(&self, id: &str) -> Option<String> {
        self.inner.rating(id)
    }

    /// Ids of the `k` open risks with the highest score.
    #[pyo3(signature = (k = Int(10)))]
    #[pyo3(text_signature = "($self, k=10)")]
    fn top(&self, k: Int<usize>) -> Vec<String> {
        let k = k.0;
        self.inner
            .top(k)
            .into_iter()
            .map(|r| r.id.clone())
            .collect()
    }

    /// The heat map: one dict per cell {"probability", "probability_label", "impact",
    /// "impact_label", "rating", "risks"}; `residual=True` for the after-response view.
    #[pyo3(signature = (residual = false))]
    fn heatmap<'py>(&self, py: Python<'py>, residual: bool) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.heatmap(residual))
    }

    /// The heat map as a text table (bands from the highest down, rating and ids per cell).
    #[pyo3(signature = (residual = true))]
    fn heatmap_text(&self, residual: bool) -> String {
        self.inner.heatmap_text(residual)
    }

    /// Each alert on `today` as one readable line.
    fn alert_lines(&self, today: NaiveDate) -> Vec<String> {
        self.inner
            .alerts(today)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// Findings to act on, on `today`: dicts with "type" ("review_overdue",
    /// "high_without_owner", "high_without_response", "action_overdue") and "risk".
    fn alerts<'py>(&self, py: Python<'py>, today: NaiveDate) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.alerts(today))
    }

    /// Exposure at the start of every period ("day", "week", "month") from `start` to
    /// `end`: dicts {"date", "open", "threats", "opportunities", "net", "score"}.
    #[pyo3(signature = (start, end, period = "month"))]
    fn exposure<'py>(
        &self,
        py: Python<'py>,
        start: NaiveDate,
        end: NaiveDate,
        period: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let p = crate::resources::period(period)?;
        let e = self
            .inner
            .exposure(start, end, p)
            .map_err(BindingError::from)?;
        to_py(py, &e)
    }

    /// Simulate `project` with the register's open risks as risk events: P50/P80 with
    /// and without them, the risk tornado and the contingency reserve at `confidence`
    /// percent. Releases the GIL while it runs.
    /// The keywords are `ForecastOptions`' fields, with its defaults: `confidence`
    /// (80), `iterations`, `seed`, `target`, `percentiles`, `sensitivity`, ….
    #[pyo3(signature = (project, **options))]
    fn forecast(
        &self,
        py: Python<'_>,
        project: &PyProject,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyRiskForecast> {
        let o: planix::risk::ForecastOptions =
            crate::convert::from_kwargs(py, &[], options, "forecast options")?;
        let (reg, p) = (&self.inner, &project.inner);
        let f = py
            .detach(|| reg.forecast_with(p, &o))
            .map_err(BindingError::from)?;
        Ok(PyRiskForecast { inner: f })
    }

    /// The register as CSV text.
    fn to_csv(&self) -> PyResult<String> {
        Ok(self.inner.to_csv().map_err(BindingError::from)?)
    }

    /// Read a register from CSV; assessments without an `identified` date are dated `date`.
    #[staticmethod]
    fn from_csv(text: &str, date: NaiveDate) -> PyResult<Self> {
        let inner = RiskRegister::from_csv(text, date).map_err(BindingError::from)?;
        Ok(Self { inner })
    }

    /// The register as a JSON document (format "planix-risks", version 1).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Read a register written by `to_json`.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let inner = RiskRegister::from_json(text).map_err(BindingError::from)?;
        Ok(Self { inner })
    }

    /// One row per risk: id, title, kind, status, category, owner, probability, impact,
    /// score, rating, emv, delay_minutes, inherent_probability, inherent_impact,
    /// responses, tasks, next_review.
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.table())
    }

    /// The register as a pandas DataFrame indexed by risk id.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::frame(
            py,
            &planix::io::columns::Columns::from_rows(&self.inner.table(), &["id"]),
        )
    }

    fn __len__(&self) -> usize {
        self.inner.risks().len()
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.inner == other.inner
    }

    fn __repr__(&self) -> String {
        let (t, o, n) = self.inner.total_emv();
        format!(
            "RiskRegister({} risks, EMV threats {t:.0}, opportunities {o:.0}, net {n:.0})",
            self.inner.risks().len()
        )
    }
}

/// The result of `RiskRegister.forecast()`.
#[pyclass(name = "RiskForecast", module = "planix", frozen)]
pub(crate) struct PyRiskForecast {
    pub(crate) inner: RiskForecast,
}

#[pymethods]
impl PyRiskForecast {
    /// The finish reached with probability `p` percent, risk events included.
    fn percentile(&self, p: f64) -> NaiveDateTime {
        self.inner.percentile(p)
    }

    /// The same percentile without the risk events.
    fn percentile_without_risks(&self, p: f64) -> NaiveDateTime {
        self.inner.percentile_without_risks(p)
    }

    /// Risks by how far they move the finish: dicts {"id", "title", "occurred",
    /// "finish_shift" (working minutes or None), "emv"}.
    #[getter]
    fn tornado<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.tornado)
    }

    /// Contingency reserve: {"confidence", "emv", "schedule", "schedule_from_risks"
    /// (working minutes), "cost" (None without costs)}.
    #[getter]
    fn reserve<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.reserve)
    }

    /// The full simulation report.
    #[getter]
    fn simulation(&self) -> PySimulation {
        PySimulation {
            inner: self.inner.report.clone(),
        }
    }

    /// Everything as plain Python values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Everything as JSON text.
    fn to_json(&self) -> String {
        planix::io::ToJson::to_json(&self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "RiskForecast(P80 {} with risks, {} without; reserve {} working min)",
            self.inner.percentile(80.0),
            self.inner.percentile_without_risks(80.0),
            self.inner.reserve.schedule.as_minutes()
        )
    }
}
