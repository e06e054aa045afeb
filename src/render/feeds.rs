//! Atom 1.0 and JSON Feed 1.1, full content, for the site and for each company,
//! deal and tag. Entry ids are the briefings' permalinks, so they stay stable.

use crate::escape::{escape_xml, xml_safe};
use crate::index::Site;
use crate::model::date::Moment;
use crate::plan::{FeedFormat, FeedScope, scope_path};
use serde::Serialize;

fn scope_title(site: &Site, scope: &FeedScope) -> String {
    let title = &site.config.title;
    match scope {
        FeedScope::Site => title.clone(),
        FeedScope::Company(id) => format!("{} · {title}", site.companies[id].company.name),
        FeedScope::Deal(i) => {
            let d = &site.deals[*i];
            let name = |id: &str| {
                site.companies
                    .get(id)
                    .map_or(id.to_string(), |c| c.company.name.clone())
            };
            let investors: Vec<String> = d.investors.iter().map(|i| name(i)).collect();
            format!("{} → {} · {title}", investors.join(", "), name(&d.target))
        }
        FeedScope::Tag(slug) => format!("#{} · {title}", site.tags[slug].name),
    }
}

fn scope_briefings<'a>(site: &'a Site, scope: &FeedScope) -> &'a [usize] {
    match scope {
        FeedScope::Site => &[],
        FeedScope::Company(id) => &site.companies[id].briefings,
        FeedScope::Deal(i) => &site.deals[*i].briefings,
        FeedScope::Tag(slug) => &site.tags[slug].briefings,
    }
}

/// A feed is in one language: untranslated briefings of others stay in theirs.
fn entries(site: &Site, scope: &FeedScope) -> Vec<usize> {
    let limit = site.config.feed_limit;
    let all: Box<dyn Iterator<Item = usize>> = match scope {
        FeedScope::Site => Box::new(0..site.briefings.len()),
        _ => Box::new(scope_briefings(site, scope).iter().copied()),
    };
    all.filter(|&i| site.is_local(i)).take(limit).collect()
}

/// RFC 3339 in the site's time zone, as feeds show it.
fn timestamp(site: &Site, m: &Moment) -> String {
    m.instant
        .to_zoned_datetime(site.config.timezone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

fn last_change(site: &Site, i: usize) -> &Moment {
    let b = &site.briefings[i].briefing;
    b.updated
        .as_ref()
        .filter(|u| **u > b.date)
        .unwrap_or(&b.date)
}

pub fn render(site: &Site, scope: &FeedScope, format: FeedFormat) -> Vec<u8> {
    match format {
        FeedFormat::Atom => atom(site, scope).into_bytes(),
        FeedFormat::Json => serde_json::to_vec(&json_feed(site, scope)).unwrap_or_default(),
    }
}

fn atom(site: &Site, scope: &FeedScope) -> String {
    let base = &site.config.base_url;
    let page = format!("{base}{}", scope_path(site, scope));
    let self_url = format!("{page}{}", FeedFormat::Atom.file_name());
    let items = entries(site, scope);
    let updated = items
        .iter()
        .map(|&i| last_change(site, i))
        .max()
        .map_or_else(
            || "1970-01-01T00:00:00Z".to_string(),
            |m| timestamp(site, m),
        );
    let mut xml = String::with_capacity(4096);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape_xml(&site.config.language)
    ));
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        escape_xml(&scope_title(site, scope))
    ));
    if !site.config.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_xml(&site.config.description)
        ));
    }
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_xml(&self_url),
        escape_xml(&page)
    ));
    xml.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}</updated>\n",
        escape_xml(&self_url)
    ));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n  <generator>briefly</generator>\n",
        escape_xml(&site.config.title)
    ));
    for i in items {
        let entry = &site.briefings[i];
        let b = &entry.briefing;
        let url = site.briefing_permalink(i);
        xml.push_str(&format!("  <entry xml:lang=\"{}\">\n", escape_xml(&b.lang)));
        xml.push_str(&format!("    <title>{}</title>\n", escape_xml(&b.title)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape_xml(&url)
        ));
        xml.push_str(&format!("    <id>{}</id>\n", escape_xml(&url)));
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            timestamp(site, &b.date)
        ));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(site, last_change(site, i))
        ));
        for author in &b.authors {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape_xml(author)
            ));
        }
        for (name, slug) in &b.tags {
            xml.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                escape_xml(slug),
                escape_xml(name)
            ));
        }
        if !b.summary.is_empty() {
            xml.push_str(&format!(
                "    <summary type=\"text\">{}</summary>\n",
                escape_xml(&b.summary)
            ));
        }
        // xml:base resolves the body's relative links (assets, company pages) against the page.
        xml.push_str(&format!(
            "    <content type=\"html\" xml:base=\"{}\">",
            escape_xml(&url)
        ));
        push_html_content(&mut xml, &b.body_html, b.body_cdata_plain);
        xml.push_str("</content>\n");
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The body of an entry as XML text. Bodies are most of a feed's bytes and
/// each is in several feeds, so it goes in a CDATA section (copied, not
/// escaped character by character), unless it holds characters XML cannot.
fn push_html_content(xml: &mut String, html: &str, plain: bool) {
    if plain {
        xml.push_str("<![CDATA[");
        xml.push_str(html);
        xml.push_str("]]>");
        return;
    }
    if !xml_safe(html) {
        xml.push_str(&escape_xml(html));
        return;
    }
    xml.push_str("<![CDATA[");
    // `]]>` would end the section: split it across two.
    let mut rest = html;
    while let Some(at) = rest.find("]]>") {
        xml.push_str(&rest[..at + 2]);
        xml.push_str("]]><![CDATA[");
        rest = &rest[at + 2..];
    }
    xml.push_str(rest);
    xml.push_str("]]>");
}

