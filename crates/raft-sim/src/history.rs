//! Time travel: a run kept as its scenario (the actions so far) plus periodic checkpoints, so
//! any moment can be restored quickly while memory stays bounded. Acting in the past forks:
//! the actions after that moment are discarded and the new one is appended.

use crate::action::{Action, ActionError, TimedAction};
use crate::replay_budget::{TooBusy, MAX_REPLAY_EVENTS};
use crate::scenario_run::ScenarioExt;
use crate::simulation::Simulation;
use crate::time::Millis;
use raft_scenario::{Scenario, ScenarioError};

/// At most this many checkpoints are kept; when full, every other one is dropped and the
/// interval doubles, so an hour of history costs no more than a minute's worth of clones.
pub const MAX_CHECKPOINTS: usize = 128;

/// The first interval between checkpoints, in simulated ms.
pub const FIRST_CHECKPOINT_INTERVAL_MS: Millis = 500;

/// A run that can be replayed to any moment between 0 and its horizon.
#[derive(Clone, Debug)]
pub struct History {
    /// The scenario's seed, options and initial state; its actions live in `actions`.
    base: Scenario,
    /// Every action kept, in time order. Checkpoints do not hold their own list: a restored
    /// checkpoint gets a (cheap, shared) clone of this one.
    actions: playground_support::ChunkedVec<TimedAction>,
    sim: Simulation,
    /// Snapshots at times 0, interval, 2 × interval, … up to the horizon.
    checkpoints: Vec<Simulation>,
    interval_ms: Millis,
    horizon_ms: Millis,
    /// Every election up to the horizon: (time, node, term).
    elections: Vec<(Millis, raft_core::NodeId, raft_core::Term)>,
}

impl History {
    /// The run of `scenario` at time 0. Its actions are part of the history.
    ///
    /// A moment shows every event and action up to and including it, as `raftsim run --until`
    /// does: at time 0 the scenario's actions at 0 have already happened, so stepping forward
    /// from a preset that times a server out at 0 moves on to the next event instead of
    /// staying at 0.
    pub fn new(scenario: Scenario) -> Result<Self, ScenarioError> {
        let mut sim = scenario.build(false)?;
        sim.run_until(0);
        let actions = sim.scheduled.clone();
        let base = Scenario { actions: Vec::new(), ..scenario };
        Ok(History {
            checkpoints: vec![sim.clone()],
            elections: sim.elections.clone(),
            base,
            actions,
            sim,
            interval_ms: FIRST_CHECKPOINT_INTERVAL_MS,
            horizon_ms: 0,
        })
    }

    /// The simulation at the current moment.
    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    /// The current moment.
    pub fn now(&self) -> Millis {
        self.sim.now()
    }

    /// Whether an action of the run (the reader's, or the scenario's) was carried out at now.
    pub fn acted_now(&self) -> bool {
        let done = self.sim.next_action.checked_sub(1).and_then(|last| self.actions.get(last));
        done.is_some_and(|action| action.at_ms == self.sim.now())
    }

    /// The latest moment simulated so far: the end of the timeline.
    pub fn horizon(&self) -> Millis {
        self.horizon_ms
    }

    /// The scenario that replays this history: its seed, options, initial state and every
    /// action kept so far.
    pub fn scenario(&self) -> Scenario {
        Scenario { actions: self.actions.iter().cloned().collect(), ..self.base.clone() }
    }

    /// The run up to now as a scenario file: the actions carried out so far, and `until_ms`
    /// at now (what a search from this moment starts from).
    pub fn scenario_so_far(&self) -> Scenario {
        let mut scenario = self.scenario();
        scenario.actions.truncate(self.sim.next_action);
        scenario.until_ms = Some(self.now());
        scenario
    }

    /// The seed of every random choice of the run.
    pub fn scenario_seed(&self) -> u64 {
        self.base.seed
    }

    /// The scenario's title and description.
    pub fn title_and_description(&self) -> (Option<&str>, Option<&str>) {
        (self.base.title.as_deref(), self.base.description.as_deref())
    }

