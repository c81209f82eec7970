//! The cluster drawing: one `<svg>` with a fixed `viewBox`, sized by CSS.

use std::rc::Rc;

use raft_sim::NodeId;
use yew::prelude::*;

use super::{MessageGlyph, NodeGlyph};
use crate::geometry::{CLIENT_POSITION, VIEW_SIZE};
use crate::view::ClusterView;

/// Properties of [`Cluster`].
#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    /// What to draw.
    pub view: Rc<ClusterView>,
    /// A node was clicked or activated from the keyboard.
    pub on_node_activate: Callback<NodeId>,
    /// The empty background was clicked.
    pub on_background: Callback<()>,
}

/// Draws every node on a ring and every message in flight between them.
#[component]
pub fn Cluster(props: &ClusterProps) -> Html {
    let on_background = props.on_background.reform(|_: MouseEvent| ());
    html! {
        <svg class="cluster" viewBox={format!("0 0 {VIEW_SIZE} {VIEW_SIZE}")}
             role="img" aria-label="Raft cluster" xmlns="http://www.w3.org/2000/svg">
            <rect class="cluster__background" width={VIEW_SIZE.to_string()} height={VIEW_SIZE.to_string()}
                  onclick={on_background} />
            <g class="cluster__links" aria-hidden="true">
                { for links(&props.view) }
            </g>
            <g class="cluster__messages">
                { for props.view.messages.iter().map(|message| html! {
                    <MessageGlyph key={message.id} message={message.clone()} />
                }) }
            </g>
            <g class="client" transform={format!("translate({} {})", CLIENT_POSITION.x, CLIENT_POSITION.y)}
               aria-label="Client">
                <rect class="client__body" x="-26" y="-14" width="52" height="28" rx="6" />
                <text class="client__label" dy="0.35em">{ "Client" }</text>
            </g>
            <g class="cluster__nodes">
                { for props.view.nodes.iter().map(|node| html! {
                    <NodeGlyph key={node.id} node={node.clone()} on_activate={props.on_node_activate.clone()} />
                }) }
            </g>
        </svg>
    }
}

/// A faint line for every pair of nodes: the paths messages travel.
fn links(view: &ClusterView) -> impl Iterator<Item = Html> + '_ {
    view.nodes.iter().enumerate().flat_map(move |(index, a)| {
        view.nodes[index + 1..].iter().map(move |b| {
            html! {
                <line key={format!("{}-{}", a.id, b.id)} class="cluster__link"
                      x1={format!("{:.2}", a.position.x)} y1={format!("{:.2}", a.position.y)}
                      x2={format!("{:.2}", b.position.x)} y2={format!("{:.2}", b.position.y)} />
            }
        })
    })
}
