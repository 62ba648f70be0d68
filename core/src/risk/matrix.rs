//! The probability × impact matrix.

use serde::{Deserialize, Serialize};

use super::register::{Assessment, Risk, RiskError};

/// One row of the matrix: a probability band `[min, max)` (the top band includes 1.0).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ProbabilityLevel {
    /// Label shown to people ("Likely").
    pub label: String,
    /// Lower bound, inclusive.
    pub min: f64,
    /// Upper bound, exclusive (inclusive for the top band).
    pub max: f64,
}

/// One column of the matrix: an impact level with its label and the money and working
/// days that reach it (thresholds, lowest level first; the first level starts at 0).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ImpactLevel {
    /// Label shown to people ("Moderate").
    pub label: String,
    /// Smallest cost impact rated at this level.
    #[serde(default)]
    pub cost_from: f64,
    /// Smallest schedule impact, in working days, rated at this level.
    #[serde(default)]
    pub days_from: f64,
}

/// How a risk's overall score is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// Probability (0–1) × impact level: 0.4 × 4 = 1.6.
    #[default]
    ProbabilityTimesImpact,
    /// Matrix lookup: probability band × impact level, both 1-based (the "1 to 25"
    /// score of a 5×5 matrix): "Possible" (3) × 4 = 12.
    Matrix,
}

crate::names::named!(Scoring {
    ProbabilityTimesImpact = "probability_times_impact",
    Matrix = "matrix",
});

/// A configurable risk matrix: probability bands (rows, lowest first), impact levels
/// `1..=impact_levels` (columns) with an optional labelled scale, and a rating index per
/// cell into `ratings` (lowest first, e.g. low, medium, high, critical).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RiskMatrix {
    /// Probability bands, lowest first, covering `[0, 1]` without gaps.
    pub probability: Vec<ProbabilityLevel>,
    /// Number of impact levels (columns).
    pub impact_levels: usize,
    /// Rating labels, lowest first.
    pub ratings: Vec<String>,
    /// `cells[p][i]`: rating index of probability band `p` (0-based) and impact `i + 1`.
    pub cells: Vec<Vec<usize>>,
    /// The impact scale, one entry per level (empty: levels are plain numbers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impact_scale: Vec<ImpactLevel>,
    /// How scores are computed.
    #[serde(default)]
    pub scoring: Scoring,
    /// The ratings' colours in charts (`#RRGGBB`, one per rating, lowest first); empty
    /// draws planix's colour-blind-safe ramp.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub colours: Vec<String>,
}

/// One cell of the matrix with the open risks in it: the data a heat map draws.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct HeatCell {
    /// Probability band, 1-based (1 = lowest).
    pub probability: usize,
    /// The band's label.
    pub probability_label: String,
    /// Impact level, 1-based.
    pub impact: usize,
    /// The level's label (the number when the matrix has no scale).
    pub impact_label: String,
    /// The cell's rating.
    pub rating: String,
    /// Ids of the risks in the cell, in register order.
    pub risks: Vec<String>,
}

