//! What the trace hash is computed from: every event as a sequence of canonical tokens.
//! Numbers go in as themselves; kinds, roles, timers, results and errors as their stable
//! snake_case or RPC names; commands as their text. Never English prose or `Debug` output,
//! so rewording a message or an error never changes a hash (issue 13 changed the hash, once,
//! to this form).

use raft_core::{Command, CommandError};

use crate::action::{Action, ActionError};
use crate::client::OpResult;
use crate::network::{DropReason, PayloadKind};
use crate::trace::TraceEvent;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a's xor-and-multiply step, one 64-bit token at a time, then a xor-shift that brings
/// the high bits down (a multiply only carries low bits up, so without it differences in high
/// bits could cancel). Each step is a bijection of the running value, so two traces that
/// differ in one token always hash differently.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TokenHasher(u64);

impl TokenHasher {
    /// The hash of no tokens.
    pub(crate) fn new() -> Self {
        TokenHasher(FNV_OFFSET)
    }

    /// Goes on from an earlier [`TokenHasher::finish`].
    pub(crate) fn resume(hash: u64) -> Self {
        TokenHasher(hash)
    }

    /// The hash of the tokens so far.
    pub(crate) fn finish(self) -> u64 {
        self.0
    }

    /// A number.
    pub(crate) fn number(&mut self, value: u64) {
        let mixed = (self.0 ^ value).wrapping_mul(FNV_PRIME);
        self.0 = mixed ^ (mixed >> 32);
    }

    /// A name: one token, the FNV-1a hash of its bytes ([`name_token`]).
    pub(crate) fn name(&mut self, name: &str) {
        self.number(name_token(name));
    }

    /// A text: its length in bytes, then each byte.
    pub(crate) fn text(&mut self, text: &str) {
        self.number(text.len() as u64);
        for byte in text.bytes() {
            self.number(u64::from(byte));
        }
    }

    /// Whether an optional value is there (0 or 1), as a token before it.
    fn present(&mut self, present: bool) {
        self.number(u64::from(present));
    }
}

