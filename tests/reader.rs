//! What a reader sees: counts in each language's grammar, name lists in the
//! order readers look names up, no internal labels, no English chrome on Korean
//! pages, and the stylesheet's per-language typography.

mod common;

use common::{CONFIG, Fixture};

/// A Korean site with an English edition: companies with Hangul and Latin
/// names, an unregistered company (Scale AI), two pages of briefings.
fn site() -> Fixture {
    let f = Fixture::new(&format!(
        "paginate_by = 1\n{CONFIG}\n[languages.en]\ntitle = \"Test Briefings (EN)\"\n"
    ));
    f.company("naver", "name: Naver\nnames: { ko: 네이버, en: Naver }\n");
    f.company("kakao", "name: Kakao\nnames: { ko: 카카오, en: Kakao }\n");
    f.company("openai", "name: OpenAI\n");
    f.company("anthropic", "name: anthropic\n");
    f.company(
        "gaon",
        "name: Gaon Ventures\nnames: { ko: 가온벤처스, en: Gaon Ventures }\n",
    );
    f.briefing(
        "naver.md",
        "title: 네이버와 카카오의 투자\ndate: 2025-06-10\nauthors: [AI 산업 브리핑 편집팀]\ntags: [투자, LLM, 반도체]\ndeals:\n  - id: naver-scale-2025\n    investors: [naver, kakao]\n    target: Scale AI\n    amount: \"100억달러\"\n    status: announced\nquotes:\n  - speaker: 홍길동\n    text: 투자한다\n  - speaker: Alice Kim\n    text: 좋다\n",
        "네이버와 카카오가 투자한다. OpenAI, anthropic, 가온벤처스도 있다.\n",
    );
    f.briefing(
        "openai.md",
        "title: 오픈AI 소식\ndate: 2025-06-12\ndeals:\n  - id: openai-anthropic-2025\n    investors: [openai, gaon]\n    target: anthropic\n    amount: \"$1B\"\n    status: closed\n",
        "소식.\n",
    );
    f.build();
    f
}

/// The page's text without its markup and scripts (attribute values go with the tags).
fn text_of(html: &str) -> String {
    let mut visible = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        visible.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("</script>")
            .map_or("", |(_, after)| after);
    }
    visible.push_str(rest);
    let mut out = String::new();
    let mut in_tag = false;
    for c in visible.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every page of the paginated list at `base` (`companies/`), in order, as one text.
fn all_pages(f: &Fixture, base: &str) -> String {
    let mut html = f.read(&format!("{base}index.html"));
    for n in 2.. {
        let page = format!("{base}page/{n}/index.html");
        if !f.exists(&page) {
            break;
        }
        html.push_str(&f.read(&page));
    }
    html
}

/// The company names of an index page, in order.
fn card_titles(html: &str) -> Vec<String> {
    html.split("class=\"card-title")
        .skip(1)
        .map(|card| {
            let link = &card[card.find("\">").unwrap() + 2..];
            let name = &link[link.find('>').unwrap() + 1..];
            name[..name.find("</a>").unwrap()].to_string()
        })
        .collect()
}

#[test]
fn the_korean_company_index_is_in_ganada_order_then_latin() {
    let f = site();
    assert_eq!(
        card_titles(&all_pages(&f, "companies/")),
        [
            "가온벤처스",
            "네이버",
            "카카오",
            "anthropic",
            "OpenAI",
            "Scale AI"
        ]
    );
    assert_eq!(
        card_titles(&all_pages(&f, "en/companies/")),
        [
            "anthropic",
            "Gaon Ventures",
            "Kakao",
            "Naver",
            "OpenAI",
            "Scale AI"
        ]
    );
}

#[test]
fn tags_and_people_are_sorted_by_their_shown_name() {
    let f = site();
    let tags = text_of(&all_pages(&f, "tags/"));
    let (tuja, bandoche, llm) = (
        tags.find("#투자").unwrap(),
        tags.find("#반도체").unwrap(),
        tags.find("#LLM").unwrap(),
    );
    assert!(bandoche < tuja && tuja < llm, "{tags}");
    let people = text_of(&all_pages(&f, "people/"));
    assert!(people.find("홍길동").unwrap() < people.find("Alice Kim").unwrap());
}

