//! `clusterspec demo`: spectra of built-in clusters, no input needed.

use std::path::PathBuf;

use clap::Args;

use clusterspec::io::spectrum_files::{Overlay, write_calculation, write_overlay};
use clusterspec::jellium::{self, JelliumSpec, JelliumSpectrum, Material};
use clusterspec::model::dftb::{DftbRequest, DftbSet};
use clusterspec::model::tight_binding::Rotatory;
use clusterspec::response::{Role, Spectrum, spectra};
use clusterspec::rpa::Route;
use clusterspec::structure::alloy::random_alloy;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::structure::thiolate::au25_thiolate;
use clusterspec::tddftb::TdDftbSpectrum;
use clusterspec::{
    Broadening, Cluster, Element, Engine, Model, Result, Silent, TbRequest, TightBinding,
    TightBindingSpectrum,
};

use super::options::{
    BroadeningOptions, JELLIUM, ModelOptions, RESPONSE, RunOptions, TIGHT_BINDING,
};
use super::response::{ResponseOptions, check};

/// Arguments of `demo`.
#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Folder for the PNG, CSV and JSON files (created if missing).
    #[arg(long, default_value = "clusterspec-demo")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub model: ModelOptions,
    #[command(flatten)]
    pub response: ResponseOptions,
    #[command(flatten)]
    pub broadening: BroadeningOptions,
    #[command(flatten)]
    pub run: RunOptions,
}

/// The spectrum of `cluster` in the chosen response, and the
/// single-particle spectrum beside it when the response is collective.
struct Pair {
    main: Spectrum,
    single: Option<Spectrum>,
}

fn spectrum_of(
    cluster: &Cluster,
    request: &TbRequest,
    response: &ResponseOptions,
    broadening: &Broadening,
    engine: &Engine,
) -> Result<Pair> {
    let model = response.model(cluster, "built-in".into(), request, broadening);
    let calc = model.compute(engine, broadening, &Silent)?;
    let mut all = spectra(&calc, broadening, engine)?;
    let single = calc
        .components
        .iter()
        .position(|c| c.role == Role::Reference)
        .map(|k| all.remove(k));
    Ok(Pair {
        main: all.remove(0),
        single,
    })
}

/// Overlay curves, one per labelled spectrum, each with its dashed
/// single-particle reference.
fn overlay<'a>(pairs: &'a [Pair], labels: &[String], per: &[f64]) -> Vec<Overlay<'a>> {
    pairs
        .iter()
        .zip(labels)
        .zip(per)
        .map(|((p, l), &per)| Overlay {
            label: l.clone(),
            spectrum: &p.main,
            reference: p.single.as_ref(),
            per,
        })
        .collect()
}

