//! Three-point duration estimates and the distributions the Monte Carlo engine samples.

use serde::{Deserialize, Serialize};

use crate::calendar::Duration;

/// The shape of a duration's uncertainty between its optimistic and pessimistic bounds.
///
/// For `Normal` and `LogNormal` the three points set the first two moments the way
/// PERT does: mean `(o + 4m + p) / 6` and standard deviation `(p − o) / 6`; the normal
/// is truncated at zero (no negative durations), the lognormal is positive by nature.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    /// Triangular on `[o, p]` with mode `m`.
    Triangular,
    /// Beta-PERT on `[o, p]` with mode `m` and shape `lambda` (4 is the classic PERT).
    BetaPert {
        /// Shape: weight of the mode (> 0; 4 in classic PERT).
        #[serde(default = "default_lambda")]
        lambda: f64,
    },
    /// Uniform on `[o, p]`.
    Uniform,
    /// Normal with PERT mean and σ, truncated at zero.
    Normal,
    /// Lognormal with PERT mean and σ (written `"lognormal"`; `"log_normal"` is read too).
    #[serde(rename = "lognormal", alias = "log_normal")]
    LogNormal,
    /// No uncertainty: the task's planned `duration`.
    #[default]
    Fixed,
}

fn default_lambda() -> f64 {
    DEFAULT_LAMBDA
}

/// The classic beta-PERT shape, λ = 4 (the default).
pub const DEFAULT_LAMBDA: f64 = 4.0;

impl Distribution {
    /// Classic beta-PERT (λ = 4).
    pub const PERT: Distribution = Distribution::BetaPert {
        lambda: DEFAULT_LAMBDA,
    };

    /// The names [`from_name`](Self::from_name) accepts.
    pub const NAMES: [&'static str; 6] = [
        "beta_pert",
        "triangular",
        "uniform",
        "normal",
        "lognormal",
        "fixed",
    ];

    /// The distribution called `name` (one of [`NAMES`](Self::NAMES), or `"pert"` for
    /// `"beta_pert"`); `lambda` is the beta-PERT shape and ignored by the others.
    ///
    /// ```
    /// use planix::Distribution;
    /// assert_eq!(Distribution::from_name("pert", 4.0), Some(Distribution::PERT));
    /// assert_eq!(Distribution::from_name("gamma", 4.0), None);
    /// ```
    pub fn from_name(name: &str, lambda: f64) -> Option<Self> {
        Self::named(name, Some(lambda))
    }

    /// The distribution a caller names, or the classic beta-PERT when they name none:
    /// what the bindings' `set_estimate` and risk `assess` call with their arguments.
    ///
    /// # Errors
    /// [`ModelError::UnknownDistribution`](super::ModelError::UnknownDistribution) listing
    /// the allowed names.
    ///
    /// ```
    /// use planix::Distribution;
    /// assert_eq!(Distribution::choose(None, None), Ok(Distribution::PERT));
    /// assert!(Distribution::choose(Some("gamma"), None).is_err());
    /// ```
    pub fn choose(
        name: Option<&str>,
        lambda: Option<f64>,
    ) -> Result<Distribution, super::ModelError> {
        match name {
            None => Ok(Distribution::PERT),
            Some(n) => {
                Self::named(n, lambda).ok_or_else(|| super::ModelError::UnknownDistribution {
                    name: n.to_string(),
                })
            }
        }
    }

    /// As [`from_name`](Self::from_name) with an optional shape: beta-PERT without one
    /// is the classic λ = 4 ([`DEFAULT_LAMBDA`]). What the bindings call with the
    /// caller's arguments.
    pub fn named(name: &str, lambda: Option<f64>) -> Option<Self> {
        let lambda = lambda.unwrap_or(DEFAULT_LAMBDA);
        Some(match name {
            "beta_pert" | "pert" => Distribution::BetaPert { lambda },
            "triangular" => Distribution::Triangular,
            "uniform" => Distribution::Uniform,
            "normal" => Distribution::Normal,
            "lognormal" => Distribution::LogNormal,
            "fixed" => Distribution::Fixed,
            _ => return None,
        })
    }

    /// A short lowercase name ("triangular", "beta_pert", …).
    pub fn name(&self) -> &'static str {
        match self {
            Distribution::Triangular => "triangular",
            Distribution::BetaPert { .. } => "beta_pert",
            Distribution::Uniform => "uniform",
            Distribution::Normal => "normal",
            Distribution::LogNormal => "lognormal",
            Distribution::Fixed => "fixed",
        }
    }
}

