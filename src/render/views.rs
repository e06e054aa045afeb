//! What templates see: typed views of the `Site`, with URLs joined to base_url
//! and money formatted for the page's language. Each view is a `Serialize`
//! struct whose fields are the keys templates read (the README's theme
//! contract); `tera::Value::from_serializable` turns it into a template value.
//!
//! Summaries are shared: a briefing summary appears on the home page and on
//! tag, company and deal pages, so `ViewCache` keeps one template value per
//! summary for a render pass, built from the same structs with their parts
//! (company, tag and deal chips) as shared values. Tera values share their
//! contents (`Arc`), and serializing a `tera::Value` inside a struct keeps
//! that sharing, so each page takes a reference instead of a copy.

use super::flat::serialize_beside;
use super::i18n::{format_date, text};
use crate::index::{CorrectionRef, Site, Total, total_in};
use crate::model::briefing::RawSource;
use crate::model::date::Moment;
use crate::model::localized::Localized;
use crate::model::money::{Bound, Money, format_amount, round_significant};
use crate::paths::{company_path, correction_anchor, deal_path, person_path, tag_path};
use jiff::civil::Date;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A decimal as a template number: an integer when it is one, else the
/// nearest float.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecimalNumber(pub Decimal);

impl Serialize for DecimalNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if d.fract().is_zero()
            && let Some(i) = d.to_i64()
        {
            // Unsigned when not negative, as JSON numbers always reached templates.
            return match u64::try_from(i) {
                Ok(u) => serializer.serialize_u64(u),
                Err(_) => serializer.serialize_i64(i),
            };
        }
        match d.to_f64() {
            Some(f) => serializer.serialize_f64(f),
            None => serializer.serialize_none(),
        }
    }
}

/// A decimal as its digits in a string (`"10000000000"`): every digit kept,
/// which a template number (a float past 2^53) would not do.
struct DecimalText<'d>(&'d Decimal);

impl Serialize for DecimalText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

/// A day: `ymd` (`2025-06-10`), `display` in the page's language, `rfc3339`.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub ymd: String,
    pub display: String,
    pub rfc3339: String,
}

/// Money, the one shape templates get for an amount: a stated one (a deal's
/// amount or valuation) or a total the index summed. The `money` filter reads
/// `value`, `currency`, `approx` and `bound`.
#[derive(Debug, Clone)]
pub struct MoneyView<'a> {
    /// The exact decimal's digits, as a string.
    pub value: Decimal,
    pub currency: &'a str,
    pub approx: bool,
    /// `up_to`, `at_least` or none.
    pub bound: Option<&'static str>,
    /// The amount in the display currency, a number; none without a rate.
    pub display: Option<DecimalNumber>,
    pub kind: MoneyKind<'a>,
}

impl Serialize for MoneyView<'_> {
    /// `kind`'s fields beside the others (`flat`); `value` as its digits.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let MoneyView {
            value,
            currency,
            approx,
            bound,
            display,
            kind,
        } = self;
        let mut view = serializer.serialize_struct("MoneyView", 9)?;
        view.serialize_field("value", &DecimalText(value))?;
        view.serialize_field("currency", currency)?;
        view.serialize_field("approx", approx)?;
        view.serialize_field("bound", bound)?;
        view.serialize_field("display", display)?;
        super::flat::fields_into(kind, &mut view)?;
        view.end()
    }
}

/// What only a stated amount or only a total has.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum MoneyKind<'a> {
    /// An amount as a briefing wrote it.
    Stated {
        /// As written: `100억 달러`; pages show `formatted`.
        text: &'a str,
        /// The amount in the page's language: `100억 달러`, `$10B`.
        formatted: String,
        /// The amount converted into the page language's display currency,
        /// rounded, in the page's language (`약 13조 원`, `about $9.5B`); none
        /// when the amount or its stated equivalent is in that currency.
        converted: Option<String>,
        /// The equivalent the briefing gave beside it, in the page's language;
        /// none when it is in the amount's own currency.
        equivalent: Option<String>,
    },
    /// A sum in the display currency.
    Total {
        /// Rounded, in the page's language: `$14.3B`, `143억 달러`.
        compact: String,
        /// Exact, in the page's language; none when it says what `compact` says.
        exact: Option<String>,
    },
}

/// A company as a link: `id`, `name` (in the page's language), `url`,
/// `registered` (it has a profile in content/companies/).
#[derive(Debug, Clone, Serialize)]
pub struct CompanyRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub registered: bool,
}

/// A tag as a link.
#[derive(Debug, Clone, Serialize)]
pub struct TagRef<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
}

/// A tag as the tag list shows it: its link and how many briefings carry it.
#[derive(Debug, Clone)]
pub struct TagSummary<'a> {
    pub tag: TagRef<'a>,
    pub count: usize,
}

impl Serialize for TagSummary<'_> {
    serialize_beside!(TagSummary { ..tag; count });
}

/// A deal as a chip in lists: who into whom, and the amount in the page's language.
#[derive(Debug, Clone, Serialize)]
pub struct DealChip {
    pub url: String,
    pub label: String,
    /// The amount as the briefing stated it (or "undisclosed"), in the page's language.
    pub amount: Option<String>,
    /// The status the briefing stated, if it gave one.
    pub status: Option<&'static str>,
    pub status_label: Option<&'static str>,
}

/// A briefing as a link, under a quote or in a deal's history.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingRef<'a> {
    pub slug: &'a str,
    pub title: Cow<'a, str>,
    pub url: String,
    pub date: DateView,
}

/// What every view of a briefing says about it.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingHead<'a> {
    pub slug: &'a str,
    pub title: Cow<'a, str>,
    pub subtitle: Option<Cow<'a, str>>,
    pub url: String,
    pub permalink: String,
    /// Listed on a page of another language, linking to its own.
    pub untranslated: bool,
    pub date: DateView,
    pub summary: Cow<'a, str>,
    /// The summary as cards show it: cut to about `CARD_EXCERPT_CHARS`, at a
    /// word, with `…` (lists are for scanning; the summary is on the page).
    pub excerpt: Cow<'a, str>,
    pub lang: &'a str,
    pub draft: bool,
}

/// How much of a summary a card shows, in characters.
pub const CARD_EXCERPT_CHARS: usize = 200;