#[test]
fn counts_read_as_each_language_writes_them() {
    let f = site();
    let ko = all_pages(&f, "companies/");
    assert!(ko.contains("브리핑 1건 · 딜 1건"), "{ko}");
    assert!(!ko.contains("1 브리핑") && !ko.contains("1 딜"));
    let en = all_pages(&f, "en/companies/");
    assert!(en.contains("1 briefing · 1 deal<"), "{en}");
    assert!(all_pages(&f, "people/").contains("발언 1건"));
    assert!(all_pages(&f, "en/people/").contains("1 quote<"));
}

#[test]
fn the_unregistered_badge_is_not_shown() {
    let f = site();
    for page in [
        "companies/index.html",
        "companies/scale-ai/index.html",
        "en/companies/index.html",
        "en/companies/scale-ai/index.html",
    ] {
        let text = text_of(&f.read(page));
        assert!(
            !text.contains("Unregistered") && !text.contains("미등록"),
            "{page}"
        );
    }
    assert!(
        f.read("companies/scale-ai/index.html")
            .contains("class=\"meta unregistered\"")
    );
}

#[test]
fn korean_pages_have_no_english_chrome() {
    let f = site();
    // Words of the theme's English table that must not reach a Korean reader.
    let english = [
        "Newer",
        "Older",
        "Unregistered",
        "briefings",
        "deals",
        "quotes",
        "By ",
        "over time",
        "by month",
        "min read",
        "Skip to content",
    ];
    for page in [
        "index.html",
        "page/2/index.html",
        "briefings/naver/index.html",
        "companies/index.html",
        "companies/naver/index.html",
        "deals/index.html",
        "people/index.html",
        "tags/index.html",
    ] {
        let html = f.read(page);
        // Visible text, and the labels screen readers read.
        let mut read = text_of(&html);
        for label in html.split("aria-label=\"").skip(1) {
            read.push_str(&label[..label.find('"').unwrap()]);
            read.push('\n');
        }
        for word in english {
            assert!(!read.contains(word), "{page}: `{word}` in\n{read}");
        }
    }
    let home = f.read("index.html");
    assert!(home.contains("지난 글 →"), "{home}");
    assert!(f.read("page/2/index.html").contains("← 새 글"));
    assert!(
        f.read("briefings/naver/index.html")
            .contains("· 글 AI 산업 브리핑 편집팀")
    );
    assert!(
        f.read("companies/naver/index.html")
            .contains("aria-label=\"네이버 딜 추이\"")
    );
    assert!(
        f.read("deals/index.html")
            .contains("aria-label=\"월별 딜 흐름\"")
    );
    assert!(
        f.read("companies/naver/atom.xml")
            .contains("<title>네이버 · ")
    );
    let en = f.read("en/index.html");
    assert!(en.contains("Older →"), "{en}");
}

#[test]
fn the_stylesheet_sets_typography_per_language() {
    let f = site();
    let css = f.read("style.css");
    for rule in [
        "\"Noto Sans CJK KR\", \"Noto Sans KR\", \"Apple SD Gothic Neo\"",
        "\"Malgun Gothic\"",
        "word-break: keep-all",
        ".prose { font-size: 1.075rem; max-width: 40em; }",
        ".prose:lang(ko) { max-width: 36em; }",
        "h1:lang(en), h2:lang(en), h3:lang(en), h4:lang(en) { line-height: 1.2;",
        // A date is one word; a table cell is as wide as its kept words and
        // the table scrolls; a chip that wraps keeps square-ish corners.
        "time { white-space: nowrap; }",
        ".prose th, .prose td { border: 1px solid var(--line); padding: 0.4rem 0.6rem; overflow-wrap: break-word; }",
        "padding: 0.1rem 0.6rem; border-radius: 1em;",
        // The search box may shrink below its default size on a phone.
        ".search-form input { flex: 1; min-width: 0;",
    ] {
        assert!(css.contains(rule), "{rule}");
    }
    // keep-all only for Korean: English text breaks normally.
    let keep_all = css.lines().find(|l| l.contains("keep-all")).unwrap();
    assert!(keep_all.contains("lang(ko)"), "{keep_all}");
}

