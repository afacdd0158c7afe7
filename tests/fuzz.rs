//! Fuzzing on stable Rust with an in-tree generator and a fixed seed:
//! mutated XYZ files and parameter files through the parsers (and, when
//! they parse, through a small calculation), and hostile option values
//! through the command line. Every case must end in a result or a clear
//! message: never a panic, never a hang, never a file left behind.
//!
//! CLUSTERSPEC_FUZZ_CASES sets the number of parser cases (default 10⁴
//! each for XYZ and parameter text); CLUSTERSPEC_FUZZ_CLI the `absorption`
//! option cases (default 150); CLUSTERSPEC_FUZZ_COMMANDS the cases of the
//! newer commands (`mie`, `jellium`, `build`, `sweep`, the RPA and Casida
//! options; default 300, run on two threads), and CLUSTERSPEC_FUZZ_SEED
//! their seed. docs/reliability.md reports the 10⁶-case runs.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use clusterspec::model::tight_binding::params::{S_BAND_TOML, SPD_TOML};
use clusterspec::model::tight_binding::{ParameterSet, SccOptions};
use clusterspec::structure::xyz::parse_xyz;
use clusterspec::{Broadening, EnergyGrid, LineShape};
use clusterspec::{Engine, Filling, Model, Silent, TbRequest, TightBinding, TightBindingSpectrum};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod common;
use common::cli::{files_in, run_bounded};

/// Values that have broken parsers elsewhere.
const HOSTILE: &[&str] = &[
    "18446744073709551615",
    "18446744073709551616",
    "-1",
    "0",
    "1e308",
    "-1e308",
    "1e309",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e-300",
    "2147483648",
    "4294967296",
    "-0",
    "0x10",
    "",
    " ",
    "\u{feff}",
    "\r",
    "\t",
    "Au",
    "Xx",
    "au",
    "Properties=pos:R:3:species:S:1",
    "Properties=species:S:1",
    "Properties=:::",
    "=",
    "[",
    "]",
    "\"",
    "#",
    "é",
    "1e4",
    "10000.0001",
    "0.4",
];

fn cases(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One random edit of `text`: a byte or token replaced, a line deleted,
/// duplicated or swapped, a hostile value inserted, or a cut.
fn mutate(text: &str, rng: &mut ChaCha8Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    let edits = rng.random_range(1..=3);
    for _ in 0..edits {
        let k = rng.random_range(0..lines.len());
        match rng.random_range(0..8) {
            0 => {
                // Replace one whitespace-separated token.
                let mut tokens: Vec<String> =
                    lines[k].split_whitespace().map(String::from).collect();
                if tokens.is_empty() {
                    tokens.push(String::new());
                }
                let t = rng.random_range(0..tokens.len());
                tokens[t] = HOSTILE[rng.random_range(0..HOSTILE.len())].to_string();
                lines[k] = tokens.join(" ");
            }
            1 => {
                lines.remove(k);
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
            2 => {
                let l = lines[k].clone();
                lines.insert(k, l);
            }
            3 => {
                let j = rng.random_range(0..lines.len());
                lines.swap(j, k);
            }
            4 => {
                // Flip one byte (kept valid UTF-8 by working on chars).
                let mut chars: Vec<char> = lines[k].chars().collect();
                if !chars.is_empty() {
                    let c = rng.random_range(0..chars.len());
                    chars[c] = char::from(rng.random_range(0x20u8..0x7f));
                }
                lines[k] = chars.into_iter().collect();
            }
            5 => {
                let h = HOSTILE[rng.random_range(0..HOSTILE.len())];
                lines.insert(k, h.to_string());
            }
            6 => {
                let cut = rng.random_range(0..=lines[k].len());
                let cut = (0..=cut)
                    .rev()
                    .find(|&c| lines[k].is_char_boundary(c))
                    .unwrap();
                lines[k].truncate(cut);
                lines.truncate(k + 1);
            }
            _ => {
                // Digits scrambled inside a number.
                let digits: String = (0..rng.random_range(1..25))
                    .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
                    .collect();
                lines[k] = format!("{} {digits}", lines[k]);
            }
        }
    }
    let ending = ["\n", "\r\n", "\r"][rng.random_range(0..3)];
    lines.join(ending)
}

/// Runs `f`, failing the test on a panic; an error must carry a message.
fn survives<T>(what: &str, input: &str, f: impl FnOnce() -> clusterspec::Result<T>) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Some(v),
        Ok(Err(e)) => {
            assert!(
                !e.to_string().trim().is_empty(),
                "{what}: empty message for {input:?}"
            );
            None
        }
        Err(_) => panic!("{what} panicked on {input:?}"),
    }
}

