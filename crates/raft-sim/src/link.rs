//! Share links: a scenario and a moment in a URL fragment, `s=1.<payload>&t=<ms>`.
//!
//! The payload is the scenario as compact version-1 JSON, zlib-compressed (its Adler-32
//! checksum catches a tampered or damaged link), in URL-safe base64. `1.` is the link format's
//! version: a link of version 1 decodes in every later release (pinned by tests that hold
//! exact strings), and a version this build does not know is refused by name, never guessed.
//!
//! Decoding never panics: every problem is a [`LinkError`] that says what is wrong.

use std::fmt;

use crate::base64url;
use crate::scenario::{Scenario, ScenarioError};
use crate::time::Millis;

/// The link format this build writes; it reads this one and every earlier one.
pub const LINK_VERSION: u32 = 1;

/// The latest moment a link may ask for: one simulated hour. Opening a link replays up to its
/// moment, so this bounds how long a page can be made to work by a link.
pub const MAX_LINK_TIME_MS: Millis = 3_600_000;

/// The most bytes a payload may inflate to, so a small link cannot make a huge scenario.
pub const MAX_SCENARIO_BYTES: usize = 256 * 1024;

/// zlib's best compression.
const COMPRESSION_LEVEL: u8 = 9;

/// A scenario and the moment to show it at: what a share link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareLink {
    /// The run. Its `until_ms` is not part of the link (the moment is `time_ms`).
    pub scenario: Scenario,
    /// The moment to show, in simulated ms.
    pub time_ms: Millis,
}

/// What is wrong with a share link.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// There is no `s=` part: this is not a scenario link.
    NoScenario,
    /// The payload has no `VERSION.` prefix.
    NoVersion,
    /// The version prefix is not a number this build knows.
    UnknownVersion(String),
    /// The link was made by a newer playground.
    NewerVersion(u32),
    /// A character that base64url does not have.
    BadCharacter {
        /// Its position in the payload.
        position: usize,
        /// The character.
        character: char,
    },
    /// The payload does not decompress: it was cut short or altered.
    Damaged,
    /// The payload inflates to more than [`MAX_SCENARIO_BYTES`].
    TooLarge,
    /// The payload is not UTF-8 text.
    NotText,
    /// The scenario inside is not valid.
    Scenario(ScenarioError),
    /// `t` is not a whole number of milliseconds.
    BadTime(String),
    /// `t` is later than [`MAX_LINK_TIME_MS`].
    TimeTooLate(Millis),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NoScenario => f.write_str("the link holds no scenario (no \"s=\" part)"),
            LinkError::NoVersion => f.write_str("the link's scenario has no version: it should start with \"s=1.\""),
            LinkError::UnknownVersion(version) => {
                write!(f, "the link's version {version:?} is not a version of this playground's links")
            }
            LinkError::NewerVersion(version) => write!(
                f,
                "the link was made by a newer playground (link version {version}); this one reads versions 1 to \
                 {LINK_VERSION}"
            ),
            LinkError::BadCharacter { position, character } => {
                write!(f, "the link is damaged: {character:?} at position {position} of its scenario")
            }
            LinkError::Damaged => f.write_str("the link is damaged or cut short: its scenario does not decompress"),
            LinkError::TooLarge => {
                write!(f, "the link's scenario is larger than {} KB", MAX_SCENARIO_BYTES / 1024)
            }
            LinkError::NotText => f.write_str("the link is damaged: its scenario is not text"),
            LinkError::Scenario(error) => write!(f, "the link's scenario is invalid: {error}"),
            LinkError::BadTime(text) => write!(f, "the link's time t={text:?} is not a whole number of milliseconds"),
            LinkError::TimeTooLate(time) => {
                write!(f, "the link's time t={time} is later than {MAX_LINK_TIME_MS} ms (one simulated hour)")
            }
        }
    }
}

impl std::error::Error for LinkError {}

impl ShareLink {
    /// The link's fragment, without the `#`: `s=1.<payload>&t=<ms>`.
    pub fn fragment(&self) -> String {
        format!("s={LINK_VERSION}.{}&t={}", encode_scenario(&self.scenario), self.time_ms)
    }

    /// Reads a link: a whole URL, a fragment with or without its `#`, or the bare fragment.
    /// Parameters other than `s` and `t` are ignored, so later releases can add some.
    pub fn parse(link: &str) -> Result<ShareLink, LinkError> {
        let fragment = link.split_once('#').map_or(link, |(_, fragment)| fragment).trim();
        let mut payload = None;
        let mut time = None;
        for pair in fragment.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "s" if payload.is_none() => payload = Some(value),
                "t" if time.is_none() => time = Some(value),
                _ => {}
            }
        }
        let payload = payload.ok_or(LinkError::NoScenario)?;
        let time_ms = match time {
            None => 0,
            Some(text) => text.parse::<Millis>().map_err(|_| LinkError::BadTime(text.to_owned()))?,
        };
        if time_ms > MAX_LINK_TIME_MS {
            return Err(LinkError::TimeTooLate(time_ms));
        }
        Ok(ShareLink { scenario: decode_scenario(payload)?, time_ms })
    }

    /// The scenario as a file that `raftsim run` replays to the link's moment.
    pub fn to_scenario_file(&self) -> Scenario {
        Scenario { until_ms: Some(self.time_ms), ..self.scenario.clone() }
    }
}

/// The payload of a link: compact JSON (without `until_ms`), zlib, base64url.
fn encode_scenario(scenario: &Scenario) -> String {
    let scenario = Scenario { until_ms: None, ..scenario.clone() };
    let json = serde_json::to_string(&scenario).expect("scenarios always serialise");
    base64url::encode(&miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), COMPRESSION_LEVEL))
}

/// Reads `VERSION.PAYLOAD` into a validated scenario.
fn decode_scenario(versioned: &str) -> Result<Scenario, LinkError> {
    let (version, payload) = versioned.split_once('.').ok_or(LinkError::NoVersion)?;
    match version.parse::<u32>() {
        Ok(known) if (1..=LINK_VERSION).contains(&known) => {}
        Ok(newer) if newer > LINK_VERSION => return Err(LinkError::NewerVersion(newer)),
        _ => return Err(LinkError::UnknownVersion(version.to_owned())),
    }
    let compressed = base64url::decode(payload).map_err(|error| match error {
        base64url::DecodeError::BadCharacter { position, character } => {
            LinkError::BadCharacter { position: position + version.len() + 1, character }
        }
        base64url::DecodeError::Truncated => LinkError::Damaged,
    })?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&compressed, MAX_SCENARIO_BYTES).map_err(|error| {
            match error.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
                _ => LinkError::Damaged,
            }
        })?;
    let json = String::from_utf8(json).map_err(|_| LinkError::NotText)?;
    let scenario = Scenario::from_json(&json).map_err(LinkError::Scenario)?;
    // A link's moment is `t`; a stray `until_ms` inside would only confuse the file it becomes.
    Ok(Scenario { until_ms: None, ..scenario })
}