    /// Gives the scenario a title and a description (`None` or empty removes them). They are
    /// part of what the scenario file and the share link carry; the run itself is unchanged.
    pub fn set_title_and_description(&mut self, title: Option<String>, description: Option<String>) {
        let keep = |text: Option<String>| text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
        self.base.title = keep(title);
        self.base.description = keep(description);
    }

    /// What acting now would discard: the simulated time past now up to the horizon, and the
    /// actions still to come after now.
    pub fn future(&self) -> (Millis, usize) {
        (self.horizon_ms.saturating_sub(self.sim.now()), self.actions.len().saturating_sub(self.sim.next_action))
    }

    /// Restores checkpoint `index` as the current moment, with the current action list.
    fn restore(&mut self, index: usize) {
        self.sim = self.checkpoints[index].clone();
        self.sim.scheduled = self.actions.clone();
    }

    /// How many checkpoints are held (for memory accounting).
    pub fn checkpoint_count(&self) -> usize {
        self.checkpoints.len()
    }

    /// Runs forward to `time` (if later than now), taking checkpoints on the way.
    pub fn advance_to(&mut self, time: Millis) {
        while self.sim.now() < time {
            let next_checkpoint = self.checkpoints.len() as Millis * self.interval_ms;
            let target = time.min(next_checkpoint);
            self.sim.run_until(target);
            if target == next_checkpoint && self.sim.now() == next_checkpoint {
                self.push_checkpoint();
            }
        }
        if self.sim.now() >= self.horizon_ms {
            self.horizon_ms = self.sim.now();
            self.elections.clone_from(&self.sim.elections);
        }
    }

    /// Every leader election up to the horizon, in order: (time, node, term). Lets the page
    /// jump to the next or previous leader change, even after seeking back.
    pub fn elections(&self) -> &[(Millis, raft_core::NodeId, raft_core::Term)] {
        &self.elections
    }

    fn push_checkpoint(&mut self) {
        self.checkpoints.push(self.sim.clone());
        if self.checkpoints.len() > MAX_CHECKPOINTS {
            // Keep checkpoints at even multiples of the old interval: 0, 2i, 4i, …
            let mut index = 0;
            self.checkpoints.retain(|_| {
                index += 1;
                (index - 1) % 2 == 0
            });
            self.interval_ms *= 2;
        }
    }

    /// Moves to `time`: from the latest checkpoint at or before it (or from now, if that is
    /// later), replaying at most one checkpoint interval. Times past the horizon extend it.
    pub fn seek(&mut self, time: Millis) {
        let index = ((time / self.interval_ms) as usize).min(self.checkpoints.len() - 1);
        let checkpoint_time = self.checkpoints[index].now();
        if time < self.sim.now() || checkpoint_time > self.sim.now() {
            self.restore(index);
        }
        if time > self.horizon_ms {
            self.advance_to(time);
        } else {
            self.sim.run_until(time);
        }
    }

    /// Moves to `time` like [`History::seek`], unless reaching it from time 0 takes more than
    /// [`MAX_REPLAY_EVENTS`] events: then the moment shown stays as it was (what was simulated
    /// on the way is kept as timeline) and the error says how far the replay got. A link of a
    /// moment opens exactly when seeking to it here succeeds.
    ///
    /// The replay stops as soon as it is certain to exceed the budget
    /// ([`Simulation::certain_to_exceed_budget`]), so the busiest runs are refused after a
    /// fraction of the budget; a replay that would fit is never refused.
    pub fn seek_within_budget(&mut self, time: Millis) -> Result<(), TooBusy> {
        const STEP_MS: Millis = 1_000;
        if time <= self.horizon_ms {
            self.seek(time);
            return Ok(());
        }
        let origin = self.sim.now();
        self.seek(self.horizon_ms);
        let mut doomed = self.sim.certain_to_exceed_budget(time);
        while !doomed && self.sim.now() < time {
            self.advance_to(self.sim.now().saturating_add(STEP_MS).min(time));
            doomed = self.sim.certain_to_exceed_budget(time);
        }
        if doomed {
            let reached_ms = self.sim.now();
            self.seek(origin);
            return Err(TooBusy { time_ms: time, reached_ms });
        }
        Ok(())
    }

