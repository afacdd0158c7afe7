//! Progress reporting on stderr (indicatif): spinners for stages that can
//! take more than a second, bars for loops. Hidden when stderr is not a
//! terminal or when quiet mode is on.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Turns all progress output off (or back on).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// A spinner naming a stage; finishes with the elapsed time when dropped.
pub struct Stage {
    bar: ProgressBar,
}

impl Stage {
    /// Starts a spinner with `message`.
    pub fn start(message: impl Into<String>) -> Self {
        let bar = if QUIET.load(Ordering::Relaxed) {
            ProgressBar::hidden()
        } else {
            ProgressBar::new_spinner()
        };
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{elapsed_precise}]")
                .expect("static template"),
        );
        bar.set_message(message.into());
        bar.enable_steady_tick(Duration::from_millis(100));
        Stage { bar }
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// A bar over `len` items; call `inc(1)` per item.
pub fn bar(len: u64, message: impl Into<String>) -> ProgressBar {
    let bar = if QUIET.load(Ordering::Relaxed) {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(len)
    };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} [{elapsed_precise}, eta {eta}]")
            .expect("static template")
            .progress_chars("=> "),
    );
    bar.set_message(message.into());
    bar
}
