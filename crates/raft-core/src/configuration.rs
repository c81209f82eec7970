//! Cluster configurations (paper §6, thesis chapter 4): which servers vote, and what a
//! majority is while the membership changes.

use std::fmt;

use crate::quorum;
use crate::types::{LogIndex, NodeId};

/// The servers whose votes count, for elections and for commitment. While joint consensus is
/// under way (C_old,new, paper §6) the old voters are kept too, and every decision needs a
/// majority of each set separately.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Configuration {
    /// C_new (or the only configuration), ascending.
    voters: Vec<NodeId>,
    /// C_old while joint consensus is in force, ascending.
    old: Option<Vec<NodeId>>,
}

impl Configuration {
    /// A configuration of exactly these voters (order and repeats do not matter).
    pub fn new(voters: impl IntoIterator<Item = NodeId>) -> Self {
        Configuration { voters: sorted(voters), old: None }
    }

    /// The joint configuration C_old,new of paper §6.
    pub fn joint(old: impl IntoIterator<Item = NodeId>, new: impl IntoIterator<Item = NodeId>) -> Self {
        Configuration { voters: sorted(new), old: Some(sorted(old)) }
    }

    /// The voters of C_new (of the only configuration, when not joint), ascending.
    pub fn voters(&self) -> &[NodeId] {
        &self.voters
    }

    /// The voters of C_old, while joint consensus is in force.
    pub fn old_voters(&self) -> Option<&[NodeId]> {
        self.old.as_deref()
    }

    /// Whether this is a joint configuration, C_old,new.
    pub fn is_joint(&self) -> bool {
        self.old.is_some()
    }

    /// How many votes of its voters win a candidate an election in this configuration: a
    /// majority (§5.2). `None` while joint, when it needs a majority of C_old
    /// and, counted separately, one of C_new (§6): no single number says it.
    pub fn votes_needed(&self) -> Option<usize> {
        (!self.is_joint()).then(|| quorum::majority(self.voters.len()))
    }

    /// While joint (paper §6): for C_old and then C_new, how many of the servers for which
    /// `granted` holds vote in it, and the majority of it an election needs; `None` otherwise.
    pub fn joint_tallies(&self, granted: impl Fn(NodeId) -> bool) -> Option<[(usize, usize); 2]> {
        let old = self.old.as_deref()?;
        let tally = |set: &[NodeId]| (set.iter().filter(|&&id| granted(id)).count(), quorum::majority(set.len()));
        Some([tally(old), tally(&self.voters)])
    }

    /// C_new alone: where a joint configuration leads.
    pub fn incoming(&self) -> Configuration {
        Configuration::new(self.voters.iter().copied())
    }

    /// Whether `id` votes: it is in C_new, or in C_old while joint.
    pub fn is_voter(&self, id: NodeId) -> bool {
        self.voters.contains(&id) || self.old.as_ref().is_some_and(|old| old.contains(&id))
    }

    /// Every voter of C_old and C_new, ascending, each once.
    pub fn members(&self) -> Vec<NodeId> {
        sorted(self.voters.iter().chain(self.old.iter().flatten()).copied())
    }

    /// Whether the servers for which `granted` holds are a majority: of the voters, and while
    /// joint also of the old voters, counted separately (paper §6).
    pub fn has_quorum(&self, granted: impl Fn(NodeId) -> bool) -> bool {
        let majority_of = |set: &[NodeId]| quorum::has_quorum(set.iter().filter(|&&id| granted(id)).count(), set.len());
        majority_of(&self.voters) && self.old.as_deref().is_none_or(majority_of)
    }

    /// The highest index held by a majority (by a majority of each set while joint), given
    /// each voter's highest replicated index.
    pub fn committed_index(&self, held: impl Fn(NodeId) -> LogIndex) -> LogIndex {
        let of = |set: &[NodeId]| quorum::majority_index(set.iter().map(|&id| held(id)));
        let new = of(&self.voters);
        self.old.as_deref().map_or(new, |old| new.min(of(old)))
    }
}

fn sorted(ids: impl IntoIterator<Item = NodeId>) -> Vec<NodeId> {
    let mut ids: Vec<NodeId> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// `C{1,2,3}`, or `C{1,2,3}→{1,2,4}` while joint.
impl fmt::Display for Configuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = |f: &mut fmt::Formatter<'_>, ids: &[NodeId]| {
            f.write_str("{")?;
            for (position, id) in ids.iter().enumerate() {
                if position > 0 {
                    f.write_str(",")?;
                }
                write!(f, "{id}")?;
            }
            f.write_str("}")
        };
        f.write_str("C")?;
        if let Some(old) = &self.old {
            set(f, old)?;
            f.write_str("→")?;
        }
        set(f, &self.voters)
    }
}

