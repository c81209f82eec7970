//! Page-wide keyboard shortcuts.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::Callback;

use crate::state::{Action, Direction, PresenterKey};

/// Space plays or pauses and the arrow keys step between events, except in a form control
/// (or, for Space, on a button or anything acting as one), where those keys already mean
/// something; K plays or pauses wherever the focus is but in a text field or a picker (where
/// it is a letter), and W, C and R (a presenter's keys) act likewise, outside dialogs too;
/// Escape closes the node menu from anywhere.
pub fn keyboard_shortcuts(dispatch: Callback<Action>) -> Option<EventListener> {
    let document = gloo::utils::document().dyn_into::<web_sys::EventTarget>().ok()?;
    // Not passive: Space must not also scroll the page.
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(&document, "keydown", options, move |event| {
        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        let action = match event.key().as_str() {
            " " if !key_belongs_to_target(event, true) => Action::TogglePlay,
            // Held down, a letter acts once.
            "k" | "K" | "w" | "W" | "c" | "C" | "r" | "R" | "t" | "T" if event.repeat() => return,
            "k" | "K" if !takes_typed_letters(event) => Action::TogglePlay,
            // A presenter's keys (RaftScope's habit): what a lecture does most, one key each;
            // not from inside a dialog (a server's menu, the shortcuts), whose own actions
            // those keys would seem to aim at.
            key @ ("w" | "W" | "c" | "C" | "r" | "R" | "t" | "T")
                if !takes_typed_letters(event) && !in_dialog(event) =>
            {
                Action::Presenter(match key {
                    "w" | "W" => PresenterKey::WriteToLeader,
                    "c" | "C" => PresenterKey::CrashLeader,
                    "t" | "T" => PresenterKey::ToggleTraffic,
                    _ => PresenterKey::RestartCrashed,
                })
            }
            "ArrowRight" if !key_belongs_to_target(event, false) => Action::Step(Direction::Forward),
            "ArrowLeft" if !key_belongs_to_target(event, false) => Action::Step(Direction::Back),
            "Escape" => Action::CloseMenu,
            // A lesson's Back and Next, when they can act (else the page scrolls as usual).
            "PageDown" if lesson_takes("next") && pages_lesson(event) => Action::LessonNext,
            "PageDown" if lesson_takes("answer") && pages_lesson(event) => {
                // Next waits for the answer: the page stays, and the question takes the focus.
                event.prevent_default();
                super::focus_selected(".lesson [data-choice]");
                return;
            }
            "PageUp" if lesson_takes("back") && pages_lesson(event) => Action::LessonBack,
            "?" if !key_belongs_to_target(event, false) => Action::ToggleShortcuts,
            // An embed's document never scrolls, so these keys on a server or a message would
            // scroll the page around the frame instead: they do nothing there.
            "ArrowUp" | "ArrowDown" | "Home" | "End" | "PageUp" | "PageDown" if in_embedded_drawing(event) => {
                event.prevent_default();
                return;
            }
            _ => return,
        };
        event.prevent_default();
        if matches!(action, Action::Step(_) | Action::TogglePlay) {
            // A focused message may be delivered (or not sent yet) once time has moved.
            if let Some((id, to)) = focused_message(event) {
                super::refocus_message(id, to);
            }
        }
        if matches!(action, Action::Step(_)) && in_explore_panel(event) {
            // Stepping back undoes the choice whose button may have had the focus (a copy's
            // Deliver, say): it goes to the panel's first event, as after a choice.
            super::after_redraw(|| {
                if super::focus::focus_lost() {
                    super::focus_selected(".explore .explore__event");
                }
            });
        }
        if matches!(action, Action::LessonNext | Action::LessonBack) {
            // The focused choice or button may belong to the step left behind.
            super::after_redraw(|| {
                super::refocus_lesson();
                super::reveal_lesson_step();
            });
        }
        dispatch.emit(action);
    }))
}

/// The message the key was pressed on, or whose open panel it was pressed in, if any: its id
/// and the server it is going to.
fn focused_message(event: &KeyboardEvent) -> Option<(u64, u32)> {
    let element = event.target()?.dyn_into::<Element>().ok()?;
    if let Some(id) = element.get_attribute("data-message") {
        return Some((id.parse().ok()?, element.get_attribute("data-to")?.parse().ok()?));
    }
    let panel = element.closest("[data-panel-message]").ok()??;
    Some((
        panel.get_attribute("data-panel-message")?.parse().ok()?,
        panel.get_attribute("data-panel-to")?.parse().ok()?,
    ))
}

/// Whether the key was pressed inside a modal dialog (a server's menu, the client's form, the
/// shortcuts panel).
fn in_dialog(event: &KeyboardEvent) -> bool {
    let target = event.target().and_then(|target| target.dyn_into::<Element>().ok());
    target.is_some_and(|element| element.closest("[aria-modal=\"true\"]").ok().flatten().is_some())
}

/// Whether an open lesson's `back` or `next` can act now (the playground's root says so).
fn lesson_takes(key: &str) -> bool {
    let selector = format!("main[data-lesson-keys~=\"{key}\"]");
    gloo::utils::document().query_selector(&selector).ok().flatten().is_some()
}

/// Whether the key was pressed in the Explore panel.
fn in_explore_panel(event: &KeyboardEvent) -> bool {
    target_within(event, ".explore")
}

/// Whether the key was pressed on an element inside one that `selector` finds.
fn target_within(event: &KeyboardEvent, selector: &str) -> bool {
    let element = event.target().and_then(|target| target.dyn_into::<Element>().ok());
    element.and_then(|element| element.closest(selector).ok().flatten()).is_some()
}

/// Whether the key comes from the drawing of an embed (a server or a message in it).
fn in_embedded_drawing(event: &KeyboardEvent) -> bool {
    target_within(event, ".playground--embed svg.cluster")
}

/// Whether the key goes into a field that takes text (where K is a letter to type), or a
/// picker (where a letter jumps to the first choice that starts with it).
fn takes_typed_letters(event: &KeyboardEvent) -> bool {
    let Some(element) = event.target().and_then(|target| target.dyn_into::<Element>().ok()) else {
        return false;
    };
    match element.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => {
            let kind = element.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
            !matches!(kind.as_str(), "range" | "checkbox" | "radio" | "button" | "submit" | "file" | "color")
        }
        _ => false,
    }
}

/// Whether PageUp or PageDown turn the open lesson's page: outside form controls, and on the
/// lesson picker showing that lesson.
fn pages_lesson(event: &KeyboardEvent) -> bool {
    let on_picker = event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok())
        .is_some_and(|element| crate::components::picker_keys::pages_a_lesson(&element, &event.key()));
    on_picker || !key_belongs_to_target(event, false)
}

fn key_belongs_to_target(event: &KeyboardEvent, buttons_too: bool) -> bool {
    let Some(element) = event.target().and_then(|target| target.dyn_into::<Element>().ok()) else {
        return false;
    };
    match element.tag_name().to_ascii_lowercase().as_str() {
        "input" | "textarea" | "select" => true,
        "button" | "a" | "summary" => buttons_too,
        _ => buttons_too && element.get_attribute("role").as_deref() == Some("button"),
    }
}
