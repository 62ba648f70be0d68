//! Results as columns: one typed vector per field, so a binding hands a 100,000-row table
//! to NumPy, pandas or JavaScript typed arrays without making an object per row.
//!
//! Every table of a result has one column form, built here once: the CPM schedule's
//! tasks by a direct pass over the result, every other table ([`Columns::from_rows`]) by
//! serializing its rows, so its columns are exactly the fields of its JSON rows, in the
//! same order. Nested objects are flattened with dotted names (`driver.type`,
//! `driver.task`); a field that is a list or mixes kinds stays a JSON value per row.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::Value;

use crate::Schedule;

/// Fields whose values are people's text, never read as dates even when they look like
/// one (a task named "2027-01-04"). Every other text column whose values all read as
/// `YYYY-MM-DDTHH:MM[:SS]` or `YYYY-MM-DD` becomes a date-time or date column.
pub const TEXT_FIELDS: [&str; 14] = [
    "name",
    "title",
    "notes",
    "description",
    "text",
    "summary",
    "statement",
    "outcome",
    "reason",
    "note",
    "reasons",
    "comment",
    "message",
    "detail",
];

/// Whether a (possibly dotted) column name is one of [`TEXT_FIELDS`].
pub fn is_text_field(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name);
    TEXT_FIELDS.contains(&last)
}

/// Most distinct values a [`Values::Category`] column has.
pub const MAX_LABELS: usize = 256;

/// The marker of a missing date-time or date in [`Values::DateTime`] and
/// [`Values::Date`] (`i64::MIN`, NumPy's `NaT`).
pub const NAT: i64 = i64::MIN;

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Whole numbers (ids, working minutes).
    Int(Vec<i64>),
    /// Whole numbers, some missing.
    OptInt(Vec<Option<i64>>),
    /// Numbers (a missing value is NaN).
    Float(Vec<f64>),
    /// Flags.
    Bool(Vec<bool>),
    /// Text.
    Text(Vec<String>),
    /// Text, some missing.
    OptText(Vec<Option<String>>),
    /// Text with few distinct values (each used twice or more on average, at most
    /// [`MAX_LABELS`]): each row's index into `labels`, labels in order of first use
    /// (pandas: a Categorical).
    Category {
        /// One index into `labels` per row.
        codes: Vec<u32>,
        /// The distinct values.
        labels: Vec<String>,
    },
    /// Date-times as minutes since 1970-01-01T00:00 of the plan's wall clock (no time
    /// zone), [`NAT`] when missing.
    DateTime(Vec<i64>),
    /// Dates as days since 1970-01-01, [`NAT`] when missing.
    Date(Vec<i64>),
    /// Anything else (lists, mixed kinds), one JSON value per row.
    Json(Vec<Value>),
}

impl Values {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Int(v) | Values::DateTime(v) | Values::Date(v) => v.len(),
            Values::OptInt(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Text(v) => v.len(),
            Values::OptText(v) => v.len(),
            Values::Category { codes, .. } => codes.len(),
            Values::Json(v) => v.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One named column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The field name (dotted for a nested field).
    pub name: String,
    /// Its values, one per row.
    pub values: Values,
}

/// A table as columns of equal length, with the columns that identify a row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Columns {
    /// The columns, in the order of the fields of the JSON rows.
    pub columns: Vec<Column>,
    /// Number of rows.
    pub rows: usize,
    /// The columns that identify a row (a DataFrame's index), when all are present.
    pub index: Vec<String>,
}

impl Columns {
    /// The columns of `rows` serialized one by one (each row a JSON object). `index`
    /// names the identifying columns; it is kept only when every one is a column.
    ///
    /// # Example
    /// ```
    /// use planix::io::columns::{Columns, Values};
    /// #[derive(serde::Serialize)]
    /// struct Row { id: u32, name: &'static str, share: Option<f64> }
    /// let rows = [Row { id: 1, name: "Survey", share: Some(0.5) }, Row { id: 2, name: "Build", share: None }];
    /// let c = Columns::from_rows(&rows, &["id"]);
    /// assert_eq!(c.rows, 2);
    /// assert_eq!(c.column("id"), Some(&Values::Int(vec![1, 2])));
    /// assert!(matches!(c.column("share"), Some(Values::Float(v)) if v[1].is_nan()));
    /// assert_eq!(c.index, ["id"]);
    /// ```
    pub fn from_rows<T: Serialize>(rows: &[T], index: &[&str]) -> Columns {
        let mut b = Builder::with_rows(rows.len());
        for (r, row) in rows.iter().enumerate() {
            b.start_row(r);
            let whole = CellSer {
                b: &mut b,
                prefix: "",
                key: "",
            };
            if row.serialize(whole).is_err() {
                // A row that is not an object (a plain number or list) is one "value".
                b.put(
                    "",
                    "value",
                    Cell::Json(serde_json::to_value(row).unwrap_or_default()),
                );
            }
        }
        b.finish(rows.len(), index)
    }

