//! Project JSON → schedule → JSON and text output. Any input: no panic, hang or abort.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(p) = planix::io::from_json(text) else {
        return;
    };
    // A loaded project writes back to the same text after a second load.
    let out = planix::io::to_json(&p);
    let back = planix::io::from_json(&out).expect("a written project loads");
    assert_eq!(planix::io::to_json(&back), out, "JSON round trip");
    if let Ok(s) = p.schedule() {
        let _ = planix::io::schedule_to_json(&s);
        let _ = planix::io::schedule_table(&p, &s);
    }
});
