//! Portfolio JSON reader: a document that loads writes itself back identically, and
//! scheduling and rolling it up return a result or a typed error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = planix::portfolio::Portfolio::from_json(text) {
        let out = p.to_json();
        let back = planix::portfolio::Portfolio::from_json(&out).expect("written JSON loads");
        assert_eq!(back.to_json(), out, "portfolio round trip");
        let _ = p.schedule();
        let _ = p.rollup();
    }
});
