//! A snapshot of the simulation at one moment, in the shapes the components draw. Reading the
//! simulator here keeps Raft out of the components: they only get plain data.

use raft_sim::{Millis, NodeId, PayloadKind, RoleKind, Simulation, Term, Timer, CLIENT};

use crate::geometry::{message_position, node_position, Point, CLIENT_POSITION};

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
    /// Votes a candidate has (itself included); 0 otherwise.
    pub votes: usize,
    /// The share of its election timer still to run, if that timer is armed.
    pub election_timer_left: Option<f64>,
    /// Its centre.
    pub position: Point,
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
}

/// What the node menu shows of a node besides what is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeDetails {
    /// votedFor.
    pub voted_for: Option<NodeId>,
    /// commitIndex.
    pub commit_index: u64,
    /// lastApplied.
    pub last_applied: u64,
    /// The key-value state machine, by key.
    pub kv: Vec<(String, String)>,
}

impl NodeDetails {
    /// Details of node `id`, if it exists.
    pub fn of(sim: &Simulation, id: NodeId) -> Option<Self> {
        let node = sim.node(id)?.node();
        Some(NodeDetails {
            voted_for: node.voted_for(),
            commit_index: node.commit_index(),
            last_applied: node.last_applied(),
            kv: node.kv().entries().iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        })
    }
}

/// One log entry as drawn in the log table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogCell {
    /// Its index.
    pub index: u64,
    /// Its term.
    pub term: Term,
    /// Its command; `None` for a no-op.
    pub command: Option<String>,
    /// Whether this node knows it is committed.
    pub committed: bool,
}

/// One node's row of the log table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRow {
    /// The node.
    pub node: NodeId,
    /// Whether it runs.
    pub up: bool,
    /// Its entries within the shown window, by index.
    pub cells: Vec<LogCell>,
}

/// The log table: every node's log over a window of indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogsView {
    /// First index shown.
    pub first_index: u64,
    /// Last index shown (the longest log's last index).
    pub last_index: u64,
    /// One row per node.
    pub rows: Vec<LogRow>,
}

impl LogsView {
    /// The logs of every node, showing at most the last `window` indexes.
    pub fn of(sim: &Simulation, window: u64) -> Self {
        let last_index = sim.nodes().map(|n| n.node().log().last_index()).max().unwrap_or(0);
        let first_index = last_index.saturating_sub(window.saturating_sub(1)).max(1);
        let rows = sim
            .nodes()
            .map(|sim_node| {
                let node = sim_node.node();
                let cells = (first_index..=node.log().last_index())
                    .filter_map(|index| {
                        let entry = node.log().entry(index)?;
                        Some(LogCell {
                            index,
                            term: entry.term,
                            command: entry.command.text(),
                            committed: index <= node.commit_index(),
                        })
                    })
                    .collect();
                LogRow { node: node.id(), up: sim_node.is_up(), cells }
            })
            .collect();
        LogsView { first_index, last_index, rows }
    }
}

/// Everything the cluster drawing needs.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterView {
    /// The simulator's clock.
    pub time_ms: Millis,
    /// Nodes by id.
    pub nodes: Vec<NodeView>,
    /// Messages in flight, oldest first.
    pub messages: Vec<MessageView>,
}

impl ClusterView {
    /// The cluster at `render_ms`, a time between `sim.now()` and the next millisecond, so that
    /// movement stays smooth when one frame advances less than a simulated millisecond.
    pub fn of(sim: &Simulation, render_ms: f64) -> Self {
        let count = sim.config().nodes as usize;
        let positions: Vec<Point> = (0..count).map(|index| node_position(index, count)).collect();
        let position_of = |id: NodeId| if id == CLIENT { CLIENT_POSITION } else { positions[(id - 1) as usize] };
        let nodes = sim
            .nodes()
            .zip(&positions)
            .map(|(sim_node, &position)| {
                let node = sim_node.node();
                let election_timer_left = sim_node
                    .timer()
                    .filter(|armed| armed.timer == Timer::Election)
                    .map(|armed| armed.remaining_fraction(render_ms));
                NodeView {
                    id: node.id(),
                    role: node.role(),
                    term: node.current_term(),
                    up: sim_node.is_up(),
                    votes: node.votes_received().len(),
                    election_timer_left,
                    position,
                }
            })
            .collect();
        let messages = sim
            .messages_in_flight()
            .map(|flight| {
                let progress = flight.progress(render_ms);
                MessageView {
                    id: flight.id,
                    kind: flight.payload.kind(),
                    from: flight.from,
                    to: flight.to,
                    term: flight.payload.term(),
                    position: message_position(position_of(flight.from), position_of(flight.to), progress),
                }
            })
            .collect();
        ClusterView { time_ms: sim.now(), nodes, messages }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::SimBuilder;

    #[test]
    fn a_fresh_cluster_shows_every_node_as_a_follower_with_a_full_timer() {
        let sim = SimBuilder::new(1).build().unwrap();
        let view = ClusterView::of(&sim, 0.0);
        assert_eq!(view.nodes.len(), 5);
        for node in &view.nodes {
            assert_eq!((node.role, node.term, node.up), (RoleKind::Follower, 0, true));
            assert_eq!(node.election_timer_left, Some(1.0));
        }
        assert!(view.messages.is_empty());
    }

    #[test]
    fn the_log_view_shows_the_last_window_of_indexes_and_what_is_committed() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.run_until(1_000);
        let leader = sim.leader().unwrap();
        for i in 0..5 {
            sim.write(leader, &format!("x={i}")).unwrap();
        }
        sim.run_until(1_025); // every request has reached the leader (latency <= 20 ms), no reply is back
        let logs = LogsView::of(&sim, 4);
        assert_eq!((logs.first_index, logs.last_index), (3, 6), "no-op + 5 writes; the last 4 shown");
        let leader_row = &logs.rows[(leader - 1) as usize];
        assert_eq!(leader_row.cells.iter().map(|c| c.index).collect::<Vec<_>>(), [3, 4, 5, 6]);
        // Client requests race each other over the network, so their order is the network's.
        assert!(leader_row.cells.iter().all(|c| c.command.as_deref().is_some_and(|t| t.starts_with("x="))));
        assert!(leader_row.cells.iter().all(|c| !c.committed), "no follower has answered 25 ms later");
        sim.run_until(1_200);
        let logs = LogsView::of(&sim, 4);
        assert!(logs.rows.iter().all(|row| row.cells.len() == 4 && row.cells.iter().all(|c| c.committed)));
    }

    #[test]
    fn messages_are_drawn_between_their_endpoints_part_way_along() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.timeout(1).unwrap();
        sim.run_until(5);
        let view = ClusterView::of(&sim, 5.5);
        assert_eq!(view.messages.len(), 4, "a RequestVote to each peer");
        let sender = view.nodes[0].position;
        for message in &view.messages {
            assert_eq!((message.kind, message.from, message.term), (PayloadKind::RequestVote, 1, 1));
            let receiver = view.nodes[(message.to - 1) as usize].position;
            let (span, done) = (
                (receiver.x - sender.x).hypot(receiver.y - sender.y),
                (message.position.x - sender.x).hypot(message.position.y - sender.y),
            );
            assert!(done > 0.0 && done < span, "message {} is between its nodes", message.id);
        }
    }
}
