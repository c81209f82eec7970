//! The page's "Find a counterexample" (issue 17), natively: a search asked as the page asks it,
//! from the page's own history, reports as the worker reports, and its run, carried out the way
//! the page carries it out, breaks the property it names.

use raft_sim::{Action, EventBounds, Goal, History, Property, Scenario, Scheduler, SearchReport, SearchRequest};

/// The Figure 8 preset with the rule of §5.4.2 switched off, explored (turned manual) at 200 ms
/// as the page's Explore switch does.
fn figure_8_exploring() -> History {
    let mut scenario = Scenario::from_json(include_str!("../../raft-web/presets/figure-8.json")).unwrap();
    scenario.options.unsafe_rules.commit_old_terms = true;
    let mut history = History::new(scenario).unwrap();
    history.seek(200);
    history.apply(Action::Scheduler { mode: Scheduler::Manual }).unwrap();
    history
}

/// The request the page sends for `history` as it stands.
fn request(history: &History, depth: u32) -> SearchRequest {
    let request = SearchRequest {
        scenario: history.scenario_so_far().to_json_pretty(),
        at_ms: history.now(),
        depth,
        bounds: EventBounds { crashes: 1, ..EventBounds::NONE },
        max_states: 2_000_000,
        seconds: 600,
        goal: Goal::Violation,
    };
    // What the page and the worker exchange is JSON text.
    let text = serde_json::to_string(&request).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every report of `request`, run with a clock that moves a second a look.
fn reports(request: &SearchRequest) -> Vec<SearchReport> {
    let mut clock = 0.0;
    let mut reports = Vec::new();
    request.run(
        || {
            clock += 1000.0;
            clock
        },
        |report| reports.push(report.clone()),
    );
    reports
}

#[test]
fn the_search_finds_figure_8_and_the_page_replays_it_to_the_same_broken_property() {
    let mut history = figure_8_exploring();
    let reports = reports(&request(&history, 12));
    let (last, before) = reports.split_last().unwrap();
    assert!(before.iter().all(|report| !report.done && report.found.is_none()), "progress first");
    assert!(before.windows(2).all(|pair| pair[0].states <= pair[1].states), "states only grow");
    assert!(last.done && !last.complete && last.error.is_none(), "{last:?}");
    let found = last.found.as_ref().expect("a counterexample");
    assert_eq!(found.property, Property::LeaderCompleteness.key());
    let actions = found.actions().unwrap();
    assert_eq!((found.events, actions.len()), (7, 7), "{actions:?}");
    assert!(history.sim().violations().is_empty());
    for action in &actions {
        history.apply_after(1, action.clone()).unwrap_or_else(|e| panic!("{action:?}: {e}"));
    }
    let broken: Vec<Property> = history.sim().violations().iter().map(|v| v.property).collect();
    assert_eq!(broken, [Property::LeaderCompleteness]);
}

#[test]
fn with_the_rules_on_the_search_says_how_deep_it_proved_them() {
    let mut history =
        History::new(Scenario::from_json(include_str!("../../raft-web/presets/figure-8.json")).unwrap()).unwrap();
    history.seek(200);
    let so_far = history.scenario_so_far();
    assert!(so_far.actions.len() < history.scenario().actions.len(), "the preset's later actions are not searched");
    assert!(so_far.actions.iter().all(|timed| timed.at_ms <= 200) && so_far.until_ms == Some(200));
    let last = reports(&request(&history, 4)).pop().unwrap();
    assert!(last.done && last.complete && last.found.is_none(), "{last:?}");
    assert_eq!(last.depth, 4);
    assert!(last.states > 100, "{last:?}");
}

#[test]
fn the_time_limit_ends_a_search_that_is_not_complete() {
    let history = figure_8_exploring();
    let request = SearchRequest { seconds: 2, ..request(&history, 12) };
    let reports = reports(&request);
    assert_eq!(reports.len(), 2, "one round a second on this clock: {reports:?}");
    let last = reports.last().unwrap();
    assert!(last.done && !last.complete && last.found.is_none(), "{last:?}");
}

#[test]
fn a_request_the_worker_cannot_read_ends_with_the_reason() {
    let request =
        SearchRequest { scenario: r#"{"version":1,"seed":1,"nodes":99}"#.into(), ..request(&figure_8_exploring(), 3) };
    let reports = reports(&request);
    let [only] = &reports[..] else { panic!("{reports:?}") };
    assert!(only.done && only.found.is_none());
    assert!(only.error.as_deref().is_some_and(|e| e.contains("nodes")), "{only:?}");
}

#[test]
fn a_request_for_a_goal_finds_the_run_to_it_and_one_without_a_goal_looks_for_a_breach() {
    let history = History::new(Scenario::from_json(r#"{"version":1,"seed":1,"nodes":3}"#).unwrap()).unwrap();
    let request = SearchRequest { goal: Goal::StepDown, bounds: EventBounds::NONE, ..request(&history, 8) };
    let last = reports(&request).pop().unwrap();
    let found = last.found.expect("a leader steps down within 8 events");
    assert_eq!((found.property.as_str(), found.events), ("step_down", 5));
    // What pages of an earlier release send has no goal: it still asks for a breach.
    let text = serde_json::to_string(&request).unwrap().replace(r#","goal":"step_down""#, "");
    assert!(!text.contains("goal"), "{text}");
    let earlier: SearchRequest = serde_json::from_str(&text).unwrap();
    assert_eq!(earlier.goal, Goal::Violation);
}
