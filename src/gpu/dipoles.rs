//! Drivers of shaders/dipole_gemm.wgsl and shaders/oscillator.wgsl: the
//! transition list on the GPU in f32 (eigenvectors arrive as f32 copies),
//! tiled over occupied × empty blocks that each fit one storage binding,
//! or for a batch of configurations of one size in one dispatch
//! (workgroup z = configuration).

use bytemuck::{Pod, Zeroable};

use super::buffers::{Recorder, read_back, storage, uniform, zeroed};
use super::context::GpuContext;
use super::kernel::Kernel;
use super::shaders::{DIPOLE_GEMM, OSCILLATOR};
use crate::error::{Error, Result};
use crate::solve::eigen::Orbitals;
use crate::solve::transitions::{Transition, donors_and_acceptors, sort_by_energy};
use crate::structure::centred;
use crate::units::OSC_PREFACTOR;

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
        return Err(Error::gpu(
            Kernel::Dipoles.name(),
            format!("one orbital of {n_basis} coefficients exceeds the binding limit"),
        ));
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

/// Positions as the kernel reads them: centred, f32, padded to vec4.
fn gpu_positions(orbital_positions: &[[f64; 3]]) -> Vec<[f32; 4]> {
    centred(orbital_positions)
        .iter()
        .map(|p| [p[0] as f32, p[1] as f32, p[2] as f32, 0.0])
        .collect()
}

/// (energy relative to the middle of the spectrum, occupation) of each
/// orbital of `set`: relative energies keep f32 differences accurate.
fn gpu_levels(orbitals: &Orbitals, occupations: &[f64], set: &[usize]) -> Vec<[f32; 2]> {
    let e = &orbitals.energies;
    let mid = 0.5 * (e.first().copied().unwrap_or(0.0) + e.last().copied().unwrap_or(0.0));
    set.iter()
        .map(|&i| [(e[i] - mid) as f32, occupations[i] as f32])
        .collect()
}

