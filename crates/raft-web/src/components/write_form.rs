//! The client's write form: a `key=value` field and a Send button. What the user typed is kept
//! when the write is refused, and the reason is shown right under the field.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`WriteForm`].
#[derive(Properties, PartialEq)]
pub struct WriteFormProps {
    /// What the field starts with, e.g. `x=3`.
    pub suggested: AttrValue,
    /// The field's accessible name.
    pub label: AttrValue,
    /// The button's text and its tooltip.
    pub button: (AttrValue, AttrValue),
    /// Why the last write was refused, if it was.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// The user sends this command.
    pub on_send: Callback<String>,
}

/// A one-line form; Enter sends. Give it a `key` to start afresh for another target.
#[component]
pub fn WriteForm(props: &WriteFormProps) -> Html {
    let command = use_state(|| props.suggested.to_string());
    let on_submit = {
        let (command, on_send) = (command.clone(), props.on_send.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_send.emit((*command).clone());
        })
    };
    let on_input = {
        let command = command.clone();
        Callback::from(move |event: InputEvent| command.set(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    // The suggested command is selected when the field takes the focus, so typing replaces
    // it instead of running on from it (`x=1y=2`).
    // A click's own mouseup would put the caret back, so the one that follows focusing is
    // told not to.
    let just_focused = use_mut_ref(|| false);
    let onfocus = {
        let just_focused = just_focused.clone();
        Callback::from(move |event: FocusEvent| {
            event.target_unchecked_into::<HtmlInputElement>().select();
            *just_focused.borrow_mut() = true;
        })
    };
    let onmouseup = Callback::from(move |event: MouseEvent| {
        if just_focused.replace(false) {
            event.prevent_default();
        }
    });
    let (text, title) = props.button.clone();
    html! {
        <form class="write-form" onsubmit={on_submit}>
            <div class="write-form__row">
                <input type="text" aria-label={props.label.clone()} value={(*command).clone()} oninput={on_input} {onfocus} {onmouseup}
                       spellcheck="false" autocomplete="off" maxlength="49"
                       aria-invalid={props.error.is_some().to_string()}
                       aria-describedby={props.error.is_some().then_some("write-form-error")} />
                <button type="submit" {title}>{ text }</button>
            </div>
            if let Some(error) = &props.error {
                <p class="write-form__error" id="write-form-error" role="alert">{ error.clone() }</p>
            }
        </form>
    }
}
