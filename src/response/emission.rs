//! Photoluminescence under Kasha's rule (docs/physics.md): the lowest excited
//! states, Boltzmann-populated among themselves at temperature T, emit with
//! a Stokes shift 2λ (λ: reorganisation energy), either through a Poisson
//! vibronic progression (Huang–Rhys S, mode ħω) or as one Gaussian of
//! variance 2λk_BT; intensities carry the E³ factor. Radiative rates
//! A = 0.667025 ν̃² f n² (ν̃ of the vertical emission, E − 2λ) give the
//! lifetime τ = 1/Σ wₙAₙ.

use serde::Serialize;

use super::Lines;
use crate::error::{Error, Result};
use crate::spectrum::grid::EnergyGrid;
use crate::spectrum::lineshape::{LineShape, gaussian};
use crate::units::{
    CM1_PER_EV, DIPOLE_STRENGTH_PER_ANGSTROM2, EINSTEIN_A_PER_WAVENUMBER2, KB_EV_PER_K,
};

/// States farther than this many k_BT above the lowest (weight < 2e-9) are
/// left out of the Boltzmann sum.
pub const BOLTZMANN_CUTOFF_KT: f64 = 20.0;

/// Parameters of the emission model.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct EmissionModel {
    /// Reorganisation energy λ, eV (Stokes shift 2λ).
    pub reorganisation: f64,
    /// Vibronic progression: Huang–Rhys factor S and mode energy ħω (eV).
    pub vibronic: Option<(f64, f64)>,
    /// Temperature of the emitting population (and of the Gaussian width), K.
    pub temperature: f64,
    /// Refractive index of the medium.
    pub refractive_index: f64,
    /// Line shape and FWHM (eV) of each vibronic line; the floor of the
    /// single-Gaussian width.
    pub line_shape: LineShape,
    pub fwhm: f64,
}

impl EmissionModel {
    /// Checks every parameter.
    pub fn validate(&self) -> Result<()> {
        let bad = |name: &'static str, v: f64, need: &str| Err(Error::setting(name, v, need));
        if !(self.reorganisation.is_finite() && self.reorganisation >= 0.0) {
            return bad("reorganisation", self.reorganisation, "must be ≥ 0 eV");
        }
        if !(self.temperature.is_finite() && self.temperature >= 0.0) {
            return bad("emission_temperature", self.temperature, "must be ≥ 0 K");
        }
        if !(self.refractive_index.is_finite() && self.refractive_index >= 1.0) {
            return bad("refractive_index", self.refractive_index, "must be ≥ 1");
        }
        if let Some((s, w)) = self.vibronic {
            if !(0.0..=50.0).contains(&s) {
                return bad("huang_rhys", s, "must lie in 0..50");
            }
            if !(w.is_finite() && w > 0.0) {
                return bad("mode", w, "must be a positive energy in eV");
            }
        }
        Ok(())
    }
}

/// One emitting state.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct EmittingState {
    /// Index into the lines.
    pub line: usize,
    /// Vertical absorption energy Eₙ, eV.
    pub energy: f64,
    /// Vertical emission energy Eₙ − 2λ, eV.
    pub emission_energy: f64,
    pub oscillator_strength: f64,
    /// Boltzmann population (Σ = 1).
    pub population: f64,
    /// Radiative rate Aₙ, s⁻¹.
    pub radiative_rate: f64,
}

/// The emission of a cluster.
#[derive(Clone, Debug, Serialize)]
pub struct Emission {
    pub model: EmissionModel,
    pub states: Vec<EmittingState>,
    /// Σ wₙAₙ, s⁻¹.
    pub radiative_rate: f64,
    /// 1/Σ wₙAₙ, s (infinite for dark states).
    pub radiative_lifetime: f64,
    /// Normalised intensity (max 1) per unit energy on the grid.
    pub intensity: Vec<f64>,
    /// Energy of the intensity maximum, eV.
    pub peak_energy: Option<f64>,
    /// Population-weighted vertical energy of the emitting states, eV.
    pub mean_absorption_energy: f64,
    /// CPL dissymmetry g_lum = 4 Σ wR / Σ wD of the emitting states, when
    /// rotatory strengths are given.
    pub g_lum: Option<f64>,
}