/// `summary` cut for a card, borrowing it when it is short enough.
fn excerpt_of(summary: Cow<'_, str>) -> Cow<'_, str> {
    match summary {
        Cow::Borrowed(text) => super::excerpt::cut(text, CARD_EXCERPT_CHARS),
        Cow::Owned(text) => Cow::Owned(super::excerpt::cut(&text, CARD_EXCERPT_CHARS).into_owned()),
    }
}

/// A briefing as lists show it: its head with its tags, companies and deal
/// chips. The parts are typed views, or shared template values of them in
/// the summaries `ViewCache` keeps.
#[derive(Debug, Clone)]
pub struct BriefingSummary<'a, Tag = TagRef<'a>, Company = CompanyRef<'a>, Deal = DealChip> {
    pub head: BriefingHead<'a>,
    pub tags: Vec<Tag>,
    pub companies: Vec<Company>,
    pub deals: Vec<Deal>,
}

impl<Tag: Serialize, Company: Serialize, Deal: Serialize> Serialize
    for BriefingSummary<'_, Tag, Company, Deal>
{
    serialize_beside!(BriefingSummary { ..head; tags, companies, deals });
}

/// A briefing's own page: a summary whose `deals` are the deals as this
/// briefing stated them, with its body, authors, source and quotes.
#[derive(Debug, Clone)]
pub struct BriefingPage<'a> {
    pub head: BriefingHead<'a>,
    pub tags: Vec<TagRef<'a>>,
    pub companies: Vec<CompanyRef<'a>>,
    /// Each deal with the amount and status this briefing gave, when it gave them.
    pub deals: Vec<DealSummary<'a>>,
    pub body: std::borrow::Cow<'a, str>,
    pub reading_minutes: usize,
    pub authors: &'a [String],
    pub source: Option<&'a RawSource>,
    pub updated: Option<DateView>,
    pub quotes: Vec<QuoteView<'a>>,
    /// Oldest first.
    pub corrections: Vec<CorrectionView<'a>>,
    /// Deals this briefing stated that have moved on since (section 4).
    pub updates: Vec<DealUpdate>,
    /// Up to 5 related briefings (shared briefing summaries): sharing a
    /// deal, then a company, then a tag, newest first.
    pub related: Vec<tera::Value>,
}

impl Serialize for BriefingPage<'_> {
    serialize_beside!(BriefingPage {
        ..head;
        tags,
        companies,
        deals,
        body,
        reading_minutes,
        authors,
        source,
        updated,
        quotes,
        corrections,
        updates,
        related,
    });
}

/// A deal whose status or amount changed after a briefing stated it: a
/// sentence in the page's language and a link to the deal.
#[derive(Debug, Clone, Serialize)]
pub struct DealUpdate {
    pub url: String,
    pub text: String,
}

/// A correction of a briefing: its day, its text, and its anchor on the
/// briefing's page (`correction-N`, N counted from 1, oldest first).
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionView<'a> {
    pub date: DateView,
    pub text: Cow<'a, str>,
    pub anchor: String,
}

/// A correction as `/corrections/` lists it: the correction, a link to it on
/// its briefing's page (`url`), and the briefing.
#[derive(Debug, Clone)]
pub struct CorrectionItem<'a> {
    pub correction: CorrectionView<'a>,
    pub url: String,
    pub briefing: BriefingRef<'a>,
    /// The briefing's language, and whether it is listed from another language.
    pub lang: &'a str,
    pub untranslated: bool,
}

impl Serialize for CorrectionItem<'_> {
    serialize_beside!(CorrectionItem { ..correction; url, briefing, lang, untranslated });
}

/// A quote: who said it (`speaker_url` is their page), in which briefing.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView<'a> {
    pub speaker: &'a str,
    pub speaker_url: Option<String>,
    pub role: Option<&'a str>,
    pub text: Cow<'a, str>,
    /// The language the quote is written in, where it is not the page's: a
    /// Korean quote on an English page keeps Korean line breaking.
    pub lang: Option<&'a str>,
    /// The language the role is written in, where it is not the page's.
    pub role_lang: Option<&'a str>,
    /// Shared values: the company's `company_ref`, the briefing's `briefing_ref`.
    pub company: Option<tera::Value>,
    pub briefing: tera::Value,
}

/// What every view of a deal says about it.
#[derive(Debug, Clone, Serialize)]
pub struct DealHead<'a> {
    pub id: &'a str,
    pub url: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub type_label: &'static str,
    pub status: &'static str,
    pub status_label: &'static str,
    pub date: DateView,
    pub amount: Option<MoneyView<'a>>,
    /// `true` a figure, `false` undisclosed (no `amount`), `None` unknown.
    pub disclosed: Option<bool>,
    pub valuation: Option<MoneyView<'a>>,
    pub stake: Option<&'a str>,
    /// `series-a` and the like, and how the page's language says it.
    pub round: Option<String>,
    pub round_label: Option<String>,
}

/// A deal as lists show it: its head with its parties, typed views or, in
/// the summaries `ViewCache` keeps, shared template values of them.
#[derive(Debug, Clone)]
pub struct DealSummary<'a, Company = CompanyRef<'a>> {
    pub head: DealHead<'a>,
    pub investors: Vec<Company>,
    pub target: Company,
}

impl<Company: Serialize> Serialize for DealSummary<'_, Company> {
    serialize_beside!(DealSummary { ..head; investors, target });
}

/// A deal's own page: a summary with its note, history, quotes and briefings.
#[derive(Debug, Clone)]
pub struct DealPage<'a> {
    pub summary: DealSummary<'a>,
    pub note: Option<Cow<'a, str>>,
    /// Lead investors, each one of `investors`.
    pub lead: Vec<CompanyRef<'a>>,
    /// `post` or `pre` (money), and how the page's language says it.
    pub valuation_basis: &'static str,
    pub valuation_basis_label: &'static str,
    /// The amounts the mentions stated, in order, each once: the story of a
    /// revised figure (`100억 달러 → 약 143억 달러`).
    pub revisions: Vec<MoneyView<'a>>,
    pub history: Vec<HistoryView<'a>>,
    pub quotes: Vec<QuoteView<'a>>,
    /// Shared briefing summaries.
    pub briefings: Vec<tera::Value>,
}

impl Serialize for DealPage<'_> {
    serialize_beside!(DealPage {
        ..summary;
        note,
        lead,
        valuation_basis,
        valuation_basis_label,
        revisions,
        history,
        quotes,
        briefings,
    });
}

