//! What the clients saw, as the linearizability checker reads it (thesis §6.3, Porcupine's
//! model of a key-value store): every write and read on a key, from invocation to response.

use raft_core::Command;

use crate::client::{OpKind, OpResult};
use crate::linearizability::{check, Access, Linearizability, Operation};
use crate::simulation::Simulation;

/// The id the history gives the write at position `i` of the initial logs (counting every
/// server's log in turn): such a write is not a client's, so it gets an id no client
/// operation reaches.
pub const INITIAL_LOG_WRITE_IDS: u64 = 1 << 48;

impl Simulation {
    /// The clients' reads and writes, for the checker. A write that was acknowledged ends at
    /// its answer; one whose outcome is unknown (a timeout, a lost leader, or no answer yet)
    /// may take effect at any time after it began, or never; one refused by every server it
    /// reached never took effect and is left out. A read counts only with its answer. Every
    /// write in a log the run started with is an unknown write at time 0: it may or may not
    /// be committed.
    pub fn client_history(&self) -> Vec<Operation> {
        let mut history = Vec::new();
        let initial_writes = self.initial_logs.iter().filter_map(|command| match command {
            Command::Set(set) => Some((set.key().to_owned(), set.value().to_owned())),
            _ => None,
        });
        for (i, (key, value)) in initial_writes.enumerate() {
            let id = INITIAL_LOG_WRITE_IDS + i as u64;
            history.push(Operation { id, key, access: Access::Write(value), invoked: 0, responded: None });
        }
        for op in self.client_ops() {
            let Some(key) = op.key.clone() else { continue };
            let (access, responded) = match (op.kind, op.result) {
                (OpKind::Write, Some(OpResult::Ok)) => (Access::Write(write_value(&op.command)), op.responded_ms),
                (OpKind::Write, None | Some(OpResult::Unknown | OpResult::Timeout)) => {
                    (Access::Write(write_value(&op.command)), None)
                }
                (OpKind::Read, Some(OpResult::Ok)) => (Access::Read(op.value.clone().flatten()), op.responded_ms),
                _ => continue,
            };
            history.push(Operation { id: op.id, key, access, invoked: op.invoked_ms, responded });
        }
        history
    }

    /// Whether what the clients saw so far is linearizable.
    pub fn linearizability(&self) -> Linearizability {
        check(&self.client_history(), &[])
    }
}

/// The value a write `key=value` sets.
fn write_value(command: &str) -> String {
    command.split_once('=').map(|(_, value)| value.to_owned()).unwrap_or_default()
}
