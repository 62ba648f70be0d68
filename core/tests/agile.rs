//! Boards, sprints, flow metrics and throughput forecasts, against hand-worked numbers
//! and closed forms.
#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]

use chrono::{NaiveDate, NaiveDateTime};
use planix::Calendar;
use planix::agile::*;
use proptest::prelude::*;

fn t(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}
fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn board() -> Board {
    let mut b = Board::new("Portal");
    b.add_column(Column::new("todo", "To do", Stage::Todo))
        .unwrap();
    b.add_column(Column::new("dev", "In progress", Stage::Doing))
        .unwrap();
    b.add_column(Column::new("done", "Done", Stage::Done))
        .unwrap();
    b
}

fn item(b: &mut Board, id: &str, est: f64, at: &str) {
    b.add_item(
        ItemSpec::new(id, format!("Item {id}")).with_estimate(est),
        t(at),
        "pm",
    )
    .unwrap();
}

fn mv(b: &mut Board, id: &str, col: &str, at: &str) {
    b.move_card(id, &Placement::column(col), t(at), "dev")
        .unwrap();
}

/// Hand-worked sprint, Mon 1 – Fri 5 March 2027. Committed A=3, B=5, C=2 and E=1 (E was
/// finished on 26 February, before the sprint). Tue: A done. Wed: D=4 added. Thu: B done,
/// C removed. Fri: D done.
///
/// | day | scope | completed | remaining | ideal (10 → 0 over 5 days) |
/// |-----|-------|-----------|-----------|----------------------------|
/// | Mon | 10    | 0         | 10        | 8                          |
/// | Tue | 10    | 3         | 7         | 6                          |
/// | Wed | 14    | 3         | 11        | 4                          |
/// | Thu | 12    | 8         | 4         | 2                          |
/// | Fri | 12    | 12        | 0         | 0                          |
fn sprint_board() -> Board {
    let mut b = board();
    for (id, est) in [("A", 3.0), ("B", 5.0), ("C", 2.0), ("D", 4.0), ("E", 1.0)] {
        item(&mut b, id, est, "2027-02-22T09:00:00");
    }
    mv(&mut b, "E", "dev", "2027-02-24T09:00:00");
    mv(&mut b, "E", "done", "2027-02-26T12:00:00");
    b.add_sprint(SprintSpec::new("S1", d("2027-03-01"), d("2027-03-05")).with_goal("Login"))
        .unwrap();
    for id in ["A", "B", "C", "E"] {
        b.add_to_sprint("S1", id, t("2027-02-28T10:00:00"), "pm")
            .unwrap();
    }
    b.start_sprint("S1", t("2027-03-01T09:00:00")).unwrap();
    mv(&mut b, "A", "dev", "2027-03-01T10:00:00");
    mv(&mut b, "B", "dev", "2027-03-01T10:00:00");
    mv(&mut b, "A", "done", "2027-03-02T15:00:00");
    b.add_to_sprint("S1", "D", t("2027-03-03T10:00:00"), "pm")
        .unwrap();
    mv(&mut b, "D", "dev", "2027-03-03T11:00:00");
    mv(&mut b, "B", "done", "2027-03-04T11:00:00");
    b.remove_from_sprint("S1", "C", t("2027-03-04T12:00:00"), "pm")
        .unwrap();
    mv(&mut b, "D", "done", "2027-03-05T16:00:00");
    b
}

#[test]
fn burndown_and_burnup_treat_scope_change_as_a_baseline_shift() {
    let b = sprint_board();
    let bd = b.burndown("S1", None, None).unwrap();
    assert_eq!(bd.committed, 10.0);
    let got: Vec<[f64; 6]> = bd
        .days
        .iter()
        .map(|r| {
            [
                r.scope,
                r.completed,
                r.remaining,
                r.ideal,
                r.added,
                r.removed,
            ]
        })
        .collect();
    assert_eq!(
        got,
        [
            [10.0, 0.0, 10.0, 8.0, 0.0, 0.0],
            [10.0, 3.0, 7.0, 6.0, 0.0, 0.0],
            [14.0, 3.0, 11.0, 4.0, 4.0, 0.0],
            [12.0, 8.0, 4.0, 2.0, 0.0, 2.0],
            [12.0, 12.0, 0.0, 0.0, 0.0, 0.0],
        ]
    );
    assert_eq!(bd.outside.len(), 1);
    assert_eq!(
        (bd.outside[0].item.as_str(), bd.outside[0].when),
        ("E", "before")
    );
    // Read on Wednesday: three rows.
    assert_eq!(
        b.burndown("S1", None, Some(d("2027-03-03")))
            .unwrap()
            .days
            .len(),
        3
    );
}

#[test]
fn velocity_counts_work_done_inside_the_sprint() {
    let mut b = sprint_board();
    b.add_sprint(SprintSpec::new("S2", d("2027-03-08"), d("2027-03-12")))
        .unwrap();
    let carry = b
        .close_sprint("S1", t("2027-03-05T18:00:00"), Some("S2"))
        .unwrap();
    assert!(carry.is_empty(), "{carry:?}");
    let v = b.velocity();
    assert_eq!(v.len(), 1);
    assert_eq!(
        (v[0].committed, v[0].completed, v[0].added, v[0].removed),
        (10.0, 12.0, 4.0, 2.0)
    );
    assert_eq!((v[0].rolling_mean, v[0].rolling_sd), (12.0, 0.0));
}

