//! `Project` for JavaScript.

use planix::{Dependency, Project, ScheduleFrom, Task, TaskId};
use wasm_bindgen::prelude::*;

use crate::convert::{datetime, from_js, to_js};
use crate::errors::core;
use crate::schedule::JsSchedule;

/// An editable project: tasks in a WBS tree, links, constraints and calendars.
#[wasm_bindgen(js_name = "Project")]
pub struct JsProject {
    pub(crate) inner: Project,
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

    /// Give a task a three-point estimate in working minutes; `distribution` is
    /// "beta_pert" (default, shape `lambda` default 4), "triangular", "uniform", "normal",
    /// "lognormal" or "fixed".
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
        let name = distribution.as_deref().unwrap_or("beta_pert");
        let dist =
            planix::Distribution::from_name(name, lambda.unwrap_or(4.0)).ok_or_else(|| {
                crate::errors::value_error(format!(
                    "invalid distribution {name:?}; allowed: {}",
                    planix::Distribution::NAMES.join(", ")
                ))
            })?;
        let m = |x: f64| planix::Duration::minutes(x.round() as i64);
        let e = planix::Estimate::new(m(optimistic), m(most_likely), m(pessimistic), dist);
        self.inner
            .edit_task(planix::TaskId(task), |t| t.estimate = Some(e))
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
            .edit_task(planix::TaskId(task), |t| {
                t.fixed_cost = fixed_cost;
                t.cost_rate = cost_rate;
            })
            .map_err(core)
    }

    /// Monte Carlo simulation. `options`: `{iterations, seed, target, percentiles, risks,
    /// correlations, sensitivity, histogramBins, onProgress}` (risks and correlations in
    /// the planix JSON shapes: `{id, probability, tasks, delay: {optimistic, most_likely,
    /// pessimistic}}`). `onProgress(done, iterations)` is called after every 256
    /// iterations; returning `false` stops the run with a `SimulationError`.
    pub fn simulate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
    ) -> Result<crate::simulation::JsSimulation, js_sys::Error> {
        #[derive(serde::Deserialize, Default)]
        #[serde(rename_all = "camelCase", deny_unknown_fields, default)]
        struct Opts {
            iterations: Option<usize>,
            seed: Option<u64>,
            target: Option<String>,
            percentiles: Option<Vec<f64>>,
            risks: Vec<planix::simulate::RiskEvent>,
            correlations: Vec<planix::simulate::CorrelationGroup>,
            sensitivity: Option<bool>,
            histogram_bins: Option<usize>,
        }
        let (options, watch) = crate::convert::take_progress(options)?;
        let o: Opts = if options.is_undefined() || options.is_null() {
            Opts::default()
        } else {
            crate::convert::known_keys(
                &options,
                "simulation options",
                &[
                    "iterations",
                    "seed",
                    "target",
                    "percentiles",
                    "risks",
                    "correlations",
                    "sensitivity",
                    "histogramBins",
                ],
            )?;
            crate::convert::from_js(options, "simulation options")?
        };
        let mut so = planix::simulate::SimulationOptions::new(
            o.iterations.unwrap_or(10_000),
            o.seed.unwrap_or(0),
        );
        if let Some(t) = o.target {
            so.target = Some(crate::convert::datetime(&t)?);
        }
        if let Some(p) = o.percentiles {
            so.percentiles = p;
        }
        so.risks = o.risks;
        so.correlations = o.correlations;
        if let Some(s) = o.sensitivity {
            so.sensitivity = s;
        }
        if let Some(b) = o.histogram_bins {
            so.histogram_bins = b;
        }
        so.watch = watch;
        let r = planix::simulate::simulate(&self.inner, &so).map_err(core)?;
        Ok(crate::simulation::JsSimulation { inner: r })
    }

    /// Classic PERT analysis; `moments` is "classic" (default) or "exact".
    pub fn pert(
        &self,
        moments: Option<String>,
    ) -> Result<crate::simulation::JsPert, js_sys::Error> {
        let m = match moments.as_deref().unwrap_or("classic") {
            "classic" => planix::simulate::PertMoments::Classic,
            "exact" => planix::simulate::PertMoments::Exact,
            other => {
                return Err(crate::errors::value_error(format!(
                    "invalid moments {other:?}; allowed: classic, exact"
                )));
            }
        };
        let r = planix::simulate::pert(&self.inner, m).map_err(core)?;
        Ok(crate::simulation::JsPert { inner: r })
    }
}
