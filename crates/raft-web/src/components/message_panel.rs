//! The fields of the selected message, and buttons to drop it or to send a second copy (and,
//! while exploring, to deliver it).

use raft_sim::Action;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::view::MessageDetails;

/// What [`message_panel`] draws, and where its events go.
#[derive(PartialEq)]
pub struct MessagePanelProps {
    /// The message, while in flight.
    pub details: MessageDetails,
    /// Drop, Duplicate or (while exploring) Deliver was chosen.
    pub on_action: Callback<Action>,
    /// The panel should close.
    pub on_close: Callback<()>,
    /// The drawing's corner it stands in, across from the message's link so that it covers
    /// neither end ([`crate::geometry::corner_away_from`]).
    pub corner: &'static str,
}

/// A card listing the message's fields in the paper's names.
pub fn message_panel(lang: Lang, props: &MessagePanelProps) -> Html {
    let t = lang.texts();
    let details = &props.details;
    let id = details.id;
    let to = details.to;
    // Dropping the message or closing the panel takes away the focused button: the focus goes
    // back to the message, or (once it is gone) to the server it was going to.
    let back = move || crate::hooks::refocus_message(id, to);
    // Escape itself closes the panel from anywhere on the page (the page's shortcuts).
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            back();
        }
    });
    let close = props.on_close.reform(move |_: MouseEvent| back());
    html! {
        <section class="message-panel" data-corner={props.corner} aria-label={lang.message_region(id)} {onkeydown}
                 data-panel-message={id.to_string()} data-panel-to={to.to_string()}>
            <h2 class="message-panel__title" tabindex="-1">
                { format!("{} #{id}: {} → {}", details.kind, lang.endpoint(details.from), lang.endpoint(details.to)) }
            </h2>
            <p class="message-panel__purpose">{ lang.purpose(&details.purpose, details.from, details.to) }</p>
            <dl class="message-panel__fields">
                { for details.fields.iter().map(|(name, value)| html! {
                    <><dt>{ lang.field_name(name) }</dt><dd>{ lang.field_value(value) }</dd></>
                }) }
                <dt>{ t.sent }</dt><dd>{ lang.milliseconds(details.sent_ms) }</dd>
                <dt>{ t.arrives }</dt>
                <dd class="message-panel__arrival">{ lang.arrival(details.arrival, details.from, details.to) }</dd>
                if let Some(original) = details.copy_of {
                    <dt>{ t.copy }</dt><dd>{ lang.copy_of(original) }</dd>
                }
            </dl>
            <div class="message-panel__actions">
                // While exploring it arrives only when chosen: here too, beside Drop.
                if details.arrival == crate::view::Arrival::OnDeliver {
                    <button type="button" data-panel-deliver={id.to_string()} onclick={props.on_action.reform(move |_: MouseEvent| {
                        back();
                        Action::Deliver { message: id }
                    })}>
                        { lang.explore_texts().deliver }
                    </button>
                }
                <button type="button" onclick={props.on_action.reform(move |_: MouseEvent| {
                    back();
                    Action::Drop { message: id }
                })}>
                    { t.drop }
                </button>
                // Only messages between servers are duplicated (the client's channel is reliable).
                if details.from != raft_sim::CLIENT && details.to != raft_sim::CLIENT {
                    <button type="button" title={t.duplicate_title}
                            onclick={props.on_action.reform(move |_: MouseEvent| Action::Duplicate { message: id })}>
                        { t.duplicate }
                    </button>
                }
            </div>
            <button type="button" class="message-panel__close" aria-label={t.close_message}
                    onclick={close}>{ "×" }</button>
        </section>
    }
}
