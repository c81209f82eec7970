//! The `raftsim` command line, run as a user runs it.

mod cli_support;

use std::process::Output;

use cli_support::{raftsim, write_temp};

#[test]
fn run_prints_a_report_and_writes_a_jsonl_trace() {
    let file = write_temp(
        "run.json",
        r#"{ "version": 1, "seed": 7, "actions": [ { "at_ms": 600, "do": "write", "node": 1, "command": "x=4" } ] }"#,
    );
    let trace = write_temp("trace.jsonl", "");
    let output = raftsim(&["run", &file, "--until", "2000", "--trace", &trace]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["time_ms"], 2000);
    assert_eq!(report["trace_hash"].as_str().unwrap().len(), 16);
    assert_eq!(report["nodes"].as_array().unwrap().len(), 5);
    assert_eq!(report["violations"], serde_json::json!([]));
    assert_eq!(report["clients"][0]["result"], "ok");
    assert_eq!(report["nodes"][0]["kv"]["x"], "4");
    let lines = std::fs::read_to_string(&trace).unwrap();
    let events: Vec<serde_json::Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(events.len() > 100, "a 2 s run has many events");
    for kind in ["role", "commit", "apply", "send", "deliver", "client_request", "client_response"] {
        assert!(events.iter().any(|e| e["type"] == kind), "trace has {kind} events");
    }
    assert!(events.iter().all(|e| e["t"].is_u64()));
}

#[test]
fn run_twice_prints_the_same_trace_hash() {
    let file = write_temp("twice.json", r#"{ "version": 1, "seed": 99, "options": { "loss": 0.2 } }"#);
    let hash = |out: Output| serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["trace_hash"].clone();
    assert_eq!(hash(raftsim(&["run", &file])), hash(raftsim(&["run", &file])));
}

#[test]
fn a_bad_file_exits_2_with_a_message_naming_the_problem() {
    let file = write_temp("bad.json", r#"{ "version": 1, "seed": 1, "nodes": 0 }"#);
    let output = raftsim(&["run", &file]);
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains(&format!("{file}: nodes: a cluster has 1 to 9 nodes, not 0")), "{said}");
    assert!(output.stdout.is_empty());
    assert_eq!(raftsim(&["run", "/no/such/file.json"]).status.code(), Some(2));
    assert_eq!(raftsim(&["explode"]).status.code(), Some(2));
    assert_eq!(raftsim(&["fuzz", "--seeds", "many"]).status.code(), Some(2));
}

#[test]
fn fuzz_prints_a_summary_and_passes_on_a_correct_raft() {
    let output = raftsim(&["fuzz", "--seeds", "20", "--start", "100", "--nodes", "3", "--duration-ms", "3000"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["runs"], 20);
    assert_eq!(summary["violations"], 0);
    assert_eq!(summary["runs_with_violations"], 0);
    assert_eq!(summary["liveness_failures"], 0);
    assert!(summary["events"].as_u64().unwrap() > 20 * 100);
    assert!(summary.get("reproducer").is_none());
}

#[test]
fn fuzz_runs_the_last_seed_and_refuses_what_it_cannot_run() {
    let last = u64::MAX.to_string();
    let output = raftsim(&["fuzz", "--seeds", "1", "--start", &last, "--nodes", "3", "--duration-ms", "1000"]);
    assert_ne!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["runs"], 1);
    let past = raftsim(&["fuzz", "--seeds", "2", "--start", &last]);
    assert_eq!(past.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&past.stderr).contains("runs past the last seed"));
    // Fuzzing runs on the clock: a manual scheduler would run nothing, and is refused.
    let manual = raftsim(&["fuzz", "--seeds", "1", "--options", r#"{"scheduler": "manual"}"#]);
    assert_eq!(manual.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&manual.stderr).contains("fuzzing runs on the clock"));
}

#[test]
fn check_refuses_a_depth_or_a_state_limit_of_zero() {
    for flag in ["--depth", "--max-states"] {
        let output = raftsim(&["check", flag, "0"]);
        assert_eq!(output.status.code(), Some(2), "{flag} 0");
        assert!(String::from_utf8_lossy(&output.stderr).contains("0 is not in"), "{flag} 0");
    }
    // A time limit that is not a number of seconds above 0 would explore nothing and report
    // success: refused too, as are no seeds to fuzz.
    for seconds in ["0", "-5", "nan", "inf", "soon"] {
        let output = raftsim(&["check", &format!("--seconds={seconds}")]);
        assert_eq!(output.status.code(), Some(2), "--seconds {seconds}");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(&format!("{seconds} is not a number of seconds above 0")), "{said}");
    }
    let none = raftsim(&["fuzz", "--seeds", "0"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("'0' for '--seeds <N>'"));
}

#[test]
fn decode_of_a_file_that_does_not_exist_says_so() {
    let output = raftsim(&["decode", "no-such-link-file.txt"]);
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("no-such-link-file.txt: no such file, and not a link"), "{said}");
    // A file that exists but is empty, and an empty argument, are said to be so.
    let empty = write_temp("empty-link.txt", "");
    let output = raftsim(&["decode", &empty]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("empty-link.txt: empty, where a link was expected"));
    let output = raftsim(&["decode", ""]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("no link given"));
}

