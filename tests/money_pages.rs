//! Money on the pages of a bilingual site (section 6, "Showing money"): every
//! amount in the page's language, never as typed; a converted figure only for
//! another currency; no figure repeated.

mod common;

use briefly::model::money::parse;
use common::{CONFIG, Fixture};
use std::path::Path;

fn bilingual() -> Fixture {
    let f = Fixture::new(&format!(
        "{CONFIG}\n[languages.en]\ntitle = \"Test Briefings (EN)\"\ndescription = \"In English\"\n"
    ));
    f.company("meta", "name: Meta\nnames: { ko: 메타, en: Meta }\n");
    f.company("naver", "name: Naver\nnames: { ko: 네이버, en: Naver }\n");
    // Korean amounts in Korean briefings, translated.
    f.briefing(
        "talks.md",
        "title: 메타 투자 협상\ndate: 2025-06-10\nsummary: 메타가 협상한다\ntags: [투자]\ndeals:\n  - id: meta-scale-ai-2025\n    investors: [meta]\n    target: Scale AI\n    amount: \"100억달러 (약 13조원)\"\n    status: negotiating\nquotes:\n  - speaker: 이해진\n    text: 100억달러를 쓰겠다\n",
        "메타가 100억달러 투자를 협상한다.\n",
    );
    f.briefing(
        "talks.en.md",
        "title: Meta in talks\ndate: 2025-06-10\nsummary: Meta negotiates\ntags: [investment]\n",
        "Meta is negotiating.\n",
    );
    f.briefing(
        "naver.md",
        "title: 네이버 투자\ndate: 2025-03-01\nsummary: 네이버가 투자한다\ndeals:\n  - id: naver-upstage-2025\n    investors: [naver]\n    target: Upstage\n    amount: \"약 1조 2천억원\"\n  - id: naver-mistral-2025\n    investors: [naver]\n    target: Mistral\n    amount: \"최대 3억 유로\"\n  - id: naver-twelve-2025\n    investors: [naver]\n    target: Twelve Labs\n    amount: \"1조원 (약 $730M)\"\n  - id: naver-small-2025\n    investors: [naver]\n    target: Tiny\n    amount: \"5천만원\"\n",
        "네이버가 1조 2천억원을 쓴다.\n",
    );
    f.briefing(
        "naver.en.md",
        "title: Naver invests\ndate: 2025-03-01\nsummary: Naver invests\n",
        "Naver invests.\n",
    );
    // English amounts in an English briefing, translated.
    f.briefing(
        "closed.md",
        "title: Meta closes\ndate: 2025-06-13\nlang: en\nsummary: Closed\ndeals:\n  - id: meta-scale-ai-2025\n    amount: \"~$14.3B\"\n    status: closed\n  - id: meta-big-2025\n    investors: [meta]\n    target: Big\n    amount: \"at least $29B\"\n",
        "Meta closed at ~$14.3B.\n",
    );
    f.briefing(
        "closed.ko.md",
        "title: 메타 투자 확정\ndate: 2025-06-13\nsummary: 확정\n",
        "메타가 약 143억달러에 확정했다.\n",
    );
    f.build();
    f
}

