//! Python module `planix._native`: registers the classes and exceptions only.

mod convert;
mod errors;
mod project;
mod schedule;
mod simulation;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<project::PyProject>()?;
    m.add_class::<schedule::PySchedule>()?;
    m.add_class::<simulation::PySimulation>()?;
    m.add_class::<simulation::PyPert>()?;
    errors::register(m)?;
    Ok(())
}
