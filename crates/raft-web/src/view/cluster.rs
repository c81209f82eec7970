//! The cluster drawing's content: nodes, links, messages in flight and recent losses.

use raft_sim::{
    elapsed_fraction, ClientResult, DropReason, Message, Millis, NodeId, Payload, PayloadKind, RoleKind, Simulation,
    Term, Timer, CLIENT,
};

use crate::geometry::{heading, lane_ends, message_position, node_position, Point, CLIENT_POSITION};

/// How long, in simulated ms, a lost message stays drawn where it vanished.
pub const LOSS_SHOWN_MS: f64 = 40.0;

/// At most this many `key=value` pairs of a server's state machine are drawn and named; its
/// menu lists them all.
pub const KV_LISTED: usize = 8;

/// One node as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    /// Its id, 1-based.
    pub id: NodeId,
    /// Its role.
    pub role: RoleKind,
    /// Its current term.
    pub term: Term,
    /// Whether it runs.
    pub up: bool,
    /// Whether a partition cuts it off from every other server.
    pub isolated: bool,
    /// Votes a candidate's election counts (its own too, when it votes in its configuration); 0
    /// otherwise.
    pub votes: usize,
    /// The votes that would elect it, in the configuration it campaigns in (none while joint).
    pub votes_needed: Option<usize>,
    /// While its configuration is joint, C_old's and then C_new's votes it has and the majority
    /// of each it needs (paper §6).
    pub joint_votes: Option<[(usize, usize); 2]>,
    /// The share of its election timer still to run, if that timer is armed.
    pub election_timer_left: Option<f64>,
    /// Its centre.
    pub position: Point,
    /// Its key-value state machine: the first [`KV_LISTED`] `key=value` pairs in key order
    /// (the seed article's first picture: a replicated state machine beside every server).
    pub kv: Vec<String>,
    /// How many keys its state machine holds in all.
    pub kv_len: usize,
    /// Where it stands in the cluster's configuration.
    pub standing: Standing,
    /// Its clock's speed, in percent of real time (100 unless a `clock` action set it).
    pub clock_percent: u32,
}

/// Where a server stands in the configuration the page shows: the leader's; with no leader,
/// the newest configuration some server knows committed, which no later leader can undo (a
/// removed server that never heard it was removed still counts itself in its own, thesis
/// §4.2.3), unless the server's own is newer (an addition appended but not yet committed: it
/// already counts itself in, thesis §4.1); the server's own if no server knows one committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// It votes (in C_old or C_new while joint).
    Voter,
    /// A new server the leader is catching up; it does not vote yet (thesis §4.2.1).
    Learner,
    /// Outside the configuration: removed, or started and not (yet) taken in.
    Outside,
}

impl Standing {
    /// Where server `id` stands in `sim`.
    pub fn of(sim: &Simulation, id: NodeId) -> Standing {
        if let Some(leader) = sim.leader().and_then(|leader| sim.node(leader)).map(|n| n.node()) {
            return if leader.configuration().is_voter(id) {
                Standing::Voter
            } else if leader.learners().contains(&id) {
                Standing::Learner
            } else {
                Standing::Outside
            };
        }
        // Each server's newest configuration at or before its commit index, with that index.
        let committed = sim
            .nodes()
            .map(|n| n.node())
            .filter_map(|node| match node.configuration_index() <= node.commit_index() {
                true => Some((node.configuration_index(), node.configuration())),
                false => node.log().configuration_at_or_before(node.commit_index()),
            })
            .filter(|(_, config)| !config.voters().is_empty())
            .max_by_key(|&(index, _)| index);
        let own = sim.node(id).map(|n| (n.node().configuration_index(), n.node().configuration()));
        let reference = match (committed, own) {
            (Some(committed), Some(own)) if own.0 <= committed.0 => Some(committed),
            (committed, own) => own.or(committed),
        };
        match reference {
            Some((_, config)) if config.is_voter(id) => Standing::Voter,
            _ => Standing::Outside,
        }
    }
}

/// One direction of the link between two servers. Each direction can be cut on its own.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneView {
    /// Sending side.
    pub from: NodeId,
    /// Receiving side.
    pub to: NodeId,
    /// Cut by a user, this way.
    pub cut: bool,
    /// Blocked by a partition.
    pub partitioned: bool,
    /// Where the lane starts and ends (beside the straight line, on the sender's right).
    pub ends: (Point, Point),
}

