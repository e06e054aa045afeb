//! UI strings and date formats for `ko` and `en` pages.

use jiff::civil::Date;
use std::collections::BTreeMap;

const STRINGS: &[(&str, &str, &str)] = &[
    ("briefings", "브리핑", "Briefings"),
    ("latest", "최신 브리핑", "Latest briefings"),
    ("companies", "기업", "Companies"),
    ("deals", "딜", "Deals"),
    ("tags", "태그", "Tags"),
    ("company", "기업", "Company"),
    ("deal", "딜", "Deal"),
    ("tag", "태그", "Tag"),
    ("investors", "투자자", "Investors"),
    ("investor", "투자자", "Investor"),
    ("target", "대상", "Target"),
    ("amount", "금액", "Amount"),
    ("valuation", "기업가치", "Valuation"),
    ("stake", "지분", "Stake"),
    ("status", "상태", "Status"),
    ("type", "유형", "Type"),
    ("date", "날짜", "Date"),
    ("note", "메모", "Note"),
    ("history", "진행 경과", "Status history"),
    ("quotes", "발언", "Quotes"),
    ("mentioned_in", "관련 브리핑", "Related briefings"),
    ("deals_as_investor", "투자한 딜", "Deals as investor"),
    ("deals_as_target", "투자 받은 딜", "Deals as target"),
    ("invested_total", "총 투자액", "Total invested"),
    ("raised_total", "총 유치액", "Total raised"),
    (
        "no_deals",
        "아직 기록된 딜이 없습니다.",
        "No deals recorded yet.",
    ),
    (
        "no_briefings",
        "아직 브리핑이 없습니다.",
        "No briefings yet.",
    ),
    ("website", "웹사이트", "Website"),
    ("founded", "설립", "Founded"),
    ("hq", "본사", "Headquarters"),
    ("sector", "분야", "Sector"),
    ("founders", "창업자", "Founders"),
    ("founder", "창업자", "Founder"),
    ("parent", "모회사", "Parent"),
    ("aliases", "다른 이름", "Also known as"),
    ("source", "출처", "Source"),
    ("by", "글", "By"),
    ("updated", "수정", "Updated"),
    ("draft", "초안", "draft"),
    ("newer", "← 새 글", "← Newer"),
    ("older", "지난 글 →", "Older →"),
    ("page_of", "페이지", "Page"),
    ("previous_page", "← 이전", "← Previous"),
    ("next_page", "다음 →", "Next →"),
    ("all_deals", "딜 전체 보기", "All deals"),
    ("all_quotes", "발언 전체 보기", "All quotes"),
    ("company_deals_title", "{name}의 딜", "Deals of {name}"),
    (
        "company_quotes_title",
        "{name} 관련 발언",
        "Quotes about {name}",
    ),
    ("not_found", "페이지를 찾을 수 없습니다", "Page not found"),
    (
        "not_found_text",
        "주소가 바뀌었거나 삭제된 페이지입니다.",
        "The page may have moved or been removed.",
    ),
    ("home", "홈", "Home"),
    ("skip", "본문으로 건너뛰기", "Skip to content"),
    ("sort_by", "정렬", "Sort by"),
    ("sort_date", "최신순", "Newest"),
    ("sort_amount", "금액순", "Largest"),
    ("converted", "환산", "converted"),
    ("all_tags", "모든 태그", "All tags"),
    ("undisclosed", "비공개", "Undisclosed"),
    ("amount_undisclosed", "금액 비공개", "Amount undisclosed"),
    ("digest", "브리핑 다이제스트", "Briefing digest"),
    ("digest_period", "{since} ~ {until}", "{since} – {until}"),
    ("digest_deals", "이 기간의 딜", "Deals this period"),
    ("digest_total", "공개된 금액 합계", "Disclosed total"),
    (
        "digest_total_note",
        "무산된 딜 제외",
        "cancelled deals excluded",
    ),
    (
        "digest_undisclosed",
        "금액 미공개 {n}건",
        "{n} without a disclosed amount",
    ),
    ("digest_largest", "규모가 큰 딜", "Largest deals"),
    ("digest_changes", "상태 변화", "Status changes"),
    (
        "digest_briefings",
        "이 기간의 브리핑",
        "Briefings this period",
    ),
    (
        "digest_empty",
        "이 기간에는 새 브리핑이 없습니다.",
        "Nothing new in this period.",
    ),
    ("digest_read", "브리핑 읽기", "Read the briefing"),
    (
        "digest_site",
        "사이트에서 모든 브리핑 보기",
        "All briefings on the site",
    ),
    (
        "update_rumored",
        "이 거래는 {date} 소문으로 전해졌습니다",
        "Update: rumored on {date}",
    ),
    (
        "update_negotiating",
        "이 거래는 {date} 협상 중으로 전해졌습니다",
        "Update: in negotiation on {date}",
    ),
    (
        "update_announced",
        "이 거래는 {date} 발표됐습니다",
        "Update: announced on {date}",
    ),
    (
        "update_closed",
        "이 거래는 {date} 완료됐습니다",
        "Update: closed on {date}",
    ),
    (
        "update_cancelled",
        "이 거래는 {date} 무산됐습니다",
        "Update: cancelled on {date}",
    ),
    (
        "update_amount",
        "이 거래의 금액은 {date}에 바뀌었습니다",
        "Update: the amount changed on {date}",
    ),
    ("round", "라운드", "Round"),
    ("lead", "리드 투자자", "Lead investor"),
    ("revisions", "금액 변화", "Amount over time"),
    ("valuation_basis_post", "투자 후", "post-money"),
    ("valuation_basis_pre", "투자 전", "pre-money"),
    ("round_pre-seed", "프리시드", "Pre-seed"),
    ("round_seed", "시드", "Seed"),
    ("round_pre-series-a", "프리A", "Pre-Series A"),
    ("round_bridge", "브릿지", "Bridge"),
    ("round_growth", "그로스", "Growth"),
    ("round_strategic", "전략적 투자", "Strategic"),
    ("round_pre-ipo", "프리IPO", "Pre-IPO"),
    ("round_debt", "부채", "Debt"),
    ("round_grant", "보조금", "Grant"),
    ("round_secondary", "세컨더리", "Secondary"),
    (
        "undisclosed_deals",
        "금액 비공개 딜",
        "Deals with undisclosed amounts",
    ),
    ("status_rumored", "소문", "Rumored"),
    ("status_negotiating", "협상 중", "Negotiating"),
    ("status_announced", "발표", "Announced"),
    ("status_closed", "완료", "Closed"),
    ("status_cancelled", "무산", "Cancelled"),
    ("type_investment", "투자", "Investment"),
    ("type_acquisition", "인수", "Acquisition"),
    ("type_funding-round", "투자 유치", "Funding round"),
    ("type_fund-launch", "펀드 출범", "Fund launch"),
    ("type_partnership", "제휴", "Partnership"),
    ("type_ipo", "상장", "IPO"),
    ("people", "인물", "People"),
    ("language_name", "한국어", "English"),
    ("languages", "언어", "Language"),
    ("untranslated", "번역 없음", "not translated"),
    ("person", "인물", "Person"),
    ("search", "검색", "Search"),
    (
        "search_placeholder",
        "브리핑 검색: 기업, 인물, 키워드",
        "Search briefings: companies, people, keywords",
    ),
    ("search_button", "검색", "Search"),
    (
        "search_none",
        "검색 결과가 없습니다.",
        "No briefings match.",
    ),
    ("search_more", "결과 더 보기", "More results"),
    (
        "search_count",
        "‘{q}’ 검색 결과 {n}건",
        "{n} results for “{q}”",
    ),
    (
        "search_count_one",
        "‘{q}’ 검색 결과 {n}건",
        "1 result for “{q}”",
    ),
    (
        "search_noscript",
        "검색에는 자바스크립트가 필요합니다.",
        "Search needs JavaScript.",
    ),
    ("reading_time", "분 분량", "min read"),
    ("feed", "피드", "Feed"),
    ("chart_legend_investor", "● 투자", "● as investor"),
    ("chart_legend_target", "○ 투자 유치", "○ as target"),
    (
        "chart_company_deals",
        "{name} 딜 추이",
        "{name} deals over time",
    ),
    ("chart_key", "점선 원: {amount}", "dashed circle: {amount}"),
    ("archive", "아카이브", "Archive"),
    ("archive_year", "{year}년 브리핑", "Briefings from {year}"),
    ("related", "관련 브리핑", "Related briefings"),
    ("deal_flow_month", "월별 딜 흐름", "Deal flow by month"),
    (
        "deal_flow_quarter",
        "분기별 딜 흐름",
        "Deal flow by quarter",
    ),
    (
        "deal_flow_key",
        "굵은 막대: 공개된 금액 합계, 가는 막대: 딜 건수 (무산된 딜 제외)",
        "Thick bars: disclosed total; thin bars: number of deals (cancelled deals left out)",
    ),
    ("corrections", "정정", "Corrections"),
    ("correction", "정정", "Correction"),
    (
        "no_corrections",
        "아직 정정한 내용이 없습니다.",
        "No corrections yet.",
    ),
    ("league_title", "투자자 순위", "Top investors"),
    (
        "league_description",
        "최근 12개월과 전체 기간의 딜 건수로 본 투자자 순위",
        "Investors ranked by deals in the last 12 months and all time",
    ),
    (
        "league_note",
        "무산되지 않은 딜은 참여한 투자자마다 한 건으로 세고, 공개된 금액은 전액 더합니다. 공동 투자도 참여사마다 전액을 셉니다. 금액 비공개 딜은 건수에만 들어갑니다. 딜 건수가 많은 순, 같으면 금액이 큰 순으로 상위 100곳입니다.",
        "Each deal that was not cancelled counts once for every one of its investors, with its full disclosed amount (a shared round counts in full for each participant); deals with undisclosed amounts count but add nothing. Ranked by number of deals, then by amount; the top 100.",
    ),
    ("league_recent", "최근 12개월", "Last 12 months"),
    ("league_all_time", "전체 기간", "All time"),
    ("league_rank", "순위", "Rank"),
    ("league_disclosed", "공개 금액 합계", "Disclosed total"),
    ("league_breakdown", "라운드 · 분야", "Rounds · sectors"),
    (
        "league_empty",
        "이 기간에 기록된 딜이 없습니다.",
        "No deals in this period.",
    ),
    ("league_share", "{label} {n}건", "{label} ({n})"),
];

