//! Fuzzing of the settings behind the newer commands, in process: random
//! settings, half of the values hostile (at and beyond every bound, NaN,
//! ±inf, zero, huge counts), through the `job` layer that both the command
//! line and the Python package call (`mie`, `jellium`, `build`, `sweep`,
//! `absorption` with the RPA and Casida options). Every case is checked
//! and its memory estimated; the cheap ones also run. Every case must end
//! in a result with finite numbers or an error, never a panic, an abort
//! or a hang. `tests/fuzz.rs` sends a share of the same families through
//! the binary itself.
//!
//! CLUSTERSPEC_FUZZ_JOBS sets the number of cases (default 20 000) and
//! CLUSTERSPEC_FUZZ_SEED the seed; docs/reliability.md reports the
//! 10⁶-case run.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use clusterspec::job::jellium::{JelliumJob, JelliumSettings};
use clusterspec::job::mie::{MieJob, MieSettings};
use clusterspec::job::sweep::{SweepJob, SweepSettings};
use clusterspec::job::{
    AbsorptionJob, AbsorptionSettings, BroadeningSettings, ModelSettings, ResponseKind,
    ResponseSettings,
};
use clusterspec::optics::DataSet;
use clusterspec::optics::particle::{Distribution, Material, Method, Particle};
use clusterspec::rpa::DResponse;
use clusterspec::structure::builders::{Shape, build};
use clusterspec::{Cluster, Element, Engine, LineShape, Silent};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Floats that sit at or beyond the bounds of some setting.
const FLOATS: &[f64] = &[
    0.0,
    -0.0,
    -1.0,
    1e-300,
    1e-12,
    1e-4,
    0.5,
    1e4,
    1e10,
    1e300,
    f64::MAX,
    f64::MIN_POSITIVE,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
];

/// Counts at or beyond the bounds of some setting.
const COUNTS: &[usize] = &[0, 1, 2, 3, 3001, 100_000, 1 << 31, usize::MAX];

/// A float: a plausible one from `good` or a hostile one.
fn float(rng: &mut ChaCha8Rng, good: &[f64]) -> f64 {
    if rng.random_bool(0.5) {
        good[rng.random_range(0..good.len())]
    } else {
        FLOATS[rng.random_range(0..FLOATS.len())]
    }
}

fn count(rng: &mut ChaCha8Rng, good: &[usize]) -> usize {
    if rng.random_bool(0.5) {
        good[rng.random_range(0..good.len())]
    } else {
        COUNTS[rng.random_range(0..COUNTS.len())]
    }
}

fn maybe<T>(rng: &mut ChaCha8Rng, f: impl FnOnce(&mut ChaCha8Rng) -> T) -> Option<T> {
    rng.random_bool(0.5).then(|| f(rng))
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, from: &[T]) -> T {
    from[rng.random_range(0..from.len())]
}

fn broadening(rng: &mut ChaCha8Rng) -> BroadeningSettings {
    BroadeningSettings {
        fwhm: maybe(rng, |r| float(r, &[0.05, 0.1, 0.3])),
        lineshape: maybe(rng, |r| {
            pick(
                r,
                &[
                    LineShape::Gaussian,
                    LineShape::Lorentzian,
                    LineShape::PseudoVoigt { eta: 0.5 },
                    LineShape::PseudoVoigt { eta: f64::NAN },
                    LineShape::PseudoVoigt { eta: 2.0 },
                ],
            )
        }),
        range: maybe(rng, |r| (float(r, &[0.5, 1.0, 2.0]), float(r, &[4.0, 6.0]))),
        points: maybe(rng, |r| count(r, &[101, 500])),
    }
}

fn model(rng: &mut ChaCha8Rng) -> ModelSettings {
    ModelSettings {
        model: pick(rng, &["s", "s", "spd", "dftb", "", "xyz"]).into(),
        charge: pick(rng, &[0, 0, -1, 1, 13, -1000, i32::MAX, i32::MIN]),
        ligands: pick(rng, &[0, 0, 1, 18, u32::MAX]),
        temperature: float(rng, &[0.0, 300.0]),
        scc: pick(rng, &[None, Some(true), Some(false)]),
        ..Default::default()
    }
}

fn response(rng: &mut ChaCha8Rng) -> ResponseSettings {
    ResponseSettings {
        response: pick(
            rng,
            &[
                None,
                Some(ResponseKind::Rpa),
                Some(ResponseKind::Casida),
                Some(ResponseKind::Single),
            ],
        ),
        casida_max_energy: maybe(rng, |r| float(r, &[3.0, 8.0])),
        no_d: rng.random_bool(0.2),
        d_response: pick(
            rng,
            &[None, Some(DResponse::Static), Some(DResponse::Dynamic)],
        ),
        f_sum_scale: rng.random_bool(0.8),
    }
}

/// The outcome of one case: it ran, or it was refused with a message.
enum Outcome {
    /// Computed, with finite numbers.
    Ran,
    /// Accepted, its memory estimated, not computed (too costly here).
    Checked,
    Refused,
}

