//! Client documents generated from the model as Markdown: the project charter and the
//! closing report.

use std::fmt::Write;

use crate::client::Engagement;
use crate::model::{Project, TaskKind};
use crate::resources::costs;
use crate::risk::RiskRegister;
use crate::schedule::Schedule;

fn money(x: f64) -> String {
    let whole = x.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 { format!("-{out}") } else { out }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn milestones(project: &Project, schedule: &Schedule, out: &mut String) {
    let rows: Vec<_> = project
        .tasks()
        .filter(|t| project.kind(t.id()) == Some(TaskKind::Milestone))
        .filter_map(|t| Some((t.name.as_str(), schedule.task(t.id())?.finish())))
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str("\n## Milestones\n\n| Milestone | Date |\n|---|---|\n");
    for (name, at) in rows {
        let _ = writeln!(out, "| {} | {} |", cell(name), at.format("%Y-%m-%d"));
    }
}

/// The project charter: client and contract, objectives with success criteria, scope,
/// stakeholders with their engagement strategy, deliverables, milestones, budget and (with
/// a register) the top risks.
///
/// # Errors
/// The schedule's errors (a cycle, dates out of range).
pub fn charter(
    project: &Project,
    engagement: &Engagement,
    risks: Option<&RiskRegister>,
) -> crate::Result<String> {
    let schedule = project.schedule()?;
    let a = &engagement.account;
    let mut out = format!("# Project charter: {}\n\n", project.name());
    let _ = writeln!(
        out,
        "**Client:** {}{}  \n**Contract:** {} ({})  \n**Start:** {}  \n**Planned finish:** {}",
        a.organisation,
        if a.industry.is_empty() {
            String::new()
        } else {
            format!(" ({})", a.industry)
        },
        money(a.contract_value),
        a.contract_type.name().replace('_', " "),
        schedule.start().format("%Y-%m-%d"),
        schedule.finish().format("%Y-%m-%d"),
    );
    out.push_str("\n## Objectives\n\n");
    for o in engagement.objectives() {
        let _ = writeln!(out, "- **{}** {}", o.id, o.description);
        for c in &o.success_criteria {
            let _ = writeln!(out, "  - {}: {}", c.measure, c.target);
        }
    }
    out.push_str("\n## Scope\n\nIn scope:\n\n");
    for s in &engagement.in_scope {
        let _ = writeln!(out, "- {s}");
    }
    out.push_str("\nOut of scope:\n\n");
    for s in &engagement.out_of_scope {
        let _ = writeln!(out, "- {s}");
    }
    out.push_str(
        "\n## Stakeholders\n\n| Name | Role | Organisation | Engagement |\n|---|---|---|---|\n",
    );
    for s in engagement.stakeholders() {
        let strategy = s.strategy().name().replace('_', " ");
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&s.name),
            cell(&s.role),
            cell(&s.organisation),
            strategy
        );
    }
    out.push_str(
        "\n## Deliverables\n\n| Deliverable | Due | Acceptance criteria |\n|---|---|---|\n",
    );
    for d in engagement.deliverables() {
        let _ = writeln!(
            out,
            "| {} {} | {} | {} |",
            d.id,
            cell(&d.name),
            d.due.map(|x| x.to_string()).unwrap_or_default(),
            cell(&d.acceptance.join("; "))
        );
    }
    milestones(project, &schedule, &mut out);
    let budget = costs(project, &schedule);
    let _ = writeln!(
        out,
        "\n## Budget\n\nPlanned cost: {}\n",
        money(budget.total)
    );
    for r in budget.resources.iter().filter(|r| r.cost != 0.0) {
        let _ = writeln!(out, "- {}: {}", r.name, money(r.cost));
    }
    if !engagement.assumptions().is_empty() {
        out.push_str("\n## Assumptions and constraints\n\n| Id | Kind | Statement | Owner | Validate by | Status |\n|---|---|---|---|---|---|\n");
        for a in engagement.assumptions() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                a.id,
                a.kind.name(),
                cell(&a.statement),
                cell(a.owner.as_deref().unwrap_or("–")),
                a.validate_by
                    .map_or_else(|| "–".to_string(), |d| d.to_string()),
                a.status.name()
            );
        }
    }
    if let Some(reg) = risks {
        out.push_str("\n## Top risks\n\n| Risk | Rating | EMV | Owner |\n|---|---|---|---|\n");
        for r in reg.top(5) {
            let _ = writeln!(
                out,
                "| {} {} | {} | {} | {} |",
                r.id,
                cell(&r.title),
                reg.rating(&r.id).unwrap_or_default(),
                money(reg.emv(&r.id).unwrap_or(0.0)),
                cell(&r.owner)
            );
        }
    }
    Ok(out)
}

