//! A search for a counterexample asked by the page and run by its worker (issue 17, "Find a
//! counterexample"): the request, the reports the search sends back, and the loop that runs
//! the [`ModelChecker`] in rounds between them. The page and the worker speak JSON, through
//! serde, so both read the one definition here; the loop runs natively in the tests.

use serde::{Deserialize, Serialize};

use raft_scenario::{Action, Scenario, ScenarioError};

use crate::explore::{CheckSettings, ModelChecker, Strategy};
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
    /// At most this many crashes along a run.
    pub crashes: u32,
    /// At most this many client writes along a run.
    pub writes: u32,
    /// At most this many messages dropped along a run.
    pub drops: u32,
    /// At most this many messages duplicated along a run.
    pub duplicates: u32,
    /// Stop after this many distinct states.
    pub max_states: u64,
    /// Stop after this many seconds.
    pub seconds: f64,
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
    /// Seconds since the search began.
    pub seconds: f64,
    /// Whether the search is over.
    pub done: bool,
    /// Over, with every state within the bounds explored.
    pub complete: bool,
    /// The run that breaks a property, once found.
    pub found: Option<FoundRun>,
    /// Why the search could not start (the request was not understood).
    pub error: Option<String>,
}

/// A counterexample as the page loads it: the property's name (`Property::name`) and the
/// events from the moment searched, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FoundRun {
    /// The property broken, by its name (e.g. "leader completeness").
    pub property: String,
    /// The events, each to be carried out after the one before.
    pub actions: Vec<Action>,
}

impl SearchRequest {
    /// The checker this request describes, at its start.
    pub fn checker(&self) -> Result<ModelChecker, ScenarioError> {
        let start = Scenario::from_json(&self.scenario)?;
        let settings = CheckSettings {
            depth: self.depth,
            max_states: self.max_states,
            crashes: self.crashes,
            writes: self.writes,
            drops: self.drops,
            duplicates: self.duplicates,
            strategy: Strategy::Bfs,
            ..CheckSettings::from_scenario(start, self.at_ms)
        };
        ModelChecker::new(settings)
    }

    /// Runs the search: `report` hears where it stands after every round and, last, with
    /// `done`, how it ended. `seconds` reads the caller's clock (seconds since any fixed
    /// moment): the simulator reads none.
    pub fn run(&self, mut seconds: impl FnMut() -> f64, mut report: impl FnMut(&SearchReport)) {
        let mut checker = match self.checker() {
            Ok(checker) => checker,
            Err(error) => {
                report(&SearchReport { done: true, error: Some(error.to_string()), ..SearchReport::default() });
                return;
            }
        };
        let began = seconds();
        loop {
            let finished = checker.run(ROUND);
            let elapsed = seconds() - began;
            let done = finished || elapsed >= self.seconds;
            let found = checker
                .violation()
                .map(|found| FoundRun { property: found.property.name().to_owned(), actions: found.actions.clone() });
            report(&SearchReport {
                states: checker.states(),
                depth: checker.depth(),
                seconds: elapsed,
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