    /// The values of a column by name.
    pub fn column(&self, name: &str) -> Option<&Values> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.values)
    }

    /// The CPM schedule's tasks, in id order, with the fields of its JSON `tasks` rows:
    /// id, name, kind, start, finish, early and late dates, duration and floats (working
    /// minutes), critical and the driver flattened (`driver.type`, `driver.task`,
    /// `driver.kind`, ...). Built straight from the result, without a row object.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use planix::io::columns::{Columns, Values};
    /// use planix::{Duration, Project, Task};
    /// let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap();
    /// let mut p = Project::new("Site", start);
    /// let a = p.add_task(Task::new("Survey").with_duration(Duration::hours(8)))?;
    /// let b = p.add_task(Task::new("Build").with_duration(Duration::hours(16)))?;
    /// p.link(a, b)?;
    /// let c = Columns::schedule(&p.schedule()?);
    /// assert_eq!(c.column("duration"), Some(&Values::Int(vec![480, 960])));
    /// // Tuesday 2027-01-05 08:00, as minutes since 1970-01-01T00:00.
    /// let tue = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap().and_hms_opt(8, 0, 0).unwrap();
    /// let m = tue.and_utc().timestamp() / 60;
    /// assert!(matches!(c.column("start"), Some(Values::DateTime(v)) if v[1] == m));
    /// assert_eq!(c.column("driver.task"), Some(&Values::OptInt(vec![None, Some(1)])));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn schedule(s: &Schedule) -> Columns {
        let tasks = s.tasks();
        let n = tasks.len();
        let base = minutes_since_unix(s.epoch);
        let ints = |f: &dyn Fn(&crate::ScheduledTask) -> i64| -> Values {
            Values::Int(tasks.iter().map(f).collect())
        };
        let dates = |f: &dyn Fn(&crate::ScheduledTask) -> i64| -> Values {
            Values::DateTime(tasks.iter().map(|t| base.saturating_add(f(t))).collect())
        };
        let col = |name: &str, values: Values| Column {
            name: name.to_string(),
            values,
        };
        let mut columns = vec![
            col("id", ints(&|t| i64::from(t.id.0))),
            col(
                "name",
                Values::Text(tasks.iter().map(|t| t.name.as_str().to_string()).collect()),
            ),
            col(
                "kind",
                column_of(n, tasks.iter().map(|t| Cell::Text(t.kind.name().into()))),
            ),
            col("start", dates(&|t| if t.late { t.ls } else { t.es })),
            col("finish", dates(&|t| if t.late { t.lf } else { t.ef })),
            col("early_start", dates(&|t| t.es)),
            col("early_finish", dates(&|t| t.ef)),
            col("late_start", dates(&|t| t.ls)),
            col("late_finish", dates(&|t| t.lf)),
            col("duration", ints(&|t| t.duration.as_minutes())),
            col("total_float", ints(&|t| t.total_float.as_minutes())),
            col("free_float", ints(&|t| t.free_float.as_minutes())),
            col(
                "critical",
                Values::Bool(tasks.iter().map(|t| t.critical).collect()),
            ),
        ];
        let mut b = Builder::with_rows(n);
        for (r, t) in tasks.iter().enumerate() {
            b.start_row(r);
            let _ = t.driver.serialize(CellSer {
                b: &mut b,
                prefix: "",
                key: "driver",
            });
        }
        columns.extend(b.finish(n, &[]).columns);
        Columns {
            columns,
            rows: n,
            index: vec!["id".to_string()],
        }
    }
}

/// One column of `rows` cells, typed and finished by the rules of every table (so a
/// column built directly matches the one [`Columns::from_rows`] makes).
fn column_of<'s>(rows: usize, cells: impl Iterator<Item = Cell<'s>>) -> Values {
    let mut col = Col::new(String::new(), rows);
    for (r, c) in cells.enumerate() {
        col.push(r, c, rows);
    }
    col.finish(rows)
}

