//! `planix.Portfolio` and `planix.PortfolioLeveling`: several projects, one shared pool,
//! cross-project links; schedule, level, adopt, simulate and roll up (all in core).

use std::collections::BTreeMap;

use planix::portfolio::{CrossLink, PoolResource, Portfolio, PortfolioLeveled};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::control::{PyTable, table};
use crate::convert::{from_kwargs, reducer, to_py};
use crate::errors::BindingError;
use crate::project::PyProject;
use crate::schedule::PySchedule;
use crate::simulation::PySimulation;

/// Several client projects sharing one resource pool (see `docs/format.md`, portfolio).
#[pyclass(name = "Portfolio", module = "planix")]
#[derive(Clone)]
pub(crate) struct PyPortfolio {
    pub(crate) inner: Portfolio,
}

fn schedules(list: &[(String, planix::Schedule)]) -> BTreeMap<String, PySchedule> {
    list.iter()
        .map(|(k, s)| {
            (
                k.clone(),
                PySchedule {
                    inner: s.clone(),
                    project: None,
                },
            )
        })
        .collect()
}

#[pymethods]
impl PyPortfolio {
    /// An empty portfolio.
    #[new]
    #[pyo3(signature = (name = ""))]
    fn new(name: &str) -> Self {
        Self {
            inner: Portfolio::new(name),
        }
    }

