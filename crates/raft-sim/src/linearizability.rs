//! Whether a key-value history is linearizable (Herlihy & Wing 1990): whether one order of the
//! operations exists that respects real time (an operation that ended before another began
//! comes first) and in which every read returns the value of the latest write before it.
//!
//! The search is Wing and Gong's, with Lowe's memoisation (2017), as Porcupine runs it: walk the
//! invocations and responses in time order; linearize an invoked operation whenever the register
//! allows it, remember each (set of linearized operations, register value) already tried, and
//! undo the latest choice when a response arrives for an operation not yet linearized. Keys are
//! independent registers, so each key is checked on its own (Porcupine's partitioning).
//!
//! An operation whose outcome is unknown (its client timed out, its leader lost leadership) may
//! or may not have taken effect: it is given no response, so it may be linearized at any point
//! after its invocation, including after every other operation, which is the same as never. A
//! read with an unknown outcome returned nothing and constrains nothing; it is left out.

use std::collections::HashSet;

use crate::time::Millis;

/// What an operation did to its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// Set the key to this value.
    Write(String),
    /// Read the key and got this value (`None`: the key was not set).
    Read(Option<String>),
}

/// One client operation, from invocation to response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The operation's id, which reports name it by.
    pub id: u64,
    /// The key it read or wrote.
    pub key: String,
    /// What it did.
    pub access: Access,
    /// When the client invoked it.
    pub invoked: Millis,
    /// When the client got its answer; `None` when the outcome is unknown.
    pub responded: Option<Millis>,
}

/// Why the operations of a [`NonLinearizable`] cannot be ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The read returned a value that no write of the history wrote to its key.
    NeverWritten {
        /// The read.
        read: u64,
    },
    /// The read returned a value older than a write that ended before the read began and
    /// began after every write of the value read had ended (or, for an unset key, after the
    /// start).
    Stale {
        /// The read.
        read: u64,
        /// The newer write it missed.
        newer: u64,
    },
    /// No order of these operations respects real time and the register (several reads that
    /// see writes in orders that cannot both hold, for instance).
    NoOrder,
}

/// A history that is not linearizable: a small set of operations, all on one key, that cannot
/// be ordered, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NonLinearizable {
    /// The key.
    pub key: String,
    /// The operations' ids, in order of invocation: a set that holds, for each of its reads,
    /// every write of the value read, so that it failing proves the history fails. Removing any
    /// one of them leaves operations that can be ordered, or a read without a write of its value.
    pub operations: Vec<u64>,
    /// Why.
    pub reason: Reason,
}

/// The answer of [`check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Linearizability {
    /// One order exists; each operation's linearization point (a moment between its invocation
    /// and its response at which it can be taken to happen, in that order), by id. Operations
    /// with an unknown outcome that the order does not need are left without a point.
    Linearizable {
        /// `(operation id, point)`, in the order found, key by key.
        points: Vec<(u64, Millis)>,
    },
    /// No order exists.
    Violation(NonLinearizable),
}

/// Checks `history`, where `initial` gives keys' values before the first operation (keys
/// absent from it start unset). Reads with an unknown outcome are ignored.
///
/// (The page runs this too: sorted vectors stand in for hash maps and sorting is unstable
/// throughout, which keeps the WebAssembly small at no cost to the answer.)
pub fn check(history: &[Operation], initial: &[(String, String)]) -> Linearizability {
    let mut keys: Vec<&str> = Vec::new();
    for op in history {
        if let Err(at) = keys.binary_search(&op.key.as_str()) {
            keys.insert(at, &op.key);
        }
    }
    let mut points = Vec::new();
    for key in keys {
        let on_key: Vec<&Operation> = history.iter().filter(|op| op.key == key && counts(op)).collect();
        let ops: Vec<&Operation> = on_key.iter().copied().filter(|op| !idle(op, &on_key)).collect();
        let start = initial.iter().find(|(k, _)| k == key).map(|(_, value)| value.as_str());
        if let Some(read) = ops.iter().find(|op| !sourced(op, &ops, start)) {
            let reason = Reason::NeverWritten { read: read.id };
            return Linearizability::Violation(NonLinearizable {
                key: key.to_owned(),
                operations: vec![read.id],
                reason,
            });
        }
        match Register::new(&ops, start).search() {
            Some(order) => points.extend(order),
            None => return Linearizability::Violation(shrink(key, &ops, start)),
        }
    }
    Linearizability::Linearizable { points }
}

