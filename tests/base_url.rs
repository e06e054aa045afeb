//! base_url is validated once, from site.toml (bad input, exit 1) or from
//! `--base-url` (a bad flag, exit 2), and every link is made from it.

mod common;

use common::{CONFIG, Fixture};

fn site(base_url: &str) -> Fixture {
    let f = Fixture::new(&CONFIG.replace("https://example.com/", base_url));
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-01-01\ntags: [투자]\ncompanies: [meta]\n",
        "Body.\n",
    );
    f
}

#[test]
fn a_base_url_with_a_query_fragment_space_or_other_scheme_in_site_toml_is_bad_input() {
    for (url, says) in [
        ("https://x.org/briefs?x=1#frag", "has a query"),
        ("https://x.org/briefs#frag", "has a fragment"),
        ("https://exa mple.org/b", "contains a space"),
        ("ftp://x.org/", "has the scheme `ftp:`"),
    ] {
        let f = site(url);
        let (code, _, err) = f.run(&["build"]);
        assert_eq!(code, 1, "{url}: {err}");
        assert!(
            err.contains("error: site.toml:2:12: base_url `"),
            "{url}: {err}"
        );
        assert!(err.contains(says), "{url}: {err}");
        assert!(
            !f.root().join("public").exists(),
            "{url}: nothing is written"
        );
    }
}

#[test]
fn a_bad_base_url_flag_is_a_usage_error() {
    let f = site("https://example.com/");
    for url in [
        "https://x.org/briefs?x=1#frag",
        "https://exa mple.org/b",
        "briefs/",
    ] {
        let (code, _, err) = f.run(&["build", "--base-url", url]);
        assert_eq!(code, 2, "{url}: {err}");
        assert!(
            err.starts_with("error: --base-url: base_url `"),
            "{url}: {err}"
        );
        assert!(
            !f.root().join("public").exists(),
            "{url}: nothing is written"
        );
    }
}

#[test]
fn a_percent_encoded_base_path_is_kept_in_every_link() {
    let f = site("https://x.org/a%20b/");
    let (code, _, err) = f.run(&["build"]);
    assert_eq!(code, 0, "{err}");
    let home = f.read("index.html");
    assert!(home.contains("href=\"/a%20b/briefings/a/\""), "{home}");
    assert!(home.contains("href=\"/a%20b/tags/"), "{home}");
    let feed = f.read("atom.xml");
    assert!(feed.contains("https://x.org/a%20b/briefings/a/"), "{feed}");
    let api = f.json("api/briefings.json");
    assert_eq!(
        api["briefings"][0]["url"],
        "https://x.org/a%20b/briefings/a/"
    );
    let sitemap = f.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://x.org/a%20b/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn the_base_url_flag_overrides_site_toml_everywhere() {
    let f = site("https://example.com/");
    let (code, _, err) = f.run(&["build", "--base-url", "https://preview.example.net/pr-7"]);
    assert_eq!(code, 0, "{err}");
    let home = f.read("index.html");
    assert!(home.contains("href=\"/pr-7/briefings/a/\""), "{home}");
    assert!(!home.contains("https://example.com/"), "{home}");
}
