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

/// The sizes (pixels) the library draws figures at: a spectrum, two
/// stacked spectra (absorption over CD), a series or trend plot, a level
/// diagram.
pub const FIGURE_SIZES: [(u32, u32); 4] = [(1600, 1000), (1600, 1400), (1400, 900), (1000, 1100)];

/// Asserts that the PNG at `path` has one of [`FIGURE_SIZES`] and is not
/// blank: at least 1 % of its pixels are not white and at least 0.1 % are
/// coloured (curves, not only black text and axes).
pub fn assert_figure(path: &Path) {
    let img = image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .to_rgb8();
    let size = img.dimensions();
    assert!(
        FIGURE_SIZES.contains(&size),
        "{}: {size:?} is none of {FIGURE_SIZES:?}",
        path.display()
    );
    let total = (size.0 * size.1) as usize;
    let inked = img.pixels().filter(|p| p.0 != [255, 255, 255]).count();
    let coloured = img
        .pixels()
        .filter(|p| {
            let (hi, lo) = (p.0.iter().max().unwrap(), p.0.iter().min().unwrap());
            hi - lo > 60
        })
        .count();
    assert!(
        inked * 100 >= total && coloured * 1000 >= total,
        "{}: {inked} inked and {coloured} coloured of {total} pixels",
        path.display()
    );
}

/// [`assert_figure`] on every PNG in `dir`; returns how many there were.
pub fn assert_figures_in(dir: &Path) -> usize {
    let pngs: Vec<String> = files_in(dir)
        .into_iter()
        .filter(|f| f.ends_with(".png"))
        .collect();
    for f in &pngs {
        assert_figure(&dir.join(f));
    }
    pngs.len()
}

/// Runs `clusterspec ARGS --quiet` in `dir` with stdout discarded; `None`
/// when it is still running after `limit` (then killed): a hang.
pub fn run_bounded<S: AsRef<std::ffi::OsStr>>(
    args: &[S],
    dir: &Path,
    limit: std::time::Duration,
) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_clusterspec"))
        .args(args)
        .arg("--quiet")
        .env("XDG_RUNTIME_DIR", std::env::temp_dir())
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run clusterspec");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait for clusterspec").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    Some(child.wait_with_output().expect("collect clusterspec"))
}
