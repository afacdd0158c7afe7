//! Refits the shipped tight-binding parameters to their bulk targets and
//! plots the bulk densities of states of the spd model.
//!
//! s model: ssσ so that E_F − band bottom is the free-electron value; spd
//! model: ε_d so that E_F − (d-band top) is the interband threshold; both:
//! a rigid shift puts E_F at −(work function). Prints the fitted values (to
//! paste into data/*.toml) and writes bulk_dos.png.

use clusterspec::model::tight_binding::bulk::{fcc_bands, fit, summarise};
use clusterspec::plot::{Series, SeriesPlot, draw_series};
use clusterspec::{Element, TightBinding};

fn main() -> anyhow::Result<()> {
    let metals = [Element::Au, Element::Ag, Element::Cu];
    for model_name in ["s", "spd"] {
        let mut model = TightBinding::builtin(model_name)?;
        let n = if model_name == "s" { 40 } else { 16 };
        println!("# model {model_name}, {n}^3 k-points");
        for el in metals {
            let s = fit(&mut model, el, n)?;
            let p = model.params.element(el)?.clone();
            let pair = model.params.pair(el, el)?.clone();
            println!(
                "{el}: onsite_s = {:.5}, onsite_p = {:?}, onsite_d = {:?}, ss_sigma = {:.5}, sp_sigma = {:.5}, pp_sigma = {:.5}, pp_pi = {:.5} | E_F = {:.4}, E_F - bottom = {:.4}, E_F - d top = {:?}",
                p.onsite_s,
                p.onsite_p.map(|x| (x * 1e5).round() / 1e5),
                p.onsite_d.map(|x| (x * 1e5).round() / 1e5),
                pair.ss_sigma,
                pair.sp_sigma,
                pair.pp_sigma,
                pair.pp_pi,
                s.fermi_level,
                s.fermi_level - s.band_bottom,
                s.d_band_top.map(|t| s.fermi_level - t)
            );
        }
        if model_name == "s" {
            for (a, b) in [
                (Element::Ag, Element::Au),
                (Element::Au, Element::Cu),
                (Element::Ag, Element::Cu),
            ] {
                let ba = model.params.pair(a, a)?.ss_sigma;
                let bb = model.params.pair(b, b)?.ss_sigma;
                println!("{a}-{b}: ss_sigma = {:.5}", -(ba * bb).sqrt());
            }
        }
    }

    // Bulk DOS of the shipped spd model, Gaussian-broadened band energies.
    let model = TightBinding::builtin("spd")?;
    let grid = clusterspec::EnergyGrid::new(0.5, 12.0, 800)?;
    let mut dos = Vec::new();
    let mut axis = Vec::new();
    for el in metals {
        let bands = fcc_bands(&model, el, 16)?;
        let s = summarise(&bands, 11);
        let mut e: Vec<f64> = bands
            .energies
            .iter()
            .flatten()
            .map(|x| x - s.fermi_level + 10.0)
            .collect();
        e.sort_by(f64::total_cmp);
        let w = vec![1.0 / bands.energies.len() as f64; e.len()];
        dos.push(clusterspec::spectrum::broaden::broaden(
            &e,
            &w,
            &grid,
            clusterspec::LineShape::Gaussian,
            0.15,
        )?);
        axis.push(el.to_string());
    }
    // The grid is shifted by +10 eV (the broadening grid takes positive
    // energies); the plot shows E − E_F.
    let energies = grid.energies();
    let plot = SeriesPlot {
        title: "bulk fcc densities of states, spd tight binding (Gaussian FWHM 0.15 eV)".into(),
        x_label: "E − E_F (eV)".into(),
        y_label: "DOS (states eV⁻¹ atom⁻¹)".into(),
        series: dos
            .iter()
            .zip(&axis)
            .map(|(d, l)| Series {
                label: l.clone(),
                points: energies
                    .iter()
                    .map(|e| e - 10.0)
                    .zip(d.iter().copied())
                    .collect(),
            })
            .collect(),
        references: Vec::new(),
    };
    draw_series(&plot, std::path::Path::new("bulk_dos.png"))?;
    println!("wrote bulk_dos.png");
    Ok(())
}
