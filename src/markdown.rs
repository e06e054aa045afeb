//! Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough and
//! task lists, heading ids, highlighted code, and the first mention of each
//! registered company linked to its page.

use crate::highlight;
use crate::model::slug::slugify;
use crate::render::escape_html;
use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    pub smart_punctuation: bool,
    /// Remove scripts, event handlers and other unsafe HTML from the output.
    pub sanitize: bool,
}

/// What `sanitize` keeps: ammonia's safe defaults plus the classes and ids our
/// own output uses (highlighting, heading anchors, company links, task lists).
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["class", "id"])
            .add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"]);
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
    let events: Vec<Event> = Parser::new_ext(markdown, parser_options(options)).collect();
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
    }
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
    fn code_blocks_are_highlighted() {
        let html = render("```rust\nlet x = 1;\n```\n", &OPTS, None).html;
        assert!(html.contains("hl-code"));
    }
}
