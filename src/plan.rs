//! The plan: every output file as one job. "Which pages exist" is a plain list,
//! and two sources writing one path are caught here (`check_clashes`, over
//! every language's jobs at once), before anything renders.

use crate::diagnostics::Diagnostic;
use crate::index::{Site, Texts};
use crate::load::AssetFile;
use crate::paths::{
    ARCHIVE_PATH, SearchFile, archive_year_path, briefing_path, company_path, corrections_path,
    deal_path, home_path, page_file, paged_path, pages_of, person_path, tag_path,
};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

/// Which feed: the whole site's, or one page's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedScope {
    Site,
    Company(String),
    Deal(usize),
    Tag(String),
    /// The briefings that quote someone.
    Person(String),
    /// Every correction, not briefings.
    Corrections,
}

pub use crate::config::FeedFormat;

/// The folder (URL path) of the page a feed belongs to.
pub fn scope_path(site: &Site, scope: &FeedScope) -> String {
    match scope {
        FeedScope::Site => String::new(),
        FeedScope::Company(id) => company_path(id),
        FeedScope::Deal(i) => deal_path(&site.deals[*i].id),
        FeedScope::Tag(slug) => tag_path(slug),
        FeedScope::Person(slug) => person_path(slug),
        FeedScope::Corrections => corrections_path(1),
    }
}

/// The most URLs one sitemap file may list before the sitemap becomes an index.
pub const URLS_PER_SITEMAP: usize = 30_000;

/// A page of the site: its absolute URL and the day it last changed, if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    /// The same page in each language of a multilingual site: (language, URL).
    pub alternates: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiFile {
    Briefings,
    Companies,
    Deals,
    /// `/api/deals.csv`: the deals of `Deals` as CSV.
    DealsCsv,
    /// `/api/companies.csv`.
    CompaniesCsv,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Page `page` (1-based) of the latest briefings.
    Home {
        page: usize,
    },
    Briefing(usize),
    /// Every list is paginated (section 7): `page` counts from 1, and page 1
    /// is at the list's plain URL.
    Companies {
        page: usize,
    },
    /// A company: its profile and the newest of its deals and quotes on page
    /// 1, its briefings on every page.
    Company {
        id: String,
        page: usize,
    },
    /// A company's deals, as investor and as target, newest first.
    CompanyDeals {
        id: String,
        page: usize,
    },
    /// A company's quotes, newest first.
    CompanyQuotes {
        id: String,
        page: usize,
    },
    Deals {
        page: usize,
    },
    /// A deal: its parties, history and quotes, and a page of its briefings.
    Deal {
        index: usize,
        page: usize,
    },
    Tags {
        page: usize,
    },
    Tag {
        slug: String,
        page: usize,
    },
    Page(usize),
    People {
        page: usize,
    },
    Person {
        slug: String,
        page: usize,
    },
    Search,
    /// `/investors/`: the league table.
    Investors,
    SearchIndex(SearchFile),
    /// Page `page` (1-based) of every correction, newest first.
    Corrections {
        page: usize,
    },
    /// `/archive/`: every year with its number of briefings.
    Archive,
    /// Page `page` of the briefings of `year`, by month, newest first.
    ArchiveYear {
        year: i16,
        page: usize,
    },
    Feed(FeedScope, FeedFormat),
    /// All of the sitemap in one file.
    Sitemap(Vec<SitemapEntry>),
    /// Past `URLS_PER_SITEMAP`: the index of `parts` numbered sitemaps.
    SitemapIndex {
        parts: usize,
    },
    Robots,
    NotFound,
    Api(ApiFile),
    SyntaxCss,
    /// A file copied as it is.
    Copy(PathBuf),
    /// A file of the embedded default theme.
    Embedded(&'static [u8]),
}

/// A job with the output path it writes (relative, `/`-separated) and who asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedJob {
    /// Relative to its language's root: what the page's own links start from.
    pub path: String,
    pub job: Job,
    pub source: String,
    /// Which language's `Site` it renders (0 = the default language).
    pub site: usize,
    /// The path in the output folder: `path`, under `LANG/` for other languages.
    pub output: String,
    /// The same page in every language that has it: (language, absolute URL).
    pub alternates: Vec<(String, String)>,
    /// For each language without the same page, where its language switch
    /// leads instead: the nearest page there that holds it (the person's page
    /// for a page of their quotes it lacks, else `/people/`, …; else the home
    /// page). (language, absolute URL).
    pub fallbacks: Vec<(String, String)>,
}

