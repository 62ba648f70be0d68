//! `Schedule` for JavaScript.

use planix::io::ToJson;
use planix::{Schedule, TaskId};
use wasm_bindgen::prelude::*;

use crate::convert::{ids, iso, to_js};
use crate::project::unknown_task;

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
        iso(self.inner.start())
    }

    /// Project finish (ISO date-time).
    #[wasm_bindgen(getter)]
    pub fn finish(&self) -> String {
        iso(self.inner.finish())
    }

    /// Every task's result as plain objects.
    #[wasm_bindgen(unchecked_return_type = "ScheduledTask[]")]
    pub fn tasks(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.tasks())
    }

    /// The tasks as columns of typed arrays (id, name, kind, dates, duration and floats in
    /// working minutes, critical, driver.*): no object per task.
    #[wasm_bindgen(unchecked_return_type = "Columns")]
    pub fn columns(&self) -> Result<JsValue, js_sys::Error> {
        crate::convert::columns(&planix::io::columns::Columns::schedule(&self.inner))
    }

    /// One task's result.
    #[wasm_bindgen(unchecked_return_type = "ScheduledTask")]
    pub fn task(&self, id: u32) -> Result<JsValue, js_sys::Error> {
        to_js(
            self.inner
                .task(TaskId(id))
                .ok_or_else(|| unknown_task(id))?,
        )
    }

    /// The first critical path, as an `Array` of task ids.
    #[wasm_bindgen(js_name = "criticalPath", unchecked_return_type = "TaskId[]")]
    pub fn critical_path(&self) -> Result<JsValue, js_sys::Error> {
        ids(self.inner.critical_path())
    }

    /// Every critical path enumerated.
    #[wasm_bindgen(js_name = "criticalPaths", unchecked_return_type = "TaskId[][]")]
    pub fn critical_paths(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.critical_paths())
    }

    /// Why a task starts when it does.
    #[wasm_bindgen(unchecked_return_type = "Driver")]
    pub fn driver(&self, id: u32) -> Result<JsValue, js_sys::Error> {
        to_js(
            self.inner
                .driver(TaskId(id))
                .ok_or_else(|| unknown_task(id))?,
        )
    }

    /// Warnings as plain objects with a `type` key.
    #[wasm_bindgen(unchecked_return_type = "Warning[]")]
    pub fn warnings(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.warnings())
    }

    /// The schedule as JSON text (identical to the CLI's and Python's).
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The schedule as a plain object.
    #[wasm_bindgen(js_name = "toObject", unchecked_return_type = "ScheduleDocument")]
    pub fn to_object(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner)
    }
}
