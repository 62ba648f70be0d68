//! `planix.RiskRegister` and `planix.RiskForecast`: the register, matrix, scoring, EMV,
//! alerts, exposure, CSV/JSON, and the risk-adjusted Monte Carlo forecast.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use planix::risk::{
    Action, ActionStatus, Assessment, Dimension, Response, Risk, RiskForecast, RiskKind,
    RiskMatrix, RiskRegister, RiskStatus, Strategy,
};
use planix::{Duration, Estimate, TaskId};
use pyo3::prelude::*;

use crate::convert::Int;
use pyo3::types::PyDict;

use crate::convert::{named, to_py};
use crate::errors::BindingError;
use crate::project::PyProject;
use crate::simulation::PySimulation;

/// One response action as a Python dict.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct PyAction {
    description: String,
    #[pyo3(default)]
    owner: String,
    #[pyo3(default)]
    due: Option<NaiveDate>,
    #[pyo3(default)]
    cost: f64,
    #[pyo3(default = String::from("open"))]
    status: String,
    #[pyo3(default)]
    task: Option<u32>,
}

const ACTION_KEYS: [&str; 6] = ["description", "owner", "due", "cost", "status", "task"];

fn action(d: &Bound<'_, PyDict>) -> PyResult<Action> {
    crate::convert::known_keys(d, &ACTION_KEYS, "action")?;
    let a: PyAction = d.extract()?;
    Ok(Action {
        description: a.description,
        owner: a.owner,
        due: a.due,
        cost: a.cost,
        status: named(
            "action status",
            &a.status,
            ActionStatus::from_name,
            ActionStatus::NAMES,
        )?,
        task: a.task.map(TaskId),
    })
}

/// A risk register on a probability × impact matrix (default 5×5).
#[pyclass(name = "RiskRegister", module = "planix")]
#[derive(Clone)]
pub(crate) struct PyRiskRegister {
    pub(crate) inner: RiskRegister,
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

    /// Add a risk; returns its id. kind: "threat" or "opportunity". Dates are
    /// `datetime.date`; `tasks` are task ids of the project.
    #[pyo3(signature = (id, title, kind = "threat", *, owner = String::new(), category = String::new(), description = String::new(), cause = String::new(), event = String::new(), effect = String::new(), tasks = vec![], deliverables = vec![], triggers = vec![], identified = None, proximity = None, next_review = None, contingency_minutes = Int(0), contingency_cost = 0.0))]
    #[pyo3(
        text_signature = "($self, id, title, kind=\"threat\", *, owner=..., category=..., description=..., cause=..., event=..., effect=..., tasks=..., deliverables=..., triggers=..., identified=None, proximity=None, next_review=None, contingency_minutes=0, contingency_cost=0.0)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        id: String,
        title: String,
        kind: &str,
        owner: String,
        category: String,
        description: String,
        cause: String,
        event: String,
        effect: String,
        tasks: Vec<u32>,
        deliverables: Vec<String>,
        triggers: Vec<String>,
        identified: Option<NaiveDate>,
        proximity: Option<NaiveDate>,
        next_review: Option<NaiveDate>,
        contingency_minutes: Int<i64>,
        contingency_cost: f64,
    ) -> PyResult<String> {
        let contingency_minutes = contingency_minutes.0;
        let kind = named("risk kind", kind, RiskKind::from_name, RiskKind::NAMES)?;
        let mut r = Risk::new(id, title, kind).with_tasks(tasks.into_iter().map(TaskId).collect());
        r.owner = owner;
        r.category = category;
        r.description = description;
        r.cause = cause;
        r.event = event;
        r.effect = effect;
        r.deliverables = deliverables;
        r.triggers = triggers;
        r.identified = identified;
        r.proximity = proximity;
        r.next_review = next_review;
        r.contingency.time = Duration::minutes(contingency_minutes);
        r.contingency.cost = contingency_cost;
        Ok(self.inner.add(r).map_err(BindingError::from)?)
    }

    /// Record a dated assessment (inherent, or residual with `residual=True`).
    /// `impacts` scores dimensions ("schedule", "cost", "scope_quality", "reputation");
    /// without `impact` the overall impact is the worst dimension. `delay` is a
    /// three-point estimate in working minutes (optimistic, most likely, pessimistic).
    #[pyo3(signature = (id, probability, impact = None, *, date, cost = 0.0, delay = None, distribution = "beta_pert", lam = 4.0, impacts = None, residual = false))]
    #[allow(clippy::too_many_arguments)]
    fn assess(
        &mut self,
        id: &str,
        probability: f64,
        impact: Option<Int<u8>>,
        date: NaiveDate,
        cost: f64,
        delay: Option<(i64, i64, i64)>,
        distribution: &str,
        lam: f64,
        impacts: Option<BTreeMap<String, u8>>,
        residual: bool,
    ) -> PyResult<()> {
        let impact = impact.map(|v| v.0);
        let dims = impacts
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| {
                Ok((
                    named("dimension", &k, Dimension::from_name, Dimension::NAMES)?,
                    v,
                ))
            })
            .collect::<PyResult<Vec<_>>>()?;
        let mut a = Assessment::by_dimension(probability, &dims).with_cost(cost);
        if let Some(i) = impact {
            a.impact = i;
        }
        if let Some((o, m, p)) = delay {
            let d = crate::convert::distribution(distribution, lam)?;
            a = a.with_delay(Estimate::new(
                Duration::minutes(o),
                Duration::minutes(m),
                Duration::minutes(p),
                d,
            ));
        }
        let r = if residual {
            self.inner.assess_residual(id, a, date)
        } else {
            self.inner.assess(id, a, date)
        };
        Ok(r.map_err(BindingError::from)?)
    }

    /// Add a response: strategy ("avoid", "mitigate", "transfer", "accept", "escalate",
    /// "exploit", "enhance", "share") and actions as dicts {"description", "owner",
    /// "due", "cost", "status" ("open", "in_progress", "done"), "task"}.
    #[pyo3(signature = (id, strategy, actions = None))]
    fn respond(
        &mut self,
        id: &str,
        strategy: &str,
        actions: Option<Vec<Bound<'_, PyDict>>>,
    ) -> PyResult<()> {
        let strategy = named("strategy", strategy, Strategy::from_name, Strategy::NAMES)?;
        let actions = actions
            .unwrap_or_default()
            .iter()
            .map(action)
            .collect::<PyResult<Vec<_>>>()?;
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
        crate::convert::frame(py, self.rows(py)?, &["id"])
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
