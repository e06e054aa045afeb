//! Atom 1.0 and JSON Feed 1.1 for the site and for each company, deal, tag and
//! person, in the formats `[feeds] formats` names, each with the newest
//! `[feeds] limit` briefings. The site feed carries whole bodies; the others
//! carry summaries unless `[feeds] entity_content = "full"`.
//! Entry ids are the briefings' permalinks, so they stay stable.
//! The corrections feed has an entry per correction instead, its id the
//! briefing's permalink with the correction's anchor (`#correction-2`).
//! Titles and summaries are shown as pages show them (smart punctuation,
//! section 3), since feed readers show them to readers; ids are untouched.

use super::i18n::text;
use super::views::{FeedStamp, ViewCache, shown};
use crate::config::EntityContent;
use crate::escape::{push_xml, xml_safe};
use crate::index::Site;
use crate::model::date::Moment;
use crate::paths::correction_anchor;
use crate::plan::{FeedFormat, FeedScope, scope_path};
use serde::Serialize;

fn scope_title(site: &Site, scope: &FeedScope) -> String {
    let title = &site.config.title;
    let lang = &site.config.language;
    // A company's name in the feed's language, as its pages show it.
    let name = |id: &str| {
        site.companies.get(id).map_or(id.to_string(), |c| {
            c.company.names.get(lang).unwrap_or(&c.company.name).clone()
        })
    };
    match scope {
        FeedScope::Site => title.clone(),
        FeedScope::Company(id) => format!("{} · {title}", name(id)),
        FeedScope::Deal(i) => {
            let d = &site.deals[*i];
            let investors: Vec<String> = d.investors.iter().map(|i| name(i)).collect();
            format!("{} → {} · {title}", investors.join(", "), name(&d.target))
        }
        FeedScope::Tag(slug) => format!("#{} · {title}", site.tags[slug].name),
        FeedScope::Person(slug) => format!("{} · {title}", site.people[slug].name),
        FeedScope::Corrections => {
            format!("{} · {title}", text(&site.config.language, "corrections"))
        }
    }
}

/// The briefings of a scope, newest first.
fn scope_briefings<'a>(site: &'a Site, scope: &FeedScope) -> Box<dyn Iterator<Item = usize> + 'a> {
    match scope {
        FeedScope::Site => Box::new(0..site.briefings.len()),
        FeedScope::Corrections => Box::new(std::iter::empty()),
        FeedScope::Company(id) => Box::new(site.companies[id].briefings.iter().copied()),
        FeedScope::Deal(i) => Box::new(site.deals[*i].briefings.iter().copied()),
        FeedScope::Tag(slug) => Box::new(site.tags[slug].briefings.iter().copied()),
        FeedScope::Person(slug) => {
            // Quotes are newest first; a briefing quoting someone twice is one entry.
            let mut seen = std::collections::HashSet::new();
            Box::new(
                site.people[slug]
                    .quotes
                    .iter()
                    .map(|&(b, _)| b)
                    .filter(move |&b| seen.insert(b)),
            )
        }
    }
}

/// The newest `[feeds] limit` briefings of a scope. A feed is in one
/// language: untranslated briefings of others stay in theirs.
fn entries(site: &Site, scope: &FeedScope) -> Vec<usize> {
    scope_briefings(site, scope)
        .filter(|&i| site.is_local(i))
        .take(site.config.feeds.limit)
        .collect()
}

/// Whether a feed carries whole bodies: the site's always, the others when
/// `[feeds] entity_content = "full"`.
fn carries_bodies(site: &Site, scope: &FeedScope) -> bool {
    *scope == FeedScope::Site || site.config.feeds.entity_content == EntityContent::Full
}

/// The summary as the briefing page shows it; the title for a briefing
/// without one, so a summary-only entry is never empty.
fn entry_summary<'a>(stamp: &'a FeedStamp, b: &'a crate::model::briefing::Briefing) -> &'a str {
    if b.summary.trim().is_empty() {
        stamp.title(b)
    } else {
        stamp.summary(b)
    }
}

/// RFC 3339 in the site's time zone, as feeds show it.
fn timestamp(site: &Site, m: &Moment) -> String {
    m.instant
        .to_zoned_datetime(site.config.timezone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The briefing at `i`'s permalink, times, title and summary as its feed
/// entries print them, worked out for its first feed.
fn stamp<'c>(site: &Site, cache: &'c ViewCache, i: usize) -> &'c FeedStamp {
    let b = &site.briefings[i].briefing;
    let owned = |text| match shown(site, text) {
        std::borrow::Cow::Owned(shown) => Some(shown),
        std::borrow::Cow::Borrowed(_) => None,
    };
    cache.feed_stamp(site.briefings.len(), i, || FeedStamp {
        url: site.briefing_permalink(i),
        published: timestamp(site, &b.date),
        updated: timestamp(site, last_change(site, i)),
        title: owned(&b.title),
        summary: owned(&b.summary),
        json_item: Default::default(),
    })
}

