//! Parsing a briefing: front matter validated into a `Briefing`, the body
//! rendered to HTML.

use super::money_input::MoneyInput;
use crate::cache::bodies::{self, Body, BodyCache, Kept};
use crate::config::{Config, LANGUAGES};
use crate::diagnostics::Diagnostic;
use crate::front_matter::{self, Decoder, Node, Pos, Text, Value, error_at};
use crate::load::{BriefingSource, SourceFile};
use crate::markdown::{self, Linker, MarkdownOptions};
use crate::model::Reference;
use crate::model::date::{Moment, parse_moment};
use crate::model::deal::{
    DealMention, DealStatus, DealType, Round, Stated, UNDISCLOSED, ValuationBasis,
};
use crate::model::money::ACCEPTED_FORMS;
use crate::model::slug::slugify;

use crate::model::briefing::{Briefing, Correction, Quote, RawSource, updated_with};

const BRIEFING_KEYS: &[&str] = &[
    "title",
    "date",
    "subtitle",
    "slug",
    "summary",
    "authors",
    "source",
    "lang",
    "tags",
    "draft",
    "updated",
    "companies",
    "deals",
    "quotes",
    "corrections",
];
const SOURCE_KEYS: &[&str] = &["name", "url"];
const DEAL_KEYS: &[&str] = &[
    "id",
    "type",
    "investors",
    "target",
    "amount",
    "valuation",
    "valuation_basis",
    "round",
    "lead",
    "stake",
    "status",
    "date",
    "note",
];
const QUOTE_KEYS: &[&str] = &["speaker", "role", "company", "deal", "text"];
const MONEY_KEYS: &[&str] = &["value", "currency"];
const CORRECTION_KEYS: &[&str] = &["date", "text"];

/// What parsing a briefing needs from the rest of the build.
pub struct ParseContext<'a> {
    pub config: &'a Config,
    /// The company linker of each language (empty without `link_companies`).
    pub linkers: &'a [(String, Linker)],
    /// Bodies rendered by earlier builds (`None`: render every body).
    pub bodies: Option<&'a BodyCache>,
}

impl ParseContext<'_> {
    pub fn markdown_options(&self) -> MarkdownOptions {
        self.config.markdown_options()
    }

    /// The linker for a body in `lang`, else the default language's.
    fn linker(&self, lang: &str) -> Option<&Linker> {
        self.linkers
            .iter()
            .find(|(l, _)| l == lang)
            .or(self.linkers.first())
            .map(|(_, linker)| linker)
    }
}

/// Parses one briefing, reporting every problem in its front matter.
pub fn parse_briefing(
    src: &BriefingSource,
    ctx: &ParseContext,
) -> Result<Briefing, Vec<Diagnostic>> {
    match read_briefing(src, ctx) {
        (briefing, errors) if errors.is_empty() => Ok(briefing),
        (_, errors) => Err(errors),
    }
}

