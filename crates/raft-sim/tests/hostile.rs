//! Hostile and oversized input (issue 12): no scenario or link can hang, exhaust or mislead
//! the simulator. Each refusal names its limit. (The command line's: `crates/raftsim/tests`.)

use std::time::{Duration, Instant};

use raft_sim::OpenLink as _;
use raft_sim::{History, LinkError, Scenario, ShareLink};

/// Asserts `work` finishes within `limit` and returns its result.
fn within<T>(limit: Duration, what: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    assert!(started.elapsed() < limit, "{what} took {:?}", started.elapsed());
    result
}

/// A replay refused for its budget has first spent it: MAX_REPLAY_EVENTS events, a few
/// seconds in this test build (opt-level 1), instead of the 38 s (natively, hours) unbounded.
const BUDGET_SPENT: Duration = Duration::from_secs(20);

/// Nine servers heartbeating every millisecond: about 16,000 events per simulated second.
fn busy() -> Scenario {
    Scenario::from_json(
        r#"{"version":1,"seed":3,"nodes":9,"options":{"election_timeout_ms":[5,10],"heartbeat_ms":1,"latency_ms":[1,2]}}"#,
    )
    .unwrap()
}

#[test]
fn a_seek_past_the_replay_budget_is_refused_and_the_moment_kept() {
    let mut history = History::new(busy()).unwrap();
    history.seek(2_000);
    let refused = within(BUDGET_SPENT, "a busy seek", || history.seek_within_budget(3_600_000)).unwrap_err();
    assert_eq!(refused.time_ms, 3_600_000);
    // Certain to overrun from the start (nine servers, an hour to go): refused before any work.
    assert_eq!(refused.reached_ms, 2_000, "{refused:?}");
    assert_eq!(history.now(), 2_000, "the moment shown is kept");
    assert!(history.within_replay_budget());
    // Every replay obeys the same budget: a link to a moment opens exactly when seeking to it does.
    let link = ShareLink { scenario: busy(), time_ms: 3_600_000 };
    assert!(matches!(within(BUDGET_SPENT, "a busy link", || link.open()), Err(LinkError::TooBusy { .. })));
}

#[test]
fn commands_with_invisible_formatting_characters_are_refused_by_path() {
    let spoof = r#"{"version":1,"seed":1,"actions":[{"at_ms":5,"do":"write","node":1,"command":"x=\u202egnp.exe"}]}"#;
    let error = Scenario::from_json(spoof).unwrap_err().to_string();
    assert!(
        error.starts_with("actions[0].command: a command cannot hold invisible formatting characters such as U+202E"),
        "{error}"
    );
}

#[test]
fn links_accept_only_canonical_numbers() {
    let good = ShareLink { scenario: Scenario::new(1), time_ms: 5 }.fragment().unwrap();
    assert!(ShareLink::parse(&good).is_ok());
    for bad in [
        good.replace("&t=5", "&t=+5"),
        good.replace("&t=5", "&t=05"),
        good.replace("s=1.", "s=01."),
        good.replace("s=1.", "s=+1."),
    ] {
        assert!(ShareLink::parse(&bad).is_err(), "{bad} was accepted");
    }
}

#[test]
fn errors_quote_a_short_prefix_of_a_huge_input() {
    let name = "d".repeat(1_000_000);
    let error = Scenario::from_json(&format!(r#"{{"version":1,"seed":1,"actions":[{{"at_ms":0,"do":"{name}"}}]}}"#));
    let message = error.unwrap_err().to_string();
    assert!(
        message.len() < 400 && message.contains(&format!("`{}…`", "d".repeat(40))),
        "{}",
        &message[..300.min(message.len())]
    );
    let error = Scenario::from_json(&format!(r#"{{"version":1,"seed":1,"{name}":1}}"#)).unwrap_err().to_string();
    assert!(error.len() < 300, "{}", &error[..300.min(error.len())]);
}
