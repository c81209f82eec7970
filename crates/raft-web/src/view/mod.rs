//! Snapshots of the simulation at one moment, in the shapes the components draw. Reading the
//! simulator here keeps Raft out of the components: they only get plain data.

mod cluster;
mod details;
mod logs;

pub use cluster::{ClusterView, LaneView, LossView, MessageView, NodeView};
pub use details::{MessageDetails, NodeDetails};
pub use logs::{LogCell, LogRow, LogsView};

/// How a message endpoint is named on the page: `S3`, or `client` for the client.
pub fn endpoint_name(id: raft_sim::NodeId) -> String {
    if id == raft_sim::CLIENT {
        "client".to_owned()
    } else {
        format!("S{id}")
    }
}
