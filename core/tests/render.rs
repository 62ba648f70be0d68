#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Charts: snapshots of small charts (committed under `tests/snapshots/`; rewrite them
//! with `PLANIX_BLESS=1` after a deliberate change and review the diff), every chart of
//! the case study well-formed static SVG, widget rows checked by hand, limits and
//! option errors, and a property: any generated network draws a well-formed Gantt and
//! network diagram naming every task.

use std::path::Path;

use chrono::NaiveDateTime;
use planix::render::{self, Chart, GanttOptions, NetworkOptions, RenderError, TimeUnit};
use planix::{Dependency, LinkKind, Project, Task, TaskId};
use proptest::prelude::*;

fn at(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

/// Checks that `svg` is well-formed XML with an `<svg>` root and no script or
/// `foreignObject`; returns the number of elements.
fn well_formed(svg: &str) -> usize {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(svg);
    let mut elements = 0;
    let mut root = None;
    let mut depth = 0i64;
    loop {
        match r.read_event().unwrap_or_else(|e| panic!("not XML: {e}")) {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                assert!(
                    name != "script" && name != "foreignObject",
                    "{name} in a static chart"
                );
                root.get_or_insert(name);
                elements += 1;
                depth += 1;
            }
            Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                assert!(
                    name != "script" && name != "foreignObject",
                    "{name} in a static chart"
                );
                elements += 1;
            }
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
    assert_eq!(root.as_deref(), Some("svg"));
    elements
}

/// A small plan: a phase with two tasks (FS and SS links), a milestone, progress, a
/// baseline and a status date.
fn small() -> Project {
    let mut p = Project::new("Small", at("2027-01-04T08:00:00"));
    let cal = p.project_calendar().clone();
    let phase = p.add_task(Task::new("Phase")).unwrap();
    let a = p
        .add_task(
            Task::new("Design")
                .with_duration(cal.days(3))
                .with_parent(phase),
        )
        .unwrap();
    let b = p
        .add_task(
            Task::new("Build <core> & \"api\"")
                .with_duration(cal.days(4))
                .with_parent(phase),
        )
        .unwrap();
    let c = p
        .add_task(Task::new("Docs").with_duration(cal.days(2)))
        .unwrap();
    let m = p.add_task(Task::new("Sign-off")).unwrap();
    p.link(a, b).unwrap();
    p.add_dependency(Dependency::new(a, c).with_kind(LinkKind::Ss))
        .unwrap();
    p.link(b, m).unwrap();
    p.link(c, m).unwrap();
    planix::control::save_baseline(&mut p, 0, None).unwrap();
    p.edit_task(a, |t| {
        t.progress.actual_start = Some(at("2027-01-04T08:00:00"));
        t.progress.percent_complete = 50;
    })
    .unwrap();
    p.set_status_date(Some(at("2027-01-05T17:00:00"))).unwrap();
    p
}

fn snapshot(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("PLANIX_BLESS").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with PLANIX_BLESS=1", path.display()));
    assert!(
        want == text,
        "{name} differs from its snapshot (PLANIX_BLESS=1 rewrites it after review)"
    );
}

#[test]
fn small_charts_match_their_snapshots() {
    let p = small();
    let s = planix::control::reschedule(&p).unwrap();
    let g = render::gantt(&p, &s, &GanttOptions::default()).unwrap();
    well_formed(&g);
    // Text is escaped, the status date and baseline are drawn, the milestone is a diamond.
    assert!(g.contains("Build &lt;core&gt; &amp; &quot;api&quot;"));
    assert!(g.contains("class=\"sd\"") && g.contains("class=\"bl\"") && g.contains("class=\"m"));
    snapshot("small_gantt.svg", &g);
    let n = render::network(&p, &s, &NetworkOptions::default()).unwrap();
    well_formed(&n);
    snapshot("small_network.svg", &n);
    let t = render::text_gantt(
        &p,
        &s,
        &render::TextGanttOptions {
            width: 72,
            ..Default::default()
        },
    )
    .unwrap();
    snapshot("small_gantt.txt", &t);
}

#[test]
fn every_case_study_chart_is_well_formed_static_svg() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |f: &str| std::fs::read_to_string(root.join("examples/data").join(f)).unwrap();
    let plan = planix::io::from_json(&read("case_study.json")).unwrap();
    let tracked = planix::io::from_json(&read("case_study_tracked.json")).unwrap();
    let reg = planix::risk::RiskRegister::from_json(&read("case_study_risks.json")).unwrap();
    for kind in Chart::ALL {
        let p = if matches!(kind, Chart::Scurve) {
            &tracked
        } else {
            &plan
        };
        let svg = render::chart(p, *kind, Some(&reg)).unwrap();
        assert!(well_formed(&svg) > 20, "{}", kind.name());
    }
    let leveled = planix::resources::level(&plan, &Default::default()).unwrap();
    let g = render::leveled_gantt(&plan, &leveled, &GanttOptions::default()).unwrap();
    well_formed(&g);
    assert!(
        g.contains("class=\"lv\"") && g.contains("Leveling delay"),
        "leveling delays drawn"
    );
    // Paging and filtering: the second page of 10 rows starts at the 11th task.
    let s = plan.schedule().unwrap();
    let page = render::gantt(
        &plan,
        &s,
        &GanttOptions {
            rows_per_page: Some(10),
            page: 2,
            ..Default::default()
        },
    )
    .unwrap();
    let names: Vec<&str> = plan.tasks().map(|t| t.name.as_str()).collect();
    let mut outline = vec![];
    plan.for_each_outline(|id, _| outline.push(id));
    let eleventh = plan.task(outline[10]).unwrap().name.clone();
    let twelfth_page1 = plan.task(outline[9]).unwrap().name.clone();
    assert!(page.contains(&format!(">{eleventh}<")));
    assert!(!page.contains(&format!(">{twelfth_page1}<")));
    assert!(names.len() > 20);
    let crit = render::gantt(
        &plan,
        &s,
        &GanttOptions {
            critical_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    for t in s
        .tasks()
        .iter()
        .filter(|t| !t.is_critical() && plan.kind(t.id()) == Some(planix::TaskKind::Task))
    {
        assert!(
            !crit.contains(&format!(">{}<", t.name())),
            "{} is not critical",
            t.name()
        );
    }
}

#[test]
fn widget_rows_carry_the_computed_dates() {
    let p = small();
    let s = p.schedule().unwrap();
    let f = render::frappe_gantt(&p, &s);
    // Outline order: Phase, Design, Build, Docs, Sign-off.
    let names: Vec<&str> = f.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Phase",
            "Design",
            "Build <core> & \"api\"",
            "Docs",
            "Sign-off"
        ]
    );
    // Design Mon 4 – Wed 6 Jan; Build Thu 7 – Tue 12 Jan (4 days); Sign-off after both.
    assert_eq!(
        (f[1].start.as_str(), f[1].end.as_str()),
        ("2027-01-04 08:00:00", "2027-01-06 17:00:00")
    );
    assert_eq!(
        (f[2].start.as_str(), f[2].end.as_str()),
        ("2027-01-07 08:00:00", "2027-01-12 17:00:00")
    );
    assert_eq!(f[4].dependencies, "3, 4");
    assert_eq!(f[2].custom_class, "planix-critical");
    assert_eq!(f[3].custom_class, "");
    let r = render::gantt_task_react(&p, &s);
    assert_eq!(r[0].kind, "project");
    assert_eq!(r[1].project.as_deref(), Some("1"));
    assert_eq!(r[4].kind, "milestone");
    let d = render::dhtmlx_gantt(&p, &s);
    assert_eq!(
        d.links.iter().map(|l| l.kind.as_str()).collect::<Vec<_>>(),
        ["0", "1", "0", "0"]
    );
    assert_eq!(d.data[1].duration, 3.0);
    assert_eq!(d.data[1].progress, 0.5);
    let t = render::timeline_rows(&p, &s);
    // Docs (SS with Design: Mon 4 – Tue 5) may slip until Build's finish on Tue 12:
    // Wed 6, Thu 7, Fri 8, Mon 11, Tue 12 = 5 working days.
    assert_eq!(t[3].total_float_days, 5.0);
}

