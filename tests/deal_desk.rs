//! The deal desk's fields on pages and in the API: undisclosed amounts,
//! rounds, lead investors, the valuation basis, the history of figures, and
//! which quotes a deal page shows.

mod common;

use common::{CONFIG, Fixture};
use serde_json::json;

fn desk() -> Fixture {
    let f = Fixture::new(CONFIG);
    f.company("meta", "name: Meta\nnames: {ko: 메타, en: Meta}\n");
    f.company("scale-ai", "name: Scale AI\naliases: [스케일 AI]\n");
    f.company("naver", "name: Naver\nnames: {ko: 네이버}\n");
    f.company("twelve-labs", "name: Twelve Labs\n");
    f.briefing(
        "talks.md",
        "title: 협상\ndate: 2025-06-10\ndeals:\n  - id: meta-scale-ai-2025\n    investors: [meta]\n    target: scale-ai\n    amount: \"100억달러\"\n    round: 전략적 투자\n    status: negotiating\nquotes:\n  - speaker: 알렉산더 왕\n    company: scale-ai\n    text: \"데이터가 전부다\"\n  - speaker: 이해진\n    company: naver\n    deal: naver-twelve-labs-2025\n    text: \"살기 위해 투자한다\"\n",
        "본문.\n",
    );
    f.briefing(
        "announced.md",
        "title: 발표\ndate: 2025-06-13\ndeals:\n  - id: meta-scale-ai-2025\n    amount: \"약 143억달러\"\n    valuation: \"$29B\"\n    valuation_basis: post\n    lead: [meta]\n    status: announced\n  - id: naver-twelve-labs-2025\n    investors: [naver]\n    target: twelve-labs\n    amount: 비공개\n    round: 시리즈 A\nquotes:\n  - speaker: 네이버 관계자\n    company: naver\n    text: \"메타와 무관한 이야기\"\n",
        "본문.\n",
    );
    f.briefing(
        "closed.md",
        "title: 완료\ndate: 2025-06-20\ndeals:\n  - id: meta-scale-ai-2025\n    status: closed\n",
        "본문.\n",
    );
    f
}

