//! The plan as CSV tables (tasks, resources, assignments), both ways, for spreadsheets.
//!
//! Tasks: `id, outline, name, parent, duration, milestone, constraint, constraint_date,
//! deadline, priority, fixed_cost, predecessors, notes` and, written for reading only,
//! `start, finish, total_float, critical`. `duration` is text (`3d`, `4h`, `90m`) or
//! minutes; `predecessors` is MS Project's column: `3FS+1d;4SS;5FF-2h;6SF+50%` (the kind
//! defaults to FS, the lag to none). Resources: `id, name, kind, max_units,
//! standard_rate, overtime_rate, per_use, material_label`. Assignments: `task, resource,
//! units, cost`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::IoError;
use super::exports::{duration_text, kind_text, lag_text, num};
use crate::ids::{ResourceId, TaskId};
use crate::model::{
    Assignment, Constraint, ConstraintKind, CostRate, Dependency, LinkKind, Project, Resource,
    ResourceKind, Task,
};
use crate::schedule::Schedule;

/// A plan as three CSV texts.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct CsvTables {
    /// One row per task, in outline order.
    pub tasks: String,
    /// One row per resource (header only when there are none).
    pub resources: String,
    /// One row per assignment (header only when there are none).
    pub assignments: String,
}

const TASK_COLUMNS: [&str; 17] = [
    "id",
    "outline",
    "name",
    "parent",
    "duration",
    "milestone",
    "constraint",
    "constraint_date",
    "deadline",
    "priority",
    "fixed_cost",
    "predecessors",
    "notes",
    "start",
    "finish",
    "total_float",
    "critical",
];
const RESOURCE_COLUMNS: [&str; 8] = [
    "id",
    "name",
    "kind",
    "max_units",
    "standard_rate",
    "overtime_rate",
    "per_use",
    "material_label",
];
const ASSIGNMENT_COLUMNS: [&str; 4] = ["task", "resource", "units", "cost"];

fn csv_text(rows: Vec<Vec<String>>, header: &[&str]) -> String {
    let mut w = csv::Writer::from_writer(vec![]);
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(&r);
    }
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

