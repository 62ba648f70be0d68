//! Health checks: a rule set that inspects the plan, progress, resources, risks and the
//! client side at the status date and returns findings with a severity and the items
//! involved, rolled up into a red/amber/green status per area and overall.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::ControlError;
use super::evm::{EvMethod, earned_value};
use super::progress::{reschedule, variance};
use crate::client::Engagement;
use crate::model::{Project, TaskKind};
use crate::risk::{RiskAlert, RiskRegister};
use crate::simulate::{SimulationOptions, simulate};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Needs attention (amber).
    Warning,
    /// Needs action now (red).
    Critical,
}

/// Red, amber or green.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    /// On track.
    Green,
    /// At risk.
    Amber,
    /// In trouble.
    Red,
}

/// One thing a project manager should act on.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Finding {
    /// The rule that raised it (written by its name: "negative_float", "spi", …).
    pub rule: HealthRule,
    /// The area: "schedule", "cost", "resources", "risk", "client" or (a board's rules)
    /// "agile".
    pub area: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What is wrong, for people.
    pub message: String,
    /// The items involved (task ids as numbers in text, resource names, risk, deliverable
    /// or communication ids).
    pub items: Vec<String>,
}

/// RAG of one area.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct AreaStatus {
    /// The area.
    pub area: &'static str,
    /// Its status: red with a critical finding, amber with a warning, else green.
    pub rag: Rag,
}

/// The result of [`health`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Health {
    /// The status date checked.
    pub status_date: Option<NaiveDateTime>,
    /// The worst area.
    pub overall: Rag,
    /// Every area, in a fixed order.
    pub areas: Vec<AreaStatus>,
    /// The findings, by area then rule.
    pub findings: Vec<Finding>,
}

/// Thresholds and switches of the rule set (the defaults are on). Deserializes from a
/// partial object: missing fields take the defaults, unknown ones are an error.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct HealthOptions {
    /// Baseline for the variance and earned-value rules (`None`: those rules are off).
    pub baseline: Option<u8>,
    /// A task is behind when it finishes more than this many working days after its
    /// baseline finish.
    pub behind_days: f64,
    /// SPI below this is a warning (below it by 0.1 or more, critical).
    pub spi_min: f64,
    /// CPI below this is a warning (below it by 0.1 or more, critical).
    pub cpi_min: f64,
    /// A milestone whose Monte Carlo probability of meeting its deadline (or, without
    /// one, its baseline finish) is below this is a warning (`None`: rule off).
    pub milestone_probability: Option<f64>,
    /// Iterations of that simulation.
    pub simulation_iterations: usize,
    /// Seed of that simulation.
    pub simulation_seed: u64,
    /// A deliverable not accepted this many days after its due date (or its last task's
    /// finish) is a warning.
    pub acceptance_days: i64,
    /// An issue waiting on the client for more than this many days is a warning.
    pub waiting_days: i64,
    /// Rules to skip (by name in JSON, Python and JS; an unknown name is an error).
    pub disabled: Vec<HealthRule>,
    /// Thresholds of the board rules, when a board is checked with the plan
    /// ([`health_with_board`]).
    pub agile: crate::agile::BoardHealthOptions,
}

impl Default for HealthOptions {
    fn default() -> Self {
        Self {
            baseline: Some(0),
            behind_days: 0.0,
            spi_min: 0.95,
            cpi_min: 0.95,
            milestone_probability: Some(0.5),
            simulation_iterations: 2_000,
            simulation_seed: 1,
            acceptance_days: 10,
            waiting_days: 5,
            disabled: vec![],
            agile: crate::agile::BoardHealthOptions::default(),
        }
    }
}

