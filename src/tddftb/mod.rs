//! TD-DFTB: the linear response of a DFTB ground state (Niehaus et al.,
//! Phys. Rev. B 63, 085108 (2001)), singlets, in two routes that agree
//! where both apply:
//!
//! - Casida's equation Ω_pq = Δ_p² δ_pq + 4 √Δ_p K_pq √Δ_q (for doubly
//!   occupied i and empty a; in general 2 s K s with s = √((nᵢ − nₐ)Δ)),
//!   K_pq = Σ_kl q_k^p γ_kl q_l^q, discrete lines below a pair energy;
//! - the frequency route: χ⁰ as a spectral function on energy nodes and the
//!   Dyson equation at every frequency, the whole spectrum without choosing
//!   a number of roots (the route of the tight-binding RPA).
//!
//! The charges live on charge sites: the shells of an atom, those with
//! equal Hubbard U merged (their rows of γ are equal, so only their sum
//! couples; merging keeps γ invertible, which the Dyson route needs).
//! Transition charges are Mulliken's with the overlap (`model::dftb`), the
//! dipole of a pair is Σ_k q_k R_k, and γ is DFTB's (`model::dftb::gamma`).
//! Triplets (which would take the spin constants W instead of γ) are not
//! computed.

use ndarray::Array2;
use serde_json::json;

use crate::engine::Engine;
use crate::error::Result;
use crate::model::Model;
use crate::model::dftb::gamma::gamma;
use crate::model::dftb::{
    DftbGround, DftbRequest, DftbSpectrum, excite, ground_state, mulliken_pair,
};
use crate::progress::Progress;
use crate::response::{
    Broadening, Calculation, Component, Density, Lines, Quantity, Response, Role,
};
use crate::rpa::Route;
use crate::rpa::casida::casida_lines;
use crate::rpa::dyson::{Coupling, interpolate, oscillator_density, solve_points};
use crate::rpa::model::{BIN_GROWTH, FINE_MARGIN_FWHM};
use crate::rpa::spectral::{self, NodeLayout};
use crate::solve::layout::{OrbitalLayout, Shells};
use crate::solve::transitions::Transition;
use crate::structure::Cluster;
use crate::units::{BOHR_ANGSTROM, HARTREE_EV};

/// Hubbard U closer than this (hartree) put two shells on one site.
const SAME_U: f64 = 1e-8;

/// The charge sites of a ground state.
#[derive(Clone, Debug)]
pub struct Sites {
    /// Site of every orbital.
    pub of_orbital: Vec<usize>,
    /// Atom and Hubbard U (hartree) of every site.
    pub atom: Vec<usize>,
    pub hubbard: Vec<f64>,
}

impl Sites {
    /// The sites of `ground`: its shells, those of one atom with equal U merged.
    pub fn new(ground: &DftbGround) -> Self {
        let shells = &ground.shells;
        let mut site_of_shell = vec![0; shells.len()];
        let (mut atom, mut hubbard): (Vec<usize>, Vec<f64>) = (Vec::new(), Vec::new());
        for (s, site) in site_of_shell.iter_mut().enumerate() {
            let found = (0..atom.len()).rev().find(|&k| {
                atom[k] == shells.atom[s] && (hubbard[k] - shells.hubbard[s]).abs() < SAME_U
            });
            *site = found.unwrap_or_else(|| {
                atom.push(shells.atom[s]);
                hubbard.push(shells.hubbard[s]);
                atom.len() - 1
            });
        }
        let shell_of = crate::model::dftb::ground::orbital_shells(&ground.layout, shells);
        Sites {
            of_orbital: shell_of.iter().map(|&s| site_of_shell[s]).collect(),
            atom,
            hubbard,
        }
    }

    pub fn len(&self) -> usize {
        self.atom.len()
    }

    pub fn is_empty(&self) -> bool {
        self.atom.is_empty()
    }

    /// γ between the sites, eV.
    pub fn gamma(&self, cluster: &Cluster) -> Array2<f64> {
        let p: Vec<[f64; 3]> = cluster
            .positions()
            .iter()
            .map(|x| x.map(|v| v / BOHR_ANGSTROM))
            .collect();
        let n = self.len();
        Array2::from_shape_fn((n, n), |(a, b)| {
            let (pa, pb) = (p[self.atom[a]], p[self.atom[b]]);
            let r = ((pa[0] - pb[0]).powi(2) + (pa[1] - pb[1]).powi(2) + (pa[2] - pb[2]).powi(2))
                .sqrt();
            gamma(r, self.hubbard[a], self.hubbard[b]) * HARTREE_EV
        })
    }

    /// The layout whose "atoms" are the sites, for the transition-charge kernel.
    fn layout(&self, ground: &DftbGround) -> OrbitalLayout {
        let mut offsets = vec![usize::MAX; self.len()];
        for (mu, &s) in self.of_orbital.iter().enumerate() {
            offsets[s] = offsets[s].min(mu);
        }
        OrbitalLayout {
            atom_offset: offsets,
            atom_shells: vec![Shells::S; self.len()],
            orbital_atom: self.of_orbital.clone(),
            orbital_kind: ground.layout.orbital_kind.clone(),
        }
    }