/// The first `YYYY-MM` (or `YYYY-MM-DD`) in `text`, if any.
fn iso_date(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(6)).find_map(|i| {
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        (digits(i..i + 4) && b[i + 4] == b'-' && digits(i + 5..i + 7)).then(|| &text[i..i + 7])
    })
}

/// Tables and charts write dates as the page's language does, like the rest
/// of the page; the ISO form stays where machines read it (`datetime`,
/// `data-` attributes, feeds, the API).
#[test]
fn tables_and_charts_show_dates_in_the_pages_language() {
    let f = site();
    for (page, day, month) in [
        ("deals/", "2025년 6월 10일", None),
        ("companies/naver/", "2025년 6월 10일", Some("2025년 6월")),
        ("companies/naver/deals/", "2025년 6월 10일", None),
        ("en/deals/", "June 10, 2025", None),
        ("en/companies/naver/", "June 10, 2025", Some("Jun 2025")),
        ("en/companies/naver/deals/", "June 10, 2025", None),
    ] {
        let html = all_pages(&f, page);
        assert!(
            html.contains(&format!("<time datetime=\"2025-06-10\">{day}</time></td>")),
            "{page}: the table's date\n{html}"
        );
        if let Some(month) = month {
            let chart = html
                .split("<svg class=\"chart chart-timeline\"")
                .nth(1)
                .expect("a chart")
                .split("</svg>")
                .next()
                .unwrap();
            assert!(chart.contains(&format!(">{month}</text>")), "{chart}");
            assert!(chart.contains(&format!("<title>{day} · ")), "{chart}");
        }
    }
    // No page shows a reader an ISO date.
    for entry in walkdir::WalkDir::new(f.root().join("public")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "html") {
            let text = text_of(&std::fs::read_to_string(&path).unwrap());
            assert_eq!(iso_date(&text), None, "{}:\n{text}", path.display());
        }
    }
}

#[test]
fn a_deals_type_round_and_status_stay_whole_and_no_line_starts_with_a_dot() {
    // `투자 · 전략적⏎투자` broke the round's name in the deals table at 1280 px.
    let f = Fixture::new(CONFIG);
    f.company("meta", "name: Meta\nnames: { ko: 메타 }\n");
    f.briefing(
        "meta.md",
        "title: 메타의 투자\ndate: 2025-06-13\ndeals:\n  - id: meta-scale-2025\n    investors: [meta]\n    target: Scale AI\n    amount: \"$14.3B\"\n    round: strategic\n    status: announced\n",
        "메타가 투자한다.\n",
    );
    f.build();
    let deals = f.read("deals/index.html");
    assert!(
        deals.contains(
            "<span class=\"nobr\">투자</span>&nbsp;· <span class=\"nobr\">전략적 투자</span>"
        ),
        "{deals}"
    );
    // Nor does a separator begin a line: it keeps to the text before it,
    // on the deal's page, the briefing's deal card and the card's chip.
    let deal = f.read("deals/meta-scale-2025/index.html");
    assert!(
        deal.contains("<span class=\"nobr\">전략적 투자</span>&nbsp;· <span class=\"status"),
        "{deal}"
    );
    let briefing = f.read("briefings/meta/index.html");
    assert!(
        briefing.contains("<span class=\"nobr\">전략적 투자</span>&nbsp;· <span class=\"status"),
        "{briefing}"
    );
    let home = f.read("index.html");
    assert!(
        home.contains("&nbsp;· <span class=\"figure\">")
            && home.contains("&nbsp;· <span class=\"status-word"),
        "{home}"
    );
}
