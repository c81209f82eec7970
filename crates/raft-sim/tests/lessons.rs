//! The guided lessons (issue 18): every lesson file beside the presets is valid, is named
//! after its id, and every step's moment is reachable within the page's replay budget, with
//! the servers and messages it points at there; and each step says what the run shows.

use raft_sim::{History, Lesson, Property, RoleKind, Simulation};

const LESSONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../raft-web/lessons");

/// Every lesson file, by file name.
fn lessons() -> Vec<(String, Lesson)> {
    let mut files: Vec<_> = std::fs::read_dir(LESSONS).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let lesson = Lesson::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.file_stem().unwrap().to_string_lossy().into_owned(), lesson)
        })
        .collect()
}

/// The run of `lesson` at each of its steps' moments, as the page reaches them (a step that
/// brings a run of its own starts it).
fn moments(lesson: &Lesson) -> Vec<Simulation> {
    let mut history = History::new(lesson.scenario.clone()).unwrap();
    lesson
        .steps
        .iter()
        .map(|step| {
            if let Some(run) = &step.scenario {
                history = History::new((**run).clone()).unwrap();
            }
            history.seek_within_budget(step.at_ms).unwrap_or_else(|e| panic!("{} at {}: {e:?}", lesson.id, step.at_ms));
            assert_eq!(history.now(), step.at_ms);
            history.sim().clone()
        })
        .collect()
}

#[test]
fn every_lesson_is_valid_and_every_step_shows_what_it_points_at() {
    let lessons = lessons();
    assert!(!lessons.is_empty());
    for (file, lesson) in &lessons {
        assert_eq!(file, &lesson.id, "a lesson file is named after its id");
        for (step, sim) in lesson.steps.iter().zip(moments(lesson)) {
            for &node in &step.highlight.nodes {
                assert!(sim.node(node).is_some(), "{file} at {}: no server {node}", step.at_ms);
            }
            for &message in &step.highlight.messages {
                assert!(
                    sim.network().get(message).is_some(),
                    "{file} at {}: message {message} not in flight",
                    step.at_ms
                );
            }
            for &(node, index) in &step.highlight.entries {
                let last = sim.node(node).map_or(0, |n| n.node().log().last_index());
                assert!(index >= 1 && index <= last, "{file} at {}: S{node} has no entry {index}", step.at_ms);
            }
        }
    }
}

#[test]
fn a_step_that_offers_to_explore_names_a_goal_that_a_search_from_its_moment_reaches() {
    let mut offers = 0;
    for (file, lesson) in lessons() {
        for (index, step) in lesson.steps.iter().enumerate() {
            let Some(name) = &step.explore else { continue };
            offers += 1;
            let goal =
                raft_sim::Goal::named(name).unwrap_or_else(|| panic!("{file} step {}: no goal {name}", index + 1));
            // The page's search, from the step's moment: its default bounds.
            let mut settings = raft_sim::CheckSettings::from_scenario(lesson.run_of(index).clone(), step.at_ms);
            settings.bounds = raft_sim::EventBounds { crashes: 1, writes: 1, ..raft_sim::EventBounds::NONE };
            settings.goal = goal;
            settings.max_states = 200_000;
            let mut checker = raft_sim::ModelChecker::new(settings).unwrap();
            while !checker.run(10_000) {}
            assert!(checker.violation().is_some(), "{file} step {}: no run to {name} found", index + 1);
        }
    }
    assert!(offers >= 3, "the election, replication and misconceptions lessons offer the model checker");
}

#[test]
fn the_lessons_speak_the_seed_articles_words() {
    let all_zh: String = lessons()
        .iter()
        .flat_map(|(_, lesson)| {
            let steps = lesson.steps.iter().map(|step| format!("{}{}", step.title.zh, step.text.zh));
            std::iter::once(lesson.title.zh.clone()).chain(steps)
        })
        .collect();
    for word in ["选主", "日志复制", "任期", "心跳"] {
        assert!(all_zh.contains(word), "the lessons' 中文 never says {word}");
    }
}

