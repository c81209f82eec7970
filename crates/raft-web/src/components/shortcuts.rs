//! The keyboard shortcuts overlay, opened with `?`.

use yew::prelude::*;

use crate::i18n::Lang;

/// Properties of [`Shortcuts`].
#[derive(Properties, PartialEq)]
pub struct ShortcutsProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// The overlay should close.
    pub on_close: Callback<()>,
}

/// A dialog listing every shortcut. Its Close button takes the focus when it opens.
#[component]
pub fn Shortcuts(props: &ShortcutsProps) -> Html {
    let t = props.lang.texts();
    let close = use_node_ref();
    {
        let close = close.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    html! {
        <div class="shortcuts" role="dialog" aria-modal="true" aria-label={t.shortcuts}>
            <h2>{ t.shortcuts }</h2>
            <table>
                <tbody>
                    { for t.shortcut_rows.iter().map(|(key, what)| html! {
                        <tr><th scope="row"><kbd>{ *key }</kbd></th><td>{ *what }</td></tr>
                    }) }
                </tbody>
            </table>
            <button type="button" ref={close} onclick={props.on_close.reform(|_: MouseEvent| ())}>{ t.close }</button>
        </div>
    }
}
