//! The `Site`: what the index stage makes of a site, for one language. Plain
//! data that every later stage reads and none changes.

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Pos};
use crate::model::briefing::Briefing;
use crate::model::company::Company;
use crate::model::date::Moment;
use crate::model::deal::{DealStatus, DealType, Round, Stated, ValuationBasis};
use crate::model::page::Page;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct BriefingEntry {
    /// Shared with the parse cache of `serve` and the other languages' views.
    pub briefing: Arc<Briefing>,
    /// Every company the briefing mentions, resolved, in order of first mention.
    pub company_ids: Vec<String>,
    /// The deals it mentions, in order, each once.
    pub deal_ids: Vec<String>,
    /// The deal id of each of `briefing.deals`, in order.
    pub mention_ids: Vec<String>,
    /// The resolved company of each quote.
    pub quote_companies: Vec<Option<String>>,
    /// Up to 5 related briefings (`related.rs`): sharing a deal, then a
    /// company, then a tag; indexes into `Site::briefings`.
    pub related: Vec<usize>,
}

/// A sum in the display currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    pub value: Decimal,
    pub approx: bool,
}

#[derive(Debug, Clone)]
pub struct CompanyEntry {
    pub company: Company,
    pub parent_id: Option<String>,
    /// Indexes into `Site::briefings`, newest first.
    pub briefings: Vec<usize>,
    /// Indexes into `Site::deals`, newest first.
    pub deals_as_investor: Vec<usize>,
    pub deals_as_target: Vec<usize>,
    /// (briefing, quote) pairs, newest first.
    pub quotes: Vec<(usize, usize)>,
    pub invested_total: Option<Total>,
    pub raised_total: Option<Total>,
}

impl CompanyEntry {
    /// Its deals as investor and as target in one list, newest first (deals
    /// are numbered newest first), each once: `/companies/ID/deals/`.
    pub fn deals(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self
            .deals_as_investor
            .iter()
            .chain(&self.deals_as_target)
            .copied()
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub date: Moment,
    /// The status after this mention (a mention without one keeps the last).
    pub status: DealStatus,
    pub briefing: usize,
    /// The amount and valuation as this mention stated them.
    pub amount: Option<Stated>,
    /// `Some(true)` a figure, `Some(false)` undisclosed, `None` not mentioned.
    pub disclosed: Option<bool>,
    pub valuation: Option<Stated>,
}

#[derive(Debug, Clone)]
pub struct Deal {
    pub id: String,
    pub kind: DealType,
    pub status: DealStatus,
    /// The date of the newest mention.
    pub date: Moment,
    pub investors: Vec<String>,
    pub target: String,
    /// The figure of the newest mention that speaks of the amount, when that
    /// mention gives one (not when it says the amount is undisclosed).
    pub amount: Option<Stated>,
    /// `Some(true)` a figure, `Some(false)` undisclosed, `None` no mention says.
    pub disclosed: Option<bool>,
    pub valuation: Option<Stated>,
    pub valuation_basis: ValuationBasis,
    pub round: Option<Round>,
    /// Lead investors, company ids (each one of `investors`).
    pub lead: Vec<String>,
    pub stake: Option<String>,
    pub note: Option<crate::model::localized::Localized>,
    /// Indexes into `Site::briefings`, newest first.
    pub briefings: Vec<usize>,
    /// One entry per mention, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The quotes about the deal, as (briefing, quote) newest first: those
    /// that name it, and those without a `deal` from briefings that mention
    /// it whose speaker's company is one of its parties.
    pub quotes: Vec<(usize, usize)>,
}

/// Someone quoted in a briefing, keyed by the slug of their name.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub slug: String,
    /// (briefing, quote) pairs, newest first.
    pub quotes: Vec<(usize, usize)>,
}

/// Who and what of one language is known in another under another name: a
/// person quoted as `알렉산더 왕` in Korean briefings and `Alexandr Wang` in
/// their English translations, a tag `투자` that translations write
/// `investment`. Slug to slug; only where the translations show it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counterparts {
    pub people: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct TagEntry {
    pub name: String,
    pub slug: String,
    pub briefings: Vec<usize>,
}

