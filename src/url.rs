//! The site's base URL as one validated type. Every absolute link, permalink,
//! feed id and sitemap entry is this base joined with a site path, and every
//! root-relative link starts with its path.
//!
//! A base URL is an http(s) origin with an optional path: no query, no
//! fragment, no credentials, no spaces (a space would be silently encoded by
//! a URL parser, and the editor meant something else). The path always ends
//! in `/`; percent-encoded characters in it are kept as written.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SiteUrl {
    /// The whole URL as written (normalised), ending in `/`.
    text: String,
    /// Where the path starts in `text`.
    path_start: usize,
}

impl SiteUrl {
    /// Validates `text` as a base URL. The error says what is wrong in a
    /// sentence that names the value.
    pub fn parse(text: &str) -> Result<SiteUrl, String> {
        let text = text.trim();
        let bad = |why: &str| {
            Err(format!(
                "base_url `{text}` {why}; it must be an http(s) address with an optional path, such as https://briefings.example.com/ or https://example.github.io/briefs/"
            ))
        };
        if text.chars().any(char::is_whitespace) {
            return bad("contains a space");
        }
        let parsed = match ::url::Url::parse(text) {
            Ok(u) => u,
            Err(::url::ParseError::RelativeUrlWithoutBase) => {
                return bad("is not absolute (it has no `https://`)");
            }
            Err(e) => return bad(&format!("is not a valid URL ({e})")),
        };
        if !matches!(parsed.scheme(), "http" | "https") {
            return bad(&format!("has the scheme `{}:`", parsed.scheme()));
        }
        if parsed.host_str().is_none_or(str::is_empty) {
            return bad("has no host");
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return bad("carries a user name or password");
        }
        if parsed.query().is_some() {
            return bad("has a query (`?…`)");
        }
        if parsed.fragment().is_some() {
            return bad("has a fragment (`#…`)");
        }
        // The url crate lower-cases the scheme and host and drops a default
        // port; the path is kept as written (it is already valid).
        let origin = parsed.origin().ascii_serialization();
        let mut path = parsed.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(SiteUrl {
            path_start: origin.len(),
            text: format!("{origin}{path}"),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The path, `/` or `/briefs/`: every root-relative link starts with it.
    pub fn path(&self) -> &str {
        &self.text[self.path_start..]
    }

    /// The absolute URL of a site path (`companies/meta/`, no leading `/`).
    pub fn join(&self, site_path: &str) -> String {
        concat(&self.text, site_path.trim_start_matches('/'))
    }

    /// The root-relative link of a site path: the base path joined with it.
    pub fn link(&self, site_path: &str) -> String {
        concat(self.path(), site_path.trim_start_matches('/'))
    }

    /// The base of the pages under a folder of the site (`en/`).
    pub fn under(&self, folder: &str) -> SiteUrl {
        let folder = folder.trim_matches('/');
        if folder.is_empty() {
            return self.clone();
        }
        SiteUrl {
            text: format!("{}{folder}/", self.text),
            path_start: self.path_start,
        }
    }
}

/// `a` then `b` in one allocation of the right size: pages make links by
/// the ten thousand, and `format!` costs several times as much.
fn concat(a: &str, b: &str) -> String {
    let mut out = String::with_capacity(a.len() + b.len());
    out.push_str(a);
    out.push_str(b);
    out
}

impl fmt::Display for SiteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for SiteUrl {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_an_origin_with_an_optional_path() {
        for (given, text, path) in [
            (
                "https://briefings.example.com/",
                "https://briefings.example.com/",
                "/",
            ),
            (
                "https://briefings.example.com",
                "https://briefings.example.com/",
                "/",
            ),
            (
                "  https://x.github.io/briefs  ",
                "https://x.github.io/briefs/",
                "/briefs/",
            ),
            (
                "http://127.0.0.1:8088/briefs/",
                "http://127.0.0.1:8088/briefs/",
                "/briefs/",
            ),
            (
                "HTTPS://Example.ORG:443/a/",
                "https://example.org/a/",
                "/a/",
            ),
            ("https://x.org/a%20b/", "https://x.org/a%20b/", "/a%20b/"),
            (
                "https://x.org/%ED%88%AC%EC%9E%90/",
                "https://x.org/%ED%88%AC%EC%9E%90/",
                "/%ED%88%AC%EC%9E%90/",
            ),
        ] {
            let url = SiteUrl::parse(given).unwrap_or_else(|e| panic!("{given}: {e}"));
            assert_eq!(url.as_str(), text, "{given}");
            assert_eq!(url.path(), path, "{given}");
        }
    }

    #[test]
    fn refuses_queries_fragments_spaces_and_other_schemes() {
        for (given, says) in [
            ("https://x.org/briefs?x=1#frag", "has a query"),
            ("https://x.org/briefs#frag", "has a fragment"),
            ("https://exa mple.org/b", "contains a space"),
            ("https://x.org/a b/", "contains a space"),
            ("ftp://x.org/", "has the scheme `ftp:`"),
            ("javascript:alert(1)", "has the scheme `javascript:`"),
            ("x.org/briefs/", "is not absolute"),
            ("/briefs/", "is not absolute"),
            ("https://", "is not a valid URL"),
            ("https://user:pw@x.org/", "carries a user name or password"),
            ("", "is not absolute"),
        ] {
            let err = SiteUrl::parse(given).expect_err(given);
            assert!(err.contains(says), "{given}: {err}");
            assert!(
                err.starts_with(&format!("base_url `{}`", given.trim())),
                "{err}"
            );
        }
    }

    #[test]
    fn joins_links_and_language_folders() {
        let url = SiteUrl::parse("https://x.github.io/briefs/").unwrap();
        assert_eq!(
            url.join("companies/meta/"),
            "https://x.github.io/briefs/companies/meta/"
        );
        assert_eq!(url.join("/atom.xml"), "https://x.github.io/briefs/atom.xml");
        assert_eq!(url.link("tags/투자/"), "/briefs/tags/투자/");
        let en = url.under("en");
        assert_eq!(en.as_str(), "https://x.github.io/briefs/en/");
        assert_eq!(en.path(), "/briefs/en/");
        assert_eq!(en.join("deals/"), "https://x.github.io/briefs/en/deals/");
        assert_eq!(url.under(""), url);
    }
}
