//! A server's own clock (the `clock` action): its Raft sees only its own time, so its timers
//! and a lease it holds stretch or shrink with its speed (thesis §6.4.1), while Raft's safety
//! does not depend on it.

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, ActionError, RoleKind, Scenario, StoryEvent, Timer, TraceEvent};

fn leader_of_five() -> raft_sim::Simulation {
    let mut sim = Scenario::new(1).build(true).unwrap();
    sim.run_until(1_000);
    sim
}

fn leader(sim: &raft_sim::Simulation) -> u32 {
    sim.nodes().find(|n| n.node().role() == RoleKind::Leader).unwrap().node().id()
}

/// The intervals between a server's heartbeat timer firings from `from` ms on.
fn heartbeat_gaps(sim: &raft_sim::Simulation, node: u32, from: u64) -> Vec<u64> {
    let fired: Vec<u64> = sim
        .trace()
        .events()
        .unwrap()
        .iter()
        .filter_map(|event| match event {
            TraceEvent::Timer { at, node: n, timer: "heartbeat" } if *n == node && *at >= from => Some(*at),
            _ => None,
        })
        .collect();
    fired.windows(2).map(|pair| pair[1] - pair[0]).collect()
}

#[test]
fn a_slow_clock_stretches_the_servers_timers_and_a_fast_one_shrinks_them() {
    for (percent, gap) in [(50, 100), (200, 25), (100, 50)] {
        let mut sim = leader_of_five();
        let id = leader(&sim);
        sim.apply(Action::Clock { node: id, percent }).unwrap();
        sim.run_until(2_000);
        let gaps = heartbeat_gaps(&sim, id, 1_100);
        assert!(gaps.len() > 5 && gaps.iter().all(|&g| g == gap), "{percent} %: {gaps:?}");
        assert_eq!(sim.node(id).unwrap().clock().percent(), percent);
        assert_eq!(leader(&sim), id, "{percent} %: heartbeats every {gap} ms keep it leading");
    }
}

#[test]
fn the_running_timer_counts_what_is_left_at_the_new_speed() {
    let mut sim = leader_of_five();
    let id = leader(&sim);
    let armed = *sim.node(id).unwrap().timer().unwrap();
    assert_eq!(armed.timer, Timer::Heartbeat);
    let left = armed.deadline - sim.now();
    sim.apply(Action::Clock { node: id, percent: 50 }).unwrap();
    let rearmed = *sim.node(id).unwrap().timer().unwrap();
    assert_eq!(rearmed.deadline - sim.now(), left * 2, "what was left, twice as long");
    let before = armed.remaining_fraction(sim.now() as f64);
    assert!((rearmed.remaining_fraction(sim.now() as f64) - before).abs() < 0.05, "drawn without a jump");
}

#[test]
fn a_clock_survives_a_crash_and_its_server_reads_its_own_time() {
    let mut sim = leader_of_five();
    let follower = sim.nodes().find(|n| n.node().role() == RoleKind::Follower).unwrap().node().id();
    sim.apply(Action::Clock { node: follower, percent: 50 }).unwrap();
    sim.apply(Action::Crash { node: follower }).unwrap();
    sim.run_until(1_200);
    sim.apply(Action::Restart { node: follower }).unwrap();
    assert_eq!(sim.node(follower).unwrap().clock().percent(), 50, "the machine's clock, kept");
    assert_eq!(sim.node(follower).unwrap().clock().read(1_200), 1_100, "1 s exact, then 200 ms at half speed");
}

#[test]
fn a_speed_out_of_range_or_an_unknown_server_is_refused_and_changes_nothing() {
    let mut sim = leader_of_five();
    for (action, refusal) in [
        (Action::Clock { node: 1, percent: 49 }, ActionError::BadClockSpeed(49)),
        (Action::Clock { node: 1, percent: 401 }, ActionError::BadClockSpeed(401)),
        (Action::Clock { node: 6, percent: 50 }, ActionError::NoSuchNode(6)),
    ] {
        assert_eq!(sim.try_apply(action), Err(refusal.clone()));
        assert!(refusal.to_string().contains(if refusal == ActionError::NoSuchNode(6) { "S6" } else { "50 to 400" }));
    }
    assert!(sim.nodes().all(|n| n.clock().is_exact()));
    let file = r#"{"version":1,"seed":1,"nodes":3,"actions":[{"at_ms":5,"do":"clock","node":2,"percent":5}]}"#;
    let error = Scenario::from_json(file).unwrap_err().to_string();
    assert!(error.contains("actions[0].percent") && error.contains("not 5"), "{error}");
    let missing = r#"{"version":1,"seed":1,"nodes":3,"actions":[{"at_ms":5,"do":"clock","node":2}]}"#;
    assert!(Scenario::from_json(missing).unwrap_err().to_string().contains("missing field `percent`"));
}

#[test]
fn the_narration_tells_the_new_speed_and_the_drift_is_measured() {
    let mut sim = leader_of_five();
    sim.apply(Action::Clock { node: 2, percent: 50 }).unwrap();
    sim.apply(Action::Clock { node: 3, percent: 200 }).unwrap();
    let told: Vec<_> = sim.story().events().filter(|(_, e)| matches!(e, StoryEvent::ClockSet { .. })).collect();
    assert_eq!(told.len(), 2);
    assert_eq!(told[0].1, StoryEvent::ClockSet { node: 2, percent: 50 });
    assert_eq!(sim.clock_drift_percent(), 300, "S3 runs four times as fast as S2");
    let report = serde_json::to_value(raft_sim::Report::of(&sim)).unwrap();
    let speeds: Vec<_> = report["nodes"].as_array().unwrap().iter().map(|n| n.get("clock_percent").cloned()).collect();
    assert_eq!(speeds[1..3], [Some(50.into()), Some(200.into())]);
    assert!(speeds[0].is_none() && speeds[3..].iter().all(Option::is_none), "written only when not 100: {speeds:?}");
    assert!(!sim.clocks_beyond_lease_bound(), "no lease is trusted in the log read mode");
}

