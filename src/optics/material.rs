//! The optical materials clusterspec ships: bulk Au, Ag and Cu from
//! Johnson & Christy (1972) or McPeak et al. (2015), and Au–Ag alloys of
//! any composition from the model of Rioux et al. (2014), each with its
//! Drude fit, its Fermi velocity and the size-limited damping of a sphere.
//!
//! Alloys: Rioux et al. give their analytic model at 0, 10, …, 100 % Au
//! (data/optical/AuAg_rioux_*.csv). ε at another composition is the
//! natural cubic spline through the eleven tables at each energy — the
//! model's own parameters vary smoothly with composition; between two
//! neighbouring tables this differs from their linear mix by less than
//! their curvature over a 10 % step (the tests check it against the
//! tables left out). Rioux's model covers 1.03–4.59 eV (270–1200 nm) and
//! was fitted to films of 0, 33, 50, 67 and 100 % Au.

use num_complex::Complex64;
use serde::Serialize;

use super::drude::{DrudeFit, HBAR_EV_S, fit};
use super::table::OpticalTable;
use crate::error::{Error, Result};

/// A pure metal of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Metal {
    Au,
    Ag,
    Cu,
}

/// Which measured data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DataSet {
    /// Johnson & Christy, Phys. Rev. B 6, 4370 (1972): 0.64–6.6 eV.
    JohnsonChristy,
    /// McPeak et al., ACS Photonics 2, 326 (2015): 0.73–4.13 eV.
    McPeak,
}

/// Fermi velocities, 10⁶ m/s (free-electron values, Ashcroft & Mermin,
/// table 2.1).
pub fn fermi_velocity(metal: Metal) -> f64 {
    match metal {
        Metal::Au => 1.40,
        Metal::Ag => 1.39,
        Metal::Cu => 1.57,
    }
}

/// The default A of γ(R) = γ_b + A v_F/R: 1 (Kreibig & Vollmer, *Optical
/// Properties of Metal Clusters*, Springer 1995, sec. 2.2.4: A of order 1
/// for free particles; measured values scatter between 0.25 and 2).
pub const DEFAULT_DAMPING_A: f64 = 1.0;

fn table_text(metal: Metal, set: DataSet) -> &'static str {
    match (metal, set) {
        (Metal::Au, DataSet::JohnsonChristy) => {
            include_str!("../../data/optical/Au_johnson_christy.csv")
        }
        (Metal::Ag, DataSet::JohnsonChristy) => {
            include_str!("../../data/optical/Ag_johnson_christy.csv")
        }
        (Metal::Cu, DataSet::JohnsonChristy) => {
            include_str!("../../data/optical/Cu_johnson_christy.csv")
        }
        (Metal::Au, DataSet::McPeak) => include_str!("../../data/optical/Au_mcpeak.csv"),
        (Metal::Ag, DataSet::McPeak) => include_str!("../../data/optical/Ag_mcpeak.csv"),
        (Metal::Cu, DataSet::McPeak) => include_str!("../../data/optical/Cu_mcpeak.csv"),
    }
}

/// The eleven Rioux tables, 0 … 100 % Au.
const RIOUX: [&str; 11] = [
    include_str!("../../data/optical/AuAg_rioux_au000.csv"),
    include_str!("../../data/optical/AuAg_rioux_au010.csv"),
    include_str!("../../data/optical/AuAg_rioux_au020.csv"),
    include_str!("../../data/optical/AuAg_rioux_au030.csv"),
    include_str!("../../data/optical/AuAg_rioux_au040.csv"),
    include_str!("../../data/optical/AuAg_rioux_au050.csv"),
    include_str!("../../data/optical/AuAg_rioux_au060.csv"),
    include_str!("../../data/optical/AuAg_rioux_au070.csv"),
    include_str!("../../data/optical/AuAg_rioux_au080.csv"),
    include_str!("../../data/optical/AuAg_rioux_au090.csv"),
    include_str!("../../data/optical/AuAg_rioux_au100.csv"),
];

/// Drude fit windows (eV): from the data's start to well below the
/// interband threshold (Au 2.4, Ag 3.9, Cu 2.1 eV; docs/physics.md).
fn drude_window(metal: Metal) -> (f64, f64) {
    match metal {
        Metal::Ag => (0.6, 2.5),
        Metal::Au | Metal::Cu => (0.6, 1.8),
    }
}

