//! One-click scenarios: the paper's Figures 6, 7 and 8, the classic failures, production
//! Raft's election mechanisms (PreVote, CheckQuorum, leadership transfer), membership changes
//! (thesis chapter 4, the 2015 bug and its fix), and one run per break-a-rule switch.
//!
//! Each is a version-1 scenario file under `presets/` (so it also runs with `raftsim run`),
//! with its description in 中文 beside it (`presets/zh/ID.txt`). The page does not carry them:
//! Trunk copies the folder next to it, and the page fetches a preset's two files when it is
//! chosen, so a preset (or, later, a lesson) adds nothing to what every visitor downloads.

use raft_sim::{Scenario, ScenarioError};

/// A preset the picker lists: its id (as in URLs, file names and tests) and its English title
/// (the title of its scenario file, which a test keeps equal).
pub struct Preset {
    /// A short id, e.g. `figure-8`.
    pub id: &'static str,
    /// The scenario file's title.
    pub title: &'static str,
}

/// Every preset, in the order the picker lists them.
pub const PRESETS: [Preset; 30] = [
    Preset { id: "figure-6", title: "Figure 6: log replication" },
    Preset { id: "figure-7", title: "Figure 7: followers a–f meet the leader of term 8" },
    Preset { id: "figure-8", title: "Figure 8: a majority of copies does not commit an old-term entry" },
    Preset { id: "figure-8e", title: "Figure 8 (e): commit an entry of the current term first" },
    Preset { id: "leader-crash", title: "Leader crash and re-election" },
    Preset { id: "follower-crash", title: "Follower crash and catch-up" },
    Preset { id: "split-vote", title: "Split vote" },
    Preset { id: "stale-leader", title: "A stale leader behind a partition" },
    Preset { id: "lost-messages", title: "Lost messages and retries" },
    Preset { id: "pipelining-flow-control", title: "Pipelining without flow control: writes lost in a cut link are found one entry per round trip" },
    Preset { id: "term-inflation", title: "Term inflation: a server comes back and deposes a healthy leader (PreVote stops it)" },
    Preset { id: "check-quorum", title: "A leader cut off in a minority keeps believing it leads (CheckQuorum steps it down)" },
    Preset { id: "leadership-transfer", title: "Leadership transfer: S4 hands over to S2, and a write sent during the transfer" },
    Preset { id: "membership-add-two", title: "Adding two servers, one at a time" },
    Preset { id: "membership-remove-leader", title: "Replacing the leader: S4 removes itself" },
    Preset { id: "membership-joint", title: "Joint consensus: three servers swapped for three others" },
    Preset { id: "membership-removed-disrupts", title: "A removed server that never heard it was removed disrupts the cluster (the thesis's guard, on with CheckQuorum, stops it)" },
    Preset { id: "membership-2015-fixed", title: "The 2015 bug fixed: a new leader commits an entry of its term before changing membership" },
    Preset { id: "membership-catch-up-fails", title: "A new server that cannot catch up: the leader gives the change up, and the cluster never waits for it" },
    Preset { id: "install-snapshot", title: "A follower far behind catches up by InstallSnapshot" },
    Preset { id: "retried-write", title: "A client's retried write is applied once (sessions)" },
    Preset { id: "read-index", title: "ReadIndex: a leader confirms it still leads before it answers" },
    Preset { id: "lease-read", title: "Lease reads: answered at once while the lease holds" },
    Preset { id: "break-commit-old-terms", title: "Break a rule: commit old-term entries by counting copies (Figure 8 goes wrong)" },
    Preset { id: "break-election-restriction", title: "Break a rule: vote for any log (a stale server wins and erases a committed write)" },
    Preset { id: "break-largest-id", title: "Break a rule: \"elect the largest server id\" (two leaders in one term)" },
    Preset { id: "break-equal-commit", title: "Break a rule: accept entries when the commit indexes match (logs that agree on an entry, not on what precedes it)" },
    Preset { id: "break-stale-reads", title: "Break a rule: any server answers reads (a stale read from a leader behind a partition)" },
    Preset { id: "break-lease-clock-drift", title: "Break a rule: a lease that ignores clock drift (a slow clock serves a stale read)" },
    Preset { id: "break-reconfig-before-term-commit", title: "The 2015 bug: membership changes racing across terms lose a committed entry" },
];

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|preset| preset.id == id)
}

