//! Plain JS values ↔ core types: the one conversion every method uses.
//!
//! Data keys are the JSON documents' snake_case names (`max_schedules`, `early_start`);
//! method names are camelCase. Dates cross as ISO local date-time strings; a JS `Date`
//! is accepted wherever a date goes in (its local wall-clock time is used).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::{type_error, value_error};

/// A `Date`'s local wall-clock time as an ISO date-time string (what core reads).
fn date_text(d: &js_sys::Date) -> Option<String> {
    if d.get_time().is_nan() {
        return None;
    }
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    ))
}

/// A JS value as JSON data: `Date`s become their ISO text, whole numbers become
/// integers (so `480` fills an integer field), `undefined` members are left out (as
/// `JSON.stringify` does). Going through JSON's data model also makes every unknown key
/// visible to `deny_unknown_fields` (serde-wasm-bindgen only looks up the known ones).
fn json(v: &JsValue, at: &str, dates: &mut Dates) -> Result<serde_json::Value, js_sys::Error> {
    use serde_json::Value;
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        if !x.is_finite() {
            return Err(value_error(format!("{at}: {x} is not a finite number")));
        }
        if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_991.0 {
            return Ok(Value::from(x as i64));
        }
        return Ok(Value::from(x));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(with_seconds(s)));
    }
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        dates.found.push(dates.path.clone());
        return date_text(d)
            .map(Value::String)
            .ok_or_else(|| value_error(format!("{at}: invalid Date (its time is NaN)")));
    }
    if let Some(a) = v.dyn_ref::<js_sys::Array>() {
        return a
            .iter()
            .enumerate()
            .map(|(i, x)| {
                dates.path.push(Seg::Index(i));
                let r = json(&x, &format!("{at}[{i}]"), dates);
                dates.path.pop();
                r
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    if v.is_object() && !v.is_function() {
        let mut map = serde_json::Map::new();
        for entry in js_sys::Object::entries(v.unchecked_ref()).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let value = pair.get(1);
            if value.is_undefined() {
                continue;
            }
            let key = pair.get(0).as_string().unwrap_or_default();
            dates.path.push(Seg::Key(key.clone()));
            let x = json(&value, &format!("{at}.{key}"), dates);
            dates.path.pop();
            map.insert(key, x?);
        }
        return Ok(Value::Object(map));
    }
    Err(type_error(format!(
        "{at}: a {} cannot be read as data",
        type_of(v)
    )))
}

/// `"2027-01-04T08:00"` (a date-time without seconds, as `<input type="datetime-local">`
/// gives it) as `"2027-01-04T08:00:00"`; any other text unchanged.
fn with_seconds(mut s: String) -> String {
    let b = s.as_bytes();
    let shape = b.len() == 16
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    if shape {
        s.push_str(":00");
    }
    s
}

/// A JS value as the core type `T`; unknown keys, wrong types and bad names are a
/// `ValueError` naming them.
///
/// A JS `Date` is read as a date-time; where the field is a calendar day (an item's
/// `due`, a sprint's `start`, a risk's `next_review`), the `Date`'s local day is used:
/// when deserialization fails at a path where a `Date` was given, every `Date` at that
/// path (array indices as wildcards, so a list of items is fixed in one step) becomes its
/// `YYYY-MM-DD` and the data is read again, at most once per distinct field.
pub(crate) fn from_js<T: DeserializeOwned>(v: &JsValue, what: &str) -> Result<T, js_sys::Error> {
    let mut dates = Dates::default();
    let mut value = json(v, what, &mut dates)?;
    loop {
        let e = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(t) => return Ok(t),
            Err(e) => e,
        };
        let at = pattern(e.path().iter().filter_map(|s| match s {
            serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
            serde_path_to_error::Segment::Enum { variant } => Some(Seg::Key(variant.clone())),
            serde_path_to_error::Segment::Unknown => None,
        }));
        let (hit, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut dates.found)
            .into_iter()
            .partition(|d| pattern(d.iter().cloned()) == at);
        dates.found = rest;
        let mut fixed = false;
        for path in &hit {
            if let Some(serde_json::Value::String(s)) = lookup(&mut value, path)
                && s.len() > 10
                && s.is_char_boundary(10)
            {
                s.truncate(10);
                fixed = true;
            }
        }
        if !fixed {
            let path = e.path().to_string();
            let inner = e.into_inner();
            return Err(value_error(if path == "." {
                format!("invalid {what}: {inner}")
            } else {
                format!("invalid {what}: {path}: {inner}")
            }));
        }
    }
}

