//! The PSPLIB single-mode RCPSP format (`.sm`, Kolisch & Sprecher 1997).
//!
//! ```
//! let text = "\
//! jobs (incl. supersource/sink ):  4
//! RESOURCES
//!   - renewable                 :  1   R
//! PRECEDENCE RELATIONS:
//! jobnr.    #modes  #successors   successors
//!    1        1          2           2   3
//!    2        1          1           4
//!    3        1          1           4
//!    4        1          0
//! REQUESTS/DURATIONS:
//! jobnr. mode duration  R 1
//! ------------------------------------------------------------------------
//!   1      1     0       0
//!   2      1     3       2
//!   3      1     2       2
//!   4      1     0       0
//! RESOURCEAVAILABILITIES:
//!   R 1
//!     3
//! ";
//! let inst = planix::io::psplib::parse(text)?;
//! assert_eq!(inst.durations, vec![0, 3, 2, 0]);
//! assert_eq!(inst.capacities, vec![3]);
//! // Jobs 2 and 3 need 2 of 3 units each, so they run in sequence: makespan 5.
//! let level = planix::io::psplib::level_psplib(&inst, &Default::default())?;
//! assert_eq!(level.makespan, 5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::IoError;
use crate::resources::LevelOptions;
use crate::resources::rcpsp::{self, Arc, Capacity, Instance, Job};

/// A PSPLIB instance as written in the file (jobs numbered from 1; index 0 is job 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PsplibInstance {
    /// Duration of each job, in periods.
    pub durations: Vec<i64>,
    /// Successors of each job (0-based indices).
    pub successors: Vec<Vec<usize>>,
    /// Units of each renewable resource each job requests.
    pub requests: Vec<Vec<i32>>,
    /// Capacity of each renewable resource.
    pub capacities: Vec<i32>,
}

fn err(line: usize, message: impl Into<String>) -> IoError {
    IoError::Format {
        format: "psplib",
        line,
        message: message.into(),
    }
}

fn ints(line: &str, lineno: usize) -> Result<Vec<i64>, IoError> {
    line.split_whitespace()
        .map(|w| {
            w.parse::<i64>()
                .map_err(|_| err(lineno, format!("expected a number, found {w:?}")))
        })
        .collect()
}

