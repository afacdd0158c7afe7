//! Driver of shaders/dftb_hamiltonian.wgsl: the DFTB Hamiltonian and
//! overlap on the GPU in f32 (table interpolation and rotation), split into
//! row blocks that each fit one storage binding.

use bytemuck::{Pod, Zeroable};
use ndarray::Array2;

use super::buffers::{Recorder, read_back, storage, uniform, zeroed};
use super::context::GpuContext;
use super::hamiltonian::{GpuAtom, GpuKind};
use super::kernel::Kernel;
use super::shaders::DFTB_HAMILTONIAN;
use crate::error::{Error, Result};
use crate::solve::sk_tables::SkSystem;
use crate::units::{BOHR_ANGSTROM, HARTREE_EV};

/// Mirrors WGSL `Params` in shaders/dftb_hamiltonian.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct DftbParams {
    pub n_atoms: u32,
    pub n_orbitals: u32,
    pub atom_begin: u32,
    pub atom_end: u32,
    pub row_offset: u32,
    pub n_kinds: u32,
    pub pad: [u32; 2],
}
const _: () = assert!(std::mem::size_of::<DftbParams>() == 32);

/// Mirrors WGSL `Table`: spacing and cutoff (bohr), first value, rows.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GpuTable {
    pub spacing: f32,
    pub cutoff: f32,
    pub start: u32,
    pub rows: u32,
}
const _: () = assert!(std::mem::size_of::<GpuTable>() == 16);

/// Builds the Hamiltonian (eV) and overlap of `sys` on the GPU; the f32
/// results are returned widened to f64. CPU twin:
/// [`crate::solve::sk_tables::hamiltonian_overlap`].
pub fn hamiltonian_overlap(ctx: &GpuContext, sys: &SkSystem) -> Result<(Array2<f64>, Array2<f64>)> {
    let layout = &sys.layout;
    let n = layout.len();
    let n_atoms = sys.positions.len();
    let kinds: Vec<GpuKind> = sys
        .kinds
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            let atom = sys.atom_kind.iter().position(|&a| a as usize == k);
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
    let mut tables = Vec::with_capacity(sys.tables.len());
    let mut values: Vec<f32> = Vec::new();
    let mut tails: Vec<f32> = Vec::with_capacity(60 * sys.tables.len());
    for t in &sys.tables {
        tables.push(GpuTable {
            spacing: t.spacing as f32,
            cutoff: t.cutoff_bohr() as f32,
            start: values.len() as u32,
            rows: t.rows.len() as u32,
        });
        values.extend(t.rows.iter().flat_map(|r| r.iter().map(|&v| v as f32)));
        tails.extend(t.tail().iter().flat_map(|c| c.iter().map(|&v| v as f32)));
    }
    let atoms: Vec<GpuAtom> = sys
        .positions
        .iter()
        .zip(&sys.atom_kind)
        .map(|(p, &kind)| GpuAtom {
            pos: p.map(|x| (x / BOHR_ANGSTROM) as f32),
            kind,
        })
        .collect();
    let offsets: Vec<u32> = layout.atom_offset.iter().map(|&o| o as u32).collect();
    ctx.guarded(Kernel::DftbHamiltonian, |ctx| {
        if (values.len() * 4) as u64 > ctx.max_binding {
            return Err(Error::gpu(
                Kernel::DftbHamiltonian.name(),
                "the Slater–Koster tables exceed one storage binding",
            ));
        }
        let atoms_buf = storage(ctx, "atoms", &atoms);
        let offsets_buf = storage(ctx, "offsets", &offsets);
        let kinds_buf = storage(ctx, "kinds", &kinds);
        let tables_buf = storage(ctx, "tables", &tables);
        let values_buf = storage(ctx, "values", &values);
        let tails_buf = storage(ctx, "tails", &tails);
        let row_bytes = (n * 4) as u64;
        let max_rows = (ctx.max_binding / row_bytes.max(1)) as usize;
        if max_rows < 9 {
            return Err(Error::gpu(
                Kernel::DftbHamiltonian.name(),
                format!("one block row of {n} orbitals exceeds the binding limit"),
            ));
        }
        let max_atoms = 8 * ctx.max_workgroups as usize;
        if n_atoms > max_atoms {
            return Err(Error::gpu(
                Kernel::DftbHamiltonian.name(),
                format!(
                    "{n_atoms} atoms need more than {} workgroups per dimension",
                    ctx.max_workgroups
                ),
            ));
        }
        let mut recorder = Recorder::new(ctx);
        let mut blocks = Vec::new();
        let mut begin = 0;
        while begin < n_atoms {
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
            let params = DftbParams {
                n_atoms: n_atoms as u32,
                n_orbitals: n as u32,
                atom_begin: begin as u32,
                atom_end: end as u32,
                row_offset: row0 as u32,
                n_kinds: sys.kinds.len() as u32,
                pad: [0; 2],
            };
            let h = zeroed(ctx, "dftb h", (rows * n * 4) as u64);
            let s = zeroed(ctx, "dftb s", (rows * n * 4) as u64);
            let params_buf = uniform(ctx, "params", &params);
            let groups = (
                (n_atoms as u32).div_ceil(8),
                ((end - begin) as u32).div_ceil(8),
                1,
            );
            recorder.dispatch(
                &DFTB_HAMILTONIAN,
                &[
                    &params_buf,
                    &atoms_buf,
                    &offsets_buf,
                    &kinds_buf,
                    &tables_buf,
                    &values_buf,
                    &tails_buf,
                    &h,
                    &s,
                ],
                groups,
            );
            blocks.push((row0, rows, h, s));
            begin = end;
        }
        recorder.submit();
        let mut h = Array2::<f64>::zeros((n, n));
        let mut s = Array2::<f64>::zeros((n, n));
        for (row0, rows, hb, sb) in blocks {
            let hv: Vec<f32> = read_back(ctx, &hb, rows * n)?;
            let sv: Vec<f32> = read_back(ctx, &sb, rows * n)?;
            for r in 0..rows {
                for c in 0..n {
                    h[[row0 + r, c]] = hv[r * n + c] as f64 * HARTREE_EV;
                    s[[row0 + r, c]] = sv[r * n + c] as f64;
                }
            }
        }
        Ok((h, s))
    })
}
