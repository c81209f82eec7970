//! A search for a counterexample asked by the page and run by its worker (issue 17, "Find a
//! counterexample"): the request, the reports the search sends back, and the loop that runs
//! the [`ModelChecker`] in rounds between them. The page and the worker speak JSON, through
//! serde, so both read the one definition here; the loop runs natively in the tests.

use serde::{Deserialize, Serialize};

use raft_scenario::{Action, Scenario, ScenarioError};

use crate::explore::{CheckSettings, EventBounds, Goal, ModelChecker, Strategy};
use crate::time::Millis;

/// How many transitions the search explores between two reports: a few tenths of a second.
const ROUND: u64 = 4_000;

/// What the page asks: search breadth first from the run of `scenario` at `at_ms`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchRequest {
    /// The run so far, as a scenario file (its text).
    pub scenario: String,
    /// The moment to search from.
    pub at_ms: Millis,
    /// The longest run tried, in events.
    pub depth: u32,
    /// How many events of each bounded kind a run may have.
    pub bounds: EventBounds,
    /// Stop after this many distinct states.
    pub max_states: u64,
    /// Stop after this many seconds.
    pub seconds: u32,
    /// What to look for (absent: a counterexample).
    #[serde(default)]
    pub goal: Goal,
}

/// Where a search stands: sent after every round, and once more, with `done`, at the end.
/// (The page's worker also sends an empty one, the default, to say it has loaded.)
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchReport {
    /// Distinct states found.
    pub states: u64,
    /// The depth every state within which has been explored.
    pub depth: u32,
    /// Milliseconds since the search began.
    pub milliseconds: u64,
    /// Whether the search is over.
    pub done: bool,
    /// Over, with every state within the bounds explored.
    pub complete: bool,
    /// The run that breaks a property, once found.
    pub found: Option<FoundRun>,
    /// Why the search could not start (the request was not understood).
    pub error: Option<String>,
}

/// A counterexample as the page loads it: the property's key (`Broken::key`), and the
/// manual-mode scenario file that replays it (as `raftsim check` prints it), whose last
/// `events` actions are the events from the moment searched. A file, so that the page reads
/// it with the one scenario reader it has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FoundRun {
    /// What it breaks, by key: a property's (e.g. "leader_completeness"), or
    /// "linearizable"; or the goal it reaches (e.g. "two_leaders") (`Broken::key`).
    pub property: String,
    /// How many events, from the moment searched, break it.
    pub events: u32,
    /// The scenario file that replays the run (compact JSON).
    pub scenario: String,
}

impl FoundRun {
    /// The events from the moment searched, each to be carried out after the one before.
    pub fn actions(&self) -> Result<Vec<Action>, ScenarioError> {
        let scenario = Scenario::from_json(&self.scenario)?;
        let first = scenario.actions.len().saturating_sub(self.events as usize);
        Ok(scenario.actions[first..].iter().map(|timed| timed.action.clone()).collect())
    }
}

impl SearchRequest {
    /// The checker this request describes, at its start.
    pub fn checker(&self) -> Result<ModelChecker, ScenarioError> {
        let start = Scenario::from_json(&self.scenario)?;
        let settings = CheckSettings {
            depth: self.depth,
            max_states: self.max_states,
            bounds: self.bounds,
            strategy: Strategy::Bfs,
            goal: self.goal,
            ..CheckSettings::from_scenario(start, self.at_ms)
        };
        ModelChecker::new(settings)
    }

    /// Runs the search: `report` hears where it stands after every round and, last, with
    /// `done`, how it ended. `milliseconds` reads the caller's clock (milliseconds since any
    /// fixed moment): the simulator reads none.
    pub fn run(&self, mut milliseconds: impl FnMut() -> f64, mut report: impl FnMut(&SearchReport)) {
        let mut checker = match self.checker() {
            Ok(checker) => checker,
            Err(error) => {
                report(&SearchReport { done: true, error: Some(error.to_string()), ..SearchReport::default() });
                return;
            }
        };
        let began = milliseconds();
        loop {
            let finished = checker.run(ROUND);
            let elapsed = (milliseconds() - began).max(0.0).round() as u64;
            let done = finished || elapsed >= u64::from(self.seconds) * 1000;
            let found = checker.violation().map(|found| FoundRun {
                property: found.property.key().to_owned(),
                events: found.actions.len() as u32,
                scenario: checker.scenario_of(found).to_json(),
            });
            report(&SearchReport {
                states: checker.states(),
                depth: checker.depth(),
                milliseconds: elapsed,
                done,
                complete: finished && found.is_none() && checker.states() < self.max_states,
                found,
                error: None,
            });
            if done {
                return;
            }
        }
    }
}
