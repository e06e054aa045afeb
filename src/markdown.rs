//! Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough and
//! task lists, heading ids, highlighted code, and the first mention of each
//! registered company linked to its page.

use crate::escape::escape_html;
use crate::highlight;
use crate::model::slug::slugify;
use crate::typography;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;
use std::ops::Range;
use std::rc::Rc;

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
            .attribute_filter(|element, attribute, value| {
                let urls = attribute_urls(element, attribute, value, element == "meta");
                if urls.into_iter().any(|url| refused_scheme(url).is_some()) {
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
    /// The hash of the names, IDs and path above: all a linked body depends
    /// on besides its text, for the build cache's keys.
    fingerprint: crate::cache::hash::Key,
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
        let mut h = crate::cache::hash::StableHasher::new("linker");
        h.str(base_path);
        for (name, id) in &names {
            h.str(name).str(id);
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // Every body's text goes through it: a DFA searches about a
            // third faster than the default NFA, for a few MB of memory.
            .kind(Some(AhoCorasickKind::DFA))
            .build(names.iter().map(|(n, _)| n.as_str()))
            .ok()?;
        Some(Linker {
            matcher,
            ids: names.into_iter().map(|(_, id)| id).collect(),
            base_path: base_path.to_string(),
            fingerprint: h.finish(),
        })
    }

    /// What the links this linker makes depend on, as a cache key.
    pub fn fingerprint(&self) -> crate::cache::hash::Key {
        self.fingerprint
    }

    /// Splits `text` into events, linking the first mention of each company
    /// not yet linked. Text read straight from the body is cut into slices of
    /// it, and a text without a link is passed on as it is: most texts have none.
    fn link<'a>(&self, text: CowStr<'a>, linked: &mut Linked, out: &mut Vec<Event<'a>>) {
        let source: Option<&'a str> = match &text {
            CowStr::Borrowed(s) => Some(*s),
            _ => None,
        };
        let piece = |from: usize, to: usize| -> CowStr<'a> {
            match source {
                Some(s) => CowStr::Borrowed(&s[from..to]),
                None => CowStr::from(text[from..to].to_string()),
            }
        };
        let mut last = 0;
        for m in self.matcher.find_iter(text.as_ref()) {
            let id = &self.ids[m.pattern().as_usize()];
            if linked.contains(id) || !at_word_edges(&text, m.start(), m.end()) {
                continue;
            }
            linked.insert(id.clone());
            if m.start() > last {
                out.push(Event::Text(piece(last, m.start())));
            }
            out.push(Event::InlineHtml(CowStr::from(format!(
                "<a class=\"company-link\" href=\"{}companies/{}/\">{}</a>",
                self.base_path,
                escape_html(id),
                escape_html(&text[m.start()..m.end()])
            ))));
            last = m.end();
        }
        if last == 0 {
            out.push(Event::Text(text));
        } else if last < text.len() {
            out.push(Event::Text(piece(last, text.len())));
        }
    }
}

/// The companies a body has linked so far. Asked at every name found (a
/// body names companies hundreds of times), so hashed with foldhash: the
/// keys are IDs from the registry, nothing an attacker can pick at run time.
type Linked = HashSet<String, foldhash::fast::RandomState>;

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

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
    // Smart punctuation is ours (`smarten`), not pulldown-cmark's, which
    // reads a quote before a Korean particle (`'라마'를`) as opening.
}

