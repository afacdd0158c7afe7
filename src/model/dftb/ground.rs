//! The DFTB ground state (DFTB2, shell-resolved self-consistent charges):
//! H⁰ and S from the Slater–Koster tables, H C = S C ε solved through the
//! Cholesky factor of S, Mulliken shell populations
//! q_l = Σ_{μ∈l} (ρS)_μμ, Δq_l = q_l − q⁰_l, and the charge shift
//! H_μν = H⁰_μν + ½ S_μν (V_l(μ) + V_l(ν)), V_l = Σ_l′ γ_ll′ Δq_l′, iterated
//! with Anderson mixing until Δq stops changing.

use ndarray::Array2;
use serde::Serialize;

use super::gamma::{ShellList, shell_gamma};
use super::set::{DftbSet, Loaded};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::solve::eigen::{Orbitals, Overlap};
use crate::solve::layout::{OrbitalLayout, Shells};
use crate::solve::mixing::Anderson;
use crate::solve::occupation::{Filling, frontier, occupations};
use crate::solve::sk_tables::{SkKind, SkSystem};
use crate::solve::slater_koster::ORBITAL_L;
use crate::structure::{Cluster, Element};
use crate::units::{BOHR_ANGSTROM, HARTREE_EV};

/// What a DFTB calculation needs besides the structure.
#[derive(Clone, Debug)]
pub struct DftbRequest {
    pub set: DftbSet,
    /// Net charge, e (−1 for an anion).
    pub charge: i32,
    pub filling: Filling,
    pub scc: DftbScc,
}

impl DftbRequest {
    /// A neutral cluster with the shipped set, integer filling.
    pub fn new(set: DftbSet) -> Self {
        DftbRequest {
            set,
            charge: 0,
            filling: Filling::Integer,
            scc: DftbScc::default(),
        }
    }
}

/// Self-consistency settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DftbScc {
    /// Stop when max |Δq_out − Δq_in| over the shells is below this, e.
    pub tolerance: f64,
    pub max_iterations: usize,
    /// Linear mixing fraction of the Anderson mixer.
    pub mixing: f64,
    /// Lowest electronic temperature of the iterations, K (the requested
    /// filling is applied to the converged orbitals).
    pub min_temperature: f64,
    /// Residual (e) above which an iteration diagonalises in single
    /// precision (Hamiltonians of order ≥ 1024 only).
    pub single_precision_above: f64,
}

impl Default for DftbScc {
    /// 10⁻⁵ e, 200 iterations, mixing 0.2, 300 K, single precision above
    /// 10⁻² e.
    fn default() -> Self {
        DftbScc {
            tolerance: 1e-5,
            max_iterations: 200,
            mixing: 0.2,
            min_temperature: 300.0,
            single_precision_above: 1e-2,
        }
    }
}

/// Smallest order diagonalised in single precision far from convergence.
pub const SINGLE_PRECISION_MIN_ORDER: usize = 1024;

/// Name of the self-consistency in [`Error::NoConvergence`].
pub const DFTB_SCC_SOLVER: &str = "DFTB self-consistent charges (Anderson mixing)";

/// How the self-consistency went.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DftbSccReport {
    pub iterations: usize,
    /// Times the mixing fraction was halved because the residual grew.
    pub mixing_reductions: usize,
    pub single_precision_iterations: usize,
    /// max |Δq_out − Δq_in| over the shells at each iteration, e.
    pub residuals: Vec<f64>,
    pub temperature: f64,
}

/// A converged DFTB ground state.
#[derive(Clone, Debug)]
pub struct DftbGround {
    /// The self-consistent Hamiltonian, eV.
    pub hamiltonian: Array2<f64>,
    pub overlap: Array2<f64>,
    pub layout: OrbitalLayout,
    /// Orbitals with CᵀSC = 1; energies in eV.
    pub orbitals: Orbitals,
    pub occupations: Vec<f64>,
    pub electrons: u32,
    pub shells: ShellList,
    /// γ between shells, eV.
    pub gamma: Array2<f64>,
    /// Δq of every shell, e (population minus the neutral atom's).
    pub shell_charges: Vec<f64>,
    pub scc: DftbSccReport,
    pub loaded: Loaded,
    pub elements: Vec<Element>,
}

impl DftbGround {
    /// Δq of every atom, e.
    pub fn atom_charges(&self, atoms: usize) -> Vec<f64> {
        let mut q = vec![0.0; atoms];
        for (s, dq) in self.shell_charges.iter().enumerate() {
            q[self.shells.atom[s]] += dq;
        }
        q
    }

    /// HOMO–LUMO gap, eV (0 for a partly filled shell).
    pub fn gap(&self) -> Option<f64> {
        match frontier(&self.occupations) {
            (Some(h), Some(l)) if l > h => {
                Some(self.orbitals.energies[l] - self.orbitals.energies[h])
            }
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        }
    }
}