#[test]
fn a_closed_sprint_carries_unfinished_work_over() {
    let mut b = board();
    item(&mut b, "A", 3.0, "2027-03-01T08:00:00");
    item(&mut b, "B", 5.0, "2027-03-01T08:00:00");
    b.add_sprint(SprintSpec::new("S1", d("2027-03-01"), d("2027-03-05")))
        .unwrap();
    b.add_sprint(SprintSpec::new("S2", d("2027-03-08"), d("2027-03-12")))
        .unwrap();
    b.add_to_sprint("S1", "A", t("2027-03-01T08:30:00"), "pm")
        .unwrap();
    b.add_to_sprint("S1", "B", t("2027-03-01T08:30:00"), "pm")
        .unwrap();
    b.start_sprint("S1", t("2027-03-01T09:00:00")).unwrap();
    mv(&mut b, "A", "done", "2027-03-03T09:00:00");
    assert_eq!(
        b.close_sprint("S1", t("2027-03-05T17:00:00"), Some("S2"))
            .unwrap(),
        ["B"]
    );
    assert_eq!(b.sprint("S2").unwrap().scope[0].item, "B");
    assert_eq!(b.sprint("S1").unwrap().carried_over, ["B"]);
    // Carried-over work joins the next sprint's plan, not a scope change.
    assert!(b.sprint("S2").unwrap().changes.is_empty());
}

/// Cycle times of 1, 2, …, 10 days: nearest rank gives P50 = 5 (the 5th of 10), P85 = 9
/// (the ⌈8.5⌉th), P95 = 10 (the ⌈9.5⌉th).
#[test]
fn cycle_time_percentiles_are_nearest_rank() {
    let mut b = board();
    for k in 1..=10 {
        item(&mut b, &format!("I{k:02}"), 1.0, "2027-03-01T08:00:00");
    }
    for k in 1..=10 {
        mv(&mut b, &format!("I{k:02}"), "dev", "2027-03-01T09:00:00");
    }
    for k in 1..=10 {
        let at = t("2027-03-01T09:00:00") + chrono::Duration::days(k);
        b.move_card(&format!("I{k:02}"), &Placement::column("done"), at, "dev")
            .unwrap();
    }
    let p = b.flow_percentiles();
    assert_eq!(p.items, 10);
    assert_eq!(
        (p.cycle.p50, p.cycle.p85, p.cycle.p95),
        (Some(5.0), Some(9.0), Some(10.0))
    );
    // Lead time adds the hour between creation and start.
    assert_eq!(p.lead.p50, Some(5.0 + 1.0 / 24.0));
    // Work in progress aging past the lines.
    item(&mut b, "OLD", 1.0, "2027-03-11T09:00:00");
    mv(&mut b, "OLD", "dev", "2027-03-11T10:00:00");
    // Exactly at P85 is not past it; two hours later it is.
    let a = b.aging(t("2027-03-20T10:00:00"));
    assert_eq!((a[0].age_days, a[0].beyond), (9.0, Some(50)));
    let a = b.aging(t("2027-03-20T12:00:00"));
    assert_eq!((a[0].age_days, a[0].beyond), (9.0 + 1.0 / 12.0, Some(85)));
    let f = b.health(t("2027-03-20T12:00:00"), &BoardHealthOptions::default());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule.name(), "aging_wip");
}

/// Day by day: Mon A, B, C created; Tue A → dev; Wed B → dev, A → done; Thu C → dev.
#[test]
fn cumulative_flow_counts_cards_at_each_days_end() {
    let mut b = board();
    for id in ["A", "B", "C"] {
        item(&mut b, id, 1.0, "2027-03-01T09:00:00");
    }
    mv(&mut b, "A", "dev", "2027-03-02T09:00:00");
    mv(&mut b, "B", "dev", "2027-03-03T09:00:00");
    mv(&mut b, "A", "done", "2027-03-03T15:00:00");
    mv(&mut b, "C", "dev", "2027-03-04T09:00:00");
    let c = b.cfd(d("2027-02-28"), d("2027-03-04")).unwrap();
    let got: Vec<(u32, Vec<u32>)> = c
        .days
        .iter()
        .map(|r| (r.backlog, r.counts.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (0, vec![0, 0, 0]),
            (3, vec![0, 0, 0]),
            (2, vec![0, 1, 0]),
            (1, vec![0, 1, 1]),
            (0, vec![0, 2, 1]),
        ]
    );
    assert_eq!(c.rows()[4]["dev"], 2);
    let th = b
        .throughput(
            planix::calendar::Period::Day,
            d("2027-03-01"),
            d("2027-03-04"),
        )
        .unwrap();
    assert_eq!(th.iter().map(|r| r.items).collect::<Vec<_>>(), [0, 0, 1, 0]);
}