/// Minutes from 1970-01-01T00:00 to `t`.
fn minutes_since_unix(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp().div_euclid(60)
}

/// Days from 1970-01-01 to `d`.
fn days_since_unix(d: NaiveDate) -> i64 {
    minutes_since_unix(d.and_time(chrono::NaiveTime::MIN)).div_euclid(1440)
}

/// One serialized value of a row.
#[derive(Debug, Clone)]
enum Cell<'s> {
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(std::borrow::Cow<'s, str>),
    DateTime(i64),
    Date(i64),
    Json(Value),
}

/// The values of one column while it fills: typed from its first value, turned into
/// JSON values when a later one is of another kind (whole numbers become numbers
/// beside a number).
enum Data {
    /// Only gaps so far.
    Empty,
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    /// Text kept as codes into distinct labels while there are few of them.
    Dict(
        Vec<u32>,
        Vec<String>,
        std::collections::HashMap<String, u32>,
    ),
    Text(Vec<String>),
    DateTime(Vec<i64>),
    Date(Vec<i64>),
    Json(Vec<Value>),
}

impl Data {
    /// Appends a placeholder of the column's kind (a gap or a row before the first value).
    fn placeholder(&mut self) {
        match self {
            Data::Empty => {}
            Data::Int(v) | Data::DateTime(v) | Data::Date(v) => v.push(0),
            Data::Float(v) => v.push(f64::NAN),
            Data::Bool(v) => v.push(false),
            Data::Dict(c, l, f) => {
                if l.is_empty() {
                    l.push(String::new());
                    f.insert(String::new(), 0);
                }
                c.push(0);
            }
            Data::Text(v) => v.push(String::new()),
            Data::Json(v) => v.push(Value::Null),
        }
    }

    /// Appends a text value (codes while the labels are few).
    fn push_text(&mut self, t: &str) {
        if let Data::Dict(codes, labels, find) = self {
            // A handful of labels is faster to scan than to hash.
            let found = if labels.len() <= 16 {
                labels.iter().position(|l| l == t).map(|i| i as u32)
            } else {
                find.get(t).copied()
            };
            if let Some(k) = found {
                codes.push(k);
                return;
            }
            if labels.len() < MAX_LABELS {
                let k = labels.len() as u32;
                labels.push(t.to_string());
                find.insert(t.to_string(), k);
                codes.push(k);
                return;
            }
            let mut v: Vec<String> = Vec::with_capacity(codes.capacity());
            v.extend(codes.iter().map(|&c| labels[c as usize].clone()));
            *self = Data::Text(v);
        }
        if let Data::Text(v) = self {
            v.push(t.to_string());
        }
    }
}

/// One column being filled: `len` rows so far, the rows that are gaps in `missing`.
struct Col {
    name: String,
    data: Data,
    len: usize,
    missing: Vec<bool>,
    any_missing: bool,
}

impl Col {
    fn new(name: String, rows: usize) -> Col {
        Col {
            name,
            data: Data::Empty,
            len: 0,
            missing: Vec::with_capacity(rows),
            any_missing: false,
        }
    }

    /// Appends a gap.
    fn gap(&mut self) {
        self.data.placeholder();
        self.missing.push(true);
        self.any_missing = true;
        self.len += 1;
    }

