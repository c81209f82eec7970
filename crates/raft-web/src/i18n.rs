//! Every word the page shows, in English and 中文. Components get the current [`Lang`] as a
//! property (not from a Yew context, whose machinery weighs more in the page) and take their
//! text from [`Lang::texts`] or the formatting methods here; no interface string is written
//! anywhere else.

use crate::number_text::scaled;
use raft_sim::{
    LeaseStanding, NodeId, OpResult, PreVoteRefusal, Property, RoleKind, StoryCategory, StoryEvent, VoteRefusal,
};

/// The page's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

/// The fixed strings of the interface.
#[allow(missing_docs)] // each field is named after what it labels
pub struct Texts {
    pub html_lang: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    /// The links a keyboard meets first, seen only while focused: skip to the servers, the
    /// logs, the narration (named by their titles).
    pub skip_to: &'static str,
    pub skip_servers: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub space_key: &'static str,
    pub step_back: &'static str,
    pub step_back_title: &'static str,
    pub step_forward: &'static str,
    pub step_forward_title: &'static str,
    pub step_button_back: &'static str,
    pub step_button_forward: &'static str,
    pub speed: &'static str,
    pub playback: &'static str,
    pub timeline: &'static str,
    pub time: &'static str,
    pub simulated_time: &'static str,
    pub previous_leader_change: &'static str,
    /// The accessible name of the `◀ Leader` button: its visible word first (WCAG 2.5.3).
    pub previous_leader_name: &'static str,
    /// The accessible name of the `Leader ▶` button: its visible word first (WCAG 2.5.3).
    pub next_leader_name: &'static str,
    pub previous_leader_button: &'static str,
    pub next_leader_button: &'static str,
    pub next_leader_change: &'static str,
    pub no_leader_change: &'static str,
    /// R was pressed, but no server is down.
    pub none_down: &'static str,
    pub cluster: &'static str,
    pub scenario: &'static str,
    pub scenario_title: &'static str,
    pub choose_preset: &'static str,
    /// Under a preset's description once it was replayed with other settings.
    pub preset_replayed: &'static str,
    /// Said under a preset's words once a person acted in its run.
    pub preset_acted: &'static str,
    /// The same two lines as a shared link carries them, before the preset's words (its reader
    /// sees them first, not at the end of a description that scrolls): replayed, and acted in.
    pub preset_replayed_link: &'static str,
    pub preset_acted_link: &'static str,
    /// A preset's files could not be fetched; the preset's id follows.
    pub preset_unavailable: &'static str,
    pub servers: &'static str,
    pub servers_title: &'static str,
    pub heal_network: &'static str,
    /// The New cluster button.
    pub new_cluster: &'static str,
    /// Its tooltip.
    pub new_cluster_title: &'static str,
    /// The settings form's seed field.
    pub seed: &'static str,
    pub heal_network_title: &'static str,
    pub raft_cluster: &'static str,
    pub client: &'static str,
    pub time_out: &'static str,
    pub time_out_title: &'static str,
    pub crash: &'static str,
    pub crash_title: &'static str,
    pub restart: &'static str,
    pub restart_title: &'static str,
    pub isolate: &'static str,
    /// Said of a server alone in a partition's group, after its role and term.
    pub isolated: &'static str,
    /// The node menu's leadership transfer button.
    pub transfer_here: &'static str,
    /// Its tooltip.
    pub transfer_here_title: &'static str,
    pub isolate_title: &'static str,
    pub reconnect: &'static str,
    pub reconnect_title: &'static str,
    pub write: &'static str,
    pub write_title: &'static str,
    pub command: &'static str,
    pub close_menu: &'static str,
    /// The notice's close button, for screen readers.
    pub dismiss_notice: &'static str,
    pub voted_for: &'static str,
    pub commit_index: &'static str,
    pub last_applied: &'static str,
    pub state_machine: &'static str,
    pub nobody: &'static str,
    pub empty: &'static str,
    /// In place of a crashed server's volatile state (commitIndex, lastApplied, the state
    /// machine), which a crash loses.
    pub lost_in_crash: &'static str,
    pub follower_progress: &'static str,
    pub follower: &'static str,
    pub next_index: &'static str,
    pub match_index: &'static str,
    pub drop: &'static str,
    /// The message panel's Duplicate button.
    pub duplicate: &'static str,
    /// Its tooltip.
    pub duplicate_title: &'static str,
    pub close_message: &'static str,
    /// The message panel's row naming the message a copy was made of.
    pub copy: &'static str,
    pub sent: &'static str,
    pub arrives: &'static str,
    pub logs: &'static str,
    pub logs_empty: &'static str,
    pub oldest_entries: &'static str,
    pub older_entries: &'static str,
    pub newer_entries: &'static str,
    pub latest_entries: &'static str,
    pub index: &'static str,
    pub committed: &'static str,
    pub not_committed: &'static str,
    /// A leader's election no-op in the log table.
    pub noop_entry: &'static str,
    pub next_marker: &'static str,
    pub next_marker_title: &'static str,
    pub match_marker: &'static str,
    pub match_marker_title: &'static str,
    pub invariants: &'static str,
    pub holds: &'static str,
    /// The invariant bar's button to the moment a property broke.
    pub jump_to_violation: &'static str,
    /// What a sentence of the narration does when pressed.
    pub narration_seek: &'static str,
    /// The narration's filters, as a group.
    pub narration_filters: &'static str,
    pub legend: &'static str,
    pub legend_items: LegendTexts,
    pub narration: &'static str,
    pub narration_empty: &'static str,
    /// Under a narration that shows only its latest sentences: around how many it shows and
    /// how many the filters let through.
    pub narration_more: (&'static str, &'static str, &'static str),
    pub categories: CategoryNames,
    pub shortcuts: &'static str,
    pub shortcuts_button: &'static str,
    pub shortcut_rows: [(&'static str, &'static str); 12],
    pub close: &'static str,
    pub scenario_file: &'static str,
    pub import_scenario: &'static str,
    pub export_scenario: &'static str,
    pub settings: &'static str,
    pub settings_labels: SettingsLabels,
    pub apply_settings: &'static str,
    /// The Settings button that replays the run so far with the new settings.
    pub replay_settings: &'static str,
    /// Its tooltip.
    pub replay_settings_title: &'static str,
    /// The settings form's third button: the network's latency and loss from now on.
    pub network_from_now: &'static str,
    /// Its tooltip.
    pub network_from_now_title: &'static str,
    /// The group of break-a-rule switches.
    pub break_a_rule: &'static str,
    /// What that group is for.
    pub break_a_rule_hint: &'static str,
    pub theme: &'static str,
    pub themes: ThemeNames,
}

/// The legend's lines, one per shape or colour.
#[allow(missing_docs)] // each field is named after what it explains
pub struct LegendTexts {
    pub follower: &'static str,
    pub candidate: &'static str,
    pub leader: &'static str,
    pub pre_candidate: &'static str,
    pub learner: &'static str,
    pub outside: &'static str,
    pub crashed: &'static str,
    pub vote: &'static str,
    pub pre_vote: &'static str,
    pub timeout_now: &'static str,
    pub snapshot: &'static str,
    pub compacted: &'static str,
    pub append: &'static str,
    pub client: &'static str,
    pub timer: &'static str,
    pub committed: &'static str,
    pub uncommitted: &'static str,
    pub cut: &'static str,
    pub term_ring: &'static str,
    pub markers: &'static str,
    pub state_machine: &'static str,
    pub changed: &'static str,
}

/// The narration's filter names.
#[allow(missing_docs)] // one per story category
pub struct CategoryNames {
    pub elections: &'static str,
    pub log: &'static str,
    pub faults: &'static str,
    pub client: &'static str,
}

/// The theme picker's choices.
#[allow(missing_docs)] // one per theme
pub struct ThemeNames {
    pub system: &'static str,
    pub light: &'static str,
    pub dark: &'static str,
}

/// The settings form's field labels.
#[allow(missing_docs)] // each field is named after its setting
pub struct SettingsLabels {
    pub election_min: &'static str,
    pub election_max: &'static str,
    pub heartbeat: &'static str,
    pub latency_min: &'static str,
    pub latency_max: &'static str,
    /// Both ends of the election timeout, named together (a range refused as a whole).
    pub election_range: &'static str,
    /// Both ends of the latency, named together.
    pub latency_range: &'static str,
    pub loss: &'static str,
    pub duplicate: &'static str,
    pub client_timeout: &'static str,
    pub max_entries: &'static str,
    pub noop: &'static str,
    pub conflict_hint: &'static str,
    pub pipeline: &'static str,
    pub flow_control: &'static str,
    pub pre_vote: &'static str,
    pub check_quorum: &'static str,
    pub joint_consensus: &'static str,
    pub no_election_restriction: &'static str,
    pub commit_old_terms: &'static str,
    pub vote_for_highest_id: &'static str,
    pub ack_on_equal_commit: &'static str,
    pub reconfig_before_term_commit: &'static str,
    /// Entries applied between automatic snapshots.
    pub snapshot_every: &'static str,
    /// How often a client sends a write again.
    pub client_retries: &'static str,
    /// The read-mode picker and its three choices.
    pub read_mode: &'static str,
    pub read_log: &'static str,
    pub read_index: &'static str,
    pub read_lease: &'static str,
    /// The clock drift bound a lease allows for.
    pub clock_drift: &'static str,
    /// Said while clocks drift apart more than that, with lease reads on.
    pub clocks_beyond_bound: &'static str,
    pub stale_reads: &'static str,
}

const EN: Texts = Texts {
    html_lang: "en",
    title: "Raft playground",
    hint: "Press Play to watch the servers elect a leader. Click or tap a server (or Tab to it and press Enter) to time it out, crash or restart it, or send the client's write to it.",
    switch_language: "中文",
    switch_language_label: "切换到中文",
    skip_to: "Skip to",
    skip_servers: "Servers",
    play: "Play",
    pause: "Pause",
    space_key: "Space or K",
    step_back: "Step back",
    step_back_title: "Step back to the previous event (←)",
    step_forward: "Step",
    step_forward_title: "Step to the next event (→)",
    step_button_back: "⟨ Step",
    step_button_forward: "Step ⟩",
    speed: "Speed",
    playback: "Playback",
    timeline: "Timeline",
    time: "Time",
    simulated_time: "Simulated time",
    previous_leader_change: "Previous leader change",
    previous_leader_name: "Leader: previous change",
    next_leader_name: "Leader: next change",
    previous_leader_button: "◀ Leader",
    next_leader_button: "Leader ▶",
    next_leader_change: "Next leader change",
    no_leader_change: "No leader change that way.",
    none_down: "No server is down: R restarts the crashed ones.",
    cluster: "Cluster",
    scenario: "Scenario",
    scenario_title: "Load a scenario, paused at its start",
    choose_preset: "Choose a preset…",
    preset_replayed: "You replayed this preset with other settings: the words above tell its own run, not the one shown.",
    preset_acted: "You acted in this preset's run: the words above tell its own run. From the moment you acted, the run is yours: the preset's later actions, if it had any, were discarded, and what follows can differ from its words.",
    preset_replayed_link: "This is a preset replayed with other settings: the words below tell the preset's own run, not this one.",
    preset_acted_link: "This is a preset's run that its sharer acted in: the words below tell the preset's own run; from the moment of that action, the run is the sharer's.",
    preset_unavailable: "This preset could not be loaded (is the network down?); the run is kept:",
    servers: "Servers",
    servers_title: "Changing the size starts a fresh cluster",
    heal_network: "Heal all",
    new_cluster: "New cluster",
    new_cluster_title: "Start a fresh cluster with a random seed (shown in Settings)",
    seed: "Seed (every random choice follows from it)",
    heal_network_title: "End every partition and mend every cut link",
    raft_cluster: "Raft cluster",
    client: "Client",
    time_out: "Time out",
    time_out_title: "Fire this node's election timer now",
    crash: "Crash",
    crash_title: "Stop this node: it keeps only its term, vote, log and snapshot",
    restart: "Restart",
    restart_title: "Start this node again from its term, vote, log and snapshot",
    isolate: "Isolate",
    isolated: "isolated",
    transfer_here: "Transfer leadership here",
    transfer_here_title: "The leader stops taking writes, brings this server up to date, then tells it to campaign now (thesis §3.10)",
    isolate_title: "Partition this node from every other server",
    reconnect: "Reconnect",
    reconnect_title: "Put this node back in the network",
    write: "Write",
    write_title: "The client sends this write to this node",
    command: "Command",
    close_menu: "Close menu",
    dismiss_notice: "Dismiss this notice",
    voted_for: "votedFor (its vote this term)",
    commit_index: "commitIndex (known committed up to)",
    last_applied: "lastApplied (applied up to)",
    state_machine: "state",
    nobody: "none",
    empty: "empty",
    lost_in_crash: "lost in the crash",
    follower_progress: "Follower progress",
    follower: "follower",
    next_index: "nextIndex",
    match_index: "matchIndex",
    drop: "Drop",
    duplicate: "Duplicate",
    duplicate_title: "Send a second copy of this message: it arrives too, at its own time",
    copy: "Copy of",
    close_message: "Close message",
    sent: "sent",
    arrives: "arrives",
    logs: "Logs",
    logs_empty: "Logs are empty. Write to the leader to add entries.",
    oldest_entries: "First entries",
    older_entries: "Older entries",
    newer_entries: "Newer entries",
    latest_entries: "Latest entries",
    index: "index",
    committed: "committed",
    not_committed: "not committed",
    noop_entry: "no-op",
    next_marker: "next",
    next_marker_title: "the leader's nextIndex for this server",
    match_marker: "match",
    match_marker_title: "the leader's matchIndex for this server",
    invariants: "Safety properties (Figure 3; membership, thesis §4.1; linearizability, thesis §6.3), checked after every event",
    holds: "holds",
    jump_to_violation: "Jump to the violation",
    narration_seek: "Go to this moment",
    narration_filters: "Kinds of event shown",
    legend: "Legend",
    legend_items: LegendTexts {
        follower: "Follower",
        candidate: "Candidate",
        leader: "Leader",
        pre_candidate: "Pre-candidate (PreVote): asks before raising its term",
        learner: "Learner: a new server catching up, not voting yet",
        outside: "Faded: not in the configuration",
        crashed: "Grey, dashed: crashed (its log and term survive on disk; the rest is lost)",
        pre_vote: "RequestPreVote / reply (small dashed ring)",
        timeout_now: "TimeoutNow: a leader handing over says \"campaign now\"",
        snapshot: "InstallSnapshot / reply: a leader's snapshot for a follower too far behind",
        compacted: "Hatched log cells: entries compacted into a snapshot",
        vote: "RequestVote (solid) / reply (hollow)",
        append: "AppendEntries: a heartbeat, or a wider box with its number of entries; the arrowhead points the way",
        client: "Client write (solid) / answer (hollow); a reply shows ✓ or ✗",
        timer: "Election timer running down",
        committed: "Committed entry",
        uncommitted: "Uncommitted entry",
        cut: "Cut link (its arrow points the cut way) / lost message",
        term_ring: "The number in a server is its term; the inner ring shows it in the log table's term colours",
        markers: "Over a follower's log: the leader's match (matchIndex) and next (nextIndex) for it; no-op: the entry a new leader appends on election (§8)",
        state_machine: "Under a server: its state machine (key=value). x? is a client's read of key x",
        changed: "Dotted: what the last step changed (a server's role, term, vote, votes counted, crash or restart; an entry appended, overwritten or committed)",
    },
    narration: "What happened",
    narration_empty: "Nothing yet. Press Play.",
    narration_more: ("The latest ", " of ", " sentences. Step back or drag the time slider to read earlier ones."),
    categories: CategoryNames {
        elections: "Elections",
        log: "Log",
        faults: "Faults",
        client: "Client",
    },
    shortcuts: "Keyboard shortcuts",
    shortcuts_button: "Shortcuts (?)",
    shortcut_rows: [
        ("K", "Play or pause, wherever the focus is (outside text fields)"),
        ("Space", "Play or pause (on a focused button: press it)"),
        ("→ / ←", "Step to the next / previous event"),
        ("Tab, Enter", "Choose a server and open its menu"),
        ("Escape", "Close a menu or this panel"),
        ("?", "Show or hide these shortcuts"),
        ("PageDown / PageUp", "A lesson's next / previous step"),
        ("W", "The client writes the next command to the leader"),
        ("C", "Crash the leader"),
        ("R", "Restart every crashed server"),
        ("T", "Client C1 starts or stops writing on its own, every 0.5 s"),
        ("Click a link", "Cut or mend it, one way (from the keyboard: the →S2 buttons of a server's menu)"),
    ],
    close: "Close",
    scenario_file: "Scenario file",
    import_scenario: "Import scenario",
    export_scenario: "Export scenario",
    settings: "Settings",
    settings_labels: SettingsLabels {
        election_min: "Election timeout, shortest (ms)",
        election_max: "Election timeout, longest (ms)",
        heartbeat: "Heartbeat interval (ms)",
        latency_min: "Latency, shortest (ms)",
        latency_max: "Latency, longest (ms)",
        election_range: "Election timeout, shortest and longest (ms)",
        latency_range: "Latency, shortest and longest (ms)",
        loss: "Messages lost (%)",
        duplicate: "Messages delivered twice (%)",
        client_timeout: "Client timeout (ms)",
        max_entries: "Most entries per AppendEntries",
        noop: "No-op entry on election (§8)",
        conflict_hint: "Conflict hint on rejection (§5.3)",
        pipeline: "Pipelining: send each follower only entries not sent yet, several on their way at once (thesis §10.2.2)",
        flow_control: "Flow control for pipelining: pipeline to a follower only once it acknowledges; after a refusal, probe it again from its matchIndex (etcd's probe and replicate states)",
        pre_vote: "PreVote: ask whether you could win before raising the term (thesis §9.6)",
        check_quorum: "CheckQuorum: a leader that hears no majority steps down (thesis §6.2), and a server that hears a leader ignores calls to elect another (thesis §4.2.3)",
        joint_consensus: "Membership changes by joint consensus (§6); off: one server at a time (thesis §4.1)",
        no_election_restriction: "Vote for any log, up to date or not (§5.4.1 off): breaks leader completeness, then state machine safety",
        commit_old_terms: "Commit old-term entries by counting copies (§5.4.2 off): breaks leader completeness, then state machine safety",
        vote_for_highest_id: "Vote again for a higher server id in the same term: breaks election safety",
        ack_on_equal_commit: "Accept AppendEntries when the commit indexes match, prevLogTerm unchecked: breaks log matching",
        reconfig_before_term_commit: "Change membership before committing an entry of the term (the 2015 bug): breaks leader completeness, then state machine safety",
        snapshot_every: "Snapshot every N applied entries (paper §7; 0: never)",
        client_retries: "Client retries of a write that got no answer (thesis §6.3)",
        read_mode: "Reads (thesis §6.4)",
        read_log: "through the log",
        read_index: "ReadIndex: confirm leadership by heartbeats",
        read_lease: "lease (needs CheckQuorum)",
        clock_drift: "Clock drift a lease allows for, % (thesis §6.4.1; 0: exact clocks)",
        clocks_beyond_bound: "Clocks drift apart more than a lease allows for (thesis §6.4.1): breaks linearizability",
        stale_reads: "Any server answers reads from its own state: breaks linearizability",
    },
    apply_settings: "Apply: start a fresh cluster",
    replay_settings: "Replay with this change",
    replay_settings_title: "The same seed and the same actions from time 0, with these settings: compare two runs of one story",
    network_from_now: "Network from now on",
    network_from_now_title: "Only the latency and the loss, changed from the moment shown: an action of the run, kept in links and scenario files",
    break_a_rule: "Break a rule",
    break_a_rule_hint: "Each switch turns off one rule of Raft. Replay a run with it and watch the safety checker catch what breaks. Lease reads also break when servers' clocks (a server's Clock buttons) drift apart more than Clock drift a lease allows for, above.",
    theme: "Theme",
    themes: ThemeNames {
        system: "System",
        light: "Light",
        dark: "Dark",
    },
};

const ZH: Texts = Texts {
    html_lang: "zh-CN",
    title: "Raft 演练场",
    hint: "点击“播放”观看服务器选主。点击或轻触一台服务器（或用 Tab 选中后按回车），可以让它超时、宕机或重启，或者让客户端向它发送写请求。",
    switch_language: "English",
    switch_language_label: "Switch to English",
    skip_to: "跳到",
    skip_servers: "服务器",
    play: "播放",
    pause: "暂停",
    space_key: "空格或 K",
    step_back: "后退一步",
    step_back_title: "回到上一个事件（←）",
    step_forward: "前进一步",
    step_forward_title: "前进到下一个事件（→）",
    step_button_back: "⟨ 后退",
    step_button_forward: "前进 ⟩",
    speed: "速度",
    playback: "播放控制",
    timeline: "时间轴",
    time: "时间",
    simulated_time: "模拟时间",
    previous_leader_change: "上一次领导者变更",
    previous_leader_name: "领导者：上一次变更",
    next_leader_name: "领导者：下一次变更",
    previous_leader_button: "◀ 领导者",
    next_leader_button: "领导者 ▶",
    next_leader_change: "下一次领导者变更",
    no_leader_change: "这个方向没有领导者变更。",
    none_down: "目前没有服务器宕机（R 键重启所有宕机的服务器）。",
    cluster: "集群",
    scenario: "场景",
    scenario_title: "载入一个场景，停在开头",
    choose_preset: "选择预设场景……",
    preset_replayed: "你用别的设置重放了这个预设：上面的说明讲的是它原来的运行，不是现在显示的这一次。",
    preset_acted: "你在这个预设的运行中做了操作：上面的说明讲的是它原来的运行。从你操作的那一刻起，这就是你自己的运行：预设中之后的操作（如果有）已被丢弃，接下来的运行可能与说明不同。",
    preset_replayed_link: "这是用其他设置重放的预设：下面的说明讲的是预设原来的运行，不是这一次。",
    preset_acted_link: "这是分享者做过操作的预设运行：下面的说明讲的是预设原来的运行；从那次操作的时刻起，运行是分享者自己的。",
    preset_unavailable: "无法加载这个预设场景（网络断开了吗？），当前运行保持不变：",
    servers: "服务器数",
    servers_title: "改变数量会开始一个新集群",
    heal_network: "恢复网络",
    new_cluster: "新集群",
    new_cluster_title: "用随机种子开始一个新集群（种子显示在设置中）",
    seed: "种子（所有随机选择都由它决定）",
    heal_network_title: "结束所有分区，修复所有断开的链路",
    raft_cluster: "Raft 集群",
    client: "客户端",
    time_out: "立即超时",
    time_out_title: "立即触发这台服务器的选举计时器",
    crash: "宕机",
    crash_title: "停止这台服务器：只保留任期、投票、日志和快照",
    restart: "重启",
    restart_title: "从任期、投票、日志和快照重新启动这台服务器",
    isolate: "隔离",
    isolated: "已隔离",
    transfer_here: "把领导权转移给它",
    transfer_here_title: "领导者停止接受写请求，先补齐这台服务器的日志，再让它立即发起选举（博士论文 §3.10）",
    isolate_title: "把这台服务器与其他所有服务器分区隔开",
    reconnect: "重新连接",
    reconnect_title: "让这台服务器回到网络中",
    write: "写入",
    write_title: "客户端把这条写请求发给这台服务器",
    command: "命令",
    close_menu: "关闭菜单",
    dismiss_notice: "关闭这条提示",
    voted_for: "votedFor（投票给）",
    commit_index: "commitIndex（提交索引）",
    last_applied: "lastApplied（已应用）",
    state_machine: "状态机",
    nobody: "无",
    empty: "空",
    lost_in_crash: "宕机时已丢失",
    follower_progress: "跟随者进度",
    follower: "跟随者",
    next_index: "nextIndex（下一个）",
    match_index: "matchIndex（匹配）",
    drop: "丢弃",
    duplicate: "复制一份",
    duplicate_title: "再发送这条消息的一个副本：它也会到达，时间各不相同",
    copy: "副本来源",
    close_message: "关闭消息",
    sent: "发送于",
    arrives: "到达",
    logs: "日志",
    logs_empty: "日志为空。向领导者写入以添加条目。",
    oldest_entries: "最早的条目",
    older_entries: "更早的条目",
    newer_entries: "更新的条目",
    latest_entries: "最新的条目",
    index: "索引",
    committed: "已提交",
    not_committed: "未提交",
    noop_entry: "空操作",
    next_marker: "下一个",
    next_marker_title: "领导者记录的这台服务器的 nextIndex",
    match_marker: "匹配",
    match_marker_title: "领导者记录的这台服务器的 matchIndex",
    invariants: "安全性质（图 3；成员变更见博士论文 §4.1；线性一致性见博士论文 §6.3），每个事件之后检查",
    holds: "成立",
    jump_to_violation: "跳到被违反的时刻",
    narration_seek: "跳到这一刻",
    narration_filters: "显示的事件类别",
    legend: "图例",
    legend_items: LegendTexts {
        follower: "跟随者",
        candidate: "候选人",
        leader: "领导者",
        pre_candidate: "预候选人（预投票）：先询问，再提升任期",
        learner: "学习者：正在追赶日志的新服务器，尚不投票",
        outside: "淡出：不在配置中",
        crashed: "灰色虚线：已宕机（日志与任期保存在磁盘上，其余状态丢失）",
        pre_vote: "RequestPreVote 请求 / 回复（虚线小圆环）",
        timeout_now: "TimeoutNow：转移领导权的领导者让继任者“立即竞选”",
        snapshot: "InstallSnapshot 请求 / 回复：领导者把快照发给落后太多的跟随者",
        compacted: "斜线格子：已压缩进快照的日志条目",
        vote: "RequestVote 请求（实心）/ 回复（空心）",
        append: "AppendEntries：心跳，或标有条目数的宽方块；箭头指向传递方向",
        client: "客户端写请求（实心）/ 应答（空心）；回复上标 ✓ 或 ✗",
        timer: "选举计时器倒计时",
        committed: "已提交的条目",
        uncommitted: "未提交的条目",
        cut: "断开的链路（箭头指向断开的方向）/ 丢失的消息",
        term_ring: "服务器中的数字是它的任期；内圈用日志表中的任期颜色表示它",
        markers: "跟随者日志上方：领导者为它记录的“匹配”（matchIndex）和“下一个”（nextIndex）；空操作：新领导者当选后追加的条目（§8）",
        state_machine: "服务器下方：它的状态机（键=值）。x? 表示客户端读取键 x",
        changed: "点线：上一步改变了什么（服务器的角色、任期、投票、得票、宕机或重启；追加、覆盖或提交的条目）",
    },
    narration: "发生了什么",
    narration_empty: "还没有事件。请点击“播放”。",
    narration_more: ("这里是最近的 ", " 句，共 ", " 句。后退或拖动时间滑块可以读到更早的。"),
    categories: CategoryNames { elections: "选主", log: "日志", faults: "故障", client: "客户端" },
    shortcuts: "键盘快捷键",
    shortcuts_button: "快捷键（?）",
    shortcut_rows: [
        ("K", "播放或暂停（焦点不在文本框时随处可用）"),
        ("空格", "播放或暂停（焦点在按钮上时按下该按钮）"),
        ("→ / ←", "前进 / 后退一个事件"),
        ("Tab、Enter", "选择服务器并打开菜单"),
        ("Escape", "关闭菜单或本面板"),
        ("?", "显示或隐藏快捷键"),
        ("PageDown / PageUp", "课程的下一步 / 上一步"),
        ("W", "客户端把下一条命令写给领导者"),
        ("C", "让领导者宕机"),
        ("R", "重启所有宕机的服务器"),
        ("T", "客户端 C1 开始或停止自动写入（每 0.5 秒）"),
        ("点击链路", "单向断开或修复链路（用键盘：服务器菜单里的 →S2 按钮）"),
    ],
    close: "关闭",
    scenario_file: "场景文件",
    import_scenario: "导入场景",
    export_scenario: "导出场景",
    settings: "设置",
    settings_labels: SettingsLabels {
        election_min: "选举超时下限（毫秒）",
        election_max: "选举超时上限（毫秒）",
        heartbeat: "心跳间隔（毫秒）",
        latency_min: "网络延迟下限（毫秒）",
        latency_max: "网络延迟上限（毫秒）",
        election_range: "选举超时下限与上限（毫秒）",
        latency_range: "网络延迟下限与上限（毫秒）",
        loss: "消息丢失率（%）",
        duplicate: "消息重复投递率（%）",
        client_timeout: "客户端超时（毫秒）",
        max_entries: "每个 AppendEntries 最多条目数",
        noop: "当选后追加一条空操作条目（§8）",
        conflict_hint: "拒绝时返回冲突提示（§5.3）",
        pipeline: "流水线复制：只给每个跟随者发送还没发过的条目，可以同时有多条在途（博士论文 §10.2.2）",
        flow_control: "流水线的流量控制：跟随者确认之后才对它流水线发送；被拒绝后从它的 matchIndex 重新逐步探测（etcd 的探测与复制两种状态）",
        pre_vote: "预投票（PreVote）：先问能否胜选，再提升任期（博士论文 §9.6）",
        check_quorum: "CheckQuorum（检查多数派）：听不到多数派的领导者会退位（博士论文 §6.2）；仍能收到领导者消息的服务器不理会选举别人的请求（博士论文 §4.2.3）",
        joint_consensus: "成员变更用联合共识（§6）；关闭时一次只变一台服务器（博士论文 §4.1）",
        no_election_restriction: "不管日志新旧都投票（关闭 §5.4.1）：破坏领导者完整性，继而破坏状态机安全",
        commit_old_terms: "按副本数提交旧任期的条目（关闭 §5.4.2）：破坏领导者完整性，继而破坏状态机安全",
        vote_for_highest_id: "同一任期内再投给编号更大的服务器：破坏选举安全",
        ack_on_equal_commit: "提交索引相同就接受 AppendEntries，不检查 prevLogTerm：破坏日志匹配",
        reconfig_before_term_commit: "在提交本任期的条目之前就变更成员（2015 年发现的漏洞）：破坏领导者完整性，继而破坏状态机安全",
        snapshot_every: "每应用多少个条目生成一次快照（论文 §7；0 表示从不）",
        client_retries: "没有得到答复的写请求，客户端重试的次数（博士论文 §6.3）",
        read_mode: "读请求（博士论文 §6.4）",
        read_log: "经过日志",
        read_index: "读索引（ReadIndex）：用一轮心跳确认领导地位",
        read_lease: "租约（需要 CheckQuorum）",
        clock_drift: "租约所容许的时钟漂移，%（博士论文 §6.4.1；0 表示时钟精确）",
        clocks_beyond_bound: "时钟之间的漂移超出了租约所容许的范围（博士论文 §6.4.1）：破坏线性一致性",
        stale_reads: "任何服务器都用自己的状态回答读请求：破坏线性一致性",
    },
    apply_settings: "应用：开始一个新集群",
    replay_settings: "用这个改动重放",
    replay_settings_title: "同样的种子、同样的操作，从 0 时刻开始，用这些设置再运行一次：比较同一个故事的两次运行",
    network_from_now: "从此刻起改变网络",
    network_from_now_title: "只改变延迟和丢失率，从当前显示的时刻起生效：它是运行中的一个操作，会保存在链接和场景文件里",
    break_a_rule: "打破一条规则",
    break_a_rule_hint: "每个开关关闭 Raft 的一条规则。用它重放一次运行，看安全检查器抓住什么被破坏了。如果各服务器的时钟（服务器菜单里的“时钟”按钮）之间的漂移超出上面“租约所容许的时钟漂移”，租约读也会出错。",
    theme: "主题",
    themes: ThemeNames { system: "跟随系统", light: "浅色", dark: "深色" },
};

impl Lang {
    /// The fixed strings.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// The code stored in preferences: `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language for a stored code or a browser language tag (`zh-CN`, `zh-TW`, `en-US`…).
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language a link's `lang=` asks for: `en` or `zh`, or a language tag of either
    /// (`zh-CN`, `en-GB`), or `cn`, in any case. `None` for anything else.
    pub fn from_link(value: &str) -> Option<Lang> {
        let value = value.to_ascii_lowercase();
        let primary = match value.split(['-', '_']).next().unwrap_or_default() {
            "cn" => "zh", // China's country code, often written for its language
            primary => primary,
        };
        [Lang::En, Lang::Zh].into_iter().find(|lang| lang.code() == primary)
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// A role's name.
    pub fn role(self, role: RoleKind) -> &'static str {
        match (self, role) {
            (Lang::En, RoleKind::PreCandidate) => "pre-candidate",
            (Lang::En, _) => role.as_str(),
            (Lang::Zh, RoleKind::Follower) => "跟随者",
            (Lang::Zh, RoleKind::PreCandidate) => "预候选人",
            (Lang::Zh, RoleKind::Candidate) => "候选人",
            (Lang::Zh, RoleKind::Leader) => "领导者",
        }
    }

