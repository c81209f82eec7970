//! Leader election in a simulated cluster (§5.2), over many seeds.

use std::collections::{BTreeMap, BTreeSet};

use raft_sim::{NodeId, RoleKind, SimBuilder, Simulation, Term, TraceEvent};

fn leaders_by_term(sim: &Simulation) -> BTreeMap<Term, BTreeSet<NodeId>> {
    let mut leaders: BTreeMap<Term, BTreeSet<NodeId>> = BTreeMap::new();
    for event in sim.trace().events().expect("recording") {
        if let TraceEvent::Role { node, role: "leader", term, .. } = *event {
            leaders.entry(term).or_default().insert(node);
        }
    }
    leaders
}

fn current_leaders(sim: &Simulation) -> Vec<NodeId> {
    sim.nodes().filter(|n| n.node().role() == RoleKind::Leader).map(|n| n.node().id()).collect()
}

#[test]
fn five_nodes_elect_exactly_one_leader_within_two_seconds_for_100_seeds() {
    for seed in 0..100 {
        let mut sim = SimBuilder::new(seed).record_trace(true).build().unwrap();
        sim.run_until(2_000);
        let leaders = current_leaders(&sim);
        assert_eq!(leaders.len(), 1, "seed {seed}: leaders at 2 s: {leaders:?}");
        let leader_term = sim.node(leaders[0]).unwrap().node().current_term();
        for node in sim.nodes() {
            assert_eq!(node.node().leader(), Some(leaders[0]), "seed {seed}: node {} follows", node.node().id());
            assert_eq!(node.node().current_term(), leader_term, "seed {seed}");
        }
        for (term, leaders) in leaders_by_term(&sim) {
            assert_eq!(leaders.len(), 1, "seed {seed}: election safety broken in term {term}: {leaders:?}");
        }
    }
}

#[test]
fn a_healthy_leader_keeps_its_term_for_a_minute() {
    // Heartbeats every 50 ms against timeouts of at least 150 ms: no follower ever campaigns.
    for seed in 0..10 {
        let mut sim = SimBuilder::new(seed).build().unwrap();
        sim.run_until(2_000);
        let leader = current_leaders(&sim);
        let term = sim.node(leader[0]).unwrap().node().current_term();
        sim.run_until(62_000);
        assert_eq!(current_leaders(&sim), leader, "seed {seed}");
        assert!(sim.nodes().all(|n| n.node().current_term() == term), "seed {seed}: someone campaigned");
    }
}

#[test]
fn a_user_timeout_on_a_follower_starts_an_election_in_a_higher_term() {
    let mut sim = SimBuilder::new(3).record_trace(true).build().unwrap();
    sim.run_until(2_000);
    let old_leader = current_leaders(&sim)[0];
    let follower = sim.nodes().map(|n| n.node().id()).find(|&id| id != old_leader).unwrap();
    let term = sim.node(follower).unwrap().node().current_term();
    sim.timeout(follower).unwrap();
    let candidate = sim.node(follower).unwrap().node();
    assert_eq!((candidate.role(), candidate.current_term()), (RoleKind::Candidate, term + 1));
    sim.run_until(4_000);
    assert_eq!(current_leaders(&sim).len(), 1);
    assert!(sim.nodes().all(|n| n.node().current_term() > term), "the new term reached everyone");
}

#[test]
fn timing_out_a_missing_node_is_an_error_that_changes_nothing() {
    let mut sim = SimBuilder::new(3).build().unwrap();
    let hash = sim.trace().hash();
    assert_eq!(sim.timeout(6).unwrap_err().to_string(), "there is no server S6");
    assert!(sim.timeout(0).is_err());
    assert_eq!(sim.trace().hash(), hash);
}

#[test]
fn every_cluster_size_from_one_to_nine_elects_a_leader() {
    for nodes in 1..=9 {
        let mut sim = SimBuilder::new(u64::from(nodes)).nodes(nodes).build().unwrap();
        sim.run_until(3_000);
        assert_eq!(current_leaders(&sim).len(), 1, "{nodes} nodes");
    }
}

#[test]
fn invalid_configurations_are_refused_with_a_reason() {
    let error = |builder: SimBuilder| builder.build().unwrap_err().to_string();
    assert_eq!(error(SimBuilder::new(1).nodes(0)), "nodes: a cluster has 1 to 9 nodes, not 0");
    assert!(error(SimBuilder::new(1).nodes(10)).contains("not 10"));
    assert!(error(SimBuilder::new(1).election_timeout_ms(300, 150)).contains("election_timeout_ms"));
    assert!(error(SimBuilder::new(1).latency_ms(0, 5)).contains("latency_ms"));
    assert!(error(SimBuilder::new(1).heartbeat_ms(150)).contains("heartbeat_ms"));
}
