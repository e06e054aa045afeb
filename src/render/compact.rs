//! What a browser never shows, left out of every page: lines that hold only
//! white space, and the indentation before a line's text. Templates are
//! written indented for people; at 10,000 briefings the indentation alone is
//! about 10 MB of output. Inside `<pre>` and `<textarea>` white space is the
//! content, so those are kept as they are. A line end always stays where
//! there was one, so text never runs together.

/// `html` without blank lines and indentation outside `<pre>`/`<textarea>`.
/// It works on bytes: every byte it looks at is ASCII, so what it keeps of
/// UTF-8 stays UTF-8, and a page goes from Tera to the file unconverted.
pub fn compact(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let marks = raw_marks(html);
    let mut marks = marks.iter().peekable();
    let mut raw = false;
    let mut at = 0;
    while at < html.len() {
        let end = memchr::memchr(b'\n', &html[at..]).map_or(html.len(), |i| at + i + 1);
        push_line(&mut out, &html[at..end], raw);
        // The last tag on the line decides what follows it.
        while let Some(&(_, opens)) = marks.next_if(|&&(p, _)| p < end) {
            raw = opens;
        }
        at = end;
    }
    out
}

/// Appends `line` as it is inside `<pre>`/`<textarea>` (`raw`), else without
/// its indentation, and nothing of a blank line.
fn push_line(out: &mut Vec<u8>, line: &[u8], raw: bool) {
    if raw {
        out.extend_from_slice(line);
        return;
    }
    let start = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(line.len());
    if !is_blank(&line[start..]) {
        out.extend_from_slice(&line[start..]);
    }
}

/// Where `<pre`, `<textarea` (true) and `</pre>`, `</textarea>` (false)
/// start in `html`, in order. Found by a vectorised search for each over the
/// whole page: a page has few of them, and a search line by line through
/// every `<` (a body has one every twenty bytes or so) was most of the cost.
///
/// A closing tag matters only after an opening one, and most pages have
/// neither: the closing tags are looked for only on a page with an opening one.
fn raw_marks(html: &[u8]) -> Vec<(usize, bool)> {
    let mut marks = Vec::new();
    for (tag, opens) in [
        (&b"<pre"[..], true),
        (b"<textarea", true),
        (b"</pre>", false),
        (b"</textarea>", false),
    ] {
        if !opens && marks.is_empty() {
            break;
        }
        marks.extend(memchr::memmem::find_iter(html, tag).map(|at| (at, opens)));
    }
    marks.sort_unstable();
    marks
}

/// Whether a line holds only white space, Unicode's included (an
/// ideographic space is white space too); only a line whose first non-ASCII-space
/// byte is not ASCII needs the look at characters.
fn is_blank(line: &[u8]) -> bool {
    match line.iter().find(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => std::str::from_utf8(line).is_ok_and(|text| text.trim().is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The functions on text, for readable cases.
    fn compact_text(html: &str) -> String {
        String::from_utf8(compact(html.as_bytes())).unwrap()
    }

    fn raw_after_text(line: &str, raw: bool) -> bool {
        raw_after(line.as_bytes(), raw)
    }

    /// Whether the text after `line` is inside a `<pre>` or `<textarea>`, given
    /// whether its start was: the last opening or closing tag on the line
    /// decides. The first reading, line by line, kept as the reference.
    fn raw_after(line: &[u8], raw: bool) -> bool {
        let mut inside = raw;
        let mut rest = line;
        while let Some(at) = memchr::memchr(b'<', rest) {
            rest = &rest[at + 1..];
            if rest.starts_with(b"pre") || rest.starts_with(b"textarea") {
                inside = true;
            } else if rest.starts_with(b"/pre>") || rest.starts_with(b"/textarea>") {
                inside = false;
            }
        }
        inside
    }

    /// `compact` as it was written first, a line's tags read line by line:
    /// the reference the whole-page search of tags must agree with.
    fn compact_by_lines(html: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut raw = false;
        for line in html.split_inclusive(|&b| b == b'\n') {
            push_line(&mut out, line, raw);
            raw = raw_after(line, raw);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn whole_page_marks_agree_with_the_line_by_line_reading(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<pre>", "<pre class=x>", "</pre>", "<textarea>", "</textarea>", "<prefix>",
                    "</pre", "<p>", "</p>", "\n", "\n", "  ", "\t", "가", "\u{3000}", "text", "<", "x\n  y",
                ]),
                0..40,
            )
        ) {
            let html = parts.concat();
            proptest::prop_assert_eq!(
                compact(html.as_bytes()),
                compact_by_lines(html.as_bytes()),
                "{:?}", html
            );
        }
    }

    #[test]
    fn indentation_and_blank_lines_go() {
        let html = "<ul>\n    <li>a</li>\n\n   \n    <li>b</li>\n</ul>\n";
        assert_eq!(compact_text(html), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
    }

    #[test]
    fn text_keeps_a_line_end_between_words() {
        let html = "<p>\n      <time>1</time>\n      \n      · 9분\n</p>";
        assert_eq!(compact_text(html), "<p>\n<time>1</time>\n· 9분\n</p>");
    }

    #[test]
    fn pre_and_textarea_are_kept_whole() {
        let html = "  <div>\n<pre><code>fn a() {\n    let x = 1;\n\n    x\n}\n</code></pre>\n    <p>b</p>\n<textarea>\n  keep\n</textarea>\n";
        assert_eq!(
            compact_text(html),
            "<div>\n<pre><code>fn a() {\n    let x = 1;\n\n    x\n}\n</code></pre>\n<p>b</p>\n<textarea>\n  keep\n</textarea>\n"
        );
    }

    #[test]
    fn a_line_of_unicode_spaces_is_blank_and_text_after_one_is_not() {
        let html = "<p>\n\u{3000}\u{a0}\n\u{3000}가\n</p>\n";
        assert_eq!(compact_text(html), "<p>\n\u{3000}가\n</p>\n");
    }

    #[test]
    fn the_last_tag_on_a_line_decides() {
        assert!(raw_after_text("</pre><pre class=x>", false));
        assert!(!raw_after_text("<pre>a</pre>", true));
        assert!(raw_after_text("text with < and <b>", true));
        assert!(!raw_after_text("text with < and <b>", false));
    }

    #[test]
    fn a_pre_on_one_line_does_not_leak() {
        let html = "<pre>x</pre>\n    <p>y</p>\n";
        assert_eq!(compact_text(html), "<pre>x</pre>\n<p>y</p>\n");
    }
}
