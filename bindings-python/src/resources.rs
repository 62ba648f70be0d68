//! Resources, assignments, costs, loading and leveling on `planix.Project`, and the
//! `Leveling`, `Loading` and `Costs` result classes.

use planix::io::columns::Columns;
use planix::resources::{self, CostReport, LevelOptions, Leveled, LoadRow, Period};
use planix::{ResourceId, Schedule, TaskId};
use pyo3::prelude::*;

use crate::convert::Int;

use crate::convert::to_py;
use crate::errors::{BindingError, bad_choice};
use crate::project::PyProject;
use crate::schedule::PySchedule;

pub(crate) fn period(name: &str) -> PyResult<Period> {
    Period::from_name(name).ok_or_else(|| bad_choice("period", name, &["day", "week", "month"]))
}

impl PyProject {
    /// The given schedule, or the CPM schedule.
    fn schedule_or_cpm(&self, py: Python<'_>, s: Option<&PySchedule>) -> PyResult<Schedule> {
        match s {
            Some(s) => Ok(s.inner.clone()),
            None => {
                let p = &self.inner;
                Ok(py.detach(|| p.schedule()).map_err(BindingError::from)?)
            }
        }
    }
}

#[pymethods]
impl PyProject {
    /// Add a resource; returns its id.
    ///
    /// kind: "work" (people; units 1.0 = one full-time person), "material" or "cost".
    /// rates: list of dicts {"from": date | None, "standard", "overtime", "per_use"}
    /// (standard is per hour for work, per unit for material); or use `standard_rate`.
    /// leave: list of (first_day, last_day); availability: list of (first_day,
    /// last_day, units).
    /// The keywords are `ResourceSpec`'s fields, with its defaults.
    #[pyo3(signature = (name, **fields))]
    fn add_resource(
        &mut self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        fields: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<u32> {
        let spec: planix::ResourceSpec =
            crate::convert::from_kwargs(py, &[("name", name.clone())], fields, "resource")?;
        Ok(self
            .inner
            .add_resource_spec(spec)
            .map_err(BindingError::from)?
            .0)
    }

    /// One resource as a dict.
    fn resource<'py>(&self, py: Python<'py>, id: Int<u32>) -> PyResult<Bound<'py, PyAny>> {
        let id = id.0;
        let r = self.inner.resource(ResourceId(id)).ok_or_else(|| {
            BindingError::from(planix::ModelError::UnknownResource(ResourceId(id)))
        })?;
        to_py(py, r)
    }

    /// Every resource as a dict, in id order.
    fn resources<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.resources().map(|r| to_py(py, r)).collect()
    }

    /// Remove a resource and its assignments.
    fn remove_resource(&mut self, id: Int<u32>) -> PyResult<()> {
        let id = id.0;
        self.inner
            .remove_resource(ResourceId(id))
            .map_err(BindingError::from)?;
        Ok(())
    }

    /// Assign a resource to a task (replacing that pair's assignment). `units`: share of
    /// time for work resources (0.5 = half time), quantity for materials; `cost`: amount
    /// of a cost resource; `overtime`: overtime work in minutes.
    /// The keywords are `AssignmentSpec`'s fields (`units` default 1, `cost`, `overtime`
    /// as minutes or text such as `"4h"`).
    #[pyo3(signature = (task, resource, **fields))]
    fn assign(
        &mut self,
        py: Python<'_>,
        task: Int<u32>,
        resource: Int<u32>,
        fields: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<()> {
        let spec: planix::AssignmentSpec =
            crate::convert::from_kwargs(py, &[], fields, "assignment")?;
        Ok(self
            .inner
            .assign_spec(TaskId(task.0), ResourceId(resource.0), &spec)
            .map_err(BindingError::from)?)
    }

    /// Remove an assignment.
    fn unassign(&mut self, task: Int<u32>, resource: Int<u32>) -> PyResult<()> {
        let task = task.0;
        let resource = resource.0;
        self.inner
            .unassign(TaskId(task), ResourceId(resource))
            .map_err(BindingError::from)?;
        Ok(())
    }

    /// Every assignment as a dict.
    fn assignments<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.assignments().map(|a| to_py(py, a)).collect()
    }

    /// Set a task's leveling priority (0–1000, default 500; 1000 = do not level).
    fn set_priority(&mut self, task: Int<u32>, priority: Int<u16>) -> PyResult<()> {
        let task = task.0;
        let priority = priority.0;
        Ok(self
            .inner
            .edit_task(TaskId(task), |t| t.priority = priority)
            .map_err(BindingError::from)?)
    }

    /// Make a task effort-driven (adding resources keeps its work and shortens it).
    #[pyo3(signature = (task, effort_driven = true))]
    fn set_effort_driven(&mut self, task: Int<u32>, effort_driven: bool) -> PyResult<()> {
        let task = task.0;
        Ok(self
            .inner
            .edit_task(TaskId(task), |t| t.effort_driven = effort_driven)
            .map_err(BindingError::from)?)
    }

    /// Level the work resources; returns a `Leveling` (the project is not changed).
    ///
    /// mode: "fast" (priority rules + justification) or "optimize" (then a genetic
    /// algorithm within `max_schedules` and/or `time_limit` seconds); `within_float`:
    /// never move the project finish. Releases the GIL while it runs.
    /// The keywords are `LevelOptions`' fields, with its defaults: `mode`,
    /// `max_schedules`, `time_limit`, `seed`, `within_float`.
    #[pyo3(signature = (**options))]
    fn level(
        slf: PyRef<'_, Self>,
        py: Python<'_>,
        options: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<PyLeveling> {
        let (options, on_progress) = crate::convert::split_progress(py, options)?;
        let mut o: LevelOptions =
            crate::convert::from_kwargs(py, &[], Some(&options), "level options")?;
        let p = &slf.inner;
        let r = crate::convert::interruptible(py, on_progress, |w| {
            o.watch = Some(w);
            resources::level(p, &o)
        })?
        .map_err(BindingError::from)?;
        Ok(PyLeveling {
            inner: r,
            project: Some(slf.into()),
        })
    }

    /// Adopt a `Leveling` as the plan: store each task's leveling delay so `schedule()`
    /// gives the leveled dates, and baselines, earned value, Monte Carlo and reports
    /// follow them. Raises ModelError if the project changed since it was leveled.
    fn apply_leveling(&mut self, leveling: &PyLeveling) -> PyResult<()> {
        Ok(self
            .inner
            .apply_leveling(&leveling.inner)
            .map_err(BindingError::from)?)
    }

    /// Clear every task's leveling delay: the plan is the CPM schedule again.
    fn clear_leveling(&mut self) {
        self.inner.clear_leveling();
    }

    /// Stretches where a work resource is booked beyond its units, on `schedule`
    /// (default: the CPM schedule), as dicts.
    #[pyo3(signature = (schedule = None))]
    fn overallocations<'py>(
        &self,
        py: Python<'py>,
        schedule: Option<&PySchedule>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = self.schedule_or_cpm(py, schedule)?;
        to_py(py, &resources::overallocations(&self.inner, &s))
    }

    /// The loading table per resource and period ("day", "week", "month") on `schedule`
    /// (default: the CPM schedule).
    #[pyo3(signature = (period = "week", schedule = None))]
    fn loading(
        &self,
        py: Python<'_>,
        period: &str,
        schedule: Option<&PySchedule>,
    ) -> PyResult<PyLoading> {
        let per = self::period(period)?;
        let s = self.schedule_or_cpm(py, schedule)?;
        Ok(PyLoading {
            rows: resources::loading(&self.inner, &s, per),
        })
    }

    /// Costs per task, resource and summary, and time-phased, on `schedule` (default:
    /// the CPM schedule).
    #[pyo3(signature = (schedule = None))]
    fn costs(&self, py: Python<'_>, schedule: Option<&PySchedule>) -> PyResult<PyCosts> {
        let s = self.schedule_or_cpm(py, schedule)?;
        Ok(PyCosts {
            inner: resources::costs(&self.inner, &s),
        })
    }
}

