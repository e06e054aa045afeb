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
    let mut raw = false;
    let mut rest = html;
    while !rest.is_empty() {
        let end = memchr::memchr(b'\n', rest).map_or(rest.len(), |at| at + 1);
        let (line, after) = rest.split_at(end);
        rest = after;
        if raw {
            out.extend_from_slice(line);
        } else {
            let start = line
                .iter()
                .position(|b| !matches!(b, b' ' | b'\t'))
                .unwrap_or(line.len());
            let text = &line[start..];
            if !is_blank(text) {
                out.extend_from_slice(text);
            }
        }
        raw = raw_after(line, raw);
    }
    out
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

/// Whether the text after `line` is inside a `<pre>` or `<textarea>`, given
/// whether its start was: the last opening or closing tag on the line decides.
/// One pass over the line's `<`s (found by memchr), not a search per tag name
/// from the end: this runs on every line of 40,000 pages.
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

#[cfg(test)]
mod tests {
    /// The functions on text, for readable cases.
    fn compact(html: &str) -> String {
        String::from_utf8(super::compact(html.as_bytes())).unwrap()
    }

    fn raw_after(line: &str, raw: bool) -> bool {
        super::raw_after(line.as_bytes(), raw)
    }

    #[test]
    fn indentation_and_blank_lines_go() {
        let html = "<ul>\n    <li>a</li>\n\n   \n    <li>b</li>\n</ul>\n";
        assert_eq!(compact(html), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
    }

    #[test]
    fn text_keeps_a_line_end_between_words() {
        let html = "<p>\n      <time>1</time>\n      \n      · 9분\n</p>";
        assert_eq!(compact(html), "<p>\n<time>1</time>\n· 9분\n</p>");
    }

    #[test]
    fn pre_and_textarea_are_kept_whole() {
        let html = "  <div>\n<pre><code>fn a() {\n    let x = 1;\n\n    x\n}\n</code></pre>\n    <p>b</p>\n<textarea>\n  keep\n</textarea>\n";
        assert_eq!(
            compact(html),
            "<div>\n<pre><code>fn a() {\n    let x = 1;\n\n    x\n}\n</code></pre>\n<p>b</p>\n<textarea>\n  keep\n</textarea>\n"
        );
    }

    #[test]
    fn a_line_of_unicode_spaces_is_blank_and_text_after_one_is_not() {
        let html = "<p>\n\u{3000}\u{a0}\n\u{3000}가\n</p>\n";
        assert_eq!(compact(html), "<p>\n\u{3000}가\n</p>\n");
    }

    #[test]
    fn the_last_tag_on_a_line_decides() {
        assert!(raw_after("</pre><pre class=x>", false));
        assert!(!raw_after("<pre>a</pre>", true));
        assert!(raw_after("text with < and <b>", true));
        assert!(!raw_after("text with < and <b>", false));
    }

    #[test]
    fn a_pre_on_one_line_does_not_leak() {
        let html = "<pre>x</pre>\n    <p>y</p>\n";
        assert_eq!(compact(html), "<pre>x</pre>\n<p>y</p>\n");
    }
}
