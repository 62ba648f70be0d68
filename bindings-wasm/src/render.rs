//! Charts for JavaScript: SVG text from core's `render`, and the data of the common
//! Gantt widgets (frappe-gantt, gantt-task-react, dhtmlxGantt) with planix's dates.
//! `project.gantt()` and friends draw the plan (rescheduled from its progress when it
//! has a status date); `schedule.gantt(project)`, `leveling.gantt(project)` and
//! `pert.network(project)` draw a result of that project.

use planix::render;
use wasm_bindgen::prelude::*;

use crate::convert::{name, options, to_js};
use crate::errors::core;
use crate::project::JsProject;
use crate::resources::{JsCosts, JsLeveling};
use crate::risk::JsRiskRegister;
use crate::schedule::JsSchedule;
use crate::simulation::{JsPert, JsSimulation};

#[wasm_bindgen(typescript_custom_section)]
const TS_WIDGETS: &'static str = r#"
/** A task of gantt-task-react, with `Date` objects as the widget wants them. */
export type GanttTaskReactTask = Omit<WidgetTask, "start" | "end"> & { start: Date; end: Date };
/** A chart `project.chart()` draws. */
export type ChartKind = "gantt" | "network" | "heatmap" | "histogram" | "scurve" | "tornado" | "resources" | "cost";
"#;

impl JsProject {
    fn plan(&self) -> Result<planix::Schedule, js_sys::Error> {
        render::chart_schedule(&self.inner).map_err(core)
    }
}

/// `start` and `end` of each row as `Date`s (local wall-clock time, as date arguments are read).
fn with_dates(rows: &[render::WidgetTask]) -> Result<JsValue, js_sys::Error> {
    use chrono::{Datelike, Timelike};
    let v = to_js(rows)?;
    let arr: js_sys::Array = v.clone().into();
    let date = |t: chrono::NaiveDateTime| {
        js_sys::Date::new_with_year_month_day_hr_min_sec(
            t.year() as u32,
            t.month0() as i32,
            t.day() as i32,
            t.hour() as i32,
            t.minute() as i32,
            t.second() as i32,
        )
    };
    for (i, r) in rows.iter().enumerate() {
        let o = arr.get(i as u32);
        js_sys::Reflect::set(&o, &"start".into(), &date(r.start))?;
        js_sys::Reflect::set(&o, &"end".into(), &date(r.end))?;
    }
    Ok(v)
}

#[wasm_bindgen(js_class = "Project")]
impl JsProject {
    /// The Gantt chart of the plan as SVG text.
    pub fn gantt(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "GanttOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::GanttOptions = options(&opts, "Gantt options")?;
        render::gantt(&self.inner, &self.plan()?, &o).map_err(core)
    }

    /// The network diagram (activity on node) of the plan as SVG text.
    pub fn network(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "NetworkOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::NetworkOptions = options(&opts, "network options")?;
        render::network(&self.inner, &self.plan()?, &o).map_err(core)
    }

    /// One chart with default options, computing what it needs (`"heatmap"` needs a
    /// register: use `chartWithRisks`).
    pub fn chart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChartKind")] kind: &str,
    ) -> Result<String, js_sys::Error> {
        let k: render::Chart = name(kind, "chart")?;
        render::chart(&self.inner, k, None).map_err(core)
    }

    /// One chart with a risk register: the heat map, or a Monte Carlo chart with the
    /// register's open threats.
    #[wasm_bindgen(js_name = "chartWithRisks")]
    pub fn chart_with_risks(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChartKind")] kind: &str,
        register: &JsRiskRegister,
    ) -> Result<String, js_sys::Error> {
        let k: render::Chart = name(kind, "chart")?;
        render::chart(&self.inner, k, Some(&register.inner)).map_err(core)
    }

    /// The Gantt chart of the plan as text for a terminal.
    #[wasm_bindgen(js_name = "textGantt")]
    pub fn text_gantt(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TextGanttOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::TextGanttOptions = options(&opts, "text Gantt options")?;
        render::text_gantt(&self.inner, &self.plan()?, &o).map_err(core)
    }

    /// The resource histogram of the CPM schedule (work resources, weekly by default) as SVG text.
    #[wasm_bindgen(js_name = "resourceChart")]
    pub fn resource_chart(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ResourceChartOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::ResourceChartOptions = options(&opts, "resource chart options")?;
        let cpm = self.inner.schedule().map_err(core)?;
        render::loading_chart(&self.inner, &cpm, None, &o).map_err(core)
    }

    /// The plan as frappe-gantt tasks (`new Gantt(el, tasks)`).
    #[wasm_bindgen(js_name = "toFrappeGantt", unchecked_return_type = "FrappeTask[]")]
    pub fn to_frappe_gantt(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&render::frappe_gantt(&self.inner, &self.plan()?))
    }

    /// The plan as gantt-task-react tasks (`<Gantt tasks={…} />`), dates as `Date`s.
    #[wasm_bindgen(
        js_name = "toGanttTaskReact",
        unchecked_return_type = "GanttTaskReactTask[]"
    )]
    pub fn to_gantt_task_react(&self) -> Result<JsValue, js_sys::Error> {
        with_dates(&render::gantt_task_react(&self.inner, &self.plan()?))
    }

    /// The plan as dhtmlxGantt data (`gantt.parse(data)` with
    /// `gantt.config.date_format = "%Y-%m-%d %H:%i"`).
    #[wasm_bindgen(js_name = "toDhtmlxGantt", unchecked_return_type = "DhtmlxData")]
    pub fn to_dhtmlx_gantt(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&render::dhtmlx_gantt(&self.inner, &self.plan()?))
    }
}

