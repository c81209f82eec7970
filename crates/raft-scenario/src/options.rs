//! The `options` object of a scenario: how the cluster is timed, how its network behaves, and
//! which of Raft's optional behaviours are on. The one definition of these settings: the
//! simulator runs on it, the page's settings form edits it.

use std::fmt;

use raft_core::RaftOptions;
use serde::{Deserialize, Deserializer, Serialize};

use crate::Millis;

/// The largest cluster the simulator (and the page) supports.
pub const MAX_NODES: u32 = 9;

/// The longest timeout, interval or latency a cluster may have: one hour. Bounded so that
/// adding it to the clock can never overflow, whatever a scenario file or link says.
pub const MAX_DURATION_MS: Millis = 3_600_000;

/// Decimal places a probability keeps: `0.05` reads as the `f64` nearest to 0.05, and every
/// probability written reads back to the very same `f64`.
const PROBABILITY_DECIMALS: i32 = 9;

/// Timing, network and Raft options. Every field is optional in a file; the defaults follow
/// the paper's §9.3: election timeouts drawn from 150–300 ms, heartbeats every 50 ms, and
/// network latency well below both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, expecting = "an object of options")]
pub struct ScenarioOptions {
    /// Each election timeout is drawn uniformly from this inclusive range, in ms (§5.2).
    pub election_timeout_ms: [Millis; 2],
    /// A leader sends heartbeats this often, in ms.
    pub heartbeat_ms: Millis,
    /// Each message's latency is drawn uniformly from this inclusive range, in ms.
    pub latency_ms: [Millis; 2],
    /// The probability that a message is lost, from 0 to 1.
    #[serde(deserialize_with = "probability")]
    pub loss: f64,
    /// The probability that a message between servers, once delivered, is delivered once more,
    /// later, at a fresh random latency, from 0 to 1. Written only when not 0, so files and
    /// links without it read and write as before.
    #[serde(deserialize_with = "probability", skip_serializing_if = "is_zero")]
    pub duplicate: f64,
    /// How long the client waits for an answer before it gives up on a write, in ms.
    pub client_timeout_ms: Millis,
    /// How many times a client sends a write again, with the same sequence number, when it
    /// got no answer in time, its leader stepped down or no leader was known (thesis §6.3);
    /// 0, the default (not written): never, the write ends there. At most [`MAX_CLIENT_RETRIES`].
    #[serde(skip_serializing_if = "is_zero_u32")]
    pub client_retries: u32,
    /// The most entries one AppendEntries carries.
    pub max_entries_per_append: u32,
    /// A new leader appends a no-op entry (§8).
    pub noop_on_election: bool,
    /// Rejections carry the conflicting term (the §5.3 optimisation).
    pub conflict_hint: bool,
    /// PreVote (thesis §9.6): a server asks whether it could win before it raises its term.
    #[serde(skip_serializing_if = "is_false")]
    pub pre_vote: bool,
    /// CheckQuorum (thesis §6.2): a leader that hears from no majority for an election timeout
    /// steps down, and servers that hear from a leader ignore disruptive candidates.
    #[serde(skip_serializing_if = "is_false")]
    pub check_quorum: bool,
    /// How membership changes: `single` (one server at a time, thesis §4.2; the default) or
    /// `joint` (joint consensus, paper §6). Written only when `joint`.
    #[serde(skip_serializing_if = "Membership::is_single")]
    pub membership: Membership,
    /// How a leader serves reads (thesis §6.4): `log` (the default: a read is a log entry),
    /// `read_index` or `lease` (which needs `check_quorum`). Written only when not `log`.
    #[serde(skip_serializing_if = "ReadMode::is_log")]
    pub read_mode: ReadMode,
    /// Snapshot every server once this many entries were applied since its last snapshot
    /// (paper §7); 0, the default (not written), only when a `snapshot` action asks.
    #[serde(skip_serializing_if = "is_zero_count")]
    pub snapshot_every: u64,
    /// How far apart the servers' clocks may run, at most, in percent (thesis §6.4.1): a
    /// leader's lease lasts the shortest election timeout divided by 1 + this / 100. 0, the
    /// default (not written): the clocks are taken to be exact. At most
    /// [`MAX_CLOCK_DRIFT_PERCENT`]. See the `clock` action, which makes a server's clock run
    /// slow or fast.
    #[serde(skip_serializing_if = "is_zero_u32")]
    pub clock_drift_percent: u32,
    /// Pipelining (thesis §10.2.2): a leader's AppendEntries carry only entries it has not sent
    /// yet, several on their way at once. false, the default (not written): the paper's Figure
    /// 2, each AppendEntries carries every entry from nextIndex on.
    #[serde(skip_serializing_if = "is_false")]
    pub pipeline: bool,
    /// Flow control for pipelining (etcd-io/raft's probe and replicate states): a leader
    /// pipelines to a follower only once it has acknowledged entries, and probes it again
    /// after a refusal. false, the default (not written): a pipelining leader pipelines to
    /// every follower. Changes nothing without `pipeline`.
    #[serde(skip_serializing_if = "is_false")]
    pub flow_control: bool,
    /// How events happen: `timed` (the default, not written: each message arrives and each
    /// timer fires at its time) or `manual` (nothing happens until an action says so: a
    /// `deliver`, a `timeout`, a `heartbeat`).
    #[serde(skip_serializing_if = "Scheduler::is_timed")]
    pub scheduler: Scheduler,
    /// Rules switched off on purpose, to watch the safety checker catch what breaks.
    #[serde(
        rename = "unsafe",
        deserialize_with = "crate::object::object",
        skip_serializing_if = "UnsafeSwitches::all_off"
    )]
    pub unsafe_rules: UnsafeSwitches,
}

