//! The crate's one error type. Every message names what the user must fix:
//! the file, the line and the offending value where there is one.

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

    /// An argument or option that cannot be used as given.
    #[error("{0}")]
    Invalid(String),

    /// The dense eigensolver failed.
    #[error("eigendecomposition failed: {0}")]
    Eigen(String),

    /// GPU setup or execution failed.
    #[error("GPU: {0}")]
    Gpu(String),

    /// Plotting failed.
    #[error("plot {path}: {message}")]
    Plot { path: PathBuf, message: String },
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

    /// An invalid argument.
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }
}
