//! Density-functional tight binding (DFTB2 with shell-resolved
//! self-consistent charges) from Slater–Koster parameter files: the
//! ligand-protected clusters chemists make (Au25(SR)18⁻ and its kin), with
//! every atom of the ligands in the Hamiltonian. This module gives the
//! ground state and the single-particle spectrum; the linear response
//! (TD-DFTB) is in `tddftb`.
//!
//! Transition charges and dipoles are Mulliken's: for orbitals i, a,
//! q_l^{ia} = ½ Σ_{μ∈l} (c_μi (Sc_a)_μ + c_μa (Sc_i)_μ) on every shell l,
//! and d_ia = Σ_l q_l^{ia} R_l (R_l the position of the shell's atom).
//! With CᵀSC = 1 the charges of i ≠ a sum to zero, so the dipoles do not
//! depend on the origin.

pub mod gamma;
pub mod ground;
pub mod set;
pub mod skf;

use ndarray::Array2;
use serde_json::json;

pub use ground::{DftbGround, DftbRequest, DftbScc, ground_state};
pub use set::DftbSet;

use crate::engine::Engine;
use crate::error::Result;
use crate::model::Model;
use crate::progress::Progress;
use crate::response::{
    Broadening, Calculation, Component, Lines, Quantity, Response, Role, System,
};
use crate::solve::eigen::Orbitals;
use crate::solve::layout::OrbitalLayout;
use crate::solve::transitions::{Transition, oscillator_strength};
use crate::structure::Cluster;

/// The orbitals P = C + SC and M = C − SC, whose "orthogonal" transition
/// charges and dipoles give the Mulliken ones: ¼(x_P − x_M).
pub fn mulliken_pair(ground: &DftbGround) -> (Orbitals, Orbitals) {
    let c = &ground.orbitals.coefficients;
    let sc = ground.overlap.dot(c);
    let with = |sign: f64| Orbitals {
        energies: ground.orbitals.energies.clone(),
        coefficients: c + &(&sc * sign),
    };
    (with(1.0), with(-1.0))
}

/// A layout whose "atoms" are the shells: the groups transition charges
/// are summed over.
pub fn shell_layout(ground: &DftbGround) -> OrbitalLayout {
    let shell_of = ground::orbital_shells(&ground.layout, &ground.shells);
    let shells = ground.shells.len();
    let mut offsets = vec![usize::MAX; shells];
    for (mu, &s) in shell_of.iter().enumerate() {
        offsets[s] = offsets[s].min(mu);
    }
    OrbitalLayout {
        atom_offset: offsets,
        atom_shells: vec![crate::solve::layout::Shells::S; shells],
        orbital_atom: shell_of,
        orbital_kind: ground.layout.orbital_kind.clone(),
    }
}

/// Position (Å) of every shell (its atom's).
pub fn shell_positions(ground: &DftbGround, cluster: &Cluster) -> Vec<[f64; 3]> {
    let centred = crate::structure::centred(&cluster.positions());
    ground.shells.atom.iter().map(|&a| centred[a]).collect()
}

/// Shell transition charges (shells × pairs) of orbital pairs (i, a).
pub fn transition_charges(
    ground: &DftbGround,
    pairs: &[(u32, u32)],
    engine: &Engine,
) -> Result<Array2<f64>> {
    let (p, m) = mulliken_pair(ground);
    let layout = shell_layout(ground);
    let qp = engine.transition_charges(&p, &layout, pairs)?;
    let qm = engine.transition_charges(&m, &layout, pairs)?;
    Ok((qp - qm) * 0.25)
}

/// The single-particle transitions of a DFTB ground state with Mulliken
/// transition dipoles, sorted by energy.
pub fn excite(ground: &DftbGround, cluster: &Cluster, engine: &Engine) -> Result<Vec<Transition>> {
    let (p, m) = mulliken_pair(ground);
    let positions = ground.layout.orbital_positions(cluster);
    let occ = &ground.occupations[..];
    let lists =
        engine.transitions_batch(&[(&p, occ, &positions[..]), (&m, occ, &positions[..])])?;
    let [tp, tm]: [Vec<Transition>; 2] = lists.try_into().expect("two lists");
    Ok(tp
        .iter()
        .zip(&tm)
        .map(|(a, b)| {
            debug_assert_eq!((a.from, a.to), (b.from, b.to));
            let dipole: [f64; 3] = std::array::from_fn(|x| 0.25 * (a.dipole[x] - b.dipole[x]));
            let dn = occ[a.from as usize] - occ[a.to as usize];
            Transition {
                dipole,
                oscillator_strength: oscillator_strength(a.energy, dipole, dn),
                ..*a
            }
        })
        .collect())
}

