//! The page's state and everything that changes it, as one reducer (`use_reducer`).
//!
//! The run lives in a [`History`] shared behind `Rc<RefCell<…>>`, so that an action mutates it
//! in place instead of cloning a whole cluster per frame; every action that changes something
//! returns a new `Rc<Playground>`, which is what tells Yew to re-render.

use std::cell::RefCell;
use std::rc::Rc;

use raft_sim::{History, Millis, NodeId, Scenario};
use yew::Reducible;

use crate::i18n::Lang;
use crate::view::{ClusterView, LogsView, MessageDetails, NodeDetails};

/// How many log indexes the log table shows, the latest ones.
pub const LOG_WINDOW: u64 = 24;

/// The seed of the cluster the page opens with, so every visitor first sees the same run.
pub const DEFAULT_SEED: u64 = 1;

/// What the settings form sets: the seed of every random choice, and the options.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterSettings {
    /// The seed.
    pub seed: u64,
    /// Timing, network and Raft options.
    pub options: raft_sim::ScenarioOptions,
}

/// Slowest playback speed, simulated time per real time.
pub const MIN_SPEED: f64 = 0.01;
/// Fastest playback speed.
pub const MAX_SPEED: f64 = 100.0;

/// The speed the page opens with: a 150–300 ms election timeout takes 1.5–3 s to run down.
pub const DEFAULT_SPEED: f64 = 0.1;

/// The most real time one frame may advance, so a tab returning from the background does not
/// jump ahead by minutes.
const MAX_FRAME_MS: f64 = 100.0;

/// How many refusals of the embedding page's commands are kept until told (see
/// `Playground::host_refusals`): more than a host posts before one redraw.
pub const HOST_REFUSALS_KEPT: usize = 256;

/// Which way to jump along the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Towards time 0.
    Back,
    /// Towards the end of the timeline.
    Forward,
}

/// Why the last action did nothing, shown to the user in their language.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The simulator refused the action.
    Refused(raft_sim::ActionError),
    /// There is no leader change in the direction asked.
    NoLeaderChange,
    /// Step ⟩ at the end of an explored run: nothing comes next until an event is chosen.
    NothingNext,
    /// No preset has this id.
    UnknownPreset(String),
    /// A preset's files could not be fetched (the network, or a page served without them).
    PresetUnavailable(String),
    /// A scenario could not be loaded.
    BadScenario(raft_sim::ScenarioError),
    /// The settings form could not be applied.
    BadSettings(crate::i18n_errors::SettingsError),
    /// The chosen file could not be read.
    FileUnreadable,
    /// The imported scenario file was refused: the run is kept.
    BadFile(raft_sim::ScenarioError),
    /// The page's link could not be opened: the default cluster is shown instead.
    BadLink(raft_sim::LinkError),
    /// The page's link holds a run, but its moment (`t=`) could not be read or reached: the
    /// run is shown from time 0.
    BadLinkMoment(raft_sim::LinkError),
    /// A link pasted into an open page could not be opened: the run is kept.
    BadPastedLink(raft_sim::LinkError),
    /// An action aimed at the leader, when no server leads.
    NoLeader,
    /// Restarting the crashed servers was asked, but none is down.
    NoneDown,
    /// Reaching a moment would take more than the replay budget: the moment shown is kept.
    TooBusy(raft_sim::TooBusy),
    /// A scenario file larger than the playground reads, in bytes.
    FileTooLarge(u64),
    /// A lesson's file could not be fetched or read (or no lesson has this id).
    LessonUnavailable(String),
    /// The embedding page asked for a lesson's step, but no lesson is open.
    NoLesson,
    /// A step past the open lesson's last was asked for (by a link, or the embedding page).
    NoSuchStep {
        /// The step asked for, counting from 1 (as large as a host may post).
        asked: u64,
        /// How many steps the lesson has.
        steps: usize,
        /// The lesson's last step is shown instead (a link); else the page is unchanged.
        last_shown: bool,
    },
    /// A command the embedding page posted could not be read: why, as the command reader
    /// says it (the protocol's field names and values, in English for the host's developer).
    BadHostCommand(String),
    /// A link's `step=` is not a number from 1 (written here as it was): the lesson opened
    /// where the learner left off.
    BadStep {
        /// The `step=` value as written.
        typed: String,
        /// How many steps the lesson has.
        steps: usize,
    },
    /// Acting in the past discarded the rest of the run: this much simulated time and this
    /// many later actions. Undo brings them back until the next action.
    Forked {
        /// Simulated ms of the run that came after the moment acted on.
        discarded_ms: Millis,
        /// Actions of the run (the user's or the scenario's) after that moment.
        discarded_actions: usize,
    },
}

impl Notice {
    /// The notice in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        // A lead ending in a colon, then what it introduces: Chinese puts no space after "：".
        let joined = |lead: &str, rest: String| match lang {
            Lang::En => format!("{lead} {rest}"),
            Lang::Zh => format!("{lead}{rest}"),
        };
        // An id from a link, in the language's quotation marks.
        let quoted = |id: &str| match lang {
            Lang::En => playground_support::quoted(id),
            Lang::Zh => format!("“{id}”"),
        };
        match self {
            Notice::Refused(error) => lang.action_error(error),
            Notice::NoLeaderChange => lang.texts().no_leader_change.to_owned(),
            Notice::NothingNext => lang.explore_texts().nothing_next.to_owned(),
            Notice::NoneDown => lang.texts().none_down.to_owned(),
            Notice::UnknownPreset(id) => match lang {
                Lang::En => format!("There is no preset called {}", quoted(id)),
                Lang::Zh => format!("没有名为{}的预设场景", quoted(id)),
            },
            Notice::PresetUnavailable(id) => joined(lang.texts().preset_unavailable, quoted(id)),
            Notice::BadScenario(error) => lang.scenario_error(error),
            Notice::BadSettings(error) => lang.settings_error(error),
            Notice::FileUnreadable => lang.file_unreadable().to_owned(),
            Notice::BadFile(error) => joined(lang.share_texts().bad_file, lang.scenario_error(error)),
            Notice::BadLink(error) => joined(lang.share_texts().bad_link, lang.link_error(error)),
            Notice::BadLinkMoment(error) => joined(lang.share_texts().bad_link_moment, lang.link_error(error)),
            Notice::BadPastedLink(error) => joined(lang.share_texts().bad_pasted_link, lang.link_error(error)),
            Notice::NoLeader => lang.share_texts().no_leader.to_owned(),
            Notice::LessonUnavailable(id) if crate::lessons::LESSONS.iter().all(|lesson| lesson.id != id) => {
                let (before, after) = lang.lesson_texts().no_such_lesson;
                let ids: Vec<&str> = crate::lessons::LESSONS.iter().map(|lesson| lesson.id).collect();
                let (between, end) = match lang {
                    Lang::En => (", ", "."),
                    Lang::Zh => ("、", "。"),
                };
                format!("{before}{}{after}{}{end}", quoted(id), ids.join(between))
            }
            Notice::LessonUnavailable(id) => format!("{}{}", lang.lesson_texts().unavailable, quoted(id)),
            Notice::NoLesson => lang.lesson_texts().none_open.to_owned(),
            Notice::NoSuchStep { asked, steps, last_shown } => lang.no_such_step(*asked, *steps, *last_shown),
            Notice::BadStep { typed, steps } => lang.bad_step(typed, *steps),
            Notice::Forked { discarded_ms, discarded_actions } => lang.forked(*discarded_ms, *discarded_actions),
            Notice::TooBusy(busy) => lang.too_busy(busy),
            Notice::FileTooLarge(bytes) => lang.file_too_large(*bytes),
            Notice::BadHostCommand(why) => why.clone(),
        }
    }
}

/// `fragment` with its moment at 0: every `t=` part dropped, `t=0` added.
fn at_time_0(fragment: &str) -> String {
    let kept: Vec<&str> = fragment.split('&').filter(|pair| pair.split('=').next() != Some("t")).collect();
    format!("{}&t=0", kept.join("&"))
}

/// A presenter's one-key actions, each aimed at whatever server it concerns now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresenterKey {
    /// W: the client sends the next suggested write to the leader (to the first server up
    /// when none leads: it redirects).
    WriteToLeader,
    /// C: crash the leader.
    CrashLeader,
    /// R: restart every crashed server.
    RestartCrashed,
    /// T: client C1 starts writing on its own every 0.5 s, or stops (traffic).
    ToggleTraffic,
}

/// The pace T gives client C1's steady writes.
pub const TRAFFIC_MS: Millis = 500;