/// The health rules, in the order findings are listed. A rule is a value, not a
/// string, so a typo in a rule name is a compile error in Rust and a typed error naming
/// the allowed names everywhere else.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum HealthRule {
    /// A task finishes more than `behind_days` after its baseline finish.
    BehindBaseline,
    /// A task has negative total float.
    NegativeFloat,
    /// A milestone is unlikely to meet its deadline (or baseline finish).
    MilestoneProbability,
    /// The schedule performance index is below `spi_min`.
    Spi,
    /// The cost performance index is below `cpi_min`.
    Cpi,
    /// A work resource is over-allocated.
    Overallocation,
    /// A risk is past its review date.
    RiskReview,
    /// A high risk has no owner or no response.
    RiskUnowned,
    /// A planned communication is overdue.
    CommunicationsOverdue,
    /// A deliverable is not accepted well after it was due.
    AcceptanceOverdue,
    /// An issue is past its severity's response or resolution target (critical for a
    /// high severity).
    IssueOverdue,
    /// An open issue of a high severity has no owner (critical).
    IssueUnowned,
    /// An issue has waited on the client for more than `waiting_days` days.
    IssueWaitingOnClient,
    /// An assumption is not validated by its date.
    AssumptionOverdue,
    /// A board column, lane or person holds more cards than its WIP limit.
    WipOverLimit,
    /// Work in progress is older than the 85th percentile of cycle time.
    AgingWip,
    /// An active sprint's scope grew past the threshold.
    SprintScopeGrowth,
    /// A throughput forecast's P85 falls after the deadline.
    ForecastAfterDeadline,
}

crate::names::named!(HealthRule {
    BehindBaseline = "behind_baseline",
    NegativeFloat = "negative_float",
    MilestoneProbability = "milestone_probability",
    Spi = "spi",
    Cpi = "cpi",
    Overallocation = "overallocation",
    RiskReview = "risk_review",
    RiskUnowned = "risk_unowned",
    CommunicationsOverdue = "communications_overdue",
    AcceptanceOverdue = "acceptance_overdue",
    IssueOverdue = "issue_overdue",
    IssueUnowned = "issue_unowned",
    IssueWaitingOnClient = "issue_waiting_on_client",
    AssumptionOverdue = "assumption_overdue",
    WipOverLimit = "wip_over_limit",
    AgingWip = "aging_wip",
    SprintScopeGrowth = "sprint_scope_growth",
    ForecastAfterDeadline = "forecast_after_deadline",
});

/// The rule names, in the order findings are listed ([`HealthRule::NAMES`]).
pub const RULES: &[&str] = HealthRule::NAMES;

const AREAS: [&str; 5] = ["schedule", "cost", "resources", "risk", "client"];

fn ids(v: impl IntoIterator<Item = crate::ids::TaskId>) -> Vec<String> {
    v.into_iter().map(|t| t.0.to_string()).collect()
}

/// Runs the rule set at the project's status date (the schedule start without one).
///
/// # Errors
/// [`reschedule`]'s errors; a missing baseline only turns its rules off.
pub fn health(
    project: &Project,
    engagement: Option<&Engagement>,
    risks: Option<&RiskRegister>,
    o: &HealthOptions,
) -> Result<Health, ControlError> {
    health_with_board(project, engagement, risks, None, o)
}

