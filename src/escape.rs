//! Escaping for the places text lands in: HTML, XML and CDATA. A leaf every
//! stage may use (highlighting, Markdown, feeds, charts, sitemaps), so none
//! of them has to reach into another stage for it.

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    push_escaped(&mut out, text, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    });
    out
}

/// Escapes text for XML, dropping characters XML 1.0 cannot hold at all.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    push_xml(&mut out, text);
    out
}

/// Appends `text` to `out` as `escape_xml` makes it, with no copy between:
/// a feed is written piece by piece into one string.
pub fn push_xml(out: &mut String, text: &str) {
    // U+FFFE and U+FFFF are not XML characters either (rare: checked separately).
    if has_nonchar(text) {
        push_escaped(out, &text.replace(['\u{FFFE}', '\u{FFFF}'], ""), xml_byte);
    } else {
        push_escaped(out, text, xml_byte);
    }
}

fn xml_byte(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&apos;"),
        b'\t' | b'\n' | b'\r' => None,
        b if b < 0x20 => Some(""),
        _ => None,
    }
}

/// Appends `text` to `out`, replacing the ASCII bytes `replace` maps, in
/// runs: the special bytes are ASCII, so UTF-8 sequences pass through untouched.
/// `replace` maps nothing but `& < > " '` and controls below 0x20, the
/// bytes the run test below names.
fn push_escaped(out: &mut String, text: &str, replace: impl Fn(u8) -> Option<&'static str>) {
    let special =
        |b: u8| (b < 0x20) | (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'');
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    loop {
        i = past_plain_runs(bytes, i, special);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b < 0x80
            && let Some(with) = replace(b)
        {
            out.push_str(&text[start..i]);
            out.push_str(with);
            start = i + 1;
        }
        i += 1;
    }
    out.push_str(&text[start..]);
}

/// Where, from `at`, the first 32-byte run of `bytes` holding a byte
/// `special` picks out begins (or the last, shorter stretch): the runs
/// before it are passed over whole, each at one look (a test the compiler
/// vectorises when `special` is a few comparisons). Most text an escaper
/// sees has nothing to escape.
pub fn past_plain_runs(bytes: &[u8], mut at: usize, special: impl Fn(u8) -> bool) -> usize {
    const RUN: usize = 32;
    while let Some(run) = bytes.get(at..at + RUN) {
        if run.iter().fold(false, |any, &b| any | special(b)) {
            break;
        }
        at += RUN;
    }
    at
}

/// Whether `html` can sit in a CDATA section as it is: no characters XML
/// cannot hold, no `]]>`. Worked out once per briefing, when it is parsed.
pub fn cdata_plain(html: &str) -> bool {
    xml_safe(html) && !html.contains("]]>")
}

pub fn xml_safe(html: &str) -> bool {
    !html
        .bytes()
        .any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        && !has_nonchar(html)
}

/// Whether `text` holds U+FFFE or U+FFFF, found by their UTF-8 bytes
/// (`EF BF BE`, `EF BF BF`) rather than by decoding every character. A
/// byte search, not a substring one: most texts are short (titles, names),
/// and a substring searcher costs more to set up than to run on them.
fn has_nonchar(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xEF, bytes)
        .any(|i| bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noncharacters_are_found_by_their_bytes() {
        for c in ['\u{FFFE}', '\u{FFFF}'] {
            assert!(has_nonchar(&format!("한국어{c}text")), "{c:?}");
        }
        // Same first two bytes, other characters: U+FFFD, U+FFEE.
        assert!(!has_nonchar("\u{FFFD}\u{FFEE}한국어 text"));
        assert!(!has_nonchar(""));
        // A lead byte at the very end, or followed by too few bytes.
        assert!(!has_nonchar("text\u{FF0C}"));
        assert!(has_nonchar("\u{FF0C}\u{FFFF}"));
    }

    proptest::proptest! {
        /// Long texts escape as character-by-character replacement would,
        /// whether a special byte falls in a run passed over whole or not.
        #[test]
        fn long_texts_escape_as_each_character_would(
            text in "([a-z 가-힣é]{0,40}[&<>\"'\\t\\n\\x01\\u{1b}]?){0,6}"
        ) {
            let each = |table: fn(char) -> String| text.chars().map(table).collect::<String>();
            let html = each(|c| match c {
                '&' => "&amp;".into(),
                '<' => "&lt;".into(),
                '>' => "&gt;".into(),
                '"' => "&quot;".into(),
                '\'' => "&#39;".into(),
                c => c.to_string(),
            });
            let xml = each(|c| match c {
                '&' => "&amp;".into(),
                '<' => "&lt;".into(),
                '>' => "&gt;".into(),
                '"' => "&quot;".into(),
                '\'' => "&apos;".into(),
                '\t' | '\n' | '\r' => c.to_string(),
                c if (c as u32) < 0x20 => String::new(),
                c => c.to_string(),
            });
            proptest::prop_assert_eq!(escape_html(&text), html);
            proptest::prop_assert_eq!(escape_xml(&text), xml);
        }
    }

    #[test]
    fn xml_escaping_keeps_text_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape_xml("메타 & <b>\"x\"</b>'"),
            "메타 &amp; &lt;b&gt;&quot;x&quot;&lt;/b&gt;&apos;"
        );
        assert_eq!(escape_xml("a\u{0}b\u{1b}c\td\ne\u{FFFE}"), "abc\td\ne");
        assert_eq!(escape_html("한국어 텍스트"), "한국어 텍스트");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
