//! The case study's build phase run as three two-week sprints on a board: the story
//! shared by `examples/agile.rs` and `examples/case_study.rs`.
//!
//! The client portal's development team (Ana, Ben, Chloé) works a backlog of 26 items
//! (an epic, stories in points and two bugs) on a board with WIP limits (3 cards in
//! development, split into Doing/Done, 2 in review, 2 per person, an expedite lane).
//! Sprint 1 carries two stories over into sprint 2, sprint 2 takes a bug mid-sprint (a
//! scope change, not progress), sprint 3 closes. Prints the board, each sprint's
//! burndown, the velocity, the flow percentiles, the health findings and the
//! throughput forecasts (when the rest of the backlog is done, how many items by the
//! go-live, and a two-feature cut line), binds the case study's core platform task to a
//! backlog forecast so the client's UAT milestone P80 moves with the team's measured
//! throughput, and shows a hard WIP limit refusing a move.
//! [`story`] builds it on the case study's plan and calendar and returns the board, the
//! report it prints and its two charts.

use std::fmt::Write;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use planix::agile::{
    Board, BoardHealthOptions, Column, DeadlineCheck, Feature, ItemKind, ItemSpec, Lane,
    LimitScope, Placement, SplitRate, SprintSpec, Stage, TeamHistory, ThroughputOptions, WipLimit,
    forecast_cut_line, forecast_how_many, forecast_when,
};
use planix::{Calendar, Project, render};

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("bad date {y}-{m}-{d}"))
}

fn at(d: NaiveDate, h: u32, m: u32) -> Result<NaiveDateTime, String> {
    d.and_hms_opt(h, m, 0).ok_or_else(|| "bad time".to_string())
}

/// The `n`th working day of `cal` from `start` (0 = the first working day at or after
/// it); bank holidays are skipped.
fn working_day(cal: &Calendar, start: NaiveDate, n: u32) -> NaiveDate {
    let mut d = start;
    let mut k = 0;
    loop {
        if cal.is_working_day(d) {
            if k == n {
                return d;
            }
            k += 1;
        }
        d += Duration::days(1);
    }
}

/// One event of the script, applied in time order.
enum Step {
    Move(&'static str, &'static str, bool),
    AddToSprint(&'static str, &'static str),
}

/// The backlog: (id, title, points, kind, assignee).
const ITEMS: [(&str, &str, f64, ItemKind, &str); 25] = [
    (
        "P-1",
        "Sign-in with the client's SSO",
        5.0,
        ItemKind::Story,
        "ana",
    ),
    ("P-2", "Account overview page", 3.0, ItemKind::Story, "ben"),
    (
        "P-3",
        "Invoice list with filters",
        5.0,
        ItemKind::Story,
        "chloe",
    ),
    ("P-4", "Invoice PDF download", 2.0, ItemKind::Story, "ben"),
    ("P-5", "Payment by card", 8.0, ItemKind::Story, "ana"),
    (
        "P-6",
        "Payment receipts by e-mail",
        3.0,
        ItemKind::Story,
        "chloe",
    ),
    ("P-7", "Support ticket form", 3.0, ItemKind::Story, "ben"),
    ("P-8", "Ticket status tracking", 5.0, ItemKind::Story, "ana"),
    (
        "P-9",
        "Profile and contact details",
        2.0,
        ItemKind::Story,
        "chloe",
    ),
    (
        "P-10",
        "Notification preferences",
        3.0,
        ItemKind::Story,
        "ben",
    ),
    ("P-11", "Audit log for admins", 5.0, ItemKind::Story, "ana"),
    ("P-12", "Role-based access", 8.0, ItemKind::Story, "chloe"),
    ("P-13", "Usage dashboard", 5.0, ItemKind::Story, "ben"),
    ("P-14", "Export to CSV", 2.0, ItemKind::Story, "ana"),
    (
        "P-15",
        "Accessibility pass (WCAG AA)",
        5.0,
        ItemKind::Story,
        "chloe",
    ),
    ("P-16", "Localisation: French", 3.0, ItemKind::Story, "ben"),
    ("P-17", "Session timeout fix", 1.0, ItemKind::Bug, "ana"),
    (
        "P-18",
        "Password reset e-mails",
        3.0,
        ItemKind::Story,
        "chloe",
    ),
    (
        "P-19",
        "Search across invoices and tickets",
        8.0,
        ItemKind::Story,
        "ben",
    ),
    ("P-20", "Maintenance banner", 1.0, ItemKind::Story, "ana"),
    (
        "P-21",
        "Date format bug in exports",
        1.0,
        ItemKind::Bug,
        "chloe",
    ),
    (
        "P-22",
        "Two-factor authentication",
        5.0,
        ItemKind::Story,
        "ana",
    ),
    ("P-23", "Onboarding tour", 3.0, ItemKind::Story, "ben"),
    (
        "P-24",
        "Bulk user import for admins",
        5.0,
        ItemKind::Story,
        "chloe",
    ),
    ("P-25", "Dark mode", 2.0, ItemKind::Story, "ben"),
];

