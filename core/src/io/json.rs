//! Native planix JSON: `{"format": "planix", "version": 1, ...}`; see `docs/format.md`.

use super::IoError;
use crate::model::Project;
use crate::model::serde_doc::{FORMAT, ProjectDoc, ProjectDocRef, VERSION};
use crate::schedule::Schedule;

/// The longest project JSON text read: 4 GiB on 64-bit targets, 512 MiB on 32-bit ones
/// (wasm32), so a text past what the model could hold is refused before parsing.
#[cfg(target_pointer_width = "64")]
pub const MAX_DOCUMENT_BYTES: usize = 4 << 30;
/// The longest project JSON text read (see the 64-bit value).
#[cfg(not(target_pointer_width = "64"))]
pub const MAX_DOCUMENT_BYTES: usize = 512 << 20;

/// The two fields that say what a document is; every other field is skipped unread.
#[derive(serde::Deserialize)]
struct Envelope {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    version: Option<serde_json::Value>,
}

pub(crate) fn json_err(e: &serde_json::Error) -> IoError {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; keep the message without it.
    let message = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    IoError::Json {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Reads a project from native planix JSON (any version up to the current one).
///
/// # Errors
/// [`IoError::Json`] with line and column for malformed text or a wrong shape,
/// [`IoError::WrongFormat`], [`IoError::UnsupportedVersion`], or [`IoError::Invalid`]
/// for a well-formed document describing an invalid project (unknown ids, negative durations…).
///
/// # Example
/// ```
/// # use chrono::NaiveDate;
/// # use planix::{io, Project, Task, Duration};
/// # let mut p = Project::new("p", NaiveDate::from_ymd_opt(2027, 1, 4).unwrap().and_hms_opt(8, 0, 0).unwrap());
/// # p.add_task(Task::new("A").with_duration(Duration::hours(8)))?;
/// let text = io::to_json(&p);
/// let back = io::from_json(&text)?;
/// assert_eq!(io::to_json(&back), text);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_json(text: &str) -> Result<Project, IoError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(IoError::TooLarge {
            bytes: text.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    // A UTF-8 byte-order mark (Windows editors write one) is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // First a pass that reads only the envelope (every other field is skipped without
    // being kept), so a foreign or newer document is named as such before its shape is
    // judged; then one streaming parse into the document, whose shape errors carry line
    // and column. No intermediate `serde_json::Value` of the whole text is built.
    let env: Envelope = serde_json::from_str(text).map_err(|e| json_err(&e))?;
    let format = env
        .format
        .as_ref()
        .and_then(|f| f.as_str())
        .unwrap_or_default();
    if format != FORMAT {
        return Err(IoError::WrongFormat {
            found: format.to_string(),
        });
    }
    match env.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if (1..=u64::from(VERSION)).contains(&v) => {}
        found => {
            return Err(IoError::UnsupportedVersion {
                found: found.unwrap_or(0),
                supported: VERSION,
            });
        }
    }
    let doc: ProjectDoc = serde_json::from_str(text).map_err(|e| json_err(&e))?;
    doc.into_project().map_err(IoError::Invalid)
}

/// Writes a project as native planix JSON, pretty-printed, deterministic byte for byte.
pub fn to_json(project: &Project) -> String {
    let doc = ProjectDocRef::from(project);
    let mut s = serde_json::to_string_pretty(&doc)
        .unwrap_or_else(|_| unreachable!("project documents always serialize"));
    s.push('\n');
    s
}

/// Writes a schedule as JSON in the shape documented in `docs/format.md`.
pub fn schedule_to_json(schedule: &Schedule) -> String {
    super::ToJson::to_json(schedule)
}
