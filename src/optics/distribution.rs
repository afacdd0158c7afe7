//! Size distributions of classical particles: the diameters and weights
//! a spectrum is averaged over.

use serde::Serialize;

use crate::error::{Error, Result};

/// Smallest particle diameter, nm (about one atom); also the lower bound of
/// a homogeneous sphere's diameter.
pub const MIN_DIAMETER_NM: f64 = 0.1;
/// Largest diameter, shell or size spread, nm (0.1 mm).
pub const MAX_DIAMETER_NM: f64 = 1e5;

/// A spread of core diameters (the shells keep their thickness).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Distribution {
    Single,
    /// Normal, standard deviation in nm (cut at [`MIN_DIAMETER_NM`]).
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
    /// Gaussian of ±4σ is exact to 10⁻⁴ of its mass. Nodes below
    /// [`MIN_DIAMETER_NM`] are cut (see [`Distribution::cut`]).
    pub fn nodes(&self, d: f64) -> Result<Vec<(f64, f64)>> {
        let all = self.raw_nodes(d)?;
        let kept: Vec<(f64, f64)> = all
            .iter()
            .copied()
            .filter(|&(x, _)| x >= MIN_DIAMETER_NM)
            .collect();
        let total: f64 = kept.iter().map(|p| p.1).sum();
        if kept.is_empty() || total.is_nan() || total <= 0.0 {
            return Err(Error::setting(
                "diameter_sd",
                format!("{} nm", self.sd().unwrap_or(0.0)),
                format!(
                    "leaves no particle of at least {MIN_DIAMETER_NM} nm around the mean \
                     diameter {d} nm"
                ),
            ));
        }
        Ok(kept.into_iter().map(|(x, w)| (x, w / total)).collect())
    }

    /// What the cut below [`MIN_DIAMETER_NM`] removes from the
    /// distribution around `d`: `None` when nothing, else the share of
    /// the particles cut and the mean diameter of those kept (nm), which
    /// then differs from `d`.
    pub fn cut(&self, d: f64) -> Result<Option<Cut>> {
        let all = self.raw_nodes(d)?;
        let total: f64 = all.iter().map(|p| p.1).sum();
        let kept: Vec<&(f64, f64)> = all.iter().filter(|p| p.0 >= MIN_DIAMETER_NM).collect();
        if kept.len() == all.len() {
            return Ok(None);
        }
        let kept_weight: f64 = kept.iter().map(|p| p.1).sum();
        let mean = kept.iter().map(|p| p.0 * p.1).sum::<f64>() / kept_weight;
        Ok(Some(Cut {
            share: 1.0 - kept_weight / total,
            mean_nm: mean,
        }))
    }

    fn sd(&self) -> Option<f64> {
        match *self {
            Distribution::Single => None,
            Distribution::Normal { sd_nm } | Distribution::LogNormal { sd_nm } => Some(sd_nm),
        }
    }

    /// Every node with its unnormalised weight, none cut.
    fn raw_nodes(&self, d: f64) -> Result<Vec<(f64, f64)>> {
        let (sd, log) = match *self {
            Distribution::Single => return Ok(vec![(d, 1.0)]),
            Distribution::Normal { sd_nm } => (sd_nm, false),
            Distribution::LogNormal { sd_nm } => (sd_nm, true),
        };
        if !(sd.is_finite() && (0.0..=MAX_DIAMETER_NM).contains(&sd)) {
            return Err(Error::setting(
                "diameter_sd",
                sd,
                format!("must lie in 0 … {MAX_DIAMETER_NM} nm"),
            ));
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
        Ok((0..SIZE_NODES)
            .map(|k| {
                let t = -4.0 + 8.0 * k as f64 / (SIZE_NODES - 1) as f64;
                let u = centre + t * width;
                (if log { u.exp() } else { u }, (-0.5 * t * t).exp())
            })
            .collect())
    }
}

/// The part of a size distribution below the smallest particle.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Cut {
    /// Share of the particles (number) cut, 0 … 1.
    pub share: f64,
    /// Mean diameter of the particles kept, nm.
    pub mean_nm: f64,
}
