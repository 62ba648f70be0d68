//! `planix.Project`: the editable model.

use chrono::NaiveDateTime;
use planix::{CalendarId, Dependency, Duration, Project, ScheduleFrom, Task, TaskId};
use pyo3::prelude::*;

use crate::convert::Int;
use pyo3::types::PyType;

use crate::convert::{constraint, link_kind, to_py};
use crate::errors::BindingError;
use crate::schedule::PySchedule;

/// An editable project: tasks in a WBS tree, links, constraints and calendars.
#[pyclass(name = "Project", module = "planix")]
#[derive(Clone)]
pub(crate) struct PyProject {
    pub(crate) inner: Project,
}

#[pymethods]
impl PyProject {
    #[new]
    #[pyo3(signature = (name, start, finish = None))]
    fn new(name: String, start: NaiveDateTime, finish: Option<NaiveDateTime>) -> Self {
        let mut inner = Project::new(name, start);
        if let Some(f) = finish {
            inner.set_schedule_from(ScheduleFrom::Finish(f));
        }
        PyProject { inner }
    }

    /// Load native planix JSON.
    #[classmethod]
    fn from_json(cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {
        // The GIL is released while a large file parses, so other threads run and
        // Ctrl-C is seen as soon as the load returns.
        let inner = cls.py().detach(|| planix::io::from_json(text));
        Ok(PyProject {
            inner: inner.map_err(BindingError::from)?,
        })
    }

    /// Native planix JSON text.
    fn to_json(&self) -> String {
        planix::io::to_json(&self.inner)
    }

    /// The project as a plain dict (the JSON document).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Build from a dict shaped like the JSON document.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner: Project = pythonize::depythonize(d)
            .map_err(|e| crate::errors::IoError::new_err(e.to_string()))?;
        Ok(PyProject { inner })
    }

    fn __getstate__(&self) -> String {
        planix::io::to_json(&self.inner)
    }

    fn __setstate__(&mut self, state: &str) -> PyResult<()> {
        self.inner = planix::io::from_json(state).map_err(BindingError::from)?;
        Ok(())
    }

