//! The spherical jellium model: shell structure, sum rules, the surface
//! plasmon against the classical Mie energy, the single-particle limit of
//! the Casida solver, the d background, charges and input errors.

use clusterspec::Engine;
use clusterspec::jellium::casida::{coupling_factors, excitations};
use clusterspec::jellium::pairs::{particle_hole_space, single_particle_lines};
use clusterspec::jellium::poisson::DipoleGreen;
use clusterspec::jellium::{
    Coupling, DBackground, GroundState, JelliumSpec, Material, ResponseOptions, ground_state,
    optics,
};
use clusterspec::solve::casida::casida_matrix;
use rayon::prelude::*;

fn ground(element: &str, atoms: usize) -> GroundState {
    ground_state(&JelliumSpec::new(
        Material::element(element).unwrap(),
        atoms,
    ))
    .unwrap()
}

/// Electron counts N = 2 … 100 whose HOMO–LUMO gap exceeds both neighbours'.
fn gap_maxima(element: &str) -> Vec<usize> {
    let gaps: Vec<f64> = (1..=101)
        .into_par_iter()
        .map(|n| ground(element, n).gap().unwrap())
        .collect();
    (2..=100)
        .filter(|&n| gaps[n - 1] > gaps[n - 2] && gaps[n - 1] > gaps[n])
        .collect()
}

#[test]
fn shells_close_at_the_magic_numbers() {
    // Ag (r_s 3.02): every closing of the sequence, 68 for the 68/70 pair.
    assert_eq!(
        gap_maxima("Ag"),
        vec![2, 8, 18, 20, 34, 40, 58, 68, 92],
        "Ag"
    );
    // Na (r_s 3.93): the same except 68/70, where LDA puts the 1h level
    // within a few meV of 2d, so the 2d shell never closes on its own.
    let na = gap_maxima("Na");
    assert_eq!(na, vec![2, 8, 18, 20, 34, 40, 58, 92], "Na");
}

#[test]
fn level_labels_follow_the_jellium_sequence() {
    let g = ground("Na", 40);
    let filled: Vec<String> = g
        .levels
        .iter()
        .filter(|l| l.occupation > 1.0)
        .map(|l| l.label())
        .collect();
    assert_eq!(filled, ["1s", "1p", "1d", "2s", "1f", "2p"]);
    let total: f64 = g.levels.iter().map(|l| l.occupation).sum();
    assert!((total - 40.0).abs() < 1e-9);
    // The report belongs to a converged run: one residual per iteration,
    // the last below the tolerance, the one before it not.
    let r = &g.report.residuals;
    assert_eq!(r.len(), g.report.iterations);
    assert!(r[r.len() - 1] < g.spec.tolerance && r[r.len() - 2] >= g.spec.tolerance);
}

#[test]
fn tdlda_strengths_sum_to_the_electron_count() {
    let engine = Engine::cpu();
    for (element, atoms) in [("Na", 8), ("Na", 20), ("Na", 92), ("K", 40), ("Cu", 58)] {
        let g = ground(element, atoms);
        let o = optics(&engine, &g, &ResponseOptions::new()).unwrap();
        let sum = o.coupled.strength_sum();
        let n = g.spec.electrons();
        assert!((sum / n - 1.0).abs() < 0.01, "{element}{atoms}: Σf = {sum}");
        // The coupling only moves strength around.
        assert!((sum - o.single.strength_sum()).abs() < 1e-6 * n);
    }
}

#[test]
fn plasmon_lies_below_mie_and_approaches_it_with_size() {
    let engine = Engine::cpu();
    let sizes = [8, 20, 40, 92, 198, 500];
    let plasmons: Vec<f64> = sizes
        .par_iter()
        .map(|&n| {
            // The strength centroid of the plasmon window: the dominant band
            // itself jumps between fragments (Na40 above Na92).
            optics(&engine, &ground("Na", n), &ResponseOptions::new())
                .unwrap()
                .centroid_ev
                .unwrap()
        })
        .collect();
    let mie = Material::element("Na").unwrap().mie_ev();
    for (n, p) in sizes.iter().zip(&plasmons) {
        assert!(*p < mie, "Na{n}: {p} eV is not below Mie {mie} eV");
    }
    for w in plasmons.windows(2) {
        assert!(w[1] > w[0], "not approaching Mie: {plasmons:?}");
    }
    let (first, last) = (mie - plasmons[0], mie - plasmons[plasmons.len() - 1]);
    assert!(
        last < 0.5 * first,
        "shift {first} → {last} eV: {plasmons:?}"
    );
}

