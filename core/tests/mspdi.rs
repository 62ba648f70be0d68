#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! MSPDI reading and writing: round trips over the shared corpus, hand-worked cases
//! (manual tasks, recurring exceptions, lags, derived calendars) and bad input.

mod common;
use chrono::NaiveDate;
use common::mspdi_corpus;
use planix::control::{RescheduleOptions, reschedule_with};
use planix::io::IoError;
use planix::io::mspdi::{from_mspdi, from_mspdi_bytes, to_mspdi};
use planix::{Driver, Duration, Lag, LinkKind, TaskId};

/// MSPDI → planix → MSPDI → planix keeps every modelled field and the kept foreign
/// XML, and the schedule, for every file; writing is deterministic.
#[test]
fn corpus_round_trips() {
    let ms = RescheduleOptions::ms_project();
    for f in mspdi_corpus() {
        let text = std::fs::read_to_string(&f).unwrap();
        let a = from_mspdi(&text).unwrap();
        let out = to_mspdi(&a).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert_eq!(
            out,
            to_mspdi(&a).unwrap(),
            "{}: not deterministic",
            f.display()
        );
        let b = from_mspdi(&out).unwrap_or_else(|e| panic!("{}: {e}\n{out}", f.display()));
        let (ja, jb) = (planix::io::to_json(&a), planix::io::to_json(&b));
        assert_eq!(
            ja,
            jb,
            "{}: the model changed in the round trip",
            f.display()
        );
        let sa = reschedule_with(&a, &ms).unwrap();
        let sb = reschedule_with(&b, &ms).unwrap();
        assert_eq!(
            planix::io::schedule_to_json(&sa),
            planix::io::schedule_to_json(&sb),
            "{}",
            f.display()
        );
        // Written again, the text is the same.
        assert_eq!(to_mspdi(&b).unwrap(), out, "{}", f.display());
        // Through planix JSON too.
        let c = planix::io::from_json(&ja).unwrap();
        assert_eq!(c, a, "{}", f.display());
    }
}

