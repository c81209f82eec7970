//! The Client history panel: one lane per client on the timeline's time axis, each read, write
//! and membership change a bar from invocation to response, coloured by outcome, with its
//! linearization point, or highlighted when it is one of the operations that cannot be ordered.

use std::rc::Rc;

use raft_sim::Millis;
use yew::prelude::*;

use crate::geometry::number;
use crate::i18n::Lang;
use crate::view::{ClientHistoryView, HistoryBar, Outcome};

/// Properties of [`ClientHistory`].
#[derive(Properties, PartialEq)]
pub struct ClientHistoryProps {
    /// The page's language.
    pub lang: Lang,
    /// The history, checked.
    pub view: Rc<ClientHistoryView>,
    /// The current moment: open operations reach it.
    pub time_ms: Millis,
    /// A bar was chosen: go to this moment.
    pub on_seek: Callback<Millis>,
}

/// Height of one client's lane, in pixels.
const LANE: f64 = 24.0;
/// Room for the lane's name on the left.
const GUTTER: f64 = 30.0;
/// How wide a row's operations may be on average before the panel shows recent time only.
const MIN_BAR_WIDTH: f64 = 80.0;
/// About how wide a label's Latin character is, in pixels (11 px text); a Chinese one is as
/// wide as the text is high.
const LABEL_CHAR: f64 = 7.0;
/// Height of the time axis under the lanes.
const AXIS: f64 = 16.0;
/// How far apart, at least, the axis' time marks are.
const TICK_SPACING: f64 = 64.0;

/// About how wide `label` is drawn, in pixels.
fn label_width(label: &str) -> f64 {
    label.chars().map(|c| if c.is_ascii() { LABEL_CHAR } else { 11.0 }).sum()
}

