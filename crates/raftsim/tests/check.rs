//! `raftsim check` as a user runs it: one JSON report, exit 1 with a counterexample that
//! `raftsim run` replays to the same violation, exit 0 when the bounds hold no violation.

mod cli_support;

use cli_support::{raftsim, write_temp};

fn report(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn check_finds_the_shortest_double_vote_and_its_scenario_replays_it() {
    let output = raftsim(&["check", "--options", r#"{"unsafe":{"vote_for_highest_id":true}}"#, "--seconds", "60"]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let report = report(&output);
    for field in ["states", "transitions", "depth", "seconds", "states_per_second"] {
        assert!(report[field].is_number(), "{field} in {report}");
    }
    let violation = &report["violation"];
    assert_eq!(violation["property"], "election_safety", "as `raftsim run` names it");
    assert_eq!(violation["depth"], 6);
    let file = write_temp("double-vote.json", &violation["scenario"].to_string());
    let replay = raftsim(&["run", &file]);
    assert_eq!(replay.status.code(), Some(1), "the reproducer breaks the property again");
    let replayed = serde_json::from_slice::<serde_json::Value>(&replay.stdout).unwrap();
    assert_eq!(replayed["violations"][0]["property"], "election_safety");
}

#[test]
fn check_from_a_scenario_file_lays_the_options_over_the_files() {
    let preset = concat!(env!("CARGO_MANIFEST_DIR"), "/../raft-web/presets/figure-8.json");
    let args = ["--at", "200", "--crashes", "0", "--writes", "0", "--drops", "0", "--duplicates", "0"];
    let unsafe_rule = r#"{"unsafe":{"commit_old_terms":true}}"#;
    let found = raftsim(&[&["check", "--from", preset, "--options", unsafe_rule][..], &args].concat());
    assert_eq!(found.status.code(), Some(1));
    assert_eq!(report(&found)["violation"]["property"], "leader_completeness");
    let safe = raftsim(&[&["check", "--from", preset, "--depth", "7"][..], &args].concat());
    assert_eq!(safe.status.code(), Some(0), "the preset's own options keep the rule");
    let safe = report(&safe);
    assert!(safe["violation"].is_null() && safe["complete"] == true && safe["depth"] == 7, "{safe}");
}

#[test]
fn check_refuses_options_that_are_not_options() {
    let output = raftsim(&["check", "--options", r#"{"speed": 2}"#]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown field `speed`"));
    // The column is in what was typed, from the command line or laid over a file.
    let wrong = raftsim(&["check", "--options", r#"{"pre_vote": 3}"#]);
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(said.contains("expected a boolean at line 1 column 14"), "{said}");
    let preset = concat!(env!("CARGO_MANIFEST_DIR"), "/../raft-web/presets/figure-8.json");
    let over = raftsim(&["check", "--from", preset, "--options", r#"{"loss": "x"}"#]);
    let said = String::from_utf8_lossy(&over.stderr);
    assert!(said.contains("at line 1 column 12"), "{said}");
}

#[test]
fn check_with_reads_finds_a_stale_read_and_run_shows_the_history_is_not_linearizable() {
    let start =
        write_temp("three.json", r#"{"version":1,"seed":1,"nodes":3,"options":{"unsafe":{"stale_reads":true}}}"#);
    let args = ["--at", "1000", "--reads", "1", "--crashes", "0", "--drops", "0", "--duplicates", "0"];
    let walks = ["--strategy", "random", "--seed", "3", "--depth", "10"];
    let found = raftsim(&[&["check", "--from", &start][..], &args, &walks].concat());
    assert_eq!(found.status.code(), Some(1), "{}", String::from_utf8_lossy(&found.stderr));
    let violation = &report(&found)["violation"];
    assert_eq!(violation["property"], "linearizable", "as `raftsim run` names it");
    let file = write_temp("stale-read.json", &violation["scenario"].to_string());
    let replay = raftsim(&["run", &file]);
    assert_eq!(replay.status.code(), Some(1));
    let replayed = serde_json::from_slice::<serde_json::Value>(&replay.stdout).unwrap();
    assert_eq!(replayed["linearizable"], false, "{replayed}");
    assert_eq!(replayed["not_linearizable"]["reason"], "stale");
}

#[test]
fn check_with_a_goal_reports_the_shortest_run_that_reaches_it_and_exits_0_else_1() {
    let quiet = ["--crashes", "0", "--writes", "0", "--drops", "0", "--duplicates", "0"];
    let output = raftsim(&[&["check", "--goal", "two_leaders"][..], &quiet].concat());
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let found = report(&output);
    assert!(found["violation"].is_null());
    assert_eq!(found["reached"]["property"], "two_leaders");
    assert_eq!(found["reached"]["depth"], 6);
    // `raftsim run` replays the file: at its end two servers lead, in two terms.
    let file = write_temp("two-leaders.json", &found["reached"]["scenario"].to_string());
    let replay = raftsim(&["run", &file]);
    assert_eq!(replay.status.code(), Some(0), "two leaders break nothing");
    let replayed = serde_json::from_slice::<serde_json::Value>(&replay.stdout).unwrap();
    let leaders: Vec<u64> = replayed["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|node| node["role"] == "leader")
        .map(|node| node["term"].as_u64().unwrap())
        .collect();
    assert_eq!(leaders, [1, 2], "{replayed}");
    // Out of reach within the depth: exit 1, nothing reached.
    let short = raftsim(&[&["check", "--goal", "two_leaders", "--depth", "5"][..], &quiet].concat());
    assert_eq!(short.status.code(), Some(1));
    let short = report(&short);
    assert_eq!(short["complete"], true);
    assert!(short.get("reached").is_none(), "{short}");
    let wrong = raftsim(&["check", "--goal", "leaders"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("one of violation, leader, split_vote, two_leaders"));
}
