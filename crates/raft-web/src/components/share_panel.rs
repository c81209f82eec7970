//! Share, embed, export: the scenario's title and description, a link to this run at this
//! moment, a ready `<iframe>` snippet, and the drawing as an SVG file.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::page_options::PageOptions;

/// Properties of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// Produces the share link's fragment (without `#`) for this run at this moment, with a
    /// preset's words in the language given, or why this run cannot be a link.
    pub fragment: Callback<Lang, Result<String, raft_sim::LinkError>>,
    /// The scenario's title and description as the page shows them.
    pub info: (String, String),
    /// The scenario's title as the page would show it in the language given (a preset's is
    /// translated): an embed asked in the other language is named in that one.
    pub title_in: Callback<Lang, String>,
    /// New title and description.
    pub on_info: Callback<(String, String)>,
    /// Which run of the page is shown (`Playground::run`).
    #[prop_or_default]
    pub run: u64,
    /// The open lesson's title, if one is open: its embed code is sized for the lesson's text,
    /// and a frame showing one of its steps is named after it.
    #[prop_or_default]
    pub lesson: Option<raft_sim::Bilingual>,
    /// The page's playback speed: an embed may be asked to play at it.
    #[prop_or(crate::state::DEFAULT_SPEED)]
    pub speed: f64,
}

/// An embed's default size, in CSS pixels (README).
const EMBED_SIZE: (u32, u32) = (640, 420);
/// The default size of a lesson's embed that shows its log table (README).
const EMBED_SIZE_WITH_LOG: (u32, u32) = (960, 600);

/// What a copy button asked for.
#[derive(Clone, PartialEq)]
enum CopyAsked {
    /// The link to this run at this moment, opening in this language (`None`: the reader's).
    Link(Option<Lang>),
    /// The embed code, with the page options and the frame's size chosen.
    Code(PageOptions, (u32, u32)),
}

/// What the copy buttons last did.
#[derive(Clone, PartialEq)]
enum Copied {
    Nothing,
    /// A link; whether it opens a lesson's step rather than a run.
    Link(bool),
    Code,
    Failed,
    /// This run cannot be a link; the reason.
    Refused(raft_sim::LinkError),
}

/// The page's address without query or fragment: where links and embeds point.
fn page_base() -> String {
    let location = gloo::utils::window().location();
    format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
}

/// `text` safe inside a double-quoted HTML attribute.
pub fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The `<iframe>` snippet that embeds `fragment` at `src_base`.
pub fn iframe_snippet(src_base: &str, options: &PageOptions, fragment: &str, size: (u32, u32), title: &str) -> String {
    let src = format!("{src_base}{}#{fragment}", options.to_query());
    format!(
        "<iframe src=\"{}\" width=\"{}\" height=\"{}\" title=\"{}\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        escape_attribute(&src),
        size.0,
        size.1,
        escape_attribute(title)
    )
}

/// Writes `text` to the clipboard, then shows `success`, or [`Copied::Failed`] if the browser
/// refused (the text stays shown, to copy by hand).
fn copy_to_clipboard(text: String, copied: UseStateHandle<Copied>, success: Copied) {
    let promise = gloo::utils::window().navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        copied.set(if ok { success } else { Copied::Failed });
    });
}

/// Shows `made` in its output field and copies it (then says `success`), or, if this run
/// cannot be a link, clears the field and says why.
fn show_and_copy(
    made: Result<String, raft_sim::LinkError>,
    shown: &UseStateHandle<Option<String>>,
    copied: &UseStateHandle<Copied>,
    success: Copied,
) {
    match made {
        Ok(text) => {
            shown.set(Some(text.clone()));
            copy_to_clipboard(text, copied.clone(), success);
        }
        Err(error) => {
            shown.set(None);
            copied.set(Copied::Refused(error));
        }
    }
}

/// The title and description typed in the info form.
fn info_fields(form: &HtmlFormElement) -> (String, String) {
    let title = field::<HtmlInputElement>(form, "title").map(|t| t.value()).unwrap_or_default();
    let description = field::<HtmlTextAreaElement>(form, "description").map(|d| d.value()).unwrap_or_default();
    (title, description)
}

