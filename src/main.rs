//! The `clusterspec` command line: parses arguments and calls the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    quiet_vulkan_loader();
    remove_temporaries_on_signals();
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", cli::report::message(&e));
            ExitCode::FAILURE
        }
    }
}

/// The Vulkan loader prints "error: XDG_RUNTIME_DIR is invalid or not set
/// in the environment" when probing adapters without that variable (a
/// container, a cron job), although nothing fails. Point it at the
/// system's temporary folder when it is unset, so that a plain successful
/// run prints no error line.
fn quiet_vulkan_loader() {
    if std::env::var_os("XDG_RUNTIME_DIR").is_none() {
        // SAFETY: called first thing in main, before any thread exists.
        unsafe { std::env::set_var("XDG_RUNTIME_DIR", std::env::temp_dir()) };
    }
}

/// On Ctrl-C (SIGINT), SIGTERM or SIGHUP: wait for an output set being
/// committed, remove the files staged so far (nothing half-written stays
/// behind; a sweep's checkpoint is kept for resuming), and say what is on
/// disk: no output (exit 130), or the complete sets written before the
/// signal (exit 0: the signal came after the work was done).
fn remove_temporaries_on_signals() {
    let _ = ctrlc::set_handler(|| {
        let written = clusterspec::io::stop_for_signal();
        if written.is_empty() {
            eprintln!("interrupted: no output written (a sweep resumes from its checkpoint)");
            std::process::exit(130);
        }
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "interrupted after the output was written; complete: {}",
            names.join(", ")
        );
        std::process::exit(0);
    });
}
