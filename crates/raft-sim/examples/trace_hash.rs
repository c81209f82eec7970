//! Prints the trace hash of a run: `cargo run -p raft-sim --example trace_hash -- SEED UNTIL_MS [NODES]`.
//! Used to pin golden hashes (tests/golden/mod.rs) when the trace changes on purpose.

fn main() {
    let args: Vec<u64> = std::env::args().skip(1).map(|a| a.parse().expect("numbers: SEED UNTIL_MS [NODES]")).collect();
    let (seed, until_ms) = (args.first().copied().unwrap_or(7), args.get(1).copied().unwrap_or(5_000));
    let nodes = args.get(2).copied().unwrap_or(5) as u32;
    let mut sim = raft_sim::SimBuilder::new(seed).nodes(nodes).build().expect("valid configuration");
    sim.run_until(until_ms);
    println!("{:#018x}", sim.trace().hash());
}
