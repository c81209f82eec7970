//! The words of the Explore mode (issue 17), in English and 中文: the switch, and the panel
//! of events that can happen next.

use crate::i18n::Lang;

/// Explore's words in one language.
pub struct ExploreTexts {
    /// The switch, and its tooltip.
    pub toggle: &'static str,
    pub toggle_title: &'static str,
    /// Play's tooltip while exploring, when it is off.
    pub no_play: &'static str,
    /// Step ⟩ at the end of an explored run: nothing comes next until an event is chosen.
    pub nothing_next: &'static str,
    /// The panel's button that turns Explore off, and its tooltip.
    pub stop: &'static str,
    pub stop_title: &'static str,
    /// The panel's heading, and the line under it.
    pub title: &'static str,
    pub hint: &'static str,
    /// The two groups of events.
    pub messages: &'static str,
    pub servers: &'static str,
    /// Said when no message is in flight.
    pub no_message: &'static str,
    /// When a message arrives while exploring (the message panel's "arrives").
    pub on_deliver: &'static str,
    /// The events.
    pub deliver: &'static str,
    pub drop: &'static str,
    pub duplicate: &'static str,
    pub timeout: &'static str,
    pub heartbeat: &'static str,
    pub crash: &'static str,
    pub restart: &'static str,
}

const EN: ExploreTexts = ExploreTexts {
    toggle: "Explore",
    toggle_title: "Pause here and choose every next event yourself: which message arrives, which timer fires",
    no_play: "Explore is on: nothing happens until you choose. Press Explore again to let time run.",
    nothing_next: "Nothing comes next until you choose it: pick an event in the Explore panel.",
    stop: "Stop exploring",
    stop_title: "Turn Explore off: time runs again from this moment when you press Play",
    title: "Explore: choose the next event",
    hint: "Nothing happens by itself now. Each choice takes one millisecond; Step back undoes it.",
    messages: "Messages in flight",
    servers: "Servers",
    no_message: "No message is in flight.",
    on_deliver: "when you choose Deliver",
    deliver: "Deliver",
    drop: "Drop",
    duplicate: "Duplicate",
    timeout: "Time out",
    heartbeat: "Heartbeat",
    crash: "Crash",
    restart: "Restart",
};

const ZH: ExploreTexts = ExploreTexts {
    toggle: "探索",
    toggle_title: "在此暂停，由你选择接下来的每个事件：哪条消息送达，哪个计时器触发",
    no_play: "探索已开启：在你选择之前什么都不会发生。再按一次“探索”即可让时间继续运行。",
    nothing_next: "在你选择之前不会有下一个事件：请在探索面板中选一个事件。",
    stop: "停止探索",
    stop_title: "关闭探索：按“运行”后，时间从此刻起继续",
    title: "探索：选择下一个事件",
    hint: "现在什么都不会自行发生。每个选择占用一毫秒；后退一步即可撤销。",
    messages: "传输中的消息",
    servers: "服务器",
    no_message: "没有传输中的消息。",
    on_deliver: "在你选择“送达”时",
    deliver: "送达",
    drop: "丢弃",
    duplicate: "复制",
    timeout: "超时",
    heartbeat: "心跳",
    crash: "宕机",
    restart: "重启",
};

impl Lang {
    /// Explore's words.
    pub fn explore_texts(self) -> &'static ExploreTexts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}
