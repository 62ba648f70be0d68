//! `Schedule` for JavaScript.

use planix::{Schedule, TaskId};
use wasm_bindgen::prelude::*;

use crate::convert::to_js;
use crate::errors::core;

fn unknown(id: u32) -> js_sys::Error {
    core(planix::ModelError::UnknownTask(TaskId(id)))
}

/// The result of `project.schedule()`.
#[wasm_bindgen(js_name = "Schedule")]
pub struct JsSchedule {
    pub(crate) inner: Schedule,
}

#[wasm_bindgen(js_class = "Schedule")]
impl JsSchedule {
    /// Project start (ISO date-time).
    #[wasm_bindgen(getter)]
    pub fn start(&self) -> String {
        self.inner.start().format("%Y-%m-%dT%H:%M:%S").to_string()
    }

    /// Project finish (ISO date-time).
    #[wasm_bindgen(getter)]
    pub fn finish(&self) -> String {
        self.inner.finish().format("%Y-%m-%dT%H:%M:%S").to_string()
    }

    /// Every task's result as plain objects.
    #[wasm_bindgen(unchecked_return_type = "ScheduledTask[]")]
    pub fn tasks(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.tasks())
    }

    /// One task's result.
    #[wasm_bindgen(unchecked_return_type = "ScheduledTask")]
    pub fn task(&self, id: u32) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.task(TaskId(id)).ok_or_else(|| unknown(id))?)
    }

    /// The first critical path, as task ids.
    #[wasm_bindgen(js_name = "criticalPath")]
    pub fn critical_path(&self) -> Vec<u32> {
        self.inner.critical_path().iter().map(|t| t.0).collect()
    }

    /// Every critical path enumerated.
    #[wasm_bindgen(js_name = "criticalPaths")]
    pub fn critical_paths(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.critical_paths())
    }

    /// Why a task starts when it does.
    #[wasm_bindgen(unchecked_return_type = "Driver")]
    pub fn driver(&self, id: u32) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.driver(TaskId(id)).ok_or_else(|| unknown(id))?)
    }

    /// Warnings as plain objects with a `type` key.
    #[wasm_bindgen(unchecked_return_type = "ScheduleWarning[]")]
    pub fn warnings(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.warnings())
    }

    /// The schedule as JSON text (identical to the CLI's and Python's).
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        planix::io::schedule_to_json(&self.inner)
    }

    /// The schedule as a plain object.
    #[wasm_bindgen(js_name = "toObject")]
    pub fn to_object(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner)
    }
}
