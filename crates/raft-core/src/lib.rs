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
//! Inputs come in three kinds: a message from a peer ([`Input::Message`]), a timer that fired
//! ([`Input::Timer`]), and, in later versions, client requests and crash/restart.
#![forbid(unsafe_code)]

mod election;
mod io;
mod log;
mod message;
mod node;
mod replication;
mod role;
mod types;

pub use io::{Input, Output, Timer};
pub use log::{Entry, Log};
pub use message::{
    AppendEntries, AppendEntriesReply, Message, MessageKind, RequestVote, RequestVoteReply,
};
pub use node::{Node, PersistentState};
pub use role::RoleKind;
pub use types::{LogIndex, NodeId, Term};
