//! Carbon-centred gold(I) clusters: achiral C@Au6 against both enantiomers
//! of the chiral CAu4Ag6, in the spd model. Writes absorption, CD and
//! emission PNGs (plus CSV/JSON) for each and prints rates and g factors.
//!
//! Electron counts follow the ionic limit of these compounds, every metal
//! M(I) d¹⁰ around a carbide C⁴⁻: charge = (number of metals) − 4, so
//! [CAu6]²⁺ and [CAu4Ag6]⁶⁺ (both closed shells in the model).

use clusterspec::io::chiroptical_files::{
    RunInfo, lifetime_text, write_cd_files, write_emission_files,
};
use clusterspec::pipeline::{circular_dichroism, emission_of};
use clusterspec::spectrum::emission::EmissionModel;
use clusterspec::structure::molecular::{
    Hand, carbon_centred_antiprism, carbon_centred_octahedron,
};
use clusterspec::{AbsorptionRequest, EnergyGrid, Engine, Filling, LineShape, TightBinding};

fn main() -> anyhow::Result<()> {
    let clusters = [
        ("cau6", carbon_centred_octahedron(None)?, 2),
        ("cau4ag6_P", carbon_centred_antiprism(Hand::P, None)?, 6),
        ("cau4ag6_M", carbon_centred_antiprism(Hand::M, None)?, 6),
    ];
    let engine = Engine::cpu();
    for (name, cluster, charge) in clusters {
        let req = AbsorptionRequest {
            model: TightBinding::builtin("spd")?,
            charge,
            ligands: 0,
            filling: Filling::Integer,
            grid: EnergyGrid::new(2.0, 8.0, 1200)?,
            line_shape: LineShape::Gaussian,
            fwhm: 0.15,
        };
        let cd = circular_dichroism(&cluster, &req, &engine)?;
        let title = format!(
            "[{}]{charge}+ — spd model, Gaussian FWHM 0.15 eV",
            cluster.formula()
        );
        let run = RunInfo {
            prefix: std::path::Path::new(name),
            title: title.clone(),
            source: "built-in",
            cluster: &cluster,
            request: &req,
            backend: &engine.report(),
            svg: false,
        };
        for f in write_cd_files(&run, &cd)? {
            println!("wrote {}", f.display());
        }
        // Emission of the lowest excited states, λ = 0.3 eV (red phosphors).
        let abs = &cd.absorption;
        let model = EmissionModel {
            reorganisation: 0.3,
            vibronic: None,
            temperature: 298.15,
            refractive_index: 1.33,
            line_shape: LineShape::Gaussian,
            fwhm: 0.15,
        };
        let em = emission_of(abs, &req.grid, model)?;
        let em_prefix = std::path::PathBuf::from(format!("{name}_emission"));
        let em_run = RunInfo {
            prefix: &em_prefix,
            title: format!("{title} — emission, λ = 0.30 eV"),
            ..run
        };
        for f in write_emission_files(&em_run, abs, &em)? {
            println!("wrote {}", f.display());
        }
        println!(
            "{name}: gap {:.2} eV, emission maximum {:?} eV, τ_rad {}, g_lum {:.2e}",
            abs.gap.unwrap_or(0.0),
            em.peak_energy.map(|e| (e * 100.0).round() / 100.0),
            lifetime_text(em.radiative_lifetime),
            em.g_lum.unwrap_or(0.0)
        );
    }
    Ok(())
}
