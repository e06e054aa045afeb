//! References resolved: each briefing's companies, deal parties and quote
//! companies become company ids (unregistered ones created on first sight),
//! and each deal mention gets its deal id.

use crate::diagnostics::Pos;
use crate::model::Reference;
use crate::model::briefing::Briefing;
use crate::model::company::{Registry, Resolved};
use crate::model::deal::default_id;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Resolves references, creating unregistered companies on first sight.
pub(super) struct Resolver<'a> {
    pub(super) registry: &'a Registry,
    pub(super) unregistered: BTreeMap<String, (String, String, Pos)>,
    /// Each reference text as written -> its id. A site names the same few
    /// thousand companies over and over (ten times a briefing in the
    /// benchmark), and resolving one normalizes its text (NFKC, case) and
    /// looks it up up to three times.
    seen: HashMap<String, String, foldhash::fast::RandomState>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(registry: &'a Registry) -> Self {
        Resolver {
            registry,
            unregistered: BTreeMap::new(),
            seen: HashMap::default(),
        }
    }

    pub(super) fn resolve(&mut self, source: &str, r: &Reference) -> String {
        // A text seen before resolved the same way, and an unregistered
        // company keeps where it was first seen: nothing more to record.
        if let Some(id) = self.seen.get(r.text.as_str()) {
            return id.clone();
        }
        let id = match self.registry.resolve(&r.text) {
            Resolved::Registered(id) => id,
            Resolved::Unregistered { id, name } => {
                self.unregistered
                    .entry(id.clone())
                    .or_insert((name, source.to_string(), r.pos));
                id
            }
        };
        self.seen.insert(r.text.clone(), id.clone());
        id
    }
}

/// What the index keeps of one briefing's references, in its order.
pub(super) struct BriefingRefs {
    pub company_ids: Vec<String>,
    pub deal_ids: Vec<String>,
    /// The deal id of each of its mentions.
    pub mention_ids: Vec<String>,
    /// The company id of each quote's `company`.
    pub quote_companies: Vec<Option<String>>,
}

/// Deal id -> its mentions, as (briefing index, mention index).
pub(super) type Mentions = BTreeMap<String, Vec<(usize, usize)>>;

/// Resolves every briefing's references, in order.
pub(super) fn resolve_briefings(
    briefings: &[Arc<Briefing>],
    resolver: &mut Resolver,
) -> (Vec<BriefingRefs>, Mentions) {
    let mut entries = Vec::with_capacity(briefings.len());
    // deal id -> (briefing index, mention index)
    let mut mentions = Mentions::new();
    for (bi, b) in briefings.iter().enumerate() {
        let mut company_ids: Vec<String> = Vec::new();
        let add = |id: String, ids: &mut Vec<String>| {
            if !ids.contains(&id) {
                ids.push(id);
            }
        };
        for r in &b.companies {
            add(resolver.resolve(&b.source, r), &mut company_ids);
        }
        let mut deal_ids = Vec::new();
        let mut ids_of_mentions = Vec::new();
        for (mi, m) in b.deals.iter().enumerate() {
            let investors: Vec<String> = m
                .investors
                .iter()
                .map(|r| resolver.resolve(&b.source, r))
                .collect();
            let target = m.target.as_ref().map(|r| resolver.resolve(&b.source, r));
            for id in investors.iter().chain(target.iter()) {
                add(id.clone(), &mut company_ids);
            }
            let id = match (&m.id, &target) {
                (Some(id), _) => id.clone(),
                (None, Some(t)) => default_id(&investors, t, m.date.day.year()),
                (None, None) => continue,
            };
            mentions.entry(id.clone()).or_default().push((bi, mi));
            if !deal_ids.contains(&id) {
                deal_ids.push(id.clone());
            }
            ids_of_mentions.push(id);
        }
        let quote_companies: Vec<Option<String>> = b
            .quotes
            .iter()
            .map(|q| q.company.as_ref().map(|r| resolver.resolve(&b.source, r)))
            .collect();
        for id in quote_companies.iter().flatten() {
            add(id.clone(), &mut company_ids);
        }
        entries.push(BriefingRefs {
            company_ids,
            deal_ids,
            mention_ids: ids_of_mentions,
            quote_companies,
        });
    }

    (entries, mentions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str, line: usize) -> Reference {
        Reference {
            text: text.into(),
            pos: Pos { line, column: 1 },
        }
    }

    #[test]
    fn a_text_seen_again_resolves_alike_and_keeps_where_it_was_first_seen() {
        let registry = Registry::default();
        let mut resolver = Resolver::new(&registry);
        let first = resolver.resolve("a.md", &reference("Twelve Labs", 3));
        let again = resolver.resolve("b.md", &reference("Twelve Labs", 7));
        let spelled_otherwise = resolver.resolve("c.md", &reference("twelve labs", 9));
        assert_eq!(first, "twelve-labs");
        assert_eq!(again, first);
        assert_eq!(spelled_otherwise, first);
        assert_eq!(
            resolver.unregistered.get("twelve-labs"),
            Some(&(
                "Twelve Labs".to_string(),
                "a.md".to_string(),
                Pos { line: 3, column: 1 }
            ))
        );
        assert_eq!(resolver.unregistered.len(), 1);
    }
}