/// Unmodelled elements (extended attributes, views, GUIDs) come back verbatim.
#[test]
fn foreign_elements_are_kept() {
    let f = mspdi_corpus()
        .into_iter()
        .find(|p| p.ends_with("task-text-project2019-mspdi.xml"))
        .unwrap();
    let text = std::fs::read_to_string(f).unwrap();
    let p = from_mspdi(&text).unwrap();
    assert!(p.foreign().project.contains("<Views>"));
    let out = to_mspdi(&p).unwrap();
    let ea = |s: &str| s.matches("<ExtendedAttribute>").count();
    assert!(ea(&text) > 0);
    assert_eq!(ea(&out), ea(&text));
    for guid in text.match_indices("<GUID>").take(20) {
        let end = text[guid.0..].find("</GUID>").unwrap();
        assert!(out.contains(&text[guid.0..guid.0 + end]));
    }
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
<Name>t</Name><ScheduleFromStart>1</ScheduleFromStart><StartDate>2027-03-01T08:00:00</StartDate>
<CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay><MinutesPerWeek>2400</MinutesPerWeek>
<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
<WeekDays><WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
<WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays>
"#;

fn doc(calendar_extra: &str, tasks: &str) -> String {
    format!("{HEAD}{calendar_extra}</Calendar></Calendars><Tasks>{tasks}</Tasks></Project>")
}

fn task(uid: u32, dur_h: u32, extra: &str) -> String {
    format!(
        "<Task><UID>{uid}</UID><Name>T{uid}</Name><OutlineLevel>1</OutlineLevel><Duration>PT{dur_h}H0M0S</Duration>{extra}</Task>"
    )
}

fn link(pred: u32, ty: u8, lag: i64, fmt: u8) -> String {
    format!(
        "<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{ty}</Type><LinkLag>{lag}</LinkLag><LagFormat>{fmt}</LagFormat></PredecessorLink>"
    )
}

fn dt(s: &str) -> chrono::NaiveDateTime {
    s.parse().unwrap()
}

/// A manually scheduled task stays where the user put it although its predecessor
/// finishes later; its successor follows it; its late dates come from its successor.
/// Hand-worked on the Standard calendar from Mon 2027-03-01 08:00.
#[test]
fn manual_task_keeps_its_start() {
    let xml = doc(
        "",
        &[
            task(1, 40, ""),
            task(
                2,
                16,
                &format!(
                    "<Manual>1</Manual><Start>2027-03-02T08:00:00</Start>{}",
                    link(1, 1, 0, 7)
                ),
            ),
            task(3, 8, &link(2, 1, 0, 7)),
        ]
        .concat(),
    );
    let p = from_mspdi(&xml).unwrap();
    assert_eq!(
        p.task(TaskId(2)).unwrap().manual_start,
        Some(dt("2027-03-02T08:00:00"))
    );
    let s = p.schedule().unwrap();
    let t2 = s.task(TaskId(2)).unwrap();
    // Pinned Tue 08:00, two days: finish Wed 17:00 although T1 ends Fri.
    assert_eq!(t2.start(), dt("2027-03-02T08:00:00"));
    assert_eq!(t2.finish(), dt("2027-03-03T17:00:00"));
    assert_eq!(*t2.driver(), Driver::Manual);
    // T3 follows T2: Thu 08:00–17:00.
    let t3 = s.task(TaskId(3)).unwrap();
    assert_eq!(t3.start(), dt("2027-03-04T08:00:00"));
    // Project finish Fri 17:00 (T1); T3 may finish then: 1 day of float; T2's late
    // finish is T3's late start, Fri 08:00 (as Thu 17:00), so T2 has 1 day of float too.
    assert_eq!(t3.total_float().as_minutes(), 480);
    assert_eq!(t2.total_float().as_minutes(), 480);
    // T1 must finish by T2's late start (Wed 08:00) but finishes Fri 17:00: three
    // days of negative float, the one warning (no constraint conflict: manual mode is
    // not a constraint).
    assert_eq!(s.task(TaskId(1)).unwrap().total_float().as_minutes(), -1440);
    assert_eq!(
        s.warnings(),
        [planix::Warning::NegativeFloat {
            tasks: vec![TaskId(1)]
        }]
    );
}

/// Lags in tenths of minutes with their formats: 4800 = 1 working day, elapsed days
/// (format 8) count nights and weekends, percent (19) is of the predecessor.
#[test]
fn lag_formats() {
    let xml = doc(
        "",
        &[
            task(1, 16, ""),
            task(2, 8, &link(1, 1, 4800, 7)),
            task(3, 8, &link(1, 1, 14400, 8)),
            task(4, 8, &link(1, 3, 50, 19)),
        ]
        .concat(),
    );
    let p = from_mspdi(&xml).unwrap();
    let d = |a, b| *p.dependency(TaskId(a), TaskId(b)).unwrap();
    assert_eq!(d(1, 2).lag, Lag::Working(Duration::minutes(480)));
    assert_eq!(d(1, 3).lag, Lag::Elapsed(Duration::minutes(1440)));
    assert_eq!(d(1, 4).lag, Lag::Percent(50));
    assert_eq!(d(1, 4).kind, LinkKind::Ss);
    let s = p.schedule().unwrap();
    // T1 Mon–Tue. T2: +1 working day → Thu. T3: Tue 17:00 + 24 h → Wed 17:00 → Thu 08:00.
    // T4: SS + 50% of 2 days → Tue 08:00.
    assert_eq!(
        s.task(TaskId(2)).unwrap().start(),
        dt("2027-03-04T08:00:00")
    );
    assert_eq!(
        s.task(TaskId(3)).unwrap().start(),
        dt("2027-03-04T08:00:00")
    );
    assert_eq!(
        s.task(TaskId(4)).unwrap().start(),
        dt("2027-03-02T08:00:00")
    );
    // Written back with the same formats.
    let out = to_mspdi(&p).unwrap();
    assert!(out.contains("<LinkLag>14400</LinkLag><LagFormat>8</LagFormat>"));
    assert!(out.contains("<LinkLag>50</LinkLag><LagFormat>19</LagFormat>"));
}

/// Recurring exceptions: every Monday of March 2027 off (weekly, 4 occurrences), and
/// the first Friday of each month (monthly by position) off.
#[test]
fn recurring_exceptions_expand() {
    let ex = r#"<Exceptions>
<Exception><EnteredByOccurrences>1</EnteredByOccurrences><TimePeriod><FromDate>2027-03-01T00:00:00</FromDate><ToDate>2027-03-22T23:59:00</ToDate></TimePeriod><Occurrences>4</Occurrences><Name>Mondays</Name><Type>6</Type><Period>1</Period><DaysOfWeek>2</DaysOfWeek><DayWorking>0</DayWorking></Exception>
<Exception><EnteredByOccurrences>1</EnteredByOccurrences><TimePeriod><FromDate>2027-04-02T00:00:00</FromDate><ToDate>2027-06-04T23:59:00</ToDate></TimePeriod><Occurrences>3</Occurrences><Name>First Fridays</Name><Type>5</Type><Period>1</Period><MonthPosition>0</MonthPosition><MonthItem>8</MonthItem><DayWorking>0</DayWorking></Exception>
</Exceptions>"#;
    let p = from_mspdi(&doc(ex, &task(1, 8, ""))).unwrap();
    let cal = p.project_calendar();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    for d in [1, 8, 15, 22] {
        assert!(!cal.is_working_day(day(2027, 3, d)), "March {d}");
    }
    assert!(cal.is_working_day(day(2027, 3, 29)));
    for (m, d) in [(4, 2), (5, 7), (6, 4)] {
        assert!(!cal.is_working_day(day(2027, m, d)), "{m}-{d}");
    }
    assert!(cal.is_working_day(day(2027, 4, 9)));
    // The project starts on a Monday off: the task starts Tuesday.
    let s = p.schedule().unwrap();
    assert_eq!(
        s.task(TaskId(1)).unwrap().start(),
        dt("2027-03-02T08:00:00")
    );
}

/// A derived calendar takes its base's week and exceptions and overrides them with
/// its own: here Friday off and a working Saturday.
#[test]
fn derived_calendars_flatten() {
    let xml = format!(
        "{HEAD}<Exceptions><Exception><TimePeriod><FromDate>2027-03-03T00:00:00</FromDate><ToDate>2027-03-03T23:59:00</ToDate></TimePeriod><Name>Holiday</Name><Type>1</Type><DayWorking>0</DayWorking></Exception></Exceptions></Calendar>\
<Calendar><UID>2</UID><Name>Four days</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID>\
<WeekDays><WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays>\
<Exceptions><Exception><TimePeriod><FromDate>2027-03-06T00:00:00</FromDate><ToDate>2027-03-06T23:59:00</ToDate></TimePeriod><Name>Sat</Name><Type>1</Type><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>09:00:00</FromTime><ToTime>13:00:00</ToTime></WorkingTime></WorkingTimes></Exception></Exceptions></Calendar>\
</Calendars><Tasks>{}</Tasks></Project>",
        task(1, 28, "<CalendarUID>2</CalendarUID>")
    );
    let p = from_mspdi(&xml).unwrap();
    let s = p.schedule().unwrap();
    // Mon 8h, Tue 8h, Wed holiday (from the base), Thu 8h, Fri off, Sat 09–13 → 28 h.
    assert_eq!(
        s.task(TaskId(1)).unwrap().finish(),
        dt("2027-03-06T13:00:00")
    );
}

/// Elapsed durations (format 8, `ed`) run around the clock.
#[test]
fn elapsed_durations() {
    let p = from_mspdi(&doc("", &task(1, 48, "<DurationFormat>8</DurationFormat>"))).unwrap();
    let s = p.schedule().unwrap();
    assert_eq!(
        s.task(TaskId(1)).unwrap().finish(),
        dt("2027-03-03T08:00:00")
    );
}

fn err(xml: &str) -> IoError {
    match from_mspdi(xml) {
        Err(e) => e,
        Ok(_) => panic!("accepted: {xml}"),
    }
}

#[test]
fn bad_input_is_a_typed_error() {
    // Malformed XML: line and column.
    match err("<Project>\n<Tasks><Task></Tasks>") {
        IoError::Xml { line, .. } => assert_eq!(line, 2),
        e => panic!("{e:?}"),
    }
    // Not MSPDI.
    let e = err("<APIBusinessObjects><Project/></APIBusinessObjects>").to_string();
    assert!(e.contains("Primavera"), "{e}");
    // Unknown codes, duplicate and missing UIDs, unknown links, jumps.
    let cases: &[(&str, &str)] = &[
        (
            &task(1, 8, "<ConstraintType>9</ConstraintType>"),
            "ConstraintType 9",
        ),
        (&[task(1, 8, ""), task(1, 8, "")].concat(), "duplicate UID"),
        ("<Task><Name>x</Name></Task>", "has no UID"),
        (&task(2, 8, &link(7, 1, 0, 7)), "PredecessorUID 7"),
        (
            &task(2, 8, &link(1, 5, 0, 7)).replace("T2", "x"),
            "link Type",
        ),
        (
            &task(1, 8, "").replace("<OutlineLevel>1", "<OutlineLevel>3"),
            "jumps",
        ),
        (
            &task(1, 8, "").replace("PT8H0M0S", "PT99999999999H"),
            "longer",
        ),
        (
            &task(1, 8, "<DurationFormat>99</DurationFormat>"),
            "DurationFormat 99",
        ),
        (
            &task(1, 8, "<Start>2027-13-01T08:00:00</Start><Manual>1</Manual>"),
            "Start",
        ),
        (&task(1, 8, &link(1, 1, 0, 77)), "LagFormat 77"),
    ];
    for (tasks, want) in cases {
        let e = err(&doc("", tasks)).to_string();
        assert!(e.contains(want), "{want:?} not in {e:?}");
    }
    // A calendar with no working time names the calendar.
    let none = HEAD.replace(
        "<WeekDays>",
        "<WeekDays><WeekDay><DayType>2</DayType><DayWorking>0</DayWorking></WeekDay><WeekDay><DayType>3</DayType><DayWorking>0</DayWorking></WeekDay><WeekDay><DayType>4</DayType><DayWorking>0</DayWorking></WeekDay><WeekDay><DayType>5</DayType><DayWorking>0</DayWorking></WeekDay><WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay>",
    );
    let e = from_mspdi(&format!("{none}</Calendar></Calendars></Project>"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("Calendar") && e.contains("UID 1"), "{e}");
    // A recurrence cannot make the reader allocate beyond its budget.
    let huge = r#"<Exceptions><Exception><EnteredByOccurrences>1</EnteredByOccurrences><TimePeriod><FromDate>1900-01-01T00:00:00</FromDate><ToDate>2262-01-01T23:59:00</ToDate></TimePeriod><Occurrences>999999999</Occurrences><Type>1</Type><Period>1</Period><DayWorking>0</DayWorking></Exception></Exceptions>"#;
    let e = err(&doc(huge, &task(1, 8, ""))).to_string();
    assert!(e.contains("more than"), "{e}");
    // Deep nesting is refused, not recursed into.
    let deep = format!(
        "<Project>{}{}</Project>",
        "<a>".repeat(10_000),
        "</a>".repeat(10_000)
    );
    assert!(matches!(err(&deep), IoError::Xml { .. }));
}

#[test]
fn encodings() {
    let xml = doc("", &task(1, 8, ""));
    let utf8 = from_mspdi_bytes(xml.as_bytes()).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(xml.as_bytes());
    assert_eq!(from_mspdi_bytes(&bom).unwrap(), utf8);
    for le in [true, false] {
        let mut b = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in xml.encode_utf16() {
            b.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        assert_eq!(from_mspdi_bytes(&b).unwrap(), utf8);
    }
    assert!(matches!(
        from_mspdi_bytes(&[0x3C, 0xFF, 0x3E]),
        Err(IoError::Xml { .. })
    ));
}

/// A task without predecessors whose start-no-earlier-than date lies before the
/// project start starts on that date (Microsoft documents that SNET, like MSO, may
/// place a task before the project start); a successor still starts no earlier than
/// the project start.
#[test]
fn snet_before_the_project_start() {
    let xml = doc(
        "",
        &[
            task(
                1,
                8,
                "<ConstraintType>4</ConstraintType><ConstraintDate>2027-02-24T08:00:00</ConstraintDate>",
            ),
            task(
                2,
                8,
                &format!(
                    "<ConstraintType>4</ConstraintType><ConstraintDate>2027-02-24T08:00:00</ConstraintDate>{}",
                    link(1, 1, 0, 7)
                ),
            ),
        ]
        .concat(),
    );
    let s = from_mspdi(&xml).unwrap().schedule().unwrap();
    assert_eq!(
        s.task(TaskId(1)).unwrap().start(),
        dt("2027-02-24T08:00:00")
    );
    assert_eq!(
        s.task(TaskId(2)).unwrap().start(),
        dt("2027-03-01T08:00:00")
    );
}

/// Progress a file records inconsistently is read the way Project shows it: done work
/// means started (at the task's start), 100% means finished (at its finish).
#[test]
fn inconsistent_progress_is_read_as_project_shows_it() {
    let xml = doc(
        "",
        &[
            task(1, 16, "<Start>2027-03-01T08:00:00</Start><PercentComplete>50</PercentComplete>"),
            task(2, 8, "<Start>2027-03-01T08:00:00</Start><Finish>2027-03-01T17:00:00</Finish><PercentComplete>100</PercentComplete>"),
            task(3, 8, "<PhysicalPercentComplete>30</PhysicalPercentComplete>"),
        ]
        .concat(),
    )
    .replace("<Name>t</Name>", "<Name>t</Name><StatusDate>2027-03-02T17:00:00</StatusDate>");
    let p = from_mspdi(&xml).unwrap();
    let pr = |id| p.task(TaskId(id)).unwrap().progress;
    assert_eq!(pr(1).actual_start, Some(dt("2027-03-01T08:00:00")));
    assert_eq!(pr(2).actual_finish, Some(dt("2027-03-01T17:00:00")));
    assert!(pr(3).is_empty());
}

/// MS Project's four "move" options, hand-worked on the Standard calendar: a 4-day task
/// started Mon 2027-03-01 08:00.
#[test]
fn project_move_options() {
    let run = |pct: u8, status: &str, o: RescheduleOptions| {
        let mut p = planix::Project::new("m", dt("2027-03-01T08:00:00"));
        let a = p
            .add_task(planix::Task::new("A").with_duration(Duration::minutes(1920)))
            .unwrap();
        p.set_status_date(Some(dt(status))).unwrap();
        p.edit_task(a, |t| {
            t.progress.actual_start = Some(dt("2027-03-01T08:00:00"));
            t.progress.percent_complete = pct;
        })
        .unwrap();
        let s = reschedule_with(&p, &o).unwrap();
        let t = s.task(a).unwrap();
        (t.start().to_string(), t.finish().to_string())
    };
    let none = RescheduleOptions::ms_project();
    let forward = RescheduleOptions {
        move_remaining_starts_forward: true,
        ..none
    };
    let forward_all = RescheduleOptions {
        move_completed_ends_forward: true,
        ..forward
    };
    let back = RescheduleOptions {
        move_completed_ends_back: true,
        ..none
    };
    let back_all = RescheduleOptions {
        move_remaining_starts_back: true,
        ..back
    };
    let at = |a: &str, b: &str| (a.to_string(), b.to_string());
    // Behind: 25% (1 day) done by Wed 17:00.
    let wed = "2027-03-03T17:00:00";
    assert_eq!(
        run(25, wed, none),
        at("2027-03-01 08:00:00", "2027-03-04 17:00:00")
    );
    // Remaining 3 days from the status date: Thu, Fri, Mon.
    assert_eq!(
        run(25, wed, forward),
        at("2027-03-01 08:00:00", "2027-03-08 17:00:00")
    );
    // The done day moved to Wed, the rest after it.
    assert_eq!(
        run(25, wed, forward_all),
        at("2027-03-03 08:00:00", "2027-03-08 17:00:00")
    );
    // Ahead: 75% (3 days) done by Tue 17:00, so the done part reaches Wed 17:00.
    let tue = "2027-03-02T17:00:00";
    assert_eq!(
        run(75, tue, none),
        at("2027-03-01 08:00:00", "2027-03-04 17:00:00")
    );
    // The done part moved back to end Tue 17:00 (from Fri 26 Feb), the finish stays.
    assert_eq!(
        run(75, tue, back),
        at("2027-02-26 08:00:00", "2027-03-04 17:00:00")
    );
    // And the remaining day follows it: Wed.
    assert_eq!(
        run(75, tue, back_all),
        at("2027-02-26 08:00:00", "2027-03-03 17:00:00")
    );
    // planix's default: the remaining day from the status date, Wed.
    assert_eq!(
        run(75, tue, RescheduleOptions::default()),
        at("2027-03-01 08:00:00", "2027-03-03 17:00:00")
    );
    // A file's own options are read from its kept calculation settings.
    let f = mspdi_corpus().into_iter().next().unwrap();
    let p = from_mspdi(&std::fs::read_to_string(f).unwrap()).unwrap();
    assert_eq!(
        planix::io::mspdi::reschedule_options(&p),
        RescheduleOptions::ms_project()
    );
}
