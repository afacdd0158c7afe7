//! Where the surface plasmon of silver comes from: Ag55 … Ag561 icosahedra
//! in the s tight-binding model, independent particles against the
//! collective response (RPA, with and without the d-electron dipoles),
//! beside spherical jellium (TDLDA with a d background) of similar size.
//! Writes rpa_silver_size.png (main peak against size) and
//! rpa_silver_spectra.png (the spectra per atom, single particle dashed).

use std::path::Path;

use clusterspec::io::header::RunHeader;
use clusterspec::io::spectrum_files::{Destination, Overlay, write_overlay};
use clusterspec::jellium::{self, JelliumSpec, Material};
use clusterspec::model::tight_binding::SccOptions;
use clusterspec::plot::{Reference, Series, SeriesPlot, draw_series};
use clusterspec::response::{Spectrum, main_peak, spectra};
use clusterspec::rpa::{RpaOptions, RpaSpectrum};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    Broadening, Element, EnergyGrid, Engine, LineShape, Model, Silent, TbRequest, TightBinding,
};

/// Jellium closed shells (electrons = Ag atoms) from 58 to 556.
const JELLIUM_SIZES: [usize; 8] = [58, 92, 138, 198, 254, 338, 440, 556];

/// The RPA spectrum and its single-particle reference for one cluster.
fn rpa(shells: usize, d_screening: bool, broadening: &Broadening) -> anyhow::Result<Vec<Spectrum>> {
    let cluster = build(&Shape::Icosahedron { shells }, Element::Ag, None)?;
    // Self-consistent charges: the ground state the RPA kernel belongs to.
    let request = TbRequest {
        scc: Some(SccOptions::default()),
        ..TbRequest::new(TightBinding::builtin("s")?)
    };
    let model = RpaSpectrum {
        cluster: &cluster,
        source: "built-in Mackay icosahedron".into(),
        request: &request,
        options: RpaOptions {
            d_screening,
            ..RpaOptions::default()
        },
    };
    let engine = Engine::cpu();
    let calc = model.compute(&engine, broadening, &Silent)?;
    Ok(spectra(&calc, broadening, &engine)?)
}

/// The strongest band maximum, eV.
fn peak(s: &Spectrum) -> anyhow::Result<f64> {
    Ok(main_peak(s)
        .ok_or_else(|| anyhow::anyhow!("no band maximum"))?
        .energy_ev)
}

/// The highest point of S(E), eV: the independent-particle absorption of
/// the larger clusters rises to the low end of the range, with no maximum.
fn highest(s: &Spectrum) -> anyhow::Result<f64> {
    s.highest_point()
        .ok_or_else(|| anyhow::anyhow!("no absorption"))
}

fn main() -> anyhow::Result<()> {
    // The collective response needs a Lorentzian (its damping η = FWHM/2).
    let broadening = Broadening::new(EnergyGrid::new(0.5, 6.0, 1100)?, LineShape::Lorentzian, 0.1)?;
    let (mut screened, mut bare, mut single) = (Vec::new(), Vec::new(), Vec::new());
    let mut shown = Vec::new();
    for shells in 2..=5 {
        let atoms = build(&Shape::Icosahedron { shells }, Element::Ag, None)?.len() as f64;
        let with_d = rpa(shells, true, &broadening)?;
        let without_d = rpa(shells, false, &broadening)?;
        screened.push((atoms, peak(&with_d[0])?));
        bare.push((atoms, peak(&without_d[0])?));
        single.push((atoms, highest(&with_d[1])?));
        println!(
            "Ag{atoms}: RPA {:.2} eV, RPA without d {:.2} eV, single particle highest at {:.2} eV",
            screened.last().unwrap().1,
            bare.last().unwrap().1,
            single.last().unwrap().1
        );
        shown.push((atoms, with_d));
    }
    let ag = Material::element("Ag")?;
    let d = ag.d_background.expect("Ag has a d background");
    let engine = Engine::cpu();
    let mut jellium_peaks = Vec::new();
    for n in JELLIUM_SIZES {
        let ground = jellium::ground_state(&JelliumSpec::new(ag.clone(), n))?;
        let mut options = jellium::ResponseOptions::new();
        options.d_background = Some(d);
        let result = jellium::optics(&engine, &ground, &options)?;
        if let Some(e) = result.centroid_ev {
            jellium_peaks.push((n as f64, e));
        }
    }
    let plot = SeriesPlot {
        title: "Silver: main absorption peak against size (s tight binding vs jellium)".into(),
        x_label: "atoms N".into(),
        y_label: "main peak (eV)".into(),
        series: vec![
            Series {
                label: "tight binding, RPA with d dipoles".into(),
                points: screened,
            },
            Series {
                label: "tight binding, RPA without d".into(),
                points: bare,
            },
            Series {
                label: "tight binding, independent particles (highest point)".into(),
                points: single,
            },
            Series {
                label: "jellium TDLDA with d background".into(),
                points: jellium_peaks,
            },
        ],
        references: vec![
            Reference {
                y: 3.8,
                label: "TDDFT, Ag55–Ag561: 3.4–3.8 eV (Kuisma et al., PRB 91, 115431, 2015)".into(),
                colour_of: usize::MAX,
            },
            Reference {
                y: 3.4,
                label: String::new(),
                colour_of: usize::MAX,
            },
        ],
    };
    draw_series(&plot, Path::new("rpa_silver_size.png"))?;
    println!("wrote rpa_silver_size.png");

    let labels: Vec<String> = shown.iter().map(|(n, _)| format!("Ag{n}")).collect();
    let curves: Vec<Overlay> = shown
        .iter()
        .zip(&labels)
        .map(|((n, s), label)| Overlay {
            label: label.clone(),
            spectrum: &s[0],
            reference: Some(&s[1]),
            per: *n,
        })
        .collect();
    let header = RunHeader::new(vec!["example rpa_silver_size".into()], &engine);
    let to = Destination::new(Path::new("rpa_silver_spectra"), &header);
    let title = "Ag icosahedra, s tight binding: RPA with d dipoles (solid) vs independent particles (dashed), Lorentzian FWHM 0.10 eV".into();
    for f in write_overlay(&to, title, "ε per atom", &curves)? {
        println!("wrote {}", f.display());
    }
    Ok(())
}
