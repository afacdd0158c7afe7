//! Shells of a cluster counted from its centre by peeling surface layers.
//!
//! The surface layer is every atom with fewer than 12 neighbours; remove it
//! and repeat. For Mackay icosahedra, cuboctahedra and octahedra this gives
//! exactly the geometric shells (the central atom is the innermost shell).

use super::neighbours::{pairs_within, shortest_distance};

/// Depth of each atom: 0 for the outermost layer, 1 for the next, and so on.
/// Neighbours are atoms closer than 1.2 × the shortest distance.
pub fn depth_from_surface(positions: &[[f64; 3]]) -> Vec<usize> {
    let n = positions.len();
    let Some(d_min) = shortest_distance(positions) else {
        return vec![0; n];
    };
    let pairs = pairs_within(positions, 1.2 * d_min);
    let mut neighbours = vec![Vec::new(); n];
    for p in &pairs {
        neighbours[p.i].push(p.j);
        neighbours[p.j].push(p.i);
    }
    let mut depth = vec![usize::MAX; n];
    let mut remaining: Vec<usize> = (0..n).collect();
    let mut layer = 0;
    while !remaining.is_empty() {
        let alive = |k: usize, depth: &[usize]| depth[k] == usize::MAX;
        let surface: Vec<usize> = remaining
            .iter()
            .copied()
            .filter(|&i| neighbours[i].iter().filter(|&&j| alive(j, &depth)).count() < 12)
            .collect();
        // A fully coordinated remainder (not expected for finite clusters):
        // take it whole as the innermost layer.
        let surface = if surface.is_empty() {
            remaining.clone()
        } else {
            surface
        };
        for &i in &surface {
            depth[i] = layer;
        }
        remaining.retain(|&i| depth[i] == usize::MAX);
        layer += 1;
    }
    depth
}

/// Shell index counted from the centre: 0 for the innermost layer.
pub fn shell_from_centre(positions: &[[f64; 3]]) -> Vec<usize> {
    let depth = depth_from_surface(positions);
    let deepest = depth.iter().copied().max().unwrap_or(0);
    depth.iter().map(|d| deepest - d).collect()
}
