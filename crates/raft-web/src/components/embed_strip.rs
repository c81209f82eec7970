//! The embed's compact control strip: play/pause, step back and forward, and the timeline,
//! on one line that fits a 320 px frame.

use raft_sim::Millis;
use yew::prelude::*;

use crate::components::timeline::{format_time, seek_on_input};
use crate::i18n::Lang;
use crate::state::Direction;

/// What [`embed_strip`] draws, and where its events go.
#[derive(PartialEq)]
pub struct EmbedStripProps {
    /// Whether time is running.
    pub playing: bool,
    /// Whether the run is explored (manual scheduling): then Play is off.
    pub exploring: bool,
    /// The current moment.
    pub time_ms: Millis,
    /// The end of the timeline.
    pub horizon_ms: Millis,
    /// Play or pause.
    pub on_toggle: Callback<()>,
    /// Step to the previous or next event.
    pub on_step: Callback<Direction>,
    /// A moment was chosen.
    pub on_seek: Callback<Millis>,
    /// An embedded lesson's Back and Next.
    pub lesson: Option<Html>,
}

/// Play/Pause, ⟨ ⟩ and the time slider, with the same accessible names as the full page.
pub fn embed_strip(lang: Lang, props: &EmbedStripProps) -> Html {
    let t = lang.texts();
    let label = if props.playing { t.pause } else { t.play };
    let oninput = seek_on_input(props.on_seek.clone());
    let step = |direction| props.on_step.reform(move |_: MouseEvent| direction);
    html! {
        <div class="embed-strip" role="toolbar" aria-label={t.playback}>
            <button type="button" aria-label={label} onclick={props.on_toggle.reform(|_: MouseEvent| ())}
                    disabled={props.exploring} title={if props.exploring { lang.explore_texts().no_play } else { label }}>
                { if props.playing { "❚❚" } else { "▶" } }
            </button>
            <button type="button" aria-label={t.step_back} title={t.step_back_title}
                    onclick={step(Direction::Back)}>{ "⟨" }</button>
            <button type="button" aria-label={t.step_forward} title={t.step_forward_title}
                    onclick={step(Direction::Forward)}>{ "⟩" }</button>
            <input class="embed-strip__slider" type="range" min="0" max={props.horizon_ms.max(1).to_string()} step="1"
                   value={props.time_ms.to_string()} {oninput} aria-label={t.time}
                   aria-valuetext={format_time(lang, props.time_ms)} />
            <span class="embed-strip__clock">{ format_time(lang, props.time_ms) }</span>
            { props.lesson.clone().unwrap_or_default() }
        </div>
    }
}
