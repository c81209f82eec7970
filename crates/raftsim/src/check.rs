//! `raftsim check`: the model checker over the real core (`raft_sim::ModelChecker`), with the
//! time limit measured here, between rounds of exploration (the checker reads no clock).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use raft_sim::{CheckSettings, EventBounds, Goal, ModelChecker, Scenario, Strategy, MAX_NODES, MAX_SCENARIO_TIME_MS};
use serde::Serialize;

/// How many transitions the checker explores between two looks at the clock.
const ROUND: u64 = 20_000;

/// The report `raftsim check` prints.
#[derive(Serialize)]
struct CheckReport {
    states: u64,
    transitions: u64,
    depth: u32,
    /// Whether every state within the bounds was visited (breadth first only).
    complete: bool,
    seconds: f64,
    states_per_second: u64,
    violation: Option<ViolationReport>,
    /// With --goal: the shortest run found that reaches it.
    #[serde(skip_serializing_if = "Option::is_none")]
    reached: Option<ViolationReport>,
}

/// A counterexample: the property, its length, and the manual-mode scenario that replays it.
#[derive(Serialize)]
struct ViolationReport {
    property: &'static str,
    depth: usize,
    scenario: Scenario,
}

/// What `raftsim check` was asked.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Servers.
    #[arg(long, value_name = "K", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_NODES)))]
    nodes: u32,
    /// An options object, as in scenario files, e.g. '{"unsafe": {"commit_old_terms": true}}'
    /// (with --from, laid over the file's options).
    #[arg(long, value_name = "JSON")]
    options: Option<String>,
    /// Start from this scenario file's run, at --at, instead of a fresh cluster.
    #[arg(long, value_name = "FILE", conflicts_with = "nodes")]
    from: Option<PathBuf>,
    /// With --from: the moment to start at (default: the file's until_ms, else 0).
    #[arg(long, value_name = "MS", requires = "from",
          value_parser = clap::value_parser!(u64).range(..=MAX_SCENARIO_TIME_MS))]
    at: Option<u64>,
    /// The longest run tried, in events.
    #[arg(long, value_name = "D", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=1000))]
    depth: u32,
    /// Stop after this many distinct states.
    #[arg(long = "max-states", value_name = "N", default_value_t = 10_000_000,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_states: u64,
    /// Crashes along one run, at most.
    #[arg(long, value_name = "C", default_value_t = 1)]
    crashes: u32,
    /// Client writes along one run, at most (each sent to a leader).
    #[arg(long, value_name = "W", default_value_t = 1)]
    writes: u32,
    /// Messages dropped along one run, at most.
    #[arg(long, value_name = "P", default_value_t = 1)]
    drops: u32,
    /// Messages duplicated along one run, at most.
    #[arg(long, value_name = "U", default_value_t = 1)]
    duplicates: u32,
    /// Client reads (of key x, to any server) along one run, at most.
    #[arg(long, value_name = "R", default_value_t = 0)]
    reads: u32,
    /// Membership changes (add the next server id, or remove a server) along one run, at most.
    #[arg(long, value_name = "M", default_value_t = 0)]
    changes: u32,
    /// `bfs` (the shortest counterexample) or `random` (random walks, deeper).
    #[arg(long, value_name = "bfs|random", default_value = "bfs", value_parser = ["bfs", "random"])]
    strategy: String,
    /// The random walks' seed.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// What to look for: `violation` (a counterexample), or the shortest run to `leader` (a
    /// server becomes leader), `split_vote` (no candidate of a term can win), `two_leaders`
    /// (two lead at once), `step_down` (a leader stops leading), `log_mismatch` (a follower
    /// refuses AppendEntries by its log), `commit` (a leader commits), `acknowledged` (a
    /// client's write is answered ok), `overwrite` (an entry is replaced or removed).
    #[arg(long, value_name = "GOAL", default_value = "violation", value_parser = goal)]
    goal: Goal,
    /// Stop after this many seconds of wall-clock time (more than 0).
    #[arg(long, value_name = "S", default_value_t = 60.0, value_parser = positive_seconds)]
    seconds: f64,
}

