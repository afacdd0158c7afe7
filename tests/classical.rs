//! Classical nanoparticle spectra against published band positions and
//! their own limits.

use clusterspec::optics::DataSet;
use clusterspec::optics::particle::{
    ClassicalRequest, ClassicalSpectrum, Distribution, Material, Method, Particle,
};

fn request(particle: Particle) -> ClassicalRequest {
    ClassicalRequest::in_water(particle)
}

fn wavelengths(lo: f64, hi: f64) -> Vec<f64> {
    (0..=((hi - lo) as usize)).map(|k| lo + k as f64).collect()
}

/// The wavelength (nm) of the highest extinction.
fn band(s: &ClassicalSpectrum) -> f64 {
    let k = (0..s.extinction_nm2.len())
        .max_by(|&a, &b| s.extinction_nm2[a].total_cmp(&s.extinction_nm2[b]))
        .unwrap();
    s.wavelength_nm[k]
}

fn metal(name: &str) -> Material {
    Material::parse(name).unwrap()
}

fn mie(particle: Particle) -> ClassicalSpectrum {
    request(particle)
        .spectrum(&wavelengths(300.0, 800.0))
        .unwrap()
}

#[test]
fn gold_and_silver_spheres_in_water_absorb_where_colloids_do() {
    // 20 nm Au in water: 521 nm (Link & El-Sayed, J. Phys. Chem. B 103,
    // 4212 (1999)); 20 nm Ag: about 400 nm (Evanoff & Chumanov,
    // ChemPhysChem 6, 1221 (2005)).
    for set in [DataSet::JohnsonChristy, DataSet::McPeak] {
        let of = |m: &str| {
            ClassicalRequest {
                data: set,
                ..request(Particle::sphere(metal(m), 20.0))
            }
            .spectrum(&wavelengths(330.0, 800.0))
            .unwrap()
        };
        let au = band(&of("Au"));
        let ag = band(&of("Ag"));
        assert!((512.0..=530.0).contains(&au), "{set:?}: Au at {au} nm");
        assert!((380.0..=410.0).contains(&ag), "{set:?}: Ag at {ag} nm");
    }
}

#[test]
fn the_alloy_band_moves_steadily_from_silver_to_gold() {
    // Au–Ag alloy colloids: one band, moving almost linearly with the gold
    // fraction from about 400 to 520 nm (Link, Wang & El-Sayed, J. Phys.
    // Chem. B 103, 3529 (1999)).
    let bands: Vec<f64> = (0..=10)
        .map(|k| {
            band(&mie(Particle::sphere(
                Material::GoldSilver {
                    gold: k as f64 / 10.0,
                },
                20.0,
            )))
        })
        .collect();
    for w in bands.windows(2) {
        assert!(w[1] >= w[0], "{bands:?}");
    }
    let middle = 0.5 * (bands[0] + bands[10]);
    assert!((bands[5] - middle).abs() < 20.0, "{bands:?}");
    assert!(
        (390.0..=410.0).contains(&bands[0]) && (515.0..=530.0).contains(&bands[10]),
        "{bands:?}"
    );
}

/// Local maxima of the extinction: (nm, nm²).
fn maxima(s: &ClassicalSpectrum) -> Vec<(f64, f64)> {
    let e = &s.extinction_nm2;
    (1..e.len() - 1)
        .filter(|&k| e[k] > e[k - 1] && e[k] >= e[k + 1])
        .map(|k| (s.wavelength_nm[k], e[k]))
        .collect()
}

#[test]
fn a_gold_shell_on_silver_damps_the_silver_band_and_grows_its_own() {
    // Ag@Au core–shell colloids: a thin gold shell damps the silver band,
    // thicker shells show two bands, then the gold band takes over
    // (Rodríguez-González et al., J. Mater. Chem. 15, 1755 (2005)).
    let core = Particle::sphere(metal("Ag"), 14.0);
    let shelled = |t: f64| Particle {
        shells: vec![(metal("Au"), t)],
        ..core.clone()
    };
    let bare = maxima(&mie(core.clone()));
    let thin = maxima(&mie(shelled(1.0)));
    assert!(bare.len() == 1 && thin.len() == 1, "{bare:?} {thin:?}");
    assert!(thin[0].1 < 0.5 * bare[0].1, "{bare:?} {thin:?}");
    let middle = maxima(&mie(shelled(4.0)));
    assert!(
        middle.iter().any(|m| m.0 < 400.0) && middle.iter().any(|m| (490.0..=530.0).contains(&m.0)),
        "{middle:?}"
    );
    let thick = mie(shelled(8.0));
    assert!(
        (505.0..=530.0).contains(&band(&thick)),
        "{:?}",
        maxima(&thick)
    );
    // A shell of zero thickness changes nothing.
    let zero = mie(shelled(0.0));
    let plain = mie(core);
    for (a, b) in zero.extinction_nm2.iter().zip(&plain.extinction_nm2) {
        assert!((a - b).abs() <= 1e-12 * b.abs(), "{a} {b}");
    }
}

