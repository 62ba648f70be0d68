//! `planix.Board` (work items, columns with WIP limits, backlog, sprints, flow metrics)
//! and the throughput forecasts `forecast_when`, `forecast_how_many` and
//! `forecast_cut_line`: every input is the core type read from the keywords, every
//! rule is core's.

use planix::agile::{
    self, Board, Column, Feature, Histories, ItemEdit, ItemSpec, Lane, LimitScope, Placement,
    SplitRate, SprintSpec, ThroughputOptions, WipLimit,
};
use planix::{Calendar, ResourceId};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::control::{PyTable, table};
use crate::convert::{Int, When, from_kwargs, from_py, reducer, to_py};
use crate::errors::BindingError;
use crate::project::PyProject;

/// The calendar a forecast counts days on: a `Project`'s calendar, a calendar dict in
/// the JSON shape, or core's standard calendar when absent.
fn calendar_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Calendar> {
    match obj {
        None => Ok(Calendar::standard()),
        Some(o) if o.is_none() => Ok(Calendar::standard()),
        Some(o) => match o.extract::<PyRef<'_, PyProject>>() {
            Ok(p) => Ok(p.inner.project_calendar().clone()),
            Err(_) => pythonize::depythonize(o)
                .map_err(|e| crate::errors::CalendarError::new_err(e.to_string())),
        },
    }
}

