//! Exception hierarchy under `planix.PlanixError` and the mapping from core errors.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;

create_exception!(
    planix,
    PlanixError,
    PyException,
    "Root of every planix error."
);
create_exception!(
    planix,
    ModelError,
    PlanixError,
    "An invalid edit of the project model."
);
create_exception!(
    planix,
    CalendarError,
    PlanixError,
    "An invalid calendar or working-time overflow."
);
create_exception!(
    planix,
    ScheduleError,
    PlanixError,
    "The project cannot be scheduled."
);
create_exception!(
    planix,
    CycleError,
    ScheduleError,
    "The links form a cycle; `.tasks` lists it."
);
create_exception!(
    planix,
    SimulationError,
    PlanixError,
    "A simulation option, risk event or correlation group is invalid."
);
create_exception!(
    planix,
    LevelingError,
    PlanixError,
    "Resource leveling cannot run: a demand never fits (`.task`, `.resource`)."
);
create_exception!(
    planix,
    RiskError,
    PlanixError,
    "An invalid risk register edit or file: `.risk` names the risk (None when no single risk is at fault); CSV errors carry `.row` and `.column`."
);
create_exception!(
    planix,
    ClientError,
    PlanixError,
    "An invalid client-side edit: unknown or duplicate ids, scores outside their scale, a change request in the wrong state or analysed on another version of the project."
);
create_exception!(
    planix,
    LifecycleError,
    PlanixError,
    "A phase gate is not passed: `.unmet` lists every unmet criterion as \"id: detail\"."
);
create_exception!(
    planix,
    ControlError,
    PlanixError,
    "Monitoring cannot run: no status date, no such baseline, or a plan that cannot be rescheduled."
);
create_exception!(
    planix,
    RenderError,
    PlanixError,
    "A chart could not be drawn: too large (collapse, filter or page it) or its data could not be computed."
);
create_exception!(
    planix,
    AgileError,
    PlanixError,
    "A board, sprint or forecast call failed: an unknown or duplicate id, a hard WIP limit (`.item`, `.holders`), a sprint in the wrong state, a back-dated event, a history without completed work."
);
create_exception!(
    planix,
    IoError,
    PlanixError,
    "A document could not be read or written."
);

/// Works around the orphan rule: a core error on its way to Python.
pub(crate) struct BindingError(pub(crate) planix::Error);

impl<E: Into<planix::Error>> From<E> for BindingError {
    fn from(e: E) -> Self {
        BindingError(e.into())
    }
}

impl From<BindingError> for PyErr {
    fn from(e: BindingError) -> PyErr {
        let msg = e.0.to_string();
        let cycle: Option<Vec<u32>> = match e.0.schedule_error() {
            Some(planix::ScheduleError::Cycle { tasks, .. }) => {
                Some(tasks.iter().map(|t| t.0).collect())
            }
            _ => None,
        };
        // The class comes from core's error kind; the payloads are attached below (a
        // cycle's ids also go into the exception's args).
        let err = match (e.0.kind(), &cycle) {
            ("cycle", Some(ids)) => CycleError::new_err((msg, ids.clone())),
            // A cycle across a portfolio's projects: its tasks are in `task_refs`.
            ("cycle", None) => CycleError::new_err((msg, Vec::<u32>::new())),
            (kind, _) => match kind {
                "schedule" => ScheduleError::new_err(msg),
                "model" => ModelError::new_err(msg),
                "calendar" => CalendarError::new_err(msg),
                "io" => IoError::new_err(msg),
                "simulation" => SimulationError::new_err(msg),
                "leveling" => LevelingError::new_err(msg),
                "risk" => RiskError::new_err(msg),
                "client" => ClientError::new_err(msg),
                "control" => ControlError::new_err(msg),
                "lifecycle" => LifecycleError::new_err(msg),
                "render" => RenderError::new_err(msg),
                "agile" => AgileError::new_err(msg),
                "value" => argument_error(msg),
                _ => PlanixError::new_err(msg),
            },
        };
        // Core's payload names the culprit: one attribute per field (`tasks`, `task`,
        // `resource`, `unmet`, `risk`, `row`, `column`).
        Python::attach(|py| {
            let v = err.value(py);
            if let Ok(obj) = crate::convert::to_py(py, &e.0.payload()) {
                if let Ok(d) = obj.cast::<pyo3::types::PyDict>() {
                    for (k, x) in d.iter() {
                        if let Ok(name) = k.extract::<String>() {
                            let _ = v.setattr(name.as_str(), x);
                        }
                    }
                }
            }
        });
        err
    }
}

/// `planix.ArgumentError(PlanixError, ValueError)`: a bad argument (an unknown kind
/// string, a missing date, an integer out of range). It is built once per interpreter
/// with two bases, which `create_exception!` cannot do, so `except planix.PlanixError`
/// and `except ValueError` both catch it.
static ARGUMENT_ERROR: pyo3::sync::PyOnceLock<Py<pyo3::types::PyType>> =
    pyo3::sync::PyOnceLock::new();

fn argument_error_type(py: Python<'_>) -> PyResult<&Bound<'_, pyo3::types::PyType>> {
    ARGUMENT_ERROR
        .get_or_try_init(py, || {
            let bases = pyo3::types::PyTuple::new(
                py,
                [
                    py.get_type::<PlanixError>().into_any(),
                    py.get_type::<PyValueError>().into_any(),
                ],
            )?;
            let body = pyo3::types::PyDict::new(py);
            body.set_item("__module__", "planix")?;
            body.set_item(
                "__doc__",
                "A bad argument: an unknown kind string, a missing date, an integer out of range. Also a ValueError.",
            )?;
            let cls = py
                .get_type::<pyo3::types::PyType>()
                .call1(("ArgumentError", bases, body))?;
            Ok(cls.cast_into::<pyo3::types::PyType>()?.unbind())
        })
        .map(|t| t.bind(py))
}

/// A `planix.ArgumentError` with this message.
pub(crate) fn argument_error(message: impl Into<String>) -> PyErr {
    let message = message.into();
    Python::attach(|py| match argument_error_type(py) {
        Ok(t) => PyErr::from_type(t.clone(), message),
        Err(e) => e,
    })
}

/// A bad enum-like string argument.
pub(crate) fn bad_choice(what: &str, got: &str, allowed: &[&str]) -> PyErr {
    argument_error(format!(
        "invalid {what} {got:?}; allowed: {}",
        allowed.join(", ")
    ))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("PlanixError", py.get_type::<PlanixError>())?;
    m.add("ModelError", py.get_type::<ModelError>())?;
    m.add("CalendarError", py.get_type::<CalendarError>())?;
    m.add("ScheduleError", py.get_type::<ScheduleError>())?;
    m.add("CycleError", py.get_type::<CycleError>())?;
    m.add("IoError", py.get_type::<IoError>())?;
    m.add("AgileError", py.get_type::<AgileError>())?;
    m.add("SimulationError", py.get_type::<SimulationError>())?;
    m.add("LevelingError", py.get_type::<LevelingError>())?;
    m.add("RiskError", py.get_type::<RiskError>())?;
    m.add("ClientError", py.get_type::<ClientError>())?;
    m.add("ControlError", py.get_type::<ControlError>())?;
    m.add("LifecycleError", py.get_type::<LifecycleError>())?;
    m.add("RenderError", py.get_type::<RenderError>())?;
    m.add("ArgumentError", argument_error_type(py)?)?;
    Ok(())
}
