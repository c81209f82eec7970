//! A small zlib compressor (RFC 1950/1951) for share links: LZ77 matching with hash chains and
//! lazy matching, then one block with Huffman codes built for it. It is a fraction of a general
//! compressor's size in the page's WebAssembly, and scenario JSON compresses as well with it.
//! Decompression is `inflate.rs`.

/// The longest back-reference deflate allows.
const MAX_MATCH: usize = 258;
/// The shortest worth coding.
const MIN_MATCH: usize = 3;
/// How far back a match may start.
const WINDOW: usize = 32_768;
/// How many earlier positions with the same 3-byte hash are tried per position.
const MAX_CHAIN: usize = 256;
/// A match this long is taken without looking further.
const NICE_MATCH: usize = 128;

pub(crate) const LENGTH_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
pub(crate) const LENGTH_EXTRA: [u8; 29] =
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
pub(crate) const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];

/// One step of the LZ77 parse: a byte, or a copy of `length` bytes from `distance` back.
#[derive(Clone, Copy)]
enum Token {
    Literal(u8),
    Copy { length: u16, distance: u16 },
}

/// `data` as a zlib stream: one deflate block with Huffman codes made for it.
pub fn compress_zlib(data: &[u8]) -> Vec<u8> {
    let tokens = parse(data);
    let mut literal_counts = [0u32; 286];
    let mut distance_counts = [0u32; 30];
    literal_counts[256] = 1; // the end of the block
    for token in &tokens {
        if let Token::Copy { length, distance } = *token {
            literal_counts[257 + length_index(length)] += 1;
            distance_counts[distance_index(distance)] += 1;
        } else if let Token::Literal(byte) = *token {
            literal_counts[usize::from(byte)] += 1;
        }
    }
    let literal_lengths = code_lengths(&literal_counts, 15);
    let distance_lengths = code_lengths(&distance_counts, 15);
    let mut out = BitWriter { bytes: vec![0x78, 0xDA], pending: 0, count: 0 };
    out.bits(1, 1); // the final block
    out.bits(2, 2); // with its own Huffman codes
    write_code_lengths(&mut out, &literal_lengths, &distance_lengths);
    let literal_codes = canonical_codes(&literal_lengths);
    let distance_codes = canonical_codes(&distance_lengths);
    for token in tokens {
        match token {
            Token::Literal(byte) => out.code(literal_codes[usize::from(byte)], literal_lengths[usize::from(byte)]),
            Token::Copy { length, distance } => {
                let l = length_index(length);
                out.code(literal_codes[257 + l], literal_lengths[257 + l]);
                out.bits(u32::from(length - LENGTH_BASE[l]), u32::from(LENGTH_EXTRA[l]));
                let d = distance_index(distance);
                out.code(distance_codes[d], distance_lengths[d]);
                out.bits(u32::from(distance - DISTANCE_BASE[d]), distance_extra(d));
            }
        }
    }
    out.code(literal_codes[256], literal_lengths[256]);
    out.flush();
    out.bytes.extend_from_slice(&adler32(data).to_be_bytes());
    out.bytes
}

/// The LZ77 parse, with one step of lazy matching: a match is put off by a byte when the next
/// position starts a longer one.
fn parse(data: &[u8]) -> Vec<Token> {
    let mut matcher = Matcher { data, head: vec![usize::MAX; 1 << 15], previous: vec![usize::MAX; data.len()] };
    let mut tokens = Vec::new();
    let mut at = 0;
    // The match at `at`, looked up before `at` joins the chains.
    let mut found = matcher.longest(0);
    while at < data.len() {
        let (length, distance) = found;
        matcher.insert(at);
        let next = matcher.longest(at + 1);
        if length < MIN_MATCH || next.0 > length {
            tokens.push(Token::Literal(data[at]));
            at += 1;
            found = next; // searched once, used for the next position
            continue;
        }
        tokens.push(Token::Copy { length: length as u16, distance: distance as u16 });
        for position in at + 1..at + length {
            matcher.insert(position);
        }
        at += length;
        found = matcher.longest(at);
    }
    tokens
}

/// Earlier positions by the hash of the 3 bytes there: the newest in `head`, each one's
/// predecessor in `previous`.
struct Matcher<'a> {
    data: &'a [u8],
    head: Vec<usize>,
    previous: Vec<usize>,
}