/// The transitions of one occupied × empty block from the kernel's outputs
/// (`d`: 3 planes of cells, `f`: one plane, each block-local row-major);
/// which pairs count is decided in f64 on the host, as on the CPU.
fn block_transitions(
    orbitals: &Orbitals,
    occupations: &[f64],
    (occ, virt): (&[usize], &[usize]),
    (d, f): (&[f32], &[f32]),
    out: &mut Vec<Transition>,
) {
    let e = &orbitals.energies;
    let (cols, cells) = (virt.len(), f.len());
    for (ii, &i) in occ.iter().enumerate() {
        for (aa, &a) in virt.iter().enumerate() {
            let de = e[a] - e[i];
            let dn = occupations[i] - occupations[a];
            if de <= 0.0 || dn <= 1e-10 {
                continue;
            }
            let idx = ii * cols + aa;
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

/// Records the GEMM and the oscillator strengths of one block (or batch:
/// `batch` configurations along workgroup z); returns the output buffers.
#[allow(clippy::too_many_arguments)]
fn record_block(
    ctx: &GpuContext,
    recorder: &mut Recorder,
    n_basis: usize,
    (occ_count, virt_count, batch): (usize, usize, usize),
    c_occ: &wgpu::Buffer,
    c_virt: &wgpu::Buffer,
    positions: &wgpu::Buffer,
    levels: (&wgpu::Buffer, &wgpu::Buffer),
) -> (wgpu::Buffer, wgpu::Buffer) {
    let cells = batch * occ_count * virt_count;
    let dip = zeroed(ctx, "dipoles", (12 * cells) as u64);
    let strength = zeroed(ctx, "strengths", (4 * cells) as u64);
    let gp = uniform(
        ctx,
        "gemm_params",
        &GemmParams {
            n_basis: n_basis as u32,
            occ_count: occ_count as u32,
            virt_count: virt_count as u32,
            pad: 0,
        },
    );
    let op = uniform(
        ctx,
        "osc_params",
        &OscillatorParams {
            occ_count: occ_count as u32,
            virt_count: virt_count as u32,
            prefactor: OSC_PREFACTOR as f32,
            pad: 0,
        },
    );
    let groups = (
        (virt_count as u32).div_ceil(16),
        (occ_count as u32).div_ceil(16),
        batch as u32,
    );
    recorder.dispatch(&DIPOLE_GEMM, &[&gp, c_occ, c_virt, positions, &dip], groups);
    recorder.dispatch(
        &OSCILLATOR,
        &[&op, &dip, levels.0, levels.1, &strength],
        groups,
    );
    (dip, strength)
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
    let pos = gpu_positions(orbital_positions);
    let (occupied, empty) = donors_and_acceptors(occupations);
    let (occ_block, virt_block) = block_sizes(
        n,
        occupied.len(),
        empty.len(),
        ctx.max_binding,
        ctx.max_workgroups,
    )?;
    ctx.guarded(Kernel::Dipoles, |ctx| {
        let pos_buf = storage(ctx, "positions", &pos);
        let mut out = Vec::new();
        for virt in empty.chunks(virt_block) {
            let virt_buf = storage(ctx, "c_virt", &coefficient_columns(orbitals, virt));
            let virt_levels = storage(ctx, "virt_levels", &gpu_levels(orbitals, occupations, virt));
            for occ in occupied.chunks(occ_block) {
                let occ_buf = storage(ctx, "c_occ", &coefficient_columns(orbitals, occ));
                let occ_levels =
                    storage(ctx, "occ_levels", &gpu_levels(orbitals, occupations, occ));
                let mut recorder = Recorder::new(ctx);
                let (dip, strength) = record_block(
                    ctx,
                    &mut recorder,
                    n,
                    (occ.len(), virt.len(), 1),
                    &occ_buf,
                    &virt_buf,
                    &pos_buf,
                    (&occ_levels, &virt_levels),
                );
                recorder.submit();
                let cells = occ.len() * virt.len();
                let d: Vec<f32> = read_back(ctx, &dip, 3 * cells)?;
                let f: Vec<f32> = read_back(ctx, &strength, cells)?;
                block_transitions(orbitals, occupations, (occ, virt), (&d, &f), &mut out);
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
/// empty sets padded with zero columns to the largest in the batch. Goes
/// one configuration at a time for a batch of one or one that does not fit
/// one binding.
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
    if b == 1
        || !same_size
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
    let mut pos = Vec::with_capacity(b * n);
    let mut occ_levels = vec![[0f32; 2]; b * no];
    let mut virt_levels = vec![[0f32; 2]; b * nv];
    for (z, ((orb, occ, p), (os, vs))) in items.iter().zip(&sets).enumerate() {
        pos.extend(gpu_positions(p));
        for k in 0..n {
            for (i, &col) in os.iter().enumerate() {
                c_occ[z * n * no + k * no + i] = orb.coefficients[[k, col]] as f32;
            }
            for (a, &col) in vs.iter().enumerate() {
                c_virt[z * n * nv + k * nv + a] = orb.coefficients[[k, col]] as f32;
            }
        }
        let (ol, vl) = (gpu_levels(orb, occ, os), gpu_levels(orb, occ, vs));
        occ_levels[z * no..z * no + ol.len()].copy_from_slice(&ol);
        virt_levels[z * nv..z * nv + vl.len()].copy_from_slice(&vl);
    }
    let cells = no * nv;
    let (d, f) = ctx.guarded(Kernel::Dipoles, |ctx| {
        let bufs = (
            storage(ctx, "c_occ", &c_occ),
            storage(ctx, "c_virt", &c_virt),
            storage(ctx, "positions", &pos),
        );
        let levels = (
            storage(ctx, "occ_levels", &occ_levels),
            storage(ctx, "virt_levels", &virt_levels),
        );
        let mut recorder = Recorder::new(ctx);
        let (dip, strength) = record_block(
            ctx,
            &mut recorder,
            n,
            (no, nv, b),
            &bufs.0,
            &bufs.1,
            &bufs.2,
            (&levels.0, &levels.1),
        );
        recorder.submit();
        Ok((
            read_back::<f32>(ctx, &dip, 3 * b * cells)?,
            read_back::<f32>(ctx, &strength, b * cells)?,
        ))
    })?;
    Ok(items
        .iter()
        .zip(&sets)
        .enumerate()
        .map(|(z, ((orb, occ, _), (os, vs)))| {
            // Block-local planes of configuration z, padded columns cut off.
            let plane = |c: usize| -> Vec<f32> {
                let base = z * 3 * cells + c * cells;
                (0..os.len())
                    .flat_map(|i| d[base + i * nv..base + i * nv + vs.len()].iter().copied())
                    .collect()
            };
            let mut dz = plane(0);
            dz.extend(plane(1));
            dz.extend(plane(2));
            let fz: Vec<f32> = (0..os.len())
                .flat_map(|i| {
                    let base = z * cells + i * nv;
                    f[base..base + vs.len()].iter().copied()
                })
                .collect();
            let mut list = Vec::new();
            block_transitions(orb, occ, (os, vs), (&dz, &fz), &mut list);
            sort_by_energy(&mut list);
            list
        })
        .collect())
}