/// A preset's files as fetched: its scenario file's text and its description in 中文.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresetFiles {
    /// The preset's id.
    pub id: String,
    /// The scenario file's text.
    pub scenario: String,
    /// The description in 中文.
    pub description_zh: String,
}

impl PresetFiles {
    /// Where the page finds a preset's scenario file, relative to the page.
    pub fn scenario_url(id: &str) -> String {
        format!("presets/{id}.json")
    }

    /// Where the page finds a preset's description in 中文, relative to the page.
    pub fn description_zh_url(id: &str) -> String {
        format!("presets/zh/{id}.txt")
    }

    /// The preset's scenario.
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        Scenario::from_json(&self.scenario)
    }

    /// The files of preset `id` read from this crate's `presets/` folder (native tests).
    #[cfg(test)]
    pub fn from_disk(id: &str) -> PresetFiles {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let read =
            |path: String| std::fs::read_to_string(format!("{folder}{path}")).unwrap_or_else(|e| panic!("{path}: {e}"));
        PresetFiles {
            id: id.to_owned(),
            scenario: read(Self::scenario_url(id)),
            description_zh: read(Self::description_zh_url(id)).trim_end().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::{RoleKind, ScenarioExt as _, Simulation};

    fn run(id: &str, until: u64) -> Simulation {
        let mut sim = PresetFiles::from_disk(id).scenario().unwrap().build(false).unwrap();
        sim.run_until(until);
        sim
    }

    fn terms(sim: &Simulation, node: u32) -> Vec<u64> {
        sim.node(node).unwrap().node().log().entries().map(|e| e.term).collect()
    }

    fn leaders(sim: &Simulation) -> Vec<u32> {
        sim.nodes().filter(|n| n.is_up() && n.node().role() == RoleKind::Leader).map(|n| n.node().id()).collect()
    }

    /// A preset's run to its end, and the same run with every break-a-rule switch off and its
    /// leases allowing for the drift its clocks reach.
    fn run_to_end(preset: &Preset, keep_rules: bool) -> Simulation {
        let mut scenario =
            PresetFiles::from_disk(preset.id).scenario().unwrap_or_else(|e| panic!("{}: {e}", preset.id));
        if keep_rules {
            scenario.options.unsafe_rules = raft_sim::UnsafeSwitches::default();
            let drift = run_to_end(preset, false).clock_drift_percent();
            scenario.options.clock_drift_percent = scenario.options.clock_drift_percent.max(drift);
        }
        let mut sim = scenario.build(false).unwrap();
        sim.run_until(scenario.until_ms.expect("every preset says how long it runs"));
        sim
    }

    #[test]
    fn every_preset_has_a_title_and_description_and_runs_safely_unless_it_breaks_a_rule() {
        for preset in &PRESETS {
            let scenario =
                PresetFiles::from_disk(preset.id).scenario().unwrap_or_else(|e| panic!("{}: {e}", preset.id));
            assert!(scenario.description.is_some(), "{}", preset.id);
            assert_eq!(
                scenario.title.as_deref(),
                Some(preset.title),
                "{}: the picker's title is the file's",
                preset.id
            );
            let linearizable = |sim: &raft_sim::Simulation| {
                matches!(sim.linearizability(), raft_sim::Linearizability::Linearizable { .. })
            };
            let sim = run_to_end(preset, false);
            let breaks_a_rule = !scenario.options.unsafe_rules.all_off() || sim.clocks_beyond_lease_bound();
            assert_eq!(breaks_a_rule, preset.id.starts_with("break-"), "{}", preset.id);
            let holds = sim.violations().is_empty() && linearizable(&sim);
            assert_eq!(holds, !breaks_a_rule, "{}: {:?}", preset.id, sim.violations());
            let kept = run_to_end(preset, true);
            assert!(kept.violations().is_empty(), "{} with every rule kept: {:?}", preset.id, kept.violations());
            assert!(linearizable(&kept), "{} with every rule kept", preset.id);
            if !breaks_a_rule {
                assert!(sim.leader().is_some(), "{}: ends with a leader", preset.id);
            }
        }
    }

    #[test]
    fn every_scenario_file_in_the_folder_is_a_listed_preset() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/presets");
        let mut files: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(|entry| entry.unwrap().file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
            .collect();
        files.sort();
        let mut listed: Vec<String> = PRESETS.iter().map(|p| p.id.to_owned()).collect();
        listed.sort();
        assert_eq!(files, listed);
    }

    /// Each break-a-rule preset breaks the property its switch guards.
    #[test]
    fn each_broken_rule_turns_its_property_red() {
        use raft_sim::Property;
        for (id, property) in [
            ("break-commit-old-terms", Property::StateMachineSafety),
            ("break-election-restriction", Property::LeaderCompleteness),
            ("break-largest-id", Property::ElectionSafety),
            ("break-equal-commit", Property::LogMatching),
            ("break-reconfig-before-term-commit", Property::StateMachineSafety),
        ] {
            let sim = run_to_end(preset(id).unwrap(), false);
            assert!(sim.violations().iter().any(|v| v.property == property), "{id}: {:?}", sim.violations());
            if id == "break-election-restriction" {
                // The acknowledged write's loss reaches the client: its read finds x unset.
                assert!(matches!(sim.linearizability(), raft_sim::Linearizability::Violation(_)), "{id}");
            }
        }
    }

    /// Pipelining into a cut link: every write waits until nextIndex has walked back to what S2
    /// holds, one entry per refusal; with flow control the same run commits them from the first
    /// refusal on. The moments are the ones its words give.
    #[test]
    fn the_flow_control_preset_shows_what_its_words_say() {
        let commits_of_s1 = |flow_control: bool| {
            let mut scenario = PresetFiles::from_disk("pipelining-flow-control").scenario().unwrap();
            scenario.options.flow_control = flow_control;
            let mut sim = scenario.build(false).unwrap();
            sim.run_until(2_500);
            assert!(sim.violations().is_empty());
            let commits: Vec<(u64, u64)> = sim
                .story()
                .events()
                .filter_map(|(at, event)| match event {
                    raft_sim::StoryEvent::Committed { leader: 1, index } => Some((*at, *index)),
                    _ => None,
                })
                .collect();
            commits
        };
        let without = commits_of_s1(false);
        let first_after_mend = |commits: &[(u64, u64)]| commits.iter().find(|(at, _)| *at > 1_300).copied();
        assert!(matches!(first_after_mend(&without), Some((2_300..=2_309, _))), "{without:?}");
        let with = commits_of_s1(true);
        assert!(matches!(first_after_mend(&with), Some((1_549, 12))), "{with:?}");
    }

    /// A learner that cannot be reached: the change is given up after ten election timeouts,
    /// the three voters commit on without it (two of three while S3 is down), and the change
    /// asked again once S4 is reachable succeeds. The moments are the ones its words give.
    #[test]
    fn the_catch_up_preset_shows_what_its_title_says() {
        use raft_sim::{ChangeRefusal, MembershipChange, OpResult, StoryEvent};
        let sim = run("membership-catch-up-fails", 4_500);
        let changes: Vec<_> = sim
            .story()
            .events()
            .filter_map(|(at, event)| match event {
                StoryEvent::ChangeDone { change: MembershipChange::Add(4), result, refusal, .. } => {
                    Some((at, *result, refusal.clone()))
                }
                _ => None,
            })
            .collect();
        assert!(
            matches!(
                changes.as_slice(),
                [
                    (2_570..=2_589, OpResult::Refused, Some(ChangeRefusal::CatchUpFailed(4))),
                    (3_760..=3_779, OpResult::Ok, None)
                ]
            ),
            "{changes:?}"
        );
        // Every write sent while S4 was a learner cut off, S3 down for most of it, committed.
        let writes: Vec<_> =
            sim.client_ops().filter(|op| op.client == 2 && (1_000..3_000).contains(&op.invoked_ms)).collect();
        assert_eq!(writes.len(), 10);
        assert!(writes.iter().all(|op| op.result == Some(OpResult::Ok)), "{writes:?}");
        assert!(sim.nodes().all(|n| n.node().configuration().voters() == [1, 2, 3, 4]));
        assert_eq!(leaders(&sim), [1], "S1 led throughout");
    }

    #[test]
    fn the_read_presets_show_what_their_titles_say() {
        use raft_sim::{Linearizability, OpResult};
        let read = |sim: &raft_sim::Simulation, client: u32| {
            let op = sim.client_ops().rev().find(|op| op.client == client).unwrap().clone();
            (op.result, op.value.flatten())
        };
        let stale = run("break-stale-reads", 4_000);
        assert_eq!(read(&stale, 2), (Some(OpResult::Ok), Some("1".to_owned())), "S4 answers with the old value");
        assert!(matches!(stale.linearizability(), Linearizability::Violation(_)));
        let mut fixed = PresetFiles::from_disk("break-stale-reads").scenario().unwrap();
        fixed.options.unsafe_rules.stale_reads = false;
        let mut fixed = fixed.build(false).unwrap();
        fixed.run_until(4_000);
        assert_ne!(read(&fixed, 2).0, Some(OpResult::Ok), "through the log, S4 cannot answer");
        assert!(matches!(fixed.linearizability(), Linearizability::Linearizable { .. }));

        // A slow clock's lease outlives its leader's leadership; allowing for the drift, the
        // lease ends before another leader can be elected.
        let drifting = run("break-lease-clock-drift", 3_000);
        assert_eq!(read(&drifting, 2), (Some(OpResult::Ok), Some("1".to_owned())), "S4 answers from its lease");
        assert!(matches!(drifting.linearizability(), Linearizability::Violation(_)));
        assert!(drifting.clocks_beyond_lease_bound());
        let written = drifting.client_ops().find(|op| op.command == "x=2").unwrap();
        let asked = drifting.client_ops().find(|op| op.client == 2).unwrap();
        assert!(written.responded_ms.unwrap() < asked.invoked_ms, "x=2 was written before the read began");
        // The moments its words give: S2 elected for term 2 at 1.3 s, x=2 committed at 1.36 s.
        let after_cut: Vec<_> = drifting.elections().iter().filter(|(at, ..)| *at > 1_200).collect();
        assert!(matches!(after_cut.first(), Some((1_290..=1_310, 2, 2))), "{after_cut:?}");
        assert!(matches!(written.responded_ms, Some(1_350..=1_369)), "{:?}", written.responded_ms);
        let mut bounded = PresetFiles::from_disk("break-lease-clock-drift").scenario().unwrap();
        bounded.options.clock_drift_percent = 100;
        let mut bounded = bounded.build(false).unwrap();
        bounded.run_until(3_000);
        assert!(!bounded.clocks_beyond_lease_bound());
        assert_eq!(read(&bounded, 2), (Some(OpResult::Unknown), None), "the lease ran out; S4 stepped down, no value");
        assert!(bounded.node(4).unwrap().node().role() != RoleKind::Leader);
        assert!(matches!(bounded.linearizability(), Linearizability::Linearizable { .. }));

        let snapshot = run("install-snapshot", 3_500);
        let (leader, back) = (snapshot.node(4).unwrap().node(), snapshot.node(2).unwrap().node());
        assert_eq!((back.log().snapshot_index(), back.kv()), (5, leader.kv()), "S2 loaded S4's snapshot");
        assert!(snapshot
            .story()
            .events()
            .any(|(_, e)| matches!(e, raft_sim::StoryEvent::SnapshotInstalled { node: 2, from: 4, index: 5 })));

        let retried = run("retried-write", 2_500);
        assert_eq!(
            (retried.client_op(1).unwrap().result, retried.client_op(1).unwrap().retries),
            (Some(OpResult::Ok), 1)
        );
        assert!(retried.nodes().all(|n| n.node().kv().get("x") == Some("2")), "the retry did not undo x=2");
        assert_eq!(read(&retried, 3), (Some(OpResult::Ok), Some("2".to_owned())));

        let index = run("read-index", 4_000);
        assert_eq!(read(&index, 2), (Some(OpResult::Unknown), None), "S4 never confirms, then steps down");
        assert_eq!(read(&index, 3), (Some(OpResult::Ok), Some("2".to_owned())));
        assert!(index.nodes().all(|n| n.node().log().entries().all(|e| e.command.read_key().is_none())));

        let lease = run("lease-read", 4_000);
        assert_eq!(read(&lease, 2), (Some(OpResult::NoLeader), None), "S4 stepped down: CheckQuorum");
        assert_eq!(read(&lease, 3), (Some(OpResult::Ok), Some("2".to_owned())));
        let waited = |sim: &raft_sim::Simulation| {
            let op = sim.client_ops().find(|op| op.client == 3).unwrap();
            op.responded_ms.unwrap() - op.invoked_ms
        };
        assert!(waited(&lease) < waited(&index), "a lease needs no round of heartbeats");
    }

    #[test]
    fn the_election_presets_show_what_their_titles_say() {
        let with = |id: &str, options: &str| {
            let mut scenario = PresetFiles::from_disk(id).scenario().unwrap();
            scenario.options.pre_vote = options.contains("pre_vote");
            scenario.options.check_quorum = options.contains("check_quorum");
            let mut sim = scenario.build(false).unwrap();
            sim.run_until(scenario.until_ms.unwrap());
            sim
        };
        let inflated = with("term-inflation", "");
        assert!(inflated.node(4).unwrap().node().current_term() > 5, "S2's term spread");
        let kept = with("term-inflation", "pre_vote");
        assert!((1..=5).all(|n| kept.node(n).unwrap().node().current_term() == 1), "PreVote: still term 1");

        let stale = with("check-quorum", "");
        assert_eq!(stale.node(4).unwrap().node().role(), RoleKind::Leader, "S4 leads on in its minority");
        let stepped_down = with("check-quorum", "check_quorum");
        assert_ne!(stepped_down.node(4).unwrap().node().role(), RoleKind::Leader, "CheckQuorum: it stepped down");

        let transferred = run("leadership-transfer", 3_000);
        assert_eq!(transferred.leader(), Some(2));
        let during = transferred.client_ops().find(|op| op.command == "z=3").unwrap();
        assert_eq!((during.node, during.last_node, during.redirects), (4, 2, 1), "sent to S4, pointed to S2");
        assert_eq!(during.result, Some(raft_sim::OpResult::NoLeader), "S2 was still campaigning");
    }

    #[test]
    fn the_membership_presets_show_what_their_titles_say() {
        let voters = |sim: &Simulation, id: u32| sim.node(id).unwrap().node().configuration().voters().to_vec();
        let added = run("membership-add-two", 3_000);
        assert!((1..=5).all(|id| voters(&added, id) == [1, 2, 3, 4, 5]));
        assert_eq!(added.node(5).unwrap().node().kv().get("z"), Some("3"), "S5 caught up");

        let replaced = run("membership-remove-leader", 3_000);
        assert!(replaced.leader().is_some_and(|leader| leader != 4));
        assert!(!replaced.node(4).unwrap().node().configuration().is_voter(4), "S4 knows it left");

        let swapped = run("membership-joint", 3_500);
        assert!(swapped.leader().is_some_and(|leader| leader >= 4));
        assert!(swapped.client_ops().all(|op| op.result == Some(raft_sim::OpResult::Ok)), "the swap and both writes");

        let scenario = PresetFiles::from_disk("membership-removed-disrupts").scenario().unwrap();
        let term_of_leader = |check_quorum: bool| {
            let mut scenario = scenario.clone();
            scenario.options.check_quorum = check_quorum;
            let mut sim = scenario.build(false).unwrap();
            sim.run_until(scenario.until_ms.unwrap());
            sim.leader().and_then(|leader| sim.node(leader)).map_or(0, |n| n.node().current_term())
        };
        assert!(term_of_leader(false) > 5, "S5 keeps deposing leaders");
        assert_eq!(term_of_leader(true), 1, "with CheckQuorum's guard the first leader stays");
    }

    #[test]
    fn a_removed_server_stays_drawn_outside_and_a_learner_draws_no_running_timer() {
        use crate::view::{ClusterView, Standing};
        // Once S5's removal is drawn, it stays drawn, leader or no leader: S5 never heard of
        // it and counts itself in, but the committed configuration is what the page shows.
        let scenario = PresetFiles::from_disk("membership-removed-disrupts").scenario().unwrap();
        let mut sim = scenario.build(false).unwrap();
        let mut removed_at = None;
        for at in (0..=scenario.until_ms.unwrap()).step_by(10) {
            sim.run_until(at);
            match (Standing::of(&sim, 5), removed_at) {
                (Standing::Outside, None) => removed_at = Some(at),
                (standing, Some(since)) if standing != Standing::Outside => {
                    panic!("S5 drawn as {standing:?} at {at} ms, outside since {since} ms (leader {:?})", sim.leader())
                }
                _ => {}
            }
        }
        assert!(removed_at.is_some(), "S5's removal is drawn");
        // A server that will not campaign (S4 and S5 catching up as learners) has no timer drawn.
        let mut sim = run("membership-add-two", 0);
        let mut learners_seen = 0;
        for at in (0..=3_000).step_by(10) {
            sim.run_until(at);
            for node in ClusterView::of(&sim, at as f64).nodes {
                let may_campaign = sim.node(node.id).unwrap().node().may_campaign();
                assert!(may_campaign || node.election_timer_left.is_none(), "S{} at {at} ms", node.id);
                learners_seen += usize::from(node.standing == Standing::Learner);
            }
        }
        assert!(learners_seen > 0, "the preset shows learners");
    }

    #[test]
    fn figure_6_entry_8_waits_for_a_current_term_entry() {
        let sim = run("figure-6", 550);
        let s1 = sim.node(1).unwrap().node();
        assert_eq!((s1.role(), s1.current_term(), s1.commit_index()), (RoleKind::Leader, 4, 0));
        assert!((1..=5).all(|n| terms(&sim, n).len() == 8), "entry 8 is everywhere, uncommitted");
        let sim = run("figure-6", 1_500);
        assert!((1..=5).all(|n| sim.node(n).unwrap().node().commit_index() == 9));
    }

    #[test]
    fn figure_7_logs_converge() {
        let sim = run("figure-7", 1_500);
        assert!((1..=7).all(|n| terms(&sim, n) == [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8, 8]));
    }

    #[test]
    fn figure_8_index_2_is_overwritten_and_8e_keeps_it() {
        // Panel (c): before it crashes, S1 also holds an entry of its own term 4 at index 3,
        // which no other server has.
        let sim = run("figure-8", 299);
        assert_eq!((terms(&sim, 1), terms(&sim, 2), terms(&sim, 3)), (vec![1, 2, 4], vec![1, 2], vec![1, 2]));
        // Panel (d): S5's term-3 entry replaces index 2 everywhere but on the crashed S1.
        let sim = run("figure-8", 1_000);
        assert!((2..=5).all(|n| terms(&sim, n) == [1, 3]));
        assert_eq!(terms(&sim, 1), [1, 2, 4]);
        let sim = run("figure-8e", 4_000);
        assert!((2..=5).all(|n| terms(&sim, n)[..3] == [1, 2, 4]));
        assert!(sim.elections().iter().all(|&(_, node, _)| node != 5), "S5 never wins");
    }

    #[test]
    fn figure_8_is_told_by_the_run_itself() {
        let sim = run("figure-8", 1_000);
        let told: Vec<String> = sim.story().events().map(|(_, event)| crate::i18n::Lang::En.tell(event)).collect();
        let deferred =
            "S1 has entry 2 on a majority but does not commit it: it is from term 2, not S1's term 4 (§5.4.2).";
        assert!(told.iter().any(|line| line == deferred), "{told:#?}");
        let truncated =
            told.iter().filter(|line| line.contains("deleted entry 2 that conflicted with leader S5's log"));
        assert!(truncated.count() >= 2, "S5 overwrites index 2 on the servers that held S1's entry: {told:#?}");
        let zh: Vec<String> = sim.story().events().map(|(_, event)| crate::i18n::Lang::Zh.tell(event)).collect();
        assert!(zh.iter().any(|line| line.contains("它来自第 2 任期，而不是 S1 的第 4 任期（§5.4.2）")), "{zh:#?}");
        assert!(zh.iter().any(|line| line.contains("删除了索引 2 上与领导者 S5 的日志冲突的条目")), "{zh:#?}");
        // In Figure 8 (e), S1 commits index 2 with an entry of its own term: nothing is withheld for long,
        // and nothing of S1's is overwritten.
        let sim = run("figure-8e", 4_000);
        assert!(!sim.story().events().any(|(_, e)| matches!(e, raft_sim::StoryEvent::Truncated { by: Some(5), .. })));
    }

    #[test]
    fn the_failure_presets_show_what_their_titles_say() {
        let split = run("split-vote", 60);
        let candidates = split.nodes().filter(|n| n.node().role() == RoleKind::Candidate).count();
        assert_eq!((leaders(&split).len(), candidates), (0, 2), "two candidates, no winner in term 1");

        let crash = run("leader-crash", 999);
        assert_eq!(leaders(&crash), [4]);
        let crash = run("leader-crash", 4_000);
        assert_ne!(leaders(&crash), [4]);
        assert_eq!(crash.node(4).unwrap().node().role(), RoleKind::Follower);

        let stale = run("stale-leader", 2_500);
        assert_eq!(leaders(&stale).len(), 2, "the stale leader and the new one");
        let stale = run("stale-leader", 4_500);
        assert!((1..=5).all(|n| stale.node(n).unwrap().node().kv().get("x") == Some("fresh")));

        let follower = run("follower-crash", 3_500);
        assert_eq!(follower.node(2).unwrap().node().kv(), follower.node(4).unwrap().node().kv());

        let lossy = run("lost-messages", 4_000);
        assert!(lossy.recent_losses().count() > 0);
        assert!(lossy.client_ops().any(|op| op.result == Some(raft_sim::OpResult::Ok)));
    }
}
