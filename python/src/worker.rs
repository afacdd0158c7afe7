//! Long work off the interpreter's thread: the computation runs on a
//! worker thread while the caller waits without the GIL, waking every
//! 100 ms to pass progress to a Python callback and to check for Ctrl-C.
//! On Ctrl-C the call raises `KeyboardInterrupt` at once; the worker stops
//! at its next progress report (a stage boundary) and its result is
//! dropped.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clusterspec::{Progress, Result};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::errors::to_py;

/// The payload that unwinds a cancelled worker (never seen by Python).
struct Cancelled;

/// The latest progress of the worker and whether it is to stop.
#[derive(Default)]
struct Reporter {
    cancelled: AtomicBool,
    /// (stage, done, total, updates so far).
    state: Mutex<(String, u64, u64, u64)>,
}

impl Reporter {
    fn stop_if_cancelled(&self) {
        if self.cancelled.load(Ordering::Relaxed) {
            // resume_unwind runs no panic hook: nothing is printed.
            std::panic::resume_unwind(Box::new(Cancelled));
        }
    }
}

impl Progress for Reporter {
    fn stage(&self, name: &str) {
        self.stop_if_cancelled();
        if let Ok(mut s) = self.state.lock() {
            *s = (name.to_string(), 0, 0, s.3 + 1);
        }
    }

    fn items(&self, done: u64, total: u64) {
        self.stop_if_cancelled();
        if let Ok(mut s) = self.state.lock() {
            s.1 = done;
            s.2 = total;
            s.3 += 1;
        }
    }
}

/// Runs `work` on a worker thread; `callback(stage, done, total)` is
/// called on the caller's thread when the progress changes.
pub fn run<T, F>(py: Python<'_>, callback: Option<Py<PyAny>>, work: F) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce(&dyn Progress) -> Result<T> + Send + 'static,
{
    let reporter = Arc::new(Reporter::default());
    let theirs = Arc::clone(&reporter);
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("clusterspec".into())
        .spawn(move || {
            let out = std::panic::catch_unwind(AssertUnwindSafe(|| work(&*theirs)));
            let _ = tx.send(out);
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a worker thread: {e}")))?;
    let cancel = |e: PyErr| {
        reporter.cancelled.store(true, Ordering::Relaxed);
        e
    };
    let mut seen = 0;
    let mut rx = rx;
    loop {
        // The receiver travels into the GIL-free wait and back.
        let (back, got) = py.detach(move || {
            let got = rx.recv_timeout(Duration::from_millis(100));
            (rx, got)
        });
        rx = back;
        match got {
            Ok(Ok(result)) => return result.map_err(to_py),
            Ok(Err(panic)) => {
                let why = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("unknown cause");
                return Err(PyRuntimeError::new_err(format!(
                    "clusterspec failed internally ({why}); please report it"
                )));
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err("the worker thread vanished"));
            }
        }
        py.check_signals().map_err(cancel)?;
        if let Some(cb) = &callback {
            let now = reporter.state.lock().map(|s| s.clone()).ok();
            if let Some((stage, done, total, updates)) = now.filter(|s| s.3 != seen) {
                seen = updates;
                cb.call1(py, (stage, done, total)).map_err(cancel)?;
            }
        }
    }
}
