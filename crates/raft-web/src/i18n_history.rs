//! The words of clients, reads, snapshots and the clients' history (issue 16), in English and
//! 中文: the Client history panel, the Linearizable badge, the read forms and snapshots.

use raft_sim::{Millis, Reason};

use crate::number_text::scaled;

use crate::i18n::Lang;
use crate::view::HistoryBreach;

/// The history's words in one language.
pub struct HistoryTexts {
    /// The panel's heading.
    pub title: &'static str,
    /// An acknowledged write, an answered read.
    pub ok: &'static str,
    /// An operation that may or may not have taken effect.
    pub unknown: &'static str,
    /// An operation refused everywhere.
    pub failed: &'static str,
    /// An operation still waiting.
    pub open: &'static str,
    /// The sixth badge: linearizability of the clients' history.
    pub linearizable: &'static str,
    /// The read form's field, and its button and tooltip.
    pub read_key: &'static str,
    pub read: &'static str,
    pub read_title: &'static str,
    /// The client picker.
    pub client: &'static str,
    /// A bar's mark for a write and for a read.
    pub write_mark: &'static str,
    pub read_mark: &'static str,
}

const EN: HistoryTexts = HistoryTexts {
    title: "Client history",
    ok: "ok",
    unknown: "outcome unknown",
    failed: "failed",
    open: "waiting",
    linearizable: "linearizable reads and writes",
    read_key: "Key to read",
    read: "Read",
    read_title: "The client reads this key at this server, served as Settings' read mode says (thesis §6.4)",
    client: "Client",
    write_mark: "w",
    read_mark: "r",
};

const ZH: HistoryTexts = HistoryTexts {
    title: "客户端历史",
    ok: "成功",
    unknown: "结果未知",
    failed: "失败",
    open: "等待中",
    linearizable: "读写线性一致",
    read_key: "要读的键",
    read: "读取",
    read_title: "客户端在这台服务器上读这个键，按设置里的读方式处理（博士论文 §6.4）",
    client: "客户端",
    write_mark: "写",
    read_mark: "读",
};

/// The snapshot controls' words in one language.
pub struct SnapshotTexts {
    /// The node menu's row.
    pub snapshot: &'static str,
    /// Its value without a snapshot.
    pub none: &'static str,
    /// The node menu's button, and its tooltip.
    pub take: &'static str,
    pub take_title: &'static str,
    /// A compacted log cell's name.
    pub compacted: &'static str,
}

const SNAPSHOT_EN: SnapshotTexts = SnapshotTexts {
    snapshot: "Snapshot",
    none: "none",
    take: "Take snapshot",
    take_title: "Snapshot the state machine as applied and discard the log up to there (paper §7)",
    compacted: "in the snapshot",
};

const SNAPSHOT_ZH: SnapshotTexts = SnapshotTexts {
    snapshot: "快照",
    none: "无",
    take: "生成快照",
    take_title: "为已应用的状态机生成快照，并丢弃到此为止的日志（论文 §7）",
    compacted: "已压缩进快照",
};

impl Lang {
    /// The snapshot controls' words.
    pub fn snapshot_texts(self) -> &'static SnapshotTexts {
        match self {
            Lang::En => &SNAPSHOT_EN,
            Lang::Zh => &SNAPSHOT_ZH,
        }
    }

    /// A snapshot's last index and term in words, or "none".
    pub fn snapshot_summary(self, snapshot: Option<(u64, u64)>) -> String {
        match (self, snapshot) {
            (_, None) => self.snapshot_texts().none.to_owned(),
            (Lang::En, Some((index, term))) => format!("through index {index} (term {term})"),
            (Lang::Zh, Some((index, term))) => format!("到索引 {index}（任期 {term}）"),
        }
    }

    /// When an operation ran, in its bar's name: `0.400 s – 0.455 s`, or `since 0.400 s` while
    /// it waits.
    pub fn history_span(self, start: &str, end: Option<&str>) -> String {
        match (self, end) {
            (_, Some(end)) => format!("{start} – {end}"),
            (Lang::En, None) => format!("since {start}"),
            (Lang::Zh, None) => format!("{start}起"),
        }
    }

    /// The history's words.
    pub fn history_texts(self) -> &'static HistoryTexts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// What the Client history panel shows when the whole run is too crowded, e.g. "Showing
    /// 21 s to 31 s: the whole run has too many operations to read here. Go back in time to see
    /// earlier ones."
    pub fn history_window(self, from: Millis, to: Millis) -> String {
        let (from, to) = (scaled(from / 100, 1), scaled(to / 100, 1));
        match self {
            Lang::En => format!(
                "Showing {from} s to {to} s: the whole run has too many operations to read here. Go back in time to see earlier ones."
            ),
            Lang::Zh => format!("显示 {from} 秒到 {to} 秒：整个运行的操作太多，这里放不下。回到更早的时刻可以看到之前的操作。"),
        }
    }

    /// Why the history is not linearizable, in one phrase.
    pub fn history_breach(self, breach: &HistoryBreach) -> String {
        let ops = breach.operations.iter().map(|id| format!("#{id}")).collect::<Vec<_>>().join(", ");
        let key = &breach.key;
        match (self, breach.reason) {
            (Lang::En, Reason::Stale { read, newer }) => {
                format!("read #{read} of {key} returned a value older than write #{newer}, which ended before it began")
            }
            (Lang::En, Reason::NeverWritten { read }) => {
                format!("read #{read} of {key} returned a value no write wrote")
            }
            (Lang::En, Reason::NoOrder) => format!("no single order of {ops} on {key} fits what each one saw"),
            (Lang::Zh, Reason::Stale { read, newer }) => {
                format!("对 {key} 的读 #{read} 返回了比写 #{newer} 更旧的值，而写 #{newer} 在读开始之前就已完成")
            }
            (Lang::Zh, Reason::NeverWritten { read }) => format!("对 {key} 的读 #{read} 返回了一个从未写入过的值"),
            (Lang::Zh, Reason::NoOrder) => format!("{key} 上的操作 {ops} 无法排成一个与各自所见相符的顺序"),
        }
    }
}
