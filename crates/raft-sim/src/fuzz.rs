//! Randomized fault schedules: each seed gives a scenario of crashes, restarts, partitions,
//! cuts, loss, duplicated messages, leadership transfers, forced timeouts, writes (in a quarter
//! of them, a client writing on its own throughout), and (in half
//! the schedules, one server at a time or by joint consensus) membership changes; then every
//! fault is healed and the cluster must recover. The scenario of a failing seed reproduces the
//! failure exactly.

use raft_core::NodeId;
use serde::Serialize;

use crate::action::{Action, TimedAction};
use crate::client::OpResult;
use rand::prelude::IndexedRandom;
use rand::Rng;

use crate::rng::SimRng;
use crate::scenario_run::ScenarioExt;
use crate::simulation::Simulation;
use crate::time::Millis;
use raft_scenario::{Membership, ReadMode, Scenario, ScenarioError, ScenarioOptions};

/// After the faults stop, how long the cluster gets to elect a leader and spread every
/// committed entry. Several election timeouts, with room for a split vote or two.
pub const RECOVERY_MS: Millis = 5_000;

/// The shape of the random schedules.
#[derive(Clone, Debug, PartialEq)]
pub struct FuzzSettings {
    /// Servers per cluster.
    pub nodes: u32,
    /// How long faults are injected, in simulated ms; recovery comes after.
    pub duration_ms: Millis,
    /// Options applied to every schedule over the ones it draws, written as in scenario files
    /// (`{"pre_vote": true, "unsafe": {"commit_old_terms": true}}`); see [`FuzzSettings::with_options`].
    pub options: serde_json::Map<String, serde_json::Value>,
}

impl Default for FuzzSettings {
    fn default() -> Self {
        FuzzSettings { nodes: 5, duration_ms: 10_000, options: serde_json::Map::new() }
    }
}

