//! The search tokenizer, shared by the parse stage (a briefing's terms) and
//! the search index. Hangul has no spaces between a noun and its particle
//! (`네이버가`) and compounds freely (`네이버벤처스`), so Hangul runs are
//! indexed as overlapping two-syllable pieces plus the whole run; other words
//! and numbers are tokens as they are. `themes/default/static/search.js`
//! tokenizes queries the same way.

use unicode_normalization::UnicodeNormalization;

/// A Hangul syllable (U+AC00..U+D7A3).
pub fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// NFKC, lower case, runs of whitespace as one space: what documents and queries are compared in.
pub fn normalize(text: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfkc_quick};
    // ASCII and Hangul syllables are always NFKC and have no case, so only
    // the other characters need the quick check and the case tables.
    let others = || {
        let bytes = text.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            loop {
                // Eight ASCII bytes at a time: most of a body.
                i += ascii_prefix(&bytes[i.min(bytes.len())..]);
                let Some(&b) = bytes.get(i) else {
                    break;
                };
                let len = utf8_len(b);
                let at = i;
                i += len;
                if b >= 0x80 && !hangul_at(bytes, at) {
                    return text[at..i].chars().next();
                }
            }
            None
        })
    };
    let nfkc;
    let text = if is_nfkc_quick(others()) == IsNormalized::Yes {
        text
    } else {
        nfkc = text.nfkc().collect::<String>();
        &nfkc
    };
    // A capital sigma lower-cases by its position in a word: leave that to std.
    let lowered;
    let text = if text.contains('Σ') {
        lowered = text.to_lowercase();
        &lowered
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    // Bodies are mostly ASCII and Hangul: runs of bytes that stay as they
    // are (lower-case ASCII, Hangul syllables) are copied whole; only other
    // characters are decoded and case-mapped.
    let bytes = text.as_bytes();
    let (mut run, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        let len = utf8_len(b);
        let kept = match b {
            // A lone space between two words stays as it is, in the run.
            b' ' => {
                run < i
                    && bytes
                        .get(i + 1)
                        .is_some_and(|&n| n.is_ascii() && !is_ascii_space(n))
            }
            0x00..=0x7F => !b.is_ascii_uppercase() && !is_ascii_space(b),
            _ => hangul_at(bytes, i),
        };
        if kept {
            i += len;
            continue;
        }
        if run < i {
            if std::mem::take(&mut space) {
                out.push(' ');
            }
            out.push_str(&text[run..i]);
        }
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            text[i..].chars().next().expect("i is at a character")
        };
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if std::mem::take(&mut space) {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        }
        i += len;
        run = i;
    }
    if run < bytes.len() {
        if space {
            out.push(' ');
        }
        out.push_str(&text[run..]);
    }
    out
}

/// How many bytes `bytes` starts with that are ASCII, counted eight at a
/// time (so it may stop up to seven short of the first other byte).
#[inline]
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut n = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        n += 8;
    }
    n
}

/// White space among ASCII bytes, as `char::is_whitespace` has it.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// The length of the UTF-8 sequence that byte `b` leads.
#[inline]
pub(crate) fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Whether a Hangul syllable (U+AC00..U+D7A3, `EA B0 80` to `ED 9E A3`)
/// starts at byte `i` of UTF-8 text.
#[inline]
fn hangul_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i..i + 3) {
        Some(&[b0 @ 0xEA..=0xED, b1, b2]) => {
            let c =
                (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            (0xAC00..=0xD7A3).contains(&c)
        }
        _ => false,
    }
}

/// The index tokens of normalized text: Hangul runs as bigrams and whole runs,
/// other letters and digits as words. Slices of `text`, in order, repeats kept.
#[cfg(test)]
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    each_token(text, |t| out.push(t));
    out
}

/// Calls `found` with each token of `tokens`, without collecting them.
pub fn each_token<'a>(text: &'a str, mut found: impl FnMut(&'a str)) {
    const SYLLABLE: usize = '가'.len_utf8();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_hangul(c) {
            // Each syllable after the first closes a bigram with the one before.
            let mut previous = start;
            let mut syllables = 1;
            while let Some(&(i, next)) = chars.peek() {
                if !is_hangul(next) {
                    break;
                }
                found(&text[previous..i + SYLLABLE]);
                previous = i;
                syllables += 1;
                chars.next();
            }
            if syllables != 2 {
                found(&text[start..previous + SYLLABLE]);
            }
        } else if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if is_hangul(next) || !next.is_alphanumeric() {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            found(&text[start..end]);
        }
    }
}