#[test]
fn wip_limits_of_every_kind() {
    let mut b = board();
    b.add_lane(Lane::new("std", "Standard").with_wip(WipLimit::hard(3)))
        .unwrap();
    b.add_lane(Lane::new("exp", "Expedite").expedite()).unwrap();
    b.set_wip_limit(LimitScope::Column, "dev", Some(WipLimit::hard(2)))
        .unwrap();
    for id in ["A", "B", "C", "D", "E"] {
        b.add_item(
            ItemSpec::new(id, id).with_assignees(["lee"]),
            t("2027-03-01T09:00:00"),
            "pm",
        )
        .unwrap();
    }
    mv(&mut b, "A", "dev", "2027-03-01T10:00:00");
    mv(&mut b, "B", "dev", "2027-03-01T10:00:00");
    let before = b.clone();
    // Column, hard: refused, names the holders, changes nothing.
    match b.move_card(
        "C",
        &Placement::column("dev"),
        t("2027-03-01T11:00:00"),
        "x",
    ) {
        Err(AgileError::WipLimit {
            scope,
            name,
            limit,
            holders,
            ..
        }) => {
            assert_eq!(
                (scope, name.as_str(), limit),
                (LimitScope::Column, "dev", 2)
            );
            assert_eq!(holders, ["A", "B"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(b, before);
    // The expedite lane is exempt from the column limit.
    b.move_card(
        "C",
        &Placement::column("dev").in_lane("exp"),
        t("2027-03-01T11:00:00"),
        "x",
    )
    .unwrap();
    // Lane, hard: the standard lane holds A, B (in progress) and D (to do) = 3.
    mv(&mut b, "D", "todo", "2027-03-01T11:00:00");
    let e = b.move_card(
        "E",
        &Placement::column("todo"),
        t("2027-03-01T11:00:00"),
        "x",
    );
    assert!(
        matches!(
            e,
            Err(AgileError::WipLimit {
                scope: LimitScope::Lane,
                ..
            })
        ),
        "{e:?}"
    );
    // Done columns do not count toward the lane: finishing A frees it.
    mv(&mut b, "A", "done", "2027-03-01T12:00:00");
    mv(&mut b, "E", "todo", "2027-03-01T12:00:00");
    // Assignee, soft: the move passes with a warning (lee holds B and C in progress).
    b.set_wip_limit(LimitScope::Assignee, "lee", Some(WipLimit::soft(2)))
        .unwrap();
    b.set_wip_limit(LimitScope::Column, "dev", None).unwrap();
    let w = b
        .move_card(
            "D",
            &Placement::column("dev"),
            t("2027-03-01T13:00:00"),
            "x",
        )
        .unwrap();
    assert_eq!(
        w,
        [WipWarning {
            scope: LimitScope::Assignee,
            name: "lee".into(),
            limit: 2,
            count: 3
        }]
    );
    // A limit set below the count is allowed and reported; the health rules list it.
    let w = b
        .set_wip_limit(LimitScope::Column, "dev", Some(WipLimit::hard(1)))
        .unwrap();
    assert_eq!(w.map(|w| w.count), Some(2));
    let f = b.health(t("2027-03-01T14:00:00"), &BoardHealthOptions::default());
    let wip: Vec<&str> = f
        .iter()
        .filter(|f| f.rule.name() == "wip_over_limit")
        .map(|f| f.items[0].as_str())
        .collect();
    assert_eq!(wip, ["dev", "lee"]);
    // Moving within the full column (reordering) is always allowed.
    b.move_card(
        "D",
        &Placement::column("dev").before("B"),
        t("2027-03-01T15:00:00"),
        "x",
    )
    .unwrap();
    let order: Vec<&str> = b
        .cards("dev")
        .unwrap()
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(order, ["D", "B", "C"]);
}

#[test]
fn a_split_column_keeps_its_limit_across_both_halves() {
    let mut b = Board::new("B");
    b.add_column(
        Column::new("dev", "Dev", Stage::Doing)
            .split()
            .with_wip(WipLimit::hard(2)),
    )
    .unwrap();
    b.add_column(Column::new("done", "Done", Stage::Done))
        .unwrap();
    for id in ["A", "B", "C"] {
        item(&mut b, id, 1.0, "2027-03-01T09:00:00");
    }
    mv(&mut b, "A", "dev", "2027-03-01T10:00:00");
    b.move_card(
        "A",
        &Placement::column("dev").ready(),
        t("2027-03-01T11:00:00"),
        "x",
    )
    .unwrap();
    mv(&mut b, "B", "dev", "2027-03-01T11:00:00");
    assert!(
        b.move_card(
            "C",
            &Placement::column("dev"),
            t("2027-03-01T12:00:00"),
            "x"
        )
        .is_err()
    );
    assert!(b.item("A").unwrap().card.as_ref().unwrap().ready);
    let e = b.move_card(
        "C",
        &Placement::column("done").ready(),
        t("2027-03-01T12:00:00"),
        "x",
    );
    assert!(matches!(e, Err(AgileError::OutOfRange { .. })), "{e:?}");
}

#[test]
fn bad_input_is_a_typed_error_and_changes_nothing() {
    let mut b = sprint_board();
    let before = b.to_json();
    let at = t("2027-03-06T09:00:00");
    let errs = [
        b.move_card("A", &Placement::column("nope"), at, "x")
            .unwrap_err(),
        b.move_card("ZZ", &Placement::column("dev"), at, "x")
            .unwrap_err(),
        b.move_card("A", &Placement::column("dev").before("ZZ"), at, "x")
            .unwrap_err(),
        b.add_item(ItemSpec::new("N", "neg").with_estimate(-1.0), at, "x")
            .unwrap_err(),
        b.add_item(ItemSpec::new("A", "dup"), at, "x").unwrap_err(),
        b.add_item(ItemSpec::new("N", "orphan").with_parent("ZZ"), at, "x")
            .unwrap_err(),
        b.add_sprint(SprintSpec::new("S9", d("2027-03-04"), d("2027-03-10")))
            .unwrap_err(),
        b.add_sprint(SprintSpec::new("S9", d("2027-03-10"), d("2027-03-04")))
            .unwrap_err(),
        b.add_to_sprint("S1", "A", at, "x").unwrap_err(),
        b.start_sprint("S1", at).unwrap_err(),
        b.move_card(
            "A",
            &Placement::column("dev"),
            t("2027-03-01T00:00:00"),
            "x",
        )
        .unwrap_err(),
        b.comment("A", "  ", at, "x", None).unwrap_err(),
        b.comment("A", "hi", at, "x", Some(3)).unwrap_err(),
    ];
    for e in &errs {
        assert!(!e.to_string().is_empty());
        let kind = planix::Error::from(e.clone()).kind();
        assert!(["agile", "value"].contains(&kind), "{kind}: {e}");
    }
    assert!(errs[0].to_string().contains("\"nope\""));
    assert!(matches!(errs[6], AgileError::SprintOverlap { .. }));
    assert!(matches!(errs[10], AgileError::BackDated { .. }));
    assert_eq!(b.to_json(), before);
    // A parent loop.
    b.add_item(ItemSpec::new("P", "parent"), at, "x").unwrap();
    b.add_item(ItemSpec::new("K", "kid").with_parent("P"), at, "x")
        .unwrap();
    let edit = ItemEdit {
        parent: Some(Some("K".into())),
        ..ItemEdit::default()
    };
    assert!(matches!(
        b.edit_item("P", &edit, at, "x"),
        Err(AgileError::ParentLoop { .. })
    ));
    // An empty history.
    let cal = Calendar::standard();
    let o = ThroughputOptions::default();
    let e = forecast_when(
        &[TeamHistory::new("web", vec![])],
        5.0,
        d("2027-03-01"),
        &cal,
        &o,
    );
    assert!(matches!(e, Err(AgileError::History { .. })), "{e:?}");
    let e = forecast_when(
        &[TeamHistory::new("web", vec![0.0, 0.0])],
        5.0,
        d("2027-03-01"),
        &cal,
        &o,
    );
    assert!(e.unwrap_err().to_string().contains("no completed work"));
}

#[test]
fn edits_comments_and_history_are_recorded_in_order() {
    let mut b = board();
    item(&mut b, "A", 3.0, "2027-03-01T09:00:00");
    let edit = ItemEdit {
        title: Some("Login page".into()),
        estimate: Some(Some(5.0)),
        ..ItemEdit::default()
    };
    b.edit_item("A", &edit, t("2027-03-01T10:00:00"), "dana")
        .unwrap();
    let n = b
        .comment(
            "A",
            "@lee can you pair with @kim?",
            t("2027-03-01T11:00:00"),
            "dana",
            None,
        )
        .unwrap();
    b.comment("A", "sure", t("2027-03-01T12:00:00"), "lee", Some(n))
        .unwrap();
    let it = b.item("A").unwrap();
    let kinds: Vec<&str> = it.history.iter().map(|h| h.kind.name()).collect();
    assert_eq!(
        kinds,
        ["created", "edited", "edited", "commented", "commented"]
    );
    assert_eq!(it.history[2].field.as_deref(), Some("estimate"));
    assert_eq!(it.history[2].from, Some(serde_json::json!(3.0)));
    assert_eq!(it.comments[0].mentions, ["lee", "kim"]);
    assert_eq!(it.comments[1].reply_to, Some(1));
    // Setting a field that had no value, and clearing one: the absent side is written
    // as an absent member, and the document still reads back equal (a `null` written
    // for "no value" read back as a different history).
    let edit = ItemEdit {
        priority: Some(Some(Priority::High)),
        estimate: Some(None),
        ..ItemEdit::default()
    };
    b.edit_item("A", &edit, t("2027-03-01T13:00:00"), "dana")
        .unwrap();
    let h = &b.item("A").unwrap().history;
    assert_eq!(h[h.len() - 2].from, None);
    assert_eq!(h[h.len() - 1].to, None);
    let back = Board::from_json(&b.to_json()).unwrap();
    assert_eq!(back, b);
}

#[test]
fn the_document_refuses_what_the_calls_refuse() {
    let b = sprint_board();
    let ok = b.to_json();
    for (from, to) in [
        ("\"format\": \"planix-board\"", "\"format\": \"other\""),
        ("\"version\": 1", "\"version\": 9"),
        ("\"column\": \"done\"", "\"column\": \"gone\""),
        ("\"estimate\": 5.0", "\"estimate\": -5.0"),
    ] {
        assert!(ok.contains(from), "{from}");
        let bad = ok.replacen(from, to, 1);
        assert!(Board::from_json(&bad).is_err(), "{to}");
    }
    assert!(Board::from_json("{").is_err());
    assert_eq!(Board::from_json(&format!("\u{feff}{ok}")).unwrap(), b);
}

/// Constant throughput: the forecast is exact and every trial agrees.
#[test]
fn constant_throughput_forecasts_are_exact() {
    let cal = Calendar::standard();
    let h = [TeamHistory::new("web", vec![2.0; 5])];
    let o = ThroughputOptions::default();
    // 9 items at 2 a day: 5 working days from Friday 5 March: Fri, Mon, Tue, Wed, Thu.
    let f = forecast_when(&h, 9.0, d("2027-03-05"), &cal, &o).unwrap();
    assert_eq!(f.periods, [5, 5, 5]);
    assert_eq!((f.p50, f.p95), (d("2027-03-11"), d("2027-03-11")));
    // 7 working days (Mon 1 – Tue 9 March): 14 items in every trial.
    let m = forecast_how_many(&h, d("2027-03-01"), d("2027-03-09"), &cal, &o).unwrap();
    assert_eq!(
        (m.periods, m.p50, m.p85, m.p95, m.mean),
        (7, 14.0, 14.0, 14.0, 14.0)
    );
    // Two teams add up; sprints of 14 days: 30 points at 8 + 4 a sprint take 3 sprints.
    let teams = [
        TeamHistory::new("a", vec![8.0]),
        TeamHistory::new("b", vec![4.0]),
    ];
    let so = ThroughputOptions {
        cadence: Cadence::Sprint { days: 14 },
        ..o
    };
    let f = forecast_when(&teams, 30.0, d("2027-03-01"), &cal, &so).unwrap();
    assert_eq!((f.periods[1], f.p85), (3, d("2027-04-11")));
    // A cut line: 4 + 6 items at 2 a day, split ×1.5: 6 then 15 items → 3 and 8 days.
    let feats = [
        Feature {
            name: "F1".into(),
            low: 4,
            high: 4,
        },
        Feature {
            name: "F2".into(),
            low: 6,
            high: 6,
        },
    ];
    let c = forecast_cut_line(
        &h,
        &feats,
        SplitRate {
            low: 1.5,
            high: 1.5,
        },
        d("2027-03-01"),
        Some(d("2027-03-05")),
        &cal,
        &o,
    )
    .unwrap();
    assert_eq!(
        (c.features[0].p85, c.features[1].p85),
        (d("2027-03-03"), d("2027-03-10"))
    );
    assert_eq!(
        (c.features[0].by_deadline, c.features[1].by_deadline),
        (Some(1.0), Some(0.0))
    );
    assert_eq!(c.above_line, Some(1));
}

fn binom_cdf_at_least(n: u32, k: u32) -> f64 {
    // P(Bin(n, 1/2) ≥ k).
    let mut c = 1.0f64;
    let mut sum = 0.0;
    for i in 0..=n {
        if i >= k {
            sum += c;
        }
        c = c * f64::from(n - i) / f64::from(i + 1);
    }
    sum / 2f64.powi(n as i32)
}

/// History {0, 1}: each day completes an item with probability ½, so the days to finish
/// N items are negative binomial, P(T ≤ t) = P(Bin(t, ½) ≥ N), and the items done in t
/// days are Bin(t, ½). 200,000 trials: the standard error of a share is ≤ 0.0012.
#[test]
fn bernoulli_throughput_matches_the_negative_binomial() {
    let cal = Calendar::twenty_four_hours();
    let h = [TeamHistory::new("web", vec![0.0, 1.0])];
    let o = ThroughputOptions {
        trials: 200_000,
        seed: 7,
        ..ThroughputOptions::default()
    };
    let f = forecast_when(&h, 5.0, d("2027-03-01"), &cal, &o).unwrap();
    for t in 5..30 {
        let exact = binom_cdf_at_least(t, 5);
        let got = f.probability_within(t);
        assert!((got - exact).abs() < 0.006, "t={t}: {got} vs {exact}");
    }
    // Exact quantiles: P(T ≤ 9) = 0.500, P(T ≤ 10) = 0.623 → P50 = 10 (the share at 9 is
    // 0.5 exactly, so sampling noise decides between 9 and 10); P85: P(T ≤ 13) = 0.867; P95: P(T ≤ 15) = 0.941, P(T ≤ 16) = 0.962.
    assert!([9, 10].contains(&f.periods[0]), "{:?}", f.periods);
    assert_eq!(&f.periods[1..], &[13, 16]);
    // 10 days: P(X ≥ 5) = .623, P(X ≥ 6) = .377 → P50 5; P(X ≥ 3) = .945 → P85 3; P95 2.
    let m = forecast_how_many(&h, d("2027-03-01"), d("2027-03-10"), &cal, &o).unwrap();
    assert_eq!((m.periods, m.p50, m.p85, m.p95), (10, 5.0, 3.0, 2.0));
    assert!((m.mean - 5.0).abs() < 0.02, "{}", m.mean);
}

#[test]
fn forecasts_do_not_depend_on_the_thread_count() {
    let cal = Calendar::standard();
    let h = [
        TeamHistory::new("a", vec![0.0, 1.0, 3.0, 2.0]),
        TeamHistory::new("b", vec![1.0, 0.0]),
    ];
    let o = ThroughputOptions {
        trials: 20_000,
        seed: 3,
        ..ThroughputOptions::default()
    };
    let feats: Vec<Feature> = (0..20)
        .map(|k| Feature {
            name: format!("F{k}"),
            low: 2,
            high: 9,
        })
        .collect();
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                (
                    forecast_when(&h, 40.0, d("2027-03-01"), &cal, &o).unwrap(),
                    forecast_cut_line(
                        &h,
                        &feats,
                        SplitRate {
                            low: 1.0,
                            high: 2.0,
                        },
                        d("2027-03-01"),
                        Some(d("2027-09-01")),
                        &cal,
                        &o,
                    )
                    .unwrap(),
                    forecast_how_many(&h, d("2027-03-01"), d("2027-04-01"), &cal, &o).unwrap(),
                )
            })
    };
    assert_eq!(run(1), run(2));
    let other = ThroughputOptions { seed: 4, ..o };
    assert_ne!(
        forecast_when(&h, 40.0, d("2027-03-01"), &cal, &other).unwrap(),
        run(1).0
    );
}

#[test]
fn sprint_capacity_comes_from_the_team_calendars() {
    use planix::{Project, Resource};
    let mut p = Project::new("P", t("2027-03-01T08:00:00"));
    let ana = p.add_resource(Resource::work("Ana", 1.0)).unwrap();
    let ben = p
        .add_resource(Resource::work("Ben", 0.5).with_leave(d("2027-03-03"), d("2027-03-03")))
        .unwrap();
    let mut b = board();
    b.add_sprint(SprintSpec::new("S1", d("2027-03-01"), d("2027-03-07")))
        .unwrap();
    // Ana: 5 days × 8 h = 40; Ben: 4 days × 8 h × 0.5 = 16; focus 0.75 → 42.
    assert_eq!(b.capacity("S1", &p, &[ana, ben], 0.75).unwrap(), 42.0);
}

#[derive(Debug, Clone)]
enum Op {
    Add(u8, u8),
    Move(u8, u8, bool),
    Back(u8),
    Comment(u8),
    Edit(u8, u8),
    Sprint(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..12, 0u8..9).prop_map(|(a, b)| Op::Add(a, b)),
        (0u8..12, 0u8..4, any::<bool>()).prop_map(|(a, b, c)| Op::Move(a, b, c)),
        (0u8..12).prop_map(Op::Back),
        (0u8..12).prop_map(Op::Comment),
        (0u8..12, 0u8..9).prop_map(|(a, b)| Op::Edit(a, b)),
        (0u8..12).prop_map(Op::Sprint),
    ]
}

