//! `Portfolio` and `PortfolioLeveling` for JavaScript: several projects, one shared pool,
//! cross-project links; every input is the core type deserialized from the plain object.

use planix::portfolio::{CrossLink, PoolResource, Portfolio, PortfolioLeveled};
use planix::resources::LevelOptions;
use planix::simulate::SimulationOptions;
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, iso, options, to_js};
use crate::errors::core;
use crate::project::JsProject;
use crate::schedule::JsSchedule;
use crate::simulation::JsSimulation;

/// Several client projects sharing one resource pool (docs/format.md, portfolio).
#[wasm_bindgen(js_name = "Portfolio")]
pub struct JsPortfolio {
    pub(crate) inner: Portfolio,
}

fn schedules(list: &[(String, planix::Schedule)]) -> js_sys::Map {
    let m = js_sys::Map::new();
    for (k, s) in list {
        m.set(
            &JsValue::from_str(k),
            &JsValue::from(JsSchedule { inner: s.clone() }),
        );
    }
    m
}

#[wasm_bindgen(js_class = "Portfolio")]
impl JsPortfolio {
    /// An empty portfolio.
    #[wasm_bindgen(constructor)]
    pub fn new(name: Option<String>) -> JsPortfolio {
        JsPortfolio {
            inner: Portfolio::new(name.unwrap_or_default()),
        }
    }

    /// Read a portfolio document.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> Result<JsPortfolio, js_sys::Error> {
        Ok(JsPortfolio {
            inner: Portfolio::from_json(text).map_err(core)?,
        })
    }

    /// The portfolio document.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The portfolio's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The projects' keys, in portfolio order.
    pub fn projects(&self) -> Vec<String> {
        self.inner
            .projects()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// A copy of one project.
    pub fn project(&self, key: &str) -> Result<JsProject, js_sys::Error> {
        let p = self.inner.project(key).ok_or_else(|| {
            core(planix::portfolio::PortfolioError::UnknownProject {
                key: key.to_string(),
                context: "project".into(),
            })
        })?;
        Ok(JsProject { inner: p.clone() })
    }

    /// Add a copy of `project` under `key` with a priority (0–1000, default 500, core's
    /// `DEFAULT_PRIORITY`).
    #[wasm_bindgen(js_name = "addProject")]
    pub fn add_project(
        &mut self,
        key: &str,
        project: &JsProject,
        priority: Option<u16>,
    ) -> Result<(), js_sys::Error> {
        self.inner
            .add_project(
                key,
                project.inner.clone(),
                priority.unwrap_or(planix::portfolio::DEFAULT_PRIORITY),
            )
            .map_err(core)
    }

    /// Add a pool resource `{name, max_units, calendar?, availability?, leave?, role?,
    /// standard_rate?}`.
    #[wasm_bindgen(js_name = "addPoolResource")]
    pub fn add_pool_resource(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PoolResource")] resource: JsValue,
    ) -> Result<(), js_sys::Error> {
        let r: PoolResource = from_js(&resource, "pool resource")?;
        self.inner.add_pool_resource(r).map_err(core)
    }

    /// Link tasks of two projects `{predecessor: {project, task}, successor: {project,
    /// task}, kind?, lag?}`.
    pub fn link(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CrossLink")] link: JsValue,
    ) -> Result<(), js_sys::Error> {
        let l: CrossLink = from_js(&link, "cross-project link")?;
        self.inner.link(l).map_err(core)
    }

    /// Every project's schedule, cross-project links honoured: a `Map` key → `Schedule`.
    #[wasm_bindgen(unchecked_return_type = "Map<string, Schedule>")]
    pub fn schedule(&self) -> Result<js_sys::Map, js_sys::Error> {
        let s = self.inner.schedule().map_err(core)?;
        Ok(schedules(&s.projects))
    }

    /// Level across projects (`LevelOptions`); nothing is changed.
    pub fn level(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions")] opts: JsValue,
    ) -> Result<JsPortfolioLeveling, js_sys::Error> {
        let o: LevelOptions = options(&opts, "level options")?;
        Ok(JsPortfolioLeveling {
            inner: self.inner.level(&o).map_err(core)?,
        })
    }

    /// Adopt a leveling into every project (a `model` error if anything changed since).
    #[wasm_bindgen(js_name = "applyLeveling")]
    pub fn apply_leveling(&mut self, leveling: &JsPortfolioLeveling) -> Result<(), js_sys::Error> {
        self.inner.apply_leveling(&leveling.inner).map_err(core)
    }

    /// Clear every project's leveling delays.
    #[wasm_bindgen(js_name = "clearLeveling")]
    pub fn clear_leveling(&mut self) {
        self.inner.clear_leveling();
    }

    /// Monte Carlo of every project in one run (`SimulationOptions`;
    /// `resource_constrained: true` shares the pool in every iteration).
    pub fn simulate(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SimulationOptions")] opts: JsValue,
    ) -> Result<JsSimulation, js_sys::Error> {
        let o: SimulationOptions = options(&opts, "simulation options")?;
        Ok(JsSimulation {
            inner: self.inner.simulate(&o).map_err(core)?,
        })
    }

    /// Rollups per project and for the portfolio, and the pool's load by month.
    #[wasm_bindgen(unchecked_return_type = "Rollup")]
    pub fn rollup(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.rollup().map_err(core)?)
    }

    /// The shared pool's load by month across every project.
    #[wasm_bindgen(unchecked_return_type = "LoadRow[]")]
    pub fn utilisation(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.rollup().map_err(core)?.utilisation)
    }

    /// The rollup as a text table.
    #[wasm_bindgen(js_name = "rollupTable")]
    pub fn rollup_table(&self) -> Result<String, js_sys::Error> {
        Ok(self.inner.rollup().map_err(core)?.table())
    }

    /// Number of projects.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.members().len()
    }
}

/// A portfolio leveled across projects.
#[wasm_bindgen(js_name = "PortfolioLeveling")]
pub struct JsPortfolioLeveling {
    pub(crate) inner: PortfolioLeveled,
}

#[wasm_bindgen(js_class = "PortfolioLeveling")]
impl JsPortfolioLeveling {
    /// Every project's leveled schedule: a `Map` key → `Schedule`.
    #[wasm_bindgen(unchecked_return_type = "Map<string, Schedule>")]
    pub fn schedules(&self) -> js_sys::Map {
        schedules(&self.inner.projects)
    }

    /// The latest finish of any project.
    #[wasm_bindgen(getter)]
    pub fn finish(&self) -> String {
        iso(self.inner.finish())
    }

    /// Every delay (task {project, task}, name, delay, resource_name, blocked_by,
    /// competing_projects).
    #[wasm_bindgen(getter, unchecked_return_type = "PortfolioDelay[]")]
    pub fn delays(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.delays)
    }

    /// The result as JSON.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}
