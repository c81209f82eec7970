//! Where the keyboard's focus goes when the page takes it somewhere: quietly into a menu placed
//! in view, or back into view after a redraw took away the element that had it.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Focuses `element` (HTML or SVG) without scrolling the page to it.
pub fn focus_quietly(element: &Element) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    // `focus` is looked up on the object itself, so this works for SVG elements too.
    let _ = element.unchecked_ref::<HtmlElement>().focus_with_options(&options);
}

/// Focuses the first element `selector` finds, scrolling the page only if it is out of view;
/// whether it took the focus (one that is hidden, as the lesson panel's own Back and Next in an
/// embed, whose strip has them, does not: a caller trying several goes on to the next).
pub fn focus_selected(selector: &str) -> bool {
    let document = gloo::utils::document();
    let Some(element) = document.query_selector(selector).ok().flatten() else { return false };
    let _ = element.unchecked_ref::<HtmlElement>().focus();
    document.active_element().is_some_and(|active| active == element)
}

/// Once the page is redrawn, if the focus was lost (a notice's button that closed it went away
/// with it): to the run's first control that can act, Play (or, while exploring, Step back),
/// on the page and in an embed alike.
pub fn refocus_controls() {
    after_redraw(|| {
        let document = gloo::utils::document();
        let body: Option<web_sys::Element> = document.body().map(Into::into);
        let lost = document.active_element().is_none_or(|element| Some(element) == body);
        if lost {
            focus_selected(".controls button:not([disabled]), .embed-strip button:not([disabled])");
        }
    });
}

/// Once the page is redrawn, if the focus was lost (the focused button or message went away):
/// to message `id` if it is still in flight and the run paused, else to server `to`, the one
/// it was going to (while playing, messages take no focus: their elements are reused).
pub fn refocus_message(id: u64, to: u32) {
    after_redraw(move || {
        if focus_lost() && !focus_selected(&format!(".cluster__messages:not([aria-hidden]) [data-message=\"{id}\"]")) {
            focus_selected(&format!("[data-node=\"{to}\"]"));
        }
    });
}

/// The window's height in CSS pixels; `None` if the browser does not say.
pub fn window_height() -> Option<f64> {
    gloo::utils::window().inner_height().ok().and_then(|h| h.as_f64())
}

/// Runs `then` once the page has been redrawn after the event being handled.
pub fn after_redraw(then: impl FnOnce() + 'static) {
    gloo::timers::callback::Timeout::new(0, then).forget();
}

/// Once the page is redrawn, scrolls the drawing back into the window if it was scrolled away
/// above it (after a jump made from below it, such as Jump to the violation), or the clock and
/// Play if they were (after Apply at the bottom of a long Settings form): with the clock and
/// Play above the drawing, on a wide screen where they stand above it and both fit; else the
/// drawing at the top. Never in an embed, whose scrolling would move its host's page too.
pub fn reveal_drawing() {
    after_redraw(|| {
        let document = gloo::utils::document();
        let find =
            |part: &str| document.query_selector(&format!(".playground:not(.playground--embed) {part}")).ok().flatten();
        let Some(stage) = find(".playground__stage") else { return };
        let stage_box = stage.get_bounding_client_rect();
        let height = window_height().unwrap_or(0.0);
        let transport_top = find(".playground__transport")
            .map(|transport| transport.get_bounding_client_rect().top())
            .filter(|&top| top < stage_box.top() && stage_box.bottom() - top <= height);
        let window = gloo::utils::window();
        match transport_top {
            Some(top) if top < 0.0 => window.scroll_by_with_x_and_y(0.0, top),
            _ if stage_box.top() < 0.0 => stage.scroll_into_view(),
            _ => {}
        }
    });
}

