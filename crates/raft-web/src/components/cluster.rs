//! The cluster drawing: one `<svg>` with a fixed `viewBox`, sized by CSS.

use std::rc::Rc;

use raft_sim::NodeId;
use yew::prelude::*;

use super::activate_keys::on_activate_keys;
use super::node_glyph::{kv_glyph, name_glyph};
use super::tally::{tally_glyph, tally_spots, Letters};
use super::{lane_glyph, message_glyph, node_glyph, LaneGlyphProps, MessageGlyphProps, NodeGlyphProps};
use crate::geometry::{number, translate, CLIENT_POSITION, VIEW_SIZE};
use crate::i18n::Lang;
use crate::view::ClusterView;

/// Properties of [`Cluster`].
#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// What to draw.
    pub view: Rc<ClusterView>,
    /// A node was clicked or activated from the keyboard.
    pub on_node_activate: Callback<NodeId>,
    /// The empty background was clicked.
    pub on_background: Callback<()>,
    /// A lane was clicked: (from, to, whether it is cut now).
    #[prop_or_default]
    pub on_lane: Callback<(NodeId, NodeId, bool)>,
    /// A message was clicked.
    #[prop_or_default]
    pub on_message: Callback<u64>,
    /// Messages can be reached with Tab (while paused).
    #[prop_or_default]
    pub messages_focusable: bool,
    /// The node whose menu is open.
    #[prop_or_default]
    pub selected: Option<NodeId>,
    /// The message whose panel is open, if any.
    #[prop_or_default]
    pub open_message: Option<u64>,
    /// Whether the client's write form is open.
    #[prop_or_default]
    pub client_open: bool,
    /// The client box was clicked (or activated from the keyboard).
    #[prop_or_default]
    pub on_client: Callback<()>,
}

/// Draws every node on a ring and every message in flight between them.
#[component]
pub fn Cluster(props: &ClusterProps) -> Html {
    let on_background = props.on_background.reform(|_: MouseEvent| ());
    let on_client_key = on_activate_keys(&props.on_client, ());
    let lang = props.lang;
    let t = lang.texts();
    html! {
        <svg class="cluster" viewBox={format!("0 0 {0} {0}", number(VIEW_SIZE))}
             role="group" aria-label={t.raft_cluster} xmlns="http://www.w3.org/2000/svg">
            <rect class="cluster__background" width={number(VIEW_SIZE)} height={number(VIEW_SIZE)}
                  onclick={on_background} />
            // Clicked with a pointer; from the keyboard, a server's menu cuts and heals its links.
            <g class="cluster__lanes" aria-hidden="true">
                { for props.view.lanes.iter().map(|lane| lane_glyph(lang, &LaneGlyphProps { lane: lane.clone(), on_toggle: props.on_lane.clone() })) }
            </g>
            <g class={if props.client_open { "client client--open" } else { "client" }} transform={translate(CLIENT_POSITION)}
               data-client="true" role="button" tabindex="0" aria-haspopup="dialog"
               aria-expanded={props.client_open.to_string()} aria-label={client_name(lang, &props.view.workloads)}
               onclick={props.on_client.reform(|_: MouseEvent| ())} onkeydown={on_client_key}>
                <title>{ lang.learner_texts().client_title }</title>
                <rect class="client__body" x="-26" y="-14" width="52" height="28" rx="6" />
                <text class="client__label" dy="0.35em">{ t.client }</text>
                // The clients writing on their own, one line each under the box, spaced by
                // the text's own size (larger on a phone).
                if !props.view.workloads.is_empty() {
                    <text class="client__steady" x="-26" y="27">
                        { for props.view.workloads.iter().enumerate().map(|(line, &(client, every_ms))| html! {
                            <tspan x="-26" dy={if line == 0 { "0" } else { "1.15em" }}>{ lang.steady_badge(client, every_ms) }</tspan>
                        }) }
                    </text>
                }
            </g>
            <g class="cluster__nodes">
                { for props.view.nodes.iter().map(|node| node_glyph(lang, &NodeGlyphProps {
                    node: node.clone(),
                    on_activate: props.on_node_activate.clone(),
                    selected: props.selected == Some(node.id),
                    highlighted: props.view.highlight.nodes.contains(&node.id),
                    changed: props.view.changed.contains(&node.id),
                }) ) }
            </g>
            // After the servers, so that Tab reaches the client and every server before the
            // messages in flight (while paused), and a message is drawn over the server it leaves.
            // While playing, messages are not buttons and their layer is hidden from screen
            // readers: it changes every frame.
            <g class="cluster__messages" aria-hidden={(!props.messages_focusable).then_some("true")}>
                { for props.view.messages.iter().map(|message| message_glyph(lang, &MessageGlyphProps {
                        message: message.clone(),
                        on_select: props.on_message.clone(),
                        focusable: props.messages_focusable,
                        highlighted: props.view.highlight.messages.contains(&message.id),
                        open: props.open_message == Some(message.id),
                    })) }
                { for props.view.losses.iter().map(|loss| html! {
                    <g key={format!("loss-{}", loss.id)} class="loss" aria-hidden="true"
                       transform={translate(loss.position)}
                       opacity={number(loss.freshness)}>
                        <path class="loss__mark" d="M -6 -6 L 6 6 M 6 -6 L -6 6" />
                    </g>
                }) }
            </g>
            // Over the messages, which pass under the servers' names and state machines' words
            // (they take no clicks).
            <g class="cluster__names" aria-hidden="true">
                { for props.view.nodes.iter().map(name_glyph) }
            </g>
            <g class="cluster__kv">
                { for props.view.nodes.iter().map(|node| kv_glyph(lang, node, props.view.nodes.len())) }
            </g>
            <g class="cluster__votes" aria-hidden="true">
                { for tally_spots(lang, &props.view.nodes, narrow_letters).into_iter()
                    .map(|(index, text, spot)| tally_glyph(&props.view.nodes[index], text, spot)) }
            </g>
        </svg>
    }
}

/// The drawing's letters as `playground.css` sizes them for this window: larger on a narrow
/// screen (`max-width: 40rem`, as the style sheet asks).
fn narrow_letters() -> Letters {
    let narrow = gloo::utils::window().match_media("(max-width: 40rem)").ok().flatten().is_some_and(|m| m.matches());
    if narrow {
        Letters::NARROW
    } else {
        Letters::WIDE
    }
}

/// The client box's accessible name: what it does, and which clients write on their own.
fn client_name(lang: Lang, workloads: &[(raft_sim::ClientId, raft_sim::Millis)]) -> String {
    let mut name = lang.learner_texts().client_title.to_owned();
    for &(client, every_ms) in workloads {
        name.push_str(if lang == Lang::Zh { "；" } else { "; " });
        name.push_str(&lang.steady_badge(client, every_ms));
    }
    name
}
