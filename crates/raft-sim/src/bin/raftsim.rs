//! `raftsim`: run scenario files and fuzz random fault schedules from the command line.
//!
//! ```text
//! raftsim run FILE [--until MS] [--trace OUT.jsonl]
//! raftsim fuzz --seeds N [--start S] [--nodes K] [--duration-ms D]
//! raftsim url FILE [--at MS] [--base URL]
//! raftsim decode LINK|FILE|-
//! ```
//! Exit status: 0 success, 1 a safety violation or fuzz failure, 2 bad usage or a bad file.
//! The wall-clock time in the fuzz summary is measured here for the report only; the
//! simulation itself never reads a clock.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use raft_sim::{
    random_scenario, run_seed, FuzzSettings, OpenLink, Report, Scenario, ScenarioExt, ShareLink, MAX_SCENARIO_TIME_MS,
};
use serde::Serialize;

const USAGE: &str = "usage:
  raftsim run FILE [--until MS] [--trace OUT.jsonl]
  raftsim fuzz --seeds N [--start S] [--nodes K] [--duration-ms D]
  raftsim url FILE [--at MS] [--base URL]
  raftsim decode LINK|FILE|-   (a link, a file holding one, or - for standard input)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("fuzz") => fuzz(&args[1..]),
        Some("url") => url(&args[1..]),
        Some("decode") => decode(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("unknown or missing command\n{USAGE}")),
    };
    result.unwrap_or_else(|message| {
        eprintln!("raftsim: {message}");
        ExitCode::from(2)
    })
}

/// Options after the positional arguments: `--name value` pairs.
struct Flags<'a>(&'a [String]);

impl Flags<'_> {
    /// The value after `--name`, if the flag is given; a flag without its value is an error.
    fn get(&self, name: &str) -> Result<Option<&str>, String> {
        let Some(i) = self.0.iter().position(|a| a == name) else { return Ok(None) };
        match self.0.get(i + 1).filter(|value| !value.starts_with("--")) {
            Some(value) => Ok(Some(value)),
            None => Err(format!("{name} needs a value\n{USAGE}")),
        }
    }

    /// A whole number after `--name`, at most `max`.
    fn number(&self, name: &str, max: u64) -> Result<Option<u64>, String> {
        let Some(text) = self.get(name)? else { return Ok(None) };
        match text.parse::<u64>() {
            Ok(number) if number <= max => Ok(Some(number)),
            Ok(number) => Err(format!("{name}: at most {max}, not {number}")),
            Err(_) => Err(format!("{name}: expected a whole number, not {}", raft_sim::quoted(text))),
        }
    }

    fn check_known(&self, known: &[&str]) -> Result<(), String> {
        for flag in self.0.iter().filter(|a| a.starts_with("--")) {
            if !known.contains(&flag.as_str()) {
                return Err(format!("unknown option {flag}\n{USAGE}"));
            }
        }
        Ok(())
    }
}

/// The first argument, which must not be a flag: what `command` works on.
fn positional<'a>(args: &'a [String], command: &str, what: &str) -> Result<&'a str, String> {
    args.first()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .ok_or_else(|| format!("{command} needs a {what}\n{USAGE}"))
}

/// The longest link `decode` reads: any link a scenario of the largest size makes, and more.
const LONGEST_LINK: u64 = 4 * 1024 * 1024;