/// The `unsafe` object: each switch breaks one rule of Raft (see
/// [`raft_core::UnsafeRules`], where each is described), all off by default and not written
/// when off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, expecting = "an object of switches, e.g. { \"commit_old_terms\": true }")]
pub struct UnsafeSwitches {
    /// Votes ignore whether the candidate's log is up to date (§5.4.1 off).
    #[serde(skip_serializing_if = "is_false")]
    pub no_election_restriction: bool,
    /// A leader commits entries of earlier terms by counting replicas (§5.4.2 off).
    #[serde(skip_serializing_if = "is_false")]
    pub commit_old_terms: bool,
    /// A server votes again, in the same term, for a candidate with a higher id.
    #[serde(skip_serializing_if = "is_false")]
    pub vote_for_highest_id: bool,
    /// A follower accepts AppendEntries iff leaderCommit equals its commitIndex.
    #[serde(skip_serializing_if = "is_false")]
    pub ack_on_equal_commit: bool,
    /// A new leader may append a configuration before committing an entry of its term (the
    /// single-server bug of 2015).
    #[serde(skip_serializing_if = "is_false")]
    pub reconfig_before_term_commit: bool,
    /// Any server answers a read at once from its own state.
    #[serde(skip_serializing_if = "is_false")]
    pub stale_reads: bool,
}

/// The `read_mode` option (see [`raft_core::ReadMode`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadMode {
    /// A read is an entry of the log.
    #[default]
    Log,
    /// ReadIndex: confirm leadership with a heartbeat round, write nothing.
    ReadIndex,
    /// Leases: serve while a recent round's lease holds.
    Lease,
}

impl ReadMode {
    fn is_log(&self) -> bool {
        *self == ReadMode::Log
    }

    /// The core's form.
    pub fn mode(self) -> raft_core::ReadMode {
        match self {
            ReadMode::Log => raft_core::ReadMode::Log,
            ReadMode::ReadIndex => raft_core::ReadMode::ReadIndex,
            ReadMode::Lease => raft_core::ReadMode::Lease,
        }
    }
}

/// The `scheduler` option, and the `mode` of a `scheduler` action.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheduler {
    /// Every message arrives, and every timer fires, at its time.
    #[default]
    Timed,
    /// Messages stay in flight until a `deliver` action delivers them, and timers fire only
    /// when a `timeout` or `heartbeat` action fires them: the reader (or a model checker)
    /// chooses every next event.
    Manual,
}

impl Scheduler {
    fn is_timed(&self) -> bool {
        *self == Scheduler::Timed
    }

