//! What a layer of a classical particle is made of: a pure coinage metal
//! or an Au–Ag alloy, parsed from "Au" or "Au:0.3,Ag:0.7".

use serde::Serialize;

use super::material::{DataSet, Dielectric, Metal, gold_silver, metal};
use crate::error::{Error, Result};

/// What a layer is made of.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Material {
    Metal(Metal),
    /// Au–Ag alloy with this atomic fraction of gold (Rioux et al. 2014).
    GoldSilver {
        gold: f64,
    },
}

impl Material {
    /// "Au", "Ag", "Cu", or an Au–Ag alloy "Au:0.3,Ag:0.7" (atomic
    /// fractions summing to 1 within 10⁻⁶).
    pub fn parse(text: &str) -> Result<Self> {
        let bad = |why: &str| Error::setting("material", text, why);
        let element = |s: &str| match s.trim() {
            "Au" => Ok(Metal::Au),
            "Ag" => Ok(Metal::Ag),
            "Cu" => Ok(Metal::Cu),
            other => Err(bad(&format!(
                "unknown metal `{other}`: the optical data cover Au, Ag and Cu"
            ))),
        };
        if !text.contains(':') {
            return Ok(Material::Metal(element(text)?));
        }
        let mut gold = None;
        let mut total = 0.0;
        for part in text.split(',') {
            let (name, fraction) = part
                .split_once(':')
                .ok_or_else(|| bad("write an alloy as Au:0.3,Ag:0.7"))?;
            let f: f64 = fraction
                .trim()
                .parse()
                .map_err(|_| bad(&format!("`{fraction}` is not a fraction")))?;
            if !(0.0..=1.0).contains(&f) {
                return Err(bad(&format!("fraction {f} must lie in 0 … 1")));
            }
            match element(name)? {
                Metal::Au => gold = Some(f + gold.unwrap_or(0.0)),
                Metal::Ag => {}
                Metal::Cu => {
                    return Err(bad(
                        "alloys are Au–Ag only (the Rioux model); Cu alloys have no data here",
                    ));
                }
            }
            total += f;
        }
        if (total - 1.0).abs() > 1e-6 {
            return Err(bad(&format!(
                "the fractions sum to {}, not 1",
                (total * 1e6).round() / 1e6
            )));
        }
        Ok(Material::GoldSilver {
            gold: gold.unwrap_or(0.0),
        })
    }

    /// A short name: "Au", "Au30Ag70"; an alloy at a pure end (rounded to
    /// whole per cent) is named by its metal alone.
    pub fn name(&self) -> String {
        match self {
            Material::Metal(m) => format!("{m:?}"),
            Material::GoldSilver { gold } => match (100.0 * gold).round() as i64 {
                0 => "Ag".into(),
                100 => "Au".into(),
                au => format!("Au{au}Ag{}", 100 - au),
            },
        }
    }

    /// Volume per atom, nm³: a³/4 of the fcc metal with the bulk
    /// nearest-neighbour distances the builders use (Kittel: Au 2.884,
    /// Ag 2.889, Cu 2.556 Å); alloys mix the volumes linearly (Vegard).
    pub fn atomic_volume_nm3(&self) -> f64 {
        let volume = |m: Metal| {
            let d: f64 = match m {
                Metal::Au => 0.2884,
                Metal::Ag => 0.2889,
                Metal::Cu => 0.2556,
            };
            (std::f64::consts::SQRT_2 * d).powi(3) / 4.0
        };
        match *self {
            Material::Metal(m) => volume(m),
            Material::GoldSilver { gold } => {
                gold * volume(Metal::Au) + (1.0 - gold) * volume(Metal::Ag)
            }
        }
    }

    /// Its dielectric function (pure metals from `set`; alloys always from
    /// the Rioux model).
    pub fn dielectric(&self, set: DataSet) -> Result<Dielectric> {
        match *self {
            Material::Metal(m) => metal(m, set),
            Material::GoldSilver { gold } => gold_silver(gold),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Material;

    #[test]
    fn alloy_names_drop_a_zero_component() {
        let name = |gold: f64| Material::GoldSilver { gold }.name();
        assert_eq!(name(0.3), "Au30Ag70");
        assert_eq!(name(0.0), "Ag");
        assert_eq!(name(1.0), "Au");
        assert_eq!(name(0.004), "Ag");
    }
}
