//! Share links: a scenario and a moment in a URL fragment, `s=1.<payload>&t=<ms>`.
//!
//! The payload is the scenario as compact version-1 JSON, zlib-compressed, in URL-safe base64.
//! A damaged or altered link is caught by the zlib stream's Adler-32 checksum, by requiring
//! that the stream ends exactly where the payload does, and by refusing base64 that no encoder
//! writes. `1.` is the link format's version: a link of version 1 decodes in every later
//! release (pinned by tests that hold exact strings), and a version this build does not know is
//! refused by name, never guessed. `t` is required, so a link cut short before it is noticed.
//!
//! Decoding never panics: every problem is a [`LinkError`] that says what is wrong. Opening a
//! link (the simulator's `OpenLink::open`) replays it within a budget of events, so no link can
//! make the page work for long.

use std::fmt;

use playground_support::quoted;

use crate::error::ScenarioError;
use crate::link_codec::{canonical_number, decode_scenario, encode_scenario};
use crate::scenario::{Scenario, MAX_SCENARIO_TIME_MS};
use crate::Millis;

/// The link format this build writes; it reads this one and every earlier one.
pub const LINK_VERSION: u32 = 1;

/// The latest moment a link may ask for: the hour a scenario may last.
pub const MAX_LINK_TIME_MS: Millis = MAX_SCENARIO_TIME_MS;

/// The most bytes a payload may inflate to, so a small link cannot make a huge scenario.
pub const MAX_SCENARIO_BYTES: usize = 256 * 1024;

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
        /// Which character of the link's `s=` value it is, counting from 1.
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
    /// There is no `t`: the link was probably cut short before it.
    NoTime,
    /// Replaying to `t` would take more events than the replay budget allows.
    TooBusy {
        /// The moment asked for.
        time_ms: Millis,
        /// How far the replay got before it was refused.
        reached_ms: Millis,
        /// The budget, in events.
        budget: u64,
    },
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NoScenario => f.write_str("the link holds no scenario (no \"s=\" part)"),
            LinkError::NoVersion => f.write_str("the link's scenario has no version: it should start with \"s=1.\""),
            LinkError::UnknownVersion(version) => {
                write!(f, "the link's version {} is not a version of this playground's links", quoted(version))
            }
            LinkError::NewerVersion(version) => write!(
                f,
                "the link was made by a newer playground (link version {version}); this one reads links up to \
                 version {LINK_VERSION}"
            ),
            LinkError::BadCharacter { position, character } => {
                write!(
                    f,
                    "the link is damaged: {}, character {position} after s=, is not a base64url character",
                    quoted(&character.to_string())
                )
            }
            LinkError::Damaged => f.write_str("the link is damaged or cut short: its scenario does not decompress"),
            LinkError::TooLarge => {
                write!(f, "the link's scenario is larger than {} KB", MAX_SCENARIO_BYTES / 1024)
            }
            LinkError::NotText => f.write_str("the link is damaged: its scenario is not text"),
            LinkError::Scenario(error) => write!(f, "the link's scenario is invalid: {error}"),
            LinkError::BadTime(text) => {
                write!(
                    f,
                    "the link's time t={} is not a whole number of milliseconds written plainly (digits only, \
                     no sign or leading zero)",
                    quoted(text)
                )
            }
            LinkError::TimeTooLate(time) => {
                write!(f, "the link's time t={time} is later than {MAX_LINK_TIME_MS} ms (one simulated hour)")
            }
            LinkError::NoTime => {
                f.write_str("the link has no moment (\"&t=…\" at its end): it may have been cut short")
            }
            LinkError::TooBusy { time_ms, reached_ms, budget } => write!(
                f,
                "the link's run is too busy to replay to t={time_ms} in the page: that takes more than {budget} \
                 events (the budget ran out at {reached_ms} ms); share an earlier moment"
            ),
        }
    }
}

impl std::error::Error for LinkError {}

impl ShareLink {
    /// The link's fragment, without the `#`: `s=1.<payload>&t=<ms>`. Refused (so that no link
    /// is made that could not be opened) if the scenario is larger than [`MAX_SCENARIO_BYTES`]
    /// or the moment later than [`MAX_LINK_TIME_MS`].
    pub fn fragment(&self) -> Result<String, LinkError> {
        if self.time_ms > MAX_LINK_TIME_MS {
            return Err(LinkError::TimeTooLate(self.time_ms));
        }
        Ok(format!("s={LINK_VERSION}.{}&t={}", encode_scenario(&self.scenario)?, self.time_ms))
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
        let text = time.ok_or(LinkError::NoTime)?;
        let time_ms = canonical_number(text).ok_or_else(|| LinkError::BadTime(text.to_owned()))?;
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
