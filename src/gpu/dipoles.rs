//! Drivers of shaders/dipole_gemm.wgsl and shaders/oscillator.wgsl: the
//! transition list on the GPU in f32 (eigenvectors arrive as f32 copies),
//! tiled over occupied × empty blocks that each fit one storage binding.

use bytemuck::{Pod, Zeroable};

use super::buffers::{dispatch, dispatch_xyz, pipeline, read_back, storage, uniform, zeroed};
use super::context::GpuContext;
use crate::error::{Error, Result};
use crate::solve::eigen::Orbitals;
use crate::solve::transitions::{Transition, donors_and_acceptors, sort_by_energy};
use crate::units::OSC_PREFACTOR;

/// WGSL source of the dipole GEMM.
pub const GEMM_SHADER: &str = include_str!("../../shaders/dipole_gemm.wgsl");
/// WGSL source of the oscillator-strength kernel.
pub const OSCILLATOR_SHADER: &str = include_str!("../../shaders/oscillator.wgsl");

/// Mirrors WGSL `Params` in shaders/dipole_gemm.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GemmParams {
    pub n_basis: u32,
    pub occ_count: u32,
    pub virt_count: u32,
    pub pad: u32,
}
const _: () = assert!(std::mem::size_of::<GemmParams>() == 16);

/// Mirrors WGSL `Params` in shaders/oscillator.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct OscillatorParams {
    pub occ_count: u32,
    pub virt_count: u32,
    pub prefactor: f32,
    pub pad: u32,
}
const _: () = assert!(std::mem::size_of::<OscillatorParams>() == 16);

/// Block sizes (occupied, empty) such that every buffer of a block fits
/// `max_binding` bytes and each dispatch dimension stays within
/// `max_workgroups` groups of 16.
pub fn block_sizes(
    n_basis: usize,
    n_occ: usize,
    n_virt: usize,
    max_binding: u64,
    max_workgroups: u32,
) -> Result<(usize, usize)> {
    let cols = (max_binding / (4 * n_basis.max(1) as u64)) as usize;
    if cols == 0 {
        return Err(Error::Gpu(format!(
            "one orbital of {n_basis} coefficients exceeds the binding limit"
        )));
    }
    let per_dim = 16 * max_workgroups as usize;
    let virt = n_virt.min(cols).min(per_dim).max(1);
    let occ = n_occ
        .min(cols)
        .min((max_binding / (12 * virt as u64)) as usize)
        .min(per_dim)
        .max(1);
    Ok((occ, virt))
}

/// The f32 copy of the coefficient columns `set`, row-major (basis × set).
pub fn coefficient_columns(orbitals: &Orbitals, set: &[usize]) -> Vec<f32> {
    let c = &orbitals.coefficients;
    let mut out = Vec::with_capacity(c.nrows() * set.len());
    for k in 0..c.nrows() {
        out.extend(set.iter().map(|&col| c[[k, col]] as f32));
    }
    out
}

