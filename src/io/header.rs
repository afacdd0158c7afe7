//! The run header every JSON file starts with: program, the command that
//! made it, where the stages ran and any GPU fallbacks. Nothing in it
//! changes between identical runs (no clock), so outputs stay
//! byte-identical.

use serde::Serialize;

use crate::engine::{Backend, Engine, Fallback};

/// Who made a file and how.
#[derive(Clone, Debug, Serialize)]
pub struct RunHeader {
    /// "clusterspec 0.1.0".
    pub program: String,
    /// The command line (or a description of the library call).
    pub command: Vec<String>,
    pub backend: Backend,
    /// Stages that fell back from the GPU to the CPU.
    pub fallbacks: Vec<Fallback>,
    /// The references to cite for the parameter sets and data the outputs
    /// used (none for this project's own parameters).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<String>,
}

impl RunHeader {
    /// The header of a run on `engine`, after its stages have run.
    pub fn new(command: Vec<String>, engine: &Engine) -> Self {
        RunHeader {
            program: format!("clusterspec {}", env!("CARGO_PKG_VERSION")),
            command,
            backend: engine.backend().clone(),
            fallbacks: engine.fallbacks(),
            citations: Vec::new(),
        }
    }

    /// This header with `citations` added (kept once each).
    pub fn citing(&self, citations: &[String]) -> Self {
        let mut out = self.clone();
        for c in citations {
            if !out.citations.contains(c) {
                out.citations.push(c.clone());
            }
        }
        out
    }

    /// `body` (a JSON object) with the header as its first key, `run`.
    pub fn document(&self, body: serde_json::Value) -> serde_json::Value {
        let mut doc = serde_json::Map::new();
        doc.insert(
            "run".into(),
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null),
        );
        match body {
            serde_json::Value::Object(fields) => doc.extend(fields),
            other => {
                doc.insert("body".into(), other);
            }
        }
        serde_json::Value::Object(doc)
    }
}
