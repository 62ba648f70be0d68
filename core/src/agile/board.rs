//! The board (Trello's model): columns, swimlanes, WIP limits and moves.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::error::{AgileError, LimitScope};
use super::item::{Activity, ActivityKind, Card, Comment, ItemEdit, ItemSpec, WorkItem, mentions};
use super::sprint::Sprint;

/// The document format name of a board file.
pub const FORMAT: &str = "planix-board";
/// The document version written.
pub const VERSION: u32 = 1;
/// Most work items on one board.
pub const MAX_ITEMS: usize = 1_000_000;
/// The gap between neighbouring card ranks when a column is renumbered.
const RANK_GAP: u64 = 1 << 20;

/// Where a column sits in the flow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum Stage {
    /// Not started ("To do", "Ready").
    #[default]
    Todo,
    /// In progress: entering it starts the cycle time.
    Doing,
    /// Finished: entering it ends the cycle and lead time.
    Done,
}

crate::names::named!(Stage {
    Todo = "todo",
    Doing = "doing",
    Done = "done",
});

/// The unit of estimates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum EstimateUnit {
    /// Story points (the default).
    #[default]
    Points,
    /// Hours.
    Hours,
}

crate::names::named!(EstimateUnit {
    Points = "points",
    Hours = "hours",
});

/// A WIP limit: at most `limit` cards. A hard limit refuses the move that would pass
/// it ([`AgileError::WipLimit`]); a soft one lets it through with a [`WipWarning`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct WipLimit {
    /// Most cards.
    pub limit: u32,
    /// Refuse (true) or warn (false, the default).
    #[serde(default)]
    pub hard: bool,
}

impl WipLimit {
    /// A soft limit.
    pub fn soft(limit: u32) -> Self {
        WipLimit { limit, hard: false }
    }
    /// A hard limit.
    pub fn hard(limit: u32) -> Self {
        WipLimit { limit, hard: true }
    }
}

/// A board column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Column {
    /// Unique id.
    pub id: String,
    /// Name shown.
    pub name: String,
    /// Where it sits in the flow.
    #[serde(default)]
    pub stage: Stage,
    /// Its WIP limit (cards of both sub-columns when split; cards of an exempt lane do
    /// not count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wip: Option<WipLimit>,
    /// Split into Doing and Done sub-columns (a card in Done is ready to pull).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub split: bool,
}

impl Column {
    /// A column with an id, a name and a stage.
    pub fn new(id: impl Into<String>, name: impl Into<String>, stage: Stage) -> Self {
        Column {
            id: id.into(),
            name: name.into(),
            stage,
            wip: None,
            split: false,
        }
    }
    /// With a WIP limit.
    pub fn with_wip(mut self, wip: WipLimit) -> Self {
        self.wip = Some(wip);
        self
    }
    /// Split into Doing/Done sub-columns.
    pub fn split(mut self) -> Self {
        self.split = true;
        self
    }
}

/// A swimlane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Lane {
    /// Unique id.
    pub id: String,
    /// Name shown.
    pub name: String,
    /// Its WIP limit (cards of the lane in columns that are not done).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wip: Option<WipLimit>,
    /// An expedite lane: its cards do not count toward column limits.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expedite: bool,
}

impl Lane {
    /// A lane.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Lane {
            id: id.into(),
            name: name.into(),
            wip: None,
            expedite: false,
        }
    }
    /// With a WIP limit.
    pub fn with_wip(mut self, wip: WipLimit) -> Self {
        self.wip = Some(wip);
        self
    }
    /// As an expedite lane, exempt from column limits.
    pub fn expedite(mut self) -> Self {
        self.expedite = true;
        self
    }
}

/// One recorded card move (the data of flow metrics). `from`/`to` `None` is the backlog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Move {
    /// The item.
    pub item: String,
    /// When.
    pub at: NaiveDateTime,
    /// Who.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// The column it left.
    pub from: Option<String>,
    /// The column it entered.
    pub to: Option<String>,
    /// The lane it is in after the move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<String>,
    /// Into the Done sub-column of a split column.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ready: bool,
}

/// Where to put a card: column, lane, position and sub-column.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Placement {
    /// The column id.
    pub column: String,
    /// The lane (default: where the card is, else the first lane, else none).
    pub lane: Option<String>,
    /// Put it just before this card of the column (default: at the bottom).
    pub before: Option<String>,
    /// Into the Done sub-column of a split column.
    pub ready: bool,
}

impl Placement {
    /// At the bottom of a column.
    pub fn column(column: impl Into<String>) -> Self {
        Placement {
            column: column.into(),
            ..Placement::default()
        }
    }
    /// In a lane.
    pub fn in_lane(mut self, lane: impl Into<String>) -> Self {
        self.lane = Some(lane.into());
        self
    }
    /// Before a card.
    pub fn before(mut self, item: impl Into<String>) -> Self {
        self.before = Some(item.into());
        self
    }
    /// In the Done sub-column.
    pub fn ready(mut self) -> Self {
        self.ready = true;
        self
    }
}

