#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! CSV both ways, Mermaid, PlantUML and iCalendar exports.

use planix::io::{
    ExportFormat, IoError, export, from_csv, to_csv, to_ical, to_mermaid, to_plantuml,
};
use planix::{Constraint, Dependency, Duration, Lag, LinkKind, Project, Task, TaskId};

fn dt(s: &str) -> chrono::NaiveDateTime {
    s.parse().unwrap()
}

/// A plan with a summary, every link kind, working/elapsed/percent lags and a lead, a
/// constraint, a deadline, a milestone, a priority, a fixed cost and notes with commas.
fn plan() -> Project {
    let mut p = Project::new("Launch: phase 1", dt("2027-03-01T08:00:00"));
    let day = |n: i64| Duration::minutes(480 * n);
    let ph = p.add_task(Task::new("Build, test")).unwrap();
    let a = p
        .add_task(Task::new("Design").with_duration(day(3)).with_parent(ph))
        .unwrap();
    let b = p
        .add_task(Task::new("Code").with_duration(day(5)).with_parent(ph))
        .unwrap();
    let c = p.add_task(Task::new("Docs").with_duration(day(2))).unwrap();
    let d = p
        .add_task(Task::new("Review").with_duration(day(1)))
        .unwrap();
    let m = p.add_task(Task::new("Go live")).unwrap();
    p.edit_task(c, |t| {
        t.constraint = Constraint::Snet(dt("2027-03-04T08:00:00"));
        t.notes = "draft, then \"final\"".into();
        t.priority = 700;
        t.fixed_cost = 1250.5;
    })
    .unwrap();
    p.edit_task(m, |t| t.deadline = Some(dt("2027-03-31T17:00:00")))
        .unwrap();
    let link = |p: &mut Project, x, y, k, lag| {
        p.add_dependency(Dependency::new(x, y).with_kind(k).with_lag(lag))
            .unwrap()
    };
    link(
        &mut p,
        a,
        b,
        LinkKind::Fs,
        Lag::Working(Duration::minutes(240)),
    );
    link(&mut p, a, c, LinkKind::Ss, Lag::Percent(50));
    link(
        &mut p,
        b,
        d,
        LinkKind::Ff,
        Lag::Elapsed(Duration::minutes(2880)),
    );
    link(
        &mut p,
        c,
        d,
        LinkKind::Sf,
        Lag::Working(Duration::minutes(-480)),
    );
    link(&mut p, d, m, LinkKind::Fs, Lag::default());
    p
}

#[test]
fn csv_round_trips_the_plan_and_its_schedule() {
    let p = plan();
    let s = p.schedule().unwrap();
    let t = to_csv(&p, &s);
    let q = from_csv(
        p.name(),
        dt("2027-03-01T08:00:00"),
        &t.tasks,
        Some(&t.resources),
        Some(&t.assignments),
    )
    .unwrap();
    let tasks = |p: &Project| -> Vec<Task> { p.tasks().cloned().collect() };
    assert_eq!(tasks(&q), tasks(&p));
    let links = |p: &Project| -> Vec<Dependency> { p.dependencies().copied().collect() };
    assert_eq!(links(&q), links(&p));
    assert_eq!(
        planix::io::schedule_to_json(&q.schedule().unwrap()),
        planix::io::schedule_to_json(&s)
    );
    // The predecessor column is MS Project's form.
    assert!(t.tasks.contains(",2FS+4h,"), "{}", t.tasks);
    assert!(t.tasks.contains(",3FF+2ed;4SF-1d,"), "{}", t.tasks);
    assert!(t.tasks.contains("\"draft, then \"\"final\"\"\""));
}

#[test]
fn csv_without_ids_and_with_text_durations() {
    let text = "name,duration,predecessors\nA,2d,\nB,4h,1\nC,90,1SS+1h;2\n";
    let p = from_csv("x", dt("2027-03-01T08:00:00"), text, None, None).unwrap();
    let s = p.schedule().unwrap();
    // A Mon–Tue; B Wed 08–12; C: after B (Wed 12:00), 90 minutes → Wed 14:30.
    assert_eq!(
        s.task(TaskId(2)).unwrap().finish(),
        dt("2027-03-03T12:00:00")
    );
    assert_eq!(
        s.task(TaskId(3)).unwrap().finish(),
        dt("2027-03-03T14:30:00")
    );
}

