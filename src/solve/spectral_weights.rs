//! The spectral weights of χ⁰ on energy nodes, W_k = Σ_{p→k} w'_p q_p q_pᵀ,
//! stored as packed lower triangles (row by row): the CPU twin of
//! shaders/spectral_weights.wgsl. The nodes themselves are laid out by
//! the collective response (`rpa::spectral`).

/// Index of element (a, b), b ≤ a, in a packed lower triangle.
pub fn packed_index(a: usize, b: usize) -> usize {
    a * (a + 1) / 2 + b
}

/// Length of a packed lower triangle of order n.
pub fn packed_len(n: usize) -> usize {
    n * (n + 1) / 2
}

/// CPU twin of shaders/spectral_weights.wgsl: the packed W of each node
/// from the transition charges `q` (atoms × pairs, pairs grouped by node:
/// node k holds pairs `ranges[k]`) and the pair weights `w'`.
pub fn accumulate(
    q: &ndarray::Array2<f64>,
    weights: &[f64],
    ranges: &[(usize, usize)],
) -> Vec<f64> {
    let mut packed = vec![0.0; packed_len(q.nrows()) * ranges.len()];
    accumulate_into(q, weights, ranges, &mut packed);
    packed
}

/// [`accumulate`] written into `packed` (the packed triangles of the
/// nodes one after the other, `ranges.len()` of them): the caller's
/// buffer is filled in place, so a large one is neither copied nor paged
/// in twice.
pub fn accumulate_into(
    q: &ndarray::Array2<f64>,
    weights: &[f64],
    ranges: &[(usize, usize)],
    packed: &mut [f64],
) {
    use rayon::prelude::*;
    let atoms = q.nrows();
    let len = packed_len(atoms);
    assert_eq!(
        packed.len(),
        len * ranges.len(),
        "one packed triangle per node"
    );
    packed
        .par_chunks_mut(len.max(1))
        .zip(ranges.par_iter())
        // One A × A workspace per thread, reused from node to node.
        .for_each_init(
            || faer::Mat::<f64>::zeros(atoms, atoms),
            |w, (out, &(start, end))| {
                let mut g = faer::Mat::<f64>::zeros(atoms, end - start);
                for (p, w) in weights.iter().enumerate().take(end).skip(start) {
                    let root = w.max(0.0).sqrt();
                    let column = g.col_as_slice_mut(p - start);
                    for (x, &charge) in column.iter_mut().zip(q.column(p)) {
                        *x = charge * root;
                    }
                }
                // Only the upper triangle of G Gᵀ (half the work of a
                // GEMM): column a's rows 0..=a are packed row a.
                faer::linalg::matmul::triangular::matmul(
                    w.as_mut(),
                    faer::linalg::matmul::triangular::BlockStructure::TriangularUpper,
                    faer::Accum::Replace,
                    g.as_ref(),
                    faer::linalg::matmul::triangular::BlockStructure::Rectangular,
                    g.transpose(),
                    faer::linalg::matmul::triangular::BlockStructure::Rectangular,
                    1.0,
                    faer::Par::rayon(0),
                );
                for a in 0..atoms {
                    out[packed_index(a, 0)..=packed_index(a, a)]
                        .copy_from_slice(&w.col_as_slice(a)[..=a]);
                }
            },
        );
}
