//! schema.org structured data: `NewsArticle` for briefings, `Organization` for
//! companies, `Quotation` for quotes, `CorrectionComment` for a briefing's
//! corrections, `WebSite` for the home page. Each is a
//! typed struct written by serde_json in field order.

use crate::index::Site;
use crate::paths::{company_path, person_path};
use crate::url::SiteUrl;
use serde::Serialize;
use std::borrow::Cow;

/// JSON that is safe inside `<script>`: `<`, `>` and `&` are written as `\u` escapes,
/// so no text can close the element or open a comment.
pub fn script_safe(value: &impl Serialize) -> String {
    safe_in_script(&serde_json::to_string(value).unwrap_or_default())
}

/// `json` with `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes. By bytes,
/// in runs: the three are ASCII, and U+2028 and U+2029 are the only
/// characters that start E2 80 A8 / A9, so runs without `< > &` or E2 (most
/// of a page's JSON-LD) are passed over whole.
fn safe_in_script(json: &str) -> String {
    let special = |b: u8| (b == b'<') | (b == b'>') | (b == b'&') | (b == 0xE2);
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + 16);
    let (mut start, mut i) = (0, 0);
    loop {
        i = crate::escape::past_plain_runs(bytes, i, special);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        let (with, len) = match (b, bytes.get(i + 1..i + 3)) {
            (b'<', _) => ("\\u003c", 1),
            (b'>', _) => ("\\u003e", 1),
            (b'&', _) => ("\\u0026", 1),
            (0xE2, Some([0x80, 0xA8])) => ("\\u2028", 3),
            (0xE2, Some([0x80, 0xA9])) => ("\\u2029", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&json[start..i]);
        out.push_str(with);
        i += len;
        start = i;
    }
    out.push_str(&json[start..]);
    out
}

const CONTEXT: &str = "https://schema.org";

/// A thing of a schema.org type with a name: a person or an organization.
#[derive(Serialize)]
pub struct Named<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl<'a> Named<'a> {
    fn person(name: &'a str) -> Self {
        Named {
            kind: "Person",
            name,
            url: None,
        }
    }

    fn organization(name: &'a str, url: Option<String>) -> Self {
        Named {
            kind: "Organization",
            name,
            url,
        }
    }
}

#[derive(Serialize)]
pub struct WebSite<'a> {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: &'a str,
    /// Cut as the head's meta description is (`excerpt::description`).
    pub description: Cow<'a, str>,
    pub url: &'a SiteUrl,
    #[serde(rename = "inLanguage")]
    pub in_language: &'a str,
    #[serde(rename = "potentialAction")]
    pub potential_action: SearchAction,
}

#[derive(Serialize)]
pub struct SearchAction {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub target: String,
    #[serde(rename = "query-input")]
    pub query_input: &'static str,
}

#[derive(Serialize)]
pub struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub headline: &'a str,
    /// The summary as the page's meta description has it: cut to about 160
    /// characters, not the whole first paragraph again.
    pub description: String,
    pub url: String,
    #[serde(rename = "mainEntityOfPage")]
    pub main_entity_of_page: String,
    #[serde(rename = "datePublished")]
    pub date_published: String,
    #[serde(rename = "dateModified")]
    pub date_modified: String,
    #[serde(rename = "inLanguage")]
    pub in_language: &'a str,
    pub author: Vec<Named<'a>>,
    pub publisher: Named<'a>,
    pub keywords: Vec<&'a str>,
    /// The companies the briefing names in its front matter.
    pub about: Vec<Named<'a>>,
    /// The companies only its body mentions.
    pub mentions: Vec<Named<'a>>,
    pub citation: Vec<Quotation<'a>>,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    pub is_based_on: Option<CreativeWork<'a>>,
    /// Oldest first; left out when the briefing has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub correction: Vec<CorrectionComment<'a>>,
}

#[derive(Serialize)]
pub struct CorrectionComment<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub text: &'a str,
    #[serde(rename = "datePublished")]
    pub date_published: String,
}

#[derive(Serialize)]
pub struct Quotation<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub text: &'a str,
    #[serde(rename = "spokenByCharacter")]
    pub spoken_by: Named<'a>,
}

#[derive(Serialize)]
pub struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: &'a str,
    /// Written as `null` when the source has no URL.
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Organization<'a> {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: &'a str,
    #[serde(rename = "alternateName")]
    pub alternate_name: Vec<&'a str>,
    pub url: String,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    pub same_as: Option<[&'a str; 1]>,
    #[serde(rename = "foundingDate", skip_serializing_if = "Option::is_none")]
    pub founding_date: Option<&'a str>,
    #[serde(rename = "parentOrganization", skip_serializing_if = "Option::is_none")]
    pub parent_organization: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub founder: Vec<Named<'a>>,
}

