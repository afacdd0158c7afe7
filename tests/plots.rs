//! What a reader sees: every figure is written at its stated size and is
//! not blank (curves in the palette's colours, axis text in black), and the
//! legend lands where the data leave room.

use clusterspec::plot::{Curve, Marker, SpectrumPlot, Sticks, draw_spectrum};

/// Pixels of `png` that are neither white nor grey: drawn curves.
fn coloured_pixels(img: &image::RgbImage) -> usize {
    img.pixels()
        .filter(|p| {
            let [r, g, b] = p.0;
            let (lo, hi) = (r.min(g).min(b), r.max(g).max(b));
            hi - lo > 60
        })
        .count()
}

#[test]
fn a_spectrum_png_has_its_size_and_its_curves() {
    let dir = tempfile::tempdir().unwrap();
    let energy: Vec<f64> = (0..500).map(|k| 1.0 + 5.0 * k as f64 / 499.0).collect();
    let band = |c: f64, h: f64| -> Vec<f64> {
        energy
            .iter()
            .map(|e| h * (-((e - c) / 0.15).powi(2)).exp())
            .collect()
    };
    let (a, b) = (band(5.5, 1.0e4), band(2.0, 0.6e4));
    let plot = SpectrumPlot {
        title: "test".into(),
        y_quantity: "ε".into(),
        y_unit: "M⁻¹ cm⁻¹".into(),
        x_range: (1.0, 6.0),
        curves: vec![
            Curve {
                label: "main".into(),
                energy: &energy,
                values: &a,
                spread: None,
                dashed: false,
                colour: None,
            },
            Curve {
                label: "reference".into(),
                energy: &energy,
                values: &b,
                spread: None,
                dashed: true,
                colour: None,
            },
        ],
        sticks: Some(Sticks {
            energy: &[2.0, 5.5],
            strength: &[0.3, -0.1],
            label: "R".into(),
            unit: String::new(),
        }),
        note: "note".into(),
        markers: vec![Marker {
            energy: 3.0,
            label: "marker".into(),
        }],
        wavelength_axis: false,
    };
    let path = dir.path().join("s.png");
    draw_spectrum(&plot, &path).unwrap();
    let img = image::open(&path).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (1600, 1000));
    assert!(coloured_pixels(&img) > 2000, "{}", coloured_pixels(&img));
    let dark = img.pixels().filter(|p| p.0.iter().all(|&c| c < 80)).count();
    assert!(dark > 2000, "axis text and frame: {dark}");
    // Anti-aliased: intermediate shades along the curves, not only the
    // palette's pure colours and white.
    let distinct: std::collections::HashSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    assert!(distinct.len() > 200, "{}", distinct.len());
    // The SVG carries the legend entries and the marker's label as text.
    let svg = dir.path().join("s.svg");
    draw_spectrum(&plot, &svg).unwrap();
    let text = std::fs::read_to_string(&svg).unwrap();
    for label in ["main", "reference", "marker"] {
        assert!(
            text.contains(&format!(">\n{label}\n<")) || text.contains(&format!(">{label}<")),
            "{label}"
        );
    }
}

/// A non-finite value anywhere in a spectrum stops the output with an
/// error naming the component, the quantity and the energy; no file of
/// the set is written.
#[test]
fn a_non_finite_spectrum_writes_nothing() {
    use clusterspec::io::header::RunHeader;
    use clusterspec::io::spectrum_files::{Destination, write_calculation};
    use clusterspec::model::tight_binding::Rotatory;
    use clusterspec::response::spectra;
    use clusterspec::structure::builders::{Shape, build};
    use clusterspec::{
        Broadening, Element, EnergyGrid, Engine, Filling, LineShape, Model, Silent, TbRequest,
        TightBinding, TightBindingSpectrum,
    };
    let au13 = build(&Shape::Icosahedron { shells: 1 }, Element::Au, None).unwrap();
    let request = TbRequest {
        model: TightBinding::builtin("s").unwrap(),
        charge: 0,
        ligands: 0,
        filling: Filling::Integer,
        scc: None,
    };
    let b = Broadening::new(
        EnergyGrid::new(1.0, 5.0, 200).unwrap(),
        LineShape::Gaussian,
        0.1,
    )
    .unwrap();
    let engine = Engine::cpu();
    let model = TightBindingSpectrum {
        cluster: &au13,
        source: "test".into(),
        request: &request,
        rotatory: Rotatory::None,
    };
    let mut calc = model.compute(&engine, &b, &Silent).unwrap();
    let mut s = spectra(&calc, &b, &engine).unwrap();
    s[0].epsilon[17] = f64::NAN;
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("au13");
    let header = RunHeader::new(vec!["test".into()], &engine);
    let e = write_calculation(&Destination::new(&prefix, &header), &calc, &s)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("ε = NaN") && e.contains("eV") && e.contains("nothing was written"),
        "{e}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // A non-finite line is caught before the broadened values.
    s[0].epsilon[17] = 0.0;
    if let clusterspec::Response::Lines(lines) = &mut calc.components[0].response {
        lines.oscillator_strength[3] = f64::INFINITY;
    }
    let e = write_calculation(&Destination::new(&prefix, &header), &calc, &s)
        .unwrap_err()
        .to_string();
    assert!(e.contains("line 3") && e.contains("inf"), "{e}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