/// Reads and checks a scenario file; one larger than a scenario may be is refused unread.
fn read_scenario(file: &str) -> Result<Scenario, String> {
    let size = std::fs::metadata(file).map_err(|e| format!("cannot read {file}: {e}"))?.len();
    if size > raft_sim::MAX_SCENARIO_FILE_BYTES as u64 {
        let limit = raft_sim::MAX_SCENARIO_FILE_BYTES / 1024;
        return Err(format!("{file}: a scenario file has at most {limit} KB, not {} KB", size.div_ceil(1024)));
    }
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    Scenario::from_json(&text).map_err(|e| format!("{file}: {e}"))
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let file = positional(args, "run", "FILE")?;
    let flags = Flags(&args[1..]);
    flags.check_known(&["--until", "--trace"])?;
    let scenario = read_scenario(file)?;
    let until = flags.number("--until", MAX_SCENARIO_TIME_MS)?.or(scenario.until_ms).unwrap_or(5_000);
    let trace_path = flags.get("--trace")?;
    let mut sim = scenario.build(trace_path.is_some()).map_err(|e| format!("{file}: {e}"))?;
    sim.run_until(until);
    if let Some(path) = trace_path {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?);
        for event in sim.trace().events().unwrap_or_default() {
            writeln!(out, "{}", event.to_json()).map_err(|e| format!("{path}: {e}"))?;
        }
        out.flush().map_err(|e| format!("{path}: {e}"))?;
    }
    let report = Report::of(&sim);
    println!("{}", serde_json::to_string(&report).expect("reports serialise"));
    Ok(if report.violations.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

#[derive(Serialize)]
struct FuzzSummary {
    runs: u64,
    events: u64,
    violations: u64,
    liveness_failures: u64,
    wall_ms: u128,
    simulated_ms_per_run: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<raft_sim::FuzzFailure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The failing run's scenario file, as JSON.
    reproducer: Option<raft_sim::Scenario>,
}

fn fuzz(args: &[String]) -> Result<ExitCode, String> {
    let flags = Flags(args);
    flags.check_known(&["--seeds", "--start", "--nodes", "--duration-ms"])?;
    let seeds = flags.number("--seeds", u64::MAX)?.ok_or_else(|| format!("fuzz needs --seeds N\n{USAGE}"))?;
    let start = flags.number("--start", u64::MAX)?.unwrap_or(0);
    if start.checked_add(seeds).is_none() {
        return Err(format!("--start {start} with --seeds {seeds} runs past the last seed, {}", u64::MAX));
    }
    let nodes = flags.number("--nodes", u64::from(raft_sim::MAX_NODES))?.unwrap_or(5);
    let nodes = u32::try_from(nodes)
        .ok()
        .filter(|&n| n >= 1)
        .ok_or_else(|| format!("--nodes: 1 to {}", raft_sim::MAX_NODES))?;
    // The run, its recovery and its check end within the hour a scenario may last.
    let longest = MAX_SCENARIO_TIME_MS - raft_sim::RECOVERY_MS;
    let duration_ms = flags.number("--duration-ms", longest)?.unwrap_or(FuzzSettings::default().duration_ms);
    let settings = FuzzSettings { nodes, duration_ms };

    let started = Instant::now();
    let mut summary = FuzzSummary {
        runs: 0,
        events: 0,
        violations: 0,
        liveness_failures: 0,
        wall_ms: 0,
        simulated_ms_per_run: duration_ms + raft_sim::RECOVERY_MS,
        failure: None,
        reproducer: None,
    };
    for seed in start..start + seeds {
        let (sim, failure) = run_seed(seed, settings);
        summary.runs += 1;
        summary.events += sim.events_processed();
        summary.violations += sim.violations().len() as u64;
        if let Some(failure) = failure {
            if sim.violations().is_empty() {
                summary.liveness_failures += 1;
            }
            if summary.failure.is_none() {
                summary.reproducer = Some(random_scenario(seed, settings));
                summary.failure = Some(failure);
            }
        }
    }
    summary.wall_ms = started.elapsed().as_millis();
    println!("{}", serde_json::to_string_pretty(&summary).expect("summaries serialise"));
    Ok(if summary.failure.is_none() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Prints the share link of a scenario file: its fragment, or the whole URL with `--base`.
fn url(args: &[String]) -> Result<ExitCode, String> {
    let file = positional(args, "url", "FILE")?;
    let flags = Flags(&args[1..]);
    flags.check_known(&["--at", "--base"])?;
    let scenario = read_scenario(file)?;
    let time_ms = flags.number("--at", raft_sim::MAX_LINK_TIME_MS)?.or(scenario.until_ms).unwrap_or(0);
    let link = ShareLink { scenario, time_ms };
    let fragment = link.fragment().map_err(|e| format!("{file}: {e}"))?;
    // The page refuses a link it cannot replay within its budget: so does this command.
    link.open().map_err(|e| format!("{file}: {e}"))?;
    let base = flags.get("--base")?.unwrap_or("");
    println!("{}#{fragment}", base.split('#').next().unwrap_or(base));
    Ok(ExitCode::SUCCESS)
}

/// Prints the scenario file a share link holds, with `until_ms` at the link's moment.
fn decode(args: &[String]) -> Result<ExitCode, String> {
    let source = positional(args, "decode", "LINK")?;
    Flags(&args[1..]).check_known(&[])?;
    // A command line carries at most about 128 KiB; longer links come from a file or stdin.
    let text = if source == "-" {
        std::io::read_to_string(std::io::stdin().take(LONGEST_LINK)).map_err(|e| format!("standard input: {e}"))?
    } else if std::path::Path::new(source).is_file() {
        let file = std::fs::File::open(source).map_err(|e| format!("cannot read {source}: {e}"))?;
        std::io::read_to_string(file.take(LONGEST_LINK)).map_err(|e| format!("cannot read {source}: {e}"))?
    } else {
        source.to_owned()
    };
    let link = ShareLink::parse(&text).map_err(|e| e.to_string())?;
    println!("{}", link.to_scenario_file().to_json_pretty());
    Ok(ExitCode::SUCCESS)
}
