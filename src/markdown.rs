//! Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough and
//! task lists, heading ids, highlighted code, and the first mention of each
//! registered company linked to its page.

use crate::escape::escape_html;
use crate::highlight;
use crate::model::slug::slugify;
use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;
use std::ops::Range;

#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    pub smart_punctuation: bool,
    /// Remove scripts, event handlers and other unsafe HTML from the output.
    pub sanitize: bool,
}

/// What `sanitize` keeps: ammonia's safe defaults plus the classes and ids our
/// own output uses (highlighting, heading anchors, company links, task lists),
/// and `data:image/` URLs, which section 12 allows in both modes (any other
/// `data:` URL is refused before rendering, and dropped here should one pass).
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["class", "id"])
            .add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_url_schemes(["data"])
            .attribute_filter(|_, attribute, value| {
                if URL_ATTRIBUTES.contains(&attribute) && refused_scheme(value).is_some() {
                    None
                } else {
                    Some(value.into())
                }
            });
        b
    })
}

/// Finds company names in text, built once per build from the registry.
pub struct Linker {
    matcher: AhoCorasick,
    /// The company ID of each pattern.
    ids: Vec<String>,
    base_path: String,
}

impl Linker {
    pub fn new(names: Vec<(String, String)>, base_path: &str) -> Option<Linker> {
        let names: Vec<(String, String)> = names
            .into_iter()
            .filter(|(n, _)| !n.trim().is_empty())
            .collect();
        if names.is_empty() {
            return None;
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|(n, _)| n.as_str()))
            .ok()?;
        Some(Linker {
            matcher,
            ids: names.into_iter().map(|(_, id)| id).collect(),
            base_path: base_path.to_string(),
        })
    }

    /// Splits `text` into events, linking the first mention of each company not yet linked.
    fn link<'a>(&self, text: &str, linked: &mut HashSet<String>, out: &mut Vec<Event<'a>>) {
        let mut last = 0;
        for m in self.matcher.find_iter(text) {
            let id = &self.ids[m.pattern().as_usize()];
            if linked.contains(id) || !at_word_edges(text, m.start(), m.end()) {
                continue;
            }
            linked.insert(id.clone());
            if m.start() > last {
                out.push(Event::Text(CowStr::from(text[last..m.start()].to_string())));
            }
            out.push(Event::InlineHtml(CowStr::from(format!(
                "<a class=\"company-link\" href=\"{}companies/{}/\">{}</a>",
                self.base_path,
                escape_html(id),
                escape_html(&text[m.start()..m.end()])
            ))));
            last = m.end();
        }
        if last < text.len() {
            out.push(Event::Text(CowStr::from(text[last..].to_string())));
        }
    }
}

/// A Latin name must not sit inside a longer word (`Meta` in `Metaverse`); Korean
/// particles may follow a Hangul name (`네이버가`).
fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let clash = |edge: Option<char>, neighbour: Option<char>| {
        edge.is_some_and(|c| c.is_ascii_alphanumeric())
            && neighbour.is_some_and(|c| c.is_ascii_alphanumeric())
    };
    !clash(first, before) && !clash(last, after)
}

pub struct Rendered {
    pub html: String,
    /// The first paragraph as plain text: the default summary.
    pub summary: String,
    /// The whole body as plain text, for search and reading time.
    pub text: String,
    /// Links and images whose URL is refused (`javascript:` and the like),
    /// in both sanitize modes: the caller turns them into errors.
    pub refused: Vec<Refused>,
}

fn parser_options(options: &MarkdownOptions) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if options.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

