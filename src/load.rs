//! Walking the site folder and reading files. Nothing is parsed here.

use crate::diagnostics::Diagnostic;
pub use crate::model::asset::AssetFile;
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
    /// `data/rates.csv`, when the site has one: conversion rates over time.
    pub rates: Option<SourceFile>,
}

/// Where a site keeps its conversion rates over time.
pub const RATES_FILE: &str = "data/rates.csv";

/// `path` relative to `root`, `/`-separated: how messages name a file. A name
/// that is not UTF-8 keeps its valid parts and shows each bad byte as `\xNN`
/// (and a backslash as `\\`), so `caf\xE9.md` names the Latin-1 `café.md`.
pub fn rel_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| display_name(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as messages show it: itself when it is UTF-8, else its valid
/// parts with each bad byte as `\xNN` and each backslash as `\\`.
pub fn display_name(name: &std::ffi::OsStr) -> String {
    if let Some(text) = name.to_str() {
        return text.to_string();
    }
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// Whether every part of `path` below `root` is a UTF-8 name.
fn is_utf8_below(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root).unwrap_or(path).to_str().is_some()
}

/// The error for a file whose name, or the name of a folder it is in, is not
/// UTF-8: it cannot become a URL or a slug without changing, so it is named
/// (see `display_name`) and not used. The message says which to rename.
fn not_utf8_name(root: &Path, path: &Path) -> Diagnostic {
    let below = path.strip_prefix(root).unwrap_or(path);
    let folder = below
        .parent()
        .and_then(|p| p.components().find(|c| c.as_os_str().to_str().is_none()));
    let message = match folder {
        Some(folder) => format!(
            "the folder name `{}` is not UTF-8 (its bad bytes are shown as \\xNN); rename the \
             folder: names become URLs and messages, which are UTF-8 text",
            display_name(folder.as_os_str())
        ),
        None => "the file name is not UTF-8 (its bad bytes are shown as \\xNN); rename the file: \
                 names become URLs and messages, which are UTF-8 text"
            .to_string(),
    };
    Diagnostic::file_error(&rel_path(root, path), message)
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
    read_at(rel_path(root, path), path)
}

/// Reads the text file at `path`, named `rel` in messages.
fn read_at(rel: String, path: &Path) -> Result<SourceFile, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file_error(&rel, format!("cannot read the file: {e}")))?;
    let text = crate::utf8::into_string(bytes).map_err(|e| {
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

/// A file a walk found.
#[derive(Debug, Clone)]
struct Found {
    /// The path as walked, through any links: what names the file.
    path: PathBuf,
    /// Where the file really is, every link resolved: what is read or copied.
    real: PathBuf,
}

/// Walks the site's folders. Links are followed only while they stay inside
/// the site folder: one that resolves outside it is an error naming the link,
/// and nothing behind it is read.
struct Walker<'a> {
    root: &'a Path,
    /// The site folder with every link resolved.
    real_root: PathBuf,
}

impl<'a> Walker<'a> {
    fn new(root: &'a Path) -> Self {
        Walker {
            root,
            real_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Every file under `dir` (following links that stay inside the site;
    /// skipping hidden ones unless `keep_hidden`), or diagnostics for what
    /// could not be walked or leads outside the site.
    fn walk(&self, dir: &Path, keep_hidden: bool, problems: &mut Vec<Diagnostic>) -> Vec<Found> {
        if !dir.is_dir() {
            return Vec::new();
        }
        // Each link followed (and `dir` itself): where it really leads.
        let mut resolved: std::collections::HashMap<PathBuf, PathBuf> = Default::default();
        let mut outside = Vec::new();
        let mut files = Vec::new();
        let walker = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 {
                    if !keep_hidden && is_hidden(&e.file_name().to_string_lossy()) {
                        return false;
                    }
                    if !e.path_is_symlink() {
                        return true;
                    }
                }
                match e.path().canonicalize() {
                    Ok(real) if real.starts_with(&self.real_root) => {
                        resolved.insert(e.path().to_path_buf(), real);
                        true
                    }
                    Ok(_) => {
                        outside.push(self.outside(e.path()));
                        false
                    }
                    // What cannot be followed, walkdir reports.
                    Err(_) => true,
                }
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                Ok(_) => {}
                Err(e) => {
                    let path = e
                        .path()
                        .map_or_else(|| rel_path(self.root, dir), |p| rel_path(self.root, p));
                    let dangling = e.path().and_then(|p| std::fs::read_link(p).ok());
                    let message = if e.loop_ancestor().is_some() {
                        "a symbolic link loops back to a folder above it; remove the link"
                            .to_string()
                    } else if let Some(target) = dangling.filter(|_| {
                        e.io_error()
                            .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
                    }) {
                        format!(
                            "a symbolic link to nothing ({} does not exist); fix or remove the link",
                            display_name(target.as_os_str())
                        )
                    } else {
                        format!("cannot read: {e}")
                    };
                    problems.push(Diagnostic::file_error(&path, message));
                }
            }
        }
        problems.extend(outside);
        files
            .into_iter()
            .map(|path| {
                // The real place: below that of the deepest link (or `dir`) on the way.
                let real = path
                    .ancestors()
                    .find_map(|walked| {
                        let real = resolved.get(walked)?;
                        let rest = path.strip_prefix(walked).ok()?;
                        Some(if rest.as_os_str().is_empty() {
                            real.clone()
                        } else {
                            real.join(rest)
                        })
                    })
                    .unwrap_or_else(|| path.clone());
                Found { path, real }
            })
            .collect()
    }

    /// The error for `path`, which resolves outside the site: it names the
    /// link to blame, the first part of the path that leads outside.
    fn outside(&self, path: &Path) -> Diagnostic {
        let culprit = path
            .strip_prefix(self.root)
            .ok()
            .and_then(|rest| {
                let mut prefix = self.root.to_path_buf();
                rest.components().find_map(|c| {
                    prefix.push(c);
                    let real = prefix.canonicalize().ok()?;
                    (!real.starts_with(&self.real_root)).then(|| prefix.clone())
                })
            })
            .unwrap_or_else(|| path.to_path_buf());
        let real = culprit.canonicalize().unwrap_or_else(|_| culprit.clone());
        let kind = if real.is_dir() { "folder" } else { "file" };
        let is_link = culprit
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        let target = display_name(real.as_os_str());
        let message = if is_link {
            format!(
                "a symbolic link to a {kind} outside the site folder ({target}); briefly does \
                 not read or publish files outside the site: copy the {kind} into the site, \
                 or remove the link"
            )
        } else {
            format!(
                "this {kind} is outside the site folder ({target}); briefly does not read or \
                 publish files outside the site"
            )
        };
        Diagnostic::file_error(&rel_path(self.root, &culprit), message)
    }

    /// `files` whose names are UTF-8; each other one is an error naming it.
    fn named(&self, files: Vec<Found>, problems: &mut Vec<Diagnostic>) -> Vec<Found> {
        files
            .into_iter()
            .filter(|f| {
                let ok = is_utf8_below(self.root, &f.path);
                if !ok {
                    problems.push(not_utf8_name(self.root, &f.path));
                }
                ok
            })
            .collect()
    }

    /// The files of a static folder, copied verbatim: dotfiles included.
    fn static_under(&self, dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<AssetFile> {
        let found = self.walk(dir, true, problems);
        self.named(found, problems)
            .into_iter()
            .map(|f| AssetFile {
                rel_out: rel_path(dir, &f.path),
                rel: rel_path(self.root, &f.path),
                abs: f.real,
            })
            .collect()
    }

    /// The files of the bundle folder `dir` but its Markdown, from `all`
    /// (a walk in which `all[index]` is the bundle's index file).
    fn bundle_assets(
        &self,
        all: &[Found],
        index: usize,
        dir: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<AssetFile> {
        let inside = |i: usize| all[i].path.starts_with(dir);
        let start = (0..index).rev().take_while(|&i| inside(i)).last();
        let end = (index..all.len()).take_while(|&i| inside(i)).last();
        let run = &all[start.unwrap_or(index)..=end.unwrap_or(index)];
        let files = run
            .iter()
            .filter(|f| !is_markdown(&f.path))
            .cloned()
            .collect();
        self.named(files, problems)
            .into_iter()
            .map(|f| AssetFile {
                rel_out: rel_path(dir, &f.path),
                rel: rel_path(self.root, &f.path),
                abs: f.real,
            })
            .collect()
    }

    fn templates_under(
        &self,
        dir: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<(String, SourceFile)> {
        let found = self.walk(dir, false, problems);
        self.named(found, problems)
            .into_iter()
            .filter_map(|f| {
                let name = rel_path(dir, &f.path);
                match read_at(rel_path(self.root, &f.path), &f.real) {
                    Ok(file) => Some((name, file)),
                    Err(d) => {
                        problems.push(d);
                        None
                    }
                }
            })
            .collect()
    }

    /// Reads `files` in parallel, each from its real place.
    fn read_all(&self, files: Vec<Found>, problems: &mut Vec<Diagnostic>) -> Vec<SourceFile> {
        let results: Vec<_> = files
            .par_iter()
            .map(|f| read_at(rel_path(self.root, &f.path), &f.real))
            .collect();
        let mut read = Vec::new();
        for r in results {
            match r {
                Ok(f) => read.push(f),
                Err(d) => problems.push(d),
            }
        }
        read
    }
}

/// The error for `path` when it resolves outside the site folder `root`
/// through a link (site.toml, say), naming the link; `None` when it stays inside.
pub fn outside_the_site(root: &Path, path: &Path) -> Option<Diagnostic> {
    let walker = Walker::new(root);
    let real = path.canonicalize().ok()?;
    (!real.starts_with(&walker.real_root)).then(|| walker.outside(path))
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

/// `NAME.LANG.md` -> (`NAME`, Some(LANG)) when LANG is one of `languages`.
pub(crate) fn split_language<'a>(
    file_stem: &'a str,
    languages: &[String],
) -> (&'a str, Option<String>) {
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
    let walker = Walker::new(root);
    let content = root.join("content");
    let briefings_dir = content.join("briefings");

    // Every file under content/briefings/, in walk order: a folder's files
    // are next to each other, so a bundle's assets are a run around its index.
    let all = walker.walk(&briefings_dir, false, &mut problems);
    let markdown: Vec<usize> = (0..all.len())
        .filter(|&i| is_markdown(&all[i].path))
        .collect();
    let bundle_dirs: std::collections::HashSet<&Path> = markdown
        .iter()
        .map(|&i| all[i].path.as_path())
        .filter(|p| is_bundle_index(p, languages))
        .filter_map(Path::parent)
        .collect();
    let mut briefings = Vec::new();
    for &i in &markdown {
        let path = &all[i].path;
        // A Markdown file inside a bundle folder is part of that bundle, not a briefing.
        let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let is_index = is_bundle_index(path, languages);
        let in_bundle = parent
            .ancestors()
            .take_while(|d| d.starts_with(&briefings_dir))
            .any(|d| bundle_dirs.contains(d));
        if !is_index && in_bundle {
            continue;
        }
        if !is_utf8_below(root, path) {
            problems.push(not_utf8_name(root, path));
            continue;
        }
        let file = SourceFile {
            rel: rel_path(root, path),
            text: String::new(),
        };
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
            let assets = walker.bundle_assets(&all, i, &parent, &mut problems);
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

    let markdown_under = |dir: &Path, problems: &mut Vec<Diagnostic>| {
        let found: Vec<Found> = walker
            .walk(dir, false, problems)
            .into_iter()
            .filter(|f| is_markdown(&f.path))
            .collect();
        let found = walker.named(found, problems);
        walker.read_all(found, problems)
    };
    let companies = markdown_under(&content.join("companies"), &mut problems);
    let pages = markdown_under(&content.join("pages"), &mut problems);

    // static/ is copied verbatim: dotfiles too (`.well-known/`, `.nojekyll`).
    let static_files = walker.static_under(&root.join("static"), &mut problems);
    let templates = walker.templates_under(&root.join("templates"), &mut problems);
    let theme_dir = root.join("themes").join(theme);
    let theme_templates = theme_dir
        .join("templates")
        .is_dir()
        .then(|| walker.templates_under(&theme_dir.join("templates"), &mut problems));
    let theme_static = walker.static_under(&theme_dir.join("static"), &mut problems);

    let rates = read_rates(root, &mut problems);

    // A link above several walked folders (`content -> /elsewhere`) is reported once.
    let mut seen = std::collections::HashSet::new();
    problems.retain(|d| seen.insert((d.path.clone(), d.message.clone())));
    (
        Sources {
            briefings,
            companies,
            pages,
            static_files,
            templates,
            theme_templates,
            theme_static,
            rates,
        },
        problems,
    )
}

/// `data/rates.csv`, if there is one (a dangling link is one, and an error):
/// read only when it stays inside the site.
fn read_rates(root: &Path, problems: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let path = root.join(RATES_FILE);
    path.symlink_metadata().ok()?;
    if let Some(d) = outside_the_site(root, &path) {
        problems.push(d);
        return None;
    }
    read_text(root, &path).map_err(|d| problems.push(d)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn copied_files_are_taken_from_where_links_lead_as_checked() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("site.toml", "");
        write("shared/logo.svg", "<svg/>");
        write("shared/fonts/a.woff2", "font");
        write("static/.nojekyll", "");
        symlink("../shared/logo.svg", root.join("static/logo.svg")).unwrap();
        symlink("../shared/fonts", root.join("static/fonts")).unwrap();
        let (sources, problems) = load(root, "default", &[]);
        assert!(problems.is_empty(), "{problems:?}");
        let real = root.canonicalize().unwrap();
        let found: Vec<(&str, &str, PathBuf)> = sources
            .static_files
            .iter()
            .map(|a| (a.rel.as_str(), a.rel_out.as_str(), a.abs.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "static/.nojekyll",
                    ".nojekyll",
                    real.join("static/.nojekyll")
                ),
                (
                    "static/fonts/a.woff2",
                    "fonts/a.woff2",
                    real.join("shared/fonts/a.woff2")
                ),
                ("static/logo.svg", "logo.svg", real.join("shared/logo.svg")),
            ]
        );
        // A link changed after the check does not change what is copied.
        std::fs::remove_file(root.join("static/logo.svg")).unwrap();
        symlink("/etc/hostname", root.join("static/logo.svg")).unwrap();
        let out = tempfile::tempdir().unwrap();
        let copy = crate::render::Output::CopyFrom(found[2].2.clone());
        crate::write::write_file(out.path(), "logo.svg", &copy).unwrap();
        assert_eq!(
            std::fs::read(out.path().join("logo.svg")).unwrap(),
            b"<svg/>"
        );
    }

    #[test]
    fn names_that_are_not_utf8_show_their_bad_bytes() {
        assert_eq!(display_name(OsStr::new("café.md")), "café.md");
        assert_eq!(
            display_name(OsStr::from_bytes(b"caf\xe9.md")),
            "caf\\xE9.md"
        );
        assert_eq!(
            display_name(OsStr::from_bytes(b"a\\x41\xff")),
            "a\\\\x41\\xFF",
            "a backslash is doubled so an escape cannot be faked"
        );
        let root = Path::new("/site");
        let path = root.join(OsStr::from_bytes(b"content/briefings/caf\xe9.md"));
        assert_eq!(rel_path(root, &path), "content/briefings/caf\\xE9.md");
        assert!(!is_utf8_below(root, &path));
        assert!(is_utf8_below(root, &root.join("content/카페.md")));
        assert!(
            not_utf8_name(root, &path)
                .message
                .starts_with("the file name")
        );
        // The bad bytes in a folder: the folder is to be renamed, not the file.
        let path = root.join(OsStr::from_bytes(b"static/d\xfe/e/caf\xe9.txt"));
        let message = not_utf8_name(root, &path).message;
        assert!(
            message.starts_with("the folder name `d\\xFE` is not UTF-8"),
            "{message}"
        );
    }
}
