//! Times the cut-line forecast of `benches/agile.rs` (100,000 trials × 200 features) for
//! profiling: `cargo run --release -p planix-benches --example agile_profile [ROUNDS]`.

use planix::Calendar;
use planix::agile::{Feature, SplitRate, TeamHistory, ThroughputOptions, forecast_cut_line};

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let h = vec![TeamHistory::new(
        "web",
        [
            3, 2, 0, 5, 4, 1, 3, 6, 2, 3, 0, 4, 3, 2, 5, 1, 3, 4, 2, 3, 6, 0, 2, 4, 3, 1, 5, 3, 2,
            4,
        ]
        .map(f64::from)
        .to_vec(),
    )];
    let f: Vec<Feature> = (0..200)
        .map(|k| Feature {
            name: format!("F{k}"),
            low: 2,
            high: 8,
        })
        .collect();
    let o = ThroughputOptions {
        trials: 100_000,
        ..ThroughputOptions::default()
    };
    let cal = Calendar::standard();
    let start = "2027-03-01".parse().unwrap_or_default();
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        let c = forecast_cut_line(
            &h,
            &f,
            SplitRate {
                low: 1.0,
                high: 1.5,
            },
            start,
            None,
            &cal,
            &o,
        );
        let last = c
            .map(|c| c.features[199].p85.to_string())
            .unwrap_or_default();
        println!(
            "{:.1} ms (last feature P85 {last})",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
