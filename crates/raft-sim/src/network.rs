//! Messages in flight and the links they travel: latency, loss, partitions and cut links.

use playground_support::{IdMap, SortedMap, SortedSet};
use raft_core::{ClientResult, Message, MessageKind, NodeId, RequestId};
use serde::Serialize;

use crate::time::{elapsed_fraction, Millis};

pub use raft_scenario::MessageId;

/// The simulated client's address. Servers are 1, 2, …
pub const CLIENT: NodeId = 0;

/// What a message carries: a Raft RPC between servers, or a client's request or its answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Payload {
    /// Between two servers.
    Raft(Message),
    /// From the client to a server.
    ClientRequest {
        /// The client operation it belongs to.
        request_id: RequestId,
        /// The command text, already checked.
        command: raft_core::Command,
    },
    /// From the client to a server: a membership change (thesis chapter 4).
    ChangeRequest {
        /// The client operation it belongs to.
        request_id: RequestId,
        /// The change asked for.
        change: raft_core::MembershipChange,
    },
    /// From a server to the client.
    ClientResponse {
        /// The client operation it answers.
        request_id: RequestId,
        /// The answer.
        result: ClientResult,
    },
}

/// The kind of a [`Payload`], as shown in DOM hooks and traces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum PayloadKind {
    /// RequestVote.
    RequestVote,
    /// RequestVote's reply.
    RequestVoteReply,
    /// AppendEntries.
    AppendEntries,
    /// AppendEntries's reply.
    AppendEntriesReply,
    /// A client's write.
    ClientRequest,
    /// A server's answer to the client.
    ClientResponse,
    /// PreVote's request (thesis §9.6).
    RequestPreVote,
    /// PreVote's answer.
    RequestPreVoteReply,
    /// A leader handing over tells its successor to campaign (thesis §3.10).
    TimeoutNow,
    /// A leader's snapshot for a follower that needs discarded entries (paper §7).
    InstallSnapshot,
    /// Its answer.
    InstallSnapshotReply,
}

impl PayloadKind {
    /// The name, e.g. `AppendEntries`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PayloadKind::RequestVote => "RequestVote",
            PayloadKind::RequestVoteReply => "RequestVoteReply",
            PayloadKind::AppendEntries => "AppendEntries",
            PayloadKind::AppendEntriesReply => "AppendEntriesReply",
            PayloadKind::ClientRequest => "ClientRequest",
            PayloadKind::ClientResponse => "ClientResponse",
            PayloadKind::RequestPreVote => "RequestPreVote",
            PayloadKind::RequestPreVoteReply => "RequestPreVoteReply",
            PayloadKind::TimeoutNow => "TimeoutNow",
            PayloadKind::InstallSnapshot => "InstallSnapshot",
            PayloadKind::InstallSnapshotReply => "InstallSnapshotReply",
        }
    }

    /// True for a client's request and a server's answer to it, which carry no term.
    pub fn is_client(self) -> bool {
        matches!(self, PayloadKind::ClientRequest | PayloadKind::ClientResponse)
    }

    /// True for replies and client answers.
    pub fn is_reply(self) -> bool {
        matches!(
            self,
            PayloadKind::RequestVoteReply
                | PayloadKind::AppendEntriesReply
                | PayloadKind::ClientResponse
                | PayloadKind::RequestPreVoteReply
                | PayloadKind::InstallSnapshotReply
        )
    }
}

