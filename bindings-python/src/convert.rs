//! Conversions between Python values and core types.

use chrono::NaiveDateTime;
use pyo3::prelude::*;

/// A core value as plain Python data (pythonize keeps the documented field order), with
/// every date-time text (`"2027-01-04T08:00:00"`) as a `datetime` and every date text
/// (`"2027-01-04"`) as a `date`, except in the free-text fields core names (`planix::io::columns::TEXT_FIELDS`).
pub(crate) fn to_py<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    v: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let obj =
        pythonize::pythonize(py, v).map_err(|e| crate::errors::argument_error(e.to_string()))?;
    with_dates(py, obj, None)
}

fn with_dates<'py>(
    py: Python<'py>,
    obj: Bound<'py, PyAny>,
    key: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::IntoPyObject;
    use pyo3::types::{PyDict, PyList, PyString};
    if let Ok(d) = obj.cast::<PyDict>() {
        for (k, v) in d.iter() {
            let name: Option<String> = k.extract().ok();
            let nv = with_dates(py, v, name.as_deref())?;
            d.set_item(k, nv)?;
        }
    } else if let Ok(l) = obj.cast::<PyList>() {
        for i in 0..l.len() {
            let v = l.get_item(i)?;
            l.set_item(i, with_dates(py, v, key)?)?;
        }
    } else if let Ok(s) = obj.cast::<PyString>() {
        if key.is_some_and(planix::io::columns::is_text_field) {
            return Ok(obj);
        }
        let t = s.to_cow()?;
        if t.len() == 19 && t.as_bytes().get(10) == Some(&b'T') {
            if let Ok(d) = t.parse::<NaiveDateTime>() {
                return Ok(d.into_pyobject(py)?.into_any());
            }
        } else if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
            if let Ok(d) = t.parse::<chrono::NaiveDate>() {
                return Ok(d.into_pyobject(py)?.into_any());
            }
        }
    }
    Ok(obj)
}

/// A Python value as JSON data for core's `Deserialize`: `datetime` and `date` as ISO
/// text, tuples as lists, `bool` before `int`; anything else is an `ArgumentError`
/// naming where it was found.
fn json(obj: &Bound<'_, PyAny>, at: &str) -> PyResult<serde_json::Value> {
    use pyo3::types::{
        PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple,
    };
    use serde_json::Value;
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract()?));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(crate::errors::argument_error(format!(
            "{at}: {obj} is out of range"
        )));
    }
    if obj.is_instance_of::<PyFloat>() {
        let x: f64 = obj.extract()?;
        return serde_json::Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| {
                crate::errors::argument_error(format!("{at}: {x} is not a finite number"))
            });
    }
    if obj.is_instance_of::<PyString>() {
        return Ok(Value::String(obj.extract()?));
    }
    if obj.is_instance_of::<PyDateTime>() {
        let d: NaiveDateTime = obj.extract()?;
        return Ok(Value::String(d.format("%Y-%m-%dT%H:%M:%S").to_string()));
    }
    if obj.is_instance_of::<PyDate>() {
        let d: chrono::NaiveDate = obj.extract()?;
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = if let Ok(s) = k.extract::<String>() {
                s
            } else if k.is_instance_of::<PyInt>() {
                k.to_string()
            } else {
                return Err(crate::errors::argument_error(format!(
                    "{at}: dict keys must be str, got {}",
                    k.repr()?
                )));
            };
            let x = json(&v, &format!("{at}[{key:?}]"))?;
            map.insert(key, x);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = vec![];
        for (i, x) in obj.try_iter()?.enumerate() {
            out.push(json(&x?, &format!("{at}[{i}]"))?);
        }
        return Ok(Value::Array(out));
    }
    Err(crate::errors::argument_error(format!(
        "{at}: cannot read a {} as data",
        obj.get_type().name()?
    )))
}

/// A Python value (dict, list, …) as the core type `T`; unknown keys, wrong types and
/// bad names are an `ArgumentError` naming them.
pub(crate) fn from_py<T: serde::de::DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<T> {
    serde_json::from_value(json(obj, what)?)
        .map_err(|e| crate::errors::argument_error(format!("invalid {what}: {e}")))
}

