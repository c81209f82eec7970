//! Choosing from a picker by keyboard without loading every item passed on the way.
//!
//! A closed `<select>` changes its value, and fires `change`, at each arrow key or typed letter
//! (Chromium and Firefox do). For a picker whose choice replaces the run (a preset, a lesson, the
//! cluster's size), pressing ↓ to look at the next item would throw the run away. Here keys only
//! browse: Enter loads what the picker shows; Escape, or leaving the picker, shows again what is
//! loaded. The list opened by a pointer, Space or Alt+↓ chooses as before. A choice made with a
//! pointer leaves the picker, so that the page's arrow keys step the run just loaded instead of
//! browsing the picker the user no longer looks at.

use web_sys::{Element, Event, FocusEvent, HtmlSelectElement, KeyboardEvent, MouseEvent};
use yew::{Callback, TargetCast};

/// Set on a picker while keys browse it without loading.
const BROWSING: &str = "data-browsing";

/// Set on a picker whose list a pointer opened, until a key is pressed on it.
const POINTED: &str = "data-pointed";

/// The listeners of a picker that loads what is chosen.
pub struct Picker {
    /// A choice made by a pointer or in the opened list (not by keys browsing).
    pub onchange: Callback<Event>,
    /// Keys browse; Enter loads; Escape shows what is loaded.
    pub onkeydown: Callback<KeyboardEvent>,
    /// Leaving the picker shows what is loaded.
    pub onblur: Callback<FocusEvent>,
    /// A pointer opens the list from what is loaded.
    pub onmousedown: Callback<MouseEvent>,
}

/// The listeners of a picker whose choices (the chosen option's value, never empty) go to
/// `on_choose`.
pub fn picker(on_choose: Callback<String>) -> Picker {
    let on_change = on_choose.clone();
    Picker {
        onchange: Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if !browsing(&select) {
                load(&select, &on_change);
            }
            if select.has_attribute(POINTED) {
                let _ = select.remove_attribute(POINTED);
                let _ = select.blur();
            }
        }),
        onkeydown: picker_keys(on_choose),
        onblur: Callback::from(|event: FocusEvent| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let _ = select.remove_attribute(POINTED);
            stop_browsing(&select);
        }),
        onmousedown: Callback::from(|event: MouseEvent| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            stop_browsing(&select);
            let _ = select.set_attribute(POINTED, "true");
        }),
    }
}

/// Loads the option `select` shows, unless it is the empty prompt.
fn load(select: &HtmlSelectElement, on_choose: &Callback<String>) {
    let value = select.value();
    if !value.is_empty() {
        on_choose.emit(value);
    }
}

/// Whether `select`'s change comes from keys browsing it, and should not load.
fn browsing(select: &HtmlSelectElement) -> bool {
    select.has_attribute(BROWSING)
}

fn picker_keys(on_choose: Callback<String>) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        let _ = select.remove_attribute(POINTED);
        let key = event.key();
        if event.alt_key() || key == " " || key == "F4" {
            // The list opens, from what is loaded: choosing in it loads.
            stop_browsing(&select);
        } else if key == "Enter" && browsing(&select) {
            event.prevent_default();
            let _ = select.remove_attribute(BROWSING);
            load(&select, &on_choose);
        } else if key == "Escape" && browsing(&select) {
            stop_browsing(&select);
        } else if pages_a_lesson(&select, &key) {
            // The page's shortcut: the open lesson's Next or Back (see keyboard_shortcuts.rs);
            // the picker keeps showing the lesson open, whether the page can turn or not.
            event.prevent_default();
        } else if moves_choice(&key) && !event.ctrl_key() && !event.meta_key() {
            let _ = select.set_attribute(BROWSING, "true");
        }
    })
}

/// Shows what is loaded again (the option drawn as selected) and ends browsing: for a picker
/// that loses the focus, or whose list a pointer opens.
fn stop_browsing(select: &HtmlSelectElement) {
    if !browsing(select) {
        return;
    }
    let _ = select.remove_attribute(BROWSING);
    let loaded = select.query_selector("option[selected]").ok().flatten();
    select.set_value(&loaded.and_then(|option: Element| option.get_attribute("value")).unwrap_or_default());
}

/// Whether `key` on `select` turns the open lesson's page: PageDown and PageUp on the lesson
/// picker showing the lesson open, as anywhere else on the page, rather than browsing it (a
/// reader who just opened a lesson from the picker pages through it from there).
pub fn pages_a_lesson(select: &Element, key: &str) -> bool {
    matches!(key, "PageUp" | "PageDown")
        && select.has_attribute("data-lesson-picker")
        && !select.has_attribute(BROWSING)
        && select.closest("main[data-lesson]").ok().flatten().is_some()
}

/// Whether `key`, pressed on a closed picker, moves its choice: arrows, Home, End, pages, and a
/// typed character (which jumps to an option starting with it).
fn moves_choice(key: &str) -> bool {
    key.starts_with("Arrow") || matches!(key, "Home" | "End" | "PageUp" | "PageDown") || key.chars().count() == 1
}