    /// Appends a value at row `row` (gaps first up to it).
    fn push(&mut self, row: usize, cell: Cell<'_>, rows: usize) {
        while self.len < row {
            self.gap();
        }
        if let Cell::Null = cell {
            self.gap();
            return;
        }
        if let Data::Empty = self.data {
            self.data = match &cell {
                Cell::Int(_) => Data::Int(Vec::with_capacity(rows)),
                Cell::Float(_) => Data::Float(Vec::with_capacity(rows)),
                Cell::Bool(_) => Data::Bool(Vec::with_capacity(rows)),
                Cell::Text(_) => Data::Dict(
                    Vec::with_capacity(rows),
                    Vec::new(),
                    std::collections::HashMap::new(),
                ),
                Cell::DateTime(_) => Data::DateTime(Vec::with_capacity(rows)),
                Cell::Date(_) => Data::Date(Vec::with_capacity(rows)),
                Cell::Json(_) | Cell::Null => Data::Json(Vec::with_capacity(rows)),
            };
            for _ in 0..self.len {
                self.data.placeholder();
            }
        }
        let cell = match (&mut self.data, cell) {
            (Data::Int(v), Cell::Int(i)) => {
                v.push(i);
                None
            }
            (Data::Float(v), Cell::Float(f)) => {
                v.push(f);
                None
            }
            (Data::Float(v), Cell::Int(i)) => {
                v.push(i as f64);
                None
            }
            (Data::Bool(v), Cell::Bool(b)) => {
                v.push(b);
                None
            }
            (Data::Text(v), Cell::Text(t)) => {
                v.push(t.into_owned());
                None
            }
            (d @ Data::Dict(..), Cell::Text(t)) => {
                d.push_text(&t);
                None
            }
            (Data::DateTime(v), Cell::DateTime(m)) => {
                v.push(m);
                None
            }
            (Data::Date(v), Cell::Date(d)) => {
                v.push(d);
                None
            }
            (Data::Json(v), c) => {
                v.push(json_of(c));
                None
            }
            (_, c) => Some(c),
        };
        if let Some(c) = cell {
            // Another kind: whole numbers widen to numbers beside a number; anything
            // else turns the column into JSON values.
            let old = std::mem::replace(&mut self.data, Data::Empty);
            self.data = match (old, c) {
                (Data::Int(v), Cell::Float(f)) => {
                    let mut w: Vec<f64> = v.into_iter().map(|i| i as f64).collect();
                    w.push(f);
                    Data::Float(w)
                }
                (old, c) => {
                    let mut j = self.json_values(old);
                    j.push(json_of(c));
                    Data::Json(j)
                }
            };
        }
        self.missing.push(false);
        self.len += 1;
    }

    /// The values so far as JSON, gaps as null.
    fn json_values(&self, data: Data) -> Vec<Value> {
        let gap = |i: usize| self.missing.get(i).copied().unwrap_or(false);
        let mut out: Vec<Value> = match data {
            Data::Empty | Data::Json(_) => Vec::new(),
            Data::Int(v) => v.into_iter().map(Value::from).collect(),
            Data::Float(v) => v.into_iter().map(|f| json_of(Cell::Float(f))).collect(),
            Data::Bool(v) => v.into_iter().map(Value::Bool).collect(),
            Data::Text(v) => v.into_iter().map(Value::String).collect(),
            Data::Dict(c, l, _) => c
                .into_iter()
                .map(|k| Value::String(l[k as usize].clone()))
                .collect(),
            Data::DateTime(v) => v.into_iter().map(|m| json_of(Cell::DateTime(m))).collect(),
            Data::Date(v) => v.into_iter().map(|d| json_of(Cell::Date(d))).collect(),
        };
        out.resize(self.len, Value::Null);
        for (i, x) in out.iter_mut().enumerate() {
            if gap(i) {
                *x = Value::Null;
            }
        }
        out
    }

    /// The finished column of `rows` rows.
    fn finish(mut self, rows: usize) -> Values {
        while self.len < rows {
            self.gap();
        }
        let missing = self.missing;
        let any = self.any_missing;
        match self.data {
            Data::Empty => Values::Json(vec![Value::Null; rows]),
            Data::Int(v) if !any => Values::Int(v),
            Data::Int(v) => Values::OptInt(
                v.into_iter()
                    .zip(&missing)
                    .map(|(x, &m)| if m { None } else { Some(x) })
                    .collect(),
            ),
            Data::Float(v) => Values::Float(v),
            Data::Bool(v) if !any => Values::Bool(v),
            Data::Bool(v) => Values::Json(
                v.into_iter()
                    .zip(&missing)
                    .map(|(x, &m)| if m { Value::Null } else { Value::Bool(x) })
                    .collect(),
            ),
            Data::Dict(codes, labels, _) if !any && labels.len() * 2 <= rows => {
                Values::Category { codes, labels }
            }
            Data::Dict(codes, labels, _) if !any => Values::Text(
                codes
                    .into_iter()
                    .map(|k| labels[k as usize].clone())
                    .collect(),
            ),
            Data::Dict(codes, labels, _) => Values::OptText(
                codes
                    .into_iter()
                    .zip(&missing)
                    .map(|(k, &m)| {
                        if m {
                            None
                        } else {
                            Some(labels[k as usize].clone())
                        }
                    })
                    .collect(),
            ),
            Data::Text(v) if !any => Values::Text(v),
            Data::Text(v) => Values::OptText(
                v.into_iter()
                    .zip(&missing)
                    .map(|(x, &m)| if m { None } else { Some(x) })
                    .collect(),
            ),
            Data::DateTime(v) => Values::DateTime(
                v.into_iter()
                    .zip(&missing)
                    .map(|(x, &m)| if m { NAT } else { x })
                    .collect(),
            ),
            Data::Date(v) => Values::Date(
                v.into_iter()
                    .zip(&missing)
                    .map(|(x, &m)| if m { NAT } else { x })
                    .collect(),
            ),
            Data::Json(v) => Values::Json(v),
        }
    }
}

