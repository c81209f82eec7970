//! The page's state and everything that changes it, as one reducer (`use_reducer`).
//!
//! The simulation is shared behind `Rc<RefCell<…>>` so that an action mutates it in place
//! instead of cloning a whole cluster per frame; every action that changes something returns a
//! new `Rc<Playground>`, which is what tells Yew to re-render.

use std::cell::RefCell;
use std::rc::Rc;

use raft_sim::{NodeId, SimBuilder, Simulation};
use yew::Reducible;

use crate::view::{ClusterView, LogsView, NodeDetails};

/// How many log indexes the log table shows, the latest ones.
pub const LOG_WINDOW: u64 = 24;

/// The seed of the cluster the page opens with, so every visitor first sees the same run.
pub const DEFAULT_SEED: u64 = 1;

/// Playback speeds offered, as simulated time per real time.
pub const SPEEDS: [f64; 5] = [0.01, 0.03, 0.1, 0.3, 1.0];

/// The speed the page opens with: a 150–300 ms election timeout takes 1.5–3 s to run down.
pub const DEFAULT_SPEED: f64 = 0.1;

/// The most real time one frame may advance, so a tab returning from the background does not
/// jump ahead by minutes.
const MAX_FRAME_MS: f64 = 100.0;

/// What a person (or the animation loop) can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Play if paused, pause if playing.
    TogglePlay,
    /// `elapsed_ms` of real time passed since the previous frame.
    Frame {
        /// Real milliseconds.
        elapsed_ms: f64,
    },
    /// Set the playback speed.
    SetSpeed(f64),
    /// Open the menu of a node.
    OpenMenu(NodeId),
    /// Close the node menu.
    CloseMenu,
    /// Carry out a simulator action now (time out, crash, restart, write, …).
    Apply(raft_sim::Action),
}

/// The playground: a simulation and how the page is showing it.
#[derive(Clone, Debug)]
pub struct Playground {
    sim: Rc<RefCell<Simulation>>,
    /// Whether simulated time advances with real time.
    pub playing: bool,
    /// Simulated time per real time.
    pub speed: f64,
    /// Simulated time past `sim.now()` not yet run, always under one millisecond: drawn, so
    /// slow speeds stay smooth, but not simulated until it adds up to a whole millisecond.
    carry_ms: f64,
    /// The node whose menu is open.
    pub menu: Option<NodeId>,
    /// The last action's error, shown to the user.
    pub notice: Option<String>,
}

impl Default for Playground {
    fn default() -> Self {
        let sim = SimBuilder::new(DEFAULT_SEED).build().expect("the default configuration is valid");
        Playground::new(sim)
    }
}

impl Playground {
    /// A paused playground showing `sim`.
    pub fn new(sim: Simulation) -> Self {
        Playground {
            sim: Rc::new(RefCell::new(sim)),
            playing: false,
            speed: DEFAULT_SPEED,
            carry_ms: 0.0,
            menu: None,
            notice: None,
        }
    }

    /// The simulator's clock.
    pub fn time_ms(&self) -> u64 {
        self.sim.borrow().now()
    }

    /// What to draw now.
    pub fn view(&self) -> ClusterView {
        let sim = self.sim.borrow();
        ClusterView::of(&sim, sim.now() as f64 + self.carry_ms)
    }

    /// The log table's content: the last [`LOG_WINDOW`] indexes of every log.
    pub fn logs(&self) -> LogsView {
        LogsView::of(&self.sim.borrow(), LOG_WINDOW)
    }

    /// The node menu's details of node `id`.
    pub fn details(&self, id: NodeId) -> Option<NodeDetails> {
        NodeDetails::of(&self.sim.borrow(), id)
    }

    /// The command the write field suggests: `x=1`, `x=2`, … counting the writes so far.
    pub fn suggested_command(&self) -> String {
        format!("x={}", self.sim.borrow().client_ops().len() + 1)
    }

