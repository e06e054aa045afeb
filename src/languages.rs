//! Multilingual sites (section 10): a briefing and its translations form a
//! group; each language gets its own view of the site, in which every group
//! appears once — in that language when translated, else as the original.
//! Deals, companies and the date always come from the original, so a
//! translation is never a second mention of a deal.

use crate::model::briefing::Briefing;
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
/// original's slug (unless it sets its own), date, companies and deals; or the
/// original itself.
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
    b
}

/// Gives every language's site the URLs of each briefing group in every language.
pub fn link_translations(sites: &mut [crate::index::Site]) {
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

/// Lists, on each sitemap entry, the same page in the other languages.
pub fn add_sitemap_alternates(builds: &mut [crate::LanguageBuild]) {
    if builds.len() < 2 {
        return;
    }
    use crate::plan::Job;
    // Page path (relative to its language's root) -> (language, absolute URL).
    let mut pages: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for build in builds.iter() {
        let base = &build.site.config.base_url;
        for job in build.jobs.iter().filter(|j| j.path.ends_with("index.html")) {
            let dir = job.path.trim_end_matches("index.html").to_string();
            pages
                .entry(dir.clone())
                .or_default()
                .push((build.site.config.language.clone(), format!("{base}{dir}")));
        }
    }
    for build in builds.iter_mut() {
        let base = build.site.config.base_url.clone();
        for job in &mut build.jobs {
            if let Job::Sitemap(entries) = &mut job.job {
                for entry in entries.iter_mut() {
                    let dir = entry
                        .loc
                        .strip_prefix(base.as_str())
                        .unwrap_or(&entry.loc)
                        .to_string();
                    entry.alternates = pages.get(&dir).cloned().unwrap_or_default();
                }
            }
        }
    }
}

/// Which languages have a page at each path (relative to the language's root).
pub type PageLanguages = std::collections::HashMap<String, Vec<String>>;

pub fn page_alternates(staged: &crate::Staged) -> PageLanguages {
    let mut pages = PageLanguages::new();
    if staged.others.is_empty() {
        return pages;
    }
    let builds = std::iter::once((&staged.site, &staged.jobs))
        .chain(staged.others.iter().map(|b| (&b.site, &b.jobs)));
    for (site, jobs) in builds {
        for job in jobs.iter().filter(|j| j.path.ends_with(".html")) {
            pages
                .entry(job.path.clone())
                .or_default()
                .push(site.config.language.clone());
        }
    }
    pages
}

/// The page of `job` in every language that has it: (language, absolute URL).
/// A briefing's translations may have slugs of their own, so they come from the site.
pub fn alternates_of(
    site: &crate::index::Site,
    job: &crate::plan::PlannedJob,
    pages: &PageLanguages,
) -> Vec<(String, String)> {
    if pages.is_empty() {
        return Vec::new();
    }
    if let crate::plan::Job::Briefing(i) = job.job {
        let group = &site.briefings[i].briefing.group;
        return site
            .translations
            .get(group)
            .map(|urls| urls.iter().map(|(l, u)| (l.clone(), u.clone())).collect())
            .unwrap_or_default();
    }
    let dir = job.path.trim_end_matches("index.html");
    pages
        .get(&job.path)
        .map(|langs| {
            langs
                .iter()
                .map(|l| (l.clone(), format!("{}{dir}", site.config.language_url(l))))
                .collect()
        })
        .unwrap_or_default()
}

/// What `check` says about translations: ones whose deals or companies differ
/// from their original's (the original's are used), and, with
/// `require_translations`, briefings missing a language.
pub fn translation_warnings(
    briefings: &[std::sync::Arc<Briefing>],
    registry: &crate::model::company::Registry,
    config: &crate::config::Config,
    texts: &crate::index::Texts,
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
