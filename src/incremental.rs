//! Rebuilds for `serve`, into a folder `serve` owns (never the site's output):
//! the site's files are on disk, not in memory, and a rebuild rewrites only
//! the files whose bytes changed. `tests/incremental.rs` checks the folder
//! equals a full build after every kind of edit.
//!
//! Three paths, fastest first:
//! - a body edit: briefings whose front matter is unchanged (only their
//!   body, and so their summary, reading time and search terms, changed) are
//!   parsed alone and patched into the last `Site`, which the index does not
//!   derive from bodies; nothing else is read, indexed or planned again;
//! - an edit to briefings only: unchanged briefings are not parsed again,
//!   the index and plan run again, and only the pages that show something of
//!   the changed briefings are rendered again;
//! - any other change (site.toml, the registry, templates, static files):
//!   everything is rendered, and only files whose bytes changed are written.
//!
//! The pages a reader is looking at come first (`rebuild_urgent`); feeds,
//! the search index, the API and the site-wide lists can be put off
//! (`finish`), so that `serve` announces the reload before rendering them.

use crate::index::Site;
use crate::load::{self, BriefingSource};
use crate::markdown::Linker;
use crate::model::briefing::Briefing;
use crate::parse::ParseCache;
use crate::parse::briefing::{ParseContext, read_briefing};
use crate::paths;
use crate::plan::{FeedScope, scope_path};
use crate::plan::{Job, PlannedJob};
use crate::render::Output;
use crate::{BuildOptions, Failure, Staged, render_each, stage};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The built site on disk, and what is needed to rebuild it, kept between rebuilds.
pub struct Session {
    pub options: BuildOptions,
    /// The folder this session owns: `site/` (what is served) and `pending/`
    /// (a rebuild's files, moved into `site/` when all of them are rendered).
    dir: PathBuf,
    cache: ParseCache,
    last: Option<Last>,
    /// Paths reported to rebuilds that failed: reported again with the next
    /// ones until a rebuild succeeds, so that what they changed is not missed.
    carried: Vec<PathBuf>,
    /// The outputs whose render was put off (`finish` renders them).
    deferred: HashSet<String>,
    /// Briefings the body-edit path parsed: the parse cache has them as
    /// they were, so the next staged rebuild reads them again.
    reparse: Vec<PathBuf>,
    /// Print each rebuild's phases on stderr (`BRIEFLY_TIMINGS=1`).
    timings: bool,
}

/// The last good build.
struct Last {
    staged: Staged,
    /// A stamp of every file in `site/`, by output path: what it was written from.
    written: HashMap<String, u64>,
    /// The company linkers the parse stage used, made again for the body-edit path.
    linkers: Option<Vec<(String, Linker)>>,
}

/// With `BRIEFLY_TIMINGS`, says how long the step since `lap` took; the
/// next step is timed from now.
fn timed(on: bool, lap: &mut Instant, what: std::fmt::Arguments) {
    if on {
        eprintln!("{what}: {:.1} ms", lap.elapsed().as_secs_f64() * 1000.0);
    }
    *lap = Instant::now();
}

/// What a rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Files rendered, and their output paths.
    pub rendered: usize,
    pub rendered_paths: Vec<String>,
    /// Files of the last build kept without rendering them again.
    pub reused: usize,
    /// Files written to disk (rendered ones whose bytes changed).
    pub written: usize,
    /// Files put off to `finish`.
    pub deferred: usize,
    /// Whether the body-edit path was taken.
    pub body_only: bool,
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

/// Jobs whose files no reader looks at right after an edit (feeds, the
/// search index, the API, site-wide lists): an incremental rebuild may put
/// them off until the reload is announced. Copied files come at once.
fn can_wait(job: &Job) -> bool {
    (is_aggregate(job) && !matches!(job, Job::Copy(_) | Job::Embedded(_)))
        || matches!(job, Job::Feed(..))
}

