//! Hostile and oversized input on the command line (issue 12): no scenario file, link or
//! flag can hang or exhaust `raftsim`. Each refusal names its limit, and comes at once.

mod cli_support;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use cli_support::{raftsim, write_temp};
use raft_sim::{History, LinkError, OpenLink as _, Scenario, ShareLink, MAX_REPLAY_EVENTS};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts `work` finishes within a second (a refusal, not a hang) and returns its result.
fn at_once<T>(what: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    assert!(started.elapsed() < Duration::from_secs(1), "{what} took {:?}", started.elapsed());
    result
}

const FREEZING: &str = r#"{"version":1,"seed":1,"nodes":1,"actions":[{"at_ms":0,"do":"crash","node":1},{"at_ms":18446744073709551615,"do":"restart","node":1}]}"#;

/// Nine servers heartbeating every millisecond: about 25,000 events per simulated second.
const BUSY: &str =
    r#"{"version":1,"seed":3,"nodes":9,"options":{"election_timeout_ms":[5,10],"heartbeat_ms":1,"latency_ms":[1,2]}}"#;

#[test]
fn an_action_after_the_hour_a_run_may_last_is_refused_by_name() {
    let error = Scenario::from_json(FREEZING).unwrap_err().to_string();
    assert!(error.starts_with("actions[1].at_ms: at most 3600000 (one simulated hour)"), "{error}");
    let file = write_temp("freezing.json", FREEZING);
    let output = at_once("run", || raftsim(&["run", &file]));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("actions[1].at_ms"), "{}", stderr(&output));
}

#[test]
fn run_until_beyond_the_hour_or_without_a_value_is_refused() {
    let file = write_temp("plain.json", r#"{"version":1,"seed":1}"#);
    let output = at_once("run --until max", || raftsim(&["run", &file, "--until", "18446744073709551615"]));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("for '--until <MS>': 18446744073709551615 is not in 0..=3600000"),
        "{}",
        stderr(&output)
    );
    let output = raftsim(&["run", &file, "--until"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("a value is required for '--until <MS>'"), "{}", stderr(&output));
    let output = raftsim(&["run", &file, "--until", "--trace", "x"]);
    assert!(stderr(&output).contains("a value is required for '--until <MS>'"), "{}", stderr(&output));
}

#[test]
fn fuzz_flags_out_of_range_are_refused() {
    let output = at_once("fuzz", || raftsim(&["fuzz", "--seeds", "1", "--duration-ms", "18446744073709551615"]));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("for '--duration-ms <D>'"), "{}", stderr(&output));
    let output = raftsim(&["fuzz", "--seeds", "10", "--start", "18446744073709551610"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("runs past the last seed"), "{}", stderr(&output));
}

#[test]
fn oversized_files_and_scenarios_are_refused_before_any_work() {
    // A file over the byte limit is refused unread, natively and by the reader the page uses.
    let huge =
        format!(r#"{{"version":1,"seed":1,"initial":{{"1":{{"term":1,"log":[{}1]}}}}}}"#, "1,".repeat(1_600_000));
    let error = at_once("from_json", || Scenario::from_json(&huge)).unwrap_err().to_string();
    assert_eq!(error, "a scenario file has at most 2048 KB, not 3126 KB");
    let file = write_temp("huge.json", &huge);
    let output = at_once("run huge", || raftsim(&["run", &file]));
    assert!(stderr(&output).contains("at most 2048 KB"), "{}", stderr(&output));
    // Under the byte limit, each count has its own.
    let long_log =
        format!(r#"{{"version":1,"seed":1,"initial":{{"1":{{"term":1,"log":[{}1]}}}}}}"#, "1,".repeat(10_000));
    let error = Scenario::from_json(&long_log).unwrap_err().to_string();
    assert_eq!(error, "initial.1.log: at most 10000 entries, not 10001");
    let actions = vec![r#"{"at_ms":0,"do":"heal"}"#; 10_001].join(",");
    let error = Scenario::from_json(&format!(r#"{{"version":1,"seed":1,"actions":[{actions}]}}"#)).unwrap_err();
    assert_eq!(error.to_string(), "actions: at most 10000 actions, not 10001");
    let title = "t".repeat(201);
    let error = Scenario::from_json(&format!(r#"{{"version":1,"seed":1,"title":"{title}"}}"#)).unwrap_err();
    assert_eq!(error.to_string(), "title: at most 200 characters, not 201");
    let error = Scenario::from_json(r#"{"version":1,"seed":1,"until_ms":3600001}"#).unwrap_err();
    assert!(error.to_string().starts_with("until_ms: at most 3600000"), "{error}");
}

#[test]
fn a_moment_that_could_not_be_opened_is_never_offered_as_a_link() {
    let mut history = History::new(Scenario::from_json(BUSY).unwrap()).unwrap();
    let mut time = 0;
    while history.within_replay_budget() {
        time += 10_000;
        history.advance_to(time);
    }
    assert!(history.sim().events_processed() > MAX_REPLAY_EVENTS);
    let link = ShareLink { scenario: history.scenario(), time_ms: history.now() };
    assert!(matches!(link.open(), Err(LinkError::TooBusy { .. })), "the page must not offer it either");
    let file = write_temp("busy.json", &history.scenario().to_json().to_string());
    let output = raftsim(&["url", &file, "--at", &history.now().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("too busy to replay"), "{}", stderr(&output));
}

#[test]
fn a_byte_order_mark_is_accepted_natively_as_in_the_page() {
    assert!(Scenario::from_json("\u{feff}{\"version\":1,\"seed\":1}").is_ok());
    let file = write_temp("bom.json", "\u{feff}{\"version\":1,\"seed\":1}");
    assert_eq!(raftsim(&["run", &file, "--until", "100"]).status.code(), Some(0));
}

#[test]
fn decode_reads_a_link_from_a_file_or_standard_input() {
    let link = ShareLink { scenario: Scenario::new(4), time_ms: 250 }.fragment().unwrap();
    let file = write_temp("link.txt", &format!("{link}\n"));
    let from_file = raftsim(&["decode", &file]);
    assert_eq!(from_file.status.code(), Some(0), "{}", stderr(&from_file));
    let mut child = Command::new(env!("CARGO_BIN_EXE_raftsim"))
        .args(["decode", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(link.as_bytes()).unwrap();
    let from_stdin = child.wait_with_output().unwrap();
    assert_eq!(from_stdin.stdout, from_file.stdout);
    let decoded: serde_json::Value = serde_json::from_slice(&from_file.stdout).unwrap();
    assert_eq!((decoded["seed"].as_u64(), decoded["until_ms"].as_u64()), (Some(4), Some(250)));
}