/// Parses one briefing, reporting every problem in its front matter. With
/// problems the briefing comes back as far as it could be read, its body not
/// rendered: it cannot be published, but its deals let the index check what
/// other briefings say about them without reporting what this one lost.
pub fn read_briefing(src: &BriefingSource, ctx: &ParseContext) -> (Briefing, Vec<Diagnostic>) {
    let file = &src.file;
    let tree = front_matter::split(file)
        .and_then(|split| front_matter::parse_tree(file, &split).map(|tree| (split, tree)));
    let (split, tree) = match tree {
        Ok(read) => read,
        Err(d) => return (unreadable(src, ctx), vec![d]),
    };
    let mut dec = Decoder::new(file);
    let Some(fm) = dec.map(&tree, BRIEFING_KEYS) else {
        return (unreadable(src, ctx), dec.into_errors());
    };
    let tz = &ctx.config.timezone;

    let title = dec.required_text(&fm, "title");
    if let Some(t) = &title
        && t.value.trim().is_empty()
    {
        dec.error(t.pos, "the title is empty");
    }
    let date = dec
        .required_text(&fm, "date")
        .and_then(|d| moment(&mut dec, &d, tz));
    let updated = dec
        .optional_text(&fm, "updated")
        .and_then(|u| moment(&mut dec, &u, tz));
    let subtitle = dec.optional_text(&fm, "subtitle").map(|t| t.value);
    let summary = dec.optional_text(&fm, "summary").map(|t| t.value);
    let authors = dec
        .texts(&fm, "authors")
        .into_iter()
        .map(|t| t.value)
        .collect();
    let draft = dec.bool(&fm, "draft").unwrap_or(false);

    let slug_field = dec.optional_text(&fm, "slug");
    let (slug_text, slug_pos) = match &slug_field {
        Some(s) => (s.value.clone(), s.pos),
        None => (src.stem.clone(), Pos { line: 1, column: 1 }),
    };
    let slug = slugify(&slug_text);
    if slug.is_empty() {
        dec.error(
            slug_pos,
            format!("`{slug_text}` gives an empty slug; use letters or digits"),
        );
    }
    let lang_field = dec.optional_text(&fm, "lang");
    let lang = match lang_field {
        // The file name's language wins: `x.en.md` is English.
        _ if src.lang.is_some() => src.lang.clone().unwrap_or_default(),
        Some(l) if !LANGUAGES.contains(&l.value.as_str()) => {
            dec.push(
                error_at(file, l.pos, format!("unknown language `{}`", l.value))
                    .with_help(format!("use one of: {}", LANGUAGES.join(", "))),
            );
            ctx.config.language.clone()
        }
        Some(l) => l.value,
        None => ctx.config.language.clone(),
    };
    let mut tags: Vec<(String, String)> = Vec::new();
    for tag in dec.texts(&fm, "tags") {
        let name = tag.value.trim().to_string();
        let tag_slug = slugify(&name);
        if tag_slug.is_empty() {
            dec.error(tag.pos, format!("tag `{name}` has no letters or digits"));
        } else if !tags.iter().any(|(_, s)| *s == tag_slug) {
            tags.push((name, tag_slug));
        }
    }
    let source_ref = fm.get("source").and_then(|node| {
        let f = dec.map(node, SOURCE_KEYS)?;
        let name = dec.required_text(&f, "name");
        let url = dec.optional_text(&f, "url").map(|t| t.value);
        if let Some(url) = &url
            && let Err(e) = crate::model::check_web_url(url)
        {
            dec.error(node.pos, format!("source url: {e}"));
        }
        Some(RawSource {
            name: name?.value,
            url,
        })
    });
    let companies = dec
        .texts(&fm, "companies")
        .into_iter()
        .map(|t| named(&mut dec, "company reference", t))
        .map(Reference::from_text)
        .collect();

    let mut deals = Vec::new();
    let mut deals_complete = true;
    for node in dec.list(&fm, "deals") {
        match read_deal(&mut dec, node, date.as_ref(), tz) {
            Some(deal) => deals.push(deal),
            None => deals_complete = false,
        }
    }
    // A briefing without a date lost the date of every deal that has none of its own.
    deals_complete &= date.is_some();

    let mut quotes = Vec::new();
    for node in dec.list(&fm, "quotes") {
        let Some(q) = dec.map(node, QUOTE_KEYS) else {
            continue;
        };
        let speaker = dec
            .required_text(&q, "speaker")
            .map(|t| named(&mut dec, "speaker", t));
        let role = dec.optional_localized(&q, "role");
        let company = dec
            .optional_text(&q, "company")
            .map(|t| named(&mut dec, "company reference", t))
            .map(Reference::from_text);
        let deal = dec
            .optional_text(&q, "deal")
            .map(|t| (slugify(&t.value), t.pos));
        let text = dec.required_text(&q, "text");
        if let (Some(speaker), Some(text)) = (speaker, text) {
            quotes.push(Quote {
                speaker: speaker.value.trim().to_string(),
                speaker_pos: speaker.pos,
                role,
                company,
                deal,
                text: text.value.trim().to_string(),
            });
        }
    }

    let mut corrections = Vec::new();
    for node in dec.list(&fm, "corrections") {
        if let Some(c) = read_correction(&mut dec, node, tz) {
            corrections.push(c);
        }
    }
    // Oldest first, as the page shows them; one day keeps the written order.
    corrections.sort_by(|a: &Correction, b: &Correction| a.date.cmp(&b.date));
    let updated = updated_with(updated, &corrections);

    let mut errors = dec.into_errors();
    let title = title
        .map(|t| t.value.trim().to_string())
        .unwrap_or_default();
    let summary = summary.map(|s| s.trim().to_string());
    let mut briefing = Briefing {
        reading_minutes: 0,
        body_cdata_plain: true,
        source: file.rel.clone(),
        group: src.group.clone(),
        is_translation: src.lang.is_some(),
        slug_explicit: slug_field.is_some(),
        slug,
        slug_pos,
        title,
        subtitle,
        date: date.unwrap_or_else(unknown_date),
        updated,
        summary: summary.clone().unwrap_or_default(),
        authors,
        source_ref,
        lang,
        tags,
        draft,
        companies,
        deals,
        deals_complete,
        quotes,
        corrections,
        body_html: Default::default(),
        body_terms: Default::default(),
        assets: src.assets.clone(),
    };
    // The body is rendered even when the front matter has problems, so a
    // refused link is reported with them.
    let (body, kept) = match render_body(split.body, &briefing.lang, ctx) {
        Ok(rendered) => rendered,
        Err(refused) => {
            errors.extend(markdown::refused_errors(file, split.body, &refused));
            return (briefing, errors);
        }
    };
    if errors.is_empty() {
        briefing.reading_minutes = body.reading_minutes;
        briefing.body_cdata_plain = body.cdata_plain;
        briefing.summary = summary.unwrap_or(body.summary);
        (briefing.body_html, briefing.body_terms) = match kept {
            Some(Kept { html, terms }) => (html, terms),
            None => (body.html.into(), body.terms.into()),
        };
    }
    (briefing, errors)
}