/// The form of the field typed in (Yew listens at the page's root, not at the form).
fn form_typed_in(event: &InputEvent) -> Option<HtmlFormElement> {
    match event.target_dyn_into::<HtmlInputElement>() {
        Some(input) => input.form(),
        None => event.target_dyn_into::<HtmlTextAreaElement>().and_then(|area| area.form()),
    }
}

/// The form's control named `name`, if it is a `T`.
fn field<T: JsCast>(form: &HtmlFormElement, name: &str) -> Option<T> {
    form.get_with_name(name).and_then(|element| element.dyn_into::<T>().ok())
}

/// The whole number in the field `name`, brought within `least..=4000` (the browser refuses
/// to submit a value outside the field's `min` and `max`; this holds whatever it lets through);
/// `default` if it is not a number.
fn number_of(form: &HtmlFormElement, name: &str, least: u32, default: u32) -> u32 {
    let value = field::<HtmlInputElement>(form, name).and_then(|input| input.value().trim().parse::<u32>().ok());
    value.map_or(default, |n| n.clamp(least, 4000))
}

fn checked(form: &HtmlFormElement, name: &str) -> bool {
    field::<HtmlInputElement>(form, name).is_some_and(|input| input.checked())
}

/// The share panel, folded by default under the controls.
#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let lang = props.lang;
    let s = lang.share_texts();
    let link = use_state(|| None::<String>);
    let snippet = use_state(|| None::<String>);
    let copied = use_state(|| Copied::Nothing);
    // What was typed in the title and description and not yet saved, with the run it was typed
    // in: kept when the shown words change in that run (a preset's, when the language is
    // switched), dropped when another run brings its own.
    let typed = use_state(|| None::<((String, String), u64)>);
    // The embed's width and height as typed: the fields show them through every redraw (Yew
    // sets a field's value to the one drawn each time).
    let size = use_state(|| (EMBED_SIZE.0.to_string(), EMBED_SIZE.1.to_string()));
    let on_size = {
        let size = size.clone();
        Callback::from(move |event: InputEvent| {
            let Some(form) = form_typed_in(&event) else { return };
            let value = |name| field::<HtmlInputElement>(&form, name).map(|input| input.value()).unwrap_or_default();
            size.set((value("width"), value("height")));
        })
    };
    let shown_info = match &*typed {
        Some((info, run)) if *run == props.run => info.clone(),
        _ => props.info.clone(),
    };
    let on_type = {
        let (typed, run) = (typed.clone(), props.run);
        Callback::from(move |event: InputEvent| {
            let Some(form) = form_typed_in(&event) else { return };
            typed.set(Some((info_fields(&form), run)));
        })
    };

    // Makes the link or the embed code of the run as the page has it now, shows it and copies it.
    let make = {
        let (fragment, link, snippet, copied) = (props.fragment.clone(), link.clone(), snippet.clone(), copied.clone());
        let (lesson, title_in) = (props.lesson.clone(), props.title_in.clone());
        Rc::new(move |copy: &CopyAsked| match copy {
            CopyAsked::Link(chosen) => {
                // A preset's words in the language the link opens in.
                let fragment = fragment.emit(chosen.unwrap_or(lang));
                let lesson =
                    fragment.as_ref().is_ok_and(|fragment| crate::lessons::LessonLink::parse(fragment).is_some());
                let query = PageOptions { lang: *chosen, ..PageOptions::default() }.to_query();
                let url = fragment.map(|fragment| format!("{}{query}#{fragment}", page_base()));
                show_and_copy(url, &link, &copied, Copied::Link(lesson));
            }
            CopyAsked::Code(options, size) => {
                let frame_lang = options.lang.unwrap_or(lang);
                let code = fragment.emit(frame_lang).map(|fragment| {
                    let step = crate::lessons::LessonLink::parse(&fragment).is_some();
                    let title = match &lesson {
                        Some(lesson) if step => frame_lang.said(lesson).to_owned(),
                        // As the page has it by now (words typed were saved first).
                        _ => title_in.emit(frame_lang),
                    };
                    let title = if title.is_empty() { frame_lang.share_texts().frame_title } else { &title };
                    iframe_snippet(&page_base(), options, &fragment, *size, title)
                });
                show_and_copy(code, &snippet, &copied, Copied::Code);
            }
        })
    };
    // A copy asked for with a title or description typed and not saved: they are saved first
    // (they would be missing from the link), and the copy is made once the page shows them.
    let pending = use_state(|| None::<(CopyAsked, (String, String))>);
    {
        let (pending, make) = (pending.clone(), make.clone());
        use_effect_with(props.info.clone(), move |info| {
            if let Some((copy, saved)) = &*pending {
                if saved == info {
                    make(copy);
                    pending.set(None);
                }
            }
        });
    }
    let ask = {
        let (typed, pending, on_info, run, info) =
            (typed.clone(), pending.clone(), props.on_info.clone(), props.run, props.info.clone());
        move |copy: CopyAsked| {
            let unsaved = match &*typed {
                Some(((title, description), typed_in)) if *typed_in == run => {
                    Some((title.trim().to_owned(), description.trim().to_owned())).filter(|words| *words != info)
                }
                _ => None,
            };
            match unsaved {
                Some(words) => {
                    on_info.emit(words.clone());
                    typed.set(None);
                    pending.set(Some((copy, words)));
                }
                None => make(&copy),
            }
        }
    };
    // The language a copied link opens in (`None`: whatever the reader's page speaks).
    let link_lang = use_state(|| None::<Lang>);
    let on_link_lang = {
        let link_lang = link_lang.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            link_lang.set(Lang::from_link(&select.value()));
        })
    };
    let on_copy_link = {
        let (ask, link_lang) = (ask.clone(), *link_lang);
        Callback::from(move |_: MouseEvent| ask(CopyAsked::Link(link_lang)))
    };
    let speed = props.speed;
    // Whether the embed plays at the page's speed: ticked until unticked. Yew sets `checked` on
    // every drawing, so the box follows this, told on `input` (before the form's own `input`
    // draws the panel again).
    let carry_speed = use_state(|| true);
    let on_carry_speed = {
        let carry_speed = carry_speed.clone();
        Callback::from(move |event: InputEvent| {
            carry_speed.set(event.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_embed = Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        let form: HtmlFormElement = event.target_unchecked_into();
        let options = PageOptions {
            embed: true,
            autoplay: checked(&form, "autoplay"),
            show_log: checked(&form, "log"),
            origin: None,
            lang: field::<HtmlSelectElement>(&form, "lang").and_then(|select| Lang::from_link(&select.value())),
            speed: checked(&form, "speed").then_some(speed),
            ..PageOptions::default()
        };
        // The embed fills frames from 320×240 up (README).
        let size = (number_of(&form, "width", 320, EMBED_SIZE.0), number_of(&form, "height", 240, EMBED_SIZE.1));
        ask(CopyAsked::Code(options, size));
    });
    let on_info = {
        let on_info = props.on_info.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let form: HtmlFormElement = event.target_unchecked_into();
            on_info.emit(info_fields(&form));
            typed.set(None);
        })
    };
    // A lesson with its log table wants a larger frame (README: 960×600 with `log=1`): ticking
    // it changes the size to that while the size is still the default, and unticking it
    // changes it back.
    let on_log = {
        let (size, lesson) = (size.clone(), props.lesson.is_some());
        Callback::from(move |event: Event| {
            let tick: HtmlInputElement = event.target_unchecked_into();
            let (from, to) =
                if tick.checked() { (EMBED_SIZE, EMBED_SIZE_WITH_LOG) } else { (EMBED_SIZE_WITH_LOG, EMBED_SIZE) };
            if lesson && *size == (from.0.to_string(), from.1.to_string()) {
                size.set((to.0.to_string(), to.1.to_string()));
            }
        })
    };
    // Whether Export SVG draws the log table beside the ring: ticked until unticked (as above).
    let svg_logs = use_state(|| true);
    let on_svg_logs = {
        let svg_logs = svg_logs.clone();
        Callback::from(move |event: InputEvent| {
            svg_logs.set(event.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_svg = {
        let with_logs = *svg_logs;
        Callback::from(move |_: MouseEvent| crate::export_svg::download_cluster_svg(with_logs))
    };
    let status = match &*copied {
        Copied::Nothing => String::new(),
        Copied::Link(false) => s.link_copied.to_owned(),
        Copied::Link(true) => s.lesson_link_copied.to_owned(),
        Copied::Code => s.code_copied.to_owned(),
        Copied::Failed => s.copy_by_hand.to_owned(),
        Copied::Refused(why) => format!("{} {}", s.cannot_share, props.lang.link_error(why)),
    };
    html! {
        <details class="share">
            <summary>{ s.share }</summary>
            <form class="share__info" onsubmit={on_info} oninput={on_type}>
                <label>{ s.info_title }<input name="title" type="text" maxlength="200" value={shown_info.0} /></label>
                <label>{ s.info_description }
                    <textarea name="description" rows="2" maxlength="2000" value={shown_info.1} />
                </label>
                <button type="submit">{ s.save_info }</button>
            </form>
            <div class="share__row">
                <button type="button" onclick={on_copy_link}>{ s.copy_link }</button>
                <label>{ s.link_lang }
                    <select name="link-lang" onchange={on_link_lang}>
                        { language_options(s.embed_lang_reader) }
                    </select>
                </label>
                <button type="button" onclick={on_svg}>{ s.export_svg }</button>
                <label><input type="checkbox" checked={*svg_logs} oninput={on_svg_logs} />{ s.export_svg_logs }</label>
                <span class="share__status" role="status">{ status }</span>
            </div>
            if let Some(url) = &*link {
                <label class="share__output">{ s.link }
                    <input type="text" readonly=true value={url.clone()} onfocus={select_all()} />
                </label>
            }
            <form class="share__embed" onsubmit={on_embed} oninput={on_size} aria-label={s.embed}>
                <fieldset>
                    <legend>{ s.embed }</legend>
                    <label>{ s.embed_width }<input name="width" type="number" min="320" max="4000" value={size.0.clone()} /></label>
                    <label>{ s.embed_height }<input name="height" type="number" min="240" max="4000" value={size.1.clone()} /></label>
                    <label><input name="autoplay" type="checkbox" />{ s.embed_autoplay }</label>
                    // Another speed than the page's own is carried by the embed unless unticked.
                    if speed != crate::state::DEFAULT_SPEED {
                        <label><input name="speed" type="checkbox" checked={*carry_speed} oninput={on_carry_speed} />
                            { s.embed_speed }{ crate::components::controls::format_speed(speed) }</label>
                    }
                    <label><input name="log" type="checkbox" onchange={on_log} />{ s.embed_log }</label>
                    <label>{ s.embed_lang }
                        <select name="lang">{ language_options(s.embed_lang_reader) }</select>
                    </label>
                    <button type="submit">{ s.copy_code }</button>
                </fieldset>
            </form>
            if let Some(code) = &*snippet {
                <label class="share__output">{ s.embed_code }
                    <textarea readonly=true rows="3" value={code.clone()} onfocus={select_all()} />
                </label>
            }
        </details>
    }
}

/// A language picker's choices: the reader's own (`reader`, first), English, 中文.
fn language_options(reader: &'static str) -> Html {
    html! {
        <>
            <option value="" selected=true>{ reader }</option>
            <option value="en" lang="en">{ "English" }</option>
            <option value="zh" lang="zh">{ "中文" }</option>
        </>
    }
}

/// Selects a read-only field's whole text when it gets focus, ready to copy.
fn select_all() -> Callback<FocusEvent> {
    Callback::from(|event: FocusEvent| {
        if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
            input.select();
        } else if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
            area.select();
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_escapes_what_a_title_or_link_could_smuggle() {
        let options = PageOptions { embed: true, autoplay: true, ..PageOptions::default() };
        let snippet =
            iframe_snippet("https://x.org/raft/", &options, "s=1.ab&t=5", (640, 420), "A \"quoted\" <b>title</b>");
        assert_eq!(
            snippet,
            "<iframe src=\"https://x.org/raft/?embed&amp;autoplay=1#s=1.ab&amp;t=5\" width=\"640\" height=\"420\" \
             title=\"A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt;\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>"
        );
    }
}
