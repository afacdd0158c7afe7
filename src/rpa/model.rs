//! Tight-binding collective response as a [`Model`]: the ground state
//! (self-consistent charges when asked), the single-particle pairs, their
//! transition charges, the Coulomb kernel with the d-electron dipoles, and
//! either the frequency route (spectral χ⁰ + Dyson, a density on the grid)
//! or the transition-space route (Casida, discrete lines). The
//! single-particle spectrum of the same pairs comes along as the
//! reference component.

use ndarray::Array2;
use serde_json::json;

use super::casida::casida_lines;
use super::dipoles::{DipoleSystem, dipole_system};
use super::dispersion::Dispersion;
use super::dyson::{Coupling, interpolate, oscillator_density, solve_points};
use super::pairs::{PairSelection, select_pairs};
use super::screening::screening;
use super::spectral::{self, NodeLayout, SpectralWeights};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::model::Model;
use crate::model::tight_binding::coulomb::{hardness, klopman_ohno};
use crate::model::tight_binding::spectrum::Rotatory;
use crate::model::tight_binding::{
    Excited, GroundState, Shells, TbRequest, TightBinding, TightBindingSpectrum,
};
use crate::progress::Progress;
use crate::response::{
    Broadening, Calculation, Component, Density, Lines, Quantity, Response, Role,
};
use crate::structure::{Cluster, centred};

pub use super::options::{DResponse, Route, RpaOptions};

/// Geometric widening of the bins beyond the spectrum (per bin).
pub const BIN_GROWTH: f64 = 0.05;
/// The bins are FWHM/8 wide within this many FWHM of the grid's ends.
pub const FINE_MARGIN_FWHM: f64 = 10.0;

/// Refuses a collective response in a basis beyond one s orbital per atom
/// for `cluster` (all elements of the set when `cluster` is `None`).
///
/// With p and d orbitals on the atoms much of the sp band's dipole strength
/// is intra-atomic (s → p on one atom); transition charges on the atoms
/// cannot carry it, so the Coulomb kernel leaves it uncoupled and the
/// spectrum has no plasmon (Ag147 in the spd model: strongest band
/// 1.96 eV with f = 1.9, against 3.6 eV with f ≈ 60 in the s model). An
/// answer that wrong is refused rather than printed.
pub fn check_basis(model: &TightBinding, cluster: Option<&Cluster>) -> Result<()> {
    let params = &model.params;
    let beyond_s = |el| {
        params
            .element(el)
            .map(|e| e.shells.unwrap_or(params.shells) != Shells::S)
    };
    let offending = match cluster {
        Some(c) => {
            let mut found = None;
            for a in &c.atoms {
                if beyond_s(a.element)? {
                    found = Some(a.element);
                    break;
                }
            }
            found
        }
        None => params
            .elements
            .iter()
            .find(|e| e.shells.unwrap_or(params.shells) != Shells::S)
            .map(|e| e.symbol),
    };
    let carrier = match (offending, cluster) {
        (None, _) => return Ok(()),
        (Some(el), Some(_)) => format!("{el} carries"),
        (Some(_), None) => "the atoms of this set carry".to_string(),
    };
    match offending {
        None => Ok(()),
        Some(_) => Err(Error::Model {
            model: params.name.clone(),
            message: format!(
                "the collective response (RPA) needs one s orbital per atom, and {carrier} \
                 p and d orbitals: their sp band's dipole strength is largely intra-atomic \
                 (s → p on one atom), which transition charges on the atoms cannot carry, so \
                 the Coulomb kernel leaves it uncoupled and the spectrum would have no plasmon \
                 (Ag147 spd: strongest band 1.96 eV with f = 1.9, against 3.6 eV with f ≈ 60 \
                 in the s model). Use the s model for the collective response, or independent \
                 particles (response single) with this one"
            ),
        }),
    }
}

/// The collective response of one cluster in tight binding.
pub struct RpaSpectrum<'a> {
    pub cluster: &'a Cluster,
    pub source: String,
    pub request: &'a TbRequest,
    pub options: RpaOptions,
}

/// The coupled problem: pairs, their scale, kernel and perturbation.
struct Problem {
    pairs: PairSelection,
    coupling: Coupling,
    /// The dipoles for the frequency-dependent d response (the coupling
    /// then holds the bare kernel and the bare perturbation).
    dynamic: Option<DipoleSystem>,
    report: serde_json::Value,
}

