//! The words of a server's own clock (the `clock` action), in English and 中文: leases trust
//! clocks (thesis §6.4.1), so a clock that runs slow or fast is drawn and said.

use raft_sim::NodeId;

use crate::i18n::Lang;
use crate::number_text::scaled;

/// The speeds the node menu offers, in percent of real time.
pub const MENU_SPEEDS: [u32; 3] = [50, 100, 200];

/// A speed as a factor of real time: `0.5×`, `1×`, `2×` (the same in both languages).
pub fn clock_factor(percent: u32) -> String {
    format!("{}×", scaled(u64::from(percent), 2))
}

impl Lang {
    /// How long, against what it should be, what a clock at `percent` times lasts: "twice as
    /// long", "half as long", "1.25× as long"; in 中文 the rest of "实际持续的时间…".
    fn stretch(self, percent: u32) -> String {
        let times = || scaled(100_000 / u64::from(percent.max(1)), 3);
        match (self, percent) {
            (Lang::En, 50) => "twice as long".to_owned(),
            (Lang::En, 200) => "half as long".to_owned(),
            (Lang::Zh, 50) => "是应有的两倍".to_owned(),
            (Lang::Zh, 200) => "只有应有的一半".to_owned(),
            (Lang::En, _) => format!("{}× as long", times()),
            (Lang::Zh, _) => format!("是应有的 {} 倍", times()),
        }
    }

    /// Said of a server whose clock does not keep real time, in its accessible name: "clock at
    /// 50 % of real time" (the number and its sign kept on one line).
    pub fn clock_label(self, percent: u32) -> String {
        match self {
            Lang::En => format!("clock at {percent}\u{a0}% of real time"),
            Lang::Zh => format!("时钟以真实时间的 {percent}% 运行"),
        }
    }

    /// The node menu's clock buttons: their group's label, drawn and read.
    pub fn clock_group(self) -> &'static str {
        match self {
            Lang::En => "Clock:",
            Lang::Zh => "时钟：",
        }
    }

    /// A clock button's accessible name and tooltip: what pressing it does.
    pub fn clock_button(self, id: NodeId, percent: u32) -> String {
        match (self, percent) {
            (Lang::En, 100) => format!("Run S{id}'s clock at real time"),
            (Lang::Zh, 100) => format!("让 S{id} 的时钟准确"),
            (Lang::En, _) => format!(
                "Run S{id}'s clock at {percent}\u{a0}% of real time: its timers, its lease and its wait before \
                 voting will last {} as they should (a slow leader or a fast follower can make a lease go stale, \
                 thesis §6.4.1)",
                self.stretch(percent)
            ),
            (Lang::Zh, _) => format!(
                "让 S{id} 的时钟以真实时间的 {percent}% 运行：它的计时器、租约和投票前的等待，实际持续的时间{}（领导者的时钟走慢、或跟随者的时钟走快，都可能让租约读到旧值，博士论文 §6.4.1）",
                self.stretch(percent)
            ),
        }
    }

    /// The narration of a `clock` action.
    pub fn clock_set(self, id: NodeId, percent: u32) -> String {
        match (self, percent) {
            (Lang::En, 100) => format!("S{id}'s clock keeps real time again."),
            (Lang::Zh, 100) => format!("S{id} 的时钟恢复准确。"),
            (Lang::En, _) => format!(
                "S{id}'s clock now runs at {percent}\u{a0}% of real time: everything it times lasts {} as it \
                 should: its election and heartbeat timers, a lease it holds as leader, and the wait before it votes \
                 again after hearing from a leader. Leases trust clocks (thesis §6.4.1): a leader's slow clock, or a \
                 follower's fast one, can let a lease outlive its leadership.",
                self.stretch(percent)
            ),
            (Lang::Zh, _) => format!(
                "S{id} 的时钟现在以真实时间的 {percent}% 运行：它计时的一切，实际持续的时间都{}：选举和心跳计时器、它作为领导者持有的租约，\
                 以及它收到领导者消息后暂不投票的那段时间。租约依赖时钟（博士论文 §6.4.1）：领导者的时钟走慢、或跟随者的时钟走快，\
                 都可能让租约比领导地位持续得更久。",
                self.stretch(percent)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speed_reads_as_a_factor_and_a_stretch() {
        assert_eq!(MENU_SPEEDS.map(clock_factor), ["0.5×", "1×", "2×"]);
        assert_eq!(clock_factor(25), "0.25×");
        assert!(Lang::En.clock_set(4, 50).contains("lasts twice as long"));
        assert!(Lang::En.clock_set(4, 200).contains("lasts half as long"));
        assert!(Lang::En.clock_set(4, 80).contains("lasts 1.25× as long"));
        assert!(Lang::En.clock_button(4, 200).starts_with("Run S4's clock at 200\u{a0}% of real time"));
        assert!(Lang::Zh.clock_button(4, 400).contains("是应有的 0.25 倍"));
        assert!(Lang::Zh.clock_set(4, 50).contains("实际持续的时间都是应有的两倍"));
        assert_eq!(Lang::En.clock_set(4, 100), "S4's clock keeps real time again.");
    }
}
