//! Smart punctuation right for Korean (section 3): the body, the title, the
//! summary and the quotes of a briefing's page follow one rule; the data API
//! keeps titles as written.

mod common;

use common::{CONFIG, Fixture};

const FRONT: &str = "title: \"메타의 '라마'를 \\\"돌멩이\\\"라고 부른 이유\"\n\
subtitle: \"\\\"AI\\\"는 무엇인가\"\n\
summary: \"'라마'를 둘러싼 논쟁 -- 요약...\"\n\
date: 2025-06-10\n\
quotes:\n  - speaker: 홍길동\n    text: \"우리는 '라마'를 \\\"돌멩이\\\"라고 불렀다\"\n";

const BODY: &str = "메타는 '라마'를 \"돌멩이\"라고 불렀다. *\"강조\"*, 그리고 \"'중첩'\"도.\n\n\
It's the '90s (\"인용\") --- `\"code\"` stays.\n";

/// A page as a reader reads it: without the spans and word joiners that keep
/// Korean words on one line (a quote before a particle is one).
fn reading(page: &str) -> String {
    page.replace("<span class=\"nobr\">", "")
        .replace("</span>", "")
        .replace('\u{2060}', "")
}

fn site(config: &str) -> Fixture {
    let f = Fixture::new(config);
    f.briefing("2025-06-10-llama.md", FRONT, BODY);
    f.build();
    f
}

#[test]
fn body_title_summary_and_quotes_follow_the_korean_rule() {
    let f = site(CONFIG);
    let written = f.read("briefings/2025-06-10-llama/index.html");
    // A particle after a closing quote stays with its word: a span in the
    // body, word joiners in the title.
    for kept in [
        "<span class=\"nobr\">‘라마’를</span> <span class=\"nobr\">“돌멩이”라고</span>",
        "‘\u{2060}라마\u{2060}’\u{2060}를 “\u{2060}돌멩이\u{2060}”\u{2060}라고 부른 이유</h1>",
    ] {
        assert!(written.contains(kept), "missing {kept:?} in\n{written}");
    }
    let page = reading(&written);
    for good in [
        // Body.
        "메타는 ‘라마’를 “돌멩이”라고 불렀다.",
        "<em>“강조”</em>",
        "“‘중첩’”도",
        "It’s the ’90s (“인용”) —",
        "<code>\"code\"</code>",
        // Title, subtitle, summary, quote.
        "메타의 ‘라마’를 “돌멩이”라고 부른 이유",
        "“AI”는 무엇인가",
        "‘라마’를 둘러싼 논쟁 – 요약…",
        "우리는 ‘라마’를 “돌멩이”라고 불렀다",
    ] {
        assert!(page.contains(good), "missing {good:?} in\n{page}");
    }
    // JSON-LD is data, as the API is: as written.
    let (before, rest) = page
        .split_once("<script type=\"application/ld+json\">")
        .unwrap();
    let (jsonld, after) = rest.split_once("</script>").unwrap();
    assert!(
        jsonld.contains(r#""headline":"메타의 '라마'를 \"돌멩이\"라고 부른 이유""#),
        "{jsonld}"
    );
    let shown = format!("{before}{after}");
    for bad in [
        "’라마’",
        "“돌멩이“",
        "'라마'",
        "&quot;돌멩이&quot;",
        "&#39;라마",
    ] {
        assert!(!shown.contains(bad), "{bad:?} in\n{shown}");
    }
    // `<title>` too.
    assert!(
        page.contains("<title>메타의 ‘라마’를 “돌멩이”라고 부른 이유 · Test Briefings</title>"),
        "{page}"
    );

    // The home page lists it as its page shows it.
    let home = reading(&f.read("index.html"));
    assert!(
        home.contains("메타의 ‘라마’를 “돌멩이”라고 부른 이유"),
        "{home}"
    );

    // The API keeps the title, subtitle-free, as written.
    let api = f.json("api/briefings.json");
    let b = &api["briefings"][0];
    assert_eq!(b["title"], "메타의 '라마'를 \"돌멩이\"라고 부른 이유");
    assert_eq!(b["summary"], "'라마'를 둘러싼 논쟁 -- 요약...");

    // Feeds show titles as pages do; their ids are the permalinks.
    let feed = f.json("feed.json");
    let item = &feed["items"][0];
    assert_eq!(item["title"], "메타의 ‘라마’를 “돌멩이”라고 부른 이유");
    assert_eq!(
        item["id"],
        "https://example.com/briefings/2025-06-10-llama/"
    );
}

#[test]
fn with_smart_punctuation_off_everything_stays_as_written() {
    let f = site(&format!("{CONFIG}[markdown]\nsmart_punctuation = false\n"));
    let page = f.read("briefings/2025-06-10-llama/index.html");
    assert!(!page.contains('‘') && !page.contains('“'), "{page}");
    assert!(page.contains("--- <code>"), "{page}");
}

#[test]
fn a_deal_note_and_a_correction_follow_the_rule_too() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "ms.md",
        "title: 투자\ndate: 2025-06-10\ndeals:\n  - id: ms-oa\n    investors: [Microsoft]\n    target: OpenAI\n    note: \"마이크로소프트는 \\\"수년간 수십억 달러\\\"라고만 밝혔다\"\ncorrections:\n  - date: 2025-06-11\n    text: \"'오픈AI'로 잘못 적었습니다\"\n",
        "본문.\n",
    );
    f.build();
    let deal = reading(&f.read("deals/ms-oa/index.html"));
    assert!(
        deal.contains("마이크로소프트는 “수년간 수십억 달러”라고만 밝혔다"),
        "{deal}"
    );
    let page = reading(&f.read("briefings/ms/index.html"));
    assert!(page.contains("‘오픈AI’로 잘못 적었습니다"), "{page}");
    let corrections = reading(&f.read("corrections/index.html"));
    assert!(
        corrections.contains("‘오픈AI’로 잘못 적었습니다"),
        "{corrections}"
    );
    // JSON-LD is data: the correction as written.
    assert!(
        page.contains(r#""text":"'오픈AI'로 잘못 적었습니다""#),
        "{page}"
    );
}

