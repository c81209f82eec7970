//! Client requests (§8): only the leader appends; everyone else points at the leader it knows.

use crate::command::Command;
use crate::io::{ClientResult, Output};
use crate::log::Entry;
use crate::node::Node;
use crate::role::Role;
use crate::types::{LogIndex, RequestId};

impl Node {
    /// A leader appends the command, replicates it at once and answers once it is applied; a
    /// follower or candidate answers at once with the leader it knows, if any, and a leader
    /// handing over (thesis §3.10) with its successor.
    pub(crate) fn handle_client_request(&mut self, request_id: RequestId, command: Command) {
        if let Command::Get(key) = &command {
            if self.handle_read(request_id, key) {
                return;
            }
        }
        if self.refuse_unless_leading(request_id) {
            return;
        }
        let index = self.append_to_own_log(command);
        if let Role::Leader(leader) = &mut self.role {
            leader.pending.insert(index, request_id);
        }
        self.broadcast_new_entries();
        self.advance_commit_index();
    }

    /// Answers a client request that this server cannot take: not leading (pointing at the
    /// leader it knows, if any), or handing over (pointing at its successor). Returns whether
    /// it answered.
    pub(crate) fn refuse_unless_leading(&mut self, request_id: RequestId) -> bool {
        if !matches!(self.role, Role::Leader(_)) {
            let result = ClientResult::NotLeader { leader: self.leader() };
            self.emit(Output::ClientResponse { request_id, result });
            return true;
        }
        self.refuse_during_transfer(request_id)
    }

    /// A leader appends an entry of its term to its own log (Leader Append-Only, §5.3).
    pub(crate) fn append_to_own_log(&mut self, command: Command) -> LogIndex {
        let term = self.persistent.current_term;
        let index = self.persistent.log.push(Entry { term, command });
        self.emit(Output::EntriesAppended { first: index, last: index });
        self.update_configuration(None, Some((index, index)));
        index
    }
}
