//! The RAID log on `Engagement` for JavaScript: issues, assumptions and constraints,
//! the decision register and the RAID summary. Inputs are the core types as plain
//! objects (snake_case keys, as in the engagement JSON document).

use planix::client::{Assumption, Issue, IssueScale, IssueStatus};
use planix::risk::RiskSpec;
use wasm_bindgen::prelude::*;

use crate::client::JsEngagement;
use crate::convert::{date, datetime, from_js, name, to_js};
use crate::errors::core;
use crate::project::JsProject;
use crate::risk::JsRiskRegister;

#[wasm_bindgen(js_class = "Engagement")]
impl JsEngagement {
    /// Add an issue `{id, title, raised_by, raised, severity, description?, category?,
    /// priority?, owner?, due?, escalation?, decision_needed?, tasks?, deliverables?,
    /// requirements?, risks?, changes?, log?, impact?: {delay?, extra_cost?, fix_task?},
    /// status?, history?}` (`raised` as ISO text).
    #[wasm_bindgen(js_name = "addIssue")]
    pub fn add_issue(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Issue")] issue: JsValue,
    ) -> Result<(), js_sys::Error> {
        let i: Issue = from_js(&issue, "issue")?;
        self.inner.add_issue(i).map_err(core)
    }

    /// Move an issue to a status ("open", "in_progress", "waiting_on_client",
    /// "resolved", "closed") at a time (a `Date` or ISO text), appending to its history.
    #[wasm_bindgen(js_name = "setIssueStatus")]
    pub fn set_issue_status(
        &mut self,
        id: &str,
        status: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        by: Option<String>,
        note: Option<String>,
    ) -> Result<(), js_sys::Error> {
        let s: IssueStatus = name(status, "issue status")?;
        let at = datetime(&at, "at")?;
        self.inner
            .set_issue_status(
                id,
                s,
                at,
                by.as_deref().unwrap_or(""),
                note.as_deref().unwrap_or(""),
            )
            .map_err(core)
    }

    /// Resolve an issue with how it was fixed and its root cause.
    #[wasm_bindgen(js_name = "resolveIssue")]
    pub fn resolve_issue(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        by: &str,
        resolution: &str,
        root_cause: Option<String>,
    ) -> Result<(), js_sys::Error> {
        let at = datetime(&at, "at")?;
        self.inner
            .resolve_issue(id, at, by, resolution, root_cause.as_deref().unwrap_or(""))
            .map_err(core)
    }

    /// Set an issue's owner ("" clears it), escalation level or due day (`undefined`
    /// leaves a field as it is).
    #[wasm_bindgen(js_name = "updateIssue")]
    pub fn update_issue(
        &mut self,
        id: &str,
        owner: Option<String>,
        escalation: Option<u8>,
        #[wasm_bindgen(unchecked_param_type = "DateInput | undefined")] due: JsValue,
    ) -> Result<(), js_sys::Error> {
        let due = if due.is_undefined() || due.is_null() {
            None
        } else {
            Some(date(&due, "due")?)
        };
        self.inner
            .update_issue(id, owner.as_deref(), escalation, due)
            .map_err(core)
    }

    /// An issue, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Issue | undefined")]
    pub fn issue(&self, id: &str) -> Result<JsValue, js_sys::Error> {
        self.inner.issue(id).map_or(Ok(JsValue::UNDEFINED), to_js)
    }