/// Width of the blend between the Drude background and the measured
/// interband part above the Drude window, eV ([`Dielectric::interband_dispersion`]).
pub const BLEND_EV: f64 = 0.2;

/// A material's dielectric function with its free-electron part.
#[derive(Clone, Debug)]
pub struct Dielectric {
    pub table: OpticalTable,
    pub drude: DrudeFit,
    /// Fermi velocity, 10⁶ m/s.
    pub fermi_velocity: f64,
}

impl Dielectric {
    /// The bulk ε at `e` eV.
    pub fn bulk(&self, e: f64) -> Result<Complex64> {
        self.table.epsilon_at(e)
    }

    /// The bound-electron part ε_ib = ε + ω_p²/(ω² + iγω) at `e` eV.
    pub fn interband(&self, e: f64) -> Result<Complex64> {
        Ok(self.bulk(e)? - self.drude.free(e, self.drude.damping_ev))
    }

    /// The interband ε_ib(ω) the d dipoles of the collective response use
    /// at `e` eV. Up to the top of the Drude window it is the fit's
    /// background ε_b: there the measured ε is the Drude term plus ε_b
    /// within the data's scatter, and subtracting a Drude term from the
    /// large free-electron ε at low energy leaves mostly noise (even a
    /// negative Im ε_ib). Above [`BLEND_EV`] beyond the window it is the
    /// measured ε minus the Drude part, Im ε_ib clipped at 0 (no gain), and
    /// in between the two are mixed linearly.
    pub fn interband_dispersion(&self, e: f64) -> Result<Complex64> {
        let top = self.drude.window_ev.1;
        let background = Complex64::new(self.drude.epsilon_background, 0.0);
        if e <= top {
            return Ok(background);
        }
        let mut measured = self.interband(e)?;
        measured.im = measured.im.max(0.0);
        let t = ((e - top) / BLEND_EV).min(1.0);
        Ok(background * (1.0 - t) + measured * t)
    }

    /// The Fröhlich energy, eV: where Re ε = −2, the dipole resonance of a
    /// small sphere in vacuum (the first crossing from below, by bisection
    /// on the interpolated data).
    pub fn frohlich_energy(&self) -> Result<f64> {
        let (lo, hi) = self.table.range();
        let re = |e: f64| self.bulk(e).map(|x| x.re + 2.0);
        let steps = 2000;
        let mut prev = (lo, re(lo)?);
        for k in 1..=steps {
            let e = lo + (hi - lo) * k as f64 / steps as f64;
            let v = re(e)?;
            if prev.1 < 0.0 && v >= 0.0 {
                let (mut a, mut b) = (prev.0, e);
                for _ in 0..60 {
                    let m = 0.5 * (a + b);
                    if re(m)? < 0.0 { a = m } else { b = m }
                }
                return Ok(0.5 * (a + b));
            }
            prev = (e, v);
        }
        Err(Error::Invalid(format!(
            "{}: Re ε never reaches −2 in the data",
            self.table.name
        )))
    }

    /// The static interband dielectric constant the collective response's
    /// d dipoles use: Re ε_ib at the Fröhlich energy.
    pub fn screening_epsilon(&self) -> Result<f64> {
        Ok(self.interband(self.frohlich_energy()?)?.re)
    }

    /// ħγ(R) = ħγ_b + A ħv_F/R for radius `radius_nm`, eV.
    pub fn damping(&self, radius_nm: f64, a: f64) -> f64 {
        let hbar_vf_ev_nm = HBAR_EV_S * self.fermi_velocity * 1e6 * 1e9;
        self.drude.damping_ev + a * hbar_vf_ev_nm / radius_nm
    }

    /// ε at `e` eV of a sphere of radius `radius_nm` (size-limited free
    /// path, coefficient `a`).
    pub fn sized(&self, e: f64, radius_nm: f64, a: f64) -> Result<Complex64> {
        Ok(self.bulk(e)? - self.drude.free(e, self.drude.damping_ev)
            + self.drude.free(e, self.damping(radius_nm, a)))
    }
}

