//! The words of the learner's first minutes — forking and Undo, the client's write form, the
//! state machines drawn beside their servers — and of the limits that keep hostile input
//! harmless, in English and 中文 (the rest of the interface is in `i18n.rs`).

use crate::number_text::scaled;
use raft_sim::{Millis, NodeId};

use crate::i18n::Lang;

/// The fixed strings of the learner's additions.
#[allow(missing_docs)] // each field is named after what it labels
pub struct LearnerTexts {
    pub undo: &'static str,
    pub undo_title: &'static str,
    pub client_form: &'static str,
    pub client_title: &'static str,
    pub send_to: &'static str,
    pub send: &'static str,
    pub tools: &'static str,
    pub writes_steadily: &'static str,
    pub steady_off: &'static str,
}

const EN: LearnerTexts = LearnerTexts {
    undo: "Undo",
    undo_title: "Bring back the part of the run your action discarded",
    client_form: "Client request",
    client_title: "The client: click to send a write or a read",
    send_to: "Send to",
    send: "Send",
    tools: "Tools",
    writes_steadily: "Writes on its own",
    steady_off: "Off",
};

const ZH: LearnerTexts = LearnerTexts {
    undo: "撤销",
    undo_title: "找回被这次操作丢弃的那部分运行",
    client_form: "客户端请求",
    client_title: "客户端：点击发送写请求或读请求",
    send_to: "发送到",
    send: "发送",
    tools: "工具",
    writes_steadily: "自动写入",
    steady_off: "关闭",
};

/// Why the client form sends to a server unless another is picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetReason {
    /// It acknowledged the client's latest write: the leader the client knows.
    KnownLeader,
    /// The client knows no leader yet, and one of its requests waits on this server's answer
    /// (a write the presenter's W key sent to the leader, say).
    WaitingOn,
    /// The client knows no leader and waits on none: the first server that is up.
    FirstUp,
}

impl Lang {
    /// The learner's additions in this language.
    pub fn learner_texts(self) -> &'static LearnerTexts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// What acting in the past discarded, e.g. "Acting at this moment discarded the next
    /// 3.2 s of the run and 2 later actions."
    pub fn forked(self, discarded_ms: Millis, discarded_actions: usize) -> String {
        let seconds = scaled(discarded_ms, 3);
        if discarded_ms == 0 {
            // At the end of the run so far: only the scenario's later actions are discarded.
            return match self {
                Lang::En => {
                    format!("Acting at this moment discarded the scenario's {discarded_actions} later actions.")
                }
                Lang::Zh => format!("在此时刻操作，丢弃了场景中之后的 {discarded_actions} 个操作。"),
            };
        }
        match (self, discarded_actions) {
            (Lang::En, 0) => format!("Acting at this moment discarded the next {seconds} s of the run."),
            (Lang::En, 1) => {
                format!("Acting at this moment discarded the next {seconds} s of the run and 1 later action.")
            }
            (Lang::En, n) => {
                format!("Acting at this moment discarded the next {seconds} s of the run and {n} later actions.")
            }
            (Lang::Zh, 0) => format!("在此时刻操作，丢弃了之后 {seconds} 秒的运行。"),
            (Lang::Zh, n) => format!("在此时刻操作，丢弃了之后 {seconds} 秒的运行和 {n} 个后续操作。"),
        }
    }

    /// Why a moment is out of reach: replaying to it would take more than the replay budget.
    pub fn too_busy(self, busy: &raft_sim::TooBusy) -> String {
        let (time, reached) = (scaled(busy.time_ms, 3), scaled(busy.reached_ms, 3));
        let events = raft_sim::MAX_REPLAY_EVENTS;
        match self {
            Lang::En => format!(
                "This run is too busy to replay to {time} s: that takes more than {} million events, the most one \
                 replay may run (the budget ran out at {reached} s). Choose an earlier moment.",
                scaled(events / 100_000, 1)
            ),
            Lang::Zh => format!(
                "这次运行太繁忙，无法重放到 {time} 秒：需要超过 {} 万个事件，超出一次重放的上限（上限在 {reached} 秒时用完）。请选择更早的时刻。",
                events / 10_000
            ),
        }
    }

    /// Why a chosen scenario file is not read: it is larger than the limit.
    pub fn file_too_large(self, bytes: u64) -> String {
        let (size, limit) = (bytes.div_ceil(1024), raft_sim::MAX_SCENARIO_FILE_BYTES / 1024);
        match self {
            Lang::En => format!("This file has {size} KB; a scenario file has at most {limit} KB. It was not read."),
            Lang::Zh => format!("这个文件有 {size} KB；场景文件最多 {limit} KB。它没有被读取。"),
        }
    }