/// The elements of `cluster` in order of first appearance.
pub fn elements(cluster: &Cluster) -> Vec<Element> {
    let mut out: Vec<Element> = Vec::new();
    for a in &cluster.atoms {
        if !out.contains(&a.element) {
            out.push(a.element);
        }
    }
    out
}

/// The orbital layout, the shells and the plain Slater–Koster data of
/// `cluster` with `loaded`'s elements.
pub fn system(cluster: &Cluster, loaded: &Loaded, kinds: &[Element]) -> (SkSystem, ShellList) {
    let mut layout = OrbitalLayout {
        atom_offset: Vec::with_capacity(cluster.len()),
        atom_shells: Vec::with_capacity(cluster.len()),
        orbital_atom: Vec::new(),
        orbital_kind: Vec::new(),
    };
    let mut shells = ShellList {
        atom: Vec::new(),
        l: Vec::new(),
        hubbard: Vec::new(),
        reference: Vec::new(),
    };
    for (i, atom) in cluster.atoms.iter().enumerate() {
        let e = loaded.element(atom.element);
        layout.atom_offset.push(layout.orbital_atom.len());
        layout.atom_shells.push(e.shells);
        for kind in 0..e.shells.orbital_count() {
            layout.orbital_atom.push(i);
            layout.orbital_kind.push(kind);
        }
        for l in 0..e.shell_count() {
            shells.atom.push(i);
            shells.l.push(l);
            shells.hubbard.push(e.hubbard[l]);
            shells.reference.push(e.occupation[l]);
        }
    }
    let tables = kinds
        .iter()
        .flat_map(|&a| kinds.iter().map(move |&b| (a, b)))
        .map(|key| loaded.tables[&key].clone())
        .collect();
    let sys = SkSystem {
        kinds: kinds
            .iter()
            .map(|&el| SkKind {
                onsite: loaded.element(el).onsite,
            })
            .collect(),
        tables,
        positions: cluster.positions(),
        atom_kind: cluster
            .atoms
            .iter()
            .map(|a| kinds.iter().position(|&k| k == a.element).unwrap_or(0) as u32)
            .collect(),
        layout,
    };
    (sys, shells)
}

/// The shell of every orbital.
pub fn orbital_shells(layout: &OrbitalLayout, shells: &ShellList) -> Vec<usize> {
    let mut first = vec![usize::MAX; layout.atom_offset.len()];
    for (s, &a) in shells.atom.iter().enumerate() {
        first[a] = first[a].min(s);
    }
    layout
        .orbital_atom
        .iter()
        .zip(&layout.orbital_kind)
        .map(|(&a, &k)| first[a] + ORBITAL_L[k] as usize)
        .collect()
}

/// Mulliken populations of every shell: Σ_{μ∈l} Σ_ν ρ_μν S_νμ with
/// ρ = C diag(n) Cᵀ.
pub fn shell_populations(
    orbitals: &Orbitals,
    occupations: &[f64],
    s: &Array2<f64>,
    orbital_shell: &[usize],
    shells: usize,
) -> Vec<f64> {
    let occupied: Vec<usize> = (0..occupations.len())
        .filter(|&i| occupations[i] > 0.0)
        .collect();
    let c = &orbitals.coefficients;
    let n = c.nrows();
    // SC for the occupied orbitals, then (ρS)_μμ = Σ_i n_i C_μi (SC)_μi.
    let c_occ = Array2::from_shape_fn((n, occupied.len()), |(mu, k)| c[[mu, occupied[k]]]);
    let sc = s.dot(&c_occ);
    let mut q = vec![0.0; shells];
    for mu in 0..n {
        let v: f64 = occupied
            .iter()
            .enumerate()
            .map(|(k, &i)| occupations[i] * c_occ[[mu, k]] * sc[[mu, k]])
            .sum();
        q[orbital_shell[mu]] += v;
    }
    q
}

/// The smallest mixing fraction the SCC damps down to.
const MIN_MIXING: f64 = 0.01;