/// A calendar argument that may be absent (`None`: no calendar, every day counts).
fn opt_calendar(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Calendar>> {
    match obj {
        Some(c) if !c.is_none() => calendar_of(Some(c)).map(Some),
        _ => Ok(None),
    }
}

fn day(w: When) -> chrono::NaiveDate {
    w.0.date()
}

fn err(e: agile::AgileError) -> PyErr {
    BindingError::from(e).into()
}

/// A Trello-style board with Asana-style work items, a ranked backlog and sprints; one
/// `planix-board` JSON document (docs/format.md). Every call that records something
/// takes its time `at` and author `by`; a failed call changes nothing.
#[pyclass(name = "Board", module = "planix")]
#[derive(Clone)]
pub(crate) struct PyBoard {
    pub(crate) inner: Board,
}

#[pymethods]
impl PyBoard {
    /// An empty board.
    #[new]
    #[pyo3(signature = (name = ""))]
    fn new(name: &str) -> Self {
        Self {
            inner: Board::new(name),
        }
    }

    /// Read a `planix-board` document.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        Ok(Self {
            inner: py.detach(|| Board::from_json(text)).map_err(err)?,
        })
    }

    #[staticmethod]
    fn _from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        Self::from_json(py, text)
    }

    /// The `planix-board` document.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        reducer(py, "Board", self.inner.to_json())
    }

    fn __repr__(&self) -> String {
        format!(
            "Board({:?}: {} columns, {} items, {} in progress, {} sprints)",
            self.inner.name(),
            self.inner.columns().len(),
            self.inner.items().len(),
            self.inner.work_in_progress(),
            self.inner.sprints().len()
        )
    }

    fn __len__(&self) -> usize {
        self.inner.items().len()
    }

    /// The board's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_string()
    }

    /// The estimate unit: "points" or "hours".
    #[getter]
    fn unit<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.unit())
    }

    /// Set the estimate unit ("points" or "hours").
    fn set_unit(&mut self, unit: &Bound<'_, PyAny>) -> PyResult<()> {
        self.inner.set_unit(from_py(unit, "estimate unit")?);
        Ok(())
    }

    /// Add a column; the keywords are `Column`'s fields (`stage` "todo" (default),
    /// "doing" or "done"; `wip` {"limit", "hard"}; `split`). `name` defaults to the id.
    #[pyo3(signature = (id, name = None, **more))]
    fn add_column(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let name = name.unwrap_or(id).clone();
        let c: Column = from_kwargs(py, &[("id", id.clone()), ("name", name)], more, "column")?;
        self.inner.add_column(c).map_err(err)
    }

    /// Add a swimlane; the keywords are `Lane`'s fields (`wip`, `expedite`).
    #[pyo3(signature = (id, name = None, **more))]
    fn add_lane(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let name = name.unwrap_or(id).clone();
        let l: Lane = from_kwargs(py, &[("id", id.clone()), ("name", name)], more, "lane")?;
        self.inner.add_lane(l).map_err(err)
    }

    /// Set (or clear, with `limit=None`) the WIP limit of a "column", "lane" or
    /// "assignee"; `hard` refuses moves past it, else they pass with a warning. Returns
    /// the warning when the count is already over the new limit.
    #[pyo3(signature = (scope, name, limit = None, hard = false))]
    fn set_wip_limit<'py>(
        &mut self,
        py: Python<'py>,
        scope: &Bound<'py, PyAny>,
        name: &str,
        limit: Option<u32>,
        hard: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let scope: LimitScope = from_py(scope, "limit scope")?;
        let wip = limit.map(|limit| WipLimit { limit, hard });
        let w = self.inner.set_wip_limit(scope, name, wip).map_err(err)?;
        to_py(py, &w)
    }

    /// Add a work item to the backlog; the keywords are `ItemSpec`'s fields
    /// (`description`, `kind`, `parent`, `assignees`, `due`, `tags`, `priority`,
    /// `estimate`, `links`).
    #[pyo3(signature = (id, title, at, by = "", **more))]
    fn add_item(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        title: &Bound<'_, PyAny>,
        at: When,
        by: &str,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let s: ItemSpec = from_kwargs(
            py,
            &[("id", id.clone()), ("title", title.clone())],
            more,
            "work item",
        )?;
        self.inner.add_item(s, at.0, by).map_err(err)
    }

    /// Change an item's fields (the keywords are `ItemEdit`'s; `None` clears `parent`,
    /// `due`, `priority` or `estimate`); each change goes into its activity history.
    #[pyo3(signature = (id, at, by = "", **changes))]
    fn edit_item(
        &mut self,
        py: Python<'_>,
        id: &str,
        at: When,
        by: &str,
        changes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let e: ItemEdit = from_kwargs(py, &[], changes, "item edit")?;
        self.inner.edit_item(id, &e, at.0, by).map_err(err)
    }

    /// Comment on an item (optionally as a reply to comment number `reply_to`);
    /// returns the comment's number. `@name` mentions are extracted.
    #[pyo3(signature = (id, text, at, by = "", reply_to = None))]
    fn comment(
        &mut self,
        id: &str,
        text: &str,
        at: When,
        by: &str,
        reply_to: Option<u32>,
    ) -> PyResult<u32> {
        self.inner
            .comment(id, text, at.0, by, reply_to)
            .map_err(err)
    }

    /// Move a backlog item to position `index` (0 = top).
    fn rank_backlog(&mut self, id: &str, index: usize) -> PyResult<()> {
        self.inner.rank_backlog(id, index).map_err(err)
    }

    /// Move a card (or a backlog item onto the board) into `column`, optionally into a
    /// `lane`, `before` another card, or into the Done sub-column of a split column
    /// (`ready`). Returns the soft WIP limits passed; a hard one raises `AgileError`
    /// naming the limit and the cards holding it (`.item`, `.holders`).
    #[pyo3(signature = (id, column, at, by = "", lane = None, before = None, ready = false))]
    #[allow(clippy::too_many_arguments)]
    fn move_card<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        column: String,
        at: When,
        by: &str,
        lane: Option<String>,
        before: Option<String>,
        ready: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let to = Placement {
            column,
            lane,
            before,
            ready,
        };
        let w = self.inner.move_card(id, &to, at.0, by).map_err(err)?;
        to_py(py, &w)
    }

    /// Take a card off the board, back to the bottom of the backlog.
    // Core's name: a card move to the backlog, not a conversion.
    #[allow(clippy::wrong_self_convention)]
    #[pyo3(signature = (id, at, by = ""))]
    fn to_backlog(&mut self, id: &str, at: When, by: &str) -> PyResult<()> {
        self.inner.to_backlog(id, at.0, by).map_err(err)
    }

    /// The columns, as dicts.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.columns())
    }

    /// The swimlanes, as dicts.
    fn lanes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.lanes())
    }

    /// Every work item (with its card, comments and activity), in creation order.
    fn items(&self) -> PyResult<PyTable> {
        table(self.inner.items())
    }

    /// One work item as a dict.
    fn item<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        let it = self.inner.item(id).ok_or_else(|| {
            err(agile::AgileError::Unknown {
                kind: "item",
                id: id.to_string(),
            })
        })?;
        to_py(py, it)
    }

    /// The backlog's item ids, top first.
    fn backlog(&self) -> Vec<String> {
        self.inner.backlog().to_vec()
    }

    /// The ids of a column's cards, top first (lanes in board order).
    fn cards(&self, column: &str) -> PyResult<Vec<String>> {
        Ok(self
            .inner
            .cards(column)
            .map_err(err)?
            .into_iter()
            .map(|i| i.id.clone())
            .collect())
    }

    /// Every recorded card move, oldest first.
    fn moves(&self) -> PyResult<PyTable> {
        table(self.inner.moves())
    }

    /// Cards in progress (in a "doing" column).
    fn work_in_progress(&self) -> usize {
        self.inner.work_in_progress()
    }

    /// The board as text: one block per column with its limit and cards.
    fn text(&self) -> String {
        self.inner.text()
    }

    /// Add a planned sprint (days `start` to `end`, inclusive); the keywords are
    /// `SprintSpec`'s fields (`name`, `team`, `goal`, `capacity`).
    #[pyo3(signature = (id, start, end, **more))]
    fn add_sprint(
        &mut self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        start: When,
        end: When,
        more: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let (s, e) = (
            to_py(py, &day(start))?.into_any(),
            to_py(py, &day(end))?.into_any(),
        );
        let spec: SprintSpec = from_kwargs(
            py,
            &[("id", id.clone()), ("start", s), ("end", e)],
            more,
            "sprint",
        )?;
        self.inner.add_sprint(spec).map_err(err)
    }

    /// The sprints, as dicts (scope, committed snapshot, scope changes, state).
    fn sprints<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.sprints())
    }

    /// One sprint as a dict.
    fn sprint<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        let s = self.inner.sprint(id).ok_or_else(|| {
            err(agile::AgileError::Unknown {
                kind: "sprint",
                id: id.to_string(),
            })
        })?;
        to_py(py, s)
    }

    /// Put an item into a sprint's scope (a scope change once the sprint is active).
    #[pyo3(signature = (sprint, item, at, by = ""))]
    fn add_to_sprint(&mut self, sprint: &str, item: &str, at: When, by: &str) -> PyResult<()> {
        self.inner
            .add_to_sprint(sprint, item, at.0, by)
            .map_err(err)
    }

    /// Take an item out of a sprint's scope.
    #[pyo3(signature = (sprint, item, at, by = ""))]
    fn remove_from_sprint(&mut self, sprint: &str, item: &str, at: When, by: &str) -> PyResult<()> {
        self.inner
            .remove_from_sprint(sprint, item, at.0, by)
            .map_err(err)
    }

    /// Start a planned sprint: its scope is snapshotted as the commitment.
    fn start_sprint(&mut self, sprint: &str, at: When) -> PyResult<()> {
        self.inner.start_sprint(sprint, at.0).map_err(err)
    }

    /// Close an active sprint; its unfinished items (returned) move into `next` or
    /// back to the backlog.
    #[pyo3(signature = (sprint, at, next = None))]
    fn close_sprint(
        &mut self,
        sprint: &str,
        at: When,
        next: Option<&str>,
    ) -> PyResult<Vec<String>> {
        self.inner.close_sprint(sprint, at.0, next).map_err(err)
    }

    /// Store (or clear) a sprint's capacity, in the board's unit.
    fn set_capacity(&mut self, sprint: &str, capacity: Option<f64>) -> PyResult<()> {
        self.inner.set_capacity(sprint, capacity).map_err(err)
    }

    /// A sprint's capacity in hours from the project's resources (their calendars,
    /// availability and leave over the sprint's days) times `focus` (0–1).
    #[pyo3(signature = (sprint, project, team, focus = 1.0))]
    fn capacity(
        &self,
        sprint: &str,
        project: &PyProject,
        team: Vec<Int<u32>>,
        focus: f64,
    ) -> PyResult<f64> {
        let team: Vec<ResourceId> = team.into_iter().map(|i| ResourceId(i.0)).collect();
        self.inner
            .capacity(sprint, &project.inner, &team, focus)
            .map_err(err)
    }

    /// Lead time, cycle time and age (days) of every item at `now`.
    fn flow(&self, now: When) -> PyResult<PyTable> {
        table(&self.inner.flow(now.0))
    }

    /// Nearest-rank P50/P85/P95 of cycle and lead time over finished items.
    fn flow_percentiles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.flow_percentiles())
    }

    /// Work in progress at `now`, its age against the cycle-time percentiles.
    fn aging(&self, now: When) -> PyResult<PyTable> {
        table(&self.inner.aging(now.0))
    }

    /// Items finished per "day", "week" (default) or "month" from `start` to `end`.
    #[pyo3(signature = (start, end, period = "week"))]
    fn throughput(&self, start: When, end: When, period: &str) -> PyResult<PyTable> {
        let p = crate::resources::period(period)?;
        table(
            &self
                .inner
                .throughput(p, day(start), day(end))
                .map_err(err)?,
        )
    }

    /// Items finished per working day of `calendar` (a `Project`, a calendar dict, or
    /// the standard calendar), weekend finishes counted on the next working day: the
    /// history a forecast takes.
    #[pyo3(signature = (start, end, calendar = None))]
    fn daily_throughput(
        &self,
        start: When,
        end: When,
        calendar: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<f64>> {
        let cal = calendar_of(calendar)?;
        self.inner
            .daily_throughput(day(start), day(end), &cal)
            .map_err(err)
    }

    /// The cumulative flow diagram: one row per day, cards per column and in the
    /// backlog; `.chart()` draws it.
    fn cfd(&self, start: When, end: When) -> PyResult<PyTable> {
        let c = self.inner.cfd(day(start), day(end)).map_err(err)?;
        Ok(PyTable {
            rows: c.rows(),
            svg: Some(
                planix::render::cfd(&c, &planix::render::FlowChartOptions::default())
                    .map_err(BindingError::from)?,
            ),
        })
    }

    /// A sprint's burndown and burnup, one row per day (working days of `calendar`
    /// when given), read `as_of` a day; `.chart()` draws it. Work finished outside the
    /// sprint is in `burndown_outside`.
    #[pyo3(signature = (sprint, calendar = None, as_of = None))]
    fn burndown(
        &self,
        sprint: &str,
        calendar: Option<&Bound<'_, PyAny>>,
        as_of: Option<When>,
    ) -> PyResult<PyTable> {
        let cal = opt_calendar(calendar)?;
        let b = self
            .inner
            .burndown(sprint, cal.as_ref(), as_of.map(day))
            .map_err(err)?;
        let mut t = table(&b.days)?;
        t.svg = Some(
            planix::render::burndown(&b, &planix::render::FlowChartOptions::default())
                .map_err(BindingError::from)?,
        );
        Ok(t)
    }

    /// The items of a sprint's scope finished before it started or after it ended
    /// (not progress, not remaining).
    #[pyo3(signature = (sprint, calendar = None))]
    fn burndown_outside(
        &self,
        sprint: &str,
        calendar: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTable> {
        let cal = opt_calendar(calendar)?;
        let b = self
            .inner
            .burndown(sprint, cal.as_ref(), None)
            .map_err(err)?;
        table(&b.outside)
    }

    /// Velocity of every closed sprint with the rolling mean and sd of its team.
    fn velocity(&self) -> PyResult<PyTable> {
        table(&self.inner.velocity())
    }

    /// The board rules at `now` as findings (area "agile"); the keywords are
    /// `BoardHealthOptions`' fields (`scope_growth`, `forecasts`).
    #[pyo3(signature = (now, **options))]
    fn health<'py>(
        &self,
        py: Python<'py>,
        now: When,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let o: agile::BoardHealthOptions = from_kwargs(py, &[], options, "board health options")?;
        to_py(py, &self.inner.health(now.0, &o))
    }
}

