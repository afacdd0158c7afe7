//! Size distributions of classical particles: the diameters and weights
//! a spectrum is averaged over.

use serde::Serialize;

use crate::error::{Error, Result};

/// A spread of core diameters (the shells keep their thickness).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Distribution {
    Single,
    /// Normal, standard deviation in nm (cut at zero).
    Normal {
        sd_nm: f64,
    },
    /// Log-normal with the given mean diameter and standard deviation, nm.
    LogNormal {
        sd_nm: f64,
    },
}

/// Nodes of the size average.
pub const SIZE_NODES: usize = 41;

impl Distribution {
    /// Diameters (nm) and normalised weights around mean `d`: 41 nodes
    /// evenly spaced over ±4 standard deviations (in ln d for the
    /// log-normal), weighted by the density; the trapezoid rule on a
    /// Gaussian of ±4σ is exact to 10⁻⁴ of its mass.
    pub fn nodes(&self, d: f64) -> Result<Vec<(f64, f64)>> {
        let (sd, log) = match *self {
            Distribution::Single => return Ok(vec![(d, 1.0)]),
            Distribution::Normal { sd_nm } => (sd_nm, false),
            Distribution::LogNormal { sd_nm } => (sd_nm, true),
        };
        if !(sd.is_finite() && sd >= 0.0) {
            return Err(Error::setting("diameter_sd", sd, "must be ≥ 0 nm"));
        }
        if sd == 0.0 {
            return Ok(vec![(d, 1.0)]);
        }
        let (centre, width) = if log {
            let s2 = (1.0 + (sd / d).powi(2)).ln();
            (d.ln() - 0.5 * s2, s2.sqrt())
        } else {
            (d, sd)
        };
        let mut out = Vec::with_capacity(SIZE_NODES);
        for k in 0..SIZE_NODES {
            let t = -4.0 + 8.0 * k as f64 / (SIZE_NODES - 1) as f64;
            let u = centre + t * width;
            let diameter = if log { u.exp() } else { u };
            if diameter > 0.0 {
                out.push((diameter, (-0.5 * t * t).exp()));
            }
        }
        let total: f64 = out.iter().map(|p| p.1).sum();
        Ok(out.into_iter().map(|(x, w)| (x, w / total)).collect())
    }
}
