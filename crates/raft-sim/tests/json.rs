//! The project's JSON reader against serde_json, the reference: on 200,000 seeded texts
//! (scenario files, embed messages and JSON oddities, each mangled a few times) both accept the
//! same texts and read the same values.

use raft_sim::{random_scenario, FuzzSettings, Json, SimRng};

const CASES: usize = 200_000;

/// Characters that matter to JSON, and a few that never do.
const CHARSET: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\", "u", "d", "8", "0", "1", "9", "-", "+", ".", "e", "E", " ", "\n", "\t",
    "n", "t", "f", "a", "x", "/", "\u{1}", "é", "选", "😀",
];

const DOCUMENTS: &[&str] = &[
    r#"{"raftPlayground":1,"command":"act","action":{"do":"crash","node":"leader"}}"#,
    r#"{"raftPlayground":1,"command":"seek","ms":2000}"#,
    r#"[1, -2.5e3, 0.0, 1E+2, -0, true, false, null, "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00", {}, [], {"a": {"b": [[]]}}]"#,
    r#"  {"k": "v", "k": 2}  "#,
];

fn pick<'a, T>(rng: &mut SimRng, items: &'a [T]) -> &'a T {
    &items[rng.in_range(0, items.len() as u64 - 1) as usize]
}

/// `text` with a few random edits at character boundaries.
fn mangle(rng: &mut SimRng, text: &str) -> String {
    let mut chars: Vec<String> = text.chars().map(String::from).collect();
    for _ in 0..rng.in_range(0, 3) {
        let at = rng.in_range(0, chars.len() as u64) as usize;
        match rng.in_range(0, 3) {
            0 if at < chars.len() => chars[at] = pick(rng, CHARSET).to_string(),
            1 => chars.insert(at, pick(rng, CHARSET).to_string()),
            2 if at < chars.len() => {
                chars.remove(at);
            }
            _ => chars.truncate(at),
        }
    }
    chars.concat()
}

#[test]
fn the_reader_accepts_and_reads_exactly_what_serde_json_does() {
    let mut rng = SimRng::new(0x750e);
    let scenarios: Vec<String> = (0..8)
        .map(|seed| random_scenario(seed, FuzzSettings { nodes: 3, duration_ms: 1_000 }).to_json_pretty())
        .collect();
    let documents: Vec<&str> = DOCUMENTS.iter().copied().chain(scenarios.iter().map(String::as_str)).collect();
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..CASES {
        let document = *pick(&mut rng, &documents);
        let text = mangle(&mut rng, document);
        let ours = Json::parse(&text);
        let reference = serde_json::from_str::<serde_json::Value>(&text);
        if let Err(error) = &reference {
            // serde_json refuses numbers beyond f64's range; we keep a number's text.
            if error.to_string().contains("number out of range") {
                continue;
            }
        }
        match (&ours, &reference) {
            (Ok(value), Ok(expected)) => {
                let ours_read_by_serde: serde_json::Value = serde_json::from_str(&value.to_string()).unwrap();
                assert_eq!(&ours_read_by_serde, expected, "case {case}: {text:?}");
                accepted += 1;
            }
            (Err(_), Err(_)) => refused += 1,
            _ => panic!("case {case}: {text:?}\n  ours: {ours:?}\n  serde_json: {reference:?}"),
        }
    }
    assert!(accepted > CASES / 20 && refused > CASES / 20, "{accepted} accepted, {refused} refused");
}
