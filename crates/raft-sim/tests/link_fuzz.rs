//! Fuzzing the share-link decoder: a million seeded inputs — damaged real links, random text,
//! and well-compressed but mangled scenario JSON — must each give a value or an error, never a
//! panic, and every link that decodes must round-trip.

mod support;

use raft_sim::OpenLink as _;
use raft_sim::{random_scenario, FuzzSettings, LinkError, ShareLink, SimRng};

/// How many inputs the test feeds the decoder.
const INPUTS: u64 = 1_000_000;

/// Characters that links are made of, plus a few that they are not.
const CHARSET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=&#s t%+/<>\"";

fn pick<'a, T>(rng: &mut SimRng, items: &'a [T]) -> &'a T {
    &items[rng.in_range(0, items.len() as u64 - 1) as usize]
}

/// `text` with one random edit: a changed, inserted or deleted character, or a cut.
fn mutate(rng: &mut SimRng, text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    let at = rng.in_range(0, out.len() as u64) as usize;
    match rng.in_range(0, 4) {
        0 if at < out.len() => out[at] = *pick(rng, CHARSET),
        1 => out.insert(at, *pick(rng, CHARSET)),
        2 if at < out.len() => {
            out.remove(at);
        }
        3 => out.truncate(at),
        _ => out.extend_from_slice(b"&t=99"),
    }
    out
}

#[test]
fn a_million_inputs_never_panic_and_every_decoded_link_round_trips() {
    let mut rng = SimRng::new(0x11_4e);
    let links: Vec<String> = (0..32)
        .map(|seed| {
            let scenario = random_scenario(
                seed,
                &FuzzSettings { nodes: 5, duration_ms: 2_000 + seed * 500, ..FuzzSettings::default() },
            );
            ShareLink { scenario, time_ms: seed * 100 }.fragment().expect("a small scenario makes a link")
        })
        .collect();
    let jsons: Vec<String> = (0..32)
        .map(|seed| {
            random_scenario(seed, &FuzzSettings { nodes: 3, duration_ms: 1_000, ..FuzzSettings::default() })
                .to_json_pretty()
        })
        .collect();
    let (mut decoded, mut refused) = (0u64, 0u64);
    for input_number in 0..INPUTS {
        let input = match input_number % 4 {
            // A real link, damaged by one to three edits.
            0 | 1 => {
                let mut bytes = pick(&mut rng, &links).as_bytes().to_vec();
                for _ in 0..rng.in_range(1, 3) {
                    bytes = mutate(&mut rng, &bytes);
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
            // Random text from the link alphabet.
            2 => {
                let len = rng.in_range(0, 40);
                let body: Vec<u8> = (0..len).map(|_| *pick(&mut rng, CHARSET)).collect();
                format!("s=1.{}", String::from_utf8_lossy(&body))
            }
            // Valid compression around mangled JSON: reaches the scenario parser and checks.
            _ => {
                let mut json = pick(&mut rng, &jsons).as_bytes().to_vec();
                for _ in 0..rng.in_range(1, 4) {
                    json = mutate(&mut rng, &json);
                }
                let payload = support::payload_holding(&json);
                format!("s=1.{payload}&t={}", rng.in_range(0, 5_000))
            }
        };
        match ShareLink::parse(&input) {
            Ok(link) => {
                decoded += 1;
                let again = link
                    .fragment()
                    .and_then(|fragment| ShareLink::parse(&fragment))
                    .unwrap_or_else(|e| panic!("input {input_number} decoded but did not re-encode: {e}\n{input}"));
                assert_eq!(again, link, "input {input_number} round-trips\n{input}");
                // What decodes must also open as the page opens it: replayed to its moment within
                // the work budget (or refused as too busy), with no overflow and no panic.
                match link.open() {
                    Ok(history) => assert_eq!(history.now(), link.time_ms, "input {input_number}\n{input}"),
                    Err(LinkError::TooBusy { .. }) => {}
                    Err(e) => panic!("input {input_number} decoded but does not open: {e}\n{input}"),
                }
            }
            Err(error) => {
                refused += 1;
                assert!(!error.to_string().is_empty(), "input {input_number}: an empty message\n{input}");
            }
        }
    }
    assert_eq!(decoded + refused, INPUTS);
    assert!(
        decoded > 1_000 && refused > 100_000,
        "the inputs reach both outcomes: {decoded} decoded, {refused} refused"
    );
}