impl PlannedJob {
    /// A job of the default language, before `plan` places it.
    fn new(path: String, job: Job, source: String) -> PlannedJob {
        PlannedJob {
            output: path.clone(),
            path,
            job,
            source,
            site: 0,
            alternates: Vec::new(),
            fallbacks: Vec::new(),
        }
    }
}

/// Every file of the site, in every language (the default language's first),
/// each with its output path and its alternates in the other languages; the
/// sitemaps list the alternates too. Two sources of one output path are an
/// error naming both, whatever their languages.
pub fn plan(
    sites: &[Site],
    static_files: &[AssetFile],
    theme_static: &[AssetFile],
    embedded_static: &[(&'static str, &'static [u8])],
    texts: &Texts,
) -> Result<Vec<PlannedJob>, Vec<Diagnostic>> {
    let mut per_language: Vec<Vec<PlannedJob>> = sites
        .iter()
        .map(|site| plan_language(site, static_files, theme_static, embedded_static))
        .collect();
    let languages: Vec<LanguageJobs> = sites
        .iter()
        .zip(&per_language)
        .enumerate()
        .map(|(n, (site, jobs))| LanguageJobs {
            prefix: if n == 0 {
                String::new()
            } else {
                format!("{}/", site.config.language)
            },
            site,
            jobs,
        })
        .collect();
    check_clashes(&languages, texts)?;
    let prefixes: Vec<String> = languages.into_iter().map(|l| l.prefix).collect();
    let pages = page_languages(sites, &per_language);
    for (n, jobs) in per_language.iter_mut().enumerate() {
        // Tens of thousands of jobs at 10k briefings: on the pool.
        jobs.par_iter_mut().for_each(|job| {
            job.site = n;
            // `PlannedJob::new` made the output its path: the default
            // language's files are where their links say.
            if !prefixes[n].is_empty() {
                job.output = format!("{}{}", prefixes[n], job.path);
            }
            (job.alternates, job.fallbacks) = alternates_of(sites, n, job, &pages);
        });
    }
    if sites.len() > 1 {
        sitemap_alternates(sites, &mut per_language);
    }
    if per_language.len() == 1 {
        // One language: its list is the plan (collecting it again would copy
        // every job into a new list).
        return Ok(per_language.pop().unwrap_or_default());
    }
    Ok(per_language.into_iter().flatten().collect())
}

/// Lists, on each sitemap entry, the same page in every language: the
/// alternates its page carries.
fn sitemap_alternates(sites: &[Site], per_language: &mut [Vec<PlannedJob>]) {
    for (site, jobs) in sites.iter().zip(per_language.iter_mut()) {
        // Page folder (relative to the language's root) -> its alternates.
        let pages: HashMap<String, Vec<(String, String)>> = jobs
            .iter()
            .filter(|j| j.path.ends_with("index.html"))
            .map(|j| {
                let dir = j.path.trim_end_matches("index.html");
                (dir.to_string(), j.alternates.clone())
            })
            .collect();
        let base = site.config.base_url.as_str();
        for job in jobs.iter_mut() {
            if let Job::Sitemap(entries) = &mut job.job {
                for entry in entries.iter_mut() {
                    let dir = entry.loc.strip_prefix(base).unwrap_or(&entry.loc);
                    entry.alternates = pages.get(dir).cloned().unwrap_or_default();
                }
            }
        }
    }
}

