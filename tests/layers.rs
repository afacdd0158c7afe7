//! The layers of `src/` only look down.
//!
//! Every `crate::…` and `super::…` path in `src/` (grouped `use` trees,
//! inline paths, `pub use`) is an edge from its file to the file it names.
//! The checks, all collected and reported together as `path:line: rule`:
//! - every top-level module of `src/` has a layer in [`LAYERS`], and every
//!   name in [`LAYERS`] is a module;
//! - no file imports a module of a higher layer;
//! - no two modules of the same layer import each other in a loop;
//! - no files import each other in a loop (inside one module either);
//! - [`LAYERS`] is the list at the top of docs/architecture.md, in order.
//!
//! Std only: the checker reads the sources as text (comments and string
//! literals removed), no syntax tree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers of `src/`, ground first: a module may use its own layer's
/// other modules (without loops) and every layer below. The same list, in
/// the same order, opens docs/architecture.md ("Layers"); the test
/// `the_document_lists_the_same_layers` keeps the two equal. `lib.rs` is the
/// crate root and re-exports from every layer, so it is exempt; `main.rs`
/// and `cli/` are the binary, the top layer.
const LAYERS: &[&[&str]] = &[
    &["units", "error", "progress"],
    &["structure"],
    &["spectrum", "optics", "solve"],
    &["gpu"],
    &["engine"],
    &["response"],
    &["model"],
    &["rpa", "jellium", "classical", "tddftb"],
    &["ensemble"],
    &["job"],
    &["plot"],
    &["io"],
    &["main", "cli"],
];

/// Imports allowed against the rules, each with its reason. An entry that
/// matches no import is itself an error, so the list cannot rot.
/// (file relative to src/, the module it may import.)
const EXCEPTIONS: &[(&str, &str, &str)] = &[];

/// One `crate::`/`super::` path found in a file.
#[derive(Clone, Debug)]
struct Import {
    /// The importing file, relative to `src/`.
    file: String,
    line: usize,
    /// The file the path resolves to, relative to `src/`.
    target: String,
    /// The path as written (for messages).
    path: String,
}

/// The top-level module of a file relative to `src/` (`gpu/mie.rs` → `gpu`,
/// `units.rs` → `units`).
fn module_of(file: &str) -> &str {
    let first = file.split('/').next().unwrap_or(file);
    first.strip_suffix(".rs").unwrap_or(first)
}

