//! Leader election (§5.2) with the election restriction (§5.4.1), PreVote (thesis §9.6) and
//! the CheckQuorum guard against disruptive servers (thesis §4.2.3, §6.2).

use crate::command::Command;
use crate::io::{ElectionCause, Output, PreVoteRefusal, Timer, VoteRefusal};
use crate::message::{Message, RequestVote, RequestVoteReply, TimeoutNow};
use crate::node::Node;
use crate::role::{Candidate, Leader, Progress, Role};
use crate::types::{NodeId, Term};

impl Node {
    /// The election timer fired (or the driver fired it on purpose, in any role): campaign, or
    /// with PreVote first ask whether a campaign could win.
    ///
    /// Only a server that [may campaign](Node::may_campaign) does; the others wait.
    pub(crate) fn on_election_timer(&mut self) {
        if !self.may_campaign() {
            self.emit(Output::SetTimer(Timer::Election));
            return;
        }
        if self.options.pre_vote {
            self.start_pre_vote();
        } else {
            self.start_election(ElectionCause::Timeout);
        }
    }

    /// Whether this server starts elections. A voter of its latest configuration does. So does
    /// one left out of it while that configuration is not committed as far as it knows, if it
    /// voted in the configuration before: a leader removing itself may still be needed until
    /// C_new commits, for it may hold the only copy (thesis §4.2.2: "a server that is not part
    /// of its own latest configuration should still start new elections"); it does not count
    /// its own vote. A new server catching up, and one that knows its removal committed, wait.
    pub fn may_campaign(&self) -> bool {
        if self.config.is_voter(self.id) {
            return true;
        }
        if self.config_index == 0 || self.config_index <= self.commit_index {
            return false;
        }
        let log = &self.persistent.log;
        let previous = log.configuration_at_or_before(self.config_index - 1).map_or(&self.base, |(_, config)| config);
        previous.is_voter(self.id)
    }

    /// PreVote (thesis §9.6): become a pre-candidate and ask every peer whether it would vote
    /// for this server in the next term. Nothing changes but the role: not the term, not the
    /// vote, so a server cut off from the others cannot inflate its term and later depose a
    /// healthy leader by coming back.
    fn start_pre_vote(&mut self) {
        self.set_role(Role::PreCandidate(Candidate { votes: [self.id].into_iter().collect() }));
        self.leader_contact_at = None;
        self.emit_role_change();
        self.emit(Output::SetTimer(Timer::Election));
        let request = self.vote_request(self.persistent.current_term + 1, false);
        for peer in self.peers() {
            self.send(peer, Message::RequestPreVote(request.clone()));
        }
        self.start_election_on_pre_vote_quorum();
    }

    /// What this server asks for votes with, for `term`.
    fn vote_request(&self, term: Term, transfer: bool) -> RequestVote {
        RequestVote {
            term,
            candidate_id: self.id,
            last_log_index: self.persistent.log.last_index(),
            last_log_term: self.persistent.log.last_term(),
            transfer,
        }
    }

    /// Grants a pre-vote only for a term later than this server's, to a candidate whose log is
    /// at least as up to date (§5.4.1), and only if this server has not heard from a current
    /// leader within the shortest election timeout (thesis §9.6). Changes nothing here: not the
    /// term, not the vote, not the timer. A grant carries the asked term, a refusal this
    /// server's own.
    pub(crate) fn handle_request_pre_vote(&mut self, from: NodeId, request: RequestVote) {
        let term = self.persistent.current_term;
        let refusal = if let Some(leader) = self.leader_heard_recently() {
            Some(PreVoteRefusal::LeaderAlive { leader })
        } else if request.term <= term {
            Some(PreVoteRefusal::TermNotLater { own_term: term })
        } else if !self.log_is_acceptable(&request) {
            Some(PreVoteRefusal::LogBehind)
        } else {
            None
        };
        if let Some(reason) = refusal {
            self.emit(Output::PreVoteRefused { candidate: request.candidate_id, term: request.term, reason });
        }
        let vote_granted = refusal.is_none();
        let reply = RequestVoteReply { term: if vote_granted { request.term } else { term }, vote_granted };
        self.send(from, Message::RequestPreVoteReply(reply));
    }

