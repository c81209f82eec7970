//! The callbacks through which the page's parts send actions to its state, each named after
//! the property it is given to.

use raft_sim::{Millis, NodeId};
use yew::prelude::*;

use crate::state::{Action, ClusterSettings, Direction, Playground};

/// One callback per kind of action the page's parts send, and one for any action. Made once
/// for the page's lifetime (one `use_memo`), so that components whose data did not change skip
/// re-rendering on every animation frame: a new `Callback` never equals the last one.
#[derive(Clone)]
pub struct Senders {
    /// Any action.
    pub dispatch: Callback<Action>,
    /// Opens or closes the shortcuts dialog.
    pub on_toggle_shortcuts: Callback<()>,
    /// Play or pause.
    pub on_toggle: Callback<()>,
    /// Step to the previous or next event.
    pub on_step: Callback<Direction>,
    /// A speed was chosen.
    pub on_speed: Callback<f64>,
    /// A cluster size was chosen.
    pub on_resize: Callback<u32>,
    /// Heal every partition and cut link.
    pub on_heal: Callback<()>,
    /// A preset was chosen, by id.
    pub on_preset: Callback<String>,
    /// The settings form was applied (or could not be read).
    pub on_apply_settings: Callback<Result<ClusterSettings, crate::i18n_errors::SettingsError>>,
    /// The settings form asks to replay the run with its settings.
    pub on_replay_settings: Callback<Result<ClusterSettings, crate::i18n_errors::SettingsError>>,
    /// The settings form asks to change the network's latency and loss from now on.
    pub on_network_settings: Callback<Result<ClusterSettings, crate::i18n_errors::SettingsError>>,
    /// The New cluster button: a fresh cluster with a random seed.
    pub on_new_cluster: Callback<()>,
    /// Add server: ask the leader to add this server.
    pub on_add_server: Callback<u32>,
    /// A scenario file was read (or could not be).
    pub on_import: Callback<Result<String, ()>>,
    /// Go to a moment.
    pub on_seek: Callback<Millis>,
    /// Go to the previous or next change of leader.
    pub on_jump: Callback<Direction>,
    /// A server was activated: open its menu.
    pub on_node: Callback<NodeId>,
    /// The drawing's background was clicked: close the menu.
    pub on_background: Callback<()>,
    /// A link was clicked: `(from, to, cut)`, cut if it is whole and mended if it is cut.
    pub on_lane: Callback<(NodeId, NodeId, bool)>,
    /// A message was selected, by id.
    pub on_message: Callback<u64>,
    /// The log table scrolled to show from this index (`None`: follow the end).
    pub on_scroll_logs: Callback<Option<u64>>,
    /// The scenario's title and description were edited.
    pub on_info: Callback<(String, String)>,
}

impl Senders {
    /// Callbacks that dispatch to `dispatcher`.
    pub fn new(dispatcher: &UseReducerDispatcher<Playground>) -> Senders {
        let d = dispatcher;
        Senders {
            dispatch: send(d, |action| action),
            on_toggle_shortcuts: send(d, |()| Action::ToggleShortcuts),
            on_toggle: send(d, |()| Action::TogglePlay),
            on_step: send(d, Action::Step),
            on_speed: send(d, Action::SetSpeed),
            on_resize: send(d, Action::Resize),
            on_heal: send(d, |()| Action::HealNetwork),
            on_preset: crate::preset_fetch::preset_loader(d),
            on_apply_settings: send(d, Action::ApplySettings),
            on_replay_settings: send(d, Action::ReplaySettings),
            on_network_settings: send(d, Action::NetworkSettings),
            on_new_cluster: send(d, |()| Action::NewCluster(fresh_seed())),
            on_add_server: send(d, |node| Action::Apply(raft_sim::Action::AddServer { node })),
            on_import: send(d, Action::ImportScenario),
            on_seek: send(d, Action::Seek),
            on_jump: send(d, Action::JumpToElection),
            on_node: send(d, Action::OpenMenu),
            on_background: send(d, |()| Action::CloseMenu),
            on_lane: send(d, |(from, to, cut)| {
                Action::Apply(if cut {
                    raft_sim::Action::Mend { from, to }
                } else {
                    raft_sim::Action::Cut { from, to }
                })
            }),
            on_message: {
                let select = send(d, Action::SelectMessage);
                // Chosen from the keyboard, the message hands the focus to its panel's title, so
                // that a second Enter does not drop it: Tab goes on to Drop.
                Callback::from(move |id| {
                    select.emit(id);
                    crate::hooks::after_redraw(|| {
                        let keyboard = gloo::utils::document().active_element().is_some_and(|element| {
                            element.has_attribute("data-message") && element.matches(":focus-visible").unwrap_or(false)
                        });
                        if keyboard {
                            crate::hooks::focus_selected(".message-panel__title");
                        } else if let Some(panel) =
                            gloo::utils::document().query_selector(".message-panel").ok().flatten()
                        {
                            // A phone draws it under the drawing: tapped, it is scrolled up into view.
                            let below = panel.get_bounding_client_rect().bottom()
                                > crate::hooks::window_height().unwrap_or(f64::MAX);
                            if below {
                                panel.scroll_into_view_with_bool(false);
                            }
                        }
                    });
                })
            },
            on_scroll_logs: send(d, Action::ScrollLogs),
            on_info: send(d, |(title, description)| Action::SetInfo { title, description }),
        }
    }
}

/// A callback that dispatches `to_action(value)`.
fn send<T: 'static>(dispatcher: &UseReducerDispatcher<Playground>, to_action: fn(T) -> Action) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |value: T| dispatcher.dispatch(to_action(value)))
}

/// A seed for a fresh cluster, from the browser's cryptographic random source (getrandom):
/// short enough to read out and type (below 2^32). If the browser has none, the default seed.
fn fresh_seed() -> u64 {
    getrandom::u32().map_or(crate::state::DEFAULT_SEED, u64::from)
}
