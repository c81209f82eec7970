//! The presets' titles and descriptions in 中文. English comes from the scenario files
//! themselves (crates/raft-web/presets/*.json), which `raftsim` also reads.

/// (preset id, title, description) in Chinese.
pub const PRESETS_ZH: [(&str, &str, &str); 9] = [
    (
        "figure-6",
        "图 6：日志复制",
        "论文的图 6。S1 有 8 条日志（x=3、y=1、y=9、x=2、x=0、y=7、x=5、x=4），S3 有全部 8 条，S5 有前 7 条，S2 有前 5 条，S4 只有前 2 条。S1 超时并赢得第 4 任期。S2 和 S4 会拒绝 AppendEntries，直到 S1 把 nextIndex 逐条回退到 6 和 3（看日志表里的“下个”标记）。索引 8 的条目很快复制到了多数派，但它来自第 3 任期，S1 不能靠数副本来提交它（§5.4.2）。直到 0.6 秒 S1 写入自己任期的 x=6，它才随之提交。",
    ),
    (
        "figure-7",
        "图 7：跟随者 a–f 遇到第 8 任期的领导者",
        "论文的图 7。S1 持有领导者的日志，S2 到 S7 是跟随者 (a) 到 (f)：有的缺少条目，(c) 和 (d) 多出未提交的条目，(f) 有一整段第 2、3 任期的条目。(c) 和 (d) 的日志更新，不会投票给 S1（§5.4.1），但 S1 仍然得到多数票，赢得第 8 任期。它的 AppendEntries 会补齐缺失的条目并覆盖冲突的条目。经过一条空操作条目和一次写入后，所有日志完全相同。",
    ),
    (
        "figure-8",
        "图 8：多数派上的旧任期条目不算已提交",
        "论文的图 8 (b) 到 (d)。这里关闭了当选后的空操作条目，问题才会显现。S5 宕机时，S1 带着索引 2 上的第 2 任期条目重启，赢得第 4 任期，并把这条条目复制到 S2、S3——已经是多数派。但它来自第 2 任期，所以 S1 不提交它（§5.4.2）。0.3 秒时 S1 宕机，S5 恢复，靠 S2、S3、S4 的选票赢得第 5 任期，并用自己第 3 任期的条目覆盖了所有服务器上的索引 2。假如 S1 当初提交了索引 2，一条已提交的条目就会丢失。",
    ),
    (
        "figure-8e",
        "图 8 (e)：先提交当前任期的条目",
        "与图 8 的开头相同，但 S1 在 0.15 秒写入第 4 任期的 x=4。这条条目一到多数派，S1 就提交它，索引 2 也随之提交。S1 宕机后，S5 一次又一次超时，却永远赢不了：S2 和 S3 的最后任期比 S5 的新，它们拒绝投票（§5.4.1）。接下来由 S2 或 S3 领导，已提交的条目得以保留。",
    ),
    (
        "leader-crash",
        "领导者宕机与重新选主",
        "S4 赢得第一次选举，写入 x=1 在所有服务器上提交。1 秒时 S4 宕机，心跳停止，选举计时器最先超时的跟随者发起第 2 任期的选举，选出新的领导者。3 秒时 S4 以跟随者身份重启：它从收到的第一条消息得知新的任期，然后追上日志。",
    ),
    (
        "follower-crash",
        "跟随者宕机与追赶",
        "S2 在 0.8 秒宕机。领导者 S4 继续和另外三台服务器（仍是多数派）一起提交写入。2 秒时 S2 带着旧日志和为 0 的提交索引重启。领导者的 AppendEntries 会被拒绝，直到它为 S2 记录的 nextIndex 回退到第一条缺失的条目；之后补齐缺口，S2 重新应用所有已提交的条目，重建状态机。",
    ),
    (
        "split-vote",
        "选票分裂",
        "四台服务器。S1 和 S3 同时超时，都在第 1 任期参选，各自得到自己和另一台的选票，都是 4 票中的 2 票，谁也没有过半，第 1 任期没有领导者。随机化的选举超时（§5.2）让两台服务器再次同时超时的可能性很小，下一次选举就能选出领导者。",
    ),
    (
        "stale-leader",
        "分区后面的过期领导者",
        "1 秒时网络分区把领导者 S4 和 S5 与 S1、S2、S3 隔开。S4 仍然以为自己是领导者，接受了写入 x=stale，但 5 台中的 2 台不是多数派，它永远无法提交。另一边在更高的任期选出领导者，提交了 x=fresh。3 秒时分区恢复，S4 看到更高的任期后退位，它那条未提交的条目被覆盖。",
    ),
    (
        "lost-messages",
        "消息丢失与重试",
        "每十条消息丢失两条，它们会带着红色叉号淡出。Raft 不需要可靠的网络：每次心跳都会带上跟随者还缺的条目，丢失的 AppendEntries 会由下一次重试；选票丢失的选举也只是再来一次。客户端就没那么幸运：请求或应答丢失时，写入会超时（见 raftsim 报告里的客户端结果）。真正的客户端会重试，并带上序号，避免同一命令被执行两次（§8）。",
    ),
];

/// The Chinese title and description of preset `id`.
pub fn preset_zh(id: &str) -> Option<(&'static str, &'static str)> {
    PRESETS_ZH.iter().find(|(preset, _, _)| *preset == id).map(|&(_, title, description)| (title, description))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_chinese_title_and_description() {
        for preset in &crate::presets::PRESETS {
            let (title, description) = preset_zh(preset.id).unwrap_or_else(|| panic!("{} has no 中文 text", preset.id));
            assert!(!title.is_empty() && description.chars().count() > 40, "{}", preset.id);
        }
    }
}