impl FuzzSettings {
    /// These settings with `options` (an options object of a scenario file) applied to every
    /// schedule; refused with the reader's error if they are not options, or not ones a
    /// cluster of `nodes` can run with.
    pub fn with_options(self, options: &str) -> Result<FuzzSettings, ScenarioError> {
        let json = format!(r#"{{ "version": 1, "seed": 0, "nodes": {}, "options": {options} }}"#, self.nodes);
        Scenario::from_json(&json)?;
        let value: serde_json::Value = serde_json::from_str(options).unwrap_or_default();
        Ok(FuzzSettings { options: value.as_object().cloned().unwrap_or_default(), ..self })
    }

    /// `options` with these settings' overrides applied.
    fn apply(&self, options: &ScenarioOptions) -> ScenarioOptions {
        if self.options.is_empty() {
            return options.clone();
        }
        let mut merged = serde_json::to_value(options).unwrap_or_default();
        if let Some(fields) = merged.as_object_mut() {
            fields.extend(self.options.clone());
        }
        serde_json::from_value(merged).unwrap_or_else(|_| options.clone())
    }
}

/// The speeds a fuzzed server's clock runs at, in percent of real time: close enough that a
/// lease allowing for their drift still outlasts a heartbeat interval, and serves reads.
const FUZZ_CLOCK_SPEEDS: [u32; 3] = [80, 100, 125];

/// The drift the fuzzer's leases allow for: the fastest of its clocks against the slowest
/// (125 / 80 = 1.5625, rounded up).
const FUZZ_CLOCK_DRIFT_PERCENT: u32 = 57;

/// Whether to add a `snapshot` action after the next one (one in twenty).
fn scenario_snapshots(snapshots: &mut SimRng) -> bool {
    snapshots.random_range(0..20) == 0
}

/// The scenario of fuzz seed `seed`.
pub fn random_scenario(seed: u64, settings: &FuzzSettings) -> Scenario {
    generate(seed, settings).0
}

/// The scenario of fuzz seed `seed`, and its run, carried out while the schedule was drawn
/// up (to `until_ms`): a `duplicate` action names a message really in flight at its time.
/// Applying each action at its time, after that moment's events, is exactly what a scenario's
/// schedule does, so the run is the scenario's own (a test checks the trace hashes agree).
fn generate(seed: u64, settings: &FuzzSettings) -> (Scenario, Simulation) {
    let mut rng = SimRng::new(seed ^ 0x5eed_f00d_cafe_d00d);
    let nodes = settings.nodes;
    let mut scenario = Scenario::new(seed);
    scenario.nodes = nodes;
    scenario.title = Some(format!("fuzz seed {seed}"));
    scenario.options.conflict_hint = rng.random_bool(0.5);
    scenario.options.noop_on_election = rng.random_bool(0.8);
    scenario.options.max_entries_per_append = rng.random_range(1..=16);
    scenario.options.duplicate = *[0.0, 0.05, 0.3].choose(&mut rng).unwrap_or(&0.0);
    // Membership changes in half the schedules. A removed server that never learns it was
    // removed keeps campaigning and deposes leader after leader (thesis §4.2.3), so these
    // schedules run with CheckQuorum's guard, which the thesis gives as the remedy.
    let changes_membership = rng.random_bool(0.5);
    if changes_membership {
        scenario.options.check_quorum = true;
        scenario.options.membership = if rng.random_bool(0.5) { Membership::Joint } else { Membership::Single };
    }
    // Reads in every mode; a lease needs CheckQuorum's guard.
    scenario.options.read_mode =
        *[ReadMode::Log, ReadMode::ReadIndex, ReadMode::Lease].choose(&mut rng).unwrap_or(&ReadMode::Log);
    if scenario.options.read_mode == ReadMode::Lease {
        scenario.options.check_quorum = true;
    }
    // Snapshots in half the schedules, drawn from a stream of their own so that the rest of
    // each schedule stays as it was before snapshots and sessions existed.
    let mut snapshots = SimRng::new(seed ^ 0x5a5a_0c0f_fee0_7e57);
    scenario.options.snapshot_every = *[0, 0, 3, 10].choose(&mut snapshots).unwrap_or(&0);
    // Clients that retry (sessions, thesis §6.3) in a third of them, from that stream too.
    scenario.options.client_retries = *[0, 0, 2].choose(&mut snapshots).unwrap_or(&0);
    // Clocks that run slow or fast in a quarter of the schedules, from a stream of their own:
    // Raft's safety never depends on them, and leases allow for the drift they reach (thesis
    // §6.4.1), so reads stay linearizable too.
    let mut clocks = SimRng::new(seed ^ 0xc10c_d21f_7000_0001);
    let drifting = clocks.random_bool(0.25);
    if drifting {
        scenario.options.clock_drift_percent = FUZZ_CLOCK_DRIFT_PERCENT;
    }
    // Pipelining (thesis §10.2.2) in a third of the schedules, from a stream of its own: its
    // optimistic nextIndex meets every loss, duplicate and reordering the network makes.
    // Half of those with flow control (etcd's probe and replicate states), drawn after.
    let mut pipelining = SimRng::new(seed ^ 0x9199_e11e_0000_0001);
    scenario.options.pipeline = pipelining.random_bool(1.0 / 3.0);
    scenario.options.flow_control = scenario.options.pipeline && pipelining.random_bool(0.5);
    scenario.options = settings.apply(&scenario.options);
    // Servers a change may name: the first ones and two more.
    let servers = (nodes + 2).min(raft_scenario::MAX_NODES);
    let mut sim = scenario.build(false).expect("generated options are valid");
    let mut schedule = |sim: &mut Simulation, at_ms: Millis, action: Action| {
        sim.run_until(at_ms);
        let _ = sim.apply(action.clone()); // refused actions are part of the schedule too
        scenario.actions.push(TimedAction { at_ms, action });
    };
    let pick = |rng: &mut SimRng| rng.random_range(1..=nodes);
    // A client writing on its own through the faults in a quarter of the schedules, drawn
    // from a stream of its own so that the others stay as they were before it existed.
    let mut steady = SimRng::new(seed ^ 0x57ea_d7c1_1e47_0001);
    let steady_client = steady.random_bool(0.25).then(|| steady.random_range(1..=raft_scenario::MAX_CLIENTS));
    if let Some(client) = steady_client {
        let every_ms = *[100, 250, 500].choose(&mut steady).unwrap_or(&250);
        schedule(&mut sim, 0, Action::Workload { client, every_ms });
    }
    let mut at = 0;
    let mut writes = 0;
    while at < settings.duration_ms {
        let action = match rng.random_range(0..100) {
            0..=21 => {
                writes += 1;
                Action::Write {
                    node: pick(&mut rng),
                    command: format!("k{}={writes}", rng.random_range(0..5)),
                    client: rng.random_range(1..=raft_scenario::MAX_CLIENTS),
                }
            }
            22..=29 => Action::Read {
                node: pick(&mut rng),
                key: format!("k{}", rng.random_range(0..5)),
                client: rng.random_range(1..=raft_scenario::MAX_CLIENTS),
            },
            30..=41 => Action::Crash { node: pick(&mut rng) },
            42..=55 => Action::Restart { node: pick(&mut rng) },
            56..=63 => Action::Partition { groups: random_groups(&mut rng, nodes) },
            64..=71 => Action::Heal {},
            72..=79 => {
                let (from, to) = (pick(&mut rng), pick(&mut rng));
                if nodes == 1 {
                    Action::Timeout { node: 1 } // a lone server has no link to cut
                } else if from == to {
                    Action::Mend { from, to: from % nodes + 1 }
                } else {
                    Action::Cut { from, to }
                }
            }
            80..=83 => Action::Loss { probability: *[0.0, 0.05, 0.2].choose(&mut rng).unwrap_or(&0.0) },
            88..=90 => Action::Transfer { node: pick(&mut rng) },
            91..=99 if changes_membership => match rng.random_range(0..3) {
                0 => Action::AddServer { node: rng.random_range(1..=servers) },
                1 => {
                    // A server that exists: a file removing one that never can is refused.
                    sim.run_until(at);
                    let existing: Vec<NodeId> = sim.node_ids();
                    Action::RemoveServer { node: existing.choose(&mut rng).copied().unwrap_or(1) }
                }
                _ => {
                    let mut voters: Vec<NodeId> = (1..=servers).filter(|_| rng.random_bool(0.5)).collect();
                    if voters.is_empty() {
                        voters.push(rng.random_range(1..=servers));
                    }
                    Action::Reconfigure { voters }
                }
            },
            84..=87 => {
                sim.run_until(at);
                let in_flight: Vec<u64> = sim.messages_in_flight().map(|m| m.id).collect();
                Action::Duplicate { message: in_flight.choose(&mut rng).copied().unwrap_or(1) }
            }
            _ => Action::Timeout { node: pick(&mut rng) },
        };
        schedule(&mut sim, at, action);
        if scenario_snapshots(&mut snapshots) {
            schedule(&mut sim, at, Action::Snapshot { node: snapshots.random_range(1..=nodes) });
        }
        if drifting && clocks.random_range(0..8) == 0 {
            let percent = *FUZZ_CLOCK_SPEEDS.choose(&mut clocks).unwrap_or(&100);
            schedule(&mut sim, at, Action::Clock { node: clocks.random_range(1..=nodes), percent });
        }
        at += rng.random_range(20..=400);
    }
    // Recovery: every fault healed, every server running, one more write to commit.
    let end = settings.duration_ms;
    sim.run_until(end);
    let mut recovery = vec![Action::Heal {}, Action::Loss { probability: 0.0 }];
    recovery.extend(steady_client.map(|client| Action::Workload { client, every_ms: 0 }));
    let everyone: Vec<NodeId> = sim.node_ids();
    for &from in &everyone {
        for &to in everyone.iter().filter(|&&to| to != from) {
            recovery.push(Action::Mend { from, to });
        }
    }
    recovery.extend(everyone.iter().map(|&node| Action::Restart { node }));
    // Clocks back to real time: a follower whose clock runs four times as fast as its
    // leader's times out between two heartbeats, and no cluster is live on such clocks (Raft
    // asks that heartbeats come well within an election timeout, §5.6).
    let drifted = everyone
        .iter()
        .filter(|&&node| sim.node(node).is_some_and(|server| server.clock().percent() != crate::clock::EXACT_PERCENT));
    recovery.extend(drifted.map(|&node| Action::Clock { node, percent: crate::clock::EXACT_PERCENT }));
    for action in recovery {
        schedule(&mut sim, end, action);
    }
    // The last write goes to the leader of the moment, or the first server: with membership
    // changes, server 1 may have been removed, and no one would tell it the leader.
    let command = "fuzz=done".to_owned();
    sim.run_until(end + RECOVERY_MS / 2);
    let node = sim.leader().or(everyone.first().copied()).unwrap_or(1);
    schedule(&mut sim, end + RECOVERY_MS / 2, Action::Write { node, command, client: 1 });
    let until = end + RECOVERY_MS;
    sim.run_until(until);
    scenario.until_ms = Some(until);
    (scenario, sim)
}

fn random_groups(rng: &mut SimRng, nodes: u32) -> Vec<Vec<NodeId>> {
    let mut side: Vec<NodeId> = (1..=nodes).filter(|_| rng.random_bool(0.5)).collect();
    if side.is_empty() {
        side.push(rng.random_range(1..=nodes));
    }
    vec![side]
}

/// Why a fuzz run failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FuzzFailure {
    /// The seed.
    pub seed: u64,
    /// What went wrong.
    pub reason: String,
}