/// Renders a body. `linker` links the first mention of each registered company.
pub fn render(markdown: &str, options: &MarkdownOptions, linker: Option<&Linker>) -> Rendered {
    let mut parser = Parser::new_ext(markdown, parser_options(options)).into_offset_iter();
    let (events, ranges): (Vec<Event>, Vec<Range<usize>>) = parser.by_ref().unzip();
    let refused = refused_urls(markdown, &events, &ranges, parser.reference_definitions());
    drop(ranges);
    let summary = first_paragraph(&events);
    let text = plain_text(&events);
    let events = add_heading_ids(events);

    let mut out = Vec::with_capacity(events.len());
    let mut linked = HashSet::new();
    // Inside links, images, headings and code, text is never turned into a link.
    let mut no_link_depth = 0usize;
    let mut code: Option<(String, String)> = None;
    for event in events {
        if let Some((lang, buffer)) = code.as_mut() {
            match event {
                Event::Text(t) => buffer.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    out.push(Event::Html(CowStr::from(highlight::highlight_block(
                        buffer, lang,
                    ))));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(
                ref tag @ (Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. }),
            ) => {
                let _ = tag;
                no_link_depth += 1;
                out.push(event);
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Heading(_)) => {
                no_link_depth = no_link_depth.saturating_sub(1);
                out.push(event);
            }
            Event::Text(text) if no_link_depth == 0 && linker.is_some() => {
                if let Some(l) = linker {
                    l.link(&text, &mut linked, &mut out);
                }
            }
            other => out.push(other),
        }
    }
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    if options.sanitize {
        html_out = sanitizer().clean(&html_out).to_string();
    }
    Rendered {
        html: html_out,
        summary,
        text,
        refused,
    }
}

/// A link or image URL refused, at a byte offset of the Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub offset: usize,
    pub message: String,
}

/// Why `url` may not be a link or image: a `javascript:` or `vbscript:` URL,
/// or a `data:` URL other than `data:image/`. The URL is read as a browser
/// reads it (WHATWG URL parsing): leading and trailing controls and spaces
/// dropped, tabs and newlines removed anywhere, the scheme case-insensitive.
/// Character references are already decoded by the caller, so
/// `java&#x09;script:` arrives as `java\tscript:` and is refused too.
pub fn refused_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, rest) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let is_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return None;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "javascript" => Some("`javascript:` URLs run script in the reader's browser"),
        "vbscript" => Some("`vbscript:` URLs run script in the reader's browser"),
        "data"
            if !rest
                .trim_start_matches(|c: char| c.is_ascii_whitespace())
                .to_ascii_lowercase()
                .starts_with("image/") =>
        {
            Some("`data:` URLs are allowed only for images (`data:image/…`)")
        }
        _ => None,
    }
}

/// A URL as an error shows it: control characters escaped, long ones cut.
fn shown(url: &str) -> String {
    let mut out = String::new();
    for (i, c) in url.chars().enumerate() {
        if i == 80 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// Attributes of raw HTML that hold a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "manifest",
    "codebase",
];

/// Every link and image of the body with a refused URL: Markdown links and
/// images (inline, reference, autolinks) and URL attributes of raw HTML.
fn refused_urls(
    markdown: &str,
    events: &[Event],
    ranges: &[Range<usize>],
    definitions: &pulldown_cmark::RefDefs,
) -> Vec<Refused> {
    let mut refused: Vec<Refused> = Vec::new();
    let mut push = |offset: usize, message: String| {
        if !refused.iter().any(|r| r.offset == offset) {
            refused.push(Refused { offset, message });
        }
    };
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                if let Some(why) = refused_scheme(dest_url) {
                    let what = if matches!(events[i], Event::Start(Tag::Image { .. })) {
                        "an image from"
                    } else {
                        "a link to"
                    };
                    // Point at the URL where it is written: in the link itself,
                    // or in the reference definition it uses.
                    let span = match link_type {
                        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                            definitions.get(id).map(|d| d.span.clone())
                        }
                        _ => None,
                    }
                    .unwrap_or_else(|| ranges[i].clone());
                    let offset = markdown
                        .get(span.clone())
                        .and_then(|text| text.find(dest_url.as_ref()))
                        .filter(|_| !dest_url.is_empty())
                        .map(|at| span.start + at)
                        .or_else(|| {
                            (*link_type == LinkType::Inline)
                                .then(|| inline_destination(markdown, events, ranges, i))
                                .flatten()
                        })
                        .unwrap_or(span.start);
                    push(
                        offset,
                        format!("{what} `{}` is refused: {why}", shown(dest_url)),
                    );
                }
                i += 1;
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                // A run of raw HTML: the lines of an HTML block, or one inline tag.
                let start = i;
                while i < events.len() && matches!(events[i], Event::Html(_) | Event::InlineHtml(_))
                {
                    i += 1;
                }
                for (offset, message) in refused_in_html(&events[start..i], &ranges[start..i]) {
                    push(offset, message);
                }
            }
            _ => i += 1,
        }
    }
    refused.sort_by_key(|r| r.offset);
    refused
}

