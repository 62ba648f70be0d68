//! Core errors → JS `Error` with `name`, `kind` and payload ids.

use wasm_bindgen::JsValue;

fn set(obj: &js_sys::Error, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error object cannot fail; ignore the impossible.
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// Builds the JS error for a core error.
pub(crate) fn to_js(e: planix::Error) -> js_sys::Error {
    let msg = e.to_string();
    // A bad argument value is a `ValueError` in JS, as the binding's own checks are.
    let (name, kind) = match e.kind() {
        "value" => ("ValueError", "value"),
        kind => (e.class_name(), kind),
    };
    let err = js_sys::Error::new(&msg);
    err.set_name(name);
    set(&err, "kind", &JsValue::from_str(kind));
    // Core's payload names the culprit: one property per field (`tasks`, `task`,
    // `resource`, `unmet`, `risk`, `row`, `column`).
    if let Ok(payload) = crate::convert::to_js(&e.payload()) {
        let payload: js_sys::Object = payload.into();
        for entry in js_sys::Object::entries(&payload).iter() {
            let pair: js_sys::Array = entry.into();
            let _ = js_sys::Reflect::set(&err, &pair.get(0), &pair.get(1));
        }
    }
    err
}

/// A bad argument shape or value (a `TypeError`-like `Error` named `ValueError`).
pub(crate) fn value_error(msg: impl std::fmt::Display) -> js_sys::Error {
    let err = js_sys::Error::new(&msg.to_string());
    err.set_name("ValueError");
    set(&err, "kind", &JsValue::from_str("value"));
    err
}

/// A JS `TypeError` (an argument of the wrong type, e.g. a number where a date goes),
/// with `kind: "value"`.
pub(crate) fn type_error(msg: impl std::fmt::Display) -> js_sys::Error {
    let err: js_sys::Error = js_sys::TypeError::new(&msg.to_string()).into();
    set(&err, "kind", &JsValue::from_str("value"));
    err
}

pub(crate) fn core<E: Into<planix::Error>>(e: E) -> js_sys::Error {
    to_js(e.into())
}
