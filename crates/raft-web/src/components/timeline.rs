//! The timeline: a slider over the whole history, the clock, and jumps between leader changes.

use raft_sim::Millis;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::state::Direction;

/// What [`timeline`] draws, and where its events go.
#[derive(PartialEq)]
pub struct TimelineProps {
    /// The current moment.
    pub time_ms: Millis,
    /// The end of the timeline.
    pub horizon_ms: Millis,
    /// A moment was chosen.
    pub on_seek: Callback<Millis>,
    /// Jump to the previous or next leader change.
    pub on_jump: Callback<Direction>,
    /// Whether a leader change comes before now, and after now: a jump with nowhere to go is
    /// shown as unavailable (`aria-disabled`, so that it keeps the focus and still says why).
    pub leader_changes: (bool, bool),
}

/// Drag anywhere in the history; acting in the past forks it.
pub fn timeline(lang: Lang, props: &TimelineProps) -> Html {
    let oninput = seek_on_input(props.on_seek.clone());
    let jump = |direction| props.on_jump.reform(move |_: MouseEvent| direction);
    let t = lang.texts();
    let (earlier, later) = props.leader_changes;
    let unavailable = |there: bool| (!there).then_some("true");
    html! {
        <div class="timeline" role="group" aria-label={t.timeline}>
            <button type="button" aria-label={t.previous_leader_name} title={t.previous_leader_change}
                    aria-disabled={unavailable(earlier)} onclick={jump(Direction::Back)}>{ t.previous_leader_button }</button>
            <input class="timeline__slider" type="range" min="0" max={props.horizon_ms.max(1).to_string()} step="1"
                   value={props.time_ms.to_string()} {oninput} aria-label={t.time}
                   aria-valuetext={format_time(lang, props.time_ms)} />
            <button type="button" aria-label={t.next_leader_name} title={t.next_leader_change}
                    aria-disabled={unavailable(later)} onclick={jump(Direction::Forward)}>{ t.next_leader_button }</button>
            // A label on a plain span is not read: the words are there, hidden from sight.
            <span class="timeline__clock">
                <span class="visually-hidden">{ t.simulated_time }{ " " }</span>
                { format_time(lang, props.time_ms) }
                if props.time_ms < props.horizon_ms {
                    <span class="timeline__horizon">{ format!(" / {}", format_time(lang, props.horizon_ms)) }</span>
                }
            </span>
        </div>
    }
}

/// A time slider's `oninput`: seeks to the moment chosen.
pub fn seek_on_input(on_seek: Callback<Millis>) -> Callback<InputEvent> {
    Callback::from(move |event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        if let Ok(time) = input.value().parse::<Millis>() {
            on_seek.emit(time);
        }
    })
}

/// Simulated time for people: `1.234 s`.
pub fn format_time(lang: Lang, ms: u64) -> String {
    let unit = match lang {
        Lang::En => "s",
        Lang::Zh => "秒",
    };
    format!("{}.{:03} {unit}", ms / 1000, ms % 1000)
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn time_reads_in_seconds_with_milliseconds() {
        assert_eq!(super::format_time(Lang::En, 0), "0.000 s");
        assert_eq!(super::format_time(Lang::Zh, 12_345), "12.345 秒");
    }
}
