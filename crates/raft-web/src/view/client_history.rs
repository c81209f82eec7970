//! The clients' history as the Client history panel draws it: each read, write and membership
//! change a bar from invocation to response in its client's lane, with the linearizability
//! verdict on the reads and writes (thesis §6.3; the checker is
//! `raft_sim::check_linearizability`).

use std::collections::BTreeMap;

use raft_sim::{Linearizability, MembershipChange, Millis, OpKind, OpResult, Reason, Simulation};

/// How an operation ended, as its bar is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Acknowledged (a write) or answered (a read).
    Ok,
    /// It may or may not have taken effect: a timeout, or a leader that stepped down.
    Unknown,
    /// Refused: it never took effect.
    Failed,
    /// Still waiting for an answer.
    Open,
}

impl Outcome {
    /// The name in `data-outcome`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Unknown => "unknown",
            Outcome::Failed => "failed",
            Outcome::Open => "open",
        }
    }
}

/// One operation's bar.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryBar {
    /// The operation's id.
    pub id: u64,
    /// Its client, 1 to 3.
    pub client: u32,
    /// A read or a write.
    pub read: bool,
    /// The membership change it asked for, when it is one (thesis chapter 4): no key, no
    /// value, no linearization point.
    pub change: Option<MembershipChange>,
    /// The key.
    pub key: String,
    /// A write's value, or the value a read returned (`None`: not set, or no answer).
    pub value: Option<String>,
    /// When it was invoked.
    pub start: Millis,
    /// When it was answered, if it was.
    pub end: Option<Millis>,
    /// How it ended.
    pub outcome: Outcome,
    /// Its linearization point, when the history is linearizable and the order needs it.
    pub point: Option<Millis>,
    /// Whether it is one of the operations that cannot be ordered.
    pub offending: bool,
    /// Its row in its client's lane: 0, or more while an earlier operation of the same client
    /// is still open (a client that did not wait for its answer).
    pub row: u32,
}

/// Why the history is not linearizable, for the Linearizable badge.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryBreach {
    /// The key.
    pub key: String,
    /// The operations that cannot be ordered.
    pub operations: Vec<u64>,
    /// Why.
    pub reason: Reason,
    /// When the last of them was answered: where Jump to the violation goes.
    pub at_ms: Millis,
}

/// The panel's content at one moment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClientHistoryView {
    /// Every read, write and membership change so far, in invocation order.
    pub bars: Vec<HistoryBar>,
    /// `None` while the history is linearizable.
    pub breach: Option<HistoryBreach>,
}

/// The stretch of time the panel's axis shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistoryAxis {
    /// Its left end.
    pub from: Millis,
    /// Its right end.
    pub to: Millis,
    /// Whether it shows only recent time because the whole run is too crowded to read.
    pub recent: bool,
}

impl HistoryAxis {
    /// The moments to mark on the axis, at most `most` of them: the multiples, between its
    /// ends, of the shortest round step (1, 2 or 5 times a power of ten milliseconds) that
    /// gives no more than `most`.
    pub fn ticks(&self, most: usize) -> Vec<Millis> {
        let length = self.to.saturating_sub(self.from).max(1);
        let most = most.max(1) as Millis;
        let step = (0..18)
            .flat_map(|power| [1, 2, 5].map(|mantissa| mantissa * 10u64.pow(power)))
            .find(|&step| length / step < most)
            .unwrap_or(Millis::MAX);
        let first = self.from.div_ceil(step) * step;
        (0..).map(|i| first + i * step).take_while(|&tick| tick <= self.to).collect()
    }
}

/// The recent stretches the axis may show when the whole run is crowded, longest first.
const RECENT_MS: [Millis; 8] = [60_000, 30_000, 20_000, 10_000, 5_000, 3_000, 2_000, 1_000];

/// Gives each bar the first row of its client's lane that is free when it starts: where
/// none is (the client's earlier operations are all still open then), a new row.
fn in_rows(mut bars: Vec<HistoryBar>) -> Vec<HistoryBar> {
    // Per client, when each row is free again (`None`: never, an open operation holds it).
    let mut free_at: BTreeMap<u32, Vec<Option<Millis>>> = BTreeMap::new();
    for bar in &mut bars {
        let rows = free_at.entry(bar.client).or_default();
        let row = rows.iter().position(|end| end.is_some_and(|end| end <= bar.start)).unwrap_or(rows.len());
        if row == rows.len() {
            rows.push(None);
        }
        rows[row] = bar.end;
        bar.row = row as u32;
    }
    bars
}

