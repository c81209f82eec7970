//! The postMessage API of an embedded playground, as plain data: what a host page may ask
//! ([`HostCommand`], read from JSON) and what the playground tells it ([`event_json`]).
//!
//! Every message carries `"raftPlayground": 1`, the protocol's version; anything else is not
//! for us and is ignored. The glue that listens and posts lives in `hooks/use_embed_api.rs`.
//!
//! ```json
//! {"raftPlayground": 1, "command": "play"}
//! {"raftPlayground": 1, "command": "seek", "ms": 2000}
//! {"raftPlayground": 1, "command": "act", "action": {"do": "crash", "node": "leader"}}
//! ```

use raft_sim::{Json, Millis, NodeId, StoryEvent, MAX_LINK_TIME_MS};

/// The protocol version every message carries in `raftPlayground`.
pub const PROTOCOL_VERSION: u64 = 1;

/// What a host page can ask of the playground.
#[derive(Clone, Debug, PartialEq)]
pub enum HostCommand {
    /// Start playing.
    Play,
    /// Pause.
    Pause,
    /// Go to the next event, paused.
    Step,
    /// Go to the previous event, paused.
    StepBack,
    /// Go to this moment.
    Seek(Millis),
    /// Carry out a scenario action now. With `on_leader`, its node is whoever leads now.
    Act {
        /// The action (its node is a placeholder when `on_leader`).
        action: raft_sim::Action,
        /// Whether to aim it at the current leader.
        on_leader: bool,
    },
    /// Reply with a `state` event.
    State,
}

/// Why a message for us could not be carried out; told back as an `error` event.
pub type HostError = String;

/// Reads a message. `None` if it is not for us (no `"raftPlayground": 1`): such messages are
/// ignored silently, since a host page may talk to other frames too.
pub fn parse_command(message: &Json) -> Option<Result<HostCommand, HostError>> {
    if message.get("raftPlayground")?.as_u64()? != PROTOCOL_VERSION {
        return None;
    }
    let command = message.get("command").and_then(Json::as_str).unwrap_or("");
    Some(match command {
        "play" => Ok(HostCommand::Play),
        "pause" => Ok(HostCommand::Pause),
        "step" => Ok(HostCommand::Step),
        "step-back" => Ok(HostCommand::StepBack),
        "state" => Ok(HostCommand::State),
        "seek" => match message.get("ms").and_then(Json::as_u64) {
            Some(ms) if ms <= MAX_LINK_TIME_MS => Ok(HostCommand::Seek(ms)),
            Some(ms) => Err(format!("seek: at most {MAX_LINK_TIME_MS} ms (one simulated hour), not {ms}")),
            None => Err("seek needs \"ms\": a whole number of simulated milliseconds".to_owned()),
        },
        "act" => parse_act(message.get("action")),
        other => {
            let other = raft_sim::quoted(other);
            Err(format!("unknown command {other}: commands are play, pause, step, step-back, seek, act and state"))
        }
    })
}

fn parse_act(action: Option<&Json>) -> Result<HostCommand, HostError> {
    let mut action = action.cloned().ok_or("act needs \"action\", e.g. {\"do\": \"crash\", \"node\": 2}")?;
    let on_leader = action.get("node").and_then(Json::as_str) == Some("leader");
    if on_leader {
        action.set("node", Json::from(0u32));
    }
    let action = serde_json::to_value(&action)
        .and_then(serde_json::from_value::<raft_sim::Action>)
        .map_err(|e| format!("action: {e}"))?;
    Ok(HostCommand::Act { action, on_leader })
}

/// `action` aimed at `node`, for actions that name one node; other actions are unchanged.
pub fn aimed_at(action: raft_sim::Action, node: NodeId) -> raft_sim::Action {
    use raft_sim::Action;
    match action {
        Action::Timeout { .. } => Action::Timeout { node },
        Action::Crash { .. } => Action::Crash { node },
        Action::Restart { .. } => Action::Restart { node },
        Action::Write { command, .. } => Action::Write { node, command },
        other => other,
    }
}