proptest! {
    /// Any sequence of calls keeps the board consistent: a failed call changes nothing,
    /// the document round-trips byte for byte, and the WIP counts it rebuilds on load
    /// equal the ones the calls kept.
    #[test]
    fn any_sequence_of_calls_round_trips(ops in proptest::collection::vec(op(), 1..60)) {
        let mut b = board();
        b.set_wip_limit(LimitScope::Column, "dev", Some(WipLimit::hard(3))).unwrap();
        b.add_lane(Lane::new("exp", "Expedite").expedite()).unwrap();
        b.add_sprint(SprintSpec::new("S1", d("2027-03-01"), d("2027-03-12"))).unwrap();
        let cols = ["todo", "dev", "done", "nope"];
        let mut at = t("2027-03-01T08:00:00");
        for o in ops {
            at += chrono::Duration::minutes(30);
            let before = b.to_json();
            let id = |k: u8| format!("I{k}");
            let r: Result<(), AgileError> = match o {
                Op::Add(k, e) => b.add_item(ItemSpec::new(id(k), "x").with_estimate(f64::from(e) - 1.0), at, "u"),
                Op::Move(k, c, lane) => {
                    let mut p = Placement::column(cols[c as usize]);
                    if lane { p = p.in_lane("exp"); }
                    b.move_card(&id(k), &p, at, "u").map(|_| ())
                }
                Op::Back(k) => b.to_backlog(&id(k), at, "u"),
                Op::Comment(k) => b.comment(&id(k), "@ana look", at, "u", None).map(|_| ()),
                Op::Edit(k, e) => b.edit_item(&id(k), &ItemEdit { estimate: Some(Some(f64::from(e))), ..ItemEdit::default() }, at, "u"),
                Op::Sprint(k) => b.add_to_sprint("S1", &id(k), at, "u"),
            };
            if r.is_err() {
                prop_assert_eq!(b.to_json(), before);
            }
            prop_assert!(b.cards("dev").unwrap().iter().filter(|c| c.card.as_ref().unwrap().lane.is_none()).count() <= 3);
        }
        let text = b.to_json();
        let back = Board::from_json(&text).unwrap();
        prop_assert_eq!(back.to_json(), text);
        prop_assert_eq!(back.health(at, &BoardHealthOptions::default()), b.health(at, &BoardHealthOptions::default()));
        prop_assert_eq!(back.text(), b.text());
    }
}