#[test]
fn leases_that_allow_for_less_drift_than_the_clocks_have_are_said_to() {
    let file = |bound: u32| {
        format!(
            r#"{{"version":1,"seed":1,"nodes":3,"options":{{"check_quorum":true,"read_mode":"lease","clock_drift_percent":{bound}}},
               "actions":[{{"at_ms":500,"do":"clock","node":1,"percent":50}}]}}"#
        )
    };
    for (bound, beyond) in [(0, true), (99, true), (100, false)] {
        let mut sim = Scenario::from_json(&file(bound)).unwrap().build(false).unwrap();
        sim.run_until(400);
        assert!(!sim.clocks_beyond_lease_bound(), "exact clocks before the action");
        sim.run_until(600);
        assert_eq!(sim.clocks_beyond_lease_bound(), beyond, "bound {bound} %");
    }
}

#[test]
fn a_clock_action_is_traced_and_an_exact_one_changes_nothing_else() {
    let plain = r#"{"version":1,"seed":3,"nodes":3,"actions":[{"at_ms":700,"do":"write","node":1,"command":"x=1"}]}"#;
    let exact = r#"{"version":1,"seed":3,"nodes":3,"actions":[{"at_ms":500,"do":"clock","node":2,"percent":100},{"at_ms":700,"do":"write","node":1,"command":"x=1"}]}"#;
    let hash = |json: &str| {
        let mut sim = Scenario::from_json(json).unwrap().build(true).unwrap();
        sim.run_until(3_000);
        (sim.trace().hash(), sim.node(1).unwrap().node().kv().clone())
    };
    let (plain, exact) = (hash(plain), hash(exact));
    assert_ne!(plain.0, exact.0, "the action is traced");
    assert_eq!(plain.1, exact.1);
}

/// A schedule that gives stale lease reads their chance: the server that leads at 400 ms
/// slowed to half speed, then cut off with one other at `cut_ms` and brought back 700 ms
/// later; meanwhile, every 10 ms, a read sent to the cut-off leader, and every 20 ms a write
/// sent to the majority's side.
fn lease_schedule(seed: u64, cut_ms: u64, drift_bound: u32) -> Scenario {
    let mut scenario = Scenario::new(seed);
    scenario.options.check_quorum = true;
    scenario.options.read_mode = raft_sim::ReadMode::Lease;
    scenario.options.clock_drift_percent = drift_bound;
    let mut probe = raft_sim::ScenarioExt::build(&scenario, false).unwrap();
    probe.run_until(400);
    let slow = probe.leader().unwrap_or(1);
    let partner = slow % 5 + 1;
    let at = |at_ms, action| raft_sim::TimedAction { at_ms, action };
    scenario.actions.push(at(400, Action::Clock { node: slow, percent: 50 }));
    let majority: Vec<u32> = (1..=5).filter(|&n| n != slow && n != partner).collect();
    for (i, moment) in (cut_ms - 100..cut_ms + 700).step_by(10).enumerate() {
        if moment == cut_ms {
            scenario.actions.push(at(cut_ms, Action::Partition { groups: vec![vec![slow, partner]] }));
        }
        if i % 2 == 0 {
            let command = format!("x={i}");
            scenario.actions.push(at(moment, Action::Write { node: majority[i / 2 % 3], command, client: 1 }));
        }
        scenario.actions.push(at(moment, Action::Read { node: slow, key: "x".into(), client: 2 + (i % 2) as u32 }));
    }
    scenario.actions.push(at(cut_ms + 700, Action::Heal {}));
    scenario.until_ms = Some(cut_ms + 2_000);
    scenario
}

#[test]
fn a_lease_that_allows_for_the_drift_never_serves_a_stale_read_and_one_that_does_not_can() {
    let stale = |drift_bound: u32| -> Vec<(u64, u64)> {
        let mut found = Vec::new();
        for seed in 1..=6 {
            for cut_ms in (900..1_300).step_by(25) {
                let scenario = lease_schedule(seed, cut_ms, drift_bound);
                let mut sim = raft_sim::ScenarioExt::build(&scenario, false).unwrap();
                sim.run_until(scenario.until_ms.unwrap());
                assert!(sim.violations().is_empty(), "seed {seed}, cut at {cut_ms}: {:?}", sim.violations());
                if !matches!(sim.linearizability(), raft_sim::Linearizability::Linearizable { .. }) {
                    found.push((seed, cut_ms));
                }
            }
        }
        found
    };
    let unsafe_runs = stale(0);
    assert!(!unsafe_runs.is_empty(), "a half-speed leader's lease, trusted as is, goes stale somewhere");
    let safe_runs = stale(100);
    assert!(
        safe_runs.is_empty(),
        "allowing for the drift, no read went stale; these did: {safe_runs:?}\n{}",
        safe_runs.first().map(|&(seed, cut)| lease_schedule(seed, cut, 100).to_json_pretty()).unwrap_or_default()
    );
}
