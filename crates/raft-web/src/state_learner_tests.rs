//! The learner's first minutes (issue 11), as reducer tests: stepping from a preset's first
//! moment, the address following every change of run, the picker naming its preset, a refused
//! write keeping its menu, and forking with Undo.

use std::rc::Rc;

use raft_sim::RoleKind;
use yew::Reducible;

use super::{Action, ClusterSettings, Direction, Notice, Playground};
use crate::i18n::Lang;

fn preset(id: &str) -> Rc<Playground> {
    Rc::new(Playground::default()).reduce(Action::LoadPreset(crate::presets::PresetFiles::from_disk(id)))
}

#[test]
fn step_always_moves_on_from_a_presets_first_moment() {
    for id in ["figure-6", "figure-7", "figure-8", "figure-8e", "split-vote"] {
        let state = preset(id);
        assert_eq!(state.time_ms(), 0, "{id}");
        // States share their run (the reducer moves it in place): read each time before the next step.
        let first = state.reduce(Action::Step(Direction::Forward));
        let first_ms = first.time_ms();
        assert!(first_ms > 0, "{id}: Step stays at 0");
        let second = first.reduce(Action::Step(Direction::Forward));
        assert!(second.time_ms() > first_ms, "{id}: the second Step moves on too");
    }
    // The preset's actions at 0 have happened at 0: split vote times out S1 and S2 there.
    let split = preset("split-vote");
    let roles: Vec<RoleKind> = split.view().nodes.iter().map(|n| n.role).collect();
    assert_eq!(roles.iter().filter(|&&role| role == RoleKind::Candidate).count(), 2, "{roles:?}");
}

