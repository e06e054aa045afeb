//! `briefly digest`: the briefings, deals, total and status changes of a
//! period, as email-ready HTML, plain text or Markdown.

mod common;

use common::{CONFIG, Fixture};

/// A Korean site with English pages: deals before, inside and after the
/// period 2025-06-02..=2025-06-14, a draft, a future briefing, and one dated
/// 2025-06-14 in UTC but 2025-06-15 in the site's time zone (Asia/Seoul).
fn site() -> Fixture {
    let f = Fixture::new(&format!(
        "{CONFIG}\n[languages.en]\ntitle = \"Test Briefings (EN)\"\n"
    ));
    f.company("meta", "name: Meta\nnames: {ko: 메타, en: Meta}\n");
    f.company("scale-ai", "name: Scale AI\nnames: {ko: 스케일 AI}\n");
    f.company("naver", "name: Naver\nnames: {ko: 네이버}\n");
    f.company("twelve-labs", "name: Twelve Labs\n");
    f.company("mistral", "name: Mistral AI\n");
    f.company("kakao", "name: Kakao\nnames: {ko: 카카오}\n");
    f.company("upstage", "name: Upstage\nnames: {ko: 업스테이지}\n");
    f.company("openai", "name: OpenAI\n");
    f.company("softbank", "name: SoftBank\n");
    f.briefing(
        "2025-05-20-openai.md",
        "title: 오픈AI 투자\nsummary: 지난달 이야기\ndate: 2025-05-20\ndeals:\n  - id: softbank-openai\n    investors: [softbank]\n    target: openai\n    amount: \"$40B\"\n    status: announced\n",
        "본문.\n",
    );
    f.briefing(
        "2025-06-01-before.md",
        "title: 전날 브리핑\nsummary: 기간 전날\ndate: 2025-06-01\n",
        "본문.\n",
    );
    f.briefing(
        "2025-06-02-talks.md",
        "title: 메타 스케일 협상\nsummary: 협상 소식\ndate: 2025-06-02\ndeals:\n  - id: meta-scale-ai\n    investors: [meta]\n    target: scale-ai\n    amount: \"100억달러\"\n    status: negotiating\n",
        "본문.\n",
    );
    f.briefing(
        "2025-06-05-kakao.md",
        "title: 카카오 업스테이지 투자\nsummary: 카카오가 투자한다\ndate: 2025-06-05\ndeals:\n  - id: kakao-upstage\n    investors: [kakao]\n    target: upstage\n    amount: \"1조원\"\n    status: announced\n",
        "본문.\n",
    );
    f.briefing(
        "2025-06-08-kakao-off.md",
        "title: 카카오 투자 무산\nsummary: 없던 일로\ndate: 2025-06-08\ndeals:\n  - id: kakao-upstage\n    status: cancelled\n",
        "본문.\n",
    );
    f.briefing(
        "2025-06-10-draft.md",
        "title: 초안 브리핑\nsummary: 아직\ndate: 2025-06-10\ndraft: true\n",
        "본문.\n",
    );
    f.briefing(
        "2025-06-13-announced.md",
        "title: 메타 스케일 발표\nsummary: \"R&D > 발표\"\ndate: 2025-06-13\ndeals:\n  - id: meta-scale-ai\n    amount: \"약 143억달러\"\n    status: announced\n  - id: naver-twelve-labs\n    investors: [naver]\n    target: twelve-labs\n    amount: 비공개\n    status: announced\n",
        "본문.\n",
    );
    f.briefing(
        "2025-06-13-announced.en.md",
        "title: Meta and Scale announce\nsummary: The deal is announced\ndate: 2025-06-13\n",
        "Body.\n",
    );
    f.briefing(
        "2025-06-14-mistral.md",
        "title: 네이버 미스트랄 투자\nsummary: 유럽으로\ndate: 2025-06-14T20:00:00+09:00\ndeals:\n  - id: naver-mistral\n    investors: [naver]\n    target: mistral\n    amount: \"€500M\"\n    status: announced\n",
        "본문.\n",
    );
    f.briefing(
        "2025-06-15-midnight.md",
        "title: 자정 넘어\nsummary: 서울은 15일\ndate: 2025-06-14T16:00:00Z\n",
        "본문.\n",
    );
    f.briefing(
        "2025-06-20-closed.md",
        "title: 메타 스케일 완료\nsummary: 거래 완료\ndate: 2025-06-20\ndeals:\n  - id: meta-scale-ai\n    status: closed\n",
        "본문.\n",
    );
    f.briefing(
        "2099-01-01-future.md",
        "title: 미래 브리핑\nsummary: 아직 오지 않은\ndate: 2099-01-01\n",
        "본문.\n",
    );
    f
}