impl std::fmt::Display for PayloadKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Payload {
    /// Its kind.
    pub fn kind(&self) -> PayloadKind {
        match self {
            Payload::Raft(message) => match message.kind() {
                MessageKind::RequestVote => PayloadKind::RequestVote,
                MessageKind::RequestVoteReply => PayloadKind::RequestVoteReply,
                MessageKind::AppendEntries => PayloadKind::AppendEntries,
                MessageKind::AppendEntriesReply => PayloadKind::AppendEntriesReply,
                MessageKind::RequestPreVote => PayloadKind::RequestPreVote,
                MessageKind::RequestPreVoteReply => PayloadKind::RequestPreVoteReply,
                MessageKind::TimeoutNow => PayloadKind::TimeoutNow,
                MessageKind::InstallSnapshot => PayloadKind::InstallSnapshot,
                MessageKind::InstallSnapshotReply => PayloadKind::InstallSnapshotReply,
            },
            Payload::ClientRequest { .. } | Payload::ChangeRequest { .. } => PayloadKind::ClientRequest,
            Payload::ClientResponse { .. } => PayloadKind::ClientResponse,
        }
    }

    /// The Raft term it carries; 0 for client messages.
    pub fn term(&self) -> raft_core::Term {
        match self {
            Payload::Raft(message) => message.term(),
            _ => 0,
        }
    }
}

/// Why a message never arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Random loss (the `loss` option).
    Loss,
    /// Its sender and receiver were in different partition groups when it arrived.
    Partition,
    /// Its link was cut, in its direction, when it arrived.
    Cut,
    /// Its receiver was crashed when it arrived.
    ReceiverDown,
    /// A user dropped it.
    User,
}

impl DropReason {
    /// The name used in traces.
    pub const fn as_str(self) -> &'static str {
        match self {
            DropReason::Loss => "loss",
            DropReason::Partition => "partition",
            DropReason::Cut => "cut",
            DropReason::ReceiverDown => "receiver_down",
            DropReason::User => "user",
        }
    }
}

/// A message on its way, with everything needed to draw it between its endpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InFlight {
    /// Its id.
    pub id: MessageId,
    /// The sender ([`CLIENT`] for the client).
    pub from: NodeId,
    /// The receiver ([`CLIENT`] for the client).
    pub to: NodeId,
    /// When it was sent.
    pub sent_at: Millis,
    /// When it arrives (or is found lost).
    pub deliver_at: Millis,
    /// What it carries.
    pub payload: Payload,
    /// Random loss already decided its fate: it vanishes when it would arrive.
    pub lost: bool,
    /// The message this is a second copy of (the `duplicate` option or action), if it is one.
    pub copy_of: Option<MessageId>,
}

impl InFlight {
    /// How far along its link the message is at `now`, from 0 (just sent) to 1 (arriving).
    pub fn progress(&self, now: f64) -> f64 {
        elapsed_fraction(self.sent_at, self.deliver_at, now)
    }
}

/// Which links carry messages: partition groups and one-way cuts. The client is outside
/// every partition and is never cut off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    /// Each server's partition group, if the cluster is partitioned.
    groups: Option<SortedMap<NodeId, usize>>,
    /// Cut directed links (from, to).
    cuts: SortedSet<(NodeId, NodeId)>,
}

impl Links {
    /// Splits the servers into `groups`; servers in no group form one more group together.
    /// No group at all heals the partition.
    pub fn partition(&mut self, groups: &[Vec<NodeId>]) {
        let groups: Vec<&Vec<NodeId>> = groups.iter().filter(|g| !g.is_empty()).collect();
        if groups.is_empty() {
            self.groups = None;
            return;
        }
        let map = groups.iter().enumerate().flat_map(|(g, members)| members.iter().map(move |&n| (n, g))).collect();
        self.groups = Some(map);
    }

    /// Ends the partition (cut links stay cut).
    pub fn heal(&mut self) {
        self.groups = None;
    }

    /// Cuts the link from `from` to `to`, one way.
    pub fn cut(&mut self, from: NodeId, to: NodeId) {
        self.cuts.insert((from, to));
    }

    /// Mends the link from `from` to `to`.
    pub fn mend(&mut self, from: NodeId, to: NodeId) {
        self.cuts.remove(&(from, to));
    }

    /// Whether the cluster is partitioned.
    pub fn is_partitioned(&self) -> bool {
        self.groups.is_some()
    }

