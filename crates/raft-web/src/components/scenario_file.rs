//! Import and export the run as a version-1 scenario file, the format `raftsim run` reads.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use gloo::file::{Blob, File, ObjectUrl};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Lang;

/// Properties of [`ScenarioFile`].
#[derive(Properties, PartialEq)]
pub struct ScenarioFileProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// Produces the current run's scenario as pretty JSON, when asked.
    pub export: Callback<(), String>,
    /// A file was read: its text, or why it could not be read.
    pub on_import: Callback<Result<String, String>>,
}

/// An Import button (a file picker) and an Export button (a download).
#[component]
pub fn ScenarioFile(props: &ScenarioFileProps) -> Html {
    let t = props.lang.texts();
    // The pending read and the last download URL must live until they are done.
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let download: Rc<RefCell<Option<ObjectUrl>>> = use_mut_ref(|| None);
    let on_import = props.on_import.clone();
    let onchange = Callback::from(move |event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        input.set_value("");
        let on_import = on_import.clone();
        let read = gloo::file::callbacks::read_as_text(&File::from(file), move |result| {
            on_import.emit(result.map_err(|error| error.to_string()));
        });
        *reader.borrow_mut() = Some(read);
    });
    let export = props.export.clone();
    let on_export = Callback::from(move |_: MouseEvent| {
        let json = export.emit(());
        let url = ObjectUrl::from(Blob::new_with_options(json.as_str(), Some("application/json")));
        crate::export_svg::download(&url, "raft-scenario.json");
        *download.borrow_mut() = Some(url);
    });
    html! {
        <div class="scenario-file" role="group" aria-label={t.scenario_file}>
            <label class="scenario-file__import">
                { t.import_scenario }
                <input type="file" accept=".json,application/json" {onchange} />
            </label>
            <button type="button" onclick={on_export}>{ t.export_scenario }</button>
        </div>
    }
}
