//! What a tight-binding run will hold in memory at its peak, estimated
//! before anything is allocated, so that a run too large for the machine
//! is refused in a second instead of aborting after minutes.
//!
//! With n orbitals, N electrons, A atoms, T = ⌈N/2⌉·(n − ⌊N/2⌋ + 1) pairs:
//!
//! - dense stages: 4 n² doubles (Hamiltonian, eigenvectors, and the
//!   eigensolver's workspace of about 2 n²);
//! - transitions: 120 bytes per pair (the transition record of 48 bytes,
//!   its line of 48, 24 of sorting and bookkeeping);
//! - collective response (RPA, frequency route): the transition charges of
//!   one chunk, min(A·T, 2²²) doubles, χ⁰'s packed weights, A(A+1)/2
//!   doubles on each energy node (fine nodes FWHM/8 apart over the grid
//!   and 10 FWHM beyond either end, and 5 %-wider ones up to 30 eV), and
//!   the Dyson workspace: χ⁰ at one block of 64 frequencies (real and
//!   imaginary parts, 128·A(A+1)/2 doubles) and 6 A² doubles for G, M and
//!   M's single-precision factors (the Casida route's pair space is chosen
//!   after the ground state and is not estimated); with the
//!   frequency-dependent d response also the dipole modes: 4 (3A)² + 6 A²
//!   doubles for their eigenproblem and couplings, and up to 128 mode
//!   nodes of A(A+1)/2 doubles;
//! - the spectrum grid: 160 bytes per point (the broadened curves of each
//!   component, their copies in the plots, tables and JSON text; measured
//!   peak 150 bytes per point at 10⁷ points);
//! - a fixed 40 MB for the program itself.
//!
//! Measured peaks (resident set, this project's 2-core machine) lie within
//! a factor of two of the estimate (tested): Au309 spd single particle
//! 408 MB, with RPA 1.09 GB.

use crate::error::Result;
use crate::model::electrons::electron_count;
use crate::model::tight_binding::TbRequest;
use crate::response::Broadening;
use crate::structure::Cluster;

use super::dyson::BLOCK;
use super::spectral::CHARGE_BUDGET;
use super::{DResponse, Route, RpaOptions};

/// Bytes the program needs besides the model's arrays.
pub const BASELINE_BYTES: u64 = 40 << 20;

/// The estimated peak, in bytes, by stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MemoryEstimate {
    pub dense: u64,
    pub transitions: u64,
    pub response: u64,
    /// What grows with the number of grid points.
    pub grid: u64,
}

/// Bytes held per point of the spectrum grid (see the module text).
pub const GRID_BYTES_PER_POINT: u64 = 160;

/// The bytes that grow with the grid of `broadening`.
pub fn grid_bytes(broadening: &Broadening) -> u64 {
    GRID_BYTES_PER_POINT * broadening.grid.points as u64
}

impl MemoryEstimate {
    /// The estimate for `configurations` clusters of this one's size going
    /// through the batched stages together (their collective responses
    /// are computed one at a time).
    pub fn batch(self, configurations: usize) -> Self {
        let k = configurations.max(1) as u64;
        MemoryEstimate {
            dense: self.dense * k,
            transitions: self.transitions * k,
            response: self.response,
            grid: self.grid * k,
        }
    }

    /// The whole peak, bytes (with [`BASELINE_BYTES`]).
    pub fn total(&self) -> u64 {
        self.dense + self.transitions + self.response + self.grid + BASELINE_BYTES
    }
}

