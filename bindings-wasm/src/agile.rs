//! `Board` and the throughput forecasts for JavaScript: every input is the core type
//! read from the plain object, every rule is core's.

use planix::agile::{
    self, Board, Column, Feature, Histories, ItemEdit, ItemSpec, Lane, LimitScope, Placement,
    SplitRate, SprintSpec, ThroughputOptions, WipLimit,
};
use planix::{Calendar, ResourceId};
use wasm_bindgen::prelude::*;

use crate::convert::{date, datetime, from_js, name, options, to_js};
use crate::errors::core;
use crate::project::JsProject;

/// The calendar a forecast counts days on: a calendar object in the JSON shape, or
/// core's standard calendar for `undefined`/`null`.
fn calendar_of(v: &JsValue) -> Result<Calendar, js_sys::Error> {
    if v.is_undefined() || v.is_null() {
        Ok(Calendar::standard())
    } else {
        from_js(v, "calendar")
    }
}

fn opt_calendar(v: &JsValue) -> Result<Option<Calendar>, js_sys::Error> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        from_js(v, "calendar").map(Some)
    }
}

fn unknown(kind: &'static str, id: &str) -> js_sys::Error {
    core(agile::AgileError::Unknown {
        kind,
        id: id.to_string(),
    })
}

/// A Trello-style board with Asana-style work items, a ranked backlog and sprints; one
/// `planix-board` JSON document (docs/format.md). Every call that records something
/// takes its time `at` (a `Date` or ISO text) and author `by`; a failed call changes
/// nothing.
#[wasm_bindgen(js_name = "Board")]
pub struct JsBoard {
    pub(crate) inner: Board,
}

#[wasm_bindgen(js_class = "Board")]
impl JsBoard {
    /// An empty board.
    #[wasm_bindgen(constructor)]
    pub fn new(name: Option<String>) -> JsBoard {
        JsBoard {
            inner: Board::new(name.unwrap_or_default()),
        }
    }

    /// Read a `planix-board` document.
    #[wasm_bindgen(js_name = "fromJson")]
    pub fn from_json(text: &str) -> Result<JsBoard, js_sys::Error> {
        Ok(JsBoard {
            inner: Board::from_json(text).map_err(core)?,
        })
    }

