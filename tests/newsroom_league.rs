//! The investor league table (`/investors/`, section 7) on a bilingual site,
//! and the CSV files of the data API (`/api/deals.csv`, `/api/companies.csv`)
//! read back with a CSV parser.

mod common;

use common::{CONFIG, Fixture};

/// Newest briefing 2025-06-10, so the window is (2024-06-10, 2025-06-10]. Korean
/// pages show money in won, English ones in dollars.
fn site() -> Fixture {
    let f = Fixture::new(&format!(
        "{CONFIG}\n[languages.ko]\ndisplay_currency = \"KRW\"\n[languages.en]\ntitle = \"Test Briefings (EN)\"\n"
    ));
    f.company(
        "naver",
        "name: 네이버\nnames: { ko: 네이버, en: Naver }\nsector: { ko: 인터넷, en: internet }\n",
    );
    f.company(
        "kakao",
        "name: \"카카오 \\\"큰손\\\" 벤처스, 판교\"\nnames: { en: \"Kakao Ventures, Pangyo\" }\naliases: [\"카카오벤처스\", \"둘째\\n줄\"]\n",
    );
    f.company(
        "altos",
        "name: 알토스벤처스\nnames: { en: Altos Ventures }\n",
    );
    f.company("softbank", "name: 소프트뱅크\nnames: { en: SoftBank }\n");
    f.company(
        "upstage",
        "name: 업스테이지\nnames: { en: Upstage }\nsector: { ko: 언어 모델, en: language models }\n",
    );
    f.briefing(
        "newest.md",
        "title: \"공동 투자, \\\"시리즈 A\\\"\"\ndate: 2025-06-10\nsummary: 요약\ndeals:\n  - id: shared-2025\n    investors: [naver, kakao]\n    target: upstage\n    amount: \"$10M\"\n    round: series-a\n  - id: cancelled-2025\n    investors: [softbank]\n    target: upstage\n    amount: \"$900M\"\n    status: cancelled\n",
        "본문\n",
    );
    f.briefing(
        "seed.md",
        "title: 시드\ndate: 2025-01-05\nsummary: 요약\ndeals:\n  - id: naver-seed-2025\n    investors: [naver]\n    target: Tiny\n    amount: 비공개\n    round: seed\n",
        "본문\n",
    );
    f.briefing(
        "in.md",
        "title: 하루 안\ndate: 2024-06-11\nsummary: 요약\ndeals:\n  - id: altos-in-2024\n    investors: [altos]\n    target: upstage\n    amount: \"$5M\"\n",
        "본문\n",
    );
    f.briefing(
        "out.md",
        "title: 딱 1년 전\ndate: 2024-06-10\nsummary: 요약\ndeals:\n  - id: kakao-out-2024\n    investors: [kakao]\n    target: Old Co\n    amount: \"US$50,000,000.25\"\n    stake: \"10%\"\n",
        "본문\n",
    );
    f.build();
    f
}

/// The rows of the table in section `id` as (rank, name, link, deals, total) text.
fn rows(html: &str, section: &str) -> Vec<[String; 5]> {
    let start = html
        .find(&format!("id=\"league-{section}\""))
        .unwrap_or_else(|| panic!("no section {section}"));
    let rest = &html[start..];
    let rest = &rest[..rest.find("</section>").unwrap()];
    let between = |s: &str, open: &str, close: &str| -> String {
        let i = s.find(open).unwrap() + open.len();
        let j = s[i..].find(close).unwrap() + i;
        s[i..j].trim().to_string()
    };
    rest.split("<tr>")
        .skip(2)
        .map(|row| {
            let investor = between(row, "<th scope=\"row\"", "</th>");
            // A total sits in a `figure` kept on one line; rows compare its text.
            let amount = between(row, "<td class=\"amount\">", "</td>");
            let amount = match amount.strip_prefix("<span class=\"figure\">") {
                Some(rest) => rest.replacen("</span>", "", 1),
                None => amount,
            };
            [
                between(row, "<td class=\"rank\">", "</td>"),
                between(&investor[investor.find("<a ").unwrap()..], "\">", "</a>"),
                between(&investor, "href=\"", "\""),
                between(row, "<td class=\"deal-count\">", "</td>"),
                amount,
            ]
        })
        .collect()
}

fn row(rank: &str, name: &str, link: &str, deals: &str, total: &str) -> [String; 5] {
    [rank, name, link, deals, total].map(str::to_string)
}

