//! `[feeds]` (section 2): how many entries every feed holds, what the feeds of
//! companies, deals, tags and people carry, which feed files exist (and that
//! no page links to one that does not); and the lean page head: a short
//! description, said once for search engines and once for OpenGraph.

mod common;

use common::{CONFIG, Fixture};
use serde_json::Value;
use std::path::Path;

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// `count` briefings, one a day from 2025-01-01, each tagged, naming a
/// company, quoting one person and carrying a correction; each body's second
/// paragraph is only in a full entry.
fn site(feeds: &str, count: usize) -> Fixture {
    let f = Fixture::new(&format!("{CONFIG}{feeds}"));
    f.company("naver", "name: 네이버\n");
    for n in 1..=count {
        f.briefing(
            &format!("b{n:02}.md"),
            &format!(
                "title: \"브리핑 {n}\"\ndate: 2025-01-{n:02}\ntags: [투자]\ncompanies: [naver]\n\
                 deals:\n  - investors: [naver]\n    target: Twelve Labs\n    amount: \"$10M\"\n\
                 quotes:\n  - speaker: 이해진\n    company: naver\n    text: \"발언 {n}\"\n\
                 corrections:\n  - date: 2025-02-{n:02}\n    text: \"정정 {n}\"\n"
            ),
            &format!("요약 문단 {n}: 네이버가 투자했다.\n\n본문-전용-{n} 둘째 문단.\n"),
        );
    }
    f.build();
    f
}

const FEEDS_OF_ONE: &[&str] = &[
    "",
    "companies/naver/",
    "deals/naver-twelve-labs-2025/",
    "tags/투자/",
    "people/이해진/",
    "corrections/",
];

/// The entries of an Atom feed, each as (id, summary, content).
fn atom_entries(f: &Fixture, rel: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let text = f.read(rel);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .map(|c| c.text().unwrap_or("").to_string())
    };
    doc.root_element()
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            // RFC 4287: an entry without content has a summary, and a link.
            assert!(
                child(e, "content").is_some() || child(e, "summary").is_some(),
                "{rel}: an entry with neither content nor summary"
            );
            assert!(e.children().any(|c| c.has_tag_name((ATOM, "link"))));
            (
                child(e, "id").unwrap(),
                child(e, "summary"),
                child(e, "content"),
            )
        })
        .collect()
}

fn json_items(f: &Fixture, rel: &str) -> Vec<Value> {
    let feed = f.json(rel);
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    let items = feed["items"].as_array().unwrap().clone();
    for item in &items {
        // JSON Feed 1.1: every item has content_html or content_text.
        assert!(
            item["content_html"].is_string() || item["content_text"].is_string(),
            "{rel}: {item}"
        );
    }
    items
}

fn briefing_id(n: usize) -> String {
    format!("https://example.com/briefings/b{n:02}/")
}

/// Every file under `dir`, relative, `/`-separated.
fn files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Every `href` to a feed file in every page, with the page.
fn feed_links(public: &Path) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for rel in files(public).into_iter().filter(|r| r.ends_with(".html")) {
        let html = std::fs::read_to_string(public.join(&rel)).unwrap();
        for part in html.split("href=\"").skip(1) {
            let href = &part[..part.find('"').unwrap()];
            if href.ends_with("atom.xml") || href.ends_with("feed.json") {
                links.push((rel.clone(), href.to_string()));
            }
        }
    }
    links
}

#[test]
fn by_default_every_feed_holds_the_newest_twenty() {
    let f = site("", 25);
    let newest: Vec<String> = (6..=25).rev().map(briefing_id).collect();
    for dir in &FEEDS_OF_ONE[..5] {
        let atom: Vec<String> = atom_entries(&f, &format!("{dir}atom.xml"))
            .into_iter()
            .map(|(id, ..)| id)
            .collect();
        assert_eq!(atom, newest, "{dir}atom.xml");
        let json: Vec<String> = json_items(&f, &format!("{dir}feed.json"))
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(json, newest, "{dir}feed.json");
    }
    let corrections = atom_entries(&f, "corrections/atom.xml");
    assert_eq!(corrections.len(), 20);
    assert!(corrections[0].0.starts_with(&briefing_id(25)));
    assert_eq!(json_items(&f, "corrections/feed.json").len(), 20);
}

