//! Collective response in tight binding: exact limits (no kernel, the
//! f-sum rule), the two routes against each other, symmetry, convergence
//! of charged and alloyed clusters, and the silver plasmon against
//! published numbers.

mod common;

use clusterspec::model::tight_binding::{SccOptions, excite, ground_states};
use clusterspec::response::{Calculation, Response, main_peak, spectrum};
use clusterspec::rpa::{DResponse, Route, RpaOptions, RpaSpectrum};
use clusterspec::structure::alloy::random_alloy;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{
    Broadening, Cluster, Element, EnergyGrid, Engine, LineShape, Lines, Model, Silent, TbRequest,
};
use common::{random_rotation, relative_max_diff, request};

/// A Lorentzian grid coarse enough (0.025 eV > FWHM/8) that the Dyson
/// equation is solved at every point, no interpolation.
fn coarse(fwhm: f64) -> Broadening {
    Broadening::new(
        EnergyGrid::new(0.5, 6.0, 221).unwrap(),
        LineShape::Lorentzian,
        fwhm,
    )
    .unwrap()
}

/// Options with the static d response, which both routes take (the exact
/// comparisons between them need it).
fn options(route: Route, coupling: f64, d: bool, scale: bool) -> RpaOptions {
    RpaOptions {
        route,
        coupling,
        d_screening: d,
        d_response: DResponse::Static,
        sum_rule_scaling: scale,
    }
}

const EXACT: Route = Route::Frequency {
    bin_width_ev: Some(0.0),
};

fn run(c: &Cluster, req: &TbRequest, o: RpaOptions, b: &Broadening) -> Calculation {
    RpaSpectrum {
        cluster: c,
        source: String::new(),
        request: req,
        options: o,
    }
    .compute(&Engine::cpu(), b, &Silent)
    .unwrap()
}

fn density(r: &Response) -> Vec<f64> {
    match r {
        Response::Density(d) => d.oscillator_strength_density.clone(),
        Response::Lines(_) => panic!("expected a density"),
    }
}

/// The frequency route's line shape for one line (E₀, f):
/// S(ω) = f (ω/E₀) [L(ω − E₀) − L(ω + E₀)], L the Lorentzian of HWHM η.
fn causal(lines: &Lines, b: &Broadening) -> Vec<f64> {
    let eta = 0.5 * b.fwhm;
    let l = |x: f64| eta / std::f64::consts::PI / (x * x + eta * eta);
    b.grid
        .energies()
        .iter()
        .map(|&w| {
            lines
                .energy
                .iter()
                .zip(&lines.oscillator_strength)
                .map(|(&e, &f)| f * w / e * (l(w - e) - l(w + e)))
                .sum()
        })
        .collect()
}

/// ∫ over [a, b] of the causal line shape of a unit line at `e`.
fn causal_fraction(e: f64, eta: f64, a: f64, b: f64) -> f64 {
    use std::f64::consts::PI;
    let anti = |w: f64| {
        (eta / (2.0 * PI) * (((w - e).powi(2) + eta * eta) / ((w + e).powi(2) + eta * eta)).ln()
            + e / PI * (((w - e) / eta).atan() + ((w + e) / eta).atan()))
            / e
    };
    anti(b) - anti(a)
}

/// ε_ib of silver's d dipoles in the s model.
fn silver_interband_epsilon() -> f64 {
    let m = request("s").model;
    m.params
        .element(Element::Ag)
        .unwrap()
        .interband_epsilon
        .unwrap()
}

fn ag13_alloy() -> Cluster {
    let ag13 = build(&Shape::Icosahedron { shells: 1 }, Element::Ag, None).unwrap();
    random_alloy(&ag13, Element::Au, 0.4, 3).unwrap()
}

#[test]
fn no_kernel_gives_back_the_single_particle_spectrum() {
    let c = ag13_alloy();
    let b = coarse(0.1);
    for scale in [false, true] {
        let calc = run(&c, &request("s"), options(EXACT, 0.0, false, scale), &b);
        let rpa = density(&calc.main().response);
        let single = calc.components[1].response.lines().unwrap();
        let direct = causal(single, &b);
        let d = relative_max_diff(&direct, &rpa);
        assert!(d < 1e-10, "kernel off: {d:e} of the peak");
    }
}

