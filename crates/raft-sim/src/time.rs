//! Simulated time.

pub use raft_scenario::Millis;

/// How much of the interval `start..end` has passed at `at`, from 0 to 1 (1 for an empty
/// interval). `at` is fractional so drawings can move smoothly between two milliseconds.
pub fn elapsed_fraction(start: Millis, end: Millis, at: f64) -> f64 {
    if end <= start {
        return 1.0;
    }
    ((at - start as f64) / (end - start) as f64).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_are_clamped_and_handle_empty_intervals() {
        assert_eq!(elapsed_fraction(10, 20, 15.0), 0.5);
        assert_eq!(elapsed_fraction(10, 20, 99.0), 1.0);
        assert_eq!(elapsed_fraction(10, 20, 0.0), 0.0);
        assert_eq!(elapsed_fraction(10, 10, 10.0), 1.0);
    }
}
