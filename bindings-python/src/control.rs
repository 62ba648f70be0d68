//! Progress, status date, baselines, variance, earned value and earned schedule, the
//! S-curve and the DCMA check on `planix.Project`, and the `Table` result class.

use chrono::{NaiveDate, NaiveDateTime};
use planix::control::{self, EvMethod};
use planix::model::Progress;
use planix::{Duration, TaskId};
use pyo3::prelude::*;

use crate::convert::Int;

use crate::convert::to_py;
use crate::errors::BindingError;
use crate::project::PyProject;
use crate::schedule::PySchedule;

fn method(name: &str) -> PyResult<EvMethod> {
    crate::convert::named(
        "earned value method",
        name,
        EvMethod::from_name,
        EvMethod::NAMES,
    )
}

/// Rows of a table (plain dicts) with `to_pandas()`.
#[pyclass(name = "Table", module = "planix", frozen)]
pub(crate) struct PyTable {
    pub(crate) rows: Vec<serde_json::Value>,
    /// The table's chart (the S-curve's), shown inline in Jupyter.
    pub(crate) svg: Option<String>,
}

#[pymethods]
impl PyTable {
    /// The rows as a list of dicts.
    #[getter]
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.rows)
    }

    /// The rows as a pandas DataFrame.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::frame(
            py,
            &planix::io::columns::Columns::from_rows(&self.rows, &["id"]),
        )
    }

    fn __len__(&self) -> usize {
        self.rows.len()
    }

    /// The table's chart (the S-curve's), or None.
    fn chart(&self) -> Option<crate::render::PyChart> {
        self.svg.clone().map(|svg| crate::render::PyChart { svg })
    }

    fn _repr_svg_(&self) -> Option<String> {
        self.svg.clone()
    }
}

pub(crate) fn table<T: serde::Serialize>(items: &[T]) -> PyResult<PyTable> {
    let rows = items
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()
        .map_err(|e| crate::errors::argument_error(e.to_string()))?;
    Ok(PyTable { rows, svg: None })
}

#[pymethods]
impl PyProject {
    /// The status date progress is recorded at (None when not set).
    #[getter]
    fn status_date(&self) -> Option<NaiveDateTime> {
        self.inner.status_date()
    }

    /// Set (or clear, with None) the status date.
    fn set_status_date(&mut self, date: Option<NaiveDateTime>) -> PyResult<()> {
        Ok(self
            .inner
            .set_status_date(date)
            .map_err(BindingError::from)?)
    }