#[test]
fn the_casida_route_keeps_the_f_sum_and_gives_the_pairs_back_without_kernel() {
    let c = ag13_alloy();
    let b = coarse(0.1);
    let casida = Route::Casida {
        max_energy_ev: 100.0,
    };
    for d in [false, true] {
        let calc = run(&c, &request("s"), options(casida, 1.0, d, true), &b);
        let rpa = calc.main().response.lines().unwrap();
        let single = calc.components[1].response.lines().unwrap();
        let (a, s) = (rpa.strength_sum(), single.strength_sum());
        if d {
            // The polarisable d shells screen the field the s electrons
            // feel: they keep less than their f-sum, but no less than a
            // sphere of the bulk background would leave them, 9/(ε + 2)².
            let eps = silver_interband_epsilon();
            assert!(a < s && a > 9.0 / (eps + 2.0).powi(2) * s, "Σf {a} of {s}");
        } else {
            assert!((a - s).abs() < 1e-8 * s, "Σf {a} vs {s}");
        }
        assert!(rpa.strongest().unwrap() > single.strongest().unwrap() + 1.0);
    }
    let off = run(&c, &request("s"), options(casida, 0.0, false, false), &b);
    let lines = off.main().response.lines().unwrap();
    let single = off.components[1].response.lines().unwrap();
    assert_eq!(lines.len(), single.len());
    for k in 0..lines.len() {
        assert!((lines.energy[k] - single.energy[k]).abs() < 1e-10);
        assert!((lines.oscillator_strength[k] - single.oscillator_strength[k]).abs() < 1e-10);
    }
}

#[test]
fn the_two_routes_agree_and_the_density_integrates_to_the_f_sum() {
    let c = ag13_alloy();
    let b = coarse(0.1);
    for d in [false, true] {
        let freq = run(&c, &request("s"), options(EXACT, 1.0, d, true), &b);
        let casida = run(
            &c,
            &request("s"),
            options(
                Route::Casida {
                    max_energy_ev: 100.0,
                },
                1.0,
                d,
                true,
            ),
            &b,
        );
        let lines = casida.main().response.lines().unwrap();
        let s = density(&freq.main().response);
        let diff = relative_max_diff(&causal(lines, &b), &s);
        assert!(
            diff < 1e-8,
            "routes differ by {diff:e} of the peak (dipoles {d})"
        );
        // ∫S dE over the grid is Σf less the line-shape tails outside it,
        // which the Casida lines give exactly.
        let (lo, hi) = (b.grid.start, b.grid.end);
        let step = b.grid.step();
        let integral: f64 = s.windows(2).map(|w| 0.5 * (w[0] + w[1]) * step).sum();
        let inside: f64 = lines
            .energy
            .iter()
            .zip(&lines.oscillator_strength)
            .map(|(&e, &f)| f * causal_fraction(e, 0.5 * b.fwhm, lo, hi))
            .sum();
        let total = lines.strength_sum();
        // Trapezoid error of a Lorentzian of FWHM 0.1 sampled at 0.025 eV.
        assert!(
            (integral - inside).abs() < 2e-3 * total,
            "{integral} vs {inside}"
        );
        // The tails outside 0.5–6 eV hold a few per cent here.
        assert!(
            inside > 0.9 * total && inside < total,
            "{inside} of {total}"
        );
    }
}

#[test]
fn charges_without_a_kernel_leave_the_hamiltonian_alone() {
    use clusterspec::model::tight_binding::scc::{SccInput, self_consistent};
    let c = ag13_alloy();
    let m = request("s").model;
    let (h0, layout) = m.hamiltonian(&c).unwrap();
    let gamma = ndarray::Array2::zeros((c.len(), c.len()));
    let reference = vec![1.0; c.len()];
    let input = SccInput {
        h0: &h0,
        layout: &layout,
        gamma: &gamma,
        reference: &reference,
        electrons: 13,
    };
    // In double precision throughout: single-precision iterations are
    // never accepted as the answer, which would add one.
    let options = SccOptions {
        single_precision_above: f64::INFINITY,
        ..SccOptions::default()
    };
    let out = self_consistent(
        &[input],
        clusterspec::Filling::Integer,
        &options,
        &Engine::cpu(),
    )
    .unwrap();
    assert_eq!(out[0].hamiltonian, h0);
    // The populations still move from their start (Ag and Au levels
    // differ), which a linear problem lets the mixer settle in three steps.
    assert!(
        out[0].report.iterations <= 3,
        "{:?}",
        out[0].report.residuals
    );
}