/// Keyword arguments (and the named positional ones in `fields`) as the core type `T`:
/// the keywords are the core type's field names, and its `Default` fills the rest.
pub(crate) fn from_kwargs<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    fields: &[(&str, Bound<'_, PyAny>)],
    kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    what: &str,
) -> PyResult<T> {
    let d = match kwargs {
        Some(k) => k.copy()?,
        None => pyo3::types::PyDict::new(py),
    };
    for (k, v) in fields {
        d.set_item(k, v)?;
    }
    from_py(d.as_any(), what)
}

/// A duration argument: whole working minutes (`int`) or MS Project text (`"3d"`).
pub(crate) fn duration_input(obj: &Bound<'_, PyAny>) -> PyResult<planix::DurationInput> {
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(crate::errors::argument_error(
            "a duration is an int of minutes or a text such as \"3d\", not a bool",
        ));
    }
    if let Ok(s) = obj.extract::<String>() {
        return Ok(planix::DurationInput::Text(s));
    }
    let Int(m) = obj.extract::<Int<i64>>()?;
    Ok(planix::DurationInput::Minutes(m))
}

/// A date-time argument: a `datetime`, a `date` (midnight) or ISO text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct When(pub(crate) NaiveDateTime);

impl<'a, 'py> FromPyObject<'a, 'py> for When {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(d) = obj.extract::<NaiveDateTime>() {
            return Ok(When(d));
        }
        if let Ok(d) = obj.extract::<chrono::NaiveDate>() {
            return Ok(When(d.and_time(chrono::NaiveTime::MIN)));
        }
        if let Ok(s) = obj.extract::<String>() {
            return s
                .parse::<NaiveDateTime>()
                .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M"))
                .or_else(|_| {
                    s.parse::<chrono::NaiveDate>()
                        .map(|d| d.and_time(chrono::NaiveTime::MIN))
                })
                .map(When)
                .map_err(|_| {
                    crate::errors::argument_error(format!(
                        "invalid date {s:?}: expected YYYY-MM-DDTHH:MM[:SS] or YYYY-MM-DD"
                    ))
                });
        }
        Err(crate::errors::argument_error(format!(
            "expected a datetime, a date or an ISO text, got {}",
            obj.repr()
                .map_or_else(|_| "?".to_string(), |r| r.to_string())
        )))
    }
}

/// `planix.<name>._from_json`: what `__reduce__` hands pickle.
pub(crate) fn reducer<'py>(
    py: Python<'py>,
    class: &str,
    state: String,
) -> PyResult<(Bound<'py, PyAny>, (String,))> {
    let cls = py.import("planix._native")?.getattr(class)?;
    Ok((cls.getattr("_from_json")?, (state,)))
}

/// A core table's columns as a dict of NumPy arrays (`pandas`: columns pandas takes
/// as they are), without an object per row: whole numbers int64, numbers float64,
/// flags bool, date-times datetime64[s], dates datetime64[D], whole numbers with gaps
/// a masked int64 array (pandas: nullable Int64), text a list of str (None for a gap),
/// text with few distinct values an object array (pandas: a Categorical), other values
/// plain Python data.
pub(crate) fn columns<'py>(
    py: Python<'py>,
    c: &planix::io::columns::Columns,
    for_pandas: bool,
) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
    use planix::io::columns::{NAT, Values};
    use pyo3::types::{PyByteArray, PyDict, PyList};
    let np = py.import("numpy").map_err(|_| {
        pyo3::exceptions::PyImportError::new_err("columns() needs numpy: pip install numpy")
    })?;
    // One copy into a bytearray that NumPy then shares (the array is writable).
    let frombuffer = np.getattr("frombuffer")?;
    let array = |buf: Bound<'py, PyByteArray>, dtype: &str| -> PyResult<Bound<'py, PyAny>> {
        frombuffer.call1((buf, np.getattr(dtype)?))
    };
    let out = PyDict::new(py);
    for col in &c.columns {
        let value: Bound<'py, PyAny> = match &col.values {
            Values::Int(v) => array(bytes(py, v, |x| x.to_le_bytes())?, "int64")?,
            Values::Float(v) => array(bytes(py, v, |x| x.to_le_bytes())?, "float64")?,
            Values::Bool(v) => array(bytes(py, v, |x| [u8::from(*x)])?, "bool_")?,
            Values::DateTime(v) => {
                let secs = bytes(py, v, |&m| {
                    (if m == NAT { NAT } else { m.saturating_mul(60) }).to_le_bytes()
                })?;
                array(secs, "int64")?.call_method1("view", ("datetime64[s]",))?
            }
            Values::Date(v) => array(bytes(py, v, |x| x.to_le_bytes())?, "int64")?
                .call_method1("view", ("datetime64[D]",))?,
            Values::OptInt(v) => {
                let data = array(bytes(py, v, |x| x.unwrap_or(0).to_le_bytes())?, "int64")?;
                let mask = array(bytes(py, v, |x| [u8::from(x.is_none())])?, "bool_")?;
                if for_pandas {
                    pandas(py)?
                        .getattr("arrays")?
                        .getattr("IntegerArray")?
                        .call1((data, mask))?
                } else {
                    np.getattr("ma")?
                        .getattr("MaskedArray")?
                        .call1((data, mask))?
                }
            }
            Values::Category { codes, labels } => {
                // Codes fit in int32 (at most MAX_LABELS labels), what pandas takes.
                let codes = array(bytes(py, codes, |&k| (k as i32).to_le_bytes())?, "int32")?;
                let labels = PyList::new(py, labels)?;
                if for_pandas {
                    pandas(py)?
                        .getattr("Categorical")?
                        .call_method1("from_codes", (codes, labels))?
                } else {
                    let kw = PyDict::new(py);
                    kw.set_item("dtype", "object")?;
                    np.getattr("array")?
                        .call((labels,), Some(&kw))?
                        .get_item(codes)?
                }
            }
            Values::Text(v) => PyList::new(py, v)?.into_any(),
            Values::OptText(v) => PyList::new(py, v)?.into_any(),
            Values::Json(v) => to_py(py, v)?,
        };
        out.set_item(&col.name, value)?;
    }
    Ok(out)
}

