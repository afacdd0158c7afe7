// Spectral weights of chi0 on energy nodes: for node k (workgroup z) and
// atoms b <= a, W_k[a][b] += sum over the node's pairs p of
// w[p] * q[a][p] * q[b][p], written to a packed lower triangle
// (index a (a + 1) / 2 + b) per node. One invocation per (a, b, node) loops
// over at most seg_len of the node's pairs starting at seg_begin, so that no
// invocation runs more than 16384 iterations (lavapipe stops an invocation
// after 65535); the host adds passes for larger nodes.
// CPU twin: accumulate() in src/rpa/spectral.rs (f64).

struct Params {
    n_atoms: u32,
    n_pairs: u32,
    seg_begin: u32,
    seg_len: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> charges: array<f32>;     // n_atoms x n_pairs
@group(0) @binding(2) var<storage, read> weights: array<f32>;     // n_pairs
@group(0) @binding(3) var<storage, read> ranges: array<vec2<u32>>; // (first pair, end) per node
@group(0) @binding(4) var<storage, read_write> packed: array<f32>; // nodes x n_atoms (n_atoms + 1) / 2

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
    let a = gid.y;
    let b = gid.x;
    let node = wid.z;
    if (a >= params.n_atoms || b > a) {
        return;
    }
    let range = ranges[node];
    let first = range.x + params.seg_begin;
    let end = min(range.y, first + params.seg_len);
    var sum = 0.0;
    for (var p = first; p < end; p = p + 1u) {
        sum = sum + weights[p] * charges[a * params.n_pairs + p] * charges[b * params.n_pairs + p];
    }
    let len = params.n_atoms * (params.n_atoms + 1u) / 2u;
    let index = node * len + a * (a + 1u) / 2u + b;
    packed[index] = packed[index] + sum;
}