fn is_briefing_source(options: &BuildOptions, path: &Path) -> bool {
    let briefings = options.root.join("content").join("briefings");
    let briefings = briefings.canonicalize().unwrap_or(briefings);
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.starts_with(&briefings) && path.extension().is_some_and(|e| e == "md")
}

/// The briefing with what its body gives (HTML, summary, reading time,
/// search terms) left out: what the index reads of it.
fn without_body(b: &Briefing) -> Briefing {
    Briefing {
        summary: String::new(),
        body_html: Default::default(),
        body_cdata_plain: true,
        reading_minutes: 0,
        body_terms: Default::default(),
        ..b.clone()
    }
}

/// What a file on disk was made from: its bytes, or the file it copies (by
/// path, size and time).
fn stamp(out: &Output) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match out {
        Output::Bytes(bytes) => (0u8, bytes.len(), bytes).hash(&mut h),
        Output::CopyFrom(src) => {
            let meta = std::fs::metadata(src).ok();
            (
                1u8,
                src,
                meta.as_ref().map(|m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            )
                .hash(&mut h)
        }
    }
    h.finish()
}

/// Writes rendered files whose stamp changed into `into` (`pending/`, or
/// `site/` on a first build), remembering their stamps.
struct Writer<'a> {
    into: &'a Path,
    /// The site folder, resolved: a copied file must lie inside it.
    root: &'a Path,
    written: &'a HashMap<String, u64>,
    fresh: Mutex<Vec<(String, u64)>>,
    rendered: Mutex<Vec<String>>,
}