/// Runs the scenario of `seed`, checking safety after every event and liveness at the end.
/// Returns the finished simulation and the failure, if any.
pub fn run_seed(seed: u64, settings: &FuzzSettings) -> (Simulation, Option<FuzzFailure>) {
    let (_, sim) = generate(seed, settings);
    let failure = check_run(&sim).map(|reason| FuzzFailure { seed, reason });
    (sim, failure)
}

/// Safety (no violation) and liveness (one leader that every voter of its configuration
/// follows; every acknowledged write stored on every such voter, and committed there once the
/// leader has committed an entry of its own term) of a run that ended with
/// every fault healed. Servers outside the leader's configuration (removed, or added by a
/// change that was refused) are not asked to follow it: no one talks to them.
pub fn check_run(sim: &Simulation) -> Option<String> {
    if let Some(violation) = sim.violations().first() {
        return Some(format!("{} broken at {} ms: {}", violation.property, violation.at_ms, violation.detail));
    }
    if let crate::Linearizability::Violation(failure) = sim.linearizability() {
        let why = match failure.reason {
            crate::Reason::NeverWritten { read } => format!("read {read} returned a value no write wrote"),
            crate::Reason::Stale { read, newer } => {
                format!("read {read} missed write {newer}, which ended before the read began")
            }
            crate::Reason::NoOrder => "no order of them respects real time".to_owned(),
        };
        return Some(format!(
            "the clients' history is not linearizable: operations {:?} on key {} ({why})",
            failure.operations, failure.key
        ));
    }
    let Some(leader) = sim.leader() else {
        return Some(format!("no leader {RECOVERY_MS} ms after every fault was healed"));
    };
    let term = sim.node(leader)?.node().current_term();
    let config = sim.node(leader)?.node().configuration().clone();
    let voters = || sim.nodes().filter(|node| config.is_voter(node.node().id()));
    // A leader learns what is committed only by committing an entry of its own term (§5.4.2):
    // with the no-op on election off and no write since it was elected (the last write may have
    // gone to a leader that then stepped down, removed, thesis §4.2.2), the writes acknowledged
    // before are stored on every voter and wait for the next write to be known as committed.
    let own = sim.node(leader)?.node();
    let settled = own.log().entry(own.commit_index()).is_some_and(|entry| entry.term == term);
    for node in voters() {
        let (id, raft) = (node.node().id(), node.node());
        if raft.current_term() != term || raft.leader() != Some(leader) {
            return Some(format!("S{id} does not follow leader S{leader} of term {term}"));
        }
    }
    for op in sim.client_ops().filter(|op| op.result == Some(OpResult::Ok)) {
        let index = op.index?;
        if op.change.is_some() || op.kind == crate::OpKind::Read {
            continue; // a committed change is checked through the configuration above; reads write nothing
        }
        for node in voters() {
            let raft = node.node();
            if index <= raft.log().snapshot_index() {
                continue; // compacted into a snapshot of applied, hence committed, entries
            }
            let stored = raft.log().entry(index).and_then(|entry| entry.command.text());
            if stored.as_deref() != Some(op.command.as_str()) || (settled && raft.commit_index() < index) {
                return Some(format!(
                    "acknowledged write {} (index {index}) is not committed on S{}",
                    op.command,
                    raft.id()
                ));
            }
        }
    }
    None
}
