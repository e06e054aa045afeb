//! briefly: a static-site generator for AI-industry briefings.
//!
//! A build runs five stages with plain values in between:
//! load (files) -> parse (typed briefings, companies, pages) -> index (`Site`)
//! -> plan (one job per output file) -> render (bytes) -> write (atomic swap).

pub mod cache;
pub(crate) mod check;
pub mod config;
pub mod diagnostics;
pub mod digest;
pub(crate) mod escape;
pub(crate) mod front_matter;
pub(crate) mod highlight;
pub mod incremental;
pub(crate) mod index;
pub mod load;
pub(crate) mod markdown;
pub mod model;
pub(crate) mod output_guard;
pub mod parse;
pub mod paths;
pub(crate) mod plan;
pub mod render;
pub mod scaffold;
pub mod serve;
pub(crate) mod spill;
pub(crate) mod stats;
pub(crate) mod texts;
pub(crate) mod theme;
pub(crate) mod tokenize;
pub(crate) mod typography;
pub(crate) mod url;
pub(crate) mod utf8;
pub(crate) mod write;

use config::{CONFIG_FILE, Config};
use diagnostics::{Diagnostic, Diagnostics};
pub use index::LeftOut;
use index::{Selection, Site, Texts};
use parse::ParseCache;
use rayon::prelude::*;
use render::{Output, Renderer};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder, holding site.toml.
    pub root: PathBuf,
    /// Overrides site.toml's output_dir.
    pub output: Option<PathBuf>,
    /// Overrides site.toml's base_url.
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
    /// Report time and memory per stage and pages per kind on stderr.
    pub verbose: bool,
    /// Replace an existing non-empty output folder that briefly did not make.
    pub force: bool,
    /// Read and write the build cache (`.briefly-cache/` in the site
    /// folder): `build` on the command line does unless `--no-cache`.
    pub cache: bool,
}

/// Why a build failed: the site's fault (exit 1) or the environment's (exit 2).
#[derive(Debug)]
pub enum Failure {
    Input(Diagnostics),
    Environment(String),
}

impl Failure {
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Input(_) => 1,
            Failure::Environment(_) => 2,
        }
    }
}

#[derive(Debug)]
pub struct BuildSummary {
    pub output: PathBuf,
    pub files: usize,
    pub briefings: usize,
    pub companies: usize,
    pub deals: usize,
    pub tags: usize,
    pub people: usize,
    pub warnings: Vec<Diagnostic>,
    /// Drafts and scheduled briefings the build left out.
    pub left_out: LeftOut,
    /// Nothing was built: the output was already what this build would write.
    pub unchanged: bool,
    /// Briefing bodies taken from the build cache instead of rendered.
    pub bodies_reused: usize,
}

impl BuildSummary {
    /// What `build` prints: `built 12 briefings, … into ./public in 80 ms (1
    /// draft, 1 scheduled for 2026-12-05 left out; --drafts / --future include them)`.
    pub fn line(&self, millis: u128) -> String {
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let mut line = format!(
            "built {}, {}, {}, {}, {}: {} into {} in {millis} ms",
            n(self.briefings, "briefing", "briefings"),
            n(self.companies, "company", "companies"),
            n(self.deals, "deal", "deals"),
            n(self.tags, "tag", "tags"),
            n(self.people, "person", "people"),
            n(self.files, "file", "files"),
            self.output.display(),
        );
        let LeftOut { drafts, scheduled } = &self.left_out;
        let mut parts = Vec::new();
        let mut flags = Vec::new();
        if *drafts > 0 {
            parts.push(n(*drafts, "draft", "drafts"));
            flags.push("--drafts");
        }
        if let Some(first) = scheduled.first() {
            let when = if scheduled.len() == 1 {
                format!("for {first}")
            } else {
                format!("from {first}")
            };
            parts.push(format!("{} scheduled {when}", scheduled.len()));
            flags.push("--future");
        }
        if !parts.is_empty() {
            let them = if drafts + scheduled.len() == 1 {
                "it"
            } else {
                "them"
            };
            line.push_str(&format!(
                " ({} left out; {} {} {them})",
                parts.join(", "),
                flags.join(" / "),
                if flags.len() == 1 {
                    "includes"
                } else {
                    "include"
                }
            ));
        }
        if self.unchanged {
            line.push_str(" (unchanged since the last build)");
        }
        line
    }

