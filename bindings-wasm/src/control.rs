//! Progress, status date, baselines, variance, earned value and earned schedule, the
//! S-curve, health, the status report and the DCMA check on `Project`.

use planix::TaskId;
use planix::control::{self, EvmOptions, HealthOptions};
use planix::io::StatusOptions;
use planix::model::Progress;
use wasm_bindgen::prelude::*;

use crate::client::JsEngagement;
use crate::convert::{date, from_js, iso, opt_datetime, options, to_js};
use crate::errors::core;
use crate::project::JsProject;
use crate::risk::JsRiskRegister;
use crate::schedule::JsSchedule;

#[wasm_bindgen(js_class = "Project")]
impl JsProject {
    /// The status date (ISO date-time), or `undefined`.
    #[wasm_bindgen(getter, js_name = "statusDate")]
    pub fn status_date(&self) -> Option<String> {
        self.inner.status_date().map(iso)
    }

    /// Set (or clear, with `null`) the status date.
    #[wasm_bindgen(js_name = "setStatusDate")]
    pub fn set_status_date(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput | null")] date: JsValue,
    ) -> Result<(), js_sys::Error> {
        let d = opt_datetime(&date, "status date")?;
        self.inner.set_status_date(d).map_err(core)
    }

    /// Record a task's progress `{actual_start?, actual_finish?, percent_complete?,
    /// physical_percent?, remaining? (working minutes), actual_work? (hours),
    /// actual_cost?}`, replacing what was recorded.
    #[wasm_bindgen(js_name = "setProgress")]
    pub fn set_progress(
        &mut self,
        task: u32,
        #[wasm_bindgen(unchecked_param_type = "Progress")] progress: JsValue,
    ) -> Result<(), js_sys::Error> {
        let pr: Progress = from_js(&progress, "progress")?;
        self.inner
            .edit_task(TaskId(task), |t| t.progress = pr)
            .map_err(core)
    }

    /// The schedule honouring progress at the status date (options:
    /// `RescheduleOptions`: MS Project's four `move_…` options and
    /// `unstarted_after_status_date`; all `false` is MS Project's default).
    pub fn reschedule(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RescheduleOptions")] opts: JsValue,
    ) -> Result<JsSchedule, js_sys::Error> {
        let o: control::RescheduleOptions = options(&opts, "reschedule options")?;
        Ok(JsSchedule {
            inner: control::reschedule_with(&self.inner, &o).map_err(core)?,
        })
    }

