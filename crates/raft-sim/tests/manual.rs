//! Manual scheduling (issue 17): the `scheduler` option and action, and the `deliver` and
//! `heartbeat` actions. Nothing happens by itself; every next event is an action, and a run
//! chosen event by event is a plain scenario file that replays exactly.

use raft_sim::ScenarioExt as _;
use raft_sim::{Action, ActionError, RoleKind, Scenario, Scheduler, Simulation, TimedAction, TraceEvent};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

const MANUAL: &str = r#"{ "version": 1, "seed": 7, "nodes": 3, "options": { "scheduler": "manual" } }"#;

/// The ids of the messages in flight, in send order.
fn in_flight(sim: &Simulation) -> Vec<u64> {
    let mut ids: Vec<u64> = sim.messages_in_flight().map(|m| m.id).collect();
    ids.sort_unstable();
    ids
}

fn role(sim: &Simulation, node: u32) -> RoleKind {
    sim.node(node).unwrap().node().role()
}

/// Delivers every message in flight, oldest first, until none is left (at most `rounds`
/// rounds), each as an action at the current time.
fn deliver_all(sim: &mut Simulation, actions: &mut Vec<Action>) {
    for _ in 0..10 {
        let ids = in_flight(sim);
        if ids.is_empty() {
            return;
        }
        for message in ids {
            let action = Action::Deliver { message };
            sim.apply(action.clone()).unwrap();
            actions.push(action);
        }
    }
}

#[test]
fn under_manual_scheduling_nothing_happens_until_an_action_says_so() {
    let mut sim = scenario(MANUAL).build(true).unwrap();
    sim.run_until(3_600_000);
    assert_eq!(sim.now(), 3_600_000);
    assert!(sim.nodes().all(|n| n.node().role() == RoleKind::Follower && n.node().current_term() == 0));
    assert_eq!(sim.events_processed(), 0, "no timer fired by itself in an hour");
    assert_eq!(sim.next_event_time(), None);

    sim.apply(Action::Timeout { node: 2 }).unwrap();
    assert_eq!(role(&sim, 2), RoleKind::Candidate);
    assert_eq!(in_flight(&sim), [1, 2], "two vote requests, ids in send order");
    sim.run_until(3_700_000);
    assert_eq!(in_flight(&sim), [1, 2], "they wait in flight, however long");
    assert_eq!(role(&sim, 2), RoleKind::Candidate, "and the candidate's timer does not fire");

    sim.apply(Action::Deliver { message: 2 }).unwrap();
    assert_eq!(in_flight(&sim), [1, 3], "#2 arrived and its reply #3 is on its way");
    sim.apply(Action::Deliver { message: 3 }).unwrap();
    assert_eq!(sim.leader(), Some(2), "two votes of three");
    let appends = in_flight(&sim);
    assert_eq!(appends.len(), 3, "the old request #1 and the new leader's two AppendEntries: {appends:?}");

    assert_eq!(sim.try_apply(Action::Heartbeat { node: 1 }), Err(ActionError::NotLeader(1)));
    assert_eq!(sim.try_apply(Action::Deliver { message: 2 }), Err(ActionError::NoSuchMessage(2)));
    sim.apply(Action::Heartbeat { node: 2 }).unwrap();
    assert_eq!(in_flight(&sim).len(), 5, "a heartbeat to each follower");
    assert!(sim.violations().is_empty());
}

#[test]
fn a_run_chosen_event_by_event_is_a_scenario_file_that_replays_exactly() {
    let mut sim = scenario(MANUAL).build(true).unwrap();
    let mut actions = Vec::new();
    let at = |sim: &mut Simulation, action: Action, actions: &mut Vec<Action>| {
        sim.apply(action.clone()).unwrap();
        actions.push(action);
    };
    at(&mut sim, Action::Timeout { node: 1 }, &mut actions);
    deliver_all(&mut sim, &mut actions);
    assert_eq!(sim.leader(), Some(1));
    at(&mut sim, Action::Write { node: 1, command: "x=4".into(), client: 1 }, &mut actions);
    deliver_all(&mut sim, &mut actions);
    at(&mut sim, Action::Heartbeat { node: 1 }, &mut actions);
    deliver_all(&mut sim, &mut actions);
    let committed: Vec<u64> = sim.nodes().map(|n| n.node().commit_index()).collect();
    assert_eq!(committed, [2, 2, 2], "the no-op and the write committed everywhere after one more heartbeat");
    assert!(sim.client_ops().all(|op| op.result.is_some()), "and the client heard back");

    // The same choices as a file: one action per millisecond.
    let mut file = scenario(MANUAL);
    file.actions =
        actions.iter().enumerate().map(|(i, action)| TimedAction { at_ms: i as u64, action: action.clone() }).collect();
    let text = file.to_json_pretty();
    let mut replay = scenario(&text).build(true).unwrap();
    replay.run_until(actions.len() as u64);
    let errors =
        replay.trace().events().unwrap().iter().filter(|e| matches!(e, TraceEvent::Action { error: Some(_), .. }));
    assert_eq!(errors.count(), 0, "every action of the file was possible again");
    let logs = |sim: &Simulation| -> Vec<Vec<u64>> {
        sim.nodes().map(|n| n.node().log().entries().map(|e| e.term).collect()).collect()
    };
    assert_eq!(logs(&replay), logs(&sim));
    assert_eq!(replay.leader(), sim.leader());
    assert_eq!(replay.client_ops().count(), 1);
}

