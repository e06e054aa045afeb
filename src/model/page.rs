//! Standalone pages: `content/pages/NAME.md` becomes `/NAME/`.

use super::slug::slugify;
use crate::diagnostics::Diagnostic;
use crate::front_matter::{self, Pos, error_at};
use crate::load::SourceFile;
use crate::markdown::{self, MarkdownOptions};
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: String,
    description: Option<String>,
    slug: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub source: String,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub draft: bool,
    pub body_html: String,
}

pub fn parse_page(file: &SourceFile, options: &MarkdownOptions) -> Result<Page, Vec<Diagnostic>> {
    let split = front_matter::split(file).map_err(|d| vec![d])?;
    let raw: RawPage = front_matter::deserialize(file, &split).map_err(|d| vec![d])?;
    let stem = file
        .rel
        .rsplit('/')
        .next()
        .and_then(|n| n.strip_suffix(".md"))
        .unwrap_or_default()
        .to_string();
    let (text, pos) = match &raw.slug {
        Some(s) => (s.value.clone(), Pos::of(&s.referenced, split.yaml_line)),
        None => (stem, Pos { line: 1, column: 1 }),
    };
    let slug = slugify(&text);
    let rendered = markdown::render(split.body, options, None);
    let mut errors = markdown::refused_errors(file, split.body, &rendered.refused);
    if slug.is_empty() {
        errors.insert(
            0,
            error_at(file, pos, format!("`{text}` gives an empty slug")),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Page {
        source: file.rel.clone(),
        slug,
        title: raw.title,
        description: raw.description,
        draft: raw.draft,
        body_html: rendered.html,
    })
}