    /// The partition group of each server, if partitioned (servers in no listed group share
    /// the extra group `groups.len()`).
    pub fn group_of(&self, node: NodeId) -> Option<usize> {
        let groups = self.groups.as_ref()?;
        let extra = groups.values().max().map_or(0, |g| g + 1);
        Some(groups.get(&node).copied().unwrap_or(extra))
    }

    /// The listed partition groups, each sorted (servers in none share one more group).
    pub fn listed_groups(&self) -> Vec<Vec<NodeId>> {
        let Some(groups) = &self.groups else { return Vec::new() };
        let count = groups.values().max().map_or(0, |g| g + 1);
        let mut listed = vec![Vec::new(); count];
        for (&node, &group) in groups {
            listed[group].push(node);
        }
        listed.retain(|group| !group.is_empty());
        listed
    }

    /// The partition groups that cut `node` off from every other server and keep the rest
    /// as they are: the argument of a `partition` action for "Isolate".
    pub fn isolating(&self, node: NodeId) -> Vec<Vec<NodeId>> {
        let mut groups: Vec<Vec<NodeId>> = self
            .listed_groups()
            .into_iter()
            .map(|group| group.into_iter().filter(|&n| n != node).collect())
            .filter(|group: &Vec<NodeId>| !group.is_empty())
            .collect();
        groups.push(vec![node]);
        groups
    }

    /// The partition groups that move `node` into the listed group of `with`, out of its own,
    /// keeping the others: the argument of a `partition` action for "Join S1's side", which
    /// builds a split such as {S1, S2} | {S3, S4, S5} in two clicks (Isolate S1, then S2 joins
    /// it). If `with` is in no listed group, `node` goes back with the servers in none. One
    /// group holding all of `servers` is no partition: no group at all.
    pub fn joining(&self, node: NodeId, with: NodeId, servers: &[NodeId]) -> Vec<Vec<NodeId>> {
        let groups = self
            .listed_groups()
            .into_iter()
            .map(|mut group| {
                group.retain(|&n| n != node);
                if group.contains(&with) {
                    group.push(node);
                    group.sort_unstable();
                }
                group
            })
            .filter(|group| !group.is_empty())
            .collect();
        Self::whole_is_healed(groups, servers)
    }

    /// The partition groups that put an isolated `node` back with the others: the argument of
    /// a `partition` action for "Reconnect" (no group at all heals). `None` if `node` is not
    /// isolated, or if it is alone in no listed group beside two sides or more: which side it
    /// goes back to is then the user's choice ("Join S1's side").
    pub fn reconnecting(&self, node: NodeId, servers: &[NodeId]) -> Option<Vec<Vec<NodeId>>> {
        if !self.is_isolated(node, servers) {
            return None;
        }
        let others: Vec<Vec<NodeId>> =
            self.listed_groups().into_iter().filter(|group| !group.contains(&node)).collect();
        let rest_after = servers.iter().filter(|&&n| n != node && !others.iter().any(|g| g.contains(&n))).count();
        match (rest_after, others.len()) {
            // The servers in no group take it back.
            (1.., _) => Some(others),
            // Nobody else is in no group: one other side takes it back, and that heals.
            (0, 1) => Some(Vec::new()),
            _ => None,
        }
    }

    /// Whether `node` is alone in its partition group, cut off from every other server of
    /// `servers`: alone in a listed group, or the only one of `servers` in none.
    pub fn is_isolated(&self, node: NodeId, servers: &[NodeId]) -> bool {
        let listed = self.listed_groups();
        if listed.iter().any(|group| group.as_slice() == [node]) {
            return true;
        }
        !listed.is_empty()
            && servers.contains(&node)
            && servers.iter().all(|n| *n == node || listed.iter().any(|group| group.contains(n)))
    }

    /// `groups`, or no group at all if one of them holds every server.
    fn whole_is_healed(groups: Vec<Vec<NodeId>>, servers: &[NodeId]) -> Vec<Vec<NodeId>> {
        match groups.as_slice() {
            [only] if servers.iter().all(|n| only.contains(n)) => Vec::new(),
            _ => groups,
        }
    }