#[test]
fn three_mentions_give_a_history_of_figures_without_a_warning() {
    let f = desk();
    let (code, _, err) = f.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("differs"),
        "a revision is not a conflict:\n{err}"
    );
    f.build();
    let api = f.json("api/deals.json");
    let deal = &api["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "meta-scale-ai-2025")
        .unwrap()
        .clone();
    let history: Vec<(serde_json::Value, serde_json::Value)> = deal["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["status"].clone(), h["amount"]["text"].clone()))
        .collect();
    assert_eq!(
        history,
        [
            (json!("negotiating"), json!("100억달러")),
            (json!("announced"), json!("약 143억달러")),
            (json!("closed"), json!(null)),
        ]
    );
    assert_eq!(deal["round"], "strategic");
    assert_eq!(deal["lead"], json!(["meta"]));
    assert_eq!(deal["valuation_basis"], "post");
    assert_eq!(deal["disclosed"], true);
    let page = f.read("deals/meta-scale-ai-2025/index.html");
    assert!(
        page.contains("100억 달러</span> → <span class=\"figure\">약 143억 달러"),
        "the revision on the page:\n{page}"
    );
    assert!(page.contains("전략적 투자"), "{page}");
    assert!(page.contains("리드 투자자"), "{page}");
    assert!(page.contains("(투자 후)"), "{page}");
}

#[test]
fn an_undisclosed_amount_is_shown_as_such_and_counted_nowhere() {
    let f = desk();
    f.build();
    let api = f.json("api/deals.json");
    let deal = api["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "naver-twelve-labs-2025")
        .unwrap()
        .clone();
    assert_eq!(deal["amount"], json!(null));
    assert_eq!(deal["disclosed"], false);
    assert_eq!(deal["round"], "series-a");
    let companies = f.json("api/companies.json");
    let naver = companies["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "naver")
        .unwrap()
        .clone();
    assert_eq!(naver["invested_total"], json!(null));
    let page = f.read("deals/naver-twelve-labs-2025/index.html");
    assert!(page.contains("비공개"), "{page}");
    assert!(page.contains("시리즈 A"), "{page}");
    let company = f.read("companies/naver/index.html");
    assert!(
        company.contains("비공개"),
        "the company's deal table says so:\n{company}"
    );
    assert!(
        company.contains("금액 비공개 딜</span><strong>1</strong>"),
        "the company counts its undisclosed deals:\n{company}"
    );
}

#[test]
fn a_deal_page_shows_only_the_quotes_about_it() {
    let f = desk();
    f.build();
    let meta_deal = f.read("deals/meta-scale-ai-2025/index.html");
    assert!(meta_deal.contains("데이터가 전부다"), "a party's quote");
    assert!(
        !meta_deal.contains("살기 위해 투자한다"),
        "a quote about another deal stays off:\n{meta_deal}"
    );
    assert!(
        !meta_deal.contains("메타와 무관한 이야기"),
        "a quote by a company that is not a party stays off"
    );
    let naver_deal = f.read("deals/naver-twelve-labs-2025/index.html");
    assert!(
        naver_deal.contains("살기 위해 투자한다"),
        "the quote naming the deal"
    );
    assert!(
        naver_deal.contains("메타와 무관한 이야기"),
        "a party's quote in a briefing that mentions it"
    );
}

/// Section 8, field by field: every object of the API has exactly the keys the
/// contract lists (a monolingual site: no `lang`/`translations`).
#[test]
fn the_api_objects_have_exactly_the_contracts_fields() {
    let f = desk();
    f.build();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let sorted = |list: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    let briefings = f.json("api/briefings.json");
    for b in briefings["briefings"].as_array().unwrap() {
        assert_eq!(
            keys(b),
            sorted(&[
                "slug",
                "title",
                "date",
                "url",
                "summary",
                "tags",
                "companies",
                "deals"
            ])
        );
    }
    let companies = f.json("api/companies.json");
    for c in companies["companies"].as_array().unwrap() {
        assert_eq!(
            keys(c),
            sorted(&[
                "id",
                "name",
                "aliases",
                "url",
                "registered",
                "briefings",
                "deals_as_investor",
                "deals_as_target",
                "invested_total",
                "raised_total",
            ])
        );
    }
    let money = sorted(&[
        "value",
        "currency",
        "approx",
        "bound",
        "text",
        "display",
        "equivalent",
    ]);
    let deals = f.json("api/deals.json");
    for d in deals["deals"].as_array().unwrap() {
        assert_eq!(
            keys(d),
            sorted(&[
                "id",
                "type",
                "round",
                "status",
                "date",
                "investors",
                "lead",
                "target",
                "amount",
                "disclosed",
                "valuation",
                "valuation_basis",
                "stake",
                "url",
                "briefings",
                "history",
            ])
        );
        if !d["amount"].is_null() {
            assert_eq!(keys(&d["amount"]), money);
        }
        for h in d["history"].as_array().unwrap() {
            assert_eq!(
                keys(h),
                sorted(&[
                    "date",
                    "status",
                    "briefing",
                    "amount",
                    "disclosed",
                    "valuation"
                ])
            );
            if !h["amount"].is_null() {
                assert_eq!(keys(&h["amount"]), money);
            }
        }
    }
    let meta = companies["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "meta")
        .unwrap()
        .clone();
    assert_eq!(keys(&meta["invested_total"]), money);
}

/// Section 4: a briefing whose deal moved on says so, dated by the newest
/// mention that changed it, with a link to the deal; one that is current says nothing.
#[test]
fn an_old_briefing_says_its_deal_has_moved_on() {
    let f = desk();
    f.build();
    let talks = f.read("briefings/talks/index.html");
    assert!(
        talks.contains(
            "<a href=\"/deals/meta-scale-ai-2025/\">이 거래는 2025년 6월 20일 완료됐습니다</a>"
        ),
        "{talks}"
    );
    let announced = f.read("briefings/announced/index.html");
    assert!(
        announced.contains("이 거래는 2025년 6월 20일 완료됐습니다"),
        "{announced}"
    );
    let closed = f.read("briefings/closed/index.html");
    assert!(
        !closed.contains("deal-update"),
        "the newest mention is current:\n{closed}"
    );
    // The card still shows the deal as the briefing stated it.
    assert!(
        talks.contains("100억 달러") || talks.contains("100억달러"),
        "{talks}"
    );
}

/// Section 4: a card in any list shows each deal as that briefing stated it.
#[test]
fn cards_in_lists_show_each_deal_as_its_briefing_stated_it() {
    let f = desk();
    f.build();
    let home = f.read("index.html");
    let chips: Vec<&str> = home
        .split("class=\"chip chip-deal\"")
        .skip(1)
        .map(|c| c.split("</a>").next().unwrap())
        .collect();
    let talks = chips
        .iter()
        .find(|c| c.contains("100억 달러"))
        .unwrap_or_else(|| panic!("the talks card states 100억 달러: {chips:?}"));
    assert!(talks.contains("협상 중"), "{talks}");
    assert!(!talks.contains("143억"), "not the later amount: {talks}");
    assert!(
        chips
            .iter()
            .any(|c| c.contains("완료") && !c.contains("달러")),
        "the closing briefing states only the status: {chips:?}"
    );
    assert!(chips.iter().any(|c| c.contains("비공개")), "{chips:?}");
}

/// An amount is one word to a reader: wherever a list or a heading prints
/// one, it sits in a `figure` the stylesheet never breaks, so `100억 달러`
/// cannot end a line at `100억`.
#[test]
fn amounts_in_chips_headings_and_tables_are_never_broken() {
    let f = desk();
    let out = f.build();
    let home = f.read("index.html");
    assert!(
        home.contains("· <span class=\"figure\">100억 달러</span>"),
        "the chip's amount is kept whole:\n{home}"
    );
    let company = f.read("companies/meta/index.html");
    let heading = company
        .split("<h2>")
        .find(|h| h.contains("· <span class=\"figure\">"))
        .unwrap_or_else(|| panic!("the invested total in the heading is kept whole:\n{company}"));
    assert!(heading.contains("달러"), "{heading}");
    let investors = f.read("investors/index.html");
    assert!(
        investors.contains("<td class=\"amount\"><span class=\"figure\">"),
        "{investors}"
    );
    let css = std::fs::read_to_string(out.join("style.css")).unwrap();
    assert!(
        css.contains(".figure, .equivalent { white-space: nowrap; }"),
        "{css}"
    );
}

/// A company chart leaves cancelled deals out (as totals do) and its hover
/// text names the parties and the amount, not the deal's id.
#[test]
fn charts_leave_cancelled_deals_out_and_name_the_parties() {
    let f = desk();
    f.briefing(
        "refused.md",
        "title: 거절\ndate: 2025-03-01\ndeals:\n  - id: meta-furiosa-2025\n    investors: [meta]\n    target: furiosa\n    amount: \"8억달러\"\n    status: cancelled\n",
        "본문.\n",
    );
    f.build();
    let page = f.read("companies/meta/index.html");
    let chart = page
        .split("<svg class=\"chart chart-timeline\"")
        .nth(1)
        .expect("a chart")
        .split("</svg>")
        .next()
        .unwrap();
    assert!(
        !chart.contains("8억"),
        "the cancelled offer is not plotted: {chart}"
    );
    assert!(chart.contains("메타 → Scale AI"), "{chart}");
    assert!(!chart.contains("meta-scale-ai-2025"), "{chart}");
    // The deal was "약 143억달러": its dot says so, as its page does; the
    // key is a round figure of its own.
    assert!(
        chart.contains("class=\"label value\">약 143억 달러</text>"),
        "{chart}"
    );
    assert!(chart.contains("· 약 143억 달러</title>"), "{chart}");
    assert!(!chart.contains("class=\"label\">약 100억"), "{chart}");
}

#[test]
fn mentions_on_one_day_are_ordered_by_time_then_by_slug() {
    // The newest mention sets the current status: a later time on the same
    // day is newer; at the same moment, the later slug counts as newer, so
    // the order never depends on the order files are read in.
    let f = Fixture::new(CONFIG);
    f.company("meta", "name: Meta\n");
    f.company("scale-ai", "name: Scale AI\n");
    let deal = |status: &str| {
        format!(
            "deals:\n  - id: m-s\n    investors: [meta]\n    target: scale-ai\n    status: {status}\n"
        )
    };
    f.briefing(
        "a-evening.md",
        &format!(
            "title: 저녁\ndate: 2025-06-10T18:00:00+09:00\n{}",
            deal("closed")
        ),
        "본문.\n",
    );
    f.briefing(
        "b-morning.md",
        &format!(
            "title: 아침\ndate: 2025-06-10T09:00:00+09:00\n{}",
            deal("negotiating")
        ),
        "본문.\n",
    );
    f.build();
    let status = |f: &Fixture| {
        let api = f.json("api/deals.json");
        api["deals"][0]["status"].clone()
    };
    assert_eq!(
        status(&f),
        json!("closed"),
        "the evening's mention is newer"
    );

    let g = Fixture::new(CONFIG);
    g.company("meta", "name: Meta\n");
    g.company("scale-ai", "name: Scale AI\n");
    g.briefing(
        "b.md",
        &format!("title: 나\ndate: 2025-06-10\n{}", deal("announced")),
        "본문.\n",
    );
    g.briefing(
        "a.md",
        &format!("title: 가\ndate: 2025-06-10\n{}", deal("rumored")),
        "본문.\n",
    );
    g.build();
    assert_eq!(
        status(&g),
        json!("announced"),
        "the later slug, `b`, is newer"
    );
}

/// What a deal page says above its history: the header (kind, status,
/// parties, amount) and the facts after it, without the line of revisions,
/// which is history too.
fn deal_summary(page: &str) -> String {
    let start = page.find("<article class=\"deal\">").expect("a deal page");
    let end = start + page[start..].find("<section>").unwrap();
    let summary = &page[start..end];
    match summary.find("<p class=\"revisions\">") {
        Some(r) => {
            let after = r + summary[r..].find("</p>").unwrap();
            format!("{}{}", &summary[..r], &summary[after..])
        }
        None => summary.to_string(),
    }
}

/// A deal page states each fact once: the parties and the amount in its
/// header, not again in a list of facts right below (in either language).
#[test]
fn a_deal_page_states_each_fact_once() {
    let f = Fixture::new(&format!("{CONFIG}\n[languages.en]\ntitle = \"EN\"\n"));
    f.company("meta", "name: Meta\nnames: {ko: 메타, en: Meta}\n");
    f.company(
        "scale-ai",
        "name: Scale AI\nnames: {ko: 스케일 AI, en: Scale AI}\n",
    );
    f.company("naver", "name: Naver\nnames: {ko: 네이버, en: Naver}\n");
    f.company(
        "twelve-labs",
        "name: Twelve Labs\nnames: {ko: 트웰브랩스}\n",
    );
    f.briefing(
        "deal.md",
        "title: 발표\ndate: 2025-06-13\ndeals:\n  - id: meta-scale-ai-2025\n    investors: [meta]\n    target: scale-ai\n    amount: \"약 143억달러\"\n    valuation: \"$29B\"\n    stake: \"49%\"\n    round: 전략적 투자\n    lead: [meta]\n    status: announced\n  - id: naver-twelve-labs-2025\n    investors: [naver]\n    target: twelve-labs\n    amount: 비공개\n    status: closed\n",
        "본문.\n",
    );
    f.build();
    let count = |text: &str, what: &str| text.matches(what).count();
    for (page, facts, target) in [
        (
            "deals/meta-scale-ai-2025/index.html",
            [
                "약 143억 달러",
                ">투자</span>&nbsp;· ",
                "전략적 투자",
                "발표",
            ],
            ">스케일 AI</a>",
        ),
        (
            "en/deals/meta-scale-ai-2025/index.html",
            ["about $14.3B", "Investment", "Strategic", "Announced"],
            ">Scale AI</a>",
        ),
        (
            "deals/naver-twelve-labs-2025/index.html",
            ["비공개", ">투자</span>&nbsp;· ", "완료", "2025년 6월 13일"],
            ">트웰브랩스</a>",
        ),
        (
            "en/deals/naver-twelve-labs-2025/index.html",
            ["ndisclosed", "Investment", "Closed", "June 13, 2025"],
            ">Twelve Labs</a>",
        ),
    ] {
        let summary = deal_summary(&f.read(page));
        for fact in facts.iter().chain([&target]) {
            assert_eq!(
                count(&summary, fact),
                1,
                "{page}: `{fact}` once in\n{summary}"
            );
        }
        // The investors once, besides the lead investor's own fact.
        let lead = summary
            .find("<dt>")
            .map_or(summary.as_str(), |dt| &summary[..dt]);
        assert_eq!(
            count(lead, "/companies/meta/\"") + count(lead, "/companies/naver/\""),
            1,
            "{page}: {summary}"
        );
    }
    let meta = deal_summary(&f.read("deals/meta-scale-ai-2025/index.html"));
    for fact in [
        "리드 투자자",
        "290억 달러",
        "(투자 후)",
        "49%",
        "2025년 6월 13일",
    ] {
        assert_eq!(count(&meta, fact), 1, "`{fact}` in\n{meta}");
    }
}