/// A soft WIP limit a move (or a lowered limit) passed: the move was made.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct WipWarning {
    /// The limit's kind.
    pub scope: LimitScope,
    /// The column, lane or person.
    pub name: String,
    /// The limit.
    pub limit: u32,
    /// Cards counted now.
    pub count: u32,
}

/// The serialized board (format, version and every field), also its in-memory store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Doc {
    pub(crate) format: String,
    pub(crate) version: u32,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) unit: EstimateUnit,
    #[serde(default)]
    pub(crate) columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) lanes: Vec<Lane>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) assignee_limits: BTreeMap<String, WipLimit>,
    #[serde(default)]
    pub(crate) items: Vec<WorkItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) backlog: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) sprints: Vec<Sprint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) moves: Vec<Move>,
}

/// Look-ups rebuilt from the document: positions by id, WIP counts and column order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    pub(crate) item: HashMap<String, usize>,
    pub(crate) column: HashMap<String, usize>,
    pub(crate) lane: HashMap<String, usize>,
    pub(crate) sprint: HashMap<String, usize>,
    /// Cards per column counted by its limit.
    col_count: Vec<u32>,
    /// Cards per lane outside done columns.
    lane_count: Vec<u32>,
    /// Cards in doing columns per assignee.
    person_count: HashMap<String, u32>,
    /// Per column: rank → item index.
    order: Vec<BTreeMap<u64, usize>>,
    /// The latest time recorded anywhere in the history.
    pub(crate) last: Option<NaiveDateTime>,
}

/// A board with its work items, backlog, sprints and move history: one versioned JSON
/// document (`planix-board`, [`to_json`](Board::to_json)). Every call validates first
/// and changes nothing when it fails; moves are checked against WIP limits in O(1).
///
/// ```
/// use planix::agile::{Board, Column, ItemSpec, Placement, Stage, WipLimit};
/// let t = |s: &str| s.parse::<chrono::NaiveDateTime>().unwrap();
/// let mut b = Board::new("Portal");
/// b.add_column(Column::new("todo", "To do", Stage::Todo))?;
/// b.add_column(Column::new("dev", "In progress", Stage::Doing).with_wip(WipLimit::hard(1)))?;
/// b.add_column(Column::new("done", "Done", Stage::Done))?;
/// b.add_item(ItemSpec::new("A", "Login").with_estimate(3.0), t("2027-03-01T09:00:00"), "dana")?;
/// b.add_item(ItemSpec::new("B", "Search").with_estimate(5.0), t("2027-03-01T09:00:00"), "dana")?;
/// b.move_card("A", &Placement::column("dev"), t("2027-03-01T10:00:00"), "lee")?;
/// let e = b.move_card("B", &Placement::column("dev"), t("2027-03-01T11:00:00"), "lee").unwrap_err();
/// assert!(e.to_string().contains("WIP limit of 1 (held by A)"));
/// b.move_card("A", &Placement::column("done"), t("2027-03-03T16:00:00"), "lee")?;
/// assert_eq!(b.flow(t("2027-03-04T00:00:00"))[0].cycle_days, Some(2.25));
/// # Ok::<(), planix::agile::AgileError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Board {
    pub(crate) doc: Doc,
    pub(crate) idx: Index,
}

impl PartialEq for Board {
    fn eq(&self, other: &Self) -> bool {
        self.doc == other.doc
    }
}

fn dup(kind: &'static str, id: &str, taken: bool) -> Result<(), AgileError> {
    if id.trim().is_empty() || taken {
        return Err(AgileError::Duplicate {
            kind,
            id: id.to_string(),
        });
    }
    Ok(())
}

pub(crate) fn unknown(kind: &'static str, id: &str) -> AgileError {
    AgileError::Unknown {
        kind,
        id: id.to_string(),
    }
}

pub(crate) fn check_amount(
    kind: &'static str,
    id: &str,
    field: &'static str,
    v: f64,
) -> Result<(), AgileError> {
    if !(v.is_finite() && (0.0..=1e12).contains(&v)) {
        return Err(AgileError::OutOfRange {
            kind,
            id: id.to_string(),
            field,
            value: v,
            range: "0 to 1e12",
        });
    }
    Ok(())
}

impl Board {
    /// An empty board (no columns yet), estimates in story points.
    pub fn new(name: impl Into<String>) -> Self {
        Board {
            doc: Doc {
                format: FORMAT.into(),
                version: VERSION,
                name: name.into(),
                unit: EstimateUnit::Points,
                columns: vec![],
                lanes: vec![],
                assignee_limits: BTreeMap::new(),
                items: vec![],
                backlog: vec![],
                sprints: vec![],
                moves: vec![],
            },
            idx: Index::default(),
        }
    }

