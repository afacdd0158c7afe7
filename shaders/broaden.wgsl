// Windowed broadening of energy-sorted lines onto a uniform grid, one
// invocation per grid point, gathering the lines of one chunk:
//   Gaussian part: lines within +-gauss_window (binary search);
//   Lorentzian part: lines of the bins "near" the point (bin-aligned window)
//   exactly, and, in the first chunk only, every other bin through its
//   moments about its centre c: M0 L(x) - M1 L'(x) + M2/2 L''(x), x = E - c.
// Results are added to `density`, so chunks and passes accumulate. Each
// pass handles at most `seg_len` lines of every window (from `seg_begin`)
// and far-field bins [bin_begin, bin_end): the host issues as many passes
// as the widest window needs, so no invocation loops more than ~3 seg_len
// times (lavapipe stops any invocation after 65535 loop iterations in all).
// Line shapes: lineshape.wgsl, prepended by the host.
// CPU twin: src/spectrum/broaden.rs (same windows, same bins, f64).

struct Params {
    n_points: u32,
    n_lines: u32,      // lines in this chunk
    line_offset: u32,  // global index of the chunk's first line
    n_bins: u32,
    start: f32,        // grid start, eV
    step: f32,         // grid step, eV
    fwhm: f32,         // eV
    eta: f32,          // Lorentzian fraction
    gauss_window: f32, // eV
    lor_window: f32,   // eV
    bin_origin: f32,   // eV
    bin_width: f32,    // eV
    far_field: u32,    // 1 in the first chunk
    x_threads: u32,    // threads along x of the dispatch (2-D folding)
    seg_begin: u32,    // first line of each window handled by this pass
    seg_len: u32,      // lines of each window handled by this pass
    bin_begin: u32,    // far-field bins of this pass
    bin_end: u32,
    pad0: u32,
    pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> lines: array<vec2<f32>>;   // (energy eV, weight), this chunk
@group(0) @binding(2) var<storage, read> bin_start: array<u32>;     // global first line of each bin, n_bins + 1
@group(0) @binding(3) var<storage, read> bins: array<vec4<f32>>;    // moments (M0, M1 eV, M2 eV^2, 0)
@group(0) @binding(4) var<storage, read_write> density: array<f32>;

// First line of the chunk with energy >= e.
fn lower_bound(e: f32) -> u32 {
    var lo = 0u;
    var hi = params.n_lines;
    while (lo < hi) {
        let mid = (lo + hi) / 2u;
        if (lines[mid].x < e) { lo = mid + 1u; } else { hi = mid; }
    }
    return lo;
}

// First line of the chunk with energy > e.
fn upper_bound(e: f32) -> u32 {
    var lo = 0u;
    var hi = params.n_lines;
    while (lo < hi) {
        let mid = (lo + hi) / 2u;
        if (lines[mid].x <= e) { lo = mid + 1u; } else { hi = mid; }
    }
    return lo;
}

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let k = gid.x + gid.y * params.x_threads;
    if (k >= params.n_points) { return; }
    let e = params.start + f32(k) * params.step;
    var acc = 0.0;
    if (params.eta < 1.0) {
        let a = gaussian_exponent(params.fwhm);
        let norm = (1.0 - params.eta) * sqrt(a / PI);
        let lo = lower_bound(e - params.gauss_window) + params.seg_begin;
        let hi = min(upper_bound(e + params.gauss_window), lo + params.seg_len);
        for (var j = lo; j < hi; j++) {
            let x = e - lines[j].x;
            acc += lines[j].y * norm * exp(-a * x * x);
        }
    }
    if (params.eta > 0.0 && params.n_bins > 0u) {
        let w = params.lor_window;
        // Near bins: lo_b - w <= e <= hi_b + w.
        let first = max(ceil((e - w - params.bin_origin) / params.bin_width - 1.0), 0.0);
        let last = floor((e + w - params.bin_origin) / params.bin_width);
        var near_acc = 0.0;
        if (last >= 0.0 && first <= f32(params.n_bins - 1u)) {
            let b0 = u32(first);
            let b1 = min(u32(last), params.n_bins - 1u);
            let chunk_end = params.line_offset + params.n_lines;
            let j0 = max(bin_start[b0], params.line_offset) + params.seg_begin;
            let j1 = min(min(bin_start[b1 + 1u], chunk_end), j0 + params.seg_len);
            for (var j = j0; j < j1; j++) {
                let line = lines[j - params.line_offset];
                near_acc += line.y * lorentzian(e - line.x, params.fwhm);
            }
        }
        var far_acc = 0.0;
        if (params.far_field == 1u) {
            for (var b = params.bin_begin; b < params.bin_end; b++) {
                let fb = f32(b);
                let near = fb >= first && fb <= last;
                let m = bins[b];
                if (!near) {
                    let x = e - (params.bin_origin + (fb + 0.5) * params.bin_width);
                    far_acc += lorentzian_far_field(m, x, params.fwhm);
                }
            }
        }
        acc += params.eta * (near_acc + far_acc);
    }
    density[k] += acc;
}