/// How membership changes (option `membership`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MembershipMode {
    /// One server added or removed per change (thesis §4.1–4.2).
    #[default]
    Single,
    /// Any new set of voters at once, through C_old,new (paper §6, thesis §4.3).
    Joint,
}

/// A change of membership a client asks the leader for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MembershipChange {
    /// Add this server: first as a learner that catches up, then as a voter.
    Add(NodeId),
    /// Remove this server.
    Remove(NodeId),
    /// Make exactly these servers the voters.
    Reconfigure(Vec<NodeId>),
}

/// Why a leader refused a membership change.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ChangeRefusal {
    /// Another change has not finished (committed) yet.
    InProgress,
    /// The server to add already votes.
    AlreadyVoter(NodeId),
    /// The server to remove does not vote.
    NotVoter(NodeId),
    /// The change would leave no voter.
    NoVoterLeft,
    /// Single-server mode changes one server at a time: this asks for more.
    MoreThanOne,
    /// The configuration asked for is the one in force.
    Unchanged,
    /// A new server did not catch up with the leader's log in time (thesis §4.2.1).
    CatchUpFailed(NodeId),
}

impl ChangeRefusal {
    /// A stable name for the refusal, as traces write it.
    pub fn code(&self) -> &'static str {
        match self {
            ChangeRefusal::InProgress => "change_in_progress",
            ChangeRefusal::AlreadyVoter(_) => "already_voter",
            ChangeRefusal::NotVoter(_) => "not_voter",
            ChangeRefusal::NoVoterLeft => "no_voter_left",
            ChangeRefusal::MoreThanOne => "more_than_one",
            ChangeRefusal::Unchanged => "unchanged",
            ChangeRefusal::CatchUpFailed(_) => "catch_up_failed",
        }
    }
}

impl fmt::Display for ChangeRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeRefusal::InProgress => f.write_str("another membership change is not finished yet"),
            ChangeRefusal::AlreadyVoter(id) => write!(f, "server {id} already votes"),
            ChangeRefusal::NotVoter(id) => write!(f, "server {id} is not a voter"),
            ChangeRefusal::NoVoterLeft => f.write_str("a cluster needs at least one voter"),
            ChangeRefusal::MoreThanOne => f.write_str("single-server mode adds or removes one server at a time"),
            ChangeRefusal::Unchanged => f.write_str("those servers already are the configuration"),
            ChangeRefusal::CatchUpFailed(id) => write!(f, "server {id} did not catch up with the leader's log"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joint_configuration_needs_both_majorities() {
        let joint = Configuration::joint([1, 2, 3], [3, 4, 5]);
        assert!(!joint.has_quorum(|id| [1, 2].contains(&id)), "C_old only");
        assert!(!joint.has_quorum(|id| [4, 5].contains(&id)), "C_new only");
        assert!(joint.has_quorum(|id| [1, 3, 4].contains(&id)));
        assert_eq!(joint.members(), [1, 2, 3, 4, 5]);
        assert_eq!(joint.to_string(), "C{1,2,3}→{3,4,5}");
        assert_eq!(joint.incoming().to_string(), "C{3,4,5}");
    }

    #[test]
    fn a_candidate_needs_a_majority_and_no_single_number_while_joint() {
        assert_eq!(Configuration::new([1, 2, 3, 4, 5]).votes_needed(), Some(3));
        assert_eq!(Configuration::new([1, 2, 3, 4]).votes_needed(), Some(3));
        assert_eq!(Configuration::new([7]).votes_needed(), Some(1));
        assert_eq!(Configuration::joint([1, 2, 3], [3, 4, 5]).votes_needed(), None);
    }

    #[test]
    fn while_joint_a_tally_counts_each_set_apart() {
        let granted = |id: NodeId| [1, 3].contains(&id);
        assert_eq!(Configuration::joint([1, 2, 3], [3, 4, 5, 6]).joint_tallies(granted), Some([(2, 2), (1, 3)]));
        assert_eq!(Configuration::new([1, 2, 3]).joint_tallies(granted), None);
    }

    #[test]
    fn the_committed_index_is_the_lower_of_the_two_majorities() {
        let held = |id: NodeId| [0, 9, 9, 2, 2, 2][id as usize];
        assert_eq!(Configuration::new([1, 2, 3]).committed_index(held), 9);
        assert_eq!(Configuration::joint([1, 2, 3], [3, 4, 5]).committed_index(held), 2);
    }

    #[test]
    fn voters_are_sorted_and_counted_once() {
        let config = Configuration::new([3, 1, 3, 2]);
        assert_eq!(config.voters(), [1, 2, 3]);
        assert!(config.is_voter(2) && !config.is_voter(4) && !config.is_joint());
    }
}