/// A correction as `/corrections/` lists it: its briefing (an index into
/// `Site::briefings`) and its place in that briefing's corrections (from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorrectionRef {
    pub briefing: usize,
    pub index: usize,
}

/// Briefings a build leaves out unless asked: drafts (`--drafts`) and those
/// scheduled, dated after the build (`--future`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub drafts: usize,
    /// The day of each scheduled briefing, soonest first.
    pub scheduled: Vec<String>,
}

/// Everything a site is made of, resolved and cross-linked.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Newest first; ties by slug.
    pub briefings: Vec<BriefingEntry>,
    pub companies: BTreeMap<String, CompanyEntry>,
    /// Newest first; ties by id.
    pub deals: Vec<Deal>,
    pub tags: BTreeMap<String, TagEntry>,
    pub people: BTreeMap<String, Person>,
    pub pages: Vec<Page>,
    /// Every correction of every briefing, newest first (ties: the newer
    /// briefing first, then the later correction).
    pub corrections: Vec<CorrectionRef>,
    /// Problems that do not stop a build but `briefly check` reports.
    pub warnings: Vec<Diagnostic>,
    /// On a multilingual site: each briefing group's URL in every language it has.
    pub translations: BTreeMap<String, BTreeMap<String, String>>,
    /// On a multilingual site, by other language: the people and tags of
    /// this language that are known there under another slug.
    pub counterparts: BTreeMap<String, Counterparts>,
    /// What the build left out: drafts, and briefings dated after now (their dates).
    pub left_out: LeftOut,
    pub(super) deal_positions: HashMap<String, usize>,
    /// The archive (section 7): the briefings of each year of their date,
    /// indexes into `briefings`, newest first.
    pub years: BTreeMap<i16, Vec<usize>>,
}

impl Site {
    /// Whether the briefing at `i` has its page in this site's language. On a
    /// multilingual site an untranslated briefing of another language is listed
    /// but lives in its own language's pages.
    pub fn is_local(&self, i: usize) -> bool {
        !self.config.is_multilingual() || self.briefings[i].briefing.lang == self.config.language
    }

    /// `list` (briefing indexes, newest first) with this language's briefings
    /// first and untranslated ones of other languages after them (section 10).
    pub fn local_first(&self, list: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let (mut local, foreign): (Vec<usize>, Vec<usize>) =
            list.into_iter().partition(|&i| self.is_local(i));
        local.extend(foreign);
        local
    }

    /// The base URL of the briefing at `i`'s language.
    fn briefing_base(&self, i: usize) -> crate::url::SiteUrl {
        if self.is_local(i) {
            self.config.base_url.clone()
        } else {
            self.config.language_url(&self.briefings[i].briefing.lang)
        }
    }

    /// The absolute URL of the briefing at `i`, in its own language.
    pub fn briefing_permalink(&self, i: usize) -> String {
        let slug = &self.briefings[i].briefing.slug;
        self.briefing_base(i)
            .join(&crate::paths::briefing_path(slug))
    }

    /// The root-relative link to the briefing at `i`, in its own language.
    pub fn briefing_link(&self, i: usize) -> String {
        let slug = &self.briefings[i].briefing.slug;
        self.briefing_base(i)
            .link(&crate::paths::briefing_path(slug))
    }

    /// The correction `r` points at.
    pub fn correction(&self, r: CorrectionRef) -> &crate::model::briefing::Correction {
        &self.briefings[r.briefing].briefing.corrections[r.index]
    }

    /// The position in `deals` of the deal with this id.
    pub fn deal_index(&self, id: &str) -> Option<usize> {
        self.deal_positions.get(id).copied()
    }
}

/// What to leave out of the site.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
}

pub use crate::texts::Texts;

pub(super) fn error(texts: &Texts, path: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(path, &texts.get(path), pos.line, pos.column, message)
}
