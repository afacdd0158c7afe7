//! What the command line prints: where the stages ran, GPU fallbacks, the
//! error messages in the command line's own words, and the peak lines.

use clusterspec::engine::{BackendChoice, Reason};
use clusterspec::response::{Edge, Peak, rising_edge};
use clusterspec::{Engine, Error};

/// "CPU (requested with --backend cpu)", "GPU llvmpipe … (…)".
pub fn backend_text(engine: &Engine) -> String {
    let b = engine.backend();
    let why = match &b.reason {
        Reason::Requested { choice } => format!(
            "requested with --backend {}",
            match choice {
                BackendChoice::Auto => "auto",
                BackendChoice::Gpu => "gpu",
                BackendChoice::Cpu => "cpu",
            }
        ),
        Reason::HardwareFound => "auto: hardware adapter found".into(),
        Reason::NoAdapter => "auto: no GPU adapter found".into(),
        Reason::SoftwareOnly { adapters } => format!(
            "auto: only software adapters ({}), which emulate a GPU on the CPU more slowly \
             than the CPU path; --backend gpu uses them anyway",
            adapters.join(", ")
        ),
        Reason::OpenFailed { cause } => format!("auto: the GPU could not be opened ({cause})"),
        Reason::Default => "the CPU path".into(),
    };
    let emulated = if b.emulated {
        "; a software adapter: CPU emulation, slower than --backend cpu"
    } else {
        ""
    };
    format!("{} ({why}{emulated})", b.device)
}

/// One warning line per stage that fell back from the GPU to the CPU.
pub fn warn_fallbacks(engine: &Engine) {
    for f in engine.fallbacks() {
        let kernel = f.kernel.map(|k| k.name()).unwrap_or("set-up");
        eprintln!(
            "warning: the GPU failed in `{kernel}` ({}); that stage and the rest of the run finished on the CPU",
            f.cause
        );
    }
}

/// The message for `e` in the command line's words: library settings
/// become the flags that set them.
pub fn message(e: &Error) -> String {
    match e {
        Error::Setting {
            name,
            value,
            requirement,
        } => format!("--{} {value}: {requirement}", name.replace('_', "-")),
        Error::NoConvergence { solver, .. } if solver.contains("jellium") => {
            format!("{e}; try a smaller --mixing or --step")
        }
        other => other.to_string(),
    }
}

/// "3.512 eV (353 nm), ε 1.23e5 M⁻¹ cm⁻¹, f 4.56, FWHM 0.31 eV".
pub fn peak_text(p: &Peak) -> String {
    let width = p
        .fwhm_ev
        .map(|w| format!(", FWHM {w:.2} eV"))
        .unwrap_or_default();
    format!(
        "{:.3} eV ({:.0} nm), ε {:.3e} M⁻¹ cm⁻¹, f {:.3}{width}",
        p.energy_ev, p.wavelength_nm, p.epsilon, p.oscillator_strength
    )
}

/// A note when the highest point of `values` (on energies `energy_ev`) is
/// an end of the range, so that the strongest absorption may lie outside.
pub fn edge_note(label: &str, energy_ev: &[f64], values: &[f64]) -> Option<String> {
    let (e, side) = match rising_edge(values)? {
        Edge::Low => (energy_ev.first()?, "below"),
        Edge::High => (energy_ev.last()?, "above"),
    };
    Some(format!(
        "note: {label}: absorption is strongest at the end of the range ({e:.2} eV) and may be \
         stronger {side} it; widen --range to see it"
    ))
}
