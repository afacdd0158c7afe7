//! The non-orthogonal two-centre Hamiltonian and overlap of DFTB from
//! tabulated Slater–Koster integrals, as plain data: what
//! shaders/dftb_hamiltonian.wgsl and its CPU twin [`hamiltonian_overlap`]
//! need, with no knowledge of the files the tables came from.
//!
//! Interpolation as DFTB+ does it (its `slakoeqgrid`, default method): row
//! k (1-based) of a table is the distance k·h; between rows the value is
//! the polynomial through eight neighbouring rows (Neville's scheme, up to
//! four rows to the right); beyond the last row, over one bohr, a
//! fifth-order polynomial that starts with the last row's value, slope and
//! curvature (taken from the interpolating polynomial at ±10⁻⁵ bohr) and
//! reaches zero with zero slope and curvature. Hartree and bohr inside;
//! the assembled Hamiltonian is returned in eV.

use ndarray::Array2;

use super::layout::OrbitalLayout;
use super::slater_koster::{BondIntegrals, ORBITAL_L, block};
use crate::structure::neighbours::pairs_within;
use crate::units::{BOHR_ANGSTROM, HARTREE_EV};

/// Points of the interpolating polynomial.
pub const INTERPOLATION_POINTS: usize = 8;
/// Rows to the right of the distance the polynomial reaches.
const RIGHT_POINTS: usize = 4;
/// The tail beyond the last row, bohr.
pub const TAIL_BOHR: f64 = 1.0;
/// Step of the numerical derivatives at the last row, bohr.
const DELTA_BOHR: f64 = 1e-5;

/// Column of each [`BondIntegrals`] entry (ssσ spσ ppσ ppπ sdσ pdσ pdπ ddσ
/// ddπ ddδ) in a Slater–Koster row (ddσ ddπ ddδ pdσ pdπ ppσ ppπ sdσ spσ
/// ssσ); the overlap columns follow 10 further on.
pub const SKF_COLUMN: [usize; 10] = [9, 8, 5, 6, 7, 3, 4, 0, 1, 2];

/// One table: the integrals of a pair of elements A-B (orbital of A
/// first) on an equidistant grid.
#[derive(Clone, Debug, PartialEq)]
pub struct SkTable {
    /// Grid spacing, bohr.
    pub spacing: f64,
    /// Row k holds the ten H (hartree) and ten S integrals at (k + 1)·spacing.
    pub rows: Vec<[f64; 20]>,
}

impl SkTable {
    /// Distance (bohr) beyond which every integral is zero.
    pub fn cutoff_bohr(&self) -> f64 {
        self.rows.len() as f64 * self.spacing + TAIL_BOHR
    }

    /// The 20 integrals (H in hartree, then S) at `r` bohr.
    pub fn integrals(&self, r: f64) -> [f64; 20] {
        let n = self.rows.len();
        let h = self.spacing;
        if n <= INTERPOLATION_POINTS || r >= self.cutoff_bohr() {
            return [0.0; 20];
        }
        let index = (r / h).floor() as usize;
        if index < n {
            let last = (index + RIGHT_POINTS).min(n).max(INTERPOLATION_POINTS);
            return self.polynomial(last, r);
        }
        let dr = r - self.cutoff_bohr();
        let tail = self.tail();
        std::array::from_fn(|i| {
            let [y, slope, curvature] = tail[i];
            to_zero(y, slope, curvature, dr)
        })
    }

    /// Value, slope (per bohr) and curvature (per bohr²) of every column at
    /// the last row: the row itself and the interpolating polynomial's
    /// central differences at ±10⁻⁵ bohr, as DFTB+ takes them.
    pub fn tail(&self) -> [[f64; 3]; 20] {
        let last = self.rows.len();
        let x_last = last as f64 * self.spacing;
        let y0 = self.polynomial(last, x_last - DELTA_BOHR);
        let y2 = self.polynomial(last, x_last + DELTA_BOHR);
        let y1 = self.rows[last - 1];
        std::array::from_fn(|i| {
            [
                y1[i],
                (y2[i] - y0[i]) / (2.0 * DELTA_BOHR),
                (y2[i] + y0[i] - 2.0 * y1[i]) / (DELTA_BOHR * DELTA_BOHR),
            ]
        })
    }

