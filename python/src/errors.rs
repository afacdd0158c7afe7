//! The library's errors as Python exceptions, with the library's message
//! (settings named as the keyword arguments that set them).

use clusterspec::Error;
use pyo3::PyErr;
use pyo3::exceptions::{PyMemoryError, PyOSError, PyRuntimeError, PyValueError};

/// `ValueError` for bad input (settings, structures, parameter files, a
/// model without parameters for an element), `MemoryError` for a run whose
/// estimate exceeds the limit, `OSError` for files that cannot be read or
/// written, `RuntimeError` for the rest (no convergence, a failed
/// eigensolver or GPU, a plot).
pub fn to_py(e: Error) -> PyErr {
    match &e {
        Error::Setting {
            name,
            value,
            requirement,
        } => PyValueError::new_err(format!("{name}={value}: {requirement}")),
        Error::Memory { against, .. } if *against == "allowed" => PyMemoryError::new_err(
            e.to_string()
                .replacen("are allowed", "are allowed by max_memory", 1),
        ),
        Error::Memory { .. } => PyMemoryError::new_err(format!("{e}; max_memory=GIB overrides")),
        Error::Io { .. } => PyOSError::new_err(e.to_string()),
        Error::Parse { .. }
        | Error::AtomsTooClose { .. }
        | Error::Model { .. }
        | Error::Invalid(_) => PyValueError::new_err(e.to_string()),
        _ => PyRuntimeError::new_err(e.to_string()),
    }
}

/// A `ValueError` for keyword `name` given `value`.
pub fn bad_value(name: &str, value: &str, expected: &str) -> PyErr {
    PyValueError::new_err(format!("{name}='{value}': expected {expected}"))
}