/// Applies the typography rule to the text of the body, in place: each text
/// read after the character before it in its block, across inline markup
/// (`*"강조"*` is judged as `"강조"`). Code, raw HTML and URLs are left as
/// they are, and so are a quote written as an escape or a character
/// reference (`\"`, `&quot;`).
fn smarten(markdown: &str, events: &mut [Event], ranges: &[Range<usize>]) {
    let mut prev: Option<char> = None;
    let mut in_code_block = false;
    for (event, range) in events.iter_mut().zip(ranges) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                prev = None;
            }
            Event::Text(text) if !in_code_block => {
                let source = markdown.get(range.clone()).unwrap_or_default();
                // A character reference is a text of its own; an escaped
                // character (`\"`) starts the text after its backslash.
                let reference = source.starts_with('&') && source != text.as_ref();
                let escaped = markdown
                    .get(..range.start)
                    .is_some_and(|m| m.ends_with('\\'));
                if !reference && typography::needs_smartening(text) {
                    let (kept, rest) = match text.chars().next() {
                        Some(c) if escaped => text.split_at(c.len_utf8()),
                        _ => ("", text.as_ref()),
                    };
                    let before = kept.chars().next_back().or(prev);
                    let smart = kept.to_string() + &typography::smarten_after(before, rest);
                    *text = CowStr::from(smart);
                }
                prev = text.chars().next_back().or(prev);
            }
            Event::Code(code) => prev = code.chars().next_back().or(prev),
            Event::SoftBreak | Event::HardBreak => prev = None,
            Event::Start(tag) if !is_inline(tag) => prev = None,
            Event::End(tag) if !is_inline_end(tag) => prev = None,
            _ => {}
        }
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Renders a body. `linker` links the first mention of each registered company.
pub fn render(markdown: &str, options: &MarkdownOptions, linker: Option<&Linker>) -> Rendered {
    let mut parser = Parser::new_ext(markdown, parser_options()).into_offset_iter();
    let (mut events, ranges): (Vec<Event>, Vec<Range<usize>>) = parser.by_ref().unzip();
    if options.smart_punctuation {
        smarten(markdown, &mut events, &ranges);
    }
    let mut refused = refused_urls(markdown, &events, &ranges, parser.reference_definitions());
    let raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let summary = first_paragraph(&events);
    let text = plain_text(&events, markdown.len());
    let events = add_heading_ids(events);

    // Each event to write, with where in the body it comes from.
    let mut out: Vec<(Event, Origin)> = Vec::with_capacity(events.len());
    let mut linked = Linked::default();
    // Inside links, images, headings and code, text is never turned into a link.
    let mut no_link_depth = 0usize;
    let mut code: Option<(String, String, Range<usize>)> = None;
    // One buffer for the events the linker cuts each text into.
    let mut linked_text = Vec::new();
    for (event, range) in events.into_iter().zip(ranges) {
        if let Some((lang, buffer, block)) = code.as_mut() {
            match event {
                Event::Text(t) => buffer.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = highlight::highlight_block(buffer, lang);
                    out.push((Event::Html(CowStr::from(html)), Origin::from(block.clone())));
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
                code = Some((lang, String::new(), range));
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                no_link_depth += 1;
                let mut origin = Origin::from(range);
                if refused_scheme(dest_url).is_some() {
                    let image = matches!(event, Event::Start(Tag::Image { .. }));
                    origin.refused = Some(if image { "src" } else { "href" });
                }
                out.push((event, origin));
            }
            Event::Start(Tag::Heading { .. }) => {
                no_link_depth += 1;
                out.push((event, Origin::from(range)));
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Heading(_)) => {
                no_link_depth = no_link_depth.saturating_sub(1);
                out.push((event, Origin::from(range)));
            }
            Event::Text(text) if no_link_depth == 0 && linker.is_some() => {
                if let Some(l) = linker {
                    l.link(text, &mut linked, &mut linked_text);
                    out.extend(
                        linked_text
                            .drain(..)
                            .map(|e| (e, Origin::from(range.clone()))),
                    );
                }
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                let mut origin = Origin::from(range.clone());
                origin.raw = markdown
                    .get(range.clone())
                    .and_then(|source| source.find(html.as_ref()))
                    .map(|at| range.start + at..range.start + at + html.len());
                out.push((event, origin));
            }
            other => out.push((other, Origin::from(range))),
        }
    }

    // Written with where each event's HTML starts, to tell where in the body
    // a refused URL of the page comes from.
    let (out, origins) = keep_korean_words_whole(out);
    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    let written = std::cell::Cell::new(0);
    let mut starts = Vec::with_capacity(out.len());
    html::write_html_fmt(
        Counted {
            out: &mut html_out,
            written: &written,
        },
        out.into_iter().inspect(|_| starts.push(written.get())),
    )
    .expect("writing to a String does not fail");
    // Markdown's own HTML holds no refused URL but those found above; raw
    // HTML may, or may make a browser read Markdown's HTML differently.
    if raw_html {
        for (offset, message) in refused_in_html(markdown, &html_out, &starts, &origins) {
            if !refused.iter().any(|r| r.offset == offset) {
                refused.push(Refused { offset, message });
            }
        }
        refused.sort_by_key(|r| r.offset);
    }
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

/// Wraps each Korean word a browser would break at its punctuation
/// (`모델⏎(LLM)이`, `51%⏎로`) in `<span class="nobr">`, which the theme keeps
/// on one line (`typography::unbroken_words`), and binds the words of an
/// amount with no-break spaces (`typography::bind_amounts`). Not inside an
/// image, whose text is its `alt` attribute.
fn keep_korean_words_whole<'a>(events: Vec<(Event<'a>, Origin)>) -> (Vec<Event<'a>>, Vec<Origin>) {
    let (mut out, mut origins) = (
        Vec::with_capacity(events.len()),
        Vec::with_capacity(events.len()),
    );
    let mut in_image = 0usize;
    for (event, origin) in events {
        match &event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(text) if in_image == 0 => {
                let bound = typography::bind_amounts(text);
                let text = bound.as_deref().unwrap_or(text);
                if let Some(pieces) = typography::unbroken_words(text) {
                    let mut push = |e: Event<'a>| {
                        out.push(e);
                        origins.push(Origin::from(origin.source.clone()));
                    };
                    for (piece, keep) in pieces {
                        let text = Event::Text(CowStr::from(piece.to_string()));
                        if keep {
                            push(Event::InlineHtml(CowStr::Borrowed("<span class=\"nobr\">")));
                            push(text);
                            push(Event::InlineHtml(CowStr::Borrowed("</span>")));
                        } else {
                            push(text);
                        }
                    }
                    continue;
                }
                if let Some(bound) = bound {
                    out.push(Event::Text(CowStr::from(bound)));
                    origins.push(origin);
                    continue;
                }
            }
            _ => {}
        }
        out.push(event);
        origins.push(origin);
    }
    (out, origins)
}

/// Where in the body an event written to the page comes from.
struct Origin {
    /// The source of the event (for Markdown's own HTML, the whole construct).
    source: Range<usize>,
    /// For raw HTML: where its text is in the body, written as it is.
    raw: Option<Range<usize>>,
    /// For a link or image whose URL is refused (reported already): the
    /// attribute its URL is written to.
    refused: Option<&'static str>,
}

impl From<Range<usize>> for Origin {
    fn from(source: Range<usize>) -> Origin {
        Origin {
            source,
            raw: None,
            refused: None,
        }
    }
}

/// A `String` to write HTML to, telling how much is written so far.
struct Counted<'a> {
    out: &'a mut String,
    written: &'a std::cell::Cell<usize>,
}

impl std::fmt::Write for Counted<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.push_str(s);
        self.written.set(self.out.len());
        Ok(())
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

/// Attributes of raw HTML that hold one URL a browser follows or loads, on
/// whichever element they are (HTML, SVG and MathML, current and legacy).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "xml:base",
    "poster",
    "data",
    "background",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "manifest",
    "codebase",
    "classid",
    "icon",
];

/// Attributes that hold a list of URLs: `srcset` and `imagesrcset` (candidates
/// separated by commas, each a URL and a size), `ping` (separated by spaces)
/// and `archive` (by spaces or commas).
const URL_LIST_ATTRIBUTES: &[&str] = &["srcset", "imagesrcset", "ping", "archive"];

