//! Project JSON → Monte Carlo (few iterations), fast leveling, costs, DCMA and earned value.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(p) = planix::io::from_json(text) else {
        return;
    };
    let _ = planix::simulate::simulate(&p, &planix::simulate::SimulationOptions::new(16, 1));
    let _ = planix::simulate::pert(&p, planix::simulate::PertMoments::Classic);
    let lo = planix::resources::LevelOptions {
        max_schedules: 50,
        ..Default::default()
    };
    let _ = planix::resources::level(&p, &lo);
    if let Ok(s) = p.schedule() {
        let _ = planix::resources::costs(&p, &s);
    }
    let _ = planix::control::dcma(&p, None);
    let _ = planix::control::earned_value(&p, 0, planix::control::EvMethod::PercentComplete);
});
