//! Flow and sprint metrics: velocity, burndown and burnup, cumulative flow, cycle and
//! lead time with percentile lines, throughput, and aging work in progress.
//!
//! Conventions (documented once, here):
//! - An item *starts* when it first enters a `doing` (or `done`) column and *finishes*
//!   when it last enters a `done` column and stays there; moving it out of `done` reopens
//!   it. Lead time runs from creation, cycle time from start, both in elapsed days.
//! - Percentiles are nearest-rank: P85 is the smallest value at least 85% of the items
//!   reach.
//! - Sprint charts are read at the end of each day. Scope change is a baseline shift
//!   (the scope line moves), never progress; work finished before it joined the sprint
//!   (before the start, or before it was added mid-sprint) is listed as outside the
//!   sprint and counted neither as scope nor as progress; work finished after the sprint
//!   ended is not done in it (it stays remaining: the carry-over), so a closed sprint's
//!   chart never changes afterwards; the ideal line runs from the committed total to
//!   zero over the sprint's days and is never rebased.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::board::{Board, Stage, unknown};
use super::error::AgileError;
use super::sprint::{ScopeChangeKind, SprintState};
use crate::calendar::{Calendar, Period};

/// The longest date range a metric table spans, in days.
pub const MAX_RANGE_DAYS: i64 = 36_600;

/// When an item entered and left the flow.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Times {
    pub(crate) started: Option<NaiveDateTime>,
    pub(crate) finished: Option<NaiveDateTime>,
}

fn days(a: NaiveDateTime, b: NaiveDateTime) -> f64 {
    (b - a).num_minutes() as f64 / 1440.0
}

fn end_of(d: NaiveDate) -> NaiveDateTime {
    d.succ_opt().unwrap_or(d).and_time(NaiveTime::MIN)
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), AgileError> {
    let n = (to - from).num_days();
    if !(0..MAX_RANGE_DAYS).contains(&n) {
        return Err(AgileError::OutOfRange {
            kind: "date range",
            id: format!("{from}..{to}"),
            field: "days",
            value: n as f64 + 1.0,
            range: "1 to 36,600 days, from before to",
        });
    }
    Ok(())
}

/// Nearest-rank percentile of sorted values.
fn rank(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let r = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[r.clamp(1, sorted.len()) - 1])
}

/// P50, P85 and P95 of a set of values (nearest rank).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Percentiles {
    /// Half of the values are at or below it.
    pub p50: Option<f64>,
    /// 85% are at or below it.
    pub p85: Option<f64>,
    /// 95% are at or below it.
    pub p95: Option<f64>,
}

impl Percentiles {
    /// Nearest-rank P50/P85/P95 of `values` (NaN values are ignored).
    pub fn of(values: impl IntoIterator<Item = f64>) -> Percentiles {
        let mut v: Vec<f64> = values.into_iter().filter(|x| !x.is_nan()).collect();
        v.sort_by(f64::total_cmp);
        Percentiles {
            p50: rank(&v, 50.0),
            p85: rank(&v, 85.0),
            p95: rank(&v, 95.0),
        }
    }
}

/// One item's flow: when it was created, started and finished, and its times.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct FlowRow {
    /// The item.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its column now (none: the backlog).
    pub column: Option<String>,
    /// Created.
    pub created: NaiveDateTime,
    /// Started (first entry into a doing column).
    pub started: Option<NaiveDateTime>,
    /// Finished (last entry into a done column, still there).
    pub finished: Option<NaiveDateTime>,
    /// Finished − created, in days.
    pub lead_days: Option<f64>,
    /// Finished − started, in days.
    pub cycle_days: Option<f64>,
    /// For work in progress: now − started, in days.
    pub age_days: Option<f64>,
}

/// Cycle and lead time percentiles over the finished items.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct FlowPercentiles {
    /// Finished items counted.
    pub items: usize,
    /// Cycle time (days).
    pub cycle: Percentiles,
    /// Lead time (days).
    pub lead: Percentiles,
}

