//! The event queue: earliest time first, and among equal times, first scheduled first.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::time::Millis;

/// A queue of `T` ordered by (time, sequence number). The sequence number makes the order of
/// simultaneous events a function of the order they were scheduled in, never of heap internals.
#[derive(Clone, Debug)]
pub struct EventQueue<T> {
    heap: BinaryHeap<Reverse<Scheduled<T>>>,
    next_seq: u64,
}

#[derive(Clone, Debug)]
struct Scheduled<T> {
    at: Millis,
    seq: u64,
    event: T,
}

impl<T> PartialEq for Scheduled<T> {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}

impl<T> Eq for Scheduled<T> {}

impl<T> PartialOrd for Scheduled<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Scheduled<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

impl<T> Default for EventQueue<T> {
    fn default() -> Self {
        EventQueue { heap: BinaryHeap::new(), next_seq: 0 }
    }
}

impl<T> EventQueue<T> {
    /// Schedules `event` at time `at`.
    pub fn push(&mut self, at: Millis, event: T) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Reverse(Scheduled { at, seq, event }));
    }

    /// The time of the earliest event, if any.
    pub fn peek_time(&self) -> Option<Millis> {
        self.heap.peek().map(|Reverse(s)| s.at)
    }

    /// Removes and returns the earliest event with its time.
    pub fn pop(&mut self) -> Option<(Millis, T)> {
        self.heap.pop().map(|Reverse(s)| (s.at, s.event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_by_time_then_by_scheduling_order() {
        let mut queue = EventQueue::default();
        queue.push(20, "late");
        queue.push(10, "first at 10");
        queue.push(10, "second at 10");
        queue.push(5, "early");
        let order: Vec<_> = std::iter::from_fn(|| queue.pop()).collect();
        assert_eq!(order, [(5, "early"), (10, "first at 10"), (10, "second at 10"), (20, "late")]);
    }
}