/// Parses the text of a `.sm` file.
///
/// # Errors
/// [`IoError::Format`] naming the line: missing sections, job numbers out of range,
/// negative durations or requests, a request above its resource's capacity.
pub fn parse(text: &str) -> Result<PsplibInstance, IoError> {
    let lines: Vec<&str> = text.lines().collect();
    let find = |prefix: &str| {
        lines
            .iter()
            .position(|l| l.trim_start().starts_with(prefix))
    };
    let jobs_line = find("jobs (incl. supersource/sink").ok_or_else(|| err(0, "no job count"))?;
    let n = lines[jobs_line]
        .split(':')
        .nth(1)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0 && n <= 1_000_000)
        .ok_or_else(|| err(jobs_line + 1, "bad job count"))?;
    let res_line = find("- renewable").ok_or_else(|| err(0, "no renewable resource count"))?;
    let nres = lines[res_line]
        .split(':')
        .nth(1)
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&r| r <= 1000)
        .ok_or_else(|| err(res_line + 1, "bad resource count"))?;

    // Each job needs a precedence row and a request row: a count the text cannot hold is
    // refused before anything is sized by it.
    if n > lines.len() {
        return Err(err(
            jobs_line + 1,
            format!(
                "declares {n} jobs but the file has only {} lines",
                lines.len()
            ),
        ));
    }
    let prec = find("PRECEDENCE RELATIONS").ok_or_else(|| err(0, "no PRECEDENCE RELATIONS"))?;
    let mut successors = vec![Vec::new(); n];
    let mut seen = vec![false; n];
    for i in prec + 2..prec + 2 + n {
        let v = ints(
            lines
                .get(i)
                .ok_or_else(|| err(i + 1, "precedence table ends early"))?,
            i + 1,
        )?;
        if v.len() < 3 {
            return Err(err(i + 1, "precedence row needs job, modes, count"));
        }
        let job = job_index(v[0], n, i + 1)?;
        let count = usize::try_from(v[2]).map_err(|_| err(i + 1, "negative successor count"))?;
        if v.len() != 3 + count {
            return Err(err(
                i + 1,
                format!(
                    "job {} lists {} successors, expected {count}",
                    v[0],
                    v.len() - 3
                ),
            ));
        }
        if seen[job] {
            return Err(err(i + 1, format!("job {} listed twice", v[0])));
        }
        seen[job] = true;
        successors[job] = v[3..]
            .iter()
            .map(|&s| job_index(s, n, i + 1))
            .collect::<Result<_, _>>()?;
    }

    let req = find("REQUESTS/DURATIONS").ok_or_else(|| err(0, "no REQUESTS/DURATIONS"))?;
    let mut durations = vec![0; n];
    let mut requests = vec![Vec::new(); n];
    let mut i = req + 1;
    // Skip the header and the dashed rule.
    while lines
        .get(i)
        .is_some_and(|l| !l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    {
        i += 1;
    }
    for _ in 0..n {
        let v = ints(
            lines
                .get(i)
                .ok_or_else(|| err(i + 1, "request table ends early"))?,
            i + 1,
        )?;
        if v.len() != 3 + nres {
            return Err(err(
                i + 1,
                format!("request row needs {} numbers", 3 + nres),
            ));
        }
        let job = job_index(v[0], n, i + 1)?;
        if v[2] < 0 || v[3..].iter().any(|&q| q < 0 || q > i64::from(i32::MAX)) {
            return Err(err(
                i + 1,
                format!("job {} has a negative duration or request", v[0]),
            ));
        }
        durations[job] = v[2];
        requests[job] = v[3..].iter().map(|&q| q as i32).collect();
        i += 1;
    }

    let avail =
        find("RESOURCEAVAILABILITIES").ok_or_else(|| err(0, "no RESOURCEAVAILABILITIES"))?;
    let row = avail + 2;
    let v = ints(
        lines
            .get(row)
            .ok_or_else(|| err(row + 1, "no capacities"))?,
        row + 1,
    )?;
    if v.len() != nres || v.iter().any(|&c| c < 0 || c > i64::from(i32::MAX)) {
        return Err(err(
            row + 1,
            format!("expected {nres} non-negative capacities"),
        ));
    }
    let capacities: Vec<i32> = v.iter().map(|&c| c as i32).collect();
    for (j, r) in requests.iter().enumerate() {
        for (k, &q) in r.iter().enumerate() {
            if q > capacities[k] {
                return Err(err(
                    0,
                    format!(
                        "job {} requests {q} of R {} but capacity is {}",
                        j + 1,
                        k + 1,
                        capacities[k]
                    ),
                ));
            }
        }
    }
    if let Some(cycle) = precedence_cycle(&successors) {
        let jobs: Vec<String> = cycle
            .iter()
            .chain(cycle.first())
            .map(|j| (j + 1).to_string())
            .collect();
        return Err(err(
            prec + 1,
            format!(
                "the precedence relations form a cycle: jobs {}",
                jobs.join(" -> ")
            ),
        ));
    }
    Ok(PsplibInstance {
        durations,
        successors,
        requests,
        capacities,
    })
}

fn job_index(v: i64, n: usize, line: usize) -> Result<usize, IoError> {
    if v >= 1 && (v as u64) <= n as u64 {
        Ok(v as usize - 1)
    } else {
        Err(err(line, format!("job number {v} outside 1..={n}")))
    }
}

impl PsplibInstance {
    /// The instance as a [`Project`](crate::Project): one task per job ("Job 1", ...; the
    /// zero-duration dummies become milestones), finish-to-start links, one work resource
    /// per renewable resource ("R 1", ...) with its capacity as max units, and the
    /// requests as assignment units. One period is one hour of a 24-hour project
    /// calendar starting 2000-01-03 00:00, so leveled start minutes / 60 are PSPLIB periods.
    ///
    /// # Errors
    /// [`IoError::Invalid`] when the model rejects the instance (a cycle, a duration out
    /// of range).
    pub fn to_project(&self, name: &str) -> Result<crate::Project, IoError> {
        use crate::{Assignment, Calendar, Dependency, Duration, Project, Resource, Task};
        let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 3)
            .unwrap_or_default()
            .and_time(chrono::NaiveTime::MIN);
        let mut p = Project::new(name, start);
        let cal = p
            .add_calendar(Calendar::twenty_four_hours())
            .map_err(IoError::Invalid)?;
        p.set_project_calendar(cal).map_err(IoError::Invalid)?;
        let res: Vec<_> = self
            .capacities
            .iter()
            .enumerate()
            .map(|(k, &c)| p.add_resource(Resource::work(format!("R {}", k + 1), f64::from(c))))
            .collect::<Result<_, _>>()
            .map_err(IoError::Invalid)?;
        let mut ids = Vec::with_capacity(self.durations.len());
        for (j, &d) in self.durations.iter().enumerate() {
            let hours = d
                .checked_mul(60)
                .ok_or_else(|| err(0, "duration overflow"))?;
            let id = p
                .add_task(
                    Task::new(format!("Job {}", j + 1)).with_duration(Duration::minutes(hours)),
                )
                .map_err(IoError::Invalid)?;
            ids.push(id);
            for (k, &q) in self.requests[j].iter().enumerate() {
                if q > 0 {
                    p.assign(Assignment::new(id, res[k], f64::from(q)))
                        .map_err(IoError::Invalid)?;
                }
            }
        }
        for (i, succ) in self.successors.iter().enumerate() {
            for &j in succ {
                p.add_dependency(Dependency::new(ids[i], ids[j]))
                    .map_err(IoError::Invalid)?;
            }
        }
        Ok(p)
    }
}

