//! `RiskRegister` and `RiskForecast` for JavaScript: the register, matrix, scoring, EMV,
//! alerts, exposure, CSV/JSON, and the risk-adjusted Monte Carlo forecast.

use planix::io::ToJson;
use planix::risk::{
    Action, AssessmentSpec, ForecastOptions, Response, RiskForecast, RiskMatrix, RiskRegister,
    RiskSpec, RiskStatus, Strategy,
};
use wasm_bindgen::prelude::*;

use crate::convert::{date, from_js, iso, name, options, to_js};
use crate::errors::core;
use crate::project::JsProject;
use crate::simulation::JsSimulation;

/// A risk register on a probability × impact matrix (default 5×5).
#[wasm_bindgen(js_name = "RiskRegister")]
pub struct JsRiskRegister {
    pub(crate) inner: RiskRegister,
}

#[wasm_bindgen(js_class = "RiskRegister")]
impl JsRiskRegister {
    /// An empty register; `matrix` is a custom matrix in the JSON shape of `matrix`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "RiskMatrix")] matrix: JsValue,
    ) -> Result<JsRiskRegister, js_sys::Error> {
        let inner = if matrix.is_undefined() || matrix.is_null() {
            RiskRegister::new()
        } else {
            let m: RiskMatrix = from_js(&matrix, "risk matrix")?;
            RiskRegister::with_matrix(m).map_err(core)?
        };
        Ok(JsRiskRegister { inner })
    }

    /// Add a risk (`{id, title, kind?: "threat"|"opportunity", owner?, category?,
    /// description?, cause?, event?, effect?, tasks?, deliverables?, triggers?,
    /// identified?, proximity?, next_review?, contingency_minutes?, contingency_cost?}`);
    /// returns its id.
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RiskSpec")] risk: JsValue,
    ) -> Result<String, js_sys::Error> {
        let spec: RiskSpec = from_js(&risk, "risk")?;
        self.inner.add_spec(spec).map_err(core)
    }

    /// Record a dated assessment (`{probability, impact?, date, cost?, delay?, impacts?:
    /// {schedule?, cost?, scope_quality?, reputation?}, residual?}`); without `impact`
    /// the overall impact is the worst dimension.
    pub fn assess(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "AssessmentSpec")] assessment: JsValue,
    ) -> Result<(), js_sys::Error> {
        let spec: AssessmentSpec = from_js(&assessment, "assessment")?;
        self.inner.assess_spec(id, &spec).map_err(core)
    }

    /// Add a response: a strategy and actions `[{description, owner?, due?, cost?,
    /// status?: "open"|"in_progress"|"done", task?}]`.
    pub fn respond(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "Strategy")] strategy: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "Action[]")] actions: JsValue,
    ) -> Result<(), js_sys::Error> {
        let strategy: Strategy = name(strategy, "strategy")?;
        let actions: Vec<Action> = options(&actions, "actions")?;
        self.inner
            .add_response(id, Response { strategy, actions })
            .map_err(core)
    }

    /// Set a risk's status on a date (`"YYYY-MM-DD"`).
    #[wasm_bindgen(js_name = "setStatus")]
    pub fn set_status(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "RiskStatus")] status: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] on: JsValue,
    ) -> Result<(), js_sys::Error> {
        let s: RiskStatus = name(status, "status")?;
        self.inner.set_status(id, s, date(&on, "on")?).map_err(core)
    }

    /// Ids of every risk, in register order.
    #[wasm_bindgen(getter)]
    pub fn ids(&self) -> Vec<String> {
        self.inner.risks().iter().map(|r| r.id.clone()).collect()
    }

    /// Number of risks.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.risks().len()
    }

    /// One risk record (with history and responses), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Risk | undefined")]
    pub fn get(&self, id: &str) -> Result<JsValue, js_sys::Error> {
        self.inner.get(id).map_or(Ok(JsValue::UNDEFINED), to_js)
    }

    /// The matrix.
    #[wasm_bindgen(getter, unchecked_return_type = "RiskMatrix")]
    pub fn matrix(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.matrix())
    }

    /// Expected monetary value of a risk (negative for threats).
    pub fn emv(&self, id: &str) -> Option<f64> {
        self.inner.emv(id)
    }

    /// Total EMV of the open risks `{threats, opportunities, net}`.
    #[wasm_bindgen(js_name = "totalEmv", unchecked_return_type = "EmvTotals")]
    pub fn total_emv(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.emv_totals())
    }

    /// A risk's score by the matrix's scoring rule.
    pub fn score(&self, id: &str) -> Option<f64> {
        self.inner.score(id)
    }

    /// A risk's rating.
    pub fn rating(&self, id: &str) -> Option<String> {
        self.inner.rating(id)
    }

    /// Ids of the `k` (default 10) open risks with the highest score.
    pub fn top(&self, k: Option<usize>) -> Vec<String> {
        self.inner
            .top(k.unwrap_or(10))
            .into_iter()
            .map(|r| r.id.clone())
            .collect()
    }

    /// The heat map, one cell per probability band × impact level.
    #[wasm_bindgen(unchecked_return_type = "HeatCell[]")]
    pub fn heatmap(&self, residual: Option<bool>) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.heatmap(residual.unwrap_or(false)))
    }

    /// The heat map as a text table (current view unless `residual` is false).
    #[wasm_bindgen(js_name = "heatmapText")]
    pub fn heatmap_text(&self, residual: Option<bool>) -> String {
        self.inner.heatmap_text(residual.unwrap_or(true))
    }

    /// Each alert on `today` as one readable line.
    #[wasm_bindgen(js_name = "alertLines")]
    pub fn alert_lines(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] today: JsValue,
    ) -> Result<Vec<String>, js_sys::Error> {
        Ok(self
            .inner
            .alerts(date(&today, "today")?)
            .iter()
            .map(ToString::to_string)
            .collect())
    }

    /// Findings to act on, on `today` (`"YYYY-MM-DD"`).
    #[wasm_bindgen(unchecked_return_type = "RiskAlert[]")]
    pub fn alerts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] today: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.alerts(date(&today, "today")?))
    }

    /// Exposure at the start of every period ("day", "week", "month"; default month).
    #[wasm_bindgen(unchecked_return_type = "Exposure[]")]
    pub fn exposure(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Period")] period: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        let p = match period {
            Some(s) => name(&s, "period")?,
            None => planix::resources::Period::Month,
        };
        let (start, end) = (date(&start, "start")?, date(&end, "end")?);
        to_js(&self.inner.exposure(start, end, p).map_err(core)?)
    }

    /// Simulate `project` with the register's open risks (threats delay and cost,
    /// opportunities save) with `ForecastOptions` (the simulation options plus
    /// `confidence`, default 80).
    pub fn forecast(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_optional_param_type = "ForecastOptions")] opts: JsValue,
    ) -> Result<JsRiskForecast, js_sys::Error> {
        let o: ForecastOptions = options(&opts, "forecast options")?;
        let f = self.inner.forecast_with(&project.inner, &o).map_err(core)?;
        Ok(JsRiskForecast { inner: f })
    }

    /// The register as CSV text.
    #[wasm_bindgen(js_name = "toCsv")]
    pub fn to_csv(&self) -> Result<String, js_sys::Error> {
        self.inner.to_csv().map_err(core)
    }

    /// Read a register from CSV; assessments without an `identified` date are dated `on`.
    #[wasm_bindgen(js_name = "fromCsv")]
    pub fn from_csv(
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] on: JsValue,
    ) -> Result<JsRiskRegister, js_sys::Error> {
        let inner = RiskRegister::from_csv(text, date(&on, "on")?).map_err(core)?;
        Ok(JsRiskRegister { inner })
    }

    /// The register as a JSON document (format "planix-risks", version 1).
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Read a register written by `toJson`.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> Result<JsRiskRegister, js_sys::Error> {
        let inner = RiskRegister::from_json(text).map_err(core)?;
        Ok(JsRiskRegister { inner })
    }

    /// One flat row per risk (for tables).
    #[wasm_bindgen(unchecked_return_type = "RiskRow[]")]
    pub fn rows(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.table())
    }
}

