#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]
//! Textbook networks with published answers.

mod common;
use common::*;
use planix::schedule::{CpmOptions, cpm};

/// Hillier & Lieberman, *Introduction to Operations Research* (Reliable Construction Co.,
/// project-management chapter): 14 activities, 44 weeks; published ES, LS and slack.
/// One week is one day on the 24-hour calendar here, so day offsets equal week numbers.
#[test]
fn reliable_construction_44_weeks() {
    let acts = RELIABLE;
    // (ES, LS) in weeks, from the book's table of slacks.
    let expected = [
        (0, 0),
        (2, 2),
        (6, 6),
        (16, 20),
        (16, 16),
        (20, 20),
        (22, 26),
        (29, 33),
        (16, 18),
        (25, 25),
        (33, 34),
        (33, 33),
        (38, 42),
        (38, 38),
    ];
    let (p, ids) = textbook(acts);
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    let t0 = dt("2027-01-01T00:00");
    for (i, (es, ls)) in expected.iter().enumerate() {
        let t = s.task(ids[i]).unwrap();
        let d = acts[i].1;
        assert_eq!(
            (t.early_start() - t0).num_days(),
            *es,
            "ES of {}",
            acts[i].0
        );
        assert_eq!(
            (t.early_finish() - t0).num_days(),
            es + d,
            "EF of {}",
            acts[i].0
        );
        assert_eq!((t.late_start() - t0).num_days(), *ls, "LS of {}", acts[i].0);
        assert_eq!(
            (t.late_finish() - t0).num_days(),
            ls + d,
            "LF of {}",
            acts[i].0
        );
        assert_eq!(
            t.total_float().as_minutes(),
            (ls - es) * 1440,
            "slack of {}",
            acts[i].0
        );
        assert_eq!(t.is_critical(), ls == es);
    }
    assert_eq!((s.finish() - t0).num_days(), 44);
    let names: Vec<&str> = s
        .critical_path()
        .iter()
        .map(|id| acts[ids.iter().position(|x| x == id).unwrap()].0)
        .collect();
    assert_eq!(names, ["A", "B", "C", "E", "F", "J", "L", "N"]);
    // Free float: K can slip 1 week before N (which L drives); I 2 weeks before J.
    assert_eq!(s.task(ids[10]).unwrap().free_float().as_minutes(), 1440);
    assert_eq!(s.task(ids[8]).unwrap().free_float().as_minutes(), 2 * 1440);
    assert_eq!(s.task(ids[6]).unwrap().free_float().as_minutes(), 0);
    assert_eq!(s.task(ids[12]).unwrap().free_float().as_minutes(), 4 * 1440);
}

/// Render, Stair & Hanna, *Quantitative Analysis for Management*, General Foundry Inc.:
/// 8 activities, 15 weeks; slack B = 1, D = 1, F = 6; critical path A-C-E-G-H.
#[test]
fn general_foundry_15_weeks() {
    let acts: &[(&str, i64, &[&str])] = &[
        ("A", 2, &[]),
        ("B", 3, &[]),
        ("C", 2, &["A"]),
        ("D", 4, &["B"]),
        ("E", 4, &["C"]),
        ("F", 3, &["C"]),
        ("G", 5, &["D", "E"]),
        ("H", 2, &["F", "G"]),
    ];
    let expected = [
        (0, 0),
        (0, 1),
        (2, 2),
        (3, 4),
        (4, 4),
        (4, 10),
        (8, 8),
        (13, 13),
    ];
    let (p, ids) = textbook(acts);
    let s = cpm(&p, &CpmOptions::new()).unwrap();
    let t0 = dt("2027-01-01T00:00");
    for (i, (es, ls)) in expected.iter().enumerate() {
        let t = s.task(ids[i]).unwrap();
        assert_eq!(
            (t.early_start() - t0).num_days(),
            *es,
            "ES of {}",
            acts[i].0
        );
        assert_eq!((t.late_start() - t0).num_days(), *ls, "LS of {}", acts[i].0);
        assert_eq!(
            (t.late_finish() - t0).num_days(),
            ls + acts[i].1,
            "LF of {}",
            acts[i].0
        );
        assert_eq!(t.total_float().as_minutes(), (ls - es) * 1440);
    }
    assert_eq!((s.finish() - t0).num_days(), 15);
    assert_eq!(s.critical_path(), &[ids[0], ids[2], ids[4], ids[6], ids[7]]);
    // F: free slack 6 (H waits for G until week 13).
    assert_eq!(s.task(ids[5]).unwrap().free_float().as_minutes(), 6 * 1440);
}