fn histories(obj: &Bound<'_, PyAny>) -> PyResult<Vec<agile::TeamHistory>> {
    Ok(from_py::<Histories>(obj, "history")?.into_teams())
}

/// When `work` items (or points) are done, from the teams' history (a list of completed
/// work per period, or a list of {"team", "samples"}), counting periods from `start` on
/// `calendar` (a `Project`, a calendar dict, or the standard calendar). The keywords are
/// `ThroughputOptions`' fields (`trials` 10,000, `seed` 0, `cadence`). Returns
/// {"p50", "p85", "p95", "periods", "histogram", …}.
#[pyfunction]
#[pyo3(signature = (history, work, start, calendar = None, **options))]
pub(crate) fn forecast_when<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    work: f64,
    start: When,
    calendar: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (h, cal) = (histories(history)?, calendar_of(calendar)?);
    let o: ThroughputOptions = from_kwargs(py, &[], options, "forecast options")?;
    let f = py
        .detach(|| agile::forecast_when(&h, work, day(start), &cal, &o))
        .map_err(err)?;
    to_py(py, &f)
}

/// How much work is done from `start` to `end` (inclusive), from the teams' history;
/// as `forecast_when`. Returns {"p50", "p85", "p95", "mean", "periods", "trials"}.
#[pyfunction]
#[pyo3(signature = (history, start, end, calendar = None, **options))]
pub(crate) fn forecast_how_many<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    start: When,
    end: When,
    calendar: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (h, cal) = (histories(history)?, calendar_of(calendar)?);
    let o: ThroughputOptions = from_kwargs(py, &[], options, "forecast options")?;
    let f = py
        .detach(|| agile::forecast_how_many(&h, day(start), day(end), &cal, &o))
        .map_err(err)?;
    to_py(py, &f)
}

