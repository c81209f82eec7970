//! Snapshots of the simulation at one moment, in the shapes the components draw. Reading the
//! simulator here keeps Raft out of the components: they only get plain data.

mod changes;
mod client_history;
mod cluster;
mod details;
mod explore;
mod logs;
mod purpose;

pub use changes::{Changes, Moment};
pub use client_history::{ClientHistoryView, HistoryAxis, HistoryBar, HistoryBreach, Outcome};
pub use cluster::{ClusterView, LaneView, LossView, MessageView, NodeView, Standing};
pub use details::{Arrival, FieldValue, MessageDetails, NodeDetails};
pub use explore::{event_code, ExploreView, MessageChoices, ServerChoices};
pub use logs::{LogCell, LogRow, LogsView};
pub use purpose::Purpose;