/// One message in flight as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageView {
    /// The simulator's message id.
    pub id: u64,
    /// Its kind.
    pub kind: PayloadKind,
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// The term it carries.
    pub term: Term,
    /// Where it is now.
    pub position: Point,
    /// It will not arrive: randomly lost, or its link is cut or partitioned now.
    pub doomed: bool,
    /// How many entries an AppendEntries carries (0: a heartbeat); 0 for other messages.
    pub entries: usize,
    /// A reply's answer: vote granted, append succeeded, write committed; `None` for requests.
    pub granted: Option<bool>,
    /// Its direction of travel, in degrees clockwise from pointing right.
    pub heading: f64,
    /// The message this one is a second copy of, if it is one.
    pub copy_of: Option<u64>,
}

/// Where a message was lost, drawn briefly as it fades.
#[derive(Clone, Debug, PartialEq)]
pub struct LossView {
    /// The lost message's id.
    pub id: u64,
    /// Where it vanished.
    pub position: Point,
    /// From 1 (just lost) to 0 (about to disappear).
    pub freshness: f64,
}

/// Everything the cluster drawing needs.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterView {
    /// The simulator's clock.
    pub time_ms: Millis,
    /// Nodes by id.
    pub nodes: Vec<NodeView>,
    /// Both directions of every link.
    pub lanes: Vec<LaneView>,
    /// Messages in flight, oldest first.
    pub messages: Vec<MessageView>,
    /// Messages lost in the last moments.
    pub losses: Vec<LossView>,
    /// What a lesson's step points at (issue 18): drawn with a ring.
    pub highlight: raft_sim::Highlight,
    /// The clients writing on their own, and how often: said under the client box.
    pub workloads: Vec<(raft_sim::ClientId, Millis)>,
    /// The servers the last step changed (see [`crate::view::Changes`]).
    pub changed: Vec<NodeId>,
}

/// Where a message waiting on its link is drawn, as a fraction of its trip: the messages of
/// one link evenly between a fifth and four fifths of the way, the oldest furthest along.
fn place_on_link(flights: &[&raft_sim::InFlight], flight: &raft_sim::InFlight) -> f64 {
    let same_link: Vec<_> = flights.iter().filter(|other| (other.from, other.to) == (flight.from, flight.to)).collect();
    let newer = same_link.iter().filter(|other| (other.sent_at, other.id) > (flight.sent_at, flight.id)).count();
    0.2 + 0.6 * (newer + 1) as f64 / (same_link.len() + 1) as f64
}

impl ClusterView {
    /// Where server `id` is drawn (the client's place for the client or an unknown id).
    pub fn position_of(&self, id: NodeId) -> Point {
        self.nodes.iter().find(|node| node.id == id && id != CLIENT).map_or(CLIENT_POSITION, |node| node.position)
    }

