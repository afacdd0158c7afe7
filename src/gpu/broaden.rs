//! Driver of shaders/broaden.wgsl: windowed broadening on the GPU in f32,
//! with the line list split into chunks that each fit one storage binding
//! (so lists beyond 128 MiB work) and the grid folded into 2-D dispatches.

use bytemuck::{Pod, Zeroable};

use super::buffers::{dispatch, pipeline, read_back, split_groups, storage, uniform, zeroed};
use super::context::GpuContext;
use crate::error::Result;
use crate::spectrum::broaden::{BIN_WIDTH_FWHM, Bins, check_lines};
use crate::spectrum::lineshape::{GAUSSIAN_WINDOW_FWHM, LORENTZIAN_WINDOW_FWHM};
use crate::spectrum::{EnergyGrid, LineShape};

/// WGSL source of the kernel.
pub const SHADER: &str = include_str!("../../shaders/broaden.wgsl");

/// Threads per workgroup of the kernel.
const WORKGROUP: u32 = 256;

/// Mirrors WGSL `Params` in shaders/broaden.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct BroadenParams {
    pub n_points: u32,
    pub n_lines: u32,
    pub line_offset: u32,
    pub n_bins: u32,
    pub start: f32,
    pub step: f32,
    pub fwhm: f32,
    pub eta: f32,
    pub gauss_window: f32,
    pub lor_window: f32,
    pub bin_origin: f32,
    pub bin_width: f32,
    pub far_field: u32,
    pub x_threads: u32,
    pub seg_begin: u32,
    pub seg_len: u32,
    pub bin_begin: u32,
    pub bin_end: u32,
    pub pad: [u32; 2],
}
const _: () = assert!(std::mem::size_of::<BroadenParams>() == 80);

/// Lines of one window (and far-field bins) handled per pass. Three such
/// loops plus the binary searches stay below lavapipe's limit of 65535 loop
/// iterations per invocation; on real GPUs it bounds the work per thread.
pub const SEGMENT: u32 = 16384;

/// The most lines any grid point's windows hold (Gaussian window, or the
/// Lorentzian near bins): the number of passes is this over [`SEGMENT`].
fn widest_window(
    energies: &[f64],
    grid: &EnergyGrid,
    fwhm: f64,
    eta: f64,
    bins: Option<&Bins>,
    bin_start: &[u32],
) -> usize {
    let gw = GAUSSIAN_WINDOW_FWHM * fwhm;
    let lw = LORENTZIAN_WINDOW_FWHM * fwhm;
    let mut widest = 0;
    for k in 0..grid.points {
        let e = grid.energy(k);
        if eta < 1.0 {
            // One line of margin on each side for f32 rounding on the GPU.
            let lo = energies.partition_point(|&x| x < e - gw).saturating_sub(1);
            let hi = (energies.partition_point(|&x| x <= e + gw) + 1).min(energies.len());
            widest = widest.max(hi - lo);
        }
        if let Some(b) = bins {
            let n = b.len();
            if n == 0 {
                continue;
            }
            let first = (((e - lw - b.origin) / b.width - 1.0).ceil() - 1.0).max(0.0) as usize;
            let last = (((e + lw - b.origin) / b.width).floor() + 1.0).max(0.0) as usize;
            if first < n {
                let last = last.min(n - 1);
                if last >= first {
                    widest = widest.max((bin_start[last + 1] - bin_start[first]) as usize);
                }
            }
        }
    }
    widest
}

/// Σⱼ wⱼ g(E − eⱼ) on `grid` for lines sorted by energy (eV), on the GPU.
pub fn broaden(
    ctx: &GpuContext,
    energies: &[f64],
    weights: &[f64],
    grid: &EnergyGrid,
    shape: LineShape,
    fwhm: f64,
) -> Result<Vec<f64>> {
    check_lines(energies, weights, fwhm)?;
    let eta = shape.lorentzian_fraction();
    let bins = (eta > 0.0).then(|| Bins::new(energies, weights, BIN_WIDTH_FWHM * fwhm));
    let (bin_start, bin_data, origin, width) = match &bins {
        Some(b) => {
            let data: Vec<[f32; 4]> = b
                .moments
                .iter()
                .map(|m| [m[0] as f32, m[1] as f32, m[2] as f32, 0.0])
                .collect();
            (b.starts(), data, b.origin, b.width)
        }
        None => (vec![0u32], Vec::new(), 0.0, 1.0),
    };
    let lines: Vec<[f32; 2]> = energies
        .iter()
        .zip(weights)
        .map(|(&e, &w)| [e as f32, w as f32])
        .collect();
    let per_chunk = ((ctx.max_binding / 8) as usize).max(1);
    let window_passes = (widest_window(energies, grid, fwhm, eta, bins.as_ref(), &bin_start)
        as u32)
        .div_ceil(SEGMENT)
        .max(1);
    let bin_passes = (bin_data.len() as u32).div_ceil(SEGMENT);

    ctx.guarded("broaden", |ctx| {
        let pipe = pipeline(ctx, "broaden", SHADER);
        let bin_start_buf = storage(ctx, "bin_start", &bin_start);
        let bins_buf = storage(ctx, "bins", &bin_data);
        let out = zeroed(ctx, "density", 4 * grid.points as u64);
        let (gx, gy) = split_groups(ctx, (grid.points as u32).div_ceil(WORKGROUP));
        // One pass carries the far field even when there are no lines.
        let chunks: Vec<(usize, &[[f32; 2]])> = if lines.is_empty() {
            vec![(0, &lines[..])]
        } else {
            lines
                .chunks(per_chunk)
                .enumerate()
                .map(|(k, c)| (k * per_chunk, c))
                .collect()
        };
        let n_bins = bin_data.len() as u32;
        for (k, (offset, chunk)) in chunks.iter().enumerate() {
            let lines_buf = storage(ctx, "lines", chunk);
            // The first chunk also carries the far field, SEGMENT bins a pass.
            let passes = if k == 0 {
                window_passes.max(bin_passes)
            } else {
                window_passes
            };
            for pass in 0..passes {
                let (bin_begin, bin_end) = if k == 0 {
                    (
                        (pass * SEGMENT).min(n_bins),
                        ((pass + 1) * SEGMENT).min(n_bins),
                    )
                } else {
                    (0, 0)
                };
                let params = BroadenParams {
                    n_points: grid.points as u32,
                    n_lines: chunk.len() as u32,
                    line_offset: *offset as u32,
                    n_bins,
                    start: grid.start as f32,
                    step: grid.step() as f32,
                    fwhm: fwhm as f32,
                    eta: eta as f32,
                    gauss_window: (GAUSSIAN_WINDOW_FWHM * fwhm) as f32,
                    lor_window: (LORENTZIAN_WINDOW_FWHM * fwhm) as f32,
                    bin_origin: origin as f32,
                    bin_width: width as f32,
                    far_field: u32::from(k == 0),
                    x_threads: gx * WORKGROUP,
                    seg_begin: pass * SEGMENT,
                    seg_len: if pass < window_passes { SEGMENT } else { 0 },
                    bin_begin,
                    bin_end,
                    pad: [0; 2],
                };
                let params_buf = uniform(ctx, "params", &params);
                let buffers = [&params_buf, &lines_buf, &bin_start_buf, &bins_buf, &out];
                dispatch(ctx, &pipe, &buffers, (gx, gy));
            }
            // Free each chunk before the next is uploaded.
            ctx.wait()?;
        }
        let density: Vec<f32> = read_back(ctx, &out, grid.points)?;
        Ok(density.into_iter().map(f64::from).collect())
    })
}
