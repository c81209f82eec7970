//! One node: a circle coloured by role, its term inside, its election timer running down
//! around it, and the DOM hooks of the public contract.

use raft_sim::{NodeId, RoleKind};
use yew::prelude::*;

use super::activate_keys::on_activate_keys;
use crate::class_list::{class_list, term_class};
use crate::geometry::{number, translate, Anchor, NODE_RADIUS, VIEW_SIZE};
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

/// A drifting clock's badge: its height, and its width per letter of the factor and beyond
/// them (10 px letters; a phone's larger ones scale the whole badge).
const CLOCK_BADGE: (f64, f64, f64) = (14.0, 6.2, 8.0);

/// A server's name's baseline, below its circle's rim.
pub const NAME_BELOW: f64 = 22.0;
/// Its state machine's baseline, below its circle's rim, when drawn below its name.
pub const KV_BELOW: f64 = 37.0;

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
    if node.clock_percent != raft_sim::EXACT_PERCENT {
        label = format!("{label}{}{}", lang.comma(), lang.clock_label(node.clock_percent));
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
            // A clock that does not keep real time, as a factor on a badge across the circle's
            // top (leases trust clocks, thesis §6.4.1), dark on any role's colour; the node's
            // accessible name says it in words.
            if node.clock_percent != raft_sim::EXACT_PERCENT {
                { clock_badge(node.clock_percent) }
            }
        </g>
    }
}

/// The server's name below it, drawn over the messages in flight (on a ring of many servers
/// they leave through it) with a halo of the page's colour. The node's button names it to
/// screen readers.
pub fn name_glyph(node: &NodeView) -> Html {
    let class = if node.standing == Standing::Outside { "node__name node__name--outside" } else { "node__name" };
    html! {
        <text key={node.id} {class} x={number(node.position.x)} y={number(node.position.y + NODE_RADIUS + NAME_BELOW)}
              data-name-node={node.id.to_string()}>
            { format!("S{}", node.id) }
        </text>
    }
}

/// The server's state machine, drawn beside it: below its name, or beside its name for a server
/// at the bottom of the ring. Outside the node's button, so that screen readers read it too.
pub fn kv_glyph(lang: Lang, node: &NodeView, servers: usize) -> Html {
    let mut all = node.kv.join(", ");
    if node.kv_len > node.kv.len() {
        all.push_str(", …");
    }
    let line = kv_line(node, servers);
    html! {
        <text key={node.id} class={line.class()} x={number(line.x)} y={number(line.y)}
              data-kv-node={node.id.to_string()}
              aria-label={lang.kv_label(node.id, if all.is_empty() { "∅" } else { &all })}>
            { line.text }
        </text>
    }
}

/// A server's state machine as drawn: its words, where and how they are anchored, and their
/// size.
pub struct KvLine {
    /// The pairs shown, cut short, or `∅`.
    pub text: String,
    /// Where the text is anchored.
    pub x: f64,
    /// Its baseline.
    pub y: f64,
    /// Centred below the name, or ending or starting beside it.
    pub anchor: Anchor,
    /// It keeps its small letters on a phone (a crowded ring's).
    pub small: bool,
}

impl KvLine {
    /// Its classes: `node__kv`, with `--before`/`--after` (anchored at its end or start) and
    /// `--crowded`.
    fn class(&self) -> &'static str {
        match (self.anchor, self.small) {
            (Anchor::Middle, _) => "node__kv",
            (Anchor::End, false) => "node__kv node__kv--before",
            (Anchor::End, true) => "node__kv node__kv--before node__kv--crowded",
            (Anchor::Start, false) => "node__kv node__kv--after",
            (Anchor::Start, true) => "node__kv node__kv--after node__kv--crowded",
        }
    }
}

/// Where and what [`kv_glyph`] draws for `node` on a ring of `servers`.
pub fn kv_line(node: &NodeView, servers: usize) -> KvLine {
    let room = if servers > ROOMY_RING { 1 } else { KV_SHOWN };
    let crowded = servers > CROWDED_RING;
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
    let below = NODE_RADIUS + KV_BELOW;
    // On a crowded ring it keeps its small letters on a phone, to stay inside the drawing.
    let (dx, y, anchor) = if !crowded && node.position.y + below + 4.0 <= VIEW_SIZE {
        (0.0, below, Anchor::Middle)
    } else if node.position.x < VIEW_SIZE / 2.0 {
        (-14.0, NODE_RADIUS + NAME_BELOW, Anchor::End)
    } else {
        (14.0, NODE_RADIUS + NAME_BELOW, Anchor::Start)
    };
    KvLine { text, x: node.position.x + dx, y: node.position.y + y, anchor, small: crowded }
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

/// A drifting clock's factor (`0.5×`) on a dark badge centred on the top of the circle.
fn clock_badge(percent: u32) -> Html {
    let factor = crate::i18n_clock::clock_factor(percent);
    let (height, per_letter, padding) = CLOCK_BADGE;
    let width = per_letter * factor.chars().count() as f64 + padding;
    html! {
        <g transform={format!("translate(0 {})", number(-NODE_RADIUS))} aria-hidden="true">
            <g class="node__clock" data-clock={percent.to_string()}>
                <rect x={number(-width / 2.0)} y={number(-height / 2.0)} width={number(width)}
                      height={number(height)} rx={number(height / 2.0)} />
                <text dy="0.35em">{ factor }</text>
            </g>
        </g>
    }
}
