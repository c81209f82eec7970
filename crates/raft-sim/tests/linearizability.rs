//! The linearizability checker against hand-made histories (the textbook cases, unknown
//! outcomes) and against a brute-force search over every order on random small histories.

use std::collections::HashMap;

use raft_sim::{check_linearizability, Access, Linearizability, Operation, Reason, SimRng};

fn write(id: u64, key: &str, value: &str, invoked: u64, responded: Option<u64>) -> Operation {
    Operation { id, key: key.into(), access: Access::Write(value.into()), invoked, responded }
}

fn read(id: u64, key: &str, value: Option<&str>, invoked: u64, responded: u64) -> Operation {
    Operation { id, key: key.into(), access: Access::Read(value.map(Into::into)), invoked, responded: Some(responded) }
}

fn check(history: &[Operation]) -> Linearizability {
    check_linearizability(history, &[])
}

fn violation(history: &[Operation]) -> raft_sim::NonLinearizable {
    match check(history) {
        Linearizability::Violation(violation) => violation,
        other => panic!("expected a violation, got {other:?}"),
    }
}

#[test]
fn sequential_writes_and_reads_are_linearizable_with_points_inside_each_operation() {
    let history = [
        write(1, "x", "1", 0, Some(10)),
        read(2, "x", Some("1"), 20, 30),
        write(3, "x", "2", 40, Some(50)),
        read(4, "x", Some("2"), 60, 70),
    ];
    let Linearizability::Linearizable { points } = check(&history) else { panic!("linearizable") };
    assert_eq!(points.iter().map(|p| p.0).collect::<Vec<_>>(), [1, 2, 3, 4]);
    for (id, at) in points {
        let op = &history[id as usize - 1];
        assert!(op.invoked <= at && at <= op.responded.unwrap(), "{id} at {at}");
    }
}

#[test]
fn a_read_concurrent_with_a_write_may_see_either_value() {
    for seen in [None, Some("1")] {
        let history = [write(1, "x", "1", 0, Some(100)), read(2, "x", seen, 10, 20)];
        assert!(matches!(check(&history), Linearizability::Linearizable { .. }), "{seen:?}");
    }
}

#[test]
fn a_stale_read_after_a_newer_write_ended_is_not_linearizable() {
    let history = [
        write(1, "x", "1", 0, Some(10)),
        write(2, "x", "2", 20, Some(30)),
        read(3, "y", None, 35, 36),
        read(4, "x", Some("1"), 40, 50),
    ];
    let found = violation(&history);
    assert_eq!(found.key, "x");
    assert_eq!(found.operations, [1, 2, 4]);
    assert_eq!(found.reason, Reason::Stale { read: 4, newer: 2 });
}

#[test]
fn the_set_shown_keeps_every_write_a_read_could_have_read_from() {
    // Read 3 saw write 4 (the second write of 1), which is fine; read 6 is the stale one.
    let history = [
        write(1, "x", "1", 0, Some(10)),
        write(2, "x", "2", 20, Some(30)),
        read(3, "x", Some("1"), 40, 50),
        write(4, "x", "1", 45, Some(55)),
        write(5, "x", "3", 60, Some(70)),
        read(6, "x", Some("2"), 80, 90),
    ];
    let found = violation(&history);
    assert_eq!(found.operations, [2, 5, 6]);
    assert_eq!(found.reason, Reason::Stale { read: 6, newer: 5 });
}

#[test]
fn reading_unset_after_a_write_ended_is_stale() {
    let found = violation(&[write(1, "x", "1", 0, Some(10)), read(2, "x", None, 11, 12)]);
    assert_eq!(found.reason, Reason::Stale { read: 2, newer: 1 });
}

#[test]
fn a_value_nobody_wrote_is_named() {
    let found = violation(&[write(1, "x", "1", 0, Some(10)), read(2, "x", Some("7"), 20, 30)]);
    assert_eq!(found.operations, [2]);
    assert_eq!(found.reason, Reason::NeverWritten { read: 2 });
}

#[test]
fn the_starting_values_count_as_written() {
    let initial = [("x".to_owned(), "7".to_owned())];
    let history = [read(1, "x", Some("7"), 0, 5)];
    assert!(matches!(check_linearizability(&history, &initial), Linearizability::Linearizable { .. }));
    assert!(matches!(check(&history), Linearizability::Violation(_)));
}

#[test]
fn two_readers_that_disagree_on_the_order_of_two_writes_cannot_both_be_right() {
    // Both writes overlap both reads; the first reader sees 1 then 2, the second 2 then 1.
    let history = [
        write(1, "x", "1", 0, Some(100)),
        write(2, "x", "2", 0, Some(100)),
        read(3, "x", Some("1"), 10, 20),
        read(4, "x", Some("2"), 30, 40),
        read(5, "x", Some("2"), 10, 20),
        read(6, "x", Some("1"), 30, 40),
    ];
    let found = violation(&history);
    assert_eq!(found.reason, Reason::NoOrder);
    assert_eq!(found.operations.len(), 6, "{found:?}");
}

