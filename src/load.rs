//! Walking the site folder and reading files. Nothing is parsed here.

use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A text file of the site, normalised: no BOM, `\n` line ends.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root with `/` separators: how diagnostics name it.
    pub rel: String,
    pub text: String,
}

/// A file copied as it is: a static file or a briefing's colocated asset.
#[derive(Debug, Clone)]
pub struct AssetFile {
    /// Where it goes, relative to its destination folder, `/`-separated.
    pub rel_out: String,
    pub abs: PathBuf,
    /// How diagnostics name it.
    pub rel: String,
}

/// A briefing file and, for `NAME/index.md`, the folder's other files.
#[derive(Debug, Clone)]
pub struct BriefingSource {
    pub file: SourceFile,
    /// The language a `NAME.LANG.md` / `index.LANG.md` file names, on a site that declares it.
    pub lang: Option<String>,
    /// What a briefing and its translations share: the path without `.LANG.md`.
    pub group: String,
    /// The folder name for `NAME/index.md`, the file stem for `NAME.md`.
    pub stem: String,
    pub assets: Vec<AssetFile>,
}

#[derive(Debug, Default)]
pub struct Sources {
    pub briefings: Vec<BriefingSource>,
    pub companies: Vec<SourceFile>,
    pub pages: Vec<SourceFile>,
    pub static_files: Vec<AssetFile>,
    /// Site `templates/` overrides: (template name, file).
    pub templates: Vec<(String, SourceFile)>,
    /// `themes/NAME/templates/` of the configured theme, when the site has one.
    pub theme_templates: Option<Vec<(String, SourceFile)>>,
    pub theme_static: Vec<AssetFile>,
}

pub fn rel_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Strips a BOM and turns CRLF into LF; line numbers stay the same.
pub fn normalize_text(text: String) -> String {
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

/// Reads a text file; a missing or non-UTF-8 file is a diagnostic naming it.
pub fn read_text(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = rel_path(root, path);
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file_error(&rel, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::file_error(
            &rel,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(SourceFile {
        rel,
        text: normalize_text(text),
    })
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~')
}

/// Every file under `dir` (following links, skipping hidden ones), or diagnostics for what could not be walked.
fn walk(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| rel_path(root, dir), |p| rel_path(root, p));
                let message = if e.loop_ancestor().is_some() {
                    "a symbolic link loops back to a folder above it; remove the link".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                problems.push(Diagnostic::file_error(&path, message));
            }
        }
    }
    files
}

/// `index.md`, or `index.LANG.md` for a language of the site: a briefing folder.
fn is_bundle_index(path: &Path, languages: &[String]) -> bool {
    let stem = path
        .file_stem()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    is_markdown(path) && split_language(&stem, languages).0 == "index"
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

fn read_all(root: &Path, paths: Vec<PathBuf>, problems: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
    let results: Vec<_> = paths.par_iter().map(|p| read_text(root, p)).collect();
    let mut files = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => problems.push(d),
        }
    }
    files
}

fn assets_under(root: &Path, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<AssetFile> {
    walk(root, dir, problems)
        .into_iter()
        .map(|abs| AssetFile {
            rel_out: rel_path(dir, &abs),
            rel: rel_path(root, &abs),
            abs,
        })
        .collect()
}

fn templates_under(
    root: &Path,
    dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, SourceFile)> {
    let paths = walk(root, dir, problems);
    let names: Vec<String> = paths.iter().map(|p| rel_path(dir, p)).collect();
    names
        .into_iter()
        .zip(read_all(root, paths, problems))
        .collect()
}

/// `NAME.LANG.md` -> (`NAME`, Some(LANG)) when LANG is one of `languages`.
fn split_language<'a>(file_stem: &'a str, languages: &[String]) -> (&'a str, Option<String>) {
    match file_stem.rsplit_once('.') {
        Some((name, lang)) if languages.iter().any(|l| l == lang) => (name, Some(lang.to_string())),
        _ => (file_stem, None),
    }
}

/// Reads everything a build needs from the site at `root`. `languages` are the
/// site's languages when it declares more than one (translation files are
/// recognised only then).
/// Finds the site's sources and reads all but the briefings: those come with
/// an empty `text`, and the caller reads each as it parses it (`read_text`), so
/// a build never holds every source at once.
pub fn load(root: &Path, theme: &str, languages: &[String]) -> (Sources, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let content = root.join("content");
    let briefings_dir = content.join("briefings");

    let mut briefing_paths = Vec::new();
    let mut bundles = Vec::new();
    for path in walk(root, &briefings_dir, &mut problems) {
        if !is_markdown(&path) {
            continue;
        }
        if is_bundle_index(&path, languages) {
            let dir = path.parent().unwrap_or(&briefings_dir).to_path_buf();
            bundles.push((path.clone(), dir));
        }
        briefing_paths.push(path);
    }
    let bundle_dirs: Vec<&PathBuf> = bundles.iter().map(|(_, d)| d).collect();
    let mut briefings = Vec::new();
    for path in &briefing_paths {
        let file = SourceFile {
            rel: rel_path(root, path),
            text: String::new(),
        };
        // A Markdown file inside a bundle folder is part of that bundle, not a briefing.
        let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let is_index = is_bundle_index(path, languages);
        if !is_index && bundle_dirs.iter().any(|d| parent.starts_with(d)) {
            continue;
        }
        let file_stem = path
            .file_stem()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let (_, lang) = split_language(&file_stem, languages);
        let (stem, assets) = if is_index {
            let stem = parent
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let assets = assets_under(root, &parent, &mut problems)
                .into_iter()
                .filter(|a| !is_markdown(&a.abs))
                .collect();
            (stem, assets)
        } else {
            (
                split_language(&file_stem, languages).0.to_string(),
                Vec::new(),
            )
        };
        let group = if is_index {
            rel_path(root, &parent)
        } else {
            rel_path(root, &parent.join(&stem))
        };
        briefings.push(BriefingSource {
            file,
            lang,
            group,
            stem,
            assets,
        });
    }

    let company_paths: Vec<PathBuf> = walk(root, &content.join("companies"), &mut problems)
        .into_iter()
        .filter(|p| is_markdown(p))
        .collect();
    let companies = read_all(root, company_paths, &mut problems);
    let page_paths: Vec<PathBuf> = walk(root, &content.join("pages"), &mut problems)
        .into_iter()
        .filter(|p| is_markdown(p))
        .collect();
    let pages = read_all(root, page_paths, &mut problems);

    let static_files = assets_under(root, &root.join("static"), &mut problems);
    let templates = templates_under(root, &root.join("templates"), &mut problems);
    let theme_dir = root.join("themes").join(theme);
    let theme_templates = theme_dir
        .join("templates")
        .is_dir()
        .then(|| templates_under(root, &theme_dir.join("templates"), &mut problems));
    let theme_static = assets_under(root, &theme_dir.join("static"), &mut problems);

    (
        Sources {
            briefings,
            companies,
            pages,
            static_files,
            templates,
            theme_templates,
            theme_static,
        },
        problems,
    )
}
