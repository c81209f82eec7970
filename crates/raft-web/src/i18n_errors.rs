//! Every error the page shows, worded in English and 中文. The crates below the page give
//! errors as values (a refused action, a scenario's problem at its path, a link's fault, a
//! broken safety property); English is their own `Display`, which the CLI prints too, and
//! Chinese is written here, in the vocabulary of the rest of the page.

use raft_sim::{ActionError, Breach, CommandError, ConfigError, LinkError, Problem, ReaderKind, ScenarioError};

use crate::i18n::Lang;

/// Why the settings form could not be read: a field that is not a number of its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingsError {
    /// A field that takes a whole number from 0 up.
    NotWhole {
        /// The field's name (`heartbeat_ms`).
        field: &'static str,
        /// What was typed.
        text: String,
    },
    /// A field that takes a percentage.
    NotPercent {
        /// The field's name (`loss`).
        field: &'static str,
        /// What was typed.
        text: String,
    },
    /// A number too large for the field.
    TooLarge(&'static str),
    /// The options read cannot be simulated.
    Config(ConfigError),
    /// **Network from now on** was asked with values changed that only a fresh run takes.
    NotNetwork {
        /// The form's field of the first such value, if the form shows it.
        field: Option<&'static str>,
    },
    /// **Network from now on** was asked with the network's values of the moment shown.
    NetworkUnchanged,
}

impl SettingsError {
    /// The `name` of the settings form's field at fault, if one field is: a range's low end
    /// for the range, the read mode for a lease without CheckQuorum.
    pub fn field(&self) -> Option<&'static str> {
        let setting = match self {
            SettingsError::NotWhole { field, .. } | SettingsError::NotPercent { field, .. } => field,
            SettingsError::TooLarge(field) => field,
            SettingsError::Config(error) => error.setting(),
            SettingsError::NotNetwork { field } => return *field,
            SettingsError::NetworkUnchanged => return None,
        };
        match setting {
            "nodes" => None,
            "election_timeout_ms" => Some("election_min"),
            "latency_ms" => Some("latency_min"),
            field => Some(field),
        }
    }
}

impl Lang {
    /// A refused action, in words.
    pub fn action_error(self, error: &ActionError) -> String {
        match (self, error) {
            // What is wrong with the command is enough: it is said under the field that holds it,
            // or in a notice right after the command was given.
            (Lang::En, ActionError::BadCommand(e)) => e.to_string(),
            (Lang::En, _) => error.to_string(),
            (Lang::Zh, ActionError::NoSuchNode(n)) => format!("没有服务器 S{n}"),
            (Lang::Zh, ActionError::NodeDown(n)) => format!("S{n} 已宕机：请先重启"),
            (Lang::Zh, ActionError::NodeUp(n)) => format!("S{n} 正在运行：只有宕机的服务器可以重启"),
            (Lang::Zh, ActionError::BadCommand(e)) => self.command_error(e),
            (Lang::Zh, ActionError::NoSuchMessage(id)) => format!("消息 {id} 已不在传输中"),
            (Lang::Zh, ActionError::InTwoGroups(n)) => format!("S{n} 出现在两个分区组里"),
            (Lang::Zh, ActionError::SelfLink(n)) => format!("链路连接两台不同的服务器，不能从 S{n} 连到它自己"),
            (Lang::Zh, ActionError::BadProbability(p)) => self.probability(*p),
            (Lang::Zh, ActionError::BadWorkloadInterval(ms)) => self.workload_interval(*ms),
            (Lang::Zh, ActionError::ClientMessage(id)) => {
                format!("消息 {id} 属于客户端：只有服务器之间的消息可以复制")
            }
            (Lang::Zh, ActionError::NoLeader) => "现在没有领导者，无法转移领导权".to_owned(),
            (Lang::Zh, ActionError::AlreadyLeader(n)) => format!("S{n} 已经是领导者"),
            (Lang::Zh, ActionError::NotVoter(n)) => {
                format!("S{n} 不是领导者配置中的投票成员：领导权只能交给投票成员")
            }
            (Lang::Zh, ActionError::NoServerRunning) => "没有正在运行的服务器可以接受成员变更请求".to_owned(),
            (Lang::Zh, ActionError::NothingToSnapshot(n)) => {
                format!("S{n} 自上次快照以来没有应用任何条目：没有可以压缩的日志")
            }
            (Lang::Zh, ActionError::NoSuchClient(c)) => {
                format!("没有客户端 {c}：客户端编号为 1 到 {}", raft_sim::MAX_CLIENTS)
            }
            (Lang::Zh, ActionError::NotLeader(n)) => format!("S{n} 不是领导者：只有领导者有心跳计时器"),
            (Lang::Zh, ActionError::BadLatency(e)) => self.config_problem(e),
            (Lang::Zh, ActionError::BadClockSpeed(percent)) => self.clock_speed(*percent),
        }
    }

