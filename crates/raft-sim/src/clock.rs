//! A server's own clock. Raft's safety never depends on clocks, but leases do (thesis §6.4.1):
//! a leader answers reads on its lease for as long as *its* clock says, while the servers
//! that gave it the lease wait for *theirs*. The simulator runs one exact clock; a server's
//! clock follows it at a speed of its own, set by the `clock` action, and each server's Raft
//! sees only its own time.

use crate::time::Millis;

/// Exact speed: a clock that runs at 100 % of real time.
pub const EXACT_PERCENT: u32 = 100;

/// A server's clock: exact until its first change of speed, then one piece per speed, each
/// starting where the last one ended, so the time it reads never jumps and never goes back.
/// The pieces are kept so that a time it read in the past can be put back in real time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ServerClock {
    pieces: Vec<Piece>,
}

/// From real time `since`, when the clock read `read_then`, it runs at `percent` of real time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Piece {
    since: Millis,
    read_then: Millis,
    percent: u32,
}

/// The piece of an exact clock that was never changed.
const EXACT: Piece = Piece { since: 0, read_then: 0, percent: EXACT_PERCENT };

impl ServerClock {
    fn current(&self) -> Piece {
        self.pieces.last().copied().unwrap_or(EXACT)
    }

    /// Its speed, in percent of real time.
    pub fn percent(&self) -> u32 {
        self.current().percent
    }

    /// Whether it has always kept real time.
    pub fn is_exact(&self) -> bool {
        self.pieces.is_empty()
    }

    /// What it reads at real time `now` (not before its latest change of speed), rounded
    /// down to the millisecond.
    pub fn read(&self, now: Millis) -> Millis {
        let piece = self.current();
        let elapsed = now.saturating_sub(piece.since);
        piece.read_then.saturating_add(elapsed.saturating_mul(u64::from(piece.percent)) / 100)
    }

    /// The real time at which it reads, or read, `local`, rounded up.
    pub fn real_time_of(&self, local: Millis) -> Millis {
        let piece = self.pieces.iter().rev().find(|piece| piece.read_then <= local).copied().unwrap_or(EXACT);
        piece.since.saturating_add(span_at(local - piece.read_then, piece.percent))
    }

    /// How much real time passes while it counts `span` at its speed now, rounded up.
    pub fn real_span(&self, span: Millis) -> Millis {
        span_at(span, self.percent())
    }

    /// From real time `now` on, it runs at `percent` of real time.
    pub fn set_speed(&mut self, now: Millis, percent: u32) {
        let read_then = self.read(now);
        if self.pieces.last().is_some_and(|piece| piece.since == now) {
            self.pieces.pop();
        }
        self.pieces.push(Piece { since: now, read_then, percent });
    }
}

/// How much real time passes while a clock at `percent` counts `span`, rounded up.
fn span_at(span: Millis, percent: u32) -> Millis {
    span.saturating_mul(100).div_ceil(u64::from(percent.max(1)))
}

/// How far apart `clocks` run, in percent: how much faster the fastest runs than the
/// slowest, rounded up (0 when they all run at one speed, or there are none). The bound a
/// lease must allow for to stay safe on these clocks (see `RaftOptions::lease_window`).
pub fn drift_percent<'a>(clocks: impl IntoIterator<Item = &'a ServerClock>) -> u32 {
    let (slowest, fastest) =
        clocks.into_iter().map(ServerClock::percent).fold((u32::MAX, 0), |(low, high), p| (low.min(p), high.max(p)));
    (fastest * 100).div_ceil(slowest.max(1)).saturating_sub(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exact_clock_reads_real_time() {
        let clock = ServerClock::default();
        assert!(clock.is_exact());
        assert_eq!((clock.read(0), clock.read(1234)), (0, 1234));
        assert_eq!((clock.real_span(150), clock.real_time_of(1234)), (150, 1234));
    }

    #[test]
    fn a_slowed_clock_goes_on_from_where_it_was_and_never_jumps() {
        let mut clock = ServerClock::default();
        clock.set_speed(1_000, 25);
        assert_eq!(clock.read(1_000), 1_000);
        assert_eq!(clock.read(1_400), 1_100, "a quarter of 400 ms");
        assert_eq!(clock.real_span(150), 600);
        assert_eq!(clock.real_time_of(1_250), 2_000);
        clock.set_speed(2_000, 200);
        assert_eq!(clock.read(2_000), 1_250);
        assert_eq!(clock.read(2_100), 1_450);
        assert_eq!(clock.real_span(3), 2, "rounded up");
        assert!(!clock.is_exact());
        // Times it read in the past are put back at the speed it ran at then.
        assert_eq!(clock.real_time_of(900), 900, "before it was slowed");
        assert_eq!(clock.real_time_of(1_100), 1_400, "at a quarter of real time");
        assert_eq!(clock.real_time_of(1_450), 2_100, "twice as fast");
    }

    #[test]
    fn drift_is_the_fastest_clock_against_the_slowest() {
        let at = |percent| {
            let mut clock = ServerClock::default();
            clock.set_speed(0, percent);
            clock
        };
        assert_eq!(drift_percent(&[ServerClock::default(), ServerClock::default()]), 0);
        assert_eq!(drift_percent(&[at(50), ServerClock::default()]), 100);
        assert_eq!(drift_percent(&[at(50), at(200)]), 300);
        assert_eq!(drift_percent(&[at(110), ServerClock::default()]), 10);
        assert_eq!(drift_percent(&[at(30), ServerClock::default()]), 234, "rounded up");
        assert_eq!(drift_percent(&[at(50), at(50)]), 0, "equally slow clocks do not drift apart");
        assert_eq!(drift_percent(&[]), 0);
    }
}