/// A time limit: a finite number of seconds above 0.
fn positive_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds > 0.0 => Ok(seconds),
        _ => Err(format!("{text} is not a number of seconds above 0")),
    }
}

/// The goal named `name`.
fn goal(name: &str) -> Result<Goal, String> {
    Goal::try_from(name.to_owned())
}

/// `options` as the user typed it, read as an options object: its errors' line and column are
/// in what was typed (the checks that need a whole scenario come after, in a file made of it).
pub fn options_typed(options: &str) -> Result<raft_sim::ScenarioOptions, String> {
    let mut reader = serde_json::Deserializer::from_str(options);
    serde_path_to_error::deserialize(&mut reader).map_err(|e| match e.path().to_string().as_str() {
        "." => format!("--options: {}", e.inner()),
        path => format!("--options: {path}: {}", e.inner()),
    })
}

/// The scenario of `file`, with `options` (an options object) laid over its own.
fn from_file(file: &std::path::Path, options: Option<&str>) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let scenario = Scenario::from_json(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let Some(options) = options else { return Ok(scenario) };
    // Read as options first, for errors placed in what was typed; then as the object of the
    // fields given, laid over the file's.
    options_typed(options)?;
    let over: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(options).map_err(|e| format!("--options: {e}"))?;
    let mut value = serde_json::to_value(&scenario).map_err(|e| e.to_string())?;
    let mut merged = value["options"].as_object().cloned().unwrap_or_default();
    merged.extend(over);
    value["options"] = serde_json::Value::Object(merged);
    Scenario::from_json(&value.to_string()).map_err(|e| format!("--options: {e}"))
}

/// Runs the model checker and prints its report; exit 1 when it found a violation, or, with a
/// goal, when it did not reach it.
pub fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let start = match &args.from {
        Some(file) => {
            let scenario = from_file(file, args.options.as_deref())?;
            let at = args.at.or(scenario.until_ms).unwrap_or(0);
            CheckSettings::from_scenario(scenario, at)
        }
        None => {
            let json = args.options.as_deref().unwrap_or("{}");
            options_typed(json)?;
            let wrapped = format!(r#"{{"version":1,"seed":1,"nodes":{},"options":{json}}}"#, args.nodes);
            let options = Scenario::from_json(&wrapped).map_err(|e| format!("--options: {e}"))?.options;
            CheckSettings::new(args.nodes, options)
        }
    };
    let settings = CheckSettings {
        depth: args.depth,
        max_states: args.max_states,
        bounds: EventBounds {
            crashes: args.crashes,
            writes: args.writes,
            drops: args.drops,
            duplicates: args.duplicates,
            reads: args.reads,
            changes: args.changes,
        },
        strategy: if args.strategy == "random" { Strategy::Random { seed: args.seed } } else { Strategy::Bfs },
        goal: args.goal,
        ..start
    };
    let mut checker = ModelChecker::new(settings).map_err(|e| format!("--options: {e}"))?;
    let started = Instant::now();
    let mut complete = false;
    while started.elapsed().as_secs_f64() < args.seconds {
        if checker.run(ROUND) {
            complete = checker.violation().is_none() && args.strategy == "bfs";
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let found = checker.violation().map(|found| ViolationReport {
        property: found.property.key(),
        depth: found.actions.len(),
        scenario: checker.scenario_of(found),
    });
    let searched_breach = args.goal == Goal::Violation;
    let exit = if found.is_some() == searched_breach { ExitCode::from(1) } else { ExitCode::SUCCESS };
    let (violation, reached) = if searched_breach { (found, None) } else { (None, found) };
    let report = CheckReport {
        states: checker.states(),
        transitions: checker.transitions(),
        depth: checker.depth(),
        complete: complete && checker.states() < args.max_states,
        seconds: (seconds * 1000.0).round() / 1000.0,
        states_per_second: (checker.states() as f64 / seconds.max(1e-9)) as u64,
        violation,
        reached,
    };
    crate::commands::print(&serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?)?;
    Ok(exit)
}
