//! Domain types, validated from raw front matter. Raw input never travels past
//! the parse stage: what leaves here is a `Briefing`, a `Company`, a `Page`.

pub(crate) mod asset;
pub(crate) mod briefing;
pub(crate) mod company;
pub(crate) mod date;
pub(crate) mod deal;
pub(crate) mod localized;
pub mod money;
pub(crate) mod page;
pub(crate) mod slug;

use crate::diagnostics::Pos;

/// A company as a briefing names it, before resolution against the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub text: String,
    pub pos: Pos,
}

/// Why `text`, a name that becomes a URL segment (a company reference, a
/// speaker), gives no slug; `None` when it gives one. Section 7: a reference,
/// speaker or tag that slugs to nothing is an error, never a page at `/companies/`.
pub fn empty_slug(what: &str, text: &str) -> Option<String> {
    // An ASCII letter or digit, or a Hangul syllable, stays a letter or
    // digit through NFKC: a text with one (nearly every text) has a slug,
    // and needs no slug made just to be looked at.
    let has_one = text.bytes().any(|b| b.is_ascii_alphanumeric())
        || text.chars().any(crate::tokenize::is_hangul);
    if has_one || !slug::slugify(text).is_empty() {
        return None;
    }
    let text = text.trim();
    Some(if text.is_empty() {
        format!("the {what} is empty")
    } else {
        format!("{what} `{text}` has no letters or digits")
    })
}

/// Links from front matter end up in `href`s: only web addresses are accepted,
/// so a `javascript:` URL can never reach a page.
pub fn check_web_url(url: &str) -> Result<(), String> {
    let lower = url.trim().to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > "https://".len()
    {
        Ok(())
    } else {
        Err(format!(
            "`{url}` is not a web address; write a full http:// or https:// URL"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{check_web_url, empty_slug, slug};

    proptest::proptest! {
        /// The quick look says what the slug would: a text has a slug
        /// exactly when `empty_slug` finds nothing wrong with it.
        #[test]
        fn a_text_is_refused_exactly_when_its_slug_is_empty(
            text in "[ a-zA-Z0-9가힣\u{1100}\u{1161}\u{11a8}\u{301}ａ①·.,!?\\-]{0,6}"
        ) {
            proptest::prop_assert_eq!(
                empty_slug("speaker", &text).is_none(),
                !slug::slugify(&text).is_empty()
            );
        }
    }

    #[test]
    fn only_web_urls_pass() {
        assert!(check_web_url("https://scale.com").is_ok());
        assert!(check_web_url("HTTP://x.org/a").is_ok());
        assert!(check_web_url("javascript:alert(1)").is_err());
        assert!(check_web_url("data:text/html,x").is_err());
        assert!(check_web_url("//evil.com").is_err());
    }
}