/// A three-point estimate of a task's duration, in working time, with its distribution.
///
/// Valid when `0 ≤ optimistic ≤ most_likely ≤ pessimistic` (and, for beta-PERT, λ > 0).
///
/// # Example
/// ```
/// use planix::{Distribution, Duration, Estimate};
/// let d = |n| Duration::from_days(n, 480);
/// let e = Estimate::pert(d(2), d(3), d(8));
/// // Beta-PERT mean (o + 4m + p) / 6 = 11/3 days.
/// assert!((e.mean_minutes() - 11.0 / 3.0 * 480.0).abs() < 1e-9);
/// assert_eq!(e.distribution, Distribution::PERT);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    /// Optimistic (best case) duration.
    pub optimistic: Duration,
    /// Most likely duration (the mode).
    pub most_likely: Duration,
    /// Pessimistic (worst case) duration.
    pub pessimistic: Duration,
    /// How the duration is distributed between the bounds.
    #[serde(default = "pert")]
    pub distribution: Distribution,
}

fn pert() -> Distribution {
    Distribution::PERT
}

impl Estimate {
    /// An estimate with the given distribution.
    pub fn new(
        optimistic: Duration,
        most_likely: Duration,
        pessimistic: Duration,
        distribution: Distribution,
    ) -> Self {
        Estimate {
            optimistic,
            most_likely,
            pessimistic,
            distribution,
        }
    }

    /// A classic beta-PERT (λ = 4) estimate.
    pub fn pert(optimistic: Duration, most_likely: Duration, pessimistic: Duration) -> Self {
        Self::new(optimistic, most_likely, pessimistic, Distribution::PERT)
    }

    /// A fixed (certain) duration.
    pub fn fixed(duration: Duration) -> Self {
        Self::new(duration, duration, duration, Distribution::Fixed)
    }

    /// A triangular estimate.
    pub fn triangular(optimistic: Duration, most_likely: Duration, pessimistic: Duration) -> Self {
        Self::new(
            optimistic,
            most_likely,
            pessimistic,
            Distribution::Triangular,
        )
    }

    fn opm(&self) -> (f64, f64, f64) {
        (
            self.optimistic.as_minutes() as f64,
            self.most_likely.as_minutes() as f64,
            self.pessimistic.as_minutes() as f64,
        )
    }

    /// The PERT moments `((o + 4m + p) / 6, (p − o) / 6)` in minutes.
    pub fn classic_moments(&self) -> (f64, f64) {
        let (o, m, p) = self.opm();
        ((o + 4.0 * m + p) / 6.0, (p - o) / 6.0)
    }

    /// The mean of the distribution in working minutes (for `Fixed`: the most likely value;
    /// the simulation samples a fixed task at its planned duration instead).
    pub fn mean_minutes(&self) -> f64 {
        self.moments().0
    }

    /// The standard deviation of the distribution in working minutes.
    pub fn std_dev_minutes(&self) -> f64 {
        self.moments().1
    }

    /// Exact mean and standard deviation of the distribution, in minutes.
    ///
    /// Triangular: `(o+m+p)/3`, `√((o²+m²+p²−om−op−mp)/18)`; beta-PERT:
    /// `μ = (o+λm+p)/(λ+2)`, `σ² = (μ−o)(p−μ)/(λ+3)`; uniform: `(o+p)/2`, `(p−o)/√12`;
    /// normal: the moments of the PERT normal truncated at zero; lognormal: the PERT moments.
    pub fn moments(&self) -> (f64, f64) {
        let (o, m, p) = self.opm();
        match self.distribution {
            Distribution::Triangular => {
                let mean = (o + m + p) / 3.0;
                let var = (o * o + m * m + p * p - o * m - o * p - m * p) / 18.0;
                (mean, var.max(0.0).sqrt())
            }
            Distribution::BetaPert { lambda } => {
                let mean = (o + lambda * m + p) / (lambda + 2.0);
                let var = (mean - o) * (p - mean) / (lambda + 3.0);
                (mean, var.max(0.0).sqrt())
            }
            Distribution::Uniform => ((o + p) / 2.0, (p - o) / 12f64.sqrt()),
            Distribution::Normal => {
                let (mu, sd) = self.classic_moments();
                truncated_normal_moments(mu, sd)
            }
            Distribution::LogNormal => self.classic_moments(),
            Distribution::Fixed => (m, 0.0),
        }
    }

