//! The register as CSV, for people who keep it in a spreadsheet (the `csv` crate reads
//! and writes it; quoting, commas and new lines inside fields are handled there).
//!
//! Columns: `id, title, kind, status, category, owner, cause, event, effect, description,
//! tasks` (task ids separated by `;`), `deliverables` (separated by `;`), `triggers` (one
//! per line inside the cell), `identified, proximity, next_review, closed` (YYYY-MM-DD),
//! `contingency_minutes, contingency_cost`, then for the inherent and the residual
//! assessment (prefix `residual_`): `probability, impact, impact_schedule, impact_cost,
//! impact_scope_quality, impact_reputation, cost, delay_optimistic, delay_most_likely,
//! delay_pessimistic` (working minutes), `delay_distribution`, `delay_lambda`. Empty
//! assessment columns mean "not assessed". Responses and the full assessment history
//! stay in the JSON form of the register; a CSV import dates each assessment on the
//! risk's `identified` day, or on the import date when that is empty.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::register::{Assessment, Dimension, Risk, RiskError, RiskKind, RiskRegister, RiskStatus};
use crate::calendar::Duration;
use crate::ids::TaskId;
use crate::model::{Distribution, Estimate};

/// One CSV row. Columns other than id, title, kind and status may be left out of the
/// file (a hand-made register): they read as empty.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
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
    deliverables: String,
    triggers: String,
    identified: Option<String>,
    proximity: Option<String>,
    next_review: Option<String>,
    closed: Option<String>,
    contingency_minutes: Option<i64>,
    contingency_cost: Option<f64>,
    probability: Option<f64>,
    impact: Option<u8>,
    impact_schedule: Option<u8>,
    impact_cost: Option<u8>,
    impact_scope_quality: Option<u8>,
    impact_reputation: Option<u8>,
    cost: Option<f64>,
    delay_optimistic: Option<i64>,
    delay_most_likely: Option<i64>,
    delay_pessimistic: Option<i64>,
    delay_distribution: Option<String>,
    delay_lambda: Option<f64>,
    residual_probability: Option<f64>,
    residual_impact: Option<u8>,
    residual_impact_schedule: Option<u8>,
    residual_impact_cost: Option<u8>,
    residual_impact_scope_quality: Option<u8>,
    residual_impact_reputation: Option<u8>,
    residual_cost: Option<f64>,
    residual_delay_optimistic: Option<i64>,
    residual_delay_most_likely: Option<i64>,
    residual_delay_pessimistic: Option<i64>,
    residual_delay_distribution: Option<String>,
    residual_delay_lambda: Option<f64>,
}

/// The assessment columns of one row (inherent or residual).
#[derive(Default)]
struct Cols {
    p: Option<f64>,
    i: Option<u8>,
    dims: [Option<u8>; 4],
    cost: Option<f64>,
    o: Option<i64>,
    m: Option<i64>,
    pe: Option<i64>,
    dist: Option<String>,
    lambda: Option<f64>,
}

fn cols(a: Option<&Assessment>) -> Cols {
    let Some(a) = a else {
        return Cols::default();
    };
    let d = a.delay.as_ref();
    Cols {
        p: Some(a.probability),
        i: Some(a.impact),
        dims: [0, 1, 2, 3].map(|k| a.impacts.get(&Dimension::ALL[k]).copied()),
        cost: Some(a.cost),
        o: d.map(|d| d.optimistic.as_minutes()),
        m: d.map(|d| d.most_likely.as_minutes()),
        pe: d.map(|d| d.pessimistic.as_minutes()),
        dist: d.map(|d| d.distribution.name().to_string()),
        lambda: d.and_then(|d| match d.distribution {
            Distribution::BetaPert { lambda } => Some(lambda),
            _ => None,
        }),
    }
}

