//! Charts for Python: `Chart` (SVG text that displays inline in Jupyter, `.save()`,
//! `.png()`), the chart methods of `Project`, and `_repr_svg_` on results.

use std::path::PathBuf;

use planix::render;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::convert::{Int, from_kwargs};
use crate::errors::BindingError;
use crate::project::PyProject;
use crate::resources::{PyCosts, PyLeveling, PyLoading};
use crate::risk::PyRiskRegister;
use crate::schedule::PySchedule;
use crate::simulation::{PyPert, PySimulation};

/// A chart as SVG: shows inline in Jupyter, `.svg` is the text, `.save(path)` writes
/// `.svg` (or `.png` by extension), `.png()` gives PNG bytes.
#[pyclass(name = "Chart", module = "planix", frozen)]
pub(crate) struct PyChart {
    pub(crate) svg: String,
}

fn chart<E: Into<planix::Error>>(r: Result<String, E>) -> PyResult<PyChart> {
    Ok(PyChart {
        svg: r.map_err(BindingError::from)?,
    })
}

#[pymethods]
impl PyChart {
    /// The SVG text.
    #[getter]
    fn svg(&self) -> &str {
        &self.svg
    }

    fn _repr_svg_(&self) -> &str {
        &self.svg
    }

    /// The chart as PNG bytes; `scale` is pixels per SVG pixel (0.1–8, default 1).
    #[pyo3(signature = (scale = None))]
    fn png<'py>(&self, py: Python<'py>, scale: Option<f64>) -> PyResult<Bound<'py, PyBytes>> {
        let scale = scale.unwrap_or(render::PngOptions::default().scale);
        let svg = &self.svg;
        let bytes = py
            .detach(|| render::png(svg, &render::PngOptions { scale }))
            .map_err(BindingError::from)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// Writes the chart to `path`: PNG (at `scale`) when it ends in `.png`, else the SVG text.
    #[pyo3(signature = (path, scale = None))]
    fn save(&self, py: Python<'_>, path: PathBuf, scale: Option<f64>) -> PyResult<()> {
        let png = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("png"));
        if png {
            let bytes = self.png(py, scale)?;
            std::fs::write(&path, bytes.as_bytes())?;
        } else {
            std::fs::write(&path, &self.svg)?;
        }
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!("Chart(svg, {} bytes)", self.svg.len())
    }
}

/// The schedule a chart draws: the given one, or the plan as [`render::chart_schedule`]
/// computes it.
fn schedule_of(
    py: Python<'_>,
    p: &planix::Project,
    s: Option<&PySchedule>,
) -> PyResult<planix::Schedule> {
    match s {
        Some(s) => Ok(s.inner.clone()),
        None => Ok(py
            .detach(|| render::chart_schedule(p))
            .map_err(BindingError::from)?),
    }
}

fn gantt_of(
    py: Python<'_>,
    p: &planix::Project,
    schedule: Option<&Bound<'_, PyAny>>,
    o: &render::GanttOptions,
) -> PyResult<PyChart> {
    if let Some(l) = schedule.and_then(|s| s.cast::<PyLeveling>().ok()) {
        let l = &l.get().inner;
        return chart(py.detach(|| render::leveled_gantt(p, l, o)));
    }
    let s: Option<PyRef<'_, PySchedule>> = schedule.map(|s| s.extract()).transpose()?;
    let s = schedule_of(py, p, s.as_deref())?;
    chart(py.detach(|| render::gantt(p, &s, o)))
}

