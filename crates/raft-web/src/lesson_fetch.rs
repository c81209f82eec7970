//! Fetching a lesson's file when one is asked for (by the picker, a `#lesson=…` link or an
//! embed's `?lesson=…`), with the progress this browser remembers of it; and remembering the
//! progress as the learner goes.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::lessons::{lesson_entry, lesson_url, store_progress, stored_progress, LessonLink};
use crate::preset_fetch::text_at;
use crate::state::{Action, Playground};

/// How long a lesson's file may take to arrive before the page says it could not be loaded
/// (and an embed's host, whose `state` replies wait for the lesson, is answered).
pub const LESSON_FETCH_TIMEOUT_MS: u32 = 15_000;

/// Fetches the lesson `pending` asks for whenever it changes, then opens it (or says it could
/// not, also when no answer came within [`LESSON_FETCH_TIMEOUT_MS`]: the file arriving later
/// is then not opened). An id that is not a lesson's is not fetched at all.
#[hook]
pub fn use_lesson_fetch(pending: Option<LessonLink>, dispatcher: UseReducerDispatcher<Playground>) {
    use_effect_with(pending, move |pending| {
        if let Some(link) = pending.clone() {
            let give_up = {
                let (link, dispatcher) = (link.clone(), dispatcher.clone());
                Timeout::new(LESSON_FETCH_TIMEOUT_MS, move || {
                    let progress = stored_progress(&link.id);
                    dispatcher.dispatch(Action::LessonLoaded { link, file: None, progress });
                })
            };
            wasm_bindgen_futures::spawn_local(async move {
                let file = match lesson_entry(&link.id) {
                    Some(entry) => text_at(&lesson_url(entry.id)).await,
                    None => None,
                };
                // In time: the timer is cancelled. Too late: the lesson was given up, and this
                // answer is no longer the one awaited (see `Action::LessonLoaded`).
                drop(give_up);
                let progress = stored_progress(&link.id);
                dispatcher.dispatch(Action::LessonLoaded { link, file, progress });
            });
        }
    });
}

/// Remembers the open lesson's progress whenever it changes.
#[hook]
pub fn use_lesson_progress(state: &Playground) {
    let progress = state.tour.as_ref().map(|tour| (tour.lesson.id.clone(), tour.progress()));
    use_effect_with(progress, |progress| {
        if let Some((id, progress)) = progress {
            store_progress(id, progress);
        }
    });
}
