//! What the command line prints: where the stages ran, GPU fallbacks, the
//! error messages in the command line's own words, and the peak lines.

use clusterspec::engine::{BackendChoice, Reason};
pub use clusterspec::io::sig3;
use clusterspec::response::groups::strong_outside;
use clusterspec::response::{Calculation, Edge, Peak, Role, Spectrum, rising_edge};
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
        } => format!(
            "--{} {}: {requirement}",
            name.replace('_', "-"),
            readable_number(value)
        ),
        Error::Memory { against, .. } if *against == "allowed" => {
            e.to_string()
                .replacen("are allowed", "are allowed by --max-memory", 1)
        }
        Error::Memory { .. } => format!("{e}; --max-memory GIB overrides"),
        Error::NoConvergence { solver, .. } if solver.contains("jellium") => {
            format!("{e}; try a smaller --mixing or --step")
        }
        other => other.to_string(),
    }
}

/// `value` as given, unless it is a number that prints as a long string
/// of digits (1e-300, 1e300): then in exponent form.
fn readable_number(value: &str) -> String {
    match value.parse::<f64>() {
        Ok(x) if value.len() > 16 && x.is_finite() => format!("{x:e}"),
        _ => value.to_string(),
    }
}

/// "3.512 eV (353 nm), ε 1.23e5 M⁻¹ cm⁻¹, f 4.56, FWHM 0.31 eV".
pub fn peak_text(p: &Peak) -> String {
    let width = p
        .fwhm_ev
        .map(|w| format!(", FWHM {} eV", sig3(w)))
        .unwrap_or_default();
    format!(
        "{:.3} eV ({:.0} nm), ε {} M⁻¹ cm⁻¹, f {}{width}",
        p.energy_ev,
        p.wavelength_nm,
        sig3(p.epsilon),
        sig3(p.oscillator_strength)
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

/// At most this many bands per component are printed (the strongest);
/// PREFIX_peaks.csv has them all.
const PRINTED_BANDS: usize = 12;

/// The band table of every component (position, height, f, FWHM), a note
/// when absorption rises out of the range, and a warning when strong
/// lines lie outside it.
pub fn report_bands(calc: &Calculation, spectra: &[Spectrum]) {
    for (c, s) in calc.components.iter().zip(spectra) {
        let mut bands = c.peaks(s);
        if bands.is_empty() {
            println!("{}: no band maximum inside the energy range", c.label);
        } else {
            let strongest = bands
                .iter()
                .max_by(|a, b| a.density_per_ev.total_cmp(&b.density_per_ev))
                .map(peak_text)
                .unwrap_or_default();
            println!("{}: strongest band {strongest}", c.label);
            let total = bands.len();
            bands.sort_by(|a, b| b.density_per_ev.total_cmp(&a.density_per_ev));
            bands.truncate(PRINTED_BANDS);
            bands.sort_by(|a, b| a.energy_ev.total_cmp(&b.energy_ev));
            println!(
                "  {:>8}  {:>6}  {:>13}  {:>8}  {:>9}",
                "E (eV)", "λ (nm)", "ε (M⁻¹ cm⁻¹)", "f", "FWHM (eV)"
            );
            for p in &bands {
                println!(
                    "  {:>8.3}  {:>6.0}  {:>13}  {:>8}  {:>9}",
                    p.energy_ev,
                    p.wavelength_nm,
                    sig3(p.epsilon),
                    sig3(p.oscillator_strength),
                    p.fwhm_ev.map(sig3).unwrap_or_else(|| "–".into())
                );
            }
            if total > bands.len() {
                println!(
                    "  ({} weaker bands in the _peaks.csv file)",
                    total - bands.len()
                );
            }
        }
        if let Some(note) = edge_note(&c.label, &s.energy_ev, &s.density_per_ev) {
            println!("{note}");
        }
        let grid = s.broadening.grid;
        if let Some(o) = c
            .response
            .lines()
            // Only the main spectrum: a reference drawn beside it (the
            // single-particle spectrum beside RPA) is not what was asked.
            .filter(|_| c.role == Role::Main)
            .and_then(|l| strong_outside(l, (grid.start, grid.end)))
        {
            // Stronger than anything inside: a warning; at least half as
            // strong: a note.
            let kind = if o.oscillator_strength > o.strongest_inside {
                "warning"
            } else {
                "note"
            };
            eprintln!(
                "{kind}: {}: strong absorption lies outside {:.2}–{:.2} eV: f = {} at {:.3} eV \
                 (the strongest inside has f = {}); widen --range to see it",
                c.label,
                grid.start,
                grid.end,
                sig3(o.oscillator_strength),
                o.energy,
                sig3(o.strongest_inside)
            );
        }
    }
}

/// A warning when `cluster` (read from `source`) falls apart into
/// fragments that no hopping connects.
pub fn warn_fragments(cluster: &clusterspec::Cluster, source: &std::path::Path) {
    use clusterspec::structure::neighbours::{FRAGMENT_GAP, fragments};
    let positions: Vec<[f64; 3]> = cluster.atoms.iter().map(|a| a.position).collect();
    let groups = fragments(&positions, FRAGMENT_GAP);
    if groups.len() > 1 {
        let sizes: Vec<String> = groups.iter().take(6).map(|g| g.len().to_string()).collect();
        let more = if groups.len() > 6 { ", …" } else { "" };
        eprintln!(
            "warning: {}: the structure falls apart into {} fragments of {}{more} atoms, more than \
             {FRAGMENT_GAP} Å apart: no electron hops between them, so the spectrum is that of \
             separate clusters",
            source.display(),
            groups.len(),
            sizes.join(", ")
        );
    }
}

/// The library's notes (unless `quiet`) and warnings, on stderr.
pub fn print_notes(notes: &[String], warnings: &[String], quiet: bool) {
    if !quiet {
        for n in notes {
            eprintln!("note: {n}");
        }
    }
    for w in warnings {
        eprintln!("warning: {w}");
    }
}
