//! Client engagement JSON reader, and the issue-log CSV reader: what loads writes back
//! identically, and a failed CSV import leaves the engagement unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(e) = planix::client::Engagement::from_json(text) {
        let out = e.to_json();
        let back = planix::client::Engagement::from_json(&out).expect("written JSON loads");
        assert_eq!(back.to_json(), out, "engagement round trip");
        let p = planix::Project::new(
            "fuzz",
            chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
                .and_then(|d| d.and_hms_opt(8, 0, 0))
                .expect("a date"),
        );
        let _ = e.check_links(&p);
        if let Some(i) = e.issues().first() {
            let _ = e.issue_ages(&p, i.raised);
        }
        let _ = e.raid_summary(None);
        if let Ok(csv) = e.issues_to_csv() {
            let mut fresh = planix::client::Engagement::from_json(&out).expect("loads");
            // The issues are already there: every row is a duplicate, refused whole.
            let before = fresh.clone();
            if e.issues().is_empty() {
                assert_eq!(fresh.issues_from_csv(&csv).ok(), Some(0));
            } else {
                assert!(fresh.issues_from_csv(&csv).is_err());
                assert_eq!(fresh, before, "a failed CSV import changed the engagement");
            }
        }
    }
    let mut e = planix::client::Engagement::new("fuzz");
    let _ = e.add_stakeholder(planix::client::Stakeholder::new("S1", "Dana", "CIO"));
    let before = e.clone();
    match e.issues_from_csv(text) {
        Ok(_) => {
            let csv = e.issues_to_csv().expect("what was read is written");
            let mut again = before.clone();
            again.issues_from_csv(&csv).expect("written CSV reads back");
            assert_eq!(again.issues(), e.issues(), "issue CSV round trip");
        }
        Err(_) => assert_eq!(e, before, "a failed CSV import changed the engagement"),
    }
});
