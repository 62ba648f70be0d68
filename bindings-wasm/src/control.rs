//! Progress, status date, baselines, variance, earned value and earned schedule, the
//! S-curve and the DCMA check on `Project`.

use chrono::NaiveDate;
use planix::control::{self, EvMethod};
use planix::model::Progress;
use planix::{Duration, TaskId};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::convert::{datetime, from_js, known_keys, to_js};
use crate::errors::{core, value_error};
use crate::project::JsProject;
use crate::schedule::JsSchedule;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct ProgressInput {
    actual_start: Option<String>,
    actual_finish: Option<String>,
    percent_complete: u8,
    physical_percent: Option<u8>,
    remaining: Option<i64>,
    actual_work: Option<f64>,
    actual_cost: Option<f64>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct EvmInput {
    baseline: Option<u8>,
    method: Option<String>,
    period: Option<String>,
}

fn evm_input(v: JsValue, keys: &[&str]) -> Result<(u8, EvMethod, Option<String>), js_sys::Error> {
    let i: EvmInput = if v.is_undefined() || v.is_null() {
        EvmInput::default()
    } else {
        known_keys(&v, "earned value options", keys)?;
        from_js(v, "earned value options")?
    };
    let m = crate::convert::opt_named(
        "earned value method",
        i.method.as_deref(),
        EvMethod::from_name,
        EvMethod::NAMES,
    )?;
    Ok((i.baseline.unwrap_or(0), m, i.period))
}

#[wasm_bindgen(js_class = "Project")]
impl JsProject {
    /// The status date (ISO date-time), or `undefined`.
    #[wasm_bindgen(getter, js_name = "statusDate")]
    pub fn status_date(&self) -> Option<String> {
        self.inner
            .status_date()
            .map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string())
    }

    /// Set (or clear, with `null`) the status date.
    #[wasm_bindgen(js_name = "setStatusDate")]
    pub fn set_status_date(&mut self, date: Option<String>) -> Result<(), js_sys::Error> {
        let d = date.as_deref().map(datetime).transpose()?;
        self.inner.set_status_date(d).map_err(core)
    }

    /// Record a task's progress `{actualStart?, actualFinish?, percentComplete?,
    /// physicalPercent?, remaining? (working minutes), actualWork? (hours), actualCost?}`,
    /// replacing what was recorded.
    #[wasm_bindgen(js_name = "setProgress")]
    pub fn set_progress(
        &mut self,
        task: u32,
        #[wasm_bindgen(unchecked_param_type = "ProgressInput")] progress: JsValue,
    ) -> Result<(), js_sys::Error> {
        known_keys(
            &progress,
            "progress",
            &[
                "actualStart",
                "actualFinish",
                "percentComplete",
                "physicalPercent",
                "remaining",
                "actualWork",
                "actualCost",
            ],
        )?;
        let i: ProgressInput = from_js(progress, "progress")?;
        let pr = Progress {
            actual_start: i.actual_start.as_deref().map(datetime).transpose()?,
            actual_finish: i.actual_finish.as_deref().map(datetime).transpose()?,
            percent_complete: i.percent_complete,
            physical_percent: i.physical_percent,
            remaining: i.remaining.map(Duration::minutes),
            actual_work: i.actual_work,
            actual_cost: i.actual_cost,
        };
        self.inner
            .edit_task(TaskId(task), |t| t.progress = pr)
            .map_err(core)
    }

    /// The schedule honouring progress at the status date.
    pub fn reschedule(&self) -> Result<JsSchedule, js_sys::Error> {
        Ok(JsSchedule {
            inner: control::reschedule(&self.inner).map_err(core)?,
        })
    }

    /// Save baseline `n` (default 0) of the plan as rescheduled now; `saved` is a
    /// `"YYYY-MM-DD"` (default: the status date's day, else the start day).
    #[wasm_bindgen(js_name = "saveBaseline")]
    pub fn save_baseline(
        &mut self,
        n: Option<u8>,
        saved: Option<String>,
    ) -> Result<(), js_sys::Error> {
        let day = saved
            .as_deref()
            .map(|s| {
                s.parse::<NaiveDate>()
                    .map_err(|_| value_error(format!("invalid date {s:?}: expected YYYY-MM-DD")))
            })
            .transpose()?;
        control::save_baseline(&mut self.inner, n.unwrap_or(0), day).map_err(core)
    }

    /// Baseline `n`, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, unknown> | undefined")]
    pub fn baseline(&self, n: u8) -> Result<JsValue, js_sys::Error> {
        self.inner.baseline(n).map_or(Ok(JsValue::UNDEFINED), to_js)
    }

    /// Variance of the rescheduled plan against baseline `n` (default 0).
    #[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
    pub fn variance(&self, n: Option<u8>) -> Result<JsValue, js_sys::Error> {
        let s = control::reschedule(&self.inner).map_err(core)?;
        to_js(&control::variance(&self.inner, &s, n.unwrap_or(0)).map_err(core)?)
    }

    /// Earned value and earned schedule at the status date: `{baseline?, method?:
    /// "percent_complete"|"physical"}`.
    #[wasm_bindgen(js_name = "earnedValue", unchecked_return_type = "EarnedValueReport")]
    pub fn earned_value(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "EarnedValueOptions")] options: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let (n, m, _) = evm_input(options, &["baseline", "method"])?;
        to_js(&control::earned_value(&self.inner, n, m).map_err(core)?)
    }

    /// The S-curve: `{baseline?, method?, period?: "day"|"week"|"month"}`.
    #[wasm_bindgen(js_name = "sCurve", unchecked_return_type = "SCurvePoint[]")]
    pub fn s_curve(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SCurveOptions")] options: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let (n, m, period) = evm_input(options, &["baseline", "method", "period"])?;
        let p = crate::resources::period(period)?;
        to_js(&control::s_curve(&self.inner, n, m, p).map_err(core)?)
    }

    /// Baseline `baseline`'s time-phased budget by period: `{baseline?, period?:
    /// "day"|"week"|"month"}` (default baseline 0, weeks); one row per leaf task's own
    /// cost (no `resource`) and per assignment and period.
    #[wasm_bindgen(
        js_name = "baselineTimephased",
        unchecked_return_type = "BaselinePeriod[]"
    )]
    pub fn baseline_timephased(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TimephasedOptions")] options: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let (n, _, period) = evm_input(options, &["baseline", "period"])?;
        let p = crate::resources::period(period)?;
        to_js(&control::baseline_timephased(&self.inner, n, p).map_err(core)?)
    }

    /// Health findings and RAG at the status date (baseline 0, default thresholds) for
    /// the plan alone.
    #[wasm_bindgen(unchecked_return_type = "Health")]
    pub fn health(&self) -> Result<JsValue, js_sys::Error> {
        to_js(
            &control::health(&self.inner, None, None, &control::HealthOptions::default())
                .map_err(core)?,
        )
    }

    /// Health with the client side and the risk register (pass empty ones to skip
    /// their rules).
    #[wasm_bindgen(js_name = "healthWith", unchecked_return_type = "Health")]
    pub fn health_with(
        &self,
        engagement: &crate::client::JsEngagement,
        risks: &crate::risk::JsRiskRegister,
    ) -> Result<JsValue, js_sys::Error> {
        let h = control::health(
            &self.inner,
            Some(&engagement.inner),
            Some(&risks.inner),
            &control::HealthOptions::default(),
        )
        .map_err(core)?;
        to_js(&h)
    }

    /// The client-facing status report (Markdown) for the plan alone (baseline 0,
    /// 5,000 iterations, seed 1).
    #[wasm_bindgen(js_name = "statusReport")]
    pub fn status_report(&self) -> Result<String, js_sys::Error> {
        planix::io::status_report(
            &self.inner,
            None,
            None,
            &planix::io::StatusOptions::default(),
        )
        .map_err(core)
    }

    /// The status report with the client side and the risk register.
    #[wasm_bindgen(js_name = "statusReportWith")]
    pub fn status_report_with(
        &self,
        engagement: &crate::client::JsEngagement,
        risks: &crate::risk::JsRiskRegister,
    ) -> Result<String, js_sys::Error> {
        planix::io::status_report(
            &self.inner,
            Some(&engagement.inner),
            Some(&risks.inner),
            &planix::io::StatusOptions::default(),
        )
        .map_err(core)
    }

    /// The DCMA 14-point assessment against baseline `n` (default: baseline 0 when saved).
    #[wasm_bindgen(unchecked_return_type = "DcmaMetric[]")]
    pub fn dcma(&self, n: Option<u8>) -> Result<JsValue, js_sys::Error> {
        to_js(&control::dcma(&self.inner, n).map_err(core)?.metrics)
    }
}
