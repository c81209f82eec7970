//! One-click scenarios: the paper's Figures 6, 7 and 8, the classic failures, production
//! Raft's election mechanisms (PreVote, CheckQuorum, leadership transfer), membership changes
//! (thesis chapter 4, the 2015 bug and its fix), and one run per break-a-rule switch. Each is a version-1 scenario file under `presets/`, so it also runs
//! with `raftsim run`.

use raft_sim::{Scenario, ScenarioError};

/// A preset: its id (as in URLs and tests) and its scenario file.
pub struct Preset {
    /// A short id, e.g. `figure-8`.
    pub id: &'static str,
    json: &'static str,
}

/// Every preset, in the order the picker lists them.
pub const PRESETS: [Preset; 22] = [
    Preset { id: "figure-6", json: include_str!("../presets/figure-6.json") },
    Preset { id: "figure-7", json: include_str!("../presets/figure-7.json") },
    Preset { id: "figure-8", json: include_str!("../presets/figure-8.json") },
    Preset { id: "figure-8e", json: include_str!("../presets/figure-8e.json") },
    Preset { id: "leader-crash", json: include_str!("../presets/leader-crash.json") },
    Preset { id: "follower-crash", json: include_str!("../presets/follower-crash.json") },
    Preset { id: "split-vote", json: include_str!("../presets/split-vote.json") },
    Preset { id: "stale-leader", json: include_str!("../presets/stale-leader.json") },
    Preset { id: "lost-messages", json: include_str!("../presets/lost-messages.json") },
    Preset { id: "term-inflation", json: include_str!("../presets/term-inflation.json") },
    Preset { id: "check-quorum", json: include_str!("../presets/check-quorum.json") },
    Preset { id: "leadership-transfer", json: include_str!("../presets/leadership-transfer.json") },
    Preset { id: "membership-add-two", json: include_str!("../presets/membership-add-two.json") },
    Preset { id: "membership-remove-leader", json: include_str!("../presets/membership-remove-leader.json") },
    Preset { id: "membership-joint", json: include_str!("../presets/membership-joint.json") },
    Preset { id: "membership-removed-disrupts", json: include_str!("../presets/membership-removed-disrupts.json") },
    Preset { id: "membership-2015-fixed", json: include_str!("../presets/membership-2015-fixed.json") },
    Preset { id: "break-commit-old-terms", json: include_str!("../presets/break-commit-old-terms.json") },
    Preset { id: "break-election-restriction", json: include_str!("../presets/break-election-restriction.json") },
    Preset { id: "break-largest-id", json: include_str!("../presets/break-largest-id.json") },
    Preset { id: "break-equal-commit", json: include_str!("../presets/break-equal-commit.json") },
    Preset {
        id: "break-reconfig-before-term-commit",
        json: include_str!("../presets/break-reconfig-before-term-commit.json"),
    },
];

impl Preset {
    /// The preset's scenario.
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        Scenario::from_json(self.json)
    }
}

/// Every preset's id and title, parsed once.
pub fn titles() -> &'static [(&'static str, String)] {
    static TITLES: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    TITLES.get_or_init(|| {
        PRESETS
            .iter()
            .map(|preset| {
                (preset.id, preset.scenario().ok().and_then(|s| s.title).unwrap_or_else(|| preset.id.to_owned()))
            })
            .collect()
    })
}

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|preset| preset.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::{RoleKind, ScenarioExt as _, Simulation};

    fn run(id: &str, until: u64) -> Simulation {
        let mut sim = preset(id).unwrap().scenario().unwrap().build(false).unwrap();
        sim.run_until(until);
        sim
    }

    fn terms(sim: &Simulation, node: u32) -> Vec<u64> {
        sim.node(node).unwrap().node().log().entries().map(|e| e.term).collect()
    }

    fn leaders(sim: &Simulation) -> Vec<u32> {
        sim.nodes().filter(|n| n.is_up() && n.node().role() == RoleKind::Leader).map(|n| n.node().id()).collect()
    }

    /// A preset's run to its end, and the same run with every break-a-rule switch off.
    fn run_to_end(preset: &Preset, keep_rules: bool) -> Simulation {
        let mut scenario = preset.scenario().unwrap_or_else(|e| panic!("{}: {e}", preset.id));
        if keep_rules {
            scenario.options.unsafe_rules = raft_sim::UnsafeSwitches::default();
        }
        let mut sim = scenario.build(false).unwrap();
        sim.run_until(scenario.until_ms.expect("every preset says how long it runs"));
        sim
    }

    #[test]
    fn every_preset_has_a_title_and_description_and_runs_safely_unless_it_breaks_a_rule() {
        for preset in &PRESETS {
            let scenario = preset.scenario().unwrap_or_else(|e| panic!("{}: {e}", preset.id));
            assert!(scenario.title.is_some() && scenario.description.is_some(), "{}", preset.id);
            let breaks_a_rule = !scenario.options.unsafe_rules.all_off();
            assert_eq!(breaks_a_rule, preset.id.starts_with("break-"), "{}", preset.id);
            let sim = run_to_end(preset, false);
            assert_eq!(sim.violations().is_empty(), !breaks_a_rule, "{}: {:?}", preset.id, sim.violations());
            let kept = run_to_end(preset, true);
            assert!(kept.violations().is_empty(), "{} with every rule kept: {:?}", preset.id, kept.violations());
            if !breaks_a_rule {
                assert!(sim.leader().is_some(), "{}: ends with a leader", preset.id);
            }
        }
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
        }
    }

    #[test]
    fn the_election_presets_show_what_their_titles_say() {
        let with = |id: &str, options: &str| {
            let mut scenario = preset(id).unwrap().scenario().unwrap();
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

        let scenario = preset("membership-removed-disrupts").unwrap().scenario().unwrap();
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
        assert!((2..=5).all(|n| terms(&run("figure-8", 1_000), n) == [1, 3]));
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
