//! Resources, assignments, costs, loading and leveling on `planix.Project`, and the
//! `Leveling`, `Loading` and `Costs` result classes.

use chrono::NaiveDate;
use planix::resources::{self, CostReport, LevelMode, LevelOptions, Leveled, LoadRow, Period};
use planix::{
    Assignment, CalendarId, CostRate, Duration, Resource, ResourceId, ResourceKind, Schedule,
    TaskId,
};
use pyo3::prelude::*;

use crate::convert::Int;

use crate::convert::{pandas, to_py};
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
    #[pyo3(signature = (name, kind = "work", max_units = 1.0, standard_rate = 0.0, overtime_rate = 0.0, cost_per_use = 0.0, material_label = String::new(), calendar = None, rates = None, leave = None, availability = None))]
    #[allow(clippy::too_many_arguments)]
    fn add_resource(
        &mut self,
        name: String,
        kind: &str,
        max_units: f64,
        standard_rate: f64,
        overtime_rate: f64,
        cost_per_use: f64,
        material_label: String,
        calendar: Option<Int<u32>>,
        rates: Option<&Bound<'_, PyAny>>,
        leave: Option<Vec<(NaiveDate, NaiveDate)>>,
        availability: Option<Vec<(NaiveDate, NaiveDate, f64)>>,
    ) -> PyResult<u32> {
        let calendar = calendar.map(|v| v.0);
        let kind = ResourceKind::from_name(kind)
            .ok_or_else(|| bad_choice("resource kind", kind, &ResourceKind::NAMES))?;
        let mut r = Resource::of_kind(name, kind);
        r.max_units = max_units;
        r.material_label = material_label;
        r.calendar = calendar.map(CalendarId);
        match rates {
            Some(rates) => {
                r.rates = pythonize::depythonize(rates).map_err(|e| {
                    crate::errors::ModelError::new_err(format!("invalid rates: {e}"))
                })?;
                r.rates.sort_by_key(|x| x.from);
            }
            None if standard_rate != 0.0 || overtime_rate != 0.0 || cost_per_use != 0.0 => {
                r.rates.push(CostRate {
                    from: None,
                    standard: standard_rate,
                    overtime: overtime_rate,
                    per_use: cost_per_use,
                });
            }
            None => {}
        }
        for (from, until) in leave.unwrap_or_default() {
            r = r.with_leave(from, until);
        }
        for (from, until, units) in availability.unwrap_or_default() {
            r = r.with_availability(from, until, units);
        }
        Ok(self.inner.add_resource(r).map_err(BindingError::from)?.0)
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
    #[pyo3(signature = (task, resource, units = 1.0, cost = 0.0, overtime = Int(0)))]
    #[pyo3(text_signature = "($self, task, resource, units=1.0, cost=0.0, overtime=0)")]
    fn assign(
        &mut self,
        task: Int<u32>,
        resource: Int<u32>,
        units: f64,
        cost: f64,
        overtime: Int<i64>,
    ) -> PyResult<()> {
        let task = task.0;
        let resource = resource.0;
        let overtime = overtime.0;
        let a = Assignment {
            task: TaskId(task),
            resource: ResourceId(resource),
            units,
            cost,
            overtime: Duration::minutes(overtime),
        };
        Ok(self.inner.assign(a).map_err(BindingError::from)?)
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
    #[pyo3(signature = (mode = "fast", max_schedules = Int(50_000), time_limit = None, seed = Int(1), within_float = false))]
    #[pyo3(
        text_signature = "($self, mode=\"fast\", max_schedules=50000, time_limit=None, seed=1, within_float=False)"
    )]
    fn level(
        &self,
        py: Python<'_>,
        mode: &str,
        max_schedules: Int<u64>,
        time_limit: Option<f64>,
        seed: Int<u64>,
        within_float: bool,
    ) -> PyResult<PyLeveling> {
        let max_schedules = max_schedules.0;
        let seed = seed.0;
        let mode = LevelMode::from_name(mode)
            .ok_or_else(|| bad_choice("mode", mode, &LevelMode::NAMES))?;
        let mut o = LevelOptions {
            mode,
            max_schedules,
            time_limit,
            seed,
            within_float,
            watch: None,
        };
        let p = &self.inner;
        let r = crate::convert::interruptible(py, |w| {
            o.watch = Some(w);
            resources::level(p, &o)
        })?
        .map_err(BindingError::from)?;
        Ok(PyLeveling { inner: r })
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
    inner: Leveled,
}

#[pymethods]
impl PyLeveling {
    /// The leveled schedule.
    #[getter]
    fn schedule(&self) -> PySchedule {
        PySchedule {
            inner: self.inner.schedule.clone(),
        }
    }

    /// Every delayed task: {"task", "name", "delay", "shift" (working minutes),
    /// "resource", "resource_name", "blocked_by"}.
    #[getter]
    fn delays<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.delays)
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
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| crate::errors::argument_error(e.to_string()))
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
    rows: Vec<LoadRow>,
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
        let pd = pandas(py)?;
        let df = pd.getattr("DataFrame")?.call1((self.rows(py)?,))?;
        if !self.rows.is_empty() {
            let converted = pd
                .getattr("to_datetime")?
                .call1((df.get_item("period")?,))?;
            df.set_item("period", converted)?;
            return df.call_method1("set_index", (vec!["name", "period"],));
        }
        Ok(df)
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
    inner: CostReport,
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
        let pd = pandas(py)?;
        let df = pd
            .getattr("DataFrame")?
            .call1((self.timephased(py, period)?,))?;
        if !self.inner.daily.is_empty() {
            let converted = pd
                .getattr("to_datetime")?
                .call1((df.get_item("period")?,))?;
            df.set_item("period", converted)?;
            return df.call_method1("set_index", ("period",));
        }
        Ok(df)
    }

    /// The whole report as JSON.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| crate::errors::argument_error(e.to_string()))
    }

    fn __repr__(&self) -> String {
        format!("Costs(total={:.2})", self.inner.total)
    }
}
