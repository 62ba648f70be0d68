//! Critical path method: forward and backward passes, floats, critical paths, drivers.
//!
//! [`cpm`] turns a [`Project`](crate::model::Project) into an immutable [`Schedule`].
//! Hot loops run over a compact array form of the network built once per call
//! (`network`), with working-time arithmetic done on compiled calendar tables.

pub(crate) mod cpm;
pub(crate) mod cycle;
mod error;
pub(crate) mod limits;
pub(crate) mod network;
mod result;

pub use cpm::{CpmOptions, Rescheduled, Scheduler, cpm};
pub use error::ScheduleError;
pub use result::{Driver, Schedule, ScheduledTask, Warning};
