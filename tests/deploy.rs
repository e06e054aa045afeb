//! The built site works when a plain static server serves it under a subpath:
//! every internal link and asset of every page resolves to a file.

mod common;

use common::{CONFIG, Fixture};
use std::collections::HashSet;

fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.split(&needle)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|v| v.replace("&amp;", "&"))
        .collect()
}

#[test]
fn every_internal_link_resolves_under_a_subpath() {
    let f = Fixture::new(&CONFIG.replace("https://example.com/", "https://x.github.io/briefs/"));
    f.company("meta", "name: Meta\naliases: [메타]\n");
    f.write("content/briefings/bundle/index.md", "---\ntitle: Bundle\ndate: 2025-01-02\ntags: [투자]\ncompanies: [메타]\nquotes:\n  - speaker: 이해진\n    text: 살기 위해\n---\n메타가 ![c](chart.svg) [about](/briefs/about/)\n\n```rust\nlet x = 1;\n```\n");
    f.write("content/briefings/bundle/chart.svg", "<svg/>");
    f.briefing("b.md", "title: B\ndate: 2025-01-01\ndeals:\n  - investors: [meta]\n    target: Scale AI\n    amount: \"$1B\"\n", "x\n");
    f.write("content/pages/about.md", "---\ntitle: About\n---\nAbout.\n");
    f.write("static/favicon.ico", "i");
    f.build();
    let public = f.root().join("public");
    let files: HashSet<String> = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let mut checked = 0;
    for page in files.iter().filter(|p| p.ends_with(".html")) {
        let html = std::fs::read_to_string(public.join(page)).unwrap();
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        for link in attribute_values(&html, "href")
            .into_iter()
            .chain(attribute_values(&html, "src"))
        {
            let link = link
                .split('#')
                .next()
                .unwrap()
                .split('?')
                .next()
                .unwrap()
                .to_string();
            if link.is_empty() || link.starts_with("http") || link.starts_with("mailto:") {
                continue;
            }
            let path = if let Some(abs) = link.strip_prefix("/briefs/") {
                abs.to_string()
            } else {
                assert!(
                    !link.starts_with('/'),
                    "{page}: `{link}` drops the /briefs/ prefix"
                );
                format!("{dir}/{link}").trim_start_matches('/').to_string()
            };
            let path = briefly::paths::percent_decode(&path).unwrap();
            let target = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.clone()
            };
            assert!(
                files.contains(&target),
                "{page}: `{link}` does not resolve ({target})"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "checked {checked} links");
}
