//! Leader election (§5.2) with the election restriction (§5.4.1).

use crate::command::Command;
use crate::io::{Output, Timer};
use crate::message::{Message, RequestVote, RequestVoteReply};
use crate::node::Node;
use crate::role::{Candidate, Leader, Progress, Role};
use crate::types::NodeId;

impl Node {
    /// The election timer fired: become a candidate of the next term, vote for itself and ask
    /// every peer for its vote (§5.2). Called in any role: a leader told to time out campaigns too.
    pub(crate) fn start_election(&mut self) {
        self.persistent.current_term += 1;
        self.persistent.voted_for = Some(self.id);
        // Through `set_role`, so a leader told to time out answers the clients it kept waiting.
        self.set_role(Role::Candidate(Candidate { votes: [self.id].into_iter().collect() }));
        self.emit_role_change();
        self.emit(Output::SetTimer(Timer::Election));
        let request = RequestVote {
            term: self.persistent.current_term,
            candidate_id: self.id,
            last_log_index: self.persistent.log.last_index(),
            last_log_term: self.persistent.log.last_term(),
        };
        for peer in self.peers() {
            self.send(peer, Message::RequestVote(request.clone()));
        }
        self.become_leader_on_quorum();
    }

    /// Grants the vote only if the request is of the current term, this node has not voted for
    /// someone else in it, and the candidate's log is at least as up to date as its own (§5.4.1).
    /// Granting a vote resets the election timer (Figure 2, "Followers").
    pub(crate) fn handle_request_vote(&mut self, from: NodeId, request: RequestVote) {
        let term = self.persistent.current_term;
        let free_to_vote = self.persistent.voted_for.is_none_or(|voted| voted == request.candidate_id);
        let vote_granted = request.term == term
            && free_to_vote
            && self.persistent.log.is_up_to_date(request.last_log_term, request.last_log_index);
        if vote_granted {
            self.persistent.voted_for = Some(request.candidate_id);
            self.emit(Output::SetTimer(Timer::Election));
        }
        self.send(from, Message::RequestVoteReply(RequestVoteReply { term, vote_granted }));
    }

    /// Counts a vote granted in the current term; a majority makes the candidate leader.
    pub(crate) fn handle_request_vote_reply(&mut self, from: NodeId, reply: RequestVoteReply) {
        if reply.term != self.persistent.current_term || !reply.vote_granted {
            return;
        }
        if let Role::Candidate(candidate) = &mut self.role {
            candidate.votes.insert(from);
            self.become_leader_on_quorum();
        }
    }

    fn become_leader_on_quorum(&mut self) {
        let won =
            matches!(&self.role, Role::Candidate(c) if crate::quorum::has_quorum(c.votes.len(), self.cluster.len()));
        if !won {
            return;
        }
        // Figure 2: nextIndex starts just past the leader's last entry, matchIndex at 0.
        let next_index = self.persistent.log.last_index() + 1;
        let progress = self.peers().into_iter().map(|peer| (peer, Progress { next_index, match_index: 0 })).collect();
        self.set_role(Role::Leader(Leader { progress, pending: Default::default(), deferred_reported: 0 }));
        self.emit_role_change();
        if self.options.noop_on_election {
            self.append_to_own_log(Command::Noop);
        }
        // §5.2: a new leader sends AppendEntries at once to establish its authority.
        self.broadcast_append_entries();
        self.emit(Output::SetTimer(Timer::Heartbeat));
        self.advance_commit_index();
    }
}
