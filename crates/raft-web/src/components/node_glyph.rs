//! One node: a circle coloured by role, its term inside, its election timer running down
//! around it, and the DOM hooks of the public contract.

use raft_sim::{NodeId, RoleKind};
use yew::prelude::*;

use super::activate_keys::on_activate_keys;
use crate::class_list::{class_list, term_class};
use crate::geometry::{number, translate, NODE_RADIUS, VIEW_SIZE};
use crate::i18n::Lang;
use crate::view::{NodeView, Standing};

/// What [`node_glyph`] draws, and where its events go.
#[derive(Properties, PartialEq)]
pub struct NodeGlyphProps {
    /// The node to draw.
    pub node: NodeView,
    /// Clicked, or Enter pressed while focused.
    pub on_activate: Callback<NodeId>,
    /// Its menu is open.
    pub selected: bool,
    /// A lesson's step points at it.
    pub highlighted: bool,
    /// The last step changed its role, term, vote, tally or running state.
    pub changed: bool,
}

/// At most this many `key=value` pairs are drawn beside a server; its accessible name and its
/// menu list them all.
const KV_SHOWN: usize = 3;

/// With more servers than this on the ring, neighbours are close: one pair is drawn, then `…`.
const ROOMY_RING: usize = 5;
/// Above this many servers, the ring has no room below a name: every state machine is drawn
/// on its name's line.
const CROWDED_RING: usize = 7;

/// The longest `key=value` drawn beside a server, in characters.
const KV_CHARS: usize = 10;
/// On a crowded ring, where the pair stands beside the name, pointing out of the ring: short
/// enough to stay inside the drawing at a phone's larger letters.
const KV_CHARS_CROWDED: usize = 4;

/// The accessible name of a node in `lang`, e.g. "S3, leader, term 2", "S2, follower, term 1,
/// isolated", or "S6, learner (catching up, not voting yet), term 2": a learner runs as a
/// follower, named by what it is instead.
pub fn node_label(lang: Lang, node: &NodeView) -> String {
    let learning = node.up && node.role == RoleKind::Follower && node.standing == Standing::Learner;
    let mut label = if learning {
        lang.learner_label(node.id, node.term)
    } else {
        lang.node_label(node.id, node.role, node.up, node.term)
    };
    let standing = if learning { None } else { lang.standing(node.standing) };
    let isolated = node.isolated.then_some(lang.texts().isolated);
    for said in isolated.into_iter().chain(standing) {
        label = format!("{label}{}{said}", lang.comma());
    }
    label
}

/// A node of the ring.
pub fn node_glyph(lang: Lang, props: &NodeGlyphProps) -> Html {
    let node = &props.node;
    let id = node.id;
    let onclick = props.on_activate.reform(move |_: MouseEvent| id);
    let onkeydown = on_activate_keys(&props.on_activate, id);
    // A learner is a follower to Raft; the drawing and its hook call it what it is. A crashed
    // server has no role (its volatile state is gone): its hook says `down`, as `raftsim run`
    // does, so that `[data-role=leader]` finds only a leader that runs.
    let role = if node.standing == Standing::Learner { "learner" } else { node.role.as_str() };
    let data_role = if node.up { role } else { "down" };
    let role_class = format!("node--{role}");
    let class = class_list(&[
        Some("node"),
        Some(&role_class),
        (!node.up).then_some("node--down"),
        node.isolated.then_some("node--isolated"),
        (node.standing == Standing::Outside).then_some("node--outside"),
        props.highlighted.then_some("node--highlight"),
        props.changed.then_some("node--changed"),
    ]);
    let band = format!("node__band {}", term_class(node.term));
    html! {
        <g key={id} {class}
           transform={translate(node.position)}
           data-node={id.to_string()} data-role={data_role} data-up={node.up.to_string()}
           data-term={node.term.to_string()} data-member={(node.standing == Standing::Voter).to_string()}
           data-selected={props.selected.to_string()} data-changed={props.changed.then_some("true")}
           role="button" tabindex="0" aria-label={node_label(lang, node)} aria-haspopup="dialog"
           aria-expanded={props.selected.to_string()} {onclick} {onkeydown}>
            if props.highlighted {
                <circle class="node__highlight" r={number(NODE_RADIUS + 7.0)} />
            }
            if props.selected {
                <circle class="node__selection" r={number(NODE_RADIUS + 10.0)} />
            }
            // Inside the selection ring, which stands for it while the menu is open.
            if props.changed && !props.selected {
                <circle class="node__changed" r={number(NODE_RADIUS + 9.0)} />
            }
            <circle class="node__body" r={number(NODE_RADIUS)} />
            <circle class={band} r={number(NODE_RADIUS - 4.5)} />
            { timer_arc(node.election_timer_left) }
            <text class="node__term" dy="0.35em">{ node.term }</text>
        </g>
    }
}

