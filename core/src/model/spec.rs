//! Input specs: the shapes callers type, folded into model values in one place.
//!
//! The Python and JS bindings and the CLI deserialize a caller's keyword arguments or
//! plain object straight into these types and call one `Project` method, so the rules
//! (what a duration text means, which fields an edit may touch) live here once.

use chrono::NaiveDateTime;
use serde::{Deserialize, Deserializer};

use super::duration_text::{self, DurationInput, DurationProblem};
use super::{Constraint, Dependency, Estimate, Lag, LinkKind, ModelError, Progress, Project, Task};
use crate::calendar::Duration;
use crate::ids::{CalendarId, TaskId};

/// A lag as a caller gives it: whole working minutes, a text such as `"2ed"`, `"50%"` or
/// `"-1d"`, or the JSON document's `{"working": 480}` / `{"elapsed": …}` / `{"percent": …}`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(type = "number | string | Lag")
)]
pub enum LagInput {
    /// Minutes or text.
    Input(DurationInput),
    /// An explicit lag.
    Lag(Lag),
}

impl Default for LagInput {
    fn default() -> Self {
        LagInput::Lag(Lag::default())
    }
}

impl<'de> Deserialize<'de> for LagInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = LagInput;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "whole working minutes, a text such as \"2d\", \"2ed\" or \"50%\", or {working|elapsed|percent: n}",
                )
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<LagInput, E> {
                Ok(LagInput::Input(DurationInput::Minutes(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<LagInput, E> {
                DurationInput::deserialize(serde::de::value::U64Deserializer::<E>::new(v))
                    .map(LagInput::Input)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<LagInput, E> {
                DurationInput::deserialize(serde::de::value::F64Deserializer::<E>::new(v))
                    .map(LagInput::Input)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<LagInput, E> {
                Ok(LagInput::Input(DurationInput::Text(v.to_string())))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<LagInput, A::Error> {
                Lag::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(LagInput::Lag)
            }
        }
        d.deserialize_any(V)
    }
}

impl From<Lag> for LagInput {
    fn from(l: Lag) -> Self {
        LagInput::Lag(l)
    }
}

impl From<&str> for LagInput {
    fn from(s: &str) -> Self {
        LagInput::Input(DurationInput::Text(s.to_string()))
    }
}

impl From<i64> for LagInput {
    fn from(m: i64) -> Self {
        LagInput::Input(DurationInput::Minutes(m))
    }
}

impl Project {
    fn duration_error(text: &str, problem: DurationProblem) -> ModelError {
        ModelError::InvalidDuration {
            text: text.to_string(),
            problem,
        }
    }

    /// Reads a working duration typed as MS Project users type it (`"3d"`, `"4h 30m"`,
    /// `"2w"`, `"1mo"`) on the project calendar's minutes per day and week. The units are
    /// listed in the [`duration_text`](super::duration_text) module docs.
    ///
    /// # Errors
    /// [`ModelError::InvalidDuration`] naming the text and the problem (no unit, an
    /// unknown unit, a negative or elapsed duration, …).
    ///
    /// # Example
    /// ```
    /// # use chrono::NaiveDate;
    /// # use planix::Project;
    /// let p = Project::new("p", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap());
    /// assert_eq!(p.parse_duration("1w 2d 4h 30m")?.as_minutes(), 2400 + 960 + 270);
    /// assert!(p.parse_duration("3").is_err()); // a number in a text needs a unit
    /// # Ok::<(), planix::ModelError>(())
    /// ```
    pub fn parse_duration(&self, text: &str) -> Result<Duration, ModelError> {
        match duration_text::parse(text, self.project_calendar()) {
            Ok(Lag::Working(d)) if d.is_negative() => {
                Err(Self::duration_error(text, DurationProblem::Negative))
            }
            Ok(Lag::Working(d)) => Ok(d),
            Ok(Lag::Elapsed(_)) => Err(Self::duration_error(
                text,
                DurationProblem::ElapsedNotAllowed,
            )),
            Ok(Lag::Percent(_)) => Err(Self::duration_error(text, DurationProblem::Percent)),
            Err(p) => Err(Self::duration_error(text, p)),
        }
    }

    /// Reads a lag text: working (`"2d"`), elapsed (`"2ed"`), percent of the predecessor
    /// (`"50%"`), or a lead with a minus sign (`"-1d"`).
    ///
    /// # Errors
    /// [`ModelError::InvalidDuration`].
    ///
    /// # Example
    /// ```
    /// # use chrono::NaiveDate;
    /// # use planix::{Duration, Lag, Project};
    /// let p = Project::new("p", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap());
    /// assert_eq!(p.parse_lag("1.5ed")?, Lag::Elapsed(Duration::minutes(2160)));
    /// assert_eq!(p.parse_lag("-50%")?, Lag::Percent(-50));
    /// # Ok::<(), planix::ModelError>(())
    /// ```
    pub fn parse_lag(&self, text: &str) -> Result<Lag, ModelError> {
        duration_text::parse(text, self.project_calendar())
            .map_err(|p| Self::duration_error(text, p))
    }

    /// A [`DurationInput`] as a working duration (see [`Project::parse_duration`]).
    ///
    /// # Errors
    /// [`ModelError::InvalidDuration`].
    pub fn resolve_duration(&self, input: &DurationInput) -> Result<Duration, ModelError> {
        match input {
            DurationInput::Minutes(m) => Ok(Duration::minutes(*m)),
            DurationInput::Text(t) => self.parse_duration(t),
        }
    }

    /// A [`LagInput`] as a lag (whole minutes are working minutes).
    ///
    /// # Errors
    /// [`ModelError::InvalidDuration`].
    pub fn resolve_lag(&self, input: &LagInput) -> Result<Lag, ModelError> {
        match input {
            LagInput::Lag(l) => Ok(*l),
            LagInput::Input(DurationInput::Minutes(m)) => Ok(Lag::Working(Duration::minutes(*m))),
            LagInput::Input(DurationInput::Text(t)) => self.parse_lag(t),
        }
    }

    /// Adds a task given as a [`TaskSpec`] (durations as minutes or text); returns its id.
    ///
    /// # Errors
    /// [`ModelError::InvalidDuration`] or any error of [`Project::add_task`].
    pub fn add_task_spec(&mut self, spec: TaskSpec) -> Result<TaskId, ModelError> {
        let task = spec.into_task(self)?;
        self.add_task(task)
    }

    /// Adds a link given as a [`DependencySpec`] (lag as minutes, text or object).
    ///
    /// # Errors
    /// [`ModelError::InvalidDuration`] or any error of [`Project::add_dependency`].
    pub fn add_dependency_spec(&mut self, spec: DependencySpec) -> Result<(), ModelError> {
        let lag = self.resolve_lag(&spec.lag)?;
        self.add_dependency(Dependency {
            predecessor: spec.predecessor,
            successor: spec.successor,
            kind: spec.kind,
            lag,
        })
    }

    /// Applies a [`TaskEdit`]: only the fields it names change; the edit is validated as a
    /// whole and nothing changes when it fails.
    ///
    /// # Errors
    /// [`ModelError::UnknownTask`], [`ModelError::InvalidDuration`], or any error of
    /// [`Project::edit_task`].
    ///
    /// # Example
    /// ```
    /// # use chrono::NaiveDate;
    /// # use planix::{Project, Task, TaskEdit};
    /// # let mut p = Project::new("p", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap());
    /// let t = p.add_task(Task::new("Design"))?;
    /// let edit: TaskEdit = serde_json::from_str(r#"{"duration": "2d", "notes": "with the client"}"#).unwrap();
    /// p.apply_edit(t, &edit)?;
    /// assert_eq!(p.task(t).unwrap().duration.as_minutes(), 960);
    /// # Ok::<(), planix::ModelError>(())
    /// ```
    pub fn apply_edit(&mut self, id: TaskId, edit: &TaskEdit) -> Result<(), ModelError> {
        let duration = edit
            .duration
            .as_ref()
            .map(|d| self.resolve_duration(d))
            .transpose()?;
        self.edit_task(id, |t| {
            if let Some(v) = &edit.name {
                t.name.clone_from(v);
            }
            if let Some(v) = duration {
                t.duration = v;
            }
            if let Some(v) = edit.parent {
                t.parent = v;
            }
            if let Some(v) = edit.milestone {
                t.milestone = v;
            }
            if let Some(v) = edit.calendar {
                t.calendar = v;
            }
            if let Some(v) = edit.constraint {
                t.constraint = v;
            }
            if let Some(v) = edit.deadline {
                t.deadline = v;
            }
            if let Some(v) = edit.estimate {
                t.estimate = v;
            }
            if let Some(v) = edit.fixed_cost {
                t.fixed_cost = v;
            }
            if let Some(v) = edit.cost_rate {
                t.cost_rate = v;
            }
            if let Some(v) = edit.effort_driven {
                t.effort_driven = v;
            }
            if let Some(v) = edit.priority {
                t.priority = v;
            }
            if let Some(v) = &edit.notes {
                t.notes.clone_from(v);
            }
            if let Some(v) = edit.progress {
                t.progress = v;
            }
            if let Some(v) = edit.manual_start {
                t.manual_start = v;
            }
            if let Some(v) = edit.leveling_delay {
                t.leveling_delay = v;
            }
        })
    }
}

/// A new task as a caller gives it: the fields of [`Task`] with the duration as minutes
/// or text (`"3d"`). Deserializes with the same field names as the JSON document.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct TaskSpec {
    /// Name shown to people.
    pub name: String,
    /// Parent summary task.
    pub parent: Option<TaskId>,
    /// Working duration (minutes or text; zero makes a milestone).
    pub duration: Option<DurationInput>,
    /// Milestone flag.
    pub milestone: bool,
    /// Task calendar.
    pub calendar: Option<CalendarId>,
    /// Date constraint (`{"type": "snet", "date": …}`).
    pub constraint: Constraint,
    /// Deadline.
    pub deadline: Option<NaiveDateTime>,
    /// Three-point estimate.
    pub estimate: Option<Estimate>,
    /// Fixed cost.
    pub fixed_cost: f64,
    /// Cost per working hour.
    pub cost_rate: f64,
    /// Effort-driven flag.
    pub effort_driven: bool,
    /// Leveling priority (0–1000; default 500).
    pub priority: Option<u16>,
    /// Notes.
    pub notes: String,
    /// Progress.
    pub progress: Progress,
    /// Manually scheduled from this start (see [`Task::manual_start`]).
    #[serde(default)]
    pub manual_start: Option<NaiveDateTime>,
    /// Leveling delay in elapsed minutes (see [`Task::leveling_delay`]).
    pub leveling_delay: Duration,
}

impl TaskSpec {
    /// A spec with only a name.
    pub fn new(name: impl Into<String>) -> Self {
        TaskSpec {
            name: name.into(),
            ..Self::default()
        }
    }

    /// The [`Task`] this spec describes, durations read on `project`'s calendar.
    ///
    /// # Errors
    /// [`ModelError::InvalidDuration`].
    pub fn into_task(self, project: &Project) -> Result<Task, ModelError> {
        let duration = self
            .duration
            .as_ref()
            .map(|d| project.resolve_duration(d))
            .transpose()?
            .unwrap_or_default();
        let mut t = Task::new(self.name).with_duration(duration);
        t.parent = self.parent;
        t.milestone = self.milestone;
        t.calendar = self.calendar;
        t.constraint = self.constraint;
        t.deadline = self.deadline;
        t.estimate = self.estimate;
        t.fixed_cost = self.fixed_cost;
        t.cost_rate = self.cost_rate;
        t.effort_driven = self.effort_driven;
        if let Some(p) = self.priority {
            t.priority = p;
        }
        t.notes = self.notes;
        t.progress = self.progress;
        t.manual_start = self.manual_start;
        t.leveling_delay = self.leveling_delay;
        Ok(t)
    }
}

/// A new link as a caller gives it: the lag as minutes, text or object.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct DependencySpec {
    /// The predecessor.
    pub predecessor: TaskId,
    /// The successor.
    pub successor: TaskId,
    /// Link type (`"fs"`, `"ss"`, `"ff"`, `"sf"`; default FS).
    #[serde(default)]
    pub kind: LinkKind,
    /// Lag or lead.
    #[serde(default)]
    pub lag: LagInput,
}

impl DependencySpec {
    /// An FS link with no lag.
    pub fn new(predecessor: TaskId, successor: TaskId) -> Self {
        DependencySpec {
            predecessor,
            successor,
            kind: LinkKind::Fs,
            lag: LagInput::default(),
        }
    }
}

/// A partial edit of a task: every field is optional and only the ones given change.
/// Fields that can be cleared (`parent`, `calendar`, `deadline`, `estimate`) take
/// `null` to clear them.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct TaskEdit {
    /// New name.
    pub name: Option<String>,
    /// New duration (minutes or text).
    pub duration: Option<DurationInput>,
    /// New parent (`null`: move to the top level).
    #[serde(deserialize_with = "some")]
    pub parent: Option<Option<TaskId>>,
    /// Milestone flag.
    pub milestone: Option<bool>,
    /// Task calendar (`null`: the project calendar).
    #[serde(deserialize_with = "some")]
    pub calendar: Option<Option<CalendarId>>,
    /// Constraint.
    pub constraint: Option<Constraint>,
    /// Deadline (`null`: none).
    #[serde(deserialize_with = "some")]
    pub deadline: Option<Option<NaiveDateTime>>,
    /// Three-point estimate (`null`: none).
    #[serde(deserialize_with = "some")]
    pub estimate: Option<Option<Estimate>>,
    /// Fixed cost.
    pub fixed_cost: Option<f64>,
    /// Cost per working hour.
    pub cost_rate: Option<f64>,
    /// Effort-driven flag.
    pub effort_driven: Option<bool>,
    /// Leveling priority.
    pub priority: Option<u16>,
    /// Notes.
    pub notes: Option<String>,
    /// Progress (replaces the whole progress record).
    pub progress: Option<Progress>,
    /// Manual start (`null` makes the task automatically scheduled again).
    #[serde(deserialize_with = "some")]
    pub manual_start: Option<Option<NaiveDateTime>>,
    /// Leveling delay in elapsed minutes (`0` clears it; see [`Task::leveling_delay`]).
    pub leveling_delay: Option<Duration>,
}

/// A present field (even `null`) is `Some`; an absent one stays `None` via `default`.
fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A new resource as a caller gives it: the fields of [`Resource`](super::Resource),
/// plus the flat-rate shorthand `standard_rate`, `overtime_rate` and `cost_per_use`
/// (one rate row in effect from the start) for the usual case of one rate.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct ResourceSpec {
    /// Name.
    pub name: String,
    /// Work (default), material or cost.
    pub kind: super::ResourceKind,
    /// Units available (1 = one full-time person).
    pub max_units: f64,
    /// Unit label of a material ("m³").
    pub material_label: String,
    /// The resource's own calendar.
    pub calendar: Option<CalendarId>,
    /// Periods with other units.
    pub availability: Vec<super::Availability>,
    /// Leave.
    pub leave: Vec<super::Leave>,
    /// Dated rate rows (sorted by their `from` date when added).
    pub rates: Vec<super::CostRate>,
    /// Standard rate of the flat shorthand.
    pub standard_rate: f64,
    /// Overtime rate of the flat shorthand.
    pub overtime_rate: f64,
    /// Cost per use of the flat shorthand.
    pub cost_per_use: f64,
}