    /// Neville's interpolation through rows `last − 7 … last` (1-based) at `x`.
    fn polynomial(&self, last: usize, x: f64) -> [f64; 20] {
        const N: usize = INTERPOLATION_POINTS;
        let h = self.spacing;
        let first = last - N; // 0-based index of the first row used
        let xp = |i: usize| (first + i) as f64 * h; // i = 1 … N
        let mut c = [[0.0; 20]; N + 1];
        let mut d = [[0.0; 20]; N + 1];
        for i in 1..=N {
            c[i] = self.rows[first + i - 1];
            d[i] = c[i];
        }
        let mut near = ((x - xp(1)) / h).ceil().clamp(1.0, N as f64) as usize;
        let mut y = c[near];
        near -= 1;
        for m in 1..N {
            let inverse = 1.0 / (m as f64 * h);
            for i in 1..=N - m {
                for k in 0..20 {
                    let w = (d[i][k] - c[i + 1][k]) * inverse;
                    c[i][k] = (xp(i) - x) * w;
                    d[i][k] = (xp(i + m) - x) * w;
                }
            }
            let step = if 2 * near < N - m {
                c[near + 1]
            } else {
                near -= 1;
                d[near + 1]
            };
            for k in 0..20 {
                y[k] += step[k];
            }
        }
        y
    }
}

/// The fifth-order polynomial that has value `y`, slope `dy` and curvature
/// `ddy` at the last row and vanishes, with its first two derivatives, one
/// tail length further; `dr` = r − (last row + tail) ∈ (−tail, 0).
fn to_zero(y: f64, dy: f64, ddy: f64, dr: f64) -> f64 {
    let dx = -TAIL_BOHR;
    let d1 = dy * dx;
    let d2 = ddy * dx * dx;
    let a = 10.0 * y - 4.0 * d1 + 0.5 * d2;
    let b = -15.0 * y + 7.0 * d1 - d2;
    let c = 6.0 * y - 3.0 * d1 + 0.5 * d2;
    let x = dr / dx;
    ((c * x + b) * x + a) * x * x * x
}

/// One kind of atom (an element of the set).
#[derive(Clone, Debug, PartialEq)]
pub struct SkKind {
    /// On-site energies of s, p and d, hartree.
    pub onsite: [f64; 3],
}

/// Everything the Hamiltonian and overlap of one cluster need.
#[derive(Clone, Debug, PartialEq)]
pub struct SkSystem {
    pub kinds: Vec<SkKind>,
    /// Tables of every ordered pair of kinds, `kinds.len()²` row-major:
    /// entry (a, b) holds ⟨orbital of a | orbital of b⟩ for l_a ≤ l_b.
    pub tables: Vec<SkTable>,
    /// Positions of the atoms, Å.
    pub positions: Vec<[f64; 3]>,
    /// Kind (index into `kinds`) of each atom.
    pub atom_kind: Vec<u32>,
    /// The orbitals of each atom.
    pub layout: OrbitalLayout,
}

impl SkSystem {
    /// The table of kinds `a`, `b`.
    pub fn table(&self, a: u32, b: u32) -> &SkTable {
        &self.tables[a as usize * self.kinds.len() + b as usize]
    }

    /// The largest distance (Å) at which any two kinds interact.
    pub fn range_angstrom(&self) -> f64 {
        self.tables
            .iter()
            .map(SkTable::cutoff_bohr)
            .fold(0.0, f64::max)
            * BOHR_ANGSTROM
    }

