//! Files of the `mie` command: cross-sections against wavelength (the
//! plot's main axis, as on a UV-vis instrument), one particle or a
//! composition series, optionally beside a quantum spectrum; written
//! together or not at all.

use crate::io::header::RunHeader;
use std::path::PathBuf;

use serde_json::{Value, json};

use super::spectrum_files::Destination;
use super::table::Table;
use super::{OutputSet, with_extension, with_suffix};
use crate::error::{Error, Result};
use crate::optics::particle::{ClassicalRequest, ClassicalSpectrum};
use crate::plot::{Curve, SpectrumPlot, TrendPlot, draw_spectrum, draw_trend};

/// One classical spectrum with its label (a composition, a particle).
pub struct Labelled<'a> {
    pub label: String,
    pub request: &'a ClassicalRequest,
    pub spectrum: &'a ClassicalSpectrum,
}

/// A spectrum from another model, per atom, to draw beside the classical
/// one: photon energies (eV) and absorption cross-sections per atom (nm²).
pub struct Comparison {
    pub label: String,
    pub energy_ev: Vec<f64>,
    pub cross_section_per_atom_nm2: Vec<f64>,
}

fn table(items: &[Labelled]) -> Table {
    let first = items[0].spectrum;
    let mut t = Table::on_energies(&first.energy_ev);
    let suffix = |l: &Labelled| {
        if items.len() == 1 {
            String::new()
        } else {
            format!("[{}]", l.label)
        }
    };
    for l in items {
        let s = l.spectrum;
        let q = |c: &[f64]| c.iter().map(|v| v / s.geometric_nm2).collect::<Vec<f64>>();
        let x = suffix(l);
        t.column(
            format!("extinction_cross_section_nm2{x}"),
            s.extinction_nm2.clone(),
        );
        t.column(
            format!("scattering_cross_section_nm2{x}"),
            s.scattering_nm2.clone(),
        );
        t.column(
            format!("absorption_cross_section_nm2{x}"),
            s.absorption_nm2.clone(),
        );
        t.column(format!("extinction_efficiency{x}"), q(&s.extinction_nm2));
        t.column(format!("scattering_efficiency{x}"), q(&s.scattering_nm2));
        t.column(format!("absorption_efficiency{x}"), q(&s.absorption_nm2));
    }
    t
}

