//! All-or-nothing output: every file of a set is written to a temporary
//! sibling and renamed into place only when the whole set is ready; a
//! signal that arrives meanwhile finds either no file of the set or all of
//! them ([`stop_for_signal`]).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::guard::check_not_input;
use crate::error::{Error, Result};
use crate::structure::Cluster;
use crate::structure::xyz::format_xyz;

/// Temporary files staged by every live [`OutputSet`] of the process, so
/// that a program interrupted by a signal can remove them before it exits.
static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held while a set is renamed into place; holds the final paths of every
/// set committed so far. [`stop_for_signal`] takes it and never gives it
/// back, so no set starts or ends half-way once a signal has been handled.
static COMMITTED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held while a temporary file is written. [`stop_for_signal`] takes it
/// (waiting for a write under way) and never gives it back, so no
/// temporary file can appear after it removed the staged ones.
static WRITING: Mutex<()> = Mutex::new(());

fn writing() -> std::sync::MutexGuard<'static, ()> {
    WRITING.lock().unwrap_or_else(|p| p.into_inner())
}

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

/// Removes every temporary file staged and not yet committed. The library
/// installs no signal handler itself; see [`stop_for_signal`].
pub fn remove_staged() {
    if let Ok(mut s) = STAGED.lock() {
        for p in s.drain(..) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// For a signal handler: waits for a set being committed to finish, stops
/// any later commit (the process is about to exit), removes the staged
/// temporaries, and returns the files of the sets committed so far, each
/// set complete. Empty: nothing was written.
pub fn stop_for_signal() -> Vec<PathBuf> {
    let guard = COMMITTED.lock().unwrap_or_else(|p| p.into_inner());
    let write = writing();
    remove_staged();
    let written = guard.clone();
    // Never released: the caller exits, and no write or commit may start
    // meanwhile.
    std::mem::forget(write);
    std::mem::forget(guard);
    written
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

/// `e` with the temporary path `tmp` replaced by the requested `path`, so
/// that a failed write names the file the user asked for.
fn at_requested(e: Error, tmp: &Path, path: &Path) -> Error {
    let swap = |p: PathBuf| if p == tmp { path.to_path_buf() } else { p };
    match e {
        Error::Io { path: p, source } => Error::Io {
            path: swap(p),
            source,
        },
        Error::Plot { path: p, message } => Error::Plot {
            path: swap(p),
            message: message.replace(&*tmp.to_string_lossy(), &path.to_string_lossy()),
        },
        other => other,
    }
}

/// Writes `bytes` to `path` (creating its folder) through a temporary file
/// and a rename, so a failure never leaves a partial file; refuses to
/// replace an input of the run.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    check_not_input(path)?;
    ensure_parent(path);
    let tmp = temporary_sibling(path);
    {
        let _writing = writing();
        register(&tmp);
        std::fs::write(&tmp, bytes).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            forget(&tmp);
            Error::io(path, e)
        })?;
    }
    // Renamed under the commit lock, as a set of one file.
    let mut committed = COMMITTED.lock().unwrap_or_else(|p| p.into_inner());
    let renamed = std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    });
    forget(&tmp);
    renamed?;
    committed.push(path.to_path_buf());
    Ok(())
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

    /// Reserves `path` (creating its folder; refusing an input of the
    /// run); returns the temporary path to write instead.
    fn stage(&mut self, path: &Path) -> Result<PathBuf> {
        check_not_input(path)?;
        ensure_parent(path);
        let tmp = temporary_sibling(path);
        register(&tmp);
        self.staged.push((tmp.clone(), path.to_path_buf()));
        Ok(tmp)
    }

    /// Stages `path`, written by `write` given the temporary path; its
    /// errors name `path`, not the temporary file.
    pub fn create(&mut self, path: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
        let _writing = writing();
        let tmp = self.stage(path)?;
        write(&tmp).map_err(|e| at_requested(e, &tmp, path))
    }

    /// Stages `path` with the given contents.
    pub fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.create(path, |tmp| {
            std::fs::write(tmp, bytes).map_err(|e| Error::io(tmp, e))
        })
    }

    /// Stages `path` with `value` as JSON.
    pub fn write_json<T: serde::Serialize>(&mut self, path: &Path, value: &T) -> Result<()> {
        use std::io::Write;
        self.create(path, |tmp| {
            let file = std::fs::File::create(tmp).map_err(|e| Error::io(tmp, e))?;
            let mut w = std::io::BufWriter::new(file);
            serde_json::to_writer(&mut w, value).map_err(|e| Error::io(tmp, e.into()))?;
            w.flush().map_err(|e| Error::io(tmp, e))
        })
    }

    /// Moves every staged file into place; returns the final paths. A
    /// target that is a folder stops the set before any file is moved.
    /// The renames happen under the commit lock, so a signal handler using
    /// [`stop_for_signal`] sees the set either absent or complete.
    pub fn commit(mut self) -> Result<Vec<PathBuf>> {
        if let Some((_, path)) = self.staged.iter().find(|(_, p)| p.is_dir()) {
            return Err(Error::io(
                path,
                std::io::Error::other("a folder of that name is in the way; no file was written"),
            ));
        }
        let staged = std::mem::take(&mut self.staged);
        let mut committed = COMMITTED.lock().unwrap_or_else(|p| p.into_inner());
        let mut done = Vec::new();
        for (i, (tmp, path)) in staged.iter().enumerate() {
            if let Err(e) = std::fs::rename(tmp, path) {
                // Undo: the set stays all-or-nothing.
                for p in &done {
                    let _ = std::fs::remove_file(p);
                }
                for (t, _) in &staged[i..] {
                    let _ = std::fs::remove_file(t);
                    forget(t);
                }
                return Err(Error::io(path, e));
            }
            forget(tmp);
            done.push(path.clone());
        }
        committed.extend(done.iter().cloned());
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
