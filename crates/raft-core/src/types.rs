//! The integers Raft counts with. Plain aliases keep arithmetic readable; they are `u64`/`u32`
//! everywhere (never `usize`) so that traces hash the same on every target.

/// A server's identity, 1-based as in the paper's figures (S1 … S5).
pub type NodeId = u32;

/// A Raft term (§5.1): a logical clock that only grows.
pub type Term = u64;

/// A 1-based position in the log; 0 means "before the first entry".
pub type LogIndex = u64;

/// Identifies a client request, chosen by the client, echoed in the response.
pub type RequestId = u64;

/// Time in milliseconds, as the driver tells it with each input: the node never reads a clock.
pub type Millis = u64;
