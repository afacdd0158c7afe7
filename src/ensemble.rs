//! Alloy ensembles: spectra of many seeded random configurations per
//! composition, averaged with their spread, computed in parallel (rayon
//! over configurations), checkpointed to disk as each finishes so that an
//! interrupted run resumes where it stopped.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::gpu::dipoles::BatchItem;
use crate::pipeline::{AbsorptionRequest, Prepared, absorption, assemble, prepare};
use crate::structure::alloy::random_alloy;
use crate::structure::{Cluster, Element};

/// Configurations per GPU batch.
const BATCH: usize = 64;

/// What to sweep.
#[derive(Clone, Debug)]
pub struct SweepRequest {
    pub base: Cluster,
    /// Element replacing a fraction of the atoms.
    pub dopant: Element,
    /// Fractions of atoms replaced, 0..1.
    pub fractions: Vec<f64>,
    /// Random configurations per fraction.
    pub configurations: usize,
    pub seed: u64,
    pub absorption: AbsorptionRequest,
}

/// One finished configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Configuration {
    pub fraction_index: usize,
    pub index: usize,
    /// Seed of its random alloy.
    pub seed: u64,
    /// Band energy Σ nᵢEᵢ, eV.
    pub band_energy: f64,
    /// Energy of the highest point of ε in the range, eV.
    pub peak_energy: Option<f64>,
    /// ε(E), M⁻¹ cm⁻¹, on the request's grid.
    pub epsilon: Vec<f64>,
}

/// Mean and standard deviation over the configurations of one fraction.
#[derive(Clone, Debug, Serialize)]
pub struct CompositionSummary {
    pub fraction: f64,
    pub dopant_atoms: usize,
    pub configurations: usize,
    pub mean_epsilon: Vec<f64>,
    /// Standard deviation of ε over configurations (0 for one configuration).
    pub sd_epsilon: Vec<f64>,
    pub mean_peak_energy: Option<f64>,
    pub sd_peak_energy: Option<f64>,
}