/// A message to the host, with the protocol's version.
pub fn message<K: Into<String>>(event: &str, fields: impl IntoIterator<Item = (K, Json)>) -> Json {
    let mut message = Json::object(fields);
    message.set("raftPlayground", Json::from(PROTOCOL_VERSION));
    message.set("event", Json::from(event));
    message
}

/// The event a host hears about a story event, if it is one hosts are told: a leader elected,
/// an entry committed, a server crashed or restarted, a client write answered.
pub fn event_json(at_ms: Millis, event: &StoryEvent) -> Option<Json> {
    let at = ("at_ms", Json::from(at_ms));
    Some(match event {
        StoryEvent::BecameLeader { node, term } => {
            message("leader", [at, ("node", Json::from(*node)), ("term", Json::from(*term))])
        }
        StoryEvent::Committed { leader, index } => {
            message("committed", [at, ("leader", Json::from(*leader)), ("index", Json::from(*index))])
        }
        StoryEvent::Crashed { node } => message("crashed", [at, ("node", Json::from(*node))]),
        StoryEvent::Restarted { node } => message("restarted", [at, ("node", Json::from(*node))]),
        StoryEvent::ClientDone { command, result, .. } => message(
            "write-done",
            [at, ("command", Json::from(command.as_str())), ("result", Json::from(result.name()))],
        ),
        _ => return None,
    })
}

/// Which story events a host has not heard yet, as time moves from `heard` to `now`.
///
/// `heard` is the moment told up to and how many events of that very moment were told (an
/// action adds events at the current moment after its other events ran). Moving back in time
/// tells nothing and starts over from `now`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Heard {
    /// Told up to this moment.
    pub at_ms: Millis,
    /// How many events of that moment were told.
    pub count_at: usize,
}