impl Writer<'_> {
    fn put(&self, rel: String, out: Output) -> std::io::Result<()> {
        lock(&self.rendered).push(rel.clone());
        // Only files inside the site are copied, wherever a link points.
        if let Output::CopyFrom(src) = &out
            && !src
                .canonicalize()
                .is_ok_and(|real| real.starts_with(self.root))
        {
            return Ok(());
        }
        let stamp = stamp(&out);
        if self.written.get(&rel) == Some(&stamp) {
            return Ok(());
        }
        crate::write::write_file(self.into, &rel, &out)?;
        lock(&self.fresh).push((rel, stamp));
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The stem a briefing's slug defaults to: the file's name without `.md`,
/// or for `NAME/index.md` the folder's.
fn stem_of(rel: &str) -> String {
    let mut parts = rel.rsplit('/');
    let file = parts.next().unwrap_or_default();
    let stem = file.strip_suffix(".md").unwrap_or(file);
    match (stem, parts.next()) {
        ("index", Some(folder)) => folder.to_string(),
        _ => stem.to_string(),
    }
}

/// The linkers `parse` makes from the registry, made from a site's
/// registered companies (in the registry's order: by id).
fn linkers(site: &Site) -> Vec<(String, Linker)> {
    let config = &site.config;
    if !config.link_companies {
        return Vec::new();
    }
    let mut names = Vec::new();
    for company in site
        .companies
        .values()
        .map(|e| &e.company)
        .filter(|c| c.registered)
    {
        names.push((company.name.clone(), company.id.clone()));
        names.extend(
            company
                .names
                .values()
                .map(|n| (n.clone(), company.id.clone())),
        );
        names.extend(
            company
                .aliases
                .iter()
                .map(|a| (a.clone(), company.id.clone())),
        );
    }
    config
        .all_languages()
        .into_iter()
        .filter_map(|lang| {
            let base = config.language_url(&lang);
            Linker::new(names.clone(), base.path()).map(|l| (lang, l))
        })
        .collect()
}

impl Session {
    /// A session building into `dir` (created; what it holds is replaced).
    pub fn new(options: BuildOptions, dir: PathBuf) -> Session {
        Session {
            options,
            dir,
            cache: ParseCache::default(),
            last: None,
            carried: Vec::new(),
            deferred: HashSet::new(),
            reparse: Vec::new(),
            timings: std::env::var_os("BRIEFLY_TIMINGS").is_some_and(|v| v != "0"),
        }
    }

    /// The folder holding the last good build's files.
    pub fn site_dir(&self) -> PathBuf {
        self.dir.join("site")
    }

    fn pending_dir(&self) -> PathBuf {
        self.dir.join("pending")
    }

    /// Whether a good build is on disk.
    pub fn has_site(&self) -> bool {
        self.last.is_some()
    }

    /// How many files `finish` has to render.
    pub fn pending(&self) -> usize {
        self.deferred.len()
    }

    /// Rebuilds after `changed` paths changed (empty: a full build), put-off
    /// files included.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Failure> {
        let mut done = self.rebuild_urgent(changed)?;
        let later = self.finish(&AtomicBool::new(false))?;
        done.rendered += later.rendered;
        done.rendered_paths.extend(later.rendered_paths);
        done.written += later.written;
        done.deferred = 0;
        Ok(done)
    }

    /// Rebuilds after `changed` paths changed, but for the files it puts off
    /// to `finish` (an incremental rebuild's feeds, search index, API and
    /// site-wide lists). On failure the last good build stays.
    pub fn rebuild_urgent(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Failure> {
        let mut changed: Vec<PathBuf> = std::mem::take(&mut self.carried)
            .into_iter()
            .chain(changed.iter().cloned())
            .collect();
        changed.dedup();
        let started = Instant::now();
        let result = match self.body_edit(&changed) {
            Some(result) => result,
            None => self.rebuild_staged(&changed),
        };
        if result.is_err() {
            self.carried = changed;
        }
        if self.timings {
            eprintln!(
                "rebuild: {:.1} ms ({})",
                started.elapsed().as_secs_f64() * 1000.0,
                match &result {
                    Ok(r) if r.body_only => "body edit",
                    Ok(_) => "staged",
                    Err(_) => "failed",
                }
            );
        }
        result
    }

    /// Renders the files the last rebuilds put off, until `stop` is set
    /// (checked between files; the rest stay put off). Returns what it did.
    pub fn finish(&mut self, stop: &AtomicBool) -> Result<Rebuilt, Failure> {
        if self.deferred.is_empty() {
            return Ok(Rebuilt::default());
        }
        let Some(mut last) = self.last.take() else {
            self.deferred.clear();
            return Ok(Rebuilt::default());
        };
        let deferred = std::mem::take(&mut self.deferred);
        let result = self.render_into(&mut last, |job| deferred.contains(&job.output), Some(stop));
        self.last = Some(last);
        self.deferred = deferred;
        let mut done = result?;
        for rel in &done.rendered_paths {
            self.deferred.remove(rel);
        }
        done.deferred = self.deferred.len();
        Ok(done)
    }

    fn root(&self) -> PathBuf {
        let root = &self.options.root;
        root.canonicalize().unwrap_or_else(|_| root.clone())
    }

    /// The body-edit path: `None` when it does not apply (then the staged
    /// path runs, and reports any problem).
    fn body_edit(&mut self, changed: &[PathBuf]) -> Option<Result<Rebuilt, Failure>> {
        if changed.is_empty() || !changed.iter().all(|p| is_briefing_source(&self.options, p)) {
            return None;
        }
        let mut last = self.last.take()?;
        let result = self.body_edit_in(&mut last, changed);
        self.last = Some(last);
        result
    }

    fn body_edit_in(
        &mut self,
        last: &mut Last,
        changed: &[PathBuf],
    ) -> Option<Result<Rebuilt, Failure>> {
        let mut lap = Instant::now();
        // A scheduled briefing that has come due since the last build
        // changes every list it joins: that is no body edit.
        let due = last
            .staged
            .next_change
            .is_some_and(|at| at <= jiff::Timestamp::now());
        if last.staged.sites.len() != 1 || due {
            return None;
        }
        let root = self.root();
        let site = &last.staged.sites[0];
        let linkers = last.linkers.get_or_insert_with(|| linkers(site));
        // The config as the parse stage has it: dated rates come after it.
        let mut config = site.config.clone();
        config.rates.dated = Default::default();
        let ctx = ParseContext {
            config: &config,
            linkers,
            bodies: None,
        };
        let mut patches: Vec<(usize, Arc<Briefing>)> = Vec::new();
        for path in changed {
            let rel = load::rel_path(&root, &path.canonicalize().ok()?);
            let i = site
                .briefings
                .iter()
                .position(|e| e.briefing.source == rel)?;
            if patches.iter().any(|(p, _)| *p == i) {
                continue;
            }
            let old = &site.briefings[i].briefing;
            let file = load::read_text(&self.options.root, &self.options.root.join(&rel)).ok()?;
            let source = BriefingSource {
                file,
                lang: old.is_translation.then(|| old.lang.clone()),
                group: old.group.clone(),
                stem: stem_of(&rel),
                assets: old.assets.clone(),
            };
            let (new, errors) = read_briefing(&source, &ctx);
            if !errors.is_empty() || without_body(old) != without_body(&new) {
                return None;
            }
            patches.push((i, Arc::new(new)));
        }
        timed(
            self.timings,
            &mut lap,
            format_args!("  parse {} briefing(s)", patches.len()),
        );
        let summary_changed = patches
            .iter()
            .any(|(i, new)| site.briefings[*i].briefing.summary != new.summary);
        // Patched in: nothing the index made of the site depends on a body.
        let site = &mut last.staged.sites[0];
        let olds: Vec<(usize, Arc<Briefing>)> = patches
            .iter()
            .map(|(i, new)| {
                (
                    *i,
                    std::mem::replace(&mut site.briefings[*i].briefing, new.clone()),
                )
            })
            .collect();
        let site = &last.staged.sites[0];
        let edited: HashSet<usize> = patches.iter().map(|(i, _)| *i).collect();
        let sources: HashSet<&str> = edited
            .iter()
            .map(|&i| site.briefings[i].briefing.source.as_str())
            .collect();
        let mut pages = HashSet::new();
        affected(site, &sources, &mut HashSet::new(), &mut pages);
        let listed: Vec<usize> = site.local_first(0..site.briefings.len());
        let per = site.config.paginate_by.max(1);
        let shows_card = |job: &PlannedJob| -> bool {
            match &job.job {
                Job::Home { page } => listed
                    .iter()
                    .skip((page - 1) * per)
                    .take(per)
                    .any(|i| edited.contains(i)),
                Job::Briefing(i) => site.briefings[*i]
                    .related
                    .iter()
                    .any(|r| edited.contains(r)),
                Job::Feed(..) => false,
                _ => job
                    .path
                    .strip_suffix("index.html")
                    .is_some_and(|dir| pages.contains(dir) || pages.contains(entity_dir(dir))),
            }
        };
        let mut urgent = HashSet::new();
        let mut later = HashSet::new();
        for job in &last.staged.jobs {
            let own_page = matches!(job.job, Job::Briefing(i) if edited.contains(&i));
            let feed = match &job.job {
                Job::Feed(scope, _) => {
                    matches!(scope, FeedScope::Site | FeedScope::Corrections)
                        || pages.contains(&scope_path(site, scope))
                }
                _ => false,
            };
            if own_page {
                urgent.insert(job.output.clone());
            } else if feed || matches!(job.job, Job::SearchIndex(_)) {
                // Feeds carry bodies; the search index, terms and summaries.
                later.insert(job.output.clone());
            } else if summary_changed && is_aggregate(&job.job) && can_wait(&job.job) {
                // Lists, the API and sitemaps show summaries.
                later.insert(job.output.clone());
            } else if summary_changed && shows_card(job) {
                urgent.insert(job.output.clone());
            }
        }
        timed(
            self.timings,
            &mut lap,
            format_args!("  select {} + {} put off", urgent.len(), later.len()),
        );
        let rendered = self.render_into(last, |job| urgent.contains(&job.output), None);
        let mut done = match rendered {
            Ok(done) => done,
            Err(failure) => {
                let site = &mut last.staged.sites[0];
                for (i, old) in olds {
                    site.briefings[i].briefing = old;
                }
                return Some(Err(failure));
            }
        };
        // The parse cache still has these files as they were.
        self.reparse.extend(changed.iter().cloned());
        self.deferred.extend(later);
        done.deferred = self.deferred.len();
        done.reused = last
            .staged
            .jobs
            .len()
            .saturating_sub(done.rendered + done.deferred);
        done.body_only = true;
        Some(Ok(done))
    }

    /// Renders the jobs `select` keeps from `last` into `pending/` and moves
    /// the files whose bytes changed into `site/`.
    fn render_into(
        &self,
        last: &mut Last,
        select: impl Fn(&PlannedJob) -> bool + Sync,
        stop: Option<&AtomicBool>,
    ) -> Result<Rebuilt, Failure> {
        let mut lap = Instant::now();
        // A first build has no reader to keep a whole site from: straight in.
        let pending_dir = if last.written.is_empty() {
            self.site_dir()
        } else {
            self.pending_dir()
        };
        if pending_dir != self.site_dir() {
            let _ = std::fs::remove_dir_all(&pending_dir);
        }
        let root = self.root();
        let writer = Writer {
            into: &pending_dir,
            root: &root,
            written: &last.written,
            fresh: Mutex::default(),
            rendered: Mutex::default(),
        };
        let stopped = || stop.is_some_and(|s| s.load(Ordering::Relaxed));
        let result = render_each(&last.staged, select, |rel, out| {
            if stopped() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::Interrupted,
                    "stopped for a newer change",
                ));
            }
            writer.put(rel, out)
        });
        // A stopped pass keeps what it rendered: all of it is of this site.
        if let Err(failure) = result
            && !stopped()
        {
            if pending_dir != self.site_dir() {
                let _ = std::fs::remove_dir_all(&pending_dir);
            }
            return Err(failure);
        }
        let rendered = writer.rendered.into_inner().unwrap_or_default();
        let fresh = writer.fresh.into_inner().unwrap_or_default();
        timed(
            self.timings,
            &mut lap,
            format_args!("  render {}", rendered.len()),
        );
        let written = fresh.len();
        match move_in(&pending_dir, &self.site_dir(), &fresh) {
            Ok(()) => last.written.extend(fresh),
            Err(e) => {
                // Some files may have moved: stamps are unknown, so every
                // file is written again next time.
                last.written.clear();
                return Err(env_failure(e));
            }
        }
        timed(self.timings, &mut lap, format_args!("  write {written}"));
        Ok(Rebuilt {
            rendered: rendered.len(),
            rendered_paths: rendered,
            written,
            ..Rebuilt::default()
        })
    }

    /// The staged path: load, parse (changed briefings only), index and
    /// plan; then render what changed, or everything.
    fn rebuild_staged(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Failure> {
        let mut lap = Instant::now();
        let mut reported: Vec<PathBuf> = changed.to_vec();
        reported.extend(self.reparse.iter().cloned());
        let only_briefings =
            !changed.is_empty() && changed.iter().all(|p| is_briefing_source(&self.options, p));
        // What the watcher reported is read again even if its size and time
        // look unchanged.
        let root = self.root();
        self.cache.changed = reported
            .iter()
            .map(|p| {
                let p = p.canonicalize().unwrap_or_else(|_| p.clone());
                load::rel_path(&root, &p)
            })
            .collect();
        let staged = stage(&self.options, Some(&mut self.cache))?;
        self.reparse.clear();
        timed(
            self.timings,
            &mut lap,
            format_args!("  load, parse, index, plan"),
        );
        // A multilingual site is rendered whole: its languages share one graph.
        let incremental = only_briefings && staged.sites.len() == 1;
        let (urgent, later) = match (&self.last, incremental) {
            (Some(last), true) => select_changed(last, &staged, &self.deferred),
            _ => (
                staged.jobs.iter().map(|j| j.output.clone()).collect(),
                HashSet::new(),
            ),
        };
        timed(
            self.timings,
            &mut lap,
            format_args!("  select {} + {} put off", urgent.len(), later.len()),
        );
        let first = self.last.is_none();
        let written = self
            .last
            .as_mut()
            .map(|l| std::mem::take(&mut l.written))
            .unwrap_or_default();
        let mut next = Last {
            staged,
            written,
            linkers: None,
        };
        if first {
            let site_dir = self.site_dir();
            let _ = std::fs::remove_dir_all(&site_dir);
            let _ = std::fs::remove_dir_all(self.pending_dir());
            std::fs::create_dir_all(&site_dir).map_err(env_failure)?;
        }
        let rendered = self.render_into(&mut next, |job| urgent.contains(&job.output), None);
        let mut done = match rendered {
            Ok(done) => done,
            Err(failure) => {
                // The last good build stays (its files were not touched).
                match self.last.as_mut() {
                    Some(last) => last.written = next.written,
                    None => {
                        let _ = std::fs::remove_dir_all(self.site_dir());
                    }
                }
                return Err(failure);
            }
        };
        // Files the new plan no longer has are removed.
        let planned: HashSet<&str> = next.staged.jobs.iter().map(|j| j.output.as_str()).collect();
        let gone: Vec<String> = next
            .written
            .keys()
            .filter(|p| !planned.contains(p.as_str()))
            .cloned()
            .collect();
        let site_dir = self.site_dir();
        for rel in gone {
            let path = site_dir.join(&rel);
            let _ = std::fs::remove_file(&path);
            if let Some(dir) = path.parent() {
                let _ = std::fs::remove_dir(dir);
            }
            next.written.remove(&rel);
        }
        // What was put off and is rendered now, or is no longer planned, is done.
        self.deferred
            .retain(|p| planned.contains(p.as_str()) && !urgent.contains(p));
        self.deferred.extend(later);
        done.deferred = self.deferred.len();
        done.reused = next
            .staged
            .jobs
            .len()
            .saturating_sub(done.rendered + done.deferred);
        self.last = Some(next);
        Ok(done)
    }
}

