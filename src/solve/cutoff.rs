//! The smooth cut-off: hoppings go to zero between two radii with no jump
//! in value or slope.

/// f(d) = 1 for d ≤ inner, ½(1 + cos(π (d − inner)/(outer − inner))) between,
/// 0 for d ≥ outer (all in Å). Continuous with a continuous first derivative.
pub fn smooth_cutoff(d: f64, inner: f64, outer: f64) -> f64 {
    if d <= inner {
        1.0
    } else if d >= outer {
        0.0
    } else {
        0.5 * (1.0 + (std::f64::consts::PI * (d - inner) / (outer - inner)).cos())
    }
}

/// A bond integral at distance `d` (Å): `v0` at `r0`, scaled as (r₀/d)ⁿ and
/// tapered by [`smooth_cutoff`] between `inner`·r₀ and `outer`·r₀.
pub fn scaled_integral(v0: f64, n: f64, d: f64, r0: f64, inner: f64, outer: f64) -> f64 {
    v0 * (r0 / d).powf(n) * smooth_cutoff(d, inner * r0, outer * r0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutoff_is_continuous_at_both_ends() {
        let (a, b) = (3.0, 4.0);
        assert_eq!(smooth_cutoff(a, a, b), 1.0);
        assert!((smooth_cutoff(a + 1e-9, a, b) - 1.0).abs() < 1e-12);
        assert!(smooth_cutoff(b - 1e-9, a, b).abs() < 1e-12);
        assert_eq!(smooth_cutoff(b, a, b), 0.0);
        assert!((smooth_cutoff(3.5, a, b) - 0.5).abs() < 1e-12);
    }
}