#[test]
fn kernel_off_gives_the_single_particle_spectrum() {
    let g = ground("Na", 40);
    let space = particle_hole_space(&g, 0.5, DipoleGreen::vacuum()).unwrap();
    let factors = coupling_factors(&g, &space);
    let off = excitations(
        &space,
        &factors,
        &casida_matrix(&factors, Coupling::Off.scale()),
    )
    .unwrap();
    let single = single_particle_lines(&space);
    assert_eq!(off.len(), single.len());
    for k in 0..off.len() {
        assert!((off.energy[k] - single.energy[k]).abs() < 1e-9);
        assert!((off.oscillator_strength[k] - single.oscillator_strength[k]).abs() < 1e-9);
    }
    // And the kernel does move the lines: the plasmon is far above them.
    let on = excitations(&space, &factors, &casida_matrix(&factors, 1.0)).unwrap();
    assert!(on.strongest().unwrap() > single.strongest().unwrap() + 0.5);
}

#[test]
fn d_background_screens_the_plasmon() {
    let engine = Engine::cpu();
    let ag = Material::element("Ag").unwrap();
    let d = ag.d_background.unwrap();
    let g = ground("Ag", 198);
    let mut req = ResponseOptions::new();
    let bare = optics(&engine, &g, &req).unwrap();
    req.d_background = Some(d);
    let screened = optics(&engine, &g, &req).unwrap();
    let (p0, p1) = (bare.plasmon_ev.unwrap(), screened.plasmon_ev.unwrap());
    assert!(p1 < p0 - 0.5, "d background: {p0} → {p1} eV");
    // Screened classical limit ħω_p/√(2 + ε_d) = 3.6 eV (the parameter's source).
    assert!((ag.screened_mie_ev(&d) - 3.6).abs() < 0.01);
    assert!((p1 - 3.6).abs() < 0.3, "{p1}");
    // ε_d = 1 is no background at all.
    req.d_background = Some(DBackground {
        epsilon: 1.0,
        skin_bohr: 2.0,
    });
    let vacuum = optics(&engine, &g, &req).unwrap();
    assert_eq!(vacuum.coupled.len(), bare.coupled.len());
    for (a, b) in vacuum.coupled.energy.iter().zip(&bare.coupled.energy) {
        assert!((a - b).abs() < 1e-9);
    }
    let au = Material::element("Au").unwrap();
    assert!((au.screened_mie_ev(&au.d_background.unwrap()) - 2.55).abs() < 0.01);
}

#[test]
fn a_cation_with_twenty_electrons_is_a_closed_shell() {
    let mut spec = JelliumSpec::new(Material::element("Na").unwrap(), 21);
    spec.charge = 1;
    let g = ground_state(&spec).unwrap();
    assert_eq!(spec.electrons(), 20.0);
    assert!(g.gap().unwrap() > 0.01, "gap {:?}", g.gap());
    // A cation binds its electrons more deeply than the neutral 20-electron cluster.
    let neutral = ground("Na", 20);
    assert!(g.fermi_level().unwrap() < neutral.fermi_level().unwrap());
}