    /// Site positions (Å, centred): the potential of a unit field.
    pub fn perturbation(&self, cluster: &Cluster) -> Array2<f64> {
        let c = crate::structure::centred(&cluster.positions());
        Array2::from_shape_fn((self.len(), 3), |(k, x)| c[self.atom[k]][x])
    }
}

/// Mulliken transition charges (sites × pairs) of orbital pairs (i, a):
/// ¼ of the difference of the orthogonal-basis charges of C + SC and C − SC.
pub fn site_charges(
    ground: &DftbGround,
    sites: &Sites,
    pairs: &[(u32, u32)],
    engine: &Engine,
) -> Result<Array2<f64>> {
    let (p, m) = mulliken_pair(ground);
    let layout = sites.layout(ground);
    let qp = engine.transition_charges(&p, &layout, pairs)?;
    let qm = engine.transition_charges(&m, &layout, pairs)?;
    Ok((qp - qm) * 0.25)
}

/// The TD-DFTB spectrum of one cluster.
pub struct TdDftbSpectrum<'a> {
    pub cluster: &'a Cluster,
    pub source: String,
    pub request: &'a DftbRequest,
    pub route: Route,
}

impl TdDftbSpectrum<'_> {
    fn single(&self) -> DftbSpectrum<'_> {
        DftbSpectrum {
            cluster: self.cluster,
            source: self.source.clone(),
            request: self.request,
        }
    }

    /// The spectrum from a solved ground state and its transitions.
    pub fn calculation(
        &self,
        ground: &DftbGround,
        transitions: &[Transition],
        engine: &Engine,
        broadening: &Broadening,
        progress: &dyn Progress,
    ) -> Result<Calculation> {
        let sites = Sites::new(ground);
        let gamma = sites.gamma(self.cluster);
        let occ = &ground.occupations;
        let single = Lines::from_transitions(transitions, occ);
        let (main, details) = match self.route {
            Route::Frequency { bin_width_ev } => {
                let b = broadening;
                let layout = NodeLayout {
                    width: bin_width_ev.unwrap_or(b.fwhm / 8.0),
                    fine_lo: (b.grid.start - FINE_MARGIN_FWHM * b.fwhm).max(0.0),
                    fine_hi: b.grid.end + FINE_MARGIN_FWHM * b.fwhm,
                    growth: BIN_GROWTH,
                };
                let pairs: Vec<(u32, u32)> = transitions.iter().map(|t| (t.from, t.to)).collect();
                let energies: Vec<f64> = transitions.iter().map(|t| t.energy).collect();
                let weights: Vec<f64> = pairs
                    .iter()
                    .map(|&(i, a)| occ[i as usize] - occ[a as usize])
                    .collect();
                let charges = |chunk: &[(u32, u32)]| site_charges(ground, &sites, chunk, engine);
                let w = spectral::build(
                    &pairs,
                    &energies,
                    &weights,
                    sites.len(),
                    &layout,
                    &charges,
                    engine,
                    progress,
                )?;
                let points = solve_points(&b.grid, b.fwhm);
                progress.stage(&format!(
                    "Dyson equation at {} frequencies ({} charge sites, {} nodes)",
                    points.len(),
                    sites.len(),
                    w.nodes.len()
                ));
                let omega: Vec<f64> = points.iter().map(|&k| b.grid.energy(k)).collect();
                let v = sites.perturbation(self.cluster);
                let coupling = Coupling {
                    gamma: Some(gamma),
                    perturbation: v.clone(),
                };
                let (coupled, _, work) =
                    oscillator_density(&w, &coupling, &v, &omega, 0.5 * b.fwhm, None)?;
                let density = Density {
                    grid: b.grid,
                    oscillator_strength_density: interpolate(&points, &coupled, b.grid.points),
                    rotatory_density: None,
                    poles: None,
                };
                let details = json!({
                    "route": "frequency (spectral chi0 + Dyson per frequency)",
                    "nodes": w.nodes.len(),
                    "node_layout": layout,
                    "dyson_frequencies": points.len(),
                    "dyson_work": work,
                    "pairs": pairs.len(),
                });
                (Response::Density(density), details)
            }
            Route::Casida { max_energy_ev } => {
                let kept = crate::rpa::casida::window(transitions, max_energy_ev)?;
                progress.stage(&format!("Casida equation in {} pairs", kept.len()));
                let pairs: Vec<(u32, u32)> = kept.iter().map(|t| (t.from, t.to)).collect();
                let w: Vec<f64> = pairs
                    .iter()
                    .map(|&(i, a)| occ[i as usize] - occ[a as usize])
                    .collect();
                let q = site_charges(ground, &sites, &pairs, engine)?;
                let dipoles: Vec<[f64; 3]> = kept.iter().map(|t| t.dipole).collect();
                let result = casida_lines(&kept, &w, &q, &dipoles, &gamma, 1.0, engine)?;
                let details = json!({
                    "route": "Casida (transition space)",
                    "pairs_in_casida": kept.len(),
                    "max_pair_energy_ev": max_energy_ev,
                    "composition": result.composition,
                });
                (Response::Lines(result.lines), details)
            }
        };
        let tb = self.single();
        let mut report = tb.report(ground, transitions);
        report["response"] = json!({
            "model": "TD-DFTB (singlets): Mulliken transition charges with the overlap, DFTB gamma kernel between charge sites",
            "charge_sites": sites.len(),
            "route": details,
        });
        let label = match self.route {
            Route::Frequency { .. } => "TD-DFTB",
            Route::Casida { .. } => "TD-DFTB (Casida)",
        };
        Ok(Calculation {
            system: tb.system(),
            model: format!("DFTB ({}), {label}", self.request.set.name),
            components: vec![
                Component {
                    label: label.into(),
                    key: "tddftb".into(),
                    role: Role::Main,
                    response: main,
                },
                Component {
                    label: "single particle".into(),
                    key: "single_particle".into(),
                    role: Role::Reference,
                    response: Response::Lines(single),
                },
            ],
            markers: Vec::new(),
            levels: None,
            quantity: Quantity::MolarAbsorptivity,
            report,
            citations: tb.citations(ground),
        })
    }
}

