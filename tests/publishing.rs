//! Feeds, sitemap, robots, people, search index and structured data of a built site.

mod common;

use common::{CONFIG, Fixture};
use serde_json::Value;

fn site() -> Fixture {
    let f = Fixture::new(&CONFIG.replace("timezone", "feed_limit = 2\ntimezone"));
    f.company("naver", "name: 네이버\naliases: [Naver]\nfounded: 1999\nwebsite: https://navercorp.com\n")
        .company("naver-ventures", "name: 네이버 벤처스\naliases: [네이버벤처스]\nparent: naver\n")
        .briefing(
            "launch.md",
            "title: \"네이버벤처스 출범\"\ndate: 2025-06-09\nauthors: [편집팀]\ntags: [벤처 투자]\ncompanies: [네이버, 네이버 벤처스]\nsource: { name: 헤럴드경제, url: \"https://biz.heraldcorp.com/\" }\nquotes:\n  - speaker: 이해진\n    role: 이사회 의장\n    company: naver\n    text: \"다윗이 골리앗을 이기려면 돌멩이 하나를 잘 던져야 한다\"\n",
            "네이버가 실리콘밸리에 투자법인을 세웠다. ![차트](chart.svg)\n",
        )
        .briefing(
            "twelve.md",
            "title: \"트웰브랩스 투자\"\ndate: 2025-06-11\nupdated: 2025-06-12T10:00:00+09:00\ntags: [벤처 투자, 영상 AI]\ndeals:\n  - investors: [naver]\n    target: Twelve Labs\n    amount: \"$10M\"\nquotes:\n  - speaker: 이해진\n    role: 창업자\n    company: naver\n    text: \"살기 위해 투자한다\"\n",
            "네이버의 첫 투자처는 영상 AI 기업이다. 인수 제안은 없었다.\n",
        )
        .briefing(
            "meta.md",
            "title: \"Meta invests in Scale AI\"\ndate: 2025-06-13\nlang: en\ntags: [investment]\ndeals:\n  - investors: [Meta]\n    target: Scale AI\n    amount: \"13조원\"\n",
            "Meta agreed to invest 13조원 in Scale AI.\n",
        );
    f.build();
    f
}

fn xml(f: &Fixture, rel: &str) -> String {
    let text = f.read(rel);
    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel} is not XML: {e}"));
    text
}

#[test]
fn atom_feeds_parse_and_list_entries_newest_first() {
    let f = site();
    let text = xml(&f, "atom.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(atom));
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((atom, name)))
            .map(|c| c.text().unwrap_or("").to_string())
    };
    assert_eq!(child(feed, "id").unwrap(), "https://example.com/atom.xml");
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    assert_eq!(entries.len(), 2, "feed_limit = 2");
    let ids: Vec<String> = entries.iter().map(|e| child(*e, "id").unwrap()).collect();
    assert_eq!(
        ids,
        [
            "https://example.com/briefings/meta/",
            "https://example.com/briefings/twelve/"
        ]
    );
    // `updated` comes from `updated` when later than `date`, in the site's time zone.
    assert_eq!(
        child(entries[1], "updated").unwrap(),
        "2025-06-12T10:00:00+09:00"
    );
    assert_eq!(
        child(entries[1], "published").unwrap(),
        "2025-06-11T00:00:00+09:00"
    );
    assert_eq!(child(feed, "updated").unwrap(), "2025-06-13T00:00:00+09:00");
    let content = entries[1]
        .children()
        .find(|c| c.has_tag_name((atom, "content")))
        .unwrap();
    assert!(
        content.text().unwrap().contains("<p>"),
        "full content, as HTML"
    );
    assert_eq!(
        entries[0].attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("en")
    );
    // Per company, deal and tag.
    for rel in [
        "companies/naver/atom.xml",
        "deals/naver-twelve-labs-2025/atom.xml",
        "tags/벤처-투자/atom.xml",
    ] {
        xml(&f, rel);
    }
    let company = f.read("companies/naver/atom.xml");
    assert!(company.contains("briefings/twelve/") && company.contains("briefings/launch/"));
    assert!(!company.contains("briefings/meta/"));
}

#[test]
fn json_feeds_follow_version_1_1() {
    let f = site();
    let feed: Value = f.json("feed.json");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["feed_url"], "https://example.com/feed.json");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], "https://example.com/briefings/meta/");
    assert!(
        items[0]["content_html"]
            .as_str()
            .unwrap()
            .contains("13조원")
    );
    let tag: Value = f.json("tags/벤처-투자/feed.json");
    let ids: Vec<&str> = tag["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "https://example.com/briefings/twelve/",
            "https://example.com/briefings/launch/"
        ]
    );
}

#[test]
fn pages_link_their_feeds() {
    let f = site();
    assert!(f.read("index.html").contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Test Briefings\" href=\"/atom.xml\">"));
    assert!(
        f.read("companies/naver/index.html")
            .contains("href=\"/companies/naver/atom.xml\"")
    );
    assert!(
        f.read("tags/벤처-투자/index.html")
            .contains("href=\"/tags/벤처-투자/feed.json\"")
    );
}

