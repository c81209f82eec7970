//! Every node's log, one row per node and one column per index, under the ring.

use raft_sim::NodeId;
use yew::prelude::*;

use crate::class_list::{class_list, term_class};
use crate::i18n::{Lang, Texts};
use crate::view::{LogRow, LogsView};

/// Properties of [`LogTable`].
#[derive(Properties, PartialEq)]
pub struct LogTableProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// The logs to show.
    pub logs: LogsView,
    /// Scroll to a first index, or back to the latest entries (`None`).
    pub on_scroll: Callback<Option<u64>>,
    /// The servers a lesson's step points at: a box too short for every row (an embed's)
    /// scrolls their rows into view (those of the entries it points at too).
    #[prop_or_default]
    pub pointed_at: Vec<u32>,
    /// Which run the logs are of (`Playground::run`): another run's are drawn anew.
    #[prop_or_default]
    pub run: u64,
}

/// The log table. Each entry shows its term (also as its colour) and command; committed
/// entries are solid, uncommitted ones dashed.
#[component]
pub fn LogTable(props: &LogTableProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let logs = &props.logs;
    // Following the latest entries, a table wider than its box shows its right end once entries
    // are added: the newest index and the column where the next entry goes. First drawn, it
    // shows its left end from index 1 (a preset's logs at time 0 read from their start), or
    // its right end for a later page of a long log; so does a new run's.
    let container = use_node_ref();
    let last_shown = use_mut_ref(|| None::<(u64, u64)>);
    {
        let container = container.clone();
        let following = logs.last_index == logs.longest;
        let key = (following, logs.last_index, logs.first_index, props.run);
        use_effect_with(key, move |&(following, last, first, run)| {
            let before = last_shown.replace(Some((run, last))).filter(|&(shown, _)| shown == run);
            let added = before.is_some_and(|(_, before)| last > before);
            let later_page = before.is_none() && first > 1;
            if let Some(element) = container.cast::<web_sys::Element>().filter(|_| following && (added || later_page)) {
                element.set_scroll_left(element.scroll_width());
            }
        });
    }
    {
        let container = container.clone();
        let mut rows = props.pointed_at.clone();
        rows.extend(logs.highlight.iter().map(|&(node, _)| node));
        rows.sort_unstable();
        rows.dedup();
        // Again when the table appears: an empty log has no rows to show.
        use_effect_with((rows, logs.highlight.clone(), logs.last_index == 0), move |(rows, _, _)| {
            if let Some(element) = container.cast::<web_sys::Element>() {
                // The highest row, then the lowest, as little as needed: all of them when they
                // fit, else the lowest whole under as much of the others as fits.
                for &row in rows.first().into_iter().chain(rows.last()) {
                    show_row(&element, row);
                }
                show_ringed_columns(&element);
            }
        });
    }
    if logs.last_index == 0 {
        return html! {
            <>
                <h2 class="visually-hidden" data-skip-target="logs" tabindex="-1">{ t.logs }</h2>
                <p class="logs logs--empty">{ t.logs_empty }</p>
            </>
        };
    }
    // One column past the longest log, where a caught-up follower's nextIndex points.
    let at_end = logs.last_index == logs.longest;
    let indexes = logs.first_index..=logs.last_index + u64::from(at_end);
    let window = logs.last_index + 1 - logs.first_index;
    let older = logs.first_index.saturating_sub(window).max(1);
    let newer = logs.first_index + window;
    let scroll = |first: Option<u64>| props.on_scroll.reform(move |_: MouseEvent| first);
    html! {
        // Named: a box that scrolls sideways takes the keyboard's focus.
        <div class="logs" ref={container} role="region" aria-label={t.logs}>
            // A heading to move to the logs by, for screen readers; unseen.
            <h2 class="visually-hidden" data-skip-target="logs" tabindex="-1">{ t.logs }</h2>
            <table class="logs__table" aria-label={t.logs}>
                <thead>
                    <tr>
                        <th scope="col">{ t.index }</th>
                        { for indexes.clone().map(|index| html! { <th scope="col" key={index}>{ index }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for logs.rows.iter().map(|row| html! {
                        <tr key={row.node} class={(!row.up).then_some("logs__row--down")} data-log-row={row.node.to_string()}>
                            <th scope="row">{ format!("S{}", row.node) }</th>
                            { for indexes.clone().map(|index| cell(lang, row, index, marks_of(logs, row.node, index))) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <div class="logs__scroll" role="group" aria-label={t.logs}>
                <button type="button" disabled={logs.first_index == 1} aria-label={t.oldest_entries}
                        onclick={scroll(Some(1))}>{ "|◀" }</button>
                <button type="button" disabled={logs.first_index == 1} aria-label={t.older_entries}
                        onclick={scroll(Some(older))}>{ "◀" }</button>
                <span class="logs__note">{ lang.showing_indexes(logs.first_index, logs.last_index) }</span>
                <button type="button" disabled={at_end} aria-label={t.newer_entries}
                        onclick={scroll(Some(newer))}>{ "▶" }</button>
                <button type="button" disabled={at_end} aria-label={t.latest_entries}
                        onclick={scroll(None)}>{ "▶|" }</button>
            </div>
        </div>
    }
}

/// Scrolls the log box `logs` (only it, never the page: an embed's host must not move) so
/// that server `node`'s row is whole above the pager that stays at the box's bottom, with room
/// for the leader's markers over its cells.
fn show_row(logs: &web_sys::Element, node: u32) {
    const MARKERS: f64 = 12.0;
    let Ok(Some(row)) = logs.query_selector(&format!("tr[data-log-row=\"{node}\"]")) else { return };
    let (area, row) = (logs.get_bounding_client_rect(), row.get_bounding_client_rect());
    // The pager's top, over any scrollbar along the box's bottom; the box's bottom at most.
    let pager = logs.query_selector(".logs__scroll").ok().flatten();
    let floor = pager.map_or(area.bottom(), |pager| pager.get_bounding_client_rect().top().min(area.bottom()));
    let (top, bottom) = (row.top() - area.top() - MARKERS, row.bottom() - floor);
    if top < 0.0 {
        logs.set_scroll_top(logs.scroll_top() + top.floor() as i32);
    } else if bottom > 0.0 {
        logs.set_scroll_top(logs.scroll_top() + bottom.ceil() as i32);
    }
}

/// Scrolls the table sideways, as little as needed, to bring the entries a lesson's step rings
/// into view (on a phone the table shows a few indexes, and a step about index 8 would ring
/// an entry past its edge), keeping the leftmost in view before the rightmost.
pub(crate) fn show_ringed_columns(logs: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let Ok(ringed) = logs.query_selector_all(".logs__entry--highlight") else { return };
    let cells = (0..ringed.length()).filter_map(|i| ringed.item(i)?.dyn_into::<web_sys::Element>().ok());
    let (left, right) = cells
        .map(|cell| cell.get_bounding_client_rect())
        .fold((f64::MAX, f64::MIN), |(l, r), cell| (l.min(cell.left()), r.max(cell.right())));
    if left > right {
        return; // nothing ringed
    }
    // The servers' names stay at the left edge (sticky): what they cover is out of view.
    let names =
        logs.query_selector("th[scope=row]").ok().flatten().map_or(0.0, |th| th.get_bounding_client_rect().width());
    let area = logs.get_bounding_client_rect();
    let (view_left, view_right) = (area.left() + names, area.right());
    if left < view_left {
        logs.set_scroll_left(logs.scroll_left() - (view_left - left).ceil() as i32);
    } else if right > view_right {
        let by = (right - view_right).min(left - view_left);
        logs.set_scroll_left(logs.scroll_left() + by.ceil() as i32);
    }
}

/// Whether the leader's nextIndex (where the next AppendEntries starts) and matchIndex (the
/// highest index known replicated) for this row's server are at `index`.
fn marks(row: &LogRow, index: u64) -> (bool, bool) {
    (row.next_index == Some(index), row.match_index == Some(index) && index > 0)
}

/// The leader's markers on a follower's cell, drawn.
fn markers(t: &Texts, row: &LogRow, index: u64) -> Html {
    let (next, matched) = marks(row, index);
    html! {
        <>
            if next { <span class="logs__marker logs__marker--next" title={t.next_marker_title}>{ t.next_marker }</span> }
            if matched { <span class="logs__marker logs__marker--match" title={t.match_marker_title}>{ t.match_marker }</span> }
        </>
    }
}

/// `said` of the cell at `index`, with the leader's markers on it in words ("match" alone says
/// little to a screen reader).
fn with_markers(lang: Lang, row: &LogRow, index: u64, said: String) -> String {
    let t = lang.texts();
    let (next, matched) = marks(row, index);
    let marked = [(next, t.next_marker_title), (matched, t.match_marker_title)];
    marked.into_iter().filter(|(on, _)| *on).fold(said, |said, (_, marker)| format!("{said}{}{marker}", lang.comma()))
}

/// How a cell is marked: whether a lesson's step points at it, and whether the last step
/// changed it.
#[derive(Clone, Copy)]
struct CellMarks {
    highlighted: bool,
    changed: bool,
}

fn marks_of(logs: &LogsView, node: NodeId, index: u64) -> CellMarks {
    CellMarks { highlighted: logs.highlight.contains(&(node, index)), changed: logs.changed.contains(&(node, index)) }
}

fn cell(lang: Lang, row: &LogRow, index: u64, cell_marks: CellMarks) -> Html {
    let t = lang.texts();
    let node = row.node;
    let is_next = (row.next_index == Some(index)).to_string();
    let is_match = (row.match_index == Some(index)).to_string();
    let Some(cell) = row.cells.iter().find(|c| c.index == index) else {
        if index <= row.snapshot_index {
            let compacted = format!("S{node} #{index}{}{}", lang.colon(), lang.snapshot_texts().compacted);
            let title = with_markers(lang, row, index, compacted);
            return html! {
                <td class="logs__compacted" data-log-node={node.to_string()} data-index={index.to_string()}
                    data-compacted="true" data-next={is_next} data-match={is_match} aria-label={title.clone()} {title}>
                    { markers(t, row, index) }
                </td>
            };
        }
        // Empty, unless the leader's nextIndex points past the follower's log: then it says so.
        let marked = with_markers(lang, row, index, format!("S{node} #{index}"));
        let title = marked.contains(lang.comma()).then_some(marked);
        return html! {
            <td class="logs__gap" data-next={is_next} data-match={is_match} aria-label={title.clone()} {title}>
                { markers(t, row, index) }
            </td>
        };
    };
    let term = term_class(cell.term);
    let class = class_list(&[
        Some("logs__entry"),
        Some(&term),
        Some(if cell.committed { "logs__entry--committed" } else { "logs__entry--uncommitted" }),
        cell.config.then_some("logs__entry--config"),
        cell_marks.highlighted.then_some("logs__entry--highlight"),
        cell_marks.changed.then_some("logs__entry--changed"),
    ]);
    // Only a leader's election no-op is called one; an entry given without a command (the
    // paper's Figure 7 draws logs by term alone) shows its term only.
    let command = cell.command.clone().unwrap_or_else(|| if cell.noop { t.noop_entry } else { "" }.to_owned());
    let described = if cell.config {
        format!("{} {command}", lang.membership_texts().configuration_entry)
    } else {
        command.clone()
    };
    let state = if cell.committed { t.committed } else { t.not_committed };
    // "S1 #1: term 1, x=3, committed", or without the command part when there is none; then
    // the leader's markers on it. Read aloud and shown as the tooltip alike.
    let said = format!(
        "S{node} #{}{}{} {}{}{}{}{state}",
        cell.index,
        lang.colon(),
        lang.term_word(),
        cell.term,
        lang.comma(),
        described,
        if described.is_empty() { "" } else { lang.comma() }
    );
    let title = with_markers(lang, row, cell.index, said);
    html! {
        <td {class} data-log-node={node.to_string()} data-index={cell.index.to_string()} aria-label={title.clone()}
            data-term={cell.term.to_string()} data-committed={cell.committed.to_string()}
            data-next={is_next} data-match={is_match}
            data-config={cell.config.then_some("true")} data-changed={cell_marks.changed.then_some("true")}
            {title}>
            <span class="logs__term">{ cell.term }</span>
            <span class="logs__command">{ if cell.config { breakable(&command) } else { command } }</span>
            { markers(t, row, cell.index) }
        </td>
    }
}

/// A configuration as drawn in its cell: a line may break after each comma and after the arrow
/// (a zero-width space there), never inside a server's id.
fn breakable(configuration: &str) -> String {
    configuration.replace(',', ",\u{200b}").replace('→', "→\u{200b}")
}