impl RpaSpectrum<'_> {
    fn tight_binding(&self) -> TightBindingSpectrum<'_> {
        TightBindingSpectrum {
            cluster: self.cluster,
            source: self.source.clone(),
            request: self.request,
            rotatory: Rotatory::None,
        }
    }

    /// Pairs, kernel (scaled by the coupling strength) and perturbation.
    fn problem(&self, ground: &GroundState, excited: &Excited) -> Result<Problem> {
        let lambda = self.options.coupling;
        let model = &self.request.model;
        let positions = centred(&self.cluster.positions());
        let bare = Array2::from_shape_fn((positions.len(), 3), |(a, x)| positions[a][x]);
        let mut dynamic = None;
        let (gamma, perturbation, screened) = if lambda == 0.0 {
            (None, bare, None)
        } else {
            let u = hardness(model, self.cluster)?;
            let gamma = klopman_ohno(&self.cluster.positions(), &u);
            let any_dipole = self.cluster.atoms.iter().any(|a| {
                model
                    .params
                    .element(a.element)
                    .is_ok_and(|p| p.interband_epsilon.is_some())
            });
            if self.options.d_screening
                && any_dipole
                && self.options.d_response == DResponse::Dynamic
            {
                let system = dipole_system(model, self.cluster, &u)?;
                let report = system.report.clone();
                dynamic = Some(system);
                (Some(gamma), bare, Some(report))
            } else if self.options.d_screening && any_dipole {
                let s = screening(model, self.cluster, &gamma, &u)?;
                (Some(s.gamma * lambda), s.perturbation, Some(s.report))
            } else {
                (Some(gamma * lambda), bare, None)
            }
        };
        let pairs = select_pairs(
            model,
            self.cluster,
            ground,
            excited,
            self.request,
            screened.is_some(),
            self.options.sum_rule_scaling,
        )?;
        let report = json!({
            "d_screening": screened,
            "pairs": pairs.report(),
        });
        Ok(Problem {
            pairs,
            coupling: Coupling {
                gamma,
                perturbation,
            },
            dynamic,
            report,
        })
    }

    /// The spectral weights of χ⁰ for the selected pairs.
    fn spectral_weights(
        &self,
        ground: &GroundState,
        excited: &Excited,
        pairs: &PairSelection,
        layout: &NodeLayout,
        engine: &Engine,
        progress: &dyn Progress,
    ) -> Result<SpectralWeights> {
        let t = &excited.transitions;
        let occ = &ground.occupations;
        let ij: Vec<(u32, u32)> = pairs
            .indices
            .iter()
            .map(|&p| (t[p].from, t[p].to))
            .collect();
        let energies: Vec<f64> = pairs.indices.iter().map(|&p| t[p].energy).collect();
        let weights: Vec<f64> = ij
            .iter()
            .map(|&(i, a)| pairs.scale * (occ[i as usize] - occ[a as usize]))
            .collect();
        let charges = |chunk: &[(u32, u32)]| {
            engine.transition_charges(&ground.orbitals, &ground.layout, chunk)
        };
        spectral::build(
            &ij,
            &energies,
            &weights,
            self.cluster.len(),
            layout,
            &charges,
            engine,
            progress,
        )
    }

    fn frequency_route(
        &self,
        (ground, excited): (&GroundState, &Excited),
        problem: &Problem,
        bin_width_ev: Option<f64>,
        b: &Broadening,
        engine: &Engine,
        progress: &dyn Progress,
    ) -> Result<(Response, Response, serde_json::Value)> {
        let layout = NodeLayout {
            width: bin_width_ev.unwrap_or(b.fwhm / 8.0),
            fine_lo: (b.grid.start - FINE_MARGIN_FWHM * b.fwhm).max(0.0),
            fine_hi: b.grid.end + FINE_MARGIN_FWHM * b.fwhm,
            growth: BIN_GROWTH,
        };
        let weights =
            self.spectral_weights(ground, excited, &problem.pairs, &layout, engine, progress)?;
        let points = solve_points(&b.grid, b.fwhm);
        progress.stage(&format!(
            "Dyson equation at {} frequencies ({} atoms, {} nodes)",
            points.len(),
            weights.atoms,
            weights.nodes.len()
        ));
        let omega: Vec<f64> = points.iter().map(|&k| b.grid.energy(k)).collect();
        let positions = centred(&self.cluster.positions());
        let bare = Array2::from_shape_fn((positions.len(), 3), |(a, x)| positions[a][x]);
        let dispersion = match (&problem.dynamic, &problem.coupling.gamma) {
            (Some(system), Some(gamma)) => {
                progress.stage(&format!(
                    "d dipoles: {} modes of {} sites with ε_ib(ω)",
                    system.k_matrix.nrows(),
                    system.sites.len()
                ));
                let model = &self.request.model;
                let static_eps = |el| model.params.element(el).ok()?.interband_epsilon;
                Some(Dispersion::new(
                    system,
                    self.cluster,
                    gamma,
                    &static_eps,
                    &omega,
                )?)
            }
            _ => None,
        };
        let (coupled, single, work) = oscillator_density(
            &weights,
            &problem.coupling,
            &bare,
            &omega,
            0.5 * b.fwhm,
            dispersion.as_ref(),
        )?;
        let density = |v: &[f64], poles: Option<Lines>| Density {
            grid: b.grid,
            oscillator_strength_density: interpolate(&points, v, b.grid.points),
            rotatory_density: None,
            poles,
        };
        let details = json!({
            "nodes": weights.nodes.len(),
            "node_layout": layout,
            "dyson_frequencies": points.len(),
            "dyson_work": work,
            "d_dipoles_dynamic": dispersion.as_ref().map(|d| &d.report),

            "line_shape": "Lorentzian of the given FWHM from the damping eta = FWHM/2 of the response (resonant and anti-resonant terms)",
        });
        Ok((
            Response::Density(density(&coupled, None)),
            Response::Density(density(&single, Some(problem.pairs.lines(excited)))),
            details,
        ))
    }

    fn casida_route(
        &self,
        ground: &GroundState,
        excited: &Excited,
        problem: &Problem,
        max_energy_ev: f64,
        engine: &Engine,
        progress: &dyn Progress,
    ) -> Result<(Response, Response, serde_json::Value)> {
        let t = &excited.transitions;
        let candidates: Vec<_> = problem.pairs.indices.iter().map(|&p| t[p]).collect();
        let pairs = super::casida::window(&candidates, max_energy_ev)?;
        let occ = &ground.occupations;
        let w: Vec<f64> = pairs
            .iter()
            .map(|t| occ[t.from as usize] - occ[t.to as usize])
            .collect();
        progress.stage(&format!("Casida equation in {} pairs", pairs.len()));
        let ij: Vec<(u32, u32)> = pairs.iter().map(|t| (t.from, t.to)).collect();
        let scale = problem.pairs.scale.sqrt();
        let q = engine.transition_charges(&ground.orbitals, &ground.layout, &ij)? * scale;
        let v = &problem.coupling.perturbation;
        let dipoles: Vec<[f64; 3]> = (0..pairs.len())
            .map(|p| std::array::from_fn(|x| (0..q.nrows()).map(|a| q[[a, p]] * v[[a, x]]).sum()))
            .collect();
        let n = self.cluster.len();
        let zero = Array2::zeros((n, n));
        let (g, lambda) = match &problem.coupling.gamma {
            Some(g) => (g, 1.0),
            None => (&zero, 0.0),
        };
        let result = casida_lines(&pairs, &w, &q, &dipoles, g, lambda, engine)?;
        let single = problem.pairs.lines(excited);
        let details = json!({
            "pairs_in_casida": pairs.len(),
            "max_pair_energy_ev": max_energy_ev,
            "composition": result.composition,
        });
        Ok((
            Response::Lines(result.lines),
            Response::Lines(single),
            details,
        ))
    }
}