/// A body rendered, or taken from the build cache when an earlier build
/// rendered the same text in the same context; its refused links, if any
/// (a body with refused links is never cached: every build reports them).
/// A body the cache keeps comes with where the cache holds its HTML and terms.
fn render_body(
    text: &str,
    lang: &str,
    ctx: &ParseContext,
) -> Result<(Body, Option<Kept>), Vec<markdown::Refused>> {
    let options = ctx.markdown_options();
    let linker = ctx.linker(lang);
    let key = ctx.bodies.map(|_| {
        bodies::key(
            text,
            options.smart_punctuation,
            options.sanitize,
            lang,
            linker.map(Linker::fingerprint),
        )
    });
    if let (Some(cache), Some(key)) = (ctx.bodies, key)
        && let Some(hit) = cache.get(key)
    {
        return Ok(hit);
    }
    let rendered = markdown::render(text, &options, linker);
    if !rendered.refused.is_empty() {
        return Err(rendered.refused);
    }
    let body = Body {
        reading_minutes: markdown::reading_minutes(&rendered.text, lang),
        cdata_plain: crate::escape::cdata_plain(&rendered.html),
        terms: crate::tokenize::terms(&rendered.text),
        summary: rendered.summary,
        html: rendered.html,
    };
    let kept = match (ctx.bodies, key) {
        (Some(cache), Some(key)) => cache.put(key, &body),
        _ => None,
    };
    Ok((body, kept))
}

/// A company reference or speaker names a page: one that slugs to nothing is
/// an error at the value.
fn named(dec: &mut Decoder, what: &str, text: Text) -> Text {
    if let Some(message) = crate::model::empty_slug(what, &text.value) {
        dec.error(text.pos, message);
    }
    text
}

/// The date of a briefing whose own date could not be read; it is never published.
fn unknown_date() -> Moment {
    Moment {
        instant: jiff::Timestamp::UNIX_EPOCH,
        day: jiff::civil::date(1970, 1, 1),
    }
}

/// What stands for a briefing whose front matter cannot be read at all: nothing
/// of it is known, so the index must not judge other briefings by its absence.
pub fn unreadable(src: &BriefingSource, ctx: &ParseContext) -> Briefing {
    Briefing {
        source: src.file.rel.clone(),
        group: src.group.clone(),
        is_translation: src.lang.is_some(),
        slug_explicit: false,
        slug: slugify(&src.stem),
        slug_pos: Pos { line: 1, column: 1 },
        title: String::new(),
        subtitle: None,
        date: unknown_date(),
        updated: None,
        summary: String::new(),
        authors: Vec::new(),
        source_ref: None,
        lang: src
            .lang
            .clone()
            .unwrap_or_else(|| ctx.config.language.clone()),
        tags: Vec::new(),
        draft: false,
        companies: Vec::new(),
        deals: Vec::new(),
        deals_complete: false,
        quotes: Vec::new(),
        corrections: Vec::new(),
        body_html: Default::default(),
        body_cdata_plain: true,
        reading_minutes: 0,
        body_terms: Default::default(),
        assets: Vec::new(),
    }
}

/// A front-matter date, or its error.
fn moment(dec: &mut Decoder, text: &Text, tz: &jiff::tz::TimeZone) -> Option<Moment> {
    match parse_moment(&text.value, tz) {
        Ok(m) => Some(m),
        Err(e) => {
            dec.error(text.pos, e);
            None
        }
    }
}

