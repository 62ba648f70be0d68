//! Sprints: dates, capacity, goal, the scope committed at start and every change after.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::board::{Board, check_amount, unknown};
use super::error::AgileError;
use super::item::{Activity, ActivityKind};

/// The longest sprint, in days.
pub const MAX_SPRINT_DAYS: i64 = 366;

/// Where a sprint is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum SprintState {
    /// Being planned: scope changes are planning, not scope change.
    #[default]
    Planned,
    /// Running: the committed scope is fixed; changes are recorded as such.
    Active,
    /// Finished, with its carry-over.
    Closed,
}

crate::names::named!(SprintState {
    Planned = "planned",
    Active = "active",
    Closed = "closed",
});

/// One item of a sprint's scope with the estimate it counts for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ScopeEntry {
    /// The item.
    pub item: String,
    /// Its estimate (0 when it has none).
    pub estimate: f64,
}

/// How the scope of a running sprint changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub enum ScopeChangeKind {
    /// An item joined.
    Added,
    /// An item left.
    Removed,
    /// An item's estimate changed.
    Reestimated,
}

/// A scope change of a running sprint: a baseline shift, never progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ScopeChange {
    /// When.
    pub at: NaiveDateTime,
    /// The item.
    pub item: String,
    /// What changed.
    pub kind: ScopeChangeKind,
    /// The change of the sprint's total estimate (+ added, − removed).
    pub delta: f64,
}

/// A sprint of one team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Sprint {
    /// Unique id.
    pub id: String,
    /// Name ("Sprint 3").
    pub name: String,
    /// The team (sprints of one team may not overlap).
    #[serde(default)]
    pub team: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// The sprint goal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goal: String,
    /// Capacity in the board's unit (see [`Board::capacity`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<f64>,
    /// Planned, active or closed.
    #[serde(default)]
    pub state: SprintState,
    /// The scope now, with the estimates it counts for.
    #[serde(default)]
    pub scope: Vec<ScopeEntry>,
    /// The scope at start (the committed scope), snapshotted by `start_sprint`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub committed: Vec<ScopeEntry>,
    /// When it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<NaiveDateTime>,
    /// Scope changes while it ran.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ScopeChange>,
    /// When it closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDateTime>,
    /// The items unfinished at close (moved to the next sprint or the backlog).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried_over: Vec<String>,
}

/// A new sprint, as [`Board::add_sprint`] takes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct SprintSpec {
    /// Unique id.
    pub id: String,
    /// Name (default: the id).
    #[serde(default)]
    pub name: String,
    /// The team.
    #[serde(default)]
    pub team: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// The goal.
    #[serde(default)]
    pub goal: String,
    /// Capacity in the board's unit.
    #[serde(default)]
    pub capacity: Option<f64>,
}

impl SprintSpec {
    /// A sprint from `start` to `end` (inclusive).
    pub fn new(id: impl Into<String>, start: NaiveDate, end: NaiveDate) -> Self {
        SprintSpec {
            id: id.into(),
            name: String::new(),
            team: String::new(),
            start,
            end,
            goal: String::new(),
            capacity: None,
        }
    }
    /// For a team.
    pub fn for_team(mut self, team: impl Into<String>) -> Self {
        self.team = team.into();
        self
    }
    /// With a goal.
    pub fn with_goal(mut self, goal: impl Into<String>) -> Self {
        self.goal = goal.into();
        self
    }
}

impl Sprint {
    /// The total estimate of the committed scope.
    pub fn committed_total(&self) -> f64 {
        self.committed
            .iter()
            .map(|e| e.estimate)
            .fold(0.0, |a, b| a + b)
    }
    /// The total estimate of the scope now.
    pub fn scope_total(&self) -> f64 {
        self.scope
            .iter()
            .map(|e| e.estimate)
            .fold(0.0, |a, b| a + b)
    }
}

fn state_err(s: &Sprint, action: &'static str, needed: &'static str) -> AgileError {
    AgileError::SprintState {
        sprint: s.id.clone(),
        state: s.state.name(),
        action,
        needed,
    }
}

impl Board {
    /// The sprints, in the order added.
    pub fn sprints(&self) -> &[Sprint] {
        &self.doc.sprints
    }

