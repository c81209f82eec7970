//! The control strip: Play/Pause, step back and forward, and speed on a logarithmic scale.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::state::{Direction, MAX_SPEED, MIN_SPEED};

/// What [`controls`] draws, and where its events go.
#[derive(PartialEq)]
pub struct ControlsProps {
    /// Whether time is running.
    pub playing: bool,
    /// Whether Explore is on: then Play is off, since nothing happens by itself.
    pub exploring: bool,
    /// Whether the run is at its first moment, where Step back has nothing to undo.
    pub at_start: bool,
    /// The playback speed.
    pub speed: f64,
    /// Play or pause.
    pub on_toggle: Callback<()>,
    /// Step to the previous or next event.
    pub on_step: Callback<Direction>,
    /// A speed was chosen.
    pub on_speed: Callback<f64>,
}

/// Play/Pause, step buttons and the speed slider.
pub fn controls(lang: Lang, props: &ControlsProps) -> Html {
    let t = lang.texts();
    let label = if props.playing { t.pause } else { t.play };
    let on_speed = props.on_speed.clone();
    let oninput = Callback::from(move |event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        if let Some(exponent) = crate::number_text::parse_form_number(&input.value()) {
            on_speed.emit(js_sys::Math::pow(10.0, exponent));
        }
    });
    let step = |direction| props.on_step.reform(move |_: MouseEvent| direction);
    html! {
        <div class="controls" role="toolbar" aria-label={t.playback}>
            <button class="controls__play" type="button" aria-label={label} disabled={props.exploring}
                    title={if props.exploring { lang.explore_texts().no_play.to_owned() } else { lang.aside(label, t.space_key) }}
                    onclick={props.on_toggle.reform(|_: MouseEvent| ())}>
                <span aria-hidden="true">{ if props.playing { "❚❚" } else { "▶" } }</span>
                <span class="controls__play-text">{ label }</span>
            </button>
            // Unavailable at 0 ms, not disabled: a button pressed there keeps the focus.
            <button type="button" aria-label={t.step_back} title={t.step_back_title}
                    aria-disabled={props.at_start.then_some("true")}
                    onclick={step(Direction::Back)}>{ t.step_button_back }</button>
            <button type="button" aria-label={t.step_forward} title={t.step_forward_title}
                    onclick={step(Direction::Forward)}>{ t.step_button_forward }</button>
            // A tenth of a power of ten a step: each arrow key changes the speed by a quarter,
            // enough to be seen (0.1× → 0.13×); 40 steps from 0.01× to 100×.
            <label class="controls__speed">
                { t.speed }
                <input type="range" min={exponent_of(MIN_SPEED)} max={exponent_of(MAX_SPEED)}
                       step="0.1" value={exponent_of(props.speed)} {oninput}
                       aria-valuetext={format_speed(props.speed)} />
                // Seen, not heard: the slider's value text says it once.
                <output aria-hidden="true">{ format_speed(props.speed) }</output>
            </label>
        </div>
    }
}

/// The slider's position for `speed`: its decimal logarithm, to two places.
fn exponent_of(speed: f64) -> String {
    crate::number_text::rounded(js_sys::Math::log10(speed), 2)
}

/// A speed for people: `0.1×`, `2.5×`, `100×`.
pub fn format_speed(speed: f64) -> String {
    format!("{}×", speed_number(speed))
}

/// A speed's number, as people read it and as a link's `speed=` writes it: `0.1`, `2.51`, `100`.
pub fn speed_number(speed: f64) -> String {
    let digits = if speed < 0.1 {
        3
    } else if speed < 10.0 {
        2
    } else {
        0
    };
    crate::number_text::rounded(speed, digits)
}

#[cfg(test)]
mod tests {
    use super::format_speed;

    #[test]
    fn speeds_read_naturally() {
        assert_eq!(format_speed(0.1), "0.1×");
        assert_eq!(format_speed(0.01), "0.01×");
        assert_eq!(format_speed(1.0), "1×");
        assert_eq!(format_speed(2.512), "2.51×");
        assert_eq!(format_speed(100.0), "100×");
    }
}