    /// A malformed write command, or read key.
    fn command_error(self, error: &CommandError) -> String {
        let hint = "格式为 键=值，例如 x=3";
        match (self, error) {
            (Lang::En, _) => error.to_string(),
            (Lang::Zh, CommandError::MissingEquals) => format!("命令需要一个“=”：{hint}"),
            (Lang::Zh, CommandError::EmptyKey) => format!("“=”前面的键是空的：{hint}"),
            (Lang::Zh, CommandError::NoReadKey) => "读请求需要给出要读的键，例如 x".to_owned(),
            (Lang::Zh, CommandError::EmptyValue) => format!("“=”后面的值是空的：{hint}"),
            (Lang::Zh, CommandError::BadKeyChar(c)) => {
                format!("键只能包含字母、数字和“_”，不能包含“{c}”")
            }
            (Lang::Zh, CommandError::KeyTooLong) => {
                format!("键最多 {} 个字符", raft_sim::MAX_KEY_CHARS)
            }
            (Lang::Zh, CommandError::ValueTooLong) => {
                format!("值最多 {} 个字符", raft_sim::MAX_VALUE_CHARS)
            }
            (Lang::Zh, CommandError::ControlChar) => "值不能包含换行等控制字符".to_owned(),
            (Lang::Zh, CommandError::FormatChar(c)) => {
                format!("命令不能包含会改变显示效果的不可见格式字符（例如 U+{:04X}）", u32::from(*c))
            }
        }
    }

    fn workload_interval(self, every_ms: u64) -> String {
        let (low, high) = (raft_sim::WORKLOAD_INTERVAL_MS.start(), raft_sim::WORKLOAD_INTERVAL_MS.end());
        match self {
            Lang::En => raft_sim::workload_problem(every_ms),
            Lang::Zh => format!("间隔必须是 0（停止）或 {low} 到 {high} 毫秒，而不是 {every_ms}"),
        }
    }

    /// A `clock` speed out of range, in Chinese (English is the simulator's own).
    fn clock_speed(self, percent: u32) -> String {
        let (low, high) = (raft_sim::CLOCK_PERCENT.start(), raft_sim::CLOCK_PERCENT.end());
        format!("时钟的速度必须是真实时间的 {low}% 到 {high}%，而不是 {percent}%")
    }

    fn probability(self, p: f64) -> String {
        match self {
            Lang::En => raft_sim::probability_problem(p),
            Lang::Zh => format!("概率必须在 0 到 1 之间，而不是 {}", raft_sim::format_probability(p)),
        }
    }

    /// Options that cannot be simulated, as the settings form names its fields.
    pub fn config_error(self, error: &ConfigError) -> String {
        match self {
            Lang::En => error.to_string(),
            Lang::Zh => format!("{}：{}", self.config_label(error), self.config_problem(error)),
        }
    }

    /// What is wrong with a setting, without its name.
    fn config_problem(self, error: &ConfigError) -> String {
        match (self, error) {
            // The form's own words, not the file's `check_quorum: true`.
            (Lang::En, ConfigError::LeaseWithoutCheckQuorum) => {
                "lease reads need CheckQuorum on: its guard keeps other servers from electing a leader while the lease \
                 holds"
                    .to_owned()
            }
            (Lang::En, _) => error.problem(),
            (Lang::Zh, ConfigError::NodeCount(n)) => {
                format!("集群有 1 到 {} 台服务器，而不是 {n}", raft_sim::MAX_NODES)
            }
            (Lang::Zh, ConfigError::BadRange { low, high, .. }) => {
                format!("范围至少为 1 毫秒，且下限不大于上限；当前为 [{low}, {high}]")
            }
            (Lang::Zh, ConfigError::Heartbeat { heartbeat_ms, election_min_ms }) => {
                format!("{heartbeat_ms} 必须大于 0 并小于最短选举超时（{election_min_ms}）")
            }
            (Lang::Zh, ConfigError::Probability { value, .. }) => self.probability(*value),
            (Lang::Zh, ConfigError::Zero(_)) => "至少为 1".to_owned(),
            (Lang::Zh, ConfigError::TooLong { value, .. }) => {
                format!("最多 {} 毫秒（一小时），而不是 {value}", raft_sim::MAX_DURATION_MS)
            }
            (Lang::Zh, ConfigError::TooMany { value, limit, .. }) => format!("最多 {limit}，而不是 {value}"),
            (Lang::Zh, ConfigError::LeaseWithoutCheckQuorum) => {
                "租约读需要打开 CheckQuorum：靠它的保护，租约期间其他服务器选不出新的领导者".to_owned()
            }
        }
    }

