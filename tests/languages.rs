//! A bilingual site (section 10): pages per language, alternates both ways, the
//! switcher, feeds and sitemaps per language, one deal identity across languages.

mod common;

use common::{CONFIG, Fixture};
use serde_json::json;

fn bilingual() -> Fixture {
    let f = Fixture::new(&format!(
        "{CONFIG}\n[languages.en]\ntitle = \"Test Briefings (EN)\"\ndescription = \"In English\"\n"
    ));
    f.company(
        "meta",
        "name: Meta\nnames: { ko: 메타, en: Meta }\naliases: [메타]\n",
    );
    f.briefing(
        "talks.md",
        "title: 메타 투자 협상\ndate: 2025-06-10\ntags: [투자]\nsource: { name: 헤럴드경제 }\ndeals:\n  - id: meta-scale-ai-2025\n    investors: [meta]\n    target: Scale AI\n    amount: \"100억달러\"\n    status: negotiating\nquotes:\n  - speaker: 이해진\n    text: 살기 위해 투자한다\n",
        "메타가 투자를 협상한다.\n",
    );
    f.briefing(
        "talks.en.md",
        "title: Meta in talks\ndate: 2025-06-10\ntags: [investment]\nquotes:\n  - speaker: Lee Hae-jin\n    text: We invest to survive\n",
        "Meta is negotiating.\n",
    );
    f.briefing(
        "closed.md",
        "title: 메타 투자 확정\ndate: 2025-06-13\ntags: [투자]\ndeals:\n  - id: meta-scale-ai-2025\n    amount: \"$14.3B\"\n    status: closed\n",
        "확정됐다.\n",
    );
    f.briefing(
        "english-only.md",
        "title: Only in English\ndate: 2025-06-12\nlang: en\n",
        "English only.\n",
    );
    f.build();
    f
}

#[test]
fn every_page_exists_per_language() {
    let f = bilingual();
    for page in [
        "index.html",
        "briefings/talks/index.html",
        "companies/meta/index.html",
        "deals/meta-scale-ai-2025/index.html",
        "tags/투자/index.html",
        "people/이해진/index.html",
        "search/index.html",
    ] {
        assert!(f.exists(page), "{page}");
    }
    for page in [
        "en/index.html",
        "en/briefings/talks/index.html",
        "en/briefings/english-only/index.html",
        "en/companies/meta/index.html",
        "en/deals/meta-scale-ai-2025/index.html",
        "en/tags/investment/index.html",
        "en/people/lee-hae-jin/index.html",
        "en/search/index.html",
        "en/search/manifest.json",
        "en/search/d/0.json",
    ] {
        assert!(f.exists(page), "{page}");
    }
    assert!(
        !f.exists("briefings/english-only/index.html"),
        "an untranslated briefing lives in its own language"
    );
    assert!(
        !f.exists("en/style.css") && f.exists("style.css"),
        "assets are shared"
    );
    assert!(!f.exists("en/api/briefings.json"));
    let en = f.read("en/briefings/talks/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Meta is negotiating."));
    assert!(en.contains("June 10, 2025"), "dates in the page's language");
    assert!(en.contains("href=\"/style.css\""));
    assert!(f.read("en/index.html").contains("Test Briefings (EN)"));
    let ko = f.read("briefings/talks/index.html");
    assert!(ko.contains("2025년 6월 10일"));
}

#[test]
fn alternates_point_both_ways_with_x_default() {
    let f = bilingual();
    for page in [
        "briefings/talks/index.html",
        "en/briefings/talks/index.html",
    ] {
        let html = f.read(page);
        assert!(html.contains("<link rel=\"alternate\" hreflang=\"ko\" href=\"https://example.com/briefings/talks/\">"), "{page}");
        assert!(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/en/briefings/talks/\">"), "{page}");
        assert!(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.com/briefings/talks/\">"), "{page}");
    }
    let company = f.read("en/companies/meta/index.html");
    assert!(company.contains("hreflang=\"ko\" href=\"https://example.com/companies/meta/\""));
    let only = f.read("en/briefings/english-only/index.html");
    assert!(
        !only.contains("<link rel=\"alternate\" hreflang=\"ko\""),
        "no Korean version to point at"
    );
}

