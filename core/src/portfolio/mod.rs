//! Several client projects sharing one team: a [`Portfolio`] of projects (each its own
//! [`Project`], calendar and risk register), one resource pool they share, cross-project
//! links and project priorities.
//!
//! Every operation runs on one *combined* project built for it — each member's tasks under
//! a summary of its own, its calendars as task calendars, the pool's resources shared and
//! each member's other resources kept local — so scheduling, leveling and Monte Carlo are
//! the single-project engines, exact and deterministic. Results are mapped back to each
//! member's own task ids.
//!
//! Pool rules (MS Project shares a pool by resource name, and so does planix):
//! - a member's work resource whose name is a pool resource's name books that pool
//!   resource (its units, calendar, availability and leave come from the pool);
//! - a member's work resource named `role:<role>` asks for *a* pool resource of that
//!   role: the role's capacity is the sum of its pool resources' units per day (their
//!   availability and leave applied) and its rate their mean standard rate; a pool
//!   resource with a role is booked through its role only;
//! - any other resource stays local to its project.
//!
//! Leveling across projects gives resources to higher project priorities first, then to
//! higher task priorities (MS Project's "priority, standard" order); each delay names the
//! project and task it waited for.
//!
//! # Example
//! ```
//! use chrono::NaiveDate;
//! use planix::portfolio::{Portfolio, PoolResource};
//! use planix::resources::LevelOptions;
//! use planix::{Assignment, Duration, Project, Resource, Task};
//! let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
//! let client = |name: &str| -> Result<Project, planix::ModelError> {
//!     let mut p = Project::new(name, start);
//!     let dev = p.add_resource(Resource::work("Ana", 1.0))?;
//!     let t = p.add_task(Task::new("Build").with_duration(Duration::hours(16)))?;
//!     p.assign(Assignment::new(t, dev, 1.0))?;
//!     Ok(p)
//! };
//! let mut pf = Portfolio::new("Agency");
//! pf.add_pool_resource(PoolResource::new("Ana", 1.0))?;
//! pf.add_project("acme", client("Acme")?, 800)?;
//! pf.add_project("globex", client("Globex")?, 500)?;
//! let leveled = pf.level(&LevelOptions::default())?;
//! // Ana builds for Acme (higher priority) first; Globex waits for her.
//! assert_eq!(leveled.schedule("acme").unwrap().finish().to_string(), "2027-01-05 17:00:00");
//! assert_eq!(leveled.schedule("globex").unwrap().finish().to_string(), "2027-01-07 17:00:00");
//! assert_eq!(leveled.delays[0].blocked_by[0].project, "acme");
//! pf.apply_leveling(&leveled)?;
//! assert_eq!(pf.project("globex").unwrap().schedule()?.finish().to_string(), "2027-01-07 17:00:00");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Duration};
use crate::ids::{CalendarId, ResourceId, TaskId};
use crate::model::{
    Assignment, Availability, Dependency, Lag, Leave, LinkKind, ModelError, Project, Resource,
    ResourceKind, Task,
};
use crate::resources::{LevelError, LevelOptions, Leveled};
use crate::risk::RiskRegister;
use crate::schedule::{CpmOptions, Schedule, ScheduleError};
use crate::simulate::{SimulateError, SimulationOptions, SimulationReport};

/// The document format name of a portfolio file.
pub const FORMAT: &str = "planix-portfolio";
/// The document version written.
pub const VERSION: u32 = 1;
/// The priority of a project added without one (MS Project's default, as for tasks).
pub const DEFAULT_PRIORITY: u16 = crate::model::DEFAULT_PRIORITY;
/// Most projects in one portfolio.
pub const MAX_PROJECTS: usize = 10_000;

/// Why a portfolio operation failed. The portfolio is never changed.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PortfolioError {
    /// No member project has this key.
    #[error("{context}: no project {key:?} in the portfolio")]
    UnknownProject {
        /// The key.
        key: String,
        /// Where it was named.
        context: String,
    },
    /// A project key is used twice (or is empty).
    #[error("project key {0:?} is already used (keys are non-empty and unique)")]
    DuplicateProject(String),
    /// A cross-project link names a task its project lacks.
    #[error("{context}: project {project:?} has no task {task}")]
    UnknownTask {
        /// The project.
        project: String,
        /// The task.
        task: TaskId,
        /// Where it was named.
        context: String,
    },
    /// Links (within and across projects) form a cycle: each item waits for the next,
    /// the last for the first.
    #[error("the links form a cycle across projects: {}", fmt_refs(.tasks, .names))]
    Cycle {
        /// The tasks of the cycle.
        tasks: Vec<TaskRef>,
        /// Their names.
        names: Vec<String>,
    },
    /// A task asks for a role no pool resource has.
    #[error(
        "project {project:?}: {task} ({name:?}) asks for role {role:?}, which no pool resource has"
    )]
    UnknownRole {
        /// The project.
        project: String,
        /// The task.
        task: TaskId,
        /// Its name.
        name: String,
        /// The role asked for.
        role: String,
    },
    /// A pool resource that can never work (no units, or a calendar without working time).
    #[error(
        "pool resource {name:?} has no working time (units {units}, calendar without working days or hours)"
    )]
    NoCapacity {
        /// The resource.
        name: String,
        /// Its units.
        units: f64,
    },
    /// A pool resource with a role is also booked by name.
    #[error(
        "project {project:?} books pool resource {name:?} by name, but it is booked through its role {role:?}"
    )]
    RoleBookedByName {
        /// The project.
        project: String,
        /// The resource.
        name: String,
        /// Its role.
        role: String,
    },
    /// Two pool resources share a name.
    #[error("pool resource {0:?} is already in the pool")]
    DuplicatePoolResource(String),
    /// A leveling result of another revision of the portfolio was given back.
    #[error(
        "the leveling result was computed from an earlier state of the portfolio (project {project:?} changed since); level again"
    )]
    Stale {
        /// The project (or `""` for the portfolio itself).
        project: String,
    },
    /// A member project's model rejected the combined plan.
    #[error("project {project:?}: {source}")]
    Model {
        /// The project.
        project: String,
        /// The model error.
        #[source]
        source: ModelError,
    },
    /// Scheduling failed.
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    /// Leveling failed.
    #[error(transparent)]
    Level(#[from] LevelError),
    /// The simulation failed.
    #[error(transparent)]
    Simulate(#[from] SimulateError),
    /// The portfolio document cannot be read.
    #[error("portfolio document: {0}")]
    Document(String),
}

fn fmt_refs(tasks: &[TaskRef], names: &[String]) -> String {
    let item = |k: usize| {
        let t = &tasks[k];
        format!(
            "{}:{} ({:?})",
            t.project,
            t.task,
            names.get(k).map_or("", String::as_str)
        )
    };
    let n = tasks.len();
    let shown: Vec<String> = if n <= 8 {
        (0..n).map(item).collect()
    } else {
        let mut v: Vec<String> = (0..4).map(item).collect();
        v.push(format!("… {} more …", n - 8));
        v.extend((n - 4..n).map(item));
        v
    };
    format!("{} → back to the first ({n} tasks)", shown.join(" → "))
}

/// A task of a member project.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct TaskRef {
    /// The project's key.
    pub project: String,
    /// The task id in that project.
    pub task: TaskId,
}

