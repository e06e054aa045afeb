//! Multilingual sites (section 10): a briefing and its translations form a
//! group; each language gets its own view of the site, in which every group
//! appears once — in that language when translated, else as the original.
//! Deals, companies and the date always come from the original, so a
//! translation is never a second mention of a deal.

use crate::model::briefing::{Briefing, updated_with};
use std::collections::BTreeMap;

/// The briefings of one group: the original (a file without a language suffix,
/// or else the first) and its translations.
pub struct Group<'a> {
    pub original: &'a Briefing,
    pub versions: Vec<&'a Briefing>,
}

pub fn groups(briefings: &[std::sync::Arc<Briefing>]) -> Vec<Group<'_>> {
    let mut by_key: BTreeMap<&str, Vec<&Briefing>> = BTreeMap::new();
    for b in briefings {
        by_key.entry(b.group.as_str()).or_default().push(b);
    }
    by_key
        .into_values()
        .map(|versions| {
            let original = versions
                .iter()
                .copied()
                .find(|b| !b.is_translation)
                .unwrap_or(versions[0]);
            Group { original, versions }
        })
        .collect()
}

impl Group<'_> {
    /// The version in `lang`, if the group has one.
    pub fn version(&self, lang: &str) -> Option<&Briefing> {
        self.versions.iter().copied().find(|b| b.lang == lang)
    }

    /// The languages this group is written in.
    pub fn languages(&self) -> Vec<&str> {
        self.versions.iter().map(|b| b.lang.as_str()).collect()
    }
}

/// What the view of `lang` shows of a group: its version in `lang` with the
/// original's slug (unless it sets its own), date, companies and deals (and
/// tags, source and corrections unless it gives its own); or the original itself.
pub fn in_language(group: &Group, lang: &str) -> Briefing {
    let original = group.original;
    let Some(version) = group.version(lang) else {
        return original.clone();
    };
    let mut b = version.clone();
    if !b.slug_explicit {
        b.slug = original.slug.clone();
    }
    b.date = original.date.clone();
    b.companies = original.companies.clone();
    b.deals = original.deals.clone();
    b.deals_complete = original.deals_complete;
    if b.tags.is_empty() {
        b.tags = original.tags.clone();
    }
    if b.source_ref.is_none() {
        b.source_ref = original.source_ref.clone();
    }
    // A translation gives its own corrections text, or shows the original's
    // (and is then updated when they were made).
    if b.corrections.is_empty() && !original.corrections.is_empty() {
        b.corrections = original.corrections.clone();
        b.updated = updated_with(b.updated.take(), &b.corrections);
    }
    b
}

/// The standalone pages of the view of `lang`: each page in `lang` when it
/// has a `NAME.LANG.md` translation (with the original's slug unless it sets
/// its own), else the original.
pub fn pages_in(
    pages: &[crate::model::page::Page],
    lang: &str,
    default: &str,
) -> Vec<crate::model::page::Page> {
    let mut by_group: BTreeMap<&str, Vec<&crate::model::page::Page>> = BTreeMap::new();
    for p in pages {
        by_group.entry(p.group.as_str()).or_default().push(p);
    }
    let written_in = |p: &crate::model::page::Page| p.lang.as_deref().unwrap_or(default) == lang;
    by_group
        .into_values()
        .map(|versions| {
            let original = versions
                .iter()
                .copied()
                .find(|p| p.lang.is_none())
                .unwrap_or(versions[0]);
            match versions.iter().copied().find(|p| written_in(p)) {
                Some(version) if !std::ptr::eq(version, original) => {
                    let mut page = version.clone();
                    if !page.slug_explicit {
                        page.slug = original.slug.clone();
                    }
                    page
                }
                _ => original.clone(),
            }
        })
        .collect()
}

