//! The library is UI-free: no printing, no command-line parsing, no
//! progress-bar type, no command-line flag in its messages outside
//! src/cli and src/main.rs; and nothing in the repository points outside it.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn library_sources() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|p| !p.starts_with(src.join("cli")) && *p != src.join("main.rs"))
        .collect();
    assert!(files.len() > 50, "found only {} library files", files.len());
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

#[test]
fn the_library_never_prints_parses_arguments_or_draws_bars() {
    for (path, text) in library_sources() {
        for forbidden in [
            "println!",
            "eprintln!",
            "print!(",
            "eprint!(",
            "clap",
            "indicatif",
            "dbg!(",
        ] {
            assert!(
                !text.contains(forbidden),
                "{}: uses `{forbidden}`",
                path.display()
            );
        }
    }
}

#[test]
fn library_messages_name_no_command_line_flag() {
    for (path, text) in library_sources() {
        for (k, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            // A string literal holding `--word`.
            let mut in_string = false;
            let chars: Vec<char> = code.chars().collect();
            for i in 0..chars.len() {
                if chars[i] == '"' && (i == 0 || chars[i - 1] != '\\') {
                    in_string = !in_string;
                }
                if in_string
                    && chars[i] == '-'
                    && chars.get(i + 1) == Some(&'-')
                    && chars.get(i + 2).is_some_and(|c| c.is_ascii_lowercase())
                {
                    panic!("{}:{}: a flag in a message: {line}", path.display(), k + 1);
                }
            }
        }
    }
}

#[test]
fn nothing_in_the_repository_points_outside_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "src", "tests", "benches", "examples", "shaders", "data", "docs",
    ] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
    }
    files.push(root.join("README.md"));
    files.push(root.join(".ci/run"));
    for p in files {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue; // binary data
        };
        // Assembled at run time so that this file names no outside document.
        let needles = [
            format!("../{}", "shared"),
            format!("PHYSICS{}", ".md"),
            format!("ARCHITECTURE{}", ".md"),
            format!("WGPU-{}", "NOTES"),
        ];
        for needle in &needles {
            assert!(
                !text.contains(needle.as_str()),
                "{} mentions {needle}",
                p.display()
            );
        }
    }
}