#[test]
fn the_election_lesson_says_what_its_run_shows() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "election").unwrap();
    let role = |sim: &Simulation, id| sim.node(id).map(|n| (n.node().role(), n.node().current_term()));
    let at = moments(&lesson);
    // Two candidates of term 1.
    assert_eq!((role(&at[0], 1), role(&at[0], 3)), (Some((RoleKind::Candidate, 1)), Some((RoleKind::Candidate, 1))));
    // The split vote: no leader, S2 voted for S3 and S4 for S1.
    assert_eq!(at[1].leader(), None);
    let voted = |id| at[1].node(id).unwrap().node().persistent_state().voted_for;
    assert_eq!((voted(2), voted(4)), (Some(3), Some(1)));
    // S3 campaigns first in term 2, then leads it; later it is still the leader.
    assert_eq!(role(&at[2], 3), Some((RoleKind::Candidate, 2)));
    assert_eq!((at[3].leader(), role(&at[3], 3)), (Some(3), Some((RoleKind::Leader, 2))));
    assert_eq!(at[4].leader(), Some(3));
    // Its heartbeats are on their way to every follower: the step points at them.
    let heartbeats: Vec<_> = at[4].network().in_flight().map(|m| (m.id, m.from, m.payload.kind())).collect();
    let kind = raft_sim::PayloadKind::AppendEntries;
    assert_eq!(heartbeats, vec![(91, 3, kind), (92, 3, kind), (93, 3, kind)]);
}

#[test]
fn the_replication_lesson_says_what_its_run_shows() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "replication").unwrap();
    let at = moments(&lesson);
    let last = |sim: &Simulation, id| sim.node(id).unwrap().node().log().last_index();
    let commit = |sim: &Simulation, id| sim.node(id).unwrap().node().commit_index();
    assert_eq!(at[0].node(1).unwrap().node().role(), RoleKind::Candidate);
    assert_eq!(at[1].leader(), Some(1));
    // At 150 ms S5 and S2 hold all eight entries, S4 not yet.
    assert_eq!((last(&at[3], 5), last(&at[3], 2)), (8, 8));
    assert!(last(&at[3], 4) < 8);
    // At 230 ms every log holds eight entries, none committed.
    assert!((1..=5).all(|id| last(&at[4], id) == 8));
    assert_eq!(commit(&at[4], 1), 0, "entry 8 is of term 3: not committed by counting");
    // At 700 ms x=6 at index 9 committed, and entry 8 with it.
    assert_eq!((last(&at[5], 1), commit(&at[5], 1)), (9, 9));
}

#[test]
fn the_crashes_lesson_says_what_its_run_shows() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "crashes").unwrap();
    let at = moments(&lesson);
    let log =
        |sim: &Simulation, id| -> Vec<u64> { sim.node(id).unwrap().node().log().entries().map(|e| e.term).collect() };
    assert_eq!(log(&at[1], 7)[3..], [2, 2, 2, 3, 3, 3, 3, 3], "(f)'s entries of terms 2 and 3");
    // S1 leads term 8 without (c)'s and (d)'s votes.
    assert_eq!(at[2].leader(), Some(1));
    let voted = |id| at[2].node(id).unwrap().node().persistent_state().voted_for;
    assert!(voted(4) != Some(1) && voted(5) != Some(1));
    assert!([2, 6, 7].iter().all(|&id| voted(id) == Some(1)));
    // (c) and (d) replaced their extra entries with the leader's.
    assert_eq!((log(&at[3], 4)[10], log(&at[3], 5)[10], log(&at[3], 5).len()), (8, 8, 11));
    assert_eq!(at[4].node(1).unwrap().node().commit_index(), 11);
    // Every log is the leader's at the end.
    let leader = log(&at[5], 1);
    assert!((2..=7).all(|id| log(&at[5], id) == leader), "{:?}", (1..=7).map(|id| log(&at[5], id)).collect::<Vec<_>>());
}