impl ClientHistoryView {
    /// How many rows client `client`'s lane needs (at least 1).
    pub fn rows(&self, client: u32) -> u32 {
        self.bars.iter().filter(|bar| bar.client == client).map(|bar| bar.row + 1).max().unwrap_or(1)
    }

    /// What the axis shows at `time_ms`: the whole run so far (at least its first second) when
    /// no row has more than `capacity` operations, else the longest recent stretch ending at
    /// `time_ms` in which none has (at least a second), reaching back to the first operation
    /// that cannot be ordered, if there is one, so that a breach stays in view.
    pub fn axis(&self, time_ms: Millis, capacity: usize) -> HistoryAxis {
        let crowded = |from: Millis| {
            // Per client (1 to 3) and row (a client that does not wait for answers may need
            // many; the first 64 are told apart, which is plenty to see a crowd).
            let mut per_row = vec![0usize; 4 * 64];
            for bar in self.bars.iter().filter(|bar| bar.end.unwrap_or(time_ms) >= from) {
                per_row[(bar.client.min(3) * 64 + bar.row.min(63)) as usize] += 1;
            }
            per_row.into_iter().any(|count| count > capacity.max(1))
        };
        let whole = HistoryAxis { from: 0, to: time_ms.max(RECENT_MS[RECENT_MS.len() - 1]), recent: false };
        if !crowded(0) {
            return whole;
        }
        let stretch = RECENT_MS
            .into_iter()
            .filter(|&stretch| stretch < time_ms)
            .find(|&stretch| !crowded(time_ms - stretch))
            .unwrap_or(RECENT_MS[RECENT_MS.len() - 1]);
        let breach_from = self.bars.iter().filter(|bar| bar.offending).map(|bar| bar.start).min();
        match time_ms.saturating_sub(stretch).min(breach_from.unwrap_or(Millis::MAX)) {
            0 => whole,
            from => HistoryAxis { from, to: time_ms.max(from + 1), recent: true },
        }
    }

    /// The history of `sim`'s clients, checked.
    pub fn of(sim: &Simulation) -> Self {
        let verdict = sim.linearizability();
        let (points, offending) = match &verdict {
            Linearizability::Linearizable { points } => (points.as_slice(), &[][..]),
            Linearizability::Violation(failure) => (&[][..], failure.operations.as_slice()),
        };
        let bars: Vec<HistoryBar> = sim
            .client_ops()
            .map(|op| {
                let read = op.kind == OpKind::Read;
                let value = if read {
                    op.value.clone().flatten()
                } else {
                    op.command.split_once('=').map(|(_, value)| value.to_owned())
                };
                let outcome = match op.result {
                    None => Outcome::Open,
                    Some(OpResult::Ok) => Outcome::Ok,
                    Some(OpResult::Unknown | OpResult::Timeout) => Outcome::Unknown,
                    Some(OpResult::NoLeader | OpResult::Refused) => Outcome::Failed,
                };
                HistoryBar {
                    id: op.id,
                    client: op.client,
                    read,
                    change: op.change.clone(),
                    key: op.key.clone().unwrap_or_default(),
                    value,
                    start: op.invoked_ms,
                    end: op.responded_ms,
                    outcome,
                    point: points.iter().find(|(id, _)| *id == op.id).map(|&(_, at)| at),
                    offending: offending.contains(&op.id),
                    row: 0,
                }
            })
            .collect();
        let bars = in_rows(bars);
        let breach = match verdict {
            Linearizability::Linearizable { .. } => None,
            Linearizability::Violation(failure) => {
                let at_ms = bars.iter().filter(|bar| bar.offending).filter_map(|bar| bar.end).max().unwrap_or(0);
                Some(HistoryBreach { key: failure.key, operations: failure.operations, reason: failure.reason, at_ms })
            }
        };
        ClientHistoryView { bars, breach }
    }

