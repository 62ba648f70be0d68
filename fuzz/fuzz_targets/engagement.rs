//! Client engagement JSON reader.
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
    }
});
