//! The postMessage API of an embedded playground, as plain data: what a host page may ask
//! ([`HostCommand`], read by serde_json from the posted object's JSON, as scenario files are
//! read) and what the playground tells it ([`HostEvent`], written by serde_json and posted as
//! a plain JavaScript object).
//!
//! Every message carries `"raftPlayground": 1`, the protocol's version; anything else is not
//! for us and is ignored. The glue that listens and posts lives in `hooks/use_embed_api.rs`.
//!
//! ```json
//! {"raftPlayground": 1, "command": "play"}
//! {"raftPlayground": 1, "command": "seek", "ms": 2000}
//! {"raftPlayground": 1, "command": "act", "action": {"do": "crash", "node": "leader"}}
//! {"raftPlayground": 1, "command": "goto-step", "step": 3}
//! ```

use raft_sim::Object;
use raft_sim::{Action, Millis, NodeId, OpResult, StoryEvent, Term, MAX_LINK_TIME_MS};
use serde::{Deserialize, Serialize};

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
        action: Action,
        /// Whether to aim it at the current leader.
        on_leader: bool,
    },
    /// Reply with a `state` event.
    State,
    /// Show this step of the open lesson (counting from 0; hosts count from 1).
    GotoStep(u64),
}

/// The names of the commands, as hosts write them in `command`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum CommandName {
    Play,
    Pause,
    Step,
    StepBack,
    Seek,
    Act,
    State,
    GotoStep,
}

impl CommandName {
    /// The name as hosts write it: serde's own, so there is one definition.
    fn name(self) -> String {
        raft_sim::to_compact_json(&self).trim_matches('"').to_owned()
    }
}

/// A command as posted: every field any command has, each checked by [`read_command`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HostMessage {
    #[serde(rename = "raftPlayground")]
    _protocol: u64,
    command: CommandName,
    #[serde(default)]
    ms: Option<Millis>,
    /// The action, read as a scenario file reads its actions.
    #[serde(default)]
    action: Option<Action>,
    /// A lesson's step, counting from 1 (read whole, so that a step past any lesson's end is
    /// refused as such, not as a number out of `usize`'s range).
    #[serde(default)]
    step: Option<u64>,
}

/// Why a message for us could not be carried out; told back as an `error` event.
pub type HostError = String;

/// Reads a command posted for this protocol, from any serde data: in the page, the JSON text
/// of the posted object (the glue in `hooks/use_embed_api.rs` has checked its
/// `"raftPlayground": 1` and that it is plain data). Errors name the field, never a line and
/// column of text the host did not write. With `on_leader`, the action's node
/// is a placeholder for whoever leads when it is carried out (the glue turned the host's
/// `"node": "leader"` into 0).
pub fn read_command<'de, D: serde::Deserializer<'de>>(message: D, on_leader: bool) -> Result<HostCommand, HostError> {
    let Object(message): Object<HostMessage> = raft_sim::read(message).map_err(|e| e.without_position().to_string())?;
    // Every command's fields are read together: one another command has is refused by name.
    let own = match message.command {
        CommandName::Seek => "ms",
        CommandName::Act => "action",
        CommandName::GotoStep => "step",
        _ => "",
    };
    let given = [("ms", message.ms.is_some()), ("action", message.action.is_some()), ("step", message.step.is_some())];
    if let Some((field, _)) = given.into_iter().find(|&(field, given)| given && field != own) {
        return Err(format!("{field}: unknown field `{field}` for `{}`", message.command.name()));
    }
    Ok(match message.command {
        CommandName::Play => HostCommand::Play,
        CommandName::Pause => HostCommand::Pause,
        CommandName::Step => HostCommand::Step,
        CommandName::StepBack => HostCommand::StepBack,
        CommandName::State => HostCommand::State,
        CommandName::Seek => match message.ms {
            Some(ms) if ms <= MAX_LINK_TIME_MS => HostCommand::Seek(ms),
            Some(ms) => return Err(format!("seek: at most {MAX_LINK_TIME_MS} ms (one simulated hour), not {ms}")),
            None => return Err("seek needs \"ms\": a whole number of simulated milliseconds".to_owned()),
        },
        CommandName::GotoStep => match message.step {
            Some(0) => return Err("goto-step: \"step\" counts from 1, not 0".to_owned()),
            Some(step) => HostCommand::GotoStep(step - 1),
            None => return Err("goto-step needs \"step\": a lesson's step, counting from 1".to_owned()),
        },
        CommandName::Act => {
            let action = message.action.ok_or("act needs \"action\", e.g. {\"do\": \"crash\", \"node\": 2}")?;
            if on_leader && aimed_at(action.clone(), 0).is_none() {
                return Err(format!(
                    "\"node\": \"leader\" cannot aim {}: its node is not a server that acts",
                    action.name()
                ));
            }
            HostCommand::Act { action, on_leader }
        }
    })
}

