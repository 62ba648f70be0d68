//! `Project` for JavaScript: the editable model, scheduling and schedule risk.

use planix::simulate::{PertMoments, SimulationOptions};
use planix::{
    Calendar, CalendarId, Constraint, ConstraintKind, DependencySpec, Distribution, Duration,
    DurationInput, Estimate, Project, ScheduleFrom, TaskEdit, TaskId, TaskSpec,
};
use wasm_bindgen::prelude::*;

use crate::convert::{datetime, from_js, ids, name, opt_datetime, options, take_progress, to_js};
use crate::errors::core;
use crate::schedule::JsSchedule;
use crate::simulation::{JsPert, JsSimulation};

/// An editable project: tasks in a WBS tree, links, constraints, calendars, resources.
#[wasm_bindgen(js_name = "Project")]
pub struct JsProject {
    pub(crate) inner: Project,
}

pub(crate) fn unknown_task(id: u32) -> js_sys::Error {
    core(planix::ModelError::UnknownTask(TaskId(id)))
}

#[wasm_bindgen(js_class = "Project")]
impl JsProject {
    /// A new project scheduled from `start`, or backward from `finish` when given
    /// (each a `Date` or an ISO date-time string).
    #[wasm_bindgen(constructor)]
    pub fn new(
        name: String,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] finish: JsValue,
    ) -> Result<JsProject, js_sys::Error> {
        let mut inner = Project::new(name, datetime(&start, "start")?);
        if let Some(f) = opt_datetime(&finish, "finish")? {
            inner.set_schedule_from(ScheduleFrom::Finish(f));
        }
        Ok(JsProject { inner })
    }

    /// Load native planix JSON text.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> Result<JsProject, js_sys::Error> {
        Ok(JsProject {
            inner: planix::io::from_json(text).map_err(core)?,
        })
    }

    /// Load a Microsoft Project XML (MSPDI) document: text, or the file's bytes
    /// (`Uint8Array`, UTF-8 or UTF-16 with its byte-order mark).
    #[wasm_bindgen(js_name = "fromMspdi")]
    pub fn from_mspdi(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] data: JsValue,
    ) -> Result<JsProject, js_sys::Error> {
        let inner = if let Some(s) = data.as_string() {
            planix::io::mspdi::from_mspdi(&s)
        } else if data.is_instance_of::<js_sys::Uint8Array>() {
            planix::io::mspdi::from_mspdi_bytes(&js_sys::Uint8Array::new(&data).to_vec())
        } else {
            return Err(crate::errors::type_error(
                "fromMspdi takes the XML text or its bytes (Uint8Array)",
            ));
        };
        Ok(JsProject {
            inner: inner.map_err(core)?,
        })
    }

    /// Microsoft Project XML (MSPDI) text, with the rescheduled dates.
    #[wasm_bindgen(js_name = "toMspdi")]
    pub fn to_mspdi(&self) -> Result<String, js_sys::Error> {
        planix::io::mspdi::to_mspdi(&self.inner).map_err(core)
    }

    /// The plan as text in a format: `'mermaid'`, `'plantuml'`, `'ical'`, `'csv'` (the
    /// task table), `'mspdi'` or `'json'`, with the rescheduled dates.
    pub fn export(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ExportFormat")] format: &str,
    ) -> Result<String, js_sys::Error> {
        let f: planix::io::ExportFormat = crate::convert::name(format, "export format")?;
        planix::io::export(&self.inner, f).map_err(core)
    }

    /// The plan as CSV tables: `{tasks, resources, assignments}` text.
    #[wasm_bindgen(js_name = "toCsv", unchecked_return_type = "CsvTables")]
    pub fn to_csv(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&planix::io::csv_tables(&self.inner).map_err(core)?)
    }

    /// A plan from CSV tables (as `toCsv` writes them; the date columns are ignored).
    #[wasm_bindgen(js_name = "fromCsv")]
    pub fn from_csv(
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "Date | string")] start: JsValue,
        tasks: &str,
        resources: Option<String>,
        assignments: Option<String>,
    ) -> Result<JsProject, js_sys::Error> {
        let start = datetime(&start, "start")?;
        Ok(JsProject {
            inner: planix::io::from_csv(
                name,
                start,
                tasks,
                resources.as_deref(),
                assignments.as_deref(),
            )
            .map_err(core)?,
        })
    }

    /// Native planix JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        planix::io::to_json(&self.inner)
    }

    /// The project document as a plain object (the JSON document, parsed).
    #[wasm_bindgen(
        js_name = "toObject",
        unchecked_return_type = "Record<string, unknown>"
    )]
    pub fn to_object(&self) -> Result<JsValue, js_sys::Error> {
        js_sys::JSON::parse(&planix::io::to_json(&self.inner)).map_err(Into::into)
    }

    /// A project from the plain object `toObject` gives.
    #[wasm_bindgen(js_name = "fromObject")]
    pub fn from_object(
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] doc: JsValue,
    ) -> Result<JsProject, js_sys::Error> {
        let text: String = js_sys::JSON::stringify(&doc)?.into();
        Self::from_json(&text)
    }

    /// The project's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// Edits so far (changes on every successful edit).
    #[wasm_bindgen(getter)]
    pub fn revision(&self) -> f64 {
        self.inner.revision() as f64
    }

    /// Number of tasks.
    #[wasm_bindgen(getter, js_name = "taskCount")]
    pub fn task_count(&self) -> usize {
        self.inner.task_count()
    }

    /// Add a task; `duration` is working minutes or a text such as `"3d"`, `"4h 30m"`;
    /// returns its id.
    #[wasm_bindgen(js_name = "addTask")]
    pub fn add_task(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TaskSpec")] task: JsValue,
    ) -> Result<u32, js_sys::Error> {
        let spec: TaskSpec = from_js(&task, "task")?;
        Ok(self.inner.add_task_spec(spec).map_err(core)?.0)
    }

    /// Change some fields of a task (`{duration: "2d", deadline: null, …}`); nothing
    /// changes when the edit is invalid.
    #[wasm_bindgen(js_name = "editTask")]
    pub fn edit_task(
        &mut self,
        id: u32,
        #[wasm_bindgen(unchecked_param_type = "TaskEdit")] edit: JsValue,
    ) -> Result<(), js_sys::Error> {
        let e: TaskEdit = from_js(&edit, "task edit")?;
        self.inner.apply_edit(TaskId(id), &e).map_err(core)
    }

    /// Add a link; `lag` is working minutes, a text (`"2d"`, `"1ed"`, `"50%"`, `"-1d"`)
    /// or `{working|elapsed|percent: n}`.
    #[wasm_bindgen(js_name = "addDependency")]
    pub fn add_dependency(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DependencySpec")] dependency: JsValue,
    ) -> Result<(), js_sys::Error> {
        let d: DependencySpec = from_js(&dependency, "dependency")?;
        self.inner.add_dependency_spec(d).map_err(core)
    }

    /// Finish-to-start link with no lag.
    pub fn link(&mut self, predecessor: u32, successor: u32) -> Result<(), js_sys::Error> {
        self.inner
            .link(TaskId(predecessor), TaskId(successor))
            .map_err(core)
    }

    /// Remove a link.
    #[wasm_bindgen(js_name = "removeDependency")]
    pub fn remove_dependency(
        &mut self,
        predecessor: u32,
        successor: u32,
    ) -> Result<(), js_sys::Error> {
        self.inner
            .remove_dependency(TaskId(predecessor), TaskId(successor))
            .map_err(core)
            .map(|_| ())
    }

    /// Remove a task and its subtree; returns the removed ids.
    #[wasm_bindgen(js_name = "removeTask", unchecked_return_type = "TaskId[]")]
    pub fn remove_task(&mut self, id: u32) -> Result<JsValue, js_sys::Error> {
        ids(&self.inner.remove_task(TaskId(id)).map_err(core)?)
    }

    /// Set a task's duration: working minutes or a text such as `"3d"`.
    #[wasm_bindgen(js_name = "setDuration")]
    pub fn set_duration(
        &mut self,
        task: u32,
        #[wasm_bindgen(unchecked_param_type = "DurationInput")] duration: JsValue,
    ) -> Result<(), js_sys::Error> {
        let d: DurationInput = from_js(&duration, "duration")?;
        let edit = TaskEdit {
            duration: Some(d),
            ..TaskEdit::default()
        };
        self.inner.apply_edit(TaskId(task), &edit).map_err(core)
    }

    /// Set a task's constraint: `kind` is "asap", "alap", "snet", "snlt", "fnet",
    /// "fnlt", "mso" or "mfo"; the dated kinds need `date`.
    #[wasm_bindgen(js_name = "setConstraint")]
    pub fn set_constraint(
        &mut self,
        task: u32,
        #[wasm_bindgen(unchecked_param_type = "ConstraintKind")] kind: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] date: JsValue,
    ) -> Result<(), js_sys::Error> {
        let k: ConstraintKind = name(kind, "constraint kind")?;
        let c = Constraint::of_kind(k, opt_datetime(&date, "constraint date")?).map_err(core)?;
        self.inner.set_constraint(TaskId(task), c).map_err(core)
    }

    /// Set (or, without a date, clear) a task's deadline.
    #[wasm_bindgen(js_name = "setDeadline")]
    pub fn set_deadline(
        &mut self,
        task: u32,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] deadline: JsValue,
    ) -> Result<(), js_sys::Error> {
        let d = opt_datetime(&deadline, "deadline")?;
        self.inner
            .edit_task(TaskId(task), |t| t.deadline = d)
            .map_err(core)
    }

    /// One task as a plain object.
    #[wasm_bindgen(unchecked_return_type = "Task")]
    pub fn task(&self, id: u32) -> Result<JsValue, js_sys::Error> {
        to_js(
            self.inner
                .task(TaskId(id))
                .ok_or_else(|| unknown_task(id))?,
        )
    }

    /// Every task, in id order.
    #[wasm_bindgen(unchecked_return_type = "Task[]")]
    pub fn tasks(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.tasks().collect::<Vec<_>>())
    }

    /// The outline number ("2.3") of a task.
    #[wasm_bindgen(js_name = "outlineNumber")]
    pub fn outline_number(&self, id: u32) -> Result<String, js_sys::Error> {
        self.inner
            .outline_number(TaskId(id))
            .ok_or_else(|| unknown_task(id))
    }

    /// Add a calendar given in the JSON shape; returns its id.
    #[wasm_bindgen(js_name = "addCalendar")]
    pub fn add_calendar(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Calendar")] calendar: JsValue,
    ) -> Result<u32, js_sys::Error> {
        let c: Calendar = from_js(&calendar, "calendar")?;
        Ok(self.inner.add_calendar(c).map_err(core)?.0)
    }

    /// A calendar as a plain object.
    #[wasm_bindgen(unchecked_return_type = "Calendar")]
    pub fn calendar(&self, id: u32) -> Result<JsValue, js_sys::Error> {
        let c = self
            .inner
            .calendar(CalendarId(id))
            .ok_or_else(|| core(planix::ModelError::UnknownCalendar(CalendarId(id))))?;
        to_js(c)
    }

    /// Replace a calendar with one in the JSON shape.
    #[wasm_bindgen(js_name = "replaceCalendar")]
    pub fn replace_calendar(
        &mut self,
        id: u32,
        #[wasm_bindgen(unchecked_param_type = "Calendar")] calendar: JsValue,
    ) -> Result<(), js_sys::Error> {
        let c: Calendar = from_js(&calendar, "calendar")?;
        self.inner.replace_calendar(CalendarId(id), c).map_err(core)
    }

    /// Make a calendar the project calendar.
    #[wasm_bindgen(js_name = "setProjectCalendar")]
    pub fn set_project_calendar(&mut self, id: u32) -> Result<(), js_sys::Error> {
        self.inner
            .set_project_calendar(CalendarId(id))
            .map_err(core)
    }

    /// Schedule with the critical path method.
    pub fn schedule(&self) -> Result<JsSchedule, js_sys::Error> {
        Ok(JsSchedule {
            inner: self.inner.schedule().map_err(core)?,
        })
    }

    /// Give a task a three-point estimate in working minutes; `distribution` is
    /// "beta_pert" (the default; shape `lambda`, default 4), "triangular", "uniform",
    /// "normal", "lognormal" or "fixed".
    #[wasm_bindgen(js_name = "setEstimate")]
    pub fn set_estimate(
        &mut self,
        task: u32,
        optimistic: f64,
        most_likely: f64,
        pessimistic: f64,
        distribution: Option<String>,
        lambda: Option<f64>,
    ) -> Result<(), js_sys::Error> {
        let dist = Distribution::choose(distribution.as_deref(), lambda).map_err(core)?;
        let m = |x: f64| Duration::minutes(x.round() as i64);
        let e = Estimate::new(m(optimistic), m(most_likely), m(pessimistic), dist);
        self.inner
            .edit_task(TaskId(task), |t| t.estimate = Some(e))
            .map_err(core)
    }

    /// Set a task's fixed cost and cost per working hour.
    #[wasm_bindgen(js_name = "setCost")]
    pub fn set_cost(
        &mut self,
        task: u32,
        fixed_cost: f64,
        cost_rate: f64,
    ) -> Result<(), js_sys::Error> {
        self.inner
            .edit_task(TaskId(task), |t| {
                t.fixed_cost = fixed_cost;
                t.cost_rate = cost_rate;
            })
            .map_err(core)
    }

    /// Monte Carlo simulation with `SimulationOptions` (`{iterations, seed, target,
    /// percentiles, risks, correlations, sensitivity, histogram_bins, on_progress}`).
    /// `on_progress(done, iterations)` is called after every 256 iterations; returning
    /// `false` stops the run with a `SimulationError`.
    pub fn simulate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SimulationOptions & ProgressCallback")]
        options: JsValue,
    ) -> Result<JsSimulation, js_sys::Error> {
        let (rest, watch) = take_progress(&options)?;
        let mut o: SimulationOptions = self::options(&rest, "simulation options")?;
        o.watch = watch;
        let r = planix::simulate::simulate(&self.inner, &o).map_err(core)?;
        Ok(JsSimulation { inner: r })
    }

    /// Classic PERT analysis; `moments` is "classic" (default) or "exact".
    pub fn pert(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PertMoments")] moments: Option<String>,
    ) -> Result<JsPert, js_sys::Error> {
        let m: PertMoments = match moments {
            Some(s) => name(&s, "moments")?,
            None => PertMoments::default(),
        };
        let r = planix::simulate::pert(&self.inner, m).map_err(core)?;
        Ok(JsPert { inner: r })
    }
}
