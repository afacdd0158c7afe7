//! Tabulated optical constants: a complex refractive index n + ik against
//! photon energy, read from the CSV files in data/optical/ (wavelength nm,
//! energy eV, n, k, with the source in the header), turned into the
//! dielectric function ε = (n + ik)² and interpolated in energy by
//! monotone cubic Hermite splines (Fritsch–Carlson) of ε₁ and ε₂, which
//! pass through every measured point and add no wiggles between them.

use num_complex::Complex64;

use crate::error::{Error, Result};

/// A measured (or modelled) dielectric function on its energies.
#[derive(Clone, Debug)]
pub struct OpticalTable {
    /// What it is ("Ag, Johnson & Christy").
    pub name: String,
    /// The citation from the file's header.
    pub source: String,
    /// Photon energies, eV, ascending.
    pub energy: Vec<f64>,
    /// ε at each energy.
    pub epsilon: Vec<Complex64>,
    slopes: Vec<Complex64>,
}

impl OpticalTable {
    /// Parses a table; `label` names it in errors.
    pub fn parse(text: &str, name: &str, label: &str) -> Result<Self> {
        let mut source = String::new();
        let mut rows: Vec<(f64, Complex64)> = Vec::new();
        let mut header_seen = false;
        for (k, line) in text.lines().enumerate() {
            let line = line.trim();
            if let Some(comment) = line.strip_prefix('#') {
                if let Some(s) = comment.trim().strip_prefix("source:") {
                    source = s.trim().to_string();
                }
                continue;
            }
            if line.is_empty() {
                continue;
            }
            if !header_seen {
                if line != "wavelength_nm,energy_eV,n,k" {
                    return Err(Error::parse(
                        label,
                        k + 1,
                        format!("expected the header wavelength_nm,energy_eV,n,k, found `{line}`"),
                    ));
                }
                header_seen = true;
                continue;
            }
            let values: Vec<f64> = line
                .split(',')
                .map(|v| v.trim().parse::<f64>())
                .collect::<std::result::Result<_, _>>()
                .map_err(|_| {
                    Error::parse(
                        label,
                        k + 1,
                        format!("expected four numbers, found `{line}`"),
                    )
                })?;
            let [_, e, n, kappa] = values[..] else {
                return Err(Error::parse(
                    label,
                    k + 1,
                    format!("expected four numbers, found `{line}`"),
                ));
            };
            if !(e.is_finite() && e > 0.0 && n.is_finite() && kappa.is_finite() && kappa >= 0.0) {
                return Err(Error::parse(
                    label,
                    k + 1,
                    format!("energy {e} eV, n {n}, k {kappa}: out of range"),
                ));
            }
            if rows.last().is_some_and(|r| r.0 >= e) {
                return Err(Error::parse(
                    label,
                    k + 1,
                    format!("energies must increase, found {e} eV"),
                ));
            }
            let index = Complex64::new(n, kappa);
            rows.push((e, index * index));
        }
        if rows.len() < 3 {
            return Err(Error::parse(label, 1, "fewer than three data rows"));
        }
        let energy: Vec<f64> = rows.iter().map(|r| r.0).collect();
        let epsilon: Vec<Complex64> = rows.iter().map(|r| r.1).collect();
        let re: Vec<f64> = epsilon.iter().map(|e| e.re).collect();
        let im: Vec<f64> = epsilon.iter().map(|e| e.im).collect();
        let slopes = pchip_slopes(&energy, &re)
            .into_iter()
            .zip(pchip_slopes(&energy, &im))
            .map(|(a, b)| Complex64::new(a, b))
            .collect();
        Ok(OpticalTable {
            name: name.to_string(),
            source,
            energy,
            epsilon,
            slopes,
        })
    }

    /// The energies covered, eV.
    pub fn range(&self) -> (f64, f64) {
        (self.energy[0], self.energy[self.energy.len() - 1])
    }

    /// ε at photon energy `e` (eV), inside the measured range.
    pub fn epsilon_at(&self, e: f64) -> Result<Complex64> {
        let (lo, hi) = self.range();
        if !(e >= lo && e <= hi) {
            return Err(Error::Invalid(format!(
                "{}: {e:.4} eV ({:.1} nm) lies outside the data, {lo:.3}–{hi:.3} eV ({:.0}–{:.0} nm)",
                self.name,
                crate::units::ev_to_nm(e),
                crate::units::ev_to_nm(hi),
                crate::units::ev_to_nm(lo)
            )));
        }
        let k = self
            .energy
            .partition_point(|&x| x <= e)
            .clamp(1, self.energy.len() - 1)
            - 1;
        let (x0, x1) = (self.energy[k], self.energy[k + 1]);
        let h = x1 - x0;
        let t = (e - x0) / h;
        let (t2, t3) = (t * t, t * t * t);
        let h00 = 2.0 * t3 - 3.0 * t2 + 1.0;
        let h10 = t3 - 2.0 * t2 + t;
        let h01 = -2.0 * t3 + 3.0 * t2;
        let h11 = t3 - t2;
        Ok(self.epsilon[k] * h00
            + self.slopes[k] * (h10 * h)
            + self.epsilon[k + 1] * h01
            + self.slopes[k + 1] * (h11 * h))
    }
}

/// Fritsch–Carlson slopes of a monotone cubic Hermite interpolant.
fn pchip_slopes(x: &[f64], y: &[f64]) -> Vec<f64> {
    let n = x.len();
    let d: Vec<f64> = (0..n - 1)
        .map(|k| (y[k + 1] - y[k]) / (x[k + 1] - x[k]))
        .collect();
    let mut m = vec![0.0; n];
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for k in 1..n - 1 {
        if d[k - 1] * d[k] <= 0.0 {
            m[k] = 0.0;
        } else {
            // Weighted harmonic mean (Fritsch & Butland).
            let (h0, h1) = (x[k] - x[k - 1], x[k + 1] - x[k]);
            let (w1, w2) = (2.0 * h1 + h0, h1 + 2.0 * h0);
            m[k] = (w1 + w2) / (w1 / d[k - 1] + w2 / d[k]);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "# test\n# source: made up\nwavelength_nm,energy_eV,n,k\n1000,1.0,0.1,5.0\n500,2.0,0.2,3.0\n400,3.0,0.5,2.0\n300,4.0,1.0,1.5\n";

    #[test]
    fn passes_through_the_points_and_stays_monotone_between() {
        let t = OpticalTable::parse(TABLE, "test", "t.csv").unwrap();
        assert_eq!(t.source, "made up");
        let at = |e| t.epsilon_at(e).unwrap();
        let exact = Complex64::new(0.2, 3.0).powi(2);
        assert!((at(2.0) - exact).norm() < 1e-12);
        // ε₁ = n² − k² rises monotonically here; so must the interpolant.
        let mut last = at(1.0).re;
        for k in 1..=300 {
            let v = at(1.0 + 3.0 * k as f64 / 300.0).re;
            assert!(v >= last - 1e-12, "not monotone at step {k}");
            last = v;
        }
        let e = t.epsilon_at(4.5).unwrap_err().to_string();
        assert!(e.contains("4.5") && e.contains("outside"), "{e}");
    }

    #[test]
    fn bad_tables_name_the_line() {
        let e = OpticalTable::parse("wavelength_nm,energy_eV,n,k\n1,2,x,4\n", "t", "t.csv")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.csv:2"), "{e}");
        let e = OpticalTable::parse(
            "wavelength_nm,energy_eV,n,k\n1,2,1,1\n1,1,1,1\n1,3,1,1\n",
            "t",
            "t.csv",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("t.csv:3") && e.contains("increase"), "{e}");
    }
}