#[test]
fn the_safety_lesson_says_what_its_run_shows() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "safety").unwrap();
    let at = moments(&lesson);
    let term_at_2 = |sim: &Simulation, id| sim.node(id).unwrap().node().log().term_at(2);
    assert_eq!(at[1].leader(), Some(1));
    // Index 2 of term 2 on a majority, not committed.
    assert!([1, 2, 3].iter().all(|&id| term_at_2(&at[2], id) == Some(2)));
    assert_eq!(at[2].node(1).unwrap().node().commit_index(), 0);
    assert!(!at[3].node(1).unwrap().is_up());
    assert_eq!(at[4].leader(), Some(5));
    assert!([2, 3, 4].iter().all(|&id| term_at_2(&at[5], id) == Some(3)), "S5's entry replaced index 2");
    assert!(at[5].violations().is_empty(), "nothing committed was lost");
}

#[test]
fn the_replicated_state_machine_lesson_says_what_its_run_shows() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "replicated-state-machine").unwrap();
    let at = moments(&lesson);
    let node = |sim: &Simulation, id| sim.node(id).unwrap().node().clone();
    assert_eq!(node(&at[0], 1).role(), RoleKind::Candidate);
    assert_eq!((at[1].leader(), node(&at[1], 1).current_term(), node(&at[1], 1).log().last_index()), (Some(1), 1, 1));
    assert_eq!(node(&at[2], 1).log().last_index(), 2);
    // Committed and applied on the leader, stored but not applied on a follower.
    assert_eq!((node(&at[3], 1).commit_index(), node(&at[3], 1).kv().get("x")), (2, Some("1")));
    let lagging =
        (2..=5).find(|&id| node(&at[3], id).log().last_index() == 2 && node(&at[3], id).kv().get("x").is_none());
    assert!(lagging.is_some(), "a follower holds x=1 without having applied it");
    for id in 1..=5 {
        let kv: Vec<(String, String)> = node(&at[4], id).kv().entries().map(|(k, v)| (k.into(), v.into())).collect();
        assert_eq!(kv, [("x".into(), "1".into()), ("y".into(), "2".into())], "S{id}");
    }
}

#[test]
fn the_misconceptions_lesson_breaks_one_property_with_each_of_the_articles_rules() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "misconceptions").unwrap();
    let at = moments(&lesson);
    let broken = |sim: &Simulation| sim.violations().iter().map(|v| v.property).collect::<Vec<_>>();
    assert_eq!(at[1].node(2).unwrap().node().persistent_state().voted_for, Some(3), "S2 voted again");
    assert!(broken(&at[1]).is_empty());
    assert_eq!(broken(&at[2]), [Property::ElectionSafety]);
    // The second run: S1 leads term 4, S2's log differs before the entry they share.
    assert_eq!(lesson.run_of(3).nodes, 3);
    assert_eq!((at[3].leader(), at[3].node(1).unwrap().node().current_term()), (Some(1), 4));
    assert!(broken(&at[3]).is_empty() && broken(&at[4]).is_empty());
    let terms = |id| -> Vec<u64> { at[5].node(id).unwrap().node().log().entries().map(|e| e.term).collect() };
    assert_eq!((terms(1), terms(2)), (vec![1, 1, 3, 4], vec![1, 2, 3, 4]));
    assert!(broken(&at[5]).contains(&Property::LogMatching));
}

