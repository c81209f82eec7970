//! Helpers shared by the tests that run `raftsim` as a user runs it.

use std::process::{Command, Output};

/// Runs `raftsim` with `args` and waits for it.
pub fn raftsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_raftsim")).args(args).output().expect("raftsim runs")
}

/// Writes `contents` to a file of this test process in the temporary folder; returns its path.
pub fn write_temp(name: &str, contents: &str) -> String {
    let path = std::env::temp_dir().join(format!("raftsim-test-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}