#[test]
fn run_says_which_actions_came_after_the_end_and_names_a_lesson_file() {
    let file = write_temp(
        "late.json",
        r#"{ "version": 1, "seed": 1, "nodes": 3, "until_ms": 1000,
             "actions": [ { "at_ms": 1000, "do": "crash", "node": 1 }, { "at_ms": 6000, "do": "crash", "node": 2 },
                          { "at_ms": 7000, "do": "heal" } ] }"#,
    );
    let output = raftsim(&["run", &file]);
    assert_eq!(output.status.code(), Some(0));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("2 actions after the run's end at 1000 ms did not run (the first at 6000 ms)"), "{said}");
    let output = raftsim(&["run", &file, "--until", "8000"]);
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    // A trace written over the scenario file would lose it: refused, the file kept.
    let output = raftsim(&["run", &file, "--trace", &file]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("that is the scenario file itself"));
    assert!(std::fs::read_to_string(&file).unwrap().contains("\"until_ms\": 1000"));
    let lesson = concat!(env!("CARGO_MANIFEST_DIR"), "/../raft-web/lessons/election.json");
    let output = raftsim(&["run", lesson]);
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("a lesson file, not a scenario file"), "{said}");
}

#[test]
fn a_title_that_would_reorder_the_terminal_is_printed_escaped() {
    let file =
        write_temp("bidi.json", "{ \"version\": 1, \"seed\": 1, \"nodes\": 3, \"title\": \"abc\u{202e}fed\\u200b!\" }");
    let link = raftsim(&["url", &file]);
    let link = String::from_utf8(link.stdout).unwrap();
    let decoded = raftsim(&["decode", link.trim()]);
    let printed = String::from_utf8(decoded.stdout).unwrap();
    assert!(printed.contains(r#""title": "abc\u202efed\u200b!""#), "{printed}");
    let read: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(read["title"], "abc\u{202e}fed\u{200b}!", "still the same JSON");
}

/// A reader that stops reading (`raftsim fuzz … | head -1`) ends the output quietly: no panic,
/// and the command's own exit status.
#[cfg(unix)]
#[test]
fn a_reader_that_stops_reading_ends_the_output_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_raftsim"))
        .args(["fuzz", "--seeds", "3", "--nodes", "3", "--duration-ms", "1000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // closed before the summary is written
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn url_and_decode_carry_a_scenario_through_a_link() {
    let file = write_temp(
        "link.json",
        r#"{ "version": 1, "seed": 9, "nodes": 3, "title": "Crash <the> leader",
             "actions": [ { "at_ms": 700, "do": "crash", "node": 2 } ], "until_ms": 1200 }"#,
    );
    let output = raftsim(&["url", &file, "--base", "https://example.org/raft/"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let url = String::from_utf8(output.stdout).unwrap();
    assert!(url.starts_with("https://example.org/raft/#s=1.") && url.trim_end().ends_with("&t=1200"), "{url}");

    let output = raftsim(&["decode", url.trim()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let decoded: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(decoded["title"], "Crash <the> leader");
    assert_eq!(decoded["until_ms"], 1200);
    assert_eq!(decoded["actions"][0]["node"], 2);

    // The decoded file replays to the same report as the original.
    let decoded_file = write_temp("decoded.json", &String::from_utf8_lossy(&output.stdout));
    let original = raftsim(&["run", &file]);
    let replayed = raftsim(&["run", &decoded_file]);
    assert_eq!(original.stdout, replayed.stdout);

    let at = raftsim(&["url", &file, "--at", "300"]);
    assert!(String::from_utf8_lossy(&at.stdout).trim_end().ends_with("&t=300"));
}

#[test]
fn a_bad_link_is_refused_with_exit_2_and_the_problem_named() {
    let output = raftsim(&["decode", "https://example.org/#s=9.abc&t=0"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("newer playground (link version 9)"), "{stderr}");
    let output = raftsim(&["decode"]);
    assert_eq!(output.status.code(), Some(2));
}

/// Fuzzing with each break-a-rule switch finds a violation within a fixed range of seeds, and
/// `raftsim run` on the reproducer it prints shows the violation again.
#[test]
fn fuzz_with_each_unsafe_switch_finds_a_violation_that_its_reproducer_replays() {
    let cases = [
        (r#"{"unsafe": {"no_election_restriction": true}}"#, "0", "5"),
        (r#"{"unsafe": {"vote_for_highest_id": true}}"#, "0", "5"),
        (r#"{"unsafe": {"ack_on_equal_commit": true}}"#, "0", "10"),
        // Figure 8 needs a rare interleaving: no no-op on election, and lossy links.
        (
            r#"{"unsafe": {"commit_old_terms": true}, "noop_on_election": false, "loss": 0.2, "read_mode": "log"}"#,
            "11512",
            "10",
        ),
    ];
    for (options, start, seeds) in cases {
        let output = raftsim(&["fuzz", "--seeds", seeds, "--start", start, "--options", options]);
        assert_eq!(output.status.code(), Some(1), "{options}: {}", String::from_utf8_lossy(&output.stdout));
        let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let runs_broken = summary["runs_with_violations"].as_u64().unwrap();
        assert!(runs_broken > 0, "{options}: {summary}");
        assert!(summary["violations"].as_u64().unwrap() >= runs_broken, "{options}: {summary}");
        assert!(runs_broken <= summary["runs"].as_u64().unwrap(), "{options}: {summary}");
        let file = write_temp("reproducer.json", &summary["reproducer"].to_string());
        let replayed = raftsim(&["run", &file]);
        assert_eq!(replayed.status.code(), Some(1), "{options}");
        let report: serde_json::Value = serde_json::from_slice(&replayed.stdout).unwrap();
        assert!(!report["violations"].as_array().unwrap().is_empty(), "{options}: {report}");
    }
}

/// With `stale_reads` the fuzzer's clients read old values, the history check catches it, and
/// `raftsim run` on the reproducer reports the same operations.
#[test]
fn fuzz_with_stale_reads_finds_a_history_that_is_not_linearizable() {
    let options = r#"{"unsafe": {"stale_reads": true}}"#;
    let output = raftsim(&["fuzz", "--seeds", "10", "--options", options]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stdout));
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(summary["not_linearizable"].as_u64().unwrap() > 0, "{summary}");
    assert_eq!(summary["violations"].as_u64(), Some(0), "no Figure 3 property breaks: {summary}");
    let file = write_temp("stale-reproducer.json", &summary["reproducer"].to_string());
    let replayed = raftsim(&["run", &file]);
    assert_eq!(replayed.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&replayed.stdout).unwrap();
    assert_eq!(report["linearizable"], serde_json::Value::Bool(false), "{report}");
    let reason = summary["failure"]["reason"].as_str().unwrap();
    let operations = report["not_linearizable"]["operations"].to_string().replace(',', ", ");
    assert!(reason.contains(&operations), "the same operations: {reason} / {operations}");
}

#[test]
fn fuzz_refuses_options_that_are_not_options() {
    let output = raftsim(&["fuzz", "--seeds", "1", "--options", r#"{"pre_votes": true}"#]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--options: pre_votes: unknown field `pre_votes`"), "{stderr}");
    let safe = raftsim(&["fuzz", "--seeds", "20", "--options", r#"{"pre_vote": true, "check_quorum": true}"#]);
    assert_eq!(safe.status.code(), Some(0), "{}", String::from_utf8_lossy(&safe.stdout));
}
