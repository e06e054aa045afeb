//! The shape of the library: the files of src/ import each other without a
//! circle, so data flows down the pipeline and no lower stage names a higher
//! one. The edges are read from the source text: every `crate::…` and
//! `super::…` path, and a parent module's paths into its own children
//! (`feeds::…` in render/mod.rs). Test modules at the end of a file are left
//! out: a test may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `src/render/feeds.rs` -> `render::feeds`; `src/render/mod.rs` -> `render`;
/// `src/lib.rs` -> `` (the crate root).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts.join("::")
}

/// The library's files: everything under src/ but the binary's own.
fn library_files(src: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| {
            let rel = p.strip_prefix(src).unwrap();
            rel != Path::new("main.rs") && rel != Path::new("cli.rs")
        })
        .collect();
    files.sort();
    files
}

/// The code of a file without comments and without its trailing test module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Expands the path that starts at `text` (just after `PREFIX::`) into every
/// full path it names, use-groups included: `a::{b, c::d}` -> `a::b`, `a::c::d`.
fn paths_at(text: &str) -> Vec<Vec<String>> {
    let mut segments = Vec::new();
    let mut rest = text;
    loop {
        let rest_trim = rest.trim_start();
        if let Some(group) = rest_trim.strip_prefix('{') {
            let mut depth = 1;
            let mut end = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let inner = &group[..end];
            let mut items = Vec::new();
            let (mut depth, mut start) = (0, 0);
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(&inner[start..i]);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            items.push(&inner[start..]);
            let mut out = Vec::new();
            for item in items.into_iter().filter(|i| !i.trim().is_empty()) {
                for tail in paths_at(item.trim()) {
                    let mut full = segments.clone();
                    full.extend(tail);
                    out.push(full);
                }
            }
            return out;
        }
        let ident: String = rest_trim.chars().take_while(|c| is_ident(*c)).collect();
        if ident.is_empty() {
            break;
        }
        segments.push(ident.clone());
        rest = &rest_trim[ident.len()..];
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => break,
        }
    }
    vec![segments]
}

/// Every path in `code` that starts with `prefix::` at a word boundary.
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let needle = format!("{prefix}::");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find(&needle) {
        let at = from + i;
        let before = code[..at].chars().next_back();
        if !before.is_some_and(|c| is_ident(c) || c == ':') {
            out.extend(paths_at(&code[at + needle.len()..]));
        }
        from = at + needle.len();
    }
    out
}

/// The module a path lands in: its longest prefix that is a module of src/.
fn target(modules: &BTreeSet<String>, path: &[String]) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| modules.contains(m))
}

/// Module -> the modules it imports.
fn edges(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files = library_files(src);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(src, f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let me = module_of(src, file);
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let is_folder_module = matches!(
            file.file_name().and_then(|n| n.to_str()),
            Some("mod.rs" | "lib.rs")
        );
        // `super` is the parent of this file's module.
        let parent: Vec<String> = {
            let mut p: Vec<String> = me
                .split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            p.pop();
            p
        };
        let mut paths: Vec<Vec<String>> = paths_after(&code, "crate");
        for p in paths_after(&code, "super") {
            let mut full = parent.clone();
            full.extend(p);
            paths.push(full);
        }
        if is_folder_module {
            let own: Vec<String> = me
                .split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            for child in modules.iter().filter_map(|m| {
                let rest = if own.is_empty() {
                    Some(m.as_str())
                } else {
                    m.strip_prefix(&format!("{}::", own.join("::")))
                };
                rest.filter(|r| !r.is_empty() && !r.contains("::"))
            }) {
                for p in paths_after(&code, child) {
                    let mut full = own.clone();
                    full.push(child.to_string());
                    full.extend(p);
                    paths.push(full);
                }
            }
        }
        let targets: BTreeSet<String> = paths
            .iter()
            .filter_map(|p| target(&modules, p))
            .filter(|t| *t != me)
            .collect();
        graph.insert(me, targets);
    }
    graph
}

