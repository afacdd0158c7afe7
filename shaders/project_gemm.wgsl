// The magnetic-dipole transform, second half: X_c = C_occ^T T_c for the six
// planes written by magnetic.wgsl, as a batched tiled GEMM (workgroup z =
// plane, 16x16 output tiles staged through workgroup memory).
// CPU twin: the GEMM at the end of project() in src/solve/rotatory.rs.

struct Params {
    n_basis: u32,
    occ_count: u32,
    virt_count: u32,
    pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> c_occ: array<f32>;   // n_basis x occ_count, row-major
@group(0) @binding(2) var<storage, read> t: array<f32>;       // 6 planes of n_basis x virt_count
@group(0) @binding(3) var<storage, read_write> x: array<f32>; // 6 planes of occ_count x virt_count

const TILE: u32 = 16u;
var<workgroup> tile_occ: array<array<f32, 16>, 16>;  // [k][i]
var<workgroup> tile_t: array<array<f32, 16>, 16>;    // [k][a]

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    let a = wid.x * TILE + lid.x;
    let i = wid.y * TILE + lid.y;
    let plane_in = wid.z * params.n_basis * params.virt_count;
    var acc = 0.0;
    for (var k0 = 0u; k0 < params.n_basis; k0 += TILE) {
        let ko = k0 + lid.x;
        let io = wid.y * TILE + lid.y;
        var vo = 0.0;
        if (ko < params.n_basis && io < params.occ_count) { vo = c_occ[ko * params.occ_count + io]; }
        tile_occ[lid.x][lid.y] = vo;
        let kt = k0 + lid.y;
        var vt = 0.0;
        if (kt < params.n_basis && a < params.virt_count) { vt = t[plane_in + kt * params.virt_count + a]; }
        tile_t[lid.y][lid.x] = vt;
        workgroupBarrier();
        for (var kk = 0u; kk < TILE; kk++) {
            acc += tile_occ[kk][lid.y] * tile_t[kk][lid.x];
        }
        workgroupBarrier();
    }
    if (i < params.occ_count && a < params.virt_count) {
        x[wid.z * params.occ_count * params.virt_count + i * params.virt_count + a] = acc;
    }
}