    fn __getnewargs__(&self) -> (String, NaiveDateTime) {
        (
            self.inner.name().to_string(),
            chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
                .unwrap_or_default()
                .and_time(chrono::NaiveTime::MIN),
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "Project(name='{}', tasks={})",
            self.inner.name().replace('\\', "\\\\").replace('\'', "\\'"),
            self.inner.task_count()
        )
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.inner == other.inner
    }

    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_string()
    }

    #[getter]
    fn revision(&self) -> u64 {
        self.inner.revision()
    }

    fn __len__(&self) -> usize {
        self.inner.task_count()
    }

    /// Add a task; durations are working minutes. Returns the new task id.
    #[pyo3(signature = (name, duration = Int(0), parent = None, milestone = false, calendar = None, constraint = "asap", constraint_date = None, deadline = None, notes = String::new()))]
    #[pyo3(
        text_signature = "($self, name, duration=0, parent=None, milestone=False, calendar=None, constraint=\"asap\", constraint_date=None, deadline=None, notes=...)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn add_task(
        &mut self,
        name: String,
        duration: Int<i64>,
        parent: Option<Int<u32>>,
        milestone: bool,
        calendar: Option<Int<u32>>,
        constraint: &str,
        constraint_date: Option<NaiveDateTime>,
        deadline: Option<NaiveDateTime>,
        notes: String,
    ) -> PyResult<u32> {
        let duration = duration.0;
        let parent = parent.map(|v| v.0);
        let calendar = calendar.map(|v| v.0);
        let mut task = Task::new(name).with_duration(Duration::minutes(duration));
        task.parent = parent.map(TaskId);
        task.milestone = milestone;
        task.calendar = calendar.map(CalendarId);
        task.constraint = crate::convert::constraint(constraint, constraint_date)?;
        task.deadline = deadline;
        task.notes = notes;
        Ok(self.inner.add_task(task).map_err(BindingError::from)?.0)
    }

    /// Link two tasks: kind is "fs", "ss", "ff" or "sf"; lag in minutes (or percent) of lag_kind.
    #[pyo3(signature = (predecessor, successor, kind = "fs", lag = Int(0), lag_kind = "working"))]
    #[pyo3(
        text_signature = "($self, predecessor, successor, kind=\"fs\", lag=0, lag_kind=\"working\")"
    )]
    fn add_dependency(
        &mut self,
        predecessor: Int<u32>,
        successor: Int<u32>,
        kind: &str,
        lag: Int<i64>,
        lag_kind: &str,
    ) -> PyResult<()> {
        let predecessor = predecessor.0;
        let successor = successor.0;
        let lag = lag.0;
        let d = Dependency::new(TaskId(predecessor), TaskId(successor))
            .with_kind(link_kind(kind)?)
            .with_lag(crate::convert::lag(lag, lag_kind)?);
        Ok(self.inner.add_dependency(d).map_err(BindingError::from)?)
    }

    /// Finish-to-start link with no lag.
    fn link(&mut self, predecessor: Int<u32>, successor: Int<u32>) -> PyResult<()> {
        let predecessor = predecessor.0;
        let successor = successor.0;
        Ok(self
            .inner
            .link(TaskId(predecessor), TaskId(successor))
            .map_err(BindingError::from)?)
    }

    /// Remove a link.
    fn remove_dependency(&mut self, predecessor: Int<u32>, successor: Int<u32>) -> PyResult<()> {
        let predecessor = predecessor.0;
        let successor = successor.0;
        self.inner
            .remove_dependency(TaskId(predecessor), TaskId(successor))
            .map_err(BindingError::from)?;
        Ok(())
    }

    /// Remove a task and its subtree; returns the removed ids.
    fn remove_task(&mut self, id: Int<u32>) -> PyResult<Vec<u32>> {
        let id = id.0;
        Ok(self
            .inner
            .remove_task(TaskId(id))
            .map_err(BindingError::from)?
            .into_iter()
            .map(|t| t.0)
            .collect())
    }

    /// Set a task's constraint ("asap", "alap", "snet", "snlt", "fnet", "fnlt", "mso", "mfo").
    #[pyo3(signature = (task, kind, date = None))]
    fn set_constraint(
        &mut self,
        task: Int<u32>,
        kind: &str,
        date: Option<NaiveDateTime>,
    ) -> PyResult<()> {
        let task = task.0;
        let c = constraint(kind, date)?;
        Ok(self
            .inner
            .set_constraint(TaskId(task), c)
            .map_err(BindingError::from)?)
    }

    /// Set or clear a task's deadline.
    #[pyo3(signature = (task, deadline = None))]
    fn set_deadline(&mut self, task: Int<u32>, deadline: Option<NaiveDateTime>) -> PyResult<()> {
        let task = task.0;
        Ok(self
            .inner
            .edit_task(TaskId(task), |t| t.deadline = deadline)
            .map_err(BindingError::from)?)
    }

    /// Set a task's duration in working minutes.
    fn set_duration(&mut self, task: Int<u32>, minutes: Int<i64>) -> PyResult<()> {
        let task = task.0;
        let minutes = minutes.0;
        Ok(self
            .inner
            .edit_task(TaskId(task), |t| t.duration = Duration::minutes(minutes))
            .map_err(BindingError::from)?)
    }

    /// One task as a dict.
    fn task<'py>(&self, py: Python<'py>, id: Int<u32>) -> PyResult<Bound<'py, PyAny>> {
        let id = id.0;
        let t = self
            .inner
            .task(TaskId(id))
            .ok_or_else(|| BindingError::from(planix::ModelError::UnknownTask(TaskId(id))))?;
        to_py(py, t)
    }

    /// Every task as a dict, in id order.
    fn tasks<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.tasks().map(|t| to_py(py, t)).collect()
    }

    /// The outline number ("2.3") of a task.
    fn outline_number(&self, id: Int<u32>) -> PyResult<String> {
        let id = id.0;
        self.inner
            .outline_number(TaskId(id))
            .ok_or_else(|| BindingError::from(planix::ModelError::UnknownTask(TaskId(id))).into())
    }

    /// Add a calendar given as a dict in the JSON shape; returns its id.
    fn add_calendar(&mut self, calendar: &Bound<'_, PyAny>) -> PyResult<u32> {
        let cal: planix::Calendar = pythonize::depythonize(calendar)
            .map_err(|e| crate::errors::CalendarError::new_err(e.to_string()))?;
        Ok(self.inner.add_calendar(cal).map_err(BindingError::from)?.0)
    }

    /// A calendar as a dict.
    fn calendar<'py>(&self, py: Python<'py>, id: Int<u32>) -> PyResult<Bound<'py, PyAny>> {
        let id = id.0;
        let c = self.inner.calendar(CalendarId(id)).ok_or_else(|| {
            BindingError::from(planix::ModelError::UnknownCalendar(CalendarId(id)))
        })?;
        to_py(py, c)
    }

    /// Replace a calendar with a dict in the JSON shape.
    fn replace_calendar(&mut self, id: Int<u32>, calendar: &Bound<'_, PyAny>) -> PyResult<()> {
        let id = id.0;
        let cal: planix::Calendar = pythonize::depythonize(calendar)
            .map_err(|e| crate::errors::CalendarError::new_err(e.to_string()))?;
        Ok(self
            .inner
            .replace_calendar(CalendarId(id), cal)
            .map_err(BindingError::from)?)
    }

    /// Make a calendar the project calendar.
    fn set_project_calendar(&mut self, id: Int<u32>) -> PyResult<()> {
        let id = id.0;
        Ok(self
            .inner
            .set_project_calendar(CalendarId(id))
            .map_err(BindingError::from)?)
    }

    /// Schedule with the critical path method.
    fn schedule(&self, py: Python<'_>) -> PyResult<PySchedule> {
        let p = &self.inner;
        let s = py.detach(|| p.schedule()).map_err(BindingError::from)?;
        Ok(PySchedule { inner: s })
    }

    /// Give a task a three-point estimate in working minutes; distribution is "beta_pert"
    /// (shape `lam`, default 4), "triangular", "uniform", "normal", "lognormal" or "fixed".
    #[pyo3(signature = (task, optimistic, most_likely, pessimistic, distribution = "beta_pert", lam = 4.0))]
    fn set_estimate(
        &mut self,
        task: Int<u32>,
        optimistic: Int<i64>,
        most_likely: Int<i64>,
        pessimistic: Int<i64>,
        distribution: &str,
        lam: f64,
    ) -> PyResult<()> {
        let task = task.0;
        let optimistic = optimistic.0;
        let most_likely = most_likely.0;
        let pessimistic = pessimistic.0;
        let dist = crate::convert::distribution(distribution, lam)?;
        let e = planix::Estimate::new(
            Duration::minutes(optimistic),
            Duration::minutes(most_likely),
            Duration::minutes(pessimistic),
            dist,
        );
        Ok(self
            .inner
            .edit_task(TaskId(task), |t| t.estimate = Some(e))
            .map_err(BindingError::from)?)
    }

    /// Set a task's fixed cost and its cost per working hour.
    #[pyo3(signature = (task, fixed_cost = 0.0, cost_rate = 0.0))]
    fn set_cost(&mut self, task: Int<u32>, fixed_cost: f64, cost_rate: f64) -> PyResult<()> {
        let task = task.0;
        Ok(self
            .inner
            .edit_task(TaskId(task), |t| {
                t.fixed_cost = fixed_cost;
                t.cost_rate = cost_rate;
            })
            .map_err(BindingError::from)?)
    }

    /// Monte Carlo simulation of the finish date and cost (releases the GIL while it runs).
    ///
    /// `risks`: list of dicts {"id", "probability", "tasks", "delay": {"optimistic",
    /// "most_likely", "pessimistic", "distribution": {"type": "beta_pert"}}, "cost": {...}};
    /// `correlations`: list of dicts {"tasks": [...], "rho": 0.5}.
    #[pyo3(signature = (iterations = Int(10_000), seed = Int(0), target = None, percentiles = None, risks = None, correlations = None, sensitivity = true, histogram_bins = Int(40)))]
    #[pyo3(
        text_signature = "($self, iterations=10000, seed=0, target=None, percentiles=None, risks=None, correlations=None, sensitivity=True, histogram_bins=40)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn simulate(
        &self,
        py: Python<'_>,
        iterations: Int<usize>,
        seed: Int<u64>,
        target: Option<NaiveDateTime>,
        percentiles: Option<Vec<f64>>,
        risks: Option<&Bound<'_, PyAny>>,
        correlations: Option<&Bound<'_, PyAny>>,
        sensitivity: bool,
        histogram_bins: Int<usize>,
    ) -> PyResult<crate::simulation::PySimulation> {
        let iterations = iterations.0;
        let seed = seed.0;
        let histogram_bins = histogram_bins.0;
        let mut o = planix::simulate::SimulationOptions::new(iterations, seed);
        o.target = target;
        if let Some(p) = percentiles {
            o.percentiles = p;
        }
        if let Some(r) = risks {
            o.risks = pythonize::depythonize(r).map_err(|e| {
                crate::errors::SimulationError::new_err(format!("invalid risks: {e}"))
            })?;
        }
        if let Some(c) = correlations {
            o.correlations = pythonize::depythonize(c).map_err(|e| {
                crate::errors::SimulationError::new_err(format!("invalid correlations: {e}"))
            })?;
        }
        o.sensitivity = sensitivity;
        o.histogram_bins = histogram_bins;
        let p = &self.inner;
        let r = crate::convert::interruptible(py, |w| {
            o.watch = Some(w);
            planix::simulate::simulate(p, &o)
        })?
        .map_err(BindingError::from)?;
        Ok(crate::simulation::PySimulation { inner: r })
    }

    /// Classic PERT analysis; moments is "classic" ((o+4m+p)/6, (p-o)/6) or "exact".
    #[pyo3(signature = (moments = "classic"))]
    fn pert(&self, py: Python<'_>, moments: &str) -> PyResult<crate::simulation::PyPert> {
        let m = match moments {
            "classic" => planix::simulate::PertMoments::Classic,
            "exact" => planix::simulate::PertMoments::Exact,
            other => {
                return Err(crate::errors::bad_choice(
                    "moments",
                    other,
                    &["classic", "exact"],
                ));
            }
        };
        let p = &self.inner;
        let r = py
            .detach(|| planix::simulate::pert(p, m))
            .map_err(BindingError::from)?;
        Ok(crate::simulation::PyPert { inner: r })
    }
}
