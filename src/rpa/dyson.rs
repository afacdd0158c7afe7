//! The frequency route: χ⁰(z) from the spectral weights at every
//! frequency, then the Dyson equation χ = (1 − χ⁰γ)⁻¹χ⁰ in the atom basis
//! and the orientation-averaged polarisability ᾱ = −(e²/3) Σ_x Vₓᵀ χ Vₓ
//! (Vₓ: the potential of a unit field on each atom, its x coordinate).
//!
//! With G = γ⁻¹ and M(z) = G − χ⁰(z) (complex symmetric),
//! χ = G M⁻¹ G − G, so Vᵀ χ V = Uᵀ M⁻¹ U − Vᵀ G V with U = G V: one
//! linear solve per frequency, no matrix product, and the second term is
//! real and frequency independent, so Im ᾱ = −(e²/3) Im Σ_x Uₓᵀ M⁻¹ Uₓ.
//! The solves sweep the frequencies in order and share factorisations
//! between neighbours ([`super::sweep`]).
//! The oscillator-strength density is S(ω) = 2ħω Im ᾱ / (π e²ħ²/mₑ),
//! which integrates to Σf.

use faer::linalg::solvers::Solve;
use faer::{Mat, c64};
use ndarray::Array2;
use rayon::prelude::*;

use super::dispersion::Dispersion;
use super::spectral::{SpectralWeights, packed_index, packed_len};
use super::sweep::Sweep;
use crate::error::{Error, Result};
use crate::units::{COULOMB_EV_ANGSTROM, POLARISABILITY_PER_STRENGTH};

/// The coupling of the induced charges and how a field reaches them.
#[derive(Clone, Debug)]
pub struct Coupling {
    /// Effective Coulomb kernel between atomic charges, eV (symmetric,
    /// positive definite); `None` switches the coupling off (χ = χ⁰).
    pub gamma: Option<Array2<f64>>,
    /// Potential energy (eV) on an electron at each atom per unit field
    /// (1 V/Å) along x, y, z: atoms × 3, Å.
    pub perturbation: Array2<f64>,
}

/// Frequencies per block of the χ⁰ assembly (a GEMM over the nodes).
pub const BLOCK: usize = 64;

/// Independent sweeps through the frequencies (the parallelism of the
/// solves); divides [`BLOCK`].
const SEGMENTS: usize = 8;