/// Where the destination of the inline link or image starting at event `i`
/// is written, when it is not verbatim (a character reference in it): just
/// after the `](` that closes its text.
fn inline_destination(
    markdown: &str,
    events: &[Event],
    ranges: &[Range<usize>],
    i: usize,
) -> Option<usize> {
    let mut depth = 0usize;
    let end = (i + 1..events.len()).find(|&j| match &events[j] {
        Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
            depth += 1;
            false
        }
        Event::End(TagEnd::Link | TagEnd::Image) if depth > 0 => {
            depth -= 1;
            false
        }
        Event::End(TagEnd::Link | TagEnd::Image) => true,
        _ => false,
    })?;
    // The text ends where its last part ends; an empty text is `[]` or `![]`.
    let text_end = if end > i + 1 {
        ranges[end - 1].end
    } else {
        ranges[i].start + markdown[ranges[i].start..].find(']')?
    };
    let rest = markdown.get(text_end..ranges[i].end)?.strip_prefix("](")?;
    let skipped = rest.len() - rest.trim_start().trim_start_matches('<').len();
    Some(text_end + 2 + skipped)
}

/// Refused URLs in a run of raw HTML events, read by the HTML tokenizer
/// browsers use (html5ever: attribute syntax and character references as a
/// browser reads them), each at its attribute's offset in the body.
fn refused_in_html(events: &[Event], ranges: &[Range<usize>]) -> Vec<(usize, String)> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, states::RawKind,
    };
    use std::cell::RefCell;

    // The run's text, and where each piece of it starts in the body (a block
    // quote's `>` markers are not part of it).
    let mut text = String::new();
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for (event, range) in events.iter().zip(ranges) {
        if let Event::Html(html) | Event::InlineHtml(html) = event {
            pieces.push((text.len(), range.start));
            text.push_str(html);
        }
    }
    if !text.contains('<') {
        return Vec::new();
    }

    struct Found {
        line: u64,
        tag: String,
        attr: String,
        value: String,
        why: &'static str,
    }
    struct Sink(RefCell<Vec<Found>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else {
                return TokenSinkResult::Continue;
            };
            if tag.kind != TagKind::StartTag {
                return TokenSinkResult::Continue;
            }
            for attr in &tag.attrs {
                let name = attr.name.local.to_string();
                if !URL_ATTRIBUTES.contains(&name.as_str()) {
                    continue;
                }
                let value = attr.value.to_string();
                // srcset holds several URLs, each followed by a size.
                let why = if name == "srcset" {
                    value
                        .split(|c: char| c == ',' || c.is_ascii_whitespace())
                        .find_map(refused_scheme)
                } else {
                    refused_scheme(&value)
                };
                if let Some(why) = why {
                    self.0.borrow_mut().push(Found {
                        line,
                        tag: tag.name.to_string(),
                        attr: name,
                        value,
                        why,
                    });
                }
            }
            // Inside these, `<` starts no tag: read them as a browser does.
            match &*tag.name {
                "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                    TokenSinkResult::RawData(RawKind::Rawtext)
                }
                "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                "plaintext" => TokenSinkResult::Plaintext,
                _ => TokenSinkResult::Continue,
            }
        }
    }

    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&text));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let found = tokenizer.sink.0.take();

    let body_offset = |at: usize| {
        let (run_start, body_start) = pieces
            .iter()
            .rev()
            .find(|(run_start, _)| *run_start <= at)
            .copied()
            .unwrap_or((0, ranges[0].start));
        body_start + (at - run_start)
    };
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    found
        .into_iter()
        .map(|f| {
            // The tokenizer knows the line where the tag ends; the attribute is
            // on that line or one before it.
            let last = (f.line as usize).clamp(1, line_starts.len()) - 1;
            let end = line_starts.get(last + 1).copied().unwrap_or(text.len());
            let lower = text.to_ascii_lowercase();
            let at = (0..=last)
                .rev()
                .find_map(|l| {
                    let line_end = if l == last { end } else { line_starts[l + 1] };
                    lower[line_starts[l]..line_end]
                        .rfind(&f.attr)
                        .map(|i| line_starts[l] + i)
                })
                .unwrap_or(line_starts[last]);
            (
                body_offset(at),
                format!(
                    "`<{} {}=\"{}\">` is refused: {}",
                    f.tag,
                    f.attr,
                    shown(&f.value),
                    f.why
                ),
            )
        })
        .collect()
}