    /// The mode's name, as written.
    pub fn name(self) -> &'static str {
        match self {
            Scheduler::Timed => "timed",
            Scheduler::Manual => "manual",
        }
    }
}

/// The `membership` option.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Membership {
    /// One server added or removed per change (thesis §4.2).
    #[default]
    Single,
    /// Any new set of voters at once, through C_old,new (paper §6).
    Joint,
}

impl Membership {
    fn is_single(&self) -> bool {
        *self == Membership::Single
    }

    /// The core's form.
    pub fn mode(self) -> raft_core::MembershipMode {
        match self {
            Membership::Single => raft_core::MembershipMode::Single,
            Membership::Joint => raft_core::MembershipMode::Joint,
        }
    }
}

impl UnsafeSwitches {
    /// Whether every rule is kept.
    pub fn all_off(&self) -> bool {
        *self == UnsafeSwitches::default()
    }

    /// The names, as in scenario files, of the rules switched off, in the files' order.
    pub fn switched_on(&self) -> Vec<&'static str> {
        [
            ("no_election_restriction", self.no_election_restriction),
            ("commit_old_terms", self.commit_old_terms),
            ("vote_for_highest_id", self.vote_for_highest_id),
            ("ack_on_equal_commit", self.ack_on_equal_commit),
            ("reconfig_before_term_commit", self.reconfig_before_term_commit),
            ("stale_reads", self.stale_reads),
        ]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
        .collect()
    }

    /// The core's form.
    pub fn rules(&self) -> raft_core::UnsafeRules {
        raft_core::UnsafeRules {
            no_election_restriction: self.no_election_restriction,
            commit_old_terms: self.commit_old_terms,
            vote_for_highest_id: self.vote_for_highest_id,
            ack_on_equal_commit: self.ack_on_equal_commit,
            reconfig_before_term_commit: self.reconfig_before_term_commit,
            stale_reads: self.stale_reads,
        }
    }
}

impl Default for ScenarioOptions {
    fn default() -> Self {
        let raft = RaftOptions::default();
        ScenarioOptions {
            election_timeout_ms: [150, 300],
            heartbeat_ms: 50,
            latency_ms: [10, 20],
            loss: 0.0,
            duplicate: 0.0,
            client_timeout_ms: 2_000,
            client_retries: 0,
            max_entries_per_append: raft.max_entries_per_append,
            noop_on_election: raft.noop_on_election,
            conflict_hint: raft.conflict_hint,
            pre_vote: raft.pre_vote,
            check_quorum: raft.check_quorum,
            membership: Membership::Single,
            read_mode: ReadMode::Log,
            snapshot_every: 0,
            clock_drift_percent: 0,
            pipeline: raft.pipeline,
            flow_control: raft.flow_control,
            scheduler: Scheduler::Timed,
            unsafe_rules: UnsafeSwitches::default(),
        }
    }
}

/// Reads a probability, kept to nine decimal places. A negative number (even `-0`, or one
/// that would round to 0) is refused here, as the format always has.
pub(crate) fn probability<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    let scale = 10f64.powi(PROBABILITY_DECIMALS);
    let p = f64::deserialize(deserializer)?;
    if p.is_sign_negative() {
        return Err(serde::de::Error::custom(probability_problem(p)));
    }
    Ok((p * scale).round() / scale)
}

fn is_zero(p: &f64) -> bool {
    *p == 0.0
}

fn is_zero_count(count: &u64) -> bool {
    *count == 0
}

fn is_zero_u32(count: &u32) -> bool {
    *count == 0
}

/// The largest clock drift bound, in percent (`clock_drift_percent`).
pub const MAX_CLOCK_DRIFT_PERCENT: u32 = 1_000;

/// The most retries of one write a client makes.
pub const MAX_CLIENT_RETRIES: u32 = 10;

/// Options that are off are not written, so files and links made before they existed read
/// and write the same.
fn is_false(on: &bool) -> bool {
    !on
}

/// A probability as messages write it: `0.05`, `1.0` (as JSON writes it).
pub fn format_probability(probability: f64) -> String {
    crate::to_compact_json(&probability)
}

/// Whether `p` is a probability, 0 to 1: the one check of every loss and duplication setting
/// (options, scenario actions, actions at run time). Each caller refuses with its own value.
pub fn is_probability(p: f64) -> bool {
    (0.0..=1.0).contains(&p)
}