impl TaskRef {
    /// A reference to `task` of project `project`.
    pub fn new(project: impl Into<String>, task: TaskId) -> Self {
        TaskRef {
            project: project.into(),
            task,
        }
    }
}

/// A link between tasks of two projects (a task of one waits for a milestone of another).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CrossLink {
    /// The task waited for.
    pub predecessor: TaskRef,
    /// The waiting task.
    pub successor: TaskRef,
    /// Link type (finish-to-start by default).
    #[serde(default)]
    pub kind: LinkKind,
    /// Lag in working minutes of the successor's project calendar (may be negative).
    #[serde(default)]
    pub lag: Duration,
}

/// A resource of the shared pool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PoolResource {
    /// Name: member resources of this name book this resource.
    pub name: String,
    /// Units (1 = one full-time person; default 1).
    #[serde(default = "crate::model::resource::one")]
    pub max_units: f64,
    /// The resource's own working calendar (default: the booking project's calendar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
    /// Periods with other units (capacity by period).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Availability>,
    /// Leave.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leave: Vec<Leave>,
    /// A role or skill ("developer"): tasks may ask for `role:developer` instead of a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Standard rate per hour.
    #[serde(default)]
    pub standard_rate: f64,
}

impl PoolResource {
    /// A pool resource with `max_units` units and no calendar, role or rows.
    pub fn new(name: impl Into<String>, max_units: f64) -> Self {
        PoolResource {
            name: name.into(),
            max_units,
            calendar: None,
            availability: vec![],
            leave: vec![],
            role: None,
            standard_rate: 0.0,
        }
    }

    /// The work resource it stands for (without its calendar, which the combined plan adds).
    fn as_resource(&self) -> Resource {
        let mut res = Resource::work(self.name.clone(), self.max_units);
        res.availability.clone_from(&self.availability);
        res.leave.clone_from(&self.leave);
        if self.standard_rate != 0.0 {
            res.rates = vec![crate::model::CostRate::new(self.standard_rate)];
        }
        res
    }

    /// The same resource with a role.
    pub fn with_role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }
}

/// One project of the portfolio.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// Its key in the portfolio (unique).
    pub key: String,
    /// Project priority, 0–1000 (higher gets shared resources first).
    pub priority: u16,
    /// The project.
    pub project: Project,
    /// Its risk register (empty by default).
    pub risks: RiskRegister,
}

/// Several projects, one shared resource pool, cross-project links.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Portfolio {
    /// The portfolio's name.
    pub name: String,
    members: Vec<Member>,
    pool: Vec<PoolResource>,
    links: Vec<CrossLink>,
    revision: u64,
}

/// A delay of leveling across projects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PortfolioDelay {
    /// The delayed task.
    pub task: TaskRef,
    /// Its name.
    pub name: String,
    /// Working time it waited for the resource.
    pub delay: Duration,
    /// The resource waited for.
    pub resource_name: String,
    /// The tasks (of any project) holding it meanwhile.
    pub blocked_by: Vec<TaskRef>,
    /// The other projects it waited for.
    pub competing_projects: Vec<String>,
}

/// Schedules of every member, computed together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PortfolioSchedule {
    /// Each member's schedule, by project key, in portfolio order.
    pub projects: Vec<(String, Schedule)>,
}

/// The schedule of project `key` among `projects`.
fn schedule_of<'a>(projects: &'a [(String, Schedule)], key: &str) -> Option<&'a Schedule> {
    projects.iter().find(|p| p.0 == key).map(|p| &p.1)
}

/// The latest finish among `projects`.
fn latest_finish(projects: &[(String, Schedule)]) -> NaiveDateTime {
    projects
        .iter()
        .map(|p| p.1.finish())
        .max()
        .unwrap_or_default()
}

impl PortfolioSchedule {
    /// A member's schedule.
    pub fn schedule(&self, key: &str) -> Option<&Schedule> {
        schedule_of(&self.projects, key)
    }

    /// The latest finish of any project.
    pub fn finish(&self) -> NaiveDateTime {
        latest_finish(&self.projects)
    }
}

/// A portfolio leveled across projects.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct PortfolioLeveled {
    /// Each member's leveled schedule.
    pub projects: Vec<(String, Schedule)>,
    /// Every delay, in portfolio order.
    pub delays: Vec<PortfolioDelay>,
    /// Over-allocations left (do-not-level tasks, hard constraints).
    pub remaining: usize,
    /// Schedules the search generated.
    pub schedules: u64,
    /// Per member: the leveling delays that make its own CPM give its leveled dates.
    pub adopt: Vec<(String, Vec<(TaskId, Duration)>)>,
    /// The revisions of the portfolio and its members it was computed from.
    pub revisions: Vec<(String, u64)>,
}

