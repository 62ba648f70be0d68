//! `render_profile N gantt|gantt-nolinks|network [rounds]`: best and median wall time and output size of
//! one chart of a generated layered network of N tasks (for profiling and BENCHMARKS.md);
//! `render_profile N json` prints that network as planix JSON instead.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let what = args.get(2).map_or("gantt", String::as_str);
    let rounds: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(20);
    let p = planix_benches::layered(n, 1);
    if what == "json" {
        // The same network as planix JSON, for benches/render_wasm.mjs.
        print!("{}", planix::io::to_json(&p));
        return;
    }
    let Ok(s) = p.schedule() else {
        eprintln!("the network does not schedule");
        return;
    };
    let mut times = vec![];
    let mut size = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let out = match what {
            "network" => {
                planix::render::network(&p, &s, &planix::render::NetworkOptions::default())
            }
            "gantt-nolinks" => planix::render::gantt(
                &p,
                &s,
                &planix::render::GanttOptions {
                    links: false,
                    ..Default::default()
                },
            ),
            _ => planix::render::gantt(&p, &s, &planix::render::GanttOptions::default()),
        };
        times.push(t.elapsed().as_secs_f64() * 1e3);
        size = out.map(|x| x.len()).unwrap_or(0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{what} {n} tasks: best {:.1} ms, median {:.1} ms, {:.2} MB",
        times[0],
        times[times.len() / 2],
        size as f64 / 1e6
    );
}