fn last_change(site: &Site, i: usize) -> &Moment {
    let b = &site.briefings[i].briefing;
    b.updated
        .as_ref()
        .filter(|u| **u > b.date)
        .unwrap_or(&b.date)
}

pub fn render(site: &Site, cache: &ViewCache, scope: &FeedScope, format: FeedFormat) -> Vec<u8> {
    match (scope, format) {
        (FeedScope::Corrections, FeedFormat::Atom) => corrections_atom(site).into_bytes(),
        (FeedScope::Corrections, FeedFormat::Json) => {
            serde_json::to_vec(&corrections_json(site)).unwrap_or_default()
        }
        (_, FeedFormat::Atom) => atom(site, cache, scope).into_bytes(),
        (_, FeedFormat::Json) => {
            serde_json::to_vec(&json_feed(site, cache, scope)).unwrap_or_default()
        }
    }
}

/// A correction as a feed entry: what it says, when, and where it is shown.
struct CorrectionEntry<'a> {
    /// The briefing's permalink with the correction's anchor: the entry id and link.
    url: String,
    /// `Correction: TITLE`.
    title: String,
    text: &'a str,
    date: String,
    lang: &'a str,
}

/// The newest corrections of this language's briefings, at most `[feeds] limit`.
fn correction_entries(site: &Site) -> Vec<CorrectionEntry<'_>> {
    let label = text(&site.config.language, "correction");
    site.corrections
        .iter()
        .filter(|r| site.is_local(r.briefing))
        .take(site.config.feeds.limit)
        .map(|&r| {
            let b = &site.briefings[r.briefing].briefing;
            let c = site.correction(r);
            CorrectionEntry {
                url: format!(
                    "{}#{}",
                    site.briefing_permalink(r.briefing),
                    correction_anchor(r.index + 1)
                ),
                title: format!("{label}: {}", shown(site, &b.title)),
                text: &c.text,
                date: timestamp(site, &c.date),
                lang: &b.lang,
            }
        })
        .collect()
}