#[test]
fn empty_sums_are_positive_zero() {
    // A sprint with nothing added, removed or committed: every total is +0.0 (the
    // `f64` sum of nothing is −0.0, written "-0.0").
    let mut b = board();
    b.add_sprint(SprintSpec::new("S1", d("2027-03-01"), d("2027-03-05")))
        .unwrap();
    b.start_sprint("S1", t("2027-03-01T09:00:00")).unwrap();
    b.close_sprint("S1", t("2027-03-05T17:00:00"), None)
        .unwrap();
    let v = &b.velocity()[0];
    for x in [v.committed, v.completed, v.added, v.removed] {
        assert!(x == 0.0 && x.is_sign_positive(), "{v:?}");
    }
    let text = serde_json::to_string(&b.velocity()).unwrap();
    assert!(!text.contains("-0"), "{text}");
    let burn = b.burndown("S1", None, None).unwrap();
    assert!(burn.committed.is_sign_positive());
    assert!(!burn.table().contains(" -0"), "{}", burn.table());
}

/// The same seeded forecasts give the same numbers in every language: these values are
/// asserted again in bindings-python/tests/test_agile.py and
/// bindings-wasm/tests/agile.test.mjs.
#[test]
fn seeded_forecasts_are_pinned_across_languages() {
    let cal = Calendar::standard();
    let h = [TeamHistory::new(
        "",
        vec![0.0, 1.0, 3.0, 0.0, 2.0, 5.0, 1.0],
    )];
    let o = ThroughputOptions {
        seed: 7,
        ..ThroughputOptions::default()
    };
    let f = forecast_when(&h, 40.0, d("2027-03-01"), &cal, &o).unwrap();
    assert_eq!(
        (f.p50, f.p85, f.p95, f.periods),
        (
            d("2027-04-01"),
            d("2027-04-08"),
            d("2027-04-13"),
            [24, 29, 32]
        )
    );
    assert_eq!(&f.histogram[..3], &[(10, 1), (11, 1), (12, 7)]);
    let feats = [
        Feature {
            name: "A".into(),
            low: 3,
            high: 9,
        },
        Feature {
            name: "B".into(),
            low: 5,
            high: 20,
        },
    ];
    let o = ThroughputOptions { seed: 3, ..o };
    let split = SplitRate {
        low: 1.0,
        high: 2.0,
    };
    let c = forecast_cut_line(
        &h,
        &feats,
        split,
        d("2027-03-01"),
        Some(d("2027-04-01")),
        &cal,
        &o,
    )
    .unwrap();
    let got: Vec<_> = c
        .features
        .iter()
        .map(|f| (f.p50, f.p85, f.p95, f.by_deadline))
        .collect();
    assert_eq!(
        got,
        [
            (
                d("2027-03-08"),
                d("2027-03-12"),
                d("2027-03-16"),
                Some(0.9998)
            ),
            (
                d("2027-03-23"),
                d("2027-04-01"),
                d("2027-04-08"),
                Some(0.8568)
            ),
        ]
    );
    assert_eq!(c.above_line, Some(2));
}

