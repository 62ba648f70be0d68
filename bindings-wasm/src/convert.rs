//! Plain JS objects ↔ core types.

use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::{JsCast, JsValue};

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

/// Rejects keys a plain options object should not have (serde-wasm-bindgen ignores them).
pub(crate) fn known_keys(v: &JsValue, what: &str, known: &[&str]) -> Result<(), js_sys::Error> {
    if let Some(obj) = v.dyn_ref::<js_sys::Object>() {
        for k in js_sys::Object::keys(obj).iter() {
            let k = k.as_string().unwrap_or_default();
            if !known.contains(&k.as_str()) {
                return Err(value_error(format!(
                    "invalid {what}: unknown field {k:?}; expected one of {}",
                    known.join(", ")
                )));
            }
        }
    }
    Ok(())
}

/// Splits the progress callback `onProgress(done, total)` off an options object: the
/// rest (a shallow copy without it) and a [`planix::Watch`] that calls it; the run stops
/// when the callback returns `false` (or throws). A key that is not a function is a
/// `ValueError`.
pub(crate) fn take_progress(
    options: JsValue,
) -> Result<(JsValue, Option<planix::Watch>), js_sys::Error> {
    let Some(obj) = options.dyn_ref::<js_sys::Object>() else {
        return Ok((options, None));
    };
    let key = JsValue::from_str("onProgress");
    let f = js_sys::Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
    if f.is_undefined() {
        return Ok((options, None));
    }
    let f: js_sys::Function = f.dyn_into().map_err(|_| {
        value_error("onProgress must be a function (done, total) => boolean | void")
    })?;
    let rest = js_sys::Object::assign(&js_sys::Object::new(), obj);
    let _ = js_sys::Reflect::delete_property(&rest, &key);
    let watch = planix::Watch::new(move |done, total| {
        match f.call2(
            &JsValue::NULL,
            &JsValue::from(done as f64),
            &JsValue::from(total as f64),
        ) {
            Ok(v) => v.as_bool() != Some(false),
            Err(_) => false,
        }
    });
    Ok((rest.into(), Some(watch)))
}

/// A snake_case name read with a core `from_name`, or a ValueError listing the allowed ones.
pub(crate) fn named<T>(
    what: &str,
    s: &str,
    parse: fn(&str) -> Option<T>,
    all: &[&str],
) -> Result<T, js_sys::Error> {
    parse(s)
        .ok_or_else(|| value_error(format!("invalid {what} {s:?}; allowed: {}", all.join(", "))))
}

/// As [`named`], with the type's default when the name is absent.
pub(crate) fn opt_named<T: Default>(
    what: &str,
    s: Option<&str>,
    parse: fn(&str) -> Option<T>,
    all: &[&str],
) -> Result<T, js_sys::Error> {
    s.map_or_else(|| Ok(T::default()), |s| named(what, s, parse, all))
}

/// A `"YYYY-MM-DD"` date.
pub(crate) fn date(s: &str) -> Result<chrono::NaiveDate, js_sys::Error> {
    s.parse()
        .map_err(|_| value_error(format!("invalid date {s:?}: expected YYYY-MM-DD")))
}

/// An ISO date-time string.
pub(crate) fn iso(d: chrono::NaiveDateTime) -> String {
    d.format("%Y-%m-%dT%H:%M:%S").to_string()
}