/// The result of `Project.level()`: the leveled schedule and why each task moved.
#[pyclass(name = "Leveling", module = "planix", frozen)]
pub(crate) struct PyLeveling {
    pub(crate) inner: Leveled,
    /// The project it was computed from (for its charts); None after unpickling.
    pub(crate) project: Option<Py<PyProject>>,
}

#[pymethods]
impl PyLeveling {
    /// The leveled schedule.
    #[getter]
    fn schedule(&self, py: Python<'_>) -> PySchedule {
        PySchedule {
            project: self.project.as_ref().map(|p| p.clone_ref(py)),
            inner: self.inner.schedule.clone(),
        }
    }

    /// Every delayed task: {"task", "name", "delay", "shift" (working minutes),
    /// "resource", "resource_name", "holders" (how many tasks held it), "blocked_by" (the
    /// few whose finish released it; `holders(task)` lists them all), "leveling_delay"}.
    #[getter]
    fn delays<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.delays)
    }

    /// The delays as a pandas DataFrame indexed by task (see `delays`); needs pandas.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::frame(py, &Columns::from_rows(&self.inner.delays, &["task"]))
    }

    /// The delays as a dict of NumPy arrays (see `delays`); needs numpy.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::convert::columns(
            py,
            &Columns::from_rows(&self.inner.delays, &["task"]),
            false,
        )
    }

    /// The delay record of one task, or None.
    fn delay<'py>(&self, py: Python<'py>, task: Int<u32>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let task = task.0;
        self.inner
            .delay(TaskId(task))
            .map(|d| to_py(py, d))
            .transpose()
    }

    /// Over-allocations of the CPM schedule.
    #[getter]
    fn before<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.before)
    }

    /// Over-allocations left after leveling.
    #[getter]
    fn remaining<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.remaining)
    }

    /// Schedules the search generated.
    #[getter]
    fn schedules(&self) -> u64 {
        self.inner.schedules
    }

    /// The whole result as JSON.
    fn to_json(&self) -> String {
        planix::io::ToJson::to_json(&self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Leveling(finish='{}', delayed={}, before={}, remaining={})",
            self.inner.schedule.finish(),
            self.inner.delays.len(),
            self.inner.before.len(),
            self.inner.remaining.len()
        )
    }
}

