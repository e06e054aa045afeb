//! The parse stage: site files into typed values. Company files become the
//! registry, briefings become `Briefing`s (bodies rendered, in parallel),
//! pages become `Page`s. Raw input goes no further than this stage. `serve`
//! keeps a `ParseCache` so that an edit parses only the files it touched.

pub mod briefing;
pub(crate) mod company;
pub mod money_input;
pub(crate) mod page;
pub(crate) mod rates;

use crate::cache::bodies::BodyCache;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{self, Sources};
use crate::markdown::{self, Linker};
use crate::model::briefing::Briefing;
use crate::model::company::Registry;
use crate::model::page::Page;
use crate::spill::Spill;
use crate::texts::Texts;
use briefing::{ParseContext, read_briefing, unreadable};
use company::{parse_company, parse_company_translation};
use page::parse_page;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

/// Parsed briefings kept between builds of `serve`, by source file. An entry is
/// reused while its text and everything parsing depends on (site.toml, the
/// company registry) are unchanged.
#[derive(Default)]
pub struct ParseCache {
    /// What parsing depends on besides the file itself.
    context: u64,
    /// By source path: the file's size and modification time when it was
    /// parsed, and what parsing it gave.
    briefings: std::collections::HashMap<String, (FileStamp, BriefingResult)>,
    /// Source paths to read again whatever their stamp says: the ones the
    /// file watcher reported (a save within the clock's resolution that keeps
    /// the size would otherwise look unchanged).
    pub changed: std::collections::HashSet<String>,
}

/// Parsed briefings are shared (`Arc`): a rebuild takes unchanged ones from
/// the cache without copying their bodies. A briefing with problems comes with
/// what could be read of it, which the index needs and nothing publishes.
type BriefingResult = Result<Arc<Briefing>, (Vec<Diagnostic>, Arc<Briefing>)>;

/// A file's size and modification time; `None` when they cannot be read.
type FileStamp = Option<(u64, std::time::SystemTime)>;

fn file_stamp(path: &Path) -> FileStamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// What the parse stage makes of a site.
pub struct Parsed {
    pub registry: Registry,
    /// Every briefing; one with problems is there as far as it could be read
    /// (never published), so the index does not blame others for what it lost.
    pub briefings: Vec<Arc<Briefing>>,
    pub pages: Vec<Page>,
    pub problems: Vec<Diagnostic>,
    /// Briefing sources parsed anew this time (changed, added) or gone since the last.
    pub changed_sources: Vec<String>,
    /// `data/rates.csv` read (empty without one, or with errors).
    pub dated_rates: rates::DatedRates,
}

/// Where parsed bodies come from and go, besides memory.
pub struct Stores<'a> {
    /// The build cache's bodies: spares rendering a body an earlier build rendered.
    pub bodies: Option<&'a BodyCache>,
    /// The build's spill file: bodies and search terms move there once parsed.
    pub spill: Option<&'a Arc<Spill>>,
}