impl PortfolioLeveled {
    /// A member's leveled schedule.
    pub fn schedule(&self, key: &str) -> Option<&Schedule> {
        schedule_of(&self.projects, key)
    }

    /// The latest finish of any project.
    pub fn finish(&self) -> NaiveDateTime {
        latest_finish(&self.projects)
    }
}

/// One row of the portfolio rollup.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ProjectRollup {
    /// Project key (`"portfolio"` for the total row).
    pub key: String,
    /// Name.
    pub name: String,
    /// Priority (the total row: none).
    pub priority: Option<u16>,
    /// Leaf tasks.
    pub tasks: usize,
    /// Start.
    pub start: NaiveDateTime,
    /// Finish (portfolio schedule: cross links honoured).
    pub finish: NaiveDateTime,
    /// Finish of baseline 0, if saved.
    pub baseline_finish: Option<NaiveDateTime>,
    /// Finish minus baseline finish, in working days of the project calendar.
    pub finish_variance_days: Option<f64>,
    /// Budget at completion (cost of the schedule).
    pub cost: f64,
    /// Estimate at completion from earned value (with a baseline and a status date).
    pub eac: Option<f64>,
    /// Schedule performance index.
    pub spi: Option<f64>,
    /// Cost performance index.
    pub cpi: Option<f64>,
    /// Critical tasks.
    pub critical: usize,
    /// Health, red / amber / green (`None` when it cannot be computed).
    pub health: Option<String>,
    /// The highest-rated open risks (ids, at most 3).
    pub top_risks: Vec<String>,
}

/// Rollups per project and for the portfolio, and pool utilisation by period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Rollup {
    /// One row per project, then the portfolio row.
    pub projects: Vec<ProjectRollup>,
    /// Pool resources' load by month across every project.
    pub utilisation: Vec<crate::resources::LoadRow>,
}

/// A member's key, its schedule from the combined dates, and the elapsed delays that
/// reproduce them.
type MemberSplit = (String, Schedule, Vec<(TaskId, i64)>);

impl Rollup {
    /// The rollup as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The rollup as a text table for people (one row per project, then the portfolio).
    pub fn table(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<12} {:<28} {:>4} {:>6} {:<10} {:<10} {:>8} {:>12} {:<6}",
            "project", "name", "prio", "tasks", "start", "finish", "var d", "cost", "health"
        );
        for r in &self.projects {
            let name: String = if r.name.chars().count() > 28 {
                r.name
                    .chars()
                    .take(27)
                    .chain(std::iter::once('…'))
                    .collect()
            } else {
                r.name.clone()
            };
            let _ = writeln!(
                out,
                "{:<12} {:<28} {:>4} {:>6} {:<10} {:<10} {:>8} {:>12.0} {:<6}",
                r.key,
                name,
                r.priority.map(|p| p.to_string()).unwrap_or_default(),
                r.tasks,
                r.start.date(),
                r.finish.date(),
                r.finish_variance_days
                    .map(|d| format!("{d:+.1}"))
                    .unwrap_or_else(|| "-".into()),
                r.cost,
                r.health.as_deref().unwrap_or("-"),
            );
        }
        out
    }
}

impl PortfolioLeveled {
    /// The leveling result as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The combined project and how its ids map back.
struct Combined {
    project: Project,
    /// Combined task id → (member index, member task id); member summaries are absent.
    back: BTreeMap<TaskId, (usize, TaskId)>,
    /// Per member: member task id → combined id.
    fwd: Vec<BTreeMap<TaskId, TaskId>>,
    /// Combined ids of each member's summary.
    summary: Vec<TaskId>,
    /// Combined resource ids of the pool (and roles), for utilisation.
    pool_ids: BTreeSet<ResourceId>,
}

impl Portfolio {
    /// An empty portfolio.
    pub fn new(name: impl Into<String>) -> Self {
        Portfolio {
            name: name.into(),
            ..Portfolio::default()
        }
    }

    /// The member projects, in portfolio order.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The member projects' keys, in portfolio order.
    pub fn projects(&self) -> Vec<&str> {
        self.members.iter().map(|m| m.key.as_str()).collect()
    }

    /// A member's project.
    pub fn project(&self, key: &str) -> Option<&Project> {
        self.members
            .iter()
            .find(|m| m.key == key)
            .map(|m| &m.project)
    }

    /// A member, to edit its project, priority or risks (the portfolio's revision moves).
    pub fn member_mut(&mut self, key: &str) -> Option<&mut Member> {
        self.revision += 1;
        self.members.iter_mut().find(|m| m.key == key)
    }

    /// The shared pool.
    pub fn pool(&self) -> &[PoolResource] {
        &self.pool
    }

    /// The cross-project links.
    pub fn links(&self) -> &[CrossLink] {
        &self.links
    }

    /// A counter bumped by every edit of the portfolio.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn index(&self, key: &str, context: &str) -> Result<usize, PortfolioError> {
        self.members
            .iter()
            .position(|m| m.key == key)
            .ok_or_else(|| PortfolioError::UnknownProject {
                key: key.to_string(),
                context: context.to_string(),
            })
    }

    /// Adds a project under `key` with a priority (0–1000).
    ///
    /// # Errors
    /// [`PortfolioError::DuplicateProject`]; [`PortfolioError::Document`] for a priority
    /// above 1000 or more than [`MAX_PROJECTS`] projects.
    pub fn add_project(
        &mut self,
        key: impl Into<String>,
        project: Project,
        priority: u16,
    ) -> Result<(), PortfolioError> {
        self.add_member(Member {
            key: key.into(),
            priority,
            project,
            risks: RiskRegister::new(),
        })
    }