/// A start Monday 1 March 2027 08:00; A (2 days, fixed) → B (the backlog) → M.
fn bound_plan() -> (planix::Project, planix::TaskId, planix::TaskId) {
    use planix::{Project, Task};
    let mut p = Project::new("Portal", t("2027-03-01T08:00:00"));
    let cal = p.project_calendar().clone();
    let a = p
        .add_task(Task::new("Design").with_duration(cal.days(2)))
        .unwrap();
    let b = p.add_task(Task::new("Build (backlog)")).unwrap();
    let m = p.add_task(Task::new("UAT").as_milestone()).unwrap();
    p.link(a, b).unwrap();
    p.link(b, m).unwrap();
    (p, b, m)
}

#[test]
fn a_bound_backlog_drives_the_tasks_monte_carlo_duration() {
    use planix::simulate::{RiskEvent, SimulationOptions, simulate};
    let (p, b, _) = bound_plan();
    let cal = Calendar::standard();
    let o = ThroughputOptions::default();
    // Constant throughput: 9 items at 2 a day take 5 working days in every trial, so
    // every iteration's B runs Wed 3, Thu 4, Fri 5, Mon 8 and Tue 9 March (after the
    // design's Mon 1 and Tue 2): the finish is Tuesday 9 March 17:00.
    let f = forecast_when(
        &[TeamHistory::new("", vec![2.0; 3])],
        9.0,
        d("2027-03-03"),
        &cal,
        &o,
    )
    .unwrap();
    let dist = plan_duration(&f, &p, b).unwrap();
    assert_eq!(dist.quantiles.len(), 101);
    assert!(dist.quantiles.iter().all(|q| q.as_minutes() == 5 * 480));
    let mut so = SimulationOptions::new(2_000, 3);
    so.durations.push(dist);
    let r = simulate(&p, &so).unwrap();
    assert_eq!(r.percentile(5.0), t("2027-03-09T17:00:00"));
    assert_eq!(r.percentile(95.0), t("2027-03-09T17:00:00"));
    // A risk on the bound task applies as to any task: one more day in every iteration.
    let day = planix::Duration::minutes(480);
    so.risks
        .push(RiskEvent::new("R1", 1.0, vec![b]).with_delay(planix::Estimate::fixed(day)));
    let r = simulate(&p, &so).unwrap();
    assert_eq!(r.percentile(50.0), t("2027-03-10T17:00:00"));

    // A noisy history: the milestone's P80 is the design's 2 days plus the forecast's
    // nearest-rank P80 in working days (sampling interpolates between percentiles, so
    // within a working day of it), and it moves later than the plan's own CPM finish.
    let noisy = [TeamHistory::new(
        "",
        vec![0.0, 1.0, 3.0, 0.0, 2.0, 5.0, 1.0],
    )];
    let f = forecast_when(&noisy, 20.0, d("2027-03-03"), &cal, &o).unwrap();
    let mut total = 0;
    let k80 = f
        .histogram
        .iter()
        .find(|&&(_, c)| {
            total += c;
            f64::from(total) >= 0.8 * f64::from(f.trials)
        })
        .unwrap()
        .0;
    let expect = cal
        .add_working_time(
            t("2027-03-01T08:00:00"),
            planix::Duration::minutes(i64::from(2 + k80) * 480),
        )
        .unwrap();
    let mut so = SimulationOptions::new(20_000, 5);
    so.durations.push(plan_duration(&f, &p, b).unwrap());
    let r = simulate(&p, &so).unwrap();
    let m80 = r.milestones[0].finish.percentile(80.0);
    let gap = (m80 - expect).num_minutes().abs();
    assert!(gap <= 24 * 60, "P80 {m80} vs {expect}");
    let cpm = p.schedule().unwrap().finish();
    assert!(
        m80 > cpm,
        "the agile phase moves the milestone: {m80} vs CPM {cpm}"
    );
}