    /// Whether a link to the current moment would open: replaying to it from time 0 stays
    /// within [`MAX_REPLAY_EVENTS`].
    pub fn within_replay_budget(&self) -> bool {
        self.sim.events_processed() <= MAX_REPLAY_EVENTS
    }

    /// Why a link to the current moment would not open, if it would not: how far a replay
    /// within [`MAX_REPLAY_EVENTS`] reaches (to the checkpoint, so a little short of it).
    pub fn replay_refusal(&self) -> Option<TooBusy> {
        if self.within_replay_budget() {
            return None;
        }
        let reached_ms = self
            .checkpoints
            .iter()
            .take_while(|checkpoint| checkpoint.events_processed() <= MAX_REPLAY_EVENTS)
            .last()
            .map_or(0, Simulation::now);
        Some(TooBusy { time_ms: self.sim.now(), reached_ms })
    }

    /// Runs the next event (or action) and returns its time; `None` if nothing is scheduled.
    ///
    /// Anything still due at the current moment runs first, so a step always reaches an event
    /// later than now, whatever ran before it.
    pub fn step_forward(&mut self) -> Option<Millis> {
        let now = self.sim.now();
        self.sim.run_until(now);
        let next = self.sim.next_event_time()?;
        self.advance_to(next);
        Some(next)
    }

    /// Moves back to the time of the latest event before now (time 0 if there is none);
    /// `None` at the start.
    pub fn step_back(&mut self) -> Option<Millis> {
        let now = self.sim.now();
        if now == 0 {
            return None;
        }
        let mut index = (((now - 1) / self.interval_ms) as usize).min(self.checkpoints.len() - 1);
        let previous = loop {
            // The latest event between this checkpoint and now; with none there (the moment
            // was reached by seeking), an earlier checkpoint's stretch holds it.
            let mut probe = self.checkpoints[index].clone();
            probe.scheduled = self.actions.clone();
            let mut latest = None;
            while let Some(at) = probe.next_event_time().filter(|&at| at < now) {
                latest = Some(at);
                probe.run_until(at);
            }
            match latest {
                Some(at) => break at,
                None if index > 0 => index -= 1,
                None => break 0,
            }
        };
        self.seek(previous);
        Some(previous)
    }

    /// Carries out `action` `gap_ms` after now, with nothing else in between: whatever was to
    /// come after now is discarded first (a fork), the clock moves on (running what falls due:
    /// nothing, under manual scheduling), then `action` runs. How the page gives each explored
    /// event its own millisecond, so that stepping back undoes one at a time. A refused action
    /// changes nothing.
    pub fn apply_after(&mut self, gap_ms: Millis, action: Action) -> Result<(), ActionError> {
        let now = self.sim.now();
        let at = now.saturating_add(gap_ms);
        let mut kept = self.actions.clone();
        kept.truncate(self.sim.next_action);
        let mut probe = self.sim.clone();
        probe.scheduled = kept.clone();
        probe.run_until(at);
        probe.try_apply(action.clone())?;
        self.actions = kept;
        self.sim.scheduled = self.actions.clone();
        if now < self.horizon_ms {
            self.checkpoints.truncate((now / self.interval_ms) as usize + 1);
            self.horizon_ms = now;
        }
        self.advance_to(at);
        self.apply(action)
    }

    /// Carries out `action` now. Whatever was to come after now — later actions of the
    /// scenario, history past this moment — is discarded first (a fork). A refused action
    /// changes nothing and is not recorded.
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        let now = self.sim.now();
        self.sim.try_apply(action.clone())?;
        // Every action up to now has been applied: the rest is the discarded future.
        self.actions.truncate(self.sim.next_action);
        self.actions.push(TimedAction { at_ms: now, action });
        self.sim.scheduled = self.actions.clone();
        self.sim.next_action += 1;
        if now < self.horizon_ms {
            self.checkpoints.truncate((now / self.interval_ms) as usize + 1);
            self.horizon_ms = now;
        }
        self.elections.clone_from(&self.sim.elections);
        Ok(())
    }
}
