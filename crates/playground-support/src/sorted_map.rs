//! A map kept as one vector sorted by key, and a set built on it.
//!
//! For maps that stay small whatever the input: a leader's peers, a candidate's votes,
//! partition groups, cut links, leaders by term. There a sorted vector is as fast as a B-tree,
//! clones with one copy (history checkpoints clone whole clusters), and compiles to a fraction
//! of the code in WebAssembly, where the page's weight is a budget. Iteration is in key order,
//! so the simulation stays deterministic.
//!
//! Not for maps a run can fill with thousands of entries in any order: an insert or removal
//! moves the entries after it. Messages in flight and a leader's waiting writes are an
//! [`IdMap`](crate::IdMap).

use std::borrow::Borrow;

/// A map from `K` to `V`, iterated in key order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap { entries: Vec::new() }
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// Sets `key` to `value`; returns the value it replaces, if any.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            Err(at) => {
                self.entries.insert(at, (key, value));
                None
            }
        }
    }

    /// The value of `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| &self.entries[at].1)
    }

    /// The value of `key`, to change.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| &mut self.entries[at].1)
    }

    /// Whether `key` is present.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Removes `key`; returns its value, if it was present.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| self.entries.remove(at).1)
    }
}

impl<K, V> SortedMap<K, V> {
    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// Later entries win over earlier ones with the same key, as with `BTreeMap`.
impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut map = SortedMap::new();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

/// A set of `K`, iterated in order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SortedSet<K> {
    map: SortedMap<K, ()>,
}

impl<K> Default for SortedSet<K> {
    fn default() -> Self {
        SortedSet { map: SortedMap::default() }
    }
}

impl<K: Ord> SortedSet<K> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key`; whether it was new.
    pub fn insert(&mut self, key: K) -> bool {
        self.map.insert(key, ()).is_none()
    }

    /// Removes `key`; whether it was present.
    pub fn remove(&mut self, key: &K) -> bool {
        self.map.remove(key).is_some()
    }

    /// Whether `key` is in the set.
    pub fn contains(&self, key: &K) -> bool {
        self.map.contains_key(key)
    }
}

impl<K> SortedSet<K> {
    /// How many members.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The members in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.map.keys()
    }
}

impl<K: Ord> FromIterator<K> for SortedSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(keys: I) -> Self {
        SortedSet { map: keys.into_iter().map(|key| (key, ())).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sorted_map_behaves_like_an_ordered_map() {
        let mut map: SortedMap<u32, &str> = [(5, "e"), (1, "a"), (3, "c"), (1, "A")].into_iter().collect();
        assert_eq!(map.iter().collect::<Vec<_>>(), [(&1, &"A"), (&3, &"c"), (&5, &"e")]);
        assert_eq!(map.insert(4, "d"), None);
        assert_eq!(map.insert(4, "D"), Some("d"));
        assert_eq!(map.remove(&3), Some("c"));
        assert_eq!(map.remove(&3), None);
        *map.get_mut(&5).unwrap() = "E";
        assert_eq!((map.get(&5), map.get(&2), map.contains_key(&1)), (Some(&"E"), None, true));
        assert_eq!(map.keys().copied().collect::<Vec<_>>(), [1, 4, 5]);
        assert_eq!(map.values().copied().collect::<Vec<_>>(), ["A", "D", "E"]);
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn a_sorted_set_keeps_each_member_once_in_order() {
        let mut set: SortedSet<u32> = [3, 1, 3].into_iter().collect();
        assert!(set.insert(2));
        assert!(!set.insert(2));
        assert!(set.remove(&1) && !set.remove(&1));
        assert_eq!(set.iter().copied().collect::<Vec<_>>(), [2, 3]);
        assert!(set.contains(&3) && !set.is_empty());
    }

    #[test]
    fn string_keys_are_found_by_str() {
        let map: SortedMap<String, u8> = [("b".to_owned(), 2), ("a".to_owned(), 1)].into_iter().collect();
        assert_eq!(map.get("b"), Some(&2));
    }
}
