//! The story: the events a narrator tells, in order, bounded.

use raft_sim::ScenarioExt as _;
use raft_sim::{
    LeaseStanding, OpResult, PreVoteRefusal, Scenario, StoryCategory, StoryEvent, VoteRefusal, STORY_LENGTH,
};

#[test]
fn the_story_tells_elections_commits_faults_and_client_writes_in_order() {
    let scenario = Scenario::from_json(
        r#"{ "version": 1, "seed": 1, "actions": [
            { "at_ms": 600, "do": "write", "node": 1, "command": "x=1" },
            { "at_ms": 1000, "do": "crash", "node": 4 },
            { "at_ms": 1100, "do": "partition", "groups": [[1]] },
            { "at_ms": 1200, "do": "heal" },
            { "at_ms": 1300, "do": "cut", "from": 2, "to": 3 } ] }"#,
    )
    .unwrap();
    let mut sim = scenario.build(false).unwrap();
    sim.run_until(3_000);
    let events: Vec<&StoryEvent> = sim.story().events().map(|(_, e)| e).collect();
    let first = |wanted: fn(&StoryEvent) -> bool| events.iter().position(|e| wanted(e));
    let started = first(|e| matches!(e, StoryEvent::ElectionStarted { .. })).unwrap();
    let won = first(|e| matches!(e, StoryEvent::BecameLeader { node: 4, term: 1 })).unwrap();
    let wrote = first(|e| matches!(e, StoryEvent::ClientWrite { node: 1, .. })).unwrap();
    let done = first(|e| matches!(e, StoryEvent::ClientDone { result: OpResult::Ok, .. })).unwrap();
    let crashed = first(|e| matches!(e, StoryEvent::Crashed { node: 4 })).unwrap();
    assert!(started < won && won < wrote && wrote < done && done < crashed);
    assert!(events.contains(&&StoryEvent::Partitioned { groups: vec![vec![1]] }));
    assert!(events.contains(&&StoryEvent::Healed) && events.contains(&&StoryEvent::Cut { from: 2, to: 3 }));
    assert!(events.iter().any(|e| e.category() == StoryCategory::Log), "the leader's commits are told");
    let times: Vec<u64> = sim.story().events().map(|(at, _)| *at).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn the_story_keeps_only_its_latest_events() {
    let mut sim = Scenario::new(2).build(false).unwrap();
    sim.run_until(1_000);
    for i in 0..STORY_LENGTH {
        let leader = sim.leader().unwrap();
        sim.write(leader, &format!("k={i}"), 1).unwrap();
        sim.run_until(sim.now() + 50);
    }
    assert_eq!(sim.story().events().count(), STORY_LENGTH);
}

#[test]
fn a_leader_told_to_time_out_is_told_as_a_leader_not_as_a_timer_firing() {
    for pre_vote in [false, true] {
        let json = format!(r#"{{ "version": 1, "seed": 1, "options": {{ "pre_vote": {pre_vote} }} }}"#);
        let mut sim = Scenario::from_json(&json).unwrap().build(false).unwrap();
        sim.run_until(1_000);
        let leader = sim.leader().expect("a leader by 1 s");
        let term = sim.node(leader).unwrap().node().current_term();
        let told_before = sim.story().events().count();
        sim.apply(raft_sim::Action::Timeout { node: leader }).unwrap();
        let told: Vec<StoryEvent> = sim.story().events().skip(told_before).map(|(_, e)| e.clone()).collect();
        assert_eq!(
            told.first(),
            Some(&StoryEvent::LeaderTimedOut { node: leader, term: term + 1, pre_vote }),
            "{pre_vote}: {told:?}"
        );
        assert!(!told
            .iter()
            .any(|e| matches!(e, StoryEvent::ElectionStarted { .. } | StoryEvent::PreVoteStarted { .. })));
        // A follower told to time out is told as its timer firing, as before.
        let follower = (1..=5).find(|&id| id != leader).unwrap();
        let told_before = sim.story().events().count();
        sim.apply(raft_sim::Action::Timeout { node: follower }).unwrap();
        let first = sim.story().events().nth(told_before).map(|(_, e)| e.clone());
        assert!(
            matches!(first, Some(StoryEvent::ElectionStarted { node, .. } | StoryEvent::PreVoteStarted { node, .. }) if node == follower),
            "{pre_vote}: {first:?}"
        );
    }
}

#[test]
fn a_step_down_in_its_own_term_is_told_apart_from_seeing_a_later_term() {
    // The largest-id rule broken: two servers lead term 1, and each meets the other's
    // AppendEntries; neither saw a later term.
    let scenario = Scenario::from_json(include_str!("../../raft-web/presets/break-largest-id.json")).unwrap();
    let mut sim = scenario.build(false).unwrap();
    sim.run_until(100);
    let events: Vec<&StoryEvent> = sim.story().events().map(|(_, e)| e).collect();
    assert!(events.iter().any(|e| matches!(e, StoryEvent::MetLeaderOfItsTerm { term: 1, .. })), "{events:?}");
    assert!(!events.iter().any(|e| matches!(e, StoryEvent::SteppedDown { term: 1, .. })), "{events:?}");
    // A later term is still told as one.
    let scenario = Scenario::from_json(
        r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 600, "do": "timeout", "node": 2 } ] }"#,
    )
    .unwrap();
    let mut sim = scenario.build(false).unwrap();
    sim.run_until(700);
    let events: Vec<&StoryEvent> = sim.story().events().map(|(_, e)| e).collect();
    assert!(events.iter().any(|e| matches!(e, StoryEvent::SteppedDown { term: 2, .. })), "{events:?}");
}

