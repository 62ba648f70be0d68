//! Agile delivery beside the plan: work items (Asana's model), boards with WIP limits
//! (Trello's model), backlog and sprints, flow metrics, and Monte Carlo forecasts over
//! the team's own throughput.
//!
//! A [`Board`] is one versioned JSON document (`planix-board`) holding its columns,
//! lanes, limits, work items (with comments and activity history), backlog, sprints and
//! every card move. Times are supplied by the caller (the core has no clock), and the
//! history is append-only: an event earlier than the last one recorded is refused.
//!
//! ```
//! use planix::agile::{Board, Column, ItemSpec, Placement, SprintSpec, Stage};
//! let t = |s: &str| s.parse::<chrono::NaiveDateTime>().unwrap();
//! let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
//! let mut b = Board::new("Portal");
//! b.add_column(Column::new("todo", "To do", Stage::Todo))?;
//! b.add_column(Column::new("done", "Done", Stage::Done))?;
//! b.add_item(ItemSpec::new("A", "Login").with_estimate(5.0), t("2027-03-01T09:00:00"), "pm")?;
//! b.add_sprint(SprintSpec::new("S1", d("2027-03-01"), d("2027-03-12")))?;
//! b.add_to_sprint("S1", "A", t("2027-03-01T09:30:00"), "pm")?;
//! b.start_sprint("S1", t("2027-03-01T10:00:00"))?;
//! b.move_card("A", &Placement::column("done"), t("2027-03-04T15:00:00"), "dev")?;
//! let burn = b.burndown("S1", None, None)?;
//! assert_eq!(burn.days[3].remaining, 0.0); // done on the fourth day
//! assert_eq!(Board::from_json(&b.to_json())?, b);
//! # Ok::<(), planix::agile::AgileError>(())
//! ```

mod board;
mod error;
mod forecast;
mod health;
mod item;
mod metrics;
mod plan;
mod sprint;

pub use board::{
    Board, Column, EstimateUnit, FORMAT, Lane, MAX_ITEMS, Move, Placement, Stage, VERSION,
    WipLimit, WipWarning,
};
pub use error::{AgileError, LimitScope};
pub use forecast::{
    Cadence, CutLine, Feature, FeatureForecast, Histories, HowManyForecast, MAX_FEATURES,
    MAX_PERIODS, MAX_TRIALS, SplitRate, TeamHistory, ThroughputOptions, WhenForecast,
    forecast_cut_line, forecast_how_many, forecast_when,
};
pub use health::{BoardHealthOptions, DeadlineCheck};
pub use item::{
    Activity, ActivityKind, Card, Comment, ItemEdit, ItemKind, ItemLinks, ItemSpec, Priority,
    WorkItem,
};
pub use metrics::{
    AgingRow, Burndown, BurndownRow, Cfd, CfdRow, FlowPercentiles, FlowRow, MAX_RANGE_DAYS,
    OutsideRow, Percentiles, ThroughputRow, VelocityRow,
};
pub use plan::plan_duration;
pub use sprint::{
    MAX_SPRINT_DAYS, ScopeChange, ScopeChangeKind, ScopeEntry, Sprint, SprintSpec, SprintState,
};
