//! The figure of one calculation: its spectra (main solid, references
//! dashed) with sticks per degenerate set, and a CD panel with rotatory
//! strength sticks when the main spectrum has Δε. On the energy axis the
//! curves are ε (or σ) per unit energy; on the wavelength axis the left
//! axis is the oscillator-strength density per nm, df/dλ = S(E)·E/λ (the
//! Jacobian |dE/dλ| = E/λ), so that its area is still f.

use crate::plot::{Curve, Marker, SpectrumPlot, Sticks};
use crate::response::groups::{DEGENERACY_TOLERANCE_EV, degenerate_sets};
use crate::response::{Calculation, Lines, Quantity, Role, Spectrum};
use crate::units::ev_to_nm;

/// At most this many sticks are drawn (the strongest).
pub const MAX_STICKS: usize = 4000;

/// A CD spectrum with |Δε| below this fraction of the largest ε at every
/// energy is rounding noise (an achiral structure gives ΣR = 0 per
/// degenerate set only to ~10⁻¹⁶ relative); the figure draws it as zero
/// and says so instead of magnifying the noise.
pub const CD_NOISE_FRACTION: f64 = 1e-10;

/// True when `delta_epsilon` is rounding noise next to `epsilon` (see
/// [`CD_NOISE_FRACTION`]).
pub fn cd_is_noise(delta_epsilon: &[f64], epsilon: &[f64]) -> bool {
    let peak = epsilon.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let cd = delta_epsilon.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    cd <= CD_NOISE_FRACTION * peak
}

/// Sticks worth drawing, one per degenerate set (height Σf, or ΣR with
/// `rotatory`): |value| ≥ 10⁻³ of the largest set in `range` (eV), at
/// most [`MAX_STICKS`] of them. Returns (energies eV, heights).
pub fn visible_sticks(lines: &Lines, range: (f64, f64), rotatory: bool) -> (Vec<f64>, Vec<f64>) {
    let inside: Vec<(f64, f64)> = degenerate_sets(lines, DEGENERACY_TOLERANCE_EV)
        .iter()
        .filter(|s| s.energy >= range.0 && s.energy <= range.1)
        .filter_map(|s| {
            let v = if rotatory {
                s.rotatory_strength?
            } else {
                s.oscillator_strength
            };
            Some((s.energy, v))
        })
        .collect();
    let top = inside.iter().map(|l| l.1.abs()).fold(0.0, f64::max);
    let mut strong: Vec<(f64, f64)> = inside
        .into_iter()
        .filter(|l| top > 0.0 && l.1.abs() >= 1e-3 * top)
        .collect();
    strong.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    strong.truncate(MAX_STICKS);
    strong.into_iter().unzip()
}

/// "Au55 (charge -1, 18 ligands) — s tight binding, RPA, Lorentzian FWHM 0.10 eV".
pub fn title(calc: &Calculation, spectrum: &Spectrum) -> String {
    let b = &spectrum.broadening;
    format!(
        "{} — {}, {} FWHM {:.2} eV",
        calc.system.title(),
        calc.model,
        b.shape.name(),
        b.fwhm
    )
}

/// A density per eV at photon energies `energy_ev` as a density per nm
/// at the same points: df/dλ = S(E)·|dE/dλ| = S(E)·E/λ.
pub fn per_nm(density_per_ev: &[f64], energy_ev: &[f64]) -> Vec<f64> {
    density_per_ev
        .iter()
        .zip(energy_ev)
        .map(|(d, e)| d * e / ev_to_nm(*e))
        .collect()
}

/// Points (x values, y values) of a curve or a set of sticks.
pub type Points = (Vec<f64>, Vec<f64>);

/// Everything the figure draws, on the chosen axis: x values (eV or nm)
/// and y values per component, sticks and the CD curve.
pub struct FigureData {
    pub wavelength_axis: bool,
    /// (x, y) of each component's curve.
    pub curves: Vec<Points>,
    /// Oscillator-strength sticks (x, f).
    pub sticks: Points,
    /// The CD curve (x, Δε) and its rotatory-strength sticks (x, R).
    pub cd: Option<(Points, Points)>,
    /// The CD is rounding noise ([`cd_is_noise`]): drawn as zero, no sticks.
    pub cd_is_noise: bool,
    /// Markers (x, label).
    pub markers: Vec<(f64, String)>,
}

/// The data of the figure of `calc` with its `spectra`.
pub fn figure_data(calc: &Calculation, spectra: &[Spectrum], wavelength_axis: bool) -> FigureData {
    let main = &spectra[0];
    let grid = main.broadening.grid;
    let x_of = |e: f64| if wavelength_axis { ev_to_nm(e) } else { e };
    let xs = |s: &Spectrum| s.energy_ev.iter().map(|&e| x_of(e)).collect::<Vec<f64>>();
    let curves = spectra
        .iter()
        .map(|s| {
            let y = if wavelength_axis {
                per_nm(&s.density_per_ev, &s.energy_ev)
            } else {
                match calc.quantity {
                    Quantity::MolarAbsorptivity => s.epsilon.clone(),
                    Quantity::CrossSection => s.cross_section.clone(),
                }
            };
            (xs(s), y)
        })
        .collect();
    let range = (grid.start, grid.end);
    let on_axis = |(e, v): (Vec<f64>, Vec<f64>)| (e.into_iter().map(x_of).collect(), v);
    let lines = calc.lines();
    let sticks = on_axis(
        lines
            .map(|l| visible_sticks(l, range, false))
            .unwrap_or_default(),
    );
    let cd_noise = main
        .delta_epsilon
        .as_ref()
        .is_some_and(|de| cd_is_noise(de, &main.epsilon));
    let cd = main.delta_epsilon.as_ref().map(|de| {
        if cd_noise {
            return ((xs(main), vec![0.0; de.len()]), Points::default());
        }
        let r = lines
            .map(|l| visible_sticks(l, range, true))
            .unwrap_or_default();
        ((xs(main), de.clone()), on_axis(r))
    });
    FigureData {
        wavelength_axis,
        curves,
        sticks,
        cd,
        cd_is_noise: cd_noise,
        markers: calc
            .markers
            .iter()
            .map(|m| (x_of(m.energy_ev), m.label.clone()))
            .collect(),
    }
}

