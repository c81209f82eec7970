//! A floating menu's manners: placed beside what opened it and wholly inside the viewport (or
//! the embed's frame), focused without scrolling the page, Tab kept inside it while it is open,
//! and the focus given back to what opened it when it closes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::focus::{focus_quietly, focus_selected};
use crate::placement::{place_beside, Rect};

/// What can take the focus inside a menu, in document order.
const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea";

fn rect_of(element: &Element) -> Rect {
    let r = element.get_bounding_client_rect();
    Rect { x: r.left(), y: r.top(), width: r.width(), height: r.height() }
}

/// The menu's size and where its anchor stands in the menu's container, as a menu was last
/// placed for.
type Placed = (f64, f64, f64, f64);

/// Places the menu beside the element `anchor` selects, if the menu's size changed since it
/// was last placed (its content changes while the cluster plays), or its anchor moved within
/// the page (a caption above the drawing grew or shrank); scrolling moves neither.
fn place(menu: &HtmlElement, anchor: &str, last: &RefCell<Placed>) {
    let document = gloo::utils::document();
    let (Some(anchor), Some(container)) = (document.query_selector(anchor).ok().flatten(), menu.offset_parent()) else {
        return;
    };
    let own = rect_of(menu);
    let (at, origin) = (rect_of(&anchor), rect_of(&container));
    let placed = (own.width, own.height, at.x - origin.x, at.y - origin.y);
    if *last.borrow() == placed {
        return;
    }
    *last.borrow_mut() = placed;
    let size = (own.width, own.height);
    // The viewport without its scrollbars, so a menu at the edge never sits under one.
    let Some(root) = document.document_element() else { return };
    let viewport =
        Rect { x: 0.0, y: 0.0, width: f64::from(root.client_width()), height: f64::from(root.client_height()) };
    let others = obstacles_except(&document, &anchor);
    let (x, y) = place_beside(at, size, viewport, &others);
    // Through the CSSOM, not a `style` attribute, which a strict Content-Security-Policy blocks.
    let style = menu.style();
    // Whole pixels, written without the standard float formatter (see number_text.rs).
    let pixels = |offset: f64| format!("{}px", crate::number_text::rounded(offset, 0));
    let _ = style.set_property("left", &pixels(x - origin.x));
    let _ = style.set_property("top", &pixels(y - origin.y));
}

/// What a menu keeps off when it can: the drawn bodies of the servers other than `anchor`, and
/// the playback buttons (Play, Step back, Step; an embed's strip), which a user reaches for next.
fn obstacles_except(document: &web_sys::Document, anchor: &Element) -> Vec<Rect> {
    let Ok(found) = document.query_selector_all("[data-node] .node__body, .controls button, .embed-strip button")
    else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
        .filter(|element| !anchor.contains(Some(element)))
        .map(|element| rect_of(&element))
        .collect()
}

/// Gives the focus back to the anchor if it was inside the menu (or lost with it).
fn give_focus_back(menu: &NodeRef, anchor: &str) {
    let document = gloo::utils::document();
    let lost = match document.active_element() {
        None => true,
        Some(active) => {
            document.body().is_some_and(|body| body.is_same_node(Some(&active)))
                || !active.is_connected()
                || menu.get().is_some_and(|menu| menu.contains(Some(&active)))
        }
    };
    if lost {
        focus_selected(anchor);
    }
}

/// Keeps Tab and Shift+Tab cycling inside `menu` (a focus trap, as a dialog has).
fn keep_tab_inside(event: &KeyboardEvent, menu: &Element) {
    if event.key() != "Tab" {
        return;
    }
    let Ok(list) = menu.query_selector_all(FOCUSABLE) else { return };
    let (Some(first), Some(last)) = (list.item(0), list.item(list.length().saturating_sub(1))) else { return };
    let active = gloo::utils::document().active_element();
    let at = |node: &web_sys::Node| active.as_ref().is_some_and(|a| a.is_same_node(Some(node)));
    let target = if event.shift_key() && at(&first) {
        last
    } else if !event.shift_key() && at(&last) {
        first
    } else {
        return;
    };
    event.prevent_default();
    if let Ok(element) = target.dyn_into::<Element>() {
        focus_quietly(&element);
    }
}

/// A `keydown` handler for the element `container` refers to that keeps Tab inside it.
pub fn tab_trap(container: NodeRef) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if let Some(element) = container.cast::<Element>() {
            keep_tab_inside(&event, &element);
        }
    })
}

/// Manages the menu `menu`, opened by the element that the CSS selector `anchor` finds: places
/// it after every render in which its size changed, focuses its first control when it opens for
/// an anchor, and gives the focus back to the anchor when it closes.
#[hook]
pub fn use_popover(menu: NodeRef, anchor: String) {
    let last = use_mut_ref(|| (0.0, 0.0, 0.0, 0.0));
    {
        let (menu, anchor, last) = (menu.clone(), anchor.clone(), last.clone());
        use_effect(move || {
            if let Some(element) = menu.cast::<HtmlElement>() {
                place(&element, &anchor, &last);
            }
        });
    }
    {
        // A resized window (a phone turned, an embed's frame resized) places the menu afresh;
        // so does a section opened or closed (Share, a search's bounds), which moves the
        // drawing without a render. `toggle` does not bubble: it is heard as it goes down.
        let (menu, anchor) = (menu.clone(), anchor.clone());
        use_effect_with((), move |_| {
            let again = Rc::new(move |resized: bool| {
                if resized {
                    *last.borrow_mut() = (0.0, 0.0, 0.0, 0.0);
                }
                if let Some(element) = menu.cast::<HtmlElement>() {
                    place(&element, &anchor, &last);
                }
            });
            let on_resize = again.clone();
            let resize = EventListener::new(&gloo::utils::window(), "resize", move |_| on_resize(true));
            let toggled = EventListener::new_with_options(
                &gloo::utils::document(),
                "toggle",
                EventListenerOptions::run_in_capture_phase(),
                move |_| again(false),
            );
            move || drop((resize, toggled))
        });
    }
    use_effect_with(anchor, move |anchor| {
        let menu = menu.clone();
        if let Some(first) = menu.cast::<Element>().and_then(|m| m.query_selector(FOCUSABLE).ok().flatten()) {
            focus_quietly(&first);
        }
        let anchor = Rc::new(anchor.clone());
        move || give_focus_back(&menu, &anchor)
    });
}
