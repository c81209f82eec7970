//! The words of Explore's "Find a counterexample" (issue 17), in English and 中文: the button,
//! the search's bounds, its progress line and how it ended.

use raft_sim::{Goal, SearchReport};

use crate::i18n::Lang;
use crate::number_text::{grouped, scaled};

/// The search's fixed words in one language.
pub struct SearchTexts {
    /// The button, and its tooltip.
    pub find: &'static str,
    pub find_title: &'static str,
    /// The bounds' disclosure, and each bound's label.
    pub bounds: &'static str,
    pub depth: &'static str,
    pub crashes: &'static str,
    pub writes: &'static str,
    pub drops: &'static str,
    pub duplicates: &'static str,
    pub reads: &'static str,
    pub changes: &'static str,
    /// Stops a running search.
    pub cancel: &'static str,
    /// The run changed while the search ran, so what it found does not follow from now.
    pub changed: &'static str,
    /// The worker's files could not be loaded.
    pub not_loaded: &'static str,
    /// Before the first report.
    pub starting: &'static str,
    /// Cancelled before any run was checked.
    pub cancelled_early: &'static str,
    /// The goal picker's label.
    pub look_for: &'static str,
    /// The button when a goal other than a breach is chosen, and its tooltip.
    pub find_run: &'static str,
    pub find_run_title: &'static str,
    /// Once a run is found: a button to the log table, the properties and the narration.
    pub to_logs: &'static str,
}

const EN: SearchTexts = SearchTexts {
    find: "Find a counterexample",
    find_title: "Try every run from this moment, in the background, for the shortest one that breaks a safety property",
    bounds: "Bounds",
    depth: "Events per run, at most",
    crashes: "Crashes",
    writes: "Client writes",
    drops: "Dropped messages",
    duplicates: "Duplicated messages",
    reads: "Client reads",
    changes: "Membership changes",
    cancel: "Cancel",
    changed: "The run changed during the search, so its result no longer starts from here. Search again.",
    to_logs: "To the logs, the properties and the narration ↓",
    not_loaded: "the search's program could not be loaded. Reload the page and try again.",
    starting: "Starting the search…",
    cancelled_early: "Cancelled before any run was checked.",
    look_for: "Look for",
    find_run: "Find the shortest run",
    find_run_title:
        "Try every run from this moment, in the background, shortest first, for one that reaches what is chosen",
};

const ZH: SearchTexts = SearchTexts {
    find: "寻找反例",
    find_title: "在后台尝试从此刻起的每一种执行，找出破坏某条安全性质的最短执行",
    bounds: "搜索范围",
    depth: "每次执行最多事件数",
    crashes: "宕机次数",
    writes: "客户端写入次数",
    drops: "丢弃的消息数",
    duplicates: "被复制一份的消息数",
    reads: "客户端读取次数",
    changes: "成员变更次数",
    cancel: "取消",
    changed: "搜索期间运行已改变，结果不再从此刻开始。请重新搜索。",
    to_logs: "查看日志表、安全性质和“发生了什么” ↓",
    not_loaded: "搜索程序未能加载。请刷新页面后重试。",
    starting: "正在开始搜索……",
    cancelled_early: "在检查任何执行之前已取消。",
    look_for: "寻找",
    find_run: "寻找最短执行",
    find_run_title: "在后台从此刻起由短到长尝试每一种执行，找出一条达到所选情形的执行",
};