/// The closing report: outcome against each objective, schedule and cost against the
/// plan as chartered (`baseline`, when given), changes applied, deliverables and their
/// acceptance, client satisfaction and feedback, and lessons learned.
///
/// # Errors
/// The schedule's errors for `project` or `baseline`.
pub fn closing_report(
    project: &Project,
    engagement: &Engagement,
    baseline: Option<&Project>,
) -> crate::Result<String> {
    let schedule = project.schedule()?;
    let cost = costs(project, &schedule).total;
    let mut out = format!("# Closing report: {}\n\n", project.name());
    let _ = writeln!(
        out,
        "**Client:** {}  \n**Finish:** {}  \n**Cost:** {}",
        engagement.account.organisation,
        schedule.finish().format("%Y-%m-%d"),
        money(cost)
    );
    if let Some(b) = baseline {
        let bs = b.schedule()?;
        let bcost = costs(b, &bs).total;
        let shift = project
            .project_calendar()
            .working_time_between(bs.finish(), schedule.finish())?;
        let mpd = project.project_calendar().minutes_per_day();
        let _ = writeln!(
            out,
            "\n## Schedule and cost\n\n| | Planned | Actual | Variance |\n|---|---|---|---|\n| Finish | {} | {} | {:+.1} working days |\n| Cost | {} | {} | {} ({:+.1}%) |",
            bs.finish().format("%Y-%m-%d"),
            schedule.finish().format("%Y-%m-%d"),
            shift.as_days(mpd),
            money(bcost),
            money(cost),
            money(cost - bcost),
            if bcost == 0.0 {
                0.0
            } else {
                100.0 * (cost - bcost) / bcost
            }
        );
    }
    out.push_str("\n## Objectives\n\n| Objective | Outcome | Met |\n|---|---|---|\n");
    for o in engagement.objectives() {
        let met = match o.met {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not judged",
        };
        let _ = writeln!(
            out,
            "| {} {} | {} | {met} |",
            o.id,
            cell(&o.description),
            cell(&o.outcome)
        );
    }
    if !engagement.change_history().is_empty() {
        out.push_str(
            "\n## Changes applied\n\n| Change | Date | Finish | Cost |\n|---|---|---|---|\n",
        );
        let mpd = project.project_calendar().minutes_per_day();
        for r in engagement.change_history() {
            let title = engagement
                .change(&r.change)
                .map_or("", |c| c.title.as_str());
            let _ = writeln!(
                out,
                "| {} {} | {} | {:+.1} days | {} |",
                r.change,
                cell(title),
                r.date,
                r.finish_shift.as_days(mpd),
                money(r.cost_delta)
            );
        }
    }
    out.push_str("\n## Deliverables\n\n| Deliverable | Accepted |\n|---|---|\n");
    for d in engagement.deliverables() {
        let acc = d.accepted().map_or_else(
            || "no".to_string(),
            |s| {
                let who = engagement
                    .stakeholder(&s.by)
                    .map_or(s.by.as_str(), |x| x.name.as_str());
                format!("{} by {}", s.date, cell(who))
            },
        );
        let _ = writeln!(out, "| {} {} | {acc} |", d.id, cell(&d.name));
    }
    out.push_str("\n## Client satisfaction\n\n");
    let pct = |x: Option<f64>| x.map_or_else(|| "no answers".to_string(), |v| format!("{v:.0}"));
    let _ = writeln!(
        out,
        "- CSAT: {}\n- NPS: {}",
        pct(engagement.csat()),
        pct(engagement.nps())
    );
    for f in engagement.feedback() {
        let _ = writeln!(
            out,
            "- {} ({:?}, {}): {}",
            f.date,
            f.sentiment,
            f.topic,
            f.text.replace('\n', " ")
        );
    }
    if !engagement.issues().is_empty() {
        let mut causes: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        for i in engagement.issues() {
            let cause = if i.root_cause.is_empty() {
                "(no root cause recorded)"
            } else {
                i.root_cause.as_str()
            };
            causes.entry(cause).or_default().push(format!(
                "{} {} ({})",
                i.id,
                i.title,
                i.status.name()
            ));
        }
        out.push_str("\n## Issues by root cause\n\n| Root cause | Issues |\n|---|---|\n");
        for (cause, list) in causes {
            let _ = writeln!(out, "| {} | {} |", cell(cause), cell(&list.join("; ")));
        }
    }
    out.push_str("\n## Lessons learned\n\n");
    for l in &engagement.lessons {
        let _ = writeln!(out, "- {l}");
    }
    Ok(out)
}