#[test]
fn a_write_with_an_unknown_outcome_may_take_effect_late_or_never() {
    let never = [write(1, "x", "1", 0, None), read(2, "x", None, 100, 110)];
    assert!(matches!(check(&never), Linearizability::Linearizable { .. }));
    let late = [write(1, "x", "1", 0, None), read(2, "x", None, 100, 110), read(3, "x", Some("1"), 200, 210)];
    let Linearizability::Linearizable { points } = check(&late) else { panic!("linearizable") };
    assert_eq!(points, [(2, 100), (1, 100), (3, 200)]);
    let unused = [write(1, "x", "1", 0, None)];
    assert_eq!(check(&unused), Linearizability::Linearizable { points: vec![] });
    // It cannot take effect before it was invoked.
    let early = [read(1, "x", Some("1"), 0, 10), write(2, "x", "1", 20, None)];
    assert!(matches!(check(&early), Linearizability::Violation(_)));
}

#[test]
fn a_read_with_an_unknown_outcome_constrains_nothing() {
    let mut pending = read(2, "x", Some("9"), 20, 0);
    pending.responded = None;
    assert!(matches!(check(&[write(1, "x", "1", 0, Some(10)), pending]), Linearizability::Linearizable { .. }));
}

#[test]
fn operations_that_touch_at_one_millisecond_overlap() {
    // The write ends at 10 and the read begins at 10: either order is allowed.
    let history = [write(1, "x", "1", 0, Some(10)), read(2, "x", None, 10, 20)];
    assert!(matches!(check(&history), Linearizability::Linearizable { .. }));
}

/// Whether some order of `history` respects real time and the register: every permutation.
fn brute_force(history: &[Operation]) -> bool {
    let ops: Vec<&Operation> = history.iter().filter(|op| op.responded.is_some() || is_write(op)).collect();
    let mut order: Vec<usize> = Vec::new();
    let mut used = vec![false; ops.len()];
    extend(&ops, &mut order, &mut used)
}

fn is_write(op: &Operation) -> bool {
    matches!(op.access, Access::Write(_))
}

fn extend(ops: &[&Operation], order: &mut Vec<usize>, used: &mut [bool]) -> bool {
    if order.len() == ops.len() {
        return valid(ops, order);
    }
    for next in 0..ops.len() {
        if used[next] {
            continue;
        }
        used[next] = true;
        order.push(next);
        let found = extend(ops, order, used);
        order.pop();
        used[next] = false;
        if found {
            return true;
        }
    }
    false
}

fn valid(ops: &[&Operation], order: &[usize]) -> bool {
    for (position, &earlier) in order.iter().enumerate() {
        for &later in &order[position + 1..] {
            // `later` may not have ended before `earlier` began.
            if ops[later].responded.is_some_and(|ended| ended < ops[earlier].invoked) {
                return false;
            }
        }
    }
    let mut values: HashMap<&str, Option<&str>> = HashMap::new();
    for &op in order {
        let value = values.entry(ops[op].key.as_str()).or_insert(None);
        match &ops[op].access {
            Access::Write(written) => *value = Some(written),
            Access::Read(seen) if seen.as_deref() != *value => return false,
            Access::Read(_) => {}
        }
    }
    true
}

/// Whether every read in `set` keeps every write of `history` that wrote the value it read.
fn closed(set: &[Operation], history: &[Operation]) -> bool {
    set.iter().all(|read| match &read.access {
        Access::Read(Some(value)) => history
            .iter()
            .filter(|w| w.key == read.key && w.access == Access::Write(value.clone()))
            .all(|w| set.iter().any(|kept| kept.id == w.id)),
        _ => true,
    })
}

fn random_history(rng: &mut SimRng) -> Vec<Operation> {
    let count = rng.in_range(1, 7);
    (1..=count)
        .map(|id| {
            let key = if rng.chance(0.8) { "x" } else { "y" };
            let invoked = rng.in_range(0, 40);
            let responded = invoked + rng.in_range(0, 20);
            let value = rng.in_range(0, 2);
            if rng.chance(0.5) {
                let unknown = rng.chance(0.2);
                write(id, key, &value.to_string(), invoked, (!unknown).then_some(responded))
            } else {
                let seen = (value > 0).then(|| value.to_string());
                read(id, key, seen.as_deref(), invoked, responded)
            }
        })
        .collect()
}

#[test]
fn the_search_agrees_with_trying_every_order_on_random_small_histories() {
    let mut rng = SimRng::new(2017);
    let mut seen = [0, 0];
    for case in 0..20_000 {
        let history = random_history(&mut rng);
        let expected = brute_force(&history);
        let result = check(&history);
        assert_eq!(matches!(result, Linearizability::Linearizable { .. }), expected, "case {case}: {history:#?}");
        seen[usize::from(expected)] += 1;
        if let Linearizability::Violation(found) = result {
            let subset: Vec<Operation> =
                history.iter().filter(|op| found.operations.contains(&op.id)).cloned().collect();
            assert!(!brute_force(&subset), "case {case}: the reported set can be ordered: {found:?} of {history:#?}");
            for read in &subset {
                if let Access::Read(Some(seen)) = &read.access {
                    let writes =
                        history.iter().filter(|w| w.key == read.key && w.access == Access::Write(seen.clone()));
                    assert!(
                        writes.clone().all(|w| found.operations.contains(&w.id)),
                        "case {case}: {found:?} leaves out a write read {} could have read from",
                        read.id
                    );
                }
            }
            for left_out in &found.operations {
                let smaller: Vec<Operation> = subset.iter().filter(|op| op.id != *left_out).cloned().collect();
                assert!(
                    !closed(&smaller, &history) || brute_force(&smaller),
                    "case {case}: {found:?} is not minimal without {left_out}"
                );
            }
        }
    }
    assert!(seen[0] > 1_000 && seen[1] > 1_000, "both answers were exercised: {seen:?}");
}
