//! Membership changes (paper §6, thesis chapter 4), with scenarios after etcd-io/raft's and
//! tikv/raft-rs's tests of the same names, and the 2015 counterexample to single-server
//! changes without the rule that a leader first commits an entry of its term.

mod support;

use std::sync::Arc;

use raft_core::{
    ChangeRefusal, ClientResult, Command, Configuration, Entry, Log, MembershipChange, MembershipMode, NodeId, Output,
    PersistentState, RaftOptions, RoleKind, UnsafeRules, CATCH_UP_ROUND_LIMIT,
};
use support::TestCluster;

fn config_entry(term: u64, voters: &[NodeId]) -> Entry {
    Entry { term, command: Command::Configuration(Arc::new(Configuration::new(voters.iter().copied()))) }
}

/// The configurations in `id`'s log, in order.
fn configurations(cluster: &TestCluster, id: NodeId) -> Vec<String> {
    cluster.node(id).log().entries().filter_map(|e| e.command.configuration().map(|c| c.to_string())).collect()
}

#[test]
fn a_configuration_takes_effect_before_it_commits() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.change(1, 7, MembershipChange::Remove(3));
    let leader = cluster.node(1);
    assert_eq!(leader.configuration().voters(), [1, 2], "in force as soon as it is in the log (thesis §4.1)");
    assert!(leader.configuration_index() > leader.commit_index(), "and not yet committed");
    cluster.deliver_all();
    assert_eq!(cluster.node(2).configuration().voters(), [1, 2]);
    assert!(cluster.responses.contains(&(1, 7, ClientResult::Committed { index: 2 })));
}

#[test]
fn commit_after_remove_node() {
    let mut cluster = TestCluster::new(2, RaftOptions::default());
    cluster.elect(1);
    cluster.isolate(2);
    cluster.change(1, 1, MembershipChange::Remove(2));
    // C{1} is in force on the leader at once: it is its own majority, with 2 silent.
    assert_eq!(cluster.node(1).commit_index(), 2);
    cluster.write(1, 2, "x=1");
    assert_eq!(cluster.node(1).commit_index(), 3, "a write commits without the removed server");
}

#[test]
fn a_removed_leader_steps_down_once_the_change_commits() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.change(1, 1, MembershipChange::Remove(1));
    assert_eq!(cluster.node(1).role(), RoleKind::Leader, "it manages the cluster until C_new commits (§6)");
    cluster.deliver_all();
    assert_eq!(cluster.node(1).role(), RoleKind::Follower);
    assert!(cluster.events[&1].contains(&Output::LeftConfiguration));
    assert!(cluster.responses.contains(&(1, 1, ClientResult::Committed { index: 2 })));
    // It does not vote any more, so it never campaigns; the others elect among themselves.
    cluster.timeout(1);
    assert_eq!((cluster.node(1).role(), cluster.node(1).current_term()), (RoleKind::Follower, 1));
    cluster.elect(2);
    assert_eq!(cluster.node(2).configuration().voters(), [2, 3]);
}

#[test]
fn campaign_checks_the_configuration_first() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.join(4);
    cluster.timeout(4);
    cluster.deliver_all();
    assert_eq!((cluster.node(4).role(), cluster.node(4).current_term()), (RoleKind::Follower, 0));
    assert!(cluster.delivered.iter().all(|(from, _, _)| *from != 4), "a server that does not vote asks for nothing");
}

#[test]
fn a_learner_does_not_vote_or_count_for_commitment() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.join(4);
    cluster.change(1, 1, MembershipChange::Add(4));
    // Every round takes longer than an election timeout: S4 stays a learner (thesis §4.2.1).
    cluster.advance(200);
    cluster.deliver_all();
    cluster.crash(2);
    cluster.crash(3);
    cluster.write(1, 2, "x=1");
    cluster.advance(200);
    cluster.deliver_all();
    assert_eq!(cluster.node(1).learners(), [4]);
    assert_eq!(configurations(&cluster, 1), Vec::<String>::new(), "not promoted");
    assert_eq!(cluster.node(4).log().last_index(), 2, "the learner holds the write");
    assert_eq!(cluster.node(1).commit_index(), 1, "but its copy does not count: S1 and S4 would be 2 of 3");
}

#[test]
fn a_new_server_catches_up_then_becomes_a_voter() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    for i in 0..20 {
        cluster.write(1, i, &format!("x={i}"));
    }
    cluster.deliver_all();
    cluster.join(4);
    cluster.change(1, 99, MembershipChange::Add(4));
    cluster.deliver_all();
    assert!(cluster.events[&1].contains(&Output::CaughtUp { node: 4 }));
    assert_eq!(configurations(&cluster, 4), ["C{1,2,3,4}"]);
    assert_eq!(cluster.node(4).log().last_index(), 22);
    assert!(cluster.responses.contains(&(1, 99, ClientResult::Committed { index: 22 })));
    assert_eq!(cluster.node(1).learners(), [] as [NodeId; 0]);
}