/// What a person (or the animation loop) can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Play if paused, pause if playing.
    TogglePlay,
    /// `elapsed_ms` of real time passed since the previous frame.
    Frame {
        /// Real milliseconds.
        elapsed_ms: f64,
    },
    /// Set the playback speed (clamped to [`MIN_SPEED`]..=[`MAX_SPEED`]).
    SetSpeed(f64),
    /// Open the menu of a node.
    OpenMenu(NodeId),
    /// Open (or close) the client's write form.
    ToggleClientMenu,
    /// Bring back the run that acting in the past discarded.
    Undo,
    /// Close the node menu.
    CloseMenu,
    /// Carry out a simulator action now (time out, crash, restart, write, …). In the past,
    /// this forks the history.
    Apply(raft_sim::Action),
    /// Carry out an action chosen in the open node menu or client form: refused, it is
    /// explained inside that menu, which stays open with what the user typed.
    MenuApply(raft_sim::Action),
    /// Start exploring (pause, and schedule by hand from now on: a fork, like any action in
    /// the past), or stop (events run at their times again).
    ToggleExplore,
    /// Carry out an event chosen in the Explore panel, one millisecond after now, so that
    /// stepping back undoes one event at a time.
    Explore(raft_sim::Action),
    /// Carry out the events of a counterexample found from now, one millisecond apart: the
    /// run stops where the property it breaks turns red.
    LoadFound(Vec<raft_sim::Action>),
    /// Go to this moment of the timeline.
    Seek(Millis),
    /// Go to the next (or previous) event, and pause.
    Step(Direction),
    /// Go to the next (or previous) moment a leader was elected, and pause.
    JumpToElection(Direction),
    /// Cut a server off from every other server (a partition of its own).
    Isolate(NodeId),
    /// Put an isolated server back with the others.
    Reconnect(NodeId),
    /// One of a presenter's keys: W, C, R or T.
    Presenter(PresenterKey),
    /// Move a server (the first) into the partition group of another (the second).
    JoinSide(NodeId, NodeId),
    /// End every partition and mend every cut link.
    HealNetwork,
    /// Start a fresh cluster of this many servers.
    Resize(u32),
    /// Load a preset, its files fetched, paused at time 0.
    LoadPreset(crate::presets::PresetFiles),
    /// The files of the preset with this id could not be fetched.
    PresetUnavailable(String),
    /// Load a scenario file's text (or report why the file could not be read), paused at 0.
    ImportScenario(Result<String, ()>),
    /// A scenario file too large to read was chosen: its size in bytes.
    RefuseFile(u64),
    /// Start a fresh cluster with these options (or report why the form could not be read).
    ApplySettings(Result<ClusterSettings, crate::i18n_errors::SettingsError>),
    /// Replay the run so far (its seed's place taken by the form's, its actions kept) from time
    /// 0 with the settings form's options: the same story under other rules, shown at the
    /// moment the run was (an explored one still exploring).
    ReplaySettings(Result<ClusterSettings, crate::i18n_errors::SettingsError>),
    /// From the moment shown, give the network the settings form's latency and loss, as
    /// actions of the run (`latency`, `loss`); the form's other values must be the run's.
    NetworkSettings(Result<ClusterSettings, crate::i18n_errors::SettingsError>),
    /// Start a fresh cluster of the same size and options with this seed (the New cluster
    /// button draws it from the browser's crypto; the reducer itself never draws one).
    NewCluster(u64),
    /// Show or hide the keyboard shortcuts.
    ToggleShortcuts,
    /// Scroll the log table: `None` follows the latest entries, `Some(first)` shows the
    /// window starting at index `first`.
    ScrollLogs(Option<u64>),
    /// Show a message's fields.
    SelectMessage(u64),
    /// Hide the message panel.
    CloseMessage,
    /// Close the notice (and the Undo it may offer); every other action closes it too.
    DismissNotice,
    /// Play (`true`) or pause.
    SetPlaying(bool),
    /// Open a share link (a URL or its fragment), paused at its moment; a bad link leaves a
    /// notice and the cluster as it was.
    OpenLink(String),
    /// Give the scenario a title and description (empty removes them).
    SetInfo {
        /// The title.
        title: String,
        /// The description.
        description: String,
    },
    /// Open a lesson (fetched by the page: see `lesson_fetch.rs`), at a step or where the
    /// learner left off.
    OpenLesson(crate::lessons::LessonLink),
    /// A lesson's file as fetched (`None`: it could not be), with the progress this browser
    /// remembers of it, in answer to the ask `link`.
    LessonLoaded {
        /// The lesson and step asked for.
        link: crate::lessons::LessonLink,
        /// The file's text.
        file: Option<String>,
        /// What this browser remembers of the lesson.
        progress: crate::lessons::LessonProgress,
    },
    /// Show this step of the open lesson (counting from 0), jumping to its moment; on a run
    /// that is not the step's (after acting), the step's run is loaded again.
    LessonGoto(usize),
    /// The open lesson's next step, played to at a readable speed.
    LessonNext,
    /// The open lesson's previous step.
    LessonBack,
    /// Pick a choice (by index) of the step's question.
    LessonAnswer(usize),
    /// Close the lesson (the run stays as it is).
    CloseLesson,
    /// The embedding page asked for this step (counting from 0) of the open lesson.
    HostGotoStep(u64),
    /// The embedding page posted a command that could not be read: refused in its turn,
    /// after the commands posted before it (and nothing else changes).
    RefuseHostCommand(String),
    /// An action asked for by the page embedding this one; with `on_leader`, aimed at the
    /// current leader.
    HostAct {
        /// The action.
        action: raft_sim::Action,
        /// Whether to aim it at whoever leads now.
        on_leader: bool,
    },
}

/// The preset a run started from: its id, and its description in 中文 as fetched with it.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownPreset {
    /// The preset's id.
    pub id: &'static str,
    /// Its description in 中文.
    pub description_zh: Rc<str>,
    /// The preset's own seed and options: a run replayed with others is not the one its
    /// words tell.
    pub settings: Rc<ClusterSettings>,
    /// Whether the run was replayed with another seed or other options than the preset's.
    pub replayed: bool,
    /// The preset's own actions: a run replayed with them and the preset's settings is the
    /// preset's own again, whatever replays came before.
    pub actions: Rc<Vec<raft_sim::TimedAction>>,
}

/// The playground: a run with its history, and how the page is showing it.
#[derive(Clone, Debug)]
pub struct Playground {
    history: Rc<RefCell<History>>,
    /// Whether simulated time advances with real time.
    pub playing: bool,
    /// Simulated time per real time.
    pub speed: f64,
    /// Simulated time past `now` not yet run, always under one millisecond: drawn, so slow
    /// speeds stay smooth, but not simulated until it adds up to a whole millisecond.
    carry_ms: f64,
    /// The node whose menu is open.
    pub menu: Option<NodeId>,
    /// Whether the client's write form is open.
    pub client_menu: bool,
    /// Why the last action from an open menu was refused, shown in that menu (which stays
    /// open, with what the user typed).
    pub menu_error: Option<Notice>,
    /// The refused action was a read: its reason goes under the read field.
    pub menu_error_on_read: bool,
    /// The run as it was before acting in the past discarded its future (and whether it had
    /// departed from its preset), while Undo is offered.
    undo: Option<(Rc<RefCell<History>>, bool)>,
    /// The run as it was before Explore turned on (and whether it had departed from its
    /// preset): turned off again with nothing chosen, Explore gives it back, future and all.
    before_explore: Option<(Rc<RefCell<History>>, bool)>,
    /// Whether the run has departed from its preset (an action was taken).
    pub departed: bool,
    /// Counts the runs this page has shown: a preset, a link, an import or new settings start
    /// a new one (what an embed's host has heard of the old one says nothing of the new).
    pub run: u64,
    /// Why the last action did nothing, if it did nothing.
    pub notice: Option<Notice>,
    /// The message whose fields are shown.
    pub selected_message: Option<u64>,
    /// Whether the keyboard shortcuts overlay is open.
    pub shortcuts_open: bool,
    /// The log table's first index, or `None` to follow the latest entries.
    pub log_first: Option<u64>,
    /// The preset the run started from, if any, with its description in 中文.
    pub preset: Option<ShownPreset>,
    /// Counts every change other than time passing, so the share link is rebuilt only when
    /// the scenario (or the moment) changed; also the host's malformed commands, which change
    /// nothing but tag their refusals (see `host_refusals`).
    pub revision: u64,
    /// The latest refusals of what the embedding page asked for (or of the link it opened
    /// with), oldest first, each with the revision it happened at: each is told back to that
    /// page once, even when several happen before the page is redrawn (commands posted while
    /// it loaded). At most [`HOST_REFUSALS_KEPT`].
    pub host_refusals: Vec<(u64, Notice)>,
    /// The lesson open, if any.
    pub tour: Option<lesson::Tour>,
    /// Which of the open lesson's runs the history is, if it is one of them (see
    /// `state_lesson.rs`): kept while no action is taken (`departed`).
    lesson_run: Option<usize>,
    /// A lesson asked for and being fetched.
    pub pending_lesson: Option<crate::lessons::LessonLink>,
    /// The steps (from 0) the embedding page asked for while that lesson was fetched, in
    /// order: each is shown or refused in its turn once the lesson opens (or fails to, or is
    /// given up for another lesson or run).
    host_steps: Vec<u64>,
    /// Where playing stops by itself (a lesson's step's moment, played to by Next), and the
    /// speed to go back to there.
    stop_at: Option<(Millis, f64)>,
    /// What the last step, or the last action while paused, changed: drawn until time moves
    /// on otherwise (see [`changes_tracked`]).
    changes: Rc<crate::view::Changes>,
}

/// Whether the drawing marks what `action` changes: a step forward, an event chosen while
/// exploring, or an action on the cluster. Playing, stepping back, seeking, jumping and
/// replacing the run forget the marks (after a step back they would tell what the undone event
/// did); the page's other actions (menus, panels, speed) keep them.
fn changes_tracked(action: &Action) -> bool {
    matches!(
        action,
        Action::Step(Direction::Forward)
            | Action::Explore(_)
            | Action::Apply(_)
            | Action::MenuApply(_)
            | Action::Presenter(_)
            | Action::NetworkSettings(_)
    )
}

/// Whether `action` moves the run elsewhere than a step does, so that the marks of the last
/// step no longer describe what is shown.
fn changes_forgotten(action: &Action) -> bool {
    matches!(
        action,
        Action::Frame { .. }
            | Action::Step(Direction::Back)
            | Action::Seek(_)
            | Action::JumpToElection(_)
            | Action::Undo
            | Action::Resize(_)
            | Action::OpenLink(_)
            | Action::LoadFound(_)
    )
}

pub use lesson::Tour;

impl Default for Playground {
    fn default() -> Self {
        // Panics with the error's text, not its Debug form (which would put Unicode tables in the page).
        Playground::new(Scenario::new(DEFAULT_SEED)).unwrap_or_else(|e| panic!("the default scenario is invalid: {e}"))
    }
}

impl Playground {
    /// A paused playground at time 0 of `scenario`.
    pub fn new(scenario: Scenario) -> Result<Self, raft_sim::ScenarioError> {
        Ok(Playground::showing(History::new(scenario)?))
    }

    /// A paused playground showing `history` at its current moment.
    fn showing(history: History) -> Self {
        Playground {
            history: Rc::new(RefCell::new(history)),
            playing: false,
            speed: DEFAULT_SPEED,
            carry_ms: 0.0,
            menu: None,
            client_menu: false,
            menu_error: None,
            menu_error_on_read: false,
            undo: None,
            before_explore: None,
            departed: false,
            run: 0,
            notice: None,
            selected_message: None,
            shortcuts_open: false,
            log_first: None,
            preset: None,
            revision: 0,
            host_refusals: Vec::new(),
            tour: None,
            lesson_run: None,
            pending_lesson: None,
            host_steps: Vec::new(),
            stop_at: None,
            changes: Rc::default(),
        }
    }

    /// The playground a share link describes, paused at the link's moment.
    pub fn from_link(link: &str) -> Result<Self, raft_sim::LinkError> {
        Ok(Playground::showing(raft_sim::OpenLink::open(&raft_sim::ShareLink::parse(link)?)?))
    }