#[test]
fn small_particles_agree_with_the_quasi_static_limit_and_large_ones_shift_red() {
    let of = |d: f64, method: Method| {
        ClassicalRequest {
            method,
            ..request(Particle::sphere(metal("Au"), d))
        }
        .spectrum(&wavelengths(400.0, 700.0))
        .unwrap()
    };
    let (small_mie, small_qs) = (of(4.0, Method::Mie), of(4.0, Method::QuasiStatic));
    for (a, b) in small_mie
        .absorption_nm2
        .iter()
        .zip(&small_qs.absorption_nm2)
    {
        assert!((a - b).abs() < 0.01 * b, "{a} {b}");
    }
    let (big_mie, big_qs) = (of(100.0, Method::Mie), of(100.0, Method::QuasiStatic));
    assert!(
        band(&big_mie) > band(&big_qs) + 20.0,
        "{} {}",
        band(&big_mie),
        band(&big_qs)
    );
}

#[test]
fn size_distributions_average_the_spectra() {
    let sphere = Particle::sphere(metal("Au"), 20.0);
    let w = wavelengths(450.0, 600.0);
    let with = |distribution| {
        ClassicalRequest {
            distribution,
            ..request(sphere.clone())
        }
        .spectrum(&w)
        .unwrap()
    };
    let single = with(Distribution::Single);
    assert_eq!(
        with(Distribution::Normal { sd_nm: 0.0 }).extinction_nm2,
        single.extinction_nm2
    );
    for d in [
        Distribution::Normal { sd_nm: 4.0 },
        Distribution::LogNormal { sd_nm: 4.0 },
    ] {
        let nodes = d.nodes(20.0).unwrap();
        let mass: f64 = nodes.iter().map(|n| n.1).sum();
        let mean: f64 = nodes.iter().map(|n| n.0 * n.1).sum();
        let var: f64 = nodes.iter().map(|n| (n.0 - mean).powi(2) * n.1).sum();
        assert!((mass - 1.0).abs() < 1e-12);
        assert!((mean - 20.0).abs() < 0.02, "{d:?}: mean {mean}");
        assert!((var.sqrt() - 4.0).abs() < 0.05, "{d:?}: sd {}", var.sqrt());
        // The average over sizes is the weighted sum of single spectra.
        let averaged = with(d);
        let by_hand: Vec<f64> = (0..w.len())
            .map(|j| {
                nodes
                    .iter()
                    .map(|&(dia, wt)| {
                        wt * request(Particle::sphere(metal("Au"), dia))
                            .spectrum(&w[j..=j])
                            .unwrap()
                            .extinction_nm2[0]
                    })
                    .sum()
            })
            .collect();
        for (a, b) in averaged.extinction_nm2.iter().zip(&by_hand) {
            assert!((a - b).abs() < 1e-12 * b, "{a} {b}");
        }
    }
}

#[test]
fn stronger_surface_damping_lowers_and_broadens_a_small_particle_band() {
    let of = |a: f64| {
        ClassicalRequest {
            damping_a: a,
            ..request(Particle::sphere(metal("Au"), 5.0))
        }
        .spectrum(&wavelengths(450.0, 650.0))
        .unwrap()
    };
    let peak = |s: &ClassicalSpectrum| s.absorption_nm2.iter().cloned().fold(0.0, f64::max);
    let (none, one, two) = (of(0.0), of(1.0), of(2.0));
    assert!(peak(&none) > peak(&one) && peak(&one) > peak(&two));
}

#[test]
fn bad_particles_and_materials_are_refused_with_their_value() {
    for (text, needle) in [
        ("Pt", "unknown metal `Pt`"),
        ("Au:0.3,Ag:0.6", "sum to 0.9"),
        ("Au:0.5,Cu:0.5", "Au–Ag only"),
        ("Au:x,Ag:0.5", "`x` is not a fraction"),
        ("Au:1.5,Ag:-0.5", "must lie in 0 … 1"),
    ] {
        let e = Material::parse(text).unwrap_err().to_string();
        assert!(e.contains(needle), "{text}: {e}");
    }
    let w = wavelengths(400.0, 600.0);
    for d in [0.0, -3.0, f64::NAN] {
        let e = request(Particle::sphere(metal("Au"), d))
            .spectrum(&w)
            .unwrap_err();
        assert!(e.to_string().contains("diameter"), "{e}");
    }
    let shell = Particle {
        shells: vec![(metal("Au"), -1.0)],
        ..Particle::sphere(metal("Ag"), 10.0)
    };
    let e = request(shell).spectrum(&w).unwrap_err().to_string();
    assert!(e.contains("shell_thickness") && e.contains("-1"), "{e}");
    let e = ClassicalRequest {
        medium_index: 0.0,
        ..request(Particle::sphere(metal("Au"), 10.0))
    }
    .spectrum(&w)
    .unwrap_err()
    .to_string();
    assert!(e.contains("medium"), "{e}");
    // Rioux's alloy model covers 270–1200 nm only.
    let e = request(Particle::sphere(metal("Au:0.5,Ag:0.5"), 10.0))
        .spectrum(&[250.0, 500.0])
        .unwrap_err()
        .to_string();
    assert!(e.contains("250") && e.contains("outside"), "{e}");
}
