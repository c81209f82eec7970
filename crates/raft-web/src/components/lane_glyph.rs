//! One direction of a link. Clicking it cuts or mends that direction.

use raft_sim::NodeId;
use yew::prelude::*;

use crate::class_list::class_list;
use crate::geometry::{heading, number, translate, Point};

use crate::i18n::Lang;
use crate::view::LaneView;

/// What [`lane_glyph`] draws, and where its events go.
#[derive(Properties, PartialEq)]
pub struct LaneGlyphProps {
    /// The lane to draw.
    pub lane: LaneView,
    /// Clicked: (from, to, whether it is cut now).
    pub on_toggle: Callback<(NodeId, NodeId, bool)>,
}

/// A lane: faint when open, red and dashed when cut, faded when a partition blocks it. A wide
/// transparent stroke makes it easy to hit. The keyboard path to the same action is the node
/// menu's link toggles, so lanes stay out of the Tab order.
pub fn lane_glyph(lang: Lang, props: &LaneGlyphProps) -> Html {
    let lane = &props.lane;
    let (a, b) = lane.ends;
    let (from, to, cut) = (lane.from, lane.to, lane.cut);
    let onclick = props.on_toggle.reform(move |_: MouseEvent| (from, to, cut));
    let class =
        class_list(&[Some("lane"), lane.cut.then_some("lane--cut"), lane.partitioned.then_some("lane--partitioned")]);
    let title = lang.lane_title(from, to, cut, lane.partitioned);
    let (x1, y1, x2, y2) = (number(a.x), number(a.y), number(b.x), number(b.y));
    // A cut lane shows which way it is cut: an arrowhead at its middle, pointing from→to.
    let middle = Point { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 };
    let arrow = format!("{} rotate({})", translate(middle), number(heading(a, b)));
    html! {
        <g key={format!("{from}-{to}")} {class} data-lane={format!("{from}-{to}")} data-cut={cut.to_string()} {onclick}>
            <title>{ title }</title>
            <line class="lane__hit" x1={x1.clone()} y1={y1.clone()} x2={x2.clone()} y2={y2.clone()} />
            <line class="lane__line" {x1} {y1} {x2} {y2} />
            if cut {
                <path class="lane__arrow" transform={arrow} d="M -5 -5 L 5 0 L -5 5 Z" />
            }
        </g>
    }
}
