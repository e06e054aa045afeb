//! The archive (`/archive/`, `/archive/YYYY/`), related briefings on a
//! briefing's page, and the deal flow charts on `/deals/` (section 7).

mod common;

use common::{CONFIG, Fixture};

const EN: &str =
    "\n[languages.en]\ntitle = \"Test Briefings (EN)\"\ndescription = \"In English\"\n";

/// The texts between `start` and the next `end`, in order.
fn between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    html.split(start)
        .skip(1)
        .map(|rest| rest.split(end).next().unwrap())
        .collect()
}

/// Month headings and briefing titles of an archive page, in order.
fn archive_outline(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for section in html.split("<h2 class=\"archive-month-title\"").skip(1) {
        let heading = section
            .split('>')
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap();
        out.push(format!("# {heading}"));
        for title in between(section, "class=\"card-title\"><a href=\"", "</a>") {
            out.push(title.split("\">").nth(1).unwrap().to_string());
        }
    }
    out
}

/// A bilingual site, two briefings a page: five briefings of 2025 (three in
/// June, so June runs over two pages; one written in English only), one of
/// 2024 and one of 2023.
fn archive_site() -> Fixture {
    let f = Fixture::new(&format!("paginate_by = 2\n{CONFIG}{EN}"));
    let b = |name: &str, fm: &str| {
        f.briefing(name, fm, "본문.\n");
    };
    b("june-20.md", "title: 유월 이십일\ndate: 2025-06-20\n");
    b("june-20.en.md", "title: June twentieth\ndate: 2025-06-20\n");
    b("june-05.md", "title: 유월 오일\ndate: 2025-06-05\n");
    b("june-01.md", "title: 유월 일일\ndate: 2025-06-01\n");
    b(
        "may-only.md",
        "title: May only\ndate: 2025-05-15\nlang: en\n",
    );
    b("april.md", "title: 사월\ndate: 2025-04-10\n");
    b("december.md", "title: 십이월\ndate: 2024-12-31\n");
    b("old.md", "title: 오래된\ndate: 2023-01-02\n");
    f.build();
    f
}

#[test]
fn the_archive_lists_years_newest_first_with_counts() {
    let f = archive_site();
    let ko = f.read("archive/index.html");
    let years: Vec<&str> = between(&ko, "<li><a href=\"/archive/", "/\"");
    assert_eq!(years, ["2025", "2024", "2023"]);
    assert!(
        ko.contains("<a href=\"/archive/2025/\">2025</a> <span class=\"count\">브리핑 5건</span>"),
        "{ko}"
    );
    assert!(
        ko.contains("<a href=\"/archive/2024/\">2024</a> <span class=\"count\">브리핑 1건</span>")
    );
    let en = f.read("en/archive/index.html");
    assert!(
        en.contains(
            "<a href=\"/en/archive/2025/\">2025</a> <span class=\"count\">5 briefings</span>"
        ),
        "{en}"
    );
    assert!(en.contains(
        "<a href=\"/en/archive/2023/\">2023</a> <span class=\"count\">1 briefing</span>"
    ));
    assert!(ko.contains("<title>아카이브 · Test Briefings</title>"));
}

#[test]
fn a_year_groups_its_briefings_by_month_over_pages() {
    let f = archive_site();
    let pages: Vec<Vec<String>> = ["", "page/2/", "page/3/"]
        .iter()
        .map(|p| archive_outline(&f.read(&format!("archive/2025/{p}index.html"))))
        .collect();
    assert_eq!(
        pages,
        [
            vec!["# 2025년 6월", "유월 이십일", "유월 오일"],
            // June continues: its heading comes again.
            vec!["# 2025년 6월", "유월 일일", "# 2025년 5월", "May only"],
            vec!["# 2025년 4월", "사월"],
        ]
    );
    assert!(!f.exists("archive/2025/page/4/index.html"));
    let first = f.read("archive/2025/index.html");
    assert!(first.contains("<h1 class=\"page-title\">2025년 브리핑</h1>"));
    assert!(first.contains("rel=\"next\" href=\"/archive/2025/page/2/\""));
    assert!(first.contains("페이지 1 / 3"));
    let second = f.read("archive/2025/page/2/index.html");
    assert!(second.contains("rel=\"prev\" href=\"/archive/2025/\""));
    assert!(second.contains("<title>2025년 브리핑 · 페이지 2 · Test Briefings</title>"));
    // An untranslated briefing is marked with its language.
    assert!(
        second.contains("<span class=\"badge\" lang=\"en\">EN</span>"),
        "{second}"
    );
    assert_eq!(
        archive_outline(&f.read("archive/2024/index.html")),
        ["# 2024년 12월", "십이월"]
    );

    let en: Vec<Vec<String>> = ["", "page/2/"]
        .iter()
        .map(|p| archive_outline(&f.read(&format!("en/archive/2025/{p}index.html"))))
        .collect();
    assert_eq!(
        en,
        [
            vec!["# June 2025", "June twentieth", "유월 오일"],
            vec!["# June 2025", "유월 일일", "# May 2025", "May only"],
        ]
    );
    assert!(
        f.read("en/archive/2025/index.html")
            .contains("Briefings from 2025")
    );
}