#[test]
fn limits_and_bad_options_are_typed_errors() {
    let mut p = Project::new("Long", at("2027-01-04T08:00:00"));
    let cal = p.project_calendar().clone();
    p.add_task(Task::new("Sixty years").with_duration(cal.days(15_600)))
        .unwrap();
    let s = p.schedule().unwrap();
    let day = GanttOptions {
        scale: Some(TimeUnit::Day),
        ..Default::default()
    };
    assert!(matches!(
        render::gantt(&p, &s, &day),
        Err(RenderError::TooLarge { .. })
    ));
    assert!(render::gantt(&p, &s, &GanttOptions::default()).is_ok());
    let o = GanttOptions {
        px_per_day: Some(-1.0),
        ..Default::default()
    };
    assert!(matches!(
        render::gantt(&p, &s, &o),
        Err(RenderError::Option {
            option: "px_per_day",
            ..
        })
    ));
    let o = NetworkOptions {
        tasks: Some(vec![TaskId(77)]),
        ..Default::default()
    };
    assert_eq!(
        render::network(&p, &s, &o),
        Err(RenderError::UnknownTask(TaskId(77)))
    );
    let e: planix::Error = render::chart(&p, Chart::Heatmap, None).unwrap_err();
    assert_eq!(e.kind(), "render");
    let o = serde_json::from_str::<GanttOptions>(r#"{"colour": "red"}"#);
    assert!(
        o.unwrap_err()
            .to_string()
            .contains("unknown field `colour`")
    );
}

fn network(n: u32, links: &[(u32, u32, u8)]) -> Project {
    let mut p = Project::new("g", at("2027-01-04T08:00:00"));
    let cal = p.project_calendar().clone();
    let mut ids = vec![];
    for i in 0..n {
        ids.push(
            p.add_task(Task::new(format!("T{i}")).with_duration(cal.days(i64::from(1 + i % 7))))
                .unwrap(),
        );
    }
    for &(a, b, k) in links {
        let (a, b) = (a % n, b % n);
        if a < b {
            let kind = [LinkKind::Fs, LinkKind::Ss, LinkKind::Ff, LinkKind::Sf][usize::from(k % 4)];
            let _ =
                p.add_dependency(Dependency::new(ids[a as usize], ids[b as usize]).with_kind(kind));
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn any_network_draws(n in 1u32..40, links in proptest::collection::vec((0u32..40, 0u32..40, 0u8..4), 0..80)) {
        let p = network(n, &links);
        let s = p.schedule().unwrap();
        let g = render::gantt(&p, &s, &GanttOptions::default()).unwrap();
        let net = render::network(&p, &s, &NetworkOptions::default()).unwrap();
        well_formed(&g);
        well_formed(&net);
        for t in p.tasks() {
            let needle = format!(">{}<", t.name);
            prop_assert!(g.contains(&needle));
            prop_assert!(net.contains(&needle));
        }
    }
}

#[test]
fn the_heat_map_uses_the_matrix_colours() {
    use planix::risk::{Assessment, Risk, RiskKind, RiskMatrix, RiskRegister};
    let colours: Vec<String> = ["#2E7D32", "#F9A825", "#EF6C00", "#B71C1C"]
        .map(String::from)
        .to_vec();
    let m = RiskMatrix {
        colours: colours.clone(),
        ..RiskMatrix::default()
    };
    let mut reg = RiskRegister::with_matrix(m).unwrap();
    reg.add(Risk::new("R1", "Late data", RiskKind::Threat))
        .unwrap();
    reg.assess("R1", Assessment::new(0.8, 5), "2027-01-04".parse().unwrap())
        .unwrap();
    let svg = render::heatmap(&reg, &Default::default()).unwrap();
    well_formed(&svg);
    for c in &colours {
        assert!(svg.contains(&format!("fill=\"{c}\"")), "{c}");
    }
    // "Almost certain" × "Very high" is critical: dark red, with white text.
    assert!(svg.contains("class=\"cwn\">1<"));
    let bad = RiskMatrix {
        colours: vec!["red".into(); 4],
        ..RiskMatrix::default()
    };
    assert!(bad.validate().unwrap_err().to_string().contains("#RRGGBB"));
    let short = RiskMatrix {
        colours: vec!["#000000".into()],
        ..RiskMatrix::default()
    };
    assert!(
        short
            .validate()
            .unwrap_err()
            .to_string()
            .contains("1 colours for 4 ratings")
    );
}

#[test]
fn a_paged_chart_says_which_rows_it_shows() {
    let mut p = Project::new("Big", at("2027-01-04T08:00:00"));
    let cal = p.project_calendar().clone();
    for i in 0..2_500 {
        p.add_task(Task::new(format!("T{i}")).with_duration(cal.days(1)))
            .unwrap();
    }
    let s = p.schedule().unwrap();
    let g = render::gantt(&p, &s, &GanttOptions::display()).unwrap();
    assert!(g.contains("<title>Big · rows 1–2000 of 2500</title>"));
    assert!(g.contains(">T1999<") && !g.contains(">T2000<"));
    let all = render::gantt(&p, &s, &GanttOptions::default()).unwrap();
    assert!(all.contains("<title>Big</title>") && all.contains(">T2499<"));
}
