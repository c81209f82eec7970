//! What each subcommand does, once its arguments are parsed and in range.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use raft_sim::{
    random_scenario, run_seed, FuzzFailure, FuzzSettings, OpenLink, Report, Scenario, ScenarioExt, ShareLink,
    MAX_SCENARIO_FILE_BYTES, RECOVERY_MS,
};
use serde::Serialize;

/// The longest link `decode` reads: any link a scenario of the largest size makes, and more.
const LONGEST_LINK: u64 = 4 * 1024 * 1024;

/// Reads and checks a scenario file; one larger than a scenario may be is refused unread.
fn read_scenario(file: &Path) -> Result<Scenario, String> {
    let name = file.display();
    let size = std::fs::metadata(file).map_err(|e| format!("cannot read {name}: {e}"))?.len();
    if size > MAX_SCENARIO_FILE_BYTES as u64 {
        let limit = MAX_SCENARIO_FILE_BYTES / 1024;
        return Err(format!("{name}: a scenario file has at most {limit} KB, not {} KB", size.div_ceil(1024)));
    }
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {name}: {e}"))?;
    Scenario::from_json(&text).map_err(|e| {
        // A lesson file (README: Lesson files) holds its first run under "scenario".
        let lesson = serde_json::from_str::<serde_json::Value>(&text)
            .is_ok_and(|value| value.get("steps").is_some() && value.get("scenario").is_some());
        if lesson {
            format!("{name}: a lesson file, not a scenario file: its first run is the lesson's \"scenario\" object")
        } else {
            format!("{name}: {e}")
        }
    })
}