/// Which languages have a page at each path (relative to the language's root).
type PageLanguages = HashMap<String, Vec<String>>;

fn page_languages(sites: &[Site], per_language: &[Vec<PlannedJob>]) -> PageLanguages {
    let mut pages = PageLanguages::new();
    if sites.len() < 2 {
        return pages;
    }
    for (site, jobs) in sites.iter().zip(per_language) {
        for job in jobs.iter().filter(|j| j.path.ends_with(".html")) {
            pages
                .entry(job.path.clone())
                .or_default()
                .push(site.config.language.clone());
        }
    }
    pages
}

/// (language, absolute URL) pairs.
type LanguageUrls = Vec<(String, String)>;

/// The page of `job` in every language that has it, and where the language
/// switch leads in the others (see `PlannedJob::fallbacks`): each a list of
/// (language, absolute URL). A briefing's translations may have slugs of
/// their own, so they come from the site; a person, tag or standalone page
/// may be known under another slug in another language (`equivalent_path`).
fn alternates_of(
    sites: &[Site],
    n: usize,
    job: &PlannedJob,
    pages: &PageLanguages,
) -> (LanguageUrls, LanguageUrls) {
    let (mut alternates, mut fallbacks) = (Vec::new(), Vec::new());
    if pages.is_empty() || !job.path.ends_with(".html") {
        return (alternates, fallbacks);
    }
    let from = &sites[n];
    let translations = match job.job {
        Job::Briefing(i) => from.translations.get(&from.briefings[i].briefing.group),
        _ => None,
    };
    for to in sites {
        let lang = &to.config.language;
        let has = |path: &str| pages.get(path).is_some_and(|l| l.contains(lang));
        let path = equivalent_path(from, to, job);
        match translations {
            Some(urls) => {
                if let Some(url) = urls.get(lang) {
                    alternates.push((lang.clone(), url.clone()));
                    continue;
                }
            }
            None if has(&path) => {
                let dir = path.trim_end_matches("index.html");
                alternates.push((lang.clone(), to.config.base_url.join(dir)));
                continue;
            }
            None => {}
        }
        // The nearest folder above that has a page in `lang`: the home page at last.
        let mut dir = path.trim_end_matches("index.html").trim_end_matches('/');
        let mut nearest = String::new();
        while let Some(cut) = dir.rfind('/') {
            dir = &dir[..cut];
            if has(&page_file(&format!("{dir}/"))) {
                nearest = format!("{dir}/");
                break;
            }
        }
        fallbacks.push((lang.clone(), to.config.base_url.join(&nearest)));
    }
    (alternates, fallbacks)
}

/// Where the page of `job` (a page of `from`) would be in `to`'s language:
/// the same path, but for a person or tag that `to` knows under another slug
/// (`Site::counterparts`) and a standalone page translated under its own slug.
fn equivalent_path(from: &Site, to: &Site, job: &PlannedJob) -> String {
    let known = from.counterparts.get(&to.config.language);
    match &job.job {
        Job::Person { slug, page } => {
            let there = known.and_then(|c| c.people.get(slug)).unwrap_or(slug);
            page_file(&paged_path(&person_path(there), *page))
        }
        Job::Tag { slug, page } => {
            let there = known.and_then(|c| c.tags.get(slug)).unwrap_or(slug);
            page_file(&paged_path(&tag_path(there), *page))
        }
        Job::Page(i) => {
            let group = &from.pages[*i].group;
            to.pages
                .iter()
                .find(|p| p.group == *group)
                .map_or_else(|| job.path.clone(), |p| page_file(&format!("{}/", p.slug)))
        }
        _ => job.path.clone(),
    }
}

