//! Small custom hooks.

mod use_animation_frame;
mod use_keyboard_shortcuts;
mod use_preferences;

pub use use_animation_frame::use_animation_frame;
pub use use_keyboard_shortcuts::use_keyboard_shortcuts;
pub use use_preferences::{use_lang, use_preferences, Theme};