/// The result of `RiskRegister.forecast()`.
#[wasm_bindgen(js_name = "RiskForecast")]
pub struct JsRiskForecast {
    inner: RiskForecast,
}

#[wasm_bindgen(js_class = "RiskForecast")]
impl JsRiskForecast {
    /// The finish reached with probability `p` percent, risk events included.
    pub fn percentile(&self, p: f64) -> String {
        iso(self.inner.percentile(p))
    }

    /// The same percentile without the risk events.
    #[wasm_bindgen(js_name = "percentileWithoutRisks")]
    pub fn percentile_without_risks(&self, p: f64) -> String {
        iso(self.inner.percentile_without_risks(p))
    }

    /// Risks by how far they move the finish.
    #[wasm_bindgen(getter, unchecked_return_type = "RiskBar[]")]
    pub fn tornado(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.tornado)
    }

    /// The contingency reserve.
    #[wasm_bindgen(getter, unchecked_return_type = "ContingencyReserve")]
    pub fn reserve(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.reserve)
    }

    /// The full simulation report.
    #[wasm_bindgen(getter)]
    pub fn simulation(&self) -> JsSimulation {
        JsSimulation {
            inner: self.inner.report.clone(),
        }
    }

    /// Everything as a plain object.
    #[wasm_bindgen(js_name = "toObject", unchecked_return_type = "RiskForecastReport")]
    pub fn to_object(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner)
    }

    /// Everything as JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}
