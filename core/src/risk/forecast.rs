//! The register against the plan: task links, the risk-adjusted forecast (Monte Carlo
//! with the register's events), contingency reserves, exposure over time, and the
//! register's JSON document.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::register::{Assessment, Risk, RiskError, RiskKind, RiskRegister};
use crate::calendar::Duration;
use crate::calendar::Period;
use crate::model::Project;
use crate::simulate::{SimulationOptions, SimulationReport, simulate};

/// Options of [`RiskRegister::forecast_with`]: the simulation's options (flat: `iterations`,
/// `seed`, `target`, …) plus the confidence of the reserve. Deserializes from a partial
/// object; unknown fields are an error.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ForecastOptions {
    /// Confidence of the contingency reserve, in percent (0, 100]; default 80 (P80).
    pub confidence: f64,
    /// The Monte Carlo options; the register's events come first, then any given in
    /// `risks` (an engagement's open issues, `Engagement::issue_events`, say).
    #[serde(flatten)]
    pub simulation: SimulationOptions,
}

/// The default confidence of the contingency reserve (P80).
pub const DEFAULT_CONFIDENCE: f64 = 80.0;

impl<'de> Deserialize<'de> for ForecastOptions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        // `flatten` would drop `SimulationOptions`' `deny_unknown_fields`; split by hand.
        let mut map = serde_json::Map::deserialize(d)?;
        let confidence = match map.remove("confidence") {
            None => DEFAULT_CONFIDENCE,
            Some(v) => v.as_f64().ok_or_else(|| {
                D::Error::custom(format!("confidence: expected a number, got {v}"))
            })?,
        };
        let simulation = SimulationOptions::deserialize(serde_json::Value::Object(map))
            .map_err(D::Error::custom)?;
        Ok(ForecastOptions {
            confidence,
            simulation,
        })
    }
}

impl Default for ForecastOptions {
    fn default() -> Self {
        ForecastOptions {
            confidence: DEFAULT_CONFIDENCE,
            simulation: SimulationOptions::default(),
        }
    }
}

/// One bar of the risk tornado: how much a risk moves the project finish.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct RiskBar {
    /// The risk.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Share of iterations in which it occurred.
    pub occurred: f64,
    /// Mean finish when it occurred minus when it did not, in working time (`None` when
    /// it always or never occurred).
    pub finish_shift: Option<Duration>,
    /// Its expected monetary value (negative for a threat).
    pub emv: f64,
}

/// Contingency a plan should hold for its risks.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ContingencyReserve {
    /// The confidence level, in percent (80 for P80).
    pub confidence: f64,
    /// From EMV: the money the open threats are expected to cost, net of the
    /// opportunities' expected gains (−net EMV).
    pub emv: f64,
    /// From the simulation: working time from the planned finish to the finish reached
    /// with `confidence` (risk events and duration uncertainty together).
    pub schedule: Duration,
    /// The part of `schedule` due to the risk events: the risk-adjusted percentile
    /// minus the same percentile without events.
    pub schedule_from_risks: Duration,
    /// From the simulation: the cost reached with `confidence` minus the planned cost
    /// (`None` when nothing carries a cost).
    pub cost: Option<f64>,
}

/// The risk-adjusted forecast of [`RiskRegister::forecast`].
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(rename = "RiskForecastReport")
)]
pub struct RiskForecast {
    /// The simulation run with the register's events.
    pub report: SimulationReport,
    /// The risks that move the finish, largest |shift| first (ties: register order).
    pub tornado: Vec<RiskBar>,
    /// The contingency reserve at the requested confidence.
    pub reserve: ContingencyReserve,
}

impl RiskForecast {
    /// The finish reached with probability `p` percent, with the risk events.
    pub fn percentile(&self, p: f64) -> NaiveDateTime {
        self.report.percentile(p)
    }

    /// The same percentile without the risk events (the plain duration uncertainty).
    pub fn percentile_without_risks(&self, p: f64) -> NaiveDateTime {
        self.report
            .finish_without_risks
            .as_ref()
            .map_or_else(|| self.report.percentile(p), |d| d.percentile(p))
    }
}

