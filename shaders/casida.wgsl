// The Casida matrix of a low-rank linear response (jellium TDLDA,
// tight-binding RPA):
// Ω_pq = Δ_p² δ_pq + 2 λ s_p s_q Σ_k A_kp B_kq, for the rows
// p = row_offset … row_offset + rows − 1, as a tiled GEMM Aᵀ B (16x16 output
// tiles, the grid dimension k staged through workgroup memory).
// A and B are points × pairs, row-major. One invocation loops over all
// `points` grid points: the host keeps points ≤ 60000 (lavapipe stops an
// invocation after 65535 loop iterations).
// CPU twin: casida_matrix() in src/solve/casida.rs (f64).

struct Params {
    points: u32,
    pairs: u32,
    row_offset: u32,
    rows: u32,
    lambda: f32,
    pad0: u32,
    pad1: u32,
    pad2: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;      // points x pairs
@group(0) @binding(2) var<storage, read> b: array<f32>;      // points x pairs
@group(0) @binding(3) var<storage, read> delta: array<f32>;  // pairs
@group(0) @binding(4) var<storage, read> s: array<f32>;      // pairs
@group(0) @binding(5) var<storage, read_write> omega: array<f32>; // rows x pairs

const TILE: u32 = 16u;
var<workgroup> tile_a: array<array<f32, 16>, 16>;  // [k][p]
var<workgroup> tile_b: array<array<f32, 16>, 16>;  // [k][q]

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    let q = wid.x * TILE + lid.x;
    let row = wid.y * TILE + lid.y;
    let p = params.row_offset + row;
    var acc = 0.0;
    for (var k0 = 0u; k0 < params.points; k0 += TILE) {
        // Thread (x, y) loads A[k0 + x][p of row y] and B[k0 + y][q of column x].
        let ka = k0 + lid.x;
        let pa = params.row_offset + wid.y * TILE + lid.y;
        var va = 0.0;
        if (ka < params.points && wid.y * TILE + lid.y < params.rows) { va = a[ka * params.pairs + pa]; }
        tile_a[lid.x][lid.y] = va;
        let kb = k0 + lid.y;
        var vb = 0.0;
        if (kb < params.points && q < params.pairs) { vb = b[kb * params.pairs + q]; }
        tile_b[lid.y][lid.x] = vb;
        workgroupBarrier();
        for (var kk = 0u; kk < TILE; kk++) {
            acc += tile_a[kk][lid.y] * tile_b[kk][lid.x];
        }
        workgroupBarrier();
    }
    if (row < params.rows && q < params.pairs) {
        var value = 2.0 * params.lambda * s[p] * s[q] * acc;
        if (p == q) { value += delta[p] * delta[p]; }
        omega[row * params.pairs + q] = value;
    }
}
