//! Reading and writing project documents: native planix JSON (versioned) and the PSPLIB
//! `.sm` benchmark format.

mod error;
mod json;
pub mod psplib;
mod table;

pub use error::IoError;
pub use json::{from_json, schedule_to_json, to_json};
pub use table::schedule_table;
