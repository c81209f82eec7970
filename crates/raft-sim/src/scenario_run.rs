//! Running what the contracts describe: a scenario as a simulation, a share link as a history
//! at its moment.

use raft_scenario::{LinkError, Scenario, ScenarioError, ShareLink};

use crate::builder::SimBuilder;
use crate::config::SimConfig;
use crate::history::History;
use crate::simulation::Simulation;

/// A scenario, run.
pub trait ScenarioExt {
    /// The simulation configuration it describes.
    fn config(&self) -> SimConfig;

    /// Builds the simulation at time 0 with every action scheduled. Validates first.
    fn build(&self, record_trace: bool) -> Result<Simulation, ScenarioError>;
}

impl ScenarioExt for Scenario {
    fn config(&self) -> SimConfig {
        SimConfig { nodes: self.nodes, options: self.options.clone() }
    }

    fn build(&self, record_trace: bool) -> Result<Simulation, ScenarioError> {
        self.validate()?;
        let mut sim = SimBuilder::new(self.seed)
            .config(self.config())
            .initial_state(self.initial_states())
            .record_trace(record_trace)
            .build()?;
        sim.schedule(self.actions.clone());
        Ok(sim)
    }
}

/// A share link, opened.
pub trait OpenLink {
    /// The run replayed to the link's moment, as the page opens it, within
    /// [`MAX_REPLAY_EVENTS`](crate::MAX_REPLAY_EVENTS).
    fn open(&self) -> Result<History, LinkError>;
}

impl OpenLink for ShareLink {
    fn open(&self) -> Result<History, LinkError> {
        let mut history = History::new(self.scenario.clone()).map_err(LinkError::Scenario)?;
        history.seek_within_budget(self.time_ms).map_err(LinkError::from)?;
        Ok(history)
    }
}
