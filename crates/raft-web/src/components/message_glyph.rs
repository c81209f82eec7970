//! One message in flight. Shape tells the RPC (circle: RequestVote, square: AppendEntries, a
//! wider box with a count when it carries entries, diamond: client write or answer); fill tells
//! request (solid) from reply (hollow, with its answer ✓ or ✗); an arrowhead points the way;
//! a message that will not arrive (lost, or crossing a cut or partitioned link) is drawn faded
//! with a red outline.

use raft_sim::PayloadKind;

use super::activate_keys::on_activate_keys;
use crate::class_list::class_list;
use crate::geometry::{number, translate};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::view::MessageView;

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
    /// A lesson's step points at it.
    #[prop_or_default]
    pub highlighted: bool,
    /// Its panel is open (`aria-expanded`).
    #[prop_or_default]
    pub open: bool,
}

/// The outline of a message pointing right, 11 units across: its shape (circle: a vote,
/// square: an append, a box 20 wide when it carries entries, diamond: the client's) and an
/// arrowhead in front, as one path of two parts. Fixed strings: nothing is formatted per frame.
fn outline(family: &str, loaded: bool) -> &'static str {
    match (family, loaded) {
        ("message--vote", _) => "M -5.5 0 A 5.5 5.5 0 1 0 5.5 0 A 5.5 5.5 0 1 0 -5.5 0 Z M 7 -3.5 L 12 0 L 7 3.5 Z",
        // A smaller ring: a pre-vote asks about a term no one holds yet.
        ("message--pre-vote", _) => "M -4 0 A 4 4 0 1 0 4 0 A 4 4 0 1 0 -4 0 Z M 5.5 -3 L 10 0 L 5.5 3 Z",
        // A bolt: campaign now.
        // A page with a folded corner: a snapshot of the state machine.
        ("message--snapshot", _) => "M -7 -7 H 3 L 7 -3 V 7 H -7 Z M 9 -3.5 L 14 0 L 9 3.5 Z",
        ("message--timeout-now", _) => "M -6 -6 L 2 -1 L -2 1 L 6 6 L -1 0 L 2 -2 Z M 7 -3.5 L 12 0 L 7 3.5 Z",
        ("message--append", false) => "M -5.5 -5.5 H 5.5 V 5.5 H -5.5 Z M 7 -3.5 L 12 0 L 7 3.5 Z",
        ("message--append", true) => "M -10 -5.5 H 10 V 5.5 H -10 Z M 11.5 -3.5 L 16.5 0 L 11.5 3.5 Z",
        _ => "M 0 -5.5 L 5.5 0 L 0 5.5 L -5.5 0 Z M 7 -3.5 L 12 0 L 7 3.5 Z",
    }
}