    /// The cluster at `render_ms`, a time between `sim.now()` and the next millisecond, so that
    /// movement stays smooth when one frame advances less than a simulated millisecond.
    pub fn of(sim: &Simulation, render_ms: f64) -> Self {
        // The ring holds every server that exists, added ones too, in ascending id order.
        let ids = sim.node_ids();
        let count = ids.len();
        let positions: Vec<Point> = (0..count).map(|index| node_position(index, count)).collect();
        let position_of = |id: NodeId| match ids.iter().position(|&known| known == id) {
            Some(index) if id != CLIENT => positions[index],
            _ => CLIENT_POSITION,
        };
        let links = &sim.network().links;
        let nodes = sim
            .nodes()
            .zip(&positions)
            .map(|(sim_node, &position)| {
                let (node, up) = (sim_node.node(), sim_node.is_up());
                // A crashed server's state machine is lost with it (volatile state).
                let kv_len = if up { node.kv().entries().len() } else { 0 };
                // A server that will not campaign when it fires (a learner catching up, one
                // that knows it was removed) draws no timer running down.
                let election_timer_left = sim_node
                    .timer()
                    .filter(|armed| armed.timer == Timer::Election && node.may_campaign())
                    .map(|armed| armed.remaining_fraction(render_ms));
                NodeView {
                    id: node.id(),
                    role: node.role(),
                    term: node.current_term(),
                    up,
                    isolated: links.is_isolated(node.id(), &ids),
                    votes: node.votes_counted(),
                    votes_needed: node.configuration().votes_needed(),
                    joint_votes: {
                        let granted = node.votes_received();
                        node.configuration().joint_tallies(|id| granted.contains(&id))
                    },
                    election_timer_left,
                    position,
                    kv: node
                        .kv()
                        .entries()
                        .take(kv_len.min(KV_LISTED))
                        .map(|(key, value)| format!("{key}={value}"))
                        .collect(),
                    kv_len,
                    standing: Standing::of(sim, node.id()),
                    clock_percent: sim_node.clock().percent(),
                }
            })
            .collect();
        let lanes = ids
            .iter()
            .flat_map(|&from| ids.iter().copied().filter(move |&to| to != from).map(move |to| (from, to)))
            .map(|(from, to)| LaneView {
                from,
                to,
                cut: links.is_cut(from, to),
                partitioned: links.is_partitioned() && links.group_of(from) != links.group_of(to),
                ends: lane_ends(position_of(from), position_of(to)),
            })
            .collect();
        // With manual scheduling (Explore) a message waits to be delivered and does not move:
        // the messages on a link are spread along it, not piled at their sender's rim.
        let waiting: Option<Vec<&raft_sim::InFlight>> = sim.is_manual().then(|| sim.messages_in_flight().collect());
        let progress = |flight: &raft_sim::InFlight| match &waiting {
            Some(flights) => place_on_link(flights, flight),
            None => flight.progress(render_ms),
        };
        let messages = sim
            .messages_in_flight()
            .map(|flight| MessageView {
                entries: match &flight.payload {
                    Payload::Raft(Message::AppendEntries(request)) => request.entries.len(),
                    _ => 0,
                },
                granted: match &flight.payload {
                    Payload::Raft(Message::RequestVoteReply(reply) | Message::RequestPreVoteReply(reply)) => {
                        Some(reply.vote_granted)
                    }
                    Payload::Raft(Message::AppendEntriesReply(reply)) => Some(reply.success),
                    Payload::ClientResponse { result, .. } => Some(matches!(result, ClientResult::Committed { .. })),
                    _ => None,
                },
                heading: heading(position_of(flight.from), position_of(flight.to)),
                id: flight.id,
                kind: flight.payload.kind(),
                from: flight.from,
                to: flight.to,
                term: flight.payload.term(),
                position: message_position(position_of(flight.from), position_of(flight.to), progress(flight)),
                doomed: matches!(
                    sim.drop_reason(flight),
                    Some(DropReason::Loss | DropReason::Cut | DropReason::Partition)
                ),
                copy_of: flight.copy_of,
            })
            .collect();
        // Exploring, each choice takes a millisecond: a loss is shown until the next choice.
        let shown_ms = if sim.is_manual() { 1.0 } else { LOSS_SHOWN_MS };
        let losses = sim
            .recent_losses()
            .filter_map(|lost| {
                let age = render_ms - lost.lost_at as f64;
                (age < shown_ms).then(|| {
                    // With manual scheduling a message waits mid-link (place_on_link), not
                    // at the fraction of a trip that time would have made.
                    let progress = if sim.is_manual() {
                        0.5
                    } else {
                        elapsed_fraction(lost.sent_at, lost.deliver_at, lost.lost_at as f64)
                    };
                    LossView {
                        id: lost.id,
                        position: message_position(position_of(lost.from), position_of(lost.to), progress),
                        freshness: 1.0 - age.max(0.0) / shown_ms,
                    }
                })
            })
            .collect();
        let workloads =
            (1..=raft_sim::MAX_CLIENTS).filter_map(|client| Some((client, sim.workload(client)?))).collect();
        ClusterView {
            time_ms: sim.now(),
            nodes,
            lanes,
            messages,
            losses,
            highlight: raft_sim::Highlight::default(),
            workloads,
            changed: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::{Action, SimBuilder};

    #[test]
    fn a_fresh_cluster_shows_every_node_as_a_follower_with_a_full_timer() {
        let sim = SimBuilder::new(1).build().unwrap();
        let view = ClusterView::of(&sim, 0.0);
        assert_eq!(view.nodes.len(), 5);
        for node in &view.nodes {
            assert_eq!((node.role, node.term, node.up, node.isolated), (RoleKind::Follower, 0, true, false));
            assert_eq!(node.election_timer_left, Some(1.0));
        }
        assert_eq!(view.lanes.len(), 20, "two directions of each of the 10 links");
        assert!(view.messages.is_empty() && view.losses.is_empty());
    }

    #[test]
    fn messages_are_drawn_between_their_endpoints_part_way_along() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.timeout(1).unwrap();
        sim.run_until(5);
        let view = ClusterView::of(&sim, 5.5);
        assert_eq!(view.messages.len(), 4, "a RequestVote to each peer");
        assert!(view.messages.iter().all(|m| m.entries == 0 && m.granted.is_none()));
        let to_s2 = view.messages.iter().find(|m| m.to == 2).unwrap();
        assert!(to_s2.heading > 0.0 && to_s2.heading < 90.0, "S1 (top) to S2 (right of it, lower): down and right");
        let sender = view.nodes[0].position;
        for message in &view.messages {
            assert_eq!(
                (message.kind, message.from, message.term, message.doomed),
                (PayloadKind::RequestVote, 1, 1, false)
            );
            let receiver = view.nodes[(message.to - 1) as usize].position;
            let (span, done) = (
                (receiver.x - sender.x).hypot(receiver.y - sender.y),
                (message.position.x - sender.x).hypot(message.position.y - sender.y),
            );
            assert!(done > 0.0 && done < span, "message {} is between its nodes", message.id);
        }
    }

    #[test]
    fn with_manual_scheduling_waiting_messages_spread_along_their_links() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.apply(Action::Scheduler { mode: raft_sim::Scheduler::Manual }).unwrap();
        sim.timeout(1).unwrap();
        sim.timeout(1).unwrap(); // a second election: two RequestVotes on each of S1's links
        let view = ClusterView::of(&sim, 0.0);
        let sender = view.nodes[0].position;
        let to_s2: Vec<&MessageView> = view.messages.iter().filter(|m| m.to == 2).collect();
        assert_eq!(to_s2.len(), 2);
        let along = |m: &MessageView| (m.position.x - sender.x).hypot(m.position.y - sender.y);
        let receiver = view.nodes[1].position;
        let span = (receiver.x - sender.x).hypot(receiver.y - sender.y);
        let (older, newer) = (along(to_s2[0]), along(to_s2[1]));
        assert!(older > newer + 5.0, "apart, the older further along: {older} and {newer}");
        assert!(newer > 0.2 * span && older < 0.9 * span, "off the sender's rim and short of the receiver");
    }