    /// One sprint.
    pub fn sprint(&self, id: &str) -> Option<&Sprint> {
        self.idx.sprint.get(id).map(|&i| &self.doc.sprints[i])
    }

    fn sprint_index(&self, id: &str) -> Result<usize, AgileError> {
        self.idx
            .sprint
            .get(id)
            .copied()
            .ok_or_else(|| unknown("sprint", id))
    }

    fn check_sprint(&self, s: &Sprint) -> Result<(), AgileError> {
        if s.id.trim().is_empty() || self.idx.sprint.contains_key(&s.id) {
            return Err(AgileError::Duplicate {
                kind: "sprint",
                id: s.id.clone(),
            });
        }
        if s.end < s.start {
            return Err(AgileError::SprintDates {
                sprint: s.id.clone(),
                start: s.start,
                end: s.end,
            });
        }
        if (s.end - s.start).num_days() >= MAX_SPRINT_DAYS {
            return Err(AgileError::OutOfRange {
                kind: "sprint",
                id: s.id.clone(),
                field: "length in days",
                value: (s.end - s.start).num_days() as f64 + 1.0,
                range: "1 to 366",
            });
        }
        if let Some(c) = s.capacity {
            check_amount("sprint", &s.id, "capacity", c)?;
        }
        if let Some(o) = self
            .doc
            .sprints
            .iter()
            .find(|o| o.team == s.team && o.start <= s.end && s.start <= o.end)
        {
            return Err(AgileError::SprintOverlap {
                sprint: s.id.clone(),
                other: o.id.clone(),
                team: s.team.clone(),
                start: s.start,
                end: s.end,
            });
        }
        Ok(())
    }

    /// The open (planned or active) sprint holding an item.
    fn open_sprint_of(&self, item: &str) -> Option<&Sprint> {
        self.doc
            .sprints
            .iter()
            .find(|s| s.state != SprintState::Closed && s.scope.iter().any(|e| e.item == item))
    }

    /// Add a planned sprint.
    ///
    /// # Errors
    /// A used id, an end before the start, a negative capacity, or an overlap with a
    /// sprint of the same team.
    pub fn add_sprint(&mut self, spec: SprintSpec) -> Result<(), AgileError> {
        let s = Sprint {
            name: if spec.name.is_empty() {
                spec.id.clone()
            } else {
                spec.name
            },
            id: spec.id,
            team: spec.team,
            start: spec.start,
            end: spec.end,
            goal: spec.goal,
            capacity: spec.capacity,
            state: SprintState::Planned,
            scope: vec![],
            committed: vec![],
            started: None,
            changes: vec![],
            closed: None,
            carried_over: vec![],
        };
        self.check_sprint(&s)?;
        self.idx.sprint.insert(s.id.clone(), self.doc.sprints.len());
        self.doc.sprints.push(s);
        Ok(())
    }

    /// A sprint read from a document: checked like a new one, with its scope's items.
    pub(crate) fn load_sprint(&mut self, s: Sprint) -> Result<(), AgileError> {
        self.check_sprint(&s)?;
        for e in s
            .scope
            .iter()
            .chain(&s.committed)
            .map(|e| &e.item)
            .chain(s.changes.iter().map(|c| &c.item))
            .chain(&s.carried_over)
        {
            self.idx.item.get(e).ok_or_else(|| unknown("item", e))?;
        }
        if s.state != SprintState::Closed {
            for e in &s.scope {
                if let Some(o) = self.open_sprint_of(&e.item) {
                    return Err(AgileError::InSprint {
                        item: e.item.clone(),
                        sprint: o.id.clone(),
                    });
                }
            }
        }
        self.idx.sprint.insert(s.id.clone(), self.doc.sprints.len());
        self.doc.sprints.push(s);
        Ok(())
    }

    /// Set a planned sprint's capacity (in the board's unit).
    ///
    /// # Errors
    /// An unknown sprint or a negative capacity.
    pub fn set_capacity(&mut self, sprint: &str, capacity: Option<f64>) -> Result<(), AgileError> {
        let s = self.sprint_index(sprint)?;
        if let Some(c) = capacity {
            check_amount("sprint", sprint, "capacity", c)?;
        }
        self.doc.sprints[s].capacity = capacity;
        Ok(())
    }

