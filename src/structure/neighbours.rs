//! Pairs of atoms within a distance, found with a cell list in O(N).

use std::collections::HashMap;

/// A pair of atoms `i < j` at distance `distance` (Å).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    pub i: usize,
    pub j: usize,
    /// Distance, Å.
    pub distance: f64,
}

/// All pairs `i < j` with distance ≤ `r_max` (Å), sorted by (i, j).
pub fn pairs_within(positions: &[[f64; 3]], r_max: f64) -> Vec<Pair> {
    let cell = r_max.max(1e-6);
    let key = |p: &[f64; 3]| p.map(|x| (x / cell).floor() as i64);
    let mut grid: HashMap<[i64; 3], Vec<usize>> = HashMap::new();
    for (i, p) in positions.iter().enumerate() {
        grid.entry(key(p)).or_default().push(i);
    }
    let mut pairs = Vec::new();
    for (i, p) in positions.iter().enumerate() {
        let c = key(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for dz in -1..=1 {
                    let Some(bucket) = grid.get(&[c[0] + dx, c[1] + dy, c[2] + dz]) else {
                        continue;
                    };
                    for &j in bucket {
                        if j <= i {
                            continue;
                        }
                        let d = distance(p, &positions[j]);
                        if d <= r_max {
                            pairs.push(Pair { i, j, distance: d });
                        }
                    }
                }
            }
        }
    }
    pairs.sort_by_key(|p| (p.i, p.j));
    pairs
}

/// Euclidean distance between two points, Å.
pub fn distance(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// The shortest interatomic distance (Å), or `None` for fewer than two atoms.
pub fn shortest_distance(positions: &[[f64; 3]]) -> Option<f64> {
    if positions.len() < 2 {
        return None;
    }
    // Grow the search radius until some pair is found.
    let mut r = 3.0;
    loop {
        let pairs = pairs_within(positions, r);
        if let Some(d) = pairs.iter().map(|p| p.distance).reduce(f64::min) {
            return Some(d);
        }
        r *= 2.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_list_matches_brute_force() {
        let mut pos = Vec::new();
        let mut x = 0.123_f64;
        for _ in 0..200 {
            let mut p = [0.0; 3];
            for c in &mut p {
                x = (x * 9301.0 + 49297.0) % 233280.0;
                *c = x / 233280.0 * 20.0 - 10.0;
            }
            pos.push(p);
        }
        let fast = pairs_within(&pos, 3.1);
        let mut slow = Vec::new();
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                let d = distance(&pos[i], &pos[j]);
                if d <= 3.1 {
                    slow.push(Pair { i, j, distance: d });
                }
            }
        }
        assert_eq!(fast, slow);
        assert!(!fast.is_empty());
    }
}

/// Atoms further than this (Å) from every atom of another group form a
/// separate fragment: beyond the reach of every hopping in the shipped
/// parameter sets (their outer cut-off, 1.35 nearest-neighbour distances,
/// is at most 3.9 Å), so no electron moves between fragments.
pub const FRAGMENT_GAP: f64 = 4.5;

/// The connected groups of `positions` (Å) when atoms closer than `gap`
/// are joined, largest first; one group for a connected cluster.
pub fn fragments(positions: &[[f64; 3]], gap: f64) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..positions.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for p in pairs_within(positions, gap) {
        let (a, b) = (root(&mut parent, p.i), root(&mut parent, p.j));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..positions.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

#[cfg(test)]
mod fragment_tests {
    use super::*;

    #[test]
    fn far_apart_groups_are_fragments() {
        let dimer = [[0.0, 0.0, 0.0], [2.9, 0.0, 0.0]];
        assert_eq!(fragments(&dimer, FRAGMENT_GAP).len(), 1);
        let mut apart = dimer.to_vec();
        apart.push([100.0, 0.0, 0.0]);
        apart.push([102.9, 0.0, 0.0]);
        apart.push([5000.0, 0.0, 0.0]);
        let f = fragments(&apart, FRAGMENT_GAP);
        assert_eq!(f, vec![vec![0, 1], vec![2, 3], vec![4]]);
        // A chain of near neighbours is one fragment however long.
        let chain: Vec<[f64; 3]> = (0..50).map(|k| [2.9 * k as f64, 0.0, 0.0]).collect();
        assert_eq!(fragments(&chain, FRAGMENT_GAP).len(), 1);
    }
}