    /// Adds a member (project, priority and risk register).
    ///
    /// # Errors
    /// As [`add_project`](Self::add_project).
    pub fn add_member(&mut self, member: Member) -> Result<(), PortfolioError> {
        if member.key.is_empty() || self.members.iter().any(|m| m.key == member.key) {
            return Err(PortfolioError::DuplicateProject(member.key));
        }
        if member.priority > 1000 {
            return Err(PortfolioError::Document(format!(
                "project {:?}: priority {} is not 0 to 1000",
                member.key, member.priority
            )));
        }
        if self.members.len() >= MAX_PROJECTS {
            return Err(PortfolioError::Document(format!(
                "a portfolio holds at most {MAX_PROJECTS} projects"
            )));
        }
        self.members.push(member);
        self.revision += 1;
        Ok(())
    }

    /// Adds a resource to the shared pool.
    ///
    /// # Errors
    /// [`PortfolioError::DuplicatePoolResource`]; [`PortfolioError::NoCapacity`] for a
    /// resource with no units or a calendar without any working time.
    pub fn add_pool_resource(&mut self, r: PoolResource) -> Result<(), PortfolioError> {
        if self.pool.iter().any(|x| x.name == r.name) {
            return Err(PortfolioError::DuplicatePoolResource(r.name));
        }
        let no_time = r.calendar.as_ref().is_some_and(|c| {
            let d0 = NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default();
            (0..7).all(|k| !c.is_working_day(d0 + chrono::Days::new(k)) || c.minutes_per_day() == 0)
        });
        if !(r.max_units.is_finite() && r.max_units > 0.0) || no_time {
            return Err(PortfolioError::NoCapacity {
                name: r.name,
                units: r.max_units,
            });
        }
        for a in &r.availability {
            if !(a.units.is_finite() && a.units >= 0.0) || a.until < a.from {
                return Err(PortfolioError::Document(format!(
                    "pool resource {:?}: availability {} to {} with {} units is invalid",
                    r.name, a.from, a.until, a.units
                )));
            }
        }
        self.pool.push(r);
        self.revision += 1;
        Ok(())
    }

    /// Links a task of one project to a task of another (or the same) project.
    ///
    /// # Errors
    /// [`PortfolioError::UnknownProject`] or [`PortfolioError::UnknownTask`]; a cycle is
    /// reported by [`schedule`](Self::schedule) and [`level`](Self::level) as
    /// [`PortfolioError::Cycle`] listing the tasks across projects.
    pub fn link(&mut self, link: CrossLink) -> Result<(), PortfolioError> {
        for r in [&link.predecessor, &link.successor] {
            let i = self.index(&r.project, "cross-project link")?;
            if self.members[i].project.task(r.task).is_none() {
                return Err(PortfolioError::UnknownTask {
                    project: r.project.clone(),
                    task: r.task,
                    context: "cross-project link".into(),
                });
            }
        }
        if link.lag.as_minutes().abs() > crate::model::MAX_MINUTES {
            return Err(PortfolioError::Document(format!(
                "cross-project link lag {} min is out of range",
                link.lag.as_minutes()
            )));
        }
        self.links.push(link);
        self.revision += 1;
        Ok(())
    }

    fn model_err(&self, m: usize, e: ModelError) -> PortfolioError {
        PortfolioError::Model {
            project: self
                .members
                .get(m)
                .map(|x| x.key.clone())
                .unwrap_or_default(),
            source: e,
        }
    }

