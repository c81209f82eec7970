//! Share links: round trips, the pinned version-1 strings, and every way a link can be bad.

mod support;

use raft_sim::{random_scenario, Action, FuzzSettings, LinkError, Scenario, ShareLink, TimedAction, MAX_LINK_TIME_MS};
use raft_sim::{OpenLink as _, ScenarioExt as _};

/// A version-1 link made on 2026-11-25. It must decode to [`pinned_scenario`] in every
/// release, forever: links already shared depend on it.
const PINNED_V1: &str = include_str!("golden/link_v1.txt");
const PINNED_HASH: &str = include_str!("golden/link_v1.hash");
/// What this build writes for [`pinned_scenario`]: since 2026-11-30, serde's JSON (`do` first
/// in an action) compressed by miniz_oxide at level 9. Links differ, scenarios not.
const ENCODED_V1: &str = include_str!("golden/link_v1_encoded.txt");

fn pinned_scenario() -> Scenario {
    let mut scenario = Scenario::new(7);
    scenario.nodes = 3;
    scenario.title = Some("Pinned <b>link</b> 选主".into());
    scenario.actions = vec![
        TimedAction { at_ms: 0, action: Action::Timeout { node: 1 } },
        TimedAction { at_ms: 400, action: Action::Write { node: 1, command: "x=4".into(), client: 1 } },
        TimedAction { at_ms: 500, action: Action::Partition { groups: vec![vec![1], vec![2, 3]] } },
        TimedAction { at_ms: 900, action: Action::Heal {} },
    ];
    scenario
}

#[test]
fn a_pinned_version_1_link_decodes_to_its_scenario_forever() {
    let link = ShareLink::parse(PINNED_V1.trim()).expect("the pinned link decodes");
    assert_eq!(link.scenario, pinned_scenario());
    assert_eq!(link.time_ms, 1500);
}

#[test]
fn this_build_encodes_the_pinned_scenario_to_the_pinned_string() {
    // If only this test fails, the compressor's output changed: old links still decode (the
    // test above), so re-pin ENCODED_V1 deliberately, and keep PINNED_V1 as it is.
    let link = ShareLink { scenario: pinned_scenario(), time_ms: 1500 };
    assert_eq!(link.fragment().unwrap(), ENCODED_V1.trim());
    assert_eq!(ShareLink::parse(ENCODED_V1.trim()).unwrap(), ShareLink::parse(PINNED_V1.trim()).unwrap());
}

#[test]
fn scenarios_round_trip_through_links() {
    for seed in 0..200 {
        let mut scenario = random_scenario(
            seed,
            &FuzzSettings { nodes: 1 + (seed % 9) as u32, duration_ms: 10_000, ..FuzzSettings::default() },
        );
        scenario.title = Some(format!("Run {seed}: \"quotes\" & <tags> 日志复制 🙂"));
        scenario.description = (seed % 2 == 0).then(|| "line one\nline two".to_owned());
        let link = ShareLink { scenario: scenario.clone(), time_ms: seed * 37 };
        let parsed = ShareLink::parse(&link.fragment().unwrap()).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert_eq!(parsed, ShareLink { scenario: Scenario { until_ms: None, ..scenario }, time_ms: seed * 37 });
    }
}

#[test]
fn a_whole_url_a_hash_and_a_bare_fragment_all_parse() {
    let fragment = ShareLink { scenario: Scenario::new(3), time_ms: 250 }.fragment().unwrap();
    for text in [
        fragment.clone(),
        format!("#{fragment}"),
        format!("https://example.org/raft/?embed&autoplay=1#{fragment}"),
        format!("{fragment}&later=ignored"),
    ] {
        assert_eq!(ShareLink::parse(&text).unwrap().time_ms, 250, "{text}");
    }
    let cut_before_the_time = fragment.split('&').next().unwrap();
    assert_eq!(ShareLink::parse(cut_before_the_time), Err(LinkError::NoTime), "a link cut at '&' is noticed");
}

#[test]
fn a_link_for_a_50_action_scenario_stays_under_2_kb() {
    let mut scenario = Scenario::new(11);
    scenario.title = Some("Fifty actions".into());
    for i in 0..50u64 {
        let node = 1 + (i % 5) as u32;
        let action = match i % 5 {
            0 => Action::Write { node, command: format!("key{i}={}", i * 7), client: 1 },
            1 => Action::Crash { node },
            2 => Action::Restart { node },
            3 => Action::Cut { from: node, to: 1 + (node % 5) },
            _ => Action::Partition { groups: vec![vec![1, 2], vec![3, 4, 5]] },
        };
        scenario.actions.push(TimedAction { at_ms: 137 * i + 11, action });
    }
    scenario.validate().unwrap();
    let fragment = ShareLink { scenario, time_ms: 7_000 }.fragment().unwrap();
    assert!(fragment.len() < 2048, "{} bytes", fragment.len());
}