/// A step of a deal's history: the status a briefing reported on a day.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView<'a> {
    pub date: DateView,
    pub status: &'static str,
    pub status_label: &'static str,
    pub briefing: BriefingRef<'a>,
    /// The amount and valuation as this mention stated them.
    pub amount: Option<MoneyView<'a>>,
    pub disclosed: Option<bool>,
    pub valuation: Option<MoneyView<'a>>,
}

/// A company as the company list shows it.
#[derive(Debug, Clone)]
pub struct CompanySummary<'a> {
    pub company: CompanyRef<'a>,
    pub sector: Option<&'a str>,
    pub hq: Option<&'a str>,
    pub briefing_count: usize,
    pub deal_count: usize,
    pub invested_total: Option<MoneyView<'a>>,
    pub raised_total: Option<MoneyView<'a>>,
}

impl Serialize for CompanySummary<'_> {
    serialize_beside!(CompanySummary {
        ..company;
        sector,
        hq,
        briefing_count,
        deal_count,
        invested_total,
        raised_total,
    });
}

/// A company's own page: its summary, profile, quotes, deals and briefings.
#[derive(Debug, Clone)]
pub struct CompanyPage<'a> {
    pub summary: CompanySummary<'a>,
    /// Other names, without the one the page shows and, on pages not in
    /// Korean, without names written in Hangul.
    pub aliases: Vec<&'a str>,
    pub website: Option<&'a str>,
    pub founded: Option<&'a str>,
    pub founders: Vec<&'a str>,
    pub parent: Option<CompanyRef<'a>>,
    /// The profile's body as HTML.
    pub description: &'a str,
    pub quotes: Vec<QuoteView<'a>>,
    /// Shared deal summaries.
    pub deals_as_investor: Vec<tera::Value>,
    pub deals_as_target: Vec<tera::Value>,
    /// `/companies/ID/deals/`, when the page shows only the newest of either list.
    pub all_deals: Option<String>,
    pub quote_count: usize,
    /// `/companies/ID/quotes/`, when the page shows only the newest quotes.
    pub all_quotes: Option<String>,
    /// How many of its deals (as investor or target) have an undisclosed amount.
    pub undisclosed_deals: usize,
    /// Shared briefing summaries.
    pub briefings: Vec<tera::Value>,
}

impl Serialize for CompanyPage<'_> {
    serialize_beside!(CompanyPage {
        ..summary;
        aliases,
        website,
        founded,
        founders,
        parent,
        description,
        quotes,
        deals_as_investor,
        deals_as_target,
        all_deals,
        quote_count,
        all_quotes,
        undisclosed_deals,
        briefings,
    });
}

/// A person as the people list shows them: their newest quote says who they
/// are now (`role`, `company`).
#[derive(Debug, Clone, Serialize)]
pub struct PersonSummary<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: usize,
    pub role: Option<&'a str>,
    pub company: Option<CompanyRef<'a>>,
}

/// A person's own page: the summary with every quote.
#[derive(Debug, Clone)]
pub struct PersonPage<'a> {
    pub summary: PersonSummary<'a>,
    pub quotes: Vec<QuoteView<'a>>,
}

impl Serialize for PersonPage<'_> {
    serialize_beside!(PersonPage { ..summary; quotes });
}

/// Template values of briefing and deal summaries, made once per render pass:
/// a summary appears on the home page, tag, company and deal pages, and Tera
/// values share their contents (`Arc`), so each page takes a reference.
#[derive(Debug, Default)]
pub struct ViewCache {
    /// What templates see as `config`.
    pub config: OnceLock<tera::Value>,
    briefings: OnceLock<Vec<OnceLock<tera::Value>>>,
    /// The same with `card`, the briefing's card rendered once (`Cards`).
    carded: OnceLock<Vec<OnceLock<tera::Value>>>,
    deals: OnceLock<Vec<OnceLock<tera::Value>>>,
    /// The parts summaries share: one value per company and tag, referenced
    /// from every summary that shows it instead of copied. (Deal chips are
    /// each briefing's own: they show the deal as that briefing stated it.)
    company_refs: OnceLock<HashMap<String, tera::Value>>,
    /// By (name as written, slug): briefings may write one tag differently.
    tag_refs: OnceLock<HashMap<(String, String), tera::Value>>,
    /// The search index's files (`super::search::prepare`), made in one pass.
    pub search: OnceLock<SearchFiles>,
    /// What each briefing's entry prints alike in every feed it is in (the
    /// site's, its companies', deals', tags', people's): made once.
    feed_stamps: OnceLock<Vec<OnceLock<FeedStamp>>>,
    /// Company ids in the order of their names: every page of `/companies/`
    /// shows a window of it, and sorting the site's companies for each was
    /// a visible cost.
    pub companies_by_name: OnceLock<Vec<String>>,
    /// Every briefing in the home page's order (`Site::local_first`): each
    /// page of `/page/N/` shows a window of it, and ordering the whole site
    /// for each made the home pages' cost grow with the square of the site.
    pub home_order: OnceLock<Vec<usize>>,
    /// `briefing_ref` values (`Views::briefing_ref_item`), by briefing.
    briefing_refs: OnceLock<Vec<OnceLock<tera::Value>>>,
}

/// A briefing's permalink (its feed entry's id and link), its times as
/// feeds print them (RFC 3339 in the site's time zone), and its title and
/// summary as pages show them (`shown`) where that differs from the text as
/// written.
#[derive(Debug)]
pub struct FeedStamp {
    pub url: String,
    pub published: String,
    pub updated: String,
    pub title: Option<String>,
    pub summary: Option<String>,
    /// Its JSON Feed item as feeds that carry summaries print it (every
    /// company's, deal's, tag's and person's, by default): alike in each, so
    /// made for the first and copied into the others. JSON escapes a
    /// character at a time, so this saves most of those feeds' work; Atom
    /// entries, escaped 32 bytes at a look, are made in each (keeping them
    /// too would cost as much memory again for half the gain).
    pub json_item: OnceLock<Box<serde_json::value::RawValue>>,
}

impl FeedStamp {
    /// `shown(title)`, from the stamp or the briefing.
    pub fn title<'a>(&'a self, b: &'a crate::model::briefing::Briefing) -> &'a str {
        self.title.as_deref().unwrap_or(&b.title)
    }