/// The day a page last changed, for the sitemap: its newest briefing's date.
fn lastmod(site: &Site, job: &Job) -> Option<String> {
    let newest = |list: &[usize]| list.first().map(|&i| site.briefings[i].briefing.date.ymd());
    match job {
        Job::Home { .. } | Job::Search | Job::Investors => {
            site.briefings.first().map(|b| b.briefing.date.ymd())
        }
        Job::Corrections { .. } => site
            .corrections
            .first()
            .map(|&r| site.correction(r).date.ymd()),
        Job::Briefing(i) => {
            let b = &site.briefings[*i].briefing;
            Some(b.updated.as_ref().unwrap_or(&b.date).ymd())
        }
        Job::Company { id, .. } | Job::CompanyDeals { id, .. } | Job::CompanyQuotes { id, .. } => {
            newest(&site.companies[id].briefings)
        }
        Job::Deal { index, .. } => Some(site.deals[*index].date.ymd()),
        Job::Tag { slug, .. } => newest(&site.tags[slug].briefings),
        Job::Archive => site.briefings.first().map(|b| b.briefing.date.ymd()),
        Job::ArchiveYear { year, .. } => newest(&site.years[year]),
        Job::Person { slug, .. } => site.people[slug]
            .quotes
            .first()
            .map(|&(bi, _)| site.briefings[bi].briefing.date.ymd()),
        _ => None,
    }
}

