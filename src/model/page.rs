//! Standalone pages: `content/pages/NAME.md` becomes `/NAME/`.

#[derive(Debug, Clone)]
pub struct Page {
    pub source: String,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub draft: bool,
    pub body_html: String,
}