    /// The page's first state: the scenario of the URL's fragment if it has one (from time 0
    /// if its moment is wrong, saying so), else the
    /// default cluster (with a notice naming the problem, if the link was bad).
    pub fn from_fragment(fragment: &str) -> Self {
        let fragment = fragment.trim_start_matches('#');
        if fragment.is_empty() {
            return Playground::default();
        }
        if let Some(link) = crate::lessons::LessonLink::parse(fragment) {
            return Playground { pending_lesson: Some(link), ..Playground::default() };
        }
        // An embed's host is told too, right after `ready`, as an `error` event.
        let (opened, notice) = match Playground::from_link_from_0_if_need_be(fragment) {
            Ok((opened, None)) => return opened,
            Ok((opened, Some(moment_error))) => (opened, Notice::BadLinkMoment(moment_error)),
            Err(error) => (Playground::default(), Notice::BadLink(error)),
        };
        Playground { notice: Some(notice.clone()), host_refusals: vec![(0, notice)], ..opened }
    }

    /// The playground a share link describes, at its moment; or, for a link whose run is whole
    /// but whose moment is not (no `t=`, not a number, past an hour, too busy to reach), at 0
    /// with why its moment could not be used: it is still the run its sharer meant.
    fn from_link_from_0_if_need_be(link: &str) -> Result<(Self, Option<raft_sim::LinkError>), raft_sim::LinkError> {
        let error = match Playground::from_link(link) {
            Ok(opened) => return Ok((opened, None)),
            Err(error) => error,
        };
        let moment_only = matches!(
            error,
            raft_sim::LinkError::BadTime(_)
                | raft_sim::LinkError::NoTime
                | raft_sim::LinkError::TimeTooLate(_)
                | raft_sim::LinkError::TooBusy { .. }
        );
        if !moment_only {
            return Err(error);
        }
        // The moment is read first: what else is wrong, if anything, is said instead.
        Ok((Playground::from_link(&at_time_0(link))?, Some(error)))
    }

    /// The share link's fragment (without `#`) for this run at this moment, or why this run
    /// cannot be a link; with a preset's title and description in `lang`, as the page shows them.
    pub fn share_fragment(&self, lang: Lang) -> Result<String, raft_sim::LinkError> {
        if let Some(tour) = self.at_lesson_step() {
            return Ok(tour.fragment());
        }
        let history = self.history.borrow();
        // Never offer a link that the page could not open within its replay budget.
        if let Some(busy) = history.replay_refusal() {
            return Err(busy.into());
        }
        let mut scenario = history.scenario();
        if lang == Lang::Zh && self.preset.is_some() {
            // A preset's title and description as the sharer reads them: in 中文.
            (scenario.title, scenario.description) = self.scenario_info(lang);
        }
        // Whoever opens it reads first, before the preset's words, that they tell the preset's
        // own run (at their end, the line would be out of view in the description's box).
        if let (Some((_, note)), Some(description)) = (self.preset_notes(lang), scenario.description.as_mut()) {
            *description = format!("{note}\n\n{description}");
        }
        raft_sim::ShareLink { scenario, time_ms: history.now() }.fragment()
    }

    /// The trace hash of the run up to now, as `raftsim run` prints it.
    pub fn trace_hash(&self) -> String {
        raft_sim::format_hash(self.history.borrow().sim().trace().hash())
    }

    /// The current leader, if one server leads.
    pub fn leader(&self) -> Option<NodeId> {
        self.history.borrow().sim().leader()
    }

    /// The title and description the page shows in `lang` (see [`Playground::scenario_info`]),
    /// empty when there are none: what the share panel's fields start with.
    pub fn shown_info(&self, lang: Lang) -> (String, String) {
        let (title, description) = self.scenario_info(lang);
        (title.unwrap_or_default(), description.unwrap_or_default())
    }

    /// The simulator's clock.
    pub fn time_ms(&self) -> Millis {
        self.history.borrow().now()
    }

    /// The end of the timeline: the latest moment simulated so far.
    pub fn horizon_ms(&self) -> Millis {
        self.history.borrow().horizon()
    }

    /// What to draw now.
    pub fn view(&self) -> ClusterView {
        let history = self.history.borrow();
        let mut view = ClusterView::of(history.sim(), history.now() as f64 + self.carry_ms);
        if let Some(highlight) = self.lesson_highlight() {
            view.highlight = highlight.clone();
        }
        view.changed.clone_from(&self.changes.nodes);
        view
    }

    /// The log table's content: [`LOG_WINDOW`] indexes of every log, the latest unless the
    /// table was scrolled back.
    pub fn logs(&self) -> LogsView {
        let mut logs = LogsView::of(self.history.borrow().sim(), self.log_first, LOG_WINDOW);
        logs.highlight = self.lesson_highlight().map(|h| h.entries.clone()).unwrap_or_default();
        logs.changed.clone_from(&self.changes.entries);
        logs
    }

    /// The node menu's details of node `id`.
    pub fn details(&self, id: NodeId) -> Option<NodeDetails> {
        NodeDetails::of(self.history.borrow().sim(), id)
    }

    /// The message panel's content, if the selected message is still in flight.
    pub fn message_details(&self) -> Option<MessageDetails> {
        MessageDetails::of(self.history.borrow().sim(), self.selected_message?)
    }

    /// The story so far, oldest first.
    pub fn story(&self) -> Vec<(Millis, raft_sim::StoryEvent)> {
        self.history.borrow().sim().story().events().cloned().collect()
    }

    /// Whether the run is a preset's, replayed with another seed or other options (its words
    /// tell the preset's own run).
    pub fn preset_replayed(&self) -> bool {
        self.preset.as_ref().is_some_and(|preset| preset.replayed)
    }

    /// Whether a person acted in a preset's run (crashed a server, sent a write, …) with its
    /// own settings: its words tell the preset's own run, which may go otherwise from then on.
    pub fn preset_acted(&self) -> bool {
        self.departed && self.preset.as_ref().is_some_and(|preset| !preset.replayed)
    }