/// A multi-feature cut line: `features` in priority order as {"name", "low", "high"}
/// item counts, `split` {"low", "high"} (the factor stories split by, default none);
/// with a `deadline`, each feature's chance to make it and the P85 cut line. As
/// `forecast_when` otherwise.
#[pyfunction]
#[pyo3(signature = (history, features, start, deadline = None, split = None, calendar = None, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn forecast_cut_line<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    features: &Bound<'py, PyAny>,
    start: When,
    deadline: Option<When>,
    split: Option<&Bound<'py, PyAny>>,
    calendar: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (h, cal) = (histories(history)?, calendar_of(calendar)?);
    let fs: Vec<Feature> = from_py(features, "features")?;
    let split: SplitRate = match split {
        Some(s) if !s.is_none() => from_py(s, "split rate")?,
        _ => SplitRate::default(),
    };
    let o: ThroughputOptions = from_kwargs(py, &[], options, "forecast options")?;
    let f = py
        .detach(|| {
            agile::forecast_cut_line(&h, &fs, split, day(start), deadline.map(day), &cal, &o)
        })
        .map_err(err)?;
    to_py(py, &f)
}

/// A backlog bound to the plan: the duration distribution of `task` (a leaf of
/// `project`) from a `forecast_when` result, as {"task", "quantiles"} (P0…P100 in
/// working minutes on the task's calendar). Pass it to `Project.simulate(durations=[…])`
/// so the milestones after the task include the agile phase.
#[pyfunction]
pub(crate) fn plan_duration<'py>(
    py: Python<'py>,
    forecast: &Bound<'py, PyAny>,
    project: &PyProject,
    task: Int<u32>,
) -> PyResult<Bound<'py, PyAny>> {
    let f: agile::WhenForecast = from_py(forecast, "forecast")?;
    let d = agile::plan_duration(&f, &project.inner, planix::TaskId(task.0)).map_err(err)?;
    to_py(py, &d)
}