#[test]
fn rigid_motions_leave_the_collective_spectrum_unchanged() {
    let c = ag13_alloy();
    let b = coarse(0.1);
    let mut req = request("s");
    req.scc = Some(SccOptions::default());
    let o = options(EXACT, 1.0, true, true);
    let base = density(&run(&c, &req, o, &b).main().response);
    let moved = c.rotated(random_rotation(4)).translated([7.0, -30.0, 2.5]);
    let other = density(&run(&moved, &req, o, &b).main().response);
    let d = relative_max_diff(&base, &other);
    assert!(d < 1e-8, "rotation + translation: {d:e}");
}

#[test]
fn charged_and_alloyed_clusters_converge_and_conserve_electrons() {
    let au55 = build(&Shape::Icosahedron { shells: 2 }, Element::Au, None).unwrap();
    let alloy = random_alloy(&au55, Element::Ag, 0.5, 9).unwrap();
    for (c, charge) in [(alloy.clone(), 0), (au55.clone(), 1), (alloy, -2)] {
        let mut req = request("s");
        req.charge = charge;
        req.scc = Some(SccOptions::default());
        let g = &ground_states(std::slice::from_ref(&c), &req, &Engine::cpu(), &Silent).unwrap()[0];
        let r = g.scc.as_ref().unwrap();
        assert!(r.residuals.last().unwrap() < &1e-5);
        let net: f64 = g.charges.iter().sum();
        assert!(
            (net + charge as f64).abs() < 1e-8,
            "Σ Δq = {net} for charge {charge}"
        );
        let e = excite(std::slice::from_ref(g), &Engine::cpu(), &Silent).unwrap();
        let calc = RpaSpectrum {
            cluster: &c,
            source: String::new(),
            request: &req,
            options: RpaOptions::default(),
        }
        .calculation(g, &e[0], &Engine::cpu(), &coarse(0.1), &Silent)
        .unwrap();
        let s = spectrum(&calc.main().response, &coarse(0.1), &Engine::cpu()).unwrap();
        assert!(
            main_peak(&s).is_some(),
            "{} charge {charge}: no band",
            c.formula()
        );
    }
    // Charge flows from Ag to Au in the alloy (work functions 4.26 < 5.10 eV).
    let mut req = request("s");
    req.scc = Some(SccOptions::default());
    let alloy = random_alloy(&au55, Element::Ag, 0.5, 9).unwrap();
    let g = &ground_states(std::slice::from_ref(&alloy), &req, &Engine::cpu(), &Silent).unwrap()[0];
    let on = |el: Element| -> f64 {
        alloy
            .atoms
            .iter()
            .zip(&g.charges)
            .filter(|(a, _)| a.element == el)
            .map(|(_, q)| q)
            .sum()
    };
    assert!(on(Element::Au) > 0.0 && on(Element::Ag) < 0.0);
}

#[test]
fn single_precision_early_iterations_reach_the_double_precision_charges() {
    // Au–Ag alloy, 147 atoms, spd (1323 orbitals, above the smallest
    // order diagonalised in single precision): charge transfer, d bands.
    let au147 = build(&Shape::Icosahedron { shells: 3 }, Element::Au, None).unwrap();
    let alloy = random_alloy(&au147, Element::Ag, 0.5, 9).unwrap();
    let solve = |single_precision_above: f64| {
        let mut req = request("spd");
        req.scc = Some(SccOptions {
            single_precision_above,
            ..SccOptions::default()
        });
        let g = ground_states(std::slice::from_ref(&alloy), &req, &Engine::cpu(), &Silent).unwrap();
        g.into_iter().next().unwrap()
    };
    let (fast, exact) = (solve(1e-3), solve(f64::INFINITY));
    let (rf, re) = (fast.scc.as_ref().unwrap(), exact.scc.as_ref().unwrap());
    assert!(rf.single_precision_iterations >= 2, "{rf:?}");
    assert_eq!(re.single_precision_iterations, 0);
    assert!(rf.single_precision_iterations < rf.iterations);
    // Both converged to 1e-5 e; their charges agree to that order.
    let worst = fast
        .charges
        .iter()
        .zip(&exact.charges)
        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    assert!(worst < 5e-5, "charges differ by {worst:e}");
    // The orbital energies (eV) move by γ·δq at most.
    let shift = fast
        .orbitals
        .energies
        .iter()
        .zip(&exact.orbitals.energies)
        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    assert!(shift < 1e-3, "orbital energies differ by {shift:e} eV");
}

