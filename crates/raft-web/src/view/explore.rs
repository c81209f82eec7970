//! What the Explore panel lists: every event that can happen next (the simulator decides
//! which, `Simulation::enabled_events`), grouped by the message or server it concerns.

use raft_sim::{Action, NodeId, Simulation};

/// The choices about one message in flight.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageChoices {
    /// Its id.
    pub id: u64,
    /// Its kind, e.g. `AppendEntries`.
    pub kind: &'static str,
    /// Sender and receiver (`CLIENT` for the client).
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// The message it is a second copy of, if it is one.
    pub copy_of: Option<u64>,
    /// Deliver, drop, and duplicate when it can be copied.
    pub events: Vec<Action>,
}

/// The choices about one server.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerChoices {
    /// The server.
    pub node: NodeId,
    /// Time out (or heartbeat, for a leader) and crash, or restart.
    pub events: Vec<Action>,
}

/// Every enabled event, grouped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExploreView {
    /// Messages in flight, by id.
    pub messages: Vec<MessageChoices>,
    /// Servers, by id.
    pub servers: Vec<ServerChoices>,
}

impl ExploreView {
    /// The events that can happen next in `sim`.
    pub fn of(sim: &Simulation) -> Self {
        let mut view = ExploreView::default();
        for event in sim.enabled_events() {
            match &event {
                Action::Deliver { message } | Action::Drop { message } | Action::Duplicate { message } => {
                    if view.messages.last().is_none_or(|last| last.id != *message) {
                        let Some(flight) = sim.network().get(*message) else { continue };
                        let (kind, from, to, copy_of) =
                            (flight.payload.kind().as_str(), flight.from, flight.to, flight.copy_of);
                        view.messages.push(MessageChoices {
                            id: *message,
                            kind,
                            from,
                            to,
                            copy_of,
                            events: Vec::new(),
                        });
                    }
                    view.messages.last_mut().expect("pushed").events.push(event);
                }
                Action::Timeout { node }
                | Action::Heartbeat { node }
                | Action::Crash { node }
                | Action::Restart { node } => {
                    if view.servers.last().is_none_or(|last| last.node != *node) {
                        view.servers.push(ServerChoices { node: *node, events: Vec::new() });
                    }
                    view.servers.last_mut().expect("pushed").events.push(event);
                }
                _ => {}
            }
        }
        view
    }
}

/// The event as the page's DOM hook names it: `deliver:12`, `timeout:3`, …
pub fn event_code(event: &Action) -> String {
    match event {
        Action::Deliver { message } | Action::Drop { message } | Action::Duplicate { message } => {
            format!("{}:{message}", event.name())
        }
        Action::Timeout { node } | Action::Heartbeat { node } | Action::Crash { node } | Action::Restart { node } => {
            format!("{}:{node}", event.name())
        }
        other => other.name().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::ScenarioExt as _;

    #[test]
    fn events_are_grouped_by_message_and_by_server_with_their_dom_names() {
        let scenario = raft_sim::Scenario::from_json(
            r#"{"version":1,"seed":1,"nodes":3,"options":{"scheduler":"manual"},
                "actions":[{"at_ms":0,"do":"timeout","node":2}]}"#,
        )
        .unwrap();
        let mut sim = scenario.build(false).unwrap();
        sim.run_until(0);
        let view = ExploreView::of(&sim);
        let messages: Vec<(u64, &str, NodeId, NodeId, usize)> =
            view.messages.iter().map(|m| (m.id, m.kind, m.from, m.to, m.events.len())).collect();
        assert_eq!(messages, [(1, "RequestVote", 2, 1, 3), (2, "RequestVote", 2, 3, 3)]);
        let codes: Vec<String> = view.servers.iter().flat_map(|s| s.events.iter().map(event_code)).collect();
        assert_eq!(codes, ["timeout:1", "crash:1", "timeout:2", "crash:2", "timeout:3", "crash:3"]);
        assert_eq!(event_code(&view.messages[0].events[2]), "duplicate:1");
        sim.apply(Action::Duplicate { message: 1 }).unwrap();
        let copy = ExploreView::of(&sim).messages.into_iter().find(|m| m.id == 3).expect("the copy, #3");
        assert_eq!(copy.copy_of, Some(1));
        assert_eq!(
            copy.events.iter().map(event_code).collect::<Vec<_>>(),
            ["deliver:3", "drop:3"],
            "a copy is not copied"
        );
    }
}