/// Every UI string for `lang`, as a map templates read as `t.key`.
/// Built once per language: every page's context carries it.
pub fn strings(lang: &str) -> &'static tera::Value {
    static KO: std::sync::OnceLock<tera::Value> = std::sync::OnceLock::new();
    static EN: std::sync::OnceLock<tera::Value> = std::sync::OnceLock::new();
    let ko = lang == "ko";
    let cell = if ko { &KO } else { &EN };
    cell.get_or_init(|| {
        let map: BTreeMap<&str, &str> = STRINGS
            .iter()
            .map(|&(k, ko_text, en_text)| (k, if ko { ko_text } else { en_text }))
            .collect();
        tera::Value::from_serializable(&map)
    })
}

/// Counted nouns: (key, ko, en singular, en plural), `{n}` the number. Korean
/// puts the counter after the number (`브리핑 3건`) and has no plural; English
/// uses the singular for exactly one (CLDR: `one` is n = 1, other otherwise).
const COUNTS: &[(&str, &str, &str, &str)] = &[
    ("briefing", "브리핑 {n}건", "{n} briefing", "{n} briefings"),
    ("deal", "딜 {n}건", "{n} deal", "{n} deals"),
    ("quote", "발언 {n}건", "{n} quote", "{n} quotes"),
    (
        "correction",
        "정정 {n}건",
        "{n} correction",
        "{n} corrections",
    ),
    (
        "undisclosed",
        "금액 비공개 {n}건",
        "{n} undisclosed",
        "{n} undisclosed",
    ),
];