    /// A server's accessible name, as the drawing names it, e.g. "S3, leader, term 2".
    pub fn node_label(self, id: NodeId, role: RoleKind, up: bool, term: u64) -> String {
        match self {
            Lang::En => format!("S{id}, {}, term {term}", if up { self.role(role) } else { "crashed" }),
            Lang::Zh => format!("S{id}，{}，任期 {term}", if up { self.role(role) } else { "宕机" }),
        }
    }

    /// The word for a term, as in "term 3".
    pub fn term_word(self) -> &'static str {
        match self {
            Lang::En => "term",
            Lang::Zh => "任期",
        }
    }

    /// A candidate's tally, and the votes that would elect it: "votes: 2, needs 3"; with `pre`,
    /// a pre-candidate's pre-votes (thesis §9.6), "pre-votes: 2, needs 3".
    pub fn votes(self, pre: bool, votes: usize, needed: Option<usize>) -> String {
        let what = match (self, pre) {
            (Lang::En, false) => "votes",
            (Lang::En, true) => "pre-votes",
            (Lang::Zh, false) => "得票",
            (Lang::Zh, true) => "预投票",
        };
        match (self, needed) {
            (Lang::En, Some(needed)) => format!("{what}: {votes}, needs {needed}"),
            (Lang::En, None) => format!("{what}: {votes}"),
            (Lang::Zh, Some(needed)) => format!("{what}：{votes}（需 {needed} 票）"),
            (Lang::Zh, None) => format!("{what}：{votes}"),
        }
    }