    /// The election restriction (§5.4.1): the candidate's log is at least as up to date as this
    /// server's. Always true with the `no_election_restriction` switch.
    fn log_is_acceptable(&self, request: &RequestVote) -> bool {
        self.options.unsafe_rules.no_election_restriction
            || self.persistent.log.is_up_to_date(request.last_log_term, request.last_log_index)
    }

    /// Counts a pre-vote granted for the next term; a majority starts the real election.
    pub(crate) fn handle_request_pre_vote_reply(&mut self, from: NodeId, reply: RequestVoteReply) {
        if !reply.vote_granted || reply.term != self.persistent.current_term + 1 {
            return;
        }
        if let Role::PreCandidate(pre_candidate) = &mut self.role {
            pre_candidate.votes.insert(from);
            self.start_election_on_pre_vote_quorum();
        }
    }

    fn start_election_on_pre_vote_quorum(&mut self) {
        if matches!(&self.role, Role::PreCandidate(c) if self.config.has_quorum(|id| c.votes.contains(&id))) {
            self.start_election(ElectionCause::PreVotesWon);
        }
    }

    /// Whether this server heard from the leader of its term within the shortest election
    /// timeout (a leader has heard from itself): then it has no reason to want a new election.
    pub(crate) fn heard_from_leader_recently(&self) -> bool {
        self.leader_heard_recently().is_some()
    }

    /// The leader this server heard from within the shortest election timeout: itself if it
    /// leads.
    fn leader_heard_recently(&self) -> Option<NodeId> {
        match &self.role {
            Role::Leader(_) => Some(self.id),
            Role::Follower(follower) => follower.leader.filter(|_| {
                self.leader_contact_at
                    .is_some_and(|at| self.now.saturating_sub(at) < self.options.election_timeout_min_ms)
            }),
            Role::PreCandidate(_) | Role::Candidate(_) => None,
        }
    }

    /// The CheckQuorum guard (thesis §4.2.3, §6.2): while this server believes a current leader
    /// is alive, it ignores requests for votes (and pre-votes) of a later term, so a server that
    /// was cut off, or removed, cannot depose that leader. A transfer's election is let through:
    /// the leader asked for it.
    pub(crate) fn ignores_as_disruptive(&self, message: &Message) -> bool {
        let asks_for_votes = match message {
            Message::RequestVote(request) => !request.transfer,
            Message::RequestPreVote(_) => true,
            _ => false,
        };
        asks_for_votes && self.options.check_quorum && (self.heard_from_leader_recently() || self.guards_a_lease())
    }

    /// Says which request [`Node::ignores_as_disruptive`] ignored, and why.
    pub(crate) fn tell_ignored(&mut self, from: NodeId, message: &Message) {
        let pre_vote = matches!(message, Message::RequestPreVote(_));
        let (term, leader) = (message.term(), self.leader_heard_recently().or(self.lease_leader_heard_recently()));
        self.emit(Output::VoteRequestIgnored { candidate: from, term, pre_vote, leader });
    }

    /// A current leader's AppendEntries or InstallSnapshot reached this follower: the
    /// CheckQuorum guard counts from now, and so, with lease reads, does the lease's.
    pub(crate) fn heard_from_leader(&mut self, leader: NodeId) {
        self.leader_contact_at = Some(self.now);
        if self.options.read_mode == crate::ReadMode::Lease {
            self.lease_leader = Some((leader, self.now));
        }
    }

    /// With lease reads, the leader heard from within the shortest election timeout, in any
    /// term.
    fn lease_leader_heard_recently(&self) -> Option<NodeId> {
        let (leader, at) = self.lease_leader?;
        (self.now.saturating_sub(at) < self.options.election_timeout_min_ms).then_some(leader)
    }