/// The plots of a calculation (see the module's description).
pub fn calculation_plots<'a>(
    calc: &'a Calculation,
    spectra: &'a [Spectrum],
    data: &'a FigureData,
) -> Vec<SpectrumPlot<'a>> {
    let grid = spectra[0].broadening.grid;
    let wavelength = data.wavelength_axis;
    let x_range = if wavelength {
        (ev_to_nm(grid.end), ev_to_nm(grid.start))
    } else {
        (grid.start, grid.end)
    };
    let (quantity, unit, note) = match (wavelength, calc.quantity) {
        (true, _) => (
            "df/dλ",
            "nm⁻¹",
            "oscillator strength per nm (Jacobian |dE/dλ| = E/λ applied); grey sticks: f (right axis)",
        ),
        (false, Quantity::MolarAbsorptivity) => (
            "ε",
            "M⁻¹ cm⁻¹",
            "ε per unit energy; grey sticks: oscillator strength f of each degenerate set (right axis)",
        ),
        (false, Quantity::CrossSection) => (
            "σ",
            "Å²",
            "σ per unit energy; grey sticks: oscillator strength f of each degenerate set (right axis)",
        ),
    };
    let curves = calc
        .components
        .iter()
        .zip(&data.curves)
        .map(|(c, (x, y))| Curve {
            label: c.label.clone(),
            energy: x,
            values: y,
            spread: None,
            dashed: c.role == Role::Reference,
            colour: None,
        })
        .collect();
    let mut plots = vec![SpectrumPlot {
        title: title(calc, &spectra[0]),
        y_quantity: quantity.into(),
        y_unit: unit.into(),
        x_range,
        curves,
        sticks: (!data.sticks.0.is_empty()).then_some(Sticks {
            energy: &data.sticks.0,
            strength: &data.sticks.1,
            label: "oscillator strength f".into(),
            unit: String::new(),
        }),
        note: note.into(),
        markers: data
            .markers
            .iter()
            .map(|(x, label)| Marker {
                energy: *x,
                label: label.clone(),
            })
            .collect(),
        wavelength_axis: wavelength,
    }];
    if let Some(((x, de), r)) = &data.cd {
        plots.push(SpectrumPlot {
            title: "circular dichroism".into(),
            y_quantity: "Δε".into(),
            y_unit: "M⁻¹ cm⁻¹".into(),
            x_range,
            curves: vec![Curve {
                label: String::new(),
                energy: x,
                values: de,
                spread: None,
                dashed: false,
                colour: None,
            }],
            sticks: (!r.0.is_empty()).then_some(Sticks {
                energy: &r.0,
                strength: &r.1,
                label: "rotatory strength R".into(),
                unit: "10⁻⁴⁰ esu² cm²".into(),
            }),
            note: if data.cd_is_noise {
                "no optical activity: |Δε| < 10⁻¹⁰ of the largest ε at every energy (an achiral structure; rounding noise not drawn)".into()
            } else {
                "Δε from velocity-gauge rotatory strengths; grey sticks: R of each degenerate set (right axis)".into()
            },
            wavelength_axis: wavelength,
            ..Default::default()
        });
    }
    plots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spectrum::lineshape::gaussian;

    fn trapezoid(x: &[f64], y: &[f64]) -> f64 {
        (1..x.len())
            .map(|k| 0.5 * (y[k] + y[k - 1]) * (x[k] - x[k - 1]).abs())
            .sum()
    }

    #[test]
    fn cd_noise_is_judged_against_the_absorption() {
        let epsilon = [0.0, 5.0e4, 2.0e4];
        assert!(cd_is_noise(&[1e-12, -3e-12, 0.0], &epsilon));
        assert!(!cd_is_noise(&[0.0, 0.5, -0.2], &epsilon));
        // g = 10⁻⁸ is tiny but real.
        assert!(!cd_is_noise(&[0.0, 5.0e-4, 0.0], &epsilon));
    }

    #[test]
    fn the_jacobian_keeps_the_oscillator_strength() {
        // f = 0.7 in a band at 3 eV: the same area on either axis.
        let energy: Vec<f64> = (0..20001).map(|k| 1.0 + 5.0 * k as f64 / 20000.0).collect();
        let density: Vec<f64> = energy
            .iter()
            .map(|e| 0.7 * gaussian(e - 3.0, 0.2))
            .collect();
        let wavelength: Vec<f64> = energy.iter().map(|&e| ev_to_nm(e)).collect();
        let on_nm = per_nm(&density, &energy);
        assert!((trapezoid(&energy, &density) - 0.7).abs() < 1e-6);
        assert!((trapezoid(&wavelength, &on_nm) - 0.7).abs() < 1e-5);
    }
}