#[test]
fn bad_bindings_are_typed_errors() {
    use planix::simulate::{SimulateError, SimulationOptions, TaskDistribution, simulate};
    let (mut p, b, _) = bound_plan();
    let cal = Calendar::standard();
    let f = forecast_when(
        &[TeamHistory::new("", vec![1.0])],
        3.0,
        d("2027-03-03"),
        &cal,
        &ThroughputOptions::default(),
    )
    .unwrap();
    assert!(matches!(
        plan_duration(&f, &p, planix::TaskId(99)),
        Err(AgileError::Unknown { kind: "task", .. })
    ));
    let s = p.add_task(planix::Task::new("Phase")).unwrap();
    p.add_task(planix::Task::new("Step").with_parent(s))
        .unwrap();
    assert!(matches!(
        plan_duration(&f, &p, s),
        Err(AgileError::SummaryTask { .. })
    ));
    let q = |v: &[i64]| v.iter().map(|&m| planix::Duration::minutes(m)).collect();
    for (quantiles, want) in [
        (q(&[480]), "1 quantiles"),
        (q(&[960, 480]), "decrease"),
        (q(&[-1, 480]), "-1 minutes"),
    ] {
        let mut o = SimulationOptions::new(100, 1);
        o.durations.push(TaskDistribution { task: b, quantiles });
        match simulate(&p, &o) {
            Err(SimulateError::InvalidOption(m)) => assert!(m.contains(want), "{m}"),
            other => panic!("{other:?}"),
        }
    }
    let mut o = SimulationOptions::new(100, 1);
    o.durations.push(TaskDistribution {
        task: s,
        quantiles: q(&[0, 480]),
    });
    assert!(matches!(
        simulate(&p, &o),
        Err(SimulateError::SummaryTask { .. })
    ));
}