fn corrections_atom(site: &Site) -> String {
    let scope = FeedScope::Corrections;
    let page = site.config.base_url.join(&scope_path(site, &scope));
    let self_url = format!("{page}{}", FeedFormat::Atom.file_name());
    let entries = correction_entries(site);
    // Entries are newest first: the first is the feed's last change.
    let updated = entries
        .first()
        .map_or("1970-01-01T00:00:00Z", |e| e.date.as_str());
    let mut xml = String::with_capacity(1024);
    feed_head(&mut xml, site, &scope, &self_url, &page, updated, None);
    for e in entries {
        entry_head(&mut xml, e.lang, &e.title, &e.url, &e.date, &e.date);
        xml.push_str("    <content type=\"text\">");
        push_xml(&mut xml, e.text);
        xml.push_str("</content>\n  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Appends `<NAME>TEXT</NAME>` and a new line, TEXT escaped, after `indent`.
fn element(xml: &mut String, indent: &str, name: &str, text: &str) {
    xml.push_str(indent);
    xml.push('<');
    xml.push_str(name);
    xml.push('>');
    push_xml(xml, text);
    xml.push_str("</");
    xml.push_str(name);
    xml.push_str(">\n");
}

/// The XML declaration and what an Atom feed says of itself.
fn feed_head(
    xml: &mut String,
    site: &Site,
    scope: &FeedScope,
    self_url: &str,
    page: &str,
    updated: &str,
    subtitle: Option<&str>,
) {
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    push_xml(xml, &site.config.language);
    xml.push_str("\">\n");
    element(xml, "  ", "title", &scope_title(site, scope));
    if let Some(subtitle) = subtitle {
        element(xml, "  ", "subtitle", subtitle);
    }
    xml.push_str("  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
    push_xml(xml, self_url);
    xml.push_str("\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
    push_xml(xml, page);
    xml.push_str("\"/>\n");
    element(xml, "  ", "id", self_url);
    element(xml, "  ", "updated", updated);
    xml.push_str("  <author><name>");
    push_xml(xml, &site.config.title);
    xml.push_str("</name></author>\n  <generator>briefly</generator>\n");
}

/// An entry's opening tag, title, link, id and times.
fn entry_head(
    xml: &mut String,
    lang: &str,
    title: &str,
    url: &str,
    published: &str,
    updated: &str,
) {
    xml.push_str("  <entry xml:lang=\"");
    push_xml(xml, lang);
    xml.push_str("\">\n");
    element(xml, "    ", "title", title);
    xml.push_str("    <link rel=\"alternate\" type=\"text/html\" href=\"");
    push_xml(xml, url);
    xml.push_str("\"/>\n");
    element(xml, "    ", "id", url);
    element(xml, "    ", "published", published);
    element(xml, "    ", "updated", updated);
}

#[derive(Serialize)]
struct JsonCorrectionsFeed<'a> {
    version: &'static str,
    title: String,
    home_page_url: String,
    feed_url: String,
    language: &'a str,
    items: Vec<JsonCorrection<'a>>,
}

#[derive(Serialize)]
struct JsonCorrection<'a> {
    id: String,
    url: String,
    title: String,
    content_text: &'a str,
    date_published: String,
    date_modified: String,
    language: &'a str,
}

fn corrections_json(site: &Site) -> JsonCorrectionsFeed<'_> {
    let scope = FeedScope::Corrections;
    let page = site.config.base_url.join(&scope_path(site, &scope));
    JsonCorrectionsFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: scope_title(site, &scope),
        feed_url: format!("{page}{}", FeedFormat::Json.file_name()),
        home_page_url: page,
        language: &site.config.language,
        items: correction_entries(site)
            .into_iter()
            .map(|e| JsonCorrection {
                id: e.url.clone(),
                url: e.url,
                title: e.title,
                content_text: e.text,
                date_published: e.date.clone(),
                date_modified: e.date,
                language: e.lang,
            })
            .collect(),
    }
}

fn atom(site: &Site, cache: &ViewCache, scope: &FeedScope) -> String {
    let base = &site.config.base_url;
    let page = base.join(&scope_path(site, scope));
    let self_url = format!("{page}{}", FeedFormat::Atom.file_name());
    let items = entries(site, scope);
    let full = carries_bodies(site, scope);
    let updated = items
        .iter()
        .max_by_key(|&&i| last_change(site, i))
        .map_or("1970-01-01T00:00:00Z", |&i| &stamp(site, cache, i).updated);
    let mut xml = String::with_capacity(4096);
    let description = &site.config.description;
    let subtitle = (!description.is_empty()).then_some(description.as_str());
    feed_head(&mut xml, site, scope, &self_url, &page, updated, subtitle);
    for i in items {
        let entry = &site.briefings[i];
        let b = &entry.briefing;
        let stamp = stamp(site, cache, i);
        entry_head(
            &mut xml,
            &b.lang,
            stamp.title(b),
            &stamp.url,
            &stamp.published,
            &stamp.updated,
        );
        for author in &b.authors {
            xml.push_str("    <author><name>");
            push_xml(&mut xml, author);
            xml.push_str("</name></author>\n");
        }
        for (name, slug) in &b.tags {
            xml.push_str("    <category term=\"");
            push_xml(&mut xml, slug);
            xml.push_str("\" label=\"");
            push_xml(&mut xml, name);
            xml.push_str("\"/>\n");
        }
        if !full || !b.summary.is_empty() {
            // Without a body the summary is the entry's text (RFC 4287 4.1.1.1).
            xml.push_str("    <summary type=\"text\">");
            push_xml(&mut xml, entry_summary(stamp, b));
            xml.push_str("</summary>\n");
        }
        if full {
            // xml:base resolves the body's relative links (assets, company pages) against the page.
            xml.push_str("    <content type=\"html\" xml:base=\"");
            push_xml(&mut xml, &stamp.url);
            xml.push_str("\">");
            push_html_content(&mut xml, &b.body_html.get(), b.body_cdata_plain);
            xml.push_str("</content>\n");
        }
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
        push_xml(xml, html);
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
    items: Vec<JsonEntry<'a>>,
}

/// An item as a feed prints it: made for this feed, or the briefing's item
/// made for its first feed that carries summaries (`FeedStamp::json_item`).
#[derive(Serialize)]
#[serde(untagged)]
enum JsonEntry<'a> {
    Made(&'a serde_json::value::RawValue),
    Fresh(JsonItem<'a>),
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    /// The body in a feed that carries bodies…
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<std::borrow::Cow<'a, str>>,
    /// …else the summary as its text: JSON Feed 1.1 wants one of the two.
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    /// Beside a body; an item that carries only the summary has it as its
    /// `content_text` and not twice.
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    date_published: &'a str,
    date_modified: &'a str,
    authors: Vec<JsonAuthor<'a>>,
    tags: Vec<&'a str>,
    language: &'a str,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

fn json_feed<'a>(site: &'a Site, cache: &'a ViewCache, scope: &FeedScope) -> JsonFeed<'a> {
    let page = site.config.base_url.join(&scope_path(site, scope));
    let full = carries_bodies(site, scope);
    let items = entries(site, scope)
        .into_iter()
        .map(|i| {
            let b = &site.briefings[i].briefing;
            let stamp = stamp(site, cache, i);
            let (summary, content_text) = if full {
                (Some(stamp.summary(b)), None)
            } else {
                (None, Some(entry_summary(stamp, b)))
            };
            let item = || JsonItem {
                id: &stamp.url,
                url: &stamp.url,
                title: stamp.title(b),
                content_html: full.then(|| b.body_html.get()),
                content_text,
                summary,
                date_published: &stamp.published,
                date_modified: &stamp.updated,
                authors: b.authors.iter().map(|a| JsonAuthor { name: a }).collect(),
                tags: b.tags.iter().map(|(name, _)| name.as_str()).collect(),
                language: &b.lang,
            };
            if full {
                return JsonEntry::Fresh(item());
            }
            let made = stamp.json_item.get_or_init(|| {
                serde_json::value::to_raw_value(&item()).expect("an item serializes")
            });
            JsonEntry::Made(made)
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