const XYZ_SEEDS: &[&str] = &[
    "2\nAu2\nAu 0 0 0\nAu 2.9 0 0\n",
    "3\nProperties=species:S:1:pos:R:3 pbc=\"F F F\"\nAg 0 0 0\nAu 2.9 0 0\nCu 0 2.6 0\n",
    "2\nProperties=pos:R:3:species:S:1:forces:R:3\n0 0 0 Au 0 0 0\n2.9 0 0 Ag 0 0 0\n",
    "4\ncomment\nAu 0 0 0\nAu 2.9 0 0\nAu 0 2.9 0\nAu 0 0 2.9\n",
];

/// A tiny calculation with `cluster` and `params`: whatever the input, a
/// result or a message.
fn small_run(cluster: &clusterspec::Cluster, params: ParameterSet, input: &str) {
    let request = TbRequest {
        model: TightBinding { params },
        charge: 0,
        ligands: 0,
        filling: Filling::Integer,
        scc: Some(SccOptions::default()),
    };
    let grid = EnergyGrid::new(0.5, 6.0, 100).unwrap();
    let b = Broadening::new(grid, LineShape::Gaussian, 0.1).unwrap();
    let model = TightBindingSpectrum {
        cluster,
        source: "fuzz".into(),
        request: &request,
        rotatory: clusterspec::model::tight_binding::Rotatory::None,
    };
    survives("calculation", input, || {
        model.compute(&Engine::cpu(), &b, &Silent)
    });
}

#[test]
fn mutated_xyz_files_never_panic() {
    let mut rng = ChaCha8Rng::seed_from_u64(20_261_122);
    let path = Path::new("fuzz.xyz");
    let params = ParameterSet::builtin("s").unwrap();
    let (mut parsed, mut refused) = (0, 0);
    for case in 0..cases("CLUSTERSPEC_FUZZ_CASES", 10_000) {
        let seed = XYZ_SEEDS[case % XYZ_SEEDS.len()];
        let text = mutate(seed, &mut rng);
        match survives("parse_xyz", &text, || parse_xyz(&text, path)) {
            Some(cluster) => {
                parsed += 1;
                // Every 50th parsed file goes through a calculation.
                if parsed % 50 == 0 && cluster.len() <= 8 {
                    small_run(&cluster, params.clone(), &text);
                }
            }
            None => refused += 1,
        }
    }
    eprintln!("XYZ fuzz: {parsed} parsed, {refused} refused with a message, 0 panics");
    assert!(parsed > 0 && refused > 0);
}

#[test]
fn mutated_parameter_files_never_panic() {
    let mut rng = ChaCha8Rng::seed_from_u64(11_222_026);
    let path = Path::new("fuzz.toml");
    let cluster = parse_xyz(XYZ_SEEDS[0], Path::new("au2.xyz")).unwrap();
    let (mut parsed, mut refused) = (0, 0);
    for case in 0..cases("CLUSTERSPEC_FUZZ_CASES", 10_000) {
        let seed = if case % 2 == 0 { S_BAND_TOML } else { SPD_TOML };
        let text = mutate(seed, &mut rng);
        match survives("ParameterSet::parse", &text, || {
            ParameterSet::parse(&text, path)
        }) {
            Some(p) => {
                parsed += 1;
                if parsed % 20 == 0 {
                    small_run(&cluster, p, &text);
                }
            }
            None => refused += 1,
        }
    }
    eprintln!("parameter fuzz: {parsed} parsed, {refused} refused with a message, 0 panics");
    assert!(parsed > 0 && refused > 0);
}

