//! The root component: state, animation loop, shortcuts and layout.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{
    Cluster, Controls, InvariantBar, Legend, LogTable, MessagePanel, NetworkBar, NodeMenu, Timeline,
};
use crate::hooks::{use_animation_frame, use_keyboard_shortcuts};
use crate::state::{Action, Playground};

/// The Raft playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(Playground::default);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    use_animation_frame(state.playing, dispatch.reform(|elapsed_ms| Action::Frame { elapsed_ms }));
    use_keyboard_shortcuts(dispatch.clone());

    let view = Rc::new(state.view());
    let menu_node = state.menu.and_then(|id| {
        let node = view.nodes.iter().find(|node| node.id == id).cloned()?;
        Some((node, state.details(id)?))
    });
    html! {
        <main class="playground" data-time-ms={view.time_ms.to_string()}>
            <header class="playground__header">
                <h1>{ "Raft playground" }</h1>
                <p class="playground__hint">
                    { "Press Play to watch the servers elect a leader. Click a server to time it out, crash or restart it, or send the client's write to it." }
                </p>
            </header>
            <Controls playing={state.playing} speed={state.speed}
                      on_toggle={dispatch.reform(|_| Action::TogglePlay)}
                      on_step={dispatch.reform(Action::Step)}
                      on_speed={dispatch.reform(Action::SetSpeed)} />
            <NetworkBar size={state.cluster_size()} faulty={state.network_faulty()}
                        on_resize={dispatch.reform(Action::Resize)} on_heal={dispatch.reform(|_| Action::HealNetwork)}
                        on_preset={dispatch.reform(Action::LoadPreset)} />
            if let (Some(title), description) = state.scenario_info() {
                <section class="scenario-info" aria-label="Scenario">
                    <h2 class="scenario-info__title">{ title }</h2>
                    if let Some(description) = description {
                        <p class="scenario-info__description">{ description }</p>
                    }
                </section>
            }
            <Timeline time_ms={view.time_ms} horizon_ms={state.horizon_ms()}
                      on_seek={dispatch.reform(Action::Seek)}
                      on_jump={dispatch.reform(Action::JumpToElection)} />
            if let Some(notice) = &state.notice {
                <p class="playground__notice" role="alert">{ notice }</p>
            }
            <div class="playground__stage">
                <Cluster view={view.clone()} on_node_activate={dispatch.reform(Action::OpenMenu)}
                         on_background={dispatch.reform(|_| Action::CloseMenu)}
                         on_lane={dispatch.reform(|(from, to, cut)| Action::Apply(if cut {
                             raft_sim::Action::Mend { from, to }
                         } else {
                             raft_sim::Action::Cut { from, to }
                         }))}
                         on_message={dispatch.reform(Action::SelectMessage)} />
                if let Some((node, details)) = menu_node {
                    <NodeMenu on_action={dispatch.reform(Action::Apply)} {details}
                              links={links_from(&view, node.id)}
                              on_isolate={dispatch.reform(move |isolate| if isolate { Action::Isolate(node.id) } else { Action::Reconnect(node.id) })}
                              suggested_command={state.suggested_command()}
                              on_close={dispatch.reform(|_| Action::CloseMenu)} {node} />
                }
                if let Some(details) = state.message_details() {
                    <MessagePanel {details} on_action={dispatch.reform(Action::Apply)}
                                  on_close={dispatch.reform(|_| Action::CloseMessage)} />
                }
            </div>
            <InvariantBar violations={state.violations()} />
            <Legend />
            <LogTable logs={state.logs()} />
        </main>
    }
}

/// Every other server, with whether the link from `node` to it is cut.
fn links_from(view: &crate::view::ClusterView, node: u32) -> Vec<(u32, bool)> {
    view.lanes.iter().filter(|lane| lane.from == node).map(|lane| (lane.to, lane.cut)).collect()
}