#[test]
fn a_closed_sprints_burndown_does_not_change_when_its_carry_over_finishes_later() {
    // S1 (Mon 1 – Fri 5 March) commits A=3 and B=5; A is done on Tuesday, B carries over
    // into S2 and is done there on 9 March. Read after S2, S1 still ends with B (5)
    // remaining, exactly as it read when it closed.
    let mut b = board();
    item(&mut b, "A", 3.0, "2027-02-26T09:00:00");
    item(&mut b, "B", 5.0, "2027-02-26T09:00:00");
    b.add_sprint(SprintSpec::new("S1", d("2027-03-01"), d("2027-03-05")))
        .unwrap();
    b.add_sprint(SprintSpec::new("S2", d("2027-03-08"), d("2027-03-12")))
        .unwrap();
    for i in ["A", "B"] {
        b.add_to_sprint("S1", i, t("2027-02-28T10:00:00"), "pm")
            .unwrap();
    }
    b.start_sprint("S1", t("2027-03-01T09:00:00")).unwrap();
    mv(&mut b, "A", "dev", "2027-03-01T10:00:00");
    mv(&mut b, "B", "dev", "2027-03-01T10:00:00");
    mv(&mut b, "A", "done", "2027-03-02T15:00:00");
    assert_eq!(
        b.close_sprint("S1", t("2027-03-05T17:00:00"), Some("S2"))
            .unwrap(),
        ["B"]
    );
    let at_close = b.burndown("S1", None, None).unwrap();
    b.start_sprint("S2", t("2027-03-08T09:00:00")).unwrap();
    mv(&mut b, "B", "done", "2027-03-09T12:00:00");
    let later = b.burndown("S1", None, None).unwrap();
    assert_eq!(later, at_close);
    let last = later.days.last().unwrap();
    assert_eq!(
        (last.scope, last.completed, last.remaining),
        (8.0, 3.0, 5.0)
    );
    assert!(later.outside.is_empty());
    assert_eq!(b.velocity()[0].completed, 3.0);
}

#[test]
fn work_finished_before_it_was_added_is_not_progress() {
    // C is finished on Tuesday 2 March and only then added to the active sprint (on
    // Wednesday): the scope does not grow by it and nothing counts as completed.
    let mut b = board();
    item(&mut b, "A", 3.0, "2027-02-26T09:00:00");
    item(&mut b, "C", 2.0, "2027-02-26T09:00:00");
    b.add_sprint(SprintSpec::new("S1", d("2027-03-01"), d("2027-03-05")))
        .unwrap();
    b.add_to_sprint("S1", "A", t("2027-02-28T10:00:00"), "pm")
        .unwrap();
    b.start_sprint("S1", t("2027-03-01T09:00:00")).unwrap();
    mv(&mut b, "C", "dev", "2027-03-01T10:00:00");
    mv(&mut b, "C", "done", "2027-03-02T10:00:00");
    b.add_to_sprint("S1", "C", t("2027-03-03T10:00:00"), "pm")
        .unwrap();
    let bd = b.burndown("S1", None, None).unwrap();
    let wed = &bd.days[2];
    assert_eq!(
        (wed.scope, wed.completed, wed.remaining, wed.added),
        (3.0, 0.0, 3.0, 0.0)
    );
    assert_eq!(
        bd.outside
            .iter()
            .map(|o| (o.item.as_str(), o.when))
            .collect::<Vec<_>>(),
        [("C", "before_added")]
    );
    b.close_sprint("S1", t("2027-03-05T17:00:00"), None)
        .unwrap();
    let v = &b.velocity()[0];
    assert_eq!((v.completed, v.added), (0.0, 0.0));
}
