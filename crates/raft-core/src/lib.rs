//! Raft as a sans-I/O state machine, after Ongaro & Ousterhout, *In Search of an Understandable
//! Consensus Algorithm* (the paper; its Figure 2 is the specification).
//!
//! A [`Node`] is fully deterministic: it owns no clock, no random source and no I/O. The driver
//! (the simulator, a test, one day a real server) feeds it [`Input`]s with [`Node::handle`] and
//! then drains [`Output`]s with [`Node::poll_output`] until it returns `None`:
//!
//! - [`Output::Send`] asks the driver to deliver a [`Message`] to a peer;
//! - [`Output::SetTimer`] asks the driver to (re)arm the node's single timer. The driver picks the
//!   duration: a randomized election timeout (§5.2) or the fixed heartbeat interval. Arming a timer
//!   cancels the previous one, so a stale timer must never be fed back.
//! - [`Output::RoleChanged`] reports a transition, for traces and drawing.
//!
//! - [`Output::EntriesAppended`], [`Output::LogTruncated`], [`Output::Committed`] and
//!   [`Output::Applied`] report changes to the log and the state machine;
//! - [`Output::ClientResponse`] answers a client.
//!
//! Inputs come in three kinds: a message from a peer ([`Input::Message`]), a timer that fired
//! ([`Input::Timer`]), and a client request ([`Input::ClientRequest`]). A crash is the driver
//! dropping the node; a restart is [`Node::restore`] from its [`PersistentState`].
//!
//! The crate exports Raft and nothing else: the collections it keeps its state in come from
//! `playground-support` and stay private, so none of these compile:
//!
//! ```compile_fail
//! use raft_core::SortedMap;
//! ```
//! ```compile_fail
//! use raft_core::SortedSet;
//! ```
//! ```compile_fail
//! use raft_core::IdMap;
//! ```
//! ```compile_fail
//! use raft_core::ChunkedVec;
//! ```
//! ```compile_fail
//! use raft_core::quoted;
//! ```
#![forbid(unsafe_code)]

mod client;
mod command;
mod commit;
mod configuration;
mod election;
mod io;
mod leadership;
mod log;
mod membership;
mod message;
mod node;
mod options;
pub mod quorum;
mod reads;
mod replication;
mod role;
mod snapshot;
mod state_machine;
mod types;

pub use command::{Command, CommandError, Session, SetCommand, MAX_KEY_CHARS, MAX_VALUE_CHARS};
pub use configuration::{ChangeRefusal, Configuration, MembershipChange, MembershipMode};
pub use io::{ClientResult, ElectionCause, Input, LeaseStanding, Output, PreVoteRefusal, Timer, VoteRefusal};
pub use log::{Entry, Log, LogChange};
pub use membership::{CATCH_UP_ROUND_LIMIT, MAX_CATCH_UP_ROUNDS};
pub use message::{
    AppendEntries, AppendEntriesReply, ConflictHint, InstallSnapshot, InstallSnapshotReply, Message, MessageKind,
    RequestVote, RequestVoteReply, TimeoutNow,
};
pub use node::{Node, PersistentState};
pub use options::{RaftOptions, ReadMode, UnsafeRules};
pub use role::{Progress, RoleKind};
pub use snapshot::Snapshot;
pub use state_machine::KvStore;
pub use types::{LogIndex, Millis, NodeId, RequestId, Term};
