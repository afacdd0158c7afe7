//! χ⁰ as a spectral function: the particle–hole pairs binned onto energy
//! nodes, each node k carrying the matrix weight
//!   W_k = Σ_{p→k} w'_p q_p q_pᵀ,  w'_p = w_p Δ_p / E_k
//! (w_p = nᵢ − nₐ, q_p the transition charges), so that
//!   χ⁰_AB(z) = Σ_k W_k,AB · 2E_k / (z² − E_k²),  z = ħω + iη,
//! for every frequency from one set of weights. Moving a pair from Δ_p to
//! its node E_k with w' keeps its oscillator strength exactly (the f-sum
//! rule is untouched) and shifts it by at most half a bin. Nodes are
//! FWHM/8 apart around the spectrum and widen by a fixed fraction per bin
//! beyond it; with zero width every distinct pair energy is its own node
//! (exact). Weights are stored packed (the lower triangle, row by row).

use serde::Serialize;

pub use crate::solve::spectral_weights::{accumulate, accumulate_into, packed_index, packed_len};

/// Energies the pairs are collected on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Nodes {
    /// Node energies, eV, ascending.
    pub energies: Vec<f64>,
}

/// How the nodes are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NodeLayout {
    /// Bin width inside [fine_lo, fine_hi], eV; 0 puts every distinct
    /// pair energy on its own node.
    pub width: f64,
    pub fine_lo: f64,
    pub fine_hi: f64,
    /// Outside the fine range each bin is this fraction wider than the
    /// previous one (a pair at distance d from the range moves by at most
    /// about growth·d/2).
    pub growth: f64,
}

/// Pairs closer than this (eV) share a node in the exact layout.
pub const EXACT_TOLERANCE: f64 = 1e-12;

impl Nodes {
    /// Nodes covering pair energies `energies` (sorted ascending), and the
    /// node of each pair.
    pub fn new(energies: &[f64], layout: &NodeLayout) -> (Nodes, Vec<u32>) {
        let (Some(&lo), Some(&hi)) = (energies.first(), energies.last()) else {
            return (
                Nodes {
                    energies: Vec::new(),
                },
                Vec::new(),
            );
        };
        if layout.width <= 0.0 {
            let mut nodes: Vec<f64> = Vec::new();
            let mut assignment = Vec::with_capacity(energies.len());
            for &e in energies {
                if nodes.last().is_none_or(|&n| e - n > EXACT_TOLERANCE) {
                    nodes.push(e);
                }
                assignment.push((nodes.len() - 1) as u32);
            }
            return (Nodes { energies: nodes }, assignment);
        }
        let edges = bin_edges(lo, hi, layout);
        let centres: Vec<f64> = edges.windows(2).map(|w| 0.5 * (w[0] + w[1])).collect();
        let assignment: Vec<u32> = energies
            .iter()
            .map(|&e| {
                (edges.partition_point(|&x| x <= e).saturating_sub(1)).min(centres.len() - 1) as u32
            })
            .collect();
        // Keep only the bins that hold pairs.
        let mut used = vec![u32::MAX; centres.len()];
        let mut kept = Vec::new();
        for &b in &assignment {
            if used[b as usize] == u32::MAX {
                used[b as usize] = kept.len() as u32;
                kept.push(centres[b as usize]);
            }
        }
        let assignment = assignment.iter().map(|&b| used[b as usize]).collect();
        (Nodes { energies: kept }, assignment)
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.energies.len()
    }

    /// True without nodes.
    pub fn is_empty(&self) -> bool {
        self.energies.is_empty()
    }
}

/// Bin edges covering [lo, hi]: width `layout.width` inside the fine range,
/// growing geometrically outside it.
fn bin_edges(lo: f64, hi: f64, layout: &NodeLayout) -> Vec<f64> {
    let b = layout.width;
    let (f0, f1) = (layout.fine_lo.max(lo.min(layout.fine_hi)), layout.fine_hi);
    // Below the fine range, downwards.
    let mut below = Vec::new();
    let (mut edge, mut width) = (f0, b);
    while edge > lo {
        width *= 1.0 + layout.growth;
        edge -= width;
        below.push(edge);
    }
    below.reverse();
    let mut edges = below;
    // The fine range, then above it.
    let mut e = f0;
    edges.push(e);
    let mut width = b;
    while e <= hi {
        if e >= f1 {
            width *= 1.0 + layout.growth;
        }
        e += width;
        edges.push(e);
    }
    edges
}

/// Pairs per chunk of the spectral accumulation: bounds the memory of the
/// transition charges (atoms × pairs × 8 bytes) to 32 MiB. Small enough
/// that the allocator reuses one chunk's memory for the next: a fresh
/// 256 MiB chunk cost more in page faults than in arithmetic.
pub const CHARGE_BUDGET: usize = 4 << 20;

/// The transition charges (sites × pairs) of a chunk of orbital pairs.
pub type ChargesOf<'a> = dyn Fn(&[(u32, u32)]) -> crate::error::Result<ndarray::Array2<f64>> + 'a;