    /// The board's name.
    pub fn name(&self) -> &str {
        &self.doc.name
    }

    /// The unit of estimates.
    pub fn unit(&self) -> EstimateUnit {
        self.doc.unit
    }

    /// Set the unit of estimates.
    pub fn set_unit(&mut self, unit: EstimateUnit) {
        self.doc.unit = unit;
    }

    /// The columns, left to right.
    pub fn columns(&self) -> &[Column] {
        &self.doc.columns
    }

    /// The swimlanes, top to bottom.
    pub fn lanes(&self) -> &[Lane] {
        &self.doc.lanes
    }

    /// The work items, in the order created.
    pub fn items(&self) -> &[WorkItem] {
        &self.doc.items
    }

    /// One item.
    pub fn item(&self, id: &str) -> Option<&WorkItem> {
        self.idx.item.get(id).map(|&i| &self.doc.items[i])
    }

    /// The backlog, in priority order (items not on the board).
    pub fn backlog(&self) -> &[String] {
        &self.doc.backlog
    }

    /// Every recorded move, oldest first.
    pub fn moves(&self) -> &[Move] {
        &self.doc.moves
    }

    /// The per-person WIP limits.
    pub fn assignee_limits(&self) -> &BTreeMap<String, WipLimit> {
        &self.doc.assignee_limits
    }

    /// The cards of a column in board order.
    ///
    /// # Errors
    /// [`AgileError::Unknown`] for an unknown column.
    pub fn cards(&self, column: &str) -> Result<Vec<&WorkItem>, AgileError> {
        let c = *self
            .idx
            .column
            .get(column)
            .ok_or_else(|| unknown("column", column))?;
        Ok(self.idx.order[c]
            .values()
            .map(|&i| &self.doc.items[i])
            .collect())
    }

    /// Add a column at the right.
    ///
    /// # Errors
    /// [`AgileError::Duplicate`] for a used or empty id.
    pub fn add_column(&mut self, column: Column) -> Result<(), AgileError> {
        dup(
            "column",
            &column.id,
            self.idx.column.contains_key(&column.id),
        )?;
        self.idx
            .column
            .insert(column.id.clone(), self.doc.columns.len());
        self.doc.columns.push(column);
        self.idx.col_count.push(0);
        self.idx.order.push(BTreeMap::new());
        Ok(())
    }

    /// Add a swimlane at the bottom.
    ///
    /// # Errors
    /// [`AgileError::Duplicate`] for a used or empty id.
    pub fn add_lane(&mut self, lane: Lane) -> Result<(), AgileError> {
        dup("lane", &lane.id, self.idx.lane.contains_key(&lane.id))?;
        self.idx.lane.insert(lane.id.clone(), self.doc.lanes.len());
        self.doc.lanes.push(lane);
        self.idx.lane_count.push(0);
        Ok(())
    }

    /// Set (or clear) a WIP limit of a column, a lane or a person. A limit below the
    /// current count is allowed: the call returns the [`WipWarning`] and, for a hard
    /// limit, refuses further moves in until the count is under it.
    ///
    /// # Errors
    /// [`AgileError::Unknown`] for an unknown column or lane.
    pub fn set_wip_limit(
        &mut self,
        scope: LimitScope,
        name: &str,
        wip: Option<WipLimit>,
    ) -> Result<Option<WipWarning>, AgileError> {
        let count = match scope {
            LimitScope::Column => {
                let c = *self
                    .idx
                    .column
                    .get(name)
                    .ok_or_else(|| unknown("column", name))?;
                self.doc.columns[c].wip = wip;
                self.idx.col_count[c]
            }
            LimitScope::Lane => {
                let l = *self
                    .idx
                    .lane
                    .get(name)
                    .ok_or_else(|| unknown("lane", name))?;
                self.doc.lanes[l].wip = wip;
                self.idx.lane_count[l]
            }
            LimitScope::Assignee => {
                match wip {
                    Some(w) => self.doc.assignee_limits.insert(name.to_string(), w),
                    None => self.doc.assignee_limits.remove(name),
                };
                self.idx.person_count.get(name).copied().unwrap_or(0)
            }
        };
        Ok(wip.filter(|w| count > w.limit).map(|w| WipWarning {
            scope,
            name: name.to_string(),
            limit: w.limit,
            count,
        }))
    }

    pub(crate) fn check_time(
        &self,
        what: &'static str,
        at: NaiveDateTime,
    ) -> Result<(), AgileError> {
        match self.idx.last {
            Some(last) if at < last => Err(AgileError::BackDated { what, at, last }),
            _ => Ok(()),
        }
    }

