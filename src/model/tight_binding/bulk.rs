//! Bulk fcc bands of a parameter set (Bloch sums over the neighbour shells
//! inside the cut-off), used to fit and to check the shipped parameters.

use faer::{Mat, Side, c64};

use super::TightBinding;
use super::slater_koster::{ORBITAL_L, block};
use crate::error::{Error, Result};
use crate::structure::Element;

/// Facts the shipped sets are fitted to, per element (eV).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BulkTargets {
    /// Free-electron Fermi energy above the band bottom (Ashcroft & Mermin,
    /// *Solid State Physics*, table 2.1): Cu 7.00, Ag 5.49, Au 5.53.
    pub fermi_above_bottom: f64,
    /// Polycrystalline work function (Michaelson, J. Appl. Phys. 48, 4729
    /// (1977)): Cu 4.65, Ag 4.26, Au 5.10. The Fermi level is put at −W, so
    /// that charge flows from Ag (and Cu) to Au in an alloy.
    pub work_function: f64,
    /// Interband threshold E_F − (top of the d band) (docs/physics.md): Cu 2.1,
    /// Ag 3.9, Au 2.4.
    pub interband_threshold: f64,
}

/// The fit targets of a coinage metal.
pub fn targets(element: Element) -> Option<BulkTargets> {
    let t = |a, b, c| BulkTargets {
        fermi_above_bottom: a,
        work_function: b,
        interband_threshold: c,
    };
    match element {
        Element::Cu => Some(t(7.00, 4.65, 2.1)),
        Element::Ag => Some(t(5.49, 4.26, 3.9)),
        Element::Au => Some(t(5.53, 5.10, 2.4)),
        _ => None,
    }
}

/// What the fits look at in a bulk band structure (eV).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BulkSummary {
    pub fermi_level: f64,
    /// Bottom of the sp band: the lowest state with d weight below ½ (Γ₁).
    pub band_bottom: f64,
    /// The highest state whose weight on the d orbitals exceeds ½ (the top
    /// of the d band: X₅ in the noble metals); `None` without d orbitals.
    pub d_band_top: Option<f64>,
}

/// Bulk band energies (eV) and the d-orbital weight of each state, per k.
#[derive(Clone, Debug)]
pub struct BulkBands {
    pub energies: Vec<Vec<f64>>,
    pub d_weight: Vec<Vec<f64>>,
}

/// Sorted band energies (eV) of bulk fcc `element` on an n×n×n grid over the
/// cube of side 4π/a (two Brillouin zones, sampled uniformly).
pub fn fcc_bands(model: &TightBinding, element: Element, n: usize) -> Result<BulkBands> {
    let d = element
        .bulk_nearest_neighbour()
        .ok_or_else(|| Error::invalid(format!("{element} has no bulk bond length")))?;
    let a = 2f64.sqrt() * d;
    let p = model.params.element(element)?;
    let shells = p.shells.unwrap_or(model.params.shells);
    let norb = shells.orbital_count();
    let onsite = [
        p.onsite_s,
        p.onsite_p.unwrap_or(0.0),
        p.onsite_d.unwrap_or(0.0),
    ];
    let range = model.max_range();
    let span = (2.0 * range / a).ceil() as i64 + 1;
    // Neighbour vectors and their hopping blocks.
    let mut hops = Vec::new();
    for i in -span..=span {
        for j in -span..=span {
            for k in -span..=span {
                if (i + j + k).rem_euclid(2) != 0 || (i, j, k) == (0, 0, 0) {
                    continue;
                }
                let r = [i as f64 * a / 2.0, j as f64 * a / 2.0, k as f64 * a / 2.0];
                let dist = (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]).sqrt();
                if dist > range {
                    continue;
                }
                let v = model.bond_integrals(element, element, dist)?;
                hops.push((r, block(r.map(|x| x / dist), &v)));
            }
        }
    }
    let kmax = 4.0 * std::f64::consts::PI / a;
    let mut bands = BulkBands {
        energies: Vec::with_capacity(n * n * n),
        d_weight: Vec::with_capacity(n * n * n),
    };
    for ix in 0..n {
        for iy in 0..n {
            for iz in 0..n {
                let kv = [ix, iy, iz].map(|q| (q as f64 + 0.5) / n as f64 * kmax);
                let mut h = Mat::<c64>::zeros(norb, norb);
                for o in 0..norb {
                    h[(o, o)] = c64::new(onsite[ORBITAL_L[o] as usize], 0.0);
                }
                for (r, b) in &hops {
                    let phase = kv[0] * r[0] + kv[1] * r[1] + kv[2] * r[2];
                    let e = c64::new(phase.cos(), phase.sin());
                    for x in 0..norb {
                        for y in 0..norb {
                            h[(x, y)] += e * b[x][y];
                        }
                    }
                }
                let evd = h
                    .self_adjoint_eigen(Side::Lower)
                    .map_err(|e| Error::Eigen(format!("{e:?}")))?;
                let (s, u) = (evd.S(), evd.U());
                bands.energies.push((0..norb).map(|i| s[i].re).collect());
                bands.d_weight.push(
                    (0..norb)
                        .map(|i| (4..norb).map(|o| u[(o, i)].norm_sqr()).sum())
                        .collect(),
                );
            }
        }
    }
    Ok(bands)
}