/// The spectral weights of χ⁰ of `pairs` (orbital pairs (i, a) with
/// energies `energies`, eV, ascending, and weights `weights`: nᵢ − nₐ times
/// any scale of their strength) on `sites` charge sites (atoms, or shells),
/// the pairs binned on nodes by `layout`; `charges` gives the transition
/// charges (sites × pairs) of a chunk of pairs. Chunks hold at most
/// [`CHARGE_BUDGET`] charges.
#[allow(clippy::too_many_arguments)]
pub fn build(
    pairs: &[(u32, u32)],
    energies: &[f64],
    weights: &[f64],
    sites: usize,
    layout: &NodeLayout,
    charges: &ChargesOf,
    engine: &crate::engine::Engine,
    progress: &dyn crate::progress::Progress,
) -> crate::error::Result<SpectralWeights> {
    let (nodes, assignment) = Nodes::new(energies, layout);
    // Pairs are sorted by energy, so each node's pairs are contiguous.
    let mut ranges = vec![(usize::MAX, 0); nodes.len()];
    for (p, &k) in assignment.iter().enumerate() {
        let r = &mut ranges[k as usize];
        r.0 = r.0.min(p);
        r.1 = p + 1;
    }
    let weight = |p: usize| weights[p] * energies[p] / nodes.energies[assignment[p] as usize];
    let per_chunk = (CHARGE_BUDGET / sites.max(1)).max(1);
    // Zeroed by the allocator (fresh pages, touched first by the threads
    // that fill them), then filled node range by node range.
    let len = packed_len(sites);
    let mut packed = vec![0.0; nodes.len() * len];
    let mut first = 0;
    while first < ranges.len() {
        let mut last = first;
        while last + 1 < ranges.len() && ranges[last + 1].1 - ranges[first].0 <= per_chunk {
            last += 1;
        }
        let (start, end) = (ranges[first].0, ranges[last].1);
        progress.stage(&format!(
            "spectral χ⁰: pairs {start}–{end} of {} ({sites} sites)",
            energies.len(),
        ));
        let q = charges(&pairs[start..end])?;
        let w: Vec<f64> = (start..end).map(weight).collect();
        let local: Vec<(usize, usize)> = ranges[first..=last]
            .iter()
            .map(|r| (r.0 - start, r.1 - start))
            .collect();
        engine.spectral_weights(&q, &w, &local, &mut packed[first * len..(last + 1) * len])?;
        first = last + 1;
    }
    Ok(SpectralWeights {
        nodes,
        atoms: sites,
        packed,
    })
}

/// The spectral weights of χ⁰.
#[derive(Clone, Debug)]
pub struct SpectralWeights {
    pub nodes: Nodes,
    pub atoms: usize,
    /// Node after node, each a packed lower triangle of order `atoms`.
    pub packed: Vec<f64>,
}

impl SpectralWeights {
    /// The packed weight of node k.
    pub fn node(&self, k: usize) -> &[f64] {
        let len = packed_len(self.atoms);
        &self.packed[k * len..(k + 1) * len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_nodes_are_the_distinct_energies() {
        let e = [1.0, 1.0, 1.5, 2.0, 2.0 + 1e-14];
        let (n, a) = Nodes::new(
            &e,
            &NodeLayout {
                width: 0.0,
                fine_lo: 0.0,
                fine_hi: 10.0,
                growth: 0.05,
            },
        );
        assert_eq!(n.energies, [1.0, 1.5, 2.0]);
        assert_eq!(a, [0, 0, 1, 2, 2]);
    }

    #[test]
    fn binned_pairs_move_by_at_most_half_a_bin_and_bins_widen_outside() {
        let e: Vec<f64> = (0..4000).map(|k| 0.05 + k as f64 * 0.005).collect();
        let layout = NodeLayout {
            width: 0.02,
            fine_lo: 5.0,
            fine_hi: 10.0,
            growth: 0.05,
        };
        let (n, a) = Nodes::new(&e, &layout);
        let mut widest_far = 0.0f64;
        for (x, &k) in e.iter().zip(&a) {
            let shift = (x - n.energies[k as usize]).abs();
            let distance = (layout.fine_lo - x).max(x - layout.fine_hi).max(0.0);
            assert!(shift <= 0.5 * layout.width + 0.5 * layout.growth * distance * 1.2 + 1e-12);
            if (layout.fine_lo..=layout.fine_hi).contains(x) {
                assert!(shift <= 0.01 + 1e-12);
            } else {
                widest_far = widest_far.max(shift);
            }
        }
        assert!(widest_far > 0.02, "bins outside the fine range widen");
        assert!(n.len() < 600, "{} nodes for 4000 pairs", n.len());
    }

    #[test]
    fn weights_are_the_sum_of_outer_products() {
        let q = ndarray::arr2(&[[1.0, -2.0, 0.5], [0.3, 1.0, -1.0]]);
        let w = [2.0, 0.5, 1.0];
        let packed = accumulate(&q, &w, &[(0, 2), (2, 3)]);
        // Node 0: 2·(1, .3)(1, .3)ᵀ + .5·(−2, 1)(−2, 1)ᵀ.
        assert!((packed[packed_index(0, 0)] - (2.0 + 2.0)).abs() < 1e-12);
        assert!((packed[packed_index(1, 0)] - (0.6 - 1.0)).abs() < 1e-12);
        assert!((packed[packed_index(1, 1)] - (0.18 + 0.5)).abs() < 1e-12);
        let node1 = &packed[3..6];
        assert!((node1[packed_index(1, 0)] - (-0.5)).abs() < 1e-12);
    }
}
