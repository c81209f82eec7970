//! The keys that press a drawn button (a server, a message, the client box): Enter and Space,
//! as on any button of a page.

use yew::prelude::*;

/// A `keydown` handler that emits `value` on `activate` when Enter or Space is pressed.
pub fn on_activate_keys<T: Clone + 'static>(activate: &Callback<T>, value: T) -> Callback<KeyboardEvent> {
    let activate = activate.clone();
    Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            activate.emit(value.clone());
        }
    })
}