#[test]
fn the_pre_vote_lesson_shows_terms_inflating_without_it_and_not_with_it() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "pre-vote").unwrap();
    let at = moments(&lesson);
    let state = |sim: &Simulation, id| sim.node(id).map(|n| (n.node().role(), n.node().current_term())).unwrap();
    assert_eq!(at[0].leader(), Some(4));
    assert_eq!(state(&at[1], 2), (RoleKind::Candidate, 13));
    assert_eq!((at[1].leader(), state(&at[1], 4)), (Some(4), (RoleKind::Leader, 1)));
    assert_eq!((at[2].leader(), state(&at[2], 2)), (Some(2), (RoleKind::Leader, 15)));
    // With PreVote: S2 is a pre-candidate of term 1, then follows S5, in term 1.
    assert!(lesson.run_of(3).options.pre_vote);
    assert_eq!((at[3].leader(), state(&at[3], 2)), (Some(5), (RoleKind::PreCandidate, 1)));
    assert_eq!((at[4].leader(), state(&at[4], 2)), (Some(5), (RoleKind::Follower, 1)));
}

#[test]
fn the_leadership_transfer_lesson_says_what_its_run_shows() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "leadership-transfer").unwrap();
    let at = moments(&lesson);
    let last = |sim: &Simulation, id| sim.node(id).unwrap().node().log().last_index();
    assert!(at[0].leader() == Some(4) && !at[0].node(2).unwrap().is_up());
    assert!(last(&at[1], 2) < last(&at[1], 4), "S2 is behind when the transfer is asked");
    assert_eq!(last(&at[2], 2), last(&at[2], 4));
    let timeout_now = at[2].network().get(233).map(|m| m.payload.kind());
    assert_eq!(timeout_now, Some(raft_sim::PayloadKind::TimeoutNow));
    assert_eq!((at[3].leader(), at[3].node(2).unwrap().node().current_term()), (Some(2), 2));
    assert_eq!(at[3].node(4).unwrap().node().role(), RoleKind::Follower);
}

#[test]
fn the_check_quorum_lesson_shows_a_minority_leader_without_and_with_it() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "check-quorum").unwrap();
    let at = moments(&lesson);
    let role = |sim: &Simulation, id| sim.node(id).map(|n| (n.node().role(), n.node().current_term())).unwrap();
    let write = |sim: &Simulation| sim.client_ops().next().map(|op| op.result);
    assert_eq!(role(&at[1], 4), (RoleKind::Leader, 1));
    assert_eq!(role(&at[1], 5), (RoleKind::Leader, 3));
    assert_eq!(write(&at[2]), Some(None), "the write to S4 waits");
    assert!(lesson.run_of(3).options.check_quorum);
    assert_eq!(role(&at[3], 4).0, RoleKind::Follower);
    assert_eq!(write(&at[4]), Some(Some(raft_sim::OpResult::NoLeader)));
}

#[test]
fn the_snapshots_lesson_says_what_its_run_shows() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "snapshots").unwrap();
    let at = moments(&lesson);
    let log = |sim: &Simulation, id| sim.node(id).unwrap().node().log().clone();
    assert!(!at[0].node(2).unwrap().is_up());
    assert_eq!(log(&at[1], 4).snapshot_index(), 5);
    assert_eq!(at[1].network().get(284).map(|m| m.payload.kind()), Some(raft_sim::PayloadKind::InstallSnapshot));
    assert_eq!(log(&at[2], 2).snapshot_index(), 5);
    assert_eq!((log(&at[3], 2).last_index(), log(&at[3], 4).last_index()), (8, 8));
}