/// Whether an operation constrains the search: every write, and reads that returned.
fn counts(op: &Operation) -> bool {
    matches!(op.access, Access::Write(_)) || op.responded.is_some()
}

/// Whether `op` is a write with an unknown outcome whose value no read returned. Leaving it out
/// changes no answer (an order with it stays an order without it: no read follows it before the
/// next write; and without it, it may be taken never to have happened), and each one left in
/// would double the orders to search once the history fails.
fn idle(op: &Operation, ops: &[&Operation]) -> bool {
    let Access::Write(value) = &op.access else { return false };
    op.responded.is_none()
        && !ops.iter().any(|other| matches!(&other.access, Access::Read(Some(seen)) if seen == value))
}

/// One key's operations, values interned as small numbers (0: unset).
struct Register {
    /// Invocation and response times.
    spans: Vec<(Millis, Option<Millis>)>,
    /// Per operation: `true` for a write of `value`, `false` for a read that saw `value`.
    writes: Vec<bool>,
    values: Vec<u32>,
    /// The key's value before the first operation.
    start: u32,
    ids: Vec<u64>,
}

impl Register {
    fn new<'a>(ops: &[&'a Operation], start: Option<&'a str>) -> Self {
        // Sorted by text: (text, number).
        let mut interned: Vec<(&'a str, u32)> = Vec::new();
        let mut intern = |value: Option<&'a str>| match value {
            None => 0,
            Some(text) => match interned.binary_search_by(|(known, _)| known.cmp(&text)) {
                Ok(at) => interned[at].1,
                Err(at) => {
                    let number = interned.len() as u32 + 1;
                    interned.insert(at, (text, number));
                    number
                }
            },
        };
        let start = intern(start);
        let mut register = Register { spans: vec![], writes: vec![], values: vec![], start, ids: vec![] };
        for op in ops {
            let (write, value) = match &op.access {
                Access::Write(value) => (true, intern(Some(value))),
                Access::Read(value) => (false, intern(value.as_deref())),
            };
            // A response is never before its invocation (a caller's slip is read as "at once").
            register.spans.push((op.invoked, op.responded.map(|at| at.max(op.invoked))));
            register.writes.push(write);
            register.values.push(value);
            register.ids.push(op.id);
        }
        register
    }

    /// The register after operation `op` on `state`, if `op` may happen there.
    fn step(&self, state: u32, op: usize) -> Option<u32> {
        if self.writes[op] {
            Some(self.values[op])
        } else {
            (self.values[op] == state).then_some(state)
        }
    }

    /// Lowe's search; the linearization points of an order found, or `None`.
    fn search(&self) -> Option<Vec<(u64, Millis)>> {
        let mut events = Events::new(&self.spans);
        let words = self.spans.len().div_ceil(64);
        let mut linearized = vec![0_u64; words];
        let mut tried: HashSet<(Vec<u64>, u32)> = HashSet::new();
        let mut state = self.start;
        // The choices made: (operation, register value before it).
        let mut chosen: Vec<(usize, u32)> = Vec::new();
        let mut cursor = events.first();
        while let Some(event) = cursor {
            let op = events.op(event);
            if events.is_call(event) {
                if let Some(next) = self.step(state, op) {
                    linearized[op / 64] |= 1 << (op % 64);
                    if tried.insert((linearized.clone(), next)) {
                        chosen.push((op, state));
                        state = next;
                        events.lift(op);
                        cursor = events.first();
                        continue;
                    }
                    linearized[op / 64] &= !(1 << (op % 64));
                }
                cursor = events.next(event);
            } else {
                // A response of an operation not linearized yet: undo the latest choice.
                let (undone, before) = chosen.pop()?;
                linearized[undone / 64] &= !(1 << (undone % 64));
                state = before;
                events.unlift(undone);
                cursor = events.next(events.call_of(undone));
            }
        }
        Some(self.points(&chosen))
    }

    /// Points for an order: each operation at its invocation or at the previous point, whichever
    /// is later; the search's rule (linearize only an operation that no pending response
    /// precedes) keeps each point before the operation's response.
    fn points(&self, order: &[(usize, u32)]) -> Vec<(u64, Millis)> {
        let mut at = 0;
        let mut points = Vec::with_capacity(order.len());
        for &(op, _) in order {
            let (invoked, responded) = self.spans[op];
            if responded.is_none() && self.writes[op] && !self.needed(order, op) {
                continue;
            }
            at = at.max(invoked);
            points.push((self.ids[op], at));
        }
        points
    }

    /// Whether a write with an unknown outcome matters to the order: some later operation in it
    /// reads what the write wrote (the operation right after it is a read).
    fn needed(&self, order: &[(usize, u32)], write: usize) -> bool {
        let position = order.iter().position(|&(op, _)| op == write);
        position.and_then(|p| order.get(p + 1)).is_some_and(|&(op, _)| !self.writes[op])
    }
}