#[pymethods]
impl PyProject {
    /// The Gantt chart of `schedule` (a `Schedule` or a `Leveling`; default: the plan,
    /// rescheduled from its progress when it has a status date). Keywords are
    /// `GanttOptions`' fields: `scale` ("day" … "year"), `px_per_day`, `max_level`,
    /// `tasks`, `critical_only`, `rows_per_page`, `page`, `critical`, `float`,
    /// `baselines`, `status_date`, `nonworking`, `resources`, `links`, `progress`,
    /// `columns`, `criticality`, `row_height`, `name_width`, `title`.
    #[pyo3(signature = (schedule = None, **options))]
    fn gantt(
        &self,
        py: Python<'_>,
        schedule: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyChart> {
        let o: render::GanttOptions = from_kwargs(py, &[], options, "Gantt options")?;
        gantt_of(py, &self.inner, schedule, &o)
    }

    /// The network diagram (activity on node: ES, EF, LS, LF, duration, total float per
    /// box), with PERT te and σ when `pert` (a `Pert`) is given. Keywords are
    /// `NetworkOptions`' fields: `summaries`, `tasks`, `critical`, `sweeps`, `title`.
    #[pyo3(signature = (schedule = None, pert = None, **options))]
    fn network(
        &self,
        py: Python<'_>,
        schedule: Option<&PySchedule>,
        pert: Option<&PyPert>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyChart> {
        let o: render::NetworkOptions = from_kwargs(py, &[], options, "network options")?;
        let p = &self.inner;
        let s = schedule_of(py, p, schedule)?;
        match pert {
            Some(pe) => {
                let pe = &pe.inner;
                chart(py.detach(|| render::pert_network(p, &s, pe, &o)))
            }
            None => chart(py.detach(|| render::network(p, &s, &o))),
        }
    }

    /// One chart with default options, computing what it needs: "gantt", "network",
    /// "heatmap" (needs `register`), "histogram", "scurve", "tornado", "resources" or
    /// "cost".
    #[pyo3(signature = (kind = "gantt", register = None))]
    fn chart(
        &self,
        py: Python<'_>,
        kind: &str,
        register: Option<&PyRiskRegister>,
    ) -> PyResult<PyChart> {
        let k = crate::convert::named(
            "chart",
            kind,
            render::Chart::from_name,
            render::Chart::NAMES,
        )?;
        let p = &self.inner;
        let r = register.map(|r| &r.inner);
        chart(py.detach(|| render::chart(p, k, r)))
    }

    /// The Gantt chart as text for a terminal (`█` critical, `▒` task, `─` float, `◆`
    /// milestone). Keywords: `width`, `max_level`, `tasks`, `critical_only`.
    #[pyo3(signature = (schedule = None, **options))]
    fn text_gantt(
        &self,
        py: Python<'_>,
        schedule: Option<&PySchedule>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<String> {
        let o: render::TextGanttOptions = from_kwargs(py, &[], options, "text Gantt options")?;
        let s = schedule_of(py, &self.inner, schedule)?;
        Ok(render::text_gantt(&self.inner, &s, &o).map_err(BindingError::from)?)
    }

    /// The plan as a pandas DataFrame for `plotly.express.timeline(df, x_start="start",
    /// x_end="finish", y="name", color="critical")`: id, wbs, name, kind, start,
    /// finish, critical, total_float_days, percent_complete, resources, level.
    #[pyo3(signature = (schedule = None))]
    fn to_plotly_timeline<'py>(
        &self,
        py: Python<'py>,
        schedule: Option<&PySchedule>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = schedule_of(py, &self.inner, schedule)?;
        let rows = render::timeline_rows(&self.inner, &s);
        crate::convert::frame(py, &planix::io::columns::Columns::from_rows(&rows, &[]))
    }
}

/// The project behind a result, or an error saying it is gone (unpickled results).
pub(crate) fn project_of<'py>(
    py: Python<'py>,
    p: &Option<Py<PyProject>>,
    what: &str,
) -> PyResult<PyRef<'py, PyProject>> {
    match p {
        Some(p) => Ok(p.bind(py).try_borrow()?),
        None => Err(crate::errors::argument_error(format!(
            "this {what} has no project (it was unpickled): draw it with Project.gantt(schedule) or Project.network(...)"
        ))),
    }
}