/// The estimate for `cluster` with `request`, the collective `response`
/// (None for independent particles) and `broadening`.
pub fn estimate(
    cluster: &Cluster,
    request: &TbRequest,
    response: Option<&RpaOptions>,
    broadening: &Broadening,
) -> Result<MemoryEstimate> {
    let params = &request.model.params;
    let (mut orbitals, mut valence) = (0u64, 0u32);
    for atom in &cluster.atoms {
        let e = params.element(atom.element)?;
        orbitals += e.shells.unwrap_or(params.shells).orbital_count() as u64;
        valence = valence.saturating_add(e.valence);
    }
    let electrons = electron_count(valence, request.charge, request.ligands)? as u64;
    let n = orbitals as f64;
    let occupied = electrons.div_ceil(2) as f64;
    let pairs = occupied * (n - (electrons / 2) as f64 + 1.0).max(0.0);
    let atoms = cluster.len() as f64;
    let response = match response.map(|o| o.route) {
        Some(Route::Frequency { .. }) => {
            let g = broadening.grid;
            let fine_width = broadening.fwhm / 8.0;
            let fine = (g.end - g.start + 20.0 * broadening.fwhm) / fine_width;
            let coarse = (30.0 / (g.end + 10.0 * broadening.fwhm)).max(1.0).ln() / 1.05f64.ln();
            let nodes = fine + coarse;
            let charges = (atoms * pairs).min(CHARGE_BUDGET as f64);
            let packed = atoms * (atoms + 1.0) / 2.0;
            let dyson = 2.0 * BLOCK as f64 * packed + 6.0 * atoms * atoms;
            let dipoles = match response {
                Some(o) if o.d_screening && o.d_response == DResponse::Dynamic => {
                    let modes = 3.0 * atoms;
                    4.0 * modes * modes + 6.0 * atoms * atoms + modes.min(128.0) * packed
                }
                _ => 0.0,
            };
            8.0 * (charges + nodes * packed + dyson + dipoles)
        }
        // The Casida route's pair space is chosen after the ground state:
        // not estimated beyond the single-particle stages.
        Some(Route::Casida { .. }) | None => 0.0,
    };
    Ok(MemoryEstimate {
        dense: (32.0 * n * n) as u64,
        transitions: (120.0 * pairs) as u64,
        response: response as u64,
        grid: grid_bytes(broadening),
    })
}

/// The largest memory limit accepted, GiB (1 PiB: beyond any machine, but
/// finite, so that the byte count cannot overflow).
pub const MAX_LIMIT_GIB: f64 = 1_048_576.0;

/// Refuses a run whose estimated peak of `needed` bytes (made of
/// `breakdown`) exceeds `limit_gib` (checked: a positive number of GiB) or,
/// without one, the memory the system has available now; `advice` says
/// what makes the run smaller. Nothing is refused where the system does
/// not say what it has.
pub fn check(needed: u64, breakdown: &str, advice: &str, limit_gib: Option<f64>) -> Result<()> {
    let (limit, against) = match limit_gib {
        Some(g) if g.is_finite() && g > 0.0 && g <= MAX_LIMIT_GIB => {
            ((g * (1u64 << 30) as f64) as u64, "allowed")
        }
        Some(g) => {
            return Err(crate::error::Error::setting(
                "max_memory",
                g,
                format!("must be a number of GiB in (0, {MAX_LIMIT_GIB}]"),
            ));
        }
        None => match available_memory() {
            Some(b) => (b, "available"),
            None => return Ok(()),
        },
    };
    if needed <= limit {
        return Ok(());
    }
    Err(crate::error::Error::Memory {
        needed,
        limit,
        against,
        breakdown: breakdown.to_string(),
        advice: advice.to_string(),
    })
}

impl MemoryEstimate {
    /// The stages in words, for [`check`].
    pub fn breakdown(&self) -> String {
        let b = crate::units::bytes_text;
        format!(
            "orbitals and eigenvectors {}, transitions {}, collective response {}, spectrum \
             grid {}",
            b(self.dense),
            b(self.transitions),
            b(self.response),
            b(self.grid)
        )
    }
}

/// Memory the operating system can give this process now, bytes
/// (`MemAvailable` of /proc/meminfo); `None` where that is not known.
pub fn available_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
