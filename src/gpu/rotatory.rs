//! Drivers of shaders/magnetic.wgsl and shaders/project_gemm.wgsl: the
//! magnetic-dipole transform X_c = C_occᵀ A_c C_virt of the six operators
//! of src/solve/rotatory.rs on the GPU (f32), tiled over empty × occupied
//! blocks that fit one binding; rotatory strengths are then formed on the
//! host exactly as the CPU twin forms them.

use bytemuck::{Pod, Zeroable};
use ndarray::Array2;

use super::buffers::{Recorder, read_back, storage, uniform, zeroed};
use super::context::GpuContext;
use super::dipoles::coefficient_columns;
use super::kernel::Kernel;
use super::shaders::{MAGNETIC, PROJECT_GEMM};
use crate::error::{Error, Result};
use crate::solve::eigen::Orbitals;
use crate::solve::rotatory::{MagneticOperators, rotatory_strength};
use crate::solve::transitions::{Transition, donors_and_acceptors};
use crate::structure::centred;

/// Mirrors WGSL `Params` in shaders/magnetic.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct MagneticParams {
    pub n_basis: u32,
    pub width: u32,
    pub virt_count: u32,
    pub pad: u32,
}
const _: () = assert!(std::mem::size_of::<MagneticParams>() == 16);

/// Mirrors WGSL `Params` in shaders/project_gemm.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct ProjectParams {
    pub n_basis: u32,
    pub occ_count: u32,
    pub virt_count: u32,
    pub pad: u32,
}
const _: () = assert!(std::mem::size_of::<ProjectParams>() == 16);

/// Rotatory strengths (10⁻⁴⁰ esu² cm²) of `transitions`, in their order.
pub fn rotatory_strengths(
    ctx: &GpuContext,
    orbitals: &Orbitals,
    occupations: &[f64],
    h: &Array2<f64>,
    orbital_positions: &[[f64; 3]],
    transitions: &[Transition],
) -> Result<Vec<f64>> {
    let ops = MagneticOperators::new(h, &centred(orbital_positions));
    let n = h.nrows();
    let width = ops.width().max(1);
    let mut columns = vec![u32::MAX; n * width];
    let mut values = vec![0f32; n * width * 6];
    for k in 0..n {
        for (s, (&l, v)) in ops.columns[k].iter().zip(&ops.values[k]).enumerate() {
            columns[k * width + s] = l;
            for c in 0..6 {
                values[(k * width + s) * 6 + c] = v[c] as f32;
            }
        }
    }
    let (occupied, empty) = donors_and_acceptors(occupations);
    let bytes = |count: usize| (count * 4) as u64;
    if bytes(n * width * 6) > ctx.max_binding {
        return Err(Error::gpu(
            Kernel::Rotatory.name(),
            format!("the sparse operators ({n} rows × {width}) exceed one binding"),
        ));
    }
    let b = ctx.max_binding as usize / 4;
    let virt_block = (b / (6 * n))
        .min(empty.len())
        .min(16 * ctx.max_workgroups as usize)
        .max(1);
    let occ_block = (b / n)
        .min(b / (6 * virt_block))
        .min(occupied.len())
        .min(16 * ctx.max_workgroups as usize)
        .max(1);
    let (no, nv) = (occupied.len(), empty.len());

    let x = ctx.guarded(Kernel::Rotatory, |ctx| {
        let col_buf = storage(ctx, "ell_columns", &columns);
        let val_buf = storage(ctx, "ell_values", &values);
        // X as 6 planes of occupied × empty, f64 on the host.
        let mut x = vec![0.0f64; 6 * no * nv];
        for (vb, virt) in empty.chunks(virt_block).enumerate() {
            let virt_buf = storage(ctx, "c_virt", &coefficient_columns(orbitals, virt));
            let t = zeroed(ctx, "t", bytes(6 * n * virt.len()));
            let mp = uniform(
                ctx,
                "magnetic_params",
                &MagneticParams {
                    n_basis: n as u32,
                    width: width as u32,
                    virt_count: virt.len() as u32,
                    pad: 0,
                },
            );
            let groups = ((virt.len() as u32).div_ceil(16), (n as u32).div_ceil(16), 1);
            // The transform and every projection of this block in one submission.
            let mut recorder = Recorder::new(ctx);
            recorder.dispatch(&MAGNETIC, &[&mp, &col_buf, &val_buf, &virt_buf, &t], groups);
            let mut outputs = Vec::new();
            for occ in occupied.chunks(occ_block) {
                let occ_buf = storage(ctx, "c_occ", &coefficient_columns(orbitals, occ));
                let out = zeroed(ctx, "x", bytes(6 * occ.len() * virt.len()));
                let pp = uniform(
                    ctx,
                    "project_params",
                    &ProjectParams {
                        n_basis: n as u32,
                        occ_count: occ.len() as u32,
                        virt_count: virt.len() as u32,
                        pad: 0,
                    },
                );
                recorder.dispatch(
                    &PROJECT_GEMM,
                    &[&pp, &occ_buf, &t, &out],
                    (
                        (virt.len() as u32).div_ceil(16),
                        (occ.len() as u32).div_ceil(16),
                        6,
                    ),
                );
                outputs.push((occ.len(), out));
            }
            recorder.submit();
            for (ob, (occ_len, out)) in outputs.into_iter().enumerate() {
                let block: Vec<f32> = read_back(ctx, &out, 6 * occ_len * virt.len())?;
                for c in 0..6 {
                    for i in 0..occ_len {
                        for a in 0..virt.len() {
                            let gi = ob * occ_block + i;
                            let ga = vb * virt_block + a;
                            x[(c * no + gi) * nv + ga] =
                                block[(c * occ_len + i) * virt.len() + a] as f64;
                        }
                    }
                }
            }
        }
        Ok(x)
    })?;
    let mut row = vec![usize::MAX; occupations.len()];
    let mut col = vec![usize::MAX; occupations.len()];
    occupied.iter().enumerate().for_each(|(k, &i)| row[i] = k);
    empty.iter().enumerate().for_each(|(k, &a)| col[a] = k);
    Ok(transitions
        .iter()
        .map(|t| {
            let (i, a) = (row[t.from as usize], col[t.to as usize]);
            let at = |c: usize| x[(c * no + i) * nv + a];
            let dn = occupations[t.from as usize] - occupations[t.to as usize];
            rotatory_strength([at(0), at(1), at(2)], [at(3), at(4), at(5)], t.energy, dn)
        })
        .collect())
}
