//! Time-travel history: memory held for one hour of simulated time, and how long seeking to a
//! random moment takes. Run with `cargo bench -p raft-sim --bench history`.
//!
//! Memory is measured exactly: a counting allocator wraps the system one, and the figure is
//! the heap still held by the History after the hour, minus what was held before it existed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use raft_sim::{Action, History, Scenario, SimRng};

struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);

// SAFETY: defers every call to the system allocator; only counts the bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        HELD.fetch_add(new_size, Ordering::Relaxed);
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const HOUR_MS: u64 = 3_600_000;

/// Builds an hour of history, advancing like the page does (16 ms frames at 100x speed is
/// 1.6 s per frame), with a client write every `write_every_ms` (0: none), each server
/// snapshotting every `snapshot_every` applied entries (0: never).
fn hour_of_history(write_every_ms: u64, snapshot_every: u64) -> (History, usize) {
    let before = HELD.load(Ordering::Relaxed);
    let mut scenario = Scenario::new(1);
    scenario.options.snapshot_every = snapshot_every;
    let mut history = History::new(scenario).unwrap();
    let mut next_write = write_every_ms;
    let mut t = 0;
    while t < HOUR_MS {
        t += 1_600;
        if write_every_ms > 0 {
            while next_write <= t {
                history.advance_to(next_write);
                let leader = history.sim().leader().unwrap_or(1);
                let _ =
                    history.apply(Action::Write { node: leader, command: format!("k={}", next_write % 97), client: 1 });
                next_write += write_every_ms;
            }
        }
        history.advance_to(t);
    }
    let held = HELD.load(Ordering::Relaxed) - before;
    (history, held)
}

fn seek_times(history: &mut History) -> (f64, f64) {
    let mut rng = SimRng::new(42);
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let target = rng.in_range(0, HOUR_MS);
            let started = Instant::now();
            history.seek(target);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() - 1])
}

fn main() {
    let loads = [
        ("no client writes", 0, 0),
        ("a client write every 10 s", 10_000, 0),
        ("a client write every 1 s", 1_000, 0),
        ("a client write every 100 ms", 100, 0),
        ("a client write every 100 ms, snapshots every 100 entries", 100, 100),
    ];
    for (label, write_every_ms, snapshot_every) in loads {
        let (mut history, held) = hour_of_history(write_every_ms, snapshot_every);
        let (median, max) = seek_times(&mut history);
        println!(
            "history, 5 nodes, 1 hour simulated, {label}: {:.1} MB held ({} checkpoints, target <= 32 MB); \
             seek to a random moment: median {median:.2} ms, max {max:.2} ms (target <= 30 ms)",
            held as f64 / 1e6,
            history.checkpoint_count()
        );
    }
}