impl Lang {
    /// The search's fixed words.
    pub fn search_texts(self) -> &'static SearchTexts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// What a search can look for, as the goal picker offers it and as the sentences about
    /// its result name it.
    pub fn search_goal(self, goal: Goal) -> &'static str {
        match (self, goal) {
            (Lang::En, Goal::Violation) => "a broken property (a counterexample)",
            (Lang::En, Goal::Leader) => "a server becoming leader",
            (Lang::En, Goal::TwoLeaders) => "two leaders at once",
            (Lang::En, Goal::Commit) => "a leader committing an entry",
            (Lang::En, Goal::Overwrite) => "a log entry being overwritten",
            (Lang::En, Goal::StepDown) => "a leader stepping down",
            (Lang::En, Goal::SplitVote) => "a split vote",
            (Lang::En, Goal::LogMismatch) => "a follower refusing AppendEntries (its log does not match)",
            (Lang::En, Goal::Acknowledged) => "a client's write acknowledged",
            (Lang::Zh, Goal::Violation) => "破坏某条性质的执行（反例）",
            (Lang::Zh, Goal::Leader) => "某台服务器成为领导者",
            (Lang::Zh, Goal::TwoLeaders) => "同时出现两个领导者",
            (Lang::Zh, Goal::Commit) => "领导者提交一个条目",
            (Lang::Zh, Goal::Overwrite) => "日志条目被覆盖",
            (Lang::Zh, Goal::StepDown) => "领导者退位",
            (Lang::Zh, Goal::SplitVote) => "选票分裂",
            (Lang::Zh, Goal::LogMismatch) => "跟随者拒绝 AppendEntries（日志不匹配）",
            (Lang::Zh, Goal::Acknowledged) => "客户端的写入得到确认",
        }
    }

    /// A lesson step's offer to explore from its moment, looking for `goal`.
    pub fn explore_from_step(self, goal: Goal) -> String {
        match self {
            Lang::En => format!("Explore from here: look for {} with the model checker", self.search_goal(goal)),
            Lang::Zh => format!("从这里开始探索：用模型检查器寻找“{}”", self.search_goal(goal)),
        }
    }

    /// A run reaching `goal` was found and loaded.
    pub fn search_reached(self, goal: Goal, events: usize) -> String {
        let what = self.search_goal(goal);
        match self {
            Lang::En => format!(
                "Found: the shortest run to {what} takes {}. They are loaded as the run's continuation, paused \
                 after the last; the narration tells each step, and Step back walks through them.",
                event_count(events)
            ),
            Lang::Zh => format!(
                "找到：导致{what}的最短执行有 {events} 个事件。它们已作为本次运行的后续载入，停在最后一个事件之后；\
                 旁白讲述每一步，后退一步可逐步回看。"
            ),
        }
    }

    /// A search for `goal` ended without reaching it: every run within the bounds tried
    /// (`report.complete`), or stopped by its limits or by the reader (`cancelled`).
    pub fn search_not_reached(self, goal: Goal, report: &SearchReport, cancelled: bool) -> String {
        if cancelled && report.depth == 0 {
            return self.search_texts().cancelled_early.to_owned();
        }
        let what = self.search_goal(goal);
        let seconds = scaled(report.milliseconds.div_ceil(100), 1);
        let (states, depth, runs) = (grouped(report.states), report.depth, event_count(report.depth as usize));
        match (self, report.complete) {
            (Lang::En, true) => format!(
                "Not reached: no run of up to {runs} within these bounds leads to {what} ({states} states, {seconds} s)."
            ),
            (Lang::En, false) if cancelled => format!(
                "Not reached so far: cancelled after {seconds} s and {states} states; no run of up to {runs} leads to {what}."
            ),
            (Lang::En, false) => format!(
                "Not reached so far: the search stopped at its limit ({states} states, {seconds} s) having checked \
                 every run of up to {runs} within these bounds, and no such run leads to {what}. {}",
                self.longer_runs()
            ),
            (Lang::Zh, true) => {
                format!("未找到：在此范围内，不超过 {depth} 个事件的执行都不会导致{what}（{states} 个状态，{seconds} 秒）。")
            }
            (Lang::Zh, false) if cancelled => format!(
                "暂未找到：搜索已取消，用时 {seconds} 秒，检查了 {states} 个状态；不超过 {depth} 个事件的执行都不会导致{what}。"
            ),
            (Lang::Zh, false) => format!(
                "暂未找到：搜索已达上限（{states} 个状态，{seconds} 秒），在此范围内不超过 {depth} 个事件的执行都已检查，\
                 都不会导致{what}。{}",
                self.longer_runs()
            ),
        }
    }

    /// What a search stopped at its limit would need to look further.
    fn longer_runs(self) -> &'static str {
        match self {
            Lang::En => {
                "Longer runs need fewer servers, fewer crashes, writes or lost messages in the bounds, or a later \
                 moment to start from (a leader already elected: on five servers an election alone takes five events)."
            }
            Lang::Zh => {
                "要搜索更长的执行，请减少服务器数量，减少范围中的宕机、写入或丢失消息的次数，\
                 或者从更晚的时刻开始搜索（例如从已经选出领导者之后的时刻开始：五台服务器上，光是一次选主就要五个事件）。"
            }
        }
    }

    /// The property is already broken where the search would start.
    pub fn search_already_broken(self, property: &str) -> String {
        match self {
            Lang::En => format!(
                "Already broken here: {property} is red at this moment. Step back to before it broke, and search from there."
            ),
            Lang::Zh => format!("此刻已被破坏：{property}已经变红。后退到它被破坏之前，再从那里搜索。"),
        }
    }

    /// The progress line of a running search.
    pub fn search_running(self, states: u64, depth: u32, milliseconds: u64) -> String {
        let rate = grouped(states.saturating_mul(1000) / milliseconds.max(1));
        let states = grouped(states);
        match self {
            Lang::En => format!(
                "Searching… {states} states; every run of up to {} checked; {rate} states per second.",
                event_count(depth as usize)
            ),
            Lang::Zh => {
                format!("搜索中……已检查 {states} 个状态；不超过 {depth} 个事件的执行均已检查；每秒 {rate} 个状态。")
            }
        }
    }

    /// A counterexample was found and loaded.
    pub fn search_found(self, property: &str, events: usize) -> String {
        match self {
            Lang::En => format!(
                "Found: {} {} {property}. They are loaded as the run's continuation, paused where the property turns \
                 red; the narration tells each step, and Step back walks through them.",
                event_count(events),
                if events == 1 { "breaks" } else { "break" }
            ),
            Lang::Zh => format!(
                "找到反例：{events} 个事件破坏了{property}。它们已作为本次运行的后续载入，停在该性质变红的时刻；\
                 旁白讲述每一步，后退一步可逐步回看。"
            ),
        }
    }

    /// The search ended without a counterexample: `complete` when every run within the
    /// bounds was tried, else stopped by its limits (`cancelled` when the reader stopped it).
    pub fn search_none(self, states: u64, depth: u32, milliseconds: u64, complete: bool, cancelled: bool) -> String {
        if cancelled && depth == 0 {
            return self.search_texts().cancelled_early.to_owned();
        }
        // Tenths of a second, rounded up: a search of a few milliseconds took "0.1 s", not "0 s".
        let seconds = scaled(milliseconds.div_ceil(100), 1);
        let (states, runs) = (grouped(states), event_count(depth as usize));
        match (self, complete, cancelled) {
            (Lang::En, true, _) => format!(
                "No counterexample: every run of up to {runs} within these bounds keeps every property \
                 ({states} states, {seconds} s)."
            ),
            (Lang::En, false, true) => format!(
                "No counterexample so far: cancelled after {seconds} s and {states} states; every run of up to \
                 {runs} within these bounds keeps every property."
            ),
            (Lang::En, false, false) => format!(
                "No counterexample so far: the search stopped at its limit ({states} states, {seconds} s) having \
                 checked every run of up to {runs} within these bounds, and each keeps every property. {} With a \
                 rule switched off, its preset (Scenario, Break a rule) starts a few events from the breach.",
                self.longer_runs()
            ),
            (Lang::Zh, true, _) => {
                format!("没有反例：在此范围内，不超过 {depth} 个事件的每种执行都满足所有性质（{states} 个状态，{seconds} 秒）。")
            }
            (Lang::Zh, false, true) => format!(
                "暂无反例：搜索已取消，用时 {seconds} 秒，检查了 {states} 个状态；在此范围内不超过 {depth} 个事件的每种执行都满足所有性质。"
            ),
            (Lang::Zh, false, false) => format!(
                "暂无反例：搜索已达上限（{states} 个状态，{seconds} 秒），在此范围内不超过 {depth} 个事件的每种执行都满足所有性质。\
                 {}若关闭了某条规则，它的预设场景（场景 → 打破规则）从离破坏只差几个事件的地方开始。",
                self.longer_runs()
            ),
        }
    }

    /// A bound typed out of its range, or not as a whole number, and the value taken instead.
    pub fn search_bound_adjusted(self, label: &str, (min, max): (u32, u32), typed: &str, taken: u32) -> String {
        // A field whose text the browser does not pass on (letters, in some browsers) is empty.
        match (self, typed.trim()) {
            (Lang::En, "") => format!("{label}: from {min} to {max}, in whole numbers; {taken} is used."),
            (Lang::En, typed) => {
                format!("{label}: from {min} to {max}, in whole numbers; \"{typed}\" was taken as {taken}.")
            }
            (Lang::Zh, "") => format!("{label}：应为 {min} 到 {max} 之间的整数；现按 {taken} 处理。"),
            (Lang::Zh, typed) => format!("{label}：应为 {min} 到 {max} 之间的整数；“{typed}”已按 {taken} 处理。"),
        }
    }

    /// The search could not run.
    pub fn search_failed(self, reason: &str) -> String {
        match self {
            Lang::En => format!("The search could not run: {reason}"),
            Lang::Zh => format!("无法进行搜索：{reason}"),
        }
    }
}

