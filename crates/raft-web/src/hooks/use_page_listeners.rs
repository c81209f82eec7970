//! The page's listeners on its document and window, installed once.

use yew::prelude::*;

use super::keyboard_shortcuts::keyboard_shortcuts;
use super::use_share_fragment::hash_change;
use crate::state::Action;

/// Keyboard shortcuts, and links changed by hand in the address bar, sent to `dispatch` for as
/// long as the page lives. One effect for both (issue 6, page weight).
#[hook]
pub fn use_page_listeners(dispatch: Callback<Action>) {
    use_effect_with((), move |_| {
        let listeners = (keyboard_shortcuts(dispatch.clone()), hash_change(dispatch));
        move || drop(listeners)
    });
}
