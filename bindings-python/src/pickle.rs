//! Pickling of every class, through each value's canonical JSON (`io::ToJson` /
//! `io::FromJson` in core), so results cross to `multiprocessing` workers and
//! distributed engines unchanged.

use planix::io::{FromJson, ToJson};
use pyo3::prelude::*;

use crate::convert::reducer;
use crate::errors::BindingError;

/// `__reduce__` and the `_from_json` it names, for a class wrapping a core result.
macro_rules! pickle_result {
    ($py:ty, $name:literal, $inner:ty $(, $extra:ident)*) => {
        #[pymethods]
        impl $py {
            #[staticmethod]
            fn _from_json(text: &str) -> PyResult<Self> {
                Ok(Self {
                    inner: <$inner as FromJson>::from_json(text).map_err(BindingError::from)?,
                    $($extra: None,)*
                })
            }

            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                reducer(py, $name, ToJson::to_json(&self.inner))
            }
        }
    };
}

pickle_result!(
    crate::simulation::PySimulation,
    "Simulation",
    planix::simulate::SimulationReport
);
pickle_result!(
    crate::simulation::PyPert,
    "Pert",
    planix::simulate::Pert,
    project
);
pickle_result!(
    crate::resources::PyLeveling,
    "Leveling",
    planix::resources::Leveled,
    project
);
pickle_result!(
    crate::resources::PyCosts,
    "Costs",
    planix::resources::CostReport
);
pickle_result!(
    crate::risk::PyRiskForecast,
    "RiskForecast",
    planix::risk::RiskForecast
);

#[pymethods]
impl crate::schedule::PySchedule {
    #[staticmethod]
    #[pyo3(signature = (text, revision = 0))]
    fn _from_json(text: &str, revision: u64) -> PyResult<Self> {
        let s = planix::Schedule::from_json(text).map_err(BindingError::from)?;
        Ok(Self {
            inner: s.with_revision(revision),
            project: None,
        })
    }

    /// Pickles with the project revision it was computed from, so `is_current_for`
    /// answers the same after a round trip.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, u64))> {
        let cls = py.import("planix._native")?.getattr("Schedule")?;
        Ok((
            cls.getattr("_from_json")?,
            (self.inner.to_json(), self.inner.revision()),
        ))
    }
}

/// The same for a document with its own `to_json`/`from_json` (register, engagement).
macro_rules! pickle_document {
    ($py:ty, $name:literal, $inner:ty) => {
        #[pymethods]
        impl $py {
            #[staticmethod]
            fn _from_json(text: &str) -> PyResult<Self> {
                Ok(Self {
                    inner: <$inner>::from_json(text).map_err(BindingError::from)?,
                })
            }

            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                reducer(py, $name, self.inner.to_json())
            }
        }
    };
}

pickle_document!(
    crate::risk::PyRiskRegister,
    "RiskRegister",
    planix::risk::RiskRegister
);
pickle_document!(
    crate::client::PyEngagement,
    "Engagement",
    planix::client::Engagement
);

/// The same for a class holding plain rows (loading table, `Table`).
macro_rules! pickle_rows {
    ($py:ty, $name:literal $(, $extra:ident)*) => {
        #[pymethods]
        impl $py {
            #[staticmethod]
            fn _from_json(text: &str) -> PyResult<Self> {
                Ok(Self {
                    rows: serde_json::from_str(text)
                        .map_err(|e| crate::errors::IoError::new_err(e.to_string()))?,
                    $($extra: None,)*
                })
            }

            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                let text = serde_json::to_string(&self.rows)
                    .map_err(|e| crate::errors::IoError::new_err(e.to_string()))?;
                reducer(py, $name, text)
            }
        }
    };
}

pickle_rows!(crate::resources::PyLoading, "Loading");
pickle_rows!(crate::control::PyTable, "Table", svg);

#[pymethods]
impl crate::control::PyTable {
    fn __repr__(&self) -> String {
        let columns: Vec<&str> = self
            .rows
            .first()
            .and_then(|r| r.as_object())
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        format!("Table(rows={}, columns={columns:?})", self.rows.len())
    }
}

#[pymethods]
impl crate::simulation::PyPert {
    fn __repr__(&self) -> String {
        format!(
            "Pert(expected_finish={}, path_mean={:.0}, std_dev={:.0}, critical_path={:?})",
            self.inner.expected_finish,
            self.inner.path_mean,
            self.inner.std_dev,
            self.inner
                .critical_path
                .iter()
                .map(|t| t.0)
                .collect::<Vec<_>>()
        )
    }
}