#[test]
fn the_footer_links_the_archive_and_the_sitemap_lists_it() {
    let f = archive_site();
    assert!(
        f.read("index.html")
            .contains("<a href=\"/archive/\">아카이브</a>")
    );
    assert!(
        f.read("en/index.html")
            .contains("<a href=\"/en/archive/\">Archive</a>")
    );
    let sitemap = f.read("sitemap.xml");
    for url in [
        "archive/",
        "archive/2025/",
        "archive/2025/page/3/",
        "archive/2023/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.com/{url}</loc>")),
            "{url}"
        );
    }
    assert!(
        f.read("en/sitemap.xml")
            .contains("<loc>https://example.com/en/archive/2024/</loc>")
    );
}

/// The titles of a briefing page's related briefings, in order.
fn related(f: &Fixture, slug: &str) -> Vec<String> {
    let html = f.read(&format!("briefings/{slug}/index.html"));
    let Some(section) = html.split("<section class=\"related\"").nth(1) else {
        return Vec::new();
    };
    let section = section.split("</section>").next().unwrap();
    assert!(section.contains("<h2 id=\"related-title\">관련 브리핑</h2>"));
    between(section, "<li><a href=\"", "</a>")
        .into_iter()
        .map(|s| s.split("\">").nth(1).unwrap().to_string())
        .collect()
}

#[test]
fn related_briefings_rank_deal_then_company_then_tag_newest_first() {
    let f = Fixture::new(CONFIG);
    f.company("gamma", "name: Gamma\n");
    let b = |name: &str, fm: &str| {
        f.briefing(&format!("{name}.md"), fm, "본문.\n");
    };
    b(
        "me",
        "title: 나\ndate: 2025-06-10\ncompanies: [gamma]\ntags: [ai]\ndeals:\n  - id: d1\n    investors: [acme]\n    target: beta\n",
    );
    // The deal tier, newest first; `deal-new` also shares the tag, and is listed once.
    b(
        "deal-old",
        "title: 딜 옛날\ndate: 2025-01-01\ndeals:\n  - id: d1\n",
    );
    b(
        "deal-new",
        "title: 딜 최신\ndate: 2025-06-20\ntags: [ai]\ndeals:\n  - id: d1\n",
    );
    // The company tier.
    b(
        "company-1",
        "title: 기업 하나\ndate: 2025-05-01\ncompanies: [gamma]\n",
    );
    b(
        "company-2",
        "title: 기업 둘\ndate: 2025-03-01\ncompanies: [gamma]\n",
    );
    // The tag tier: only the newest makes the five.
    b("tag-1", "title: 태그 하나\ndate: 2025-07-01\ntags: [ai]\n");
    b("tag-2", "title: 태그 둘\ndate: 2025-02-01\ntags: [ai]\n");
    b("tag-3", "title: 태그 셋\ndate: 2024-01-01\ntags: [ai]\n");
    // Shares nothing with anyone.
    b("lonely", "title: 외톨이\ndate: 2025-06-11\ntags: [other]\n");
    f.build();
    assert_eq!(
        related(&f, "me"),
        ["딜 최신", "딜 옛날", "기업 하나", "기업 둘", "태그 하나"]
    );
    // From a tag sharer: the tag tier, newest first, never itself.
    assert_eq!(
        related(&f, "tag-2"),
        ["태그 하나", "딜 최신", "나", "태그 셋"]
    );
    assert!(related(&f, "lonely").is_empty());
    assert!(
        !f.read("briefings/lonely/index.html")
            .contains("class=\"related\"")
    );
}

#[test]
fn related_briefings_in_another_language_are_marked() {
    let f = Fixture::new(&format!("{CONFIG}{EN}"));
    f.briefing(
        "ko.md",
        "title: 한국어\ndate: 2025-06-10\ntags: [ai]\n",
        "본문.\n",
    );
    f.briefing(
        "ko.en.md",
        "title: Korean, translated\ndate: 2025-06-10\n",
        "Body.\n",
    );
    f.briefing(
        "en-only.md",
        "title: English only\ndate: 2025-06-01\nlang: en\ntags: [ai]\n",
        "Body.\n",
    );
    f.build();
    let ko = f.read("briefings/ko/index.html");
    assert!(
        ko.contains("<li lang=\"en\"><a href=\"/en/briefings/en-only/\">English only</a>"),
        "{ko}"
    );
    assert!(ko.contains(
        "<span class=\"badge\" lang=\"en\">EN</span> <span class=\"muted\">번역 없음</span>"
    ));
    let en = f.read("en/briefings/en-only/index.html");
    assert!(en.contains("<h2 id=\"related-title\">Related briefings</h2>"));
    assert!(
        en.contains("<a href=\"/en/briefings/ko/\">Korean, translated</a>"),
        "{en}"
    );
}