#[test]
fn the_switcher_lands_on_the_same_page_or_the_home_page() {
    let f = bilingual();
    let ko = f.read("briefings/talks/index.html");
    assert!(
        ko.contains("<a href=\"/en/briefings/talks/\" lang=\"en\" hreflang=\"en\">English</a>"),
        "{ko}"
    );
    let only = f.read("en/briefings/english-only/index.html");
    assert!(only.contains("<a href=\"/\" lang=\"ko\" hreflang=\"ko\">한국어</a>"));
    let deal = f.read("en/deals/meta-scale-ai-2025/index.html");
    assert!(deal.contains("<a href=\"/deals/meta-scale-ai-2025/\" lang=\"ko\" hreflang=\"ko\">"));
}

/// A bilingual site whose people, tags and a page go by other names in
/// English, one page of each list at a time.
fn renamed() -> Fixture {
    let f = Fixture::new(&format!(
        "paginate_by = 1\n{CONFIG}\n[languages.en]\ntitle = \"Test Briefings (EN)\"\n"
    ));
    f.company(
        "scale-ai",
        "name: Scale AI\nnames: { ko: 스케일 AI, en: Scale AI }\n",
    );
    f.company("naver", "name: Naver\nnames: { ko: 네이버, en: Naver }\n");
    // The translation leaves one of the two quotes out.
    f.briefing(
        "talks.md",
        "title: 협상\ndate: 2025-06-10\ntags: [투자, 데이터 라벨링]\nquotes:\n  - speaker: 알렉산더 왕\n    company: scale-ai\n    text: 데이터가 전부다\n  - speaker: 홍길동\n    company: naver\n    text: 지켜보겠다\ncorrections:\n  - date: 2025-06-11\n    text: 바로잡습니다\n",
        "본문.\n",
    );
    f.briefing(
        "talks.en.md",
        "title: Talks\ndate: 2025-06-10\ntags: [investment, data labeling]\nquotes:\n  - speaker: Alexandr Wang\n    company: scale-ai\n    text: Data is everything\n",
        "Body.\n",
    );
    f.briefing(
        "deal.md",
        "title: 발표\ndate: 2025-06-13\ntags: [투자]\nquotes:\n  - speaker: 알렉산더 왕\n    text: 함께한다\n",
        "본문.\n",
    );
    f.briefing(
        "deal.en.md",
        "title: Announced\ndate: 2025-06-13\ntags: [investment]\nquotes:\n  - speaker: Alexandr Wang\n    text: Together\n",
        "Body.\n",
    );
    // Not translated: the English pages list it as it is.
    f.briefing(
        "later.md",
        "title: 이후\ndate: 2025-06-20\ntags: [투자]\nquotes:\n  - speaker: 알렉산더 왕\n    text: 다음 단계\n",
        "본문.\n",
    );
    f.write("content/pages/about.md", "---\ntitle: 소개\n---\n소개.\n");
    f.write(
        "content/pages/about.en.md",
        "---\ntitle: About\nslug: about-us\n---\nAbout.\n",
    );
    f.build();
    f
}

/// Where the language switch of `page` leads for `lang`.
fn switch_to(f: &Fixture, page: &str, lang: &str) -> String {
    let html = f.read(page);
    let nav = html
        .split("<nav class=\"lang-switch\"")
        .nth(1)
        .unwrap_or_else(|| panic!("{page}: no switcher"));
    let link = nav
        .split("<a href=\"")
        .skip(1)
        .find(|a| a.contains(&format!("lang=\"{lang}\"")))
        .unwrap_or_else(|| panic!("{page}: no {lang} link"));
    link[..link.find('"').unwrap()].to_string()
}

