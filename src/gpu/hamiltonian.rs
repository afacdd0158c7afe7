//! Driver of shaders/hamiltonian.wgsl: the dense Hamiltonian on the GPU in
//! f32, split into row blocks that each fit one storage binding.

use bytemuck::{Pod, Zeroable};
use ndarray::Array2;

use super::buffers::{Recorder, read_back, storage, uniform, zeroed};
use super::context::GpuContext;
use super::shaders::HAMILTONIAN;
use crate::engine::Kernel;
use crate::error::{Error, Result};
use crate::model::tight_binding::{OrbitalLayout, TightBinding};
use crate::structure::neighbours::pairs_within;
use crate::structure::{Cluster, Element};

/// Mirrors WGSL `Params` in shaders/hamiltonian.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct HamiltonianParams {
    pub n_atoms: u32,
    pub n_orbitals: u32,
    pub atom_begin: u32,
    pub atom_end: u32,
    pub row_offset: u32,
    pub n_kinds: u32,
    pub cut_inner: f32,
    pub cut_outer: f32,
    pub exponents: [[f32; 4]; 3],
}
const _: () = assert!(std::mem::size_of::<HamiltonianParams>() == 80);

/// Mirrors WGSL `Atom`: position (Å) and kind index.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GpuAtom {
    pub pos: [f32; 3],
    pub kind: u32,
}
const _: () = assert!(std::mem::size_of::<GpuAtom>() == 16);

/// Mirrors WGSL `Kind`: on-site energies (s, p, d, unused; eV) and orbital count.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GpuKind {
    pub onsite: [f32; 4],
    pub n_orb: u32,
    pub pad: [u32; 3],
}
const _: () = assert!(std::mem::size_of::<GpuKind>() == 32);

/// Mirrors WGSL `Pair`: r₀ (Å) and the ten bond integrals at r₀ (eV);
/// r₀ = 0 marks a pair without parameters.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GpuPair {
    pub r0: f32,
    pub pad: [f32; 3],
    pub v: [[f32; 4]; 3],
}
const _: () = assert!(std::mem::size_of::<GpuPair>() == 64);

fn pack10(x: [f64; 10]) -> [[f32; 4]; 3] {
    let mut out = [[0.0f32; 4]; 3];
    for (k, v) in x.iter().enumerate() {
        out[k / 4][k % 4] = *v as f32;
    }
    out
}