    /// The summary as the build cache keeps it, for an unchanged build to repeat.
    fn encode(&self) -> Vec<u8> {
        let mut e = cache::codec::Encoder::default();
        for n in [
            self.files,
            self.briefings,
            self.companies,
            self.deals,
            self.tags,
            self.people,
            self.left_out.drafts,
            self.left_out.scheduled.len(),
            self.warnings.len(),
        ] {
            e.u64(n as u64);
        }
        for day in &self.left_out.scheduled {
            e.str(day);
        }
        for w in &self.warnings {
            e.bool(w.is_error())
                .str(&w.path)
                .u64(w.line as u64)
                .u64(w.column as u64)
                .str(&w.message)
                .opt_str(w.source_line.as_deref())
                .opt_str(w.help.as_deref());
        }
        e.0
    }

    fn decode(bytes: &[u8], output: PathBuf) -> Option<BuildSummary> {
        let mut d = cache::codec::Decoder::new(bytes);
        let mut n = [0; 9];
        for slot in &mut n {
            *slot = d.usize()?;
        }
        let [
            files,
            briefings,
            companies,
            deals,
            tags,
            people,
            drafts,
            scheduled,
            warnings,
        ] = n;
        let scheduled = (0..scheduled)
            .map(|_| d.str())
            .collect::<Option<Vec<_>>>()?;
        let warnings = (0..warnings)
            .map(|_| {
                Some(Diagnostic {
                    severity: if d.bool()? {
                        diagnostics::Severity::Error
                    } else {
                        diagnostics::Severity::Warning
                    },
                    path: d.str()?,
                    line: d.usize()?,
                    column: d.usize()?,
                    message: d.str()?,
                    source_line: d.opt_str()?,
                    help: d.opt_str()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        d.is_done().then_some(BuildSummary {
            output,
            files,
            briefings,
            companies,
            deals,
            tags,
            people,
            warnings,
            left_out: LeftOut { drafts, scheduled },
            unchanged: true,
            bodies_reused: 0,
        })
    }
}

/// A site read, indexed, planned and rendered in memory.
pub struct Rendered {
    pub site: Site,
    pub files: Vec<(String, Output)>,
    pub output: PathBuf,
    /// The source texts, for diagnostics raised after rendering.
    pub texts: Texts,
}

fn input_failure(d: Vec<Diagnostic>) -> Failure {
    Failure::Input(Diagnostics(d).sorted())
}

/// Reads and validates site.toml, applying the command line's overrides. Problems
/// with single values come back beside a usable config, so the build goes on to
/// find the site's other problems too.
pub fn load_config(options: &BuildOptions) -> Result<(Config, Vec<Diagnostic>), Failure> {
    let path = options.root.join(CONFIG_FILE);
    if !path.is_file() {
        return Err(Failure::Environment(format!(
            "no {CONFIG_FILE} in {}: run briefly in a site folder, or pass --root DIR",
            options.root.display()
        )));
    }
    if let Some(d) = load::outside_the_site(&options.root, &path) {
        return Err(input_failure(vec![d]));
    }
    let file = load::read_text(&options.root, &path).map_err(|d| input_failure(vec![d]))?;
    let themes = options.root.join("themes");
    let theme_exists =
        |name: &str| name == "default" || themes.join(name).join("templates").is_dir();
    let (mut config, problems) =
        config::parse(&file.rel, &file.text, &theme_exists).map_err(input_failure)?;
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|e| Failure::Environment(format!("--base-url: {e}")))?;
    }
    Ok((config, problems))
}

/// A site read, parsed, indexed and planned, ready to render.
pub struct Staged {
    /// One site per language, the default language's first.
    pub sites: Vec<Site>,
    /// Every file of every language.
    pub jobs: Vec<plan::PlannedJob>,
    pub renderer: Renderer,
    pub output: PathBuf,
    pub texts: Texts,
    /// Briefing sources parsed anew this time (changed, added) or gone since the last.
    pub changed_sources: Vec<String>,
    /// The counters `--verbose` prints.
    pub stats: stats::Stats,
    /// The first moment after this build at which the clock alone changes
    /// the site: a scheduled briefing's time comes.
    pub next_change: Option<jiff::Timestamp>,
    /// Briefing bodies taken from the build cache.
    pub bodies_reused: usize,
    /// The bodies this build used, for the build cache once it succeeds.
    bodies: Option<cache::bodies::Bodies>,
}

impl Staged {
    /// The default language's site.
    pub fn site(&self) -> &Site {
        &self.sites[0]
    }

    /// The default language's site, the rest let go.
    pub fn into_site(self) -> Site {
        self.sites
            .into_iter()
            .next()
            .expect("a staged site has a language")
    }
}

fn context_stamp(options: &BuildOptions, sources: &load::Sources) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::fs::read(options.root.join(CONFIG_FILE))
        .unwrap_or_default()
        .hash(&mut h);
    options.base_url.hash(&mut h);
    for f in &sources.companies {
        (&f.rel, &f.text).hash(&mut h);
    }
    h.finish()
}

/// Every stage up to rendering. With a cache, unchanged briefings are not parsed again.
pub fn stage(options: &BuildOptions, cache: Option<&mut ParseCache>) -> Result<Staged, Failure> {
    stage_with(options, cache, None)
}

/// `stage`, with the build cache's rendered bodies.
fn stage_with(
    options: &BuildOptions,
    cache: Option<&mut ParseCache>,
    bodies: Option<cache::bodies::BodyCache>,
) -> Result<Staged, Failure> {
    let stats = stats::Stats::new(options.verbose);
    let lap = |what: &'static str| stats.stage(what);
    let (mut config, mut problems) = load_config(options)?;
    let root = &options.root;
    let languages = if config.is_multilingual() {
        config.all_languages()
    } else {
        Vec::new()
    };
    let (mut sources, load_problems) = load::load(root, &config.theme, &languages);
    problems.extend(load_problems);
    lap("load");
    // Briefings are read again only if they have a problem to show.
    let mut texts = Texts::under(root);
    let stamp = context_stamp(options, &sources);
    let parse::Parsed {
        registry,
        briefings,
        pages,
        problems: parse_problems,
        changed_sources,
        dated_rates,
    } = parse::parse(
        root,
        &config,
        &mut sources,
        &mut texts,
        stamp,
        cache,
        parse::Stores {
            bodies: bodies.as_ref(),
            spill: spill::Spill::new().as_ref(),
        },
    );
    let bodies_reused = bodies.as_ref().map_or(0, |b| b.hits());
    // Let go of the last build's bodies before rendering.
    let bodies = bodies.and_then(cache::bodies::BodyCache::finish);
    problems.extend(parse_problems);
    config.rates.dated = dated_rates;
    give_back_freed_memory();
    lap("parse");
    let selection = Selection {
        drafts: options.drafts,
        future: options.future,
    };
    let renderer = Renderer::new(&config, &sources);
    let output = output_folder(options, &config);
    // Every briefing dated after now (drafts too: more than needed, never less).
    let now = jiff::Timestamp::now();
    let next_change = briefings
        .iter()
        .map(|b| b.date.instant)
        .filter(|&at| at > now)
        .min();
    let indexed = index::index(index::IndexInput {
        config: &config,
        briefings,
        registry: &registry,
        pages,
        selection,
        now,
        texts: &texts,
    });
    let sites = match indexed {
        Ok(sites) => sites,
        Err(ds) => {
            problems.extend(ds);
            Vec::new()
        }
    };
    let renderer = match renderer {
        Ok(r) => Some(r),
        Err(ds) => {
            problems.extend(ds);
            None
        }
    };
    let (Some(renderer), true) = (renderer, problems.is_empty()) else {
        return Err(input_failure(problems));
    };
    lap("index");
    let embedded = if sources.theme_templates.is_some() {
        &[][..]
    } else {
        theme::static_files()
    };
    let jobs = plan::plan(
        &sites,
        &sources.static_files,
        &sources.theme_static,
        embedded,
        &texts,
    )
    .map_err(input_failure)?;
    lap("plan");
    if sites.is_empty() {
        return Err(Failure::Environment("no language to build".into()));
    }
    Ok(Staged {
        sites,
        jobs,
        renderer,
        output,
        texts,
        changed_sources,
        stats,
        next_change,
        bodies_reused,
        bodies,
    })
}

/// Hands memory that a pass freed back to the system. glibc keeps what
/// threads free in their arenas for reuse, and the passes before rendering
/// (parsing, the search index) free far more than rendering reuses: at 10,000
/// briefings this lowers a build's peak by about 25 MB.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Frees a large value on a thread of its own. At 10,000 briefings a
/// build's site and page caches take a third of a second to free, on one
/// core, after the last page is written; the command line exits right
/// after the build and need not wait for it.
fn drop_later<T: Send + 'static>(value: T) {
    // If no thread can be made, the value is freed here as usual.
    let _ = std::thread::Builder::new()
        .name("briefly-free".into())
        .spawn(move || drop(value));
}