fn dt(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The plan as CSV tables, with the schedule's dates in the task table.
///
/// # Example
/// ```
/// use planix::{Duration, Project, Task};
/// let mut p = Project::new("Launch", "2027-03-01T08:00:00".parse()?);
/// let a = p.add_task(Task::new("Build").with_duration(Duration::hours(16)))?;
/// let b = p.add_task(Task::new("Test").with_duration(Duration::hours(8)))?;
/// p.link(a, b)?;
/// let t = planix::io::to_csv(&p, &p.schedule()?);
/// assert!(t.tasks.contains("2,2,Test,,1d,,,,,,,1FS,,2027-03-03T08:00:00,2027-03-03T17:00:00,0,true"));
/// let q = planix::io::from_csv("Launch", "2027-03-01T08:00:00".parse()?, &t.tasks, None, None)?;
/// assert_eq!(q.schedule()?.finish(), p.schedule()?.finish());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_csv(p: &Project, s: &Schedule) -> CsvTables {
    let per_day = p.project_calendar().minutes_per_day();
    let mut preds: BTreeMap<TaskId, Vec<String>> = BTreeMap::new();
    for d in p.dependencies() {
        let mut x = format!("{}{}", d.predecessor.0, kind_text(d.kind));
        if !d.lag.is_zero() {
            let t = lag_text(&d.lag, per_day);
            if !t.starts_with('-') {
                x.push('+');
            }
            x.push_str(&t);
        }
        preds.entry(d.successor).or_default().push(x);
    }
    let mut rows = vec![];
    p.for_each_outline(|id, path| {
        let Some(t) = p.task(id) else { return };
        let st = s.task(id);
        let summary = p.is_summary(id);
        let outline: Vec<String> = path.iter().map(u32::to_string).collect();
        let c = t.constraint;
        let (ck, cd) = match c {
            Constraint::Asap => (String::new(), String::new()),
            _ => (
                c.kind().name().to_string(),
                c.date().map(dt).unwrap_or_default(),
            ),
        };
        rows.push(vec![
            id.0.to_string(),
            outline.join("."),
            t.name.clone(),
            t.parent.map(|x| x.0.to_string()).unwrap_or_default(),
            if summary {
                String::new()
            } else {
                duration_text(t.duration.as_minutes(), per_day, "")
            },
            if t.milestone {
                "true".into()
            } else {
                String::new()
            },
            ck,
            cd,
            t.deadline.map(dt).unwrap_or_default(),
            if t.priority == crate::model::DEFAULT_PRIORITY {
                String::new()
            } else {
                t.priority.to_string()
            },
            if t.fixed_cost == 0.0 {
                String::new()
            } else {
                num(t.fixed_cost)
            },
            preds.get(&id).map(|v| v.join(";")).unwrap_or_default(),
            t.notes.clone(),
            st.map(|x| dt(x.start())).unwrap_or_default(),
            st.map(|x| dt(x.finish())).unwrap_or_default(),
            st.map(|x| x.total_float().as_minutes().to_string())
                .unwrap_or_default(),
            st.map(|x| x.is_critical().to_string()).unwrap_or_default(),
        ]);
    });
    let resources = p
        .resources()
        .map(|r| {
            let rate = r.rates.first().copied().unwrap_or(CostRate::new(0.0));
            vec![
                r.id().0.to_string(),
                r.name.clone(),
                r.kind.name().to_string(),
                num(r.max_units),
                num(rate.standard),
                num(rate.overtime),
                num(rate.per_use),
                r.material_label.clone(),
            ]
        })
        .collect();
    let assignments = p
        .assignments()
        .map(|a| {
            vec![
                a.task.0.to_string(),
                a.resource.0.to_string(),
                num(a.units),
                num(a.cost),
            ]
        })
        .collect();
    CsvTables {
        tasks: csv_text(rows, &TASK_COLUMNS),
        resources: csv_text(resources, &RESOURCE_COLUMNS),
        assignments: csv_text(assignments, &ASSIGNMENT_COLUMNS),
    }
}

/// The plan as CSV tables with the dates of [`crate::control::reschedule`].
///
/// # Errors
/// The scheduling errors.
pub fn csv_tables(p: &Project) -> Result<CsvTables, crate::Error> {
    Ok(to_csv(p, &crate::control::reschedule(p)?))
}

fn bad(table: &'static str, line: u64, message: impl Into<String>) -> IoError {
    IoError::Format {
        format: table,
        line: line as usize,
        message: message.into(),
    }
}