    /// Save baseline `n` (default 0) of the plan as rescheduled now; `saved` is the day
    /// it is saved (default: the status date's day, else the start day).
    #[wasm_bindgen(js_name = "saveBaseline")]
    pub fn save_baseline(
        &mut self,
        n: Option<u8>,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] saved: JsValue,
    ) -> Result<(), js_sys::Error> {
        let day = if saved.is_undefined() || saved.is_null() {
            None
        } else {
            Some(date(&saved, "saved")?)
        };
        control::save_baseline(&mut self.inner, n.unwrap_or_default(), day).map_err(core)
    }

    /// The numbers of the saved baselines.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn baselines(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.baselines().map(|(n, _)| n).collect::<Vec<_>>())
    }

    /// Baseline `n`, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Baseline | undefined")]
    pub fn baseline(&self, n: u8) -> Result<JsValue, js_sys::Error> {
        self.inner.baseline(n).map_or(Ok(JsValue::UNDEFINED), to_js)
    }

    /// Variance of the rescheduled plan against baseline `n` (default 0).
    #[wasm_bindgen(unchecked_return_type = "Variance")]
    pub fn variance(&self, n: Option<u8>) -> Result<JsValue, js_sys::Error> {
        let s = control::reschedule(&self.inner).map_err(core)?;
        to_js(&control::variance(&self.inner, &s, n.unwrap_or_default()).map_err(core)?)
    }

    /// Earned value and earned schedule at the status date.
    #[wasm_bindgen(js_name = "earnedValue", unchecked_return_type = "EvmReport")]
    pub fn earned_value(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "EvmOptions")] opts: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let o: EvmOptions = options(&opts, "earned value options")?;
        to_js(&control::earned_value(&self.inner, o.baseline, o.method).map_err(core)?)
    }

    /// The S-curve of cumulative PV, EV and AC per period.
    #[wasm_bindgen(js_name = "sCurve", unchecked_return_type = "SCurvePoint[]")]
    pub fn s_curve(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "EvmOptions")] opts: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let o: EvmOptions = options(&opts, "earned value options")?;
        to_js(&control::s_curve(&self.inner, o.baseline, o.method, o.period).map_err(core)?)
    }

    /// A baseline's time-phased budget by period: one row per leaf task's own cost (no
    /// `resource`) and per assignment and period.
    #[wasm_bindgen(
        js_name = "baselineTimephased",
        unchecked_return_type = "BaselinePeriod[]"
    )]
    pub fn baseline_timephased(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "EvmOptions")] opts: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let o: EvmOptions = options(&opts, "earned value options")?;
        to_js(&control::baseline_timephased(&self.inner, o.baseline, o.period).map_err(core)?)
    }

    /// Health findings and RAG at the status date for the plan alone.
    #[wasm_bindgen(unchecked_return_type = "Health")]
    pub fn health(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "HealthOptions")] opts: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let o: HealthOptions = options(&opts, "health options")?;
        to_js(&control::health(&self.inner, None, None, &o).map_err(core)?)
    }

    /// Health with the client side and the risk register.
    #[wasm_bindgen(js_name = "healthWith", unchecked_return_type = "Health")]
    pub fn health_with(
        &self,
        engagement: &JsEngagement,
        risks: &JsRiskRegister,
        #[wasm_bindgen(unchecked_optional_param_type = "HealthOptions")] opts: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let o: HealthOptions = options(&opts, "health options")?;
        let h = control::health(&self.inner, Some(&engagement.inner), Some(&risks.inner), &o)
            .map_err(core)?;
        to_js(&h)
    }

    /// Health of the plan with a delivery board's rules joined in (area "agile";
    /// thresholds in the options' `agile`).
    #[wasm_bindgen(js_name = "healthWithBoard", unchecked_return_type = "Health")]
    pub fn health_with_board(
        &self,
        board: &crate::agile::JsBoard,
        #[wasm_bindgen(unchecked_optional_param_type = "HealthOptions")] opts: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let o: HealthOptions = options(&opts, "health options")?;
        let h = control::health_with_board(&self.inner, None, None, Some(&board.inner), &o)
            .map_err(core)?;
        to_js(&h)
    }

    /// The client-facing status report (Markdown) for the plan alone.
    #[wasm_bindgen(js_name = "statusReport")]
    pub fn status_report(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "StatusOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: StatusOptions = options(&opts, "status options")?;
        planix::io::status_report(&self.inner, None, None, &o).map_err(core)
    }

    /// The status report with the client side and the risk register.
    #[wasm_bindgen(js_name = "statusReportWith")]
    pub fn status_report_with(
        &self,
        engagement: &JsEngagement,
        risks: &JsRiskRegister,
        #[wasm_bindgen(unchecked_optional_param_type = "StatusOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: StatusOptions = options(&opts, "status options")?;
        planix::io::status_report(&self.inner, Some(&engagement.inner), Some(&risks.inner), &o)
            .map_err(core)
    }

    /// The DCMA 14-point assessment against baseline `n` (default: baseline 0 when saved).
    #[wasm_bindgen(unchecked_return_type = "DcmaMetric[]")]
    pub fn dcma(&self, n: Option<u8>) -> Result<JsValue, js_sys::Error> {
        to_js(&control::dcma(&self.inner, n).map_err(core)?.metrics)
    }
}