/// Runs the demo: three tight-binding plots, each with a CSV of its
/// curves, the jellium files of Na20 and the DFTB files of Au25(SCH3)18⁻.
pub fn run(mut a: DemoArgs, quiet: bool) -> Result<()> {
    a.response.settle(&a.model, quiet)?;
    let request = a.model.request(a.response.collective())?;
    let broadening = a.broadening.broadening(a.response.defaults())?;
    check(&a.response, &broadening)?;
    let engine = a.run.engine()?;
    let header = a.run.header(&engine);
    let ico = |el: Element, shells| build(&Shape::Icosahedron { shells }, el, None);
    let width = format!(
        "{} tight binding, {}, {} FWHM {:.2} eV",
        request.model.params.name,
        a.response.describe(),
        broadening.shape.name(),
        broadening.fwhm
    );
    let mut written = Vec::new();

    // 1. Composition: Au55, Ag55 and a 50:50 random alloy.
    let au55 = ico(Element::Au, 2)?;
    let set = [
        ("Au55", au55.clone()),
        ("Ag55", ico(Element::Ag, 2)?),
        (
            "Au/Ag 50:50 random (seed 1)",
            random_alloy(&au55, Element::Ag, 0.5, 1)?,
        ),
    ];
    let pairs = set
        .iter()
        .map(|(_, c)| spectrum_of(c, &request, &a.response, &broadening, &engine))
        .collect::<Result<Vec<_>>>()?;
    let labels: Vec<String> = set.iter().map(|(l, _)| l.to_string()).collect();
    let prefix = a.out_dir.join("demo_au_ag_alloy");
    written.extend(write_overlay(
        &a.run.destination(&prefix, &header),
        format!("Au55, Ag55 and their random alloy — {width}"),
        "ε",
        &overlay(&pairs, &labels, &[1.0; 3]),
    )?);

    // 2. Size series of Ag icosahedra, per atom.
    let sizes: Vec<Cluster> = (1..=4)
        .map(|k| ico(Element::Ag, k))
        .collect::<Result<_>>()?;
    let pairs = sizes
        .iter()
        .map(|c| spectrum_of(c, &request, &a.response, &broadening, &engine))
        .collect::<Result<Vec<_>>>()?;
    let labels: Vec<String> = sizes.iter().map(|c| format!("Ag{}", c.len())).collect();
    let per: Vec<f64> = sizes.iter().map(|c| c.len() as f64).collect();
    let prefix = a.out_dir.join("demo_ag_size_series");
    written.extend(write_overlay(
        &a.run.destination(&prefix, &header),
        format!("Ag icosahedra, size series — {width}"),
        "ε per atom",
        &overlay(&pairs, &labels, &per),
    )?);

    // 3. The two models on Au55, independent particles: their bands.
    let single = a.model.request(false)?;
    let band_broadening = BroadeningOptions {
        ..a.broadening.clone()
    }
    .broadening(&TIGHT_BINDING)?;
    let spectra = ["s", "spd"]
        .iter()
        .map(|m| {
            let r = TbRequest {
                model: TightBinding::builtin(m)?,
                ..single.clone()
            };
            let model = TightBindingSpectrum {
                cluster: &au55,
                source: "built-in".into(),
                request: &r,
                rotatory: Rotatory::None,
            };
            let calc = model.compute(&engine, &band_broadening, &Silent)?;
            Ok(spectra(&calc, &band_broadening, &engine)?.remove(0))
        })
        .collect::<Result<Vec<_>>>()?;
    let curves: Vec<Overlay> = ["s", "spd"]
        .iter()
        .zip(&spectra)
        .map(|(m, s)| Overlay {
            label: format!("Au55, {m} model"),
            spectrum: s,
            reference: None,
            per: 1.0,
        })
        .collect();
    let prefix = a.out_dir.join("demo_au55_models");
    written.extend(write_overlay(
        &a.run.destination(&prefix, &header),
        format!(
            "Au55: s-band vs spd tight binding, independent particles — {} FWHM {:.2} eV",
            band_broadening.shape.name(),
            band_broadening.fwhm
        ),
        "ε",
        &curves,
    )?);

    // 4. The jellium model: Na20's levels and its TDLDA surface plasmon.
    let jellium_broadening = BroadeningOptions {
        range: None,
        points: None,
        lineshape: None,
        ..a.broadening.clone()
    }
    .broadening(&JELLIUM)?;
    let model = JelliumSpectrum {
        spec: JelliumSpec::new(Material::element("Na")?, 20),
        options: jellium::ResponseOptions::new(),
    };
    let calc = model.compute(&engine, &jellium_broadening, &Silent)?;
    let jellium_spectra = clusterspec::response::spectra(&calc, &jellium_broadening, &engine)?;
    let prefix = a.out_dir.join("demo_jellium_na20");
    let header = a.run.header(&engine);
    written.extend(write_calculation(
        &a.run.destination(&prefix, &header),
        &calc,
        &jellium_spectra,
    )?);

    // 5. DFTB: Au25(SCH3)18⁻ with every ligand atom, TD-DFTB beside the
    // single-particle spectrum (auorg-1-1).
    let dftb_broadening = BroadeningOptions {
        range: Some("0.5:4.5".into()),
        points: None,
        lineshape: None,
        ..a.broadening.clone()
    }
    .broadening(&RESPONSE)?;
    let au25 = au25_thiolate();
    let request = DftbRequest {
        charge: -1,
        ..DftbRequest::new(DftbSet::auorg())
    };
    let model = TdDftbSpectrum {
        cluster: &au25,
        source: "built-in Au25(SCH3)18 (idealised, crystal bond lengths)".into(),
        request: &request,
        route: Route::Frequency { bin_width_ev: None },
    };
    let calc = model.compute(&engine, &dftb_broadening, &Silent)?;
    let dftb_spectra = clusterspec::response::spectra(&calc, &dftb_broadening, &engine)?;
    let prefix = a.out_dir.join("demo_au25_dftb");
    let header = a.run.header(&engine);
    written.extend(write_calculation(
        &a.run.destination(&prefix, &header),
        &calc,
        &dftb_spectra,
    )?);
    super::report::warn_fallbacks(&engine);
    for f in written {
        println!("wrote {}", f.display());
    }
    Ok(())
}
