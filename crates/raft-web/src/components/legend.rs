//! The key to the drawing's shapes and colours.

use yew::prelude::*;

/// Explains roles, message shapes and the timer arc.
#[component]
pub fn Legend() -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            <li><span class="legend__swatch legend__swatch--follower"></span>{ "Follower" }</li>
            <li><span class="legend__swatch legend__swatch--candidate"></span>{ "Candidate" }</li>
            <li><span class="legend__swatch legend__swatch--leader"></span>{ "Leader" }</li>
            <li><span class="legend__shape legend__shape--vote"></span>{ "RequestVote (solid) / reply (hollow)" }</li>
            <li><span class="legend__shape legend__shape--append"></span>{ "AppendEntries (solid) / reply (hollow)" }</li>
            <li><span class="legend__shape legend__shape--client"></span>{ "Client write (solid) / answer (hollow)" }</li>
            <li><span class="legend__arc"></span>{ "Election timer running down" }</li>
            <li><span class="legend__entry legend__entry--committed"></span>{ "Committed entry" }</li>
            <li><span class="legend__entry"></span>{ "Uncommitted entry" }</li>
        </ul>
    }
}