/// An item in progress and how old it is against the cycle-time percentiles.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct AgingRow {
    /// The item.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its column.
    pub column: String,
    /// Days since it started.
    pub age_days: f64,
    /// The highest cycle-time percentile line it has passed (50, 85 or 95), if any.
    pub beyond: Option<u8>,
}

/// One day of a sprint's burndown and burnup (read at the end of the day).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct BurndownRow {
    /// The day.
    pub date: NaiveDate,
    /// Total scope (the burnup's scope line).
    pub scope: f64,
    /// Completed within the sprint (the burnup's done line).
    pub completed: f64,
    /// Scope − completed (the burndown line).
    pub remaining: f64,
    /// The ideal line: the committed total down to zero over the sprint's days.
    pub ideal: f64,
    /// Estimate added to the scope that day.
    pub added: f64,
    /// Estimate removed that day (re-estimates count here when they lower it).
    pub removed: f64,
}

/// An item in a sprint's scope that was finished before it joined the sprint.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct OutsideRow {
    /// The item.
    pub item: String,
    /// When it finished.
    pub finished: NaiveDateTime,
    /// Its estimate.
    pub estimate: f64,
    /// "before" the sprint started, or "before_added": before it was added mid-sprint.
    pub when: &'static str,
}

/// A sprint's burndown and burnup.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Burndown {
    /// The sprint.
    pub sprint: String,
    /// The committed total at start (without work already finished before it).
    pub committed: f64,
    /// One row per sprint day (working days of the calendar when one is given).
    pub days: Vec<BurndownRow>,
    /// Work finished outside the sprint: not progress, not remaining.
    pub outside: Vec<OutsideRow>,
}

impl Burndown {
    /// The burndown as a text table for people: one line per day, then the work
    /// finished outside the sprint.
    ///
    /// ```
    /// # use planix::agile::*;
    /// # let t = |s: &str| s.parse::<chrono::NaiveDateTime>().unwrap();
    /// # let mut b = Board::new("B");
    /// # b.add_column(Column::new("todo", "To do", Stage::Todo))?;
    /// # b.add_item(ItemSpec::new("A", "A").with_estimate(3.0), t("2027-03-01T09:00:00"), "")?;
    /// # b.add_sprint(SprintSpec::new("S1", "2027-03-01".parse()?, "2027-03-02".parse()?))?;
    /// # b.add_to_sprint("S1", "A", t("2027-03-01T09:10:00"), "")?;
    /// let text = b.burndown("S1", None, None)?.table();
    /// assert!(text.starts_with("sprint S1: committed 3"));
    /// assert!(text.contains("2027-03-02"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self) -> String {
        use std::fmt::Write;
        let n = |v: f64| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        };
        let mut out = format!("sprint {}: committed {}\n", self.sprint, n(self.committed));
        out.push_str("date        scope  completed  remaining  ideal  added  removed\n");
        for d in &self.days {
            let _ = writeln!(
                out,
                "{}  {:>5}  {:>9}  {:>9}  {:>5}  {:>5}  {:>7}",
                d.date,
                n(d.scope),
                n(d.completed),
                n(d.remaining),
                n(d.ideal),
                n(d.added),
                n(d.removed)
            );
        }
        for o in &self.outside {
            let _ = writeln!(
                out,
                "outside the sprint ({}): {} ({}), finished {}",
                o.when,
                o.item,
                n(o.estimate),
                o.finished
            );
        }
        out
    }
}

/// One closed sprint's velocity.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct VelocityRow {
    /// The sprint.
    pub sprint: String,
    /// Its team.
    pub team: String,
    /// Committed at start (without work already finished before it).
    pub committed: f64,
    /// Completed within the sprint.
    pub completed: f64,
    /// Added while it ran.
    pub added: f64,
    /// Removed while it ran.
    pub removed: f64,
    /// Mean completed over this and the two sprints before (same team).
    pub rolling_mean: f64,
    /// Standard deviation of the same window (population).
    pub rolling_sd: f64,
}

