//! Standalone pages: `content/pages/NAME.md` becomes `/NAME/`.

#[derive(Debug, Clone)]
pub struct Page {
    pub source: String,
    /// The language of a `NAME.LANG.md` translation; `None` for the original.
    pub lang: Option<String>,
    /// What a page and its translations share: the file name without `.LANG`.
    pub group: String,
    pub slug: String,
    /// Whether front matter set the slug (else a translation takes its original's).
    pub slug_explicit: bool,
    pub title: String,
    pub description: Option<String>,
    pub draft: bool,
    pub body_html: String,
}
