//! What the playground's crates share that is not Raft: collections chosen for a simulator
//! that clones whole clusters at every checkpoint and must iterate deterministically, and the
//! way messages quote what a user typed.
//!
//! - [`SortedMap`] / [`SortedSet`]: one sorted vector, for maps that stay small (a leader's
//!   peers, partition groups, leaders by term).
//! - [`IdMap`]: values by ids handed out by a counter (messages in flight, waiting writes).
//! - [`ChunkedVec`]: an append-mostly vector whose clones share their full chunks (logs,
//!   histories).
//! - [`quoted`]: a text in double quotes with odd characters escaped and cut short.
//!
//! Each exists because a benchmark in BENCHMARKS.md showed the standard collection cost more
//! time, memory or page weight where it is used.
#![forbid(unsafe_code)]

mod chunked;
mod id_map;
mod quote;
mod sorted_map;

pub use chunked::ChunkedVec;
pub use id_map::IdMap;
pub use quote::{quoted, QUOTED_CHARS};
pub use sorted_map::{SortedMap, SortedSet};