/// Invocations and responses in time order, as a doubly linked list that operations are lifted
/// out of (both their events) when linearized and put back when undone.
struct Events {
    /// Per event: `(operation, is_call)`.
    kinds: Vec<(usize, bool)>,
    next: Vec<Option<usize>>,
    prev: Vec<Option<usize>>,
    head: Option<usize>,
    /// Per operation: its call's and its response's event.
    of_op: Vec<(usize, usize)>,
}

impl Events {
    fn new(spans: &[(Millis, Option<Millis>)]) -> Self {
        let mut order: Vec<(Millis, bool, usize)> = Vec::with_capacity(spans.len() * 2);
        for (op, &(invoked, responded)) in spans.iter().enumerate() {
            order.push((invoked, false, op));
            order.push((responded.unwrap_or(Millis::MAX), true, op));
        }
        // At equal times calls come first: operations that touch at a millisecond overlap.
        order.sort_unstable();
        let count = order.len();
        let mut of_op = vec![(0, 0); spans.len()];
        let kinds = order
            .iter()
            .enumerate()
            .map(|(event, &(_, is_return, op))| {
                if is_return {
                    of_op[op].1 = event;
                } else {
                    of_op[op].0 = event;
                }
                (op, !is_return)
            })
            .collect();
        Events {
            kinds,
            next: (0..count).map(|e| (e + 1 < count).then_some(e + 1)).collect(),
            prev: (0..count).map(|e| e.checked_sub(1)).collect(),
            head: (count > 0).then_some(0),
            of_op,
        }
    }

    fn first(&self) -> Option<usize> {
        self.head
    }

    fn next(&self, event: usize) -> Option<usize> {
        self.next[event]
    }

    fn op(&self, event: usize) -> usize {
        self.kinds[event].0
    }

    fn is_call(&self, event: usize) -> bool {
        self.kinds[event].1
    }

    fn call_of(&self, op: usize) -> usize {
        self.of_op[op].0
    }

    fn unlink(&mut self, event: usize) {
        match self.prev[event] {
            Some(before) => self.next[before] = self.next[event],
            None => self.head = self.next[event],
        }
        if let Some(after) = self.next[event] {
            self.prev[after] = self.prev[event];
        }
    }

    fn relink(&mut self, event: usize) {
        match self.prev[event] {
            Some(before) => self.next[before] = Some(event),
            None => self.head = Some(event),
        }
        if let Some(after) = self.next[event] {
            self.prev[after] = Some(event);
        }
    }

    /// Takes an operation's call and response out of the list.
    fn lift(&mut self, op: usize) {
        let (call, response) = self.of_op[op];
        self.unlink(call);
        self.unlink(response);
    }

