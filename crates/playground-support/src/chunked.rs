//! A growable vector whose clones share storage: elements live in fixed-size chunks behind
//! `Arc`, chunks in groups behind `Arc`, and only the chunk (and group) being changed is copied.
//! Cloning a long log (as time-travel checkpoints do) costs one pointer per 1,024 entries.

use std::sync::Arc;

/// Elements per chunk: the unit that a change copies when a clone shares it.
const CHUNK: usize = 16;
/// Chunks per group: the unit of the spine that a clone copies. Two levels keep a clone of a
/// long vector cheap: it copies one pointer per group (per 1,024 elements), not per chunk.
const GROUP: usize = 64;
/// Elements per group.
const GROUP_LEN: usize = CHUNK * GROUP;

/// A vector with cheap clones and copy-on-write chunks.
#[derive(Clone, Debug)]
pub struct ChunkedVec<T> {
    groups: Vec<Arc<Vec<Arc<Vec<T>>>>>,
    len: usize,
}

/// Hashes the elements in order, whatever chunks hold them.
impl<T: std::hash::Hash + Clone> std::hash::Hash for ChunkedVec<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.len.hash(state);
        self.iter().for_each(|element| element.hash(state));
    }
}

impl<T> Default for ChunkedVec<T> {
    fn default() -> Self {
        ChunkedVec { groups: Vec::new(), len: 0 }
    }
}

impl<T: Clone> ChunkedVec<T> {
    /// An empty vector.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no element.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The element at `index` (0-based).
    pub fn get(&self, index: usize) -> Option<&T> {
        (index < self.len).then(|| &self.groups[index / GROUP_LEN][index % GROUP_LEN / CHUNK][index % CHUNK])
    }

    /// The element at `index`, to change; copies its group and chunk first if another clone
    /// shares them.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        if index >= self.len {
            return None;
        }
        let group = Arc::make_mut(&mut self.groups[index / GROUP_LEN]);
        Arc::make_mut(&mut group[index % GROUP_LEN / CHUNK]).get_mut(index % CHUNK)
    }

    /// The last element.
    pub fn last(&self) -> Option<&T> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }

    /// Appends an element.
    pub fn push(&mut self, value: T) {
        if self.len.is_multiple_of(GROUP_LEN) {
            self.groups.push(Arc::new(Vec::with_capacity(GROUP)));
        }
        let group = Arc::make_mut(self.groups.last_mut().expect("a group with room"));
        if self.len.is_multiple_of(CHUNK) {
            group.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        Arc::make_mut(group.last_mut().expect("a chunk with room")).push(value);
        self.len += 1;
    }

    /// Keeps the first `len` elements.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        self.groups.truncate(len.div_ceil(GROUP_LEN));
        let in_group = len % GROUP_LEN;
        if in_group != 0 {
            let group = Arc::make_mut(self.groups.last_mut().expect("the group holding the new end"));
            group.truncate(in_group.div_ceil(CHUNK));
            if !in_group.is_multiple_of(CHUNK) {
                let chunk = group.last_mut().expect("the chunk holding the new end");
                Arc::make_mut(chunk).truncate(in_group % CHUNK);
            }
        }
        self.len = len;
    }

    /// The elements in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.groups.iter().flat_map(|group| group.iter()).flat_map(|chunk| chunk.iter())
    }
}

impl<T: Clone + PartialEq> PartialEq for ChunkedVec<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<T: Clone + Eq> Eq for ChunkedVec<T> {}

impl<T: Clone> FromIterator<T> for ChunkedVec<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut vec = ChunkedVec::new();
        for item in items {
            vec.push(item);
        }
        vec
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_vec_across_chunk_and_group_boundaries() {
        let mut chunked: ChunkedVec<u32> = (0..5_000).collect();
        let mut plain: Vec<u32> = (0..5_000).collect();
        assert_eq!(chunked.get(4_097), Some(&4_097));
        for len in
            [5_000, 4_097, 4_096, 2_049, 2_048, 2_047, 1_025, 1_024, 1_023, 200, 129, 128, 64, 63, 17, 16, 15, 1, 0]
        {
            chunked.truncate(len);
            plain.truncate(len);
            assert_eq!(chunked.iter().copied().collect::<Vec<_>>(), plain, "truncated to {len}");
            assert_eq!((chunked.len(), chunked.last()), (plain.len(), plain.last()));
        }
        chunked.push(7);
        assert_eq!(chunked.get(0), Some(&7));
        assert_eq!(chunked.get(1), None);
    }

    #[test]
    fn a_clone_shares_full_chunks_and_copies_only_what_changes() {
        let original: ChunkedVec<u32> = (0..2_100).collect();
        let mut copy = original.clone();
        assert!(Arc::ptr_eq(&original.groups[0], &copy.groups[0]), "a clone copies no group");
        copy.push(1_000);
        assert!(Arc::ptr_eq(&original.groups[0], &copy.groups[0]), "pushing copies only the last group");
        *copy.get_mut(5).unwrap() = 99;
        assert!(Arc::ptr_eq(&original.groups[0][1], &copy.groups[0][1]), "a change copies only its chunk");
        copy.truncate(100);
        assert_eq!(original.get(5), Some(&5), "the original is untouched");
        assert_eq!(original.get(2_099), Some(&2_099));
        assert_eq!((original.len(), copy.len(), copy.get(5)), (2_100, 100, Some(&99)));
    }
}
