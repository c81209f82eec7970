//! The callbacks through which the page's parts send actions to its state.

use raft_sim::{Millis, NodeId, ScenarioOptions};
use yew::prelude::*;

use crate::state::{Action, Direction, Playground};

/// One callback per kind of action the page's parts send. Made once for the page's lifetime
/// (one `use_memo`), so that components whose data did not change skip re-rendering on every
/// animation frame: a new `Callback` never equals the last one.
#[derive(Clone)]
pub struct Senders {
    /// Opens or closes the shortcuts dialog.
    pub toggle_shortcuts: Callback<()>,
    /// Play or pause.
    pub toggle_play: Callback<()>,
    /// Step to the previous or next event.
    pub step: Callback<Direction>,
    /// A speed was chosen.
    pub speed: Callback<f64>,
    /// A cluster size was chosen.
    pub resize: Callback<u32>,
    /// Heal every partition and cut link.
    pub heal: Callback<()>,
    /// A preset was chosen, by id.
    pub preset: Callback<String>,
    /// The settings form was applied (or could not be read).
    pub apply_settings: Callback<Result<ScenarioOptions, String>>,
    /// A scenario file was read (or could not be).
    pub import: Callback<Result<String, String>>,
    /// Go to a moment.
    pub seek: Callback<Millis>,
    /// Go to the previous or next change of leader.
    pub jump: Callback<Direction>,
    /// A server was activated: open its menu.
    pub open_menu: Callback<NodeId>,
    /// The drawing's background was clicked: close the menu.
    pub close_menu: Callback<()>,
    /// A link was clicked: `(from, to, cut)`, cut if it is whole and mended if it is cut.
    pub toggle_link: Callback<(NodeId, NodeId, bool)>,
    /// A message was selected, by id.
    pub select_message: Callback<u64>,
    /// The log table scrolled to show from this index (`None`: follow the end).
    pub scroll_logs: Callback<Option<u64>>,
    /// The scenario's title and description were edited.
    pub set_info: Callback<(String, String)>,
}

impl Senders {
    /// Callbacks that dispatch to `dispatcher`.
    pub fn new(dispatcher: &UseReducerDispatcher<Playground>) -> Senders {
        let d = dispatcher;
        Senders {
            toggle_shortcuts: send(d, |()| Action::ToggleShortcuts),
            toggle_play: send(d, |()| Action::TogglePlay),
            step: send(d, Action::Step),
            speed: send(d, Action::SetSpeed),
            resize: send(d, Action::Resize),
            heal: send(d, |()| Action::HealNetwork),
            preset: send(d, Action::LoadPreset),
            apply_settings: send(d, Action::ApplySettings),
            import: send(d, Action::ImportScenario),
            seek: send(d, Action::Seek),
            jump: send(d, Action::JumpToElection),
            open_menu: send(d, Action::OpenMenu),
            close_menu: send(d, |()| Action::CloseMenu),
            toggle_link: send(d, |(from, to, cut)| {
                Action::Apply(if cut {
                    raft_sim::Action::Mend { from, to }
                } else {
                    raft_sim::Action::Cut { from, to }
                })
            }),
            select_message: send(d, Action::SelectMessage),
            scroll_logs: send(d, Action::ScrollLogs),
            set_info: send(d, |(title, description)| Action::SetInfo { title, description }),
        }
    }
}

/// A callback that dispatches `to_action(value)`.
fn send<T: 'static>(dispatcher: &UseReducerDispatcher<Playground>, to_action: fn(T) -> Action) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |value: T| dispatcher.dispatch(to_action(value)))
}
