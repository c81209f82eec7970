//! The root component: state, preferences, animation loop, shortcuts and layout.

use std::rc::Rc;

use raft_sim::StoryEvent;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::{
    Cluster, Controls, InvariantBar, Legend, LogTable, MessagePanel, Narration, NetworkBar, NodeMenu, ScenarioFile,
    Settings, Shortcuts, Timeline,
};
use crate::hooks::{use_animation_frame, use_keyboard_shortcuts, use_preferences, Theme};
use crate::i18n::Lang;
use crate::state::{Action, Playground};

/// The Raft playground.
#[component]
pub fn App() -> Html {
    let state = use_reducer(Playground::default);
    let (lang, theme) = use_preferences();
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    use_animation_frame(state.playing, dispatch.reform(|elapsed_ms| Action::Frame { elapsed_ms }));
    use_keyboard_shortcuts(dispatch.clone());

    let t = lang.texts();
    let view = Rc::new(state.view());
    let story = state.story();
    let menu_node = state.menu.and_then(|id| {
        let node = view.nodes.iter().find(|node| node.id == id).cloned()?;
        Some((node, state.details(id)?))
    });
    let switch_language = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| lang.set(lang.other()))
    };
    let choose_theme = {
        let theme = theme.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Some(chosen) = Theme::ALL.into_iter().find(|t| t.code() == select.value()) {
                theme.set(chosen);
            }
        })
    };
    html! {
        <ContextProvider<Lang> context={*lang}>
        <main class="playground" data-time-ms={view.time_ms.to_string()} data-lang={lang.code()}>
            <header class="playground__header">
                <div class="playground__title-row">
                    <h1>{ t.title }</h1>
                    <div class="playground__preferences">
                        <button type="button" lang={lang.other().texts().html_lang} aria-label={t.switch_language_label}
                                onclick={switch_language}>{ t.switch_language }</button>
                        <label>
                            { t.theme }{ " " }
                            <select onchange={choose_theme}>
                                { for Theme::ALL.iter().zip(t.themes).map(|(option, name)| html! {
                                    <option value={option.code()} selected={*option == *theme}>{ name }</option>
                                }) }
                            </select>
                        </label>
                        <button type="button" onclick={dispatch.reform(|_| Action::ToggleShortcuts)}>{ t.shortcuts_button }</button>
                    </div>
                </div>
                <p class="playground__hint">{ t.hint }</p>
            </header>
            <Controls playing={state.playing} speed={state.speed}
                      on_toggle={dispatch.reform(|_| Action::TogglePlay)}
                      on_step={dispatch.reform(Action::Step)}
                      on_speed={dispatch.reform(Action::SetSpeed)} />
            <NetworkBar size={state.cluster_size()} faulty={state.network_faulty()}
                        on_resize={dispatch.reform(Action::Resize)} on_heal={dispatch.reform(|_| Action::HealNetwork)}
                        on_preset={dispatch.reform(Action::LoadPreset)} />
            <Settings options={state.options()} on_apply={dispatch.reform(Action::ApplySettings)} />
            <ScenarioFile export={{ let state = state.clone(); Callback::from(move |_| state.scenario_json()) }}
                          on_import={dispatch.reform(Action::ImportScenario)} />
            if let (Some(title), description) = state.scenario_info(*lang) {
                <section class="scenario-info" aria-label={t.scenario}>
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
                <p class="playground__notice" role="alert">{ notice.text(*lang) }</p>
            }
            <div class="playground__body">
                <div class="playground__stage">
                    <Cluster view={view.clone()} on_node_activate={dispatch.reform(Action::OpenMenu)}
                             on_background={dispatch.reform(|_| Action::CloseMenu)}
                             on_lane={dispatch.reform(|(from, to, cut)| Action::Apply(if cut {
                                 raft_sim::Action::Mend { from, to }
                             } else {
                                 raft_sim::Action::Cut { from, to }
                             }))}
                             on_message={dispatch.reform(Action::SelectMessage)}
                             messages_focusable={!state.playing} />
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
                <Narration events={story.clone()} on_seek={dispatch.reform(Action::Seek)} />
            </div>
            <InvariantBar violations={state.violations()} />
            <Legend />
            <LogTable logs={state.logs()} on_scroll={dispatch.reform(Action::ScrollLogs)} />
            <p class="visually-hidden" aria-live="polite">{ announcement(*lang, &story) }</p>
            if state.shortcuts_open {
                <Shortcuts on_close={dispatch.reform(|_| Action::ToggleShortcuts)} />
            }
        </main>
        </ContextProvider<Lang>>
    }
}

/// Every other server, with whether the link from `node` to it is cut.
fn links_from(view: &crate::view::ClusterView, node: u32) -> Vec<(u32, bool)> {
    view.lanes.iter().filter(|lane| lane.from == node).map(|lane| (lane.to, lane.cut)).collect()
}

/// What screen readers are told, politely: the latest change of leader, crash, restart,
/// partition or client outcome.
fn announcement(lang: Lang, story: &[(u64, StoryEvent)]) -> String {
    story
        .iter()
        .rev()
        .find(|(_, event)| {
            matches!(
                event,
                StoryEvent::BecameLeader { .. }
                    | StoryEvent::Crashed { .. }
                    | StoryEvent::Restarted { .. }
                    | StoryEvent::Partitioned { .. }
                    | StoryEvent::Healed
                    | StoryEvent::ClientDone { .. }
            )
        })
        .map(|(_, event)| lang.tell(event))
        .unwrap_or_default()
}