/// Expected monetary value, probability of the open risks and their score on one day.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Exposure {
    /// The day.
    pub date: NaiveDate,
    /// Risks open that day (identified, not yet closed).
    pub open: usize,
    /// EMV of the open threats (≤ 0).
    pub threats: f64,
    /// EMV of the open opportunities (≥ 0).
    pub opportunities: f64,
    /// `threats + opportunities`.
    pub net: f64,
    /// Sum of the open risks' scores by the matrix's scoring rule.
    pub score: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    format: String,
    version: u32,
    #[serde(flatten)]
    register: RiskRegister,
}

const FORMAT: &str = "planix-risks";
const VERSION: u32 = 1;

impl Risk {
    /// The assessment in force on `date` according to the history (the latest residual
    /// entry on or before `date`, else the latest inherent one); a risk without history
    /// uses its current assessment.
    pub fn assessment_on(&self, date: NaiveDate) -> Option<&Assessment> {
        if self.history.is_empty() {
            return self.current();
        }
        let latest = |residual: bool| {
            self.history
                .iter()
                .filter(|h| h.residual == residual && h.date <= date)
                .max_by_key(|h| h.date)
                .map(|h| &h.assessment)
        };
        latest(true).or_else(|| latest(false))
    }

    /// Whether the risk is open on `date`: identified (or first assessed) on or before
    /// it and not closed by then.
    pub fn open_on(&self, date: NaiveDate) -> bool {
        let from = self
            .identified
            .or_else(|| self.history.iter().map(|h| h.date).min());
        let started = from.is_none_or(|d| d <= date);
        let ended = match self.closed {
            Some(c) => c <= date,
            None => !self.is_open(),
        };
        started && !ended
    }
}

impl RiskRegister {
    /// Checks that every task a risk or a response action names is in `project`.
    ///
    /// # Errors
    /// [`RiskError::UnknownTask`] naming the risk and the task.
    pub fn check_links(&self, project: &Project) -> Result<(), RiskError> {
        for r in self.risks() {
            let actions = r.responses.iter().flat_map(|x| &x.actions);
            let named = r.tasks.iter().map(|t| (*t, "tasks".to_string())).chain(
                actions.filter_map(|a| Some((a.task?, format!("action {:?}", a.description)))),
            );
            for (task, context) in named {
                if project.task(task).is_none() {
                    return Err(RiskError::UnknownTask {
                        risk: r.id.clone(),
                        task,
                        context,
                    });
                }
            }
        }
        Ok(())
    }

    /// Runs the Monte Carlo simulation of `project` with the register's open risks as
    /// risk events (events already in `options`, such as an engagement's open issues
    /// from `Engagement::issue_events`, are added after them) and reports the
    /// finish with and without them, the risk tornado, and the contingency reserve at
    /// `confidence` percent (80 for P80).
    ///
    /// # Errors
    /// [`RiskError::UnknownTask`] for a link to a task the project does not have,
    /// [`SimulateError::InvalidOption`](crate::simulate::SimulateError::InvalidOption)
    /// for a confidence outside (0, 100], and the
    /// simulation's errors (a risk on a summary task, a cycle, bad options). Neither
    /// the project nor the register changes.
    ///
    /// # Example
    /// ```
    /// use planix::{Duration, Estimate, Project, Task};
    /// use planix::risk::{Assessment, Risk, RiskKind, RiskRegister};
    /// use planix::simulate::SimulationOptions;
    /// let mut p = Project::new("Demo", "2027-01-04T08:00:00".parse()?);
    /// let day = |n| Duration::from_days(n, 480);
    /// let build = p.add_task(Task::new("Build").with_duration(day(10)))?;
    /// let mut reg = RiskRegister::new();
    /// reg.add(Risk::new("R1", "Legacy API undocumented", RiskKind::Threat).with_tasks(vec![build]))?;
    /// // Certain, 3 extra working days on the only (critical) task.
    /// let three = Estimate::fixed(day(3));
    /// reg.assess("R1", Assessment::new(1.0, 3).with_delay(three), "2027-01-04".parse()?)?;
    /// let f = reg.forecast(&p, &SimulationOptions::new(200, 1), 80.0)?;
    /// assert_eq!(f.reserve.schedule_from_risks, day(3));
    /// assert_eq!(f.percentile(80.0), "2027-01-20T17:00:00".parse()?); // 13 working days
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn forecast(
        &self,
        project: &Project,
        options: &SimulationOptions,
        confidence: f64,
    ) -> crate::Result<RiskForecast> {
        self.forecast_with(
            project,
            &ForecastOptions {
                confidence,
                simulation: options.clone(),
            },
        )
    }

