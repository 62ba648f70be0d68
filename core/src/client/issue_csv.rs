//! The issue log as CSV, for teams who keep it in a spreadsheet: one row per issue,
//! lists separated by `;`, the fix task, the status history and the latest analysis as
//! JSON text in their cells so that a round trip loses nothing.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{ClientError, Engagement, Issue, IssueImpact, IssueStatus};
use crate::calendar::Duration;
use crate::ids::TaskId;

/// The columns, in order (`id`, `title`, `raised_by`, `raised` and `severity` are
/// required; the others may be left out or empty).
pub const ISSUE_COLUMNS: [&str; 26] = [
    "id",
    "title",
    "description",
    "raised_by",
    "raised",
    "category",
    "severity",
    "priority",
    "owner",
    "due",
    "status",
    "escalation",
    "decision_needed",
    "resolution",
    "root_cause",
    "tasks",
    "deliverables",
    "requirements",
    "risks",
    "changes",
    "log",
    "delay",
    "extra_cost",
    "fix_task",
    "history",
    "analysis",
];

#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct Row {
    id: String,
    title: String,
    description: String,
    raised_by: String,
    raised: String,
    category: String,
    severity: String,
    priority: String,
    owner: String,
    due: String,
    status: String,
    escalation: String,
    decision_needed: String,
    resolution: String,
    root_cause: String,
    tasks: String,
    deliverables: String,
    requirements: String,
    risks: String,
    changes: String,
    log: String,
    delay: String,
    extra_cost: String,
    fix_task: String,
    history: String,
    analysis: String,
}

fn csv_err(row: usize, column: &str, message: impl Into<String>) -> ClientError {
    ClientError::Csv {
        row,
        column: column.to_string(),
        message: message.into(),
    }
}

fn list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn join(v: &[String], row: &str, column: &str) -> Result<String, ClientError> {
    if let Some(x) = v.iter().find(|x| x.contains(';')) {
        return Err(ClientError::Invalid {
            kind: "issue",
            id: row.to_string(),
            message: format!("{column} {x:?} contains ';', the CSV list separator"),
        });
    }
    Ok(v.join(";"))
}

fn time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

fn parse_time(cell: &str, row: usize, column: &str) -> Result<NaiveDateTime, ClientError> {
    let t = cell.trim();
    t.parse::<NaiveDateTime>()
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M"))
        .or_else(|_| {
            t.parse::<NaiveDate>()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
        .map_err(|_| {
            csv_err(
                row,
                column,
                format!("{t:?} is not a date-time (YYYY-MM-DDTHH:MM:SS)"),
            )
        })
}

fn json_cell<T: serde::de::DeserializeOwned>(
    cell: &str,
    row: usize,
    column: &str,
) -> Result<Option<T>, ClientError> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str(cell)
        .map(Some)
        .map_err(|e| csv_err(row, column, format!("not valid JSON for {column}: {e}")))
}

fn to_json_cell<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| unreachable!("issue parts always serialize"))
}

