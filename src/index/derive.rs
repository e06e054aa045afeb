//! What each briefing adds to the site: its entry, its place on the pages of
//! its companies, the people it quotes and its tags.

use super::resolve::BriefingRefs;
use super::site::{BriefingEntry, CompanyEntry, Person, TagEntry};
use crate::model::briefing::Briefing;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The briefings' entries, tags and people.
pub(super) type Derived = (
    Vec<BriefingEntry>,
    BTreeMap<String, TagEntry>,
    BTreeMap<String, Person>,
);

/// Adds each briefing (newest first) to its companies, people and tags.
pub(super) fn briefings(
    briefings: Vec<Arc<Briefing>>,
    refs: Vec<BriefingRefs>,
    companies: &mut BTreeMap<String, CompanyEntry>,
) -> Derived {
    let mut tags: BTreeMap<String, TagEntry> = BTreeMap::new();
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut briefing_entries = Vec::with_capacity(briefings.len());
    for (bi, (b, refs)) in briefings.into_iter().zip(refs).enumerate() {
        let BriefingRefs {
            company_ids,
            deal_ids,
            mention_ids,
            quote_companies,
        } = refs;
        for id in &company_ids {
            if let Some(c) = companies.get_mut(id) {
                c.briefings.push(bi);
            }
        }
        for (qi, company) in quote_companies.iter().enumerate() {
            if let Some(c) = company.as_ref().and_then(|id| companies.get_mut(id)) {
                c.quotes.push((bi, qi));
            }
        }
        for (qi, q) in b.quotes.iter().enumerate() {
            let slug = crate::model::slug::slugify(&q.speaker);
            if slug.is_empty() {
                continue;
            }
            people
                .entry(slug.clone())
                .or_insert_with(|| Person {
                    name: q.speaker.clone(),
                    slug,
                    quotes: Vec::new(),
                })
                .quotes
                .push((bi, qi));
        }
        for (name, slug) in &b.tags {
            tags.entry(slug.clone())
                .or_insert_with(|| TagEntry {
                    name: name.clone(),
                    slug: slug.clone(),
                    briefings: Vec::new(),
                })
                .briefings
                .push(bi);
        }
        briefing_entries.push(BriefingEntry {
            briefing: b,
            company_ids,
            deal_ids,
            mention_ids,
            quote_companies,
            related: Vec::new(),
        });
    }
    (briefing_entries, tags, people)
}
