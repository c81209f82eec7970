//! What a search looks for: a run that breaks a property (a counterexample), or the shortest
//! run to a moment worth seeing — a new leader, two leaders at once, a leader committing, an
//! entry overwritten, a leader stepping down. Each of those is a step from one state to the
//! next, judged by comparing the two; Raft decides what happens, this only recognises it.

use serde::{Deserialize, Serialize};

use std::collections::HashSet;

use raft_core::{Message, NodeId, RoleKind};

use crate::client::{OpKind, OpResult};
use crate::network::{MessageId, Payload};
use crate::simulation::{SimNode, Simulation};

/// What the model checker searches for. In JSON, its [`Goal::name`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum Goal {
    /// A state that breaks a safety property, or linearizability: a counterexample.
    #[default]
    Violation,
    /// A server becomes leader (paper §5.2).
    Leader,
    /// Two servers think they lead at once. Election safety still holds, since they lead in
    /// different terms: the older leader has not yet heard of the newer term (paper §5.1).
    TwoLeaders,
    /// A leader advances its commit index: an entry is committed (paper §5.3, §5.4.2).
    Commit,
    /// An entry in some server's log is replaced or removed by a leader's (paper §5.3,
    /// Figure 7): what happens to an entry that was never committed.
    Overwrite,
    /// A leader that is still running stops leading: it saw a higher term, or, with
    /// CheckQuorum, lost touch with a majority (thesis §6.2), or removed itself.
    StepDown,
    /// A split vote: two candidates or more in one term, and the votes cast so that none of
    /// them, nor any server yet to vote, can gather a majority (paper §5.2).
    SplitVote,
    /// A follower answers AppendEntries with false because its log holds no entry matching
    /// prevLogIndex and prevLogTerm (paper §5.3's consistency check), not because of a term.
    LogMismatch,
    /// A client's write is acknowledged: committed, applied, and answered (paper §8).
    Acknowledged,
}

impl Goal {
    /// Every goal, in the order the page offers them.
    pub const ALL: [Goal; 9] = [
        Goal::Violation,
        Goal::Leader,
        Goal::SplitVote,
        Goal::TwoLeaders,
        Goal::StepDown,
        Goal::LogMismatch,
        Goal::Commit,
        Goal::Acknowledged,
        Goal::Overwrite,
    ];

    /// Its name in files, links and on the command line: `violation`, `leader`,
    /// `split_vote`, `two_leaders`, `step_down`, `log_mismatch`, `commit`, `acknowledged`,
    /// `overwrite`.
    pub fn name(self) -> &'static str {
        match self {
            Goal::Violation => "violation",
            Goal::Leader => "leader",
            Goal::TwoLeaders => "two_leaders",
            Goal::Commit => "commit",
            Goal::Overwrite => "overwrite",
            Goal::StepDown => "step_down",
            Goal::SplitVote => "split_vote",
            Goal::LogMismatch => "log_mismatch",
            Goal::Acknowledged => "acknowledged",
        }
    }

    /// The goal named `name` (see [`Goal::name`]).
    pub fn named(name: &str) -> Option<Goal> {
        Goal::ALL.into_iter().find(|goal| goal.name() == name)
    }

    /// Whether the step from `before` to `after` reaches this goal. Always false for
    /// [`Goal::Violation`], which is a property of a state, checked apart.
    pub fn reached(self, before: &Simulation, after: &Simulation) -> bool {
        let pairs = || before.nodes.iter().zip(&after.nodes).filter(|(was, is)| was.node.id() == is.node.id());
        let leads = |node: &SimNode| node.up && node.node.role() == RoleKind::Leader;
        match self {
            Goal::Violation => false,
            Goal::Leader => {
                after.nodes.iter().any(|is| leads(is) && !before.nodes.iter().any(|was| same_leader(was, is)))
            }
            Goal::TwoLeaders => {
                let count = |sim: &Simulation| sim.nodes.iter().filter(|node| leads(node)).count();
                count(before) < 2 && count(after) >= 2
            }
            Goal::Commit => pairs().any(|(was, is)| leads(is) && is.node.commit_index() > was.node.commit_index()),
            Goal::Overwrite => pairs().any(|(was, is)| overwritten(was, is)),
            Goal::StepDown => pairs().any(|(was, is)| leads(was) && is.up && !leads(is)),
            Goal::SplitVote => !split_vote(before) && split_vote(after),
            Goal::LogMismatch => {
                let ids = |sim: &Simulation| -> HashSet<MessageId> { sim.network.in_flight().map(|m| m.id).collect() };
                let (was, is) = (ids(before), ids(after));
                // The AppendEntries delivered by this step, and the refusals it sent back.
                let delivered = before.network.in_flight().filter(|message| !is.contains(&message.id));
                let refusals: Vec<_> = after
                    .network
                    .in_flight()
                    .filter(|message| !was.contains(&message.id))
                    .filter_map(|message| match &message.payload {
                        Payload::Raft(Message::AppendEntriesReply(reply)) if !reply.success => {
                            Some((message.from, message.to, reply.term))
                        }
                        _ => None,
                    })
                    .collect();
                // Refused in the request's own term: by the log, not by a newer term.
                delivered
                    .filter_map(|message| match &message.payload {
                        Payload::Raft(Message::AppendEntries(request)) => {
                            Some((message.to, message.from, request.term))
                        }
                        _ => None,
                    })
                    .any(|request| refusals.contains(&request))
            }
            Goal::Acknowledged => {
                let acknowledged = |sim: &Simulation| {
                    sim.client_ops().filter(|op| op.kind == OpKind::Write && op.result == Some(OpResult::Ok)).count()
                };
                acknowledged(after) > acknowledged(before)
            }
        }
    }
}

