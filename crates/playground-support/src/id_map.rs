//! A map keyed by ids that grow as they are handed out (message ids, log indexes): a window
//! of slots from the oldest id still present, so that inserting the next id, removing any id
//! and finding one are all constant time, iteration is in id order, and a clone is one copy.
//!
//! It holds what a run can fill by the thousand (messages in flight on a swamped or slow
//! network, a leader's uncommitted writes) for a fraction of a B-tree's code in the page's
//! WebAssembly. Memory is one slot per id from the oldest present to the newest, so the ids
//! must come from a counter, not from input.

/// Hashes the (id, value) pairs in id order.
impl<V: std::hash::Hash> std::hash::Hash for IdMap<V> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.len().hash(state);
        self.iter().for_each(|pair| pair.hash(state));
    }
}

/// Values by increasing `u64` ids, iterated in id order.
#[derive(Clone, Debug)]
pub struct IdMap<V> {
    /// The id of `slots[0]`.
    first: u64,
    /// One slot per id from `first` on; the first slot is always full (or there are none).
    /// Emptied slots at the front are dropped when they are half of the vector.
    slots: Vec<Option<V>>,
    /// How many slots at the front are emptied but not yet dropped.
    start: usize,
    len: usize,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V> IdMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        IdMap { first: 0, slots: Vec::new(), start: 0, len: 0 }
    }

    /// Where `id` lives in `slots`, if inside the live window.
    fn slot(&self, id: u64) -> Option<usize> {
        let at = usize::try_from(id.checked_sub(self.first)?).ok()?;
        (self.start..self.slots.len()).contains(&at).then_some(at)
    }

    /// Sets `id` to `value`; returns the value it replaces, if any.
    pub fn insert(&mut self, id: u64, value: V) -> Option<V> {
        if self.len == 0 {
            (self.first, self.start) = (id, 0);
            self.slots.clear();
        }
        if id < self.first {
            // Rare: an id below every slot. Make room at the front.
            let gap = slot_distance(self.first - id);
            let mut slots: Vec<Option<V>> = (0..gap).map(|_| None).collect();
            slots.append(&mut self.slots);
            (self.slots, self.first, self.start) = (slots, id, self.start + gap);
        }
        let at = slot_distance(id - self.first);
        if at >= self.slots.len() {
            self.slots.resize_with(at + 1, || None);
        }
        self.start = self.start.min(at);
        let old = self.slots[at].replace(value);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    /// The value of `id`.
    pub fn get(&self, id: u64) -> Option<&V> {
        self.slot(id).and_then(|at| self.slots[at].as_ref())
    }

    /// Removes `id`; returns its value, if it was present.
    pub fn remove(&mut self, id: u64) -> Option<V> {
        let value = self.slot(id).and_then(|at| self.slots[at].take())?;
        self.len -= 1;
        while self.slots.get(self.start).is_some_and(Option::is_none) {
            self.start += 1;
        }
        if self.start * 2 >= self.slots.len() {
            // Drop the emptied front, at most as many slots as remain: constant time on average.
            self.slots.drain(..self.start);
            self.first += self.start as u64;
            self.start = 0;
        }
        Some(value)
    }

    /// How many values.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The ids and values, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &V)> {
        let first = self.first;
        self.slots
            .iter()
            .enumerate()
            .filter_map(move |(at, slot)| slot.as_ref().map(|value| (first + at as u64, value)))
    }

    /// The values, in id order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.slots.iter().flatten()
    }

    /// The values in id order, taken out.
    pub fn into_values(self) -> impl Iterator<Item = V> {
        self.slots.into_iter().flatten()
    }
}

/// Equal when they hold the same ids with equal values, however their slots lie.
impl<V: PartialEq> PartialEq for IdMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<V: Eq> Eq for IdMap<V> {}

/// How many slots lie between two ids. Ids come from a counter, so they are close together;
/// `expect` would bring its error's `Debug` into the page (issue 6, page weight).
fn slot_distance(ids: u64) -> usize {
    usize::try_from(ids).unwrap_or_else(|_| panic!("ids come from a counter, close together"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_removed_and_listed_in_order() {
        let mut map = IdMap::new();
        for id in [5, 6, 9, 7] {
            assert_eq!(map.insert(id, id * 10), None);
        }
        assert_eq!(map.insert(3, 30), None, "an id below the oldest");
        assert_eq!(map.insert(6, 61), Some(60));
        assert_eq!(map.iter().collect::<Vec<_>>(), [(3, &30), (5, &50), (6, &61), (7, &70), (9, &90)]);
        assert_eq!((map.get(4), map.get(9), map.get(100), map.get(0)), (None, Some(&90), None, None));
        assert_eq!(map.remove(3), Some(30));
        assert_eq!(map.remove(3), None);
        assert_eq!(map.remove(6), Some(61));
        assert_eq!(map.remove(5), Some(50));
        assert_eq!(map.values().copied().collect::<Vec<_>>(), [70, 90]);
        assert_eq!(map.len(), 2);
        assert_eq!(map.remove(7).and(map.remove(9)), Some(90));
        assert!(map.is_empty());
        map.insert(1_000_000, 1);
        assert_eq!(map.clone().into_values().collect::<Vec<_>>(), [1], "an empty map starts again anywhere");
    }

    #[test]
    fn it_agrees_with_a_b_tree_on_a_random_mix_of_inserts_and_removals() {
        let mut map = IdMap::new();
        let mut reference = std::collections::BTreeMap::new();
        let mut seed = 3u64;
        let mut next_id = 100;
        for step in 0..20_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let roll = seed >> 33;
            let id = match roll % 10 {
                0..=4 => {
                    next_id += 1 + roll % 3;
                    next_id
                }
                5 => next_id.saturating_sub(200 + roll % 50), // below the window, now and then
                _ => next_id.saturating_sub(roll % 64),
            };
            if roll % 10 < 6 {
                assert_eq!(map.insert(id, step), reference.insert(id, step), "step {step}: insert {id}");
            } else {
                assert_eq!(map.remove(id), reference.remove(&id), "step {step}: remove {id}");
            }
            assert_eq!(map.len(), reference.len(), "step {step}");
        }
        assert!(map.iter().map(|(id, v)| (id, *v)).eq(reference.iter().map(|(id, v)| (*id, *v))));
    }

    #[test]
    fn maps_with_the_same_entries_are_equal_however_they_were_made() {
        let mut a = IdMap::new();
        a.insert(1, 'a');
        a.insert(2, 'b');
        a.remove(1);
        let mut b = IdMap::new();
        b.insert(2, 'b');
        assert_eq!(a, b);
        b.insert(3, 'c');
        assert_ne!(a, b);
    }
}
