//! The umbrella [`Error`] type that gathers every module's error.

use crate::calendar::CalendarError;
use crate::client::ClientError;
use crate::control::ControlError;
use crate::io::IoError;
use crate::lifecycle::LifecycleError;
use crate::model::ModelError;
use crate::resources::LevelError;
use crate::risk::RiskError;
use crate::schedule::ScheduleError;
use crate::simulate::SimulateError;

/// Any error planix can return. Functions return their narrowest error type; this
/// enum is what callers compose with `?`.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// An invalid edit of the project model.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// An invalid calendar or overflowing working-time arithmetic.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The network cannot be scheduled.
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    /// A simulation could not run.
    #[error(transparent)]
    Simulate(#[from] SimulateError),
    /// A file or document could not be read or written.
    #[error(transparent)]
    Io(#[from] IoError),
    /// Resource leveling could not run.
    #[error(transparent)]
    Level(#[from] LevelError),
    /// A risk register edit was invalid.
    #[error(transparent)]
    Risk(#[from] RiskError),
    /// A client-side edit (stakeholders, scope, change requests, feedback) was invalid.
    #[error(transparent)]
    Client(#[from] ClientError),
    /// Monitoring and control could not run (no status date, no baseline, …).
    #[error(transparent)]
    Control(#[from] ControlError),
    /// A lifecycle gate was not passed.
    #[error(transparent)]
    Lifecycle(#[from] LifecycleError),
}

impl Error {
    /// The scheduling failure underneath, whichever call reported it (`cpm`, `simulate`
    /// or `level`), so callers map a cycle or a date out of range the same way everywhere.
    pub fn schedule_error(&self) -> Option<&ScheduleError> {
        match self {
            Error::Schedule(e)
            | Error::Simulate(SimulateError::Schedule(e))
            | Error::Level(LevelError::Schedule(e))
            | Error::Control(ControlError::Schedule(e)) => Some(e),
            _ => None,
        }
    }
}

/// `Result` with planix's umbrella [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
