//! Rebuilds for `serve`: after an edit to briefings only, unchanged briefings
//! are not parsed again and only the pages that show something of the changed
//! briefings are rendered again; everything else is the last build's bytes.
//! Any other change (site.toml, the registry, templates, static files) renders
//! everything. `tests/incremental.rs` checks the result equals a full build.

use crate::index::Site;
use crate::parse::ParseCache;
use crate::paths;
use crate::plan::{FeedScope, scope_path};
use crate::plan::{Job, PlannedJob};
use crate::render::Output;
use crate::{BuildOptions, Failure, render_jobs, stage};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// The built site in memory, kept between rebuilds.
pub struct Session {
    pub options: BuildOptions,
    cache: ParseCache,
    last: Option<(Site, HashMap<String, Arc<Output>>)>,
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    pub rendered: usize,
    pub reused: usize,
}

/// The folders (URL paths) whose pages show something of the briefings from `sources`.
fn affected(
    site: &Site,
    sources: &HashSet<&str>,
    deals: &mut HashSet<String>,
    pages: &mut HashSet<String>,
) {
    let mut companies = HashSet::new();
    for entry in site
        .briefings
        .iter()
        .filter(|e| sources.contains(e.briefing.source.as_str()))
    {
        let b = &entry.briefing;
        pages.insert(paths::briefing_path(&b.slug));
        companies.extend(entry.company_ids.iter().cloned());
        deals.extend(entry.deal_ids.iter().cloned());
        pages.extend(b.tags.iter().map(|(_, slug)| paths::tag_path(slug)));
        pages.extend(
            b.quotes
                .iter()
                .map(|q| paths::person_path(&crate::model::slug::slugify(&q.speaker))),
        );
    }
    for deal in site.deals.iter().filter(|d| deals.contains(&d.id)) {
        // Deal cards show the merged deal on every briefing that mentions it,
        // and deal rows on the pages of its parties.
        pages.extend(
            deal.briefings
                .iter()
                .map(|&i| paths::briefing_path(&site.briefings[i].briefing.slug)),
        );
        companies.extend(deal.investors.iter().cloned());
        companies.insert(deal.target.clone());
    }
    pages.extend(deals.iter().map(|d| paths::deal_path(d)));
    pages.extend(companies.iter().map(|c| paths::company_path(c)));
}

/// The page of the entity a page belongs to: `companies/meta/` for
/// `companies/meta/deals/page/2/` (its first two segments).
fn entity_dir(dir: &str) -> &str {
    match dir.match_indices('/').nth(1) {
        Some((end, _)) => &dir[..=end],
        None => dir,
    }
}

/// Jobs that list or aggregate many briefings: always rendered again.
fn is_aggregate(job: &Job) -> bool {
    matches!(
        job,
        Job::Companies { .. }
            | Job::Deals { .. }
            | Job::Tags { .. }
            | Job::People { .. }
            | Job::Search
            | Job::Investors
            | Job::SearchIndex(_)
            | Job::Api(_)
            | Job::Sitemap(_)
            | Job::SitemapIndex { .. }
            | Job::Copy(_)
            | Job::Embedded(_)
            | Job::Corrections { .. }
            | Job::Archive
            | Job::ArchiveYear { .. }
            | Job::Feed(FeedScope::Site | FeedScope::Corrections, _)
    )
}

