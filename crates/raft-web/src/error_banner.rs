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

/// Puts the error banner at the top of the page, replacing an earlier one.
pub fn show_error_banner(message: &str) {
    let document = gloo::utils::document();
    let Some(body) = document.body() else { return };
    if let Some(old) = document.get_element_by_id("playground-error") {
        old.remove();
    }
    let Ok(banner) = document.create_element("div") else { return };
    banner.set_id("playground-error");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("class", "error-banner");
    let text = format!("Something went wrong / 出错了: {message} ");
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