/// One item of `corrections`: its date and text, both required.
fn read_correction(dec: &mut Decoder, node: &Node, tz: &jiff::tz::TimeZone) -> Option<Correction> {
    let f = dec.map(node, CORRECTION_KEYS)?;
    let date = dec
        .required_text(&f, "date")
        .and_then(|d| moment(dec, &d, tz));
    let text = dec.required_text(&f, "text").and_then(|t| {
        let value = t.value.trim();
        if value.is_empty() {
            dec.error(t.pos, "the correction's text is empty");
            return None;
        }
        Some(value.to_string())
    });
    Some(Correction {
        date: date?,
        text: text?,
    })
}

/// One item of `deals`. `None` when the deal cannot be told apart: its id is
/// derived (from parties and year) but something it is derived from was lost.
fn read_deal(
    dec: &mut Decoder,
    node: &Node,
    briefing_date: Option<&Moment>,
    tz: &jiff::tz::TimeZone,
) -> Option<DealMention> {
    let start = dec.error_count();
    let f = dec.map(node, DEAL_KEYS)?;
    let parties_start = dec.error_count();
    let id = dec.optional_text(&f, "id").map(|s| {
        let id = slugify(&s.value);
        if id.is_empty() {
            dec.error(
                s.pos,
                format!("deal id `{}` has no letters or digits", s.value),
            );
        }
        id
    });
    let investors: Vec<Reference> = dec
        .texts(&f, "investors")
        .into_iter()
        .map(|t| named(dec, "company reference", t))
        .map(Reference::from_text)
        .collect();
    let target = dec
        .optional_text(&f, "target")
        .map(|t| named(dec, "company reference", t))
        .map(Reference::from_text);
    let parties_read = dec.error_count() == parties_start
        && !["id", "investors", "target"].iter().any(|k| f.suggests(k));
    if parties_read && id.is_none() && (investors.is_empty() || target.is_none()) {
        dec.error(
            node.pos,
            "a deal needs an `id`, or `investors` and a `target` to derive one from",
        );
    }
    let kind = dec.choice(&f, "type", DealType::CHOICES);
    let date = match dec.optional_text(&f, "date") {
        Some(d) => moment(dec, &d, tz),
        None => briefing_date.cloned(),
    };
    // Figures are converted at the mention's day; without one the mention is
    // dropped below, and the figures only report their own errors.
    let day = date
        .as_ref()
        .or(briefing_date)
        .map_or_else(|| unknown_date().day, |d| d.day);
    let (amount, undisclosed) = match f.get("amount") {
        Some(node) if is_undisclosed(node) => (None, Some(node.pos)),
        Some(node) => (money(dec, node, day), None),
        None => (None, None),
    };
    let round = dec.optional_text(&f, "round").and_then(|r| {
        let round = Round::parse(&r.value);
        if round.is_none() {
            dec.error(
                r.pos,
                format!(
                    "round `{}` is not one of: {}",
                    r.value.trim(),
                    Round::ACCEPTED
                ),
            );
        }
        round
    });
    let lead: Vec<Reference> = dec
        .texts(&f, "lead")
        .into_iter()
        .map(|t| named(dec, "company reference", t))
        .map(Reference::from_text)
        .collect();
    let valuation_basis = dec.choice(&f, "valuation_basis", ValuationBasis::CHOICES);
    let valuation = f.get("valuation").and_then(|m| money(dec, m, day));
    let stake = dec.optional_text(&f, "stake").and_then(|s| {
        if is_percentage(&s.value) {
            Some(s.value.trim().to_string())
        } else {
            dec.error(
                s.pos,
                format!("stake `{}` is not a percentage such as \"49%\"", s.value),
            );
            None
        }
    });
    let status = dec.choice(&f, "status", DealStatus::CHOICES);
    let note = dec.optional_localized(&f, "note");
    let complete = dec.error_count() == start;
    if !complete && id.is_none() {
        return None;
    }
    Some(DealMention {
        id,
        pos: node.pos,
        kind,
        investors,
        investors_pos: f.key_pos("investors"),
        target,
        amount,
        undisclosed,
        valuation,
        valuation_basis,
        round,
        lead,
        stake,
        status,
        date: date.or_else(|| briefing_date.cloned())?,
        note,
        complete,
    })
}