    /// Checks `0 ≤ o ≤ m ≤ p ≤ MAX_MINUTES` and a positive finite λ; returns what is wrong.
    pub(crate) fn problem(&self) -> Option<String> {
        let (o, m, p) = (
            self.optimistic.as_minutes(),
            self.most_likely.as_minutes(),
            self.pessimistic.as_minutes(),
        );
        if o < 0 {
            return Some(format!("optimistic duration {o} min is negative"));
        }
        if p > super::MAX_MINUTES {
            return Some(format!("pessimistic duration {p} min is out of range"));
        }
        if !(o <= m && m <= p) {
            return Some(format!(
                "estimate must satisfy optimistic <= most likely <= pessimistic, got {o} / {m} / {p} min"
            ));
        }
        if let Distribution::BetaPert { lambda } = self.distribution {
            if !(lambda.is_finite() && lambda > 0.0 && lambda <= 1e6) {
                return Some(format!(
                    "beta-PERT shape lambda must be in (0, 1e6], got {lambda}"
                ));
            }
        }
        None
    }
}

/// Standard normal density.
pub(crate) fn phi(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// Mean and standard deviation of N(μ, σ²) truncated to `[0, ∞)`.
pub(crate) fn truncated_normal_moments(mu: f64, sd: f64) -> (f64, f64) {
    if sd <= 0.0 {
        return (mu.max(0.0), 0.0);
    }
    let a = -mu / sd;
    let z = 1.0 - normal_cdf(a);
    if z <= 1e-300 {
        return (0.0, 0.0);
    }
    let lam = phi(a) / z;
    let mean = mu + sd * lam;
    let var = sd * sd * (1.0 + a * lam - lam * lam);
    (mean, var.max(0.0).sqrt())
}

/// Standard normal CDF Φ.
pub(crate) fn normal_cdf(x: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(-x / std::f64::consts::SQRT_2)
}

/// Standard normal quantile Φ⁻¹ (`p` in (0, 1)).
pub(crate) fn normal_quantile(p: f64) -> f64 {
    -std::f64::consts::SQRT_2 * statrs::function::erf::erfc_inv(2.0 * p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_functions_match_tables() {
        // Φ(1.96) = 0.9750021 and Φ⁻¹(0.8) = 0.8416212 (standard normal table).
        assert!((normal_cdf(1.96) - 0.975_002_1).abs() < 1e-7);
        assert!((normal_quantile(0.8) - 0.841_621_2).abs() < 1e-7);
        assert!((normal_quantile(0.5)).abs() < 1e-12);
    }

    #[test]
    fn moments_of_each_distribution() {
        let d = |m| Duration::minutes(m);
        let e = |dist| Estimate::new(d(2), d(3), d(8), dist);
        let (m, s) = e(Distribution::PERT).moments();
        assert!((m - 22.0 / 6.0).abs() < 1e-12);
        // (μ−o)(p−μ)/7 = (5/3)(13/3)/7
        assert!((s * s - (5.0 / 3.0) * (13.0 / 3.0) / 7.0).abs() < 1e-12);
        let (m, s) = e(Distribution::Triangular).moments();
        assert!((m - 13.0 / 3.0).abs() < 1e-12);
        assert!((s * s - (4.0 + 9.0 + 64.0 - 6.0 - 16.0 - 24.0) / 18.0).abs() < 1e-12);
        let (m, s) = e(Distribution::Uniform).moments();
        assert!((m - 5.0).abs() < 1e-12 && (s * s - 3.0).abs() < 1e-12);
        // Far from zero the truncation is invisible.
        let (m, s) = Estimate::new(d(94), d(100), d(106), Distribution::Normal).moments();
        assert!((m - 100.0).abs() < 1e-9 && (s - 2.0).abs() < 1e-9);
        // Truncation at zero raises the mean of N(0, σ²) to σ√(2/π).
        let (m, _) = Estimate::new(d(0), d(0), d(6), Distribution::Normal).moments();
        // μ = 1, σ = 1: E[X | X ≥ 0] = 1 + φ(1)/Φ(1) = 1.2876
        assert!((m - 1.287_6).abs() < 1e-4);
    }
}
