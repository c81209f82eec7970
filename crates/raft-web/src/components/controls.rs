//! The control strip: Play/Pause, speed and the simulated clock.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::state::SPEEDS;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether time is running.
    pub playing: bool,
    /// The playback speed.
    pub speed: f64,
    /// The simulated clock, in ms.
    pub time_ms: u64,
    /// Play or pause.
    pub on_toggle: Callback<()>,
    /// A speed was chosen.
    pub on_speed: Callback<f64>,
}

/// Play/Pause button, speed picker and clock.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let label = if props.playing { "Pause" } else { "Play" };
    let onclick = props.on_toggle.reform(|_: MouseEvent| ());
    let on_speed = props.on_speed.clone();
    let onchange = Callback::from(move |event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        if let Ok(speed) = select.value().parse::<f64>() {
            on_speed.emit(speed);
        }
    });
    html! {
        <div class="controls" role="toolbar" aria-label="Playback">
            <button class="controls__play" type="button" aria-label={label} title={format!("{label} (Space)")} {onclick}>
                <span aria-hidden="true">{ if props.playing { "❚❚" } else { "▶" } }</span>
                <span class="controls__play-text">{ label }</span>
            </button>
            <label class="controls__speed">
                { "Speed " }
                <select {onchange}>
                    { for SPEEDS.iter().map(|&speed| html! {
                        <option value={speed.to_string()} selected={speed == props.speed}>{ format!("{speed}×") }</option>
                    }) }
                </select>
            </label>
            <span class="controls__clock" aria-label="Simulated time">{ format_time(props.time_ms) }</span>
        </div>
    }
}

/// Simulated time for people: `1.234 s`.
fn format_time(ms: u64) -> String {
    format!("{}.{:03} s", ms / 1000, ms % 1000)
}

#[cfg(test)]
mod tests {
    #[test]
    fn time_reads_in_seconds_with_milliseconds() {
        assert_eq!(super::format_time(0), "0.000 s");
        assert_eq!(super::format_time(12_345), "12.345 s");
    }
}