    /// The lease's guard (thesis §6.4.1): a leader serving reads on its lease counts on every
    /// server that answered its round not to help elect another leader for the shortest
    /// election timeout. So, with lease reads, a server does not vote within that time of
    /// hearing from a leader, even once a later term has reached it by another message (a
    /// late answer from a server that moved on, say), which CheckQuorum's guard alone would
    /// let through, since it asks only about the leader of the current term; nor, having
    /// restarted within it, since it may have answered a round before crashing
    /// ([`Node::restarted`]).
    fn guards_a_lease(&self) -> bool {
        let min = self.options.election_timeout_min_ms;
        self.options.read_mode == crate::ReadMode::Lease
            && (self.restarted_at.is_some_and(|at| self.now.saturating_sub(at) < min)
                || self.lease_leader_heard_recently().is_some())
    }

    /// TimeoutNow from the leader of this term (thesis §3.10): campaign at once, skipping
    /// PreVote, with a request the CheckQuorum guard lets through.
    pub(crate) fn handle_timeout_now(&mut self, _from: NodeId, timeout: TimeoutNow) {
        let may_campaign = matches!(self.role, Role::Follower(_)) && self.config.is_voter(self.id);
        if timeout.term == self.persistent.current_term && may_campaign {
            self.start_election(ElectionCause::Transfer);
        }
    }

    /// Become a candidate of the next term, vote for itself and ask every peer for its vote
    /// (§5.2). Called in any role: a leader told to time out campaigns too. `cause` says why,
    /// and a transfer's election (thesis §3.10) is marked in its requests.
    pub(crate) fn start_election(&mut self, cause: ElectionCause) {
        let transfer = cause == ElectionCause::Transfer;
        self.emit(Output::Campaign { cause });
        self.persistent.current_term += 1;
        self.persistent.voted_for = Some(self.id);
        // Through `set_role`, so a leader told to time out answers the clients it kept waiting.
        self.set_role(Role::Candidate(Candidate { votes: [self.id].into_iter().collect() }));
        self.emit_role_change();
        self.leader_contact_at = None;
        self.emit(Output::SetTimer(Timer::Election));
        let request = self.vote_request(self.persistent.current_term, transfer);
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
        let rules = self.options.unsafe_rules;
        let free_to_vote = self.persistent.voted_for.is_none_or(|voted| {
            voted == request.candidate_id || (rules.vote_for_highest_id && request.candidate_id > voted)
        });
        let refusal = if request.term != term {
            Some(VoteRefusal::StaleTerm { request_term: request.term })
        } else if !free_to_vote {
            self.persistent.voted_for.map(VoteRefusal::VotedFor)
        } else if !self.log_is_acceptable(&request) {
            Some(VoteRefusal::LogBehind)
        } else {
            None
        };
        let vote_granted = refusal.is_none();
        match refusal {
            None => {
                let replaced = self.persistent.voted_for.filter(|&voted| voted != request.candidate_id);
                let log_behind = !self.persistent.log.is_up_to_date(request.last_log_term, request.last_log_index);
                self.persistent.voted_for = Some(request.candidate_id);
                self.emit(Output::SetTimer(Timer::Election));
                self.emit(Output::VoteGranted { candidate: request.candidate_id, term, replaced, log_behind });
            }
            Some(reason) => self.emit(Output::VoteRefused { candidate: request.candidate_id, term, reason }),
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
        // Votes count by the candidate's configuration (thesis §4.1); while joint, a majority
        // of C_old and of C_new (paper §6).
        let won = matches!(&self.role, Role::Candidate(c) if self.config.has_quorum(|id| c.votes.contains(&id)));
        if !won {
            return;
        }
        // Figure 2: nextIndex starts just past the leader's last entry, matchIndex at 0.
        let next_index = self.persistent.log.last_index() + 1;
        let progress = self.peers().into_iter().map(|peer| (peer, Progress::new(next_index))).collect();
        self.set_role(Role::Leader(Leader { progress, window_start: self.now, ..Leader::default() }));
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