    /// `shown(summary)`, from the stamp or the briefing.
    pub fn summary<'a>(&'a self, b: &'a crate::model::briefing::Briefing) -> &'a str {
        self.summary.as_deref().unwrap_or(&b.summary)
    }
}

impl ViewCache {
    /// The feed stamp of the briefing at `i` of `len`, made by `make` the first time.
    pub fn feed_stamp(&self, len: usize, i: usize, make: impl FnOnce() -> FeedStamp) -> &FeedStamp {
        cell(&self.feed_stamps, len, i).get_or_init(make)
    }
}

/// Every file of a language's search index, as bytes (see `super::search`).
#[derive(Debug, Default)]
pub struct SearchFiles {
    pub manifest: Vec<u8>,
    pub shards: Vec<Vec<u8>>,
    pub chunks: Vec<Vec<u8>>,
}

/// A copy of a site may be changed: it starts with nothing cached.
impl Clone for ViewCache {
    fn clone(&self) -> Self {
        ViewCache::default()
    }
}

fn cached(
    cells: &OnceLock<Vec<OnceLock<tera::Value>>>,
    len: usize,
    i: usize,
    make: impl FnOnce() -> tera::Value,
) -> tera::Value {
    cell(cells, len, i).get_or_init(make).clone()
}

/// The `i`th of `len` cells, the cells made on first use.
fn cell<T>(cells: &OnceLock<Vec<OnceLock<T>>>, len: usize, i: usize) -> &OnceLock<T> {
    &cells.get_or_init(|| (0..len).map(|_| OnceLock::new()).collect())[i]
}

/// Text from front matter as pages show it: with smart punctuation when
/// `smart_punctuation` is on (section 3), as written otherwise, and an
/// amount's words bound by no-break spaces (`약 143억달러`, `$14.3 billion`),
/// so no line ends inside an amount. The data API keeps it as written.
pub fn shown<'s>(site: &Site, text: &'s str) -> Cow<'s, str> {
    let smart = if site.config.smart_punctuation && crate::typography::needs_smartening(text) {
        Cow::Owned(crate::typography::smarten(text))
    } else {
        Cow::Borrowed(text)
    };
    match crate::typography::bind_amounts(&smart) {
        Some(bound) => Cow::Owned(bound),
        None => smart,
    }
}

/// `text` with a word joiner beside each mark inside a Korean word a
/// browser would break (`typography::join_korean_words`): HTML pages print
/// titles and summaries as text, where no `<span class="nobr">` can go.
pub fn joined(text: Cow<'_, str>) -> Cow<'_, str> {
    match crate::typography::join_korean_words(&text) {
        Some(j) => Cow::Owned(j),
        None => text,
    }
}

/// A view as a template value.
pub fn value(view: &impl Serialize) -> tera::Value {
    tera::Value::from_serializable(view)
}

/// How the page's language names a round: `시리즈 A`, `Series A`.
pub(super) fn round_label(round: &str, lang: &str) -> String {
    if let Some(letter) = round.strip_prefix("series-") {
        let letter = letter.to_uppercase();
        return match lang {
            "ko" => format!("시리즈 {letter}"),
            _ => format!("Series {letter}"),
        };
    }
    label(lang, "round", round).to_string()
}

/// `status_closed` and the like in the page's language.
fn label(lang: &str, prefix: &str, key: &str) -> &'static str {
    text(lang, &format!("{prefix}_{key}"))
}

/// The part of a list a page shows: page `page` (counted from 1) of `per`
/// items each (section 7: every list is paginated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub page: usize,
    pub per: usize,
}

impl Window {
    /// The newest `per`: what an entity page shows of its other lists.
    pub fn first(per: usize) -> Window {
        Window { page: 1, per }
    }

    /// The items of `list` on this page.
    pub fn of<I: IntoIterator>(self, list: I) -> impl Iterator<Item = I::Item> {
        list.into_iter()
            .skip(self.page.saturating_sub(1) * self.per)
            .take(self.per)
    }
}

pub struct Views<'a> {
    pub site: &'a Site,
    pub lang: &'a str,
    /// Summaries made once per render of this site.
    cache: &'a ViewCache,
    /// What renders a briefing's card into its list value, when pages are rendered.
    cards: Option<&'a dyn Cards>,
    /// Whether shown text gets word joiners (`joined`): on for HTML, off
    /// for a plain-text digest.
    joined: bool,
}

