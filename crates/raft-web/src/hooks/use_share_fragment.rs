//! Keeps the URL's fragment equal to the share link of what is shown, and opens a link pasted
//! into the address bar of an open page.

use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use raft_sim::LinkError;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::Action;

/// How long the page must stay unchanged before the fragment is rewritten, so that the Back
/// button is not flooded and acting quickly writes once.
const DEBOUNCE_MS: u32 = 400;

/// How often the fragment is rewritten while playing: the address a reader copies from the
/// address bar mid-run is at most this old, and nothing is written sixty times a second.
const WHILE_PLAYING_MS: u32 = 1_000;

/// After `DEBOUNCE_MS` without a change to `moment` (time, revision), and every
/// `WHILE_PLAYING_MS` while `playing`, replaces the URL's fragment with `fragment()`
/// (`history.replaceState`: the Back button is not spammed). A run that cannot be a link (too
/// large) clears the fragment, so a reload does not show an older run as if it were this one.
#[hook]
pub fn use_share_fragment(
    enabled: bool,
    playing: bool,
    moment: (u64, u64),
    fragment: Callback<(), Result<String, LinkError>>,
) {
    // While playing the moment changes every frame: the timer depends on the run alone.
    let key = if playing { (u64::MAX, moment.1) } else { moment };
    use_effect_with((enabled, playing, key), move |&(enabled, playing, _)| {
        let write = move || write_fragment(&fragment);
        let (timeout, interval) = match (enabled, playing) {
            (false, _) => (None, None),
            (true, false) => (Some(Timeout::new(DEBOUNCE_MS, write)), None),
            (true, true) => (None, Some(Interval::new(WHILE_PLAYING_MS, write))),
        };
        move || drop((timeout, interval))
    });
}

/// Replaces the URL's fragment with `fragment()`, or clears it if the run cannot be a link.
fn write_fragment(fragment: &Callback<(), Result<String, LinkError>>) {
    let window = gloo::utils::window();
    let url = match fragment.emit(()) {
        Ok(fragment) => format!("#{fragment}"),
        Err(_) => window.location().pathname().unwrap_or_default() + &window.location().search().unwrap_or_default(),
    };
    let current = window.location().hash().unwrap_or_default();
    if current != url {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
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