/// What [`status_report`] measures against. Deserializes from a partial object:
/// missing fields take the defaults, unknown ones are an error.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct StatusOptions {
    /// The baseline (variance, earned value, earned schedule).
    pub baseline: u8,
    /// Monte Carlo iterations for the P80 forecast (risk events from the register
    /// included).
    pub iterations: usize,
    /// Monte Carlo seed.
    pub seed: u64,
}

impl Default for StatusOptions {
    fn default() -> Self {
        Self {
            baseline: 0,
            iterations: 5_000,
            seed: 1,
        }
    }
}

fn rag(r: crate::control::Rag) -> &'static str {
    match r {
        crate::control::Rag::Green => "GREEN",
        crate::control::Rag::Amber => "AMBER",
        crate::control::Rag::Red => "RED",
    }
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"))
}

/// The client-facing status report at the project's status date, as Markdown: headline
/// RAG per area, progress, the forecast finish (rescheduled, earned schedule and Monte
/// Carlo P80 with the register's risks), milestones against the baseline, earned value and
/// earned schedule, the health findings, top risks, open change requests and the
/// decisions needed from the client.
///
/// # Errors
/// [`crate::control::ControlError::StatusDateNeeded`] / `NoBaseline`, and the schedule and
/// simulation errors.
pub fn status_report(
    project: &Project,
    engagement: Option<&Engagement>,
    risks: Option<&RiskRegister>,
    o: &StatusOptions,
) -> crate::Result<String> {
    use crate::control::{EvMethod, HealthOptions, earned_value, health, reschedule, variance};
    let status = project
        .status_date()
        .ok_or(crate::control::ControlError::StatusDateNeeded)?;
    let s = reschedule(project)?;
    let ev = earned_value(project, o.baseline, EvMethod::PercentComplete)?;
    let v = variance(project, &s, o.baseline)?;
    let h = health(
        project,
        engagement,
        risks,
        &HealthOptions {
            baseline: Some(o.baseline),
            ..HealthOptions::default()
        },
    )?;
    let mut so = crate::simulate::SimulationOptions::new(o.iterations, o.seed);
    if let Some(r) = risks {
        so.risks = r.to_risk_events();
    }
    // Open issues' delays are certain: they count in the forecast while open.
    if let Some(e) = engagement {
        so.risks.extend(e.issue_events(project));
    }
    let mc = crate::simulate::simulate(&crate::control::progressed(project)?, &so)?;
    let mpd = f64::from(project.project_calendar().minutes_per_day().max(1));
    let f = &ev.project;
    let mut out = format!(
        "# Status report: {}\n\n**Status date:** {}  \n**Overall: {}** ({})\n",
        project.name(),
        status.format("%Y-%m-%d"),
        rag(h.overall),
        h.areas
            .iter()
            .map(|a| format!("{} {}", a.area, rag(a.rag).to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let base_finish = project.baseline(o.baseline).map(|b| b.finish);
    let _ = writeln!(
        out,
        "\n## Progress and forecast\n\n- Work complete (earned value / budget): {:.0}%\n- Forecast finish: {} (baseline {}, {:+.1} working days)\n- Earned schedule forecast: {}\n- Monte Carlo P80{}: {}",
        if f.bac == 0.0 {
            0.0
        } else {
            100.0 * f.ev / f.bac
        },
        s.finish().format("%Y-%m-%d"),
        base_finish
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        v.finish_variance.as_minutes() as f64 / mpd,
        ev.earned_schedule
            .forecast_finish
            .map_or_else(|| "–".to_string(), |d| d.format("%Y-%m-%d").to_string()),
        if risks.is_some() { " with risks" } else { "" },
        mc.percentile(80.0).format("%Y-%m-%d")
    );
    let ms: Vec<_> = v
        .tasks
        .iter()
        .filter(|t| t.kind == TaskKind::Milestone)
        .collect();
    if !ms.is_empty() {
        out.push_str("\n## Milestones\n\n| Milestone | Baseline | Forecast | Variance |\n|---|---|---|---|\n");
        for m in ms {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:+.1} d |",
                cell(&m.name),
                m.baseline_finish.format("%Y-%m-%d"),
                m.finish.format("%Y-%m-%d"),
                m.finish_variance.as_minutes() as f64 / mpd
            );
        }
    }
    let es = &ev.earned_schedule;
    let _ = writeln!(
        out,
        "\n## Earned value\n\n| BAC | PV | EV | AC | SV | CV | SPI | CPI | EAC | VAC |\n|---|---|---|---|---|---|---|---|---|---|\n| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n\nEarned schedule: ES {:.1} of AT {:.1} working days, SV(t) {:+.1}, SPI(t) {}, IEAC(t) {} days.",
        money(f.bac),
        money(f.pv),
        money(f.ev),
        money(f.ac),
        money(f.sv),
        money(f.cv),
        opt(f.spi),
        opt(f.cpi),
        f.eac_cpi.map_or_else(|| "–".into(), money),
        f.vac.map_or_else(|| "–".into(), money),
        es.es,
        es.at,
        es.sv_t,
        opt(es.spi_t),
        opt(es.ieac_t)
    );
    if !h.findings.is_empty() {
        out.push_str("\n## Alerts\n\n");
        for x in &h.findings {
            let _ = writeln!(out, "- **{:?}** ({}): {}", x.severity, x.area, x.message);
        }
    }
    if let Some(reg) = risks {
        let top = reg.top(5);
        if !top.is_empty() {
            out.push_str("\n## Top risks\n\n| Risk | Rating | Owner |\n|---|---|---|\n");
            for r in top {
                let _ = writeln!(
                    out,
                    "| {} {} | {} | {} |",
                    r.id,
                    cell(&r.title),
                    reg.rating(&r.id).unwrap_or_default(),
                    cell(&r.owner)
                );
            }
        }
    }
    if let Some(e) = engagement {
        use crate::client::ChangeStatus;
        let open: Vec<_> = e
            .changes()
            .iter()
            .filter(|c| !matches!(c.status, ChangeStatus::Rejected | ChangeStatus::Implemented))
            .collect();
        if !open.is_empty() {
            out.push_str("\n## Open change requests\n\n| Change | Status | Finish | Cost |\n|---|---|---|---|\n");
            for c in &open {
                let a = c.analysis.as_ref();
                let _ = writeln!(
                    out,
                    "| {} {} | {} | {} | {} |",
                    c.id,
                    cell(&c.title),
                    c.status.name(),
                    a.map_or_else(
                        || "–".into(),
                        |a| format!("{:+.1} d", a.finish_shift.as_minutes() as f64 / mpd)
                    ),
                    a.map_or_else(|| "–".into(), |a| money(a.cost_after - a.cost_before))
                );
            }
        }
        if e.issues().iter().any(|i| i.status.is_open()) {
            // The ages come in issue order: pair them up instead of looking each one up.
            let ages = e.issue_ages(project, status)?;
            out.push_str("\n## Open issues\n\n| Issue | Severity | Status | Owner | Age | Target |\n|---|---|---|---|---|---|\n");
            for (i, a) in e
                .issues()
                .iter()
                .zip(&ages)
                .filter(|(i, _)| i.status.is_open())
            {
                let owner = i.owner.as_deref().map_or("**none**".to_string(), |o| {
                    cell(e.stakeholder(o).map_or(o, |x| x.name.as_str()))
                });
                let _ = writeln!(
                    out,
                    "| {} {} | {} | {} | {} | {:.1} d | {} |",
                    i.id,
                    cell(&i.title),
                    i.severity,
                    i.status.name(),
                    owner,
                    a.age_days,
                    if a.resolution_breached || a.response_breached {
                        "**breached**"
                    } else {
                        "on time"
                    }
                );
            }
        }
        let mut decisions: Vec<String> = open
            .iter()
            .filter(|c| c.status == ChangeStatus::Analysed)
            .map(|c| format!("Approve or reject {} ({})", c.id, c.title))
            .collect();
        decisions.extend(
            e.issues()
                .iter()
                .filter(|i| i.status.is_open() && i.decision_needed)
                .map(|i| format!("Decide on issue {} ({})", i.id, i.title)),
        );
        decisions.extend(
            e.deliverables()
                .iter()
                .filter(|d| d.accepted().is_none() && d.due.is_some_and(|x| x <= status.date()))
                .map(|d| format!("Accept or reject deliverable {} ({})", d.id, d.name)),
        );
        if !decisions.is_empty() {
            out.push_str("\n## Decisions needed\n\n");
            for d in decisions {
                let _ = writeln!(out, "- {d}");
            }
        }
    }
    Ok(out)
}
