// Windowed broadening of a batch of line lists (one per configuration,
// each sorted by energy, stored one after another) onto one grid:
// workgroup z = configuration, one invocation per grid point. The same
// windows, bins and far-field moments as broaden.wgsl; each pass handles at
// most `seg_len` lines of every window and far-field bins
// [bin_pass, bin_pass + bin_pass_len) of each configuration.
// Line shapes: lineshape.wgsl, prepended by the host.
// CPU twin: src/spectrum/broaden.rs, applied to each configuration.

struct Params {
    n_points: u32,
    seg_begin: u32,
    seg_len: u32,
    bin_pass: u32,
    bin_pass_len: u32,
    pad0: u32,
    start: f32,
    step: f32,
    fwhm: f32,
    eta: f32,
    gauss_window: f32,
    lor_window: f32,
    bin_width: f32,
    pad1: f32,
    pad2: f32,
    pad3: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> lines: array<vec2<f32>>;      // (energy eV, weight)
@group(0) @binding(2) var<storage, read> configs: array<vec4<u32>>;    // (first line, end line, first bin, bins)
@group(0) @binding(3) var<storage, read> origins: array<f32>;          // lower edge of each configuration's bin 0, eV
@group(0) @binding(4) var<storage, read> bin_lines: array<vec2<u32>>;  // (first line, end line) of each bin
@group(0) @binding(5) var<storage, read> bins: array<vec4<f32>>;       // moments (M0, M1, M2, 0)
@group(0) @binding(6) var<storage, read_write> density: array<f32>;    // configurations x n_points

// First line in [lo, hi) with energy >= e (strict: > e).
fn bound(lo0: u32, hi0: u32, e: f32, strict: bool) -> u32 {
    var lo = lo0;
    var hi = hi0;
    while (lo < hi) {
        let mid = (lo + hi) / 2u;
        let x = lines[mid].x;
        if (x < e || (strict && x == e)) { lo = mid + 1u; } else { hi = mid; }
    }
    return lo;
}

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let k = gid.x;
    if (k >= params.n_points) { return; }
    let cfg = configs[gid.z];
    let e = params.start + f32(k) * params.step;
    var acc = 0.0;
    if (params.eta < 1.0) {
        let a = gaussian_exponent(params.fwhm);
        let norm = (1.0 - params.eta) * sqrt(a / PI);
        let lo = bound(cfg.x, cfg.y, e - params.gauss_window, false) + params.seg_begin;
        let hi = min(bound(cfg.x, cfg.y, e + params.gauss_window, true), lo + params.seg_len);
        for (var j = lo; j < hi; j++) {
            let x = e - lines[j].x;
            acc += lines[j].y * norm * exp(-a * x * x);
        }
    }
    if (params.eta > 0.0 && cfg.w > 0u) {
        let w = params.lor_window;
        let origin = origins[gid.z];
        let first = max(ceil((e - w - origin) / params.bin_width - 1.0), 0.0);
        let last = floor((e + w - origin) / params.bin_width);
        var near_acc = 0.0;
        if (last >= 0.0 && first <= f32(cfg.w - 1u)) {
            let b0 = cfg.z + u32(first);
            let b1 = cfg.z + min(u32(last), cfg.w - 1u);
            let j0 = bin_lines[b0].x + params.seg_begin;
            let j1 = min(bin_lines[b1].y, j0 + params.seg_len);
            for (var j = j0; j < j1; j++) {
                near_acc += lines[j].y * lorentzian(e - lines[j].x, params.fwhm);
            }
        }
        var far_acc = 0.0;
        let pass_end = min(params.bin_pass + params.bin_pass_len, cfg.w);
        for (var b = params.bin_pass; b < pass_end; b++) {
            let fb = f32(b);
            if (!(fb >= first && fb <= last)) {
                let m = bins[cfg.z + b];
                let x = e - (origin + (fb + 0.5) * params.bin_width);
                far_acc += lorentzian_far_field(m, x, params.fwhm);
            }
        }
        acc += params.eta * (near_acc + far_acc);
    }
    density[gid.z * params.n_points + k] += acc;
}
