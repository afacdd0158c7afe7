//! Column tables as CSV: one header row naming each column with its unit,
//! energy and wavelength first. Every density is per unit energy; the
//! wavelength column labels the rows.

use crate::units::ev_to_nm;

/// A table of columns on one energy grid.
#[derive(Clone, Debug)]
pub struct Table {
    columns: Vec<(String, Vec<f64>, Format)>,
}

#[derive(Clone, Copy, Debug)]
enum Format {
    /// Six decimals (energies, eV).
    Energy,
    /// Four decimals (wavelengths, nm).
    Wavelength,
    /// Nine significant digits.
    Value,
}

impl Table {
    /// A table whose rows are the photon energies `energy_ev` (eV), with
    /// the columns `energy_eV` and `wavelength_nm`.
    pub fn on_energies(energy_ev: &[f64]) -> Self {
        Table {
            columns: vec![
                ("energy_eV".into(), energy_ev.to_vec(), Format::Energy),
                (
                    "wavelength_nm".into(),
                    energy_ev.iter().map(|&e| ev_to_nm(e)).collect(),
                    Format::Wavelength,
                ),
            ],
        }
    }

    /// Adds a column; `name` carries the unit (`epsilon_per_M_per_cm`).
    /// Commas in names become semicolons.
    pub fn column(&mut self, name: impl Into<String>, values: Vec<f64>) -> &mut Self {
        self.columns
            .push((name.into().replace(',', ";"), values, Format::Value));
        self
    }

    /// Every column: its name (with the unit) and its values.
    pub fn columns(&self) -> impl Iterator<Item = (&str, &[f64])> {
        self.columns.iter().map(|c| (c.0.as_str(), &c.1[..]))
    }

    /// Column names in order.
    pub fn names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.0.as_str()).collect()
    }

    /// The CSV text.
    pub fn csv(&self) -> String {
        let rows = self.columns.first().map_or(0, |c| c.1.len());
        let mut out = String::with_capacity(16 * self.columns.len() * (rows + 1));
        out.push_str(&self.names().join(","));
        out.push('\n');
        for k in 0..rows {
            for (j, (_, values, format)) in self.columns.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                let v = values.get(k).copied().unwrap_or(f64::NAN);
                out.push_str(&match format {
                    Format::Energy => format!("{v:.6}"),
                    Format::Wavelength => format!("{v:.4}"),
                    Format::Value => format!("{v:.8e}"),
                });
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_columns_with_units() {
        let mut t = Table::on_energies(&[1.0, 2.0]);
        t.column("epsilon_per_M_per_cm", vec![3.0, 4.0]);
        let csv = t.csv();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("energy_eV,wavelength_nm,epsilon_per_M_per_cm")
        );
        assert_eq!(lines.next(), Some("1.000000,1239.8420,3.00000000e0"));
        assert_eq!(lines.count(), 1);
    }
}
