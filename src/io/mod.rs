//! Files out, through one set of helpers: all-or-nothing output sets, the
//! run header of every JSON ([`header`]), one column-table CSV writer
//! ([`table`]), and the files of a calculation ([`spectrum_files`]);
//! sweeps and emission reuse them.

pub mod classical_files;
pub mod emission_files;
pub mod ensemble_files;
pub mod header;
pub mod line_files;
pub mod peak_files;
pub mod spectrum_files;
pub mod spectrum_plots;
pub mod table;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::structure::Cluster;
use crate::structure::xyz::format_xyz;

/// Temporary files staged by every live [`OutputSet`] of the process, so
/// that a program interrupted by a signal can remove them
/// ([`remove_staged`]) before it exits.
static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn register(tmp: &Path) {
    if let Ok(mut s) = STAGED.lock() {
        s.push(tmp.to_path_buf());
    }
}

fn forget(tmp: &Path) {
    if let Ok(mut s) = STAGED.lock() {
        s.retain(|p| p != tmp);
    }
}

/// Removes every temporary file staged and not yet committed: for a
/// signal handler, so that an interrupted run leaves nothing behind. The
/// library installs no handler itself.
pub fn remove_staged() {
    if let Ok(mut s) = STAGED.lock() {
        for p in s.drain(..) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// A temporary sibling of `path` that keeps its extension
/// (`dir/.name.tmp-PID.ext`), so format-sniffing writers still work.
pub fn temporary_sibling(path: &Path) -> PathBuf {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("out");
    let name = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => format!(".{stem}.tmp-{}.{ext}", std::process::id()),
        None => format!(".{stem}.tmp-{}", std::process::id()),
    };
    path.with_file_name(name)
}

/// Creates the folder `path` goes into when it is missing. Best effort: if
/// that fails, writing the file reports the error with its path.
fn ensure_parent(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::create_dir_all(dir);
    }
}

/// `x` with three significant figures, as every derived quantity is
/// printed: "0.0123", "4.56", "1.23e5".
pub fn sig3(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let magnitude = x.abs().log10().floor() as i32;
    if (-3..4).contains(&magnitude) {
        format!("{x:.*}", (2 - magnitude).max(0) as usize)
    } else {
        format!("{x:.2e}")
    }
}

/// Writes `bytes` to `path` (creating its folder) through a temporary file
/// and a rename, so a failure never leaves a partial file.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    ensure_parent(path);
    let tmp = temporary_sibling(path);
    std::fs::write(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Writes a cluster as XYZ, atomically (no partial file on failure).
pub fn write_xyz(cluster: &Cluster, path: &Path) -> Result<()> {
    atomic_write(path, format_xyz(cluster).as_bytes())
}

/// A set of output files written together: each is first written to a
/// temporary sibling; `commit` renames them all, and dropping an
/// uncommitted set deletes the temporaries. Either every file appears or none.
#[derive(Default)]
pub struct OutputSet {
    staged: Vec<(PathBuf, PathBuf)>,
}

impl OutputSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves `path` (creating its folder); returns the temporary path to
    /// write instead.
    pub fn stage(&mut self, path: &Path) -> PathBuf {
        ensure_parent(path);
        let tmp = temporary_sibling(path);
        register(&tmp);
        self.staged.push((tmp.clone(), path.to_path_buf()));
        tmp
    }

    /// Stages `path` with the given contents.
    pub fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let tmp = self.stage(path);
        std::fs::write(&tmp, bytes).map_err(|e| Error::io(path, e))
    }

    /// Stages `path` with `value` as JSON.
    pub fn write_json<T: serde::Serialize>(&mut self, path: &Path, value: &T) -> Result<()> {
        use std::io::Write;
        let tmp = self.stage(path);
        let file = std::fs::File::create(&tmp).map_err(|e| Error::io(path, e))?;
        let mut w = std::io::BufWriter::new(file);
        serde_json::to_writer(&mut w, value).map_err(|e| Error::io(path, e.into()))?;
        w.flush().map_err(|e| Error::io(path, e))
    }

    /// Moves every staged file into place; returns the final paths. A
    /// target that is a folder stops the set before any file is moved.
    pub fn commit(mut self) -> Result<Vec<PathBuf>> {
        if let Some((_, path)) = self.staged.iter().find(|(_, p)| p.is_dir()) {
            return Err(Error::io(
                path,
                std::io::Error::other("a folder of that name is in the way; no file was written"),
            ));
        }
        let staged = std::mem::take(&mut self.staged);
        let mut done = Vec::new();
        for (i, (tmp, path)) in staged.iter().enumerate() {
            if let Err(e) = std::fs::rename(tmp, path) {
                for (t, _) in &staged[i..] {
                    let _ = std::fs::remove_file(t);
                    forget(t);
                }
                return Err(Error::io(path, e));
            }
            forget(tmp);
            done.push(path.clone());
        }
        Ok(done)
    }
}

impl Drop for OutputSet {
    fn drop(&mut self) {
        for (tmp, _) in &self.staged {
            let _ = std::fs::remove_file(tmp);
            forget(tmp);
        }
    }
}

/// Checks an output prefix before anything is computed: it must name
/// files (PREFIX.png, PREFIX.csv, …), not a folder.
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
    Ok(())
}

/// `prefix` with `.ext` appended (`out/ag147` → `out/ag147.png`).
pub fn with_extension(prefix: &Path, ext: &str) -> PathBuf {
    with_suffix(prefix, "", ext)
}

/// `prefix` + `suffix` + `.ext` (`out/ag147`, `_levels` → `out/ag147_levels.png`).
pub fn with_suffix(prefix: &Path, suffix: &str, ext: &str) -> PathBuf {
    let mut s = prefix.as_os_str().to_owned();
    s.push(suffix);
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn three_significant_figures() {
        assert_eq!(super::sig3(23.2554), "23.3");
        assert_eq!(super::sig3(0.012345), "0.0123");
        assert_eq!(super::sig3(4.5678), "4.57");
        assert_eq!(super::sig3(123456.0), "1.23e5");
        assert_eq!(super::sig3(-0.5), "-0.500");
        assert_eq!(super::sig3(0.0), "0");
    }
}
