//! Plain JS objects ↔ core types.

use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

use crate::errors::value_error;

pub(crate) fn from_js<T: DeserializeOwned>(v: JsValue, what: &str) -> Result<T, js_sys::Error> {
    serde_wasm_bindgen::from_value(v).map_err(|e| value_error(format!("invalid {what}: {e}")))
}

pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, js_sys::Error> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| value_error(e.to_string()))
}

pub(crate) fn datetime(s: &str) -> Result<chrono::NaiveDateTime, js_sys::Error> {
    s.parse::<chrono::NaiveDateTime>()
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .map_err(|_| {
            value_error(format!(
                "invalid date {s:?}: expected YYYY-MM-DDTHH:MM[:SS]"
            ))
        })
}
