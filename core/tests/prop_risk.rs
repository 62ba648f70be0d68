#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Properties of the risk register: CSV and JSON round trips are lossless for any text
//! (commas, quotes, new lines, Unicode) and any valid assessment; EMV signs follow the
//! kind; the heat map holds every open assessed risk exactly once.

use chrono::NaiveDate;
use planix::risk::{Assessment, Dimension, Risk, RiskKind, RiskRegister};
use planix::{Distribution, Duration, Estimate, TaskId};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // Printable text with the characters CSV has to quote; trimmed like the importer.
    proptest::string::string_regex("[a-zA-Z0-9 ,\"'é€\n;]{1,20}")
        .unwrap()
        .prop_map(|s| s.trim().to_string())
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn one_line() -> impl Strategy<Value = String> {
    text().prop_map(|s| s.replace('\n', " ").trim().to_string())
}

fn assessment() -> impl Strategy<Value = Assessment> {
    (
        0.0f64..=1.0,
        proptest::collection::btree_map(0usize..4, 1u8..=5, 0..4),
        0.0f64..1e7,
        proptest::option::of((0i64..5_000, 0i64..5_000, 0i64..5_000)),
    )
        .prop_map(|(p, dims, cost, delay)| {
            let dims: Vec<_> = dims
                .into_iter()
                .map(|(k, v)| (Dimension::ALL[k], v))
                .collect();
            let mut a = Assessment::by_dimension(p, &dims).with_cost(cost);
            if a.impact == 0 {
                a.impact = 3;
            }
            if let Some((x, y, z)) = delay {
                let mut v = [x, y, z];
                v.sort_unstable();
                a.delay = Some(Estimate::new(
                    Duration::minutes(v[0]),
                    Duration::minutes(v[1]),
                    Duration::minutes(v[2]),
                    Distribution::Triangular,
                ));
            }
            a
        })
}

fn register() -> impl Strategy<Value = RiskRegister> {
    proptest::collection::vec(
        (
            text(),
            any::<bool>(),
            proptest::option::of(assessment()),
            proptest::option::of(assessment()),
            proptest::collection::vec(0u32..50, 0..3),
            proptest::collection::vec(one_line(), 0..3),
            proptest::option::of(0u32..300),
        ),
        0..8,
    )
    .prop_map(|rows| {
        let mut reg = RiskRegister::new();
        let day0 = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        for (k, (title, threat, inherent, residual, tasks, triggers, ident)) in
            rows.into_iter().enumerate()
        {
            let kind = if threat {
                RiskKind::Threat
            } else {
                RiskKind::Opportunity
            };
            let mut r = Risk::new(format!("R{k}"), title, kind)
                .with_tasks(tasks.into_iter().map(TaskId).collect());
            r.triggers = triggers;
            r.identified = ident.map(|d| day0 + chrono::Days::new(u64::from(d)));
            let id = reg.add(r).unwrap();
            let on = day0 + chrono::Days::new(400);
            if let Some(a) = inherent {
                reg.assess(&id, a, on).unwrap();
            }
            if let Some(a) = residual {
                reg.assess_residual(&id, a, on).unwrap();
            }
        }
        reg
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trip_is_lossless(reg in register()) {
        let text = reg.to_json();
        let back = RiskRegister::from_json(&text).unwrap();
        prop_assert_eq!(&back, &reg);
        prop_assert_eq!(back.to_json(), text);
    }

    #[test]
    fn csv_round_trip_keeps_every_record(reg in register()) {
        let on = NaiveDate::from_ymd_opt(2028, 2, 5).unwrap();
        let text = reg.to_csv().unwrap();
        let back = RiskRegister::from_csv(&text, on).unwrap();
        prop_assert_eq!(back.to_csv().unwrap(), text);
        prop_assert_eq!(back.risks().len(), reg.risks().len());
        for (x, y) in back.risks().iter().zip(reg.risks()) {
            prop_assert_eq!(&x.title, &y.title);
            prop_assert_eq!(&x.triggers, &y.triggers);
            prop_assert_eq!(&x.tasks, &y.tasks);
            prop_assert_eq!(&x.inherent, &y.inherent);
            prop_assert_eq!(&x.residual, &y.residual);
        }
    }

    #[test]
    fn emv_sign_and_heatmap_cover(reg in register()) {
        let mut placed = 0;
        for r in reg.risks() {
            if let (Some(v), Some(a)) = (reg.emv(&r.id), r.current()) {
                let expect = a.probability * a.cost;
                match r.kind {
                    RiskKind::Threat => prop_assert_eq!(v, -expect),
                    RiskKind::Opportunity => prop_assert_eq!(v, expect),
                }
                placed += 1;
            }
        }
        let cells = reg.heatmap(true);
        prop_assert_eq!(cells.len(), 25);
        prop_assert_eq!(cells.iter().map(|c| c.risks.len()).sum::<usize>(), placed);
    }
}

#[test]
fn list_items_that_csv_cannot_hold_are_refused() {
    let mut reg = RiskRegister::new();
    for (triggers, deliverables) in [
        (vec!["two\nlines".to_string()], vec![]),
        (vec![" padded".to_string()], vec![]),
        (vec![String::new()], vec![]),
        (vec![], vec!["D1;D2".to_string()]),
    ] {
        let mut r = Risk::new("R1", "x", RiskKind::Threat);
        r.triggers = triggers;
        r.deliverables = deliverables;
        assert!(matches!(
            reg.add(r),
            Err(planix::risk::RiskError::InvalidRisk { .. })
        ));
    }
    assert!(reg.risks().is_empty());
}
