//! The JSON report of a run, as `raftsim run` prints it.

use std::collections::BTreeMap;

use raft_core::{LogIndex, NodeId, Term};
use serde::Serialize;

use crate::client::ClientOp;
use crate::invariants::Violation;
use crate::simulation::Simulation;
use crate::time::Millis;

/// The state of a run at its current time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The simulated time.
    pub time_ms: Millis,
    /// The trace hash, 16 hex digits.
    pub trace_hash: String,
    /// How many events ran.
    pub events: u64,
    /// The running leader of the highest term, if any.
    pub leader: Option<NodeId>,
    /// Every server.
    pub nodes: Vec<NodeReport>,
    /// Safety violations (empty in a correct run).
    pub violations: Vec<Violation>,
    /// Every client operation: writes, reads and membership changes.
    pub clients: Vec<ClientOp>,
    /// Whether the clients' reads and writes are linearizable (Wing–Gong–Lowe, per key).
    pub linearizable: bool,
    /// When they are not: the fewest operations that cannot be ordered, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_linearizable: Option<NotLinearizableReport>,
}

/// A failed linearizability check in a [`Report`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotLinearizableReport {
    /// The key.
    pub key: String,
    /// The operations' ids, in order of invocation (ids from
    /// [`INITIAL_LOG_WRITE_IDS`](crate::INITIAL_LOG_WRITE_IDS) on are writes of the initial logs).
    pub operations: Vec<u64>,
    /// `never_written` (a read returned a value no write wrote), `stale` (a read missed a
    /// write that ended before it began) or `no_order`.
    pub reason: &'static str,
}

impl NotLinearizableReport {
    fn of(failure: &crate::NonLinearizable) -> Self {
        let reason = match failure.reason {
            crate::Reason::NeverWritten { .. } => "never_written",
            crate::Reason::Stale { .. } => "stale",
            crate::Reason::NoOrder => "no_order",
        };
        NotLinearizableReport { key: failure.key.clone(), operations: failure.operations.clone(), reason }
    }
}

/// One server in a [`Report`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeReport {
    /// Its id.
    pub id: NodeId,
    /// Whether it runs.
    pub up: bool,
    /// `follower`, `candidate`, `leader`; `down` while crashed.
    pub role: &'static str,
    /// currentTerm.
    pub term: Term,
    /// votedFor.
    pub voted_for: Option<NodeId>,
    /// commitIndex.
    pub commit_index: LogIndex,
    /// lastApplied.
    pub last_applied: LogIndex,
    /// The log after its snapshot, if it has one: `[term, command]`, command `null` for a no-op.
    pub log: Vec<(Term, Option<String>)>,
    /// Its latest snapshot (paper §7), or `null`.
    pub snapshot: Option<SnapshotReport>,
    /// The key-value state machine.
    pub kv: BTreeMap<String, String>,
    /// The configuration in force on it (thesis §4.1).
    pub config: ConfigReport,
    /// Whether it votes in its own configuration: false for a server being added (until the
    /// leader's log reaches it) and for one removed that knows it.
    pub member: bool,
    /// Its clock's speed, in percent of real time (the `clock` action); written only when
    /// not 100, so reports of runs without clock actions read as before.
    #[serde(skip_serializing_if = "keeps_real_time")]
    pub clock_percent: u32,
}

fn keeps_real_time(percent: &u32) -> bool {
    *percent == crate::clock::EXACT_PERCENT
}

/// A snapshot in a [`NodeReport`]: the last index and term it includes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SnapshotReport {
    /// The last log index it includes.
    pub last_index: LogIndex,
    /// That entry's term.
    pub last_term: Term,
}

/// A configuration in a [`NodeReport`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConfigReport {
    /// The voters (of C_new while joint).
    pub voters: Vec<NodeId>,
    /// New servers a leader is catching up, not voting yet (only a leader knows them).
    pub learners: Vec<NodeId>,
    /// C_old and C_new while joint consensus is in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub joint: Option<JointReport>,
}

/// The two configurations of C_old,new.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JointReport {
    /// C_old.
    pub old: Vec<NodeId>,
    /// C_new.
    pub new: Vec<NodeId>,
}

/// A trace hash as printed: 16 lower-case hex digits.
pub fn format_hash(hash: u64) -> String {
    format!("{hash:016x}")
}

impl Report {
    /// The report of `sim` as it is now.
    pub fn of(sim: &Simulation) -> Report {
        let nodes = sim
            .nodes()
            .map(|sim_node| {
                let node = sim_node.node();
                NodeReport {
                    id: node.id(),
                    up: sim_node.is_up(),
                    role: if sim_node.is_up() { node.role().as_str() } else { "down" },
                    term: node.current_term(),
                    voted_for: node.voted_for(),
                    commit_index: node.commit_index(),
                    last_applied: node.last_applied(),
                    log: node.log().entries().map(|e| (e.term, e.command.text())).collect(),
                    snapshot: node
                        .snapshot()
                        .map(|s| SnapshotReport { last_index: s.last_index, last_term: s.last_term }),
                    kv: node.kv().entries().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
                    config: ConfigReport::of(node),
                    member: node.configuration().is_voter(node.id()),
                    clock_percent: sim_node.clock().percent(),
                }
            })
            .collect();
        let not_linearizable = match sim.linearizability() {
            crate::Linearizability::Linearizable { .. } => None,
            crate::Linearizability::Violation(failure) => Some(NotLinearizableReport::of(&failure)),
        };
        Report {
            linearizable: not_linearizable.is_none(),
            not_linearizable,
            time_ms: sim.now(),
            trace_hash: format_hash(sim.trace().hash()),
            events: sim.events_processed(),
            leader: sim.leader(),
            nodes,
            violations: sim.violations().to_vec(),
            clients: sim.client_ops().cloned().collect(),
        }
    }
}

impl ConfigReport {
    fn of(node: &raft_core::Node) -> Self {
        let config = node.configuration();
        ConfigReport {
            voters: config.voters().to_vec(),
            learners: node.learners().to_vec(),
            joint: config.old_voters().map(|old| JointReport { old: old.to_vec(), new: config.voters().to_vec() }),
        }
    }
}