impl Engagement {
    /// The issue log as CSV with the [`ISSUE_COLUMNS`] header.
    ///
    /// # Errors
    /// [`ClientError::Invalid`] for a list item containing `;` (the list separator).
    pub fn issues_to_csv(&self) -> Result<String, ClientError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: &dyn std::fmt::Display| csv_err(0, "", e.to_string());
        if self.issues.is_empty() {
            w.write_record(ISSUE_COLUMNS).map_err(|e| fail(&e))?;
        }
        for i in &self.issues {
            let im = i.impact.as_ref();
            let row = Row {
                id: i.id.clone(),
                title: i.title.clone(),
                description: i.description.clone(),
                raised_by: i.raised_by.clone(),
                raised: time(i.raised),
                category: i.category.clone(),
                severity: i.severity.clone(),
                priority: i.priority.clone(),
                owner: i.owner.clone().unwrap_or_default(),
                due: i.due.map(|d| d.to_string()).unwrap_or_default(),
                status: i.status.name().into(),
                escalation: i.escalation.to_string(),
                decision_needed: i.decision_needed.to_string(),
                resolution: i.resolution.clone(),
                root_cause: i.root_cause.clone(),
                tasks: i
                    .tasks
                    .iter()
                    .map(|t| t.0.to_string())
                    .collect::<Vec<_>>()
                    .join(";"),
                deliverables: join(&i.deliverables, &i.id, "deliverable")?,
                requirements: join(&i.requirements, &i.id, "requirement")?,
                risks: join(&i.risks, &i.id, "risk")?,
                changes: join(&i.changes, &i.id, "change")?,
                log: join(&i.log, &i.id, "log entry")?,
                delay: im
                    .map(|m| m.delay.as_minutes().to_string())
                    .unwrap_or_default(),
                extra_cost: im.map(|m| m.extra_cost.to_string()).unwrap_or_default(),
                fix_task: im
                    .and_then(|m| m.fix_task.as_ref())
                    .map(to_json_cell)
                    .unwrap_or_default(),
                history: to_json_cell(&i.history),
                analysis: i.analysis.as_ref().map(to_json_cell).unwrap_or_default(),
            };
            w.serialize(row).map_err(|e| fail(&e))?;
        }
        let bytes = w.into_inner().map_err(|e| fail(&e))?;
        String::from_utf8(bytes).map_err(|e| fail(&e))
    }

    /// Adds the issues of a CSV text (a header row naming the columns, then one issue
    /// per row, as [`Engagement::issues_to_csv`] writes), all or nothing: each is added
    /// as by [`Engagement::add_issue`]. A row without a history starts `open` at
    /// `raised` and must then be `open`. Returns how many were added.
    ///
    /// # Errors
    /// [`ClientError::Csv`] naming the row (1 = the first data row) and the column of a
    /// malformed cell, a missing header or a missing required column, or the row and
    /// what `add_issue` refused (the engagement is then unchanged).
    pub fn issues_from_csv(&mut self, text: &str) -> Result<usize, ClientError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        let headers = rd
            .headers()
            .map_err(|e| csv_err(0, "", e.to_string()))?
            .clone();
        if let Some(missing) = ["id", "title", "raised_by", "raised", "severity"]
            .into_iter()
            .find(|h| !headers.iter().any(|x| x.trim() == *h))
        {
            return Err(csv_err(
                1,
                missing,
                format!(
                    "no header row naming the column {missing:?}: the first line must name the columns (id,title,raised_by,raised,severity,...)"
                ),
            ));
        }
        if let Some(x) = headers.iter().find(|h| !ISSUE_COLUMNS.contains(&h.trim())) {
            return Err(csv_err(0, x, format!("unknown column {x:?}")));
        }
        let mut fresh = self.clone();
        let mut n = 0;
        for (k, rec) in rd.records().enumerate() {
            let r = k + 1;
            let rec = rec.map_err(|e| csv_err(r, "", e.to_string()))?;
            let row: Row = rec
                .deserialize(Some(&headers))
                .map_err(|e| csv_err(r, "", e.to_string()))?;
            let status = if row.status.trim().is_empty() {
                IssueStatus::Open
            } else {
                IssueStatus::from_name(row.status.trim()).ok_or_else(|| {
                    csv_err(
                        r,
                        "status",
                        format!(
                            "{:?} is not one of {}",
                            row.status,
                            IssueStatus::NAMES.join(", ")
                        ),
                    )
                })?
            };
            let int = |cell: &str, column: &str| -> Result<Option<i64>, ClientError> {
                let c = cell.trim();
                if c.is_empty() {
                    return Ok(None);
                }
                c.parse::<i64>()
                    .map(Some)
                    .map_err(|_| csv_err(r, column, format!("{c:?} is not a whole number")))
            };
            let tasks = list(&row.tasks)
                .iter()
                .map(|s| {
                    s.parse::<u32>()
                        .map(TaskId)
                        .map_err(|_| csv_err(r, "tasks", format!("{s:?} is not a task id")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let delay = int(&row.delay, "delay")?;
            let extra_cost =
                match row.extra_cost.trim() {
                    "" => None,
                    c => Some(c.parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(
                        || csv_err(r, "extra_cost", format!("{c:?} is not a finite number")),
                    )?),
                };
            let fix_task = json_cell(&row.fix_task, r, "fix_task")?;
            let impact =
                (delay.is_some() || extra_cost.is_some() || fix_task.is_some()).then(|| {
                    IssueImpact {
                        delay: Duration::minutes(delay.unwrap_or(0)),
                        extra_cost: extra_cost.unwrap_or(0.0),
                        fix_task,
                    }
                });
            let escalation = match int(&row.escalation, "escalation")? {
                None => 0,
                Some(e) => u8::try_from(e)
                    .map_err(|_| csv_err(r, "escalation", format!("{e} is not 0–255")))?,
            };
            let decision_needed = match row.decision_needed.trim() {
                "" | "false" | "no" | "0" => false,
                "true" | "yes" | "1" => true,
                x => {
                    return Err(csv_err(
                        r,
                        "decision_needed",
                        format!("{x:?} is not true or false"),
                    ));
                }
            };
            let due =
                match row.due.trim() {
                    "" => None,
                    d => Some(d.parse::<NaiveDate>().map_err(|_| {
                        csv_err(r, "due", format!("{d:?} is not a date (YYYY-MM-DD)"))
                    })?),
                };
            let issue = Issue {
                id: row.id.trim().to_string(),
                title: row.title,
                description: row.description,
                raised_by: row.raised_by.trim().to_string(),
                raised: parse_time(&row.raised, r, "raised")?,
                category: row.category,
                severity: row.severity.trim().to_string(),
                priority: row.priority.trim().to_string(),
                owner: Some(row.owner.trim().to_string()).filter(|o| !o.is_empty()),
                due,
                status,
                history: json_cell(&row.history, r, "history")?.unwrap_or_default(),
                resolution: row.resolution,
                root_cause: row.root_cause,
                escalation,
                decision_needed,
                tasks,
                deliverables: list(&row.deliverables),
                requirements: list(&row.requirements),
                risks: list(&row.risks),
                changes: list(&row.changes),
                log: list(&row.log),
                impact,
                analysis: json_cell(&row.analysis, r, "analysis")?,
            };
            fresh
                .add_issue(issue)
                .map_err(|e| csv_err(r, "", e.to_string()))?;
            n += 1;
        }
        *self = fresh;
        Ok(n)
    }
}