    fn advance(&mut self, elapsed_ms: f64) {
        let simulated = self.carry_ms + elapsed_ms.clamp(0.0, MAX_FRAME_MS) * self.speed;
        let whole = simulated.floor();
        self.carry_ms = simulated - whole;
        if whole >= 1.0 {
            let mut sim = self.sim.borrow_mut();
            let target = sim.now() + whole as u64;
            sim.run_until(target);
        }
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(action, Action::Frame { .. }) && !self.playing {
            return self; // nothing moves while paused: no re-render
        }
        let mut next = (*self).clone();
        match action {
            Action::TogglePlay => next.playing = !next.playing,
            Action::Frame { elapsed_ms } => next.advance(elapsed_ms),
            Action::SetSpeed(speed) => next.speed = speed.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]),
            Action::OpenMenu(node) => next.menu = Some(node),
            Action::CloseMenu => next.menu = None,
            Action::Apply(action) => {
                next.menu = None;
                next.notice = next.sim.borrow_mut().apply(action).err().map(|error| error.to_string());
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::RoleKind;

    fn reduce(state: Rc<Playground>, action: Action) -> Rc<Playground> {
        state.reduce(action)
    }

    #[test]
    fn frames_move_time_only_while_playing() {
        let paused = Rc::new(Playground::default());
        let still = reduce(paused.clone(), Action::Frame { elapsed_ms: 16.0 });
        assert!(Rc::ptr_eq(&paused, &still), "a paused frame changes nothing");
        let playing = reduce(paused, Action::TogglePlay);
        let later = reduce(playing, Action::Frame { elapsed_ms: 50.0 });
        assert_eq!(later.time_ms(), 5, "50 ms at 0.1x is 5 simulated ms");
    }

    #[test]
    fn fractions_of_a_millisecond_add_up_across_frames() {
        let mut state = reduce(Rc::new(Playground::default()), Action::SetSpeed(0.01));
        state = reduce(state, Action::TogglePlay);
        for _ in 0..10 {
            state = reduce(state, Action::Frame { elapsed_ms: 16.0 });
        }
        assert_eq!(state.time_ms(), 1, "160 ms at 0.01x is 1.6 simulated ms");
    }

    #[test]
    fn a_long_pause_of_the_tab_does_not_jump_ahead() {
        let state = reduce(Rc::new(Playground::default()), Action::TogglePlay);
        let state = reduce(state, Action::Frame { elapsed_ms: 60_000.0 });
        assert_eq!(state.time_ms(), 10);
    }

    #[test]
    fn timeout_from_the_menu_makes_a_candidate_and_closes_the_menu() {
        let state = reduce(Rc::new(Playground::default()), Action::OpenMenu(2));
        assert_eq!(state.menu, Some(2));
        let state = reduce(state, Action::Apply(raft_sim::Action::Timeout { node: 2 }));
        assert_eq!(state.menu, None);
        let node = &state.view().nodes[1];
        assert_eq!((node.role, node.term), (RoleKind::Candidate, 1));
    }

    #[test]
    fn crash_restart_and_write_go_through_the_simulator() {
        let mut state = Rc::new(Playground::default());
        assert_eq!(state.suggested_command(), "x=1");
        state = reduce(state, Action::Apply(raft_sim::Action::Crash { node: 3 }));
        assert!(!state.view().nodes[2].up);
        state = reduce(state, Action::Apply(raft_sim::Action::Crash { node: 3 }));
        assert_eq!(state.notice.as_deref(), Some("node 3 is crashed: restart it first"));
        state = reduce(state, Action::Apply(raft_sim::Action::Restart { node: 3 }));
        assert!(state.view().nodes[2].up && state.notice.is_none());
        let write = raft_sim::Action::Write { node: 1, command: "x=1".into() };
        state = reduce(state, Action::Apply(write));
        assert_eq!(state.suggested_command(), "x=2");
        let bad = raft_sim::Action::Write { node: 1, command: "nonsense".into() };
        state = reduce(state, Action::Apply(bad));
        assert!(state.notice.as_deref().unwrap().starts_with("bad command: a command needs an '='"));
    }

    #[test]
    fn an_impossible_action_leaves_a_notice_and_a_working_page() {
        let state = reduce(Rc::new(Playground::default()), Action::Apply(raft_sim::Action::Timeout { node: 42 }));
        assert_eq!(state.notice.as_deref(), Some("there is no node 42"));
        assert_eq!(state.view().nodes.len(), 5);
    }
}