/// Every file of one language's site (paths without the `LANG/` prefix). Site
/// static files win over theme static files; other clashes are `check_clashes`'.
fn plan_language(
    site: &Site,
    static_files: &[AssetFile],
    theme_static: &[AssetFile],
    embedded_static: &[(&'static str, &'static [u8])],
) -> Vec<PlannedJob> {
    let mut jobs = Vec::new();
    macro_rules! push {
        ($path:expr, $job:expr, $source:expr $(,)?) => {
            jobs.push(PlannedJob::new($path, $job, $source))
        };
    }
    let generated = |what: &str| format!("the generated {what}");
    // Files every language shares (the data API, stylesheets, static files) are
    // written once, by the default language.
    let shared = site.config.language == site.config.default_language;

    let pages = site
        .briefings
        .len()
        .div_ceil(site.config.paginate_by)
        .max(1);
    for page in 1..=pages {
        push!(
            page_file(&home_path(page)),
            Job::Home { page },
            generated("home page"),
        );
    }
    for (i, b) in site.briefings.iter().enumerate() {
        if !site.is_local(i) {
            continue;
        }
        let dir = briefing_path(&b.briefing.slug);
        push!(page_file(&dir), Job::Briefing(i), b.briefing.source.clone());
        for asset in &b.briefing.assets {
            push!(
                format!("{dir}{}", asset.rel_out),
                Job::Copy(asset.abs.clone()),
                asset.rel.clone(),
            );
        }
    }
    let per = site.config.paginate_by;
    paged(
        &mut jobs,
        per,
        "companies/",
        site.companies.len(),
        &|page| Job::Companies { page },
        &|| generated("companies index"),
    );
    for (id, c) in &site.companies {
        let source = || {
            c.company
                .source
                .clone()
                .unwrap_or_else(|| format!("unregistered company `{id}`"))
        };
        let base = company_path(id);
        paged(
            &mut jobs,
            per,
            &base,
            c.briefings.len(),
            &|page| Job::Company {
                id: id.clone(),
                page,
            },
            &source,
        );
        // A company's own lists of deals and quotes, when it has any.
        let deals = c.deals().len();
        if deals > 0 {
            paged(
                &mut jobs,
                per,
                &format!("{base}deals/"),
                deals,
                &|page| Job::CompanyDeals {
                    id: id.clone(),
                    page,
                },
                &source,
            );
        }
        if !c.quotes.is_empty() {
            paged(
                &mut jobs,
                per,
                &format!("{base}quotes/"),
                c.quotes.len(),
                &|page| Job::CompanyQuotes {
                    id: id.clone(),
                    page,
                },
                &source,
            );
        }
    }
    paged(
        &mut jobs,
        per,
        "deals/",
        site.deals.len(),
        &|page| Job::Deals { page },
        &|| generated("deals index"),
    );
    for (index, d) in site.deals.iter().enumerate() {
        paged(
            &mut jobs,
            per,
            &deal_path(&d.id),
            d.briefings.len(),
            &|page| Job::Deal { index, page },
            &|| format!("deal `{}`", d.id),
        );
    }
    paged(
        &mut jobs,
        per,
        "tags/",
        site.tags.len(),
        &|page| Job::Tags { page },
        &|| generated("tags index"),
    );
    for (slug, t) in &site.tags {
        paged(
            &mut jobs,
            per,
            &tag_path(slug),
            t.briefings.len(),
            &|page| Job::Tag {
                slug: slug.clone(),
                page,
            },
            &|| format!("tag `{slug}`"),
        );
    }
    for (i, p) in site.pages.iter().enumerate() {
        push!(
            page_file(&format!("{}/", p.slug)),
            Job::Page(i),
            p.source.clone(),
        );
    }
    paged(
        &mut jobs,
        per,
        "people/",
        site.people.len(),
        &|page| Job::People { page },
        &|| generated("people index"),
    );
    for (slug, p) in &site.people {
        paged(
            &mut jobs,
            per,
            &person_path(slug),
            p.quotes.len(),
            &|page| Job::Person {
                slug: slug.clone(),
                page,
            },
            &|| format!("person `{slug}`"),
        );
    }
    push!(page_file("search/"), Job::Search, generated("search page"));
    push!(
        page_file("investors/"),
        Job::Investors,
        generated("investors page"),
    );
    let pages = site
        .corrections
        .len()
        .div_ceil(site.config.paginate_by)
        .max(1);
    for page in 1..=pages {
        push!(
            page_file(&corrections_path(page)),
            Job::Corrections { page },
            generated("corrections page"),
        );
    }
    push!(page_file(ARCHIVE_PATH), Job::Archive, generated("archive"),);
    for (&year, list) in &site.years {
        paged(
            &mut jobs,
            per,
            &archive_year_path(year),
            list.len(),
            &|page| Job::ArchiveYear { year, page },
            &|| generated("archive"),
        );
    }
    for file in SearchFile::all(site.briefings.len()) {
        push!(
            file.path(),
            Job::SearchIndex(file),
            generated("search index"),
        );
    }
    let scopes = std::iter::once(FeedScope::Site)
        .chain(
            site.companies
                .keys()
                .map(|id| FeedScope::Company(id.clone())),
        )
        .chain((0..site.deals.len()).map(FeedScope::Deal))
        .chain(site.tags.keys().map(|slug| FeedScope::Tag(slug.clone())))
        .chain(
            site.people
                .keys()
                .map(|slug| FeedScope::Person(slug.clone())),
        )
        .chain(std::iter::once(FeedScope::Corrections));
    for scope in scopes {
        for &format in &site.config.feeds.formats {
            let path = format!("{}{}", scope_path(site, &scope), format.file_name());
            push!(path, Job::Feed(scope.clone(), format), generated("feed"));
        }
    }
    push!("404.html".into(), Job::NotFound, generated("404 page"));
    if shared {
        push!(
            "api/briefings.json".into(),
            Job::Api(ApiFile::Briefings),
            generated("data API"),
        );
        push!(
            "api/companies.json".into(),
            Job::Api(ApiFile::Companies),
            generated("data API"),
        );
        push!(
            "api/deals.json".into(),
            Job::Api(ApiFile::Deals),
            generated("data API"),
        );
        push!(
            "api/deals.csv".into(),
            Job::Api(ApiFile::DealsCsv),
            generated("data API"),
        );
        push!(
            "api/companies.csv".into(),
            Job::Api(ApiFile::CompaniesCsv),
            generated("data API"),
        );
        push!(
            "syntax.css".into(),
            Job::SyntaxCss,
            generated("code stylesheet"),
        );
    }
    let entries: Vec<SitemapEntry> = jobs
        .par_iter()
        .filter(|j| j.path.ends_with("index.html"))
        .map(|j| SitemapEntry {
            loc: format!(
                "{}{}",
                site.config.base_url,
                j.path.trim_end_matches("index.html")
            ),
            lastmod: lastmod(site, &j.job),
            alternates: Vec::new(),
        })
        .collect();
    if entries.len() <= URLS_PER_SITEMAP {
        jobs.push(PlannedJob::new(
            "sitemap.xml".into(),
            Job::Sitemap(entries),
            generated("sitemap"),
        ));
    } else {
        let parts: Vec<Vec<SitemapEntry>> = entries
            .chunks(URLS_PER_SITEMAP)
            .map(<[_]>::to_vec)
            .collect();
        jobs.push(PlannedJob::new(
            "sitemap.xml".into(),
            Job::SitemapIndex { parts: parts.len() },
            generated("sitemap"),
        ));
        for (n, part) in parts.into_iter().enumerate() {
            jobs.push(PlannedJob::new(
                format!("sitemap-{}.xml", n + 1),
                Job::Sitemap(part),
                generated("sitemap"),
            ));
        }
    }
    if !shared {
        return jobs;
    }
    push!("robots.txt".into(), Job::Robots, generated("robots.txt"));

    // Theme static files give way to site static files of the same name.
    let site_static: std::collections::HashSet<&str> =
        static_files.iter().map(|a| a.rel_out.as_str()).collect();
    for (name, bytes) in embedded_static {
        if !site_static.contains(name) && !theme_static.iter().any(|a| a.rel_out == *name) {
            push!(
                name.to_string(),
                Job::Embedded(bytes),
                format!("the default theme's {name}"),
            );
        }
    }
    for asset in theme_static
        .iter()
        .filter(|a| !site_static.contains(a.rel_out.as_str()))
    {
        push!(
            asset.rel_out.clone(),
            Job::Copy(asset.abs.clone()),
            asset.rel.clone(),
        );
    }
    for asset in static_files {
        push!(
            asset.rel_out.clone(),
            Job::Copy(asset.abs.clone()),
            asset.rel.clone(),
        );
    }

    jobs
}

