//! The engagement's tabular parts as flat rows (what `to_pandas()` and spreadsheets show).

use serde_json::{Value, json};

use super::{ClientError, Engagement};
use crate::model::Project;

/// The tables [`Engagement::table`] knows.
pub const TABLES: [&str; 11] = [
    "stakeholders",
    "requirements",
    "deliverables",
    "log",
    "changes",
    "feedback",
    "traceability",
    "issues",
    "assumptions",
    "decisions",
    "raid",
];

impl Engagement {
    /// One of [`TABLES`] as flat rows (a JSON object per row). `traceability` needs the
    /// project.
    ///
    /// # Errors
    /// [`ClientError::Invalid`] for an unknown table or `traceability` without a
    /// project, and the traceability's errors.
    pub fn table(&self, table: &str, project: Option<&Project>) -> Result<Vec<Value>, ClientError> {
        let bad = |m: String| ClientError::Invalid {
            kind: "table",
            id: table.to_string(),
            message: m,
        };
        Ok(match table {
            "stakeholders" => self
                .stakeholders
                .iter()
                .map(|s| {
                    json!({"id": s.id, "name": s.name, "role": s.role, "organisation": s.organisation,
                        "power": s.power.name(), "interest": s.interest.name(), "strategy": s.strategy().name(),
                        "channel": s.channel.name(), "email": s.email})
                })
                .collect(),
            "requirements" => self
                .requirements
                .iter()
                .map(|r| {
                    json!({"id": r.id, "title": r.title, "priority": r.priority.name(), "status": r.status.name(),
                        "source": r.source, "acceptance": r.acceptance.join("; "),
                        "deliverables": r.deliverables.join(", "),
                        "tasks": r.tasks.iter().map(|t| t.0).collect::<Vec<_>>()})
                })
                .collect(),
            "deliverables" => self
                .deliverables
                .iter()
                .map(|d| {
                    let acc = d.accepted();
                    json!({"id": d.id, "name": d.name, "due": d.due, "acceptance": d.acceptance.join("; "),
                        "tasks": d.tasks.iter().map(|t| t.0).collect::<Vec<_>>(),
                        "accepted": acc.is_some(), "accepted_on": acc.map(|s| s.date),
                        "accepted_by": acc.map(|s| s.by.clone()),
                        "rejections": d.signoffs.iter().filter(|s| !s.accepted).count()})
                })
                .collect(),
            "log" => self
                .log
                .iter()
                .map(|l| {
                    json!({"id": l.id, "date": l.date, "kind": l.kind.name(), "summary": l.summary,
                        "stakeholders": l.stakeholders.join(", "), "plan_item": l.plan_item,
                        "actions": l.actions.len(), "open_actions": l.actions.iter().filter(|a| !a.done).count()})
                })
                .collect(),
            "changes" => self
                .changes
                .iter()
                .map(|c| {
                    let a = c.analysis.as_ref();
                    json!({"id": c.id, "title": c.title, "requested_by": c.requested_by, "date": c.date,
                        "status": c.status.name(), "changes": c.changes.len(),
                        "finish_shift": a.map(|a| a.finish_shift.as_minutes()),
                        "cost_delta": a.map(|a| a.cost_after - a.cost_before),
                        "decided_by": c.decision.as_ref().map(|d| d.by.clone())})
                })
                .collect(),
            "feedback" => self
                .feedback
                .iter()
                .map(|f| {
                    json!({"id": f.id, "date": f.date, "stakeholder": f.stakeholder,
                        "sentiment": f.sentiment.name(), "topic": f.topic, "text": f.text})
                })
                .collect(),
            "traceability" => {
                let p = project.ok_or_else(|| bad("the traceability table needs the project".into()))?;
                self.traceability(p)?
                    .rows
                    .iter()
                    .map(|r| {
                        json!({"requirement": r.requirement, "title": r.title, "priority": r.priority.name(),
                            "status": r.status.name(), "deliverables": r.deliverables.join(", "),
                            "tasks": r.tasks.iter().map(|t| t.0).collect::<Vec<_>>(),
                            "traced": !r.deliverables.is_empty() && !r.tasks.is_empty()})
                    })
                    .collect()
            }
            "issues" => self
                .issues
                .iter()
                .map(|i| {
                    json!({"id": i.id, "title": i.title, "raised_by": i.raised_by, "raised": i.raised,
                        "category": i.category, "severity": i.severity, "priority": i.priority,
                        "owner": i.owner, "due": i.due, "status": i.status.name(),
                        "escalation": i.escalation, "decision_needed": i.decision_needed,
                        "root_cause": i.root_cause, "resolution": i.resolution,
                        "tasks": i.tasks.iter().map(|t| t.0).collect::<Vec<_>>(),
                        "risks": i.risks.join(", "), "changes": i.changes.join(", "),
                        "delay": i.impact.as_ref().map(|m| m.delay.as_minutes()),
                        "extra_cost": i.impact.as_ref().map(|m| m.extra_cost)})
                })
                .collect(),
            "assumptions" => self
                .assumptions
                .iter()
                .map(|a| {
                    json!({"id": a.id, "kind": a.kind.name(), "statement": a.statement, "owner": a.owner,
                        "validate_by": a.validate_by, "status": a.status.name(),
                        "validated_on": a.validated_on, "note": a.note, "became": a.became})
                })
                .collect(),
            "decisions" => self
                .decisions()
                .into_iter()
                .map(|d| {
                    json!({"id": d.id, "source": d.source, "date": d.date, "by": d.by.join(", "),
                        "what": d.what, "options": d.options.join("; "), "links": d.links.join(", ")})
                })
                .collect(),
            "raid" => self.raid_summary(None),
            _ => return Err(bad(format!("unknown table; expected one of {}", TABLES.join(", ")))),
        })
    }