    /// The line said under a preset's words once they no longer tell the run shown (replayed
    /// with other settings, or acted in), in `lang`.
    pub fn preset_note(&self, lang: Lang) -> Option<&'static str> {
        self.preset_notes(lang).map(|(shown, _)| shown)
    }

    /// That line as the page shows it, and as a shared link carries it before the preset's
    /// words.
    fn preset_notes(&self, lang: Lang) -> Option<(&'static str, &'static str)> {
        let t = lang.texts();
        if self.preset_replayed() {
            Some((t.preset_replayed, t.preset_replayed_link))
        } else if self.preset_acted() {
            Some((t.preset_acted, t.preset_acted_link))
        } else {
            None
        }
    }

    /// The scenario's title and description in `lang`, if it has them.
    pub fn scenario_info(&self, lang: Lang) -> (Option<String>, Option<String>) {
        if let (Lang::Zh, Some(preset)) = (lang, &self.preset) {
            if let Some(title) = crate::i18n_presets::preset_zh(preset.id) {
                return (Some(title.to_owned()), Some(preset.description_zh.to_string()));
            }
        }
        let history = self.history.borrow();
        let (title, description) = history.title_and_description();
        (title.map(str::to_owned), description.map(str::to_owned))
    }

    /// The run so far as a version-1 scenario file: every action kept, and `until_ms` at now.
    pub fn scenario_json(&self) -> String {
        let history = self.history.borrow();
        let scenario = raft_sim::Scenario { until_ms: Some(history.now()), ..history.scenario() };
        scenario.to_json_pretty()
    }

    /// The options of the current run at the moment shown: those it started with, the
    /// network's as `latency` and `loss` actions left it (what the settings form shows).
    pub fn options(&self) -> raft_sim::ScenarioOptions {
        self.history.borrow().sim().config().options.clone()
    }

    /// The rules the run breaks on purpose at the moment shown: the `unsafe` options' names,
    /// and `clocks_beyond_lease_bound` while clocks drift apart more than leases allow for.
    pub fn rules_off(&self) -> Vec<&'static str> {
        let history = self.history.borrow();
        let sim = history.sim();
        let mut off = sim.config().options.unsafe_rules.switched_on();
        if sim.clocks_beyond_lease_bound() {
            off.push("clocks_beyond_lease_bound");
        }
        off
    }

    /// The actions that give the network `settings`' latency and loss from the moment shown,
    /// one for each that differs from the network's now (what the form showed); refused when
    /// `settings` differ from the run's in anything else, or in nothing.
    fn network_settings_actions(
        &self,
        settings: ClusterSettings,
    ) -> Result<Vec<raft_sim::Action>, crate::i18n_errors::SettingsError> {
        let ClusterSettings { seed, options } = settings;
        let now = self.options();
        let others_as_now = raft_sim::ScenarioOptions { latency_ms: now.latency_ms, loss: now.loss, ..options.clone() };
        if seed != self.seed() || others_as_now != now {
            let field = if seed != self.seed() { Some("seed") } else { first_other_change(&options, &now) };
            return Err(crate::i18n_errors::SettingsError::NotNetwork { field });
        }
        options.validate(self.cluster_size()).map_err(crate::i18n_errors::SettingsError::Config)?;
        let mut actions = Vec::new();
        if options.latency_ms != now.latency_ms {
            actions.push(raft_sim::Action::Latency { range_ms: options.latency_ms });
        }
        if options.loss != now.loss {
            actions.push(raft_sim::Action::Loss { probability: options.loss });
        }
        if actions.is_empty() {
            return Err(crate::i18n_errors::SettingsError::NetworkUnchanged);
        }
        Ok(actions)
    }

    /// The seed of the current run.
    pub fn seed(&self) -> u64 {
        self.history.borrow().scenario_seed()
    }

    /// How many servers the cluster has.
    pub fn cluster_size(&self) -> u32 {
        self.history.borrow().sim().config().nodes
    }

    /// Safety violations found so far.
    pub fn violations(&self) -> Vec<raft_sim::Violation> {
        self.history.borrow().sim().violations().to_vec()
    }

    /// The clients' reads and writes so far, checked for linearizability.
    pub fn client_history(&self) -> crate::view::ClientHistoryView {
        crate::view::ClientHistoryView::of(self.history.borrow().sim())
    }

    /// What the clients' history depends on: the run's revision (a fork changes it), how many
    /// operations were invoked and how many have ended. The page checks the history again only
    /// when it changes, not at every frame.
    pub fn client_history_key(&self) -> (u64, usize, usize) {
        let history = self.history.borrow();
        let sim = history.sim();
        (self.revision, sim.client_op_count(), sim.client_ops_ended())
    }

    /// Whether events wait for the reader's choice (Explore is on).
    pub fn exploring(&self) -> bool {
        self.history.borrow().sim().is_manual()
    }

    /// The run up to now as a scenario file (compact JSON), and now: where a search for a
    /// counterexample starts.
    pub fn run_so_far(&self) -> (String, raft_sim::Millis) {
        let history = self.history.borrow();
        (history.scenario_so_far().to_json(), history.now())
    }

    /// The whole run, every action kept (not only those up to now), as a scenario file.
    pub fn whole_run(&self) -> String {
        self.history.borrow().scenario().to_json()
    }

    /// Every event that can happen next, for the Explore panel.
    pub fn explore_view(&self) -> crate::view::ExploreView {
        crate::view::ExploreView::of(self.history.borrow().sim())
    }

    /// Whether any partition or cut link is in place.
    pub fn network_faulty(&self) -> bool {
        let history = self.history.borrow();
        let links = &history.sim().network().links;
        links.is_partitioned() || links.cuts().next().is_some()
    }

    /// Carries out simulator actions in order, stopping at the first refused one, whose
    /// reason it returns. Done in the past, they fork the run: the notice says what was
    /// discarded and offers Undo.
    ///
    /// Paused at a moment an event was told at (the Step that showed a leader elected, say),
    /// the first takes a millisecond, as an explored event does: done at that same moment, it
    /// would hide what happened there, and stepping back would skip it. Not after an action
    /// done at that moment (crashing two servers one after the other shares a millisecond);
    /// while exploring, always. If it cannot be done a millisecond later (a message it
    /// concerns arrives then), it is done now.
    fn act(&mut self, actions: Vec<raft_sim::Action>) -> Result<(), Notice> {
        let event_told_now = {
            let history = self.history.borrow();
            let latest = history.sim().story().events().next_back().map(|(at, _)| *at);
            latest == Some(history.now()) && !history.acted_now()
        };
        // Turning Explore on or off changes no server: it keeps its moment.
        let scheduler = matches!(actions.first(), Some(raft_sim::Action::Scheduler { .. }));
        let moment_kept = (event_told_now || self.exploring()) && !self.playing;
        let mut gap = u64::from(moment_kept && !scheduler);
        self.change_run(|history| {
            actions.into_iter().try_for_each(|action| match std::mem::take(&mut gap) {
                0 => history.apply(action),
                gap => history.apply_after(gap, action.clone()).or_else(|_| history.apply(action)),
            })
        })
    }

    /// Whether the run is `before`'s with only Explore turned on since, at the same moment.
    fn nothing_explored_since(&self, before: &History) -> bool {
        let history = self.history.borrow();
        history.now() == before.now() && history.scenario().actions.len() == before.scenario_so_far().actions.len() + 1
    }

    /// Changes the run with `change`, which forks it when done in the past: the notice says
    /// what was discarded and offers Undo.
    fn change_run(
        &mut self,
        change: impl FnOnce(&mut History) -> Result<(), raft_sim::ActionError>,
    ) -> Result<(), Notice> {
        let (discarded_ms, discarded_actions) = self.history.borrow().future();
        let forking = discarded_ms > 0 || discarded_actions > 0;
        let before = forking.then(|| self.history.borrow().clone());
        change(&mut self.history.borrow_mut()).map_err(Notice::Refused)?;
        if let Some(before) = before {
            self.undo = Some((Rc::new(RefCell::new(before)), self.departed));
            self.notice = Some(Notice::Forked { discarded_ms, discarded_actions });
        }
        self.departed = true;
        Ok(())
    }

    /// Carries out a person's actions: done, they close the menus; refused, the reason goes
    /// into the open menu if they were chosen there, else into the page's notice.
    fn apply(&mut self, actions: Vec<raft_sim::Action>, from_menu: bool) {
        // The client form's pace buttons are toggles: the form stays open to show which is on.
        let pace = actions.iter().all(|action| matches!(action, raft_sim::Action::Workload { .. }));
        match self.act(actions) {
            Ok(()) => {
                self.menu = None;
                self.client_menu &= pace;
            }
            Err(refused) if from_menu => self.menu_error = Some(refused),
            Err(refused) => self.notice = Some(refused),
        }
    }

    /// A fresh run replacing this one, keeping the speed and the revision count (which must
    /// only grow, so the address bar follows every change of run).
    fn replaced_by(&self, fresh: Playground) -> Playground {
        // An open lesson stays open, off its run, offering to go back to it.
        let tour = self.tour.clone();
        // The embedding page's refusals not told yet are told still, and a lesson being
        // fetched is given up: the steps asked of it are refused.
        let host_refusals = self.host_refusals.clone();
        let mut next =
            Playground { speed: self.speed, revision: self.revision, run: self.run + 1, tour, host_refusals, ..fresh };
        next.host_steps.clone_from(&self.host_steps);
        next.drop_host_steps();
        next
    }

    /// Refuses the steps the embedding page asked of a lesson being fetched that will not
    /// open (another lesson or run asked for instead): no lesson is open for them.
    fn drop_host_steps(&mut self) {
        for _ in std::mem::take(&mut self.host_steps) {
            self.refuse_host(Notice::NoLesson);
        }
    }

    /// The embedding page's `goto-step` (from 0): the step shown, or refused as the host's
    /// actions are: told back to the host, and shown (the frame's author sees the mistake in
    /// the frame too). Asked while the lesson is fetched, it waits for the lesson.
    fn host_goto_step(&mut self, step: u64) {
        if self.pending_lesson.is_some() {
            // The lesson being fetched replaces the one open, if any: the step waits for it.
            self.host_steps.push(step);
            return;
        }
        match self.tour.as_ref().map(|tour| tour.lesson.steps.len()) {
            Some(steps) if step < steps as u64 => {
                self.notice = None; // a notice of the step the lesson opened at is stale now
                self.lesson_goto(step as usize, false);
            }
            Some(steps) => self.refuse_host_and_show(Notice::NoSuchStep {
                asked: step.saturating_add(1),
                steps,
                last_shown: false,
            }),
            None => self.refuse_host_and_show(Notice::NoLesson),
        }
    }

    /// Keeps `refused` to tell the embedding page (see `host_refusals`).
    pub(crate) fn refuse_host(&mut self, refused: Notice) {
        if self.host_refusals.len() == HOST_REFUSALS_KEPT {
            self.host_refusals.remove(0);
        }
        self.host_refusals.push((self.revision, refused));
    }

    /// Refuses the host's command: told back to the host, and shown in the frame.
    fn refuse_host_and_show(&mut self, refused: Notice) {
        self.refuse_host(refused.clone());
        self.notice = Some(refused);
    }

    /// Replaces the run by a fresh cluster of the same size with `seed` and `options`; invalid
    /// options leave the run as it was, with a notice.
    fn start_fresh(&mut self, seed: u64, options: raft_sim::ScenarioOptions) {
        let scenario = Scenario { nodes: self.cluster_size(), options, ..Scenario::new(seed) };
        self.start_scenario(scenario);
    }

    /// Replaces the run by `scenario`'s, paused at 0; a scenario that cannot run leaves the run
    /// as it was, with a notice (a settings notice for options that cannot be simulated).
    fn start_scenario(&mut self, scenario: Scenario) {
        match Playground::new(scenario) {
            Ok(fresh) => *self = self.replaced_by(fresh),
            Err(raft_sim::ScenarioError { problem: raft_sim::Problem::Config(error), .. }) => {
                self.notice = Some(Notice::BadSettings(crate::i18n_errors::SettingsError::Config(error)));
            }
            Err(error) => self.notice = Some(Notice::BadScenario(error)),
        }
    }

    /// The preset the picker shows: the one loaded, until the run departs from it.
    pub fn shown_preset(&self) -> Option<&'static str> {
        self.preset.as_ref().map(|preset| preset.id).filter(|_| !self.departed)
    }

    /// How often each client writes on its own, C1 first (0: it does not).
    pub fn workloads(&self) -> [u64; raft_sim::MAX_CLIENTS as usize] {
        let history = self.history.borrow();
        std::array::from_fn(|i| history.sim().workload(i as u32 + 1).unwrap_or(0))
    }

    /// Every server that exists, added ones included, by id.
    pub fn servers(&self) -> Vec<NodeId> {
        self.history.borrow().sim().node_ids()
    }

    /// The server Add server adds: the lowest id (1 to 9) that neither votes nor is being
    /// caught up in the configuration shown, nor is named by a change the client asked for
    /// and still waits on (a second click adds the next one, which the leader refuses while
    /// the first change is not finished, §4.1); `None` when there is none.
    pub fn next_server(&self) -> Option<NodeId> {
        let history = self.history.borrow();
        let sim = history.sim();
        (1..=raft_sim::MAX_NODES).find(|&id| {
            (sim.node(id).is_none() || crate::view::Standing::of(sim, id) == crate::view::Standing::Outside)
                && !sim.change_pending_adds(id)
        })
    }

    /// The leader the client knows from its last acknowledged write, if any.
    pub fn client_known_leader(&self) -> Option<NodeId> {
        self.history.borrow().sim().client_known_leader()
    }

    /// For each client, C1 first, the running server its latest unanswered request waits on,
    /// if any: where the client form sends that client's request when it knows no leader yet.
    pub fn client_waiting_on(&self) -> [Option<NodeId>; raft_sim::MAX_CLIENTS as usize] {
        let history = self.history.borrow();
        std::array::from_fn(|index| history.sim().client_waiting_on(index as raft_sim::ClientId + 1))
    }

    /// Where the client form sends when the client knows no leader: the first server that is
    /// up, as a real client that finds a server down tries another (§8); S1 when none is up.
    pub fn client_first_up(&self) -> NodeId {
        self.history.borrow().sim().nodes().find(|node| node.is_up()).map_or(1, |node| node.node().id())
    }

    /// What a presenter's key does now, in the simulator's actions.
    fn presenter_actions(&self, key: PresenterKey) -> Result<Vec<raft_sim::Action>, Notice> {
        match key {
            PresenterKey::WriteToLeader => {
                let node = self.leader().unwrap_or_else(|| self.client_first_up());
                Ok(vec![raft_sim::Action::Write { node, command: self.suggested_command(), client: 1 }])
            }
            PresenterKey::CrashLeader => {
                let node = self.leader().ok_or(Notice::NoLeader)?;
                Ok(vec![raft_sim::Action::Crash { node }])
            }
            PresenterKey::RestartCrashed => {
                let history = self.history.borrow();
                let down = history.sim().nodes().filter(|node| !node.is_up()).map(|node| node.node().id());
                let restarts: Vec<_> = down.map(|node| raft_sim::Action::Restart { node }).collect();
                if restarts.is_empty() {
                    Err(Notice::NoneDown)
                } else {
                    Ok(restarts)
                }
            }
            PresenterKey::ToggleTraffic => {
                let writing = self.history.borrow().sim().workload(1).is_some();
                Ok(vec![raft_sim::Action::Workload { client: 1, every_ms: if writing { 0 } else { TRAFFIC_MS } }])
            }
        }
    }

    fn network_actions(&self, action: &Action) -> Vec<raft_sim::Action> {
        let history = self.history.borrow();
        let links = &history.sim().network().links;
        match *action {
            Action::Isolate(node) => vec![raft_sim::Action::Partition { groups: links.isolating(node) }],
            Action::Reconnect(node) => links
                .reconnecting(node, &history.sim().node_ids())
                .map(|groups| raft_sim::Action::Partition { groups })
                .into_iter()
                .collect(),
            Action::JoinSide(node, with) => {
                vec![raft_sim::Action::Partition { groups: links.joining(node, with, &history.sim().node_ids()) }]
            }
            _ => {
                let mends = links.cuts().map(|(from, to)| raft_sim::Action::Mend { from, to });
                links.is_partitioned().then_some(raft_sim::Action::Heal {}).into_iter().chain(mends).collect()
            }
        }
    }

    /// The command the write field suggests: `x=1`, `x=2`, … counting the writes so far.
    pub fn suggested_command(&self) -> String {
        format!("x={}", self.next_write_number())
    }

    /// The number the write fields suggest writing next: one more than the writes so far
    /// (reads and membership changes take none).
    pub fn next_write_number(&self) -> u64 {
        self.history.borrow().sim().client_write_count() as u64 + 1
    }

    /// The key the read field suggests: the latest write's, else `x`.
    pub fn suggested_key(&self) -> String {
        let history = self.history.borrow();
        let latest = history.sim().client_ops().rev().find_map(|op| op.key.clone());
        latest.unwrap_or_else(|| "x".to_owned())
    }

    /// Plays (never while exploring) or pauses. Paused, the drawing shows exactly the moment
    /// of the clock, the share link's `t`: the fraction of a millisecond drawn ahead of it
    /// while playing is let go, so that whoever opens the link sees every message where the
    /// sharer does.
    fn set_playing(&mut self, playing: bool) {
        self.playing = playing && !self.exploring();
        if !self.playing {
            self.carry_ms = 0.0;
        }
    }

    fn advance(&mut self, elapsed_ms: f64) {
        let simulated = self.carry_ms + elapsed_ms.clamp(0.0, MAX_FRAME_MS) * self.speed;
        let whole = simulated.floor();
        self.carry_ms = simulated - whole;
        if whole >= 1.0 {
            let mut history = self.history.borrow_mut();
            let mut target = history.now().saturating_add(whole as u64);
            let stop = self.stop_at.filter(|&(stop, _)| stop <= target);
            if let Some((stop, _)) = stop {
                target = stop;
            }
            history.advance_to(target);
            drop(history);
            if stop.is_some() {
                self.end_transition();
            }
        }
    }

    /// Moves to `time`, within the replay budget (a seek past the end of the timeline
    /// simulates up to it); refused, the moment shown is kept.
    fn seek(&mut self, time: Millis) -> Result<(), Notice> {
        self.carry_ms = 0.0;
        self.history.borrow_mut().seek_within_budget(time).map_err(Notice::TooBusy)
    }

    fn step(&mut self, direction: Direction) {
        self.playing = false;
        self.carry_ms = 0.0;
        let exploring = self.exploring();
        let mut history = self.history.borrow_mut();
        let moved = match direction {
            Direction::Forward => history.step_forward(),
            Direction::Back => history.step_back(),
        };
        // Exploring, nothing comes next until it is chosen.
        if moved.is_none() && direction == Direction::Forward && exploring {
            drop(history);
            self.notice = Some(Notice::NothingNext);
        }
    }

    /// The leader change before now, or after now, in the whole history.
    fn leader_change(&self, direction: Direction) -> Option<Millis> {
        let now = self.time_ms();
        let history = self.history.borrow();
        let times = history.elections().iter().map(|&(at, _, _)| at);
        match direction {
            Direction::Forward => times.filter(|&at| at > now).min(),
            Direction::Back => times.filter(|&at| at < now).max(),
        }
    }

    /// Whether a leader change comes before now, and after now (◀ Leader and Leader ▶).
    pub fn leader_changes(&self) -> (bool, bool) {
        (self.leader_change(Direction::Back).is_some(), self.leader_change(Direction::Forward).is_some())
    }

    fn jump_to_election(&mut self, direction: Direction) {
        self.playing = false;
        match self.leader_change(direction) {
            Some(time) => {
                let _ = self.seek(time); // within the timeline: never past the budget
            }
            None => self.notice = Some(Notice::NoLeaderChange),
        }
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(action, Action::Frame { .. }) && !self.playing {
            return self; // nothing moves while paused: no re-render
        }
        // While playing, the next frame forgets the marks: they are not worth computing.
        let tracked = changes_tracked(&action) && (!self.playing || matches!(action, Action::Step(_)));
        let before = tracked.then(|| crate::view::Moment::of(self.history.borrow().sim()));
        let forgets = changes_forgotten(&action);
        let mut next = (*self).clone();
        if matches!(action, Action::RefuseHostCommand(_)) {
            // Told to the host alone: what the reader sees and can undo stays.
            next.revision += 1;
        } else if !matches!(action, Action::Frame { .. }) {
            next.notice = None;
            next.menu_error = None;
            next.menu_error_on_read = false;
            if action != Action::Undo {
                next.undo = None;
            }
            next.revision += 1;
        }
        match action {
            // While exploring nothing happens by itself: time does not run either.
            Action::TogglePlay => next.set_playing(!next.playing),
            Action::Frame { elapsed_ms } => next.advance(elapsed_ms),
            Action::SetSpeed(speed) => {
                next.speed = speed.clamp(MIN_SPEED, MAX_SPEED);
                if let Some((_, user_speed)) = next.stop_at.as_mut() {
                    *user_speed = next.speed; // kept once the step is reached
                }
            }
            Action::OpenMenu(node) => {
                next.menu = Some(node);
                next.client_menu = false;
            }
            Action::ToggleClientMenu => {
                next.client_menu = !next.client_menu;
                next.menu = None;
            }
            Action::CloseMenu => {
                next.menu = None;
                next.client_menu = false;
                next.shortcuts_open = false;
                next.selected_message = None;
            }
            Action::Undo => {
                if let Some((before, departed)) = next.undo.take() {
                    next.history = before;
                    next.departed = departed;
                    next.carry_ms = 0.0;
                    next.playing = false;
                }
            }
            Action::Apply(action) => next.apply(vec![action], false),
            Action::ToggleExplore => {
                next.playing = false;
                next.carry_ms = 0.0;
                if !next.exploring() {
                    let before = Rc::new(RefCell::new(next.history.borrow().clone()));
                    next.before_explore = Some((before, next.departed));
                    next.apply(vec![raft_sim::Action::Scheduler { mode: raft_sim::Scheduler::Manual }], false);
                } else {
                    match next.before_explore.take() {
                        Some((before, departed)) if next.nothing_explored_since(&before.borrow()) => {
                            next.history = before;
                            next.departed = departed;
                        }
                        _ => next.apply(vec![raft_sim::Action::Scheduler { mode: raft_sim::Scheduler::Timed }], false),
                    }
                }
            }
            Action::Explore(event) => {
                next.playing = false;
                next.carry_ms = 0.0;
                if let Err(refused) = next.change_run(|history| history.apply_after(1, event)) {
                    next.notice = Some(refused);
                }
                next.menu = None;
            }
            Action::LoadFound(events) => {
                next.playing = false;
                next.carry_ms = 0.0;
                let carried =
                    next.change_run(|history| events.into_iter().try_for_each(|event| history.apply_after(1, event)));
                if let Err(refused) = carried {
                    next.notice = Some(refused);
                }
                next.menu = None;
            }
            Action::MenuApply(action) => {
                next.menu_error_on_read = matches!(action, raft_sim::Action::Read { .. });
                next.apply(vec![action], true);
            }
            Action::Presenter(key) => match next.presenter_actions(key) {
                Ok(actions) => next.apply(actions, false),
                Err(notice) => next.notice = Some(notice),
            },
            Action::Isolate(_) | Action::Reconnect(_) | Action::JoinSide(..) => {
                let actions = next.network_actions(&action);
                next.apply(actions, true);
            }
            Action::HealNetwork => {
                let actions = next.network_actions(&action);
                next.apply(actions, false);
            }
            Action::Resize(nodes) => {
                // A fresh cluster of that size, with the settings and seed of this one: a rule
                // switched off, or PreVote switched on, stays so (Explore's search on fewer
                // servers is the usual next step).
                let scenario = Scenario { nodes, options: next.options(), ..Scenario::new(next.seed()) };
                next.start_scenario(scenario);
            }
            Action::LoadPreset(files) => match crate::presets::preset(&files.id).map(|p| (p.id, files.scenario())) {
                Some((id, Ok(scenario))) => match Playground::new(scenario) {
                    Ok(fresh) => {
                        let settings = Rc::new(ClusterSettings { seed: fresh.seed(), options: fresh.options() });
                        let actions = Rc::new(fresh.history.borrow().scenario().actions);
                        let description_zh = files.description_zh.into();
                        let preset = ShownPreset { id, description_zh, settings, replayed: false, actions };
                        next = next.replaced_by(Playground { preset: Some(preset), ..fresh });
                    }
                    Err(error) => next.notice = Some(Notice::BadScenario(error)),
                },
                Some((_, Err(error))) => next.notice = Some(Notice::BadScenario(error)),
                None => next.notice = Some(Notice::UnknownPreset(files.id)),
            },
            Action::PresetUnavailable(id) => next.notice = Some(Notice::PresetUnavailable(id)),
            Action::ToggleShortcuts => next.shortcuts_open = !next.shortcuts_open,
            Action::ScrollLogs(first) => next.log_first = first,
            Action::ImportScenario(text) => {
                let loaded = text.map(|text| {
                    let scenario = raft_sim::Scenario::from_json(&text)?;
                    let until = scenario.until_ms;
                    Playground::new(scenario).map(|fresh| (fresh, until))
                });
                match loaded {
                    Ok(Ok((fresh, until))) => {
                        next = next.replaced_by(fresh);
                        // At the moment it names, as a link opens at its moment: a file saved
                        // by Export names the moment it was saved at.
                        if let Err(busy) = next.seek(until.unwrap_or(0)) {
                            next.notice = Some(busy);
                        }
                    }
                    Ok(Err(error)) => next.notice = Some(Notice::BadFile(error)),
                    Err(()) => next.notice = Some(Notice::FileUnreadable),
                }
            }
            Action::ApplySettings(Err(why)) | Action::ReplaySettings(Err(why)) | Action::NetworkSettings(Err(why)) => {
                next.notice = Some(Notice::BadSettings(why))
            }
            Action::NetworkSettings(Ok(settings)) => match next.network_settings_actions(settings) {
                Ok(actions) => next.apply(actions, false),
                Err(why) => next.notice = Some(Notice::BadSettings(why)),
            },
            Action::ReplaySettings(Ok(ClusterSettings { seed, options })) => {
                let preset = next.preset.take();
                let replayed =
                    preset.as_ref().is_some_and(|p| (p.settings.seed, &p.settings.options) != (seed, &options));
                let scenario = Scenario { seed, options, until_ms: None, ..next.history.borrow().scenario() };
                // Acted in: its actions are no longer the preset's (a replay alone leaves them).
                let acted = preset.as_ref().is_none_or(|p| *p.actions != scenario.actions);
                let (run, now) = (next.run, next.time_ms());
                next.start_scenario(scenario);
                if next.run != run {
                    // Shown at the moment it was, to compare the two runs there (the timeline
                    // goes back over the new one); from 0, saying why, if the new rules make
                    // that moment too busy to replay.
                    if let Err(busy) = next.seek(now) {
                        next.notice = Some(busy);
                    }
                    // The same story under other rules: it keeps its preset's words (in 中文 too),
                    // though the picker no longer names the preset. Under the same rules, it is
                    // the run it was (the preset's own, if no one acted in it).
                    next.preset = preset.map(|preset| ShownPreset { replayed, ..preset });
                    next.departed = acted || replayed || next.preset.is_none();
                } else {
                    next.preset = preset; // refused: the run, and its preset, are kept
                }
            }
            Action::ApplySettings(Ok(ClusterSettings { seed, options })) => next.start_fresh(seed, options),
            Action::NewCluster(seed) => {
                let options = next.options();
                next.start_fresh(seed, options);
            }
            Action::SelectMessage(id) => next.selected_message = Some(id),
            Action::CloseMessage => next.selected_message = None,
            Action::DismissNotice => {} // closed above, as by every action
            Action::Seek(time) => {
                if let Err(refused) = next.seek(time) {
                    // Only the embedding page can ask for a moment past the timeline's end.
                    next.refuse_host(refused.clone());
                    next.notice = Some(refused);
                }
            }
            Action::RefuseFile(bytes) => next.notice = Some(Notice::FileTooLarge(bytes)),
            Action::Step(direction) => next.step(direction),
            Action::JumpToElection(direction) => next.jump_to_election(direction),
            Action::SetPlaying(playing) => next.set_playing(playing),
            Action::OpenLink(link) if crate::lessons::LessonLink::parse(&link).is_some() => {
                next.drop_host_steps();
                next.pending_lesson = crate::lessons::LessonLink::parse(&link);
            }
            Action::OpenLink(link) => match Playground::from_link_from_0_if_need_be(&link) {
                // An embed's host is told, as of a link the frame opened with.
                Ok((fresh, moment_error)) => {
                    next = next.replaced_by(fresh);
                    if let Some(error) = moment_error {
                        next.refuse_host_and_show(Notice::BadLinkMoment(error));
                    }
                }
                Err(error) => next.refuse_host_and_show(Notice::BadPastedLink(error)),
            },
            Action::SetInfo { title, description } => {
                next.history.borrow_mut().set_title_and_description(Some(title), Some(description));
                next.preset = None; // the preset's translated text no longer describes it
                next.departed = true; // nor is it a lesson's run: its link must carry the new words
            }
            Action::OpenLesson(link) => {
                next.drop_host_steps();
                next.pending_lesson = Some(link);
            }
            Action::LessonLoaded { link, file, progress } => {
                // Only the answer to the latest ask: asking quickly twice never ends on the first.
                if next.pending_lesson.as_ref() == Some(&link) {
                    next.pending_lesson = None;
                    next.open_lesson(link, file, progress);
                    // The host's steps asked meanwhile, in their turn (refused if it failed).
                    for step in std::mem::take(&mut next.host_steps) {
                        next.host_goto_step(step);
                    }
                }
            }
            Action::LessonGoto(step) => next.lesson_goto(step, false),
            Action::LessonNext => next.lesson_next(),
            Action::LessonBack => {
                if let Some(step) = next.tour.as_ref().and_then(|tour| tour.step.checked_sub(1)) {
                    next.lesson_goto(step, false);
                }
            }
            Action::LessonAnswer(choice) => next.lesson_answer(choice),
            Action::CloseLesson => (next.tour, next.lesson_run) = (None, None),
            Action::HostGotoStep(step) => next.host_goto_step(step),
            Action::RefuseHostCommand(why) => next.refuse_host(Notice::BadHostCommand(why)),
            Action::HostAct { action, on_leader } => {
                // The embedding page's action: its refusal is told back to that page (and shown),
                // never put into a menu the reader has open, which stays as it is.
                let refused = match (on_leader, next.leader()) {
                    (false, _) => next.act(vec![action]).err(),
                    (true, Some(leader)) => {
                        next.act(crate::embed_api::aimed_at(action, leader).into_iter().collect()).err()
                    }
                    (true, None) => Some(Notice::NoLeader),
                };
                if let Some(refused) = refused {
                    next.refuse_host_and_show(refused);
                }
            }
        }
        if let Some(before) = before {
            next.changes = Rc::new(crate::view::Changes::since(&before, next.history.borrow().sim()));
        } else if forgets && !next.changes.is_empty() {
            next.changes = Rc::default();
        }
        // Next's play to a step ends where it was told to stop, and also as soon as playback
        // stops, the run is no longer the lesson's, or time moved past the step (a seek).
        if next.stop_at.is_some_and(|(stop, _)| !next.playing || !next.on_lesson() || stop <= next.time_ms()) {
            next.end_transition();
        }
        Rc::new(next)
    }
}

