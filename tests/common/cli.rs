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

/// Builds an `element` icosahedron of `shells` shells into `dir/file`
/// with the program's own builder, asserting success.
pub fn build_icosahedron(dir: &Path, element: &str, shells: u32, file: &str) {
    let shells = shells.to_string();
    let o = clusterspec(
        &[
            "build",
            "icosahedron",
            "--element",
            element,
            "--shells",
            &shells,
            "-o",
            file,
        ],
        dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
}