    /// Put an item into a sprint's scope. In a running sprint this is a scope change.
    ///
    /// # Errors
    /// An unknown sprint or item, a closed sprint, an item already in an open sprint, a
    /// back-dated time.
    pub fn add_to_sprint(
        &mut self,
        sprint: &str,
        item: &str,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<(), AgileError> {
        let s = self.sprint_index(sprint)?;
        let i = *self
            .idx
            .item
            .get(item)
            .ok_or_else(|| unknown("item", item))?;
        if self.doc.sprints[s].state == SprintState::Closed {
            return Err(state_err(
                &self.doc.sprints[s],
                "adding an item",
                "planned or active",
            ));
        }
        if let Some(o) = self.open_sprint_of(item) {
            return Err(AgileError::InSprint {
                item: item.to_string(),
                sprint: o.id.clone(),
            });
        }
        self.check_time("sprint change", at)?;
        let est = self.doc.items[i].estimate.unwrap_or(0.0);
        let sp = &mut self.doc.sprints[s];
        sp.scope.push(super::sprint::ScopeEntry {
            item: item.to_string(),
            estimate: est,
        });
        if sp.state == SprintState::Active {
            sp.changes.push(ScopeChange {
                at,
                item: item.to_string(),
                kind: ScopeChangeKind::Added,
                delta: est,
            });
        }
        self.doc.items[i].history.push(Activity {
            at,
            by: by.to_string(),
            kind: ActivityKind::AddedToSprint,
            field: None,
            from: None,
            to: Some(serde_json::json!(sprint)),
        });
        self.idx.last = Some(at);
        Ok(())
    }

    /// Take an item out of a sprint's scope. In a running sprint this is a scope change.
    ///
    /// # Errors
    /// An unknown sprint, an item not in it, a closed sprint, a back-dated time.
    pub fn remove_from_sprint(
        &mut self,
        sprint: &str,
        item: &str,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<(), AgileError> {
        let s = self.sprint_index(sprint)?;
        let sp = &self.doc.sprints[s];
        if sp.state == SprintState::Closed {
            return Err(state_err(sp, "removing an item", "planned or active"));
        }
        let k = sp
            .scope
            .iter()
            .position(|e| e.item == item)
            .ok_or_else(|| AgileError::NotInSprint {
                item: item.to_string(),
                sprint: sprint.to_string(),
            })?;
        self.check_time("sprint change", at)?;
        let sp = &mut self.doc.sprints[s];
        let e = sp.scope.remove(k);
        if sp.state == SprintState::Active {
            sp.changes.push(ScopeChange {
                at,
                item: item.to_string(),
                kind: ScopeChangeKind::Removed,
                delta: -e.estimate,
            });
        }
        let i = self.idx.item[item];
        self.doc.items[i].history.push(Activity {
            at,
            by: by.to_string(),
            kind: ActivityKind::RemovedFromSprint,
            field: None,
            from: Some(serde_json::json!(sprint)),
            to: None,
        });
        self.idx.last = Some(at);
        Ok(())
    }

    /// An estimate changed: a running sprint holding the item records it.
    pub(crate) fn reestimated(
        &mut self,
        item: &str,
        from: Option<f64>,
        to: Option<f64>,
        at: NaiveDateTime,
    ) {
        let (from, to) = (from.unwrap_or(0.0), to.unwrap_or(0.0));
        for sp in &mut self.doc.sprints {
            if sp.state == SprintState::Closed {
                continue;
            }
            if let Some(e) = sp.scope.iter_mut().find(|e| e.item == item) {
                e.estimate = to;
                if sp.state == SprintState::Active {
                    sp.changes.push(ScopeChange {
                        at,
                        item: item.to_string(),
                        kind: ScopeChangeKind::Reestimated,
                        delta: to - from,
                    });
                }
            }
        }
    }

    /// Start a planned sprint: its scope now is the committed scope.
    ///
    /// # Errors
    /// An unknown sprint, a sprint not planned, another active sprint of the team, a
    /// back-dated time.
    pub fn start_sprint(&mut self, sprint: &str, at: NaiveDateTime) -> Result<(), AgileError> {
        let s = self.sprint_index(sprint)?;
        let sp = &self.doc.sprints[s];
        if sp.state != SprintState::Planned {
            return Err(state_err(sp, "starting", "planned"));
        }
        if let Some(o) = self
            .doc
            .sprints
            .iter()
            .find(|o| o.team == sp.team && o.state == SprintState::Active)
        {
            return Err(state_err(
                o,
                "starting another sprint of its team",
                "closed",
            ));
        }
        self.check_time("sprint change", at)?;
        let sp = &mut self.doc.sprints[s];
        sp.state = SprintState::Active;
        sp.committed = sp.scope.clone();
        sp.started = Some(at);
        self.idx.last = Some(at);
        Ok(())
    }

    /// Close an active sprint. Unfinished items are its carry-over: they move into
    /// `next` (a planned or active sprint) or, without one, back to the top of the
    /// backlog when they are not on the board. Returns the carry-over.
    ///
    /// # Errors
    /// An unknown sprint, a sprint not active, `next` closed or the same sprint, a
    /// back-dated time.
    pub fn close_sprint(
        &mut self,
        sprint: &str,
        at: NaiveDateTime,
        next: Option<&str>,
    ) -> Result<Vec<String>, AgileError> {
        let s = self.sprint_index(sprint)?;
        let sp = &self.doc.sprints[s];
        if sp.state != SprintState::Active {
            return Err(state_err(sp, "closing", "active"));
        }
        let n = match next {
            Some(n) => {
                let k = self.sprint_index(n)?;
                let ns = &self.doc.sprints[k];
                if k == s || ns.state == SprintState::Closed {
                    return Err(state_err(ns, "taking carry-over", "planned or active"));
                }
                Some(k)
            }
            None => None,
        };
        self.check_time("sprint change", at)?;
        let finished = self.finish_times();
        let sp = &self.doc.sprints[s];
        let carry: Vec<String> = sp
            .scope
            .iter()
            .filter(|e| finished.get(e.item.as_str()).is_none_or(|&f| f > at))
            .map(|e| e.item.clone())
            .collect();
        let sp = &mut self.doc.sprints[s];
        sp.state = SprintState::Closed;
        sp.closed = Some(at);
        sp.carried_over = carry.clone();
        self.idx.last = Some(at);
        if let Some(k) = n {
            for it in &carry {
                // The item left a closed sprint, so it is in no open one.
                self.add_to_sprint(&self.doc.sprints[k].id.clone(), it, at, "")?;
            }
        }
        Ok(carry)
    }

    /// Capacity of a sprint in hours from the team's resources: each one's working hours
    /// on its calendar on each day of the sprint, times its units that day (availability
    /// rows and leave), times
    /// `focus` (the share of time spent on sprint work, 0–1). Store it with
    /// [`set_capacity`](Self::set_capacity) when estimates are in hours.
    ///
    /// # Errors
    /// An unknown sprint or resource, `focus` outside 0–1, a calendar out of range.
    pub fn capacity(
        &self,
        sprint: &str,
        project: &crate::Project,
        team: &[crate::ids::ResourceId],
        focus: f64,
    ) -> Result<f64, AgileError> {
        let sp = &self.doc.sprints[self.sprint_index(sprint)?];
        if !(0.0..=1.0).contains(&focus) {
            return Err(AgileError::OutOfRange {
                kind: "sprint",
                id: sprint.to_string(),
                field: "focus",
                value: focus,
                range: "0 to 1",
            });
        }
        let mut hours = 0.0;
        for &r in team {
            let res = project
                .resource(r)
                .ok_or_else(|| unknown("resource", &r.to_string()))?;
            let cal = res
                .calendar
                .and_then(|c| project.calendar(c))
                .unwrap_or(project.project_calendar());
            for day in sp.start.iter_days().take_while(|d| *d <= sp.end) {
                let m: u32 = cal.intervals_on(day).iter().map(|w| w.minutes()).sum();
                hours += f64::from(m) / 60.0 * res.units_on(day);
            }
        }
        Ok(hours * focus)
    }
}