/// Every transition i → a with Eₐ > Eᵢ and nᵢ > nₐ (decided in f64 on the
/// host), dipoles and oscillator strengths from the GPU, sorted by energy.
pub fn transitions(
    ctx: &GpuContext,
    orbitals: &Orbitals,
    occupations: &[f64],
    orbital_positions: &[[f64; 3]],
) -> Result<Vec<Transition>> {
    let n = orbital_positions.len();
    let centre: [f64; 3] = std::array::from_fn(|d| {
        orbital_positions.iter().map(|p| p[d]).sum::<f64>() / n.max(1) as f64
    });
    let pos: Vec<[f32; 4]> = orbital_positions
        .iter()
        .map(|p| {
            [
                (p[0] - centre[0]) as f32,
                (p[1] - centre[1]) as f32,
                (p[2] - centre[2]) as f32,
                0.0,
            ]
        })
        .collect();
    let (occupied, empty) = donors_and_acceptors(occupations);
    let e = &orbitals.energies;
    // Energies relative to the middle of the spectrum keep f32 differences accurate.
    let mid = 0.5 * (e.first().copied().unwrap_or(0.0) + e.last().copied().unwrap_or(0.0));
    let (occ_block, virt_block) = block_sizes(
        n,
        occupied.len(),
        empty.len(),
        ctx.max_binding,
        ctx.max_workgroups,
    )?;
    let columns = |set: &[usize]| coefficient_columns(orbitals, set);
    let levels = |set: &[usize]| -> Vec<[f32; 2]> {
        set.iter()
            .map(|&i| [(e[i] - mid) as f32, occupations[i] as f32])
            .collect()
    };

    ctx.guarded("dipoles", |ctx| {
        let gemm = pipeline(ctx, "dipole_gemm", GEMM_SHADER);
        let osc = pipeline(ctx, "oscillator", OSCILLATOR_SHADER);
        let pos_buf = storage(ctx, "positions", &pos);
        let mut out = Vec::new();
        for virt in empty.chunks(virt_block) {
            let virt_buf = storage(ctx, "c_virt", &columns(virt));
            let virt_levels = storage(ctx, "virt_levels", &levels(virt));
            for occ in occupied.chunks(occ_block) {
                let occ_buf = storage(ctx, "c_occ", &columns(occ));
                let occ_levels = storage(ctx, "occ_levels", &levels(occ));
                let cells = occ.len() * virt.len();
                let dip = zeroed(ctx, "dipoles", (12 * cells) as u64);
                let strength = zeroed(ctx, "strengths", (4 * cells) as u64);
                let gp = uniform(
                    ctx,
                    "gemm_params",
                    &GemmParams {
                        n_basis: n as u32,
                        occ_count: occ.len() as u32,
                        virt_count: virt.len() as u32,
                        pad: 0,
                    },
                );
                let groups = (
                    (virt.len() as u32).div_ceil(16),
                    (occ.len() as u32).div_ceil(16),
                );
                dispatch(
                    ctx,
                    &gemm,
                    &[&gp, &occ_buf, &virt_buf, &pos_buf, &dip],
                    groups,
                );
                let op = uniform(
                    ctx,
                    "osc_params",
                    &OscillatorParams {
                        occ_count: occ.len() as u32,
                        virt_count: virt.len() as u32,
                        prefactor: OSC_PREFACTOR as f32,
                        pad: 0,
                    },
                );
                dispatch(
                    ctx,
                    &osc,
                    &[&op, &dip, &occ_levels, &virt_levels, &strength],
                    groups,
                );
                let d: Vec<f32> = read_back(ctx, &dip, 3 * cells)?;
                let f: Vec<f32> = read_back(ctx, &strength, cells)?;
                for (ii, &i) in occ.iter().enumerate() {
                    for (aa, &a) in virt.iter().enumerate() {
                        let de = e[a] - e[i];
                        let dn = occupations[i] - occupations[a];
                        if de <= 0.0 || dn <= 1e-10 {
                            continue;
                        }
                        let idx = ii * virt.len() + aa;
                        out.push(Transition {
                            from: i as u32,
                            to: a as u32,
                            energy: de,
                            dipole: [
                                d[idx] as f64,
                                d[cells + idx] as f64,
                                d[2 * cells + idx] as f64,
                            ],
                            oscillator_strength: f[idx] as f64,
                        });
                    }
                }
            }
        }
        sort_by_energy(&mut out);
        Ok(out)
    })
}

/// One configuration of a batch: eigenpairs, occupations, orbital positions (Å).
pub type BatchItem<'a> = (&'a Orbitals, &'a [f64], &'a [[f64; 3]]);

