//! A small zlib decompressor (RFC 1950 around RFC 1951) for share links. It reads every valid
//! stream, whichever compressor wrote it: links written by earlier builds (miniz_oxide's
//! compressor) open as well as this build's (`deflate.rs`). Huffman codes are decoded a bit at
//! a time from counts per length, as zlib's `puff` does: slower than a table, but a fraction
//! of the size in the page's WebAssembly, and a link inflates in well under a millisecond.

use crate::deflate::{adler32, distance_extra, CODE_LENGTH_ORDER, DISTANCE_BASE, LENGTH_BASE, LENGTH_EXTRA};

/// Why a stream does not inflate.
#[derive(Debug, PartialEq, Eq)]
pub enum InflateError {
    /// It is not a zlib stream, it is cut short, its checksum differs, or bytes follow it.
    Damaged,
    /// It inflates to more than the limit.
    TooLarge,
}

/// Inflates `compressed`, a zlib stream that must end exactly where `compressed` does, into at
/// most `limit` bytes.
pub fn inflate_zlib(compressed: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut input = BitReader { bytes: compressed, at: 0, pending: 0, count: 0 };
    let header = input.bits(16)?;
    let (method, flags) = (header & 0xFF, header >> 8);
    // Method 8 (deflate) with a window of at most 32 KiB, no preset dictionary, and the check
    // bits that make the two bytes, read big-endian, a multiple of 31.
    if method & 0x0F != 8 || method >> 4 > 7 || flags & 0x20 != 0 || (method << 8 | flags) % 31 != 0 {
        return Err(InflateError::Damaged);
    }
    let mut out = Vec::new();
    // Built at the first fixed block, not at each: a stream of empty fixed blocks costs ten
    // bits each, and must not cost a table each.
    let mut fixed = None;
    loop {
        let last = input.bits(1)? == 1;
        match input.bits(2)? {
            0 => stored(&mut input, &mut out, limit)?,
            1 => {
                let (literal, distance) = fixed.get_or_insert_with(fixed_codes);
                codes(&mut input, &mut out, limit, literal, distance)?;
            }
            2 => {
                let (literal, distance) = dynamic_codes(&mut input)?;
                codes(&mut input, &mut out, limit, &literal, &distance)?;
            }
            _ => return Err(InflateError::Damaged),
        }
        if last {
            break;
        }
    }
    input.align();
    let mut checksum = 0;
    for _ in 0..4 {
        checksum = checksum << 8 | input.bits(8)?; // big-endian
    }
    if checksum != adler32(&out) || input.at != compressed.len() {
        return Err(InflateError::Damaged);
    }
    Ok(out)
}

/// Reads bits least significant first, as deflate packs them, a byte at a time.
struct BitReader<'a> {
    bytes: &'a [u8],
    at: usize,
    pending: u32,
    count: u32,
}

impl BitReader<'_> {
    /// The next `count` bits (at most 16), first bit lowest.
    fn bits(&mut self, count: u32) -> Result<u32, InflateError> {
        while self.count < count {
            let byte = *self.bytes.get(self.at).ok_or(InflateError::Damaged)?;
            self.pending |= u32::from(byte) << self.count;
            self.at += 1;
            self.count += 8;
        }
        let value = self.pending & ((1 << count) - 1);
        self.pending >>= count;
        self.count -= count;
        Ok(value)
    }

    /// Skips to the next byte boundary.
    fn align(&mut self) {
        self.pending = 0;
        self.count = 0;
    }
}