/// One step of a path into JSON data.
#[derive(Clone, PartialEq, Eq)]
enum Seg {
    Index(usize),
    Key(String),
}

/// The paths where `Date`s were read, and the path being read.
#[derive(Default)]
struct Dates {
    found: Vec<Vec<Seg>>,
    path: Vec<Seg>,
}

/// A path with its array indices wildcarded (`items[3].due` → `items[*].due`).
fn pattern(path: impl Iterator<Item = Seg>) -> Vec<Option<String>> {
    path.map(|s| match s {
        Seg::Index(_) => None,
        Seg::Key(k) => Some(k),
    })
    .collect()
}

fn lookup<'a>(v: &'a mut serde_json::Value, path: &[Seg]) -> Option<&'a mut serde_json::Value> {
    path.iter().try_fold(v, |v, s| match s {
        Seg::Index(i) => v.get_mut(*i),
        Seg::Key(k) => v.get_mut(k.as_str()),
    })
}

/// As [`from_js`], with `T::default()` for `undefined` or `null` (an omitted options object).
pub(crate) fn options<T: DeserializeOwned + Default>(
    v: &JsValue,
    what: &str,
) -> Result<T, js_sys::Error> {
    if v.is_undefined() || v.is_null() {
        Ok(T::default())
    } else {
        from_js(v, what)
    }
}

/// A core value as plain JS data: objects, plain `Array`s, numbers, strings, `null`.
/// The value is written as JSON text and parsed by the engine's `JSON.parse` (one
/// crossing of the boundary instead of one per field; 100,000 scheduled tasks convert
/// in a fraction of a second), so maps keyed by ids become objects keyed by the id's
/// text and key order is the documented one, exactly as in the JSON documents.
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, js_sys::Error> {
    let text = serde_json::to_string(v).map_err(|e| value_error(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|e| value_error(format!("{e:?}")))
}

/// A date-time argument: a `Date` or an ISO text (`"2027-01-04T08:00"`,
/// `"2027-01-04T08:00:00"` or a date alone, `"2027-01-04"`, meaning midnight).
pub(crate) fn datetime(v: &JsValue, what: &str) -> Result<NaiveDateTime, js_sys::Error> {
    if let Some(d) = v.dyn_ref::<js_sys::Date>() {
        let s = date_text(d).ok_or_else(|| value_error(format!("{what}: invalid Date")))?;
        return parse_datetime(&s, what);
    }
    match v.as_string() {
        Some(s) => parse_datetime(&s, what),
        None => Err(type_error(format!(
            "{what}: expected a Date or an ISO date-time string, got {}",
            type_of(v)
        ))),
    }
}

/// An optional date-time argument (`undefined` or `null`: none).
pub(crate) fn opt_datetime(
    v: &JsValue,
    what: &str,
) -> Result<Option<NaiveDateTime>, js_sys::Error> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        datetime(v, what).map(Some)
    }
}

/// A date argument: a `Date` (its local day) or `"YYYY-MM-DD"`.
pub(crate) fn date(v: &JsValue, what: &str) -> Result<NaiveDate, js_sys::Error> {
    if v.is_instance_of::<js_sys::Date>() {
        return datetime(v, what).map(|d| d.date());
    }
    let s = v.as_string().ok_or_else(|| {
        type_error(format!(
            "{what}: expected a Date or a \"YYYY-MM-DD\" string, got {}",
            type_of(v)
        ))
    })?;
    s.parse()
        .map_err(|_| value_error(format!("{what}: invalid date {s:?}: expected YYYY-MM-DD")))
}

