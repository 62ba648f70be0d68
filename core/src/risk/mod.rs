//! Risk register and risk matrix: risk records with dated assessment history, impacts
//! per dimension, a configurable probability × impact matrix with a heat map, responses
//! and contingency, EMV and exposure over time, alerts, CSV and JSON, and the
//! risk-adjusted Monte Carlo forecast with a risk tornado and contingency reserves.
//!
//! ```
//! use planix::risk::{Assessment, Risk, RiskKind, RiskRegister};
//! let mut reg = RiskRegister::new();
//! let id = reg.add(Risk::new("R1", "Key developer leaves", RiskKind::Threat))?;
//! reg.assess(&id, Assessment::new(0.25, 4).with_cost(20_000.0), "2027-02-01".parse()?)?;
//! assert_eq!(reg.emv(&id), Some(-5_000.0)); // 0.25 × 20,000, a threat
//! // "Unlikely" (10–30%), impact 4: medium on the default 5×5.
//! assert_eq!(reg.matrix().cell_of(reg.get(&id).unwrap()), Some((2, 4)));
//! assert_eq!(reg.rating(&id).as_deref(), Some("medium"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod csv_io;
mod forecast;
mod matrix;
mod register;
mod spec;

pub use forecast::{
    ContingencyReserve, DEFAULT_CONFIDENCE, Exposure, ForecastOptions, RiskBar, RiskForecast,
    forecast_table,
};
pub use matrix::{HeatCell, ImpactLevel, ProbabilityLevel, RiskMatrix, Scoring};
pub use register::{
    Action, ActionStatus, Assessment, Contingency, Dimension, HistoryEntry, Response, Risk,
    RiskAlert, RiskError, RiskKind, RiskRegister, RiskRow, RiskStatus, Strategy,
};
pub use spec::{AssessmentSpec, EmvTotals, RiskSpec};