fn refused(e: clusterspec::Error) -> Outcome {
    assert!(!e.to_string().trim().is_empty(), "an empty message");
    Outcome::Refused
}

fn finite(values: &[f64]) {
    assert!(values.iter().all(|v| v.is_finite()), "a non-finite value");
}

fn mie_case(rng: &mut ChaCha8Rng) -> Outcome {
    let materials = ["Au", "Ag", "Cu", "Au:0.5,Ag:0.5", "Pt", "Au:2,Ag:-1", ""];
    let Ok(core) = Material::parse(pick(rng, &materials)) else {
        return Outcome::Refused;
    };
    let mut particle = Particle::sphere(core, float(rng, &[2.0, 20.0, 80.0]));
    if rng.random_bool(0.3) {
        particle
            .shells
            .push((Material::parse("Ag").unwrap(), float(rng, &[1.0, 5.0])));
    }
    let settings = MieSettings {
        medium: float(rng, &[1.0, 1.333, 1.5]),
        damping_a: float(rng, &[0.0, 1.0]),
        data: pick(rng, &[DataSet::JohnsonChristy, DataSet::McPeak]),
        method: pick(rng, &[Method::Mie, Method::QuasiStatic]),
        distribution: pick(
            rng,
            &[
                Distribution::Single,
                Distribution::Single,
                Distribution::Normal { sd_nm: 2.0 },
                Distribution::LogNormal { sd_nm: 2.0 },
                Distribution::Normal { sd_nm: f64::NAN },
                Distribution::Normal { sd_nm: 1e6 },
            ],
        ),
        wavelengths: (float(rng, &[300.0, 400.0]), float(rng, &[700.0, 900.0])),
        points: count(rng, &[51, 201]),
    };
    let cheap = settings.points <= 301
        && settings.distribution == Distribution::Single
        && particle.diameter_nm() <= 1000.0;
    let job = match MieJob::new(vec![particle], &settings) {
        Ok(job) => job,
        Err(e) => return refused(e),
    };
    let (bytes, _) = job.memory();
    assert!(bytes > 0);
    if !cheap {
        return Outcome::Checked;
    }
    match job.run(&Engine::cpu()) {
        Ok(spectra) => {
            for s in &spectra {
                finite(&s.extinction_nm2);
                finite(&s.absorption_nm2);
            }
            Outcome::Ran
        }
        Err(e) => refused(e),
    }
}

fn jellium_case(rng: &mut ChaCha8Rng) -> Outcome {
    let settings = JelliumSettings {
        element: maybe(rng, |r| {
            pick(r, &["Na", "K", "Ag", "Au", "Cu", "Xx", ""]).into()
        }),
        rs: maybe(rng, |r| float(r, &[2.0, 3.9])),
        valence: maybe(rng, |r| pick(r, &[1, 2, 0, 5, u32::MAX])),
        atoms: count(rng, &[2, 8, 20]),
        charge: pick(rng, &[0, 0, 1, -1, 1000, i32::MIN]),
        no_d: rng.random_bool(0.2),
        eps_d: maybe(rng, |r| float(r, &[1.0, 4.0])),
        d_skin: maybe(rng, |r| float(r, &[1.0, 2.0])),
        max_excitation: float(rng, &[6.0, 13.6]),
        step: float(rng, &[0.1, 0.2]),
        mixing: float(rng, &[0.1, 0.3]),
        broadening: broadening(rng),
        ..Default::default()
    };
    let cheap = settings.atoms <= 20 && settings.step >= 0.1 && rng.random_bool(0.05);
    if std::env::var("CLUSTERSPEC_FUZZ_CASE").is_ok() {
        eprintln!("{settings:?}");
    }
    let job = match JelliumJob::new(&settings) {
        Ok(job) => job,
        Err(e) => return refused(e),
    };
    assert!(job.memory().0 > 0);
    if !cheap {
        return Outcome::Checked;
    }
    match job.run(&Engine::cpu(), &Silent) {
        Ok(done) => {
            done.spectra.iter().for_each(|s| finite(&s.epsilon));
            Outcome::Ran
        }
        Err(e) => refused(e),
    }
}

fn build_case(rng: &mut ChaCha8Rng) -> Outcome {
    let n = |r: &mut ChaCha8Rng| count(r, &[1, 2, 4]);
    let shape = match rng.random_range(0..5) {
        0 => Shape::Icosahedron { shells: n(rng) },
        1 => Shape::Cuboctahedron { shells: n(rng) },
        2 => Shape::Octahedron {
            length: n(rng),
            cutoff: n(rng),
        },
        3 => Shape::Decahedron {
            p: n(rng),
            q: n(rng),
            r: n(rng),
        },
        _ => Shape::Sphere {
            radius: float(rng, &[3.0, 8.0]),
        },
    };
    let bond = maybe(rng, |r| float(r, &[2.5, 2.9]));
    let element = pick(rng, &[Element::Au, Element::Ag, Element::Cu, Element::S]);
    // Building is cheap below a few thousand atoms; larger shapes are only
    // checked (the refusal happens before anything is allocated).
    let extent = shape.extent(bond.or(element.bulk_nearest_neighbour()).unwrap_or(2.9));
    if extent.atoms.is_finite() && extent.atoms > 5000.0 && extent.atoms <= 1e6 {
        return Outcome::Checked;
    }
    match build(&shape, element, bond) {
        Ok(c) => {
            assert!(
                c.atoms
                    .iter()
                    .all(|a| a.position.iter().all(|x| x.is_finite()))
            );
            Outcome::Ran
        }
        Err(e) => refused(e),
    }
}