    /// Read a portfolio document.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        Ok(Self {
            inner: Portfolio::from_json(text).map_err(BindingError::from)?,
        })
    }

    /// The portfolio document (versioned, each project as its planix JSON).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The portfolio's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The projects' keys, in portfolio order.
    fn projects(&self) -> Vec<String> {
        self.inner
            .projects()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// A copy of one project.
    fn project(&self, key: &str) -> PyResult<PyProject> {
        let p = self.inner.project(key).ok_or_else(|| {
            BindingError::from(planix::portfolio::PortfolioError::UnknownProject {
                key: key.to_string(),
                context: "project".into(),
            })
        })?;
        Ok(PyProject { inner: p.clone() })
    }

    /// Add a project (a copy of it) under `key` with a priority (0–1000, higher gets
    /// the shared resources first).
    #[pyo3(signature = (key, project, priority = planix::portfolio::DEFAULT_PRIORITY))]
    fn add_project(&mut self, key: &str, project: &PyProject, priority: u16) -> PyResult<()> {
        Ok(self
            .inner
            .add_project(key, project.inner.clone(), priority)
            .map_err(BindingError::from)?)
    }

    /// Add a pool resource; the keywords are `PoolResource`'s fields (`max_units`,
    /// default 1, `calendar`, `availability`, `leave`, `role`, `standard_rate`).
    #[pyo3(signature = (name, max_units = None, **more))]
    fn add_pool_resource(
        &mut self,
        py: Python<'_>,
        name: &Bound<'_, PyAny>,
        max_units: Option<&Bound<'_, PyAny>>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let mut fields = vec![("name", name.clone())];
        if let Some(u) = max_units.filter(|u| !u.is_none()) {
            fields.push(("max_units", u.clone()));
        }
        let r: PoolResource = from_kwargs(py, &fields, more, "pool resource")?;
        Ok(self
            .inner
            .add_pool_resource(r)
            .map_err(BindingError::from)?)
    }

    /// Link `(project, task)` to `(project, task)`; `kind` "fs" (default), "ss", "ff"
    /// or "sf"; `lag` in working minutes.
    #[pyo3(signature = (predecessor, successor, kind = "fs", lag = 0))]
    fn link(
        &mut self,
        py: Python<'_>,
        predecessor: (String, u32),
        successor: (String, u32),
        kind: &str,
        lag: i64,
    ) -> PyResult<()> {
        let spec = serde_json::json!({
            "predecessor": {"project": predecessor.0, "task": predecessor.1},
            "successor": {"project": successor.0, "task": successor.1},
            "kind": kind,
            "lag": lag,
        });
        let d = to_py(py, &spec)?;
        let d = d.cast::<PyDict>()?;
        let l: CrossLink = from_kwargs(py, &[], Some(d), "cross-project link")?;
        Ok(self.inner.link(l).map_err(BindingError::from)?)
    }

    /// Every project's schedule, cross-project links honoured, as {key: Schedule}.
    fn schedule(&self) -> PyResult<BTreeMap<String, PySchedule>> {
        let s = self.inner.schedule().map_err(BindingError::from)?;
        Ok(schedules(&s.projects))
    }

    /// Level across projects against the shared pool; the keywords are
    /// `LevelOptions`' fields. Returns a `PortfolioLeveling` (nothing is changed).
    #[pyo3(signature = (**options))]
    fn level(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyPortfolioLeveling> {
        let (options, on_progress) = crate::convert::split_progress(py, options)?;
        let mut o: planix::resources::LevelOptions =
            from_kwargs(py, &[], Some(&options), "level options")?;
        let pf = &self.inner;
        let r = crate::convert::interruptible(py, on_progress, |w| {
            o.watch = Some(w);
            pf.level(&o)
        })?
        .map_err(BindingError::from)?;
        Ok(PyPortfolioLeveling { inner: r })
    }

    /// Adopt a `PortfolioLeveling` into every project (raises ModelError if anything
    /// changed since).
    fn apply_leveling(&mut self, leveling: &PyPortfolioLeveling) -> PyResult<()> {
        Ok(self
            .inner
            .apply_leveling(&leveling.inner)
            .map_err(BindingError::from)?)
    }

    /// Clear every project's leveling delays.
    fn clear_leveling(&mut self) {
        self.inner.clear_leveling();
    }

    /// Monte Carlo of every project in one run (each project's estimates and risks);
    /// the keywords are `SimulationOptions`' fields (`resource_constrained=True` shares
    /// the pool in every iteration). Milestones "<key> finish" give each project's dates.
    #[pyo3(signature = (**options))]
    fn simulate(
        &self,
        py: Python<'_>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PySimulation> {
        let (options, on_progress) = crate::convert::split_progress(py, options)?;
        let mut o: planix::simulate::SimulationOptions =
            from_kwargs(py, &[], Some(&options), "simulation options")?;
        let pf = &self.inner;
        let r = crate::convert::interruptible(py, on_progress, |w| {
            o.watch = Some(w);
            pf.simulate(&o)
        })?
        .map_err(BindingError::from)?;
        Ok(PySimulation { inner: r })
    }

    /// One row per project and one for the portfolio (finish vs baseline, cost, EVM,
    /// health, top risks); `.to_pandas()` for a DataFrame.
    fn rollup(&self) -> PyResult<PyTable> {
        let r = self.inner.rollup().map_err(BindingError::from)?;
        table(&r.projects)
    }

    /// The shared pool's load by month across every project.
    fn utilisation(&self) -> PyResult<PyTable> {
        let r = self.inner.rollup().map_err(BindingError::from)?;
        table(&r.utilisation)
    }

    /// The rollup as a text table.
    fn rollup_table(&self) -> PyResult<String> {
        Ok(self.inner.rollup().map_err(BindingError::from)?.table())
    }

    fn __len__(&self) -> usize {
        self.inner.members().len()
    }

    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Self::from_json(text)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reducer(py, "Portfolio", self.inner.to_json())
    }
}

/// A portfolio leveled across projects.
#[pyclass(name = "PortfolioLeveling", module = "planix")]
#[derive(Clone)]
pub(crate) struct PyPortfolioLeveling {
    pub(crate) inner: PortfolioLeveled,
}

#[pymethods]
impl PyPortfolioLeveling {
    /// Every project's leveled schedule, as {key: Schedule}.
    fn schedules(&self) -> BTreeMap<String, PySchedule> {
        schedules(&self.inner.projects)
    }

    /// The latest finish of any project.
    #[getter]
    fn finish(&self) -> chrono::NaiveDateTime {
        self.inner.finish()
    }

    /// Every delay: task (project, task), name, delay (minutes), resource_name,
    /// blocked_by and competing_projects, as dicts.
    #[getter]
    fn delays<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.delays)
    }

    /// The result as JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
}