    /// The bar's label, after `write` and `read` (`w` and `r` in English): `w x=3`, `r x → 3`,
    /// `r x → ∅` (not set), `r x` (no answer); a membership change's in names alone: `+S4`,
    /// `−S2`, `→ {4,5,6}`.
    pub fn label(bar: &HistoryBar, (write, read): (&str, &str)) -> String {
        if let Some(change) = &bar.change {
            return match change {
                MembershipChange::Add(node) => format!("+S{node}"),
                MembershipChange::Remove(node) => format!("−S{node}"),
                MembershipChange::Reconfigure(voters) => {
                    let voters: Vec<String> = voters.iter().map(u32::to_string).collect();
                    format!("→ {{{}}}", voters.join(","))
                }
            };
        }
        match (bar.read, &bar.value, bar.outcome) {
            (false, value, _) => format!("{write} {}={}", bar.key, value.as_deref().unwrap_or("")),
            (true, Some(value), _) => format!("{read} {} → {value}", bar.key),
            (true, None, Outcome::Ok) => format!("{read} {} → ∅", bar.key),
            (true, None, _) => format!("{read} {}", bar.key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::{Action, ScenarioExt as _};

    #[test]
    fn a_stale_read_is_drawn_with_the_write_it_missed() {
        let json = r#"{ "version": 1, "seed": 7, "nodes": 3, "options": { "unsafe": { "stale_reads": true } } }"#;
        let mut sim = raft_sim::Scenario::from_json(json).unwrap().build(false).unwrap();
        sim.run_until(1_000);
        let leader = sim.leader().unwrap();
        let lagging = if leader == 3 { 2 } else { 3 };
        sim.apply(Action::Partition { groups: vec![vec![lagging]] }).unwrap();
        sim.apply(Action::Write { node: leader, command: "x=1".into(), client: 1 }).unwrap();
        sim.run_until(1_300);
        sim.apply(Action::Read { node: lagging, key: "x".into(), client: 2 }).unwrap();
        sim.run_until(1_400);
        let view = ClientHistoryView::of(&sim);
        assert_eq!(view.bars.len(), 2);
        assert_eq!(ClientHistoryView::label(&view.bars[0], ("w", "r")), "w x=1");
        assert_eq!(ClientHistoryView::label(&view.bars[1], ("w", "r")), "r x → ∅", "the lagging server never saw x=1");
        assert_eq!((view.bars[1].client, view.bars[1].outcome), (2, Outcome::Ok));
        let breach = view.breach.expect("a read that misses a completed write");
        assert_eq!((breach.key.as_str(), breach.operations.len()), ("x", 2));
        assert!(view.bars.iter().all(|bar| bar.offending && bar.point.is_none()));
        assert_eq!(breach.at_ms, view.bars[1].end.unwrap());
    }

    #[test]
    fn membership_changes_are_bars_named_by_their_servers_outside_the_linearizability_check() {
        let json = r#"{ "version": 1, "seed": 1, "nodes": 3, "actions": [
            { "at_ms": 500, "do": "write", "node": 1, "command": "x=1" },
            { "at_ms": 600, "do": "add_server", "node": 4 },
            { "at_ms": 700, "do": "remove_server", "node": 2 } ] }"#;
        let mut sim = raft_sim::Scenario::from_json(json).unwrap().build(false).unwrap();
        sim.run_until(2_000);
        let view = ClientHistoryView::of(&sim);
        let labels: Vec<(String, Outcome)> =
            view.bars.iter().map(|bar| (ClientHistoryView::label(bar, ("w", "r")), bar.outcome)).collect();
        assert_eq!(
            labels,
            [("w x=1".to_owned(), Outcome::Ok), ("+S4".to_owned(), Outcome::Ok), ("−S2".to_owned(), Outcome::Failed)],
            "the second change is refused while the first is under way"
        );
        assert!(view.bars[1].end.unwrap() > view.bars[1].start + 10, "from the request to C{{1,2,3,4}} committed");
        assert!(view.bars[1].point.is_none() && view.bars[0].point.is_some(), "only the write is linearized");
        assert_eq!(view.bars[2].row, 1, "sent while the first change waits: a second row");
        let joint = HistoryBar { change: Some(MembershipChange::Reconfigure(vec![4, 5, 6])), ..view.bars[1].clone() };
        assert_eq!(ClientHistoryView::label(&joint, ("w", "r")), "→ {4,5,6}");
    }

    #[test]
    fn a_client_that_does_not_wait_gets_a_second_row_while_its_first_operation_is_open() {
        let bar = |id, client, start, end| HistoryBar {
            id,
            client,
            read: false,
            change: None,
            key: "x".into(),
            value: None,
            start,
            end,
            outcome: Outcome::Ok,
            point: None,
            offending: false,
            row: 0,
        };
        let bars = in_rows(vec![
            bar(1, 1, 100, Some(300)),
            bar(2, 1, 200, None),      // while 1 is open: a second row
            bar(3, 2, 250, Some(400)), // another client: its own lane
            bar(4, 1, 300, Some(350)), // 1 has ended: its row again
            bar(5, 1, 320, Some(500)), // 1's row is taken by 4, 2's forever: a third
        ]);
        let rows: Vec<u32> = bars.iter().map(|bar| bar.row).collect();
        assert_eq!(rows, [0, 1, 0, 0, 2]);
        let view = ClientHistoryView { bars, breach: None };
        assert_eq!((view.rows(1), view.rows(2), view.rows(3)), (3, 1, 1));
    }

    #[test]
    fn a_crowded_history_shows_the_longest_recent_stretch_that_is_not() {
        let bar = |id: u64, start: Millis, offending: bool| HistoryBar {
            id,
            client: 1,
            read: false,
            change: None,
            key: "x".into(),
            value: None,
            start,
            end: Some(start + 50),
            outcome: Outcome::Ok,
            point: None,
            offending,
            row: 0,
        };
        // One write every 500 ms from 1 s to 30.5 s: 60 in one row.
        let steady: Vec<HistoryBar> = (0..60).map(|i| bar(i, 1_000 + 500 * i, false)).collect();
        let view = ClientHistoryView { bars: steady.clone(), breach: None };
        assert_eq!(view.axis(31_000, 60), HistoryAxis { from: 0, to: 31_000, recent: false }, "all fit");
        // The last 10 s hold 20 writes (21 s to 30.5 s), the last 5 s 10.
        assert_eq!(view.axis(31_000, 20), HistoryAxis { from: 21_000, to: 31_000, recent: true });
        assert_eq!(view.axis(31_000, 19).from, 26_000);
        assert_eq!(view.axis(31_000, 1), HistoryAxis { from: 30_000, to: 31_000, recent: true }, "a second at least");
        // An operation that cannot be ordered stays in view.
        let mut bars = steady;
        bars[10].offending = true;
        let view = ClientHistoryView { bars, breach: None };
        assert_eq!(view.axis(31_000, 20).from, 6_000, "the offending write began at 6 s");
        // Early in a run nothing reaches before 0.
        let view = ClientHistoryView { bars: (0..10).map(|i| bar(i, 100 * i, false)).collect(), breach: None };
        assert_eq!(view.axis(1_000, 2), HistoryAxis { from: 0, to: 1_000, recent: false });
    }

    #[test]
    fn the_axis_is_marked_at_round_moments() {
        let axis = |from, to| HistoryAxis { from, to, recent: from > 0 };
        assert_eq!(axis(0, 1_000).ticks(6), [0, 200, 400, 600, 800, 1_000]);
        assert_eq!(axis(0, 1_000).ticks(5), [0, 500, 1_000]);
        assert_eq!(axis(55_100, 60_100).ticks(8), [56_000, 57_000, 58_000, 59_000, 60_000]);
        assert_eq!(axis(55_100, 60_100).ticks(3), [56_000, 58_000, 60_000]);
        assert_eq!(axis(0, 3_600_000).ticks(4), [0, 1_000_000, 2_000_000, 3_000_000]);
        assert_eq!(axis(0, 3_600_000).ticks(8).len(), 8, "every 500 s");
        assert_eq!(axis(7, 8).ticks(1), [8]);
        assert!(axis(0, 1_000).ticks(0).len() <= 2, "a panel too narrow for any still gets its ends' marks at most");
    }

    #[test]
    fn a_linearizable_history_marks_each_operations_point() {
        let mut sim = raft_sim::Scenario::new(3).build(false).unwrap();
        sim.run_until(1_000);
        let leader = sim.leader().unwrap();
        sim.apply(Action::Write { node: leader, command: "x=1".into(), client: 1 }).unwrap();
        sim.run_until(1_200);
        sim.apply(Action::Read { node: leader, key: "x".into(), client: 3 }).unwrap();
        sim.run_until(1_400);
        let view = ClientHistoryView::of(&sim);
        assert_eq!(view.breach, None);
        assert_eq!(ClientHistoryView::label(&view.bars[1], ("w", "r")), "r x → 1");
        for bar in &view.bars {
            let point = bar.point.expect("every acknowledged operation has a point");
            assert!(bar.start <= point && point <= bar.end.unwrap(), "{bar:?}");
        }
    }
}
