//! The board's health rules, as findings of the control module's kind.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::board::{Board, Stage};
use super::error::LimitScope;
use super::sprint::SprintState;
use crate::control::{Finding, HealthRule, Severity};

/// A forecast to check against a milestone's deadline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct DeadlineCheck {
    /// The milestone (or whatever the forecast is for).
    pub name: String,
    /// Its deadline.
    pub deadline: NaiveDate,
    /// The forecast's P85 date.
    pub p85: NaiveDate,
}

/// Thresholds of the board rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct BoardHealthOptions {
    /// Largest growth of an active sprint's scope over its committed total (0.2 = 20%).
    pub scope_growth: f64,
    /// Forecasts to compare with deadlines.
    pub forecasts: Vec<DeadlineCheck>,
}

impl Default for BoardHealthOptions {
    fn default() -> Self {
        BoardHealthOptions {
            scope_growth: 0.2,
            forecasts: vec![],
        }
    }
}

impl Board {
    /// The board rules at `now`: a column, lane or person over its WIP limit (warning;
    /// critical for a hard limit lowered below the count), work aging past the 85th
    /// percentile of cycle time (warning; critical past the 95th), an active sprint
    /// whose scope grew more than `scope_growth` (warning), and a forecast P85 after its
    /// deadline (critical). Area "agile".
    pub fn health(&self, now: NaiveDateTime, opts: &BoardHealthOptions) -> Vec<Finding> {
        let mut out = vec![];
        let over = |scope: LimitScope, name: &str, limit: u32, hard: bool, count: u32| Finding {
            rule: HealthRule::WipOverLimit,
            area: "agile",
            severity: if hard {
                Severity::Critical
            } else {
                Severity::Warning
            },
            message: format!(
                "{} {name:?} holds {count} cards, over its {}WIP limit of {limit}",
                scope.name(),
                if hard { "hard " } else { "" }
            ),
            items: vec![name.to_string()],
        };
        for (c, col) in self.doc.columns.iter().enumerate() {
            if let Some(w) = col.wip
                && self.idx_col_count(c) > w.limit
            {
                out.push(over(
                    LimitScope::Column,
                    &col.id,
                    w.limit,
                    w.hard,
                    self.idx_col_count(c),
                ));
            }
        }
        for (l, lane) in self.doc.lanes.iter().enumerate() {
            if let Some(w) = lane.wip
                && self.idx_lane_count(l) > w.limit
            {
                out.push(over(
                    LimitScope::Lane,
                    &lane.id,
                    w.limit,
                    w.hard,
                    self.idx_lane_count(l),
                ));
            }
        }
        for (who, w) in &self.doc.assignee_limits {
            let n = self.idx_person_count(who);
            if n > w.limit {
                out.push(over(LimitScope::Assignee, who, w.limit, w.hard, n));
            }
        }
        let p = self.flow_percentiles().cycle;
        for a in self.aging(now) {
            let (sev, line) = match (a.beyond, p.p85, p.p95) {
                (Some(95), _, Some(l)) => (Severity::Critical, (95, l)),
                (Some(85), Some(l), _) => (Severity::Warning, (85, l)),
                _ => continue,
            };
            out.push(Finding {
                rule: HealthRule::AgingWip,
                area: "agile",
                severity: sev,
                message: format!(
                    "{} ({:?}) has been in progress {:.1} days, past the P{} cycle time of {:.1} days",
                    a.id, a.title, a.age_days, line.0, line.1
                ),
                items: vec![a.id],
            });
        }
        for s in &self.doc.sprints {
            if s.state != SprintState::Active {
                continue;
            }
            let c = s.committed_total();
            let now_total = s.scope_total();
            if (c > 0.0 && now_total > c * (1.0 + opts.scope_growth))
                || (c == 0.0 && now_total > 0.0)
            {
                out.push(Finding {
                    rule: HealthRule::SprintScopeGrowth,
                    area: "agile",
                    severity: Severity::Warning,
                    message: format!(
                        "sprint {:?} scope grew from {c} to {now_total} ({:+.0}%), above the {:.0}% threshold",
                        s.id,
                        if c > 0.0 { (now_total / c - 1.0) * 100.0 } else { 100.0 },
                        opts.scope_growth * 100.0
                    ),
                    items: vec![s.id.clone()],
                });
            }
        }
        for f in &opts.forecasts {
            if f.p85 > f.deadline {
                out.push(Finding {
                    rule: HealthRule::ForecastAfterDeadline,
                    area: "agile",
                    severity: Severity::Critical,
                    message: format!(
                        "{}: the forecast P85 {} is {} days after the deadline {}",
                        f.name,
                        f.p85,
                        (f.p85 - f.deadline).num_days(),
                        f.deadline
                    ),
                    items: vec![f.name.clone()],
                });
            }
        }
        out
    }

    /// Cards in doing columns.
    pub fn work_in_progress(&self) -> usize {
        self.doc
            .items
            .iter()
            .filter(|i| {
                i.card.as_ref().is_some_and(|c| {
                    self.doc.columns[self.idx.column[&c.column]].stage == Stage::Doing
                })
            })
            .count()
    }
}