#[test]
fn a_new_server_that_never_catches_up_is_given_up() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.join(4);
    cluster.crash(4);
    cluster.change(1, 5, MembershipChange::Add(4));
    cluster.lead_for(1, 150 * CATCH_UP_ROUND_LIMIT + 50);
    assert!(cluster.responses.contains(&(1, 5, ClientResult::ChangeRefused(ChangeRefusal::CatchUpFailed(4)))));
    assert_eq!(cluster.node(1).learners(), [] as [NodeId; 0]);
    assert!(cluster.node(1).progress().iter().all(|(id, _)| *id != 4), "it stops replicating to it");
}

#[test]
fn single_server_mode_takes_one_change_of_one_server_at_a_time() {
    let mut cluster = TestCluster::new(3, RaftOptions::default());
    cluster.elect(1);
    cluster.change(1, 1, MembershipChange::Reconfigure(vec![1, 4, 5]));
    cluster.change(1, 2, MembershipChange::Add(2));
    cluster.change(1, 3, MembershipChange::Remove(7));
    cluster.change(1, 4, MembershipChange::Remove(3));
    cluster.change(1, 5, MembershipChange::Remove(2));
    cluster.change(2, 6, MembershipChange::Remove(2));
    assert_eq!(
        cluster.responses,
        [
            (1, 1, ClientResult::ChangeRefused(ChangeRefusal::MoreThanOne)),
            (1, 2, ClientResult::ChangeRefused(ChangeRefusal::AlreadyVoter(2))),
            (1, 3, ClientResult::ChangeRefused(ChangeRefusal::NotVoter(7))),
            (1, 5, ClientResult::ChangeRefused(ChangeRefusal::InProgress)),
            (2, 6, ClientResult::NotLeader { leader: Some(1) }),
        ]
    );
}

#[test]
fn a_truncated_configuration_gives_way_to_the_one_before() {
    // S2 holds an uncommitted C{1,2} of term 1; S3, elected in term 2, has another entry there.
    let noop = Entry { term: 1, command: Command::Noop };
    let state = |entries: Vec<Entry>| PersistentState {
        current_term: 2,
        voted_for: None,
        log: Log::from_entries(entries),
        snapshot: None,
    };
    let other = Entry { term: 2, command: Command::parse("x=1").unwrap() };
    let mut cluster = TestCluster::with_state(
        RaftOptions { noop_on_election: false, ..RaftOptions::default() },
        vec![state(vec![noop.clone()]), state(vec![noop.clone(), config_entry(1, &[1, 2])]), state(vec![noop, other])],
    );
    assert_eq!(cluster.node(2).configuration().voters(), [1, 2], "restored from its log");
    cluster.elect(3);
    assert_eq!(cluster.node(2).configuration().voters(), [1, 2, 3], "back to the configuration it started with");
    assert!(cluster.events[&2].contains(&Output::ConfigurationChanged { index: 0 }));
}

#[test]
fn joint_consensus_replaces_every_server_and_the_leader() {
    let options = RaftOptions { membership: MembershipMode::Joint, ..RaftOptions::default() };
    let mut cluster = TestCluster::new(3, options);
    cluster.elect(1);
    for id in [4, 5, 6] {
        cluster.join(id);
    }
    cluster.change(1, 9, MembershipChange::Reconfigure(vec![4, 5, 6]));
    cluster.deliver_all();
    cluster.lead_for(1, 100);
    assert_eq!(configurations(&cluster, 5), ["C{1,2,3}→{4,5,6}", "C{4,5,6}"]);
    assert!(cluster.responses.contains(&(1, 9, ClientResult::Committed { index: 3 })), "{:?}", cluster.responses);
    assert_eq!(cluster.node(1).role(), RoleKind::Follower, "not in C_new: it stepped down once C_new committed");
    cluster.elect(4);
    cluster.write(4, 10, "x=1");
    cluster.crash(1);
    cluster.crash(2);
    cluster.crash(3);
    cluster.deliver_all();
    assert_eq!(cluster.node(4).commit_index(), 5, "the new servers commit on their own");
}

