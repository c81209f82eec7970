//! The clients' steady writes (the `workload` action): a client that writes on its own, one
//! write every so many milliseconds, so that replication, commitment and a crash's effect on
//! clients can be watched without clicking Send again and again.

use raft_core::NodeId;
use raft_scenario::ClientId;

use crate::action::ActionError;
use crate::client::OpResult;
use crate::simulation::{Event, Simulation};
use crate::time::Millis;

/// The key client `client` writes on its own: `x` for client 1, `y` for 2, `z` for 3.
pub fn workload_key(client: ClientId) -> &'static str {
    ["x", "y", "z"].get(client.wrapping_sub(1) as usize).copied().unwrap_or("x")
}

/// One client's steady writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Workload {
    /// The time between two writes; 0 while the client does not write on its own.
    every_ms: Millis,
    /// Bumped at every change, so that a tick armed before it is ignored.
    generation: u64,
    /// How many writes it has sent this way: the next value it writes is one more.
    sent: u64,
    /// The server that answered its latest successful operation, until one fails there.
    leader: Option<NodeId>,
}

impl Simulation {
    /// From now on, client `client` writes every `every_ms` (0 stops it): the first write as
    /// soon as the events of this moment have run.
    pub fn set_workload(&mut self, client: ClientId, every_ms: Millis) -> Result<(), ActionError> {
        if !raft_scenario::is_client(client) {
            return Err(ActionError::NoSuchClient(client));
        }
        if !raft_scenario::is_workload_interval(every_ms) {
            return Err(ActionError::BadWorkloadInterval(every_ms));
        }
        let workload = &mut self.workloads[(client - 1) as usize];
        workload.every_ms = every_ms;
        workload.generation += 1;
        if every_ms > 0 {
            let generation = workload.generation;
            self.queue.push(self.now, Event::WorkloadTick { client, generation });
        }
        Ok(())
    }

    /// How often client `client` writes on its own, if it does.
    pub fn workload(&self, client: ClientId) -> Option<Millis> {
        let index = usize::try_from(client).ok()?.checked_sub(1)?;
        self.workloads.get(index).map(|w| w.every_ms).filter(|&every| every > 0)
    }

    /// Client `client`'s next steady write, if the tick is the latest one armed for it; and
    /// the tick after it.
    pub(crate) fn workload_tick(&mut self, client: ClientId, generation: u64) {
        let Some(workload) = self.workloads.get_mut((client - 1) as usize) else { return };
        if workload.generation != generation || workload.every_ms == 0 {
            return;
        }
        workload.sent += 1;
        let (sent, every_ms) = (workload.sent, workload.every_ms);
        let command = format!("{}={sent}", workload_key(client));
        let node = self.workload_target(client, sent);
        // The node exists and the command is well formed: the write cannot be refused.
        let _ = self.write(node, &command, client);
        self.queue.push(self.now.saturating_add(every_ms), Event::WorkloadTick { client, generation });
    }

    /// What client `client` learns from an operation that ended with `result` at `server`
    /// (the last server it asked): the leader, on success (§8: a client caches it); that
    /// the leader it knew may be gone, if it failed there.
    pub(crate) fn workload_learns(&mut self, client: ClientId, server: NodeId, result: OpResult) {
        let Some(workload) = self.workloads.get_mut((client - 1) as usize) else { return };
        if result == OpResult::Ok {
            workload.leader = Some(server);
        } else if workload.leader == Some(server) {
            workload.leader = None;
        }
    }

