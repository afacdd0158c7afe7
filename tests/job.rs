//! The `job` layer the command line and the Python package share: the
//! settings' defaults are the command line's, choices made for the user
//! come back as notes, and bad combinations are refused before any work.

use clusterspec::job::jellium::{JelliumJob, JelliumSettings};
use clusterspec::job::mie::{MieJob, MieSettings};
use clusterspec::job::{
    AbsorptionJob, AbsorptionSettings, BroadeningSettings, ModelSettings, ResponseKind,
    ResponseSettings,
};
use clusterspec::optics::particle::{Material, Particle};
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{Element, Engine, LineShape, Silent};

fn ag13() -> clusterspec::Cluster {
    build(&Shape::Icosahedron { shells: 1 }, Element::Ag, None).unwrap()
}

#[test]
fn the_default_absorption_is_the_rpa_on_one_to_six_ev() {
    let c = ag13();
    let job = AbsorptionJob::new(&c, "ag13".into(), &AbsorptionSettings::default()).unwrap();
    assert!(job.notes.is_empty() && job.warnings.is_empty());
    let done = job.run(&Engine::cpu(), &Silent).unwrap();
    let b = done.broadening;
    assert_eq!((b.grid.start, b.grid.end, b.grid.points), (1.0, 6.0, 1000));
    assert_eq!((b.shape, b.fwhm), (LineShape::Lorentzian, 0.1));
    assert!(
        done.calculation.model.contains("RPA"),
        "{}",
        done.calculation.model
    );
}

#[test]
fn the_spd_model_falls_back_to_independent_particles_with_a_note() {
    let c = ag13();
    let settings = AbsorptionSettings {
        model: ModelSettings {
            model: "spd".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let job = AbsorptionJob::new(&c, "ag13".into(), &settings).unwrap();
    assert_eq!(job.notes.len(), 1);
    assert!(
        job.notes[0].contains("independent particles"),
        "{}",
        job.notes[0]
    );
    assert!(!job.notes[0].contains("--"), "a library note names a flag");
}

#[test]
fn an_undersampled_line_width_is_a_warning() {
    // Independent particles: lines, so a narrow width only warns (the RPA
    // frequency route refuses it).
    let c = ag13();
    let settings = AbsorptionSettings {
        broadening: BroadeningSettings {
            fwhm: Some(0.001),
            ..Default::default()
        },
        response: ResponseSettings {
            response: Some(ResponseKind::Single),
            ..Default::default()
        },
        ..Default::default()
    };
    let job = AbsorptionJob::new(&c, "ag13".into(), &settings).unwrap();
    assert!(job.warnings[0].contains("below twice the grid spacing"));
}

#[test]
fn jellium_settings_are_checked_before_any_work() {
    let both = JelliumSettings {
        element: Some("Na".into()),
        rs: Some(3.9),
        atoms: 8,
        ..Default::default()
    };
    assert!(JelliumJob::new(&both).is_err());
    let error = |s: &JelliumSettings| JelliumJob::new(s).err().map(|e| e.to_string());
    let none = JelliumSettings {
        atoms: 8,
        ..Default::default()
    };
    assert!(error(&none).unwrap().contains("give an element"));
    let na8 = JelliumSettings {
        element: Some("Na".into()),
        atoms: 8,
        ..Default::default()
    };
    let job = JelliumJob::new(&na8).unwrap();
    assert!(job.memory().0 > 0);
}

#[test]
fn a_mie_job_refuses_a_particle_before_planning() {
    let huge = Particle::sphere(Material::parse("Au").unwrap(), 1e10);
    assert!(MieJob::new(vec![huge], &MieSettings::default()).is_err());
    let gold = Particle::sphere(Material::parse("Au").unwrap(), 20.0);
    let job = MieJob::new(vec![gold], &MieSettings::default()).unwrap();
    let spectra = job.run(&Engine::cpu()).unwrap();
    // 20 nm gold in water: 522 nm (the CLI test of the same case cites
    // Link & El-Sayed 1999, 521 nm).
    let band = spectra[0].bands()[0];
    assert!(
        (band.wavelength_nm - 522.0).abs() < 3.0,
        "{}",
        band.wavelength_nm
    );
}