    /// Puts them back, in the reverse order of [`lift`](Self::lift).
    fn unlift(&mut self, op: usize) {
        let (call, response) = self.of_op[op];
        self.relink(response);
        self.relink(call);
    }
}

/// A small failing subset of one key's operations, found the way delta debugging finds one:
/// take out halves, then quarters, and so on down to single operations, keeping every removal
/// after which the rest still fails, until removing any one operation would let it pass.
fn shrink(key: &str, ops: &[&Operation], start: Option<&str>) -> NonLinearizable {
    // Only closed sets (see `closed`) prove the history fails; the writes nobody could have
    // read are left out of each search, as `check` leaves them out.
    let fails = |set: &[&Operation]| {
        let live: Vec<&Operation> = set.iter().copied().filter(|op| !idle(op, set)).collect();
        closed(set, ops) && Register::new(&live, start).search().is_none()
    };
    let mut set: Vec<&Operation> = ops.to_vec();
    set.sort_unstable_by_key(|op| (op.invoked, op.id));
    let mut chunk = set.len().div_ceil(2);
    loop {
        let mut removed = false;
        let mut end = set.len();
        while end > 0 {
            let begin = end.saturating_sub(chunk);
            let without: Vec<&Operation> = set[..begin].iter().chain(&set[end..]).copied().collect();
            if fails(&without) {
                set = without;
                removed = true;
            }
            end = begin;
        }
        if chunk == 1 && !removed {
            break;
        }
        chunk = chunk.div_ceil(2);
    }
    NonLinearizable {
        key: key.to_owned(),
        operations: set.iter().map(|op| op.id).collect(),
        reason: reason(&set, start),
    }
}

/// Whether every read in `set` keeps every write of `ops` that wrote the value it read. Then an
/// order of all of `ops`, cut down to `set`, is an order of `set` (each read still follows the
/// write it read from, or no write at all), so `set` failing proves that `ops` fail; and a read
/// is never blamed for want of the write it really read from.
fn closed(set: &[&Operation], ops: &[&Operation]) -> bool {
    let mut kept: Vec<u64> = set.iter().map(|op| op.id).collect();
    kept.sort_unstable();
    set.iter().all(|read| match &read.access {
        Access::Read(Some(seen)) => ops.iter().all(|write| {
            !matches!(&write.access, Access::Write(v) if v == seen) || kept.binary_search(&write.id).is_ok()
        }),
        _ => true,
    })
}

/// Whether `op` is a write, or a read of the starting value or of a value some write in `set`
/// wrote.
fn sourced(op: &Operation, set: &[&Operation], start: Option<&str>) -> bool {
    let Access::Read(seen) = &op.access else { return true };
    seen.as_deref() == start
        || set.iter().any(|other| matches!(&other.access, Access::Write(v) if Some(v) == seen.as_ref()))
}

/// Names the simplest explanation that fits a failing set.
fn reason(set: &[&Operation], start: Option<&str>) -> Reason {
    for read in set {
        let Access::Read(seen) = &read.access else { continue };
        // When every write of the value read had ended (`None`: it can only be the starting
        // value, there from before the history began).
        let sources = set.iter().filter(|op| matches!(&op.access, Access::Write(v) if Some(v) == seen.as_ref()));
        let Some(settled) = sources
            .map(|op| op.responded)
            .try_fold(None, |latest: Option<Millis>, ended| Some(Some(latest.unwrap_or(0).max(ended?))))
        else {
            continue;
        };
        if settled.is_some() && seen.as_deref() == start {
            continue; // it may have read the starting value, or a write's
        }
        let newer = set.iter().find(|op| {
            matches!(&op.access, Access::Write(v) if Some(v) != seen.as_ref())
                && settled.is_none_or(|settled| op.invoked > settled)
                && op.responded.is_some_and(|ended| ended < read.invoked)
        });
        if let Some(newer) = newer {
            return Reason::Stale { read: read.id, newer: newer.id };
        }
    }
    Reason::NoOrder
}