/// Errors for the refused URLs of a body: `body` is the end of `file`'s text
/// (the part after the front matter), so offsets in it are offsets in the file.
pub fn refused_errors(
    file: &crate::load::SourceFile,
    body: &str,
    refused: &[Refused],
) -> Vec<crate::diagnostics::Diagnostic> {
    let text = file.text.as_str();
    let body_start = text.len().saturating_sub(body.len());
    refused
        .iter()
        .map(|r| {
            let at = (body_start + r.offset).min(text.len());
            let before = text.get(..at).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before
                .rfind('\n')
                .map_or(before, |i| &before[i + 1..])
                .chars()
                .count()
                + 1;
            crate::diagnostics::Diagnostic::error(&file.rel, text, line, column, &r.message)
                .with_help("link to a web address (https://…) or a path of the site; only images may be `data:image/…` URLs")
        })
        .collect()
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !text.ends_with(' ') => {
                text.push(' ');
            }
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Minutes to read `text`: words for English, eojeol (space-separated units)
/// for Korean, which read slower per unit than English words.
pub fn reading_minutes(text: &str, lang: &str) -> usize {
    let units = text.split_whitespace().count();
    let per_minute = if lang == "ko" { 150 } else { 220 };
    units.div_ceil(per_minute).max(1)
}

fn first_paragraph(events: &[Event]) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) if !inside => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Gives every heading without `{#id}` an id from its text, unique in the page.
fn add_heading_ids(mut events: Vec<Event>) -> Vec<Event> {
    let mut used: HashSet<String> = HashSet::new();
    for event in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            used.insert(id.to_string());
        }
    }
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            for e in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let base = match slugify(&text) {
                s if s.is_empty() => "section".to_string(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 1;
            while used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
        }
        i += 1;
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: MarkdownOptions = MarkdownOptions {
        smart_punctuation: true,
        sanitize: false,
    };

    #[test]
    fn raw_html_is_kept_unless_sanitized() {
        let md = "<div class=\"chart\"><script>alert(1)</script><img src=x onerror=alert(2)></div>\n\n```rust\nlet x = 1;\n```\n\n- [x] done\n";
        let kept = render(md, &OPTS, None).html;
        assert!(kept.contains("<script>alert(1)</script>"));
        let clean = render(
            md,
            &MarkdownOptions {
                sanitize: true,
                ..OPTS
            },
            None,
        )
        .html;
        assert!(
            !clean.contains("<script") && !clean.contains("onerror"),
            "{clean}"
        );
        assert!(clean.contains("class=\"chart\""));
        assert!(clean.contains("<span class=\"hl-"), "highlighting survives");
        assert!(clean.contains("type=\"checkbox\""), "task lists survive");
    }

    #[test]
    fn the_sanitizer_keeps_data_images_only() {
        let clean = |html: &str| sanitizer().clean(html).to_string();
        let png = "data:image/png;base64,iVBORw0KGgo=";
        assert!(clean(&format!("<img src=\"{png}\">")).contains(png));
        for bad in [
            "<a href=\"data:text/html,x\">a</a>",
            "<img src=\"data:text/html,x\">",
            "<a href=\"javascript:alert(1)\">a</a>",
            "<a href=\"java&#9;script:alert(1)\">a</a>",
        ] {
            let out = clean(bad);
            assert!(
                !out.contains("data:") && !out.contains("script:"),
                "{bad} -> {out}"
            );
        }
    }

    #[test]
    fn extensions_are_on() {
        let md = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nNote[^1]\n\n[^1]: The note.\n";
        let html = render(md, &OPTS, None).html;
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("checkbox"));
        assert!(html.contains("footnote"));
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = render(
            "## 투자 현황\n\n## 투자 현황\n\n## Custom {#mine}\n",
            &OPTS,
            None,
        )
        .html;
        assert!(html.contains("<h2 id=\"투자-현황\">"));
        assert!(html.contains("<h2 id=\"투자-현황-1\">"));
        assert!(html.contains("<h2 id=\"mine\">"));
    }

    #[test]
    fn reading_time_counts_eojeol_in_korean() {
        let ko = "메타가 스케일 AI에 투자한다 ".repeat(60);
        assert_eq!(ko.split_whitespace().count(), 240);
        assert_eq!(reading_minutes(&ko, "ko"), 2);
        assert_eq!(reading_minutes(&ko, "en"), 2);
        assert_eq!(reading_minutes("", "ko"), 1);
        assert_eq!(reading_minutes(&"word ".repeat(500), "en"), 3);
    }

    #[test]
    fn summary_is_the_first_paragraph_as_text() {
        let r = render(
            "# Title\n\nMeta is **negotiating** a deal.\nSecond line.\n\nMore.",
            &OPTS,
            None,
        );
        assert_eq!(r.summary, "Meta is negotiating a deal. Second line.");
    }

    #[test]
    fn first_mention_of_a_company_is_linked_once() {
        let linker = Linker::new(
            vec![
                ("네이버".into(), "naver".into()),
                ("Meta".into(), "meta".into()),
            ],
            "/briefs/",
        )
        .unwrap();
        let md = "네이버가 투자했다. 네이버는 또 투자한다. Metaverse is not Meta.\n\n[Meta](https://x) stays.";
        let html = render(md, &OPTS, Some(&linker)).html;
        assert_eq!(html.matches("href=\"/briefs/companies/naver/\"").count(), 1);
        assert!(
            html.contains("<a class=\"company-link\" href=\"/briefs/companies/meta/\">Meta</a>.")
        );
        assert!(html.contains("Metaverse is not"));
    }

    #[test]
    fn script_and_non_image_data_schemes_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "VBSCRIPT:x",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "data:,hello",
            "data:image",
        ] {
            assert!(refused_scheme(bad).is_some(), "{bad:?} must be refused");
        }
        for good in [
            "https://example.com/",
            "http://x.org/javascript:y",
            "/briefings/a/",
            "../img.png",
            "#section",
            "mailto:desk@example.com",
            "data:image/png;base64,iVBORw0KGgo=",
            "DATA:Image/PNG;base64,AA",
            "data: image/svg+xml,<svg/>",
            "javascript%3Aalert(1)",
            "java script:alert(1)",
            "./javascript:alert(1)",
            "",
        ] {
            assert!(refused_scheme(good).is_none(), "{good:?} must pass");
        }
    }

    fn refused(md: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for sanitize in [false, true] {
            let r = render(md, &MarkdownOptions { sanitize, ..OPTS }, None);
            let found: Vec<(usize, String)> = r
                .refused
                .into_iter()
                .map(|r| (r.offset, r.message))
                .collect();
            if sanitize {
                assert_eq!(found, out, "both modes refuse the same: {md}");
            } else {
                out = found;
            }
        }
        out
    }

    #[test]
    fn markdown_links_and_images_with_refused_urls_are_reported_where_written() {
        let md = "Hi [x](javascript:alert(1)) and ![i](VBScript:x \"t\").\n";
        let found = refused(md);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, md.find("javascript").unwrap());
        assert!(
            found[0]
                .1
                .starts_with("a link to `javascript:alert(1)` is refused: `javascript:` URLs"),
            "{}",
            found[0].1
        );
        assert_eq!(found[1].0, md.find("VBScript").unwrap());
        assert!(found[1].1.starts_with("an image from `VBScript:x`"));

        // An entity hides nothing: the link starts where it is written.
        let md = "x [a](java&#x09;script:alert(1))\n";
        let found = refused(md);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, md.find("java").unwrap());
        assert!(
            found[0].1.contains("`java\\tscript:alert(1)`"),
            "{}",
            found[0].1
        );
        let md = "x [*a* [b]](\n <java&#x09;script:x> \"t\") ![](&#x6A;avascript:y)\n";
        let found = refused(md);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, md.find("<java").unwrap() + 1);
        assert_eq!(found[1].0, md.find("&#x6A;").unwrap());

        let md = "<javascript:alert(1)>\n";
        assert_eq!(refused(md)[0].0, 1, "an autolink");

        // A reference link points at its definition, once however often used.
        let md = "use [r] and [y][r]\n\n[r]: data:text/html,hi\n";
        let found = refused(md);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, md.find("data:").unwrap());
        assert!(found[0].1.contains("only for images"));
    }

    #[test]
    fn raw_html_urls_are_refused_in_both_modes() {
        let md = "inline <a href='&#106;avascript:alert(1)'>x</a> ok\n\n<div>\n<a\n  HREF=\"javascript:x\">a</a>\n</div>\n\n> <p><img src=\"data:text/html,x\"></p>\n\n<img srcset=\"a.png 1x, vbscript:x 2x\">\n";
        let found = refused(md);
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[0].0, md.find("href='").unwrap());
        assert!(
            found[0]
                .1
                .starts_with("`<a href=\"javascript:alert(1)\">` is refused"),
            "{}",
            found[0].1
        );
        assert_eq!(found[1].0, md.find("HREF").unwrap(), "{found:?}");
        assert_eq!(found[2].0, md.find("src=\"data").unwrap());
        assert_eq!(found[3].0, md.find("srcset").unwrap());
    }

    #[test]
    fn safe_links_images_and_look_alikes_pass() {
        let md = "[a](https://example.com/) [b](/deals/x/) [c](#top) <https://x.org>\n\n\
                  ![png](data:image/png;base64,iVBORw0KGgo=)\n\n\
                  `[x](javascript:alert(1))` and javascript: as text\n\n\
                  ```\n<a href=\"javascript:x\">\n```\n\n\
                  <img src=\"data:image/gif;base64,R0lGOD\" alt=\"javascript:x\">\n\n\
                  <script>var a = '<a href=\"javascript:x\">';</script>\n";
        assert_eq!(refused(md), Vec::new());
        let html = render(md, &OPTS, None).html;
        assert!(
            html.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""),
            "{html}"
        );
        assert!(html.contains("href=\"https://example.com/\""));
    }

    #[test]
    fn refused_urls_become_errors_at_file_positions() {
        let text = "---\ntitle: T\n---\n투자 [링크](javascript:alert(1))\n";
        let file = crate::load::SourceFile {
            rel: "content/pages/p.md".into(),
            text: text.into(),
        };
        let body = &text[text.find("투자").unwrap()..];
        let r = render(body, &OPTS, None);
        let errors = refused_errors(&file, body, &r.refused);
        assert_eq!(errors.len(), 1);
        // Columns count characters, as every diagnostic does.
        assert_eq!((errors[0].line, errors[0].column), (4, 9));
        assert_eq!(errors[0].path, "content/pages/p.md");
    }

    #[test]
    fn code_blocks_are_highlighted() {
        let html = render("```rust\nlet x = 1;\n```\n", &OPTS, None).html;
        assert!(html.contains("hl-code"));
    }
}