/// `action` aimed at `node`, for actions that name one node; other actions are unchanged.
pub fn aimed_at(action: Action, node: NodeId) -> Option<Action> {
    Some(match action {
        Action::Timeout { .. } => Action::Timeout { node },
        Action::Crash { .. } => Action::Crash { node },
        Action::Restart { .. } => Action::Restart { node },
        Action::Write { command, client, .. } => Action::Write { node, command, client },
        Action::Read { key, client, .. } => Action::Read { node, key, client },
        Action::Snapshot { .. } => Action::Snapshot { node },
        Action::Heartbeat { .. } => Action::Heartbeat { node },
        Action::RemoveServer { .. } => Action::RemoveServer { node },
        // Its node is not the server that acts: a successor (`transfer`), a new server.
        _ => return None,
    })
}

/// What the playground tells its host, each with `"raftPlayground": 1` and its kind in `event`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum HostEvent {
    /// Loaded and listening.
    Ready,
    /// The answer to `state`.
    State {
        /// The current moment.
        time_ms: Millis,
        /// Whether it is playing.
        playing: bool,
        /// Who leads, if anyone.
        leader: Option<NodeId>,
        /// The trace hash up to now.
        trace_hash: String,
        /// The open lesson's id, if one is open.
        #[serde(skip_serializing_if = "Option::is_none")]
        lesson: Option<String>,
        /// The step it shows, counting from 1.
        #[serde(skip_serializing_if = "Option::is_none")]
        step: Option<usize>,
        /// How many steps it has.
        #[serde(skip_serializing_if = "Option::is_none")]
        steps: Option<usize>,
    },
    /// A command was malformed or refused.
    Error {
        /// Why.
        message: String,
    },
    /// A leader was elected.
    Leader {
        /// When.
        at_ms: Millis,
        /// Who.
        node: NodeId,
        /// Its term.
        term: Term,
    },
    /// A leader committed entries up to `index`.
    Committed {
        /// When.
        at_ms: Millis,
        /// Which leader.
        leader: NodeId,
        /// Up to which index.
        index: u64,
    },
    /// A server crashed.
    Crashed {
        /// When.
        at_ms: Millis,
        /// Which.
        node: NodeId,
    },
    /// A server restarted.
    Restarted {
        /// When.
        at_ms: Millis,
        /// Which.
        node: NodeId,
    },
    /// An open lesson shows a step (a lesson was opened, or the step changed).
    LessonStep {
        /// The lesson's id.
        lesson: String,
        /// The step, counting from 1.
        step: usize,
        /// How many steps the lesson has.
        steps: usize,
    },
    /// A client write was answered.
    WriteDone {
        /// When.
        at_ms: Millis,
        /// The command.
        command: String,
        /// How it ended (`ok`, `no_leader`, `unknown`, `timeout`).
        result: OpResult,
    },
}

/// An event as posted: the protocol's version, then the event.
#[derive(Serialize)]
pub struct Posted<'a> {
    #[serde(rename = "raftPlayground")]
    protocol: u64,
    #[serde(flatten)]
    event: &'a HostEvent,
}