/// `values` written into one bytearray, `W` little-endian bytes each.
fn bytes<'py, T, const W: usize>(
    py: Python<'py>,
    values: &[T],
    each: impl Fn(&T) -> [u8; W],
) -> PyResult<Bound<'py, pyo3::types::PyByteArray>> {
    pyo3::types::PyByteArray::new_with(py, values.len() * W, |b| {
        for (chunk, x) in b.chunks_exact_mut(W).zip(values) {
            chunk.copy_from_slice(&each(x));
        }
        Ok(())
    })
}

/// A pandas DataFrame of a core table's [`columns`], indexed by its identifying
/// columns. Every `to_pandas` goes through here.
pub(crate) fn frame<'py>(
    py: Python<'py>,
    c: &planix::io::columns::Columns,
) -> PyResult<Bound<'py, PyAny>> {
    let pd = pandas(py)?;
    let data = columns(py, c, true)?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("copy", false)?;
    // The index is built from its columns directly (no `set_index` copy of the frame).
    let index = match c.index.as_slice() {
        [] => None,
        [one] => {
            let values = data
                .get_item(one)?
                .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(one.clone()))?;
            let ikw = pyo3::types::PyDict::new(py);
            ikw.set_item("name", one)?;
            let idx = pd.getattr("Index")?.call((values,), Some(&ikw))?;
            data.del_item(one)?;
            Some(idx)
        }
        many => {
            let arrays = pyo3::types::PyList::empty(py);
            for name in many {
                if let Some(v) = data.get_item(name)? {
                    arrays.append(v)?;
                }
                data.del_item(name)?;
            }
            let ikw = pyo3::types::PyDict::new(py);
            ikw.set_item("names", many.to_vec())?;
            Some(
                pd.getattr("MultiIndex")?
                    .call_method("from_arrays", (arrays,), Some(&ikw))?,
            )
        }
    };
    if let Some(idx) = index {
        kwargs.set_item("index", idx)?;
    }
    let names: Vec<&str> = c
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| !c.index.iter().any(|i| i == n))
        .collect();
    kwargs.set_item("columns", names)?;
    pd.getattr("DataFrame")?.call((data,), Some(&kwargs))
}

/// The pandas module, or an ImportError saying how to get it.
pub(crate) fn pandas(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("pandas").map_err(|_| {
        pyo3::exceptions::PyImportError::new_err("to_pandas() needs pandas: pip install pandas")
    })
}

/// A snake_case name read with a core `from_name`, or a ValueError listing the allowed ones.
pub(crate) fn named<T>(
    what: &str,
    s: &str,
    parse: fn(&str) -> Option<T>,
    all: &[&str],
) -> PyResult<T> {
    parse(s).ok_or_else(|| crate::errors::bad_choice(what, s, all))
}