/// SVG animation elements, lowercased as the tokenizer gives them: their `to`,
/// `from`, `by` and `values` set another attribute, `href` among them.
const ANIMATION_ELEMENTS: &[&str] = &[
    "set",
    "animate",
    "animatemotion",
    "animatetransform",
    "animatecolor",
];

/// The URLs attribute `name="value"` of a raw HTML `element` holds, as a
/// browser reads them; none when it holds no URL. `refresh`: the element is a
/// `<meta http-equiv="refresh">`, whose `content` holds one.
fn attribute_urls<'v>(element: &str, name: &str, value: &'v str, refresh: bool) -> Vec<&'v str> {
    let animation = ANIMATION_ELEMENTS.contains(&element);
    match name {
        _ if URL_ATTRIBUTES.contains(&name) => vec![value],
        // A URL is never split by its list's separators where it starts, so
        // splitting on both commas and spaces finds the start of every one.
        _ if URL_LIST_ATTRIBUTES.contains(&name) => value
            .split(|c: char| c == ',' || c.is_ascii_whitespace())
            .collect(),
        "to" | "from" | "by" if animation => vec![value],
        "values" if animation => value.split(';').collect(),
        "content" if refresh => refresh_urls(value),
        _ => Vec::new(),
    }
}

/// Where a `<meta http-equiv="refresh" content="…">` may send the reader: what
/// follows the delay as the HTML standard reads it (`0; url='…'`, `0;…`,
/// `0, URL = "…"`), and, leniently, whatever follows any `url=` in it.
fn refresh_urls(content: &str) -> Vec<&str> {
    let space = |c: char| c.is_ascii_whitespace();
    let rest = content
        .trim_start_matches(space)
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim_start_matches(space);
    let rest = rest
        .strip_prefix([';', ','])
        .unwrap_or(rest)
        .trim_start_matches(space);
    let mut urls = vec![after_url_equals(rest).unwrap_or_else(|| unquoted(rest))];
    let lower = content.to_ascii_lowercase();
    urls.extend(
        lower
            .match_indices("url")
            .filter_map(|(at, _)| after_url_equals(&content[at..])),
    );
    urls
}

/// The URL after `url=` at the start of `text` (any case, spaces around `=`),
/// unquoted.
fn after_url_equals(text: &str) -> Option<&str> {
    let space = |c: char| c.is_ascii_whitespace();
    let rest = text
        .get(..3)
        .filter(|p| p.eq_ignore_ascii_case("url"))
        .map(|_| &text[3..])?;
    let rest = rest
        .trim_start_matches(space)
        .strip_prefix('=')?
        .trim_start_matches(space);
    Some(unquoted(rest))
}

/// `text` without an opening quote and what follows its closing one.
fn unquoted(text: &str) -> &str {
    match text.chars().next() {
        Some(q @ ('"' | '\'')) => text[1..].split(q).next().unwrap_or_default(),
        _ => text,
    }
}

/// The attributes of the raw HTML start tag `<element attrs…>` that hold a
/// refused URL, each with its message.
fn refused_in_tag(element: &str, attrs: &[(String, String)]) -> Vec<(String, String)> {
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let refresh = element == "meta"
        && get("http-equiv").is_some_and(|v| {
            v.trim_matches(|c: char| c.is_ascii_whitespace())
                .eq_ignore_ascii_case("refresh")
        });
    let animation = ANIMATION_ELEMENTS.contains(&element);
    let mut out = Vec::new();
    for (name, value) in attrs {
        if name == "srcdoc" && element == "iframe" {
            // The frame's document, written as HTML: its links count too.
            if let Some(inner) = scan_html(value, false).into_iter().next() {
                out.push((
                    name.clone(),
                    format!("in `<iframe srcdoc>`, {}", inner.message),
                ));
            }
            continue;
        }
        let why = attribute_urls(element, name, value, refresh)
            .into_iter()
            .find_map(refused_scheme);
        let Some(why) = why else { continue };
        // The attribute that makes this one a URL, shown with it.
        let context = match (name.as_str(), get("attributename")) {
            ("content", _) if refresh => " http-equiv=\"refresh\"".to_string(),
            ("to" | "from" | "by" | "values", Some(target)) if animation => {
                format!(" attributeName=\"{}\"", shown(target))
            }
            _ => String::new(),
        };
        out.push((
            name.clone(),
            format!(
                "`<{element}{context} {name}=\"{}\">` is refused: {why}",
                shown(value)
            ),
        ));
    }
    out
}

/// Every Markdown link and image of the body with a refused URL (inline,
/// reference, autolinks); raw HTML is checked in the page (`refused_in_html`).
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

/// Refused URLs in the HTML written for a body with raw HTML in it, read as
/// a browser reads the page (`scan_html`): the raw HTML in context, where a
/// tag or quote left open carries on into the HTML written for Markdown. Each
/// is placed at its attribute in the body: in raw HTML, where it is written;
/// in Markdown's HTML, where its name is in the Markdown the HTML is from.
fn refused_in_html(
    markdown: &str,
    html: &str,
    starts: &[usize],
    origins: &[Origin],
) -> Vec<(usize, String)> {
    // Most bodies hold nothing refused: they are read whole, and only one that
    // does is read again to place what it holds.
    if scan_html(html, false).is_empty() {
        return Vec::new();
    }
    scan_html(html, true)
        .into_iter()
        .filter_map(|f| {
            let at = attribute_offset(html, &f);
            // The event written last before the attribute.
            let i = starts.partition_point(|&s| s <= at).checked_sub(1)?;
            let origin = &origins[i];
            let within = at - starts[i];
            match &origin.raw {
                Some(raw)
                    if within < raw.len()
                        && html[starts[i]..].starts_with(&markdown[raw.clone()]) =>
                {
                    return Some((raw.start + within, f.message));
                }
                _ => {}
            }
            // A Markdown link or image refused already.
            if origin.refused == Some(f.attr.as_str()) {
                return None;
            }
            let source = markdown.get(origin.source.clone()).unwrap_or_default();
            let offset = attribute_name_in(source, &f.attr).unwrap_or(0);
            Some((origin.source.start + offset, f.message))
        })
        .collect()
}

