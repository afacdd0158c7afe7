//! The documentation holds together: every relative link and anchor in
//! README.md and docs/ resolves, and the README stays a front page.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn markdown_files() -> Vec<PathBuf> {
    let mut out = vec![root().join("README.md")];
    let mut stack = vec![root().join("docs"), root().join("data")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The lines of a Markdown text outside fenced code blocks, numbered from 1.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push((k + 1, line));
        }
    }
    out
}

/// GitHub's anchor of a heading: lower case, letters, digits, `-` and `_`
/// kept, spaces turned into `-`, everything else dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown file (repeated headings get -1, -2, …).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for (_, line) in prose_lines(text) {
        let Some(rest) = line.strip_prefix('#') else {
            continue;
        };
        let heading = rest.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let base = slug(heading);
        let mut name = base.clone();
        let mut k = 0;
        while seen.contains(&name) {
            k += 1;
            name = format!("{base}-{k}");
        }
        seen.insert(name);
    }
    seen
}

/// Every `[text](target)` and `![alt](target)` of a line (inline code removed).
fn links(line: &str) -> Vec<String> {
    let mut code = false;
    let plain: String = line
        .chars()
        .filter(|&c| {
            if c == '`' {
                code = !code;
                return false;
            }
            !code
        })
        .collect();
    let mut out = Vec::new();
    let mut rest = plain.as_str();
    while let Some(k) = rest.find("](") {
        let after = &rest[k + 2..];
        let Some(end) = after.find(')') else { break };
        out.push(after[..end].to_string());
        rest = &after[end..];
    }
    out
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let mut broken = Vec::new();
    let files = markdown_files();
    assert!(
        files.len() >= 10,
        "found only {} Markdown files",
        files.len()
    );
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (line_no, line) in prose_lines(&text) {
            for target in links(line) {
                if target.starts_with("http://") || target.starts_with("https://") {
                    continue;
                }
                let (path, anchor) = match target.split_once('#') {
                    Some((p, a)) => (p, Some(a)),
                    None => (target.as_str(), None),
                };
                let resolved = if path.is_empty() {
                    file.clone()
                } else {
                    file.parent().unwrap().join(path)
                };
                let here = format!(
                    "{}:{line_no}: ({target})",
                    file.strip_prefix(root()).unwrap().display()
                );
                if !resolved.exists() {
                    broken.push(format!("{here}: no file {}", resolved.display()));
                    continue;
                }
                if let Some(anchor) = anchor {
                    let target_text = std::fs::read_to_string(&resolved).unwrap_or_default();
                    if !anchors(&target_text).contains(anchor) {
                        broken.push(format!("{here}: no heading with anchor #{anchor}"));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_readme_is_a_front_page() {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = text.lines().count();
    assert!(lines <= 300, "README.md has {lines} lines (at most 300)");
    // Its first lines give the two commands: the demo and the tests, the
    // latter being what .ci/run runs.
    let head: Vec<&str> = text.lines().take(6).collect();
    assert!(
        head.iter()
            .any(|l| l.starts_with("cargo run --release -- demo"))
    );
    assert!(head.iter().any(|l| l.starts_with("cargo test ")));
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run runs `cargo test`"
    );
}

#[test]
fn the_checker_finds_a_broken_anchor() {
    let text = "# Title\n\n## Limits: read before you publish\n```\n# not a heading\n```\n";
    let a = anchors(text);
    assert!(a.contains("title") && a.contains("limits-read-before-you-publish"));
    assert!(!a.contains("not-a-heading"));
    assert_eq!(
        links("see [a](b.md#c) and ![i](img.png), not `[x](y)`"),
        ["b.md#c", "img.png"]
    );
    assert_eq!(
        slug("`clusterspec mie`: classical optics"),
        "clusterspec-mie-classical-optics"
    );
}