/// One day of the cumulative flow diagram: cards per column at the end of the day.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct CfdRow {
    /// The day.
    pub date: NaiveDate,
    /// Items created and not on the board.
    pub backlog: u32,
    /// Cards per column, in column order.
    pub counts: Vec<u32>,
}

/// The cumulative flow diagram.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Cfd {
    /// Column ids, in board order.
    pub columns: Vec<String>,
    /// One row per day.
    pub days: Vec<CfdRow>,
}

impl Cfd {
    /// Flat rows `{date, backlog, <column id>: count, …}` for tables.
    pub fn rows(&self) -> Vec<serde_json::Value> {
        self.days
            .iter()
            .map(|d| {
                let mut m = serde_json::Map::new();
                m.insert("date".into(), serde_json::json!(d.date));
                m.insert("backlog".into(), serde_json::json!(d.backlog));
                for (c, n) in self.columns.iter().zip(&d.counts) {
                    m.insert(c.clone(), serde_json::json!(n));
                }
                serde_json::Value::Object(m)
            })
            .collect()
    }
}

/// Items finished in one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ThroughputRow {
    /// The period's first day.
    pub start: NaiveDate,
    /// Items finished.
    pub items: u32,
    /// Their estimates.
    pub estimate: f64,
}

/// When each item of a sprint's scope joined it: the start for the committed scope (and
/// anything added before the start), the time it was first added for items added while
/// the sprint ran.
fn joined(sp: &super::sprint::Sprint, s0: NaiveDateTime) -> HashMap<&str, NaiveDateTime> {
    let mut j: HashMap<&str, NaiveDateTime> = HashMap::new();
    for c in &sp.changes {
        if c.kind == ScopeChangeKind::Added {
            j.entry(c.item.as_str()).or_insert(c.at.max(s0));
        }
    }
    for e in &sp.committed {
        j.insert(e.item.as_str(), s0);
    }
    j
}

impl Board {
    /// Start and finish of every item from the recorded moves (see the module docs).
    pub(crate) fn times(&self) -> Vec<Times> {
        let mut t = vec![Times::default(); self.doc.items.len()];
        for m in &self.doc.moves {
            let i = self.idx.item[&m.item];
            let stage =
                m.to.as_ref()
                    .map(|c| self.doc.columns[self.idx.column[c]].stage);
            match stage {
                Some(Stage::Done) => {
                    t[i].started.get_or_insert(m.at);
                    t[i].finished = Some(m.at);
                }
                Some(Stage::Doing) => {
                    t[i].started.get_or_insert(m.at);
                    t[i].finished = None;
                }
                _ => t[i].finished = None,
            }
        }
        t
    }

    /// Finish time by item id.
    pub(crate) fn finish_times(&self) -> HashMap<&str, NaiveDateTime> {
        self.times()
            .iter()
            .zip(&self.doc.items)
            .filter_map(|(t, it)| t.finished.map(|f| (it.id.as_str(), f)))
            .collect()
    }

    /// Every item's flow at `now` (lead, cycle and age in days), in creation order.
    pub fn flow(&self, now: NaiveDateTime) -> Vec<FlowRow> {
        self.times()
            .into_iter()
            .zip(&self.doc.items)
            .map(|(t, it)| FlowRow {
                id: it.id.clone(),
                title: it.title.clone(),
                column: it.card.as_ref().map(|c| c.column.clone()),
                created: it.created,
                started: t.started,
                finished: t.finished,
                lead_days: t.finished.map(|f| days(it.created, f)),
                cycle_days: t.finished.zip(t.started).map(|(f, s)| days(s, f)),
                age_days: match (t.started, t.finished) {
                    (Some(s), None) if it.card.is_some() => Some(days(s, now).max(0.0)),
                    _ => None,
                },
            })
            .collect()
    }

