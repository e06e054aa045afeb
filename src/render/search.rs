//! The search index, built at build time for `/search/`, from the tokens of
//! `crate::tokenize`, and split so that a query fetches only the files it
//! needs (`crate::paths::SearchFile`; search.js reads them):
//!
//! - `search/manifest.json`: `{"version":2,"docs":N,"chunk":C,"shards":S}`.
//! - `search/t/I.json`, token shard I of S: `{"t":{TOKEN:LIST},"p":{CHAR:LIST}}`.
//!   A token lives in the shard of its key, its first two characters (the
//!   whole token when shorter): FNV-1a (32 bits) over the key's code points,
//!   modulo S. So a query token of two or more characters finds every index
//!   token it starts in one shard. `t` holds Hangul pairs and other words of
//!   two or more characters (whole Hangul runs are not looked up: a query
//!   matches them by their pairs). `p` serves one-character query tokens: for
//!   each character that starts a token, the documents with a token starting
//!   with it, or (a Hangul syllable) a two-syllable token ending with it.
//! - `search/d/I.json`, document chunk I: `[[url, title, date, summary], …]`
//!   for documents `I * C ..`, the summary cut to `SUMMARY_CHARS`.
//!
//! A LIST holds documents (numbered newest first) as `2n + 1` when the token is
//! in the title, `2n` otherwise, ascending, each written as its difference
//! from the one before. The documents' text is not shipped: search.js matches
//! query tokens against the tokens of the index, by prefix.

use super::views::{SearchFiles, ViewCache, shown};
use crate::index::Site;
use crate::paths::{SEARCH_DOCS_PER_CHUNK, SearchFile};
use crate::tokenize::{each_token, is_hangul, normalize};
use rayon::prelude::*;

/// The format's version, in the manifest.
const VERSION: u32 = 2;

/// How much of a summary a document chunk keeps, in characters.
const SUMMARY_CHARS: usize = 160;

/// How many documents one thread indexes before its postings are merged.
const CHUNK: usize = 256;

/// The characters a token is sharded by.
const KEY_CHARS: usize = 2;

/// The key a token is sharded by: its first two characters.
fn key(token: &str) -> &str {
    match token.char_indices().nth(KEY_CHARS) {
        Some((end, _)) => &token[..end],
        None => token,
    }
}

/// The shard of a key: FNV-1a over its code points, as search.js computes it.
pub fn shard_of(key: &str, shards: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for c in key.chars() {
        hash ^= c as u32;
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize % shards
}

/// Adds document entry `v` (`2n + title`) to a list, once per document.
fn push(list: &mut Vec<u32>, v: u32) {
    match list.last_mut() {
        Some(last) if *last >> 1 == v >> 1 => *last |= v & 1,
        _ => list.push(v),
    }
}

/// A list as search.js reads it: ascending, as differences.
fn write_list(out: &mut Vec<u8>, list: &[u32]) {
    out.push(b'[');
    let mut previous = 0;
    // itoa, not `write!`: an index holds millions of numbers.
    let mut digits = itoa::Buffer::new();
    for (i, &v) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(digits.format(v - previous).as_bytes());
        previous = v;
    }
    out.push(b']');
}

/// A summary cut to `SUMMARY_CHARS` characters and `…` when cut, as cards
/// cut theirs: at a space where there is one, so no word is split.
fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    super::excerpt::cut(text, SUMMARY_CHARS + 1)
}

/// Keys are owned: a chunk's body terms are read from the spill file, used
/// and let go, and only each distinct token is kept (once per chunk).
/// hashbrown's `entry_ref` looks a token up once and copies it only when new.
type Postings = hashbrown::HashMap<String, Vec<u32>, foldhash::fast::RandomState>;

/// Lists keyed by a number standing for a short token: a Hangul pair (its six
/// bytes) or a first character. Most lookups of a Korean body are these, and
/// a number hashes and compares far faster than text.
type NumberedPostings = hashbrown::HashMap<u64, Vec<u32>, foldhash::fast::RandomState>;

/// One chunk's postings: `t` (words, and Hangul pairs by number) and `p`.
#[derive(Default)]
struct ChunkPostings {
    words: Postings,
    pairs: NumberedPostings,
    starts: NumberedPostings,
}