fn organization_ref<'a>(site: &'a Site, id: &'a str) -> Named<'a> {
    let name = site
        .companies
        .get(id)
        .map_or(id, |c| c.company.name.as_str());
    Named::organization(name, Some(site.config.base_url.join(&company_path(id))))
}

pub fn website(site: &Site) -> WebSite<'_> {
    WebSite {
        context: CONTEXT,
        kind: "WebSite",
        name: &site.config.title,
        description: super::excerpt::description(&site.config.description),
        url: &site.config.base_url,
        in_language: &site.config.language,
        potential_action: SearchAction {
            kind: "SearchAction",
            target: site.config.base_url.join("search/?q={query}"),
            query_input: "required name=query",
        },
    }
}

/// `description` is the page's meta description (`excerpt::description` of
/// its summary as shown), made once for both.
pub fn news_article(site: &Site, i: usize, description: String) -> NewsArticle<'_> {
    let entry = &site.briefings[i];
    let b = &entry.briefing;
    let url = site.briefing_permalink(i);
    let authors = if b.authors.is_empty() {
        vec![Named::organization(&site.config.title, None)]
    } else {
        b.authors.iter().map(|a| Named::person(a)).collect()
    };
    let mut about: Vec<Named> = entry
        .company_ids
        .iter()
        .map(|id| organization_ref(site, id))
        .collect();
    let mentions = about.split_off(about.len().min(b.companies.len()));
    let citation = b
        .quotes
        .iter()
        .map(|q| Quotation {
            kind: "Quotation",
            text: &q.text,
            spoken_by: Named {
                kind: "Person",
                name: &q.speaker,
                url: Some(format!(
                    "{}{}",
                    site.config.base_url,
                    person_path(&crate::model::slug::slugify(&q.speaker))
                )),
            },
        })
        .collect();
    NewsArticle {
        context: CONTEXT,
        kind: "NewsArticle",
        headline: &b.title,
        description,
        main_entity_of_page: url.clone(),
        url,
        date_published: b.date.rfc3339(),
        date_modified: b.updated.as_ref().unwrap_or(&b.date).rfc3339(),
        in_language: &b.lang,
        author: authors,
        publisher: Named::organization(
            &site.config.title,
            Some(site.config.base_url.as_str().to_string()),
        ),
        keywords: b.tags.iter().map(|(name, _)| name.as_str()).collect(),
        about,
        mentions,
        citation,
        is_based_on: b.source_ref.as_ref().map(|s| CreativeWork {
            kind: "CreativeWork",
            name: &s.name,
            url: s.url.as_deref(),
        }),
        correction: b
            .corrections
            .iter()
            .map(|c| CorrectionComment {
                kind: "CorrectionComment",
                text: &c.text,
                date_published: c.date.rfc3339(),
            })
            .collect(),
    }
}

pub fn organization<'a>(site: &'a Site, id: &str) -> Organization<'a> {
    let (id, entry) = site
        .companies
        .get_key_value(id)
        .expect("a company of the site");
    let c = &entry.company;
    Organization {
        context: CONTEXT,
        kind: "Organization",
        name: &c.name,
        alternate_name: c
            .aliases
            .iter()
            .chain(c.names.values())
            .filter(|n| **n != c.name)
            .map(String::as_str)
            .collect(),
        url: site.config.base_url.join(&company_path(id)),
        same_as: c.website.as_deref().map(|w| [w]),
        founding_date: c.founded.as_deref(),
        parent_organization: entry
            .parent_id
            .as_deref()
            .map(|p| organization_ref(site, p)),
        founder: c
            .founders
            .iter()
            .filter_map(|f| f.get(&site.config.language, &site.config.default_language))
            .map(Named::person)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn script_safe_json_cannot_close_the_script() {
        let v = json!({ "headline": "</script><script>alert(1)</script> & <!--" });
        let text = script_safe(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
        let v = json!({ "headline": "줄\u{2028}나눔\u{2029}끝 \u{2027}\u{202A}" });
        let text = script_safe(&v);
        assert!(
            text.contains("줄\\u2028나눔\\u2029끝 \u{2027}\u{202A}"),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }

    proptest::proptest! {
        /// The run-skipping escaper agrees with escaping character by
        /// character, on texts long enough for runs, with the characters it
        /// escapes and their neighbours (U+2027, U+202A share the E2 80 lead).
        #[test]
        fn escapes_in_runs_as_char_by_char(
            text in "[a-z가 <>&\u{2027}\u{2028}\u{2029}\u{202A}\u{20AC}]{0,200}"
        ) {
            let by_char: String = text
                .chars()
                .map(|c| match c {
                    '<' => "\\u003c".to_string(),
                    '>' => "\\u003e".to_string(),
                    '&' => "\\u0026".to_string(),
                    '\u{2028}' => "\\u2028".to_string(),
                    '\u{2029}' => "\\u2029".to_string(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(safe_in_script(&text), by_char);
        }
    }
}