    /// [`Lang::votes`] short, for candidates close together: "2/4 votes", "2/4 pre-votes", the
    /// votes it has of those it needs; `terse`, for the closest, "2/4".
    pub fn votes_short(self, pre: bool, votes: usize, needed: Option<usize>, terse: bool) -> String {
        match (self, needed, terse) {
            (Lang::En, Some(needed), false) => format!("{votes}/{needed} {}", if pre { "pre-votes" } else { "votes" }),
            (Lang::Zh, Some(needed), false) => format!("{} {votes}/{needed}", if pre { "预投票" } else { "得票" }),
            (Lang::En, Some(needed), true) => format!("{votes}/{needed}"),
            (Lang::Zh, Some(needed), true) => format!("{votes}/{needed} 票"),
            (_, None, _) => self.votes(pre, votes, None),
        }
    }

    /// A tally while the configuration is joint: the votes it has of C_old's and of C_new's
    /// voters, of the majority of each it needs (paper §6): "votes: old 1/2, new 0/2"; `short`,
    /// "old 1/2, new 0/2"; `terse`, "1/2·0/2".
    pub fn votes_joint(self, pre: bool, [old, new]: [(usize, usize); 2], short: bool, terse: bool) -> String {
        let (o, n) = (format!("{}/{}", old.0, old.1), format!("{}/{}", new.0, new.1));
        if terse {
            return format!("{o}·{n}");
        }
        let sets = match self {
            Lang::En => format!("old {o}, new {n}"),
            Lang::Zh => format!("旧 {o}，新 {n}"),
        };
        match (self, short, pre) {
            (_, true, _) => sets,
            (Lang::En, false, false) => format!("votes: {sets}"),
            (Lang::En, false, true) => format!("pre-votes: {sets}"),
            (Lang::Zh, false, false) => format!("得票：{sets}"),
            (Lang::Zh, false, true) => format!("预投票：{sets}"),
        }
    }

    /// After the caption's last told event, when the moment shown is later: only what the
    /// narration leaves out happened since.
    pub fn untold_since(self, time: &str) -> String {
        match self {
            Lang::En => format!(" Then, up to {time}, only messages and timers the narration leaves out."),
            Lang::Zh => format!("此后直到 {time}，只有旁白略过的消息和计时器。"),
        }
    }

    /// The node menu's accessible name.
    pub fn node_actions(self, id: NodeId) -> String {
        match self {
            Lang::En => format!("Actions for S{id}"),
            Lang::Zh => format!("S{id} 的操作"),
        }
    }

    /// The node menu's button that moves the server into another partition group, named by
    /// the group's first server: "Join S1's side".
    pub fn join_side(self, first: NodeId) -> String {
        match self {
            Lang::En => format!("Join S{first}'s side"),
            Lang::Zh => format!("加入 S{first} 所在分区"),
        }
    }

    /// What that button does, naming every server of the group.
    pub fn join_side_title(self, group: &[NodeId]) -> String {
        let names: Vec<String> = group.iter().map(|id| format!("S{id}")).collect();
        match self {
            Lang::En => {
                let names = names.join(", ");
                format!("Move this server into the partition of {names}: it then reaches {names} and no other server")
            }
            Lang::Zh => {
                let names = names.join("、");
                format!("把这台服务器移入 {names} 所在的分区：之后它只能与 {names} 通信")
            }
        }
    }

    /// The node menu's group of link toggles.
    pub fn links_from(self, id: NodeId) -> String {
        match self {
            Lang::En => format!("Links from S{id}"),
            Lang::Zh => format!("S{id} 发出的链路"),
        }
    }

