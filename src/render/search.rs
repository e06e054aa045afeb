//! The search index, built at build time for `/search/`. Hangul has no spaces
//! between a noun and its particle (`네이버가`) and compounds freely
//! (`네이버벤처스`), so Hangul runs are indexed as overlapping two-syllable
//! pieces plus the whole run; other words and numbers are tokens as they are.
//! `themes/default/static/search.js` tokenizes queries the same way.

use crate::index::Site;
use rayon::prelude::*;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// NFKC, lower case, runs of whitespace as one space: what documents and queries are compared in.
pub fn normalize(text: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfkc_quick};
    // Most text is already NFKC; the quick check is far cheaper than normalizing.
    let lower = if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.to_lowercase()
    } else {
        text.nfkc().collect::<String>().to_lowercase()
    };
    let mut out = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The index tokens of normalized text: Hangul runs as bigrams and whole runs,
/// other letters and digits as words. Slices of `text`, in order, repeats kept.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_hangul(c) {
            // Byte offsets of every syllable of the run, and its end.
            let mut offsets = vec![start];
            while let Some(&(i, next)) = chars.peek() {
                if !is_hangul(next) {
                    break;
                }
                offsets.push(i);
                chars.next();
            }
            let end = offsets.last().map_or(start, |&i| i + '가'.len_utf8());
            offsets.push(end);
            let syllables = offsets.len() - 1;
            for w in offsets.windows(3) {
                out.push(&text[w[0]..w[2]]);
            }
            if syllables != 2 {
                out.push(&text[start..end]);
            }
        } else if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if !next.is_alphanumeric() || is_hangul(next) {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            out.push(&text[start..end]);
        }
    }
    out
}

/// One document of the index, as search.js reads it.
#[derive(serde::Serialize)]
struct Doc<'a> {
    url: String,
    title: &'a str,
    date: String,
    summary: &'a str,
    /// The normalized title, for ranking title matches first.
    t: String,
    /// The normalized text, for the final substring check.
    text: String,
}

/// How many documents one thread indexes before its postings are merged.
const CHUNK: usize = 256;

/// `search/index.json`: each briefing with its normalized text, and the postings
/// of every token (document numbers, ascending = newest first). Written as
/// bytes directly: the index is the largest file of a big site.
pub fn index(site: &Site) -> Vec<u8> {
    let views = super::views::Views::new(site);
    let docs: Vec<Doc> = site
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
            let text = normalize(&format!(
                "{} {} {} {} {} {}",
                b.title,
                b.subtitle.as_deref().unwrap_or(""),
                b.summary,
                tags.join(" "),
                companies.join(" "),
                b.body_text
            ));
            Doc {
                url: views.briefing_url(i),
                title: &b.title,
                date: b.date.ymd(),
                summary: &b.summary,
                t: normalize(&b.title),
                text,
            }
        })
        .collect();
    // Postings per chunk of documents in parallel, merged in document order, so
    // every list comes out ascending without sorting.
    let partials: Vec<HashMap<&str, Vec<u32>>> = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
            for (k, doc) in chunk.iter().enumerate() {
                let n = (c * CHUNK + k) as u32;
                for token in tokens(&doc.text) {
                    let list = postings.entry(token).or_default();
                    if list.last() != Some(&n) {
                        list.push(n);
                    }
                }
            }
            postings
        })
        .collect();
    let mut postings: HashMap<&str, Vec<u32>> = HashMap::new();
    for partial in partials {
        for (token, mut list) in partial {
            postings.entry(token).or_default().append(&mut list);
        }
    }
    let mut sorted: Vec<(&str, Vec<u32>)> = postings.into_iter().collect();
    sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));

    let size = docs
        .iter()
        .map(|d| d.text.len() + d.summary.len() + 200)
        .sum::<usize>()
        + sorted.len() * 24;
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(b"{\"docs\":[");
    for (n, doc) in docs.iter().enumerate() {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The same cases stand in tests/js/search.test.js, so both tokenizers agree.
    #[test]
    fn hangul_runs_become_bigrams_and_words() {
        assert_eq!(
            tokens(&normalize("네이버벤처스")),
            ["네이", "이버", "버벤", "벤처", "처스", "네이버벤처스"]
        );
        assert_eq!(
            tokens(&normalize("Meta가 13조원을")),
            ["meta", "가", "13", "조원", "원을", "조원을"]
        );
        assert_eq!(tokens(&normalize("ＡＩ 투자")), ["ai", "투자"]);
    }

    #[test]
    fn normalizing_folds_case_width_and_space() {
        assert_eq!(normalize("  Scale\tAI  １３조 "), "scale ai 13조");
    }
}
