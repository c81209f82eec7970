//! The words of membership changes (thesis chapter 4), in English and 中文: where a server
//! stands, the changes a client asks for and why a leader refuses one, and the controls.

use raft_sim::{ChangeRefusal, Configuration, MembershipChange, NodeId};

use crate::i18n::Lang;
use crate::view::Standing;

/// The membership controls' words in one language.
pub struct MembershipTexts {
    /// The button that adds a server.
    pub add_server: &'static str,
    /// Its tooltip.
    pub add_server_title: &'static str,
    /// Its tooltip while nine servers vote and it is disabled.
    pub add_server_full_title: &'static str,
    /// The node menu's button that removes the server from the configuration.
    pub remove_server: &'static str,
    /// Its tooltip.
    pub remove_server_title: &'static str,
    /// The node menu's name for the configuration in force on the server.
    pub configuration: &'static str,
    /// The node menu's configuration of a new server whose log holds none yet.
    pub no_configuration: &'static str,
    /// The log table's word for a configuration entry.
    pub configuration_entry: &'static str,
}

const EN: MembershipTexts = MembershipTexts {
    add_server: "Add server",
    add_server_title:
        "Start a new, empty server and ask the leader to add it: it catches up as a learner, then votes (thesis §4.2)",
    add_server_full_title: "Nine servers already vote: the most the playground draws",
    remove_server: "Remove from cluster",
    remove_server_title: "Ask the leader to remove this server from the configuration (thesis §4.2)",
    configuration: "Configuration",
    no_configuration: "none yet",
    configuration_entry: "configuration",
};

const ZH: MembershipTexts = MembershipTexts {
    add_server: "添加服务器",
    add_server_title:
        "启动一台新的空服务器，并请领导者把它加入集群：它先作为学习者追赶日志，再参与投票（博士论文 §4.2）",
    add_server_full_title: "已有九台服务器投票：这是演练场能画出的最多台数",
    remove_server: "移出集群",
    remove_server_title: "请领导者把这台服务器从配置中移除（博士论文 §4.2）",
    configuration: "配置",
    no_configuration: "尚无",
    configuration_entry: "配置",
};

impl Lang {
    /// The node menu's name for the leader's configuration, when it differs from the server's.
    pub fn leaders_configuration(self, leader: NodeId) -> String {
        match self {
            Lang::En => format!("Leader S{leader}'s configuration"),
            Lang::Zh => format!("领导者 S{leader} 的配置"),
        }
    }

    /// The membership controls' words in this language.
    pub fn membership_texts(self) -> &'static MembershipTexts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// A learner's accessible name (it runs as a follower): "S6, learner (catching up, not
    /// voting yet), term 2".
    pub fn learner_label(self, id: NodeId, term: u64) -> String {
        match self {
            Lang::En => format!("S{id}, learner (catching up, not voting yet), term {term}"),
            Lang::Zh => format!("S{id}，学习者（正在追赶日志，还不投票），任期 {term}"),
        }
    }

    /// Where a server stands, for its accessible name; `None` for a voter, the usual case.
    pub fn standing(self, standing: Standing) -> Option<&'static str> {
        match (self, standing) {
            (_, Standing::Voter) => None,
            (Lang::En, Standing::Learner) => Some("learner: catching up, not voting yet"),
            (Lang::Zh, Standing::Learner) => Some("学习者：正在追赶日志，还不投票"),
            (Lang::En, Standing::Outside) => Some("not in the configuration"),
            (Lang::Zh, Standing::Outside) => Some("不在配置中"),
        }
    }

    /// A membership change, as the rest of a sentence: `add S4`, `remove S2`, …
    pub fn change(self, change: &MembershipChange) -> String {
        use MembershipChange as C;
        let set = |voters: &[NodeId]| Configuration::new(voters.iter().copied()).to_string();
        match (self, change) {
            (Lang::En, C::Add(node)) => format!("add S{node}"),
            (Lang::En, C::Remove(node)) => format!("remove S{node}"),
            (Lang::En, C::Reconfigure(voters)) => format!("make {} the configuration", set(voters)),
            (Lang::Zh, C::Add(node)) => format!("添加 S{node}"),
            (Lang::Zh, C::Remove(node)) => format!("移除 S{node}"),
            (Lang::Zh, C::Reconfigure(voters)) => format!("把配置改为 {}", set(voters)),
        }
    }

    /// Why a leader refused a membership change.
    pub fn refusal(self, refusal: &ChangeRefusal) -> String {
        use ChangeRefusal as R;
        match (self, refusal) {
            (Lang::En, R::InProgress) => "another membership change is not finished yet".to_owned(),
            (Lang::En, R::AlreadyVoter(node)) => format!("S{node} already votes"),
            (Lang::En, R::NotVoter(node)) => format!("S{node} is not a voter"),
            (Lang::En, R::NoVoterLeft) => "a cluster needs at least one voter".to_owned(),
            (Lang::En, R::MoreThanOne) => "one server at a time, unless joint consensus is on".to_owned(),
            (Lang::En, R::Unchanged) => "that already is the configuration".to_owned(),
            (Lang::En, R::CatchUpFailed(node)) => format!("S{node} did not catch up with the leader's log"),
            (Lang::Zh, R::InProgress) => "上一次成员变更还没有完成".to_owned(),
            (Lang::Zh, R::AlreadyVoter(node)) => format!("S{node} 已经是投票成员"),
            (Lang::Zh, R::NotVoter(node)) => format!("S{node} 不是投票成员"),
            (Lang::Zh, R::NoVoterLeft) => "集群至少要有一个投票成员".to_owned(),
            (Lang::Zh, R::MoreThanOne) => "一次只能变更一台服务器，除非开启联合共识".to_owned(),
            (Lang::Zh, R::Unchanged) => "配置本来就是这样".to_owned(),
            (Lang::Zh, R::CatchUpFailed(node)) => format!("S{node} 没能追上领导者的日志"),
        }
    }
}
