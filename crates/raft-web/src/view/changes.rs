//! What the last step changed: the servers whose role, term, vote, tally or running state moved, and
//! the log entries appended, overwritten or newly committed. A learner stepping through a run
//! sees at once what one event did, beside the narration's sentence about it.

use raft_sim::{NodeId, RoleKind, Simulation, Term};

/// One server as the drawing shows it, kept to compare with the next moment.
#[derive(Clone, Debug, PartialEq)]
struct Server {
    id: NodeId,
    up: bool,
    role: RoleKind,
    term: Term,
    voted_for: Option<NodeId>,
    /// The votes a candidate counts: its tally drawn above it.
    votes: usize,
    /// The commit index it knows (0 while crashed: volatile state, Figure 2).
    commit: u64,
    /// Its log's first index still held (after a snapshot) and the terms from there.
    first: u64,
    terms: Vec<Term>,
}

impl Server {
    fn term_at(&self, index: u64) -> Option<Term> {
        let offset = index.checked_sub(self.first)?;
        self.terms.get(usize::try_from(offset).ok()?).copied()
    }
}

/// The servers of a moment, to compare with a later one ([`Changes::since`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Moment(Vec<Server>);

impl Moment {
    /// The servers of `sim` now.
    pub fn of(sim: &Simulation) -> Self {
        Moment(
            sim.nodes()
                .map(|sim_node| {
                    let node = sim_node.node();
                    let log = node.log();
                    let first = log.snapshot_index() + 1;
                    Server {
                        id: node.id(),
                        up: sim_node.is_up(),
                        role: node.role(),
                        term: node.current_term(),
                        voted_for: node.voted_for(),
                        votes: node.votes_counted(),
                        commit: if sim_node.is_up() { node.commit_index() } else { 0 },
                        first,
                        terms: (first..=log.last_index())
                            .filter_map(|index| log.entry(index).map(|e| e.term))
                            .collect(),
                    }
                })
                .collect(),
        )
    }
}

/// What changed between two moments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Servers whose running state, role, term, vote or tally of votes changed (or that are new).
    pub nodes: Vec<NodeId>,
    /// Log entries, as `(server, index)`, appended, overwritten, or committed since.
    pub entries: Vec<(NodeId, u64)>,
}

impl Changes {
    /// What changed from `before` to `sim` now.
    pub fn since(before: &Moment, sim: &Simulation) -> Self {
        let mut changes = Changes::default();
        for now in Moment::of(sim).0 {
            let was = before.0.iter().find(|server| server.id == now.id);
            let moved = was.is_none_or(|was| {
                (was.up, was.role, was.term, was.voted_for, was.votes)
                    != (now.up, now.role, now.term, now.voted_for, now.votes)
            });
            if moved {
                changes.nodes.push(now.id);
            }
            let last = now.first + now.terms.len() as u64;
            for index in now.first..last {
                let (term, old_term) = (now.term_at(index), was.and_then(|was| was.term_at(index)));
                let newly_committed = index <= now.commit && was.is_none_or(|was| index > was.commit);
                if term != old_term || newly_committed {
                    changes.entries.push((now.id, index));
                }
            }
        }
        changes
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::{Action, SimBuilder};

    #[test]
    fn a_timeout_changes_the_candidate_and_an_append_its_entries() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        let before = Moment::of(&sim);
        sim.apply(Action::Timeout { node: 2 }).unwrap();
        let changes = Changes::since(&before, &sim);
        assert_eq!(
            changes,
            Changes { nodes: vec![2], entries: Vec::new() },
            "a candidate of term 1, voting for itself"
        );
        // Run to a leader, then the delivery of its first AppendEntries to one follower.
        sim.run_until(1_000);
        let leader = sim.leader().unwrap();
        sim.apply(Action::Write { node: leader, command: "x=1".into(), client: 1 }).unwrap();
        let before = Moment::of(&sim);
        let last = sim.node(leader).unwrap().node().log().last_index() + 1;
        let changes = Changes::since(&before, &sim);
        assert!(changes.is_empty(), "nothing moved yet: the write is on its way to the leader");
        // Stepping until a follower appends it.
        let mut steps = 0;
        let changes = loop {
            let before = Moment::of(&sim);
            assert!(sim.step());
            steps += 1;
            let changes = Changes::since(&before, &sim);
            if changes.entries.iter().any(|&(node, index)| node != leader && index == last) {
                break changes;
            }
            assert!(steps < 100, "no follower appended index {last}");
        };
        assert!(changes.nodes.is_empty(), "appending moves no term or role: {changes:?}");
        assert_eq!(changes.entries.len(), 1, "{changes:?}");
    }

    #[test]
    fn a_commit_marks_the_entries_it_commits_and_a_crash_its_server() {
        let mut sim = SimBuilder::new(4).build().unwrap();
        sim.run_until(1_000);
        let leader = sim.leader().unwrap();
        sim.apply(Action::Write { node: leader, command: "x=1".into(), client: 1 }).unwrap();
        let committed_before = sim.node(leader).unwrap().node().commit_index();
        let changes = loop {
            let before = Moment::of(&sim);
            assert!(sim.step());
            if sim.node(leader).unwrap().node().commit_index() > committed_before {
                break Changes::since(&before, &sim);
            }
        };
        let commit = sim.node(leader).unwrap().node().commit_index();
        assert!(changes.entries.contains(&(leader, commit)), "{changes:?}");
        let before = Moment::of(&sim);
        sim.apply(Action::Crash { node: leader }).unwrap();
        assert_eq!(Changes::since(&before, &sim).nodes, [leader]);
    }
}