/// A pure metal from data set `set`.
pub fn metal(metal: Metal, set: DataSet) -> Result<Dielectric> {
    let name = format!(
        "{metal:?} ({})",
        match set {
            DataSet::JohnsonChristy => "Johnson & Christy 1972",
            DataSet::McPeak => "McPeak et al. 2015",
        }
    );
    let table = OpticalTable::parse(table_text(metal, set), &name, "data/optical")?;
    let (lo, hi) = drude_window(metal);
    Ok(Dielectric {
        drude: fit(&table, lo, hi)?,
        table,
        fermi_velocity: fermi_velocity(metal),
    })
}

/// The Au–Ag alloy with atomic gold fraction `gold` (0 … 1), from the
/// model of Rioux et al.
pub fn gold_silver(gold: f64) -> Result<Dielectric> {
    if !(0.0..=1.0).contains(&gold) {
        return Err(Error::setting("gold_fraction", gold, "must lie in 0 … 1"));
    }
    let tables: Vec<OpticalTable> = RIOUX
        .iter()
        .enumerate()
        .map(|(k, text)| {
            OpticalTable::parse(
                text,
                &format!("Au{}Ag{}", 10 * k, 100 - 10 * k),
                "data/optical",
            )
        })
        .collect::<Result<_>>()?;
    let x: Vec<f64> = (0..11).map(|k| k as f64 / 10.0).collect();
    let energies = tables[0].energy.clone();
    let mut text = format!(
        "# source: {} (natural cubic spline in composition through its 0-100 % Au tables)\nwavelength_nm,energy_eV,n,k\n",
        tables[0].source
    );
    for (j, &e) in energies.iter().enumerate() {
        let re: Vec<f64> = tables.iter().map(|t| t.epsilon[j].re).collect();
        let im: Vec<f64> = tables.iter().map(|t| t.epsilon[j].im).collect();
        let eps = Complex64::new(natural_spline(&x, &re, gold), natural_spline(&x, &im, gold));
        let n = eps.sqrt();
        text.push_str(&format!(
            "{},{e},{},{}\n",
            crate::units::ev_to_nm(e),
            n.re,
            n.im.max(0.0)
        ));
    }
    let name = format!(
        "Au{:.0}Ag{:.0} (Rioux et al. 2014)",
        100.0 * gold,
        100.0 * (1.0 - gold)
    );
    let table = OpticalTable::parse(&text, &name, "Rioux alloy model")?;
    let drude = fit(&table, table.range().0, 1.8)?;
    Ok(Dielectric {
        table,
        drude,
        fermi_velocity: gold * fermi_velocity(Metal::Au) + (1.0 - gold) * fermi_velocity(Metal::Ag),
    })
}