/// Hostile values for the options of `absorption`, through the binary:
/// exit 0 or 1 (never a panic's 101 or an abort), a message on failure,
/// no file left behind on failure, and no case running past 60 s.
#[test]
fn hostile_option_values_never_panic() {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("c.xyz"), XYZ_SEEDS[3]).unwrap();
    // Each option with values it accepts; half the time a hostile one.
    let options: [(&str, &[&str]); 13] = [
        ("--fwhm", &["0.1", "0.05", "0.3"]),
        ("--range", &["1:6", "0.5:3", "2:4.5"]),
        ("--charge", &["1", "-1", "0"]),
        ("--ligands", &["0", "1", "2"]),
        ("--temperature", &["0", "300", "3000"]),
        ("--eta", &["0.5", "0", "1"]),
        ("--lineshape", &["gaussian", "lorentzian", "voigt"]),
        ("--model", &["s", "spd"]),
        ("--response", &["single", "casida", "rpa"]),
        ("--casida-max-energy", &["5", "8"]),
        ("--x-axis", &["ev", "nm"]),
        ("--transitions", &["listed", "all"]),
        ("--scc", &["on", "off"]),
    ];
    let hostile = [
        "-1",
        "0",
        "nan",
        "inf",
        "-inf",
        "1e308",
        "18446744073709551615",
        "",
        "x",
        "2:1",
        "1e-5:1e5",
        "1e-300",
        ":",
        "1:",
        "-0",
    ];
    let (mut ran, mut refused) = (0, 0);
    for case in 0..cases("CLUSTERSPEC_FUZZ_CLI", 150) {
        let out = format!("o{case}");
        let mut args = vec![
            "absorption".to_string(),
            "c.xyz".into(),
            "--backend".into(),
            "cpu".into(),
            "--quiet".into(),
            "--points".into(),
            "200".into(),
            "--out".into(),
            out.clone(),
        ];
        for _ in 0..rng.random_range(1..=3) {
            let (name, good) = options[rng.random_range(0..options.len())];
            let value = if rng.random_bool(0.5) {
                good[rng.random_range(0..good.len())]
            } else {
                hostile[rng.random_range(0..hostile.len())]
            };
            args.push(name.into());
            args.push(value.into());
        }
        let start = Instant::now();
        let o = Command::new(env!("CARGO_BIN_EXE_clusterspec"))
            .args(&args)
            .env("XDG_RUNTIME_DIR", std::env::temp_dir())
            .current_dir(d)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{args:?} took too long"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        match o.status.code() {
            Some(0) => ran += 1,
            Some(1) | Some(2) => {
                refused += 1;
                assert!(err.contains("error"), "{args:?}: no message: {err}");
                let left: Vec<String> = files_in(d)
                    .into_iter()
                    .filter(|f| {
                        f.starts_with(&format!("{out}.")) || f.starts_with(&format!("{out}_"))
                    })
                    .collect();
                assert!(left.is_empty(), "{args:?} left {left:?}");
            }
            other => panic!("{args:?}: exit {other:?}: {err}"),
        }
        assert!(
            !files_in(d).iter().any(|f| f.contains(".tmp")),
            "{args:?} left a temporary file"
        );
    }
    eprintln!("option fuzz: {ran} ran, {refused} refused with a message, 0 panics");
    assert!(ran > 0 && refused > 0);
}

/// One command of the newer-commands fuzz: its fixed arguments (a cheap
/// run that succeeds) and, per option, values it accepts.
struct Family {
    base: &'static [&'static str],
    options: &'static [(&'static str, &'static [&'static str])],
}