#[test]
fn the_scheduler_action_switches_at_any_moment_and_overdue_events_then_run_at_once() {
    let mut sim = scenario(r#"{ "version": 1, "seed": 7, "nodes": 3 }"#).build(true).unwrap();
    sim.run_until(1_000);
    let leader = sim.leader().expect("a leader by 1 s");
    sim.apply(Action::Scheduler { mode: Scheduler::Manual }).unwrap();
    assert!(sim.is_manual());
    let waiting = in_flight(&sim);
    let events = sim.events_processed();
    sim.run_until(5_000);
    assert_eq!((in_flight(&sim), sim.events_processed()), (waiting.clone(), events), "frozen for 4 s");
    sim.apply(Action::Scheduler { mode: Scheduler::Timed }).unwrap();
    sim.run_until(5_000);
    assert!(sim.events_processed() > events, "what was due ran at once, at 5 s");
    assert!(waiting.iter().all(|id| !in_flight(&sim).contains(id)), "every waiting message arrived");
    // Four simulated seconds passed: the followers' election timers were overdue, fired at
    // 5 s with the waiting messages, in their order, and a new term began.
    let fired = sim
        .trace()
        .events()
        .unwrap()
        .iter()
        .any(|e| matches!(e, TraceEvent::Timer { at: 5_000, node, .. } if *node != leader));
    assert!(fired, "a follower's overdue timer fired at 5 s");
    sim.run_until(8_000);
    assert!(sim.leader().is_some(), "and the cluster elected a leader again");
}

#[test]
fn in_timed_scheduling_deliver_brings_a_message_ahead_of_its_time() {
    let mut sim = scenario(r#"{ "version": 1, "seed": 7, "nodes": 3, "options": { "latency_ms": [50, 60] } }"#)
        .build(true)
        .unwrap();
    sim.apply(Action::Timeout { node: 3 }).unwrap();
    let first = sim.messages_in_flight().min_by_key(|m| m.id).unwrap().clone();
    assert!(first.deliver_at >= 50);
    sim.apply(Action::Deliver { message: first.id }).unwrap();
    let delivered_at = sim.trace().events().unwrap().iter().find_map(|e| match e {
        TraceEvent::Deliver { id, at, .. } if *id == first.id => Some(*at),
        _ => None,
    });
    assert_eq!(delivered_at, Some(0), "delivered now, not at {}", first.deliver_at);
    sim.run_until(200);
    let again =
        sim.trace().events().unwrap().iter().filter(|e| matches!(e, TraceEvent::Deliver { id, .. } if *id == first.id));
    assert_eq!(again.count(), 1, "its queued arrival finds nothing to deliver");
}

#[test]
fn the_new_option_and_actions_are_written_only_when_used() {
    let timed = scenario(r#"{ "version": 1, "seed": 7 }"#);
    assert!(!timed.to_json().contains("scheduler"), "{}", timed.to_json());
    let manual = scenario(MANUAL);
    assert!(manual.to_json().contains(r#""scheduler":"manual""#), "{}", manual.to_json());
    let actions = r#"{ "version": 1, "seed": 7, "actions": [
        { "at_ms": 0, "do": "scheduler", "mode": "manual" },
        { "at_ms": 1, "do": "deliver", "message": 4 },
        { "at_ms": 2, "do": "heartbeat", "node": 2 } ] }"#;
    let read = scenario(actions);
    assert_eq!(read.actions[0].action, Action::Scheduler { mode: Scheduler::Manual });
    assert_eq!(read.actions[1].action, Action::Deliver { message: 4 });
    assert_eq!(read.actions[2].action, Action::Heartbeat { node: 2 });
    assert_eq!(scenario(&read.to_json()).actions, read.actions, "they read back as written");
    let bad = Scenario::from_json(
        r#"{ "version": 1, "seed": 7, "actions": [ { "at_ms": 0, "do": "scheduler", "mode": "fast" } ] }"#,
    )
    .unwrap_err()
    .to_string();
    assert!(bad.contains("actions[0].mode") && bad.contains("unknown variant `fast`"), "{bad}");
    let zero = Scenario::from_json(
        r#"{ "version": 1, "seed": 7, "actions": [ { "at_ms": 0, "do": "deliver", "message": 0 } ] }"#,
    )
    .unwrap_err()
    .to_string();
    assert!(zero.contains("message ids start at 1"), "{zero}");
}

#[test]
fn under_manual_scheduling_nothing_is_lost_or_copied_at_random() {
    let json =
        r#"{ "version": 1, "seed": 7, "nodes": 3, "options": { "scheduler": "manual", "loss": 1, "duplicate": 1 } }"#;
    let mut sim = scenario(json).build(true).unwrap();
    sim.apply(Action::Timeout { node: 1 }).unwrap();
    sim.apply(Action::Deliver { message: 1 }).unwrap();
    sim.apply(Action::Deliver { message: 3 }).unwrap();
    assert_eq!(sim.leader(), Some(1), "a vote asked and granted, though every message would be lost");
    assert!(sim.messages_in_flight().all(|m| m.copy_of.is_none()), "and none was copied");
}

#[test]
fn explored_events_each_take_a_millisecond_so_stepping_back_undoes_one_at_a_time() {
    let mut history = raft_sim::History::new(scenario(MANUAL)).unwrap();
    history.seek(500);
    let events = [Action::Timeout { node: 1 }, Action::Deliver { message: 1 }, Action::Deliver { message: 3 }];
    for event in events.clone() {
        assert!(history.sim().enabled_events().contains(&event), "{event} is offered");
        history.apply_after(1, event).unwrap();
    }
    assert_eq!((history.now(), history.sim().leader()), (503, Some(1)));
    let times: Vec<u64> = history.scenario().actions.iter().map(|timed| timed.at_ms).collect();
    assert_eq!(times, [501, 502, 503]);
    assert_eq!(history.step_back(), Some(502));
    assert_eq!(history.sim().leader(), None, "the last vote is undone");
    // Choosing another event there forks the run: the old third event is gone.
    history.apply_after(1, Action::Drop { message: 3 }).unwrap();
    let kinds: Vec<&str> = history.scenario().actions.iter().map(|timed| timed.action.name()).collect();
    assert_eq!(kinds, ["timeout", "deliver", "drop"]);
    assert_eq!(history.apply_after(1, Action::Deliver { message: 3 }), Err(ActionError::NoSuchMessage(3)));
    assert_eq!(history.now(), 503, "a refused event changes nothing");
}

#[test]
fn the_enabled_events_are_every_message_and_every_server_in_order() {
    let mut sim = scenario(MANUAL).build(true).unwrap();
    sim.apply(Action::Timeout { node: 3 }).unwrap();
    sim.apply(Action::Crash { node: 1 }).unwrap();
    let names: Vec<String> = sim.enabled_events().iter().map(ToString::to_string).collect();
    assert_eq!(
        names,
        [
            "deliver #1",
            "drop #1",
            "duplicate #1",
            "deliver #2",
            "drop #2",
            "duplicate #2",
            "restart 1",
            "timeout 2",
            "crash 2",
            "timeout 3",
            "crash 3"
        ]
    );
}

#[test]
fn a_server_that_may_not_campaign_is_offered_no_timeout() {
    let mut sim = scenario(MANUAL).build(true).unwrap();
    let mut actions = Vec::new();
    sim.apply(Action::Timeout { node: 1 }).unwrap();
    deliver_all(&mut sim, &mut actions);
    assert_eq!(sim.leader(), Some(1));
    sim.apply(Action::AddServer { node: 4 }).unwrap();
    assert!(!sim.node(4).unwrap().node().may_campaign(), "a new server catches up first");
    let offered = |sim: &Simulation, node: u32| -> Vec<String> {
        let events = sim.enabled_events().into_iter().filter(|event| {
            matches!(event, Action::Timeout { node: n } | Action::Heartbeat { node: n } | Action::Crash { node: n } if *n == node)
        });
        events.map(|event| event.to_string()).collect()
    };
    assert_eq!(offered(&sim, 4), ["crash 4"], "a timeout would only re-arm its timer");
    assert_eq!(offered(&sim, 1), ["heartbeat 1", "crash 1"]);
    assert_eq!(offered(&sim, 2), ["timeout 2", "crash 2"]);
}