#[test]
fn each_vote_the_winner_counted_is_told_once_and_no_server_votes_twice_in_a_term() {
    let mut sim = Scenario::new(5).build(false).unwrap();
    sim.run_until(1_000);
    let leader = sim.leader().expect("a leader by 1 s");
    let term = sim.node(leader).unwrap().node().current_term();
    let votes: Vec<(u32, u32, u64)> = sim
        .story()
        .events()
        .filter_map(|(_, e)| match e {
            StoryEvent::VoteGranted { node, candidate, term, .. } => Some((*node, *candidate, *term)),
            _ => None,
        })
        .collect();
    let for_leader = votes.iter().filter(|(_, candidate, t)| *candidate == leader && *t == term).count();
    assert!(for_leader >= 2, "a majority of 5 is the leader and 2 others: {votes:?}");
    let mut voters: Vec<(u32, u64)> = votes.iter().map(|(node, _, term)| (*node, *term)).collect();
    voters.sort_unstable();
    let before = voters.len();
    voters.dedup();
    assert_eq!(voters.len(), before, "one vote per server and term: {votes:?}");
    assert!(
        votes.iter().all(|(node, candidate, _)| node != candidate),
        "a candidate's vote for itself is not a grant told"
    );
    assert!(votes.iter().all(|(node, _, _)| sim.node(*node).is_some()));
}

#[test]
fn refused_votes_are_told_with_their_reasons_in_the_presets() {
    let presets = concat!(env!("CARGO_MANIFEST_DIR"), "/../raft-web/presets");
    let mut seen = [false; 3];
    for entry in std::fs::read_dir(presets).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let mut sim = Scenario::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap().build(false).unwrap();
        sim.run_until(3_000);
        for (_, event) in sim.story().events() {
            let StoryEvent::VoteRefused { node, candidate, term, reason } = event else { continue };
            assert_ne!(node, candidate, "{path:?}");
            assert_eq!(event.category(), StoryCategory::Elections);
            match reason {
                VoteRefusal::StaleTerm { request_term } => {
                    assert!(request_term < term, "{path:?}: {event:?}");
                    seen[0] = true;
                }
                VoteRefusal::VotedFor(voted) => {
                    assert_ne!(voted, candidate, "{path:?}: {event:?}");
                    seen[1] = true;
                }
                VoteRefusal::LogBehind => seen[2] = true,
            }
        }
    }
    // (A request of a stale term comes late and rarely: raft-core's tests give that reason.)
    assert!(seen[1] && seen[2], "already voted, log behind: {seen:?}");
}