#[pymethods]
impl PySchedule {
    /// The Gantt chart of this schedule (keywords as `Project.gantt`).
    #[pyo3(signature = (**options))]
    fn gantt(&self, py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<PyChart> {
        let o: render::GanttOptions = from_kwargs(py, &[], options, "Gantt options")?;
        let p = project_of(py, &self.project, "schedule")?;
        let (p, s) = (&p.inner, &self.inner);
        chart(py.detach(|| render::gantt(p, s, &o)))
    }

    /// The network diagram of this schedule (keywords as `Project.network`).
    #[pyo3(signature = (**options))]
    fn network(&self, py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<PyChart> {
        let o: render::NetworkOptions = from_kwargs(py, &[], options, "network options")?;
        let p = project_of(py, &self.project, "schedule")?;
        let (p, s) = (&p.inner, &self.inner);
        chart(py.detach(|| render::network(p, s, &o)))
    }

    /// The Gantt chart as text (keywords as `Project.text_gantt`).
    #[pyo3(signature = (**options))]
    fn text_gantt(&self, py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
        let o: render::TextGanttOptions = from_kwargs(py, &[], options, "text Gantt options")?;
        let p = project_of(py, &self.project, "schedule")?;
        Ok(render::text_gantt(&p.inner, &self.inner, &o).map_err(BindingError::from)?)
    }

    fn _repr_svg_(&self, py: Python<'_>) -> Option<String> {
        let p = project_of(py, &self.project, "schedule").ok()?;
        let (p, s) = (&p.inner, &self.inner);
        py.detach(|| render::gantt(p, s, &render::GanttOptions::display()))
            .ok()
    }
}

#[pymethods]
impl PyLeveling {
    /// Every task that held the resource `task` waited for, while it waited (the full
    /// list behind a delay's "holders" count), by id.
    fn holders(&self, py: Python<'_>, task: Int<u32>) -> PyResult<Vec<u32>> {
        let p = project_of(py, &self.project, "leveling")?;
        Ok(self
            .inner
            .holders(&p.inner, planix::TaskId(task.0))
            .iter()
            .map(|t| t.0)
            .collect())
    }

    /// The Gantt chart of the leveled schedule, leveling delays drawn before the bars.
    #[pyo3(signature = (**options))]
    fn gantt(&self, py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<PyChart> {
        let o: render::GanttOptions = from_kwargs(py, &[], options, "Gantt options")?;
        let p = project_of(py, &self.project, "leveling")?;
        let (p, l) = (&p.inner, &self.inner);
        chart(py.detach(|| render::leveled_gantt(p, l, &o)))
    }

    /// The resource histogram before (grey) and after leveling. Keywords:
    /// `period` ("day", "week", "month"), `resources`, `title`.
    #[pyo3(signature = (**options))]
    fn loading_chart(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyChart> {
        let o: render::ResourceChartOptions =
            from_kwargs(py, &[], options, "resource chart options")?;
        let p = project_of(py, &self.project, "leveling")?;
        let (p, l) = (&p.inner, &self.inner);
        chart(py.detach(|| -> Result<String, planix::Error> {
            let before = p.schedule()?;
            Ok(render::loading_chart(p, &l.schedule, Some(&before), &o)?)
        }))
    }

    fn _repr_svg_(&self, py: Python<'_>) -> Option<String> {
        let p = project_of(py, &self.project, "leveling").ok()?;
        let (p, l) = (&p.inner, &self.inner);
        py.detach(|| render::leveled_gantt(p, l, &render::GanttOptions::display()))
            .ok()
    }
}

#[pymethods]
impl PySimulation {
    /// The finish-date histogram with the cumulative curve and P-lines. Keywords:
    /// `percentiles`, `title`.
    #[pyo3(signature = (**options))]
    fn histogram_chart(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyChart> {
        let o: render::HistogramOptions = from_kwargs(py, &[], options, "histogram options")?;
        chart(render::histogram(&self.inner, &o))
    }

    /// The sensitivity tornado. Keywords: `count`, `title`.
    #[pyo3(signature = (**options))]
    fn tornado_chart(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyChart> {
        let o: render::TornadoOptions = from_kwargs(py, &[], options, "tornado options")?;
        chart(render::tornado(&self.inner, &o))
    }

    fn _repr_svg_(&self, py: Python<'_>) -> Option<String> {
        self.histogram_chart(py, None).ok().map(|c| c.svg)
    }
}

#[pymethods]
impl PyPert {
    /// The network diagram with each task's te and σ (keywords as `Project.network`).
    #[pyo3(signature = (**options))]
    fn network(&self, py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<PyChart> {
        let o: render::NetworkOptions = from_kwargs(py, &[], options, "network options")?;
        let p = project_of(py, &self.project, "PERT analysis")?;
        let (p, pe) = (&p.inner, &self.inner);
        chart(py.detach(|| -> Result<String, planix::Error> {
            let s = p.schedule()?;
            Ok(render::pert_network(p, &s, pe, &o)?)
        }))
    }

    fn _repr_svg_(&self, py: Python<'_>) -> Option<String> {
        self.network(py, None).ok().map(|c| c.svg)
    }
}

#[pymethods]
impl PyRiskRegister {
    /// The heat map on the register's matrix. Keywords: `view` ("both", "inherent",
    /// "residual"), `title`.
    #[pyo3(signature = (**options))]
    fn heatmap_chart(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyChart> {
        let o: render::HeatmapOptions = from_kwargs(py, &[], options, "heat map options")?;
        chart(render::heatmap(&self.inner, &o))
    }

    fn _repr_svg_(&self, py: Python<'_>) -> Option<String> {
        self.heatmap_chart(py, None).ok().map(|c| c.svg)
    }
}

#[pymethods]
impl PyLoading {
    /// The resource histogram of this table. Keywords: `resources`, `title`.
    #[pyo3(signature = (**options))]
    fn chart(&self, py: Python<'_>, options: Option<&Bound<'_, PyDict>>) -> PyResult<PyChart> {
        let o: render::ResourceChartOptions =
            from_kwargs(py, &[], options, "resource chart options")?;
        chart(render::resource_chart(&self.rows, None, &o))
    }

    fn _repr_svg_(&self, py: Python<'_>) -> Option<String> {
        self.chart(py, None).ok().map(|c| c.svg)
    }
}

#[pymethods]
impl PyCosts {
    /// Cost per period as bars with the cumulative curve; `period` is "day", "week" or
    /// "month".
    #[pyo3(signature = (period = "week", title = None))]
    fn chart(&self, period: &str, title: Option<String>) -> PyResult<PyChart> {
        let period = crate::resources::period(period)?;
        let rows = self.inner.timephased(period);
        chart(render::cost_curve(
            &rows,
            &render::CostCurveOptions { period, title },
        ))
    }

    fn _repr_svg_(&self) -> Option<String> {
        self.chart("week", None).ok().map(|c| c.svg)
    }
}