/// The `<title>` of each row of the deal flow chart of `kind` (month, quarter).
fn flow(html: &str, kind: &str) -> Vec<String> {
    let chart = html
        .split(&format!("chart-flow chart-flow-{kind}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("no {kind} chart"))
        .split("</svg>")
        .next()
        .unwrap();
    between(chart, "<title>", "</title>")
        .into_iter()
        .map(String::from)
        .collect()
}

#[test]
fn deal_flow_counts_and_sums_per_month_and_quarter_without_cancelled_deals() {
    let f = Fixture::new(&format!("paginate_by = 2\n{CONFIG}{EN}"));
    let b = |name: &str, fm: &str| {
        f.briefing(&format!("{name}.md"), fm, "본문.\n");
    };
    b(
        "b1",
        "title: 1\ndate: 2025-06-10\ndeals:\n  - id: x1\n    investors: [a]\n    target: b\n    amount: \"$1B\"\n",
    );
    b(
        "b2",
        "title: 2\ndate: 2025-06-20\ndeals:\n  - id: x2\n    investors: [a]\n    target: c\n    amount: \"1조원\"\n",
    );
    b(
        "b3",
        "title: 3\ndate: 2025-05-02\ndeals:\n  - id: x3\n    investors: [a]\n    target: d\n    amount: \"$5B\"\n    status: cancelled\n",
    );
    b(
        "b4",
        "title: 4\ndate: 2025-04-15\ndeals:\n  - id: x4\n    investors: [a]\n    target: e\n    amount: 비공개\n",
    );
    b(
        "b5",
        "title: 5\ndate: 2025-01-10\ndeals:\n  - id: x5\n    investors: [a]\n    target: g\n    amount: \"$2B\"\n",
    );
    f.build();
    let ko = f.read("deals/index.html");
    assert_eq!(
        flow(&ko, "month"),
        [
            "2025년 6월: 딜 2건 · 약 17억 3천만 달러",
            "2025년 5월: 딜 0건",
            "2025년 4월: 딜 1건",
            "2025년 3월: 딜 0건",
            "2025년 2월: 딜 0건",
            "2025년 1월: 딜 1건 · 20억 달러",
        ]
    );
    assert_eq!(
        flow(&ko, "quarter"),
        [
            "2025년 2분기: 딜 3건 · 약 17억 3천만 달러",
            "2025년 1분기: 딜 1건 · 20억 달러",
        ]
    );
    assert!(ko.contains("data-period=\"2025-Q2\" data-count=\"3\""));
    assert!(ko.contains("<figcaption>월별 딜 흐름</figcaption>"));
    let en = f.read("en/deals/index.html");
    assert_eq!(
        flow(&en, "month")[..3],
        [
            "June 2025: 2 deals · about $1.73B",
            "May 2025: 0 deals",
            "April 2025: 1 deal"
        ]
    );
    assert_eq!(
        flow(&en, "quarter"),
        ["2025 Q2: 3 deals · about $1.73B", "2025 Q1: 1 deal · $2B"]
    );
    // Drawn for phones: 640 units wide, labels of 22 units (style.css).
    assert!(en.contains("viewBox=\"0 0 640 "));
    // The first page only.
    assert!(f.exists("deals/page/2/index.html"));
    assert!(!f.read("deals/page/2/index.html").contains("chart-flow"));
}

#[test]
fn deal_flow_shows_at_most_a_year_of_months_and_two_years_of_quarters() {
    let f = Fixture::new(CONFIG);
    for year in 2021..=2025 {
        for month in [1, 7] {
            f.briefing(
                &format!("b{year}-{month}.md"),
                &format!("title: t\ndate: {year}-{month:02}-03\ndeals:\n  - id: d{year}-{month}\n    investors: [a]\n    target: b\n    amount: \"$1B\"\n"),
                "x\n",
            );
        }
    }
    f.build();
    let html = f.read("deals/index.html");
    let months = flow(&html, "month");
    assert_eq!(months.len(), 12);
    assert_eq!(months[0], "2025년 7월: 딜 1건 · 10억 달러");
    assert_eq!(months[11], "2024년 8월: 딜 0건");
    let quarters = flow(&html, "quarter");
    assert_eq!(quarters.len(), 8);
    assert_eq!(quarters[0], "2025년 3분기: 딜 1건 · 10억 달러");
    assert_eq!(quarters[7], "2023년 4분기: 딜 0건");
}