/// The panel. Its drawing is as wide as the panel was when last drawn (measured after each
/// drawing), so the labels keep their size on a phone; a narrower window scales it down until
/// the next drawing.
#[component]
pub fn ClientHistory(props: &ClientHistoryProps) -> Html {
    let panel = use_node_ref();
    let width = use_state(|| 600.0);
    {
        let (panel, width) = (panel.clone(), width.clone());
        use_effect(move || {
            let measured = panel.cast::<web_sys::Element>().map_or(0.0, |element| f64::from(element.client_width()));
            if measured > 0.0 && (measured - *width).abs() >= 1.0 {
                width.set(measured);
            }
        });
    }
    let l = props.lang.history_texts();
    let view = &props.view;
    // One Tab stop for every operation (a steady client makes hundreds): the one last
    // focused, or the latest; ↓ and ↑, Home and End move between them (→ and ← step the run,
    // as everywhere on the page).
    let focused = use_state(|| None::<u64>);
    let span = (*width - GUTTER - 6.0).max(10.0);
    // A client writing on its own makes more operations than the panel's width can show: then
    // it shows the recent ones.
    let axis = view.axis(props.time_ms, (span / MIN_BAR_WIDTH) as usize);
    let shown: Vec<usize> =
        (0..view.bars.len()).filter(|&i| view.bars[i].end.unwrap_or(props.time_ms) >= axis.from).collect();
    let roving =
        focused.filter(|id| shown.iter().any(|&i| view.bars[i].id == *id)).or(shown.last().map(|&i| view.bars[i].id));
    let onkeydown = {
        let (panel, order) = (panel.clone(), shown.iter().map(|&i| view.bars[i].id).collect::<Vec<_>>());
        Callback::from(move |event: KeyboardEvent| move_between_bars(&panel, &order, &event))
    };
    let onfocusin = {
        let focused = focused.clone();
        Callback::from(move |event: FocusEvent| {
            let id = event.target_dyn_into::<web_sys::Element>().and_then(|element| element.get_attribute("data-op"));
            if let Some(id) = id.and_then(|id| id.parse().ok()) {
                focused.set(Some(id));
            }
        })
    };
    let lanes = view.bars.iter().map(|bar| bar.client).max().unwrap_or(1);
    // Each client's lane is as many rows tall as its overlapping operations need.
    let tops: Vec<f64> = (1..=lanes + 1)
        .scan(0.0, |top, client| {
            let this = *top;
            *top += LANE * f64::from(view.rows(client));
            Some(this)
        })
        .collect();
    let lanes_bottom = tops[lanes as usize];
    let height = lanes_bottom + AXIS + 4.0;
    let length = (axis.to - axis.from) as f64;
    let x = |ms: Millis| GUTTER + span * (ms.saturating_sub(axis.from) as f64 / length);
    html! {
        <section class="client-history" ref={panel} aria-label={l.title}>
            <h2 class="client-history__title">{ l.title }</h2>
            if axis.recent {
                <p class="client-history__window">{ props.lang.history_window(axis.from, axis.to) }</p>
            }
            <svg class="client-history__lanes" width={number(*width)} height={number(height)}
                 viewBox={format!("0 0 {} {}", number(*width), number(height))} role="group" aria-label={l.title}
                 {onkeydown} {onfocusin}>
                { draw_ticks(props.lang, &axis.ticks((span / TICK_SPACING) as usize), &x, GUTTER + span, lanes_bottom) }
                { for (1..=lanes).map(|client| {
                    let (y, bottom) = (tops[client as usize - 1], tops[client as usize]);
                    html! {
                        <g class="client-history__lane" data-lane={client.to_string()}>
                            <line class="client-history__rule" x1={number(GUTTER)} x2={number(GUTTER + span)}
                                  y1={number(bottom - 2.0)} y2={number(bottom - 2.0)} />
                            <text class="client-history__name" x="2" y={number(y + 16.0)}>{ format!("C{client}") }</text>
                        </g>
                    }
                }) }
                // A group of its own, so that the bars are a list of keyed elements alone.
                <g class="client-history__bars">
                { for shown.iter().map(|&i| {
                    let bar = &view.bars[i];
                    // Room for the label: after the bar, up to the next bar in its row or the
                    // axis' end; before it, back to the previous bar's end and the label that may
                    // follow it, or the lane's name.
                    let same_row = |other: &&HistoryBar| (other.client, other.row) == (bar.client, bar.row);
                    let next = view.bars[i + 1..].iter().find(same_row);
                    let previous = view.bars[..i].iter().rev().find(same_row).filter(|other| other.end.unwrap_or(props.time_ms) >= axis.from);
                    let room = (
                        previous.map_or(GUTTER, |other| {
                            let marks = (l.write_mark, l.read_mark);
                            let label = ClientHistoryView::label(other, marks);
                            x(other.end.unwrap_or(props.time_ms)) + 12.0 + label_width(&label)
                        }),
                        next.map_or(GUTTER + span, |other| x(other.start)),
                    );
                    let top = tops[(bar.client as usize).saturating_sub(1)] + LANE * f64::from(bar.row);
                    draw_bar(props, bar, &x, room, top, roving == Some(bar.id))
                }) }
                </g>
            </svg>
        </section>
    }
}

/// The axis' time marks, `ticks`: a faint line across the lanes (which end at `bottom`) and
/// the moment in seconds under them, kept inside the axis' right end `end`.
fn draw_ticks(lang: Lang, ticks: &[Millis], x: &impl Fn(Millis) -> f64, end: f64, bottom: f64) -> Html {
    html! {
        <g class="client-history__axis" aria-hidden="true">
            { for ticks.iter().map(|&tick| {
                let at = x(tick);
                let anchor = if at + 16.0 > end { "end" } else if at < GUTTER + 16.0 { "start" } else { "middle" };
                html! {
                    <>
                        <line x1={number(at)} x2={number(at)} y1="0" y2={number(bottom)} />
                        <text x={number(at)} y={number(bottom + 12.0)} text-anchor={anchor}>{ lang.seconds(tick) }</text>
                    </>
                }
            }) }
        </g>
    }
}