/// The columns being filled. Rows of one type write their fields in the same order, so
/// the next field is looked for first right after the last one written, without
/// building its dotted name.
#[derive(Default)]
struct Builder {
    cols: Vec<Col>,
    find: std::collections::HashMap<String, usize>,
    rows: usize,
    row: usize,
    cursor: usize,
    /// Scratch text for `collect_str`.
    buf: String,
}

/// Whether `name` is `prefix.key` (or `key` without a prefix).
fn is_named(name: &str, prefix: &str, key: &str) -> bool {
    if prefix.is_empty() {
        name == key
    } else {
        name.len() == prefix.len() + 1 + key.len()
            && name.starts_with(prefix)
            && name.ends_with(key)
            && name.as_bytes().get(prefix.len()) == Some(&b'.')
    }
}

/// `prefix.key`, or `key` without a prefix.
fn joined(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

impl Builder {
    fn with_rows(rows: usize) -> Builder {
        Builder {
            rows,
            ..Builder::default()
        }
    }

    fn start_row(&mut self, row: usize) {
        self.row = row;
        self.cursor = 0;
    }

    fn put(&mut self, prefix: &str, key: &str, cell: Cell<'_>) {
        let k = match self.cols.get(self.cursor) {
            Some(c) if is_named(&c.name, prefix, key) => self.cursor,
            _ => {
                let name = joined(prefix, key);
                match self.find.get(&name) {
                    Some(&k) => k,
                    None => {
                        let k = self.cols.len();
                        self.find.insert(name.clone(), k);
                        self.cols.push(Col::new(name, self.rows));
                        k
                    }
                }
            }
        };
        self.cursor = k + 1;
        let (row, rows) = (self.row, self.rows);
        let col = &mut self.cols[k];
        // A field written twice in one row (not produced by derived Serialize) keeps
        // the first value.
        if col.len > row {
            return;
        }
        col.push(row, cell, rows);
    }

    fn finish(self, rows: usize, index: &[&str]) -> Columns {
        let columns: Vec<Column> = self
            .cols
            .into_iter()
            .map(|c| {
                let name = c.name.clone();
                let values = c.finish(rows);
                let values = if is_text_field(&name) {
                    values
                } else {
                    text_as_dates(values)
                };
                Column { name, values }
            })
            .collect();
        let index = if index.iter().all(|i| columns.iter().any(|c| c.name == *i)) {
            index.iter().map(|s| s.to_string()).collect()
        } else {
            Vec::new()
        };
        Columns {
            columns,
            rows,
            index,
        }
    }
}

/// A text column whose every present value reads as a date-time (or every one as a
/// date) as that column; anything else unchanged.
fn text_as_dates(values: Values) -> Values {
    // Most text columns are not dates: the first value says so without a pass.
    let first = match &values {
        Values::Text(v) => v.first().map(String::as_str),
        Values::OptText(v) => v.iter().flatten().next().map(String::as_str),
        Values::Category { labels, .. } => labels.first().map(String::as_str),
        _ => None,
    };
    if first.and_then(parse_when).is_none() {
        return values;
    }
    let parsed: Vec<Option<Cell<'static>>> = match &values {
        Values::Text(v) => v.iter().map(|s| parse_when(s)).collect(),
        Values::Category { codes, labels } => {
            let l: Vec<Option<Cell<'static>>> = labels.iter().map(|s| parse_when(s)).collect();
            codes.iter().map(|&k| l[k as usize].clone()).collect()
        }
        Values::OptText(v) => v
            .iter()
            .map(|s| s.as_deref().map_or(Some(Cell::Null), parse_when))
            .collect(),
        _ => return values,
    };
    let all = |f: fn(&Cell<'static>) -> bool| {
        parsed
            .iter()
            .all(|c| c.as_ref().is_some_and(|c| f(c) || matches!(c, Cell::Null)))
            && parsed.iter().any(|c| c.as_ref().is_some_and(f))
    };
    if all(|c| matches!(c, Cell::DateTime(_))) {
        Values::DateTime(
            parsed
                .iter()
                .map(|c| match c {
                    Some(Cell::DateTime(m)) => *m,
                    _ => NAT,
                })
                .collect(),
        )
    } else if all(|c| matches!(c, Cell::Date(_))) {
        Values::Date(
            parsed
                .iter()
                .map(|c| match c {
                    Some(Cell::Date(d)) => *d,
                    _ => NAT,
                })
                .collect(),
        )
    } else {
        values
    }
}