/// The seed of configuration `k` of fraction `f`: a fixed mix of the run's
/// seed, so every configuration is reproducible on its own.
pub fn configuration_seed(seed: u64, f: usize, k: usize) -> u64 {
    let mut x = seed ^ 0x9e37_79b9_7f4a_7c15 ^ ((f as u64) << 32) ^ k as u64;
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The structure of configuration `k` of fraction `f`.
pub fn configuration(req: &SweepRequest, f: usize, k: usize) -> Result<Cluster> {
    random_alloy(
        &req.base,
        req.dopant,
        req.fractions[f],
        configuration_seed(req.seed, f, k),
    )
}

/// A fingerprint of everything that determines the results, for resuming.
pub fn fingerprint(req: &SweepRequest) -> String {
    format!(
        "{:?}|{:?}|{:?}|{}|{}|{}|{:?}|{:?}|{}|{}|{:?}|{}",
        req.base.atoms,
        req.dopant,
        req.fractions,
        req.configurations,
        req.seed,
        req.absorption.model.params.name,
        req.absorption.grid,
        req.absorption.line_shape,
        req.absorption.fwhm,
        req.absorption.charge,
        req.absorption.filling,
        serde_json::to_string(&req.absorption.model.params).unwrap_or_default()
    )
}

/// Configurations already in the checkpoint file, if it belongs to `req`.
fn load_checkpoint(path: &Path, key: &str) -> Vec<Configuration> {
    let Ok(file) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let mut lines = std::io::BufReader::new(file).lines();
    match lines.next() {
        Some(Ok(first)) if serde_json::from_str::<String>(&first).ok().as_deref() == Some(key) => {}
        _ => return Vec::new(),
    }
    // A line cut short by a crash fails to parse and is simply redone.
    lines
        .map_while(|l| l.ok())
        .filter_map(|l| serde_json::from_str(&l).ok())
        .collect()
}

/// Runs every configuration not yet in `checkpoint` (a JSON-lines file,
/// appended as configurations finish), and returns all of them sorted by
/// (fraction, index) whatever order they finished in.
pub fn run_configurations(
    req: &SweepRequest,
    engine: &Engine,
    checkpoint: &Path,
    progress: &indicatif::ProgressBar,
) -> Result<Vec<Configuration>> {
    if req.fractions.iter().any(|f| !(0.0..=1.0).contains(f)) {
        return Err(Error::invalid(format!(
            "compositions {:?} must lie between 0 and 1",
            req.fractions
        )));
    }
    if req.configurations == 0 {
        return Err(Error::invalid("--configurations must be at least 1"));
    }
    let key = fingerprint(req);
    let mut done = load_checkpoint(checkpoint, &key);
    let mut file = std::fs::File::create(checkpoint).map_err(|e| Error::io(checkpoint, e))?;
    let header = serde_json::to_string(&key).map_err(|e| Error::io(checkpoint, e.into()))?;
    writeln!(file, "{header}").map_err(|e| Error::io(checkpoint, e))?;
    for c in &done {
        writeln!(file, "{}", serde_json::to_string(c).unwrap_or_default())
            .map_err(|e| Error::io(checkpoint, e))?;
    }
    file.flush().map_err(|e| Error::io(checkpoint, e))?;
    let file = Mutex::new(file);
    let todo: Vec<(usize, usize)> = (0..req.fractions.len())
        .flat_map(|f| (0..req.configurations).map(move |k| (f, k)))
        .filter(|&(f, k)| !done.iter().any(|c| c.fraction_index == f && c.index == k))
        .collect();
    progress.set_length((req.fractions.len() * req.configurations) as u64);
    progress.set_position((req.fractions.len() * req.configurations - todo.len()) as u64);
    let record =
        |f: usize, k: usize, r: crate::pipeline::AbsorptionResult| -> Result<Configuration> {
            let c = Configuration {
                fraction_index: f,
                index: k,
                seed: configuration_seed(req.seed, f, k),
                band_energy: r
                    .orbitals
                    .energies
                    .iter()
                    .zip(&r.occupations)
                    .map(|(e, n)| e * n)
                    .sum(),
                peak_energy: r.spectrum.peak_energy(),
                epsilon: r.spectrum.epsilon,
            };
            let line = serde_json::to_string(&c).map_err(|e| Error::io(checkpoint, e.into()))?;
            let mut w = file
                .lock()
                .map_err(|_| Error::invalid("checkpoint lock poisoned"))?;
            writeln!(w, "{line}")
                .and_then(|_| w.flush())
                .map_err(|e| Error::io(checkpoint, e))?;
            progress.inc(1);
            Ok(c)
        };
    let new: Vec<Configuration> = if engine.gpu().is_some() {
        // GPU: configurations in batches of one size (every composition has
        // the base's atom count): Hamiltonians, then one batched eigensolve,
        // one batched dipole/oscillator pass and one batched broadening.
        let mut out = Vec::with_capacity(todo.len());
        for batch in todo.chunks(BATCH) {
            let clusters: Vec<Cluster> = batch
                .iter()
                .map(|&(f, k)| configuration(req, f, k))
                .collect::<Result<_>>()?;
            let built: Vec<_> = clusters
                .iter()
                .map(|c| engine.hamiltonian(&req.absorption.model, c))
                .collect::<Result<_>>()?;
            let hs: Vec<ndarray::Array2<f64>> = built.iter().map(|(h, _)| h.clone()).collect();
            let orbitals = engine.eigen_batch(&hs)?;
            let prepared: Vec<Prepared> = clusters
                .iter()
                .zip(&built)
                .zip(&orbitals)
                .map(|((c, (_, layout)), o)| prepare(c, &req.absorption, layout, o))
                .collect::<Result<_>>()?;
            let items: Vec<BatchItem> = orbitals
                .iter()
                .zip(&prepared)
                .map(|(o, p)| (o, &p.occupations[..], &p.positions[..]))
                .collect();
            let lists = engine.transitions_batch(&items)?;
            let lines: Vec<(Vec<f64>, Vec<f64>)> = lists
                .iter()
                .map(|l| {
                    (
                        l.iter().map(|t| t.energy).collect(),
                        l.iter().map(|t| t.oscillator_strength).collect(),
                    )
                })
                .collect();
            let refs: Vec<(&[f64], &[f64])> = lines.iter().map(|(e, w)| (&e[..], &w[..])).collect();
            let a = &req.absorption;
            let densities = engine.broaden_batch(&refs, &a.grid, a.line_shape, a.fwhm)?;
            let parts = built
                .into_iter()
                .zip(orbitals)
                .zip(prepared)
                .zip(lists)
                .zip(densities);
            for (&(f, k), (((((h, _), orb), p), list), density)) in batch.iter().zip(parts) {
                out.push(record(f, k, assemble(a, h, orb, p, list, density))?);
            }
        }
        out
    } else {
        todo.par_iter()
            .map(|&(f, k)| {
                record(
                    f,
                    k,
                    absorption(&configuration(req, f, k)?, &req.absorption, engine)?,
                )
            })
            .collect::<Result<_>>()?
    };
    done.extend(new);
    done.sort_by_key(|c| (c.fraction_index, c.index));
    Ok(done)
}

/// Mean ± standard deviation per fraction, summed in a fixed order.
pub fn summarise(req: &SweepRequest, configs: &[Configuration]) -> Vec<CompositionSummary> {
    let points = req.absorption.grid.points;
    (0..req.fractions.len())
        .map(|f| {
            let set: Vec<&Configuration> =
                configs.iter().filter(|c| c.fraction_index == f).collect();
            let n = set.len().max(1) as f64;
            let mean: Vec<f64> = (0..points)
                .map(|k| set.iter().map(|c| c.epsilon[k]).sum::<f64>() / n)
                .collect();
            let sd: Vec<f64> = (0..points)
                .map(|k| {
                    (set.iter()
                        .map(|c| (c.epsilon[k] - mean[k]).powi(2))
                        .sum::<f64>()
                        / n)
                        .sqrt()
                })
                .collect();
            let peaks: Vec<f64> = set.iter().filter_map(|c| c.peak_energy).collect();
            let (mp, sp) = if peaks.is_empty() {
                (None, None)
            } else {
                let m = peaks.iter().sum::<f64>() / peaks.len() as f64;
                let s = (peaks.iter().map(|p| (p - m).powi(2)).sum::<f64>() / peaks.len() as f64)
                    .sqrt();
                (Some(m), Some(s))
            };
            CompositionSummary {
                fraction: req.fractions[f],
                dopant_atoms: (req.fractions[f] * req.base.len() as f64).round() as usize,
                configurations: set.len(),
                mean_epsilon: mean,
                sd_epsilon: sd,
                mean_peak_energy: mp,
                sd_peak_energy: sp,
            }
        })
        .collect()
}
