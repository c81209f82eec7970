//! Small custom hooks.

mod focus;
mod keyboard_shortcuts;
mod use_animation_frame;
mod use_embed_api;
mod use_page_listeners;
mod use_popover;
mod use_preferences;
mod use_share_fragment;

pub use focus::{
    after_redraw, focus_quietly, focus_selected, refocus_controls, refocus_lesson, refocus_message, reveal_drawing,
    reveal_explore, reveal_lesson_head, reveal_lesson_step, window_height,
};
pub use use_animation_frame::use_animation_frame;
pub use use_embed_api::{use_embed_api, EmbedStatus};
pub use use_page_listeners::use_page_listeners;
pub use use_popover::{tab_trap, use_popover};
pub use use_preferences::{use_preferences, Preferences, Theme};
pub use use_share_fragment::use_share_fragment;