/// A list of `items` at `base` and `base/page/N/`: one job per page.
fn paged(
    jobs: &mut Vec<PlannedJob>,
    per: usize,
    base: &str,
    items: usize,
    job: &dyn Fn(usize) -> Job,
    source: &dyn Fn() -> String,
) {
    for page in 1..=pages_of(items, per) {
        jobs.push(PlannedJob::new(
            page_file(&paged_path(base, page)),
            job(page),
            source(),
        ));
    }
}

/// One language's jobs as `check_clashes` sees them: the prefix its paths are
/// written under (`""` for the default language, `"en/"`), and its site.
struct LanguageJobs<'a> {
    pub prefix: String,
    pub site: &'a Site,
    pub jobs: &'a [PlannedJob],
}

/// Two sources that would write one output path, or a file where another
/// source needs a folder (`static/briefings` against `briefings/SLUG/`), are
/// an error naming both. The paths compared are the final ones, `LANG/`
/// prefix included, so a page of one language cannot replace another
/// language's page (`content/pages/en.md` against the `/en/` home).
fn check_clashes(languages: &[LanguageJobs], texts: &Texts) -> Result<(), Vec<Diagnostic>> {
    struct Entry<'a> {
        path: Cow<'a, str>,
        site: &'a Site,
        job: &'a PlannedJob,
    }
    let entries: Vec<Entry> = languages
        .iter()
        .flat_map(|l| {
            l.jobs.iter().map(|job| Entry {
                path: if l.prefix.is_empty() {
                    Cow::Borrowed(job.path.as_str())
                } else {
                    Cow::Owned(format!("{}{}", l.prefix, job.path))
                },
                site: l.site,
                job,
            })
        })
        .collect();
    let mut errors = Vec::new();
    // foldhash: tens of thousands of paths, hashed by SipHash took a tenth of
    // the plan; no path here comes from anyone who could aim at collisions
    // but the site's own author.
    let mut first: HashMap<&str, &Entry, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(entries.len(), Default::default());
    for entry in &entries {
        match first.get(&*entry.path) {
            Some(earlier) => errors.push(clash(
                [(earlier.site, earlier.job), (entry.site, entry.job)],
                format!(
                    "`{}` would be written by both {} and {}",
                    entry.path,
                    describe(earlier.site, earlier.job),
                    describe(entry.site, entry.job)
                ),
                if [earlier.job, entry.job]
                    .iter()
                    .any(|j| matches!(j.job, Job::Copy(_)))
                {
                    "rename or move the file"
                } else {
                    "give one of them another slug"
                },
                texts,
            )),
            None => {
                first.insert(&entry.path, entry);
            }
        }
    }
    // A file where another path needs a folder: each folder is reported once.
    let mut folders_seen = std::collections::HashSet::new();
    for entry in &entries {
        let mut dir = &*entry.path;
        while let Some(cut) = dir.rfind('/') {
            dir = &dir[..cut];
            if !folders_seen.insert(dir) {
                break;
            }
            if let Some(file) = first.get(dir) {
                errors.push(clash(
                    [(entry.site, entry.job), (file.site, file.job)],
                    format!(
                        "`{dir}` would be both a file, from {}, and a folder holding `{}` from {}",
                        describe(file.site, file.job),
                        entry.path,
                        describe(entry.site, entry.job)
                    ),
                    "rename or move the file",
                    texts,
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Who asked for a job, as an error names it; generated pages of a language
/// other than the default say which.
fn describe(site: &Site, job: &PlannedJob) -> String {
    if position(site, job).is_none() && site.config.language != site.config.default_language {
        format!("{} ({})", job.source, site.config.language)
    } else {
        job.source.clone()
    }
}

/// An error about two jobs, pointing at the later one's source file if it has
/// one, else the earlier one's: never at "the generated search page".
fn clash(
    jobs: [(&Site, &PlannedJob); 2],
    message: String,
    help: &str,
    texts: &Texts,
) -> Diagnostic {
    let [(earlier_site, earlier), (later_site, later)] = jobs;
    let at = position(later_site, later).or_else(|| position(earlier_site, earlier));
    let diagnostic = match at {
        Some(Position::Line(path, line, column)) => {
            let text = texts.get(&path);
            Diagnostic::error(&path, &text, line, column, message)
        }
        Some(Position::File(path)) => Diagnostic::file_error(&path, message),
        None => Diagnostic::file_error(&later.source, message),
    };
    diagnostic.with_help(help)
}

/// Where a job's source is written.
enum Position {
    /// A line of a Markdown file.
    Line(String, usize, usize),
    /// A file copied as it is (shown without a line: it may not be text).
    File(String),
}

/// The source of a job in the site folder: a briefing's slug line, a page or
/// registry file, a static file or asset. `None` for generated files.
fn position(site: &Site, job: &PlannedJob) -> Option<Position> {
    match &job.job {
        Job::Briefing(i) => {
            let b = &site.briefings[*i].briefing;
            Some(Position::Line(
                b.source.clone(),
                b.slug_pos.line,
                b.slug_pos.column,
            ))
        }
        Job::Page(_) => Some(Position::Line(job.source.clone(), 1, 1)),
        Job::Company { id, .. } | Job::CompanyDeals { id, .. } | Job::CompanyQuotes { id, .. } => {
            site.companies[id]
                .company
                .source
                .clone()
                .map(|source| Position::Line(source, 1, 1))
        }
        Job::Copy(_) => Some(Position::File(job.source.clone())),
        _ => None,
    }
}