/// The distinct tokens of `text` in the order they first appear,
/// space-separated: what a briefing keeps of its body for the index (tokens
/// never hold a space; the index sorts its own lists).
///
/// The same tokens as `each_token`, found over bytes: this runs over every
/// body of a build. A Hangul pair or lone syllable (6 or 3 bytes) is
/// remembered as a number, which hashes and compares far faster than text.
pub fn terms(text: &str) -> String {
    const SYLLABLE: usize = '가'.len_utf8();
    let normalized = folded(text);
    let text = normalized.as_str();
    let bytes = text.as_bytes();
    // foldhash: these short keys are hashed millions of times and need no
    // DoS resistance.
    let hasher = foldhash::fast::RandomState::default;
    let mut short: std::collections::HashSet<u64, _> =
        std::collections::HashSet::with_capacity_and_hasher(text.len() / 16, hasher());
    let mut long: std::collections::HashSet<&str, _> =
        std::collections::HashSet::with_capacity_and_hasher(text.len() / 32, hasher());
    let mut out = String::with_capacity(text.len() / 2);
    let mut emit = |token: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(token);
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if hangul_at(bytes, i) {
            // Each syllable after the first closes a pair with the one before.
            let (start, mut previous) = (i, i);
            i += SYLLABLE;
            while hangul_at(bytes, i) {
                let pair = &bytes[previous..i + SYLLABLE];
                if short.insert(packed(pair)) {
                    emit(&text[previous..i + SYLLABLE]);
                }
                previous = i;
                i += SYLLABLE;
            }
            let run = &text[start..i];
            let new = match run.len() {
                SYLLABLE => short.insert(packed(run.as_bytes())),
                // A two-syllable run is its one pair.
                6 => false,
                _ => long.insert(run),
            };
            if new {
                emit(run);
            }
        } else if b.is_ascii() {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            i = word_end(text, i + 1);
            let word = &text[start..i];
            if long.insert(word) {
                emit(word);
            }
        } else {
            let c = text[i..].chars().next().expect("i is at a character");
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            i = word_end(text, i + c.len_utf8());
            let word = &text[start..i];
            if long.insert(word) {
                emit(word);
            }
        }
    }
    out
}

/// `text` as `normalize` makes it, as far as tokens can tell: tokens never
/// hold white space, so where `normalize` would collapse it, this leaves it.
/// Most bodies are ASCII, Hangul and caseless punctuation (`’`, `—`, `·`),
/// already NFKC: they are only lower-cased, byte by byte. Anything else goes
/// through `normalize`.
fn folded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        i += ascii_prefix(&bytes[i..]);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b.is_ascii() {
            i += 1;
        } else if hangul_at(bytes, i) {
            i += 3;
        } else {
            let c = text[i..].chars().next().expect("i is at a character");
            // Kept as it is only when NFKC and lower case would keep it.
            let caseless = !c.is_alphabetic() || (c.is_lowercase() && !c.is_uppercase());
            let stays = caseless
                && c.to_lowercase().eq(std::iter::once(c))
                && unicode_normalization::is_nfkc_quick(std::iter::once(c))
                    == unicode_normalization::IsNormalized::Yes;
            if !stays || c == 'Σ' || c == 'σ' || c == 'ς' {
                return normalize(text);
            }
            i += c.len_utf8();
        }
    }
    text.to_ascii_lowercase()
}

/// Where the word going on at byte `i` of `text` ends: at the first
/// character that is not a letter or digit, or is Hangul.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("i is at a character");
            // Hangul first: it ends the word, and is the common case here
            // (a particle after a Latin name), which `is_alphanumeric`
            // answers only through its slow table.
            if is_hangul(c) || !c.is_alphanumeric() {
                break;
            }
            i += c.len_utf8();
        }
    }
    i
}