/// The language switch leads to the same page in the other language, also
/// where a person, tag or page goes by another name there; only a page the
/// other language lacks leads to the nearest one that holds it (a person's
/// own page, the list of people), never further up than it must.
#[test]
fn the_switcher_finds_the_same_person_tag_and_page_under_other_names() {
    let f = renamed();
    for (page, lang, target) in [
        // People: quoted under another name in the translations.
        (
            "people/알렉산더-왕/index.html",
            "en",
            "/en/people/alexandr-wang/",
        ),
        (
            "en/people/alexandr-wang/index.html",
            "ko",
            "/people/알렉산더-왕/",
        ),
        (
            "people/알렉산더-왕/page/2/index.html",
            "en",
            "/en/people/alexandr-wang/page/2/",
        ),
        (
            "en/people/alexandr-wang/page/2/index.html",
            "ko",
            "/people/알렉산더-왕/page/2/",
        ),
        // The English page has no third page of quotes: the person's page.
        (
            "people/알렉산더-왕/page/3/index.html",
            "en",
            "/en/people/alexandr-wang/",
        ),
        // Quoted only in Korean: the English list of people.
        ("people/홍길동/index.html", "en", "/en/people/"),
        ("people/index.html", "en", "/en/people/"),
        ("people/page/2/index.html", "en", "/en/people/page/2/"),
        ("en/people/index.html", "ko", "/people/"),
        // Tags.
        ("tags/투자/index.html", "en", "/en/tags/investment/"),
        ("en/tags/investment/index.html", "ko", "/tags/투자/"),
        (
            "tags/투자/page/2/index.html",
            "en",
            "/en/tags/investment/page/2/",
        ),
        ("tags/투자/page/3/index.html", "en", "/en/tags/investment/"),
        (
            "tags/데이터-라벨링/index.html",
            "en",
            "/en/tags/data-labeling/",
        ),
        (
            "en/tags/data-labeling/index.html",
            "ko",
            "/tags/데이터-라벨링/",
        ),
        // A standalone page translated under its own slug.
        ("about/index.html", "en", "/en/about-us/"),
        ("en/about-us/index.html", "ko", "/about/"),
        // Companies, deals, the archive and corrections share their paths.
        (
            "companies/scale-ai/index.html",
            "en",
            "/en/companies/scale-ai/",
        ),
        ("en/companies/naver/index.html", "ko", "/companies/naver/"),
        ("archive/2025/index.html", "en", "/en/archive/2025/"),
        (
            "archive/2025/page/2/index.html",
            "en",
            "/en/archive/2025/page/2/",
        ),
        ("en/archive/index.html", "ko", "/archive/"),
        ("corrections/index.html", "en", "/en/corrections/"),
        ("en/corrections/index.html", "ko", "/corrections/"),
    ] {
        assert_eq!(switch_to(&f, page, lang), target, "{page} → {lang}");
    }
    // The alternates in the head and the sitemap say the same.
    let person = f.read("people/알렉산더-왕/index.html");
    assert!(
        person.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/en/people/alexandr-wang/\">"),
        "{person}"
    );
    let alone = f.read("people/홍길동/index.html");
    assert!(
        !alone.contains("hreflang=\"en\" href"),
        "no English page to point at: {alone}"
    );
    let sitemap = f.read("sitemap.xml");
    assert!(
        sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/en/tags/investment/\"/>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/en/about-us/\"/>"),
        "{sitemap}"
    );
}

#[test]
fn entity_pages_list_their_language_first_and_mark_the_rest() {
    let f = bilingual();
    let home = f.read("index.html");
    let (closed, talks, only) = (
        home.find("메타 투자 확정").unwrap(),
        home.find("메타 투자 협상").unwrap(),
        home.find("Only in English").unwrap(),
    );
    assert!(
        closed < talks && talks < only,
        "Korean first, newest first, then the untranslated"
    );
    assert!(home.contains("href=\"/en/briefings/english-only/\""));
    assert!(home.contains("번역 없음"));
    let en_home = f.read("en/index.html");
    assert!(en_home.find("Only in English").unwrap() < en_home.find("Meta in talks").unwrap());
    assert!(
        en_home.find("Meta in talks").unwrap() < en_home.find("메타 투자 확정").unwrap(),
        "the untranslated Korean one comes last"
    );
    assert!(en_home.contains("not translated"));
}

