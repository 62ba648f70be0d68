//! Text exports of a scheduled plan for tools that draw or remind but do not schedule:
//! Mermaid `gantt`, PlantUML `@startgantt` and iCalendar (RFC 5545). Each carries the
//! dates planix computed; neither Mermaid nor PlantUML computes a schedule from links and
//! calendars, so their links are written as comments beside the computed dates (Mermaid
//! cannot draw them; PlantUML's arrows would move the tasks by its own rules).

use std::fmt::Write as _;

use chrono::NaiveDateTime;

use crate::ids::TaskId;
use crate::model::{Lag, LinkKind, Project, TaskKind};
use crate::schedule::Schedule;

/// The text of a duration or lag as the duration parser reads it (`3d`, `4h`, `90m`,
/// `2ed`, `50%`): whole days when it is a multiple of the calendar's day, else hours or
/// minutes.
pub fn lag_text(lag: &Lag, minutes_per_day: u32) -> String {
    match *lag {
        Lag::Percent(p) => format!("{p}%"),
        Lag::Working(d) => duration_text(d.as_minutes(), minutes_per_day, ""),
        Lag::Elapsed(d) => duration_text(d.as_minutes(), 1440, "e"),
    }
}

pub(crate) fn duration_text(minutes: i64, per_day: u32, prefix: &str) -> String {
    let per_day = i64::from(per_day.max(1));
    if minutes != 0 && minutes % per_day == 0 {
        format!("{}{prefix}d", minutes / per_day)
    } else if minutes % 60 == 0 {
        format!("{}{prefix}h", minutes / 60)
    } else {
        format!("{minutes}{prefix}m")
    }
}

pub(crate) fn kind_text(k: LinkKind) -> &'static str {
    match k {
        LinkKind::Fs => "FS",
        LinkKind::Ss => "SS",
        LinkKind::Ff => "FF",
        LinkKind::Sf => "SF",
    }
}

/// A number as MSPDI and CSV write it: whole numbers without a fraction.
pub(crate) fn num(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Tasks in outline order with their outline number and depth.
fn outline(p: &Project) -> Vec<(TaskId, String, usize)> {
    let mut v = Vec::with_capacity(p.task_count());
    p.for_each_outline(|id, path| {
        let n: Vec<String> = path.iter().map(u32::to_string).collect();
        v.push((id, n.join("."), path.len()));
    });
    v
}

fn mermaid_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn m_dt(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%d %H:%M").to_string()
}

/// Mermaid `gantt` text with planix's computed dates: top-level summaries become
/// sections, critical tasks are tagged `crit`, milestones `milestone`, finished tasks
/// `done` and tasks in progress `active`; links follow as `%%` comments.
///
/// # Example
/// ```
/// use planix::{Duration, Project, Task};
/// let mut p = Project::new("Launch", "2027-03-01T08:00:00".parse()?);
/// let a = p.add_task(Task::new("Build").with_duration(Duration::hours(16)))?;
/// let m = p.add_task(Task::new("Go live"))?;
/// p.link(a, m)?;
/// let text = planix::io::to_mermaid(&p, &p.schedule()?);
/// assert!(text.contains("Build :crit, t1, 2027-03-01 08:00, 2027-03-02 17:00"));
/// assert!(text.contains("Go live :crit, milestone, t2, 2027-03-02 17:00, 0m"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_mermaid(p: &Project, s: &Schedule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "gantt");
    let _ = writeln!(out, "    title {}", mermaid_name(p.name()));
    let _ = writeln!(out, "    dateFormat YYYY-MM-DD HH:mm");
    let _ = writeln!(out, "    axisFormat %Y-%m-%d");
    // The section being written: none yet, a top-level summary's, or the loose tasks'.
    let mut loose = None;
    for (id, num, depth) in outline(p) {
        let (Some(t), Some(st)) = (p.task(id), s.task(id)) else {
            continue;
        };
        let kind = st.kind();
        if kind == TaskKind::Summary && depth == 1 {
            let _ = writeln!(out, "    section {num} {}", mermaid_name(&t.name));
            loose = Some(false);
            continue;
        }
        if kind == TaskKind::Summary {
            continue;
        }
        if depth == 1 && loose != Some(true) {
            let _ = writeln!(out, "    section Tasks");
            loose = Some(true);
        }
        let mut tags = vec![];
        if st.is_critical() {
            tags.push("crit");
        }
        if t.progress.actual_finish.is_some() {
            tags.push("done");
        } else if t.progress.actual_start.is_some() {
            tags.push("active");
        }
        if kind == TaskKind::Milestone {
            tags.push("milestone");
        }
        let tag = if tags.is_empty() {
            String::new()
        } else {
            format!("{}, ", tags.join(", "))
        };
        let end = if kind == TaskKind::Milestone {
            "0m".to_string()
        } else {
            m_dt(st.finish())
        };
        let _ = writeln!(
            out,
            "    {} :{tag}t{}, {}, {end}",
            mermaid_name(&t.name),
            id.0,
            m_dt(st.start())
        );
    }
    let per_day = p.project_calendar().minutes_per_day();
    for d in p.dependencies() {
        let lag = if d.lag.is_zero() {
            String::new()
        } else {
            let t = lag_text(&d.lag, per_day);
            if t.starts_with('-') {
                t
            } else {
                format!("+{t}")
            }
        };
        let _ = writeln!(
            out,
            "    %% link t{} -> t{} {}{lag}",
            d.predecessor.0,
            d.successor.0,
            kind_text(d.kind)
        );
    }
    out
}

