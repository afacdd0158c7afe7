//! The crate's one error type. Every message names what the user must fix:
//! the file, the line and the offending value where there is one. The
//! library names quantities (`fwhm`, `points`), never command-line flags;
//! the command line maps [`Error::Setting`] names to its own wording.

use std::path::PathBuf;

/// Everything that can go wrong in clusterspec.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A syntax or value error at a known line of an input file
    /// (line numbers start at 1).
    #[error("{path}:{line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },

    /// Two atoms are closer than physically possible.
    #[error(
        "{path}: atoms {first} (line {first_line}) and {second} (line {second_line}) are {distance:.3} Å apart, closer than the {minimum} Å allowed"
    )]
    AtomsTooClose {
        path: PathBuf,
        first: usize,
        second: usize,
        first_line: usize,
        second_line: usize,
        distance: f64,
        minimum: f64,
    },

    /// A model has no parameters for something the structure needs.
    #[error("model `{model}`: {message}")]
    Model { model: String, message: String },

    /// One named setting of a calculation has a value it cannot take.
    /// `name` is the library's name of the quantity (`fwhm`, `points`, …).
    #[error("{name} = {value}: {requirement}")]
    Setting {
        name: &'static str,
        value: String,
        requirement: String,
    },

    /// Inputs that cannot be used together or as given.
    #[error("{0}")]
    Invalid(String),

    /// An iterative solver stopped before reaching its tolerance.
    #[error(
        "{solver} did not converge in {iterations} iterations (residual {residual:.3e}, tolerance {tolerance:.1e})"
    )]
    NoConvergence {
        solver: &'static str,
        iterations: usize,
        residual: f64,
        tolerance: f64,
    },

    /// The dense eigensolver failed.
    #[error("eigendecomposition failed: {0}")]
    Eigen(String),

    /// GPU setup (no kernel) or one kernel failed.
    /// `kernel` is the stage's name (`hamiltonian`, `broaden`, …: the
    /// names of `gpu::Kernel`).
    #[error("GPU{}: {cause}", kernel.map(|k| format!(" kernel `{k}`")).unwrap_or_default())]
    Gpu {
        kernel: Option<&'static str>,
        cause: String,
    },

    /// Plotting failed.
    #[error("plot {path}: {message}")]
    Plot { path: PathBuf, message: String },

    /// A run refused before it starts: its estimated peak memory exceeds
    /// the limit. Sizes in bytes; `advice` says what makes it smaller.
    #[error(
        "this run needs about {} at its peak ({breakdown}) but {} are {against}: {advice}",
        crate::units::bytes_text(*needed),
        crate::units::bytes_text(*limit)
    )]
    Memory {
        needed: u64,
        limit: u64,
        /// "available" or "allowed".
        against: &'static str,
        breakdown: String,
        advice: String,
    },
}

/// Shorthand used throughout the crate.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A parse error at `line` (1-based) of `path`.
    pub fn parse(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Error::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// Inputs that cannot be used as given.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    /// The setting `name` cannot take `value`: `requirement` says what it needs.
    pub fn setting(
        name: &'static str,
        value: impl std::fmt::Display,
        requirement: impl Into<String>,
    ) -> Self {
        Error::Setting {
            name,
            value: value.to_string(),
            requirement: requirement.into(),
        }
    }

    /// A failure of the GPU kernel named `kernel` (or of the GPU set-up,
    /// for `None`).
    pub fn gpu(kernel: impl Into<Option<&'static str>>, cause: impl Into<String>) -> Self {
        Error::Gpu {
            kernel: kernel.into(),
            cause: cause.into(),
        }
    }
}