/// Ag icosahedra in the default response (s model, self-consistent
/// charges, d dipoles, Lorentzian FWHM 0.1 eV on 0.5–6 eV).
struct Silver {
    /// The strongest band, eV.
    plasmon: f64,
    /// ∫S dE below 5 eV.
    below5: f64,
    /// ∫S dE within 0.75 eV of the strongest band.
    band: f64,
    /// s electrons: with the f-sum scale, the pairs' Σf.
    electrons: f64,
}

fn silver(shells: usize, d: bool) -> Silver {
    let c = build(&Shape::Icosahedron { shells }, Element::Ag, None).unwrap();
    let mut req = request("s");
    req.scc = Some(SccOptions::default());
    let o = RpaOptions {
        d_screening: d,
        ..Default::default()
    };
    let b = Broadening::new(
        EnergyGrid::new(0.5, 6.0, 551).unwrap(),
        LineShape::Lorentzian,
        0.1,
    )
    .unwrap();
    let calc = run(&c, &req, o, &b);
    let s = spectrum(&calc.main().response, &b, &Engine::cpu()).unwrap();
    let plasmon = main_peak(&s).unwrap().energy_ev;
    let integral = |lo: f64, hi: f64| -> f64 {
        s.density_per_ev
            .windows(2)
            .zip(&s.energy_ev)
            .filter(|(_, e)| **e >= lo && **e + b.grid.step() <= hi + 1e-9)
            .map(|(w, _)| 0.5 * (w[0] + w[1]) * b.grid.step())
            .sum()
    };
    Silver {
        plasmon,
        below5: integral(0.0, 5.0),
        band: integral(plasmon - 0.75, plasmon + 0.75),
        electrons: c.len() as f64,
    }
}

/// Published numbers: TDDFT of Ag55 … Ag561 icosahedra puts the plasmon at
/// 3.4–3.8 eV, converging to about 3.4 eV (Kuisma et al., PRB 91, 115431
/// (2015)); the Ag_n⁺ photodepletion spectra blue-shift as n falls
/// (Tiggesbäumker et al., PRA 48, R1749 (1993)). Without the d electrons
/// the resonance of the conduction electrons alone lies far higher (a
/// classical sphere of Ag's electron density: ħω_p/√3 = 5.2 eV).
#[test]
fn silver_plasmons_lie_near_three_and_a_half_ev_and_blue_shift_as_clusters_shrink() {
    let sizes = [2, 3, 4];
    let with_d: Vec<Silver> = sizes.iter().map(|&k| silver(k, true)).collect();
    // The d shells take strength from the s electrons, but never more than
    // a sphere of bulk background would: 9/(ε + 2)² of their f-sum.
    let eps = silver_interband_epsilon();
    let screened = 9.0 / (eps + 2.0).powi(2);
    for (k, s) in sizes.iter().zip(&with_d) {
        assert!(
            (3.2..4.0).contains(&s.plasmon),
            "shells {k}: plasmon {} eV",
            s.plasmon
        );
        // One band holds most of the s-electron strength below 5 eV.
        assert!(
            s.band > 0.8 * s.below5,
            "shells {k}: band {} of {}",
            s.band,
            s.below5
        );
        assert!(
            s.below5 > screened * s.electrons && s.below5 < s.electrons,
            "shells {k}: {} of {} below 5 eV",
            s.below5,
            s.electrons
        );
    }
    assert!(
        with_d[0].plasmon > with_d[1].plasmon && with_d[1].plasmon > with_d[2].plasmon,
        "no blue shift towards small sizes: {:?}",
        with_d.iter().map(|s| s.plasmon).collect::<Vec<_>>()
    );
    for k in sizes {
        let e = silver(k, false).plasmon;
        assert!(e > 4.2, "shells {k}: without d electrons {e} eV");
    }
}