/// The transition lists of a batch of configurations of one basis size in
/// one dispatch of each kernel (workgroup z = configuration), occupied and
/// empty sets padded with zero columns to the largest in the batch. Falls
/// back to one configuration at a time when the batch does not fit one
/// binding.
pub fn transitions_batch(ctx: &GpuContext, items: &[BatchItem]) -> Result<Vec<Vec<Transition>>> {
    let Some(first) = items.first() else {
        return Ok(Vec::new());
    };
    let n = first.2.len();
    let sets: Vec<(Vec<usize>, Vec<usize>)> =
        items.iter().map(|it| donors_and_acceptors(it.1)).collect();
    let no = sets.iter().map(|s| s.0.len()).max().unwrap_or(0).max(1);
    let nv = sets.iter().map(|s| s.1.len()).max().unwrap_or(0).max(1);
    let b = items.len();
    let biggest = [b * n * no, b * n * nv, 3 * b * no * nv]
        .into_iter()
        .max()
        .unwrap_or(0) as u64
        * 4;
    let same_size = items.iter().all(|it| it.2.len() == n);
    if !same_size
        || biggest > ctx.max_binding
        || (nv as u32).div_ceil(16) > ctx.max_workgroups
        || (no as u32).div_ceil(16) > ctx.max_workgroups
        || b as u32 > ctx.max_workgroups
    {
        return items
            .iter()
            .map(|it| transitions(ctx, it.0, it.1, it.2))
            .collect();
    }
    let mut c_occ = vec![0f32; b * n * no];
    let mut c_virt = vec![0f32; b * n * nv];
    let mut pos = vec![[0f32; 4]; b * n];
    let mut occ_levels = vec![[0f32; 2]; b * no];
    let mut virt_levels = vec![[0f32; 2]; b * nv];
    for (z, ((orb, occ, p), (os, vs))) in items.iter().zip(&sets).enumerate() {
        let centre: [f64; 3] =
            std::array::from_fn(|d| p.iter().map(|x| x[d]).sum::<f64>() / n as f64);
        for k in 0..n {
            pos[z * n + k] = [
                (p[k][0] - centre[0]) as f32,
                (p[k][1] - centre[1]) as f32,
                (p[k][2] - centre[2]) as f32,
                0.0,
            ];
            for (i, &col) in os.iter().enumerate() {
                c_occ[z * n * no + k * no + i] = orb.coefficients[[k, col]] as f32;
            }
            for (a, &col) in vs.iter().enumerate() {
                c_virt[z * n * nv + k * nv + a] = orb.coefficients[[k, col]] as f32;
            }
        }
        let e = &orb.energies;
        let mid = 0.5 * (e.first().copied().unwrap_or(0.0) + e.last().copied().unwrap_or(0.0));
        for (i, &col) in os.iter().enumerate() {
            occ_levels[z * no + i] = [(e[col] - mid) as f32, occ[col] as f32];
        }
        for (a, &col) in vs.iter().enumerate() {
            virt_levels[z * nv + a] = [(e[col] - mid) as f32, occ[col] as f32];
        }
    }
    let (d, f) = ctx.guarded("dipoles", |ctx| {
        let gemm = pipeline(ctx, "dipole_gemm", GEMM_SHADER);
        let osc = pipeline(ctx, "oscillator", OSCILLATOR_SHADER);
        let bufs = (
            storage(ctx, "c_occ", &c_occ),
            storage(ctx, "c_virt", &c_virt),
            storage(ctx, "positions", &pos),
        );
        let levels = (
            storage(ctx, "occ_levels", &occ_levels),
            storage(ctx, "virt_levels", &virt_levels),
        );
        let dip = zeroed(ctx, "dipoles", (12 * b * no * nv) as u64);
        let strength = zeroed(ctx, "strengths", (4 * b * no * nv) as u64);
        let groups = ((nv as u32).div_ceil(16), (no as u32).div_ceil(16), b as u32);
        let gp = uniform(
            ctx,
            "gemm_params",
            &GemmParams {
                n_basis: n as u32,
                occ_count: no as u32,
                virt_count: nv as u32,
                pad: 0,
            },
        );
        dispatch_xyz(ctx, &gemm, &[&gp, &bufs.0, &bufs.1, &bufs.2, &dip], groups);
        let op = uniform(
            ctx,
            "osc_params",
            &OscillatorParams {
                occ_count: no as u32,
                virt_count: nv as u32,
                prefactor: OSC_PREFACTOR as f32,
                pad: 0,
            },
        );
        dispatch_xyz(
            ctx,
            &osc,
            &[&op, &dip, &levels.0, &levels.1, &strength],
            groups,
        );
        Ok((
            read_back::<f32>(ctx, &dip, 3 * b * no * nv)?,
            read_back::<f32>(ctx, &strength, b * no * nv)?,
        ))
    })?;
    let cells = no * nv;
    Ok(items
        .iter()
        .zip(&sets)
        .enumerate()
        .map(|(z, ((orb, occ, _), (os, vs)))| {
            let e = &orb.energies;
            let mut list = Vec::new();
            for (ii, &i) in os.iter().enumerate() {
                for (aa, &a) in vs.iter().enumerate() {
                    let (de, dn) = (e[a] - e[i], occ[i] - occ[a]);
                    if de <= 0.0 || dn <= 1e-10 {
                        continue;
                    }
                    let idx = ii * nv + aa;
                    let base = z * 3 * cells;
                    list.push(Transition {
                        from: i as u32,
                        to: a as u32,
                        energy: de,
                        dipole: [
                            d[base + idx] as f64,
                            d[base + cells + idx] as f64,
                            d[base + 2 * cells + idx] as f64,
                        ],
                        oscillator_strength: f[z * cells + idx] as f64,
                    });
                }
            }
            sort_by_energy(&mut list);
            list
        })
        .collect())
}
