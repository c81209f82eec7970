//! When the page panics, a readable banner replaces the blank page: what went wrong, and a
//! Reset link that reloads the page without its fragment. The banner is plain DOM built
//! through text nodes (never HTML), and the link works even though WebAssembly has stopped.

/// Installs the panic hook that shows [`show_error_banner`].
pub fn install_panic_banner() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        gloo::console::error!(format!("Raft playground crashed: {message}"));
        show_error_banner(&message);
    }));
}

/// Shows the error banner for any failure the panic hook does not see: a trap of the page's
/// WebAssembly (out of memory, `unreachable`) or any other uncaught error reaches the window
/// as an `error` event (or an unhandled promise rejection).
pub fn install_error_listener() {
    let window = gloo::utils::window();
    for kind in ["error", "unhandledrejection"] {
        gloo::events::EventListener::new(&window, kind, |event| {
            let detail = js_sys::Reflect::get(event, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .or_else(|| js_sys::Reflect::get(event, &"reason".into()).ok().map(|reason| reason_text(&reason)))
                .unwrap_or_default();
            show_error_banner(&detail);
        })
        .forget();
    }
}

/// What a rejected promise's reason says: an `Error`'s message, a string as it is, anything
/// else as JSON, or `?` (never a failure of its own: `undefined`, `null` and objects included).
fn reason_text(reason: &wasm_bindgen::JsValue) -> String {
    let message = js_sys::Reflect::get(reason, &"message".into()).ok().and_then(|m| m.as_string());
    let json = || js_sys::JSON::stringify(reason).ok().and_then(|text| text.as_string());
    message.or_else(|| reason.as_string()).or_else(json).unwrap_or_else(|| "?".to_owned())
}

/// Puts the error banner at the top of the page. The first failure is the one worth reading:
/// once a banner is shown, later ones (a `RefCell already borrowed` after a trap, say) do not
/// replace it.
pub fn show_error_banner(message: &str) {
    let document = gloo::utils::document();
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("playground-error").is_some() {
        return;
    }
    let Ok(banner) = document.create_element("div") else { return };
    banner.set_id("playground-error");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "error-banner");
    let explanation = format!("{} / {}", crate::i18n::Lang::En.page_failed(), crate::i18n::Lang::Zh.page_failed());
    let detail: String = message.chars().take(300).collect();
    let text = format!("Something went wrong / 出错了. {explanation} ({detail}) ");
    if let Ok(paragraph) = document.create_element("p") {
        paragraph.set_text_content(Some(&text));
        let _ = banner.append_child(&paragraph);
    }
    if let Ok(reset) = document.create_element("a") {
        let path = gloo::utils::window().location().pathname().unwrap_or_else(|_| "./".to_owned());
        let _ = reset.set_attribute("href", &path);
        reset.set_text_content(Some("Reset / 重置"));
        let _ = banner.append_child(&reset);
    }
    let _ = body.prepend_with_node_1(&banner);
}