fn assessment(c: Cols, row: usize, prefix: &str) -> Result<Option<Assessment>, RiskError> {
    let Cols {
        p,
        i,
        dims,
        cost,
        o,
        m,
        pe,
        dist,
        lambda,
    } = c;
    let err = |column: &str, message: String| RiskError::Csv {
        row,
        column: format!("{prefix}{column}"),
        message,
    };
    let (p, i) = match (p, i) {
        (None, None) => {
            if cost.is_some() || o.is_some() || dims.iter().any(Option::is_some) {
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
        impacts: Dimension::ALL
            .iter()
            .copied()
            .zip(dims)
            .filter_map(|(k, l)| Some((k, l?)))
            .collect(),
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
                kind: r.kind.name().into(),
                status: r.status.name().into(),
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
                deliverables: r.deliverables.join(";"),
                triggers: r.triggers.join("\n"),
                identified: r.identified.map(|d| d.to_string()),
                proximity: r.proximity.map(|d| d.to_string()),
                next_review: r.next_review.map(|d| d.to_string()),
                closed: r.closed.map(|d| d.to_string()),
                contingency_minutes: Some(r.contingency.time.as_minutes()).filter(|m| *m != 0),
                contingency_cost: Some(r.contingency.cost).filter(|c| *c != 0.0),
                probability: a.p,
                impact: a.i,
                impact_schedule: a.dims[0],
                impact_cost: a.dims[1],
                impact_scope_quality: a.dims[2],
                impact_reputation: a.dims[3],
                cost: a.cost,
                delay_optimistic: a.o,
                delay_most_likely: a.m,
                delay_pessimistic: a.pe,
                delay_distribution: a.dist,
                delay_lambda: a.lambda,
                residual_probability: b.p,
                residual_impact: b.i,
                residual_impact_schedule: b.dims[0],
                residual_impact_cost: b.dims[1],
                residual_impact_scope_quality: b.dims[2],
                residual_impact_reputation: b.dims[3],
                residual_cost: b.cost,
                residual_delay_optimistic: b.o,
                residual_delay_most_likely: b.m,
                residual_delay_pessimistic: b.pe,
                residual_delay_distribution: b.dist,
                residual_delay_lambda: b.lambda,
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
    /// default matrix; each assessment enters the history dated on the risk's
    /// `identified` day, or on `date` when the row has none.
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
        // Without a header row the first risk would be taken for the column names and
        // the register would silently lose it. (An empty text is an empty register, as
        // `to_csv` writes one.)
        let empty = headers
            .iter()
            .all(|h| h.trim_start_matches('\u{feff}').trim().is_empty());
        if empty && rd.records().next().is_none() {
            return Ok(RiskRegister::new());
        }
        if let Some(missing) = ["id", "title", "kind", "status"].into_iter().find(|h| {
            !headers
                .iter()
                .any(|x| x.trim_start_matches('\u{feff}') == *h)
        }) {
            return Err(RiskError::Csv {
                row: 1,
                column: missing.into(),
                message: format!(
                    "no header row naming the column {missing:?}: the first line must name the columns (id,title,kind,status,...)"
                ),
            });
        }
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
                Cols {
                    p: row.probability,
                    i: row.impact,
                    dims: [
                        row.impact_schedule,
                        row.impact_cost,
                        row.impact_scope_quality,
                        row.impact_reputation,
                    ],
                    cost: row.cost,
                    o: row.delay_optimistic,
                    m: row.delay_most_likely,
                    pe: row.delay_pessimistic,
                    dist: row.delay_distribution,
                    lambda: row.delay_lambda,
                },
                row_no,
                "",
            )?;
            let residual = assessment(
                Cols {
                    p: row.residual_probability,
                    i: row.residual_impact,
                    dims: [
                        row.residual_impact_schedule,
                        row.residual_impact_cost,
                        row.residual_impact_scope_quality,
                        row.residual_impact_reputation,
                    ],
                    cost: row.residual_cost,
                    o: row.residual_delay_optimistic,
                    m: row.residual_delay_most_likely,
                    pe: row.residual_delay_pessimistic,
                    dist: row.residual_delay_distribution,
                    lambda: row.residual_delay_lambda,
                },
                row_no,
                "residual_",
            )?;
            let kind = parse_name(
                &row.kind,
                RiskKind::from_name,
                row_no,
                "kind",
                RiskKind::NAMES,
            )?;
            let status = parse_name(
                &row.status,
                RiskStatus::from_name,
                row_no,
                "status",
                RiskStatus::NAMES,
            )?;
            let mut risk = Risk::new(row.id, row.title, kind).with_tasks(tasks);
            risk.category = row.category;
            risk.owner = row.owner;
            risk.cause = row.cause;
            risk.event = row.event;
            risk.effect = row.effect;
            risk.description = row.description;
            risk.deliverables = split(&row.deliverables, ';');
            risk.triggers = split(&row.triggers, '\n');
            risk.identified = date_cell(row.identified.as_deref(), row_no, "identified")?;
            risk.proximity = date_cell(row.proximity.as_deref(), row_no, "proximity")?;
            risk.next_review = date_cell(row.next_review.as_deref(), row_no, "next_review")?;
            let closed = date_cell(row.closed.as_deref(), row_no, "closed")?;
            risk.contingency = super::register::Contingency {
                time: Duration::minutes(row.contingency_minutes.unwrap_or(0)),
                cost: row.contingency_cost.unwrap_or(0.0),
            };
            let on = risk.identified.unwrap_or(date);
            let id = reg.add(risk)?;
            if let Some(a) = inherent {
                reg.assess(&id, a, on)?;
            }
            if let Some(a) = residual {
                reg.assess_residual(&id, a, on)?;
            }
            reg.restore_status(&id, status, closed)?;
        }
        Ok(reg)
    }
}

fn parse_name<T>(
    s: &str,
    parse: fn(&str) -> Option<T>,
    row: usize,
    column: &str,
    allowed: &[&str],
) -> Result<T, RiskError> {
    parse(s.trim()).ok_or_else(|| RiskError::Csv {
        row,
        column: column.into(),
        message: format!("{s:?} is not one of {}", allowed.join(", ")),
    })
}

fn split(cell: &str, sep: char) -> Vec<String> {
    cell.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn date_cell(cell: Option<&str>, row: usize, column: &str) -> Result<Option<NaiveDate>, RiskError> {
    match cell.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|_| RiskError::Csv {
            row,
            column: column.into(),
            message: format!("{t:?} is not a date (YYYY-MM-DD)"),
        }),
    }
}

fn csv_error(e: &csv::Error, row: usize) -> RiskError {
    RiskError::Csv {
        row,
        column: String::new(),
        message: e.to_string(),
    }
}
