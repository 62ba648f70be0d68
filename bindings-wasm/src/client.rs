//! `Engagement` for JavaScript: the client side and the lifecycle gates.

use chrono::NaiveDate;
use planix::TaskId;
use planix::client::{
    ActionItem, Change, ChangeRequest, Channel, CommItem, Contact, ContractType, Decision,
    Deliverable, Engagement, Feedback, Frequency, Level, LogEntry, LogKind, Moscow, Objective,
    Requirement, RequirementStatus, Score, Sentiment, SignOff, Stakeholder, SurveyResponse,
};
use planix::lifecycle::{self, Phase};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::convert::{date, from_js, known_keys, named, opt_named, to_js};
use crate::errors::{core, value_error};
use crate::project::JsProject;
use crate::risk::JsRiskRegister;

/// Reads a plain object, refusing keys outside `keys` (serde-wasm-bindgen ignores them).
fn input<T: serde::de::DeserializeOwned>(
    v: JsValue,
    what: &str,
    keys: &[&str],
) -> Result<T, js_sys::Error> {
    known_keys(&v, what, keys)?;
    from_js(v, what)
}

fn tasks(ids: Vec<u32>) -> Vec<TaskId> {
    ids.into_iter().map(TaskId).collect()
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct AccountInput {
    industry: String,
    contract_value: f64,
    contract_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StakeholderInput {
    id: String,
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
    power: Option<String>,
    interest: Option<String>,
    channel: Option<String>,
    #[serde(default)]
    email: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ObjectiveInput {
    id: String,
    description: String,
    #[serde(default)]
    success_criteria: Vec<planix::client::SuccessCriterion>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeliverableInput {
    id: String,
    name: String,
    #[serde(default)]
    acceptance: Vec<String>,
    due: Option<NaiveDate>,
    #[serde(default)]
    tasks: Vec<u32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RequirementInput {
    id: String,
    title: String,
    priority: Option<String>,
    source: Option<String>,
    status: Option<String>,
    #[serde(default)]
    acceptance: Vec<String>,
    #[serde(default)]
    deliverables: Vec<String>,
    #[serde(default)]
    tasks: Vec<u32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommInput {
    id: String,
    what: String,
    audience: Vec<String>,
    frequency: String,
    start: NaiveDate,
    channel: Option<String>,
    until: Option<NaiveDate>,
    #[serde(default)]
    owner: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LogInput {
    id: String,
    date: NaiveDate,
    kind: String,
    summary: String,
    #[serde(default)]
    stakeholders: Vec<String>,
    #[serde(default)]
    requirements: Vec<String>,
    #[serde(default)]
    risks: Vec<String>,
    #[serde(default)]
    changes: Vec<String>,
    plan_item: Option<String>,
    #[serde(default)]
    actions: Vec<ActionItem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChangeInput {
    id: String,
    title: String,
    requested_by: String,
    date: NaiveDate,
    changes: Vec<Change>,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FeedbackInput {
    id: String,
    date: NaiveDate,
    sentiment: String,
    text: String,
    stakeholder: Option<String>,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    links: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SurveyInput {
    date: NaiveDate,
    kind: String,
    score: u8,
    stakeholder: Option<String>,
}

/// The client side of a project: account, stakeholders, communication, scope,
/// requirements, deliverables, change requests, feedback and the lifecycle.
#[wasm_bindgen(js_name = "Engagement")]
pub struct JsEngagement {
    pub(crate) inner: Engagement,
}

#[wasm_bindgen(js_class = "Engagement")]
impl JsEngagement {
    /// A new engagement: `new Engagement(organisation, {industry?, contractValue?,
    /// contractType?})`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        organisation: String,
        #[wasm_bindgen(unchecked_optional_param_type = "AccountInput")] account: JsValue,
    ) -> Result<JsEngagement, js_sys::Error> {
        let a: AccountInput = if account.is_undefined() || account.is_null() {
            AccountInput::default()
        } else {
            input(
                account,
                "account",
                &["industry", "contractValue", "contractType"],
            )?
        };
        let mut inner = Engagement::new(organisation);
        inner.account.industry = a.industry;
        inner.account.contract_value = a.contract_value;
        inner.account.contract_type = opt_named(
            "contract type",
            a.contract_type.as_deref(),
            ContractType::from_name,
            ContractType::NAMES,
        )?;
        Ok(JsEngagement { inner })
    }

    /// Add a client contact `{name, role?, email?, phone?}`.
    #[wasm_bindgen(js_name = "addContact")]
    pub fn add_contact(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Contact")] c: JsValue,
    ) -> Result<(), js_sys::Error> {
        let c: Contact = input(c, "contact", &["name", "role", "email", "phone"])?;
        self.inner.add_contact(c).map_err(core)
    }

    /// The account.
    #[wasm_bindgen(getter, unchecked_return_type = "Record<string, unknown>")]
    pub fn account(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.account)
    }

    /// Add a stakeholder `{id, name, role?, organisation?, power?: "low"|"high",
    /// interest?, channel?, email?}`.
    #[wasm_bindgen(js_name = "addStakeholder")]
    pub fn add_stakeholder(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "StakeholderInput")] s: JsValue,
    ) -> Result<(), js_sys::Error> {
        let s: StakeholderInput = input(
            s,
            "stakeholder",
            &[
                "id",
                "name",
                "role",
                "organisation",
                "power",
                "interest",
                "channel",
                "email",
            ],
        )?;
        let mut st = Stakeholder::new(s.id, s.name, s.role).with_grid(
            opt_named("power", s.power.as_deref(), Level::from_name, Level::NAMES)?,
            opt_named(
                "interest",
                s.interest.as_deref(),
                Level::from_name,
                Level::NAMES,
            )?,
        );
        st.organisation = s.organisation;
        st.channel = opt_named(
            "channel",
            s.channel.as_deref(),
            Channel::from_name,
            Channel::NAMES,
        )?;
        st.email = s.email;
        self.inner.add_stakeholder(st).map_err(core)
    }

    /// The engagement strategy of a stakeholder's quadrant.
    pub fn strategy(&self, id: &str) -> Option<String> {
        self.inner
            .stakeholder(id)
            .map(|s| s.strategy().name().to_string())
    }

    /// Add an objective `{id, description, successCriteria?: [{measure, target}]}`.
    #[wasm_bindgen(js_name = "addObjective")]
    pub fn add_objective(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ObjectiveInput")] o: JsValue,
    ) -> Result<(), js_sys::Error> {
        let o: ObjectiveInput = input(o, "objective", &["id", "description", "successCriteria"])?;
        let mut obj = Objective::new(o.id, o.description, &[]);
        obj.success_criteria = o.success_criteria;
        self.inner.add_objective(obj).map_err(core)
    }

    /// Record what an objective achieved.
    #[wasm_bindgen(js_name = "recordOutcome")]
    pub fn record_outcome(
        &mut self,
        id: &str,
        outcome: String,
        met: bool,
    ) -> Result<(), js_sys::Error> {
        self.inner.record_outcome(id, outcome, met).map_err(core)
    }

    /// Add an in-scope statement (out of scope with `inScope = false`).
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
        #[wasm_bindgen(unchecked_param_type = "DeliverableInput")] d: JsValue,
    ) -> Result<(), js_sys::Error> {
        let d: DeliverableInput = input(
            d,
            "deliverable",
            &["id", "name", "acceptance", "due", "tasks"],
        )?;
        let mut x = Deliverable::new(d.id, d.name);
        x.acceptance = d.acceptance;
        x.due = d.due;
        x.tasks = tasks(d.tasks);
        self.inner.add_deliverable(x).map_err(core)
    }

    /// Set a deliverable's acceptance criteria.
    #[wasm_bindgen(js_name = "setAcceptance")]
    pub fn set_acceptance(&mut self, id: &str, criteria: Vec<String>) -> Result<(), js_sys::Error> {
        self.inner.set_acceptance(id, criteria).map_err(core)
    }

    /// Record a sign-off `{by, date, accepted, reasons?}` on a deliverable.
    #[wasm_bindgen(js_name = "signOff")]
    pub fn sign_off(
        &mut self,
        deliverable: &str,
        #[wasm_bindgen(unchecked_param_type = "SignOffInput")] s: JsValue,
    ) -> Result<(), js_sys::Error> {
        let s: SignOff = input(s, "sign-off", &["by", "date", "accepted", "reasons"])?;
        self.inner.sign_off(deliverable, s).map_err(core)
    }

    /// Add a requirement `{id, title, priority?: "must"|"should"|"could"|"wont", source?,
    /// status?, acceptance?, deliverables?, tasks?}`.
    #[wasm_bindgen(js_name = "addRequirement")]
    pub fn add_requirement(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RequirementInput")] r: JsValue,
    ) -> Result<(), js_sys::Error> {
        let r: RequirementInput = input(
            r,
            "requirement",
            &[
                "id",
                "title",
                "priority",
                "source",
                "status",
                "acceptance",
                "deliverables",
                "tasks",
            ],
        )?;
        let priority = named(
            "priority",
            r.priority.as_deref().unwrap_or("must"),
            Moscow::from_name,
            Moscow::NAMES,
        )?;
        let mut x = Requirement::new(r.id, r.title, priority);
        x.source = r.source;
        x.status = opt_named(
            "status",
            r.status.as_deref(),
            RequirementStatus::from_name,
            RequirementStatus::NAMES,
        )?;
        x.acceptance = r.acceptance;
        x.deliverables = r.deliverables;
        x.tasks = tasks(r.tasks);
        self.inner.add_requirement(x).map_err(core)
    }

    /// Set a requirement's status.
    #[wasm_bindgen(js_name = "setRequirementStatus")]
    pub fn set_requirement_status(&mut self, id: &str, status: &str) -> Result<(), js_sys::Error> {
        let s = named(
            "status",
            status,
            RequirementStatus::from_name,
            RequirementStatus::NAMES,
        )?;
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
        #[wasm_bindgen(unchecked_param_type = "CommItemInput")] c: JsValue,
    ) -> Result<(), js_sys::Error> {
        let c: CommInput = input(
            c,
            "communication",
            &[
                "id",
                "what",
                "audience",
                "frequency",
                "start",
                "channel",
                "until",
                "owner",
            ],
        )?;
        let item = CommItem {
            id: c.id,
            what: c.what,
            audience: c.audience,
            channel: opt_named(
                "channel",
                c.channel.as_deref(),
                Channel::from_name,
                Channel::NAMES,
            )?,
            frequency: named(
                "frequency",
                &c.frequency,
                Frequency::from_name,
                Frequency::NAMES,
            )?,
            start: c.start,
            until: c.until,
            owner: c.owner,
        };
        self.inner.add_comm_item(item).map_err(core)
    }

    /// Add a log entry `{id, date, kind, summary, stakeholders?, requirements?, risks?,
    /// changes?, planItem?, actions?: [{description, owner?, due?, done?}]}`.
    #[wasm_bindgen(js_name = "addLogEntry")]
    pub fn add_log_entry(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LogEntryInput")] l: JsValue,
    ) -> Result<(), js_sys::Error> {
        if let Some(acts) = js_sys::Reflect::get(&l, &JsValue::from_str("actions"))
            .ok()
            .filter(|a| a.is_object())
        {
            for a in js_sys::Array::from(&acts).iter() {
                known_keys(&a, "action item", &["description", "owner", "due", "done"])?;
            }
        }
        let l: LogInput = input(
            l,
            "log entry",
            &[
                "id",
                "date",
                "kind",
                "summary",
                "stakeholders",
                "requirements",
                "risks",
                "changes",
                "planItem",
                "actions",
            ],
        )?;
        let mut e = LogEntry::new(
            l.id,
            l.date,
            named("log kind", &l.kind, LogKind::from_name, LogKind::NAMES)?,
            l.summary,
        );
        e.stakeholders = l.stakeholders;
        e.requirements = l.requirements;
        e.risks = l.risks;
        e.changes = l.changes;
        e.plan_item = l.plan_item;
        e.actions = l.actions;
        self.inner.add_log_entry(e).map_err(core)
    }

    /// Mark action `index` of a log entry done.
    #[wasm_bindgen(js_name = "completeAction")]
    pub fn complete_action(&mut self, entry: &str, index: usize) -> Result<(), js_sys::Error> {
        self.inner.complete_action(entry, index).map_err(core)
    }

    /// Planned communications due from `start` to `end` (`"YYYY-MM-DD"`).
    #[wasm_bindgen(
        js_name = "communicationsDue",
        unchecked_return_type = "CommunicationDue[]"
    )]
    pub fn communications_due(&self, start: &str, end: &str) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.communications_due(date(start)?, date(end)?))
    }

    /// Planned communications due before `today` with no log entry.
    #[wasm_bindgen(
        js_name = "overdueCommunications",
        unchecked_return_type = "CommunicationDue[]"
    )]
    pub fn overdue_communications(&self, today: &str) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.overdue_communications(date(today)?))
    }

    /// Open action items due before `today`, as `[logEntryId, action]` pairs.
    #[wasm_bindgen(
        js_name = "overdueActions",
        unchecked_return_type = "[string, Record<string, unknown>][]"
    )]
    pub fn overdue_actions(&self, today: &str) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.overdue_actions(date(today)?))
    }

    /// Submit a change request `{id, title, requestedBy, date, changes, reason?}`;
    /// changes are `{type: "add_task"|"remove_task"|"set_duration"|"set_cost"|
    /// "add_link"|"remove_link"|"add_scope"|"remove_scope", ...}`.
    #[wasm_bindgen(js_name = "submitChange")]
    pub fn submit_change(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ChangeRequestInput")] c: JsValue,
    ) -> Result<(), js_sys::Error> {
        let c: ChangeInput = input(
            c,
            "change request",
            &["id", "title", "requestedBy", "date", "changes", "reason"],
        )?;
        let mut cr = ChangeRequest::new(c.id, c.title, c.requested_by, c.date, c.changes);
        cr.reason = c.reason;
        self.inner.submit_change(cr).map_err(core)
    }

    /// Analyse a change request on a copy of the project.
    #[wasm_bindgen(js_name = "analyseChange", unchecked_return_type = "ImpactAnalysis")]
    pub fn analyse_change(
        &mut self,
        id: &str,
        project: &JsProject,
    ) -> Result<JsValue, js_sys::Error> {
        let a = self
            .inner
            .analyse_change(id, &project.inner)
            .map_err(core)?;
        to_js(a)
    }

    /// Record the decision `{by, date, approved, note?}` on an analysed change request.
    #[wasm_bindgen(js_name = "decideChange")]
    pub fn decide_change(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "DecisionInput")] d: JsValue,
    ) -> Result<(), js_sys::Error> {
        let d: Decision = input(d, "decision", &["by", "date", "approved", "note"])?;
        self.inner.decide_change(id, d).map_err(core)
    }

    /// Apply an approved change request to the project (all or nothing); returns the
    /// ids of new tasks.
    #[wasm_bindgen(js_name = "implementChange")]
    pub fn implement_change(
        &mut self,
        id: &str,
        project: &mut JsProject,
        on: &str,
    ) -> Result<Vec<u32>, js_sys::Error> {
        let new = self
            .inner
            .implement_change(id, &mut project.inner, date(on)?)
            .map_err(core)?;
        Ok(new.into_iter().map(|t| t.0).collect())
    }

    /// A change request, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, unknown> | undefined")]
    pub fn change(&self, id: &str) -> Result<JsValue, js_sys::Error> {
        self.inner.change(id).map_or(Ok(JsValue::UNDEFINED), to_js)
    }

    /// The applied changes, oldest first.
    #[wasm_bindgen(
        getter,
        js_name = "changeHistory",
        unchecked_return_type = "Record<string, unknown>[]"
    )]
    pub fn change_history(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.change_history())
    }

    /// Add feedback `{id, date, sentiment, text, stakeholder?, topic?, links?}`.
    #[wasm_bindgen(js_name = "addFeedback")]
    pub fn add_feedback(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FeedbackInput")] f: JsValue,
    ) -> Result<(), js_sys::Error> {
        let f: FeedbackInput = input(
            f,
            "feedback",
            &[
                "id",
                "date",
                "sentiment",
                "text",
                "stakeholder",
                "topic",
                "links",
            ],
        )?;
        let x = Feedback {
            id: f.id,
            date: f.date,
            stakeholder: f.stakeholder,
            sentiment: named(
                "sentiment",
                &f.sentiment,
                Sentiment::from_name,
                Sentiment::NAMES,
            )?,
            topic: f.topic,
            text: f.text,
            links: f.links,
        };
        self.inner.add_feedback(x).map_err(core)
    }

    /// Record a survey answer `{date, kind: "csat"|"nps", score, stakeholder?}`.
    #[wasm_bindgen(js_name = "addSurveyResponse")]
    pub fn add_survey_response(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SurveyInput")] s: JsValue,
    ) -> Result<(), js_sys::Error> {
        let s: SurveyInput = input(
            s,
            "survey response",
            &["date", "kind", "score", "stakeholder"],
        )?;
        let score = Score::of_kind(&s.kind, s.score).ok_or_else(|| {
            value_error(format!(
                "invalid survey kind {:?}; allowed: {}",
                s.kind,
                Score::KINDS.join(", ")
            ))
        })?;
        self.inner
            .add_survey_response(SurveyResponse {
                date: s.date,
                stakeholder: s.stakeholder,
                score,
            })
            .map_err(core)
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
    #[wasm_bindgen(
        js_name = "satisfactionTrend",
        unchecked_return_type = "Record<string, unknown>[]"
    )]
    pub fn satisfaction_trend(
        &self,
        start: &str,
        end: &str,
        period: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        let p = crate::resources::period(Some(period.unwrap_or_else(|| "month".into())))?;
        to_js(&self.inner.satisfaction_trend(date(start)?, date(end)?, p))
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
        unchecked_return_type = "{ phase: string; entered: string }[]"
    )]
    pub fn phase_history(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.lifecycle.history)
    }

    /// The gate out of the current phase, checked on a date.
    #[wasm_bindgen(unchecked_return_type = "GateCheck[]")]
    pub fn gate(&self, project: &JsProject, on: &str) -> Result<JsValue, js_sys::Error> {
        to_js(&lifecycle::gate(
            &self.inner,
            &project.inner,
            self.inner.lifecycle.phase,
            date(on)?,
        ))
    }

    /// Move to the next phase if its gate passes (else a `LifecycleError` with
    /// `unmet`); returns the new phase.
    #[wasm_bindgen(js_name = "advancePhase")]
    pub fn advance_phase(
        &mut self,
        project: &JsProject,
        on: &str,
    ) -> Result<String, js_sys::Error> {
        let p =
            lifecycle::advance_phase(&mut self.inner, &project.inner, date(on)?).map_err(core)?;
        Ok(p.name().to_string())
    }

    /// Add your own criterion to the gate out of `phase`.
    #[wasm_bindgen(js_name = "addCriterion")]
    pub fn add_criterion(
        &mut self,
        id: String,
        phase: &str,
        description: String,
    ) -> Result<(), js_sys::Error> {
        let ph = named("phase", phase, Phase::from_name, Phase::NAMES)?;
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
