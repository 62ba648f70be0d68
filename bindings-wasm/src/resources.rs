//! Resources, assignments, costs, loading and leveling on `Project`, and the `Leveling`
//! and `Costs` result classes.

use planix::io::ToJson;
use planix::resources::{self, CostReport, LevelOptions, Leveled, Period};
use planix::{AssignmentSpec, ResourceId, ResourceSpec, Schedule, TaskId};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, name, options, take_progress, to_js};
use crate::errors::core;
use crate::project::{JsProject, unknown_task};
use crate::schedule::JsSchedule;

fn period(p: Option<String>) -> Result<Period, js_sys::Error> {
    p.map_or_else(|| Ok(Period::default()), |s| name(&s, "period"))
}

impl JsProject {
    fn cpm(&self) -> Result<Schedule, js_sys::Error> {
        self.inner.schedule().map_err(core)
    }
}

#[wasm_bindgen(js_class = "Project")]
impl JsProject {
    /// Add a resource (`{name, kind?, max_units?, standard_rate?, overtime_rate?,
    /// cost_per_use?, material_label?, calendar?, rates?, leave?, availability?}`);
    /// returns its id.
    #[wasm_bindgen(js_name = "addResource")]
    pub fn add_resource(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ResourceSpec")] resource: JsValue,
    ) -> Result<u32, js_sys::Error> {
        let spec: ResourceSpec = from_js(&resource, "resource")?;
        Ok(self.inner.add_resource_spec(spec).map_err(core)?.0)
    }

    /// One resource as a plain object.
    #[wasm_bindgen(unchecked_return_type = "Resource")]
    pub fn resource(&self, id: u32) -> Result<JsValue, js_sys::Error> {
        let r = self
            .inner
            .resource(ResourceId(id))
            .ok_or_else(|| core(planix::ModelError::UnknownResource(ResourceId(id))))?;
        to_js(r)
    }

