//! The documentation stays whole: every relative link in README.md and
//! docs/*.md leads to a file or folder of the repository, and nothing points
//! outside it (users clone this repository alone).

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every Markdown file of docs/.
fn documents() -> Vec<PathBuf> {
    let root = repo();
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The text outside fenced code blocks and inline code spans, where a
/// `[x](y)` is an example and not a link.
fn prose(text: &str) -> String {
    outside_fences(text, true)
}

/// The lines outside fenced code blocks, inline code spans removed or not.
fn outside_fences(text: &str, drop_spans: bool) -> String {
    let mut out = String::new();
    let mut fence: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        if let Some(open) = &fence {
            if marker.len() >= open.len() && marker.starts_with(&open[..1]) {
                fence = None;
            }
            out.push('\n');
            continue;
        }
        if marker.len() >= 3 {
            fence = Some(marker);
            out.push('\n');
            continue;
        }
        if drop_spans {
            out.push_str(&strip_code_spans(line));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn strip_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let ticks = rest[start..].chars().take_while(|&c| c == '`').count();
        let after = &rest[start + ticks..];
        let closing = "`".repeat(ticks);
        match after.find(&closing) {
            Some(end) => rest = &after[end + ticks..],
            None => {
                out.push_str(&rest[start..]);
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The targets of `[text](target)` and `![alt](target)` links, with their
/// line numbers.
fn link_targets(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in prose(text).lines().enumerate() {
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else {
                break;
            };
            let target = after[..end].trim();
            // `[text](<target> "title")`: the target is the first word.
            let target = target
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_start_matches('<')
                .trim_end_matches('>');
            found.push((n + 1, target.to_string()));
            rest = &after[end + 1..];
        }
    }
    found
}

fn is_external(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// Every broken relative link of one document, as `file:line: target`.
fn broken_links(doc: &Path, text: &str) -> Vec<String> {
    let root = repo();
    let dir = doc.parent().expect("a document has a folder");
    let name = doc.strip_prefix(&root).unwrap_or(doc).display().to_string();
    let mut broken = Vec::new();
    for (line, target) in link_targets(text) {
        if target.is_empty() || is_external(&target) || target.starts_with('#') {
            continue;
        }
        let path = target.split('#').next().unwrap_or_default();
        let path = percent_decode(path);
        let resolved = if let Some(absolute) = path.strip_prefix('/') {
            root.join(absolute)
        } else {
            dir.join(&path)
        };
        let inside = resolved
            .canonicalize()
            .ok()
            .filter(|p| p.starts_with(root.canonicalize().expect("the repository exists")));
        match inside {
            None => broken.push(format!("{name}:{line}: {target}")),
            // A `#fragment` into a Markdown file names one of its headings.
            Some(file) if file.extension().is_some_and(|e| e == "md") => {
                if let Some((_, fragment)) = target.split_once('#') {
                    let text = std::fs::read_to_string(&file).unwrap_or_default();
                    if !anchors(&text)
                        .iter()
                        .any(|a| *a == percent_decode(fragment))
                    {
                        broken.push(format!("{name}:{line}: {target} (no such heading)"));
                    }
                }
            }
            Some(_) => {}
        }
    }
    broken
}

/// The anchors GitHub gives a document's headings: lower-cased, spaces to
/// `-`, punctuation other than `-` and `_` dropped.
fn anchors(text: &str) -> Vec<String> {
    outside_fences(text, false)
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            l.trim_start_matches('#')
                .trim()
                .chars()
                .flat_map(char::to_lowercase)
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn every_relative_link_leads_to_a_file_of_the_repository() {
    let mut broken = Vec::new();
    let mut links = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("a readable document");
        links += link_targets(&text).len();
        broken.extend(broken_links(&doc, &text));
    }
    assert!(links > 20, "only {links} links found: is the parser right?");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn nothing_points_outside_the_repository() {
    let mut found = Vec::new();
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).expect("a readable document");
        for (n, line) in text.lines().enumerate() {
            if line.contains("../shared") || line.contains("shared/spec") {
                found.push(format!("{}:{}: {}", doc.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the docs mention files outside the repository:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_link_finder_sees_links_and_skips_code() {
    let text = "See [a](a.md) and ![img](docs/x.png \"t\").\n\
                `[not](code.md)` here\n\
                ```\n[not](fenced.md)\n```\n\
                [web](https://example.com) [top](#anchor) [part](b.md#c)\n";
    let targets: Vec<String> = link_targets(text).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        targets,
        [
            "a.md",
            "docs/x.png",
            "https://example.com",
            "#anchor",
            "b.md#c"
        ]
    );
}

#[test]
fn a_missing_target_is_reported() {
    let doc = repo().join("docs").join("README.md");
    let text = "[ok](site-toml.md#money) [gone](no-such-page.md) [up](../../outside.md)\n\
                [dir](../src/) [heading](site-toml.md#no-such-heading)\n";
    assert_eq!(
        broken_links(&doc, text),
        [
            "docs/README.md:1: no-such-page.md",
            "docs/README.md:1: ../../outside.md",
            "docs/README.md:2: site-toml.md#no-such-heading (no such heading)",
        ]
    );
}