    /// Record a task's progress (replacing what was recorded): actual start and finish,
    /// percent complete (0–100), physical percent, remaining working minutes, actual
    /// work (hours) and actual cost.
    #[pyo3(signature = (task, *, actual_start = None, actual_finish = None, percent_complete = Int(0), physical_percent = None, remaining = None, actual_work = None, actual_cost = None))]
    #[pyo3(
        text_signature = "($self, task, *, actual_start=None, actual_finish=None, percent_complete=0, physical_percent=None, remaining=None, actual_work=None, actual_cost=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn set_progress(
        &mut self,
        task: Int<u32>,
        actual_start: Option<NaiveDateTime>,
        actual_finish: Option<NaiveDateTime>,
        percent_complete: Int<u8>,
        physical_percent: Option<Int<u8>>,
        remaining: Option<Int<i64>>,
        actual_work: Option<f64>,
        actual_cost: Option<f64>,
    ) -> PyResult<()> {
        let task = task.0;
        let percent_complete = percent_complete.0;
        let physical_percent = physical_percent.map(|v| v.0);
        let remaining = remaining.map(|v| v.0);
        let pr = Progress {
            actual_start,
            actual_finish,
            percent_complete,
            physical_percent,
            remaining: remaining.map(Duration::minutes),
            actual_work,
            actual_cost,
        };
        Ok(self
            .inner
            .edit_task(TaskId(task), |t| t.progress = pr)
            .map_err(BindingError::from)?)
    }

    /// The schedule honouring progress at the status date: finished work where it
    /// happened, remaining work from the status date. The keywords are
    /// `RescheduleOptions`' fields: MS Project's `move_completed_ends_back`,
    /// `move_remaining_starts_back`, `move_remaining_starts_forward`,
    /// `move_completed_ends_forward`, and `unstarted_after_status_date` (planix's default:
    /// the third and the last `True`; all `False` is MS Project's default).
    #[pyo3(signature = (**options))]
    fn reschedule(
        slf: PyRef<'_, Self>,
        py: Python<'_>,
        options: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<PySchedule> {
        let o: control::RescheduleOptions =
            crate::convert::from_kwargs(py, &[], options, "reschedule options")?;
        let p = &slf.inner;
        let s = py
            .detach(|| control::reschedule_with(p, &o))
            .map_err(BindingError::from)?;
        Ok(PySchedule {
            inner: s,
            project: Some(slf.into()),
        })
    }

    /// Save baseline `n` (0–10) of the plan as rescheduled now (`saved` defaults to the
    /// status date's day, else the start day).
    #[pyo3(signature = (n = Int(0), saved = None))]
    #[pyo3(text_signature = "($self, n=0, saved=None)")]
    fn save_baseline(&mut self, n: Int<u8>, saved: Option<NaiveDate>) -> PyResult<()> {
        let n = n.0;
        Ok(control::save_baseline(&mut self.inner, n, saved).map_err(BindingError::from)?)
    }

    /// Numbers of the saved baselines.
    #[getter]
    fn baselines(&self) -> Vec<u16> {
        self.inner.baselines().map(|(n, _)| u16::from(n)).collect()
    }

    /// Baseline `n` as a dict, or None.
    fn baseline<'py>(&self, py: Python<'py>, n: Int<u8>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let n = n.0;
        self.inner.baseline(n).map(|b| to_py(py, b)).transpose()
    }

    /// Variance of the rescheduled plan (or `schedule`) against baseline `n`: a dict with
    /// "finish_variance", "tasks", "slipped_tasks", "slipped_milestones".
    #[pyo3(signature = (n = Int(0), schedule = None))]
    #[pyo3(text_signature = "($self, n=0, schedule=None)")]
    fn variance<'py>(
        &self,
        py: Python<'py>,
        n: Int<u8>,
        schedule: Option<&PySchedule>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let n = n.0;
        let s = match schedule {
            Some(s) => s.inner.clone(),
            None => control::reschedule(&self.inner).map_err(BindingError::from)?,
        };
        to_py(
            py,
            &control::variance(&self.inner, &s, n).map_err(BindingError::from)?,
        )
    }

    /// Variance per task against baseline `n` as a Table (start, finish, duration, cost
    /// and work variances).
    #[pyo3(signature = (n = Int(0)))]
    #[pyo3(text_signature = "($self, n=0)")]
    fn variance_table(&self, n: Int<u8>) -> PyResult<PyTable> {
        let n = n.0;
        let s = control::reschedule(&self.inner).map_err(BindingError::from)?;
        table(
            &control::variance(&self.inner, &s, n)
                .map_err(BindingError::from)?
                .tasks,
        )
    }

    /// Earned value and earned schedule at the status date against baseline `n`:
    /// {"project": figures, "eac_bottom_up", "tasks", "earned_schedule", …}. method is
    /// "percent_complete" or "physical".
    #[pyo3(signature = (baseline = Int(0), method = "percent_complete"))]
    #[pyo3(text_signature = "($self, baseline=0, method=\"percent_complete\")")]
    fn earned_value<'py>(
        &self,
        py: Python<'py>,
        baseline: Int<u8>,
        method: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let baseline = baseline.0;
        let m = self::method(method)?;
        to_py(
            py,
            &control::earned_value(&self.inner, baseline, m).map_err(BindingError::from)?,
        )
    }

    /// Earned value per task (summaries included) as a Table.
    #[pyo3(signature = (baseline = Int(0), method = "percent_complete"))]
    #[pyo3(text_signature = "($self, baseline=0, method=\"percent_complete\")")]
    fn earned_value_table(&self, baseline: Int<u8>, method: &str) -> PyResult<PyTable> {
        let baseline = baseline.0;
        let m = self::method(method)?;
        let r = control::earned_value(&self.inner, baseline, m).map_err(BindingError::from)?;
        Ok(PyTable {
            rows: r.rows(),
            svg: None,
        })
    }

    /// The S-curve (cumulative PV, EV, AC by "day", "week" or "month") as a Table, which
    /// shows as the earned-value chart in Jupyter (`.chart()` gives it as a `Chart`).
    #[pyo3(signature = (baseline = Int(0), period = "week", method = "percent_complete"))]
    #[pyo3(text_signature = "($self, baseline=0, period=\"week\", method=\"percent_complete\")")]
    fn s_curve(&self, baseline: Int<u8>, period: &str, method: &str) -> PyResult<PyTable> {
        let baseline = baseline.0;
        let m = self::method(method)?;
        let per = crate::resources::period(period)?;
        let points = control::s_curve(&self.inner, baseline, m, per).map_err(BindingError::from)?;
        let report = control::earned_value(&self.inner, baseline, m).ok();
        let svg = planix::render::s_curve(&points, report.as_ref(), &Default::default())
            .map_err(BindingError::from)?;
        let mut t = table(&points)?;
        t.svg = Some(svg);
        Ok(t)
    }

    /// Baseline `n`'s time-phased budget by "day", "week" or "month" as a Table: one row
    /// per leaf task's own cost (resource None) and per assignment and period, with work
    /// (hours) and cost.
    #[pyo3(signature = (n = Int(0), period = "week"))]
    #[pyo3(text_signature = "($self, n=0, period=\"week\")")]
    fn baseline_timephased(&self, n: Int<u8>, period: &str) -> PyResult<PyTable> {
        let n = n.0;
        let per = crate::resources::period(period)?;
        table(&control::baseline_timephased(&self.inner, n, per).map_err(BindingError::from)?)
    }

    /// The DCMA 14-point assessment as a Table (number, name, value, unit, threshold,
    /// rule, pass, tasks); baseline metrics use `baseline` (None: baseline 0 when saved).
    #[pyo3(signature = (baseline = None))]
    fn dcma(&self, baseline: Option<Int<u8>>) -> PyResult<PyTable> {
        let baseline = baseline.map(|v| v.0);
        table(
            &control::dcma(&self.inner, baseline)
                .map_err(BindingError::from)?
                .metrics,
        )
    }
}

