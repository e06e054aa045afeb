//! Hostile text in any front-matter field, the registry or site.toml never
//! reaches an output file as markup.

mod common;

use common::Fixture;

const PAYLOADS: &[&str] = &[
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "\"><svg onload=alert(3)>",
];

/// What must never appear verbatim in HTML or XML output.
const FORBIDDEN: &[&str] = &["<script>alert", "<img src=x", "<svg onload"];

/// One YAML-safe string holding every payload.
fn evil(tag: &str) -> String {
    format!("{tag} {}", PAYLOADS.join(" ")).replace('\'', "''")
}

#[test]
fn hostile_text_in_every_field_is_escaped_in_every_file() {
    let e = evil;
    let f = Fixture::new(&format!(
        "title = '{}'\nbase_url = \"https://example.com/\"\ndescription = '{}'\nlanguage = \"ko\"\n[extra]\nnote = '{}'\n",
        e("site").replace('\'', ""),
        e("desc").replace('\'', ""),
        e("extra").replace('\'', ""),
    ));
    f.company(
        "evil",
        &format!(
            "name: '{}'\nnames: {{ ko: '{}', en: '{}' }}\naliases: ['{}']\nhq: '{}'\nsector: '{}'\nfounders: ['{}']\nfounded: '{}'\nparent: '{}'\nwebsite: 'https://x.org/{}'\n",
            e("name"), e("ko"), e("en"), e("alias"), e("hq"), e("sector"), e("founder"), e("founded"), e("parent"), e("web")
        ),
    );
    f.briefing(
        "x.md",
        &format!(
            "title: '{}'\nsubtitle: '{}'\nsummary: '{}'\ndate: 2025-01-01\nauthors: ['{}']\ntags: ['{}']\nsource: {{ name: '{}', url: 'https://x.org/{}' }}\ncompanies: [evil, '{}']\ndeals:\n  - id: '{}'\n    investors: [evil, '{}']\n    target: '{}'\n    amount: '$1B'\n    note: '{}'\nquotes:\n  - speaker: '{}'\n    role: '{}'\n    company: '{}'\n    text: '{}'\n",
            e("title"), e("subtitle"), e("summary"), e("author"), e("tag"), e("source"), e("url"),
            e("company"), e("id"), e("investor"), e("target"), e("note"), e("speaker"), e("role"), e("quoted"), e("text")
        ),
        "A plain body that mentions the company.\n",
    );
    f.write(
        "content/pages/about.md",
        &format!(
            "---\ntitle: '{}'\ndescription: '{}'\n---\nAbout.\n",
            e("page"),
            e("pagedesc")
        ),
    );
    f.build();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(f.root().join("public")) {
        let entry = entry.unwrap();
        let is_markup = entry
            .path()
            .extension()
            .is_some_and(|x| x == "html" || x == "xml");
        if !is_markup {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for bad in FORBIDDEN {
            assert!(
                !text.contains(bad),
                "{} contains {bad:?}",
                entry.path().display()
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "checked {checked} files");
    // The text is there, escaped, not dropped.
    let page = f.read("briefings/x/index.html");
    assert!(
        page.contains("title &lt;&#x2f;script&gt;") || page.contains("title &lt;/script&gt;"),
        "{page}"
    );
    assert!(page.contains("speaker"));
    let api = f.json("api/briefings.json");
    assert!(
        api["briefings"][0]["title"]
            .as_str()
            .unwrap()
            .contains("</script>"),
        "JSON keeps the text exactly"
    );
}

/// Section 12: `data:image/` images and ordinary links build in both sanitize
/// modes; the refusal of script URLs takes nothing else with it.
#[test]
fn data_images_and_ordinary_links_still_build() {
    const PNG: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    for sanitize in [false, true] {
        let f = Fixture::new(&format!(
            "{}\n[markdown]\nsanitize = {sanitize}\n",
            common::CONFIG
        ));
        f.briefing(
            "a.md",
            "title: A\ndate: 2025-06-10\n",
            &format!(
                "![chart]({PNG}) [site](https://example.org/a?b=1) [deal](/deals/x/) \
                 [top](#top) <https://example.net/> [mail](mailto:desk@example.com)\n\n\
                 [ref]: https://example.com/report\n\nSee [ref]. `javascript:` in code is text.\n"
            ),
        );
        f.write(
            "content/pages/about.md",
            &format!("---\ntitle: About\n---\n<img src=\"{PNG}\" alt=\"logo\">\n"),
        );
        f.write(
            "content/companies/meta.md",
            "---\nname: Meta\n---\nSee [their site](https://about.meta.com/).\n",
        );
        f.build();
        let page = f.read("briefings/a/index.html");
        assert!(
            page.contains(&format!("src=\"{PNG}\"")),
            "sanitize={sanitize}: {page}"
        );
        for href in [
            "https://example.org/a?b=1",
            "/deals/x/",
            "#top",
            "https://example.net/",
            "mailto:desk@example.com",
            "https://example.com/report",
        ] {
            assert!(
                page.contains(&format!("href=\"{}\"", href.replace('&', "&amp;"))),
                "sanitize={sanitize}: {href} in {page}"
            );
        }
        assert!(page.contains("<code>javascript:</code>"));
        let about = f.read("about/index.html");
        assert!(
            about.contains(&format!("src=\"{PNG}\"")),
            "sanitize={sanitize}: {about}"
        );
        let company = f.read("companies/meta/index.html");
        assert!(company.contains("href=\"https://about.meta.com/\""));
    }
}

/// A refused URL in a company description is an error too, naming the registry file.
#[test]
fn script_urls_in_company_descriptions_are_refused() {
    let f = Fixture::new(common::CONFIG);
    f.write(
        "content/companies/meta.md",
        "---\nname: Meta\n---\nSee [their site](javascript:alert(1)).\n",
    );
    f.briefing("a.md", "title: A\ndate: 2025-06-10\n", "Body.\n");
    let errors = f.build_errors();
    assert!(
        errors
            .contains("content/companies/meta.md:4:18: a link to `javascript:alert(1)` is refused"),
        "{errors}"
    );
}
