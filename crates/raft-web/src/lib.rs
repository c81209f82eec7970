//! The Raft playground page: a Yew app that draws a [`raft_sim::Simulation`] as SVG and turns
//! clicks and keys into simulator actions. No Raft rule lives here: the page reads the
//! simulation's state and asks it to act.
#![forbid(unsafe_code)]

mod app;
mod class_list;
pub mod components;
pub mod embed_api;
pub mod error_banner;
pub mod export_logs;
pub mod export_svg;
pub mod geometry;
mod hooks;
pub mod i18n;
mod i18n_clock;
pub mod i18n_errors;
mod i18n_explore;
mod i18n_history;
mod i18n_learner;
mod i18n_lessons;
mod i18n_membership;
mod i18n_presets;
mod i18n_purpose;
mod i18n_search;
mod i18n_share;
pub mod lesson_fetch;
pub mod lessons;
pub mod number_text;
pub mod page_options;
pub mod placement;
pub mod preset_fetch;
pub mod presets;
mod senders;
pub mod state;
pub mod view;

pub use app::App;
