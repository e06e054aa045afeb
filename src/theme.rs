//! The default theme, embedded so a site without `themes/` builds.

macro_rules! theme_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../themes/default/templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = theme_files!(
    "base.html",
    "index.html",
    "briefing.html",
    "companies.html",
    "company.html",
    "deals.html",
    "deal.html",
    "tags.html",
    "tag.html",
    "page.html",
    "404.html",
    "people.html",
    "person.html",
    "search.html",
    "corrections.html",
    "company_deals.html",
    "company_quotes.html",
    "investors.html",
    "archive.html",
    "archive_year.html",
    "partials/pagination.html",
    "partials/briefing_item.html",
    "partials/deal_row.html",
    "partials/deal_kind.html",
    "partials/quote.html",
    "digest.html",
    "digest.txt",
    "digest.md",
);

const STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "deals.js",
        include_bytes!("../themes/default/static/deals.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../themes/default/static/favicon.svg"),
    ),
    (
        "search.js",
        include_bytes!("../themes/default/static/search.js"),
    ),
];

pub fn templates() -> &'static [(&'static str, &'static str)] {
    TEMPLATES
}

pub fn static_files() -> &'static [(&'static str, &'static [u8])] {
    STATIC
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn files_under(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        names.sort();
        names
    }

    /// A theme file added on disk but not embedded would work in this repository
    /// (which has `themes/default/`) and break every other site.
    #[test]
    fn every_file_of_the_default_theme_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut templates: Vec<String> = TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        templates.sort();
        assert_eq!(templates, files_under(&root.join("templates")));
        let mut statics: Vec<String> = STATIC.iter().map(|(n, _)| n.to_string()).collect();
        statics.sort();
        assert_eq!(statics, files_under(&root.join("static")));
    }
}
