//! Python module `planix._native`: registers the classes and exceptions only.

mod convert;
mod errors;
mod project;
mod schedule;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<project::PyProject>()?;
    m.add_class::<schedule::PySchedule>()?;
    errors::register(m)?;
    Ok(())
}
