//! Driver of shaders/broaden.wgsl: windowed broadening on the GPU in f32,
//! with the line list split into chunks that each fit one storage binding
//! (so lists beyond 128 MiB work) and the grid folded into 2-D dispatches.

use bytemuck::{Pod, Zeroable};

use super::buffers::{Recorder, read_back, split_groups, storage, uniform, zeroed};
use super::context::GpuContext;
use super::kernel::Kernel;
use super::shaders::{BROADEN, BROADEN_BATCH};
use crate::error::Result;
use crate::spectrum::broaden::{BIN_WIDTH_FWHM, Bins, check_lines};
use crate::spectrum::lineshape::{GAUSSIAN_WINDOW_FWHM, LORENTZIAN_WINDOW_FWHM};
use crate::spectrum::{EnergyGrid, LineShape};

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

    ctx.guarded(Kernel::Broaden, |ctx| {
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
            let mut recorder = Recorder::new(ctx);
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
                recorder.dispatch(&BROADEN, &buffers, (gx, gy, 1));
            }
            recorder.submit();
            // Free each chunk before the next is uploaded.
            ctx.wait()?;
        }
        let density: Vec<f32> = read_back(ctx, &out, grid.points)?;
        Ok(density.into_iter().map(f64::from).collect())
    })
}

/// Mirrors WGSL `Params` in shaders/broaden_batch.wgsl.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct BatchParams {
    pub n_points: u32,
    pub seg_begin: u32,
    pub seg_len: u32,
    pub bin_pass: u32,
    pub bin_pass_len: u32,
    pub pad0: u32,
    pub start: f32,
    pub step: f32,
    pub fwhm: f32,
    pub eta: f32,
    pub gauss_window: f32,
    pub lor_window: f32,
    pub bin_width: f32,
    pub pad: [f32; 3],
}
const _: () = assert!(std::mem::size_of::<BatchParams>() == 64);

/// Broadens several sorted line lists (energies eV, weights) onto one grid
/// in one dispatch per pass (workgroup z = list). Goes one list at a time
/// for a batch of one or one that does not fit one binding.
pub fn broaden_batch(
    ctx: &GpuContext,
    lists: &[(&[f64], &[f64])],
    grid: &EnergyGrid,
    shape: LineShape,
    fwhm: f64,
) -> Result<Vec<Vec<f64>>> {
    for (e, w) in lists {
        check_lines(e, w, fwhm)?;
    }
    let total: usize = lists.iter().map(|(e, _)| e.len()).sum();
    if lists.len() < 2
        || (total * 8) as u64 > ctx.max_binding
        || (lists.len() * grid.points * 4) as u64 > ctx.max_binding
        || lists.len() as u32 > ctx.max_workgroups
        || (grid.points as u32).div_ceil(WORKGROUP) > ctx.max_workgroups
    {
        return lists
            .iter()
            .map(|(e, w)| broaden(ctx, e, w, grid, shape, fwhm))
            .collect();
    }
    let eta = shape.lorentzian_fraction();
    let width = BIN_WIDTH_FWHM * fwhm;
    let (mut lines, mut configs, mut origins, mut bin_lines, mut moments) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut widest, mut most_bins) = (0usize, 0u32);
    for (e, w) in lists {
        let first_line = lines.len() as u32;
        lines.extend(e.iter().zip(w.iter()).map(|(&x, &y)| [x as f32, y as f32]));
        let bins = (eta > 0.0).then(|| Bins::new(e, w, width));
        let (first_bin, count) = (
            bin_lines.len() as u32,
            bins.as_ref().map_or(0, |b| b.len()) as u32,
        );
        let starts = bins.as_ref().map(|b| b.starts()).unwrap_or_else(|| vec![0]);
        if let Some(b) = &bins {
            for k in 0..b.len() {
                bin_lines.push([first_line + starts[k], first_line + starts[k + 1]]);
                moments.push([
                    b.moments[k][0] as f32,
                    b.moments[k][1] as f32,
                    b.moments[k][2] as f32,
                    0.0,
                ]);
            }
        }
        origins.push(bins.as_ref().map_or(0.0, |b| b.origin) as f32);
        configs.push([first_line, lines.len() as u32, first_bin, count]);
        widest = widest.max(widest_window(e, grid, fwhm, eta, bins.as_ref(), &starts));
        most_bins = most_bins.max(count);
    }
    let window_passes = (widest as u32).div_ceil(SEGMENT).max(1);
    let passes = window_passes.max(most_bins.div_ceil(SEGMENT));
    let points = grid.points;
    let density: Vec<f32> = ctx.guarded(Kernel::Broaden, |ctx| {
        let bufs = [
            storage(ctx, "lines", &lines),
            storage(ctx, "configs", &configs),
            storage(ctx, "origins", &origins),
            storage(ctx, "bin_lines", &bin_lines),
            storage(ctx, "bins", &moments),
        ];
        let out = zeroed(ctx, "density", (4 * lists.len() * points) as u64);
        let mut recorder = Recorder::new(ctx);
        for pass in 0..passes {
            let params = BatchParams {
                n_points: points as u32,
                seg_begin: pass * SEGMENT,
                seg_len: if pass < window_passes { SEGMENT } else { 0 },
                bin_pass: pass * SEGMENT,
                bin_pass_len: SEGMENT,
                pad0: 0,
                start: grid.start as f32,
                step: grid.step() as f32,
                fwhm: fwhm as f32,
                eta: eta as f32,
                gauss_window: (GAUSSIAN_WINDOW_FWHM * fwhm) as f32,
                lor_window: (LORENTZIAN_WINDOW_FWHM * fwhm) as f32,
                bin_width: width as f32,
                pad: [0.0; 3],
            };
            let p = uniform(ctx, "params", &params);
            let groups = ((points as u32).div_ceil(WORKGROUP), 1, lists.len() as u32);
            recorder.dispatch(
                &BROADEN_BATCH,
                &[&p, &bufs[0], &bufs[1], &bufs[2], &bufs[3], &bufs[4], &out],
                groups,
            );
        }
        recorder.submit();
        read_back(ctx, &out, lists.len() * points)
    })?;
    Ok(density
        .chunks(points)
        .map(|c| c.iter().map(|&x| f64::from(x)).collect())
        .collect())
}
