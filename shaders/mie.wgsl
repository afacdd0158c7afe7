// Mie efficiencies of homogeneous and core-shell spheres, one invocation
// per case (size parameters, relative refractive indices and the number of
// series terms, chosen by the host). Yang's recurrences as in
// src/optics/mie.rs: D1 downward, psi*xi and D3 upward, the layer ratio Q
// upward, then a_n, b_n with the Riccati-Bessel functions of the outer size
// parameter. Complex numbers are vec2<f32> (re, im).
// CPU twin: efficiencies() in src/optics/mie.rs (f64).

struct Case {
    x_core: f32,     // size parameter of the core (= x_outer for one layer)
    x_outer: f32,
    layers: u32,     // 1 or 2
    terms: u32,      // series terms, < MAX_TERMS
    m_core: vec2<f32>,
    m_shell: vec2<f32>,
}

struct Params {
    n_cases: u32,
    pad0: u32,
    pad1: u32,
    pad2: u32,
}

const MAX_TERMS: u32 = 320u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> cases: array<Case>;
@group(0) @binding(2) var<storage, read_write> efficiencies: array<vec2<f32>>; // (Q_ext, Q_sca)

var<private> d1_core: array<vec2<f32>, MAX_TERMS>;  // D1(m_core x_core)
var<private> d1_outer: array<vec2<f32>, MAX_TERMS>; // D1(m_shell x_outer)
var<private> d1_inner: array<vec2<f32>, MAX_TERMS>; // D1(m_shell x_core)
var<private> d1_real: array<f32, MAX_TERMS>;        // D1(x_outer)

fn cmul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
    return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

fn cdiv(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
    let d = b.x * b.x + b.y * b.y;
    return vec2<f32>((a.x * b.x + a.y * b.y) / d, (a.y * b.x - a.x * b.y) / d);
}

fn cexp(z: vec2<f32>) -> vec2<f32> {
    return exp(z.x) * vec2<f32>(cos(z.y), sin(z.y));
}

fn re(x: f32) -> vec2<f32> {
    return vec2<f32>(x, 0.0);
}