#[test]
fn csv_bad_input_names_the_line_and_column() {
    let start = dt("2027-03-01T08:00:00");
    let err = |tasks: &str| match from_csv("x", start, tasks, None, None) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepted {tasks:?}"),
    };
    assert!(err("name,durations\nA,1d\n").contains("unknown column \"durations\""));
    assert!(err("id,duration\n1,1d\n").contains("no \"name\" column"));
    let e = err("name,duration\nA,1d\nB,3 parsecs\n");
    assert!(e.contains("line 3") && e.contains("duration"), "{e}");
    let e = err("name,predecessors\nA,\nB,1XX\n");
    assert!(e.contains("line 3") && e.contains("1XX"), "{e}");
    assert!(err("id,name\n1,A\n1,B\n").contains("id 1 appears twice"));
    assert!(err("name,constraint\nA,snet\n").contains("constraint"));
    // A cycle reads (as in planix JSON) and is the schedule's typed error.
    let p = from_csv("x", start, "name,predecessors\nA,2\nB,1\n", None, None).unwrap();
    assert!(matches!(
        p.schedule(),
        Err(planix::schedule::ScheduleError::Cycle { .. })
    ));
    assert!(matches!(
        from_csv("x", start, "name,parent\nA,7\n", None, None),
        Err(IoError::Invalid(_))
    ));
}

#[test]
fn mermaid_carries_the_computed_dates() {
    let p = plan();
    let text = to_mermaid(&p, &p.schedule().unwrap());
    assert!(
        text.starts_with("gantt\n    title Launch#58; phase 1\n"),
        "{text}"
    );
    assert!(text.contains("    section 1 Build, test\n"));
    assert!(
        text.contains("    Design :crit, t2, 2027-03-01 08:00, 2027-03-03 17:00\n"),
        "{text}"
    );
    assert!(text.contains("Go live :crit, milestone, t6, "));
    assert!(text.contains("    %% link t4 -> t5 SF-1d\n"));
    assert!(text.contains("    %% link t3 -> t5 FF+2ed\n"));
    // Tasks outside any summary get their own section.
    assert!(text.contains("    section Tasks\n"));
}

#[test]
fn plantuml_carries_the_computed_days() {
    let p = plan();
    let text = to_plantuml(&p, &p.schedule().unwrap());
    assert!(text.starts_with("@startgantt\n") && text.ends_with("@endgantt\n"));
    assert!(text.contains("saturday are closed\nsunday are closed\n"));
    assert!(text.contains("[Design] as [T2] starts 2027-03-01 and ends 2027-03-03\n"));
    assert!(text.contains("[Go live] as [T6] happens "));
    assert!(text.contains("[T2] is colored in Salmon/Red\n"));
    assert!(text.contains("' link [T2] -> [T3] FS lag 4h\n"));
}

#[test]
fn ical_is_rfc5545() {
    let mut p = plan();
    let long = "A milestone with a very long name that goes past seventy-five octets, ünïcödé";
    p.add_task(Task::new(long)).unwrap();
    let s = p.schedule().unwrap();
    let ics = to_ical(&p, &s);
    assert_eq!(ics, to_ical(&p, &s));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
    }
    // Two milestones and one deadline.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
    assert!(ics.contains("SUMMARY:Deadline: Go live\r\n"));
    assert!(ics.contains("DTSTART:20270331T170000\r\n"));
    assert!(ics.contains("X-WR-CALNAME:Launch: phase 1\r\n"));
    assert!(!ics.contains('\n') || ics.matches('\n').count() == ics.matches("\r\n").count());
}

#[test]
fn export_by_name() {
    let p = plan();
    for f in ExportFormat::ALL {
        assert!(!export(&p, *f).unwrap().is_empty());
        assert_eq!(ExportFormat::from_name(f.name()), Some(*f));
    }
    assert_eq!(
        ExportFormat::from_extension("PUML"),
        Some(ExportFormat::Plantuml)
    );
    assert_eq!(ExportFormat::from_extension("docx"), None);
}
