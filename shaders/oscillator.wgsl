// Oscillator strengths f = (2 m_e / 3 hbar^2) dE |mu|^2 (n_i - n_a) of every
// (occupied i, empty a) pair of a chunk; pairs that cannot absorb
// (dE <= 0 or n_i <= n_a) get 0 and are dropped by the host. Workgroup z
// indexes a batch of configurations stored one after another.
// CPU twin: transitions in src/solve/transitions.rs.

struct Params {
    occ_count: u32,
    virt_count: u32,
    prefactor: f32,   // 2 m_e / (3 hbar^2), 1/(eV Å^2)
    pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> dipole: array<f32>;       // 3 planes, Å
@group(0) @binding(2) var<storage, read> occ_level: array<vec2<f32>>;  // (energy eV, occupation)
@group(0) @binding(3) var<storage, read> virt_level: array<vec2<f32>>; // (energy eV, occupation)
@group(0) @binding(4) var<storage, read_write> strength: array<f32>;

@compute @workgroup_size(16, 16)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let a = gid.x;
    let i = gid.y;
    if (i >= params.occ_count || a >= params.virt_count) { return; }
    let plane = params.occ_count * params.virt_count;
    let idx = gid.z * 3u * plane + i * params.virt_count + a;
    let mu = vec3<f32>(dipole[idx], dipole[plane + idx], dipole[2u * plane + idx]);
    let occ = occ_level[gid.z * params.occ_count + i];
    let virt = virt_level[gid.z * params.virt_count + a];
    let de = virt.x - occ.x;
    let dn = occ.y - virt.y;
    var f = 0.0;
    if (de > 0.0 && dn > 0.0) {
        f = params.prefactor * de * dot(mu, mu) * dn;
    }
    strength[gid.z * plane + i * params.virt_count + a] = f;
}
