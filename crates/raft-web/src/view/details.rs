//! What the node menu shows of a node beyond the drawing.

use raft_sim::{ClientResult, Message, NodeId, Payload, Simulation};

/// What the node menu shows of a node besides what is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeDetails {
    /// Whether it runs: a crashed server's volatile state is lost (shown so, not as it was).
    pub up: bool,
    /// votedFor.
    pub voted_for: Option<NodeId>,
    /// commitIndex.
    pub commit_index: u64,
    /// lastApplied.
    pub last_applied: u64,
    /// The key-value state machine, by key.
    pub kv: Vec<(String, String)>,
    /// A leader's (follower, nextIndex, matchIndex); empty for others.
    pub progress: Vec<(NodeId, u64, u64)>,
    /// Whether a partition cuts it off from every other server.
    pub isolated: bool,
    /// Whether Reconnect has one side to put it back with (see `Links::reconnecting`).
    pub can_reconnect: bool,
    /// The partition groups it is not in, each sorted: the listed ones, and the servers in
    /// none when it is in one (see `other_sides`).
    pub other_sides: Vec<Vec<NodeId>>,
    /// Whether another server leads, this one runs and votes in the leader's configuration:
    /// leadership can be handed to it.
    pub can_take_over: bool,
    /// The configuration in force on it, e.g. `C{1,2,3}` (thesis §4.1); `None` for a new
    /// server whose log holds no configuration yet.
    pub configuration: Option<String>,
    /// The leader and the configuration in force on it, when that is not this server's: a
    /// server the leader removed may never have heard of its removal.
    pub leader_configuration: Option<(NodeId, String)>,
    /// Whether it votes in the configuration shown: it can be removed from the cluster.
    pub can_remove: bool,
    /// Whether a timeout makes it campaign, as the core decides (a learner waits to be
    /// promoted, thesis §4.2.1).
    pub can_campaign: bool,
    /// Its latest snapshot's last index and term (paper §7), if it has one.
    pub snapshot: Option<(u64, u64)>,
    /// Whether it applied entries since its last snapshot: Take snapshot has work to do.
    pub can_snapshot: bool,
}

impl NodeDetails {
    /// Details of node `id`, if it exists.
    pub fn of(sim: &Simulation, id: NodeId) -> Option<Self> {
        let (node, up) = sim.node(id).map(|server| (server.node(), server.is_up()))?;
        let (links, servers) = (&sim.network().links, sim.node_ids());
        Some(NodeDetails {
            up,
            voted_for: node.voted_for(),
            commit_index: node.commit_index(),
            last_applied: node.last_applied(),
            kv: node.kv().entries().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
            // A leader's nextIndex and matchIndex are volatile (Figure 2): lost in a crash.
            progress: if up {
                node.progress().into_iter().map(|(peer, p)| (peer, p.next_index, p.match_index)).collect()
            } else {
                Vec::new()
            },
            isolated: links.is_isolated(id, &servers),
            can_reconnect: links.reconnecting(id, &servers).is_some(),
            other_sides: other_sides(links, &servers, id),
            // Not a server drawn as a leader (a stale one, cut off): the README offers it
            // on a running follower.
            can_take_over: up
                && node.role() != raft_sim::RoleKind::Leader
                && sim.leader().and_then(|leader| sim.node(leader)).is_some_and(|l| l.node().can_hand_over_to(id)),
            configuration: (!node.configuration().members().is_empty()).then(|| node.configuration().to_string()),
            leader_configuration: sim
                .leader()
                .filter(|&leader| leader != id)
                .and_then(|leader| Some((leader, sim.node(leader)?.node().configuration().to_string())))
                .filter(|(_, theirs)| *theirs != node.configuration().to_string()),
            can_remove: crate::view::Standing::of(sim, id) == crate::view::Standing::Voter,
            can_campaign: node.may_campaign(),
            snapshot: node.snapshot().map(|s| (s.last_index, s.last_term)),
            can_snapshot: up && node.can_snapshot(),
        })
    }
}

/// What the message panel shows of a message in flight: its envelope and every field.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageDetails {
    /// The message's id.
    pub id: u64,
    /// Its kind, e.g. `AppendEntries`.
    pub kind: &'static str,
    /// Sender (0 is the client).
    pub from: NodeId,
    /// Receiver (0 is the client).
    pub to: NodeId,
    /// When it was sent.
    pub sent_ms: u64,
    /// When it arrives, or why it may not.
    pub arrival: Arrival,
    /// The message this one is a second copy of, if it is one.
    pub copy_of: Option<u64>,
    /// Its fields in the paper's names, e.g. ("prevLogIndex", 6).
    pub fields: Vec<(&'static str, FieldValue)>,
    /// Why it was sent and what its receiver will do with it.
    pub purpose: crate::view::Purpose,
}