#[path = "state_lesson.rs"]
mod lesson;

#[cfg(test)]
#[path = "state_lesson_tests.rs"]
mod lesson_tests;

#[cfg(test)]
#[path = "state_share_tests.rs"]
mod share_tests;

#[cfg(test)]
#[path = "state_learner_tests.rs"]
mod learner_tests;

/// The settings form's field (its `name`) of the first setting other than the network's in which
/// `form` differs from `run`, in the form's order; `None` if only what the form does not show
/// differs.
fn first_other_change(form: &raft_sim::ScenarioOptions, run: &raft_sim::ScenarioOptions) -> Option<&'static str> {
    let (rules, run_rules) = (&form.unsafe_rules, &run.unsafe_rules);
    [
        ("election_min", form.election_timeout_ms[0] != run.election_timeout_ms[0]),
        ("election_max", form.election_timeout_ms[1] != run.election_timeout_ms[1]),
        ("heartbeat_ms", form.heartbeat_ms != run.heartbeat_ms),
        ("duplicate", form.duplicate != run.duplicate),
        ("client_timeout_ms", form.client_timeout_ms != run.client_timeout_ms),
        ("max_entries_per_append", form.max_entries_per_append != run.max_entries_per_append),
        ("snapshot_every", form.snapshot_every != run.snapshot_every),
        ("client_retries", form.client_retries != run.client_retries),
        ("noop_on_election", form.noop_on_election != run.noop_on_election),
        ("conflict_hint", form.conflict_hint != run.conflict_hint),
        ("pipeline", form.pipeline != run.pipeline),
        ("flow_control", form.flow_control != run.flow_control),
        ("pre_vote", form.pre_vote != run.pre_vote),
        ("check_quorum", form.check_quorum != run.check_quorum),
        ("joint_consensus", form.membership != run.membership),
        ("read_mode", form.read_mode != run.read_mode),
        ("clock_drift_percent", form.clock_drift_percent != run.clock_drift_percent),
        ("no_election_restriction", rules.no_election_restriction != run_rules.no_election_restriction),
        ("commit_old_terms", rules.commit_old_terms != run_rules.commit_old_terms),
        ("vote_for_highest_id", rules.vote_for_highest_id != run_rules.vote_for_highest_id),
        ("ack_on_equal_commit", rules.ack_on_equal_commit != run_rules.ack_on_equal_commit),
        ("reconfig_before_term_commit", rules.reconfig_before_term_commit != run_rules.reconfig_before_term_commit),
        ("stale_reads", rules.stale_reads != run_rules.stale_reads),
    ]
    .into_iter()
    .find_map(|(field, changed)| changed.then_some(field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use raft_sim::RoleKind;

    fn reduce(state: Rc<Playground>, action: Action) -> Rc<Playground> {
        state.reduce(action)
    }

    fn notice(state: &Playground) -> Option<String> {
        state.notice.as_ref().map(|n| n.text(Lang::En))
    }

    #[test]
    fn frames_move_time_only_while_playing() {
        let paused = Rc::new(Playground::default());
        let still = reduce(paused.clone(), Action::Frame { elapsed_ms: 16.0 });
        assert!(Rc::ptr_eq(&paused, &still), "a paused frame changes nothing");
        let playing = reduce(paused, Action::TogglePlay);
        let later = reduce(playing, Action::Frame { elapsed_ms: 50.0 });
        assert_eq!(later.time_ms(), 5, "50 ms at 0.1x is 5 simulated ms");
    }

    #[test]
    fn fractions_of_a_millisecond_add_up_across_frames() {
        let mut state = reduce(Rc::new(Playground::default()), Action::SetSpeed(0.001));
        assert_eq!(state.speed, MIN_SPEED, "clamped");
        state = reduce(state, Action::TogglePlay);
        for _ in 0..10 {
            state = reduce(state, Action::Frame { elapsed_ms: 16.0 });
        }
        assert_eq!(state.time_ms(), 1, "160 ms at 0.01x is 1.6 simulated ms");
        assert!(state.carry_ms > 0.5, "0.6 ms drawn ahead while playing");
        // Paused, the drawing is the clock's moment, as a link to it opens.
        let paused = reduce(state, Action::TogglePlay);
        assert_eq!((paused.time_ms(), paused.carry_ms), (1, 0.0));
        assert_eq!(paused.view(), reduce(Rc::new(Playground::default()), Action::Seek(1)).view());
    }

    #[test]
    fn a_long_pause_of_the_tab_does_not_jump_ahead() {
        let state = reduce(Rc::new(Playground::default()), Action::TogglePlay);
        let state = reduce(state, Action::Frame { elapsed_ms: 60_000.0 });
        assert_eq!(state.time_ms(), 10);
    }

    #[test]
    fn timeout_from_the_menu_makes_a_candidate_and_closes_the_menu() {
        let state = reduce(Rc::new(Playground::default()), Action::OpenMenu(2));
        assert_eq!(state.menu, Some(2));
        let state = reduce(state, Action::Apply(raft_sim::Action::Timeout { node: 2 }));
        assert_eq!(state.menu, None);
        let node = &state.view().nodes[1];
        assert_eq!((node.role, node.term), (RoleKind::Candidate, 1));
    }

    #[test]
    fn crash_restart_and_write_go_through_the_simulator() {
        let mut state = Rc::new(Playground::default());
        assert_eq!(state.suggested_command(), "x=1");
        state = reduce(state, Action::Apply(raft_sim::Action::Crash { node: 3 }));
        assert!(!state.view().nodes[2].up);
        state = reduce(state, Action::Apply(raft_sim::Action::Crash { node: 3 }));
        assert_eq!(notice(&state).as_deref(), Some("S3 is crashed: restart it first"));
        state = reduce(state, Action::Apply(raft_sim::Action::Restart { node: 3 }));
        assert!(state.view().nodes[2].up && state.notice.is_none());
        let write = raft_sim::Action::Write { node: 1, command: "x=1".into(), client: 1 };
        state = reduce(state, Action::Apply(write));
        assert_eq!(state.suggested_command(), "x=2");
        let bad = raft_sim::Action::Write { node: 1, command: "nonsense".into(), client: 1 };
        state = reduce(state, Action::Apply(bad));
        assert!(notice(&state).as_deref().unwrap().starts_with("a command needs an '='"));
    }

    #[test]
    fn the_timeline_seeks_steps_and_jumps_between_leader_changes() {
        let mut state = reduce(Rc::new(Playground::default()), Action::SetSpeed(100.0));
        state = reduce(state, Action::TogglePlay);
        for _ in 0..40 {
            state = reduce(state, Action::Frame { elapsed_ms: 50.0 }); // 40 × 5 s simulated
        }
        assert_eq!((state.time_ms(), state.horizon_ms()), (200_000, 200_000));
        state = reduce(state, Action::Seek(1_000));
        assert_eq!((state.time_ms(), state.horizon_ms()), (1_000, 200_000), "seeking keeps the future");
        state = reduce(state, Action::JumpToElection(Direction::Back));
        let elected_at = state.time_ms();
        assert!(elected_at < 1_000 && state.view().nodes.iter().any(|n| n.role == raft_sim::RoleKind::Leader));
        assert!(!state.playing, "jumping pauses");
        state = reduce(state, Action::Step(Direction::Forward));
        assert!(state.time_ms() > elected_at);
        state = reduce(state, Action::Step(Direction::Back));
        assert_eq!(state.time_ms(), elected_at);
        assert!(!state.leader_changes().0, "◀ Leader shows it has nowhere to go");
        state = reduce(state, Action::JumpToElection(Direction::Back));
        assert_eq!(notice(&state).as_deref(), Some("No leader change that way."));
        state = reduce(state, Action::Seek(0));
        assert_eq!(state.leader_changes(), (false, true), "Leader ▶ has the first election to go to");
    }

    #[test]
    fn acting_in_the_past_forks_the_timeline() {
        let mut state = reduce(Rc::new(Playground::default()), Action::SetSpeed(100.0));
        state = reduce(state, Action::TogglePlay);
        state = reduce(state, Action::Frame { elapsed_ms: 50.0 });
        state = reduce(state, Action::TogglePlay);
        state = reduce(state, Action::Seek(2_000));
        state = reduce(state, Action::Apply(raft_sim::Action::Crash { node: 1 }));
        assert_eq!((state.time_ms(), state.horizon_ms()), (2_000, 2_000));
    }

    #[test]
    fn a_presenter_writes_to_the_leader_crashes_it_and_restarts_it_by_keys() {
        let mut state = Rc::new(Playground::default());
        state = reduce(state, Action::Presenter(PresenterKey::CrashLeader));
        assert!(matches!(state.notice, Some(Notice::NoLeader)), "no leader at 0 ms: {:?}", state.notice);
        state = reduce(state, Action::Presenter(PresenterKey::RestartCrashed));
        assert!(matches!(state.notice, Some(Notice::NoneDown)), "{:?}", state.notice);
        state = reduce(state, Action::Seek(1_000));
        let leader = state.leader().expect("a leader within a second");
        state = reduce(state, Action::Presenter(PresenterKey::WriteToLeader));
        let scenario = state.history.borrow().scenario();
        assert!(matches!(scenario.actions.last().map(|a| &a.action),
                         Some(raft_sim::Action::Write { node, command, .. }) if *node == leader && command == "x=1"));
        state = reduce(state, Action::Presenter(PresenterKey::CrashLeader));
        assert!(!state.view().nodes[leader as usize - 1].up);
        state = reduce(state, Action::Presenter(PresenterKey::RestartCrashed));
        assert!(state.view().nodes.iter().all(|node| node.up));
        // T starts C1's traffic, and stops it.
        state = reduce(state, Action::Presenter(PresenterKey::ToggleTraffic));
        assert_eq!(state.workloads(), [TRAFFIC_MS, 0, 0]);
        state = reduce(state, Action::Presenter(PresenterKey::ToggleTraffic));
        assert_eq!(state.workloads(), [0, 0, 0]);
    }

    #[test]
    fn a_server_joins_another_side_of_a_partition() {
        let mut state = Rc::new(Playground::default());
        state = reduce(state, Action::Isolate(1));
        assert_eq!(state.details(2).unwrap().other_sides, [vec![1]]);
        state = reduce(state, Action::JoinSide(2, 1));
        assert!(!state.view().nodes[0].isolated && !state.view().nodes[1].isolated && state.network_faulty());
        assert_eq!(state.details(3).unwrap().other_sides, [vec![1, 2]]);
        assert_eq!(state.details(1).unwrap().other_sides, [vec![3, 4, 5]], "the rest, not its own side");
        state = reduce(state, Action::JoinSide(2, 3));
        assert_eq!(state.details(2).unwrap().other_sides, [vec![1]], "back with the rest");
        state = reduce(state, Action::JoinSide(2, 1));
        let scenario = state.history.borrow().scenario();
        assert!(matches!(scenario.actions.last().map(|a| &a.action),
                         Some(raft_sim::Action::Partition { groups }) if groups == &[vec![1, 2]]));
        // Every server joined into one group: no partition is left.
        state = reduce(state, Action::Resize(3));
        state = reduce(state, Action::Isolate(1));
        state = reduce(state, Action::JoinSide(2, 1));
        state = reduce(state, Action::JoinSide(3, 1));
        assert!(!state.network_faulty());
    }

    #[test]
    fn a_server_left_alone_outside_every_side_is_drawn_cut_off() {
        let mut state = Rc::new(Playground::default());
        state = reduce(state, Action::Resize(3));
        // {S1, S2} | {S3}, built by moving S1 and S2 away from S3.
        state = reduce(state, Action::Isolate(1));
        state = reduce(state, Action::JoinSide(2, 1));
        assert!(state.view().nodes[2].isolated, "S3 is alone in no group");
        let details = state.details(3).unwrap();
        assert!(details.isolated && details.can_reconnect);
        state = reduce(state, Action::Reconnect(3));
        assert!(!state.network_faulty() && !state.view().nodes[2].isolated);
        // {S1, S2} | {S3} | {S4, S5}: S3 joins a side of its choice; Reconnect is not offered.
        state = reduce(state, Action::Resize(5));
        for action in [Action::Isolate(1), Action::JoinSide(2, 1), Action::Isolate(4), Action::JoinSide(5, 4)] {
            state = reduce(state, action);
        }
        let details = state.details(3).unwrap();
        assert!(details.isolated && !details.can_reconnect && state.view().nodes[2].isolated);
        assert_eq!(details.other_sides, [vec![1, 2], vec![4, 5]]);
        state = reduce(state, Action::Reconnect(3));
        assert!(state.network_faulty(), "nothing to do");
    }

    #[test]
    fn isolate_reconnect_heal_and_resize() {
        let mut state = Rc::new(Playground::default());
        state = reduce(state, Action::Isolate(2));
        assert!(state.view().nodes[1].isolated && state.network_faulty());
        state = reduce(state, Action::Reconnect(2));
        assert!(!state.view().nodes[1].isolated && !state.network_faulty());
        state = reduce(state, Action::Isolate(4));
        state = reduce(state, Action::Apply(raft_sim::Action::Cut { from: 1, to: 3 }));
        state = reduce(state, Action::HealNetwork);
        assert!(!state.network_faulty());
        state = reduce(state, Action::Resize(9));
        assert_eq!((state.cluster_size(), state.view().nodes.len(), state.time_ms()), (9, 9, 0));
        state = reduce(state, Action::Resize(12));
        assert!(notice(&state).unwrap().contains("nodes"), "{:?}", state.notice);
        assert_eq!(state.cluster_size(), 9, "a refused size keeps the cluster");
    }

    #[test]
    fn a_preset_replayed_with_other_settings_says_its_words_tell_its_own_run() {
        // A fresh state for each case: reducing one twice would share its history.
        let load = || {
            reduce(
                Rc::new(Playground::default()),
                Action::LoadPreset(crate::presets::PresetFiles::from_disk("stale-leader")),
            )
        };
        let state = load();
        assert!(!state.preset_replayed());
        let replay = |options| Action::ReplaySettings(Ok(ClusterSettings { seed: 1, options }));
        let options = raft_sim::ScenarioOptions { check_quorum: !state.options().check_quorum, ..state.options() };
        let replayed = reduce(load(), replay(options));
        assert!(replayed.preset_replayed(), "another run under the preset's words");
        // Its link carries the line, in the sharer's language, before the preset's words.
        let shared = |state: &Playground, lang| {
            let link = raft_sim::ShareLink::parse(&state.share_fragment(lang).unwrap()).unwrap();
            link.scenario.description.unwrap()
        };
        assert!(shared(&replayed, Lang::En).starts_with(&format!("{}\n\n", Lang::En.texts().preset_replayed_link)));
        assert!(shared(&replayed, Lang::En).ends_with(&shared(&state, Lang::En)), "then the preset's words");
        assert!(shared(&replayed, Lang::Zh).starts_with(Lang::Zh.texts().preset_replayed_link));
        assert!(!shared(&state, Lang::En).contains(Lang::En.texts().preset_replayed_link), "the preset's own run");
        assert_eq!(replayed.scenario_info(Lang::Zh).0, state.scenario_info(Lang::Zh).0, "the words are the preset's");
        // A loss action changes the run's options without a replay: still the preset's run.
        let lossy = reduce(load(), Action::Apply(raft_sim::Action::Loss { probability: 0.5 }));
        assert!(!lossy.preset_replayed() && lossy.preset_acted(), "an action, not a replay");
        assert!(shared(&lossy, Lang::En).starts_with(Lang::En.texts().preset_acted_link));
        assert!(!state.preset_acted() && !replayed.preset_acted());
        let undone = reduce(
            reduce(reduce(load(), Action::Seek(0)), Action::Apply(raft_sim::Action::Crash { node: 1 })),
            Action::Undo,
        );
        assert!(!undone.preset_acted(), "Undo gives the preset's own run back");
        // A replay refused (lease reads need CheckQuorum) keeps the run and its preset.
        let lease =
            raft_sim::ScenarioOptions { read_mode: raft_sim::ReadMode::Lease, check_quorum: false, ..state.options() };
        let refused = reduce(load(), replay(lease));
        assert!(refused.notice.is_some() && refused.preset.is_some(), "{:?}", refused.notice);
        assert_eq!(refused.scenario_info(Lang::Zh).0, state.scenario_info(Lang::Zh).0);
        let unchanged = ClusterSettings { seed: state.seed(), options: state.options() };
        let same = reduce(load(), Action::ReplaySettings(Ok(unchanged.clone())));
        assert!(!same.preset_replayed() && !same.preset_acted(), "the same run is the preset's");
        assert_eq!(same.shown_preset(), Some("stale-leader"));
        // Replayed with other settings, then with the preset's own again: the preset's run, not
        // one acted in.
        let back = reduce(replayed.clone(), Action::ReplaySettings(Ok(unchanged.clone())));
        assert!(!back.preset_replayed() && !back.preset_acted(), "the preset's own settings again");
        assert_eq!(back.shown_preset(), Some("stale-leader"));
        // Acted in after a replay, then replayed with the preset's settings: still acted in.
        let acted =
            reduce(reduce(replayed.clone(), Action::Seek(0)), Action::Apply(raft_sim::Action::Crash { node: 1 }));
        let acted_back = reduce(acted, Action::ReplaySettings(Ok(unchanged)));
        assert!(acted_back.preset_acted(), "its actions are not the preset's");
        let reloaded = reduce(replayed, Action::LoadPreset(crate::presets::PresetFiles::from_disk("stale-leader")));
        assert!(!reloaded.preset_replayed(), "loading the preset again shows its own run");
    }

    #[test]
    fn a_preset_loads_paused_at_time_0_with_its_title() {
        let files = crate::presets::PresetFiles::from_disk("figure-7");
        let state = reduce(Rc::new(Playground::default()), Action::LoadPreset(files));
        assert_eq!((state.cluster_size(), state.time_ms(), state.playing), (7, 0, false));
        assert!(state.scenario_info(Lang::En).0.unwrap().starts_with("Figure 7"));
        assert!(state.scenario_info(Lang::Zh).0.unwrap().starts_with("图 7"));
        let nope =
            crate::presets::PresetFiles { id: "nope".into(), ..crate::presets::PresetFiles::from_disk("figure-6") };
        let state = reduce(state, Action::LoadPreset(nope));
        assert_eq!(state.notice, Some(Notice::UnknownPreset("nope".into())));
        assert_eq!(state.cluster_size(), 7);
    }

    #[test]
    fn settings_start_a_fresh_cluster_or_are_refused_with_the_field_named() {
        let mut state = reduce(Rc::new(Playground::default()), Action::Resize(3));
        let mut options = state.options();
        options.election_timeout_ms = [500, 900];
        options.conflict_hint = true;
        let settings = ClusterSettings { seed: 9, options: options.clone() };
        state = reduce(state, Action::ApplySettings(Ok(settings)));
        assert_eq!((state.options(), state.cluster_size(), state.seed()), (options.clone(), 3, 9));
        options.heartbeat_ms = 600;
        state = reduce(state, Action::ApplySettings(Ok(ClusterSettings { seed: 9, options })));
        assert!(notice(&state).unwrap().starts_with("Heartbeat interval (ms): 600 must be"), "{:?}", state.notice);
        assert_eq!(state.options().heartbeat_ms, 50, "the running cluster is kept");
    }

    #[test]
    fn the_network_changes_from_the_moment_shown_as_actions_of_the_run() {
        let mut state = reduce(Rc::new(Playground::default()), Action::Resize(3));
        state = reduce(state, Action::Seek(1_000));
        let run = state.options();
        let form = |latency_ms, loss| ClusterSettings {
            seed: state.seed(),
            options: raft_sim::ScenarioOptions { latency_ms, loss, ..run.clone() },
        };
        let slow = reduce(state.clone(), Action::NetworkSettings(Ok(form([100, 150], 0.25))));
        assert_eq!(slow.notice, None);
        let file = slow.scenario_json();
        assert!(file.contains(r#""at_ms": 1000,"#) && file.contains(r#""do": "latency","#), "{file}");
        assert!(file.contains(r#""do": "loss","#) && file.contains(r#""probability": 0.25"#), "{file}");
        assert_eq!((slow.options().latency_ms, slow.options().loss), ([100, 150], 0.25), "the network of the moment");
        let before = reduce(slow.clone(), Action::Seek(500));
        assert_eq!(before.options(), run, "before the change, the network the run started with");
        let unchanged = ClusterSettings { seed: state.seed(), options: slow.options() };
        assert!(reduce(slow.clone(), Action::NetworkSettings(Ok(unchanged))).notice.is_some(), "nothing to change");
        // Only what differs from the network of the moment becomes an action.
        let later = reduce(reduce(slow, Action::Seek(1_500)), Action::NetworkSettings(Ok(form([100, 150], 0.0))));
        assert_eq!(later.scenario_json().matches(r#""do": "latency""#).count(), 1);
        assert_eq!(later.scenario_json().matches(r#""do": "loss""#).count(), 2);
        let same = reduce(later, Action::NetworkSettings(Ok(form([100, 150], 0.0))));
        assert!(notice(&same).unwrap().starts_with("Latency and loss already have these values"));
        // Anything else changed takes a fresh run; a range out of order is refused by its field.
        let hinted = ClusterSettings {
            seed: state.seed(),
            options: raft_sim::ScenarioOptions { conflict_hint: !run.conflict_hint, ..run.clone() },
        };
        let refused = reduce(state.clone(), Action::NetworkSettings(Ok(hinted)));
        assert!(
            notice(&refused).unwrap().starts_with("“Conflict hint on rejection (§5.3)” was changed too:"),
            "{:?}",
            notice(&refused)
        );
        match &refused.notice {
            Some(Notice::BadSettings(error)) => assert_eq!(error.field(), Some("conflict_hint"), "the field is marked"),
            other => panic!("{other:?}"),
        }
        let reseeded = ClusterSettings { seed: state.seed() + 1, options: run.clone() };
        let reseeded = reduce(state.clone(), Action::NetworkSettings(Ok(reseeded)));
        assert!(
            notice(&reseeded).unwrap().starts_with("“Seed (every random choice follows from it)” was changed too:"),
            "{:?}",
            notice(&reseeded)
        );
        let backwards = reduce(state.clone(), Action::NetworkSettings(Ok(form([30, 20], 0.0))));
        match &backwards.notice {
            Some(Notice::BadSettings(error)) => assert_eq!(error.field(), Some("latency_min")),
            other => panic!("{other:?}"),
        }
        assert_eq!(backwards.scenario_json(), state.scenario_json(), "nothing done");
    }

    #[test]
    fn a_new_cluster_keeps_size_and_options_and_takes_the_seed_it_is_given() {
        let mut state = reduce(Rc::new(Playground::default()), Action::Resize(7));
        let mut options = state.options();
        options.heartbeat_ms = 40;
        state = reduce(state, Action::ApplySettings(Ok(ClusterSettings { seed: 1, options: options.clone() })));
        let fresh = reduce(state.clone(), Action::NewCluster(123_456));
        assert_eq!((fresh.seed(), fresh.cluster_size(), fresh.options()), (123_456, 7, options));
        assert_eq!(fresh.time_ms(), 0);
        let again = reduce(state, Action::NewCluster(123_456));
        let later = |s: Rc<Playground>| reduce(s, Action::Seek(3_000)).trace_hash();
        assert_eq!(later(fresh), later(again), "a seed gives the same run every time");
        assert_eq!(Playground::default().seed(), DEFAULT_SEED, "the page still opens on the default seed");
    }

    #[test]
    fn another_size_keeps_the_settings_a_rule_switched_off_included() {
        let mut options = Playground::default().options();
        options.unsafe_rules.vote_for_highest_id = true;
        options.pre_vote = true;
        let state = reduce(Rc::new(Playground::default()), Action::NewCluster(99));
        let state = reduce(state, Action::ApplySettings(Ok(ClusterSettings { seed: 99, options: options.clone() })));
        let resized = reduce(state, Action::Resize(3));
        assert_eq!((resized.cluster_size(), resized.seed(), resized.options()), (3, 99, options));
        assert_eq!(resized.rules_off().len(), 1, "and says so");
    }

    #[test]
    fn an_exported_scenario_imports_to_the_same_run_and_a_bad_file_is_refused() {
        let mut state = reduce(Rc::new(Playground::default()), Action::TogglePlay);
        state = reduce(state, Action::Frame { elapsed_ms: 80.0 });
        state = reduce(state, Action::Apply(raft_sim::Action::Crash { node: 2 }));
        let (json, at, hash) = (state.scenario_json(), state.time_ms(), state.trace_hash());
        let imported = reduce(state.clone(), Action::ImportScenario(Ok(json)));
        assert_eq!((imported.time_ms(), imported.playing), (at, false), "at the moment exported");
        assert_eq!(imported.trace_hash(), hash, "the same run");
        assert!(raft_sim::Scenario::from_json(&imported.scenario_json()).unwrap().actions.len() == 1);
        let refused = reduce(imported, Action::ImportScenario(Ok("{ \"version\": 1 }".into())));
        assert!(notice(&refused).unwrap().contains("missing field `seed`"), "{:?}", refused.notice);
    }

    #[test]
    fn an_impossible_action_leaves_a_notice_and_a_working_page() {
        let state = reduce(Rc::new(Playground::default()), Action::Apply(raft_sim::Action::Timeout { node: 42 }));
        assert_eq!(notice(&state).as_deref(), Some("there is no server S42"));
        assert_eq!(state.view().nodes.len(), 5);
        // A host's malformed command is told to the host alone: the reader's notice stays.
        let told = reduce(state, Action::RefuseHostCommand("bogus: unknown variant".into()));
        assert_eq!(notice(&told).as_deref(), Some("there is no server S42"));
        assert_eq!(told.host_refusals.last().map(|(_, n)| n.text(Lang::Zh)).as_deref(), Some("bogus: unknown variant"));
    }
}
