//! The search index, built at build time for `/search/`, from the tokens of
//! `crate::tokenize`.

use super::views::shown;
use crate::index::Site;
use crate::tokenize::{each_token, normalize};
use rayon::prelude::*;
use std::collections::HashMap;

/// One document of the index, as search.js reads it.
#[derive(serde::Serialize)]
struct Doc<'a> {
    url: String,
    /// Title and summary as pages show them (smart punctuation, section 3).
    title: std::borrow::Cow<'a, str>,
    date: String,
    summary: std::borrow::Cow<'a, str>,
    /// The normalized title, for ranking title matches first.
    t: String,
}

/// How many documents one thread indexes before its postings are merged.
const CHUNK: usize = 256;

/// `search/index.json`: each briefing (URL, title, date, summary) and the
/// postings of every token (document numbers, ascending = newest first).
/// The documents' text is not shipped: search.js matches query tokens against
/// the tokens of the index, by prefix. Written as bytes directly.
pub fn index(site: &Site) -> Vec<u8> {
    // Per document: its entry, and the tokens of what is not the body (title,
    // summary, tags, company names and aliases).
    let docs: Vec<(Doc, String)> = site
        .briefings
        .par_iter()
        .enumerate()
        .map(|(i, entry)| {
            let b = &entry.briefing;
            let companies: Vec<&str> = entry
                .company_ids
                .iter()
                .filter_map(|id| site.companies.get(id))
                .flat_map(|c| {
                    std::iter::once(c.company.name.as_str())
                        .chain(c.company.aliases.iter().map(String::as_str))
                })
                .collect();
            let tags: Vec<&str> = b.tags.iter().map(|(name, _)| name.as_str()).collect();
            let head = normalize(&format!(
                "{} {} {} {} {}",
                b.title,
                b.subtitle.as_deref().unwrap_or(""),
                b.summary,
                tags.join(" "),
                companies.join(" "),
            ));
            let doc = Doc {
                url: site.briefing_link(i),
                title: shown(site, &b.title),
                date: b.date.ymd(),
                summary: shown(site, &b.summary),
                t: normalize(&b.title),
            };
            (doc, head)
        })
        .collect();
    // Postings per chunk of documents in parallel, merged in document order, so
    // every list comes out ascending without sorting.
    type Postings<'a> = HashMap<&'a str, Vec<u32>, foldhash::fast::RandomState>;
    let partials: Vec<Postings> = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut postings = Postings::default();
            for (k, (_, head)) in chunk.iter().enumerate() {
                let n = (c * CHUNK + k) as u32;
                let body = site.briefings[n as usize].briefing.body_terms.split(' ');
                let mut add = |token| {
                    let list = postings.entry(token).or_default();
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                };
                each_token(head, &mut add);
                body.filter(|t| !t.is_empty()).for_each(add);
            }
            postings
        })
        .collect();
    let mut postings = Postings::default();
    for partial in partials {
        for (token, mut list) in partial {
            postings.entry(token).or_default().append(&mut list);
        }
    }
    let mut sorted: Vec<(&str, Vec<u32>)> = postings.into_iter().collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));

    let size = docs.len() * 300
        + sorted
            .iter()
            .map(|(t, list)| t.len() + 4 + list.len() * 6)
            .sum::<usize>();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(b"{\"docs\":[");
    for (n, (doc, _)) in docs.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let _ = serde_json::to_writer(&mut out, doc);
    }
    out.extend_from_slice(b"],\"postings\":{");
    for (n, (token, list)) in sorted.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let _ = serde_json::to_writer(&mut out, token);
        out.push(b':');
        let _ = serde_json::to_writer(&mut out, list);
    }
    out.extend_from_slice(b"}}");
    out
}
