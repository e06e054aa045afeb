//! What each briefing adds to the site: its entry, its place on the pages of
//! its companies, the people it quotes and its tags.

use super::resolve::BriefingRefs;
use super::site::{BriefingEntry, CompanyEntry, Person, TagEntry};
use crate::model::briefing::Briefing;
use std::collections::{BTreeMap, HashMap};
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
    let mut by_id = super::companies::by_id(companies);
    // Each speaker's slug, made once: people are quoted again and again.
    let mut slugs: HashMap<&str, String, foldhash::fast::RandomState> = HashMap::default();
    for (bi, (b, refs)) in briefings.iter().zip(refs).enumerate() {
        let BriefingRefs {
            company_ids,
            deal_ids,
            mention_ids,
            quote_companies,
        } = refs;
        for id in &company_ids {
            if let Some(c) = by_id.get_mut(id.as_str()) {
                c.briefings.push(bi);
            }
        }
        for (qi, company) in quote_companies.iter().enumerate() {
            if let Some(c) = company.as_ref().and_then(|id| by_id.get_mut(id.as_str())) {
                c.quotes.push((bi, qi));
            }
        }
        for (qi, q) in b.quotes.iter().enumerate() {
            let slug = slugs
                .entry(q.speaker.as_str())
                .or_insert_with(|| crate::model::slug::slugify(&q.speaker));
            if slug.is_empty() {
                continue;
            }
            if let Some(person) = people.get_mut(slug.as_str()) {
                person.quotes.push((bi, qi));
            } else {
                people.insert(
                    slug.clone(),
                    Person {
                        name: q.speaker.clone(),
                        slug: slug.clone(),
                        quotes: vec![(bi, qi)],
                    },
                );
            }
        }
        for (name, slug) in &b.tags {
            if let Some(tag) = tags.get_mut(slug) {
                tag.briefings.push(bi);
            } else {
                tags.insert(
                    slug.clone(),
                    TagEntry {
                        name: name.clone(),
                        slug: slug.clone(),
                        briefings: vec![bi],
                    },
                );
            }
        }
        briefing_entries.push(BriefingEntry {
            briefing: Arc::clone(b),
            company_ids,
            deal_ids,
            mention_ids,
            quote_companies,
            related: Vec::new(),
        });
    }
    (briefing_entries, tags, people)
}