    /// The settings form's label for a setting as scenario files name it.
    pub(crate) fn setting_label(self, setting: &str) -> &'static str {
        let labels = &self.texts().settings_labels;
        match setting {
            "election_timeout_ms" => labels.election_min,
            "heartbeat_ms" => labels.heartbeat,
            "latency_ms" => labels.latency_min,
            "loss" => labels.loss,
            "duplicate" => labels.duplicate,
            "client_timeout_ms" => labels.client_timeout,
            "max_entries_per_append" => labels.max_entries,
            "snapshot_every" => labels.snapshot_every,
            "client_retries" => labels.client_retries,
            "read_mode" => labels.read_mode,
            "clock_drift_percent" => labels.clock_drift,
            "clocks_beyond_lease_bound" => labels.clocks_beyond_bound,
            "noop_on_election" => labels.noop,
            "conflict_hint" => labels.conflict_hint,
            "pipeline" => labels.pipeline,
            "flow_control" => labels.flow_control,
            "pre_vote" => labels.pre_vote,
            "check_quorum" => labels.check_quorum,
            "joint_consensus" => labels.joint_consensus,
            "no_election_restriction" => labels.no_election_restriction,
            "commit_old_terms" => labels.commit_old_terms,
            "vote_for_highest_id" => labels.vote_for_highest_id,
            "ack_on_equal_commit" => labels.ack_on_equal_commit,
            "reconfig_before_term_commit" => labels.reconfig_before_term_commit,
            "stale_reads" => labels.stale_reads,
            "nodes" => self.texts().servers,
            _ => self.texts().settings,
        }
    }

    /// The field, or the two fields, a refused setting is in: a range whose ends are out of
    /// order names both, a range too long names its longest end.
    fn config_label(self, error: &ConfigError) -> &'static str {
        let labels = &self.texts().settings_labels;
        match *error {
            ConfigError::BadRange { name: "election_timeout_ms", low: 1.., .. } => labels.election_range,
            ConfigError::BadRange { name: "latency_ms", low: 1.., .. } => labels.latency_range,
            ConfigError::TooLong { name: "election_timeout_ms", .. } => labels.election_max,
            ConfigError::TooLong { name: "latency_ms", .. } => labels.latency_max,
            _ => self.setting_label(error.setting()),
        }
    }

    /// Why the settings form was refused.
    pub fn settings_error(self, error: &SettingsError) -> String {
        let t = self.texts();
        let form_name = |field: &'static str| match field {
            "seed" => self.texts().seed,
            "election_min" => self.texts().settings_labels.election_min,
            "election_max" => self.texts().settings_labels.election_max,
            "latency_min" => self.texts().settings_labels.latency_min,
            "latency_max" => self.texts().settings_labels.latency_max,
            other => self.setting_label(other),
        };
        // The least value a whole-number field takes (a time that must pass, a count of entries).
        let least = |field: &str| match field {
            "election_min"
            | "election_max"
            | "heartbeat_ms"
            | "latency_min"
            | "latency_max"
            | "client_timeout_ms"
            | "max_entries_per_append" => 1,
            _ => 0,
        };
        match (self, error) {
            // The form's fields are percentages where the file's options are probabilities.
            (Lang::En, SettingsError::Config(ConfigError::Probability { name, value })) => {
                format!(
                    "{}: from 0 to 100 %, not {} %",
                    self.setting_label(name),
                    crate::number_text::rounded(value * 100.0, 7)
                )
            }
            (Lang::Zh, SettingsError::Config(ConfigError::Probability { name, value })) => {
                format!(
                    "{}：应在 0 到 100% 之间，而不是 {}%",
                    self.setting_label(name),
                    crate::number_text::rounded(value * 100.0, 7)
                )
            }
            (Lang::En, SettingsError::Config(error)) => {
                format!("{}: {}", self.config_label(error), self.config_problem(error))
            }
            (Lang::Zh, SettingsError::Config(error)) => self.config_error(error),
            (Lang::En, SettingsError::NotWhole { field, text }) if text.trim().is_empty() => {
                format!("{}: a whole number is needed", form_name(field))
            }
            (Lang::Zh, SettingsError::NotWhole { field, text }) if text.trim().is_empty() => {
                format!("{}：需要填写一个整数", form_name(field))
            }
            (Lang::En, SettingsError::NotWhole { field, text }) => {
                format!("{}: expected a whole number from {} up, not \"{text}\"", form_name(field), least(field))
            }
            (Lang::En, SettingsError::NotPercent { field, text }) => {
                format!("{}: expected a percentage from 0 to 100, not \"{text}\"", form_name(field))
            }
            (Lang::En, SettingsError::TooLarge(field)) => format!("{}: too large", form_name(field)),
            (Lang::Zh, SettingsError::NotWhole { field, text }) => {
                format!("{}：应为大于等于 {} 的整数，而不是“{text}”", form_name(field), least(field))
            }
            (Lang::Zh, SettingsError::NotPercent { field, text }) => {
                format!("{}：应为 0 到 100 之间的百分比，而不是“{text}”", form_name(field))
            }
            (Lang::Zh, SettingsError::TooLarge(field)) => format!("{}：太大了", form_name(field)),
            (Lang::En, SettingsError::NotNetwork { field: Some(field) }) => format!(
                "“{}” was changed too: {} changes only the latency and the loss, and the other values take effect from \
                 time 0 only: use {} or {}",
                form_name(field),
                t.network_from_now,
                t.apply_settings,
                t.replay_settings
            ),
            (Lang::Zh, SettingsError::NotNetwork { field: Some(field) }) => format!(
                "“{}”也被改动了：“{}”只改变延迟和丢失率，其他值只能从 0 时刻起生效：请用“{}”或“{}”",
                form_name(field),
                t.network_from_now,
                t.apply_settings,
                t.replay_settings
            ),
            (Lang::En, SettingsError::NotNetwork { field: None }) => format!(
                "{} changes only the latency and the loss; the other values changed take effect from time 0 only: use \
                 {} or {}",
                t.network_from_now, t.apply_settings, t.replay_settings
            ),
            (Lang::Zh, SettingsError::NotNetwork { field: None }) => format!(
                "“{}”只改变延迟和丢失率；改动的其他值只能从 0 时刻起生效：请用“{}”或“{}”",
                t.network_from_now, t.apply_settings, t.replay_settings
            ),
            (Lang::En, SettingsError::NetworkUnchanged) => {
                "Latency and loss already have these values at this moment: change one of them first".to_owned()
            }
            (Lang::Zh, SettingsError::NetworkUnchanged) => {
                "此刻的延迟和丢失率已经是这些值：请先改动其中一项".to_owned()
            }
        }
    }

    /// A scenario's problem at its path (`actions[3].node：…`).
    pub fn scenario_error(self, error: &ScenarioError) -> String {
        match self {
            Lang::En => error.to_string(),
            Lang::Zh if error.path.is_empty() => self.problem(&error.problem),
            Lang::Zh => format!("{}：{}", error.path, self.problem(&error.problem)),
        }
    }

    /// What is wrong with a scenario, without where.
    fn problem(self, problem: &Problem) -> String {
        match (self, problem) {
            (Lang::En, _) => problem.to_string(),
            (Lang::Zh, Problem::Reader(reader)) => {
                let what = self.reader_kind(&reader.kind, &reader.message);
                match reader.position {
                    Some((line, column)) => format!("{what}（第 {line} 行第 {column} 列）"),
                    None => what,
                }
            }
            (Lang::Zh, Problem::FileTooLarge { limit_kb, size_kb }) => {
                format!("场景文件最多 {limit_kb} KB，而这个有 {size_kb} KB")
            }
            (Lang::Zh, Problem::NotAnObject) => {
                "这不是场景文件：场景是一个 JSON 对象，形如 { \"version\": 1, \"seed\": … }".to_owned()
            }
            (Lang::Zh, Problem::Version { version, newest }) => {
                format!("这个演练场只能读取不超过版本 {newest} 的场景文件，而不是版本 {version}")
            }
            (Lang::Zh, Problem::Config(error)) => self.config_problem(error),
            (Lang::Zh, Problem::TimeTooLate { time_ms, limit_ms }) => {
                format!("最多 {limit_ms}（模拟时间一小时），而不是 {time_ms}")
            }
            (Lang::Zh, Problem::OutOfOrder { time_ms, previous_ms }) => {
                format!("{time_ms} 早于前一个操作的 {previous_ms}：操作必须按时间顺序排列")
            }
            (Lang::Zh, Problem::TooManyChars { limit, count }) => format!("最多 {limit} 个字符，而不是 {count}"),
            (Lang::Zh, Problem::TooManyActions { limit, count }) => format!("最多 {limit} 个操作，而不是 {count}"),
            (Lang::Zh, Problem::TooManyEntries { limit, count }) => format!("最多 {limit} 个条目，而不是 {count}"),
            (Lang::Zh, Problem::NoSuchNode { node, nodes }) => {
                format!("服务器 {node} 不存在：服务器编号为 1 到 {nodes}")
            }
            (Lang::Zh, Problem::NoSuchClient(client)) => {
                format!("客户端 {client} 不存在：客户端编号为 1 到 {}", raft_sim::MAX_CLIENTS)
            }
            (Lang::Zh, Problem::Command(error)) => self.command_error(error),
            (Lang::Zh, Problem::InTwoGroups(node)) => format!("服务器 {node} 出现在两个分组里"),
            (Lang::Zh, Problem::SelfLink) => "链路连接两台不同的服务器".to_owned(),
            (Lang::Zh, Problem::MessageZero) => "消息编号从 1 开始".to_owned(),
            (Lang::Zh, Problem::Probability(p)) => self.probability(*p),
            (Lang::Zh, Problem::WorkloadInterval(ms)) => self.workload_interval(*ms),
            (Lang::Zh, Problem::ClockPercent(percent)) => self.clock_speed(*percent),
            (Lang::Zh, Problem::TermOrder(term)) => {
                format!("日志中的任期从 1 开始且从不减小，而这里是 {term}")
            }
            (Lang::Zh, Problem::TermTooLarge { term, limit }) => format!("最多 {limit}，而不是 {term}"),
            (Lang::Zh, Problem::TermBelowLog { term, last }) => {
                format!("{term} 小于它最后一个日志条目的任期 {last}")
            }
        }
    }

    /// What the reader refused, in Chinese (English is serde's `message`).
    fn reader_kind(self, kind: &ReaderKind, message: &str) -> String {
        let names = |names: &[String]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join("、");
        match (self, kind) {
            (Lang::En, _) => message.to_owned(),
            (Lang::Zh, ReaderKind::Syntax(what)) => format!("这不是有效的 JSON：{}", syntax_zh(what)),
            (Lang::Zh, ReaderKind::UnknownField { field, action, expected }) => {
                let owner = action.as_ref().map_or_else(String::new, |action| format!("`{action}` 操作"));
                if expected.is_empty() {
                    format!("{owner}没有字段 `{field}`，它不带任何字段")
                } else {
                    format!("{owner}没有字段 `{field}`，可用的字段是 {}", names(expected))
                }
            }
            (Lang::Zh, ReaderKind::TimeInUntimedAction) => "立即执行的操作没有 `at_ms`".to_owned(),
            (Lang::Zh, ReaderKind::MissingField(field)) => format!("缺少字段 `{field}`"),
            (Lang::Zh, ReaderKind::DuplicateField(field)) => format!("字段 `{field}` 出现了两次"),
            (Lang::Zh, ReaderKind::UnknownVariant { variant, expected }) => {
                format!("没有 `{variant}` 这个选项，可用的是 {}", names(expected))
            }
            (Lang::Zh, ReaderKind::InvalidType { found, expected }) => {
                format!("类型不对：这里是{}，应为{}", found_zh(found), expected_zh(expected))
            }
            (Lang::Zh, ReaderKind::InvalidValue { found, expected }) => {
                format!("值不对：这里是{}，应为{}", found_zh(found), expected_zh(expected))
            }
            (Lang::Zh, ReaderKind::InvalidLength { length, expected }) => {
                format!("数组长度为 {length}，应为{}", expected_zh(expected))
            }
            (Lang::Zh, ReaderKind::Probability(p)) => format!("概率必须在 0 到 1 之间，而不是 {p}"),
            (Lang::Zh, ReaderKind::BadServerId(id)) => format!("服务器编号应为整数，而不是 {id}"),
            (Lang::Zh, ReaderKind::ServerTwice(node)) => format!("服务器 {node} 出现了两次"),
            (Lang::Zh, ReaderKind::TooManyServers(limit)) => format!("最多 {limit} 台服务器"),
            (Lang::Zh, ReaderKind::Other) => "无法读取这个值".to_owned(),
        }
    }

    /// Why a link could not be opened or made.
    pub fn link_error(self, error: &LinkError) -> String {
        match (self, error) {
            (Lang::En, _) => error.to_string(),
            (Lang::Zh, LinkError::NoScenario) => "链接里没有场景（缺少“s=”部分）".to_owned(),
            (Lang::Zh, LinkError::NoVersion) => "链接里的场景没有版本号：它应以“s=1.”开头".to_owned(),
            (Lang::Zh, LinkError::UnknownVersion(_)) => "链接的版本号不是这个演练场的链接版本".to_owned(),
            (Lang::Zh, LinkError::NewerVersion(version)) => format!(
                "这个链接由更新的演练场生成（链接版本 {version}）；这里只能读取不超过版本 {} 的链接",
                raft_sim::LINK_VERSION
            ),
            (Lang::Zh, LinkError::BadCharacter { position, character }) => {
                format!("链接已损坏：“s=”之后的第 {position} 个字符“{character}”不是 base64url 字符")
            }
            (Lang::Zh, LinkError::Damaged) => "链接已损坏或被截断（场景无法解压）".to_owned(),
            (Lang::Zh, LinkError::TooLarge) => {
                format!("链接里的场景超过 {} KB", raft_sim::MAX_SCENARIO_BYTES / 1024)
            }
            (Lang::Zh, LinkError::NotText) => "链接已损坏：场景不是文本".to_owned(),
            (Lang::Zh, LinkError::Scenario(error)) => format!("链接里的场景无效：{}", self.scenario_error(error)),
            (Lang::Zh, LinkError::BadTime(text)) => {
                format!("链接的时刻 t=“{text}”不是按规范写出的整数毫秒（只用数字，不带正负号或前导零）")
            }
            (Lang::Zh, LinkError::TimeTooLate(time)) => {
                format!("链接的时刻 t={time} 晚于 {} 毫秒（模拟时间一小时）", raft_sim::MAX_LINK_TIME_MS)
            }
            (Lang::Zh, LinkError::NoTime) => "链接没有时刻（结尾的“&t=…”）：它可能被截断了".to_owned(),
            (Lang::Zh, LinkError::TooBusy { time_ms, reached_ms, budget }) => format!(
                "这个链接的运行太繁忙，无法在页面中重放到 t={time_ms}：需要超过 {budget} 个事件（事件上限在 \
                 {reached_ms} 毫秒时用完）；请分享更早的时刻"
            ),
        }
    }

    /// What was seen that breaks a safety property.
    pub fn breach(self, breach: &Breach) -> String {
        match (self, breach) {
            (Lang::En, _) => breach.to_string(),
            (Lang::Zh, Breach::TwoLeaders { first, second, term }) => {
                format!("S{first} 和 S{second} 都是第 {term} 任期的领导者")
            }
            (Lang::Zh, Breach::LeaderLacksCommitted { node, term, committed }) => {
                format!("S{node} 成为第 {term} 任期的领导者，但它的日志在索引 {committed} 及之前与已提交的条目不一致")
            }
            (Lang::Zh, Breach::LeaderDeleted { node, deleted, after }) => {
                format!("领导者 S{node} 删除了索引 {after} 之后的 {deleted} 个条目")
            }
            (Lang::Zh, Breach::StoredPastEnd { node, first, length }) => {
                format!("S{node} 的日志长度为 {length}，却在索引 {first} 处存入条目")
            }
            (Lang::Zh, Breach::EntryDiffers { node, index, term }) => {
                format!("S{node} 在索引 {index} 处第 {term} 任期的条目之前的日志与别的服务器不同")
            }
            (Lang::Zh, Breach::CommittedDifferent { node, index }) => {
                format!("S{node} 在索引 {index} 处提交的条目与此前在那里提交的条目不同")
            }
            (Lang::Zh, Breach::CommittedOverDifferent { node, index }) => {
                format!("S{node} 提交到索引 {index}，但之前已提交的条目与它的不同")
            }
            (Lang::Zh, Breach::AppliedDifferent { node, index }) => {
                format!("S{node} 在索引 {index} 处应用的条目与另一台服务器在那里应用的不同")
            }
            (Lang::Zh, Breach::TwoPendingChanges { node, pending, appended }) => {
                format!("领导者 S{node} 在索引 {pending} 的配置提交之前，又在索引 {appended} 追加了配置")
            }
        }
    }
}