/// Renders the jobs `select` keeps, in parallel, handing each file to `sink` as
/// soon as it is rendered (a build writes it at once instead of holding the
/// site in memory). Every template error is reported; a sink error stops it.
pub fn render_each(
    staged: &Staged,
    select: impl Fn(&plan::PlannedJob) -> bool + Sync,
    sink: impl Fn(String, Output) -> std::io::Result<()> + Sync,
) -> Result<usize, Failure> {
    // Summaries shared by the pages of one render of each language's site.
    let caches: Vec<render::views::ViewCache> =
        staged.sites.iter().map(|_| Default::default()).collect();
    let selected: Vec<&plan::PlannedJob> = staged.jobs.iter().filter(|job| select(job)).collect();
    // The search index's files come from one pass over every briefing, made
    // (in parallel itself) before the jobs run rather than inside one of them.
    for (i, (site, cache)) in staged.sites.iter().zip(&caches).enumerate() {
        let search =
            |job: &&plan::PlannedJob| job.site == i && matches!(job.job, plan::Job::SearchIndex(_));
        if selected.iter().any(search) {
            let started = std::time::Instant::now();
            render::search::prepare(site, cache);
            let index = plan::Job::SearchIndex(paths::SearchFile::Manifest);
            staged.stats.job(
                &index,
                "search/ (the pass over every briefing)",
                started.elapsed(),
            );
        }
    }
    give_back_freed_memory();
    let errors = std::sync::Mutex::new(Vec::new());
    let written: Result<Vec<()>, std::io::Error> = selected
        .par_iter()
        .map(|job| {
            let started = std::time::Instant::now();
            let (site, cache) = (&staged.sites[job.site], &caches[job.site]);
            let rendered = staged.renderer.render(site, cache, job);
            staged.stats.job(&job.job, &job.output, started.elapsed());
            match rendered {
                Ok(out) => sink(job.output.clone(), out),
                Err(d) => {
                    let mut errors = errors.lock().unwrap_or_else(|e| e.into_inner());
                    if !errors.contains(&d) {
                        errors.push(d);
                    }
                    Ok(())
                }
            }
        })
        .collect();
    drop_later(caches);
    let errors = errors.into_inner().unwrap_or_default();
    if !errors.is_empty() {
        return Err(input_failure(errors));
    }
    written
        .map(|w| w.len())
        .map_err(|e| Failure::Environment(format!("cannot write {}: {e}", staged.output.display())))
}