/// Reads a CSV table into (line, column → value) rows, checking the header.
#[allow(clippy::type_complexity)]
fn rows(
    table: &'static str,
    text: &str,
    allowed: &[&str],
    required: &[&str],
) -> Result<Vec<(u64, BTreeMap<String, String>)>, IoError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .map_err(|e| bad(table, 1, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for h in &header {
        if !allowed.contains(&h.as_str()) {
            return Err(bad(
                table,
                1,
                format!(
                    "unknown column {h:?} (the columns are {})",
                    allowed.join(", ")
                ),
            ));
        }
    }
    for req in required {
        if !header.iter().any(|h| h == req) {
            return Err(bad(table, 1, format!("no {req:?} column")));
        }
    }
    let mut out = vec![];
    for rec in r.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(table, line, e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let m = header
            .iter()
            .cloned()
            .zip(rec.iter().map(|v| v.trim().to_string()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        out.push((line, m));
    }
    Ok(out)
}

fn parse_id(table: &'static str, line: u64, what: &str, v: &str) -> Result<u32, IoError> {
    v.parse::<u32>().ok().filter(|x| *x > 0).ok_or_else(|| {
        bad(
            table,
            line,
            format!("{what} {v:?} is not a positive whole number"),
        )
    })
}

fn parse_f64(table: &'static str, line: u64, what: &str, v: &str) -> Result<f64, IoError> {
    v.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| bad(table, line, format!("{what} {v:?} is not a number")))
}

fn parse_dt(table: &'static str, line: u64, what: &str, v: &str) -> Result<NaiveDateTime, IoError> {
    super::parse_datetime(v).map_err(|m| bad(table, line, format!("{what}: {m}")))
}

/// A plan from CSV tables as [`to_csv`] writes them (the computed columns are ignored).
/// Task ids may be left empty: rows are then numbered in order.
///
/// # Errors
/// [`IoError::Format`] naming the table, the line and the column for an unknown column,
/// a bad value or a malformed predecessor; [`IoError::Invalid`] when the rows describe
/// an invalid plan (unknown parent or predecessor, a cycle, …).
pub fn from_csv(
    name: &str,
    start: NaiveDateTime,
    tasks: &str,
    resources: Option<&str>,
    assignments: Option<&str>,
) -> Result<Project, IoError> {
    const T: &str = "tasks CSV";
    let mut p = Project::new(name, start);
    let task_rows = rows(T, tasks, &TASK_COLUMNS, &["name"])?;
    if task_rows.len() > crate::model::MAX_TASKS {
        return Err(IoError::Invalid(crate::model::ModelError::TooManyTasks {
            limit: crate::model::MAX_TASKS,
        }));
    }
    let mut links = vec![];
    let mut map = BTreeMap::new();
    for (k, (line, r)) in task_rows.iter().enumerate() {
        let line = *line;
        let get = |c: &str| r.get(c).map(String::as_str);
        let id = match get("id") {
            Some(v) => parse_id(T, line, "id", v)?,
            None => u32::try_from(k + 1).unwrap_or(u32::MAX),
        };
        let mut t = Task::new(get("name").unwrap_or(""));
        t.id = TaskId(id);
        if let Some(v) = get("parent") {
            t.parent = Some(TaskId(parse_id(T, line, "parent", v)?));
        }
        if let Some(v) = get("duration") {
            t.duration = match v.parse::<i64>() {
                Ok(m) => crate::calendar::Duration::minutes(m),
                Err(_) => p
                    .parse_duration(v)
                    .map_err(|e| bad(T, line, format!("duration: {e}")))?,
            };
        }
        if let Some(v) = get("milestone") {
            t.milestone = match v.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => true,
                "false" | "0" | "no" => false,
                _ => {
                    return Err(bad(
                        T,
                        line,
                        format!("milestone {v:?} is not true or false"),
                    ));
                }
            };
        }
        if let Some(v) = get("constraint") {
            let kind = ConstraintKind::from_name(&v.to_ascii_lowercase()).ok_or_else(|| {
                bad(
                    T,
                    line,
                    format!(
                        "constraint {v:?} is not one of {}",
                        ConstraintKind::NAMES.join(", ")
                    ),
                )
            })?;
            let date = get("constraint_date")
                .map(|d| parse_dt(T, line, "constraint_date", d))
                .transpose()?;
            t.constraint = Constraint::of_kind(kind, date)
                .map_err(|e| bad(T, line, format!("constraint: {e}")))?;
        }
        if let Some(v) = get("deadline") {
            t.deadline = Some(parse_dt(T, line, "deadline", v)?);
        }
        if let Some(v) = get("priority") {
            t.priority = v
                .parse::<u16>()
                .ok()
                .filter(|x| *x <= crate::model::DO_NOT_LEVEL)
                .ok_or_else(|| bad(T, line, format!("priority {v:?} is not 0 to 1000")))?;
        }
        if let Some(v) = get("fixed_cost") {
            t.fixed_cost = parse_f64(T, line, "fixed_cost", v)?;
        }
        if let Some(v) = get("notes") {
            t.notes = v.to_string();
        }
        if let Some(v) = get("predecessors") {
            for item in v.split([';', ',']).map(str::trim).filter(|x| !x.is_empty()) {
                links.push((line, TaskId(id), item.to_string()));
            }
        }
        if map.insert(TaskId(id), t).is_some() {
            return Err(bad(T, line, format!("id {id} appears twice")));
        }
    }
    for t in map.values() {
        if let Some(parent) = t.parent {
            p.children.entry(parent).or_default().insert(t.id);
        }
    }
    p.tasks = map.into_iter().collect();
    for (line, succ, item) in links {
        let digits = item.chars().take_while(char::is_ascii_digit).count();
        let pred = parse_id(T, line, "predecessor", &item[..digits])?;
        let rest = &item[digits..];
        let (kind, rest) = match rest.get(..2).map(str::to_ascii_uppercase).as_deref() {
            Some("FS") => (LinkKind::Fs, &rest[2..]),
            Some("SS") => (LinkKind::Ss, &rest[2..]),
            Some("FF") => (LinkKind::Ff, &rest[2..]),
            Some("SF") => (LinkKind::Sf, &rest[2..]),
            _ => (LinkKind::Fs, rest),
        };
        let rest = rest.trim();
        let mut d = Dependency::new(TaskId(pred), succ).with_kind(kind);
        if !rest.is_empty() {
            let text = rest.strip_prefix('+').unwrap_or(rest).trim();
            d.lag = p
                .parse_lag(text)
                .map_err(|e| bad(T, line, format!("predecessor {item:?}: {e}")))?;
        }
        if p.links.insert((d.predecessor, succ), d).is_some() {
            return Err(bad(
                T,
                line,
                format!("predecessor {item:?} is listed twice"),
            ));
        }
    }
    if let Some(text) = resources {
        const R: &str = "resources CSV";
        for (line, r) in rows(R, text, &RESOURCE_COLUMNS, &["id", "name"])? {
            let get = |c: &str| r.get(c).map(String::as_str);
            let id = parse_id(R, line, "id", get("id").unwrap_or(""))?;
            let kind = match get("kind") {
                None => ResourceKind::Work,
                Some(k) => ResourceKind::from_name(&k.to_ascii_lowercase()).ok_or_else(|| {
                    bad(R, line, format!("kind {k:?} is not work, material or cost"))
                })?,
            };
            let mut res = Resource::of_kind(get("name").unwrap_or(""), kind);
            res.id = ResourceId(id);
            if let Some(v) = get("max_units") {
                res.max_units = parse_f64(R, line, "max_units", v)?;
            }
            let f = |c: &str| -> Result<f64, IoError> {
                get(c).map_or(Ok(0.0), |v| parse_f64(R, line, c, v))
            };
            let rate = CostRate {
                from: None,
                standard: f("standard_rate")?,
                overtime: f("overtime_rate")?,
                per_use: f("per_use")?,
            };
            if rate != CostRate::new(0.0) {
                res.rates = vec![rate];
            }
            if let Some(v) = get("material_label") {
                res.material_label = v.to_string();
            }
            if p.resources.insert(res.id, res).is_some() {
                return Err(bad(R, line, format!("id {id} appears twice")));
            }
        }
    }
    if let Some(text) = assignments {
        const A: &str = "assignments CSV";
        for (line, r) in rows(A, text, &ASSIGNMENT_COLUMNS, &["task", "resource"])? {
            let get = |c: &str| r.get(c).map(String::as_str);
            let task = TaskId(parse_id(A, line, "task", get("task").unwrap_or(""))?);
            let res = ResourceId(parse_id(
                A,
                line,
                "resource",
                get("resource").unwrap_or(""),
            )?);
            let units = get("units").map_or(Ok(1.0), |v| parse_f64(A, line, "units", v))?;
            let mut a = Assignment::new(task, res, units);
            a.cost = get("cost").map_or(Ok(0.0), |v| parse_f64(A, line, "cost", v))?;
            if p.assignments.insert((task, res), a).is_some() {
                return Err(bad(
                    A,
                    line,
                    format!("resource {} is assigned to task {} twice", res.0, task.0),
                ));
            }
        }
    }
    p.validate().map_err(IoError::Invalid)?;
    p.next_task = p.tasks.last_key().map_or(1, |t| t.0.saturating_add(1));
    p.next_resource = p
        .resources
        .keys()
        .next_back()
        .map_or(1, |r| r.0.saturating_add(1));
    p.revision = 0;
    Ok(p)
}