    /// Cycle and lead time percentiles (50/85/95) over the finished items.
    pub fn flow_percentiles(&self) -> FlowPercentiles {
        let rows = self.flow(NaiveDateTime::MIN);
        let done: Vec<&FlowRow> = rows.iter().filter(|r| r.finished.is_some()).collect();
        FlowPercentiles {
            items: done.len(),
            cycle: Percentiles::of(done.iter().filter_map(|r| r.cycle_days)),
            lead: Percentiles::of(done.iter().filter_map(|r| r.lead_days)),
        }
    }

    /// Work in progress at `now` with its age against the cycle-time percentile lines,
    /// oldest first.
    pub fn aging(&self, now: NaiveDateTime) -> Vec<AgingRow> {
        let p = self.flow_percentiles().cycle;
        let mut out: Vec<AgingRow> = self
            .flow(now)
            .into_iter()
            .filter_map(|r| {
                let age = r.age_days?;
                let beyond = [(95, p.p95), (85, p.p85), (50, p.p50)]
                    .into_iter()
                    .find(|(_, line)| line.is_some_and(|l| age > l))
                    .map(|(k, _)| k);
                Some(AgingRow {
                    id: r.id,
                    title: r.title,
                    column: r.column.unwrap_or_default(),
                    age_days: age,
                    beyond,
                })
            })
            .collect();
        out.sort_by(|a, b| b.age_days.total_cmp(&a.age_days).then(a.id.cmp(&b.id)));
        out
    }