/// Every `.html` file under `dir`, by its path relative to `root`.
fn pages(root: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// `html` without what an editor wrote in prose: quotes and briefing bodies.
fn without_quotes_and_bodies(html: &str) -> String {
    let mut out = html.to_string();
    for (open, close) in [
        ("<blockquote>", "</blockquote>"),
        ("<div class=\"prose\">", "</div>"),
    ] {
        while let Some(start) = out.find(open) {
            let end = out[start..].find(close).unwrap() + start + close.len();
            out.replace_range(start..end, "");
        }
    }
    out
}

/// Each amount as a page shows it: the figure, then its parenthesised
/// equivalent and converted figure.
fn amounts(html: &str) -> Vec<Vec<String>> {
    const FIGURE: &str = "<span class=\"figure\">";
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(FIGURE) {
        rest = &rest[at + FIGURE.len()..];
        let end = rest.find("</span>").unwrap();
        let mut figures = vec![rest[..end].to_string()];
        rest = &rest[end + "</span>".len()..];
        loop {
            let next = [
                " <span class=\"equivalent\">(",
                " <span class=\"converted\">(",
            ]
            .into_iter()
            .find(|open| rest.starts_with(open));
            let Some(open) = next else { break };
            let end = rest.find(")</span>").unwrap();
            figures.push(rest[open.len()..end].to_string());
            rest = &rest[end + ")</span>".len()..];
        }
        found.push(figures);
    }
    found
}

fn tags_stripped(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn english_pages_show_no_korean_money_outside_quotes_and_bodies() {
    let f = bilingual();
    let root = f.root().join("public");
    let english = pages(&root.join("en"));
    assert!(english.len() > 10);
    for (page, html) in english {
        let shown = without_quotes_and_bodies(&html);
        for word in ["억", "조", "만", "달러", "원"] {
            assert!(!shown.contains(word), "en/{page} shows `{word}`:\n{shown}");
        }
    }
    let deal = f.read("en/deals/naver-upstage-2025/index.html");
    assert!(
        deal.contains("<span class=\"figure\">about ₩1.2T</span> <span class=\"converted\">(about $876M)</span>"),
        "{deal}"
    );
    let deal = f.read("en/deals/naver-mistral-2025/index.html");
    assert!(
        deal.contains("<span class=\"figure\">up to €300M</span> <span class=\"converted\">(up to about $324M)</span>"),
        "{deal}"
    );
    let deal = f.read("en/deals/meta-scale-ai-2025/index.html");
    assert!(
        deal.contains("<span class=\"figure\">about $14.3B</span></p>"),
        "{deal}"
    );
    let talks = f.read("en/briefings/talks/index.html");
    assert!(
        talks.contains(
            "<span class=\"figure\">$10B</span> <span class=\"equivalent\">(about ₩13T)</span>"
        ),
        "{talks}"
    );
    let home = f.read("en/index.html");
    assert!(
        home.contains("Scale AI&nbsp;· <span class=\"figure\">$10B</span>")
            || home.contains("Scale AI&nbsp;· <span class=\"figure\">about $14.3B</span>"),
        "{home}"
    );
    assert!(
        home.contains("Tiny&nbsp;· <span class=\"figure\">₩50M</span>"),
        "{home}"
    );
}

#[test]
fn korean_pages_show_korean_units_and_currency_words() {
    let f = bilingual();
    let deal = f.read("deals/meta-scale-ai-2025/index.html");
    assert!(
        deal.contains("<span class=\"figure\">약 143억 달러</span></p>"),
        "{deal}"
    );
    assert!(!deal.contains("$14.3B"), "{deal}");
    let talks = f.read("briefings/talks/index.html");
    assert!(
        talks.contains("<span class=\"figure\">100억 달러</span> <span class=\"equivalent\">(약 13조 원)</span>"),
        "{talks}"
    );
    let deal = f.read("deals/naver-upstage-2025/index.html");
    assert!(
        deal.contains("<span class=\"figure\">약 1조 2천억 원</span> <span class=\"converted\">(약 8억 7600만 달러)</span>"),
        "{deal}"
    );
    let deal = f.read("deals/naver-twelve-2025/index.html");
    assert!(
        deal.contains("<span class=\"figure\">1조 원</span> <span class=\"equivalent\">(약 7억 3천만 달러)</span></p>"),
        "a stated equivalent in the display currency stands instead of a conversion: {deal}"
    );
    let deal = f.read("deals/meta-big-2025/index.html");
    assert!(deal.contains("290억 달러 이상"), "{deal}");
    let home = f.read("index.html");
    assert!(
        home.contains("Tiny&nbsp;· <span class=\"figure\">5천만 원</span>"),
        "{home}"
    );
    assert!(
        home.contains("Mistral&nbsp;· <span class=\"figure\">최대 3억 유로</span>"),
        "{home}"
    );
}

#[test]
fn no_figure_repeats_itself_on_any_page() {
    let f = bilingual();
    let all = pages(&f.root().join("public"));
    let mut seen = 0;
    for (page, html) in all {
        let shown = without_quotes_and_bodies(&html);
        for figures in amounts(&shown) {
            seen += 1;
            let mut currencies: Vec<String> = figures
                .iter()
                .map(|fig| {
                    parse(fig)
                        .unwrap_or_else(|e| panic!("{page}: `{fig}` is not a figure: {e}"))
                        .currency
                })
                .collect();
            currencies.sort();
            let count = currencies.len();
            currencies.dedup();
            assert_eq!(
                currencies.len(),
                count,
                "{page}: one figure per currency: {figures:?}"
            );
        }
        let text = tags_stripped(&shown);
        let words: Vec<&str> = text.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if *w == "≈" && i > 0 && i + 1 < words.len() {
                let before = words[i - 1].trim_start_matches('~');
                let after = words[i + 1].trim_start_matches('~');
                assert_ne!(before, after, "{page}: `X ≈ X`");
            }
        }
    }
    assert!(seen > 20, "only {seen} amounts found");
}

#[test]
fn a_language_may_show_converted_figures_and_totals_in_its_own_currency() {
    let f = Fixture::new(&format!(
        "{CONFIG}\n[languages.ko]\ndisplay_currency = \"KRW\"\n[languages.en]\ntitle = \"EN\"\n"
    ));
    f.company("naver", "name: Naver\nnames: { ko: 네이버, en: Naver }\n");
    f.briefing(
        "a.md",
        "title: 가\ndate: 2025-03-01\ndeals:\n  - id: usd-deal\n    investors: [naver]\n    target: X\n    amount: \"100억달러\"\n  - id: krw-deal\n    investors: [naver]\n    target: Y\n    amount: \"1조원\"\n",
        "",
    );
    f.briefing("a.en.md", "title: A\ndate: 2025-03-01\n", "");
    f.build();
    // 10^10 USD / 0.00073 = 13,698,630,136,986 KRW, shown to three digits.
    let usd = f.read("deals/usd-deal/index.html");
    assert!(
        usd.contains("<span class=\"figure\">100억 달러</span> <span class=\"converted\">(약 13조 7천억 원)</span>"),
        "{usd}"
    );
    let krw = f.read("deals/krw-deal/index.html");
    assert!(
        krw.contains("<span class=\"figure\">1조 원</span></p>"),
        "{krw}"
    );
    let en = f.read("en/deals/krw-deal/index.html");
    assert!(
        en.contains(
            "<span class=\"figure\">₩1T</span> <span class=\"converted\">(about $730M)</span>"
        ),
        "{en}"
    );
    let en = f.read("en/deals/usd-deal/index.html");
    assert!(
        en.contains("<span class=\"figure\">$10B</span></p>"),
        "{en}"
    );
    // The Korean total is in won, the English one in dollars; the API keeps the site's.
    let company = f.read("companies/naver/index.html");
    assert!(
        company.contains("<strong>약 14조 7천억 원</strong>"),
        "{company}"
    );
    let company = f.read("en/companies/naver/index.html");
    assert!(
        company.contains("<strong>about $10.7B</strong>"),
        "{company}"
    );
    let api = f.json("api/companies.json");
    let naver = &api["companies"][0];
    assert_eq!(naver["invested_total"]["currency"], "USD", "{naver}");
}

#[test]
fn a_language_currency_without_a_rate_is_an_error_naming_the_amount() {
    let f = Fixture::new(&format!(
        "{CONFIG}\n[languages.en]\ntitle = \"EN\"\ndisplay_currency = \"JPY\"\n"
    ));
    f.briefing(
        "a.md",
        "title: 가\ndate: 2025-03-01\ndeals:\n  - investors: [Naver]\n    target: X\n    amount: \"100억달러\"\n",
        "",
    );
    let err = f.build_errors();
    assert!(err.contains("content/briefings/a.md:"), "{err}");
    assert!(err.contains("no rate for JPY"), "{err}");
    assert!(err.contains("`100억달러`"), "{err}");
    let f = Fixture::new(&format!(
        "{CONFIG}\n[languages.en]\ntitle = \"EN\"\ndisplay_currency = \"XYZ\"\n"
    ));
    let err = f.build_errors();
    assert!(
        err.contains("display_currency `XYZ` is not an ISO 4217 code"),
        "{err}"
    );
}
