//! The visitor's remembered choices: language and theme, kept in localStorage.

use yew::prelude::*;

use crate::i18n::Lang;

const LANG_KEY: &str = "raft-playground.lang";
const THEME_KEY: &str = "raft-playground.theme";

/// The colour theme: follow the system, or force light or dark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every theme, in the picker's order.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored code, also the `data-theme` attribute of the document.
    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn from_code(code: &str) -> Theme {
        Theme::ALL.into_iter().find(|t| t.code() == code).unwrap_or(Theme::System)
    }
}

/// The stored string under `key`, if any. Values are JSON strings (`"zh"`), as they have
/// always been stored.
fn stored(key: &str) -> Option<String> {
    let storage = gloo::utils::window().local_storage().ok().flatten()?;
    let text = storage.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Remembers `value` under `key`; a browser that refuses storage just forgets.
fn store(key: &str, value: &str) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.set_item(key, &raft_sim::to_compact_json(value));
    }
}

/// The visitor's choices.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Preferences {
    /// The page's language.
    pub lang: Lang,
    /// The colour theme.
    pub theme: Theme,
}

/// The language (the one the link asks for, else the stored one, else the browser's) and theme
/// (stored, else the system's), in one state whose changes are remembered and applied to the
/// document (one state and one effect, not two of each: issue 6, page weight). A language the
/// link asks for is not remembered, so an embed in a 中文 course leaves the visitor's own
/// choice alone; one chosen with the language button is.
#[hook]
pub fn use_preferences(asked: Option<Lang>) -> UseStateHandle<Preferences> {
    let preferences = use_state(|| {
        let browser = || gloo::utils::window().navigator().language().unwrap_or_default();
        Preferences {
            lang: asked.unwrap_or_else(|| Lang::from_tag(&stored(LANG_KEY).unwrap_or_else(browser))),
            theme: Theme::from_code(&stored(THEME_KEY).unwrap_or_default()),
        }
    });
    // Once the visitor switches language, it is theirs: remembered even when they come back to
    // the one the link asked for.
    let first = use_memo((), |_| preferences.lang);
    let chosen = use_mut_ref(|| false);
    use_effect_with(*preferences, move |&Preferences { lang, theme }| {
        let chosen = {
            let mut chosen = chosen.borrow_mut();
            *chosen |= lang != *first;
            *chosen
        };
        if chosen || Some(lang) != asked {
            store(LANG_KEY, lang.code());
        }
        store(THEME_KEY, theme.code());
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.texts().html_lang);
            let _ = root.set_attribute("data-theme", theme.code());
        }
    });
    preferences
}