/// An amount or valuation: text such as `"$10B"`, or `{value, currency}`.
/// `amount: undisclosed` (or `비공개`, `미공개`): the amount is known not to be public.
fn is_undisclosed(node: &Node) -> bool {
    matches!(&node.value, Value::Text(t) if UNDISCLOSED.iter().any(|w| t.trim().eq_ignore_ascii_case(w)))
}

fn money(dec: &mut Decoder, node: &Node, date: jiff::civil::Date) -> Option<Stated> {
    let input = match &node.value {
        Value::Text(t) | Value::Bool(_, t) => MoneyInput::Text(t.clone()),
        Value::Number(n) => MoneyInput::Bare(n.clone()),
        Value::Map(_) => {
            let f = dec.map(node, MONEY_KEYS)?;
            let value = dec.required(&f, "value").and_then(|v| match &v.value {
                Value::Number(n) | Value::Text(n) => Some(n.clone()),
                _ => {
                    dec.error(v.pos, "expected a number here");
                    None
                }
            });
            let currency = dec.required_text(&f, "currency");
            MoneyInput::Map {
                value: value?,
                currency: currency?.value,
            }
        }
        Value::Null | Value::List(_) => {
            dec.push(
                error_at(
                    dec.file(),
                    node.pos,
                    "invalid amount: expected an amount such as \"$10B\" or \"100억달러\", or {value, currency}",
                )
                .with_help(ACCEPTED_FORMS),
            );
            return None;
        }
    };
    match input.to_money() {
        Ok(money) => Some(Stated {
            money,
            pos: node.pos,
            date,
        }),
        Err(e) => {
            dec.push(
                error_at(dec.file(), node.pos, format!("invalid amount: {e}"))
                    .with_help(ACCEPTED_FORMS),
            );
            None
        }
    }
}

fn is_percentage(text: &str) -> bool {
    let t = text.trim();
    t.strip_suffix('%').is_some_and(|n| {
        !n.trim().is_empty()
            && n.trim()
                .parse::<f64>()
                .is_ok_and(|v| (0.0..=100.0).contains(&v))
    })
}