/// serde_json's description of what is not JSON, in Chinese.
fn syntax_zh(what: &str) -> &'static str {
    match what {
        "EOF while parsing a list" => "数组没写完就结束了",
        "EOF while parsing an object" => "对象没写完就结束了",
        "EOF while parsing a string" => "字符串没写完就结束了",
        "EOF while parsing a value" => "值没写完就结束了",
        "expected `:`" => "这里应为“:”",
        "expected `,` or `]`" => "这里应为“,”或“]”",
        "expected `,` or `}`" => "这里应为“,”或“}”",
        "expected ident" | "expected value" => "这里应为一个值",
        "expected `\"`" => "这里应为“\"”",
        "invalid escape" => "无效的转义序列",
        "invalid number" => "无效的数字",
        "number out of range" => "数字超出范围",
        "key must be a string" => "对象的键必须是字符串",
        "trailing comma" => "多余的逗号",
        "trailing characters" => "JSON 之后还有多余的字符",
        "recursion limit exceeded" => "嵌套太深",
        _ if what.starts_with("control character") => "字符串里有控制字符",
        _ => "无法解析",
    }
}

/// What serde found, in Chinese: its kind, then the value it quotes.
fn found_zh(found: &str) -> String {
    const KINDS: [(&str, &str); 8] = [
        ("floating point", "小数"),
        ("integer", "整数"),
        ("boolean", "布尔值"),
        ("string", "字符串"),
        ("sequence", "数组"),
        ("map", "对象"),
        ("unit value", "空值"),
        ("null", "null"),
    ];
    for (english, chinese) in KINDS {
        if let Some(value) = found.strip_prefix(english) {
            return format!("{chinese}{value}");
        }
    }
    found.to_owned()
}

