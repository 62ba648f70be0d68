//! Resources, assignments, costs, loading and leveling on `Project`, and the `Leveling`
//! and `Costs` result classes.

use planix::resources::{self, CostReport, LevelMode, LevelOptions, Leveled, Period};
use planix::{
    Assignment, Availability, CalendarId, CostRate, Duration, Leave, Resource, ResourceId,
    ResourceKind, Schedule, TaskId,
};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, known_keys, to_js};
use crate::errors::{core, value_error};
use crate::project::JsProject;
use crate::schedule::JsSchedule;

pub(crate) fn period(name: Option<String>) -> Result<Period, js_sys::Error> {
    let name = name.unwrap_or_else(|| "week".into());
    Period::from_name(&name).ok_or_else(|| {
        value_error(format!(
            "invalid period {name:?}; allowed: day, week, month"
        ))
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResourceInput {
    name: String,
    kind: Option<String>,
    max_units: Option<f64>,
    standard_rate: Option<f64>,
    overtime_rate: Option<f64>,
    cost_per_use: Option<f64>,
    material_label: Option<String>,
    calendar: Option<u32>,
    rates: Option<Vec<CostRate>>,
    leave: Option<Vec<Leave>>,
    availability: Option<Vec<Availability>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AssignInput {
    units: Option<f64>,
    cost: Option<f64>,
    overtime: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct LevelInput {
    mode: Option<String>,
    max_schedules: Option<u64>,
    time_limit: Option<f64>,
    seed: Option<u64>,
    within_float: Option<bool>,
}

impl JsProject {
    fn cpm(&self) -> Result<Schedule, js_sys::Error> {
        self.inner.schedule().map_err(core)
    }
}

#[wasm_bindgen(js_class = "Project")]
impl JsProject {
    /// Add a resource from `{name, kind?: "work"|"material"|"cost", maxUnits?,
    /// standardRate?, overtimeRate?, costPerUse?, materialLabel?, calendar?, rates?,
    /// leave?: [{from, until}], availability?: [{from, until, units}]}`; returns its id.
    #[wasm_bindgen(js_name = "addResource")]
    pub fn add_resource(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ResourceInput")] input: JsValue,
    ) -> Result<u32, js_sys::Error> {
        known_keys(
            &input,
            "resource",
            &[
                "name",
                "kind",
                "maxUnits",
                "standardRate",
                "overtimeRate",
                "costPerUse",
                "materialLabel",
                "calendar",
                "rates",
                "leave",
                "availability",
            ],
        )?;
        let i: ResourceInput = from_js(input, "resource")?;
        let kind_name = i.kind.as_deref().unwrap_or("work");
        let kind = ResourceKind::from_name(kind_name).ok_or_else(|| {
            value_error(format!(
                "invalid resource kind {kind_name:?}; allowed: {}",
                ResourceKind::NAMES.join(", ")
            ))
        })?;
        let mut r = Resource::of_kind(i.name, kind);
        r.max_units = i.max_units.unwrap_or(1.0);
        r.material_label = i.material_label.unwrap_or_default();
        r.calendar = i.calendar.map(CalendarId);
        match i.rates {
            Some(mut rates) => {
                rates.sort_by_key(|x| x.from);
                r.rates = rates;
            }
            None => {
                let (s, o, u) = (
                    i.standard_rate.unwrap_or(0.0),
                    i.overtime_rate.unwrap_or(0.0),
                    i.cost_per_use.unwrap_or(0.0),
                );
                if s != 0.0 || o != 0.0 || u != 0.0 {
                    r.rates.push(CostRate {
                        from: None,
                        standard: s,
                        overtime: o,
                        per_use: u,
                    });
                }
            }
        }
        r.leave = i.leave.unwrap_or_default();
        r.availability = i.availability.unwrap_or_default();
        Ok(self.inner.add_resource(r).map_err(core)?.0)
    }

    /// One resource as a plain object.
    #[wasm_bindgen(unchecked_return_type = "ResourceOutput")]
    pub fn resource(&self, id: u32) -> Result<JsValue, js_sys::Error> {
        let r = self
            .inner
            .resource(ResourceId(id))
            .ok_or_else(|| core(planix::ModelError::UnknownResource(ResourceId(id))))?;
        to_js(r)
    }

    /// Every resource, in id order.
    #[wasm_bindgen(unchecked_return_type = "ResourceOutput[]")]
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
    /// overtime: minutes).
    pub fn assign(
        &mut self,
        task: u32,
        resource: u32,
        #[wasm_bindgen(unchecked_param_type = "AssignOptions | undefined")] options: JsValue,
    ) -> Result<(), js_sys::Error> {
        let o: AssignInput = if options.is_undefined() || options.is_null() {
            AssignInput::default()
        } else {
            known_keys(&options, "assignment", &["units", "cost", "overtime"])?;
            from_js(options, "assignment")?
        };
        let a = Assignment {
            task: TaskId(task),
            resource: ResourceId(resource),
            units: o.units.unwrap_or(1.0),
            cost: o.cost.unwrap_or(0.0),
            overtime: Duration::minutes(o.overtime.unwrap_or(0)),
        };
        self.inner.assign(a).map_err(core)
    }

    /// Remove an assignment.
    pub fn unassign(&mut self, task: u32, resource: u32) -> Result<(), js_sys::Error> {
        self.inner
            .unassign(TaskId(task), ResourceId(resource))
            .map_err(core)?;
        Ok(())
    }

    /// Every assignment.
    #[wasm_bindgen(unchecked_return_type = "AssignmentOutput[]")]
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

    /// Level the work resources with `{mode?: "fast"|"optimize", maxSchedules?,
    /// timeLimit? (seconds), seed?, withinFloat?, onProgress?}`; the project is not
    /// changed. `onProgress(done, maxSchedules)` is called about every 256 schedules of
    /// the optimising mode; returning `false` stops it with the best schedule so far.
    pub fn level(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LevelOptions | undefined")] options: JsValue,
    ) -> Result<JsLeveling, js_sys::Error> {
        let (options, watch) = crate::convert::take_progress(options)?;
        let o: LevelInput = if options.is_undefined() || options.is_null() {
            LevelInput::default()
        } else {
            known_keys(
                &options,
                "level options",
                &["mode", "maxSchedules", "timeLimit", "seed", "withinFloat"],
            )?;
            from_js(options, "level options")?
        };
        let mode_name = o.mode.as_deref().unwrap_or("fast");
        let mode = LevelMode::from_name(mode_name).ok_or_else(|| {
            value_error(format!(
                "invalid mode {mode_name:?}; allowed: {}",
                LevelMode::NAMES.join(", ")
            ))
        })?;
        let d = LevelOptions::default();
        let lo = LevelOptions {
            mode,
            max_schedules: o.max_schedules.unwrap_or(d.max_schedules),
            // wasm32 has no clock: core rejects a time limit there with a typed error.
            time_limit: o.time_limit,
            seed: o.seed.unwrap_or(d.seed),
            within_float: o.within_float.unwrap_or(false),
            watch,
        };
        let r = resources::level(&self.inner, &lo).map_err(core)?;
        Ok(JsLeveling { inner: r })
    }

    /// Stretches where a work resource is booked beyond its units in the CPM schedule.
    #[wasm_bindgen(unchecked_return_type = "Overallocation[]")]
    pub fn overallocations(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&resources::overallocations(&self.inner, &self.cpm()?))
    }

    /// Over-allocations in a given schedule (e.g. `leveling.schedule`); the schedule is
    /// only read.
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
    pub fn loading(&self, period: Option<String>) -> Result<JsValue, js_sys::Error> {
        let p = self::period(period)?;
        to_js(&resources::loading(&self.inner, &self.cpm()?, p))
    }

    /// The loading table of a given schedule (e.g. `leveling.schedule`); the schedule is
    /// only read.
    #[wasm_bindgen(js_name = "loadingOf", unchecked_return_type = "LoadRow[]")]
    pub fn loading_of(
        &self,
        schedule: &JsSchedule,
        period: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        let p = self::period(period)?;
        to_js(&resources::loading(&self.inner, &schedule.inner, p))
    }

    /// Costs per task, resource and summary, time-phased, on the CPM schedule.
    pub fn costs(&self) -> Result<JsCosts, js_sys::Error> {
        Ok(JsCosts {
            inner: resources::costs(&self.inner, &self.cpm()?),
        })
    }

    /// Costs on a given schedule (e.g. `leveling.schedule`); the schedule is only read.
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
    inner: Leveled,
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
        match self.inner.delay(TaskId(task)) {
            Some(d) => to_js(d),
            None => Ok(JsValue::UNDEFINED),
        }
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

    /// The whole result as JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> Result<String, js_sys::Error> {
        serde_json::to_string(&self.inner).map_err(|e| value_error(e.to_string()))
    }
}

/// The result of `project.costs()`.
#[wasm_bindgen(js_name = "Costs")]
pub struct JsCosts {
    inner: CostReport,
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
            .ok_or_else(|| core(planix::ModelError::UnknownTask(TaskId(task))))
    }

    /// Cost per period ("day", "week" (default), "month") with the running total.
    #[wasm_bindgen(unchecked_return_type = "PeriodCost[]")]
    pub fn timephased(&self, period: Option<String>) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.timephased(self::period(period)?))
    }

    /// The whole report as JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> Result<String, js_sys::Error> {
        serde_json::to_string(&self.inner).map_err(|e| value_error(e.to_string()))
    }
}
