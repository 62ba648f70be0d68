//! `agile/*`: throughput forecasts (the cut line: 100,000 trials × 200 features; the
//! "when" forecast of 1,000 items) and board moves with WIP checks on a 100,000-card
//! board.

use criterion::{Criterion, criterion_group, criterion_main};
use planix::Calendar;
use planix::agile::{
    Board, Column, Feature, ItemSpec, Placement, SplitRate, Stage, TeamHistory, ThroughputOptions,
    WipLimit, forecast_cut_line, forecast_when,
};
use std::hint::black_box;

/// 30 working days of a team finishing 0–6 items a day (mean 2.9).
pub fn history() -> Vec<TeamHistory> {
    vec![TeamHistory::new(
        "web",
        [
            3, 2, 0, 5, 4, 1, 3, 6, 2, 3, 0, 4, 3, 2, 5, 1, 3, 4, 2, 3, 6, 0, 2, 4, 3, 1, 5, 3, 2,
            4,
        ]
        .map(f64::from)
        .to_vec(),
    )]
}

/// 200 features of 2–8 stories each.
pub fn features() -> Vec<Feature> {
    (0..200)
        .map(|k| Feature {
            name: format!("F{k}"),
            low: 2,
            high: 8,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("agile");
    g.sample_size(10);
    let cal = Calendar::standard();
    let start = "2027-03-01".parse().unwrap_or_default();
    let h = history();
    let f = features();
    let o = ThroughputOptions {
        trials: 100_000,
        ..ThroughputOptions::default()
    };
    let split = SplitRate {
        low: 1.0,
        high: 1.5,
    };
    g.bench_function("cut_line_100000x200", |b| {
        b.iter(|| forecast_cut_line(black_box(&h), &f, split, start, None, &cal, &o))
    });
    g.bench_function("when_1000_items_100000", |b| {
        b.iter(|| forecast_when(black_box(&h), 1000.0, start, &cal, &o))
    });
    // 100,000 cards over four columns; each round moves 1,000 of them one column right.
    let mut board = Board::new("big");
    let at = |m: i64| {
        "2027-03-01T08:00:00"
            .parse::<chrono::NaiveDateTime>()
            .unwrap_or_default()
            + chrono::Duration::minutes(m)
    };
    for (id, stage) in [
        ("a", Stage::Todo),
        ("b", Stage::Doing),
        ("c", Stage::Doing),
        ("d", Stage::Done),
    ] {
        let _ = board.add_column(Column::new(id, id, stage).with_wip(WipLimit::soft(50_000)));
    }
    for k in 0..100_000 {
        let _ = board.add_item(
            ItemSpec::new(format!("I{k}"), "x").with_assignees(["dev"]),
            at(0),
            "pm",
        );
        let _ = board.move_card(&format!("I{k}"), &Placement::column("a"), at(0), "pm");
    }
    let cols = ["a", "b", "c", "d"];
    let mut round = 0i64;
    g.bench_function("move_1000_cards_on_100000", |b| {
        b.iter(|| {
            round += 1;
            for k in 0..1000 {
                let to = cols[(round as usize + k) % 4];
                let _ = board.move_card(
                    &format!("I{}", k * 97),
                    &Placement::column(to),
                    at(round),
                    "pm",
                );
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
