//! Board JSON reader: a document that loads writes itself back identically, and its
//! metrics (burndown with and without a calendar, CFD, flow, aging, throughput), charts,
//! health rules and text return a value or a typed error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(b) = planix::agile::Board::from_json(text) {
        let out = b.to_json();
        let back = planix::agile::Board::from_json(&out).expect("written JSON loads");
        assert_eq!(back.to_json(), out, "board round trip");
        let now = chrono::NaiveDate::from_ymd_opt(2027, 6, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        let _ = b.health(now, &Default::default());
        let _ = b.velocity();
        let _ = b.text();
        let cal = planix::Calendar::standard();
        for s in b.sprints() {
            for c in [None, Some(&cal)] {
                if let Ok(bd) = b.burndown(&s.id, c, None) {
                    let _ = bd.table();
                    let _ = planix::render::burndown(&bd, &Default::default());
                }
            }
        }
        let from = now.date() - chrono::Duration::days(60);
        if let Ok(c) = b.cfd(from, now.date()) {
            let _ = c.rows();
            let _ = planix::render::cfd(&c, &Default::default());
        }
        let _ = b.flow(now);
        let _ = b.flow_percentiles();
        let _ = b.aging(now);
        let _ = b.throughput(planix::calendar::Period::Week, from, now.date());
        let _ = b.daily_throughput(from, now.date(), &cal);
    }
});
