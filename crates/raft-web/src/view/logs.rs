//! The log table's content: every node's log over a window of indexes.

use raft_sim::{NodeId, Simulation, Term};

/// One log entry as drawn in the log table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogCell {
    /// Its index.
    pub index: u64,
    /// Its term.
    pub term: Term,
    /// Its command; `None` for a no-op or an entry given without one.
    pub command: Option<String>,
    /// Whether it is the no-op a leader appends on election (§8), rather than an entry whose
    /// command is simply not given (as in the paper's Figure 7).
    pub noop: bool,
    /// Whether it holds a configuration (`command` is then e.g. `C{1,2,3}`).
    pub config: bool,
    /// Whether this node knows it is committed: never while it is down, since commitIndex is
    /// volatile state that a crash loses (Figure 2).
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
    /// The last index its snapshot covers (0: none): entries up to it are compacted away.
    pub snapshot_index: u64,
    /// The current leader's nextIndex for this follower, if there is a leader.
    pub next_index: Option<u64>,
    /// The current leader's matchIndex for this follower, if there is a leader.
    pub match_index: Option<u64>,
}

/// The log table: every node's log over a window of indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogsView {
    /// First index shown.
    pub first_index: u64,
    /// Last index shown.
    pub last_index: u64,
    /// The longest log's last index.
    pub longest: u64,
    /// One row per node.
    pub rows: Vec<LogRow>,
    /// The entries a lesson's step points at (issue 18), as `(server, index)`.
    pub highlight: Vec<(NodeId, u64)>,
    /// The entries the last step appended, overwrote or committed, as `(server, index)`.
    pub changed: Vec<(NodeId, u64)>,
}

impl LogsView {
    /// The logs of every node over `window` indexes from `first` (clamped), or the latest
    /// `window` indexes when `first` is `None`. Only the window is read, so a 10,000-entry
    /// log costs no more to draw than a short one.
    pub fn of(sim: &Simulation, first: Option<u64>, window: u64) -> Self {
        let longest = sim.nodes().map(|n| n.node().log().last_index()).max().unwrap_or(0);
        let latest_first = longest.saturating_sub(window.saturating_sub(1)).max(1);
        let first_index = first.unwrap_or(latest_first).clamp(1, latest_first);
        let last_index = (first_index + window - 1).min(longest);
        let progress =
            sim.leader().and_then(|leader| sim.node(leader)).map(|n| n.node().progress()).unwrap_or_default();
        let progress_of = |id: NodeId| progress.iter().find(|(peer, _)| *peer == id).map(|(_, p)| *p);
        let rows = sim
            .nodes()
            .map(|sim_node| {
                let node = sim_node.node();
                let known_committed = if sim_node.is_up() { node.commit_index() } else { 0 };
                let cells = (first_index..=node.log().last_index().min(last_index))
                    .filter_map(|index| {
                        let entry = node.log().entry(index)?;
                        Some(LogCell {
                            index,
                            term: entry.term,
                            command: entry.command.text(),
                            noop: entry.command == raft_sim::Command::Noop,
                            config: entry.command.configuration().is_some(),
                            committed: index <= known_committed,
                        })
                    })
                    .collect();
                let progress = progress_of(node.id());
                LogRow {
                    node: node.id(),
                    up: sim_node.is_up(),
                    cells,
                    snapshot_index: node.log().snapshot_index(),
                    next_index: progress.map(|p| p.next_index),
                    match_index: progress.map(|p| p.match_index),
                }
            })
            .collect();
        LogsView { first_index, last_index, longest, rows, highlight: Vec::new(), changed: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::SimBuilder;

    #[test]
    fn a_crashed_server_knows_nothing_committed_until_it_hears_again() {
        let mut sim = SimBuilder::new(3).build().unwrap();
        sim.run_until(1_000);
        let leader = sim.leader().unwrap();
        sim.write(leader, "x=1", 1).unwrap();
        sim.run_until(1_500);
        let committed = |sim: &Simulation, id: NodeId| {
            let logs = LogsView::of(sim, None, 24);
            logs.rows.iter().find(|row| row.node == id).unwrap().cells.iter().filter(|c| c.committed).count()
        };
        let follower = (1..=5).find(|id| *id != leader).unwrap();
        assert!(committed(&sim, follower) >= 2, "the no-op and x=1");
        sim.crash(follower).unwrap();
        assert_eq!(committed(&sim, follower), 0, "commitIndex is lost in the crash");
        sim.restart(follower).unwrap();
        sim.run_until(2_500);
        assert!(committed(&sim, follower) >= 2, "the leader tells it again");
    }

    #[test]
    fn a_ten_thousand_entry_log_is_read_only_in_its_window() {
        let mut sim = SimBuilder::new(3).nodes(1).build().unwrap();
        sim.run_until(500);
        for i in 0..10_000 {
            sim.write(1, &format!("k={i}"), 1).unwrap();
        }
        sim.run_until(600);
        let logs = LogsView::of(&sim, Some(5_000), 24);
        assert_eq!((logs.first_index, logs.last_index, logs.longest), (5_000, 5_023, 10_001));
        assert_eq!(logs.rows[0].cells.len(), 24);
    }

    #[test]
    fn the_log_view_shows_the_last_window_of_indexes_and_what_is_committed() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.run_until(1_000);
        let leader = sim.leader().unwrap();
        for i in 0..5 {
            sim.write(leader, &format!("x={i}"), 1).unwrap();
        }
        sim.run_until(1_025); // every request has reached the leader (latency <= 20 ms), no reply is back
        let logs = LogsView::of(&sim, None, 4);
        assert_eq!((logs.first_index, logs.last_index), (3, 6), "no-op + 5 writes; the last 4 shown");
        let older = LogsView::of(&sim, Some(2), 4);
        assert_eq!((older.first_index, older.last_index, older.longest), (2, 5, 6));
        assert_eq!(LogsView::of(&sim, Some(99), 4).first_index, 3, "clamped to the latest window");
        let leader_row = &logs.rows[(leader - 1) as usize];
        assert_eq!(leader_row.cells.iter().map(|c| c.index).collect::<Vec<_>>(), [3, 4, 5, 6]);
        // Client requests race each other over the network, so their order is the network's.
        assert!(leader_row.cells.iter().all(|c| c.command.as_deref().is_some_and(|t| t.starts_with("x="))));
        assert!(leader_row.cells.iter().all(|c| !c.committed), "no follower has answered 25 ms later");
        sim.run_until(1_200);
        let logs = LogsView::of(&sim, None, 4);
        assert!(logs.rows.iter().all(|row| row.cells.len() == 4 && row.cells.iter().all(|c| c.committed)));
        for row in &logs.rows {
            let expected = if row.node == leader { (None, None) } else { (Some(7), Some(6)) };
            assert_eq!((row.next_index, row.match_index), expected, "S{}: the leader's view of it", row.node);
        }
    }
}
