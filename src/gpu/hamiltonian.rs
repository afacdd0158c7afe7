//! Driver of shaders/hamiltonian.wgsl: the dense Hamiltonian on the GPU in
//! f32, split into row blocks that each fit one storage binding.

use bytemuck::{Pod, Zeroable};
use ndarray::Array2;

use super::buffers::{Recorder, read_back, storage, uniform, zeroed};
use super::context::GpuContext;
use super::kernel::Kernel;
use super::shaders::HAMILTONIAN;
use crate::error::{Error, Result};
use crate::solve::two_centre::TwoCentre;

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

/// Builds the Hamiltonian described by `tc` on the GPU; the f32 result is
/// returned widened to f64. CPU twin: [`crate::solve::two_centre::hamiltonian`].
pub fn hamiltonian(ctx: &GpuContext, tc: &TwoCentre) -> Result<Array2<f64>> {
    let layout = &tc.layout;
    let n = layout.len();
    let n_atoms = tc.positions.len();
    let nk = tc.kinds.len();
    let kinds: Vec<GpuKind> = tc
        .kinds
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            // Every atom of a kind carries the same shells.
            let atom = tc.atom_kind.iter().position(|&a| a as usize == k);
            let n_orb = atom.map_or(1, |a| layout.atom_shells[a].orbital_count());
            GpuKind {
                onsite: [
                    kind.onsite[0] as f32,
                    kind.onsite[1] as f32,
                    kind.onsite[2] as f32,
                    0.0,
                ],
                n_orb: n_orb as u32,
                pad: [0; 3],
            }
        })
        .collect();
    // A pair without parameters stays r0 = 0 (never coupled).
    let pairs: Vec<GpuPair> = tc
        .pairs
        .iter()
        .map(|p| match p {
            Some(p) => GpuPair {
                r0: p.r0 as f32,
                pad: [0.0; 3],
                v: pack10(p.integrals),
            },
            None => GpuPair::zeroed(),
        })
        .collect();
    let atoms: Vec<GpuAtom> = tc
        .positions
        .iter()
        .zip(&tc.atom_kind)
        .map(|(p, &kind)| GpuAtom {
            pos: p.map(|x| x as f32),
            kind,
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
                Kernel::Hamiltonian.name(),
                format!("one block row of {n} orbitals exceeds the binding limit"),
            ));
        }
        let max_atoms = 8 * ctx.max_workgroups as usize;
        if n_atoms > max_atoms {
            return Err(Error::gpu(
                Kernel::Hamiltonian.name(),
                format!(
                    "a dense Hamiltonian of {} atoms needs more than {} workgroups per dimension",
                    n_atoms, ctx.max_workgroups
                ),
            ));
        }
        // Every row block in one submission, then read back block by block.
        let mut recorder = Recorder::new(ctx);
        let mut blocks = Vec::new();
        let mut begin = 0;
        while begin < n_atoms {
            // Whole atoms per block, as many rows as one binding holds.
            let row0 = layout.atom_offset[begin];
            let mut end = begin;
            while end < n_atoms
                && end - begin < max_atoms
                && layout.atom_offset[end] + layout.atom_shells[end].orbital_count() - row0
                    <= max_rows
            {
                end += 1;
            }
            let rows = layout.atom_offset.get(end).copied().unwrap_or(n) - row0;
            let params = HamiltonianParams {
                n_atoms: n_atoms as u32,
                n_orbitals: n as u32,
                atom_begin: begin as u32,
                atom_end: end as u32,
                row_offset: row0 as u32,
                n_kinds: nk as u32,
                cut_inner: tc.cutoff_inner as f32,
                cut_outer: tc.cutoff_outer as f32,
                exponents: pack10(tc.exponents),
            };
            let out = zeroed(ctx, "hamiltonian", (rows * n * 4) as u64);
            let params_buf = uniform(ctx, "params", &params);
            let groups = (
                (n_atoms as u32).div_ceil(8),
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
        Ok(h)
    })
}