    /// Every resource, in id order.
    #[wasm_bindgen(unchecked_return_type = "Resource[]")]
    pub fn resources(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.resources().collect::<Vec<_>>())
    }

    /// Remove a resource and its assignments.
    #[wasm_bindgen(js_name = "removeResource")]
    pub fn remove_resource(&mut self, id: u32) -> Result<(), js_sys::Error> {
        self.inner.remove_resource(ResourceId(id)).map_err(core)?;
        Ok(())
    }

    /// Assign a resource to a task with `{units?, cost?, overtime?}` (units: share of
    /// time for people, quantity for materials; cost: amount of a cost resource;
    /// overtime: minutes or a text such as `"4h"`).
    pub fn assign(
        &mut self,
        task: u32,
        resource: u32,
        #[wasm_bindgen(unchecked_optional_param_type = "AssignmentSpec")] spec: JsValue,
    ) -> Result<(), js_sys::Error> {
        let s: AssignmentSpec = options(&spec, "assignment")?;
        self.inner
            .assign_spec(TaskId(task), ResourceId(resource), &s)
            .map_err(core)
    }

    /// Remove an assignment.
    pub fn unassign(&mut self, task: u32, resource: u32) -> Result<(), js_sys::Error> {
        self.inner
            .unassign(TaskId(task), ResourceId(resource))
            .map_err(core)?;
        Ok(())
    }

    /// Every assignment.
    #[wasm_bindgen(unchecked_return_type = "Assignment[]")]
    pub fn assignments(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.assignments().collect::<Vec<_>>())
    }

    /// Set a task's leveling priority (0–1000, default 500; 1000 = do not level).
    #[wasm_bindgen(js_name = "setPriority")]
    pub fn set_priority(&mut self, task: u32, priority: u16) -> Result<(), js_sys::Error> {
        self.inner
            .edit_task(TaskId(task), |t| t.priority = priority)
            .map_err(core)
    }

    /// Make a task effort-driven (or not).
    #[wasm_bindgen(js_name = "setEffortDriven")]
    pub fn set_effort_driven(&mut self, task: u32, on: bool) -> Result<(), js_sys::Error> {
        self.inner
            .edit_task(TaskId(task), |t| t.effort_driven = on)
            .map_err(core)
    }

    /// Level the work resources with `LevelOptions` (`{mode?: "fast"|"optimize",
    /// max_schedules?, time_limit?, seed?, within_float?, on_progress?}`); the project
    /// is not changed. `on_progress(done, max_schedules)` is called about every 256
    /// schedules of the optimising mode; returning `false` stops it with the best
    /// schedule so far.
    pub fn level(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions & ProgressCallback")]
        opts: JsValue,
    ) -> Result<JsLeveling, js_sys::Error> {
        let (rest, watch) = take_progress(&opts)?;
        let mut o: LevelOptions = options(&rest, "level options")?;
        o.watch = watch;
        let r = resources::level(&self.inner, &o).map_err(core)?;
        Ok(JsLeveling { inner: r })
    }

    /// Adopts a leveling as the plan: stores each task's leveling delay so `schedule()`
    /// gives the leveled dates. Throws a `model` error if the project changed since.
    #[wasm_bindgen(js_name = applyLeveling)]
    pub fn apply_leveling(&mut self, leveling: &JsLeveling) -> Result<(), js_sys::Error> {
        self.inner.apply_leveling(&leveling.inner).map_err(core)
    }

    /// Clears every task's leveling delay: the plan is the CPM schedule again.
    #[wasm_bindgen(js_name = clearLeveling)]
    pub fn clear_leveling(&mut self) {
        self.inner.clear_leveling();
    }

    /// Stretches where a work resource is booked beyond its units in the CPM schedule.
    #[wasm_bindgen(unchecked_return_type = "Overallocation[]")]
    pub fn overallocations(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&resources::overallocations(&self.inner, &self.cpm()?))
    }

    /// Over-allocations in a given schedule (e.g. `leveling.schedule`).
    #[wasm_bindgen(
        js_name = "overallocationsOf",
        unchecked_return_type = "Overallocation[]"
    )]
    pub fn overallocations_of(&self, schedule: &JsSchedule) -> Result<JsValue, js_sys::Error> {
        to_js(&resources::overallocations(&self.inner, &schedule.inner))
    }

    /// The loading table of the CPM schedule per resource and `period` ("day", "week"
    /// (default), "month").
    #[wasm_bindgen(unchecked_return_type = "LoadRow[]")]
    pub fn loading(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Period")] period: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&resources::loading(
            &self.inner,
            &self.cpm()?,
            self::period(period)?,
        ))
    }

    /// The loading table of a given schedule (e.g. `leveling.schedule`).
    #[wasm_bindgen(js_name = "loadingOf", unchecked_return_type = "LoadRow[]")]
    pub fn loading_of(
        &self,
        schedule: &JsSchedule,
        #[wasm_bindgen(unchecked_optional_param_type = "Period")] period: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&resources::loading(
            &self.inner,
            &schedule.inner,
            self::period(period)?,
        ))
    }

    /// Costs per task, resource and summary, time-phased, on the CPM schedule.
    pub fn costs(&self) -> Result<JsCosts, js_sys::Error> {
        Ok(JsCosts {
            inner: resources::costs(&self.inner, &self.cpm()?),
        })
    }

    /// Costs on a given schedule (e.g. `leveling.schedule`).
    #[wasm_bindgen(js_name = "costsOf")]
    pub fn costs_of(&self, schedule: &JsSchedule) -> JsCosts {
        JsCosts {
            inner: resources::costs(&self.inner, &schedule.inner),
        }
    }
}

/// The result of `project.level()`.
#[wasm_bindgen(js_name = "Leveling")]
pub struct JsLeveling {
    pub(crate) inner: Leveled,
}