    /// Whether the link from `from` to `to` is cut (one way).
    pub fn is_cut(&self, from: NodeId, to: NodeId) -> bool {
        self.cuts.contains(&(from, to))
    }

    /// The cut links, one way each.
    pub fn cuts(&self) -> impl Iterator<Item = (NodeId, NodeId)> + '_ {
        self.cuts.iter().copied()
    }

    /// Why a message from `from` to `to` cannot pass now, if it cannot.
    pub fn blocked(&self, from: NodeId, to: NodeId) -> Option<DropReason> {
        if from == CLIENT || to == CLIENT {
            return None;
        }
        if self.cuts.contains(&(from, to)) {
            return Some(DropReason::Cut);
        }
        if self.groups.is_some() && self.group_of(from) != self.group_of(to) {
            return Some(DropReason::Partition);
        }
        None
    }
}

/// A message on the wire, with the model checker's fingerprint of it once asked for.
#[derive(Clone, Debug)]
struct Sent {
    flight: InFlight,
    fingerprint: std::cell::OnceCell<u64>,
}

/// The messages in flight, ordered by id so iteration never depends on hashing.
#[derive(Clone, Debug, Default)]
pub struct Network {
    /// By id: an overloaded or slow network holds thousands of messages, delivered out of order.
    /// A message does not change once sent, so copies of the network (the model checker's
    /// states, the history's checkpoints) share each one.
    in_flight: IdMap<std::rc::Rc<Sent>>,
    last_id: MessageId,
    /// Which links are open.
    pub links: Links,
}

impl Network {
    /// Puts a message on the wire and returns its new id.
    pub fn send(&mut self, mut flight: InFlight) -> MessageId {
        self.last_id += 1;
        flight.id = self.last_id;
        self.in_flight.insert(flight.id, std::rc::Rc::new(Sent { flight, fingerprint: std::cell::OnceCell::new() }));
        self.last_id
    }

    /// Takes message `id` off the wire, if it is still on it.
    pub fn take(&mut self, id: MessageId) -> Option<InFlight> {
        self.in_flight.remove(id).map(|sent| std::rc::Rc::unwrap_or_clone(sent).flight)
    }

    /// Message `id`, if in flight.
    pub fn get(&self, id: MessageId) -> Option<&InFlight> {
        self.in_flight.get(id).map(|sent| &sent.flight)
    }

    /// Every message in flight, oldest first.
    pub fn in_flight(&self) -> impl Iterator<Item = &InFlight> {
        self.in_flight.values().map(|sent| &sent.flight)
    }

