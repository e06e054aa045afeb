//! Where each page of a site lives: the URL paths (relative to the base URL,
//! `/`-separated, ending in `/`) of every kind of page, and the file a pretty
//! URL is written to. A leaf: the index, the plan, the renderer and `check`
//! all name pages, and none of them should have to ask another stage how.

/// Percent-decodes a URL path; `None` when the bytes it stands for are not
/// UTF-8.
pub fn percent_decode(path: &str) -> Option<String> {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// The output path of a pretty URL path such as `companies/meta/`.
pub fn page_file(url_path: &str) -> String {
    format!("{url_path}index.html")
}

pub fn home_path(page: usize) -> String {
    paged_path("", page)
}

/// Page `page` (1-based) of the list at `base`: `base` itself for the first
/// page, `base` + `page/N/` for the others (section 7).
pub fn paged_path(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// How many pages a list of `items` takes, `per` a page: at least one, so an
/// empty list still has its page.
pub fn pages_of(items: usize, per: usize) -> usize {
    items.div_ceil(per.max(1)).max(1)
}

/// Page `page` (1-based) of every correction: `corrections/`, `corrections/page/N/`.
pub fn corrections_path(page: usize) -> String {
    format!("corrections/{}", home_path(page))
}

/// The anchor of a briefing's correction `n` (counted from 1) on its page.
pub fn correction_anchor(n: usize) -> String {
    format!("correction-{n}")
}

/// Briefings per document chunk of the search index (`search/d/N.json`).
pub const SEARCH_DOCS_PER_CHUNK: usize = 50;

/// Briefings per token shard of the search index: the number of shards grows
/// with the site, so a shard (what a one-word query fetches) stays the same size.
pub const SEARCH_DOCS_PER_SHARD: usize = 25;

/// One file of a language's search index (`render/search.rs` writes it,
/// search.js reads it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFile {
    /// `search/manifest.json`: the counts search.js needs to find the rest.
    Manifest,
    /// `search/t/N.json`: the postings of the tokens hashed to shard N.
    Tokens(usize),
    /// `search/d/N.json`: url, title, date and summary of briefings
    /// `N * SEARCH_DOCS_PER_CHUNK ..`.
    Docs(usize),
}

impl SearchFile {
    /// How many token shards an index of `docs` briefings has (a few even
    /// for a small site: every site reads its index the same way).
    pub fn shards(docs: usize) -> usize {
        docs.div_ceil(SEARCH_DOCS_PER_SHARD).max(8)
    }

    /// Every file of the index of `docs` briefings.
    pub fn all(docs: usize) -> impl Iterator<Item = SearchFile> {
        std::iter::once(SearchFile::Manifest)
            .chain((0..SearchFile::shards(docs)).map(SearchFile::Tokens))
            .chain((0..docs.div_ceil(SEARCH_DOCS_PER_CHUNK)).map(SearchFile::Docs))
    }

    pub fn path(self) -> String {
        match self {
            SearchFile::Manifest => "search/manifest.json".into(),
            SearchFile::Tokens(n) => format!("search/t/{n}.json"),
            SearchFile::Docs(n) => format!("search/d/{n}.json"),
        }
    }
}

pub fn briefing_path(slug: &str) -> String {
    format!("briefings/{slug}/")
}

pub fn company_path(id: &str) -> String {
    format!("companies/{id}/")
}

pub fn deal_path(id: &str) -> String {
    format!("deals/{id}/")
}

pub fn tag_path(slug: &str) -> String {
    format!("tags/{slug}/")
}

pub fn person_path(slug: &str) -> String {
    format!("people/{slug}/")
}

/// The archive: every year with its number of briefings.
pub const ARCHIVE_PATH: &str = "archive/";

/// The briefings of `year`, by month (paginated from here).
pub fn archive_year_path(year: i16) -> String {
    format!("{ARCHIVE_PATH}{year}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_paths_and_their_files() {
        assert_eq!(home_path(1), "");
        assert_eq!(home_path(3), "page/3/");
        assert_eq!(briefing_path("a"), "briefings/a/");
        assert_eq!(tag_path("투자"), "tags/투자/");
        assert_eq!(
            page_file(&company_path("meta")),
            "companies/meta/index.html"
        );
        assert_eq!(page_file(""), "index.html");
        assert_eq!(corrections_path(1), "corrections/");
        assert_eq!(corrections_path(2), "corrections/page/2/");
        assert_eq!(paged_path("companies/meta/", 1), "companies/meta/");
        assert_eq!(paged_path("companies/meta/", 2), "companies/meta/page/2/");
        assert_eq!(paged_path("tags/투자/", 10), "tags/투자/page/10/");
        assert_eq!(archive_year_path(2025), "archive/2025/");
        assert_eq!(
            paged_path(&archive_year_path(2025), 2),
            "archive/2025/page/2/"
        );
    }

    #[test]
    fn a_list_takes_at_least_one_page() {
        assert_eq!(pages_of(0, 20), 1);
        assert_eq!(pages_of(20, 20), 1);
        assert_eq!(pages_of(21, 20), 2);
        assert_eq!(pages_of(10_000, 20), 500);
    }

    #[test]
    fn percent_decoding_gives_utf8_or_nothing() {
        assert_eq!(
            percent_decode("/tags/%ED%88%AC%EC%9E%90/").as_deref(),
            Some("/tags/투자/")
        );
        assert_eq!(percent_decode("/a%20b/").as_deref(), Some("/a b/"));
        assert_eq!(percent_decode("/%FF/"), None);
    }
}