impl MessageDetails {
    /// Details of message `id`, if it is still in flight.
    pub fn of(sim: &Simulation, id: u64) -> Option<Self> {
        let flight = sim.network().get(id)?;
        Some(MessageDetails {
            id,
            kind: flight.payload.kind().as_str(),
            from: flight.from,
            to: flight.to,
            sent_ms: flight.sent_at,
            arrival: Arrival::of(sim, flight),
            copy_of: flight.copy_of,
            fields: payload_fields(&flight.payload),
            purpose: crate::view::Purpose::of(sim, &flight.payload, flight.from, flight.to, flight.sent_at),
        })
    }
}

/// When a message in flight arrives, or what stops it: the card says what the drawing's faded
/// message means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// It arrives at this moment.
    At(u64),
    /// While exploring: when Deliver is chosen.
    OnDeliver,
    /// Random loss decided its fate when it was sent: it vanishes at this moment.
    Lost(u64),
    /// Its link is cut or partitioned now: it is dropped at this moment if it still is then.
    Blocked(u64, raft_sim::DropReason),
    /// Its receiver is down now: it is dropped at this moment if it still is then.
    ReceiverDown(u64),
}

impl Arrival {
    /// What stops `flight` if the network and its receiver stay as they are now.
    fn of(sim: &Simulation, flight: &raft_sim::InFlight) -> Self {
        use raft_sim::DropReason;
        let at = flight.deliver_at;
        match sim.drop_reason(flight) {
            _ if sim.is_manual() => Arrival::OnDeliver,
            None => Arrival::At(at),
            Some(DropReason::Loss) => Arrival::Lost(at),
            Some(DropReason::ReceiverDown) => Arrival::ReceiverDown(at),
            Some(reason) => Arrival::Blocked(at, reason),
        }
    }
}

/// A field's value: plain text (numbers, servers, entries), or a word the page says in its
/// reader's language.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    /// Numbers, servers (`S2`), entries (`2:x=1`): the same in every language.
    Text(String),
    /// A yes-or-no field (voteGranted, success).
    Flag(bool),
    /// An AppendEntries that carries no entries: a heartbeat.
    Heartbeat,
    /// A conflict hint without a term.
    NoTerm,
    /// A server's answer to the client.
    Answer(ClientResult),
    /// A membership change the client asks for.
    Change(raft_sim::MembershipChange),
    /// AppendEntries' entries as `term:command`, a leader's election no-op as `None`: its
    /// name is the page's language's.
    Entries(Vec<(raft_sim::Term, Option<String>)>),
}

fn payload_fields(payload: &Payload) -> Vec<(&'static str, FieldValue)> {
    let text = FieldValue::Text;
    match payload {
        Payload::Raft(Message::RequestVote(m) | Message::RequestPreVote(m)) => vec![
            ("term", text(m.term.to_string())),
            ("candidateId", text(format!("S{}", m.candidate_id))),
            ("lastLogIndex", text(m.last_log_index.to_string())),
            ("lastLogTerm", text(m.last_log_term.to_string())),
        ],
        Payload::Raft(Message::RequestVoteReply(m) | Message::RequestPreVoteReply(m)) => {
            vec![("term", text(m.term.to_string())), ("voteGranted", FieldValue::Flag(m.vote_granted))]
        }
        Payload::Raft(Message::TimeoutNow(m)) => vec![("term", text(m.term.to_string()))],
        Payload::Raft(Message::InstallSnapshot(m)) => {
            let data = m.snapshot.kv.entries().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
            vec![
                ("term", text(m.term.to_string())),
                ("leaderId", text(format!("S{}", m.leader_id))),
                ("lastIncludedIndex", text(m.last_included_index.to_string())),
                ("lastIncludedTerm", text(m.last_included_term.to_string())),
                ("data", text(format!("{data} {}", m.snapshot.config))),
            ]
        }
        Payload::Raft(Message::InstallSnapshotReply(m)) => {
            vec![("term", text(m.term.to_string())), ("lastIncludedIndex", text(m.last_index.to_string()))]
        }
        Payload::Raft(Message::AppendEntries(m)) => {
            let entries = if m.entries.is_empty() {
                FieldValue::Heartbeat
            } else {
                let noop = |command: &raft_sim::Command| matches!(command, raft_sim::Command::Noop);
                FieldValue::Entries(
                    m.entries.iter().map(|e| (e.term, (!noop(&e.command)).then(|| e.command.to_string()))).collect(),
                )
            };
            vec![
                ("term", text(m.term.to_string())),
                ("leaderId", text(format!("S{}", m.leader_id))),
                ("prevLogIndex", text(m.prev_log_index.to_string())),
                ("prevLogTerm", text(m.prev_log_term.to_string())),
                ("entries", entries),
                ("leaderCommit", text(m.leader_commit.to_string())),
            ]
        }
        Payload::Raft(Message::AppendEntriesReply(m)) => {
            let mut fields = vec![("term", text(m.term.to_string())), ("success", FieldValue::Flag(m.success))];
            let index_name = if m.success { "matchIndex" } else { "rejected prevLogIndex" };
            fields.push((index_name, text(m.index.to_string())));
            if let Some(hint) = &m.hint {
                fields.push(("conflictTerm", hint.term.map_or(FieldValue::NoTerm, |t| text(t.to_string()))));
                fields.push(("conflictIndex", text(hint.first_index.to_string())));
            }
            fields
        }
        Payload::ClientRequest { request_id, command } => {
            vec![("request", text(format!("#{request_id}"))), ("command", text(command.to_string()))]
        }
        Payload::ChangeRequest { request_id, change } => {
            vec![("request", text(format!("#{request_id}"))), ("change", FieldValue::Change(change.clone()))]
        }
        Payload::ClientResponse { request_id, result } => {
            vec![("request", text(format!("#{request_id}"))), ("answer", FieldValue::Answer(result.clone()))]
        }
    }
}

