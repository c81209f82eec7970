//! The message panel's sentence on why a message was sent, in English and 中文 (see
//! `view/purpose.rs`).

use raft_sim::{NodeId, StoryEvent};

use crate::i18n::Lang;
use crate::view::Purpose;

impl Lang {
    /// Why a message from `from` to `to` was sent, and what its receiver will do with it.
    pub fn purpose(self, purpose: &Purpose, from: NodeId, to: NodeId) -> String {
        let (a, b) = (self.endpoint(from), self.endpoint(to));
        if let Purpose::VoteRefused { term, reason: Some(reason) } = purpose {
            // The sender's own reason, as the narration tells it.
            return self.tell(&StoryEvent::VoteRefused { node: from, candidate: to, term: *term, reason: *reason });
        }
        if let Purpose::PreVoteAnswer { refusal: Some((term, reason)), .. } = purpose {
            return self.tell(&StoryEvent::PreVoteRefused { node: from, candidate: to, term: *term, reason: *reason });
        }
        match (self, purpose) {
            (Lang::En, Purpose::Campaign { term, transfer, guarded }) => format!(
                "{a} campaigns for term {term}{} and asks {b} for its vote. {b} grants it if it has not voted for \
                 another server in that term and {a}'s log is at least as up-to-date as its own (§5.2, §5.4.1).{}",
                if *transfer { ", handed leadership by its leader (thesis §3.10)," } else { "" },
                match (*guarded, *transfer) {
                    (true, false) => {
                        " With CheckQuorum on, a server that heard from a leader within the shortest election \
                         timeout ignores it instead (thesis §4.2.3)."
                    }
                    (true, true) => {
                        " CheckQuorum is on, but its guard (ignore a request for votes within the shortest election \
                         timeout of hearing from a leader) does not apply: the leader itself asked for this \
                         election (thesis §3.10, §4.2.3)."
                    }
                    (false, _) => "",
                }
            ),
            (Lang::En, Purpose::PreVote { term, guarded }) => format!(
                "{a} asks whether {b} would vote for it in term {term}, without raising any term. {b} says yes only \
                 if it has not heard from a leader within the shortest election timeout, term {term} is later than \
                 its own, and {a}'s log is at least as up-to-date as its own (thesis §9.6, §5.4.1).{}",
                if *guarded {
                    " With CheckQuorum on, a server that heard from a leader within that time does not answer at \
                     all (thesis §4.2.3)."
                } else {
                    ""
                }
            ),
            (Lang::En, Purpose::VoteGranted { term }) => {
                format!("{a} grants {b} its vote for term {term}. Votes from a majority make {b} leader (§5.2).")
            }
            (Lang::En, Purpose::VoteRefused { term, .. }) => format!(
                "{a}, in term {term}, refuses {b} its vote: the request's term is stale, {a} voted for another \
                 server already, or {b}'s log is behind (§5.1, §5.2, §5.4.1)."
            ),
            (Lang::En, Purpose::PreVoteAnswer { granted: true, .. }) => format!("{a} would vote for {b} (thesis §9.6)."),
            (Lang::En, Purpose::PreVoteAnswer { granted: false, .. }) => {
                format!(
                    "{a} would not vote for {b}: it still hears from a leader, {b}'s log is behind, or the term \
                     asked for is not later than its own (thesis §9.6)."
                )
            }
            (Lang::En, Purpose::Replicate { first, last, prev_index: 0, .. }) => {
                let (they_start, them) = if first == last { ("It starts", "it") } else { ("They start", "them") };
                format!(
                    "Leader {a} sends {}. {they_start} the log, so there is no earlier entry to check: {b} stores \
                     {them} (§5.3).",
                    entries_en(*first, *last)
                )
            }
            (Lang::En, Purpose::Replicate { first, last, prev_index, prev_term }) => {
                let them = if first == last { "it" } else { "them" };
                format!(
                    "Leader {a} sends {}. {b} stores {them} only if {a}'s term is not older than its own and its \
                     log holds an entry at index {prev_index} of term {prev_term}, the one just before {them}; if \
                     that entry is missing it refuses, and the leader tries an earlier entry (the consistency \
                     check, §5.3).",
                    entries_en(*first, *last)
                )
            }
            (Lang::En, Purpose::Heartbeat { prev_index: 0, .. }) => format!(
                "Leader {a}'s heartbeat: no entries. Unless {b} is in a later term, it keeps {b} from starting an \
                 election (§5.2)."
            ),
            (Lang::En, Purpose::Heartbeat { prev_index, prev_term, commit }) => format!(
                "Leader {a}'s heartbeat: no entries. Unless {b} is in a later term, it keeps {b} from starting an \
                 election (§5.2). Like any AppendEntries, {b} accepts it only if its log holds an entry at index \
                 {prev_index} of term {prev_term} (the consistency check, §5.3){}.",
                match commit.min(prev_index) {
                    0 => String::new(),
                    known => format!("; then it learns that entries up to index {known} are committed"),
                }
            ),
            (Lang::En, Purpose::Outdated { term }) => format!(
                "{a}'s answer is of term {term}, and {b} is not the leader of that term now: it ignores the answer \
                 (§5.1)."
            ),
            (Lang::En, Purpose::Accepted { index }) => format!(
                "{a}'s log now matches leader {b}'s through index {index}: {b} sets its matchIndex, and commits an \
                 entry of its term once a majority hold it (§5.3, §5.4.2)."
            ),
            (Lang::En, Purpose::StaleRequest { term, now }) => format!(
                "{a} sent this in term {term}, but {b} is in term {now} already: {b} refuses it, whatever it \
                 asks, and answers with term {now}, which makes a server still in an earlier term a follower \
                 (§5.1)."
            ),
            (Lang::En, Purpose::StaleLeader { term }) => format!(
                "{a} is in term {term}, later than {b}'s: {b} learns it is no longer the leader and becomes a \
                 follower (§5.1)."
            ),
            (Lang::En, Purpose::Rejected { index }) => format!(
                "{a}'s log has no entry at index {index} matching the leader's (the consistency check, §5.3): {b} \
                 will move its nextIndex back and send earlier entries."
            ),
            (Lang::En, Purpose::EqualCommitRequest { entries, prev_index, commit }) => format!(
                "{}. Under the broken rule (Break a rule, in Settings), {b} takes it if the leader's commit index, \
                 {commit}, equals its own and its log reaches index {prev_index}, whatever that entry's term: \
                 prevLogTerm goes unchecked, so two logs can agree at an index and differ before it (§5.3 checks \
                 the term: Log Matching).",
                match entries {
                    Some((first, last)) => format!("Leader {a} sends {}", entries_en(*first, *last)),
                    None => format!("Leader {a}'s heartbeat: no entries"),
                }
            ),
            (Lang::En, Purpose::EqualCommitAccepted { index }) => format!(
                "{a} took leader {b}'s entries through index {index} under the broken rule (Break a rule, in \
                 Settings): the commit indexes were equal, and no term was checked before the entries, so the two \
                 logs may still differ before them (§5.3, Log Matching)."
            ),
            (Lang::En, Purpose::EqualCommitRejected { index }) => format!(
                "{a} refuses under the broken rule (Break a rule, in Settings): it takes AppendEntries only when the \
                 leader's commit index equals its own and its log reaches index {index}, prevLogTerm unchecked (§5.3 \
                 checks the term instead). If its log is too short, {b} moves nextIndex back and sends earlier \
                 entries; if the commit indexes differ, nothing {b} sends can help: a leader's commit index only \
                 grows, so {a} refuses it from now on and commits nothing more while {b} leads."
            ),
            (Lang::En, Purpose::HandOver) => format!(
                "Leader {a} hands leadership to {b}: {b} starts an election at once, without waiting for its timer \
                 (thesis §3.10)."
            ),
            (Lang::En, Purpose::Snapshot { index }) => format!(
                "Leader {a} has discarded the entries {b} needs: it sends its snapshot through index {index} instead \
                 (§7)."
            ),
            (Lang::En, Purpose::SnapshotInstalled { index }) => {
                format!("{a} now holds everything through index {index}; the leader sends what follows (§7).")
            }
            (Lang::En, Purpose::SnapshotRefused { term }) => format!(
                "{a}, in term {term}, refuses a snapshot sent in an earlier term: it answers with its term only, and \
                 the leader learns nothing of its log from it (§7, Figure 13)."
            ),
            (Lang::En, Purpose::ClientRequest) => format!(
                "The client's request to {b}. Only the leader serves it; another server answers with the leader it \
                 knows (§8)."
            ),
            (Lang::En, Purpose::ChangeRequest) => {
                format!("The client asks {b} to change the cluster's membership; only the leader does it (§6).")
            }
            (Lang::En, Purpose::ClientAnswer) => format!("{a}'s answer to the client's request (§8)."),
            (Lang::Zh, Purpose::Campaign { term, transfer, guarded }) => format!(
                "{a} {}竞选第 {term} 任期，向 {b} 请求投票。{b} 若在该任期还没投给别的服务器，且 {a} 的日志至少和它的一样新，\
                 就投给它（§5.2、§5.4.1）。{}",
                if *transfer { "因领导权转移（博士论文 §3.10），" } else { "" },
                match (*guarded, *transfer) {
                    (true, false) => {
                        "开启了 CheckQuorum：在最短选举超时内收到过领导者消息的服务器会忽略这个请求（博士论文 §4.2.3）。"
                    }
                    (true, true) => {
                        "开启了 CheckQuorum，但它的防护（在最短选举超时内收到过领导者消息就忽略投票请求）在这里不适用：\
                         这次选举是领导者自己要求的（博士论文 §3.10、§4.2.3）。"
                    }
                    (false, _) => "",
                }
            ),
            (Lang::Zh, Purpose::PreVote { term, guarded }) => format!(
                "{a} 询问 {b} 是否会在第 {term} 任期投票给它，但不提升任何任期。只有当 {b} 在最短选举超时内没有收到过领导者的消息、\
                 第 {term} 任期比它自己的任期新、且 {a} 的日志至少和它的一样新时，{b} 才会同意（博士论文 §9.6、§5.4.1）。{}",
                if *guarded {
                    "开启了 CheckQuorum：在这段时间内收到过领导者消息的服务器根本不作答复（博士论文 §4.2.3）。"
                } else {
                    ""
                }
            ),
            (Lang::Zh, Purpose::VoteGranted { term }) => {
                format!("{a} 把第 {term} 任期的选票投给 {b}。得到多数派的选票，{b} 就成为领导者（§5.2）。")
            }
            (Lang::Zh, Purpose::VoteRefused { term, .. }) => format!(
                "处于第 {term} 任期的 {a} 没有投票给 {b}：请求的任期过旧、{a} 已投给别的服务器，或 {b} 的日志落后\
                 （§5.1、§5.2、§5.4.1）。"
            ),
            (Lang::Zh, Purpose::PreVoteAnswer { granted: true, .. }) => format!("{a} 愿意投票给 {b}（博士论文 §9.6）。"),
            (Lang::Zh, Purpose::PreVoteAnswer { granted: false, .. }) => {
                format!("{a} 不愿投票给 {b}：它仍能收到领导者的消息、{b} 的日志落后，或所问的任期不比它的新（博士论文 §9.6）。")
            }
            (Lang::Zh, Purpose::Replicate { first, last, prev_index: 0, .. }) => {
                let it = if first == last { "它" } else { "它们" };
                format!("领导者 {a} 发送{}。{it}从日志的第一条开始，前面没有要核对的条目：{b} 存下{it}（§5.3）。", entries_zh(*first, *last))
            }
            (Lang::Zh, Purpose::Replicate { first, last, prev_index, prev_term }) => {
                let it = if first == last { "它" } else { "它们" };
                format!(
                    "领导者 {a} 发送{}。只有当 {a} 的任期不比 {b} 的旧、且 {b} 的日志在紧挨{it}之前的索引 {prev_index} 上\
                     有第 {prev_term} 任期的条目时，{b} 才存下{it}；缺少那个条目就拒绝，领导者改发更早的条目\
                     （一致性检查，§5.3）。",
                    entries_zh(*first, *last)
                )
            }
            (Lang::Zh, Purpose::Heartbeat { prev_index: 0, .. }) => {
                format!("领导者 {a} 的心跳：不带条目。只要 {b} 的任期不比它新，{b} 就重置选举计时器，不发起选举（§5.2）。")
            }
            (Lang::Zh, Purpose::Heartbeat { prev_index, prev_term, commit }) => format!(
                "领导者 {a} 的心跳：不带条目。只要 {b} 的任期不比它新，{b} 就重置选举计时器，不发起选举（§5.2）。\
                 和所有 AppendEntries 一样，只有当 {b} 的日志在索引 {prev_index} 上有第 {prev_term} 任期的条目时，\
                 {b} 才接受它（一致性检查，§5.3）{}。",
                match commit.min(prev_index) {
                    0 => String::new(),
                    known => format!("，并由此得知索引 {known} 及之前的条目已提交"),
                }
            ),
            (Lang::Zh, Purpose::StaleRequest { term, now }) => format!(
                "{a} 在第 {term} 任期发出这条消息，但 {b} 已经处于第 {now} 任期：无论它请求什么，{b} 都拒绝，\
                 并在回复中带上第 {now} 任期；还处在更早任期的服务器收到后会转为跟随者（§5.1）。"
            ),
            (Lang::Zh, Purpose::Outdated { term }) => {
                format!("{a} 的回复属于第 {term} 任期，而 {b} 现在不是该任期的领导者：它忽略这个回复（§5.1）。")
            }
            (Lang::Zh, Purpose::Accepted { index }) => format!(
                "{a} 的日志现在与领导者 {b} 的一致，直到索引 {index}：{b} 更新它的 matchIndex，\
                 本任期的条目一旦存在于多数派上就提交（§5.3、§5.4.2）。"
            ),
            (Lang::Zh, Purpose::StaleLeader { term }) => {
                format!("{a} 处于第 {term} 任期，比 {b} 的任期新：{b} 得知自己已不是领导者，成为跟随者（§5.1）。")
            }
            (Lang::Zh, Purpose::Rejected { index }) => format!(
                "{a} 的日志在索引 {index} 上没有与领导者一致的条目（一致性检查，§5.3）：{b} 会把 nextIndex 往回退，\
                 发送更早的条目。"
            ),
            (Lang::Zh, Purpose::EqualCommitRequest { entries, prev_index, commit }) => format!(
                "{}。按被打破的规则（设置里的“打破一条规则”），只要领导者的提交索引 {commit} 与 {b} 自己的相同、\
                 且 {b} 的日志至少有第 {prev_index} 条，{b} 就接受，不管那个条目的任期：不检查 prevLogTerm，\
                 两份日志就可能在某个索引上一致、在它之前却不同（§5.3 检查任期：日志匹配）。",
                match entries {
                    Some((first, last)) => format!("领导者 {a} 发送{}", entries_zh(*first, *last)),
                    None => format!("领导者 {a} 的心跳：不带条目"),
                }
            ),
            (Lang::Zh, Purpose::EqualCommitAccepted { index }) => format!(
                "{a} 按被打破的规则（设置里的“打破一条规则”）接受了领导者 {b} 直到索引 {index} 的条目：提交索引相同，\
                 而这些条目之前没有按任期核对，所以两份日志在它们之前可能仍然不同（§5.3，日志匹配）。"
            ),
            (Lang::Zh, Purpose::EqualCommitRejected { index }) => format!(
                "{a} 按被打破的规则（设置里的“打破一条规则”）拒绝：只有当领导者的提交索引与它自己的相同、\
                 且它的日志至少有第 {index} 条时，它才接受 AppendEntries，不检查 prevLogTerm（§5.3 检查的是任期）。\
                 如果它的日志太短，{b} 会把 nextIndex 往回退，改发更早的条目；如果是提交索引不同，{b} 发什么都\
                 无济于事：领导者的提交索引只增不减，所以只要 {b} 还是领导者，{a} 就会一直拒绝，再也提交不了新条目。"
            ),
            (Lang::Zh, Purpose::HandOver) => {
                format!("领导者 {a} 把领导权转移给 {b}：{b} 立即发起选举，不等选举计时器（博士论文 §3.10）。")
            }
            (Lang::Zh, Purpose::Snapshot { index }) => {
                format!("领导者 {a} 已丢弃 {b} 需要的条目：改为发送截至索引 {index} 的快照（§7）。")
            }
            (Lang::Zh, Purpose::SnapshotInstalled { index }) => {
                format!("{a} 现已拥有截至索引 {index} 的全部内容；领导者接着发送其后的条目（§7）。")
            }
            (Lang::Zh, Purpose::SnapshotRefused { term }) => {
                format!("处于第 {term} 任期的 {a} 拒绝了一个来自更早任期的快照：它只回复自己的任期，领导者不会据此认为它拥有任何条目（§7，图 13）。")
            }
            (Lang::Zh, Purpose::ClientRequest) => {
                format!("客户端发给 {b} 的请求。只有领导者处理它；其他服务器回复它所知道的领导者（§8）。")
            }
            (Lang::Zh, Purpose::ChangeRequest) => {
                format!("客户端请求 {b} 变更集群成员；只有领导者执行变更（§6）。")
            }
            (Lang::Zh, Purpose::ClientAnswer) => format!("{a} 对客户端请求的回复（§8）。"),
        }
    }
}

/// "entry 3" or "entries 3–5".
fn entries_en(first: u64, last: u64) -> String {
    if first == last {
        format!("entry {first}")
    } else {
        format!("entries {first}–{last}")
    }
}

/// "条目 3" or "条目 3–5".
fn entries_zh(first: u64, last: u64) -> String {
    if first == last {
        format!("条目 {first}")
    } else {
        format!("条目 {first}–{last}")
    }
}