/// What serde expected, in Chinese, for every expectation the scenario format and the embed
/// protocol state.
fn expected_zh(expected: &str) -> String {
    let known = match expected {
        "a whole number >= 0" => "大于等于 0 的整数",
        "a whole number from 0 to 4294967295" => "0 到 4294967295 之间的整数",
        "a number" => "一个数",
        "a string" => "字符串",
        "a boolean" => "布尔值（true 或 false）",
        "a sequence" => "数组",
        "an object" | "a map" => "对象",
        "an object of options" => "选项对象",
        "one JSON object: { \"version\": 1, \"seed\": … }" => "一个 JSON 对象：{ \"version\": 1, \"seed\": … }",
        "an action object: { \"at_ms\": 0, \"do\": \"crash\", \"node\": 2 }" => {
            "操作对象：{ \"at_ms\": 0, \"do\": \"crash\", \"node\": 2 }"
        }
        "an object: { \"term\": …, \"voted_for\": …, \"log\": […] }" => {
            "对象：{ \"term\": …, \"voted_for\": …, \"log\": […] }"
        }
        "a log entry is a term (e.g. 3) or [term, \"command\"] (e.g. [3, \"x=1\"])" => {
            "日志条目：一个任期（如 3），或 [任期, \"命令\"]（如 [3, \"x=1\"]）"
        }
        "an object of server ids, e.g. { \"1\": { \"term\": 2 } }" => {
            "以服务器编号为键的对象，例如 { \"1\": { \"term\": 2 } }"
        }
        _ => {
            return match expected.strip_prefix("an array of length ").or(expected.strip_prefix("a sequence of length "))
            {
                Some(length) => format!("长度为 {length} 的数组"),
                None => expected.to_owned(),
            };
        }
    };
    known.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_setting_names_the_field_of_the_form_at_fault() {
        let config = |error| SettingsError::Config(error);
        assert_eq!(SettingsError::TooLarge("seed").field(), Some("seed"));
        assert_eq!(
            config(ConfigError::Heartbeat { heartbeat_ms: 500, election_min_ms: 150 }).field(),
            Some("heartbeat_ms")
        );
        assert_eq!(
            config(ConfigError::BadRange { name: "election_timeout_ms", low: 9, high: 1 }).field(),
            Some("election_min")
        );
        assert_eq!(config(ConfigError::NodeCount(0)).field(), None);
    }

    fn file_error(json: &str) -> ScenarioError {
        raft_sim::Scenario::from_json(json).unwrap_err()
    }

    #[test]
    fn english_is_the_errors_own_wording() {
        let error =
            file_error(r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "crash", "node": 9 } ] }"#);
        assert_eq!(Lang::En.scenario_error(&error), error.to_string());
        assert_eq!(Lang::En.scenario_error(&error), "actions[0].node: node 9 does not exist: nodes are 1 to 5");
    }

    #[test]
    fn chinese_words_every_kind_of_file_error() {
        let zh = |json: &str| Lang::Zh.scenario_error(&file_error(json));
        assert_eq!(
            zh(r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "crash", "node": 9 } ] }"#),
            "actions[0].node：服务器 9 不存在：服务器编号为 1 到 5"
        );
        assert_eq!(zh(r#"{ "version": 1, "seed": }"#), "seed：这不是有效的 JSON：这里应为一个值（第 1 行第 25 列）");
        assert_eq!(zh(r#"{ "version": 1, "seed": 1, "why": 2 }"#).split('，').next(), Some("why：没有字段 `why`"));
        assert_eq!(
            zh(r#"{ "version": 1, "seed": "x" }"#),
            "seed：类型不对：这里是字符串 \"x\"，应为大于等于 0 的整数（第 1 行第 27 列）"
        );
        assert_eq!(zh(r#"{ "version": 1, "seed": 1, "seed": 2 }"#), "字段 `seed` 出现了两次（第 1 行第 33 列）");
        assert_eq!(
            zh(r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "heal", "node": 1 } ] }"#),
            "actions[0]：`heal` 操作没有字段 `node`，它不带任何字段（第 1 行第 81 列）"
        );
        assert_eq!(
            zh(r#"{ "version": 1, "seed": 1, "options": { "heartbeat_ms": 400 } }"#),
            "options.heartbeat_ms：400 必须大于 0 并小于最短选举超时（150）"
        );
    }

    #[test]
    fn no_chinese_error_word_is_english() {
        let latin =
            |text: &str| text.split(|c: char| !c.is_ascii_alphabetic()).any(|word| word.len() > 3 && word != "JSON");
        let errors = [
            r#"{ "version": 1, "seed": }"#,
            r#"{ "version": 1, "seed": 1, "options": { "loss": 2 } }"#,
            r#"{ "version": 1, "seed": 1, "nodes": 12 }"#,
            r#"{ "version": 9, "seed": 1 }"#,
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 5, "do": "timeout", "node": 1 }, { "at_ms": 1, "do": "heal" } ] }"#,
            r#"{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "write", "node": 1, "command": "x" } ] }"#,
        ];
        for json in errors {
            let error = file_error(json);
            let text = Lang::Zh.scenario_error(&error);
            let problem = text.strip_prefix(&format!("{}：", error.path)).unwrap_or(&text);
            assert!(!latin(problem), "{text}");
        }
        for error in [LinkError::Damaged, LinkError::NoTime, LinkError::NotText] {
            assert!(!latin(&Lang::Zh.link_error(&error)));
        }
        let breach = Breach::TwoLeaders { first: 1, second: 2, term: 3 };
        assert_eq!(Lang::Zh.breach(&breach), "S1 和 S2 都是第 3 任期的领导者");
        assert_eq!(Lang::En.breach(&breach), "S1 and S2 both lead term 3");
    }

    #[test]
    fn the_settings_form_is_answered_in_its_own_words() {
        let lease = SettingsError::Config(ConfigError::LeaseWithoutCheckQuorum);
        let said = Lang::En.settings_error(&lease);
        assert!(said.contains("need CheckQuorum on") && !said.contains("check_quorum"), "{said}");
        let empty = SettingsError::NotWhole { field: "heartbeat_ms", text: " ".into() };
        assert_eq!(Lang::En.settings_error(&empty), "Heartbeat interval (ms): a whole number is needed");
        assert!(Lang::Zh.settings_error(&empty).ends_with("：需要填写一个整数"));
        let negative = SettingsError::NotWhole { field: "heartbeat_ms", text: "-3".into() };
        assert!(Lang::En.settings_error(&negative).ends_with("expected a whole number from 1 up, not \"-3\""));
        let seed = SettingsError::NotWhole { field: "seed", text: "x".into() };
        assert!(Lang::En.settings_error(&seed).ends_with("expected a whole number from 0 up, not \"x\""));
        // A range names the field that is wrong: both ends when they are out of order, the
        // longest when it is too long, the shortest when it is 0.
        let bad_range = |low, high| SettingsError::Config(ConfigError::BadRange { name: "latency_ms", low, high });
        assert!(Lang::En.settings_error(&bad_range(10, 5)).starts_with("Latency, shortest and longest (ms): "));
        assert!(Lang::En.settings_error(&bad_range(0, 5)).starts_with("Latency, shortest (ms): "));
        assert!(Lang::Zh.settings_error(&bad_range(10, 5)).starts_with("网络延迟下限与上限（毫秒）："));
        let too_long = SettingsError::Config(ConfigError::TooLong { name: "election_timeout_ms", value: 99_999_999 });
        assert!(Lang::En.settings_error(&too_long).starts_with("Election timeout, longest (ms): "));
        assert!(Lang::Zh.settings_error(&too_long).starts_with("选举超时上限（毫秒）："));
    }
}