/// The strongest band (eV), its peak ε per atom (M⁻¹ cm⁻¹) and its FWHM
/// (eV, `None` where the band never falls to half height) of an icosahedron
/// of `shells` shells of `element` in the default response (s model,
/// self-consistent charges, d dipoles), with the d response `d`.
fn band(element: Element, shells: usize, d: DResponse) -> (f64, f64, Option<f64>, Vec<f64>) {
    let c = build(&Shape::Icosahedron { shells }, element, None).unwrap();
    let mut req = request("s");
    req.scc = Some(SccOptions::default());
    let o = RpaOptions {
        d_response: d,
        ..Default::default()
    };
    let b = Broadening::new(
        EnergyGrid::new(1.0, 6.0, 401).unwrap(),
        LineShape::Lorentzian,
        0.1,
    )
    .unwrap();
    let calc = run(&c, &req, o, &b);
    let s = spectrum(&calc.main().response, &b, &Engine::cpu()).unwrap();
    let p = main_peak(&s).unwrap();
    (
        p.energy_ev,
        p.epsilon / c.len() as f64,
        p.fwhm_ev,
        s.density_per_ev.clone(),
    )
}

/// The frequency-dependent d response leaves silver where the static one
/// puts it (its interband edge, 3.9 eV, lies above the plasmon): Ag55,
/// Ag147 and Ag309 move by less than 0.1 eV and stay inside the TDDFT
/// range 3.4–3.8 eV (Kuisma et al., PRB 91, 115431 (2015)).
#[test]
fn silver_keeps_its_plasmon_with_the_frequency_dependent_d_response() {
    for shells in [2, 3, 4] {
        let (dynamic, ..) = band(Element::Ag, shells, DResponse::Dynamic);
        let (fixed, ..) = band(Element::Ag, shells, DResponse::Static);
        assert!(
            (dynamic - fixed).abs() < 0.1 && (3.4..3.8).contains(&dynamic),
            "shells {shells}: {dynamic} eV dynamic, {fixed} eV static"
        );
    }
}

/// With the interband absorption of ε_ib(ω), gold and copper clusters of
/// ~2 nm have no band of silver-like strength: TDDFT of Au147 shows several
/// weak modes with the d electrons damping the s oscillation (Weissker &
/// López-Lozano, PCCP 17, 28379 (2015)), and Mie theory of 2.2 nm Cu with
/// size damping (`clusterspec mie --material Cu --diameter 2.2 --medium 1`)
/// only a rising edge. Peak ε per atom at most half of Ag309's, and no
/// negative absorption anywhere (the dipoles only absorb).
#[test]
fn gold_and_copper_clusters_have_no_silver_like_band_with_interband_damping() {
    let (_, silver, ..) = band(Element::Ag, 4, DResponse::Dynamic);
    for element in [Element::Au, Element::Cu] {
        let (e, per_atom, fwhm, s) = band(element, 4, DResponse::Dynamic);
        assert!(
            per_atom < 0.5 * silver,
            "{element}309: peak ε per atom {per_atom} at {e} eV against Ag309's {silver}"
        );
        assert!(fwhm.is_none_or(|w| w >= 0.3), "{element}309: FWHM {fwhm:?}");
        let top = s.iter().fold(0.0f64, |m, x| m.max(*x));
        assert!(
            s.iter().all(|&x| x > -1e-9 * top),
            "{element}309: negative absorption"
        );
        // The static d response keeps the sharp band that the damping removes.
        let (_, fixed, ..) = band(element, 4, DResponse::Static);
        assert!(
            fixed > 2.0 * per_atom,
            "{element}309: static {fixed}, dynamic {per_atom}"
        );
    }
}

/// Casida's equation takes a frequency-independent kernel only, and the
/// spd basis loses the plasmon: both are refused, saying why.
#[test]
fn refused_collective_responses_say_why() {
    let c = ag13_alloy();
    let b = coarse(0.1);
    let casida = RpaOptions {
        route: Route::Casida {
            max_energy_ev: 10.0,
        },
        ..Default::default()
    };
    let run_err = |req: &TbRequest, o: RpaOptions| {
        RpaSpectrum {
            cluster: &c,
            source: String::new(),
            request: req,
            options: o,
        }
        .compute(&Engine::cpu(), &b, &Silent)
        .unwrap_err()
        .to_string()
    };
    let e = run_err(&request("s"), casida);
    assert!(e.contains("frequency-independent kernel"), "{e}");
    // The Casida route with the static d response it needs runs.
    run(&c, &request("s"), RpaOptions::casida(10.0), &b);
    let e = run_err(&request("spd"), RpaOptions::default());
    assert!(e.contains("no plasmon") && e.contains("s model"), "{e}");
}
