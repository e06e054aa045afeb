//! Building fixture sites: which pages exist, what they show, and the data API.

mod common;

use common::{CONFIG, Fixture};
use serde_json::json;

/// The seed story: a deal negotiated, then announced, in two briefings.
fn deal_site() -> Fixture {
    let f = Fixture::new(CONFIG);
    f.company("meta", "name: Meta\naliases: [메타]\n")
        .company("scale-ai", "name: Scale AI\naliases: [스케일 AI]\n")
        .company("naver", "name: 네이버\naliases: [Naver]\n")
        .briefing(
            "talks.md",
            r#"title: "메타, 스케일 AI 투자 협상"
date: 2025-06-10
tags: [투자, Data Labeling]
companies: [메타]
deals:
  - id: meta-scale-ai-2025
    type: investment
    investors: [meta]
    target: 스케일AI
    amount: "100억달러 (약 13조원)"
    valuation: "$25B"
    status: negotiating
quotes:
  - speaker: 이해진
    role: 네이버 창업자
    company: Naver
    text: "살기 위해 투자한다"
"#,
            "메타가 스케일 AI 투자를 협상 중이다.\n\n둘째 문단.\n",
        )
        .briefing(
            "closed.md",
            r#"title: "메타, 스케일 AI 지분 확보"
date: 2025-06-13
tags: [투자]
deals:
  - id: meta-scale-ai-2025
    amount: "$14.3B"
    stake: "49%"
    status: closed
  - investors: [naver]
    target: Twelve Labs
    amount: "13조원"
    status: cancelled
"#,
            "거래가 확정됐다.\n",
        );
    f
}

#[test]
fn every_page_of_the_site_exists() {
    let f = deal_site();
    f.build();
    for page in [
        "index.html",
        "briefings/talks/index.html",
        "briefings/closed/index.html",
        "companies/index.html",
        "companies/meta/index.html",
        "companies/scale-ai/index.html",
        "companies/twelve-labs/index.html",
        "deals/index.html",
        "deals/meta-scale-ai-2025/index.html",
        "deals/naver-twelve-labs-2025/index.html",
        "tags/index.html",
        "tags/투자/index.html",
        "tags/data-labeling/index.html",
        "404.html",
        "api/briefings.json",
        "api/companies.json",
        "api/deals.json",
        "style.css",
        "syntax.css",
    ] {
        assert!(f.exists(page), "{page} is missing");
    }
}

