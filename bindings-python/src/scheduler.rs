//! `planix.Scheduler`: a project kept scheduled edit by edit (core's incremental CPM).

use planix::schedule::{CpmOptions, Rescheduled, Scheduler};
use planix::{TaskEdit, TaskId};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{Int, When, duration_input, from_kwargs, to_py};
use crate::errors::BindingError;
use crate::project::{PyProject, constraint_of, dependency_spec};
use crate::schedule::PySchedule;

/// A copy of a project whose schedule is kept up to date after every edit: an edit
/// re-runs only the tasks it can move (a duration change on a 100,000-task plan takes
/// well under a millisecond when the finish holds). Each edit returns
/// `{"changed": [task ids], "finish": datetime, "rebuilt": bool}`; `schedule()` equals
/// `project().schedule()`. A refused edit changes nothing.
#[pyclass(name = "Scheduler", module = "planix")]
pub(crate) struct PyScheduler {
    inner: Scheduler,
}

fn done<'py>(
    py: Python<'py>,
    r: Result<Rescheduled, planix::Error>,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &r.map_err(BindingError::from)?)
}

#[pymethods]
impl PyScheduler {
    /// Schedules a copy of `project`.
    #[new]
    fn new(py: Python<'_>, project: &PyProject) -> PyResult<Self> {
        let p = project.inner.clone();
        let inner = py
            .detach(|| Scheduler::new(p, CpmOptions::default()))
            .map_err(BindingError::from)?;
        Ok(PyScheduler { inner })
    }

    /// The project as edited so far (a copy).
    fn project(&self) -> PyProject {
        PyProject {
            inner: self.inner.project().clone(),
        }
    }

    /// The project finish.
    #[getter]
    fn finish(&self) -> chrono::NaiveDateTime {
        self.inner.finish()
    }

    /// The whole schedule (equal to `project().schedule()`).
    fn schedule(&self, py: Python<'_>) -> PyResult<PySchedule> {
        let s = py
            .detach(|| self.inner.schedule())
            .map_err(BindingError::from)?;
        Ok(PySchedule {
            inner: s,
            project: None,
        })
    }

    /// One task's scheduled row as a dict (the keys of `Schedule.task`).
    fn task<'py>(&mut self, py: Python<'py>, id: Int<u32>) -> PyResult<Bound<'py, PyAny>> {
        let t = self
            .inner
            .task(TaskId(id.0))
            .ok_or_else(|| BindingError::from(planix::ModelError::UnknownTask(TaskId(id.0))))?;
        to_py(py, &t)
    }

    /// Set a task's duration (working minutes or text such as `"3d"`) and re-schedule.
    fn set_duration<'py>(
        &mut self,
        py: Python<'py>,
        task: Int<u32>,
        duration: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let edit = TaskEdit {
            duration: Some(duration_input(duration)?),
            ..TaskEdit::default()
        };
        done(py, self.inner.apply_edit(TaskId(task.0), &edit))
    }

    /// Set a task's constraint (as `Project.set_constraint`) and re-schedule.
    #[pyo3(signature = (task, kind, date = None))]
    fn set_constraint<'py>(
        &mut self,
        py: Python<'py>,
        task: Int<u32>,
        kind: &str,
        date: Option<When>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = constraint_of(kind, date)?;
        done(py, self.inner.set_constraint(TaskId(task.0), c))
    }

    /// Set or clear a task's deadline and re-schedule.
    #[pyo3(signature = (task, deadline = None))]
    fn set_deadline<'py>(
        &mut self,
        py: Python<'py>,
        task: Int<u32>,
        deadline: Option<When>,
    ) -> PyResult<Bound<'py, PyAny>> {
        done(
            py,
            self.inner
                .set_deadline(TaskId(task.0), deadline.map(|d| d.0)),
        )
    }

    /// Change some fields of a task (as `Project.edit_task`) and re-schedule.
    #[pyo3(signature = (task, **fields))]
    fn edit_task<'py>(
        &mut self,
        py: Python<'py>,
        task: Int<u32>,
        fields: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let e: TaskEdit = from_kwargs(py, &[], fields, "task edit")?;
        done(py, self.inner.apply_edit(TaskId(task.0), &e))
    }

    /// Add a link (as `Project.add_dependency`) and re-schedule.
    #[pyo3(signature = (predecessor, successor, kind = "fs", lag = None, lag_kind = "working"))]
    #[pyo3(
        text_signature = "($self, predecessor, successor, kind=\"fs\", lag=0, lag_kind=\"working\")"
    )]
    fn add_dependency<'py>(
        &mut self,
        py: Python<'py>,
        predecessor: Int<u32>,
        successor: Int<u32>,
        kind: &str,
        lag: Option<&Bound<'_, PyAny>>,
        lag_kind: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = dependency_spec(py, predecessor, successor, kind, lag, lag_kind)?;
        done(py, self.inner.add_dependency_spec(d))
    }

    /// Finish-to-start link with no lag, then re-schedule.
    fn link<'py>(
        &mut self,
        py: Python<'py>,
        predecessor: Int<u32>,
        successor: Int<u32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let d = planix::Dependency::new(TaskId(predecessor.0), TaskId(successor.0));
        done(py, self.inner.add_dependency(d))
    }

    /// Remove a link and re-schedule.
    fn remove_dependency<'py>(
        &mut self,
        py: Python<'py>,
        predecessor: Int<u32>,
        successor: Int<u32>,
    ) -> PyResult<Bound<'py, PyAny>> {
        done(
            py,
            self.inner
                .remove_dependency(TaskId(predecessor.0), TaskId(successor.0)),
        )
    }

    /// Pickles as the project's JSON (the schedule is recomputed on load).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        crate::convert::reducer(py, "Scheduler", planix::io::to_json(self.inner.project()))
    }

    #[staticmethod]
    fn _from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let p = planix::io::from_json(text).map_err(BindingError::from)?;
        let inner = py
            .detach(|| Scheduler::new(p, CpmOptions::default()))
            .map_err(BindingError::from)?;
        Ok(PyScheduler { inner })
    }

    fn __repr__(&self) -> String {
        let p = self.inner.project();
        format!(
            "<planix.Scheduler {:?}: {} tasks, finish {}>",
            p.name(),
            p.task_count(),
            self.inner.finish()
        )
    }
}