#[test]
fn to_scenario_file_sets_until_to_the_moment() {
    let link = ShareLink { scenario: Scenario::new(3), time_ms: 4_200 };
    assert_eq!(link.to_scenario_file().until_ms, Some(4_200));
}

fn error_of(link: &str) -> LinkError {
    ShareLink::parse(link).expect_err("a bad link is refused")
}

/// The pinned link with its payload replaced.
fn with_payload(payload: &str) -> String {
    format!("s=1.{payload}&t=10")
}

fn payload_of(link: &str) -> &str {
    link.trim().strip_prefix("s=1.").unwrap().split('&').next().unwrap()
}

#[test]
fn every_bad_link_gets_an_error_that_names_the_problem() {
    let payload = payload_of(PINNED_V1);
    assert_eq!(error_of("https://example.org/#t=5"), LinkError::NoScenario);
    assert_eq!(error_of("s=abc&t=0"), LinkError::NoVersion);
    assert_eq!(error_of(&format!("s=2.{payload}&t=0")), LinkError::NewerVersion(2));
    assert_eq!(error_of(&format!("s=v1.{payload}&t=0")), LinkError::UnknownVersion("v1".into()));
    assert_eq!(error_of(&format!("s=0.{payload}&t=0")), LinkError::UnknownVersion("0".into()));
    assert!(matches!(error_of(&with_payload("ab<c")), LinkError::BadCharacter { position: 5, character: '<' }));
    assert_eq!(error_of(&with_payload(&payload[..payload.len() / 2])), LinkError::Damaged, "cut short");
    assert_eq!(error_of(&format!("s=1.{payload}&t=soon")), LinkError::BadTime("soon".into()));
    assert_eq!(error_of(&format!("s=1.{payload}&t=-5")), LinkError::BadTime("-5".into()));
    assert_eq!(error_of(&format!("s=1.{payload}&t={}", MAX_LINK_TIME_MS + 1)), LinkError::TimeTooLate(3_600_001));
    assert_eq!(error_of(&format!("s=1.{payload}")), LinkError::NoTime);
    // Characters appended to a whole payload: the zlib stream ends before the payload does.
    assert_eq!(error_of(&format!("s=1.{payload}AAAA&t=10")), LinkError::Damaged);
    assert_eq!(error_of(""), LinkError::NoScenario);
    for error in [LinkError::NoScenario, LinkError::Damaged, LinkError::NewerVersion(2)] {
        assert!(error.to_string().starts_with("the link"), "{error}");
    }
}

#[test]
fn a_tampered_payload_fails_its_checksum() {
    let json = br#"{"version":1,"seed":5}"#;
    let mut compressed = miniz_oxide::deflate::compress_to_vec_zlib(json, 9);
    let last = compressed.len() - 1;
    compressed[last] ^= 1; // the Adler-32 checksum no longer matches
    assert_eq!(error_of(&with_payload(&support::base64url(&compressed))), LinkError::Damaged);
    assert!(ShareLink::parse(&with_payload(&support::payload_holding(json))).is_ok(), "the untampered payload is fine");
}

#[test]
fn huge_payloads_binary_payloads_and_invalid_scenarios_are_refused() {
    let bomb = vec![b' '; raft_sim::MAX_SCENARIO_BYTES + 1];
    assert_eq!(error_of(&with_payload(&support::payload_holding(&bomb))), LinkError::TooLarge);
    // A payload longer than any this playground writes is refused before it is inflated.
    let long = support::base64url(&vec![0; raft_sim::MAX_SCENARIO_BYTES + 1025]);
    assert_eq!(error_of(&with_payload(&long)), LinkError::TooLarge);
    assert_eq!(error_of(&with_payload(&support::payload_holding(&[0xff, 0xfe, 0x00]))), LinkError::NotText);
    let bad_node = br#"{"version":1,"seed":5,"actions":[{"at_ms":1,"do":"crash","node":9}]}"#;
    let error = error_of(&with_payload(&support::payload_holding(bad_node)));
    assert_eq!(
        error.to_string(),
        "the link's scenario is invalid: actions[0].node: node 9 does not exist: nodes are 1 to 5"
    );
    let future_scenario = br#"{"version":2,"seed":5}"#;
    assert!(error_of(&with_payload(&support::payload_holding(future_scenario)))
        .to_string()
        .contains("reads scenario files up to version 1, not 2"));
}

