//! Fetching a preset's files when the reader chooses it (the page does not carry them; see
//! presets.rs). Only the answer to the latest choice is used, so choosing quickly twice never
//! ends on the first preset.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::presets::PresetFiles;
use crate::state::{Action, Playground};

/// A callback that fetches the chosen preset's files, then loads it (or says it could not).
pub fn preset_loader(dispatcher: &UseReducerDispatcher<Playground>) -> Callback<String> {
    let dispatcher = dispatcher.clone();
    let latest = Rc::new(Cell::new(0_u32));
    Callback::from(move |id: String| {
        let ticket = latest.get().wrapping_add(1);
        latest.set(ticket);
        let (latest, dispatcher) = (latest.clone(), dispatcher.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let scenario = text_at(&PresetFiles::scenario_url(&id)).await;
            let description_zh = text_at(&PresetFiles::description_zh_url(&id)).await;
            if latest.get() != ticket {
                return; // the reader has chosen another preset since
            }
            dispatcher.dispatch(match (scenario, description_zh) {
                (Some(scenario), Some(description_zh)) => Action::LoadPreset(PresetFiles {
                    id,
                    scenario,
                    description_zh: description_zh.trim_end().to_owned(),
                }),
                _ => Action::PresetUnavailable(id),
            });
        });
    })
}

/// The text of the file at `url` (relative to the page), if it could be fetched.
pub(crate) async fn text_at(url: &str) -> Option<String> {
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(url)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}