const FAMILIES: &[Family] = &[
    Family {
        base: &[
            "mie",
            "--material",
            "Au",
            "--diameter",
            "20",
            "--points",
            "31",
        ],
        options: &[
            ("--diameter", &["5", "80", "0.5"]),
            ("--medium", &["1", "1.333", "1.5"]),
            ("--diameter-sd", &["2", "0", "10"]),
            ("--distribution", &["normal", "log-normal"]),
            ("--damping-a", &["0", "1", "2"]),
            ("--data", &["johnson-christy", "mcpeak"]),
            ("--method", &["mie", "quasi-static"]),
            ("--wavelengths", &["300:900", "400:700", "350:1000"]),
            ("--points", &["11", "101", "2"]),
            ("--material", &["Ag", "Cu", "Au"]),
            ("--alloy", &["Au:0.5,Ag:0.5", "Au:0.2,Ag:0.8"]),
            ("--compositions", &["0,0.5,1", "0.25"]),
            ("--core", &["Ag", "Au"]),
            ("--core-diameter", &["10", "4"]),
            ("--shell", &["Au", "Ag"]),
            ("--shell-thickness", &["2", "0"]),
            ("--max-memory", &["1", "0.5"]),
        ],
    },
    Family {
        base: &[
            "jellium",
            "--element",
            "Na",
            "--atoms",
            "8",
            "--points",
            "201",
        ],
        options: &[
            ("--atoms", &["2", "20", "40"]),
            ("--element", &["Ag", "K", "Au", "Cu"]),
            ("--rs", &["3.93", "2.07"]),
            ("--valence", &["1", "3"]),
            ("--charge", &["1", "-1", "0"]),
            ("--eps-d", &["4.22", "1"]),
            ("--d-skin", &["2", "0"]),
            ("--kernel", &["tdlda", "off"]),
            ("--max-excitation", &["13.6", "5"]),
            ("--step", &["0.1", "0.2"]),
            ("--mixing", &["0.3", "0.5"]),
            ("--fwhm", &["0.1", "0.2"]),
            ("--range", &["1:6", "2:5"]),
            ("--max-memory", &["1", "2"]),
        ],
    },
    Family {
        base: &["build", "icosahedron", "--element", "Ag"],
        options: &[
            ("--shells", &["1", "2", "3"]),
            ("--element", &["Au", "Cu"]),
            ("--length", &["3", "5"]),
            ("--cutoff", &["1", "0"]),
            ("--p", &["2", "3"]),
            ("--q", &["2", "1"]),
            ("--r", &["0", "1"]),
            ("--radius", &["5", "6.5"]),
            ("--bond", &["2.9", "2.6"]),
            ("--alloy", &["Au", "Cu"]),
            ("--fraction", &["0.5", "0.3"]),
            ("--seed", &["1", "7"]),
            ("--core", &["Au", "Ag"]),
            ("--core-shells", &["1", "0"]),
            ("--core-radius", &["3", "4"]),
            ("--substitute", &["0:Au", "3:Cu"]),
        ],
    },
    Family {
        base: &[
            "sweep",
            "icosahedron:1",
            "--element",
            "Ag",
            "--dopant",
            "Au",
            "--compositions",
            "0,0.5",
            "--configurations",
            "2",
            "--points",
            "201",
        ],
        options: &[
            ("--compositions", &["0,1", "0.25,0.75", "0.5"]),
            ("--configurations", &["1", "3"]),
            ("--seed", &["2", "9"]),
            ("--dopant", &["Cu", "Au"]),
            ("--model", &["s", "spd"]),
            ("--response", &["single", "rpa", "casida"]),
            ("--fwhm", &["0.1", "0.2"]),
            ("--charge", &["1", "0"]),
            ("--temperature", &["300", "0"]),
            ("--max-memory", &["1", "4"]),
        ],
    },
    Family {
        base: &["absorption", "c.xyz", "--points", "201"],
        options: &[
            ("--response", &["rpa", "casida", "single"]),
            ("--casida-max-energy", &["5", "8", "3"]),
            ("--d-response", &["static", "dynamic"]),
            ("--f-sum-scale", &["on", "off"]),
            ("--no-d", &[]),
            ("--model", &["s", "spd", "dftb"]),
            ("--fwhm", &["0.1", "0.05", "0.3"]),
            ("--lineshape", &["lorentzian", "gaussian"]),
            ("--range", &["1:6", "2:5"]),
            ("--scc", &["on", "off"]),
            ("--charge", &["1", "-1"]),
            ("--max-memory", &["1", "2"]),
        ],
    },
];

/// Values at and beyond every bound, not numbers, and empty.
const HOSTILE_VALUES: &[&str] = &[
    "-1",
    "0",
    "nan",
    "inf",
    "-inf",
    "1e308",
    "1e-300",
    "1e10",
    "-1e10",
    "1e5",
    "100001",
    "3001",
    "18446744073709551615",
    "",
    "x",
    "2:1",
    "1e-5:1e5",
    ":",
    "0:0",
    "-0",
    "0.1",
    "Au:2,Ag:-1",
    "Pt",
    "1,2,3",
    "nan,0.5",
    "1e6",
];