// D1_n(z), n = 0 ... terms, downward from max(terms, |z|) + 16.
fn log_derivative(z: vec2<f32>, terms: u32, out: ptr<private, array<vec2<f32>, MAX_TERMS>>) {
    let start = max(terms, u32(ceil(length(z)))) + 16u;
    var d = vec2<f32>(0.0, 0.0);
    for (var n = start; n >= 1u; n = n - 1u) {
        let nz = cdiv(re(f32(n)), z);
        if (n <= terms) {
            (*out)[n] = d;
        }
        d = nz - cdiv(re(1.0), d + nz);
    }
    (*out)[0] = d;
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let k = gid.x;
    if (k >= params.n_cases) {
        return;
    }
    let c = cases[k];
    let terms = c.terms;
    let x = c.x_outer;
    let i = vec2<f32>(0.0, 1.0);
    log_derivative(cmul(c.m_core, re(c.x_core)), terms, &d1_core);
    let two = c.layers == 2u;
    let z1 = cmul(c.m_shell, re(x));
    let z2 = cmul(c.m_shell, re(c.x_core));
    if (two) {
        log_derivative(z1, terms, &d1_outer);
        log_derivative(z2, terms, &d1_inner);
    }
    // D1 of the real outer size parameter.
    let start = max(terms, u32(ceil(x))) + 16u;
    var dr = 0.0;
    for (var n = start; n >= 1u; n = n - 1u) {
        let nx = f32(n) / x;
        if (n <= terms) {
            d1_real[n] = dr;
        }
        dr = nx - 1.0 / (dr + nx);
    }
    // Layer recurrences at n = 0.
    var prod1 = 0.5 * (re(1.0) - cexp(cmul(vec2<f32>(0.0, 2.0), z1)));
    var prod2 = 0.5 * (re(1.0) - cexp(cmul(vec2<f32>(0.0, 2.0), z2)));
    var d3_1 = i;
    var d3_2 = i;
    let num = re(exp(-2.0 * z2.y)) - cexp(vec2<f32>(0.0, -2.0 * z2.x));
    let den = re(exp(-2.0 * z1.y)) - cexp(vec2<f32>(0.0, -2.0 * z1.x));
    var q = exp(2.0 * (z2.y - z1.y)) * cdiv(num, den);
    let ratio = c.x_core / x;
    // Riccati-Bessel functions of x: psi upward while n <= x (stable, and
    // right at its zeros too), by the ratio from D1 beyond (see the CPU twin).
    var psi_prev = sin(x);
    var psi_prev2 = cos(x);
    var chi_prev = cos(x);
    var chi_prev2 = -sin(x);
    let m_out = select(c.m_core, c.m_shell, two);
    var ext = 0.0;
    var sca = 0.0;
    for (var n = 1u; n <= terms; n = n + 1u) {
        let nf = f32(n);
        var ha = d1_core[n];
        var hb = d1_core[n];
        if (two) {
            let n1 = cdiv(re(nf), z1);
            let n2 = cdiv(re(nf), z2);
            // psi_n/psi_(n-1) = 1/(D1_n + n/z): no cancellation for small z.
            prod1 = cdiv(cmul(prod1, n1 - d3_1), d1_outer[n] + n1);
            prod2 = cdiv(cmul(prod2, n2 - d3_2), d1_inner[n] + n2);
            let up = cmul(cmul(z1, d1_outer[n]) + re(nf), re(nf) - cmul(z1, d3_1));
            let down = cmul(cmul(z2, d1_inner[n]) + re(nf), re(nf) - cmul(z2, d3_2));
            q = cmul(q, ratio * ratio * cdiv(up, down));
            d3_1 = d1_outer[n] + cdiv(i, prod1);
            d3_2 = d1_inner[n] + cdiv(i, prod2);
            let g1 = cmul(c.m_shell, ha) - cmul(c.m_core, d1_inner[n]);
            let g2 = cmul(c.m_shell, ha) - cmul(c.m_core, d3_2);
            ha = cdiv(cmul(g2, d1_outer[n]) - cmul(cmul(q, g1), d3_1), g2 - cmul(q, g1));
            let h1 = cmul(c.m_core, hb) - cmul(c.m_shell, d1_inner[n]);
            let h2 = cmul(c.m_core, hb) - cmul(c.m_shell, d3_2);
            hb = cdiv(cmul(h2, d1_outer[n]) - cmul(cmul(q, h1), d3_1), h2 - cmul(q, h1));
        }
        let nx = nf / x;
        let step = (2.0 * nf - 1.0) / x;
        var psi = psi_prev / (d1_real[n] + nx);
        if (nf <= x) {
            psi = step * psi_prev - psi_prev2;
        }
        let chi = step * chi_prev - chi_prev2;
        // Beyond this the terms are below 1e-30 of the first (|a_n| ~ psi/chi)
        // and chi would overflow f32 (tiny x with many layer terms).
        if (abs(chi) > 1e30) {
            break;
        }
        let xi = vec2<f32>(psi, -chi);
        let xi_prev = vec2<f32>(psi_prev, -chi_prev);
        let ta = cdiv(ha, m_out) + re(nx);
        let tb = cmul(hb, m_out) + re(nx);
        let a = cdiv(ta * psi - re(psi_prev), cmul(ta, xi) - xi_prev);
        let b = cdiv(tb * psi - re(psi_prev), cmul(tb, xi) - xi_prev);
        let w = 2.0 * nf + 1.0;
        ext = ext + w * (a.x + b.x);
        sca = sca + w * (dot(a, a) + dot(b, b));
        psi_prev2 = psi_prev;
        psi_prev = psi;
        chi_prev2 = chi_prev;
        chi_prev = chi;
    }
    let scale = 2.0 / (x * x);
    efficiencies[k] = vec2<f32>(scale * ext, scale * sca);
}