#[test]
fn a_leader_backing_off_a_follower_whose_log_diverges_is_told_with_each_new_next_index() {
    let figure_7 =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../raft-web/presets/figure-7.json")).unwrap();
    let mut sim = Scenario::from_json(&figure_7).unwrap().build(false).unwrap();
    sim.run_until(1_000);
    let mut backed: Vec<(u32, u32, u64)> = Vec::new();
    for (_, event) in sim.story().events() {
        if let StoryEvent::NextIndexBackedOff { leader, follower, next_index, equal_commit } = event {
            assert!(!equal_commit, "Figure 7 keeps the consistency check");
            backed.push((*leader, *follower, *next_index));
            assert_eq!(event.category(), StoryCategory::Log);
        }
    }
    assert!(!backed.is_empty(), "Figure 7's followers a–f lack or disagree with the leader's entries");
    // Each refusal is told where it happens too, by the follower, with what did not match.
    let mut refused: Vec<(u32, u32)> = Vec::new();
    for (_, event) in sim.story().events() {
        if let StoryEvent::AppendEntriesRefused { follower, leader, term, own_term, equal_commit, .. } = event {
            assert!(!equal_commit && *own_term != Some(*term), "{event:?}: a real mismatch");
            assert_eq!(event.category(), StoryCategory::Log);
            refused.push((*leader, *follower));
        }
    }
    assert!(refused.iter().any(|pair| backed.iter().any(|(l, f, _)| (*l, *f) == *pair)));
    assert!(refused.len() >= backed.len(), "a back-off per refusal at most: {refused:?} {backed:?}");
    // For each follower of one leader, nextIndex only moves back, one told step after another.
    for &(leader, follower, _) in &backed {
        let steps: Vec<u64> =
            backed.iter().filter(|(l, f, _)| (*l, *f) == (leader, follower)).map(|(_, _, next)| *next).collect();
        assert!(steps.windows(2).all(|w| w[1] < w[0]), "S{leader} → S{follower}: {steps:?}");
    }
}

#[test]
fn a_vote_granted_under_a_broken_rule_says_which_rule_it_broke() {
    let preset = |id: &str| {
        let path = format!("{}/../raft-web/presets/{id}.json", env!("CARGO_MANIFEST_DIR"));
        let mut sim = Scenario::from_json(&std::fs::read_to_string(path).unwrap()).unwrap().build(false).unwrap();
        sim.run_until(3_000);
        sim.story().events().map(|(_, e)| e.clone()).collect::<Vec<_>>()
    };
    let highest = preset("break-largest-id");
    assert!(
        highest.iter().any(
            |e| matches!(e, StoryEvent::VoteGranted { replaced: Some(earlier), candidate, .. } if earlier < candidate)
        ),
        "a second vote in a term, for a higher id"
    );
    let restriction = preset("break-election-restriction");
    assert!(restriction.iter().any(|e| matches!(e, StoryEvent::VoteGranted { log_behind: true, .. })));
    // With every rule kept, no grant breaks one.
    for id in ["figure-7", "figure-8", "split-vote", "leader-crash"] {
        let told = preset(id);
        assert!(
            !told.iter().any(|e| matches!(
                e,
                StoryEvent::VoteGranted { replaced: Some(_), .. } | StoryEvent::VoteGranted { log_behind: true, .. }
            )),
            "{id}"
        );
    }
}

#[test]
fn a_read_index_read_held_for_an_entry_of_the_leaders_term_is_told_and_then_answered() {
    for noop in [false, true] {
        let json = format!(
            r#"{{ "version": 1, "seed": 1, "options": {{ "noop_on_election": {noop}, "read_mode": "read_index" }} }}"#
        );
        let mut sim = Scenario::from_json(&json).unwrap().build(false).unwrap();
        sim.run_until(600);
        let leader = sim.leader().expect("a leader by 0.6 s");
        sim.apply(raft_sim::Action::Read { node: leader, key: "x".into(), client: 1 }).unwrap();
        sim.run_until(900);
        sim.write(leader, "x=1", 2).unwrap();
        sim.run_until(2_000);
        let told: Vec<StoryEvent> = sim.story().events().map(|(_, e)| e.clone()).collect();
        let held = told.iter().position(|e| matches!(e, StoryEvent::ReadHeld { key, .. } if key == "x"));
        let done = told.iter().position(|e| matches!(e, StoryEvent::ReadDone { result: raft_sim::OpResult::Ok, .. }));
        let written = told.iter().position(|e| matches!(e, StoryEvent::ClientWrite { .. }));
        assert!(done.is_some() && written.is_some(), "{noop}: {told:?}");
        if noop {
            // The no-op committed at once: the leader held nothing, and answered before the write.
            assert!(held.is_none() && done < written, "{told:?}");
        } else {
            assert!(held.is_some() && held < written && written < done, "{told:?}");
        }
    }
}

