//! npm package `planix`: the planix engine for JavaScript, via wasm-bindgen.
//!
//! Data crosses as plain JS objects (serde-wasm-bindgen, JSON-compatible); errors are
//! `Error`s whose `name` is the Python class name (`"CycleError"`) with a `kind` field.

mod agile;
mod client;
mod control;
mod convert;
mod errors;
mod portfolio;
mod project;
mod raid;
mod render;
mod resources;
mod risk;
mod schedule;
mod scheduler;
mod simulation;
mod types;

pub use agile::JsBoard;
pub use client::JsEngagement;
pub use portfolio::{JsPortfolio, JsPortfolioLeveling};
pub use project::JsProject;
pub use resources::{JsCosts, JsLeveling};
pub use risk::{JsRiskForecast, JsRiskRegister};
pub use schedule::JsSchedule;
pub use simulation::{JsPert, JsSimulation};
