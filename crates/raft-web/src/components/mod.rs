//! The page's parts, one per file. Those that keep state, or whose memo keeps them from
//! redrawing every frame (the cluster, the log table, the narration, forms whose fields the
//! user types in), are Yew components; the rest are plain functions, because a component costs
//! the page about a kilobyte of WebAssembly (issue 6). The node, message and lane glyphs are
//! functions that the cluster component calls, so they redraw only when it does.

mod activate_keys;
mod client_history;
mod client_menu;
mod cluster;
mod controls;
mod counterexample_search;
mod embed_strip;
mod explore_panel;
mod invariant_bar;
mod lane_glyph;
mod legend;
mod lesson_panel;
mod log_table;
mod message_glyph;
mod message_panel;
mod narration;
mod network_bar;
mod node_glyph;
mod node_menu;
pub(crate) mod picker_keys;
mod roving;
mod scenario_file;
mod settings;
mod share_panel;
mod shortcuts;
mod tally;
pub(crate) mod timeline;
mod write_form;

pub use client_history::ClientHistory;
pub use client_menu::ClientMenu;
pub use cluster::{Cluster, ClusterProps};
pub use controls::{controls, speed_number, ControlsProps};
pub use counterexample_search::{choose_goal, CounterexampleSearch, CounterexampleSearchProps};
pub use embed_strip::{embed_strip, EmbedStripProps};
pub use explore_panel::{explore_panel, focus_first_event, ExplorePanelProps};
pub use invariant_bar::{broken_flag, invariant_bar, rules_off_flag, InvariantBarProps};
pub use lane_glyph::{lane_glyph, LaneGlyphProps};
pub use legend::legend;
pub use lesson_panel::{lesson_nav, lesson_panel, lesson_picker, LessonPanelProps};
pub use log_table::LogTable;
pub use message_glyph::{message_glyph, MessageGlyphProps};
pub use message_panel::{message_panel, MessagePanelProps};
pub use narration::Narration;
pub use network_bar::{network_bar, NetworkBarProps};
pub use node_glyph::{node_glyph, NodeGlyphProps};
pub use node_menu::NodeMenu;
pub use scenario_file::scenario_file;
pub use settings::Settings;
pub use share_panel::{iframe_snippet, SharePanel};
pub use shortcuts::Shortcuts;
pub use timeline::{timeline, TimelineProps};
pub use write_form::WriteForm;