/// Per sprint: the committed items and each one's (start day, days in development,
/// days in review) in working days of the sprint; a card that does not reach done by
/// the last day carries over.
type Plan = &'static [(&'static str, u32, u32, u32)];
const SPRINTS: [(&str, Plan); 3] = [
    (
        "S1",
        &[
            ("P-1", 0, 3, 1),
            ("P-2", 0, 2, 1),
            ("P-3", 1, 4, 1),
            ("P-4", 3, 1, 1),
            ("P-5", 4, 6, 2),
            ("P-6", 5, 2, 1),
            ("P-7", 6, 5, 1),
        ],
    ),
    (
        "S2",
        &[
            ("P-5", 0, 1, 1),
            ("P-7", 0, 2, 1),
            ("P-8", 0, 3, 1),
            ("P-9", 1, 1, 1),
            ("P-10", 2, 2, 1),
            ("P-11", 3, 3, 1),
            ("P-12", 4, 4, 1),
            ("P-17", 5, 1, 0),
        ],
    ),
    (
        "S3",
        &[
            ("P-12", 0, 0, 1),
            ("P-13", 0, 3, 1),
            ("P-14", 0, 1, 1),
            ("P-15", 1, 3, 1),
            ("P-16", 2, 2, 1),
            ("P-18", 4, 2, 1),
            ("P-20", 5, 1, 0),
            ("P-21", 6, 1, 1),
        ],
    ),
];

/// The board after the three sprints, what the story prints, and its charts.
pub struct Story {
    /// The board document's content.
    pub board: Board,
    /// The printed report: burndowns, board, velocity, flow, forecasts, the plan binding.
    pub report: String,
    /// Sprint 2's burndown and burnup (SVG).
    pub burndown_svg: String,
    /// The cumulative flow diagram of the three sprints (SVG).
    pub cfd_svg: String,
}