fn is_briefing_source(options: &BuildOptions, path: &Path) -> bool {
    let briefings = options.root.join("content").join("briefings");
    let briefings = briefings.canonicalize().unwrap_or(briefings);
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.starts_with(&briefings) && path.extension().is_some_and(|e| e == "md")
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            cache: ParseCache::default(),
            last: None,
        }
    }

    /// The files of the last good build.
    pub fn files(&self) -> Option<&HashMap<String, Arc<Output>>> {
        self.last.as_ref().map(|(_, files)| files)
    }

    /// Rebuilds after `changed` paths changed (empty: a first or full build).
    pub fn rebuild(&mut self, changed: &[std::path::PathBuf]) -> Result<Rebuilt, Failure> {
        let only_briefings =
            !changed.is_empty() && changed.iter().all(|p| is_briefing_source(&self.options, p));
        // What the watcher reported is read again even if its size and time
        // look unchanged.
        let root = &self.options.root;
        let root = root.canonicalize().unwrap_or_else(|_| root.clone());
        self.cache.changed = changed
            .iter()
            .map(|p| {
                let p = p.canonicalize().unwrap_or_else(|_| p.clone());
                crate::load::rel_path(&root, &p)
            })
            .collect();
        let staged = stage(&self.options, Some(&mut self.cache))?;
        // A multilingual site is rendered whole: its languages share one graph.
        let incremental = only_briefings && staged.sites.len() == 1;
        let (old_site, old_files) = match (&self.last, incremental) {
            (Some((site, files)), true) => (Some(site), Some(files)),
            _ => (None, None),
        };
        let Some((old_site, old_files)) = old_site.zip(old_files) else {
            let files = render_jobs(&staged, |_| true)?;
            let rendered = files.len();
            let files = files.into_iter().map(|(p, o)| (p, Arc::new(o))).collect();
            self.last = Some((staged.into_site(), files));
            return Ok(Rebuilt {
                rendered,
                reused: 0,
            });
        };
        let sources: HashSet<&str> = staged.changed_sources.iter().map(String::as_str).collect();
        let mut deals = HashSet::new();
        let mut pages = HashSet::new();
        affected(old_site, &sources, &mut deals, &mut pages);
        affected(staged.site(), &sources, &mut deals, &mut pages);
        let site = staged.site();
        // A home page is rendered again when the briefings it lists moved or
        // changed (a site of 10,000 briefings has 500 of them).
        let listed = |site: &Site| -> Vec<String> {
            site.local_first(0..site.briefings.len())
                .into_iter()
                .map(|i| paths::briefing_path(&site.briefings[i].briefing.slug))
                .collect()
        };
        let (old_listed, new_listed) = (listed(old_site), listed(site));
        let home_changed = |page: usize| {
            if old_listed.len() != new_listed.len() {
                return true; // the number of pages, and so every paginator
            }
            let per = site.config.paginate_by;
            let on_page = (page - 1) * per..(page * per).min(new_listed.len());
            old_listed[on_page.clone()] != new_listed[on_page.clone()]
                || new_listed[on_page].iter().any(|p| pages.contains(p))
        };
        // A briefing page lists its related briefings: it changes when that
        // list changes or one of them was edited.
        let related = |site: &Site, i: usize| -> Vec<String> {
            site.briefings[i]
                .related
                .iter()
                .map(|&r| site.briefings[r].briefing.slug.clone())
                .collect()
        };
        let old_related: HashMap<&str, Vec<String>> = (0..old_site.briefings.len())
            .map(|i| {
                (
                    old_site.briefings[i].briefing.slug.as_str(),
                    related(old_site, i),
                )
            })
            .collect();
        let edited: HashSet<&str> = [old_site, site]
            .into_iter()
            .flat_map(|s| &s.briefings)
            .filter(|e| sources.contains(e.briefing.source.as_str()))
            .map(|e| e.briefing.slug.as_str())
            .collect();
        let related_changed = |i: usize| {
            let now = related(site, i);
            old_related.get(site.briefings[i].briefing.slug.as_str()) != Some(&now)
                || now.iter().any(|slug| edited.contains(slug.as_str()))
        };
        let select = |job: &PlannedJob| -> bool {
            if !old_files.contains_key(&job.path) {
                return true;
            }
            if let Job::Home { page } = job.job {
                return home_changed(page);
            }
            if let Job::Briefing(i) = job.job
                && related_changed(i)
            {
                return true;
            }
            if is_aggregate(&job.job) {
                return true;
            }
            match &job.job {
                Job::Feed(scope, _) => pages.contains(&scope_path(site, scope)),
                // An entity's other pages (`companies/meta/page/2/`,
                // `companies/meta/deals/`) go with the entity.
                _ => job
                    .path
                    .strip_suffix("index.html")
                    .is_some_and(|dir| pages.contains(dir) || pages.contains(entity_dir(dir))),
            }
        };
        let fresh = render_jobs(&staged, select)?;
        let rendered = fresh.len();
        let mut files: HashMap<String, Arc<Output>> = HashMap::with_capacity(staged.jobs.len());
        for job in &staged.jobs {
            if let Some(old) = old_files.get(&job.path) {
                files.insert(job.path.clone(), old.clone());
            }
        }
        for (path, out) in fresh {
            files.insert(path, Arc::new(out));
        }
        // Files the new plan no longer has are dropped.
        let planned: HashSet<&str> = staged.jobs.iter().map(|j| j.path.as_str()).collect();
        files.retain(|p, _| planned.contains(p.as_str()));
        let reused = files.len() - rendered;
        self.last = Some((staged.into_site(), files));
        Ok(Rebuilt { rendered, reused })
    }
}