#[test]
fn briefings_api_is_newest_first_with_resolved_ids() {
    let f = deal_site();
    f.build();
    let api = f.json("api/briefings.json");
    let briefings = api["briefings"].as_array().unwrap();
    let slugs: Vec<&str> = briefings
        .iter()
        .map(|b| b["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["closed", "talks"]);
    let talks = &briefings[1];
    assert_eq!(talks["date"], "2025-06-10");
    assert_eq!(talks["url"], "https://example.com/briefings/talks/");
    assert_eq!(talks["summary"], "메타가 스케일 AI 투자를 협상 중이다.");
    assert_eq!(talks["tags"], json!(["투자", "Data Labeling"]));
    // companies: listed, then deal parties, then quoted companies, each once.
    assert_eq!(talks["companies"], json!(["meta", "scale-ai", "naver"]));
    assert_eq!(talks["deals"], json!(["meta-scale-ai-2025"]));
    assert_eq!(
        briefings[0]["deals"],
        json!(["meta-scale-ai-2025", "naver-twelve-labs-2025"])
    );
}

#[test]
fn deals_merge_across_briefings_with_history() {
    let f = deal_site();
    f.build();
    let api = f.json("api/deals.json");
    let deals = api["deals"].as_array().unwrap();
    let ids: Vec<&str> = deals.iter().map(|d| d["id"].as_str().unwrap()).collect();
    // Same date: ties by id ascending.
    assert_eq!(ids, ["meta-scale-ai-2025", "naver-twelve-labs-2025"]);
    let deal = &deals[0];
    assert_eq!(deal["type"], "investment");
    assert_eq!(deal["status"], "closed");
    assert_eq!(deal["date"], "2025-06-13");
    assert_eq!(deal["investors"], json!(["meta"]));
    assert_eq!(deal["target"], "scale-ai");
    assert_eq!(deal["stake"], "49%");
    assert_eq!(deal["url"], "https://example.com/deals/meta-scale-ai-2025/");
    assert_eq!(deal["briefings"], json!(["closed", "talks"]));
    // One history entry per mention, oldest first, with the amount and
    // valuation as that mention stated them.
    let history = deal["history"].as_array().unwrap();
    let fields = |h: &serde_json::Value| {
        (
            h["date"].clone(),
            h["status"].clone(),
            h["briefing"].clone(),
            h["amount"]["text"].clone(),
            h["disclosed"].clone(),
            h["valuation"]["text"].clone(),
        )
    };
    assert_eq!(
        history.iter().map(fields).collect::<Vec<_>>(),
        [
            (
                json!("2025-06-10"),
                json!("negotiating"),
                json!("talks"),
                json!("100억달러 (약 13조원)"),
                json!(true),
                json!("$25B")
            ),
            (
                json!("2025-06-13"),
                json!("closed"),
                json!("closed"),
                json!("$14.3B"),
                json!(true),
                json!(null)
            ),
        ]
    );
    assert_eq!(history[0]["amount"]["value"], json!(10000000000u64));
    assert_eq!(deal["disclosed"], true);
    assert_eq!(deal["round"], json!(null));
    assert_eq!(deal["lead"], json!([]));
    assert_eq!(deal["valuation_basis"], "post");
    // The newest mention that sets a field wins; valuation only the first set.
    assert_eq!(deal["amount"]["text"], "$14.3B");
    assert_eq!(deal["amount"]["value"], json!(14300000000u64));
    assert_eq!(deal["valuation"]["value"], json!(25000000000u64));
}

#[test]
fn money_objects_have_the_contract_shape() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-06-10\ndeals:\n  - investors: [Meta]\n    target: Scale AI\n    amount: \"100억달러 (약 13조원)\"\n    valuation: \"최대 13조원\"\n",
        "",
    );
    f.build();
    let deal = &f.json("api/deals.json")["deals"][0];
    assert_eq!(deal["id"], "meta-scale-ai-2025");
    assert_eq!(
        deal["amount"],
        json!({
            "value": 10000000000u64,
            "currency": "USD",
            "approx": false,
            "bound": null,
            "text": "100억달러 (약 13조원)",
            "display": 10000000000u64,
            "equivalent": {"value": 13000000000000u64, "currency": "KRW", "approx": true},
        })
    );
    assert_eq!(deal["valuation"]["bound"], "up_to");
    assert_eq!(deal["valuation"]["display"], json!(9490000000u64));
}

#[test]
fn company_totals_follow_the_rules() {
    let f = deal_site();
    f.build();
    let api = f.json("api/companies.json");
    let companies = api["companies"].as_array().unwrap();
    let ids: Vec<&str> = companies
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["meta", "naver", "scale-ai", "twelve-labs"],
        "sorted by id"
    );
    let by_id = |id: &str| companies.iter().find(|c| c["id"] == id).unwrap();
    let meta = by_id("meta");
    assert_eq!(meta["registered"], true);
    assert_eq!(meta["aliases"], json!(["메타"]));
    assert_eq!(meta["url"], "https://example.com/companies/meta/");
    assert_eq!(meta["deals_as_investor"], json!(["meta-scale-ai-2025"]));
    assert_eq!(meta["invested_total"]["value"], json!(14300000000u64));
    assert_eq!(meta["invested_total"]["currency"], "USD");
    assert_eq!(meta["raised_total"], json!(null));
    assert_eq!(
        by_id("scale-ai")["raised_total"]["value"],
        json!(14300000000u64)
    );
    // A cancelled deal counts in no total.
    let naver = by_id("naver");
    assert_eq!(
        naver["deals_as_investor"],
        json!(["naver-twelve-labs-2025"])
    );
    assert_eq!(naver["invested_total"], json!(null));
    assert_eq!(naver["briefings"], json!(["closed", "talks"]));
    let twelve = by_id("twelve-labs");
    assert_eq!(twelve["registered"], false);
    assert_eq!(twelve["name"], "Twelve Labs");
    assert_eq!(twelve["raised_total"], json!(null));
}