    /// Adds a client contact to the account.
    ///
    /// # Errors
    /// [`ClientError::Invalid`] for an empty name.
    pub fn add_contact(&mut self, c: super::Contact) -> Result<(), ClientError> {
        if c.name.trim().is_empty() {
            return Err(ClientError::Invalid {
                kind: "contact",
                id: String::new(),
                message: "a contact needs a name".into(),
            });
        }
        self.account.contacts.push(c);
        Ok(())
    }

    /// Adds an in-scope (or out-of-scope) statement.
    ///
    /// # Errors
    /// [`ClientError::Invalid`] for an empty statement or one already on either list.
    pub fn add_scope(
        &mut self,
        statement: impl Into<String>,
        in_scope: bool,
    ) -> Result<(), ClientError> {
        let s = statement.into();
        if s.trim().is_empty() || self.in_scope.contains(&s) || self.out_of_scope.contains(&s) {
            return Err(ClientError::Invalid {
                kind: "scope statement",
                id: s,
                message: "empty, or already stated".into(),
            });
        }
        if in_scope {
            self.in_scope.push(s);
        } else {
            self.out_of_scope.push(s);
        }
        Ok(())
    }

    /// Records a lesson learned.
    ///
    /// # Errors
    /// [`ClientError::Invalid`] for an empty lesson.
    pub fn add_lesson(&mut self, lesson: impl Into<String>) -> Result<(), ClientError> {
        let l = lesson.into();
        if l.trim().is_empty() {
            return Err(ClientError::Invalid {
                kind: "lesson",
                id: String::new(),
                message: "a lesson must not be empty".into(),
            });
        }
        self.lessons.push(l);
        Ok(())
    }

    /// The RAID summary: one row per risk of `register` (when given), assumption and
    /// constraint, issue and decision, with `type`, `id`, `title`, `status`, `owner`,
    /// `date` and `severity` (the risk's rating, the issue's severity).
    pub fn raid_summary(&self, register: Option<&crate::risk::RiskRegister>) -> Vec<Value> {
        let mut rows = vec![];
        if let Some(reg) = register {
            for r in reg.risks() {
                rows.push(json!({"type": "risk", "id": r.id, "title": r.title,
                    "status": r.status.name(), "owner": (!r.owner.is_empty()).then(|| r.owner.clone()),
                    "date": r.identified, "severity": reg.rating(&r.id)}));
            }
        }
        for a in &self.assumptions {
            rows.push(json!({"type": a.kind.name(), "id": a.id, "title": a.statement,
                "status": a.status.name(), "owner": a.owner, "date": a.validate_by, "severity": null}));
        }
        for i in &self.issues {
            rows.push(
                json!({"type": "issue", "id": i.id, "title": i.title, "status": i.status.name(),
                "owner": i.owner, "date": i.raised.date(), "severity": i.severity}),
            );
        }
        for d in self.decisions() {
            rows.push(
                json!({"type": "decision", "id": d.id, "title": d.what, "status": "decided",
                "owner": d.by.first(), "date": d.date, "severity": null}),
            );
        }
        rows
    }
}