/// Up to 7 bytes as one number, their count in the top byte so that no two
/// byte strings share one.
fn packed(bytes: &[u8]) -> u64 {
    let mut buf = [0; 8];
    buf[..bytes.len()].copy_from_slice(bytes);
    buf[7] = bytes.len() as u8;
    u64::from_le_bytes(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases search.js is tested against too (tests/js/tokenize.test.js).
    #[test]
    fn the_shared_cases_hold() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/tokenize_cases.json")).unwrap();
        let mut failed = Vec::new();
        for case in cases["normalize"].as_array().unwrap() {
            let (input, expected) = (case[0].as_str().unwrap(), case[1].as_str().unwrap());
            if normalize(input) != expected {
                failed.push(format!("normalize({input:?}) = {:?}", normalize(input)));
            }
        }
        let tokens_cases = cases["tokens"].as_array().unwrap();
        for case in tokens_cases {
            let input = case[0].as_str().unwrap();
            let expected: Vec<&str> = case[1]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            let normalized = normalize(input);
            if tokens(&normalized) != expected {
                failed.push(format!("tokens({input:?}) = {:?}", tokens(&normalized)));
            }
        }
        assert!(failed.is_empty(), "{failed:#?}");
        assert!(tokens_cases.len() >= 25);
    }

    /// What `normalize` does after NFKC, one character at a time: the
    /// byte-wise loop must agree with it on any text.
    fn normalize_by_chars(text: &str) -> String {
        let text: String = text.nfkc().collect();
        let text = if text.contains('Σ') {
            text.to_lowercase()
        } else {
            text
        };
        let mut out = String::new();
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.extend(c.to_lowercase());
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn normalize_agrees_with_the_character_loop(
            text in "[ a-zA-Z0-9\\t\\n\\x0b\\x0c\\r\\x1c\\x1f\\u{84}-\\u{86}\\u{a0}\\u{1680}\\u{1fff}-\\u{200b}\\u{2027}-\\u{2030}\\u{205f}\\u{3000}\\u{3001}ÄΣσＡ가-힣ㄱ①ꀀ\\u{d7b0}é́😀.,]{0,40}"
        ) {
            proptest::prop_assert_eq!(normalize(&text), normalize_by_chars(&text));
        }
    }

    #[test]
    fn bytes_tell_hangul_and_lengths_as_chars_do_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(hangul_at(bytes, 0), is_hangul(c), "{c:?}");
            assert_eq!(utf8_len(bytes[0]), c.len_utf8(), "{c:?}");
        }
    }

    /// `terms` as `each_token` and a set of texts have it.
    fn terms_by_tokens(text: &str) -> String {
        let normalized = normalize(text);
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        each_token(&normalized, |t| {
            if seen.insert(t) {
                out.push(t);
            }
        });
        out.join(" ")
    }

    proptest::proptest! {
        #[test]
        fn terms_agree_with_the_tokens(
            text in "[ a-zA-Z0-9_\\-.,·%()\u{a0}\u{3000}ÄΣσé가-갛힢-힣ㄱ①一二😀\u{d7b0}]{0,60}"
        ) {
            proptest::prop_assert_eq!(terms(&text), terms_by_tokens(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn folded_text_gives_the_tokens_of_normalized_text(
            text in "[ a-zA-Z0-9\\t\\n.,·’—…%\u{a0}\u{3000}ÄÉéΣσςǅß①ﬁＡ가-갛힢-힣ㄱ一😀\u{d7b0}]{0,60}"
        ) {
            let (folded, normalized) = (folded(&text), normalize(&text));
            proptest::prop_assert_eq!(tokens(&folded), tokens(&normalized));
        }
    }

    #[test]
    fn text_that_needs_more_than_lower_case_is_normalized() {
        // NFKC (ﬁ, Ａ, ①), case beyond ASCII (É, ǅ) and the final sigma.
        for text in ["ﬁle", "Ａb", "①", "École", "ǅ", "ΟΔΟΣ"] {
            assert_eq!(folded(text), normalize(text), "{text}");
        }
        // Caseless punctuation between words is only lower-cased around.
        assert_eq!(
            folded("Meta’s AI — 네이버·NAVER"),
            "meta’s ai — 네이버·naver"
        );
    }

    #[test]
    fn terms_keep_pairs_lone_syllables_and_long_runs_apart() {
        // A lone syllable, a pair and a run of three, each once; words of
        // other scripts end at Hangul.
        assert_eq!(
            terms("가 가나 가나다 가 가나 ab가 é가 가나다"),
            "가 가나 나다 가나다 ab é"
        );
        assert_eq!(
            terms_by_tokens("가 가나 가나다 가 가나 ab가 é가 가나다"),
            terms("가 가나 가나다 가 가나 ab가 é가 가나다")
        );
    }

    #[test]
    fn terms_are_the_distinct_tokens_in_order() {
        assert_eq!(
            terms("네이버 Naver 네이버가 naver"),
            "네이 이버 네이버 naver 버가 네이버가"
        );
        assert_eq!(terms(""), "");
    }
}
