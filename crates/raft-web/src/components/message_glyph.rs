//! One message in flight. Shape tells the RPC (circle: RequestVote, square: AppendEntries);
//! fill tells the direction (solid: request, hollow: reply).

use raft_sim::PayloadKind;
use yew::prelude::*;

use crate::view::MessageView;

/// Properties of [`MessageGlyph`].
#[derive(Properties, PartialEq)]
pub struct MessageGlyphProps {
    /// The message to draw.
    pub message: MessageView,
}

/// The size of a message glyph, in SVG units.
const SIZE: f64 = 11.0;

/// A message moving along its link.
#[component]
pub fn MessageGlyph(props: &MessageGlyphProps) -> Html {
    let message = &props.message;
    let is_vote = matches!(message.kind, PayloadKind::RequestVote | PayloadKind::RequestVoteReply);
    let class = classes!(
        "message",
        if is_vote { "message--vote" } else { "message--append" },
        if message.kind.is_reply() { "message--reply" } else { "message--request" },
    );
    let shape = if is_vote {
        html! { <circle class="message__shape" r={(SIZE / 2.0).to_string()} /> }
    } else {
        let half = SIZE / 2.0;
        html! { <rect class="message__shape" x={(-half).to_string()} y={(-half).to_string()}
        width={SIZE.to_string()} height={SIZE.to_string()} rx="2" /> }
    };
    html! {
        <g {class} transform={format!("translate({:.2} {:.2})", message.position.x, message.position.y)}
           data-message={message.id.to_string()} data-kind={message.kind.as_str()}
           data-from={message.from.to_string()} data-to={message.to.to_string()}>
            <title>{ format!("{} from S{} to S{}, term {}", message.kind, message.from, message.to, message.term) }</title>
            { shape }
        </g>
    }
}