/// The natural cubic spline through (x, y) evaluated at `t`.
fn natural_spline(x: &[f64], y: &[f64], t: f64) -> f64 {
    let n = x.len();
    // Second derivatives by the tridiagonal system (Thomas algorithm).
    let mut m = vec![0.0; n];
    let (mut c, mut d) = (vec![0.0; n], vec![0.0; n]);
    for i in 1..n - 1 {
        let (h0, h1) = (x[i] - x[i - 1], x[i + 1] - x[i]);
        let a = h0;
        let b = 2.0 * (h0 + h1);
        let rhs = 6.0 * ((y[i + 1] - y[i]) / h1 - (y[i] - y[i - 1]) / h0);
        let denom = b - a * c[i - 1];
        c[i] = h1 / denom;
        d[i] = (rhs - a * d[i - 1]) / denom;
    }
    for i in (1..n - 1).rev() {
        m[i] = d[i] - c[i] * m[i + 1];
    }
    let k = x.partition_point(|&v| v <= t).clamp(1, n - 1) - 1;
    let h = x[k + 1] - x[k];
    let (a, b) = ((x[k + 1] - t) / h, (t - x[k]) / h);
    a * y[k] + b * y[k + 1] + ((a * a * a - a) * m[k] + (b * b * b - b) * m[k + 1]) * h * h / 6.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drude_fits_give_free_electron_plasma_energies() {
        // Free-electron ħω_p: Au 9.03, Ag 8.98, Cu 10.8 eV (r_s); measured
        // Drude fits of Au and Ag films give about 9 eV and of Cu 8.8–9.
        for m in [Metal::Au, Metal::Ag, Metal::Cu] {
            for set in [DataSet::JohnsonChristy, DataSet::McPeak] {
                let d = metal(m, set).unwrap();
                assert!(
                    (8.5..9.6).contains(&d.drude.plasma_ev),
                    "{m:?} {set:?}: {:?}",
                    d.drude
                );
                assert!(
                    d.drude.damping_ev > 0.005 && d.drude.damping_ev < 0.15,
                    "{:?}",
                    d.drude
                );
                assert!(d.drude.rms_relative_residual < 0.1, "{:?}", d.drude);
            }
        }
    }

    #[test]
    fn the_alloy_spline_passes_through_the_tables_and_predicts_the_ones_left_out() {
        let pure = gold_silver(1.0).unwrap();
        let rioux_au = OpticalTable::parse(RIOUX[10], "Au", "x").unwrap();
        for (k, &e) in rioux_au.energy.iter().enumerate().step_by(97) {
            assert!(
                (pure.bulk(e).unwrap() - rioux_au.epsilon[k]).norm()
                    < 1e-6 * rioux_au.epsilon[k].norm().max(1.0)
            );
        }
        // Leave the 50 % table out: a spline through the others predicts it.
        let x: Vec<f64> = (0..11)
            .filter(|&k| k != 5)
            .map(|k| k as f64 / 10.0)
            .collect();
        let tables: Vec<OpticalTable> = (0..11)
            .filter(|&k| k != 5)
            .map(|k| OpticalTable::parse(RIOUX[k], "t", "x").unwrap())
            .collect();
        let held = OpticalTable::parse(RIOUX[5], "t", "x").unwrap();
        let mut worst = 0.0f64;
        for j in (0..held.energy.len()).step_by(31) {
            let re: Vec<f64> = tables.iter().map(|t| t.epsilon[j].re).collect();
            let im: Vec<f64> = tables.iter().map(|t| t.epsilon[j].im).collect();
            let p = Complex64::new(natural_spline(&x, &re, 0.5), natural_spline(&x, &im, 0.5));
            worst = worst.max((p - held.epsilon[j]).norm() / held.epsilon[j].norm().max(1.0));
        }
        assert!(worst < 0.05, "spline predicts the 50 % table to {worst}");
        // Outside 0 … 1 is an error.
        assert!(gold_silver(1.2).is_err());
    }

    #[test]
    fn screening_constants_come_from_the_data() {
        for (m, f_lo, f_hi) in [
            (Metal::Ag, 3.45, 3.55),
            (Metal::Au, 2.5, 2.6),
            (Metal::Cu, 2.0, 3.6),
        ] {
            let d = metal(m, DataSet::JohnsonChristy).unwrap();
            let f = d.frohlich_energy().unwrap();
            assert!((f_lo..f_hi).contains(&f), "{m:?}: Fröhlich {f}");
            let eps = d.screening_epsilon().unwrap();
            assert!(eps > 1.0, "{m:?}: ε_ib {eps}");
        }
    }

    #[test]
    fn size_correction_broadens_the_free_electron_part_only() {
        let ag = metal(Metal::Ag, DataSet::JohnsonChristy).unwrap();
        let e = 3.0;
        // A 1 mm sphere: ħγ grows by 1e-6 eV, ε by ω_p² Δγ/ω³ ≈ 3e-6.
        let big = ag.sized(e, 1e6, 1.0).unwrap();
        assert!((big - ag.bulk(e).unwrap()).norm() < 1e-5);
        let small = ag.sized(e, 2.0, 1.0).unwrap();
        assert!(small.im > ag.bulk(e).unwrap().im);
        // ħv_F/R for Ag at 2 nm: 0.457 eV.
        assert!((ag.damping(2.0, 1.0) - ag.drude.damping_ev - 0.4575).abs() < 1e-3);
        assert_eq!(
            ag.interband(e).unwrap(),
            ag.bulk(e).unwrap() - ag.drude.free(e, ag.drude.damping_ev)
        );
    }
}
