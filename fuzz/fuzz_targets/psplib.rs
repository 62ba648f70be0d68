//! PSPLIB `.sm` reader → the leveling kernel (fast mode).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(inst) = planix::io::psplib::parse(text) {
        let opts = planix::resources::LevelOptions {
            max_schedules: 50,
            ..Default::default()
        };
        let _ = planix::io::psplib::level_psplib(&inst, &opts);
    }
});
