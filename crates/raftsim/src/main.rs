//! `raftsim`: run scenario files, fuzz random fault schedules, and make and read share links
//! from the command line.
//!
//! ```text
//! raftsim run FILE [--until MS] [--trace OUT.jsonl]
//! raftsim fuzz --seeds N [--start S] [--nodes K] [--duration-ms D] [--options JSON]
//! raftsim url FILE [--at MS] [--base URL]
//! raftsim decode LINK|FILE|-
//! raftsim check [--nodes K | --from FILE [--at MS]] [--options JSON] [--depth D] [--max-states N] [--crashes C]
//!               [--writes W] [--drops P] [--duplicates U] [--strategy bfs|random] [--seed S]
//!               [--seconds S]
//! ```
//! Exit status: 0 success, 1 a safety violation or fuzz failure, 2 bad usage or a bad file.
//! The wall-clock time in the fuzz summary is measured here for the report only; the
//! simulation itself never reads a clock.

mod check;
mod commands;

/// mimalloc: the model checker clones a cluster for every event it tries, and allocation is
/// much of its time (BENCHMARKS.md, session 18).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use raft_sim::{MAX_LINK_TIME_MS, MAX_NODES, MAX_SCENARIO_TIME_MS, RECOVERY_MS};

/// Run Raft scenario files, fuzz fault schedules, make and read share links.
#[derive(Parser)]
#[command(name = "raftsim", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario file and print its report as JSON (exit 1 if a safety property broke or
    /// the clients saw a history that is not linearizable).
    Run {
        /// The scenario file.
        file: PathBuf,
        /// Stop at this simulated moment (default: the file's until_ms, else 5000).
        #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(..=MAX_SCENARIO_TIME_MS))]
        until: Option<u64>,
        /// Write every event to this file, one JSON object per line.
        #[arg(long, value_name = "OUT.jsonl")]
        trace: Option<PathBuf>,
    },
    /// Run random fault schedules and check safety and liveness (exit 1 on a failure).
    Fuzz {
        /// How many seeds to run (at least 1).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        seeds: u64,
        /// The first seed.
        #[arg(long, value_name = "S", default_value_t = 0)]
        start: u64,
        /// Servers per cluster.
        #[arg(long, value_name = "K", default_value_t = 5,
              value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_NODES)))]
        nodes: u32,
        /// Simulated milliseconds of faults per run (recovery comes after) [default: 10000].
        #[arg(long = "duration-ms", value_name = "D",
              value_parser = clap::value_parser!(u64).range(..=MAX_SCENARIO_TIME_MS - RECOVERY_MS))]
        duration_ms: Option<u64>,
        /// An options object, as in scenario files, applied to every schedule, e.g.
        /// '{"pre_vote": true, "check_quorum": true}' or '{"unsafe": {"commit_old_terms": true}}'.
        #[arg(long, value_name = "JSON")]
        options: Option<String>,
    },
    /// Print the share link of a scenario file (refused if the page could not open it).
    Url {
        /// The scenario file.
        file: PathBuf,
        /// The moment the link shows (default: the file's until_ms, else 0).
        #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(..=MAX_LINK_TIME_MS))]
        at: Option<u64>,
        /// The page's address, to print a whole URL instead of a fragment.
        #[arg(long, value_name = "URL")]
        base: Option<String>,
    },
    /// Explore every state manual scheduling reaches within the bounds, checking the safety
    /// properties in each; print one JSON report (exit 1 if a property broke: the report's
    /// scenario replays the shortest run found with `raftsim run`).
    Check(check::CheckArgs),
    /// Print the scenario file a share link holds, with until_ms at the link's moment.
    Decode {
        /// The link, a file holding it, or - for standard input (a command line carries at
        /// most about 128 KiB; longer links come from a file or standard input).
        link: String,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Run { file, until, trace } => commands::run(&file, until, trace.as_deref()),
        Command::Fuzz { seeds, start, nodes, duration_ms, options } => {
            commands::fuzz(seeds, start, nodes, duration_ms, options.as_deref())
        }
        Command::Url { file, at, base } => commands::url(&file, at, base.as_deref()),
        Command::Decode { link } => commands::decode(&link),
        Command::Check(args) => check::check(args),
    };
    result.unwrap_or_else(|message| {
        eprintln!("raftsim: {message}");
        ExitCode::from(2)
    })
}