/// The site's config as it is and with `sanitize` on: the word passes run
/// before the sanitizer and must survive it.
fn with_and_without_sanitize() -> [String; 2] {
    [
        CONFIG.to_string(),
        format!("{CONFIG}[markdown]\nsanitize = true\n"),
    ]
}

#[test]
fn korean_words_with_punctuation_inside_stay_on_one_line() {
    // A browser may break `모델(LLM)이` before the bracket and `51%로` after
    // the percent sign even with keep-all: such words are kept whole, in the
    // body and with `sanitize` on, but not in an image's alt text.
    for config in with_and_without_sanitize() {
        let f = Fixture::new(&config);
        f.briefing(
            "a.md",
            "title: 가\ndate: 2025-06-10\n",
            "거대언어모델(LLM)이나 지분 51%로 잘못 적었다. AI 안전·연구 기업.\n\n![모델(LLM)의 구조](x.png)\n",
        );
        f.build();
        let page = f.read("briefings/a/index.html");
        for kept in [
            "<span class=\"nobr\">거대언어모델(LLM)이나</span>",
            "<span class=\"nobr\">51%로</span>",
            "<span class=\"nobr\">안전·연구</span>",
            "alt=\"모델(LLM)의 구조\"",
        ] {
            assert!(page.contains(kept), "{config}: {kept} in\n{page}");
        }
        assert!(
            f.read("style.css")
                .contains(".nobr { white-space: nowrap; }")
        );
    }
}

/// Titles, summaries and quotes are printed by templates as text, where no
/// span can go: a Korean word with a mark inside gets word joiners (U+2060)
/// beside the mark instead, on the page and on every card. The head, the
/// feed and the data API keep the text as written.
#[test]
fn korean_words_printed_by_templates_are_joined_at_their_marks() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "a.md",
        "title: 오픈AI, 400억달러(약 58조 원) 유치\ndate: 2025-06-10\nsummary: 지분을 51%로 늘렸다\nquotes:\n  - speaker: 홍길동\n    text: 인공지능(AI)은 혼자 못 한다\n",
        "본문.\n",
    );
    f.build();
    let joined_title = "400억달러\u{2060}(\u{2060}약\u{a0}58조\u{a0}원) 유치";
    let page = f.read("briefings/a/index.html");
    for joined in [
        joined_title,
        "인공지능\u{2060}(\u{2060}AI\u{2060})\u{2060}은 혼자",
    ] {
        assert!(page.contains(joined), "{joined:?} in\n{page}");
    }
    let home = f.read("index.html");
    for joined in [joined_title, "51\u{2060}%\u{2060}로 늘렸다"] {
        assert!(home.contains(joined), "{joined:?} in\n{home}");
    }
    let head = &page[..page.find("</head>").expect("a head")];
    let feed = f.read("atom.xml");
    let api = f.read("api/briefings.json");
    for (name, text) in [
        ("head", head),
        ("feed", feed.as_str()),
        ("api", api.as_str()),
    ] {
        assert!(!text.contains('\u{2060}'), "{name}: {text}");
    }
}

/// An amount is read as one word: its qualifier, its number and its scale
/// or currency word are bound by no-break spaces in the body, the title and
/// the summary (a card's too), with `sanitize` on as well; the data API keeps
/// the text as written.
#[test]
fn an_amounts_words_are_bound_by_no_break_spaces() {
    for config in with_and_without_sanitize() {
        let f = Fixture::new(&config);
        f.briefing(
            "a.md",
            "title: 메타, 약 143억 달러 투자\ndate: 2025-06-10\nsummary: \"reports put it at about $14.3 billion for a stake\"\n",
            "메타가 약 143억달러(약 19조 원)를 들였다. In 2024 the deal was about $10 billion.\n",
        );
        f.build();
        // Words with a bracket inside are also kept whole by a span; the
        // sanitizer writes a no-break space as `&nbsp;`.
        let page = reading(&f.read("briefings/a/index.html")).replace("&nbsp;", "\u{a0}");
        for bound in [
            "메타가 약\u{a0}143억달러(약\u{a0}19조\u{a0}원)를",
            "about\u{a0}$10\u{a0}billion.",
            "<h1>메타, 약\u{a0}143억\u{a0}달러 투자</h1>",
            "about\u{a0}$14.3\u{a0}billion for a stake",
        ] {
            assert!(page.contains(bound), "{config}: {bound:?} in\n{page}");
        }
        assert!(page.contains("In 2024 the deal"), "{page}");
        let home = f.read("index.html");
        assert!(
            home.contains("<p class=\"summary\">reports put it at about\u{a0}$14.3\u{a0}billion for a stake</p>"),
            "{home}"
        );
        let api = f.read("api/briefings.json");
        assert!(api.contains("\"메타, 약 143억 달러 투자\""), "{api}");
    }
}
