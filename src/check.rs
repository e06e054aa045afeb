//! What `briefly check` adds to a build's validation: problems a reader would
//! meet — links and anchors that lead nowhere, images without a source,
//! briefings without a summary or a source. Warnings, not errors.

use crate::diagnostics::{Diagnostic, line_column};
use crate::index::{Site, Texts};
use crate::paths::briefing_path;
use std::collections::{HashMap, HashSet};

/// Every `attr="value"` in `html`.
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let Some(end) = after.find('"') else { break };
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(text: &str) -> String {
    crate::paths::percent_decode(text).unwrap_or_else(|| text.to_string())
}

fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    [
        "http://", "https://", "mailto:", "tel:", "data:", "//", "ftp://",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// `dir` joined with a relative `path`, `..` resolved; `None` above the site root.
fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

struct BuiltSite<'a> {
    files: HashSet<&'a str>,
    ids: HashMap<&'a str, HashSet<String>>,
}

impl BuiltSite<'_> {
    /// The output file a site path names, if there is one.
    fn resolve(&self, path: &str) -> Option<String> {
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.to_string(), format!("{path}/index.html")]
        };
        candidates
            .into_iter()
            .find(|c| self.files.contains(c.as_str()))
    }
}

/// Checks one body's links and images; `page_dir` is its folder in the output.
fn check_body(
    html: &str,
    page_dir: &str,
    source: &str,
    text: &str,
    base_path: &str,
    out: &BuiltSite,
    warnings: &mut Vec<Diagnostic>,
) {
    let at = |needle: &str| -> (usize, usize) {
        match text.find(needle).filter(|_| !needle.is_empty()) {
            Some(offset) => line_column(text, offset),
            None => (1, 1),
        }
    };
    let mut warn = |needle: &str, message: String| {
        let (line, column) = at(needle);
        warnings.push(Diagnostic::error(source, text, line, column, message).warning());
    };
    for raw in attribute_values(html, "src") {
        if raw.trim().is_empty() {
            warn("![", "an image has an empty source".to_string());
        }
    }
    for (attr, raw) in attribute_values(html, "href")
        .into_iter()
        .map(|v| ("href", v))
        .chain(
            attribute_values(html, "src")
                .into_iter()
                .map(|v| ("src", v)),
        )
    {
        let url = unescape(raw);
        if url.trim().is_empty() || is_external(&url) {
            if attr == "href" && url.trim().is_empty() {
                warn("]()", "a link has no target".to_string());
            }
            continue;
        }
        let (path, anchor) = match url.split_once('#') {
            Some((p, a)) => (p, Some(percent_decode(a))),
            None => (url.as_str(), None),
        };
        let path = percent_decode(path.split('?').next().unwrap_or(""));
        let site_path = if path.is_empty() {
            Some(page_dir.to_string())
        } else if let Some(abs) = path.strip_prefix('/') {
            format!("/{abs}")
                .strip_prefix(base_path)
                .map(str::to_string)
        } else {
            join(page_dir, &path)
        };
        let what = if attr == "src" { "image" } else { "link" };
        let Some(target) = site_path.as_deref().and_then(|p| out.resolve(p)) else {
            warn(
                &url,
                format!("{what} `{url}` leads nowhere in the built site"),
            );
            continue;
        };
        if let Some(anchor) = anchor.filter(|a| !a.is_empty())
            && target.ends_with(".html")
            && !out
                .ids
                .get(target.as_str())
                .is_some_and(|ids| ids.contains(&anchor))
        {
            warn(
                &url,
                format!("link `{url}`: no element with id `{anchor}` on that page"),
            );
        }
    }
}

/// The warnings of `briefly check` that need the rendered site.
pub fn content_warnings(
    site: &Site,
    files: &[(String, crate::render::Output)],
    texts: &Texts,
) -> Vec<Diagnostic> {
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    for (path, output) in files {
        if let crate::render::Output::Bytes(bytes) = output
            && path.ends_with(".html")
        {
            let html = String::from_utf8_lossy(bytes);
            let set = attribute_values(&html, "id")
                .into_iter()
                .map(|v| percent_decode(&unescape(v)))
                .collect();
            ids.insert(path.as_str(), set);
        }
    }
    let out = BuiltSite {
        files: files.iter().map(|(p, _)| p.as_str()).collect(),
        ids,
    };
    let base_path = site.config.base_path();
    let mut warnings = Vec::new();
    for entry in &site.briefings {
        let b = &entry.briefing;
        let text = texts.get(&b.source);
        let text = &*text;
        if b.summary.trim().is_empty() {
            warnings.push(
                Diagnostic::error(
                    &b.source,
                    text,
                    1,
                    1,
                    "the briefing has no summary: add `summary:` or open the body with a paragraph",
                )
                .warning(),
            );
        }
        if b.source_ref.is_none() {
            warnings.push(
                Diagnostic::error(
                    &b.source,
                    text,
                    1,
                    1,
                    "the briefing names no source: add `source: { name, url }`",
                )
                .warning(),
            );
        }
        check_body(
            &b.body_html.get(),
            &briefing_path(&b.slug),
            &b.source,
            text,
            base_path,
            &out,
            &mut warnings,
        );
    }
    for p in &site.pages {
        let text = texts.get(&p.source);
        let text = &*text;
        check_body(
            &p.body_html,
            &format!("{}/", p.slug),
            &p.source,
            text,
            base_path,
            &out,
            &mut warnings,
        );
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_inside_the_site() {
        assert_eq!(
            join("briefings/a/", "chart.svg").as_deref(),
            Some("briefings/a/chart.svg")
        );
        assert_eq!(
            join("briefings/a/", "../b/").as_deref(),
            Some("briefings/b/")
        );
        assert_eq!(join("briefings/a/", "../../../x"), None);
    }

    #[test]
    fn attribute_values_are_found_in_order() {
        let html = r##"<a href="/x/">x</a> <img src="a.png" alt=""> <a href="#top">t</a>"##;
        assert_eq!(attribute_values(html, "href"), ["/x/", "#top"]);
        assert_eq!(attribute_values(html, "src"), ["a.png"]);
    }
}
