//! Drivers of shaders/transition_charges.wgsl and
//! shaders/spectral_weights.wgsl: the collective response's transition
//! charges and the spectral weights of χ⁰ on the GPU (f32), split so that
//! every buffer fits one binding and no invocation loops more than
//! [`SEGMENT`] times. CPU twins: [`crate::solve::charges::transition_charges`]
//! and [`crate::solve::spectral_weights::accumulate`].

use bytemuck::{Pod, Zeroable};
use ndarray::Array2;

use super::buffers::{Recorder, read_back, storage, uniform, zeroed};
use super::context::GpuContext;
use super::kernel::Kernel;
use super::shaders::{SPECTRAL_WEIGHTS, TRANSITION_CHARGES};
use crate::error::{Error, Result};
use crate::solve::eigen::Orbitals;
use crate::solve::layout::OrbitalLayout;
use crate::solve::spectral_weights::packed_len;

/// Pairs per pass of the spectral kernel (loop iterations per invocation).
pub const SEGMENT: u32 = 16384;

/// Mirrors WGSL `Params` in shaders/transition_charges.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct ChargeParams {
    pub n_basis: u32,
    pub columns: u32,
    pub n_pairs: u32,
    pub n_atoms: u32,
}
const _: () = assert!(std::mem::size_of::<ChargeParams>() == 16);

/// Mirrors WGSL `Params` in shaders/spectral_weights.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct SpectralParams {
    pub n_atoms: u32,
    pub n_pairs: u32,
    pub seg_begin: u32,
    pub seg_len: u32,
}
const _: () = assert!(std::mem::size_of::<SpectralParams>() == 16);

/// Transition charges (atoms × pairs) of orbital pairs (i, a).
pub fn transition_charges(
    ctx: &GpuContext,
    orbitals: &Orbitals,
    layout: &OrbitalLayout,
    pairs: &[(u32, u32)],
) -> Result<Array2<f64>> {
    let n = layout.len();
    let atoms = layout.atom_offset.len();
    // Each group's orbitals (an atom's, or a charge site's) as one span,
    // from the orbital → group map the CPU twin reads.
    let mut spans = vec![[u32::MAX, 0u32]; atoms];
    for (mu, &g) in layout.orbital_atom.iter().enumerate() {
        let span = &mut spans[g];
        span[0] = span[0].min(mu as u32);
        span[1] += 1;
    }
    let contiguous = layout
        .orbital_atom
        .iter()
        .enumerate()
        .all(|(mu, &g)| (mu as u32) < spans[g][0] + spans[g][1]);
    if !contiguous {
        return Err(Error::gpu(
            Kernel::Charges.name(),
            "the orbitals of a group are not contiguous",
        ));
    }
    for span in &mut spans {
        span[0] = span[0].min(n as u32);
    }
    // Pairs per chunk: their charges and their (at most 2 per pair)
    // coefficient columns must each fit one binding.
    let per_chunk = (ctx.max_binding / (4 * atoms.max(1) as u64))
        .min(ctx.max_binding / (8 * n.max(1) as u64))
        .min(64 * ctx.max_workgroups as u64) as usize;
    if per_chunk == 0 {
        return Err(Error::gpu(
            Kernel::Charges.name(),
            format!("{atoms} atoms of {n} orbitals do not fit one binding"),
        ));
    }
    if (atoms as u32).div_ceil(4) > ctx.max_workgroups {
        return Err(Error::gpu(
            Kernel::Charges.name(),
            format!("{atoms} atoms need more than the device's workgroups per dimension"),
        ));
    }
    let mut q = Array2::<f64>::zeros((atoms, pairs.len()));
    ctx.guarded(Kernel::Charges, |ctx| {
        let spans_buf = storage(ctx, "atom_orbitals", &spans);
        let mut start = 0;
        for chunk in pairs.chunks(per_chunk) {
            // The distinct orbitals of this chunk, as columns.
            let mut column_of = std::collections::HashMap::new();
            let mut columns: Vec<usize> = Vec::new();
            let mut local = Vec::with_capacity(chunk.len());
            for &(i, a) in chunk {
                let mut col = |o: u32| {
                    *column_of.entry(o).or_insert_with(|| {
                        columns.push(o as usize);
                        (columns.len() - 1) as u32
                    })
                };
                local.push([col(i), col(a)]);
            }
            let c = &orbitals.coefficients;
            let mut coefficients = Vec::with_capacity(n * columns.len());
            for mu in 0..n {
                coefficients.extend(columns.iter().map(|&o| c[[mu, o]] as f32));
            }
            let params = uniform(
                ctx,
                "charge_params",
                &ChargeParams {
                    n_basis: n as u32,
                    columns: columns.len() as u32,
                    n_pairs: chunk.len() as u32,
                    n_atoms: atoms as u32,
                },
            );
            let c_buf = storage(ctx, "coefficients", &coefficients);
            let p_buf = storage(ctx, "pairs", &local);
            let out = zeroed(ctx, "charges", (4 * atoms * chunk.len()) as u64);
            let mut recorder = Recorder::new(ctx);
            recorder.dispatch(
                &TRANSITION_CHARGES,
                &[&params, &c_buf, &p_buf, &spans_buf, &out],
                (
                    (chunk.len() as u32).div_ceil(64),
                    (atoms as u32).div_ceil(4),
                    1,
                ),
            );
            recorder.submit();
            let values: Vec<f32> = read_back(ctx, &out, atoms * chunk.len())?;
            for a in 0..atoms {
                for p in 0..chunk.len() {
                    q[[a, start + p]] = values[a * chunk.len() + p] as f64;
                }
            }
            start += chunk.len();
        }
        Ok(())
    })?;
    Ok(q)
}

