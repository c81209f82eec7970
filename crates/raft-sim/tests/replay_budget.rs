//! The replay budget's early refusal: the events a run is certain to need are a true lower
//! bound, so a replay that would fit is never refused early, while the busiest runs are
//! refused long before the budget is spent.

use raft_sim::ScenarioExt as _;
use raft_sim::{random_scenario, FuzzSettings, History, Scenario, MAX_REPLAY_EVENTS};

/// Timings from the page's defaults to the busiest a scenario may ask for.
const TIMINGS: [([u64; 2], u64); 4] = [([150, 300], 50), ([5, 10], 1), ([40, 60], 30), ([100, 120], 10)];

#[test]
fn the_certain_events_are_never_more_than_the_run_then_processes() {
    let mut checked = 0;
    for seed in 0..24 {
        let nodes = [1, 3, 5, 9][seed as usize % 4];
        let (election, heartbeat) = TIMINGS[(seed as usize / 4) % TIMINGS.len()];
        let mut scenario =
            random_scenario(seed, &FuzzSettings { nodes, duration_ms: 3_000, ..FuzzSettings::default() });
        scenario.options.election_timeout_ms = election;
        scenario.options.heartbeat_ms = heartbeat;
        let last_action = scenario.actions.iter().map(|action| action.at_ms).max().unwrap_or(0);
        let mut sim = scenario.build(false).unwrap();
        for from in [0, last_action, last_action + 7, last_action + 2_000] {
            sim.run_until(from);
            for span in [0, 1, 11, 300, 5_000] {
                let until = from + span;
                let certain = sim.certain_events_until(until);
                let mut probe = sim.clone();
                probe.run_until(until);
                let processed = probe.events_processed() - sim.events_processed();
                assert!(
                    processed >= certain,
                    "from {from} to {until}: {processed} events run, {certain} were certain\nscenario: {}",
                    scenario.to_json()
                );
                checked += u32::from(certain > 0);
            }
        }
        assert_eq!(sim.certain_events_until(0), 0, "nothing is certain about the past");
    }
    assert!(checked > 100, "the bound was positive in only {checked} cases");
}

#[test]
fn nothing_is_certain_while_an_action_is_still_to_come() {
    let scenario =
        Scenario::from_json(r#"{"version":1,"seed":1,"nodes":3,"actions":[{"at_ms":5000,"do":"crash","node":1}]}"#)
            .unwrap();
    let mut sim = scenario.build(false).unwrap();
    sim.run_until(1_000);
    assert_eq!(sim.certain_events_until(60_000), 0);
    assert!(sim.certain_events_until(4_999) > 0, "the crash at 5 s is not before 4.999 s");
}

#[test]
fn the_busiest_run_is_refused_before_half_the_budget_is_spent() {
    let busy = r#"{"version":1,"seed":3,"nodes":9,"options":{"election_timeout_ms":[5,10],"heartbeat_ms":1,"latency_ms":[1,2]}}"#;
    let mut history = History::new(Scenario::from_json(busy).unwrap()).unwrap();
    let refused = history.seek_within_budget(3_600_000).unwrap_err();
    let mut sim = Scenario::from_json(busy).unwrap().build(false).unwrap();
    sim.run_until(refused.reached_ms);
    assert!(
        sim.events_processed() < MAX_REPLAY_EVENTS / 2,
        "refused at {} ms after {} events",
        refused.reached_ms,
        sim.events_processed()
    );
}