impl Model for TdDftbSpectrum<'_> {
    fn compute(
        &self,
        engine: &Engine,
        broadening: &Broadening,
        progress: &dyn Progress,
    ) -> Result<Calculation> {
        if let Route::Frequency { .. } = self.route {
            crate::rpa::options::check_frequency_route(broadening)?;
        }
        let ground = ground_state(self.cluster, self.request, engine, progress)?;
        progress.stage("transition dipoles (Mulliken, non-orthogonal basis)");
        let transitions = excite(&ground, self.cluster, engine)?;
        self.calculation(&ground, &transitions, engine, broadening, progress)
    }
}

/// What a DFTB run will hold at its peak, estimated before anything is
/// allocated: with n orbitals, T pairs and K charge sites, the dense stages
/// 12 n² doubles (H⁰, S, H, its Cholesky reduction and eigenvectors, SC,
/// the Mulliken pair C ± SC and the eigensolver's workspace), the
/// transitions 2 × 120 T bytes (both halves of the Mulliken dipoles), and
/// for the frequency route one chunk of transition charges, χ⁰'s packed
/// weights on its nodes and the Dyson workspace, as for the tight-binding
/// RPA ([`crate::rpa::memory`]).
pub fn memory_estimate(
    cluster: &Cluster,
    request: &DftbRequest,
    route: Option<Route>,
    broadening: &Broadening,
) -> Result<crate::rpa::memory::MemoryEstimate> {
    let kinds = crate::model::dftb::ground::elements(cluster);
    let mut orbitals = 0u64;
    let mut sites = 0u64;
    let mut valence = 0.0;
    for el in &kinds {
        let loaded = request.set.load(&[*el])?;
        let e = loaded.element(*el);
        let count = cluster.atoms.iter().filter(|a| a.element == *el).count() as u64;
        orbitals += count * e.shells.orbital_count() as u64;
        let distinct_u = {
            let mut u: Vec<f64> = e.hubbard[..e.shell_count()].to_vec();
            u.sort_by(f64::total_cmp);
            u.dedup_by(|a, b| (*a - *b).abs() < SAME_U);
            u.len() as u64
        };
        sites += count * distinct_u;
        valence += count as f64 * e.valence();
    }
    let n = orbitals as f64;
    let occupied = ((valence - request.charge as f64) / 2.0).ceil().max(0.0);
    let pairs = occupied * (n - occupied + 1.0).max(0.0);
    let k = sites as f64;
    let response = match route {
        Some(Route::Frequency { .. }) => {
            let g = broadening.grid;
            let fine = (g.end - g.start + 20.0 * broadening.fwhm) / (broadening.fwhm / 8.0);
            let coarse = (30.0 / (g.end + 10.0 * broadening.fwhm)).max(1.0).ln() / 1.05f64.ln();
            let packed = k * (k + 1.0) / 2.0;
            let charges = (k * pairs).min(crate::rpa::spectral::CHARGE_BUDGET as f64);
            8.0 * (3.0 * charges + (fine + coarse) * packed + 128.0 * packed + 6.0 * k * k)
        }
        _ => 0.0,
    };
    Ok(crate::rpa::memory::MemoryEstimate {
        dense: (96.0 * n * n) as u64,
        transitions: (240.0 * pairs) as u64,
        response: response as u64,
        grid: crate::rpa::memory::grid_bytes(broadening),
    })
}
