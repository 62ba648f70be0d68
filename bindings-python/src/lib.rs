//! Python module `planix._native`: registers the classes and exceptions only.

mod agile;
mod client;
mod control;
mod convert;
mod errors;
mod pickle;
mod portfolio;
mod project;
mod raid;
mod render;
mod resources;
mod risk;
mod schedule;
mod scheduler;
mod simulation;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<project::PyProject>()?;
    m.add_class::<schedule::PySchedule>()?;
    m.add_class::<scheduler::PyScheduler>()?;
    m.add_class::<simulation::PySimulation>()?;
    m.add_class::<simulation::PyPert>()?;
    m.add_class::<resources::PyLeveling>()?;
    m.add_class::<resources::PyLoading>()?;
    m.add_class::<resources::PyCosts>()?;
    m.add_class::<risk::PyRiskRegister>()?;
    m.add_class::<client::PyEngagement>()?;
    m.add_class::<control::PyTable>()?;
    m.add_class::<render::PyChart>()?;
    m.add_class::<risk::PyRiskForecast>()?;
    m.add_class::<portfolio::PyPortfolio>()?;
    m.add_class::<portfolio::PyPortfolioLeveling>()?;
    m.add_class::<agile::PyBoard>()?;
    m.add_function(wrap_pyfunction!(agile::forecast_when, m)?)?;
    m.add_function(wrap_pyfunction!(agile::forecast_how_many, m)?)?;
    m.add_function(wrap_pyfunction!(agile::forecast_cut_line, m)?)?;
    m.add_function(wrap_pyfunction!(agile::plan_duration, m)?)?;
    m.add("HEALTH_RULES", planix::control::RULES.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    Ok(())
}