    /// [`forecast`](Self::forecast) with one options value (what the bindings and the CLI
    /// pass; its `Default` holds the confidence of 80).
    ///
    /// # Errors
    /// As [`forecast`](Self::forecast).
    pub fn forecast_with(
        &self,
        project: &Project,
        options: &ForecastOptions,
    ) -> crate::Result<RiskForecast> {
        let confidence = options.confidence;
        let options = &options.simulation;
        if !(confidence > 0.0 && confidence <= 100.0) {
            return Err(crate::simulate::SimulateError::InvalidOption(format!(
                "confidence must be in (0, 100], got {confidence}"
            ))
            .into());
        }
        self.check_links(project)?;
        let mut o = options.clone();
        o.risks = self.to_risk_events();
        o.risks.extend(options.risks.iter().cloned());
        let report = simulate(project, &o)?;
        let mut tornado: Vec<(usize, RiskBar)> = report
            .risks
            .iter()
            .enumerate()
            .filter_map(|(n, s)| {
                let r = self.get(&s.id)?;
                Some((
                    n,
                    RiskBar {
                        id: s.id.clone(),
                        title: r.title.clone(),
                        occurred: s.occurred,
                        finish_shift: s.mean_finish_shift,
                        emv: self.emv(&s.id).unwrap_or(0.0),
                    },
                ))
            })
            .collect();
        let key = |b: &RiskBar| b.finish_shift.map_or(0, |d| d.as_minutes().abs());
        tornado.sort_by(|a, b| key(&b.1).cmp(&key(&a.1)).then(a.0.cmp(&b.0)));
        let cal = project.project_calendar();
        let with = report.percentile(confidence);
        let without = report
            .finish_without_risks
            .as_ref()
            .map_or(with, |d| d.percentile(confidence));
        let schedule = cal.working_time_between(report.planned_finish, with)?;
        let schedule_from_risks = cal.working_time_between(without, with)?;
        let reserve = ContingencyReserve {
            confidence,
            emv: -self.total_emv().2,
            schedule,
            schedule_from_risks,
            cost: report
                .cost
                .as_ref()
                .map(|c| c.percentile(confidence) - c.planned),
        };
        Ok(RiskForecast {
            report,
            tornado: tornado.into_iter().map(|x| x.1).collect(),
            reserve,
        })
    }

    /// Risk exposure on each of `dates`: open risks, EMV of threats and opportunities
    /// and total score, using the assessment in force on each day (from the history).
    pub fn exposure_on(&self, dates: &[NaiveDate]) -> Vec<Exposure> {
        dates
            .iter()
            .map(|&date| {
                let mut e = Exposure {
                    date,
                    open: 0,
                    threats: 0.0,
                    opportunities: 0.0,
                    net: 0.0,
                    score: 0.0,
                };
                for r in self.risks().iter().filter(|r| r.open_on(date)) {
                    e.open += 1;
                    let Some(a) = r.assessment_on(date) else {
                        continue;
                    };
                    match r.kind {
                        RiskKind::Threat => e.threats += a.emv(r.kind),
                        RiskKind::Opportunity => e.opportunities += a.emv(r.kind),
                    }
                    e.score += self.matrix().score(a).unwrap_or(0.0);
                }
                e.net = e.threats + e.opportunities;
                e
            })
            .collect()
    }

