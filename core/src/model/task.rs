use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Constraint, Estimate};
use crate::calendar::Duration;
use crate::ids::{CalendarId, TaskId};

/// What a task is in the WBS tree. A task with children is a summary; a task with
/// zero duration (or flagged `milestone`) is a milestone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum TaskKind {
    /// Rolls up its children.
    Summary,
    /// Work with a duration.
    Task,
    /// A zero-duration event such as a client sign-off.
    Milestone,
}

impl TaskKind {
    /// The name JSON uses: `summary`, `task` or `milestone`.
    pub fn name(self) -> &'static str {
        match self {
            TaskKind::Summary => "summary",
            TaskKind::Task => "task",
            TaskKind::Milestone => "milestone",
        }
    }
}

/// One WBS element: summary task, task or milestone.
///
/// Fields are public to edit freely; the [`Project`](crate::model::Project) validates
/// them when the task is added or edited. The id is assigned by the project.
///
/// # Example
/// ```
/// use planix::{Duration, Task};
/// let t = Task::new("Design").with_duration(Duration::hours(40));
/// assert_eq!(t.duration.as_minutes(), 2400);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Task {
    #[serde(default)]
    pub(crate) id: TaskId,
    /// Name shown to people.
    pub name: String,
    /// The summary task this task belongs to (`None` at the top of the WBS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TaskId>,
    /// Working duration (ignored for summaries, which roll up their children).
    #[serde(default)]
    pub duration: Duration,
    /// Marks the task as a milestone even with a duration.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub milestone: bool,
    /// A task calendar replacing the project calendar for this task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarId>,
    /// Date constraint (ASAP by default).
    #[serde(default, skip_serializing_if = "is_asap")]
    pub constraint: Constraint,
    /// Deadline: does not move the task, but limits its late finish and warns when missed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDateTime>,
    /// Three-point estimate sampled by the Monte Carlo engine (ignored for summaries;
    /// without one the task keeps its planned duration in every iteration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Estimate>,
    /// Fixed cost of the task, in the project's currency (finite; may be negative for a credit).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub fixed_cost: f64,
    /// Cost per working hour of the task's duration (a run rate for tasks without resource
    /// assignments; finite, ≥ 0). Task cost = `fixed_cost + cost_rate × hours`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cost_rate: f64,
    /// Effort-driven: assigning another resource keeps the total work and shortens the
    /// task (MS Project's "effort driven"); otherwise the duration stays and work grows.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub effort_driven: bool,
    /// Leveling priority, 0–1000 (MS Project's scale, default 500): higher-priority tasks
    /// get resources first; 1000 means "do not level" (the task keeps its CPM dates).
    #[serde(
        default = "default_priority",
        skip_serializing_if = "is_default_priority"
    )]
    pub priority: u16,
    /// Free-text notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Progress recorded against the task (actuals, percent complete).
    #[serde(default, skip_serializing_if = "Progress::is_empty")]
    pub progress: Progress,
    /// Manually scheduled (MS Project's task mode, 2010 and later): the task starts at
    /// this date whatever its links and constraints say, and lasts its duration from
    /// there. Its late dates and floats are still computed, and its successors follow
    /// it. `None` (the default) is automatic scheduling. Ignored for summaries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual_start: Option<NaiveDateTime>,
    /// Leveling delay (MS Project's field of that name), in elapsed minutes: the task
    /// starts this long after its links and constraints allow (then at the next working
    /// time of its calendar). Written by
    /// [`Project::apply_leveling`](crate::model::Project::apply_leveling) so that
    /// [`schedule::cpm`](crate::schedule::cpm) reproduces a leveled schedule; zero by
    /// default; ignored for summaries and manually scheduled tasks.
    #[serde(default, skip_serializing_if = "Duration::is_zero")]
    pub leveling_delay: Duration,
}

/// Progress of a task as recorded at a status date (MS Project's tracking fields).
///
/// Consistency rules, checked when the task is added or edited: percents are 0–100; a
/// task with any progress has an actual start; an actual finish comes with 100% and is
/// not before the actual start; a 100% task has an actual finish.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// When work started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<NaiveDateTime>,
    /// When work finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_finish: Option<NaiveDateTime>,
    /// Percent of the duration done (0–100).
    #[serde(default, skip_serializing_if = "is_zero_u8")]
    pub percent_complete: u8,
    /// Physical percent complete (0–100), for earned value by physical progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_percent: Option<u8>,
    /// Remaining working duration, when it differs from what the percent implies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<Duration>,
    /// Actual work in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_work: Option<f64>,
    /// Actual cost to date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_cost: Option<f64>,
}

fn is_zero_u8(x: &u8) -> bool {
    *x == 0
}

impl Progress {
    /// No progress recorded.
    pub fn is_empty(&self) -> bool {
        *self == Progress::default()
    }