#[pymethods]
impl PyProject {
    /// Health findings and RAG at the status date: {"overall", "areas", "findings"}.
    /// Rules are listed in `planix.HEALTH_RULES`; `disabled` switches some off. With a
    /// `board`, its rules join in as the area "agile" (thresholds in `agile`).
    /// The keywords are `HealthOptions`' fields, with its defaults (`baseline`,
    /// `behind_days`, `spi_min`, `cpi_min`, `milestone_probability`,
    /// `simulation_iterations`, `simulation_seed`, `acceptance_days`, `disabled`).
    #[pyo3(signature = (engagement = None, risks = None, board = None, **options))]
    fn health<'py>(
        &self,
        py: Python<'py>,
        engagement: Option<&crate::client::PyEngagement>,
        risks: Option<&crate::risk::PyRiskRegister>,
        board: Option<&crate::agile::PyBoard>,
        options: Option<&Bound<'py, pyo3::types::PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let o: control::HealthOptions =
            crate::convert::from_kwargs(py, &[], options, "health options")?;
        let h = control::health_with_board(
            &self.inner,
            engagement.map(|e| &e.inner),
            risks.map(|r| &r.inner),
            board.map(|b| &b.inner),
            &o,
        )
        .map_err(BindingError::from)?;
        to_py(py, &h)
    }

    /// The client-facing status report at the status date, as Markdown.
    /// The keywords are `StatusOptions`' fields, with its defaults (`baseline`,
    /// `iterations`, `seed`).
    #[pyo3(signature = (engagement = None, risks = None, **options))]
    fn status_report(
        &self,
        py: Python<'_>,
        engagement: Option<&crate::client::PyEngagement>,
        risks: Option<&crate::risk::PyRiskRegister>,
        options: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<String> {
        let o: planix::io::StatusOptions =
            crate::convert::from_kwargs(py, &[], options, "status options")?;
        let (p, e, r) = (
            &self.inner,
            engagement.map(|e| &e.inner),
            risks.map(|r| &r.inner),
        );
        Ok(py
            .detach(|| planix::io::status_report(p, e, r, &o))
            .map_err(BindingError::from)?)
    }
}
