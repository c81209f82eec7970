//! One message in flight. Shape tells the RPC (circle: RequestVote, square: AppendEntries, a
//! wider box with a count when it carries entries, diamond: client write or answer); fill tells
//! request (solid) from reply (hollow, with its answer ✓ or ✗); an arrowhead points the way;
//! a message that will not arrive (lost, or crossing a cut or partitioned link) is drawn faded
//! with a red outline.

use raft_sim::PayloadKind;

use crate::class_list::class_list;
use crate::geometry::{number, translate};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::view::{endpoint_name, MessageView};

/// What [`message_glyph`] draws, and where its events go.
#[derive(Properties, PartialEq)]
pub struct MessageGlyphProps {
    /// The message to draw.
    pub message: MessageView,
    /// Clicked, or Enter pressed while focused.
    #[prop_or_default]
    pub on_select: Callback<u64>,
    /// In the Tab order (while paused, when messages hold still).
    #[prop_or_default]
    pub focusable: bool,
}

/// The size of a message glyph, in SVG units.
const SIZE: f64 = 11.0;

/// An AppendEntries that carries entries is drawn this wide, with their count inside.
const LOADED_WIDTH: f64 = 20.0;

/// A message moving along its link. Its shape points the way it travels (an arrowhead in
/// front); a reply says its answer (✓ or ✗) above it.
pub fn message_glyph(lang: Lang, props: &MessageGlyphProps) -> Html {
    let message = &props.message;
    let family = match message.kind {
        PayloadKind::RequestVote | PayloadKind::RequestVoteReply => "message--vote",
        PayloadKind::AppendEntries | PayloadKind::AppendEntriesReply => "message--append",
        PayloadKind::ClientRequest | PayloadKind::ClientResponse => "message--client",
    };
    let loaded = message.entries > 0;
    let class = class_list(&[
        Some("message"),
        Some(family),
        Some(if message.kind.is_reply() { "message--reply" } else { "message--request" }),
        message.doomed.then_some("message--doomed"),
        loaded.then_some("message--loaded"),
    ]);
    let half = SIZE / 2.0;
    let front = if loaded { LOADED_WIDTH / 2.0 } else { half };
    let shape = match family {
        "message--vote" => html! { <circle class="message__shape" r={number(half)} /> },
        "message--append" => html! {
            <rect class="message__shape" x={number(-front)} y={number(-half)}
                  width={number(2.0 * front)} height={number(SIZE)} rx="2" />
        },
        _ => {
            html! { <polygon class="message__shape" points={{ let h = number(half); format!("0,-{h} {h},0 0,{h} -{h},0") }} /> }
        }
    };
    let arrow = format!("M {0} -3.5 L {1} 0 L {0} 3.5 Z", number(front + 1.0), number(front + 6.0));
    let id = message.id;
    let onclick = props.on_select.reform(move |_: MouseEvent| id);
    let on_select = props.on_select.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            on_select.emit(id);
        }
    });
    let mut label = lang.message_label(
        message.kind.as_str(),
        &endpoint_name(message.from),
        &endpoint_name(message.to),
        message.term,
    );
    if message.kind == PayloadKind::AppendEntries {
        label = format!("{label} ({})", lang.entries_carried(message.entries));
    }
    if let Some(granted) = message.granted {
        label = format!("{label} ({})", lang.answer(granted));
    }
    let answer = message.granted.map(|granted| if granted { "✓" } else { "✗" });
    html! {
        <g key={id} {class} transform={translate(message.position)}
           data-message={id.to_string()} data-kind={message.kind.as_str()}
           data-from={message.from.to_string()} data-to={message.to.to_string()} data-doomed={message.doomed.to_string()}
           data-entries={(message.kind == PayloadKind::AppendEntries).then(|| message.entries.to_string())}
           data-granted={message.granted.map(|g| g.to_string())}
           role="button" tabindex={if props.focusable { "0" } else { "-1" }} aria-label={label.clone()} {onclick} {onkeydown}>
            <title>{ label }</title>
            <g transform={format!("rotate({})", number(message.heading))}>
                { shape }
                <path class="message__arrow" d={arrow} />
            </g>
            if loaded {
                <text class="message__count" dy="0.35em">{ message.entries }</text>
            }
            if let Some(answer) = answer {
                <text class="message__answer" y="-9">{ answer }</text>
            }
        </g>
    }
}