#[test]
fn bad_input_is_a_clear_error() {
    let err = Material::element("Xx").unwrap_err().to_string();
    assert!(
        err.contains("Xx") && err.contains("Na, K, Cu, Ag, Au"),
        "{err}"
    );
    let err = Material::custom(0.2, 1).unwrap_err().to_string();
    assert!(err.contains("0.2"), "{err}");
    let na = Material::element("Na").unwrap();
    let err = ground_state(&JelliumSpec::new(na.clone(), 0))
        .unwrap_err()
        .to_string();
    assert!(err.contains("atoms = 0: must lie in 1 … 3000"), "{err}");
    let err = Material::custom(3.0, 0).unwrap_err().to_string();
    assert!(err.contains("valence 0"), "{err}");
    let check = |change: &dyn Fn(&mut JelliumSpec), needle: &str| {
        let mut spec = JelliumSpec::new(na.clone(), 8);
        change(&mut spec);
        let err = ground_state(&spec).unwrap_err().to_string();
        assert!(err.contains(needle), "{needle}: {err}");
    };
    check(&|s| s.charge = 8, "charge +8");
    check(&|s| s.charge = -5, "too negative");
    check(&|s| s.step_bohr = 0.0, "step = 0");
    // A step far below the bound used to ask for 10³⁰⁰ grid points.
    check(&|s| s.step_bohr = 1e-300, "0.01 … 0.5 bohr");
    check(&|s| s.mixing = 1.5, "mixing = 1.5");
    check(&|s| s.max_iterations = 2, "did not converge");
    let g = ground("Na", 8);
    assert!(particle_hole_space(&g, 0.0, DipoleGreen::vacuum()).is_err());
}

#[test]
fn an_unstable_response_is_an_error() {
    // A strongly attractive coupling (λ = −100) drives ω² below zero.
    let g = ground("Na", 20);
    let space = particle_hole_space(&g, 0.5, DipoleGreen::vacuum()).unwrap();
    let factors = coupling_factors(&g, &space);
    let err = excitations(&space, &factors, &casida_matrix(&factors, -100.0))
        .unwrap_err()
        .to_string();
    assert!(err.contains("unstable"), "{err}");
}

/// The plasmon is read from the spectrum: the band (coupled lines broadened
/// by 0.2 eV) holding the most oscillator strength, wherever it lies.
#[test]
fn the_plasmon_is_the_band_holding_the_most_strength() {
    let engine = Engine::cpu();
    for (element, atoms) in [("Na", 20), ("Ag", 8), ("Au", 20)] {
        let material = Material::element(element).unwrap();
        let mut options = ResponseOptions::new();
        options.d_background = material.d_background;
        let o = optics(&engine, &ground(element, atoms), &options).unwrap();
        let p = o.plasmon_ev.unwrap();
        // The strongest coupled line lies within the plasmon band.
        let k = (0..o.coupled.len())
            .max_by(|&a, &b| {
                o.coupled.oscillator_strength[a].total_cmp(&o.coupled.oscillator_strength[b])
            })
            .unwrap();
        let strongest = o.coupled.energy[k];
        assert!(
            (p - strongest).abs() < 0.15,
            "{element}{atoms}: plasmon {p} eV, strongest line {strongest} eV (f = {})",
            o.coupled.oscillator_strength[k]
        );
        // The band holds more strength within ±0.3 eV than any other
        // window of that width (the rule's meaning, checked directly).
        let within = |c: f64| -> f64 {
            o.coupled
                .energy
                .iter()
                .zip(&o.coupled.oscillator_strength)
                .filter(|(e, _)| (*e - c).abs() <= 0.3)
                .map(|(_, f)| f)
                .sum()
        };
        let best = o
            .coupled
            .energy
            .iter()
            .map(|&c| within(c))
            .fold(0.0, f64::max);
        assert!(
            within(p) > 0.6 * best,
            "{element}{atoms}: {} vs {best}",
            within(p)
        );
        match element {
            // Jellium TDLDA puts the Na20 plasmon at ≈ 2.7–2.8 eV (Ekardt,
            // PRB 31, 6360 (1985); Brack, RMP 65, 677 (1993)), some 0.3 eV
            // above the measured 2.45 eV (Selby et al., PRB 43, 4565 (1991)).
            "Na" => assert!((2.6..3.0).contains(&p), "Na20: {p}"),
            // Au20: the one strong line (f ≈ 7) near 3.25 eV, not the weak
            // low-energy lines a centroid below 1.25 × classical picked.
            "Au" => assert!(
                p > 3.0 && o.coupled.oscillator_strength[k] > 5.0,
                "Au20: {p}"
            ),
            // Ag8 with d screening: a single dominant band between the
            // screened classical value (3.6 eV) and the unscreened one.
            _ => assert!((3.0..5.0).contains(&p), "Ag8: {p}"),
        }
    }
}