/// Emission of the lowest excited states among `lines` (sorted by
/// energy); their rotatory strengths, when given for every emitting state,
/// give g_lum.
pub fn emission(lines: &Lines, grid: &EnergyGrid, model: EmissionModel) -> Result<Emission> {
    model.validate()?;
    let lowest = *lines.energy.first().ok_or_else(|| {
        Error::invalid("no excitations: nothing can emit (is every orbital full or empty?)")
    })?;
    let kt = KB_EV_PER_K * model.temperature;
    let window = if kt > 0.0 {
        BOLTZMANN_CUTOFF_KT * kt
    } else {
        1e-6
    };
    let set: Vec<usize> = (0..lines.len())
        .take_while(|&n| lines.energy[n] - lowest <= window)
        .collect();
    let boltzmann: Vec<f64> = set
        .iter()
        .map(|&n| {
            if kt > 0.0 {
                (-(lines.energy[n] - lowest) / kt).exp()
            } else {
                1.0
            }
        })
        .collect();
    let z: f64 = boltzmann.iter().sum();
    let n2 = model.refractive_index * model.refractive_index;
    let shift = 2.0 * model.reorganisation;
    let states: Vec<EmittingState> = set
        .iter()
        .zip(&boltzmann)
        .map(|(&n, &b)| {
            let (energy, f) = (lines.energy[n], lines.oscillator_strength[n]);
            let e_em = (energy - shift).max(0.0);
            let nu = e_em * CM1_PER_EV;
            EmittingState {
                line: n,
                energy,
                emission_energy: e_em,
                oscillator_strength: f,
                population: b / z,
                radiative_rate: EINSTEIN_A_PER_WAVENUMBER2 * nu * nu * f * n2,
            }
        })
        .collect();
    let rate: f64 = states.iter().map(|s| s.population * s.radiative_rate).sum();
    let intensity = normalised(&profile(&states, grid, &model));
    let peak_energy = intensity
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .filter(|(_, v)| **v > 0.0)
        .map(|(k, _)| grid.energy(k));
    let known = lines.rotatory_strength.len() >= set.len() && lines.dipole.len() == lines.len();
    let g_lum = known.then(|| {
        let (mut num, mut den) = (0.0, 0.0);
        for s in &states {
            let mu = lines.dipole[s.line];
            num += s.population * lines.rotatory_strength[s.line];
            den += s.population
                * DIPOLE_STRENGTH_PER_ANGSTROM2
                * (mu[0] * mu[0] + mu[1] * mu[1] + mu[2] * mu[2]);
        }
        if den > 0.0 { 4.0 * num / den } else { 0.0 }
    });
    Ok(Emission {
        model,
        mean_absorption_energy: states.iter().map(|s| s.population * s.energy).sum(),
        states,
        radiative_rate: rate,
        radiative_lifetime: if rate > 0.0 {
            1.0 / rate
        } else {
            f64::INFINITY
        },
        intensity,
        peak_energy,
        g_lum,
    })
}