/// One operation's bar, its label and its linearization point, in the row whose top is `top`;
/// `room` is how far its label may reach to the left and to the right.
fn draw_bar(
    props: &ClientHistoryProps,
    bar: &HistoryBar,
    x: &impl Fn(Millis) -> f64,
    room: (f64, f64),
    top: f64,
    tab_stop: bool,
) -> Html {
    let l = props.lang.history_texts();
    let y = top + 4.0;
    let (left, right) = (x(bar.start), x(bar.end.unwrap_or(props.time_ms)));
    let label = ClientHistoryView::label(bar, (l.write_mark, l.read_mark));
    let outcome = match bar.outcome {
        Outcome::Ok => l.ok,
        Outcome::Unknown => l.unknown,
        Outcome::Failed => l.failed,
        Outcome::Open => l.open,
    };
    // A change's label is names alone: its name says the change in words.
    let what = bar.change.as_ref().map_or_else(|| label.clone(), |change| props.lang.change(change));
    // When it ran, which the axis shows and a screen reader cannot see.
    let time = |ms| crate::components::timeline::format_time(props.lang, ms);
    let span = props.lang.history_span(&time(bar.start), bar.end.map(time).as_deref());
    let name = format!("C{} {what}{}{span}{}{outcome}", bar.client, props.lang.comma(), props.lang.colon());
    let label_width = label_width(&label);
    // Inside a bar long enough to hold it, else just after the bar, else just before it (a
    // bar at the axis' end); left out (it is in the bar's name) where neither side has room.
    let label_x = if right - left >= 70.0 { left + 4.0 } else { right.max(left + 3.0) + 3.0 };
    let label_at = if label_x + label_width + 4.0 <= room.1 {
        Some((label_x, "start"))
    } else if left - 3.0 - label_width >= room.0 {
        Some((left - 3.0, "end"))
    } else {
        None
    };
    let offending = if bar.offending { " client-history__bar--offending" } else { "" };
    let class = format!("client-history__bar client-history__bar--{}{offending}", bar.outcome.as_str());
    let at = bar.end.unwrap_or(bar.start);
    let onclick = props.on_seek.reform(move |_: MouseEvent| at);
    let onkeydown = super::activate_keys::on_activate_keys(&props.on_seek, at);
    html! {
        // Keyed: the operation focused keeps its element, and the focus, as the stretch shown
        // moves under it.
        <g key={bar.id} {class} data-op={bar.id.to_string()} data-outcome={bar.outcome.as_str()} data-offending={bar.offending.to_string()}
           role="button" tabindex={if tab_stop { "0" } else { "-1" }} aria-label={name.clone()} {onclick} {onkeydown}>
            <title>{ name }</title>
            <rect x={number(left)} y={number(y)} width={number((right - left).max(3.0))} height="16" rx="3" />
            if let Some((label_x, anchor)) = label_at {
                <text x={number(label_x)} y={number(y + 12.0)} text-anchor={anchor}>{ label }</text>
            }
            if let Some(point) = bar.point.filter(|&point| x(point) > GUTTER) {
                <line class="client-history__point" x1={number(x(point))} x2={number(x(point))}
                      y1={number(y - 2.0)} y2={number(y + 18.0)} />
            }
        </g>
    }
}

/// Moves the focus from the operation focused to the next (↓), the previous (↑), the first
/// (Home) or the last (End) of `order`, the operations' ids as drawn.
fn move_between_bars(panel: &NodeRef, order: &[u64], event: &KeyboardEvent) {
    let Some(panel) = panel.cast::<web_sys::Element>() else { return };
    let current = gloo::utils::document()
        .active_element()
        .and_then(|element| element.get_attribute("data-op"))
        .and_then(|id| id.parse::<u64>().ok())
        .and_then(|id| order.iter().position(|&known| known == id));
    let (Some(current), Some(last)) = (current, order.len().checked_sub(1)) else { return };
    let Some(target) = super::roving::roving_target(&event.key(), current, last) else { return };
    event.prevent_default();
    if let Ok(Some(bar)) = panel.query_selector(&format!("[data-op=\"{}\"]", order[target])) {
        crate::hooks::focus_quietly(&bar);
    }
}