#[test]
fn limit_caps_every_feed() {
    let f = site("\n[feeds]\nlimit = 3\n", 5);
    let newest: Vec<String> = [5, 4, 3].into_iter().map(briefing_id).collect();
    for dir in &FEEDS_OF_ONE[..5] {
        let ids: Vec<String> = atom_entries(&f, &format!("{dir}atom.xml"))
            .into_iter()
            .map(|(id, ..)| id)
            .collect();
        assert_eq!(ids, newest, "{dir}");
        assert_eq!(json_items(&f, &format!("{dir}feed.json")).len(), 3);
    }
    assert_eq!(atom_entries(&f, "corrections/atom.xml").len(), 3);
    assert_eq!(json_items(&f, "corrections/feed.json").len(), 3);
}

#[test]
fn entity_feeds_carry_summaries_and_the_site_feed_whole_bodies() {
    let f = site("", 2);
    for dir in &FEEDS_OF_ONE[1..5] {
        for (id, summary, content) in atom_entries(&f, &format!("{dir}atom.xml")) {
            assert_eq!(content, None, "{dir}: {id} has no body");
            let summary = summary.unwrap();
            assert!(summary.starts_with("요약 문단"), "{summary}");
        }
        for item in json_items(&f, &format!("{dir}feed.json")) {
            assert!(item.get("content_html").is_none(), "{item}");
            // The summary is the item's text, once: no `summary` repeating it.
            assert!(item.get("summary").is_none(), "{item}");
            let text = item["content_text"].as_str().unwrap();
            assert!(
                text.starts_with("요약 문단") && !text.contains("본문-전용"),
                "{text}"
            );
        }
    }
    // The site feed: the whole body, the summary beside it.
    for (_, summary, content) in atom_entries(&f, "atom.xml") {
        assert!(content.unwrap().contains("본문-전용"));
        assert!(summary.unwrap().starts_with("요약 문단"));
    }
    for item in json_items(&f, "feed.json") {
        assert!(item["content_html"].as_str().unwrap().contains("본문-전용"));
        assert!(item.get("content_text").is_none());
    }
}

#[test]
fn entity_content_full_gives_entity_feeds_whole_bodies() {
    let f = site("\n[feeds]\nentity_content = \"full\"\n", 2);
    for dir in &FEEDS_OF_ONE[..5] {
        for (id, _, content) in atom_entries(&f, &format!("{dir}atom.xml")) {
            assert!(content.unwrap().contains("본문-전용"), "{dir}: {id}");
        }
        for item in json_items(&f, &format!("{dir}feed.json")) {
            assert!(item["content_html"].as_str().unwrap().contains("본문-전용"));
        }
    }
}

/// `formats` with one format: only its files exist, and every feed link of
/// every page points at one of them.
fn only(format: &str, file: &str, other: &str, other_type: &str) {
    let f = site(&format!("\n[feeds]\nformats = [\"{format}\"]\n"), 3);
    let public = f.root().join("public");
    let all = files(&public);
    assert!(
        !all.iter().any(|p| p.ends_with(other)),
        "no {other} with formats = [\"{format}\"]: {:?}",
        all.iter()
            .filter(|p| p.ends_with(other))
            .collect::<Vec<_>>()
    );
    for dir in FEEDS_OF_ONE {
        assert!(f.exists(&format!("{dir}{file}")), "{dir}{file}");
    }
    let links = feed_links(&public);
    assert!(links.iter().any(|(_, href)| href == &format!("/{file}")));
    for (page, href) in &links {
        assert!(!href.ends_with(other), "{page} links {href}");
        let target = href.trim_start_matches('/');
        assert!(f.exists(target), "{page} links {href}, which is not there");
    }
    for page in [
        "index.html",
        "tags/투자/index.html",
        "briefings/b01/index.html",
    ] {
        assert!(!f.read(page).contains(other_type), "{page}");
    }
}

#[test]
fn formats_json_writes_no_atom_anywhere() {
    only("json", "feed.json", "atom.xml", "application/atom+xml");
}

#[test]
fn formats_atom_writes_no_json_feed_anywhere() {
    only("atom", "atom.xml", "feed.json", "application/feed+json");
}

#[test]
fn with_both_formats_every_feed_link_points_at_a_file() {
    let f = site("", 2);
    let public = f.root().join("public");
    let links = feed_links(&public);
    for want in [
        "/atom.xml",
        "/feed.json",
        "/companies/naver/atom.xml",
        "/corrections/feed.json",
    ] {
        assert!(links.iter().any(|(_, h)| h == want), "{want}");
    }
    for (page, href) in links {
        assert!(
            f.exists(href.trim_start_matches('/')),
            "{page} links {href}"
        );
    }
    // A person's page links the person's feed.
    let person = f.read("people/이해진/index.html");
    assert!(person.contains("href=\"/people/이해진/atom.xml\""));
    // The home page links the site feed once per format.
    let home = f.read("index.html");
    assert_eq!(
        home.matches("href=\"/atom.xml\"").count(),
        2,
        "head and footer"
    );
    assert_eq!(
        home.matches("rel=\"alternate\" type=\"application/atom+xml\"")
            .count(),
        1
    );
}

