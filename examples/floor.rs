//! The least work a cold build of a site must do with briefly's stack, timed
//! part by part: what no template or index change can take away.
//!
//!     cargo run --release --example floor -- --site DIR --built OUT --scratch TMP
//!
//! `DIR` is a briefly site (examples/gen_corpus.rs makes one), `OUT` a full
//! build of it (the files the format asks for), `TMP` an empty folder on the
//! same file system as the benchmark's output. Each part runs on every core
//! (rayon), as a build does:
//!
//! - `read`: every briefing file read into memory;
//! - `yaml`: each briefing's front matter parsed into a generic tree (serde-saphyr);
//! - `markdown`: each body to HTML with pulldown-cmark, code blocks highlighted
//!   by syntect into classes, and nothing else (no links, typography or summary);
//! - `write`: the bytes of every file of `OUT` written again under `TMP`, each
//!   folder made first: what the file system charges for the output alone.
//!
//! Not a test: the numbers depend on the machine. Compare with Hugo's wall
//! time measured in the same minute.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(PathBuf::from)
            .unwrap_or_else(|| panic!("usage: floor --site DIR --built OUT --scratch TMP"))
    };
    let (site, built, scratch) = (arg("--site"), arg("--built"), arg("--scratch"));
    let total = Instant::now();

    let started = Instant::now();
    let paths = files_under(&site.join("content/briefings"), "md");
    let texts: Vec<String> = paths
        .par_iter()
        .map(|p| std::fs::read_to_string(p).expect("a briefing reads"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    report(
        "read",
        started,
        format!("{} briefings, {} MB", texts.len(), bytes / 1_000_000),
    );

    let split: Vec<(&str, &str)> = texts.iter().map(|t| front_matter(t)).collect();
    let started = Instant::now();
    let fields: usize = split
        .par_iter()
        .map(|(yaml, _)| {
            let tree: serde_json::Value =
                serde_saphyr::from_str(yaml).expect("front matter parses");
            tree.as_object().map_or(0, |m| m.len())
        })
        .sum();
    report("yaml", started, format!("{fields} top-level fields"));

    let syntaxes = SyntaxSet::load_defaults_newlines();
    let started = Instant::now();
    let html: usize = split
        .par_iter()
        .map(|(_, body)| markdown(body, &syntaxes).len())
        .sum();
    report(
        "markdown",
        started,
        format!("{} MB of HTML", html / 1_000_000),
    );

    let outputs = files_under(&built, "");
    let contents: Vec<(PathBuf, Vec<u8>)> = outputs
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&built).expect("under the build");
            (
                scratch.join(rel),
                std::fs::read(p).expect("an output file reads"),
            )
        })
        .collect();
    let written: usize = contents.iter().map(|(_, b)| b.len()).sum();
    let started = Instant::now();
    contents.par_iter().for_each(|(path, bytes)| {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder is made");
        }
        std::fs::write(path, bytes).expect("a file is written");
    });
    report(
        "write",
        started,
        format!("{} files, {} MB", contents.len(), written / 1_000_000),
    );
    report(
        "all four",
        total,
        "(the wall time above includes untimed preparation)".into(),
    );
}

fn report(part: &str, started: Instant, what: String) {
    println!(
        "{part:<10} {:>8.0} ms   {what}",
        started.elapsed().as_secs_f64() * 1000.0
    );
}

/// Files under `dir` whose name ends in `ext` (every file for "").
fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("the folder walks"))
        .filter(|e| e.file_type().is_file() && e.path().to_string_lossy().ends_with(ext))
        .map(|e| e.into_path())
        .collect()
}

/// (front matter, body) of a briefing that opens with `---`.
fn front_matter(text: &str) -> (&str, &str) {
    let rest = text
        .strip_prefix("---\n")
        .expect("front matter opens the file");
    let end = rest.find("\n---\n").expect("front matter closes");
    (&rest[..end], &rest[end + 5..])
}

/// The body as HTML, fenced code highlighted into classes.
fn markdown(body: &str, syntaxes: &SyntaxSet) -> String {
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                code = Some((lang.to_string(), String::new()));
            }
            Event::Text(t) if code.is_some() => code.as_mut().expect("in a block").1.push_str(&t),
            Event::End(TagEnd::CodeBlock) if code.is_some() => {
                let (lang, text) = code.take().expect("in a block");
                events.push(Event::Html(highlight(&text, &lang, syntaxes).into()));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn highlight(code: &str, lang: &str, syntaxes: &SyntaxSet) -> String {
    let syntax = syntaxes
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, style);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .expect("syntect parses the line");
    }
    format!(
        "<pre class=\"code\"><code>{}</code></pre>\n",
        generator.finalize()
    )
}