    /// Where client `client` sends its `sent`-th steady write: to the leader it knows; knowing
    /// none, to the servers in turn, as a client tries them until one answers or redirects.
    fn workload_target(&self, client: ClientId, sent: u64) -> NodeId {
        let known = self.workloads[(client - 1) as usize].leader.filter(|&node| self.index_of(node).is_some());
        known.unwrap_or_else(|| {
            let servers = self.node_ids();
            servers[((sent - 1) % servers.len() as u64) as usize]
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Action, OpResult, SimBuilder};

    #[test]
    fn a_steady_client_writes_its_key_to_the_leader_it_learns() {
        let mut sim = SimBuilder::new(7).build().unwrap();
        sim.run_until(1_000);
        let leader = sim.leader().expect("a leader by 1 s");
        sim.apply(Action::Workload { client: 2, every_ms: 100 }).unwrap();
        assert_eq!(sim.workload(2), Some(100));
        sim.run_until(2_000);
        let ops: Vec<_> = sim.client_ops().filter(|op| op.client == 2).collect();
        assert_eq!(ops.len(), 11, "one write every 100 ms from 1,000 to 2,000 ms, the first at once");
        let commands: Vec<&str> = ops.iter().map(|op| op.command.as_str()).collect();
        assert_eq!(&commands[..3], ["y=1", "y=2", "y=3"]);
        assert!(ops.iter().filter(|op| op.result.is_some()).all(|op| op.result == Some(OpResult::Ok)));
        // After its first answer, every write goes straight to the leader.
        let answered = ops.iter().position(|op| op.responded_ms.is_some()).unwrap();
        let later = ops.iter().filter(|op| op.invoked_ms > ops[answered].responded_ms.unwrap());
        assert!(later.clone().count() > 5 && later.into_iter().all(|op| op.node == leader));
        sim.apply(Action::Workload { client: 2, every_ms: 0 }).unwrap();
        let sent = sim.client_ops().count();
        sim.run_until(3_000);
        assert_eq!((sim.client_ops().count(), sim.workload(2)), (sent, None), "stopped");
    }

    #[test]
    fn after_its_leader_crashes_a_steady_client_finds_the_next() {
        let mut sim = SimBuilder::new(3).build().unwrap();
        sim.run_until(1_000);
        let first = sim.leader().unwrap();
        sim.apply(Action::Workload { client: 1, every_ms: 200 }).unwrap();
        sim.run_until(1_500);
        sim.apply(Action::Crash { node: first }).unwrap();
        sim.run_until(6_000);
        let second = sim.leader().unwrap();
        assert_ne!(first, second);
        let last = sim.client_ops().last().unwrap().clone();
        assert_eq!(last.node, second, "the client found the new leader: {last:?}");
        let ends: Vec<_> = sim.client_ops().map(|op| (op.invoked_ms, op.node, op.result)).collect();
        assert!(sim.client_ops().rev().skip(3).take(5).all(|op| op.result == Some(OpResult::Ok)), "{ends:?}");
    }

    #[test]
    fn steady_writes_wait_while_scheduling_is_manual_and_go_on_after() {
        let mut sim = SimBuilder::new(2).build().unwrap();
        sim.apply(Action::Workload { client: 1, every_ms: 200 }).unwrap();
        sim.run_until(500);
        let sent = sim.client_ops().count();
        assert_eq!(sent, 3, "at 0, 200 and 400 ms");
        sim.apply(Action::Scheduler { mode: scheduler(true) }).unwrap();
        sim.run_until(5_000);
        assert_eq!(sim.client_ops().count(), sent, "nothing happens by itself");
        sim.apply(Action::Scheduler { mode: scheduler(false) }).unwrap();
        sim.run_until(5_500);
        assert!(sim.client_ops().count() > sent + 1, "the writes go on");
    }

    fn scheduler(manual: bool) -> raft_scenario::Scheduler {
        if manual {
            raft_scenario::Scheduler::Manual
        } else {
            raft_scenario::Scheduler::Timed
        }
    }

    #[test]
    fn a_change_of_pace_forgets_the_ticks_armed_before_it() {
        let mut sim = SimBuilder::new(1).build().unwrap();
        sim.apply(Action::Workload { client: 1, every_ms: 1_000 }).unwrap();
        sim.apply(Action::Workload { client: 1, every_ms: 500 }).unwrap();
        sim.run_until(2_100);
        // Each change writes once at once; then every 500 ms: 0 (two changes, one tick
        // each at 0, but the first is stale), 500, 1000, 1500, 2000.
        assert_eq!(sim.client_ops().count(), 5);
        assert_eq!(sim.apply(Action::Workload { client: 4, every_ms: 100 }), Err(crate::ActionError::NoSuchClient(4)));
        assert_eq!(
            sim.apply(Action::Workload { client: 1, every_ms: 10 }),
            Err(crate::ActionError::BadWorkloadInterval(10))
        );
    }
}
