//! Free-text fields by language (section 5): `sector`, `hq`, a deal's `note`
//! and a quote's `role` as a string or a map by language; `ID.LANG.md`
//! company descriptions and names; `NAME.LANG.md` standalone pages.

mod common;

use common::{CONFIG, Fixture};

fn bilingual() -> Fixture {
    let f = Fixture::new(&format!(
        "{CONFIG}\n[languages.en]\ntitle = \"Test Briefings (EN)\"\ndescription = \"In English\"\n"
    ));
    f.write(
        "content/companies/scale-ai.md",
        "---\nname: 스케일 AI\nhq: San Francisco\nfounders: [Alexandr Wang, { ko: 홍길동, en: Gildong Hong }]\nsector: { ko: 데이터 라벨링, en: data labeling }\n---\n데이터를 정제하는 스타트업.\n",
    );
    f.write(
        "content/companies/scale-ai.en.md",
        "---\nname: Scale AI\n---\nA start-up that cleans training data.\n",
    );
    // Only a Korean sector and no English description: the default language's.
    f.company(
        "meta",
        "name: 메타\nsector: { ko: 소셜 미디어 }\nhq: { ko: 멘로파크, en: Menlo Park }\n",
    );
    f.briefing(
        "talks.md",
        "title: 메타 투자 협상\ndate: 2025-06-10\ndeals:\n  - id: meta-scale-ai-2025\n    investors: [메타]\n    target: 스케일 AI\n    amount: \"100억달러\"\n    note: { ko: 블룸버그 보도 기준, en: As reported by Bloomberg }\nquotes:\n  - speaker: 이해진\n    role: { ko: 네이버 창업자, en: Naver founder }\n    text: 살기 위해 투자한다\n",
        "메타가 투자를 협상한다.\n",
    );
    f.write(
        "content/pages/about.md",
        "---\ntitle: 소개\n---\n한국어 소개.\n",
    );
    f.write(
        "content/pages/about.en.md",
        "---\ntitle: About\n---\nIn English.\n",
    );
    f.write(
        "content/pages/team.md",
        "---\ntitle: 편집팀\n---\n편집팀 소개.\n",
    );
    f.build();
    f
}

#[test]
fn each_language_shows_its_own_sector_and_description() {
    let f = bilingual();
    let ko = f.read("companies/scale-ai/index.html");
    let en = f.read("en/companies/scale-ai/index.html");
    assert!(ko.contains("데이터 라벨링") && !ko.contains("data labeling"));
    assert!(en.contains("data labeling") && !en.contains("데이터 라벨링"));
    assert!(ko.contains("데이터를 정제하는 스타트업."));
    assert!(en.contains("A start-up that cleans training data."));
    assert!(
        !en.contains("데이터를 정제하는"),
        "no Korean description on the English page"
    );
    assert!(
        en.contains("<h1>Scale AI"),
        "ID.en.md names the company in English"
    );
    // A founder's name per language; a plain one in both.
    assert!(ko.contains("Alexandr Wang, 홍길동") && en.contains("Alexandr Wang, Gildong Hong"));
    // A plain string serves both languages.
    assert!(ko.contains("San Francisco") && en.contains("San Francisco"));
    // The index lists the sector in the page's language.
    assert!(f.read("en/companies/index.html").contains("data labeling"));
}

#[test]
fn a_missing_language_falls_back_to_the_default_language() {
    let f = bilingual();
    let en = f.read("en/companies/meta/index.html");
    assert!(en.contains("소셜 미디어"), "the default language's sector");
    assert!(en.contains("Menlo Park") && !en.contains("멘로파크"));
}

#[test]
fn deal_notes_and_quote_roles_follow_the_page_language() {
    let f = bilingual();
    let ko = f.read("deals/meta-scale-ai-2025/index.html");
    let en = f.read("en/deals/meta-scale-ai-2025/index.html");
    assert!(ko.contains("블룸버그 보도 기준") && !ko.contains("As reported by Bloomberg"));
    assert!(en.contains("As reported by Bloomberg") && !en.contains("블룸버그 보도 기준"));
    let ko = f.read("people/이해진/index.html");
    let en = f.read("en/people/이해진/index.html");
    assert!(ko.contains("네이버 창업자") && !ko.contains("Naver founder"));
    assert!(en.contains("Naver founder") && !en.contains("네이버 창업자"));
}

#[test]
fn standalone_pages_are_translated_or_marked_with_their_language() {
    let f = bilingual();
    assert!(f.read("about/index.html").contains("한국어 소개."));
    let en = f.read("en/about/index.html");
    assert!(en.contains("In English.") && !en.contains("한국어 소개."));
    assert!(!f.exists("about-en/index.html") && !f.exists("en/about-en/index.html"));
    // An untranslated page keeps its language on the article.
    let team = f.read("en/team/index.html");
    assert!(team.contains("<article lang=\"ko\">"), "{team}");
    assert!(!f.read("team/index.html").contains("<article lang="));
}

#[test]
fn a_translation_of_an_unregistered_company_is_an_error() {
    let f = bilingual();
    f.write("content/companies/nobody.en.md", "---\n---\nText.\n");
    let errors = f.build_errors();
    assert!(
        errors.contains("content/companies/nobody.en.md")
            && errors.contains("add content/companies/nobody.md"),
        "{errors}"
    );
}

#[test]
fn a_map_with_keys_that_are_not_languages_is_an_error_at_the_key() {
    let f = bilingual();
    f.company("x", "sector: { korean: 데이터 }\nhq: { ko: [a, b] }\n");
    let errors = f.build_errors();
    assert!(errors.contains("content/companies/x.md:2:11"), "{errors}");
    assert!(
        errors.contains("`korean` is not a language code"),
        "{errors}"
    );
    assert!(errors.contains("content/companies/x.md:3:11"), "{errors}");
}

/// "Also known as" leaves out the name the page shows and, on English pages,
/// names written in Hangul; a Korean quote on an English page keeps `lang="ko"`
/// (so Korean line breaking applies to it).
#[test]
fn english_pages_keep_korean_names_and_quotes_in_their_place() {
    let f = bilingual();
    f.company(
        "naver",
        "name: 네이버\nnames: { ko: 네이버, en: Naver }\naliases: [Naver, NAVER Corp, 네이버㈜]\nfounders: [{ ko: 이해진, en: Lee Hae-jin }]\n",
    );
    f.build();
    let en = f.read("en/companies/naver/index.html");
    let aliases = |html: &str| {
        let at = html.find("<dd>").unwrap();
        html[at + 4..at + html[at..].find("</dd>").unwrap()].to_string()
    };
    assert_eq!(aliases(&en), "NAVER Corp");
    // One founder is a founder.
    assert!(en.contains("<dt>Founder</dt><dd>Lee Hae-jin</dd>"), "{en}");
    let ko = f.read("companies/naver/index.html");
    assert_eq!(aliases(&ko), "Naver, NAVER Corp, 네이버㈜");
    let person = f.read("en/people/이해진/index.html");
    assert!(person.contains("<blockquote lang=\"ko\">"), "{person}");
    assert!(
        !f.read("people/이해진/index.html")
            .contains("<blockquote lang=")
    );
}
