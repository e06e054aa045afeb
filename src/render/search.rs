//! The search index, built at build time for `/search/`. Hangul has no spaces
//! between a noun and its particle (`네이버가`) and compounds freely
//! (`네이버벤처스`), so Hangul runs are indexed as overlapping two-syllable
//! pieces plus the whole run; other words and numbers are tokens as they are.
//! `themes/default/static/search.js` tokenizes queries the same way.

use crate::index::Site;
use crate::plan::briefing_path;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// NFKC, lower case, runs of whitespace as one space: what documents and queries are compared in.
pub fn normalize(text: &str) -> String {
    let lower: String = text.nfkc().flat_map(char::to_lowercase).collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The index tokens of normalized text: Hangul runs as bigrams and whole runs,
/// other letters and digits as words.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_hangul(c) {
            let start = i;
            while i < chars.len() && is_hangul(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            if run.len() > 1 {
                for pair in run.windows(2) {
                    out.push(pair.iter().collect());
                }
            }
            if run.len() != 2 {
                out.push(run.iter().collect());
            }
        } else if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() && !is_hangul(chars[i]) {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else {
            i += 1;
        }
    }
    out
}

/// `search/index.json`: each briefing with its normalized text, and the postings
/// of every token (document numbers, ascending = newest first).
pub fn index(site: &Site) -> Value {
    let views = super::views::Views::new(site);
    let mut postings: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut docs = Vec::with_capacity(site.briefings.len());
    for (n, entry) in site.briefings.iter().enumerate() {
        let b = &entry.briefing;
        let companies: Vec<String> = entry
            .company_ids
            .iter()
            .filter_map(|id| site.companies.get(id))
            .flat_map(|c| {
                std::iter::once(c.company.name.clone()).chain(c.company.aliases.iter().cloned())
            })
            .collect();
        let tags: Vec<&str> = b.tags.iter().map(|(name, _)| name.as_str()).collect();
        let title = normalize(&b.title);
        let text = normalize(&format!(
            "{} {} {} {} {} {}",
            b.title,
            b.subtitle.as_deref().unwrap_or(""),
            b.summary,
            tags.join(" "),
            companies.join(" "),
            b.body_text
        ));
        for token in tokens(&text) {
            let list = postings.entry(token).or_default();
            if list.last() != Some(&n) {
                list.push(n);
            }
        }
        docs.push(json!({
            "url": views.url(&briefing_path(&b.slug)),
            "title": b.title,
            "date": b.date.ymd(),
            "summary": b.summary,
            "t": title,
            "text": text,
        }));
    }
    json!({ "docs": docs, "postings": postings })
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