    /// The work left of a task planned at `duration`: the recorded remaining duration,
    /// or what the percent complete leaves (rounded to the minute).
    pub fn remaining_of(&self, duration: Duration) -> Duration {
        self.remaining.unwrap_or_else(|| {
            let left = i64::from(100 - self.percent_complete.min(100));
            Duration::minutes((duration.as_minutes() * left + 50) / 100)
        })
    }

    /// What is inconsistent, if anything.
    pub fn problem(&self) -> Option<String> {
        if self.percent_complete > 100 || self.physical_percent.is_some_and(|p| p > 100) {
            return Some("percent complete must be 0 to 100".into());
        }
        let started = self.percent_complete > 0
            || self.actual_finish.is_some()
            || self.actual_work.is_some_and(|w| w > 0.0)
            || self.actual_cost.is_some_and(|c| c != 0.0)
            || self.physical_percent.is_some_and(|p| p > 0);
        if started && self.actual_start.is_none() {
            return Some("a task with progress needs an actual start".into());
        }
        if let (Some(s), Some(f)) = (self.actual_start, self.actual_finish) {
            if f < s {
                return Some(format!("actual finish {f} is before actual start {s}"));
            }
        }
        if self.actual_finish.is_some() != (self.percent_complete == 100) {
            return Some("a task is 100% complete exactly when it has an actual finish".into());
        }
        if self.remaining.is_some_and(|r| r.is_negative()) {
            return Some("remaining duration must not be negative".into());
        }
        for (what, v) in [
            ("actual work", self.actual_work),
            ("actual cost", self.actual_cost),
        ] {
            if v.is_some_and(|x| !(x.is_finite() && x >= 0.0)) {
                return Some(format!("{what} must be finite and ≥ 0"));
            }
        }
        None
    }
}

/// The default leveling priority.
pub const DEFAULT_PRIORITY: u16 = 500;
/// The leveling priority that exempts a task from leveling.
pub const DO_NOT_LEVEL: u16 = 1000;

fn default_priority() -> u16 {
    DEFAULT_PRIORITY
}

fn is_default_priority(p: &u16) -> bool {
    *p == DEFAULT_PRIORITY
}

impl Default for Task {
    fn default() -> Self {
        Task {
            id: TaskId(0),
            name: String::new(),
            parent: None,
            duration: Duration::ZERO,
            milestone: false,
            calendar: None,
            constraint: Constraint::Asap,
            deadline: None,
            estimate: None,
            fixed_cost: 0.0,
            cost_rate: 0.0,
            effort_driven: false,
            priority: DEFAULT_PRIORITY,
            notes: String::new(),
            progress: Progress::default(),
            manual_start: None,
            leveling_delay: Duration::ZERO,
        }
    }
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

fn is_asap(c: &Constraint) -> bool {
    *c == Constraint::Asap
}

impl Task {
    /// A new task with the given name, zero duration and no parent.
    pub fn new(name: impl Into<String>) -> Self {
        Task {
            name: name.into(),
            ..Task::default()
        }
    }

    /// The same task with a leveling priority (0–1000; 1000 = do not level).
    pub fn with_priority(mut self, priority: u16) -> Self {
        self.priority = priority;
        self
    }

    /// The same task, effort-driven.
    pub fn effort_driven(mut self) -> Self {
        self.effort_driven = true;
        self
    }

    /// The id assigned by the project (0 before the task is added).
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// The same task with a duration.
    pub fn with_duration(mut self, duration: Duration) -> Self {
        self.duration = duration;
        self
    }

    /// The same task under a summary task.
    pub fn with_parent(mut self, parent: TaskId) -> Self {
        self.parent = Some(parent);
        self
    }

    /// The same task with a constraint.
    pub fn with_constraint(mut self, constraint: Constraint) -> Self {
        self.constraint = constraint;
        self
    }

    /// The same task with a task calendar.
    pub fn with_calendar(mut self, calendar: CalendarId) -> Self {
        self.calendar = Some(calendar);
        self
    }

    /// The same task with a deadline.
    pub fn with_deadline(mut self, deadline: NaiveDateTime) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The same task with a three-point estimate.
    pub fn with_estimate(mut self, estimate: Estimate) -> Self {
        self.estimate = Some(estimate);
        self
    }

    /// The same task with a fixed cost and a cost per working hour.
    pub fn with_cost(mut self, fixed_cost: f64, cost_rate: f64) -> Self {
        self.fixed_cost = fixed_cost;
        self.cost_rate = cost_rate;
        self
    }

    /// The task's cost for a duration of `minutes` working minutes.
    pub fn cost_for(&self, minutes: i64) -> f64 {
        self.fixed_cost + self.cost_rate * minutes as f64 / 60.0
    }

    /// The same task flagged as a milestone.
    pub fn as_milestone(mut self) -> Self {
        self.milestone = true;
        self
    }
}