/// What an incremental staged rebuild renders: (now, put off). The pages
/// that show something of the changed briefings, the lists they moved in,
/// and what was put off before.
fn select_changed(
    last: &Last,
    staged: &Staged,
    deferred: &HashSet<String>,
) -> (HashSet<String>, HashSet<String>) {
    let old_site = last.staged.site();
    let old_outputs: HashSet<&str> = last.staged.jobs.iter().map(|j| j.output.as_str()).collect();
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
        if !old_outputs.contains(job.output.as_str()) || deferred.contains(&job.output) {
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
    let mut now = HashSet::new();
    let mut later = HashSet::new();
    for job in staged.jobs.iter().filter(|j| select(j)) {
        if can_wait(&job.job) {
            later.insert(job.output.clone());
        } else {
            now.insert(job.output.clone());
        }
    }
    (now, later)
}

/// Moves `files` (output paths) from `pending` into `site`, each replacing
/// its old file at once (a reader gets the old file or the new one).
fn move_in(pending: &Path, site: &Path, files: &[(String, u64)]) -> std::io::Result<()> {
    if pending == site {
        return Ok(());
    }
    for (rel, _) in files {
        let dest = site.join(rel);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::rename(pending.join(rel), &dest)?;
    }
    let _ = std::fs::remove_dir_all(pending);
    Ok(())
}

fn env_failure(e: std::io::Error) -> Failure {
    Failure::Environment(format!("cannot write the site for serve: {e}"))
}