/// A Hangul pair (six bytes) as a number; its bytes back from it.
fn pair_number(pair: &str) -> u64 {
    let mut buf = [0; 8];
    buf[..6].copy_from_slice(pair.as_bytes());
    u64::from_le_bytes(buf)
}

fn pair_text(number: u64) -> String {
    let bytes = number.to_le_bytes();
    String::from_utf8(bytes[..6].to_vec()).expect("a pair's bytes are the pair's UTF-8")
}

/// Adds document entry `v` (`2n + title`) to the lists of what search.js
/// looks `token` up by. It reads a Hangul pair or another word of two or
/// more characters from `t`, and a one-character query from `p`; a Hangul
/// run of three or more syllables is never looked up (a query matches it by
/// its pairs), so it is left out, and its first pair stands for it in `p`.
fn add(postings: &mut ChunkPostings, token: &str, v: u32) {
    let mut chars = token.char_indices();
    let Some((_, first)) = chars.next() else {
        return;
    };
    let second = chars.next();
    let hangul = is_hangul(first);
    if hangul && second.is_some() && chars.next().is_some() {
        return;
    }
    if let Some((_, second)) = second {
        if hangul && is_hangul(second) {
            push(postings.pairs.entry(pair_number(token)).or_default(), v);
        } else {
            push(postings.words.entry_ref(token).or_default(), v);
        }
    }
    push(postings.starts.entry(u64::from(first)).or_default(), v);
    // A lone syllable also matches at the end of a pair.
    if let (true, Some((_, second))) = (hangul, second)
        && is_hangul(second)
    {
        push(postings.starts.entry(u64::from(second)).or_default(), v);
    }
}

/// Builds the index's files into `cache` once; a render pass calls it before
/// the jobs run, so the parallel build never waits inside a job.
pub fn prepare(site: &Site, cache: &ViewCache) {
    cache.search.get_or_init(|| files(site));
}

/// One file of the index.
pub fn file(site: &Site, cache: &ViewCache, file: SearchFile) -> Vec<u8> {
    let files = cache.search.get_or_init(|| files(site));
    match file {
        SearchFile::Manifest => files.manifest.clone(),
        SearchFile::Tokens(n) => files.shards.get(n).cloned().unwrap_or_default(),
        SearchFile::Docs(n) => files.chunks.get(n).cloned().unwrap_or_default(),
    }
}