    /// Risk exposure at the start of every `period` from the one holding `from` through
    /// the one holding `to`: the trend line of a risk burndown.
    ///
    /// # Errors
    /// [`RiskError::InvalidAssessment`] when `to` is before `from` or the range holds
    /// more than 100,000 periods.
    pub fn exposure(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        period: Period,
    ) -> Result<Vec<Exposure>, RiskError> {
        if to < from {
            return Err(RiskError::InvalidAssessment {
                risk: String::new(),
                message: format!("exposure range ends ({to}) before it starts ({from})"),
            });
        }
        let mut dates = vec![];
        let mut d = period.start_of(from);
        while d <= to {
            if dates.len() == 100_000 {
                return Err(RiskError::InvalidAssessment {
                    risk: String::new(),
                    message: "exposure range holds more than 100,000 periods".into(),
                });
            }
            dates.push(d);
            d = period.next_start(d);
        }
        Ok(self.exposure_on(&dates))
    }

    /// The register as a versioned JSON document (`"format": "planix-risks"`,
    /// `"version": 1`): risks with their full history and responses, and the matrix.
    pub fn to_json(&self) -> String {
        let doc = Doc {
            format: FORMAT.into(),
            version: VERSION,
            register: self.clone(),
        };
        let mut s = serde_json::to_string_pretty(&doc)
            .unwrap_or_else(|_| unreachable!("risk registers always serialize"));
        s.push('\n');
        s
    }

    /// Reads a register written by [`to_json`](Self::to_json), checking it as
    /// [`RiskRegister::add`] would (matrix, unique ids, every assessment in range).
    ///
    /// # Errors
    /// [`RiskError::Json`] for malformed JSON or another format or version, and the
    /// register's validation errors.
    ///
    /// ```
    /// use planix::risk::{Assessment, Risk, RiskKind, RiskRegister};
    /// let mut reg = RiskRegister::new();
    /// reg.add(Risk::new("R1", "Client approvals late", RiskKind::Threat))?;
    /// reg.assess("R1", Assessment::new(0.6, 3), "2027-01-04".parse()?)?;
    /// let text = reg.to_json();
    /// assert_eq!(RiskRegister::from_json(&text)?, reg);
    /// assert!(RiskRegister::from_json(&text.replace("0.6", "1.6")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<RiskRegister, RiskError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| RiskError::Json(e.to_string()))?;
        let (format, version) = (
            value.get("format").and_then(|f| f.as_str()).unwrap_or(""),
            value.get("version").and_then(|v| v.as_u64()).unwrap_or(0),
        );
        if format != FORMAT || version != u64::from(VERSION) {
            return Err(RiskError::Json(format!(
                "expected format {FORMAT:?} version {VERSION}, found {format:?} version {version}"
            )));
        }
        let doc: Doc = serde_json::from_value(value).map_err(|e| RiskError::Json(e.to_string()))?;
        doc.register.validate()?;
        Ok(doc.register)
    }
}

/// A text summary of a forecast for people: the current heat map, P50/P80 with and
/// without risks, the five largest tornado bars and the contingency reserve (days in the
/// project calendar's day length).
pub fn forecast_table(register: &RiskRegister, forecast: &RiskForecast) -> String {
    let mpd = forecast.report.minutes_per_day;
    let days = |d: Duration| d.as_days(mpd);
    let (t, o, n) = register.total_emv();
    let mut out = format!(
        "{} risks; EMV threats {t:.0}, opportunities {o:.0}, net {n:.0}\n",
        register.risks().len()
    );
    out.push_str(&register.heatmap_text(true));
    for p in [50.0, 80.0] {
        out.push_str(&format!(
            "P{p:.0}: {} with risks, {} without\n",
            forecast.percentile(p),
            forecast.percentile_without_risks(p)
        ));
    }
    for b in forecast.tornado.iter().take(5) {
        out.push_str(&format!(
            "  {:<6} {:>6.1}d  occurred {:>5.1}%  {}\n",
            b.id,
            b.finish_shift.map_or(0.0, days),
            100.0 * b.occurred,
            b.title
        ));
    }
    let r = &forecast.reserve;
    out.push_str(&format!(
        "Reserve at P{:.0}: {:.1} working days ({:.1} from risk events); cost {}; EMV {:.0}\n",
        r.confidence,
        days(r.schedule),
        days(r.schedule_from_risks),
        r.cost
            .map_or_else(|| "-".to_string(), |c| format!("{c:.0}")),
        r.emv
    ));
    out
}
