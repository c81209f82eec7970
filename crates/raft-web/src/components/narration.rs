//! The narration: every story event in one plain sentence, newest first, filterable by kind;
//! clicking one jumps to that moment.

use std::rc::Rc;

use raft_sim::{Millis, StoryCategory, StoryEvent};
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
    let lines: Vec<Html> = props
        .events
        .iter()
        .rev()
        .filter(|(_, event)| shown.contains(&event.category()))
        .take(SHOWN)
        .map(|(at, event)| {
            let at = *at;
            html! {
                <li data-story-ms={at.to_string()}>
                    <button type="button" class="narration__line" title={t.narration_seek}
                            onclick={props.on_seek.reform(move |_: MouseEvent| at)}>
                        <span class="narration__time">{ format_time(lang, at) }</span>
                        { lang.tell(event) }
                    </button>
                </li>
            }
        })
        .collect();
    html! {
        <section class="narration" aria-label={t.narration}>
            <h2 class="narration__title">{ t.narration }</h2>
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
                <ol class="narration__lines" reversed=true>{ for lines }</ol>
            }
        </section>
    }
}