/// JSON Feed 1.1, borrowed from the site rather than copied into a `Value` tree:
/// a feed carries whole bodies, and there is one per company, deal and tag.
#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: String,
    home_page_url: String,
    feed_url: String,
    description: &'a str,
    language: &'a str,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    content_html: &'a str,
    summary: &'a str,
    date_published: String,
    date_modified: String,
    authors: Vec<JsonAuthor<'a>>,
    tags: Vec<&'a str>,
    language: &'a str,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

fn json_feed<'a>(site: &'a Site, scope: &FeedScope) -> JsonFeed<'a> {
    let page = format!("{}{}", site.config.base_url, scope_path(site, scope));
    let items = entries(site, scope)
        .into_iter()
        .map(|i| {
            let b = &site.briefings[i].briefing;
            let url = site.briefing_permalink(i);
            JsonItem {
                id: url.clone(),
                url,
                title: &b.title,
                content_html: &b.body_html,
                summary: &b.summary,
                date_published: timestamp(site, &b.date),
                date_modified: timestamp(site, last_change(site, i)),
                authors: b.authors.iter().map(|a| JsonAuthor { name: a }).collect(),
                tags: b.tags.iter().map(|(name, _)| name.as_str()).collect(),
                language: &b.lang,
            }
        })
        .collect();
    JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: scope_title(site, scope),
        feed_url: format!("{page}{}", FeedFormat::Json.file_name()),
        home_page_url: page,
        description: &site.config.description,
        language: &site.config.language,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escape::cdata_plain;

    /// What an XML parser reads back from the content element.
    fn read_back(html: &str) -> String {
        let mut xml = String::from("<c>");
        push_html_content(&mut xml, html, cdata_plain(html));
        xml.push_str("</c>");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        doc.root_element().text().unwrap_or("").to_string()
    }

    #[test]
    fn bodies_read_back_exactly_from_cdata() {
        let html = "<p>a &amp; b <code>x]]>y</code> ]]]]> 한국어</p>";
        assert_eq!(read_back(html), html);
        assert!(!cdata_plain(html) && cdata_plain("<p>x</p>"));
        let mut xml = String::new();
        push_html_content(&mut xml, "<p>x</p>", true);
        assert_eq!(xml, "<![CDATA[<p>x</p>]]>");
    }

    #[test]
    fn bodies_with_characters_xml_cannot_hold_are_escaped_without_them() {
        assert_eq!(read_back("<p>a\u{1}b\u{FFFF}</p>"), "<p>ab</p>");
    }
}