/// The circles of the graph: strongly connected parts with more than one module.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm, iterative enough for a few dozen modules.
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(lw));
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut part = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(w);
                part.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if part.len() > 1 {
                part.sort();
                s.found.push(part);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn the_files_of_src_import_each_other_without_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = edges(&src);
    assert!(graph.len() > 20, "only {} modules read", graph.len());
    let found = circles(&graph);
    let explain: Vec<String> = found
        .iter()
        .map(|part| {
            let inside: BTreeSet<&String> = part.iter().collect();
            let arrows: Vec<String> = part
                .iter()
                .flat_map(|m| {
                    graph[m]
                        .iter()
                        .filter(|t| inside.contains(t))
                        .map(move |t| format!("  {} -> {}", show(m), show(t)))
                })
                .collect();
            format!("a circle of {} modules:\n{}", part.len(), arrows.join("\n"))
        })
        .collect();
    assert!(found.is_empty(), "{}", explain.join("\n\n"));
}

/// The floors of the library, lowest first: a module may import from its own
/// floor or a lower one, never a higher one. The same list is in the README's
/// architecture section.
const FLOORS: &[(usize, &[&str])] = &[
    (
        0,
        &[
            "model",
            "url",
            "escape",
            "tokenize",
            "diagnostics",
            "texts",
            "paths",
            "theme",
            "typography",
            "spill",
            "utf8",
        ],
    ),
    (
        1,
        &[
            "config",
            "front_matter",
            "highlight",
            "markdown",
            "load",
            "cache",
        ],
    ),
    (2, &["parse"]),
    (3, &["index"]),
    (4, &["plan", "stats"]),
    (5, &["render"]),
    (6, &["write", "output_guard", "check"]),
    (7, &[""]),
    (8, &["incremental", "serve", "scaffold", "digest"]),
];

/// The floor of a module: that of its top-level module.
fn floor_of(module: &str) -> Option<usize> {
    let top = module.split("::").next().unwrap_or("");
    FLOORS
        .iter()
        .find(|(_, names)| names.contains(&top))
        .map(|(n, _)| *n)
}

#[test]
fn no_module_imports_from_a_higher_floor() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = edges(&src);
    let unplaced: Vec<&String> = graph.keys().filter(|m| floor_of(m).is_none()).collect();
    assert!(unplaced.is_empty(), "modules on no floor: {unplaced:?}");
    let upward: Vec<String> = graph
        .iter()
        .flat_map(|(from, targets)| {
            targets
                .iter()
                .filter(|to| floor_of(to) > floor_of(from))
                .map(move |to| {
                    format!(
                        "  {} (floor {}) -> {} (floor {})",
                        show(from),
                        floor_of(from).unwrap_or(0),
                        show(to),
                        floor_of(to).unwrap_or(0)
                    )
                })
        })
        .collect();
    assert!(
        upward.is_empty(),
        "imports that reach up:\n{}",
        upward.join("\n")
    );
}

fn show(module: &str) -> &str {
    if module.is_empty() { "lib" } else { module }
}

#[test]
fn the_edge_reader_sees_groups_super_and_children() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    let write = |rel: &str, text: &str| {
        let p = src.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "lib.rs",
        "pub mod a;\npub mod b;\npub mod c;\npub mod d;\nuse a::X;\n",
    );
    write(
        "a.rs",
        "use crate::{b::Y, c::{self, Z}};\n// crate::d::not_an_edge\n",
    );
    write(
        "b.rs",
        "fn f() { crate::d::g(); }\n#[cfg(test)]\nmod tests { use crate::a::X; }\n",
    );
    write("c.rs", "");
    write("d/mod.rs", "mod e;\nuse e::Q;\n");
    write("d/e.rs", "use super::R;\n");
    let graph = edges(src);
    let of = |m: &str| graph[m].iter().cloned().collect::<Vec<_>>();
    assert_eq!(of("a"), vec!["b", "c"]);
    assert_eq!(of("b"), vec!["d"], "the test module is left out");
    assert_eq!(of(""), vec!["a"]);
    assert_eq!(of("d"), vec!["d::e"]);
    assert_eq!(of("d::e"), vec!["d"]);
    assert_eq!(
        circles(&graph),
        vec![vec!["d".to_string(), "d::e".to_string()]]
    );
}
