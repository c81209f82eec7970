//! Membership changes (paper §6, thesis chapter 4): a leader catches new servers up as
//! learners, then appends the new configuration — directly, one server at a time (thesis §4.1),
//! or through the joint configuration C_old,new (paper §6, thesis §4.3).

use crate::command::Command;
use crate::configuration::{ChangeRefusal, Configuration, MembershipChange, MembershipMode};
use crate::io::{ClientResult, Output};
use crate::node::Node;
use crate::role::{CatchUp, PendingChange, Progress, Role};
use crate::types::{LogIndex, NodeId, RequestId};

/// How many rounds a new server may take to catch up before the change is given up (thesis
/// §4.2.1 suggests a fixed number).
pub const MAX_CATCH_UP_ROUNDS: u32 = 10;

/// How many shortest election timeouts one catch-up round may last before the change is given
/// up: a new server that is down or cut off never finishes its first round.
pub const CATCH_UP_ROUND_LIMIT: u64 = 10;

impl Node {
    /// A client asks for a membership change. A leader checks it can be done now, catches any
    /// new server up as a learner, then appends the configuration; everyone else points at the
    /// leader it knows. The client is answered once the change is committed.
    pub(crate) fn handle_membership_change(&mut self, request_id: RequestId, change: MembershipChange) {
        if self.refuse_unless_leading(request_id) {
            return;
        }
        let target = match self.change_target(&change) {
            Ok(target) => target,
            Err(refusal) => {
                self.emit(Output::ClientResponse { request_id, result: ClientResult::ChangeRefused(refusal) });
                return;
            }
        };
        let learners: Vec<NodeId> = target.voters().iter().copied().filter(|&id| !self.config.is_voter(id)).collect();
        let round = CatchUp { number: 1, until: self.persistent.log.last_index(), started_at: self.now };
        if let Role::Leader(leader) = &mut self.role {
            let learners = learners.clone();
            leader.change = Some(Box::new(PendingChange { request_id, target, learners, round, caught_up: false }));
        }
        self.sync_progress();
        for learner in learners {
            self.send_append_entries(learner);
        }
        self.advance_membership_change();
    }

    /// The configuration `change` asks for, or why it cannot be taken now.
    fn change_target(&self, change: &MembershipChange) -> Result<Configuration, ChangeRefusal> {
        let uncommitted = self.config_index > self.commit_index;
        let busy = matches!(&self.role, Role::Leader(leader) if leader.change.is_some());
        if busy || uncommitted || self.config.is_joint() {
            return Err(ChangeRefusal::InProgress);
        }
        let voters = self.config.voters();
        let target = match change {
            MembershipChange::Add(id) if voters.contains(id) => return Err(ChangeRefusal::AlreadyVoter(*id)),
            MembershipChange::Add(id) => Configuration::new(voters.iter().copied().chain([*id])),
            MembershipChange::Remove(id) if !voters.contains(id) => return Err(ChangeRefusal::NotVoter(*id)),
            MembershipChange::Remove(id) => Configuration::new(voters.iter().copied().filter(|v| v != id)),
            MembershipChange::Reconfigure(new) => Configuration::new(new.iter().copied()),
        };
        if target.voters().is_empty() {
            return Err(ChangeRefusal::NoVoterLeft);
        }
        if target.voters() == voters {
            return Err(ChangeRefusal::Unchanged);
        }
        let differing = target.members().iter().filter(|&&id| !voters.contains(&id)).count()
            + voters.iter().filter(|&&id| !target.is_voter(id)).count();
        if self.options.membership == MembershipMode::Single && differing > 1 {
            return Err(ChangeRefusal::MoreThanOne);
        }
        Ok(target)
    }

    /// Moves a leader's membership change on, whenever something it waits for may have
    /// happened (a learner's progress, a commit, a heartbeat):
    /// - C_old,new committed: append C_new (paper §6), whoever started the change;
    /// - learners caught up, in rounds (thesis §4.2.1): a round replicates the leader's log as
    ///   it was when the round began; one that ends within an election timeout means the
    ///   learner keeps up, otherwise another round begins, up to [`MAX_CATCH_UP_ROUNDS`];
    /// - append the configuration only once this leader has committed an entry of its own term
    ///   (the rule Ongaro added in 2015: without it, changes racing across terms can let two
    ///   disjoint majorities commit different entries at one index).
    pub(crate) fn advance_membership_change(&mut self) {
        let Role::Leader(leader) = &self.role else { return };
        if leader.change.is_none() && !self.config.is_joint() {
            return;
        }
        if self.config.is_joint() && self.config_index <= self.commit_index {
            let request = self.take_change_request();
            let index = self.append_to_own_log(Command::Configuration(self.config.incoming().into()));
            self.answer_when_committed(index, request);
            self.broadcast_new_entries();
            self.advance_commit_index();
            return;
        }
        let (now, last_index, window) =
            (self.now, self.persistent.log.last_index(), self.options.election_timeout_min_ms);
        if self.config.is_joint() || self.config_index > self.commit_index {
            return; // a change's entry is appended and not yet committed
        }
        let Role::Leader(leader) = &mut self.role else { return };
        let Some(change) = &mut leader.change else { return };
        if !change.caught_up {
            let progress = &leader.progress;
            let matched = |id: &NodeId| progress.get(id).map_or(0, |p| p.match_index);
            if change.learners.iter().any(|id| matched(id) < change.round.until) {
                return;
            }
            if !change.learners.is_empty() && now.saturating_sub(change.round.started_at) >= window {
                if change.round.number >= MAX_CATCH_UP_ROUNDS {
                    let learner = change.learners[0];
                    self.give_up_change(ChangeRefusal::CatchUpFailed(learner));
                } else {
                    change.round = CatchUp { number: change.round.number + 1, until: last_index, started_at: now };
                }
                return;
            }
            change.caught_up = true;
            let learners = change.learners.clone();
            for node in learners {
                self.emit(Output::CaughtUp { node });
            }
        }
        let current_term = self.persistent.current_term;
        let term_committed = self.persistent.log.term_at(self.commit_index) == Some(current_term);
        if !term_committed && !self.options.unsafe_rules.reconfig_before_term_commit {
            return;
        }
        let Role::Leader(leader) = &mut self.role else { return };
        let Some(change) = &mut leader.change else { return };
        let entry = match self.options.membership {
            MembershipMode::Single => change.target.clone(),
            MembershipMode::Joint => {
                Configuration::joint(self.config.voters().iter().copied(), change.target.voters().iter().copied())
            }
        };
        // The learners become voters through the entry; a joint change keeps its client
        // waiting for C_new.
        change.learners.clear();
        let request = if entry.is_joint() { None } else { self.take_change_request() };
        let index = self.append_to_own_log(Command::Configuration(entry.into()));
        self.answer_when_committed(index, request);
        self.broadcast_new_entries();
        self.advance_commit_index();
    }

