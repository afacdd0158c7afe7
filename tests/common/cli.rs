//! Running the command-line program in a folder and reading what it left.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `clusterspec ARGS --quiet` in `dir`.
pub fn clusterspec(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clusterspec"))
        .args(args)
        .arg("--quiet")
        .current_dir(dir)
        .output()
        .expect("run clusterspec")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The names in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