/// Builds the Hamiltonian of `cluster` on the GPU; the f32 result is
/// returned widened to f64.
pub fn hamiltonian(
    ctx: &GpuContext,
    model: &TightBinding,
    cluster: &Cluster,
) -> Result<(Array2<f64>, OrbitalLayout)> {
    let layout = model.layout(cluster)?;
    let n = layout.len();
    let mut kinds_list: Vec<Element> = Vec::new();
    for a in &cluster.atoms {
        if !kinds_list.contains(&a.element) {
            kinds_list.push(a.element);
        }
    }
    let nk = kinds_list.len();
    let mut kinds = Vec::with_capacity(nk);
    for &el in &kinds_list {
        let p = model.params.element(el)?;
        let shells = p.shells.unwrap_or(model.params.shells);
        kinds.push(GpuKind {
            onsite: [
                p.onsite_s as f32,
                p.onsite_p.unwrap_or(0.0) as f32,
                p.onsite_d.unwrap_or(0.0) as f32,
                0.0,
            ],
            n_orb: shells.orbital_count() as u32,
            pad: [0; 3],
        });
    }
    let mut pairs = vec![GpuPair::zeroed(); nk * nk];
    for (a, &ea) in kinds_list.iter().enumerate() {
        for (b, &eb) in kinds_list.iter().enumerate() {
            // A pair without parameters stays r0 = 0 (never coupled); it is an
            // error only if two such atoms are within range, as on the CPU.
            if let Ok(p) = model.params.pair(ea, eb) {
                pairs[a * nk + b] = GpuPair {
                    r0: p.r0 as f32,
                    pad: [0.0; 3],
                    v: pack10(p.integrals()),
                };
            }
        }
    }
    for pair in pairs_within(&cluster.positions(), model.max_range()) {
        model
            .params
            .pair(cluster.atoms[pair.i].element, cluster.atoms[pair.j].element)?;
    }
    let atoms: Vec<GpuAtom> = cluster
        .atoms
        .iter()
        .map(|a| GpuAtom {
            pos: a.position.map(|x| x as f32),
            kind: kinds_list.iter().position(|&e| e == a.element).unwrap_or(0) as u32,
        })
        .collect();
    let offsets: Vec<u32> = layout.atom_offset.iter().map(|&o| o as u32).collect();

    ctx.guarded(Kernel::Hamiltonian, |ctx| {
        let atoms_buf = storage(ctx, "atoms", &atoms);
        let offsets_buf = storage(ctx, "offsets", &offsets);
        let kinds_buf = storage(ctx, "kinds", &kinds);
        let pairs_buf = storage(ctx, "pairs", &pairs);
        let row_bytes = (n * 4) as u64;
        let max_rows = (ctx.max_binding / row_bytes.max(1)) as usize;
        if max_rows < 9 {
            return Err(Error::gpu(
                Kernel::Hamiltonian,
                format!("one block row of {n} orbitals exceeds the binding limit"),
            ));
        }
        let max_atoms = 8 * ctx.max_workgroups as usize;
        if cluster.len() > max_atoms {
            return Err(Error::gpu(
                Kernel::Hamiltonian,
                format!(
                    "a dense Hamiltonian of {} atoms needs more than {} workgroups per dimension",
                    cluster.len(),
                    ctx.max_workgroups
                ),
            ));
        }
        // Every row block in one submission, then read back block by block.
        let mut recorder = Recorder::new(ctx);
        let mut blocks = Vec::new();
        let mut begin = 0;
        while begin < cluster.len() {
            // Whole atoms per block, as many rows as one binding holds.
            let row0 = layout.atom_offset[begin];
            let mut end = begin;
            while end < cluster.len()
                && end - begin < max_atoms
                && layout.atom_offset[end] + layout.atom_shells[end].orbital_count() - row0
                    <= max_rows
            {
                end += 1;
            }
            let rows = layout.atom_offset.get(end).copied().unwrap_or(n) - row0;
            let params = HamiltonianParams {
                n_atoms: cluster.len() as u32,
                n_orbitals: n as u32,
                atom_begin: begin as u32,
                atom_end: end as u32,
                row_offset: row0 as u32,
                n_kinds: nk as u32,
                cut_inner: model.params.cutoff.inner as f32,
                cut_outer: model.params.cutoff.outer as f32,
                exponents: pack10(model.params.scaling.exponents()),
            };
            let out = zeroed(ctx, "hamiltonian", (rows * n * 4) as u64);
            let params_buf = uniform(ctx, "params", &params);
            let groups = (
                (cluster.len() as u32).div_ceil(8),
                ((end - begin) as u32).div_ceil(8),
                1,
            );
            recorder.dispatch(
                &HAMILTONIAN,
                &[
                    &params_buf,
                    &atoms_buf,
                    &offsets_buf,
                    &kinds_buf,
                    &pairs_buf,
                    &out,
                ],
                groups,
            );
            blocks.push((row0, rows, out));
            begin = end;
        }
        recorder.submit();
        let mut h = Array2::<f64>::zeros((n, n));
        for (row0, rows, out) in blocks {
            let block: Vec<f32> = read_back(ctx, &out, rows * n)?;
            for r in 0..rows {
                for c in 0..n {
                    h[[row0 + r, c]] = block[r * n + c] as f64;
                }
            }
        }
        Ok((h, layout.clone()))
    })
}
