// Transition charges of particle-hole pairs on the atoms:
// q[A][p] = sum over the orbitals mu of atom A of C[mu][i_p] * C[mu][a_p],
// one invocation per (pair, atom). The host uploads the coefficient columns
// of the orbitals the pairs use (basis x columns, row-major) and each pair as
// two column indices into them.
// CPU twin: transition_charges() in src/rpa/charges.rs (f64).

struct Params {
    n_basis: u32,
    columns: u32,
    n_pairs: u32,
    n_atoms: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> coefficients: array<f32>;  // n_basis x columns
@group(0) @binding(2) var<storage, read> pairs: array<vec2<u32>>;    // (hole column, particle column)
@group(0) @binding(3) var<storage, read> atom_orbitals: array<vec2<u32>>; // (first orbital, count) per atom
@group(0) @binding(4) var<storage, read_write> charges: array<f32>;  // n_atoms x n_pairs

@compute @workgroup_size(64, 4)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
    let p = gid.x;
    let atom = gid.y;
    if (p >= params.n_pairs || atom >= params.n_atoms) {
        return;
    }
    let pair = pairs[p];
    let span = atom_orbitals[atom];
    var q = 0.0;
    for (var k = 0u; k < span.y; k = k + 1u) {
        let row = (span.x + k) * params.columns;
        q = q + coefficients[row + pair.x] * coefficients[row + pair.y];
    }
    charges[atom * params.n_pairs + p] = q;
}