/// Renders the jobs `select` keeps into memory.
pub fn render_jobs(
    staged: &Staged,
    select: impl Fn(&plan::PlannedJob) -> bool + Sync,
) -> Result<Vec<(String, Output)>, Failure> {
    let files = std::sync::Mutex::new(Vec::new());
    render_each(staged, select, |path, out| {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, out));
        Ok(())
    })?;
    Ok(files.into_inner().unwrap_or_default())
}

/// Every stage but the write: what `check` runs, and what `build` writes out.
pub fn render_site(options: &BuildOptions) -> Result<Rendered, Failure> {
    let staged = stage(options, None)?;
    let files = render_jobs(&staged, |_| true)?;
    staged.stats.stage("render");
    if staged.stats.enabled() {
        eprint!("{}", staged.stats.report());
    }
    let Staged {
        sites,
        output,
        texts,
        ..
    } = staged;
    Ok(Rendered {
        site: sites
            .into_iter()
            .next()
            .expect("a staged site has a language"),
        files,
        output,
        texts,
    })
}

/// The output folder a build writes: `--output` (relative to the current
/// folder) or site.toml's `output_dir` (relative to the site root).
fn output_folder(options: &BuildOptions, config: &Config) -> PathBuf {
    options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(&config.output_dir))
}

/// The output guard, run before anything on disk is touched.
fn guard_output(options: &BuildOptions, output: &Path) -> Result<PathBuf, Failure> {
    output_guard::guard(&options.root, output, options.force)
        .map_err(|e| Failure::Environment(e.to_string()))
}

