//! `Scheduler` for JavaScript: a project kept scheduled edit by edit (core's incremental CPM).

use planix::schedule::{CpmOptions, Rescheduled, Scheduler};
use planix::{Constraint, ConstraintKind, DependencySpec, DurationInput, TaskEdit, TaskId};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, iso, name, opt_datetime, to_js};
use crate::errors::core;
use crate::project::{JsProject, unknown_task};
use crate::schedule::JsSchedule;

/// A copy of a project whose schedule is kept up to date after every edit: an edit
/// re-runs only the tasks it can move (fit for every keystroke of an editor). Each edit
/// returns `{changed: TaskId[], finish: string, rebuilt: boolean}`; `schedule()` equals
/// `project().schedule()`. A refused edit throws and changes nothing.
#[wasm_bindgen(js_name = "Scheduler")]
pub struct JsScheduler {
    inner: Scheduler,
}

fn done(r: Result<Rescheduled, planix::Error>) -> Result<JsValue, js_sys::Error> {
    to_js(&r.map_err(core)?)
}

#[wasm_bindgen(js_class = "Scheduler")]
impl JsScheduler {
    /// Schedules a copy of `project`.
    #[wasm_bindgen(constructor)]
    pub fn new(project: &JsProject) -> Result<JsScheduler, js_sys::Error> {
        let inner = Scheduler::new(project.inner.clone(), CpmOptions::default()).map_err(core)?;
        Ok(JsScheduler { inner })
    }

    /// The project as edited so far (a copy).
    pub fn project(&self) -> JsProject {
        JsProject {
            inner: self.inner.project().clone(),
        }
    }

    /// The project finish (ISO date-time).
    #[wasm_bindgen(getter)]
    pub fn finish(&self) -> String {
        iso(self.inner.finish())
    }

    /// The whole schedule (equal to `project().schedule()`).
    pub fn schedule(&self) -> Result<JsSchedule, js_sys::Error> {
        Ok(JsSchedule {
            inner: self.inner.schedule().map_err(core)?,
        })
    }

    /// One task's scheduled row (as `Schedule.task`).
    #[wasm_bindgen(unchecked_return_type = "ScheduledTask")]
    pub fn task(&mut self, id: u32) -> Result<JsValue, js_sys::Error> {
        to_js(
            &self
                .inner
                .task(TaskId(id))
                .ok_or_else(|| unknown_task(id))?,
        )
    }

    /// Set a task's duration (working minutes or text such as `"3d"`) and re-schedule.
    #[wasm_bindgen(js_name = "setDuration", unchecked_return_type = "Rescheduled")]
    pub fn set_duration(
        &mut self,
        task: u32,
        #[wasm_bindgen(unchecked_param_type = "DurationInput")] duration: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let d: DurationInput = from_js(&duration, "duration")?;
        let edit = TaskEdit {
            duration: Some(d),
            ..TaskEdit::default()
        };
        done(self.inner.apply_edit(TaskId(task), &edit))
    }

    /// Set a task's constraint (as `Project.setConstraint`) and re-schedule.
    #[wasm_bindgen(js_name = "setConstraint", unchecked_return_type = "Rescheduled")]
    pub fn set_constraint(
        &mut self,
        task: u32,
        #[wasm_bindgen(unchecked_param_type = "ConstraintKind")] kind: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] date: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let k: ConstraintKind = name(kind, "constraint kind")?;
        let c = Constraint::of_kind(k, opt_datetime(&date, "constraint date")?).map_err(core)?;
        done(self.inner.set_constraint(TaskId(task), c))
    }

    /// Set (or, without a date, clear) a task's deadline and re-schedule.
    #[wasm_bindgen(js_name = "setDeadline", unchecked_return_type = "Rescheduled")]
    pub fn set_deadline(
        &mut self,
        task: u32,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] deadline: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let d = opt_datetime(&deadline, "deadline")?;
        done(self.inner.set_deadline(TaskId(task), d))
    }

    /// Change some fields of a task (as `Project.editTask`) and re-schedule.
    #[wasm_bindgen(js_name = "editTask", unchecked_return_type = "Rescheduled")]
    pub fn edit_task(
        &mut self,
        id: u32,
        #[wasm_bindgen(unchecked_param_type = "TaskEdit")] edit: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let e: TaskEdit = from_js(&edit, "task edit")?;
        done(self.inner.apply_edit(TaskId(id), &e))
    }

    /// Add a link (as `Project.addDependency`) and re-schedule.
    #[wasm_bindgen(js_name = "addDependency", unchecked_return_type = "Rescheduled")]
    pub fn add_dependency(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "DependencySpec")] dependency: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let d: DependencySpec = from_js(&dependency, "dependency")?;
        done(self.inner.add_dependency_spec(d))
    }

    /// Finish-to-start link with no lag, then re-schedule.
    #[wasm_bindgen(unchecked_return_type = "Rescheduled")]
    pub fn link(&mut self, predecessor: u32, successor: u32) -> Result<JsValue, js_sys::Error> {
        let d = planix::Dependency::new(TaskId(predecessor), TaskId(successor));
        done(self.inner.add_dependency(d))
    }

    /// Remove a link and re-schedule.
    #[wasm_bindgen(js_name = "removeDependency", unchecked_return_type = "Rescheduled")]
    pub fn remove_dependency(
        &mut self,
        predecessor: u32,
        successor: u32,
    ) -> Result<JsValue, js_sys::Error> {
        done(
            self.inner
                .remove_dependency(TaskId(predecessor), TaskId(successor)),
        )
    }
}