impl Default for ResourceSpec {
    fn default() -> Self {
        let r = super::Resource::of_kind("", super::ResourceKind::default());
        ResourceSpec {
            name: String::new(),
            kind: r.kind,
            max_units: r.max_units,
            material_label: String::new(),
            calendar: None,
            availability: vec![],
            leave: vec![],
            rates: vec![],
            standard_rate: 0.0,
            overtime_rate: 0.0,
            cost_per_use: 0.0,
        }
    }
}

impl ResourceSpec {
    /// The [`Resource`](super::Resource): dated rates sorted by date; the flat shorthand
    /// becomes one undated rate row when any of its amounts is non-zero (and is an error
    /// next to dated rates).
    ///
    /// # Errors
    /// [`ModelError::InvalidResource`] when both `rates` and the shorthand are given.
    pub fn into_resource(self) -> Result<super::Resource, ModelError> {
        let mut r = super::Resource::of_kind(self.name, self.kind);
        r.max_units = self.max_units;
        r.material_label = self.material_label;
        r.calendar = self.calendar;
        r.availability = self.availability;
        r.leave = self.leave;
        let flat = [self.standard_rate, self.overtime_rate, self.cost_per_use];
        if flat.iter().any(|x| *x != 0.0) {
            if !self.rates.is_empty() {
                return Err(ModelError::InvalidResource {
                    resource: crate::ids::ResourceId(0),
                    name: r.name,
                    message: "give either dated `rates` or the flat standard_rate/overtime_rate/cost_per_use, not both".into(),
                });
            }
            r.rates.push(super::CostRate {
                from: None,
                standard: self.standard_rate,
                overtime: self.overtime_rate,
                per_use: self.cost_per_use,
            });
        } else {
            let mut rates = self.rates;
            rates.sort_by_key(|x| x.from);
            r.rates = rates;
        }
        Ok(r)
    }
}