/// Where `name` is first written in `text` as a word of its own (any case).
fn attribute_name_in(text: &str, name: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let name_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "-_:.".contains(c));
    lower.match_indices(name).map(|(at, _)| at).find(|&at| {
        !name_char(lower[..at].chars().next_back())
            && !name_char(lower[at + name.len()..].chars().next())
    })
}

/// An attribute with a refused URL, in a start tag of raw HTML.
struct Flagged {
    /// Where its tag starts at the earliest, and where it ends: the text the
    /// tokenizer read it from.
    span: Range<usize>,
    attr: String,
    message: String,
}

/// The attributes with a refused URL in `html`, read as a browser reads raw
/// HTML in a page's body: html5ever's tokenizer, every start tag it reads
/// checked, driven by its tree builder, which decides how what follows a tag
/// is read (`<style>` holds text, but markup inside `<svg>`; `<![CDATA[` is a
/// section there, a comment elsewhere; `<p>` leaves the `<svg>` it is in; …).
/// With `locate`, the text is fed a character at a time, so each tag's span is
/// known: it ends with the character that completed it, and starts at or after
/// the end of the token before it. Without, spans are the whole text.
fn scan_html(html: &str, locate: bool) -> Vec<Flagged> {
    use html5ever::TokenizerResult;
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    };
    use html5ever::tree_builder::{TreeBuilder, TreeSink};
    use std::cell::{Cell, RefCell};

    struct Reader {
        tree: TreeBuilder<Rc<Node>, Nodes>,
        flagged: RefCell<Vec<(String, String)>>,
        /// Whether a token was read since this was last cleared.
        emitted: Cell<bool>,
    }
    impl TokenSink for Reader {
        type Handle = Rc<Node>;
        fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<Rc<Node>> {
            // A parse error is reported mid-tag; every other token ends
            // where it is read.
            if !matches!(token, Token::ParseError(_)) {
                self.emitted.set(true);
            }
            // Every start tag, even one the tree builder then ignores (a
            // `<body>` inside a body adds its attributes to the page's).
            if let Token::TagToken(tag) = &token
                && tag.kind == TagKind::StartTag
            {
                let attrs: Vec<(String, String)> = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                self.flagged
                    .borrow_mut()
                    .extend(refused_in_tag(&tag.name, &attrs));
            }
            self.tree.process_token(token, line)
        }
        fn end(&self) {
            self.tree.end();
        }
        fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
            self.tree
                .adjusted_current_node_present_but_not_in_html_namespace()
        }
    }

    let nodes = Nodes::default();
    let body = nodes.create_element(
        html5ever::QualName::new(None, html5ever::ns!(html), html5ever::local_name!("div")),
        Vec::new(),
        Default::default(),
    );
    let reader = Reader {
        tree: TreeBuilder::new_for_fragment(nodes, body, None, Default::default()),
        flagged: RefCell::new(Vec::new()),
        emitted: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(reader, Default::default());
    let input = BufferQueue::default();
    // The tree builder pauses after each `</script>`.
    let feed = || while let TokenizerResult::Script(_) = tokenizer.feed(&input) {};
    let mut out = Vec::new();
    let mut mark = 0;
    if locate {
        for (i, c) in html.char_indices() {
            input.push_back(StrTendril::from_char(c));
            feed();
            let end = i + c.len_utf8();
            out.extend(
                tokenizer
                    .sink
                    .flagged
                    .take()
                    .into_iter()
                    .map(|(attr, message)| Flagged {
                        span: mark..end,
                        attr,
                        message,
                    }),
            );
            if tokenizer.sink.emitted.replace(false) {
                mark = end;
            }
        }
    } else {
        input.push_back(StrTendril::from_slice(html));
        feed();
    }
    tokenizer.end();
    out.extend(
        tokenizer
            .sink
            .flagged
            .take()
            .into_iter()
            .map(|(attr, message)| Flagged {
                span: mark..html.len(),
                attr,
                message,
            }),
    );
    out
}

/// Just enough of a document for html5ever's tree builder: the names of its
/// elements, which are all it reads back. Nothing is built.
#[derive(Default)]
struct Nodes {
    document: Rc<Node>,
}

/// An element, or a placeholder for a comment, a template's contents or
/// the document, whose name is never read.
struct Node {
    name: html5ever::QualName,
    annotation_xml_integration_point: bool,
}

impl Default for Node {
    fn default() -> Node {
        Node {
            name: html5ever::QualName::new(None, html5ever::ns!(), html5ever::LocalName::from("")),
            annotation_xml_integration_point: false,
        }
    }
}

impl html5ever::tree_builder::TreeSink for Nodes {
    type Handle = Rc<Node>;
    type Output = ();
    type ElemName<'a> = &'a html5ever::QualName;