/// S(ω) (eV⁻¹) of the coupled response at photon energies `omega` (eV)
/// with damping `eta` (eV, half the Lorentzian FWHM), and of χ⁰ alone
/// probed by the `reference` perturbation (atoms × 3: the bare positions,
/// for the single-particle spectrum), and the work the solves took.
/// With `dynamic` (frequency-dependent d screening at the same photon
/// energies), `coupling.gamma` is the bare charge kernel and the dipoles
/// enter through their mode nodes, right-hand sides and own term.
pub fn oscillator_density(
    weights: &SpectralWeights,
    coupling: &Coupling,
    reference: &Array2<f64>,
    omega: &[f64],
    eta: f64,
    dynamic: Option<&Dispersion>,
) -> Result<(Vec<f64>, Vec<f64>, SolveWork)> {
    let n = weights.atoms;
    let nodes = &weights.nodes.energies;
    let len = packed_len(n);
    let v = &coupling.perturbation;
    // G = γ⁻¹ and U = G V, once.
    let inverse = coupling.gamma.as_ref().map(invert_spd).transpose()?;
    let u = inverse.as_ref().map(|g| g.dot(v));
    let weights_matrix = faer::MatRef::from_row_major_slice(&weights.packed, nodes.len(), len);
    let solver = match (&inverse, &u) {
        (Some(g), Some(u)) => Some((
            g,
            Mat::<c64>::from_fn(n, 3, |a, x| c64::new(u[[a, x]], 0.0)),
        )),
        _ => None,
    };
    // The frequencies split into SEGMENTS contiguous segments, each swept
    // in order by its own solver (neighbours share factorisations), in
    // parallel; a block takes the next few frequencies of every segment.
    // A fixed count, not the thread count: the same answer on any machine.
    let per_block = BLOCK / SEGMENTS;
    let segments = SEGMENTS;
    let segment_len = omega.len().div_ceil(segments).max(1);
    let ranges: Vec<std::ops::Range<usize>> = (0..omega.len())
        .step_by(segment_len)
        .map(|start| start..(start + segment_len).min(omega.len()))
        .collect();
    let mut sweeps: Vec<Option<Sweep>> = ranges
        .iter()
        .map(|_| solver.as_ref().map(|(g, rhs)| Sweep::new(g, rhs.as_ref())))
        .collect();
    let mut coupled = vec![0.0; omega.len()];
    let mut bare = vec![0.0; omega.len()];
    // One buffer for every block (a fresh one would be paged in each
    // time), column-major, zeroed by the allocator: its pages are first
    // touched by the GEMM's threads, not cleared on this one.
    let mut chi0 = vec![0.0f64; len * 2 * BLOCK.min(omega.len())];
    for step in 0..segment_len.div_ceil(per_block) {
        let parts: Vec<std::ops::Range<usize>> = ranges
            .iter()
            .map(|r| {
                let start = (r.start + step * per_block).min(r.end);
                start..(start + per_block).min(r.end)
            })
            .collect();
        let block: Vec<usize> = parts.iter().flat_map(|p| p.clone()).collect();
        // Re χ⁰ (columns 0..f) and Im χ⁰ (columns f..2f) at the block's
        // frequencies, packed: one GEMM (packed × nodes)·(nodes × 2f), so
        // the weights are read once per block and each frequency's χ⁰ is
        // contiguous.
        let f = block.len();
        let coefficients = Mat::<f64>::from_fn(2 * f, nodes.len(), |j, k| {
            let z = c64::new(omega[block[j % f]], eta);
            let e = nodes[k];
            let c = c64::new(2.0 * e, 0.0) / (z * z - c64::new(e * e, 0.0));
            if j < f { c.re } else { c.im }
        });
        faer::linalg::matmul::matmul(
            faer::MatMut::from_column_major_slice_mut(&mut chi0[..len * 2 * f], len, 2 * f),
            faer::Accum::Replace,
            weights_matrix.transpose(),
            coefficients.transpose(),
            1.0,
            faer::Par::rayon(0),
        );
        if let Some(d) = dynamic
            && !d.node_lambda.is_empty()
        {
            // The dipole modes' nodes: −1/(z − λ̄) each, added to χ⁰.
            let modes =
                faer::MatRef::from_row_major_slice(&d.node_weights, d.node_lambda.len(), len);
            let coefficients = Mat::<f64>::from_fn(2 * f, d.node_lambda.len(), |j, k| {
                let c = d.node_coefficient(block[j % f], k);
                if j < f { c.re } else { c.im }
            });
            faer::linalg::matmul::matmul(
                faer::MatMut::from_column_major_slice_mut(&mut chi0[..len * 2 * f], len, 2 * f),
                faer::Accum::Add,
                modes.transpose(),
                coefficients.transpose(),
                1.0,
                faer::Par::rayon(0),
            );
        }
        let chi0 = &chi0;
        let offsets: Vec<usize> = parts
            .iter()
            .scan(0, |o, p| {
                let start = *o;
                *o += p.len();
                Some(start)
            })
            .collect();
        let results: Vec<Vec<(usize, f64, f64)>> = sweeps
            .par_iter_mut()
            .zip(parts.par_iter().zip(offsets.par_iter()))
            .map(|(sweep, (part, &offset))| {
                part.clone()
                    .enumerate()
                    .map(|(local, index)| {
                        let j = offset + local;
                        let column = |c: usize| &chi0[c * len..(c + 1) * len];
                        let (re, im) = (column(j), column(f + j));
                        let coupled_im = match (sweep.as_mut(), dynamic) {
                            (Some(sweep), Some(d)) => {
                                let (rhs, own) = d.terms(index);
                                sweep.im_projection_for(re, im, rhs)? - own.im
                            }
                            (Some(sweep), None) => sweep.im_projection(re, im)?,
                            (None, _) => projected(v, im),
                        };
                        Ok((index, coupled_im, projected(reference, im)))
                    })
                    .collect::<Result<Vec<_>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        for (index, c, b) in results.into_iter().flatten() {
            coupled[index] = density(omega[index], c);
            bare[index] = density(omega[index], b);
        }
    }
    let work = SolveWork {
        factorisations: sweeps.iter().flatten().map(|s| s.factorisations).sum(),
        gmres_steps: sweeps.iter().flatten().map(|s| s.steps).sum(),
    };
    Ok((coupled, bare, work))
}

/// What the Dyson solves took (for the JSON record).
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct SolveWork {
    /// LU factorisations of M.
    pub factorisations: usize,
    /// GMRES steps over all frequencies.
    pub gmres_steps: usize,
}

/// Σ_x aₓᵀ B aₓ for a symmetric B given packed (lower triangle by rows),
/// here Im χ⁰ at one frequency.
fn projected(a: &Array2<f64>, packed: &[f64]) -> f64 {
    let columns: Vec<Vec<f64>> = (0..3).map(|x| a.column(x).to_vec()).collect();
    let mut total = 0.0;
    // Row by row, all three axes while the row is in cache.
    for i in 0..a.nrows() {
        let row = &packed[packed_index(i, 0)..=packed_index(i, i)];
        for column in &columns {
            let off: f64 = row[..i].iter().zip(column).map(|(b, c)| b * c).sum();
            total += column[i] * (2.0 * off + row[i] * column[i]);
        }
    }
    total
}

/// S(ω) from Im Σ_x Vₓᵀ χ Vₓ (Å²/eV): ᾱ = −(e²/3)·that.
fn density(omega: f64, im_vchiv: f64) -> f64 {
    let im_alpha = -COULOMB_EV_ANGSTROM / 3.0 * im_vchiv;
    2.0 * omega * im_alpha / (std::f64::consts::PI * POLARISABILITY_PER_STRENGTH)
}

/// The inverse of a symmetric positive-definite matrix (Cholesky).
fn invert_spd(m: &Array2<f64>) -> Result<Array2<f64>> {
    let n = m.nrows();
    let a = Mat::<f64>::from_fn(n, n, |i, j| m[[i, j]]);
    let chol = a.llt(faer::Side::Lower).map_err(|e| {
        Error::Eigen(format!(
            "the Coulomb kernel is not positive definite: {e:?}"
        ))
    })?;
    let inv = chol.solve(Mat::<f64>::identity(n, n));
    Ok(Array2::from_shape_fn((n, n), |(i, j)| inv[(i, j)]))
}

/// Photon energies (eV) at which the Dyson equation is solved for `grid`:
/// every grid point when the grid is no finer than FWHM/8, else every
/// m-th point (m = ⌊FWHM/8 ÷ step⌋, the last point always included).
pub fn solve_points(grid: &crate::spectrum::EnergyGrid, fwhm: f64) -> Vec<usize> {
    let stride = ((fwhm / 8.0) / grid.step()).floor().max(1.0) as usize;
    let mut points: Vec<usize> = (0..grid.points).step_by(stride).collect();
    if points.last() != Some(&(grid.points - 1)) {
        points.push(grid.points - 1);
    }
    points
}

/// Values at every grid point from values at `points` (indices into the
/// grid, ascending): cubic Catmull–Rom between samples (linear in the
/// first and last interval).
pub fn interpolate(points: &[usize], values: &[f64], grid_points: usize) -> Vec<f64> {
    let mut out = vec![0.0; grid_points];
    for s in 0..points.len() {
        out[points[s]] = values[s];
        let Some(&next) = points.get(s + 1) else {
            break;
        };
        let (x0, x1) = (points[s], next);
        for (k, slot) in out.iter_mut().enumerate().take(x1).skip(x0 + 1) {
            let t = (k - x0) as f64 / (x1 - x0) as f64;
            let (p1, p2) = (values[s], values[s + 1]);
            *slot = if s == 0 || s + 2 >= points.len() {
                p1 + t * (p2 - p1)
            } else {
                // Tangents from the neighbours (uniform spacing).
                let (p0, p3) = (values[s - 1], values[s + 2]);
                let (m1, m2) = (0.5 * (p2 - p0), 0.5 * (p3 - p1));
                let (t2, t3) = (t * t, t * t * t);
                (2.0 * t3 - 3.0 * t2 + 1.0) * p1
                    + (t3 - 2.0 * t2 + t) * m1
                    + (-2.0 * t3 + 3.0 * t2) * p2
                    + (t3 - t2) * m2
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolation_is_exact_at_samples_and_close_for_smooth_curves() {
        let grid = crate::spectrum::EnergyGrid::new(1.0, 3.0, 401).unwrap();
        let points = solve_points(&grid, 0.2);
        assert_eq!(points[1] - points[0], 5); // 0.025 eV / 0.005 eV
        assert_eq!(*points.last().unwrap(), 400);
        let f = |e: f64| 1.0 / ((e - 2.0).powi(2) + 0.01);
        let values: Vec<f64> = points.iter().map(|&k| f(grid.energy(k))).collect();
        let all = interpolate(&points, &values, grid.points);
        let peak = f(2.0);
        for (k, v) in all.iter().enumerate() {
            assert!((v - f(grid.energy(k))).abs() < 2e-3 * peak, "at {k}");
        }
        for (&k, v) in points.iter().zip(&values) {
            assert_eq!(all[k], *v);
        }
    }
}
