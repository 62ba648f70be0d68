//! Microsoft Project XML (MSPDI) read and write, without a JVM.
//!
//! [`from_mspdi`] reads what planix models from a file saved by MS Project 2003–2019 (or
//! written by MPXJ, ProjectLibre, …): project properties, calendars (base and derived,
//! exceptions including recurring ones, work weeks), tasks with their outline, durations
//! (elapsed ones on a 24-hour task calendar), constraints, deadlines, priorities, notes,
//! fixed costs, manual scheduling and progress, links with every lag format, resources
//! with cost rate tables and availability, assignments, and task baselines 0–10. What it
//! does not model (views, custom fields, extended attributes, GUIDs, timephased data, …)
//! is kept verbatim in [`Project::foreign`] and written back by [`to_mspdi`], so a file
//! read and written loses nothing it had.
//!
//! [`to_mspdi`] writes a project with its schedule: the computed dates and slack are
//! those of [`crate::control::reschedule`], in MSPDI's units (durations `PT8H0M0S`, lag and
//! slack in tenths of minutes).
//!
//! Lenient readings, where MS Project itself is lenient: null tasks and the project
//! summary task (UID 0) are skipped; assignments of the "unassigned" resource are
//! skipped; a summary keeps only an as-soon-as-possible or start-no-earlier-than
//! constraint; FF/SF links into a summary and cross-project links are kept verbatim
//! (not scheduled); the status date is read forward to the latest actual date.
//!
//! # Example
//! ```
//! let xml = r#"<?xml version="1.0"?>
//! <Project xmlns="http://schemas.microsoft.com/project">
//!   <Name>Launch</Name><StartDate>2027-03-01T08:00:00</StartDate><CalendarUID>1</CalendarUID>
//!   <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
//!     <WeekDays>
//!       <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
//!       <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
//!     </WeekDays></Calendar></Calendars>
//!   <Tasks>
//!     <Task><UID>1</UID><Name>Build</Name><OutlineLevel>1</OutlineLevel><Duration>PT40H0M0S</Duration></Task>
//!     <Task><UID>2</UID><Name>Go live</Name><OutlineLevel>1</OutlineLevel><Duration>PT0H0M0S</Duration>
//!       <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink></Task>
//!   </Tasks>
//! </Project>"#;
//! let p = planix::io::mspdi::from_mspdi(xml)?;
//! let s = p.schedule()?;
//! assert_eq!(s.finish().to_string(), "2027-03-05 17:00:00");
//! let back = planix::io::mspdi::from_mspdi(&planix::io::mspdi::to_mspdi(&p)?)?;
//! assert_eq!(back.schedule()?.finish(), s.finish());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod calendars;
mod read;
mod values;
mod write;
pub(crate) mod xml;

use crate::io::IoError;
use crate::model::Project;

pub use write::{to_mspdi, to_mspdi_with};

/// A date-time as MSPDI, planix's CSV tables and the CLI take it: `2018-10-18T08:00:00`
/// (seconds and fractions optional); a date alone is its midnight.
///
/// # Errors
/// The reason, for text that is not such a date.
pub fn parse_datetime(text: &str) -> Result<chrono::NaiveDateTime, String> {
    values::datetime(text)
}

/// The most calendar days one calendar's exceptions and work weeks may cover once
/// recurring exceptions are expanded (about 270 years): a file cannot make the reader
/// allocate more by declaring a long recurrence.
pub const MAX_CALENDAR_DAYS: usize = 100_000;

/// Reading state: the cursor over the source.
pub(crate) struct Ctx<'a> {
    pub(crate) cur: xml::Cursor<'a>,
}

impl Ctx<'_> {
    pub(crate) fn err(
        &self,
        element: &str,
        uid: Option<i64>,
        message: impl Into<String>,
    ) -> IoError {
        IoError::Mspdi {
            element: element.to_string(),
            uid,
            message: message.into(),
        }
    }
}

/// Reads an MS Project XML (MSPDI) document.
///
/// # Errors
/// [`IoError::Xml`] with line and column for malformed XML; [`IoError::Mspdi`] naming
/// the element and UID for what planix cannot read (a file that is not MSPDI, unknown
/// codes, duplicate UIDs, links to unknown tasks, outline levels that jump, durations
/// out of range); [`IoError::Invalid`] when the plan it describes is not valid (a
/// calendar with no working time, a dependency cycle, inconsistent progress);
/// [`IoError::TooLarge`] past [`MAX_DOCUMENT_BYTES`](crate::io::MAX_DOCUMENT_BYTES).
pub fn from_mspdi(text: &str) -> Result<Project, IoError> {
    if text.len() > crate::io::MAX_DOCUMENT_BYTES {
        return Err(IoError::TooLarge {
            bytes: text.len(),
            limit: crate::io::MAX_DOCUMENT_BYTES,
        });
    }
    read::read(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Reads MSPDI bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with its
/// byte-order mark, as MS Project may save.
///
/// # Errors
/// As [`from_mspdi`], and [`IoError::Xml`] for bytes that are not text in those encodings.
pub fn from_mspdi_bytes(bytes: &[u8]) -> Result<Project, IoError> {
    if bytes.len() > crate::io::MAX_DOCUMENT_BYTES {
        return Err(IoError::TooLarge {
            bytes: bytes.len(),
            limit: crate::io::MAX_DOCUMENT_BYTES,
        });
    }
    let utf16 = |le: bool| -> Result<String, IoError> {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| IoError::Xml {
            line: 1,
            column: 1,
            message: "invalid UTF-16 text".into(),
        })
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(true)?,
        [0xFE, 0xFF, ..] => utf16(false)?,
        _ => {
            let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            match std::str::from_utf8(b) {
                Ok(s) => return from_mspdi(s),
                Err(e) => {
                    let at = e.valid_up_to();
                    let before = &b[..at];
                    let line = before.iter().filter(|c| **c == b'\n').count() + 1;
                    let column = before.iter().rev().take_while(|c| **c != b'\n').count() + 1;
                    return Err(IoError::Xml {
                        line,
                        column,
                        message: "the file is not UTF-8 text".into(),
                    });
                }
            }
        }
    };
    from_mspdi(&text)
}

/// The status-date rules an imported file asks for: its four `Move…` calculation
/// options (kept with the project's MSPDI data), with unstarted tasks not held for the
/// status date, as MS Project schedules them. A project without them gets
/// [`RescheduleOptions::ms_project`](crate::control::RescheduleOptions::ms_project).
pub fn reschedule_options(project: &Project) -> crate::control::RescheduleOptions {
    let mut o = crate::control::RescheduleOptions::ms_project();
    for (name, xml) in xml::split_fragment(&project.foreign().project) {
        let on = xml.contains(">1<") || xml.contains(">true<");
        match name {
            "MoveCompletedEndsBack" => o.move_completed_ends_back = on,
            "MoveRemainingStartsBack" => o.move_remaining_starts_back = on,
            "MoveRemainingStartsForward" => o.move_remaining_starts_forward = on,
            "MoveCompletedEndsForward" => o.move_completed_ends_forward = on,
            _ => {}
        }
    }
    o
}

/// Whether a file's bytes look like XML rather than JSON (a byte-order mark of UTF-16,
/// or `<` as the first character after an optional UTF-8 one and whitespace), for tools
/// that pick a reader by content.
pub fn looks_like_xml(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    matches!(b, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..])
        || b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'<')
}
