//! Keeps the URL's fragment equal to the share link of what is shown, and opens a link pasted
//! into the address bar of an open page.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use raft_sim::LinkError;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Action;

/// How long the page must stay unchanged before the fragment is rewritten: while playing, the
/// fragment is written once playback pauses, never sixty times a second.
const DEBOUNCE_MS: u32 = 400;

/// After `DEBOUNCE_MS` without a change to `moment` (time, revision), replaces the URL's
/// fragment with `fragment()` (`history.replaceState`: the Back button is not spammed). A run
/// that cannot be a link (too large) clears the fragment, so a reload does not show an older
/// run as if it were this one.
#[hook]
pub fn use_share_fragment(enabled: bool, moment: (u64, u64), fragment: Callback<(), Result<String, LinkError>>) {
    use_effect_with((enabled, moment), move |(enabled, _)| {
        let timeout = enabled.then(|| {
            Timeout::new(DEBOUNCE_MS, move || {
                let window = gloo::utils::window();
                let url = match fragment.emit(()) {
                    Ok(fragment) => format!("#{fragment}"),
                    Err(_) => {
                        window.location().pathname().unwrap_or_default()
                            + &window.location().search().unwrap_or_default()
                    }
                };
                let current = window.location().hash().unwrap_or_default();
                if current != url {
                    if let Ok(history) = window.history() {
                        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                    }
                }
            })
        });
        move || drop(timeout)
    });
}

/// Opens the link when the fragment is changed by hand (`hashchange`; `replaceState` does not
/// fire it, so the page's own updates do not loop back). The link is the event's `newURL`, not
/// the address bar read when the event is handled: the fragment debounce above may have run in
/// between and written the shown run's link back, and the page would then reopen what it showed.
pub fn hash_change(dispatch: Callback<Action>) -> EventListener {
    EventListener::new(&gloo::utils::window(), "hashchange", move |event| {
        let new_url = event.dyn_ref::<web_sys::HashChangeEvent>().map(web_sys::HashChangeEvent::new_url);
        let hash = new_url.as_deref().and_then(|url| url.find('#').map(|at| &url[at..])).unwrap_or_default();
        if !hash.trim_start_matches('#').is_empty() {
            dispatch.emit(Action::OpenLink(hash.to_string()));
        }
    })
}