/// Parses the site's files. `context` stands for everything parsing depends on
/// besides the files themselves (site.toml, the command line): a cache made
/// under another context is dropped. Company and page texts go into `texts`
/// for later diagnostics; briefings are read, parsed and let go one by one.
pub fn parse(
    root: &Path,
    config: &Config,
    sources: &mut Sources,
    texts: &mut Texts,
    context: u64,
    mut cache: Option<&mut ParseCache>,
    stores: Stores,
) -> Parsed {
    let Stores { bodies, spill } = stores;
    let mut problems = Vec::new();
    for f in sources.companies.iter().chain(sources.pages.iter()) {
        texts.insert(f.rel.clone(), f.text.as_str());
    }
    let md_options = config.markdown_options();

    // `ID.LANG.md` (a language of a multilingual site) translates `ID.md`.
    let languages = if config.is_multilingual() {
        config.all_languages()
    } else {
        Vec::new()
    };
    let (translations, companies): (Vec<_>, Vec<_>) = sources.companies.iter().partition(|f| {
        company_stem(f).is_some_and(|stem| load::split_language(stem, &languages).1.is_some())
    });
    // Each company with its description rendered, on the pool.
    let parsed: Vec<_> = companies
        .par_iter()
        .map(|f| {
            parse_company(f).map(|parsed| {
                let rendered = markdown::render(&parsed.body, &md_options, None);
                (parsed, rendered)
            })
        })
        .collect();
    let mut entries = Vec::new();
    for (file, result) in companies.iter().copied().zip(parsed) {
        match result {
            Ok((parsed, rendered)) => {
                let mut company = parsed.company;
                problems.extend(markdown::refused_errors(
                    file,
                    &parsed.body,
                    &rendered.refused,
                ));
                company.description_html = rendered.html;
                entries.push((company, parsed.aliases));
            }
            Err(ds) => problems.extend(ds),
        }
    }
    for file in translations {
        let stem = company_stem(file).unwrap_or_default();
        let (stem, lang) = load::split_language(stem, &languages);
        let lang = lang.unwrap_or_default();
        let t = match parse_company_translation(file, stem) {
            Ok(t) => t,
            Err(ds) => {
                problems.extend(ds);
                continue;
            }
        };
        let Some((company, _)) = entries.iter_mut().find(|(c, _)| c.id == t.id) else {
            problems.push(Diagnostic::file_error(
                &file.rel,
                format!(
                    "a {lang} translation of a company that is not registered: add content/companies/{stem}.md"
                ),
            ));
            continue;
        };
        let rendered = markdown::render(&t.body, &md_options, None);
        problems.extend(markdown::refused_errors(file, &t.body, &rendered.refused));
        if !t.body.trim().is_empty() {
            company.descriptions.insert(lang.clone(), rendered.html);
        }
        if let Some(name) = t.name {
            company.names.insert(lang, name);
        }
    }
    let (registry, clashes) = Registry::new(entries, texts);
    problems.extend(clashes);

    // A body links companies to its own language's pages: `/en/companies/…`
    // from an English briefing of a Korean-default site.
    let linkers: Vec<(String, Linker)> = if config.link_companies {
        config
            .all_languages()
            .into_iter()
            .filter_map(|lang| {
                let base = config.language_url(&lang);
                Linker::new(registry.link_names(), base.path()).map(|l| (lang, l))
            })
            .collect()
    } else {
        Vec::new()
    };
    let ctx = ParseContext {
        config,
        linkers: &linkers,
        bodies,
    };
    if let Some(cache) = cache.as_deref_mut()
        && cache.context != context
    {
        cache.context = context;
        cache.briefings.clear();
    }
    // A cached result stands while the file keeps its size and time, the
    // watcher did not report it, and its folder holds the assets it was
    // parsed with (a file added to `NAME/` changes what is copied, not
    // `NAME/index.md`).
    let cached = |b: &load::BriefingSource, stamp: &FileStamp| {
        let cache = cache.as_deref()?;
        let (was, result) = cache.briefings.get(&b.file.rel)?;
        let (Ok(briefing) | Err((_, briefing))) = result;
        (stamp.is_some()
            && was == stamp
            && !cache.changed.contains(&b.file.rel)
            && briefing.assets == b.assets)
            .then(|| result.clone())
    };
    let parsed: Vec<_> = sources
        .briefings
        .par_iter_mut()
        .map(|b| {
            let path = root.join(&b.file.rel);
            let stamp = if cache.is_some() {
                file_stamp(&path)
            } else {
                None
            };
            if let Some(result) = cached(b, &stamp) {
                return (false, stamp, result);
            }
            // Read, parse, and let the text go at once.
            let result = match load::read_text(root, &path) {
                Ok(file) => {
                    b.file.text = file.text;
                    match read_briefing(b, &ctx) {
                        (mut briefing, errors) if errors.is_empty() => {
                            if let Some(spill) = spill {
                                briefing.spill_into(spill);
                            }
                            Ok(Arc::new(briefing))
                        }
                        (briefing, errors) => Err((errors, Arc::new(briefing))),
                    }
                }
                Err(d) => Err((vec![d], Arc::new(unreadable(b, &ctx)))),
            };
            b.file.text = String::new();
            (true, stamp, result)
        })
        .collect();
    let mut changed_sources = Vec::new();
    let mut briefings = Vec::new();
    for (source, (fresh, stamp, result)) in sources.briefings.iter().zip(parsed) {
        if fresh {
            changed_sources.push(source.file.rel.clone());
        }
        if let Some(cache) = cache.as_deref_mut() {
            cache
                .briefings
                .insert(source.file.rel.clone(), (stamp, result.clone()));
        }
        match result {
            Ok(b) => briefings.push(b),
            // The build fails, but the index still sees what the briefing says
            // of its deals, so that other briefings are not blamed for it.
            Err((ds, partial)) => {
                problems.extend(ds);
                briefings.push(partial);
            }
        }
    }
    if let Some(cache) = cache {
        let present: std::collections::HashSet<&str> = sources
            .briefings
            .iter()
            .map(|b| b.file.rel.as_str())
            .collect();
        let gone: Vec<String> = cache
            .briefings
            .keys()
            .filter(|k| !present.contains(k.as_str()))
            .cloned()
            .collect();
        for rel in gone {
            cache.briefings.remove(&rel);
            changed_sources.push(rel);
        }
    }
    let dated_rates = match &sources.rates {
        Some(file) => {
            rates::parse_rates(file, &config.rates.display_currency).unwrap_or_else(|ds| {
                problems.extend(ds);
                rates::DatedRates::new()
            })
        }
        None => rates::DatedRates::new(),
    };
    let mut pages = Vec::new();
    for file in &sources.pages {
        match parse_page(file, &md_options, &languages) {
            Ok(p) => pages.push(p),
            Err(ds) => problems.extend(ds),
        }
    }

    Parsed {
        registry,
        briefings,
        pages,
        problems,
        changed_sources,
        dated_rates,
    }
}

/// `content/companies/scale-ai.en.md` -> `scale-ai.en`.
fn company_stem(file: &load::SourceFile) -> Option<&str> {
    file.rel.rsplit('/').next()?.strip_suffix(".md")
}