#[test]
fn multi_investor_amounts_are_not_split() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "round.md",
        "title: Round\ndate: 2025-03-31\ndeals:\n  - investors: [SoftBank, Microsoft]\n    target: OpenAI\n    amount: \"$40B\"\n    type: funding-round\n  - investors: [Microsoft]\n    target: OpenAI\n    amount: \"$1B\"\n    date: 2025-01-01\n",
        "",
    );
    f.build();
    let api = f.json("api/companies.json");
    let get = |id: &str| {
        api["companies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(get("softbank")["invested_total"], json!(null));
    assert_eq!(
        get("microsoft")["invested_total"]["value"],
        json!(1000000000u64)
    );
    assert_eq!(
        get("openai")["raised_total"]["value"],
        json!(41000000000u64)
    );
}

#[test]
fn pages_show_parties_amounts_and_history() {
    let f = deal_site();
    f.build();
    let deal = f.read("deals/meta-scale-ai-2025/index.html");
    assert!(deal.contains("href=\"/companies/meta/\""));
    assert!(deal.contains("href=\"/companies/scale-ai/\""));
    assert!(deal.contains("143억 달러"));
    assert!(
        !deal.contains("$14.3B"),
        "a Korean page shows no English figure"
    );
    assert!(deal.contains("협상 중"), "history shows the old status");
    assert!(deal.contains("49%"));
    let company = f.read("companies/meta/index.html");
    assert!(company.contains("투자한 딜"));
    assert!(company.contains("143억 달러"));
    let talks = f.read("briefings/talks/index.html");
    assert!(
        talks.contains("100억 달러</span> <span class=\"equivalent\">(약 13조 원)</span>"),
        "the amount and its stated equivalent, formatted: {talks}"
    );
    assert!(
        !talks.contains("class=\"converted\""),
        "a dollar amount needs no converted figure on a dollar site"
    );
    assert!(talks.contains("살기 위해 투자한다"));
    let home = f.read("index.html");
    assert!(
        home.find("메타, 스케일 AI 지분 확보").unwrap()
            < home.find("메타, 스케일 AI 투자 협상").unwrap()
    );
}

#[test]
fn base_url_path_is_kept_in_links() {
    let f = deal_site();
    f.write(
        "site.toml",
        &CONFIG.replace("https://example.com/", "https://x.github.io/briefs"),
    );
    f.build();
    let home = f.read("index.html");
    assert!(home.contains("href=\"/briefs/briefings/talks/\""));
    assert!(home.contains("href=\"/briefs/style.css\""));
    assert!(
        !home.contains("href=\"/briefings/"),
        "no link drops the prefix"
    );
    let api = f.json("api/briefings.json");
    assert_eq!(
        api["briefings"][0]["url"],
        "https://x.github.io/briefs/briefings/closed/"
    );
}

#[test]
fn base_url_flag_overrides_the_config() {
    let f = deal_site();
    let mut options = f.options();
    options.base_url = Some("https://preview.example.net/pr-7/".into());
    f.build_with(options);
    assert!(f.read("index.html").contains("href=\"/pr-7/companies/\""));
    assert_eq!(
        f.json("api/deals.json")["deals"][0]["url"],
        "https://preview.example.net/pr-7/deals/meta-scale-ai-2025/"
    );
}

#[test]
fn drafts_build_only_with_the_flag() {
    let f = Fixture::new(CONFIG);
    f.briefing("live.md", "title: Live\ndate: 2025-01-01\n", "x\n");
    f.briefing(
        "draft.md",
        "title: Draft\ndate: 2025-01-02\ndraft: true\ndeals:\n  - investors: [a]\n    target: b\n",
        "x\n",
    );
    f.build();
    assert!(!f.exists("briefings/draft/index.html"));
    assert!(
        !f.exists("deals/a-b-2025/index.html"),
        "a draft's deals stay out too"
    );
    let mut options = f.options();
    options.drafts = true;
    f.build_with(options);
    assert!(f.exists("briefings/draft/index.html"));
    assert!(f.exists("deals/a-b-2025/index.html"));
    // The badge on a Korean page's card and page is in Korean.
    for page in ["index.html", "briefings/draft/index.html"] {
        let html = f.read(page);
        assert!(html.contains("badge-draft\">초안<"), "{page}: {html}");
        assert!(!html.contains(">draft<"), "{page}: {html}");
    }
}

#[test]
fn future_briefings_build_only_with_the_flag() {
    let f = Fixture::new(CONFIG);
    f.briefing("later.md", "title: Later\ndate: 2999-01-01\n", "x\n");
    f.build();
    assert!(!f.exists("briefings/later/index.html"));
    let mut options = f.options();
    options.future = true;
    f.build_with(options);
    assert!(f.exists("briefings/later/index.html"));
}

#[test]
fn colocated_assets_are_copied_beside_the_page() {
    let f = Fixture::new(CONFIG);
    f.write(
        "content/briefings/chart-story/index.md",
        "---\ntitle: Chart\ndate: 2025-01-01\n---\n![chart](chart.svg)\n",
    );
    f.write("content/briefings/chart-story/chart.svg", "<svg/>");
    f.write("content/briefings/chart-story/data/raw.csv", "a,b\n");
    f.build();
    assert_eq!(f.read("briefings/chart-story/chart.svg"), "<svg/>");
    assert_eq!(f.read("briefings/chart-story/data/raw.csv"), "a,b\n");
    assert!(
        f.read("briefings/chart-story/index.html")
            .contains("src=\"chart.svg\"")
    );
}

#[test]
fn each_bundle_gets_exactly_its_own_assets() {
    let f = Fixture::new(CONFIG);
    for name in ["b1", "b10", "b1x"] {
        f.briefing(
            &format!("{name}/index.md"),
            &format!("title: {name}\ndate: 2025-01-01\n"),
            "Text.\n",
        );
        // Names that sort before and after `index.md`, and one in a subfolder.
        f.write(&format!("content/briefings/{name}/a-{name}.svg"), name);
        f.write(&format!("content/briefings/{name}/z-{name}.svg"), name);
        f.write(
            &format!("content/briefings/{name}/sub/deep-{name}.txt"),
            name,
        );
        f.write(
            &format!("content/briefings/{name}/notes.md"),
            "not a briefing",
        );
    }
    f.briefing(
        "b1.md",
        "title: Loose\ndate: 2025-01-01\nslug: loose\n",
        "x\n",
    );
    f.write("content/briefings/stray.svg", "<svg/>");
    f.build();
    for name in ["b1", "b10", "b1x"] {
        let dir = f.root().join("public/briefings").join(name);
        let mut files: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        assert_eq!(
            files,
            [
                format!("a-{name}.svg"),
                "index.html".to_string(),
                format!("sub/deep-{name}.txt"),
                format!("z-{name}.svg"),
            ],
            "{name}"
        );
    }
    assert!(f.exists("briefings/loose/index.html"));
    assert!(!f.exists("briefings/notes/index.html"));
    assert!(!f.exists("stray.svg") && !f.exists("briefings/stray.svg"));
}

#[test]
fn code_is_highlighted_with_classes_and_one_stylesheet() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "code.md",
        "title: Code\ndate: 2025-01-01\n",
        "```rust\nfn main() { let x = 1; }\n```\n",
    );
    f.build();
    let page = f.read("briefings/code/index.html");
    assert!(
        page.contains("<span class=\"hl-"),
        "classes, not inline styles"
    );
    assert!(!page.contains("style=\"color"));
    assert!(f.read("syntax.css").contains(".hl-"));
}

