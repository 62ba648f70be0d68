//! Reading and writing project documents: native planix JSON (versioned), MS Project XML
//! ([`mspdi`]), the PSPLIB `.sm` benchmark format, the Markdown charter, closing report
//! and status report, and text exports for Mermaid, PlantUML and iCalendar.

pub mod columns;
mod error;
mod exports;
mod json;
mod markdown;
pub mod mspdi;
mod plan_csv;
pub mod psplib;
mod results;
mod table;

pub use error::IoError;
pub use exports::{ExportFormat, export, lag_text, to_ical, to_mermaid, to_plantuml};
pub use json::{MAX_DOCUMENT_BYTES, from_json, schedule_to_json, to_json};
pub use markdown::{StatusOptions, charter, closing_report, status_report};
pub use mspdi::parse_datetime;
pub use plan_csv::{CsvTables, csv_tables, from_csv, to_csv};
pub use results::{FromJson, ToJson};
pub use table::schedule_table;
