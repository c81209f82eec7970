//! Small custom hooks.

mod use_animation_frame;
mod use_embed_api;
mod use_keyboard_shortcuts;
mod use_preferences;
mod use_share_fragment;

pub use use_animation_frame::use_animation_frame;
pub use use_embed_api::{use_embed_api, EmbedStatus};
pub use use_keyboard_shortcuts::use_keyboard_shortcuts;
pub use use_preferences::{use_preferences, Preferences, Theme};
pub use use_share_fragment::{use_hash_change, use_share_fragment};