    /// Before the link toggles, on screen: what they do (each one cut is struck through).
    pub fn cut_links_label(self) -> &'static str {
        match self {
            Lang::En => "Cut links:",
            Lang::Zh => "断开链路：",
        }
    }

    /// A link toggle's accessible name.
    pub fn cut_link(self, from: NodeId, to: NodeId) -> String {
        match self {
            Lang::En => format!("Cut link S{from} to S{to}"),
            Lang::Zh => format!("断开 S{from} 到 S{to} 的链路"),
        }
    }

    /// A lane's tooltip.
    pub fn lane_title(self, from: NodeId, to: NodeId, cut: bool, partitioned: bool) -> String {
        match self {
            Lang::En => {
                let state = if cut {
                    "cut"
                } else if partitioned {
                    "blocked by a partition"
                } else {
                    "open"
                };
                format!("Link S{from} → S{to}: {state}. Click to {}.", if cut { "mend" } else { "cut" })
            }
            Lang::Zh => {
                let state = if cut {
                    "已断开"
                } else if partitioned {
                    "被分区阻断"
                } else {
                    "畅通"
                };
                format!("链路 S{from} → S{to}：{state}。点击{}。", if cut { "修复" } else { "断开" })
            }
        }
    }

    /// A message's accessible name, with its term if it carries one (a client's do not).
    pub fn message_label(self, kind: &str, from: &str, to: &str, term: Option<u64>) -> String {
        match (self, term) {
            (Lang::En, Some(term)) => format!("{kind} from {from} to {to}, term {term}"),
            (Lang::En, None) => format!("{kind} from {from} to {to}"),
            (Lang::Zh, Some(term)) => format!("{kind}：{from} → {to}，任期 {term}"),
            (Lang::Zh, None) => format!("{kind}：{from} → {to}"),
        }
    }

    /// The cluster shown, before the hint: "5 servers, seed 1. ".
    pub fn cluster_summary(self, servers: usize, seed: u64) -> String {
        match self {
            Lang::En => format!("{servers} servers, seed {seed}. "),
            Lang::Zh => format!("{servers} 台服务器，种子 {seed}。"),
        }
    }

    /// A message that will not arrive (lost at random, or its link cut or partitioned), in its
    /// accessible name.
    pub fn message_doomed(self) -> &'static str {
        match self {
            Lang::En => "it will be lost",
            Lang::Zh => "它会丢失",
        }
    }

    /// What a second copy of a message says of itself: "a copy of #12".
    pub fn copy_of(self, original: u64) -> String {
        match self {
            Lang::En => format!("a copy of #{original}"),
            Lang::Zh => format!("#{original} 的副本"),
        }
    }

    /// The line beside the badges naming the rules a run switches off (`unsafe` options'
    /// names), each by its settings label, which says what it breaks.
    pub fn rules_off(self, names: &[&'static str]) -> String {
        let labels: Vec<&str> = names.iter().map(|name| self.setting_label(name)).collect();
        match self {
            Lang::En => format!("Rules switched off on purpose in this run: {}", labels.join("; ")),
            Lang::Zh => format!("本次运行故意关闭的规则：{}", labels.join("；")),
        }
    }

    /// The drawing's label while a run switches rules off: "1 rule off on purpose".
    pub fn rules_off_count(self, count: usize) -> String {
        match (self, count) {
            (Lang::En, 1) => "1 rule off on purpose".to_owned(),
            (Lang::En, _) => format!("{count} rules off on purpose"),
            (Lang::Zh, _) => format!("故意关闭了 {count} 条规则"),
        }
    }

    /// The message card's "arrives" value: when, or what stops it if nothing changes first.
    pub fn arrival(self, arrival: crate::view::Arrival, from: NodeId, to: NodeId) -> String {
        use crate::view::Arrival;
        let (sender, receiver) = (self.endpoint(from), self.endpoint(to));
        match (self, arrival) {
            (_, Arrival::At(ms)) => self.milliseconds(ms),
            (_, Arrival::OnDeliver) => self.explore_texts().on_deliver.to_owned(),
            (Lang::En, Arrival::Lost(ms)) => format!("never: the network loses it at {ms} ms"),
            (Lang::Zh, Arrival::Lost(ms)) => format!("不会到达：网络将在 {ms} 毫秒时丢失它"),
            (Lang::En, Arrival::Blocked(ms, raft_sim::DropReason::Partition)) => {
                format!("dropped at {ms} ms if {sender} and {receiver} are still partitioned then")
            }
            (Lang::Zh, Arrival::Blocked(ms, raft_sim::DropReason::Partition)) => {
                format!("若届时 {sender} 与 {receiver} 仍被分区隔开，将在 {ms} 毫秒时被丢弃")
            }
            (Lang::En, Arrival::Blocked(ms, _)) => {
                format!("dropped at {ms} ms if the link {sender} → {receiver} is still cut then")
            }
            (Lang::Zh, Arrival::Blocked(ms, _)) => {
                format!("若届时链路 {sender} → {receiver} 仍被断开，将在 {ms} 毫秒时被丢弃")
            }
            (Lang::En, Arrival::ReceiverDown(ms)) => format!("dropped at {ms} ms if {receiver} is still down then"),
            (Lang::Zh, Arrival::ReceiverDown(ms)) => format!("若届时 {receiver} 仍宕机，将在 {ms} 毫秒时被丢弃"),
        }
    }

    /// A message field's name: the paper's (`prevLogIndex`, `term`, `success`), or the client's
    /// in words.
    pub fn field_name(self, name: &'static str) -> &'static str {
        match (self, name) {
            (Lang::Zh, "request") => "请求",
            (Lang::Zh, "command") => "命令",
            (Lang::Zh, "answer") => "应答",
            (Lang::Zh, "change") => "成员变更",
            (Lang::Zh, "rejected prevLogIndex") => "被拒绝的 prevLogIndex",
            // The paper's names, glossed as the server's menu glosses votedFor.
            (Lang::Zh, "term") => "term（任期）",
            (Lang::Zh, "candidateId") => "candidateId（候选人）",
            (Lang::Zh, "lastLogIndex") => "lastLogIndex（最后日志索引）",
            (Lang::Zh, "lastLogTerm") => "lastLogTerm（最后日志任期）",
            (Lang::Zh, "voteGranted") => "voteGranted（是否同意投票）",
            (Lang::Zh, "leaderId") => "leaderId（领导者）",
            (Lang::Zh, "prevLogIndex") => "prevLogIndex（前一条日志索引）",
            (Lang::Zh, "prevLogTerm") => "prevLogTerm（前一条日志任期）",
            (Lang::Zh, "entries") => "entries（条目）",
            (Lang::Zh, "leaderCommit") => "leaderCommit（领导者提交索引）",
            (Lang::Zh, "success") => "success（是否成功）",
            (Lang::Zh, "matchIndex") => "matchIndex（匹配索引）",
            (Lang::Zh, "conflictTerm") => "conflictTerm（冲突任期）",
            (Lang::Zh, "conflictIndex") => "conflictIndex（冲突索引）",
            (Lang::Zh, "lastIncludedIndex") => "lastIncludedIndex（快照最后索引）",
            (Lang::Zh, "lastIncludedTerm") => "lastIncludedTerm（快照最后任期）",
            (Lang::Zh, "data") => "data（快照数据）",
            (_, name) => name,
        }
    }

    /// A message field's value in words where it has words.
    pub fn field_value(self, value: &crate::view::FieldValue) -> String {
        use crate::view::FieldValue;
        use raft_sim::ClientResult;
        match (self, value) {
            (_, FieldValue::Text(text)) => text.clone(),
            (_, FieldValue::Change(change)) => self.change(change),
            (_, FieldValue::Entries(entries)) => entries
                .iter()
                .map(|(term, command)| format!("{term}:{}", command.as_deref().unwrap_or(self.texts().noop_entry)))
                .collect::<Vec<_>>()
                .join(", "),
            (Lang::En, FieldValue::Flag(flag)) => flag.to_string(),
            (Lang::Zh, FieldValue::Flag(flag)) => if *flag { "是" } else { "否" }.to_owned(),
            (Lang::En, FieldValue::Heartbeat) => "none (heartbeat)".to_owned(),
            (Lang::Zh, FieldValue::Heartbeat) => "无（心跳）".to_owned(),
            (Lang::En, FieldValue::NoTerm) => "none".to_owned(),
            (Lang::Zh, FieldValue::NoTerm) => "无".to_owned(),
            (Lang::En, FieldValue::Answer(result)) => match result {
                ClientResult::Committed { index } => format!("committed at index {index}"),
                ClientResult::Read { index, value } => {
                    format!("read at index {index}: {}", value.as_deref().unwrap_or("not set"))
                }
                ClientResult::NotLeader { leader: Some(leader) } => format!("not leader; try S{leader}"),
                ClientResult::NotLeader { leader: None } => "not leader; no leader known".to_owned(),
                ClientResult::LeadershipLost => "leadership lost; outcome unknown".to_owned(),
                ClientResult::ChangeRefused(refusal) => format!("change refused: {}", self.refusal(refusal)),
            },
            (Lang::Zh, FieldValue::Answer(result)) => match result {
                ClientResult::Committed { index } => format!("已在索引 {index} 提交"),
                ClientResult::Read { index, value } => {
                    format!("在索引 {index} 处读到：{}", value.as_deref().unwrap_or("未设置"))
                }
                ClientResult::NotLeader { leader: Some(leader) } => format!("不是领导者；请找 S{leader}"),
                ClientResult::NotLeader { leader: None } => "不是领导者；不知道谁是领导者".to_owned(),
                ClientResult::LeadershipLost => "失去领导地位；结果未知".to_owned(),
                ClientResult::ChangeRefused(refusal) => format!("拒绝变更：{}", self.refusal(refusal)),
            },
        }
    }

    /// A message's sender or receiver: `S2`, or the client.
    pub fn endpoint(self, id: NodeId) -> String {
        match (self, id) {
            (Lang::En, raft_sim::CLIENT) => "client".to_owned(),
            (Lang::Zh, raft_sim::CLIENT) => "客户端".to_owned(),
            _ => format!("S{id}"),
        }
    }

    /// A moment or a span in simulated milliseconds: "301 ms", "301 毫秒".
    pub fn milliseconds(self, ms: raft_sim::Millis) -> String {
        match self {
            Lang::En => format!("{ms} ms"),
            Lang::Zh => format!("{ms} 毫秒"),
        }
    }

    /// A moment in seconds, as short as it can be: "57 s", "0.5 s", "57 秒".
    pub fn seconds(self, ms: raft_sim::Millis) -> String {
        let seconds = crate::number_text::scaled(ms, 3);
        match self {
            Lang::En => format!("{seconds} s"),
            Lang::Zh => format!("{seconds} 秒"),
        }
    }

    /// `text` with a remark after it in brackets: "Play (Space or K)", "播放（空格或 K）".
    pub fn aside(self, text: &str, remark: &str) -> String {
        match self {
            Lang::En => format!("{text} ({remark})"),
            Lang::Zh => format!("{text}（{remark}）"),
        }
    }

    /// What separates a name from what is said of it: ": " in English, "：" in Chinese.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::En => ": ",
            Lang::Zh => "：",
        }
    }

    /// What leads into an aside after a name: " — " in English, "，" in Chinese.
    pub fn dash(self) -> &'static str {
        match self {
            Lang::En => " — ",
            Lang::Zh => "，",
        }
    }

    /// What separates the items of a list: ", " in English, "，" in Chinese.
    pub fn comma(self) -> &'static str {
        match self {
            Lang::En => ", ",
            Lang::Zh => "，",
        }
    }

    /// The message panel's accessible name.
    pub fn message_region(self, id: u64) -> String {
        match self {
            Lang::En => format!("Message {id}"),
            Lang::Zh => format!("消息 {id}"),
        }
    }

    /// "Showing indexes 3–26.", or "Showing index 1." when that is all.
    pub fn showing_indexes(self, first: u64, last: u64) -> String {
        match (self, first == last) {
            (Lang::En, false) => format!("Showing indexes {first}–{last}."),
            (Lang::En, true) => format!("Showing index {first}."),
            (Lang::Zh, false) => format!("显示索引 {first}–{last}。"),
            (Lang::Zh, true) => format!("显示索引 {first}。"),
        }
    }

    /// A safety property's name.
    pub fn property(self, property: Property) -> &'static str {
        match (self, property) {
            (Lang::En, _) => property.name(),
            (Lang::Zh, Property::ElectionSafety) => "选举安全",
            (Lang::Zh, Property::LeaderAppendOnly) => "领导者只追加",
            (Lang::Zh, Property::LogMatching) => "日志匹配",
            (Lang::Zh, Property::LeaderCompleteness) => "领导者完整性",
            (Lang::Zh, Property::StateMachineSafety) => "状态机安全",
            (Lang::Zh, Property::OneChangeAtATime) => "一次一个成员变更",
        }
    }

    /// What a badge's property says (Figure 3, thesis §4.1), for its tooltip; `None` for the
    /// clients' history, linearizable (thesis §6.3).
    pub fn property_meaning(self, property: Option<Property>) -> &'static str {
        match (self, property) {
            (Lang::En, Some(Property::ElectionSafety)) => "At most one leader can be elected in a given term (§5.2).",
            (Lang::En, Some(Property::LeaderAppendOnly)) => {
                "A leader never overwrites or deletes entries in its log; it only appends (§5.3)."
            }
            (Lang::En, Some(Property::LogMatching)) => {
                "If two logs hold an entry with the same index and term, they are identical up to that index (§5.3)."
            }
            (Lang::En, Some(Property::LeaderCompleteness)) => {
                "An entry committed in a term is in the log of every leader of a later term (§5.4)."
            }
            (Lang::En, Some(Property::StateMachineSafety)) => {
                "No two servers apply different commands at the same index (§5.4.3)."
            }
            (Lang::En, Some(Property::OneChangeAtATime)) => {
                "A leader starts a membership change only once the previous one is committed (thesis §4.1)."
            }
            (Lang::En, None) => {
                "Every read and write seems to take effect at one moment between its request and its answer (thesis §6.3)."
            }
            (Lang::Zh, Some(Property::ElectionSafety)) => "同一任期内最多选出一个领导者（§5.2）。",
            (Lang::Zh, Some(Property::LeaderAppendOnly)) => "领导者从不覆盖或删除自己日志中的条目，只会追加（§5.3）。",
            (Lang::Zh, Some(Property::LogMatching)) => {
                "两份日志若在同一索引上有任期相同的条目，则到该索引为止完全相同（§5.3）。"
            }
            (Lang::Zh, Some(Property::LeaderCompleteness)) => "某个任期提交的条目，必定出现在之后每个任期的领导者的日志中（§5.4）。",
            (Lang::Zh, Some(Property::StateMachineSafety)) => "不会有两台服务器在同一索引上应用不同的命令（§5.4.3）。",
            (Lang::Zh, Some(Property::OneChangeAtATime)) => "上一次成员变更提交之后，领导者才开始下一次（博士论文 §4.1）。",
            (Lang::Zh, None) => "每次读写看起来都在发出请求与收到应答之间的某一刻生效（博士论文 §6.3）。",
        }
    }

    /// The drawing's red flag, after its ✗: "property broken", or how many are (short enough
    /// for a phone's corner: the flag's title says which).
    pub fn broken_flag(self, broken: usize) -> String {
        match (self, broken) {
            (Lang::En, 1) => "property broken".to_owned(),
            (Lang::En, _) => format!("{broken} broken"),
            (Lang::Zh, 1) => "安全性质被破坏".to_owned(),
            (Lang::Zh, _) => format!("{broken} 条安全性质被破坏"),
        }
    }

    /// "broken at 1.234 s: …"
    pub fn broken_at(self, time: &str, detail: &str) -> String {
        match self {
            Lang::En => format!("broken at {time}: {detail}"),
            Lang::Zh => format!("在 {time}被破坏：{detail}"),
        }
    }

    /// A theme's name in the picker.
    pub fn theme_name(self, theme: crate::hooks::Theme) -> &'static str {
        use crate::hooks::Theme;
        let names = &self.texts().themes;
        match theme {
            Theme::System => names.system,
            Theme::Light => names.light,
            Theme::Dark => names.dark,
        }
    }

    /// A narration filter's name.
    pub fn category(self, category: StoryCategory) -> &'static str {
        let names = &self.texts().categories;
        match category {
            StoryCategory::Elections => names.elections,
            StoryCategory::Log => names.log,
            StoryCategory::Faults => names.faults,
            StoryCategory::Client => names.client,
        }
    }

    /// One event of the story, in one plain sentence. A command that is not plain ASCII is
    /// bidi-isolated (U+2068 … U+2069), so right-to-left text in it cannot reorder the sentence.
    pub fn tell(self, event: &StoryEvent) -> String {
        use StoryEvent as E;
        let isolated;
        let event = match event {
            E::ClientWrite { op, node, client, command } if !command.is_ascii() => {
                isolated = E::ClientWrite { op: *op, node: *node, client: *client, command: bidi_isolated(command) };
                &isolated
            }
            E::ClientDone { op, command, result } if !command.is_ascii() => {
                isolated = E::ClientDone { op: *op, command: bidi_isolated(command), result: *result };
                &isolated
            }
            E::ClientRead { op, node, client, command } if !command.is_ascii() => {
                isolated = E::ClientRead { op: *op, node: *node, client: *client, command: bidi_isolated(command) };
                &isolated
            }
            E::ReadHeld { op, leader, client, key, term } if !key.is_ascii() => {
                isolated =
                    E::ReadHeld { op: *op, leader: *leader, client: *client, key: bidi_isolated(key), term: *term };
                &isolated
            }
            E::ReadIndexSet { op, leader, client, key, read_index, round, lease, drifting } if !key.is_ascii() => {
                let (op, leader, client, key) = (*op, *leader, *client, bidi_isolated(key));
                let (read_index, round, lease, drifting) = (*read_index, *round, *lease, *drifting);
                isolated = E::ReadIndexSet { op, leader, client, key, read_index, round, lease, drifting };
                &isolated
            }
            E::ReadDone { op, client, key, value, result }
                if !key.is_ascii() || value.as_deref().is_some_and(|v| !v.is_ascii()) =>
            {
                let value = value.as_deref().map(bidi_isolated);
                isolated = E::ReadDone { op: *op, client: *client, key: bidi_isolated(key), value, result: *result };
                &isolated
            }
            _ => event,
        };
        let between = if self == Lang::Zh { "、" } else { ", " };
        let groups = |groups: &[Vec<NodeId>]| {
            groups
                .iter()
                .map(|g| g.iter().map(|n| format!("S{n}")).collect::<Vec<_>>().join(between))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let told = match self {
            Lang::En => match event {
                E::ElectionStarted { node, term } => {
                    format!("S{node}'s election timer fired; it starts an election for term {term}.")
                }
                E::LeaderTimedOut { node, term, pre_vote: false } => format!(
                    "Leader S{node} was told to time out (in Raft a leader has no election timer; the playground \
                     fires one anyway): it stops leading and runs for term {term}."
                ),
                E::LeaderTimedOut { node, term, pre_vote: true } => format!(
                    "Leader S{node} was told to time out (in Raft a leader has no election timer; the playground \
                     fires one anyway): it stops leading and, with PreVote, first asks whether it could win term \
                     {term}, without raising its own. A server that heard from a leader within the shortest election \
                     timeout grants no pre-vote, so those it reached a moment ago refuse, or, with CheckQuorum on, do not \
                     answer at all (thesis §9.6, §4.2.3)."
                ),
                E::PreVoteStarted { node, term } => format!(
                    "S{node}'s election timer fired; with PreVote it first asks whether it could win term {term}, \
                     without raising its own (thesis §9.6)."
                ),
                E::PreVotesWon { node, term } => {
                    format!("A majority granted S{node}'s pre-votes: it now campaigns for term {term}.")
                }
                E::TransferElection { node, term } => {
                    format!("S{node} got TimeoutNow from its leader and campaigns for term {term} at once (thesis §3.10).")
                }
                E::LostQuorum { node, term } => format!(
                    "Leader S{node} heard from no majority for an election timeout and stepped down in term {term} \
                     (CheckQuorum, thesis §6.2)."
                ),
                E::TransferStarted { leader, to } => format!(
                    "Leader S{leader} hands leadership over to S{to}: it takes no new writes, brings S{to}'s log \
                     up to date, then tells it to campaign (thesis §3.10)."
                ),
                E::TimeoutNowSent { leader, to } => format!(
                    "S{to}'s log matches leader S{leader}'s: S{leader} sends it TimeoutNow, to start an election at \
                     once (thesis §3.10)."
                ),
                E::TransferAbandoned { leader, to } => {
                    format!("S{leader} gave up handing leadership to S{to}: an election timeout passed.")
                }
                E::BecameLeader { node, term } => {
                    format!("S{node} won the election for term {term} and is now the leader.")
                }
                E::SteppedDown { node, term } => format!("S{node} saw term {term} and became a follower."),
                E::MetLeaderOfItsTerm { node, term } => {
                    format!("S{node} heard from a leader of its own term {term} and became a follower.")
                }
                E::DeposedByOutsider { leader, by, term } => format!(
                    "S{by}, outside leader S{leader}'s configuration, asked for votes in term {term}, and S{leader} \
                     stepped down: a server removed without hearing of it disrupts the cluster (thesis §4.2.3); \
                     the thesis's guard, on here with CheckQuorum, stops this."
                ),
                E::Committed { leader, index } => format!("Leader S{leader} committed the log up to index {index}."),
                E::CommitDeferred { leader, index, term, leader_term } => format!(
                    "S{leader} has entry {index} on a majority but does not commit it: it is from term {term}, \
                     not S{leader}'s term {leader_term} (§5.4.2)."
                ),
                E::CommittedByCounting { leader, index, term, leader_term } => format!(
                    "S{leader} committed entry {index}, of term {term}, by counting its copies: the broken rule \
                     lets it, where Raft commits by counting only entries of the leader's own term, here \
                     {leader_term} (§5.4.2). A later leader can still overwrite it (Figure 8)."
                ),
                E::Truncated { node, by, removed: (first, last) } => {
                    let entries =
                        if first == last { format!("entry {first}") } else { format!("entries {first}–{last}") };
                    let leader = by.map_or_else(|| "its leader".to_owned(), |by| format!("leader S{by}"));
                    format!("S{node} deleted {entries} that conflicted with {leader}'s log and took the leader's entries instead (§5.3).")
                }
                E::Crashed { node } => format!("S{node} crashed."),
                E::Restarted { node } => format!("S{node} restarted with its term, vote and log."),
                E::Partitioned { groups: g } => {
                    format!("The network was partitioned: {} apart from the rest.", groups(g))
                }
                E::Healed => "The partition healed.".to_owned(),
                E::Cut { from, to } => format!("The link S{from} → S{to} was cut."),
                E::Mended { from, to } => format!("The link S{from} → S{to} was mended."),
                E::Delivered { id, kind, from, to } => {
                    format!("{} #{id} from {} to {} was delivered.", kind.as_str(), self.endpoint(*from), self.endpoint(*to))
                }
                E::HeartbeatFired { node } => format!("S{node}'s heartbeat timer fired: it sends AppendEntries to every follower."),
                E::Dropped { id, from, to } => {
                    format!("Message #{id} from {} to {} was dropped.", self.endpoint(*from), self.endpoint(*to))
                }
                E::Duplicated { id, from, to } => format!(
                    "A second copy of message #{id} from {} to {} is on its way.",
                    self.endpoint(*from),
                    self.endpoint(*to)
                ),
                E::LossSet { per_mille } => {
                    format!("Now {}% of messages are lost.", scaled(u64::from(*per_mille), 1))
                }
                E::LatencySet { range_ms: [low, high] } => {
                    format!("From now on each message takes {low}–{high} ms to arrive; those on their way keep their times.")
                }
                E::ClockSet { node, percent } => self.clock_set(*node, *percent),
                E::WorkloadSet { client, every_ms: 0 } => format!("Client C{client} stopped writing on its own."),
                E::WorkloadSet { client, every_ms } => format!(
                    "Client C{client} now writes on its own every {} s, each write to the leader it last heard from.",
                    scaled(*every_ms, 3)
                ),
                E::ClientWrite { node, client, command, .. } => format!("Client C{client} sent the write {command} to S{node}."),
                E::ClientRead { node, client, command, .. } => format!("Client C{client} sent the read {command} to S{node}."),
                E::SnapshotTaken { node, index } => {
                    format!("S{node} took a snapshot through index {index} and discarded its log up to there.")
                }
                E::ClientRedirected { from, to, command, change, .. } => {
                    let asked = match change {
                        Some(change) => format!("change \"{}\"", self.change(change)),
                        None => command.clone(),
                    };
                    format!(
                        "S{from} did not take the client's {asked} and named S{to} as the leader to try: the client \
                         sends it there (§8)."
                    )
                }
                E::ClientRetried { node, attempt, command, .. } => format!(
                    "The client sent {command} again to S{node} (attempt {attempt}), in the same session: it is applied once."
                ),
                E::SnapshotInstalled { node, from, index } => {
                    format!("S{node} replaced its log with S{from}'s snapshot through index {index}.")
                }
                E::ReadIndexSet {
                    leader, client, key, read_index, lease: Some(LeaseStanding::Holds { until }), drifting, ..
                } => {
                    let why = if *drifting {
                        "counted on its own clock; but the servers' clocks have drifted apart more than the lease \
                         allows for, so another leader may already have been elected (thesis §6.4.1)"
                    } else {
                        "and no other leader can be elected before then (thesis §6.4.1, as long as the servers' \
                         clocks drift apart no more than the lease allows for)"
                    };
                    format!(
                        "Leader S{leader} takes C{client}'s read of {key} at readIndex {read_index}, its commitIndex, \
                         with no round of heartbeats: its lease holds until {} of real time, {why}. It answers once \
                         it has applied index {read_index}.",
                        self.seconds(*until)
                    )
                }
                E::ReadIndexSet { leader, client, key, read_index, round, lease, .. } => format!(
                    "Leader S{leader} takes C{client}'s read of {key} at readIndex {read_index}, its commitIndex, \
                     and{} sends heartbeats of round {round}: once a majority answers them, it knows no leader of a \
                     later term existed when the read arrived, and it answers once it has applied index {read_index} \
                     (ReadIndex, thesis §6.4).",
                    match lease {
                        Some(LeaseStanding::NotYet) => {
                            ", with no lease yet (no round of its term answered by a majority),".to_owned()
                        }
                        Some(LeaseStanding::RanOut { at }) => format!(", its lease having run out at {},", self.seconds(*at)),
                        Some(LeaseStanding::GivenUp) => {
                            ", having given its lease up when it sent TimeoutNow (the election it asked for skips \
                             CheckQuorum's guard),"
                                .to_owned()
                        }
                        Some(LeaseStanding::Holds { .. }) | None => String::new(),
                    }
                ),
                E::ReadRoundConfirmed { leader, round, answered, reads } => format!(
                    "A majority answered leader S{leader}'s heartbeats of round {answered}{}: no leader of a later \
                     term existed when it sent them, so it still led when the {} waiting on round {round} arrived \
                     (thesis §6.4).",
                    if answered > round { format!(", sent after round {round}") } else { String::new() },
                    if *reads == 1 { "read".to_owned() } else { format!("{reads} reads") }
                ),
                E::ReadHeld { leader, client, key, term, .. } => format!(
                    "Leader S{leader} holds C{client}'s read of {key}: it has committed no entry of its term {term} \
                     yet, so its commitIndex may lag what earlier leaders committed (thesis §6.4). It answers once \
                     an entry of its term commits (the no-op on election, §8, is there for this)."
                ),
                E::ReadDone { client, key, value, result, .. } => match (result, value) {
                    (OpResult::Ok, Some(value)) => format!("C{client} read {key} = {value}."),
                    (OpResult::Ok, None) => format!("C{client} read {key}: not set."),
                    (OpResult::NoLeader, _) => format!("C{client}'s read of {key} failed: no leader was known."),
                    (OpResult::Timeout, _) => format!("C{client} gave up waiting for its read of {key}."),
                    _ => format!("C{client}'s read of {key} got no answer: the leader stepped down."),
                },
                E::ClientDone { command, result, .. } => match result {
                    OpResult::Ok => format!("The write {command} was committed and acknowledged."),
                    OpResult::NoLeader => format!("The write {command} failed: no leader was known."),
                    OpResult::Unknown => {
                        format!("The leader lost leadership before committing {command}; its fate is unknown.")
                    }
                    OpResult::Timeout => format!("The client gave up waiting for {command}."),
                    OpResult::Refused => format!("The write {command} was refused."),
                },
                E::ChangeRequested { node, change, .. } => {
                    format!("The client asked S{node} to {}.", self.change(change))
                }
                E::ChangeDone { change, result, refusal, .. } => {
                    let change = self.change(change);
                    match result {
                        OpResult::Ok => format!("The change \"{change}\" was committed."),
                        OpResult::Refused => match refusal {
                            Some(why) => format!("The leader refused to {change}: {}.", self.refusal(why)),
                            None => format!("The leader refused to {change}."),
                        },
                        OpResult::NoLeader => format!("The change \"{change}\" failed: no leader was known."),
                        OpResult::Unknown => {
                            format!("The leader lost leadership before the change \"{change}\" committed; its fate is unknown.")
                        }
                        OpResult::Timeout => format!("The client gave up waiting for the change \"{change}\"."),
                    }
                }
                E::ServerStarted { node } => format!("S{node} started as a new, empty server."),
                E::CaughtUp { leader, node } => format!(
                    "S{node} caught up with leader S{leader}'s log and is promoted to voter (thesis §4.2.1)."
                ),
                E::VoteGranted { node, candidate, term, replaced: Some(earlier), .. } if earlier == node => format!(
                    "S{node}, a candidate that had voted for itself in term {term}, voted a second time, for \
                     S{candidate}; it still counts its own vote: the broken rule lets a server vote again for a \
                     higher id, where Raft allows one vote per term (§5.2)."
                ),
                E::VoteGranted { node, candidate, term, replaced: Some(earlier), .. } => format!(
                    "S{node} voted a second time in term {term}, now for S{candidate}; its vote for S{earlier} still \
                     counts for S{earlier}: the broken rule lets a server vote again for a higher id, where Raft \
                     allows one vote per term (§5.2)."
                ),
                E::VoteGranted { node, candidate, term, log_behind: true, .. } => format!(
                    "S{node} voted for S{candidate} in term {term} although S{candidate}'s log is less up-to-date \
                     than its own: the election restriction is switched off (§5.4.1)."
                ),
                E::VoteGranted { node, candidate, term, .. } => format!(
                    "S{node} voted for S{candidate} in term {term}: it had not voted for anyone else in this term, \
                     and S{candidate}'s log is at least as up-to-date as its own (§5.2, §5.4.1)."
                ),
                E::VoteRefused { node, candidate, term, reason: VoteRefusal::VotedFor(voted) } if voted == node => {
                    format!("S{node} refused S{candidate} its vote: it voted for itself in term {term} (§5.2).")
                }
                E::VoteRefused { node, candidate, term, reason } => match reason {
                    VoteRefusal::StaleTerm { request_term } => format!(
                        "S{node} refused S{candidate} its vote: the request is of term {request_term}, older than \
                         S{node}'s term {term} (§5.1)."
                    ),
                    VoteRefusal::VotedFor(voted) => format!(
                        "S{node} refused S{candidate} its vote: it already voted for S{voted} in term {term}, and a \
                         server votes once per term (§5.2)."
                    ),
                    VoteRefusal::LogBehind => format!(
                        "S{node} refused S{candidate} its vote: S{candidate}'s log is less up-to-date than its own \
                         (the election restriction, §5.4.1)."
                    ),
                },
                E::PreVoteRefused { node, candidate, term, reason } => match reason {
                    PreVoteRefusal::LeaderAlive { leader } if leader == node => format!(
                        "S{node} refused S{candidate} a pre-vote for term {term}: it is the leader itself, so it \
                         wants no election (thesis §9.6). No term changes."
                    ),
                    PreVoteRefusal::LeaderAlive { leader } => format!(
                        "S{node} refused S{candidate} a pre-vote for term {term}: it heard from leader S{leader} less \
                         than the shortest election timeout ago, so it wants no election (thesis §9.6). No term changes."
                    ),
                    PreVoteRefusal::TermNotLater { own_term } => format!(
                        "S{node} refused S{candidate} a pre-vote for term {term}: that term is not later than its \
                         own term {own_term} (thesis §9.6). No term changes."
                    ),
                    PreVoteRefusal::LogBehind => format!(
                        "S{node} refused S{candidate} a pre-vote for term {term}: S{candidate}'s log is less \
                         up-to-date than its own (the election restriction, §5.4.1; thesis §9.6). No term changes."
                    ),
                },
                E::VoteRequestIgnored { node, candidate, term, pre_vote, leader } => {
                    // A pre-vote raises no term anyway: what the guard withholds is the answer.
                    let (request, withheld) = if *pre_vote {
                        ("RequestPreVote", "it does not answer")
                    } else {
                        ("RequestVote", "it neither raises its term nor votes")
                    };
                    match leader {
                        Some(leader) if leader == node => format!(
                            "S{node} ignored S{candidate}'s {request} for term {term}: it leads, so {withheld} \
                             (thesis §4.2.3's guard, on with CheckQuorum)."
                        ),
                        Some(leader) => format!(
                            "S{node} ignored S{candidate}'s {request} for term {term}: it heard from leader S{leader} \
                             within the shortest election timeout, so {withheld} (thesis §4.2.3's guard, on with CheckQuorum)."
                        ),
                        None => format!(
                            "S{node} ignored S{candidate}'s {request} for term {term}: it restarted less than the \
                             shortest election timeout ago and may still be part of a leader's lease (this playground's precaution for leases, thesis §6.4.1)."
                        ),
                    }
                }
                E::AppendEntriesRefused { follower, leader, index, term, own_term: None, equal_commit: false } => format!(
                    "S{follower} refused leader S{leader}'s AppendEntries: its log has no entry at index {index} \
                     (prevLogIndex, just before any entries it carries), where the leader's is of term {term} (the \
                     consistency check, §5.3)."
                ),
                E::AppendEntriesRefused { follower, leader, index, term, own_term: Some(own), equal_commit: false } => {
                    format!(
                        "S{follower} refused leader S{leader}'s AppendEntries: its entry at index {index} \
                         (prevLogIndex, just before any entries it carries) is of term {own}, the leader's of term {term} \
                         (the consistency check, §5.3)."
                    )
                }
                E::AppendEntriesRefused { follower, leader, index, equal_commit: true, .. } => format!(
                    "S{follower} refused leader S{leader}'s AppendEntries under the broken rule (Break a rule, in \
                     Settings): the leader's commit index differs from its own, or its log does not reach index \
                     {index}; prevLogTerm goes unchecked (§5.3 checks it)."
                ),
                E::NextIndexBackedOff { leader, follower, next_index, .. } => {
                    format!("After S{follower}'s refusal, S{leader} moves nextIndex for S{follower} back to {next_index} and tries again.")
                }
                E::ConfigurationAppended { leader, config } => format!(
                    "Leader S{leader} appended the configuration {config}; it is in force on each server as soon as \
                     it is in its log (thesis §4.1)."
                ),
                E::ConfigurationCommitted { leader, config, earlier: false } => {
                    format!("Leader S{leader} committed {config}.")
                }
                E::ConfigurationCommitted { leader, config, earlier: true } => {
                    format!("Leader S{leader} learned that {config} is committed (an earlier leader committed it) and applied it.")
                }
                E::LeftConfiguration { node } => {
                    format!("S{node} committed a configuration without itself and stepped down (§6; thesis §4.2.2).")
                }
            },
            Lang::Zh => match event {
                E::ElectionStarted { node, term } => format!("S{node} 的选举计时器超时，开始第 {term} 任期的选举。"),
                E::LeaderTimedOut { node, term, pre_vote: false } => format!(
                    "领导者 S{node} 被要求超时（Raft 的领导者本没有选举计时器，演练场仍可触发）：它不再担任领导者，转而竞选第 {term} 任期。"
                ),
                E::LeaderTimedOut { node, term, pre_vote: true } => format!(
                    "领导者 S{node} 被要求超时（Raft 的领导者本没有选举计时器，演练场仍可触发）：它不再担任领导者；开启了预投票，它先询问能否赢得第 {term} 任期，\
                     而不提升自己的任期。在最短选举超时内收到过领导者消息的服务器不给预投票，所以刚刚还收到它消息的服务器会拒绝；若开启了 CheckQuorum，则根本不作答复（博士论文 §9.6、§4.2.3）。"
                ),
                E::PreVoteStarted { node, term } => {
                    format!("S{node} 的选举计时器超时；开启了预投票，它先询问能否赢得第 {term} 任期，而不提升自己的任期（博士论文 §9.6）。")
                }
                E::PreVotesWon { node, term } => format!("多数派同意了 S{node} 的预投票：它开始竞选第 {term} 任期。"),
                E::TransferElection { node, term } => {
                    format!("S{node} 收到领导者的 TimeoutNow，立即竞选第 {term} 任期（博士论文 §3.10）。")
                }
                E::LostQuorum { node, term } => format!(
                    "领导者 S{node} 在一个选举超时内没有收到多数派的回应，于第 {term} 任期退位（CheckQuorum，博士论文 §6.2）。"
                ),
                E::TransferStarted { leader, to } => format!(
                    "领导者 S{leader} 把领导权转移给 S{to}：它不再接受新的写请求，先把 S{to} 的日志补齐，再让它立即发起选举（博士论文 §3.10）。"
                ),
                E::TimeoutNowSent { leader, to } => {
                    format!("S{to} 的日志已与领导者 S{leader} 一致：S{leader} 向它发送 TimeoutNow，让它立即发起选举（博士论文 §3.10）。")
                }
                E::TransferAbandoned { leader, to } => {
                    format!("S{leader} 放弃了把领导权转移给 S{to}：已经过了一个选举超时。")
                }
                E::BecameLeader { node, term } => format!("S{node} 赢得第 {term} 任期的选举，成为领导者。"),
                E::SteppedDown { node, term } => format!("S{node} 发现更高的第 {term} 任期，成为跟随者。"),
                E::MetLeaderOfItsTerm { node, term } => format!("S{node} 收到同为第 {term} 任期的领导者的消息，成为跟随者。"),
                E::DeposedByOutsider { leader, by, term } => format!(
                    "S{by} 不在领导者 S{leader} 的配置中，却以第 {term} 任期请求投票，S{leader} 随即退位：\
                     被移除却不知情的服务器会扰乱集群（博士论文 §4.2.3）；博士论文中的防护（这里随 CheckQuorum 开启）可以阻止这一点。"
                ),
                E::Committed { leader, index } => format!("领导者 S{leader} 提交了索引 {index} 及之前的条目。"),
                E::CommitDeferred { leader, index, term, leader_term } => format!(
                    "S{leader} 已把索引 {index} 的条目复制到多数派，但不提交它：它来自第 {term} 任期，\
                     而不是 S{leader} 的第 {leader_term} 任期（§5.4.2）。"
                ),
                E::CommittedByCounting { leader, index, term, leader_term } => format!(
                    "S{leader} 靠数副本提交了第 {term} 任期的条目 {index}：这是被关闭的规则允许的，\
                     而 Raft 只按副本数提交领导者自己任期（这里是第 {leader_term} 任期）的条目（§5.4.2）。\
                     之后的领导者仍可能覆盖它（图 8）。"
                ),
                E::Truncated { node, by, removed: (first, last) } => {
                    let range = if first == last { format!("{first}") } else { format!("{first}–{last}") };
                    let leader = by.map_or_else(|| "领导者".to_owned(), |by| format!("领导者 S{by} "));
                    format!("S{node} 删除了索引 {range} 上与{leader}的日志冲突的条目，由领导者的条目取而代之（§5.3）。")
                }
                E::Crashed { node } => format!("S{node} 宕机。"),
                E::Restarted { node } => format!("S{node} 带着任期、投票和日志重新启动。"),
                E::Partitioned { groups: g } => format!("网络发生分区：{} 与其余服务器隔开。", groups(g)),
                E::Healed => "网络分区恢复。".to_owned(),
                E::Cut { from, to } => format!("链路 S{from} → S{to} 被断开。"),
                E::Mended { from, to } => format!("链路 S{from} → S{to} 被修复。"),
                E::Delivered { id, kind, from, to } => {
                    format!("从 {} 到 {} 的 {} #{id} 已送达。", self.endpoint(*from), self.endpoint(*to), kind.as_str())
                }
                E::HeartbeatFired { node } => format!("S{node} 的心跳计时器触发：它向每个跟随者发送 AppendEntries。"),
                E::Dropped { id, from, to } => {
                    format!("从 {} 到 {} 的消息 #{id} 被丢弃。", self.endpoint(*from), self.endpoint(*to))
                }
                E::Duplicated { id, from, to } => format!(
                    "从 {} 到 {} 的消息 #{id} 多了一个副本，正在路上。",
                    self.endpoint(*from),
                    self.endpoint(*to)
                ),
                E::LossSet { per_mille } => {
                    format!("现在有 {}% 的消息会丢失。", scaled(u64::from(*per_mille), 1))
                }
                E::LatencySet { range_ms: [low, high] } => {
                    format!("从此刻起，每条消息要 {low}–{high} 毫秒才能送达；已在路上的消息时间不变。")
                }
                E::ClockSet { node, percent } => self.clock_set(*node, *percent),
                E::WorkloadSet { client, every_ms: 0 } => format!("客户端 C{client} 停止了自动写入。"),
                E::WorkloadSet { client, every_ms } => format!(
                    "客户端 C{client} 现在每 {} 秒自动写入一次，每次发给它最近确认过的领导者。",
                    scaled(*every_ms, 3)
                ),
                E::ClientWrite { node, client, command, .. } => format!("客户端 C{client} 向 S{node} 发送写请求 {command}。"),
                E::ClientRead { node, client, command, .. } => format!("客户端 C{client} 向 S{node} 发送读请求“{command}”。"),
                E::SnapshotTaken { node, index } => format!("S{node} 生成了到索引 {index} 为止的快照，并丢弃了到此为止的日志。"),
                E::ClientRedirected { from, to, command, change, .. } => {
                    let asked = match change {
                        Some(change) => format!("的变更“{}”", self.change(change)),
                        None => format!("的 {command}"),
                    };
                    format!("S{from} 没有接受客户端{asked}，并指明 S{to} 是该找的领导者：客户端把它发给 S{to}（§8）。")
                }
                E::ClientRetried { node, attempt, command, .. } => {
                    format!("客户端在同一个会话里再次把 {command} 发给 S{node}（第 {attempt} 次）：它只会被应用一次。")
                }
                E::SnapshotInstalled { node, from, index } => {
                    format!("S{node} 用 S{from} 到索引 {index} 为止的快照替换了自己的日志。")
                }
                E::ReadIndexSet {
                    leader, client, key, read_index, lease: Some(LeaseStanding::Holds { until }), drifting, ..
                } => {
                    let why = if *drifting {
                        "（真实时间，由它自己的时钟计时）；但各服务器时钟之间的漂移已超出租约所容许的范围，别的领导者可能已经选出（博士论文 §6.4.1）"
                    } else {
                        "，在此之前不会选出别的领导者（博士论文 §6.4.1，前提是各服务器时钟之间的漂移不超出租约所容许的范围）"
                    };
                    format!(
                        "领导者 S{leader} 以读索引 {read_index}（它的提交索引）受理 C{client} 对 {key} 的读请求，无需新一轮心跳：\
                         它的租约持续到 {}{why}。应用到索引 {read_index} 后它即回答。",
                        self.seconds(*until)
                    )
                }
                E::ReadIndexSet { leader, client, key, read_index, round, lease, .. } => format!(
                    "领导者 S{leader} 以读索引 {read_index}（它的提交索引）受理 C{client} 对 {key} 的读请求，{}并发出第 {round} 轮心跳：\
                     多数派回应后，它就确知读请求到达时没有任期更高的领导者；应用到索引 {read_index} 后它即回答\
                     （ReadIndex，博士论文 §6.4）。",
                    match lease {
                        Some(LeaseStanding::NotYet) => "它还没有租约（本任期还没有一轮心跳得到多数派回应），".to_owned(),
                        Some(LeaseStanding::RanOut { at }) => format!("它的租约已在 {} 到期，", self.seconds(*at)),
                        Some(LeaseStanding::GivenUp) => {
                            "它在发出 TimeoutNow 时放弃了租约（它要求的那次选举不受 CheckQuorum 防护的约束），".to_owned()
                        }
                        Some(LeaseStanding::Holds { .. }) | None => String::new(),
                    }
                ),
                E::ReadRoundConfirmed { leader, round, answered, reads } => format!(
                    "多数派回应了领导者 S{leader} 的第 {answered} 轮心跳{}：发出这些心跳时不存在任期更高的领导者，\
                     所以等第 {round} 轮心跳确认的{}到达时，它仍是领导者（博士论文 §6.4）。",
                    if answered > round { format!("（在第 {round} 轮之后发出）") } else { String::new() },
                    if *reads == 1 { "读请求".to_owned() } else { format!(" {reads} 个读请求") }
                ),
                E::ReadHeld { leader, client, key, term, .. } => format!(
                    "领导者 S{leader} 暂缓回答 C{client} 对 {key} 的读请求：它还没有提交任何第 {term} 任期的条目，\
                     它的提交索引可能落后于以前的领导者已提交的位置（博士论文 §6.4）。等本任期有条目提交后它才回答\
                     （当选后追加空操作条目（§8）正是为此）。"
                ),
                E::ReadDone { client, key, value, result, .. } => match (result, value) {
                    (OpResult::Ok, Some(value)) => format!("C{client} 读到 {key}={value}。"),
                    (OpResult::Ok, None) => format!("C{client} 读 {key}：尚未设置。"),
                    (OpResult::NoLeader, _) => format!("C{client} 读 {key} 失败：没有已知的领导者。"),
                    (OpResult::Timeout, _) => format!("C{client} 等待读 {key} 超时，放弃了。"),
                    _ => format!("C{client} 读 {key} 没有得到答复：领导者已退位。"),
                },
                E::ClientDone { command, result, .. } => match result {
                    OpResult::Ok => format!("写入 {command} 已提交并得到确认。"),
                    OpResult::NoLeader => format!("写入 {command} 失败：没有已知的领导者。"),
                    OpResult::Unknown => format!("领导者在提交 {command} 之前失去了领导地位，结果未知。"),
                    OpResult::Timeout => format!("客户端等待 {command} 超时，放弃了。"),
                    OpResult::Refused => format!("写入 {command} 被拒绝。"),
                },
                E::ChangeRequested { node, change, .. } => format!("客户端请 S{node} {}。", self.change(change)),
                E::ChangeDone { change, result, refusal, .. } => {
                    let change = self.change(change);
                    match result {
                        OpResult::Ok => format!("变更“{change}”已提交。"),
                        OpResult::Refused => match refusal {
                            Some(why) => format!("领导者拒绝了变更“{change}”：{}。", self.refusal(why)),
                            None => format!("领导者拒绝了变更“{change}”。"),
                        },
                        OpResult::NoLeader => format!("变更“{change}”失败：没有已知的领导者。"),
                        OpResult::Unknown => format!("领导者在变更“{change}”提交之前失去了领导地位，结果未知。"),
                        OpResult::Timeout => format!("客户端等待变更“{change}”超时，放弃了。"),
                    }
                }
                E::ServerStarted { node } => format!("S{node} 作为一台新的空服务器启动。"),
                E::CaughtUp { leader, node } => {
                    format!("S{node} 已追上领导者 S{leader} 的日志，升为投票成员（博士论文 §4.2.1）。")
                }
                E::VoteGranted { node, candidate, term, replaced: Some(earlier), .. } if earlier == node => format!(
                    "S{node} 作为候选人已在第 {term} 任期投给自己，又按被打破的规则投给了 S{candidate}；它自己那一票\
                     仍算数：被打破的规则允许服务器为编号更大的候选人再投一次，而 Raft 每个任期只投一票（§5.2）。"
                ),
                E::VoteGranted { node, candidate, term, replaced: Some(earlier), .. } => format!(
                    "S{node} 在第 {term} 任期又投了一票，这次投给 S{candidate}；之前投给 S{earlier} 的那票仍算在 \
                     S{earlier} 名下：被打破的规则允许服务器为编号更大的候选人再投一次，而 Raft 每个任期只投一票（§5.2）。"
                ),
                E::VoteGranted { node, candidate, term, log_behind: true, .. } => format!(
                    "S{node} 在第 {term} 任期投票给 S{candidate}，尽管 S{candidate} 的日志不如它的新：选举限制被关闭了\
                     （§5.4.1）。"
                ),
                E::VoteGranted { node, candidate, term, .. } => format!(
                    "S{node} 在第 {term} 任期投票给 S{candidate}：它在本任期还没投给别人，\
                     且 S{candidate} 的日志至少和它的一样新（§5.2、§5.4.1）。"
                ),
                E::VoteRefused { node, candidate, term, reason: VoteRefusal::VotedFor(voted) } if voted == node => {
                    format!("S{node} 没有投票给 S{candidate}：它在第 {term} 任期已投给自己（§5.2）。")
                }
                E::VoteRefused { node, candidate, term, reason } => match reason {
                    VoteRefusal::StaleTerm { request_term } => format!(
                        "S{node} 没有投票给 S{candidate}：请求来自第 {request_term} 任期，比 S{node} 的第 {term} 任期旧（§5.1）。"
                    ),
                    VoteRefusal::VotedFor(voted) => format!(
                        "S{node} 没有投票给 S{candidate}：它在第 {term} 任期已经投给了 S{voted}，每个任期只投一票（§5.2）。"
                    ),
                    VoteRefusal::LogBehind => format!(
                        "S{node} 没有投票给 S{candidate}：S{candidate} 的日志不如它的新（选举限制，§5.4.1）。"
                    ),
                },
                E::PreVoteRefused { node, candidate, term, reason } => match reason {
                    PreVoteRefusal::LeaderAlive { leader } if leader == node => format!(
                        "S{node} 拒绝给 S{candidate} 第 {term} 任期的预投票：它自己就是领导者，不需要选举（博士论文 §9.6）。任期都不变。"
                    ),
                    PreVoteRefusal::LeaderAlive { leader } => format!(
                        "S{node} 拒绝给 S{candidate} 第 {term} 任期的预投票：它在最短选举超时内收到过领导者 S{leader} 的消息，\
                         不需要选举（博士论文 §9.6）。任期都不变。"
                    ),
                    PreVoteRefusal::TermNotLater { own_term } => format!(
                        "S{node} 拒绝给 S{candidate} 第 {term} 任期的预投票：这个任期不比它自己的第 {own_term} 任期新\
                         （博士论文 §9.6）。任期都不变。"
                    ),
                    PreVoteRefusal::LogBehind => format!(
                        "S{node} 拒绝给 S{candidate} 第 {term} 任期的预投票：S{candidate} 的日志不如它的新\
                         （选举限制，§5.4.1；博士论文 §9.6）。任期都不变。"
                    ),
                },
                E::VoteRequestIgnored { node, candidate, term, pre_vote, leader } => {
                    let (request, withheld) = if *pre_vote {
                        ("RequestPreVote", "不作答复")
                    } else {
                        ("RequestVote", "既不提升任期也不投票")
                    };
                    match leader {
                        Some(leader) if leader == node => format!(
                            "S{node} 忽略了 S{candidate} 第 {term} 任期的 {request}：它自己是领导者，\
                             {withheld}（博士论文 §4.2.3 的防护，随 CheckQuorum 开启）。"
                        ),
                        Some(leader) => format!(
                            "S{node} 忽略了 S{candidate} 第 {term} 任期的 {request}：它在最短选举超时内收到过领导者 S{leader} 的消息，\
                             因此{withheld}（博士论文 §4.2.3 的防护，随 CheckQuorum 开启）。"
                        ),
                        None => format!(
                            "S{node} 忽略了 S{candidate} 第 {term} 任期的 {request}：它重启还不到最短选举超时，\
                             可能仍在某个领导者的租约之内（本演练场为租约采取的预防措施，参见博士论文 §6.4.1）。"
                        ),
                    }
                }
                E::AppendEntriesRefused { follower, leader, index, term, own_term: None, equal_commit: false } => format!(
                    "S{follower} 拒绝了领导者 S{leader} 的 AppendEntries：它的日志在索引 {index}（prevLogIndex，\
                     所带条目之前的位置）没有条目，而领导者在那里的条目属于任期 {term}（一致性检查，§5.3）。"
                ),
                E::AppendEntriesRefused { follower, leader, index, term, own_term: Some(own), equal_commit: false } => {
                    format!(
                        "S{follower} 拒绝了领导者 S{leader} 的 AppendEntries：它在索引 {index}（prevLogIndex，\
                         所带条目之前的位置）的条目属于任期 {own}，领导者的属于任期 {term}（一致性检查，§5.3）。"
                    )
                }
                E::AppendEntriesRefused { follower, leader, index, equal_commit: true, .. } => format!(
                    "S{follower} 按被打破的规则（设置里的“打破一条规则”）拒绝了领导者 S{leader} 的 AppendEntries：\
                     领导者的提交索引与它自己的不同，或它的日志到不了索引 {index}；不检查 prevLogTerm（§5.3 检查它）。"
                ),
                E::NextIndexBackedOff { leader, follower, next_index, .. } => {
                    format!("S{follower} 拒绝后，S{leader} 把 S{follower} 的 nextIndex 退回到 {next_index}，再试一次。")
                }
                E::ConfigurationAppended { leader, config } => format!(
                    "领导者 S{leader} 追加了配置 {config}；每台服务器一收到它就按它行事，不等提交（博士论文 §4.1）。"
                ),
                E::ConfigurationCommitted { leader, config, earlier: false } => format!("领导者 S{leader} 提交了 {config}。"),
                E::ConfigurationCommitted { leader, config, earlier: true } => {
                    format!("领导者 S{leader} 得知 {config} 已提交（之前的领导者提交了它），并应用了它。")
                }
                E::LeftConfiguration { node } => format!("S{node} 提交了不含自己的配置，随即退位（§6；博士论文 §4.2.2）。"),
            },
        };
        match self {
            Lang::En => told,
            Lang::Zh => without_spaces_between_chinese(&told),
        }
    }
}

