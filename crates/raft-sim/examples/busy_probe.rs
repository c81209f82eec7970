//! temp
use raft_sim::{History, Scenario};
fn main() {
    let s = Scenario::from_json(r#"{"version":1,"seed":3,"nodes":9,"options":{"election_timeout_ms":[5,10],"heartbeat_ms":1,"latency_ms":[1,2]}}"#).unwrap();
    let until: u64 = std::env::args().nth(1).map_or(3_600_000, |a| a.parse().unwrap());
    let mut h = History::new(s).unwrap();
    let t = std::time::Instant::now();
    let r = h.seek_within_budget(until);
    println!("{:?} {:?} events {}", r, t.elapsed(), h.sim().events_processed());
}
