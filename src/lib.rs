//! briefly: a static-site generator for AI-industry briefings.
//!
//! A build runs five stages with plain values in between:
//! load (files) -> parse (typed briefings, companies, pages) -> index (`Site`)
//! -> plan (one job per output file) -> render (bytes) -> write (atomic swap).

pub mod check;
pub mod config;
pub mod diagnostics;
pub mod front_matter;
pub mod highlight;
pub mod index;
pub mod load;
pub mod markdown;
pub mod model;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod theme;
pub mod write;

use config::{CONFIG_FILE, Config};
use diagnostics::{Diagnostic, Diagnostics};
use index::{Selection, Site, Texts};
use markdown::Linker;
use model::briefing::{ParseContext, parse_briefing};
use model::company::{Registry, parse_company};
use model::page::parse_page;
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

/// Every stage but the write: what `check` runs, and what `build` writes out.
pub fn render_site(options: &BuildOptions) -> Result<Rendered, Failure> {
    let t0 = std::time::Instant::now();
    let timing = std::env::var_os("BRIEFLY_TIMINGS").is_some();
    let lap = |what: &str| if timing { eprintln!("{what}: {} ms", t0.elapsed().as_millis()) };
    let (config, mut problems) = load_config(options)?;
    let root = &options.root;
    let (sources, load_problems) = load::load(root, &config.theme);
    problems.extend(load_problems);
    let mut texts: Texts = Texts::new();
    for f in sources.companies.iter().chain(sources.pages.iter()) {
        texts.insert(f.rel.clone(), f.text.clone());
    }
    for b in &sources.briefings {
        texts.insert(b.file.rel.clone(), b.file.text.clone());
    }
    let md_options = config.markdown_options();

    let parsed: Vec<_> = sources.companies.par_iter().map(parse_company).collect();
    let mut entries = Vec::new();
    for result in parsed {
        match result {
            Ok(parsed) => {
                let mut company = parsed.company;
                company.description_html = markdown::render(&parsed.body, &md_options, None).html;
                entries.push((company, parsed.aliases));
            }
            Err(d) => problems.push(d),
        }
    }
    let (registry, clashes) = Registry::new(entries, &texts);
    problems.extend(clashes);

    let linker = if config.link_companies {
        Linker::new(registry.link_names(), config.base_path())
    } else {
        None
    };
    let ctx = ParseContext {
        config: &config,
        linker: linker.as_ref(),
    };
    let parsed: Vec<_> = sources
        .briefings
        .par_iter()
        .map(|b| parse_briefing(b, &ctx))
        .collect();
    let mut briefings = Vec::new();
    for result in parsed {
        match result {
            Ok(b) => briefings.push(b),
            Err(ds) => problems.extend(ds),
        }
    }
    let mut pages = Vec::new();
    for file in &sources.pages {
        match parse_page(file, &md_options) {
            Ok(p) => pages.push(p),
            Err(d) => problems.push(d),
        }
    }

    lap("parsed");
    let selection = Selection {
        drafts: options.drafts,
        future: options.future,
    };
    let renderer = Renderer::new(&config, &sources);
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| root.join(&config.output_dir));
    let site = match index::index(config, briefings, &registry, pages, selection, &texts) {
        Ok(site) => Some(site),
        Err(ds) => {
            problems.extend(ds);
            None
        }
    };
    let renderer = match renderer {
        Ok(r) => Some(r),
        Err(ds) => {
            problems.extend(ds);
            None
        }
    };
    let (Some(site), Some(renderer), true) = (site, renderer, problems.is_empty()) else {
        return Err(input_failure(problems));
    };
    lap("indexed");
    let jobs = plan::plan(
        &site,
        &sources.static_files,
        &sources.theme_static,
        if sources.theme_templates.is_some() {
            &[]
        } else {
            theme::static_files()
        },
        &texts,
    )
    .map_err(input_failure)?;

    lap("planned");
    let results: Vec<_> = jobs
        .par_iter()
        .map(|job| {
            renderer
                .render(&site, job)
                .map(|out| (job.path.clone(), out))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => {
                if !errors.contains(&d) {
                    errors.push(d);
                }
            }
        }
    }
    lap("rendered");
    if !errors.is_empty() {
        return Err(input_failure(errors));
    }
    Ok(Rendered {
        site,
        files,
        output,
        texts,
    })
}

/// Builds the site into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Failure> {
    let rendered = render_site(options)?;
    let files = rendered.files.len();
    write::write_site(&rendered.output, rendered.files).map_err(|e| {
        Failure::Environment(format!("cannot write {}: {e}", rendered.output.display()))
    })?;
    let site = rendered.site;
    Ok(BuildSummary {
        output: rendered.output,
        files,
        briefings: site.briefings.len(),
        companies: site.companies.len(),
        deals: site.deals.len(),
        tags: site.tags.len(),
        people: site.people.len(),
        warnings: site.warnings,
    })
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
