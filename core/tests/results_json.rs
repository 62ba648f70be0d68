//! Every result reads back from its canonical JSON and writes the same bytes again
//! (what Python pickling and worker processes rely on).
#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]

use planix::io::{FromJson, ToJson};

fn case_study() -> planix::Project {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/case_study.json"
    ))
    .expect("case study");
    planix::io::from_json(&text).expect("loads")
}

fn round_trip<T: FromJson + std::fmt::Debug>(value: &T) {
    let text = value.to_json();
    let back = T::from_json(&text).expect("reads back");
    let again = back.to_json();
    let first_difference = text
        .bytes()
        .zip(again.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(text.len().min(again.len()));
    assert!(
        again == text,
        "{} differs at byte {first_difference}: {:?}",
        std::any::type_name::<T>(),
        &again[first_difference.saturating_sub(60)..(first_difference + 60).min(again.len())]
    );
}

#[test]
fn results_round_trip_through_json() {
    let p = case_study();
    let s = p.schedule().expect("schedule");
    round_trip(&s);
    // A schedule read back answers like the computed one.
    let back = planix::Schedule::from_json(&s.to_json()).expect("reads");
    assert_eq!(back.finish(), s.finish());
    assert_eq!(back.critical_path(), s.critical_path());
    for t in s.tasks() {
        let b = back.task(t.id()).expect("task");
        assert_eq!(
            (b.start(), b.finish(), b.late_start(), b.total_float()),
            (t.start(), t.finish(), t.late_start(), t.total_float())
        );
    }
    assert_eq!(planix::io::schedule_to_json(&s), s.to_json());

    let sim = planix::simulate::simulate(&p, &planix::simulate::SimulationOptions::new(300, 3))
        .expect("simulate");
    round_trip(&sim);
    round_trip(&planix::simulate::pert(&p, planix::simulate::PertMoments::Classic).expect("pert"));
    let lv =
        planix::resources::level(&p, &planix::resources::LevelOptions::default()).expect("level");
    round_trip(&lv);
    round_trip(&planix::resources::costs(&p, &s));

    let reg_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/case_study_risks.json"
    ))
    .expect("register");
    let reg = planix::risk::RiskRegister::from_json(&reg_text).expect("register loads");
    let f = reg
        .forecast(&p, &planix::simulate::SimulationOptions::new(300, 3), 80.0)
        .expect("forecast");
    round_trip(&f);

    let tracked = planix::io::from_json(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/data/case_study_tracked.json"
        ))
        .expect("tracked"),
    )
    .expect("loads");
    let evm =
        planix::control::earned_value(&tracked, 0, planix::control::EvMethod::PercentComplete)
            .expect("evm");
    round_trip(&evm);
    let now = planix::control::reschedule(&tracked).expect("reschedule");
    round_trip(&planix::control::variance(&tracked, &now, 0).expect("variance"));
}

#[test]
fn a_damaged_result_is_a_typed_error() {
    let p = case_study();
    let text = p.schedule().expect("schedule").to_json();
    let bad = text.replacen("\"tasks\"", "\"taskz\"", 1);
    assert!(matches!(
        planix::Schedule::from_json(&bad),
        Err(planix::IoError::Json { .. })
    ));
}