/// What is wrong with `p`, which is not a probability.
pub fn probability_problem(p: f64) -> String {
    format!("a probability from 0 to 1, not {}", format_probability(p))
}

/// Why options cannot be simulated.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigError {
    /// `nodes` is 0 or above [`MAX_NODES`].
    NodeCount(u32),
    /// A range whose low end is above its high end, or that starts at 0 where time must pass.
    BadRange {
        /// Which setting.
        name: &'static str,
        /// Its low end.
        low: Millis,
        /// Its high end.
        high: Millis,
    },
    /// The heartbeat interval is 0 or not shorter than the shortest election timeout, so
    /// followers would time out under a healthy leader.
    Heartbeat {
        /// The heartbeat interval.
        heartbeat_ms: Millis,
        /// The shortest election timeout.
        election_min_ms: Millis,
    },
    /// `loss` or `duplicate` is not a probability from 0 to 1.
    Probability {
        /// Which setting.
        name: &'static str,
        /// Its value.
        value: f64,
    },
    /// A setting that must be at least 1 is 0.
    Zero(&'static str),
    /// A duration longer than [`MAX_DURATION_MS`].
    TooLong {
        /// The setting.
        name: &'static str,
        /// Its value.
        value: Millis,
    },
    /// `read_mode` is `lease` without `check_quorum`, whose guard the lease relies on.
    LeaseWithoutCheckQuorum,
    /// A count above its limit.
    TooMany {
        /// The setting.
        name: &'static str,
        /// Its value.
        value: u32,
        /// The limit.
        limit: u32,
    },
}

impl ConfigError {
    /// The setting at fault, as scenario files name it.
    pub fn setting(&self) -> &'static str {
        match self {
            ConfigError::NodeCount(_) => "nodes",
            ConfigError::BadRange { name, .. } | ConfigError::Zero(name) | ConfigError::TooLong { name, .. } => name,
            ConfigError::Heartbeat { .. } => "heartbeat_ms",
            ConfigError::Probability { name, .. } => name,
            ConfigError::LeaseWithoutCheckQuorum => "read_mode",
            ConfigError::TooMany { name, .. } => name,
        }
    }

    /// What is wrong with the setting, without its name.
    pub fn problem(&self) -> String {
        match self {
            ConfigError::NodeCount(n) => format!("a cluster has 1 to {MAX_NODES} nodes, not {n}"),
            ConfigError::BadRange { low, high, .. } => {
                format!("must be a range of at least 1 ms with low <= high, not [{low}, {high}]")
            }
            ConfigError::Heartbeat { heartbeat_ms, election_min_ms } => {
                format!("{heartbeat_ms} must be above 0 and below the shortest election timeout ({election_min_ms})")
            }
            ConfigError::Probability { value, .. } => probability_problem(*value),
            ConfigError::Zero(_) => "must be at least 1".to_owned(),
            ConfigError::TooLong { value, .. } => format!("at most {MAX_DURATION_MS} ms (one hour), not {value}"),
            ConfigError::LeaseWithoutCheckQuorum => {
                "lease reads need check_quorum: true, whose guard keeps other servers from electing a leader while the lease holds".to_owned()
            }
            ConfigError::TooMany { value, limit, .. } => format!("at most {limit}, not {value}"),
        }
    }
}

/// `setting: problem`.
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.setting(), self.problem())
    }
}

impl std::error::Error for ConfigError {}

/// Checks a `latency` action's range as the `latency_ms` option is checked, said of the
/// action's `range_ms`.
pub fn check_latency(range_ms: [Millis; 2]) -> Result<(), ConfigError> {
    check_range("range_ms", range_ms)
}

/// Checks the range of times `name`: from 1 ms, low end first, at most an hour.
fn check_range(name: &'static str, [low, high]: [Millis; 2]) -> Result<(), ConfigError> {
    if low == 0 || low > high {
        return Err(ConfigError::BadRange { name, low, high });
    }
    if high > MAX_DURATION_MS {
        return Err(ConfigError::TooLong { name, value: high });
    }
    Ok(())
}