/// "1 event", "7 events".
fn event_count(count: usize) -> String {
    if count == 1 {
        "1 event".to_owned()
    } else {
        format!("{count} events")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_search_that_ran_out_of_budget_says_so_and_what_to_try() {
        let report = SearchReport { states: 2_000_000, depth: 7, milliseconds: 17_050, ..SearchReport::default() };
        let en = Lang::En.search_not_reached(Goal::Overwrite, &report, false);
        assert!(
            en.starts_with("Not reached so far: the search stopped at its limit (2,000,000 states, 17.1 s)"),
            "{en}"
        );
        assert!(
            en.contains("every run of up to 7 events within these bounds, and no such run leads to a log entry being overwritten"),
            "{en}"
        );
        assert!(en.contains("fewer servers"), "{en}");
        let zh = Lang::Zh.search_not_reached(Goal::Overwrite, &report, false);
        assert!(zh.contains("搜索已达上限（2,000,000 个状态，17.1 秒）") && zh.contains("日志条目被覆盖"), "{zh}");
        let cancelled = Lang::En.search_not_reached(Goal::Leader, &report, true);
        assert!(cancelled.starts_with("Not reached so far: cancelled after 17.1 s"), "{cancelled}");
        let complete = SearchReport { complete: true, ..report };
        let none = Lang::En.search_not_reached(Goal::TwoLeaders, &complete, false);
        assert!(
            none.starts_with("Not reached: no run of up to 7 events within these bounds leads to two leaders at once")
        );
    }

    #[test]
    fn a_search_for_a_breach_stopped_at_its_limit_says_within_what_and_what_to_try() {
        let stopped = Lang::En.search_none(2_000_000, 9, 17_050, false, false);
        assert!(stopped.contains("every run of up to 9 events within these bounds, and each keeps every property"));
        assert!(
            stopped.contains("fewer servers") && stopped.contains("its preset (Scenario, Break a rule)"),
            "{stopped}"
        );
        let zh = Lang::Zh.search_none(2_000_000, 9, 17_050, false, false);
        assert!(zh.contains("在此范围内") && zh.contains("打破规则"), "{zh}");
    }
}
