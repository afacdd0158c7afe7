// Batched symmetric eigensolver: parallel cyclic Jacobi, one workgroup per
// matrix. Each round of the round-robin ("circle") ordering pairs every
// index with another, the n/2 rotations of a round are disjoint and are
// applied together: rotation angles from the current A, then the rows
// (A <- J^T A), then the columns (A <- A J, V <- V J). The host issues a
// fixed number of rounds per dispatch (lavapipe stops an invocation after
// 65535 loop iterations) and checks convergence with `off_norm`.
// CPU twin: src/solve/jacobi.rs (same ordering, f64).

struct Params {
    n: u32,            // matrix order
    n_pad: u32,        // n rounded up to even (index n is a dummy when odd)
    batch: u32,        // matrices in this dispatch
    round_begin: u32,  // first round (counted over sweeps)
    round_count: u32,  // rounds in this dispatch
    x_groups: u32,     // workgroups along x (2-D folding of the batch)
    pad0: u32,
    pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> a: array<f32>;  // batch x n x n
@group(0) @binding(2) var<storage, read_write> v: array<f32>;  // batch x n x n

const THREADS: u32 = 256u;
var<workgroup> rot: array<vec2<f32>, 512>;
var<workgroup> pairs: array<vec2<u32>, 512>;
var<workgroup> partial: array<vec2<f32>, 256>;

fn pair_of(round: u32, k: u32, m: u32) -> vec2<u32> {
    var p: u32;
    var q: u32;
    if (k == 0u) {
        p = m;
        q = round;
    } else {
        p = (round + k) % m;
        q = (round + m - k) % m;
    }
    return vec2<u32>(min(p, q), max(p, q));
}

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    let b = wid.x + wid.y * params.x_groups;
    if (b >= params.batch) { return; }
    let n = params.n;
    let half = params.n_pad / 2u;
    let m = params.n_pad - 1u;
    let base = b * n * n;
    for (var r = params.round_begin; r < params.round_begin + params.round_count; r++) {
        let round = r % m;
        for (var k = lid; k < half; k += THREADS) {
            let pq = pair_of(round, k, m);
            pairs[k] = pq;
            var cs = vec2<f32>(1.0, 0.0);
            if (pq.y < n) {
                let apq = a[base + pq.x * n + pq.y];
                if (apq != 0.0) {
                    let theta = (a[base + pq.y * n + pq.y] - a[base + pq.x * n + pq.x]) / (2.0 * apq);
                    var t = 1.0 / (abs(theta) + sqrt(theta * theta + 1.0));
                    if (theta < 0.0) { t = -t; }
                    let c = 1.0 / sqrt(t * t + 1.0);
                    cs = vec2<f32>(c, t * c);
                }
            }
            rot[k] = cs;
        }
        workgroupBarrier();
        // Rows p, q of A.
        for (var idx = lid; idx < half * n; idx += THREADS) {
            let k = idx / n;
            let j = idx % n;
            let pq = pairs[k];
            if (pq.y < n) {
                let cs = rot[k];
                let ap = a[base + pq.x * n + j];
                let aq = a[base + pq.y * n + j];
                a[base + pq.x * n + j] = cs.x * ap - cs.y * aq;
                a[base + pq.y * n + j] = cs.y * ap + cs.x * aq;
            }
        }
        storageBarrier();
        workgroupBarrier();
        // Columns p, q of A and V.
        for (var idx = lid; idx < half * n; idx += THREADS) {
            let k = idx / n;
            let i = idx % n;
            let pq = pairs[k];
            if (pq.y < n) {
                let cs = rot[k];
                let ap = a[base + i * n + pq.x];
                let aq = a[base + i * n + pq.y];
                a[base + i * n + pq.x] = cs.x * ap - cs.y * aq;
                a[base + i * n + pq.y] = cs.y * ap + cs.x * aq;
                let vp = v[base + i * n + pq.x];
                let vq = v[base + i * n + pq.y];
                v[base + i * n + pq.x] = cs.x * vp - cs.y * vq;
                v[base + i * n + pq.y] = cs.y * vp + cs.x * vq;
            }
        }
        storageBarrier();
        workgroupBarrier();
    }
}

// Off-diagonal and total Frobenius norms of each matrix, for the host's
// convergence test: norms[b] = (|offdiag A|, |A|).
@group(0) @binding(3) var<storage, read_write> norms: array<vec2<f32>>;

@compute @workgroup_size(256)
fn off_norm(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
    let b = wid.x + wid.y * params.x_groups;
    if (b >= params.batch) { return; }
    let n = params.n;
    let base = b * n * n;
    var acc = vec2<f32>(0.0, 0.0);
    for (var idx = lid; idx < n * n; idx += THREADS) {
        let x = a[base + idx];
        let sq = x * x;
        if (idx / n != idx % n) { acc.x += sq; }
        acc.y += sq;
    }
    partial[lid] = acc;
    workgroupBarrier();
    for (var s = THREADS / 2u; s > 0u; s = s / 2u) {
        if (lid < s) { partial[lid] += partial[lid + s]; }
        workgroupBarrier();
    }
    if (lid == 0u) { norms[b] = sqrt(partial[0]); }
}