#[test]
fn the_korean_league_table_ranks_by_deals_then_amount_in_won() {
    let f = site();
    let html = f.read("investors/index.html");
    assert!(
        html.contains("<h1 class=\"page-title\">투자자 순위</h1>"),
        "{html}"
    );
    // The window: the day after 12 months before the newest briefing, to it.
    assert!(
        html.contains("<time datetime=\"2024-06-11\">2024년 6월 11일</time> – <time datetime=\"2025-06-10\">2025년 6월 10일</time>"),
        "{html}"
    );
    let kakao = "카카오 &quot;큰손&quot; 벤처스, 판교";
    assert_eq!(
        rows(&html, "recent"),
        [
            // The shared round and an undisclosed seed: two deals, $10M.
            row(
                "1",
                "네이버",
                "/companies/naver/",
                "딜 2건",
                "약 137억 원<br><small class=\"muted\">금액 비공개 1건</small>"
            ),
            // The shared round counts in full for Kakao too; its 2024-06-10
            // deal is exactly 12 months back, outside.
            row("2", kakao, "/companies/kakao/", "딜 1건", "약 137억 원"),
            // 2024-06-11 is inside.
            row(
                "3",
                "알토스벤처스",
                "/companies/altos/",
                "딜 1건",
                "약 68억 5천만 원"
            ),
        ]
    );
    assert_eq!(
        rows(&html, "all_time"),
        [
            // Two deals, $60,000,000.25: first on amount.
            row("1", kakao, "/companies/kakao/", "딜 2건", "약 822억 원"),
            row(
                "2",
                "네이버",
                "/companies/naver/",
                "딜 2건",
                "약 137억 원<br><small class=\"muted\">금액 비공개 1건</small>"
            ),
            row(
                "3",
                "알토스벤처스",
                "/companies/altos/",
                "딜 1건",
                "약 68억 5천만 원"
            ),
        ]
    );
    // A cancelled deal counts for no one.
    assert!(!html.contains("소프트뱅크"));
    // Rounds (ties: the earlier stage first) and the targets' sectors, in Korean.
    assert!(html.contains("시드 1건 · 시리즈 A 1건"), "{html}");
    assert!(html.contains("언어 모델 1건"), "{html}");
    // No English UI on a Korean page.
    for english in [
        "Top investors",
        "Last 12 months",
        "All time",
        " deals<",
        " deal<",
        ">Rank<",
        "Disclosed total",
        "undisclosed<",
    ] {
        assert!(!html.contains(english), "{english} on the Korean page");
    }
    // Linked from every page's footer.
    assert!(
        f.read("index.html")
            .contains("<a href=\"/investors/\">투자자 순위</a>")
    );
}

#[test]
fn the_english_league_table_shows_dollars_and_english_names() {
    let f = site();
    let html = f.read("en/investors/index.html");
    assert!(html.contains("<h1 class=\"page-title\">Top investors</h1>"));
    assert!(
        html.contains("<time datetime=\"2024-06-11\">June 11, 2024</time> – <time datetime=\"2025-06-10\">June 10, 2025</time>"),
        "{html}"
    );
    assert_eq!(
        rows(&html, "recent"),
        [
            row(
                "1",
                "Naver",
                "/en/companies/naver/",
                "2 deals",
                "$10M<br><small class=\"muted\">1 undisclosed</small>"
            ),
            row(
                "2",
                "Kakao Ventures, Pangyo",
                "/en/companies/kakao/",
                "1 deal",
                "$10M"
            ),
            row(
                "3",
                "Altos Ventures",
                "/en/companies/altos/",
                "1 deal",
                "$5M"
            ),
        ]
    );
    assert_eq!(
        rows(&html, "all_time")[0],
        row(
            "1",
            "Kakao Ventures, Pangyo",
            "/en/companies/kakao/",
            "2 deals",
            "$60M"
        )
    );
    assert!(html.contains("Seed (1) · Series A (1)"), "{html}");
    assert!(html.contains("language models (1)"), "{html}");
    assert!(
        f.read("en/index.html")
            .contains("<a href=\"/en/investors/\">Top investors</a>")
    );
}

#[test]
fn an_empty_site_has_an_empty_league_table() {
    let f = Fixture::new(CONFIG);
    f.build();
    let html = f.read("investors/index.html");
    assert!(html.contains("이 기간에 기록된 딜이 없습니다."));
    assert!(!html.contains("<table"));
}

/// A CSV file: its BOM, then its records.
fn csv(f: &Fixture, rel: &str) -> Vec<csv::StringRecord> {
    let bytes = std::fs::read(f.root().join("public").join(rel)).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{rel} starts with a BOM"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    // Every record ends with CRLF, and no bare LF ends one.
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader.records().map(Result::unwrap).collect()
}

fn field<'a>(records: &'a [csv::StringRecord], id: &str, column: &str) -> &'a str {
    let header = &records[0];
    let at = header.iter().position(|h| h == column).unwrap();
    let record = records
        .iter()
        .find(|r| &r[0] == id)
        .unwrap_or_else(|| panic!("no row {id}"));
    &record[at]
}

