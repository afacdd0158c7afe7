//! Alloy ensembles: spectra of many seeded random configurations per
//! composition, averaged with their spread. Configurations go through the
//! same batched stages as a single cluster (Hamiltonians, one eigensolver
//! call, one transition call, one broadening call per batch), on the GPU
//! or the CPU, and are checkpointed to disk as each batch finishes so that
//! an interrupted run resumes where it stopped.

use std::io::{BufRead, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::model::tight_binding::{GroundState, TbRequest, excite, ground_states};
use crate::progress::{Progress, Silent};
use crate::response::spectrum::spectra_of_lines;
use crate::response::{Broadening, Lines, Spectrum, main_peak, spectrum};
use crate::rpa::{RpaOptions, RpaSpectrum};
use crate::structure::alloy::random_alloy;
use crate::structure::{Cluster, Element};

/// Configurations per batch.
pub const BATCH: usize = 64;

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
    pub tight_binding: TbRequest,
    /// The collective response, or `None` for independent particles.
    pub response: Option<RpaOptions>,
    pub broadening: Broadening,
}

/// One finished configuration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Configuration {
    pub fraction_index: usize,
    pub index: usize,
    /// Seed of its random alloy.
    pub seed: u64,
    /// Total energy of the ground state (band energy, less ½Δqᵀγ Δq with
    /// self-consistent charges), eV.
    pub band_energy: f64,
    /// Energy of the strongest band maximum inside the range (never the
    /// range's edge), eV.
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