impl Heard {
    /// Everything of `story` up to `now`, the events of `now` included, counted as told: where
    /// a page opened at `now` starts, so that a host hears only what happens after `ready`.
    pub fn all_until<'a>(story: impl Iterator<Item = &'a (Millis, StoryEvent)>, now: Millis) -> Heard {
        Heard { at_ms: now, count_at: story.filter(|(at, _)| *at == now).count() }
    }

    /// The new events among `story` (oldest first) up to `now`, and what has been heard after.
    pub fn advance<'a>(
        self,
        story: impl Iterator<Item = &'a (Millis, StoryEvent)>,
        now: Millis,
    ) -> (Vec<(Millis, StoryEvent)>, Heard) {
        if now < self.at_ms {
            // Everything up to `now` was told on the way here, the events of `now` included.
            return (Vec::new(), Heard::all_until(story, now));
        }
        let mut fresh = Vec::new();
        let mut heard = Heard { at_ms: self.at_ms, count_at: self.count_at };
        let mut seen_at_heard = 0;
        for (at, event) in story.filter(|(at, _)| *at >= self.at_ms && *at <= now) {
            if *at == self.at_ms {
                seen_at_heard += 1;
                if seen_at_heard <= self.count_at {
                    continue;
                }
            }
            if *at != heard.at_ms {
                heard = Heard { at_ms: *at, count_at: 0 };
            }
            heard.count_at += 1;
            fresh.push((*at, event.clone()));
        }
        if heard.at_ms < now {
            heard = Heard { at_ms: now, count_at: 0 };
        }
        (fresh, heard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Result<HostCommand, HostError>> {
        parse_command(&Json::parse(text).unwrap())
    }

    #[test]
    fn commands_are_read_from_json() {
        assert_eq!(parse(r#"{"raftPlayground":1,"command":"play"}"#), Some(Ok(HostCommand::Play)));
        assert_eq!(parse(r#"{"raftPlayground":1,"command":"seek","ms":2000}"#), Some(Ok(HostCommand::Seek(2000))));
        let crash_leader = parse(r#"{"raftPlayground":1,"command":"act","action":{"do":"crash","node":"leader"}}"#);
        assert_eq!(
            crash_leader,
            Some(Ok(HostCommand::Act { action: raft_sim::Action::Crash { node: 0 }, on_leader: true }))
        );
        let write = parse(r#"{"raftPlayground":1,"command":"act","action":{"do":"write","node":2,"command":"x=1"}}"#);
        let Some(Ok(HostCommand::Act { action, on_leader: false })) = write else { panic!("{write:?}") };
        assert_eq!(aimed_at(action, 4), raft_sim::Action::Write { node: 4, command: "x=1".into() });
    }

    #[test]
    fn messages_for_others_are_ignored_and_bad_ones_explained() {
        assert_eq!(parse(r#"{"type":"resize","height":300}"#), None);
        assert_eq!(parse(r#"{"raftPlayground":2,"command":"play"}"#), None, "a future protocol is not ours");
        assert_eq!(parse(r#""play""#), None);
        assert!(parse(r#"{"raftPlayground":1,"command":"dance"}"#).unwrap().unwrap_err().contains("unknown command"));
        assert!(parse(r#"{"raftPlayground":1,"command":"seek"}"#).unwrap().unwrap_err().contains("ms"));
        let too_far = parse(r#"{"raftPlayground":1,"command":"seek","ms":1e15}"#).unwrap().unwrap_err();
        assert!(too_far.contains("ms"), "{too_far}");
        let too_far = parse(r#"{"raftPlayground":1,"command":"seek","ms":3600001}"#).unwrap().unwrap_err();
        assert!(too_far.starts_with("seek: at most 3600000 ms"), "{too_far}");
        let bad = parse(r#"{"raftPlayground":1,"command":"act","action":{"do":"explode"}}"#).unwrap().unwrap_err();
        assert!(bad.starts_with("action: unknown variant `explode`"), "{bad}");
        let bad = parse(r#"{"raftPlayground":1,"command":"act","action":{"do":"crash","node":"two"}}"#);
        assert!(bad.unwrap().unwrap_err().starts_with("action: invalid type: string \"two\""));
    }

    #[test]
    fn events_name_what_happened() {
        let leader = event_json(120, &StoryEvent::BecameLeader { node: 3, term: 2 }).unwrap();
        assert_eq!(leader.to_string(), r#"{"at_ms":120,"node":3,"term":2,"raftPlayground":1,"event":"leader"}"#);
        let done = StoryEvent::ClientDone { op: 1, command: "x=1".into(), result: raft_sim::OpResult::NoLeader };
        assert_eq!(event_json(7, &done).unwrap().get("result"), Some(&Json::from("no_leader")));
        assert_eq!(event_json(5, &StoryEvent::Healed), None);
    }

    #[test]
    fn a_page_opened_later_has_heard_everything_up_to_its_moment() {
        let story =
            [(10, StoryEvent::Healed), (20, StoryEvent::Healed), (20, StoryEvent::Healed), (30, StoryEvent::Healed)];
        let heard = Heard::all_until(story.iter(), 20);
        assert_eq!(heard, Heard { at_ms: 20, count_at: 2 });
        let (fresh, _) = heard.advance(story.iter(), 30);
        assert_eq!(fresh, [(30, StoryEvent::Healed)], "only what happens after opening is news");
    }

    #[test]
    fn each_event_is_heard_once_as_time_moves_on() {
        let story = [
            (10, StoryEvent::Crashed { node: 1 }),
            (20, StoryEvent::Restarted { node: 1 }),
            (20, StoryEvent::Crashed { node: 2 }),
        ];
        let (fresh, heard) = Heard::default().advance(story.iter(), 15);
        assert_eq!((fresh.len(), heard), (1, Heard { at_ms: 15, count_at: 0 }));
        let (fresh, heard) = heard.advance(story[..2].iter(), 20);
        assert_eq!((fresh.len(), heard), (1, Heard { at_ms: 20, count_at: 1 }));
        let (fresh, heard) = heard.advance(story.iter(), 20);
        assert_eq!(fresh, vec![(20, StoryEvent::Crashed { node: 2 })], "an action's event at the same moment");
        let (fresh, heard) = heard.advance(story.iter(), 10);
        assert_eq!((fresh.len(), heard), (0, Heard { at_ms: 10, count_at: 1 }), "seeking back tells nothing");
        let (fresh, _) = heard.advance(story.iter(), 15);
        assert!(fresh.is_empty(), "the event at the moment sought was told already");
    }
}
