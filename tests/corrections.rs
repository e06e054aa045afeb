//! Corrections: on the briefing page (oldest first, with dates), in its
//! JSON-LD, in `updated`, on `/corrections/` (newest first, paginated, per
//! language) and in the corrections feeds.

mod common;

use common::{CONFIG, Fixture};
use serde_json::{Value, json};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// A bilingual site, two corrections a page; four corrections in all.
fn site() -> Fixture {
    let f = Fixture::new(&format!(
        "{}\n[languages.en]\ntitle = \"Test Briefings (EN)\"\n",
        CONFIG.replace("timezone", "paginate_by = 2\ntimezone")
    ));
    // Written out of order: the page shows them oldest first.
    f.briefing(
        "a.md",
        "title: 가\ndate: 2025-06-01\ncorrections:\n  - date: 2025-06-05\n    text: \"가 둘째 정정\"\n  - date: 2025-06-02\n    text: \"투자 규모를 10억달러에서 100억달러로 바로잡습니다.\"\n",
        "본문\n",
    )
    // A translation without corrections shows the original's.
    .briefing("a.en.md", "title: A\ndate: 2025-06-01\n", "Body\n")
    // An explicit `updated` later than the newest correction stays.
    .briefing(
        "b.md",
        "title: 나\ndate: 2025-06-03\nupdated: 2025-06-20\ncorrections:\n  - date: 2025-06-04\n    text: \"나 정정\"\n",
        "본문\n",
    )
    // A translation with corrections of its own shows those.
    .briefing(
        "b.en.md",
        "title: B\ndate: 2025-06-03\ncorrections:\n  - date: 2025-06-04\n    text: \"B's correction, in English\"\n",
        "Body\n",
    )
    .briefing(
        "c.md",
        "title: 다\ndate: 2025-06-06\ncorrections:\n  - date: 2025-06-07\n    text: \"다 <정정> & 끝\"\n",
        "본문\n",
    )
    .briefing("d.md", "title: 라\ndate: 2025-06-08\n", "본문\n");
    f.build();
    f
}

fn jsonld(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD block")
        + 35;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

/// The text of the element with `open` (up to its closing `close`).
fn section<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}"));
    let end = start + html[start..].find(close).unwrap();
    &html[start..end]
}

/// Where each needle first occurs, in order; panics on a missing one.
fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            haystack
                .find(n)
                .unwrap_or_else(|| panic!("`{n}` missing in:\n{haystack}"))
        })
        .collect()
}

fn is_sorted(v: &[usize]) -> bool {
    v.windows(2).all(|w| w[0] < w[1])
}

#[test]
fn the_briefing_page_shows_its_corrections_oldest_first_with_dates() {
    let f = site();
    let html = f.read("briefings/a/index.html");
    let list = section(&html, "<section class=\"corrections\">", "</section>");
    assert!(list.contains("<h2>정정</h2>"), "{list}");
    let at = positions(
        list,
        &[
            "<li id=\"correction-1\"><time datetime=\"2025-06-02\">2025년 6월 2일</time>",
            "투자 규모를 10억달러에서 100억달러로 바로잡습니다.",
            "<li id=\"correction-2\"><time datetime=\"2025-06-05\">2025년 6월 5일</time>",
            "가 둘째 정정",
        ],
    );
    assert!(is_sorted(&at), "{list}");
    // `updated` defaults to the newest correction.
    assert!(
        html.contains("수정 <time datetime=\"2025-06-05\">"),
        "{html}"
    );
    // The English page: the original's corrections, dates and heading in English.
    let en = f.read("en/briefings/a/index.html");
    let list = section(&en, "<section class=\"corrections\">", "</section>");
    assert!(list.contains("<h2>Corrections</h2>"), "{list}");
    assert!(is_sorted(&positions(
        list,
        &["June 2, 2025", "10억달러에서", "June 5, 2025"]
    )));
    // Text is escaped; a briefing without corrections has no section.
    let c = f.read("briefings/c/index.html");
    assert!(c.contains("다 &lt;정정&gt; &amp; 끝"));
    assert!(
        !f.read("briefings/d/index.html")
            .contains("class=\"corrections\"")
    );
}