impl Matcher<'_> {
    fn insert(&mut self, at: usize) {
        if let Some(hash) = hash_at(self.data, at) {
            self.previous[at] = self.head[hash];
            self.head[hash] = at;
        }
    }

    /// The longest earlier occurrence of the bytes at `at`, as (length, distance).
    fn longest(&self, at: usize) -> (usize, usize) {
        let data = self.data;
        let Some(hash) = hash_at(data, at) else { return (0, 0) };
        let limit = (data.len() - at).min(MAX_MATCH);
        let (mut best, mut best_distance) = (0, 0);
        let mut candidate = self.head[hash];
        for _ in 0..MAX_CHAIN {
            if candidate == usize::MAX || at - candidate > WINDOW {
                break;
            }
            let length = data[candidate..].iter().zip(&data[at..at + limit]).take_while(|(a, b)| a == b).count();
            if length > best {
                (best, best_distance) = (length, at - candidate);
                if length >= NICE_MATCH.min(limit) {
                    break;
                }
            }
            candidate = self.previous[candidate];
        }
        (best, best_distance)
    }
}

fn length_index(length: u16) -> usize {
    LENGTH_BASE.iter().rposition(|&base| base <= length).unwrap_or(0)
}

fn distance_index(distance: u16) -> usize {
    DISTANCE_BASE.iter().rposition(|&base| base <= distance).unwrap_or(0)
}

pub(crate) fn distance_extra(index: usize) -> u32 {
    if index < 4 {
        0
    } else {
        index as u32 / 2 - 1
    }
}

/// Huffman code lengths for symbols seen `counts` times, none longer than `limit`. At least
/// two symbols get a code, so that every code is complete.
fn code_lengths(counts: &[u32], limit: u32) -> Vec<u32> {
    let mut counts = counts.to_vec();
    while counts.iter().filter(|&&count| count > 0).count() < 2 {
        let unused = counts.iter().position(|&count| count == 0).unwrap_or(0);
        counts[unused] = 1;
    }
    loop {
        let lengths = huffman_lengths(&counts);
        if lengths.iter().all(|&length| length <= limit) {
            return lengths;
        }
        // Too deep: flatten the counts (each stays at least 1) and build again.
        for count in counts.iter_mut().filter(|count| **count > 0) {
            *count = count.div_ceil(2);
        }
    }
}

/// Each symbol's depth in a Huffman tree of its counts (0 for symbols never seen). Merges the
/// two lightest trees, the earlier first on ties, so the result is the same everywhere.
fn huffman_lengths(counts: &[u32]) -> Vec<u32> {
    let mut weight: Vec<u64> = counts.iter().map(|&count| u64::from(count)).collect();
    let mut parent = vec![usize::MAX; counts.len()];
    let mut roots: Vec<usize> = (0..counts.len()).filter(|&symbol| counts[symbol] > 0).collect();
    while roots.len() > 1 {
        let mut lightest = [0, 1];
        if weight[roots[1]] < weight[roots[0]] {
            lightest = [1, 0];
        }
        for (i, &node) in roots.iter().enumerate().skip(2) {
            if weight[node] < weight[roots[lightest[0]]] {
                lightest = [i, lightest[0]];
            } else if weight[node] < weight[roots[lightest[1]]] {
                lightest[1] = i;
            }
        }
        let merged = weight.len();
        weight.push(weight[roots[lightest[0]]] + weight[roots[lightest[1]]]);
        parent.push(usize::MAX);
        parent[roots[lightest[0]]] = merged;
        parent[roots[lightest[1]]] = merged;
        roots[lightest[0].min(lightest[1])] = merged;
        roots.remove(lightest[0].max(lightest[1]));
    }
    let depth = |mut node: usize| {
        let mut depth = 0;
        while parent[node] != usize::MAX {
            node = parent[node];
            depth += 1;
        }
        depth
    };
    (0..counts.len()).map(|symbol| if counts[symbol] > 0 { depth(symbol) } else { 0 }).collect()
}

/// The canonical codes of RFC 1951 §3.2.2 for these lengths.
fn canonical_codes(lengths: &[u32]) -> Vec<u32> {
    let mut next = [0u32; 17];
    for length in 1..=16 {
        let shorter = lengths.iter().filter(|&&l| l == length - 1 && l > 0).count() as u32;
        next[length as usize] = (next[length as usize - 1] + shorter) << 1;
    }
    lengths
        .iter()
        .map(|&length| {
            let code = next[length as usize];
            next[length as usize] += 1;
            code
        })
        .collect()
}

