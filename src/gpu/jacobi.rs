//! Driver of shaders/jacobi.wgsl: eigenpairs of a batch of symmetric
//! matrices of one order on the GPU (f32), one workgroup per matrix, the
//! batch split so that it fits one binding and folded past 65535 groups.

use bytemuck::{Pod, Zeroable};
use ndarray::Array2;

use super::buffers::{Recorder, read_back, split_groups, storage, uniform, zeroed};
use super::context::GpuContext;
use super::kernel::Kernel;
use super::shaders::{JACOBI_OFF_NORM, JACOBI_ROTATE};
use crate::error::{Error, Result};
use crate::solve::eigen::Orbitals;
use crate::solve::jacobi::sorted;

/// Mirrors WGSL `Params` in shaders/jacobi.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct JacobiParams {
    pub n: u32,
    pub n_pad: u32,
    pub batch: u32,
    pub round_begin: u32,
    pub round_count: u32,
    pub x_groups: u32,
    pub pad: [u32; 2],
}
const _: () = assert!(std::mem::size_of::<JacobiParams>() == 32);

/// Largest order the kernel takes (its pair tables hold 512 pairs).
pub const MAX_ORDER: usize = 1023;
/// Convergence: off-diagonal norm below this times the Frobenius norm.
pub const TOLERANCE: f32 = 1e-6;
/// Most sweeps before giving up.
pub const MAX_SWEEPS: u32 = 40;

/// Eigenpairs (ascending, f32 precision widened to f64) of every matrix
/// in `matrices`, which must all be symmetric and of one order ≤ 1023.
pub fn eigen_batch(ctx: &GpuContext, matrices: &[Array2<f64>]) -> Result<Vec<Orbitals>> {
    let Some(first) = matrices.first() else {
        return Ok(Vec::new());
    };
    let n = first.nrows();
    if n == 0 || n > MAX_ORDER || matrices.iter().any(|m| m.dim() != (n, n)) {
        return Err(Error::gpu(
            Kernel::Eigen.name(),
            format!("matrices must be square, of one order between 1 and {MAX_ORDER}"),
        ));
    }
    let n_pad = n + n % 2;
    let per = (n * n * 4) as u64;
    let chunk = ((ctx.max_binding / per) as usize).max(1);
    if per > ctx.max_binding {
        return Err(Error::gpu(
            Kernel::Eigen.name(),
            format!("one {n}×{n} matrix exceeds the binding limit"),
        ));
    }
    // Rounds per dispatch: ≤ 60000 loop iterations per invocation (lavapipe's limit is 65535).
    let per_round = 2 * (n_pad / 2 * n).div_ceil(256) + (n_pad / 2).div_ceil(256) + 1;
    let rounds_per_dispatch = (60_000 / per_round).clamp(1, n_pad - 1) as u32;
    let sweep = (n_pad - 1).max(1) as u32;
    ctx.guarded(Kernel::Eigen, |ctx| {
        let mut out = Vec::with_capacity(matrices.len());
        for batch in matrices.chunks(chunk) {
            let a_host: Vec<f32> = batch
                .iter()
                .flat_map(|m| m.iter().map(|&x| x as f32).collect::<Vec<_>>())
                .collect();
            let v_host: Vec<f32> = batch
                .iter()
                .flat_map(|_| (0..n * n).map(|k| if k / n == k % n { 1.0f32 } else { 0.0 }))
                .collect();
            let a = storage(ctx, "jacobi_a", &a_host);
            let v = storage(ctx, "jacobi_v", &v_host);
            let norms = zeroed(ctx, "jacobi_norms", 8 * batch.len() as u64);
            let (gx, gy) = split_groups(ctx, batch.len() as u32);
            let params = |round_begin: u32, round_count: u32| JacobiParams {
                n: n as u32,
                n_pad: n_pad as u32,
                batch: batch.len() as u32,
                round_begin,
                round_count,
                x_groups: gx,
                pad: [0; 2],
            };
            let mut converged = n < 2;
            for _ in 0..MAX_SWEEPS {
                if converged {
                    break;
                }
                // One sweep and its convergence measure in one submission.
                let mut recorder = Recorder::new(ctx);
                let mut done = 0;
                while done < sweep {
                    let count = rounds_per_dispatch.min(sweep - done);
                    let p = uniform(ctx, "jacobi_params", &params(done, count));
                    recorder.dispatch_bound(
                        &JACOBI_ROTATE,
                        &[(0, &p), (1, &a), (2, &v)],
                        (gx, gy, 1),
                    );
                    done += count;
                }
                let p = uniform(ctx, "jacobi_params", &params(0, 0));
                recorder.dispatch_bound(
                    &JACOBI_OFF_NORM,
                    &[(0, &p), (1, &a), (3, &norms)],
                    (gx, gy, 1),
                );
                recorder.submit();
                let measured: Vec<[f32; 2]> = read_back(ctx, &norms, batch.len())?;
                converged = measured
                    .iter()
                    .all(|[off, total]| *off <= TOLERANCE * total.max(f32::MIN_POSITIVE));
            }
            if !converged {
                return Err(Error::gpu(
                    Kernel::Eigen.name(),
                    format!("Jacobi did not converge in {MAX_SWEEPS} sweeps"),
                ));
            }
            let a_out: Vec<f32> = read_back(ctx, &a, batch.len() * n * n)?;
            let v_out: Vec<f32> = read_back(ctx, &v, batch.len() * n * n)?;
            for b in 0..batch.len() {
                let values: Vec<f64> = (0..n)
                    .map(|i| a_out[b * n * n + i * n + i] as f64)
                    .collect();
                let vectors =
                    Array2::from_shape_fn((n, n), |(r, c)| v_out[b * n * n + r * n + c] as f64);
                out.push(sorted(&values, &vectors));
            }
        }
        Ok(out)
    })
}