/// I(E) ∝ E³ Σₙ wₙ fₙ Σ_v e^{−S} S^v/v! g(E − (Eₙ − λ) + vħω), or with no
/// mode a Gaussian of variance 2λk_BT (plus the line width) at Eₙ − 2λ.
fn profile(states: &[EmittingState], grid: &EnergyGrid, model: &EmissionModel) -> Vec<f64> {
    let mut out = vec![0.0; grid.points];
    let kt = KB_EV_PER_K * model.temperature;
    for s in states {
        let weight = s.population * s.oscillator_strength;
        if weight == 0.0 {
            continue;
        }
        match model.vibronic {
            Some((hr, mode)) => {
                let e00 = s.energy - model.reorganisation;
                let mut p = (-hr).exp();
                let v_max = (hr + 10.0 * hr.sqrt() + 10.0).ceil() as usize;
                for v in 0..=v_max {
                    if v > 0 {
                        p *= hr / v as f64;
                    }
                    let centre = e00 - v as f64 * mode;
                    for (k, slot) in out.iter_mut().enumerate() {
                        *slot += weight
                            * p
                            * model.line_shape.value(grid.energy(k) - centre, model.fwhm);
                    }
                }
            }
            None => {
                let sigma2 = 2.0 * model.reorganisation * kt + (model.fwhm / 2.354_820_045).powi(2);
                let fwhm = 2.354_820_045 * sigma2.sqrt();
                for (k, slot) in out.iter_mut().enumerate() {
                    *slot += weight * gaussian(grid.energy(k) - s.emission_energy, fwhm);
                }
            }
        }
    }
    for (k, slot) in out.iter_mut().enumerate() {
        *slot *= grid.energy(k).powi(3);
    }
    out
}

/// `x` scaled to a maximum of 1 (unchanged when all zero).
pub fn normalised(x: &[f64]) -> Vec<f64> {
    let max = x.iter().copied().fold(0.0, f64::max);
    if max > 0.0 {
        x.iter().map(|v| v / max).collect()
    } else {
        x.to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(list: &[(f64, f64)]) -> Lines {
        Lines::new(
            list.iter().map(|l| l.0).collect(),
            list.iter().map(|l| l.1).collect(),
        )
    }

    fn model(vibronic: Option<(f64, f64)>) -> EmissionModel {
        EmissionModel {
            reorganisation: 0.1,
            vibronic,
            temperature: 300.0,
            refractive_index: 1.0,
            line_shape: LineShape::Gaussian,
            fwhm: 0.05,
        }
    }

    #[test]
    fn stokes_shift_is_twice_the_reorganisation_energy() {
        let t = lines(&[(2.0, 0.5)]);
        let grid = EnergyGrid::new(1.0, 3.0, 2001).unwrap();
        let e = emission(&t, &grid, model(None)).unwrap();
        // The E³ factor moves the maximum of a Gaussian of variance σ² at
        // E₀ = 2λ below 2.0 eV up by 3σ²/E₀.
        let sigma2 = 2.0 * 0.1 * KB_EV_PER_K * 300.0 + (0.05f64 / 2.354_820_045).powi(2);
        let expected = 1.8 + 3.0 * sigma2 / 1.8;
        let peak = e.peak_energy.unwrap();
        assert!((peak - expected).abs() < 1.5e-3, "{peak} vs {expected}");
    }

    #[test]
    fn rate_and_lifetime_follow_the_einstein_coefficient() {
        let t = lines(&[(2.0, 0.5)]);
        let grid = EnergyGrid::new(1.0, 3.0, 101).unwrap();
        let mut m = model(Some((1.0, 0.1)));
        m.refractive_index = 1.5;
        let e = emission(&t, &grid, m).unwrap();
        let nu = 1.8 * CM1_PER_EV;
        let a = 0.667025 * nu * nu * 0.5 * 2.25;
        assert!((e.radiative_rate - a).abs() < 1e-9 * a);
        assert!((e.radiative_lifetime * a - 1.0).abs() < 1e-12);
    }

    #[test]
    fn boltzmann_populations_favour_the_lowest_state() {
        let t = lines(&[(2.0, 0.0), (2.05, 0.2), (3.0, 1.0)]);
        let grid = EnergyGrid::new(1.0, 3.0, 101).unwrap();
        let e = emission(&t, &grid, model(None)).unwrap();
        assert_eq!(e.states.len(), 2, "3 eV is beyond 20 kT");
        let ratio = e.states[1].population / e.states[0].population;
        assert!((ratio - (-0.05 / (KB_EV_PER_K * 300.0)).exp()).abs() < 1e-12);
    }
}