    fn check_parent(&self, item: &str, parent: &str) -> Result<(), AgileError> {
        let mut at = Some(parent.to_string());
        let mut steps = 0usize;
        while let Some(p) = at {
            if p == item || steps > self.doc.items.len() {
                return Err(AgileError::ParentLoop {
                    item: item.to_string(),
                    parent: parent.to_string(),
                });
            }
            let i = *self.idx.item.get(&p).ok_or_else(|| unknown("item", &p))?;
            at = self.doc.items[i].parent.clone();
            steps += 1;
        }
        Ok(())
    }

    /// Add a work item to the bottom of the backlog, recording its creation.
    ///
    /// # Errors
    /// [`AgileError::Duplicate`], an unknown parent, a negative estimate, a time before
    /// the last recorded one ([`AgileError::BackDated`]), or more than [`MAX_ITEMS`].
    pub fn add_item(
        &mut self,
        spec: ItemSpec,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<(), AgileError> {
        dup("item", &spec.id, self.idx.item.contains_key(&spec.id))?;
        if self.doc.items.len() >= MAX_ITEMS {
            return Err(AgileError::OutOfRange {
                kind: "board",
                id: self.doc.name.clone(),
                field: "items",
                value: self.doc.items.len() as f64 + 1.0,
                range: "at most 1,000,000",
            });
        }
        if let Some(e) = spec.estimate {
            check_amount("item", &spec.id, "estimate", e)?;
        }
        if let Some(p) = &spec.parent {
            self.check_parent(&spec.id, p)?;
        }
        self.check_time("item", at)?;
        let id = spec.id.clone();
        self.idx.item.insert(id.clone(), self.doc.items.len());
        self.doc.items.push(WorkItem {
            id: spec.id,
            title: spec.title,
            description: spec.description,
            kind: spec.kind,
            parent: spec.parent,
            assignees: spec.assignees,
            due: spec.due,
            tags: spec.tags,
            priority: spec.priority,
            estimate: spec.estimate,
            links: spec.links,
            created: at,
            card: None,
            comments: vec![],
            history: vec![Activity {
                at,
                by: by.to_string(),
                kind: ActivityKind::Created,
                field: None,
                from: None,
                to: None,
            }],
        });
        self.doc.backlog.push(id);
        self.idx.last = Some(at);
        Ok(())
    }

    /// Edit an item's fields, recording one activity per field that changed. An
    /// estimate change of an item in an active sprint is recorded as a scope change.
    ///
    /// # Errors
    /// An unknown item or parent, a parent loop, a negative estimate, a back-dated time.
    pub fn edit_item(
        &mut self,
        id: &str,
        edit: &ItemEdit,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<(), AgileError> {
        let i = *self.idx.item.get(id).ok_or_else(|| unknown("item", id))?;
        if let Some(Some(e)) = edit.estimate {
            check_amount("item", id, "estimate", e)?;
        }
        if let Some(Some(p)) = &edit.parent {
            self.check_parent(id, p)?;
        }
        self.check_time("edit", at)?;
        let before = self.doc.items[i].clone();
        let assignees_change = edit.assignees.is_some();
        if assignees_change {
            self.uncount(i);
        }
        let it = &mut self.doc.items[i];
        let mut log = vec![];
        macro_rules! set {
            ($f:ident) => {
                if let Some(v) = &edit.$f {
                    if *v != it.$f {
                        log.push((stringify!($f), json!(it.$f), json!(v)));
                        it.$f = v.clone();
                    }
                }
            };
        }
        set!(title);
        set!(description);
        set!(kind);
        set!(parent);
        set!(assignees);
        set!(due);
        set!(tags);
        set!(priority);
        set!(estimate);
        set!(links);
        for (field, from, to) in log {
            it.history.push(Activity {
                at,
                by: by.to_string(),
                kind: ActivityKind::Edited,
                field: Some(field.to_string()),
                // No value (a cleared or unset field) is written as an absent member,
                // so the document reads back equal.
                from: (!from.is_null()).then_some(from),
                to: (!to.is_null()).then_some(to),
            });
        }
        if assignees_change {
            self.count(i);
        }
        if edit.estimate.is_some() && before.estimate != self.doc.items[i].estimate {
            self.reestimated(id, before.estimate, self.doc.items[i].estimate, at);
        }
        self.idx.last = Some(at);
        Ok(())
    }

    /// Add a comment to an item's thread (`@name` mentions are recorded), optionally
    /// answering comment `reply_to`. Returns the comment's number.
    ///
    /// # Errors
    /// An unknown item or comment, an empty text, a back-dated time.
    pub fn comment(
        &mut self,
        id: &str,
        text: &str,
        at: NaiveDateTime,
        by: &str,
        reply_to: Option<u32>,
    ) -> Result<u32, AgileError> {
        let i = *self.idx.item.get(id).ok_or_else(|| unknown("item", id))?;
        let n = self.doc.items[i].comments.len() as u32;
        if let Some(r) = reply_to
            && (r == 0 || r > n)
        {
            return Err(unknown("comment", &format!("{id}#{r}")));
        }
        if text.trim().is_empty() {
            return Err(AgileError::OutOfRange {
                kind: "item",
                id: id.to_string(),
                field: "comment length",
                value: 0.0,
                range: "a non-empty text",
            });
        }
        self.check_time("comment", at)?;
        let it = &mut self.doc.items[i];
        it.comments.push(Comment {
            number: n + 1,
            at,
            by: by.to_string(),
            text: text.to_string(),
            mentions: mentions(text),
            reply_to,
        });
        it.history.push(Activity {
            at,
            by: by.to_string(),
            kind: ActivityKind::Commented,
            field: None,
            from: None,
            to: Some(json!(n + 1)),
        });
        self.idx.last = Some(at);
        Ok(n + 1)
    }

    /// Move the backlog item to position `index` of the backlog (0 = top).
    ///
    /// # Errors
    /// [`AgileError::Unknown`] when the item is not in the backlog.
    pub fn rank_backlog(&mut self, id: &str, index: usize) -> Result<(), AgileError> {
        let from = self
            .doc
            .backlog
            .iter()
            .position(|b| b == id)
            .ok_or_else(|| unknown("backlog item", id))?;
        let v = self.doc.backlog.remove(from);
        let to = index.min(self.doc.backlog.len());
        self.doc.backlog.insert(to, v);
        Ok(())
    }

    fn lane_of(&self, card: &Card) -> Option<usize> {
        card.lane
            .as_ref()
            .and_then(|l| self.idx.lane.get(l).copied())
    }

    /// Whether the card counts toward its column's limit (not in an expedite lane).
    fn counts_in_column(&self, card: &Card) -> bool {
        !self
            .lane_of(card)
            .is_some_and(|l| self.doc.lanes[l].expedite)
    }

    fn uncount(&mut self, i: usize) {
        self.adjust(i, false);
    }

    fn count(&mut self, i: usize) {
        self.adjust(i, true);
    }

    /// Adds (or removes) item `i`'s card to the WIP counts.
    fn adjust(&mut self, i: usize, add: bool) {
        let Some(card) = self.doc.items[i].card.clone() else {
            return;
        };
        let d = |x: &mut u32| {
            if add {
                *x += 1;
            } else {
                *x = x.saturating_sub(1);
            }
        };
        let c = self.idx.column[&card.column];
        if self.counts_in_column(&card) {
            d(&mut self.idx.col_count[c]);
        }
        let stage = self.doc.columns[c].stage;
        if stage != Stage::Done
            && let Some(l) = self.lane_of(&card)
        {
            d(&mut self.idx.lane_count[l]);
        }
        if stage == Stage::Doing {
            for a in &self.doc.items[i].assignees {
                d(self.idx.person_count.entry(a.clone()).or_insert(0));
            }
        }
    }

    /// The cards holding a limit (for the error message), in board order.
    fn holders(&self, scope: LimitScope, key: usize, person: &str) -> Vec<String> {
        let mut out = vec![];
        for (c, order) in self.idx.order.iter().enumerate() {
            for &i in order.values() {
                let it = &self.doc.items[i];
                let Some(card) = it.card.as_ref() else {
                    continue;
                };
                let stage = self.doc.columns[c].stage;
                let hit = match scope {
                    LimitScope::Column => c == key && self.counts_in_column(card),
                    LimitScope::Lane => stage != Stage::Done && self.lane_of(card) == Some(key),
                    LimitScope::Assignee => {
                        stage == Stage::Doing && it.assignees.iter().any(|a| a == person)
                    }
                };
                if hit {
                    out.push(it.id.clone());
                }
            }
        }
        out
    }

    /// Move a card onto the board or within it, checking WIP limits (column, lane and
    /// assignee) in O(1): a hard limit refuses the move, a soft one lets it through and
    /// is returned as a [`WipWarning`]. The move is recorded with its time.
    ///
    /// # Errors
    /// An unknown item, column, lane or `before` card, a `ready` move into a column that
    /// is not split, [`AgileError::WipLimit`], a back-dated time.
    pub fn move_card(
        &mut self,
        id: &str,
        to: &Placement,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<Vec<WipWarning>, AgileError> {
        let i = *self.idx.item.get(id).ok_or_else(|| unknown("item", id))?;
        let c = *self
            .idx
            .column
            .get(&to.column)
            .ok_or_else(|| unknown("column", &to.column))?;
        let old = self.doc.items[i].card.clone();
        let lane = match &to.lane {
            Some(l) => {
                self.idx.lane.get(l).ok_or_else(|| unknown("lane", l))?;
                Some(l.clone())
            }
            None => old
                .as_ref()
                .and_then(|o| o.lane.clone())
                .or_else(|| self.doc.lanes.first().map(|l| l.id.clone())),
        };
        if to.ready && !self.doc.columns[c].split {
            return Err(AgileError::OutOfRange {
                kind: "column",
                id: to.column.clone(),
                field: "ready (Done sub-column)",
                value: 1.0,
                range: "only in a split column",
            });
        }
        let before_rank = match &to.before {
            Some(b) => {
                let bi = *self.idx.item.get(b).ok_or_else(|| unknown("item", b))?;
                match &self.doc.items[bi].card {
                    Some(bc) if bc.column == to.column && bi != i => Some(bc.rank),
                    _ => return Err(unknown("card in column", b)),
                }
            }
            None => None,
        };
        self.check_time("move", at)?;
        let new = Card {
            column: to.column.clone(),
            lane: lane.clone(),
            rank: 0,
            ready: to.ready,
        };
        // The limits, checked against the counts without this card.
        let stage = self.doc.columns[c].stage;
        let mut warnings = vec![];
        let mut check = |scope: LimitScope,
                         name: &str,
                         wip: Option<WipLimit>,
                         now: u32,
                         already: bool,
                         key: usize,
                         b: &Board|
         -> Result<(), AgileError> {
            let Some(w) = wip else { return Ok(()) };
            let count = if already { now } else { now + 1 };
            if count <= w.limit || already {
                return Ok(());
            }
            if w.hard {
                return Err(AgileError::WipLimit {
                    item: id.to_string(),
                    scope,
                    name: name.to_string(),
                    limit: w.limit,
                    holders: b.holders(scope, key, name),
                });
            }
            warnings.push(WipWarning {
                scope,
                name: name.to_string(),
                limit: w.limit,
                count,
            });
            Ok(())
        };
        if self.counts_in_column(&new) {
            let already = old
                .as_ref()
                .is_some_and(|o| o.column == new.column && self.counts_in_column(o));
            let col = &self.doc.columns[c];
            check(
                LimitScope::Column,
                &col.id,
                col.wip,
                self.idx.col_count[c],
                already,
                c,
                self,
            )?;
        }
        if stage != Stage::Done
            && let Some(l) = self.lane_of(&new)
        {
            let already = old.as_ref().is_some_and(|o| {
                self.lane_of(o) == Some(l)
                    && self.doc.columns[self.idx.column[&o.column]].stage != Stage::Done
            });
            let ln = &self.doc.lanes[l];
            check(
                LimitScope::Lane,
                &ln.id,
                ln.wip,
                self.idx.lane_count[l],
                already,
                l,
                self,
            )?;
        }
        if stage == Stage::Doing {
            let already = old.as_ref().is_some_and(|o| {
                self.doc.columns[self.idx.column[&o.column]].stage == Stage::Doing
            });
            for a in &self.doc.items[i].assignees {
                let wip = self.doc.assignee_limits.get(a).copied();
                let now = self.idx.person_count.get(a).copied().unwrap_or(0);
                check(LimitScope::Assignee, a, wip, now, already, 0, self)?;
            }
        }
        // Apply: leave the old place, take a rank, enter the new one.
        self.uncount(i);
        if let Some(o) = &old {
            let oc = self.idx.column[&o.column];
            self.idx.order[oc].remove(&o.rank);
        } else if let Some(p) = self.doc.backlog.iter().position(|b| b == id) {
            self.doc.backlog.remove(p);
        }
        let rank = self.rank_for(c, before_rank);
        self.doc.items[i].card = Some(Card { rank, ..new });
        self.idx.order[c].insert(rank, i);
        self.count(i);
        let from = old.map(|o| o.column);
        self.doc.items[i].history.push(Activity {
            at,
            by: by.to_string(),
            kind: ActivityKind::Moved,
            field: None,
            from: from.as_ref().map(|f| json!(f)),
            to: Some(json!(to.column)),
        });
        self.doc.moves.push(Move {
            item: id.to_string(),
            at,
            by: by.to_string(),
            from,
            to: Some(to.column.clone()),
            lane,
            ready: to.ready,
        });
        self.idx.last = Some(at);
        Ok(warnings)
    }

    /// Take a card off the board back to the top of the backlog (recorded as a move).
    ///
    /// # Errors
    /// An unknown item, an item not on the board, a back-dated time.
    pub fn to_backlog(&mut self, id: &str, at: NaiveDateTime, by: &str) -> Result<(), AgileError> {
        let i = *self.idx.item.get(id).ok_or_else(|| unknown("item", id))?;
        let Some(old) = self.doc.items[i].card.clone() else {
            return Err(unknown("card", id));
        };
        self.check_time("move", at)?;
        self.uncount(i);
        let oc = self.idx.column[&old.column];
        self.idx.order[oc].remove(&old.rank);
        self.doc.items[i].card = None;
        self.doc.backlog.insert(0, id.to_string());
        self.doc.items[i].history.push(Activity {
            at,
            by: by.to_string(),
            kind: ActivityKind::Moved,
            field: None,
            from: Some(json!(old.column)),
            to: None,
        });
        self.doc.moves.push(Move {
            item: id.to_string(),
            at,
            by: by.to_string(),
            from: Some(old.column),
            to: None,
            lane: None,
            ready: false,
        });
        self.idx.last = Some(at);
        Ok(())
    }

    /// A free rank in column `c`: at the bottom, or just before `before`; the column is
    /// renumbered when two neighbours leave no gap.
    fn rank_for(&mut self, c: usize, before: Option<u64>) -> u64 {
        let order = &self.idx.order[c];
        match before {
            None => order
                .keys()
                .next_back()
                .map_or(RANK_GAP, |&r| r.saturating_add(RANK_GAP)),
            Some(b) => {
                let prev = order.range(..b).next_back().map_or(0, |(&r, _)| r);
                if b - prev >= 2 {
                    prev + (b - prev) / 2
                } else {
                    self.renumber(c);
                    let b2 = self.idx.order[c]
                        .iter()
                        .find(|&(_, &it)| {
                            self.doc.items[it].card.as_ref().map(|k| k.rank) == Some(b)
                        })
                        .map(|(&r, _)| r)
                        .unwrap_or(RANK_GAP);
                    b2 - RANK_GAP / 2
                }
            }
        }
    }

    /// Renumbers column `c` with even gaps (ranks in the items are updated; the card
    /// ranks keep their order). Returns nothing; `rank_for` looks the card up again.
    fn renumber(&mut self, c: usize) {
        let items: Vec<usize> = self.idx.order[c].values().copied().collect();
        let mut order = BTreeMap::new();
        for (k, &it) in items.iter().enumerate() {
            let r = (k as u64 + 1) * RANK_GAP;
            if let Some(card) = self.doc.items[it].card.as_mut() {
                card.rank = r;
            }
            order.insert(r, it);
        }
        self.idx.order[c] = order;
    }

    /// Rebuilds every look-up from the document, checking it (the load path).
    pub(crate) fn reindex(doc: Doc) -> Result<Board, AgileError> {
        let bad = |m: String| AgileError::Document(m);
        if doc.format != FORMAT {
            return Err(bad(format!("format {:?} is not {FORMAT:?}", doc.format)));
        }
        if doc.version != VERSION {
            return Err(bad(format!(
                "version {} is not supported (this planix reads version {VERSION})",
                doc.version
            )));
        }
        if doc.items.len() > MAX_ITEMS {
            return Err(bad(format!("more than {MAX_ITEMS} items")));
        }
        let mut doc = doc;
        let columns = std::mem::take(&mut doc.columns);
        let lanes = std::mem::take(&mut doc.lanes);
        let items = std::mem::take(&mut doc.items);
        let backlog = std::mem::take(&mut doc.backlog);
        let sprints = std::mem::take(&mut doc.sprints);
        let moves = std::mem::take(&mut doc.moves);
        let mut b = Board {
            doc,
            idx: Index::default(),
        };
        for c in columns {
            b.add_column(c)?;
        }
        for l in lanes {
            b.add_lane(l)?;
        }
        for it in items {
            dup("item", &it.id, b.idx.item.contains_key(&it.id))?;
            b.idx.item.insert(it.id.clone(), b.doc.items.len());
            b.doc.items.push(it);
        }
        let mut on_board = 0usize;
        for i in 0..b.doc.items.len() {
            let it = &b.doc.items[i];
            if let Some(e) = it.estimate {
                check_amount("item", &it.id, "estimate", e)?;
            }
            if let Some(p) = &it.parent {
                b.check_parent(&it.id, p)?;
            }
            for (k, c) in it.comments.iter().enumerate() {
                if c.number != k as u32 + 1 || c.reply_to.is_some_and(|r| r == 0 || r > c.number) {
                    return Err(bad(format!(
                        "item {:?}: comment {} is out of sequence",
                        it.id, c.number
                    )));
                }
            }
            if let Some(card) = it.card.clone() {
                let c = *b
                    .idx
                    .column
                    .get(&card.column)
                    .ok_or_else(|| unknown("column", &card.column))?;
                if let Some(l) = &card.lane {
                    b.idx.lane.get(l).ok_or_else(|| unknown("lane", l))?;
                }
                if b.idx.order[c].insert(card.rank, i).is_some() {
                    return Err(bad(format!(
                        "column {:?}: two cards share rank {}",
                        card.column, card.rank
                    )));
                }
                b.count(i);
                on_board += 1;
            }
            let it = &b.doc.items[i];
            let last = it
                .history
                .iter()
                .map(|h| h.at)
                .chain(it.comments.iter().map(|c| c.at))
                .max();
            b.idx.last = b.idx.last.max(last).max(Some(it.created));
        }
        let mut seen = std::collections::HashSet::new();
        for id in &backlog {
            let i = *b.idx.item.get(id).ok_or_else(|| unknown("item", id))?;
            if b.doc.items[i].card.is_some() || !seen.insert(id.as_str()) {
                return Err(bad(format!(
                    "backlog item {id:?} is also on the board or listed twice"
                )));
            }
        }
        if seen.len() + on_board != b.doc.items.len() {
            return Err(bad(
                "every item is either in the backlog or on the board".into()
            ));
        }
        b.doc.backlog = backlog;
        let mut prev: Option<NaiveDateTime> = None;
        for m in &moves {
            b.idx
                .item
                .get(&m.item)
                .ok_or_else(|| unknown("item", &m.item))?;
            for c in [&m.from, &m.to].into_iter().flatten() {
                b.idx.column.get(c).ok_or_else(|| unknown("column", c))?;
            }
            if prev.is_some_and(|p| m.at < p) {
                return Err(bad(format!(
                    "move of {:?} at {} is out of time order",
                    m.item, m.at
                )));
            }
            prev = Some(m.at);
        }
        b.idx.last = b.idx.last.max(prev);
        b.doc.moves = moves;
        for s in sprints {
            b.load_sprint(s)?;
        }
        Ok(b)
    }

    /// The board document (`docs/format.md`): versioned and lossless.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.doc).unwrap_or_default()
    }

    /// Reads a board document.
    ///
    /// # Errors
    /// [`AgileError::Document`] for malformed JSON or another format or version; the
    /// board's own errors for inconsistent content (unknown columns, duplicate ids, a
    /// parent loop, moves out of time order, overlapping sprints).
    pub fn from_json(text: &str) -> Result<Board, AgileError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.len() > crate::io::MAX_DOCUMENT_BYTES {
            return Err(AgileError::Document(format!(
                "larger than {} bytes",
                crate::io::MAX_DOCUMENT_BYTES
            )));
        }
        let doc: Doc =
            serde_json::from_str(text).map_err(|e| AgileError::Document(e.to_string()))?;
        Board::reindex(doc)
    }
}

impl Board {
    pub(crate) fn idx_col_count(&self, c: usize) -> u32 {
        self.idx.col_count[c]
    }
    pub(crate) fn idx_lane_count(&self, l: usize) -> u32 {
        self.idx.lane_count[l]
    }
    pub(crate) fn idx_person_count(&self, who: &str) -> u32 {
        self.idx.person_count.get(who).copied().unwrap_or(0)
    }

