//! The presets' titles in 中文. English comes from the scenario files themselves
//! (crates/raft-web/presets/*.json), which `raftsim` also reads; the descriptions in 中文 are
//! files beside them (presets/zh/*.txt), fetched with the preset.

/// (preset id, title) in Chinese.
pub const PRESETS_ZH: [(&str, &str); 30] = [
    ("figure-6", "图 6：日志复制"),
    ("figure-7", "图 7：跟随者 a–f 遇到第 8 任期的领导者"),
    ("figure-8", "图 8：旧任期的条目不能靠多数派副本提交"),
    ("figure-8e", "图 8 (e)：先提交当前任期的条目"),
    ("leader-crash", "领导者宕机与重新选主"),
    ("follower-crash", "跟随者宕机与追赶"),
    ("split-vote", "选票分裂"),
    ("stale-leader", "被分区隔开的过期领导者"),
    ("lost-messages", "消息丢失与重试"),
    ("term-inflation", "任期膨胀：一台服务器回来后推翻了健康的领导者（预投票能阻止）"),
    ("check-quorum", "被困在少数派里的领导者还以为自己在领导（CheckQuorum 让它退位）"),
    ("leadership-transfer", "领导权转移：S4 把领导权转移给 S2，期间有一个写请求"),
    ("break-commit-old-terms", "打破规则：按副本数提交旧任期的条目（图 8 出错）"),
    ("break-election-restriction", "打破规则：不管日志新旧都投票（落后的服务器当选，抹掉已提交的写入）"),
    ("break-largest-id", "打破规则：“选编号最大的服务器”（一个任期两个领导者）"),
    ("break-equal-commit", "打破规则：提交索引相同就接受条目（两份日志在某个条目上相同，之前的条目却不同）"),
    ("membership-add-two", "一次添加一台：加入两台服务器"),
    ("membership-remove-leader", "替换领导者：S4 把自己移出集群"),
    ("membership-joint", "联合共识：用三台新服务器换下三台旧服务器"),
    (
        "membership-removed-disrupts",
        "被移除却不知情的服务器扰乱集群（博士论文中的防护，随 CheckQuorum 开启，能挡住它）",
    ),
    ("break-reconfig-before-term-commit", "2015 年的漏洞：跨任期竞争的成员变更丢失了已提交的条目"),
    ("pipelining-flow-control", "没有流量控制的流水线：断开的链路里丢失的写请求，每个往返只找回一个条目"),
    ("install-snapshot", "落后太多的跟随者通过 InstallSnapshot 追上"),
    ("retried-write", "客户端重试的写入只应用一次（会话）"),
    ("read-index", "读索引（ReadIndex）：领导者先确认自己仍在领导，再回答读请求"),
    ("lease-read", "租约读：租约有效期间立刻回答"),
    ("break-stale-reads", "打破规则：任何服务器都回答读请求（被分区隔开的领导者读到旧值）"),
    ("break-lease-clock-drift", "打破规则：租约不考虑时钟漂移（走慢的时钟给出过期的读）"),
    ("membership-2015-fixed", "2015 年漏洞的修正：新领导者先提交本任期的条目，再变更成员"),
    ("membership-catch-up-fails", "追不上日志的新服务器：领导者放弃这次变更，集群从不等它"),
];

/// The Chinese title of preset `id`.
pub fn preset_zh(id: &str) -> Option<&'static str> {
    PRESETS_ZH.iter().find(|(preset, _)| *preset == id).map(|&(_, title)| title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_chinese_title_and_description() {
        for preset in &crate::presets::PRESETS {
            let title = preset_zh(preset.id).unwrap_or_else(|| panic!("{} has no 中文 title", preset.id));
            let description = crate::presets::PresetFiles::from_disk(preset.id).description_zh;
            assert!(!title.is_empty() && description.chars().count() > 40, "{}", preset.id);
        }
    }
}
