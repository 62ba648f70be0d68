//! `planix.Project`: the editable model.

use chrono::NaiveDateTime;
use planix::{
    CalendarId, Constraint, ConstraintKind, DependencySpec, Distribution, Duration, LagInput,
    LinkKind, Project, ScheduleFrom, TaskEdit, TaskId, TaskSpec,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::convert::{Int, When, duration_input, from_kwargs, from_py, named, to_py};
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
    /// A new project scheduled from `start`, or backward from `finish` when given
    /// (each a `datetime`, a `date` or ISO text).
    #[new]
    #[pyo3(signature = (name, start, finish = None))]
    fn new(name: String, start: When, finish: Option<When>) -> Self {
        let mut inner = Project::new(name, start.0);
        if let Some(f) = finish {
            inner.set_schedule_from(ScheduleFrom::Finish(f.0));
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

    /// Load a Microsoft Project XML (MSPDI) document (text, or bytes in UTF-8 or UTF-16).
    #[classmethod]
    fn from_mspdi(cls: &Bound<'_, PyType>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner = if let Ok(b) = text.cast::<pyo3::types::PyBytes>() {
            let bytes = b.as_bytes().to_vec();
            cls.py()
                .detach(|| planix::io::mspdi::from_mspdi_bytes(&bytes))
        } else {
            let s: String = text.extract()?;
            cls.py().detach(|| planix::io::mspdi::from_mspdi(&s))
        };
        Ok(PyProject {
            inner: inner.map_err(BindingError::from)?,
        })
    }

    /// Microsoft Project XML (MSPDI) text, with the rescheduled dates.
    fn to_mspdi(&self, py: Python<'_>) -> PyResult<String> {
        let p = &self.inner;
        Ok(py
            .detach(|| planix::io::mspdi::to_mspdi(p))
            .map_err(BindingError::from)?)
    }

    /// The plan as text in a format: `"mermaid"` (gantt), `"plantuml"` (@startgantt),
    /// `"ical"` (milestones and deadlines), `"csv"` (the task table), `"mspdi"` or
    /// `"json"`, with the rescheduled dates.
    fn export(&self, py: Python<'_>, format: &Bound<'_, PyAny>) -> PyResult<String> {
        let f: planix::io::ExportFormat = from_py(format, "export format")?;
        let p = &self.inner;
        Ok(py
            .detach(|| planix::io::export(p, f))
            .map_err(BindingError::from)?)
    }

    /// The plan as CSV tables: a dict of `tasks`, `resources` and `assignments` text.
    fn to_csv<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let p = &self.inner;
        let t = py
            .detach(|| planix::io::csv_tables(p))
            .map_err(BindingError::from)?;
        to_py(py, &t)
    }

    /// A plan from CSV tables (as `to_csv` writes them; the date columns are ignored).
    #[classmethod]
    #[pyo3(signature = (name, start, tasks, resources = None, assignments = None))]
    fn from_csv(
        _cls: &Bound<'_, PyType>,
        name: &str,
        start: When,
        tasks: &str,
        resources: Option<&str>,
        assignments: Option<&str>,
    ) -> PyResult<Self> {
        Ok(PyProject {
            inner: planix::io::from_csv(name, start.0, tasks, resources, assignments)
                .map_err(BindingError::from)?,
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
        let doc: serde_json::Value = from_py(d, "project document")?;
        Self::from_json(_cls, &doc.to_string())
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

    /// Add a task; `duration` is working minutes or MS Project text (`"3d"`, `"4h 30m"`,
    /// `"2w"`). Returns the new task id.
    #[pyo3(signature = (name, duration = None, parent = None, milestone = false, calendar = None, constraint = "asap", constraint_date = None, deadline = None, notes = String::new()))]
    #[pyo3(
        text_signature = "($self, name, duration=0, parent=None, milestone=False, calendar=None, constraint=\"asap\", constraint_date=None, deadline=None, notes=...)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn add_task(
        &mut self,
        name: String,
        duration: Option<&Bound<'_, PyAny>>,
        parent: Option<Int<u32>>,
        milestone: bool,
        calendar: Option<Int<u32>>,
        constraint: &str,
        constraint_date: Option<When>,
        deadline: Option<When>,
        notes: String,
    ) -> PyResult<u32> {
        let mut spec = TaskSpec::new(name);
        spec.duration = duration.map(duration_input).transpose()?;
        spec.parent = parent.map(|p| TaskId(p.0));
        spec.milestone = milestone;
        spec.calendar = calendar.map(|c| CalendarId(c.0));
        spec.constraint = constraint_of(constraint, constraint_date)?;
        spec.deadline = deadline.map(|d| d.0);
        spec.notes = notes;
        Ok(self
            .inner
            .add_task_spec(spec)
            .map_err(BindingError::from)?
            .0)
    }

    /// Change some fields of a task: the keywords are the task's JSON fields (`name`,
    /// `duration` as minutes or text, `parent`, `calendar`, `constraint`, `deadline`,
    /// `notes`, `fixed_cost`, …; `None` clears a clearable one). Nothing changes when the
    /// edit is invalid.
    #[pyo3(signature = (task, **fields))]
    fn edit_task(
        &mut self,
        py: Python<'_>,
        task: Int<u32>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let e: TaskEdit = from_kwargs(py, &[], fields, "task edit")?;
        Ok(self
            .inner
            .apply_edit(TaskId(task.0), &e)
            .map_err(BindingError::from)?)
    }

    /// Link two tasks: kind is "fs", "ss", "ff" or "sf"; `lag` is minutes of `lag_kind`
    /// ("working", "elapsed" or "percent") or MS Project text (`"2d"`, `"1ed"`, `"50%"`,
    /// `"-1d"`).
    #[pyo3(signature = (predecessor, successor, kind = "fs", lag = None, lag_kind = "working"))]
    #[pyo3(
        text_signature = "($self, predecessor, successor, kind=\"fs\", lag=0, lag_kind=\"working\")"
    )]
    fn add_dependency(
        &mut self,
        py: Python<'_>,
        predecessor: Int<u32>,
        successor: Int<u32>,
        kind: &str,
        lag: Option<&Bound<'_, PyAny>>,
        lag_kind: &str,
    ) -> PyResult<()> {
        let d = dependency_spec(py, predecessor, successor, kind, lag, lag_kind)?;
        Ok(self
            .inner
            .add_dependency_spec(d)
            .map_err(BindingError::from)?)
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
    fn set_constraint(&mut self, task: Int<u32>, kind: &str, date: Option<When>) -> PyResult<()> {
        let task = task.0;
        let c = constraint_of(kind, date)?;
        Ok(self
            .inner
            .set_constraint(TaskId(task), c)
            .map_err(BindingError::from)?)
    }

    /// Set or clear a task's deadline.
    #[pyo3(signature = (task, deadline = None))]
    fn set_deadline(&mut self, task: Int<u32>, deadline: Option<When>) -> PyResult<()> {
        let task = task.0;
        let deadline = deadline.map(|d| d.0);
        Ok(self
            .inner
            .edit_task(TaskId(task), |t| t.deadline = deadline)
            .map_err(BindingError::from)?)
    }

    /// Set a task's duration: working minutes or MS Project text (`"3d"`).
    fn set_duration(&mut self, task: Int<u32>, duration: &Bound<'_, PyAny>) -> PyResult<()> {
        let edit = TaskEdit {
            duration: Some(duration_input(duration)?),
            ..TaskEdit::default()
        };
        Ok(self
            .inner
            .apply_edit(TaskId(task.0), &edit)
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
    fn schedule(slf: PyRef<'_, Self>, py: Python<'_>) -> PyResult<PySchedule> {
        let p = &slf.inner;
        let s = py.detach(|| p.schedule()).map_err(BindingError::from)?;
        Ok(PySchedule {
            inner: s,
            project: Some(slf.into()),
        })
    }

    /// Give a task a three-point estimate in working minutes; distribution is "beta_pert"
    /// (the default; shape `lam`, default 4), "triangular", "uniform", "normal",
    /// "lognormal" or "fixed".
    #[pyo3(signature = (task, optimistic, most_likely, pessimistic, distribution = None, lam = None))]
    #[pyo3(
        text_signature = "($self, task, optimistic, most_likely, pessimistic, distribution=\"beta_pert\", lam=4.0)"
    )]
    fn set_estimate(
        &mut self,
        task: Int<u32>,
        optimistic: Int<i64>,
        most_likely: Int<i64>,
        pessimistic: Int<i64>,
        distribution: Option<&str>,
        lam: Option<f64>,
    ) -> PyResult<()> {
        let dist = Distribution::choose(distribution, lam).map_err(BindingError::from)?;
        let m = Duration::minutes;
        let e = planix::Estimate::new(m(optimistic.0), m(most_likely.0), m(pessimistic.0), dist);
        Ok(self
            .inner
            .edit_task(TaskId(task.0), |t| t.estimate = Some(e))
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

    /// Monte Carlo simulation of the finish date and cost (releases the GIL while it
    /// runs; Ctrl-C stops it). The keywords are `SimulationOptions`' fields, with its
    /// defaults: `iterations`, `seed`, `target`, `percentiles`, `risks` (dicts {"id",
    /// "probability", "tasks", "delay": {"optimistic", "most_likely", "pessimistic"}}),
    /// `correlations` ({"tasks", "rho"}), `sensitivity`, `histogram_bins`,
    /// `resource_constrained`, `durations` ({"task", "quantiles"}: a measured duration
    /// distribution, e.g. `planix.plan_duration` of a backlog's forecast).
    #[pyo3(signature = (**options))]
    fn simulate(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<crate::simulation::PySimulation> {
        // Risk events and correlation groups are the simulation's data: a bad one is a
        // SimulationError naming the list, as core's own checks of them are.
        let (opts, on_progress) = crate::convert::split_progress(py, options)?;
        let mut lists = vec![];
        for key in ["risks", "correlations", "durations"] {
            if let Some(v) = opts.get_item(key)? {
                opts.del_item(key)?;
                let value: serde_json::Value = from_py(&v, key)?;
                lists.push((key, value));
            }
        }
        let mut o: planix::simulate::SimulationOptions =
            from_kwargs(py, &[], Some(&opts), "simulation options")?;
        for (key, value) in lists {
            let bad = |e: serde_json::Error| {
                crate::errors::SimulationError::new_err(format!("invalid {key}: {e}"))
            };
            match key {
                "risks" => o.risks = serde_json::from_value(value).map_err(bad)?,
                "durations" => o.durations = serde_json::from_value(value).map_err(bad)?,
                _ => o.correlations = serde_json::from_value(value).map_err(bad)?,
            }
        }
        let p = &self.inner;
        let r = crate::convert::interruptible(py, on_progress, |w| {
            o.watch = Some(w);
            planix::simulate::simulate(p, &o)
        })?
        .map_err(BindingError::from)?;
        Ok(crate::simulation::PySimulation { inner: r })
    }

    /// Classic PERT analysis; moments is "classic" ((o+4m+p)/6, (p-o)/6) or "exact".
    #[pyo3(signature = (moments = None))]
    #[pyo3(text_signature = "($self, moments=\"classic\")")]
    fn pert(
        slf: PyRef<'_, Self>,
        py: Python<'_>,
        moments: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<crate::simulation::PyPert> {
        let m: planix::simulate::PertMoments = match moments {
            Some(x) => from_py(x, "moments")?,
            None => planix::simulate::PertMoments::default(),
        };
        let p = &slf.inner;
        let r = py
            .detach(|| planix::simulate::pert(p, m))
            .map_err(BindingError::from)?;
        Ok(crate::simulation::PyPert {
            inner: r,
            project: Some(slf.into()),
        })
    }
}

/// A link spec from `add_dependency`'s arguments (a text lag, or a number of
/// `lag_kind` units).
pub(crate) fn dependency_spec(
    py: Python<'_>,
    predecessor: Int<u32>,
    successor: Int<u32>,
    kind: &str,
    lag: Option<&Bound<'_, PyAny>>,
    lag_kind: &str,
) -> PyResult<DependencySpec> {
    let mut d = DependencySpec::new(TaskId(predecessor.0), TaskId(successor.0));
    d.kind = named("link kind", kind, LinkKind::from_name, LinkKind::NAMES)?;
    d.lag = match lag {
        None => LagInput::default(),
        Some(l) if l.extract::<String>().is_ok() => from_py(l, "lag")?,
        Some(l) => {
            let obj = PyDict::new(py);
            obj.set_item(lag_kind, l)?;
            from_py(obj.as_any(), "lag")?
        }
    };
    Ok(d)
}

/// A constraint from its kind name and optional date (core checks the pair).
pub(crate) fn constraint_of(kind: &str, date: Option<When>) -> PyResult<Constraint> {
    let k = named(
        "constraint",
        kind,
        ConstraintKind::from_name,
        ConstraintKind::NAMES,
    )?;
    Ok(Constraint::of_kind(k, date.map(|d| d.0)).map_err(BindingError::from)?)
}