    /// The `planix-board` document.
    #[wasm_bindgen(js_name = "toJson")]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The board's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The estimate unit: "points" or "hours".
    #[wasm_bindgen(getter, unchecked_return_type = "EstimateUnit")]
    pub fn unit(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.unit())
    }

    /// Set the estimate unit ("points" or "hours").
    #[wasm_bindgen(js_name = "setUnit")]
    pub fn set_unit(&mut self, unit: &str) -> Result<(), js_sys::Error> {
        self.inner.set_unit(name(unit, "estimate unit")?);
        Ok(())
    }

    /// Number of work items.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.items().len()
    }

    /// Add a column `{id, name, stage?, wip?: {limit, hard?}, split?}`.
    #[wasm_bindgen(js_name = "addColumn")]
    pub fn add_column(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Column")] column: JsValue,
    ) -> Result<(), js_sys::Error> {
        let c: Column = from_js(&column, "column")?;
        self.inner.add_column(c).map_err(core)
    }

    /// Add a swimlane `{id, name, wip?, expedite?}`.
    #[wasm_bindgen(js_name = "addLane")]
    pub fn add_lane(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Lane")] lane: JsValue,
    ) -> Result<(), js_sys::Error> {
        let l: Lane = from_js(&lane, "lane")?;
        self.inner.add_lane(l).map_err(core)
    }

    /// Set (or clear, with `null`) the WIP limit `{limit, hard?}` of a "column", "lane"
    /// or "assignee". Returns the warning when the count is already over it, else null.
    #[wasm_bindgen(js_name = "setWipLimit", unchecked_return_type = "WipWarning | null")]
    pub fn set_wip_limit(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LimitScope")] scope: &str,
        target: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "WipLimit | null")] limit: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let scope: LimitScope = name(scope, "limit scope")?;
        let wip: Option<WipLimit> = from_js(&limit, "WIP limit")?;
        to_js(&self.inner.set_wip_limit(scope, target, wip).map_err(core)?)
    }

    /// Add a work item `{id, title, description?, kind?, parent?, assignees?, due?,
    /// tags?, priority?, estimate?, links?}` to the backlog.
    #[wasm_bindgen(js_name = "addItem")]
    pub fn add_item(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ItemSpec")] item: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        by: Option<String>,
    ) -> Result<(), js_sys::Error> {
        let s: ItemSpec = from_js(&item, "work item")?;
        let at = datetime(&at, "at")?;
        self.inner
            .add_item(s, at, by.as_deref().unwrap_or(""))
            .map_err(core)
    }

    /// Change an item's fields (`ItemEdit`; `null` clears parent, due, priority or
    /// estimate); each change goes into its activity history.
    #[wasm_bindgen(js_name = "editItem")]
    pub fn edit_item(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "ItemEdit")] changes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        by: Option<String>,
    ) -> Result<(), js_sys::Error> {
        let e: ItemEdit = from_js(&changes, "item edit")?;
        let at = datetime(&at, "at")?;
        self.inner
            .edit_item(id, &e, at, by.as_deref().unwrap_or(""))
            .map_err(core)
    }

    /// Comment on an item, optionally replying to comment number `replyTo`; returns the
    /// comment's number.
    pub fn comment(
        &mut self,
        id: &str,
        text: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        by: Option<String>,
        reply_to: Option<u32>,
    ) -> Result<u32, js_sys::Error> {
        let at = datetime(&at, "at")?;
        self.inner
            .comment(id, text, at, by.as_deref().unwrap_or(""), reply_to)
            .map_err(core)
    }

    /// Move a backlog item to position `index` (0 = top).
    #[wasm_bindgen(js_name = "rankBacklog")]
    pub fn rank_backlog(&mut self, id: &str, index: usize) -> Result<(), js_sys::Error> {
        self.inner.rank_backlog(id, index).map_err(core)
    }

    /// Move a card to `{column, lane?, before?, ready?}`. Returns the soft WIP limits
    /// passed; a hard one throws an `AgileError` with `item` and `holders`.
    #[wasm_bindgen(js_name = "moveCard", unchecked_return_type = "WipWarning[]")]
    pub fn move_card(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "Placement")] to: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        by: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        let p: Placement = from_js(&to, "placement")?;
        let at = datetime(&at, "at")?;
        to_js(
            &self
                .inner
                .move_card(id, &p, at, by.as_deref().unwrap_or(""))
                .map_err(core)?,
        )
    }

    /// Take a card off the board, back to the bottom of the backlog.
    // Core's name: a card move to the backlog, not a conversion.
    #[allow(clippy::wrong_self_convention)]
    #[wasm_bindgen(js_name = "toBacklog")]
    pub fn to_backlog(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        by: Option<String>,
    ) -> Result<(), js_sys::Error> {
        let at = datetime(&at, "at")?;
        self.inner
            .to_backlog(id, at, by.as_deref().unwrap_or(""))
            .map_err(core)
    }

    /// The columns.
    #[wasm_bindgen(unchecked_return_type = "Column[]")]
    pub fn columns(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.columns())
    }

    /// The swimlanes.
    #[wasm_bindgen(unchecked_return_type = "Lane[]")]
    pub fn lanes(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.lanes())
    }

    /// Every work item (with its card, comments and activity), in creation order.
    #[wasm_bindgen(unchecked_return_type = "WorkItem[]")]
    pub fn items(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.items())
    }

    /// One work item.
    #[wasm_bindgen(unchecked_return_type = "WorkItem")]
    pub fn item(&self, id: &str) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.item(id).ok_or_else(|| unknown("item", id))?)
    }

    /// The backlog's item ids, top first.
    pub fn backlog(&self) -> Vec<String> {
        self.inner.backlog().to_vec()
    }

    /// The ids of a column's cards, top first.
    pub fn cards(&self, column: &str) -> Result<Vec<String>, js_sys::Error> {
        Ok(self
            .inner
            .cards(column)
            .map_err(core)?
            .into_iter()
            .map(|i| i.id.clone())
            .collect())
    }

    /// Every recorded card move, oldest first.
    #[wasm_bindgen(unchecked_return_type = "Move[]")]
    pub fn moves(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.moves())
    }

    /// Cards in progress (in a "doing" column).
    #[wasm_bindgen(js_name = "workInProgress")]
    pub fn work_in_progress(&self) -> usize {
        self.inner.work_in_progress()
    }

    /// The board as text.
    pub fn text(&self) -> String {
        self.inner.text()
    }

    /// Add a planned sprint from day `start` to `end` (inclusive); `more` has
    /// `SprintSpec`'s other fields (`name`, `team`, `goal`, `capacity`).
    #[wasm_bindgen(js_name = "addSprint")]
    pub fn add_sprint(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Partial<SprintSpec>")] more: JsValue,
    ) -> Result<(), js_sys::Error> {
        let mut v: serde_json::Map<String, serde_json::Value> = options(&more, "sprint")?;
        v.insert("id".into(), id.into());
        v.insert("start".into(), date(&start, "start")?.to_string().into());
        v.insert("end".into(), date(&end, "end")?.to_string().into());
        let spec: SprintSpec = serde_json::from_value(serde_json::Value::Object(v))
            .map_err(|e| crate::errors::value_error(format!("invalid sprint: {e}")))?;
        self.inner.add_sprint(spec).map_err(core)
    }

    /// The sprints.
    #[wasm_bindgen(unchecked_return_type = "Sprint[]")]
    pub fn sprints(&self) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.sprints())
    }

    /// One sprint.
    #[wasm_bindgen(unchecked_return_type = "Sprint")]
    pub fn sprint(&self, id: &str) -> Result<JsValue, js_sys::Error> {
        to_js(self.inner.sprint(id).ok_or_else(|| unknown("sprint", id))?)
    }

    /// Put an item into a sprint's scope (a scope change once it is active).
    #[wasm_bindgen(js_name = "addToSprint")]
    pub fn add_to_sprint(
        &mut self,
        sprint: &str,
        item: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        by: Option<String>,
    ) -> Result<(), js_sys::Error> {
        let at = datetime(&at, "at")?;
        self.inner
            .add_to_sprint(sprint, item, at, by.as_deref().unwrap_or(""))
            .map_err(core)
    }

    /// Take an item out of a sprint's scope.
    #[wasm_bindgen(js_name = "removeFromSprint")]
    pub fn remove_from_sprint(
        &mut self,
        sprint: &str,
        item: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        by: Option<String>,
    ) -> Result<(), js_sys::Error> {
        let at = datetime(&at, "at")?;
        self.inner
            .remove_from_sprint(sprint, item, at, by.as_deref().unwrap_or(""))
            .map_err(core)
    }

    /// Start a planned sprint: its scope is snapshotted as the commitment.
    #[wasm_bindgen(js_name = "startSprint")]
    pub fn start_sprint(
        &mut self,
        sprint: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
    ) -> Result<(), js_sys::Error> {
        let at = datetime(&at, "at")?;
        self.inner.start_sprint(sprint, at).map_err(core)
    }

    /// Close an active sprint; its unfinished items (returned) move into `next` or back
    /// to the backlog.
    #[wasm_bindgen(js_name = "closeSprint")]
    pub fn close_sprint(
        &mut self,
        sprint: &str,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] at: JsValue,
        next: Option<String>,
    ) -> Result<Vec<String>, js_sys::Error> {
        let at = datetime(&at, "at")?;
        self.inner
            .close_sprint(sprint, at, next.as_deref())
            .map_err(core)
    }

    /// Store (or clear) a sprint's capacity, in the board's unit.
    #[wasm_bindgen(js_name = "setCapacity")]
    pub fn set_capacity(
        &mut self,
        sprint: &str,
        capacity: Option<f64>,
    ) -> Result<(), js_sys::Error> {
        self.inner.set_capacity(sprint, capacity).map_err(core)
    }

    /// A sprint's capacity in hours from the project's resources `team` (their
    /// calendars, availability and leave) times `focus` (0–1, default 1).
    pub fn capacity(
        &self,
        sprint: &str,
        project: &JsProject,
        team: Vec<u32>,
        focus: Option<f64>,
    ) -> Result<f64, js_sys::Error> {
        let team: Vec<ResourceId> = team.into_iter().map(ResourceId).collect();
        self.inner
            .capacity(sprint, &project.inner, &team, focus.unwrap_or(1.0))
            .map_err(core)
    }

    /// Lead time, cycle time and age (days) of every item at `now`.
    #[wasm_bindgen(unchecked_return_type = "FlowRow[]")]
    pub fn flow(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] now: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.flow(datetime(&now, "now")?))
    }

    /// Nearest-rank P50/P85/P95 of cycle and lead time.
    #[wasm_bindgen(js_name = "flowPercentiles", unchecked_return_type = "FlowPercentiles")]
    pub fn flow_percentiles(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.flow_percentiles())
    }

    /// Work in progress at `now`, its age against the cycle-time percentiles.
    #[wasm_bindgen(unchecked_return_type = "AgingRow[]")]
    pub fn aging(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] now: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.aging(datetime(&now, "now")?))
    }

    /// Items finished per "day", "week" (default) or "month" from `start` to `end`.
    #[wasm_bindgen(unchecked_return_type = "ThroughputRow[]")]
    pub fn throughput(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
        period: Option<String>,
    ) -> Result<JsValue, js_sys::Error> {
        let p: planix::resources::Period = name(period.as_deref().unwrap_or("week"), "period")?;
        to_js(
            &self
                .inner
                .throughput(p, date(&start, "start")?, date(&end, "end")?)
                .map_err(core)?,
        )
    }

    /// Items finished per working day of `calendar` (standard when omitted): the history
    /// a forecast takes.
    #[wasm_bindgen(js_name = "dailyThroughput")]
    pub fn daily_throughput(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Calendar")] calendar: JsValue,
    ) -> Result<Vec<f64>, js_sys::Error> {
        let cal = calendar_of(&calendar)?;
        self.inner
            .daily_throughput(date(&start, "start")?, date(&end, "end")?, &cal)
            .map_err(core)
    }

    /// The cumulative flow diagram: flat rows `{date, backlog, <column id>: count}`.
    #[wasm_bindgen(unchecked_return_type = "Record<string, number | string>[]")]
    pub fn cfd(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let c = self
            .inner
            .cfd(date(&start, "start")?, date(&end, "end")?)
            .map_err(core)?;
        to_js(&c.rows())
    }

    /// The cumulative flow diagram as SVG.
    #[wasm_bindgen(js_name = "cfdChart")]
    pub fn cfd_chart(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
    ) -> Result<String, js_sys::Error> {
        let c = self
            .inner
            .cfd(date(&start, "start")?, date(&end, "end")?)
            .map_err(core)?;
        planix::render::cfd(&c, &Default::default()).map_err(core)
    }

    /// A sprint's burndown and burnup rows, one per day (working days of `calendar`
    /// when given), read `asOf` a day (default: through the last day).
    #[wasm_bindgen(unchecked_return_type = "BurndownRow[]")]
    pub fn burndown(
        &self,
        sprint: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "Calendar")] calendar: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] as_of: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&self.burn(sprint, &calendar, &as_of)?.days)
    }

    /// The items of a sprint's scope finished outside it (not progress, not remaining).
    #[wasm_bindgen(js_name = "burndownOutside", unchecked_return_type = "OutsideRow[]")]
    pub fn burndown_outside(
        &self,
        sprint: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "Calendar")] calendar: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        to_js(&self.burn(sprint, &calendar, &JsValue::UNDEFINED)?.outside)
    }

    /// The sprint's burndown and burnup as SVG.
    #[wasm_bindgen(js_name = "burndownChart")]
    pub fn burndown_chart(
        &self,
        sprint: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "Calendar")] calendar: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] as_of: JsValue,
    ) -> Result<String, js_sys::Error> {
        let b = self.burn(sprint, &calendar, &as_of)?;
        planix::render::burndown(&b, &Default::default()).map_err(core)
    }

    /// Velocity of every closed sprint with its team's rolling mean and sd.
    #[wasm_bindgen(unchecked_return_type = "VelocityRow[]")]
    pub fn velocity(&self) -> Result<JsValue, js_sys::Error> {
        to_js(&self.inner.velocity())
    }

    /// The board rules at `now` as findings (`BoardHealthOptions`).
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn health(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] now: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "BoardHealthOptions")] opts: JsValue,
    ) -> Result<JsValue, js_sys::Error> {
        let o: agile::BoardHealthOptions = options(&opts, "board health options")?;
        to_js(&self.inner.health(datetime(&now, "now")?, &o))
    }
}

