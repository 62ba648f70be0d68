//! Client feedback and satisfaction surveys: CSAT (1–5) and NPS (0–10).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ClientError, Engagement, dup};
use crate::calendar::Period;

/// The tone of a piece of feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Sentiment {
    /// Positive.
    Positive,
    /// Neutral.
    Neutral,
    /// Negative.
    Negative,
}

/// A piece of client feedback.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// Key ("F1").
    pub id: String,
    /// Day.
    pub date: NaiveDate,
    /// Who gave it (stakeholder id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stakeholder: Option<String>,
    /// Tone.
    pub sentiment: Sentiment,
    /// Topic ("reporting", "communication").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub topic: String,
    /// What was said.
    pub text: String,
    /// Ids of linked items (deliverables, requirements, change requests).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// The two survey kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum SurveyKind {
    /// Customer satisfaction, 1–5.
    Csat,
    /// Net promoter answer, 0–10.
    Nps,
}

/// A survey answer as people type it (see [`Engagement::add_survey`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SurveySpec {
    /// When it was given.
    pub date: NaiveDate,
    /// CSAT or NPS.
    pub kind: SurveyKind,
    /// The answer on the kind's scale.
    pub score: u8,
    /// Who answered (a stakeholder id).
    #[serde(default)]
    pub stakeholder: Option<String>,
}

/// One survey answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Score {
    /// Customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied).
    Csat(u8),
    /// Net promoter answer, 0 to 10 ("how likely are you to recommend us?").
    Nps(u8),
}

impl Score {
    /// The survey kinds, as [`Score::of_kind`] reads them.
    pub const KINDS: [&'static str; 2] = ["csat", "nps"];

    /// A score of the kind named `"csat"` or `"nps"` (its range is checked when it is
    /// recorded).
    pub fn of_kind(kind: &str, value: u8) -> Option<Score> {
        match kind {
            "csat" => Some(Score::Csat(value)),
            "nps" => Some(Score::Nps(value)),
            _ => None,
        }
    }
}

/// One respondent's answer to a survey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SurveyResponse {
    /// Day.
    pub date: NaiveDate,
    /// Respondent (stakeholder id), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stakeholder: Option<String>,
    /// The answer.
    pub score: Score,
}

/// Satisfaction in one period.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct SurveyTrend {
    /// First day of the period.
    pub period: NaiveDate,
    /// CSAT: share of 4 and 5 answers, in percent (`None` without answers).
    pub csat: Option<f64>,
    /// Number of CSAT answers.
    pub csat_responses: usize,
    /// NPS: percent promoters (9–10) minus percent detractors (0–6), −100 to 100.
    pub nps: Option<f64>,
    /// Number of NPS answers.
    pub nps_responses: usize,
}

/// CSAT of some answers: percent of 4s and 5s.
fn csat<'a>(it: impl Iterator<Item = &'a SurveyResponse>) -> (Option<f64>, usize) {
    let (mut n, mut good) = (0usize, 0usize);
    for r in it {
        if let Score::Csat(x) = r.score {
            n += 1;
            good += usize::from(x >= 4);
        }
    }
    ((n > 0).then(|| 100.0 * good as f64 / n as f64), n)
}

/// NPS of some answers: percent promoters minus percent detractors.
fn nps<'a>(it: impl Iterator<Item = &'a SurveyResponse>) -> (Option<f64>, usize) {
    let (mut n, mut pro, mut det) = (0usize, 0usize, 0usize);
    for r in it {
        if let Score::Nps(x) = r.score {
            n += 1;
            pro += usize::from(x >= 9);
            det += usize::from(x <= 6);
        }
    }
    (
        (n > 0).then(|| 100.0 * (pro as f64 - det as f64) / n as f64),
        n,
    )
}

impl Engagement {
    /// Adds a feedback entry.
    ///
    /// # Errors
    /// [`ClientError::Duplicate`], or [`ClientError::Unknown`] for a stakeholder who
    /// does not exist.
    pub fn add_feedback(&mut self, f: Feedback) -> Result<(), ClientError> {
        dup(&self.feedback, &f.id, "feedback", |x| &x.id)?;
        if let Some(s) = &f.stakeholder {
            self.need_stakeholder(s)?;
        }
        self.feedback.push(f);
        Ok(())
    }

    /// The feedback entries.
    pub fn feedback(&self) -> &[Feedback] {
        &self.feedback
    }

    /// Records a survey answer.
    ///
    /// # Errors
    /// [`ClientError::Invalid`] for a CSAT outside 1–5 or an NPS answer outside 0–10,
    /// [`ClientError::Unknown`] for a respondent who is not a stakeholder.
    pub fn add_survey_response(&mut self, r: SurveyResponse) -> Result<(), ClientError> {
        let ok = match r.score {
            Score::Csat(x) => (1..=5).contains(&x),
            Score::Nps(x) => x <= 10,
        };
        if !ok {
            return Err(ClientError::Invalid {
                kind: "survey response",
                id: r.stakeholder.clone().unwrap_or_default(),
                message: format!("{:?} is outside its scale (CSAT 1–5, NPS 0–10)", r.score),
            });
        }
        if let Some(s) = &r.stakeholder {
            self.need_stakeholder(s)?;
        }
        self.surveys.push(r);
        Ok(())
    }

    /// Records a survey answer given flat, as people type it: `{date, kind: "csat" |
    /// "nps", score, stakeholder?}`.
    ///
    /// # Errors
    /// As [`add_survey_response`](Self::add_survey_response).
    pub fn add_survey(&mut self, s: SurveySpec) -> Result<(), ClientError> {
        let score = match s.kind {
            SurveyKind::Csat => Score::Csat(s.score),
            SurveyKind::Nps => Score::Nps(s.score),
        };
        self.add_survey_response(SurveyResponse {
            date: s.date,
            stakeholder: s.stakeholder,
            score,
        })
    }

    /// The survey answers.
    pub fn survey_responses(&self) -> &[SurveyResponse] {
        &self.surveys
    }

    /// CSAT over every answer: percent of 4s and 5s.
    ///
    /// ```
    /// use planix::client::{Engagement, Score, SurveyResponse};
    /// let mut e = Engagement::new("Client");
    /// for x in [5, 4, 3, 4] {
    ///     let date = "2027-06-01".parse()?;
    ///     e.add_survey_response(SurveyResponse { date, stakeholder: None, score: Score::Csat(x) })?;
    /// }
    /// assert_eq!(e.csat(), Some(75.0)); // 3 of 4 answers are 4 or 5
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn csat(&self) -> Option<f64> {
        csat(self.surveys.iter()).0
    }

    /// NPS over every answer: percent promoters (9–10) minus percent detractors (0–6).
    pub fn nps(&self) -> Option<f64> {
        nps(self.surveys.iter()).0
    }

    /// CSAT and NPS per period from the one holding `from` through the one holding `to`.
    pub fn satisfaction_trend(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        period: Period,
    ) -> Vec<SurveyTrend> {
        let mut out = vec![];
        let mut d = period.start_of(from);
        while d <= to && out.len() < 100_000 {
            let next = period.next_start(d);
            let inside = || self.surveys.iter().filter(|r| r.date >= d && r.date < next);
            let (c, cn) = csat(inside());
            let (n, nn) = nps(inside());
            out.push(SurveyTrend {
                period: d,
                csat: c,
                csat_responses: cn,
                nps: n,
                nps_responses: nn,
            });
            d = next;
        }
        out
    }
}
