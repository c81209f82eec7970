//! Import and export the run as a version-1 scenario file, the format `raftsim run` reads.

use std::cell::RefCell;

use gloo::file::callbacks::FileReader;
use gloo::file::File;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Lang;

thread_local! {
    /// The file being read: reading stops if it is dropped.
    static PENDING_READ: RefCell<Option<FileReader>> = const { RefCell::new(None) };
}

/// The import field and the export button. `export` makes the run's scenario file;
/// `on_import` gets a chosen file's text, or why it could not be read.
///
/// A plain function, not a component (issue 6, page weight): the pending read, which must
/// outlive a render, is kept by this module instead of by a hook.
pub fn scenario_file(
    lang: Lang,
    export: Callback<(), String>,
    on_import: &Callback<Result<String, ()>>,
    on_too_large: &Callback<u64>,
) -> Html {
    let t = lang.texts();
    let (on_import, on_too_large) = (on_import.clone(), on_too_large.clone());
    let onchange = Callback::from(move |event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        // A file larger than any scenario may be is refused by its size, unread.
        let size = file.size() as u64;
        if size > raft_sim::MAX_SCENARIO_FILE_BYTES as u64 {
            on_too_large.emit(size);
            return;
        }
        let on_import = on_import.clone();
        let read = gloo::file::callbacks::read_as_text(&File::from(file), move |result| {
            on_import.emit(result.map_err(|_| ()));
        });
        PENDING_READ.with(|pending| *pending.borrow_mut() = Some(read));
    });
    let on_export = Callback::from(move |_: MouseEvent| {
        crate::export_svg::download(&export.emit(()), "application/json", "raft-scenario.json");
    });
    html! {
        <div class="scenario-file" role="group" aria-label={t.scenario_file}>
            // The label is the button: the browser's own file button would speak the browser's
            // language ("Choose File", "No file chosen"), not the page's.
            <label class="scenario-file__import">
                { t.import_scenario }
                <input type="file" class="visually-hidden" accept=".json,application/json" {onchange} />
            </label>
            <button type="button" onclick={on_export}>{ t.export_scenario }</button>
        </div>
    }
}