#[test]
fn a_read_index_read_is_told_taken_confirmed_by_a_majority_and_answered_and_a_lease_read_needs_no_round() {
    for mode in ["read_index", "lease"] {
        let json =
            format!(r#"{{ "version": 1, "seed": 1, "options": {{ "read_mode": "{mode}", "check_quorum": true }} }}"#);
        let mut sim = Scenario::from_json(&json).unwrap().build(false).unwrap();
        sim.run_until(600);
        let leader = sim.leader().expect("a leader by 0.6 s");
        sim.apply(raft_sim::Action::Read { node: leader, key: "x".into(), client: 1 }).unwrap();
        sim.run_until(1_000);
        let told: Vec<StoryEvent> = sim.story().events().map(|(_, e)| e.clone()).collect();
        let taken = told
            .iter()
            .position(|e| matches!(e, StoryEvent::ReadIndexSet { leader: by, key, .. } if *by == leader && key == "x"));
        let confirmed = told.iter().position(|e| matches!(e, StoryEvent::ReadRoundConfirmed { reads: 1, .. }));
        let done = told.iter().position(|e| matches!(e, StoryEvent::ReadDone { result: raft_sim::OpResult::Ok, .. }));
        let Some(StoryEvent::ReadIndexSet { round, lease, .. }) = taken.map(|at| &told[at]) else {
            panic!("{mode}: {told:?}")
        };
        if mode == "lease" {
            // A majority answered a round within the shortest election timeout: the lease holds.
            assert!(*round == 0 && matches!(lease, Some(LeaseStanding::Holds { until }) if *until > 600), "{told:?}");
            assert!(confirmed.is_none() && taken < done, "{told:?}");
        } else {
            assert!(*round > 0 && lease.is_none(), "{told:?}");
            assert!(taken < confirmed && confirmed < done, "{told:?}");
        }
    }
}

#[test]
fn a_lease_leader_that_sent_timeout_now_takes_a_read_with_a_round_saying_it_gave_its_lease_up() {
    let json = r#"{ "version": 1, "seed": 1, "options": { "read_mode": "lease", "check_quorum": true } }"#;
    let mut sim = Scenario::from_json(json).unwrap().build(false).unwrap();
    sim.run_until(600);
    let leader = sim.leader().expect("a leader by 0.6 s");
    let other = if leader == 1 { 2 } else { 1 };
    // The link to the target is cut: the TimeoutNow sent at once (its log matches) is lost,
    // the transfer is given up an election timeout later, and the leader leads on in its term
    // without its lease.
    sim.apply(raft_sim::Action::Cut { from: leader, to: other }).unwrap();
    sim.apply(raft_sim::Action::Transfer { node: other }).unwrap();
    sim.run_until(1_000);
    sim.apply(raft_sim::Action::Mend { from: leader, to: other }).unwrap();
    assert!(told_of(&sim, |e| matches!(e, StoryEvent::TimeoutNowSent { .. })));
    assert_eq!(sim.leader(), Some(leader));
    sim.apply(raft_sim::Action::Read { node: leader, key: "x".into(), client: 1 }).unwrap();
    sim.run_until(1_100);
    let told: Vec<StoryEvent> = sim.story().events().map(|(_, e)| e.clone()).collect();
    let lease = told.iter().find_map(|e| match e {
        StoryEvent::ReadIndexSet { lease, round, .. } => Some((*lease, *round)),
        _ => None,
    });
    assert!(matches!(lease, Some((Some(LeaseStanding::GivenUp), round)) if round > 0), "{lease:?}: {told:?}");
}

fn told_of(sim: &raft_sim::Simulation, what: impl Fn(&StoryEvent) -> bool) -> bool {
    sim.story().events().any(|(_, e)| what(e))
}

#[test]
fn a_lease_stands_by_its_end_and_whether_it_was_given_up() {
    assert_eq!(LeaseStanding::of(900, false, 700), LeaseStanding::Holds { until: 900 });
    assert_eq!(LeaseStanding::of(0, false, 700), LeaseStanding::NotYet);
    assert_eq!(LeaseStanding::of(650, false, 700), LeaseStanding::RanOut { at: 650 });
    assert_eq!(LeaseStanding::of(900, true, 700), LeaseStanding::GivenUp);
}

#[test]
fn a_read_index_read_at_an_isolated_leader_is_taken_and_never_confirmed() {
    let json = r#"{ "version": 1, "seed": 1, "options": { "read_mode": "read_index" } }"#;
    let mut sim = Scenario::from_json(json).unwrap().build(false).unwrap();
    sim.run_until(600);
    let leader = sim.leader().expect("a leader by 0.6 s");
    sim.apply(raft_sim::Action::Partition { groups: vec![vec![leader]] }).unwrap();
    sim.apply(raft_sim::Action::Read { node: leader, key: "x".into(), client: 1 }).unwrap();
    sim.run_until(1_500);
    let told: Vec<StoryEvent> = sim.story().events().map(|(_, e)| e.clone()).collect();
    assert!(told.iter().any(|e| matches!(e, StoryEvent::ReadIndexSet { round, .. } if *round > 0)), "{told:?}");
    assert!(!told.iter().any(|e| matches!(e, StoryEvent::ReadRoundConfirmed { .. })), "{told:?}");
}

#[test]
fn a_refused_pre_vote_is_told_with_the_leader_the_server_still_hears() {
    // PreVote on: S2 is cut off, then comes back asking for pre-votes; the servers hear from
    // the leader and refuse, naming it (thesis §9.6).
    let scenario = Scenario::from_json(
        r#"{ "version": 1, "seed": 1, "options": { "pre_vote": true }, "actions": [
            { "at_ms": 1000, "do": "partition", "groups": [[2]] },
            { "at_ms": 4000, "do": "heal" } ] }"#,
    )
    .unwrap();
    let mut sim = scenario.build(false).unwrap();
    sim.run_until(6_000);
    let leader = sim.leader().unwrap();
    let refusals: Vec<_> = sim
        .story()
        .events()
        .filter_map(|(at, event)| match event {
            StoryEvent::PreVoteRefused { node, candidate: 2, reason, .. } if *at >= 4_000 => Some((*node, *reason)),
            _ => None,
        })
        .collect();
    assert!(!refusals.is_empty(), "S2's pre-votes after the heal are refused");
    for (node, reason) in &refusals {
        assert_ne!(*node, 2);
        assert_eq!(*reason, PreVoteRefusal::LeaderAlive { leader }, "S{node}");
    }
    assert!(sim.story().events().all(|(_, e)| !matches!(e, StoryEvent::ElectionStarted { node: 2, .. })));
}

