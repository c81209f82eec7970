//! A run is a pure function of its seed: the property share links and time travel rest on.

use raft_sim::{SimBuilder, Simulation, TraceEvent};

fn run(seed: u64, until_ms: u64) -> Simulation {
    let mut sim = SimBuilder::new(seed).record_trace(true).build().expect("default config is valid");
    sim.run_until(until_ms);
    sim
}

fn events(sim: &Simulation) -> &[TraceEvent] {
    sim.trace().events().expect("recording was asked for")
}

#[test]
fn same_seed_twice_gives_the_identical_event_sequence() {
    for seed in [0, 1, 7, 0xdead_beef] {
        let (first, second) = (run(seed, 3_000), run(seed, 3_000));
        assert!(events(&first).len() > 100, "seed {seed}: a 3 s run has many events");
        assert_eq!(events(&first), events(&second), "seed {seed}");
        assert_eq!(first.trace().hash(), second.trace().hash(), "seed {seed}");
    }
}

#[test]
fn different_seeds_give_different_timings() {
    let first_deadlines = |seed| -> Vec<u64> {
        events(&run(seed, 0))
            .iter()
            .filter_map(|event| match event {
                TraceEvent::TimerSet { deadline, .. } => Some(*deadline),
                _ => None,
            })
            .collect()
    };
    assert_eq!(first_deadlines(1).len(), 5, "every node arms its election timer at start");
    assert_ne!(first_deadlines(1), first_deadlines(2));
    assert_ne!(run(1, 3_000).trace().hash(), run(2, 3_000).trace().hash());
}

#[test]
fn a_clone_continues_exactly_like_the_original() {
    let mut original = run(11, 1_000);
    let mut copy = original.clone();
    original.run_until(2_500);
    copy.run_until(2_500);
    assert_eq!(original.trace().hash(), copy.trace().hash());
}

#[test]
fn running_in_slices_equals_running_at_once() {
    // The page advances time frame by frame; the result must not depend on frame boundaries.
    let mut sliced = SimBuilder::new(5).record_trace(true).build().unwrap();
    for frame in 1..=180 {
        sliced.run_until(frame * 16 + frame % 3);
    }
    let whole = run(5, sliced.now());
    assert_eq!(events(&sliced), events(&whole));
}
