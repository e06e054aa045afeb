//! Every list is paginated (section 7): `…/page/N/` with `rel=prev/next`
//! links, the first page at the plain URL, every item on exactly one page.

mod common;

use common::{CONFIG, Fixture};

/// Five briefings by `paginate_by = 2`: each mentions a shared deal and one
/// of its own (acme investing), tags `투자`, and quotes 홍길동 about acme.
fn site() -> Fixture {
    let f = Fixture::new(&format!("paginate_by = 2\n{CONFIG}"));
    f.company("acme", "name: Acme\n");
    for n in 1..=5 {
        f.briefing(
            &format!("b{n}.md"),
            &format!(
                "title: 브리핑 {n}\ndate: 2025-06-0{n}\ntags: [투자, 태그{n}]\ndeals:\n  - id: shared-deal\n    investors: [acme]\n    target: Beta\n  - id: deal-{n}\n    investors: [acme]\n    target: Target {n}\nquotes:\n  - speaker: 홍길동\n    company: acme\n    text: 발언 {n}\n"
            ),
            "본문.\n",
        );
    }
    f.build();
    f
}

/// The pages of the list at `base`, in order: (page number, HTML).
fn pages(f: &Fixture, base: &str) -> Vec<String> {
    let mut out = vec![f.read(&format!("{base}index.html"))];
    for n in 2.. {
        let page = format!("{base}page/{n}/index.html");
        if !f.exists(&page) {
            break;
        }
        out.push(f.read(&page));
    }
    out
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

fn rel(html: &str, which: &str) -> Option<String> {
    let at = html.find(&format!("<a rel=\"{which}\" href=\""))?;
    let rest = &html[at + 16 + which.len()..];
    Some(rest[..rest.find('"').unwrap()].to_string())
}

/// Checks the prev/next chain of a list at `base` with `pages` pages.
fn check_chain(f: &Fixture, base: &str, expected_pages: usize) {
    let list = pages(f, base);
    assert_eq!(list.len(), expected_pages, "{base}");
    assert!(
        !f.exists(&format!("{base}page/1/index.html")),
        "{base}: page 1 is the plain URL"
    );
    for (i, html) in list.iter().enumerate() {
        let n = i + 1;
        let prev = rel(html, "prev");
        let next = rel(html, "next");
        let expected_prev = match n {
            1 => None,
            2 => Some(format!("/{base}")),
            _ => Some(format!("/{base}page/{}/", n - 1)),
        };
        assert_eq!(prev, expected_prev, "{base} page {n}");
        let expected_next = (n < expected_pages).then(|| format!("/{base}page/{}/", n + 1));
        assert_eq!(next, expected_next, "{base} page {n}");
        if expected_pages > 1 {
            assert!(
                html.contains(&format!("페이지 {n} / {expected_pages}")),
                "{base} {n}"
            );
        }
    }
}

#[test]
fn entity_lists_continue_on_numbered_pages() {
    let f = site();
    // Five briefings, two a page.
    for base in ["tags/투자/", "companies/acme/", "deals/shared-deal/"] {
        check_chain(&f, base, 3);
        let all = pages(&f, base).concat();
        for n in 1..=5 {
            assert_eq!(
                count(
                    &all,
                    &format!("<h2 class=\"card-title\"><a href=\"/briefings/b{n}/\""),
                ),
                1,
                "{base}: briefing {n} on exactly one page"
            );
        }
    }
    // Newest first: b5 and b4 on the first page.
    let first = f.read("tags/투자/index.html");
    assert!(first.contains("/briefings/b5/") && first.contains("/briefings/b4/"));
    assert!(!first.contains("/briefings/b3/"), "{first}");
    check_chain(&f, "people/홍길동/", 3);
    assert_eq!(
        count(
            &pages(&f, "people/홍길동/").concat(),
            "<figure class=\"quote\">"
        ),
        5
    );
}

#[test]
fn a_company_page_shows_the_newest_of_its_other_lists_and_links_them() {
    let f = site();
    let page = f.read("companies/acme/index.html");
    // Six deals as investor, two shown; five quotes, two shown.
    assert_eq!(count(&page, "class=\"deal-parties\""), 2, "{page}");
    assert!(page.contains("href=\"/companies/acme/deals/\""));
    assert!(page.contains("href=\"/companies/acme/quotes/\""));
    check_chain(&f, "companies/acme/deals/", 3);
    let deals = pages(&f, "companies/acme/deals/").concat();
    for id in [
        "shared-deal",
        "deal-1",
        "deal-2",
        "deal-3",
        "deal-4",
        "deal-5",
    ] {
        assert_eq!(count(&deals, &format!("href=\"/deals/{id}/\"")), 1, "{id}");
    }
    check_chain(&f, "companies/acme/quotes/", 3);
    // Later pages of the company list its briefings, not its profile again.
    let second = f.read("companies/acme/page/2/index.html");
    assert!(!second.contains("href=\"/companies/acme/deals/\""));
    // A company without quotes has no quotes list.
    assert!(!f.exists("companies/beta/quotes/index.html"));
    assert!(f.exists("companies/beta/deals/index.html"));
}

#[test]
fn indexes_are_paginated_by_name_with_previous_and_next() {
    let f = site();
    // acme, beta, target-1..5: seven companies.
    check_chain(&f, "companies/", 4);
    let first = f.read("companies/index.html");
    assert!(first.contains("다음 →") && !first.contains("지난 글"));
    // 투자 and 태그1..5: six tags; six deals.
    check_chain(&f, "tags/", 3);
    check_chain(&f, "deals/", 3);
    // One person: one page, no pagination.
    check_chain(&f, "people/", 1);
    assert!(!f.read("people/index.html").contains("class=\"pagination\""));
    // Sorting by amount would sort one page only: offered only on a single page.
    assert!(!f.read("deals/index.html").contains("data-sort-controls"));
}