fn rank_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Source text with comments, string and char literals blanked (replaced
/// by spaces, newlines kept), so that line numbers stay and documentation
/// that mentions a path does not count as an import.
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && b.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(b.get(i + 1), Some('"') | Some('#'))
            && !ident_char(b.get(i.wrapping_sub(1)).copied())
        {
            // Raw string r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            for _ in i..=j {
                out.push(' ');
            }
            i = j + 1;
            while i < b.len() {
                if b[i] == '"' && (0..hashes).all(|k| b.get(i + 1 + k) == Some(&'#')) {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(b[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && is_char_literal(&b, i) {
            // 'x' or '\n' (a lifetime has no closing quote).
            let end = if b.get(i + 1) == Some(&'\\') {
                (i + 2..b.len()).find(|&k| b[k] == '\'').unwrap_or(i)
            } else {
                i + 2
            };
            for _ in i..=end {
                out.push(' ');
            }
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

fn is_char_literal(b: &[char], i: usize) -> bool {
    match b.get(i + 1) {
        Some('\\') => true,
        Some(_) => b.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// A tiny reader of `use` trees: after `crate::` or `super::`, returns
/// every leaf path (segments) with the offset where it starts.
struct TreeReader<'a> {
    s: &'a [char],
    pos: usize,
}

impl TreeReader<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }

    fn ident(&mut self) -> Option<String> {
        self.skip_ws();
        let start = self.pos;
        while self.pos < self.s.len()
            && (self.s[self.pos].is_alphanumeric() || self.s[self.pos] == '_')
        {
            self.pos += 1;
        }
        (self.pos > start).then(|| self.s[start..self.pos].iter().collect())
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        let t: Vec<char> = token.chars().collect();
        if self.s[self.pos..].starts_with(&t) {
            self.pos += t.len();
            true
        } else {
            false
        }
    }

    /// Reads `seg::seg::…` then optionally `{ tree, … }`, pushing leaves.
    fn tree(&mut self, prefix: Vec<String>, start: usize, out: &mut Vec<(Vec<String>, usize)>) {
        let mut path = prefix;
        loop {
            self.skip_ws();
            if self.eat("{") {
                loop {
                    self.skip_ws();
                    if self.eat("}") {
                        return;
                    }
                    let here = self.pos;
                    self.tree(path.clone(), here, out);
                    self.skip_ws();
                    if !self.eat(",") {
                        self.eat("}");
                        return;
                    }
                }
            }
            if self.eat("*") {
                out.push((path, start));
                return;
            }
            match self.ident() {
                Some(seg) => {
                    path.push(seg);
                    if !self.eat("::") {
                        out.push((path, start));
                        return;
                    }
                }
                None => {
                    out.push((path, start));
                    return;
                }
            }
        }
    }
}

/// The file (relative to src/) a module path names: the deepest
/// `a/b.rs` or `a/b/mod.rs` that exists in `files`.
fn resolve(files: &BTreeSet<String>, base: &[String], segments: &[String]) -> Option<String> {
    let module_file = |dirs: &[String]| -> Option<String> {
        if dirs.is_empty() {
            return None;
        }
        let joined = dirs.join("/");
        [format!("{joined}.rs"), format!("{joined}/mod.rs")]
            .into_iter()
            .find(|f| files.contains(f))
    };
    let mut dirs: Vec<String> = base.to_vec();
    let mut found = module_file(&dirs);
    for seg in segments {
        dirs.push(seg.clone());
        match module_file(&dirs) {
            Some(f) => found = Some(f),
            None => break,
        }
    }
    found
}

/// The module path (directories) of a file: `gpu/mie.rs` → [gpu, mie],
/// `gpu/mod.rs` → [gpu], `lib.rs` → [].
fn module_path(file: &str) -> Vec<String> {
    let trimmed = file.strip_suffix(".rs").unwrap_or(file);
    let mut parts: Vec<String> = trimmed.split('/').map(String::from).collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// Every import of every file in `sources` (relative path → text).
fn imports(sources: &BTreeMap<String, String>) -> Vec<Import> {
    let files: BTreeSet<String> = sources.keys().cloned().collect();
    let mut found = Vec::new();
    for (file, text) in sources {
        let code: Vec<char> = code_only(text).chars().collect();
        let line_of = |pos: usize| code[..pos].iter().filter(|&&c| c == '\n').count() + 1;
        let own = module_path(file);
        let mut i = 0;
        while i < code.len() {
            let rest = &code[i..];
            let starts_word =
                !ident_char(i.checked_sub(1).map(|k| code[k])) && (i == 0 || code[i - 1] != '$');
            let (base, len) =
                if starts_word && rest.starts_with(&['c', 'r', 'a', 't', 'e', ':', ':']) {
                    (Vec::new(), 7)
                } else if starts_word && rest.starts_with(&['s', 'u', 'p', 'e', 'r', ':', ':']) {
                    // super:: from a/b/c.rs is a/b; from a/b/mod.rs it is a.
                    let mut base = own.clone();
                    let mut len = 0;
                    while code[i + len..].starts_with(&['s', 'u', 'p', 'e', 'r', ':', ':']) {
                        base.pop();
                        len += 7;
                    }
                    (base, len)
                } else {
                    i += 1;
                    continue;
                };
            let mut reader = TreeReader {
                s: &code,
                pos: i + len,
            };
            let mut leaves = Vec::new();
            reader.tree(Vec::new(), i + len, &mut leaves);
            for (segments, start) in leaves {
                let Some(target) = resolve(&files, &base, &segments) else {
                    continue; // an item of the crate root (lib.rs)
                };
                if target == *file {
                    continue;
                }
                let mut shown = if base.is_empty() {
                    "crate".to_string()
                } else {
                    base.join("::")
                };
                for s in &segments {
                    shown.push_str("::");
                    shown.push_str(s);
                }
                found.push(Import {
                    file: file.clone(),
                    line: line_of(start.max(i)),
                    target,
                    path: shown,
                });
            }
            i = reader.pos.max(i + 1);
        }
    }
    found
}

/// Every violation of the rules, as `src/file:line: message`.
fn violations(sources: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let is_exception = |imp: &Import| {
        EXCEPTIONS
            .iter()
            .any(|(f, m, _)| *f == imp.file && module_of(&imp.target) == *m)
    };
    // Every module has a layer, every layer name is a module.
    let modules: BTreeSet<&str> = sources
        .keys()
        .map(|f| module_of(f))
        .filter(|m| *m != "lib")
        .collect();
    for m in &modules {
        if rank_of(m).is_none() {
            out.push(format!("src/{m}: module `{m}` has no layer in LAYERS (tests/layers.rs) and docs/architecture.md"));
        }
    }
    for layer in LAYERS {
        for m in *layer {
            if !modules.contains(m) {
                out.push(format!("LAYERS names `{m}`, which is no module of src/"));
            }
        }
    }
    let all = imports(sources);
    let mut used_exceptions = BTreeSet::new();
    // Upward imports.
    for imp in &all {
        let (from, to) = (module_of(&imp.file), module_of(&imp.target));
        if from == "lib" {
            continue;
        }
        let (Some(rf), Some(rt)) = (rank_of(from), rank_of(to)) else {
            continue;
        };
        if rt > rf {
            if is_exception(imp) {
                used_exceptions.insert((imp.file.clone(), to.to_string()));
                continue;
            }
            out.push(format!(
                "src/{}:{}: `{}` imports `{}`: layer `{}` ({}) looks up to layer `{}` ({})",
                imp.file,
                imp.line,
                imp.file,
                imp.path,
                from,
                layer_name(rf),
                to,
                layer_name(rt)
            ));
        }
    }
    // Loops: between modules of one layer, and between files.
    let module_edges: Vec<(String, String, &Import)> = all
        .iter()
        .filter(|i| module_of(&i.file) != "lib" && module_of(&i.file) != module_of(&i.target))
        .filter(|i| rank_of(module_of(&i.file)) == rank_of(module_of(&i.target)))
        .map(|i| {
            (
                module_of(&i.file).to_string(),
                module_of(&i.target).to_string(),
                i,
            )
        })
        .collect();
    out.extend(loops(&module_edges, "modules of one layer"));
    let file_edges: Vec<(String, String, &Import)> = all
        .iter()
        .filter(|i| module_of(&i.file) != "lib")
        .map(|i| (i.file.clone(), i.target.clone(), i))
        .collect();
    out.extend(loops(&file_edges, "files"));
    for (f, m, why) in EXCEPTIONS {
        if !used_exceptions.contains(&(f.to_string(), m.to_string())) {
            out.push(format!(
                "EXCEPTIONS: `{f}` → `{m}` ({why}) matches no import: remove it"
            ));
        }
    }
    out
}

fn layer_name(rank: usize) -> String {
    LAYERS[rank].join(", ")
}

/// The strongly connected groups of more than one node of a directed graph
/// (Tarjan), each reported with the imports that close it.
fn loops(edges: &[(String, String, &Import)], what: &str) -> Vec<String> {
    let nodes: BTreeSet<&str> = edges
        .iter()
        .flat_map(|(a, b, _)| [a.as_str(), b.as_str()])
        .collect();
    let nodes: Vec<&str> = nodes.into_iter().collect();
    let index_of = |n: &str| nodes.iter().position(|m| *m == n).unwrap_or(0);
    let mut next: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); nodes.len()];
    for (a, b, _) in edges {
        next[index_of(a)].insert(index_of(b));
    }
    // Tarjan's algorithm, iterative.
    let n = nodes.len();
    let (mut index, mut low) = (vec![usize::MAX; n], vec![0; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let mut counter = 0;
    let mut groups = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, Vec<usize>)> = vec![(root, next[root].iter().copied().collect())];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some((v, mut todo)) = work.pop() {
            if let Some(w) = todo.pop() {
                work.push((v, todo));
                if index[w] == usize::MAX {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, next[w].iter().copied().collect()));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            if let Some((parent, _)) = work.last() {
                low[*parent] = low[*parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut group = BTreeSet::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    group.insert(w);
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    groups.push(group);
                }
            }
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let names: Vec<&str> = group.iter().map(|&k| nodes[k]).collect();
            let closing: Vec<String> = edges
                .iter()
                .filter(|(a, b, _)| names.contains(&a.as_str()) && names.contains(&b.as_str()))
                .map(|(_, _, imp)| format!("src/{}:{}: {}", imp.file, imp.line, imp.path))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            format!(
                "{what} import each other in a loop: {}\n    {}",
                names.join(" ↔ "),
                closing.join("\n    ")
            )
        })
        .collect()
}

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

fn sources() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn layers_only_look_down_and_nothing_loops() {
    let found = violations(&sources());
    assert!(
        found.is_empty(),
        "{} layer violation(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn an_upward_import_is_caught_with_file_line_and_layers() {
    let mut sources = sources();
    let units = sources.get_mut("units.rs").expect("src/units.rs");
    let line = units.lines().count() + 1;
    units.push_str("\nuse crate::cli::Cli;\n");
    let found = violations(&sources);
    let expected = format!(
        "src/units.rs:{}: `units.rs` imports `crate::cli::Cli`",
        line + 1
    );
    assert!(
        found
            .iter()
            .any(|v| v.starts_with(&expected) && v.contains("`units`") && v.contains("`cli`")),
        "expected `{expected}` in {found:#?}"
    );
}

#[test]
fn a_loop_between_files_of_one_module_is_caught() {
    let mut sources = BTreeMap::new();
    sources.insert(
        "plot/mod.rs".to_string(),
        "pub mod a; pub mod b;".to_string(),
    );
    sources.insert(
        "plot/a.rs".to_string(),
        "// crate::plot::b in a comment is no import\nuse super::b::Thing;".to_string(),
    );
    sources.insert(
        "plot/b.rs".to_string(),
        "fn f() { let s = \"crate::plot::a\"; crate::plot::a::g(); }".to_string(),
    );
    let found: Vec<String> = violations(&sources)
        .into_iter()
        .filter(|v| v.contains("loop"))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("src/plot/a.rs:2: plot::b::Thing")
            && found[0].contains("src/plot/b.rs:1: crate::plot::a::g"),
        "{}",
        found[0]
    );
}

#[test]
fn grouped_use_trees_are_read_leaf_by_leaf() {
    let mut sources = BTreeMap::new();
    sources.insert("units.rs".to_string(), String::new());
    sources.insert("error.rs".to_string(), String::new());
    sources.insert("gpu/mod.rs".to_string(), String::new());
    sources.insert("gpu/context.rs".to_string(), String::new());
    sources.insert(
        "structure.rs".to_string(),
        "use crate::{\n    units::X,\n    gpu::{context::Ctx, self},\n};".to_string(),
    );
    let found = imports(&sources);
    let seen: Vec<(usize, &str)> = found.iter().map(|i| (i.line, i.target.as_str())).collect();
    assert!(seen.contains(&(2, "units.rs")), "{seen:?}");
    assert!(seen.contains(&(3, "gpu/context.rs")), "{seen:?}");
    assert!(seen.contains(&(3, "gpu/mod.rs")), "{seen:?}");
}

/// The list at the top of docs/architecture.md: lines `N. \`a\`, \`b\` — …`
/// under the heading "## Layers", ground first.
#[test]
fn the_document_lists_the_same_layers() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let section = text
        .split("\n## Layers")
        .nth(1)
        .expect("docs/architecture.md has a `## Layers` section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let listed: Vec<Vec<String>> = section
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.trim().parse::<usize>().is_ok())
        })
        .map(|l| {
            let head = l.split(" — ").next().unwrap_or(l);
            head.split('`')
                .skip(1)
                .step_by(2)
                .map(String::from)
                .collect()
        })
        .collect();
    let ours: Vec<Vec<String>> = LAYERS
        .iter()
        .map(|l| l.iter().map(|m| m.to_string()).collect())
        .collect();
    assert_eq!(
        listed, ours,
        "docs/architecture.md's layer list differs from LAYERS"
    );
}