#[test]
fn sitemap_lists_every_page_with_lastmod_and_robots_points_at_it() {
    let f = site();
    let text = xml(&f, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let locs: Vec<&str> = urls
        .iter()
        .map(|u| {
            u.children()
                .find(|c| c.has_tag_name("loc"))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    for expected in [
        "https://example.com/",
        "https://example.com/briefings/twelve/",
        "https://example.com/companies/naver/",
        "https://example.com/people/이해진/",
        "https://example.com/search/",
    ] {
        assert!(locs.contains(&expected), "{expected} missing from {locs:?}");
    }
    assert!(!locs.iter().any(|l| l.ends_with("404.html")));
    let pages = walkdir::WalkDir::new(f.root().join("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .count();
    assert_eq!(locs.len(), pages, "one entry per page");
    assert!(
        text.contains(
            "<loc>https://example.com/briefings/twelve/</loc><lastmod>2025-06-12</lastmod>"
        )
    );
    assert_eq!(
        f.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.com/sitemap.xml\n"
    );
}

#[test]
fn people_pages_gather_quotes_with_hangul_slugs() {
    let f = site();
    let person = f.read("people/이해진/index.html");
    assert!(person.contains("다윗이 골리앗을"));
    assert!(person.contains("살기 위해 투자한다"));
    assert!(
        person.find("살기 위해").unwrap() < person.find("다윗이").unwrap(),
        "newest first"
    );
    assert!(person.contains("창업자"), "the newest role");
    assert!(person.contains("href=\"/briefings/launch/\""));
    assert!(
        f.read("people/index.html")
            .contains("href=\"/people/이해진/\"")
    );
    assert!(
        f.read("briefings/launch/index.html")
            .contains("href=\"/people/이해진/\"")
    );
}

fn jsonld(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD block")
        + 35;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn structured_data_describes_articles_and_organizations() {
    let f = site();
    let article = jsonld(&f.read("briefings/launch/index.html"));
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], "네이버벤처스 출범");
    assert_eq!(article["inLanguage"], "ko");
    assert_eq!(article["datePublished"], "2025-06-08T15:00:00Z");
    assert_eq!(article["author"][0]["name"], "편집팀");
    assert_eq!(article["about"][0]["name"], "네이버");
    assert_eq!(article["isBasedOn"]["url"], "https://biz.heraldcorp.com/");
    assert_eq!(article["citation"][0]["@type"], "Quotation");
    assert_eq!(
        article["citation"][0]["spokenByCharacter"]["name"],
        "이해진"
    );
    let org = jsonld(&f.read("companies/naver-ventures/index.html"));
    assert_eq!(org["@type"], "Organization");
    assert_eq!(org["alternateName"], serde_json::json!(["네이버벤처스"]));
    assert_eq!(org["parentOrganization"]["name"], "네이버");
    let naver = jsonld(&f.read("companies/naver/index.html"));
    assert_eq!(naver["foundingDate"], "1999");
    assert_eq!(naver["sameAs"][0], "https://navercorp.com");
    let page = f.read("briefings/launch/index.html");
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(
        page.contains(
            "<meta property=\"og:title\" content=\"네이버벤처스 출범 · Test Briefings\">"
        )
    );
}

#[test]
fn structured_data_survives_a_title_that_closes_script() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "x.md",
        "title: \"</script><script>alert(1)</script>\"\ndate: 2025-01-01\n",
        "x\n",
    );
    f.build();
    let html = f.read("briefings/x/index.html");
    assert!(!html.contains("<script>alert"));
    let article = jsonld(&html);
    assert_eq!(article["headline"], "</script><script>alert(1)</script>");
}

#[test]
fn search_index_holds_documents_and_postings_without_the_text() {
    let f = site();
    let manifest: Value = f.json("search/manifest.json");
    assert_eq!(manifest["docs"], 3);
    let docs: Value = f.json("search/d/0.json");
    let urls: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[0].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            "/briefings/meta/",
            "/briefings/twelve/",
            "/briefings/launch/"
        ]
    );
    assert_eq!(
        docs[2].as_array().unwrap().len(),
        4,
        "url, title, date, summary: no full text, the postings are the index"
    );
    // Every shard's tokens, with their lists as document numbers.
    let mut postings = std::collections::BTreeMap::new();
    for n in 0..manifest["shards"].as_u64().unwrap() {
        let shard: Value = f.json(&format!("search/t/{n}.json"));
        for (token, list) in shard["t"].as_object().unwrap() {
            let mut v = 0;
            let docs: Vec<u64> = list
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    v += d.as_u64().unwrap();
                    v / 2
                })
                .collect();
            postings.insert(token.clone(), docs);
        }
    }
    assert!(
        !postings.contains_key("네이버벤처스"),
        "whole runs are matched by their pairs"
    );
    assert_eq!(postings["버벤"], [2]);
    assert_eq!(postings["벤처"], [1, 2], "tags and titles are indexed");
    assert_eq!(postings["처스"], [2]);
    assert_eq!(postings["scale"], [0]);
    assert_eq!(postings["13"], [0]);
    assert!(
        f.read("search/index.html")
            .contains("id=\"search-results\"")
    );
}

#[test]
fn charts_are_inline_svg() {
    let f = site();
    let company = f.read("companies/naver/index.html");
    assert!(company.contains("<svg class=\"chart chart-timeline\""));
    assert!(company.contains("<circle"));
    // Even one deal gets a scale: a dashed key circle for a round amount.
    assert!(
        company.contains("class=\"key-dot\"") && company.contains("점선 원: "),
        "{company}"
    );
    let deals = f.read("deals/index.html");
    assert!(deals.contains("<svg class=\"chart chart-bars chart-flow chart-flow-month\""));
    assert!(deals.contains("<svg class=\"chart chart-bars chart-flow chart-flow-quarter\""));
    assert!(deals.contains("<rect x=\"0\""));
    assert!(deals.contains("data-period=\"2025-06\""));
}

#[test]
fn reading_time_is_shown() {
    // On one line: `1분⏎분량` reads as two things.
    let f = site();
    assert!(
        f.read("briefings/launch/index.html")
            .contains("<span class=\"nobr\">1분 분량</span>")
    );
}