#[test]
fn pagination_splits_the_home_page() {
    let f = Fixture::new(&format!("{CONFIG}\n").replace("timezone", "paginate_by = 2\ntimezone"));
    for i in 1..=5 {
        f.briefing(
            &format!("b{i}.md"),
            &format!("title: B{i}\ndate: 2025-01-0{i}\n"),
            "x\n",
        );
    }
    f.build();
    assert!(f.exists("page/2/index.html"));
    assert!(f.exists("page/3/index.html"));
    assert!(!f.exists("page/4/index.html"));
    let first = f.read("index.html");
    assert!(first.contains("B5") && first.contains("B4") && !first.contains("B3"));
    assert!(first.contains("href=\"/page/2/\""));
    assert!(f.read("page/3/index.html").contains("B1"));
}

#[test]
fn standalone_pages_and_static_files() {
    let f = Fixture::new(CONFIG);
    f.write(
        "content/pages/about.md",
        "---\ntitle: 소개\n---\n이 사이트는…\n",
    );
    f.write("static/favicon.ico", "icon");
    f.write("static/style.css", "/* mine */");
    f.build();
    assert!(f.read("about/index.html").contains("이 사이트는"));
    assert_eq!(f.read("favicon.ico"), "icon");
    assert_eq!(
        f.read("style.css"),
        "/* mine */",
        "site static wins over the theme's"
    );
}