#[test]
fn one_deal_across_languages_and_a_translation_is_not_a_mention() {
    let f = bilingual();
    let api = f.json("api/deals.json");
    let deal = &api["deals"][0];
    assert_eq!(
        deal["history"].as_array().unwrap().len(),
        2,
        "two briefings, not three files"
    );
    assert_eq!(deal["briefings"], json!(["closed", "talks"]));
    let companies = f.json("api/companies.json");
    let meta = companies["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "meta")
        .unwrap()
        .clone();
    assert_eq!(
        meta["invested_total"]["value"],
        json!(14300000000u64),
        "counted once"
    );
    let en_deal = f.read("en/deals/meta-scale-ai-2025/index.html");
    assert!(
        en_deal.contains("Meta in talks"),
        "the English page shows the English version"
    );
    assert!(en_deal.contains("Negotiating") && en_deal.contains("Closed"));
    let en_company = f.read("en/companies/meta/index.html");
    assert!(en_company.contains("<h1>Meta</h1>"), "names per language");
    assert!(
        f.read("companies/meta/index.html")
            .contains("<h1>메타</h1>")
    );
}

#[test]
fn the_api_gives_languages_and_translations() {
    let f = bilingual();
    let api = f.json("api/briefings.json");
    let slugs: Vec<&str> = api["briefings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["closed", "english-only", "talks"], "newest first");
    let talks = &api["briefings"][2];
    assert_eq!(talks["lang"], "ko");
    assert_eq!(
        talks["translations"],
        json!({"ko": "https://example.com/briefings/talks/", "en": "https://example.com/en/briefings/talks/"})
    );
    assert_eq!(
        api["briefings"][1]["url"],
        "https://example.com/en/briefings/english-only/"
    );
}

#[test]
fn feeds_search_and_sitemaps_per_language() {
    let f = bilingual();
    let en_feed = f.read("en/atom.xml");
    roxmltree::Document::parse(&en_feed).unwrap();
    assert!(en_feed.contains("Meta in talks") && en_feed.contains("Only in English"));
    assert!(
        !en_feed.contains("메타 투자 확정"),
        "an English feed has English entries"
    );
    let ko_feed = f.read("atom.xml");
    assert!(ko_feed.contains("메타 투자 확정") && !ko_feed.contains("Only in English"));
    let en_docs: serde_json::Value = f.json("en/search/d/0.json");
    assert_eq!(
        en_docs[0][0], "/briefings/closed/",
        "untranslated briefings link to their own language"
    );
    let sitemap = f.read("sitemap.xml");
    roxmltree::Document::parse(&sitemap).unwrap();
    assert!(sitemap.contains("<url><loc>https://example.com/briefings/talks/</loc><lastmod>2025-06-10</lastmod><xhtml:link rel=\"alternate\" hreflang=\"ko\" href=\"https://example.com/briefings/talks/\"/><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/en/briefings/talks/\"/></url>"), "{sitemap}");
    assert!(
        f.read("en/sitemap.xml")
            .contains("<loc>https://example.com/en/companies/meta/</loc>")
    );
    assert!(
        f.read("robots.txt")
            .contains("Sitemap: https://example.com/en/sitemap.xml")
    );
}

#[test]
fn a_monolingual_site_has_no_language_folders() {
    let f = Fixture::new(CONFIG);
    f.briefing("a.md", "title: A\ndate: 2025-01-01\n", "x\n");
    f.briefing("a.en.md", "title: A in English\ndate: 2025-01-01\n", "y\n");
    f.build();
    assert!(!f.root().join("public/en").exists() && !f.root().join("public/ko").exists());
    assert!(
        f.exists("briefings/a-en/index.html"),
        "without [languages], `.en` is part of the name"
    );
    let api = f.json("api/briefings.json");
    assert!(api["briefings"][0].get("translations").is_none());
    assert!(!f.read("index.html").contains("hreflang"));
}

#[test]
fn new_translate_scaffolds_from_the_original() {
    let f = bilingual();
    let (code, out, err) = f.run(&[
        "new",
        "briefing",
        "--lang",
        "en",
        "--translate",
        "content/briefings/closed.md",
        "Meta deal closed",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("content/briefings/closed.en.md"), "{out}");
    let text = std::fs::read_to_string(f.root().join("content/briefings/closed.en.md")).unwrap();
    assert!(text.contains("title: \"Meta deal closed\""));
    assert!(
        text.contains("id: meta-scale-ai-2025"),
        "the original's front matter"
    );
    assert_eq!(
        f.run(&[
            "new",
            "briefing",
            "--lang",
            "en",
            "--translate",
            "content/briefings/closed.md"
        ])
        .0,
        2,
        "never overwrites"
    );
    assert_eq!(
        f.run(&[
            "new",
            "briefing",
            "--lang",
            "fr",
            "--translate",
            "content/briefings/talks.md"
        ])
        .0,
        2
    );
    let (code, _, err) = f.run(&["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        f.read("en/briefings/closed/index.html")
            .contains("Meta deal closed")
    );
}

#[test]
fn check_warns_about_translations() {
    let f = bilingual();
    f.write(
        "site.toml",
        &format!(
            "{}\n",
            f.read_root("site.toml").replace(
                "[languages.en]",
                "[languages]\nrequire_translations = true\n[languages.en]"
            )
        ),
    );
    f.briefing("closed.en.md", "title: Closed\ndate: 2025-06-13\ndeals:\n  - id: another-deal\n    investors: [x]\n    target: y\n", "x\n");
    let (code, _, err) = f.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: content/briefings/closed.en.md:1:1: the translation's deals differ from those of content/briefings/closed.md"), "{err}");
    assert!(err.contains("warning: content/briefings/english-only.md:1:1: no ko translation: add content/briefings/english-only.ko.md"), "{err}");
    assert!(!err.contains("talks.md:1:1: no en translation"));
}

/// Section 7: output paths clash across language views, `LANG/` prefix
/// included, and each clash names both sources, never silently replacing one.
#[test]
fn paths_clash_across_languages() {
    let f = bilingual();
    // A static file at the English home page, and one where the English
    // site needs a folder.
    f.write("static/en/index.html", "<!doctype html>");
    f.write("static/en/tags", "a file");
    let errors = f.build_errors();
    assert!(
        errors.contains(
            "error: static/en/index.html:1:1: `en/index.html` would be written by both static/en/index.html and the generated home page (en)"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("error: static/en/tags:1:1: `en/tags` would be both a file, from static/en/tags, and a folder holding `en/tags/"),
        "{errors}"
    );
    // Without them the site builds again, its English home page its own.
    std::fs::remove_dir_all(f.root().join("static")).unwrap();
    f.build();
    assert!(f.read("en/index.html").contains("Test Briefings (EN)"));
}

/// A company named in an English body links to the English company page; a
/// Korean body to the Korean one.
#[test]
fn body_company_links_stay_in_the_body_language() {
    let f = bilingual();
    let en = f.read("en/briefings/talks/index.html");
    assert!(
        en.contains("<a class=\"company-link\" href=\"/en/companies/meta/\">Meta</a>"),
        "{en}"
    );
    let ko = f.read("briefings/talks/index.html");
    assert!(
        ko.contains("<a class=\"company-link\" href=\"/companies/meta/\">메타</a>"),
        "{ko}"
    );
}

#[test]
fn a_quote_is_marked_with_the_language_it_is_written_in() {
    // A translation keeps a quote as spoken: the Korean words on the English
    // page are marked Korean (Korean line breaking), and an English quote in
    // a Korean briefing is marked English; a quote in the page's language
    // carries no mark.
    let f = Fixture::new(&format!("{CONFIG}\n[languages.en]\ntitle = \"EN\"\n"));
    f.briefing(
        "talks.md",
        "title: 협상\ndate: 2025-06-10\nquotes:\n  - speaker: 이해진\n    role: 창업자\n    text: 살기 위해 투자한다\n  - speaker: Alexandr Wang\n    role: CEO\n    text: Data is everything\n",
        "본문.\n",
    );
    f.briefing(
        "talks.en.md",
        "title: Talks\ndate: 2025-06-10\nquotes:\n  - speaker: Lee Hae-jin\n    role: 창업자\n    text: 살기 위해 투자한다\n",
        "Body.\n",
    );
    f.build();
    let ko = f.read("briefings/talks/index.html");
    assert!(
        ko.contains("<blockquote><p>살기 위해 투자한다</p></blockquote>"),
        "{ko}"
    );
    assert!(
        ko.contains("<blockquote lang=\"en\"><p>Data is everything</p></blockquote>"),
        "{ko}"
    );
    assert!(
        ko.contains("<span class=\"role\" lang=\"en\">CEO</span>"),
        "{ko}"
    );
    assert!(ko.contains("<span class=\"role\">창업자</span>"), "{ko}");
    let en = f.read("en/briefings/talks/index.html");
    assert!(
        en.contains("<blockquote lang=\"ko\"><p>살기 위해 투자한다</p></blockquote>"),
        "{en}"
    );
    assert!(
        en.contains("<span class=\"role\" lang=\"ko\">창업자</span>"),
        "{en}"
    );
    assert!(!en.contains("<figure class=\"quote\" lang="), "{en}");
}

/// The links of the site navigation that say they are the current page.
fn current_in_nav(page: &str) -> Vec<String> {
    let start = page.find("<nav class=\"site-nav\"").expect("a site nav");
    let nav = &page[start..start + page[start..].find("</nav>").unwrap()];
    nav.split("<a ")
        .skip(1)
        .filter(|link| link.contains("aria-current=\"page\""))
        .map(|link| {
            let href = &link[link.find("href=\"").unwrap() + 6..];
            href[..href.find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn the_navigation_marks_the_section_of_every_page_in_both_languages() {
    let f = Fixture::new(&format!(
        "paginate_by = 1\n{}\n[languages.en]\ntitle = \"Test Briefings (EN)\"\n",
        CONFIG.replace("https://example.com/", "https://example.com/briefs/")
    ));
    f.company("meta", "name: Meta\nnames: { ko: 메타, en: Meta }\n");
    for (name, lang) in [("talks", "ko"), ("closed", "ko"), ("talks.en", "en")] {
        f.briefing(
            &format!("{name}.md"),
            "title: 메타 투자\ndate: 2025-06-10\ntags: [투자]\ndeals:\n  - id: meta-scale-ai-2025\n    investors: [meta]\n    target: Scale AI\n    status: negotiating\nquotes:\n  - speaker: 이해진\n    text: 살기 위해 투자한다\n",
            &format!("{lang} body\n"),
        );
    }
    f.build();
    for (prefix, root) in [("", "/briefs/"), ("en/", "/briefs/en/")] {
        for (page, section) in [
            ("index.html", Some("")),
            ("page/2/index.html", Some("")),
            ("briefings/talks/index.html", Some("")),
            ("companies/index.html", Some("companies/")),
            ("companies/meta/index.html", Some("companies/")),
            ("deals/index.html", Some("deals/")),
            ("deals/meta-scale-ai-2025/index.html", Some("deals/")),
            ("tags/index.html", Some("tags/")),
            ("people/index.html", Some("people/")),
            ("search/index.html", Some("search/")),
            ("archive/index.html", None),
            ("investors/index.html", None),
            ("corrections/index.html", None),
        ] {
            let path = format!("{prefix}{page}");
            let expected: Vec<String> = section.map(|s| format!("{root}{s}")).into_iter().collect();
            assert_eq!(current_in_nav(&f.read(&path)), expected, "{path}");
        }
    }
}
