//! schema.org structured data: `NewsArticle` for briefings, `Organization` for
//! companies, `Quotation` for quotes, `WebSite` for the home page.

use crate::index::Site;
use crate::paths::{company_path, person_path};
use serde_json::{Value, json};

/// JSON that is safe inside `<script>`: `<`, `>` and `&` are written as `\u` escapes,
/// so no text can close the element or open a comment.
pub fn script_safe(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn organization_ref(site: &Site, id: &str) -> Value {
    let name = site
        .companies
        .get(id)
        .map_or(id, |c| c.company.name.as_str());
    json!({ "@type": "Organization", "name": name, "url": format!("{}{}", site.config.base_url, company_path(id)) })
}

pub fn website(site: &Site) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.config.title,
        "description": site.config.description,
        "url": site.config.base_url,
        "inLanguage": site.config.language,
        "potentialAction": {
            "@type": "SearchAction",
            "target": format!("{}search/?q={{query}}", site.config.base_url),
            "query-input": "required name=query",
        },
    })
}

pub fn news_article(site: &Site, i: usize) -> Value {
    let entry = &site.briefings[i];
    let b = &entry.briefing;
    let url = site.briefing_permalink(i);
    let authors: Vec<Value> = if b.authors.is_empty() {
        vec![json!({ "@type": "Organization", "name": site.config.title })]
    } else {
        b.authors
            .iter()
            .map(|a| json!({ "@type": "Person", "name": a }))
            .collect()
    };
    let mut about: Vec<Value> = entry
        .company_ids
        .iter()
        .map(|id| organization_ref(site, id))
        .collect();
    let mentions = about.split_off(about.len().min(b.companies.len()));
    let quotes: Vec<Value> = b
        .quotes
        .iter()
        .map(|q| {
            json!({
                "@type": "Quotation",
                "text": q.text,
                "spokenByCharacter": {
                    "@type": "Person",
                    "name": q.speaker,
                    "url": format!("{}{}", site.config.base_url, person_path(&crate::model::slug::slugify(&q.speaker))),
                },
            })
        })
        .collect();
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": b.title,
        "description": b.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": b.date.rfc3339(),
        "dateModified": b.updated.as_ref().unwrap_or(&b.date).rfc3339(),
        "inLanguage": b.lang,
        "author": authors,
        "publisher": { "@type": "Organization", "name": site.config.title, "url": site.config.base_url },
        "keywords": b.tags.iter().map(|(name, _)| name).collect::<Vec<_>>(),
        "about": about,
        "mentions": mentions,
        "citation": quotes,
    });
    if let Some(source) = &b.source_ref {
        article["isBasedOn"] =
            json!({ "@type": "CreativeWork", "name": source.name, "url": source.url });
    }
    article
}

pub fn organization(site: &Site, id: &str) -> Value {
    let entry = &site.companies[id];
    let c = &entry.company;
    let mut org = json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": c.name,
        "alternateName": c.aliases.iter().chain(c.names.values()).filter(|n| **n != c.name).collect::<Vec<_>>(),
        "url": format!("{}{}", site.config.base_url, company_path(id)),
    });
    if let Some(website) = &c.website {
        org["sameAs"] = json!([website]);
    }
    if let Some(founded) = &c.founded {
        org["foundingDate"] = json!(founded);
    }
    if let Some(parent) = &entry.parent_id {
        org["parentOrganization"] = organization_ref(site, parent);
    }
    if !c.founders.is_empty() {
        org["founder"] = json!(
            c.founders
                .iter()
                .map(|f| json!({ "@type": "Person", "name": f }))
                .collect::<Vec<_>>()
        );
    }
    org
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script() {
        let v = json!({ "headline": "</script><script>alert(1)</script> & <!--" });
        let text = script_safe(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
