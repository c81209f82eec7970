//! A `requestAnimationFrame` loop that runs only while `active`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

/// The pending frame, and the one whose callback is running: that one is dropped only when
/// the next is requested, never from inside its own callback.
#[derive(Default)]
struct FrameSlots {
    pending: Option<AnimationFrame>,
    running: Option<AnimationFrame>,
}

/// Calls `on_frame` with the real milliseconds elapsed since the previous frame, on every
/// animation frame while `active` is true. Turning it off (or unmounting) cancels the loop.
#[hook]
pub fn use_animation_frame(active: bool, on_frame: Callback<f64>) {
    use_effect_with(active, move |&active| {
        let slots = Rc::new(RefCell::new(FrameSlots::default()));
        if active {
            request_next(slots.clone(), on_frame, None);
        }
        move || {
            let mut slots = slots.borrow_mut();
            slots.pending = None;
            slots.running = None;
        }
    });
}

fn request_next(slots: Rc<RefCell<FrameSlots>>, on_frame: Callback<f64>, previous: Option<f64>) {
    let next_slots = slots.clone();
    let frame = request_animation_frame(move |timestamp| {
        {
            let mut slots = next_slots.borrow_mut();
            slots.running = slots.pending.take();
        }
        if let Some(previous) = previous {
            on_frame.emit(timestamp - previous);
        }
        request_next(next_slots, on_frame, Some(timestamp));
    });
    slots.borrow_mut().pending = Some(frame);
}