    /// The 9 × 9 Hamiltonian (hartree) and overlap blocks between atom
    /// `i` (first) and atom `j` at distance `d` Å along `dir` (i → j).
    pub fn blocks(
        &self,
        i: usize,
        j: usize,
        d: f64,
        dir: [f64; 3],
    ) -> ([[f64; 9]; 9], [[f64; 9]; 9]) {
        let (ki, kj) = (self.atom_kind[i], self.atom_kind[j]);
        let r = d / BOHR_ANGSTROM;
        let ab = self.table(ki, kj).integrals(r);
        let ba = self.table(kj, ki).integrals(r);
        let pick = |v: &[f64; 20], offset: usize| -> BondIntegrals {
            std::array::from_fn(|k| v[offset + SKF_COLUMN[k]])
        };
        let (h1, h2) = (block(dir, &pick(&ab, 0)), block(dir, &pick(&ba, 0)));
        let (s1, s2) = (block(dir, &pick(&ab, 10)), block(dir, &pick(&ba, 10)));
        let mut h = [[0.0; 9]; 9];
        let mut s = [[0.0; 9]; 9];
        for a in 0..9 {
            for b in 0..9 {
                // l_a ≤ l_b from the A-B table, else from B-A.
                let first = ORBITAL_L[a] <= ORBITAL_L[b];
                h[a][b] = if first { h1[a][b] } else { h2[a][b] };
                s[a][b] = if first { s1[a][b] } else { s2[a][b] };
            }
        }
        (h, s)
    }
}

/// The Hamiltonian (eV) and overlap of `sys`: the CPU twin of
/// shaders/dftb_hamiltonian.wgsl, in f64.
pub fn hamiltonian_overlap(sys: &SkSystem) -> (Array2<f64>, Array2<f64>) {
    let layout = &sys.layout;
    let n = layout.len();
    let mut h = Array2::<f64>::zeros((n, n));
    let mut s = Array2::<f64>::zeros((n, n));
    for (i, &kind) in sys.atom_kind.iter().enumerate() {
        let o = layout.atom_offset[i];
        for k in 0..layout.atom_shells[i].orbital_count() {
            h[[o + k, o + k]] = sys.kinds[kind as usize].onsite[ORBITAL_L[k] as usize];
            s[[o + k, o + k]] = 1.0;
        }
    }
    for pair in pairs_within(&sys.positions, sys.range_angstrom()) {
        let (pi, pj) = (sys.positions[pair.i], sys.positions[pair.j]);
        let dir: [f64; 3] = std::array::from_fn(|k| (pj[k] - pi[k]) / pair.distance);
        let (hb, sb) = sys.blocks(pair.i, pair.j, pair.distance, dir);
        let (oi, oj) = (layout.atom_offset[pair.i], layout.atom_offset[pair.j]);
        let (ni, nj) = (
            layout.atom_shells[pair.i].orbital_count(),
            layout.atom_shells[pair.j].orbital_count(),
        );
        for a in 0..ni {
            for b in 0..nj {
                h[[oi + a, oj + b]] = hb[a][b];
                h[[oj + b, oi + a]] = hb[a][b];
                s[[oi + a, oj + b]] = sb[a][b];
                s[[oj + b, oi + a]] = sb[a][b];
            }
        }
    }
    h.mapv_inplace(|x| x * HARTREE_EV);
    (h, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of one smooth function in every column: f(r) = e^{−r}.
    fn exponential(rows: usize, spacing: f64) -> SkTable {
        SkTable {
            spacing,
            rows: (1..=rows)
                .map(|k| [(-(k as f64) * spacing).exp(); 20])
                .collect(),
        }
    }

    #[test]
    fn interpolation_is_exact_on_rows_and_accurate_between() {
        let t = exponential(400, 0.02);
        for k in [9usize, 50, 397, 400] {
            let r = k as f64 * 0.02;
            assert!((t.integrals(r)[3] - (-r).exp()).abs() < 1e-13, "row {k}");
        }
        for r in [0.333, 1.2345, 7.9] {
            assert!((t.integrals(r)[0] - (-r).exp()).abs() < 1e-12, "r = {r}");
        }
    }

    #[test]
    fn the_tail_joins_smoothly_and_ends_at_zero() {
        let t = exponential(400, 0.02);
        let end = 400.0 * 0.02;
        let at = |r: f64| t.integrals(r)[0];
        // Continuous in value and slope at the last row.
        assert!((at(end + 1e-9) - at(end - 1e-9)).abs() < 1e-9);
        let slope = |r: f64| (at(r + 1e-6) - at(r - 1e-6)) / 2e-6;
        assert!((slope(end + 2e-6) - slope(end - 2e-6)).abs() < 1e-5);
        assert!(at(end + 0.5) > 0.0 && at(end + 0.5) < at(end));
        assert_eq!(at(end + TAIL_BOHR), 0.0);
        assert!(at(end + TAIL_BOHR - 1e-6).abs() < 1e-14);
    }
}
