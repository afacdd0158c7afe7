//! The command line's view of the library's progress callbacks: a spinner
//! naming the current stage, a bar for loops over items, both on stderr
//! and hidden when stderr is not a terminal or with --quiet.

use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use clusterspec::Progress;

/// Spinners and bars (indicatif).
pub struct Bars {
    quiet: bool,
    current: Mutex<Option<ProgressBar>>,
}

impl Bars {
    /// Shows progress unless `quiet`.
    pub fn new(quiet: bool) -> Self {
        Bars {
            quiet,
            current: Mutex::new(None),
        }
    }

    fn replace(&self, bar: ProgressBar) {
        if let Ok(mut slot) = self.current.lock()
            && let Some(old) = slot.replace(bar)
        {
            old.finish_and_clear();
        }
    }

    fn visible(&self, bar: ProgressBar) -> ProgressBar {
        if self.quiet {
            ProgressBar::hidden()
        } else {
            bar
        }
    }
}

impl Progress for Bars {
    fn stage(&self, name: &str) {
        let bar = self.visible(ProgressBar::new_spinner());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{elapsed_precise}]")
                .expect("static template"),
        );
        bar.set_message(name.to_string());
        bar.enable_steady_tick(Duration::from_millis(100));
        self.replace(bar);
    }

    fn items(&self, done: u64, total: u64) {
        if let Ok(mut slot) = self.current.lock() {
            let is_bar = slot.as_ref().and_then(|b| b.length()).is_some();
            if !is_bar {
                let bar = self.visible(ProgressBar::new(total));
                bar.set_style(
                    ProgressStyle::with_template(
                        "configurations [{bar:30}] {pos}/{len} [{elapsed_precise}, eta {eta}]",
                    )
                    .expect("static template")
                    .progress_chars("=> "),
                );
                if let Some(old) = slot.replace(bar) {
                    old.finish_and_clear();
                }
            }
            if let Some(bar) = slot.as_ref() {
                bar.set_length(total);
                bar.set_position(done);
            }
        }
    }
}

impl Drop for Bars {
    fn drop(&mut self) {
        if let Ok(mut slot) = self.current.lock()
            && let Some(bar) = slot.take()
        {
            bar.finish_and_clear();
        }
    }
}