/// Fermi level (half-way between the last filled and first empty state for
/// `valence` electrons per atom), band bottom and d-band top.
pub fn summarise(bands: &BulkBands, valence: u32) -> BulkSummary {
    let mut all: Vec<f64> = bands.energies.iter().flatten().copied().collect();
    all.sort_by(f64::total_cmp);
    let filled = (valence as usize * bands.energies.len()) / 2;
    let fermi_level = 0.5 * (all[filled.saturating_sub(1)] + all[filled.min(all.len() - 1)]);
    let d_band_top = bands
        .energies
        .iter()
        .flatten()
        .zip(bands.d_weight.iter().flatten())
        .filter(|(_, w)| **w > 0.5)
        .map(|(e, _)| *e)
        .reduce(f64::max);
    BulkSummary {
        fermi_level,
        band_bottom: bands
            .energies
            .iter()
            .flatten()
            .zip(bands.d_weight.iter().flatten())
            .filter(|(_, w)| **w < 0.5)
            .map(|(e, _)| *e)
            .fold(f64::INFINITY, f64::min),
        d_band_top,
    }
}

/// Bulk summary of `element` in `model` on an n³ grid.
pub fn fcc_summary(model: &TightBinding, element: Element, n: usize) -> Result<BulkSummary> {
    let valence = model.params.element(element)?.valence;
    Ok(summarise(&fcc_bands(model, element, n)?, valence))
}

/// Shifts every on-site energy of `element` by `delta` eV.
pub fn shift_onsite(model: &mut TightBinding, element: Element, delta: f64) {
    if let Some(p) = model
        .params
        .elements
        .iter_mut()
        .find(|e| e.symbol == element)
    {
        p.onsite_s += delta;
        p.onsite_p = p.onsite_p.map(|x| x + delta);
        p.onsite_d = p.onsite_d.map(|x| x + delta);
    }
}

/// Refits `element` of `model` in place to [`targets`], then a rigid shift
/// of its on-site energies puts E_F at −W.
///
/// s model: the homonuclear ssσ is scaled so that E_F − (band bottom) is the
/// free-electron value. spd model: Harrison's sp integrals are made for
/// fourfold coordination and give a far too wide sp band in fcc, so the
/// homonuclear ssσ, spσ, ppσ, ppπ are scaled by one factor κ until
/// E_F − Γ₁ is the free-electron value (secant iteration on ln κ), with ε_d
/// set for every trial κ (bisection) so that E_F − (d-band top) is the
/// interband threshold.
pub fn fit(model: &mut TightBinding, element: Element, n: usize) -> Result<BulkSummary> {
    let t =
        targets(element).ok_or_else(|| Error::invalid(format!("no fit targets for {element}")))?;
    let spd = model.params.element(element)?.onsite_d.is_some();
    let start = model.clone();
    // g(u): E_F − bottom − target at κ = eᵘ, with ε_d refitted.
    let trial = |u: f64| -> Result<(f64, TightBinding)> {
        let mut m = start.clone();
        scale_sp_integrals(&mut m, element, u.exp(), spd)?;
        if spd {
            fit_d_level(&mut m, element, n, t.interband_threshold)?;
        }
        let s = fcc_summary(&m, element, n)?;
        Ok((s.fermi_level - s.band_bottom - t.fermi_above_bottom, m))
    };
    let (mut u0, (mut g0, mut best)) = (0.0, trial(0.0)?);
    let mut u1 = (t.fermi_above_bottom / (g0 + t.fermi_above_bottom)).ln();
    for _ in 0..30 {
        if g0.abs() < 1e-3 {
            break;
        }
        let (g1, m1) = trial(u1)?;
        if g1.abs() < g0.abs() {
            best = m1;
        }
        if g1.abs() < 1e-3 || g1 == g0 {
            break;
        }
        let next = u1 - g1 * (u1 - u0) / (g1 - g0);
        (u0, g0) = (u1, g1);
        u1 = u0 + (next - u0).clamp(-0.5, 0.5);
    }
    *model = best;
    let s = fcc_summary(model, element, n)?;
    shift_onsite(model, element, -t.work_function - s.fermi_level);
    fcc_summary(model, element, n)
}

/// Multiplies the homonuclear ssσ (and, with `all_sp`, spσ, ppσ, ppπ) by `scale`.
fn scale_sp_integrals(
    model: &mut TightBinding,
    element: Element,
    scale: f64,
    all_sp: bool,
) -> Result<()> {
    let name = model.params.name.clone();
    let pair = model
        .params
        .pairs
        .iter_mut()
        .find(|p| p.elements == [element, element])
        .ok_or_else(|| Error::Model {
            model: name,
            message: format!("no {element}-{element} pair"),
        })?;
    pair.ss_sigma *= scale;
    if all_sp {
        pair.sp_sigma *= scale;
        pair.pp_sigma *= scale;
        pair.pp_pi *= scale;
    }
    Ok(())
}

fn set_onsite_d(model: &mut TightBinding, element: Element, value: f64) {
    if let Some(p) = model
        .params
        .elements
        .iter_mut()
        .find(|e| e.symbol == element)
    {
        p.onsite_d = Some(value);
    }
}

/// Sets ε_d by bisection so that E_F − (d-band top) = `threshold`.
fn fit_d_level(model: &mut TightBinding, element: Element, n: usize, threshold: f64) -> Result<()> {
    let base = model.params.element(element)?.onsite_d.unwrap_or(0.0);
    let (mut lo, mut hi) = (-12.0, 12.0);
    for _ in 0..36 {
        let mid = 0.5 * (lo + hi);
        set_onsite_d(model, element, base + mid);
        let s = fcc_summary(model, element, n)?;
        let gap = s.fermi_level - s.d_band_top.unwrap_or(s.fermi_level);
        // Raising ε_d brings the d band up towards E_F: the gap shrinks.
        if gap > threshold { lo = mid } else { hi = mid }
    }
    set_onsite_d(model, element, base + 0.5 * (lo + hi));
    Ok(())
}