fn puml_name(s: &str) -> String {
    s.replace(['[', ']'], "").replace(['\n', '\r'], " ")
}

/// PlantUML `@startgantt` text with planix's computed days: every task `starts` and
/// `ends` on its computed days (milestones `happen`), critical tasks coloured, links as
/// `'` comments, non-working week days `closed`.
///
/// # Example
/// ```
/// use planix::{Duration, Project, Task};
/// let mut p = Project::new("Launch", "2027-03-01T08:00:00".parse()?);
/// let a = p.add_task(Task::new("Build").with_duration(Duration::hours(16)))?;
/// let text = planix::io::to_plantuml(&p, &p.schedule()?);
/// assert!(text.contains("[Build] as [T1] starts 2027-03-01 and ends 2027-03-02"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_plantuml(p: &Project, s: &Schedule) -> String {
    let mut out = String::from("@startgantt\n");
    let _ = writeln!(out, "title {}", puml_name(p.name()));
    let _ = writeln!(out, "Project starts {}", s.start().date());
    let cal = p.project_calendar();
    for (d, name) in [
        (chrono::Weekday::Mon, "monday"),
        (chrono::Weekday::Tue, "tuesday"),
        (chrono::Weekday::Wed, "wednesday"),
        (chrono::Weekday::Thu, "thursday"),
        (chrono::Weekday::Fri, "friday"),
        (chrono::Weekday::Sat, "saturday"),
        (chrono::Weekday::Sun, "sunday"),
    ] {
        if cal.week().day(d).is_empty() {
            let _ = writeln!(out, "{name} are closed");
        }
    }
    let (from, to) = (s.start().date(), s.finish().date());
    for e in cal.exceptions() {
        if e.working.is_empty() && e.to >= from && e.from <= to {
            if e.from == e.to {
                let _ = writeln!(out, "{} is closed", e.from);
            } else {
                let _ = writeln!(out, "{} to {} is closed", e.from, e.to);
            }
        }
    }
    for (id, num, _) in outline(p) {
        let (Some(t), Some(st)) = (p.task(id), s.task(id)) else {
            continue;
        };
        let name = format!("{num} {}", puml_name(&t.name));
        match st.kind() {
            TaskKind::Summary => {
                let _ = writeln!(out, "-- {name} --");
            }
            TaskKind::Milestone => {
                let _ = writeln!(
                    out,
                    "[{}] as [T{}] happens {}",
                    puml_name(&t.name),
                    id.0,
                    st.finish().date()
                );
            }
            TaskKind::Task => {
                let _ = writeln!(
                    out,
                    "[{}] as [T{}] starts {} and ends {}",
                    puml_name(&t.name),
                    id.0,
                    st.start().date(),
                    st.finish().date()
                );
                let pct = t.progress.percent_complete;
                if pct > 0 {
                    let _ = writeln!(out, "[T{}] is {pct}% completed", id.0);
                }
            }
        }
        if st.is_critical() && st.kind() != TaskKind::Summary {
            let _ = writeln!(out, "[T{}] is colored in Salmon/Red", id.0);
        }
    }
    let per_day = cal.minutes_per_day();
    for d in p.dependencies() {
        let lag = if d.lag.is_zero() {
            String::new()
        } else {
            format!(" lag {}", lag_text(&d.lag, per_day))
        };
        let _ = writeln!(
            out,
            "' link [T{}] -> [T{}] {}{lag}",
            d.predecessor.0,
            d.successor.0,
            kind_text(d.kind)
        );
    }
    out.push_str("@endgantt\n");
    out
}

