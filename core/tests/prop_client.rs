#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Properties of the engagement: the JSON document round-trips byte for byte for any
//! valid content; CSAT stays in [0, 100] and NPS in [−100, 100] and both match their
//! definitions; the satisfaction trend counts every answer exactly once.

use chrono::{Days, NaiveDate};
use planix::client::{
    Deliverable, Engagement, Feedback, Level, Moscow, Requirement, Score, Sentiment, Stakeholder,
    SurveyResponse,
};
use planix::resources::Period;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 ,\\\"'é€\\n]{1,16}").unwrap()
}

#[derive(Debug, Clone)]
struct Input {
    stakeholders: Vec<(String, bool, bool)>,
    requirements: Vec<(String, u8, Option<usize>)>,
    surveys: Vec<(u32, bool, u8, Option<usize>)>,
    feedback: Vec<(u32, u8, String)>,
}

fn input() -> impl Strategy<Value = Input> {
    (
        proptest::collection::vec((text(), any::<bool>(), any::<bool>()), 1..5),
        proptest::collection::vec((text(), 0u8..4, proptest::option::of(0usize..5)), 0..6),
        proptest::collection::vec(
            (
                0u32..200,
                any::<bool>(),
                0u8..=10,
                proptest::option::of(0usize..5),
            ),
            0..30,
        ),
        proptest::collection::vec((0u32..200, 0u8..3, text()), 0..5),
    )
        .prop_map(|(stakeholders, requirements, surveys, feedback)| Input {
            stakeholders,
            requirements,
            surveys,
            feedback,
        })
}

fn build(i: &Input) -> Engagement {
    let day0 = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let mut e = Engagement::new("Client, \"Ltd\"");
    let level = |b: bool| if b { Level::High } else { Level::Low };
    for (k, (name, p, q)) in i.stakeholders.iter().enumerate() {
        e.add_stakeholder(
            Stakeholder::new(format!("S{k}"), format!("n{name}"), name.clone())
                .with_grid(level(*p), level(*q)),
        )
        .unwrap();
    }
    e.add_deliverable(Deliverable::new("D1", "Portal")).unwrap();
    let n = i.stakeholders.len();
    for (k, (title, p, src)) in i.requirements.iter().enumerate() {
        let prio = [Moscow::Must, Moscow::Should, Moscow::Could, Moscow::Wont][usize::from(*p)];
        let mut r = Requirement::new(format!("R{k}"), format!("t{title}"), prio);
        r.source = src.map(|s| format!("S{}", s % n));
        r.deliverables = if k % 2 == 0 {
            vec!["D1".into()]
        } else {
            vec![]
        };
        e.add_requirement(r).unwrap();
    }
    for (d, csat, x, who) in &i.surveys {
        let score = if *csat {
            Score::Csat(1 + x % 5)
        } else {
            Score::Nps(*x)
        };
        let stakeholder = who.map(|s| format!("S{}", s % n));
        e.add_survey_response(SurveyResponse {
            date: day0 + Days::new(u64::from(*d)),
            stakeholder,
            score,
        })
        .unwrap();
    }
    for (k, (d, s, t)) in i.feedback.iter().enumerate() {
        let sentiment =
            [Sentiment::Positive, Sentiment::Neutral, Sentiment::Negative][usize::from(*s)];
        e.add_feedback(Feedback {
            id: format!("F{k}"),
            date: day0 + Days::new(u64::from(*d)),
            stakeholder: None,
            sentiment,
            topic: String::new(),
            text: t.clone(),
            links: vec![],
        })
        .unwrap();
    }
    e
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trip(i in input()) {
        let e = build(&i);
        let text = e.to_json();
        let back = Engagement::from_json(&text).unwrap();
        prop_assert_eq!(&back, &e);
        prop_assert_eq!(back.to_json(), text);
    }

    #[test]
    fn csat_and_nps_match_their_definitions(i in input()) {
        let e = build(&i);
        let csat: Vec<u8> = e.survey_responses().iter().filter_map(|r| match r.score { Score::Csat(x) => Some(x), _ => None }).collect();
        let nps: Vec<u8> = e.survey_responses().iter().filter_map(|r| match r.score { Score::Nps(x) => Some(x), _ => None }).collect();
        match e.csat() {
            None => prop_assert!(csat.is_empty()),
            Some(v) => {
                prop_assert!((0.0..=100.0).contains(&v));
                let good = csat.iter().filter(|x| **x >= 4).count() as f64;
                prop_assert!((v - 100.0 * good / csat.len() as f64).abs() < 1e-9);
            }
        }
        match e.nps() {
            None => prop_assert!(nps.is_empty()),
            Some(v) => {
                prop_assert!((-100.0..=100.0).contains(&v));
                let pro = nps.iter().filter(|x| **x >= 9).count() as f64;
                let det = nps.iter().filter(|x| **x <= 6).count() as f64;
                prop_assert!((v - 100.0 * (pro - det) / nps.len() as f64).abs() < 1e-9);
            }
        }
        let from = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let to = from + Days::new(199);
        for period in [Period::Day, Period::Week, Period::Month] {
            let t = e.satisfaction_trend(from, to, period);
            prop_assert_eq!(t.iter().map(|x| x.csat_responses).sum::<usize>(), csat.len());
            prop_assert_eq!(t.iter().map(|x| x.nps_responses).sum::<usize>(), nps.len());
        }
    }
}
