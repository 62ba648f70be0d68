//! `planix.Simulation` and `planix.Pert`: Monte Carlo and analytic PERT results.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use planix::io::columns::Columns;
use planix::simulate::{Pert, SimulationReport};
use pyo3::prelude::*;

use crate::convert::to_py;
use crate::errors::BindingError;

/// The result of `Project.simulate()`: finish percentiles, probabilities, criticality,
/// sensitivity, histogram, milestones, cost and risk statistics.
#[pyclass(name = "Simulation", module = "planix", frozen)]
pub(crate) struct PySimulation {
    pub(crate) inner: SimulationReport,
}

#[pymethods]
impl PySimulation {
    /// Iterations run.
    #[getter]
    fn iterations(&self) -> usize {
        self.inner.iterations
    }

    /// The seed used.
    #[getter]
    fn seed(&self) -> u64 {
        self.inner.seed
    }

    /// Finish of the deterministic CPM schedule.
    #[getter]
    fn planned_finish(&self) -> NaiveDateTime {
        self.inner.planned_finish
    }

    /// Mean simulated finish.
    #[getter]
    fn mean(&self) -> NaiveDateTime {
        self.inner.finish.mean
    }

    /// Standard deviation of the finish in working minutes.
    #[getter]
    fn std_dev(&self) -> i64 {
        self.inner.finish.std_dev.as_minutes()
    }

    /// Probability of finishing by the `target` given to `simulate`, if any.
    #[getter]
    fn target_probability(&self) -> Option<f64> {
        self.inner.target_probability
    }

    /// The date by which `p` percent of iterations finished (nearest rank).
    fn percentile(&self, p: f64) -> NaiveDateTime {
        self.inner.percentile(p)
    }

    /// Share of iterations finishing at or before `date`.
    fn probability_by(&self, date: NaiveDateTime) -> f64 {
        self.inner.probability_by(date)
    }

    /// Same as `percentile` for the run without risk events (None without events).
    fn percentile_without_risks(&self, p: f64) -> Option<NaiveDateTime> {
        self.inner
            .finish_without_risks
            .as_ref()
            .map(|d| d.percentile(p))
    }

    /// Same as `percentile` without resource limits (None unless the run was
    /// resource-constrained).
    fn percentile_without_resource_limits(&self, p: f64) -> Option<NaiveDateTime> {
        self.inner.percentile_without_resource_limits(p)
    }

    /// Criticality index per task id (share of iterations on the critical path).
    #[getter]
    fn criticality(&self) -> BTreeMap<u32, f64> {
        self.inner
            .tasks
            .iter()
            .map(|t| (t.task.0, t.criticality))
            .collect()
    }

    /// Spearman rank correlation of each task's duration with the finish, per task id.
    #[getter]
    fn sensitivity(&self) -> BTreeMap<u32, f64> {
        self.inner
            .tasks
            .iter()
            .filter_map(|t| t.sensitivity.map(|s| (t.task.0, s)))
            .collect()
    }

    /// Histogram of the finish: list of dicts with start, end, count, cumulative.
    #[getter]
    fn histogram<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.finish.histogram)
    }

    /// Cost percentile (None when no task or risk carries a cost).
    fn cost_percentile(&self, p: f64) -> Option<f64> {
        self.inner.cost.as_ref().map(|c| c.percentile(p))
    }

    /// Every simulated finish, sorted.
    fn samples(&self) -> Vec<NaiveDateTime> {
        self.inner.finish.samples().collect()
    }

    /// The whole report as plain Python data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Per-task statistics as a pandas DataFrame indexed by task id: name, kind,
    /// mean_duration and std_dev_duration (working minutes), criticality, sensitivity.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::frame(py, &Columns::from_rows(&self.inner.tasks, &["task"]))
    }

    /// The per-task statistics as a dict of NumPy arrays (see `to_pandas`); needs numpy.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::convert::columns(py, &Columns::from_rows(&self.inner.tasks, &["task"]), false)
    }

    /// The report as JSON (deterministic bytes for a given seed).
    fn to_json(&self) -> String {
        planix::io::ToJson::to_json(&self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Simulation(iterations={}, P50={}, P80={}, P95={})",
            self.inner.iterations,
            self.inner.percentile(50.0),
            self.inner.percentile(80.0),
            self.inner.percentile(95.0)
        )
    }
}

/// The result of `Project.pert()`: classic PERT numbers with normal-approximation probabilities.
#[pyclass(name = "Pert", module = "planix", frozen)]
pub(crate) struct PyPert {
    pub(crate) inner: Pert,
    /// The project it was computed from (for its network diagram); None after unpickling.
    pub(crate) project: Option<Py<crate::project::PyProject>>,
}

#[pymethods]
impl PyPert {
    /// CPM finish with expected durations.
    #[getter]
    fn expected_finish(&self) -> NaiveDateTime {
        self.inner.expected_finish
    }

    /// Mean of the critical path in working minutes.
    #[getter]
    fn path_mean(&self) -> f64 {
        self.inner.path_mean
    }

    /// Standard deviation of the critical path in working minutes.
    #[getter]
    fn std_dev(&self) -> f64 {
        self.inner.std_dev
    }

    /// The critical path's task ids.
    #[getter]
    fn critical_path(&self) -> Vec<u32> {
        self.inner.critical_path.iter().map(|t| t.0).collect()
    }

    /// Probability of finishing by `date`.
    fn probability_by(&self, date: NaiveDateTime) -> PyResult<f64> {
        Ok(self
            .inner
            .probability_by(date)
            .map_err(BindingError::from)?)
    }

    /// The date reached with probability `p` in (0, 1).
    fn date_at(&self, p: f64) -> PyResult<NaiveDateTime> {
        Ok(self.inner.date_at(p).map_err(BindingError::from)?)
    }

    /// Everything as plain Python data.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Everything as JSON (the same bytes in Rust, Python and JS).
    fn to_json(&self) -> String {
        planix::io::ToJson::to_json(&self.inner)
    }
}
