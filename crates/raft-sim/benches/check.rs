//! The model checker (issue 17), natively: distinct states per second on the safe core (3
//! servers, one crash, one write, one drop, one duplicate, breadth first to depth 8), the
//! depth proved safe in 60 s with one crash and one write (no drops or duplicates), and the
//! time to Figure 8's counterexample from its preset, with no faults and with the page's
//! default bounds. Run with
//! `cargo bench -p raft-sim --bench check`. Target: at least 4 × stateright's 74,000 states a
//! second on its Raft model, on this machine (296,000).

use std::time::{Duration, Instant};

/// The allocator of `raftsim`, whose `check` this measures (crates/raftsim/src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use raft_sim::{CheckSettings, EventBounds, ModelChecker, Scenario, ScenarioOptions};

/// Explores `settings` until done or `limit` passes; returns the checker and the seconds taken.
fn explore(settings: CheckSettings, limit: Duration) -> (ModelChecker, f64) {
    let mut checker = ModelChecker::new(settings).expect("valid settings");
    let started = Instant::now();
    while started.elapsed() < limit && !checker.run(20_000) {}
    (checker, started.elapsed().as_secs_f64())
}

fn main() {
    let safe = CheckSettings { depth: 8, ..CheckSettings::new(3, ScenarioOptions::default()) };
    let mut rates = Vec::new();
    for _ in 0..3 {
        let (checker, seconds) = explore(safe.clone(), Duration::from_secs(120));
        assert!(checker.violation().is_none(), "the safe core breaks nothing");
        rates.push((checker.states() as f64 / seconds, checker.states(), seconds));
    }
    rates.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (rate, states, seconds) = rates[1];
    println!(
        "model checker, 3 nodes, safe core, breadth first to depth 8: {states} states in {seconds:.2} s, {rate:.0} distinct \
         states per second natively, median of 3 (target >= 296000, 4 x stateright's 74000)"
    );

    let bounded = CheckSettings {
        depth: 1_000,
        bounds: EventBounds { crashes: 1, writes: 1, ..EventBounds::NONE },
        max_states: u64::from(u32::MAX),
        ..CheckSettings::new(3, ScenarioOptions::default())
    };
    let (checker, seconds) = explore(bounded, Duration::from_secs(60));
    assert!(checker.violation().is_none(), "the safe core breaks nothing");
    println!(
        "model checker, depth proved safe in 60 s, 3 nodes, 1 crash, 1 write: every state within {} events ({} states, \
         {seconds:.1} s)",
        checker.depth(),
        checker.states()
    );

    let mut figure_8 = Scenario::from_json(include_str!("../../raft-web/presets/figure-8.json")).expect("the preset");
    figure_8.options.unsafe_rules.commit_old_terms = true;
    let settings = CheckSettings { bounds: EventBounds::NONE, ..CheckSettings::from_scenario(figure_8.clone(), 200) };
    let (checker, seconds) = explore(settings, Duration::from_secs(120));
    let found = checker.violation().expect("Figure 8's counterexample");
    println!(
        "model checker, Figure 8 from its preset at 200 ms with commit_old_terms: {} in {} events, {seconds:.2} s, \
         {} states natively",
        found.property.name(),
        found.actions.len(),
        checker.states()
    );

    // The page's default bounds (components/counterexample_search.rs): one crash, one write.
    let bounds = EventBounds { crashes: 1, writes: 1, ..EventBounds::NONE };
    let settings = CheckSettings { bounds, ..CheckSettings::from_scenario(figure_8, 200) };
    let (checker, seconds) = explore(settings, Duration::from_secs(120));
    let found = checker.violation().expect("Figure 8's counterexample");
    println!(
        "model checker, Figure 8 from its preset at 200 ms with commit_old_terms, the page's bounds (1 crash, 1 write): \
         {} in {} events, {seconds:.2} s, {} states natively (tools/bench/search.mjs measures the page)",
        found.property.name(),
        found.actions.len(),
        checker.states()
    );
}
