//! The linearizability checker on a 10,000-operation key-value history: three clients, each
//! with one operation at a time, on four keys, 2 % of the writes with an unknown outcome; once
//! as recorded (linearizable) and once with one late read made to return the key's first value. Run with
//! `cargo bench -p raft-sim --bench linearizability`. Target: under a second natively.

use std::collections::HashMap;
use std::time::Instant;

use raft_sim::{check_linearizability, Access, Linearizability, Operation, SimRng};

const OPERATIONS: u64 = 10_000;
const CLIENTS: u64 = 3;
const KEYS: [&str; 4] = ["a", "b", "c", "d"];

/// A history that happened: each operation takes effect at a random moment inside its
/// interval, and reads return what the register held at that moment.
fn recorded_history(rng: &mut SimRng) -> Vec<Operation> {
    let mut planned: Vec<(Operation, u64)> = Vec::new();
    let mut clock = [0_u64; CLIENTS as usize];
    for id in 1..=OPERATIONS {
        let client = (id % CLIENTS) as usize;
        let invoked = clock[client] + rng.in_range(1, 30);
        let responded = invoked + rng.in_range(1, 60);
        clock[client] = responded;
        let point = rng.in_range(invoked, responded);
        let key = KEYS[rng.in_range(0, KEYS.len() as u64 - 1) as usize].to_owned();
        let access = if rng.chance(0.5) { Access::Write(id.to_string()) } else { Access::Read(None) };
        planned.push((Operation { id, key, access, invoked, responded: Some(responded) }, point));
    }
    planned.sort_by_key(|(op, point)| (*point, op.id));
    let mut register: HashMap<String, String> = HashMap::new();
    let mut history = Vec::with_capacity(planned.len());
    for (mut op, _) in planned {
        match &mut op.access {
            Access::Write(value) if rng.chance(0.02) => {
                op.responded = None; // the client timed out; the write took effect or not
                if rng.chance(0.5) {
                    register.insert(op.key.clone(), value.clone());
                }
            }
            Access::Write(value) => {
                register.insert(op.key.clone(), value.clone());
            }
            Access::Read(seen) => *seen = register.get(&op.key).cloned(),
        }
        history.push(op);
    }
    history.sort_by_key(|op| op.id);
    history
}

/// The median of five timed runs, in milliseconds, and the last answer.
fn time(history: &[Operation]) -> (f64, Linearizability) {
    let mut times = Vec::new();
    let mut answer = None;
    for _ in 0..5 {
        let start = Instant::now();
        answer = Some(check_linearizability(history, &[]));
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    (times[2], answer.expect("five runs"))
}

fn main() {
    let mut rng = SimRng::new(6);
    let history = recorded_history(&mut rng);
    let (ms, answer) = time(&history);
    assert!(matches!(answer, Linearizability::Linearizable { .. }), "the recorded history is linearizable");
    println!(
        "linearizability, {OPERATIONS} operations, {CLIENTS} clients, {} keys: {ms:.1} ms (target < 1000 ms)",
        KEYS.len()
    );

    let mut stale = history.clone();
    let late_read = (stale.len() * 9 / 10..stale.len())
        .find(|&i| matches!(stale[i].access, Access::Read(Some(_))))
        .expect("a late read that saw a value");
    let key = stale[late_read].key.clone();
    let first_write = stale.iter().find(|op| op.key == key && matches!(op.access, Access::Write(_))).expect("a write");
    let Access::Write(old_value) = first_write.access.clone() else { unreachable!("a write") };
    stale[late_read].access = Access::Read(Some(old_value));
    let (ms, answer) = time(&stale);
    let Linearizability::Violation(found) = answer else { panic!("a stale read is found") };
    println!(
        "linearizability, {OPERATIONS} operations, one stale read: {ms:.1} ms to find {} operations that cannot be ordered (target < 1000 ms)",
        found.operations.len()
    );
}
