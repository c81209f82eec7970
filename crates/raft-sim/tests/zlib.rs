//! The project's zlib compressor and decompressor (`deflate.rs`, `inflate.rs`) against
//! miniz_oxide, the reference: what one compresses the other inflates, and on streams damaged
//! at random both decompressors agree on what to refuse and on every byte they accept.

use raft_sim::{compress_zlib, inflate_zlib, InflateError, SimRng};

const LIMIT: usize = 1 << 20;

/// A random text of up to `max` bytes over an alphabet of random size.
fn random_text(rng: &mut SimRng, max: u64) -> Vec<u8> {
    let length = rng.in_range(0, max) as usize;
    let alphabet = rng.in_range(1, 256);
    (0..length).map(|_| rng.in_range(0, alphabet - 1) as u8).collect()
}

/// miniz_oxide's reading of a link's payload, as links were read before `inflate.rs`: the
/// stream must end exactly where the bytes do.
fn miniz_inflate(compressed: &[u8]) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_COMPUTE_ADLER32
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0; LIMIT];
    let mut decompressor = Box::<DecompressorOxide>::default();
    let (status, consumed, produced) = decompress(&mut decompressor, compressed, &mut out, 0, flags);
    (status == TINFLStatus::Done && consumed == compressed.len()).then(|| {
        out.truncate(produced);
        out
    })
}

#[test]
fn each_inflates_what_the_other_compresses() {
    let mut rng = SimRng::new(0xdef1a7e);
    for case in 0..2_000 {
        let text = random_text(&mut rng, 3_000);
        let ours = compress_zlib(&text);
        assert_eq!(miniz_inflate(&ours).as_ref(), Some(&text), "case {case}: miniz reads ours");
        assert_eq!(inflate_zlib(&ours, LIMIT).as_ref(), Ok(&text), "case {case}: ours reads ours");
        let level = rng.in_range(0, 10) as u8;
        let theirs = miniz_oxide::deflate::compress_to_vec_zlib(&text, level);
        assert_eq!(inflate_zlib(&theirs, LIMIT).as_ref(), Ok(&text), "case {case}: ours reads miniz level {level}");
    }
}

#[test]
fn damaged_streams_are_refused_as_miniz_refuses_them() {
    let mut rng = SimRng::new(0xda3a9ed);
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..20_000 {
        let text = random_text(&mut rng, 600);
        let mut stream = if rng.chance(0.5) {
            compress_zlib(&text)
        } else {
            miniz_oxide::deflate::compress_to_vec_zlib(&text, rng.in_range(0, 10) as u8)
        };
        // Damage that leaves the checksum right now and then (a flipped bit in a stored
        // block's length, a cut inside a code) as well as damage that does not.
        for _ in 0..rng.in_range(0, 3) {
            let at = rng.in_range(0, stream.len() as u64 - 1) as usize;
            match rng.in_range(0, 3) {
                0 => stream[at] ^= 1 << rng.in_range(0, 7),
                1 => stream.truncate(at),
                2 => stream.insert(at, rng.in_range(0, 255) as u8),
                _ => stream[at] = rng.in_range(0, 255) as u8,
            }
            if stream.is_empty() {
                break;
            }
        }
        let ours = inflate_zlib(&stream, LIMIT);
        match (&ours, miniz_inflate(&stream)) {
            (Ok(bytes), Some(expected)) if *bytes == expected => accepted += 1,
            (Err(InflateError::Damaged), None) => refused += 1,
            (ours, theirs) => panic!("case {case}: stream {stream:02x?}\n  ours: {ours:?}\n  miniz: {theirs:?}"),
        }
    }
    assert!(accepted > 1_000 && refused > 1_000, "{accepted} accepted, {refused} refused");
}
