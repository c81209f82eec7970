//! What a majority of one set of voters is (§5.2, §5.3). [`Configuration`](crate::Configuration)
//! builds on it: while joint consensus is in force (§6) it asks for a majority of C_old and of
//! C_new separately.

use crate::types::LogIndex;

/// How many of `voters` servers make a majority: more than half.
pub fn majority(voters: usize) -> usize {
    voters / 2 + 1
}

/// Whether `granted` servers out of `voters` are a majority.
pub fn has_quorum(granted: usize, voters: usize) -> bool {
    granted >= majority(voters)
}

/// The highest log index that a majority of servers hold, given each server's highest
/// replicated index (its matchIndex; the leader's own last index). 0 when there are none.
///
/// Clusters are small, so this counts instead of sorting: no allocation on the path every
/// AppendEntries reply takes.
pub fn majority_index<I>(indexes: I) -> LogIndex
where
    I: Iterator<Item = LogIndex> + Clone,
{
    let voters = indexes.clone().count();
    let held_by_majority = |index: LogIndex| has_quorum(indexes.clone().filter(|&held| held >= index).count(), voters);
    indexes.clone().filter(|&index| held_by_majority(index)).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_majority_is_more_than_half() {
        assert_eq!([1, 2, 3, 4, 5, 9].map(majority), [1, 2, 2, 3, 3, 5]);
        assert!(has_quorum(3, 5));
        assert!(!has_quorum(2, 4));
    }

    #[test]
    fn the_majority_index_is_the_median_from_the_top() {
        assert_eq!(majority_index([7, 1, 5, 5, 2].into_iter()), 5);
        assert_eq!(majority_index([7, 1, 5, 2].into_iter()), 2);
        assert_eq!(majority_index([4].into_iter()), 4);
        assert_eq!(majority_index(std::iter::empty()), 0);
        assert_eq!(majority_index([9, 9, 0, 0, 0].into_iter()), 0);
    }
}