#[test]
fn the_pinned_link_replays_to_its_pinned_trace_hash() {
    // The browser test opens the same link and expects the same `data-trace-hash`.
    let link = ShareLink::parse(PINNED_V1.trim()).unwrap();
    let file = link.to_scenario_file();
    let mut sim = file.build(false).unwrap();
    sim.run_until(file.until_ms.unwrap());
    assert_eq!(raft_sim::format_hash(sim.trace().hash()), PINNED_HASH.trim());
}

#[test]
fn no_link_is_made_that_could_not_be_opened() {
    let mut scenario = Scenario::new(4);
    let log: Vec<raft_sim::LogItem> =
        (0..9_000).map(|i| raft_sim::LogItem::Entry(1, Some(format!("key{i}=v{i}")))).collect();
    for node in 1..=5 {
        scenario.initial.insert(node, raft_sim::InitialState { term: 1, voted_for: None, log: log.clone() });
    }
    assert_eq!(ShareLink { scenario, time_ms: 0 }.fragment(), Err(LinkError::TooLarge));
    let late = ShareLink { scenario: Scenario::new(4), time_ms: MAX_LINK_TIME_MS + 1 };
    assert_eq!(late.fragment(), Err(LinkError::TimeTooLate(MAX_LINK_TIME_MS + 1)));
}

#[test]
fn opening_a_link_replays_to_its_moment_within_a_budget_of_events() {
    let link = ShareLink::parse(PINNED_V1.trim()).unwrap();
    let history = link.open().unwrap();
    assert_eq!(
        (history.now(), raft_sim::format_hash(history.sim().trace().hash())),
        (1500, PINNED_HASH.trim().to_owned())
    );
    // Nine servers with 2-3 ms election timeouts and 1 ms heartbeats, to one hour: tens of
    // millions of events. Refused after the budget instead of freezing the page.
    let mut busy = Scenario::new(5);
    busy.nodes = 9;
    busy.options.election_timeout_ms = [2, 3];
    busy.options.heartbeat_ms = 1;
    busy.options.latency_ms = [1, 1];
    let error = ShareLink { scenario: busy, time_ms: MAX_LINK_TIME_MS }.open().map(|_| ()).unwrap_err();
    let LinkError::TooBusy { reached_ms, .. } = error else { panic!("{error}") };
    assert!(reached_ms < MAX_LINK_TIME_MS, "{reached_ms}");
}

#[test]
fn values_that_could_overflow_the_clock_or_a_term_are_refused() {
    let huge_term = r#"{"version":1,"seed":1,"initial":{"1":{"term":18446744073709551615}}}"#;
    assert_eq!(
        Scenario::from_json(huge_term).unwrap_err().to_string(),
        "initial.1.term: at most 1000000000, not 18446744073709551615"
    );
    let huge_latency = r#"{"version":1,"seed":1,"options":{"latency_ms":[18446744073709551614,18446744073709551615]}}"#;
    assert!(Scenario::from_json(huge_latency).unwrap_err().to_string().contains("latency_ms: at most 3600000 ms"));
    let huge_timeout = r#"{"version":1,"seed":1,"options":{"client_timeout_ms":99999999999}}"#;
    assert!(Scenario::from_json(huge_timeout).unwrap_err().to_string().contains("client_timeout_ms: at most"));
}

#[test]
fn a_link_at_0_shows_the_actions_at_0_as_raftsim_run_does() {
    // The pinned scenario times S1 out at 0 ms: at `&t=0` the recipient sees S1 a candidate.
    let opened = ShareLink { scenario: pinned_scenario(), time_ms: 0 }.open().unwrap();
    assert_eq!(opened.sim().node(1).unwrap().node().role(), raft_sim::RoleKind::Candidate);
    let mut run = pinned_scenario().build(false).unwrap();
    run.run_until(0);
    assert_eq!(opened.sim().trace().hash(), run.trace().hash());
}

#[test]
fn step_forward_from_0_runs_the_first_event_after_the_actions_at_0() {
    let mut history = raft_sim::History::new(pinned_scenario()).unwrap();
    assert_eq!(history.now(), 0);
    let first = history.step_forward().unwrap();
    assert!(first > 0, "the timeout at 0 already ran; Step reaches the first vote request");
    assert_eq!(history.now(), first);
    let second = history.step_forward().unwrap();
    assert!(second > first, "each step reaches a later moment");
}
