//! Parsing a standalone page.

use crate::diagnostics::Diagnostic;
use crate::front_matter::{self, Decoder, Pos};
use crate::load::SourceFile;
use crate::markdown::{self, MarkdownOptions};
use crate::model::page::Page;
use crate::model::slug::slugify;

const PAGE_KEYS: &[&str] = &["title", "description", "slug", "draft"];

/// Parses a standalone page, reporting every problem in its front matter.
/// `languages` are the site's when it declares several: `NAME.LANG.md`
/// translates `NAME.md` and shares its slug unless it sets one.
pub fn parse_page(
    file: &SourceFile,
    options: &MarkdownOptions,
    languages: &[String],
) -> Result<Page, Vec<Diagnostic>> {
    let split = front_matter::split(file).map_err(|d| vec![d])?;
    let tree = front_matter::parse_tree(file, &split).map_err(|d| vec![d])?;
    let mut dec = Decoder::new(file);
    let Some(fm) = dec.map(&tree, PAGE_KEYS) else {
        return Err(dec.into_errors());
    };
    let title = dec.required_text(&fm, "title");
    let description = dec.optional_text(&fm, "description").map(|t| t.value);
    let draft = dec.bool(&fm, "draft").unwrap_or(false);
    let file_stem = file
        .rel
        .rsplit('/')
        .next()
        .and_then(|n| n.strip_suffix(".md"))
        .unwrap_or_default();
    let (stem, lang) = crate::load::split_language(file_stem, languages);
    let stem = stem.to_string();
    let slug_text = dec.optional_text(&fm, "slug");
    let slug_explicit = slug_text.is_some();
    let (text, pos) = match slug_text {
        Some(s) => (s.value, s.pos),
        None => (stem.clone(), Pos { line: 1, column: 1 }),
    };
    let slug = slugify(&text);
    if slug.is_empty() {
        dec.error(pos, format!("`{text}` gives an empty slug"));
    }
    let rendered = markdown::render(split.body, options, None);
    let mut errors = dec.into_errors();
    errors.extend(markdown::refused_errors(
        file,
        split.body,
        &rendered.refused,
    ));
    match title {
        Some(title) if errors.is_empty() => Ok(Page {
            source: file.rel.clone(),
            lang,
            group: stem,
            slug,
            slug_explicit,
            title: title.value,
            description,
            draft,
            body_html: rendered.html,
        }),
        _ => Err(errors),
    }
}