/// Packed spectral weights per node (node after node) from transition
/// charges `q` (atoms × pairs, grouped by node in `ranges`) and weights.
pub fn spectral_weights(
    ctx: &GpuContext,
    q: &Array2<f64>,
    weights: &[f64],
    ranges: &[(usize, usize)],
) -> Result<Vec<f64>> {
    let (atoms, n_pairs) = q.dim();
    let len = packed_len(atoms);
    let per_dispatch =
        ((ctx.max_binding / (4 * len.max(1) as u64)) as usize).min(ctx.max_workgroups as usize);
    let tiles = (atoms as u32).div_ceil(16);
    if per_dispatch == 0
        || (4 * atoms * n_pairs) as u64 > ctx.max_binding
        || tiles > ctx.max_workgroups
    {
        return Err(Error::gpu(
            Kernel::Spectral.name(),
            format!("{atoms} atoms × {n_pairs} pairs do not fit one binding"),
        ));
    }
    let charges: Vec<f32> = q.iter().map(|&x| x as f32).collect();
    let w: Vec<f32> = weights.iter().map(|&x| x as f32).collect();
    ctx.guarded(Kernel::Spectral, |ctx| {
        let q_buf = storage(ctx, "charges", &charges);
        let w_buf = storage(ctx, "weights", &w);
        let mut packed = Vec::with_capacity(len * ranges.len());
        for group in ranges.chunks(per_dispatch) {
            let spans: Vec<[u32; 2]> = group.iter().map(|r| [r.0 as u32, r.1 as u32]).collect();
            let widest = group.iter().map(|r| r.1 - r.0).max().unwrap_or(0) as u32;
            let r_buf = storage(ctx, "ranges", &spans);
            let out = zeroed(ctx, "packed", (4 * len * group.len()) as u64);
            let mut recorder = Recorder::new(ctx);
            for pass in 0..widest.div_ceil(SEGMENT).max(1) {
                let params = uniform(
                    ctx,
                    "spectral_params",
                    &SpectralParams {
                        n_atoms: atoms as u32,
                        n_pairs: n_pairs as u32,
                        seg_begin: pass * SEGMENT,
                        seg_len: SEGMENT,
                    },
                );
                recorder.dispatch(
                    &SPECTRAL_WEIGHTS,
                    &[&params, &q_buf, &w_buf, &r_buf, &out],
                    (tiles, tiles, group.len() as u32),
                );
            }
            recorder.submit();
            let values: Vec<f32> = read_back(ctx, &out, len * group.len())?;
            packed.extend(values.into_iter().map(f64::from));
        }
        Ok(packed)
    })
}
