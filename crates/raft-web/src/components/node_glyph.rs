//! One node: a circle coloured by role, its term inside, its election timer running down
//! around it, and the DOM hooks of the public contract.

use raft_sim::{NodeId, RoleKind};
use yew::prelude::*;

use crate::class_list::class_list;
use crate::geometry::{number, translate, NODE_RADIUS};
use crate::i18n::Lang;
use crate::view::NodeView;

/// What [`node_glyph`] draws, and where its events go.
#[derive(Properties, PartialEq)]
pub struct NodeGlyphProps {
    /// The node to draw.
    pub node: NodeView,
    /// Clicked, or Enter pressed while focused.
    pub on_activate: Callback<NodeId>,
}

/// The accessible name of a node in `lang`, e.g. "Node 3, leader, term 2".
pub fn node_label(lang: Lang, node: &NodeView) -> String {
    lang.node_label(node.id, node.role, node.up, node.term)
}

/// A node of the ring.
pub fn node_glyph(lang: Lang, props: &NodeGlyphProps) -> Html {
    let node = &props.node;
    let id = node.id;
    let onclick = props.on_activate.reform(move |_: MouseEvent| id);
    let on_activate = props.on_activate.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            on_activate.emit(id);
        }
    });
    let role = node.role.as_str();
    let role_class = format!("node--{role}");
    let class = class_list(&[
        Some("node"),
        Some(&role_class),
        (!node.up).then_some("node--down"),
        node.isolated.then_some("node--isolated"),
    ]);
    html! {
        <g key={id} {class}
           transform={translate(node.position)}
           data-node={id.to_string()} data-role={role} data-up={node.up.to_string()}
           data-term={node.term.to_string()}
           role="button" tabindex="0" aria-label={node_label(lang, node)} aria-haspopup="true"
           {onclick} {onkeydown}>
            <circle class="node__body" r={number(NODE_RADIUS)} />
            { timer_arc(node.election_timer_left) }
            <text class="node__term" dy="0.35em">{ node.term }</text>
            <text class="node__name" y={number(NODE_RADIUS + 22.0)}>{ format!("S{id}") }</text>
            { votes_badge(lang, node) }
        </g>
    }
}

/// The election timer as an arc around the node that shrinks as the timer runs down.
fn timer_arc(left: Option<f64>) -> Html {
    let Some(left) = left else {
        return Html::default();
    };
    html! {
        <circle class="node__timer" r={number(NODE_RADIUS + 5.0)} pathLength="1"
                stroke-dasharray={format!("{} 1", raft_sim::fixed(left, 4, 0))} transform="rotate(-90)" />
    }
}

/// A candidate's tally of votes, shown above it.
fn votes_badge(lang: Lang, node: &NodeView) -> Html {
    if node.role != RoleKind::Candidate {
        return Html::default();
    }
    html! {
        <text class="node__votes" y={number(-NODE_RADIUS - 12.0)}>{ lang.votes(node.votes) }</text>
    }
}