/// `n` things of `key` as readers of `lang` write it: `1 deal`, `3 deals`,
/// `딜 3건`. `None` for a key the table does not have.
pub fn count(lang: &str, key: &str, n: u64) -> Option<String> {
    let &(_, ko, one, other) = COUNTS.iter().find(|(k, _, _, _)| *k == key)?;
    let pattern = if lang == "ko" {
        ko
    } else if n == 1 {
        one
    } else {
        other
    };
    Some(pattern.replace("{n}", &n.to_string()))
}

/// Orders names as readers of `lang` look them up: on `ko` pages names that start
/// in Hangul come first, in 가나다 order (the code-point order of precomposed
/// syllables), then every other name; within each group, and on `en` pages,
/// case-insensitively, ties broken by the exact text so the order is total.
pub fn collate(lang: &str, a: &str, b: &str) -> std::cmp::Ordering {
    collation_key(lang, a).cmp(&collation_key(lang, b))
}

/// What `collate` compares: the group, the lower-cased text, the text.
fn collation_key<'s>(lang: &str, s: &'s str) -> (u8, String, &'s str) {
    let hangul = s.chars().next().is_some_and(|c| {
        matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
    });
    let group = u8::from(lang == "ko" && !hangul);
    (group, s.to_lowercase(), s)
}

