//! The probability × impact matrix.

use serde::{Deserialize, Serialize};

use super::register::{Assessment, Risk, RiskError};

/// One row of the matrix: a probability band `[min, max)` (the top band includes 1.0).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbabilityLevel {
    /// Label shown to people ("Likely").
    pub label: String,
    /// Lower bound, inclusive.
    pub min: f64,
    /// Upper bound, exclusive (inclusive for the top band).
    pub max: f64,
}

/// A configurable risk matrix: probability bands (rows, lowest first), impact levels
/// `1..=impact_levels` (columns), and a rating index per cell into `ratings`
/// (lowest first, e.g. low, medium, high, critical).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
}

impl Default for RiskMatrix {
    /// The common published 5×5: Rare < 10%, Unlikely 10–30%, Possible 30–50%, Likely
    /// 50–70%, Almost certain ≥ 70%; ratings low, medium, high, critical.
    fn default() -> Self {
        let band = |label: &str, min: f64, max: f64| ProbabilityLevel {
            label: label.into(),
            min,
            max,
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
        Ok(())
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