/// The order code-length code lengths are written in (RFC 1951 §3.2.7).
pub(crate) const CODE_LENGTH_ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// The block header's description of both codes, run-length coded.
fn write_code_lengths(out: &mut BitWriter, literal: &[u32], distance: &[u32]) {
    let used =
        |lengths: &[u32], at_least: usize| lengths.iter().rposition(|&l| l > 0).map_or(0, |i| i + 1).max(at_least);
    let (literals, distances) = (used(literal, 257), used(distance, 1));
    let all: Vec<u32> = literal[..literals].iter().chain(&distance[..distances]).copied().collect();
    // (symbol, extra bits, how many extra bits)
    let mut items = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let length = all[i];
        let run = all[i..].iter().take_while(|&&l| l == length).count();
        if length == 0 && run >= 3 {
            let run = run.min(138);
            items.push(if run >= 11 { (18, run - 11, 7) } else { (17, run - 3, 3) });
            i += run;
        } else if length > 0 && run >= 4 {
            let repeats = (run - 1).min(6);
            items.extend([(length as usize, 0, 0), (16, repeats - 3, 2)]);
            i += 1 + repeats;
        } else {
            items.push((length as usize, 0, 0));
            i += 1;
        }
    }
    let mut counts = [0u32; 19];
    for &(symbol, _, _) in &items {
        counts[symbol] += 1;
    }
    let lengths = code_lengths(&counts, 7);
    let codes = canonical_codes(&lengths);
    let sent = CODE_LENGTH_ORDER.iter().rposition(|&symbol| lengths[symbol] > 0).map_or(0, |i| i + 1).max(4);
    out.bits(literals as u32 - 257, 5);
    out.bits(distances as u32 - 1, 5);
    out.bits(sent as u32 - 4, 4);
    for &symbol in &CODE_LENGTH_ORDER[..sent] {
        out.bits(lengths[symbol], 3);
    }
    for (symbol, extra, bits) in items {
        out.code(codes[symbol], lengths[symbol]);
        out.bits(extra as u32, bits);
    }
}

fn hash_at(data: &[u8], at: usize) -> Option<usize> {
    let three = data.get(at..at + 3)?;
    let value = u32::from(three[0]) << 16 | u32::from(three[1]) << 8 | u32::from(three[2]);
    Some((value.wrapping_mul(2_654_435_761) >> 17) as usize)
}

pub(crate) fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    b << 16 | a
}

/// Writes bits least significant first, as deflate packs them.
struct BitWriter {
    bytes: Vec<u8>,
    pending: u32,
    count: u32,
}

impl BitWriter {
    fn bits(&mut self, value: u32, count: u32) {
        self.pending |= value << self.count;
        self.count += count;
        while self.count >= 8 {
            self.bytes.push(self.pending as u8);
            self.pending >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code, which deflate writes most significant bit first.
    fn code(&mut self, code: u32, length: u32) {
        self.bits(code.reverse_bits() >> (32 - length), length);
    }

    fn flush(&mut self) {
        if self.count > 0 {
            self.bytes.push(self.pending as u8);
            (self.pending, self.count) = (0, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(compressed: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec_zlib(compressed).expect("a valid zlib stream")
    }

    #[test]
    fn every_kind_of_input_comes_back_whole() {
        let mut seed = 1u64;
        let mut random = |n: usize, alphabet: u8| -> Vec<u8> {
            (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (seed >> 33) as u8 % alphabet
                })
                .collect()
        };
        let inputs: Vec<Vec<u8>> = vec![
            vec![],
            b"a".to_vec(),
            b"abcabcabcabcabcabc".to_vec(),
            vec![0; 100_000],
            random(70_000, 255),
            random(70_000, 4),
            (0..=255).collect(),
            br#"{"version":1,"seed":7,"actions":[{"at_ms":0,"do":"timeout","node":1}]}"#.repeat(300),
        ];
        for input in inputs {
            assert_eq!(inflate(&compress_zlib(&input)), input, "{} bytes", input.len());
        }
    }

    #[test]
    fn skewed_counts_get_complete_codes_no_longer_than_the_limit() {
        let mut fibonacci = vec![1u32, 1];
        while fibonacci.len() < 30 {
            fibonacci.push(fibonacci[fibonacci.len() - 1] + fibonacci[fibonacci.len() - 2]);
        }
        for limit in [7, 15] {
            let lengths = code_lengths(&fibonacci, limit);
            assert!(lengths.iter().all(|&l| (1..=limit).contains(&l)), "{lengths:?}");
            let kraft: f64 = lengths.iter().map(|&l| 0.5f64.powi(l as i32)).sum();
            assert_eq!(kraft, 1.0, "a complete code");
        }
        assert_eq!(code_lengths(&[0, 0, 5], 15), [1, 0, 1], "a lone symbol gets a partner");
    }

    #[test]
    fn the_checksum_is_adler_32() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }
}