/// A cell as a JSON value (date-times and dates as their ISO text).
fn json_of(c: Cell<'_>) -> Value {
    match c {
        Cell::Null => Value::Null,
        Cell::Int(i) => Value::from(i),
        Cell::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        Cell::Bool(b) => Value::Bool(b),
        Cell::Text(s) => Value::String(s.into_owned()),
        Cell::DateTime(m) => chrono::DateTime::from_timestamp(m.saturating_mul(60), 0)
            .map_or(Value::Null, |t| {
                Value::String(t.naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string())
            }),
        Cell::Date(d) => chrono::DateTime::from_timestamp(d.saturating_mul(86_400), 0)
            .map_or(Value::Null, |t| {
                Value::String(t.date_naive().format("%Y-%m-%d").to_string())
            }),
        Cell::Json(v) => v,
    }
}

/// The error of a value that cannot be a cell (never reaches a caller: such a value
/// becomes a JSON cell).
#[derive(Debug)]
struct NotFlat;

impl std::fmt::Display for NotFlat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a flat value")
    }
}

impl std::error::Error for NotFlat {}

impl ser::Error for NotFlat {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotFlat
    }
}

/// Serializes one value into the column `prefix.key` (a struct or map into its fields'
/// columns, `prefix.key.field`).
struct CellSer<'a> {
    b: &'a mut Builder,
    prefix: &'a str,
    key: &'a str,
}

impl<'a> CellSer<'a> {
    fn put(self, c: Cell<'_>) -> Result<(), NotFlat> {
        let key = if self.prefix.is_empty() && self.key.is_empty() {
            "value"
        } else {
            self.key
        };
        self.b.put(self.prefix, key, c);
        Ok(())
    }

    fn json<T: Serialize + ?Sized>(self, v: &T) -> Result<(), NotFlat> {
        let v = serde_json::to_value(v).map_err(|_| NotFlat)?;
        self.put(Cell::Json(v))
    }

    /// The prefix of this value's own fields.
    fn nested(&self) -> std::borrow::Cow<'a, str> {
        match (self.prefix.is_empty(), self.key.is_empty()) {
            (_, true) => self.prefix.into(),
            (true, false) => self.key.into(),
            (false, false) => format!("{}.{}", self.prefix, self.key).into(),
        }
    }
}

/// Reads `YYYY-MM-DDTHH:MM:SS` (the date-time text of every planix result),
/// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD`, by position (no format parser per value).
fn parse_when(s: &str) -> Option<Cell<'static>> {
    let b = s.as_bytes();
    let num = |from: usize, to: usize| -> Option<u32> {
        let mut v = 0u32;
        for &c in b.get(from..to)? {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
        }
        Some(v)
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-')) {
        return None;
    }
    let y = i32::try_from(num(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(y, num(5, 7)?, num(8, 10)?)?;
    match b.len() {
        10 => Some(Cell::Date(days_since_unix(date))),
        16 | 19 if at(10, b'T') && at(13, b':') => {
            let (h, m) = (num(11, 13)?, num(14, 16)?);
            let sec = if b.len() == 19 {
                if !at(16, b':') {
                    return None;
                }
                num(17, 19)?
            } else {
                0
            };
            let t = date.and_hms_opt(h, m, sec)?;
            Some(Cell::DateTime(minutes_since_unix(t)))
        }
        _ => None,
    }
}

macro_rules! ints {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> Result<(), NotFlat> {
            self.put(Cell::Int(v as i64))
        }
    )*};
}

impl<'a> ser::Serializer for CellSer<'a> {
    type Ok = ();
    type Error = NotFlat;
    type SerializeSeq = Impossible<(), NotFlat>;
    type SerializeTuple = Impossible<(), NotFlat>;
    type SerializeTupleStruct = Impossible<(), NotFlat>;
    type SerializeTupleVariant = Impossible<(), NotFlat>;
    type SerializeMap = MapCells<'a>;
    type SerializeStruct = StructCells<'a>;
    type SerializeStructVariant = Impossible<(), NotFlat>;

