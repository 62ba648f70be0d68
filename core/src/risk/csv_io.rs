//! The register as CSV, for people who keep it in a spreadsheet (the `csv` crate reads
//! and writes it; quoting, commas and new lines inside fields are handled there).
//!
//! Columns: `id, title, kind, status, category, owner, cause, event, effect, description,
//! tasks` (task ids separated by `;`), `next_review, contingency_minutes,
//! contingency_cost`, then for the inherent and the residual assessment
//! (prefix `residual_`): `probability, impact, cost, delay_optimistic,
//! delay_most_likely, delay_pessimistic` (working minutes), `delay_distribution`,
//! `delay_lambda`. Empty assessment columns mean "not assessed". Responses and the
//! assessment history stay in the JSON form of the register; a CSV import starts the
//! history at the import date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::register::{Assessment, Risk, RiskError, RiskKind, RiskRegister, RiskStatus};
use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::model::{Distribution, Estimate};

#[derive(Serialize, Deserialize)]
struct Row {
    id: String,
    title: String,
    kind: String,
    status: String,
    category: String,
    owner: String,
    cause: String,
    event: String,
    effect: String,
    description: String,
    tasks: String,
    next_review: Option<String>,
    contingency_minutes: Option<i64>,
    contingency_cost: Option<f64>,
    probability: Option<f64>,
    impact: Option<u8>,
    cost: Option<f64>,
    delay_optimistic: Option<i64>,
    delay_most_likely: Option<i64>,
    delay_pessimistic: Option<i64>,
    delay_distribution: Option<String>,
    delay_lambda: Option<f64>,
    residual_probability: Option<f64>,
    residual_impact: Option<u8>,
    residual_cost: Option<f64>,
    residual_delay_optimistic: Option<i64>,
    residual_delay_most_likely: Option<i64>,
    residual_delay_pessimistic: Option<i64>,
    residual_delay_distribution: Option<String>,
    residual_delay_lambda: Option<f64>,
}

type Cols = (
    Option<f64>,
    Option<u8>,
    Option<f64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<f64>,
);

fn cols(a: Option<&Assessment>) -> Cols {
    match a {
        None => (None, None, None, None, None, None, None, None),
        Some(a) => {
            let d = a.delay.as_ref();
            let lambda = d.and_then(|d| match d.distribution {
                Distribution::BetaPert { lambda } => Some(lambda),
                _ => None,
            });
            (
                Some(a.probability),
                Some(a.impact),
                Some(a.cost),
                d.map(|d| d.optimistic.as_minutes()),
                d.map(|d| d.most_likely.as_minutes()),
                d.map(|d| d.pessimistic.as_minutes()),
                d.map(|d| d.distribution.name().to_string()),
                lambda,
            )
        }
    }
}

fn assessment(c: Cols, row: usize, prefix: &str) -> Result<Option<Assessment>, RiskError> {
    let (p, i, cost, o, m, pe, dist, lambda) = c;
    let err = |column: &str, message: String| RiskError::Csv {
        row,
        column: format!("{prefix}{column}"),
        message,
    };
    let (p, i) = match (p, i) {
        (None, None) => {
            if cost.is_some() || o.is_some() {
                return Err(err(
                    "probability",
                    "cost or delay given without an assessment".into(),
                ));
            }
            return Ok(None);
        }
        (Some(p), Some(i)) => (p, i),
        (None, Some(_)) => return Err(err("probability", "missing".into())),
        (Some(_), None) => return Err(err("impact", "missing".into())),
    };
    let delay = match (o, m, pe) {
        (None, None, None) => None,
        (Some(o), Some(m), Some(pe)) => {
            let name = dist.unwrap_or_else(|| "beta_pert".into());
            let d = Distribution::from_name(&name, lambda.unwrap_or(4.0)).ok_or_else(|| {
                err(
                    "delay_distribution",
                    format!(
                        "unknown distribution {name:?}; expected one of {}",
                        Distribution::NAMES.join(", ")
                    ),
                )
            })?;
            Some(Estimate::new(
                Duration::minutes(o),
                Duration::minutes(m),
                Duration::minutes(pe),
                d,
            ))
        }
        _ => {
            return Err(err(
                "delay_optimistic",
                "a delay needs all three points".into(),
            ));
        }
    };
    Ok(Some(Assessment {
        probability: p,
        impact: i,
        cost: cost.unwrap_or(0.0),
        delay,
    }))
}