/// The single-particle spectrum of one cluster in DFTB.
pub struct DftbSpectrum<'a> {
    pub cluster: &'a Cluster,
    /// Where the structure came from, for the report.
    pub source: String,
    pub request: &'a DftbRequest,
}

impl DftbSpectrum<'_> {
    /// The system for titles and reports.
    pub fn system(&self) -> System {
        System {
            name: self.cluster.formula(),
            source: self.source.clone(),
            atoms: self.cluster.len(),
            charge: self.request.charge,
            ligands: 0,
        }
    }

    /// The references to cite.
    pub fn citations(&self, ground: &DftbGround) -> Vec<String> {
        vec![self.request.set.citation(&ground.elements)]
    }

    /// The model's report: input, parameter set, shells, electrons, SCC,
    /// charges, orbitals.
    pub fn report(&self, ground: &DftbGround, transitions: &[Transition]) -> serde_json::Value {
        let set = &self.request.set;
        let f_sum: f64 = transitions.iter().map(|t| t.oscillator_strength).sum();
        json!({
            "input": {
                "source": self.source,
                "formula": self.cluster.formula(),
                "atoms": self.cluster.len(),
                "comment": self.cluster.comment,
            },
            "parameter_set": {
                "name": set.name,
                "source": set.source,
                "files": ground.loaded.files,
                "citation": set.citation(&ground.elements),
                "elements": ground.loaded.elements.iter().map(|e| json!({
                    "element": e.element.symbol(),
                    "shells": ground::shell_names(e.shells),
                    "onsite_hartree_s_p_d": e.onsite,
                    "hubbard_u_hartree_s_p_d": e.hubbard,
                    "occupation_s_p_d": e.occupation,
                })).collect::<Vec<_>>(),
            },
            "electrons": {
                "charge": self.request.charge,
                "electrons": ground.electrons,
            },
            "orbitals": ground.layout.len(),
            "shells": ground.shells.len(),
            "filling": format!("{:?}", self.request.filling),
            "self_consistent_charges": {
                "settings": self.request.scc,
                "report": ground.scc,
            },
            "atomic_charges": ground.atom_charges(self.cluster.len()),
            "shell_charges": ground.shell_charges,
            "homo_lumo_gap_ev": ground.gap(),
            "orbital_energies_ev": ground.orbitals.energies,
            "occupations": ground.occupations,
            "oscillator_strength_sum": {
                "value": f_sum,
                "electrons": ground.electrons,
                "note": "Mulliken transition dipoles in a minimal basis: the Thomas-Reiche-Kuhn sum (the electron count) holds only in a complete basis and is not expected here",
            },
        })
    }
}

impl Model for DftbSpectrum<'_> {
    fn compute(
        &self,
        engine: &Engine,
        _broadening: &Broadening,
        progress: &dyn Progress,
    ) -> Result<Calculation> {
        let ground = ground_state(self.cluster, self.request, engine, progress)?;
        progress.stage("transition dipoles (Mulliken, non-orthogonal basis)");
        let transitions = excite(&ground, self.cluster, engine)?;
        let report = self.report(&ground, &transitions);
        let lines = Lines::from_transitions(&transitions, &ground.occupations);
        Ok(Calculation {
            system: self.system(),
            model: format!("DFTB ({}), single particle", self.request.set.name),
            components: vec![Component {
                label: "single particle".into(),
                key: "single_particle".into(),
                role: Role::Main,
                response: Response::Lines(lines),
            }],
            markers: Vec::new(),
            levels: None,
            quantity: Quantity::MolarAbsorptivity,
            report,
            citations: self.citations(&ground),
        })
    }
}