/// The partition groups `id` is not in, each sorted: the listed groups, and the servers in
/// none (the rest) when `id` is in a listed group. Empty when no partition stands.
fn other_sides(links: &raft_sim::Links, servers: &[NodeId], id: NodeId) -> Vec<Vec<NodeId>> {
    let listed = links.listed_groups();
    if listed.is_empty() {
        return Vec::new();
    }
    let rest: Vec<NodeId> = servers.iter().copied().filter(|n| !listed.iter().any(|group| group.contains(n))).collect();
    let mut sides: Vec<Vec<NodeId>> = listed.into_iter().filter(|group| !group.contains(&id)).collect();
    if !rest.is_empty() && !rest.contains(&id) {
        sides.push(rest);
    }
    sides
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::SimBuilder;

    #[test]
    fn message_details_name_the_papers_fields() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.timeout(2).unwrap();
        let id = sim.messages_in_flight().next().unwrap().id;
        let details = MessageDetails::of(&sim, id).unwrap();
        assert_eq!((details.kind, details.from, details.sent_ms), ("RequestVote", 2, 0));
        let names: Vec<&str> = details.fields.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["term", "candidateId", "lastLogIndex", "lastLogTerm"]);
        // And what it is for: the candidate campaigns.
        assert_eq!(details.purpose, crate::view::Purpose::Campaign { term: 1, transfer: false, guarded: false });
        let said = crate::i18n::Lang::En.purpose(&details.purpose, details.from, details.to);
        assert!(said.starts_with(&format!("S2 campaigns for term 1 and asks S{} for its vote.", details.to)), "{said}");
        assert!(crate::i18n::Lang::Zh.purpose(&details.purpose, 2, details.to).contains("竞选第 1 任期"));
        sim.run_until(1_000);
        assert!(MessageDetails::of(&sim, id).is_none(), "delivered long ago");
    }

    #[test]
    fn the_card_says_which_messages_will_not_arrive_unless_something_changes_first() {
        use raft_sim::{Action, DropReason};
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.timeout(2).unwrap();
        sim.apply(Action::Cut { from: 2, to: 1 }).unwrap();
        sim.apply(Action::Crash { node: 3 }).unwrap();
        let arrival = |sim: &Simulation, to: NodeId| {
            let flight = sim.messages_in_flight().find(|flight| flight.to == to).unwrap();
            (MessageDetails::of(sim, flight.id).unwrap().arrival, flight.deliver_at)
        };
        let (cut, due) = arrival(&sim, 1);
        assert_eq!(cut, Arrival::Blocked(due, DropReason::Cut));
        let (down, due) = arrival(&sim, 3);
        assert_eq!(down, Arrival::ReceiverDown(due));
        let (free, due) = arrival(&sim, 4);
        assert_eq!(free, Arrival::At(due));
        let en = crate::i18n::Lang::En.arrival(cut, 2, 1);
        assert!(en.contains("if the link S2 → S1 is still cut"), "{en}");
        assert!(crate::i18n::Lang::Zh.arrival(down, 2, 3).contains("S3 仍宕机"));
        // Mending the link gives the message back its arrival.
        sim.apply(Action::Mend { from: 2, to: 1 }).unwrap();
        assert!(matches!(arrival(&sim, 1).0, Arrival::At(_)));
    }

    #[test]
    fn a_message_random_loss_took_is_said_never_to_arrive() {
        use raft_sim::ScenarioExt as _;
        let json = r#"{ "version": 1, "seed": 1, "options": { "loss": 0.5 } }"#;
        let mut sim = raft_sim::Scenario::from_json(json).unwrap().build(false).unwrap();
        let lost = (0..2_000)
            .find_map(|ms| {
                sim.run_until(ms);
                sim.messages_in_flight().find(|flight| flight.lost).map(|flight| flight.id)
            })
            .expect("half the messages are lost");
        let arrival = MessageDetails::of(&sim, lost).unwrap().arrival;
        assert!(matches!(arrival, Arrival::Lost(_)));
        assert!(crate::i18n::Lang::En.arrival(arrival, 1, 2).starts_with("never"));
    }

    /// Runs a scenario file to `until_ms`.
    fn run(json: &str, until_ms: u64) -> Simulation {
        use raft_sim::ScenarioExt as _;
        let mut sim = raft_sim::Scenario::from_json(json).unwrap().build(false).unwrap();
        sim.run_until(until_ms);
        sim
    }

    #[test]
    fn a_removed_server_that_never_heard_of_it_shows_the_leaders_configuration_and_takes_no_leadership() {
        // S5 is cut off, then removed: C{1,2,3,4} commits without it.
        let sim = run(
            r#"{ "version": 1, "seed": 1, "actions": [
                 { "at_ms": 900, "do": "partition", "groups": [[5]] },
                 { "at_ms": 1000, "do": "remove_server", "node": 5 } ] }"#,
            1_500,
        );
        let leader = sim.leader().expect("a leader of the four");
        let details = NodeDetails::of(&sim, 5).unwrap();
        assert_eq!(details.configuration.as_deref(), Some("C{1,2,3,4,5}"), "its own, stale");
        assert_eq!(details.leader_configuration, Some((leader, "C{1,2,3,4}".to_owned())));
        assert!(!details.can_take_over && !details.can_remove && details.can_campaign);
        let follower = (1..=4).find(|&id| id != leader).unwrap();
        let details = NodeDetails::of(&sim, follower).unwrap();
        assert_eq!((details.configuration.as_deref(), &details.leader_configuration), (Some("C{1,2,3,4}"), &None));
        assert!(details.can_take_over && details.can_remove);
    }

    #[test]
    fn a_new_server_catching_up_has_no_configuration_yet_and_does_not_campaign() {
        let mut sim = run(r#"{ "version": 1, "seed": 1, "nodes": 3 }"#, 1_000);
        sim.apply(raft_sim::Action::AddServer { node: 4 }).unwrap();
        sim.run_until(1_001);
        let details = NodeDetails::of(&sim, 4).unwrap();
        assert_eq!(details.configuration, None);
        assert!(!details.can_campaign && !details.can_take_over && !details.can_remove);
    }

    #[test]
    fn a_stale_leader_takes_no_leadership_and_a_crashed_server_has_lost_its_volatile_state() {
        // The first leader is cut off at 900 ms; the others elect a new one.
        let first = run(r#"{ "version": 1, "seed": 1 }"#, 900).leader().expect("a leader by 900 ms");
        let json = format!(
            r#"{{ "version": 1, "seed": 1, "actions": [ {{ "at_ms": 900, "do": "partition", "groups": [[{first}]] }},
                 {{ "at_ms": 950, "do": "write", "node": {first}, "command": "x=1" }} ] }}"#
        );
        let mut sim = run(&json, 4_000);
        let leader = sim.leader().expect("a new leader");
        assert_ne!(leader, first);
        assert_eq!(sim.node(first).unwrap().node().role(), raft_sim::RoleKind::Leader, "still thinks it leads");
        assert!(!NodeDetails::of(&sim, first).unwrap().can_take_over, "drawn as a leader, offered no transfer");
        let follower = (1..=5).find(|&id| id != leader && id != first).unwrap();
        assert!(NodeDetails::of(&sim, follower).unwrap().can_take_over);
        assert!(NodeDetails::of(&sim, follower).unwrap().up);
        sim.apply(raft_sim::Action::Crash { node: follower }).unwrap();
        assert!(!NodeDetails::of(&sim, follower).unwrap().up);
        // The leader's nextIndex and matchIndex go with it.
        assert!(!NodeDetails::of(&sim, leader).unwrap().progress.is_empty());
        sim.apply(raft_sim::Action::Crash { node: leader }).unwrap();
        assert_eq!(NodeDetails::of(&sim, leader).unwrap().progress, Vec::new(), "a crashed leader's progress is shown");
    }
}
