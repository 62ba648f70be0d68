//! `planix`: schedule a planix JSON or MS Project XML (MSPDI) project from the command line.
//!
//! Exit codes: 0 success, 1 bad input (the typed error on stderr), 2 usage errors (clap).

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "planix",
    version,
    about = "Client project scheduling: files in, files out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long = "output", id = "out_file", global = true)]
    out_file: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Schedule a planix JSON project and print the schedule.
    Schedule {
        /// The project file (planix JSON or MS Project XML).
        file: std::path::PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Convert a project between formats, chosen by extension: `.json` (planix), `.xml`
    /// (MS Project XML, MSPDI) and `.csv` (task table, with `NAME.resources.csv` and
    /// `NAME.assignments.csv` beside it) in and out; `.mmd` (Mermaid gantt), `.puml`
    /// (PlantUML gantt) and `.ics` (iCalendar of milestones and deadlines) out.
    Convert {
        /// The project file to read.
        input: std::path::PathBuf,
        /// The file to write.
        output: std::path::PathBuf,
        /// The project start, for a CSV input (`2027-03-01T08:00`).
        #[arg(long, value_parser = parse_start)]
        start: Option<chrono::NaiveDateTime>,
    },
    /// Reschedule honouring recorded progress (actual starts and finishes, percent
    /// complete) at the project's status date; prints the schedule.
    Reschedule {
        /// The project file (planix JSON or MSPDI).
        file: std::path::PathBuf,
        /// Where work moves around the status date: `ms-project` (nothing moves, MS
        /// Project's default) or `planix` (remaining work and unstarted tasks from the
        /// status date; the default for planix JSON). An MSPDI file's default is its own
        /// "move completed/remaining parts" options.
        #[arg(long, value_enum)]
        rules: Option<Rules>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Monte Carlo simulation of a project with three-point estimates; prints the report JSON.
    Simulate {
        /// The project file (planix JSON or MS Project XML).
        file: std::path::PathBuf,
        /// Iterations.
        #[arg(long, default_value_t = planix::simulate::SimulationOptions::default().iterations)]
        iterations: usize,
        /// Seed (same seed, same output bytes).
        #[arg(long, default_value_t = planix::simulate::SimulationOptions::default().seed)]
        seed: u64,
        /// Skip the per-task sensitivity (Spearman) columns: faster, and no duration
        /// samples are kept.
        #[arg(long)]
        no_sensitivity: bool,
    },
    /// A portfolio document (several projects, one shared pool): prints the rollup per
    /// project and for the portfolio; `--level` levels across projects first (and
    /// `-o` writes the portfolio with the leveling adopted); `--simulate N` prints the
    /// portfolio Monte Carlo report instead.
    Portfolio {
        /// The portfolio file (docs/format.md, "planix-portfolio").
        file: std::path::PathBuf,
        /// Level across projects (fast mode), adopt it, then roll up.
        #[arg(long)]
        level: bool,
        /// Write the portfolio document (with the adopted leveling) here.
        #[arg(short, long)]
        output: Option<std::path::PathBuf>,
        /// Run the portfolio Monte Carlo with this many iterations (prints its JSON).
        #[arg(long)]
        simulate: Option<usize>,
        /// Share the pool in every Monte Carlo iteration.
        #[arg(long)]
        resource_constrained: bool,
        /// Seed of the Monte Carlo.
        #[arg(long, default_value_t = planix::simulate::SimulationOptions::default().seed)]
        seed: u64,
        /// Output format of the rollup.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Level the work resources; prints the leveling JSON (schedule, delays with their
    /// reasons, over-allocations before and after).
    Level {
        /// The project file (planix JSON or MS Project XML).
        file: std::path::PathBuf,
        /// Search mode.
        #[arg(long, value_enum, default_value_t = Mode::Fast)]
        mode: Mode,
        /// Schedule budget of the optimising mode (deterministic).
        #[arg(long, default_value_t = planix::resources::LevelOptions::default().max_schedules)]
        max_schedules: u64,
        /// Time budget of the optimising mode in seconds (results then depend on speed).
        #[arg(long)]
        time_limit: Option<f64>,
        /// Seed (same seed and schedule budget, same output bytes).
        #[arg(long, default_value_t = planix::resources::LevelOptions::default().seed)]
        seed: u64,
        /// Only delay tasks within their total float (the finish never moves).
        #[arg(long)]
        within_float: bool,
    },
    /// Risk-adjusted forecast: simulate a project with a risk register's open threats;
    /// prints P50/P80 with and without risks, the risk tornado and the contingency
    /// reserve (JSON), or the heat map and a summary (table).
    Risks {
        /// The project file (planix JSON or MS Project XML).
        file: std::path::PathBuf,
        /// The risk register: planix-risks JSON, or CSV when the name ends in `.csv`.
        register: std::path::PathBuf,
        /// Iterations.
        #[arg(long, default_value_t = planix::risk::ForecastOptions::default().simulation.iterations)]
        iterations: usize,
        /// Seed (same seed, same output bytes).
        #[arg(long, default_value_t = planix::risk::ForecastOptions::default().simulation.seed)]
        seed: u64,
        /// Confidence of the contingency reserve, in percent.
        #[arg(long, default_value_t = planix::risk::ForecastOptions::default().confidence)]
        confidence: f64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Earned value and earned schedule at the project's status date (JSON).
    Evm {
        /// The project file (native planix JSON, with a status date and a baseline).
        file: std::path::PathBuf,
        /// The baseline to measure against.
        #[arg(long, default_value_t = planix::control::EvmOptions::default().baseline)]
        baseline: u8,
        /// Credit earned value by physical percent complete.
        #[arg(long)]
        physical: bool,
    },
    /// The DCMA 14-point schedule assessment (JSON, or a table).
    Dcma {
        /// The project file (planix JSON or MS Project XML).
        file: std::path::PathBuf,
        /// The baseline for the metrics that need one (default: baseline 0 when saved).
        #[arg(long)]
        baseline: Option<u8>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Draw a chart as SVG, or PNG when the output (`-o`) ends in `.png`: `gantt`,
    /// `network` (PERT), `heatmap` (needs `--risks`), `histogram` (Monte Carlo finish),
    /// `scurve` (earned value), `tornado` (sensitivity), `resources` (loading before and
    /// after leveling) or `cost` (cost by week).
    Render {
        /// The project file (planix JSON or MS Project XML).
        file: std::path::PathBuf,
        /// The chart.
        #[arg(long, default_value = "gantt", value_parser = clap::builder::PossibleValuesParser::new(planix::render::Chart::NAMES))]
        chart: String,
        /// A risk register (planix-risks JSON or CSV): the heat map's data, and its open
        /// threats join the Monte Carlo charts.
        #[arg(long)]
        risks: Option<std::path::PathBuf>,
        /// PNG pixels per SVG pixel.
        #[arg(long, default_value_t = planix::render::PngOptions::default().scale)]
        scale: f64,
    },
    /// Draw a Gantt chart in text for the terminal.
    Gantt {
        /// The project file (planix JSON or MS Project XML).
        file: std::path::PathBuf,
        /// Width in characters.
        #[arg(long, default_value_t = planix::render::TextGanttOptions::default().width)]
        width: usize,
        /// Collapse the WBS below this outline level.
        #[arg(long)]
        max_level: Option<usize>,
        /// Only critical tasks (with their summary tasks).
        #[arg(long)]
        critical_only: bool,
    },
    /// Show a board (planix-board JSON) as text: columns with their WIP limits and
    /// cards; with `--burndown`, a sprint's burndown and burnup (`--svg`: the chart);
    /// with `--cfd FROM TO`, the cumulative flow diagram as SVG.
    Board {
        /// The board file (docs/format.md, "planix-board").
        file: std::path::PathBuf,
        /// Print this sprint's burndown and burnup, one row per day.
        #[arg(long)]
        burndown: Option<String>,
        /// With `--burndown`: draw the chart (SVG) instead of the table.
        #[arg(long)]
        svg: bool,
        /// Draw the cumulative flow diagram (SVG) from the first to the second day.
        #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
        cfd: Option<Vec<chrono::NaiveDate>>,
        /// Output format (`json`: the burndown rows or the board document).
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Monte Carlo over a team's throughput: when `--items` are done, or how many by
    /// `--until`. The history is `--history 3,0,5,2` (completed per working day, oldest
    /// first) or the finished cards of `--board FILE` since `--since`.
    Forecast {
        /// Completed items per working day (or per sprint with `--sprint-days`), oldest first.
        #[arg(long, value_delimiter = ',')]
        history: Vec<f64>,
        /// Take the history from this board's finished cards per working day.
        #[arg(long)]
        board: Option<std::path::PathBuf>,
        /// First day of the board's history (its last day is the day before `--start`).
        #[arg(long)]
        since: Option<chrono::NaiveDate>,
        /// Forecast when this many items (or points) are done.
        #[arg(long)]
        items: Option<f64>,
        /// Forecast how many are done from `--start` to this day.
        #[arg(long)]
        until: Option<chrono::NaiveDate>,
        /// The first day forecast.
        #[arg(long)]
        start: chrono::NaiveDate,
        /// Periods are sprints of this many days (the history is velocity per sprint).
        #[arg(long)]
        sprint_days: Option<u32>,
        /// A project file whose calendar counts the working days (standard when absent).
        #[arg(long)]
        calendar: Option<std::path::PathBuf>,
        /// Trials.
        #[arg(long, default_value_t = planix::agile::ThroughputOptions::default().trials)]
        trials: u32,
        /// Seed.
        #[arg(long, default_value_t = planix::agile::ThroughputOptions::default().seed)]
        seed: u64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The client status report at the project's status date (Markdown).
    Status {
        /// The project file (native planix JSON, with a status date and a baseline).
        file: std::path::PathBuf,
        /// The client engagement (planix-client JSON).
        #[arg(long)]
        engagement: Option<std::path::PathBuf>,
        /// The risk register (planix-risks JSON or CSV).
        #[arg(long)]
        risks: Option<std::path::PathBuf>,
        /// The baseline.
        #[arg(long, default_value_t = planix::io::StatusOptions::default().baseline)]
        baseline: u8,
        /// Monte Carlo iterations for the P80 forecast.
        #[arg(long, default_value_t = planix::io::StatusOptions::default().iterations)]
        iterations: usize,
        /// Monte Carlo seed.
        #[arg(long, default_value_t = planix::io::StatusOptions::default().seed)]
        seed: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Mode {
    /// Priority rules and sampling with justification.
    Fast,
    /// Then a genetic algorithm under the budget.
    Optimize,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// The schedule JSON documented in docs/format.md.
    Json,
    /// A table for people.
    Table,
}

/// A progress bar on stderr (only when stderr is a terminal) fed by a run's hook. With
/// `stop_on_ctrl_c`, Ctrl-C asks the run to stop (the optimising leveling then prints
/// the best schedule it has) instead of killing the process.
fn watch(unit: &'static str, stop_on_ctrl_c: bool) -> planix::Watch {
    use std::io::IsTerminal;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = Arc::new(AtomicBool::new(false));
    if stop_on_ctrl_c {
        let s = stop.clone();
        // If a handler cannot be installed, Ctrl-C keeps its default (exit).
        let _ = ctrlc::set_handler(move || s.store(true, Ordering::Relaxed));
    }
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} ({eta} left)")
        {
            b.set_style(style);
        }
        b.set_message(unit);
        b
    });
    planix::Watch::new(move |done, total| {
        if let Some(b) = &bar {
            b.set_length(total);
            b.set_position(done);
            if done >= total {
                b.finish_and_clear();
            }
        }
        let stopping = stop.load(Ordering::Relaxed);
        if stopping {
            if let Some(b) = &bar {
                b.abandon_with_message("stopped: keeping the best so far");
            }
        }
        !stopping
    })
}

/// Whether a file is MS Project XML: by its `.xml` extension, or by content that
/// starts with `<` (after a byte-order mark).
fn is_mspdi(file: &std::path::Path, bytes: &[u8]) -> bool {
    file.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("xml"))
        || planix::io::mspdi::looks_like_xml(bytes)
}

/// Reads a planix JSON or MS Project XML project; errors name the file.
fn load(file: &std::path::Path) -> Result<planix::Project, String> {
    load_any(file).map(|(p, _)| p)
}

/// [`load`], and whether the file was MS Project XML.
fn load_any(file: &std::path::Path) -> Result<(planix::Project, bool), String> {
    use std::io::IsTerminal;
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    // A large file takes seconds to parse and check: say so on a terminal.
    let spinner = (bytes.len() > LARGE_FILE && std::io::stderr().is_terminal()).then(|| {
        let s = indicatif::ProgressBar::new_spinner();
        s.set_message(format!(
            "loading {} ({} MB)",
            file.display(),
            bytes.len() >> 20
        ));
        s.enable_steady_tick(std::time::Duration::from_millis(120));
        s
    });
    let xml = is_mspdi(file, &bytes);
    let p = if xml {
        planix::io::mspdi::from_mspdi_bytes(&bytes)
    } else {
        match std::str::from_utf8(&bytes) {
            Ok(text) => planix::io::from_json(text),
            Err(e) => Err(planix::io::IoError::Json {
                line: 1 + bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|c| **c == b'\n')
                    .count(),
                column: 1,
                message: "the file is not UTF-8 text".into(),
            }),
        }
    }
    .map_err(|e| format!("{}: {e}", file.display()));
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    p.map(|p| (p, xml))
}

/// Files larger than this (bytes) show a spinner while they load.
const LARGE_FILE: usize = 16 << 20;

/// Reads a risk register (JSON, or CSV dated on the project's start day); errors name
/// the file.
fn load_register(
    file: &std::path::Path,
    project: &planix::Project,
) -> Result<planix::risk::RiskRegister, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let csv = file
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("csv"));
    let reg = if csv {
        let (planix::ScheduleFrom::Start(day) | planix::ScheduleFrom::Finish(day)) =
            project.schedule_from();
        planix::risk::RiskRegister::from_csv(&text, day.date())
    } else {
        planix::risk::RiskRegister::from_json(&text)
    };
    reg.map_err(|e| format!("{}: {e}", file.display()))
}

/// What a command prints: bytes made in memory, or a schedule streamed as JSON (a
/// million-task schedule is never held as text).
enum Output {
    Bytes(Vec<u8>),
    Schedule(Box<planix::Schedule>),
}

impl Output {
    fn write(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        match self {
            Output::Bytes(b) => w.write_all(b),
            Output::Schedule(s) => planix::io::ToJson::write_json(s.as_ref(), &mut *w),
        }?;
        w.flush()
    }
}

/// A schedule in the chosen format.
fn schedule_output(
    project: &planix::Project,
    schedule: planix::Schedule,
    format: Format,
) -> Output {
    match format {
        Format::Json => Output::Schedule(Box::new(schedule)),
        Format::Table => Output::Bytes(planix::io::schedule_table(project, &schedule).into_bytes()),
    }
}

/// Runs a command: what it prints (text, a PNG image, or a streamed schedule).
fn run(cli: Cli) -> Result<Output, String> {
    match cli.command {
        Command::Reschedule {
            file,
            rules,
            format,
        } => {
            let (project, xml) = load_any(&file)?;
            let opts = match rules {
                Some(Rules::MsProject) => planix::control::RescheduleOptions::ms_project(),
                Some(Rules::Planix) => planix::control::RescheduleOptions::default(),
                // An MSPDI file's own calculation options; planix's rules for JSON.
                None if xml => planix::io::mspdi::reschedule_options(&project),
                None => planix::control::RescheduleOptions::default(),
            };
            let schedule = planix::control::reschedule_with(&project, &opts)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            Ok(schedule_output(&project, schedule, format))
        }
        Command::Schedule { file, format } => {
            let project = load(&file)?;
            let schedule = project
                .schedule()
                .map_err(|e| format!("{}: {e}", file.display()))?;
            Ok(schedule_output(&project, schedule, format))
        }
        Command::Render {
            file,
            chart,
            risks,
            scale,
        } => {
            let project = load(&file)?;
            let register = match &risks {
                None => None,
                Some(path) => Some(load_register(path, &project)?),
            };
            let Some(kind) = planix::render::Chart::from_name(&chart) else {
                return Err(format!("unknown chart {chart:?}"));
            };
            let svg = planix::render::chart(&project, kind, register.as_ref())
                .map_err(|e| format!("{}: {e}", file.display()))?;
            let png = cli
                .out_file
                .as_ref()
                .and_then(|o| o.extension())
                .is_some_and(|x| x.eq_ignore_ascii_case("png"));
            if png {
                planix::render::png(&svg, &planix::render::PngOptions { scale })
                    .map(Output::Bytes)
                    .map_err(|e| format!("{}: {e}", file.display()))
            } else {
                Ok(Output::Bytes(svg.into_bytes()))
            }
        }
        command => run_text(command).map(|t| Output::Bytes(t.into_bytes())),
    }
}

fn run_text(command: Command) -> Result<String, String> {
    match command {
        Command::Render { .. } => Err("render writes bytes".into()),
        Command::Gantt {
            file,
            width,
            max_level,
            critical_only,
        } => {
            let project = load(&file)?;
            let schedule = planix::render::chart_schedule(&project)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            let o = planix::render::TextGanttOptions {
                width,
                max_level,
                critical_only,
                ..Default::default()
            };
            planix::render::text_gantt(&project, &schedule, &o)
                .map_err(|e| format!("{}: {e}", file.display()))
        }
        Command::Convert {
            input,
            output,
            start,
        } => {
            let csv_in = input
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("csv"));
            let project = if csv_in {
                let Some(start) = start else {
                    return Err(format!(
                        "{}: reading a CSV plan needs --start (the project start, e.g. 2027-03-01T08:00)",
                        input.display()
                    ));
                };
                let read = |p: &std::path::Path| std::fs::read_to_string(p).ok();
                let tasks = std::fs::read_to_string(&input)
                    .map_err(|e| format!("cannot read {}: {e}", input.display()))?;
                let resources = read(&sibling(&input, "resources"));
                let assignments = read(&sibling(&input, "assignments"));
                let name = input
                    .file_stem()
                    .map_or("Project".into(), |s| s.to_string_lossy().into_owned());
                planix::io::from_csv(
                    &name,
                    start,
                    &tasks,
                    resources.as_deref(),
                    assignments.as_deref(),
                )
                .map_err(|e| format!("{}: {e}", input.display()))?
            } else {
                load(&input)?
            };
            let ext = output
                .extension()
                .map(|x| x.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let Some(format) = planix::io::ExportFormat::from_extension(&ext) else {
                return Err(format!(
                    "{}: cannot write .{ext} files; the formats are .json (planix), .xml (MS Project XML), .csv (tables), .mmd (Mermaid), .puml (PlantUML) and .ics (iCalendar)",
                    output.display()
                ));
            };
            let write = |path: &std::path::Path, text: &str| {
                std::fs::write(path, text)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))
            };
            if format == planix::io::ExportFormat::Csv {
                let t = planix::io::csv_tables(&project)
                    .map_err(|e| format!("{}: {e}", input.display()))?;
                write(&output, &t.tasks)?;
                if project.resources().len() > 0 {
                    write(&sibling(&output, "resources"), &t.resources)?;
                }
                if project.assignments().len() > 0 {
                    write(&sibling(&output, "assignments"), &t.assignments)?;
                }
            } else {
                let text = planix::io::export(&project, format)
                    .map_err(|e| format!("{}: {e}", input.display()))?;
                write(&output, &text)?;
            }
            Ok(String::new())
        }
        Command::Reschedule { .. } | Command::Schedule { .. } => {
            Err("schedules are written by run".into())
        }
        Command::Simulate {
            file,
            iterations,
            seed,
            no_sensitivity,
        } => {
            let project = load(&file)?;
            let mut opts = planix::simulate::SimulationOptions::new(iterations, seed);
            opts.sensitivity = !no_sensitivity;
            opts.watch = Some(watch("iterations", false));
            let report = planix::simulate::simulate(&project, &opts)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            Ok(planix::io::ToJson::to_json(&report))
        }
        Command::Portfolio {
            file,
            level,
            output,
            simulate,
            resource_constrained,
            seed,
            format,
        } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let at = |e: planix::portfolio::PortfolioError| format!("{}: {e}", file.display());
            let mut pf = planix::portfolio::Portfolio::from_json(&text).map_err(at)?;
            if let Some(iterations) = simulate {
                let mut o = planix::simulate::SimulationOptions::new(iterations, seed);
                o.resource_constrained = resource_constrained;
                let r = pf.simulate(&o).map_err(at)?;
                return Ok(planix::io::ToJson::to_json(&r));
            }
            if level {
                let l = pf
                    .level(&planix::resources::LevelOptions::default())
                    .map_err(at)?;
                pf.apply_leveling(&l).map_err(at)?;
            }
            if let Some(out) = output {
                std::fs::write(&out, pf.to_json())
                    .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            }
            let r = pf.rollup().map_err(at)?;
            Ok(match format {
                Format::Json => r.to_json(),
                Format::Table => r.table(),
            })
        }
        Command::Level {
            file,
            mode,
            max_schedules,
            time_limit,
            seed,
            within_float,
        } => {
            let project = load(&file)?;
            let opts = planix::resources::LevelOptions {
                mode: match mode {
                    Mode::Fast => planix::resources::LevelMode::Fast,
                    Mode::Optimize => planix::resources::LevelMode::Optimize,
                },
                max_schedules,
                time_limit,
                seed,
                within_float,
                watch: (matches!(mode, Mode::Optimize)).then(|| watch("schedules", true)),
            };
            let leveled = planix::resources::level(&project, &opts)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            Ok(planix::io::ToJson::to_json(&leveled))
        }
        Command::Risks {
            file,
            register,
            iterations,
            seed,
            confidence,
            format,
        } => {
            let project = load(&file)?;
            let reg = load_register(&register, &project)?;
            let opts = planix::simulate::SimulationOptions::new(iterations, seed);
            let f = reg
                .forecast(&project, &opts, confidence)
                .map_err(|e| format!("{}: {e}", register.display()))?;
            match format {
                Format::Json => Ok(planix::io::ToJson::to_json(&f)),
                Format::Table => Ok(planix::risk::forecast_table(&reg, &f)),
            }
        }
        Command::Evm {
            file,
            baseline,
            physical,
        } => {
            let project = load(&file)?;
            let method = if physical {
                planix::control::EvMethod::Physical
            } else {
                planix::control::EvMethod::PercentComplete
            };
            let r = planix::control::earned_value(&project, baseline, method)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            Ok(planix::io::ToJson::to_json(&r))
        }
        Command::Dcma {
            file,
            baseline,
            format,
        } => {
            let project = load(&file)?;
            let r = planix::control::dcma(&project, baseline)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            match format {
                Format::Json => Ok(planix::io::ToJson::to_json(&r)),
                Format::Table => Ok(planix::control::dcma_table(&r)),
            }
        }
        Command::Board {
            file,
            burndown,
            svg,
            cfd,
            format,
        } => {
            let board = load_board(&file)?;
            let at = |e: planix::agile::AgileError| format!("{}: {e}", file.display());
            let chart = |e: planix::render::RenderError| format!("{}: {e}", file.display());
            if let Some(range) = cfd {
                let c = board.cfd(range[0], range[1]).map_err(at)?;
                return planix::render::cfd(&c, &Default::default()).map_err(chart);
            }
            match (burndown, format) {
                (Some(s), _) if svg => {
                    let b = board.burndown(&s, None, None).map_err(at)?;
                    planix::render::burndown(&b, &Default::default()).map_err(chart)
                }
                (Some(s), Format::Table) => Ok(board.burndown(&s, None, None).map_err(at)?.table()),
                (Some(s), Format::Json) => {
                    let b = board.burndown(&s, None, None).map_err(at)?;
                    Ok(serde_json::to_string_pretty(&b).map_err(|e| e.to_string())? + "\n")
                }
                (None, Format::Table) => Ok(board.text()),
                (None, Format::Json) => Ok(board.to_json()),
            }
        }
        Command::Forecast {
            history,
            board,
            since,
            items,
            until,
            start,
            sprint_days,
            calendar,
            trials,
            seed,
            format,
        } => {
            use planix::agile::{Cadence, TeamHistory, ThroughputOptions};
            let cal = match &calendar {
                Some(f) => load(f)?.project_calendar().clone(),
                None => planix::Calendar::standard(),
            };
            let samples = match (&board, since) {
                (Some(f), Some(since)) => {
                    let b = load_board(f)?;
                    let end = start.pred_opt().unwrap_or(start);
                    b.daily_throughput(since, end, &cal)
                        .map_err(|e| format!("{}: {e}", f.display()))?
                }
                (Some(_), None) => {
                    return Err("--board needs --since (the history's first day)".into());
                }
                (None, _) if history.is_empty() => {
                    return Err("give --history 3,0,5,… or --board FILE --since DAY".into());
                }
                (None, _) => history,
            };
            let h = [TeamHistory::new("", samples)];
            let o = ThroughputOptions {
                trials,
                seed,
                cadence: sprint_days.map_or(Cadence::WorkingDay, |days| Cadence::Sprint { days }),
            };
            let fail = |e: planix::agile::AgileError| e.to_string();
            match (items, until) {
                (Some(n), None) => {
                    let f = planix::agile::forecast_when(&h, n, start, &cal, &o).map_err(fail)?;
                    Ok(match format {
                        Format::Table => format!("{f}\n"),
                        Format::Json => {
                            serde_json::to_string_pretty(&f).map_err(|e| e.to_string())? + "\n"
                        }
                    })
                }
                (None, Some(end)) => {
                    let f =
                        planix::agile::forecast_how_many(&h, start, end, &cal, &o).map_err(fail)?;
                    Ok(match format {
                        Format::Table => format!("{f}\n"),
                        Format::Json => {
                            serde_json::to_string_pretty(&f).map_err(|e| e.to_string())? + "\n"
                        }
                    })
                }
                _ => Err("give either --items N (when) or --until DAY (how many)".into()),
            }
        }
        Command::Status {
            file,
            engagement,
            risks,
            baseline,
            iterations,
            seed,
        } => {
            let project = load(&file)?;
            let e = match &engagement {
                None => None,
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                    Some(
                        planix::client::Engagement::from_json(&text)
                            .map_err(|e| format!("{}: {e}", path.display()))?,
                    )
                }
            };
            let r = match &risks {
                None => None,
                Some(path) => Some(load_register(path, &project)?),
            };
            let o = planix::io::StatusOptions {
                baseline,
                iterations,
                seed,
            };
            planix::io::status_report(&project, e.as_ref(), r.as_ref(), &o)
                .map_err(|e| format!("{}: {e}", file.display()))
        }
    }
}

/// Reads a planix-board document; errors name the file.
fn load_board(file: &std::path::Path) -> Result<planix::agile::Board, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    planix::agile::Board::from_json(&text).map_err(|e| format!("{}: {e}", file.display()))
}

/// `plan.csv` → `plan.resources.csv`.
fn sibling(path: &std::path::Path, table: &str) -> std::path::PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.{table}.csv"))
}

fn parse_start(s: &str) -> Result<chrono::NaiveDateTime, String> {
    planix::io::parse_datetime(s)
}

/// Where work moves around the status date when rescheduling.
#[derive(Clone, Copy, ValueEnum)]
enum Rules {
    /// MS Project's defaults: nothing moves to the status date.
    MsProject,
    /// planix's: remaining work and unstarted tasks from the status date.
    Planix,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let output = cli.out_file.clone();
    match run(cli) {
        Ok(out) => {
            if let Some(path) = output {
                let written = std::fs::File::create(&path)
                    .and_then(|f| out.write(&mut std::io::BufWriter::new(f)));
                if let Err(e) = written {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return ExitCode::from(1);
                }
            } else if out
                .write(&mut std::io::BufWriter::new(std::io::stdout().lock()))
                .is_err()
            {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
