//! `planix.Schedule`: the immutable CPM result.

use chrono::NaiveDateTime;
use planix::{Schedule, TaskId};
use pyo3::prelude::*;

use crate::convert::Int;

use crate::convert::to_py;
use crate::errors::BindingError;

/// The result of `Project.schedule()`: dates, floats, critical paths, drivers and warnings.
#[pyclass(name = "Schedule", module = "planix", frozen)]
pub(crate) struct PySchedule {
    pub(crate) inner: Schedule,
    /// The project it was computed from (for its charts); None after unpickling.
    pub(crate) project: Option<Py<crate::project::PyProject>>,
}

fn unknown(id: u32) -> PyErr {
    BindingError::from(planix::ModelError::UnknownTask(TaskId(id))).into()
}

#[pymethods]
impl PySchedule {
    /// Project start.
    #[getter]
    fn start(&self) -> NaiveDateTime {
        self.inner.start()
    }

    /// Project finish.
    #[getter]
    fn finish(&self) -> NaiveDateTime {
        self.inner.finish()
    }

    /// Every task's result as a dict (dates are ISO strings, floats are working minutes).
    fn tasks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.tasks())
    }

    /// One task's result as a dict.
    fn task<'py>(&self, py: Python<'py>, id: Int<u32>) -> PyResult<Bound<'py, PyAny>> {
        let id = id.0;
        to_py(py, self.inner.task(TaskId(id)).ok_or_else(|| unknown(id))?)
    }

    /// The first critical path, as task ids.
    fn critical_path(&self) -> Vec<u32> {
        self.inner.critical_path().iter().map(|t| t.0).collect()
    }

    /// Every critical path enumerated, as lists of task ids.
    fn critical_paths(&self) -> Vec<Vec<u32>> {
        self.inner
            .critical_paths()
            .iter()
            .map(|p| p.iter().map(|t| t.0).collect())
            .collect()
    }

    /// Why a task starts when it does, as a dict with a "type" key.
    fn driver<'py>(&self, py: Python<'py>, id: Int<u32>) -> PyResult<Bound<'py, PyAny>> {
        let id = id.0;
        to_py(
            py,
            self.inner.driver(TaskId(id)).ok_or_else(|| unknown(id))?,
        )
    }

    /// Warnings as dicts with a "type" key.
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.warnings())
    }

    /// The whole schedule as a dict (the CLI's JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The whole schedule as JSON text (identical to the CLI's and JS output).
    fn to_json(&self) -> String {
        planix::io::schedule_to_json(&self.inner)
    }

    /// The tasks as a pandas DataFrame indexed by task id, with datetime columns (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::frame(py, self.tasks(py)?, &["id"])
    }

    fn __len__(&self) -> usize {
        self.inner.tasks().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Schedule(tasks={}, start='{}', finish='{}', critical={})",
            self.inner.tasks().len(),
            self.inner.start(),
            self.inner.finish(),
            self.inner.critical_path().len()
        )
    }
}