/// The loading table: demand, availability and utilisation per resource and period.
#[pyclass(name = "Loading", module = "planix", frozen)]
pub(crate) struct PyLoading {
    pub(crate) rows: Vec<LoadRow>,
}

#[pymethods]
impl PyLoading {
    /// The rows as dicts {"resource", "name", "period", "demand_hours",
    /// "available_hours", "utilisation", "overallocated"}.
    #[getter]
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.rows)
    }

    /// A pandas DataFrame indexed by (name, period).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::frame(py, &Columns::from_rows(&self.rows, &["name", "period"]))
    }

    /// The rows as a dict of NumPy arrays (see `rows`); needs numpy.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::convert::columns(
            py,
            &Columns::from_rows(&self.rows, &["name", "period"]),
            false,
        )
    }

    fn __len__(&self) -> usize {
        self.rows.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Loading(rows={}, overallocated={})",
            self.rows.len(),
            self.rows.iter().filter(|r| r.overallocated).count()
        )
    }
}

/// Costs of a scheduled project.
#[pyclass(name = "Costs", module = "planix", frozen)]
pub(crate) struct PyCosts {
    pub(crate) inner: CostReport,
}

#[pymethods]
impl PyCosts {
    /// Project total.
    #[getter]
    fn total(&self) -> f64 {
        self.inner.total
    }

    /// Per task (summaries roll up): {"task", "name", "fixed", "resources", "total", "work_hours"}.
    #[getter]
    fn tasks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.tasks)
    }

    /// Per resource: {"resource", "name", "cost", "amount"}.
    #[getter]
    fn resources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.resources)
    }

    /// The total of one task (its subtree for a summary).
    fn task(&self, task: Int<u32>) -> PyResult<f64> {
        let task = task.0;
        self.inner
            .task(TaskId(task))
            .map(|t| t.total)
            .ok_or_else(|| BindingError::from(planix::ModelError::UnknownTask(TaskId(task))).into())
    }

    /// Cost per period with the running total (the planned value curve):
    /// [{"period", "cost", "cumulative"}].
    #[pyo3(signature = (period = "week"))]
    fn timephased<'py>(&self, py: Python<'py>, period: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.timephased(self::period(period)?))
    }

    /// The time-phased costs as a pandas DataFrame indexed by period.
    #[pyo3(signature = (period = "week"))]
    fn to_pandas<'py>(&self, py: Python<'py>, period: &str) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.inner.timephased(self::period(period)?);
        crate::convert::frame(py, &Columns::from_rows(&rows, &["period"]))
    }

    /// The per-task costs (as `tasks`) as a dict of NumPy arrays; needs numpy.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::convert::columns(py, &Columns::from_rows(&self.inner.tasks, &["task"]), false)
    }

    /// The whole report as JSON.
    fn to_json(&self) -> String {
        planix::io::ToJson::to_json(&self.inner)
    }

    fn __repr__(&self) -> String {
        format!("Costs(total={:.2})", self.inner.total)
    }
}