#[wasm_bindgen(js_class = "Schedule")]
impl JsSchedule {
    /// The Gantt chart of this schedule of `project` as SVG text.
    pub fn gantt(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_optional_param_type = "GanttOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::GanttOptions = options(&opts, "Gantt options")?;
        render::gantt(&project.inner, &self.inner, &o).map_err(core)
    }

    /// The Gantt chart of this schedule of `project` as text for a terminal.
    #[wasm_bindgen(js_name = "textGantt")]
    pub fn text_gantt(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_optional_param_type = "TextGanttOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::TextGanttOptions = options(&opts, "text Gantt options")?;
        render::text_gantt(&project.inner, &self.inner, &o).map_err(core)
    }

    /// The network diagram of this schedule of `project` as SVG text.
    pub fn network(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_optional_param_type = "NetworkOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::NetworkOptions = options(&opts, "network options")?;
        render::network(&project.inner, &self.inner, &o).map_err(core)
    }
}

#[wasm_bindgen(js_class = "Leveling")]
impl JsLeveling {
    /// The Gantt chart of the leveled schedule of `project`, leveling delays drawn
    /// before the bars.
    pub fn gantt(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_optional_param_type = "GanttOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::GanttOptions = options(&opts, "Gantt options")?;
        render::leveled_gantt(&project.inner, &self.inner, &o).map_err(core)
    }

    /// The resource histogram after leveling, the CPM loading behind it in grey.
    #[wasm_bindgen(js_name = "loadingChart")]
    pub fn loading_chart(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_optional_param_type = "ResourceChartOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::ResourceChartOptions = options(&opts, "resource chart options")?;
        let p = &project.inner;
        let cpm = p.schedule().map_err(core)?;
        render::loading_chart(p, &self.inner.schedule, Some(&cpm), &o).map_err(core)
    }
}

#[wasm_bindgen(js_class = "Costs")]
impl JsCosts {
    /// Cost per period ("day", "week" by default, "month") as bars with the cumulative
    /// curve, as SVG text.
    pub fn chart(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Period")] period: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] title: Option<String>,
    ) -> Result<String, js_sys::Error> {
        let period: planix::calendar::Period = match period {
            Some(p) => name(&p, "period")?,
            None => planix::calendar::Period::default(),
        };
        let rows = self.inner.timephased(period);
        render::cost_curve(&rows, &render::CostCurveOptions { period, title }).map_err(core)
    }
}

#[wasm_bindgen(js_class = "Pert")]
impl JsPert {
    /// The network diagram of `project` with each task's PERT te and σ, as SVG text.
    pub fn network(
        &self,
        project: &JsProject,
        #[wasm_bindgen(unchecked_optional_param_type = "NetworkOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::NetworkOptions = options(&opts, "network options")?;
        let p = &project.inner;
        let s = p.schedule().map_err(core)?;
        render::pert_network(p, &s, &self.inner, &o).map_err(core)
    }
}

#[wasm_bindgen(js_class = "Simulation")]
impl JsSimulation {
    /// The finish-date histogram (cumulative curve, P-lines) as SVG text.
    #[wasm_bindgen(js_name = "histogramChart")]
    pub fn histogram_chart(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "HistogramOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::HistogramOptions = options(&opts, "histogram options")?;
        render::histogram(&self.inner, &o).map_err(core)
    }

    /// The sensitivity tornado as SVG text.
    #[wasm_bindgen(js_name = "tornadoChart")]
    pub fn tornado_chart(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "TornadoOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::TornadoOptions = options(&opts, "tornado options")?;
        render::tornado(&self.inner, &o).map_err(core)
    }
}

#[wasm_bindgen(js_class = "RiskRegister")]
impl JsRiskRegister {
    /// The heat map on the register's matrix as SVG text.
    #[wasm_bindgen(js_name = "heatmapChart")]
    pub fn heatmap_chart(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "HeatmapOptions")] opts: JsValue,
    ) -> Result<String, js_sys::Error> {
        let o: render::HeatmapOptions = options(&opts, "heat map options")?;
        render::heatmap(&self.inner, &o).map_err(core)
    }
}