impl HostEvent {
    /// The event with the protocol's version, ready to post.
    pub fn posted(&self) -> Posted<'_> {
        Posted { protocol: PROTOCOL_VERSION, event: self }
    }

    /// The event a host hears about a story event, if it is one hosts are told: a leader
    /// elected, an entry committed, a server crashed or restarted, a client write answered.
    pub fn of_story(at_ms: Millis, event: &StoryEvent) -> Option<HostEvent> {
        Some(match event {
            StoryEvent::BecameLeader { node, term } => HostEvent::Leader { at_ms, node: *node, term: *term },
            StoryEvent::Committed { leader, index } => HostEvent::Committed { at_ms, leader: *leader, index: *index },
            StoryEvent::Crashed { node } => HostEvent::Crashed { at_ms, node: *node },
            StoryEvent::Restarted { node } => HostEvent::Restarted { at_ms, node: *node },
            StoryEvent::ClientDone { command, result, .. } => {
                HostEvent::WriteDone { at_ms, command: command.to_string(), result: *result }
            }
            _ => return None,
        })
    }
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

    /// What the glue does with a posted object, on JSON: ignore other protocols, aim
    /// `"node": "leader"` at the leader, read the rest from its JSON text.
    fn parse(text: &str) -> Option<Result<HostCommand, HostError>> {
        let mut message: serde_json::Value = serde_json::from_str(text).unwrap();
        if message.get("raftPlayground")?.as_u64()? != PROTOCOL_VERSION {
            return None;
        }
        let on_leader = match message.pointer_mut("/action/node") {
            Some(node) if node.as_str() == Some("leader") => {
                *node = 0.into();
                true
            }
            _ => false,
        };
        Some(read_command(&mut serde_json::Deserializer::from_str(&message.to_string()), on_leader))
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
        assert_eq!(aimed_at(action, 4), Some(raft_sim::Action::Write { node: 4, command: "x=1".into(), client: 1 }));
        let step = parse(r#"{"raftPlayground":1,"command":"goto-step","step":3}"#);
        assert_eq!(step, Some(Ok(HostCommand::GotoStep(2))), "hosts count steps from 1");
        let missing = parse(r#"{"raftPlayground":1,"command":"goto-step"}"#).unwrap().unwrap_err();
        assert!(missing.starts_with("goto-step needs \"step\""), "{missing}");
        let zero = parse(r#"{"raftPlayground":1,"command":"goto-step","step":0}"#).unwrap().unwrap_err();
        assert_eq!(zero, "goto-step: \"step\" counts from 1, not 0");
        let huge = parse(r#"{"raftPlayground":1,"command":"goto-step","step":99999999999}"#);
        assert_eq!(huge, Some(Ok(HostCommand::GotoStep(99_999_999_998))), "read whole, on wasm32 too");
        let text = parse(r#"{"raftPlayground":1,"command":"goto-step","step":"2"}"#).unwrap().unwrap_err();
        assert!(text.contains("expected a whole number >= 0") && !text.contains("usize"), "{text}");
    }

    #[test]
    fn the_leader_stands_only_for_a_server_that_acts() {
        for (action, aimed) in [
            (
                r#"{"do":"read","node":"leader","key":"x"}"#,
                raft_sim::Action::Read { node: 3, key: "x".into(), client: 1 },
            ),
            (r#"{"do":"snapshot","node":"leader"}"#, raft_sim::Action::Snapshot { node: 3 }),
            (r#"{"do":"remove_server","node":"leader"}"#, raft_sim::Action::RemoveServer { node: 3 }),
        ] {
            let command = parse(&format!(r#"{{"raftPlayground":1,"command":"act","action":{action}}}"#));
            let Some(Ok(HostCommand::Act { action, on_leader: true })) = command else { panic!("{command:?}") };
            assert_eq!(aimed_at(action, 3), Some(aimed));
        }
        // A transfer's node is the successor: "leader" there would hand leadership to itself.
        let transfer = parse(r#"{"raftPlayground":1,"command":"act","action":{"do":"transfer","node":"leader"}}"#);
        assert_eq!(
            transfer.unwrap().unwrap_err(),
            "\"node\": \"leader\" cannot aim transfer: its node is not a server that acts"
        );
    }

    #[test]
    fn a_lesson_step_is_posted_with_its_kind() {
        let event = HostEvent::LessonStep { lesson: "election".into(), step: 2, steps: 5 };
        assert_eq!(
            raft_sim::to_compact_json(&event.posted()),
            r#"{"raftPlayground":1,"event":"lesson-step","lesson":"election","step":2,"steps":5}"#
        );
    }

    #[test]
    fn state_tells_the_lesson_only_while_one_is_open() {
        let state = |lesson: Option<(&str, usize, usize)>| HostEvent::State {
            time_ms: 230,
            playing: false,
            leader: Some(1),
            trace_hash: "0123456789abcdef".into(),
            lesson: lesson.map(|(id, _, _)| id.to_owned()),
            step: lesson.map(|(_, step, _)| step),
            steps: lesson.map(|(_, _, steps)| steps),
        };
        let plain = r#"{"raftPlayground":1,"event":"state","time_ms":230,"playing":false,"leader":1,"trace_hash":"0123456789abcdef""#;
        assert_eq!(raft_sim::to_compact_json(&state(None).posted()), format!("{plain}}}"));
        assert_eq!(
            raft_sim::to_compact_json(&state(Some(("replication", 5, 6))).posted()),
            format!(r#"{plain},"lesson":"replication","step":5,"steps":6}}"#)
        );
    }

    #[test]
    fn messages_for_others_are_ignored_and_bad_ones_explained() {
        assert_eq!(parse(r#"{"type":"resize","height":300}"#), None);
        assert_eq!(parse(r#"{"raftPlayground":2,"command":"play"}"#), None, "a future protocol is not ours");
        assert_eq!(parse(r#""play""#), None);
        let dance = parse(r#"{"raftPlayground":1,"command":"dance"}"#).unwrap().unwrap_err();
        assert!(dance.starts_with("command: unknown variant `dance`, expected one of `play`"), "{dance}");
        let extra = parse(r#"{"raftPlayground":1,"command":"play","speed":2}"#).unwrap().unwrap_err();
        assert!(extra.starts_with("speed: unknown field `speed`"), "{extra}");
        // A field another command has is refused too: "play until 2 s" is not a command.
        for (message, error) in [
            (r#""command":"play","ms":2000"#, "ms: unknown field `ms` for `play`"),
            (r#""command":"step","ms":5"#, "ms: unknown field `ms` for `step`"),
            (r#""command":"seek","ms":100,"step":3"#, "step: unknown field `step` for `seek`"),
            (r#""command":"state","action":{"do":"heal"}"#, "action: unknown field `action` for `state`"),
            (r#""command":"goto-step","step":2,"ms":1"#, "ms: unknown field `ms` for `goto-step`"),
        ] {
            let refused = parse(&format!(r#"{{"raftPlayground":1,{message}}}"#)).unwrap().unwrap_err();
            assert_eq!(refused, error);
        }
        let listed = parse(r#"[1]"#);
        assert_eq!(listed, None, "not an object: not for us");
        assert!(parse(r#"{"raftPlayground":1,"command":"seek"}"#).unwrap().unwrap_err().contains("ms"));
        let too_far = parse(r#"{"raftPlayground":1,"command":"seek","ms":1e15}"#).unwrap().unwrap_err();
        assert!(too_far.contains("ms"), "{too_far}");
        let too_far = parse(r#"{"raftPlayground":1,"command":"seek","ms":3600001}"#).unwrap().unwrap_err();
        assert!(too_far.starts_with("seek: at most 3600000 ms"), "{too_far}");
        let bad = parse(r#"{"raftPlayground":1,"command":"act","action":{"do":"explode"}}"#).unwrap().unwrap_err();
        assert!(bad.starts_with("action.do: unknown variant `explode`"), "{bad}");
        let bad = parse(r#"{"raftPlayground":1,"command":"act","action":{"do":"crash","node":"two"}}"#);
        let bad = bad.unwrap().unwrap_err();
        assert!(bad.starts_with("action.node: invalid type: string \"two\", expected a whole number"), "{bad}");
        let extra = parse(r#"{"raftPlayground":1,"command":"act","action":{"do":"heal","node":1}}"#).unwrap();
        assert!(extra.unwrap_err().starts_with("action: unknown field `node` for `heal`"));
        let at = parse(r#"{"raftPlayground":1,"command":"seek","ms":"soon"}"#).unwrap().unwrap_err();
        assert!(
            at.starts_with("ms: invalid type") && !at.contains("line"),
            "no position in text the host never wrote: {at}"
        );
    }

    #[test]
    fn events_name_what_happened() {
        let leader = HostEvent::of_story(120, &StoryEvent::BecameLeader { node: 3, term: 2 }).unwrap();
        let posted = serde_json::to_string(&leader.posted()).unwrap();
        assert_eq!(posted, r#"{"raftPlayground":1,"event":"leader","at_ms":120,"node":3,"term":2}"#);
        let done = StoryEvent::ClientDone { op: 1, command: "x=1".into(), result: OpResult::NoLeader };
        let done = serde_json::to_value(HostEvent::of_story(7, &done).unwrap().posted()).unwrap();
        assert_eq!((done["event"].as_str(), done["result"].as_str()), (Some("write-done"), Some("no_leader")));
        assert_eq!(HostEvent::of_story(5, &StoryEvent::Healed), None);
        let ready = serde_json::to_string(&HostEvent::Ready.posted()).unwrap();
        assert_eq!(ready, r#"{"raftPlayground":1,"event":"ready"}"#);
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