/// The optical data behind a request's layers, e.g. "Johnson & Christy 1972".
fn data_text(r: &ClassicalRequest) -> String {
    use crate::optics::particle::Material;
    let mut names: Vec<&str> = Vec::new();
    let layers = std::iter::once(r.particle.core).chain(r.particle.shells.iter().map(|s| s.0));
    for m in layers {
        let name = match (m, r.data) {
            (Material::GoldSilver { .. }, _) => "Rioux et al. 2014",
            (_, crate::optics::DataSet::JohnsonChristy) => "Johnson & Christy 1972",
            (_, crate::optics::DataSet::McPeak) => "McPeak et al. 2015",
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(", ")
}

/// Stops a spectrum that is not finite, or whose cross-sections are
/// negative beyond rounding, before any file is written.
fn check_physical(l: &Labelled) -> Result<()> {
    let s = l.spectrum;
    let curves = [
        ("extinction", &s.extinction_nm2),
        ("scattering", &s.scattering_nm2),
        ("absorption", &s.absorption_nm2),
    ];
    for (name, values) in curves {
        for (k, &v) in values.iter().enumerate() {
            // Absorption = extinction − scattering: rounding may leave a
            // hair below zero, 10⁻⁹ of the extinction.
            let floor = -1e-9 * s.extinction_nm2[k].abs();
            if !v.is_finite() || v < floor {
                return Err(Error::invalid(format!(
                    "{}: the {name} cross-section at {:.1} nm came out {v:e} nm², which is not \
                     physical; no file was written",
                    l.label, s.wavelength_nm[k]
                )));
            }
        }
    }
    Ok(())
}

fn item_json(l: &Labelled) -> Value {
    json!({
        "label": l.label,
        "request": l.request,
        "particle": l.request.particle.describe(),
        "mean_core_diameter_nm": l.spectrum.mean_core_diameter_nm,
        "mean_geometric_cross_section_nm2": l.spectrum.geometric_nm2,
        "mean_volume_nm3": l.spectrum.volume_nm3,
        "mean_atoms": l.spectrum.atoms,
        "bands": l.spectrum.bands(),
        "optical_data": l.spectrum.optical_data,
    })
}

/// PREFIX.png (+ .svg): extinction, scattering and absorption of one
/// particle against wavelength, or the extinction of each item of a
/// series; PREFIX_band.png: the strongest band against `fractions` (when
/// given); PREFIX_compare.png: absorption per atom beside `comparison`;
/// PREFIX.csv and PREFIX.json.
pub fn write_classical(
    to: &Destination,
    title: &str,
    items: &[Labelled],
    fractions: Option<(&str, &[f64])>,
    comparison: Option<&Comparison>,
) -> Result<Vec<PathBuf>> {
    let Some(first) = items.first() else {
        return Ok(Vec::new());
    };
    for l in items {
        check_physical(l)?;
    }
    let w = &first.spectrum.wavelength_nm;
    let range = (w[0].min(w[w.len() - 1]), w[0].max(w[w.len() - 1]));
    let curves: Vec<Curve> = if items.len() == 1 {
        let s = first.spectrum;
        [
            ("extinction", &s.extinction_nm2),
            ("scattering", &s.scattering_nm2),
            ("absorption", &s.absorption_nm2),
        ]
        .into_iter()
        .map(|(label, values)| Curve {
            label: label.into(),
            energy: w,
            values,
            spread: None,
            dashed: label != "extinction",
            colour: None,
        })
        .collect()
    } else {
        items
            .iter()
            .map(|l| Curve {
                label: l.label.clone(),
                energy: w,
                values: &l.spectrum.extinction_nm2,
                spread: None,
                dashed: false,
                colour: None,
            })
            .collect()
    };
    let plot = SpectrumPlot {
        title: title.into(),
        y_quantity: if items.len() == 1 {
            "cross-section σ".into()
        } else {
            "extinction σ_ext".into()
        },
        y_unit: "nm²".into(),
        x_range: range,
        curves,
        note: format!(
            "classical ({}, {}); medium n = {}",
            match first.request.method {
                crate::optics::particle::Method::Mie => "Mie theory",
                crate::optics::particle::Method::QuasiStatic => "quasi-static limit",
            },
            data_text(first.request),
            first.request.medium_index
        ),
        wavelength_axis: true,
        ..Default::default()
    };
    // One band per particle: the strongest, joined; several (core–shell
    // particles): every band, as markers.
    let several = items.iter().any(|l| l.spectrum.bands().len() > 1);
    let band_points: Vec<(f64, f64, f64)> = match fractions {
        Some((_, f)) => f
            .iter()
            .zip(items)
            .flat_map(|(&x, l)| {
                let bands = l.spectrum.bands();
                let keep = if several { bands.len() } else { 1 };
                bands
                    .into_iter()
                    .take(keep)
                    .map(move |b| (x, b.energy_ev, 0.0))
            })
            .collect(),
        None => Vec::new(),
    };
    let trend = TrendPlot {
        title: format!(
            "{title}: {}",
            if several { "every band" } else { "the band" }
        ),
        x_label: fractions.map(|f| f.0.to_string()).unwrap_or_default(),
        points: &band_points,
        quantity: "band".into(),
        joined: !several,
    };
    let compared = comparison.map(|c| {
        let classical: Vec<f64> = first
            .spectrum
            .absorption_nm2
            .iter()
            .map(|v| v / first.spectrum.atoms)
            .collect();
        let quantum_wavelengths: Vec<f64> = c
            .energy_ev
            .iter()
            .map(|&e| crate::units::ev_to_nm(e))
            .collect();
        (classical, quantum_wavelengths)
    });
    let mut out = OutputSet::new();
    for ext in to.image_extensions() {
        out.create(&with_extension(to.prefix, ext), |tmp| {
            draw_spectrum(&plot, tmp)
        })?;
        if band_points.len() > 1 {
            out.create(&with_suffix(to.prefix, "_band", ext), |tmp| {
                draw_trend(&trend, tmp)
            })?;
        }
        if let (Some(c), Some((classical, qw))) = (comparison, &compared) {
            let plot = SpectrumPlot {
                title: format!("{title}: classical against {}", c.label),
                y_quantity: "absorption σ_abs per atom".into(),
                y_unit: "nm²".into(),
                x_range: range,
                curves: vec![
                    Curve {
                        label: format!("classical, {:.0} atoms", first.spectrum.atoms),
                        energy: w,
                        values: classical,
                        spread: None,
                        dashed: false,
                        colour: None,
                    },
                    Curve {
                        label: c.label.clone(),
                        energy: qw,
                        values: &c.cross_section_per_atom_nm2,
                        spread: None,
                        dashed: false,
                        colour: None,
                    },
                ],
                note: "both per atom: classical σ_abs / (particle volume / volume per atom)".into(),
                wavelength_axis: true,
                ..Default::default()
            };
            out.create(&with_suffix(to.prefix, "_compare", ext), |tmp| {
                draw_spectrum(&plot, tmp)
            })?;
        }
    }
    let (table, doc) = classical_record(to.header, items, comparison.map(|c| c.label.as_str()));
    out.write(&with_extension(to.prefix, "csv"), table.csv().as_bytes())?;
    out.write_json(&with_extension(to.prefix, "json"), &doc)?;
    out.commit()
}

/// The CSV table and the JSON document of classical spectra (`items`, not
/// empty), compared with the spectrum labelled `compared_with` if any.
pub fn classical_record(
    header: &RunHeader,
    items: &[Labelled],
    compared_with: Option<&str>,
) -> (Table, Value) {
    let body = json!({
        "model": "classical electrodynamics (bulk optical constants)",
        "units": "wavelengths nm, energies eV, cross-sections nm², volumes nm³",
        "items": items.iter().map(item_json).collect::<Vec<_>>(),
        "compared_with": compared_with,
    });
    (table(items), header.document(body))
}