    /// A learner that is down or cut off never finishes a round: give the change up after
    /// [`CATCH_UP_ROUND_LIMIT`] election timeouts in one round. Checked at each heartbeat.
    pub(crate) fn check_catch_up_deadline(&mut self) {
        let limit = self.options.election_timeout_min_ms.saturating_mul(CATCH_UP_ROUND_LIMIT);
        let now = self.now;
        let Role::Leader(leader) = &self.role else { return };
        let Some(change) = &leader.change else { return };
        if change.caught_up || change.learners.is_empty() || now.saturating_sub(change.round.started_at) < limit {
            return;
        }
        let stuck = change
            .learners
            .iter()
            .copied()
            .find(|id| leader.progress.get(id).is_none_or(|p| p.match_index < change.round.until));
        if let Some(learner) = stuck {
            self.give_up_change(ChangeRefusal::CatchUpFailed(learner));
        }
    }

    /// Drops the change under way and tells its client why; the learners stop being sent to.
    fn give_up_change(&mut self, refusal: ChangeRefusal) {
        let Role::Leader(leader) = &mut self.role else { return };
        let Some(change) = leader.change.take() else { return };
        self.emit(Output::ClientResponse {
            request_id: change.request_id,
            result: ClientResult::ChangeRefused(refusal),
        });
        self.sync_progress();
    }

    /// The change's client, once its last entry is about to be appended.
    fn take_change_request(&mut self) -> Option<RequestId> {
        let Role::Leader(leader) = &mut self.role else { return None };
        leader.change.take().map(|change| change.request_id)
    }

    fn answer_when_committed(&mut self, index: LogIndex, request: Option<RequestId>) {
        if let (Some(request_id), Role::Leader(leader)) = (request, &mut self.role) {
            leader.pending.insert(index, request_id);
        }
    }

    /// A leader that is not in the configuration it just committed steps down (paper §6,
    /// thesis §4.2.2): until then it managed the cluster without counting itself.
    pub(crate) fn step_down_if_removed(&mut self) {
        let removed =
            !self.config.is_joint() && !self.config.is_voter(self.id) && self.config_index <= self.commit_index;
        if removed && matches!(self.role, Role::Leader(_)) {
            self.emit(Output::LeftConfiguration);
            self.become_follower(None);
        }
    }

    /// Takes the configuration from the log after it changed (thesis §4.1: the latest entry
    /// counts, committed or not; a truncated one gives way to the one before it, or to the
    /// configuration the cluster started with).
    pub(crate) fn update_configuration(
        &mut self,
        truncated_to: Option<LogIndex>,
        appended: Option<(LogIndex, LogIndex)>,
    ) {
        let log = &self.persistent.log;
        let mut found = appended.and_then(|(first, last)| {
            (first..=last)
                .rev()
                .find_map(|at| log.entry(at)?.command.configuration().map(|config| (at, config.clone())))
        });
        if found.is_none() && truncated_to.is_some_and(|kept| self.config_index > kept) {
            let kept = truncated_to.unwrap_or(0);
            let earlier = log.configuration_at_or_before(kept).map(|(at, config)| (at, config.clone()));
            // Before the log: the snapshot's configuration (at its index), or the first one (0).
            found = Some(earlier.unwrap_or_else(|| (log.snapshot_index(), self.base.clone())));
        }
        let Some((index, config)) = found else { return };
        self.config_index = index;
        if config != self.config {
            self.config = config;
            self.emit(Output::ConfigurationChanged { index });
        }
        self.sync_progress();
    }

    /// A leader tracks the progress of every member and learner, and of no one else: a new
    /// one starts as Figure 2 says (nextIndex just past the leader's log, matchIndex 0).
    pub(crate) fn sync_progress(&mut self) {
        let peers = self.peers();
        let next_index = self.persistent.log.last_index() + 1;
        let Role::Leader(leader) = &mut self.role else { return };
        let gone: Vec<NodeId> = leader.progress.keys().copied().filter(|id| !peers.contains(id)).collect();
        for id in gone {
            leader.progress.remove(&id);
        }
        for peer in peers {
            if !leader.progress.contains_key(&peer) {
                leader.progress.insert(peer, Progress::new(next_index));
            }
        }
    }

    /// The new servers a leader is catching up, not voting yet (thesis §4.2.1); empty on
    /// other servers.
    pub fn learners(&self) -> &[NodeId] {
        match &self.role {
            Role::Leader(leader) => leader.change.as_ref().map_or(&[], |change| &change.learners),
            _ => &[],
        }
    }
}