#[test]
fn the_reads_lesson_shows_a_stale_read_and_readindex_refusing_it() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "reads").unwrap();
    let at = moments(&lesson);
    let linearizable =
        |sim: &Simulation| matches!(sim.linearizability(), raft_sim::Linearizability::Linearizable { .. });
    let read = |sim: &Simulation, node| {
        sim.client_ops()
            .find(|op| op.kind == raft_sim::OpKind::Read && op.node == node)
            .map(|op| (op.result, op.value.clone()))
    };
    let s4 = at[0].node(4).unwrap().node();
    assert_eq!((s4.role(), s4.current_term()), (RoleKind::Leader, 1));
    assert_eq!(at[0].node(1).unwrap().node().role(), RoleKind::Leader);
    assert!(linearizable(&at[0]));
    assert_eq!(read(&at[1], 4), Some((Some(raft_sim::OpResult::Ok), Some(Some("1".into())))));
    assert!(!linearizable(&at[1]), "the stale read turns it red");
    assert_eq!(lesson.run_of(2).options.read_mode, raft_sim::ReadMode::ReadIndex);
    assert_eq!(read(&at[2], 4), Some((None, None)), "S4 cannot confirm its leadership");
    assert_eq!(read(&at[3], 1), Some((Some(raft_sim::OpResult::Ok), Some(Some("2".into())))));
    assert!(linearizable(&at[3]));
}

#[test]
fn the_membership_lesson_says_what_its_run_shows() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "membership").unwrap();
    let at = moments(&lesson);
    let voters = |sim: &Simulation, id| sim.node(id).unwrap().node().configuration().voters().to_vec();
    let commit = |sim: &Simulation| sim.node(1).unwrap().node().commit_index();
    assert_eq!((voters(&at[0], 1), voters(&at[0], 4)), (vec![1, 2, 3], vec![]), "S4 is a learner");
    assert!((1..=4).all(|id| voters(&at[1], id) == [1, 2, 3, 4]), "every server follows the new configuration");
    assert_eq!((commit(&at[1]), commit(&at[2])), (4, 5), "appended, then committed");
    assert!(at[3].node(5).is_some() && voters(&at[3], 1) == [1, 2, 3, 4], "S5 waits as a learner");
    assert!((1..=5).all(|id| voters(&at[4], id) == [1, 2, 3, 4, 5]));
    assert_eq!(commit(&at[4]), 6);
}