/// Escapes iCalendar TEXT (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (RFC 5545 §3.1), ending in CRLF.
fn ics_line(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

fn ics_dt(d: NaiveDateTime) -> String {
    d.format("%Y%m%dT%H%M%S").to_string()
}

/// iCalendar (RFC 5545) of the plan's dates a client calendar should hold: every
/// milestone at its computed date, and every deadline. Times are floating (local, as the
/// plan's); `DTSTAMP` is the status date (else the schedule's start), so the same plan
/// gives the same bytes.
///
/// # Example
/// ```
/// use planix::{Project, Task};
/// let mut p = Project::new("Launch", "2027-03-01T08:00:00".parse()?);
/// p.add_task(Task::new("Sign-off, phase 1"))?;
/// let ics = planix::io::to_ical(&p, &p.schedule()?);
/// assert!(ics.contains("SUMMARY:Milestone: Sign-off\\, phase 1\r\n"));
/// assert!(ics.contains("DTSTART:20270301T080000\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_ical(p: &Project, s: &Schedule) -> String {
    let mut out = String::new();
    let stamp = format!("{}Z", ics_dt(p.status_date().unwrap_or(s.start())));
    ics_line(&mut out, "BEGIN:VCALENDAR");
    ics_line(&mut out, "VERSION:2.0");
    ics_line(&mut out, "PRODID:-//planix//planix//EN");
    ics_line(&mut out, "CALSCALE:GREGORIAN");
    ics_line(&mut out, &format!("X-WR-CALNAME:{}", ics_text(p.name())));
    for (id, num, _) in outline(p) {
        let (Some(t), Some(st)) = (p.task(id), s.task(id)) else {
            continue;
        };
        let mut event = |uid: String, summary: String, at: NaiveDateTime, desc: String| {
            ics_line(&mut out, "BEGIN:VEVENT");
            ics_line(&mut out, &format!("UID:{uid}"));
            ics_line(&mut out, &format!("DTSTAMP:{stamp}"));
            ics_line(&mut out, &format!("DTSTART:{}", ics_dt(at)));
            ics_line(&mut out, &format!("DTEND:{}", ics_dt(at)));
            ics_line(&mut out, &format!("SUMMARY:{}", ics_text(&summary)));
            ics_line(&mut out, &format!("DESCRIPTION:{}", ics_text(&desc)));
            ics_line(&mut out, "TRANSP:TRANSPARENT");
            ics_line(&mut out, "END:VEVENT");
        };
        if st.kind() == TaskKind::Milestone {
            let crit = if st.is_critical() { " (critical)" } else { "" };
            event(
                format!("milestone-{}@planix", id.0),
                format!("Milestone: {}", t.name),
                st.finish(),
                format!("{num} {}{crit}; planned by planix", t.name),
            );
        }
        if let Some(d) = t.deadline {
            event(
                format!("deadline-{}@planix", id.0),
                format!("Deadline: {}", t.name),
                d,
                format!("{num} {}: planned finish {}", t.name, st.finish()),
            );
        }
    }
    ics_line(&mut out, "END:VCALENDAR");
    out
}

/// A text format a plan can be written in (see [`export`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Native planix JSON.
    Json,
    /// MS Project XML (MSPDI), with MS Project's status-date rules.
    Mspdi,
    /// Mermaid `gantt`.
    Mermaid,
    /// PlantUML `@startgantt`.
    Plantuml,
    /// iCalendar: milestones and deadlines.
    Ical,
    /// The task table as CSV ([`to_csv`](super::to_csv) gives the other tables too).
    Csv,
}

crate::names::named!(ExportFormat {
    Json = "json",
    Mspdi = "mspdi",
    Mermaid = "mermaid",
    Plantuml = "plantuml",
    Ical = "ical",
    Csv = "csv",
});

impl ExportFormat {
    /// The format files with this extension hold (`json`, `xml`, `mmd`, `puml`, `ics`,
    /// `csv`; any case).
    pub fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "json" => ExportFormat::Json,
            "xml" => ExportFormat::Mspdi,
            "mmd" | "mermaid" => ExportFormat::Mermaid,
            "puml" | "plantuml" => ExportFormat::Plantuml,
            "ics" => ExportFormat::Ical,
            "csv" => ExportFormat::Csv,
            _ => return None,
        })
    }
}

/// The plan in a text format, with the dates of [`crate::control::reschedule`] (the
/// CPM honouring recorded progress; MSPDI uses MS Project's status-date rules, see
/// [`super::mspdi::to_mspdi`]).
///
/// # Errors
/// The scheduling errors (a cycle, a calendar without working time, …).
///
/// # Example
/// ```
/// use planix::io::{ExportFormat, export};
/// let p = planix::Project::new("Empty", "2027-03-01T08:00:00".parse()?);
/// assert!(export(&p, ExportFormat::Mermaid)?.starts_with("gantt\n"));
/// assert_eq!(ExportFormat::from_name("ical"), Some(ExportFormat::Ical));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn export(p: &Project, format: ExportFormat) -> Result<String, crate::Error> {
    if format == ExportFormat::Json {
        return Ok(super::to_json(p));
    }
    if format == ExportFormat::Mspdi {
        return super::mspdi::to_mspdi(p);
    }
    let s = crate::control::reschedule(p)?;
    Ok(match format {
        ExportFormat::Mermaid => to_mermaid(p, &s),
        ExportFormat::Plantuml => to_plantuml(p, &s),
        ExportFormat::Ical => to_ical(p, &s),
        ExportFormat::Csv => super::to_csv(p, &s).tasks,
        ExportFormat::Json | ExportFormat::Mspdi => String::new(),
    })
}
