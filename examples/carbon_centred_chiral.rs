//! Carbon-centred gold(I) clusters: achiral C@Au6 against both enantiomers
//! of the chiral CAu4Ag6, in the spd model. Writes absorption + CD and
//! emission files for each and prints rates and g factors.
//!
//! Electron counts follow the ionic limit of these compounds, every metal
//! M(I) d¹⁰ around a carbide C⁴⁻: charge = (number of metals) − 4, so
//! [CAu6]²⁺ and [CAu4Ag6]⁶⁺ (both closed shells in the model).

use std::path::Path;

use clusterspec::io::emission_files::{lifetime_text, write_emission};
use clusterspec::io::header::RunHeader;
use clusterspec::io::spectrum_files::{Destination, write_calculation};
use clusterspec::model::tight_binding::Rotatory;
use clusterspec::response::emission::{EmissionModel, emission};
use clusterspec::response::spectra;
use clusterspec::structure::molecular::{
    Hand, carbon_centred_antiprism, carbon_centred_octahedron,
};
use clusterspec::{
    Broadening, EnergyGrid, Engine, Filling, LineShape, Model, Silent, TbRequest, TightBinding,
    TightBindingSpectrum,
};

fn main() -> anyhow::Result<()> {
    let clusters = [
        ("cau6", carbon_centred_octahedron(None)?, 2),
        ("cau4ag6_P", carbon_centred_antiprism(Hand::P, None)?, 6),
        ("cau4ag6_M", carbon_centred_antiprism(Hand::M, None)?, 6),
    ];
    let engine = Engine::cpu();
    let broadening = Broadening::new(EnergyGrid::new(2.0, 8.0, 1200)?, LineShape::Gaussian, 0.15)?;
    // Emission of the lowest excited states, λ = 0.3 eV (red phosphors).
    let emission_model = EmissionModel {
        reorganisation: 0.3,
        vibronic: None,
        temperature: 298.15,
        refractive_index: 1.33,
        line_shape: LineShape::Gaussian,
        fwhm: 0.15,
    };
    for (name, cluster, charge) in clusters {
        let request = TbRequest {
            model: TightBinding::builtin("spd")?,
            charge,
            ligands: 0,
            filling: Filling::Integer,
            scc: None,
        };
        let model = TightBindingSpectrum {
            cluster: &cluster,
            source: "built-in".into(),
            request: &request,
            rotatory: Rotatory::All,
        };
        let calc = model.compute(&engine, &broadening, &Silent)?;
        let spectra = spectra(&calc, &broadening, &engine)?;
        let header = RunHeader::new(
            vec![format!("example carbon_centred_chiral {name}")],
            &engine,
        );
        let to = Destination::new(Path::new(name), &header);
        for f in write_calculation(&to, &calc, &spectra)? {
            println!("wrote {}", f.display());
        }
        let lines = calc.lines().expect("tight binding gives lines");
        let em = emission(lines, &broadening.grid, emission_model)?;
        let em_prefix = format!("{name}_emission");
        let to = Destination {
            prefix: Path::new(&em_prefix),
            ..to
        };
        for f in write_emission(&to, &calc, &spectra[0], &em)? {
            println!("wrote {}", f.display());
        }
        println!(
            "{name}: lowest excitation {:.2} eV, emission maximum {:?} eV, τ_rad {}, g_lum {:.2e}",
            lines.energy[0],
            em.peak_energy.map(|e| (e * 100.0).round() / 100.0),
            lifetime_text(em.radiative_lifetime),
            em.g_lum.unwrap_or(0.0)
        );
    }
    Ok(())
}
