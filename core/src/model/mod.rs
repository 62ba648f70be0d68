//! The editable project: tasks in a WBS tree, dependencies, constraints and calendars.
//!
//! [`Project`] is the only mutable type of planix. Every mutator validates before it
//! changes anything, so a failed call leaves the project exactly as it was.

mod baseline;
mod constraint;
mod dependency;
pub mod duration_text;
mod error;
pub(crate) mod estimate;
mod foreign;
mod project;
mod project_resources;
pub(crate) mod resource;
pub(crate) mod serde_doc;
mod spec;
pub(crate) mod store;
mod task;

pub use baseline::{Baseline, BaselineAssignment, BaselineDay, BaselineTask, MAX_BASELINES};
pub use constraint::{Constraint, ConstraintKind};
pub use dependency::{Dependency, Lag, LinkKind};
pub use duration_text::{DURATION_UNITS, DurationInput, DurationProblem};
pub use error::ModelError;
pub use estimate::{DEFAULT_LAMBDA, Distribution, Estimate};
pub use foreign::{Foreign, ForeignAssignment};
pub use project::{Project, ScheduleFrom};
pub use resource::{Assignment, Availability, CostRate, Leave, Resource, ResourceKind};
pub use spec::{AssignmentSpec, DependencySpec, LagInput, ResourceSpec, TaskEdit, TaskSpec};
pub use task::{DEFAULT_PRIORITY, DO_NOT_LEVEL, Progress, Task, TaskKind};

/// The largest duration or lag magnitude accepted, in minutes (about 3,800 years of
/// 8-hour working days): anything larger is an input error, not a plan.
pub const MAX_MINUTES: i64 = 1_000_000_000;

/// The largest percent lag magnitude accepted (±10,000,000%, i.e. 100,000 times the
/// predecessor's duration).
pub const MAX_PERCENT_LAG: i64 = 10_000_000;

/// The most tasks a project may hold: 10,000,000 on 64-bit targets (a plain plan takes
/// about 0.5–0.8 KB a task), 2,000,000 on 32-bit ones such as wasm32, whose 4 GiB
/// address space must also hold the schedule. Past it, loading or adding a task is
/// [`ModelError::TooManyTasks`] instead of running out of memory.
#[cfg(target_pointer_width = "64")]
pub const MAX_TASKS: usize = 10_000_000;
/// The most tasks a project may hold (see the 64-bit value).
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_TASKS: usize = 2_000_000;