fn parse_datetime(s: &str, what: &str) -> Result<NaiveDateTime, js_sys::Error> {
    s.parse::<NaiveDateTime>()
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .or_else(|_| {
            s.parse::<NaiveDate>()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
        .map_err(|_| {
            value_error(format!(
                "{what}: invalid date {s:?}: expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD"
            ))
        })
}

fn type_of(v: &JsValue) -> String {
    v.js_typeof().as_string().unwrap_or_else(|| "?".into())
}

/// An ISO date-time string (the JSON documents' format).
pub(crate) fn iso(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Ids as a plain `Array` of numbers (never a typed array: `.map` must give ids).
pub(crate) fn ids<T: Serialize>(v: &[T]) -> Result<JsValue, js_sys::Error> {
    to_js(v)
}

/// Splits the progress callback `on_progress(done, total)` off an options object: the
/// rest (a shallow copy without it) and a [`planix::Watch`] that calls it; the run stops
/// when the callback returns `false` (or throws). A key that is not a function is a
/// `ValueError`.
pub(crate) fn take_progress(
    options: &JsValue,
) -> Result<(JsValue, Option<planix::Watch>), js_sys::Error> {
    let Some(obj) = options.dyn_ref::<js_sys::Object>() else {
        return Ok((options.clone(), None));
    };
    let key = JsValue::from_str("on_progress");
    let f = js_sys::Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
    if f.is_undefined() {
        return Ok((options.clone(), None));
    }
    let f: js_sys::Function = f.dyn_into().map_err(|_| {
        value_error("on_progress must be a function (done, total) => boolean | void")
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

/// A serde name (`"fs"`, `"week"`, `"optimize"`) as the enum `T`; a bad name is a
/// `ValueError` listing the allowed ones (serde's message).
pub(crate) fn name<T: DeserializeOwned>(s: &str, what: &str) -> Result<T, js_sys::Error> {
    from_js(&JsValue::from_str(s), what)
}

/// A core table's columns as a plain object of typed arrays, one member per column, no
/// object per row: whole numbers and numbers a `Float64Array` (a gap is NaN), flags a
/// `Uint8Array`, date-times and dates a `Float64Array` of milliseconds since
/// 1970-01-01T00:00 of the plan's wall clock (read with the UTC methods of `Date`; NaN
/// for a gap), text an `Array` of strings (null for a gap), other values plain data.
pub(crate) fn columns(c: &planix::io::columns::Columns) -> Result<JsValue, js_sys::Error> {
    use planix::io::columns::{NAT, Values};
    let out = js_sys::Object::new();
    let floats = |v: &mut dyn Iterator<Item = f64>| -> JsValue {
        let data: Vec<f64> = v.collect();
        js_sys::Float64Array::from(data.as_slice()).into()
    };
    let ms = |x: i64, per: f64| if x == NAT { f64::NAN } else { x as f64 * per };
    for col in &c.columns {
        let value: JsValue = match &col.values {
            Values::Int(v) => floats(&mut v.iter().map(|&x| x as f64)),
            Values::OptInt(v) => floats(&mut v.iter().map(|x| x.map_or(f64::NAN, |x| x as f64))),
            Values::Float(v) => floats(&mut v.iter().copied()),
            Values::Bool(v) => {
                let bytes: Vec<u8> = v.iter().map(|&b| u8::from(b)).collect();
                js_sys::Uint8Array::from(bytes.as_slice()).into()
            }
            Values::DateTime(v) => floats(&mut v.iter().map(|&m| ms(m, 60_000.0))),
            Values::Date(v) => floats(&mut v.iter().map(|&d| ms(d, 86_400_000.0))),
            Values::Text(v) => v
                .iter()
                .map(|s| JsValue::from_str(s))
                .collect::<js_sys::Array>()
                .into(),
            Values::OptText(v) => v
                .iter()
                .map(|s| s.as_deref().map_or(JsValue::NULL, JsValue::from_str))
                .collect::<js_sys::Array>()
                .into(),
            Values::Category { codes, labels } => {
                let labels: Vec<JsValue> = labels.iter().map(|s| JsValue::from_str(s)).collect();
                codes
                    .iter()
                    .map(|&k| labels.get(k as usize).cloned().unwrap_or(JsValue::NULL))
                    .collect::<js_sys::Array>()
                    .into()
            }
            Values::Json(v) => to_js(v)?,
        };
        js_sys::Reflect::set(&out, &JsValue::from_str(&col.name), &value)
            .map_err(|_| value_error(format!("cannot set column {}", col.name)))?;
    }
    Ok(out.into())
}