/// The options of an assignment: units (share of time for people, quantity for
/// materials; default 1), the amount of a cost resource, and overtime work.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct AssignmentSpec {
    /// Units.
    pub units: f64,
    /// Amount of a cost resource.
    pub cost: f64,
    /// Overtime work (minutes or text such as `"4h"`).
    pub overtime: Option<DurationInput>,
}

impl Default for AssignmentSpec {
    fn default() -> Self {
        let a = super::Assignment::new(TaskId(0), crate::ids::ResourceId(0), 1.0);
        AssignmentSpec {
            units: a.units,
            cost: a.cost,
            overtime: None,
        }
    }
}

impl Project {
    /// Adds a resource given as a [`ResourceSpec`]; returns its id.
    ///
    /// # Errors
    /// As [`ResourceSpec::into_resource`] and [`Project::add_resource`].
    pub fn add_resource_spec(
        &mut self,
        spec: ResourceSpec,
    ) -> Result<crate::ids::ResourceId, ModelError> {
        let r = spec.into_resource()?;
        self.add_resource(r)
    }

    /// Assigns `resource` to `task` with an [`AssignmentSpec`].
    ///
    /// # Errors
    /// [`ModelError::InvalidDuration`] or any error of [`Project::assign`].
    pub fn assign_spec(
        &mut self,
        task: TaskId,
        resource: crate::ids::ResourceId,
        spec: &AssignmentSpec,
    ) -> Result<(), ModelError> {
        let overtime = spec
            .overtime
            .as_ref()
            .map(|d| self.resolve_duration(d))
            .transpose()?
            .unwrap_or_default();
        let mut a = super::Assignment::new(task, resource, spec.units);
        a.cost = spec.cost;
        a.overtime = overtime;
        self.assign(a)
    }
}