#[test]
fn the_timing_lesson_shows_elections_failing_on_a_slow_network_and_succeeding_on_a_fast_one() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "timing").unwrap();
    let at = moments(&lesson);
    let state = |sim: &Simulation, id| sim.node(id).map(|n| (n.node().role(), n.node().current_term())).unwrap();
    let voted = |sim: &Simulation, id| sim.node(id).unwrap().node().persistent_state().voted_for;
    // 100 to 150 ms a message: at 300 ms five candidates of term 1, each with its own vote.
    assert_eq!(lesson.run_of(0).options.latency_ms, [100, 150]);
    for id in 1..=5 {
        assert_eq!((state(&at[1], id), voted(&at[1], id)), ((RoleKind::Candidate, 1), Some(id)));
    }
    // At 3 s: no leader, terms at 14.
    let top = |sim: &Simulation| sim.nodes().map(|n| n.node().current_term()).max().unwrap();
    assert_eq!((at[2].leader(), top(&at[2])), (None, 14));
    // The one leader of those three seconds: S1, term 8, from 1.819 s to 1.953 s, deposed by
    // S2, which timed out at 1.835 s, before S1's first heartbeat reached it at 1.943 s.
    let seek = |run: &raft_sim::Scenario, ms| {
        let mut history = History::new(run.clone()).unwrap();
        history.seek(ms);
        history.sim().clone()
    };
    let slow = lesson.run_of(0);
    assert_eq!(state(&seek(slow, 1818), 1), (RoleKind::Candidate, 8));
    assert_eq!(state(&seek(slow, 1819), 1), (RoleKind::Leader, 8));
    assert_eq!(state(&seek(slow, 1835), 2), (RoleKind::Candidate, 9));
    assert_eq!(state(&seek(slow, 1952), 1), (RoleKind::Leader, 8));
    assert_eq!(state(&seek(slow, 1953), 1), (RoleKind::Follower, 9));
    // 50 to 100 ms: S2 leads term 4 from 0.925 s to 1.041 s, deposed by S1's term 5; S5
    // leads term 7 from 1.366 s.
    let twice = lesson.run_of(3);
    assert_eq!(twice.options.latency_ms, [50, 100]);
    assert_eq!(state(&seek(twice, 925), 2), (RoleKind::Leader, 4));
    assert_eq!(state(&seek(twice, 1040), 2), (RoleKind::Leader, 4));
    let deposed = seek(twice, 1041);
    assert_eq!((state(&deposed, 2), state(&deposed, 1)), ((RoleKind::Follower, 5), (RoleKind::Candidate, 5)));
    assert_eq!(seek(twice, 1365).leader(), None);
    assert_eq!((at[3].leader(), state(&at[3], 5)), (Some(5), (RoleKind::Leader, 7)));
    // The default latency: S4 and S5 time out at 217 ms; S4 wins term 1 at 251 ms with S2's
    // and S3's votes, S1 having voted for S5.
    let fast = lesson.run_of(4);
    assert_eq!(fast.options.latency_ms, [10, 20]);
    let both = seek(fast, 217);
    assert_eq!((state(&both, 4), state(&both, 5)), ((RoleKind::Candidate, 1), (RoleKind::Candidate, 1)));
    assert_eq!(seek(fast, 250).leader(), None);
    assert_eq!(seek(fast, 251).leader(), Some(4));
    assert_eq!((state(&at[4], 4), state(&at[4], 5)), ((RoleKind::Leader, 1), (RoleKind::Follower, 1)));
    let votes: Vec<_> = (1..=5).map(|id| voted(&at[4], id)).collect();
    assert_eq!(votes, [Some(5), Some(4), Some(4), Some(4), Some(5)]);
    // A fourth run, one network changing under it: the default latency, slowed to 100–150 ms
    // at 1 s (S4 leads term 1 from 251 ms), S4 crashed at 1.5 s, 10–20 ms again at 3.5 s.
    let changing = lesson.run_of(5);
    assert_eq!(changing.options.latency_ms, [10, 20]);
    let latencies: Vec<_> = changing
        .actions
        .iter()
        .filter_map(|timed| match &timed.action {
            raft_sim::Action::Latency { range_ms } => Some((timed.at_ms, *range_ms)),
            _ => None,
        })
        .collect();
    assert_eq!(latencies, [(1_000, [100, 150]), (3_500, [10, 20])]);
    // Slowed, S4 still leads at 1.45 s, and no follower timed out: every server is in term 1.
    assert_eq!(at[5].leader(), Some(4));
    assert!(at[5].nodes().all(|n| n.node().current_term() == 1));
    // S4 crashed: S1 times out first, at 1.742 s, and no server leads until 3.570 s, through
    // term 9 at 3.45 s.
    assert_eq!(top(&seek(changing, 1_741)), 1);
    assert_eq!(state(&seek(changing, 1_742), 1), (RoleKind::Candidate, 2));
    let mut history = History::new(changing.clone()).unwrap();
    for ms in 1_500..3_570 {
        history.seek(ms);
        assert_eq!(history.sim().leader(), None, "a leader at {ms} ms");
    }
    assert_eq!((at[6].leader(), top(&at[6])), (None, 9));
    // Fast again: S3 times out first, at 3.544 s, for term 10; S1, S5 and S2 have voted for it
    // by 3.558 s, and it leads from 3.570 s.
    assert_eq!(top(&seek(changing, 3_543)), 9);
    assert_eq!(state(&seek(changing, 3_544), 3), (RoleKind::Candidate, 10));
    let asked = seek(changing, 3_558);
    for id in [1, 2, 5] {
        assert_eq!((state(&asked, id), voted(&asked, id)), ((RoleKind::Follower, 10), Some(3)), "S{id}");
    }
    assert_eq!((at[7].leader(), state(&at[7], 3)), (Some(3), (RoleKind::Leader, 10)));
}