#[test]
fn json_ld_carries_correction_comments_and_date_modified_follows_them() {
    let f = site();
    let a = jsonld(&f.read("briefings/a/index.html"));
    assert_eq!(
        a["correction"],
        json!([
            {"@type": "CorrectionComment", "text": "투자 규모를 10억달러에서 100억달러로 바로잡습니다.", "datePublished": "2025-06-01T15:00:00Z"},
            {"@type": "CorrectionComment", "text": "가 둘째 정정", "datePublished": "2025-06-04T15:00:00Z"},
        ])
    );
    assert_eq!(a["datePublished"], "2025-05-31T15:00:00Z");
    assert_eq!(
        a["dateModified"], "2025-06-04T15:00:00Z",
        "the newest correction"
    );
    let b = jsonld(&f.read("briefings/b/index.html"));
    assert_eq!(
        b["dateModified"], "2025-06-19T15:00:00Z",
        "a later `updated` stays"
    );
    let en_a = jsonld(&f.read("en/briefings/a/index.html"));
    assert_eq!(
        en_a["correction"], a["correction"],
        "the original's corrections"
    );
    assert_eq!(en_a["dateModified"], "2025-06-04T15:00:00Z");
    let en_b = jsonld(&f.read("en/briefings/b/index.html"));
    assert_eq!(
        en_b["correction"][0]["text"], "B's correction, in English",
        "a translation's own corrections"
    );
    assert_eq!(en_b["correction"].as_array().unwrap().len(), 1);
    let d = jsonld(&f.read("briefings/d/index.html"));
    assert!(d.get("correction").is_none(), "{d}");
    assert_eq!(d["dateModified"], d["datePublished"]);
}

#[test]
fn the_corrections_page_lists_newest_first_and_paginates() {
    let f = site();
    let first = f.read("corrections/index.html");
    let main = section(&first, "<main", "</main>");
    assert!(main.contains("<h1 class=\"page-title\">정정</h1>"));
    let at = positions(
        main,
        &[
            "<time datetime=\"2025-06-07\">2025년 6월 7일</time>",
            "<a href=\"/briefings/c/#correction-1\">다</a>",
            "다 &lt;정정&gt; &amp; 끝",
            "<time datetime=\"2025-06-05\">2025년 6월 5일</time>",
            "<a href=\"/briefings/a/#correction-2\">가</a>",
            "가 둘째 정정",
        ],
    );
    assert!(is_sorted(&at), "{main}");
    assert!(!main.contains("나 정정"), "two a page");
    assert!(main.contains("<a rel=\"next\" href=\"/corrections/page/2/\">"));
    let second = f.read("corrections/page/2/index.html");
    let main = section(&second, "<main", "</main>");
    let at = positions(
        main,
        &[
            "<a href=\"/briefings/b/#correction-1\">나</a>",
            "나 정정",
            "<a href=\"/briefings/a/#correction-1\">가</a>",
            "10억달러에서",
        ],
    );
    assert!(is_sorted(&at), "{main}");
    assert!(main.contains("<a rel=\"prev\" href=\"/corrections/\">"));
    assert!(!f.exists("corrections/page/3/index.html"));
    assert!(!f.exists("corrections/page/1/index.html"));
    // Per language, with that language's corrections and strings.
    let en = f.read("en/corrections/index.html");
    let main = section(&en, "<main", "</main>");
    assert!(main.contains("<h1 class=\"page-title\">Corrections</h1>"));
    // An untranslated briefing is listed, marked, linking to its own language's page.
    let at = positions(
        main,
        &[
            "<li class=\"card correction\" lang=\"ko\">",
            "<span class=\"badge\" lang=\"ko\">KO</span>",
            "<a href=\"/briefings/c/#correction-1\">다</a>",
            "<a href=\"/en/briefings/a/#correction-2\">A</a>",
        ],
    );
    assert!(is_sorted(&at), "{main}");
    assert!(f.exists("en/corrections/page/2/index.html"));
    let en2 = f.read("en/corrections/page/2/index.html");
    assert!(en2.contains("B’s correction, in English"), "{en2}");
    // Linked from every page, and in the sitemap.
    assert!(f.read("index.html").contains("href=\"/corrections/\""));
    assert!(
        f.read("en/index.html")
            .contains("href=\"/en/corrections/\"")
    );
    let sitemap = f.read("sitemap.xml");
    assert!(
        sitemap
            .contains("<loc>https://example.com/corrections/</loc><lastmod>2025-06-07</lastmod>")
    );
    assert!(sitemap.contains("<loc>https://example.com/corrections/page/2/</loc>"));
    assert!(
        f.read("en/sitemap.xml")
            .contains("<loc>https://example.com/en/corrections/</loc>")
    );
}

