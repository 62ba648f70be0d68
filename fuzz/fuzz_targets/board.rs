//! Board JSON reader: a document that loads writes itself back identically, and its
//! metrics, health rules and text return a value or a typed error, never a panic.
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
        for s in b.sprints() {
            let _ = b.burndown(&s.id, None, None);
        }
        let _ = b.cfd(now.date() - chrono::Duration::days(60), now.date());
    }
});
