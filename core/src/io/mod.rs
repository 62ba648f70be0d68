//! Reading and writing project documents: native planix JSON (versioned), the PSPLIB
//! `.sm` benchmark format, and the Markdown charter, closing report and status report.

mod error;
mod json;
mod markdown;
pub mod mspdi;
pub mod psplib;
mod results;
mod table;

pub use error::IoError;
pub use json::{MAX_DOCUMENT_BYTES, from_json, schedule_to_json, to_json};
pub use markdown::{StatusOptions, charter, closing_report, status_report};
pub use results::{FromJson, ToJson};
pub use table::schedule_table;