    /// The combined project (see the module documentation).
    fn combine(&self, delays: bool) -> Result<Combined, PortfolioError> {
        let first = self
            .members
            .iter()
            .map(|m| match m.project.schedule_from() {
                crate::ScheduleFrom::Start(d) | crate::ScheduleFrom::Finish(d) => d,
            })
            .min()
            .unwrap_or_default();
        let mut c = Project::new(self.name.clone(), first);
        // The first member's project calendar is the combined project's calendar.
        if let Some(m0) = self.members.first() {
            c.calendars.clear();
            c.calendars
                .insert(CalendarId(1), m0.project.project_calendar().clone());
            c.calendar = CalendarId(1);
            c.next_calendar = 2;
        }
        // Pool resources and roles.
        let mut pool_ids = BTreeSet::new();
        let mut by_name: BTreeMap<&str, ResourceId> = BTreeMap::new();
        let mut roles: BTreeMap<&str, Vec<&PoolResource>> = BTreeMap::new();
        for r in &self.pool {
            if let Some(role) = &r.role {
                roles.entry(role.as_str()).or_default().push(r);
                continue;
            }
            let mut res = r.as_resource();
            if let Some(cal) = &r.calendar {
                res.calendar = Some(
                    c.add_calendar(cal.clone())
                        .map_err(|e| self.model_err(0, e))?,
                );
            }
            let id = c.add_resource(res).map_err(|e| self.model_err(0, e))?;
            pool_ids.insert(id);
            by_name.insert(r.name.as_str(), id);
        }
        let mut role_ids: BTreeMap<&str, ResourceId> = BTreeMap::new();
        for (role, people) in &roles {
            let units: f64 = people.iter().map(|r| r.max_units).sum();
            let mut res = Resource::work(format!("role:{role}"), units);
            res.availability = role_availability(people);
            // A role costs its people's mean standard rate.
            let rate = people.iter().map(|r| r.standard_rate).sum::<f64>() / people.len() as f64;
            if rate != 0.0 {
                res.rates = vec![crate::model::CostRate::new(rate)];
            }
            let id = c.add_resource(res).map_err(|e| self.model_err(0, e))?;
            pool_ids.insert(id);
            role_ids.insert(role, id);
        }
        // Rows gathered in id order, then built into the maps in one pass each.
        let mut tasks: Vec<(TaskId, Task)> = Vec::new();
        let mut kids_of: Vec<(TaskId, TaskId)> = Vec::new();
        let mut back_rows: Vec<(TaskId, (usize, TaskId))> = Vec::new();
        let mut links: Vec<((TaskId, TaskId), Dependency)> = Vec::new();
        let mut fwd = Vec::with_capacity(self.members.len());
        let mut summary = Vec::with_capacity(self.members.len());
        let mut next = 1u32;
        let combined_cal = c.project_calendar().clone();
        for (mi, m) in self.members.iter().enumerate() {
            let p = &m.project;
            // Calendars: copied, then task calendars where they differ from the combined one.
            let mut cal_map: BTreeMap<CalendarId, Option<CalendarId>> = BTreeMap::new();
            for (id, cal) in p.calendars() {
                let mapped = if *cal == combined_cal {
                    None
                } else {
                    Some(
                        c.add_calendar(cal.clone())
                            .map_err(|e| self.model_err(mi, e))?,
                    )
                };
                cal_map.insert(id, mapped);
            }
            let pcal = cal_map.get(&p.calendar_id()).copied().flatten();
            let sid = TaskId(next);
            next += 1;
            let mut st = Task::new(format!("{}: {}", m.key, p.name()));
            st.id = sid;
            let start = match p.schedule_from() {
                crate::ScheduleFrom::Start(d) | crate::ScheduleFrom::Finish(d) => d,
            };
            if start > first {
                st.constraint = crate::model::Constraint::Snet(start);
            }
            tasks.push((sid, st));
            summary.push(sid);
            let mut map = BTreeMap::new();
            // Depth-first so every parent is numbered before its children.
            let mut stack: Vec<TaskId> = p
                .tasks()
                .filter(|t| t.parent.is_none())
                .map(|t| t.id())
                .collect();
            stack.reverse();
            while let Some(id) = stack.pop() {
                let Some(t) = p.task(id) else { continue };
                let cid = TaskId(next);
                next += 1;
                let mut nt = t.clone();
                nt.id = cid;
                nt.parent = Some(t.parent.and_then(|q| map.get(&q).copied()).unwrap_or(sid));
                nt.calendar = match t.calendar {
                    Some(k) => cal_map.get(&k).copied().flatten(),
                    None => pcal,
                };
                if !delays {
                    nt.leveling_delay = Duration::ZERO;
                }
                if let Some(par) = nt.parent {
                    kids_of.push((par, cid));
                }
                tasks.push((cid, nt));
                map.insert(id, cid);
                back_rows.push((cid, (mi, id)));
                let kids: Vec<TaskId> = p.children(id).collect();
                stack.extend(kids.into_iter().rev());
            }
            for d in p.dependencies() {
                let (Some(&a), Some(&b)) = (map.get(&d.predecessor), map.get(&d.successor)) else {
                    continue;
                };
                let mut nd = *d;
                nd.predecessor = a;
                nd.successor = b;
                links.push(((a, b), nd));
            }
            // Resources: pool by name, roles, else local.
            let mut res_map: BTreeMap<ResourceId, ResourceId> = BTreeMap::new();
            for r in p.resources() {
                let target =
                    if let Some(role) = r.name.strip_prefix("role:") {
                        match role_ids.get(role) {
                            Some(&id) => id,
                            None => {
                                let task = p
                                    .assignments()
                                    .find(|a| a.resource == r.id())
                                    .map(|a| a.task)
                                    .unwrap_or_default();
                                return Err(PortfolioError::UnknownRole {
                                    project: m.key.clone(),
                                    task,
                                    name: p.task(task).map(|t| t.name.clone()).unwrap_or_default(),
                                    role: role.to_string(),
                                });
                            }
                        }
                    } else if let (ResourceKind::Work, Some(&id)) =
                        (r.kind, by_name.get(r.name.as_str()))
                    {
                        id
                    } else if let Some(pr) = self.pool.iter().find(|x| {
                        x.name == r.name && x.role.is_some() && r.kind == ResourceKind::Work
                    }) {
                        return Err(PortfolioError::RoleBookedByName {
                            project: m.key.clone(),
                            name: r.name.clone(),
                            role: pr.role.clone().unwrap_or_default(),
                        });
                    } else {
                        let mut lr = r.clone();
                        lr.name = format!("{}/{}", m.key, r.name);
                        lr.calendar = r.calendar.and_then(|k| cal_map.get(&k).copied().flatten());
                        c.add_resource(lr).map_err(|e| self.model_err(mi, e))?
                    };
                res_map.insert(r.id(), target);
            }
            for a in p.assignments() {
                let (Some(&t), Some(&r)) = (map.get(&a.task), res_map.get(&a.resource)) else {
                    continue;
                };
                let mut na: Assignment = *a;
                na.task = t;
                na.resource = r;
                match c.assignments.get_mut(&(t, r)) {
                    // Two member resources mapped to one (a role asked twice): add the units.
                    Some(x) => x.units += na.units,
                    None => {
                        c.assignments.insert((t, r), na);
                    }
                }
            }
            fwd.push(map);
        }
        c.tasks = tasks.into_iter().collect();
        c.links = links.into_iter().collect();
        for (par, kid) in kids_of {
            c.children.entry(par).or_default().insert(kid);
        }
        let back: BTreeMap<TaskId, (usize, TaskId)> = back_rows.into_iter().collect();
        for l in &self.links {
            let ia = self.index(&l.predecessor.project, "cross-project link")?;
            let ib = self.index(&l.successor.project, "cross-project link")?;
            let (Some(&a), Some(&b)) = (
                fwd[ia].get(&l.predecessor.task),
                fwd[ib].get(&l.successor.task),
            ) else {
                return Err(PortfolioError::UnknownTask {
                    project: l.successor.project.clone(),
                    task: l.successor.task,
                    context: "cross-project link".into(),
                });
            };
            let d = Dependency::new(a, b)
                .with_kind(l.kind)
                .with_lag(Lag::Working(l.lag));
            c.next_task = next;
            // Members are valid projects and their copies keep every invariant; only a
            // cross link can break one (an FF/SF link onto a summary, a duplicate).
            c.check_link(&d, false).map_err(|e| PortfolioError::Model {
                project: l.successor.project.clone(),
                source: e,
            })?;
            c.links.insert((a, b), d);
        }
        c.next_task = next;
        Ok(Combined {
            project: c,
            back,
            fwd,
            summary,
            pool_ids,
        })
    }