/// A canonical Huffman code: how many codes each length has, and the symbols in code order.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    /// The code with these lengths per symbol (0: no code). The lengths must fill the code
    /// space exactly, except that a code of one symbol (or none) may leave it part empty, as
    /// zlib and miniz allow, unless it is the code of the code lengths (`whole`). Codes in the
    /// empty part are damage when read.
    fn new(lengths: &[u8], whole: bool) -> Result<Huffman, InflateError> {
        let mut counts = [0u16; 16];
        for &length in lengths {
            counts[usize::from(length)] += 1;
        }
        let mut left = 1i32;
        for &count in &counts[1..] {
            left = 2 * left - i32::from(count);
            if left < 0 {
                return Err(InflateError::Damaged);
            }
        }
        let used = lengths.len() - usize::from(counts[0]);
        if left > 0 && (used > 1 || whole) {
            return Err(InflateError::Damaged);
        }
        let mut symbols = Vec::with_capacity(lengths.len());
        for length in 1..16 {
            symbols.extend((0..lengths.len() as u16).filter(|&symbol| lengths[usize::from(symbol)] == length));
        }
        Ok(Huffman { counts, symbols })
    }

    /// The next symbol in `input`.
    fn decode(&self, input: &mut BitReader) -> Result<usize, InflateError> {
        // Codes of one length are consecutive numbers, after every shorter code's range.
        let (mut code, mut first, mut index) = (0u32, 0u32, 0u32);
        for &count in &self.counts[1..] {
            code |= input.bits(1)?;
            let count = u32::from(count);
            if code < first + count {
                return Ok(usize::from(self.symbols[(index + code - first) as usize]));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::Damaged)
    }
}

/// The fixed codes of block type 1: literal/length, then distance. Distance codes 30 and 31
/// are part of the fixed code, but never valid.
fn fixed_codes() -> (Huffman, Huffman) {
    let lengths: Vec<u8> = (0..288)
        .map(|symbol| match symbol {
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        })
        .collect();
    let complete =
        |lengths: &[u8]| Huffman::new(lengths, true).unwrap_or_else(|_| unreachable!("fixed codes are complete"));
    (complete(&lengths), complete(&[5; 32]))
}

/// A stored block: its length, the length's complement, then the bytes.
fn stored(input: &mut BitReader, out: &mut Vec<u8>, limit: usize) -> Result<(), InflateError> {
    input.align();
    let length = input.bits(16)?;
    if input.bits(16)? != !length & 0xFFFF {
        return Err(InflateError::Damaged);
    }
    reserve(out, length as usize, limit)?;
    for _ in 0..length {
        out.push(input.bits(8)? as u8);
    }
    Ok(())
}

/// The two codes of a block of type 2, read from its header.
fn dynamic_codes(input: &mut BitReader) -> Result<(Huffman, Huffman), InflateError> {
    let literals = input.bits(5)? as usize + 257;
    let distances = input.bits(5)? as usize + 1;
    let code_lengths = input.bits(4)? as usize + 4;
    if literals > 286 || distances > 30 {
        return Err(InflateError::Damaged);
    }
    let mut lengths = [0u8; 19];
    for &symbol in &CODE_LENGTH_ORDER[..code_lengths] {
        lengths[symbol] = input.bits(3)? as u8;
    }
    let length_code = Huffman::new(&lengths, true)?;
    let mut lengths = Vec::with_capacity(literals + distances);
    while lengths.len() < literals + distances {
        let (length, repeat) = match length_code.decode(input)? {
            16 => (*lengths.last().ok_or(InflateError::Damaged)?, 3 + input.bits(2)?),
            17 => (0, 3 + input.bits(3)?),
            18 => (0, 11 + input.bits(7)?),
            length => (length as u8, 1),
        };
        if lengths.len() + repeat as usize > literals + distances {
            return Err(InflateError::Damaged);
        }
        lengths.extend((0..repeat).map(|_| length));
    }
    // A block without an end-of-block code could never end.
    if lengths[256] == 0 {
        return Err(InflateError::Damaged);
    }
    Ok((Huffman::new(&lengths[..literals], false)?, Huffman::new(&lengths[literals..], false)?))
}

