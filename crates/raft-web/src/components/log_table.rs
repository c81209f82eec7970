//! Every node's log, one row per node and one column per index, under the ring.

use yew::prelude::*;

use crate::view::{LogCell, LogsView};

/// Properties of [`LogTable`].
#[derive(Properties, PartialEq)]
pub struct LogTableProps {
    /// The logs to show.
    pub logs: LogsView,
}

/// Colour classes cycle through this many term colours.
const TERM_COLOURS: u64 = 8;

/// The log table. Each entry shows its term (also as its colour) and command; committed
/// entries are solid, uncommitted ones dashed.
#[component]
pub fn LogTable(props: &LogTableProps) -> Html {
    let logs = &props.logs;
    if logs.last_index == 0 {
        return html! { <p class="logs logs--empty">{ "Logs are empty. Write to the leader to add entries." }</p> };
    }
    let indexes = logs.first_index..=logs.last_index;
    html! {
        <div class="logs">
            <table class="logs__table" aria-label="Logs">
                <thead>
                    <tr>
                        <th scope="col">{ "index" }</th>
                        { for indexes.clone().map(|index| html! { <th scope="col" key={index}>{ index }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for logs.rows.iter().map(|row| html! {
                        <tr key={row.node} class={classes!((!row.up).then_some("logs__row--down"))} data-log-row={row.node.to_string()}>
                            <th scope="row">{ format!("S{}", row.node) }</th>
                            { for indexes.clone().map(|index| cell(row.node, row.cells.iter().find(|c| c.index == index))) }
                        </tr>
                    }) }
                </tbody>
            </table>
            if logs.first_index > 1 {
                <p class="logs__note">{ format!("Showing indexes {}–{}.", logs.first_index, logs.last_index) }</p>
            }
        </div>
    }
}

fn cell(node: u32, cell: Option<&LogCell>) -> Html {
    let Some(cell) = cell else { return html! { <td class="logs__gap"></td> } };
    let class = classes!(
        "logs__entry",
        format!("logs__entry--term-{}", cell.term % TERM_COLOURS),
        if cell.committed { "logs__entry--committed" } else { "logs__entry--uncommitted" },
    );
    let command = cell.command.clone().unwrap_or_else(|| "no-op".to_owned());
    let state = if cell.committed { "committed" } else { "not committed" };
    html! {
        <td {class} data-log-node={node.to_string()} data-index={cell.index.to_string()}
            data-term={cell.term.to_string()} data-committed={cell.committed.to_string()}
            title={format!("S{node} index {}: term {}, {command}, {state}", cell.index, cell.term)}>
            <span class="logs__term">{ cell.term }</span>
            <span class="logs__command">{ command }</span>
        </td>
    }
}