fn absorption_case(rng: &mut ChaCha8Rng, base: &Cluster) -> Outcome {
    let settings = AbsorptionSettings {
        model: model(rng),
        response: response(rng),
        broadening: broadening(rng),
    };
    if std::env::var("CLUSTERSPEC_FUZZ_CASE").is_ok() {
        eprintln!("{settings:?}");
    }
    let job = match AbsorptionJob::new(base, "fuzz".into(), &settings) {
        Ok(job) => job,
        Err(e) => return refused(e),
    };
    let memory = match job.memory() {
        Ok(m) => m.total(),
        Err(e) => return refused(e),
    };
    if memory > 200 << 20 || !rng.random_bool(0.1) {
        return Outcome::Checked;
    }
    match job.run(&Engine::cpu(), &Silent) {
        Ok(done) => {
            done.spectra.iter().for_each(|s| finite(&s.epsilon));
            Outcome::Ran
        }
        Err(e) => refused(e),
    }
}

fn sweep_case(rng: &mut ChaCha8Rng, base: &Cluster) -> Outcome {
    let fractions = [0.0, 0.5, 1.0, -0.1, 1.5, f64::NAN, f64::INFINITY];
    let settings = SweepSettings {
        dopant: pick(rng, &[Element::Ag, Element::Cu, Element::S]),
        compositions: (0..rng.random_range(0..3))
            .map(|_| pick(rng, &fractions))
            .collect(),
        configurations: count(rng, &[1, 2]),
        seed: rng.random(),
        model: model(rng),
        response: response(rng),
        broadening: broadening(rng),
    };
    let small = settings.compositions.len() * settings.configurations.min(1000) <= 4;
    if std::env::var("CLUSTERSPEC_FUZZ_CASE").is_ok() {
        eprintln!("{settings:?}");
    }
    let job = match SweepJob::new(base.clone(), &settings) {
        Ok(job) => job,
        Err(e) => return refused(e),
    };
    if let Err(e) = job.memory() {
        return refused(e);
    }
    if !small || !rng.random_bool(0.1) {
        return Outcome::Checked;
    }
    match job.run(&Engine::cpu(), None, &Silent) {
        Ok(done) => {
            done.summaries.iter().for_each(|s| finite(&s.mean_epsilon));
            Outcome::Ran
        }
        Err(e) => refused(e),
    }
}

#[test]
fn hostile_settings_of_the_newer_commands_never_panic() {
    let total: usize = std::env::var("CLUSTERSPEC_FUZZ_JOBS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let seed: u64 = std::env::var("CLUSTERSPEC_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_261_204);
    let base = build(&Shape::Icosahedron { shells: 1 }, Element::Ag, None).unwrap();
    // CLUSTERSPEC_FUZZ_CASE=N replays one case with its panic message and
    // backtrace; otherwise panics are caught, counted and kept off the log.
    let only: Option<usize> = std::env::var("CLUSTERSPEC_FUZZ_CASE")
        .ok()
        .and_then(|v| v.parse().ok());
    let hook = std::panic::take_hook();
    if only.is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let (mut ran, mut checked, mut refused_count, mut panics) =
        (0usize, 0usize, 0usize, Vec::new());
    let (mut slowest, mut slowest_case) = (Duration::ZERO, 0);
    for case in only.map_or(0..total, |k| k..k + 1) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ ((case as u64) << 1));
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| match case % 5 {
            0 => mie_case(&mut rng),
            1 => jellium_case(&mut rng),
            2 => build_case(&mut rng),
            3 => absorption_case(&mut rng, &base),
            _ => sweep_case(&mut rng, &base),
        }));
        if start.elapsed() > slowest {
            (slowest, slowest_case) = (start.elapsed(), case);
        }
        match outcome {
            Ok(Outcome::Ran) => ran += 1,
            Ok(Outcome::Checked) => checked += 1,
            Ok(Outcome::Refused) => refused_count += 1,
            Err(p) => {
                let why = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panics.push(format!("case {case} (family {}): {why}", case % 5));
            }
        }
    }
    std::panic::set_hook(hook);
    eprintln!(
        "{total} settings cases: {ran} computed, {checked} accepted and estimated, \
         {refused_count} refused with a message, {} panics; slowest case {slowest_case} \
         ({slowest:?})",
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "{} panics: {:#?}",
        panics.len(),
        &panics[..panics.len().min(10)]
    );
    // No case may run for minutes: every expensive one is refused or only
    // checked.
    assert!(
        slowest < Duration::from_secs(60),
        "case {slowest_case} took {slowest:?}"
    );
}
