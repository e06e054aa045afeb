//! A briefing, validated: what the parse stage makes of a file and every
//! later stage reads.

use super::Reference;
use super::asset::AssetFile;
use super::date::Moment;
use super::deal::DealMention;
use super::localized::Localized;
use crate::diagnostics::Pos;
use crate::spill::{Spill, Stored};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RawSource {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub speaker: String,
    pub speaker_pos: Pos,
    pub role: Option<Localized>,
    pub company: Option<Reference>,
    /// The deal the quote is about (`deal: ID`, slugified) and where it is written.
    pub deal: Option<(String, Pos)>,
    pub text: String,
}

/// A correction of a briefing: the day it was made and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub date: Moment,
    pub text: String,
}

/// `updated` as a briefing's corrections set it: the newest correction's
/// date, unless the briefing gives a later `updated` itself.
pub fn updated_with(updated: Option<Moment>, corrections: &[Correction]) -> Option<Moment> {
    let newest = corrections.iter().map(|c| &c.date).max().cloned();
    match (updated, newest) {
        (Some(u), Some(n)) => Some(u.max(n)),
        (u, n) => u.or(n),
    }
}

#[derive(Debug, Clone, PartialEq)]
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
    /// Whether `deals` holds every deal the front matter mentions. Only a
    /// briefing that failed to parse lacks some (an unreadable date or deal);
    /// the index then cannot tell which deals another briefing's mention lacks.
    pub deals_complete: bool,
    pub quotes: Vec<Quote>,
    /// Oldest first; a correction's number on the page (`#correction-N`) is
    /// its place here, counted from 1.
    pub corrections: Vec<Correction>,
    /// Rendered once by the parse stage; a build keeps it in its spill file.
    pub body_html: Stored,
    /// Whether the body goes into a feed's CDATA section as it is (see `feeds`).
    pub body_cdata_plain: bool,
    pub reading_minutes: usize,
    /// The search tokens of the body, each once, space-separated (the body's
    /// text itself is not kept: it is the largest thing a build would hold).
    pub body_terms: Stored,
    pub assets: Vec<AssetFile>,
}

impl Briefing {
    /// Moves the body and its search terms into the build's spill file: the
    /// two largest things a briefing holds, read by a few pages only.
    pub fn spill_into(&mut self, spill: &Arc<Spill>) {
        self.body_html.spill_into(spill);
        self.body_terms.spill_into(spill);
    }
}