impl Default for RiskMatrix {
    /// The common published 5×5: Rare < 10%, Unlikely 10–30%, Possible 30–50%, Likely
    /// 50–70%, Almost certain ≥ 70%; impacts Very low, Low (from 5,000 or 2 working
    /// days), Moderate (20,000 or 5 days), High (50,000 or 10 days), Very high (100,000
    /// or 20 days); ratings low, medium, high, critical; score = probability × impact.
    fn default() -> Self {
        let band = |label: &str, min: f64, max: f64| ProbabilityLevel {
            label: label.into(),
            min,
            max,
        };
        let level = |label: &str, cost_from: f64, days_from: f64| ImpactLevel {
            label: label.into(),
            cost_from,
            days_from,
        };
        RiskMatrix {
            probability: vec![
                band("Rare", 0.0, 0.1),
                band("Unlikely", 0.1, 0.3),
                band("Possible", 0.3, 0.5),
                band("Likely", 0.5, 0.7),
                band("Almost certain", 0.7, 1.0),
            ],
            impact_levels: 5,
            ratings: ["low", "medium", "high", "critical"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            cells: vec![
                vec![0, 0, 0, 1, 1],
                vec![0, 0, 1, 1, 2],
                vec![0, 1, 1, 2, 2],
                vec![1, 1, 2, 2, 3],
                vec![1, 2, 2, 3, 3],
            ],
            impact_scale: vec![
                level("Very low", 0.0, 0.0),
                level("Low", 5_000.0, 2.0),
                level("Moderate", 20_000.0, 5.0),
                level("High", 50_000.0, 10.0),
                level("Very high", 100_000.0, 20.0),
            ],
            scoring: Scoring::ProbabilityTimesImpact,
            colours: vec![],
        }
    }
}

impl RiskMatrix {
    /// Checks the matrix: 3 to 10 bands and impact levels, bands covering `[0, 1]` in
    /// order without gaps, every cell present and naming a rating.
    ///
    /// # Errors
    /// [`RiskError::InvalidMatrix`] saying what is wrong.
    pub fn validate(&self) -> Result<(), RiskError> {
        let bad = |m: String| Err(RiskError::InvalidMatrix(m));
        let (p, i) = (self.probability.len(), self.impact_levels);
        if !(3..=10).contains(&p) || !(3..=10).contains(&i) {
            return bad(format!("a matrix is 3×3 to 10×10, this one is {p}×{i}"));
        }
        if self.ratings.is_empty() {
            return bad("no ratings".into());
        }
        let mut at = 0.0;
        for (k, b) in self.probability.iter().enumerate() {
            if b.min != at || b.max.is_nan() || b.max <= b.min || b.max > 1.0 {
                return bad(format!(
                    "probability band {} ({:?}) must start at {at} and end above it, at most 1",
                    k + 1,
                    b.label
                ));
            }
            at = b.max;
        }
        if at != 1.0 {
            return bad(format!("probability bands end at {at}, not 1"));
        }
        if self.cells.len() != p {
            return bad(format!(
                "{} rows of cells for {p} probability bands",
                self.cells.len()
            ));
        }
        for (r, row) in self.cells.iter().enumerate() {
            if row.len() != i {
                return bad(format!(
                    "row {} has {} cells, expected {i}",
                    r + 1,
                    row.len()
                ));
            }
            if let Some(c) = row.iter().position(|&x| x >= self.ratings.len()) {
                return bad(format!("cell ({}, {}) names no rating", r + 1, c + 1));
            }
        }
        if !self.colours.is_empty() {
            if self.colours.len() != self.ratings.len() {
                return bad(format!(
                    "{} colours for {} ratings",
                    self.colours.len(),
                    self.ratings.len()
                ));
            }
            let hex = |c: &str| {
                c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
            };
            if let Some((k, c)) = self.colours.iter().enumerate().find(|(_, c)| !hex(c)) {
                return bad(format!(
                    "colour {} ({c:?}) of rating {:?} is not #RRGGBB",
                    k + 1,
                    self.ratings[k]
                ));
            }
        }
        if !self.impact_scale.is_empty() {
            if self.impact_scale.len() != i {
                return bad(format!(
                    "the impact scale has {} levels for {i} impact columns",
                    self.impact_scale.len()
                ));
            }
            let mut prev: Option<&ImpactLevel> = None;
            for (k, l) in self.impact_scale.iter().enumerate() {
                let ok = l.cost_from.is_finite()
                    && l.days_from.is_finite()
                    && match prev {
                        None => l.cost_from == 0.0 && l.days_from == 0.0,
                        Some(p) => l.cost_from > p.cost_from && l.days_from > p.days_from,
                    };
                if !ok {
                    return bad(format!(
                        "impact level {} ({:?}): the first level starts at 0 and each \
                         next one at a higher cost and more days",
                        k + 1,
                        l.label
                    ));
                }
                prev = Some(l);
            }
        }
        Ok(())
    }

    /// The impact level (1-based) a cost impact reaches on the scale (`None` without a
    /// scale or for a negative or non-finite amount).
    pub fn impact_for_cost(&self, cost: f64) -> Option<u8> {
        self.level_from(cost, |l| l.cost_from)
    }

    /// The impact level (1-based) a schedule impact of `days` working days reaches.
    pub fn impact_for_days(&self, days: f64) -> Option<u8> {
        self.level_from(days, |l| l.days_from)
    }

    fn level_from(&self, x: f64, from: impl Fn(&ImpactLevel) -> f64) -> Option<u8> {
        if !(x.is_finite() && x >= 0.0) {
            return None;
        }
        let k = self.impact_scale.iter().filter(|l| x >= from(l)).count();
        u8::try_from(k).ok().filter(|k| *k > 0)
    }

    /// The label of an impact level (its number when the matrix has no scale).
    pub fn impact_label(&self, level: usize) -> String {
        level
            .checked_sub(1)
            .and_then(|k| self.impact_scale.get(k))
            .map_or_else(|| level.to_string(), |l| l.label.clone())
    }

    /// The overall score of an assessment by the matrix's [`Scoring`] (`None` when the
    /// assessment falls outside the matrix).
    pub fn score(&self, a: &Assessment) -> Option<f64> {
        let (p, i) = self.cell(a)?;
        Some(match self.scoring {
            Scoring::ProbabilityTimesImpact => a.probability * i as f64,
            Scoring::Matrix => (p * i) as f64,
        })
    }

    /// The probability band (1-based) holding `p`: bands are `[min, max)`, the top band
    /// includes 1.0, so a value on a boundary belongs to the higher band.
    pub fn band_of(&self, p: f64) -> Option<usize> {
        if !(0.0..=1.0).contains(&p) {
            return None;
        }
        let last = self.probability.len();
        self.probability
            .iter()
            .position(|b| p >= b.min && p < b.max)
            .map(|k| k + 1)
            .or_else(|| (p == 1.0 && last > 0).then_some(last))
    }

    /// The cell `(probability band, impact)`, both 1-based, of an assessment.
    pub fn cell(&self, a: &Assessment) -> Option<(usize, usize)> {
        let i = usize::from(a.impact);
        if i == 0 || i > self.impact_levels {
            return None;
        }
        Some((self.band_of(a.probability)?, i))
    }

    /// The cell of a risk's current assessment (residual when it has one).
    pub fn cell_of(&self, risk: &Risk) -> Option<(usize, usize)> {
        self.cell(risk.current()?)
    }

    /// The rating label of a cell.
    pub fn rating(&self, cell: (usize, usize)) -> Option<&str> {
        let idx = *self
            .cells
            .get(cell.0.checked_sub(1)?)?
            .get(cell.1.checked_sub(1)?)?;
        self.ratings.get(idx).map(String::as_str)
    }
}