/// The symbols of a Huffman-coded block, up to its end-of-block code.
fn codes(
    input: &mut BitReader,
    out: &mut Vec<u8>,
    limit: usize,
    literal: &Huffman,
    distance: &Huffman,
) -> Result<(), InflateError> {
    loop {
        let symbol = literal.decode(input)?;
        if symbol < 256 {
            reserve(out, 1, limit)?;
            out.push(symbol as u8);
            continue;
        }
        if symbol == 256 {
            return Ok(());
        }
        let l = symbol - 257;
        let length =
            *LENGTH_BASE.get(l).ok_or(InflateError::Damaged)? as usize + input.bits(LENGTH_EXTRA[l].into())? as usize;
        let d = distance.decode(input)?;
        let back =
            *DISTANCE_BASE.get(d).ok_or(InflateError::Damaged)? as usize + input.bits(distance_extra(d))? as usize;
        if back > out.len() {
            return Err(InflateError::Damaged);
        }
        reserve(out, length, limit)?;
        // Byte by byte: a copy may overlap the bytes it writes.
        for _ in 0..length {
            out.push(out[out.len() - back]);
        }
    }
}

/// Fails when `more` bytes would take `out` past `limit`.
fn reserve(out: &[u8], more: usize, limit: usize) -> Result<(), InflateError> {
    if out.len() + more > limit {
        Err(InflateError::TooLarge)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deflate::compress_zlib;

    #[test]
    fn reads_what_both_compressors_write() {
        let text = br#"{"version":1,"seed":7,"actions":[{"at_ms":0,"do":"timeout","node":1}]}"#.repeat(40);
        assert_eq!(inflate_zlib(&compress_zlib(&text), 1 << 20), Ok(text.clone()));
        for level in [0, 1, 6, 9] {
            let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&text, level);
            assert_eq!(inflate_zlib(&compressed, 1 << 20), Ok(text.clone()), "miniz level {level}");
        }
        assert_eq!(inflate_zlib(&compress_zlib(b""), 0), Ok(vec![]));
    }

    #[test]
    fn reads_a_stream_of_empty_fixed_blocks() {
        // 100,000 empty fixed blocks and an empty last one, ten bits each: the last-block
        // flag, block type 1 (bits 1, 0), and the seven-bit end-of-block code 0000000.
        let mut bits = Vec::new();
        for i in 0..=100_000 {
            bits.extend([i == 100_000, true, false]);
            bits.extend([false; 7]);
        }
        let mut stream = vec![0x78, 0x9C];
        stream
            .extend(bits.chunks(8).map(|byte| byte.iter().enumerate().map(|(i, &bit)| u8::from(bit) << i).sum::<u8>()));
        stream.extend(1u32.to_be_bytes()); // the Adler-32 of nothing
        assert_eq!(inflate_zlib(&stream, 0), Ok(vec![]));
    }

    #[test]
    fn refuses_damage_trailing_bytes_and_output_past_the_limit() {
        let text = b"abcabcabcabcabcabcabcabcabcabc".repeat(10);
        let compressed = compress_zlib(&text);
        assert_eq!(inflate_zlib(&compressed, text.len()), Ok(text.clone()));
        assert_eq!(inflate_zlib(&compressed, text.len() - 1), Err(InflateError::TooLarge));
        assert_eq!(inflate_zlib(&compressed[..compressed.len() - 1], 1 << 20), Err(InflateError::Damaged));
        assert_eq!(inflate_zlib(&[&compressed[..], &[0]].concat(), 1 << 20), Err(InflateError::Damaged));
        let mut checksum_off = compressed.clone();
        *checksum_off.last_mut().unwrap() ^= 1;
        assert_eq!(inflate_zlib(&checksum_off, 1 << 20), Err(InflateError::Damaged));
        assert_eq!(inflate_zlib(&[0x78, 0x9C, 0x07], 1 << 20), Err(InflateError::Damaged), "block type 3");
        assert_eq!(inflate_zlib(&[0x78, 0x9D], 1 << 20), Err(InflateError::Damaged), "header check");
        assert_eq!(inflate_zlib(&[], 1 << 20), Err(InflateError::Damaged));
    }
}