#[test]
fn while_joint_a_decision_needs_a_majority_of_each_configuration() {
    let options = RaftOptions { membership: MembershipMode::Joint, ..RaftOptions::default() };
    let mut cluster = TestCluster::new(3, options);
    cluster.elect(1);
    for id in [4, 5] {
        cluster.join(id);
    }
    cluster.change(1, 9, MembershipChange::Reconfigure(vec![1, 4, 5]));
    cluster.deliver_all();
    assert!(cluster.node(1).configuration().is_joint() || configurations(&cluster, 1).len() == 2);
    // From C{1,2,3}→{1,4,5} on, S1 with S4 and S5 alone is no majority of C_old.
    let mut cluster = TestCluster::new(3, RaftOptions { membership: MembershipMode::Joint, ..RaftOptions::default() });
    cluster.elect(1);
    for id in [4, 5] {
        cluster.join(id);
    }
    cluster.isolate(2);
    cluster.isolate(3);
    cluster.change(1, 9, MembershipChange::Reconfigure(vec![1, 4, 5]));
    cluster.deliver_all();
    cluster.lead_for(1, 200);
    assert_eq!(configurations(&cluster, 1), ["C{1,2,3}→{1,4,5}"]);
    assert!(cluster.node(1).commit_index() < cluster.node(1).configuration_index(), "C_old's majority is cut off");
    cluster.heal();
    cluster.lead_for(1, 100);
    assert_eq!(configurations(&cluster, 1), ["C{1,2,3}→{1,4,5}", "C{1,4,5}"]);
}

/// The 2015 counterexample (Ongaro, raft-dev, "bug in single-server membership changes"):
/// four servers; S1 (term 1) adds S5 and reaches only S5; S2 (term 2) removes S4 and reaches
/// only S3, committing C{1,2,3} at index 2 with S2 and S3; S1 comes back and wins term 3 with
/// S4 and S5, a majority of its own C{1,2,3,4,5}, and overwrites the committed C{1,2,3}.
fn race_two_changes_across_terms(unsafe_rules: UnsafeRules) -> TestCluster {
    let options = RaftOptions { noop_on_election: false, unsafe_rules, ..RaftOptions::default() };
    let mut cluster = TestCluster::new(4, options);
    cluster.elect(1);
    cluster.write(1, 1, "x=1");
    cluster.deliver_all();
    cluster.join(5);
    for id in [2, 3, 4] {
        cluster.isolate(id);
    }
    cluster.change(1, 2, MembershipChange::Add(5));
    cluster.deliver_all();
    cluster.crash(1);
    cluster.heal();
    cluster.elect(2);
    cluster.isolate(4);
    cluster.isolate(5);
    cluster.change(2, 3, MembershipChange::Remove(4));
    cluster.deliver_all();
    // S1 comes back; S2 and S3 are cut off while it campaigns.
    cluster.heal();
    cluster.restart(1);
    cluster.isolate(2);
    cluster.isolate(3);
    cluster.timeout(1); // term 2, in which S4 already voted for S2
    cluster.deliver_all();
    cluster.timeout(1); // term 3
    cluster.deliver_all();
    if cluster.node(1).role() == RoleKind::Leader {
        cluster.write(1, 4, "y=1");
        cluster.deliver_all();
        cluster.heal();
        cluster.lead_for(1, 100);
    }
    cluster
}

/// Server `id`'s entry at index 2, as text.
fn entry_2(cluster: &TestCluster, id: NodeId) -> Option<String> {
    cluster.node(id).log().entry(2).map(|entry| entry.command.to_string())
}

#[test]
fn the_2015_bug_lets_two_disjoint_majorities_commit_different_entries_at_one_index() {
    let unsafe_rules = UnsafeRules { reconfig_before_term_commit: true, ..UnsafeRules::default() };
    let cluster = race_two_changes_across_terms(unsafe_rules);
    assert!(
        cluster.responses.contains(&(2, 3, ClientResult::Committed { index: 2 })),
        "S2 committed C{{1,2,3}} at index 2 with S3: {:?}",
        cluster.responses
    );
    assert_eq!(cluster.node(1).role(), RoleKind::Leader, "S1 won term 3 with S4 and S5");
    assert!(cluster.node(1).commit_index() >= 2, "and committed its own index 2");
    for id in [1, 2, 3] {
        assert_eq!(entry_2(&cluster, id).as_deref(), Some("C{1,2,3,4,5}"), "S{id}: the committed C{{1,2,3}} is gone");
    }
}

#[test]
fn the_rule_of_2015_keeps_the_change_waiting_until_the_leader_commits_in_its_term() {
    let cluster = race_two_changes_across_terms(UnsafeRules::default());
    let carried_c123 = cluster.delivered.iter().any(|(_, _, message)| match message {
        raft_core::Message::AppendEntries(request) => {
            request.entries.iter().any(|e| e.command.to_string() == "C{1,2,3}")
        }
        _ => false,
    });
    assert!(!carried_c123, "S2 never appended C{{1,2,3}}: it had committed nothing of term 2");
    let answers: Vec<_> = cluster.responses.iter().filter(|(_, request, _)| *request == 3).collect();
    assert_eq!(answers, [&(2, 3, ClientResult::LeadershipLost)], "it waited, then S2 lost leadership to S1");
    assert_eq!(cluster.node(1).role(), RoleKind::Leader);
    for id in [1, 2, 3, 4, 5] {
        assert_eq!(entry_2(&cluster, id).as_deref(), Some("C{1,2,3,4,5}"), "S{id}");
    }
}
