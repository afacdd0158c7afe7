// Normalised line shapes (FWHM w, eV) shared by broaden.wgsl and
// broaden_batch.wgsl: the host prepends this file to each of them
// (src/gpu/broaden.rs), since WGSL has no includes.
// CPU twin: src/spectrum/lineshape.rs and src/spectrum/far_field.rs.

const PI: f32 = 3.14159265358979;
const LN2: f32 = 0.693147180559945;

// exp(-a x^2) with a = 4 ln2 / w^2 has full width w at half maximum.
fn gaussian_exponent(w: f32) -> f32 {
    return 4.0 * LN2 / (w * w);
}

fn lorentzian(x: f32, w: f32) -> f32 {
    let g = 0.5 * w;
    return g / (PI * (x * x + g * g));
}

fn lorentzian_slope(x: f32, w: f32) -> f32 {
    let g = 0.5 * w;
    let d = x * x + g * g;
    return -g / PI * 2.0 * x / (d * d);
}

fn lorentzian_curvature(x: f32, w: f32) -> f32 {
    let g = 0.5 * w;
    let d = x * x + g * g;
    return g / PI * (6.0 * x * x - 2.0 * g * g) / (d * d * d);
}

// A far bin of weight moments m = (M0, M1, M2) about its centre, seen at
// distance x from the centre: M0 L(x) - M1 L'(x) + M2/2 L''(x).
fn lorentzian_far_field(m: vec4<f32>, x: f32, w: f32) -> f32 {
    return m.x * lorentzian(x, w) - m.y * lorentzian_slope(x, w)
        + 0.5 * m.z * lorentzian_curvature(x, w);
}