    /// A chosen file that the browser could not read.
    pub fn file_unreadable(self) -> &'static str {
        match self {
            Lang::En => "The file could not be read.",
            Lang::Zh => "无法读取这个文件。",
        }
    }

    /// The error banner's explanation of a failure of the page's WebAssembly.
    pub fn page_failed(self) -> &'static str {
        match self {
            Lang::En => "The simulation stopped working and cannot go on. Reset reloads the page.",
            Lang::Zh => "模拟出错，无法继续。点击“重置”重新加载页面。",
        }
    }

    /// The client form's default target `node`, and why it is the default.
    pub fn client_target(self, why: TargetReason, node: NodeId) -> String {
        match (self, why) {
            (Lang::En, TargetReason::KnownLeader) => format!("S{node}, the leader the client knows"),
            (Lang::En, TargetReason::WaitingOn) => format!("S{node}, where a request of the client waits"),
            (Lang::En, TargetReason::FirstUp) => format!("S{node} (first up; leader not yet known)"),
            (Lang::Zh, TargetReason::KnownLeader) => format!("S{node}，客户端已知的领导者"),
            (Lang::Zh, TargetReason::WaitingOn) => format!("S{node}，客户端的请求正在等它回复"),
            (Lang::Zh, TargetReason::FirstUp) => format!("S{node}（第一台在线的；客户端尚不知道领导者）"),
        }
    }

    /// A pace of a client's steady writes, e.g. "0.5 s" (a button of the client form).
    pub fn steady_pace(self, every_ms: Millis) -> String {
        match self {
            Lang::En => format!("{} s", scaled(every_ms, 3)),
            Lang::Zh => format!("{} 秒", scaled(every_ms, 3)),
        }
    }

    /// What a pace button does, e.g. "Client C1 writes x=1, x=2, … every 0.5 s, each to the
    /// leader it knows"; or what Off does.
    pub fn steady_title(self, client: raft_sim::ClientId, every_ms: Millis) -> String {
        let key = raft_sim::workload_key(client);
        let seconds = scaled(every_ms, 3);
        match (self, every_ms) {
            (Lang::En, 0) => format!("Client C{client} stops writing on its own"),
            (Lang::En, _) => {
                format!("Client C{client} writes {key}=1, {key}=2, … every {seconds} s, each to the leader it knows")
            }
            (Lang::Zh, 0) => format!("客户端 C{client} 停止自动写入"),
            (Lang::Zh, _) => format!("客户端 C{client} 每 {seconds} 秒写入 {key}=1、{key}=2……，每次发给它已知的领导者"),
        }
    }

    /// What the drawing says under the client box of a client writing on its own, e.g.
    /// "C1 every 0.5 s".
    pub fn steady_badge(self, client: raft_sim::ClientId, every_ms: Millis) -> String {
        match self {
            Lang::En => format!("C{client} every {} s", scaled(every_ms, 3)),
            Lang::Zh => format!("C{client} 每 {} 秒写一次", scaled(every_ms, 3)),
        }
    }

    /// The accessible name of a server's state machine, e.g. "State machine of S2: x=3, y=1".
    pub fn kv_label(self, node: NodeId, kv: &str) -> String {
        match self {
            Lang::En => format!("State machine of S{node}: {kv}"),
            Lang::Zh => format!("S{node} 的状态机：{kv}"),
        }
    }

    /// A reply's answer, for its accessible name: the vote granted, the append succeeded, the
    /// write committed (✓), or not (✗).
    pub fn answer(self, granted: bool) -> &'static str {
        match (self, granted) {
            (Lang::En, true) => "answer: yes",
            (Lang::En, false) => "answer: no",
            (Lang::Zh, true) => "回答：是",
            (Lang::Zh, false) => "回答：否",
        }
    }

    /// How many entries an AppendEntries carries, for its accessible name.
    pub fn entries_carried(self, entries: usize) -> String {
        match (self, entries) {
            (Lang::En, 0) => "heartbeat".to_owned(),
            (Lang::En, 1) => "1 entry".to_owned(),
            (Lang::En, n) => format!("{n} entries"),
            (Lang::Zh, 0) => "心跳".to_owned(),
            (Lang::Zh, n) => format!("{n} 个条目"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forking_says_what_it_discarded_in_both_languages() {
        assert_eq!(
            Lang::En.forked(3_200, 2),
            "Acting at this moment discarded the next 3.2 s of the run and 2 later actions."
        );
        assert_eq!(Lang::En.forked(450, 0), "Acting at this moment discarded the next 0.45 s of the run.");
        assert_eq!(Lang::Zh.forked(3_200, 1), "在此时刻操作，丢弃了之后 3.2 秒的运行和 1 个后续操作。");
        assert_eq!(Lang::En.forked(0, 6), "Acting at this moment discarded the scenario's 6 later actions.");
        assert_eq!(Lang::Zh.forked(0, 6), "在此时刻操作，丢弃了场景中之后的 6 个操作。");
    }

    #[test]
    fn limits_are_named_in_both_languages() {
        let busy = raft_sim::TooBusy { time_ms: 3_600_000, reached_ms: 312_500 };
        assert_eq!(
            Lang::En.too_busy(&busy),
            "This run is too busy to replay to 3600 s: that takes more than 1.5 million events, the most one replay may \
             run (the budget ran out at 312.5 s). Choose an earlier moment."
        );
        assert!(Lang::Zh.too_busy(&busy).contains("需要超过 150 万个事件"));
        assert_eq!(
            Lang::En.file_too_large(50 * 1024 * 1024),
            "This file has 51200 KB; a scenario file has at most 2048 KB. It was not read."
        );
        assert!(Lang::Zh.file_too_large(3_000_000).contains("最多 2048 KB"));
    }

    #[test]
    fn messages_say_how_many_entries_they_carry() {
        assert_eq!(Lang::En.entries_carried(0), "heartbeat");
        assert_eq!(Lang::En.entries_carried(3), "3 entries");
        assert_eq!(Lang::Zh.entries_carried(0), "心跳");
    }
}
