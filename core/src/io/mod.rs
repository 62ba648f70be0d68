//! Reading and writing project documents: native planix JSON (versioned).

mod error;
mod json;

pub use error::IoError;
pub use json::{from_json, schedule_to_json, to_json};