    fn map_cycle(&self, c: &Combined, e: ScheduleError) -> PortfolioError {
        match e {
            ScheduleError::Cycle { tasks, .. } => {
                let mut refs = Vec::new();
                let mut names = Vec::new();
                for t in tasks {
                    if let Some(&(m, id)) = c.back.get(&t) {
                        let mem = &self.members[m];
                        refs.push(TaskRef::new(mem.key.clone(), id));
                        names.push(
                            mem.project
                                .task(id)
                                .map(|x| x.name.clone())
                                .unwrap_or_default(),
                        );
                    }
                }
                PortfolioError::Cycle { tasks: refs, names }
            }
            other => PortfolioError::Schedule(other),
        }
    }

    /// Each member's schedule from the combined dates: the member's own CPM with every
    /// task's combined start as a floor (a member's links and calendars are its own, so
    /// the floors give exactly the combined dates), plus the delays that reproduce them.
    fn split(
        &self,
        c: &Combined,
        starts: &BTreeMap<TaskId, NaiveDateTime>,
    ) -> Result<Vec<MemberSplit>, PortfolioError> {
        let mut out = Vec::with_capacity(self.members.len());
        for (mi, m) in self.members.iter().enumerate() {
            let floors: Vec<(TaskId, NaiveDateTime)> = c.fwd[mi]
                .iter()
                .filter(|(id, _)| !m.project.is_summary(**id))
                .filter_map(|(&id, &cid)| starts.get(&cid).map(|&st| (id, st)))
                .collect();
            let (sched, applied) =
                crate::schedule::cpm::cpm_with_floors(&m.project, &CpmOptions::default(), &floors)
                    .map_err(|e| self.map_cycle(c, e))?;
            out.push((m.key.clone(), sched, applied));
        }
        Ok(out)
    }

    /// Schedules every project together: cross-project links honoured, each project on
    /// its own calendars, no resource limits.
    ///
    /// # Errors
    /// [`PortfolioError::Cycle`] listing the tasks across projects; schedule errors.
    pub fn schedule(&self) -> Result<PortfolioSchedule, PortfolioError> {
        let c = self.combine(true)?;
        let starts: BTreeMap<TaskId, NaiveDateTime> =
            crate::schedule::cpm::early_starts(&c.project)
                .map_err(|e| self.map_cycle(&c, e))?
                .into_iter()
                .collect();
        let projects = self
            .split(&c, &starts)?
            .into_iter()
            .map(|(k, s, _)| (k, s))
            .collect();
        Ok(PortfolioSchedule { projects })
    }

    /// Levels every project against the shared pool, higher project priority first.
    ///
    /// # Errors
    /// [`PortfolioError::Cycle`], [`PortfolioError::UnknownRole`],
    /// [`PortfolioError::Level`] (a demand that never fits names the task of the combined
    /// plan, `<key>: …` summaries included).
    pub fn level(&self, opts: &LevelOptions) -> Result<PortfolioLeveled, PortfolioError> {
        let c = self.combine(false)?;
        let prio: BTreeMap<TaskId, i64> = c
            .back
            .iter()
            .map(|(&cid, &(m, id))| {
                let tp = self.members[m]
                    .project
                    .task(id)
                    .map_or(500, |t| i64::from(t.priority));
                (cid, i64::from(self.members[m].priority) * 1001 + tp)
            })
            .collect();
        let l: Leveled = crate::resources::level::level_weighted(&c.project, opts, &|t| {
            prio.get(&t).copied().unwrap_or(0)
        })
        .map_err(|e| match e {
            LevelError::Schedule(s) => self.map_cycle(&c, s),
            other => PortfolioError::Level(other),
        })?;
        let starts: BTreeMap<TaskId, NaiveDateTime> = l
            .schedule
            .tasks()
            .iter()
            .map(|t| (t.id(), t.start()))
            .collect();
        let split = self.split(&c, &starts)?;
        let to_ref = |cid: TaskId| {
            c.back
                .get(&cid)
                .map(|&(m, id)| TaskRef::new(self.members[m].key.clone(), id))
        };
        let mut delays = Vec::new();
        for d in &l.delays {
            let Some(task) = to_ref(d.task) else { continue };
            if d.delay.is_zero() {
                continue;
            }
            let blocked_by: Vec<TaskRef> = d.blocked_by.iter().filter_map(|&t| to_ref(t)).collect();
            let competing: BTreeSet<String> = blocked_by
                .iter()
                .filter(|r| r.project != task.project)
                .map(|r| r.project.clone())
                .collect();
            delays.push(PortfolioDelay {
                name: d.name.clone(),
                task,
                delay: d.delay,
                resource_name: d.resource_name.clone(),
                blocked_by,
                competing_projects: competing.into_iter().collect(),
            });
        }
        let mut revisions = vec![(String::new(), self.revision)];
        revisions.extend(
            self.members
                .iter()
                .map(|m| (m.key.clone(), m.project.revision())),
        );
        Ok(PortfolioLeveled {
            adopt: split
                .iter()
                .map(|(k, _, a)| {
                    (
                        k.clone(),
                        a.iter().map(|&(t, d)| (t, Duration::minutes(d))).collect(),
                    )
                })
                .collect(),
            projects: split.into_iter().map(|(k, s, _)| (k, s)).collect(),
            delays,
            remaining: l.remaining.len(),
            schedules: l.schedules,
            revisions,
        })
    }

