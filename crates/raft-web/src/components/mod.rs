//! The page's components, one per file.

mod cluster;
mod controls;
mod legend;
mod log_table;
mod message_glyph;
mod node_glyph;
mod node_menu;
mod timeline;

pub use cluster::{Cluster, ClusterProps};
pub use controls::Controls;
pub use legend::Legend;
pub use log_table::LogTable;
pub use message_glyph::MessageGlyph;
pub use node_glyph::NodeGlyph;
pub use node_menu::NodeMenu;
pub use timeline::Timeline;