    fn finish(self) {}
    fn parse_error(&self, _: std::borrow::Cow<'static, str>) {}
    fn get_document(&self) -> Rc<Node> {
        self.document.clone()
    }
    fn elem_name<'a>(&'a self, target: &'a Rc<Node>) -> &'a html5ever::QualName {
        &target.name
    }
    fn create_element(
        &self,
        name: html5ever::QualName,
        _: Vec<html5ever::Attribute>,
        flags: html5ever::tree_builder::ElementFlags,
    ) -> Rc<Node> {
        Rc::new(Node {
            name,
            annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        })
    }
    fn create_comment(&self, _: html5ever::tendril::StrTendril) -> Rc<Node> {
        Rc::default()
    }
    fn create_pi(
        &self,
        _: html5ever::tendril::StrTendril,
        _: html5ever::tendril::StrTendril,
    ) -> Rc<Node> {
        Rc::default()
    }
    fn append(&self, _: &Rc<Node>, _: html5ever::tree_builder::NodeOrText<Rc<Node>>) {}
    fn append_based_on_parent_node(
        &self,
        _: &Rc<Node>,
        _: &Rc<Node>,
        _: html5ever::tree_builder::NodeOrText<Rc<Node>>,
    ) {
    }
    fn append_doctype_to_document(
        &self,
        _: html5ever::tendril::StrTendril,
        _: html5ever::tendril::StrTendril,
        _: html5ever::tendril::StrTendril,
    ) {
    }
    fn get_template_contents(&self, _: &Rc<Node>) -> Rc<Node> {
        Rc::default()
    }
    fn same_node(&self, x: &Rc<Node>, y: &Rc<Node>) -> bool {
        Rc::ptr_eq(x, y)
    }
    fn set_quirks_mode(&self, _: html5ever::tree_builder::QuirksMode) {}
    fn append_before_sibling(
        &self,
        _: &Rc<Node>,
        _: html5ever::tree_builder::NodeOrText<Rc<Node>>,
    ) {
    }
    fn add_attrs_if_missing(&self, _: &Rc<Node>, _: Vec<html5ever::Attribute>) {}
    fn remove_from_parent(&self, _: &Rc<Node>) {}
    fn reparent_children(&self, _: &Rc<Node>, _: &Rc<Node>) {}
    fn is_mathml_annotation_xml_integration_point(&self, handle: &Rc<Node>) -> bool {
        handle.annotation_xml_integration_point
    }
}

/// Where the flagged attribute is written in `html`: in the first tag of its
/// span whose syntax ends where the span does (or, should none, the nearest
/// such tag before the span), the first attribute of that name (the tokenizer
/// drops repeats), matched whole, never inside a longer name (`action` in
/// `formaction`) or a value.
fn attribute_offset(html: &str, flagged: &Flagged) -> usize {
    let span = &flagged.span;
    let inside = html[span.clone()]
        .match_indices('<')
        .map(|(i, _)| span.start + i);
    let before = html[..span.start]
        .rmatch_indices('<')
        .map(|(i, _)| i)
        .take(256);
    let mut fallback = None;
    for start in inside.chain(before) {
        let Some((end, attrs)) = tag_attributes(html, start) else {
            continue;
        };
        let at = attrs
            .iter()
            .find(|(name, _)| *name == flagged.attr)
            .map(|(_, at)| *at);
        match at {
            Some(at) if end == span.end => return at,
            _ if start >= span.start => fallback = fallback.or(at),
            _ => {}
        }
    }
    fallback.unwrap_or(span.start)
}

/// The start tag at `html[start..]` (`<` then a letter), read as the HTML
/// tokenizer reads it: where it ends (after its `>`), and each attribute's
/// name, lowercased, with where it is written. `None` when it is no tag or is
/// not closed.
fn tag_attributes(html: &str, start: usize) -> Option<(usize, Vec<(String, usize)>)> {
    let b = html.as_bytes();
    let space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    if b.get(start) != Some(&b'<') || !b.get(start + 1)?.is_ascii_alphabetic() {
        return None;
    }
    let mut i = start + 1;
    while i < b.len() && !space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if *b.get(i)? == b'>' {
            return Some((i + 1, attrs));
        }
        // A name may start with `=`; it ends at a space, `/`, `>` or `=`.
        let name_start = i;
        i += 1;
        while i < b.len() && !space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        attrs.push((html[name_start..i].to_ascii_lowercase(), name_start));
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        match *b.get(i)? {
            q @ (b'"' | b'\'') => i += 1 + html[i + 1..].find(q as char)? + 1,
            _ => {
                while i < b.len() && !space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
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

/// The text of `events`, one space for each break and block end, trimmed.
/// `capacity`: the body's length, which its text never exceeds by much, so
/// the text is not grown (and copied) on the way.
fn plain_text(events: &[Event], capacity: usize) -> String {
    let mut text = String::with_capacity(capacity);
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !text.ends_with(' ') => {
                text.push(' ');
            }
            _ => {}
        }
    }
    // Trimmed where it lies: it is read once (terms, reading time) and dropped.
    text.truncate(text.trim_end().len());
    let leading = text.len() - text.trim_start().len();
    text.drain(..leading);
    text
}

/// Minutes to read `text`: words for English, eojeol (space-separated units)
/// for Korean, which read slower per unit than English words.
pub fn reading_minutes(text: &str, lang: &str) -> usize {
    let units = words(text);
    let per_minute = if lang == "ko" { 150 } else { 220 };
    units.div_ceil(per_minute).max(1)
}

/// `text.split_whitespace().count()`, decoding only the characters that can
/// be white space above ASCII (those led by the bytes C2, E1, E2 and E3):
/// every body is counted, and Hangul never needs decoding. Other bytes are
/// looked up in a table and counted without a branch.
fn words(text: &str) -> usize {
    /// 0: part of a word, 1: ASCII white space, 2: leads a character that may be white space.
    const CLASS: [u8; 256] = {
        let mut class = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            class[b] = match b as u8 {
                b' ' | b'\t'..=b'\r' => 1,
                b if crate::utf8::leads_wide_white_space(b) => 2,
                _ => 0,
            };
            b += 1;
        }
        class
    };
    /// Bytes counted at once when none of them needs decoding: comparisons
    /// the compiler turns into vector instructions.
    const RUN: usize = 64;
    let bytes = text.as_bytes();
    let (mut count, mut in_word, mut i) = (0, false, 0);
    while let Some(&b) = bytes.get(i) {
        let run = &bytes[i..bytes.len().min(i + RUN)];
        if run.len() == RUN && !run.iter().any(|&b| crate::utf8::leads_wide_white_space(b)) {
            // A word starts where a byte that is not white space follows
            // one that is (or the start of the text, outside a word).
            let mut space = [false; RUN];
            for (s, &b) in space.iter_mut().zip(run) {
                *s = b == b' ' || b.wrapping_sub(b'\t') < 5;
            }
            let mut starts = usize::from(!space[0] & !in_word);
            for pair in space.windows(2) {
                starts += usize::from(!pair[1] & pair[0]);
            }
            count += starts;
            in_word = !space[RUN - 1];
            i += RUN;
            continue;
        }
        let class = CLASS[usize::from(b)];
        let (space, len) = if class == 2 {
            let c = text[i..].chars().next().expect("i is at a character");
            (c.is_whitespace(), c.len_utf8())
        } else {
            // A continuation byte follows its lead inside the same word, so
            // it never starts one.
            (class == 1, 1)
        };
        count += usize::from(!space & !in_word);
        in_word = !space;
        i += len;
    }
    count
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

    #[test]
    fn plain_text_is_the_words_with_one_space_between_blocks_trimmed() {
        fn events(md: &str) -> Vec<Event<'_>> {
            Parser::new_ext(md, parser_options()).collect()
        }
        for md in [
            "# Title\n\nBody `code` *em*\nnext\n",
            "&#32;Title\n\nBody `code` *em*\nnext &#32;",
        ] {
            let text = plain_text(&events(md), 0);
            assert_eq!(text, "Title Body code em next", "{md:?}");
        }
        assert_eq!(plain_text(&events(""), 64), "");
    }

