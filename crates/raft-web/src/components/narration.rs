//! The narration: every story event in one plain sentence, newest first, filterable by kind;
//! clicking one jumps to that moment. The list is one Tab stop: ↑ and ↓ (Home, End) move
//! between its sentences, as in a list box, instead of sixty Tab presses to get past it.

use std::rc::Rc;

use raft_sim::{Millis, StoryCategory, StoryEvent};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::components::timeline::format_time;
use crate::i18n::Lang;

/// Properties of [`Narration`].
#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// The story so far, oldest first (shared with the page, not copied per frame).
    pub events: Rc<Vec<(Millis, StoryEvent)>>,
    /// Which run the story is of: the Tab stop a sentence of another run held goes back to
    /// the newest sentence.
    pub run: u64,
    /// An event was clicked: go to its moment.
    pub on_seek: Callback<Millis>,
}

const CATEGORIES: [StoryCategory; 4] =
    [StoryCategory::Elections, StoryCategory::Log, StoryCategory::Faults, StoryCategory::Client];

/// How many sentences are shown at once, the latest.
const SHOWN: usize = 60;

/// The narration panel.
#[component]
pub fn Narration(props: &NarrationProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let shown = use_state(|| CATEGORIES.to_vec());
    // The sentence that holds the list's Tab stop (its place in the story), once one had the
    // focus; else the newest.
    let current = use_state(|| None::<(u64, usize)>);
    let list = use_node_ref();
    let toggle = |category: StoryCategory| {
        let shown = shown.clone();
        Callback::from(move |_: Event| {
            let mut next = (*shown).clone();
            match next.iter().position(|shown| *shown == category) {
                Some(at) => drop(next.remove(at)),
                None => next.push(category),
            }
            shown.set(next);
        })
    };
    // The latest sentences the filters let through, and how many older ones are left out
    // (counted, not copied: this runs at every frame while playing).
    let mut told = props.events.iter().enumerate().rev().filter(|(_, (_, event))| shown.contains(&event.category()));
    let story: Vec<(usize, &(Millis, StoryEvent))> = told.by_ref().take(SHOWN).collect();
    let hidden = told.count();
    let run = props.run;
    let tab_stop = current
        .filter(|&(of, current)| of == run && story.iter().any(|(told, _)| *told == current))
        .map(|(_, current)| current);
    let lines: Vec<Html> = story
        .iter()
        .copied()
        .enumerate()
        .map(|(line, (told, (at, event)))| {
            let at = *at;
            let onfocus = {
                let current = current.clone();
                Callback::from(move |_: FocusEvent| current.set(Some((run, told))))
            };
            let reached_by_tab = tab_stop.map_or(line == 0, |current| current == told);
            html! {
                <li key={told} data-story-ms={at.to_string()}>
                    <button type="button" class="narration__line" title={t.narration_seek}
                            tabindex={if reached_by_tab { "0" } else { "-1" }}
                            {onfocus} onclick={props.on_seek.reform(move |_: MouseEvent| at)}>
                        <span class="narration__time">{ format_time(lang, at) }</span>
                        { lang.tell(event) }
                    </button>
                </li>
            }
        })
        .collect();
    html! {
        <section class="narration" aria-label={t.narration}>
            <h2 class="narration__title" tabindex="-1">{ t.narration }</h2>
            <div class="narration__filters" role="group" aria-label={t.narration_filters}>
                { for CATEGORIES.iter().map(|&category| html! {
                    <label>
                        <input type="checkbox" checked={shown.contains(&category)} onchange={toggle(category)} />
                        { lang.category(category) }
                    </label>
                }) }
            </div>
            if lines.is_empty() {
                <p class="narration__empty">{ t.narration_empty }</p>
            } else {
                <ol class="narration__lines" reversed=true ref={list.clone()} onkeydown={move_between_lines(list)}>{ for lines }</ol>
            }
            // Said, not left for the reader to guess from where the list stops.
            if hidden > 0 {
                <p class="narration__more">{ narration_more(lang, SHOWN, SHOWN + hidden) }</p>
            }
        </section>
    }
}

/// ↑, ↓, Home and End on the list: the focus moves to the sentence above, below, first or last
/// (which then holds the Tab stop, as it gets the focus).
fn move_between_lines(list: NodeRef) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        let Some(lines) = list.cast::<Element>().and_then(|list| list.query_selector_all("button").ok()) else {
            return;
        };
        let focused = gloo::utils::document().active_element();
        let from = (0..lines.length()).find(|at| lines.get(*at).as_deref() == focused.as_deref().map(AsRef::as_ref));
        let last = lines.length().saturating_sub(1) as usize;
        let Some(to) = super::roving::roving_target(&event.key(), from.unwrap_or(0) as usize, last) else { return };
        event.prevent_default();
        if let Some(line) = lines.get(to as u32).and_then(|line| line.dyn_into::<HtmlElement>().ok()) {
            let _ = line.focus();
        }
    })
}

/// "The latest 60 of 143 sentences. …"
fn narration_more(lang: Lang, shown: usize, all: usize) -> String {
    let (before, between, after) = lang.texts().narration_more;
    format!("{before}{shown}{between}{all}{after}")
}
