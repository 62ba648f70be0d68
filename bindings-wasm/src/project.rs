//! `Project` for JavaScript.

use planix::{Dependency, Project, ScheduleFrom, Task, TaskId};
use wasm_bindgen::prelude::*;

use crate::convert::{datetime, from_js, to_js};
use crate::errors::core;
use crate::schedule::JsSchedule;

/// An editable project: tasks in a WBS tree, links, constraints and calendars.
#[wasm_bindgen(js_name = "Project")]
pub struct JsProject {
    inner: Project,
}

#[wasm_bindgen(js_class = "Project")]
impl JsProject {
    /// A new project scheduled from `start` (ISO date-time), or backward from `finish` when given.
    #[wasm_bindgen(constructor)]
    pub fn new(
        name: String,
        start: &str,
        finish: Option<String>,
    ) -> Result<JsProject, js_sys::Error> {
        let mut inner = Project::new(name, datetime(start)?);
        if let Some(f) = finish {
            inner.set_schedule_from(ScheduleFrom::Finish(datetime(&f)?));
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

    /// Native planix JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        planix::io::to_json(&self.inner)
    }

    /// The project document as a plain object.
    #[wasm_bindgen(js_name = "toObject")]
    pub fn to_object(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner)
    }

    /// Number of tasks.
    #[wasm_bindgen(getter, js_name = "taskCount")]
    pub fn task_count(&self) -> usize {
        self.inner.task_count()
    }

    /// Add a task from `{name, duration?, parent?, milestone?, calendar?, constraint?, deadline?, notes?}`
    /// (duration in working minutes); returns its id.
    #[wasm_bindgen(js_name = "addTask")]
    pub fn add_task(&mut self, task: JsValue) -> Result<u32, js_sys::Error> {
        let t: Task = from_js(task, "task")?;
        Ok(self.inner.add_task(t).map_err(core)?.0)
    }

    /// Add a link from `{predecessor, successor, kind?: "fs"|"ss"|"ff"|"sf", lag?: {working|elapsed|percent: n}}`.
    #[wasm_bindgen(js_name = "addDependency")]
    pub fn add_dependency(&mut self, dependency: JsValue) -> Result<(), js_sys::Error> {
        let d: Dependency = from_js(dependency, "dependency")?;
        self.inner.add_dependency(d).map_err(core)
    }

    /// Finish-to-start link with no lag.
    pub fn link(&mut self, predecessor: u32, successor: u32) -> Result<(), js_sys::Error> {
        self.inner
            .link(TaskId(predecessor), TaskId(successor))
            .map_err(core)
    }

    /// One task as a plain object.
    pub fn task(&self, id: u32) -> Result<JsValue, js_sys::Error> {
        let t = self
            .inner
            .task(TaskId(id))
            .ok_or_else(|| core(planix::ModelError::UnknownTask(TaskId(id))))?;
        to_js(t)
    }

    /// Add a calendar given in the JSON shape; returns its id.
    #[wasm_bindgen(js_name = "addCalendar")]
    pub fn add_calendar(&mut self, calendar: JsValue) -> Result<u32, js_sys::Error> {
        let c: planix::Calendar = from_js(calendar, "calendar")?;
        Ok(self.inner.add_calendar(c).map_err(core)?.0)
    }

    /// Make a calendar the project calendar.
    #[wasm_bindgen(js_name = "setProjectCalendar")]
    pub fn set_project_calendar(&mut self, id: u32) -> Result<(), js_sys::Error> {
        self.inner
            .set_project_calendar(planix::CalendarId(id))
            .map_err(core)
    }

    /// Schedule with the critical path method.
    pub fn schedule(&self) -> Result<JsSchedule, js_sys::Error> {
        Ok(JsSchedule {
            inner: self.inner.schedule().map_err(core)?,
        })
    }
}