fn digest(f: &Fixture, args: &[&str]) -> String {
    let mut all = vec!["digest"];
    all.extend_from_slice(args);
    let (code, out, err) = f.run(&all);
    assert_eq!(code, 0, "briefly {all:?} failed:\n{err}");
    out
}

const JUNE: [&str; 4] = ["--since", "2025-06-02", "--until", "2025-06-14"];

fn june(f: &Fixture, more: &[&str]) -> String {
    let mut args = JUNE.to_vec();
    args.extend_from_slice(more);
    digest(f, &args)
}

#[test]
fn the_period_holds_its_briefings_both_ends_included_in_the_site_time_zone() {
    let f = site();
    let text = june(&f, &["--format", "text"]);
    for title in [
        "메타 스케일 협상",
        "카카오 업스테이지 투자",
        "카카오 투자 무산",
        "메타 스케일 발표",
        "네이버 미스트랄 투자",
    ] {
        assert!(text.contains(title), "{title} is in the period:\n{text}");
    }
    for title in [
        "전날 브리핑",
        "메타 스케일 완료",
        "초안 브리핑",
        "미래 브리핑",
        "자정 넘어",
        "오픈AI 투자",
    ] {
        assert!(!text.contains(title), "{title} is not:\n{text}");
    }
    assert!(text.contains("2025년 6월 2일 ~ 2025년 6월 14일"), "{text}");
    assert!(text.contains("브리핑 5건"), "{text}");
    // Newest first, each with its summary and its absolute link.
    let order: Vec<usize> = [
        "네이버 미스트랄 투자",
        "메타 스케일 발표",
        "카카오 투자 무산",
        "카카오 업스테이지 투자",
        "메타 스케일 협상",
    ]
    .iter()
    .map(|t| text.find(t).unwrap())
    .collect();
    assert!(order.is_sorted(), "newest first:\n{text}");
    assert!(text.contains("협상 소식"), "{text}");
    assert!(
        text.contains("https://example.com/briefings/2025-06-13-announced/"),
        "{text}"
    );
}

#[test]
fn deals_count_total_largest_and_status_changes() {
    let f = site();
    let text = june(&f, &["--format", "text"]);
    // meta-scale-ai, kakao-upstage, naver-twelve-labs, naver-mistral; not softbank-openai.
    assert!(text.contains("딜 4건 (금액 미공개 1건)"), "{text}");
    // 143억 달러 + €500M × 1.08 = $14.84B; the cancelled ₩1조 is left out.
    assert!(
        text.contains("공개된 금액 합계: 약 148억 달러 (무산된 딜 제외)"),
        "{text}"
    );
    let largest = section(&text, "규모가 큰 딜", "상태 변화");
    assert!(
        largest.contains("메타 → 스케일 AI: 약 143억 달러 · 투자 · 발표"),
        "as it stood on the period's last day, not closed as on 6/20:\n{largest}"
    );
    assert!(
        largest.contains("네이버 → Mistral AI: 5억 유로"),
        "{largest}"
    );
    assert!(
        largest.find("메타").unwrap() < largest.find("Mistral").unwrap(),
        "largest first:\n{largest}"
    );
    assert!(!largest.contains("카카오"), "cancelled: {largest}");
    assert!(!largest.contains("Twelve Labs"), "undisclosed: {largest}");
    assert!(
        largest.contains("https://example.com/deals/meta-scale-ai/"),
        "{largest}"
    );
    let changes = section(&text, "상태 변화", "이 기간의 브리핑");
    assert!(
        changes.contains("메타 → 스케일 AI: 협상 중 → 발표 (2025년 6월 13일)"),
        "{changes}"
    );
    assert!(
        changes.contains("카카오 → 업스테이지: 발표 → 무산 (2025년 6월 8일)"),
        "{changes}"
    );
    assert!(
        !changes.contains("완료"),
        "6/20 is after the period: {changes}"
    );
    assert!(
        changes.find("메타").unwrap() < changes.find("카카오").unwrap(),
        "newest first: {changes}"
    );
}

fn section<'t>(text: &'t str, from: &str, to: &str) -> &'t str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from}:\n{text}"));
    let end = text[start..].find(to).map_or(text.len(), |e| start + e);
    &text[start..end]
}

