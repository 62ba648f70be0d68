//! Risk register CSV and JSON readers, then the register's own analyses.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planix::risk::RiskRegister;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date");
    for reg in [
        RiskRegister::from_csv(text, day).ok(),
        RiskRegister::from_json(text).ok(),
    ]
    .into_iter()
    .flatten()
    {
        let _ = reg.heatmap_text(false);
        let _ = reg.top(5);
        let _ = reg.alerts(day);
        // What was read writes and reads back to the same register.
        let json = reg.to_json();
        assert_eq!(
            RiskRegister::from_json(&json).expect("written JSON loads"),
            reg
        );
        if let Ok(csv) = reg.to_csv() {
            let _ = RiskRegister::from_csv(&csv, day);
        }
    }
});