    /// Items finished per period between two days (inclusive), with their estimates.
    ///
    /// # Errors
    /// A range longer than [`MAX_RANGE_DAYS`] or reversed.
    pub fn throughput(
        &self,
        period: Period,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ThroughputRow>, AgileError> {
        check_range(from, to)?;
        let mut rows = vec![];
        let mut s = period.start_of(from);
        while s <= to {
            rows.push(ThroughputRow {
                start: s,
                items: 0,
                estimate: 0.0,
            });
            s = period.next_start(s);
        }
        for (t, it) in self.times().iter().zip(&self.doc.items) {
            if let Some(f) = t.finished {
                let d = f.date();
                if d < from || d > to {
                    continue;
                }
                let k = rows.partition_point(|r| r.start <= d) - 1;
                rows[k].items += 1;
                rows[k].estimate += it.estimate.unwrap_or(0.0);
            }
        }
        Ok(rows)
    }

    /// Items finished on each working day of `calendar` from `from` to `to`, the history
    /// a throughput forecast samples. A finish on a non-working day counts on the next
    /// working day of the range.
    ///
    /// # Errors
    /// A reversed or too long range.
    pub fn daily_throughput(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        calendar: &Calendar,
    ) -> Result<Vec<f64>, AgileError> {
        let per_day = self.throughput(Period::Day, from, to)?;
        let mut out = vec![];
        let mut carry = 0.0;
        for r in per_day {
            carry += f64::from(r.items);
            if calendar.is_working_day(r.start) {
                out.push(carry);
                carry = 0.0;
            }
        }
        Ok(out)
    }

    /// The cumulative flow diagram from `from` to `to` (cards per column at each day's
    /// end, replayed from the moves; items created and off the board count as backlog).
    ///
    /// # Errors
    /// A reversed or too long range.
    pub fn cfd(&self, from: NaiveDate, to: NaiveDate) -> Result<Cfd, AgileError> {
        check_range(from, to)?;
        let nc = self.doc.columns.len();
        let mut counts = vec![0u32; nc];
        let mut backlog = 0u32;
        let mut place: Vec<Option<usize>> = vec![None; self.doc.items.len()];
        let mut created: Vec<NaiveDateTime> = self.doc.items.iter().map(|i| i.created).collect();
        created.sort();
        let (mut ci, mut mi) = (0usize, 0usize);
        let moves = &self.doc.moves;
        let mut days = vec![];
        for d in from.iter_days().take_while(|d| *d <= to) {
            let end = end_of(d);
            while ci < created.len() && created[ci] < end {
                backlog += 1;
                ci += 1;
            }
            while mi < moves.len() && moves[mi].at < end {
                let m = &moves[mi];
                let i = self.idx.item[&m.item];
                match place[i] {
                    Some(c) => counts[c] -= 1,
                    None => backlog = backlog.saturating_sub(1),
                }
                place[i] = m.to.as_ref().map(|c| self.idx.column[c]);
                match place[i] {
                    Some(c) => counts[c] += 1,
                    None => backlog += 1,
                }
                mi += 1;
            }
            days.push(CfdRow {
                date: d,
                backlog,
                counts: counts.clone(),
            });
        }
        Ok(Cfd {
            columns: self.doc.columns.iter().map(|c| c.id.clone()).collect(),
            days,
        })
    }

    /// A sprint's burndown and burnup, one row per day up to `as_of` (default: its last
    /// day), on the working days of `calendar` when given (see the module docs).
    ///
    /// # Errors
    /// An unknown sprint.
    pub fn burndown(
        &self,
        sprint: &str,
        calendar: Option<&Calendar>,
        as_of: Option<NaiveDate>,
    ) -> Result<Burndown, AgileError> {
        let sp = self
            .sprint(sprint)
            .ok_or_else(|| unknown("sprint", sprint))?;
        let started = sp.state != SprintState::Planned;
        let base = if started { &sp.committed } else { &sp.scope };
        let fin = self.finish_times();
        let s0 = sp.start.and_time(NaiveTime::MIN);
        // Work finished before the sprint is not part of its commitment.
        let committed: f64 = base
            .iter()
            .filter(|e| fin.get(e.item.as_str()).is_none_or(|&f| f >= s0))
            .map(|e| e.estimate)
            .fold(0.0, |a, b| a + b);
        let sprint_days: Vec<NaiveDate> = sp
            .start
            .iter_days()
            .take_while(|d| *d <= sp.end)
            .filter(|d| calendar.is_none_or(|c| c.is_working_day(*d)))
            .collect();
        let n = sprint_days.len().max(1) as f64;
        let mut outside = vec![];
        let joined = joined(sp, s0);
        let out_of = |item: &str| -> Option<(NaiveDateTime, &'static str)> {
            let f = *fin.get(item)?;
            let j = joined.get(item).copied().unwrap_or(s0);
            if f < s0 {
                Some((f, "before"))
            } else if f < j {
                Some((f, "before_added"))
            } else {
                None
            }
        };
        // Replay: the estimate each item counts for, as scope entries change.
        let mut scope: HashMap<&str, f64> =
            base.iter().map(|e| (e.item.as_str(), e.estimate)).collect();
        let changes = if started { &sp.changes[..] } else { &[] };
        let mut k = 0usize;
        let last = as_of.map_or(sp.end, |a| a.min(sp.end));
        let mut rows = vec![];
        for (i, &d) in sprint_days.iter().enumerate() {
            if d > last {
                break;
            }
            let end = end_of(d);
            let (mut added, mut removed) = (0.0, 0.0);
            while k < changes.len() && changes[k].at < end {
                let c = &changes[k];
                match c.kind {
                    ScopeChangeKind::Added => {
                        scope.insert(c.item.as_str(), c.delta);
                    }
                    ScopeChangeKind::Removed => {
                        scope.remove(c.item.as_str());
                    }
                    ScopeChangeKind::Reestimated => {
                        if let Some(e) = scope.get_mut(c.item.as_str()) {
                            *e += c.delta;
                        }
                    }
                }
                // Work done before it joined is neither scope nor a scope change.
                if out_of(c.item.as_str()).is_some() {
                } else if c.delta >= 0.0 {
                    added += c.delta;
                } else {
                    removed -= c.delta;
                }
                k += 1;
            }
            let (mut total, mut done) = (0.0, 0.0);
            for (item, &e) in &scope {
                if out_of(item).is_some() {
                    continue;
                }
                total += e;
                if fin.get(item).is_some_and(|&f| f < end) {
                    done += e;
                }
            }
            rows.push(BurndownRow {
                date: d,
                scope: total,
                completed: done,
                remaining: total - done,
                ideal: committed * (n - (i as f64 + 1.0)) / n,
                added,
                removed,
            });
        }
        let mut items: Vec<&str> = scope.keys().copied().collect();
        items.extend(base.iter().map(|e| e.item.as_str()));
        items.sort_unstable();
        items.dedup();
        for item in items {
            if let Some((f, when)) = out_of(item) {
                let est = scope
                    .get(item)
                    .copied()
                    .or_else(|| base.iter().find(|e| e.item == item).map(|e| e.estimate))
                    .unwrap_or(0.0);
                outside.push(OutsideRow {
                    item: item.to_string(),
                    finished: f,
                    estimate: est,
                    when,
                });
            }
        }
        Ok(Burndown {
            sprint: sp.id.clone(),
            committed,
            days: rows,
            outside,
        })
    }

    /// Velocity of each closed sprint (in start order), with the rolling mean and
    /// spread over the last three of its team.
    pub fn velocity(&self) -> Vec<VelocityRow> {
        let fin = self.finish_times();
        let mut closed: Vec<&super::sprint::Sprint> = self
            .doc
            .sprints
            .iter()
            .filter(|s| s.state == SprintState::Closed)
            .collect();
        closed.sort_by_key(|s| (s.start, s.id.clone()));
        let mut by_team: HashMap<&str, Vec<f64>> = HashMap::new();
        closed
            .into_iter()
            .map(|s| {
                let s0 = s.start.and_time(NaiveTime::MIN);
                let close = s.closed.unwrap_or(end_of(s.end));
                let joined = joined(s, s0);
                let completed: f64 = s
                    .scope
                    .iter()
                    .filter(|e| {
                        let j = joined.get(e.item.as_str()).copied().unwrap_or(s0);
                        fin.get(e.item.as_str())
                            .is_some_and(|&f| f >= j && f <= close)
                    })
                    .map(|e| e.estimate)
                    .fold(0.0, |a, b| a + b);
                // Sums fold from +0.0: `f64`'s `Sum` of nothing is −0.0, which JSON
                // writes as "-0.0" and a table shows as "-0".
                // Work finished before it joined is not a scope change of this sprint.
                let counts = |c: &&super::sprint::ScopeChange| {
                    let j = joined.get(c.item.as_str()).copied().unwrap_or(s0);
                    fin.get(c.item.as_str()).is_none_or(|&f| f >= j)
                };
                let added = s
                    .changes
                    .iter()
                    .filter(counts)
                    .filter(|c| c.kind == ScopeChangeKind::Added)
                    .map(|c| c.delta)
                    .fold(0.0, |a, b| a + b);
                let removed = s
                    .changes
                    .iter()
                    .filter(counts)
                    .filter(|c| c.kind == ScopeChangeKind::Removed)
                    .map(|c| c.delta)
                    .fold(0.0, |a, b| a - b);
                let v = by_team.entry(s.team.as_str()).or_default();
                v.push(completed);
                let w = &v[v.len().saturating_sub(3)..];
                let mean = w.iter().sum::<f64>() / w.len() as f64;
                let sd =
                    (w.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / w.len() as f64).sqrt();
                VelocityRow {
                    sprint: s.id.clone(),
                    team: s.team.clone(),
                    committed: s
                        .committed
                        .iter()
                        .filter(|e| fin.get(e.item.as_str()).is_none_or(|&f| f >= s0))
                        .map(|e| e.estimate)
                        .fold(0.0, |a, b| a + b),
                    completed,
                    added,
                    removed,
                    rolling_mean: mean,
                    rolling_sd: sd,
                }
            })
            .collect()
    }
}