/// Gives every language's site the URLs of each briefing group in every language.
pub fn link_translations(sites: &mut [super::site::Site]) {
    // Read only where the site has languages (alternates, the data API).
    if !sites.iter().any(|s| s.config.is_multilingual()) {
        return;
    }
    let mut all: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for site in sites.iter() {
        for (i, entry) in site.briefings.iter().enumerate() {
            if site.is_local(i) {
                all.entry(entry.briefing.group.clone())
                    .or_default()
                    .insert(site.config.language.clone(), site.briefing_permalink(i));
            }
        }
    }
    // The last site takes the map itself, the others a copy.
    if let Some((last, others)) = sites.split_last_mut() {
        for site in others {
            site.translations = all.clone();
        }
        last.translations = all;
    }
}

/// Gives every language's site, for each other language, the people and tags
/// it knows under another slug there (`Site::counterparts`).
///
/// A briefing written in both languages quotes the same people and carries
/// the same tags, each in its own language, and translators keep their order.
/// So within each such pair the speakers (each once, in order of first
/// quote) are matched by position when both versions quote as many people,
/// unless the quotes name different companies, and else by company where
/// each version quotes one person of it; tags by position when both
/// versions have as many. Across the
/// site each person or tag takes the counterpart that most pairs agree on.
pub fn link_counterparts(sites: &mut [super::site::Site]) {
    let mut found: Vec<BTreeMap<String, super::site::Counterparts>> = Vec::new();
    for (a, from) in sites.iter().enumerate() {
        let mut by_language = BTreeMap::new();
        for (b, to) in sites.iter().enumerate() {
            if a != b {
                by_language.insert(to.config.language.clone(), counterparts(from, to));
            }
        }
        found.push(by_language);
    }
    for (site, counterparts) in sites.iter_mut().zip(found) {
        site.counterparts = counterparts;
    }
}

/// The people and tags of `from` that `to` knows under another slug.
fn counterparts(from: &super::site::Site, to: &super::site::Site) -> super::site::Counterparts {
    use crate::model::slug::slugify;
    type Votes = BTreeMap<(String, String), usize>;
    // Each once, in order of first appearance.
    fn distinct<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
        let mut out = Vec::new();
        for item in items {
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out
    }
    let speakers = |site: &super::site::Site, i: usize| -> Vec<(String, Option<String>)> {
        let entry = &site.briefings[i];
        let mut seen: Vec<(String, Option<String>)> = Vec::new();
        for (qi, q) in entry.briefing.quotes.iter().enumerate() {
            let slug = slugify(&q.speaker);
            if !slug.is_empty() && !seen.iter().any(|(s, _)| *s == slug) {
                seen.push((slug, entry.quote_companies.get(qi).cloned().flatten()));
            }
        }
        seen
    };
    let in_to: BTreeMap<&str, usize> = (0..to.briefings.len())
        .filter(|&i| to.is_local(i))
        .map(|i| (to.briefings[i].briefing.group.as_str(), i))
        .collect();
    let (mut people, mut tags): (Votes, Votes) = Default::default();
    for (i, entry) in from.briefings.iter().enumerate() {
        let Some(&j) = in_to.get(entry.briefing.group.as_str()) else {
            continue;
        };
        if !from.is_local(i) {
            continue;
        }
        let (here, there) = (speakers(from, i), speakers(to, j));
        if here.len() == there.len() {
            for ((a, ca), (b, cb)) in here.into_iter().zip(there) {
                let same_company = match (&ca, &cb) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                };
                if same_company {
                    *people.entry((a, b)).or_default() += 1;
                }
            }
        } else {
            // A translation that leaves quotes out: the speakers of a company
            // that each version quotes one person of.
            let only = |list: &[(String, Option<String>)], company: &String| -> Option<String> {
                let mut of = list.iter().filter(|(_, c)| c.as_ref() == Some(company));
                match (of.next(), of.next()) {
                    (Some((slug, _)), None) => Some(slug.clone()),
                    _ => None,
                }
            };
            for (_, company) in &here {
                if let Some(company) = company
                    && let (Some(a), Some(b)) = (only(&here, company), only(&there, company))
                {
                    *people.entry((a, b)).or_default() += 1;
                }
            }
        }
        let here = distinct(entry.briefing.tags.iter().map(|(_, slug)| slug));
        let there = distinct(to.briefings[j].briefing.tags.iter().map(|(_, slug)| slug));
        if here.len() == there.len() {
            for (a, b) in here.into_iter().zip(there) {
                *tags.entry((a.clone(), b.clone())).or_default() += 1;
            }
        }
    }
    // The counterpart most pairs agree on (ties: the first by slug), where
    // it differs from the slug itself.
    fn best(votes: Votes) -> BTreeMap<String, String> {
        let mut chosen: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for ((a, b), n) in votes {
            match chosen.get(&a) {
                Some((m, _)) if *m >= n => {}
                _ => {
                    chosen.insert(a, (n, b));
                }
            }
        }
        chosen
            .into_iter()
            .filter(|(a, (_, b))| a != b)
            .map(|(a, (_, b))| (a, b))
            .collect()
    }
    super::site::Counterparts {
        people: best(people),
        tags: best(tags),
    }
}

