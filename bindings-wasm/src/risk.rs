//! `RiskRegister` and `RiskForecast` for JavaScript: the register, matrix, scoring, EMV,
//! alerts, exposure, CSV/JSON, and the risk-adjusted Monte Carlo forecast.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use planix::risk::{
    Action, Assessment, Dimension, Response, Risk, RiskForecast, RiskKind, RiskMatrix,
    RiskRegister, RiskStatus, Strategy,
};
use planix::{Duration, Estimate, TaskId};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::convert::{date, datetime, from_js, iso, known_keys, named, to_js};
use crate::errors::{core, value_error};
use crate::project::JsProject;
use crate::simulation::JsSimulation;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RiskInput {
    id: String,
    title: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    cause: String,
    #[serde(default)]
    event: String,
    #[serde(default)]
    effect: String,
    #[serde(default)]
    tasks: Vec<u32>,
    #[serde(default)]
    deliverables: Vec<String>,
    #[serde(default)]
    triggers: Vec<String>,
    identified: Option<NaiveDate>,
    proximity: Option<NaiveDate>,
    next_review: Option<NaiveDate>,
    #[serde(default)]
    contingency_minutes: i64,
    #[serde(default)]
    contingency_cost: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AssessInput {
    probability: f64,
    impact: Option<u8>,
    date: NaiveDate,
    #[serde(default)]
    cost: f64,
    delay: Option<Estimate>,
    #[serde(default)]
    impacts: BTreeMap<String, u8>,
    #[serde(default)]
    residual: bool,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
struct ForecastInput {
    iterations: Option<usize>,
    seed: Option<u64>,
    confidence: Option<f64>,
    target: Option<String>,
}

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
            let m: RiskMatrix = from_js(matrix, "risk matrix")?;
            RiskRegister::with_matrix(m).map_err(core)?
        };
        Ok(JsRiskRegister { inner })
    }

    /// Add a risk from `{id, title, kind?: "threat"|"opportunity", owner?, category?,
    /// description?, cause?, event?, effect?, tasks?, deliverables?, triggers?,
    /// identified?, proximity?, nextReview?, contingencyMinutes?, contingencyCost?}`;
    /// returns its id.
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RiskInput")] input: JsValue,
    ) -> Result<String, js_sys::Error> {
        known_keys(
            &input,
            "risk",
            &[
                "id",
                "title",
                "kind",
                "owner",
                "category",
                "description",
                "cause",
                "event",
                "effect",
                "tasks",
                "deliverables",
                "triggers",
                "identified",
                "proximity",
                "nextReview",
                "contingencyMinutes",
                "contingencyCost",
            ],
        )?;
        let i: RiskInput = from_js(input, "risk")?;
        let kind = i.kind.as_deref().unwrap_or("threat");
        let kind = named("risk kind", kind, RiskKind::from_name, RiskKind::NAMES)?;
        let mut r =
            Risk::new(i.id, i.title, kind).with_tasks(i.tasks.into_iter().map(TaskId).collect());
        r.owner = i.owner;
        r.category = i.category;
        r.description = i.description;
        r.cause = i.cause;
        r.event = i.event;
        r.effect = i.effect;
        r.deliverables = i.deliverables;
        r.triggers = i.triggers;
        r.identified = i.identified;
        r.proximity = i.proximity;
        r.next_review = i.next_review;
        r.contingency.time = Duration::minutes(i.contingency_minutes);
        r.contingency.cost = i.contingency_cost;
        self.inner.add(r).map_err(core)
    }

    /// Record a dated assessment from `{probability, impact?, date, cost?, delay?,
    /// impacts?: {schedule?, cost?, scope_quality?, reputation?}, residual?}`; without
    /// `impact` the overall impact is the worst dimension.
    pub fn assess(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "AssessInput")] input: JsValue,
    ) -> Result<(), js_sys::Error> {
        known_keys(
            &input,
            "assessment",
            &[
                "probability",
                "impact",
                "date",
                "cost",
                "delay",
                "impacts",
                "residual",
            ],
        )?;
        let i: AssessInput = from_js(input, "assessment")?;
        let dims = i
            .impacts
            .iter()
            .map(|(k, v)| {
                Ok((
                    named("dimension", k, Dimension::from_name, Dimension::NAMES)?,
                    *v,
                ))
            })
            .collect::<Result<Vec<_>, js_sys::Error>>()?;
        let mut a = Assessment::by_dimension(i.probability, &dims).with_cost(i.cost);
        if let Some(x) = i.impact {
            a.impact = x;
        }
        if let Some(d) = i.delay {
            a = a.with_delay(d);
        }
        let r = if i.residual {
            self.inner.assess_residual(id, a, i.date)
        } else {
            self.inner.assess(id, a, i.date)
        };
        r.map_err(core)
    }

    /// Add a response: a strategy and actions `[{description, owner?, due?, cost?,
    /// status?: "open"|"in_progress"|"done", task?}]`.
    pub fn respond(
        &mut self,
        id: &str,
        strategy: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "RiskAction[]")] actions: JsValue,
    ) -> Result<(), js_sys::Error> {
        let strategy = named("strategy", strategy, Strategy::from_name, Strategy::NAMES)?;
        let actions: Vec<Action> = if actions.is_undefined() || actions.is_null() {
            vec![]
        } else {
            let keys = ["description", "owner", "due", "cost", "status", "task"];
            for a in js_sys::Array::from(&actions).iter() {
                known_keys(&a, "action", &keys)?;
            }
            from_js(actions, "actions")?
        };
        self.inner
            .add_response(id, Response { strategy, actions })
            .map_err(core)
    }

    /// Set a risk's status on a date (`"YYYY-MM-DD"`).
    #[wasm_bindgen(js_name = "setStatus")]
    pub fn set_status(&mut self, id: &str, status: &str, on: &str) -> Result<(), js_sys::Error> {
        let s = named("status", status, RiskStatus::from_name, RiskStatus::NAMES)?;
        self.inner.set_status(id, s, date(on)?).map_err(core)
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
    #[wasm_bindgen(unchecked_return_type = "RiskRecord | undefined")]
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
    #[wasm_bindgen(
        js_name = "totalEmv",
        unchecked_return_type = "{ threats: number; opportunities: number; net: number }"
    )]
    pub fn total_emv(&self) -> Result<JsValue, js_sys::Error> {
        let (t, o, n) = self.inner.total_emv();
        to_js(&BTreeMap::from([
            ("threats", t),
            ("opportunities", o),
            ("net", n),
        ]))
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
    pub fn alert_lines(&self, today: &str) -> Result<Vec<String>, js_sys::Error> {
        Ok(self
            .inner
            .alerts(date(today)?)
            .iter()
            .map(ToString::to_string)
            .collect())
    }

    /// Findings to act on, on `today` (`"YYYY-MM-DD"`).
    #[wasm_bindgen(unchecked_return_type = "RiskAlert[]")]
    pub fn alerts(&self, today: &str) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.alerts(date(today)?))
    }

    /// Exposure at the start of every period ("day", "week", "month"; default month).
    #[wasm_bindgen(unchecked_return_type = "RiskExposure[]")]
    pub fn exposure(
        &self,
        start: &str,
        end: &str,
        period: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        let p = crate::resources::period(Some(period.unwrap_or_else(|| "month".into())))?;
        to_js(
            &self
                .inner
                .exposure(date(start)?, date(end)?, p)
                .map_err(core)?,
        )
    }

    /// Simulate `project` with the register's open risks (threats delay and cost, opportunities save): `{iterations?, seed?,
    /// confidence? (default 80), target?}`.
    pub fn forecast(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_optional_param_type = "ForecastOptions")] options: JsValue,
    ) -> Result<JsRiskForecast, js_sys::Error> {
        let o: ForecastInput = if options.is_undefined() || options.is_null() {
            ForecastInput::default()
        } else {
            let keys = ["iterations", "seed", "confidence", "target"];
            known_keys(&options, "forecast options", &keys)?;
            from_js(options, "forecast options")?
        };
        let mut so = planix::simulate::SimulationOptions::new(
            o.iterations.unwrap_or(10_000),
            o.seed.unwrap_or(0),
        );
        if let Some(t) = o.target {
            so.target = Some(datetime(&t)?);
        }
        let f = self
            .inner
            .forecast(&project.inner, &so, o.confidence.unwrap_or(80.0))
            .map_err(core)?;
        Ok(JsRiskForecast { inner: f })
    }

    /// The register as CSV text.
    #[wasm_bindgen(js_name = "toCsv")]
    pub fn to_csv(&self) -> Result<String, js_sys::Error> {
        self.inner.to_csv().map_err(core)
    }

    /// Read a register from CSV; assessments without an `identified` date are dated `on`.
    #[wasm_bindgen(js_name = "fromCsv")]
    pub fn from_csv(text: &str, on: &str) -> Result<JsRiskRegister, js_sys::Error> {
        let inner = RiskRegister::from_csv(text, date(on)?).map_err(core)?;
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

    /// Everything as JSON text.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> Result<String, js_sys::Error> {
        serde_json::to_string_pretty(&self.inner).map_err(value_error)
    }
}