impl RpaSpectrum<'_> {
    /// The calculation for a ground state and its single-particle
    /// excitations computed elsewhere (one by one, or in a batch).
    pub fn calculation(
        &self,
        ground: &GroundState,
        excited: &Excited,
        engine: &Engine,
        broadening: &Broadening,
        progress: &dyn Progress,
    ) -> Result<Calculation> {
        self.options.check(broadening)?;
        check_basis(&self.request.model, Some(self.cluster))?;
        let tb = self.tight_binding();
        let problem = self.problem(ground, excited)?;
        let (main, reference, details) = match self.options.route {
            Route::Frequency { bin_width_ev } => self.frequency_route(
                (ground, excited),
                &problem,
                bin_width_ev,
                broadening,
                engine,
                progress,
            )?,
            Route::Casida { max_energy_ev } => {
                self.casida_route(ground, excited, &problem, max_energy_ev, engine, progress)?
            }
        };
        let mut report = tb.report(ground, excited);
        report["response"] = json!({
            "model": "RPA in the monopole (transition-charge) approximation",
            "options": self.options,
            "kernel": "Klopman-Ohno: gamma_AB = e^2 / sqrt(R_AB^2 + (e^2 (1/U_A + 1/U_B)/2)^2), gamma_AA = U_A",
            "hardness_ev": hardness(&self.request.model, self.cluster).ok(),
            "problem": problem.report,
            "route": details,
        });
        report["atomic_charges"] = json!(ground.charges);
        report["self_consistent_charges"] = json!(ground.scc);
        let route = match self.options.route {
            Route::Frequency { .. } => "RPA",
            Route::Casida { .. } => "RPA (Casida)",
        };
        let screening = if problem.coupling.gamma.is_some() && self.options.d_screening {
            " with d dipoles"
        } else {
            ""
        };
        Ok(Calculation {
            system: tb.system(),
            model: format!(
                "{} tight binding, {route}{screening}{}",
                self.request.model.params.name,
                if self.request.scc.is_some() {
                    ", SCC"
                } else {
                    ""
                }
            ),
            components: vec![
                Component {
                    label: format!("{route}{screening}"),
                    key: "rpa".into(),
                    role: Role::Main,
                    response: main,
                },
                Component {
                    label: "single particle".into(),
                    key: "single_particle".into(),
                    role: Role::Reference,
                    response: reference,
                },
            ],
            markers: Vec::new(),
            levels: None,
            quantity: Quantity::MolarAbsorptivity,
            report,
            citations: Vec::new(),
        })
    }
}

impl Model for RpaSpectrum<'_> {
    fn compute(
        &self,
        engine: &Engine,
        broadening: &Broadening,
        progress: &dyn Progress,
    ) -> Result<Calculation> {
        self.options.check(broadening)?;
        check_basis(&self.request.model, Some(self.cluster))?;
        let (ground, excited) = self.tight_binding().solve(engine, progress)?;
        self.calculation(&ground, &excited, engine, broadening, progress)
    }
}