#[test]
fn the_corrections_feeds_parse_with_one_entry_per_correction() {
    let f = site();
    let text = f.read("corrections/atom.xml");
    let doc = roxmltree::Document::parse(&text).expect("the Atom feed parses");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        child(feed, "id"),
        "https://example.com/corrections/atom.xml"
    );
    assert_eq!(child(feed, "updated"), "2025-06-07T00:00:00+09:00");
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    let ids: Vec<String> = entries.iter().map(|e| child(*e, "id")).collect();
    let expected_ids = [
        "https://example.com/briefings/c/#correction-1",
        "https://example.com/briefings/a/#correction-2",
        "https://example.com/briefings/b/#correction-1",
        "https://example.com/briefings/a/#correction-1",
    ];
    assert_eq!(ids, expected_ids);
    assert_eq!(child(entries[0], "content"), "다 <정정> & 끝");
    assert_eq!(child(entries[0], "updated"), "2025-06-07T00:00:00+09:00");
    assert_eq!(child(entries[0], "published"), "2025-06-07T00:00:00+09:00");
    let link = entries[0]
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")))
        .unwrap();
    assert_eq!(link.attribute("href"), Some(expected_ids[0]));

    let json: Value = serde_json::from_str(&f.read("corrections/feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(
        json["feed_url"],
        "https://example.com/corrections/feed.json"
    );
    let items = json["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, expected_ids);
    assert_eq!(
        items[3]["content_text"],
        "투자 규모를 10억달러에서 100억달러로 바로잡습니다."
    );
    assert_eq!(items[3]["date_published"], "2025-06-02T00:00:00+09:00");
    assert_eq!(items[3]["url"], expected_ids[3]);

    // The English feed: English briefings only (`c` is not translated), the
    // translation's own text.
    let en: Value = serde_json::from_str(&f.read("en/corrections/feed.json")).unwrap();
    let texts: Vec<&str> = en["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["content_text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"B's correction, in English"), "{texts:?}");
    assert_eq!(
        en["items"][0]["id"],
        "https://example.com/en/briefings/a/#correction-2"
    );
    assert_eq!(texts.len(), 3);
    roxmltree::Document::parse(&f.read("en/corrections/atom.xml")).unwrap();

    // The page links its feeds.
    let page = f.read("corrections/index.html");
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"정정 · Test Briefings\" href=\"/corrections/atom.xml\">"), "{page}");
}

#[test]
fn a_correction_updates_the_briefing_in_the_site_feed() {
    let f = site();
    let text = f.read("atom.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let entry = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .find(|e| {
            e.children().any(|c| {
                c.has_tag_name((ATOM, "id")) && c.text() == Some("https://example.com/briefings/a/")
            })
        })
        .expect("the briefing's entry");
    let updated = entry
        .children()
        .find(|c| c.has_tag_name((ATOM, "updated")))
        .and_then(|c| c.text());
    assert_eq!(updated, Some("2025-06-05T00:00:00+09:00"));
}

#[test]
fn a_site_without_corrections_still_has_the_page_and_empty_feeds() {
    let f = Fixture::new(CONFIG);
    f.briefing("a.md", "title: 가\ndate: 2025-06-01\n", "본문\n");
    f.build();
    assert!(
        f.read("corrections/index.html")
            .contains("아직 정정한 내용이 없습니다.")
    );
    assert!(!f.exists("corrections/page/2/index.html"));
    let text = f.read("corrections/atom.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(
        doc.root_element()
            .children()
            .filter(|c| c.has_tag_name((ATOM, "entry")))
            .count(),
        0
    );
    let json: Value = serde_json::from_str(&f.read("corrections/feed.json")).unwrap();
    assert_eq!(json["items"], json!([]));
}

#[test]
fn a_bad_correction_fails_the_build_at_its_line() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "a.md",
        "title: 가\ndate: 2025-06-01\ncorrections:\n  - date: 2025-06-31\n    text: x\n  - date: 2025-06-02\n",
        "본문\n",
    );
    let errors = f.build_errors();
    assert!(
        errors.contains(
            "content/briefings/a.md:5:11: `2025-06-31` is not a valid date: no such date"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("content/briefings/a.md:7:5: missing field `text`"),
        "{errors}"
    );
}
