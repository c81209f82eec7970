//! The keyboard shortcuts overlay, opened with `?`.

use yew::prelude::*;

use crate::hooks::{focus_quietly, tab_trap};
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

/// A dialog listing every shortcut. Its Close button takes the focus when it opens, Tab stays
/// inside it, and closing it gives the focus back to whatever had it before.
#[component]
pub fn Shortcuts(props: &ShortcutsProps) -> Html {
    let t = props.lang.texts();
    let (dialog, close) = (use_node_ref(), use_node_ref());
    {
        let close = close.clone();
        use_effect_with((), move |_| {
            let opener = gloo::utils::document().active_element();
            if let Some(button) = close.cast::<web_sys::Element>() {
                focus_quietly(&button);
            }
            move || {
                if let Some(opener) = opener.filter(|opener| opener.is_connected()) {
                    focus_quietly(&opener);
                }
            }
        });
    }
    let onkeydown = tab_trap(dialog.clone());
    html! {
        <div class="shortcuts" role="dialog" aria-modal="true" aria-label={t.shortcuts} ref={dialog} {onkeydown}>
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