#[test]
fn every_change_of_run_changes_the_moment_the_address_is_written_for() {
    let mut state = Rc::new(Playground::default());
    let mut seen = vec![(state.time_ms(), state.revision)];
    for action in [
        Action::LoadPreset(crate::presets::PresetFiles::from_disk("figure-6")),
        Action::LoadPreset(crate::presets::PresetFiles::from_disk("figure-8")),
        Action::Resize(3),
        Action::ApplySettings(Ok(ClusterSettings { seed: 1, options: state.options() })),
        Action::NewCluster(77),
        Action::ImportScenario(Ok(r#"{"version": 1, "seed": 4}"#.into())),
    ] {
        state = state.reduce(action);
        let moment = (state.time_ms(), state.revision);
        assert!(!seen.contains(&moment), "{moment:?} was already written: the address would keep the old run");
        seen.push(moment);
    }
}

#[test]
fn the_picker_names_the_preset_until_the_run_departs_from_it() {
    let state = preset("figure-8");
    assert_eq!(state.shown_preset(), Some("figure-8"));
    let played = state.reduce(Action::Step(Direction::Forward));
    assert_eq!(played.shown_preset(), Some("figure-8"), "watching is not departing");
    let acted = played.reduce(Action::Apply(raft_sim::Action::Crash { node: 3 }));
    assert_eq!(acted.shown_preset(), None);
    assert!(acted.scenario_info(Lang::Zh).0.unwrap().starts_with("图 8"), "its title is still the preset's");
}

#[test]
fn a_refused_write_keeps_the_menu_open_with_the_reason_in_it() {
    let state = Rc::new(Playground::default()).reduce(Action::OpenMenu(2));
    let bad = raft_sim::Action::Write { node: 2, command: "nonsense".into(), client: 1 };
    let refused = state.reduce(Action::MenuApply(bad));
    assert_eq!(refused.menu, Some(2));
    assert!(refused.notice.is_none(), "the reason is in the menu, not at the top of the page");
    let reason = refused.menu_error.as_ref().unwrap().text(Lang::En);
    assert!(reason.contains("a command needs an '='"), "{reason}");
    assert!(!refused.menu_error_on_read, "a write's reason goes under the write field");
    let good = raft_sim::Action::Write { node: 2, command: "x=1".into(), client: 1 };
    let sent = refused.reduce(Action::MenuApply(good));
    assert_eq!((sent.menu, sent.menu_error.is_none()), (None, true));
    // A read's reason is a read's, and goes under the read field.
    let menu = sent.reduce(Action::OpenMenu(2));
    let unread = menu.reduce(Action::MenuApply(raft_sim::Action::Read { node: 2, key: String::new(), client: 1 }));
    assert!(unread.menu_error_on_read);
    assert!(unread.menu_error.as_ref().unwrap().text(Lang::En).ends_with("a read needs the key to read, e.g. x"));
}

#[test]
fn the_client_form_opens_and_closes_and_writes_to_a_server() {
    let state = Rc::new(Playground::default()).reduce(Action::OpenMenu(1));
    let state = state.reduce(Action::ToggleClientMenu);
    assert!(state.client_menu && state.menu.is_none(), "one menu at a time");
    assert_eq!(state.client_known_leader(), None);
    let state = state.reduce(Action::MenuApply(raft_sim::Action::Write { node: 3, command: "y=2".into(), client: 1 }));
    assert!(!state.client_menu);
    assert_eq!(state.suggested_command(), "x=2");
}

#[test]
fn a_client_set_to_write_on_its_own_is_drawn_and_shared() {
    let state = Rc::new(Playground::default()).reduce(Action::ToggleClientMenu);
    let state = state.reduce(Action::MenuApply(raft_sim::Action::Workload { client: 2, every_ms: 500 }));
    assert!(state.client_menu, "the form stays open: its pace buttons are toggles");
    assert_eq!(state.workloads(), [0, 500, 0]);
    assert_eq!(state.view().workloads, [(2, 500)]);
    let mut state = state.reduce(Action::SetSpeed(100.0)).reduce(Action::TogglePlay);
    for _ in 0..4 {
        state = state.reduce(Action::Frame { elapsed_ms: 50.0 });
    }
    let state = state.reduce(Action::TogglePlay);
    assert!(state.suggested_key() == "y", "the steady writes are the latest: {}", state.suggested_key());
    // A link replays the steady writes to the same cluster.
    let opened = Playground::from_link(&state.share_fragment(Lang::En).unwrap()).unwrap();
    assert_eq!((opened.trace_hash(), opened.workloads()), (state.trace_hash(), [0, 500, 0]));
    // A refused pace is told in the menu, in both languages.
    let refused = state.reduce(Action::ToggleClientMenu);
    let refused = refused.reduce(Action::MenuApply(raft_sim::Action::Workload { client: 1, every_ms: 20 }));
    let error = refused.menu_error.as_ref().unwrap();
    assert_eq!(error.text(Lang::En), "0 (stop) or 100 to 60000 ms, not 20");
    assert!(error.text(Lang::Zh).starts_with("间隔必须是 0（停止）或 100 到 60000 毫秒"));
}

#[test]
fn acting_in_the_past_says_what_it_discards_and_undo_brings_it_back() {
    let mut state = Rc::new(Playground::default()).reduce(Action::SetSpeed(100.0));
    state = state.reduce(Action::TogglePlay);
    for _ in 0..4 {
        state = state.reduce(Action::Frame { elapsed_ms: 50.0 }); // 4 × 5 s simulated
    }
    state = state.reduce(Action::TogglePlay);
    state = state.reduce(Action::Apply(raft_sim::Action::Crash { node: 2 })); // at 20 s, in the present
    assert!(state.notice.is_none(), "acting at the end of the run discards nothing");
    let hash_before = { state.clone().reduce(Action::Seek(20_000)).trace_hash() };
    state = state.reduce(Action::Seek(5_000));
    state = state.reduce(Action::Apply(raft_sim::Action::Timeout { node: 4 }));
    assert_eq!(state.notice, Some(Notice::Forked { discarded_ms: 15_000, discarded_actions: 1 }));
    assert_eq!(state.horizon_ms(), 5_000);
    let undone = state.reduce(Action::Undo);
    assert_eq!((undone.time_ms(), undone.horizon_ms()), (5_000, 20_000), "the discarded future is back");
    assert_eq!(undone.clone().reduce(Action::Seek(20_000)).trace_hash(), hash_before);
    let forked_again = undone.reduce(Action::Seek(1_000)).reduce(Action::Apply(raft_sim::Action::Crash { node: 5 }));
    let later = forked_again.reduce(Action::Step(Direction::Forward)).reduce(Action::Undo);
    assert!(later.horizon_ms() < 2_000, "Undo is offered only until the next action");
}

#[test]
fn refusals_go_where_the_action_came_from() {
    let state = Rc::new(Playground::default()).reduce(Action::OpenMenu(2));
    // Dropping a message that is not in flight, from the message panel: a notice, not the menu.
    let state = state.reduce(Action::Apply(raft_sim::Action::Drop { message: 99 }));
    assert!(state.notice.is_some() && state.menu_error.is_none());
    // The embedding page's refused action is told back to it; the reader's menu stays as it was.
    let state = state.reduce(Action::OpenMenu(2));
    let host = Action::HostAct { action: raft_sim::Action::Restart { node: 4 }, on_leader: false };
    let state = state.reduce(host);
    assert_eq!(state.menu, Some(2));
    assert!(state.menu_error.is_none());
    assert_eq!(state.host_refusals.len(), 1);
}

#[test]
fn an_embedding_pages_action_in_the_past_is_not_reported_as_refused() {
    let mut state = Rc::new(Playground::default()).reduce(Action::SetSpeed(100.0));
    state = state.reduce(Action::TogglePlay).reduce(Action::Frame { elapsed_ms: 20.0 }).reduce(Action::TogglePlay);
    state = state.reduce(Action::Seek(500));
    let state = state.reduce(Action::HostAct { action: raft_sim::Action::Crash { node: 1 }, on_leader: false });
    assert!(matches!(state.notice, Some(Notice::Forked { .. })), "{:?}", state.notice);
    assert!(state.host_refusals.is_empty(), "it was done: no error event");
}

#[test]
fn undo_brings_back_the_preset_the_picker_named() {
    let state = preset("figure-6").reduce(Action::Step(Direction::Forward));
    let forked = state.reduce(Action::Seek(0)).reduce(Action::Apply(raft_sim::Action::Crash { node: 2 }));
    assert_eq!(forked.shown_preset(), None);
    assert_eq!(forked.reduce(Action::Undo).shown_preset(), Some("figure-6"));
}

#[test]
fn exploring_pauses_time_and_each_chosen_event_takes_a_millisecond() {
    let state = Rc::new(Playground::default()).reduce(Action::TogglePlay);
    assert!(state.playing);
    let exploring = state.reduce(Action::ToggleExplore);
    assert!(exploring.exploring() && !exploring.playing, "Explore pauses");
    let start = exploring.time_ms();
    let still = exploring.reduce(Action::TogglePlay).reduce(Action::SetPlaying(true));
    assert!(!still.playing, "nothing happens by itself, time included");
    let chosen = still.reduce(Action::Explore(raft_sim::Action::Timeout { node: 2 }));
    assert_eq!((chosen.time_ms(), chosen.leader()), (start + 1, None));
    assert!(chosen.explore_view().messages.len() == 4, "S2's vote requests wait in the panel");
    let refused = chosen.reduce(Action::Explore(raft_sim::Action::Deliver { message: 99 }));
    assert!(matches!(refused.notice, Some(Notice::Refused(raft_sim::ActionError::NoSuchMessage(99)))));
    let timed = refused.reduce(Action::ToggleExplore).reduce(Action::TogglePlay);
    assert!(!timed.exploring() && timed.playing, "Explore off: Play runs again");
}

#[test]
fn explore_on_and_off_again_with_nothing_chosen_gives_the_run_back_future_and_all() {
    // Reducing shares the run with the state reduced (it changes in place): each path
    // starts from a run of its own.
    let run_of_five_events = || {
        let mut state = preset("figure-6");
        for _ in 0..5 {
            state = state.reduce(Action::Step(Direction::Forward));
        }
        state
    };
    let state = run_of_five_events();
    let (end, run) = (state.horizon_ms(), state.scenario_json());
    let exploring = state.reduce(Action::Seek(end / 2)).reduce(Action::ToggleExplore);
    assert!(exploring.exploring() && exploring.horizon_ms() == end / 2, "Explore in the past forks the run");
    let back = exploring.reduce(Action::ToggleExplore);
    assert!(!back.exploring());
    assert_eq!((back.horizon_ms(), back.time_ms(), back.shown_preset()), (end, end / 2, Some("figure-6")));
    assert_eq!(back.reduce(Action::Seek(end)).scenario_json(), run);
    // Once an event was chosen, Explore off keeps the explored run and lets time run.
    let explored = run_of_five_events().reduce(Action::Seek(end / 2)).reduce(Action::ToggleExplore);
    let kept = explored.reduce(Action::Explore(raft_sim::Action::Timeout { node: 1 })).reduce(Action::ToggleExplore);
    assert_eq!((kept.exploring(), kept.horizon_ms(), kept.time_ms()), (false, end / 2 + 1, end / 2 + 1));
}

#[test]
fn a_step_marks_what_it_changed_until_time_moves_on_otherwise() {
    // S2 times out while paused: it alone changed (a candidate of term 1).
    let state = Rc::new(Playground::default()).reduce(Action::Apply(raft_sim::Action::Timeout { node: 2 }));
    assert_eq!(state.view().changed, [2]);
    // Opening a menu keeps the marks; a step replaces them with its own.
    let state = state.reduce(Action::OpenMenu(3)).reduce(Action::CloseMenu);
    assert_eq!(state.view().changed, [2]);
    let mut state = state;
    let mut voted = false;
    for _ in 0..20 {
        state = state.reduce(Action::Step(Direction::Forward));
        // A step that delivers S2's RequestVote changes the voter's term and vote.
        if state.view().changed.iter().any(|&node| node != 2) {
            voted = true;
            break;
        }
    }
    assert!(voted, "a server voted within 20 steps");
    assert_eq!(state.view().changed.len(), 1, "{:?}", state.view().changed);
    // A step back forgets them: they would tell what the undone event did.
    let state = state.reduce(Action::Step(Direction::Back));
    assert!(state.view().changed.is_empty());
    // Seeking forgets them.
    let state = state.reduce(Action::Seek(0));
    assert!(state.view().changed.is_empty() && state.logs().changed.is_empty());
    // A write the leader appends marks its entry in the log table.
    let mut state = state.reduce(Action::SetSpeed(100.0)).reduce(Action::TogglePlay);
    for _ in 0..4 {
        state = state.reduce(Action::Frame { elapsed_ms: 50.0 });
    }
    let state = state.reduce(Action::TogglePlay);
    assert!(state.view().changed.is_empty(), "playing forgets the marks");
    let leader = state.leader().unwrap();
    let state = state.reduce(Action::Apply(raft_sim::Action::Write { node: leader, command: "x=9".into(), client: 1 }));
    let mut state = state;
    for _ in 0..5 {
        state = state.reduce(Action::Step(Direction::Forward));
        if state.logs().changed.iter().any(|&(node, _)| node == leader) {
            break;
        }
    }
    let last = state.logs().rows[leader as usize - 1].cells.last().unwrap().index;
    assert_eq!(state.logs().changed, [(leader, last)], "the leader appended the write");
}

#[test]
fn an_event_chosen_while_exploring_is_marked_as_a_step_is() {
    let state = Rc::new(Playground::default()).reduce(Action::Apply(raft_sim::Action::Timeout { node: 2 }));
    let exploring = state.reduce(Action::ToggleExplore);
    let message = exploring.history.borrow().sim().messages_in_flight().find(|m| m.to != 2).map(|m| (m.id, m.to));
    let (id, voter) = message.expect("a RequestVote in flight");
    let explored = exploring.reduce(Action::Explore(raft_sim::Action::Deliver { message: id }));
    assert_eq!(explored.view().changed, [voter]);
}

#[test]
fn step_with_nothing_next_says_why_instead_of_doing_nothing_quietly() {
    let exploring = Rc::new(Playground::default()).reduce(Action::ToggleExplore);
    let chosen = exploring.reduce(Action::Explore(raft_sim::Action::Timeout { node: 2 }));
    let at = chosen.time_ms();
    let back = chosen.reduce(Action::Step(Direction::Back));
    assert_eq!(back.notice, None);
    let again = back.reduce(Action::Step(Direction::Forward));
    assert_eq!((again.time_ms(), &again.notice), (at, &None), "the chosen event is next");
    let end = again.reduce(Action::Step(Direction::Forward));
    assert_eq!(end.time_ms(), at);
    assert_eq!(end.notice, Some(Notice::NothingNext));
    let said = end.notice.as_ref().unwrap().text(Lang::En);
    assert!(said.contains("pick an event in the Explore panel"), "{said}");
    // Timed, Step moves on as before, with no such notice.
    let mut state = Rc::new(Playground::default());
    for node in 1..=5 {
        state = state.reduce(Action::Apply(raft_sim::Action::Crash { node }));
    }
    let at = state.time_ms();
    let stepped = state.reduce(Action::Step(Direction::Forward));
    assert!(stepped.time_ms() > at && stepped.notice.is_none());
}

#[test]
fn an_explored_run_replayed_under_other_rules_is_shown_at_its_moment_still_exploring() {
    let exploring = Rc::new(Playground::default()).reduce(Action::ToggleExplore);
    let mut state = exploring.reduce(Action::Explore(raft_sim::Action::Timeout { node: 2 }));
    let first = state.explore_view().messages[0].id;
    state = state.reduce(Action::Explore(raft_sim::Action::Deliver { message: first }));
    let at = state.time_ms();
    let options = raft_sim::ScenarioOptions { check_quorum: true, ..state.options() };
    let replayed = state.reduce(Action::ReplaySettings(Ok(ClusterSettings { seed: 1, options })));
    assert_eq!(replayed.notice, None);
    assert!(replayed.options().check_quorum, "under the other rule");
    assert_eq!(replayed.time_ms(), at, "at the moment it was, not at 0");
    assert!(replayed.exploring(), "still waiting for the next choice");
    assert_eq!(replayed.view().nodes[1].role, RoleKind::Candidate);
}

#[test]
fn a_preset_replayed_under_other_rules_is_shown_at_the_moment_it_was() {
    let files = crate::presets::PresetFiles::from_disk("term-inflation");
    let state = Rc::new(Playground::default()).reduce(Action::LoadPreset(files)).reduce(Action::Seek(4_600));
    assert_eq!(state.time_ms(), 4_600);
    let inflated = state.view().nodes.iter().map(|node| node.term).max().unwrap();
    let options = raft_sim::ScenarioOptions { pre_vote: true, ..state.options() };
    let seed = state.seed();
    let replayed = state.reduce(Action::ReplaySettings(Ok(ClusterSettings { seed, options })));
    assert_eq!(replayed.notice, None);
    assert_eq!((replayed.time_ms(), replayed.playing), (4_600, false), "at the moment it was, paused");
    let terms = replayed.view().nodes.iter().map(|node| node.term).max().unwrap();
    assert!(terms < inflated, "PreVote keeps the terms down: {terms} against {inflated}");
    assert!(replayed.preset_replayed());
}

#[test]
fn a_run_replayed_under_rules_that_make_its_moment_too_busy_opens_at_0_and_says_why() {
    let state = Rc::new(Playground::default()).reduce(Action::Resize(9)).reduce(Action::Seek(200_000));
    assert_eq!(state.time_ms(), 200_000);
    let options = raft_sim::ScenarioOptions {
        heartbeat_ms: 1,
        election_timeout_ms: [150, 300],
        latency_ms: [1, 1],
        ..state.options()
    };
    let seed = state.seed();
    let replayed = state.reduce(Action::ReplaySettings(Ok(ClusterSettings { seed, options })));
    assert!(matches!(replayed.notice, Some(Notice::TooBusy(_))), "{:?}", replayed.notice);
    assert_eq!(replayed.time_ms(), 0);
    assert_eq!(replayed.options().heartbeat_ms, 1, "the replay is kept, from its start");
}

#[test]
fn a_read_takes_no_number_from_the_writes_the_page_suggests() {
    let mut state = Rc::new(Playground::default());
    assert_eq!(state.suggested_command(), "x=1");
    state = state.reduce(Action::Apply(raft_sim::Action::Read { node: 1, key: "x".into(), client: 1 }));
    assert_eq!(state.suggested_command(), "x=1", "a read is no write");
    state = state.reduce(Action::Apply(raft_sim::Action::Write { node: 1, command: "x=1".into(), client: 1 }));
    assert_eq!(state.suggested_command(), "x=2");
}

#[test]
fn crashing_a_leader_at_the_moment_it_was_elected_keeps_that_moment_on_the_timeline() {
    let mut state = Rc::new(Playground::default());
    while state.leader().is_none() {
        state = state.reduce(Action::Step(Direction::Forward));
    }
    let (elected_at, leader) = (state.time_ms(), state.leader().unwrap());
    let crashed = state.reduce(Action::Apply(raft_sim::Action::Crash { node: leader }));
    assert_eq!(crashed.time_ms(), elected_at + 1, "the crash takes a millisecond");
    assert_eq!(crashed.leader(), None);
    let other = if leader == 1 { 2 } else { 1 };
    let both = crashed.reduce(Action::Apply(raft_sim::Action::Crash { node: other }));
    assert_eq!(both.time_ms(), elected_at + 1, "right after an action of the reader's, the same moment");
    let crashed = both.reduce(Action::Undo);
    assert_eq!(crashed.time_ms(), elected_at + 1);
    let back = crashed.reduce(Action::Step(Direction::Back));
    assert_eq!((back.time_ms(), back.leader()), (elected_at, Some(leader)), "the leader, before its crash");
    // Where nothing was told, an action is done at the moment shown.
    let quiet = back.reduce(Action::Seek(elected_at + 100));
    let at = quiet.time_ms();
    let restarted = quiet.reduce(Action::Apply(raft_sim::Action::Restart { node: leader }));
    assert_eq!(restarted.time_ms(), at);
}
