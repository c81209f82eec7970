//! The five safety properties of the paper's Figure 3 and membership's one change at a time,
//! each green, or red with what broke.

use raft_sim::{Millis, Property, Violation};
use yew::prelude::*;

use crate::components::timeline::format_time;
use crate::i18n::Lang;
use crate::view::HistoryBreach;

/// What [`invariant_bar`] draws. (`Properties` so that a test can show it on its own.)
#[derive(Properties, PartialEq)]
pub struct InvariantBarProps {
    /// Violations found so far (none in a correct Raft).
    pub violations: Vec<Violation>,
    /// Why the clients' history is not linearizable, if it is not.
    pub history_breach: Option<HistoryBreach>,
    /// Jump to the violation was chosen: go to its moment.
    pub on_seek: Callback<raft_sim::Millis>,
    /// The rules this run switches off on purpose (the `unsafe` options' names), said beside
    /// the badges and in the drawing, so that whoever opens a link sees why a property breaks.
    pub rules_off: Vec<&'static str>,
}

/// A badge: its name (as in reports), its label, what it says, and when and what broke, if it
/// did.
type Badge = (&'static str, &'static str, &'static str, Option<(Millis, String)>);

/// Every badge, broken ones first.
fn badges(lang: Lang, props: &InvariantBarProps) -> Vec<Badge> {
    let mut badges: Vec<_> = Property::ALL
        .iter()
        .map(|&property| {
            let broken = props.violations.iter().find(|v| v.property == property);
            let detail = broken.map(|v| (v.at_ms, lang.breach(&v.detail)));
            (property.key(), lang.property(property), lang.property_meaning(Some(property)), detail)
        })
        .collect();
    let history = props.history_breach.as_ref().map(|breach| (breach.at_ms, lang.history_breach(breach)));
    badges.push(("linearizable", lang.history_texts().linearizable, lang.property_meaning(None), history));
    badges.sort_by_key(|(_, _, _, detail)| detail.is_none());
    badges
}

/// One badge per property, checked after every event of the run, and one for the clients'
/// history, checked as it grows. Broken ones come first: the bar's first row is in view beside
/// the drawing of five servers at 1280×800, where its later rows are below the window.
pub fn invariant_bar(lang: Lang, props: &InvariantBarProps) -> Html {
    html! {
        <>
            <h2 class="visually-hidden">{ lang.texts().invariants }</h2>
            <ul class="invariants" aria-label={lang.texts().invariants}>
                { for badges(lang, props).into_iter().map(|badge_of| badge(lang, badge_of, &props.on_seek)) }
            </ul>
            // Under the badges: at 1280×800 a red badge's first row stays in view beside the
            // drawing (the drawing's corner says it first).
            if !props.rules_off.is_empty() {
                <p class="invariants__rules-off" data-rules-off={props.rules_off.join(" ")}>
                    <span aria-hidden="true">{ "⚠ " }</span>{ lang.rules_off(&props.rules_off) }
                </p>
            }
        </>
    }
}

/// A label in the drawing's corner while the run switches rules off on purpose: how many, and
/// which as its title. On the page it is a button that brings the line under the badges, which
/// says it in full, into view (a phone shows only the count, and a touch shows no title); in an
/// embed, a label.
pub fn rules_off_flag(lang: Lang, props: &InvariantBarProps, on_page: bool) -> Html {
    if props.rules_off.is_empty() {
        return Html::default();
    }
    let (count, title) = (props.rules_off.len(), lang.rules_off(&props.rules_off));
    let inside = html! {
        <>
            <span aria-hidden="true">{ "⚠ " }</span>
            // On a phone only the count is drawn, clear of the servers' labels; the words stay
            // for screen readers, and in the line under the badges.
            <span class="rules-off-flag__count" aria-hidden="true">{ count }</span>
            <span class="rules-off-flag__words">{ lang.rules_off_count(count) }</span>
        </>
    };
    if !on_page {
        return html! { <p class="rules-off-flag" data-rules-off-flag={count.to_string()} {title}>{ inside }</p> };
    }
    let reveal = Callback::from(|_: MouseEvent| {
        if let Ok(Some(line)) = gloo::utils::document().query_selector(".invariants__rules-off") {
            into_view(&line);
        }
    });
    html! {
        <button type="button" class="rules-off-flag" data-rules-off-flag={count.to_string()} {title} onclick={reveal}>
            { inside }
        </button>
    }
}

/// Scrolls the window to bring `element` to its middle when it is out of view.
fn into_view(element: &web_sys::Element) {
    let height = crate::hooks::window_height().unwrap_or(0.0);
    let place = element.get_bounding_client_rect();
    if place.top() < 0.0 || place.bottom() > height {
        gloo::utils::window().scroll_by_with_x_and_y(0.0, place.top() - height / 2.0);
    }
}

/// The red flag in the drawing's corner while a property is broken, where the eye is whatever
/// the window's size (the bar may be below it; an embed has none): how many broke, the first
/// one's name and detail as its title. On the page it is a button that brings the bar's red badge
/// into view and focuses its Jump to the violation; in an embed, a label.
pub fn broken_flag(lang: Lang, props: &InvariantBarProps, on_page: bool) -> Html {
    let broken: Vec<_> = badges(lang, props)
        .into_iter()
        .filter_map(|(_, label, _, detail)| detail.map(|detail| (label, detail)))
        .collect();
    let Some((label, (at, what))) = broken.first() else {
        return Html::default();
    };
    let text = lang.broken_flag(broken.len());
    let title = format!("{label}{}{}", lang.colon(), lang.broken_at(&format_time(lang, *at), what));
    // Said to screen readers once, when the property breaks (the flag itself is drawn every frame).
    let alert = html! { <p class="visually-hidden" role="alert" data-broken-alert="true">{ title.clone() }</p> };
    if !on_page {
        return html! {
            <>
                <p class="broken-flag" data-broken-flag="true" {title}><span aria-hidden="true">{ "✗ " }</span>{ text }</p>
                { alert }
            </>
        };
    }
    let reveal = Callback::from(|_: MouseEvent| {
        let document = gloo::utils::document();
        if let Ok(Some(jump)) = document.query_selector(".invariants__item--broken .invariants__jump") {
            // Out of the window, scrolled to its middle; then focused where it is.
            into_view(&jump);
            crate::hooks::focus_quietly(&jump);
        }
    });
    html! {
        <>
            <button type="button" class="broken-flag" data-broken-flag="true" {title} onclick={reveal}>
                <span aria-hidden="true">{ "✗ " }</span>{ text }
            </button>
            { alert }
        </>
    }
}

/// One badge: green, or red with when and what broke and a button to that moment; its title
/// says what the property means.
fn badge(lang: Lang, (name, label, meaning, broken): Badge, on_seek: &Callback<Millis>) -> Html {
    let detail = broken.as_ref().map(|(at, what)| lang.broken_at(&format_time(lang, *at), what));
    let title = format!("{label}{}{}\n{meaning}", lang.colon(), detail.as_deref().unwrap_or(lang.texts().holds));
    html! {
        <li class={if broken.is_some() { "invariants__item invariants__item--broken" } else { "invariants__item invariants__item--ok" }}
            data-invariant={name} data-ok={broken.is_none().to_string()} {title}>
            <span aria-hidden="true">{ if broken.is_some() { "✗ " } else { "✓ " } }</span>
            { label }
            if let (Some(detail), Some((at, _))) = (detail, broken) {
                <span class="invariants__detail">{ lang.dash() }{ detail }</span>
                <button type="button" class="invariants__jump" onclick={on_seek.reform(move |_: MouseEvent| {
                    crate::hooks::reveal_drawing(); // the moment is seen in the drawing
                    at
                })}>
                    { lang.texts().jump_to_violation }
                </button>
            }
        </li>
    }
}