impl From<Goal> for &'static str {
    fn from(goal: Goal) -> Self {
        goal.name()
    }
}

impl TryFrom<String> for Goal {
    type Error = String;

    fn try_from(name: String) -> Result<Self, String> {
        Goal::named(&name).ok_or_else(|| {
            let names: Vec<&str> = Goal::ALL.iter().map(|goal| goal.name()).collect();
            format!("one of {}, not {name:?}", names.join(", "))
        })
    }
}

/// Whether some term's election can no longer be won: two candidates or more in it, and
/// neither they nor any voter yet to vote in it (behind it, or in it without a vote) could
/// gather a majority of the voters of their configuration. Under joint consensus, never.
fn split_vote(sim: &Simulation) -> bool {
    let candidates: Vec<&SimNode> = sim
        .nodes
        .iter()
        .map(|node| &**node)
        .filter(|node| node.up && node.node.role() == RoleKind::Candidate)
        .collect();
    candidates.iter().any(|candidate| {
        let term = candidate.node.current_term();
        let configuration = candidate.node.configuration();
        let Some(needed) = configuration.votes_needed() else { return false };
        let rivals: Vec<NodeId> =
            candidates.iter().filter(|other| other.node.current_term() == term).map(|other| other.node.id()).collect();
        let voters = || configuration.voters().iter().filter_map(|&id| sim.node(id)).map(|voter| &voter.node);
        let undecided = voters()
            .filter(|voter| voter.current_term() < term || voter.current_term() == term && voter.voted_for().is_none())
            .count();
        let votes = |rival: NodeId| {
            voters().filter(|voter| voter.current_term() == term && voter.voted_for() == Some(rival)).count()
        };
        rivals.len() >= 2 && undecided < needed && rivals.iter().all(|&rival| votes(rival) + undecided < needed)
    })
}

/// Whether `was` and `is` are the same server leading in the same term.
fn same_leader(was: &SimNode, is: &SimNode) -> bool {
    was.up
        && was.node.role() == RoleKind::Leader
        && was.node.id() == is.node.id()
        && was.node.current_term() == is.node.current_term()
}

/// Whether an entry of `was`'s log is missing from `is`'s, or has another term there. Entries
/// compacted into a snapshot are not lost, and are not looked at.
fn overwritten(was: &SimNode, is: &SimNode) -> bool {
    let (before, after) = (was.node.log(), is.node.log());
    let first = after.snapshot_index().max(before.snapshot_index()) + 1;
    (first..=before.last_index()).any(|index| before.term_at(index) != after.term_at(index))
}