/// A cycle of the precedence relations (0-based jobs in successor order), if any.
fn precedence_cycle(successors: &[Vec<usize>]) -> Option<Vec<usize>> {
    let n = successors.len();
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for (j, s) in successors.iter().enumerate() {
        for &k in s {
            pred[k].push(j);
            indeg[k] += 1;
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&j| indeg[j] == 0).collect();
    let mut done = 0;
    while let Some(j) = ready.pop() {
        done += 1;
        for &k in &successors[j] {
            indeg[k] -= 1;
            if indeg[k] == 0 {
                ready.push(k);
            }
        }
    }
    (done < n).then(|| {
        crate::schedule::cycle::cycle_among(n, |j| indeg[j] > 0, |j, out| out.extend(&pred[j]))
    })
}

/// A leveled PSPLIB instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PsplibSchedule {
    /// Start period of every job (index 0 is job 1).
    pub starts: Vec<i64>,
    /// Makespan in periods.
    pub makespan: i64,
    /// Critical-path lower bound (LB0).
    pub critical_path: i64,
    /// Schedules generated.
    pub schedules: u64,
}

/// Levels a PSPLIB instance directly on the scheduling kernel (the benchmark path).
///
/// # Errors
/// [`rcpsp::InstanceError`] naming jobs and resources by their 1-based numbers in the
/// file: `NeverFits` when a request exceeds its capacity, `Cycle` for cyclic
/// precedences, `TooLarge` when the durations exceed the kernel's horizon limits.
pub fn level_psplib(
    inst: &PsplibInstance,
    opts: &LevelOptions,
) -> Result<PsplibSchedule, rcpsp::InstanceError> {
    let jobs: Vec<Job> = inst
        .durations
        .iter()
        .zip(&inst.requests)
        .map(|(&d, req)| Job {
            duration: d,
            release: 0,
            demand: req
                .iter()
                .enumerate()
                .filter(|(_, q)| **q > 0)
                .map(|(r, &q)| (r, q))
                .collect(),
            fixed: false,
            latest: None,
        })
        .collect();
    let arcs: Vec<Arc> = inst
        .successors
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.iter().map(move |&j| Arc {
                from: i,
                to: j,
                lag: inst.durations[i],
            })
        })
        .collect();
    let caps = inst
        .capacities
        .iter()
        .map(|&c| Capacity::constant(c))
        .collect();
    // Errors name jobs and resources by their numbers in the file (1-based).
    let numbered = |e: rcpsp::InstanceError| match e {
        rcpsp::InstanceError::NeverFits(nf) => rcpsp::InstanceError::NeverFits(rcpsp::NeverFits {
            job: nf.job + 1,
            resource: nf.resource + 1,
            ..nf
        }),
        rcpsp::InstanceError::Cycle(jobs) => {
            rcpsp::InstanceError::Cycle(jobs.into_iter().map(|j| j + 1).collect())
        }
        rcpsp::InstanceError::Invalid(j) => rcpsp::InstanceError::Invalid(j + 1),
        other => other,
    };
    let kernel = Instance::new(jobs, &arcs, caps).map_err(numbered)?;
    let sol = kernel
        .solve(&opts.solve_options())
        .map_err(|nf| numbered(rcpsp::InstanceError::NeverFits(nf)))?;
    Ok(PsplibSchedule {
        starts: sol.starts,
        makespan: sol.makespan,
        critical_path: kernel.critical_path_length(),
        schedules: sol.schedules,
    })
}