/// Builds the site into its output folder: the output is checked by the
/// guard first; pages are written into a staging folder as they are
/// rendered, and the folder is swapped in when all are. With the build cache,
/// a site unchanged since the last build into this output is not built again.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Failure> {
    // Refuse a dangerous output before spending time on the site.
    let (config, _) = load_config(options)?;
    let given = output_folder(options, &config);
    let resolved = guard_output(options, &given)?;
    let mut cache = options.cache.then(|| cache::Cache::open(&options.root));
    // Read before the build reads them: an input edited during the build
    // makes the next build see a change.
    let inputs = cache
        .as_ref()
        .and_then(|_| build_inputs(options, &resolved));
    if let (Some(cache), Some(inputs)) = (&cache, inputs)
        && let Some(summary) = unchanged(cache, inputs, &resolved, &given)
    {
        return Ok(summary);
    }
    let environment =
        |e: std::io::Error| Failure::Environment(format!("cannot write {}: {e}", given.display()));
    // From here on this build owns the output: the lock is held, and an
    // output left renamed away by a killed build is back in place.
    let staging = write::begin(&resolved).map_err(environment)?;
    // The folder may have changed while this build waited for the lock.
    if let Err(failure) = guard_output(options, &given) {
        staging.abandon();
        return Err(failure);
    }
    let bodies = cache.as_ref().map(cache::bodies::BodyCache::open);
    let mut staged = match stage_with(options, None, bodies) {
        Ok(staged) => staged,
        Err(failure) => {
            staging.abandon();
            return Err(failure);
        }
    };
    let into_output = output_guard::copies_from_output(&staged.jobs, &resolved, &given);
    if !into_output.is_empty() {
        staging.abandon();
        return Err(input_failure(into_output));
    }
    // What each file is once written, for the output's fingerprint.
    let records = inputs.map(|_| std::sync::Mutex::new(Vec::with_capacity(staged.jobs.len())));
    let files = match render_each(
        &staged,
        |_| true,
        |path, out| {
            let meta = staging.write(&path, &out)?;
            if let Some(records) = &records {
                let mut records = records.lock().unwrap_or_else(|e| e.into_inner());
                records.push(cache::manifest::Written::new(&path, &meta));
            }
            Ok(())
        },
    ) {
        Ok(n) => n,
        Err(failure) => {
            staging.abandon();
            return Err(failure);
        }
    };
    staged.stats.stage("render");
    // What the output will be once swapped in (a folder renamed whole keeps
    // what the fingerprint sees): the staging folder holds the marker and
    // the files written, which no one else may write.
    let written = records.and_then(|records| {
        let mut records = records.into_inner().unwrap_or_else(|e| e.into_inner());
        let marker = std::fs::symlink_metadata(staging.path.join(output_guard::MARKER)).ok()?;
        records.push(cache::manifest::Written::new(output_guard::MARKER, &marker));
        let written = cache::manifest::of_written(records);
        // Every test build checks that this is what a walk finds.
        debug_assert_eq!(
            Some(written),
            cache::manifest::fingerprint(&staging.path),
            "the files written are not the staging folder"
        );
        Some(written)
    });
    staging.finish().map_err(environment)?;
    staged.stats.stage("swap");
    if staged.stats.enabled() {
        eprint!("{}", staged.stats.report());
    }
    let next_change = staged.next_change;
    let bodies = staged.bodies.take();
    let site = staged.site();
    let summary = BuildSummary {
        output: staged.output.clone(),
        files,
        briefings: site.briefings.len(),
        companies: site.companies.len(),
        deals: site.deals.len(),
        tags: site.tags.len(),
        people: site.people.len(),
        warnings: site.warnings.clone(),
        left_out: site.left_out.clone(),
        unchanged: false,
        bodies_reused: staged.bodies_reused,
    };
    drop_later(staged);
    if let (Some(cache), Some(bodies)) = (&mut cache, bodies) {
        bodies.commit(cache);
    }
    if let (Some(cache), Some(inputs), Some(output)) = (&mut cache, inputs, written) {
        cache::last_build::LastBuild {
            inputs,
            output,
            due: next_change.map(|t| t.as_nanosecond()),
            summary: summary.encode(),
        }
        .write(cache);
    }
    Ok(summary)
}