impl RiskRegister {
    /// The register as CSV text (a header row, then one row per risk in register order).
    ///
    /// # Errors
    /// Only if the CSV writer fails, which it does not for in-memory text.
    pub fn to_csv(&self) -> Result<String, RiskError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in self.risks() {
            let a = cols(r.inherent.as_ref());
            let b = cols(r.residual.as_ref());
            let row = Row {
                id: r.id.clone(),
                title: r.title.clone(),
                kind: name_of(&r.kind),
                status: name_of(&r.status),
                category: r.category.clone(),
                owner: r.owner.clone(),
                cause: r.cause.clone(),
                event: r.event.clone(),
                effect: r.effect.clone(),
                description: r.description.clone(),
                tasks: r
                    .tasks
                    .iter()
                    .map(|t| t.0.to_string())
                    .collect::<Vec<_>>()
                    .join(";"),
                next_review: r.next_review.map(|d| d.to_string()),
                contingency_minutes: Some(r.contingency.time.as_minutes()).filter(|m| *m != 0),
                contingency_cost: Some(r.contingency.cost).filter(|c| *c != 0.0),
                probability: a.0,
                impact: a.1,
                cost: a.2,
                delay_optimistic: a.3,
                delay_most_likely: a.4,
                delay_pessimistic: a.5,
                delay_distribution: a.6,
                delay_lambda: a.7,
                residual_probability: b.0,
                residual_impact: b.1,
                residual_cost: b.2,
                residual_delay_optimistic: b.3,
                residual_delay_most_likely: b.4,
                residual_delay_pessimistic: b.5,
                residual_delay_distribution: b.6,
                residual_delay_lambda: b.7,
            };
            w.serialize(row).map_err(|e| csv_error(&e, 0))?;
        }
        let bytes = w.into_inner().map_err(|e| RiskError::Csv {
            row: 0,
            column: String::new(),
            message: e.to_string(),
        })?;
        String::from_utf8(bytes).map_err(|e| RiskError::Csv {
            row: 0,
            column: String::new(),
            message: e.to_string(),
        })
    }

    /// Reads a register from CSV (the shape [`to_csv`](Self::to_csv) writes) on the
    /// default matrix; each assessment enters the history dated `date`.
    ///
    /// # Errors
    /// [`RiskError::Csv`] naming the row (1 = the first data row) and the column of a
    /// malformed field, or any error of [`RiskRegister::add`] and
    /// [`RiskRegister::assess`] (bad probabilities, impacts, duplicate ids).
    ///
    /// # Example
    /// ```
    /// use planix::risk::{Assessment, Risk, RiskKind, RiskRegister};
    /// let mut reg = RiskRegister::new();
    /// let id = reg.add(Risk::new("R1", "Scope creep, \"small\" asks", RiskKind::Threat))?;
    /// reg.assess(&id, Assessment::new(0.5, 3).with_cost(12_000.0), "2027-02-01".parse()?)?;
    /// let text = reg.to_csv()?;
    /// let back = RiskRegister::from_csv(&text, "2027-02-01".parse()?)?;
    /// assert_eq!(back, reg);
    /// assert!(RiskRegister::from_csv("id,title\nR1", "2027-02-01".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_csv(text: &str, date: NaiveDate) -> Result<RiskRegister, RiskError> {
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        let headers = rd.headers().map_err(|e| csv_error(&e, 0))?.clone();
        let mut reg = RiskRegister::new();
        for (k, rec) in rd.records().enumerate() {
            let row_no = k + 1;
            let rec = rec.map_err(|e| csv_error(&e, row_no))?;
            let row: Row = rec.deserialize(Some(&headers)).map_err(|e| {
                let column = match e.kind() {
                    csv::ErrorKind::Deserialize { err, .. } => err
                        .field()
                        .and_then(|f| headers.get(f as usize))
                        .unwrap_or("")
                        .to_string(),
                    _ => String::new(),
                };
                RiskError::Csv {
                    row: row_no,
                    column,
                    message: e.to_string(),
                }
            })?;
            let tasks = row
                .tasks
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<u32>().map(TaskId).map_err(|_| RiskError::Csv {
                        row: row_no,
                        column: "tasks".into(),
                        message: format!("{s:?} is not a task id"),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let inherent = assessment(
                (
                    row.probability,
                    row.impact,
                    row.cost,
                    row.delay_optimistic,
                    row.delay_most_likely,
                    row.delay_pessimistic,
                    row.delay_distribution,
                    row.delay_lambda,
                ),
                row_no,
                "",
            )?;
            let residual = assessment(
                (
                    row.residual_probability,
                    row.residual_impact,
                    row.residual_cost,
                    row.residual_delay_optimistic,
                    row.residual_delay_most_likely,
                    row.residual_delay_pessimistic,
                    row.residual_delay_distribution,
                    row.residual_delay_lambda,
                ),
                row_no,
                "residual_",
            )?;
            let kind: RiskKind = parse_name(&row.kind, row_no, "kind", "threat, opportunity")?;
            let status: RiskStatus = parse_name(
                &row.status,
                row_no,
                "status",
                "identified, analysed, response_planned, monitored, occurred, closed",
            )?;
            let mut risk = Risk::new(row.id, row.title, kind).with_tasks(tasks);
            risk.category = row.category;
            risk.owner = row.owner;
            risk.cause = row.cause;
            risk.event = row.event;
            risk.effect = row.effect;
            risk.description = row.description;
            risk.next_review = match row.next_review.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(t) => Some(t.parse::<NaiveDate>().map_err(|_| RiskError::Csv {
                    row: row_no,
                    column: "next_review".into(),
                    message: format!("{t:?} is not a date (YYYY-MM-DD)"),
                })?),
            };
            risk.contingency = super::register::Contingency {
                time: Duration::minutes(row.contingency_minutes.unwrap_or(0)),
                cost: row.contingency_cost.unwrap_or(0.0),
            };
            let id = reg.add(risk)?;
            if let Some(a) = inherent {
                reg.assess(&id, a, date)?;
            }
            if let Some(a) = residual {
                reg.assess_residual(&id, a, date)?;
            }
            reg.set_status(&id, status)?;
        }
        Ok(reg)
    }
}

/// The snake_case name serde gives a unit enum variant.
fn name_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn parse_name<T: serde::de::DeserializeOwned>(
    s: &str,
    row: usize,
    column: &str,
    allowed: &str,
) -> Result<T, RiskError> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_string())).map_err(|_| {
        RiskError::Csv {
            row,
            column: column.into(),
            message: format!("{s:?} is not one of {allowed}"),
        }
    })
}

fn csv_error(e: &csv::Error, row: usize) -> RiskError {
    RiskError::Csv {
        row,
        column: String::new(),
        message: e.to_string(),
    }
}