/// Every `name="…"` attribute value in `html`.
fn attributes<'h>(html: &'h str, name: &str) -> Vec<&'h str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn html_is_email_safe_with_absolute_links_only() {
    let f = site();
    let html = june(&f, &[]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<html lang=\"ko\">"), "{html}");
    assert!(html.trim_end().ends_with("</html>"), "{html}");
    let lower = html.to_lowercase();
    for banned in [
        "<script",
        "<link",
        "<style",
        "display:flex",
        "display:grid",
        "<img",
    ] {
        assert!(!lower.contains(banned), "{banned} in:\n{html}");
    }
    let hrefs = attributes(&html, "href");
    assert!(hrefs.len() > 10, "{hrefs:?}");
    for url in hrefs.iter().chain(&attributes(&html, "src")) {
        assert!(
            url.starts_with("https://example.com/"),
            "a relative or foreign URL: {url}"
        );
    }
    assert!(html.contains("약 148억 달러"), "{html}");
    assert!(html.contains("R&amp;D &gt; 발표"), "escaped: {html}");
    // Layout is tables with inline styles.
    assert!(html.contains("<table role=\"presentation\""), "{html}");
}

#[test]
fn html_links_follow_base_url_override() {
    let f = site();
    let html = june(&f, &["--base-url", "https://preview.example.net/briefs/"]);
    for url in attributes(&html, "href") {
        assert!(
            url.starts_with("https://preview.example.net/briefs/"),
            "{url}"
        );
    }
}

#[test]
fn text_is_plain_with_full_urls() {
    let f = site();
    let text = june(&f, &["--format", "text"]);
    assert!(
        !text
            .chars()
            .zip(text.chars().skip(1))
            .any(|(a, b)| a == '<' && (b.is_ascii_alphabetic() || b == '/' || b == '!')),
        "a tag in the text:\n{text}"
    );
    assert!(!text.contains("&amp;") && !text.contains("&#39;"), "{text}");
    assert!(text.contains("R&D > 발표"), "as written: {text}");
    assert!(
        text.contains("https://example.com/deals/kakao-upstage/"),
        "{text}"
    );
    assert!(text.ends_with('\n'));
}

#[test]
fn markdown_links_and_escapes() {
    let f = site();
    let md = june(&f, &["--format", "markdown"]);
    assert!(md.starts_with("# Test Briefings\n"), "{md}");
    assert!(
        md.contains("[메타 → 스케일 AI](https://example.com/deals/meta-scale-ai/)"),
        "{md}"
    );
    assert!(
        md.contains("R\\&D \\> 발표"),
        "Markdown-escaped, not HTML-escaped: {md}"
    );
    assert!(!md.contains("&amp;"), "{md}");
}

#[test]
fn english_issue_has_english_ui_and_money() {
    let f = site();
    let html = june(&f, &["--lang", "en"]);
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains("Test Briefings (EN)"), "{html}");
    assert!(html.contains("Briefing digest"), "{html}");
    assert!(html.contains("June 2, 2025 – June 14, 2025"), "{html}");
    assert!(html.contains("about $14.8B"), "{html}");
    assert!(html.contains("about $14.3B"), "{html}");
    assert!(
        html.contains("Negotiating → <strong>Announced</strong>"),
        "{html}"
    );
    assert!(
        html.contains("Meta and Scale announce"),
        "the translation: {html}"
    );
    assert!(
        html.contains("https://example.com/en/briefings/"),
        "English pages live under /en/: {html}"
    );
    for korean in [
        "브리핑 다이제스트",
        "이 기간",
        "규모가 큰 딜",
        "상태 변화",
        "공개된 금액",
        "무산된 딜",
        "브리핑 읽기",
        "억 달러",
        "년 6월",
        "발표",
        "협상 중",
    ] {
        assert!(
            !html.contains(korean),
            "{korean} on the English issue:\n{html}"
        );
    }
    let text = june(&f, &["--lang", "en", "--format", "text"]);
    assert!(
        text.contains("4 deals (1 without a disclosed amount) · Disclosed total: about $14.8B"),
        "{text}"
    );
}

#[test]
fn a_site_template_overrides_the_theme() {
    let f = site();
    f.write(
        "templates/digest.html",
        "<p>CUSTOM {{ digest.title }} {{ digest.deal_count }} {{ digest.period }}</p>\n",
    );
    f.write(
        "templates/digest.txt",
        "TEXT {{ digest.title }} & {{ t.digest }}\n",
    );
    let html = june(&f, &[]);
    assert_eq!(
        html,
        "<p>CUSTOM Test Briefings 4 2025년 6월 2일 ~ 2025년 6월 14일</p>\n"
    );
    let text = june(&f, &["--format", "text"]);
    assert_eq!(text, "TEXT Test Briefings & 브리핑 다이제스트\n");
}

#[test]
fn output_writes_the_file() {
    let f = site();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("issue.html");
    let (code, stdout, err) = f.run(&[
        "digest",
        "--since",
        "2025-06-02",
        "--until",
        "2025-06-14",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stdout, "");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("메타 스케일 발표"), "{html}");
}