impl JsBoard {
    fn burn(
        &self,
        sprint: &str,
        calendar: &JsValue,
        as_of: &JsValue,
    ) -> Result<agile::Burndown, js_sys::Error> {
        let cal = opt_calendar(calendar)?;
        let as_of = if as_of.is_undefined() || as_of.is_null() {
            None
        } else {
            Some(date(as_of, "asOf")?)
        };
        self.inner
            .burndown(sprint, cal.as_ref(), as_of)
            .map_err(core)
    }
}

fn histories(v: &JsValue) -> Result<Vec<agile::TeamHistory>, js_sys::Error> {
    Ok(from_js::<Histories>(v, "history")?.into_teams())
}

/// When `work` items (or points) are done, from the teams' history (completed work per
/// period, or `[{team, samples}]`), counting from `start` on `calendar` (standard when
/// omitted); `ThroughputOptions` (`trials` 10,000, `seed` 0, `cadence`).
#[wasm_bindgen(js_name = "forecastWhen", unchecked_return_type = "WhenForecast")]
pub fn forecast_when(
    #[wasm_bindgen(unchecked_param_type = "Histories")] history: JsValue,
    work: f64,
    #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Calendar")] calendar: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ThroughputOptions")] opts: JsValue,
) -> Result<JsValue, js_sys::Error> {
    let o: ThroughputOptions = options(&opts, "forecast options")?;
    let f = agile::forecast_when(
        &histories(&history)?,
        work,
        date(&start, "start")?,
        &calendar_of(&calendar)?,
        &o,
    )
    .map_err(core)?;
    to_js(&f)
}