impl ScenarioOptions {
    /// Checks that these options, on `nodes` servers, describe a cluster that can run.
    pub fn validate(&self, nodes: u32) -> Result<(), ConfigError> {
        if nodes == 0 || nodes > MAX_NODES {
            return Err(ConfigError::NodeCount(nodes));
        }
        check_range("election_timeout_ms", self.election_timeout_ms)?;
        check_range("latency_ms", self.latency_ms)?;
        let election_min_ms = self.election_timeout_ms[0];
        if self.heartbeat_ms == 0 || self.heartbeat_ms >= election_min_ms {
            return Err(ConfigError::Heartbeat { heartbeat_ms: self.heartbeat_ms, election_min_ms });
        }
        for (name, value) in [("loss", self.loss), ("duplicate", self.duplicate)] {
            if !is_probability(value) {
                return Err(ConfigError::Probability { name, value });
            }
        }
        if self.client_timeout_ms == 0 {
            return Err(ConfigError::Zero("client_timeout_ms"));
        }
        if self.max_entries_per_append == 0 {
            return Err(ConfigError::Zero("max_entries_per_append"));
        }
        if self.client_retries > MAX_CLIENT_RETRIES {
            return Err(ConfigError::TooMany {
                name: "client_retries",
                value: self.client_retries,
                limit: MAX_CLIENT_RETRIES,
            });
        }
        if self.clock_drift_percent > MAX_CLOCK_DRIFT_PERCENT {
            return Err(ConfigError::TooMany {
                name: "clock_drift_percent",
                value: self.clock_drift_percent,
                limit: MAX_CLOCK_DRIFT_PERCENT,
            });
        }
        if self.read_mode == ReadMode::Lease && !self.check_quorum {
            return Err(ConfigError::LeaseWithoutCheckQuorum);
        }
        if self.client_timeout_ms > MAX_DURATION_MS {
            return Err(ConfigError::TooLong { name: "client_timeout_ms", value: self.client_timeout_ms });
        }
        Ok(())
    }

    /// The options every server's Raft runs with.
    pub fn raft(&self) -> RaftOptions {
        RaftOptions {
            max_entries_per_append: self.max_entries_per_append,
            noop_on_election: self.noop_on_election,
            conflict_hint: self.conflict_hint,
            pre_vote: self.pre_vote,
            check_quorum: self.check_quorum,
            membership: self.membership.mode(),
            read_mode: self.read_mode.mode(),
            snapshot_every: self.snapshot_every,
            election_timeout_min_ms: self.election_timeout_ms[0],
            clock_drift_percent: self.clock_drift_percent,
            pipeline: self.pipeline,
            flow_control: self.flow_control,
            unsafe_rules: self.unsafe_rules.rules(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_keep_nine_decimals_and_read_back_exactly() {
        let read = |text: &str| -> f64 {
            let options: ScenarioOptions = serde_json::from_str(&format!(r#"{{"loss":{text}}}"#)).unwrap();
            options.loss
        };
        assert_eq!(read("0.05"), 0.05);
        assert_eq!(read("0.1234567894"), 0.123456789);
        assert_eq!(read("2.5e-2"), 0.025);
        for negative in ["-0", "-0.0", "-1e-10", "-0.5"] {
            let error = serde_json::from_str::<ScenarioOptions>(&format!(r#"{{"loss":{negative}}}"#)).unwrap_err();
            assert!(error.to_string().starts_with("a probability from 0 to 1, not -"), "{negative}: {error}");
        }
        for p in [0.0, 0.05, 0.2, 1.0 / 3.0, 0.999999999, 1.0] {
            let kept = read(&format!("{p}"));
            assert_eq!(read(&serde_json::to_string(&kept).unwrap()), kept, "{p}");
        }
        assert_eq!(format_probability(0.05), "0.05");
        assert_eq!(format_probability(1.0), "1.0");
    }

    #[test]
    fn the_defaults_are_the_papers() {
        let options = ScenarioOptions::default();
        assert_eq!((options.election_timeout_ms, options.heartbeat_ms), ([150, 300], 50));
        assert_eq!(options.validate(5), Ok(()));
        assert_eq!(options.validate(10), Err(ConfigError::NodeCount(10)));
    }
}
