//! Reading and writing project documents: native planix JSON (versioned).

mod error;
mod json;
mod table;

pub use error::IoError;
pub use json::{from_json, schedule_to_json, to_json};
pub use table::schedule_table;
