//! The simulator's one random source: SplitMix64 (Steele, Lea & Flood, 2014), whose output is
//! defined by its algorithm alone, so a seed gives the same numbers on every target and in every
//! release. It is a `rand_core` generator (`RngCore`, `SeedableRng`), so anything outside the
//! simulation (the fuzzer's schedules) can use `rand`'s API on it; the simulation itself draws
//! with [`SimRng::in_range`] and [`SimRng::chance`], whose results no `rand` release can change.

use rand_core::{RngCore, SeedableRng};

/// A seeded, portable pseudo-random generator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimRng {
    state: u64,
}

impl SimRng {
    /// A generator whose whole output is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        SimRng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// True with probability `p`: a uniform 53-bit fraction below `p` (exact in IEEE-754
    /// doubles, so the same on every target).
    pub fn chance(&mut self, p: f64) -> bool {
        let fraction = (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        fraction < p
    }

    /// A uniform integer in `low..=high` (`low` when `high <= low`), without modulo bias:
    /// Lemire's multiply-and-reject method.
    pub fn in_range(&mut self, low: u64, high: u64) -> u64 {
        if high <= low {
            return low;
        }
        let span = high - low;
        if span == u64::MAX {
            return self.next_u64();
        }
        let n = span + 1;
        let threshold = n.wrapping_neg() % n;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(n);
            if (product as u64) >= threshold {
                return low + (product >> 64) as u64;
            }
        }
    }
}

impl RngCore for SimRng {
    fn next_u32(&mut self) -> u32 {
        (SimRng::next_u64(self) >> 32) as u32
    }

    fn next_u64(&mut self) -> u64 {
        SimRng::next_u64(self)
    }

    fn fill_bytes(&mut self, bytes: &mut [u8]) {
        rand_core::impls::fill_bytes_via_next(self, bytes);
    }
}

/// Seeded by 8 bytes, little-endian; `seed_from_u64(s)` is exactly `SimRng::new(s)`.
impl SeedableRng for SimRng {
    type Seed = [u8; 8];

    fn from_seed(seed: [u8; 8]) -> Self {
        SimRng::new(u64::from_le_bytes(seed))
    }

    fn seed_from_u64(state: u64) -> Self {
        SimRng::new(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_is_a_rand_generator_with_the_same_stream() {
        let mut ours = SimRng::new(5);
        let mut theirs = SimRng::seed_from_u64(5);
        assert_eq!(SimRng::from_seed(5u64.to_le_bytes()), SimRng::new(5));
        let expected = ours.next_u64();
        assert_eq!(RngCore::next_u64(&mut theirs), expected);
        let mut bytes = [0u8; 8];
        theirs.fill_bytes(&mut bytes);
        assert_eq!(u64::from_le_bytes(bytes), ours.next_u64());
    }

    #[test]
    fn matches_the_reference_splitmix64_output() {
        // First outputs of the reference implementation seeded with 0.
        let mut rng = SimRng::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
    }

    #[test]
    fn in_range_stays_inside_and_reaches_both_ends() {
        let mut rng = SimRng::new(42);
        let draws: Vec<u64> = (0..2000).map(|_| rng.in_range(150, 300)).collect();
        assert!(draws.iter().all(|d| (150..=300).contains(d)));
        assert!(draws.contains(&150) && draws.contains(&300));
    }

    #[test]
    fn chance_is_never_for_zero_always_for_one_and_near_p_between() {
        let mut rng = SimRng::new(9);
        assert!((0..1000).all(|_| !rng.chance(0.0)));
        assert!((0..1000).all(|_| rng.chance(1.0)));
        let hits = (0..10_000).filter(|_| rng.chance(0.25)).count();
        assert!((2_300..2_700).contains(&hits), "{hits} of 10000 at p = 0.25");
    }

    #[test]
    fn in_range_of_one_value_is_that_value() {
        let mut rng = SimRng::new(1);
        assert_eq!(rng.in_range(50, 50), 50);
    }
}