/// A message moving along its link. Its shape points the way it travels (an arrowhead in
/// front); a reply marks its answer (a tick or a cross) above it.
pub fn message_glyph(lang: Lang, props: &MessageGlyphProps) -> Html {
    let message = &props.message;
    let family = match message.kind {
        PayloadKind::RequestVote | PayloadKind::RequestVoteReply => "message--vote",
        PayloadKind::AppendEntries | PayloadKind::AppendEntriesReply => "message--append",
        PayloadKind::ClientRequest | PayloadKind::ClientResponse => "message--client",
        PayloadKind::RequestPreVote | PayloadKind::RequestPreVoteReply => "message--pre-vote",
        PayloadKind::TimeoutNow => "message--timeout-now",
        PayloadKind::InstallSnapshot | PayloadKind::InstallSnapshotReply => "message--snapshot",
    };
    let loaded = message.entries > 0;
    let class = class_list(&[
        Some("message"),
        Some(family),
        Some(if message.kind.is_reply() { "message--reply" } else { "message--request" }),
        message.doomed.then_some("message--doomed"),
        message.copy_of.is_some().then_some("message--copy"),
        props.highlighted.then_some("message--highlight"),
    ]);
    // The shape and its arrowhead are one path, pointing right and then rotated the way the
    // message travels: one element per message keeps frames cheap with 160 in flight.
    let outline = outline(family, loaded);
    let id = message.id;
    let onclick = props.on_select.reform(move |_: MouseEvent| id);
    // Focusable only while paused: no key handler to make for each message of a frame.
    let onkeydown = props.focusable.then(|| on_activate_keys(&props.on_select, id));
    // Named and a button only while paused: while playing, messages move too fast to point at,
    // their layer is hidden from screen readers (the announcement tells the turning points),
    // and each of the up to 160 a frame may create is drawn with no more than it needs.
    let label = props.focusable.then(|| message_label(lang, message));
    // A reply's answer as a small mark above it: a tick, or a cross.
    let answer = message.granted.map(|granted| {
        if granted {
            "M -3.5 -11 L -1 -8.5 L 3.5 -13"
        } else {
            "M -3 -13 L 3 -7.5 M 3 -13 L -3 -7.5"
        }
    });
    let mut glyph = html! {
        <g key={id} {class} transform={translate(message.position)}
           data-message={id.to_string()} data-kind={message.kind.as_str()}
           data-from={message.from.to_string()} data-to={message.to.to_string()} data-doomed={message.doomed.to_string()}
           data-entries={(message.kind == PayloadKind::AppendEntries).then(|| message.entries.to_string())}
           data-granted={message.granted.map(|g| g.to_string())}
           data-copy-of={message.copy_of.map(|original| original.to_string())}
           role={props.focusable.then_some("button")} tabindex={props.focusable.then_some("0")}
           aria-label={label.clone()} aria-expanded={props.focusable.then(|| props.open.to_string())} {onclick} {onkeydown}>
            // While paused, the label as a tooltip, and a wider invisible disc to click or tap
            // (larger on a touch screen, by CSS).
            if let Some(label) = label {
                <title>{ label }</title>
                <circle class="message__hit" r="10" />
            }
            <path class="message__shape" d={outline} transform={format!("rotate({})", number(message.heading))} />
            if loaded {
                <text class="message__count" dy="0.35em">{ message.entries }</text>
            }
            if let Some(answer) = answer {
                <path class={if message.granted == Some(true) { "message__answer" } else { "message__answer message__answer--no" }} d={answer} />
            }
        </g>
    };
    // While playing, a frame delivers and sends up to 160 messages: unkeyed, the elements of
    // the messages delivered are reused for those sent, changing only what differs, instead of
    // removing the ones and creating the others. While paused, each message keeps its element,
    // and the focus with it.
    if !props.focusable {
        let tag = match &mut glyph {
            Html::VTag(tag) => std::rc::Rc::get_mut(tag),
            _ => None,
        };
        debug_assert!(tag.is_some(), "html! makes one element, held once");
        if let Some(tag) = tag {
            tag.key = None;
        }
    }
    glyph
}

/// What a message is called, by screen readers and in its tooltip: its kind, ends and term,
/// what an append carries, a reply's answer, and the original of a copy.
fn message_label(lang: Lang, message: &MessageView) -> String {
    let mut label = lang.message_label(
        message.kind.as_str(),
        &lang.endpoint(message.from),
        &lang.endpoint(message.to),
        (!message.kind.is_client()).then_some(message.term),
    );
    if message.kind == PayloadKind::AppendEntries {
        label = lang.aside(&label, &lang.entries_carried(message.entries));
    }
    if let Some(granted) = message.granted {
        label = lang.aside(&label, lang.answer(granted));
    }
    if let Some(original) = message.copy_of {
        label = lang.aside(&label, &lang.copy_of(original));
    }
    // What the faded, red-outlined drawing says: it will not arrive.
    if message.doomed {
        label = lang.aside(&label, lang.message_doomed());
    }
    label
}
