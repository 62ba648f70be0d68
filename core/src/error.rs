//! The umbrella [`Error`] type that gathers every module's error.

use crate::agile::AgileError;
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
    /// A portfolio operation failed.
    #[error(transparent)]
    Portfolio(#[from] crate::portfolio::PortfolioError),
    /// A board, sprint or forecast call failed.
    #[error(transparent)]
    Agile(#[from] AgileError),
    /// A chart could not be drawn.
    #[cfg(feature = "render")]
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
}

/// What a binding attaches to its exception or `Error` object besides the message:
/// the ids and fields that name the culprit. Every field is optional; the bindings set
/// an attribute (Python) or a property (JS) for each one present, under the same name.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct ErrorPayload {
    /// The tasks of a dependency cycle, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tasks: Option<Vec<crate::ids::TaskId>>,
    /// The task a leveling demand never fits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<crate::ids::TaskId>,
    /// The resource it needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<crate::ids::ResourceId>,
    /// Every unmet criterion of a phase gate, as "id: detail".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unmet: Option<Vec<String>>,
    /// For a register error, the risk at fault (`Some(None)` when no single risk is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<Option<String>>,
    /// The 1-based CSV row of a register file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The CSV column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The tasks of a cycle across the projects of a portfolio, as (project, task).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_refs: Option<Vec<crate::portfolio::TaskRef>>,
    /// The work item at fault (agile: an unknown item, a move over a WIP limit, a
    /// parent loop, an item already in a sprint).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The cards holding a hard WIP limit a move would exceed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holders: Option<Vec<String>>,
}

impl Error {
    /// The ids and fields naming the culprit, for the bindings to attach.
    ///
    /// ```
    /// use planix::risk::{Assessment, RiskRegister};
    /// let mut reg = RiskRegister::new();
    /// let e: planix::Error = reg
    ///     .assess("R9", Assessment::new(0.5, 3), "2027-01-04".parse()?)
    ///     .unwrap_err()
    ///     .into();
    /// assert_eq!(e.payload().risk, Some(Some("R9".to_string())));
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn payload(&self) -> ErrorPayload {
        let mut p = ErrorPayload::default();
        if let Some(ScheduleError::Cycle { tasks, .. }) = self.schedule_error() {
            p.tasks = Some(tasks.clone());
        }
        match self {
            Error::Level(LevelError::NeverFits { task, resource, .. }) => {
                p.task = Some(*task);
                p.resource = Some(*resource);
            }
            Error::Lifecycle(l) => {
                p.unmet = Some(match l {
                    LifecycleError::GateNotMet { unmet, .. } => unmet.clone(),
                    _ => vec![],
                });
            }
            Error::Portfolio(crate::portfolio::PortfolioError::Cycle { tasks, .. }) => {
                p.task_refs = Some(tasks.clone());
            }
            Error::Agile(a) => match a {
                AgileError::WipLimit { item, holders, .. } => {
                    p.item = Some(item.clone());
                    p.holders = Some(holders.clone());
                }
                AgileError::Unknown { kind: "item", id } => p.item = Some(id.clone()),
                AgileError::InSprint { item, .. }
                | AgileError::NotInSprint { item, .. }
                | AgileError::ParentLoop { item, .. } => p.item = Some(item.clone()),
                _ => {}
            },
            Error::Risk(r) => {
                p.risk = Some(r.risk().map(str::to_string));
                if let RiskError::Csv { row, column, .. } = r {
                    p.row = Some(*row);
                    p.column = Some(column.clone());
                }
            }
            _ => {}
        }
        p
    }

    /// The scheduling failure underneath, whichever call reported it (`cpm`, `simulate`
    /// or `level`), so callers map a cycle or a date out of range the same way everywhere.
    pub fn schedule_error(&self) -> Option<&ScheduleError> {
        match self {
            Error::Schedule(e)
            | Error::Simulate(SimulateError::Schedule(e))
            | Error::Level(LevelError::Schedule(e))
            | Error::Control(ControlError::Schedule(e))
            | Error::Portfolio(crate::portfolio::PortfolioError::Schedule(e)) => Some(e),
            _ => None,
        }
    }

    /// The error's kind, one word shared by every door (the Python exception class and
    /// the JS `name` are [`class_name`](Self::class_name); JS `kind` is this):
    /// `cycle`, `schedule`, `model`, `calendar`, `io`, `simulation`, `leveling`, `risk`,
    /// `client`, `control`, `lifecycle`, `agile` or `render` (a portfolio error takes the kind of
    /// what failed: a cycle across projects is `cycle`, a bad document `io`, an unknown
    /// project, task or role `model`). A document that parses but describes an
    /// invalid project is `model`, like the edit that would build it; a malformed or
    /// foreign document is `io`.
    ///
    /// ```
    /// let e: planix::Error = planix::io::from_json(r#"{"format":"x"}"#).unwrap_err().into();
    /// assert_eq!((e.kind(), e.class_name()), ("io", "IoError"));
    /// ```
    pub fn kind(&self) -> &'static str {
        match (self.schedule_error(), self) {
            (Some(ScheduleError::Cycle { .. }), _) => "cycle",
            (Some(_), _) => "schedule",
            (
                None,
                Error::Model(
                    crate::model::ModelError::InvalidDuration { .. }
                    | crate::model::ModelError::ConstraintDate { .. }
                    | crate::model::ModelError::UnknownDistribution { .. },
                ),
            ) => "value",
            (None, Error::Model(_) | Error::Io(IoError::Invalid(_))) => "model",
            (None, Error::Calendar(_)) => "calendar",
            (None, Error::Io(_)) => "io",
            (None, Error::Simulate(_)) => "simulation",
            (None, Error::Level(_)) => "leveling",
            (None, Error::Risk(_)) => "risk",
            (None, Error::Client(_)) => "client",
            (None, Error::Control(_)) => "control",
            (None, Error::Lifecycle(_)) => "lifecycle",
            (None, Error::Schedule(_)) => "schedule",
            (None, Error::Agile(a)) => match a {
                AgileError::Document(_) => "io",
                AgileError::Calendar(_) => "calendar",
                AgileError::OutOfRange { .. } => "value",
                _ => "agile",
            },
            (None, Error::Portfolio(p)) => {
                use crate::portfolio::PortfolioError as P;
                match p {
                    P::Cycle { .. } => "cycle",
                    P::Level(_) => "leveling",
                    P::Simulate(_) => "simulation",
                    P::Document(_) => "io",
                    _ => "model",
                }
            }
            #[cfg(feature = "render")]
            (None, Error::Render(r)) => match r {
                crate::render::RenderError::Option { .. } => "value",
                crate::render::RenderError::UnknownTask(_) => "model",
                crate::render::RenderError::Calendar(_) => "calendar",
                _ => "render",
            },
        }
    }

    /// The exception class (Python) and error `name` (JS) of this error's
    /// [`kind`](Self::kind): `CycleError`, `ModelError`, `IoError`, …
    pub fn class_name(&self) -> &'static str {
        match self.kind() {
            "cycle" => "CycleError",
            "schedule" => "ScheduleError",
            "model" => "ModelError",
            "calendar" => "CalendarError",
            "io" => "IoError",
            "simulation" => "SimulationError",
            "leveling" => "LevelingError",
            "risk" => "RiskError",
            "client" => "ClientError",
            "control" => "ControlError",
            "lifecycle" => "LifecycleError",
            "render" => "RenderError",
            "agile" => "AgileError",
            "value" => "ArgumentError",
            _ => "PlanixError",
        }
    }
}

/// `Result` with planix's umbrella [`Error`] as the default error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