    /// The board as text for people: one block per column (name, stage, WIP count and
    /// limit), its cards in order with estimate, assignees and lane.
    pub fn text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = format!("{}\n", self.doc.name);
        for (c, col) in self.doc.columns.iter().enumerate() {
            let limit = col.wip.map_or(String::new(), |w| {
                format!(
                    " {}/{}{}",
                    self.idx.col_count[c],
                    w.limit,
                    if w.hard { " hard" } else { "" }
                )
            });
            let _ = writeln!(
                out,
                "\n== {} [{}]{} ({} cards)",
                col.name,
                col.stage.name(),
                limit,
                self.idx.order[c].len()
            );
            for &i in self.idx.order[c].values() {
                let it = &self.doc.items[i];
                let Some(card) = it.card.as_ref() else {
                    continue;
                };
                let est = it.estimate.map_or(String::new(), |e| format!(" ({e})"));
                let who = if it.assignees.is_empty() {
                    String::new()
                } else {
                    format!(" @{}", it.assignees.join(" @"))
                };
                let lane = card
                    .lane
                    .as_ref()
                    .map_or(String::new(), |l| format!(" [{l}]"));
                let ready = if card.ready { " ✓" } else { "" };
                let _ = writeln!(out, "  {} {}{est}{who}{lane}{ready}", it.id, it.title);
            }
        }
        if !self.doc.backlog.is_empty() {
            let _ = writeln!(out, "\n== Backlog ({} items)", self.doc.backlog.len());
            for id in &self.doc.backlog {
                let it = &self.doc.items[self.idx.item[id]];
                let est = it.estimate.map_or(String::new(), |e| format!(" ({e})"));
                let _ = writeln!(out, "  {} {}{est}", it.id, it.title);
            }
        }
        out
    }
}
