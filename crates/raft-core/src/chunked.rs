//! A growable vector whose clones share storage: elements live in fixed-size chunks behind
//! `Arc`, and only the chunk being changed is copied. Cloning a long log (as time-travel
//! checkpoints do) costs one pointer per chunk instead of a copy of every entry.

use std::sync::Arc;

/// Elements per chunk.
const CHUNK: usize = 64;

/// A vector with cheap clones and copy-on-write chunks.
#[derive(Clone, Debug)]
pub struct ChunkedVec<T> {
    chunks: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T> Default for ChunkedVec<T> {
    fn default() -> Self {
        ChunkedVec { chunks: Vec::new(), len: 0 }
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
        (index < self.len).then(|| &self.chunks[index / CHUNK][index % CHUNK])
    }

    /// The element at `index`, to change; copies its chunk first if another clone shares it.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        if index >= self.len {
            return None;
        }
        Arc::make_mut(&mut self.chunks[index / CHUNK]).get_mut(index % CHUNK)
    }

    /// The last element.
    pub fn last(&self) -> Option<&T> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }

    /// Appends an element.
    pub fn push(&mut self, value: T) {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        let last = self.chunks.last_mut().expect("a chunk with room");
        Arc::make_mut(last).push(value);
        self.len += 1;
    }

    /// Keeps the first `len` elements.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        self.chunks.truncate(len.div_ceil(CHUNK));
        if !len.is_multiple_of(CHUNK) {
            let last = self.chunks.last_mut().expect("the chunk holding the new end");
            Arc::make_mut(last).truncate(len % CHUNK);
        }
        self.len = len;
    }

    /// The elements in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.chunks.iter().flat_map(|chunk| chunk.iter())
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
    fn behaves_like_a_vec_across_chunk_boundaries() {
        let mut chunked: ChunkedVec<u32> = (0..200).collect();
        let mut plain: Vec<u32> = (0..200).collect();
        for len in [200, 129, 128, 64, 63, 1, 0] {
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
        let original: ChunkedVec<u32> = (0..130).collect();
        let mut copy = original.clone();
        assert!(Arc::ptr_eq(&original.chunks[0], &copy.chunks[0]));
        copy.push(1_000);
        *copy.get_mut(5).unwrap() = 99;
        copy.truncate(100);
        assert!(Arc::ptr_eq(&original.chunks[1], &copy.chunks[1]) || copy.len() == 100);
        assert_eq!(original.get(5), Some(&5), "the original is untouched");
        assert_eq!((original.len(), copy.len(), copy.get(5)), (130, 100, Some(&99)));
    }
}