/// The keys of `named` (key, name) in `collate` order of their names. Each
/// name is lower-cased once, not at every comparison: an index page sorts
/// every company of the site.
pub fn by_name<'k>(lang: &str, named: impl Iterator<Item = (&'k str, &'k str)>) -> Vec<&'k str> {
    let mut keyed: Vec<_> = named
        .map(|(key, name)| (collation_key(lang, name), key))
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, key)| key).collect()
}

/// One UI string.
pub fn text(lang: &str, key: &str) -> &'static str {
    STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, ko, en)| if lang == "ko" { ko } else { en })
}

/// A date as readers of `lang` write it.
pub fn format_date(date: Date, lang: &str) -> String {
    if lang == "ko" {
        // Written piece by piece: pages print dates by the ten thousand.
        let mut out = String::with_capacity(24);
        let mut digits = itoa::Buffer::new();
        for (n, unit) in [
            (i32::from(date.year()), "년 "),
            (i32::from(date.month()), "월 "),
            (i32::from(date.day()), "일"),
        ] {
            out.push_str(digits.format(n));
            out.push_str(unit);
        }
        out
    } else {
        date.strftime("%B %-d, %Y").to_string()
    }
}

/// A month as readers of `lang` write it: `2025년 6월`, `June 2025`.
pub fn format_month(year: i16, month: i8, lang: &str) -> String {
    if lang == "ko" {
        format!("{year}년 {month}월")
    } else {
        let name = Date::new(year, month, 1)
            .map_or_else(|_| month.to_string(), |d| d.strftime("%B").to_string());
        format!("{name} {year}")
    }
}

/// A month in a short form, for a chart's axis: `2025년 6월`, `Jun 2025`.
pub fn format_month_short(year: i16, month: i8, lang: &str) -> String {
    if lang == "ko" {
        format!("{year}년 {month}월")
    } else {
        let name = Date::new(year, month, 1)
            .map_or_else(|_| month.to_string(), |d| d.strftime("%b").to_string());
        format!("{name} {year}")
    }
}

/// The quarter (1 to 4) of a month (1 to 12).
pub fn quarter_of(month: i8) -> i8 {
    (month - 1) / 3 + 1
}