    /// `fingerprint` of every message in flight, oldest first, each computed once for the
    /// message's life (the model checker's states share the messages they have in common).
    pub(crate) fn fingerprints<'a>(
        &'a self,
        fingerprint: impl Fn(&InFlight) -> u64 + 'a,
    ) -> impl Iterator<Item = u64> + 'a {
        self.in_flight.values().map(move |sent| *sent.fingerprint.get_or_init(|| fingerprint(&sent.flight)))
    }

    /// How many messages are in flight.
    pub fn len(&self) -> usize {
        self.in_flight.len()
    }

    /// Whether no message is in flight.
    pub fn is_empty(&self) -> bool {
        self.in_flight.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_blocks_only_between_groups_and_unlisted_nodes_group_together() {
        let mut links = Links::default();
        links.partition(&[vec![1, 2]]);
        assert_eq!(links.blocked(1, 2), None);
        assert_eq!(links.blocked(3, 4), None, "3 and 4 are in no group: together");
        assert_eq!(links.blocked(1, 3), Some(DropReason::Partition));
        assert_eq!(links.blocked(CLIENT, 3), None, "the client reaches every side");
        links.heal();
        assert_eq!(links.blocked(1, 3), None);
    }

    #[test]
    fn listed_groups_and_isolation() {
        let mut links = Links::default();
        links.partition(&[vec![4], vec![2, 1]]);
        assert_eq!(links.listed_groups(), [vec![4], vec![1, 2]]);
        let servers = [1, 2, 3, 4, 5];
        assert!(links.is_isolated(4, &servers) && !links.is_isolated(1, &servers) && !links.is_isolated(3, &servers));
        // The one server in no group is cut off too.
        links.partition(&[vec![1, 2], vec![4, 5]]);
        assert!(links.is_isolated(3, &servers) && !links.is_isolated(1, &servers));
        assert!(!links.is_isolated(3, &[1, 2, 3, 4, 5, 6]), "6 is with it");
        links.partition(&[]);
        assert!(!links.is_partitioned());
    }

    #[test]
    fn joining_moves_a_node_into_another_group_and_keeps_the_rest() {
        let mut links = Links::default();
        links.partition(&links.isolating(1));
        let servers = [1, 2, 3, 4, 5];
        links.partition(&links.joining(2, 1, &servers));
        assert_eq!(links.listed_groups(), [vec![1, 2]]);
        assert_eq!(links.blocked(1, 2), None);
        assert_eq!(links.blocked(2, 3), Some(DropReason::Partition));
        assert_eq!(links.blocked(3, 4), None, "the servers in no group stay together");
        links.partition(&links.isolating(5));
        links.partition(&links.joining(2, 5, &servers));
        assert_eq!(links.listed_groups(), [vec![1], vec![2, 5]]);
        // Joining a server in no group puts the node back with them.
        links.partition(&links.joining(5, 3, &servers));
        assert_eq!(links.listed_groups(), [vec![1], vec![2]]);
        // One group of every server is no partition.
        links.partition(&[vec![1, 2]]);
        assert!(links.joining(3, 1, &[1, 2, 3]).is_empty());
    }

    #[test]
    fn isolating_and_reconnecting_one_node_keeps_the_other_groups() {
        let mut links = Links::default();
        links.partition(&links.isolating(3));
        assert_eq!(links.listed_groups(), [vec![3]]);
        assert_eq!(links.blocked(3, 1), Some(DropReason::Partition));
        let servers = [1, 2, 3, 4, 5];
        links.partition(&links.isolating(5));
        assert!(links.is_isolated(3, &servers) && links.is_isolated(5, &servers));
        assert_eq!(links.blocked(1, 2), None, "the others stay together");
        assert_eq!(links.reconnecting(1, &servers), None, "not isolated");
        links.partition(&links.reconnecting(3, &servers).unwrap());
        assert_eq!(links.listed_groups(), [vec![5]]);
        links.partition(&links.reconnecting(5, &servers).unwrap());
        assert!(!links.is_partitioned());
    }

    #[test]
    fn a_server_alone_in_no_group_reconnects_only_where_one_side_can_take_it() {
        let mut links = Links::default();
        // {1, 2} | {3}: 3 is in no group, alone; the one other side takes it back.
        links.partition(&[vec![1, 2]]);
        assert_eq!(links.reconnecting(3, &[1, 2, 3]), Some(Vec::new()));
        // {1, 2} | {3} listed: reconnecting 3 would leave it alone in no group: it heals.
        links.partition(&[vec![1, 2], vec![3]]);
        assert_eq!(links.reconnecting(3, &[1, 2, 3]), Some(Vec::new()));
        // {1, 2} | {3} | {4, 5}: back to which side is the user's choice.
        links.partition(&[vec![1, 2], vec![4, 5]]);
        assert_eq!(links.reconnecting(3, &[1, 2, 3, 4, 5]), None);
    }

    #[test]
    fn a_cut_is_one_way_until_mended() {
        let mut links = Links::default();
        links.cut(1, 3);
        assert_eq!(links.blocked(1, 3), Some(DropReason::Cut));
        assert_eq!(links.blocked(3, 1), None);
        links.mend(1, 3);
        assert_eq!(links.blocked(1, 3), None);
    }
}
