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
    for site in sites.iter_mut() {
        site.translations = all.clone();
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
