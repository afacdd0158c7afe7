//! One timed run (not criterion's statistics: each stage takes minutes on
//! a small machine) of DFTB on the model of the size of Au144(SCH3)60
//! from `common::au144_sized`: the ground state, then the whole TD-DFTB
//! spectrum to 4 eV (frequency route, Lorentzian FWHM 0.1 eV), on the CPU
//! and, when there is one, the GPU. Prints wall-clock seconds.

use std::time::Instant;

use clusterspec::model::dftb::{DftbRequest, DftbSet, ground_state};
use clusterspec::rpa::Route;
use clusterspec::tddftb::TdDftbSpectrum;
use clusterspec::{Broadening, EnergyGrid, Engine, LineShape, Model, Silent};

mod common;

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing
    // and must not spend minutes here.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let cluster = common::au144_sized();
    let request = DftbRequest::new(DftbSet::auorg());
    let b = Broadening::new(
        EnergyGrid::new(0.5, 4.0, 701).unwrap(),
        LineShape::Lorentzian,
        0.1,
    )
    .unwrap();
    let mut engines = vec![("cpu", Engine::cpu())];
    if let Some(gpu) = common::gpu_engine() {
        engines.push(("gpu", gpu));
    }
    for (name, engine) in &engines {
        let t = Instant::now();
        let ground = ground_state(&cluster, &request, engine, &Silent);
        let ground_s = t.elapsed().as_secs_f64();
        if let Err(e) = ground {
            println!(
                "dftb_large/{name}/Au144(SCH3)60-sized: ground state failed after {ground_s:.1} s: {e}"
            );
            continue;
        }
        drop(ground);
        let t = Instant::now();
        let model = TdDftbSpectrum {
            cluster: &cluster,
            source: String::new(),
            request: &request,
            route: Route::Frequency { bin_width_ev: None },
        };
        let calculation = model.compute(engine, &b, &Silent).unwrap();
        let spectrum_s = t.elapsed().as_secs_f64();
        println!(
            "dftb_large/{name}/Au144(SCH3)60-sized ({} atoms, {}): ground state {ground_s:.1} s, \
             whole TD-DFTB spectrum to 4 eV {spectrum_s:.1} s",
            cluster.len(),
            calculation.model
        );
    }
}
