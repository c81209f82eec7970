//! Raft options that change how a node behaves. Timing (election timeout, heartbeat interval)
//! belongs to the driver, which arms the timers the node asks for.

/// How a node replicates and elects. Defaults follow the paper as our users read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaftOptions {
    /// The most entries one AppendEntries carries (at least 1).
    pub max_entries_per_append: u32,
    /// Append a no-op entry on becoming leader, so entries of earlier terms commit without
    /// waiting for a client write (§8; see §5.4.2 for why they cannot commit before).
    pub noop_on_election: bool,
    /// On a rejected AppendEntries the follower tells the leader the conflicting term and its
    /// first index, so nextIndex skips a whole term at once (the optimisation at the end of
    /// §5.3). Off: nextIndex walks back one entry per rejection, as the paper describes.
    pub conflict_hint: bool,
}

impl Default for RaftOptions {
    fn default() -> Self {
        RaftOptions { max_entries_per_append: 16, noop_on_election: true, conflict_hint: false }
    }
}
