//! The Explore panel: every event that can happen next, as buttons, grouped by message and
//! by server (`data-event="deliver:ID"`, `"timeout:N"`, …).

use raft_sim::Action;
use yew::prelude::*;

use crate::components::CounterexampleSearch;
use crate::i18n::Lang;
use crate::view::{event_code, ExploreView};

/// What [`explore_panel`] draws, and where its events go.
#[derive(PartialEq)]
pub struct ExplorePanelProps {
    /// The events that can happen next.
    pub view: ExploreView,
    /// An event was chosen.
    pub on_event: Callback<Action>,
    /// A message's id was clicked: show its fields.
    pub on_select: Callback<u64>,
    /// The run up to now, as a scenario file, and now: where a search starts.
    pub run: Callback<(), (String, raft_sim::Millis)>,
    /// A counterexample was found: its events, to carry out in order.
    pub on_found: Callback<Vec<Action>>,
    /// The whole run, as a scenario file: what the search's last line is of.
    pub whole_run: String,
    /// Stop exploring was pressed.
    pub on_stop: Callback<MouseEvent>,
}

/// Once the panel is redrawn after a choice (or drawn, as Explore turns on), focuses its
/// first event (the oldest message's Deliver): what a keyboard user most often wants next,
/// instead of a button that may have gone or moved below the new messages, or a panel many
/// Tabs away.
pub fn focus_first_event() {
    gloo::timers::callback::Timeout::new(0, || {
        crate::hooks::focus_selected(".explore .explore__event");
    })
    .forget();
}

/// The panel, shown while exploring.
pub fn explore_panel(lang: Lang, props: &ExplorePanelProps) -> Html {
    let t = lang.explore_texts();
    let button = |event: &Action, subject: &str| {
        let label = match event {
            Action::Deliver { .. } => t.deliver,
            Action::Drop { .. } => t.drop,
            Action::Duplicate { .. } => t.duplicate,
            Action::Timeout { .. } => t.timeout,
            Action::Heartbeat { .. } => t.heartbeat,
            Action::Crash { .. } => t.crash,
            _ => t.restart,
        };
        let (chosen, on_event) = (event.clone(), props.on_event.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            on_event.emit(chosen.clone());
            focus_first_event();
        });
        html! {
            <button type="button" class="explore__event" data-event={event_code(event)}
                    aria-label={format!("{label} {subject}")} {onclick}>
                { label }
            </button>
        }
    };
    html! {
        <section class="explore" aria-label={t.title}>
            <div class="explore__head">
                <h2 class="explore__title">{ t.title }</h2>
                // The switch above may be out of sight once the panel is scrolled to.
                <button type="button" class="explore__stop" title={t.stop_title} onclick={props.on_stop.clone()}>
                    { t.stop }
                </button>
            </div>
            <p class="explore__hint">{ t.hint }</p>
            <CounterexampleSearch {lang} run={props.run.clone()} on_found={props.on_found.clone()}
                                  whole_run={props.whole_run.clone()} />
            <h3 class="explore__group">{ t.messages }</h3>
            if props.view.messages.is_empty() {
                <p class="explore__none">{ t.no_message }</p>
            }
            <ul class="explore__list">
                { for props.view.messages.iter().map(|message| {
                    let id = message.id;
                    let mut subject = format!("#{id} {} {} → {}", message.kind, lang.endpoint(message.from), lang.endpoint(message.to));
                    if let Some(original) = message.copy_of {
                        subject = lang.aside(&subject, &lang.copy_of(original));
                    }
                    html! {
                        <li class="explore__item" data-explore-message={id.to_string()}>
                            <button type="button" class="explore__subject" onclick={props.on_select.reform(move |_: MouseEvent| id)}>
                                { subject.clone() }
                            </button>
                            { for message.events.iter().map(|event| button(event, &subject)) }
                        </li>
                    }
                }) }
            </ul>
            <h3 class="explore__group">{ t.servers }</h3>
            <ul class="explore__list">
                { for props.view.servers.iter().map(|server| {
                    let subject = lang.endpoint(server.node);
                    html! {
                        <li class="explore__item" data-explore-node={server.node.to_string()}>
                            <span class="explore__subject">{ subject.clone() }</span>
                            { for server.events.iter().map(|event| button(event, &subject)) }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
