//! `Engagement` for JavaScript: the client side and the lifecycle gates. Every input is
//! the core type itself, deserialized from the plain object (snake_case keys, as in the
//! engagement JSON document).

use planix::client::{
    AccountSpec, ChangeSpec, CommItem, Contact, Decision, Deliverable, Engagement, Feedback,
    LogEntry, Objective, Requirement, RequirementStatus, SignOff, Stakeholder, SurveySpec,
};
use planix::lifecycle::{self, Phase};
use wasm_bindgen::prelude::*;

use crate::convert::{date, from_js, ids, name, options, to_js};
use crate::errors::core;
use crate::project::JsProject;
use crate::risk::JsRiskRegister;

/// The client side of a project: account, stakeholders, communication plan and log,
/// objectives, scope, requirements, deliverables, change requests, feedback and the
/// lifecycle.
#[wasm_bindgen(js_name = "Engagement")]
pub struct JsEngagement {
    pub(crate) inner: Engagement,
}

#[wasm_bindgen(js_class = "Engagement")]
impl JsEngagement {
    /// A new engagement: `new Engagement(organisation, {industry?, contract_value?,
    /// contract_type?})`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        organisation: String,
        #[wasm_bindgen(unchecked_optional_param_type = "AccountSpec")] terms: JsValue,
    ) -> Result<JsEngagement, js_sys::Error> {
        let t: AccountSpec = options(&terms, "account")?;
        Ok(JsEngagement {
            inner: Engagement::with_terms(organisation, t),
        })
    }

    /// Add a client contact `{name, role?, email?, phone?}`.
    #[wasm_bindgen(js_name = "addContact")]
    pub fn add_contact(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Contact")] contact: JsValue,
    ) -> Result<(), js_sys::Error> {
        let c: Contact = from_js(&contact, "contact")?;
        self.inner.add_contact(c).map_err(core)
    }

    /// The account.
    #[wasm_bindgen(getter, unchecked_return_type = "Account")]
    pub fn account(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.account)
    }

    /// Add a stakeholder `{id, name, role?, organisation?, power?: "low"|"high",
    /// interest?, channel?, email?}`.
    #[wasm_bindgen(js_name = "addStakeholder")]
    pub fn add_stakeholder(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Stakeholder")] stakeholder: JsValue,
    ) -> Result<(), js_sys::Error> {
        let s: Stakeholder = from_js(&stakeholder, "stakeholder")?;
        self.inner.add_stakeholder(s).map_err(core)
    }

    /// The engagement strategy of a stakeholder's quadrant.
    pub fn strategy(&self, id: &str) -> Option<String> {
        self.inner
            .stakeholder(id)
            .map(|s| s.strategy().name().to_string())
    }

    /// Add an objective `{id, description, success_criteria?: [{measure, target}]}`.
    #[wasm_bindgen(js_name = "addObjective")]
    pub fn add_objective(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Objective")] objective: JsValue,
    ) -> Result<(), js_sys::Error> {
        let o: Objective = from_js(&objective, "objective")?;
        self.inner.add_objective(o).map_err(core)
    }

    /// Record what an objective achieved (at closing).
    #[wasm_bindgen(js_name = "recordOutcome")]
    pub fn record_outcome(
        &mut self,
        id: &str,
        outcome: String,
        met: bool,
    ) -> Result<(), js_sys::Error> {
        self.inner.record_outcome(id, outcome, met).map_err(core)
    }

    /// Add an in-scope (or, with `inScope` false, out-of-scope) statement.
    #[wasm_bindgen(js_name = "addScope")]
    pub fn add_scope(
        &mut self,
        statement: String,
        in_scope: Option<bool>,
    ) -> Result<(), js_sys::Error> {
        self.inner
            .add_scope(statement, in_scope.unwrap_or(true))
            .map_err(core)
    }

    /// In-scope statements.
    #[wasm_bindgen(getter, js_name = "inScope")]
    pub fn in_scope(&self) -> Vec<String> {
        self.inner.in_scope.clone()
    }

    /// Out-of-scope statements.
    #[wasm_bindgen(getter, js_name = "outOfScope")]
    pub fn out_of_scope(&self) -> Vec<String> {
        self.inner.out_of_scope.clone()
    }

    /// Add a deliverable `{id, name, acceptance?, due?, tasks?}`.
    #[wasm_bindgen(js_name = "addDeliverable")]
    pub fn add_deliverable(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Deliverable")] deliverable: JsValue,
    ) -> Result<(), js_sys::Error> {
        let d: Deliverable = from_js(&deliverable, "deliverable")?;
        self.inner.add_deliverable(d).map_err(core)
    }

    /// Set a deliverable's agreed acceptance criteria.
    #[wasm_bindgen(js_name = "setAcceptance")]
    pub fn set_acceptance(&mut self, id: &str, criteria: Vec<String>) -> Result<(), js_sys::Error> {
        self.inner.set_acceptance(id, criteria).map_err(core)
    }

    /// Record a client sign-off `{by, date, accepted, reasons?}` on a deliverable.
    #[wasm_bindgen(js_name = "signOff")]
    pub fn sign_off(
        &mut self,
        deliverable: &str,
        #[wasm_bindgen(unchecked_param_type = "SignOff")] sign_off: JsValue,
    ) -> Result<(), js_sys::Error> {
        let s: SignOff = from_js(&sign_off, "sign-off")?;
        self.inner.sign_off(deliverable, s).map_err(core)
    }

    /// Add a requirement `{id, title, priority?: "must"|"should"|"could"|"wont",
    /// source?, status?, acceptance?, deliverables?, tasks?}`.
    #[wasm_bindgen(js_name = "addRequirement")]
    pub fn add_requirement(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Requirement")] requirement: JsValue,
    ) -> Result<(), js_sys::Error> {
        let r: Requirement = from_js(&requirement, "requirement")?;
        self.inner.add_requirement(r).map_err(core)
    }

    /// Set a requirement's status.
    #[wasm_bindgen(js_name = "setRequirementStatus")]
    pub fn set_requirement_status(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "RequirementStatus")] status: &str,
    ) -> Result<(), js_sys::Error> {
        let s: RequirementStatus = name(status, "requirement status")?;
        self.inner.set_requirement_status(id, s).map_err(core)
    }

    /// The traceability matrix against a project, with the gaps both ways.
    #[wasm_bindgen(unchecked_return_type = "Traceability")]
    pub fn traceability(&self, project: &JsProject) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.traceability(&project.inner).map_err(core)?)
    }

    /// Add a communication-plan item `{id, what, audience, frequency, start, channel?,
    /// until?, owner?}`.
    #[wasm_bindgen(js_name = "addCommItem")]
    pub fn add_comm_item(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CommItem")] item: JsValue,
    ) -> Result<(), js_sys::Error> {
        let c: CommItem = from_js(&item, "communication item")?;
        self.inner.add_comm_item(c).map_err(core)
    }

    /// Add a log entry `{id, date, kind, summary, stakeholders?, requirements?, risks?,
    /// changes?, plan_item?, actions?}`.
    #[wasm_bindgen(js_name = "addLogEntry")]
    pub fn add_log_entry(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LogEntry")] entry: JsValue,
    ) -> Result<(), js_sys::Error> {
        let e: LogEntry = from_js(&entry, "log entry")?;
        self.inner.add_log_entry(e).map_err(core)
    }

    /// Mark action `index` of a log entry done.
    #[wasm_bindgen(js_name = "completeAction")]
    pub fn complete_action(&mut self, entry: &str, index: usize) -> Result<(), js_sys::Error> {
        self.inner.complete_action(entry, index).map_err(core)
    }

    /// Planned communications due from `start` to `end`.
    #[wasm_bindgen(js_name = "communicationsDue", unchecked_return_type = "Due[]")]
    pub fn communications_due(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let (s, e) = (date(&start, "start")?, date(&end, "end")?);
        to_js(&self.inner.communications_due(s, e))
    }

    /// Planned communications due before `today` with no log entry.
    #[wasm_bindgen(js_name = "overdueCommunications", unchecked_return_type = "Due[]")]
    pub fn overdue_communications(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] today: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.overdue_communications(date(&today, "today")?))
    }

    /// Open action items due before `today`, as `[logEntryId, action]` pairs.
    #[wasm_bindgen(
        js_name = "overdueActions",
        unchecked_return_type = "[string, ActionItem][]"
    )]
    pub fn overdue_actions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] today: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.overdue_actions(date(&today, "today")?))
    }

    /// Submit a change request `{id, title, requested_by, date, changes, reason?}`;
    /// changes are `{type: "add_task"|"remove_task"|"set_duration"|"set_cost"|
    /// "add_link"|"remove_link"|"add_scope"|"remove_scope", ...}`.
    #[wasm_bindgen(js_name = "submitChange")]
    pub fn submit_change(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ChangeSpec")] change: JsValue,
    ) -> Result<(), js_sys::Error> {
        let c: ChangeSpec = from_js(&change, "change request")?;
        self.inner.submit_change(c.into()).map_err(core)
    }

    /// Analyse a change request on a copy of the project.
    #[wasm_bindgen(js_name = "analyseChange", unchecked_return_type = "ImpactAnalysis")]
    pub fn analyse_change(
        &mut self,
        id: &str,
        project: &JsProject,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(
            self.inner
                .analyse_change(id, &project.inner)
                .map_err(core)?,
        )
    }

    /// Record the decision `{by, date, approved, note?}` on an analysed change request.
    #[wasm_bindgen(js_name = "decideChange")]
    pub fn decide_change(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "Decision")] decision: JsValue,
    ) -> Result<(), js_sys::Error> {
        let d: Decision = from_js(&decision, "decision")?;
        self.inner.decide_change(id, d).map_err(core)
    }

    /// Apply an approved change request to the project (all or nothing); returns the
    /// ids of new tasks.
    #[wasm_bindgen(js_name = "implementChange", unchecked_return_type = "TaskId[]")]
    pub fn implement_change(
        &mut self,
        id: &str,
        project: &mut JsProject,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] on: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let new = self
            .inner
            .implement_change(id, &mut project.inner, date(&on, "on")?)
            .map_err(core)?;
        ids(&new)
    }

    /// A change request, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "ChangeRequest | undefined")]
    pub fn change(&self, id: &str) -> Result<JsValue, js_sys::Error> {
        self.inner.change(id).map_or(Ok(JsValue::UNDEFINED), to_js)
    }

    /// The applied changes, oldest first.
    #[wasm_bindgen(
        getter,
        js_name = "changeHistory",
        unchecked_return_type = "ChangeRecord[]"
    )]
    pub fn change_history(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.change_history())
    }

    /// Add feedback `{id, date, sentiment, text, stakeholder?, topic?, links?}`.
    #[wasm_bindgen(js_name = "addFeedback")]
    pub fn add_feedback(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Feedback")] feedback: JsValue,
    ) -> Result<(), js_sys::Error> {
        let f: Feedback = from_js(&feedback, "feedback")?;
        self.inner.add_feedback(f).map_err(core)
    }

    /// Record a survey answer `{date, kind: "csat"|"nps", score, stakeholder?}`.
    #[wasm_bindgen(js_name = "addSurveyResponse")]
    pub fn add_survey_response(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SurveySpec")] answer: JsValue,
    ) -> Result<(), js_sys::Error> {
        let s: SurveySpec = from_js(&answer, "survey response")?;
        self.inner.add_survey(s).map_err(core)
    }

    /// CSAT: percent of 4 and 5 answers.
    #[wasm_bindgen(getter)]
    pub fn csat(&self) -> Option<f64> {
        self.inner.csat()
    }

    /// NPS: percent promoters minus percent detractors.
    #[wasm_bindgen(getter)]
    pub fn nps(&self) -> Option<f64> {
        self.inner.nps()
    }

    /// CSAT and NPS per period ("day", "week", "month"; default month).
    #[wasm_bindgen(js_name = "satisfactionTrend", unchecked_return_type = "SurveyTrend[]")]
    pub fn satisfaction_trend(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Period")] period: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        let p = match period {
            Some(s) => name(&s, "period")?,
            None => planix::resources::Period::Month,
        };
        let (s, e) = (date(&start, "start")?, date(&end, "end")?);
        to_js(&self.inner.satisfaction_trend(s, e, p))
    }

    /// Record a lesson learned.
    #[wasm_bindgen(js_name = "addLesson")]
    pub fn add_lesson(&mut self, lesson: String) -> Result<(), js_sys::Error> {
        self.inner.add_lesson(lesson).map_err(core)
    }

    /// The current phase.
    #[wasm_bindgen(getter)]
    pub fn phase(&self) -> String {
        self.inner.lifecycle.phase.name().to_string()
    }

    /// Phases entered, oldest first.
    #[wasm_bindgen(
        getter,
        js_name = "phaseHistory",
        unchecked_return_type = "PhaseEntry[]"
    )]
    pub fn phase_history(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.lifecycle.history)
    }

    /// The gate out of the current phase, checked on a date.
    #[wasm_bindgen(unchecked_return_type = "GateCheck[]")]
    pub fn gate(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] on: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&lifecycle::current_gate(
            &self.inner,
            &project.inner,
            date(&on, "on")?,
        ))
    }

    /// Move to the next phase if its gate passes (else a `LifecycleError` with
    /// `unmet`); returns the new phase.
    #[wasm_bindgen(js_name = "advancePhase")]
    pub fn advance_phase(
        &mut self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] on: JsValue,
    ) -> Result<String, js_sys::Error> {
        let on = date(&on, "on")?;
        let p = lifecycle::advance_phase(&mut self.inner, &project.inner, on).map_err(core)?;
        Ok(p.name().to_string())
    }

    /// Add your own criterion to the gate out of `phase`.
    #[wasm_bindgen(js_name = "addCriterion")]
    pub fn add_criterion(
        &mut self,
        id: String,
        #[wasm_bindgen(unchecked_param_type = "Phase")] phase: &str,
        description: String,
    ) -> Result<(), js_sys::Error> {
        let ph: Phase = name(phase, "phase")?;
        self.inner
            .lifecycle
            .add_criterion(id, ph, description)
            .map_err(core)
    }

    /// Tick (or untick) your own criterion.
    #[wasm_bindgen(js_name = "setCriterion")]
    pub fn set_criterion(&mut self, id: &str, met: Option<bool>) -> Result<(), js_sys::Error> {
        self.inner
            .lifecycle
            .set_criterion(id, met.unwrap_or(true))
            .map_err(core)
    }

    /// The project charter as Markdown.
    pub fn charter(&self, project: &JsProject) -> Result<String, js_sys::Error> {
        planix::io::charter(&project.inner, &self.inner, None).map_err(core)
    }

    /// The project charter as Markdown, with the register's top risks.
    #[wasm_bindgen(js_name = "charterWithRisks")]
    pub fn charter_with_risks(
        &self,
        project: &JsProject,
        risks: &JsRiskRegister,
    ) -> Result<String, js_sys::Error> {
        planix::io::charter(&project.inner, &self.inner, Some(&risks.inner)).map_err(core)
    }

    /// The closing report as Markdown.
    #[wasm_bindgen(js_name = "closingReport")]
    pub fn closing_report(&self, project: &JsProject) -> Result<String, js_sys::Error> {
        planix::io::closing_report(&project.inner, &self.inner, None).map_err(core)
    }

    /// The closing report with the schedule and cost variance against `baseline` (the
    /// plan as chartered).
    #[wasm_bindgen(js_name = "closingReportAgainst")]
    pub fn closing_report_against(
        &self,
        project: &JsProject,
        baseline: &JsProject,
    ) -> Result<String, js_sys::Error> {
        planix::io::closing_report(&project.inner, &self.inner, Some(&baseline.inner)).map_err(core)
    }

    /// A table as plain objects: "stakeholders", "requirements", "deliverables", "log",
    /// "changes" or "feedback" (the traceability table: `traceabilityTable`).
    #[wasm_bindgen(unchecked_return_type = "Record<string, unknown>[]")]
    pub fn table(&self, name: &str) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.table(name, None).map_err(core)?)
    }

    /// The traceability matrix as table rows.
    #[wasm_bindgen(
        js_name = "traceabilityTable",
        unchecked_return_type = "Record<string, unknown>[]"
    )]
    pub fn traceability_table(&self, project: &JsProject) -> Result<JsValue, js_sys::Error> {
        to_js(
            &self
                .inner
                .table("traceability", Some(&project.inner))
                .map_err(core)?,
        )
    }

    /// The engagement as a JSON document (format "planix-client", version 1).
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Read an engagement written by `toJson`.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> Result<JsEngagement, js_sys::Error> {
        Ok(JsEngagement {
            inner: Engagement::from_json(text).map_err(core)?,
        })
    }
}
