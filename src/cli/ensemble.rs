//! `clusterspec sweep` (composition sweeps of random alloys) and
//! `clusterspec sites` (one dopant on each symmetry-distinct site).

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use clusterspec::ensemble::{BATCH, batch_spectra};
use clusterspec::io::ensemble_files::{SiteRow, write_sites, write_sweep};
use clusterspec::job::sweep::{SweepJob, SweepSettings, base_structure as parse_base};
use clusterspec::rpa::memory::estimate;
use clusterspec::structure::alloy::{core_of_count, substitute};
use clusterspec::structure::sites::distinct_sites;
use clusterspec::{Element, Progress, Result};

use super::options::{BroadeningOptions, ModelOptions, RunOptions};
use super::progress::Bars;
use super::report::{edge_note, print_notes, warn_fallbacks};
use super::response::{ResponseOptions, check};

/// Arguments of `sweep`.
#[derive(Args, Debug)]
pub struct SweepArgs {
    /// Base structure: an XYZ file, or a builder `icosahedron:K`,
    /// `cuboctahedron:K`, `octahedron:L`, `sphere:R` (of --element).
    pub base: String,
    /// Element of a built base.
    #[arg(long, default_value = "Au")]
    pub element: Element,
    /// The element alloyed in.
    #[arg(long, default_value = "Ag")]
    pub dopant: Element,
    /// Fractions of atoms replaced by the dopant, comma-separated.
    #[arg(long, default_value = "0,0.25,0.5,0.75,1", value_delimiter = ',')]
    pub compositions: Vec<f64>,
    /// Random configurations per composition.
    #[arg(long, default_value_t = 10)]
    pub configurations: usize,
    /// Seed of the whole sweep (each configuration's seed derives from it).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also compute the core–shell particle of each composition (the dopant
    /// atoms nearest the centre) and plot it against the random alloy.
    #[arg(long)]
    pub core_shell: bool,
    /// Output prefix: PREFIX.png, PREFIX_peak.png, PREFIX.csv, PREFIX.json
    /// (PREFIX.partial.jsonl holds finished configurations until the end).
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelOptions,
    #[command(flatten)]
    pub response: ResponseOptions,
    #[command(flatten)]
    pub broadening: BroadeningOptions,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Arguments of `sites`.
#[derive(Args, Debug)]
pub struct SitesArgs {
    /// Base structure: an XYZ file or a builder spec as for `sweep`.
    pub base: String,
    /// Element of a built base.
    #[arg(long, default_value = "Au")]
    pub element: Element,
    /// The dopant placed on each distinct site in turn.
    #[arg(long, default_value = "Ag")]
    pub dopant: Element,
    /// Output prefix: PREFIX.png, PREFIX.csv, PREFIX.json.
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub model: ModelOptions,
    #[command(flatten)]
    pub response: ResponseOptions,
    #[command(flatten)]
    pub broadening: BroadeningOptions,
    #[command(flatten)]
    pub run: RunOptions,
}

/// Runs `sweep`.
pub fn run_sweep(a: SweepArgs, quiet: bool) -> Result<()> {
    let settings = SweepSettings {
        dopant: a.dopant,
        compositions: a.compositions.clone(),
        configurations: a.configurations,
        seed: a.seed,
        model: a.model.settings(),
        response: a.response.settings(),
        broadening: a.broadening.settings()?,
    };
    let base = parse_base(&a.base, a.element)?;
    let job = SweepJob::new(base, &settings)?;
    print_notes(&job.notes, &job.warnings, quiet);
    a.run.check_memory(&job.memory()?)?;
    let engine = a.run.engine()?;
    // PREFIX.partial.jsonl with the prefix in full: `run.s1` and `run.s2`
    // keep separate checkpoints.
    let mut checkpoint = a.out.clone().into_os_string();
    checkpoint.push(".partial.jsonl");
    let checkpoint = PathBuf::from(checkpoint);
    let bars = Bars::new(quiet);
    let done = job.run(&engine, Some(&checkpoint), &bars)?;
    let (req, configs, summaries) = (&job.request, done.configurations, done.summaries);
    let core_shell = if a.core_shell {
        let clusters = summaries
            .iter()
            .map(|s| core_of_count(&req.base, req.dopant, s.dopant_atoms))
            .collect::<Result<Vec<_>>>()?;
        let results = batch_spectra(
            &clusters,
            &req.tight_binding,
            req.response.as_ref(),
            &req.broadening,
            &engine,
        )?;
        Some(results.into_iter().map(|(_, s)| s).collect::<Vec<_>>())
    } else {
        None
    };
    drop(bars);
    warn_fallbacks(&engine);
    let header = a.run.header(&engine);
    let files = write_sweep(
        &a.run.destination(&a.out, &header),
        req,
        &summaries,
        &configs,
        core_shell.as_deref(),
    )?;
    let _ = std::fs::remove_file(&checkpoint);
    for s in &summaries {
        match (s.mean_peak_energy, s.sd_peak_energy) {
            (Some(m), Some(sd)) => println!(
                "{} {:.2}: main peak {m:.3} ± {sd:.3} eV ({:.0} nm)",
                req.dopant,
                s.fraction,
                clusterspec::units::ev_to_nm(m)
            ),
            _ => println!(
                "{} {:.2}: no band maximum inside the range",
                req.dopant, s.fraction
            ),
        }
        let label = format!("{} {:.2}", req.dopant, s.fraction);
        if let Some(note) = edge_note(&label, &req.broadening.grid.energies(), &s.mean_epsilon) {
            println!("{note}");
        }
    }
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}

/// Runs `sites`.
pub fn run_sites(mut a: SitesArgs, quiet: bool) -> Result<()> {
    a.response.settle(&a.model, quiet)?;
    let base = parse_base(&a.base, a.element)?;
    let request = a.model.request(a.response.collective())?;
    let broadening = a.broadening.broadening(a.response.defaults())?;
    check(&a.response, &broadening)?;
    let classes = distinct_sites(&base, 1e-3);
    let per_site = estimate(
        &base,
        &request,
        a.response.rpa_options(&broadening).as_ref(),
        &broadening,
    )?;
    a.run
        .check_memory(&per_site.batch(classes.len().min(BATCH)))?;
    let engine = a.run.engine()?;
    let doped = classes
        .iter()
        .map(|class| substitute(&base, class.atoms[0], a.dopant))
        .collect::<Result<Vec<_>>>()?;
    let bars = Bars::new(quiet);
    bars.stage(&format!("{} sites", doped.len()));
    let results = batch_spectra(
        &doped,
        &request,
        a.response.rpa_options(&broadening).as_ref(),
        &broadening,
        &engine,
    )?;
    drop(bars);
    warn_fallbacks(&engine);
    let rows: Vec<SiteRow> = classes
        .iter()
        .zip(results)
        .enumerate()
        .map(|(k, (class, (g, spectrum)))| SiteRow {
            label: format!("site {k}: {}", class.describe()),
            band_energy: g.energy(),
            spectrum,
            site: json!({
                "atoms": class.atoms,
                "radius_angstrom": class.radius,
                "coordination": class.coordination,
            }),
        })
        .collect();
    let lowest = rows
        .iter()
        .map(|r| r.band_energy)
        .fold(f64::INFINITY, f64::min);
    let title = format!(
        "{}: one {} per distinct site — {} tight binding, {}, {} FWHM {:.2} eV",
        base.formula(),
        a.dopant,
        request.model.params.name,
        a.response.describe(),
        broadening.shape.name(),
        broadening.fwhm
    );
    let header = a.run.header(&engine);
    let files = write_sites(
        &a.run.destination(&a.out, &header),
        title,
        &base.formula(),
        a.dopant.symbol(),
        &rows,
    )?;
    for r in &rows {
        println!(
            "{}: band energy {:+.4} eV relative to the lowest",
            r.label,
            r.band_energy - lowest
        );
    }
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}