/// [`health`] with the delivery board's rules joined in (area "agile": WIP over limit,
/// aging WIP, sprint scope growth, a forecast after its deadline), read at the same
/// status date, so one RAG covers the plan and the board.
///
/// ```
/// use planix::agile::{Board, Column, ItemSpec, LimitScope, Placement, Stage, WipLimit};
/// use planix::control::{HealthOptions, Rag, health_with_board};
/// let t = |s: &str| s.parse::<chrono::NaiveDateTime>().unwrap();
/// let mut p = planix::Project::new("Portal", t("2027-03-01T08:00:00"));
/// p.add_task(planix::Task::new("Build"))?;
/// let mut b = Board::new("Portal");
/// b.add_column(Column::new("dev", "Dev", Stage::Doing))?;
/// for id in ["A", "B"] {
///     b.add_item(ItemSpec::new(id, id), t("2027-03-01T09:00:00"), "pm")?;
/// }
/// for id in ["A", "B"] {
///     b.move_card(id, &Placement::column("dev"), t("2027-03-01T10:00:00"), "ana")?;
/// }
/// b.set_wip_limit(LimitScope::Column, "dev", Some(WipLimit::soft(1)))?;
/// let h = health_with_board(&p, None, None, Some(&b), &HealthOptions::default())?;
/// let agile = h.areas.iter().find(|a| a.area == "agile").unwrap();
/// assert_eq!(agile.rag, Rag::Amber);
/// assert_eq!(h.findings.last().unwrap().rule.name(), "wip_over_limit");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`health`].
pub fn health_with_board(
    project: &Project,
    engagement: Option<&Engagement>,
    risks: Option<&RiskRegister>,
    board: Option<&crate::agile::Board>,
    o: &HealthOptions,
) -> Result<Health, ControlError> {
    let on = |r: HealthRule| !o.disabled.contains(&r);
    let s = reschedule(project)?;
    let today = project.status_date().unwrap_or(s.start());
    let mpd = f64::from(project.project_calendar().minutes_per_day().max(1));
    let baseline = o.baseline.filter(|n| project.baseline(*n).is_some());
    let mut f = vec![];
    if let (Some(n), true) = (baseline, on(HealthRule::BehindBaseline)) {
        let v = variance(project, &s, n)?;
        let late: Vec<_> = v
            .tasks
            .iter()
            .filter(|t| {
                t.kind != TaskKind::Summary
                    && t.finish_variance.as_minutes() as f64 / mpd > o.behind_days
            })
            .collect();
        if !late.is_empty() {
            let crit = late
                .iter()
                .any(|t| s.task(t.task).is_some_and(|x| x.is_critical()));
            f.push(Finding {
                rule: HealthRule::BehindBaseline,
                area: "schedule",
                severity: if crit { Severity::Critical } else { Severity::Warning },
                message: format!(
                    "{} task(s) finish later than baseline {n}; the project finish moves {:+.1} working days",
                    late.len(),
                    v.finish_variance.as_minutes() as f64 / mpd
                ),
                items: ids(late.iter().map(|t| t.task)),
            });
        }
    }
    if on(HealthRule::NegativeFloat) {
        let neg: Vec<_> = s
            .tasks()
            .iter()
            .filter(|t| {
                t.kind() != TaskKind::Summary
                    && t.total_float().is_negative()
                    && project
                        .task(t.id())
                        .is_some_and(|x| x.progress.actual_finish.is_none())
            })
            .map(|t| t.id())
            .collect();
        if !neg.is_empty() {
            f.push(Finding {
                rule: HealthRule::NegativeFloat,
                area: "schedule",
                severity: Severity::Critical,
                message: format!(
                    "{} unfinished task(s) have negative float: a constraint, a deadline or out-of-sequence progress cannot be met",
                    neg.len()
                ),
                items: ids(neg),
            });
        }
    }
    if let (Some(min), true) = (
        o.milestone_probability,
        on(HealthRule::MilestoneProbability),
    ) {
        let b = baseline.and_then(|n| project.baseline(n));
        let wanted = project.tasks().any(|t| {
            project.kind(t.id()) == Some(TaskKind::Milestone)
                && (t.deadline.is_some() || b.is_some())
        });
        if wanted {
            let r = simulate(
                project,
                &SimulationOptions::new(o.simulation_iterations, o.simulation_seed),
            )
            .map_err(|e| match e {
                crate::simulate::SimulateError::Schedule(e) => ControlError::Schedule(e),
                other => ControlError::Model(crate::model::ModelError::InvalidBaseline(
                    other.to_string(),
                )),
            })?;
            let mut low = vec![];
            let done = |id: crate::ids::TaskId| {
                project
                    .task(id)
                    .is_some_and(|t| t.progress.actual_finish.is_some())
            };
            for m in r.milestones.iter().filter(|m| !done(m.task)) {
                let target = m
                    .deadline
                    .or_else(|| b.and_then(|b| b.tasks.get(&m.task)).map(|bt| bt.finish));
                if let Some(t) = target {
                    let p = m.finish.probability_by(t);
                    if p < min {
                        low.push((m.task, m.name.clone(), p));
                    }
                }
            }
            if !low.is_empty() {
                f.push(Finding {
                    rule: HealthRule::MilestoneProbability,
                    area: "schedule",
                    severity: Severity::Warning,
                    message: format!(
                        "milestone(s) below {:.0}% likely on time: {}",
                        100.0 * min,
                        low.iter()
                            .map(|(_, n, p)| format!("{n} {:.0}%", 100.0 * p))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    items: ids(low.iter().map(|x| x.0)),
                });
            }
        }
    }
    if let (Some(n), true, Some(_)) = (
        baseline,
        on(HealthRule::Spi) || on(HealthRule::Cpi),
        project.status_date(),
    ) {
        let r = earned_value(project, n, EvMethod::PercentComplete)?;
        for (rule, area, value, min) in [
            (HealthRule::Spi, "schedule", r.project.spi, o.spi_min),
            (HealthRule::Cpi, "cost", r.project.cpi, o.cpi_min),
        ] {
            if let (Some(v), true) = (value, on(rule)) {
                if v < min {
                    f.push(Finding {
                        rule,
                        area,
                        severity: if v < min - 0.1 {
                            Severity::Critical
                        } else {
                            Severity::Warning
                        },
                        message: format!(
                            "{} is {v:.2}, below {min:.2}",
                            rule.name().to_uppercase()
                        ),
                        items: vec![],
                    });
                }
            }
        }
    }
    if on(HealthRule::Overallocation) {
        let over = crate::resources::overallocations(project, &s);
        if !over.is_empty() {
            let mut names: Vec<String> = over.iter().map(|x| x.name.clone()).collect();
            names.dedup();
            f.push(Finding {
                rule: HealthRule::Overallocation,
                area: "resources",
                severity: Severity::Warning,
                message: format!("{} over-allocated stretch(es); level the plan", over.len()),
                items: names,
            });
        }
    }
    if let Some(reg) = risks {
        let alerts = reg.alerts(today.date());
        let review: Vec<String> = alerts
            .iter()
            .filter_map(|a| match a {
                RiskAlert::ReviewOverdue { risk, .. } | RiskAlert::ActionOverdue { risk, .. } => {
                    Some(risk.clone())
                }
                _ => None,
            })
            .collect();
        let mut review = review;
        review.dedup();
        if on(HealthRule::RiskReview) && !review.is_empty() {
            f.push(Finding {
                rule: HealthRule::RiskReview,
                area: "risk",
                severity: Severity::Warning,
                message: format!(
                    "{} risk review(s) or response action(s) overdue",
                    review.len()
                ),
                items: review,
            });
        }
        let unowned: Vec<String> = alerts
            .iter()
            .filter_map(|a| match a {
                RiskAlert::HighWithoutOwner { risk, .. }
                | RiskAlert::HighWithoutResponse { risk, .. } => Some(risk.clone()),
                _ => None,
            })
            .collect();
        let mut unowned = unowned;
        unowned.dedup();
        if on(HealthRule::RiskUnowned) && !unowned.is_empty() {
            f.push(Finding {
                rule: HealthRule::RiskUnowned,
                area: "risk",
                severity: Severity::Critical,
                message: "high risks without an owner or a response".into(),
                items: unowned,
            });
        }
    }
    if let Some(e) = engagement {
        let due = e.overdue_communications(today.date());
        if on(HealthRule::CommunicationsOverdue) && !due.is_empty() {
            f.push(Finding {
                rule: HealthRule::CommunicationsOverdue,
                area: "client",
                severity: Severity::Warning,
                message: format!("{} planned client communication(s) not sent", due.len()),
                items: due
                    .iter()
                    .map(|d| format!("{} {}", d.item, d.date))
                    .collect(),
            });
        }
        if on(HealthRule::AcceptanceOverdue) {
            let late: Vec<String> = e
                .deliverables()
                .iter()
                .filter(|d| d.accepted().is_none())
                .filter(|d| {
                    let done = d
                        .tasks
                        .iter()
                        .filter_map(|t| s.task(*t).map(|x| x.finish()))
                        .max();
                    let from = d
                        .due
                        .map(|x| x.and_time(chrono::NaiveTime::MIN))
                        .or(done.filter(|x| *x <= today));
                    from.is_some_and(|x| (today - x).num_days() > o.acceptance_days)
                })
                .map(|d| d.id.clone())
                .collect();
            if !late.is_empty() {
                f.push(Finding {
                    rule: HealthRule::AcceptanceOverdue,
                    area: "client",
                    severity: Severity::Warning,
                    message: format!(
                        "{} deliverable(s) awaiting acceptance for over {} days",
                        late.len(),
                        o.acceptance_days
                    ),
                    items: late,
                });
            }
        }
    }
    if let Some(e) = engagement {
        raid_findings(project, e, today, o, &mut f)?;
    }
    if let Some(b) = board {
        f.extend(b.health(today, &o.agile).into_iter().filter(|x| on(x.rule)));
    }
    let areas: Vec<AreaStatus> = AREAS
        .iter()
        .chain(board.map(|_| &"agile"))
        .map(|&area| {
            let worst = f
                .iter()
                .filter(|x| x.area == area)
                .map(|x| x.severity)
                .max();
            AreaStatus {
                area,
                rag: match worst {
                    Some(Severity::Critical) => Rag::Red,
                    Some(Severity::Warning) => Rag::Amber,
                    _ => Rag::Green,
                },
            }
        })
        .collect();
    let overall = areas.iter().map(|a| a.rag).max().unwrap_or(Rag::Green);
    Ok(Health {
        status_date: project.status_date(),
        overall,
        areas,
        findings: f,
    })
}

/// The RAID rules (area "risk", beside the register's): issues past their targets, high
/// issues without an owner, issues waiting on the client too long, assumptions past
/// their validation day.
fn raid_findings(
    project: &Project,
    e: &Engagement,
    today: NaiveDateTime,
    o: &HealthOptions,
    f: &mut Vec<Finding>,
) -> Result<(), ControlError> {
    let on = |r: HealthRule| !o.disabled.contains(&r);
    let scale = e.issue_scale();
    let high = |sev: &str| scale.severity(sev).is_some_and(|s| s.high);
    let open: Vec<_> = e.issues().iter().filter(|i| i.status.is_open()).collect();
    if on(HealthRule::IssueOverdue) {
        let ages = e.issue_ages(project, today)?;
        let late: Vec<_> = ages
            .iter()
            .filter(|a| a.status.is_open() && (a.response_breached || a.resolution_breached))
            .collect();
        if !late.is_empty() {
            f.push(Finding {
                rule: HealthRule::IssueOverdue,
                area: "risk",
                severity: if late.iter().any(|a| high(&a.severity)) {
                    Severity::Critical
                } else {
                    Severity::Warning
                },
                message: format!(
                    "{} open issue(s) past their response or resolution target",
                    late.len()
                ),
                items: late.iter().map(|a| a.id.clone()).collect(),
            });
        }
    }
    let unowned: Vec<String> = open
        .iter()
        .filter(|i| i.owner.is_none() && high(&i.severity))
        .map(|i| i.id.clone())
        .collect();
    if on(HealthRule::IssueUnowned) && !unowned.is_empty() {
        f.push(Finding {
            rule: HealthRule::IssueUnowned,
            area: "risk",
            severity: Severity::Critical,
            message: "high-severity issues without an owner".into(),
            items: unowned,
        });
    }
    let waiting: Vec<String> = open
        .iter()
        .filter(|i| i.status == crate::client::IssueStatus::WaitingOnClient)
        .filter(|i| {
            i.history
                .last()
                .is_some_and(|h| (today - h.at).num_days() > o.waiting_days)
        })
        .map(|i| i.id.clone())
        .collect();
    if on(HealthRule::IssueWaitingOnClient) && !waiting.is_empty() {
        f.push(Finding {
            rule: HealthRule::IssueWaitingOnClient,
            area: "risk",
            severity: Severity::Warning,
            message: format!(
                "{} issue(s) waiting on the client for over {} days",
                waiting.len(),
                o.waiting_days
            ),
            items: waiting,
        });
    }
    let stale: Vec<String> = e
        .assumptions()
        .iter()
        .filter(|a| a.status == crate::client::AssumptionStatus::Unvalidated)
        .filter(|a| a.validate_by.is_some_and(|d| d < today.date()))
        .map(|a| a.id.clone())
        .collect();
    if on(HealthRule::AssumptionOverdue) && !stale.is_empty() {
        f.push(Finding {
            rule: HealthRule::AssumptionOverdue,
            area: "risk",
            severity: Severity::Warning,
            message: format!("{} assumption(s) not validated by their date", stale.len()),
            items: stale,
        });
    }
    Ok(())
}