    /// The issue log, in the order raised.
    #[wasm_bindgen(getter, unchecked_return_type = "Issue[]")]
    pub fn issues(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.issues())
    }

    /// The severities (targets in working minutes) and priorities issues are scored on.
    #[wasm_bindgen(getter, js_name = "issueScale", unchecked_return_type = "IssueScale")]
    pub fn issue_scale(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.issue_scale())
    }

    /// Replace the issue scale: severities `{name, response?, resolution?, high?}`, most
    /// severe first; priorities highest first.
    #[wasm_bindgen(js_name = "setIssueScale")]
    pub fn set_issue_scale(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SeverityLevel[]")] severities: JsValue,
        priorities: Vec<String>,
    ) -> Result<(), js_sys::Error> {
        let severities = from_js(&severities, "issue scale")?;
        self.inner
            .set_issue_scale(IssueScale {
                severities,
                priorities,
            })
            .map_err(core)
    }

    /// Turn an occurred risk of `register` into an issue (linked both ways; the risk is
    /// marked occurred).
    #[wasm_bindgen(js_name = "issueFromRisk")]
    pub fn issue_from_risk(
        &mut self,
        register: &mut JsRiskRegister,
        risk: &str,
        #[wasm_bindgen(unchecked_param_type = "Issue")] issue: JsValue,
    ) -> Result<(), js_sys::Error> {
        let i: Issue = from_js(&issue, "issue")?;
        self.inner
            .issue_from_risk(&mut register.inner, risk, i)
            .map_err(core)
    }

    /// Analyse an issue's impact on a copy of the project (as `analyseChange`).
    #[wasm_bindgen(js_name = "analyseIssue", unchecked_return_type = "ImpactAnalysis")]
    pub fn analyse_issue(
        &mut self,
        id: &str,
        project: &JsProject,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.analyse_issue(id, &project.inner).map_err(core)?)
    }

    /// Raise a change request applying an issue's impact.
    #[wasm_bindgen(js_name = "issueToChange")]
    pub fn issue_to_change(
        &mut self,
        id: &str,
        change_id: &str,
        requested_by: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] on: JsValue,
        project: &JsProject,
    ) -> Result<(), js_sys::Error> {
        let on = date(&on, "date")?;
        self.inner
            .issue_to_change(id, change_id, requested_by, on, &project.inner)
            .map_err(core)
    }

    /// The open issues' delays as Monte Carlo events (pass as `simulate({risks})`).
    #[wasm_bindgen(js_name = "issueEvents", unchecked_return_type = "RiskEvent[]")]
    pub fn issue_events(&self, project: &JsProject) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.issue_events(&project.inner))
    }

    /// Service-target status of every issue at `at` on the project calendar.
    #[wasm_bindgen(js_name = "issueAges", unchecked_return_type = "IssueAge[]")]
    pub fn issue_ages(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let at = datetime(&at, "at")?;
        to_js(&self.inner.issue_ages(&project.inner, at).map_err(core)?)
    }

    /// Add an assumption or constraint `{id, statement, kind?, owner?, validate_by?,
    /// status?, validated_on?, note?}`.
    #[wasm_bindgen(js_name = "addAssumption")]
    pub fn add_assumption(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Assumption")] assumption: JsValue,
    ) -> Result<(), js_sys::Error> {
        let a: Assumption = from_js(&assumption, "assumption")?;
        self.inner.add_assumption(a).map_err(core)
    }

    /// Record the check of an assumption: valid or not, on a day, with what was found.
    #[wasm_bindgen(js_name = "validateAssumption")]
    pub fn validate_assumption(
        &mut self,
        id: &str,
        valid: bool,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] on: JsValue,
        note: Option<String>,
    ) -> Result<(), js_sys::Error> {
        let on = date(&on, "date")?;
        self.inner
            .validate_assumption(id, valid, on, note.as_deref().unwrap_or(""))
            .map_err(core)
    }

    /// Turn an invalid assumption into an issue.
    #[wasm_bindgen(js_name = "assumptionToIssue")]
    pub fn assumption_to_issue(
        &mut self,
        assumption: &str,
        #[wasm_bindgen(unchecked_param_type = "Issue")] issue: JsValue,
    ) -> Result<(), js_sys::Error> {
        let i: Issue = from_js(&issue, "issue")?;
        self.inner.assumption_to_issue(assumption, i).map_err(core)
    }

    /// Turn an invalid assumption into a risk of `register`; returns the risk id.
    #[wasm_bindgen(js_name = "assumptionToRisk")]
    pub fn assumption_to_risk(
        &mut self,
        assumption: &str,
        register: &mut JsRiskRegister,
        #[wasm_bindgen(unchecked_param_type = "RiskSpec")] risk: JsValue,
    ) -> Result<String, js_sys::Error> {
        let spec: RiskSpec = from_js(&risk, "risk")?;
        self.inner
            .assumption_to_risk(assumption, &mut register.inner, spec.into())
            .map_err(core)
    }

    /// The assumptions and constraints.
    #[wasm_bindgen(getter, unchecked_return_type = "Assumption[]")]
    pub fn assumptions(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.assumptions())
    }

    /// The decision register (the log's decision entries and the change decisions).
    #[wasm_bindgen(unchecked_return_type = "DecisionRow[]")]
    pub fn decisions(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.decisions())
    }

    /// Decisions the client owes: `[id, what]` pairs.
    #[wasm_bindgen(
        js_name = "decisionsNeeded",
        unchecked_return_type = "[string, string][]"
    )]
    pub fn decisions_needed(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.decisions_needed())
    }

    /// The RAID summary rows: assumptions, issues and decisions (with the register's
    /// risks: `raidSummaryWithRisks`).
    #[wasm_bindgen(
        js_name = "raidSummary",
        unchecked_return_type = "Record<string, unknown>[]"
    )]
    pub fn raid_summary(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.raid_summary(None))
    }

    /// The RAID summary rows with the risks of `register` first.
    #[wasm_bindgen(
        js_name = "raidSummaryWithRisks",
        unchecked_return_type = "Record<string, unknown>[]"
    )]
    pub fn raid_summary_with_risks(
        &self,
        register: &JsRiskRegister,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.raid_summary(Some(&register.inner)))
    }

    /// The issue log as CSV (lists separated by ";", history and fix task as JSON).
    #[wasm_bindgen(js_name = "issuesToCsv")]
    pub fn issues_to_csv(&self) -> Result<String, js_sys::Error> {
        self.inner.issues_to_csv().map_err(core)
    }

    /// Add the issues of a CSV text, all or nothing; returns how many were added.
    #[wasm_bindgen(js_name = "issuesFromCsv")]
    pub fn issues_from_csv(&mut self, text: &str) -> Result<usize, js_sys::Error> {
        self.inner.issues_from_csv(text).map_err(core)
    }
}
