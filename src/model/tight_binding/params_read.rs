//! Reading a tight-binding parameter set: the TOML text of a file or of
//! the shipped sets, parsed and validated entry by entry, each error naming
//! the file and the line.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::params::{
    BOND_NAMES, CutoffWindow, ElementParams, PairParams, ParameterSet, S_BAND_TOML, SPD_TOML,
    Scaling, Shells,
};
use super::params_check::{check_element, check_pair};
use crate::error::{Error, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    name: String,
    description: String,
    shells: Shells,
    cutoff: CutoffWindow,
    scaling: Scaling,
    element: Vec<Spanned<ElementParams>>,
    pair: Vec<Spanned<PairParams>>,
}

/// Line (1-based) of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

impl ParameterSet {
    /// The shipped set for a model name: "s" or "spd".
    pub fn builtin(model: &str) -> Result<Self> {
        match model {
            "s" => Self::parse(S_BAND_TOML, Path::new("<built-in data/tb_s.toml>")),
            "spd" => Self::parse(SPD_TOML, Path::new("<built-in data/tb_spd.toml>")),
            other => Err(Error::invalid(format!(
                "unknown model `{other}`: use `s` or `spd`"
            ))),
        }
    }

    /// Reads and validates a user's parameter file.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }

    /// Parses and validates TOML text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let raw: RawSet = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            Error::parse(path, line, e.message().trim().to_string())
        })?;
        let at = |span: std::ops::Range<usize>| line_of(text, span.start);
        let (c_in, c_out) = (raw.cutoff.inner, raw.cutoff.outer);
        if !(c_in.is_finite() && c_out.is_finite() && 0.0 < c_in && c_in < c_out && c_out <= 5.0) {
            return Err(Error::parse(
                path,
                1,
                format!(
                    "[cutoff] needs 0 < inner < outer ≤ 5 (units of r0), found inner = {c_in}, outer = {c_out}"
                ),
            ));
        }
        if let Some((k, n)) = raw
            .scaling
            .exponents()
            .iter()
            .enumerate()
            .find(|(_, n)| !(n.is_finite() && (0.0..=12.0).contains(*n)))
        {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("[scaling]"))
                .map_or(1, |k| k + 1);
            return Err(Error::parse(
                path,
                line,
                format!(
                    "[scaling] {}: exponent {n} must lie in 0 … 12",
                    BOND_NAMES[k]
                ),
            ));
        }
        let mut elements = Vec::new();
        for e in raw.element {
            let line = at(e.span());
            let e = e.into_inner();
            let shells = e.shells.unwrap_or(raw.shells);
            check_element(&e, shells, path, line)?;
            if elements
                .iter()
                .any(|x: &ElementParams| x.symbol == e.symbol)
            {
                return Err(Error::parse(
                    path,
                    line,
                    format!("element {} given twice", e.symbol),
                ));
            }
            elements.push(ElementParams {
                shells: Some(shells),
                ..e
            });
        }
        let mut pairs: Vec<PairParams> = Vec::new();
        for p in raw.pair {
            let line = at(p.span());
            let p = p.into_inner();
            let [a, b] = p.elements;
            check_pair(&p, path, line)?;
            if pairs
                .iter()
                .any(|q| q.elements == [a, b] || q.elements == [b, a])
            {
                return Err(Error::parse(
                    path,
                    line,
                    format!("pair {a}-{b} given twice"),
                ));
            }
            for el in [a, b] {
                if !elements.iter().any(|x| x.symbol == el) {
                    return Err(Error::parse(
                        path,
                        line,
                        format!("pair {a}-{b}: element {el} has no [[element]] entry"),
                    ));
                }
            }
            pairs.push(p);
        }
        Ok(ParameterSet {
            name: raw.name,
            description: raw.description,
            shells: raw.shells,
            cutoff: raw.cutoff,
            scaling: raw.scaling,
            elements,
            pairs,
        })
    }
}