/// Every file of the index of `site`.
pub fn files(site: &Site) -> SearchFiles {
    // Per document: its row of a chunk, its normalized title, and the
    // normalized text of what is not the body (title, subtitle, summary,
    // tags, company names and aliases, quotes and who said them).
    let docs: Vec<(Vec<u8>, String, String)> = site
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
            let quotes: Vec<&str> = b
                .quotes
                .iter()
                .flat_map(|q| [q.speaker.as_str(), q.text.as_str()])
                .collect();
            let head = normalize(&format!(
                "{} {} {} {} {} {}",
                b.title,
                b.subtitle.as_deref().unwrap_or(""),
                b.summary,
                tags.join(" "),
                companies.join(" "),
                quotes.join(" "),
            ));
            let row = serde_json::to_vec(&(
                site.briefing_link(i),
                shown(site, &b.title),
                b.date.ymd(),
                cut(&shown(site, &b.summary)),
            ))
            .unwrap_or_default();
            (row, normalize(&b.title), head)
        })
        .collect();
    // Postings per chunk of documents in parallel, each chunk's lists cut
    // by shard; then each shard merges its part of every chunk in document
    // order (so every list comes out ascending without sorting), sorts its
    // tokens and is written, shards in parallel too: no pass over the whole
    // index runs on one thread.
    let shard_count = SearchFile::shards(docs.len());
    type Lists = Vec<(String, Vec<u32>)>;
    let partials: Vec<Vec<(Lists, Lists)>> = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut postings = ChunkPostings::default();
            for (k, (_, title, head)) in chunk.iter().enumerate() {
                let n = (c * CHUNK + k) as u32;
                let mut index = |token, in_title: bool| {
                    add(&mut postings, token, n * 2 + u32::from(in_title));
                };
                each_token(title, |t| index(t, true));
                each_token(head, |t| index(t, false));
                // Read back from the spill file, a chunk's bodies at a time.
                let body = site.briefings[n as usize].briefing.body_terms.get();
                // Tokens hold no white space; a byte loop finds the spaces
                // between these short tokens faster than a search for each.
                body.split_ascii_whitespace().for_each(|t| index(t, false));
            }
            let mut by_shard: Vec<(Lists, Lists)> =
                (0..shard_count).map(|_| Default::default()).collect();
            let ChunkPostings {
                words,
                pairs,
                starts,
            } = postings;
            let pairs = pairs.into_iter().map(|(n, list)| (pair_text(n), list));
            for (token, list) in words.into_iter().chain(pairs) {
                by_shard[shard_of(key(&token), shard_count)]
                    .0
                    .push((token, list));
            }
            for (start, list) in starts {
                let start = char::from_u32(start as u32)
                    .expect("a start is a character")
                    .to_string();
                by_shard[shard_of(&start, shard_count)]
                    .1
                    .push((start, list));
            }
            by_shard
        })
        .collect();
    let mut per_shard: Vec<Vec<(Lists, Lists)>> = (0..shard_count)
        .map(|_| Vec::with_capacity(partials.len()))
        .collect();
    for chunk in partials {
        for (shard, part) in per_shard.iter_mut().zip(chunk) {
            shard.push(part);
        }
    }
    let shards: Vec<Vec<u8>> = per_shard
        .into_par_iter()
        .map(|parts| {
            let (mut tokens, mut starts) = (Postings::default(), Postings::default());
            for (part_tokens, part_starts) in parts {
                for (merged, part) in [(&mut tokens, part_tokens), (&mut starts, part_starts)] {
                    for (token, list) in part {
                        // A document is in one chunk only, so the lists of
                        // two chunks only meet end to start.
                        merged.entry(token).or_default().extend(list);
                    }
                }
            }
            let mut tokens: Lists = tokens.into_iter().collect();
            let mut starts: Lists = starts.into_iter().collect();
            tokens.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            starts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let size: usize = tokens
                .iter()
                .chain(&starts)
                .map(|(t, list)| t.len() + 4 + list.len() * 3)
                .sum();
            let mut out = Vec::with_capacity(size + 16);
            for (name, part) in [("{\"t\":{", &tokens), ("},\"p\":{", &starts)] {
                out.extend_from_slice(name.as_bytes());
                for (n, (token, list)) in part.iter().enumerate() {
                    if n > 0 {
                        out.push(b',');
                    }
                    let _ = serde_json::to_writer(&mut out, token);
                    out.push(b':');
                    write_list(&mut out, list);
                }
            }
            out.extend_from_slice(b"}}");
            out
        })
        .collect();

    let chunks: Vec<Vec<u8>> = docs
        .par_chunks(SEARCH_DOCS_PER_CHUNK)
        .map(|chunk| {
            let mut out = Vec::with_capacity(chunk.iter().map(|d| d.0.len() + 2).sum());
            out.push(b'[');
            for (n, (row, ..)) in chunk.iter().enumerate() {
                if n > 0 {
                    out.extend_from_slice(b",\n");
                }
                out.extend_from_slice(row);
            }
            out.extend_from_slice(b"]");
            out
        })
        .collect();
    let manifest = serde_json::json!({
        "version": VERSION,
        "docs": docs.len(),
        "chunk": SEARCH_DOCS_PER_CHUNK,
        "shards": shards.len(),
    })
    .to_string()
    .into_bytes();
    SearchFiles {
        manifest,
        shards,
        chunks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_first_two_characters() {
        assert_eq!(key("네이버벤처스"), "네이");
        assert_eq!(key("scale"), "sc");
        assert_eq!(key("a"), "a");
        assert_eq!(key("첫"), "첫");
    }

    /// The same numbers stand in tests/js/search.test.js.
    #[test]
    fn shards_are_fnv1a_over_code_points() {
        assert_eq!(shard_of("", 1 << 31), 0x811c_9dc5 % (1 << 31));
        assert_eq!(shard_of("sc", 1000), 923);
        assert_eq!(shard_of("네이", 1000), 405);
    }

    #[test]
    fn lists_are_differences() {
        let mut out = Vec::new();
        write_list(&mut out, &[0, 3, 8, 9]);
        assert_eq!(out, b"[0,3,5,1]");
        let mut list = vec![4];
        push(&mut list, 5);
        push(&mut list, 6);
        assert_eq!(list, [5, 6], "one entry per document, title or not");
    }
}