    /// Adopts a portfolio leveling into every project: each member stores the leveling
    /// delays that make its own schedule the leveled one.
    ///
    /// # Errors
    /// [`PortfolioError::Stale`] when the portfolio or a project changed since; nothing
    /// is changed on error.
    pub fn apply_leveling(&mut self, l: &PortfolioLeveled) -> Result<(), PortfolioError> {
        let mut current = vec![(String::new(), self.revision)];
        current.extend(
            self.members
                .iter()
                .map(|m| (m.key.clone(), m.project.revision())),
        );
        if current != l.revisions {
            let project = current
                .iter()
                .zip(l.revisions.iter().map(Some).chain(std::iter::repeat(None)))
                .find(|(a, b)| Some(*a) != *b)
                .map(|(a, _)| a.0.clone())
                .unwrap_or_default();
            return Err(PortfolioError::Stale { project });
        }
        for (key, delays) in &l.adopt {
            let i = self.index(key, "leveling result")?;
            for (t, _) in delays {
                if self.members[i].project.task(*t).is_none() {
                    return Err(PortfolioError::UnknownTask {
                        project: key.clone(),
                        task: *t,
                        context: "leveling result".into(),
                    });
                }
            }
        }
        for (key, delays) in &l.adopt {
            let i = self.index(key, "leveling result")?;
            let set: BTreeMap<TaskId, Duration> = delays.iter().copied().collect();
            let p = &mut self.members[i].project;
            for (id, t) in p.tasks.iter_mut() {
                t.leveling_delay = set.get(id).copied().unwrap_or(Duration::ZERO);
            }
            p.revision += 1;
        }
        self.revision += 1;
        Ok(())
    }

    /// Clears every project's leveling delays.
    pub fn clear_leveling(&mut self) {
        for m in &mut self.members {
            m.project.clear_leveling();
        }
        self.revision += 1;
    }

    /// Monte Carlo of the whole portfolio in one run: every project's estimates and risk
    /// events; `options.resource_constrained` shares the pool in every iteration. The
    /// report's milestones include one `"<key> finish"` per project (its P50/P80), and the
    /// report's finish is the portfolio's.
    ///
    /// # Errors
    /// As [`simulate`](crate::simulate::simulate); [`PortfolioError::Cycle`].
    pub fn simulate(
        &self,
        options: &SimulationOptions,
    ) -> Result<SimulationReport, PortfolioError> {
        let mut c = self.combine(true)?;
        let mut o = options.clone();
        for (mi, m) in self.members.iter().enumerate() {
            let mut fin = Task::new(format!("{} finish", m.key));
            fin.milestone = true;
            fin.parent = Some(c.summary[mi]);
            let fid = TaskId(c.project.next_task);
            fin.id = fid;
            c.project.next_task += 1;
            // Every leaf of the project precedes its finish milestone.
            for &cid in c.fwd[mi].values() {
                if !c.project.is_summary(cid) {
                    c.project
                        .links
                        .insert((cid, fid), Dependency::new(cid, fid));
                }
            }
            c.project
                .children
                .entry(c.summary[mi])
                .or_default()
                .insert(fid);
            c.project.tasks.insert(fid, fin);
            for mut ev in m.risks.to_risk_events() {
                ev.tasks = ev
                    .tasks
                    .iter()
                    .filter_map(|t| c.fwd[mi].get(t).copied())
                    .collect();
                ev.id = format!("{}/{}", m.key, ev.id);
                o.risks.push(ev);
            }
        }
        crate::simulate::simulate(&c.project, &o).map_err(|e| match e {
            SimulateError::Schedule(s) => self.map_cycle(&c, s),
            other => PortfolioError::Simulate(other),
        })
    }

    /// Rollups per project and for the portfolio (on the portfolio schedule: cross links
    /// honoured), and the pool's load by month.
    ///
    /// # Errors
    /// As [`schedule`](Self::schedule).
    pub fn rollup(&self) -> Result<Rollup, PortfolioError> {
        let ps = self.schedule()?;
        // Costs and the pool's load on the combined plan: pool rates apply to every
        // project that books the pool.
        let c = self.combine(true)?;
        let cs = crate::schedule::cpm(&c.project, &CpmOptions::default())
            .map_err(|e| self.map_cycle(&c, e))?;
        let report = crate::resources::costs(&c.project, &cs);
        let mut member_cost = vec![0.0; self.members.len()];
        for t in &report.tasks {
            if let Some(&(m, _)) = c.back.get(&t.task) {
                if !c.project.is_summary(t.task) {
                    member_cost[m] += t.total;
                }
            }
        }
        let mut rows = Vec::with_capacity(self.members.len() + 1);
        let mut total_cost = 0.0;
        let mut total_tasks = 0;
        let mut total_critical = 0;
        for (mi, (m, (_, s))) in self.members.iter().zip(&ps.projects).enumerate() {
            let p = &m.project;
            let cost = member_cost[mi];
            let tasks = p.tasks().filter(|t| !p.is_summary(t.id())).count();
            let critical = s
                .tasks()
                .iter()
                .filter(|t| t.is_critical() && !p.is_summary(t.id()))
                .count();
            let baseline_finish = p
                .baseline(0)
                .and_then(|b| b.tasks.values().map(|t| t.finish).max());
            let finish_variance_days = baseline_finish.and_then(|bf| {
                let cal = p.project_calendar();
                let (a, b, sign) = if s.finish() >= bf {
                    (bf, s.finish(), 1.0)
                } else {
                    (s.finish(), bf, -1.0)
                };
                cal.working_time_between(a, b)
                    .ok()
                    .map(|d| sign * d.as_days(cal.minutes_per_day()))
            });
            let ev = p
                .status_date()
                .filter(|_| p.baseline(0).is_some())
                .and_then(|_| {
                    crate::control::earned_value(p, 0, crate::control::EvMethod::PercentComplete)
                        .ok()
                });
            let health = crate::control::health(
                p,
                None,
                Some(&m.risks),
                &crate::control::HealthOptions::default(),
            )
            .ok()
            .map(|h| {
                match h.overall {
                    crate::control::Rag::Green => "green",
                    crate::control::Rag::Amber => "amber",
                    crate::control::Rag::Red => "red",
                }
                .to_string()
            });
            total_cost += cost;
            total_tasks += tasks;
            total_critical += critical;
            rows.push(ProjectRollup {
                key: m.key.clone(),
                name: p.name().to_string(),
                priority: Some(m.priority),
                tasks,
                start: s.start(),
                finish: s.finish(),
                baseline_finish,
                finish_variance_days,
                cost,
                eac: ev.as_ref().and_then(|e| e.project.eac_cpi),
                spi: ev.as_ref().and_then(|e| e.project.spi),
                cpi: ev.as_ref().and_then(|e| e.project.cpi),
                critical,
                health,
                top_risks: m.risks.top(3).iter().map(|r| r.id.clone()).collect(),
            });
        }
        let worst = rows
            .iter()
            .filter_map(|r| r.health.clone())
            .max_by_key(|h| match h.as_str() {
                "red" => 2,
                "amber" => 1,
                _ => 0,
            });
        rows.push(ProjectRollup {
            key: "portfolio".into(),
            name: self.name.clone(),
            priority: None,
            tasks: total_tasks,
            start: ps
                .projects
                .iter()
                .map(|p| p.1.start())
                .min()
                .unwrap_or_default(),
            finish: ps.finish(),
            baseline_finish: rows.iter().filter_map(|r| r.baseline_finish).max(),
            finish_variance_days: None,
            cost: total_cost,
            eac: None,
            spi: None,
            cpi: None,
            critical: total_critical,
            health: worst,
            top_risks: vec![],
        });
        // Pool load on the combined plan.
        let c = self.combine(true)?;
        let s = crate::schedule::cpm(&c.project, &CpmOptions::default())
            .map_err(|e| self.map_cycle(&c, e))?;
        let utilisation =
            crate::resources::loading(&c.project, &s, crate::resources::Period::Month)
                .into_iter()
                .filter(|r| c.pool_ids.contains(&r.resource))
                .collect();
        Ok(Rollup {
            projects: rows,
            utilisation,
        })
    }

