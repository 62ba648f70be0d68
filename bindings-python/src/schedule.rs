//! `planix.Schedule`: the immutable CPM result.

use chrono::NaiveDateTime;
use planix::{Driver, Schedule, ScheduledTask, TaskId, TaskKind};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use planix::io::columns::Columns;

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

/// The tasks as dicts with the keys of the JSON rows, built straight from the result
/// (no JSON value per task): the keys are interned once, and each driver dict is a copy
/// of one made per kind of driver, its task filled in.
fn task_dicts<'py>(py: Python<'py>, tasks: &[ScheduledTask]) -> PyResult<Bound<'py, PyList>> {
    use pyo3::types::PyString;
    let keys: Vec<Bound<'py, PyString>> = [
        "id",
        "name",
        "kind",
        "start",
        "finish",
        "early_start",
        "early_finish",
        "late_start",
        "late_finish",
        "duration",
        "total_float",
        "free_float",
        "critical",
        "driver",
        "task",
    ]
    .iter()
    .map(|k| PyString::intern(py, k))
    .collect();
    let kinds: Vec<(TaskKind, Bound<'py, PyString>)> =
        [TaskKind::Summary, TaskKind::Task, TaskKind::Milestone]
            .into_iter()
            .map(|k| (k, PyString::intern(py, k.name())))
            .collect();
    // Driver templates without their task, made once per kind of driver.
    let mut templates: Vec<(Driver, Bound<'py, PyDict>)> = Vec::new();
    let list = PyList::empty(py);
    for t in tasks {
        let d = PyDict::new(py);
        d.set_item(&keys[0], t.id().0)?;
        d.set_item(&keys[1], t.name())?;
        if let Some((_, k)) = kinds.iter().find(|(k, _)| *k == t.kind()) {
            d.set_item(&keys[2], k)?;
        }
        d.set_item(&keys[3], t.start())?;
        d.set_item(&keys[4], t.finish())?;
        d.set_item(&keys[5], t.early_start())?;
        d.set_item(&keys[6], t.early_finish())?;
        d.set_item(&keys[7], t.late_start())?;
        d.set_item(&keys[8], t.late_finish())?;
        d.set_item(&keys[9], t.duration().as_minutes())?;
        d.set_item(&keys[10], t.total_float().as_minutes())?;
        d.set_item(&keys[11], t.free_float().as_minutes())?;
        d.set_item(&keys[12], t.is_critical())?;
        let (shape, task) = match t.driver() {
            Driver::Predecessor { task, kind } => (
                Some(Driver::Predecessor {
                    task: TaskId(0),
                    kind: *kind,
                }),
                Some(task.0),
            ),
            Driver::Summary { task } => (Some(Driver::Summary { task: TaskId(0) }), Some(task.0)),
            Driver::Calendar { .. } => (None, None),
            other => (Some(other.clone()), None),
        };
        let driver = match shape {
            Some(shape) => {
                let template = match templates.iter().find(|(s, _)| *s == shape) {
                    Some((_, t)) => t.clone(),
                    None => {
                        let made = to_py(py, &shape)?.cast_into::<PyDict>()?;
                        templates.push((shape, made.clone()));
                        made
                    }
                };
                let copy = template.copy()?;
                if let Some(task) = task {
                    copy.set_item(&keys[14], task)?;
                }
                copy.into_any()
            }
            None => to_py(py, t.driver())?,
        };
        d.set_item(&keys[13], driver)?;
        list.append(d)?;
    }
    Ok(list)
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

    /// Every task's result as a dict (dates are datetimes, floats are working minutes);
    /// `columns()` or `to_pandas()` for a large schedule.
    fn tasks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        task_dicts(py, self.inner.tasks())
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

    /// The tasks as a pandas DataFrame indexed by task id, with datetime columns and the
    /// driver flattened (`driver.type`, `driver.task`, ...); needs pandas.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::frame(py, &Columns::schedule(&self.inner))
    }

    /// The tasks as columns: a dict of NumPy arrays (id, name, kind, start, finish, early
    /// and late dates as datetime64, duration and floats in working minutes, critical,
    /// driver.*), one entry per field, no object per task; needs numpy.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::convert::columns(py, &Columns::schedule(&self.inner), false)
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