/// The server's name below it, drawn over the messages in flight (on a ring of many servers
/// they leave through it) with a halo of the page's colour. The node's button names it to
/// screen readers.
pub fn name_glyph(node: &NodeView) -> Html {
    let class = if node.standing == Standing::Outside { "node__name node__name--outside" } else { "node__name" };
    html! {
        <text key={node.id} {class} x={number(node.position.x)} y={number(node.position.y + NODE_RADIUS + 22.0)}
              data-name-node={node.id.to_string()}>
            { format!("S{}", node.id) }
        </text>
    }
}

/// The server's state machine, drawn beside it: below its name, or beside its name for a server
/// at the bottom of the ring. Outside the node's button, so that screen readers read it too.
pub fn kv_glyph(lang: Lang, node: &NodeView, servers: usize) -> Html {
    let room = if servers > ROOMY_RING { 1 } else { KV_SHOWN };
    let crowded = servers > CROWDED_RING;
    let mut all = node.kv.join(", ");
    if node.kv_len > node.kv.len() {
        all.push_str(", …");
    }
    let mut shown: Vec<String> = node
        .kv
        .iter()
        .take(room)
        .map(|pair| match pair.char_indices().nth(if crowded { KV_CHARS_CROWDED } else { KV_CHARS }) {
            Some((cut, _)) => format!("{}…", &pair[..cut]),
            None => pair.clone(),
        })
        .collect();
    // On a crowded ring one `…` says there is more, whether the pair was cut or others follow.
    let cut = shown.first().is_some_and(|pair| pair.ends_with('…'));
    if node.kv_len > room && !(crowded && cut) {
        shown.push("…".to_owned());
    }
    let text = if shown.is_empty() { "∅".to_owned() } else { shown.join(" ") };
    // Below the name; for a server at the bottom of the ring, where that would leave the view,
    // or on a crowded ring, where it would touch the next server, on the name's line, on the
    // side away from the ring's centre (never inside the ring, where it would read as nobody's).
    let below = NODE_RADIUS + 37.0;
    // On a crowded ring it keeps its small letters on a phone, to stay inside the drawing.
    let (dx, y, class) = if !crowded && node.position.y + below + 4.0 <= VIEW_SIZE {
        (0.0, below, None)
    } else if node.position.x < VIEW_SIZE / 2.0 {
        let class = if crowded { "node__kv node__kv--before node__kv--crowded" } else { "node__kv node__kv--before" };
        (-14.0, NODE_RADIUS + 22.0, Some(class))
    } else {
        let class = if crowded { "node__kv node__kv--after node__kv--crowded" } else { "node__kv node__kv--after" };
        (14.0, NODE_RADIUS + 22.0, Some(class))
    };
    html! {
        <text key={node.id} class={class.unwrap_or("node__kv")} x={number(node.position.x + dx)}
              y={number(node.position.y + y)}
              data-kv-node={node.id.to_string()}
              aria-label={lang.kv_label(node.id, if all.is_empty() { "∅" } else { &all })}>
            { text }
        </text>
    }
}

/// The election timer as an arc around the node that shrinks as the timer runs down.
fn timer_arc(left: Option<f64>) -> Html {
    let Some(left) = left else {
        return Html::default();
    };
    html! {
        <circle class="node__timer" r={number(NODE_RADIUS + 5.0)} pathLength="1"
                stroke-dasharray={format!("{} 1", crate::number_text::rounded(left, 4))} transform="rotate(-90)" />
    }
}

/// A running candidate's tally of votes, shown above it (a crashed one campaigns no more); below
/// its state for a server on the upper side of a ring of five or so, where above it would run
/// over the top server's name and state (on a phone's larger letters).
/// Drawn over the messages, with a halo of the page's colour, so that a vote arriving does not
/// hide it.
pub fn votes_glyph(lang: Lang, node: &NodeView) -> Html {
    if node.role != RoleKind::Candidate || !node.up {
        return Html::default();
    }
    // Centred over the server, but from its outer edge inwards near the drawing's sides, where
    // "votes: 2, needs 3" would run off it (on a phone's larger letters).
    let (class, x) = if node.position.x < VIEW_SIZE / 4.0 {
        ("node__votes node__votes--start", node.position.x - NODE_RADIUS)
    } else if node.position.x > VIEW_SIZE * 3.0 / 4.0 {
        ("node__votes node__votes--end", node.position.x + NODE_RADIUS)
    } else {
        ("node__votes", node.position.x)
    };
    let (center, side) = (VIEW_SIZE / 2.0, (node.position.x - VIEW_SIZE / 2.0).abs() > NODE_RADIUS);
    let upper_side = side && node.position.y < center - 1.0 && node.position.y >= VIEW_SIZE * 0.3;
    let y = if upper_side { node.position.y + NODE_RADIUS + 53.0 } else { node.position.y - NODE_RADIUS - 12.0 };
    html! {
        <text {class} x={number(x)} y={number(y)} data-votes-node={node.id.to_string()}>
            { lang.votes(node.votes, node.votes_needed) }
        </text>
    }
}