/// Everything the output of a build depends on: the site's files, the
/// options that shape the pages, the output folder, and briefly itself.
fn build_inputs(options: &BuildOptions, resolved: &Path) -> Option<cache::hash::Key> {
    let files = cache::inputs::fingerprint(&options.root)?;
    let mut h = cache::hash::StableHasher::new("build");
    h.key(files)
        .str(&cache::version_tag())
        .bool(options.drafts)
        .bool(options.future)
        .bool(options.base_url.is_some())
        .str(options.base_url.as_deref().unwrap_or(""))
        .bytes(resolved.as_os_str().as_encoded_bytes());
    Some(h.finish())
}

/// The last build's summary, when it built these very inputs into this
/// output, the output is as it left it, and no scheduled briefing's time
/// has come since. If in doubt, `None`: build.
fn unchanged(
    cache: &cache::Cache,
    inputs: cache::hash::Key,
    resolved: &Path,
    given: &Path,
) -> Option<BuildSummary> {
    let last = cache::last_build::LastBuild::read(cache)?;
    if last.inputs != inputs {
        return None;
    }
    if last
        .due
        .is_some_and(|due| jiff::Timestamp::now().as_nanosecond() >= due)
    {
        return None;
    }
    if cache::manifest::fingerprint(resolved)? != last.output || !resolved.is_dir() {
        return None;
    }
    BuildSummary::decode(&last.summary, given.to_path_buf())
}

/// Validates everything a build would, writing nothing; returns the warnings,
/// including those only the rendered pages show (links, anchors, images).
pub fn check(options: &BuildOptions) -> Result<Vec<Diagnostic>, Failure> {
    let rendered = render_site(options)?;
    let mut warnings = rendered.site.warnings.clone();
    warnings.extend(check::content_warnings(
        &rendered.site,
        &rendered.files,
        &rendered.texts,
    ));
    Ok(Diagnostics(warnings).sorted().0)
}

/// The site folder for `--root`.
pub fn site_root(root: Option<&Path>) -> PathBuf {
    root.map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}
