//! # planix
//!
//! A library for client project management: a WBS of summary tasks, tasks and
//! milestones; links (FS/SS/FF/SF with working, elapsed or percent lag); MS Project's
//! constraints and deadlines; working-time calendars; and an MS-Project-grade critical
//! path scheduler with total and free float, critical paths and the *driver* of every
//! task's start.
//!
//! ## Quick tour
//! ```
//! use chrono::NaiveDate;
//! use planix::{io, schedule, Calendar, Dependency, Duration, Lag, LinkKind, Project, Task};
//!
//! let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
//! let mut p = Project::new("Client portal", start);
//! let cal = p.project_calendar().clone();
//! let design = p.add_task(Task::new("Design").with_duration(cal.days(3)))?;
//! let build = p.add_task(Task::new("Build").with_duration(cal.days(5)))?;
//! let signoff = p.add_task(Task::new("Client sign-off"))?;
//! p.add_dependency(Dependency::new(design, build).with_lag(Lag::Working(cal.days(1))))?;
//! p.link(build, signoff)?;
//!
//! let s = schedule::cpm(&p, &schedule::CpmOptions::new())?;
//! // Design Mon–Wed, one day of lag, Build Fri–Thu, sign-off Thursday 17:00.
//! assert_eq!(s.task(build).unwrap().start().to_string(), "2027-01-08 08:00:00");
//! assert_eq!(s.finish().to_string(), "2027-01-14 17:00:00");
//! assert_eq!(s.critical_path(), &[design, build, signoff]);
//! assert_eq!(io::from_json(&io::to_json(&p))?, p);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Glossary
//! - **ES/EF, LS/LF**: early and late start and finish from the forward and backward passes.
//! - **Total float**: how far a task can slip without moving the project finish.
//! - **Free float**: how far a task can slip without moving any successor.
//! - **Critical**: total float ≤ 0.
//! - **Driver**: the bound that fixes a task's early start.

#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod agile;
pub mod calendar;
pub mod client;
pub mod control;
mod error;
pub mod history;
pub mod ids;
pub mod io;
mod iso;
pub mod lifecycle;
pub mod model;
mod names;
pub mod portfolio;
#[cfg(feature = "render")]
pub mod render;
mod watch;
pub use watch::Watch;
pub mod resources;
pub mod risk;
mod rng;
pub mod schedule;
pub mod simulate;

pub use calendar::{
    Calendar, CalendarError, CalendarException, Duration, WeekPattern, WorkingInterval,
    YearlyHoliday,
};
pub use error::{Error, ErrorPayload, Result};
pub use ids::{CalendarId, ResourceId, TaskId};
pub use io::IoError;
pub use model::{
    Assignment, AssignmentSpec, Availability, Constraint, ConstraintKind, CostRate, Dependency,
    DependencySpec, Distribution, DurationInput, Estimate, Lag, LagInput, Leave, LinkKind,
    ModelError, Progress, Project, Resource, ResourceKind, ResourceSpec, ScheduleFrom, Task,
    TaskEdit, TaskKind, TaskSpec,
};
pub use schedule::{CpmOptions, Driver, Schedule, ScheduleError, ScheduledTask, Warning};

impl Project {
    /// Schedules the project with default options; shorthand for [`schedule::cpm`].
    ///
    /// # Errors
    /// As [`schedule::cpm`].
    pub fn schedule(&self) -> Result<Schedule, ScheduleError> {
        schedule::cpm(self, &CpmOptions::default())
    }
}

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