    ints!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32);

    fn serialize_u64(self, v: u64) -> Result<(), NotFlat> {
        match i64::try_from(v) {
            Ok(i) => self.put(Cell::Int(i)),
            Err(_) => self.put(Cell::Float(v as f64)),
        }
    }
    fn serialize_bool(self, v: bool) -> Result<(), NotFlat> {
        self.put(Cell::Bool(v))
    }
    fn serialize_f32(self, v: f32) -> Result<(), NotFlat> {
        self.put(Cell::Float(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<(), NotFlat> {
        self.put(Cell::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<(), NotFlat> {
        self.put(Cell::Text(v.to_string().into()))
    }
    fn serialize_str(self, v: &str) -> Result<(), NotFlat> {
        self.put(Cell::Text(v.into()))
    }
    /// Dates and date-times arrive here (chrono writes them with `collect_str`); other
    /// text written this way stays text.
    fn collect_str<T: std::fmt::Display + ?Sized>(self, v: &T) -> Result<(), NotFlat> {
        use std::fmt::Write;
        let mut buf = std::mem::take(&mut self.b.buf);
        buf.clear();
        let _ = write!(buf, "{v}");
        let cell = parse_when(&buf).unwrap_or_else(|| Cell::Text(buf.clone().into()));
        self.b.buf = buf;
        self.put(cell)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), NotFlat> {
        self.json(v)
    }
    fn serialize_none(self) -> Result<(), NotFlat> {
        self.put(Cell::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), NotFlat> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), NotFlat> {
        self.put(Cell::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), NotFlat> {
        self.put(Cell::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), NotFlat> {
        self.put(Cell::Text(variant.into()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), NotFlat> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), NotFlat> {
        self.json(&SingleEntry(variant, v))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotFlat> {
        Err(NotFlat)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotFlat> {
        Err(NotFlat)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotFlat> {
        Err(NotFlat)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotFlat> {
        Err(NotFlat)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotFlat> {
        Ok(MapCells {
            prefix: self.nested(),
            b: self.b,
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotFlat> {
        Ok(StructCells {
            prefix: self.nested(),
            b: self.b,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotFlat> {
        Err(NotFlat)
    }
}

/// `{variant: value}`, serde's external tagging, for a JSON cell.
struct SingleEntry<'a, T: ?Sized>(&'static str, &'a T);

impl<T: Serialize + ?Sized> Serialize for SingleEntry<'_, T> {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::SerializeMap;
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(self.0, self.1)?;
        m.end()
    }
}

/// The fields of a struct value, each into its own column.
struct StructCells<'a> {
    b: &'a mut Builder,
    prefix: std::borrow::Cow<'a, str>,
}

/// Puts one field: flat values into their column, lists and other shapes as JSON.
fn put_field<T: Serialize + ?Sized>(b: &mut Builder, prefix: &str, key: &str, v: &T) {
    let r = v.serialize(CellSer {
        b: &mut *b,
        prefix,
        key,
    });
    if r.is_err() {
        let cell = serde_json::to_value(v).map_or(Cell::Null, Cell::Json);
        b.put(prefix, key, cell);
    }
}

impl ser::SerializeStruct for StructCells<'_> {
    type Ok = ();
    type Error = NotFlat;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), NotFlat> {
        put_field(self.b, &self.prefix, key, v);
        Ok(())
    }
    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

/// The entries of a map value, each into its own column (keys as text).
struct MapCells<'a> {
    b: &'a mut Builder,
    prefix: std::borrow::Cow<'a, str>,
    key: Option<String>,
}

impl ser::SerializeMap for MapCells<'_> {
    type Ok = ();
    type Error = NotFlat;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotFlat> {
        let k = match serde_json::to_value(key).map_err(|_| NotFlat)? {
            Value::String(s) => s,
            other => other.to_string(),
        };
        self.key = Some(k);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotFlat> {
        let key = self.key.take().unwrap_or_default();
        put_field(self.b, &self.prefix, &key, v);
        Ok(())
    }
    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        id: u32,
        when: Option<NaiveDateTime>,
        day: NaiveDate,
        tags: Vec<u32>,
        nested: Inner,
        mixed: Value,
    }

    #[derive(Serialize)]
    struct Inner {
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        task: Option<u32>,
    }

    #[test]
    fn rows_become_typed_columns_with_gaps_missing() {
        let t = NaiveDate::from_ymd_opt(2027, 1, 4)
            .and_then(|d| d.and_hms_opt(8, 30, 0))
            .unwrap_or_default();
        let day = t.date();
        let rows = [
            Row {
                id: 1,
                when: Some(t),
                day,
                tags: vec![1, 2],
                nested: Inner {
                    kind: "a",
                    task: Some(7),
                },
                mixed: Value::from(1),
            },
            Row {
                id: 2,
                when: None,
                day,
                tags: vec![],
                nested: Inner {
                    kind: "b",
                    task: None,
                },
                mixed: Value::from("x"),
            },
        ];
        let c = Columns::from_rows(&rows, &["id", "absent"]);
        let names: Vec<&str> = c.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "id",
                "when",
                "day",
                "tags",
                "nested.kind",
                "nested.task",
                "mixed"
            ]
        );
        // 2027-01-04 is day 20,822 after 1970-01-01 (57 × 365 days + 14 leap days + 3), and
        // 08:30 adds 510 minutes.
        assert_eq!(
            c.column("when"),
            Some(&Values::DateTime(vec![20_822 * 1440 + 510, NAT]))
        );
        assert_eq!(c.column("day"), Some(&Values::Date(vec![20_822, 20_822])));
        assert_eq!(
            c.column("tags"),
            Some(&Values::Json(vec![
                serde_json::json!([1, 2]),
                serde_json::json!([])
            ]))
        );
        assert_eq!(
            c.column("nested.task"),
            Some(&Values::OptInt(vec![Some(7), None]))
        );
        assert_eq!(
            c.column("mixed"),
            Some(&Values::Json(vec![Value::from(1), Value::from("x")]))
        );
        assert!(
            c.index.is_empty(),
            "an index naming a missing column is dropped"
        );
        assert!(c.columns.iter().all(|x| x.values.len() == 2));
    }

    #[test]
    fn a_whole_number_beside_a_number_widens_and_other_kinds_become_json() {
        let rows = [
            serde_json::json!({"size": 1, "tag": true}),
            serde_json::json!({"size": 2.5, "tag": "x"}),
            serde_json::json!({"tag": false}),
        ];
        let c = Columns::from_rows(&rows, &[]);
        assert!(
            matches!(c.column("size"), Some(Values::Float(v)) if v[..2] == [1.0, 2.5] && v[2].is_nan())
        );
        assert_eq!(
            c.column("tag"),
            Some(&Values::Json(vec![
                Value::Bool(true),
                Value::from("x"),
                Value::Bool(false)
            ]))
        );
    }

    #[test]
    fn json_rows_read_date_text_as_dates_except_in_text_fields() {
        let rows = [
            serde_json::json!({"id": "R1", "name": "2027-01-04", "due": "2027-01-04", "at": "2027-01-04T08:00:00"}),
            serde_json::json!({"id": "R2", "name": "Review", "due": null, "at": "2027-01-05T08:00:00"}),
            serde_json::json!({"id": "R3", "name": "Ship", "due": "2027-01-06", "at": "soon"}),
        ];
        let c = Columns::from_rows(&rows, &["id"]);
        assert!(matches!(c.column("name"), Some(Values::Text(_))));
        assert_eq!(
            c.column("due"),
            Some(&Values::Date(vec![20_822, NAT, 20_824]))
        );
        // One value is not a date-time: the column stays text.
        assert!(matches!(c.column("at"), Some(Values::Text(v)) if v[2] == "soon"));
        assert_eq!(c.index, ["id"]);
    }

    #[test]
    fn schedule_columns_match_the_json_rows() {
        use crate::{Duration, Project, Task};
        let start = NaiveDate::from_ymd_opt(2027, 1, 4)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .unwrap_or_default();
        let mut p = Project::new("p", start);
        let a = p
            .add_task(Task::new("A").with_duration(Duration::hours(8)))
            .unwrap_or_default();
        let b = p
            .add_task(Task::new("B").with_duration(Duration::hours(4)))
            .unwrap_or_default();
        let _ = p.link(a, b);
        let Ok(s) = p.schedule() else {
            return;
        };
        let direct = Columns::schedule(&s);
        let generic = Columns::from_rows(s.tasks(), &["id"]);
        assert_eq!(direct, generic);
    }
}