/// `raftsim run`.
pub fn run(file: &Path, until: Option<u64>, trace: Option<&Path>) -> Result<ExitCode, String> {
    let scenario = read_scenario(file)?;
    if let Some(trace) = trace.filter(|trace| same_file(trace, file)) {
        return Err(format!(
            "--trace {}: that is the scenario file itself, which the trace would replace",
            trace.display()
        ));
    }
    let until = until.or(scenario.until_ms).unwrap_or(5_000);
    let late: Vec<u64> = scenario.actions.iter().map(|action| action.at_ms).filter(|&at| at > until).collect();
    if let Some(first) = late.first() {
        let (count, plural) = (late.len(), if late.len() == 1 { "" } else { "s" });
        eprintln!(
            "raftsim: {count} action{plural} after the run's end at {until} ms did not run (the first at {first} ms)"
        );
    }
    let mut sim = scenario.build(trace.is_some()).map_err(|e| format!("{}: {e}", file.display()))?;
    sim.run_until(until);
    if let Some(path) = trace {
        let failed = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(failed)?);
        for event in sim.trace().events().unwrap_or_default() {
            writeln!(out, "{}", event.to_json()).map_err(failed)?;
        }
        out.flush().map_err(failed)?;
    }
    let report = Report::of(&sim);
    print(&serde_json::to_string(&report).expect("reports serialise"))?;
    Ok(if report.violations.is_empty() && report.linearizable { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

#[derive(Serialize)]
struct FuzzSummary {
    runs: u64,
    events: u64,
    /// Safety violations seen, all runs together (a run can break several properties).
    violations: u64,
    /// Runs that broke at least one safety property.
    runs_with_violations: u64,
    /// Runs whose clients saw a history that is not linearizable.
    not_linearizable: u64,
    liveness_failures: u64,
    wall_ms: u128,
    simulated_ms_per_run: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<FuzzFailure>,
    /// The failing run's scenario file.
    #[serde(skip_serializing_if = "Option::is_none")]
    reproducer: Option<Scenario>,
}

/// `raftsim fuzz`.
pub fn fuzz(
    seeds: u64,
    start: u64,
    nodes: u32,
    duration_ms: Option<u64>,
    options: Option<&str>,
) -> Result<ExitCode, String> {
    // The seeds run are start to start + seeds - 1: the last seed itself can be run.
    let Some(last) = seeds.checked_sub(1).and_then(|more| start.checked_add(more)) else {
        return Err(format!("--start {start} with --seeds {seeds} runs past the last seed, {}", u64::MAX));
    };
    let duration_ms = duration_ms.unwrap_or(FuzzSettings::default().duration_ms);
    let mut settings = FuzzSettings { nodes, duration_ms, ..FuzzSettings::default() };
    if let Some(options) = options {
        let typed = crate::check::options_typed(options)?;
        if typed.scheduler != raft_sim::Scheduler::Timed {
            return Err("--options: fuzzing runs on the clock: \"scheduler\": \"manual\" would run no event (use raftsim check to choose events)".into());
        }
        settings = settings.with_options(options).map_err(|e| format!("--options: {e}"))?;
    }
    let started = Instant::now();
    let mut summary = FuzzSummary {
        runs: 0,
        events: 0,
        violations: 0,
        runs_with_violations: 0,
        not_linearizable: 0,
        liveness_failures: 0,
        wall_ms: 0,
        simulated_ms_per_run: duration_ms + RECOVERY_MS,
        failure: None,
        reproducer: None,
    };
    for seed in start..=last {
        let (sim, failure) = run_seed(seed, &settings);
        summary.runs += 1;
        summary.events += sim.events_processed();
        summary.violations += sim.violations().len() as u64;
        summary.runs_with_violations += u64::from(!sim.violations().is_empty());
        let linearizable = matches!(sim.linearizability(), raft_sim::Linearizability::Linearizable { .. });
        summary.not_linearizable += u64::from(!linearizable);
        if let Some(failure) = failure {
            if sim.violations().is_empty() && linearizable {
                summary.liveness_failures += 1;
            }
            if summary.failure.is_none() {
                summary.reproducer = Some(random_scenario(seed, &settings));
                summary.failure = Some(failure);
            }
        }
    }
    summary.wall_ms = started.elapsed().as_millis();
    print(&serde_json::to_string_pretty(&summary).expect("summaries serialise"))?;
    Ok(if summary.failure.is_none() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `raftsim url`: the link's fragment, or the whole URL with `base`.
pub fn url(file: &Path, at: Option<u64>, base: Option<&str>) -> Result<ExitCode, String> {
    let scenario = read_scenario(file)?;
    let time_ms = at.or(scenario.until_ms).unwrap_or(0);
    let link = ShareLink { scenario, time_ms };
    let fragment = link.fragment().map_err(|e| format!("{}: {e}", file.display()))?;
    // The page refuses a link it cannot replay within its budget: so does this command.
    link.open().map_err(|e| format!("{}: {e}", file.display()))?;
    let base = base.unwrap_or("");
    print(&format!("{}#{fragment}", base.split('#').next().unwrap_or(base)))?;
    Ok(ExitCode::SUCCESS)
}

/// `raftsim decode`: the link given, or read from a file or standard input (`-`).
pub fn decode(source: &str) -> Result<ExitCode, String> {
    let (text, read_from) = if source == "-" {
        let text =
            std::io::read_to_string(std::io::stdin().take(LONGEST_LINK)).map_err(|e| format!("standard input: {e}"))?;
        (text, Some("standard input".to_owned()))
    } else if Path::new(source).is_file() {
        let file = std::fs::File::open(source).map_err(|e| format!("cannot read {source}: {e}"))?;
        let text =
            std::io::read_to_string(file.take(LONGEST_LINK)).map_err(|e| format!("cannot read {source}: {e}"))?;
        (text, Some(source.to_owned()))
    } else {
        (source.to_owned(), None)
    };
    let link = ShareLink::parse(&text).map_err(|e| match &read_from {
        Some(origin) if text.trim().is_empty() => format!("{origin}: empty, where a link was expected"),
        Some(origin) => format!("{origin}: {e}"),
        // Neither a file that exists nor anything like a link: most likely a mistyped file name.
        None if source.is_empty() => "no link given (an empty argument)".to_owned(),
        None if !source.contains("s=") && !source.contains('#') => {
            format!("{source}: no such file, and not a link (it holds no \"s=\" part)")
        }
        None => e.to_string(),
    })?;
    print(&link.to_scenario_file().to_json_pretty())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` and a line break to standard output. A reader that stopped reading (`| head`)
/// ends the output quietly, as for any Unix tool; any other failure to write is an error.
/// Characters that reorder or hide a terminal's text (bidirectional controls, zero-width
/// marks), which a scenario's title may hold, are written as JSON escapes (`\u202e`): every
/// output is JSON or a link, where they can only stand inside strings.
pub fn print(text: &str) -> Result<(), String> {
    let invisible = |c: char| matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let text: std::borrow::Cow<str> = if text.contains(invisible) {
        text.chars().map(|c| if invisible(c) { format!("\\u{:04x}", u32::from(c)) } else { c.to_string() }).collect()
    } else {
        text.into()
    };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write the output: {e}")),
        _ => Ok(()),
    }
}

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}