/// Runs the three sprints on `plan`'s calendar (the case study: UK bank holidays) and
/// binds its core platform task (20) to a backlog forecast to show the UAT acceptance
/// milestone (30) move.
///
/// # Errors
/// Any planix error of the story's calls (none for the case study).
pub fn story(plan: &Project) -> Result<Story, Box<dyn std::error::Error>> {
    let cal = plan.project_calendar().clone();
    let mut out = String::new();

    let mut b = Board::new("Client portal: build");
    b.add_column(Column::new("ready", "Ready", Stage::Todo))?;
    b.add_column(
        Column::new("dev", "Development", Stage::Doing)
            .with_wip(WipLimit::soft(3))
            .split(),
    )?;
    b.add_column(Column::new("review", "Review", Stage::Doing).with_wip(WipLimit::soft(2)))?;
    b.add_column(Column::new("done", "Done", Stage::Done))?;
    b.add_lane(Lane::new("standard", "Standard"))?;
    b.add_lane(Lane::new("expedite", "Expedite").expedite())?;
    b.set_wip_limit(LimitScope::Assignee, "ana", Some(WipLimit::soft(2)))?;

    let created = at(day(2027, 4, 12)?, 9, 0)?;
    b.add_item(
        ItemSpec::new("E-1", "Customer portal").with_kind(ItemKind::Epic),
        created,
        "pm",
    )?;
    for (id, title, points, kind, who) in ITEMS {
        b.add_item(
            ItemSpec::new(id, title)
                .with_kind(kind)
                .with_parent("E-1")
                .with_estimate(points)
                .with_assignees([who]),
            created,
            "pm",
        )?;
    }
    // P-17 is found in sprint 2 and expedited; it is added to the sprint mid-way.
    // The case study's build phase: three sprints from Monday 19 April to Friday 28 May
    // (the plan's Build runs 14 April – 28 May; 3 May is a bank holiday).
    let first = day(2027, 4, 19)?;
    let goals = [
        "Sign-in and invoices",
        "Payments and tickets",
        "Admin and polish",
    ];
    for (k, (sprint, _)) in SPRINTS.iter().enumerate() {
        let start = first + Duration::weeks(2 * k as i64);
        // Two weeks, Monday to Sunday.
        let end = start + Duration::days(13);
        b.add_sprint(
            SprintSpec::new(*sprint, start, end)
                .for_team("portal")
                .with_goal(goals[k]),
        )?;
    }
    let mut warnings = 0;
    for (k, (sprint, plan)) in SPRINTS.iter().enumerate() {
        let start = first + Duration::weeks(2 * k as i64);
        let planning = at(start, 9, 0)?;
        // The sprint's working days (nine when a bank holiday falls in it).
        let days = (0..14)
            .filter(|&i| cal.is_working_day(start + Duration::days(i)))
            .count() as u32;
        for &(item, ..) in plan.iter() {
            let mid_sprint = item == "P-17";
            let carried = b
                .sprint(sprint)
                .is_some_and(|s| s.scope.iter().any(|e| e.item == item));
            if !mid_sprint && !carried {
                b.add_to_sprint(sprint, item, planning, "pm")?;
            }
        }
        b.start_sprint(sprint, at(start, 9, 30)?)?;
        // The script of moves, in time order.
        let mut steps: Vec<(NaiveDateTime, usize, Step)> = vec![];
        for (n, &(item, s, dev, review)) in plan.iter().enumerate() {
            let d0 = working_day(&cal, start, s);
            if item == "P-17" {
                steps.push((at(d0, 9, 45)?, n, Step::AddToSprint(sprint, item)));
            }
            steps.push((at(d0, 10, 0)?, n, Step::Move(item, "dev", false)));
            let d1 = working_day(&cal, start, s + dev);
            steps.push((at(d1, 12, 0)?, n, Step::Move(item, "dev", true)));
            steps.push((at(d1, 14, 0)?, n, Step::Move(item, "review", false)));
            let d2 = working_day(&cal, start, s + dev + review);
            steps.push((at(d2, 16, 0)?, n, Step::Move(item, "done", false)));
        }
        steps.sort_by_key(|(t, n, _)| (*t, *n));
        let last = at(working_day(&cal, start, days - 1), 17, 0)?;
        for (t, _, step) in steps {
            if t > last {
                continue;
            }
            match step {
                Step::Move(item, column, ready) => {
                    let mut to = Placement::column(column);
                    if item == "P-17" {
                        to = to.in_lane("expedite");
                    }
                    if ready {
                        to = to.ready();
                    }
                    warnings += b.move_card(item, &to, t, "team")?.len();
                }
                Step::AddToSprint(s, item) => b.add_to_sprint(s, item, t, "pm")?,
            }
        }
        let next = SPRINTS.get(k + 1).map(|(s, _)| *s);
        let carry = b.close_sprint(
            sprint,
            at(working_day(&cal, start, days - 1), 17, 30)?,
            next,
        )?;
        let burn = b.burndown(sprint, Some(&cal), None)?;
        writeln!(out, "{}", burn.table())?;
        if !carry.is_empty() {
            writeln!(
                out,
                "carried over into {}: {}\n",
                next.unwrap_or("the backlog"),
                carry.join(", ")
            )?;
        }
    }
    let now = at(day(2027, 6, 1)?, 9, 0)?;
    writeln!(out, "{}", b.text())?;
    writeln!(
        out,
        "soft WIP limits passed during the sprints: {warnings}\n"
    )?;

    writeln!(out, "velocity (points):")?;
    for v in b.velocity() {
        writeln!(
            out,
            "  {}: committed {}, completed {}, added {}, removed {}; rolling mean {:.1} ± {:.1}",
            v.sprint, v.committed, v.completed, v.added, v.removed, v.rolling_mean, v.rolling_sd
        )?;
    }
    let p = b.flow_percentiles();
    let d = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}"));
    writeln!(
        out,
        "cycle time (days) P50 {} P85 {} P95 {}; lead time P85 {} ({} finished)\n",
        d(p.cycle.p50),
        d(p.cycle.p85),
        d(p.cycle.p95),
        d(p.lead.p85),
        p.items
    )?;

    // Forecasts from the team's own throughput: finished items per working day.
    let history = b.daily_throughput(first, now.date() - Duration::days(1), &cal)?;
    let h = [TeamHistory::new("portal", history)];
    let o = ThroughputOptions {
        seed: 17,
        ..ThroughputOptions::default()
    };
    let rest = b.backlog().iter().filter(|i| i.as_str() != "E-1").count();
    let when = forecast_when(&h, rest as f64, now.date(), &cal, &o)?;
    writeln!(out, "the rest of the backlog: {when}")?;
    let go_live = day(2027, 6, 29)?;
    let many = forecast_how_many(&h, now.date(), go_live, &cal, &o)?;
    writeln!(out, "by the go-live on {go_live}: {many}")?;
    let features = [
        Feature {
            name: "Search".into(),
            low: 3,
            high: 5,
        },
        Feature {
            name: "Mobile layout".into(),
            low: 4,
            high: 8,
        },
    ];
    let cut = forecast_cut_line(
        &h,
        &features,
        SplitRate {
            low: 1.0,
            high: 1.5,
        },
        now.date(),
        Some(go_live),
        &cal,
        &o,
    )?;
    for f in &cut.features {
        writeln!(
            out,
            "  {}: P50 {}, P85 {}, by the go-live {:.0}%",
            f.name,
            f.p50,
            f.p85,
            100.0 * f.by_deadline.unwrap_or(0.0)
        )?;
    }
    writeln!(
        out,
        "  cut line at P85: {} of {} features make the go-live\n",
        cut.above_line.unwrap_or(0),
        cut.features.len()
    )?;
    let opts = BoardHealthOptions {
        forecasts: vec![DeadlineCheck {
            name: "Portal go-live".into(),
            deadline: go_live,
            p85: when.p85,
        }],
        ..BoardHealthOptions::default()
    };
    for f in b.health(now, &opts) {
        writeln!(
            out,
            "health {:?} {}: {}",
            f.severity,
            f.rule.name(),
            f.message
        )?;
    }

    // Bound to the plan: the case study's core platform (task 20, on the critical path,
    // planned 20 days) is delivered as a backlog of 16 items at this team's measured throughput;
    // its forecast replaces the estimate in the project's Monte Carlo, and the client's
    // UAT acceptance (task 30) moves with it.
    let (platform, uat) = (planix::TaskId(20), planix::TaskId(30));
    let f = forecast_when(&h, 16.0, now.date(), &cal, &o)?;
    let mut so = planix::simulate::SimulationOptions::new(10_000, 17);
    let before = planix::simulate::simulate(plan, &so)?;
    so.durations
        .push(planix::agile::plan_duration(&f, plan, platform)?);
    let after = planix::simulate::simulate(plan, &so)?;
    let p80 = |r: &planix::simulate::SimulationReport| {
        r.milestones
            .iter()
            .find(|m| m.task == uat)
            .map(|m| m.finish.percentile(80.0))
            .ok_or("no UAT milestone")
    };
    writeln!(
        out,
        "the core platform as a backlog of 16 items: P50 {} P85 {} working days; UAT acceptance P80 {} with its estimate, {} at the team's throughput\n",
        f.periods[0],
        f.periods[1],
        p80(&before)?,
        p80(&after)?
    )?;

    // A hard limit refuses a move and names the cards holding it; nothing changes.
    let before = b.to_json();
    b.set_wip_limit(LimitScope::Column, "review", Some(WipLimit::hard(1)))?;
    b.move_card("P-19", &Placement::column("review"), now, "ben")?;
    match b.move_card("P-10", &Placement::column("review"), now, "ben") {
        Err(e) => writeln!(out, "refused: {e}")?,
        Ok(_) => return Err("the hard limit let a move through".into()),
    }
    let b = Board::from_json(&before)?;
    let burn = b.burndown("S2", Some(&cal), None)?;
    let burndown_svg = render::burndown(&burn, &Default::default())?;
    let c = b.cfd(day(2027, 4, 12)?, day(2027, 5, 28)?)?;
    let cfd_svg = render::cfd(&c, &Default::default())?;
    Ok(Story {
        board: b,
        report: out,
        burndown_svg,
        cfd_svg,
    })
}
