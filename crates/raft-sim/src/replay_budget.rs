//! The work one replay may do, and how a replay that cannot fit is told early.

use crate::simulation::Simulation;
use crate::time::Millis;

/// The most events one replay may run: opening a link, seeking past the end of the timeline.
/// About half a second of work in the page (some 350 ns an event on the busiest runs), so that
/// opening a link that overruns it is refused within a second of navigation, page load
/// included (issue 12; `tools/bench/refusal.mjs` measures it). An hour of five servers taking
/// a write every 100 ms is some 320,000 events; of nine servers, some 590,000.
pub const MAX_REPLAY_EVENTS: u64 = 1_500_000;

/// A replay was refused: it would have run more than [`MAX_REPLAY_EVENTS`] events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooBusy {
    /// The moment asked for.
    pub time_ms: Millis,
    /// How far the replay got before it was refused.
    pub reached_ms: Millis,
}

impl From<TooBusy> for raft_scenario::LinkError {
    fn from(busy: TooBusy) -> Self {
        raft_scenario::LinkError::TooBusy {
            time_ms: busy.time_ms,
            reached_ms: busy.reached_ms,
            budget: MAX_REPLAY_EVENTS,
        }
    }
}

impl Simulation {
    /// The fewest events that running on to `time` is certain to process, counted only once
    /// no action is left before `time` (an action could crash servers and quiet the run, or
    /// make scheduling manual).
    ///
    /// Every running server always has a timer armed: a leader its heartbeat, any other its
    /// election timeout. So each one has an event of its own — its timer firing, or a message
    /// reaching it, which is what re-arms the timer — in every stretch of `W` ms, where `W`
    /// is the longer of the heartbeat interval and the longest election timeout. A replay
    /// that has run `e` events and is certain to need `certain_events_until` more is refused
    /// as soon as the sum passes the budget: exactly the replays that would fail anyway, but
    /// without spending the budget first.
    pub fn certain_events_until(&self, time: Millis) -> u64 {
        let action_pending = self.scheduled.get(self.next_action).is_some_and(|action| action.at_ms <= time);
        // Under manual scheduling nothing happens but actions.
        if action_pending || time <= self.now() || self.is_manual() {
            return 0;
        }
        let config = self.config();
        let window = config.options.election_timeout_ms[1].max(config.options.heartbeat_ms).max(1);
        let running = self.nodes().filter(|node| node.is_up()).count() as u64;
        running.saturating_mul((time - self.now()) / window)
    }

    /// Whether running on to `time` is certain to take the events run so far past the budget.
    pub fn certain_to_exceed_budget(&self, time: Millis) -> bool {
        self.events_processed().saturating_add(self.certain_events_until(time)) > MAX_REPLAY_EVENTS
    }
}