/// Chinese text with no space between two Chinese characters: a word put in a sentence by a
/// placeholder spaced for names (`从 S4 到 {} 的消息`) reads `从 S4 到客户端的消息`.
pub fn without_spaces_between_chinese(text: &str) -> String {
    let chinese = |c: Option<char>| {
        c.is_some_and(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
    };
    let mut told = String::with_capacity(text.len());
    let (mut chars, mut before) = (text.chars().peekable(), None);
    while let Some(c) = chars.next() {
        if !(c == ' ' && chinese(before) && chinese(chars.peek().copied())) {
            told.push(c);
        }
        before = Some(c);
    }
    told
}

/// `text` between a first-strong isolate and a pop-directional isolate: within a sentence it
/// keeps its own direction and cannot move the words around it.
pub fn bidi_isolated(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leaders_no_op_is_named_in_the_pages_language_wherever_entries_are_listed() {
        let entries = crate::view::FieldValue::Entries(vec![(1, None), (1, Some("x=1".into()))]);
        assert_eq!(Lang::En.field_value(&entries), "1:no-op, 1:x=1");
        assert_eq!(Lang::Zh.field_value(&entries), "1:空操作, 1:x=1");
        assert_eq!(Lang::Zh.seconds(57_500), "57.5 秒");
        assert_eq!(Lang::En.seconds(57_000), "57 s");
    }

    #[test]
    fn chinese_sentences_have_no_space_between_two_chinese_characters() {
        assert_eq!(without_spaces_between_chinese("从 S4 到 客户端 的消息 #114"), "从 S4 到客户端的消息 #114");
        let dropped = StoryEvent::Dropped { id: 7, from: 2, to: raft_sim::CLIENT };
        assert_eq!(Lang::Zh.tell(&dropped), "从 S2 到客户端的消息 #7 被丢弃。");
        let partitioned = StoryEvent::Partitioned { groups: vec![vec![4, 5]] };
        assert_eq!(Lang::Zh.tell(&partitioned), "网络发生分区：S4、S5 与其余服务器隔开。");
        assert_eq!(Lang::En.tell(&partitioned), "The network was partitioned: S4, S5 apart from the rest.");
    }

    #[test]
    fn right_to_left_commands_are_isolated_in_sentences() {
        let event = StoryEvent::ClientWrite { op: 1, node: 2, client: 1, command: "x=שלום".into() };
        assert_eq!(Lang::En.tell(&event), "Client C1 sent the write \u{2068}x=שלום\u{2069} to S2.");
        let plain = StoryEvent::ClientWrite { op: 1, node: 2, client: 2, command: "x=3".into() };
        assert_eq!(Lang::En.tell(&plain), "Client C2 sent the write x=3 to S2.");
        assert_eq!(Lang::Zh.tell(&plain), "客户端 C2 向 S2 发送写请求 x=3。");
    }

    #[test]
    fn the_browser_language_picks_chinese_for_every_zh_tag() {
        for tag in ["zh", "zh-CN", "zh-TW", "ZH-hans"] {
            assert_eq!(Lang::from_tag(tag), Lang::Zh, "{tag}");
        }
        for tag in ["en-US", "fr", ""] {
            assert_eq!(Lang::from_tag(tag), Lang::En, "{tag}");
        }
        assert_eq!(Lang::from_tag(Lang::Zh.code()), Lang::Zh);
    }

    #[test]
    fn every_badge_says_what_its_property_means_in_both_languages_with_its_section() {
        let badges = Property::ALL.map(Some).into_iter().chain([None]);
        for property in badges {
            let (en, zh) = (Lang::En.property_meaning(property), Lang::Zh.property_meaning(property));
            assert!(en.contains('§') && zh.contains('§'), "{property:?}");
            let section = |text: &str| -> String {
                text.split('§').nth(1).unwrap().chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect()
            };
            assert_eq!(section(en).trim_end_matches('.'), section(zh), "{property:?}");
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
        }
    }

    #[test]
    fn a_leader_deposed_by_a_removed_server_is_told_why_in_both_languages() {
        let event = StoryEvent::DeposedByOutsider { leader: 4, by: 5, term: 7 };
        assert!(Lang::En.tell(&event).starts_with("S5, outside leader S4's configuration, asked for votes in term 7"));
        assert!(Lang::Zh.tell(&event).starts_with("S5 不在领导者 S4 的配置中"));
        // CheckQuorum keeps its name, as the settings, lessons and presets call it.
        assert!(Lang::Zh.tell(&event).contains("这里随 CheckQuorum 开启"));
    }

    #[test]
    fn a_second_vote_under_the_broken_rule_is_told_as_a_second_vote_not_a_vote_taken_back() {
        // The first candidate still counts the first vote: nothing in Raft takes a vote back.
        let event = StoryEvent::VoteGranted { node: 2, candidate: 3, term: 1, replaced: Some(1), log_behind: false };
        let (en, zh) = (Lang::En.tell(&event), Lang::Zh.tell(&event));
        assert!(en.contains("voted a second time in term 1") && en.contains("still counts for S1"), "{en}");
        assert!(!en.contains("taking back") && !zh.contains("收回"), "{en} {zh}");
        assert!(zh.contains("仍算在 S1 名下"), "{zh}");
        // A candidate voting again gives up none of its own vote, and is told so.
        let event = StoryEvent::VoteGranted { node: 1, candidate: 3, term: 1, replaced: Some(1), log_behind: false };
        let (en, zh) = (Lang::En.tell(&event), Lang::Zh.tell(&event));
        assert!(
            en.starts_with("S1, a candidate that had voted for itself in term 1, voted a second time, for S3"),
            "{en}"
        );
        assert!(zh.starts_with("S1 作为候选人已在第 1 任期投给自己，又按被打破的规则投给了 S3"), "{zh}");
    }

    #[test]
    fn a_leader_timed_out_with_pre_vote_is_told_as_asking_not_running() {
        let asked = StoryEvent::LeaderTimedOut { node: 2, term: 3, pre_vote: true };
        let ran = StoryEvent::LeaderTimedOut { node: 2, term: 3, pre_vote: false };
        assert!(Lang::En.tell(&asked).contains("first asks whether it could win term 3, without raising its own"));
        assert!(!Lang::En.tell(&asked).contains("runs for term 3"));
        assert!(Lang::En.tell(&ran).contains("runs for term 3"));
        assert!(Lang::Zh.tell(&asked).contains("它先询问能否赢得第 3 任期"));
        assert!(!Lang::Zh.tell(&ran).contains("预投票"));
    }

    #[test]
    fn a_refused_pre_vote_is_told_with_its_reason_in_both_languages() {
        let refused = |reason| StoryEvent::PreVoteRefused { node: 3, candidate: 2, term: 4, reason };
        let leader = refused(PreVoteRefusal::LeaderAlive { leader: 5 });
        assert_eq!(
            Lang::En.tell(&leader),
            "S3 refused S2 a pre-vote for term 4: it heard from leader S5 less than the shortest election timeout \
             ago, so it wants no election (thesis §9.6). No term changes."
        );
        assert!(Lang::En.tell(&refused(PreVoteRefusal::LeaderAlive { leader: 3 })).contains("it is the leader itself"));
        assert!(Lang::Zh.tell(&leader).contains("它在最短选举超时内收到过领导者 S5 的消息"));
        let stale = refused(PreVoteRefusal::TermNotLater { own_term: 4 });
        assert!(Lang::En.tell(&stale).contains("a pre-vote for term 4: that term is not later than its own term 4"));
        assert!(Lang::Zh.tell(&stale).contains("第 4 任期的预投票：这个任期不比它自己的第 4 任期新"));
        for reason in [
            PreVoteRefusal::LeaderAlive { leader: 5 },
            PreVoteRefusal::TermNotLater { own_term: 4 },
            PreVoteRefusal::LogBehind,
        ] {
            assert!(Lang::En.tell(&refused(reason)).ends_with("No term changes."));
            assert!(Lang::Zh.tell(&refused(reason)).ends_with("任期都不变。"));
        }
        let behind = refused(PreVoteRefusal::LogBehind);
        assert!(Lang::En.tell(&behind).contains("S2's log is less up-to-date than its own"));
        assert!(Lang::Zh.tell(&behind).contains("S2 的日志不如它的新"));
    }

    #[test]
    fn a_request_ignored_under_check_quorum_is_told_with_why() {
        let ignored =
            |pre_vote, leader| StoryEvent::VoteRequestIgnored { node: 3, candidate: 2, term: 4, pre_vote, leader };
        assert_eq!(
            Lang::En.tell(&ignored(false, Some(5))),
            "S3 ignored S2's RequestVote for term 4: it heard from leader S5 within the shortest election timeout, \
             so it neither raises its term nor votes (thesis §4.2.3's guard, on with CheckQuorum)."
        );
        assert!(Lang::En
            .tell(&ignored(true, Some(3)))
            .starts_with("S3 ignored S2's RequestPreVote for term 4: it leads"));
        assert!(Lang::En.tell(&ignored(false, None)).contains("may still be part of a leader's lease"));
        assert!(Lang::Zh.tell(&ignored(false, Some(5))).contains("它在最短选举超时内收到过领导者 S5 的消息"));
        assert!(Lang::Zh.tell(&ignored(false, None)).contains("它重启还不到最短选举超时"));
    }

    #[test]
    fn a_hand_over_is_told_with_its_redirect_and_its_timeout_now() {
        let change = StoryEvent::ClientRedirected {
            op: 4,
            from: 1,
            to: 5,
            command: "add_server 8".into(),
            change: Some(raft_sim::MembershipChange::Add(8)),
        };
        assert_eq!(
            Lang::En.tell(&change),
            "S1 did not take the client's change \"add S8\" and named S5 as the leader to try: the client sends it there (§8)."
        );
        assert!(Lang::Zh.tell(&change).starts_with("S1 没有接受客户端的变更“添加 S8”，"));
        let redirected = StoryEvent::ClientRedirected { op: 3, from: 4, to: 2, command: "z=3".into(), change: None };
        assert_eq!(
            Lang::En.tell(&redirected),
            "S4 did not take the client's z=3 and named S2 as the leader to try: the client sends it there (§8)."
        );
        assert_eq!(
            Lang::Zh.tell(&redirected),
            "S4 没有接受客户端的 z=3，并指明 S2 是该找的领导者：客户端把它发给 S2（§8）。"
        );
        let sent = StoryEvent::TimeoutNowSent { leader: 4, to: 2 };
        assert!(Lang::En.tell(&sent).starts_with("S2's log matches leader S4's: S4 sends it TimeoutNow"));
        assert!(Lang::Zh.tell(&sent).starts_with("S2 的日志已与领导者 S4 一致：S4 向它发送 TimeoutNow"));
    }

    #[test]
    fn a_refused_change_is_told_with_its_reason() {
        let event = StoryEvent::ChangeDone {
            op: 3,
            change: raft_sim::MembershipChange::Add(8),
            result: OpResult::Refused,
            refusal: Some(raft_sim::ChangeRefusal::InProgress),
        };
        assert_eq!(
            Lang::En.tell(&event),
            "The leader refused to add S8: another membership change is not finished yet."
        );
        assert_eq!(Lang::Zh.tell(&event), "领导者拒绝了变更“添加 S8”：上一次成员变更还没有完成。");
    }

    #[test]
    fn narration_reads_as_one_sentence_in_each_language() {
        let event = StoryEvent::ElectionStarted { node: 3, term: 5 };
        assert_eq!(Lang::En.tell(&event), "S3's election timer fired; it starts an election for term 5.");
        assert_eq!(Lang::Zh.tell(&event), "S3 的选举计时器超时，开始第 5 任期的选举。");
        assert_eq!(Lang::Zh.node_label(3, RoleKind::Leader, true, 2), "S3，领导者，任期 2");
        assert_eq!(Lang::En.node_label(3, RoleKind::Leader, false, 2), "S3, crashed, term 2");
    }

    #[test]
    fn a_message_field_keeps_the_paper_name_and_in_chinese_says_what_it_is() {
        for name in ["term", "candidateId", "lastLogIndex", "lastLogTerm", "voteGranted", "leaderId", "prevLogIndex"]
            .into_iter()
            .chain(["prevLogTerm", "entries", "leaderCommit", "success", "matchIndex", "conflictTerm"])
            .chain(["conflictIndex", "lastIncludedIndex", "lastIncludedTerm", "data"])
        {
            assert_eq!(Lang::En.field_name(name), name);
            let zh = Lang::Zh.field_name(name);
            assert!(zh.starts_with(&format!("{name}（")) && zh.ends_with('）'), "{name}: {zh}");
        }
    }

    #[test]
    fn the_log_rules_are_told_in_both_languages() {
        let deferred = StoryEvent::CommitDeferred { leader: 1, index: 2, term: 2, leader_term: 4 };
        assert_eq!(
            Lang::En.tell(&deferred),
            "S1 has entry 2 on a majority but does not commit it: it is from term 2, not S1's term 4 (§5.4.2)."
        );
        assert_eq!(
            Lang::Zh.tell(&deferred),
            "S1 已把索引 2 的条目复制到多数派，但不提交它：它来自第 2 任期，而不是 S1 的第 4 任期（§5.4.2）。"
        );
        let counted = StoryEvent::CommittedByCounting { leader: 1, index: 2, term: 2, leader_term: 4 };
        assert!(Lang::En.tell(&counted).starts_with("S1 committed entry 2, of term 2, by counting its copies"));
        assert!(Lang::Zh.tell(&counted).starts_with("S1 靠数副本提交了第 2 任期的条目 2"));
        let one = StoryEvent::Truncated { node: 3, by: Some(5), removed: (2, 2) };
        assert_eq!(
            Lang::En.tell(&one),
            "S3 deleted entry 2 that conflicted with leader S5's log and took the leader's entries instead (§5.3)."
        );
        let many = StoryEvent::Truncated { node: 3, by: Some(5), removed: (2, 4) };
        assert_eq!(
            Lang::Zh.tell(&many),
            "S3 删除了索引 2–4 上与领导者 S5 的日志冲突的条目，由领导者的条目取而代之（§5.3）。"
        );
        assert!(Lang::En.tell(&many).starts_with("S3 deleted entries 2–4 that conflicted"));
        let refused = |own_term| StoryEvent::AppendEntriesRefused {
            follower: 3,
            leader: 1,
            index: 4,
            term: 2,
            own_term,
            equal_commit: false,
        };
        assert_eq!(
            Lang::En.tell(&refused(Some(1))),
            "S3 refused leader S1's AppendEntries: its entry at index 4 (prevLogIndex, just before any entries \
             it carries) is of term 1, the leader's of term 2 (the consistency check, §5.3)."
        );
        assert!(Lang::En.tell(&refused(None)).contains("its log has no entry at index 4"));
        assert!(Lang::Zh.tell(&refused(None)).contains("没有条目，而领导者在那里的条目属于任期 2"));
        assert!(Lang::Zh.tell(&refused(Some(1))).contains("的条目属于任期 1，领导者的属于任期 2"));
    }

    #[test]
    fn both_languages_fill_every_string() {
        for lang in [Lang::En, Lang::Zh] {
            let t = lang.texts();
            let all = [t.title, t.play, t.pause, t.time_out, t.crash, t.restart, t.write, t.narration, t.logs];
            assert!(all.iter().all(|s| !s.is_empty()));
            assert!(!t.legend_items.follower.is_empty() && !t.categories.client.is_empty());
        }
        assert_ne!(Lang::En.texts().play, Lang::Zh.texts().play);
    }
}
