//! Keeps the URL's fragment equal to the share link of what is shown, and opens a link pasted
//! into the address bar of an open page. A new run started on the page (a preset, a replay
//! with other settings, a new cluster) gets an entry of its own in the browser's history, so
//! Back shows the run before it again.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

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
/// (`history.replaceState`: the Back button is not spammed), or, for the first link of a new
/// `run` while the address bar still shows the last one written, adds it to the history
/// (`pushState`). A run opened from the address bar (Back, a pasted link) replaces, so going
/// back never adds entries. A run that cannot be a link (too large) clears the fragment, so a
/// reload does not show an older run as if it were this one.
#[hook]
pub fn use_share_fragment(
    enabled: bool,
    playing: bool,
    moment: (u64, u64),
    run: u64,
    fragment: Callback<(), Result<String, LinkError>>,
) {
    let written = use_mut_ref(|| None::<Written>);
    // While playing the moment changes every frame: the timer depends on the run alone.
    let key = if playing { (u64::MAX, moment.1) } else { moment };
    use_effect_with((enabled, playing, key, run), move |&(enabled, playing, _, run)| {
        let write = move || write_fragment(&fragment, run, &written);
        let (timeout, interval) = match (enabled, playing) {
            (false, _) => (None, None),
            (true, false) => (Some(Timeout::new(DEBOUNCE_MS, write)), None),
            (true, true) => (None, Some(Interval::new(WHILE_PLAYING_MS, write))),
        };
        move || drop((timeout, interval))
    });
}

/// The run whose link the page wrote last, and the address bar's fragment it wrote.
type Written = (u64, String);

thread_local! {
    /// Set when the address bar's fragment changed by itself (Back, Forward, a pasted link):
    /// the run it opens is written in place, not as a new history entry.
    static FROM_ADDRESS_BAR: Cell<bool> = const { Cell::new(false) };
}

/// Writes `fragment()` into the URL (or clears the fragment if the run cannot be a link): a new
/// history entry for a new `run` started on the page, else in place.
fn write_fragment(
    fragment: &Callback<(), Result<String, LinkError>>,
    run: u64,
    written: &Rc<RefCell<Option<Written>>>,
) {
    let window = gloo::utils::window();
    let url = match fragment.emit(()) {
        Ok(fragment) => format!("#{fragment}"),
        Err(_) => window.location().pathname().unwrap_or_default() + &window.location().search().unwrap_or_default(),
    };
    let current = window.location().hash().unwrap_or_default();
    let from_address_bar = FROM_ADDRESS_BAR.replace(false);
    let new_entry = !from_address_bar
        && written.borrow().as_ref().is_some_and(|(last_run, last)| *last_run != run && *last == current);
    if current != url {
        if let Ok(history) = window.history() {
            let _ = if new_entry {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            } else {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            };
        }
    }
    let shown = window.location().hash().unwrap_or_default();
    *written.borrow_mut() = Some((run, shown));
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
            FROM_ADDRESS_BAR.set(true);
            dispatch.emit(Action::OpenLink(hash.to_string()));
        }
    })
}