#[wasm_bindgen(js_class = "Leveling")]
impl JsLeveling {
    /// The leveled schedule (a new `Schedule` each call).
    #[wasm_bindgen(getter)]
    pub fn schedule(&self) -> JsSchedule {
        JsSchedule {
            inner: self.inner.schedule.clone(),
        }
    }

    /// Every delayed task and why.
    #[wasm_bindgen(getter, unchecked_return_type = "LevelingDelay[]")]
    pub fn delays(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.delays)
    }

    /// The delay record of one task, or undefined.
    #[wasm_bindgen(unchecked_return_type = "LevelingDelay | undefined")]
    pub fn delay(&self, task: u32) -> Result<JsValue, js_sys::Error> {
        self.inner
            .delay(TaskId(task))
            .map_or(Ok(JsValue::UNDEFINED), to_js)
    }

    /// The delays as columns of typed arrays.
    #[wasm_bindgen(unchecked_return_type = "Columns")]
    pub fn columns(&self) -> Result<JsValue, js_sys::Error> {
        crate::convert::columns(&planix::io::columns::Columns::from_rows(
            &self.inner.delays,
            &["task"],
        ))
    }

    /// Every task that held the resource `task` waited for, while it waited (the full
    /// list behind a delay's `holders` count), by id; `project` is the leveled project.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn holders(
        &self,
        project: &crate::project::JsProject,
        task: u32,
    ) -> Result<JsValue, js_sys::Error> {
        crate::convert::ids(&self.inner.holders(&project.inner, TaskId(task)))
    }

    /// Over-allocations of the CPM schedule.
    #[wasm_bindgen(getter, unchecked_return_type = "Overallocation[]")]
    pub fn before(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.before)
    }

    /// Over-allocations left after leveling.
    #[wasm_bindgen(getter, unchecked_return_type = "Overallocation[]")]
    pub fn remaining(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.remaining)
    }

    /// Schedules the search generated.
    #[wasm_bindgen(getter)]
    pub fn schedules(&self) -> f64 {
        self.inner.schedules as f64
    }

    /// The whole result as a plain object.
    #[wasm_bindgen(js_name = "toObject", unchecked_return_type = "Leveled")]
    pub fn to_object(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner)
    }

    /// The whole result as JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

/// The result of `project.costs()`.
#[wasm_bindgen(js_name = "Costs")]
pub struct JsCosts {
    pub(crate) inner: CostReport,
}

#[wasm_bindgen(js_class = "Costs")]
impl JsCosts {
    /// Project total.
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> f64 {
        self.inner.total
    }

    /// Per task (summaries roll up).
    #[wasm_bindgen(getter, unchecked_return_type = "TaskCost[]")]
    pub fn tasks(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.tasks)
    }

    /// The per-task costs (as `tasks`) as columns of typed arrays.
    #[wasm_bindgen(unchecked_return_type = "Columns")]
    pub fn columns(&self) -> Result<JsValue, js_sys::Error> {
        crate::convert::columns(&planix::io::columns::Columns::from_rows(
            &self.inner.tasks,
            &["task"],
        ))
    }

    /// Per resource.
    #[wasm_bindgen(getter, unchecked_return_type = "ResourceCost[]")]
    pub fn resources(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.resources)
    }

    /// The total of one task (its subtree for a summary).
    pub fn task(&self, task: u32) -> Result<f64, js_sys::Error> {
        self.inner
            .task(TaskId(task))
            .map(|t| t.total)
            .ok_or_else(|| unknown_task(task))
    }

    /// Cost per period ("day", "week" (default), "month") with the running total.
    #[wasm_bindgen(unchecked_return_type = "PeriodCost[]")]
    pub fn timephased(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Period")] period: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.timephased(self::period(period)?))
    }

    /// The whole report as a plain object.
    #[wasm_bindgen(js_name = "toObject", unchecked_return_type = "CostReport")]
    pub fn to_object(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner)
    }

    /// The whole report as JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}
