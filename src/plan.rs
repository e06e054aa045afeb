//! The plan: every output file as one job. "Which pages exist" is a plain list,
//! and two sources writing one path are caught here, before anything renders.

use crate::diagnostics::Diagnostic;
use crate::index::{Site, Texts};
use crate::load::AssetFile;
use crate::render::feeds::{FeedFormat, FeedScope, scope_path};
use crate::render::sitemap::{SitemapEntry, URLS_PER_SITEMAP};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiFile {
    Briefings,
    Companies,
    Deals,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Page `page` (1-based) of the latest briefings.
    Home {
        page: usize,
    },
    Briefing(usize),
    Companies,
    Company(String),
    Deals,
    Deal(usize),
    Tags,
    Tag(String),
    Page(usize),
    People,
    Person(String),
    Search,
    SearchIndex,
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
    pub path: String,
    pub job: Job,
    pub source: String,
}

/// Percent-decodes a URL path; `None` when it is not clean UTF-8 or a `%`
/// escape is malformed.
pub fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The output path of a pretty URL path such as `companies/meta/`.
pub fn page_file(url_path: &str) -> String {
    format!("{url_path}index.html")
}

pub fn home_path(page: usize) -> String {
    if page <= 1 {
        String::new()
    } else {
        format!("page/{page}/")
    }
}

pub fn briefing_path(slug: &str) -> String {
    format!("briefings/{slug}/")
}

pub fn company_path(id: &str) -> String {
    format!("companies/{id}/")
}

pub fn deal_path(id: &str) -> String {
    format!("deals/{id}/")
}

pub fn tag_path(slug: &str) -> String {
    format!("tags/{slug}/")
}

pub fn person_path(slug: &str) -> String {
    format!("people/{slug}/")
}

/// The day a page last changed, for the sitemap: its newest briefing's date.
fn lastmod(site: &Site, job: &Job) -> Option<String> {
    let newest = |list: &[usize]| list.first().map(|&i| site.briefings[i].briefing.date.ymd());
    match job {
        Job::Home { .. } | Job::Search => site.briefings.first().map(|b| b.briefing.date.ymd()),
        Job::Briefing(i) => {
            let b = &site.briefings[*i].briefing;
            Some(b.updated.as_ref().unwrap_or(&b.date).ymd())
        }
        Job::Company(id) => newest(&site.companies[id].briefings),
        Job::Deal(i) => Some(site.deals[*i].date.ymd()),
        Job::Tag(slug) => newest(&site.tags[slug].briefings),
        Job::Person(slug) => site.people[slug]
            .quotes
            .first()
            .map(|&(bi, _)| site.briefings[bi].briefing.date.ymd()),
        _ => None,
    }
}

