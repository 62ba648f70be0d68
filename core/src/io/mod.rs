//! Reading and writing project documents: native planix JSON (versioned), the PSPLIB
//! `.sm` benchmark format, and the Markdown charter and closing report.

mod error;
mod json;
mod markdown;
pub mod psplib;
mod table;

pub use error::IoError;
pub use json::{from_json, schedule_to_json, to_json};
pub use markdown::{charter, closing_report};
pub use table::schedule_table;
