// The magnetic-dipole transform, first half: T_c = A_c C_virt for the six
// antisymmetric operators A = (P_x, P_y, P_z, M_x, M_y, M_z) of
// src/solve/rotatory.rs (P = [H, r], M_kl = H_kl r_k x r_l), stored in ELL
// layout (fixed-width rows of non-zeros). One invocation per (basis row k,
// empty orbital a). The second half, C_occ^T T_c, is project_gemm.wgsl.
// CPU twin: project() in src/solve/rotatory.rs.

struct Params {
    n_basis: u32,
    width: u32,       // ELL row width
    virt_count: u32,  // columns of c_virt (this chunk)
    pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> columns: array<u32>;     // n_basis x width, 0xffffffff pads
@group(0) @binding(2) var<storage, read> values: array<f32>;      // n_basis x width x 6
@group(0) @binding(3) var<storage, read> c_virt: array<f32>;      // n_basis x virt_count, row-major
@group(0) @binding(4) var<storage, read_write> t: array<f32>;     // 6 planes of n_basis x virt_count

const PAD: u32 = 0xffffffffu;

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let a = gid.x;
    let k = gid.y;
    if (a >= params.virt_count || k >= params.n_basis) { return; }
    var p = vec3<f32>(0.0, 0.0, 0.0);
    var m = vec3<f32>(0.0, 0.0, 0.0);
    for (var s = 0u; s < params.width; s++) {
        let slot = k * params.width + s;
        let l = columns[slot];
        if (l == PAD) { break; }
        let c = c_virt[l * params.virt_count + a];
        let v = slot * 6u;
        p += vec3<f32>(values[v], values[v + 1u], values[v + 2u]) * c;
        m += vec3<f32>(values[v + 3u], values[v + 4u], values[v + 5u]) * c;
    }
    let plane = params.n_basis * params.virt_count;
    let idx = k * params.virt_count + a;
    t[idx] = p.x;
    t[plane + idx] = p.y;
    t[2u * plane + idx] = p.z;
    t[3u * plane + idx] = m.x;
    t[4u * plane + idx] = m.y;
    t[5u * plane + idx] = m.z;
}