/// A quarter as readers of `lang` write it: `2025년 2분기`, `2025 Q2`.
pub fn format_quarter(year: i16, quarter: i8, lang: &str) -> String {
    if lang == "ko" {
        format!("{year}년 {quarter}분기")
    } else {
        format!("{year} Q{quarter}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Templates print UI strings as they are: none may hold a Korean word
    /// a browser would break at its punctuation (`더합니다⏎(공동`).
    #[test]
    fn korean_ui_strings_hold_no_word_a_browser_would_break() {
        // A placeholder (`{name}의`) stands for a name: a word, not marks.
        let filled = |text: &str| {
            let mut out = String::new();
            for (i, part) in text.split(['{', '}']).enumerate() {
                out.push_str(if i % 2 == 1 { "가" } else { part });
            }
            out
        };
        let ko = STRINGS.iter().map(|(key, ko, _)| (key, ko));
        for (key, text) in ko.chain(COUNTS.iter().map(|(key, ko, _, _)| (key, ko))) {
            let text = filled(text);
            assert_eq!(
                crate::typography::join_korean_words(&text),
                None,
                "{key}: {text}"
            );
        }
    }

    #[test]
    fn months_and_quarters_per_language() {
        assert_eq!(format_month(2025, 6, "ko"), "2025년 6월");
        assert_eq!(format_month(2025, 6, "en"), "June 2025");
        assert_eq!(format_month(2024, 12, "en"), "December 2024");
        assert_eq!(format_month_short(2025, 6, "ko"), "2025년 6월");
        assert_eq!(format_month_short(2025, 6, "en"), "Jun 2025");
        assert_eq!(format_month_short(2024, 9, "en"), "Sep 2024");
        let quarters: Vec<i8> = (1..=12).map(quarter_of).collect();
        assert_eq!(quarters, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
        assert_eq!(format_quarter(2025, 2, "ko"), "2025년 2분기");
        assert_eq!(format_quarter(2025, 2, "en"), "2025 Q2");
    }

    #[test]
    fn dates_per_language() {
        let d = Date::new(2025, 6, 10).unwrap();
        assert_eq!(format_date(d, "ko"), "2025년 6월 10일");
        let early = Date::new(7, 1, 9).unwrap();
        assert_eq!(format_date(early, "ko"), "7년 1월 9일");
        assert_eq!(format_date(d, "en"), "June 10, 2025");
    }

    #[test]
    fn every_key_has_both_languages() {
        for (key, ko, en) in STRINGS {
            assert!(!ko.is_empty() && !en.is_empty(), "{key}");
        }
        assert_eq!(text("ko", "status_negotiating"), "협상 중");
        for (key, ko, one, other) in COUNTS {
            assert!(
                ko.contains("{n}") && one.contains("{n}") && other.contains("{n}"),
                "{key}"
            );
        }
    }

    #[test]
    fn english_counts_are_singular_only_for_one() {
        assert_eq!(count("en", "briefing", 0).unwrap(), "0 briefings");
        assert_eq!(count("en", "briefing", 1).unwrap(), "1 briefing");
        assert_eq!(count("en", "briefing", 2).unwrap(), "2 briefings");
        assert_eq!(count("en", "deal", 0).unwrap(), "0 deals");
        assert_eq!(count("en", "deal", 1).unwrap(), "1 deal");
        assert_eq!(count("en", "deal", 3).unwrap(), "3 deals");
        assert_eq!(count("en", "quote", 1).unwrap(), "1 quote");
        assert_eq!(count("en", "quote", 2).unwrap(), "2 quotes");
    }

    #[test]
    fn korean_counts_put_the_counter_after_the_number() {
        assert_eq!(count("ko", "briefing", 0).unwrap(), "브리핑 0건");
        assert_eq!(count("ko", "briefing", 1).unwrap(), "브리핑 1건");
        assert_eq!(count("ko", "briefing", 2).unwrap(), "브리핑 2건");
        assert_eq!(count("ko", "deal", 1).unwrap(), "딜 1건");
        assert_eq!(count("ko", "deal", 3).unwrap(), "딜 3건");
        assert_eq!(count("ko", "quote", 2).unwrap(), "발언 2건");
        assert_eq!(count("ko", "nope", 2), None);
    }

    #[test]
    fn korean_collation_puts_hangul_first_in_ganada_order() {
        let mut names = vec![
            "Meta",
            "카카오",
            "anthropic",
            "네이버",
            "Scale AI",
            "가온",
            "OpenAI",
        ];
        names.sort_by(|a, b| collate("ko", a, b));
        assert_eq!(
            names,
            [
                "가온",
                "네이버",
                "카카오",
                "anthropic",
                "Meta",
                "OpenAI",
                "Scale AI"
            ]
        );
        names.sort_by(|a, b| collate("en", a, b));
        assert_eq!(
            names,
            [
                "anthropic",
                "Meta",
                "OpenAI",
                "Scale AI",
                "가온",
                "네이버",
                "카카오"
            ]
        );
    }
}