#[test]
fn bad_feeds_values_fail_the_build_at_the_value() {
    let f = Fixture::new(&format!(
        "{CONFIG}\n[feeds]\nlimit = 0\nentity_content = \"excerpt\"\nformats = [\"atom\", \"rss\", \"atom\"]\n"
    ));
    f.briefing("a.md", "title: A\ndate: 2025-01-01\n", "본문\n");
    let (code, _, stderr) = f.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    let line = CONFIG.lines().count() + 3;
    for (at, what) in [
        (format!("site.toml:{line}:9:"), "limit must be at least 1"),
        (
            format!("site.toml:{}:18:", line + 1),
            "entity_content `excerpt`",
        ),
        (format!("site.toml:{}:20:", line + 2), "feed format `rss`"),
        (format!("site.toml:{}:27:", line + 2), "listed twice"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("error: ") && l.contains(&at) && l.contains(what)),
            "{at} {what} in:\n{stderr}"
        );
    }
    assert!(!f.root().join("public").exists());
    // An unknown key, at its line.
    f.write(
        "site.toml",
        &format!("{CONFIG}\n[feeds]\nlimits = 5\nformats = []\n"),
    );
    let (code, _, stderr) = f.run(&["build"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!("site.toml:{line}:1: unknown field `limits`")),
        "{stderr}"
    );
    f.write("site.toml", &format!("{CONFIG}\n[feeds]\nformats = []\n"));
    let (code, _, stderr) = f.run(&["build"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!("site.toml:{line}:11: formats is empty")),
        "{stderr}"
    );
}

/// The `content` of the first `<meta>` with this attribute, unescaped enough
/// to count characters.
fn meta<'a>(html: &'a str, attribute: &str) -> Option<&'a str> {
    let at = html.find(&format!("{attribute} content=\""))?;
    let rest = &html[at + attribute.len() + 10..];
    Some(&rest[..rest.find('"').unwrap()])
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

#[test]
fn a_briefing_head_says_a_short_description_twice_not_the_paragraph_four_times() {
    let f = Fixture::new(CONFIG);
    let paragraph = "네이버가 미국 실리콘밸리에 1억 달러 규모의 벤처 투자 법인을 세우고, \
                     영상 이해 AI 스타트업 트웰브랩스에 첫 투자를 집행했다. "
        .repeat(6);
    f.briefing(
        "long.md",
        "title: 긴 요약\ndate: 2025-01-01\n",
        &format!("{paragraph}\n\n둘째 문단.\n"),
    );
    f.briefing(
        "short.md",
        "title: Short\ndate: 2025-01-02\nsummary: \"Meta buys 49% of Scale AI.\"\n",
        "Body.\n",
    );
    f.build();
    let html = f.read("briefings/long/index.html");
    let head = &html[..html.find("</head>").unwrap()];
    let description = unescape(meta(head, "name=\"description\"").unwrap());
    assert!(description.chars().count() <= 170, "{description}");
    assert!(description.ends_with('…'));
    // An amount's words are bound by no-break spaces (`1억\u{a0}달러`).
    let spaced = |text: &str| text.replace('\u{a0}', " ");
    assert!(paragraph.starts_with(&spaced(description.trim_end_matches('…'))));
    assert_eq!(
        unescape(meta(head, "property=\"og:description\"").unwrap()),
        description
    );
    assert!(!head.contains("twitter:description") && !head.contains("twitter:title"));
    assert!(head.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    // JSON-LD says the same short text.
    let script = head.split("application/ld+json\">").nth(1).unwrap();
    let jsonld: Value = serde_json::from_str(&script[..script.find("</script>").unwrap()]).unwrap();
    assert_eq!(jsonld["description"], description.as_str());
    // The whole paragraph is in the body only, not in the head.
    assert!(!head.contains(paragraph.trim()));
    assert!(spaced(&html[head.len()..]).contains(paragraph.trim()));
    // A short summary is kept whole.
    let short = f.read("briefings/short/index.html");
    assert_eq!(
        meta(&short, "name=\"description\""),
        Some("Meta buys 49% of Scale AI.")
    );
}