    const OPTS: MarkdownOptions = MarkdownOptions {
        smart_punctuation: true,
        sanitize: false,
    };

    proptest::proptest! {
        #[test]
        fn words_are_counted_as_split_whitespace_counts_them(
            text in "[ a-z가-힣\\t\\n\\x0b\\x0c\\r\\x1c\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200b}\\u{2028}-\\u{2030}\\u{205f}\\u{3000}é😀.]{0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text), text.split_whitespace().count());
        }

        /// Long texts of plain bytes, counted 64 at a time, with now and
        /// then a character that needs decoding (and ends such a run).
        #[test]
        fn long_texts_are_counted_as_split_whitespace_counts_them(
            text in "([ a-z가-힣\\t\\n\\r]{0,90}[\\u{a0}\\u{3000}\\u{2009}—é]?){0,8}"
        ) {
            proptest::prop_assert_eq!(words(&text), text.split_whitespace().count());
        }
    }

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
    fn every_attribute_that_takes_a_url_is_checked() {
        // Each case: the body, and where its one error points.
        let cases: &[(&str, &str)] = &[
            (
                "<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text y=\"20\">click</text></a></svg>\n",
                "to=",
            ),
            (
                "<svg><a><animate attributeName=\"href\" values=\"#a; javascript:alert(3)\"/>x</a></svg>\n",
                "values",
            ),
            (
                "<svg><a><animate from=\"javascript:x\"/>x</a></svg>\n",
                "from",
            ),
            ("<svg><a><animate by=\"vbscript:x\"/>x</a></svg>\n", "by="),
            (
                "<svg><a><animateMotion to=\"javascript:x\"/></a></svg>\n",
                "to=",
            ),
            (
                "<svg><a><animateTransform values=\"data:text/html;base64,AA\"/></a></svg>\n",
                "values",
            ),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(2)\">\n",
                "content",
            ),
            (
                "<meta http-equiv=Refresh content=\"0; URL = 'javascript:alert(2)'\">\n",
                "content",
            ),
            (
                "<meta HTTP-EQUIV=\" refresh\" content='5,javascript:x'>\n",
                "content",
            ),
            (
                "x <meta content=\"1; Url=&quot;data:text/html,x&quot;\" http-equiv=\"REFRESH\">\n",
                "content",
            ),
            (
                "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">\n",
                "href",
            ),
            (
                "<link rel=preload as=image imagesrcset=\"a.png 1x,javascript:x 2x\">\n",
                "imagesrcset",
            ),
            ("<a href=\"/x\" ping=\"/p javascript:x\">x</a>\n", "ping"),
            ("<object classid=\"javascript:x\"></object>\n", "classid"),
            (
                "<object archive=\"a.jar,javascript:x\"></object>\n",
                "archive",
            ),
            ("<object data=\"javascript:x\"></object>\n", "data"),
            (
                "<svg><image xlink:href=\"data:text/html,x\"/></svg>\n",
                "xlink:href",
            ),
            ("<math href=\"javascript:x\"><mi>x</mi></math>\n", "href"),
            ("<video poster=\"javascript:x\"></video>\n", "poster"),
            ("<blockquote cite=\"javascript:x\">q</blockquote>\n", "cite"),
            (
                "<table background=\"javascript:x\"><tr><td>x</td></tr></table>\n",
                "background",
            ),
            (
                "<iframe srcdoc=\"<p><a href=&quot;javascript:x&quot;>x</a>\"></iframe>\n",
                "srcdoc",
            ),
        ];
        for (md, at) in cases {
            let found = refused(md);
            assert_eq!(found.len(), 1, "{md}: {found:?}");
            assert_eq!(found[0].0, md.find(at).unwrap(), "{md}: {found:?}");
        }
        let message = |md: &str| refused(md).remove(0).1;
        assert!(
            message(cases[0].0).starts_with(
                "`<set attributeName=\"href\" to=\"javascript:alert(1)\">` is refused: `javascript:` URLs"
            ),
            "{}",
            message(cases[0].0)
        );
        assert!(
            message(cases[6].0).starts_with(
                "`<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(2)\">` is refused"
            ),
            "{}",
            message(cases[6].0)
        );
        let srcdoc = message(cases.last().unwrap().0);
        assert!(
            srcdoc.starts_with("in `<iframe srcdoc>`, `<a href=\"javascript:x\">` is refused"),
            "{srcdoc}"
        );
    }

    #[test]
    fn a_refresh_sends_the_reader_where_a_browser_would() {
        for (content, url) in [
            ("0;url=javascript:x", "javascript:x"),
            ("0; URL = 'javascript:x' ", "javascript:x"),
            (" 5.5 , \"javascript:x\"", "javascript:x"),
            ("0;javascript:x", "javascript:x"),
            ("javascript:x", "javascript:x"),
            ("0; url=\"/a\" trailing", "/a"),
            ("3; please go to: url=javascript:x", "javascript:x"),
        ] {
            assert!(
                refresh_urls(content).contains(&url),
                "{content:?} -> {:?}",
                refresh_urls(content)
            );
        }
        assert_eq!(refresh_urls("5"), vec![""]);
    }

    #[test]
    fn each_refused_attribute_points_into_its_own_tag() {
        let md = "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(2)\">x</button></form>\n";
        let found = refused(md);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, md.find("action").unwrap(), "{found:?}");
        assert!(found[0].1.starts_with("`<form action="), "{found:?}");
        assert_eq!(found[1].0, md.find("formaction").unwrap(), "{found:?}");
        assert!(found[1].1.starts_with("`<button formaction="), "{found:?}");

        // The name inside a value or a longer name is not the attribute; the
        // same tag twice on a line is told apart.
        let md = "<p>x</p><a title=\"href=\" data-href=\"x\" HREF = 'javascript:x'>a</a><a\thref=javascript:x>b</a>\n";
        let found = refused(md);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, md.find("HREF").unwrap());
        assert_eq!(found[1].0, md.rfind("href").unwrap());

        // A `<` and `>` in a value, a tag across lines in a block quote.
        let md = "> <div><a title='<a href=x>'\n> href=\"javascript:x\">a</a></div>\n";
        assert_eq!(refused(md)[0].0, md.find("href=\"").unwrap());

        // The first of two attributes of one name is the one a browser reads.
        let md = "<a href=\"javascript:x\" href=\"/ok\">a</a> <a href=\"/ok\" href=\"javascript:y\">b</a>\n";
        let found = refused(md);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, md.find("href").unwrap());

        // Several in one tag, each at its own attribute.
        let md = "<img src=\"javascript:a\" srcset=\"vbscript:b 2x\" longdesc=\"data:,c\">\n";
        let found: Vec<usize> = refused(md).into_iter().map(|f| f.0).collect();
        let at = |name: &str| md.find(name).unwrap();
        assert_eq!(found, vec![at("src="), at("srcset"), at("longdesc")]);
    }

    #[test]
    fn raw_html_is_read_as_a_browser_reads_it() {
        // Where a browser reads markup, so does the check: inside `<svg>` and
        // `<math>`, `<style>`, `<script>` and the like hold markup, a `<p>`
        // leaves them, and `<![CDATA[` ends at `]]>`, not at the first `>`.
        for md in [
            "<svg><style><p><a href=\"javascript:alert(1)\">click</a></p></style></svg>\n",
            "<math><xmp><div><a href=\"javascript:x\">click</a></div></xmp></math>\n",
            "<svg><script>'<a href=\"javascript:x\">'</script></svg>\n",
            "<svg><![CDATA[ x > <a title=\"]]><a href=javascript:x>click</a>\">\n",
            "<div>\n<svg><p><![CDATA[ > <a href=\"javascript:x\">click</a> ]]>\n</div>\n",
        ] {
            let found = refused(md);
            assert_eq!(found.len(), 1, "{md}: {found:?}");
            assert_eq!(found[0].0, md.rfind("href").unwrap(), "{md}: {found:?}");
        }
        // Where it reads text, the check does too.
        let md = "<style>a::after { content: '<a href=\"javascript:x\">'; }</style>\n\n\
                  <div><svg><foreignObject><style>'<a href=\"javascript:x\">'</style></foreignObject></svg></div>\n\n\
                  <div><math><mtext><textarea><a href=\"javascript:x\"></textarea></mtext></math></div>\n\n\
                  <svg><![CDATA[ <a href=\"javascript:x\">click</a> ]]></svg>\n";
        assert_eq!(refused(md), Vec::new());
    }

    #[test]
    fn raw_html_is_read_in_the_page_it_is_written_into() {
        // A tag or a quote raw HTML leaves open carries on into the HTML
        // written for the Markdown after it.
        let md = "<form title='\n\nx <b title=' action=javascript:alert(1) '>y</b>\n\n<button>go</button>\n";
        let found = refused(md);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, md.find("action").unwrap());
        assert!(
            found[0]
                .1
                .starts_with("`<form action=\"javascript:alert(1)\">` is refused"),
            "{}",
            found[0].1
        );
        // Or into Markdown's text (smart punctuation off: `'` stays `'`).
        let md = "<form title='\n\nx' action=javascript:alert(1) y\n";
        let plain = MarkdownOptions {
            smart_punctuation: false,
            ..OPTS
        };
        let found = render(md, &plain, None).refused;
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].offset, md.find("action").unwrap());
        assert_eq!(refused(md), Vec::new(), "`x’` closes no quote");
        // An `<svg>` left open: its `<style>`, after some text, holds markup.
        let md = "<svg>x<style><p><a href=\"javascript:x\">click</a>\n";
        assert_eq!(
            refused(md),
            vec![(md.find("href").unwrap(), refused(md)[0].1.clone())]
        );
        // Raw HTML in a list item, its indent not part of it.
        let md = "- x\n\n  <div><img\n  src=\"javascript:y\"></div>\n";
        assert_eq!(refused(md)[0].0, md.find("src").unwrap());
        // A Markdown link among raw HTML is reported once, as a link.
        let md = "<div>\n\n[x](javascript:y) ![i](data:text/html,z)\n\n</div>\n";
        let found = refused(md);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].1.starts_with("a link to"), "{found:?}");
        assert!(found[1].1.starts_with("an image from"), "{found:?}");
        // Markdown's HTML read inside raw HTML text is text.
        let md = "<textarea>\n\n<a href=\"javascript:x\">x</a>\n\n</textarea>\n\n<title>\n\n[a](/ok \"href=javascript:x\")\n";
        assert_eq!(refused(md), Vec::new());
    }

    #[test]
    fn look_alikes_of_url_attributes_pass() {
        let md = "<p title=\"javascript: the good parts\" data-href=\"javascript:x\" alt=\"vbscript:y\">t</p>\n\n\
                  <meta name=\"description\" content=\"0;url=javascript:x\">\n\n\
                  <meta http-equiv=\"refresh\" content=\"5; url=https://example.com/\">\n\n\
                  <meta http-equiv=\"refresh-later\" content=\"0;url=javascript:x\">\n\n\
                  <svg><animate attributeName=\"opacity\" values=\"0;1;0\" dur=\"1s\"/>\
                  <set attributeName=\"fill\" to=\"url(#g)\"/><rect to=\"javascript:x\" values=\"javascript:y\"/>\
                  <set attributeName=\"href\" to=\"data:image/png;base64,AA\"/></svg>\n\n\
                  <img srcset=\"data:image/png;base64,AAA 1x, b.png 2x\" src=\"a.png\">\n\n\
                  <div srcdoc=\"<a href=javascript:x>\"></div>\n\n\
                  <a href=\"/ok\" href=\"javascript:y\">first wins</a>\n\n\
                  `<a href=\"javascript:x\">` and `<meta http-equiv=refresh content=\"0;url=javascript:x\">`\n\n\
                  ```html\n<svg><set attributeName=\"href\" to=\"javascript:x\"/></svg>\n<form action=\"javascript:x\">\n```\n\n    \
                  <link href=\"javascript:x\"> indented code\n\n\
                  <!-- <a href=\"javascript:x\"> -->\n\n\
                  <textarea><a href=\"javascript:x\"></textarea>\n";
        assert_eq!(refused(md), Vec::new());
        let html = render(md, &OPTS, None).html;
        assert!(
            html.contains("<p title=\"javascript: the good parts\" data-href=\"javascript:x\""),
            "raw HTML is kept: {html}"
        );
        assert!(
            html.contains("<code>&lt;link href=&quot;javascript:x&quot;&gt; indented code"),
            "code stays code: {html}"
        );
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
    fn smart_punctuation_is_right_for_korean() {
        let html = |md: &str| render(md, &OPTS, None).html;
        assert_eq!(
            html("메타는 '라마'를 \"돌멩이\"라고 했다.\n"),
            "<p>메타는 <span class=\"nobr\">‘라마’를</span> <span class=\"nobr\">“돌멩이”라고</span> 했다.</p>\n"
        );
        // The text, not the markup around it: `*"강조"*` is `"강조"`.
        assert_eq!(
            html("*\"강조\"*, 그리고 **'굵게'**.\n"),
            "<p><em>“강조”</em>, 그리고 <strong>‘굵게’</strong>.</p>\n"
        );
        assert_eq!(
            html("그는 \"*AI*\"는 [\"링크\"](https://x.test/'a') 했다\n"),
            "<p>그는 “<em>AI</em>”는 <a href=\"https://x.test/&#x27;a&#x27;\">“링크”</a> 했다</p>\n"
        );
        // Nested, apostrophes, dashes and ellipses.
        assert_eq!(
            html("\"'라마'\" -- it's the '90s---\"x\"...\n"),
            "<p>“‘라마’” – it’s the ’90s—“x”…</p>\n"
        );
        // Each block and line starts afresh.
        assert_eq!(
            html("# \"제목\"\n\n> \"인용\"이다\n\n- 가\"\n- \"나\"\n\n줄\n\"다음\"\n"),
            "<h1 id=\"제목\">“제목”</h1>\n<blockquote>\n<p><span class=\"nobr\">“인용”이다</span></p>\n</blockquote>\n\
             <ul>\n<li>가”</li>\n<li>“나”</li>\n</ul>\n<p>줄\n“다음”</p>\n"
        );
        // Code, raw HTML and escapes stay as written.
        assert_eq!(
            html(
                "`'a'` <span title=\"'b'\">\\\"c\\\" &quot;d&quot;</span>\n\n```\n'e' -- \"f\"\n```\n"
            ),
            "<p><code>'a'</code> <span title=\"'b'\">\"c\" \"d\"</span></p>\n\
             <pre class=\"code\"><code>&#39;e&#39; -- &quot;f&quot;\n</code></pre>\n"
        );
        // Off, the text stays as written (the word is still kept whole).
        let plain = MarkdownOptions {
            smart_punctuation: false,
            ..OPTS
        };
        assert_eq!(
            render("'라마'를 -- ...\n", &plain, None).html,
            "<p><span class=\"nobr\">'라마'를</span> -- ...</p>\n"
        );
        // The summary and the text are smart too.
        let r = render("\"돌멩이\"라고\n", &OPTS, None);
        assert_eq!(
            (r.summary.as_str(), r.text.as_str()),
            ("“돌멩이”라고", "“돌멩이”라고")
        );
    }

    #[test]
    fn code_blocks_are_highlighted() {
        let html = render("```rust\nlet x = 1;\n```\n", &OPTS, None).html;
        assert!(html.contains("hl-code"));
    }
}