    /// The portfolio document (`docs/format.md`): versioned, each project as its planix
    /// JSON document, lossless.
    pub fn to_json(&self) -> String {
        let doc = Doc {
            format: FORMAT.into(),
            version: VERSION,
            name: self.name.clone(),
            pool: self.pool.clone(),
            projects: self
                .members
                .iter()
                .map(|m| DocMember {
                    key: m.key.clone(),
                    priority: m.priority,
                    project: serde_json::from_str(&crate::io::to_json(&m.project))
                        .unwrap_or(serde_json::Value::Null),
                    risks: if m.risks.risks().is_empty() {
                        None
                    } else {
                        serde_json::from_str(&m.risks.to_json()).ok()
                    },
                })
                .collect(),
            links: self.links.clone(),
        };
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    /// Reads a portfolio document, checking it as the edits would.
    ///
    /// # Errors
    /// [`PortfolioError::Document`] naming what is wrong; the errors of the edits.
    pub fn from_json(text: &str) -> Result<Portfolio, PortfolioError> {
        if text.len() > crate::io::MAX_DOCUMENT_BYTES {
            return Err(PortfolioError::Document(format!(
                "the document is larger than {} bytes",
                crate::io::MAX_DOCUMENT_BYTES
            )));
        }
        let doc: Doc =
            serde_json::from_str(text).map_err(|e| PortfolioError::Document(e.to_string()))?;
        if doc.format != FORMAT {
            return Err(PortfolioError::Document(format!(
                "format is {:?}, not {FORMAT:?}",
                doc.format
            )));
        }
        if doc.version != VERSION {
            return Err(PortfolioError::Document(format!(
                "version {} is not supported (this planix reads version {VERSION})",
                doc.version
            )));
        }
        let mut pf = Portfolio::new(doc.name);
        for r in doc.pool {
            pf.add_pool_resource(r)?;
        }
        for m in doc.projects {
            let project = crate::io::from_json(&m.project.to_string())
                .map_err(|e| PortfolioError::Document(format!("project {:?}: {e}", m.key)))?;
            let risks = match m.risks {
                Some(v) => RiskRegister::from_json(&v.to_string()).map_err(|e| {
                    PortfolioError::Document(format!("project {:?} risks: {e}", m.key))
                })?,
                None => RiskRegister::new(),
            };
            pf.add_member(Member {
                key: m.key,
                priority: m.priority,
                project,
                risks,
            })?;
        }
        for l in doc.links {
            pf.link(l)?;
        }
        pf.revision = 0;
        Ok(pf)
    }
}

/// A role's capacity by day: the sum of its people's units on each stretch between the
/// dates where any of them changes (availability rows, leave).
fn role_availability(people: &[&PoolResource]) -> Vec<Availability> {
    let people: Vec<Resource> = people.iter().map(|r| r.as_resource()).collect();
    let cuts: BTreeSet<NaiveDate> = people.iter().flat_map(Resource::change_days).collect();
    let cuts: Vec<NaiveDate> = cuts.into_iter().collect();
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let (from, next) = (w[0], w[1]);
        let Some(until) = next.pred_opt() else {
            continue;
        };
        let units: f64 = people.iter().map(|r| r.units_on(from)).sum();
        out.push(Availability { from, until, units });
    }
    out
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    format: String,
    version: u32,
    name: String,
    #[serde(default)]
    pool: Vec<PoolResource>,
    #[serde(default)]
    projects: Vec<DocMember>,
    #[serde(default)]
    links: Vec<CrossLink>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocMember {
    key: String,
    #[serde(default = "default_priority")]
    priority: u16,
    project: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    risks: Option<serde_json::Value>,
}

fn default_priority() -> u16 {
    DEFAULT_PRIORITY
}