/// The splitmix64 finaliser of `x + γ`: a bijection of u64 that scatters
/// neighbouring inputs (Steele, Lea & Flood, OOPSLA 2014).
fn splitmix64(x: u64) -> u64 {
    let mut x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The seed of configuration `k` of fraction `f`: the run's seed, then the
/// fraction, then the index, each hashed into the last (a stream split
/// keyed by all three), so every configuration is reproducible on its own
/// and different run seeds share no configuration (XOR-ing the three, as
/// before, let `--seed 1` and `--seed 2` draw the same set).
pub fn configuration_seed(seed: u64, f: usize, k: usize) -> u64 {
    splitmix64(splitmix64(splitmix64(seed) ^ f as u64) ^ k as u64)
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

/// The ground states and spectra of `clusters` through the batched
/// stages, with the collective response per configuration when asked.
pub fn batch_spectra(
    clusters: &[Cluster],
    request: &TbRequest,
    response: Option<&RpaOptions>,
    broadening: &Broadening,
    engine: &Engine,
) -> Result<Vec<(GroundState, Spectrum)>> {
    let grounds = ground_states(clusters, request, engine, &Silent)?;
    let excited = excite(&grounds, engine, &Silent)?;
    let spectra: Vec<Spectrum> = match response {
        None => {
            let lines: Vec<&Lines> = excited.iter().map(|e| &e.lines).collect();
            spectra_of_lines(&lines, broadening, engine)?
        }
        Some(options) => clusters
            .iter()
            .zip(grounds.iter().zip(&excited))
            .map(|(cluster, (g, e))| {
                let model = RpaSpectrum {
                    cluster,
                    source: String::new(),
                    request,
                    options: *options,
                };
                let calc = model.calculation(g, e, engine, broadening, &Silent)?;
                spectrum(&calc.main().response, broadening, engine)
            })
            .collect::<Result<_>>()?,
    };
    Ok(grounds.into_iter().zip(spectra).collect())
}

/// A fingerprint of everything that determines the results, for resuming.
pub fn fingerprint(req: &SweepRequest) -> String {
    let tb = &req.tight_binding;
    format!(
        "{:?}|{:?}|{:?}|{}|{}|{}|{:?}|{:?}|{}|{}|{:?}|{:?}|{:?}|{}",
        req.base.atoms,
        req.dopant,
        req.fractions,
        req.configurations,
        req.seed,
        tb.model.params.name,
        req.broadening.grid,
        req.broadening.shape,
        req.broadening.fwhm,
        tb.charge,
        tb.filling,
        tb.scc,
        req.response,
        serde_json::to_string(&tb.model.params).unwrap_or_default()
    )
}

/// Whether a configuration read back from a checkpoint is one `req` asks
/// for, whole: its indices in range, its seed the one they give, its
/// spectrum on the grid and finite.
fn valid(req: &SweepRequest, c: &Configuration) -> bool {
    c.fraction_index < req.fractions.len()
        && c.index < req.configurations
        && c.seed == configuration_seed(req.seed, c.fraction_index, c.index)
        && c.epsilon.len() == req.broadening.grid.points
        && c.epsilon.iter().all(|v| v.is_finite())
        && c.band_energy.is_finite()
        && c.peak_energy.is_none_or(f64::is_finite)
}

/// Configurations already in the checkpoint file, if it belongs to `req`
/// (its first line is `key`): every line is checked, and a line cut short,
/// corrupt, out of range or repeated is dropped, so that configuration is
/// computed again.
fn load_checkpoint(path: &Path, key: &str, req: &SweepRequest) -> Vec<Configuration> {
    let Ok(file) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let mut lines = std::io::BufReader::new(file).lines();
    match lines.next() {
        Some(Ok(first)) if serde_json::from_str::<String>(&first).ok().as_deref() == Some(key) => {}
        _ => return Vec::new(),
    }
    let mut seen = std::collections::HashSet::new();
    lines
        .map_while(|l| l.ok())
        .filter_map(|l| serde_json::from_str::<Configuration>(&l).ok())
        .filter(|c| valid(req, c) && seen.insert((c.fraction_index, c.index)))
        .collect()
}

/// The checkpoint file of a running sweep: the key line, then one line
/// per finished configuration.
struct Log<'a> {
    path: &'a Path,
    file: std::fs::File,
}

impl<'a> Log<'a> {
    /// Opens `path` afresh with `key` and the configurations `done` so far.
    fn create(path: &'a Path, key: &str, done: &[Configuration]) -> Result<Self> {
        // A missing output folder is created, as for every other output.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
        let mut log = Log { path, file };
        log.line(&key)?;
        for c in done {
            log.line(c)?;
        }
        log.flush()?;
        Ok(log)
    }

    fn line<T: Serialize>(&mut self, value: &T) -> Result<()> {
        let text = json_line(value, self.path)?;
        writeln!(self.file, "{text}").map_err(|e| Error::io(self.path, e))
    }

    fn flush(&mut self) -> Result<()> {
        self.file.flush().map_err(|e| Error::io(self.path, e))
    }
}

/// Runs every configuration not yet in `checkpoint` (a JSON-lines file,
/// appended as batches finish; `None` keeps no checkpoint), and returns
/// all of them sorted by (fraction, index) whatever order they finished in.
pub fn run_configurations(
    req: &SweepRequest,
    engine: &Engine,
    checkpoint: Option<&Path>,
    progress: &dyn Progress,
) -> Result<Vec<Configuration>> {
    if let Some(f) = req.fractions.iter().find(|f| !(0.0..=1.0).contains(*f)) {
        return Err(Error::setting(
            "compositions",
            f,
            "every fraction of dopant atoms must lie between 0 and 1",
        ));
    }
    if req.configurations == 0 {
        return Err(Error::setting("configurations", 0, "need at least 1"));
    }
    if let Some(o) = &req.response {
        o.check(&req.broadening)?;
    }
    let mut done = Vec::new();
    let mut log = match checkpoint {
        Some(path) => {
            // The checkpoint's own path is part of its key: two sweeps
            // never share one, even when a file is copied.
            let key = format!("{}|{}", path.display(), fingerprint(req));
            done = load_checkpoint(path, &key, req);
            Some(Log::create(path, &key, &done)?)
        }
        None => None,
    };
    let todo: Vec<(usize, usize)> = (0..req.fractions.len())
        .flat_map(|f| (0..req.configurations).map(move |k| (f, k)))
        .filter(|&(f, k)| !done.iter().any(|c| c.fraction_index == f && c.index == k))
        .collect();
    let total = (req.fractions.len() * req.configurations) as u64;
    let mut finished = total - todo.len() as u64;
    progress.items(finished, total);
    let had_any = !done.is_empty();
    let outcome = (|| -> Result<()> {
        for batch in todo.chunks(BATCH) {
            let clusters: Vec<Cluster> = batch
                .iter()
                .map(|&(f, k)| configuration(req, f, k))
                .collect::<Result<_>>()?;
            let results = batch_spectra(
                &clusters,
                &req.tight_binding,
                req.response.as_ref(),
                &req.broadening,
                engine,
            )?;
            for (&(f, k), (g, s)) in batch.iter().zip(results) {
                let c = Configuration {
                    fraction_index: f,
                    index: k,
                    seed: configuration_seed(req.seed, f, k),
                    band_energy: g.energy(),
                    peak_energy: main_peak(&s).map(|p| p.energy_ev),
                    epsilon: s.epsilon,
                };
                if let Some(log) = &mut log {
                    log.line(&c)?;
                }
                done.push(c);
            }
            if let Some(log) = &mut log {
                log.flush()?;
            }
            finished += batch.len() as u64;
            progress.items(finished, total);
        }
        Ok(())
    })();
    if let Err(e) = outcome {
        // A sweep that failed before any configuration finished leaves no
        // checkpoint behind (there is nothing to resume).
        if let (Some(path), false) = (checkpoint, had_any || !done.is_empty()) {
            drop(log);
            let _ = std::fs::remove_file(path);
        }
        return Err(e);
    }
    done.sort_by_key(|c| (c.fraction_index, c.index));
    Ok(done)
}

/// `value` as one line of JSON for the checkpoint at `path`.
fn json_line<T: Serialize>(value: &T, path: &Path) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::io(path, e.into()))
}

/// Mean ± standard deviation per fraction, summed in a fixed order.
pub fn summarise(req: &SweepRequest, configs: &[Configuration]) -> Vec<CompositionSummary> {
    let points = req.broadening.grid.points;
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
