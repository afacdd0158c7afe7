//! Driver of shaders/casida.wgsl: the Casida matrix Ω = Δ² + 2λ s (AᵀB) s
//! on the GPU (f32), in blocks of rows that fit one binding, all blocks in
//! one submission. CPU twin: [`crate::solve::casida::casida_matrix`].

use bytemuck::{Pod, Zeroable};
use ndarray::Array2;

use super::buffers::{Recorder, read_back, storage, uniform, zeroed};
use super::context::GpuContext;
use super::kernel::Kernel;
use super::shaders::CASIDA;
use crate::error::{Error, Result};
use crate::solve::casida::CouplingFactors;

/// Grid points one invocation may loop over (lavapipe's loop limit).
pub const MAX_POINTS: usize = 60_000;

/// Mirrors WGSL `Params` in shaders/casida.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct CasidaParams {
    pub points: u32,
    pub pairs: u32,
    pub row_offset: u32,
    pub rows: u32,
    pub lambda: f32,
    pub pad: [u32; 3],
}
const _: () = assert!(std::mem::size_of::<CasidaParams>() == 32);

/// Ω (the square of the factors' energy unit) for kernel strength `lambda`.
pub fn casida_matrix(ctx: &GpuContext, f: &CouplingFactors, lambda: f64) -> Result<Array2<f64>> {
    let (n, p) = (f.points, f.pairs);
    if p == 0 {
        return Ok(Array2::zeros((0, 0)));
    }
    if n > MAX_POINTS {
        return Err(Error::gpu(
            Kernel::Casida.name(),
            format!(
                "the coupling factors have {n} rows, more than the {MAX_POINTS} one invocation may loop over"
            ),
        ));
    }
    let factor_bytes = (n * p * 4) as u64;
    if factor_bytes > ctx.max_binding {
        return Err(Error::gpu(
            Kernel::Casida.name(),
            format!(
                "the coupling factors ({n} rows × {p} pairs, {factor_bytes} bytes) exceed one binding"
            ),
        ));
    }
    let row_bytes = (p * 4) as u64;
    let rows_per_block = ((ctx.max_binding / row_bytes) as usize)
        .min(16 * ctx.max_workgroups as usize)
        .clamp(1, p);
    let to_f32 = |v: &[f64]| v.iter().map(|&x| x as f32).collect::<Vec<f32>>();
    ctx.guarded(Kernel::Casida, |ctx| {
        let a = storage(ctx, "a", &to_f32(&f.a));
        let b = storage(ctx, "b", &to_f32(&f.b));
        let delta = storage(ctx, "delta", &to_f32(&f.delta));
        let s = storage(ctx, "s", &to_f32(&f.scale));
        let mut recorder = Recorder::new(ctx);
        let mut blocks = Vec::new();
        for row_offset in (0..p).step_by(rows_per_block) {
            let rows = rows_per_block.min(p - row_offset);
            let params = uniform(
                ctx,
                "casida_params",
                &CasidaParams {
                    points: n as u32,
                    pairs: p as u32,
                    row_offset: row_offset as u32,
                    rows: rows as u32,
                    lambda: lambda as f32,
                    pad: [0; 3],
                },
            );
            let out = zeroed(ctx, "omega", (rows * p * 4) as u64);
            let groups = ((p as u32).div_ceil(16), (rows as u32).div_ceil(16), 1);
            recorder.dispatch(&CASIDA, &[&params, &a, &b, &delta, &s, &out], groups);
            blocks.push((row_offset, rows, out));
        }
        recorder.submit();
        let mut omega = Array2::zeros((p, p));
        for (row_offset, rows, out) in blocks {
            let block: Vec<f32> = read_back(ctx, &out, rows * p)?;
            for r in 0..rows {
                for q in 0..p {
                    omega[[row_offset + r, q]] = block[r * p + q] as f64;
                }
            }
        }
        Ok(omega)
    })
}