/// The outcome of one command line: Ok(true) ran, Ok(false) refused
/// cleanly, Err(why) a failure of the program.
fn one_command(args: &[String], dir: &Path, out: &str) -> Result<bool, String> {
    let Some(o) = run_bounded(args, dir, Duration::from_secs(120)) else {
        return Err(format!("{args:?}: hung (over 120 s)"));
    };
    let err = String::from_utf8_lossy(&o.stderr);
    if err.contains("panicked") {
        return Err(format!("{args:?}: panic: {err}"));
    }
    let mine: Vec<String> = files_in(dir)
        .into_iter()
        .filter(|f| f.starts_with(&format!("{out}.")) || f.starts_with(&format!("{out}_")))
        .collect();
    let temporaries = files_in(dir)
        .iter()
        .any(|f| f.contains(&format!(".{out}.tmp")) || f.contains(&format!(".{out}_")));
    let result = match o.status.code() {
        Some(0) => {
            if mine.is_empty() {
                return Err(format!("{args:?}: exit 0 and no file"));
            }
            // Every number of every CSV written is finite.
            for f in mine.iter().filter(|f| f.ends_with(".csv")) {
                let text = std::fs::read_to_string(dir.join(f)).unwrap_or_default();
                for line in text.lines().skip(1) {
                    for v in line.split(',') {
                        if let Ok(x) = v.parse::<f64>()
                            && !x.is_finite()
                        {
                            return Err(format!("{args:?}: {f} holds `{line}`"));
                        }
                    }
                }
            }
            Ok(true)
        }
        Some(1) | Some(2) => {
            if !err.contains("error") {
                return Err(format!("{args:?}: refused without a message"));
            }
            if !mine.is_empty() {
                return Err(format!("{args:?}: refused but left {mine:?}"));
            }
            Ok(false)
        }
        other => Err(format!("{args:?}: exit {other:?} (abort?): {err}")),
    };
    for f in &mine {
        let _ = std::fs::remove_file(dir.join(f));
    }
    if temporaries {
        return Err(format!("{args:?}: left a temporary file"));
    }
    result
}

/// The newer commands with hostile values (at and beyond every bound,
/// NaN, ±inf, empty, words) and conflicting options, through the binary:
/// every case ends in a run that wrote finite numbers or a clear refusal
/// with nothing left behind; no panic, no abort, no hang.
#[test]
fn hostile_command_lines_of_the_newer_commands_never_panic() {
    let total = cases("CLUSTERSPEC_FUZZ_COMMANDS", 300);
    let seed = cases("CLUSTERSPEC_FUZZ_SEED", 20_261_204) as u64;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    std::fs::write(d.join("c.xyz"), XYZ_SEEDS[3]).unwrap();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let tally = std::sync::Mutex::new((0usize, 0usize, Vec::<String>::new()));
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let case = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if case >= total {
                        break;
                    }
                    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (case as u64) << 1);
                    let family = &FAMILIES[case % FAMILIES.len()];
                    let out = format!("o{case}");
                    let mut args: Vec<String> = family.base.iter().map(|s| s.to_string()).collect();
                    for _ in 0..rng.random_range(1..=3) {
                        let (name, good) =
                            family.options[rng.random_range(0..family.options.len())];
                        args.push(name.into());
                        if good.is_empty() {
                            continue;
                        }
                        let value = if rng.random_bool(0.5) {
                            good[rng.random_range(0..good.len())]
                        } else {
                            HOSTILE_VALUES[rng.random_range(0..HOSTILE_VALUES.len())]
                        };
                        args.push(value.into());
                    }
                    if family.base[0] == "build" {
                        args.extend(["-o".into(), format!("{out}.xyz")]);
                    } else {
                        args.extend([
                            "--backend".into(),
                            "cpu".into(),
                            "--out".into(),
                            out.clone(),
                        ]);
                    }
                    let result = one_command(&args, &d, &out);
                    let mut t = tally.lock().unwrap();
                    match result {
                        Ok(true) => t.0 += 1,
                        Ok(false) => t.1 += 1,
                        Err(why) => t.2.push(why),
                    }
                }
            });
        }
    });
    let (ran, refused, failures) = tally.into_inner().unwrap();
    eprintln!(
        "command fuzz: {total} cases, {ran} ran, {refused} refused with a message, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran > 0 && refused > 0);
}
