//! What a browser never shows, left out of every page: lines that hold only
//! white space, and the indentation before a line's text. Templates are
//! written indented for people; at 10,000 briefings the indentation alone is
//! about 10 MB of output. Inside `<pre>` and `<textarea>` white space is the
//! content, so those are kept as they are. A line end always stays where
//! there was one, so text never runs together.

/// `html` without blank lines and indentation outside `<pre>`/`<textarea>`.
pub fn compact(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut raw = false;
    for line in html.split_inclusive('\n') {
        if raw {
            out.push_str(line);
        } else {
            let text = line.trim_start_matches([' ', '\t']);
            if !text.trim().is_empty() {
                out.push_str(text);
            }
        }
        raw = raw_after(line, raw);
    }
    out
}

/// Whether the text after `line` is inside a `<pre>` or `<textarea>`, given
/// whether its start was.
fn raw_after(line: &str, raw: bool) -> bool {
    let last = |needles: [&str; 2]| needles.iter().filter_map(|n| line.rfind(n)).max();
    let opened = last(["<pre", "<textarea"]);
    let closed = last(["</pre>", "</textarea>"]);
    match (opened, closed) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => raw,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_pre_on_one_line_does_not_leak() {
        let html = "<pre>x</pre>\n    <p>y</p>\n";
        assert_eq!(compact(html), "<pre>x</pre>\n<p>y</p>\n");
    }
}