#[test]
fn static_dotfiles_are_copied_and_content_dotfiles_are_not_built() {
    let f = Fixture::new(CONFIG);
    f.briefing("story.md", "title: Story\ndate: 2025-01-01\n", "Text.\n");
    f.briefing(
        ".hidden.md",
        "title: Hidden\ndate: 2025-01-01\n",
        "Secret.\n",
    );
    f.write(
        "static/.well-known/security.txt",
        "Contact: mailto:sec@example.com\n",
    );
    f.write("static/.nojekyll", "");
    f.build();
    assert_eq!(
        f.read(".well-known/security.txt"),
        "Contact: mailto:sec@example.com\n"
    );
    assert!(f.exists(".nojekyll"));
    assert!(f.exists("briefings/story/index.html"));
    assert!(!f.exists("briefings/hidden/index.html"));
    assert!(!f.exists("briefings/.hidden/index.html"));
    assert!(!f.read("api/briefings.json").contains("Hidden"));
}

#[test]
fn links_that_stay_inside_the_site_still_work_and_copies_are_readable() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let f = Fixture::new(CONFIG);
    f.write("shared/logo.svg", "<svg/>");
    f.write("shared/fonts/a.woff2", "font");
    f.write(
        "shared/story.md",
        "---\ntitle: Linked story\ndate: 2025-01-01\n---\nText.\n",
    );
    f.briefing(
        "bundle/index.md",
        "title: Bundle\ndate: 2025-01-02\n",
        "![logo](logo.svg)\n",
    );
    f.write("static/style.css", "/* mine */");
    let root = f.root();
    symlink("../shared/logo.svg", root.join("static/logo.svg")).unwrap();
    symlink("../shared/fonts", root.join("static/fonts")).unwrap();
    symlink(
        "../../../shared/logo.svg",
        root.join("content/briefings/bundle/logo.svg"),
    )
    .unwrap();
    symlink(
        "../../shared/story.md",
        root.join("content/briefings/linked.md"),
    )
    .unwrap();
    // A source only its owner and group may read is published with the
    // permissions of any new file, not with its own.
    f.write("static/private.txt", "kept");
    std::fs::set_permissions(
        root.join("static/private.txt"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    f.build();
    assert_eq!(f.read("logo.svg"), "<svg/>");
    assert_eq!(f.read("fonts/a.woff2"), "font");
    assert_eq!(f.read("briefings/bundle/logo.svg"), "<svg/>");
    assert!(
        f.read("briefings/linked/index.html")
            .contains("Linked story")
    );
    let mode = |rel: &str| {
        std::fs::metadata(root.join("public").join(rel))
            .unwrap()
            .permissions()
            .mode()
    };
    assert_eq!(f.read("private.txt"), "kept");
    assert_eq!(mode("private.txt"), mode("index.html"));
    assert_eq!(mode("private.txt"), mode("style.css"));
    assert!(
        !std::fs::symlink_metadata(root.join("public/logo.svg"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "a copy, not a link"
    );
}

#[test]
fn site_templates_override_the_theme() {
    let f = deal_site();
    f.write(
        "templates/deal.html",
        "DEAL {{ deal.id }} {{ deal.status }}",
    );
    f.build();
    assert_eq!(
        f.read("deals/meta-scale-ai-2025/index.html"),
        "DEAL meta-scale-ai-2025 closed"
    );
}

/// Cards are rendered once per briefing from the site's partial, and every
/// list that shows the briefing shows that card.
#[test]
fn an_overridden_card_partial_draws_every_list() {
    let f = deal_site();
    f.write(
        "templates/partials/briefing_item.html",
        "<p class=\"my-card\">{{ b.title }} {{ t.draft }} {{ lang }}</p>",
    );
    f.build();
    for page in [
        "index.html",
        "companies/meta/index.html",
        "deals/meta-scale-ai-2025/index.html",
    ] {
        let html = f.read(page);
        assert!(html.contains("<p class=\"my-card\">"), "{page}: {html}");
        assert!(!html.contains("card briefing-item"), "{page}");
    }
}

/// `b.card` is the briefing's card as the partial draws it, for templates
/// that print it rather than include the partial again.
#[test]
fn a_list_template_can_print_the_rendered_card() {
    let f = deal_site();
    f.write(
        "templates/partials/briefing_item.html",
        "<p class=\"my-card\">{{ b.title }}</p>",
    );
    f.write(
        "templates/index.html",
        "{% for b in briefings %}[{{ b.card | safe }}]{% endfor %}",
    );
    f.build();
    let home = f.read("index.html");
    assert!(home.starts_with("[<p class=\"my-card\">"), "{home}");
    assert_eq!(home.matches("my-card").count(), home.matches('[').count());
}

/// A card partial that reads the page around it cannot be rendered once for
/// every page: it is included in each page as before.
#[test]
fn a_card_partial_that_reads_its_page_is_included_in_each() {
    let f = deal_site();
    f.write(
        "templates/partials/briefing_item.html",
        "<p class=\"my-card\">{{ b.title }} on {{ current_path }}</p>",
    );
    f.build();
    let home = f.read("index.html");
    assert!(home.contains("<p class=\"my-card\">"), "{home}");
    assert!(home.contains(" on /</p>"), "{home}");
    let company = f.read("companies/meta/index.html");
    assert!(company.contains(" on /companies/meta/</p>"), "{company}");
}

#[test]
fn company_mentions_in_bodies_link_to_their_page() {
    let f = deal_site();
    f.build();
    let talks = f.read("briefings/talks/index.html");
    assert!(talks.contains("<a class=\"company-link\" href=\"/companies/meta/\">메타</a>가"));
}

#[test]
fn hangul_slugs_and_english_ui() {
    let f = Fixture::new(&CONFIG.replace("language = \"ko\"", "language = \"en\""));
    f.briefing(
        "네이버 벤처스 설립.md",
        "title: Naver Ventures\ndate: 2025-06-09\ntags: [벤처 투자]\n",
        "x\n",
    );
    f.build();
    assert!(f.exists("briefings/네이버-벤처스-설립/index.html"));
    assert!(f.exists("tags/벤처-투자/index.html"));
    let page = f.read("briefings/네이버-벤처스-설립/index.html");
    assert!(page.contains("June 9, 2025"));
    assert!(page.contains("<html lang=\"en\">"));
}

#[test]
fn script_urls_are_rejected() {
    let f = Fixture::new(CONFIG);
    f.company("evil", "name: Evil\nwebsite: \"javascript:alert(1)\"\n");
    f.briefing(
        "x.md",
        "title: X\ndate: 2025-01-01\nsource: { name: S, url: \"javascript:alert(2)\" }\n",
        "",
    );
    let err = f.build_errors();
    assert!(
        err.contains("content/companies/evil.md:3:10: `javascript:alert(1)` is not a web address"),
        "{err}"
    );
    assert!(
        err.contains("content/briefings/x.md:4:9: source url:"),
        "{err}"
    );
}

#[test]
fn foreign_amounts_show_converted_figures_and_totals() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "krw.md",
        "title: KRW\ndate: 2025-01-01\ndeals:\n  - investors: [Naver]\n    target: Twelve Labs\n    amount: \"1조 3천억원\"\n  - investors: [Naver]\n    target: Upstage\n    amount: \"€100M\"\n    date: 2024-12-01\n",
        "",
    );
    f.build();
    let deal = f.read("deals/naver-twelve-labs-2025/index.html");
    assert!(!deal.contains("1조 3천억원"), "never the raw input");
    assert!(deal.contains("1조 3천억 원"), "formatted in ko");
    assert!(
        deal.contains("(약 9억 4900만 달러)"),
        "converted to the display currency, in ko: {deal}"
    );
    let company = f.read("companies/naver/index.html");
    // 949,000,000 + 108,000,000 USD
    assert!(company.contains("약 10억 6천만 달러"), "compact total");
    assert!(
        company.contains("약 10억 5700만 달러"),
        "exact total in Korean units"
    );
    let api = f.json("api/companies.json");
    let naver = api["companies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "naver")
        .unwrap();
    assert_eq!(
        naver["invested_total"]["value"],
        serde_json::json!(1057000000u64)
    );
    assert_eq!(
        naver["invested_total"]["approx"], true,
        "converted amounts make the total approximate"
    );
    let index = f.read("deals/index.html");
    assert!(
        index.contains("data-amount=\"949000000\""),
        "rows carry the display amount for sorting"
    );
    assert!(index.contains("data-sort=\"amount\""));
}

#[test]
fn a_site_template_can_override_one_block_of_the_theme() {
    let f = deal_site();
    f.write(
        "templates/base.html",
        "{% extends \"theme/base.html\" %}{% block head %}<meta name=\"x-custom\" content=\"yes\">{% endblock head %}",
    );
    f.write(
        "templates/deal.html",
        "{% extends \"theme/deal.html\" %}{% block content %}<p class=\"mine\">{{ deal.id }} {{ deal.amount | money(lang=\"en\") }} {{ deal.date | date(lang=\"en\") }} {{ url(path=\"deals/\") }}</p>{% endblock content %}",
    );
    f.build();
    let deal = f.read("deals/meta-scale-ai-2025/index.html");
    assert!(
        deal.contains("<p class=\"mine\">meta-scale-ai-2025 $14.3B June 13, 2025 /deals/</p>"),
        "{deal}"
    );
    assert!(
        deal.contains("<meta name=\"x-custom\" content=\"yes\">"),
        "the site's base block reaches every page"
    );
    assert!(
        deal.contains("class=\"site-header\""),
        "the rest of the theme's layout stays"
    );
    assert!(f.read("index.html").contains("x-custom"));
}

#[test]
fn verbose_build_reports_stages_and_pages_per_kind() {
    let f = deal_site();
    let (code, _, stderr) = f.run(&["build", "--verbose"]);
    assert_eq!(code, 0, "{stderr}");
    for stage in ["parse", "index", "plan", "render"] {
        assert!(
            stderr.contains(&format!("stage    {stage}")),
            "no {stage} stage in:\n{stderr}"
        );
    }
    // Two briefings, two deals: the counts are of files written.
    let count = |kind: &str| -> usize {
        let line = stderr
            .lines()
            .find(|l| l.starts_with(&format!("pages    {kind} ")))
            .unwrap_or_else(|| panic!("no {kind} line in:\n{stderr}"));
        line.split_whitespace().nth(2).unwrap().parse().unwrap()
    };
    assert_eq!(count("briefing"), 2);
    assert_eq!(count("deal"), 3, "two deal pages and the deal index");
    let (_, _, quiet) = f.run(&["build"]);
    assert!(!quiet.contains("stage "), "{quiet}");
}

#[test]
fn shared_summary_values_match_the_summaries_they_stand_for() {
    // Listings use summaries made once per site from shared parts; pages that
    // extend a summary build it whole. Both must say the same.
    let f = deal_site();
    let staged = briefly::stage(&f.options(), None).unwrap_or_else(|_| panic!("stage"));
    let cache = briefly::render::views::ViewCache::default();
    let views = briefly::render::views::Views::new(staged.site(), &cache);
    for i in 0..staged.site().briefings.len() {
        assert_eq!(
            views.briefing_item(i),
            tera::Value::from_serializable(&views.briefing_summary(i)),
            "briefing {i}"
        );
    }
    assert!(!staged.site().deals.is_empty());
    for i in 0..staged.site().deals.len() {
        assert_eq!(
            views.deal_item(i),
            tera::Value::from_serializable(&views.deal_summary(i)),
            "deal {i}"
        );
    }
}

/// Section 8: money values carry the decimal's digits exactly, in every API file.
#[test]
fn api_money_keeps_every_digit() {
    let f = Fixture::new(CONFIG);
    f.briefing(
        "a.md",
        "title: A\ndate: 2025-06-10\ndeals:\n  - id: precise\n    investors: [Meta]\n    target: Scale AI\n    amount: \"$90071992547409.93\"\n  - id: huge\n    investors: [Naver]\n    target: Twelve Labs\n    amount: \"$123456789012345678.99\"\n    valuation: {value: 90071992547409.93, currency: USD}\n",
        "",
    );
    f.build();
    // Read as text: a JSON reader going through f64 would hide the rounding.
    let deals = f.read("api/deals.json");
    for exact in [
        "\"value\": 90071992547409.93,",
        "\"display\": 90071992547409.93,",
        "\"value\": 123456789012345678.99,",
        "\"display\": 123456789012345678.99,",
    ] {
        assert!(deals.contains(exact), "{exact} in {deals}");
    }
    for rounded in ["90071992547409.94", "e+17", "1.2345678901234568e17"] {
        assert!(!deals.contains(rounded), "{rounded} in {deals}");
    }
    // value, display and text of the amount and of the map-form valuation,
    // in the deal and again in its one history entry.
    assert_eq!(deals.matches("90071992547409.93").count(), 12, "{deals}");
    // Company totals are money too.
    let companies = f.read("api/companies.json");
    assert!(
        companies.contains("\"value\": 90071992547409.93,"),
        "{companies}"
    );
    assert!(
        companies.contains("\"value\": 123456789012345678.99,"),
        "{companies}"
    );
    assert!(!companies.contains("e+17"), "{companies}");
    // Still JSON that any reader takes.
    let api = f.json("api/deals.json");
    assert_eq!(api["deals"][0]["amount"]["currency"], "USD");
}
