//! `Simulation` and `Pert` for JavaScript.

use planix::io::ToJson;
use planix::simulate::{Pert, SimulationReport};
use wasm_bindgen::prelude::*;

use crate::convert::{datetime, ids, iso, to_js};
use crate::errors::core;

/// The result of `project.simulate()`.
#[wasm_bindgen(js_name = "Simulation")]
pub struct JsSimulation {
    pub(crate) inner: SimulationReport,
}

#[wasm_bindgen(js_class = "Simulation")]
impl JsSimulation {
    /// Iterations run.
    #[wasm_bindgen(getter)]
    pub fn iterations(&self) -> usize {
        self.inner.iterations
    }

    /// The seed used.
    #[wasm_bindgen(getter)]
    pub fn seed(&self) -> f64 {
        self.inner.seed as f64
    }

    /// Deterministic CPM finish (ISO date-time).
    #[wasm_bindgen(getter, js_name = "plannedFinish")]
    pub fn planned_finish(&self) -> String {
        iso(self.inner.planned_finish)
    }

    /// The per-task statistics as columns of typed arrays.
    #[wasm_bindgen(unchecked_return_type = "Columns")]
    pub fn columns(&self) -> Result<JsValue, js_sys::Error> {
        crate::convert::columns(&planix::io::columns::Columns::from_rows(
            &self.inner.tasks,
            &["task"],
        ))
    }

    /// Mean simulated finish (ISO date-time).
    #[wasm_bindgen(getter)]
    pub fn mean(&self) -> String {
        iso(self.inner.finish.mean)
    }

    /// Standard deviation of the finish, in working minutes.
    #[wasm_bindgen(getter, js_name = "stdDev")]
    pub fn std_dev(&self) -> f64 {
        self.inner.finish.std_dev.as_minutes() as f64
    }

    /// Probability of finishing by the target given to `simulate` (undefined without one).
    #[wasm_bindgen(getter, js_name = "targetProbability")]
    pub fn target_probability(&self) -> Option<f64> {
        self.inner.target_probability
    }

    /// The date (ISO) by which `p` percent of iterations finished.
    pub fn percentile(&self, p: f64) -> String {
        iso(self.inner.percentile(p))
    }

    /// The same percentile without risk events (undefined without events).
    #[wasm_bindgen(js_name = "percentileWithoutRisks")]
    pub fn percentile_without_risks(&self, p: f64) -> Option<String> {
        self.inner
            .finish_without_risks
            .as_ref()
            .map(|d| iso(d.percentile(p)))
    }

    /// The same percentile without resource limits (undefined unless the run was
    /// resource-constrained).
    #[wasm_bindgen(js_name = "percentileWithoutResourceLimits")]
    pub fn percentile_without_resource_limits(&self, p: f64) -> Option<String> {
        self.inner.percentile_without_resource_limits(p).map(iso)
    }

    /// Share of iterations finishing at or before `date`.
    #[wasm_bindgen(js_name = "probabilityBy")]
    pub fn probability_by(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] date: JsValue,
    ) -> Result<f64, js_sys::Error> {
        Ok(self.inner.probability_by(datetime(&date, "date")?))
    }

    /// Criticality index per task id, as an object `{id: share}`.
    #[wasm_bindgen(getter, unchecked_return_type = "Record<TaskId, number>")]
    pub fn criticality(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.criticality())
    }

    /// Spearman sensitivity per task id, as an object `{id: rho}`.
    #[wasm_bindgen(getter, unchecked_return_type = "Record<TaskId, number>")]
    pub fn sensitivity(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.sensitivity())
    }

    /// Histogram bins `{start, end, count, cumulative}`.
    #[wasm_bindgen(getter, unchecked_return_type = "HistogramBin[]")]
    pub fn histogram(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.finish.histogram)
    }

    /// Cost percentile (undefined when nothing carries a cost).
    #[wasm_bindgen(js_name = "costPercentile")]
    pub fn cost_percentile(&self, p: f64) -> Option<f64> {
        self.inner.cost.as_ref().map(|c| c.percentile(p))
    }

    /// Every simulated finish (ISO), sorted.
    #[wasm_bindgen(unchecked_return_type = "DateTime[]")]
    pub fn samples(&self) -> Result<JsValue, js_sys::Error> {
        let v: Vec<String> = self.inner.finish.samples().map(iso).collect();
        to_js(&v)
    }

    /// The whole report as plain objects.
    #[wasm_bindgen(js_name = "toObject", unchecked_return_type = "SimulationReport")]
    pub fn to_object(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner)
    }

    /// The whole report as JSON (same bytes as Rust and Python for the same seed).
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

/// The result of `project.pert()`.
#[wasm_bindgen(js_name = "Pert")]
pub struct JsPert {
    pub(crate) inner: Pert,
}

#[wasm_bindgen(js_class = "Pert")]
impl JsPert {
    /// CPM finish with expected durations (ISO).
    #[wasm_bindgen(getter, js_name = "expectedFinish")]
    pub fn expected_finish(&self) -> String {
        iso(self.inner.expected_finish)
    }

    /// Mean of the critical path, working minutes.
    #[wasm_bindgen(getter, js_name = "pathMean")]
    pub fn path_mean(&self) -> f64 {
        self.inner.path_mean
    }

    /// Standard deviation of the critical path, working minutes.
    #[wasm_bindgen(getter, js_name = "stdDev")]
    pub fn std_dev(&self) -> f64 {
        self.inner.std_dev
    }

    /// The critical path's task ids.
    #[wasm_bindgen(getter, js_name = "criticalPath", unchecked_return_type = "TaskId[]")]
    pub fn critical_path(&self) -> Result<JsValue, js_sys::Error> {
        ids(&self.inner.critical_path)
    }

    /// Probability of finishing by `date`.
    #[wasm_bindgen(js_name = "probabilityBy")]
    pub fn probability_by(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] date: JsValue,
    ) -> Result<f64, js_sys::Error> {
        self.inner
            .probability_by(datetime(&date, "date")?)
            .map_err(core)
    }

    /// The date (ISO) reached with probability `p` in (0, 1).
    #[wasm_bindgen(js_name = "dateAt")]
    pub fn date_at(&self, p: f64) -> Result<String, js_sys::Error> {
        Ok(iso(self.inner.date_at(p).map_err(core)?))
    }

    /// Everything as plain objects.
    #[wasm_bindgen(js_name = "toObject", unchecked_return_type = "Pert")]
    pub fn to_object(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner)
    }

    /// Everything as JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}