/// A name as one token: FNV-1a over its bytes. A `const fn`, so the names of events cost
/// nothing at run time.
pub(crate) const fn name_token(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

/// A literal name as a token computed at compile time.
macro_rules! name {
    ($hasher:expr, $name:literal) => {
        $hasher.number(const { name_token($name) })
    };
}

/// The token of a name from a closed set, each computed at compile time: `$value` is matched
/// against every listed variant (the match is exhaustive, so a new variant must be listed) and
/// the token is that of `$name(variant)`.
macro_rules! enum_token {
    ($value:expr, $name:path, $($variant:path),+ $(,)?) => {
        match $value {
            $($variant => const { name_token($name($variant)) },)+
        }
    };
}

/// The token of a message kind.
fn kind_token(kind: PayloadKind) -> u64 {
    use PayloadKind::*;
    enum_token!(
        kind,
        PayloadKind::as_str,
        RequestVote,
        RequestVoteReply,
        AppendEntries,
        AppendEntriesReply,
        ClientRequest,
        ClientResponse,
        RequestPreVote,
        RequestPreVoteReply,
        TimeoutNow,
        InstallSnapshot,
        InstallSnapshotReply
    )
}

/// The token of why a message was lost.
fn reason_token(reason: DropReason) -> u64 {
    use DropReason::*;
    enum_token!(reason, DropReason::as_str, Loss, Partition, Cut, ReceiverDown, User)
}

/// The token of a client's result.
fn result_token(result: OpResult) -> u64 {
    use OpResult::*;
    enum_token!(result, OpResult::name, Ok, NoLeader, Unknown, Timeout, Refused)
}

/// The token of a timer's or a role's name: the common ones at compile time.
fn word_token(word: &str) -> u64 {
    match word {
        "election" => const { name_token("election") },
        "heartbeat" => const { name_token("heartbeat") },
        "follower" => const { name_token("follower") },
        "candidate" => const { name_token("candidate") },
        "leader" => const { name_token("leader") },
        other => name_token(other),
    }
}

/// A value that feeds canonical tokens into the trace hash.
pub(crate) trait Tokens {
    /// Adds this value's tokens.
    fn tokens(&self, hasher: &mut TokenHasher);
}

impl Tokens for TraceEvent {
    fn tokens(&self, h: &mut TokenHasher) {
        match self {
            TraceEvent::Send { at, id, from, to, kind, term, deliver_at } => {
                name!(h, "send");
                [*at, *id, (*from).into(), (*to).into()].into_iter().for_each(|n| h.number(n));
                h.number(kind_token(*kind));
                h.number(*term);
                h.number(*deliver_at);
            }
            TraceEvent::Duplicate { at, id, of, deliver_at, .. } => {
                name!(h, "duplicate");
                [*at, *id, *of, *deliver_at].into_iter().for_each(|n| h.number(n));
            }
            TraceEvent::Deliver { at, id, .. } => {
                name!(h, "deliver");
                h.number(*at);
                h.number(*id);
            }
            TraceEvent::Drop { at, id, reason, .. } => {
                name!(h, "drop");
                h.number(*at);
                h.number(*id);
                h.number(reason_token(*reason));
            }
            TraceEvent::Timer { at, node, timer } => {
                name!(h, "timer");
                h.number(*at);
                h.number((*node).into());
                h.number(word_token(timer));
            }
            TraceEvent::TimerSet { at, node, timer, deadline } => {
                name!(h, "timer_set");
                h.number(*at);
                h.number((*node).into());
                h.number(word_token(timer));
                h.number(*deadline);
            }
            TraceEvent::Action { at, action, error } => {
                name!(h, "action");
                h.number(*at);
                action.tokens(h);
                h.present(error.is_some());
                if let Some(error) = error {
                    error.tokens(h);
                }
            }
            TraceEvent::Role { at, node, role, term } => {
                name!(h, "role");
                h.number(*at);
                h.number((*node).into());
                h.number(word_token(role));
                h.number(*term);
            }
            TraceEvent::Append { at, node, first, last } => {
                name!(h, "append");
                [*at, (*node).into(), *first, *last].into_iter().for_each(|n| h.number(n));
            }
            TraceEvent::Truncate { at, node, last_kept } => {
                name!(h, "truncate");
                [*at, (*node).into(), *last_kept].into_iter().for_each(|n| h.number(n));
            }
            TraceEvent::Commit { at, node, index } => {
                name!(h, "commit");
                [*at, (*node).into(), *index].into_iter().for_each(|n| h.number(n));
            }
            TraceEvent::Apply { at, node, index, term, command } => {
                name!(h, "apply");
                [*at, (*node).into(), *index, *term].into_iter().for_each(|n| h.number(n));
                command.tokens(h);
            }
            TraceEvent::Snapshot { at, node, index, term, from } => {
                name!(h, "snapshot");
                [*at, (*node).into(), *index, *term, from.map_or(0, u64::from)].into_iter().for_each(|n| h.number(n));
            }
            TraceEvent::Crash { at, node } => {
                name!(h, "crash");
                h.number(*at);
                h.number((*node).into());
            }
            TraceEvent::Restart { at, node } => {
                name!(h, "restart");
                h.number(*at);
                h.number((*node).into());
            }
            TraceEvent::ClientRequest { at, op, node, command } => {
                name!(h, "client_request");
                [*at, *op, (*node).into()].into_iter().for_each(|n| h.number(n));
                h.text(command);
            }
            TraceEvent::ClientResponse { at, op, result } => {
                name!(h, "client_response");
                h.number(*at);
                h.number(*op);
                h.number(result_token(*result));
            }
        }
    }
}

/// The action's name as scenario files write it in `do`, then its fields.
impl Tokens for Action {
    fn tokens(&self, h: &mut TokenHasher) {
        h.name(self.name());
        match self {
            Action::Timeout { node }
            | Action::Crash { node }
            | Action::Restart { node }
            | Action::Transfer { node }
            | Action::Snapshot { node }
            | Action::AddServer { node }
            | Action::RemoveServer { node }
            | Action::Heartbeat { node } => h.number((*node).into()),
            Action::Scheduler { mode } => h.name(mode.name()),
            Action::Reconfigure { voters } => ids(h, voters),
            // Client 1 adds no token, so runs from before clients had names hash the same.
            Action::Write { node, command, client } => {
                h.number((*node).into());
                h.text(command);
                if *client != 1 {
                    h.number((*client).into());
                }
            }
            Action::Read { node, key, client } => {
                h.number((*node).into());
                h.text(key);
                h.number((*client).into());
            }
            Action::Partition { groups } => {
                h.number(groups.len() as u64);
                for group in groups {
                    h.number(group.len() as u64);
                    group.iter().for_each(|&node| h.number(node.into()));
                }
            }
            Action::Heal {} => {}
            Action::Cut { from, to } | Action::Mend { from, to } => {
                h.number((*from).into());
                h.number((*to).into());
            }
            Action::Drop { message } | Action::Duplicate { message } | Action::Deliver { message } => {
                h.number(*message)
            }
            Action::Loss { probability } => h.number(probability.to_bits()),
            Action::Latency { range_ms: [low, high] } => {
                h.number(*low);
                h.number(*high);
            }
            Action::Workload { client, every_ms } => {
                h.number((*client).into());
                h.number(*every_ms);
            }
            Action::Clock { node, percent } => {
                h.number((*node).into());
                h.number((*percent).into());
            }
        }
    }
}

/// The error's code, then the server, message or character it names.
impl Tokens for ActionError {
    fn tokens(&self, h: &mut TokenHasher) {
        h.name(self.code());
        match self {
            ActionError::NoSuchNode(node)
            | ActionError::NodeDown(node)
            | ActionError::NodeUp(node)
            | ActionError::AlreadyLeader(node)
            | ActionError::NotVoter(node)
            | ActionError::NothingToSnapshot(node)
            | ActionError::NotLeader(node) => {
                h.number((*node).into());
            }
            ActionError::NoSuchMessage(id) | ActionError::ClientMessage(id) => h.number(*id),
            ActionError::NoSuchClient(client) => h.number((*client).into()),
            ActionError::BadWorkloadInterval(ms) => h.number(*ms),
            ActionError::BadClockSpeed(percent) => h.number((*percent).into()),
            ActionError::BadCommand(error) => error.tokens(h),
            ActionError::InTwoGroups(_)
            | ActionError::SelfLink(_)
            | ActionError::BadProbability(_)
            | ActionError::BadLatency(_)
            | ActionError::NoLeader
            | ActionError::NoServerRunning => {}
        }
    }
}

impl Tokens for CommandError {
    fn tokens(&self, h: &mut TokenHasher) {
        h.name(self.code());
        if let CommandError::BadKeyChar(c) | CommandError::FormatChar(c) = self {
            h.number(u64::from(u32::from(*c)));
        }
    }
}

/// `no_op`, `blank`, or `set` and the command's text.
impl Tokens for Command {
    fn tokens(&self, h: &mut TokenHasher) {
        match self {
            Command::Noop => name!(h, "no_op"),
            Command::Blank => name!(h, "blank"),
            Command::Set(set) => {
                name!(h, "set");
                h.text(set.as_str());
            }
            Command::Get(key) => {
                name!(h, "get");
                h.text(key);
            }
            Command::Configuration(config) => {
                name!(h, "configuration");
                ids(h, config.voters());
                ids(h, config.old_voters().unwrap_or_default());
            }
        }
    }
}

/// A list of servers: its length, then each id.
fn ids(h: &mut TokenHasher, ids: &[raft_core::NodeId]) {
    h.number(ids.len() as u64);
    ids.iter().for_each(|&id| h.number(id.into()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of(event: &TraceEvent) -> u64 {
        let mut hasher = TokenHasher::new();
        event.tokens(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn one_token_is_fnv1a_s_step_over_it_then_a_xor_shift() {
        let mut hasher = TokenHasher::new();
        hasher.number(7);
        let step = (FNV_OFFSET ^ 7).wrapping_mul(FNV_PRIME);
        assert_eq!(hasher.finish(), step ^ (step >> 32));
    }

    #[test]
    fn differences_in_high_bits_do_not_cancel() {
        let hash = |tokens: [u64; 3]| {
            let mut hasher = TokenHasher::new();
            tokens.into_iter().for_each(|token| hasher.number(token));
            hasher.finish()
        };
        let (low, high) = (0.1f64.to_bits(), 0.2f64.to_bits());
        assert_ne!(hash([low, 5, high]), hash([high, 5, low]));
        assert_ne!(hash([1 << 63, 0, 1 << 63]), hash([0, 0, 0]));
    }

    #[test]
    fn every_field_that_tells_events_apart_changes_the_hash() {
        let crash = TraceEvent::Crash { at: 5, node: 1 };
        let restart = TraceEvent::Restart { at: 5, node: 1 };
        assert_ne!(hash_of(&crash), hash_of(&restart));
        assert_ne!(hash_of(&crash), hash_of(&TraceEvent::Crash { at: 5, node: 2 }));
        assert_ne!(hash_of(&crash), hash_of(&TraceEvent::Crash { at: 6, node: 1 }));
        let apply = |command| TraceEvent::Apply { at: 1, node: 1, index: 2, term: 1, command };
        let noop = hash_of(&apply(Command::Noop));
        assert_ne!(noop, hash_of(&apply(Command::Blank)));
        assert_ne!(noop, hash_of(&apply(Command::parse("x=1").unwrap())));
    }

    #[test]
    fn texts_are_delimited_by_their_length() {
        let request = |command: &str| TraceEvent::ClientRequest { at: 0, op: 1, node: 1, command: command.into() };
        assert_ne!(hash_of(&request("ab")), hash_of(&request("a")));
    }

    #[test]
    fn a_refused_action_hashes_its_error_code_not_its_wording() {
        let refused = |error| TraceEvent::Action { at: 0, action: Action::Crash { node: 2 }, error: Some(error) };
        let down = hash_of(&refused(ActionError::NodeDown(2)));
        assert_ne!(down, hash_of(&refused(ActionError::NodeUp(2))));
        assert_ne!(down, hash_of(&TraceEvent::Action { at: 0, action: Action::Crash { node: 2 }, error: None }));
        let groups = |error| hash_of(&refused(error));
        assert_eq!(groups(ActionError::InTwoGroups(2)), groups(ActionError::SelfLink(3)), "as when both were one");
    }
}