/// Every file of the site. Site static files win over theme static files.
pub fn plan(
    site: &Site,
    static_files: &[AssetFile],
    theme_static: &[AssetFile],
    embedded_static: &[(&'static str, &'static [u8])],
    texts: &Texts,
) -> Result<Vec<PlannedJob>, Vec<Diagnostic>> {
    let mut jobs = Vec::new();
    let mut push =
        |path: String, job: Job, source: String| jobs.push(PlannedJob { path, job, source });
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
        push(
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
        push(page_file(&dir), Job::Briefing(i), b.briefing.source.clone());
        for asset in &b.briefing.assets {
            push(
                format!("{dir}{}", asset.rel_out),
                Job::Copy(asset.abs.clone()),
                asset.rel.clone(),
            );
        }
    }
    push(
        page_file("companies/"),
        Job::Companies,
        generated("companies index"),
    );
    for (id, c) in &site.companies {
        let source = c
            .company
            .source
            .clone()
            .unwrap_or_else(|| format!("unregistered company `{id}`"));
        push(
            page_file(&company_path(id)),
            Job::Company(id.clone()),
            source,
        );
    }
    push(page_file("deals/"), Job::Deals, generated("deals index"));
    for (i, d) in site.deals.iter().enumerate() {
        push(
            page_file(&deal_path(&d.id)),
            Job::Deal(i),
            format!("deal `{}`", d.id),
        );
    }
    push(page_file("tags/"), Job::Tags, generated("tags index"));
    for slug in site.tags.keys() {
        push(
            page_file(&tag_path(slug)),
            Job::Tag(slug.clone()),
            format!("tag `{slug}`"),
        );
    }
    for (i, p) in site.pages.iter().enumerate() {
        push(
            page_file(&format!("{}/", p.slug)),
            Job::Page(i),
            p.source.clone(),
        );
    }
    push(page_file("people/"), Job::People, generated("people index"));
    for slug in site.people.keys() {
        push(
            page_file(&person_path(slug)),
            Job::Person(slug.clone()),
            format!("person `{slug}`"),
        );
    }
    push(page_file("search/"), Job::Search, generated("search page"));
    push(
        "search/index.json".into(),
        Job::SearchIndex,
        generated("search index"),
    );
    let scopes = std::iter::once(FeedScope::Site)
        .chain(
            site.companies
                .keys()
                .map(|id| FeedScope::Company(id.clone())),
        )
        .chain((0..site.deals.len()).map(FeedScope::Deal))
        .chain(site.tags.keys().map(|slug| FeedScope::Tag(slug.clone())));
    for scope in scopes {
        for format in [FeedFormat::Atom, FeedFormat::Json] {
            let path = format!("{}{}", scope_path(site, &scope), format.file_name());
            push(path, Job::Feed(scope.clone(), format), generated("feed"));
        }
    }
    push("404.html".into(), Job::NotFound, generated("404 page"));
    if shared {
        push(
            "api/briefings.json".into(),
            Job::Api(ApiFile::Briefings),
            generated("data API"),
        );
        push(
            "api/companies.json".into(),
            Job::Api(ApiFile::Companies),
            generated("data API"),
        );
        push(
            "api/deals.json".into(),
            Job::Api(ApiFile::Deals),
            generated("data API"),
        );
        push(
            "syntax.css".into(),
            Job::SyntaxCss,
            generated("code stylesheet"),
        );
    }
    let entries: Vec<SitemapEntry> = jobs
        .iter()
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
        jobs.push(PlannedJob {
            path: "sitemap.xml".into(),
            job: Job::Sitemap(entries),
            source: generated("sitemap"),
        });
    } else {
        let parts: Vec<Vec<SitemapEntry>> = entries
            .chunks(URLS_PER_SITEMAP)
            .map(<[_]>::to_vec)
            .collect();
        jobs.push(PlannedJob {
            path: "sitemap.xml".into(),
            job: Job::SitemapIndex { parts: parts.len() },
            source: generated("sitemap"),
        });
        for (n, part) in parts.into_iter().enumerate() {
            jobs.push(PlannedJob {
                path: format!("sitemap-{}.xml", n + 1),
                job: Job::Sitemap(part),
                source: generated("sitemap"),
            });
        }
    }
    let mut push =
        |path: String, job: Job, source: String| jobs.push(PlannedJob { path, job, source });
    if !shared {
        return check_duplicates(site, jobs, texts);
    }
    push("robots.txt".into(), Job::Robots, generated("robots.txt"));

    // Theme static files give way to site static files of the same name.
    let site_static: std::collections::HashSet<&str> =
        static_files.iter().map(|a| a.rel_out.as_str()).collect();
    for (name, bytes) in embedded_static {
        if !site_static.contains(name) && !theme_static.iter().any(|a| a.rel_out == *name) {
            push(
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
        push(
            asset.rel_out.clone(),
            Job::Copy(asset.abs.clone()),
            asset.rel.clone(),
        );
    }
    for asset in static_files {
        push(
            asset.rel_out.clone(),
            Job::Copy(asset.abs.clone()),
            asset.rel.clone(),
        );
    }

    check_duplicates(site, jobs, texts)
}

/// Two sources writing one path are an error naming both.
fn check_duplicates(
    site: &Site,
    jobs: Vec<PlannedJob>,
    texts: &Texts,
) -> Result<Vec<PlannedJob>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut first: HashMap<&str, &PlannedJob> = HashMap::new();
    for job in &jobs {
        if let Some(earlier) = first.get(job.path.as_str()) {
            let (path, line, column) = source_position(site, job);
            let text = texts.get(&path);
            let text = &*text;
            errors.push(
                Diagnostic::error(
                    &path,
                    text,
                    line,
                    column,
                    format!(
                        "`{}` would be written by both {} and {}",
                        job.path, earlier.source, job.source
                    ),
                )
                .with_help("give one of them another slug"),
            );
        } else {
            first.insert(&job.path, job);
        }
    }
    if errors.is_empty() {
        Ok(jobs)
    } else {
        Err(errors)
    }
}

/// Where to point a duplicate-path error: the slug line of a briefing, else the file.
fn source_position(site: &Site, job: &PlannedJob) -> (String, usize, usize) {
    if let Job::Briefing(i) = job.job {
        let b = &site.briefings[i].briefing;
        return (b.source.clone(), b.slug_pos.line, b.slug_pos.column);
    }
    (job.source.clone(), 1, 1)
}
