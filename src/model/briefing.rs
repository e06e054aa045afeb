//! A briefing: front matter validated into domain types, body rendered to HTML.

use super::Reference;
use super::date::{Moment, parse_moment};
use super::deal::{DealMention, DealStatus, DealType, Stated};
use super::money_input::MoneyInput;
use super::slug::slugify;
use crate::config::{Config, LANGUAGES};
use crate::diagnostics::Diagnostic;
use crate::front_matter::{self, Pos, error_at};
use crate::load::{AssetFile, BriefingSource, SourceFile};
use crate::markdown::{self, Linker, MarkdownOptions};
use crate::model::money::ACCEPTED_FORMS;
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBriefing {
    title: Spanned<String>,
    date: Spanned<String>,
    subtitle: Option<String>,
    slug: Option<Spanned<String>>,
    summary: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    source: Option<Spanned<RawSource>>,
    lang: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    updated: Option<Spanned<String>>,
    #[serde(default)]
    companies: Vec<Spanned<String>>,
    #[serde(default)]
    deals: Vec<Spanned<RawDeal>>,
    #[serde(default)]
    quotes: Vec<RawQuote>,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeal {
    id: Option<Spanned<String>>,
    #[serde(rename = "type")]
    kind: Option<DealType>,
    #[serde(default)]
    investors: Vec<Spanned<String>>,
    target: Option<Spanned<String>>,
    amount: Option<Spanned<MoneyInput>>,
    valuation: Option<Spanned<MoneyInput>>,
    stake: Option<Spanned<String>>,
    status: Option<DealStatus>,
    date: Option<Spanned<String>>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuote {
    speaker: Spanned<String>,
    role: Option<String>,
    company: Option<Spanned<String>>,
    text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub speaker: String,
    pub speaker_pos: Pos,
    pub role: Option<String>,
    pub company: Option<Reference>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Briefing {
    /// The source file, as diagnostics name it.
    pub source: String,
    /// Shared by a briefing and its translations (section 10).
    pub group: String,
    /// A `NAME.LANG.md` file: a translation of the briefing in `NAME.md`.
    pub is_translation: bool,
    /// Whether the front matter set `slug` (a translation inherits its original's otherwise).
    pub slug_explicit: bool,
    pub slug: String,
    pub slug_pos: Pos,
    pub title: String,
    pub subtitle: Option<String>,
    pub date: Moment,
    pub updated: Option<Moment>,
    pub summary: String,
    pub authors: Vec<String>,
    pub source_ref: Option<RawSource>,
    pub lang: String,
    /// Tags as written, with their slugs.
    pub tags: Vec<(String, String)>,
    pub draft: bool,
    pub companies: Vec<Reference>,
    pub deals: Vec<DealMention>,
    pub quotes: Vec<Quote>,
    pub body_html: String,
    /// Whether the body goes into a feed's CDATA section as it is (see `feeds`).
    pub body_cdata_plain: bool,
    pub reading_minutes: usize,
    /// The search tokens of the body, each once, space-separated (the body's
    /// text itself is not kept: it is the largest thing a build would hold).
    pub body_terms: String,
    pub assets: Vec<AssetFile>,
}

/// What parsing a briefing needs from the rest of the build.
pub struct ParseContext<'a> {
    pub config: &'a Config,
    pub linker: Option<&'a Linker>,
}

impl ParseContext<'_> {
    pub fn markdown_options(&self) -> MarkdownOptions {
        self.config.markdown_options()
    }
}

/// Parses one briefing, reporting every problem in its front matter.
pub fn parse_briefing(
    src: &BriefingSource,
    ctx: &ParseContext,
) -> Result<Briefing, Vec<Diagnostic>> {
    let file = &src.file;
    let split = front_matter::split(file).map_err(|d| vec![d])?;
    let raw: RawBriefing = front_matter::deserialize(file, &split).map_err(|d| vec![d])?;
    let yl = split.yaml_line;
    let mut errors = Vec::new();
    let pos = |loc: &serde_saphyr::Location| Pos::of(loc, yl);
    let tz = &ctx.config.timezone;

    let date = match parse_moment(&raw.date.value, tz) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(error_at(file, pos(&raw.date.referenced), e));
            None
        }
    };
    let updated = raw
        .updated
        .as_ref()
        .and_then(|u| match parse_moment(&u.value, tz) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(error_at(file, pos(&u.referenced), e));
                None
            }
        });
    let title = raw.title.value.trim().to_string();
    if title.is_empty() {
        errors.push(error_at(
            file,
            pos(&raw.title.referenced),
            "the title is empty",
        ));
    }
    let (slug_text, slug_pos) = match &raw.slug {
        Some(s) => (s.value.clone(), pos(&s.referenced)),
        None => (src.stem.clone(), Pos { line: 1, column: 1 }),
    };
    let slug = slugify(&slug_text);
    if slug.is_empty() {
        errors.push(error_at(
            file,
            slug_pos,
            format!("`{slug_text}` gives an empty slug; use letters or digits"),
        ));
    }
    let lang = match &raw.lang {
        // The file name's language wins: `x.en.md` is English.
        _ if src.lang.is_some() => src.lang.clone().unwrap_or_default(),
        Some(l) if !LANGUAGES.contains(&l.value.as_str()) => {
            errors.push(
                error_at(
                    file,
                    pos(&l.referenced),
                    format!("unknown language `{}`", l.value),
                )
                .with_help(format!("use one of: {}", LANGUAGES.join(", "))),
            );
            ctx.config.language.clone()
        }
        Some(l) => l.value.clone(),
        None => ctx.config.language.clone(),
    };
    let mut tags: Vec<(String, String)> = Vec::new();
    for tag in &raw.tags {
        let name = tag.value.trim().to_string();
        let tag_slug = slugify(&name);
        if tag_slug.is_empty() {
            errors.push(error_at(
                file,
                pos(&tag.referenced),
                format!("tag `{name}` has no letters or digits"),
            ));
        } else if !tags.iter().any(|(_, s)| *s == tag_slug) {
            tags.push((name, tag_slug));
        }
    }
    // Company references and speakers name pages: each must give a slug.
    let references = raw
        .companies
        .iter()
        .chain(raw.deals.iter().flat_map(|d| {
            let d = &d.value;
            d.investors.iter().chain(d.target.iter())
        }))
        .chain(raw.quotes.iter().filter_map(|q| q.company.as_ref()))
        .map(|r| ("company reference", r))
        .chain(raw.quotes.iter().map(|q| ("speaker", &q.speaker)));
    for (what, s) in references {
        if let Some(message) = super::empty_slug(what, &s.value) {
            errors.push(error_at(file, pos(&s.referenced), message));
        }
    }
    if let Some(source) = &raw.source
        && let Some(url) = &source.value.url
        && let Err(e) = super::check_web_url(url)
    {
        errors.push(error_at(
            file,
            pos(&source.referenced),
            format!("source url: {e}"),
        ));
    }
    let companies = raw
        .companies
        .iter()
        .map(|c| Reference::from_spanned(c, yl))
        .collect();

    let mut deals = Vec::new();
    for raw_deal in &raw.deals {
        let deal_pos = pos(&raw_deal.referenced);
        let d = &raw_deal.value;
        let mut money = |m: &Option<Spanned<MoneyInput>>| -> Option<Stated> {
            let m = m.as_ref()?;
            match m.value.to_money() {
                Ok(money) => Some(Stated {
                    money,
                    pos: pos(&m.referenced),
                }),
                Err(e) => {
                    errors.push(
                        error_at(file, pos(&m.referenced), format!("invalid amount: {e}"))
                            .with_help(ACCEPTED_FORMS),
                    );
                    None
                }
            }
        };
        let amount = money(&d.amount);
        let valuation = money(&d.valuation);
        let deal_date = match &d.date {
            Some(s) => match parse_moment(&s.value, tz) {
                Ok(m) => Some(m),
                Err(e) => {
                    errors.push(error_at(file, pos(&s.referenced), e));
                    None
                }
            },
            None => date.clone(),
        };
        let id = match &d.id {
            Some(s) => {
                let id = slugify(&s.value);
                if id.is_empty() {
                    errors.push(error_at(
                        file,
                        pos(&s.referenced),
                        format!("deal id `{}` has no letters or digits", s.value),
                    ));
                }
                Some(id)
            }
            None => None,
        };
        if id.is_none() && (d.investors.is_empty() || d.target.is_none()) {
            errors.push(error_at(
                file,
                deal_pos,
                "a deal needs an `id`, or `investors` and a `target` to derive one from",
            ));
        }
        let stake = match &d.stake {
            Some(s) if !is_percentage(&s.value) => {
                errors.push(error_at(
                    file,
                    pos(&s.referenced),
                    format!("stake `{}` is not a percentage such as \"49%\"", s.value),
                ));
                None
            }
            Some(s) => Some(s.value.trim().to_string()),
            None => None,
        };
        if let Some(deal_date) = deal_date {
            deals.push(DealMention {
                id,
                pos: deal_pos,
                kind: d.kind,
                investors: d
                    .investors
                    .iter()
                    .map(|i| Reference::from_spanned(i, yl))
                    .collect(),
                target: d.target.as_ref().map(|t| Reference::from_spanned(t, yl)),
                amount,
                valuation,
                stake,
                status: d.status,
                date: deal_date,
                note: d.note.clone(),
            });
        }
    }

    let quotes = raw
        .quotes
        .iter()
        .map(|q| Quote {
            speaker: q.speaker.value.trim().to_string(),
            speaker_pos: pos(&q.speaker.referenced),
            role: q.role.clone(),
            company: q.company.as_ref().map(|c| Reference::from_spanned(c, yl)),
            text: q.text.trim().to_string(),
        })
        .collect();

    // The body is rendered even when the front matter has problems, so a
    // refused link is reported with them.
    let rendered = markdown::render(split.body, &ctx.markdown_options(), ctx.linker);
    errors.extend(markdown::refused_errors(
        file,
        split.body,
        &rendered.refused,
    ));
    let Some(date) = date else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let reading_minutes = crate::markdown::reading_minutes(&rendered.text, &lang);
    Ok(Briefing {
        reading_minutes,
        body_cdata_plain: crate::render::feeds::cdata_plain(&rendered.html),
        source: file.rel.clone(),
        group: src.group.clone(),
        is_translation: src.lang.is_some(),
        slug_explicit: raw.slug.is_some(),
        slug,
        slug_pos,
        title,
        subtitle: raw.subtitle,
        date,
        updated,
        summary: raw
            .summary
            .map(|s| s.trim().to_string())
            .unwrap_or(rendered.summary),
        authors: raw.authors,
        source_ref: raw.source.map(|s| s.value),
        lang,
        tags,
        draft: raw.draft,
        companies,
        deals,
        quotes,
        body_html: rendered.html,
        body_terms: crate::render::search::terms(&rendered.text),
        assets: src.assets.clone(),
    })
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

    #[test]
    fn stake_must_be_a_percentage() {
        assert!(is_percentage("49%"));
        assert!(is_percentage("12.5 %"));
        assert!(!is_percentage("49"));
        assert!(!is_percentage("half%"));
        assert!(!is_percentage("140%"));
    }
}