/// How much work is done from `start` to `end` (inclusive); as `forecastWhen`.
#[wasm_bindgen(js_name = "forecastHowMany", unchecked_return_type = "HowManyForecast")]
pub fn forecast_how_many(
    #[wasm_bindgen(unchecked_param_type = "Histories")] history: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Calendar")] calendar: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ThroughputOptions")] opts: JsValue,
) -> Result<JsValue, js_sys::Error> {
    let o: ThroughputOptions = options(&opts, "forecast options")?;
    let f = agile::forecast_how_many(
        &histories(&history)?,
        date(&start, "start")?,
        date(&end, "end")?,
        &calendar_of(&calendar)?,
        &o,
    )
    .map_err(core)?;
    to_js(&f)
}

/// A multi-feature cut line: `features` `[{name, low, high}]` in priority order, a
/// `split` rate `{low, high}` (null: none) and an optional `deadline`; as `forecastWhen`.
#[wasm_bindgen(js_name = "forecastCutLine", unchecked_return_type = "CutLine")]
pub fn forecast_cut_line(
    #[wasm_bindgen(unchecked_param_type = "Histories")] history: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Feature[]")] features: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DateInput | null")] deadline: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SplitRate | null")] split: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Calendar")] calendar: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ThroughputOptions")] opts: JsValue,
) -> Result<JsValue, js_sys::Error> {
    let fs: Vec<Feature> = from_js(&features, "features")?;
    let split: SplitRate = options(&split, "split rate")?;
    let deadline = if deadline.is_undefined() || deadline.is_null() {
        None
    } else {
        Some(date(&deadline, "deadline")?)
    };
    let o: ThroughputOptions = options(&opts, "forecast options")?;
    let f = agile::forecast_cut_line(
        &histories(&history)?,
        &fs,
        split,
        date(&start, "start")?,
        deadline,
        &calendar_of(&calendar)?,
        &o,
    )
    .map_err(core)?;
    to_js(&f)
}

/// A backlog bound to the plan: the duration distribution of `task` (a leaf of
/// `project`) from a `forecastWhen` result, as `{task, quantiles}` (P0…P100 in working
/// minutes on the task's calendar). Pass it in `simulate({durations: [...]})`.
#[wasm_bindgen(js_name = "planDuration", unchecked_return_type = "TaskDistribution")]
pub fn plan_duration(
    #[wasm_bindgen(unchecked_param_type = "WhenForecast")] forecast: JsValue,
    project: &JsProject,
    task: u32,
) -> Result<JsValue, js_sys::Error> {
    let f: agile::WhenForecast = from_js(&forecast, "forecast")?;
    to_js(&agile::plan_duration(&f, &project.inner, planix::TaskId(task)).map_err(core)?)
}
