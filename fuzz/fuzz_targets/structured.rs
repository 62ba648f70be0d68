//! Structure-aware: `arbitrary` derives a small plan (WBS parents, links of every kind
//! and lag, constraints, estimates, a calendar) that is written as planix JSON, so parent
//! loops, dependency cycles through summaries and extreme lags are reached directly
//! (byte mutation of JSON rarely builds them). Durations and dates stay within a few
//! years, so an input costs milliseconds (the JSON targets cover extreme values). The
//! plan then goes through every analysis, and the edit API must refuse what the loader
//! refuses.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Plan {
    tasks: Vec<T>,
    links: Vec<L>,
    hours: u8,
    weekend: bool,
    from_finish: bool,
    status_day: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct T {
    parent: Option<u8>,
    minutes: u32,
    milestone: bool,
    constraint: u8,
    constraint_day: u16,
    deadline_day: Option<u16>,
    estimate: Option<(u16, u16, u16, u8)>,
    percent: u8,
}

#[derive(Arbitrary, Debug)]
struct L {
    from: u8,
    to: u8,
    kind: u8,
    lag: i32,
    lag_kind: u8,
}

const KINDS: [&str; 4] = ["fs", "ss", "ff", "sf"];
const CONSTRAINTS: [&str; 7] = ["snet", "snlt", "fnet", "fnlt", "mso", "mfo", "alap"];

fn day(d: u16) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).expect("a date");
    let d = base + chrono::Days::new(u64::from(d % 800));
    format!("{d}T08:00:00")
}

fn json(plan: &Plan) -> String {
    let n = plan.tasks.len().min(40);
    let hours = 1 + plan.hours % 24;
    let interval = format!("[\"00:00-{:02}:00\"]", hours.min(23)).replace("-24:00", "-23:59");
    let days = if plan.weekend {
        [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .as_slice()
    } else {
        ["monday", "tuesday", "wednesday", "thursday", "friday"].as_slice()
    };
    let week: Vec<String> = days.iter().map(|d| format!("\"{d}\":{interval}")).collect();
    let mut tasks = vec![];
    for (i, t) in plan.tasks.iter().take(n).enumerate() {
        let mut f = vec![format!("\"id\":{}", i + 1), format!("\"name\":\"T{i}\"")];
        if let Some(p) = t.parent {
            f.push(format!("\"parent\":{}", 1 + usize::from(p) % n));
        }
        f.push(format!("\"duration\":{}", t.minutes % 20_000));
        if t.milestone {
            f.push("\"milestone\":true".into());
        }
        if t.constraint % 3 == 0 {
            let k = CONSTRAINTS[usize::from(t.constraint / 3) % CONSTRAINTS.len()];
            if k == "alap" {
                f.push("\"constraint\":{\"type\":\"alap\"}".into());
            } else {
                f.push(format!(
                    "\"constraint\":{{\"type\":\"{k}\",\"date\":\"{}\"}}",
                    day(t.constraint_day)
                ));
            }
        }
        if let Some(d) = t.deadline_day {
            f.push(format!("\"deadline\":\"{}\"", day(d)));
        }
        if let Some((a, b, c, k)) = t.estimate {
            let mut v = [u32::from(a), u32::from(b), u32::from(c)];
            v.sort_unstable();
            let names = planix::Distribution::NAMES;
            let dist = names[usize::from(k) % names.len()];
            f.push(format!(
                "\"estimate\":{{\"optimistic\":{},\"most_likely\":{},\"pessimistic\":{},\"distribution\":{{\"type\":\"{dist}\"}}}}",
                v[0], v[1], v[2]
            ));
        }
        if t.percent > 0 && plan.status_day.is_some() {
            let pc = t.percent % 101;
            let mut p = format!("\"actual_start\":\"{}\",\"percent_complete\":{pc}", day(0));
            if pc == 100 {
                p.push_str(&format!(",\"actual_finish\":\"{}\"", day(1)));
            }
            f.push(format!("\"progress\":{{{p}}}"));
        }
        tasks.push(format!("{{{}}}", f.join(",")));
    }
    let mut links = vec![];
    for l in plan.links.iter().take(80) {
        if n == 0 {
            break;
        }
        let lag = match l.lag_kind % 3 {
            0 => format!("{{\"working\":{}}}", l.lag % 100_000),
            1 => format!("{{\"elapsed\":{}}}", l.lag % 100_000),
            _ => format!("{{\"percent\":{}}}", l.lag % 500),
        };
        links.push(format!(
            "{{\"predecessor\":{},\"successor\":{},\"kind\":\"{}\",\"lag\":{lag}}}",
            1 + usize::from(l.from) % n,
            1 + usize::from(l.to) % n,
            KINDS[usize::from(l.kind) % 4]
        ));
    }
    let from = if plan.from_finish { "finish" } else { "start" };
    let status = plan
        .status_day
        .map(|d| format!(",\"status_date\":\"{}\"", day(u16::from(d))))
        .unwrap_or_default();
    format!(
        "{{\"format\":\"planix\",\"version\":1,\"name\":\"fuzz\",\"schedule_from\":{{\"{from}\":\"{}\"}},\"calendar\":1,\"calendars\":{{\"1\":{{\"name\":\"C\",\"week\":{{{}}},\"minutes_per_day\":480,\"minutes_per_week\":2400}}}},\"tasks\":[{}],\"dependencies\":[{}]{status}}}",
        day(0),
        week.join(","),
        tasks.join(","),
        links.join(",")
    )
}

fuzz_target!(|plan: Plan| {
    let text = json(&plan);
    let Ok(p) = planix::io::from_json(&text) else {
        return;
    };
    let out = planix::io::to_json(&p);
    assert_eq!(
        planix::io::to_json(&planix::io::from_json(&out).expect("written JSON loads")),
        out
    );
    if let Ok(s) = p.schedule() {
        let _ = planix::io::schedule_table(&p, &s);
        let _ = planix::resources::costs(&p, &s);
    }
    let _ = planix::simulate::simulate(&p, &planix::simulate::SimulationOptions::new(8, 2));
    let lo = planix::resources::LevelOptions {
        max_schedules: 20,
        ..Default::default()
    };
    let _ = planix::resources::level(&p, &lo);
    let _ = planix::control::dcma(&p, None);
    // The edit API: re-adding each link to a copy without it must succeed or fail
    // without changing the copy.
    for d in p.dependencies().take(8) {
        let mut q = p.clone();
        let d = *d;
        q.remove_dependency(d.predecessor, d.successor)
            .expect("the link exists");
        let before = q.clone();
        if q.add_dependency(d).is_err() {
            assert_eq!(q, before, "a failed edit changed the project");
        }
    }
});
