//! The key to the drawing's shapes and colours.

use yew::prelude::*;

use crate::i18n::Lang;

/// Explains roles, message shapes and the timer arc.
pub fn legend(lang: Lang) -> Html {
    let t = lang.texts();
    let swatches = [
        "legend__swatch legend__swatch--follower",
        "legend__swatch legend__swatch--candidate",
        "legend__swatch legend__swatch--leader",
        "legend__shape legend__shape--vote",
        "legend__shape legend__shape--append",
        "legend__shape legend__shape--client",
        "legend__arc",
        "legend__entry legend__entry--committed",
        "legend__entry",
        "legend__cut",
        "legend__band",
        "legend__kv",
    ];
    html! {
        <ul class="legend" aria-label={t.legend}>
            { for swatches.iter().zip(t.legend_items).map(|(class, text)| html! {
                <li><span class={*class}></span>{ text }</li>
            }) }
        </ul>
    }
}
