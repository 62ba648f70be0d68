//! Conversions between Python values and core types.

use chrono::NaiveDateTime;
use planix::{Constraint, Duration, Lag, LinkKind};
use pyo3::prelude::*;

use crate::errors::bad_choice;

pub(crate) fn link_kind(s: &str) -> PyResult<LinkKind> {
    Ok(match s {
        "fs" => LinkKind::Fs,
        "ss" => LinkKind::Ss,
        "ff" => LinkKind::Ff,
        "sf" => LinkKind::Sf,
        _ => return Err(bad_choice("link kind", s, &["fs", "ss", "ff", "sf"])),
    })
}

pub(crate) fn lag(minutes: i64, kind: &str) -> PyResult<Lag> {
    Ok(match kind {
        "working" => Lag::Working(Duration::minutes(minutes)),
        "elapsed" => Lag::Elapsed(Duration::minutes(minutes)),
        "percent" => {
            Lag::Percent(i32::try_from(minutes).map_err(|_| {
                bad_choice("percent lag", &minutes.to_string(), &["a 32-bit integer"])
            })?)
        }
        _ => {
            return Err(bad_choice(
                "lag kind",
                kind,
                &["working", "elapsed", "percent"],
            ));
        }
    })
}

pub(crate) fn constraint(kind: &str, date: Option<NaiveDateTime>) -> PyResult<Constraint> {
    let need = |d: Option<NaiveDateTime>| {
        d.ok_or_else(|| crate::errors::argument_error(format!("constraint {kind:?} needs a date")))
    };
    Ok(match kind {
        "asap" => Constraint::Asap,
        "alap" => Constraint::Alap,
        "snet" => Constraint::Snet(need(date)?),
        "snlt" => Constraint::Snlt(need(date)?),
        "fnet" => Constraint::Fnet(need(date)?),
        "fnlt" => Constraint::Fnlt(need(date)?),
        "mso" => Constraint::Mso(need(date)?),
        "mfo" => Constraint::Mfo(need(date)?),
        _ => {
            return Err(bad_choice(
                "constraint",
                kind,
                &["asap", "alap", "snet", "snlt", "fnet", "fnlt", "mso", "mfo"],
            ));
        }
    })
}

pub(crate) fn to_py<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    v: &T,
) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, v).map_err(|e| crate::errors::argument_error(e.to_string()))
}

pub(crate) fn distribution(name: &str, lambda: f64) -> PyResult<planix::Distribution> {
    planix::Distribution::from_name(name, lambda).ok_or_else(|| {
        crate::errors::bad_choice("distribution", name, &planix::Distribution::NAMES)
    })
}

/// The pandas module, or an ImportError saying how to get it.
pub(crate) fn pandas(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("pandas").map_err(|_| {
        pyo3::exceptions::PyImportError::new_err("to_pandas() needs pandas: pip install pandas")
    })
}

/// Refuses a dict key outside `allowed` (a typo must not be silently ignored).
pub(crate) fn known_keys(
    d: &Bound<'_, pyo3::types::PyDict>,
    allowed: &[&str],
    what: &str,
) -> PyResult<()> {
    for k in d.keys() {
        let k: String = k.extract()?;
        if !allowed.contains(&k.as_str()) {
            return Err(crate::errors::bad_choice(
                &format!("{what} key"),
                &k,
                allowed,
            ));
        }
    }
    Ok(())
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

/// Runs `f` with the GIL released and a [`planix::Watch`] that stops the run when
/// Python has a pending signal: Ctrl-C in a notebook or a terminal raises
/// `KeyboardInterrupt` instead of waiting for the run to finish.
pub(crate) fn interruptible<T: Send>(
    py: Python<'_>,
    f: impl FnOnce(planix::Watch) -> T + Send,
) -> PyResult<T> {
    use std::sync::{Arc, Mutex};
    let pending: Arc<Mutex<Option<PyErr>>> = Arc::new(Mutex::new(None));
    let slot = pending.clone();
    let watch = planix::Watch::new(move |_, _| {
        Python::attach(|py| match py.check_signals() {
            Ok(()) => true,
            Err(e) => {
                if let Ok(mut s) = slot.lock() {
                    *s = Some(e);
                }
                false
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