/// An integer argument range-checked into `T`: a negative count, a 2**64 duration or a
/// non-integer raises `planix.ArgumentError` naming the value and the range (pyo3's own
/// conversion raises OverflowError or TypeError, outside the planix hierarchy).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Int<T>(pub(crate) T);

impl<'a, 'py, T> FromPyObject<'a, 'py> for Int<T>
where
    T: TryFrom<i128> + Bounds,
{
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<pyo3::types::PyBool>()
            || !obj.is_instance_of::<pyo3::types::PyInt>()
        {
            return Err(crate::errors::argument_error(format!(
                "expected an integer, got {}",
                obj.repr()
                    .map_or_else(|_| "?".to_string(), |r| r.to_string())
            )));
        }
        let out_of_range = || {
            crate::errors::argument_error(format!(
                "{} is out of range ({} to {})",
                obj.repr()
                    .map_or_else(|_| "?".to_string(), |r| r.to_string()),
                T::MIN,
                T::MAX
            ))
        };
        let wide: i128 = obj.extract().map_err(|_| out_of_range())?;
        T::try_from(wide).map(Int).map_err(|_| out_of_range())
    }
}

/// The range of an integer argument type, for the error message.
pub(crate) trait Bounds {
    /// Smallest value.
    const MIN: i128;
    /// Largest value.
    const MAX: i128;
}

macro_rules! bounds {
    ($($t:ty),*) => {$(
        impl Bounds for $t {
            const MIN: i128 = <$t>::MIN as i128;
            const MAX: i128 = <$t>::MAX as i128;
        }
    )*};
}
bounds!(u8, u16, u32, u64, usize, i32, i64);

/// Removes the `on_progress` keyword from a copy of `options` (a callable
/// `on_progress(done, total)`; returning `False` stops the run): the rest are the core
/// options' fields. An `on_progress` that is not callable is an `ArgumentError`.
pub(crate) fn split_progress<'py>(
    py: Python<'py>,
    options: Option<&Bound<'py, pyo3::types::PyDict>>,
) -> PyResult<(Bound<'py, pyo3::types::PyDict>, Option<Py<PyAny>>)> {
    let d = match options {
        Some(o) => o.copy()?,
        None => pyo3::types::PyDict::new(py),
    };
    let cb = match d.get_item("on_progress")? {
        Some(f) => {
            d.del_item("on_progress")?;
            if f.is_none() {
                None
            } else if f.is_callable() {
                Some(f.unbind())
            } else {
                return Err(crate::errors::argument_error(
                    "on_progress must be a callable (done, total) -> bool | None",
                ));
            }
        }
        None => None,
    };
    Ok((d, cb))
}

/// Runs `f` with the GIL released and a [`planix::Watch`] that stops the run when
/// Python has a pending signal (Ctrl-C in a notebook or a terminal raises
/// `KeyboardInterrupt` instead of waiting for the run to finish) or when the optional
/// `on_progress(done, total)` callable returns `False`; an exception it raises stops
/// the run and is raised to the caller.
pub(crate) fn interruptible<T: Send>(
    py: Python<'_>,
    on_progress: Option<Py<PyAny>>,
    f: impl FnOnce(planix::Watch) -> T + Send,
) -> PyResult<T> {
    use std::sync::{Arc, Mutex};
    let pending: Arc<Mutex<Option<PyErr>>> = Arc::new(Mutex::new(None));
    let slot = pending.clone();
    let watch = planix::Watch::new(move |done, total| {
        Python::attach(|py| {
            let stop = |e: PyErr| {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(e);
                }
                false
            };
            if let Err(e) = py.check_signals() {
                return stop(e);
            }
            match &on_progress {
                None => true,
                // Only an explicit False stops: None (a plain function) goes on.
                Some(cb) => match cb.call1(py, (done, total)) {
                    Ok(r) => !r.bind(py).is(pyo3::types::PyBool::new(py, false)),
                    Err(e) => stop(e),
                },
            }
        })
    });
    let out = py.detach(|| f(watch));
    let interrupted = pending.lock().ok().and_then(|mut s| s.take());
    match interrupted {
        Some(e) => Err(e),
        None => Ok(out),
    }
}