/// After a lesson's step changed. On a phone, where the drawing sticks to the top of the screen:
/// scrolls the step's title to right below the drawing held there (its `scroll-margin-top`),
/// whatever the scroll was, so the drawing is whole at the top and what precedes the title is
/// wholly under it, never cut in half at its edge. On a wide screen, where the lesson stands
/// beside the drawing: brings the step back into view if the scroll left it out of the window,
/// with the drawing, unless the step is too tall for that. Never in an embed.
pub fn reveal_lesson_step() {
    reveal_in_lesson(".lesson__step-title");
}

/// When a lesson opens, or Go to the lesson is pressed: as [`reveal_lesson_step`], with the
/// lesson's head (its title and ×) right below the drawing on a phone, the step under it.
pub fn reveal_lesson_head() {
    reveal_in_lesson(".lesson");
}

/// The drawing, if it is held at the top of the window while the text under it scrolls (on a
/// phone, or a tablet held upright, with a lesson or Explore open).
fn stuck_stage() -> Option<Element> {
    let stage = gloo::utils::document().query_selector(".playground__stage").ok().flatten()?;
    let style = gloo::utils::window().get_computed_style(&stage).ok().flatten()?;
    (style.get_property_value("position").ok().as_deref() == Some("sticky")).then_some(stage)
}

/// Once Explore's panel is drawn, as Explore turns on: focuses its first event; where the
/// drawing is held at the top, the panel's heading is first brought right under it (focusing
/// an event further down would leave the heading hidden under the drawing).
pub fn reveal_explore() {
    after_redraw(|| {
        let document = gloo::utils::document();
        let panel = document.query_selector(".playground:not(.playground--embed) .explore").ok().flatten();
        let event = document.query_selector(".explore .explore__event").ok().flatten();
        match (panel, event, stuck_stage()) {
            (Some(panel), Some(event), Some(_)) => {
                panel.scroll_into_view();
                focus_quietly(&event);
            }
            _ => {
                focus_selected(".explore .explore__event");
            }
        }
    });
}

/// Brings the lesson's part `selector` into view: see [`reveal_lesson_step`].
fn reveal_in_lesson(selector: &str) {
    let document = gloo::utils::document();
    let Some(title) =
        document.query_selector(&format!(".playground:not(.playground--embed) {selector}")).ok().flatten()
    else {
        return;
    };
    if let Some(stage) = stuck_stage() {
        let (stage, top) = (stage.get_bounding_client_rect(), title.get_bounding_client_rect().top());
        let aligned = stage.top().abs() <= 1.0 && (top - stage.bottom()).abs() <= 1.0;
        if !aligned {
            title.scroll_into_view();
        }
        return;
    }
    let height = window_height().unwrap_or(f64::MAX);
    let hidden = || {
        let top = title.get_bounding_client_rect().top();
        top < 0.0 || top > height - 40.0
    };
    if !hidden() {
        return;
    }
    if let Some(body) = document.query_selector(".playground__body").ok().flatten() {
        body.scroll_into_view();
        if !hidden() {
            return;
        }
    }
    title.scroll_into_view();
}

/// Whether the focus was lost: on no element, or on the page's body (where the browser puts it
/// when the focused element goes away or is disabled).
pub fn focus_lost() -> bool {
    gloo::utils::document().active_element().is_none_or(|element| element.tag_name() == "BODY")
}

/// After a lesson's step changed or the lesson closed: with the focus lost, to the question
/// waiting for an answer, else Next, else the step's title; with the lesson closed, to the
/// picker, which then shows no lesson.
pub fn refocus_lesson() {
    let document = gloo::utils::document();
    if document.query_selector("main[data-lesson]").ok().flatten().is_none() {
        if let Some(picker) = document.query_selector("[data-lesson-picker]").ok().flatten() {
            picker.unchecked_ref::<web_sys::HtmlSelectElement>().set_value("");
        }
    }
    if focus_lost() {
        let _ = [
            ".lesson__predict[data-predict=open] [data-choice]",
            ".lesson [data-lesson-nav=next]:not([aria-disabled])",
            ".lesson__step-title",
            "[data-lesson-picker]",
        ]
        .into_iter()
        .any(focus_selected);
    }
}