/// The file's text for diagnostics raised after parsing (the index stage).
pub fn source_text<'a>(files: &'a [SourceFile], rel: &str) -> &'a str {
    files
        .iter()
        .find(|f| f.rel == rel)
        .map_or("", |f| f.text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(front_matter: &str) -> (Briefing, Vec<Diagnostic>) {
        let config = crate::config::parse_strict(
            "site.toml",
            "title = \"T\"\nbase_url = \"https://x.org/\"\n",
        )
        .unwrap();
        let src = BriefingSource {
            file: SourceFile {
                rel: "content/briefings/a.md".into(),
                text: format!("---\n{front_matter}---\nBody.\n"),
            },
            stem: "a".into(),
            lang: None,
            group: "a".into(),
            assets: Vec::new(),
        };
        let ctx = ParseContext {
            config: &config,
            linkers: &[],
            bodies: None,
        };
        read_briefing(&src, &ctx)
    }

    fn positions(errors: &[Diagnostic]) -> Vec<(usize, usize)> {
        errors.iter().map(|e| (e.line, e.column)).collect()
    }

    #[test]
    fn a_briefing_with_problems_keeps_what_it_says_of_its_deals() {
        let (b, errors) = read(
            "title: T\ndate: 2025-01-01\ndeals:\n  - id: x\n    investors: [a]\n    target: b\n    status: negociating\n  - id: y\n    target: c\n",
        );
        assert_eq!(positions(&errors), [(8, 13)]);
        assert!(
            b.body_html.is_empty(),
            "a briefing with problems is not rendered"
        );
        assert!(b.deals_complete);
        let x = &b.deals[0];
        assert_eq!(x.target.as_ref().unwrap().text, "b");
        assert_eq!(x.status, None);
        assert!(!x.complete);
        assert!(b.deals[1].complete);
    }

    #[test]
    fn a_deal_whose_derived_id_is_uncertain_is_left_out_and_said_so() {
        // No `id`, and a key lost to a typo: the id derived from parties and year
        // may not be the deal's, so the deal is dropped and the loss recorded.
        let (b, errors) =
            read("title: T\ndate: 2025-01-01\ndeals:\n  - investors: [a]\n    tagret: b\n");
        assert_eq!(
            positions(&errors),
            [(6, 5)],
            "the typo only, no missing target"
        );
        assert!(b.deals.is_empty());
        assert!(!b.deals_complete);
        // A briefing whose date cannot be read loses its deals' default dates.
        let (b, _) = read("title: T\ndate: someday\ndeals:\n  - id: x\n    target: b\n");
        assert!(!b.deals_complete);
    }

    #[test]
    fn every_field_problem_is_reported_once_at_its_place() {
        let (_, errors) = read(
            "titel: T\ndate: 2025-02-30\ndraft: yes\ntags: [ok, [no]]\nsource: {name: X, link: y}\nquotes:\n  - speaker: A\n    txt: hi\n",
        );
        let messages: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{} {}", e.line, e.column, e.message))
            .collect();
        assert_eq!(
            messages,
            [
                "2:1 unknown field `titel`, expected one of title, date, subtitle, slug, summary, authors, source, lang, tags, draft, updated, companies, deals, quotes, corrections",
                "3:7 `2025-02-30` is not a valid date: no such date",
                "4:8 expected true or false",
                "5:12 expected text here, not a list or a map",
                "6:19 unknown field `link`, expected one of name, url",
                "9:5 unknown field `txt`, expected one of speaker, role, company, deal, text",
            ]
        );
    }

    #[test]
    fn a_map_amount_keeps_its_digits_exactly() {
        let (b, errors) = read(
            "title: T\ndate: 2025-01-01\ndeals:\n  - id: x\n    target: b\n    amount: {value: 90071992547409.93, currency: USD}\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let amount = &b.deals[0].amount.as_ref().unwrap().money;
        assert_eq!(amount.value.to_string(), "90071992547409.93");
    }

    #[test]
    fn corrections_are_read_oldest_first_and_set_updated() {
        let (b, errors) = read(
            "title: T\ndate: 2025-06-10\ncorrections:\n  - date: 2025-06-14\n    text: \" 둘째 \"\n  - date: 2025-06-12\n    text: \"투자 규모를 10억달러에서 100억달러로 바로잡습니다.\"\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let texts: Vec<&str> = b.corrections.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            ["투자 규모를 10억달러에서 100억달러로 바로잡습니다.", "둘째"]
        );
        assert_eq!(b.corrections[0].date.ymd(), "2025-06-12");
        assert_eq!(b.updated.as_ref().unwrap().ymd(), "2025-06-14");
        // An explicit `updated` later than the newest correction stays; an
        // earlier one gives way to it.
        let (b, _) = read(
            "title: T\ndate: 2025-06-10\nupdated: 2025-06-20\ncorrections:\n  - date: 2025-06-12\n    text: x\n",
        );
        assert_eq!(b.updated.as_ref().unwrap().ymd(), "2025-06-20");
        let (b, _) = read(
            "title: T\ndate: 2025-06-10\nupdated: 2025-06-11\ncorrections:\n  - date: 2025-06-12\n    text: x\n",
        );
        assert_eq!(b.updated.as_ref().unwrap().ymd(), "2025-06-12");
        let (b, _) = read("title: T\ndate: 2025-06-10\n");
        assert!(b.updated.is_none() && b.corrections.is_empty());
    }

    #[test]
    fn every_correction_problem_is_reported_at_its_place() {
        let (b, errors) = read(
            "title: T\ndate: 2025-06-10\ncorrections:\n  - text: no date\n  - date: 2025-06-12\n  - date: 2025-02-30\n    text: bad date\n  - date: 2025-06-12\n    text: x\n    by: me\n  - date: 2025-06-12\n    text: \"  \"\n  - just text\n",
        );
        assert!(b.corrections.len() <= 1);
        let messages: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{}:{} {}", e.path, e.line, e.column, e.message))
            .collect();
        let at = "content/briefings/a.md";
        assert_eq!(
            messages,
            [
                format!("{at}:5:5 missing field `date`"),
                format!("{at}:6:5 missing field `text`"),
                format!("{at}:7:11 `2025-02-30` is not a valid date: no such date"),
                format!("{at}:11:5 unknown field `by`, expected one of date, text"),
                format!("{at}:13:11 the correction's text is empty"),
                format!("{at}:14:5 expected a map here: `key: value` lines or `{{ key: value }}`"),
            ]
        );
        let (_, errors) = read("title: T\ndate: 2025-06-10\ncorrections: fixed\n");
        assert_eq!(positions(&errors), [(4, 14)]);
        assert!(errors[0].message.starts_with("expected a list"));
    }

    #[test]
    fn stake_must_be_a_percentage() {
        assert!(is_percentage("49%"));
        assert!(is_percentage("12.5 %"));
        assert!(!is_percentage("49"));
        assert!(!is_percentage("half%"));
        assert!(!is_percentage("140%"));
    }
}