#[test]
fn the_reads_lesson_says_what_its_leases_show() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "reads").unwrap();
    let at = moments(&lesson);
    let read = |sim: &Simulation| sim.client_ops().find(|op| op.client == 2).cloned().unwrap();
    let elected = |sim: &Simulation| sim.elections().iter().copied().find(|&(at, ..)| at > 1_200);
    // Exact clocks: the lease ran out before S1 was elected at 1.4 s; S4 has not answered.
    let exact = &at[4];
    assert!(matches!(elected(exact), Some((1_395..=1_405, 1, 2))), "{:?}", elected(exact));
    assert_eq!(exact.node(4).unwrap().node().role(), RoleKind::Leader, "S4 steps down at 1.45 s");
    assert_eq!(read(exact).responded_ms, None);
    // S4's slow clock: S2 elected at 1.3 s and x=2 committed by 1.36 s, then the stale answer.
    let slow = &at[5];
    assert!(matches!(elected(slow), Some((1_295..=1_305, 2, 2))), "{:?}", elected(slow));
    assert_eq!(slow.node(4).unwrap().clock().percent(), 50);
    assert!(slow.client_ops().all(|op| op.client != 2), "the question comes before the read");
    let stale = &at[6];
    assert_eq!(read(stale).value, Some(Some("1".to_owned())), "answered from the lease");
    assert!(matches!(read(stale).responded_ms, Some(1_390..=1_415)), "{:?}", read(stale).responded_ms);
    assert!(!matches!(stale.linearizability(), raft_sim::Linearizability::Linearizable { .. }));
    assert!(
        stale.clocks_beyond_lease_bound() && stale.violations().is_empty(),
        "a clock trusted, no rule of Raft broken"
    );
    // Allowing for the drift: no value, and the history stays linearizable.
    let bounded = &at[7];
    assert_eq!(read(bounded).result, Some(raft_sim::OpResult::Unknown));
    assert!(matches!(bounded.linearizability(), raft_sim::Linearizability::Linearizable { .. }));
}

#[test]
fn the_pipelining_lesson_shows_writes_waiting_without_flow_control_and_not_with_it() {
    let (_, lesson) = lessons().into_iter().find(|(id, _)| id == "pipelining").unwrap();
    let at = moments(&lesson);
    let last =
        |sim: &Simulation, id| sim.node(id).map(|n| (n.node().log().last_index(), n.node().commit_index())).unwrap();
    assert!(lesson.scenario.options.pipeline && !lesson.scenario.options.flow_control);
    assert_eq!((at[0].leader(), last(&at[0], 1)), (Some(1), (2, 2)));
    assert!(!at[1].node(3).unwrap().is_up());
    assert_eq!(last(&at[1], 1), (7, 2), "seven entries, the no-op and x=1 committed");
    assert_eq!((last(&at[2], 1), last(&at[2], 2).0), ((15, 2), 2), "S2 still holds two");
    assert_eq!(last(&at[3], 1), (18, 18), "all committed at 2.3 s");
    assert!(lesson.run_of(4).options.flow_control);
    assert_eq!(last(&at[4], 1).1, 12, "committed up to 12 at 1.549 s");
    assert_eq!(last(&at[5], 1), (18, 18));
    // nextIndex back to 3, just past S2's matchIndex: at 2.215 s without flow control, at the
    // first refusal after the mend with it.
    let backed_off_to_3 = |sim: &Simulation| {
        sim.story().events().find_map(|(at, event)| match event {
            raft_sim::StoryEvent::NextIndexBackedOff { follower: 2, next_index: 3, .. } => Some(*at),
            _ => None,
        })
    };
    assert_eq!(backed_off_to_3(&at[3]), Some(2_215));
    let first_after_mend = at[4].story().events().find_map(|(at, event)| match event {
        raft_sim::StoryEvent::NextIndexBackedOff { follower: 2, next_index, .. } if *at > 1_300 => Some(*next_index),
        _ => None,
    });
    assert_eq!(first_after_mend, Some(3));
}
