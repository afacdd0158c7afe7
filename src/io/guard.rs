//! Checks made before any work and at every write: the output prefix
//! names files, its folder can be written, and no output replaces a file
//! the run reads (its structure, parameters, a spectrum it compares with).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// The files this run reads, each as its own path resolved
/// ([`identity`]) and as the file it finally points to.
static INPUTS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// `path` with its folder resolved (`./a/../b.xyz` → `/abs/b.xyz`), the
/// name kept: two spellings of one folder entry give the same identity.
/// `None` when the folder does not exist.
fn identity(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

/// Every identity of `path`: the entry itself and, when it exists, the
/// file it resolves to through links.
fn identities(path: &Path) -> Vec<PathBuf> {
    identity(path)
        .into_iter()
        .chain(std::fs::canonicalize(path).ok())
        .collect()
}

/// Registers `path` as an input of this run: from now on no output set
/// and no atomic write of the process may replace it.
pub fn protect_input(path: &Path) {
    if let Ok(mut inputs) = INPUTS.lock() {
        inputs.extend(identities(path));
    }
}

/// An error when writing `path` would replace an input of the run.
pub fn check_not_input(path: &Path) -> Result<()> {
    let Ok(inputs) = INPUTS.lock() else {
        return Ok(());
    };
    if identities(path).iter().any(|p| inputs.contains(p)) {
        return Err(Error::invalid(format!(
            "{}: this file is an input of the run and an output would replace it; choose \
             another output name (nothing was written)",
            path.display()
        )));
    }
    Ok(())
}

/// Checks, before any work, that a file can be created where `path`
/// points: the nearest existing folder on its way must take a new file
/// (a probe file, created and removed at once). The error names `path`.
pub fn check_writable(path: &Path) -> Result<()> {
    let mut dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    while !dir.exists() {
        match dir.parent() {
            Some(up) if !up.as_os_str().is_empty() => dir = up.to_path_buf(),
            _ => {
                dir = PathBuf::from(".");
                break;
            }
        }
    }
    let refuse = |why: std::io::Error| {
        Error::io(
            path,
            std::io::Error::new(why.kind(), format!("cannot be written: {why}")),
        )
    };
    if !dir.is_dir() {
        return Err(refuse(std::io::Error::other(format!(
            "{} is a file, not a folder",
            dir.display()
        ))));
    }
    let probe = dir.join(format!(".clusterspec-probe-{}", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(refuse)?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Checks an output prefix before anything is computed: it must name
/// files (PREFIX.png, PREFIX.csv, …), not a folder, in a place that can be
/// written, and its main files must not replace an input of the run.
pub fn check_prefix(prefix: &Path) -> Result<()> {
    let text = prefix.to_string_lossy();
    let folder = text.is_empty()
        || text.ends_with(std::path::MAIN_SEPARATOR)
        || text.ends_with('/')
        || prefix.is_dir();
    if folder {
        return Err(Error::setting(
            "out",
            format!("`{text}`"),
            "is a folder, but the output prefix names files (PREFIX.png, PREFIX.csv, …): \
             add a name, e.g. `results/ag147` for results/ag147.png",
        ));
    }
    for ext in ["png", "svg", "csv", "json"] {
        check_not_input(&super::with_extension(prefix, ext))?;
    }
    check_writable(&super::with_extension(prefix, "png"))
}