    #[test]
    fn cut_and_partitioned_links_doom_their_messages_and_losses_fade() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.timeout(1).unwrap();
        sim.apply(Action::Cut { from: 1, to: 2 }).unwrap();
        sim.apply(Action::Partition { groups: vec![vec![5]] }).unwrap();
        let view = ClusterView::of(&sim, 0.0);
        let doomed: Vec<u32> = view.messages.iter().filter(|m| m.doomed).map(|m| m.to).collect();
        assert_eq!(doomed, [2, 5]);
        assert!(view.nodes[4].isolated);
        let lane = |from, to| view.lanes.iter().find(|l| l.from == from && l.to == to).unwrap().clone();
        assert!(lane(1, 2).cut && !lane(2, 1).cut, "one way");
        assert!(lane(5, 3).partitioned && !lane(3, 4).partitioned);
        sim.run_until(25);
        let view = ClusterView::of(&sim, 25.0);
        assert_eq!(view.losses.len(), 2, "both vanished on arrival");
        assert!(view.losses.iter().all(|l| l.freshness > 0.0 && l.freshness <= 1.0));
        assert!(ClusterView::of(&sim, 25.0 + LOSS_SHOWN_MS).losses.is_empty(), "and are gone a moment later");
    }

    #[test]
    fn exploring_a_dropped_message_is_shown_until_the_next_choice() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.apply(Action::Scheduler { mode: raft_sim::Scheduler::Manual }).unwrap();
        sim.apply(Action::Timeout { node: 1 }).unwrap();
        let first = sim.messages_in_flight().map(|m| m.id).min().unwrap();
        sim.apply(Action::Drop { message: first }).unwrap();
        let now = sim.now() as f64;
        assert_eq!(ClusterView::of(&sim, now).losses.len(), 1, "dropped: a cross where it waited");
        assert_eq!(ClusterView::of(&sim, now + 0.5).losses.len(), 1, "until the next choice");
        sim.run_until(sim.now() + 1);
        let second = sim.messages_in_flight().map(|m| m.id).min().unwrap();
        sim.apply(Action::Deliver { message: second }).unwrap();
        assert!(ClusterView::of(&sim, now + 1.0).losses.is_empty(), "the next choice takes it away");
    }
}
