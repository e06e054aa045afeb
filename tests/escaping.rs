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