/// What `check` says about translations: ones whose deals or companies differ
/// from their original's (the original's are used), and, with
/// `require_translations`, briefings missing a language.
pub fn translation_warnings(
    briefings: &[std::sync::Arc<Briefing>],
    registry: &crate::model::company::Registry,
    config: &crate::config::Config,
    texts: &crate::texts::Texts,
) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::Diagnostic;
    let mut warnings = Vec::new();
    if !config.is_multilingual() {
        return warnings;
    }
    let warn = |source: &str, message: String| {
        let text = texts.get(source);
        let text = &*text;
        Diagnostic::error(source, text, 1, 1, message).warning()
    };
    let ids = |b: &Briefing| -> Vec<String> {
        let mut v: Vec<String> = b
            .companies
            .iter()
            .map(|r| registry.resolve(&r.text).id().to_string())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let deals = |b: &Briefing| -> Vec<String> {
        b.deals
            .iter()
            .map(|d| {
                d.id.clone().unwrap_or_else(|| {
                    let investors: Vec<String> = d
                        .investors
                        .iter()
                        .map(|r| registry.resolve(&r.text).id().to_string())
                        .collect();
                    let target = d
                        .target
                        .as_ref()
                        .map(|r| registry.resolve(&r.text).id().to_string())
                        .unwrap_or_default();
                    format!("{} -> {target}", investors.join(", "))
                })
            })
            .collect()
    };
    for group in groups(briefings) {
        let original = group.original;
        for t in group
            .versions
            .iter()
            .filter(|b| !std::ptr::eq(**b, original))
        {
            if !t.deals.is_empty() && deals(t) != deals(original) {
                warnings.push(warn(&t.source, format!(
                    "the translation's deals differ from those of {}; a translation shows its original's deals",
                    original.source
                )));
            }
            if !t.companies.is_empty() && ids(t) != ids(original) {
                warnings.push(warn(&t.source, format!(
                    "the translation's companies differ from those of {}; a translation shows its original's companies",
                    original.source
                )));
            }
        }
        if config.require_translations {
            let have = group.languages();
            for lang in config.all_languages() {
                if !have.contains(&lang.as_str()) {
                    warnings.push(warn(
                        &original.source,
                        format!(
                            "no {lang} translation: add {}",
                            translation_name(&original.source, &lang)
                        ),
                    ));
                }
            }
        }
    }
    warnings
}

/// `content/briefings/x.md` -> `content/briefings/x.en.md`.
fn translation_name(source: &str, lang: &str) -> String {
    match source.strip_suffix(".md") {
        Some(stem) => format!("{stem}.{lang}.md"),
        None => format!("{source}.{lang}"),
    }
}