#[test]
fn the_deals_csv_has_every_deal_with_exact_amounts() {
    let f = site();
    let records = csv(&f, "api/deals.csv");
    assert_eq!(
        records[0].iter().collect::<Vec<_>>(),
        [
            "id",
            "type",
            "round",
            "status",
            "date",
            "investors",
            "lead",
            "target",
            "amount_value",
            "amount_currency",
            "amount_approx",
            "amount_bound",
            "amount_text",
            "amount_display",
            "disclosed",
            "valuation_value",
            "valuation_currency",
            "valuation_text",
            "valuation_basis",
            "stake",
            "url",
            "briefings",
        ]
    );
    // One row per deal, newest first as in the JSON (ties by id).
    let ids: Vec<&str> = records[1..].iter().map(|r| &r[0]).collect();
    assert_eq!(
        ids,
        [
            "cancelled-2025",
            "shared-2025",
            "naver-seed-2025",
            "altos-in-2024",
            "kakao-out-2024"
        ]
    );
    assert_eq!(field(&records, "shared-2025", "investors"), "naver;kakao");
    assert_eq!(field(&records, "shared-2025", "round"), "series-a");
    assert_eq!(field(&records, "shared-2025", "amount_value"), "10000000");
    assert_eq!(field(&records, "cancelled-2025", "status"), "cancelled");
    assert_eq!(field(&records, "naver-seed-2025", "amount_value"), "");
    assert_eq!(field(&records, "naver-seed-2025", "disclosed"), "false");
    assert_eq!(field(&records, "naver-seed-2025", "target"), "tiny");
    // Commas inside a field survive, and the exact cents.
    assert_eq!(
        field(&records, "kakao-out-2024", "amount_value"),
        "50000000.25"
    );
    assert_eq!(
        field(&records, "kakao-out-2024", "amount_display"),
        "50000000.25"
    );
    assert_eq!(
        field(&records, "kakao-out-2024", "amount_text"),
        "US$50,000,000.25"
    );
    assert_eq!(field(&records, "kakao-out-2024", "stake"), "10%");
    assert_eq!(
        field(&records, "kakao-out-2024", "url"),
        "https://example.com/deals/kakao-out-2024/"
    );
    // The same values as the JSON API.
    let json = f.json("api/deals.json");
    for (d, r) in json["deals"].as_array().unwrap().iter().zip(&records[1..]) {
        assert_eq!(d["id"], r[0]);
        assert_eq!(d["status"], r[3]);
        assert_eq!(d["date"], r[4]);
    }
}

#[test]
fn the_companies_csv_round_trips_korean_names_with_commas_quotes_and_line_breaks() {
    let f = site();
    let records = csv(&f, "api/companies.csv");
    assert_eq!(
        records[0].iter().collect::<Vec<_>>(),
        [
            "id",
            "name",
            "aliases",
            "url",
            "registered",
            "briefings",
            "deals_as_investor",
            "deals_as_target",
            "invested_total_value",
            "invested_total_currency",
            "raised_total_value",
            "raised_total_currency",
        ]
    );
    assert_eq!(
        field(&records, "kakao", "name"),
        "카카오 \"큰손\" 벤처스, 판교"
    );
    assert_eq!(field(&records, "kakao", "aliases"), "카카오벤처스;둘째\n줄");
    assert_eq!(field(&records, "kakao", "registered"), "true");
    assert_eq!(
        field(&records, "kakao", "deals_as_investor"),
        "shared-2025;kakao-out-2024"
    );
    // Only the deal it made alone counts in its total (section 8).
    assert_eq!(
        field(&records, "kakao", "invested_total_value"),
        "50000000.25"
    );
    assert_eq!(field(&records, "kakao", "invested_total_currency"), "USD");
    assert_eq!(field(&records, "tiny", "registered"), "false");
    assert_eq!(field(&records, "tiny", "invested_total_value"), "");
    // The cancelled $900M is not raised.
    assert_eq!(field(&records, "upstage", "raised_total_value"), "15000000");
    // The raw file quotes what needs it and doubles the quotes.
    let raw = f.read("api/companies.csv");
    assert!(
        raw.contains("\"카카오 \"\"큰손\"\" 벤처스, 판교\""),
        "{raw}"
    );
    assert!(raw.contains("\"카카오벤처스;둘째\n줄\""), "{raw}");
    // By id, as the JSON.
    let ids: Vec<&str> = records[1..].iter().map(|r| &r[0]).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    // Written once, not per language.
    assert!(!f.exists("en/api/companies.csv"));
}
