// Transition dipoles as one tiled GEMM with three outputs:
// D_c[i][a] = sum_k C_occ[k][i] x_c[k] C_virt[k][a], c = x, y, z (Å),
// i.e. C_occ^T diag(x_c) C_virt. 16x16 output tiles; each step loads a
// 16-deep slice of both coefficient blocks and the positions into
// workgroup memory. Workgroup z indexes a batch of configurations of one
// size, stored one after another in every buffer (z = 0 for one cluster).
// CPU twin: dipole_matrices in src/solve/transitions.rs.

struct Params {
    n_basis: u32,
    occ_count: u32,   // columns of c_occ (this chunk)
    virt_count: u32,  // columns of c_virt (this chunk)
    pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> c_occ: array<f32>;        // n_basis x occ_count, row-major
@group(0) @binding(2) var<storage, read> c_virt: array<f32>;       // n_basis x virt_count, row-major
@group(0) @binding(3) var<storage, read> position: array<vec4<f32>>; // per basis orbital, Å
@group(0) @binding(4) var<storage, read_write> dipole: array<f32>; // 3 planes of occ_count x virt_count

const TILE: u32 = 16u;
var<workgroup> tile_occ: array<array<f32, 16>, 16>;   // [k][i]
var<workgroup> tile_virt: array<array<f32, 16>, 16>;  // [k][a]
var<workgroup> tile_pos: array<vec4<f32>, 16>;

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    let a = wid.x * TILE + lid.x;
    let i = wid.y * TILE + lid.y;
    let occ_base = wid.z * params.n_basis * params.occ_count;
    let virt_base = wid.z * params.n_basis * params.virt_count;
    let pos_base = wid.z * params.n_basis;
    let out_base = wid.z * 3u * params.occ_count * params.virt_count;
    var acc = vec3<f32>(0.0, 0.0, 0.0);
    for (var k0 = 0u; k0 < params.n_basis; k0 += TILE) {
        // Thread (x, y) loads C_occ[k0 + x][tile i = y] and C_virt[k0 + y][tile a = x].
        let ko = k0 + lid.x;
        let io = wid.y * TILE + lid.y;
        var vo = 0.0;
        if (ko < params.n_basis && io < params.occ_count) { vo = c_occ[occ_base + ko * params.occ_count + io]; }
        tile_occ[lid.x][lid.y] = vo;
        let kv = k0 + lid.y;
        var vv = 0.0;
        if (kv < params.n_basis && a < params.virt_count) { vv = c_virt[virt_base + kv * params.virt_count + a]; }
        tile_virt[lid.y][lid.x] = vv;
        if (lid.y == 0u) {
            var p = vec4<f32>(0.0);
            if (ko < params.n_basis) { p = position[pos_base + ko]; }
            tile_pos[lid.x] = p;
        }
        workgroupBarrier();
        for (var kk = 0u; kk < TILE; kk++) {
            acc += tile_pos[kk].xyz * (tile_occ[kk][lid.y] * tile_virt[kk][lid.x]);
        }
        workgroupBarrier();
    }
    if (i < params.occ_count && a < params.virt_count) {
        let plane = params.occ_count * params.virt_count;
        let idx = i * params.virt_count + a;
        dipole[out_base + idx] = acc.x;
        dipole[out_base + plane + idx] = acc.y;
        dipole[out_base + 2u * plane + idx] = acc.z;
    }
}