/// The self-consistent DFTB ground state of `cluster`.
pub fn ground_state(
    cluster: &Cluster,
    request: &DftbRequest,
    engine: &Engine,
    progress: &dyn Progress,
) -> Result<DftbGround> {
    let kinds = elements(cluster);
    let loaded = request.set.load(&kinds)?;
    let (sys, shells) = system(cluster, &loaded, &kinds);
    let valence: f64 = cluster
        .atoms
        .iter()
        .map(|a| loaded.element(a.element).valence())
        .sum();
    let electrons = valence - request.charge as f64;
    let n = sys.layout.len();
    if !(electrons >= 0.0 && electrons <= 2.0 * n as f64 && electrons.fract() == 0.0) {
        return Err(Error::setting(
            "charge",
            request.charge,
            format!("leaves {electrons} electrons for {n} orbitals of {valence} valence electrons"),
        ));
    }
    let electrons = electrons as u32;
    progress.stage(&format!(
        "DFTB Hamiltonian and overlap ({n} orbitals, {} shells)",
        shells.len()
    ));
    let (h0, s) = engine.dftb_hamiltonian(&sys)?;
    let overlap = Overlap::new(&s)?;
    let orbital_shell = orbital_shells(&sys.layout, &shells);
    let positions_bohr: Vec<[f64; 3]> = sys
        .positions
        .iter()
        .map(|p| p.map(|x| x / BOHR_ANGSTROM))
        .collect();
    let gamma = shell_gamma(&shells, &positions_bohr).mapv(|g| g * HARTREE_EV);
    let options = &request.scc;
    let iteration_filling = match request.filling {
        Filling::FermiDirac { temperature } if temperature >= options.min_temperature => {
            request.filling
        }
        _ => Filling::FermiDirac {
            temperature: options.min_temperature,
        },
    };
    let shifted = |dq: &[f64]| -> Array2<f64> {
        let v = gamma.dot(&ndarray::ArrayView1::from(dq));
        let mut h = h0.clone();
        for mu in 0..n {
            for nu in 0..n {
                let sv = s[[mu, nu]];
                if sv != 0.0 {
                    h[[mu, nu]] += 0.5 * sv * (v[orbital_shell[mu]] + v[orbital_shell[nu]]);
                }
            }
        }
        h
    };
    progress.stage(&format!(
        "DFTB self-consistent charges ({n}×{n}, shell-resolved)"
    ));
    // The net charge spread over the shells in proportion to their
    // reference populations keeps Σ Δq right from the start.
    let total_ref: f64 = shells.reference.iter().sum::<f64>().max(1e-12);
    let mut dq: Vec<f64> = shells
        .reference
        .iter()
        .map(|r| -(request.charge as f64) * r / total_ref)
        .collect();
    let mut beta = options.mixing;
    let mut mixer = Anderson::new(beta, 6);
    let mut best = (f64::INFINITY, dq.clone());
    let mut report = DftbSccReport {
        temperature: match iteration_filling {
            Filling::FermiDirac { temperature } => temperature,
            Filling::Integer => 0.0,
        },
        ..Default::default()
    };
    let mut residual = f64::INFINITY;
    for _ in 0..options.max_iterations {
        let h = shifted(&dq);
        let single = n >= SINGLE_PRECISION_MIN_ORDER && residual > options.single_precision_above;
        let orbitals = overlap.diagonalise(&h, single)?;
        report.single_precision_iterations += usize::from(single);
        let occ = occupations(&orbitals.energies, electrons, iteration_filling)?;
        let pop = shell_populations(&orbitals, &occ, &s, &orbital_shell, shells.len());
        let out: Vec<f64> = pop
            .iter()
            .zip(&shells.reference)
            .map(|(p, r)| p - r)
            .collect();
        let step: Vec<f64> = out.iter().zip(&dq).map(|(o, i)| o - i).collect();
        residual = step.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        report.residuals.push(residual);
        report.iterations += 1;
        progress.items(report.iterations as u64, options.max_iterations as u64);
        if !residual.is_finite() {
            break;
        }
        if residual < options.tolerance && !single {
            let occ = occupations(&orbitals.energies, electrons, request.filling)?;
            let pop = shell_populations(&orbitals, &occ, &s, &orbital_shell, shells.len());
            let charges = pop
                .iter()
                .zip(&shells.reference)
                .map(|(p, r)| p - r)
                .collect();
            return Ok(DftbGround {
                hamiltonian: h,
                overlap: s,
                layout: sys.layout,
                orbitals,
                occupations: occ,
                electrons,
                shells,
                gamma,
                shell_charges: charges,
                scc: report,
                loaded,
                elements: kinds,
            });
        }
        // Charge sloshing (a large metallic cluster: the residual grows
        // instead of shrinking) is damped: back to the best input so far,
        // a fresh history and half the mixing fraction, down to 1 %.
        if residual > 2.0 * best.0 && beta > MIN_MIXING {
            beta = (0.5 * beta).max(MIN_MIXING);
            mixer = Anderson::new(beta, 6);
            report.mixing_reductions += 1;
            dq = best.1.clone();
            continue;
        }
        if residual < best.0 {
            best = (residual, dq.clone());
        }
        dq = mixer.next(&dq, &step);
    }
    Err(Error::NoConvergence {
        solver: DFTB_SCC_SOLVER,
        iterations: report.iterations,
        residual,
        tolerance: options.tolerance,
    })
}

/// The shells an element carries, for reports.
pub fn shell_names(shells: Shells) -> &'static str {
    match shells {
        Shells::S => "s",
        Shells::Sp => "s p",
        Shells::Spd => "s p d",
    }
}