#[test]
fn a_hand_over_tells_the_redirected_write_and_one_timeout_now() {
    // The leadership-transfer lesson's run: S4 hands over to S2 as S2 restarts; z=3, sent to
    // S4 a moment later, is turned away towards S2 (§8), and S4 sends TimeoutNow once S2's log
    // matches (thesis §3.10). It sends it again at the next reply: the story tells the first.
    let scenario = Scenario::from_json(
        r#"{ "version": 1, "seed": 1, "actions": [
            { "at_ms": 600, "do": "write", "node": 4, "command": "x=1" },
            { "at_ms": 700, "do": "crash", "node": 2 },
            { "at_ms": 800, "do": "write", "node": 4, "command": "y=2" },
            { "at_ms": 1400, "do": "restart", "node": 2 },
            { "at_ms": 1400, "do": "transfer", "node": 2 },
            { "at_ms": 1401, "do": "write", "node": 4, "command": "z=3" } ] }"#,
    )
    .unwrap();
    let mut sim = scenario.build(false).unwrap();
    sim.run_until(1_500);
    let events: Vec<&StoryEvent> = sim.story().events().map(|(_, e)| e).collect();
    let at = |wanted: &StoryEvent| events.iter().position(|e| *e == wanted);
    let redirected = StoryEvent::ClientRedirected { op: 3, from: 4, to: 2, command: "z=3".to_owned(), change: None };
    let sent = StoryEvent::TimeoutNowSent { leader: 4, to: 2 };
    let started = at(&StoryEvent::TransferStarted { leader: 4, to: 2 }).unwrap();
    assert!(started < at(&redirected).expect("the write turned away towards S2"));
    let told = at(&sent).expect("TimeoutNow told");
    assert!(told < at(&StoryEvent::TransferElection { node: 2, term: 2 }).unwrap());
    assert_eq!(events.iter().filter(|e| ***e == sent).count(), 1, "told once");
    assert_eq!(events[told].category(), StoryCategory::Elections);
    assert_eq!(events[at(&redirected).unwrap()].category(), StoryCategory::Client);
}