/// `--output` never replaces a source: a path in content/, static/,
/// templates/, themes/, data/ or site.toml is refused (exit 2), untouched.
#[test]
fn output_never_replaces_a_source() {
    let f = site();
    let source = f.root().join("content/briefings/2025-06-02-talks.md");
    assert!(source.is_file());
    let sources = [
        source.clone(),
        f.root().join("site.toml"),
        f.root().join("templates/digest.html"),
        f.root().join("content/new.html"),
    ];
    for path in &sources {
        let before = std::fs::read(path).ok();
        let (code, _, err) = f.run(&[
            "digest",
            "--since",
            "2025-06-02",
            "--output",
            path.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{}: {err}", path.display());
        assert!(err.contains("refusing to write the digest"), "{err}");
        assert_eq!(
            std::fs::read(path).ok(),
            before,
            "{} untouched",
            path.display()
        );
    }
}

#[test]
fn defaults_are_the_seven_days_up_to_the_newest_briefing() {
    let f = site();
    // The newest briefing (drafts and future ones left out) is 2025-06-20:
    // the period is 2025-06-14..=2025-06-20.
    let text = digest(&f, &["--format", "text"]);
    assert!(text.contains("2025년 6월 14일 ~ 2025년 6월 20일"), "{text}");
    assert!(text.contains("메타 스케일 완료"), "{text}");
    assert!(text.contains("자정 넘어"), "{text}");
    assert!(text.contains("네이버 미스트랄 투자"), "{text}");
    assert!(!text.contains("메타 스케일 발표"), "{text}");
    assert!(text.contains("발표 → 완료"), "{text}");
}

#[test]
fn an_empty_period_is_an_issue_saying_so() {
    let f = site();
    let text = digest(
        &f,
        &[
            "--since",
            "2024-01-01",
            "--until",
            "2024-01-31",
            "--format",
            "text",
        ],
    );
    assert!(text.contains("이 기간에는 새 브리핑이 없습니다."), "{text}");
    let html = digest(&f, &["--since", "2024-01-01", "--until", "2024-01-31"]);
    assert!(html.contains("이 기간에는 새 브리핑이 없습니다."), "{html}");
}

#[test]
fn bad_dates_and_languages_are_usage_errors() {
    let f = site();
    for args in [
        &["digest", "--since", "2025-13-01"][..],
        &["digest", "--since", "2025-6-1"],
        &["digest", "--until", "yesterday"],
        &["digest", "--since", "2025-06-10T00:00:00"],
    ] {
        let (code, out, err) = f.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains("YYYY-MM-DD"), "{args:?}: {err}");
    }
    let (code, _, err) = f.run(&["digest", "--since", "2025-06-20", "--until", "2025-06-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--since 2025-06-20 is after --until 2025-06-01"),
        "{err}"
    );
    let (code, _, err) = f.run(&["digest", "--lang", "fr"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--lang fr") && err.contains("ko, en"), "{err}");
    let (code, _, err) = f.run(&["digest", "--format", "pdf"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_site_error_is_bad_input() {
    let f = site();
    f.briefing(
        "2025-06-03-bad.md",
        "title: 나쁜\ndate: 2025-06-31\n",
        "본문.\n",
    );
    let (code, out, err) = f.run(&["digest"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("2025-06-03-bad.md"), "{err}");
}

#[test]
fn html_escapes_what_briefings_say() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "2025-06-10-x.md",
        "title: \"<script>alert(1)</script> & co\"\nsummary: \"<img src=x onerror=alert(1)>\"\ndate: 2025-06-10\n",
        "본문.\n",
    );
    let html = digest(&f, &[]);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; co")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "{html}"
    );
    let md = digest(&f, &["--format", "markdown"]);
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\> \\& co"),
        "{md}"
    );
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>"), "{md}");
}

#[test]
fn word_joiners_reach_the_html_issue_only() {
    // HTML keeps `모델(LLM)` on one line with word joiners, as pages do; a
    // text or Markdown issue is read as it is written.
    let f = site();
    f.briefing(
        "2025-06-03-llm.md",
        "title: 거대언어모델(LLM) 경쟁\nsummary: 지분을 51%로 늘렸다\ndate: 2025-06-03\n",
        "본문.\n",
    );
    let html = june(&f, &["--format", "html"]);
    assert!(
        html.contains("거대언어모델\u{2060}(\u{2060}LLM\u{2060}) 경쟁"),
        "{html}"
    );
    for format in ["text", "markdown"] {
        let issue = june(&f, &["--format", format]);
        assert!(
            issue.contains("거대언어모델(LLM) 경쟁"),
            "{format}: {issue}"
        );
        assert!(!issue.contains('\u{2060}'), "{format}: {issue}");
    }
}