/// Renders a briefing's card (the theme's `partials/briefing_item.html`)
/// from its list value, once per briefing and site: a briefing shows in
/// many lists, and interpreting the partial again in each was a tenth of a
/// build. The card sees `b` and what every page sees of the site; `None`
/// when the partial cannot render on its own (a theme's partial that reads
/// the page around it): templates then include it as before.
pub trait Cards: Sync {
    fn card(&self, site: &Site, cache: &ViewCache, item: &tera::Value) -> Option<String>;
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site, cache: &'a ViewCache) -> Self {
        Views {
            site,
            lang: &site.config.language,
            cache,
            cards: None,
            joined: true,
        }
    }

    /// These views without word joiners, for plain text.
    pub fn plain(self) -> Self {
        Views {
            joined: false,
            ..self
        }
    }

    /// Front-matter text as these views show it: `shown`, with the Korean
    /// words a browser would break joined (`joined`).
    fn shown<'s>(&self, text: &'s str) -> Cow<'s, str> {
        self.join(shown(self.site, text))
    }

    fn join<'s>(&self, text: Cow<'s, str>) -> Cow<'s, str> {
        if self.joined { joined(text) } else { text }
    }

    /// These views with briefing items carrying their rendered `card`.
    pub fn with_cards(self, cards: Option<&'a dyn Cards>) -> Self {
        Views { cards, ..self }
    }

    /// A link inside the site, keeping base_url's path: `/briefs/companies/meta/`.
    pub fn url(&self, path: &str) -> String {
        self.site.config.base_url.link(path)
    }

    /// The absolute URL: `https://x.github.io/briefs/companies/meta/`.
    pub fn permalink(&self, path: &str) -> String {
        self.site.config.base_url.join(path)
    }

    pub fn date(&self, d: &Moment) -> DateView {
        DateView {
            ymd: d.ymd(),
            display: format_date(d.day, self.lang),
            rfc3339: d.rfc3339(),
        }
    }

    /// A free-text field in this page's language (section 5).
    pub fn local(&self, text: &'a Option<Localized>) -> Option<&'a str> {
        text.as_ref()
            .and_then(|t| t.get(self.lang, &self.site.config.default_language))
    }

    /// The currency pages of this language show converted figures and totals in.
    pub fn display_currency(&self) -> &'a str {
        self.site.config.display_currency_for(self.lang)
    }

    /// An amount in the page's language.
    fn format(&self, value: Decimal, currency: &str, approx: bool, bound: Option<Bound>) -> String {
        format_amount(value, currency, approx, bound, self.lang)
    }

    /// The converted figure beside an amount: rounded to three significant
    /// digits, in the page language's display currency and language, marked
    /// approximate. None when the amount already is in that currency, when the
    /// briefing stated an equivalent in it (that is shown instead: one figure
    /// per currency), or without a rate.
    fn converted(&self, m: &Money, on: Date) -> Option<String> {
        let into = self.display_currency();
        if m.currency == into || m.equivalent.as_ref().is_some_and(|e| e.currency == into) {
            return None;
        }
        let rates = &self.site.config.rates;
        let figure = rates.convert_into(m.value, &m.currency, into, on)?;
        Some(self.format(round_significant(figure), into, true, m.bound))
    }

    /// An amount, its converted figures at day `on`: that of the mention that stated it.
    pub fn money<'m>(&self, m: &'m Money, on: Date) -> MoneyView<'m> {
        let rates = &self.site.config.rates;
        MoneyView {
            value: m.value,
            currency: &m.currency,
            approx: m.approx,
            bound: m.bound.map(Bound::as_str),
            display: rates.convert(m.value, &m.currency, on).map(DecimalNumber),
            kind: MoneyKind::Stated {
                text: &m.text,
                formatted: self.format(m.value, &m.currency, m.approx, m.bound),
                converted: self.converted(m, on),
                equivalent: m
                    .equivalent
                    .as_ref()
                    .filter(|e| e.currency != m.currency)
                    .map(|e| self.format(e.value, &e.currency, e.approx, None)),
            },
        }
    }

    /// A company's total `t` over `deals`, in the page language's display
    /// currency (summed again from the deals when that is not the site's).
    pub fn total(&self, t: &Total, deals: &[usize]) -> MoneyView<'a> {
        let currency = self.display_currency();
        let shown = if currency == self.site.config.rates.display_currency {
            t.clone()
        } else {
            let deals = deals.iter().map(|&i| &self.site.deals[i]);
            total_in(deals, &self.site.config.rates, currency).unwrap_or_else(|| t.clone())
        };
        self.total_view(t, shown)
    }

    /// A total as pages show it: `site` is the sum in the site's display
    /// currency (the `display` figure), `shown` the same deals summed in the
    /// page language's display currency.
    pub fn total_view(&self, site: &Total, shown: Total) -> MoneyView<'a> {
        let currency = self.display_currency();
        MoneyView {
            value: shown.value,
            currency,
            approx: shown.approx,
            bound: None,
            display: Some(DecimalNumber(site.value)),
            kind: {
                let compact =
                    self.format(round_significant(shown.value), currency, shown.approx, None);
                let exact = self.format(shown.value, currency, shown.approx, None);
                MoneyKind::Total {
                    exact: (exact != compact).then_some(exact),
                    compact,
                }
            },
        }
    }

    /// A company's name in the page's language; its id when it has no entry.
    pub fn company_name<'i>(&self, id: &'i str) -> &'i str
    where
        'a: 'i,
    {
        self.site.companies.get(id).map_or(id, |c| {
            c.company.names.get(self.lang).unwrap_or(&c.company.name)
        })
    }

    pub fn company_ref<'i>(&self, id: &'i str) -> CompanyRef<'i>
    where
        'a: 'i,
    {
        CompanyRef {
            id,
            name: self.company_name(id),
            url: self.url(&company_path(id)),
            registered: self
                .site
                .companies
                .get(id)
                .is_some_and(|c| c.company.registered),
        }
    }

    /// The link to the briefing at `i`, in its own language.
    pub fn briefing_url(&self, i: usize) -> String {
        self.site.briefing_link(i)
    }

    pub fn briefing_ref(&self, i: usize) -> BriefingRef<'a> {
        let b = &self.site.briefings[i].briefing;
        BriefingRef {
            slug: &b.slug,
            title: self.shown(&b.title),
            url: self.briefing_url(i),
            date: self.date(&b.date),
        }
    }

    /// `briefing_ref` as a template value, made once per render pass and
    /// shared by the briefing's quotes wherever they are shown.
    fn briefing_ref_item(&self, i: usize) -> tera::Value {
        cached(
            &self.cache.briefing_refs,
            self.site.briefings.len(),
            i,
            || value(&self.briefing_ref(i)),
        )
    }

    /// `briefing_summary` as a template value, made once per render pass,
    /// with `card` (its card's HTML) when these views render cards.
    pub fn briefing_item(&self, i: usize) -> tera::Value {
        let Some(cards) = self.cards else {
            return self.list_item(i);
        };
        cached(&self.cache.carded, self.site.briefings.len(), i, || {
            // Made anew, not taken from the plain items: a shared value
            // would be copied to take the card, and both kept.
            let item = self.summary_value(i);
            let Some(html) = cards.card(self.site, self.cache, &item) else {
                return item;
            };
            let mut map = item.into_map().unwrap_or_default();
            map.insert(
                tera::value::Key::Str("card"),
                tera::Value::safe_string(&html),
            );
            tera::Value::from(map)
        })
    }

    /// `briefing_summary` as a template value, made once per render pass.
    fn list_item(&self, i: usize) -> tera::Value {
        cached(&self.cache.briefings, self.site.briefings.len(), i, || {
            self.summary_value(i)
        })
    }

    /// `briefing_summary` as a template value, its companies, tags and deals
    /// shared with every other summary.
    fn summary_value(&self, i: usize) -> tera::Value {
        let entry = &self.site.briefings[i];
        let summary: BriefingSummary<tera::Value, tera::Value, tera::Value> = BriefingSummary {
            head: self.briefing_head(i),
            tags: entry
                .briefing
                .tags
                .iter()
                .map(|t| self.tag_item(t))
                .collect(),
            companies: entry
                .company_ids
                .iter()
                .map(|id| self.company_item(id))
                .collect(),
            deals: entry
                .deal_ids
                .iter()
                .filter_map(|id| self.stated_chip(i, id))
                .map(|chip| value(&chip))
                .collect(),
        };
        value(&summary)
    }

    /// `company_ref` as a shared template value.
    fn company_item(&self, id: &str) -> tera::Value {
        let refs = self.cache.company_refs.get_or_init(|| {
            self.site
                .companies
                .keys()
                .map(|id| (id.clone(), value(&self.company_ref(id))))
                .collect()
        });
        refs.get(id)
            .cloned()
            .unwrap_or_else(|| value(&self.company_ref(id)))
    }

    /// `tag_ref` as a shared template value.
    fn tag_item(&self, tag: &(String, String)) -> tera::Value {
        let refs = self.cache.tag_refs.get_or_init(|| {
            let mut refs = HashMap::new();
            for (name, slug) in self.site.briefings.iter().flat_map(|b| &b.briefing.tags) {
                refs.entry((name.clone(), slug.clone()))
                    .or_insert_with(|| value(&self.tag_ref(name, slug)));
            }
            refs
        });
        refs.get(tag)
            .cloned()
            .unwrap_or_else(|| value(&self.tag_ref(&tag.0, &tag.1)))
    }

    pub fn tag_ref<'t>(&self, name: &'t str, slug: &'t str) -> TagRef<'t> {
        TagRef {
            name,
            slug,
            url: self.url(&tag_path(slug)),
        }
    }

    /// Template values of the briefings at `indices`, local ones first.
    /// The briefings at `indices` on page `window`: this language's first,
    /// then untranslated ones of other languages.
    pub fn briefing_items(
        &self,
        indices: impl IntoIterator<Item = usize>,
        window: Window,
    ) -> Vec<tera::Value> {
        window
            .of(self.site.local_first(indices))
            .map(|i| self.briefing_item(i))
            .collect()
    }

    /// `deal_summary` as a template value, made once per render pass, its
    /// parties shared with every other summary.
    pub fn deal_item(&self, i: usize) -> tera::Value {
        let site = self.site;
        cached(&self.cache.deals, site.deals.len(), i, || {
            let d = &site.deals[i];
            let summary: DealSummary<tera::Value> = DealSummary {
                head: self.deal_head(i),
                investors: d.investors.iter().map(|id| self.company_item(id)).collect(),
                target: self.company_item(&d.target),
            };
            value(&summary)
        })
    }

    /// Template values of the deals at `indices`.
    pub fn deal_items<'l>(&self, indices: impl IntoIterator<Item = &'l usize>) -> Vec<tera::Value> {
        indices.into_iter().map(|&i| self.deal_item(i)).collect()
    }

    /// A briefing as lists show it, built whole (`briefing_item` is the
    /// shared template value of it).
    pub fn briefing_summary(&self, i: usize) -> BriefingSummary<'a> {
        let entry = &self.site.briefings[i];
        BriefingSummary {
            head: self.briefing_head(i),
            tags: self.tag_refs(i),
            companies: self.company_refs(&entry.company_ids),
            deals: entry
                .deal_ids
                .iter()
                .filter_map(|id| self.stated_chip(i, id))
                .collect(),
        }
    }

    fn tag_refs(&self, i: usize) -> Vec<TagRef<'a>> {
        let b = &self.site.briefings[i].briefing;
        b.tags
            .iter()
            .map(|(name, slug)| self.tag_ref(name, slug))
            .collect()
    }

    fn company_refs(&self, ids: &'a [String]) -> Vec<CompanyRef<'a>> {
        ids.iter().map(|id| self.company_ref(id)).collect()
    }

    pub fn briefing_head(&self, i: usize) -> BriefingHead<'a> {
        let b = &self.site.briefings[i].briefing;
        BriefingHead {
            slug: &b.slug,
            title: self.shown(&b.title),
            subtitle: b.subtitle.as_deref().map(|s| self.shown(s)),
            url: self.briefing_url(i),
            permalink: self.site.briefing_permalink(i),
            untranslated: !self.site.is_local(i),
            date: self.date(&b.date),
            summary: self.shown(&b.summary),
            excerpt: self.join(excerpt_of(shown(self.site, &b.summary))),
            lang: &b.lang,
            draft: b.draft,
        }
    }

    /// A deal as a chip in lists: who into whom, and the amount in the page's language.
    /// Deal `id` as a chip on briefing `bi`'s card: its parties, and the
    /// amount and status as that briefing stated them (section 4), not the
    /// deal's current state.
    pub fn stated_chip(&self, bi: usize, id: &str) -> Option<DealChip> {
        let di = self.site.deal_index(id)?;
        let entry = &self.site.briefings[bi];
        let mention = entry
            .mention_ids
            .iter()
            .zip(&entry.briefing.deals)
            .find(|(m, _)| m.as_str() == id)
            .map(|(_, mention)| mention)?;
        let amount = match (&mention.amount, mention.undisclosed) {
            (Some(a), _) => {
                let m = &a.money;
                Some(self.format(m.value, &m.currency, m.approx, m.bound))
            }
            (None, Some(_)) => Some(text(self.lang, "undisclosed").to_string()),
            (None, None) => None,
        };
        Some(DealChip {
            url: self.url(&deal_path(&self.site.deals[di].id)),
            label: self.deal_name(di),
            amount,
            status: mention.status.map(|s| s.as_str()),
            status_label: mention
                .status
                .map(|s| label(self.lang, "status", s.as_str())),
        })
    }

    /// Quote `qi` of the briefing at `bi`; marked with its language where
    /// that differs from the page's (a translation keeps a quote verbatim).
    pub fn quote(&self, bi: usize, qi: usize) -> QuoteView<'a> {
        let entry = &self.site.briefings[bi];
        let q = &entry.briefing.quotes[qi];
        let slug = crate::model::slug::slugify(&q.speaker);
        let role = self.local(&q.role);
        let other = |text: &str| {
            Some(text_language(text, &entry.briefing.lang)).filter(|l| *l != self.lang)
        };
        QuoteView {
            speaker: &q.speaker,
            speaker_url: (!slug.is_empty()).then(|| self.url(&person_path(&slug))),
            role,
            text: self.shown(&q.text),
            lang: other(&q.text),
            role_lang: role.and_then(other),
            company: entry.quote_companies[qi]
                .as_deref()
                .map(|id| self.company_item(id)),
            briefing: self.briefing_ref_item(bi),
        }
    }

    pub fn quotes<'l>(
        &self,
        list: impl IntoIterator<Item = &'l (usize, usize)>,
    ) -> Vec<QuoteView<'a>> {
        list.into_iter()
            .map(|&(bi, qi)| self.quote(bi, qi))
            .collect()
    }

    pub fn briefing_page(&self, i: usize) -> BriefingPage<'a> {
        let entry = &self.site.briefings[i];
        let b = &entry.briefing;
        let deals = entry
            .mention_ids
            .iter()
            .zip(&b.deals)
            .filter_map(|(id, mention)| {
                let mut deal = self.deal_summary(self.site.deal_index(id)?);
                if let Some(amount) = &mention.amount {
                    deal.head.amount = Some(self.money(&amount.money, amount.date));
                }
                if let Some(disclosed) = mention.disclosed() {
                    deal.head.disclosed = Some(disclosed);
                    if !disclosed {
                        deal.head.amount = None;
                    }
                }
                if let Some(status) = mention.status {
                    deal.head.status = status.as_str();
                    deal.head.status_label = label(self.lang, "status", status.as_str());
                }
                Some(deal)
            })
            .collect();
        BriefingPage {
            head: self.briefing_head(i),
            tags: self.tag_refs(i),
            companies: self.company_refs(&entry.company_ids),
            deals,
            body: b.body_html.get(),
            reading_minutes: b.reading_minutes,
            authors: &b.authors,
            source: b.source_ref.as_ref(),
            updated: b.updated.as_ref().map(|d| self.date(d)),
            quotes: (0..b.quotes.len()).map(|qi| self.quote(i, qi)).collect(),
            corrections: (0..b.corrections.len())
                .map(|ci| self.correction(i, ci))
                .collect(),
            updates: self.deal_updates(i),
            related: entry
                .related
                .iter()
                .map(|&r| self.briefing_item(r))
                .collect(),
        }
    }

    /// The deals of briefing `i` whose merged status, or amount (by value,
    /// currency, approx and bound), differs from what the briefing stated,
    /// each dated by the newest mention that changed it.
    fn deal_updates(&self, i: usize) -> Vec<DealUpdate> {
        let entry = &self.site.briefings[i];
        let mut updates = Vec::new();
        for (id, mention) in entry.mention_ids.iter().zip(&entry.briefing.deals) {
            let Some(di) = self.site.deal_index(id) else {
                continue;
            };
            let d = &self.site.deals[di];
            let status_moved = mention.status.is_some_and(|s| s != d.status);
            let amount_moved = match (&mention.amount, &d.amount) {
                (Some(stated), Some(now)) => !stated.money.same_amount(&now.money),
                (Some(_), None) => d.disclosed == Some(false),
                _ => false,
            };
            if !status_moved && !amount_moved {
                continue;
            }
            // The newest mention whose status or amount differs from the one before it.
            let changed = d
                .history
                .windows(2)
                .rev()
                .find(|w| {
                    w[0].status != w[1].status
                        || match (&w[0].amount, &w[1].amount) {
                            (Some(a), Some(b)) => !a.money.same_amount(&b.money),
                            (None, Some(_)) => true,
                            _ => w[1].disclosed.is_some() && w[0].disclosed != w[1].disclosed,
                        }
                })
                .map_or(&d.history[d.history.len() - 1], |w| &w[1]);
            let date = format_date(changed.date.day, self.lang);
            let key = if status_moved {
                format!("update_{}", d.status.as_str())
            } else {
                "update_amount".to_string()
            };
            updates.push(DealUpdate {
                url: self.url(&deal_path(&d.id)),
                text: text(self.lang, &key).replace("{date}", &date),
            });
        }
        updates
    }

    /// Correction `ci` of the briefing at `bi`.
    pub fn correction(&self, bi: usize, ci: usize) -> CorrectionView<'a> {
        let c = &self.site.briefings[bi].briefing.corrections[ci];
        CorrectionView {
            date: self.date(&c.date),
            text: self.shown(&c.text),
            anchor: correction_anchor(ci + 1),
        }
    }

    /// A correction as the list of every correction shows it.
    pub fn correction_item(&self, r: CorrectionRef) -> CorrectionItem<'a> {
        let correction = self.correction(r.briefing, r.index);
        CorrectionItem {
            url: format!("{}#{}", self.briefing_url(r.briefing), correction.anchor),
            correction,
            briefing: self.briefing_ref(r.briefing),
            lang: &self.site.briefings[r.briefing].briefing.lang,
            untranslated: !self.site.is_local(r.briefing),
        }
    }

    /// A deal as lists show it, built whole (`deal_item` is the shared
    /// template value of it).
    pub fn deal_summary(&self, i: usize) -> DealSummary<'a> {
        let d = &self.site.deals[i];
        DealSummary {
            head: self.deal_head(i),
            investors: self.company_refs(&d.investors),
            target: self.company_ref(&d.target),
        }
    }

    fn deal_head(&self, i: usize) -> DealHead<'a> {
        let d = &self.site.deals[i];
        DealHead {
            id: &d.id,
            url: self.url(&deal_path(&d.id)),
            kind: d.kind.as_str(),
            type_label: label(self.lang, "type", d.kind.as_str()),
            status: d.status.as_str(),
            status_label: label(self.lang, "status", d.status.as_str()),
            date: self.date(&d.date),
            amount: d.amount.as_ref().map(|s| self.money(&s.money, s.date)),
            disclosed: d.disclosed,
            valuation: d.valuation.as_ref().map(|s| self.money(&s.money, s.date)),
            stake: d.stake.as_deref(),
            round: d.round.map(|r| r.as_str()),
            round_label: d.round.map(|r| round_label(&r.as_str(), self.lang)),
        }
    }

    /// The deal at `i`, with page `window` of its briefings.
    pub fn deal_page(&self, i: usize, window: Window) -> DealPage<'a> {
        let d = &self.site.deals[i];
        let history = d
            .history
            .iter()
            .map(|h| HistoryView {
                date: self.date(&h.date),
                status: h.status.as_str(),
                status_label: label(self.lang, "status", h.status.as_str()),
                briefing: self.briefing_ref(h.briefing),
                amount: h.amount.as_ref().map(|s| self.money(&s.money, s.date)),
                disclosed: h.disclosed,
                valuation: h.valuation.as_ref().map(|s| self.money(&s.money, s.date)),
            })
            .collect();
        let mut revisions: Vec<&crate::model::deal::Stated> = Vec::new();
        for h in &d.history {
            if let Some(a) = &h.amount
                && revisions
                    .last()
                    .is_none_or(|last| !last.money.same_amount(&a.money))
            {
                revisions.push(a);
            }
        }
        let revisions = if revisions.len() > 1 {
            revisions
                .into_iter()
                .map(|s| self.money(&s.money, s.date))
                .collect()
        } else {
            Vec::new()
        };
        let quotes = self.quotes(&d.quotes);
        DealPage {
            summary: self.deal_summary(i),
            note: self.local(&d.note).map(|n| self.shown(n)),
            lead: self.company_refs(&d.lead),
            valuation_basis: d.valuation_basis.as_str(),
            valuation_basis_label: label(self.lang, "valuation_basis", d.valuation_basis.as_str()),
            revisions,
            history,
            quotes,
            briefings: self.briefing_items(d.briefings.iter().copied(), window),
        }
    }

    pub fn company_summary(&self, id: &str) -> CompanySummary<'a> {
        let (id, c) = self
            .site
            .companies
            .get_key_value(id)
            .expect("a company of the site");
        CompanySummary {
            company: self.company_ref(id),
            sector: self.local(&c.company.sector),
            hq: self.local(&c.company.hq),
            briefing_count: c.briefings.len(),
            deal_count: c.deals_as_investor.len() + c.deals_as_target.len(),
            invested_total: c
                .invested_total
                .as_ref()
                .map(|t| self.total(t, &c.deals_as_investor)),
            raised_total: c
                .raised_total
                .as_ref()
                .map(|t| self.total(t, &c.deals_as_target)),
        }
    }

    /// The company `id` with page `window` of its briefings; the first page
    /// also shows the newest of its deals and quotes, and links to all of them.
    pub fn company_page(&self, id: &str, window: Window) -> CompanyPage<'a> {
        let (id, c) = self
            .site
            .companies
            .get_key_value(id)
            .expect("a company of the site");
        let co = &c.company;
        let first = Window::first(window.per);
        CompanyPage {
            summary: self.company_summary(id),
            aliases: {
                let shown = crate::model::slug::name_key(self.company_name(id));
                let hangul = |a: &str| a.chars().any(crate::tokenize::is_hangul);
                co.aliases
                    .iter()
                    .map(String::as_str)
                    .filter(|a| crate::model::slug::name_key(a) != shown)
                    .filter(|a| self.lang == "ko" || !hangul(a))
                    .collect()
            },
            website: co.website.as_deref(),
            founded: co.founded.as_deref(),
            founders: co
                .founders
                .iter()
                .filter_map(|f| f.get(self.lang, &self.site.config.default_language))
                .collect(),
            parent: c.parent_id.as_deref().map(|p| self.company_ref(p)),
            description: co.description(self.lang),
            quotes: self.quotes(first.of(&c.quotes)),
            quote_count: c.quotes.len(),
            all_quotes: (!c.quotes.is_empty())
                .then(|| self.url(&format!("{}quotes/", company_path(id)))),
            deals_as_investor: self.deal_items(first.of(&c.deals_as_investor)),
            deals_as_target: self.deal_items(first.of(&c.deals_as_target)),
            // Always linked when there is a list: it is the page to share.
            all_deals: (!c.deals_as_investor.is_empty() || !c.deals_as_target.is_empty())
                .then(|| self.url(&format!("{}deals/", company_path(id)))),
            undisclosed_deals: c
                .deals_as_investor
                .iter()
                .chain(&c.deals_as_target)
                .filter(|&&di| self.site.deals[di].disclosed == Some(false))
                .count(),
            briefings: self.briefing_items(c.briefings.iter().copied(), window),
        }
    }

    /// `Meta, Naver → Scale AI`: how a deal is named in titles.
    pub fn deal_name(&self, i: usize) -> String {
        let d = &self.site.deals[i];
        let investors: Vec<&str> = d.investors.iter().map(|id| self.company_name(id)).collect();
        format!(
            "{} → {}",
            investors.join(", "),
            self.company_name(&d.target)
        )
    }

    pub fn person_summary(&self, slug: &str) -> PersonSummary<'a> {
        let (slug, p) = self
            .site
            .people
            .get_key_value(slug)
            .expect("a person of the site");
        // The newest quote says who the person is now.
        let latest = p.quotes.first().map(|&(bi, qi)| {
            let entry = &self.site.briefings[bi];
            (&entry.briefing.quotes[qi], &entry.quote_companies[qi])
        });
        PersonSummary {
            name: &p.name,
            slug: &p.slug,
            url: self.url(&person_path(slug)),
            count: p.quotes.len(),
            role: latest.and_then(|(q, _)| self.local(&q.role)),
            company: latest
                .and_then(|(_, company)| company.as_deref())
                .map(|id| self.company_ref(id)),
        }
    }

    /// The person `slug` with page `window` of their quotes.
    pub fn person_page(&self, slug: &str, window: Window) -> PersonPage<'a> {
        PersonPage {
            summary: self.person_summary(slug),
            quotes: self.quotes(window.of(&self.site.people[slug].quotes)),
        }
    }

    pub fn tag_summary(&self, slug: &str) -> TagSummary<'a> {
        let (slug, t) = self
            .site
            .tags
            .get_key_value(slug)
            .expect("a tag of the site");
        TagSummary {
            tag: TagRef {
                name: &t.name,
                slug: &t.slug,
                url: self.url(&tag_path(slug)),
            },
            count: t.briefings.len(),
        }
    }
}

/// The language a quote or a role is written in, by its letters: Korean
/// with Hangul, English with Latin letters only, else its briefing's. A
/// translated briefing keeps quotes as spoken, so its language may not be theirs.
fn text_language<'t>(text: &str, briefing: &'t str) -> &'t str {
    if text.chars().any(crate::tokenize::is_hangul) {
        "ko"
    } else if text.chars().any(|c| c.is_ascii_alphabetic())
        && !text.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
    {
        "en"
    } else {
        briefing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_in_the_language_of_its_letters() {
        assert_eq!(text_language("살기 위해 투자한다", "en"), "ko");
        assert_eq!(text_language("AI는 혼자 못 한다", "en"), "ko");
        assert_eq!(text_language("Data is everything", "ko"), "en");
        assert_eq!(text_language("Ça va très bien", "en"), "en");
        assert_eq!(text_language("2025!", "ko"), "ko");
    }
}
