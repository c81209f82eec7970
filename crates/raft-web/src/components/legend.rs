//! The key to the drawing's shapes and colours.

use yew::prelude::*;

use crate::i18n::Lang;

/// Explains roles, message shapes and the timer arc.
pub fn legend(lang: Lang) -> Html {
    let t = lang.texts();
    let l = &t.legend_items;
    let swatches = [
        ("legend__swatch legend__swatch--follower", l.follower),
        ("legend__swatch legend__swatch--candidate", l.candidate),
        ("legend__swatch legend__swatch--leader", l.leader),
        ("legend__swatch legend__swatch--pre_candidate", l.pre_candidate),
        ("legend__swatch legend__swatch--learner", l.learner),
        ("legend__swatch legend__swatch--outside", l.outside),
        ("legend__swatch legend__swatch--crashed", l.crashed),
        ("legend__shape legend__shape--vote", l.vote),
        ("legend__shape legend__shape--pre-vote", l.pre_vote),
        ("legend__shape legend__shape--append", l.append),
        ("legend__shape legend__shape--timeout-now", l.timeout_now),
        ("legend__shape legend__shape--snapshot", l.snapshot),
        ("legend__shape legend__shape--client", l.client),
        ("legend__arc", l.timer),
        ("legend__entry legend__entry--committed", l.committed),
        ("legend__entry", l.uncommitted),
        ("legend__compacted", l.compacted),
        ("legend__cut", l.cut),
        ("legend__band", l.term_ring),
        ("legend__markers", l.markers),
        ("legend__kv", l.state_machine),
        ("legend__changed", l.changed),
    ];
    html! {
        <>
            <h2 class="visually-hidden">{ t.legend }</h2>
            <ul class="legend" aria-label={t.legend}>
                { for swatches.iter().map(|(class, text)| html! {
                    <li><span class={*class}></span>{ *text }</li>
                }) }
            </ul>
        </>
    }
}
